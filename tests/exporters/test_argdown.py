"""The Argdown exporter: golden files, and the round trip — reading the export gives the
same map — on the briefs, the parser fixtures and generated briefs full of syntax."""

from __future__ import annotations

import dataclasses
import json
import re
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import argmap
from argmap.diagnostics import SYNTAX_ERROR
from argmap.exporters import ExportError, argdown, exporter, format_for_suffix
from argmap.exporters.argdown import escape_text, export, flow_yaml
from argmap.exporters.argdown.fingerprint import difference, fingerprint
from argmap.exporters.argdown.spelling import inference_line
from argmap.jsonread import loads_json
from argmap.model import ArgumentMap
from argmap.syntax.yamldata import load_data

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tests.agreement import reduce_map  # noqa: E402

BRIEFS = sorted((ROOT / "briefs").glob("*.argdown"))
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "parser").glob("*.argdown"))
VALID_FIXTURES = [path for path in FIXTURES if "error-" not in path.name]
ERROR_FIXTURES = [path for path in FIXTURES if "error-" in path.name]

SETTINGS = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def reading(amap: ArgumentMap) -> object:
    """What a user reads in a map, listed here rather than taken from the exporter's own
    fingerprint (which the exporter has already compared): every node with its text,
    plain text, tags, data, section and kind, the relations (with the inference an
    undercut targets), the premise–conclusion structures, the headings, the front
    matter."""
    return (
        amap.title,
        json.dumps(amap.front_matter, sort_keys=True, default=str),
        [
            (
                n.id,
                n.type,
                n.title,
                n.text,
                n.plain_text,
                n.tags,
                json.dumps(n.data, sort_keys=True, default=str),
                n.section,
                n.untitled,
                n.is_defined,
            )
            for n in amap.nodes
        ],
        sorted(
            (e.source, e.target, e.relation, -1 if e.step is None else e.step) for e in amap.edges
        ),
        [
            (
                n.id,
                [
                    (
                        m.statement,
                        m.role,
                        m.number,
                        None if m.inference is None else m.inference.rules,
                        None if m.inference is None else json.dumps(m.inference.data),
                    )
                    for m in n.pcs
                ],
            )
            for n in amap.nodes
            if n.pcs
        ],
        [(s.id, s.level, s.title, s.parent, s.tags, s.data) for s in amap.sections],
    )


def round_trip(amap: ArgumentMap) -> str:
    """Export, read back, and check that the map is the same and the export stable."""
    text = export(amap)
    again = argmap.loads(text)
    assert [d for d in again.diagnostics if d.code == SYNTAX_ERROR.code] == []
    assert reading(again) == reading(amap)
    assert export(again) == text
    return text


def has_syntax_errors(amap: ArgumentMap) -> bool:
    return any(d.code == SYNTAX_ERROR.code for d in amap.diagnostics)


# -- the module ---------------------------------------------------------------------------


def test_exporter_interface() -> None:
    assert exporter("argdown") is argdown
    assert (argdown.NAME, argdown.SUFFIX, argdown.BINARY) == ("argdown", ".argdown", False)
    assert format_for_suffix(".argdown") == "argdown"


# -- golden files and the round trip on real briefs -------------------------------------------


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda path: path.stem)
def test_golden(brief: Path, golden: Callable[[str, str | bytes], None]) -> None:
    golden(f"{brief.stem}.argdown", export(argmap.load(brief)))


@pytest.mark.parametrize("brief", BRIEFS + VALID_FIXTURES, ids=lambda path: path.stem)
def test_round_trip(brief: Path) -> None:
    amap = argmap.load(brief)
    assert not has_syntax_errors(amap)
    round_trip(amap)


@pytest.mark.parametrize("brief", ERROR_FIXTURES, ids=lambda path: path.stem)
def test_refuses_briefs_with_syntax_errors(brief: Path) -> None:
    amap = argmap.load(brief)
    if not has_syntax_errors(amap):  # an unknown thesis is an error, but not of syntax
        round_trip(amap)
        return
    with pytest.raises(ExportError, match="syntax errors"):
        export(amap)


AGREEMENT = sorted((ROOT / "tests" / "fixtures" / "agreement").glob("*.argdown"))


@pytest.mark.parametrize("brief", BRIEFS + AGREEMENT, ids=lambda path: path.stem)
def test_export_reads_as_argdown_read_the_brief(brief: Path) -> None:
    # Argdown's own CLI read each of these briefs into a reference file (titles, texts,
    # relations): argmap's reading of the export must give the same.
    if brief.parent.name == "briefs":
        reference = ROOT / "tests" / "fixtures" / "briefs" / (brief.name + "-cli.json")
    else:
        reference = brief.with_name(brief.name + "-cli.json")
    expected = json.loads(reference.read_text("utf-8"))
    assert reduce_map(argmap.loads(export(argmap.load(brief)))) == expected


def test_a_long_line_exports_in_little_memory() -> None:
    # A statement of one long line: the export once held about 530 bytes for each of
    # its characters. Measured on 30,000 characters (tracemalloc is slow).
    size = 30_000
    text = ("word, " * size)[: size - 1].strip()
    amap = argmap.loads(f"[A]: {text}\n")
    tracemalloc.start()
    try:
        written = export(amap)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert written == f"[A]: {text}\n"
    assert peak < 250 * size


