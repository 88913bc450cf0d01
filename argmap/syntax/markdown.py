"""Argdown inside Markdown: the ```` ```argdown ```` fenced blocks of a ``.md`` file, read
as one brief.

Argdown's Markdown tools render each fenced block whose info string is ``argdown``,
``argdown-map`` or ``argdown-source``; argmap reads all of them in order as one brief
(so a statement defined in one block and referred to in another is one node), with a
blank line between blocks, and every place given in the Markdown file's own lines and
columns (:class:`~argmap.syntax.include.LineMap`). Fences follow CommonMark: three or
more backticks or tildes, indented by up to three spaces, closed by a fence of the same
character at least as long (or by the end of the file).
"""

from __future__ import annotations

import re

from argmap.diagnostics import SYNTAX_WARNING, Diagnostic, Severity
from argmap.source import SourceText, Span
from argmap.syntax.include import Expansion, LineMap

__all__ = ["LANGUAGES", "SUFFIXES", "argdown_blocks", "is_markdown"]

SUFFIXES = (".md", ".markdown")
LANGUAGES = frozenset({"argdown", "argdown-map", "argdown-source"})

_OPENING = re.compile(r"( {0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^\r\n]*")
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+\Z")


def is_markdown(name: str) -> bool:
    """Whether a brief named ``name`` is a Markdown file (by its suffix)."""
    return name.lower().endswith(SUFFIXES)


def argdown_blocks(text: str, name: str) -> Expansion:
    """The Argdown of a Markdown text's fenced blocks, as one brief."""
    lines = _LINES.findall(text)
    out: list[str] = []
    line_map = LineMap()
    index = 0
    blocks = 0
    while index < len(lines):
        opening = _OPENING.fullmatch(lines[index].rstrip("\r\n"))
        index += 1
        if opening is None:
            continue
        indent, fence, language = opening.groups()
        if fence[0] == "`" and "`" in lines[index - 1].rstrip("\r\n")[len(indent) + len(fence) :]:
            continue  # an info string with a backtick: not a fence (CommonMark)
        closing = re.compile(r" {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*")
        content: list[str] = []
        first = index + 1  # the line number of the block's first line
        while index < len(lines) and not closing.fullmatch(lines[index].rstrip("\r\n")):
            content.append(_dedent(lines[index], len(indent)))
            index += 1
        index += 1  # the closing fence
        if language.lower() not in LANGUAGES:
            continue
        if out:
            # A blank line between blocks: a block never runs on into the next.
            if not out[-1].endswith(("\n", "\r")):
                out[-1] += "\n"
            out.append("\n")
        line_map.add(len(out) + 1, name, first, len(indent))
        out.extend(content)
        blocks += 1
    diagnostics: list[Diagnostic] = []
    if not blocks:
        diagnostics.append(
            Diagnostic(
                SYNTAX_WARNING.code,
                SYNTAX_WARNING.name,
                Severity.WARNING,
                "this Markdown file has no Argdown in it: argmap reads the fenced blocks "
                "that start with ```argdown (or ```argdown-map)",
                Span(name, 1, 1, 1, 1),
            )
        )
    if not line_map.starts:
        line_map.add(1, name, 1)
    return Expansion("".join(out), line_map, {name: SourceText(text, name)}, diagnostics)


def _dedent(line: str, width: int) -> str:
    """``line`` without up to ``width`` spaces of indentation (a fence's own)."""
    removed = 0
    while removed < width and removed < len(line) and line[removed] == " ":
        removed += 1
    return line[removed:]
