"""The one finding type every part of argmap reports: :class:`Diagnostic`."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from argmap.source import Span

__all__ = ["Diagnostic", "Severity", "sort_diagnostics"]


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
    """

    code: str
    rule: str
    severity: Severity
    message: str
    span: Span
    node: str | None = None
    related: tuple[Span, ...] = ()

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.span.file, self.span.line, self.span.column, self.code, self.message)

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
    """Diagnostics in reading order: by file, line, column, then code."""
    return sorted(diagnostics, key=Diagnostic.sort_key)
