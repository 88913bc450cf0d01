"""The argument map (argmap.model): nodes, relations, the networkx graph and the indexes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap.model import ArgumentMap, Node

ROOT = Path(__file__).resolve().parent.parent
BRIEFS = sorted((ROOT / "briefs").glob("*.argdown"))

# [A] supports and attacks [T], and [B] attacks [T] in between.
MIXED = """\
[T]: Thesis.
  + [A]: a.
  - [B]: b.
  - [A]
"""


def sid(title: str) -> str:
    return f"statement:{title}"


def relations(edges: list[argmap.Edge]) -> list[tuple[str, str, str]]:
    return [(edge.source, edge.target, edge.relation) for edge in edges]


@pytest.mark.parametrize("path", BRIEFS, ids=[path.name for path in BRIEFS])
def test_graph_holds_the_nodes_and_relations_of_the_map(path: Path) -> None:
    amap = argmap.load(path)
    graph = amap.graph
    assert list(graph.nodes) == [node.id for node in amap.nodes]
    assert all(graph.nodes[node.id]["node"] is node for node in amap.nodes)
    assert sorted(graph.edges(keys=True)) == sorted(relations(amap.edges))
    for edge in amap.edges:
        assert graph.edges[edge.source, edge.target, edge.relation]["edge"] is edge


@pytest.mark.parametrize("path", BRIEFS, ids=[path.name for path in BRIEFS])
def test_incoming_and_outgoing_list_what_the_graph_lists(path: Path) -> None:
    amap = argmap.load(path)
    for node in amap.nodes:
        assert relations(amap.incoming(node.id)) == list(amap.graph.in_edges(node.id, keys=True))
        assert relations(amap.outgoing(node.id)) == list(amap.graph.out_edges(node.id, keys=True))


def test_relations_between_two_nodes_are_listed_together() -> None:
    amap = argmap.loads(MIXED)
    assert relations(amap.edges) == [
        (sid("A"), sid("T"), "support"),
        (sid("B"), sid("T"), "attack"),
        (sid("A"), sid("T"), "attack"),
    ]
    assert relations(amap.incoming(sid("T"))) == [
        (sid("A"), sid("T"), "support"),
        (sid("A"), sid("T"), "attack"),
        (sid("B"), sid("T"), "attack"),
    ]
    assert relations(amap.outgoing(sid("A"))) == [
        (sid("A"), sid("T"), "support"),
        (sid("A"), sid("T"), "attack"),
    ]
    assert amap.incoming(sid("A")) == []
    assert amap.incoming("statement:Nothing") == []


def test_graph_follows_nodes_and_relations_added_later() -> None:
    amap = argmap.loads(MIXED)
    graph = amap.graph
    amap.add_node(Node(sid("C"), "C", "statement", text="c."))
    edge = amap.add_edge(sid("C"), sid("A"), "undercut", None)
    assert amap.graph is graph
    assert list(graph.nodes)[-1] == sid("C")
    assert graph.edges[sid("C"), sid("A"), "undercut"]["edge"] is edge
    assert amap.incoming(sid("A")) == [edge]
    assert amap.adjacency.attackers[amap.adjacency.number[sid("A")]] == [
        amap.adjacency.number[sid("C")]
    ]


def test_find_edge() -> None:
    amap = argmap.loads(MIXED)
    support = amap.find_edge(sid("A"), sid("T"), "support")
    assert support is not None
    assert (support.source, support.target, support.relation) == (sid("A"), sid("T"), "support")
    assert [span.line for span in support.spans] == [2]
    assert amap.find_edge(sid("T"), sid("A"), "support") is None
    assert amap.find_edge(sid("B"), sid("T"), "undercut") is None


def test_a_relation_written_twice_is_one_edge_with_two_places() -> None:
    amap = argmap.loads("[T]: t.\n  + [A]: a.\n\n[T]\n  + [A]\n")
    (edge,) = amap.edges
    assert [span.line for span in edge.spans] == [2, 5]


def test_a_contradiction_written_both_ways_is_one_edge() -> None:
    amap = argmap.loads("[A]: a.\n  >< [B]: b.\n\n[B]\n  >< [A]\n")
    assert relations(amap.edges) == [(sid("A"), sid("B"), "contradiction")]
    assert amap.find_edge(sid("B"), sid("A"), "contradiction") is None


def test_adjacency_numbers_nodes_in_the_order_of_the_map() -> None:
    amap = argmap.loads(MIXED + "\n[C]: c.\n  >< [B]\n  _ [B]\n")
    graph = amap.adjacency
    assert graph.ids == [node.id for node in amap.nodes]
    assert [graph.number[node_id] for node_id in graph.ids] == list(range(len(amap)))

    def named(lists: list[list[int]], title: str) -> list[str]:
        return [graph.ids[other] for other in lists[graph.number[sid(title)]]]

    assert named(graph.supporters, "T") == [sid("A")]
    assert named(graph.supports, "A") == [sid("T")]
    # An attacker that also undercuts is listed once; a contradiction goes both ways.
    assert named(graph.attackers, "T") == [sid("B"), sid("A")]
    assert named(graph.attackers, "C") == [sid("B")]
    assert named(graph.attackers, "B") == [sid("C")]
    assert named(graph.attacks, "B") == [sid("T"), sid("C")]
    assert named(graph.attacks, "C") == [sid("B")]


def test_restricted_keeps_the_relations_among_the_kept_nodes() -> None:
    amap = argmap.loads(MIXED)
    part = amap.restricted({sid("T"), sid("A")}, [sid("T")])
    assert [node.id for node in part.nodes] == [sid("T"), sid("A")]
    assert all(part.node(node.id) is amap.node(node.id) for node in part.nodes)
    assert relations(part.edges) == [
        (sid("A"), sid("T"), "support"),
        (sid("A"), sid("T"), "attack"),
    ]
    assert [node.id for node in part.theses] == [sid("T")]
    assert relations(part.incoming(sid("T"))) == relations(part.edges)


def test_a_node_is_placed_at_its_first_definition() -> None:
    amap = argmap.loads("[T]: t.\n  + [A]\n\n[A]: a.\n\n[B]: b.\n  + [C]\n")
    assert amap.node(sid("A")).span.line == 4
    assert amap.node(sid("A")).is_defined
    assert amap.node(sid("C")).span.line == 7
    assert not amap.node(sid("C")).is_defined


def test_a_node_merges_what_each_place_writes() -> None:
    amap = argmap.loads(
        "[A]: a. #evidence #evidence {cite: Doe, more: {pages: [1, 2]}}\n\n"
        "[B]: b. {isCanonical: true, more: {pages: [3]}}\n\n[B]: b2. #card {url: u}\n\n"
        "[C]: c. {year: 2020}\n  + <D>\n"
    )
    a, b, c, d = amap.nodes
    assert (a.kind, a.tags, a.data["cite"]) == ("evidence", ["evidence"], "Doe")
    assert (b.kind, b.tags, b.text) == ("evidence", ["card"], "b.")
    assert b.data == {"isCanonical": True, "more": {"pages": [3]}, "url": "u"}
    assert (c.kind, c.tags, c.data, c.text) == ("claim", [], {"year": 2020}, "c.")
    assert (d.kind, d.text, d.is_defined) == ("claim", None, False)
    # A title written once keeps its occurrence's tags and data; a merge makes its own,
    # and leaves each occurrence as written.
    assert a.data is a.occurrences[0].data
    assert a.tags is a.occurrences[0].tags
    b.data["more"]["pages"].append(9)
    b.tags.append("x")
    assert b.occurrences[0].data["more"] == {"pages": [3]}
    assert b.occurrences[1].tags == ["card"]


def test_checking_a_brief_does_not_import_networkx() -> None:
    """networkx costs a quarter of a second to import; only the graph and the exports that
    need it pay for it."""
    code = (
        "import json, sys\n"
        "import argmap\n"
        "from argmap.evaluate import evaluate\n"
        f"amap = argmap.load({str(BRIEFS[0])!r})\n"
        "argmap.check(amap)\n"
        "evaluate(amap, 'dialectical')\n"
        "before = 'networkx' in sys.modules\n"
        "amap.graph\n"
        "print(json.dumps([before, 'networkx' in sys.modules]))\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [False, True]


def test_a_map_built_by_hand() -> None:
    amap = ArgumentMap()
    amap.add_node(Node(sid("A"), "A", "statement", text="a."))
    amap.add_node(Node(sid("B"), "B", "statement", text="b."))
    amap.add_edge(sid("B"), sid("A"), "support", None)
    assert len(amap) == 2
    assert sid("A") in amap
    assert amap.find("[B]") is amap.node(sid("B"))
    assert relations(amap.incoming(sid("A"))) == [(sid("B"), sid("A"), "support")]
    assert list(amap.graph.edges(keys=True)) == [(sid("B"), sid("A"), "support")]


# -- parts of a map (argmap.selection) ------------------------------------------------------

PARTS = """\
# Case

