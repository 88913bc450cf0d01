"""``argmap trace``: one node's verdict, explained."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from argmap.evaluate import ASCII_VERDICT_SYMBOLS, VERDICT_SYMBOLS, Evaluation, Verdict
from argmap.explain import explain, reason, why_broken
from argmap.model import ArgumentMap
from argmap.views.text import Wrapped, clean

__all__ = [
    "ASCII_VERDICT_SYMBOLS",
    "VERDICT_STYLES",
    "VERDICT_SYMBOLS",
    "explanation_lines",
    "render_trace",
]

# Symbols that read without colour.
VERDICT_STYLES = {Verdict.IN: "bold green", Verdict.OUT: "bold red", Verdict.UNDECIDED: "yellow"}


def _verdict(verdict: Verdict) -> Text:
    return Text(f"{VERDICT_SYMBOLS[verdict]} {verdict.value}", style=VERDICT_STYLES[verdict])


def explanation_lines(amap: ArgumentMap, ev: Evaluation, node_id: str) -> list[str]:
    """The reasoning behind a verdict as plain lines (for ``check --explain``)."""
    result = explain(amap, ev, node_id)
    lines = [f"why: {amap.node(node_id).label} is {result.reason}"]
    for chain in result.chains:
        lines.append("support: " + " ⇐ ".join(amap.node(n).label for n in chain))
    for broken in result.broken:
        lines.append(f"support: {amap.node(broken).label} has no evidence below it")
    for attacker, verdict in result.attackers:
        lines.append(f"attacked by {amap.node(attacker).label} ({verdict.value})")
    for step in result.steps:
        lines.append(f"inference: {step.reason}")
    return lines


def _print(console: Console, text: Text) -> None:
    # Wrapped: a line of the brief can be megabytes long.
    console.print(Wrapped(text))


def render_trace(console: Console, amap: ArgumentMap, ev: Evaluation, node_id: str) -> None:
    node = amap.node(node_id)
    result = explain(amap, ev, node_id)
    head = Text()
    head.append(clean(node.label), style="bold")
    if node.text:
        head.append(" " + clean(node.text))
    _print(console, head)
    line = Text("verdict: ")
    line.append_text(_verdict(result.verdict))
    line.append(f" (standard: {ev.standard.value})", style="dim")
    _print(console, line)
    _print(console, Text("because: " + clean(result.reason.split(": ", 1)[-1])))
    kind = "evidence" if node.is_evidence else "claim"
    grounded = "grounded in evidence" if node_id in ev.grounded else "not grounded in evidence"
    _print(console, Text(f"kind: {kind}, {grounded}", style="dim"))

    _print(console, Text("\nSupport", style="bold underline"))
    if node.is_evidence:
        _print(
            console,
            Text(f"  {clean(node.label)} is evidence: " + clean(node.citation or "no citation")),
        )
    if node.pcs:
        _print(console, Text("  it rests on the premises of its inferences (below)"))
    elif not result.supporters:
        _print(console, Text("  nothing supports it"))
    for chain in result.chains:
        text = Text("  ")
        for index, step in enumerate(chain):
            if index:
                text.append(" ⇐ ", style="dim")
            text.append(clean(amap.node(step).label))
            text.append(
                f" {VERDICT_SYMBOLS[ev.verdicts[step]]}", style=VERDICT_STYLES[ev.verdicts[step]]
            )
        _print(console, text)
    for broken in result.broken:
        text = Text("  ")
        text.append(clean(amap.node(broken).label))
        text.append(" — the chain breaks here: ", style="dim")
        text.append(clean(why_broken(amap, ev, broken, node_id)))
        _print(console, text)

    if result.steps:
        _print(console, Text("\nInferences", style="bold underline"))
    for inference in result.steps:
        argument = amap.node(inference.argument)
        member = argument.pcs[inference.step]
        text = Text("  ")
        text.append(
            clean(f"{argument.label} ({member.number}) {amap.node(inference.conclusion).label}")
        )
        text.append(" ")
        text.append_text(_verdict(inference.verdict))
        _print(console, text)
        for label, items in (
            ("premises", inference.premises),
            ("undercut by", inference.undercutters),
        ):
            if not items:
                continue
            text = Text(f"    {label}: ", style="dim")
            for index, (other, verdict) in enumerate(items):
                if index:
                    text.append(", ")
                text.append(clean(amap.node(other).label))
                text.append(f" {VERDICT_SYMBOLS[verdict]}", style=VERDICT_STYLES[verdict])
            _print(console, text)
        _print(console, Text("    " + clean(inference.reason), style="dim"))

    _print(console, Text("\nAttackers", style="bold underline"))
    if not result.attackers:
        _print(console, Text("  nothing attacks it"))
    for attacker, verdict in result.attackers:
        text = Text("  ")
        text.append(clean(amap.node(attacker).label))
        text.append(" ")
        text.append_text(_verdict(verdict))
        text.append(" — " + clean(reason(amap, ev, attacker)), style="dim")
        _print(console, text)
