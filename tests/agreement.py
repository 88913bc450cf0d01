"""Shared helper: argmap's reading of a brief, reduced like Argdown's reference files."""

from __future__ import annotations

from typing import Any

from argmap.model import ArgumentMap


def _undirected(relation: list[Any]) -> list[Any]:
    """A symmetric relation (contradiction, contrary) with its ends in sorted order, as
    tools/argdown/reference.py writes it: it has no direction to agree on."""
    from_type, source, kind, to_type, target = relation
    if kind in ("contradiction", "contrary") and (to_type, target) < (from_type, source):
        return [to_type, target, kind, from_type, source]
    return relation


def reduce_map(amap: ArgumentMap) -> dict[str, Any]:
    """What both tools must agree on: titles, canonical texts, types, relations and
    premise–conclusion structures.

    Argdown keeps bold and italic as ranges beside the text, so the comparison uses the
    text without those markers (``plain_text``); argmap's ``text`` keeps them.
    """
    statements = {n.title: {"text": n.plain_text} for n in amap.nodes if n.type == "statement"}
    arguments = {n.title: {"text": n.plain_text} for n in amap.nodes if n.type == "argument"}
    relations = sorted(
        _undirected(
            [
                amap.node(e.source).type,
                amap.node(e.source).title,
                e.relation,
                amap.node(e.target).type,
                amap.node(e.target).title,
            ]
        )
        + ([] if e.step is None else [e.step])
        for e in amap.edges
    )
    pcs = {
        node.title: [
            [
                amap.node(member.statement).title,
                member.role,
                None if member.inference is None else member.inference.rules,
            ]
            for member in node.pcs
        ]
        for node in amap.nodes
        if node.pcs
    }
    reduced = {"statements": statements, "arguments": arguments, "relations": relations}
    if pcs:
        reduced["pcs"] = pcs
    return reduced
