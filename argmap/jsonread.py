"""Reading argmap's own JSON export back into a map: export → read → export is the identity."""

from __future__ import annotations

import json
from typing import Any

from argmap.diagnostics import Diagnostic, Severity
from argmap.model import RELATIONS, ArgumentMap, Node
from argmap.source import Span
from argmap.syntax.parser import Occurrence, Section

__all__ = ["READER_RULES", "JsonBriefError", "from_json", "loads_json"]

# Findings of the reader (not recomputable from the graph), carried over from the JSON.
READER_RULES = frozenset({"syntax-error", "front-matter", "encoding"})


class JsonBriefError(ValueError):
    """JSON that is not an argmap export."""


def loads_json(text: str, name: str = "<string>") -> ArgumentMap:
    """Read an argmap JSON export (``argmap export --format json``)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonBriefError(
            f"{name}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}"
        ) from None
    except RecursionError:
        raise JsonBriefError(f"{name}: JSON nested too deeply") from None
    return from_json(data, name)


def _span(value: Any, where: str) -> Span:
    if not isinstance(value, dict):
        raise JsonBriefError(f"{where}: a span must be an object")
    try:
        line, column = int(value["line"]), int(value["column"])
        return Span(
            str(value["file"]),
            line,
            column,
            int(value.get("end_line", line)),
            int(value.get("end_column", column)),
        )
    except (KeyError, TypeError, ValueError):
        raise JsonBriefError(f"{where}: a span needs file, line and column") from None


def from_json(data: Any, name: str = "<string>") -> ArgumentMap:
    """A map from the parsed JSON of an export; raises :class:`JsonBriefError`."""
    if not isinstance(data, dict) or data.get("argmap") != 1:
        raise JsonBriefError(f'{name}: not an argmap export (no "argmap": 1)')
    try:
        sections = [
            Section(
                str(s["id"]),
                int(s["level"]),
                str(s["title"]),
                s.get("parent"),
                _span(s["span"], f"{name}: section {s['id']}"),
                list(s.get("tags", [])),
                dict(s.get("data", {})),
            )
            for s in data.get("sections", [])
        ]
        front = data.get("front_matter", {})
        amap = ArgumentMap(
            title=data.get("title"),
            front_matter=front if isinstance(front, dict) else {},
            sections=sections,
            file=name,
        )
        for entry in data["nodes"]:
            amap.add_node(_node(entry, name))
        for entry in data["edges"]:
            source, target, relation = entry["source"], entry["target"], entry["relation"]
            if source not in amap or target not in amap:
                raise JsonBriefError(f"{name}: edge {source} → {target} names an unknown node")
            if relation not in RELATIONS:
                raise JsonBriefError(f"{name}: unknown relation {relation!r}")
            spans = [_span(s, f"{name}: edge") for s in entry.get("spans", [])]
            edge = amap.add_edge(source, target, relation, spans[0] if spans else None)
            edge.spans.extend(spans[1:])
        theses = [str(t) for t in data.get("theses", [])]
        amap._theses = [t for t in theses if t in amap]
        for finding in data.get("findings", []):
            if finding.get("rule") in READER_RULES:
                amap.diagnostics.append(_diagnostic(finding, name))
    except (KeyError, TypeError) as error:
        raise JsonBriefError(f"{name}: not an argmap export: missing or wrong {error}") from None
    return amap


def _node(entry: dict[str, Any], name: str) -> Node:
    node_id = str(entry["id"])
    node = Node(
        node_id,
        str(entry["title"]),
        str(entry["type"]),
        kind=str(entry.get("kind", "claim")),
        text=entry.get("text"),
        tags=[str(t) for t in entry.get("tags", [])],
        data=dict(entry.get("data", {})),
        section=entry.get("section"),
        untitled=bool(entry.get("untitled", False)),
    )
    spans = entry.get("spans") or [{**entry["span"], "reference": False}]
    for span in spans:
        reference = bool(span.get("reference", False))
        text = None if reference else span.get("text", node.text)
        node.occurrences.append(
            Occurrence(
                node.type,
                node.title,
                node.untitled,
                reference,
                text,
                None,
                _span(span, f"{name}: node {node_id}"),
                node.section,
            )
        )
    return node


def _diagnostic(entry: dict[str, Any], name: str) -> Diagnostic:
    span = Span(
        str(entry["file"]),
        int(entry["line"]),
        int(entry["column"]),
        int(entry.get("end_line", entry["line"])),
        int(entry.get("end_column", entry["column"])),
    )
    return Diagnostic(
        str(entry["code"]),
        str(entry["rule"]),
        Severity(entry["severity"]),
        str(entry["message"]),
        span,
        entry.get("node"),
    )
