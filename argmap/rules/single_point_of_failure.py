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

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding, node_finding

CODE = "AM204"
NAME = "single-point-of-failure"
SEVERITY = Severity.INFO
SUMMARY = "Every support chain of a thesis depends on one node."


def check(ctx: Context) -> Iterator[Finding]:
    graph = ctx.map.adjacency  # nodes by number
    grounded, evidence = ctx.grounded, ctx.evidence
    done: set[int] = set()
    for thesis in ctx.map.theses:
        top = graph.number[thesis.id]
        if top in done or not grounded[top] or evidence[top]:
            continue
        done.add(top)
        for step in cut_points(graph.supporters, grounded, evidence, top):
            node = ctx.map.node(graph.ids[step])
            if node.pcs:
                continue  # a reconstructed argument: its conclusion rests on it by design
            kind = "card" if node.is_evidence else "claim"
            yield node_finding(
                node,
                f"every chain of evidence for thesis {thesis.label} runs through the "
                f"{kind} {node.label}: if it falls, the thesis loses all its support",
            )


def cut_points(
    supporters: list[list[int]], grounded: list[bool], evidence: list[bool], start: int
) -> list[int]:
    """The nodes (by number) that every chain of support from evidence up to ``start``
    runs through, ``start`` aside, nearest ``start`` first. Linear, iterative.

    Pointing down, a node rests on its grounded supporters and evidence on nothing more.
    The nodes sought lie on every path from ``start`` down to evidence, so on any one of
    them. Walking along one path, a node on it is one of them exactly when nothing
    reachable from the part before it (without passing it) leads past it to a later node
    of the path, or to other evidence.
    """
    path = _a_path(supporters, grounded, evidence, start)
    place = {node: index for index, node in enumerate(path)}
    furthest = 0  # the furthest place on the path that the part explored so far leads to
    explored: set[int] = set()  # nodes off the path reached from the part before
    cuts: list[int] = []
    for index, node in enumerate(path):
        if index and furthest == index:
            cuts.append(node)
        stack = [node]
        while stack:
            current = stack.pop()
            if evidence[current]:
                return cuts  # evidence is reached past every later node: none is a cut
            for child in supporters[current]:
                if not grounded[child]:
                    continue
                if child in place:
                    furthest = max(furthest, place[child])
                elif child not in explored:
                    explored.add(child)
                    stack.append(child)
    return cuts


def _a_path(
    supporters: list[list[int]], grounded: list[bool], evidence: list[bool], start: int
) -> list[int]:
    """Some path from ``start`` down its grounded supporters to evidence (only ``start``
    if there is none)."""
    parent = {start: start}
    stack = [start]
    while stack:
        current = stack.pop()
        if evidence[current]:
            path = [current]
            while path[-1] != start:
                path.append(parent[path[-1]])
            path.reverse()
            return path
        for child in supporters[current]:
            if grounded[child] and child not in parent:
                parent[child] = current
                stack.append(child)
    return [start]