def test_tour_keeps_every_construct() -> None:
    tour = ROOT / "briefs" / "language-tour.argdown"
    text = round_trip(argmap.load(tour))
    assert text.startswith("===\ntitle: School uniforms (a tour of the brief language)\n")
    assert "#(cost issue)" in text
    assert "*learning*" in text
    assert "**free**" in text
    assert "@[Cost]" in text
    assert "[district FAQ](https://example.org/x)" in text
    assert r"\[not a ref\]" in text  # the brief's own escapes
    assert '{cite: "Doe 2019", url: "https://example.org/doe-2019"}' in text
    # Contradictions are written under their source, after both nodes.
    assert "[Uniforms]\n  >< [Free Choice]" in text


def test_layout_of_a_small_brief() -> None:
    brief = (
        "===\ntitle: Phones\n===\n\n"
        "[Ban]: Schools should ban phones. #thesis\n"
        "  + [Focus]: Phones distract. {weight: 2}\n"
        "  - <Safety>: Parents need to reach children.\n\n"
        "# Evidence\n\n"
        "[Study]: A 2019 study found better grades. #evidence\n"
        "  +> [Focus]\n"
    )
    assert round_trip(argmap.loads(brief)) == (
        "===\ntitle: Phones\n===\n\n"
        "[Ban]: Schools should ban phones. #thesis\n\n"
        "[Focus]: Phones distract. {weight: 2}\n  +> [Ban]\n\n"
        "<Safety>: Parents need to reach children.\n  -> [Ban]\n\n"
        "# Evidence\n\n"
        "[Study]: A 2019 study found better grades. #evidence\n  +> [Focus]\n"
    )


def test_relation_under_the_later_node_keeps_the_order() -> None:
    brief = "[A]: a\n\n[B]: b\n\n[C]: c\n  +> [A]\n  - [B]\n"
    amap = argmap.loads(brief)
    text = round_trip(amap)
    assert text == brief
    assert [node.title for node in argmap.loads(text).nodes] == ["A", "B", "C"]


# -- text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        r"Brackets \[x\], braces \{y\}, a hash \#notatag and 5\*3 and snake\_case.",
        r"A backslash \\ and \<angle\> and \@\[mention\].",
        r"Not a comment: a\//b, a\/\*b, \<!-- c.",
        r"Escaped shortcodes \.A. and \:+1: stay as written.",
        r"Front matter markers \=== in text.",
        "Tags #one and #(two words) and **bold** and *it* and __b__ and _i_.",
        "Shortcodes .A. and :+1: become symbols; unknown .notacode. stays.",
        "A [link](https://example.org/a?b=c) and @[Some Title] and @<Some Arg>.",
        "Punctuation: a, b; c: d. (e) - f > g < h ] i } j.",
        "Double  spaces  and a tab\there.",
    ],
)
def test_text_round_trip(text: str) -> None:
    amap = argmap.loads(f"[T]: {text}\n\n{text}\n")
    assert not has_syntax_errors(amap)
    round_trip(amap)


@pytest.mark.parametrize(
    "untitled",
    [
        "1. Not a list item",
        "+ not a relation",
        "- not an attack",
        "> quote",
        "(1) not a premise",
        "-- not an inference",
        "# not a heading",
        "=== not front matter ===",
        ", a leading comma",
        "} a leading brace",
    ],
)
def test_untitled_text_at_the_start_of_a_line(untitled: str) -> None:
    text = escape_text(untitled, prefix="")
    amap = argmap.loads(f"[T]: before\n\n{text}\n")
    assert not has_syntax_errors(amap), text
    assert amap.nodes[1].text == untitled
    assert amap.nodes[1].untitled


def test_escape_text_keeps_tags_and_markers() -> None:
    written = escape_text("Costs [rise] #cost and **fall** {sometimes}")
    amap = argmap.loads(f"[T]: {written}")
    node = amap.nodes[0]
    assert node.text == "Costs [rise] #cost and **fall** {sometimes}"
    assert node.tags == ["cost"]
    assert node.plain_text == "Costs [rise] #cost and fall {sometimes}"


def test_tag_followed_by_characters_a_tag_name_may_contain() -> None:
    # `#a` is a tag; Argdown's tag names may contain `\`, so no escape may follow it.
    amap = argmap.loads("x #]#")
    assert amap.nodes[0].tags == ["]"]
    round_trip(amap)


@pytest.mark.parametrize(
    ("brief", "spelled"),
    [
        # `[` and `<` may open a reference that ends on the next line: always escaped.
        ("[0]\n  + [\n", "\\[\n  +> [0]"),
        ("[A]: a\n  + x <\n", "x \\<\n  +> [A]"),
        # A tag name may contain `\\` and `[`: an empty comment ends the tag.
        (":#evidence/**/[{\nTitle", ":#evidence/**/\\[\\{ Title"),
        # `<` right after a tag cannot be escaped: a line break keeps it from the `>`.
        ("#thesis<+{\n>+", "#thesis<+\\{\n>+"),
        # A tag whose name ends in a no-break space, at the end of the text.
        ("x #\xa0", "x #\xa0"),
    ],
)
def test_texts_that_need_another_spelling(brief: str, spelled: str) -> None:
    amap = argmap.loads(brief)
    assert not has_syntax_errors(amap)
    assert spelled in round_trip(amap)


