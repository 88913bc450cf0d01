"""The labelling of argmap.evaluate on small worked examples and on the seed brief."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

import argmap
from argmap.evaluate import Evaluation, Standard, Verdict, evaluate
from argmap.explain import explain, reason
from argmap.model import ArgumentMap

BRIEFS = Path(__file__).resolve().parent.parent / "briefs"
SEED = BRIEFS / "japan-rok-trilateral.argdown"

STANDARDS = ["evidence", "dialectical"]


def sid(title: str) -> str:
    return f"statement:{title}"


def verdicts(text: str, standard: str) -> dict[str, str]:
    """Title → verdict value of every node of the brief ``text``."""
    amap = argmap.loads(text)
    assert not amap.diagnostics, amap.diagnostics
    ev = evaluate(amap, standard)
    return {node.title: ev.verdicts[node.id].value for node in amap.nodes}


# -- the six worked examples ---------------------------------------------------------------

EXAMPLE_1 = """\
[C]: Uniforms reduce costs.
  + [E]: Doe 2019 surveyed 40 schools. #evidence {cite: "Doe 2019"}
"""


@pytest.mark.parametrize("standard", STANDARDS)
def test_example_1_evidence_supports_claim(standard: str) -> None:
    assert verdicts(EXAMPLE_1, standard) == {"C": "in", "E": "in"}


def test_example_1_grounded_and_relations() -> None:
    amap = argmap.loads(EXAMPLE_1)
    ev = evaluate(amap, "evidence")
    assert ev.grounded == {sid("C"), sid("E")}
    assert ev.supporters[sid("C")] == [sid("E")]
    assert ev.supporters[sid("E")] == []
    assert ev.attackers[sid("C")] == []
    assert ev.reasons[sid("E")] == "evidence"
    assert ev.reasons[sid("C")] == "supported"


EXAMPLE_2 = "[C]: Uniforms reduce costs.\n"


def test_example_2_unsupported_claim_is_out_under_evidence() -> None:
    assert verdicts(EXAMPLE_2, "evidence") == {"C": "out"}


def test_example_2_unsupported_claim_is_in_under_dialectical() -> None:
    assert verdicts(EXAMPLE_2, "dialectical") == {"C": "in"}


def test_default_standard_is_evidence() -> None:
    amap = argmap.loads(EXAMPLE_2)
    ev = evaluate(amap)
    assert ev.standard is Standard.EVIDENCE
    assert ev.verdicts[sid("C")] is Verdict.OUT


EXAMPLE_3 = """\
[T]: Schools should require uniforms. #thesis
  + [E1]: Doe 2019 found lower costs. #evidence {cite: "Doe 2019"}
  - [R]: Uniforms cost families more.
    + [E2]: Roe 2020 found higher costs. #evidence {cite: "Roe 2020"}
"""


@pytest.mark.parametrize("standard", STANDARDS)
def test_example_3_supported_rebuttal_defeats_thesis(standard: str) -> None:
    assert verdicts(EXAMPLE_3, standard) == {"T": "out", "E1": "in", "R": "in", "E2": "in"}


EXAMPLE_4 = (
    EXAMPLE_3
    + """    - [S]: Roe 2020 counted optional extras.
      + [E3]: Roe 2020, table 2, lists blazers. #evidence {cite: "Roe 2020, t. 2"}
"""
)


@pytest.mark.parametrize("standard", STANDARDS)
def test_example_4_response_reinstates_thesis(standard: str) -> None:
    assert verdicts(EXAMPLE_4, standard) == {
        "T": "in",
        "E1": "in",
        "R": "out",
        "E2": "in",
        "S": "in",
        "E3": "in",
    }


def test_example_4_reasons() -> None:
    amap = argmap.loads(EXAMPLE_4)
    ev = evaluate(amap, "evidence")
    assert ev.reasons[sid("R")] == "attacked"
    assert ev.reasons[sid("T")] == "supported"
    assert ev.attackers[sid("T")] == [sid("R")]
    assert ev.attackers[sid("R")] == [sid("S")]


EXAMPLE_5_CONTRADICTION = """\
[A]: Doe 2019 found lower costs. #evidence {cite: "Doe 2019"}
  >< [B]: Roe 2020 found higher costs. #evidence {cite: "Roe 2020"}
