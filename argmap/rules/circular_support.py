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
        cycle_edges = nx.find_cycle(support.subgraph(component), source=start)
        cycle = [source for source, _ in cycle_edges]
        # Start the listing at the first node of the circle in the brief.
        first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
        cycle = cycle[first:] + cycle[:first]
        path = " supports ".join(ctx.title(node_id) for node_id in [*cycle, cycle[0]])
        node = ctx.map.node(cycle[0])
        extra = len(component) - len(cycle)
        more = f" ({extra} more claims are caught in the same circle)" if extra > 0 else ""
        yield Finding(node.span, f"circular support: {path}{more}", node.id)
