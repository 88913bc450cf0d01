"""What every rule sees and returns."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from argmap.diagnostics import Diagnostic, Severity
from argmap.model import ArgumentMap, Edge, Node
from argmap.source import Span

if TYPE_CHECKING:
    from argmap.evaluate import Evaluation, Standard

__all__ = ["Context", "Finding", "Rule", "node_finding"]


class Context:
    """A map and what the rules compute from it once: the evaluation, the sides, and what
    several rules that visit the whole map ask of every node or relation.

    ``evidence``, ``grounded`` and ``side_flags`` list facts of every node by number (see
    :class:`~argmap.model.Adjacency`).
    """

    def __init__(
        self, amap: ArgumentMap, standard: Standard, evaluation: Evaluation | None = None
    ) -> None:
        self.map = amap
        self.standard = standard
        if evaluation is not None:  # computed already, under the same standard
            self.__dict__["evaluation"] = evaluation

    @cached_property
    def evaluation(self) -> Evaluation:
        from argmap.evaluate import evaluate

        return evaluate(self.map, self.standard)

    @cached_property
    def sides(self) -> dict[str, frozenset[str]]:
        from argmap.sides import sides

        return sides(self.map, self.side_flags)

    @cached_property
    def side_flags(self) -> tuple[list[bool], list[bool]]:
        """Whether each node is on the pro side; whether it is on the con side."""
        from argmap.sides import side_flags

        return side_flags(self.map)

    @cached_property
    def evidence(self) -> list[bool]:
        """Whether each node is evidence."""
        return [node.is_evidence for node in self.map.nodes]

    @cached_property
    def grounded(self) -> list[bool]:
        """Whether each node is grounded: evidence, or supported by a chain from evidence."""
        grounded = self.evaluation.grounded
        return [node_id in grounded for node_id in self.map.adjacency.ids]

    @cached_property
    def attack_edges(self) -> list[Edge]:
        """The attack and undercut relations between two different nodes, in the map's
        order."""
        return [
            edge
            for edge in self.map.edges
            if edge.relation in ("attack", "undercut") and edge.source != edge.target
        ]

    def title(self, node_id: str) -> str:
        return self.map.node(node_id).label

    def titles(self, node_ids: list[str], limit: int = 4) -> str:
        shown = [self.title(node_id) for node_id in node_ids[:limit]]
        if len(node_ids) > limit:
            shown.append(f"and {len(node_ids) - limit} more")
        return ", ".join(shown)


@dataclass(frozen=True)
class Rule:
    """A rule: stable code, fixed name, default severity, its documentation, its check.

    ``check`` yields (span, message, node id, related spans); the registry turns these
    into :class:`Diagnostic` records with the configured severity.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Callable[[Context], Iterator[Finding]] | None

    def diagnostic(self, finding: Finding, severity: Severity | None = None) -> Diagnostic:
        return Diagnostic(
            self.code,
            self.name,
            severity or self.severity,
            finding.message,
            finding.span,
            finding.node,
            finding.related,
        )


@dataclass(frozen=True)
class Finding:
    span: Span
    message: str
    node: str | None = None
    related: tuple[Span, ...] = ()


def node_finding(node: Node, message: str, related: tuple[Span, ...] = ()) -> Finding:
    return Finding(node.span, message, node.id, related)
