"""stale-evidence: a card dated long before the brief.

Evidence ages: a card from years before a round can be answered by what happened since.
A card is stale when its cite is dated more than ``months`` (option, 24 by default)
months before the brief's date, front matter ``date:``, or before today when the brief
has none. A date given as a year or a month counts as its last day, so a card is never
taken for older than its cite says. A card without a date is incomplete-citation's.

Off unless selected (``--select stale-evidence``), since a brief without ``date:`` is
measured against today, which moves. Set the months in the settings::

    argmap:
      rules:
        stale-evidence: {months: 12}

PASS::

    ===
    date: 2025-01-15
    ===

    [Shipping]: Arctic shipping will grow.
      + [Humpert]: Traffic grew by half. #card {cite: "Humpert 24, High North News, 3-4-2024"}

FAIL::

    ===
    date: 2025-01-15
    ===

    [Shipping]: Arctic shipping will grow.
      + [Ragner]: Traffic will grow. #card {cite: "Ragner 08, Fridtjof Nansen Institute, 2008"}
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Iterator
from itertools import compress

from argmap.cards import cite_of, months_between, parse_date
from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding, node_finding
from argmap.rules.options import rule_options

CODE = "AM207"
NAME = "stale-evidence"
SEVERITY = Severity.INFO
SUMMARY = "A card is dated more than N months before the brief's date (off unless selected)."
OPTIONS = {"months": 24}
DEFAULT = False  # runs only when selected by name or code


def check(ctx: Context) -> Iterator[Finding]:
    months = rule_options(ctx, sys.modules[__name__])["months"]
    written = parse_date(ctx.map.front_matter.get("date"))
    if written is not None:
        when = datetime.date.fromisoformat(_first_day(written))
        against = f"the brief's date, {written}"
    else:
        when = datetime.date.today()
        against = "today"
    for node in compress(ctx.map.nodes, ctx.evidence):
        cite = cite_of(node.data, when)
        day = cite.day if cite is not None else None
        if cite is None or day is None:
            continue
        age = months_between(day, when)
        if age > months:
            yield node_finding(
                node,
                f"{node.label} ({cite.short()}) is dated {cite.date}, {age} months before "
                f"{against}: more than {months}",
            )


def _first_day(iso: str) -> str:
    """A brief dated by its year or month is measured from the first day of it."""
    parts = iso.split("-")
    return "-".join([*parts, *["01"] * (3 - len(parts))])