def test_text_that_cannot_be_written() -> None:
    # An empty italic (`*` then `*`) kept apart from the next word by a line break that
    # adds no space: no spelling on a line, nor with a line break, reads back the same.
    amap = argmap.loads("[{\n\r**\n{<-{\n")
    assert amap.nodes[0].text == "[{ **{<-{"
    with pytest.raises(ExportError, match="cannot write the text"):
        export(amap)


# -- data -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"a": "} x", "b": "{", "c": "x} y}"},
        {"quote": 'say "hi"', "backslash": "a\\b", "newline": "a\nb", "tab": "\t"},
        {"yes": "yes", "no": "no", "null": "null", "date": "2021-03-04", "num": "1"},
        {"float": 1e16, "small": 1e-07, "neg": -0.5, "int": 10**20, "bool": True, "none": None},
        {"nested": {"list": [1, [2, {"x": "}"}]], "empty": {}, "empty_list": []}},
        {"key with spaces": 1, "": 2, "1": 3, "true": 4, "-x": 5, "a:b": 6},
        {"unicode": "Japan–ROK 日本 😀", "control": "\x01\x7f\u2028\ufeff"},
        {"comment": "// not a comment", "block": "/* no */", "html": "<!-- no -->"},
    ],
)
def test_data_round_trip(data: dict[str, Any]) -> None:
    written = flow_yaml(data)
    assert "\n" not in written
    assert json.dumps(load_data(written)) == json.dumps(data)
    amap = argmap.loads(f"[T]: text {written}\n  + [S]: other {written}\n")
    assert not has_syntax_errors(amap)
    assert json.dumps(amap.nodes[0].data) == json.dumps(data)
    round_trip(amap)


def test_front_matter_that_block_yaml_cannot_hold() -> None:
    # A brief cannot hold `===` in its front matter (it would end it), but a map built
    # or changed in Python can: the front matter is then written as a flow mapping.
    amap = argmap.loads("===\ntitle: T\nlist: [1, x]\n===\n\n[T]: t\n")
    amap.front_matter["note"] = "a === b"
    text = round_trip(amap)
    assert text.startswith('===\n{title: "T", list: [1, "x"], note: "a \\x3d\\x3d\\x3d b"}\n===')


# -- nodes ------------------------------------------------------------------------------------


def test_untitled_statements_keep_their_numbers() -> None:
    brief = (
        "First untitled.\n  + Second untitled.\n  - [Titled]: titled\n\n"
        "Third untitled. #aside\n  >< [Untitled 1]\n\n[Untitled 2] #extra\n"
    )
    amap = argmap.loads(brief)
    assert [n.title for n in amap.nodes if n.untitled] == [
        "Untitled 1",
        "Untitled 2",
        "Untitled 3",
    ]
    text = round_trip(amap)
    assert "[Untitled 2] #extra" in text


def test_untitled_statement_with_no_text() -> None:
    amap = argmap.loads("\\ \n  + [S]: s\n")
    assert amap.nodes[0].untitled
    assert amap.nodes[0].text is None
    round_trip(amap)


def test_references_only_and_empty_definitions() -> None:
    brief = (
        "[Uniforms]:\n  + [Equality] #social {weight: 1}\n\n"
        "<Focus>:\n{x: 1}\n  + [Equality]\n\n[Lonely] #todo\n"
    )
    amap = argmap.loads(brief)
    text = round_trip(amap)
    again = argmap.loads(text)
    assert [(n.title, n.is_defined, n.text) for n in again.nodes] == [
        ("Uniforms", True, None),
        ("Equality", False, None),
        ("Focus", True, ""),
        ("Lonely", False, None),
    ]


def test_tags_from_references_keep_their_order() -> None:
    brief = "[A] #first\n\n[A]: text #second\n\n[A] #third\n"
    amap = argmap.loads(brief)
    assert amap.nodes[0].tags == ["first", "second", "third"]
    round_trip(amap)


def test_sections_of_redefined_and_referenced_nodes() -> None:
    brief = (
        "# One\n\n[A] #tag\n\n[B]: first {isInGroup: false}\n\n"
        "# Two {isGroup: true}\n\n## Two point one #sub\n\n[A]: defined here\n\n"
        "[B]: second\n\n[C]: c {isInGroup: true}\n\n# Three\n\n[C]: moved {isInGroup: true}\n"
    )
    amap = argmap.loads(brief)
    assert [(n.title, n.section) for n in amap.nodes] == [("A", "s3"), ("B", "s3"), ("C", "s3")]
    round_trip(amap)


def test_argument_titles_that_start_like_relation_markers() -> None:
    brief = "[T]: t\n  + <+ plus>: p\n  - <_ under>: u\n"
    amap = argmap.loads(brief)
    text = round_trip(amap)
    assert "* <+ plus>: p" in text
    assert "* <_ under>: u" in text


def test_contradictions_keep_their_direction() -> None:
    brief = "[A]: a\n\n[B]: b\n  >< [A]\n\n[C]: c\n\n[C]\n  >< [B]\n\n[D]: d\n  >< [D]\n"
    amap = argmap.loads(brief)
    assert [(e.source, e.target) for e in amap.edges] == [
        ("statement:B", "statement:A"),
        ("statement:C", "statement:B"),
        ("statement:D", "statement:D"),
    ]
    round_trip(amap)


