"""The parser reads a plain line whole (lexer NODE_LINE) exactly as it reads its tokens.

`parse(source, node_lines=False)` goes through the fine-grained Argdown tokens only; the
default takes the whole-line path wherever the lexer allows it. Every brief must give the
same occurrences, relations, sections and diagnostics both ways.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.source import SourceText
from argmap.syntax.lexer import NODE_LINE, tokenize
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
    tokens = tokenize(text, node_lines=True).tokens
    whole = [token for token in tokens if token.kind == NODE_LINE or token.line is not None]
    # Nearly every statement of a generated brief is a plain line.
    assert len(whole) > 0.95 * 3_000


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
        ("[A]:", False),
        ("[A]: {cite: x}", False),
        ("[A] trailing words", False),
        ("[A]: data that runs on {a: 1}, {b: 2}", False),
    ],
)
def test_which_lines_are_read_whole(line: str, whole: bool) -> None:
    text = f"{line}\n\n[Z]: end\n"
    kinds = [token.kind for token in tokenize(text, node_lines=True).tokens]
    assert (kinds[0] == NODE_LINE) is whole
    _assert_same(text)


def test_a_tag_in_parentheses_may_run_on_to_the_next_line() -> None:
    text = "[A]: a #(tag that\n  + [B]: b) ends here\n"
    fast, _ = _both(text)
    assert fast.occurrences[0].tags == ["tag that\n  + [B]: b"]
    _assert_same(text)


def test_a_continued_line_is_not_read_whole() -> None:
    text = "[A]: first line\ncontinued here\n  + [B]: b\n"
    kinds = [token.kind for token in tokenize(text, node_lines=True).tokens]
    assert kinds[0] != NODE_LINE
    fast, _ = _both(text)
    assert fast.occurrences[0].text == "first line continued here"
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
