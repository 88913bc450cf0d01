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
            'b.json: edges[0].relation: must be "support", "attack", "undercut", '
            '"contradiction", "entails" or "contrary", not "supports"',
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
            "b.json: argmap: must be 1 or 2 (the schema versions this argmap reads), not true",
        ),
        (
            "argmap",
            3,
            "b.json: argmap: must be 1 or 2 (the schema versions this argmap reads), not 3",
        ),
        (
            "argmap",
            2.0,
            "b.json: argmap: must be 1 or 2 (the schema versions this argmap reads), not 2.0",
        ),
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
        assert _refused(document) == 'b.json: not an argmap export (no "argmap": 2)'


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
    {"argmap": st.sampled_from([1, 2])}, optional=dict.fromkeys(KEYS[1:], JSON_VALUES)
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


# -- premise–conclusion structures (schema version 2) ----------------------------------------

PARSER_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "parser"
PCS_FIXTURES = sorted(PARSER_FIXTURES.glob("pcs-*.argdown"))

PCS_BRIEF = (
    "<Grades>: Uniform schools have better grades.\n\n"
    "(1) [Higher Grades]: Schools with uniforms report higher grades. #evidence\n"
    "----\n"
    "  <_ [Confound]: Schools that adopt uniforms differ.\n"
    "(2) [Cause]: Uniforms cause higher grades.\n"
    "(3) [Grades Matter]: What raises grades should be adopted.\n"
    "-- modus ponens {uses: [2, 3]} --\n"
    "(4) [Uniforms]: Schools should require uniforms.\n\n"
    "[Funding]: More money at the same time.\n"
    "  _> <Grades>\n"
    "  + [Cause]\n"
)
# nodes[0] is <Grades>, with pcs [Higher Grades] (1), [Cause] (2, step 1), [Grades Matter]
# (3), [Uniforms] (4, step 3); edges[0] undercuts step 1, edges[1] step 3, edges[2] is
# the support [Cause] -> [Funding]; nodes[6] is [Funding].


def _pcs_export() -> dict[str, Any]:
    amap = argmap.loads(PCS_BRIEF, "p.argdown")
    document: dict[str, Any] = json.loads(dumps(amap, evaluate(amap), argmap.check(amap)))
    return document


PCS_EXPORT = _pcs_export()


