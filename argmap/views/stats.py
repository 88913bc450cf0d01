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
