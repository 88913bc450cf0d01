"""Positions in a brief: offsets → 1-based lines and columns, one at a time or many."""

from __future__ import annotations

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


@given(_TEXT, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=12))
def test_many_spans_at_once_equal_one_at_a_time(text: str, picks: list[tuple[int, int]]) -> None:
    source = SourceText(text)
    limit = max(len(text), 1)
    offsets = [(min(start, limit - 1), min(start, limit - 1) + width) for start, width in picks]
    # In the brief's order (the parser's case) and in any order.
    for ordered in (sorted(offsets), offsets):
        assert source.spans(ordered) == [source.span(start, end) for start, end in ordered]


def test_hidden_characters_outside_the_clear_ranges() -> None:
    text = "a\u200bb\u202ec\x07d"
    assert SourceText(text).hidden_characters() == [1, 3, 5]
    source = SourceText(text)
    # A range a reader found clear is not searched again.
    source.find_hidden_characters([(0, 2), (4, 5)])
    assert source.hidden_characters() == [3, 5]
