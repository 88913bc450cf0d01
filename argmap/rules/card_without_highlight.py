"""card-without-highlight: a card cut (underlined) with nothing highlighted.

A card's highlighted words are what is read aloud in the round; with none, the whole card
is read, and its read time (``argmap stats``) counts every word. A card whose text is
underlined (``++…++``) has been cut, and one with nothing highlighted was most likely left
half done: mark what is read with ``==…==`` (see docs/cards.md). Evidence with no
underlining is a plain quotation, read whole (``**bold**`` alone is Markdown's, and
Argdown's, bold): not this rule's.

PASS::

    [Shipping]: Arctic shipping will grow.
      + [Humpert]: ++Traffic ==grew by half==++ last year. #card {cite: "Humpert 24"}

FAIL::

    [Shipping]: Arctic shipping will grow.
      + [Humpert]: ++Traffic grew by half++ last year. #card {cite: "Humpert 24"}
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress

from argmap.cards import card_text, runs
from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding, node_finding

CODE = "AM209"
NAME = "card-without-highlight"
SEVERITY = Severity.INFO
SUMMARY = "A card is underlined but has nothing highlighted, so all of it is read."


def check(ctx: Context) -> Iterator[Finding]:
    for node in compress(ctx.map.nodes, ctx.evidence):
        if not node.text or "++" not in node.text:
            continue  # nothing underlined: not a cut card
        parts = runs(card_text(node))
        cut = any(run.underline for run in parts)
        if cut and not any(run.highlight for run in parts):
            yield node_finding(
                node, f"nothing in {node.label} is highlighted: mark what is read with ==…=="
            )
