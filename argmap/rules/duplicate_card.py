"""duplicate-card: the same card text under two tags.

One card cut twice under different tags is one piece of evidence counted twice: the two
tags look independent, but an indictment of the card answers both. The texts are compared
as read (marks, tags, spaces and letter case aside). Give the card one tag, and refer to
it by its title wherever else it is used.

PASS::

    [Shipping]: Arctic shipping will grow.
      + [Humpert]: Traffic grew by half. #card {cite: "Humpert 24, High North News, 2024"}

    [Trade]: Trade routes shift north.
      + [Humpert]

FAIL::

    [Shipping]: Arctic shipping will grow.
      + [Humpert]: Traffic grew by half. #card {cite: "Humpert 24, High North News, 2024"}

    [Trade]: Trade routes shift north.
      + [Routes]: ++Traffic grew by ==half==++. #card {cite: "Humpert 24, High North News, 2024"}
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress

from argmap.cards import comparable_text
from argmap.diagnostics import Severity
from argmap.model import Node
from argmap.rules.base import Context, Finding, node_finding

CODE = "AM208"
NAME = "duplicate-card"
SEVERITY = Severity.WARNING
SUMMARY = "The same card text is under two tags."


def check(ctx: Context) -> Iterator[Finding]:
    first: dict[str, Node] = {}  # by the text as read: the first card with it
    for node in compress(ctx.map.nodes, ctx.evidence):
        if not node.text:
            continue
        read = comparable_text(node)
        if not read:
            continue
        earlier = first.setdefault(read, node)
        if earlier is not node:
            yield node_finding(
                node,
                f"{node.label} has the same card text as {earlier.label}: one card under two tags",
                (earlier.span,),
            )
