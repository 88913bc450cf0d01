"""Sides: the thesis is "pro"; support keeps a side, attack, undercut and contradiction
flip it. A node reachable both ways is on both sides."""

from __future__ import annotations

from argmap.model import Adjacency, ArgumentMap

__all__ = ["CON", "PRO", "side_flags", "sides"]

PRO = "pro"
CON = "con"
# The side(s) of a node reached on the pro side, the con side: one shared set for each.
_SIDES = {
    (True, False): frozenset({PRO}),
    (False, True): frozenset({CON}),
    (True, True): frozenset({PRO, CON}),
}


def sides(
    amap: ArgumentMap, flags: tuple[list[bool], list[bool]] | None = None
) -> dict[str, frozenset[str]]:
    """The side(s) of every node connected to a thesis (others are absent), in the
    map's order. ``flags``, if given, must be ``side_flags(amap)``."""
    pro, con = flags or side_flags(amap)
    return {
        node_id: _SIDES[on_pro, on_con]
        for node_id, on_pro, on_con in zip(amap.adjacency.ids, pro, con, strict=True)
        if on_pro or on_con
    }


def side_flags(amap: ArgumentMap) -> tuple[list[bool], list[bool]]:
    """Whether each node, by number (see Adjacency), is on the pro side, and whether it is
    on the con side: what :func:`sides` gives, without building a dictionary by id, for
    those who ask about a few nodes of a large map."""
    graph = amap.adjacency
    # pro[n], con[n]: some path from a thesis puts node number n on that side. Each side
    # has a stack of the nodes reached on it whose neighbours are still to visit.
    pro, con = [False] * len(graph.ids), [False] * len(graph.ids)
    pro_stack: list[int] = []
    con_stack: list[int] = []
    for thesis in amap.theses:
        node = graph.number[thesis.id]
        if not pro[node]:
            pro[node] = True
            pro_stack.append(node)
    while pro_stack or con_stack:
        _spread(graph, pro_stack, pro, con_stack, con)
        _spread(graph, con_stack, con, pro_stack, pro)
    return pro, con


def _spread(
    graph: Adjacency, stack: list[int], same: list[bool], other_stack: list[int], other: list[bool]
) -> None:
    """Visit every node on ``stack`` until it is empty: support keeps the side (``same``),
    attack, undercut and contradiction flip it (``other``)."""
    supports, supporters = graph.supports, graph.supporters
    attacks, attackers = graph.attacks, graph.attackers
    while stack:
        node = stack.pop()
        for near in supports[node] + supporters[node]:
            if not same[near]:
                same[near] = True
                stack.append(near)
        if attacks[node] or attackers[node]:  # most nodes have neither
            for far in attacks[node] + attackers[node]:
                if not other[far]:
                    other[far] = True
                    other_stack.append(far)