def _pcs_changed(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    document = copy.deepcopy(PCS_EXPORT)
    *parents, last = path
    target: Any = document
    for part in parents:
        target = target[part]
    target[last] = value
    return document


def _described(amap: argmap.ArgumentMap) -> list[Any]:
    """Everything the JSON carries of a map, in a form that compares."""
    return [
        amap.title,
        amap.front_matter,
        [node.id for node in amap.theses],
        [
            (
                node.id,
                node.title,
                node.type,
                node.kind,
                node.text,
                node.tags,
                node.data,
                node.section,
                node.untitled,
                [(o.span, o.is_reference, o.text) for o in node.occurrences],
                node.pcs,
            )
            for node in amap.nodes
        ],
        [(edge.key, edge.spans) for edge in amap.edges],
        amap.sections,
    ]


@pytest.mark.parametrize("fixture", PCS_FIXTURES, ids=lambda path: path.stem)
def test_a_brief_with_structures_reads_back_as_the_same_map(fixture: Path) -> None:
    brief = argmap.load(fixture)
    exported = dumps(brief, evaluate(brief), argmap.check(brief))
    assert json.loads(exported)["argmap"] == 2
    read = loads_json(exported, "b.json")
    assert any(node.pcs for node in read.nodes)
    assert _described(read) == _described(brief)
    # The map is the same as far as anything that reads it can tell: the findings, the
    # verdicts and the export itself.
    assert [(d.code, d.message, d.span, d.node) for d in argmap.check(read)] == [
        (d.code, d.message, d.span, d.node) for d in argmap.check(brief)
    ]
    assert dumps(read, evaluate(read), argmap.check(read)) == exported


def test_the_structure_read_is_the_one_written() -> None:
    amap = _read(PCS_EXPORT)
    grades = amap.node("argument:Grades")
    assert [(m.statement, m.role, m.number) for m in grades.pcs] == [
        ("statement:Higher Grades", "premise", 1),
        ("statement:Cause", "intermediary-conclusion", 2),
        ("statement:Grades Matter", "premise", 3),
        ("statement:Uniforms", "main-conclusion", 4),
    ]
    assert [m.inference is None for m in grades.pcs] == [True, False, True, False]
    second = grades.pcs[3].inference
    assert second is not None
    assert (second.rules, second.data) == (["modus ponens"], {"uses": [2, 3]})
    assert (second.span.line, second.span.column, second.span.end_column) == (8, 1, 33)
    assert grades.steps == (1, 3)
    assert grades.premises_of(3) == ["statement:Cause", "statement:Grades Matter"]
    assert [(e.source, e.relation, e.step) for e in amap.edges] == [
        ("statement:Confound", "undercut", 1),
        ("statement:Funding", "undercut", 3),
        ("statement:Cause", "support", None),
    ]
    assert amap.node("statement:Cause").pcs == ()


def test_an_inference_without_its_span_takes_the_arguments() -> None:
    document = copy.deepcopy(PCS_EXPORT)
    del document["nodes"][0]["pcs"][1]["inference"]["span"]
    del document["nodes"][0]["pcs"][3]["inference"]["rules"]
    del document["nodes"][0]["pcs"][3]["inference"]["data"]
    grades = _read(document).node("argument:Grades")
    first, second = grades.pcs[1].inference, grades.pcs[3].inference
    assert first is not None
    assert second is not None
    assert first.span == grades.span
    assert (first.span.line, first.span.column) == (1, 1)
    assert (second.rules, second.data, second.span.line) == ([], {}, 8)


def test_an_undercut_of_a_reconstructed_argument_without_a_step_undercuts_its_last() -> None:
    # As Argdown reads `_> <Grades>`: the undercut inference is the last one.
    document = copy.deepcopy(PCS_EXPORT)
    del document["edges"][0]["step"]
    amap = _read(document)
    assert [(e.source, e.step) for e in amap.edges[:2]] == [
        ("statement:Confound", 3),
        ("statement:Funding", 3),
    ]
    assert _read(_pcs_changed(("edges", 0, "step"), None)).edges[0].step == 3


def test_a_version_1_file_still_reads() -> None:
    # What argmap wrote before structures existed: the same fields, version 1.
    version_1 = {**EXPORT, "argmap": 1}
    amap = _read(version_1)
    assert _described(amap) == _described(_read(EXPORT))
    assert json.loads(dumps(amap))["argmap"] == 2
    assert all(node.pcs == () for node in amap.nodes)
    assert all(edge.step is None for edge in amap.edges)


@pytest.mark.parametrize("relation", ["entails", "contrary", "contradiction"])
def test_the_relations_of_strict_briefs_are_read(relation: str) -> None:
    amap = _read(_pcs_changed(("edges", 2, "relation"), relation))
    assert [edge.relation for edge in amap.edges] == ["undercut", "undercut", relation]


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("nodes", 0, "pcs"), {}, "nodes[0].pcs: must be a list, not an object"),
        (("nodes", 0, "pcs", 1), "Cause", "nodes[0].pcs[1]: must be an object, not a string"),
        (
            ("nodes", 0, "pcs", 1, "statement"),
            5,
            "nodes[0].pcs[1].statement: must be a string, not 5",
        ),
        (
            ("nodes", 0, "pcs", 1, "statement"),
            "statement:Nowhere",
            'nodes[0].pcs[1].statement: names no node: "statement:Nowhere"',
        ),
        (
            ("nodes", 0, "pcs", 2, "statement"),
            "argument:Grades",
            'nodes[0].pcs[2].statement: must name a statement, not the argument "argument:Grades"',
        ),
        (
            ("nodes", 0, "pcs", 1, "role"),
            "conclusion",
            'nodes[0].pcs[1].role: must be "premise", "intermediary-conclusion" or '
            '"main-conclusion", not "conclusion"',
        ),
        (
            ("nodes", 0, "pcs", 1, "role"),
            None,
            'nodes[0].pcs[1].role: must be "premise", "intermediary-conclusion" or '
            '"main-conclusion", not null',
        ),
        (
            ("nodes", 0, "pcs", 3, "role"),
            "intermediary-conclusion",
            'nodes[0].pcs[3].role: must be "main-conclusion" (the last member), '
            'not "intermediary-conclusion"',
        ),
        (
            ("nodes", 0, "pcs", 1, "role"),
            "main-conclusion",
            'nodes[0].pcs[1].role: must be "premise" or "intermediary-conclusion" (only the '
            'last member is the main conclusion), not "main-conclusion"',
        ),
        (
            ("nodes", 0, "pcs", 0, "role"),
            "intermediary-conclusion",
            'nodes[0].pcs[0].role: must be "premise" (a structure starts with a premise), '
            'not "intermediary-conclusion"',
        ),
        (
            ("nodes", 0, "pcs", 2, "role"),
            "intermediary-conclusion",
            'nodes[0].pcs[2]: missing field "inference"',
        ),
        (
            ("nodes", 0, "pcs", 1, "role"),
            "premise",
            "nodes[0].pcs[1].inference: only a conclusion has an inference",
        ),
        (
            ("nodes", 0, "pcs", 0, "inference"),
            {"rules": [], "data": {}},
            "nodes[0].pcs[0].inference: only a conclusion has an inference",
        ),
        (
            ("nodes", 0, "pcs", 2, "number"),
            -1,
            "nodes[0].pcs[2].number: must be an integer from 0 up, not -1",
        ),
        (
            ("nodes", 0, "pcs", 2, "number"),
            "3",
            "nodes[0].pcs[2].number: must be an integer from 0 up, not a string",
        ),
        (
            ("nodes", 0, "pcs", 2, "number"),
            3.0,
            "nodes[0].pcs[2].number: must be an integer from 0 up, not 3.0",
        ),
        (
            ("nodes", 0, "pcs", 2, "number"),
            True,
            "nodes[0].pcs[2].number: must be an integer from 0 up, not true",
        ),
        (
            ("nodes", 0, "pcs", 1, "inference"),
            [],
            "nodes[0].pcs[1].inference: must be an object, not a list",
        ),
        (
            ("nodes", 0, "pcs", 3, "inference", "rules"),
            "modus ponens",
            "nodes[0].pcs[3].inference.rules: must be a list, not a string",
        ),
        (
            ("nodes", 0, "pcs", 3, "inference", "rules", 0),
            3,
            "nodes[0].pcs[3].inference.rules[0]: must be a string, not 3",
        ),
        (
            ("nodes", 0, "pcs", 3, "inference", "data"),
            [2, 3],
            "nodes[0].pcs[3].inference.data: must be an object, not a list",
        ),
        (
            ("nodes", 0, "pcs", 3, "inference", "data", "uses", 0),
            float("nan"),
            "nodes[0].pcs[3].inference.data.uses[0]: must be a finite number, not NaN",
        ),
        (
            ("nodes", 0, "pcs", 3, "inference", "span", "line"),
            0,
            "nodes[0].pcs[3].inference.span.line: must be an integer from 1 to 2147483647, not 0",
        ),
        (
            ("nodes", 0, "pcs", 3, "verdict"),
            "maybe",
            'nodes[0].pcs[3].verdict: must be "in", "out" or "undecided", not "maybe"',
        ),
        (
            ("nodes", 6, "pcs"),
            [{"statement": "statement:Cause", "role": "main-conclusion", "number": 1}],
            "nodes[6].pcs: only an argument has a premise–conclusion structure",
        ),
        (
            ("edges", 0, "step"),
            7,
            'edges[0].step: must be 1 or 3 (the index in the pcs of "argument:Grades" of a '
            "conclusion), not 7",
        ),
        (
            ("edges", 0, "step"),
            0,
            'edges[0].step: must be 1 or 3 (the index in the pcs of "argument:Grades" of a '
            "conclusion), not 0",
        ),
        (
            ("edges", 0, "step"),
            -1,
            'edges[0].step: must be 1 or 3 (the index in the pcs of "argument:Grades" of a '
            "conclusion), not -1",
        ),
        (
            ("edges", 0, "step"),
            "1",
            'edges[0].step: must be 1 or 3 (the index in the pcs of "argument:Grades" of a '
            "conclusion), not a string",
        ),
        (
            ("edges", 0, "step"),
            True,
            'edges[0].step: must be 1 or 3 (the index in the pcs of "argument:Grades" of a '
            "conclusion), not true",
        ),
        (
            ("edges", 2, "step"),
            1,
            'edges[2].step: only an undercut has a step, not "support"',
        ),
        (
            ("edges", 0, "relation"),
            "attack",
            'edges[0].step: only an undercut has a step, not "attack"',
        ),
        (
            ("edges", 0, "target"),
            "statement:Funding",
            'edges[0].step: the target "statement:Funding" has no premise–conclusion '
            "structure, so no inference to undercut",
        ),
    ],
)
def test_a_wrong_structure_is_named_by_its_path(
    path: tuple[str | int, ...], value: Any, message: str
) -> None:
    assert _refused(_pcs_changed(path, value)) == f"b.json: {message}"


