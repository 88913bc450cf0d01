"""unused-premise: a premise that no inference of its structure uses.

When an inference line names its premises with ``{uses: […]}``, a premise that no
inference names plays no part in the argument: it is either missing from a ``uses`` list
or not needed. (Without ``uses`` every premise is used by the inference below it.)

PASS::

    <Uniforms>: Uniforms help students focus.

    (1) [Less Choice]: Uniforms leave nothing to choose in the morning.
    (2) [Choice Tires]: Choosing clothes tires students out.
    -- {uses: [1, 2]} --
    (3) [Focus]: Students focus better in uniform.

FAIL::

    <Uniforms>: Uniforms help students focus.

    (1) [Less Choice]: Uniforms leave nothing to choose in the morning.
    (2) [Choice Tires]: Choosing clothes tires students out.
    -- {uses: [1]} --
    (3) [Focus]: Students focus better in uniform.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding

CODE = "AM110"
NAME = "unused-premise"
SEVERITY = Severity.WARNING
SUMMARY = "A premise of a premise–conclusion structure is used by no inference."


def check(ctx: Context) -> Iterator[Finding]:
    for node in ctx.map.nodes:
        if not node.pcs:
            continue
        used: set[str] = set()
        for index in node.steps:
            used.update(node.premises_of(index))
        for member in node.pcs:
            if member.inference is None and member.statement not in used:
                yield Finding(
                    member.span or node.span,
                    f"premise ({member.number}) {ctx.title(member.statement)} of {node.label} "
                    "is used by no inference: add it to the uses of the inference it "
                    "supports, or remove it",
                    member.statement,
                )
