"""``argmap show``: the map as a tree, from each thesis down through what relates to it.

The tree is laid out once, as plain data (:class:`Branch`, labels as styled pieces), then
printed in one of two ways with the same result on screen: in colour through rich's
``Tree``, or, when no colour is wanted (a file, a pipe, ``--no-color``), written straight
to the output by :func:`write_plain`, which wraps and indents exactly as rich does, in
time linear in the number of lines.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text
from rich.tree import Tree

from argmap.diagnostics import Diagnostic
from argmap.evaluate import Evaluation, Verdict
from argmap.model import SYMMETRIC, ArgumentMap, Edge, Inference, Node
from argmap.selection import outside_the_trees
from argmap.views.text import MAX_WIDTH, Wrapped, clean, write
from argmap.views.trace import ASCII_VERDICT_SYMBOLS, VERDICT_STYLES, VERDICT_SYMBOLS

__all__ = ["RELATION_SYMBOLS", "Branch", "render_tree", "wrap_plain", "write_plain"]

# Symbols that read without colour; they are Argdown's own relation markers.
RELATION_SYMBOLS = {"support": "+", "attack": "-", "undercut": "_", "contradiction": "><"}
RELATION_STYLES = {
    "support": "bold green",
    "attack": "bold red",
    "undercut": "bold magenta",
    "contradiction": "bold yellow",
}
# Strict mode's relations show as what they do: entails as a support, contrary as a
# contradiction (it goes both ways).
_SHOWN_AS = {"entails": "support", "contrary": "contradiction"}
# Indentation rich's tree uses per level.
_LEVEL_WIDTH = 4
_GUIDE_STYLE = "dim"
# rich's guides (rich.tree.Tree.TREE_GUIDES[0] and ASCII_GUIDES): the space below a last
# child, the line below any other, the tee before a child and the end before the last.
_GUIDES = ("    ", "│   ", "├── ", "└── ")
_ASCII_GUIDES = ("    ", "|   ", "+-- ", "`-- ")

Piece = tuple[str, str]
"""Some text and its rich style ("" for none)."""


class Branch:
    """A node of the tree as shown: its label and the branches below it."""

    __slots__ = ("children", "label")

    def __init__(self, label: list[Piece]) -> None:
        self.label = label
        self.children: list[Branch] = []

    def add(self, label: list[Piece]) -> Branch:
        child = Branch(label)
        self.children.append(child)
        return child


class _Children:
    """What relates to each node (supporters, attackers, undercutters, contradictions),
    in the brief's order; computed once per node."""

    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.order = {node.id: index for index, node in enumerate(amap.nodes)}
        self.cache: dict[str, list[tuple[Edge, str]]] = {}
        # A conclusion is supported by the argument whose inference leads to it: shown as
        # a support (the map has no such relation, it goes without saying).
        self.concluded: dict[str, list[Edge]] = {}
        for node in amap.nodes:
            for index in node.steps:
                conclusion = node.pcs[index].statement
                if conclusion in amap:
                    edge = Edge(node.id, conclusion, "support", [], index)
                    self.concluded.setdefault(conclusion, []).append(edge)

    def __call__(self, node_id: str) -> list[tuple[Edge, str]]:
        found = self.cache.get(node_id)
        if found is None:
            # The undercuts of an inference show under its inference line (see pcs_rows).
            found = [
                (edge, edge.source) for edge in self.amap.incoming(node_id) if edge.step is None
            ]
            found += [(edge, edge.source) for edge in self.concluded.get(node_id, ())]
            found += [
                (edge, edge.target)
                for edge in self.amap.outgoing(node_id)
                if edge.relation in SYMMETRIC
            ]
            found.sort(key=lambda item: self.order[item[1]])
            self.cache[node_id] = found
        return found

    def below(self, node_id: str) -> list[str]:
        """Every node shown directly below ``node_id``, its structure's included."""
        found = [child for _, child in self(node_id)]
        node = self.amap.node(node_id)
        for _, index, undercuts in self.pcs_rows(node) if node.pcs else ():
            found += [child for _, child in undercuts]
            found.append(node.pcs[index].statement)
        return found

    def pcs_rows(self, node: Node) -> list[tuple[Inference | None, int, list[tuple[Edge, str]]]]:
        """A reconstructed argument's structure as rows: for each member (in the map)
        its inference if it is a conclusion, its index, and the undercuts of that
        inference."""
        rows: list[tuple[Inference | None, int, list[tuple[Edge, str]]]] = []
        undercuts: dict[int, list[tuple[Edge, str]]] = {}
        for edge in self.amap.incoming(node.id):
            if edge.step is not None:
                undercuts.setdefault(edge.step, []).append((edge, edge.source))
        for index, member in enumerate(node.pcs):
            if member.statement in self.amap:
                rows.append((member.inference, index, undercuts.get(index, [])))
        return rows


