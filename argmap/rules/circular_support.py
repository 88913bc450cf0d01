"""circular-support: claims that support each other in a circle.

A circle of support proves nothing: each claim rests on the next and none on evidence.
Each circle is reported once, at its first node in the brief, listing the circle in order.

PASS::

    [A]: Uniforms reduce teasing.
      + [B]: Students compare clothes less.

FAIL::

    [A]: Uniforms reduce teasing.
      + [B]: Students compare clothes less.
        + [A]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any

import networkx as nx

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding

CODE = "AM202"
NAME = "circular-support"
SEVERITY = Severity.ERROR
SUMMARY = "Claims support each other in a circle."


def check(ctx: Context) -> Iterator[Finding]:
    support: Any = nx.DiGraph()
    for edge in ctx.map.edges:
        if edge.relation == "support" and edge.source != edge.target:
            support.add_edge(edge.source, edge.target)
    order = {node.id: index for index, node in enumerate(ctx.map.nodes)}
    for component in nx.strongly_connected_components(support):
        if len(component) < 2:
            continue
        start = min(component, key=order.__getitem__)
        cycle = _shortest_cycle_through(support, component, start)
        path = " supports ".join(ctx.title(node_id) for node_id in [*cycle, cycle[0]])
        node = ctx.map.node(cycle[0])
        extra = len(component) - len(cycle)
        more = ""
        if extra == 1:
            more = " (1 more claim is caught in the same circle)"
        elif extra > 1:
            more = f" ({extra} more claims are caught in the same circle)"
        yield Finding(node.span, f"circular support: {path}{more}", node.id)


def _shortest_cycle_through(support: Any, component: set[str], start: str) -> list[str]:
    """The shortest circle of support from ``start`` back to itself, inside ``component``
    (breadth-first, so iterative and the listing is as short as it can be)."""
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for target in support.successors(current):
            if target not in component:
                continue
            if target == start:
                cycle = [current]
                while cycle[-1] != start:
                    cycle.append(parent[cycle[-1]])
                cycle.reverse()
                return cycle
            if target not in parent:
                parent[target] = current
                queue.append(target)
    return [start]  # unreachable for a strongly connected component of two or more
