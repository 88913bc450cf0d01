"""Reading argmap's JSON export back: anything that is not such an export is refused with
the JSON path of the first problem, never a traceback."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.evaluate import evaluate
from argmap.exporters.json import dumps
from argmap.jsonread import JsonBriefError, loads_json
from argmap.loader import BriefError
from tests.cli_runner import assert_no_traceback, run

BRIEF = (
    "===\ntitle: Uniforms\nyear: 2024\n===\n\n# Case\n\n"
    "[A]: Uniforms help. #thesis\n"
    '  + [B]: Survey. #evidence {cite: "Doe 2019", year: 2019, tags: [x, y]}\n'
    "  - <C>: Costs.\n    - [A]\n\n"
    "[D]: d {x: [1, 2}\n"
)


def _export() -> dict[str, Any]:
    amap = argmap.loads(BRIEF, "b.argdown")
    document: dict[str, Any] = json.loads(dumps(amap, evaluate(amap), argmap.check(amap)))
    return document


EXPORT = _export()


def _read(document: Any) -> argmap.ArgumentMap:
    return loads_json(json.dumps(document), "b.json")


def _refused(document: Any) -> str:
    with pytest.raises(JsonBriefError) as raised:
        _read(document)
    return str(raised.value)


def _changed(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    document = copy.deepcopy(EXPORT)
    *parents, last = path
    target: Any = document
    for part in parents:
        target = target[part]
    target[last] = value
    return document


def test_the_export_reads_back() -> None:
    amap = _read(EXPORT)
    assert [node.id for node in amap.nodes] == [
        "statement:A",
        "statement:B",
        "argument:C",
        "statement:D",
    ]
    assert [d.message for d in amap.diagnostics] == [
        "data: invalid YAML: did not find expected ',' or ']'"
    ]
    assert dumps(amap, evaluate(amap), argmap.check(amap)) == dumps(
        argmap.loads(BRIEF, "b.argdown"),
        evaluate(argmap.loads(BRIEF, "b.argdown")),
        argmap.check(argmap.loads(BRIEF, "b.argdown")),
    )


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ("nodes", 3, "spans", 0, "line"),
            "7",
            "b.json: nodes[3].spans[0].line: must be an integer from 1 to 2147483647, not a string",
        ),
        (
            ("nodes", 1, "span", "column"),
            0,
            "b.json: nodes[1].span.column: must be an integer from 1 to 2147483647, not 0",
        ),
        (
            ("nodes", 1, "span", "column"),
            7.0,
            "b.json: nodes[1].span.column: must be an integer from 1 to 2147483647, not 7.0",
        ),
        (
            ("edges", 0, "spans", 0, "end_line"),
            True,
            "b.json: edges[0].spans[0].end_line: must be an integer from 1 to 2147483647, not true",
        ),
        (
            ("findings", 0, "severity"),
            "fatal",
            'b.json: findings[0].severity: must be "info", "warning" or "error", not "fatal"',
        ),
        (
            ("findings", 0, "severity"),
            None,
            'b.json: findings[0].severity: must be "info", "warning" or "error", not null',
        ),
        (
            ("findings", 0),
            [1],
            "b.json: findings[0]: must be an object, not a list",
        ),
        ("nodes", {}, "b.json: nodes: must be a list, not an object"),
        ("front_matter", [], "b.json: front_matter: must be an object, not a list"),
        (
            ("nodes", 0, "title"),
            12,
            "b.json: nodes[0].title: must be a string, not 12",
        ),
        (
            ("nodes", 0, "type"),
            "claim",
            'b.json: nodes[0].type: must be "statement" or "argument", not "claim"',
        ),
        (
            ("nodes", 0, "id"),
            "statement:B",
            'b.json: nodes[0].id: must be its type and title, "statement:A"',
        ),
        (
            ("nodes", 1, "id"),
            "statement:A",
            'b.json: nodes[1].id: must be its type and title, "statement:B"',
        ),
        (
            ("nodes", 0, "untitled"),
            "no",
            "b.json: nodes[0].untitled: must be true or false, not a string",
        ),
        (
            ("nodes", 0, "tags"),
            ["thesis", None],
            "b.json: nodes[0].tags[1]: must be a string, not null",
        ),
        (
            ("nodes", 1, "data", "year"),
            float("nan"),
            "b.json: nodes[1].data.year: must be a finite number, not NaN",
        ),
        (
            ("nodes", 1, "data", "odd key"),
            [float("inf")],
            'b.json: nodes[1].data["odd key"][0]: must be a finite number, '
            "not a number too large to hold",
        ),
        (
            ("edges", 0, "relation"),
            "supports",
            'b.json: edges[0].relation: must be "support", "attack", "undercut" or '
            '"contradiction", not "supports"',
        ),
        (
            ("edges", 1, "target"),
            "statement:Z",
            'b.json: edges[1].target: names no node: "statement:Z"',
        ),
        (
            ("sections", 0, "level"),
            1001,
            "b.json: sections[0].level: must be an integer from 1 to 1000, not 1001",
        ),
        (
            ("nodes", 0, "spans", 0, "end_line"),
            1,
            "b.json: nodes[0].spans[0].end_line: must not be before line 8",
        ),
        (
            ("nodes", 2, "status"),
            "maybe",
            'b.json: nodes[2].status: must be "in", "out" or "undecided", not "maybe"',
        ),
        (
            "argmap",
            True,
            "b.json: argmap: must be 1 (the schema version this argmap reads), not true",
        ),
        ("argmap", 2, "b.json: argmap: must be 1 (the schema version this argmap reads), not 2"),
        ("title", ["T"], "b.json: title: must be a string or null, not a list"),
    ],
)
def test_a_wrong_field_is_named_by_its_path(
    path: str | tuple[str | int, ...], value: Any, message: str
) -> None:
    assert _refused(_changed(path if isinstance(path, tuple) else (path,), value)) == message


def test_a_missing_field_is_named() -> None:
    document = copy.deepcopy(EXPORT)
    del document["nodes"][2]["title"]
    assert _refused(document) == 'b.json: nodes[2]: missing field "title"'
    document = copy.deepcopy(EXPORT)
    del document["edges"]
    assert _refused(document) == 'b.json: the document: missing field "edges"'
    document = copy.deepcopy(EXPORT)
    del document["nodes"][0]["spans"]
    del document["nodes"][0]["span"]
    assert _refused(document) == 'b.json: nodes[0]: missing field "spans" (or "span")'


def test_not_an_export() -> None:
    documents: list[Any] = [None, [], "x", {"nodes": []}]
    for document in documents:
        assert _refused(document) == 'b.json: not an argmap export (no "argmap": 1)'


# Numbers JSON can write but a line number cannot be; given as text, as a user's file has them.
NUMBER_IN_A_LINE = '{"argmap": 1, "nodes": [{"id": "statement:A", "title": "A", "type": "statement", "span": {"file": "b", "line": LINE, "column": 1}}], "edges": []}'  # noqa: E501


def test_a_line_number_of_1e400_is_refused() -> None:
    with pytest.raises(JsonBriefError) as raised:
        loads_json(NUMBER_IN_A_LINE.replace("LINE", "1e400"), "b.json")
    assert str(raised.value) == (
        "b.json: nodes[0].span.line: must be an integer from 1 to 2147483647, "
        "not a number too large to hold"
    )


def test_a_line_number_of_4000_digits_is_refused() -> None:
    with pytest.raises(JsonBriefError) as raised:
        loads_json(NUMBER_IN_A_LINE.replace("LINE", "9" * 4000), "b.json")
    assert str(raised.value) == (
        "b.json: nodes[0].span.line: must be an integer from 1 to 2147483647, "
        "not a number of 4000 digits"
    )


def test_a_line_number_of_5000_digits_is_refused_where_it_is() -> None:
    text = NUMBER_IN_A_LINE.replace("LINE", "7" * 5000)
    with pytest.raises(JsonBriefError) as raised:
        loads_json(text, "b.json")
    column = text.index("7777") + 1
    assert column == 112
    assert str(raised.value) == "b.json:1:112: invalid JSON: a number with too many digits"


def test_a_lone_surrogate_is_refused_where_it_is() -> None:
    # json.loads reads "\ud800" into a string that cannot be printed or written as UTF-8.
    text = json.dumps(_changed(("nodes", 1, "title"), "B\ud800"))
    with pytest.raises(JsonBriefError) as raised:
        loads_json(text, "b.json")
    assert str(raised.value) == (
        "b.json: nodes[1].title: has a lone surrogate \\ud800, which is not a character"
    )
    text = json.dumps(_changed(("nodes", 1, "data", "c\udfffite"), "x"))
    with pytest.raises(JsonBriefError) as raised:
        loads_json(text, "b.json")
    assert str(raised.value) == (
        'b.json: nodes[1].data["c\\udfffite"]: has a lone surrogate \\udfff, '
        "which is not a character"
    )


def test_a_surrogate_pair_is_one_character() -> None:
    text = json.dumps(_changed(("nodes", 0, "text"), "a \U0001f600"))  # "\ud83d\ude00"
    assert "\\ud83d\\ude00" in text
    assert _read(json.loads(text)).node("statement:A").text == "a \U0001f600"


def test_deep_data_is_refused() -> None:
    deep: Any = 1
    for _ in range(101):
        deep = [deep]
    message = _refused(_changed(("nodes", 1, "data", "x"), deep))
    assert message == (
        "b.json: nodes[1].data.x" + "[0]" * 99 + ": data nested more than 100 levels deep"
    )


def test_the_loader_raises_brief_error_and_the_cli_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(json.dumps(_changed(("findings", 0, "severity"), "fatal")), "utf-8")
    with pytest.raises(BriefError) as raised:
        argmap.load(path)
    expected = f'{path}: findings[0].severity: must be "info", "warning" or "error", not "fatal"'
    assert str(raised.value) == expected
    for command in (["check"], ["show"], ["export"]):
        result = run([*command, str(path)])
        assert_no_traceback(result)
        assert result.exit_code == 2
        assert result.stderr == f"argmap: error: {expected}\n"
        assert result.stdout == ""


# -- no traceback, whatever the JSON ---------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(st.characters(), max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
KEYS = ["argmap", "nodes", "edges", "findings", "sections", "theses", "front_matter", "title"]
SHAPED = st.fixed_dictionaries(
    {"argmap": st.just(1)}, optional=dict.fromkeys(KEYS[1:], JSON_VALUES)
)


def _use(amap: argmap.ArgumentMap) -> None:
    """What the commands do with a map that was read: check it, evaluate it, export it
    and print its findings, all as UTF-8."""
    findings = argmap.check(amap)
    dumps(amap, evaluate(amap), findings).encode("utf-8")
    for finding in findings:
        f"{finding.span.file}:{finding.span.line}: {finding.message}".encode()


def _never_crashes(document: Any) -> None:
    try:
        text = json.dumps(document)
    except ValueError:  # a float json.dumps refuses
        return
    try:
        amap = loads_json(text, "b.json")
    except JsonBriefError as error:
        str(error).encode("utf-8")  # the message itself prints
        return
    _use(amap)


@settings(max_examples=300, deadline=None)
@given(st.one_of(JSON_VALUES, SHAPED))
def test_any_json_is_read_or_refused(document: Any) -> None:
    _never_crashes(document)


def _places(document: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) of the document, iteratively, in a fixed order."""
    places: list[tuple[Any, Any]] = []
    stack = [document]
    while stack:
        item = stack.pop()
        keys = list(item) if isinstance(item, dict) else range(len(item))
        for key in keys:
            places.append((item, key))
            if isinstance(item[key], (dict, list)):
                stack.append(item[key])
    return places


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_mutated_export_is_read_or_refused(data: st.DataObject) -> None:
    document = copy.deepcopy(EXPORT)
    for _ in range(data.draw(st.integers(1, 3))):
        places = _places(document)
        container, key = data.draw(st.sampled_from(places))
        action = data.draw(st.sampled_from(["replace", "delete", "number", "text"]))
        if action == "delete":
            del container[key]
        elif action == "number":
            container[key] = data.draw(
                st.sampled_from([0, -1, 1, 2**31, 10**30, 1.5, float("inf"), True])
            )
        elif action == "text":
            container[key] = data.draw(
                st.sampled_from(["", "\ud800", "x\udc00", "fatal", "statement:A", "s1"])
            )
        else:
            container[key] = data.draw(JSON_VALUES)
    _never_crashes(document)
