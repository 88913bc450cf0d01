"""circular-support (AM202): claims that support each other in a circle."""

from __future__ import annotations

import sys

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st
from rulecase import diagnostics, example, findings, messages

RULE = "circular-support"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_circle_once() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 1, 1)]
    assert messages(text, RULE) == ["circular support: [A] supports [B] supports [A]"]


def test_three_claims_listed_in_order_of_support() -> None:
    # [C] supports [B], [B] supports [A], and [A] supports [C].
    text = "[A]: a.\n  + [B]: b.\n    + [C]: c.\n      + [A]\n"
    assert findings(text, RULE) == [(RULE, 1, 1)]
    assert messages(text, RULE) == ["circular support: [A] supports [C] supports [B] supports [A]"]


def test_the_listing_starts_at_the_first_node_of_the_circle_in_the_brief() -> None:
    text = "[X]: Not in the circle.\n  + [A]: a.\n    + [B]: b.\n      + [A]\n"
    assert findings(text, RULE) == [(RULE, 2, 5)]
    assert messages(text, RULE) == ["circular support: [A] supports [B] supports [A]"]


def test_each_separate_circle_is_reported_once() -> None:
    text = "[A]: a.\n  + [B]: b.\n    + [A]\n\n[C]: c.\n  + [D]: d.\n    + [C]\n"
    assert findings(text, RULE) == [(RULE, 1, 1), (RULE, 5, 1)]
    assert messages(text, RULE) == [
        "circular support: [A] supports [B] supports [A]",
        "circular support: [C] supports [D] supports [C]",
    ]


def test_a_self_support_is_not_a_circle_here() -> None:
    # self-relation reports it.
    assert findings("[A]: a.\n  + [A]\n", RULE) == []


def test_attacks_do_not_close_a_circle() -> None:
    assert findings("[A]: a.\n  + [B]: b.\n    - [A]\n", RULE) == []


def test_one_tangle_of_circles_is_reported_once() -> None:
    # [A] and [B] support each other, and so do [A] and [C].
    text = "[A]: a.\n  + [B]: b.\n    + [A]\n  + [C]: c.\n    + [A]\n"
    assert findings(text, RULE) == [(RULE, 1, 1)]
    (message,) = messages(text, RULE)
    assert message.startswith("circular support: [A] supports [B] supports [A] (1 more")


def test_one_more_claim_is_singular() -> None:
    text = "[A]: a.\n  + [B]: b.\n    + [A]\n  + [C]: c.\n    + [A]\n"
    (message,) = messages(text, RULE)
    assert message.endswith("(1 more claim is caught in the same circle)")


def test_a_circle_through_the_first_node_is_reported_there() -> None:
    text = (
        "[A]: a.\n"
        "\n"
        "[B]: b.\n"
        "  + [A]\n"  # A supports B
        "\n"
        "[C]: c.\n"
        "  + [B]\n"  # B supports C
        "\n"
        "[B]\n"
        "  + [C]\n"  # C supports B
        "\n"
        "[A]\n"
        "  + [C]\n"  # C supports A
    )
    # [A] → [B] → [C] → [A] is a circle through every claim of the tangle, and [A] is
    # its first node in the brief.
    assert findings(text, RULE) == [(RULE, 1, 1)]
    assert messages(text, RULE) == ["circular support: [A] supports [B] supports [C] supports [A]"]


def test_a_circle_far_longer_than_the_recursion_limit() -> None:
    size = 10_000
    # [N1] supports [N0], [N2] supports [N1], … and [N0] supports [N9999].
    parts = [f"[N{i}]: Claim {i}.\n  + [N{i + 1}]" for i in range(size - 1)]
    parts.append(f"[N{size - 1}]: Claim {size - 1}.\n  + [N0]")
    text = "\n\n".join(parts) + "\n"
    assert size > sys.getrecursionlimit()
    assert findings(text, RULE) == [(RULE, 1, 1)]
    (message,) = messages(text, RULE)
    assert message.startswith(
        f"circular support: [N0] supports [N{size - 1}] supports [N{size - 2}]"
    )
    assert message.endswith("[N2] supports [N1] supports [N0]")


# -- every circle is found: compared with networkx on generated support graphs ---------------


@st.composite
def support_graphs(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]]]:
    size = draw(st.integers(1, 9))
    node = st.integers(0, size - 1)
    return size, draw(st.lists(st.tuples(node, node), max_size=3 * size))


@settings(max_examples=300, deadline=None)
@given(support_graphs())
def test_each_group_of_claims_in_circles_is_reported_once_at_its_first_claim(
    graph: tuple[int, list[tuple[int, int]]],
) -> None:
    size, supports = graph
    parts = [f"[N{i}]: Claim {i}." for i in range(size)]
    parts += [f"[N{target}]\n  + [N{source}]" for source, target in supports]
    expected = nx.DiGraph()
    expected.add_edges_from((s, t) for s, t in supports if s != t)
    circles = [c for c in nx.strongly_connected_components(expected) if len(c) > 1]
    found = diagnostics("\n\n".join(parts) + "\n", RULE)
    assert sorted(d.node for d in found) == sorted(f"statement:N{min(c)}" for c in circles)


def test_a_circle_through_a_premise_conclusion_structure() -> None:
    # [C] is the conclusion of <A> and supports its premise [P]: the support goes round
    # through the inference.
    text = "<A>: An argument.\n\n(1) [P]: A premise.\n  + [C]\n----\n(2) [C]: The conclusion.\n"
    assert findings(text, RULE) == [(RULE, 1, 1)]
    assert messages(text, RULE) == ["circular support: <A> supports [C] supports [P] supports <A>"]
    assert findings("<A>: a.\n\n(1) [P]: p.\n----\n(2) [C]: c.\n", RULE) == []
