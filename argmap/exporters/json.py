"""The JSON export (schema version 2; see docs/json.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from argmap.diagnostics import Diagnostic
from argmap.evaluate import Evaluation, Verdict
from argmap.model import ArgumentMap, Edge, Node, PcsMember
from argmap.source import Span
from argmap.syntax.parser import Occurrence

__all__ = [
    "DIAGNOSTICS_VERSION",
    "SCHEMA_VERSION",
    "diagnostics_to_json",
    "dumps",
    "export",
    "export_pieces",
    "lay_out",
    "to_json",
]

SCHEMA_VERSION = 2
"""The version of the map's schema: 2 added premise–conclusion structures (``pcs``) and
the ``step`` of an undercut inference."""
DIAGNOSTICS_VERSION = 1
"""The version of ``check --format json``'s schema, unchanged since its first."""
# What this module exports (read by argmap.exporters.formats()): --format name → file
# suffixes, the usual first.
EXPORTS = {"json": (".json",)}
BINARY = False
NAME = next(iter(EXPORTS))
SUFFIX = EXPORTS[NAME][0]


def _span(span: Span) -> dict[str, Any]:
    return {
        "file": span.file,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def _occurrence(node: Node, occurrence: Occurrence) -> dict[str, Any]:
    entry = {**_span(occurrence.span), "reference": occurrence.is_reference}
    # A definition whose text is not the canonical one keeps it (conflicting definitions).
    if not occurrence.is_reference and occurrence.text != node.text:
        entry["text"] = occurrence.text
    return entry


def _node(node: Node, evaluation: Evaluation | None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": node.id,
        "title": node.title,
        "type": node.type,
        "kind": node.kind,
        "text": node.text,
        "tags": list(node.tags),
        "data": node.data,
        "section": node.section,
        "span": _span(node.span),
        "untitled": node.untitled,
        "spans": [_occurrence(node, o) for o in node.occurrences],
    }
    if node.pcs:  # omitted for the many nodes without one: files stay small
        # Per-step verdicts, where the evaluation has them.
        steps = getattr(evaluation, "steps", None) or {}
        entry["pcs"] = [
            _member(member, steps.get((node.id, index))) for index, member in enumerate(node.pcs)
        ]
    if evaluation is not None:
        entry["status"] = evaluation.verdicts[node.id].value
        entry["grounded"] = node.id in evaluation.grounded
    return entry


def _member(member: PcsMember, verdict: Verdict | None) -> dict[str, Any]:
    """A member of a premise–conclusion structure, with where its number is written; a
    conclusion with its inference (and the inference's span): findings about them keep
    their place when read back."""
    entry: dict[str, Any] = {
        "statement": member.statement,
        "role": member.role,
        "number": member.number,
    }
    if member.span is not None:  # where "(n)" is written: findings about it point there
        entry["span"] = _span(member.span)
    inference = member.inference
    if inference is not None:
        entry["inference"] = {
            "rules": list(inference.rules),
            "data": inference.data,
            "span": _span(inference.span),
        }
        if verdict is not None:
            entry["verdict"] = verdict.value
    return entry


def _edge(edge: Edge) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "source": edge.source,
        "target": edge.target,
        "relation": edge.relation,
    }
    if edge.step is not None:  # an undercut of one inference of the target's structure
        entry["step"] = edge.step
    entry["spans"] = [_span(span) for span in edge.spans]
    return entry


def to_json(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] | None = None,
) -> dict[str, Any]:
    """The map as a JSON-ready dict, in the brief's order; with an evaluation, each node
    carries its verdict (``status``) and whether evidence grounds it (``grounded``); with
    findings, a top-level ``findings`` list in the diagnostics format."""
    return {
        key: list(value) if isinstance(value, Iterator) else value
        for key, value in _fields(amap, evaluation, findings)
    }


def _fields(
    amap: ArgumentMap,
    evaluation: Evaluation | None,
    findings: Sequence[Diagnostic] | None,
) -> Iterator[tuple[str, Any]]:
    """The document's top-level fields in order; the long lists (nodes, edges, findings)
    as iterators, so that a writer can encode them one element at a time."""
    yield "argmap", SCHEMA_VERSION
    yield "title", amap.title
    yield "theses", [node.id for node in amap.theses]
    if evaluation is not None:
        yield "standard", evaluation.standard.value
    if amap.front_matter:
        yield "front_matter", amap.front_matter
    yield "nodes", (_node(node, evaluation) for node in amap.nodes)
    yield "edges", (_edge(edge) for edge in amap.edges)
    if findings is not None:
        yield "findings", (d.to_json() for d in findings)
    yield (
        "sections",
        [
            {
                "id": section.id,
                "title": section.title,
                "level": section.level,
                "parent": section.parent,
                "tags": list(section.tags),
                "data": section.data,
                "span": _span(section.span),
            }
            for section in amap.sections
        ],
    )


# The C encoder (no indent) writes each line; only the outline below is laid out by hand.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def lay_out(document: dict[str, Any]) -> str:
    """``document`` as JSON text with one field of the top-level object per line, and one
    line per element of a top-level list (a node, an edge, a finding…); anything deeper
    stays on its element's line. UTF-8 kept, a final newline.

    >>> print(lay_out({"argmap": 1, "theses": ["a", "b"], "front_matter": {"x": [1]}}), end="")
    {
      "argmap": 1,
      "theses": [
        "a",
        "b"
      ],
      "front_matter": {"x": [1]}
    }
    """
    return "".join(_lay_out_pieces(iter(document.items())))


def _lay_out_pieces(fields: Iterator[tuple[str, Any]]) -> Iterator[str]:
    """:func:`lay_out` a piece at a time: a field, or an element of a list field (lists
    may be iterators, consumed as they are written)."""
    yield "{"
    separator = "\n"
    for key, value in fields:
        name = _ENCODE(key)
        if isinstance(value, (list, Iterator)):
            opened = False
            for item in value:
                yield f"{separator}  {name}: [\n    " if not opened else ",\n    "
                yield _ENCODE(item)
                opened = True
            yield "\n  ]" if opened else f"{separator}  {name}: []"
        else:
            yield f"{separator}  {name}: {_ENCODE(value)}"
        separator = ",\n"
    yield "\n}\n"


def dumps(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] | None = None,
) -> str:
    """The JSON export as text, laid out by :func:`lay_out`."""
    return "".join(_lay_out_pieces(_fields(amap, evaluation, findings)))


def export(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
) -> str:
    """The exporter interface (see :mod:`argmap.exporters`)."""
    return dumps(amap, evaluation, list(findings))


def export_pieces(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
) -> Iterator[str]:
    """:func:`export` as pieces of text, each node encoded only when it is written: the
    whole document is never held, however large the brief."""
    return _lay_out_pieces(_fields(amap, evaluation, list(findings)))


def diagnostics_to_json(
    diagnostics: list[Diagnostic], explanations: dict[Diagnostic, list[str]] | None = None
) -> str:
    """``check --format json``: ``{"argmap": 1, "diagnostics": [...]}`` (the version of
    this document's schema, :data:`DIAGNOSTICS_VERSION`); with
    ``--explain`` each diagnostic also carries ``explanation`` (a list of lines)."""
    entries = []
    for diagnostic in diagnostics:
        entry = diagnostic.to_json()
        if explanations and diagnostic in explanations:
            entry["explanation"] = explanations[diagnostic]
        entries.append(entry)
    return lay_out({"argmap": DIAGNOSTICS_VERSION, "diagnostics": entries})
