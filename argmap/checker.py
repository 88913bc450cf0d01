"""Checking a brief: every diagnostic, sorted, with the exit status it implies."""

from __future__ import annotations

from argmap.diagnostics import Diagnostic, Severity, sort_diagnostics
from argmap.model import ArgumentMap

__all__ = ["check", "exit_status"]


def check(amap: ArgumentMap) -> list[Diagnostic]:
    """Every finding about a brief, in reading order (file, line, column)."""
    return sort_diagnostics(amap.diagnostics)


def exit_status(diagnostics: list[Diagnostic], fail_on: Severity = Severity.ERROR) -> int:
    """0 when nothing reaches ``fail_on``, else 1 (the CLI's exit codes)."""
    return int(any(d.severity.rank >= fail_on.rank for d in diagnostics))
