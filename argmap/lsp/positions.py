"""Places in a document as argmap gives them and as the editor wants them.

argmap's :class:`~argmap.source.Span` counts 1-based lines and 1-based columns of code
points, with an inclusive end. The Language Server Protocol counts 0-based lines and
0-based columns in the code units of the encoding the client and server agreed on
(UTF-16 unless the client offers another), with an exclusive end: an emoji before a title
is one column to argmap and two to a UTF-16 client. Both break lines at ``\\r\\n``,
``\\n`` and a lone ``\\r``. Every conversion happens here, in one place.
"""

from __future__ import annotations

from lsprotocol import types

from argmap.source import SourceText, Span

__all__ = ["Lines"]

_BOM = "\ufeff"


def _utf16(text: str) -> int:
    """The length of ``text`` in UTF-16 code units (a character beyond U+FFFF takes two)."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _utf8(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


_UNITS = {
    types.PositionEncodingKind.Utf16.value: _utf16,
    types.PositionEncodingKind.Utf8.value: _utf8,
    types.PositionEncodingKind.Utf32.value: len,
}


class Lines:
    """The lines of one document's text, and conversions between argmap's places and the
    client's positions in the agreed ``encoding`` (``"utf-16"``, ``"utf-8"`` or
    ``"utf-32"``)."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        # argmap reads a brief without its byte order mark; the editor's text keeps it.
        self._shift = 1 if text.startswith(_BOM) else 0
        self._source = SourceText(text[self._shift :])
        self.encoding = encoding
        self._units = _UNITS.get(encoding, _utf16)

    def line_text(self, line: int) -> str:
        """The text of a 0-based line, without its line break (as argmap reads it)."""
        return self._source.line_text(line + 1)

    def _column(self, line: int, column: int) -> int:
        """Code units before the 1-based code point ``column`` of the 1-based ``line``."""
        return self._units(self._source.line_text(line)[: max(column - 1, 0)])

    def position(self, line: int, column: int) -> types.Position:
        """The client's position of argmap's 1-based ``line`` and ``column``."""
        shift = self._shift if line == 1 else 0
        return types.Position(line=line - 1, character=self._column(line, column) + shift)

    def range(self, span: Span) -> types.Range:
        """The client's range of ``span`` (whose end is inclusive; the range's is not)."""
        return types.Range(
            start=self.position(span.line, span.column),
            end=self.position(span.end_line, span.end_column + 1),
        )

    def line_range(self, first: int, last: int) -> types.Range:
        """From the start of the 1-based line ``first`` to the end of ``last``."""
        end = len(self._source.line_text(last)) + 1
        return types.Range(start=self.position(first, 1), end=self.position(last, end))

    def column(self, position: types.Position) -> tuple[int, int]:
        """argmap's 1-based (line, column) of a client position; a position inside a
        character's code units, or past the end of its line, counts as that character or
        the line's end."""
        line = position.line + 1
        text = self._source.line_text(line)
        want = position.character - (self._shift if line == 1 else 0)
        if self._units is len or text.isascii():
            return line, min(max(want, 0), len(text)) + 1
        units = 0
        for index, char in enumerate(text):
            units += self._units(char)
            if units > want:
                return line, index + 1
        return line, len(text) + 1

    def offset(self, position: types.Position) -> int:
        """The 0-based character offset in the text of a client position."""
        line, column = self.column(position)
        return self._source.offset(line, column) + self._shift

    def end(self) -> types.Position:
        """The position just after the text's last character."""
        last = self.text.count("\n") + self.text.count("\r") - self.text.count("\r\n") + 1
        return self.position(last, len(self._source.line_text(last)) + 1)
