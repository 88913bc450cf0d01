"""Which claims stand: labelling every node ``in``, ``out`` or ``undecided``, and why.

The labelling is the least fixpoint of two rules (docs/semantics.md), computed with a
worklist in time linear in the size of the map, without recursion:

- a node is **out** if some attacker is in; or if it is a claim whose supporters are all
  out (and it has some); or, under the ``evidence`` standard, if it is a claim that no
  chain of support connects to evidence (it is not *grounded*);
- a node is **in** if every attacker is out and it is evidence, or some supporter is in,
  or (under the ``dialectical`` standard) nothing supports it.

Attackers are the nodes that attack, undercut or contradict a node; supporters the nodes
that support it. Everything neither in nor out at the fixpoint is undecided.
"""

from __future__ import annotations

import enum
from collections import deque
from dataclasses import dataclass, field

from argmap.model import ArgumentMap

__all__ = ["VERDICT_SYMBOLS", "Evaluation", "Standard", "Verdict", "evaluate"]


class Verdict(str, enum.Enum):
    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"


# Symbols that tell verdicts apart without colour, in every view and export.
VERDICT_SYMBOLS = {Verdict.IN: "✓", Verdict.OUT: "✗", Verdict.UNDECIDED: "?"}


class Standard(str, enum.Enum):
    """How much a claim needs to stand: evidence behind it, or only no defeater."""

    EVIDENCE = "evidence"
    DIALECTICAL = "dialectical"


ATTACKS = frozenset({"attack", "undercut", "contradiction"})


@dataclass
class Evaluation:
    """The verdict of every node, and what the verdicts rest on."""

    standard: Standard
    verdicts: dict[str, Verdict]
    grounded: set[str]
    attackers: dict[str, list[str]]
    supporters: dict[str, list[str]]
    # The rule that decided each in/out node: "attacked", "supporters-out",
    # "not-grounded", "evidence", "supported", "unsupported-standing".
    reasons: dict[str, str] = field(default_factory=dict)

    def verdict(self, node_id: str) -> Verdict:
        return self.verdicts[node_id]

    def count(self, verdict: Verdict) -> int:
        return sum(1 for v in self.verdicts.values() if v is verdict)


def relation_lists(
    amap: ArgumentMap,
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """Attackers, supporters, attacked and supported nodes of every node (no repeats).

    A contradiction makes each side an attacker of the other.
    """
    attackers: dict[str, list[str]] = {node_id: [] for node_id in amap.graph.nodes}
    supporters: dict[str, list[str]] = {node_id: [] for node_id in amap.graph.nodes}
    attacks: dict[str, list[str]] = {node_id: [] for node_id in amap.graph.nodes}
    supports: dict[str, list[str]] = {node_id: [] for node_id in amap.graph.nodes}

    def add(into: dict[str, list[str]], key: str, value: str) -> None:
        values = into[key]
        if value not in values:
            values.append(value)

    for edge in amap.edges:
        if edge.relation == "support":
            add(supporters, edge.target, edge.source)
            add(supports, edge.source, edge.target)
        else:
            add(attackers, edge.target, edge.source)
            add(attacks, edge.source, edge.target)
            if edge.relation == "contradiction":
                add(attackers, edge.source, edge.target)
                add(attacks, edge.target, edge.source)
    return attackers, supporters, attacks, supports


def grounded_nodes(amap: ArgumentMap, supports: dict[str, list[str]]) -> set[str]:
    """Evidence, and every node some chain of support connects to evidence."""
    grounded = {node.id for node in amap.nodes if node.is_evidence}
    queue = deque(grounded)
    while queue:
        current = queue.popleft()
        for target in supports[current]:
            if target not in grounded:
                grounded.add(target)
                queue.append(target)
    return grounded


def evaluate(amap: ArgumentMap, standard: Standard | str = Standard.EVIDENCE) -> Evaluation:
    """Label every node of ``amap`` in, out or undecided under ``standard``.

    >>> import argmap
    >>> amap = argmap.loads("[C]: Claim.\\n  + [E]: A study. #evidence")
    >>> ev = evaluate(amap)
    >>> ev.verdict("statement:C").value, ev.verdict("statement:E").value
    ('in', 'in')
    """
    standard = Standard(standard)
    attackers, supporters, attacks, supports = relation_lists(amap)
    grounded = grounded_nodes(amap, supports)
    evidence = {node.id for node in amap.nodes if node.is_evidence}
    verdicts = dict.fromkeys(amap.graph.nodes, Verdict.UNDECIDED)
    reasons: dict[str, str] = {}
    attackers_out = dict.fromkeys(verdicts, 0)
    supporters_out = dict.fromkeys(verdicts, 0)
    supporter_in: set[str] = set()
    dialectical = standard is Standard.DIALECTICAL

    queue: deque[str] = deque()

    def label(node_id: str, verdict: Verdict, reason: str) -> None:
        verdicts[node_id] = verdict
        reasons[node_id] = reason
        queue.append(node_id)

    def try_in(node_id: str) -> None:
        if verdicts[node_id] is not Verdict.UNDECIDED:
            return
        if attackers_out[node_id] != len(attackers[node_id]):
            return
        if node_id in evidence:
            label(node_id, Verdict.IN, "evidence")
        elif node_id in supporter_in:
            label(node_id, Verdict.IN, "supported")
        elif dialectical and not supporters[node_id]:
            label(node_id, Verdict.IN, "unsupported-standing")

    for node_id in verdicts:
        if not dialectical and node_id not in evidence and node_id not in grounded:
            label(node_id, Verdict.OUT, "not-grounded")
        else:
            try_in(node_id)

    while queue:
        node_id = queue.popleft()
        if verdicts[node_id] is Verdict.IN:
            for target in attacks[node_id]:
                if verdicts[target] is Verdict.UNDECIDED:
                    label(target, Verdict.OUT, "attacked")
            for target in supports[node_id]:
                supporter_in.add(target)
                try_in(target)
        else:
            for target in attacks[node_id]:
                attackers_out[target] += 1
                try_in(target)
            for target in supports[node_id]:
                supporters_out[target] += 1
                if (
                    verdicts[target] is Verdict.UNDECIDED
                    and target not in evidence
                    and supporters_out[target] == len(supporters[target])
                ):
                    label(target, Verdict.OUT, "supporters-out")
    return Evaluation(standard, verdicts, grounded, attackers, supporters, reasons)
