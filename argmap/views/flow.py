"""``argmap flow``: the flow as columns, or as an indented thread on narrow terminals."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from argmap.evaluate import Verdict
from argmap.flow import Cell, Flow
from argmap.model import ArgumentMap
from argmap.views.text import MAX_WIDTH, Wrapped, clean, shorten
from argmap.views.trace import ASCII_VERDICT_SYMBOLS

__all__ = ["render_flow"]

_MIN_COLUMN = 18
_VERDICT = {
    Verdict.IN: ("✓", "green"),
    Verdict.OUT: ("✗ out", "red"),
    Verdict.UNDECIDED: ("?", "yellow"),
}


def _short(text: str | None, ascii_only: bool, limit: int = 70) -> str:
    return shorten(clean(text or ""), limit, "..." if ascii_only else "…")


def _cell_text(amap: ArgumentMap, cell: Cell, ascii_only: bool) -> Text:
    node = amap.node(cell.node)
    text = Text()
    if cell.verdict is not None:
        symbol, style = _VERDICT[cell.verdict]
        text.append(
            (ASCII_VERDICT_SYMBOLS[cell.verdict] if ascii_only else symbol) + " ", style=style
        )
    text.append(clean(node.label), style="bold")
    if node.text:
        text.append(" " + _short(node.text, ascii_only))
    for evidence_id in cell.evidence:
        evidence = amap.node(evidence_id)
        text.append("\n" + ("  * " if ascii_only else "  ▪ "), style="cyan")
        text.append(clean(evidence.label))
        citation = evidence.cite("; " if ascii_only else " · ")
        if citation:
            text.append(
                (": " if ascii_only else " — ") + _short(citation, ascii_only, 50), style="cyan"
            )
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
    """Columns when the terminal is wide enough, else one indented thread per row; at
    most :data:`MAX_WIDTH` columns wide. With ``ascii_only``, the lines and marks are
    ASCII (the brief's text is not changed)."""
    width = min(console.width, MAX_WIDTH)
    used = (
        max(
            (index for row in result.rows for index, cell in enumerate(row) if cell is not None),
            default=0,
        )
        + 1
    )
    if width >= used * _MIN_COLUMN:
        table = Table(show_lines=True, expand=True, box=box.ASCII if ascii_only else box.HEAVY_HEAD)
        for name in result.columns[:used]:
            # Cut words fold onto the next line: rich's "…" is not ASCII.
            table.add_column(name, ratio=1, overflow="fold" if ascii_only else "ellipsis")
        for row in result.rows:
            # Wrapped: a title can be megabytes long.
            table.add_row(
                *[Wrapped(_cell_text(amap, c, ascii_only)) if c else "" for c in row[:used]]
            )
        console.print(table, width=width)
        return
    for row in result.rows:
        for index, cell in enumerate(row):
            if cell is None:
                continue
            line = Text("  " * index)
            line.append(f"{result.columns[index]}: ", style="bold")
            line.append_text(_cell_text(amap, cell, ascii_only))
            console.print(Wrapped(line), width=width)
