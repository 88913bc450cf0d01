"""The Markdown export: an outline of the case for handouts and notes.

Under ``# title``, each thesis gets a section with a nested list that walks what relates
to it, as ``argmap show`` does: ``- **Supports:** **\\[Title\\]** text``, attacks,
undercuts and contradictions marked the same way, responses nested below what they
answer. Evidence is quoted with its citation (``> text — *cite*``); with an evaluation
each node says whether it stands, falls or is undecided; findings are notes below their
node. A node already written out is referred to (*see above*), nodes no thesis reaches
are listed in a final section, and lists deeper than :data:`MAX_DEPTH` go on in a
block of their own below the list (Markdown renderers cap nesting), so nothing is hidden.

User text goes through :func:`escape` only: Markdown punctuation is backslash-escaped
and ``& < >`` become entities, so the output holds no HTML. The walk is iterative.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from argmap.diagnostics import Diagnostic
from argmap.evaluate import Evaluation, Verdict
from argmap.model import ArgumentMap, Edge
from argmap.selection import outside_the_trees
from argmap.views.text import clean

__all__ = ["escape", "export"]

# What this module exports (read by argmap.exporters.formats()): --format name → file
# suffixes, the usual first.
EXPORTS = {"markdown": (".md", ".markdown")}
BINARY = False
NAME = next(iter(EXPORTS))
SUFFIX = EXPORTS[NAME][0]

# Levels of nesting below a root before the list goes on in a block of its own.
MAX_DEPTH = 8

RELATION_LABELS = {
    "support": "Supports",
    "attack": "Attacks",
    "undercut": "Undercuts",
    "contradiction": "Contradicts",
}
VERDICT_WORDS = {Verdict.IN: "✓ stands", Verdict.OUT: "✗ falls", Verdict.UNDECIDED: "? undecided"}

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile(r"[\\`*_\[\]#|~&<>]")
# What would start a block if it began a line: a list marker, an ordered-list number,
# a setext underline or a thematic break.
_LINE_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)]))")


def escape(text: str) -> str:
    """``text`` as literal Markdown inline text on one line: control characters removed,
    ``\\ ` * _ [ ] # | ~`` backslash-escaped, ``& < >`` as entities, and a leading list
    marker or number escaped so that it cannot start a block."""
    text = " ".join(clean(text).split())
    text = _SPECIAL.sub(lambda m: _ENTITIES.get(m.group(0), "\\" + m.group(0)), text)
    return _LINE_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text
    )


@dataclass
class _Item:
    """A node to write: how it relates to the line above and how deep it is."""

    node: str
    edge: Edge | None
    depth: int


@dataclass
class _Writer:
    amap: ArgumentMap
    evaluation: Evaluation | None
    notes: dict[str, list[Diagnostic]]
    order: dict[str, int]
    lines: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    related: dict[str, list[tuple[Edge, str]]] | None = None

    def children(self, node_id: str) -> list[tuple[Edge, str]]:
        """Supporters, attackers and undercutters, and both sides of a contradiction, in
        the brief's order (as ``argmap show`` lists them)."""
        if self.related is None:
            related: dict[str, list[tuple[Edge, str]]] = {}
            for edge in self.amap.edges:
                related.setdefault(edge.target, []).append((edge, edge.source))
                if edge.relation == "contradiction":
                    related.setdefault(edge.source, []).append((edge, edge.target))
            for items in related.values():
                items.sort(key=lambda item: self.order[item[1]])
            self.related = related
        return self.related.get(node_id, [])

    def entry(self, item: _Item, seen: bool) -> list[str]:
        """The lines of one list item (without its children)."""
        node = self.amap.node(item.node)
        indent = "  " * item.depth
        parts: list[str] = []
        if item.edge is not None:
            parts.append(f"**{RELATION_LABELS[item.edge.relation]}:**")
        if not node.untitled or seen:
            parts.append(f"**{escape(node.label)}**")
        if seen:
            parts.append("*(see above)*")
            return [f"{indent}- " + " ".join(parts)]
        meta: list[str] = []
        if node.is_evidence:
            meta.append("evidence")
        if self.evaluation is not None:
            meta.append(VERDICT_WORDS[self.evaluation.verdicts[node.id]])
        if not node.is_defined:
            meta.append("referenced, never defined")
        if meta:
            parts.append(f"*({', '.join(meta)})*")
        text = node.plain_text if node.plain_text is not None else node.text
        citation = node.citation
        lines: list[str] = []
        if node.is_evidence:
            quote = [escape(text)] if text else []
            if citation:
                quote.append(f"*{escape(citation)}*")
            if quote:
                lines.append(f"{indent}  > " + " — ".join(quote))
        elif text:
            parts.append(escape(text))
        lines.insert(0, f"{indent}- " + " ".join(parts))
        for finding in self.notes.get(node.id, []):
            lines.append(f"{indent}  - ⚠ *{escape(finding.rule)}:* {escape(finding.message)}")
        return lines

    def tree(self, root: str) -> None:
        """The list under ``root``, then each part of it deeper than :data:`MAX_DEPTH` in
        a list of its own."""
        pending: deque[tuple[str, bool]] = deque([(root, False)])
        while pending:
            start, continued = pending.popleft()
            self.lines.append("")
            if continued:
                label = escape(self.amap.node(start).label)
                self.lines += [f"Continued from **{label}**:", ""]
                stack = [_Item(child, edge, 0) for edge, child in reversed(self.children(start))]
            else:
                stack = [_Item(start, None, 0)]
            while stack:
                item = stack.pop()
                if item.node in self.seen:
                    self.lines += self.entry(item, seen=True)
                    continue
                self.seen.add(item.node)
                lines = self.entry(item, seen=False)
                children = self.children(item.node)
                if children and item.depth >= MAX_DEPTH:
                    lines[0] += " *(continued below)*"
                    pending.append((item.node, True))
                    children = []
                self.lines += lines
                stack.extend(
                    _Item(child, edge, item.depth + 1) for edge, child in reversed(children)
                )


def export(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
) -> str:
    """The exporter interface (see :mod:`argmap.exporters`)."""
    nodes = amap.nodes
    order = {node.id: index for index, node in enumerate(nodes)}
    notes: dict[str, list[Diagnostic]] = {}
    general: list[Diagnostic] = []
    for finding in findings:
        if finding.node in order:
            notes.setdefault(finding.node, []).append(finding)
        else:
            general.append(finding)
    writer = _Writer(amap, evaluation, notes, order)
    lines = writer.lines
    lines.append(f"# {escape(amap.title)}" if amap.title else "# Argument map")
    if evaluation is not None:
        words = " · ".join(VERDICT_WORDS.values())
        lines += ["", f"Verdicts under the {evaluation.standard.value} standard: {words}."]
    theses = {node.id for node in amap.theses}
    for root in amap.roots:
        if root.id in writer.seen:
            continue
        # A focus (--focus) is where the map starts, not a thesis of the brief.
        kind = "Thesis" if root.id in theses else "Focus"
        lines += ["", f"## {kind}: {escape(root.title)}"]
        writer.tree(root.id)
    for heading, group in outside_the_trees(amap, writer.seen):
        if group:
            lines += ["", f"## {heading} ({len(group)})"]
        for node in group:
            if node.id not in writer.seen:
                writer.tree(node.id)
    if general:
        lines += ["", "## Notes", ""]
        for finding in general:
            where = f" (line {finding.span.line})"
            lines.append(f"- ⚠ *{escape(finding.rule)}:* {escape(finding.message)}{where}")
    return "\n".join(lines) + "\n"
