"""Rendering diagnostics: pretty (rich, with the source line and a caret) and parsable."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from argmap.diagnostics import Diagnostic, Severity
from argmap.source import SourceText
from argmap.views.text import clean

__all__ = ["github_line", "parsable_line", "render_pretty", "summary"]

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def parsable_line(diagnostic: Diagnostic) -> str:
    """``path:line:col: severity CODE message (rule-name)`` — one line, for editors."""
    span = diagnostic.span
    return (
        f"{span.file}:{span.line}:{span.column}: {diagnostic.severity.value} "
        f"{diagnostic.code} {clean(diagnostic.message)} ({diagnostic.rule})"
    )


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github_line(diagnostic: Diagnostic) -> str:
    """A GitHub Actions workflow command: an annotation on the file and line."""
    span = diagnostic.span
    properties = ",".join(
        [
            f"file={_github_escape(span.file, True)}",
            f"line={span.line}",
            f"col={span.column}",
            f"endLine={span.end_line}",
            f"title={_github_escape(f'{diagnostic.code} {diagnostic.rule}', True)}",
        ]
    )
    message = _github_escape(clean(diagnostic.message))
    return f"::{_GITHUB_LEVELS[diagnostic.severity]} {properties}::{message}"


def render_pretty(
    console: Console,
    diagnostics: Sequence[Diagnostic],
    sources: dict[str, SourceText],
    explanations: dict[int, list[str]] | None = None,
) -> None:
    """Each finding with its location, the source line and a caret under the column;
    ``explanations`` maps a finding's index to lines of reasoning printed under it."""
    for index, diagnostic in enumerate(diagnostics):
        span = diagnostic.span
        head = Text()
        head.append(f"{span.file}:{span.line}:{span.column}", style="bold")
        head.append(": ")
        head.append(diagnostic.severity.value, style=_STYLES[diagnostic.severity])
        head.append(f" {diagnostic.code} ", style="dim")
        head.append(clean(diagnostic.message))
        head.append(f" ({diagnostic.rule})", style="dim")
        console.print(head, soft_wrap=True)
        for line in (explanations or {}).get(index, []):
            console.print(Text("      " + clean(line), style="dim"), soft_wrap=True)
        source = sources.get(span.file)
        if source is None:
            continue
        line = source.line_text(span.line)
        if not line and span.line > 1 and span.column == 1:
            continue
        gutter = f"{span.line:>5} | "
        # Tabs are one column to Argdown; print them as one space so the caret lines up.
        shown = clean(line)
        if len(shown) > 200:
            start = max(0, span.column - 100)
            shown = shown[start : start + 200]
            caret_at = span.column - start
        else:
            caret_at = span.column
        source_line = Text(gutter, style="dim")
        source_line.append(shown)
        console.print(source_line, soft_wrap=True)
        width = 1
        if span.end_line == span.line:
            width = max(1, min(span.end_column - span.column + 1, len(shown) - caret_at + 1))
        caret = Text(" " * len(gutter) + " " * (caret_at - 1))
        caret.append("^" + "~" * (width - 1), style=_STYLES[diagnostic.severity])
        console.print(caret, soft_wrap=True)


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """``2 errors, 1 warning in 3 briefs`` (or ``no problems in 1 brief``)."""
    counts = Counter(d.severity for d in diagnostics)
    briefs = f"{files} brief" + ("" if files == 1 else "s")
    parts = []
    for severity, word in (
        (Severity.ERROR, "error"),
        (Severity.WARNING, "warning"),
        (Severity.INFO, "note"),
    ):
        count = counts.get(severity, 0)
        if count:
            parts.append(f"{count} {word}" + ("" if count == 1 else "s"))
    if not parts:
        return f"no problems in {briefs}"
    return ", ".join(parts) + f" in {briefs}"
