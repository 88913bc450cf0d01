"""unanswered-rebuttal: an attack on the brief's own side that nothing answers.

A rebuttal (an attack or undercut on a claim on the thesis's side) that nothing attacks
back is, in debate terms, dropped: the opponent can extend it unanswered. Write a response
that attacks the rebuttal.

PASS::

    [T]: Schools should require uniforms. #thesis
      - [Cost]: Uniforms cost families money.
        - [Exchanges]: Free uniform exchanges exist.

FAIL::

    [T]: Schools should require uniforms. #thesis
      - [Cost]: Uniforms cost families money.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding

CODE = "AM301"
NAME = "unanswered-rebuttal"
SEVERITY = Severity.WARNING
SUMMARY = "An attack on the brief's own side is left without a response."


def check(ctx: Context) -> Iterator[Finding]:
    pro, _con = ctx.side_flags
    graph = ctx.map.adjacency  # by node number, without a dictionary by id
    for edge in ctx.attack_edges:
        if not pro[graph.number[edge.target]]:
            continue
        if graph.attackers[graph.number[edge.source]]:
            continue
        source = ctx.map.node(edge.source)
        target = ctx.map.node(edge.target)
        what = target.label
        if edge.step is not None:
            conclusion = ctx.map.node(target.pcs[edge.step].statement)
            what = f"the inference of {target.label} to {conclusion.label}"
        yield Finding(
            edge.spans[0] if edge.spans else source.span,
            f"{source.label} {edge.relation}s {what} and nothing answers it: add a "
            f"response that attacks {source.label}",
            source.id,
        )
