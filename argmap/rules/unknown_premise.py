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
        above: set[int] = set()  # the numbers of the members before this one
        for member in node.pcs:
            inference = member.inference
            uses = inference.data.get("uses") if inference is not None else None
            if inference is not None and uses is not None:
                if not isinstance(uses, list):
                    uses = [uses]
                unknown = [
                    str(number)
                    for number in uses
                    if not isinstance(number, int)
                    or isinstance(number, bool)
                    or number not in above
                ]
                if unknown:
                    listed = ", ".join(f"({number})" for number in unknown)
                    yield Finding(
                        inference.span,
                        f"the inference of {node.label} to {ctx.title(member.statement)} "
                        f"uses {listed}, but the statements above it are {_listed(above)}",
                        node.id,
                    )
            above.add(member.number)


def _listed(numbers: set[int], shown: int = 10) -> str:
    """The numbers in order, ``(1), (2), (3)``; a long list cut short, so that a message
    stays a line: ``(1), (2), … (9), and 40 more``."""
    ordered = sorted(numbers)
    listed = ", ".join(f"({number})" for number in ordered[:shown])
    if len(ordered) > shown:
        listed += f", and {len(ordered) - shown} more"
    return listed
