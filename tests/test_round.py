"""The round standard: the worked examples in docs/semantics.md, turns, and what
``argmap flow`` and ``argmap weigh`` say about a round.

The expected verdicts are the tables on that page, worked out by hand from the rules it
states; this test reads the briefs and the tables from the page, so the documentation
and the evaluation cannot drift apart.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.evaluate import Standard, Verdict, evaluate
from tests.cli_runner import assert_no_traceback, run
from tests.test_evaluate_properties import Graph, blocks, graphs, labels, load, relations

IN, OUT, UNDECIDED = Verdict.IN, Verdict.OUT, Verdict.UNDECIDED

PAGE = Path(__file__).resolve().parents[1] / "docs" / "semantics.md"
_EXAMPLE = re.compile(r"```argdown\n(.*?)```\n\n((?:\|[^\n]*\n)+)", re.DOTALL)
_ROW = re.compile(r"\| `\[(.+?)\]` \| (\w+) \| (\w+) \| (\w+) \|")
STANDARDS = (Standard.EVIDENCE, Standard.DIALECTICAL, Standard.ROUND)


def _examples() -> list[tuple[str, str, dict[str, tuple[str, ...]]]]:
    page = PAGE.read_text(encoding="utf-8")
    section = page.split("### Worked examples", 1)[1].split("\n## ", 1)[0]
    found = []
    for heading in re.split(r"\n#### ", section)[1:]:
        name = heading.split("\n", 1)[0]
        for brief, table in _EXAMPLE.findall(heading):
            expected = {
                "statement:" + title: tuple(verdicts) for title, *verdicts in _ROW.findall(table)
            }
            found.append((name, brief, expected))
    return found


EXAMPLES = _examples()


def test_the_page_has_the_four_worked_examples() -> None:
    assert [name.split(".")[0] for name, _, _ in EXAMPLES] == ["1", "2", "3", "4"]
    for _, brief, expected in EXAMPLES:
        # Every node of the brief has its row.
        assert len(expected) == len(argmap.loads(brief).nodes)


@pytest.mark.parametrize(
    ("brief", "expected"),
    [pytest.param(brief, expected, id=name) for name, brief, expected in EXAMPLES],
)
@pytest.mark.parametrize("standard", STANDARDS)
def test_worked_example(
    brief: str, expected: dict[str, tuple[str, ...]], standard: Standard
) -> None:
    amap = argmap.loads(brief)
    assert not amap.has_errors, [d.message for d in amap.diagnostics]
    verdicts = evaluate(amap, standard).verdicts
    column = STANDARDS.index(standard)
    assert {node: verdicts[node].value for node in expected} == {
        node: row[column] for node, row in expected.items()
    }


def _example(number: str) -> str:
    return next(brief for name, brief, _ in EXAMPLES if name.startswith(number + "."))


# -- turns ------------------------------------------------------------------------------------


def test_a_turn_by_data_key_is_a_turn() -> None:
    brief = _example("3").replace(" #turn", " {turn: true}")
    verdicts = evaluate(argmap.loads(brief), Standard.ROUND).verdicts
    assert verdicts["statement:Plan"].value == "out"


def test_a_turn_that_fails_takes_nothing_with_it() -> None:
    # The impact turn is itself answered: the plan, whose advantage fell, falls; the
    # failed turn changes nothing (the disadvantage stands on its own answer's failure).
    brief = (
        _example("4") + "      - [Recession Bad]: A recession raises emissions: coal is cheaper.\n"
    )
    verdicts = evaluate(argmap.loads(brief), Standard.ROUND).verdicts
    assert {
        title: verdicts["statement:" + title].value
        for title in ("Recession Good", "Recession", "Plan")
    } == {"Recession Good": "out", "Recession": "in", "Plan": "out"}


def test_a_failed_turn_does_not_make_an_unsupported_claim_fall() -> None:
    # [Plan] has no support of its own: with the turn out, it stands as any unanswered
    # claim does (its only attacker is out), not "out for want of support".
    brief = (
        "[Plan]: Act. #thesis\n"
        "  - [DA]: Acting causes harm.\n"
        "    - [Turn]: The harm is good. #turn\n"
        "      - [No]: It is not good.\n"
        "    - [Answer]: There is no harm.\n"
    )
    verdicts = evaluate(argmap.loads(brief), Standard.ROUND).verdicts
    assert {node.split(":")[1]: v.value for node, v in verdicts.items()} == {
        "Plan": "in",
        "DA": "out",
        "Turn": "out",
        "No": "in",
        "Answer": "in",
    }


def test_many_turns_on_one_argument() -> None:
    # One added node per turned argument: 2,000 turns on one advantage, each answered.
    turns = "".join(
        f"    - [Turn {i}]: Turn {i}. #turn\n      - [Answer {i}]: No.\n" for i in range(2000)
    )
    brief = "[Plan]: Act. #thesis\n  + [Adv]: Good things.\n" + turns
    verdicts = evaluate(argmap.loads(brief), Standard.ROUND).verdicts
    assert verdicts["statement:Plan"].value == "in"
    assert verdicts["statement:Turn 7"].value == "out"


def test_trace_names_the_turn() -> None:
    result = run(["trace", "--standard", "round", "-", "Plan"], input=_example("4"))
    assert_no_traceback(result)
    assert "[Recession Good]" in result.stdout
    assert "because: supported by [Recession Good] (in), and every attacker is out" in (
        result.stdout
    )


# -- the flow of a round --------------------------------------------------------------------------


def test_a_dropped_analytic_counterplan_stands_and_the_flow_says_so() -> None:
    result = run(["flow", "--standard", "round", "--ascii", "-"], input=_example("1"))
    assert_no_traceback(result)
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if "[States CP]" in line)
    assert "(in) [States CP]" in row
    assert "dropped (conceded)" in result.stdout
    assert "(out) [Plan]" in result.stdout


# -- weigh ------------------------------------------------------------------------------------

WEIGH = (
    "[Plan]: The United States should adopt a carbon tax. #thesis\n"
    "  + [Warming]: A carbon tax slows warming. {impact: {magnitude: millions of lives, "
    "probability: high, timeframe: decades}}\n"
    "  + [Jobs]: A carbon tax creates green jobs. #impact\n"
    "    - [No Jobs]: Green jobs replace other jobs one for one.\n"
    "  - [Recession]: A carbon tax causes a recession. {impact: {magnitude: global downturn, "
    "probability: low, timeframe: 2 years}}\n"
    "    - [Offset]: Dividends offset the cost, but only partly. "
    "{impact: {magnitude: smaller downturn}}\n"
    "      - [Offset Fails]: Dividends come a year late. #turn\n"
    "  - [Rights]: A tax on energy infringes liberty. {impact: liberty}\n"
)


def test_weigh_shows_each_sides_standing_impacts_side_by_side() -> None:
    result = run(["weigh", "--ascii", "-"], input=WEIGH, env={"COLUMNS": "120"})
    assert_no_traceback(result)
    assert result.exit_code == 0
    out = result.stdout
    assert out.isascii()
    rows = {
        line.split("|")[2].strip(): line
        for line in out.splitlines()
        if line.startswith("| ") and "[" in line
    }
    # Standing impacts, with magnitude, probability and timeframe in their columns.
    assert [cell.strip() for cell in rows["[Warming]"].split("|")[1:-1]] == [
        "Aff",
        "[Warming]",
        "millions of lives",
        "high",
        "decades",
        "uncontested",
    ]
    assert [cell.strip() for cell in rows["[Recession]"].split("|")[1:-1]] == [
        "Neg",
        "[Recession]",
        "global downturn",
        "low",
        "2 years",
        "answered by [Offset]",
    ]
    assert [cell.strip() for cell in rows["[Rights]"].split("|")[1:-1]] == [
        "Neg",
        "[Rights]",
        "liberty",
        "not given",
        "not given",
        "uncontested",
    ]
    assert "[Jobs]" not in rows
    assert "Aff, not standing: [Jobs] (out); [Offset] (out)" in out
    assert "Aff, uncontested: [Warming]" in out
    assert "Neg, uncontested: [Rights]" in out
    assert "judge" in out


def test_weigh_json() -> None:
    result = run(["weigh", "--format", "json", "-"], input=WEIGH)
    assert_no_traceback(result)
    data = json.loads(result.stdout)
    assert data["standard"] == "round"
    aff, neg = data["sides"]
    assert (aff["side"], neg["side"]) == ("Aff", "Neg")
    assert [i["title"] for i in aff["stands"]] == ["Warming"]
    assert aff["stands"][0] == {
        "title": "Warming",
        "verdict": "in",
        "magnitude": "millions of lives",
        "probability": "high",
        "timeframe": "decades",
        "uncontested": True,
        "answers": [],
    }
    assert [i["title"] for i in neg["stands"]] == ["Recession", "Rights"]
    assert neg["stands"][0]["uncontested"] is False
    assert neg["stands"][0]["answers"] == ["statement:Offset"]
    assert [i["title"] for i in aff["others"]] == ["Jobs", "Offset"]


def test_weigh_in_public_forum_says_pro_and_con() -> None:
    brief = "===\nargmap: {flow-format: pf}\n===\n\n" + WEIGH
    result = run(["weigh", "--format", "json", "-"], input=brief)
    assert [side["side"] for side in json.loads(result.stdout)["sides"]] == ["Pro", "Con"]


# -- turns on generated briefs, against a brute-force reading of the rules --------------------

TURNS = settings(max_examples=400, deadline=None)


def _round_oracle(graph: Graph, turns: frozenset[int]) -> list[Verdict]:
    """The round standard's least fixpoint by brute force, from docs/semantics.md: each
    turned node X has a "not X", supported by the turns of X, that attacks what X
    supports and helps what X attacks (other than the turns of X)."""
    rel = relations(graph)
    size = graph.size
    attacks = [{t for t in range(size) if i in rel.attackers[t]} for i in range(size)]
    turns_of = {x: {t for t in turns if t in rel.attackers[x] and t != x} for x in range(size)}
    turned = [x for x in range(size) if turns_of[x]]
    negation = {x: size + k for k, x in enumerate(turned)}
    total = size + len(turned)
    attackers = [set(rel.attackers[i]) for i in range(size)] + [set() for _ in turned]
    supporters = [set(rel.supporters[i]) for i in range(size)] + [set() for _ in turned]
    helpers: list[set[int]] = [set() for _ in range(total)]
    for x in turned:
        supporters[negation[x]] = set(turns_of[x])
    for x in turned:
        supports = {y for y in range(total) if x in supporters[y]}
        for y in supports - turns_of[x]:
            attackers[y].add(negation[x])
        for y in attacks[x] - turns_of[x]:
            helpers[y].add(negation[x])
    evidence = list(graph.evidence) + [False] * len(turned)
    lab = [UNDECIDED] * total
    changed = True
    while changed:
        changed = False
        for i in range(total):
            if lab[i] is not UNDECIDED:
                continue
            is_in = all(lab[a] is OUT for a in attackers[i]) and (
                evidence[i]
                or any(lab[s] is IN for s in supporters[i] | helpers[i])
                or not supporters[i]
            )
            is_out = any(lab[a] is IN for a in attackers[i]) or (
                not evidence[i]
                and bool(supporters[i])
                and all(lab[s] is OUT for s in supporters[i] | helpers[i])
            )
            assert not (is_in and is_out), "the rules contradict each other"
            if is_in or is_out:
                lab[i] = IN if is_in else OUT
                changed = True
    return lab[:size]


@TURNS
@given(graph=graphs(), data=st.data())
def test_turns_on_generated_briefs_agree_with_the_rules(graph: Graph, data: st.DataObject) -> None:
    flags = data.draw(st.lists(st.booleans(), min_size=graph.size, max_size=graph.size))
    turns = frozenset(i for i, flag in enumerate(flags) if flag)
    parts = blocks(graph)
    for i in turns:
        parts[i] = parts[i].replace(f"Statement {i}.", f"Statement {i}. #turn", 1)
    amap = load(parts)
    assert labels(graph, evaluate(amap, Standard.ROUND)) == _round_oracle(graph, turns)
    if not turns:
        assert labels(graph, evaluate(amap, Standard.ROUND)) == labels(
            graph, evaluate(amap, Standard.DIALECTICAL)
        )
