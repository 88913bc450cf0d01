"""``argmap flow``: the flow as columns, or as an indented thread on narrow terminals."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from argmap.evaluate import ASCII_VERDICT_SYMBOLS, Verdict
from argmap.flow import Cell, Flow, Mark
from argmap.model import ArgumentMap
from argmap.views.flow_sheets import VERDICTS, cell_lines, minutes
from argmap.views.text import MAX_WIDTH, Wrapped

__all__ = ["render_flow"]

_MIN_COLUMN = 18
_VERDICT_STYLES = {Verdict.IN: "green", Verdict.OUT: "red", Verdict.UNDECIDED: "yellow"}
_LINE_STYLES = {"card": "cyan", "overflow": "dim"}


def _cell_text(amap: ArgumentMap, cell: Cell, ascii_only: bool) -> Text:
    text = Text()
    for index, line in enumerate(cell_lines(amap, cell, ascii_only, limit=70)):
        if index:
            text.append("\n")
        if line.kind == "argument" and cell.verdict is not None:
            verdict = (ASCII_VERDICT_SYMBOLS if ascii_only else VERDICTS)[cell.verdict]
            text.append(verdict, style=_VERDICT_STYLES[cell.verdict])
            text.append(line.text[len(verdict) :])
        elif line.kind == "card":
            text.append("  " + line.text, style="cyan")
        elif line.kind == "marks":
            style = "bold yellow" if Mark.DROPPED in cell.marks else "dim"
            text.append(line.text, style=style)
        else:
            text.append(line.text, style=_LINE_STYLES.get(line.kind, ""))
    return text


def render_flow(
    console: Console,
    amap: ArgumentMap,
    result: Flow,
    ascii_only: bool = False,
    words_per_minute: int = 250,
) -> None:
    """Columns when the terminal is wide enough, else one indented thread per row; at
    most :data:`MAX_WIDTH` columns wide; each speech's read time at the foot. With
    ``ascii_only``, every character is ASCII (the brief's text transliterated)."""
    from argmap.cards import read_time
    from argmap.flow import speech_words

    times = [minutes(read_time(w, words_per_minute)) for w in speech_words(amap, result)]
    headers = [f"{name} ({side})" for name, side in zip(result.columns, result.sides, strict=True)]
    width = min(console.width, MAX_WIDTH)
    used = (
        max(
            (index for row in result.rows for index, cell in enumerate(row) if cell is not None),
            default=0,
        )
        + 1
    )
    if width >= used * _MIN_COLUMN:
        table = Table(
            show_lines=True,
            show_footer=True,
            expand=True,
            box=box.ASCII if ascii_only else box.HEAVY_HEAD,
        )
        for name, time in zip(headers[:used], times, strict=False):
            # Cut words fold onto the next line: rich's "…" is not ASCII.
            table.add_column(
                name,
                footer=f"read time {time}",
                ratio=1,
                overflow="fold" if ascii_only else "ellipsis",
            )
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
            line.append(f"{headers[index]}: ", style="bold")
            line.append_text(_cell_text(amap, cell, ascii_only))
            console.print(Wrapped(line), width=width)
    spoken = [f"{header} {time}" for header, time in zip(headers[:used], times, strict=False)]
    console.print(Wrapped(Text("read time: " + "; ".join(spoken), style="dim")), width=width)
