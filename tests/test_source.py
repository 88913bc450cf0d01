"""Positions in a brief: offsets → 1-based lines and columns, one at a time or many."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from argmap.source import SourceText, Span

_TEXT = st.text(alphabet=st.sampled_from(list("ab \t\n\r")), max_size=60)


def test_span_counts_lines_and_columns_from_one() -> None:
    source = SourceText("ab\ncd\r\nef\rg", "brief.argdown")
    assert source.span(0, 2) == Span("brief.argdown", 1, 1, 1, 2)
    assert source.span(3, 4) == Span("brief.argdown", 2, 1, 2, 1)
    assert source.span(1, 8) == Span("brief.argdown", 1, 2, 3, 1)
    assert source.span(10, 11) == Span("brief.argdown", 4, 1, 4, 1)


def _position(text: str, offset: int) -> tuple[int, int]:
    """The line and column of ``offset`` the slow, obvious way."""
    before = re.split(r"\r\n|\n|\r", text[:offset])
    if text[offset - 1 : offset + 1] == "\r\n":  # between the two: still the \r's line
        before = re.split(r"\r\n|\n|\r", text[: offset - 1])
        return len(before), len(before[-1]) + 2
    return len(before), len(before[-1]) + 1


def _span(text: str, start: int, end: int) -> Span:
    last = max(start, end - 1)
    return Span("<string>", *_position(text, start), *_position(text, last))


@given(_TEXT, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=12))
def test_spans_in_any_order_count_lines_as_argdown(text: str, picks: list[tuple[int, int]]) -> None:
    # Offsets up to the end of the text, where the lexer's last token stands.
    offsets = [(min(start, len(text)), min(start + width, len(text) + 1)) for start, width in picks]
    # In the brief's order (the parser's case), in any order, and one at a time.
    for ordered in (sorted(offsets), offsets):
        expected = [_span(text, start, end) for start, end in ordered]
        assert SourceText(text).spans(ordered) == expected
        source = SourceText(text)
        assert [source.span(start, end) for start, end in ordered] == expected
        assert [source.position(start) for start, _ in ordered] == [
            (span.line, span.column) for span in expected
        ]


def test_hidden_characters_outside_the_clear_ranges() -> None:
    text = "a\u200bb\u202ec\x07d"
    assert SourceText(text).hidden_characters() == [1, 3, 5]
    source = SourceText(text)
    # A range a reader found clear is not searched again.
    source.find_hidden_characters([(0, 2), (4, 5)])
    assert source.hidden_characters() == [3, 5]


def test_hidden_characters_are_unicodes_default_ignorables_and_controls() -> None:
    text = "a\u00adb\u3164c\U000e0001d\x1be\tf\u00a0g\u200dh\r\n"
    # The soft hyphen, Hangul filler, language tag, escape and zero-width joiner; not the
    # tab, the no-break space or the line break.
    assert SourceText(text).hidden_characters() == [1, 3, 5, 7, 13]
