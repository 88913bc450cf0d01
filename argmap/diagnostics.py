"""The one finding type every part of argmap reports: :class:`Diagnostic`."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from argmap.source import Span

__all__ = [
    "ENCODING",
    "FRONT_MATTER",
    "READER_RULES",
    "SYNTAX_ERROR",
    "SYNTAX_WARNING",
    "Diagnostic",
    "ReaderRule",
    "Severity",
    "sort_diagnostics",
]


class ReaderRule(NamedTuple):
    """The code and name of a finding the reader itself reports (documented with the
    other rules in :mod:`argmap.rules`)."""

    code: str
    name: str


SYNTAX_ERROR = ReaderRule("AM001", "syntax-error")
FRONT_MATTER = ReaderRule("AM002", "front-matter")
ENCODING = ReaderRule("AM003", "encoding")
SYNTAX_WARNING = ReaderRule("AM004", "syntax-warning")
IMPORT_NOTE = ReaderRule("AM007", "import-note")
READER_RULES = (SYNTAX_ERROR, FRONT_MATTER, ENCODING, SYNTAX_WARNING, IMPORT_NOTE)

# The codes of the reader's errors: the syntax, the file's encoding.
READING_ERRORS = frozenset({SYNTAX_ERROR.code, ENCODING.code})


class Severity(str, enum.Enum):
    """How serious a finding is; ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True)
class Diagnostic:
    """One finding about a brief, located by a 1-based :class:`Span`.

    ``code`` is stable (``AM`` + digits), ``rule`` its fixed kebab-case name, ``node`` the
    id of the node it concerns, if any. ``related`` holds further places the message
    points at (for example the other definition of a title).

    ``misread`` marks a finding of the reader about text that is read otherwise than it
    looks (an unclosed bracket or brace, a heading without its space): what the rules
    would say about the nodes on its lines follows from it, and is not reported.
    """

    code: str
    rule: str
    severity: Severity
    message: str
    span: Span
    node: str | None = None
    related: tuple[Span, ...] = ()
    misread: bool = False

    def sort_key(self) -> tuple[str, bool, int, int, str, str]:
        # A file's reading errors come first: the findings after them may follow from
        # them, and they are what to fix first.
        later = not (self.code in READING_ERRORS and self.severity is Severity.ERROR)
        span = self.span
        return (span.file, later, span.line, span.column, self.code, self.message)

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.span.file,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "node": self.node,
        }


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in reading order: by file, its syntax and encoding errors first, then
    by line, column and code."""
    return sorted(diagnostics, key=Diagnostic.sort_key)
