"""The parser reads plain lines whole exactly as it reads their tokens.

A plain statement line is read whole by the first line rule: one lexer NODE_LINE token
(hung from its RELATION token on a relation line). `parse(source, node_lines=False)`
leaves that rule out and reads every line through the fine-grained Argdown tokens. Every
brief must give the same occurrences, relations, sections and diagnostics both ways.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.source import SourceText
from argmap.syntax.lexer import NODE_LINE, TAG_CHARACTER, Reader, Token, tokenize
from argmap.syntax.parser import ParseResult, parse
from benchmarks.generate import generate

ROOT = Path(__file__).resolve().parent.parent


def _both(text: str) -> tuple[ParseResult, ParseResult]:
    source = SourceText(text, "brief.argdown")
    return parse(source, node_lines=True), parse(source, node_lines=False)


def _assert_same(text: str) -> None:
    fast, slow = _both(text)
    assert fast.occurrences == slow.occurrences
    assert fast.relations == slow.relations
    assert fast.sections == slow.sections
    assert fast.diagnostics == slow.diagnostics
    assert fast.front_matter == slow.front_matter


def _briefs() -> list[Path]:
    paths = sorted((ROOT / "briefs").glob("*.argdown"))
    paths += sorted((ROOT / "tests" / "fixtures").rglob("*.argdown"))
    return paths


@pytest.mark.parametrize("path", _briefs(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_brief_reads_the_same_both_ways(path: Path) -> None:
    _assert_same(path.read_text(encoding="utf-8", errors="replace"))


def test_generated_brief_reads_the_same_and_mostly_whole_lines() -> None:
    text = generate(3_000)
    _assert_same(text)
    # Nearly every statement of a generated brief is on a plain line.
    assert len(_whole_lines(text)) > 0.95 * 3_000


def _whole_lines(text: str) -> list[int]:
    """The numbers of the lines read whole."""
    return [line.number for line in Reader(SourceText(text, "brief.argdown")).lines() if line.whole]


def _whole(token: Token) -> bool:
    return token.kind == NODE_LINE


@pytest.mark.parametrize(
    ("line", "whole"),
    [
        ("[A]: Plain text, with punctuation (and parentheses); fine-grained.", True),
        ('[A]: Text #evidence {cite: "Doe 2019", url: "https://x.org/1"}', True),
        ("<Arg>: An argument. #tag #tag", True),
        ("[A] #thesis", True),
        ("[A]: **bold** text", False),
        ("[A]: a link [x](https://x.org)", False),
        ("[A]: see @[B]", False),
        ("[A]: an escaped \\# sign", False),
        ("[A]: two  spaces", False),
        ("[A]: e.g. a shortcode-like :+1:", False),
        ("[A]: fences === in text", False),
        ("[A]: a tag #(in parentheses)", False),
        ("[A]: a tab\there", False),
        ("[A]: a hidden \u200b character", False),
        ("[A]:", False),
        ("[A]: {cite: x}", False),
        ("[A] trailing words", False),
        ("[A]: data that runs on {a: 1}, {b: 2}", False),
    ],
)
def test_which_lines_are_read_whole(line: str, whole: bool) -> None:
    text = f"{line}\n\n[Z]: end\n"
    assert _whole(tokenize(text, node_lines=True).tokens[0]) is whole
    _assert_same(text)


def test_a_tag_in_parentheses_may_run_on_to_the_next_line() -> None:
    text = "[A]: a #(tag that\n  + [B]: b) ends here\n"
    fast, _ = _both(text)
    assert fast.occurrences[0].tags == ["tag that\n  + [B]: b"]
    _assert_same(text)


def test_a_continued_line_is_not_read_whole() -> None:
    text = "[A]: first line\ncontinued here\n  + [B]: b\n"
    assert not _whole(tokenize(text, node_lines=True).tokens[0])
    fast, _ = _both(text)
    assert fast.occurrences[0].text == "first line continued here"
    _assert_same(text)


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("[A]: a\n  + [B]: b\n    - <C>: c\n  + [D] #x\n", [1, 2, 3, 4]),
        ("[A]: a\r\n  + [B]: b\r\n    - [C]: c\r\n", [1, 2, 3]),
        ("[A]: a\r  + [B]: b\r    - [C]: c\r", [1, 2, 3]),
        ("// a comment\n\n  [A]: after spaces\n    + [B]: b\n", [3, 4]),
        ("[A]: a\n  + [B]: b\n      + [C]: c\n    + [D]: between two levels\n", [1, 2, 3, 4]),
        ("[A]: a\n  + [B]: b\n    - [C]: c\n      + [D]: d\n  + [E]: e\n", [1, 2, 3, 4, 5]),
        # A relation less indented than the first level: the relation tree reports it.
        ("[A]: a\n    + [B]: b\n  + [C]: c\n", [1, 2, 3]),
        ("[A]: a\n  + [B]: b\n + [C]: c\n", [1, 2, 3]),
        # An argument cannot be contradicted: the parser reports it.
        ("[A]: a\n  >< <B>: b\n", [1, 2]),
        # A second statement with no blank line before it: the first one's text might
        # go on to the next line.
        ("[A]: a\n[B]: b\n", [2]),
        # A line that is not plain goes through the tokens; the others are read whole.
        ("[A]: a\n  + [B]: **b**\n  + [C]: c\n", [1, 3]),
        # A lone line break between a line ending in \r and the next is no blank line.
        ("[A]: a\r\r\n  + [B]: b\n", [3]),
        # Data that runs on past the block's end.
        ("[A]: a {x: 1}\n\n}\n", []),
    ],
)
def test_which_lines_of_a_block_are_read_whole(text: str, whole: list[int]) -> None:
    assert _whole_lines(text) == whole
    _assert_same(text)


def test_spans_of_a_whole_block() -> None:
    text = "# H\n\n  [A]: a\r\n    + <B>: b\r\n      -> [C] #x\r\n"
    fast, _ = _both(text)
    assert [(o.span.line, o.span.column, o.span.end_column) for o in fast.occurrences] == [
        (3, 3, 6),
        (4, 7, 10),
        (5, 10, 12),
    ]
    assert [(r.span.line, r.span.column, r.span.end_column) for r in fast.relations] == [
        (4, 5, 5),
        (5, 7, 8),
    ]
    _assert_same(text)


_INDENTS = st.sampled_from(["", "", "  ", "    ", "      ", "\t", " "])
_MARKERS = st.sampled_from(["", "+ ", "- ", "_ ", "<+ ", "<- ", "<_ ", "+> ", "-> ", "_> ", ">< "])
_HEADS = st.sampled_from(
    [
        "[A]: ",
        "[B]: ",
        "[A]",
        "[B] ",
        "<C>: ",
        "<C>",
        "[-x]",
        "[a]b]: ",
        "[ A ]: ",
        "<+ x>",
        "<_x>: ",
        "",
        "# ",
    ]
)
_PIECES = st.sampled_from(
    [
        "word",
        "two words",
        " ",
        "  ",
        ".",
        ". ",
        ",",
        ":",
        ";",
        "-",
        "(",
        ")",
        "e.g.",
        ":+1:",
        ".A.",
        "#tag",
        "#tag ",
        "#(two words)",
        "#(open",
        "close)",
        "# ",
        '{cite: "Doe"}',
        "{a: 1}",
        "{",
        "}",
        "*",
        "_",
        "@",
        "\\",
        "/",
        "//",
        "/*",
        "*/",
        "<!--",
        "===",
        "=",
        "[",
        "]",
        "<",
        ">",
        "\t",
        "—“quoted”",
        "\u2028",
        "\x0c",
    ]
)
_ENDINGS = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\n  \n", " \n"])


@st.composite
def _line(draw: st.DrawFn) -> str:
    text = "".join(draw(st.lists(_PIECES, max_size=6)))
    return draw(_INDENTS) + draw(_MARKERS) + draw(_HEADS) + text + draw(_ENDINGS)


@settings(max_examples=400, deadline=None)
@given(st.lists(_line(), min_size=1, max_size=8))
def test_generated_lines_read_the_same_both_ways(lines: list[str]) -> None:
    _assert_same("".join(lines))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[]<>:+-_ #{}.,*\\/=\n\tAb")), max_size=80))
def test_arbitrary_text_reads_the_same_both_ways(text: str) -> None:
    _assert_same(text)


def test_tag_characters_are_argdowns() -> None:
    """The tag character class, written by what it leaves out, takes exactly Argdown's
    characters: ``[a-zA-z0-9\\-\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF]``."""
    argdowns = re.compile("[a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]")
    ours = re.compile(TAG_CHARACTER)
    # Every character of the BMP, and a sample of the others (Argdown takes none).
    for code in [*range(0x10000), *range(0x10000, 0x110000, 97), 0x10FFFF]:
        char = chr(code)
        assert bool(ours.fullmatch(char)) == bool(argdowns.fullmatch(char)), hex(code)
