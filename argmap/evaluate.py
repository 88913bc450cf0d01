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
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import compress

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


@dataclass
class Evaluation:
    """The verdict of every node, and what the verdicts rest on.

    ``attackers`` and ``supporters`` give, for each node id, the ids of the nodes that
    attack (undercut, contradict) or support it, each once, in order of appearance.
    """

    standard: Standard
    verdicts: dict[str, Verdict]
    grounded: set[str]
    attackers: Mapping[str, list[str]]
    supporters: Mapping[str, list[str]]
    # The rule that decided each in/out node: "attacked", "supporters-out",
    # "not-grounded", "evidence", "supported", "unsupported-standing".
    reasons: dict[str, str] = field(default_factory=dict)

    def verdict(self, node_id: str) -> Verdict:
        return self.verdicts[node_id]

    def count(self, verdict: Verdict) -> int:
        return sum(1 for v in self.verdicts.values() if v is verdict)


def evaluate(amap: ArgumentMap, standard: Standard | str = Standard.EVIDENCE) -> Evaluation:
    """Label every node of ``amap`` in, out or undecided under ``standard``.

    >>> import argmap
    >>> amap = argmap.loads("[C]: Claim.\\n  + [E]: A study. #evidence")
    >>> ev = evaluate(amap)
    >>> ev.verdict("statement:C").value, ev.verdict("statement:E").value
    ('in', 'in')
    """
    standard = Standard(standard)
    dialectical = standard is Standard.DIALECTICAL
    # Nodes by number (see Adjacency): the lists below are indexed by node number.
    graph = amap.adjacency
    attackers, supporters = graph.attackers, graph.supporters
    attacks, supports = graph.attacks, graph.supports
    evidence = [node.is_evidence for node in amap.nodes]
    grounded = _grounded(evidence, supports)
    IN, OUT, UNDECIDED = Verdict.IN, Verdict.OUT, Verdict.UNDECIDED  # faster as locals
    verdicts = [UNDECIDED] * len(evidence)
    reasons = [""] * len(evidence)  # none until the node is labelled
    attackers_out = [0] * len(evidence)
    supporters_out = [0] * len(evidence)
    supporter_in = [False] * len(evidence)

    queue: deque[int] = deque()

    def label(node: int, verdict: Verdict, reason: str) -> None:
        verdicts[node] = verdict
        reasons[node] = reason
        queue.append(node)

    def try_in(node: int) -> None:
        if verdicts[node] is not UNDECIDED:
            return
        if attackers_out[node] != len(attackers[node]):
            return
        if evidence[node]:
            label(node, IN, "evidence")
        elif supporter_in[node]:
            label(node, IN, "supported")
        elif dialectical and not supporters[node]:
            label(node, IN, "unsupported-standing")

    # try_in for every node without attackers, before any node is labelled: with no
    # supporter in yet, such a node is in only as evidence or as standing unsupported.
    for node in range(len(evidence)):
        if not dialectical and not grounded[node]:
            label(node, OUT, "not-grounded")
        elif attackers[node]:
            continue
        elif evidence[node]:
            label(node, IN, "evidence")
        elif dialectical and not supporters[node]:
            label(node, IN, "unsupported-standing")

    while queue:
        node = queue.popleft()
        if verdicts[node] is IN:
            for target in attacks[node]:
                if verdicts[target] is UNDECIDED:
                    label(target, OUT, "attacked")
            for target in supports[node]:
                supporter_in[target] = True
                # try_in, knowing that a supporter is in: where most nodes are labelled.
                if verdicts[target] is not UNDECIDED:
                    continue
                if attackers_out[target] == len(attackers[target]):
                    label(target, IN, "evidence" if evidence[target] else "supported")
        else:
            for target in attacks[node]:
                attackers_out[target] += 1
                try_in(target)
            for target in supports[node]:
                supporters_out[target] += 1
                if (
                    verdicts[target] is UNDECIDED
                    and not evidence[target]
                    and supporters_out[target] == len(supporters[target])
                ):
                    label(target, OUT, "supporters-out")
    return Evaluation(
        standard,
        dict(zip(graph.ids, verdicts, strict=True)),
        set(compress(graph.ids, grounded)),
        graph.by_id(attackers),
        graph.by_id(supporters),
        dict(compress(zip(graph.ids, reasons, strict=True), reasons)),
    )


def _grounded(evidence: list[bool], supports: list[list[int]]) -> list[bool]:
    """Evidence, and every node some chain of support connects to evidence (by number)."""
    grounded = list(evidence)
    stack = list(compress(range(len(evidence)), evidence))
    while stack:
        for target in supports[stack.pop()]:
            if not grounded[target]:
                grounded[target] = True
                stack.append(target)
    return grounded
