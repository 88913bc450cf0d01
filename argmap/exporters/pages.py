"""Pictures on pages: a map split into one part per section or per thesis (``--split``),
and the pages of a PDF joined into one document.

A page of a section holds the nodes defined in that section, and, as context, what they
support or attack outside it (so that the thesis a section argues for is on its page).
A section whose nodes all stand as context on other pages (a heading with only the
thesis under it) gets no page of its own. A page of a thesis holds the thesis and
everything that reaches it; nodes that reach no thesis share one last page.

Graphviz draws one graph per PDF, so the pages are drawn one by one and joined with
pypdf (the optional extra ``argmap[pdf]``), a pure-Python library, rather than by a
PostScript detour through Ghostscript, which would be one more outside program to
install and run.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from argmap.exporters import ExportError
from argmap.model import ArgumentMap
from argmap.selection import conclusions, related

__all__ = ["SPLITS", "join_pdfs", "split"]

SPLITS = ("section", "thesis")
PDF_EXTRA = "splitting a picture into pages needs pypdf: install argmap[pdf]"


def split(amap: ArgumentMap, how: str) -> list[ArgumentMap]:
    """The parts of ``amap`` to draw on pages of their own, in the brief's order: one per
    section (``how="section"``) or per thesis (``"thesis"``); the map itself if it has
    no section or thesis to split by. Each part's title names its section or thesis."""
    if how not in SPLITS:
        raise ValueError(f"unknown split {how!r} (expected one of {SPLITS})")
    groups = _by_section(amap) if how == "section" else _by_thesis(amap)
    parts = []
    for heading, keep in groups:
        theses = [node.id for node in amap.theses if node.id in keep]
        part = amap.restricted(keep, theses)
        part.title = f"{amap.title} — {heading}" if amap.title else heading
        parts.append(part)
    return parts or [amap]


def _by_section(amap: ArgumentMap) -> list[tuple[str, set[str]]]:
    """(section title, node ids) for each page of sections."""
    titles = {section.id: section.title for section in amap.sections}
    own: dict[str | None, list[str]] = {}
    for node in amap.nodes:
        home = node.section if node.section in titles else None
        own.setdefault(home, []).append(node.id)
    if len(own) < 2:
        return []
    pages: list[tuple[str | None, set[str], set[str]]] = []  # section, own, context
    for section, members in own.items():
        mine = set(members)
        context = {
            edge.target
            for member in members
            for edge in amap.outgoing(member)
            if edge.target not in mine
        }
        pages.append((section, mine, context))
    shown_as_context = set().union(*(context for _, _, context in pages))
    return [
        (titles[section] if section is not None else "Outside any section", mine | context)
        for section, mine, context in pages
        if not mine <= shown_as_context
    ]


def _by_thesis(amap: ArgumentMap) -> list[tuple[str, set[str]]]:
    """(thesis title, node ids) for each page of theses, then the nodes reaching none."""
    if len(amap.theses) < 2:
        return []
    concluded = conclusions(amap)
    pages = []
    reached: set[str] = set()
    for thesis in amap.theses:
        keep = {thesis.id}
        stack = [thesis.id]
        while stack:  # what reaches the thesis, transitively (no recursion)
            for near in related(amap, stack.pop(), concluded):
                if near not in keep:
                    keep.add(near)
                    stack.append(near)
        reached |= keep
        pages.append((thesis.label, keep))
    rest = {node.id for node in amap.nodes} - reached
    if rest:
        pages.append(("Not connected to a thesis", rest))
    return pages


def join_pdfs(pages: Sequence[bytes]) -> bytes:
    """One PDF of the given one-page PDFs, in order (each page keeps its own size)."""
    if len(pages) == 1:
        return pages[0]
    try:
        from pypdf import PdfReader, PdfWriter
    except ImportError:
        raise ExportError(PDF_EXTRA) from None
    writer = PdfWriter()
    for page in pages:
        writer.append(PdfReader(io.BytesIO(page)))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
