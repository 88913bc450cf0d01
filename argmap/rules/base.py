"""What every rule sees and returns."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from argmap.diagnostics import Diagnostic, Severity
from argmap.model import ArgumentMap, Node
from argmap.source import Span

if TYPE_CHECKING:
    from argmap.evaluate import Evaluation, Standard

__all__ = ["Context", "Finding", "Rule", "node_finding"]


class Context:
    """A map and what the rules compute from it once: the evaluation, the sides."""

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

        return sides(self.map)

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
