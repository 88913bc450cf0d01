"""defeated-thesis: a thesis that does not stand once the rebuttals are weighed.

The thesis's verdict is ``out`` (a standing attacker defeats it, or no chain of support
reaches evidence) or ``undecided`` (its attackers or supporters are themselves undecided).
The message says which; ``argmap trace BRIEF TITLE`` shows the whole reasoning. In a
brief that marks no evidence at all, only a thesis that falls even without the evidence
standard is reported (unsupported-claim says once that the brief marks no evidence).

PASS::

    [T]: Schools should require uniforms. #thesis
      + [Survey]: Less teasing in 40 schools. #evidence {cite: "Doe 2019"}

FAIL::

    [T]: Schools should require uniforms. #thesis
      + [Survey]: Less teasing in 40 schools. #evidence {cite: "Doe 2019"}
      - [Cost]: Uniforms cost families money.
        + [Prices]: A set costs $200. #evidence {cite: "Roe 2021"}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.evaluate import Verdict
from argmap.explain import reason
from argmap.rules.base import Context, Finding, node_finding

CODE = "AM302"
NAME = "defeated-thesis"
SEVERITY = Severity.ERROR
SUMMARY = "A thesis is out or undecided."


def check(ctx: Context) -> Iterator[Finding]:
    ev = ctx.evaluation
    if ctx.no_evidence:
        # Under the evidence standard every thesis of a brief without evidence is out;
        # unsupported-claim says that once. Here, only what defeats a thesis even when
        # evidence is not needed.
        ev = ctx.dialectical
    for thesis in ctx.map.theses:
        if ev.verdicts[thesis.id] is Verdict.IN:
            continue
        yield node_finding(
            thesis, f"thesis {thesis.label} does not stand: {reason(ctx.map, ev, thesis.id)}"
        )