@pytest.mark.parametrize(
    ("brief", "message"),
    [
        ("[a]b]: x", r"'\[a\]b\]'.*contains '\]'"),
        ("[T]: t\n  + <a>b>: x", r"'<a>b>'.*contains '>'"),
        ("[-a]: x", "starts with '-'"),
        ("[Untitled 1]: titled\n\nuntitled", "untitled statement"),
    ],
)
def test_titles_argdown_cannot_write(brief: str, message: str) -> None:
    amap = argmap.loads(brief)
    assert not has_syntax_errors(amap)
    with pytest.raises(ExportError, match=message):
        export(amap)


def test_a_titled_untitled_n_beyond_the_untitled_statements_is_fine() -> None:
    round_trip(argmap.loads("[Untitled 5]: titled\n\nuntitled\n"))


def test_deterministic() -> None:
    brief = (ROOT / "briefs" / "language-tour.argdown").read_text("utf-8")
    assert export(argmap.loads(brief)) == export(argmap.loads(brief))


# -- premise–conclusion structures ------------------------------------------------------------


def test_structure_right_after_its_argument() -> None:
    # An undercut of the argument is one of its last inference, written under that
    # inference line; rules and data on an inference line; numbers as written.
    brief = (
        "[Cost Doubts]: Uniforms cost more than they seem.\n\n"
        "<Cost>: Uniforms save families money.\n  <_ [Cost Doubts]\n\n"
        "(1) [Cheaper]: A uniform costs less than a wardrobe.\n"
        "(3) [Savings Help]: Saving money is good.\n"
        "-- modus ponens, practical reasoning {uses: [1, 3]} --\n"
        "(4) [Uniforms]: Schools should require uniforms.\n"
    )
    assert round_trip(argmap.loads(brief)) == (
        "[Cost Doubts]: Uniforms cost more than they seem.\n\n"
        "<Cost>: Uniforms save families money.\n\n"
        "(1) [Cheaper]: A uniform costs less than a wardrobe.\n"
        "(3) [Savings Help]: Saving money is good.\n"
        "-- modus ponens, practical reasoning {uses: [1, 3]} --\n"
        "  _ [Cost Doubts]\n"
        "(4) [Uniforms]: Schools should require uniforms.\n"
    )


def test_structure_after_nodes_that_come_first() -> None:
    # [Fashion] comes before the members in the brief and is written before them, so
    # the structure follows a reference to its argument; the argument's attack is its
    # main conclusion's; a node related to a member is written in the member's list;
    # an undercut of the inference under its line.
    brief = (
        "<Cost>: Uniforms save families money.\n"
        "  -> [Fashion]: Fashion matters to students.\n\n"
        "(1) [Cheaper]: A uniform costs less than a wardrobe.\n"
        "  - [Two Sets]: Families still buy everyday clothes.\n"
        "(2) [Savings Help]: Saving money is good.\n"
        "----\n"
        "  <_ [Hidden Costs]: Uniforms must be replaced often.\n"
        "(3) [Uniforms]: Schools should require uniforms.\n"
    )
    assert round_trip(argmap.loads(brief)) == (
        "<Cost>: Uniforms save families money.\n\n"
        "[Fashion]: Fashion matters to students.\n\n"
        "<Cost>\n\n"
        "(1) [Cheaper]: A uniform costs less than a wardrobe.\n"
        "  - [Two Sets]: Families still buy everyday clothes.\n"
        "(2) [Savings Help]: Saving money is good.\n"
        "----\n"
        "  _ [Hidden Costs]: Uniforms must be replaced often.\n"
        "(3) [Uniforms]: Schools should require uniforms.\n"
        "  -> [Fashion]\n"
    )


def test_undercuts_of_an_earlier_inference_and_of_a_conclusion() -> None:
    brief = (ROOT / "tests" / "fixtures" / "parser" / "pcs-undercuts.argdown").read_text("utf-8")
    text = round_trip(argmap.loads(brief))
    # [Funding] undercut the argument from a block of its own: that is an undercut of
    # the last inference, written (since it comes last) under the conclusion.
    assert text == brief.replace("<_", "_").replace(
        "\n\n[Funding]: Uniform schools got more money at the same time.\n  _> <Grades>\n",
        "\n  _ [Funding]: Uniform schools got more money at the same time.\n",
    )


def test_untitled_structure_is_kept_apart_from_an_argument() -> None:
    # A structure right after an argument's block would reconstruct it: the reference
    # to [S] that kept them apart in the brief keeps them apart in the export.
    brief = "[S]: s\n\n<B>: b\n\n[S]\n\n(1) [P]: p\n----\n(2) [C]: c\n"
    amap = argmap.loads(brief)
    assert [n.title for n in amap.nodes if n.pcs] == ["Untitled 1"]
    assert round_trip(amap) == brief


def test_untitled_structure_and_its_members_keep_their_numbers() -> None:
    brief = "First.\n\n(1) Second.\n  + Third.\n----\n(2) [C]: c\n\n<Untitled 2> #tag\n  - Fifth.\n"
    amap = argmap.loads(brief)
    assert [n.title for n in amap.nodes if n.untitled] == [
        "Untitled 1",
        "Untitled 2",
        "Untitled 3",
        "Untitled 4",
        "Untitled 5",
    ]
    assert round_trip(amap) == (
        "First.\n\n(1) Second.\n  + Third.\n----\n(2) [C]: c\n\n"
        "<Untitled 2> #tag\n\nFifth.\n  -> <Untitled 2>\n"
    )


