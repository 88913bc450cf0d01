"""Reading briefs: from text, from a file, from standard input."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity
from argmap.model import ArgumentMap, build
from argmap.source import SourceText
from argmap.syntax.parser import parse

__all__ = ["BriefError", "load", "loads", "read_brief"]

STDIN_NAME = "<stdin>"
ENCODING_CODE = "AM003"
ENCODING_RULE = "encoding"
# Reporting every bad byte of a binary file helps nobody.
_MAX_ENCODING_REPORTS = 10


class BriefError(OSError):
    """A brief that cannot be read at all: missing, a directory, unreadable."""


def loads(text: str, name: str = "<string>") -> ArgumentMap:
    """Read a brief from a string.

    >>> amap = loads("[Claim]: Uniforms reduce costs.\\n  + [Study]: Doe 2019. #evidence")
    >>> [node.title for node in amap.nodes]
    ['Claim', 'Study']
    >>> amap.edges[0].relation
    'support'
    """
    return build(parse(SourceText(text, name)))


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """Read a brief from a file (``"-"`` reads standard input).

    Raises :class:`BriefError` when the file cannot be read. Bytes that are not UTF-8
    are reported as diagnostics (with their line and column) and read as U+FFFD. A
    ``.json`` file is read as argmap's own JSON export (docs/json.md).
    """
    name = os.fspath(path)
    text, diagnostics = read_brief(name)
    if name.lower().endswith(".json") and not diagnostics:
        from argmap.jsonread import JsonBriefError, loads_json

        try:
            return loads_json(text, name)
        except JsonBriefError as error:
            raise BriefError(str(error)) from None
    amap = build(parse(SourceText(text, STDIN_NAME if name == "-" else name)))
    amap.diagnostics[:0] = diagnostics
    return amap


def read_brief(name: str) -> tuple[str, list[Diagnostic]]:
    """The decoded text of a brief file and any encoding diagnostics."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError:
        raise BriefError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise BriefError(f"{name}: is a directory, not a brief") from None
    except PermissionError:
        raise BriefError(f"{name}: permission denied") from None
    except OSError as error:
        raise BriefError(f"{name}: cannot read: {error.strerror or error}") from None
    return decode_bytes(data, STDIN_NAME if name == "-" else name)


def decode_bytes(data: bytes, name: str) -> tuple[str, list[Diagnostic]]:
    """Decode UTF-8 (a BOM is dropped); each invalid byte sequence becomes a diagnostic."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        source = SourceText("", name)
        span = source.span(0, 1)
        return "", [
            Diagnostic(
                ENCODING_CODE,
                ENCODING_RULE,
                Severity.ERROR,
                "the brief is UTF-16; save it as UTF-8",
                span,
            )
        ]
    bom = 0
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        bom = 3
    nul = data.find(b"\x00")
    if nul >= 0 and data.count(b"\x00") * 10 > len(data):
        # Many NUL bytes: UTF-16 without a byte order mark, or not text at all.
        source = SourceText("", name)
        guess = "UTF-16" if _looks_like_utf16(data) else "a binary file"
        return "", [
            Diagnostic(
                ENCODING_CODE,
                ENCODING_RULE,
                Severity.ERROR,
                f"the brief is not UTF-8 text (it looks like {guess}: NUL byte at byte "
                f"offset {nul + bom}); save it as UTF-8",
                source.span(0, 1),
            )
        ]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    pieces: list[str] = []
    bad: list[tuple[int, int, int]] = []  # (char offset, byte offset, byte)
    offset = 0
    length = len(data)
    chars = 0
    while offset < length:
        try:
            piece = data[offset:].decode("utf-8")
        except UnicodeDecodeError as error:
            piece = data[offset : offset + error.start].decode("utf-8")
            pieces.append(piece)
            chars += len(piece)
            bad.append((chars, bom + offset + error.start, data[offset + error.start]))
            pieces.append("\ufffd")
            chars += 1
            offset += error.end
            continue
        pieces.append(piece)
        break
    text = "".join(pieces)
    source = SourceText(text, name)
    diagnostics = []
    for char_offset, byte_offset, byte in bad[:_MAX_ENCODING_REPORTS]:
        diagnostics.append(
            Diagnostic(
                ENCODING_CODE,
                ENCODING_RULE,
                Severity.ERROR,
                f"invalid UTF-8 byte 0x{byte:02x} at byte offset {byte_offset}; "
                "save the brief as UTF-8",
                source.span(char_offset, char_offset + 1),
            )
        )
    if len(bad) > _MAX_ENCODING_REPORTS:
        first = diagnostics[-1].span
        diagnostics.append(
            Diagnostic(
                ENCODING_CODE,
                ENCODING_RULE,
                Severity.ERROR,
                f"{len(bad) - _MAX_ENCODING_REPORTS} more invalid UTF-8 bytes not shown; "
                "is this a brief at all?",
                first,
            )
        )
    return text, diagnostics


def _looks_like_utf16(data: bytes) -> bool:
    """Mostly NUL in every other byte, as ASCII text in UTF-16 is."""
    sample = data[:4096]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    return max(even, odd) * 2 >= len(sample) // 2 and min(even, odd) * 4 < max(even, odd)
