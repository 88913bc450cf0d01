"""What every rule sees and returns."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from argmap.diagnostics import SYNTAX_ERROR, Diagnostic, Severity
from argmap.model import ArgumentMap, Edge, Node
from argmap.source import SourceText, Span

if TYPE_CHECKING:
    from argmap.config import Config
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
        # What the other rules reported, before suppression comments: set before the rules
        # that judge those comments run (unused-suppression).
        self.reported: list[Diagnostic] = []
        # The settings in force, where the rules' options are read (argmap.rules.options).
        self.config: Config | None = None
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

    @cached_property
    def misread(self) -> frozenset[str]:
        """The nodes that the reader's errors, or its warnings about misread text, concern:
        those written in a block with a syntax error (the parser stops reading a block at
        its error), or on a line whose text is read otherwise than it looks (an unclosed
        bracket or brace). What rules say about them follows from the error."""
        diagnostics = [
            d
            for d in self.map.diagnostics
            if d.misread or (d.code == SYNTAX_ERROR.code and d.severity is Severity.ERROR)
        ]
        if not diagnostics:
            return frozenset()
        # By file: a map read from several files (@include, a folder) has lines in each.
        ranges: dict[str, list[tuple[int, int]]] = {}
        for diagnostic in diagnostics:
            first, last = diagnostic.span.line, diagnostic.span.end_line
            source = self.map.sources.get(diagnostic.span.file, self.map.source)
            if not diagnostic.misread and source is not None:
                first, last = _block_lines(source, first)
            ranges.setdefault(diagnostic.span.file, []).append((first, last))
        tables = {file: _reaches(file_ranges) for file, file_ranges in ranges.items()}
        found: set[str] = set()
        for node in self.map.nodes:
            for occurrence in node.occurrences:
                table = tables.get(occurrence.span.file)
                if table is None:
                    continue
                starts, reach = table
                line = occurrence.span.line
                index = bisect.bisect_right(starts, line) - 1
                if index >= 0 and reach[index] >= line:
                    found.add(node.id)
                    break
        return frozenset(found)

    @cached_property
    def no_evidence(self) -> bool:
        """Whether the brief marks no evidence at all, under the evidence standard: then
        no claim can stand, and the rules say so once rather than of every claim."""
        from argmap.evaluate import Standard

        return (
            Standard(self.standard) is Standard.EVIDENCE
            and len(self.map) > 0
            and not any(self.evidence)
        )

    @cached_property
    def dialectical(self) -> Evaluation:
        """The map evaluated under the dialectical standard (evidence not needed)."""
        from argmap.evaluate import Standard, evaluate

        return evaluate(self.map, Standard.DIALECTICAL)

    def title(self, node_id: str) -> str:
        return self.map.node(node_id).label

    def titles(self, node_ids: list[str], limit: int = 4) -> str:
        shown = [self.title(node_id) for node_id in node_ids[:limit]]
        if len(node_ids) > limit:
            shown.append(f"and {len(node_ids) - limit} more")
        return ", ".join(shown)


def _reaches(ranges: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The first lines of ``ranges``, sorted, and for each the last line that any range
    starting at or before it reaches."""
    ranges = sorted(ranges)
    reach: list[int] = []
    for _, last in ranges:
        reach.append(max(last, reach[-1]) if reach else last)
    return [first for first, _ in ranges], reach


def _block_lines(source: SourceText, line: int) -> tuple[int, int]:
    """The first and last line of the block (lines between blank lines) around ``line``."""
    first = line
    while first > 1 and source.line_text(first - 1).strip():
        first -= 1
    last = line
    # Past the last line, line_text is empty: the block ends there too.
    while source.line_text(last + 1).strip():
        last += 1
    return first, last


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
    # False for a rule that runs only when selected by name or code (unused-suppression).
    default: bool = True

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