[Plan]: We should adopt the plan. #thesis
  + [Growth]: The plan grows the economy.

# Rebuttals

[Cost]: It costs too much.
  -> [Growth]
  - [Cheap]: It is cheap.
"""


def test_a_focused_part_keeps_the_real_theses() -> None:
    from argmap.selection import subset

    amap = argmap.loads(PARTS)
    part = subset(amap, focus="Growth")
    assert [node.title for node in part.nodes] == ["Growth", "Cost", "Cheap"]
    assert part.theses == []  # [Growth] is where the part starts, not a thesis
    assert part.focus is amap.node(sid("Growth"))
    assert [node.title for node in part.roots] == ["Growth"]
    assert part.whole is amap
    whole = subset(amap, focus="Plan")
    assert [node.title for node in whole.theses] == ["Plan"]
    assert [node.title for node in whole.roots] == ["Plan"]


def test_a_section_keeps_its_theses_and_no_focus() -> None:
    from argmap.selection import subset

    amap = argmap.loads(PARTS)
    case = subset(amap, section="Case")
    assert [node.title for node in case.theses] == ["Plan"]
    assert case.focus is None
    rebuttals = subset(amap, section="rebuttals")
    assert [node.title for node in rebuttals.nodes] == ["Cost", "Cheap"]
    assert rebuttals.theses == rebuttals.roots == []
    # A part of a part knows the whole brief.
    assert subset(rebuttals, focus="Cheap").whole is amap


def test_the_whole_map_starts_at_its_theses() -> None:
    amap = argmap.loads(PARTS)
    assert amap.focus is None
    assert amap.whole is None
    assert [node.title for node in amap.roots] == ["Plan"]


def test_a_pair_that_attacks_and_contradicts_is_listed_once() -> None:
    amap = argmap.loads("[T]: t.\n  - [A]: a.\n  >< [A]\n")
    adjacency = amap.adjacency
    assert adjacency.by_id(adjacency.attackers)[sid("T")] == [sid("A")]
    assert adjacency.by_id(adjacency.attackers)[sid("A")] == [sid("T")]
    assert adjacency.by_id(adjacency.attacks)[sid("A")] == [sid("T")]


def test_an_argument_is_never_evidence() -> None:
    amap = argmap.loads('<A>: An argument. #evidence {source: "Doe 2019"}\n')
    assert amap.node("argument:A").kind == "claim"
    assert not amap.node("argument:A").is_evidence


def test_an_argument_attacking_its_own_conclusion_is_kept() -> None:
    # Argdown drops it; it is a self-attack of the conclusion, which a rule reports.
    text = "<A>\n  -> [C]\n\n(1) [P]: p.\n----\n(2) [C]: c.\n"
    amap = argmap.loads(text)
    assert [(e.source, e.relation, e.target) for e in amap.edges] == [
        ("statement:C", "attack", "statement:C")
    ]
    # A support of the conclusion by its own argument goes without saying (as in Argdown).
    amap = argmap.loads(text.replace("->", "+>"))
    assert amap.edges == []


def test_a_self_relation_is_kept_whatever_else_targets_the_node() -> None:
    # Argdown drops [X] attacking itself here, taking the attack of [A] on [X] for the
    # same relation (it compares the target and the kind, not the source); argmap keeps
    # it, and self-relation reports it.
    text = "[B]: b.\n  - [X]: x.\n    - [A]: a.\n    - [X]\n"
    amap = argmap.loads(text)
    assert sorted((e.source, e.relation, e.target) for e in amap.edges) == [
        ("statement:A", "attack", "statement:X"),
        ("statement:X", "attack", "statement:B"),
        ("statement:X", "attack", "statement:X"),
    ]


def test_a_definition_nested_under_its_own_title_is_read_first() -> None:
    # Argdown takes a line into its node after the relations under it: the definition at
    # the top of the tree is the last one read, so its text is the node's.
    amap = argmap.loads("[A]: first.\n  + [B]: b.\n    + [A]: second.\n")
    assert amap.node("statement:A").text == "first."
    amap = argmap.loads("[A]: first.\n  + [B]: b.\n\n[A]: second.\n")
    assert amap.node("statement:A").text == "second."
    # Side by side in one tree, the order is the written one.
    amap = argmap.loads("[R]: r.\n  + [A]: first.\n  + [A]: second.\n")
    assert amap.node("statement:A").text == "second."


def test_an_undercut_written_twice_is_one_relation() -> None:
    text = "<A>\n  <_ [U]: u.\n\n(1) [P]: p.\n----\n  <_ [U]\n(2) [C]: c.\n"
    amap = argmap.loads(text)
    (edge,) = amap.edges
    assert (edge.source, edge.relation, edge.target, edge.step) == (
        "statement:U",
        "undercut",
        "argument:A",
        1,
    )
    assert [span.line for span in edge.spans] == [2, 6]


def test_an_unclosed_bold_marker_at_the_start_of_a_text_is_dropped() -> None:
    # Argdown's text reads "undefined x" here (the marker's missing range); argmap drops
    # the marker from the plain text, as Argdown does with one in the middle.
    for marker in ("__", "**"):
        node = argmap.loads(f"[A]: {marker} x\n").node("statement:A")
        assert (node.text, node.plain_text) == (f"{marker} x", "x")
    node = argmap.loads("[A]: x __ y\n").node("statement:A")
    assert (node.text, node.plain_text) == ("x __ y", "x  y")


def test_the_steps_of_a_structure_and_their_premises() -> None:
    # Two statements numbered (2): `uses` names the last one above the inference; an
    # inference without `uses` starts from what was written since the one before.
    amap = argmap.loads(
        "<A>: An argument.\n\n"
        "(1) [P]: p.\n(2) [Q]: q.\n----\n(2) [R]: r.\n(3) [S]: s.\n"
        "-- {uses: [2, 1, 9]} --\n(4) [T]: t.\n(5) [U]: u.\n----\n(6) [V]: v.\n"
    )
    argument = amap.node("argument:A")
    assert argument.steps == (2, 4, 6)
    assert argument.premises_of(2) == ["statement:P", "statement:Q"]
    assert argument.premises_of(4) == ["statement:R", "statement:P"]
    assert argument.premises_of(6) == ["statement:T", "statement:U"]
    assert [argument.is_inner_step(index) for index in range(-1, 8)] == [
        False, False, False, True, False, True, False, False, False
    ]  # fmt: skip


def test_the_steps_follow_a_replaced_structure() -> None:
    amap = argmap.loads("<A>: An argument.\n\n(1) [P]: p.\n----\n(2) [C]: c.\n")
    argument = amap.node("argument:A")
    assert argument.steps == (1,)
    argument.pcs = argument.pcs[:1]
    assert argument.steps == ()
    assert not argument.is_inner_step(0)
