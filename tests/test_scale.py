"""Briefs far deeper than Python's recursion limit: 100,000-node chains of support and attack.

Loading, evaluating, explaining and checking such a brief must not recurse per node.
"""

from __future__ import annotations

import gc
import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

import argmap
from argmap.cli import main
from argmap.evaluate import Evaluation, Verdict, evaluate
from argmap.explain import explain, reason
from argmap.model import ArgumentMap, Node, build
from argmap.source import SourceText, Span
from argmap.stats import longest_support_chain
from argmap.syntax.parser import Occurrence, ParseResult
from argmap.views.trace import render_trace
from argmap.views.tree import render_tree

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")

SIZE = 100_000
# Variants that only re-check a rule: still ten times the recursion limit, but quicker.
SMALL = 10_000


def node_id(i: int) -> str:
    return f"statement:N{i}"


@contextmanager
def collector_off() -> Iterator[None]:
    """Large maps are built as the ``argmap`` command builds them, without the cyclic
    garbage collector (cli.entry_point), which would add a third to the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def loads_large(text: str) -> ArgumentMap:
    with collector_off():
        return argmap.loads(text)


def chain(marker: str, last: str, size: int = SIZE, mark: str = "") -> str:
    """N0 ← N1 ← … ← N{size-1}, each block relating N{i} to the next with ``marker``."""
    parts = [f"[N{i}]: Claim {i}.{mark}\n  {marker} [N{i + 1}]" for i in range(size - 1)]
    parts.append(f"[N{size - 1}]: {last}")
    return "\n\n".join(parts) + "\n"


def test_chains_are_deeper_than_the_recursion_limit() -> None:
    # One path of SMALL nodes: a visit that recursed per node would pass the limit.
    amap = argmap.loads(chain("+", "A hunch.", SMALL))
    assert longest_support_chain(amap) == SMALL > sys.getrecursionlimit()


# -- a support chain resting on evidence ----------------------------------------------------


@pytest.fixture(scope="module")
def support_chain() -> ArgumentMap:
    amap = loads_large(chain("+", 'A study. #evidence {cite: "Doe 2019"}'))
    assert not amap.diagnostics
    return amap


@pytest.fixture(scope="module")
def support_ev(support_chain: ArgumentMap) -> Evaluation:
    return evaluate(support_chain, "evidence")


def test_support_chain_is_read(support_chain: ArgumentMap) -> None:
    assert len(support_chain) == SIZE
    assert len(support_chain.edges) == SIZE - 1
    assert [n.id for n in support_chain.nodes if n.is_evidence] == [node_id(SIZE - 1)]
    assert [n.id for n in support_chain.theses] == [node_id(0)]
    edge = support_chain.edges[SIZE // 2]
    assert (edge.source, edge.target, edge.relation) == (
        node_id(SIZE // 2 + 1),
        node_id(SIZE // 2),
        "support",
    )


def test_support_chain_is_all_in(support_ev: Evaluation) -> None:
    assert support_ev.count(Verdict.IN) == SIZE
    assert len(support_ev.grounded) == SIZE
    assert support_ev.verdicts[node_id(0)] is Verdict.IN


def test_support_chain_is_all_in_under_dialectical(support_chain: ArgumentMap) -> None:
    assert evaluate(support_chain, "dialectical").count(Verdict.IN) == SIZE


def test_support_chain_without_evidence_is_all_out() -> None:
    # The same chain ending in an unsupported claim: nothing is grounded.
    amap = argmap.loads(chain("+", "A hunch.", SMALL))
    ev = evaluate(amap, "evidence")
    assert ev.count(Verdict.OUT) == SMALL
    assert ev.grounded == set()
    assert evaluate(amap, "dialectical").count(Verdict.IN) == SMALL


def test_support_chain_explained(support_chain: ArgumentMap, support_ev: Evaluation) -> None:
    explanation = explain(support_chain, support_ev, node_id(0))
    assert explanation.chains == [[node_id(i) for i in range(SIZE)]]
    assert reason(support_chain, support_ev, node_id(0)) == (
        "in: supported by [N1] (in), and no attacker"
    )


def test_support_chain_checked(support_chain: ArgumentMap) -> None:
    findings = argmap.check(support_chain)
    # Every claim hangs on the single claim below it; nothing else is wrong.
    assert {d.rule for d in findings} == {"single-point-of-failure"}
    assert all(d.severity is not argmap.Severity.ERROR for d in findings)


# -- an attack chain --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def attack_chain() -> ArgumentMap:
    amap = loads_large(chain("-", "Claim, unattacked."))
    assert not amap.diagnostics
    return amap


def alternating(ev: Evaluation, size: int = SIZE) -> None:
    # N{size-1} is unattacked, so in; each node below flips the one above it.
    for i in range(size):
        expected = Verdict.IN if (size - 1 - i) % 2 == 0 else Verdict.OUT
        assert ev.verdicts[node_id(i)] is expected, i
    assert ev.count(Verdict.IN) == size // 2
    assert ev.count(Verdict.OUT) == size // 2


def test_attack_chain_is_read(attack_chain: ArgumentMap) -> None:
    assert len(attack_chain) == SIZE
    assert len(attack_chain.edges) == SIZE - 1
    assert {edge.relation for edge in attack_chain.edges} == {"attack"}


def test_attack_chain_alternates_under_dialectical(attack_chain: ArgumentMap) -> None:
    ev = evaluate(attack_chain, "dialectical")
    alternating(ev)
    assert ev.verdicts[node_id(SIZE - 1)] is Verdict.IN
    assert ev.verdicts[node_id(0)] is Verdict.OUT


def test_attack_chain_of_claims_is_out_under_evidence(attack_chain: ArgumentMap) -> None:
    assert evaluate(attack_chain, "evidence").count(Verdict.OUT) == SIZE


def test_attack_chain_of_evidence_alternates_under_evidence() -> None:
    amap = argmap.loads(chain("-", "Study. #evidence", SMALL, " #evidence"))
    assert all(node.is_evidence for node in amap.nodes)
    alternating(evaluate(amap, "evidence"), SMALL)


def test_attack_chain_checked(attack_chain: ArgumentMap) -> None:
    findings = argmap.check(attack_chain, standard="dialectical")
    # The thesis N0 is the case; N{i} is on its side when i is even (an even number of
    # attacks from the thesis). Every claim of the case is unsupported; N0 falls to N1,
    # which stands; and only the last node's attack, on N{SIZE-2}, has no answer.
    expected = {("unsupported-claim", node_id(i)) for i in range(0, SIZE, 2)}
    expected |= {("defeated-thesis", node_id(0)), ("unanswered-rebuttal", node_id(SIZE - 1))}
    assert len(findings) == SIZE // 2 + 2
    assert {(d.rule, d.node) for d in findings} == expected
    defeated = [d for d in findings if d.rule == "defeated-thesis"]
    assert [d.message for d in defeated] == [
        "thesis [N0] does not stand: out: attacked by [N1], which stands (in)"
    ]


def test_attack_chain_checked_under_evidence(attack_chain: ArgumentMap) -> None:
    findings = argmap.check(attack_chain)
    # A brief without evidence: that is said once, at the first claim, not per claim.
    assert [(d.rule, d.node) for d in findings] == [
        ("unsupported-claim", node_id(0)),
        ("defeated-thesis", node_id(0)),
        ("unanswered-rebuttal", node_id(SIZE - 1)),
    ]
    assert findings[0].message.startswith("the brief marks no evidence, so under the evidence")
    assert findings[2].message == (
        f"[N{SIZE - 1}] attacks [N{SIZE - 2}] and nothing answers it: "
        f"add a response that attacks [N{SIZE - 1}]"
    )


def test_attack_chain_explained(attack_chain: ArgumentMap) -> None:
    ev = evaluate(attack_chain, "dialectical")
    assert reason(attack_chain, ev, node_id(0)) == "out: attacked by [N1], which stands (in)"
    assert reason(attack_chain, ev, node_id(1)) == (
        "in: nothing supports it, but nothing defeats it (every attacker is out; dialectical)"
    )


# -- many of one kind: each must take linear time ----------------------------------------------
# Sized so that a quadratic step (a test on a list per item) would take minutes.

MANY = 200_000


def _span(line: int) -> Span:
    return Span("<string>", line, 1, line, 2)


def test_a_claim_with_many_attackers() -> None:
    """200,000 attackers of one claim; the first three also contradict it (a pair of
    nodes is listed once)."""
    amap = ArgumentMap()
    with collector_off():
        amap.add_node(Node("statement:T", "T", "statement"))
        for i in range(MANY):
            amap.add_node(Node(f"statement:A{i}", f"A{i}", "statement"))
            amap.add_edge(f"statement:A{i}", "statement:T", "attack", None)
        for i in range(3):
            amap.add_edge(f"statement:A{i}", "statement:T", "contradiction", None)
    attackers = amap.adjacency.by_id(amap.adjacency.attackers)
    assert attackers["statement:T"] == [f"statement:A{i}" for i in range(MANY)]
    assert attackers["statement:A1"] == ["statement:T"]  # contradicted by [T]
    assert attackers["statement:A7"] == []
    assert amap.adjacency.by_id(amap.adjacency.attacks)["statement:A7"] == ["statement:T"]


def test_an_argument_of_many_inferences() -> None:
    """One argument reconstructed in 5,000 inferences, each naming its premise by ``uses``
    and undercut once: each step has its own premise and undercut. (That the time grows
    linearly with the steps, `python -m benchmarks` measures: "check, inferences of one
    argument".)"""
    count = 5_000
    lines = ["<A>: The argument.", ""]
    for i in range(count):
        lines += [f"({i + 1}) [P{i}]: p.", f"-- r {{uses: [{i + 1}]}} --", f"  <_ [U{i}]: u."]
    lines.append(f"({count + 1}) [C]: c.")
    text = "\n".join(lines) + "\n"
    amap = loads_large(text)
    argument = amap.node("argument:A")
    assert argument.steps == tuple(range(1, count + 1))
    assert argument.premises_of(count) == [f"statement:P{count - 1}"]
    with collector_off():
        result = CliRunner().invoke(main, ["check", "--format", "parsable", "-"], input=text)
    lines_out = result.output.splitlines()
    unanswered = [line for line in lines_out if line.endswith("(unanswered-rebuttal)")]
    assert len(unanswered) == count
    assert unanswered[-1].endswith(
        f"[U{count - 1}] undercuts the inference of <A> to [C] and nothing answers it: add a "
        f"response that attacks [U{count - 1}] (unanswered-rebuttal)"
    )
    assert not [line for line in lines_out if "unknown-premise" in line]


def test_a_title_written_many_times_with_many_tags_and_theses() -> None:
    """[T] written 200,000 times, each time with a new tag; front matter naming 200,000
    theses."""
    with collector_off():
        amap = _many_times()
    assert amap.node("statement:T").tags == ["t0", "shared", *[f"t{i}" for i in range(1, MANY)]]
    assert [node.id for node in amap.theses] == [
        *[f"statement:N{i}" for i in range(MANY)],
        "statement:T",
    ]


def _many_times() -> ArgumentMap:
    occurrences = [
        Occurrence(
            "statement",
            "T",
            False,
            i > 0,
            "Claim." if i == 0 else None,
            None,
            _span(i + 1),
            None,
            [f"t{i}", "shared"],
        )
        for i in range(MANY)
    ]
    occurrences += [
        Occurrence("statement", f"N{i}", False, False, "n", "n", _span(MANY + i + 1), None)
        for i in range(MANY)
    ]
    names = [f"N{i}" for i in range(MANY)] + ["N0", "T"]
    parsed = ParseResult(SourceText(""), {"thesis": names}, None, [], occurrences, [], [])
    return build(parsed)


BIG_LINE = 4_000_000  # characters in one statement's text: one word, no space to wrap at


@pytest.fixture(scope="module")
def big_line() -> ArgumentMap:
    return argmap.loads(f"[T]: {'x' * BIG_LINE} #thesis\n")


def _console(colour: bool) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    console = Console(
        file=out,
        width=100,
        force_terminal=colour,
        color_system="standard" if colour else None,
        highlight=False,
        markup=False,
        emoji=False,
    )
    return console, out


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "plain"])
def test_show_wraps_a_four_megabyte_line(big_line: ArgumentMap, colour: bool) -> None:
    console, out = _console(colour)
    render_tree(console, big_line)
    lines = [line.rstrip() for line in ANSI.sub("", out.getvalue()).splitlines()]
    # The title, then the word cut into lines of 100, then the tag.
    word = BIG_LINE // 100
    assert lines[: word + 3] == ["THESIS", "[T]", *["x" * 100] * word, " #thesis"]


