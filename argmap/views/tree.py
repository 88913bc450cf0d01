"""``argmap show``: the map as a tree, from each thesis down through what relates to it."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text
from rich.tree import Tree

from argmap.diagnostics import Diagnostic
from argmap.evaluate import Evaluation, Verdict
from argmap.model import ArgumentMap, Edge, Node
from argmap.views.text import clean
from argmap.views.trace import VERDICT_STYLES, VERDICT_SYMBOLS

__all__ = ["RELATION_SYMBOLS", "render_tree"]

# Symbols that read without colour; they are Argdown's own relation markers.
RELATION_SYMBOLS = {"support": "+", "attack": "-", "undercut": "_", "contradiction": "><"}
RELATION_STYLES = {
    "support": "bold green",
    "attack": "bold red",
    "undercut": "bold magenta",
    "contradiction": "bold yellow",
}
# Indentation rich's tree uses per level.
_LEVEL_WIDTH = 4


class _Children:
    """What relates to each node (supporters, attackers, undercutters, contradictions),
    in the brief's order; computed once per node."""

    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.order = {node_id: index for index, node_id in enumerate(amap.graph.nodes)}
        self.cache: dict[str, list[tuple[Edge, str]]] = {}

    def __call__(self, node_id: str) -> list[tuple[Edge, str]]:
        found = self.cache.get(node_id)
        if found is None:
            found = [(edge, edge.source) for edge in self.amap.incoming(node_id)]
            found += [
                (edge, edge.target)
                for edge in self.amap.outgoing(node_id)
                if edge.relation == "contradiction"
            ]
            found.sort(key=lambda item: self.order[item[1]])
            self.cache[node_id] = found
        return found


