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
from argmap.evaluate import Evaluation
from argmap.model import ArgumentMap

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
    for index, edge in enumerate(amap.edges, start=1):
        graph.add_edge(ids[edge.source], ids[edge.target], key=f"e{index}", relation=edge.relation)
    return graph


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
