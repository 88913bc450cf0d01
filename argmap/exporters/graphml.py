"""The GraphML export, written by networkx, for yEd, Gephi, Cytoscape and networkx itself.

The map becomes a :class:`networkx.MultiDiGraph` (one pair of nodes can carry two
relations) with generated ids: nodes ``n1``, ``n2``… and edges ``e1``, ``e2``… in the
brief's order, since GraphML ids are XML name tokens and a title is not. Every attribute
is a scalar, as GraphML allows: strings (``""`` when missing, never ``None``) and
integers. Node attributes: ``id`` (argmap's node id), ``title``, ``type``, ``kind``,
``text``, ``tags`` (joined with ``", "``), ``section`` (its id) and ``section_title``,
``citation``, ``line`` (of the first definition), ``status`` (in, out or undecided;
``""`` without an evaluation) and ``findings`` (``rule: message``, one a line). Edge
attribute: ``relation``; networkx writes edges grouped by source node, and their ids
follow the brief's order. Graph attributes: ``title`` and, with an evaluation,
``standard``.

A reconstructed argument's premise–conclusion structure is carried by edges of its own,
after the relations (ids ``eN`` on from theirs), one per member and inference: for each
inference, a ``premise`` edge from each of its premises to the argument (the premises of
one inference are linked: they support its conclusion together) and a ``conclusion``
edge from the argument to its conclusion. They carry ``step`` (integer: the index in the
structure, counted from 0, of the conclusion the inference leads to: the edges of one
inference share it), ``role`` (the member's role: ``premise``,
``intermediary-conclusion`` or ``main-conclusion``) and ``number`` (the member's number
as written, ``(1)``…); a ``conclusion`` edge also carries ``rules`` (the inference's
rules, joined with ``", "``; ``""`` without) and, where the evaluation has the verdict of
the inference, ``status``. An undercut of one inference carries its ``step`` too. These
attributes are written only on the edges they describe, so a brief without structures
gives the file it always did.

XML 1.0 cannot hold most control characters at all (ElementTree writes them anyway, and
the file cannot be read back), so :func:`xml_text` removes them from every string, along
with C1 controls and the non-characters U+FFFE and U+FFFF; line breaks become ``\\n``,
since XML readers turn ``\\r`` into ``\\n``. The output has no timestamp or other
changing part: the same map gives the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

import networkx as nx

from argmap.diagnostics import Diagnostic
from argmap.evaluate import Evaluation, Verdict
from argmap.model import ArgumentMap, Node

__all__ = ["export", "to_graph", "xml_text"]

# What this module exports (read by argmap.exporters.formats()): --format name → file
# suffixes, the usual first.
EXPORTS = {"graphml": (".graphml",)}
BINARY = False
NAME = next(iter(EXPORTS))
SUFFIX = EXPORTS[NAME][0]

# Not allowed in XML 1.0 (C0 controls but tab and line breaks, surrogates, U+FFFE and
# U+FFFF), or allowed but useless and rejected by some readers (DEL and C1 controls).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """``value`` as a string XML 1.0 can hold: forbidden characters removed, line breaks
    as ``\\n``; ``None`` is ``""``."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("", text)


def to_graph(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
) -> Any:
    """The map as a :class:`networkx.MultiDiGraph` with scalar attributes only."""
    notes: dict[str, list[str]] = {}
    for finding in findings:
        if finding.node is not None:
            notes.setdefault(finding.node, []).append(f"{finding.rule}: {finding.message}")
    titles = {section.id: section.title for section in amap.sections}
    graph = nx.MultiDiGraph()
    graph.graph["title"] = xml_text(amap.title)
    if evaluation is not None:
        graph.graph["standard"] = evaluation.standard.value
    ids: dict[str, str] = {}
    for index, node in enumerate(amap.nodes, start=1):
        ids[node.id] = key = f"n{index}"
        attributes: dict[str, str | int] = {
            "id": node.id,
            "title": node.title,
            "type": node.type,
            "kind": node.kind,
            "text": xml_text(node.text),
            "tags": ", ".join(node.tags),
            "section": xml_text(node.section),
            "section_title": xml_text(titles.get(node.section or "")),
            "citation": xml_text(node.citation),
            "line": node.span.line,
            "status": evaluation.verdicts[node.id].value if evaluation is not None else "",
            "findings": "\n".join(notes.get(node.id, [])),
        }
        graph.add_node(
            key,
            **{
                name: xml_text(value) if isinstance(value, str) else value
                for name, value in attributes.items()
            },
        )
    lines: list[tuple[str, str, dict[str, str | int]]] = []
    for edge in amap.edges:
        data: dict[str, str | int] = {"relation": edge.relation}
        if edge.step is not None:  # an undercut of one inference
            data["step"] = edge.step
        lines.append((edge.source, edge.target, data))
    verdicts = evaluation.steps if evaluation is not None else {}
    for argument in amap.nodes:
        if argument.pcs:
            lines += _structure(argument, verdicts)
    # A member the map leaves out (--focus, --section) has no edge.
    kept = [line for line in lines if line[0] in ids and line[1] in ids]
    for index, (source, target, data) in enumerate(kept, start=1):
        graph.add_edge(ids[source], ids[target], key=f"e{index}", **data)
    return graph


def _structure(
    argument: Node, verdicts: dict[tuple[str, int], Verdict]
) -> list[tuple[str, str, dict[str, str | int]]]:
    """The edges of a reconstructed argument's structure, as (source id, target id,
    attributes): for each inference its premises' edges, then its conclusion's."""
    members: dict[str, tuple[str, int]] = {}  # role and number, as first written
    for member in argument.pcs:
        members.setdefault(member.statement, (member.role, member.number))
    lines: list[tuple[str, str, dict[str, str | int]]] = []
    for step in argument.steps:
        for premise in argument.premises_of(step):
            role, number = members[premise]
            attributes: dict[str, str | int] = {
                "relation": "premise",
                "step": step,
                "role": role,
                "number": number,
            }
            lines.append((premise, argument.id, attributes))
        conclusion = argument.pcs[step]
        inference = conclusion.inference
        attributes = {
            "relation": "conclusion",
            "step": step,
            "role": conclusion.role,
            "number": conclusion.number,
            "rules": xml_text(", ".join(inference.rules) if inference is not None else ""),
        }
        verdict = verdicts.get((argument.id, step))
        if verdict is not None:
            attributes["status"] = verdict.value
        lines.append((argument.id, conclusion.statement, attributes))
    return lines


def export(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
) -> str:
    """The exporter interface (see :mod:`argmap.exporters`)."""
    buffer = io.BytesIO()
    # The ElementTree writer, never lxml's (nx.write_graphml picks lxml when it is
    # installed), so that the output does not depend on what else is installed.
    nx.write_graphml_xml(to_graph(amap, evaluation, findings), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8").rstrip("\n") + "\n"
