"""Sides: the thesis is "pro"; support keeps a side, attack, undercut and contradiction
flip it. A node reachable both ways is on both sides."""

from __future__ import annotations

from collections import deque

from argmap.model import ArgumentMap

__all__ = ["CON", "PRO", "sides"]

PRO = "pro"
CON = "con"
_FLIP = {PRO: CON, CON: PRO}


def sides(amap: ArgumentMap) -> dict[str, set[str]]:
    """The side(s) of every node connected to a thesis (others are absent)."""
    neighbours: dict[str, list[tuple[str, bool]]] = {node_id: [] for node_id in amap.graph.nodes}
    for edge in amap.edges:
        same = edge.relation == "support"
        neighbours[edge.source].append((edge.target, same))
        neighbours[edge.target].append((edge.source, same))
    result: dict[str, set[str]] = {}
    queue: deque[tuple[str, str]] = deque()
    for thesis in amap.theses:
        result.setdefault(thesis.id, set()).add(PRO)
        queue.append((thesis.id, PRO))
    while queue:
        node_id, side = queue.popleft()
        for other, same in neighbours[node_id]:
            other_side = side if same else _FLIP[side]
            found = result.setdefault(other, set())
            if other_side not in found:
                found.add(other_side)
                queue.append((other, other_side))
    return result