def test_an_argument_in_a_member_list_says_its_conclusion() -> None:
    # `+ <B>` under a premise: B's main conclusion supports the premise.
    brief = "(1) [P]: p\n  + <B>: b\n----\n(2) [C]: c\n\n<B>\n\n(1) [Q]: q\n----\n(2) [D]: d\n"
    amap = argmap.loads(brief)
    assert [(e.source, e.target) for e in amap.edges] == [("statement:D", "statement:P")]
    assert round_trip(amap) == brief


def test_refuses_a_structure_argdown_would_give_another_argument() -> None:
    # A reconstructed argument called <+x> can only be written as a list item, after
    # which Argdown starts an untitled argument.
    json_map = exporter("json").export(argmap.loads("<Plus>: t\n\n(1) [P]: p\n----\n(2) [C]: c\n"))
    amap = loads_json(json_map.replace('"Plus"', '"+Plus"').replace(":Plus", ":+Plus"))
    assert [n.title for n in amap.nodes if n.pcs] == ["+Plus"]
    with pytest.raises(ExportError, match=r"<\+Plus>.*'<\+' at the start of a line"):
        export(amap)


def test_refuses_an_untitled_structure_with_an_undercut_of_a_statement_in_it() -> None:
    # [U] undercuts the untitled [Untitled 3] in the structure's relation lists, where
    # Argdown reads `_` as an undercut of the inference: written elsewhere, it would have
    # to name [Untitled 3], which has no title to name.
    structure = "(1) p\n----\n(2) q\n  + r\n    _ [U]: u\n----\n(3) c\n"
    message = (
        "the premise–conclusion structure of the untitled argument <Untitled 1> cannot be "
        "written so that Argdown reads the same map: its (3) [Untitled 5] is first written "
        "after [U], which cannot be written in it; give it an argument (a line `<Title>` "
        "and a blank line before it)"
    )
    with pytest.raises(ExportError) as refused:
        export(argmap.loads(structure))
    assert str(refused.value) == message
    # With an argument, the structure comes after its statements and the undercut.
    assert round_trip(argmap.loads("<A>: a\n\n" + structure)).endswith(
        "[U]: u\n  _> [Untitled 3]\n\n"
        "<A>\n\n(1) [Untitled 1]\n----\n(2) [Untitled 2]\n----\n(3) c\n"
    )


def test_refuses_an_untitled_structure_it_cannot_write() -> None:
    # [Q]'s text holds a line break (a link over two lines), so it cannot stand in the
    # relation list where it comes in the brief, and an untitled structure has no other
    # place; with an argument, the structure comes after it.
    structure = "(1) [P]: p\n  + [Q]: a [link\n    text](https://x.org) b\n----\n(2) [C]: c\n"
    with pytest.raises(ExportError, match=r"untitled argument <Untitled 1>.*\(2\) \[C\].*\[Q\]"):
        export(argmap.loads(structure))
    assert round_trip(argmap.loads("<A>: a\n\n" + structure)).endswith(
        "<A>\n\n(1) [P]\n----\n(2) [C]: c\n"
    )


@pytest.mark.parametrize(
    ("rules", "data", "line"),
    [
        ([], {}, "----"),
        (["modus ponens"], {}, "-- modus ponens --"),
        ([], {"uses": [1, 2]}, "-- {uses: [1, 2]} --"),
        (["a, b", "--x", "e.g. {y}"], {}, "-- a\\, b, \\-\\-x, e\\.g\\. \\{y\\} --"),
        ([""], {}, "-- \\  --"),
        (["a /* b"], {"k": "}"}, '-- a \\/\\* b {k: "\\x7d"} --'),
    ],
)
def test_inference_lines(rules: list[str], data: dict[str, Any], line: str) -> None:
    assert inference_line(rules, data) == line
    brief = f"<A>: a\n\n(1) [P]: p\n{line}\n(2) [C]: c\n\n[D]: d }} */ -->\n"
    inference = argmap.loads(brief).nodes[0].pcs[1].inference
    assert inference is not None
    assert (inference.rules, inference.data) == (rules, data)


# -- what the export compares ----------------------------------------------------------------

PCS_BRIEF = (
    "<A>: a\n\n(1) [P]: p\n(2) [Q]: q\n-- rule {k: 1} --\n  _ [U]: u\n(3) [C]: c\n"
    "----\n(4) [D]: d\n"
)


def _mutations() -> list[tuple[str, Callable[[ArgumentMap], None]]]:
    def member(field: str, value: object, index: int = 0) -> Callable[[ArgumentMap], None]:
        def change(amap: ArgumentMap) -> None:
            node = amap.node("argument:A")
            pcs = list(node.pcs)
            pcs[index] = dataclasses.replace(pcs[index], **{field: value})
            node.pcs = tuple(pcs)

        return change

    def inference(**changes: object) -> Callable[[ArgumentMap], None]:
        def change(amap: ArgumentMap) -> None:
            old = amap.node("argument:A").pcs[2].inference
            assert old is not None
            member("inference", dataclasses.replace(old, **changes), 2)(amap)

        return change

    def step(amap: ArgumentMap) -> None:
        amap.edges[0].step = 3

    return [
        ("statement", member("statement", "statement:U")),
        ("role", member("role", "intermediary-conclusion", 1)),
        ("number", member("number", 5)),
        ("rules", inference(rules=["other rule"])),
        ("data", inference(data={"k": 2})),
        ("step", step),
    ]