"""

EXAMPLE_5_MUTUAL_ATTACK = """\
[A]: Doe 2019 found lower costs. #evidence {cite: "Doe 2019"}
  - [B]: Roe 2020 found higher costs. #evidence {cite: "Roe 2020"}

[B]
  - [A]
"""


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize(
    "text", [EXAMPLE_5_CONTRADICTION, EXAMPLE_5_MUTUAL_ATTACK], ids=["contradiction", "attacks"]
)
def test_example_5_mutual_attack_is_undecided(text: str, standard: str) -> None:
    assert verdicts(text, standard) == {"A": "undecided", "B": "undecided"}


def test_example_5_contradiction_is_symmetric() -> None:
    amap = argmap.loads(EXAMPLE_5_CONTRADICTION)
    [edge] = amap.edges
    assert edge.relation == "contradiction"
    assert {edge.source, edge.target} == {sid("A"), sid("B")}
    ev = evaluate(amap, "evidence")
    assert ev.attackers[sid("A")] == [sid("B")]
    assert ev.attackers[sid("B")] == [sid("A")]


def test_example_5_contradiction_with_one_side_defeated() -> None:
    # The contradiction is an attack both ways: when one side is defeated, the other stands.
    text = EXAMPLE_5_CONTRADICTION + (
        '\n[B]\n  - [C]: Roe 2020 was retracted. #evidence {cite: "Retraction Watch"}\n'
    )
    assert verdicts(text, "evidence") == {"A": "in", "B": "out", "C": "in"}


EXAMPLE_6 = """\
[C1]: Uniforms reduce teasing.
  + [C2]: Uniforms hide income differences.
    + [C1]
"""


def test_example_6_circular_support_is_out_under_evidence() -> None:
    assert verdicts(EXAMPLE_6, "evidence") == {"C1": "out", "C2": "out"}


def test_example_6_circular_support_is_undecided_under_dialectical() -> None:
    assert verdicts(EXAMPLE_6, "dialectical") == {"C1": "undecided", "C2": "undecided"}


def test_example_6_circle_resting_on_evidence_is_in() -> None:
    # The circle alone is not enough, but one piece of evidence under it grounds both.
    text = EXAMPLE_6 + '\n[C2]\n  + [E]: Doe 2019. #evidence {cite: "Doe 2019"}\n'
    for standard in STANDARDS:
        assert verdicts(text, standard) == {"C1": "in", "C2": "in", "E": "in"}


# -- support -------------------------------------------------------------------------------

DEFEATED_SUPPORT = """\
[C]: Uniforms reduce costs.
  + [E]: Doe 2019 found lower costs. #evidence {cite: "Doe 2019"}
    - [A]: Doe 2019 was retracted. #evidence {cite: "Retraction Watch"}
