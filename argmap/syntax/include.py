"""``@include(path)``: other briefs spliced into a brief, as Argdown's command line does.

Argdown's CLI replaces each ``@include(path)`` with the text of the file it names, before
reading anything, with the path relative to the file that holds the directive; each file
is included at most once. argmap does the same for a directive on a line of its own,
and keeps track of where every line came from, so that each finding names the file and
line it is about (:class:`LineMap`).

Where argmap differs, on purpose (docs/language.md lists it):

- a file that includes the brief itself, or one of the files that include it, is a
  cycle and is reported; Argdown includes the first file a second time;
- a directive inside a comment or in the middle of a line is not read as one (Argdown
  splices it in anyway);
- only files inside the brief's own folder (and its subfolders) are included, unless
  the caller allows more (``argmap`` allows what the command line names).
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from argmap.diagnostics import SYNTAX_ERROR, SYNTAX_WARNING, Diagnostic, Severity
from argmap.source import SourceText, Span

__all__ = ["DIRECTIVE", "Expansion", "LineMap", "expand", "has_directive"]

# A directive on a line of its own: "@include(path)", spaces around it allowed.
DIRECTIVE = re.compile(r"^[ \t]*@include\(([^)\r\n]+)\)[ \t]*(\r\n|\n|\r)?\Z")
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+\Z")

Reader = Callable[[str], tuple[str, list[Diagnostic]]]
"""Reads a file by name: its text and the diagnostics of decoding it."""


def has_directive(text: str) -> bool:
    """Whether ``text`` may hold an include directive (a quick test before :func:`expand`)."""
    return "@include(" in text


@dataclass
class LineMap:
    """Where each line of an expanded text comes from: ``starts[i]`` is the first line (in
    the expanded text) of a run of lines that comes from ``files[i]``, starting there at
    line ``lines[i]``, each line moved right by ``shifts[i]`` columns (the indentation of
    a fenced block in Markdown)."""

    starts: list[int] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    shifts: list[int] = field(default_factory=list)

    def add(self, start: int, file: str, line: int, shift: int = 0) -> None:
        if self.starts and self.starts[-1] == start:
            # An empty run: replace it.
            self.files[-1], self.lines[-1], self.shifts[-1] = file, line, shift
            return
        self.starts.append(start)
        self.files.append(file)
        self.lines.append(line)
        self.shifts.append(shift)

    def place(self, line: int) -> tuple[str, int, int]:
        """The file, line and column shift of an expanded text's ``line``."""
        index = max(bisect.bisect_right(self.starts, line) - 1, 0)
        return self.files[index], self.lines[index] + line - self.starts[index], self.shifts[index]

    def span(self, span: Span) -> Span:
        """``span`` (in the expanded text) in its own file. A span that runs from one file
        into another ends where its first line ends."""
        file, line, shift = self.place(span.line)
        end_file, end_line, end_shift = self.place(span.end_line)
        if end_file != file:
            return Span(file, line, span.column + shift, line, span.column + shift)
        return Span(file, line, span.column + shift, end_line, span.end_column + end_shift)


@dataclass
class Expansion:
    """A brief with its includes spliced in: the text, where each line comes from, the
    text of every file read (by name, for showing lines), and what went wrong."""

    text: str
    map: LineMap
    sources: dict[str, SourceText]
    diagnostics: list[Diagnostic]


@dataclass
class _File:
    name: str
    folder: Path
    lines: list[str]
    key: str  # its real path, to tell files apart however they are named
    index: int = 0  # the next line to read
    ending: str = ""  # the line break of the directive that included it


