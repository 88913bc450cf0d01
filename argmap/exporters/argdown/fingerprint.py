"""What a brief means: the one fingerprint that both the Argdown export and ``argmap fmt``
compare, so that "reads back as the same map" means the same thing in both.

The export rewrites a map in another layout, so it compares the map: :func:`fingerprint`
of the map. ``fmt`` keeps every statement where it is, so it also compares the brief as
written, occurrence by occurrence, and its comments: :func:`fingerprint` of the map with
the parse it was built from.
"""

from __future__ import annotations

import re
from typing import Any

from argmap.exporters.argdown.flow import as_json
from argmap.model import ArgumentMap
from argmap.syntax import lexer
from argmap.syntax.parser import Inference, ParseResult

__all__ = ["comments", "difference", "fingerprint"]

_COMMENT = re.compile(r"<!--[\s\S]*?-->|/\*[\s\S]*?\*/|//[^\n\r]*")
_ZERO_WIDTH = frozenset({lexer.INDENT, lexer.DEDENT, lexer.EOF})


def fingerprint(amap: ArgumentMap, parsed: ParseResult | None = None) -> dict[str, Any]:
    """What a brief means: two briefs with equal fingerprints are the same map.

    The map: its title, front matter and theses; its nodes in order with their id, title,
    type, kind, text (with its bold and italic markers), plain text, tags, data,
    section, untitled flag and whether they are defined; its relations as a set (with
    the step of an undercut of an inference); the premise–conclusion structure of each
    reconstructed argument (each member's statement, role and number, and each
    inference's rules and data); its headings in order. Data is compared as JSON, so
    ``1``, ``1.0`` and ``true`` differ.

    With ``parsed`` (the parse ``amap`` was built from), also the brief as written: its
    syntax errors, each statement and argument occurrence in order (title, text, tags,
    data, mentions, links, section, whether it is a reference), the relations in the
    order written, the premise–conclusion structures as written (which occurrences, in
    which order), and the comments.
    """
    result: dict[str, Any] = {
        "title": amap.title,
        "front matter": as_json(amap.front_matter),
        "theses": [node.id for node in amap.theses],
        "nodes": [
            (
                node.id,
                node.title,
                node.type,
                node.kind,
                node.text,
                node.plain_text,
                list(node.tags),
                as_json(node.data),
                node.section,
                node.untitled,
                node.is_defined,
            )
            for node in amap.nodes
        ],
        "relations": sorted(
            ((edge.source, edge.target, edge.relation, edge.step) for edge in amap.edges),
            key=_relation_order,
        ),
        "premise–conclusion structures": [
            (node.id, [_member(m.statement, m.role, m.number, m.inference) for m in node.pcs])
            for node in amap.nodes
            if node.pcs
        ],
        "headings": [
            (s.id, s.level, s.title, s.parent, list(s.tags), as_json(s.data)) for s in amap.sections
        ],
    }
    if parsed is not None:
        from argmap.diagnostics import Severity

        result["syntax errors"] = [
            d.message for d in parsed.diagnostics if d.severity is Severity.ERROR
        ]
        result["statements and arguments as written"] = [
            (
                o.type,
                o.title,
                o.untitled,
                o.is_reference,
                o.text,
                o.plain_text,
                o.section,
                list(o.tags),
                as_json(o.data),
                o.mentions,
                o.links,
            )
            for o in parsed.occurrences
        ]
        result["relations as written"] = [
            (r.source, r.target, r.relation, r.step) for r in parsed.relations
        ]
        result["premise–conclusion structures as written"] = [
            (
                r.argument,
                [_member(m.occurrence, m.role, m.number, m.inference) for m in r.members],
            )
            for r in parsed.reconstructions
        ]
        result["comments"] = comments(parsed.source.text)
    return result


def _member(
    statement: str | int, role: str, number: int, inference: Inference | None
) -> tuple[Any, ...]:
    """A member of a premise–conclusion structure, with the inference that leads to it."""
    if inference is None:
        return (statement, role, number, None)
    return (statement, role, number, (list(inference.rules), as_json(inference.data)))


def _relation_order(relation: tuple[str, str, str, int | None]) -> tuple[str, str, str, int]:
    source, target, kind, step = relation
    return (source, target, kind, -1 if step is None else step)


def difference(expected: dict[str, Any], actual: dict[str, Any]) -> str | None:
    """The first part of two fingerprints that differs (``None`` when they are equal)."""
    for key, value in expected.items():
        if actual.get(key) != value:
            return key
    return None


def comments(text: str) -> list[str]:
    """The comments of a brief: the text the lexer skips that is not whitespace, with
    ``\\r\\n`` read as ``\\n`` and trailing spaces dropped."""
    found: list[str] = []
    position = 0
    for token in lexer.tokenize(text).tokens:
        if token.kind in _ZERO_WIDTH:
            continue
        if token.start > position:
            found.extend(_COMMENT.findall(text, position, token.start))
        position = max(position, token.end)
    found.extend(_COMMENT.findall(text, position))
    return [comment.replace("\r\n", "\n").rstrip() for comment in found]
