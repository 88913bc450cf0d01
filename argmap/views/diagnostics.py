"""Rendering diagnostics: pretty (rich, with the source line and a caret) and parsable.

Every text shown — file names, messages, explanations and echoed source lines — goes
through :func:`argmap.visible.visible`: hidden characters are shown as ``<U+XXXX>`` and
tabs as ``→``, so that nothing a brief or its file name holds reaches the terminal as a
control, and a parsable finding is always one line. (JSON output is data: it keeps the
text as it is.)"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING

from argmap.diagnostics import Diagnostic, Severity
from argmap.source import SourceText
from argmap.views.text import write
from argmap.visible import visible

if TYPE_CHECKING:  # rich is imported only to print: the parsable formats do without it
    from rich.console import Console

__all__ = ["github_line", "parsable_line", "render_plain", "render_pretty", "summary"]

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def parsable_line(diagnostic: Diagnostic) -> str:
    """``path:line:col: severity CODE message (rule-name)`` — one line, for editors."""
    span = diagnostic.span
    return (
        f"{visible(span.file)}:{span.line}:{span.column}: {diagnostic.severity.value} "
        f"{diagnostic.code} {visible(diagnostic.message)} ({diagnostic.rule})"
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
            f"file={_github_escape(visible(span.file), True)}",
            f"line={span.line}",
            f"col={span.column}",
            f"endLine={span.end_line}",
            # Inclusive, as our spans are; GitHub uses the columns when the lines are one.
            f"endColumn={span.end_column}",
            f"title={_github_escape(f'{diagnostic.code} {diagnostic.rule}', True)}",
        ]
    )
    message = _github_escape(visible(diagnostic.message))
    return f"::{_GITHUB_LEVELS[diagnostic.severity]} {properties}::{message}"


def render_pretty(
    console: Console,
    diagnostics: Sequence[Diagnostic],
    sources: dict[str, SourceText],
    explanations: dict[int, list[str]] | None = None,
) -> None:
    """Each finding with its location, the source line and a caret under the column;
    ``explanations`` maps a finding's index to lines of reasoning printed under it.
    Without colour the lines are written straight to the console's file, as rich would
    print them."""
    if console.color_system is None:
        render_plain(console.file, lambda: console, diagnostics, sources, explanations)
        return
    from rich.text import Text

    explanations = explanations or {}
    for index, diagnostic in enumerate(diagnostics):
        span = diagnostic.span
        style = _STYLES[diagnostic.severity]
        head = Text()
        head.append(f"{visible(span.file)}:{span.line}:{span.column}", style="bold")
        head.append(": ")
        head.append(diagnostic.severity.value, style=style)
        head.append(f" {diagnostic.code} ", style="dim")
        head.append(visible(diagnostic.message))
        head.append(f" ({diagnostic.rule})", style="dim")
        console.print(head, soft_wrap=True)
        for line in explanations.get(index, []):
            console.print(Text("      " + visible(line), style="dim"), soft_wrap=True)
        excerpt = _excerpt(diagnostic, sources)
        if excerpt is None:
            continue
        gutter, shown, indent, caret = excerpt
        source_line = Text(gutter, style="dim")
        source_line.append(shown)
        console.print(source_line, soft_wrap=True)
        console.print(Text.assemble(indent, (caret, style)), soft_wrap=True)


def _excerpt(
    diagnostic: Diagnostic, sources: dict[str, SourceText]
) -> tuple[str, str, str, str] | None:
    """The source line under a finding: the gutter (``   12 | ``), the line as shown,
    and the caret line as the spaces before the caret and the caret itself (``^~~``)."""
    span = diagnostic.span
    source = sources.get(span.file)
    if source is None:
        return None
    line = source.line_text(span.line)
    if not line and span.line > 1 and span.column == 1:
        return None
    gutter = f"{span.line:>5} | "
    if len(line) > 200:  # a window of 200 characters around the column
        start = max(0, span.column - 100)
        line = line[start : start + 200]
        column = span.column - start
    else:
        column = span.column
    width = 1
    if span.end_line == span.line:
        width = max(1, min(span.end_column - span.column + 1, len(line) - column + 1))
    # Shown visibly piece by piece, so that the caret stands under what it marks however
    # wide the hidden characters before it are shown (a tab is shown as one "→").
    before = visible(line[: column - 1])
    marked = visible(line[column - 1 : column - 1 + width])
    shown = before + marked + visible(line[column - 1 + width :])
    caret = "^" + "~" * (max(1, len(marked)) - 1)
    return gutter, shown, " " * (len(gutter) + len(before)), caret


def render_plain(
    file: IO[str],
    console: Callable[[], Console],
    diagnostics: Sequence[Diagnostic],
    sources: dict[str, SourceText],
    explanations: dict[int, list[str]] | None = None,
) -> None:
    """:func:`render_pretty` on a console without colour: the same lines, written to
    ``file`` directly. ``console()`` gives that console; it is asked for (and rich
    imported) only to print a line rich would print differently from its text."""
    explanations = explanations or {}
    console = functools.cache(console)
    out: list[str] = []
    for index, diagnostic in enumerate(diagnostics):
        out.append(_as_printed(console, parsable_line(diagnostic)))  # the same words
        out.extend("      " + visible(line) for line in explanations.get(index, []))
        excerpt = _excerpt(diagnostic, sources)
        if excerpt is not None:
            gutter, shown, indent, caret = excerpt
            out.append(gutter + shown)
            out.append(indent + caret)
    if out:
        write(file, "\n".join(out) + "\n")


def _as_printed(console: Callable[[], Console], line: str) -> str:
    """``line`` as rich prints it unwrapped: the same, unless it holds a character rich
    drops (bell, backspace, carriage return…) or expands (tab); the file name may."""
    if line.isprintable():
        return line
    from rich.text import Text

    printer = console()
    pieces = Text(line).wrap(printer, printer.width, no_wrap=True, overflow="ignore")
    return "\n".join(piece.plain for piece in pieces)


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
