"""The brief as a debate flow: one column per speech, each answer beside what it answers.

The case (each thesis and the claims supporting it) fills the first column; a rebuttal
goes in the next column on the row of the claim it attacks, a response to the rebuttal in
the column after, and so on. Evidence appears inside the cell of the claim it supports.
Speech formats are data: adding one is one line in :data:`FORMATS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.evaluate import Evaluation, Verdict
from argmap.model import SUPPORTS, SYMMETRIC, ArgumentMap
from argmap.sides import PRO, sides

__all__ = ["FORMATS", "Cell", "Flow", "flow"]

# Speeches in order, starting with the speech that presents the case.
FORMATS: dict[str, tuple[str, ...]] = {
    "policy": ("1AC", "1NC", "2AC", "2NC/1NR", "1AR", "2NR", "2AR"),
    "ld": ("AC", "NC", "1AR", "NR", "2AR"),
    "pf": ("Case", "Rebuttal", "Rebuttal", "Summary", "Summary", "Final focus", "Final focus"),
    "generic": (),
}
_GENERIC = ("Case", "Rebuttal", "Response")


@dataclass
class Cell:
    """One argument on the flow, with the evidence read for it."""

    node: str
    evidence: list[str] = field(default_factory=list)
    answered: bool = False
    unanswered: bool = False  # an attack on our side that nothing answers ("dropped")
    verdict: Verdict | None = None
    overflow: bool = False  # deeper than the format's last speech


@dataclass
class Flow:
    columns: list[str]
    rows: list[list[Cell | None]]


def _column_names(name: str, used: int) -> list[str]:
    speeches = FORMATS[name]
    if speeches:
        return list(speeches)
    names = []
    for index in range(max(used, 1)):
        if index == 0:
            names.append(_GENERIC[0])
        else:
            round_ = (index + 1) // 2
            base = _GENERIC[1] if index % 2 else _GENERIC[2]
            names.append(base if round_ == 1 else f"{base} {round_}")
    return names


def flow(amap: ArgumentMap, evaluation: Evaluation | None = None, fmt: str = "policy") -> Flow:
    """Lay out ``amap`` as a flow in speech format ``fmt`` (see :data:`FORMATS`), from
    its focus (if any) and theses."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown flow format {fmt!r}; choose from {', '.join(FORMATS)}")
    # Sides come from the brief's theses, also in a part of it (which side a rebuttal of
    # the focus is on does not change when the rest is left out).
    node_sides = sides(amap.whole or amap)
    attackers: dict[str, list[str]] = {}
    supporters: dict[str, list[str]] = {}
    for edge in amap.edges:
        if edge.source == edge.target:
            continue
        if edge.relation in SUPPORTS:
            supporters.setdefault(edge.target, []).append(edge.source)
        else:
            attackers.setdefault(edge.target, []).append(edge.source)
            if edge.relation in SYMMETRIC:
                attackers.setdefault(edge.source, []).append(edge.target)
    # A reconstructed argument is placed under its main conclusion, with its premises and
    # intermediary conclusions (and the cards among them) under it; undercuts of its
    # inferences answer it.
    for node in amap.nodes:
        for member in node.pcs:
            if member.statement not in amap:
                continue
            if member is node.pcs[-1]:
                supporters.setdefault(member.statement, []).append(node.id)
            else:
                supporters.setdefault(node.id, []).append(member.statement)

    placed: set[str] = set()
    entries: list[tuple[int, Cell, bool]] = []  # (column, cell, beside the previous entry)
    # Depth-first from each thesis: (node, column, beside-previous)
    stack: list[tuple[str, int, bool]] = [(root.id, 0, False) for root in reversed(amap.roots)]
    while stack:
        node_id, column, beside = stack.pop()
        if node_id in placed:
            continue
        placed.add(node_id)
        cell = Cell(node_id)
        if evaluation is not None:
            cell.verdict = evaluation.verdicts[node_id]
        follow: list[tuple[str, int, bool]] = []
        for supporter in supporters.get(node_id, []):
            if amap.node(supporter).is_evidence and supporter not in placed:
                cell.evidence.append(supporter)
                placed.add(supporter)
            elif supporter not in placed:
                follow.append((supporter, column, False))
        answers = [a for a in attackers.get(node_id, []) if a not in placed]
        if column > 0:
            cell.answered = bool(attackers.get(node_id))
            cell.unanswered = not cell.answered and any(
                PRO in node_sides.get(target, ()) for target in _targets(amap, node_id)
            )
        entries.append((column, cell, beside))
        # Answers come first (beside this cell), then this claim's supporting claims.
        children = [(a, column + 1, index == 0) for index, a in enumerate(answers)] + follow
        stack.extend(reversed(children))

    used = max((column for column, _, _ in entries), default=0) + 1
    columns = _column_names(fmt, used)
    last = len(columns) - 1
    rows: list[list[Cell | None]] = []
    for column, cell, beside in entries:
        if column > last:
            cell.overflow = True
            column = last
        if beside and rows and rows[-1][column] is None:
            rows[-1][column] = cell
        else:
            row: list[Cell | None] = [None] * len(columns)
            row[column] = cell
            rows.append(row)
    return Flow(columns, rows)


def _targets(amap: ArgumentMap, node_id: str) -> list[str]:
    return [
        e.target
        for e in amap.outgoing(node_id)
        if e.relation in ("attack", "undercut") or e.relation in SYMMETRIC
    ]