@pytest.mark.parametrize(
    ("what", "change"), _mutations(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_fingerprint_tells_structures_apart(
    what: str, change: Callable[[ArgumentMap], None]
) -> None:
    amap = argmap.loads(PCS_BRIEF)
    assert [(e.source, e.step) for e in amap.edges] == [("statement:U", 2)]
    before = fingerprint(amap)
    change(amap)
    expected = "relations" if what == "step" else "premise–conclusion structures"
    assert difference(before, fingerprint(amap)) == expected


@pytest.mark.parametrize(
    "changed",
    [
        PCS_BRIEF.replace("(2) [Q]", "(7) [Q]"),  # a number
        PCS_BRIEF.replace("-- rule {k: 1} --", "-- rule {k: 2} --"),  # data
        PCS_BRIEF.replace("-- rule {k: 1} --", "-- rule, other --"),  # rules
        PCS_BRIEF.replace("(2) [Q]: q\n-- rule {k: 1} --", "-- rule {k: 1} --\n(2) [Q]: q"),
        PCS_BRIEF.replace("  _ [U]: u\n(3) [C]: c\n----", "(3) [C]: c\n----\n  _ [U]: u"),
    ],
    ids=["number", "data", "rules", "role", "step"],
)
def test_briefs_that_differ_in_a_structure_differ(changed: str) -> None:
    # What fmt and the export compare: a brief with any of these changed is another one.
    original, other = argmap.loads(PCS_BRIEF), argmap.loads(changed)
    assert not has_syntax_errors(other)
    assert difference(fingerprint(original), fingerprint(other)) is not None


# -- generated briefs ---------------------------------------------------------------------------

WORDS = [
    "uniforms",
    "Schools",
    "cost",
    "naïve",
    "日本",
    "😀",
    "x1",
    "COVID-19",
    "e.g.",
    "U.S.",
    "50%",
    "3.5",
    "don't",
    '"quoted"',
    "(aside)",
    "Japan–ROK",
    "a/b",
    "1+1=2",
    "~^$&|",
    "a,",
    "b;",
    "c:",
    "d.",
    "!?",
    ">",
    "]",
    "}",
    ")",
    "-",
    "1.",
    ":",
    ".",
    "=",
]
SYNTAX = [
    r"\[",
    r"\]",
    r"\{",
    r"\}",
    r"\#",
    r"\*",
    r"\_",
    r"\\",
    r"\<",
    r"\>",
    r"\@",
    r"\/\/",
    r"\/*",
    r"\.A.",
    r"\:+1:",
    r"\===",
    r"a\ \ b",
    "#tag",
    "#(two words)",
    "#évidence",
    "#a-b",
    "**bold**",
    "*italic*",
    "_it_",
    "__strong__",
    "**a *b* c**",
    ".A.",
    ":+1:",
    ":heart:",
    ".notacode.",
    ":->:",
    "@[Some Title]",
    "@<Some Arg>",
    "[the FAQ](https://example.org/faq)",
    "[x](u)",
]
TITLE_ALPHABET = "abcXYZ0123 .,;:!?'\"()[{}<*_#@/\\=+~–é日"
MARKERS = ["+", "-", "_", "<+", "<-", "<_", "+>", "->", "_>", "><"]

words = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(SYNTAX),
    st.text(
        alphabet=st.characters(
            exclude_categories=["Cs", "Cc", "Zl", "Zp"], exclude_characters="\u2028\u2029"
        ),
        min_size=1,
        max_size=6,
    ),
)
texts = st.lists(words, min_size=1, max_size=8).map(" ".join)


def _title_ok(title: str, kind: str) -> bool:
    if not title.strip() or title.startswith("-") or re.fullmatch(r"Untitled \d+", title):
        return False
    if kind == "statement":
        return "]" not in title
    # `<+x>` and `<_x>` are relation markers at the start of a line: such briefs are
    # rejected below unless the argument is first written in a relation.
    return ">" not in title and not title.startswith("!--")


titles = st.text(alphabet=TITLE_ALPHABET, min_size=1, max_size=10)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(
        alphabet=st.one_of(
            st.characters(exclude_categories=["Cs", "Cc"]), st.sampled_from('{}"\\\n\t=:#')
        ),
        max_size=12,
    ),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.text(max_size=5), children, max_size=3),
    ),
    max_leaves=6,
)
data_dicts = st.dictionaries(st.text(min_size=1, max_size=6), values, min_size=1, max_size=3)


# An escaped surrogate pair in JSON (after an even number of backslashes).
_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _yaml_escape(match: re.Match[str]) -> str:
    high, low = int(match[2], 16), int(match[3], 16)
    return f"{match[1]}\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"


