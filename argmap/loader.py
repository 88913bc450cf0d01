"""Reading briefs: from text, from a file, from standard input."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from argmap.diagnostics import ENCODING, SYNTAX_ERROR, Diagnostic, Severity
from argmap.model import ArgumentMap, build
from argmap.source import SourceText, Span
from argmap.syntax.include import Expansion, LineMap, expand, has_directive
from argmap.syntax.markdown import argdown_blocks, is_markdown
from argmap.syntax.parser import ParseResult, parse

__all__ = [
    "MAX_BYTES",
    "MAX_BYTES_VARIABLE",
    "BriefError",
    "brief_name",
    "load",
    "load_text",
    "loads",
    "max_bytes",
    "read_brief",
]

STDIN_NAME = "<stdin>"
# Reporting every bad byte of a binary file helps nobody.
_MAX_ENCODING_REPORTS = 10
EMPTY_BRIEF = (
    "the brief is empty: it has no statement, argument or heading (Argdown refuses a brief "
    "without one)"
)

MAX_BYTES = 256 * 1024 * 1024
"""The largest brief argmap reads, in bytes: 256 MiB, about 1.5 million statements.

A larger file is refused before it is read (its size is known from the file system);
standard input is read up to one byte past the limit. ``ARGMAP_MAX_BYTES`` changes it.
"""
MAX_BYTES_VARIABLE = "ARGMAP_MAX_BYTES"
_CHUNK = 1 << 20  # bytes read at a time from a pipe or a device
# Files that may hold a map in another format (argmap.importers): read as such when their
# content says so.
_IMPORTED_SUFFIXES = (".json", ".aif", ".xml", ".txt")


class BriefError(OSError):
    """A brief that cannot be read at all: missing, a directory, unreadable, too large."""


def loads(text: str, name: str = "<string>") -> ArgumentMap:
    """Read a brief from a string.

    >>> amap = loads("[Claim]: Uniforms reduce costs.\\n  + [Study]: Doe 2019. #evidence")
    >>> [node.title for node in amap.nodes]
    ['Claim', 'Study']
    >>> amap.edges[0].relation
    'support'
    """
    return build(_refuse_empty(parse(SourceText(text, name))))


def load(path: str | os.PathLike[str], *, name: str | None = None) -> ArgumentMap:
    """Read a brief from a file (``"-"`` reads standard input, which ``name``, if given,
    names in findings and as a file: Markdown by its suffix, includes from its folder).

    Raises :class:`BriefError` when the file cannot be read, is larger than
    :func:`max_bytes`, or needs more memory than there is. Bytes that are not UTF-8
    are reported as diagnostics (with their line and column) and read as U+FFFD. A
    ``.json`` file is read as argmap's own JSON export (docs/json.md).
    """
    given = os.fspath(path)
    shown = name if name is not None and given == "-" else given
    # Raised after the suppressing block, when the half-built map is already freed.
    with contextlib.suppress(MemoryError):
        return _load(given, shown)
    raise BriefError(f"{brief_name(shown)}: not enough memory to read this brief")


def load_text(text: str, name: str) -> ArgumentMap:
    """Read a brief from ``text`` as if it were the file ``name``: the Argdown blocks of a
    Markdown file, ``@include`` from the file's folder, a ``.json`` file as argmap's own
    JSON export. For an editor, which holds the text of a file not yet saved.

    A text of nothing but white space is a new file not yet written: it reads as an empty
    map, without the error :func:`load` reports for an empty brief (only blank lines,
    comments or front matter), which would greet every new file.

    Raises :class:`BriefError` as :func:`load` does, for an invalid JSON export.
    """
    if not text.strip() and not name.lower().endswith(_IMPORTED_SUFFIXES):
        return build(parse(SourceText(text, brief_name(name))))
    return _from_text(text, name, [])


def _load(name: str, shown: str) -> ArgumentMap:
    if name.lower().endswith(".docx"):
        return _load_docx(name)
    text, diagnostics = read_brief(name, brief_name(shown))
    return _from_text(text, shown, diagnostics)


def _load_docx(name: str) -> ArgumentMap:
    """A Verbatim file (argmap.importers.docx): the map of the brief its import writes,
    with its places in the file's paragraphs."""
    from argmap.importers.docx import DocxImportError, read_docx

    try:
        return read_docx(name).map
    except DocxImportError as error:
        raise BriefError(str(error)) from None


