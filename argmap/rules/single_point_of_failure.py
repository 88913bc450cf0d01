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

_SINK = "\0sink"  # a node id no brief can have


def check(ctx: Context) -> Iterator[Finding]:
    ev = ctx.evaluation
    reported: set[tuple[str, str]] = set()
    for thesis in ctx.map.theses:
        if thesis.id not in ev.grounded or thesis.is_evidence:
            continue
        # The grounded support graph below the thesis, pointing down, evidence → sink.
        below: dict[str, list[str]] = {}
        stack = [thesis.id]
        while stack:
            current = stack.pop()
            if current in below:
                continue
            if current != thesis.id and ctx.map.node(current).is_evidence:
                below[current] = [_SINK]
                continue
            below[current] = [s for s in ev.supporters[current] if s in ev.grounded]
            stack.extend(below[current])
        dominators = immediate_dominators(below, thesis.id)
        if _SINK not in dominators:
            continue
        step = dominators[_SINK]
        while step != thesis.id:
            if (thesis.id, step) not in reported:
                reported.add((thesis.id, step))
                node = ctx.map.node(step)
                kind = "card" if node.is_evidence else "claim"
                yield node_finding(
                    node,
                    f"every chain of evidence for thesis {thesis.label} runs through the "
                    f"{kind} {node.label}: if it falls, the thesis loses all its support",
                )
            step = dominators[step]


def immediate_dominators(successors: dict[str, list[str]], start: str) -> dict[str, str]:
    """Immediate dominators of every node reachable from ``start`` (Cooper, Harvey and
    Kennedy's iterative algorithm), without recursion."""
    order: list[str] = []  # postorder
    seen = {start}
    stack: list[tuple[str, int]] = [(start, 0)]
    while stack:
        node, index = stack[-1]
        children = successors.get(node, ())
        if index < len(children):
            stack[-1] = (node, index + 1)
            child = children[index]
            if child not in seen:
                seen.add(child)
                stack.append((child, 0))
        else:
            stack.pop()
            order.append(node)
    position = {node: i for i, node in enumerate(order)}
    predecessors: dict[str, list[str]] = {node: [] for node in order}
    for node in order:
        for child in successors.get(node, ()):
            predecessors[child].append(node)
    idom = {start: start}
    changed = True
    while changed:
        changed = False
        for node in reversed(order):
            if node == start:
                continue
            new: str | None = None
            for pred in predecessors[node]:
                if pred not in idom:
                    continue
                if new is None:
                    new = pred
                    continue
                a, b = pred, new
                while a != b:
                    while position[a] < position[b]:
                        a = idom[a]
                    while position[b] < position[a]:
                        b = idom[b]
                new = a
            if new is not None and idom.get(node) != new:
                idom[node] = new
                changed = True
    return idom
