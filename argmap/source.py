"""Source text and 1-based positions in it."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

__all__ = ["HIDDEN", "HIDDEN_CLASS", "SourceText", "Span"]

_BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\n|\r")

# Characters that hide in text, as the body of a regular-expression class: bidirectional
# controls (the "Trojan source" trick), zero-width characters, and control characters
# other than tab and line breaks. See the hidden-characters rule.
HIDDEN_CLASS = (
    "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"  # bidi controls
    "\u200b-\u200d\u2060\ufeff"  # zero-width characters
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # control characters (not tab or line breaks)
)
HIDDEN = re.compile(f"[{HIDDEN_CLASS}]")


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

    __slots__ = ("_hidden", "_line_starts", "name", "text")

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
        self._hidden: list[int] | None = None

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

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        if line < 1 or line > len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")
