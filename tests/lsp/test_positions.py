"""argmap's places (1-based lines, code point columns, inclusive ends) as the protocol's
positions (0-based lines, columns in the agreed code units, exclusive ends), and back.
The expected columns are counted by hand: 😀 (U+1F600) is 1 code point, 2 UTF-16 units
and 4 UTF-8 bytes; é is 1, 1 and 2."""

from __future__ import annotations

import pytest
from lsprotocol.types import Position, Range

from argmap.lsp.positions import Lines
from argmap.source import Span

TEXT = "[A]: x\n😀é [B]\n"


def _span(line: int, column: int, end_line: int, end_column: int) -> Span:
    return Span("b.argdown", line, column, end_line, end_column)


@pytest.mark.parametrize(
    ("encoding", "start", "end"),
    [("utf-16", 4, 7), ("utf-8", 7, 10), ("utf-32", 3, 6)],
)
def test_a_title_after_an_emoji(encoding: str, start: int, end: int) -> None:
    lines = Lines(TEXT, encoding)
    # "[B]" is at code point columns 4 to 6 of line 2.
    assert lines.range(_span(2, 4, 2, 6)) == Range(
        start=Position(line=1, character=start), end=Position(line=1, character=end)
    )
    assert lines.column(Position(line=1, character=start)) == (2, 4)
    assert lines.offset(Position(line=1, character=start)) == TEXT.index("[B]")


def test_a_position_inside_an_emoji_is_the_emoji() -> None:
    lines = Lines(TEXT)
    # UTF-16 unit 1 is the emoji's second half.
    assert lines.column(Position(line=1, character=1)) == (2, 1)
    assert lines.column(Position(line=1, character=2)) == (2, 2)


def test_past_the_end_of_a_line_is_its_end() -> None:
    lines = Lines(TEXT)
    assert lines.column(Position(line=0, character=99)) == (1, 7)
    assert lines.column(Position(line=1, character=99)) == (2, 7)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_line_break_of_the_protocol(newline: str) -> None:
    text = f"[A]: x{newline}😀 [B]{newline}[C]"
    lines = Lines(text)
    assert lines.range(_span(3, 1, 3, 3)) == Range(
        start=Position(line=2, character=0), end=Position(line=2, character=3)
    )
    assert lines.position(2, 3) == Position(line=1, character=3)
    assert lines.end() == Position(line=2, character=3)
    assert lines.offset(Position(line=2, character=1)) == text.index("C")


def test_a_line_separator_is_not_a_line_break() -> None:
    # U+2028 breaks lines for Python's splitlines, not for the protocol or argmap.
    lines = Lines("[A]: x\u2028y [B]\n")
    assert lines.position(1, 10) == Position(line=0, character=9)
    assert lines.end() == Position(line=1, character=0)


def test_a_byte_order_mark_is_in_the_editors_text() -> None:
    # argmap reads the brief without its BOM; the editor counts it on the first line.
    lines = Lines("\ufeff[A]: x\n[B]\n")
    assert lines.position(1, 1) == Position(line=0, character=1)
    assert lines.position(2, 1) == Position(line=1, character=0)
    assert lines.offset(Position(line=0, character=1)) == 1
