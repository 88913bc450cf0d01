"""single-point-of-failure (AM204): a node every support chain of a thesis runs through."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st
from rulecase import diagnostics, example, findings, messages

RULE = "single-point-of-failure"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_claim_and_the_card() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 2, 5), (RULE, 3, 7)]
    assert messages(text, RULE) == [
        "every chain of evidence for thesis [T] runs through the claim [Equality]: if it "
        "falls, the thesis loses all its support",
        "every chain of evidence for thesis [T] runs through the card [Survey]: if it "
        "falls, the thesis loses all its support",
    ]


def test_one_card_under_two_claims_dominates() -> None:
    text = (
        "[T]: Thesis. #thesis\n"
        "  + [C]: A claim.\n"
        '    + [Card]: The one study. #evidence {cite: "Doe 2019"}\n'
        "  + [D]: Another claim.\n"
        "    + [Card]\n"
    )
    assert findings(text, RULE) == [(RULE, 3, 7)]
    assert "runs through the card [Card]" in messages(text, RULE)[0]


def test_a_claim_over_two_cards_dominates() -> None:
    text = (
        "[T]: Thesis. #thesis\n"
        "  + [C]: The one claim.\n"
        '    + [E1]: One. #evidence {cite: "X"}\n'
        '    + [E2]: Two. #evidence {cite: "Y"}\n'
    )
    (found,) = diagnostics(text, RULE)
    assert (found.span.line, found.span.column, found.node) == (2, 5, "statement:C")
    assert "runs through the claim [C]" in found.message


def test_two_independent_cards_share_the_risk() -> None:
    text = (
        "[T]: Thesis. #thesis\n"
        "  + [C]: A claim.\n"
        '    + [E1]: One. #evidence {cite: "X"}\n'
        "  + [D]: Another claim.\n"
        '    + [E2]: Two. #evidence {cite: "Y"}\n'
    )
    assert findings(text, RULE) == []


def test_unsupported_supporters_do_not_spread_the_risk() -> None:
    text = '[T]: Thesis. #thesis\n  + [E1]: One. #evidence {cite: "X"}\n  + [U]: A claim.\n'
    assert findings(text, RULE) == [(RULE, 2, 5)]


def test_a_thesis_without_evidence_has_no_single_point() -> None:
    assert findings("[T]: Thesis. #thesis\n  + [U]: A claim.\n", RULE) == []


# -- compared with networkx's dominators on generated briefs ---------------------------------


@st.composite
def briefs(draw: st.DrawFn) -> tuple[list[bool], list[tuple[int, int]]]:
    """Node 0 is the thesis; each node is evidence or a claim; supports among them."""
    size = draw(st.integers(1, 9))
    evidence = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    node = st.integers(0, size - 1)
    return evidence, draw(st.lists(st.tuples(node, node), max_size=3 * size))


def expected_points(evidence: list[bool], supports: list[tuple[int, int]]) -> set[int]:
    """Every node that dominates the evidence below the thesis, by networkx."""
    supporters: dict[int, set[int]] = {i: set() for i in range(len(evidence))}
    for source, target in supports:
        supporters[target].add(source)
    grounded = {i for i, is_evidence in enumerate(evidence) if is_evidence}
    changed = True
    while changed:
        changed = False
        for target, below in supporters.items():
            if target not in grounded and below & grounded:
                grounded.add(target)
                changed = True
    if evidence[0] or 0 not in grounded:
        return set()
    graph = nx.DiGraph()
    graph.add_node(0)
    for target, below in supporters.items():
        if evidence[target] and target != 0:
            graph.add_edge(target, "sink")
        else:
            graph.add_edges_from((target, s) for s in below if s in grounded)
    dominators = nx.immediate_dominators(graph, 0)
    points = set()
    step = dominators.get("sink", 0)
    while step != 0:
        points.add(step)
        step = dominators[step]
    return points


@settings(max_examples=300, deadline=None)
@given(briefs())
def test_every_single_point_is_found(brief: tuple[list[bool], list[tuple[int, int]]]) -> None:
    evidence, supports = brief
    parts = [
        f"[N{i}]: Claim {i}."
        + (" #thesis" if i == 0 else "")
        + (' #evidence {cite: "X"}' if is_evidence else "")
        for i, is_evidence in enumerate(evidence)
    ]
    parts += [f"[N{target}]\n  + [N{source}]" for source, target in supports]
    found = diagnostics("\n\n".join(parts) + "\n", RULE)
    assert sorted(d.node for d in found) == sorted(
        f"statement:N{i}" for i in expected_points(evidence, supports)
    )
