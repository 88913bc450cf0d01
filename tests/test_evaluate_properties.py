"""Properties of the labelling (argmap.evaluate) over generated briefs (hypothesis).

Each generated graph is written out as an Argdown brief and read by the real parser, so
these properties also cover how relations reach the evaluator. The expected attackers,
supporters and grounded nodes are computed here from the generated graph, not taken
from the evaluator.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.evaluate import Evaluation, Verdict, evaluate

SETTINGS = settings(max_examples=200, deadline=None)

RELATIONS = ("support", "attack", "undercut", "contradiction")
ATTACKS = ("attack", "undercut", "contradiction")
STANDARDS = ("evidence", "dialectical")

# relation → (marker with the source below the target, marker with the source above)
MARKERS = {
    "support": ("+", "+>"),
    "attack": ("-", "->"),
    "undercut": ("_", "_>"),
    "contradiction": ("><", "><"),
}

WEIGHTS = {"support": 3, "attack": 2, "undercut": 1, "contradiction": 1}

IN, OUT, UNDECIDED = Verdict.IN, Verdict.OUT, Verdict.UNDECIDED


@dataclass(frozen=True)
class Graph:
    evidence: tuple[bool, ...]
    # (source, target, relation, written forwards: `[source]\n  +> [target]`)
    edges: tuple[tuple[int, int, str, bool], ...]

    @property
    def size(self) -> int:
        return len(self.evidence)


@st.composite
def graphs(
    draw: st.DrawFn, relations: tuple[str, ...] = RELATIONS, all_evidence: bool = False
) -> Graph:
    """1 to 8 nodes, evidence or claims, and relations among them: either any relations,
    or (as a brief is shaped) a tree of relations, each node to an earlier one, plus a
    few more. Trees decide most labels, so the rules for in and out are all reached."""
    size = draw(st.integers(1, 8))
    if all_evidence:
        evidence = (True,) * size
    else:
        evidence = tuple(draw(st.lists(st.booleans(), min_size=size, max_size=size)))
    node = st.integers(0, size - 1)
    # Support drawn more often than any one kind of attack, as in a brief.
    relation = st.sampled_from(
        [r for r in relations for _ in range(WEIGHTS[r])] if len(relations) > 1 else relations
    )
    edges: list[tuple[int, int, str, bool]] = []
    if draw(st.booleans()):
        for i in range(1, size):
            edges.append((i, draw(st.integers(0, i - 1)), draw(relation), draw(st.booleans())))
        extra = size // 2
    else:
        extra = 3 * size
    edges += draw(st.lists(st.tuples(node, node, relation, st.booleans()), max_size=extra))
    return Graph(evidence, tuple(edges))


def blocks(graph: Graph, names: list[str] | None = None) -> list[str]:
    """The brief's blocks: one definition per node, then one block per relation."""
    names = names or [f"N{i}" for i in range(graph.size)]
    result = []
    for i, is_evidence in enumerate(graph.evidence):
        marking = ' #evidence {cite: "x"}' if is_evidence else ""
        result.append(f"[{names[i]}]: Statement {i}.{marking}")
    for source, target, relation, forwards in graph.edges:
        backwards_marker, forwards_marker = MARKERS[relation]
        if forwards:
            result.append(f"[{names[source]}]\n  {forwards_marker} [{names[target]}]")
        else:
            result.append(f"[{names[target]}]\n  {backwards_marker} [{names[source]}]")
    return result


def load(parts: list[str]) -> argmap.ArgumentMap:
    amap = argmap.loads("\n\n".join(parts) + "\n")
    assert not amap.diagnostics, amap.diagnostics
    return amap


def node_id(i: int) -> str:
    return f"statement:N{i}"


def labels(graph: Graph, ev: Evaluation, names: list[str] | None = None) -> list[Verdict]:
    """The verdict of node 0, 1, … of the generated graph."""
    names = names or [f"N{i}" for i in range(graph.size)]
    return [ev.verdicts[f"statement:{names[i]}"] for i in range(graph.size)]


# -- the rules, computed independently from the generated graph ---------------------------


@dataclass
class Relations:
    attackers: list[set[int]]
    supporters: list[set[int]]
    grounded: set[int]


def relations(graph: Graph) -> Relations:
    attackers: list[set[int]] = [set() for _ in range(graph.size)]
    supporters: list[set[int]] = [set() for _ in range(graph.size)]
    for source, target, relation, _ in graph.edges:
        if relation == "support":
            supporters[target].add(source)
        else:
            attackers[target].add(source)
            if relation == "contradiction":
                attackers[source].add(target)
    grounded = {i for i in range(graph.size) if graph.evidence[i]}
    changed = True
    while changed:
        changed = False
        for i in range(graph.size):
            if i not in grounded and supporters[i] & grounded:
                grounded.add(i)
                changed = True
    return Relations(attackers, supporters, grounded)


def in_condition(graph: Graph, rel: Relations, lab: list[Verdict], i: int, standard: str) -> bool:
    if not all(lab[a] is OUT for a in rel.attackers[i]):
        return False
    return (
        graph.evidence[i]
        or any(lab[s] is IN for s in rel.supporters[i])
        or (standard == "dialectical" and not rel.supporters[i])
    )


def out_condition(graph: Graph, rel: Relations, lab: list[Verdict], i: int, standard: str) -> bool:
    if any(lab[a] is IN for a in rel.attackers[i]):
        return True
    if graph.evidence[i]:
        return False
    if rel.supporters[i] and all(lab[s] is OUT for s in rel.supporters[i]):
        return True
    return standard == "evidence" and i not in rel.grounded