def _yaml_json(value: Any) -> str:
    """JSON (which is YAML flow syntax) with braces inside strings escaped, so that the
    brief's own data token is not cut short at a `} `, and characters beyond U+FFFF
    escaped as YAML does (`\\U0001f600`: YAML has no surrogate pairs)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_yaml_json(k)}: {_yaml_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_json(v) for v in value) + "]"
    if isinstance(value, str):
        written = json.dumps(value).replace("{", "\\u007b").replace("}", "\\u007d")
        return _SURROGATE_PAIR.sub(_yaml_escape, written)
    if isinstance(value, float):
        text = repr(value)
        return text if "e" not in text or "." in text.split("e")[0] else text.replace("e", ".0e")
    return json.dumps(value)


LIST = "\0list"  # a list block with an argument in it
RULES = ["modus ponens", "practical reasoning", "a\\, b", "\\-\\-x", ".A.", "e.g. 日本", "\\ "]


@st.composite
def briefs(draw: st.DrawFn, indent: str = "  ", structures: bool = False) -> str:
    """A brief using most of the language: front matter, headings with tags and data,
    definitions, references, untitled statements, lists, relation trees with every
    marker, tags, data, escapes, bold and italic, shortcodes, links and mentions, and
    premise–conclusion structures (of an argument, or untitled) with numbered members,
    inference lines with rules and data, and relations under members and inferences
    (more of them with ``structures``)."""
    statements = draw(
        st.lists(titles.filter(lambda x: _title_ok(x, "statement")), min_size=1, max_size=6)
    )
    arguments = draw(
        st.lists(titles.filter(lambda x: _title_ok(x, "argument")), max_size=3, unique=True)
    )
    statements = list(dict.fromkeys(statements))
    labels = [f"[{title}]" for title in statements] + [f"<{title}>" for title in arguments]

    def data() -> str:
        return " " + _yaml_json(draw(data_dicts)) if draw(st.integers(0, 3)) == 0 else ""

    def head(label: str, defining: bool) -> str:
        if not defining:
            tags = draw(st.lists(st.sampled_from(["#ref", "#(ref tag)", "#todo"]), max_size=2))
            return " ".join([label, *tags]) + data()
        return f"{label}: {draw(texts)}{data()}"

    def relations(depth: int, markers: list[str] = MARKERS) -> list[str]:
        lines: list[str] = []
        for _ in range(draw(st.integers(0, 3 if depth == 1 else 1))):
            marker = draw(st.sampled_from(markers))
            choice = draw(st.integers(0, 3))
            if marker == "><":
                label = f"[{draw(st.sampled_from(statements))}]"
            else:
                label = draw(st.sampled_from(labels))
            if choice == 0 and marker != "><":
                child = draw(texts)  # an untitled statement
            else:
                child = head(label, defining=choice == 1)
            lines.append(indent * depth + f"{marker} {child}")
            if depth < 2 and draw(st.booleans()):
                lines.extend(relations(depth + 1))
        return lines

    def member(number: int) -> list[str]:
        choice = draw(st.integers(0, 3))
        label = f"[{draw(st.sampled_from(statements))}]"
        statement = draw(texts) + data() if choice == 0 else head(label, defining=choice == 1)
        return [f"({number}) {statement}", *relations(1)]

    def inference() -> list[str]:
        if draw(st.booleans()):
            # (Two or three hyphens alone are not an inference line: an error in Argdown.)
            line = "-" * draw(st.integers(4, 6))
        else:
            rules = draw(st.lists(st.sampled_from(RULES), max_size=3))
            line = "-- " + ", ".join(rules) + data() + " --"
        return [line, *relations(1, ["_", "<_"])]

    def structure() -> str:
        """A premise–conclusion structure: premises, then inferences each followed by
        its conclusion (and perhaps more premises before the next inference)."""
        lines: list[str] = []
        number = draw(st.integers(0, 2))
        for step in range(draw(st.integers(1, 3))):
            for _ in range(draw(st.integers(1 if step == 0 else 0, 2))):
                number += draw(st.integers(1, 2))
                lines.extend(member(number))
            lines.extend(inference())
            number += 1
            lines.extend(member(number))
        return "\n".join(lines)

    blocks: list[str] = []
    reconstructed: set[str] = set()
    previous: str | None = None  # the argument at the head of the last block
    if draw(st.booleans()):
        front = {"title": draw(texts), "thesis": draw(st.sampled_from(statements))}
        blocks.append("===\n" + "\n".join(f"{k}: {_yaml_json(v)}" for k, v in front.items()))
        blocks[-1] += "\n==="
    count = draw(st.integers(1, 7))
    drew_structure = False
    for index in range(count):
        kinds = ["definition", "reference", "untitled", "list", "heading", "pcs"]
        kinds += ["pcs"] * (4 if structures else 0)
        if structures and index == count - 1 and not drew_structure:
            kinds = ["pcs"]  # at least one structure: briefs without one would be discarded
        kind = draw(st.sampled_from(kinds))
        drew_structure = drew_structure or kind == "pcs"
        last, previous = previous, None
        if kind == "heading":
            level = draw(st.integers(1, 3))
            blocks.append("#" * level + " " + draw(texts) + data())
            continue
        if kind == "pcs":
            free = [title for title in arguments if title not in reconstructed]
            if free and draw(st.booleans()):
                # An argument's block, then its structure.
                title = draw(st.sampled_from(free))
                label = f"<{title}>"
                root = head(label, defining=draw(st.booleans()))
                blocks.append("\n".join([root, *relations(1)]))
                last = title
            elif last is not None and (last in reconstructed or last == LIST):
                # Keep them apart: an argument has one structure, and argmap (unlike
                # Argdown) reads a structure after a list as the reconstruction of the
                # list's last argument.
                blocks.append(f"[{draw(st.sampled_from(statements))}]")
                last = None
            if last is not None:
                reconstructed.add(last)
            blocks.append(structure())
            continue
        if kind == "list":
            marker = draw(st.sampled_from(["* ", "1. "]))
            items = [
                marker + head(draw(st.sampled_from(labels)), True)
                for _ in range(draw(st.integers(1, 3)))
            ]
            blocks.append("\n".join(items))
            previous = LIST if any(item.startswith(marker + "<") for item in items) else None
            continue
        if kind == "untitled":
            root = draw(texts) + data()
        elif kind == "definition" and draw(st.integers(0, 5)) == 0:
            label = draw(st.sampled_from(labels))
            root = label + ":"  # an empty definition
            blocks.append("\n".join([root, *(relations(1) or [indent + "+ [Extra]"])]))
            previous = label[1:-1] if label.startswith("<") else None
            continue
        else:
            label = draw(st.sampled_from(labels))
            root = head(label, defining=kind == "definition")
            previous = label[1:-1] if label.startswith("<") else None
        blocks.append("\n".join([root, *relations(1)]))
    return "\n\n".join(blocks) + "\n"


def round_trip_unless_unwritable(amap: ArgumentMap) -> None:
    """The round trip, or the refusals a generated brief may meet: an untitled structure
    that needs, in a relation list, a node whose text holds a line break (a link over two
    lines) or an untitled or undefined node whose place there Argdown would read
    otherwise (``_`` under an undercut of an inference undercuts that inference, to
    Argdown), or a node that undercuts a statement and would have to be written in the
    structure (where Argdown reads that ``_`` as an undercut of the inference); an argument
    title holding ``>`` (read from a definition such as ``<<> {">: …``, which no
    reference can name)."""
    try:
        round_trip(amap)
    except ExportError as error:
        problem = str(error)
    else:
        return
    title = re.fullmatch(r"the argument title '<(.*)>' cannot be written in Argdown: .*", problem)
    if title is not None:
        node = amap.find(title[1], "argument")
        assert node is not None, problem
        assert ">" in node.title, problem
        return
    found = re.search(r"untitled argument .* first written after ([\[<])(.*?)[\]>], which", problem)
    assert found is not None, problem
    node = amap.find(found[2], "argument" if found[1] == "<" else "statement")
    assert node is not None, problem
    # (A node only referred to, never defined, has no line of its own elsewhere either;
    # the undercut of a statement, written in a structure, undercuts an inference to
    # Argdown.)
    undercuts_a_statement = any(
        edge.source == node.id and edge.relation == "undercut" and edge.step is None
        for edge in amap.edges
        if amap.node(edge.target).type == "statement"
    )
    assert (
        "\n" in (node.text or "") or node.untitled or node.text is None or undercuts_a_statement
    ), problem


@SETTINGS
@given(briefs())
def test_generated_briefs_round_trip(brief: str) -> None:
    amap = argmap.loads(brief)
    assume(not has_syntax_errors(amap))
    round_trip_unless_unwritable(amap)


@SETTINGS
@given(briefs(structures=True))
def test_generated_structures_round_trip(brief: str) -> None:
    amap = argmap.loads(brief)
    assume(not has_syntax_errors(amap) and any(node.pcs for node in amap.nodes))
    round_trip_unless_unwritable(amap)


def test_undercut_under_a_relation_of_a_member_ends() -> None:
    """A brief on which the writer once laid out relation lists without end: the node to
    write fitted under a line for a relation written before, but not at the place that
    line made (in the relation tree of an inference)."""
    brief = (
        "# uniforms uniforms uniforms\n\n"
        '(1) \\] {"0": null}\n'
        '(2) uniforms {"0": null}\n'
        "  + uniforms\n"
        '--  {"0": null} --\n'
        '(3) uniforms uniforms {"0": null}\n'
        '--  {"0": null} --\n'
        '(4) uniforms {"0": null}\n'
        "  + <(X/c;>: uniforms\n"
        "    _ uniforms\n"
    )
    amap = argmap.loads(brief)
    assert not has_syntax_errors(amap)
    round_trip(amap)


@SETTINGS
@given(st.lists(st.sampled_from(WORDS + SYNTAX + ["\n", "\n\n", "  + ", "[A]: ", "<B>"])))
def test_any_readable_text_round_trips(pieces: list[str]) -> None:
    amap = argmap.loads("".join(pieces))
    assume(not has_syntax_errors(amap))
    try:
        export(amap)
    except ExportError as error:
        problem = str(error)  # only titles Argdown cannot write are refused
        assert "cannot be written" in problem or "untitled statement" in problem, problem
        return
    round_trip(amap)


@SETTINGS
@given(texts)
def test_any_text_escapes_for_every_place(text: str) -> None:
    amap = argmap.loads(f"[T]: {text}")
    assume(not has_syntax_errors(amap) and amap.nodes[0].text)
    node = amap.nodes[0]
    for prefix in ("[T]: ", "", "## "):
        written = escape_text(node.text or "", prefix=prefix)
        again = argmap.loads(prefix + written + " {x: 1}\n")
        assert not has_syntax_errors(again), (prefix, written)
        if prefix == "## ":
            assert again.sections[0].title == node.text
            assert again.sections[0].tags == node.tags
        else:
            assert (again.nodes[0].text, again.nodes[0].tags) == (node.text, node.tags)


@SETTINGS
@given(data_dicts)
def test_any_data_round_trips(data: dict[str, Any]) -> None:
    amap = argmap.loads(f"[T]: t {flow_yaml(data)}\n")
    assert not has_syntax_errors(amap)
    assert json.dumps(amap.nodes[0].data, sort_keys=True) == json.dumps(
        json.loads(json.dumps(data)), sort_keys=True
    )
