"""Choosing part of a map: around one node (``--focus``), down to a depth, one section."""

from __future__ import annotations

from collections import deque

from argmap.model import ArgumentMap

__all__ = ["SelectionError", "related", "subset"]


class SelectionError(ValueError):
    """A focus title or section name that the brief does not have."""


def related(amap: ArgumentMap, node_id: str) -> list[str]:
    """What relates to a node: its supporters, attackers and undercutters, and what it
    contradicts or is contradicted by (the children of a node in a tree view)."""
    result = [edge.source for edge in amap.incoming(node_id)]
    result += [edge.target for edge in amap.outgoing(node_id) if edge.relation == "contradiction"]
    return result


def subset(
    amap: ArgumentMap,
    focus: str | None = None,
    depth: int | None = None,
    section: str | None = None,
) -> ArgumentMap:
    """The part of ``amap`` a view or export should show.

    ``focus`` (a title; ``[T]``/``<T>`` to pick a namespace) keeps that node and what
    relates to it, transitively, and makes it the only thesis; ``depth`` keeps nodes at
    most that many relations below the theses (or the focus); ``section`` (a title or id)
    keeps the nodes of that section and its subsections. Without options, the map itself.
    """
    if focus is None and depth is None and section is None:
        return amap
    keep: set[str] = {node.id for node in amap.nodes}
    roots = [node.id for node in amap.theses]
    if section is not None:
        keep &= _section_nodes(amap, section)
        roots = [root for root in roots if root in keep]
    if focus is not None:
        node = amap.find(focus)
        if node is None:
            raise SelectionError(f"no statement or argument titled {focus!r}")
        roots = [node.id]
        keep &= _below(amap, roots, depth)
    elif depth is not None:
        reached = _below(amap, roots, depth)
        # Nodes that no thesis reaches stay (views list them after the tree).
        unreached = {node.id for node in amap.nodes} - _below(amap, roots, None)
        keep &= reached | unreached
    return amap.restricted(keep, [root for root in roots if root in keep])


def _below(amap: ArgumentMap, roots: list[str], depth: int | None) -> set[str]:
    seen = set(roots)
    queue = deque((root, 0) for root in roots)
    while queue:
        node_id, level = queue.popleft()
        if depth is not None and level >= depth:
            continue
        for child in related(amap, node_id):
            if child not in seen:
                seen.add(child)
                queue.append((child, level + 1))
    return seen


def _section_nodes(amap: ArgumentMap, name: str) -> set[str]:
    wanted = [
        s.id for s in amap.sections if name in (s.id, s.title) or s.title.lower() == name.lower()
    ]
    if not wanted:
        raise SelectionError(f"no section titled {name!r}")
    chosen = set(wanted)
    changed = True
    while changed:  # add subsections (sections are few)
        changed = False
        for s in amap.sections:
            if s.parent in chosen and s.id not in chosen:
                chosen.add(s.id)
                changed = True
    return {node.id for node in amap.nodes if node.section in chosen}
