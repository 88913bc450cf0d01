"""A folder of briefs read as one map: the case file, the blocks and the frontlines of a
team, where the 1AC's thesis and the blocks file's answers meet.

Every brief of the folder (found as ``argmap check DIR`` finds them, see
:mod:`argmap.files`) is read in order and put together as ``@include`` does: one text, so
that a title written in two files is one node, and every place in it given in the file
and line it comes from (:class:`~argmap.syntax.include.LineMap`). Each brief keeps its own
``@include`` directives (a brief that another includes is read there, not twice) and,
for Markdown, only its ```argdown blocks count.

Front matter belongs at the top of a brief, and a map has one: the first brief (in path
order) that has front matter is read first, and the front matter of any other brief is
left out with a warning at its first line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.diagnostics import SYNTAX_WARNING, Diagnostic, Severity
from argmap.source import SourceText, Span
from argmap.syntax.include import Expansion, LineMap, expand, has_directive
from argmap.syntax.markdown import argdown_blocks, is_markdown

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["load_folder"]

_LINE_BREAK = re.compile(r"\r\n|\n|\r")
# Front matter as the reader finds it: "===" at the very start, up to the next "===".
_FRONT_MATTER = re.compile(r"===+[\s\S]*?===+")


def load_folder(name: str, briefs: Sequence[str]) -> ArgumentMap:
    """The map of ``briefs`` (the files of folder ``name``, in order) read as one brief
    named ``name``. Raises :class:`~argmap.loader.BriefError` for a brief that cannot be
    read."""
    from argmap.loader import _load_expanded, max_bytes, read_brief

    allowed = [Path(os.path.realpath(name))]
    parts: list[tuple[str, Expansion]] = []
    diagnostics: list[Diagnostic] = []
    for brief in briefs:
        text, decoding = read_brief(brief)
        diagnostics.extend(decoding)
        if is_markdown(brief):
            expansion = argdown_blocks(text, brief)
        elif has_directive(text):
            expansion = expand(text, brief, read_brief, allowed, limit=max_bytes())
        else:
            line_map = LineMap()
            line_map.add(1, brief, 1)
            expansion = Expansion(text, line_map, {brief: SourceText(text, brief)}, [])
        parts.append((brief, expansion))
    # A brief that another one includes is read there, once (as @include reads a file once).
    included = {
        os.path.realpath(name)
        for brief, expansion in parts
        for name in expansion.sources
        if name != brief
    }
    parts = [(b, e) for b, e in parts if os.path.realpath(b) not in included]
    # The first brief with front matter goes first: front matter is read only at the top.
    with_front = [i for i, (_b, e) in enumerate(parts) if _FRONT_MATTER.match(e.text)]
    if with_front:
        parts.insert(0, parts.pop(with_front[0]))
    return _load_expanded(_joined(parts), name, diagnostics)


def _joined(parts: list[tuple[str, Expansion]]) -> Expansion:
    """The briefs' texts one after another, a blank line between two, with one line map
    and every file's text and diagnostics."""
    out: list[str] = []
    line_map = LineMap()
    sources: dict[str, SourceText] = {}
    diagnostics: list[Diagnostic] = []
    lines = 0  # the line breaks written so far
    first_with_front: str | None = None
    for brief, expansion in parts:
        text = expansion.text
        front = _FRONT_MATTER.match(text)
        if front is not None:
            if first_with_front is None:
                first_with_front = brief
            else:
                # Kept as blank lines, so that every later line stays where it was.
                text = "\n" * len(_LINE_BREAK.findall(front.group(0))) + text[front.end() :]
                diagnostics.append(_front_matter_left_out(brief, first_with_front))
        own = expansion.map
        for start, file, line, shift in zip(
            own.starts, own.files, own.lines, own.shifts, strict=True
        ):
            line_map.add(start + lines, file, line, shift)
        if text and text[-1] not in "\r\n":
            text += "\n"
        out.append(text)
        own_lines = len(_LINE_BREAK.findall(text))
        lines += own_lines
        # A blank line between briefs: the last block of one never runs on into the next.
        # It stands for the line after the brief's last.
        out.append("\n")
        file, line, _shift = own.place(own_lines)
        line_map.add(lines + 1, file, line + 1)
        lines += 1
        sources.update(expansion.sources)
        diagnostics.extend(expansion.diagnostics)
    if not line_map.starts:
        line_map.add(1, "", 1)
    return Expansion("".join(out), line_map, sources, diagnostics)


def _front_matter_left_out(brief: str, kept: str) -> Diagnostic:
    return Diagnostic(
        SYNTAX_WARNING.code,
        SYNTAX_WARNING.name,
        Severity.WARNING,
        f"this front matter is not read: a folder read as one map has one front matter, "
        f"that of {kept}",
        Span(brief, 1, 1, 1, 3),
    )