def test_trace_wraps_a_four_megabyte_line(big_line: ArgumentMap) -> None:
    console, out = _console(True)
    render_trace(console, big_line, evaluate(big_line), "statement:T")
    lines = [line.rstrip() for line in ANSI.sub("", out.getvalue()).splitlines()]
    word = BIG_LINE // 100
    assert lines[: word + 2] == ["[T]", *["x" * 100] * word, " #thesis"]
    assert lines[word + 2] == "verdict: ✗ out (standard: evidence)"


def test_flow_of_a_brief_at_a_million_columns() -> None:
    """COLUMNS=1000000: at most 1,000 columns, not a 94 MB table of padding."""
    brief = (ROOT / "briefs" / "japan-rok-trilateral.argdown").read_text("utf-8")
    result = CliRunner().invoke(
        main, ["flow", "-"], input=brief, env={"COLUMNS": "1000000", "NO_COLOR": "1"}
    )
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) == 1000
    assert (lines[0][0], lines[0][-1], len(lines[0])) == ("┏", "┓", 1000)


@pytest.mark.parametrize("title", ["[T]: The claim.", "[T]"], ids=["definition", "reference"])
def test_one_line_with_many_distinct_tags_is_read(title: str) -> None:
    """A line with 200,000 different tags, after a definition (tags of a text) and after
    a reference (tags of the title alone): each tag kept once, in order."""
    tags = [f"t{i}" for i in range(MANY)]
    line = " ".join(f"#{tag}" for tag in [*tags, "t0", "t1"])  # two repeats, kept once
    amap = argmap.loads(f"{title} {line}\n")
    assert amap.node("statement:T").tags == tags
