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

from collections import deque
from collections.abc import Iterator
from typing import Any

import networkx as nx

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding, node_finding

CODE = "AM204"
NAME = "single-point-of-failure"
SEVERITY = Severity.INFO
SUMMARY = "Every support chain of a thesis depends on one node."

_SINK = object()


def check(ctx: Context) -> Iterator[Finding]:
    ev = ctx.evaluation
    reported: set[tuple[str, str]] = set()
    for thesis in ctx.map.theses:
        if thesis.id not in ev.grounded or thesis.is_evidence:
            continue
        # The support graph below the thesis, pointing down, with evidence → sink.
        below: Any = nx.DiGraph()
        below.add_node(thesis.id)
        seen = {thesis.id}
        queue = deque([thesis.id])
        while queue:
            current = queue.popleft()
            if ctx.map.node(current).is_evidence and current != thesis.id:
                below.add_edge(current, _SINK)
                continue
            for supporter in ev.supporters[current]:
                if supporter in ev.grounded:
                    below.add_edge(current, supporter)
                    if supporter not in seen:
                        seen.add(supporter)
                        queue.append(supporter)
        if _SINK not in below:
            continue
        dominators = nx.immediate_dominators(below, thesis.id)
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