def expand(
    text: str, name: str, read: Reader, allowed: list[Path], limit: int | None = None
) -> Expansion:
    """Splice the files that ``text`` (the brief ``name``) includes into it, recursively.

    ``read`` reads an included file; ``allowed`` are the folders whose files may be
    included (with their subfolders); ``limit`` caps the expanded text's size in
    characters. A directive that cannot be followed (a missing or unreadable file, one
    outside ``allowed``, a cycle, a file included before) becomes a diagnostic at the
    directive, and the rest is read on.
    """
    sources = {name: SourceText(text, name)}
    diagnostics: list[Diagnostic] = []
    out: list[str] = []
    size = 0
    line_map = LineMap()
    root = _File(name, _folder(name), _LINES.findall(text), _key(name))
    included = {root.key}
    stack = [root]
    line_map.add(1, name, 1)
    while stack:
        current = stack[-1]
        if current.index == len(current.lines):
            stack.pop()
            if stack:
                _close(out, current.ending, line_map, stack[-1])
            continue
        line = current.lines[current.index]
        current.index += 1
        directive = DIRECTIVE.match(line)
        if directive is None:
            out.append(line)
            size += len(line)
            if limit is not None and size > limit:
                diagnostics.append(_at(current, "the brief with its includes is too large"))
                break
            continue
        target = directive.group(1)
        path = current.folder / target
        key = _key(str(path))
        problem = _problem(path, key, allowed, included, stack)
        if problem is None:
            try:
                included_text, decoding = read(os.fspath(path))
            except OSError as error:
                problem = f"@include({target}): {error}"
        if problem is not None:
            # Argdown reads on past a file included before (and a cycle): a warning.
            again = "again" in problem
            diagnostics.append(_at(current, problem, Severity.WARNING if again else Severity.ERROR))
            out.append(directive.group(2) or "")  # the line stays, empty
            continue
        included.add(key)
        shown = os.fspath(path)
        sources[shown] = SourceText(included_text, shown)
        diagnostics.extend(decoding)
        lines = _LINES.findall(included_text)
        stack.append(_File(shown, path.parent, lines, key, ending=directive.group(2) or ""))
        line_map.add(len(out) + 1, shown, 1)
    return Expansion("".join(out), line_map, sources, diagnostics)


def _close(out: list[str], ending: str, line_map: LineMap, parent: _File) -> None:
    """End an included file's text with the line break of its directive, as Argdown
    splices the text in its place: after a last line that ends with a line break, that
    is a line of its own (the directive's line)."""
    if out and out[-1] and out[-1][-1] not in "\r\n":
        out[-1] += ending
        line_map.add(len(out) + 1, parent.name, parent.index + 1)
    elif ending:
        line_map.add(len(out) + 1, parent.name, parent.index)
        out.append(ending)
        line_map.add(len(out) + 1, parent.name, parent.index + 1)
    else:
        line_map.add(len(out) + 1, parent.name, parent.index + 1)


def _problem(
    path: Path, key: str, allowed: list[Path], included: set[str], stack: list[_File]
) -> str | None:
    target = os.fspath(path)
    if any(frame.key == key for frame in stack):
        return (
            f"@include({target}) includes a file that includes this one: a cycle, so it is "
            "not included again"
        )
    if key in included:
        return (
            f"@include({target}): already included, so not included again (each file is "
            "included once)"
        )
    real = Path(key)
    if not any(real.is_relative_to(folder) for folder in allowed):
        return (
            f"@include({target}) names a file outside the brief's folder: argmap includes "
            "only files in the brief's folder and below"
        )
    if not real.is_file():
        return f"@include({target}): no such file"
    return None


def _at(current: _File, message: str, severity: Severity = Severity.ERROR) -> Diagnostic:
    line = current.lines[current.index - 1] if current.index else ""
    column = len(line) - len(line.lstrip(" \t")) + 1
    width = len(line.strip())
    span = Span(current.name, current.index, column, current.index, column + max(width, 1) - 1)
    kind = SYNTAX_WARNING if severity is Severity.WARNING else SYNTAX_ERROR
    return Diagnostic(kind.code, kind.name, severity, message, span)


def _folder(name: str) -> Path:
    return Path(name).parent if name and not name.startswith("<") else Path.cwd()


def _key(name: str) -> str:
    return os.path.realpath(name) if name and not name.startswith("<") else name
