"""missing-citation: evidence with no ``cite``, ``source`` or ``url``.

A card without a citation cannot be checked by a judge or an opponent. Evidence marked only
by the ``#evidence`` or ``#card`` tag should carry its citation as data.

PASS::

    [Survey]: 40 schools reported less teasing. #evidence {cite: "Doe 2019"}

FAIL::

    [Survey]: 40 schools reported less teasing. #evidence
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress

from argmap.diagnostics import Severity
from argmap.model import has_citation
from argmap.rules.base import Context, Finding, node_finding

CODE = "AM203"
NAME = "missing-citation"
SEVERITY = Severity.WARNING
SUMMARY = "Evidence has no cite, source or url."


def check(ctx: Context) -> Iterator[Finding]:
    for node in compress(ctx.map.nodes, ctx.evidence):
        if not has_citation(node.data):
            yield node_finding(
                node,
                f"evidence {node.label} has no citation: add {{cite: …}}, {{source: …}} or "
                "{url: …}",
            )