def naive_fixpoint(graph: Graph, standard: str) -> list[Verdict]:
    """The least fixpoint by brute force: relabel undecided nodes until nothing changes."""
    rel = relations(graph)
    lab = [UNDECIDED] * graph.size
    changed = True
    while changed:
        changed = False
        for i in range(graph.size):
            if lab[i] is not UNDECIDED:
                continue
            is_in = in_condition(graph, rel, lab, i, standard)
            is_out = out_condition(graph, rel, lab, i, standard)
            assert not (is_in and is_out), "the rules contradict each other"
            if is_in or is_out:
                lab[i] = IN if is_in else OUT
                changed = True
    return lab


def dung_grounded(graph: Graph) -> list[Verdict]:
    """Dung's grounded labelling: S = lfp of F(S) = {a | each attacker of a is attacked by S}."""
    rel = relations(graph)
    nodes = range(graph.size)

    def attacked_by(s: set[int], b: int) -> bool:
        return bool(rel.attackers[b] & s)

    s: set[int] = set()
    while True:
        following = {a for a in nodes if all(attacked_by(s, b) for b in rel.attackers[a])}
        if following == s:
            break
        s = following
    return [IN if a in s else OUT if attacked_by(s, a) else UNDECIDED for a in nodes]


# -- properties ----------------------------------------------------------------------------
# Each example is read once and evaluated under both standards.


def evaluations(graph: Graph) -> list[tuple[str, Evaluation, list[Verdict]]]:
    amap = load(blocks(graph))
    result = []
    for standard in STANDARDS:
        ev = evaluate(amap, standard)
        assert ev.standard.value == standard
        result.append((standard, ev, labels(graph, ev)))
    return result


@SETTINGS
@given(graphs())
def test_relations_reach_the_evaluator(graph: Graph) -> None:
    rel = relations(graph)
    for _, ev, _ in evaluations(graph):
        assert set(ev.verdicts) == {node_id(i) for i in range(graph.size)}
        for i in range(graph.size):
            assert sorted(ev.attackers[node_id(i)]) == sorted(node_id(a) for a in rel.attackers[i])
            assert sorted(ev.supporters[node_id(i)]) == sorted(
                node_id(s) for s in rel.supporters[i]
            )
        assert ev.grounded == {node_id(i) for i in rel.grounded}


@SETTINGS
@given(graphs())
def test_fixpoint_no_undecided_node_meets_a_rule(graph: Graph) -> None:
    rel = relations(graph)
    for standard, _, lab in evaluations(graph):
        for i in range(graph.size):
            if lab[i] is UNDECIDED:
                assert not in_condition(graph, rel, lab, i, standard), (standard, i)
                assert not out_condition(graph, rel, lab, i, standard), (standard, i)


@SETTINGS
@given(graphs())
def test_justified_every_label_meets_its_rule(graph: Graph) -> None:
    rel = relations(graph)
    for standard, _, lab in evaluations(graph):
        for i in range(graph.size):
            claim = not graph.evidence[i]
            if lab[i] is OUT:
                attacked = any(lab[a] is IN for a in rel.attackers[i])
                supporters_out = (
                    claim
                    and bool(rel.supporters[i])
                    and all(lab[s] is OUT for s in rel.supporters[i])
                )
                ungrounded = standard == "evidence" and claim and i not in rel.grounded
                assert attacked or supporters_out or ungrounded, (standard, i)
            elif lab[i] is IN:
                assert in_condition(graph, rel, lab, i, standard), (standard, i)


@SETTINGS
@given(graphs())
def test_conflict_free(graph: Graph) -> None:
    rel = relations(graph)
    for standard, _, lab in evaluations(graph):
        for i in range(graph.size):
            if lab[i] is IN:
                assert not any(lab[a] is IN for a in rel.attackers[i]), (standard, i)


@SETTINGS
@given(graphs())
def test_under_evidence_every_in_claim_is_grounded(graph: Graph) -> None:
    rel = relations(graph)
    ev = evaluate(load(blocks(graph)), "evidence")
    lab = labels(graph, ev)
    for i in range(graph.size):
        if lab[i] is IN:
            assert i in rel.grounded, i
            assert node_id(i) in ev.grounded, i


@SETTINGS
@given(graphs())
def test_least_fixpoint_equals_brute_force(graph: Graph) -> None:
    for standard, _, lab in evaluations(graph):
        assert lab == naive_fixpoint(graph, standard), standard


@SETTINGS
@given(graphs(relations=ATTACKS))
def test_without_support_dialectical_is_dung_grounded(graph: Graph) -> None:
    ev = evaluate(load(blocks(graph)), "dialectical")
    assert labels(graph, ev) == dung_grounded(graph)


@SETTINGS
@given(graphs(relations=ATTACKS, all_evidence=True))
def test_without_support_evidence_only_is_dung_grounded(graph: Graph) -> None:
    # When every node is evidence, support and grounding play no part under either standard.
    expected = dung_grounded(graph)
    for standard, _, lab in evaluations(graph):
        assert lab == expected, standard


@SETTINGS
@given(graphs(), st.data())
def test_order_of_blocks_does_not_matter(graph: Graph, data: st.DataObject) -> None:
    parts = blocks(graph)
    shuffled = load(data.draw(st.permutations(parts)))
    for standard, _, lab in evaluations(graph):
        assert labels(graph, evaluate(shuffled, standard)) == lab, standard


@SETTINGS
@given(graphs(), st.data())
def test_titles_do_not_matter(graph: Graph, data: st.DataObject) -> None:
    permutation = data.draw(st.permutations(range(graph.size)))
    renamed = [f"N{p}" for p in permutation]
    words = [f"Claim {chr(ord('a') + p)} {p}" for p in permutation]
    for names in (renamed, words):
        amap = load(blocks(graph, names))
        for standard, _, lab in evaluations(graph):
            assert labels(graph, evaluate(amap, standard), names) == lab, (standard, names)
