"""pcs-numbering: the numbers of a premise–conclusion structure are out of sequence.

The statements of a premise–conclusion structure are numbered ``(1)``, ``(2)``, ``(3)``…
in order. Argdown ignores the numbers, but readers (and ``{uses: […]}`` data on an
inference line, which names premises by number) rely on them: a number repeated, skipped
or out of order makes "premise (3)" mean something other than what the writer sees.

PASS::

    <Uniforms>: Uniforms help students focus.

    (1) [Less Choice]: Uniforms leave nothing to choose in the morning.
    (2) [Choice Tires]: Choosing clothes tires students out.
    ----
    (3) [Focus]: Students focus better in uniform.

FAIL::

    <Uniforms>: Uniforms help students focus.

    (1) [Less Choice]: Uniforms leave nothing to choose in the morning.
    (1) [Choice Tires]: Choosing clothes tires students out.
    ----
    (3) [Focus]: Students focus better in uniform.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding

CODE = "AM108"
NAME = "pcs-numbering"
SEVERITY = Severity.WARNING
SUMMARY = "The statements of a premise–conclusion structure are not numbered 1, 2, 3… in order."


def check(ctx: Context) -> Iterator[Finding]:
    for node in ctx.map.nodes:
        for expected, member in enumerate(node.pcs, start=1):
            if member.number == expected:
                continue
            span = member.span or node.span
            earlier = [m.number for m in node.pcs[: expected - 1]]
            if member.number in earlier:
                problem = f"repeats ({member.number})"
            else:
                problem = f"is numbered ({member.number})"
            yield Finding(
                span,
                f"statement {expected} of the premise–conclusion structure of {node.label} "
                f"{problem}: number it ({expected}), so that the numbers name the statements "
                "in order",
                member.statement,
            )
            break  # the first slip says it; the numbers after it follow from it
