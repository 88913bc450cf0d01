"""Numbers about a brief: what it holds, how well its claims are grounded, what is open."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from argmap.cards import WORDS_PER_MINUTE, Card, cards
from argmap.diagnostics import Diagnostic
from argmap.evaluate import Evaluation, Verdict
from argmap.model import RELATIONS, STRICT_RELATIONS, ArgumentMap

__all__ = ["Stats", "longest_support_chain", "stats"]


@dataclass
class Stats:
    claims: int
    evidence: int
    arguments: int
    statements: int
    relations: dict[str, int]
    theses: int
    grounded_claims: int
    longest_support_chain: int
    unanswered_rebuttals: int
    verdicts: dict[str, int]
    findings: dict[str, int]
    sections: int
    undefined: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    reconstructed: int = 0  # arguments with a premise–conclusion structure
    inferences: int = 0  # the inference lines of those structures
    cards: list[Card] = field(default_factory=list)  # each card's words and read time
    words_per_minute: int = WORDS_PER_MINUTE

    @property
    def grounded_share(self) -> float:
        """The share of claims with a chain of support down to evidence (0 to 1)."""
        return self.grounded_claims / self.claims if self.claims else 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "statements": self.statements,
            "arguments": self.arguments,
            "claims": self.claims,
            "evidence": self.evidence,
            "theses": self.theses,
            "sections": self.sections,
            "reconstructed_arguments": self.reconstructed,
            "inferences": self.inferences,
            "relations": dict(self.relations),
            "grounded_claims": self.grounded_claims,
            "grounded_share": round(self.grounded_share, 4),
            "longest_support_chain": self.longest_support_chain,
            "unanswered_rebuttals": self.unanswered_rebuttals,
            "undefined_references": self.undefined,
            "verdicts": dict(self.verdicts),
            "findings": dict(self.findings),
            "words_per_minute": self.words_per_minute,
            "cards": [
                {
                    "title": card.tag,
                    "words": card.total_words,
                    "read_words": card.words,
                    "highlighted": card.highlighted,
                    "read_seconds": round(card.seconds, 1),
                }
                for card in self.cards
            ],
        }


def longest_support_chain(amap: ArgumentMap) -> int:
    """The number of nodes on the longest chain of support (cycles count once), through
    the premise–conclusion structures too (a premise, its argument, a conclusion).

    Computed on the support graph with its circles collapsed, in topological order:
    linear, without recursion.
    """
    import networkx as nx

    graph = amap.adjacency
    ids = graph.ids
    support: Any = nx.DiGraph()
    support.add_nodes_from(ids)
    support.add_edges_from(
        (ids[source], ids[target])
        for source, targets in enumerate(graph.supports)
        for target in targets
        if target != source
    )
    if support.number_of_nodes() == 0:
        return 0
    condensed: Any = nx.condensation(support)
    longest: dict[int, int] = {}
    for component in nx.topological_sort(condensed):
        before = [longest[p] for p in condensed.predecessors(component)]
        longest[component] = 1 + (max(before) if before else 0)
    return max(longest.values())


def stats(
    amap: ArgumentMap,
    evaluation: Evaluation,
    findings: Sequence[Diagnostic] = (),
    words_per_minute: int = WORDS_PER_MINUTE,
) -> Stats:
    """Counts, grounding, the longest support chain and open rebuttals of a brief, and
    each card's words and read time at ``words_per_minute`` (:mod:`argmap.cards`)."""
    nodes = amap.nodes
    claims = [n for n in nodes if not n.is_evidence]
    relations = Counter(edge.relation for edge in amap.edges)
    unanswered = sum(1 for d in findings if d.rule == "unanswered-rebuttal")
    severity = Counter(d.severity.value for d in findings)
    return Stats(
        claims=len(claims),
        evidence=len(nodes) - len(claims),
        arguments=sum(1 for n in nodes if n.type == "argument"),
        statements=sum(1 for n in nodes if n.type == "statement"),
        # Strict mode's relations only where a brief has them.
        relations={
            relation: relations.get(relation, 0)
            for relation in RELATIONS
            if relation in relations or relation not in STRICT_RELATIONS
        },
        theses=len(amap.theses),
        grounded_claims=sum(1 for n in claims if n.id in evaluation.grounded),
        longest_support_chain=longest_support_chain(amap),
        unanswered_rebuttals=unanswered,
        verdicts={v.value: evaluation.count(v) for v in Verdict},
        findings={s: severity.get(s, 0) for s in ("error", "warning", "info")},
        sections=len(amap.sections),
        undefined=sum(1 for n in nodes if not n.is_defined and not n.pcs),
        reconstructed=sum(1 for n in nodes if n.pcs),
        inferences=sum(len(n.steps) for n in nodes if n.pcs),
        cards=cards(amap, words_per_minute),
        words_per_minute=words_per_minute,
    )
