"""incomplete-citation: a card whose cite leaves out a part the citation style needs.

A cite is read field by field (see docs/cards.md): a debate cite string such as
``Humpert 24, senior fellow at the Arctic Institute, "Title," High North News, 3-4-2024,
https://…``, or a mapping with ``author``, ``quals``, ``date``, ``title``, ``source``,
``url`` and ``accessed``. Which fields a cite needs is the option ``style``:

- ``short``: author and date;
- ``debate`` (the default): author, date and source (a publication or a web address);
- ``full``: author, qualifications, date, title, source and web address, and for a web
  address the date it was accessed.

A cite that says it has no date (``ND``, "No Date", ``n.d.``) gives its date. A card with
no citation at all is missing-citation's, not this rule's. Off unless selected
(``--select incomplete-citation``), since briefs often cite a card by author and year
alone; choose the style in the settings::

    argmap:
      rules:
        incomplete-citation: {style: full}

PASS::

    [Shipping]: Arctic shipping will grow.
      + [Humpert]: Traffic grew by half. #card {cite: "Humpert 24, High North News, 3-4-2024"}

FAIL::

    [Shipping]: Arctic shipping will grow.
      + [Humpert]: Traffic grew by half. #card {cite: "Humpert 24"}
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import compress

from argmap.cards import Cite, cite_of
from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding, node_finding
from argmap.rules.options import rule_options

CODE = "AM206"
NAME = "incomplete-citation"
SEVERITY = Severity.WARNING
SUMMARY = "A card's cite leaves out its author, date or source (off unless selected)."
DEFAULT = False  # runs only when selected by name or code
OPTIONS = {"style": "debate"}
CHOICES = {"style": ("short", "debate", "full")}

# The fields each style needs, in the order a message names them.
_NEEDS = {
    "short": ("author", "date"),
    "debate": ("author", "date", "source"),
    "full": ("author", "quals", "date", "title", "source", "url"),
}


def check(ctx: Context) -> Iterator[Finding]:
    style = rule_options(ctx, sys.modules[__name__])["style"]
    needs = _NEEDS[style]
    for node in compress(ctx.map.nodes, ctx.evidence):
        cite = cite_of(node.data)
        if cite is None:
            continue  # no citation at all: missing-citation
        missing = missing_fields(cite, needs)
        if missing:
            yield node_finding(
                node,
                f"the cite of {node.label} has no {_listed(missing)} (citation style "
                f"{style}: {', '.join(needs)})",
            )


def missing_fields(cite: Cite, needs: tuple[str, ...]) -> list[str]:
    """The fields of ``needs`` that ``cite`` does not give."""
    missing: list[str] = []
    for name in needs:
        if name == "date":
            given = cite.date is not None or cite.undated
        elif name == "source" and "url" not in needs:
            given = cite.source is not None or cite.url is not None
        else:
            given = getattr(cite, name) is not None
        if not given:
            missing.append(name)
    if "url" in needs and cite.url is not None and cite.accessed is None:
        missing.append("accessed date")
    return missing


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
