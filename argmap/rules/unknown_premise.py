"""unknown-premise: an inference's ``uses`` names a statement that is not above it.

``{uses: [1, 2]}`` on an inference line names the premises the inference starts from, by
their numbers. A number that no statement above the inference line has (a typo, or a
statement renumbered since) leaves the inference without that premise: argmap evaluates
the inference on the premises it can find.

PASS::

    <Uniforms>: Uniforms help students focus.

    (1) [Less Choice]: Uniforms leave nothing to choose in the morning.
    (2) [Choice Tires]: Choosing clothes tires students out.
    -- modus ponens {uses: [1, 2]} --
    (3) [Focus]: Students focus better in uniform.

FAIL::

    <Uniforms>: Uniforms help students focus.

    (1) [Less Choice]: Uniforms leave nothing to choose in the morning.
    (2) [Choice Tires]: Choosing clothes tires students out.
    -- modus ponens {uses: [1, 4]} --
    (3) [Focus]: Students focus better in uniform.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding

CODE = "AM109"
NAME = "unknown-premise"
SEVERITY = Severity.WARNING
SUMMARY = "An inference's uses names a number that no statement above it has."


def check(ctx: Context) -> Iterator[Finding]:
    for node in ctx.map.nodes:
        if not node.pcs:
            continue
        for index in node.steps:
            inference = node.pcs[index].inference
            if inference is None:
                continue
            uses = inference.data.get("uses")
            if uses is None:
                continue
            if not isinstance(uses, list):
                uses = [uses]
            above = {member.number for member in node.pcs[:index]}
            unknown = [
                str(number)
                for number in uses
                if not isinstance(number, int) or isinstance(number, bool) or number not in above
            ]
            if unknown:
                listed = ", ".join(f"({number})" for number in unknown)
                numbers = ", ".join(f"({number})" for number in sorted(above))
                yield Finding(
                    inference.span,
                    f"the inference of {node.label} to "
                    f"{ctx.title(node.pcs[index].statement)} uses {listed}, but the "
                    f"statements above it are {numbers}",
                    node.id,
                )
