"""self-relation: a node that supports, attacks or undercuts itself.

PASS::

    [A]: Uniforms help.
      + [B]: They reduce teasing.

FAIL::

    [A]: Uniforms help.
      + [A]
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding

CODE = "AM103"
NAME = "self-relation"
SEVERITY = Severity.ERROR
SUMMARY = "A node supports or attacks itself."

_VERBS = {
    "support": "supports",
    "attack": "attacks",
    "undercut": "undercuts",
    "contradiction": "contradicts",
    # Strict mode (model: {mode: strict}) reads a support as entails, an attack as contrary.
    "entails": "entails",
    "contrary": "is contrary to",
}


def check(ctx: Context) -> Iterator[Finding]:
    for edge in ctx.map.edges:
        if edge.source == edge.target:
            node = ctx.map.node(edge.source)
            yield Finding(
                edge.spans[0] if edge.spans else node.span,
                f"{node.label} {_VERBS[edge.relation]} itself",
                node.id,
            )
