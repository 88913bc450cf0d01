"""Briefs far deeper than Python's recursion limit: 100,000-node chains of support and attack.

Loading, evaluating, explaining and checking such a brief must not recurse per node.
"""

from __future__ import annotations

import sys

import pytest

import argmap
from argmap.evaluate import Evaluation, Verdict, evaluate
from argmap.explain import explain, reason
from argmap.model import ArgumentMap

SIZE = 100_000
# Variants that only re-check a rule: still ten times the recursion limit, but quicker.
SMALL = 10_000


def node_id(i: int) -> str:
    return f"statement:N{i}"


def chain(marker: str, last: str, size: int = SIZE, mark: str = "") -> str:
    """N0 ← N1 ← … ← N{size-1}, each block relating N{i} to the next with ``marker``."""
    parts = [f"[N{i}]: Claim {i}.{mark}\n  {marker} [N{i + 1}]" for i in range(size - 1)]
    parts.append(f"[N{size - 1}]: {last}")
    return "\n\n".join(parts) + "\n"


def test_chains_are_deeper_than_the_recursion_limit() -> None:
    assert sys.getrecursionlimit() < SMALL < SIZE


# -- a support chain resting on evidence ----------------------------------------------------


@pytest.fixture(scope="module")
def support_chain() -> ArgumentMap:
    amap = argmap.loads(chain("+", 'A study. #evidence {cite: "Doe 2019"}'))
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
    amap = argmap.loads(chain("-", "Claim, unattacked."))
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
    assert findings
    assert "syntax-error" not in {d.rule for d in findings}
    # The thesis is N0, which the chain defeats.
    defeated = [d for d in findings if d.rule == "defeated-thesis"]
    assert [d.node for d in defeated] == [node_id(0)]


def test_attack_chain_checked_under_evidence(attack_chain: ArgumentMap) -> None:
    findings = argmap.check(attack_chain)
    assert findings
    assert "syntax-error" not in {d.rule for d in findings}


def test_attack_chain_explained(attack_chain: ArgumentMap) -> None:
    ev = evaluate(attack_chain, "dialectical")
    assert reason(attack_chain, ev, node_id(0)) == "out: attacked by [N1], which stands (in)"
    assert reason(attack_chain, ev, node_id(1)) == (
        "in: nothing supports it, but nothing defeats it (every attacker is out; dialectical)"
    )
