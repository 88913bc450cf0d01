"""``argmap fmt``: rewrite a brief in a canonical layout, like black does for Python.

The brief keeps its own structure — its blocks, relation trees, lists, line breaks in
text, escapes, comments and front matter — and only its layout changes:

- relation lines are indented two spaces per level (list items start at column 0, their
  relations two spaces in), and relation markers are normalised: ``<+`` → ``+``,
  ``<-`` → ``-``, ``<_`` → ``_``, with one space after the marker;
- the members ``(1)`` and inference lines ``--`` of a premise–conclusion structure start
  at column 0 (the relations under them two spaces in), with one space after a member's
  number; numbers, rules and data stay as written;
- a text that continues on the next line is indented two spaces deeper than its node's
  line (or not at all, if it was not indented: a continuation line at column 0 can
  close bold or italic text, an indented one cannot);
- one space between ``[Title]:`` and the text and one after ``#`` in headings; other
  runs of spaces that Argdown skips become one (spaces it reads as part of a text are
  kept); blocks are separated by exactly one blank line, and so are comments;
  trailing whitespace goes; the file ends with one line break; a brief keeps its
  line endings (CRLF if its first line ends in CRLF, else LF; a line break that the
  meaning needs is kept as written: Argdown's data ``{…}`` may run over ``\\n`` but not
  over ``\\r\\n``, so a stray ``{`` at the end of a line can depend on it).

Comments (``//``, ``/* */``, ``<!-- -->``) are kept exactly where they are, with their
own text, wherever they sit — between blocks, at the end of a line, between a statement
and its relations. Front matter is kept as written.

``format_brief`` never loses content: it refuses (:class:`FormatError`) a brief with
syntax errors, and before returning it reads its own output and checks that it means the
same brief — the same statements and arguments, occurrence by occurrence (titles, texts,
tags, data, mentions, links, sections), the same relations (and the inference each
undercut of one targets), premise–conclusion structures (members, numbers, roles,
inference rules and data), headings and front matter, and the same comments. If a
change of layout would change anything, it keeps that part of the layout as it was
(trailing spaces inside a text, ``\\r\\n`` line breaks, the missing final line break)
or, failing that, raises :class:`FormatError` and the brief stays as it is. Formatting
is idempotent: ``format_brief(format_brief(x)) == format_brief(x)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import Severity
from argmap.exporters.argdown.fingerprint import difference, fingerprint
from argmap.model import build
from argmap.source import SourceText
from argmap.syntax import lexer
from argmap.syntax.parser import ParseResult, parse

__all__ = ["FormatError", "format_brief"]

INDENT = "  "

_MARKERS = {"<+": "+", "<-": "-", "<_": "_"}
_COMMENT = re.compile(r"<!--[\s\S]*?-->|/\*[\s\S]*?\*/|//[^\n\r]*")
_LINE_ENDS = frozenset({lexer.NEWLINE, lexer.EMPTYLINE})
_ITEMS = frozenset({lexer.ORDERED_ITEM, lexer.UNORDERED_ITEM})
# Tokens whose whole image is kept, trailing whitespace and all.
_VERBATIM = frozenset({lexer.FRONT_MATTER, lexer.DATA})
_MAX_ERRORS_SHOWN = 3
_LONE_CR = re.compile(r"\r(?!\n)")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_TRAILING = re.compile(r"[ \t]+(?=\r?\n)")
_BLANK_RUNS = re.compile(r"(\r?\n)(?:[ \t]*\r?\n){2,}")


class FormatError(ValueError):
    """A brief that ``fmt`` will not rewrite (syntax errors, or a layout change that
    would change what the brief means)."""


def format_brief(text: str, name: str = "<string>") -> str:
    """The brief in canonical layout (see the module's documentation).

    Raises :class:`FormatError` when the brief has syntax errors, or when no layout
    could be checked to keep the brief's meaning.
    """
    if name.lower().endswith(".json"):
        # The loader reads a `.json` file as argmap's own JSON map (docs/json.md), which
        # has no layout of Argdown's to put right.
        raise FormatError(
            f"{name}: argmap fmt formats Argdown briefs; this is an argmap JSON map, so it "
            "is left as it is"
        )
    source = SourceText(text, name)
    parsed = parse(source)
    errors = [d for d in parsed.diagnostics if d.severity is Severity.ERROR]
    if errors:
        shown = "; ".join(
            f"{d.span.file}:{d.span.line}:{d.span.column}: {d.message}"
            for d in errors[:_MAX_ERRORS_SHOWN]
        )
        more = len(errors) - _MAX_ERRORS_SHOWN
        raise FormatError(
            f"{name} has syntax errors, so it is left as it is: {shown}"
            + (f" (and {more} more)" if more > 0 else "")
            + "; fix them (argmap check) and format again"
        )
    original = _meaning(parsed)
    # A layout is kept only if formatting it again changes nothing (with lone carriage
    # returns the first layout may read back the same but lay out differently).
    formatted = _format_once(text, name, original)
    for _ in range(3):
        again = _format_once(formatted, name, original)
        if again == formatted:
            return formatted
        formatted = again
    raise FormatError(
        f"{name}: no stable layout found, so the brief is left as it is"
        + (
            ": it breaks lines with lone carriage returns (\\r); convert them to \\n"
            if _LONE_CR.search(source.text)
            else "; this is a bug in argmap fmt, please report it"
        )
    )


def _format_once(text: str, name: str, original: dict[str, Any]) -> str:
    """The first layout of ``text`` that means ``original``."""
    source = SourceText(text, name)
    tokens = lexer.tokenize(source.text).tokens
    # A brief keeps its line endings: CRLF if its first line ends so, else LF.
    first_break = _LINE_BREAK.search(source.text)
    newline = "\r\n" if first_break is not None and first_break.group() == "\r\n" else "\n"
    problem = ""
    modes = [
        (keep_breaks, strip, final_newline)
        for keep_breaks in (False, True)
        for strip in (True, False)
        for final_newline in (True, False)
    ]
    for keep_breaks, strip, final_newline in modes:
        layout = _Layout(source.text, tokens, strip, keep_breaks, newline=newline)
        formatted = layout.render(final_newline)
        problem = _difference(original, _meaning(parse(SourceText(formatted, name))))
        if not problem:
            return formatted
    if _LONE_CR.search(source.text):
        raise FormatError(
            f"{name}: formatting would change the brief ({problem}), so it is left as it "
            "is: it breaks lines with lone carriage returns (\\r), which Argdown does not "
            "read as blank lines; convert its line breaks to \\n and format again"
        )
    raise FormatError(
        f"{name}: formatting would change the brief ({problem}), so it is left as it is; "
        "this is a bug in argmap fmt, please report it"
    )


# -- what must not change -----------------------------------------------------------------


def _meaning(parsed: ParseResult) -> dict[str, Any]:
    """Everything a brief says: the map, the brief occurrence by occurrence, and its
    comments (the fingerprint the Argdown export compares too)."""
    return fingerprint(build(parsed), parsed)


def _difference(original: dict[str, Any], formatted: dict[str, Any]) -> str:
    key = difference(original, formatted)
    return "" if key is None else f"its {key} would differ"


# -- the layout ------------------------------------------------------------------------------


def _tidy_space(space: str) -> str:
    """Whitespace between comments: no trailing spaces, at most one blank line."""
    return _BLANK_RUNS.sub(r"\1\1", _TRAILING.sub("", space))


@dataclass
class _Layout:
    """Writes the tokens of a brief back in canonical layout."""

    text: str
    tokens: list[lexer.Token]
    strip: bool  # strip trailing whitespace that belongs to a token's image
    keep_breaks: bool = False  # keep \r\n line breaks (a `{` at a line's end may need it)
    parts: list[str] = field(default_factory=list)
    newline: str = "\n"  # the line break written (a CRLF brief keeps its CRLF)
    line: list[str] = field(default_factory=list)
    line_length: int = 0  # characters in ``line`` (kept, so a long line stays linear)
    floor: int = 0  # characters of the current line that stripping must keep
    level: int = 0  # relation (and list) nesting depth
    in_list: bool = False
    line_indent: int = 0  # indentation of the current node's line
    after_marker: bool = False  # the last token was a relation marker or list item
    after_heading: bool = False  # the last token was a heading's hashes (and space)
    after_title: bool = False  # the last token was `[Title]:` or `<Title>:`

    def _length(self) -> int:
        return self.line_length

    def _emit(self, piece: str, protect: int | None = None) -> None:
        """Add to the current line; ``protect`` characters of it survive stripping."""
        start = self.line_length
        self.line.append(piece)
        self.line_length += len(piece)
        kept = len(piece) if protect is None else protect
        self.floor = max(self.floor, start + kept)

    def _end_line(self, newline: str) -> None:
        current = "".join(self.line)
        kept, rest = current[: self.floor], current[self.floor :]
        self.parts.append(kept + rest.rstrip(" \t") + newline)
        self.line = []
        self.line_length = 0
        self.floor = 0

    def render(self, final_newline: bool) -> str:
        position = 0
        at_line_start = True
        block_start = True
        last_kind = ""
        for token in self.tokens:
            kind = token.kind
            if kind == lexer.INDENT:
                self.level += 1
                continue
            if kind == lexer.DEDENT:
                self.level -= 1
                continue
            gap = self.text[position : token.start] if token.start > position else ""
            position = max(position, token.end)
            previous, last_kind = last_kind, kind
            if gap.strip():
                # Comments: kept as written, with the line breaks around them. After a
                # relation marker, one space first: `<_/**/` must not become `_/**/`
                # (a lone `_` is a marker only before whitespace).
                if self.after_marker:
                    self._emit(" ", 0)
                    gap = gap.lstrip(" \t")
                self._verbatim(self._tidy(gap))
                at_line_start = gap.endswith(("\n", "\r"))
            elif kind in _LINE_ENDS:
                pass
            elif self.after_marker or self.after_title:
                self._emit(" ", 0)
            elif self.after_heading:
                pass
            elif at_line_start:
                if gap and not block_start:
                    self._emit(" " * (self.line_indent + len(INDENT)), 0)
            elif gap:
                # An escape takes the spaces after it into the text: what it did not take
                # starts with a tab, and must stay a tab.
                self._emit("\t" if previous == lexer.ESCAPED else " ", 0)
            self.after_marker = self.after_heading = self.after_title = False
            if kind == lexer.NEWLINE:
                self._end_line(self._break(token.image))
                at_line_start = True
                continue
            if kind == lexer.EMPTYLINE:
                self._end_line(self._break(token.image))
                self.parts.append(self._break(token.image))
                at_line_start = block_start = True
                self.level = 0
                self.in_list = False
                self.line_indent = 0
                continue
            if block_start:
                self.in_list = kind in _ITEMS
                self.line_indent = 0
            at_line_start = block_start = False
            self._token(token)
        if position < len(self.text) and self.text[position:].strip():
            self._verbatim(self._tidy(self.text[position:]))
        self._end_line("")
        result = "".join(self.parts).lstrip("\r\n").rstrip("\r\n")
        if final_newline and result:
            result += "\r\n" if self.keep_breaks and "\r\n" in self.text else self.newline
        if result.startswith("\ufeff"):
            result = "\ufeff" + result  # a byte order mark is dropped on reading
        return result

    def _break(self, image: str) -> str:
        """The line break that ends a line: ``\\n``, or as the brief wrote it."""
        if image.endswith("\r"):
            return "\r"
        if self.keep_breaks and "\r\n" in image:
            return "\r\n"
        return self.newline

    def _tidy(self, gap: str) -> str:
        """Text the lexer skipped (comments and whitespace) with its whitespace tidied
        (when stripping): ``\\r\\n`` → ``\\n``, no trailing spaces, at most one blank
        line in a row. The comments themselves are kept (a ``//`` comment loses its
        trailing spaces)."""
        if not self.strip:
            return gap
        if not self.keep_breaks:
            gap = gap.replace("\r\n", "\n")
        pieces: list[str] = []
        position = 0
        for match in _COMMENT.finditer(gap):
            pieces.append(_tidy_space(gap[position : match.start()]))
            comment = match.group(0)
            pieces.append(comment.rstrip(" \t") if comment.startswith("//") else comment)
            position = match.end()
        pieces.append(_tidy_space(gap[position:]))
        return "".join(pieces)

    def _verbatim(self, text: str) -> None:
        """Text kept as it is (comments and the whitespace around them)."""
        lines = re.split(r"(\r\n|\n|\r)", text)
        for index in range(0, len(lines) - 1, 2):
            self._emit(lines[index])
            self._end_line(self.newline if lines[index + 1] == "\n" else lines[index + 1])
        self._emit(lines[-1])

    def _token(self, token: lexer.Token) -> None:
        kind = token.kind
        image = token.image
        if self.strip and not self.keep_breaks and self.newline == "\n":
            image = image.replace("\r\n", "\n")
        if kind == lexer.RELATION:
            depth = self.level - (1 if self.in_list else 0)
            self.line_indent = len(INDENT) * max(depth, 0)
            self._emit(" " * self.line_indent + _MARKERS.get(token.value, token.value))
            self.after_marker = True
        elif kind in _ITEMS or kind == lexer.STATEMENT_NUMBER:
            # A list item or a member's number `(1)`: at column 0, one space after it.
            self.line_indent = 0
            self._emit(image.lstrip(" \t"))
            self.after_marker = True
        elif kind == lexer.INFERENCE_START:
            self.line_indent = 0
            self._emit(image.lstrip(" \t"))
        elif kind == lexer.HEADING:
            self._emit("#" * int(token.value) + " ", int(token.value))
            self.after_heading = True
        elif kind in _VERBATIM or kind == lexer.LINK or kind == lexer.TAG:
            # Multi-line images (data blocks, front matter, links and tags that run over
            # a line break) are kept whole; a trailing space of a tag or link may go.
            self._emit(image, len(image.rstrip(" \t")) if kind in (lexer.LINK, lexer.TAG) else None)
        elif kind in (lexer.STATEMENT_DEFINITION, lexer.ARGUMENT_DEFINITION):
            self._emit(image)
            self.after_title = True
        elif kind == lexer.ESCAPED:
            self._emit(image, 2)  # the backslash and the character it escapes
        else:
            self._emit(image, len(image.rstrip(" \t")))
        if not self.strip:
            self.floor = self._length()
