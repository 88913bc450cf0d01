"""Properties of the evaluation of premise–conclusion structures (hypothesis).

Generated briefs hold 1 to 3 reconstructed arguments of 1 to 3 steps each, a pool of
statements (some of them evidence) that the structures draw their members from, relations
between statements and arguments, undercuts under inference lines and under conclusions,
and sometimes strict mode. Each brief is written out as Argdown and read by the real
parser. The oracle below labels the map read from the brief by the rules of
docs/semantics.md ("The rules" and "Premise–conclusion structures"), by naive sweeps until
nothing changes; it reads only the model (nodes, edges, ``pcs``, ``steps``,
``premises_of``), nothing of argmap.evaluate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.evaluate import Evaluation, Verdict, evaluate

# The oracle is the strongest check: it gets the most examples.
ORACLE_SETTINGS = settings(max_examples=150, deadline=None)
SETTINGS = settings(max_examples=75, deadline=None)

STANDARDS = ("evidence", "dialectical")
IN, OUT, UNDECIDED = Verdict.IN, Verdict.OUT, Verdict.UNDECIDED

# How a statement is marked: a claim, or evidence in each way the rules name.
MARKINGS = ("", "", "", ' #evidence {cite: "Doe 2019"}', " #card", ' {source: "Roe"}')
# relation → (marker with the source below the target, marker with the source above)
MARKERS = {
    "support": ("+", "+>"),
    "attack": ("-", "->"),
    "undercut": ("_", "_>"),
    "contradiction": ("><", "><"),
}
# The relations a map's edges carry, as the rules read them.
SUPPORT_RELATIONS = {"support", "entails"}
ATTACK_RELATIONS = {"attack", "undercut", "contradiction", "contrary"}
SYMMETRIC_RELATIONS = {"contradiction", "contrary"}
# Inference lines: plain, or with rules (the {uses: …} data goes before the closing dashes).
INFERENCES = ("----", "-- modus ponens --", "-- modus ponens, defeasible --")
STRICT = "===\nmodel:\n  mode: strict\n==="


# -- generated briefs ------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One inference of a structure, with the premises written before it (the previous
    conclusion is a premise too) and the conclusion it leads to. Members are statement
    numbers; ``uses`` names earlier members by position in the structure."""

    premises: tuple[int, ...]
    conclusion: int
    inference: int  # index in INFERENCES
    uses: tuple[int, ...] | None
    line_undercuts: tuple[tuple[str, int], ...]  # (marker, statement) under the inference line
    conclusion_undercuts: tuple[tuple[str, int], ...]  # (marker, statement) under the conclusion


@dataclass(frozen=True)
class Structure:
    steps: tuple[Step, ...]
    # (position of the member, marker, statement): a relation written under a member line
    member_relations: tuple[tuple[int, str, int], ...]

    @property
    def members(self) -> list[int]:
        return [statement for step in self.steps for statement in (*step.premises, step.conclusion)]


@dataclass(frozen=True)
class Brief:
    markings: tuple[str, ...]  # of each statement N0, N1, …
    structures: tuple[Structure, ...]  # of each reconstructed argument A0, A1, …
    plain: int  # how many arguments B0, B1, … without a structure
    # (source label, target label, relation, how written: "forwards", "backwards" or
    # "nested" under the argument block of one of its ends)
    relations: tuple[tuple[str, str, str, str], ...]
    strict: bool


def statement(i: int) -> str:
    return f"[N{i}]"


def argument(j: int) -> str:
    return f"<A{j}>"


def reconstructed(label: str) -> bool:
    return label.startswith("<A")


# A brief needs many choices; hypothesis's time goes to drawing them, not to the test. So
# each group of choices is one integer, decoded here (shrinking it still gives smaller,
# earlier choices).


def pick(draw: st.DrawFn, *options: Sequence[Any]) -> tuple[Any, ...]:
    """One element of each of ``options``, from one draw."""
    index = draw(st.integers(0, math.prod(len(o) for o in options) - 1))
    result: list[Any] = []
    for choices in reversed(options):
        index, at = divmod(index, len(choices))
        result.append(choices[at])
    return tuple(reversed(result))


