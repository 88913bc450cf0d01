"""The JSON export (schema version 1; see docs/json.md)."""

from __future__ import annotations

import json
from typing import Any

from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap, Node
from argmap.source import Span

__all__ = ["SCHEMA_VERSION", "diagnostics_to_json", "dumps", "to_json"]

SCHEMA_VERSION = 1
NAME = "json"
SUFFIX = ".json"


def _span(span: Span) -> dict[str, Any]:
    return {"file": span.file, "line": span.line, "column": span.column}


def _node(node: Node) -> dict[str, Any]:
    return {
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
        "spans": [{**_span(o.span), "reference": o.is_reference} for o in node.occurrences],
    }


def to_json(amap: ArgumentMap) -> dict[str, Any]:
    """The map as a JSON-ready dict, in the brief's order."""
    return {
        "argmap": SCHEMA_VERSION,
        "title": amap.title,
        "theses": [node.id for node in amap.theses],
        "nodes": [_node(node) for node in amap.nodes],
        "edges": [
            {
                "source": edge.source,
                "target": edge.target,
                "relation": edge.relation,
                "spans": [_span(span) for span in edge.spans],
            }
            for edge in amap.edges
        ],
        "sections": [
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
    }


def dumps(amap: ArgumentMap) -> str:
    """The JSON export as text: two-space indents, UTF-8 kept, a final newline."""
    return json.dumps(to_json(amap), indent=2, ensure_ascii=False) + "\n"


def diagnostics_to_json(diagnostics: list[Diagnostic]) -> str:
    """``check --format json``: ``{"argmap": 1, "diagnostics": [...]}``."""
    payload = {
        "argmap": SCHEMA_VERSION,
        "diagnostics": [diagnostic.to_json() for diagnostic in diagnostics],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