@pytest.mark.parametrize("key", ["statement", "role", "number"])
def test_a_member_without_a_field_is_named(key: str) -> None:
    document = copy.deepcopy(PCS_EXPORT)
    del document["nodes"][0]["pcs"][2][key]
    assert _refused(document) == f'b.json: nodes[0].pcs[2]: missing field "{key}"'


def test_a_step_of_a_structure_with_one_inference_is_named() -> None:
    document = copy.deepcopy(PCS_EXPORT)
    pcs = document["nodes"][0]["pcs"]
    del pcs[1:3]  # (1), an inference, (4): one step, at index 1
    document["edges"][0]["step"] = 3
    assert _refused(document) == (
        'b.json: edges[0].step: must be 1 (the index in the pcs of "argument:Grades" of a '
        "conclusion), not 3"
    )


def test_an_empty_structure_is_none() -> None:
    document = _pcs_changed(("nodes", 0, "pcs"), [])
    for edge in document["edges"]:
        edge.pop("step", None)
    amap = _read(document)
    assert amap.node("argument:Grades").pcs == ()
    assert [edge.step for edge in amap.edges] == [None, None, None]


def _structure_places(document: Any) -> list[tuple[Any, Any]]:
    """The places within structures and edges, where version 2's fields are (every place,
    when mutations have left none)."""
    places = _places(document)
    inside: set[int] = set()
    for container, key in places:
        value = container[key]
        if key in ("pcs", "edges") and isinstance(value, (dict, list)):
            inside.add(id(value))
            inside.update(id(item) for item, _ in _places(value))
    return [place for place in places if id(place[0]) in inside] or places


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_mutated_export_with_structures_is_read_or_refused(data: st.DataObject) -> None:
    document = copy.deepcopy(PCS_EXPORT)
    for _ in range(data.draw(st.integers(1, 3))):
        container, key = data.draw(st.sampled_from(_structure_places(document)))
        action = data.draw(st.sampled_from(["replace", "delete", "number", "text"]))
        if action == "delete":
            del container[key]
        elif action == "number":
            container[key] = data.draw(st.sampled_from([0, -1, 1, 3, 4, 2**31, 1.5, True]))
        elif action == "text":
            container[key] = data.draw(
                st.sampled_from(
                    ["", "\ud800", "premise", "main-conclusion", "undercut", "argument:Grades"]
                )
            )
        else:
            container[key] = data.draw(JSON_VALUES)
    _never_crashes(document)
