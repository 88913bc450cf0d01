"""Source text and 1-based positions in it."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple, Protocol

# Characters that hide in text: control characters other than tab and line breaks, and
# Unicode's default-ignorable code points (bidi controls among them). See the
# hidden-characters rule.
from argmap.unicode_sets import HIDDEN, HIDDEN_CLASS

__all__ = ["HIDDEN", "HIDDEN_CLASS", "SourceText", "Span"]

_BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


class Span(NamedTuple):
    """A place in a brief: 1-based line and column of its start (and end, inclusive).

    Columns count characters (code points), so a tab is one column, as in Argdown.
    Spans compare and sort by file, then position.
    """

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column}


# A Span from a tuple of its fields, without NamedTuple's Python-level __new__: a third of
# the time, for the spans of every plain line.
_make_span = tuple.__new__


class LineMapping(Protocol):
    """Where the lines of a text come from (see argmap.syntax.include.LineMap)."""

    def span(self, span: Span) -> Span: ...


# How far from the start of a text an offset is found by counting its lines.
_NEAR = 4096


class SourceText:
    """The text of one brief, and 1-based positions in it.

    A reader asks for positions in the order of the text: each is found by counting line
    breaks from the one before. A position behind the last one is looked up in a table
    of line starts, built when first needed. A byte order mark at the start is dropped,
    unless ``keep_bom`` (for a text already read, whose offsets must stay as they are).
    """

    __slots__ = (
        "_at",
        "_countable",
        "_hidden",
        "_line",
        "_line_start",
        "_starts",
        "line_map",
        "name",
        "text",
    )

    def __init__(self, text: str, name: str = "<string>", keep_bom: bool = False) -> None:
        if text.startswith(_BOM) and not keep_bom:
            text = text[1:]
        self.text = text
        self.name = name
        # Lines end at \r\n, \n or a lone \r, as Argdown's lexer counts them: counting
        # "\n" finds them unless some \r stands alone.
        self._countable = "\r" not in text or text.count("\r") == text.count("\r\n")
        # The last offset found by counting, its line and the offset that line starts at.
        self._at = 0
        self._line = 1
        self._line_start = 0
        self._starts: list[int] | None = None
        self._hidden: list[int] | None = None
        # For a brief with others spliced in (see argmap.syntax.include), where each line
        # comes from; once it is set, span() gives places in those files.
        self.line_map: LineMapping | None = None

    def _line_starts(self) -> list[int]:
        """The offset of each line's first character."""
        if self._starts is None:
            text = self.text
            starts = [0]
            if "\r" in text:
                starts.extend(match.end() for match in _LINE_BREAK.finditer(text))
            else:  # the usual case, three times faster
                find = text.find
                index = find("\n")
                while index >= 0:
                    starts.append(index + 1)
                    index = find("\n", index + 1)
            self._starts = starts
        return self._starts

    def _locate(self, offset: int) -> tuple[int, int]:
        """The 1-based line of a 0-based offset, and the offset that line starts at."""
        if self._countable and offset >= self._at:
            text = self.text
            breaks = text.count("\n", self._at, offset)
            if breaks:
                self._line += breaks
                self._line_start = text.rfind("\n", self._at, offset) + 1
            self._at = offset
            return self._line, self._line_start
        if self._countable and self._starts is None and offset < _NEAR:
            # Near the start (the front matter, read after the first block): counting is
            # quicker than finding where every line of a large brief starts (50 ms for
            # 100,000 lines).
            text = self.text
            return text.count("\n", 0, offset) + 1, text.rfind("\n", 0, offset) + 1
        starts = self._line_starts()
        line = bisect.bisect_right(starts, offset)
        return line, starts[line - 1]

    def line_of(self, offset: int) -> int:
        """The 1-based line of a 0-based character offset."""
        return self._locate(offset)[0]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based character offset."""
        line, line_start = self._locate(offset)
        return line, offset - line_start + 1

    def offset(self, line: int, column: int) -> int:
        """The 0-based character offset of a 1-based line and column."""
        starts = self._line_starts()
        return starts[min(max(line, 1), len(starts)) - 1] + max(column, 1) - 1

    def span(self, start: int, end: int) -> Span:
        """The span of characters ``start`` (inclusive) to ``end`` (exclusive)."""
        line, line_start = self._locate(start)
        last = max(start, end - 1)
        end_line, end_start = line, line_start  # most spans lie on one line
        if last > start:
            if self._countable:
                breaks = self.text.count("\n", start, last)
                if breaks:
                    end_line = line + breaks
                    end_start = self.text.rfind("\n", start, last) + 1
            else:
                starts = self._line_starts()
                end_line = bisect.bisect_right(starts, last)
                end_start = starts[end_line - 1]
        span = Span(self.name, line, start - line_start + 1, end_line, last - end_start + 1)
        return span if self.line_map is None else self.line_map.span(span)

    def line_span(self, number: int, line_start: int, start: int, end: int) -> Span:
        """The span of characters ``start`` to ``end`` (exclusive) within the line that is
        line ``number`` and starts at offset ``line_start``: a reader that knows its line
        need not look it up."""
        span = _make_span(
            Span,
            (
                self.name,
                number,
                start - line_start + 1,
                number,
                max(start, end - 1) - line_start + 1,
            ),
        )
        return span if self.line_map is None else self.line_map.span(span)

    def spans(self, offsets: list[tuple[int, int]]) -> list[Span]:
        """The spans of many ``(start, end)`` offsets, fastest when the starts come in
        order, as a parser finds them."""
        span = self.span
        return [span(start, end) for start, end in offsets]

    def hidden_characters(self) -> list[int]:
        """The offsets of the :data:`HIDDEN` characters in the text, in order."""
        if self._hidden is None:
            self.find_hidden_characters([])
        assert self._hidden is not None
        return self._hidden

    def find_hidden_characters(self, clear: list[tuple[int, int]]) -> None:
        """Find the hidden characters, skipping the ``clear`` ranges of offsets ``[start,
        end)``, in order and apart, which a reader of the text has found to hold none."""
        text = self.text
        found: list[int] = []
        start = 0
        for end, after in [*clear, (len(text), len(text))]:
            if start < end:
                found.extend(match.start() for match in HIDDEN.finditer(text, start, end))
            start = after
        self._hidden = found

    def line_count(self) -> int:
        """How many lines the text has (an empty text has one, empty)."""
        return len(self._line_starts())

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        starts = self._line_starts()
        if line < 1 or line > len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")
