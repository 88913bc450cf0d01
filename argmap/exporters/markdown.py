"""The Markdown export: an outline of the case for handouts and notes.

Under ``# title``, each thesis gets a section with a nested list that walks what relates
to it, as ``argmap show`` does: ``- **Supports:** **\\[Title\\]** text``, attacks,
undercuts and contradictions marked the same way, responses nested below what they
answer. Evidence is quoted with its citation (``> text — *cite*``); with an evaluation
each node says whether it stands, falls or is undecided; findings are notes below their
node. A node already written out is referred to (*see above*), nodes no thesis reaches
are listed in a final section, and lists deeper than :data:`MAX_DEPTH` go on in a
block of their own below the list (Markdown renderers cap nesting), so nothing is hidden.

A reconstructed argument supports its main conclusion, and lists its premise–conclusion
structure below it, before what relates to it: each member numbered as in the brief,
``(1) **\\[Title\\]** text``, with what relates to it nested below, and before each
conclusion the inference that leads to it, ``*Inference from (1), (2):* rules``, with
its verdict where the evaluation gives one and the undercuts of that inference below it.

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
from argmap.model import SYMMETRIC, ArgumentMap, Edge, Node
from argmap.selection import outside_the_trees
from argmap.syntax.parser import ARGUMENT
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
    "entails": "Entails",
    "contrary": "Contrary to",
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
    """A line to write: a node, how it relates to the line above and how deep it is; a
    member of the structure of argument ``of`` (``number`` as written); or, with
    ``step``, the inference of argument ``node`` to the member at that index of its
    structure."""

    node: str
    edge: Edge | None
    depth: int
    number: int | None = None
    step: int | None = None
    of: str | None = None  # the argument whose structure lists this member


@dataclass
class _Writer:
    amap: ArgumentMap
    evaluation: Evaluation | None
    notes: dict[str, list[Diagnostic]]
    order: dict[str, int]
    lines: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    related: dict[str, list[tuple[Edge, str]]] | None = None
    # The undercuts of each inference, by (argument id, index in its structure).
    undercuts: dict[tuple[str, int], list[Edge]] = field(default_factory=dict)
    # The numbers of each reconstructed argument's members (see _numbers), found once per
    # argument rather than once per inference.
    numbers: dict[str, dict[str, int]] = field(default_factory=dict)

    def related_to(self, node_id: str) -> list[tuple[Edge, str]]:
        """Supporters, attackers and undercutters, and both sides of a contradiction, in
        the brief's order (as ``argmap show`` lists them); a reconstructed argument
        supports its main conclusion. An undercut of one inference is listed under the
        inference instead (:attr:`undercuts`)."""
        if self.related is None:
            related: dict[str, list[tuple[Edge, str]]] = {}
            for edge in self.amap.edges:
                if edge.step is not None:
                    self.undercuts.setdefault((edge.target, edge.step), []).append(edge)
                    continue
                related.setdefault(edge.target, []).append((edge, edge.source))
                if edge.relation in SYMMETRIC:
                    related.setdefault(edge.source, []).append((edge, edge.target))
            for node in self.amap.nodes:
                main = node.pcs[-1].statement if node.pcs else None
                if main is not None and main in self.order:
                    support = Edge(node.id, main, "support")
                    related.setdefault(main, []).append((support, node.id))
            for items in related.values():
                items.sort(key=lambda item: self.order[item[1]])
            self.related = related
        return self.related.get(node_id, [])

    def children(self, item: _Item, depth: int) -> list[_Item]:
        """What is written below ``item``, at ``depth``: an inference's undercuts; a
        reconstructed argument's structure, then what relates to the node."""
        if item.step is not None:
            self.related_to(item.node)  # gathers the undercuts
            undercuts = self.undercuts.get((item.node, item.step), [])
            return [_Item(edge.source, edge, depth) for edge in undercuts]
        items: list[_Item] = []
        node = self.amap.node(item.node)
        for index, member in enumerate(node.pcs):
            if member.inference is not None:
                items.append(_Item(node.id, None, depth, step=index))
            if member.statement in self.order:  # members the map leaves out, left out
                items.append(_Item(member.statement, None, depth, member.number, of=node.id))
        # Under its own argument, a main conclusion need not say the argument supports it
        # (a reconstructed argument's relations are all its main conclusion's: any other
        # relation of the argument to the conclusion is written as the conclusion's).
        items += [
            _Item(child, edge, depth)
            for edge, child in self.related_to(item.node)
            if child != item.of
        ]
        return items

    def heading(self, item: _Item) -> str:
        """What a block that goes on below the list says it continues."""
        label = f"**{escape(self.amap.node(item.node).label)}**"
        if item.step is None:
            return label
        number = self.amap.node(item.node).pcs[item.step].number
        return f"the inference to ({number}) of {label}"

    def inference(self, item: _Item) -> list[str]:
        """The line of an inference: the numbers of its premises, its rules, its verdict."""
        assert item.step is not None
        argument = self.amap.node(item.node)
        numbers = self.numbers.get(argument.id)
        if numbers is None:
            numbers = self.numbers[argument.id] = _numbers(argument)
        premises = ", ".join(f"({numbers[p]})" for p in argument.premises_of(item.step))
        text = f"*Inference from {premises}" if premises else "*Inference"
        inference = argument.pcs[item.step].inference
        rules = ", ".join(inference.rules) if inference is not None else ""
        text = f"{text}:* {escape(rules)}" if rules else f"{text}*"
        steps = self.evaluation.steps if self.evaluation is not None else {}
        verdict = steps.get((argument.id, item.step))
        if verdict is not None:
            text += f" *({VERDICT_WORDS[verdict]})*"
        return [f"{'  ' * item.depth}- {text}"]

    def entry(self, item: _Item, seen: bool) -> list[str]:
        """The lines of one list item (without its children)."""
        node = self.amap.node(item.node)
        indent = "  " * item.depth
        parts: list[str] = []
        if item.edge is not None:
            parts.append(f"**{RELATION_LABELS[item.edge.relation]}:**")
        if item.number is not None:
            parts.append(f"({item.number})")
        if not node.untitled or seen:
            parts.append(f"**{escape(node.label)}**")
        if seen:
            parts.append("*(see above)*")
            return [f"{indent}- " + " ".join(parts)]
        meta: list[str] = []
        if node.is_evidence:
            meta.append("evidence")
        if node.untitled and node.type == ARGUMENT:
            meta.append("untitled argument")
        if self.evaluation is not None:
            meta.append(VERDICT_WORDS[self.evaluation.verdicts[node.id]])
        if not node.is_defined and not node.pcs:  # a structure defines its argument
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
        pending: deque[tuple[_Item, bool]] = deque([(_Item(root, None, 0), False)])
        while pending:
            start, continued = pending.popleft()
            self.lines.append("")
            if continued:
                self.lines += [f"Continued from {self.heading(start)}:", ""]
                stack = list(reversed(self.children(start, 0)))
            else:
                stack = [start]
            while stack:
                item = stack.pop()
                if item.step is not None:
                    lines = self.inference(item)
                elif item.node in self.seen:
                    self.lines += self.entry(item, seen=True)
                    continue
                else:
                    self.seen.add(item.node)
                    lines = self.entry(item, seen=False)
                children = self.children(item, item.depth + 1)
                if children and item.depth >= MAX_DEPTH:
                    lines[0] += " *(continued below)*"
                    pending.append((item, True))
                    children = []
                self.lines += lines
                stack.extend(reversed(children))


def _numbers(argument: Node) -> dict[str, int]:
    """The number of each member of an argument's structure, as first written."""
    numbers: dict[str, int] = {}
    for member in argument.pcs:
        numbers.setdefault(member.statement, member.number)
    return numbers


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
