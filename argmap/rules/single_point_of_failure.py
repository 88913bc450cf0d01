"""single-point-of-failure: a card or claim every support chain of a thesis runs through.

If every chain of support from evidence up to a thesis passes through one node, one
indicted card (or one answered claim) collapses the whole case. The node dominates the
thesis's evidence in the support graph; add independent support to spread the risk.

PASS::

    [T]: Schools should require uniforms. #thesis
      + [Survey]: Less teasing in 40 schools. #evidence {cite: "Doe 2019"}
      + [Study]: Better attendance. #evidence {cite: "Roe 2021"}

FAIL::

    [T]: Schools should require uniforms. #thesis
      + [Equality]: Uniforms hide income differences.
        + [Survey]: Less teasing in 40 schools. #evidence {cite: "Doe 2019"}
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding, node_finding

CODE = "AM204"
NAME = "single-point-of-failure"
SEVERITY = Severity.INFO
SUMMARY = "Every support chain of a thesis depends on one node."

_SINK = -1  # a node number no map has


def check(ctx: Context) -> Iterator[Finding]:
    ev = ctx.evaluation
    graph = ctx.map.adjacency  # nodes by number
    grounded = [node_id in ev.grounded for node_id in graph.ids]
    evidence = [node.is_evidence for node in ctx.map.nodes]

    def rests_on(node: int) -> list[int]:
        """The grounded support graph, pointing down: a node rests on its grounded
        supporters, evidence on the sink."""
        if node == _SINK:
            return []
        if evidence[node]:
            return [_SINK]
        return [supporter for supporter in graph.supporters[node] if grounded[supporter]]

    done: set[int] = set()
    for thesis in ctx.map.theses:
        top = graph.number[thesis.id]
        if top in done or not grounded[top] or evidence[top]:
            continue
        done.add(top)
        for step in cut_points(rests_on, top, _SINK):
            node = ctx.map.node(graph.ids[step])
            kind = "card" if node.is_evidence else "claim"
            yield node_finding(
                node,
                f"every chain of evidence for thesis {thesis.label} runs through the "
                f"{kind} {node.label}: if it falls, the thesis loses all its support",
            )


def cut_points(successors: Callable[[int], list[int]], start: int, end: int) -> list[int]:
    """The nodes that every path from ``start`` to ``end`` runs through (the dominators of
    ``end``, without ``start`` and ``end``), nearest ``start`` first. Linear, iterative.

    Every such node lies on any one path from ``start`` to ``end``. Walking along one
    path, a node on it is one of them exactly when nothing reachable from the part before
    it (without passing it) leads past it to a later node of the path.
    """
    path = _a_path(successors, start, end)
    place = {node: index for index, node in enumerate(path)}
    furthest = 0  # the furthest place on the path that the part explored so far leads to
    explored: set[int] = set()  # nodes off the path reached from the part before
    cuts: list[int] = []
    for index, node in enumerate(path[:-1]):
        if index and furthest == index:
            cuts.append(node)
        stack = [node]
        while stack:
            for child in successors(stack.pop()):
                if child in place:
                    furthest = max(furthest, place[child])
                elif child not in explored:
                    explored.add(child)
                    stack.append(child)
            if furthest == len(path) - 1:
                return cuts  # the end is reached past every later node: none is a cut
    return cuts


def _a_path(successors: Callable[[int], list[int]], start: int, end: int) -> list[int]:
    """Some path from ``start`` to ``end`` (only ``start`` if there is none)."""
    parent = {start: start}
    stack = [start]
    while stack and end not in parent:
        current = stack.pop()
        for child in successors(current):
            if child not in parent:
                parent[child] = current
                stack.append(child)
    if end not in parent:
        return [start]
    path = [end]
    while path[-1] != start:
        path.append(parent[path[-1]])
    path.reverse()
    return path
