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
from collections.abc import Iterable, Iterator
from itertools import compress

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding

CODE = "AM202"
NAME = "circular-support"
SEVERITY = Severity.ERROR
SUMMARY = "Claims support each other in a circle."


def check(ctx: Context) -> Iterator[Finding]:
    graph = ctx.map.adjacency  # nodes by number, in the brief's order
    for component in circles(graph.supporters, graph.supports):
        cycle = _shortest_cycle_through(graph.supports, set(component), min(component))
        path = " supports ".join(ctx.title(graph.ids[node]) for node in [*cycle, cycle[0]])
        node = ctx.map.node(graph.ids[cycle[0]])
        extra = len(component) - len(cycle)
        more = ""
        if extra == 1:
            more = " (1 more claim is caught in the same circle)"
        elif extra > 1:
            more = f" ({extra} more claims are caught in the same circle)"
        yield Finding(node.span, f"circular support: {path}{more}", node.id)


def circles(supporters: list[list[int]], supports: list[list[int]]) -> Iterator[list[int]]:
    """The groups of two or more nodes that support each other in a circle: the strongly
    connected components of the support graph (nodes by number, see Adjacency)."""
    # First peel off, in topological order, every node whose supporters are all peeled:
    # no circle runs through those. Usually that is all of them; what is left lies on a
    # circle or above one, and is closed under support.
    waiting = list(map(len, supporters))
    peeled = [node for node, count in enumerate(waiting) if not count]
    for node in peeled:  # the list grows while it is read
        for target in supports[node]:
            waiting[target] -= 1
            if not waiting[target]:
                peeled.append(target)
    if len(peeled) == len(waiting):
        return
    rest = list(compress(range(len(waiting)), waiting))
    for component in strongly_connected_components(rest, supports):
        if len(component) > 1:
            yield component


def strongly_connected_components(
    nodes: Iterable[int], successors: list[list[int]]
) -> Iterator[list[int]]:
    """Tarjan's algorithm, with an explicit stack instead of recursion."""
    index: dict[int, int] = {}  # the order in which the search reaches each node
    low: dict[int, int] = {}  # the lowest index reachable from the node's subtree
    stack: list[int] = []  # reached nodes whose component is not complete yet
    on_stack: set[int] = set()
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        path = [(root, iter(successors[root]))]  # the search's current path
        while path:
            node, children = path[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    path.append((child, iter(successors[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:  # every child done: leave the node
                path.pop()
                if path:
                    parent = path[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component: list[int] = []
                    while True:
                        member = stack.pop()
                        on_stack.remove(member)
                        component.append(member)
                        if member == node:
                            break
                    yield component


def _shortest_cycle_through(
    supports: list[list[int]], component: set[int], start: int
) -> list[int]:
    """The shortest circle of support from ``start`` back to itself, inside ``component``
    (breadth-first, so iterative and the listing is as short as it can be)."""
    parent: dict[int, int] = {}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for target in supports[current]:
            if target not in component or target == current:  # a self-support is no circle
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
