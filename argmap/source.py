"""Source text and 1-based positions in it."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

__all__ = ["SourceText", "Span"]

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


class SourceText:
    """The text of one brief, with a table of line starts for offset → position lookups."""

    __slots__ = ("_line_starts", "name", "text")

    def __init__(self, text: str, name: str = "<string>") -> None:
        if text.startswith(_BOM):
            text = text[1:]
        self.text = text
        self.name = name
        # Lines end at \r\n, \n or a lone \r, as Argdown's lexer counts them.
        starts = [0]
        if "\r" in text:
            starts.extend(match.end() for match in _LINE_BREAK.finditer(text))
        else:  # the usual case, three times faster
            find = text.find
            index = find("\n")
            while index >= 0:
                starts.append(index + 1)
                index = find("\n", index + 1)
        self._line_starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based character offset."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        """The 0-based character offset of a 1-based line and column."""
        starts = self._line_starts
        return starts[min(max(line, 1), len(starts)) - 1] + max(column, 1) - 1

    def span(self, start: int, end: int) -> Span:
        """The span of characters ``start`` (inclusive) to ``end`` (exclusive)."""
        starts = self._line_starts
        line = bisect.bisect_right(starts, start)
        last = max(start, end - 1)
        if line < len(starts) and last >= starts[line]:
            end_line = bisect.bisect_right(starts, last)
        else:
            end_line = line  # most spans lie on one line
        return Span(
            self.name,
            line,
            start - starts[line - 1] + 1,
            end_line,
            last - starts[end_line - 1] + 1,
        )

    def spans(self, offsets: list[tuple[int, int]]) -> list[Span]:
        """The spans of many ``(start, end)`` offsets at once: one walk down the lines when
        the starts come in order, as a parser finds them (a bisection otherwise)."""
        starts = self._line_starts
        count = len(starts)
        name = self.name
        line = 1  # the 1-based line of the last start; starts[line - 1] is its offset
        result: list[Span] = []
        append = result.append
        for start, end in offsets:
            if start < starts[line - 1]:
                line = bisect.bisect_right(starts, start)
            while line < count and starts[line] <= start:
                line += 1
            last = max(start, end - 1)
            end_line = line
            while end_line < count and starts[end_line] <= last:
                end_line += 1
            append(
                Span(
                    name,
                    line,
                    start - starts[line - 1] + 1,
                    end_line,
                    last - starts[end_line - 1] + 1,
                )
            )
        return result

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        if line < 1 or line > len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")
