"""Source text and 1-based positions in it."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

__all__ = ["SourceText", "Span"]

_BOM = "\ufeff"


@dataclass(frozen=True, order=True)
class Span:
    """A place in a brief: 1-based line and column of its start (and end, inclusive).

    Columns count characters (code points), so a tab is one column, as in Argdown.
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
        starts = [0]
        # Lines end at \r\n, \n or a lone \r, as Argdown's lexer counts them.
        index = 0
        length = len(text)
        while True:
            nl = _next_break(text, index)
            if nl < 0:
                break
            index = nl + (2 if text.startswith("\r\n", nl) else 1)
            starts.append(index)
            if index >= length:
                break
        self._line_starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based character offset."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        """The span of characters ``start`` (inclusive) to ``end`` (exclusive)."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end - 1))
        return Span(self.name, line, column, end_line, end_column)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        if line < 1 or line > len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


def _next_break(text: str, start: int) -> int:
    n = text.find("\n", start)
    r = text.find("\r", start)
    if r < 0:
        return n
    if n < 0:
        return r
    return min(n, r)
