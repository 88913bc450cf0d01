"""orphan: a node with no relation at all.

An orphan neither supports nor attacks anything and nothing relates to it; it is shown
and exported like every node, but it plays no part in the case.

PASS::

    [A]: Uniforms help.
      + [B]: They reduce teasing.

FAIL::

    [A]: Uniforms help.
      + [B]: They reduce teasing.

    [C]: A thought that relates to nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding, node_finding

CODE = "AM105"
NAME = "orphan"
SEVERITY = Severity.WARNING
SUMMARY = "A node has no relation at all."


def check(ctx: Context) -> Iterator[Finding]:
    if len(ctx.map) < 2:
        return
    graph = ctx.map.adjacency  # node number i is the i-th node of the map
    for node, supporters, supports, attackers, attacks in zip(
        ctx.map.nodes, graph.supporters, graph.supports, graph.attackers, graph.attacks, strict=True
    ):
        if not (supporters or supports or attackers or attacks):
            yield node_finding(node, f"{node.label} relates to nothing and nothing relates to it")