def arrangement(draw: st.DrawFn, pool: int, size: int) -> list[int]:
    """``size`` different numbers below ``pool``, in any order, from one draw."""
    index = draw(st.integers(0, math.perm(pool, size) - 1))
    left, result = list(range(pool)), []
    for _ in range(size):
        index, at = divmod(index, len(left))
        result.append(left.pop(at))
    return result


RELATION_KINDS = ("support", "attack", "support", "attack", "undercut", "contradiction")
WRITTEN = ("forwards", "backwards", "nested")


@st.composite
def briefs(draw: st.DrawFn, uses: bool = True) -> Brief:
    # For each argument, how many premises each step adds: 1 to 3 before the first
    # inference, 0 to 2 before each later one (whose premises include the previous
    # conclusion), so every step has 1 to 3 premises.
    shapes = draw(
        st.lists(st.lists(st.integers(0, 2), min_size=1, max_size=3), min_size=1, max_size=3)
    )
    sizes = [1 + sum(added + 1 for added in shape) for shape in shapes]
    pool = draw(st.integers(max(sizes), max(sizes) + 4))
    markings = pick(draw, *[MARKINGS] * pool)
    undercuts: list[tuple[str, int] | None] = [None, None]
    undercuts += [(marker, i) for i in range(pool) for marker in ("<_", "_")]
    structures = []
    for shape, size in zip(shapes, sizes, strict=True):
        # The members of one structure are different statements; structures share them.
        members = arrangement(draw, pool, size)
        steps = []
        position = 0
        for index, added in enumerate(shape):
            count = added + 1 if index == 0 else added
            premises = tuple(members[position : position + count])
            position += count
            inference, under_line, under_conclusion, named = pick(
                draw, range(len(INFERENCES)), undercuts, undercuts, range(8 if uses else 1)
            )
            steps.append(
                Step(
                    premises,
                    members[position],
                    inference,
                    # Now and then, the members the inference uses, by position.
                    tuple(draw(st.sets(st.integers(0, position - 1), min_size=1, max_size=3)))
                    if named == 7
                    else None,
                    (under_line,) if under_line else (),
                    (under_conclusion,) if under_conclusion else (),
                )
            )
            position += 1
        member_relations = tuple(
            (at, marker, other)
            for at, marker, other in (
                pick(draw, range(size), ("+", "-", "+>", "->"), range(pool))
                for _ in range(draw(st.integers(0, 2)))
            )
            if members[at] != other
        )
        structures.append(Structure(tuple(steps), member_relations))
    plain = draw(st.integers(0, 1))
    labels = [statement(i) for i in range(pool)] + [argument(j) for j in range(len(shapes))]
    labels += [f"<B{k}>" for k in range(plain)]
    relations = []
    for _ in range(draw(st.integers(0, 2 + pool // 2))):
        source, target, relation, written = pick(draw, labels, labels, RELATION_KINDS, WRITTEN)
        arguments = [end for end in (source, target) if end.startswith("<")]
        if source == target or (relation == "contradiction" and arguments):
            continue  # Argdown's contradictions are between statements
        if written == "nested" and not any(map(reconstructed, arguments)):
            written = "forwards"
        relations.append((source, target, relation, written))
    strict = draw(st.integers(0, 3)) == 3
    return Brief(markings, tuple(structures), plain, tuple(relations), strict)


def default_numbers(brief: Brief) -> list[list[int]]:
    return [list(range(1, len(s.members) + 1)) for s in brief.structures]


def blocks(brief: Brief, numbers: list[list[int]] | None = None) -> list[str]:
    """The brief's top-level blocks (without front matter): one definition per statement,
    one block per relation not nested, and for each argument its definition block with
    its structure right after it. ``numbers`` are written in "(n)" (default 1, 2, …)."""
    numbers = numbers or default_numbers(brief)
    result = [f"[N{i}]: Statement {i}.{marking}" for i, marking in enumerate(brief.markings)]
    result += [f"<B{k}>: Argument without a structure {k}." for k in range(brief.plain)]
    nested: dict[str, list[str]] = {argument(j): [] for j in range(len(brief.structures))}
    for source, target, relation, written in brief.relations:
        backwards, forwards = MARKERS[relation]
        if written == "nested":
            if reconstructed(source):
                nested[source].append(f"  {forwards} {target}")
            else:
                nested[target].append(f"  {backwards} {source}")
        elif written == "forwards":
            result.append(f"{source}\n  {forwards} {target}")
        else:
            result.append(f"{target}\n  {backwards} {source}")
    for j, structure in enumerate(brief.structures):
        head = "\n".join([f"{argument(j)}: Argument {j}.", *nested[argument(j)]])
        result.append(head + "\n\n" + pcs(structure, numbers[j]))
    return result


def pcs(structure: Structure, numbers: list[int]) -> str:
    lines: list[str] = []
    under: dict[int, list[str]] = {}
    for at, marker, other in structure.member_relations:
        under.setdefault(at, []).append(f"  {marker} {statement(other)}")
    position = 0

    def member(i: int) -> None:
        nonlocal position
        lines.append(f"({numbers[position]}) {statement(i)}")
        lines.extend(under.get(position, []))
        position += 1

    for step in structure.steps:
        for premise in step.premises:
            member(premise)
        line = INFERENCES[step.inference]
        if step.uses:
            named = ", ".join(str(numbers[at]) for at in step.uses)
            line = f"-- modus ponens {{uses: [{named}]}} --"
        lines.append(line)
        lines.extend(f"  {marker} {statement(i)}" for marker, i in step.line_undercuts)
        lines.append(f"({numbers[position]}) {statement(step.conclusion)}")
        lines.extend(f"  {marker} {statement(i)}" for marker, i in step.conclusion_undercuts)
        lines.extend(under.get(position, []))
        position += 1
    return "\n".join(lines)


def load(brief: Brief, parts: list[str]) -> argmap.ArgumentMap:
    text = "\n\n".join([STRICT, *parts] if brief.strict else parts) + "\n"
    amap = argmap.loads(text)
    assert not amap.diagnostics, (text, [d.message for d in amap.diagnostics])
    return amap


# -- the rules, applied to the map by brute force -------------------------------------------

# A node of the map, or one inference of a reconstructed argument: (node id, index in its
# pcs of the conclusion the inference leads to), -1 for a node that is not reconstructed.
# A reconstructed argument is its last inference.
Vertex = tuple[str, int]


@dataclass
class Rules:
    """What the rules read, from the map: attackers, supporters, premises of each step,
    evidence and grounded vertices."""

    vertices: list[Vertex]
    where: dict[str, Vertex]  # each node id → its vertex
    attackers: dict[Vertex, set[Vertex]]
    supporters: dict[Vertex, set[Vertex]]
    premises: dict[Vertex, list[Vertex]]  # of each step; absent for ordinary nodes
    evidence: set[Vertex]
    grounded: set[Vertex]


def is_evidence(node: argmap.model.Node) -> bool:
    """Tagged #evidence or #card, or with cite, source or url data; never an argument."""
    if node.type != "statement":
        return False
    return bool({"evidence", "card"} & set(node.tags)) or any(
        key in node.data for key in ("cite", "source", "url")
    )


def rules(amap: argmap.ArgumentMap) -> Rules:
    nodes = {node.id: node for node in amap.nodes}
    where = {node.id: (node.id, node.steps[-1] if node.pcs else -1) for node in nodes.values()}
    vertices = [
        (node.id, step) for node in nodes.values() for step in (node.steps if node.pcs else [-1])
    ]
    attackers: dict[Vertex, set[Vertex]] = {v: set() for v in vertices}
    supporters: dict[Vertex, set[Vertex]] = {v: set() for v in vertices}
    premises: dict[Vertex, list[Vertex]] = {}
    for edge in amap.edges:
        source = where[edge.source]
        if edge.relation in SUPPORT_RELATIONS:
            # A reconstructed argument stands on its premises alone.
            if not nodes[edge.target].pcs:
                supporters[where[edge.target]].add(source)
            continue
        assert edge.relation in ATTACK_RELATIONS, edge
        # An undercut of an inference hits that inference; anything else on an argument
        # hits its last one.
        target = where[edge.target] if edge.step is None else (edge.target, edge.step)
        attackers[target].add(source)
        if edge.relation in SYMMETRIC_RELATIONS:
            attackers[source].add(target)
    for node in nodes.values():
        for step in node.steps if node.pcs else []:
            premises[(node.id, step)] = [where[p] for p in node.premises_of(step)]
            supporters[where[node.pcs[step].statement]].add((node.id, step))
    evidence = {where[node.id] for node in nodes.values() if is_evidence(node)}
    grounded = set(evidence)
    changed = True
    while changed:
        changed = False
        for v in vertices:
            if v in grounded:
                continue
            if v in premises:
                now = all(p in grounded for p in premises[v])
            else:
                now = bool(supporters[v] & grounded)
            if now:
                grounded.add(v)
                changed = True
    return Rules(vertices, where, attackers, supporters, premises, evidence, grounded)


def in_rule(r: Rules, lab: dict[Vertex, Verdict], v: Vertex, standard: str) -> bool:
    if not all(lab[a] is OUT for a in r.attackers[v]):
        return False
    if v in r.premises:  # a step: conjunctive
        return all(lab[p] is IN for p in r.premises[v])
    return (
        v in r.evidence
        or any(lab[s] is IN for s in r.supporters[v])
        or (standard == "dialectical" and not r.supporters[v])
    )


def out_rule(r: Rules, lab: dict[Vertex, Verdict], v: Vertex, standard: str) -> bool:
    if any(lab[a] is IN for a in r.attackers[v]):
        return True
    if v in r.evidence:
        return False
    if standard == "evidence" and v not in r.grounded:
        return True
    if v in r.premises:
        return any(lab[p] is OUT for p in r.premises[v])
    return bool(r.supporters[v]) and all(lab[s] is OUT for s in r.supporters[v])


def oracle(
    amap: argmap.ArgumentMap, standard: str
) -> tuple[dict[str, Verdict], dict[Vertex, Verdict]]:
    """Every node's and every step's verdict: the least fixpoint by naive sweeps."""
    r = rules(amap)
    lab = dict.fromkeys(r.vertices, UNDECIDED)
    changed = True
    while changed:
        changed = False
        for v in r.vertices:
            if lab[v] is not UNDECIDED:
                continue
            is_in, is_out = in_rule(r, lab, v, standard), out_rule(r, lab, v, standard)
            assert not (is_in and is_out), ("the rules contradict each other", v)
            if is_in or is_out:
                lab[v] = IN if is_in else OUT
                changed = True
    verdicts = {node_id: lab[v] for node_id, v in r.where.items()}
    steps = {v: lab[v] for v in r.vertices if v in r.premises}
    return verdicts, steps


def evaluations(amap: argmap.ArgumentMap) -> list[tuple[str, Evaluation]]:
    return [(standard, evaluate(amap, standard)) for standard in STANDARDS]


def outcome(ev: Evaluation) -> tuple[dict[str, Verdict], dict[Vertex, Verdict]]:
    return dict(ev.verdicts), dict(ev.steps)


# -- properties ----------------------------------------------------------------------------


@ORACLE_SETTINGS
@given(briefs())
def test_verdicts_equal_the_brute_force_oracle(brief: Brief) -> None:
    amap = load(brief, blocks(brief))
    assert len([node for node in amap.nodes if node.pcs]) == len(brief.structures)
    r = rules(amap)
    expected_evidence = {f"statement:N{i}" for i, m in enumerate(brief.markings) if m}
    assert {node_id for node_id, _ in r.evidence} == expected_evidence
    for standard, ev in evaluations(amap):
        assert outcome(ev) == oracle(amap, standard), standard
        if standard == "evidence":
            assert ev.grounded == {node_id for node_id, v in r.where.items() if v in r.grounded}


@SETTINGS
@given(briefs())
def test_conflict_free(brief: Brief) -> None:
    amap = load(brief, blocks(brief))
    r = rules(amap)
    for standard, ev in evaluations(amap):
        lab = {v: ev.verdicts[node_id] for node_id, v in r.where.items()}
        lab.update(ev.steps)
        assert set(lab) == set(r.vertices), standard
        for v in r.vertices:
            if lab[v] is not IN:
                continue
            assert not [a for a in r.attackers[v] if lab[a] is IN], (standard, v)
            if v in r.premises:
                assert not [p for p in r.premises[v] if lab[p] is OUT], (standard, v)


@st.composite
def renumberings(draw: st.DrawFn, brief: Brief) -> list[list[int]]:
    """Numbers for the members of each structure: reversed, or anything (with repeats,
    gaps, zero, out of order)."""
    result = []
    for size in (len(s.members) for s in brief.structures):
        reverse = list(range(size, 0, -1))
        anything = st.lists(st.integers(0, 30), min_size=size, max_size=size)
        result.append(draw(st.one_of(st.just(reverse), anything)))
    return result


@SETTINGS
@given(st.data())
def test_numbers_of_members_do_not_matter(data: st.DataObject) -> None:
    brief = data.draw(briefs(uses=False))
    numbers = data.draw(renumberings(brief))
    amap = load(brief, blocks(brief))
    renumbered = load(brief, blocks(brief, numbers))
    written = {node.id: [m.number for m in node.pcs] for node in renumbered.nodes if node.pcs}
    assert written == {f"argument:A{j}": n for j, n in enumerate(numbers)}  # as written
    for standard, ev in evaluations(amap):
        assert outcome(evaluate(renumbered, standard)) == outcome(ev), standard


@SETTINGS
@given(briefs(), st.data())
def test_order_of_blocks_does_not_matter(brief: Brief, data: st.DataObject) -> None:
    parts = blocks(brief)
    amap = load(brief, parts)
    shuffled = load(brief, data.draw(st.permutations(parts)))
    for standard, ev in evaluations(amap):
        assert outcome(evaluate(shuffled, standard)) == outcome(ev), standard


# -- where the page and the map disagree -----------------------------------------------------

# S attacks premise P of A's first step and, written under <A>, A itself; C1, the first
# step's conclusion, stands on other evidence, so only the attack on A can take A's last
# step down.
ATTACK_ON_ARGUMENT_AND_PREMISE = """\
<A>: An argument.
  - [S]: A rebuttal. #evidence {cite: "Doe 2019"}

(1) [P]: A premise. #evidence {cite: "Roe 2020"}
  - [S]
----
(2) [C1]: An intermediary conclusion.
  + [E]: Other evidence. #evidence {cite: "Poe 2021"}
----
(3) [C2]: The main conclusion.
"""


@pytest.mark.parametrize("standard", STANDARDS)
def test_an_attack_on_the_argument_by_an_attacker_of_its_premise_is_that_attack(
    standard: str,
) -> None:
    # docs/semantics.md: a statement that attacks a premise of a reconstructed argument
    # and the argument itself makes one attack, on the premise (as Argdown reads it).
    amap = argmap.loads(ATTACK_ON_ARGUMENT_AND_PREMISE)
    assert not amap.diagnostics
    assert [(e.source, e.target) for e in amap.edges if e.relation == "attack"] == [
        ("statement:S", "statement:P")
    ]
    ev = evaluate(amap, standard)
    assert (ev.verdicts["statement:S"], ev.verdicts["statement:P"]) == (IN, OUT)
    # [C1] has other evidence, so the step from it stands, and with it <A>.
    assert (ev.verdicts["statement:C1"], ev.steps[("argument:A", 2)]) == (IN, IN)
    assert ev.verdicts["argument:A"] is IN
