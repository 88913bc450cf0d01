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

from bisect import insort
from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding

CODE = "AM109"
NAME = "unknown-premise"
SEVERITY = Severity.WARNING
SUMMARY = "An inference's uses names a number that no statement above it has."


# How many of the numbers above an inference a message lists.
_SHOWN = 10


def check(ctx: Context) -> Iterator[Finding]:
    for node in ctx.map.nodes:
        above: set[int] = set()  # the numbers of the members before this one
        smallest: list[int] = []  # the _SHOWN smallest of them, in order, for the message
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
                    numbers = ", ".join(f"({number})" for number in smallest)
                    if len(above) > len(smallest):
                        numbers += f", and {len(above) - len(smallest)} more"
                    yield Finding(
                        inference.span,
                        f"the inference of {node.label} to {ctx.title(member.statement)} "
                        f"uses {listed}, but the statements above it are {numbers}",
                        node.id,
                    )
            if member.number not in above:
                above.add(member.number)
                insort(smallest, member.number)
                del smallest[_SHOWN:]