def _from_text(text: str, name: str, diagnostics: list[Diagnostic]) -> ArgumentMap:
    """The map of ``text``, read from the file ``name`` with the encoding ``diagnostics``."""
    if name.lower().endswith(_IMPORTED_SUFFIXES) and not diagnostics:
        # AIF, microtext XML or a Kialo export, told by its first characters.
        from argmap.importers import ImportFailure, detect, load_import

        source_format = detect(text)
        if source_format is not None:
            try:
                return load_import(text, name, source_format)
            except ImportFailure as error:
                raise BriefError(str(error)) from None
    if name.lower().endswith(".json") and not diagnostics:
        from argmap.jsonread import JsonBriefError, loads_json

        try:
            return loads_json(text, name)
        except JsonBriefError as error:
            raise BriefError(str(error)) from None
    shown = brief_name(name)
    if is_markdown(name):
        return _load_expanded(argdown_blocks(text, shown), shown, diagnostics)
    if has_directive(text):
        folder = Path(shown).parent if shown != STDIN_NAME else Path.cwd()
        allowed = [Path(os.path.realpath(folder))]
        expansion = expand(text, shown, read_brief, allowed, limit=max_bytes())
        return _load_expanded(expansion, shown, diagnostics)
    parsed = parse(SourceText(text, shown))
    amap = build(parsed if diagnostics else _refuse_empty(parsed))
    amap.diagnostics[:0] = diagnostics
    return amap


def _refuse_empty(parsed: ParseResult) -> ParseResult:
    """``parsed``, with a syntax error if the brief has nothing in it to read: only blank
    lines, comments or front matter, which Argdown refuses (an empty file is most often
    the wrong one, or one not yet saved)."""
    if not (parsed.occurrences or parsed.sections or parsed.diagnostics):
        parsed.diagnostics.append(
            Diagnostic(
                SYNTAX_ERROR.code,
                SYNTAX_ERROR.name,
                Severity.ERROR,
                EMPTY_BRIEF,
                Span(parsed.source.name, 1, 1, 1, 1),
            )
        )
    return parsed


def _load_expanded(
    expansion: Expansion,
    name: str,
    diagnostics: list[Diagnostic],
    imported: bool = False,
) -> ArgumentMap:
    """A brief read from text put together from others (a brief with ``@include``
    directives, the Argdown blocks of a Markdown file, an ``imported`` file): every place
    found in that text is given in the file it comes from."""
    source = SourceText(expansion.text, name)
    parsed = parse(source)
    if not (imported or diagnostics or expansion.diagnostics):
        # Not when a file said why there is nothing (a Markdown file without Argdown, an
        # include not found) or an import is empty (its note says what it read).
        _refuse_empty(parsed)
    _remap(parsed, expansion.map)
    source.line_map = expansion.map
    amap = build(parsed)
    amap.sources = expansion.sources
    amap.diagnostics[:0] = diagnostics + expansion.diagnostics
    return amap


def _remap(parsed: ParseResult, line_map: LineMap) -> None:
    """Give every place of a parse of spliced text in the file it comes from."""
    place = line_map.span
    for occurrence in parsed.occurrences:
        occurrence.span = place(occurrence.span)
    for relation in parsed.relations:
        relation.span = place(relation.span)
    for section in parsed.sections:
        section.span = place(section.span)
    for reconstruction in parsed.reconstructions:
        reconstruction.span = place(reconstruction.span)
        for member in reconstruction.members:
            if member.span is not None:
                member.span = place(member.span)
            if member.inference is not None:
                member.inference.span = place(member.inference.span)
    if parsed.front_matter_span is not None:
        parsed.front_matter_span = place(parsed.front_matter_span)
    parsed.diagnostics[:] = [
        replace(d, span=place(d.span), related=tuple(place(r) for r in d.related))
        for d in parsed.diagnostics
    ]


