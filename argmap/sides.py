"""Sides: the thesis is "pro"; support keeps a side, attack, undercut and contradiction
flip it. A node reachable both ways is on both sides."""

from __future__ import annotations

from argmap.model import ArgumentMap

__all__ = ["CON", "PRO", "sides"]

PRO = "pro"
CON = "con"
_FLIP = {PRO: CON, CON: PRO}
# The side(s) of a node reached on the pro side, the con side: one shared set for each.
_SIDES = {
    (True, False): frozenset({PRO}),
    (False, True): frozenset({CON}),
    (True, True): frozenset({PRO, CON}),
}


def sides(amap: ArgumentMap) -> dict[str, frozenset[str]]:
    """The side(s) of every node connected to a thesis (others are absent), in the
    map's order."""
    graph = amap.adjacency
    # reached[side][n]: some path from a thesis puts node number n on that side.
    reached = {PRO: [False] * len(graph.ids), CON: [False] * len(graph.ids)}
    stack: list[tuple[int, str]] = []
    for thesis in amap.theses:
        node = graph.number[thesis.id]
        reached[PRO][node] = True
        stack.append((node, PRO))
    while stack:
        node, side = stack.pop()
        # Support keeps the side; attack, undercut and contradiction flip it.
        on_side = reached[side]
        for other in graph.supports[node] + graph.supporters[node]:
            if not on_side[other]:
                on_side[other] = True
                stack.append((other, side))
        side = _FLIP[side]
        on_side = reached[side]
        for other in graph.attacks[node] + graph.attackers[node]:
            if not on_side[other]:
                on_side[other] = True
                stack.append((other, side))
    return {
        node_id: _SIDES[pro, con]
        for node_id, pro, con in zip(graph.ids, reached[PRO], reached[CON], strict=True)
        if pro or con
    }
