"""``argmap weigh``: each side's impacts that stand, their weighing data side by side,
and which of them are uncontested."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from argmap.model import ArgumentMap
from argmap.views.flow_sheets import to_ascii
from argmap.views.text import Wrapped, clean
from argmap.weigh import FIELDS, Impact, Weighing

__all__ = ["render_weighing"]

_NOT_GIVEN = "not given"


def render_weighing(
    console: Console, amap: ArgumentMap, result: Weighing, ascii_only: bool = False
) -> None:
    """One table: for each side, the impacts that stand with magnitude, probability and
    timeframe in columns, and whether the other side answers each; then the impacts that
    do not stand, and the uncontested ones by side."""

    def shown(text: str) -> str:
        text = clean(text)
        return to_ascii(text) if ascii_only else text

    def answered(impact: Impact) -> str:
        if impact.uncontested:
            return "uncontested"
        return "answered by " + ", ".join(shown(amap.node(a).label) for a in impact.answers)

    table = Table(
        title=f"Impacts that stand ({result.standard} standard)",
        box=box.ASCII if ascii_only else box.HEAVY_HEAD,
        show_lines=True,
    )
    for header in ("side", "impact", *FIELDS, "answered"):
        table.add_column(header, overflow="fold")
    for side in result.sides:
        for impact in side.stands:
            table.add_row(
                side.side,
                Wrapped(Text(shown(amap.node(impact.node).label), style="bold")),
                *[Wrapped(Text(shown(impact.data[name] or _NOT_GIVEN))) for name in FIELDS],
                answered(impact),
            )
        if not side.stands:
            table.add_row(side.side, Text("no impact stands", style="dim"), *[""] * 4)
    console.print(table)
    for side in result.sides:
        if side.others:
            fallen = [f"{shown(amap.node(i.node).label)} ({i.verdict.value})" for i in side.others]
            console.print(Wrapped(Text(f"{side.side}, not standing: " + "; ".join(fallen))))
    for side in result.sides:
        free = [shown(amap.node(i.node).label) for i in side.stands if i.uncontested]
        console.print(
            Wrapped(Text(f"{side.side}, uncontested: " + ("; ".join(free) if free else "none")))
        )
    console.print(
        Text("argmap shows the weighing; which impact outweighs is the judge's call.", style="dim")
    )
