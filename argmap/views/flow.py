"""``argmap flow``: the flow as columns, or as an indented thread on narrow terminals."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from argmap.evaluate import Verdict
from argmap.flow import Cell, Flow
from argmap.model import ArgumentMap
from argmap.views.text import clean, shorten

__all__ = ["render_flow"]

_MIN_COLUMN = 18
_VERDICT = {
    Verdict.IN: ("✓", "green"),
    Verdict.OUT: ("✗ out", "red"),
    Verdict.UNDECIDED: ("?", "yellow"),
}
_VERDICT_ASCII = {Verdict.IN: "+", Verdict.OUT: "x out", Verdict.UNDECIDED: "?"}


def _short(text: str | None, limit: int = 70) -> str:
    return shorten(clean(text or ""), limit)


def _cell_text(amap: ArgumentMap, cell: Cell, ascii_only: bool) -> Text:
    node = amap.node(cell.node)
    text = Text()
    if cell.verdict is not None:
        symbol, style = _VERDICT[cell.verdict]
        text.append((_VERDICT_ASCII[cell.verdict] if ascii_only else symbol) + " ", style=style)
    text.append(clean(node.label), style="bold")
    if node.text:
        text.append(" " + _short(node.text))
    for evidence_id in cell.evidence:
        evidence = amap.node(evidence_id)
        text.append("\n" + ("  * " if ascii_only else "  ▪ "), style="cyan")
        text.append(clean(evidence.label))
        if evidence.citation:
            text.append(" — " + _short(evidence.citation, 50), style="cyan")
    if cell.unanswered:
        text.append(
            "\n" + ("!! DROPPED: unanswered" if ascii_only else "⚠ DROPPED: unanswered"),
            style="bold yellow",
        )
    elif cell.answered:
        text.append("\n" + ("-> answered" if ascii_only else "↳ answered"), style="dim")
    if cell.overflow:
        text.append("\n(later speech)", style="dim")
    return text


def render_flow(
    console: Console, amap: ArgumentMap, result: Flow, ascii_only: bool = False
) -> None:
    """Columns when the terminal is wide enough, else one indented thread per row."""
    used = (
        max(
            (index for row in result.rows for index, cell in enumerate(row) if cell is not None),
            default=0,
        )
        + 1
    )
    if console.width >= used * _MIN_COLUMN:
        table = Table(show_lines=True, expand=True)
        for name in result.columns[:used]:
            table.add_column(name, ratio=1)
        for row in result.rows:
            table.add_row(*[_cell_text(amap, c, ascii_only) if c else Text("") for c in row[:used]])
        console.print(table)
        return
    for row in result.rows:
        for index, cell in enumerate(row):
            if cell is None:
                continue
            line = Text("  " * index)
            line.append(f"{result.columns[index]}: ", style="bold")
            line.append_text(_cell_text(amap, cell, ascii_only))
            console.print(line)