"""


@pytest.mark.parametrize("standard", STANDARDS)
def test_claim_whose_supporters_are_all_out_is_out(standard: str) -> None:
    assert verdicts(DEFEATED_SUPPORT, standard) == {"C": "out", "E": "out", "A": "in"}
    amap = argmap.loads(DEFEATED_SUPPORT)
    ev = evaluate(amap, standard)
    assert ev.reasons[sid("C")] == "supporters-out"
    # Grounded (a chain of support reaches evidence), and still out.
    assert sid("C") in ev.grounded
    assert reason(amap, ev, sid("C")) == "out: every supporter is out ([E])"


@pytest.mark.parametrize("standard", STANDARDS)
def test_one_standing_supporter_is_enough(standard: str) -> None:
    text = DEFEATED_SUPPORT + '  + [F]: Roe 2020 found lower costs. #evidence {cite: "Roe"}\n'
    assert verdicts(text, standard) == {"C": "in", "E": "out", "A": "in", "F": "in"}


@pytest.mark.parametrize("standard", STANDARDS)
def test_defeat_propagates_up_a_support_chain(standard: str) -> None:
    text = (
        "[T]: Thesis.\n  + [C]: Claim.\n    + [E]: Study. #evidence\n"
        "      - [A]: Retraction. #evidence\n"
    )
    assert verdicts(text, standard) == {"T": "out", "C": "out", "E": "out", "A": "in"}


# -- evidence ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "marking",
    ["#evidence", "#card", '{cite: "Doe 2019"}', '{source: "Doe 2019"}', '{url: "x.org"}'],
)
def test_every_way_of_marking_evidence_grounds_a_claim(marking: str) -> None:
    text = f"[C]: Uniforms reduce costs.\n  + [E]: Doe 2019. {marking}\n"
    assert verdicts(text, "evidence") == {"C": "in", "E": "in"}


def test_empty_citation_is_not_evidence() -> None:
    text = '[C]: Uniforms reduce costs.\n  + [E]: Doe 2019. {cite: ""}\n'
    assert verdicts(text, "evidence") == {"C": "out", "E": "out"}


def test_evidence_stands_whatever_its_supporters() -> None:
    # Evidence needs no support: supporters that are out do not take it down.
    text = '[E]: Doe 2019. #evidence {cite: "Doe 2019"}\n  + [C]: A hunch.\n'
    assert verdicts(text, "evidence") == {"E": "in", "C": "out"}


# -- the seed brief ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> ArgumentMap:
    return argmap.load(SEED)


@pytest.fixture(scope="module")
def seed_ev(seed: ArgumentMap) -> Evaluation:
    return evaluate(seed, "evidence")


def test_seed_thesis_is_in(seed: ArgumentMap, seed_ev: Evaluation) -> None:
    assert [node.title for node in seed.theses] == ["Trilateral Repair"]
    assert seed_ev.verdicts[sid("Trilateral Repair")] is Verdict.IN


def test_seed_rebuttal_is_out_and_response_in(seed_ev: Evaluation) -> None:
    assert seed_ev.verdicts[sid("No Place for the US")] is Verdict.OUT
    assert seed_ev.verdicts[sid("Diplomatic Option")] is Verdict.IN
    assert seed_ev.attackers[sid("No Place for the US")] == [sid("Diplomatic Option")]
    assert seed_ev.attackers[sid("Trilateral Repair")] == [sid("No Place for the US")]


def test_seed_every_evidence_card_is_in(seed: ArgumentMap, seed_ev: Evaluation) -> None:
    cards = [node for node in seed.nodes if node.is_evidence]
    assert len(cards) == 11
    assert {seed_ev.verdicts[node.id] for node in cards} == {Verdict.IN}


def test_seed_ungrounded_claims_are_out(seed_ev: Evaluation) -> None:
    out = {node_id for node_id, v in seed_ev.verdicts.items() if v is Verdict.OUT}
    assert out == {
        sid(title)
        for title in (
            "Ally Framework",
            "Needed Most in Asia",
            "Renewed Engagement",
            "Summit Diplomacy",
            "Refocus on Regional Cooperation",
            "Building Block",
            "No Place for the US",
            "Domestic Politics",
        )
    }
    assert seed_ev.count(Verdict.UNDECIDED) == 0


def test_seed_under_dialectical(seed: ArgumentMap) -> None:
    ev = evaluate(seed, "dialectical")
    out = [node_id for node_id, v in ev.verdicts.items() if v is not Verdict.IN]
    assert out == [sid("No Place for the US")]


# -- undercut and self-attack --------------------------------------------------------------


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("marker", ["-", "<-", "_", "<_"])
def test_undercut_counts_as_an_attack(marker: str, standard: str) -> None:
    text = (
        '[C]: Uniforms reduce costs.\n  + [E]: Doe 2019. #evidence {cite: "Doe 2019"}\n'
        f'  {marker} [U]: Doe 2019 sampled private schools only. #evidence {{cite: "Roe"}}\n'
    )
    amap = argmap.loads(text)
    assert not amap.diagnostics
    ev = evaluate(amap, standard)
    assert ev.attackers[sid("C")] == [sid("U")]
    assert ev.verdicts[sid("C")] is Verdict.OUT
    assert ev.verdicts[sid("U")] is Verdict.IN
    assert ev.verdicts[sid("E")] is Verdict.IN


@pytest.mark.parametrize("standard", STANDARDS)
def test_forward_undercut_counts_as_an_attack(standard: str) -> None:
    text = (
        '[U]: Doe 2019 sampled private schools only. #evidence {cite: "Roe"}\n'
        "  _> [C]: Uniforms reduce costs.\n"
        '    + [E]: Doe 2019. #evidence {cite: "Doe 2019"}\n'
    )
    assert verdicts(text, standard) == {"U": "in", "C": "out", "E": "in"}


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("marker", ["-", "_", "><"])
def test_self_attacking_evidence_is_undecided(marker: str, standard: str) -> None:
    text = f'[A]: Doe 2019. #evidence {{cite: "Doe 2019"}}\n  {marker} [A]\n'
    amap = argmap.loads(text)
    ev = evaluate(amap, standard)
    assert ev.attackers[sid("A")] == [sid("A")]
    assert ev.verdicts[sid("A")] is Verdict.UNDECIDED


@pytest.mark.parametrize("standard", STANDARDS)
def test_self_attacking_grounded_claim_is_undecided(standard: str) -> None:
    text = '[C]: This claim is false.\n  + [E]: Doe 2019. #evidence {cite: "Doe 2019"}\n  - [C]\n'
    assert verdicts(text, standard) == {"C": "undecided", "E": "in"}


def test_self_attacking_unsupported_claim() -> None:
    text = "[C]: This claim is false.\n  - [C]\n"
    assert verdicts(text, "dialectical") == {"C": "undecided"}
    # Under the evidence standard an ungrounded claim is out before any attack counts.
    assert verdicts(text, "evidence") == {"C": "out"}


def test_node_attacked_by_self_attacker_is_undecided() -> None:
    text = '[A]: Doe 2019. #evidence {cite: "x"}\n  - [A]\n  -> [B]: Roe 2020. #evidence\n'
    assert verdicts(text, "evidence") == {"A": "undecided", "B": "undecided"}


# -- explanations --------------------------------------------------------------------------


def test_reason_names_the_defeating_attacker() -> None:
    amap = argmap.loads(EXAMPLE_3)
    ev = evaluate(amap, "evidence")
    assert reason(amap, ev, sid("T")) == "out: attacked by [R], which stands (in)"
    assert reason(amap, ev, sid("R")) == "in: supported by [E2] (in), and no attacker"


def test_reason_names_only_attackers_that_stand() -> None:
    amap = argmap.loads(EXAMPLE_4)
    ev = evaluate(amap, "evidence")
    assert reason(amap, ev, sid("R")) == "out: attacked by [S], which stands (in)"
    assert reason(amap, ev, sid("T")) == "in: supported by [E1] (in), and every attacker is out"


def test_reason_on_the_seed_names_diplomatic_option(seed: ArgumentMap, seed_ev: Evaluation) -> None:
    why = reason(seed, seed_ev, sid("No Place for the US"))
    assert why.startswith("out: attacked by [Diplomatic Option], which stands (in)")
    assert "[Trilateral Repair]" not in why


def test_reason_for_ungrounded_claim() -> None:
    amap = argmap.loads(EXAMPLE_2)
    ev = evaluate(amap, "evidence")
    why = reason(amap, ev, sid("C"))
    assert why.startswith("out: ")
    assert "no chain of support reaches evidence" in why


def test_reason_for_ungrounded_circle() -> None:
    amap = argmap.loads(EXAMPLE_6)
    ev = evaluate(amap, "evidence")
    for title in ("C1", "C2"):
        assert "no chain of support reaches evidence" in reason(amap, ev, sid(title))


def test_reason_never_blames_grounding_for_grounded_claims(seed: ArgumentMap) -> None:
    ev = evaluate(seed, "evidence")
    for node in seed.nodes:
        why = reason(seed, ev, node.id)
        assert ("no chain of support reaches evidence" in why) == (node.id not in ev.grounded), (
            node.title
        )
    dialectical = evaluate(seed, "dialectical")
    for node in seed.nodes:
        assert "no chain of support reaches evidence" not in reason(seed, dialectical, node.id)


def test_reason_for_undecided_nodes() -> None:
    amap = argmap.loads(EXAMPLE_5_CONTRADICTION)
    ev = evaluate(amap, "evidence")
    assert reason(amap, ev, sid("A")) == "undecided: attacked by [B], itself undecided"
    amap = argmap.loads(EXAMPLE_6)
    ev = evaluate(amap, "dialectical")
    assert reason(amap, ev, sid("C1")).startswith("undecided: its supporters ([C2])")


def _check_chain(amap: ArgumentMap, ev: Evaluation, node_id: str, chain: list[str]) -> None:
    assert chain[0] == node_id
    assert amap.node(chain[-1]).is_evidence
    assert not any(amap.node(step).is_evidence for step in chain[:-1])
    for upper, lower in pairwise(chain):
        assert lower in ev.supporters[upper], (upper, lower)


def test_explain_chains_end_at_evidence(seed: ArgumentMap, seed_ev: Evaluation) -> None:
    thesis = sid("Trilateral Repair")
    explanation = explain(seed, seed_ev, thesis)
    assert explanation.node == thesis
    assert explanation.verdict is Verdict.IN
    assert explanation.reason == reason(seed, seed_ev, thesis)
    # One chain for each grounded supporter; the ungrounded one is broken.
    assert [chain[1] for chain in explanation.chains] == [
        sid("Secure Influence"),
        sid("Increase Trilateral Cooperation"),
        sid("Continue Engaging"),
    ]
    assert explanation.broken == [sid("Refocus on Regional Cooperation")]
    for chain in explanation.chains:
        _check_chain(seed, seed_ev, thesis, chain)
    # Shortest: Secure Influence → Tensions Jeopardize Influence → a card, not via Long Conflict.
    assert len(explanation.chains[0]) == 4
    assert explanation.attackers == [(sid("No Place for the US"), Verdict.OUT)]


def test_explain_chains_of_every_seed_node(seed: ArgumentMap, seed_ev: Evaluation) -> None:
    for node in seed.nodes:
        explanation = explain(seed, seed_ev, node.id)
        for chain in explanation.chains:
            _check_chain(seed, seed_ev, node.id, chain)
        reached = {chain[1] for chain in explanation.chains}
        assert reached | set(explanation.broken) == set(seed_ev.supporters[node.id])
        assert reached == {s for s in seed_ev.supporters[node.id] if s in seed_ev.grounded}


def test_explain_long_chain() -> None:
    text = (
        "[A]: a.\n  + [B]: b.\n    + [C]: c.\n      + [D]: d.\n"
        '        + [E]: e. #evidence {cite: "x"}\n'
    )
    amap = argmap.loads(text)
    ev = evaluate(amap, "evidence")
    explanation = explain(amap, ev, sid("A"))
    assert explanation.chains == [[sid(t) for t in "ABCDE"]]
    assert explanation.broken == []


def test_explain_chain_through_a_circle() -> None:
    text = EXAMPLE_6 + '\n[C2]\n  + [E]: Doe 2019. #evidence {cite: "Doe 2019"}\n'
    amap = argmap.loads(text)
    ev = evaluate(amap, "evidence")
    assert explain(amap, ev, sid("C1")).chains == [[sid("C1"), sid("C2"), sid("E")]]
    assert [sid("C2"), sid("E")] in explain(amap, ev, sid("C2")).chains


def test_explain_chains_never_revisit_a_node() -> None:
    text = EXAMPLE_6 + '\n[C2]\n  + [E]: Doe 2019. #evidence {cite: "Doe 2019"}\n'
    amap = argmap.loads(text)
    ev = evaluate(amap, "evidence")
    for node in amap.nodes:
        for chain in explain(amap, ev, node.id).chains:
            assert len(chain) == len(set(chain)), chain


def test_explain_ungrounded_claim_has_only_broken_supporters() -> None:
    amap = argmap.loads(EXAMPLE_6)
    ev = evaluate(amap, "evidence")
    explanation = explain(amap, ev, sid("C1"))
    assert explanation.chains == []
    assert explanation.broken == [sid("C2")]
    assert explanation.verdict is Verdict.OUT
