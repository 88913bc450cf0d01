"""mixed-relation: one node both supports and attacks (or undercuts) the same target.

PASS::

    [A]: Uniforms help.
      + [B]: They reduce teasing.

FAIL::

    [A]: Uniforms help.
      + [B]: They reduce teasing.
      - [B]
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding

CODE = "AM104"
NAME = "mixed-relation"
SEVERITY = Severity.ERROR
SUMMARY = "One node both supports and attacks the same target."


def check(ctx: Context) -> Iterator[Finding]:
    for other in ctx.attack_edges:
        edge = ctx.map.find_edge(other.source, other.target, "support")
        if edge is None:
            continue
        source = ctx.map.node(edge.source)
        target = ctx.map.node(edge.target)
        yield Finding(
            other.spans[0] if other.spans else source.span,
            f"{source.label} both supports and {other.relation}s {target.label}",
            source.id,
            tuple(edge.spans[:1]),
        )