class AsciiOnly:
    """Render something with ASCII guide lines (rich's choice for non-UTF terminals),
    while user text keeps every character."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        ascii_options = options.copy()
        ascii_options.encoding = "ascii"
        yield from console.render(self.renderable, ascii_options)


# What joins the parts of a citation (see Node.cite).
_CITATION_SEPARATOR = " · "
_ASCII_CITATION_SEPARATOR = "; "


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


@functools.cache
def _marks_before_title(
    relation: str | None, verdict: Verdict | None, evidence: bool, ascii_only: bool
) -> tuple[Piece, ...]:
    """What a label starts with: the relation to the node above, the verdict, EVIDENCE."""
    marks: list[Piece] = []
    if relation is not None:
        marks += [(RELATION_SYMBOLS[relation], RELATION_STYLES[relation]), (" ", "")]
    if verdict is not None:
        symbol = ASCII_VERDICT_SYMBOLS[verdict] if ascii_only else VERDICT_SYMBOLS[verdict]
        marks.append((f"{symbol} ", VERDICT_STYLES[verdict]))
    if evidence:
        marks.append(("EVIDENCE ", "bold cyan"))
    return tuple(marks)


def _label(node: Node, edge: Edge | None, seen: bool, marks: _Marks) -> list[Piece]:
    verdict = marks.evaluation.verdicts[node.id] if marks.evaluation is not None else None
    relation = _SHOWN_AS.get(edge.relation, edge.relation) if edge is not None else None
    label = [*_marks_before_title(relation, verdict, node.is_evidence, marks.ascii_only)]
    if not node.untitled:
        label.append((clean(node.label), "bold"))
    if seen:
        label.append((" (shown above)", "dim italic"))
        return label
    if node.text:
        if not node.untitled:
            label.append((" ", ""))
        label.append((clean(node.text), ""))
    elif not node.is_defined and not node.pcs:  # a structure defines its argument
        label.append((" (referenced, never defined)", "dim italic"))
    separator = _ASCII_CITATION_SEPARATOR if marks.ascii_only else _CITATION_SEPARATOR
    citation = node.cite(separator) if node.is_evidence else None
    if citation:
        label.append(("\n", ""))
        label.append(("source: ", "dim"))
        label.append((clean(citation), "cyan"))
    for finding in marks.findings.get(node.id, []):
        label.append(("\n", ""))
        label.append((f"{'!' if marks.ascii_only else '⚠'} {finding.rule}: ", "yellow"))
        label.append((clean(finding.message), "dim"))
    return label


def _hide_below(children: _Children, node_id: str, seen: set[str]) -> int:
    """Mark every not yet shown node below ``node_id`` as accounted for; how many."""
    hidden = 0
    stack = [node_id]
    while stack:
        current = stack.pop()
        for child in children.below(current):
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
) -> Branch:
    """The tree under ``root``; nodes already in ``seen`` are shown once, then referred to."""
    children = children or _Children(amap)
    seen.add(root.id)
    tree = Branch(_label(root, None, False, marks))
    stack: list[tuple[str, Branch, int]] = [(root.id, tree, 0)]
    while stack:
        node_id, branch, depth = stack.pop()
        related = children(node_id)
        if depth >= max_depth and related:
            hidden = _hide_below(children, node_id, seen)
            if hidden:
                dots = "..." if marks.ascii_only else "…"
                branch.add([(f"{dots} {hidden} deeper (use --focus)", "dim")])
                continue
        pending: list[tuple[str, Branch, int]] = []
        for edge, child_id in related:
            child = amap.node(child_id)
            already = child_id in seen
            sub = branch.add(_label(child, edge, already, marks))
            if not already:
                seen.add(child_id)
                pending.append((child_id, sub, depth + 1))
        node = amap.node(node_id)
        # A reconstructed argument: its premise–conclusion structure, statement by
        # statement, with each inference line and what undercuts it.
        for inference, index, undercuts in children.pcs_rows(node) if node.pcs else ():
            if inference is not None:
                row = branch.add(_inference_label(node, index, inference, marks))
                for edge, child_id in undercuts:
                    already = child_id in seen
                    sub = row.add(_label(amap.node(child_id), edge, already, marks))
                    if not already:
                        seen.add(child_id)
                        pending.append((child_id, sub, depth + 2))
            member = node.pcs[index]
            child_id = member.statement
            already = child_id in seen
            label = _label(amap.node(child_id), None, already, marks)
            sub = branch.add([(f"({member.number}) ", "bold"), *label])
            if not already:
                seen.add(child_id)
                pending.append((child_id, sub, depth + 1))
        stack.extend(reversed(pending))
    return tree


def _inference_label(node: Node, index: int, inference: Inference, marks: _Marks) -> list[Piece]:
    """An inference line of a structure: its rules and the verdict of its step."""
    dashes = "----" if marks.ascii_only else "────"
    label: list[Piece] = [(dashes, "dim")]
    if inference.rules:
        label.append((" " + clean(", ".join(inference.rules)), "italic"))
    if marks.evaluation is not None:
        verdict = marks.evaluation.steps.get((node.id, index))
        if verdict is not None:
            # In ASCII the verdict is a word already: "(out)".
            shown = (
                ASCII_VERDICT_SYMBOLS[verdict]
                if marks.ascii_only
                else f"{VERDICT_SYMBOLS[verdict]} {verdict.value}"
            )
            label.append((f" {shown}", VERDICT_STYLES[verdict]))
    return label


def render_tree(
    console: Console,
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: list[Diagnostic] | None = None,
    ascii_only: bool = False,
    max_depth: int | None = None,
) -> None:
    """Print the tree of the focus (of a part chosen with ``--focus``) and of each
    thesis, then every node not reached from them: first those that reach a thesis
    through nodes the part leaves out, then those that reach none. Verdicts and
    findings show when they are given. Past ``max_depth`` levels (by default,
    what fits the console's width) a branch ends in a "… N deeper" marker."""
    marks = _Marks(evaluation, findings or [], ascii_only)
    children = _Children(amap)
    seen: set[str] = set()
    width = min(console.width, MAX_WIDTH)
    fits = max(3, (width - 30) // _LEVEL_WIDTH)
    max_depth = fits if max_depth is None else min(max_depth, fits)

    def parts() -> Iterator[Branch | list[Piece]]:
        """The paragraphs and trees to show, each tree built when it is reached (plain
        text is written as they come, so only one tree is held at a time)."""
        if amap.title:
            yield [(clean(amap.title), "bold underline")]
        theses = {node.id for node in amap.theses}
        for root in amap.roots:
            if root.id in seen:
                continue
            # A focus (--focus) is where the tree starts, not a thesis of the brief.
            yield [("THESIS " if root.id in theses else "FOCUS ", "bold reverse")]
            yield build_tree(amap, root, seen, max_depth, marks, children)
        for heading, group in outside_the_trees(amap, seen):
            if group:
                yield [(f"{heading} ({len(group)}):", "bold")]
            for node in group:
                if node.id not in seen:
                    yield build_tree(amap, node, seen, max_depth, marks, children)
        yield _legend(evaluation, ascii_only)

    # The deepest line is a "… N deeper" marker one level below max_depth: writing plain
    # text needs a cell for text on it (rich crops the guides of narrower consoles).
    room = width - _LEVEL_WIDTH * (max_depth + 1)
    if console.color_system is None and room >= 1:
        write_plain(console, parts(), ascii_only or console.options.ascii_only, width)
        return
    group = Group(*[_rich(part) for part in parts()])
    console.print(AsciiOnly(group) if ascii_only else group, width=width)


def _legend(evaluation: Evaluation | None, ascii_only: bool) -> list[Piece]:
    """The legend: dim throughout, its symbols in their colours."""
    legend: list[Piece] = [("Relations: ", "dim")]
    for relation, symbol in RELATION_SYMBOLS.items():
        legend.append((symbol, f"dim {RELATION_STYLES[relation]}"))
        legend.append((f" {_VERBS[relation]}  ", "dim"))
    if evaluation is not None:
        legend.append((f" Verdicts ({evaluation.standard.value} standard): ", "dim"))
        for verdict, symbol in VERDICT_SYMBOLS.items():
            style = f"dim {VERDICT_STYLES[verdict]}"
            if ascii_only:
                legend.append((ASCII_VERDICT_SYMBOLS[verdict] + "  ", style))
                continue
            legend.append((symbol, style))
            legend.append((f" {verdict.value}  ", "dim"))
    return legend


_VERBS = {
    "support": "supports",
    "attack": "attacks",
    "undercut": "undercuts",
    "contradiction": "contradicts",
}


# -- in colour, through rich -------------------------------------------------------------------


def _text(pieces: list[Piece]) -> Wrapped:
    return Wrapped(Text.assemble(*pieces))


def _rich(part: Branch | list[Piece]) -> RenderableType:
    """A part of the output as rich renders it: a ``Tree`` for a branch, else ``Text``."""
    if not isinstance(part, Branch):
        return _text(part)
    tree = Tree(_text(part.label), guide_style=_GUIDE_STYLE)
    stack = [(part, tree)]
    while stack:
        branch, node = stack.pop()
        for child in branch.children:
            stack.append((child, node.add(_text(child.label))))
    return tree


# -- without colour, written directly ----------------------------------------------------------

# Characters rich gives one cell each and that never join their neighbours into one
# grapheme, nor count as whitespace (but the space): Latin, Greek and Cyrillic letters,
# punctuation, arrows, box drawing and the symbols argmap prints. A line of only these
# is wrapped here; any other line is left to rich.
_NARROW = re.compile(
    "[\x20-\x7e\xa1-\xac\xae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u038a\u038c"
    "\u038e-\u03a1\u03a3-\u0482\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20bf"
    "\u2190-\u21ff\u2500-\u25fc\u2713\u2717\u26a0]*"
)


def wrap_plain(line: str, width: int, console: Console) -> list[str]:
    """One line of text (no newline) wrapped to ``width`` cells as rich wraps it:
    greedily at spaces, each space staying at the end of its line unless that would pass
    ``width``, and a word longer than a line cut into pieces of ``width``."""
    if width >= 1 and _NARROW.fullmatch(line):
        if len(line) <= width:
            return [line]
        if "  " not in line and line[0] != " ":
            return _wrap_words(line, width)
    return [piece.plain for piece in Text(line).wrap(console, width)]


def _wrap_words(line: str, width: int) -> list[str]:
    """:func:`wrap_plain` for one-cell characters and words between single spaces."""
    lines: list[str] = []
    start = 0  # where the current line starts
    while len(line) - start > width:
        cut = line.rfind(" ", start, start + width + 1)
        if cut < 0:
            # A word longer than a line, with its space: whole lines of it; the rest
            # starts the next line.
            end = line.find(" ", start)
            length = (len(line) if end < 0 else end + 1) - start
            whole = (length - 1) // width
            lines.extend(line[at : at + width] for at in range(start, start + whole * width, width))
            start += whole * width
            continue
        # The words up to the last space that leaves at most `width` before it; the
        # space stays unless the line would be one too long with it.
        lines.append(line[start : min(cut + 1, start + width)])
        start = cut + 1
    if start < len(line):
        lines.append(line[start:])
    return lines


def _plain_lines(pieces: list[Piece], width: int, console: Console) -> list[str]:
    """A label's text, wrapped to ``width``."""
    lines = "".join([text for text, _ in pieces]).split("\n")
    if len(lines) == 1:
        return wrap_plain(lines[0], width, console)
    return [piece for line in lines for piece in wrap_plain(line, width, console)]


def write_plain(
    console: Console,
    parts: Iterable[Branch | list[Piece]],
    ascii_only: bool = False,
    width: int | None = None,
) -> None:
    """Write ``parts`` (paragraphs and trees) to the console's file as plain text, laid
    out as rich lays them out (:func:`render_tree` without colour), ``width`` columns
    wide (by default, the console's width)."""
    space, down, tee, end = _ASCII_GUIDES if ascii_only else _GUIDES
    width = console.width if width is None else width
    out: list[str] = []
    for part in parts:
        if not isinstance(part, Branch):
            out.extend(_plain_lines(part, width, console))
            continue
        # (branch, guides to its left, last child?); the root has no guides.
        stack: list[tuple[Branch, str, bool]] = [(part, "", True)]
        while stack:
            branch, indent, last = stack.pop()
            if branch is part:
                out.extend(_plain_lines(branch.label, width, console))
                below = ""
            else:
                first, rest = (end, space) if last else (tee, down)
                lines = _plain_lines(branch.label, width - len(indent) - _LEVEL_WIDTH, console)
                out.append(indent + first + lines[0])
                below = indent + rest
                out.extend([below + line for line in lines[1:]])
            children = branch.children
            if children:
                stack.append((children[-1], below, True))
                stack.extend([(child, below, False) for child in reversed(children[:-1])])
            if len(out) > 10_000:
                write(console.file, "\n".join(out) + "\n")
                out.clear()
    if out:
        write(console.file, "\n".join(out) + "\n")
