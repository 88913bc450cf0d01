"""``argmap stats``: the numbers of a brief as a table."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from argmap.stats import Stats

__all__ = ["render_stats"]


def render_stats(console: Console, result: Stats, title: str | None = None) -> None:
    table = Table(title=title, show_header=False, box=None, pad_edge=False)
    table.add_column("what", style="bold")
    table.add_column("count", justify="right")
    table.add_column("note", style="dim")
    rows: list[tuple[str, str, str]] = [
        ("theses", str(result.theses), ""),
        ("claims", str(result.claims), ""),
        ("evidence", str(result.evidence), ""),
        ("arguments", str(result.arguments), "of the nodes above"),
    ]
    if result.reconstructed:
        rows += [
            ("reconstructed arguments", str(result.reconstructed), "premise–conclusion"),
            ("inferences", str(result.inferences), "in their structures"),
        ]
    rows.append(("sections", str(result.sections), ""))
    for relation, count in result.relations.items():
        rows.append((f"{relation} relations", str(count), ""))
    rows += [
        (
            "claims grounded in evidence",
            f"{result.grounded_claims}/{result.claims}",
            f"{result.grounded_share:.0%}",
        ),
        ("longest support chain", str(result.longest_support_chain), "nodes"),
        ("unanswered rebuttals", str(result.unanswered_rebuttals), ""),
        ("undefined references", str(result.undefined), ""),
    ]
    for verdict, count in result.verdicts.items():
        rows.append((f"verdict {verdict}", str(count), ""))
    for severity, count in result.findings.items():
        rows.append((f"findings: {severity}", str(count), ""))
    for row in rows:
        table.add_row(*row)
    console.print(table)
    if result.cards:
        console.print(f"\ncards, read at {result.words_per_minute} words a minute:")
        console.print(_cards_table(result))


def _cards_table(result: Stats) -> Table:
    """Each card's words and how long it takes to read: the highlighted words, or all of
    them when nothing is highlighted."""
    table = Table(box=None, pad_edge=False)
    table.add_column("card", style="bold")
    table.add_column("words", justify="right")
    table.add_column("read", justify="right")
    table.add_column("time", justify="right")
    for card in result.cards:
        read = f"{card.words} highlighted" if card.highlighted else "all"
        table.add_row(card.tag, str(card.total_words), read, _minutes(card.seconds))
    total = sum(card.seconds for card in result.cards)
    table.add_row("all cards", "", "", _minutes(total), style="dim")
    return table


def _minutes(seconds: float) -> str:
    """``m:ss``, rounded to the nearest second."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