class AsciiOnly:
    """Render something with ASCII guide lines (rich's choice for non-UTF terminals),
    while user text keeps every character."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        ascii_options = options.copy()
        ascii_options.encoding = "ascii"
        yield from console.render(self.renderable, ascii_options)


_ASCII_VERDICTS = {Verdict.IN: "(in)", Verdict.OUT: "(out)", Verdict.UNDECIDED: "(undecided)"}


class _Marks:
    """What the tree shows besides the map: verdicts and findings per node."""

    def __init__(
        self, evaluation: Evaluation | None, findings: list[Diagnostic], ascii_only: bool
    ) -> None:
        self.ascii_only = ascii_only
        self.evaluation = evaluation
        self.findings: dict[str, list[Diagnostic]] = {}
        for finding in findings:
            if finding.node is not None:
                self.findings.setdefault(finding.node, []).append(finding)


def _label(node: Node, edge: Edge | None, seen: bool, marks: _Marks) -> Text:
    label = Text()
    if edge is not None:
        label.append(RELATION_SYMBOLS[edge.relation], style=RELATION_STYLES[edge.relation])
        label.append(" ")
    if marks.evaluation is not None:
        verdict = marks.evaluation.verdicts[node.id]
        symbol = _ASCII_VERDICTS[verdict] if marks.ascii_only else VERDICT_SYMBOLS[verdict]
        label.append(f"{symbol} ", style=VERDICT_STYLES[verdict])
    if node.is_evidence:
        label.append("EVIDENCE ", style="bold cyan")
    if not node.untitled:
        label.append(clean(node.label), style="bold")
    if seen:
        label.append(" (shown above)", style="dim italic")
        return label
    if node.text:
        if not node.untitled:
            label.append(" ")
        label.append(clean(node.text))
    elif not node.is_defined:
        label.append(" (referenced, never defined)", style="dim italic")
    citation = node.citation
    if node.is_evidence and citation:
        label.append("\n")
        label.append("source: ", style="dim")
        label.append(clean(citation), style="cyan")
    for finding in marks.findings.get(node.id, []):
        label.append("\n")
        label.append(f"{'!' if marks.ascii_only else '⚠'} {finding.rule}: ", style="yellow")
        label.append(clean(finding.message), style="dim")
    return label


def _hide_below(children: _Children, node_id: str, seen: set[str]) -> int:
    """Mark every not yet shown node below ``node_id`` as accounted for; how many."""
    hidden = 0
    stack = [node_id]
    while stack:
        current = stack.pop()
        for _, child in children(current):
            if child not in seen:
                seen.add(child)
                hidden += 1
                stack.append(child)
    return hidden


def build_tree(
    amap: ArgumentMap,
    root: Node,
    seen: set[str],
    max_depth: int,
    marks: _Marks,
    children: _Children | None = None,
) -> Tree:
    """The tree under ``root``; nodes already in ``seen`` are shown once, then referred to."""
    children = children or _Children(amap)
    seen.add(root.id)
    tree = Tree(_label(root, None, False, marks), guide_style="dim")
    stack: list[tuple[str, Tree, int]] = [(root.id, tree, 0)]
    while stack:
        node_id, branch, depth = stack.pop()
        related = children(node_id)
        if depth >= max_depth and related:
            hidden = _hide_below(children, node_id, seen)
            if hidden:
                dots = "..." if marks.ascii_only else "…"
                branch.add(Text(f"{dots} {hidden} deeper (use --focus)", style="dim"))
                continue
        pending: list[tuple[str, Tree, int]] = []
        for edge, child_id in related:
            child = amap.node(child_id)
            already = child_id in seen
            sub = branch.add(_label(child, edge, already, marks))
            if not already:
                seen.add(child_id)
                pending.append((child_id, sub, depth + 1))
        stack.extend(reversed(pending))
    return tree


def render_tree(
    console: Console,
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: list[Diagnostic] | None = None,
    ascii_only: bool = False,
    max_depth: int | None = None,
) -> None:
    """Print each thesis's tree, then every node not reached from a thesis, with
    verdicts and findings when they are given. Past ``max_depth`` levels (by default,
    what fits the console's width) a branch ends in a "… N deeper" marker."""
    marks = _Marks(evaluation, findings or [], ascii_only)
    children = _Children(amap)
    seen: set[str] = set()
    fits = max(3, (console.width - 30) // _LEVEL_WIDTH)
    max_depth = fits if max_depth is None else min(max_depth, fits)
    parts: list[RenderableType] = []
    if amap.title:
        parts.append(Text(clean(amap.title), style="bold underline"))
    theses = amap.theses
    for thesis in theses:
        if thesis.id in seen:
            continue
        heading = Text("THESIS ", style="bold reverse")
        parts.append(heading)
        parts.append(build_tree(amap, thesis, seen, max_depth, marks, children))
    rest = [node for node in amap.nodes if node.id not in seen]
    if rest:
        parts.append(Text(f"Not connected to a thesis ({len(rest)}):", style="bold"))
        for node in rest:
            if node.id not in seen:
                parts.append(build_tree(amap, node, seen, max_depth, marks, children))
    legend = Text("Relations: ", style="dim")
    for relation, symbol in RELATION_SYMBOLS.items():
        legend.append(symbol, style=RELATION_STYLES[relation])
        legend.append(f" {_VERBS[relation]}  ", style="dim")
    if evaluation is not None:
        legend.append(f" Verdicts ({evaluation.standard.value} standard): ", style="dim")
        for verdict, symbol in VERDICT_SYMBOLS.items():
            if ascii_only:
                legend.append(_ASCII_VERDICTS[verdict] + "  ", style=VERDICT_STYLES[verdict])
                continue
            legend.append(symbol, style=VERDICT_STYLES[verdict])
            legend.append(f" {verdict.value}  ", style="dim")
    parts.append(legend)
    group = Group(*parts)
    console.print(AsciiOnly(group) if ascii_only else group)


_VERBS = {
    "support": "supports",
    "attack": "attacks",
    "undercut": "undercuts",
    "contradiction": "contradicts",
}