def brief_name(name: str) -> str:
    """How a brief given as ``name`` is named in messages: ``-`` is standard input."""
    return STDIN_NAME if name == "-" else name


def max_bytes() -> int:
    """The size limit in bytes: ``ARGMAP_MAX_BYTES`` if set, else :data:`MAX_BYTES`."""
    value = os.environ.get(MAX_BYTES_VARIABLE, "").strip()
    if not value:
        return MAX_BYTES
    try:
        limit = int(value)
    except ValueError:
        limit = -1
    if limit < 0:
        raise BriefError(f"{MAX_BYTES_VARIABLE} must be a number of bytes, not {value!r}")
    return limit


def read_brief(name: str, shown: str | None = None) -> tuple[str, list[Diagnostic]]:
    """The decoded text of a brief file and any encoding diagnostics (in the file named
    ``shown``, if given: how the caller names standard input).

    Raises :class:`BriefError` for a file that cannot be read, and for one larger than
    :func:`max_bytes`, which is refused without reading it into memory.
    """
    limit = max_bytes()
    try:
        if name == "-":
            data = _read_limited(sys.stdin.buffer, STDIN_NAME, limit)
        else:
            with Path(name).open("rb") as handle:
                data = _read_limited(handle, name, limit)
    except FileNotFoundError:
        raise BriefError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise BriefError(f"{name}: is a directory, not a brief") from None
    except PermissionError:
        raise BriefError(f"{name}: permission denied") from None
    except BriefError:  # too large (a BriefError is an OSError too)
        raise
    except OSError as error:
        raise BriefError(f"{name}: cannot read: {error.strerror or error}") from None
    return decode_bytes(data, shown or brief_name(name))


def _read_limited(stream: BinaryIO, name: str, limit: int) -> bytes:
    """All of ``stream``; over ``limit`` bytes it is refused, before it is read when its
    size is known (a regular file), else once one byte past the limit has been read."""
    size = _file_size(stream)
    if size is not None and size > limit:
        raise BriefError(f"{name}: {_too_large(_size(size), limit)}")
    # A file in one read of its size (plus one byte, in case it grew); pipes, devices
    # and files that grow in chunks.
    want = _CHUNK if size is None else size + 1
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(want, limit + 1 - total))
        if not chunk:
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise BriefError(f"{name}: {_too_large('more than that', limit)}")
        want = _CHUNK


def _file_size(stream: BinaryIO) -> int | None:
    """The size of a regular file behind ``stream``; None for a pipe, a device or a
    stream without a file."""
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError):  # io.UnsupportedOperation is both
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _too_large(size: str, limit: int) -> str:
    return (
        f"the brief is too large: argmap reads briefs of up to {_size(limit)}, and this one "
        f"is {size}; set {MAX_BYTES_VARIABLE} (in bytes) to raise the limit"
    )


def _size(count: int) -> str:
    """``1.0 GiB (1,073,741,824 bytes)``: a size people read, and the exact count."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= scale:
            amount = f"{count / scale:.1f}".removesuffix(".0")
            return f"{amount} {unit} ({count:,} bytes)"
    return f"{count:,} bytes"


def decode_bytes(data: bytes, name: str) -> tuple[str, list[Diagnostic]]:
    """Decode UTF-8 (a BOM is dropped); each invalid byte sequence becomes a diagnostic."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        source = SourceText("", name)
        span = source.span(0, 1)
        return "", [
            Diagnostic(
                ENCODING.code,
                ENCODING.name,
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
                ENCODING.code,
                ENCODING.name,
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
                ENCODING.code,
                ENCODING.name,
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
                ENCODING.code,
                ENCODING.name,
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
