"""Which claims stand: labelling every node ``in``, ``out`` or ``undecided``, and why.

The labelling is the least fixpoint of two rules (docs/semantics.md), computed with a
worklist in time linear in the size of the map, without recursion:

- a node is **out** if some attacker is in; or if it is a claim whose supporters are all
  out (and it has some); or, under the ``evidence`` standard, if it is a claim that no
  chain of support connects to evidence (it is not *grounded*);
- a node is **in** if every attacker is out and it is evidence, or some supporter is in,
  or (under the ``dialectical`` and ``round`` standards) nothing supports it.

Under the ``round`` standard a *turn* (a node tagged ``#turn`` or with data ``turn:
true``) also says the opposite of what it attacks: whatever the attacked node supports,
the turn attacks, and whatever it attacks, the turn supports (docs/semantics.md).

Attackers are the nodes that attack, undercut or contradict a node; supporters the nodes
that support it. Everything neither in nor out at the fixpoint is undecided.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import compress

from argmap.model import SUPPORTS, Adjacency, ArgumentMap, Node

__all__ = [
    "ASCII_VERDICT_SYMBOLS",
    "TURN_TAG",
    "VERDICT_SYMBOLS",
    "Evaluation",
    "Standard",
    "Verdict",
    "evaluate",
    "is_turn",
]


class Verdict(str, enum.Enum):
    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"


# Symbols that tell verdicts apart without colour, in every view and export.
VERDICT_SYMBOLS = {Verdict.IN: "✓", Verdict.OUT: "✗", Verdict.UNDECIDED: "?"}
# The verdicts in ASCII (--ascii): words, since the ASCII symbols + - _ >< are relations.
ASCII_VERDICT_SYMBOLS = {Verdict.IN: "(in)", Verdict.OUT: "(out)", Verdict.UNDECIDED: "(undecided)"}


class Standard(str, enum.Enum):
    """How much a claim needs to stand: evidence behind it, or only no defeater; ``round``
    is ``dialectical`` with turns counting for the side that made them."""

    EVIDENCE = "evidence"
    DIALECTICAL = "dialectical"
    ROUND = "round"


# What marks a turn (under the round standard): this tag, or this data key set to true.
TURN_TAG = "turn"


@dataclass
class Evaluation:
    """The verdict of every node, and what the verdicts rest on.

    ``attackers`` and ``supporters`` give, for each node id, the ids of the nodes that
    attack (undercut, contradict) or support it, each once, in order of appearance.
    """

    standard: Standard
    verdicts: dict[str, Verdict]
    grounded: set[str]
    attackers: Mapping[str, list[str]]
    supporters: Mapping[str, list[str]]
    # The rule that decided each in/out node: "attacked", "supporters-out",
    # "not-grounded", "evidence", "supported", "unsupported-standing", and for a
    # reconstructed argument "premises-in" or "premise-out".
    reasons: dict[str, str] = field(default_factory=dict)
    # The verdict of each inference of a premise–conclusion structure, by (argument id,
    # index in its pcs of the conclusion the inference leads to). An argument's verdict
    # is its last inference's.
    steps: dict[tuple[str, int], Verdict] = field(default_factory=dict)

    def verdict(self, node_id: str) -> Verdict:
        return self.verdicts[node_id]

    def count(self, verdict: Verdict) -> int:
        return sum(1 for v in self.verdicts.values() if v is verdict)


def evaluate(amap: ArgumentMap, standard: Standard | str = Standard.EVIDENCE) -> Evaluation:
    """Label every node of ``amap`` in, out or undecided under ``standard``, and every
    inference of a premise–conclusion structure (:attr:`Evaluation.steps`).

    >>> import argmap
    >>> amap = argmap.loads("[C]: Claim.\\n  + [E]: A study. #evidence")
    >>> ev = evaluate(amap)
    >>> ev.verdict("statement:C").value, ev.verdict("statement:E").value
    ('in', 'in')
    """
    standard = Standard(standard)
    # Under the round standard, as under the dialectical one, an analytic argument counts.
    dialectical = standard is not Standard.EVIDENCE
    graph = _Graph.of(amap)
    # Supports that count only once their supporter is in: a turn's for the other side.
    boosts: dict[int, list[int]] = {}
    if standard is Standard.ROUND:
        turns = [graph.number[node.id] for node in amap.nodes if is_turn(node)]
        if turns:
            boosts = _add_turns(graph, turns)
    attackers, supporters = graph.attackers, graph.supporters
    attacks, supports = graph.attacks, graph.supports
    premises, premise_of, conjunctive = graph.premises, graph.premise_of, graph.conjunctive
    evidence = graph.evidence
    has_steps = bool(graph.steps)  # the loops over premise_of only matter then
    total = len(evidence)
    grounded = _grounded(graph)
    IN, OUT, UNDECIDED = Verdict.IN, Verdict.OUT, Verdict.UNDECIDED  # faster as locals
    verdicts = [UNDECIDED] * total
    reasons = [""] * total  # none until the node is labelled
    attackers_out = [0] * total
    supporters_out = [0] * total
    supporter_in = [False] * total
    premises_in = [0] * total
    # How many turns help each node they help (see _add_turns), and how many of them are
    # out: a node whose supporters are all out still stands while a turn may carry it.
    helpers: dict[int, int] = {}
    for targets in boosts.values():
        for target in targets:
            helpers[target] = helpers.get(target, 0) + 1
    helpers_out: dict[int, int] = {}

    queue: deque[int] = deque()

    def label(node: int, verdict: Verdict, reason: str) -> None:
        verdicts[node] = verdict
        reasons[node] = reason
        queue.append(node)

    def try_in(node: int) -> None:
        if verdicts[node] is not UNDECIDED:
            return
        if attackers_out[node] != len(attackers[node]):
            return
        if conjunctive[node]:
            if premises_in[node] == len(premises[node]):
                label(node, IN, "premises-in")
        elif evidence[node]:
            label(node, IN, "evidence")
        elif supporter_in[node]:
            label(node, IN, "supported")
        elif dialectical and not supporters[node]:
            label(node, IN, "unsupported-standing")

    # try_in for every node without attackers, before any node is labelled: with no
    # supporter or premise in yet, such a node is in only as evidence, as standing
    # unsupported, or as an inference with no premises.
    for node in range(total):
        if not dialectical and not grounded[node]:
            label(node, OUT, "not-grounded")
        elif attackers[node]:
            continue
        elif conjunctive[node]:
            if not premises[node]:
                label(node, IN, "premises-in")
        elif evidence[node]:
            label(node, IN, "evidence")
        elif dialectical and not supporters[node]:
            label(node, IN, "unsupported-standing")

    while queue:
        node = queue.popleft()
        if verdicts[node] is IN:
            for target in attacks[node]:
                if verdicts[target] is UNDECIDED:
                    label(target, OUT, "attacked")
            for target in supports[node]:
                supporter_in[target] = True
                # try_in, knowing that a supporter is in: where most nodes are labelled.
                if verdicts[target] is not UNDECIDED:
                    continue
                if attackers_out[target] == len(attackers[target]):
                    label(target, IN, "evidence" if evidence[target] else "supported")
            if has_steps:
                for step in premise_of[node]:
                    premises_in[step] += 1
                    try_in(step)
            if boosts:
                for target in boosts.get(node, ()):
                    supporter_in[target] = True
                    try_in(target)
        else:
            for target in attacks[node]:
                attackers_out[target] += 1
                try_in(target)
            for target in supports[node]:
                supporters_out[target] += 1
                if (
                    verdicts[target] is UNDECIDED
                    and not evidence[target]
                    and supporters_out[target] == len(supporters[target])
                    and (not boosts or helpers_out.get(target, 0) == helpers.get(target, 0))
                ):
                    label(target, OUT, "supporters-out")
            if has_steps:
                for step in premise_of[node]:
                    if verdicts[step] is UNDECIDED:
                        label(step, OUT, "premise-out")
            if boosts:
                for target in boosts.get(node, ()):
                    helpers_out[target] = helpers_out.get(target, 0) + 1
                    if (
                        verdicts[target] is UNDECIDED
                        and not evidence[target]
                        and supporters[target]
                        and supporters_out[target] == len(supporters[target])
                        and helpers_out[target] == helpers[target]
                    ):
                        label(target, OUT, "supporters-out")
    ids = graph.ids
    count = len(ids)
    return Evaluation(
        standard,
        dict(zip(ids, verdicts[:count], strict=True)),
        set(compress(ids, grounded[:count])),
        _ById(graph, attackers),
        # What a reconstructed argument rests on is its last inference's premises; a turn
        # that helps a node is among its supporters.
        _ById(graph, _with_boosts(_with_premises(graph) if has_steps else supporters, boosts)),
        dict(compress(zip(ids, reasons[:count], strict=True), reasons[:count])),
        {key: verdicts[step] for key, step in graph.steps.items()},
    )


@dataclass
class _Graph:
    """What the evaluation visits, by number: the map's nodes (``ids``, numbered as in
    :class:`~argmap.model.Adjacency`) and then the inferences of premise–conclusion
    structures that are not the last of their argument (the last one is the argument).

    An inference (a *conjunctive* node) stands on ``premises``, all of them, and supports
    its conclusion; ``premise_of`` lists the inferences each node is a premise of. The
    other nodes are *disjunctive*: one supporter that stands carries them.
    """

    ids: list[str]
    number: dict[str, int]  # of each map node
    owner: list[int]  # for each number, the map node it is or belongs to
    evidence: list[bool]
    conjunctive: list[bool]
    supporters: list[list[int]]
    supports: list[list[int]]
    attackers: list[list[int]]
    attacks: list[list[int]]
    premises: list[list[int]]
    premise_of: list[list[int]]
    steps: dict[tuple[str, int], int]  # (argument id, step) → number

    @classmethod
    def of(cls, amap: ArgumentMap) -> _Graph:
        nodes = amap.nodes
        reconstructed = [node for node in nodes if node.pcs]
        evidence = [node.is_evidence for node in nodes]
        count = len(nodes)
        empty: list[int] = []  # shared by every node without premises or inferences
        if not reconstructed:
            adjacency = amap.adjacency
            return cls(
                adjacency.ids,
                adjacency.number,
                list(range(count)),
                evidence,
                [False] * count,
                adjacency.supporters,
                adjacency.supports,
                adjacency.attackers,
                adjacency.attacks,
                [empty] * count,
                [empty] * count,
                {},
            )
        # The relations without the links of an argument to its structure (the adjacency
        # the rules read has them); without supports of a reconstructed argument, which
        # stands on its premises alone; and without the undercuts of an inference that is
        # not the argument's last: those go to the inference's own number below.
        last = {node.id: len(node.pcs) - 1 for node in reconstructed}
        edges = [
            edge for edge in amap.edges if edge.target not in last or edge.relation not in SUPPORTS
        ]
        inner = [edge for edge in edges if edge.step is not None and edge.step != last[edge.target]]
        lists = Adjacency.of(
            (node.id for node in nodes),
            (edge for edge in edges if edge.step is None or edge.step == last[edge.target]),
        )
        number = lists.number
        # The lists are this graph's own, but an empty one may be shared by many nodes:
        # _append replaces it rather than add to it. (Copying every list instead made
        # this 0.28 s of CPU for a 100,000-statement brief with structures, not 0.22 s.)
        graph = cls(
            lists.ids,
            number,
            list(range(count)),
            evidence,
            [False] * count,
            lists.supporters,
            lists.supports,
            lists.attackers,
            lists.attacks,
            [empty] * count,
            [empty] * count,
            {},
        )
        for argument in reconstructed:
            at = number[argument.id]
            steps = argument.steps
            for index, step in enumerate(steps):
                node = at if index == len(steps) - 1 else graph._add(at)
                graph.steps[(argument.id, step)] = node
                graph.conjunctive[node] = True
                # In a part of a map (see ArgumentMap.restricted) some statements of a
                # structure may be left out: the inference rests on those it has.
                graph.premises[node] = [
                    number[premise] for premise in argument.premises_of(step) if premise in number
                ]
                for premise in graph.premises[node]:
                    _append(graph.premise_of, premise, node)
                conclusion = number.get(argument.pcs[step].statement)
                if conclusion is not None:
                    _append(graph.supporters, conclusion, node)
                    _append(graph.supports, node, conclusion)
        for edge in inner:
            source, target = number[edge.source], graph.steps[(edge.target, edge.step or 0)]
            _append(graph.attackers, target, source)
            _append(graph.attacks, source, target)
        return graph

    def _add(self, owner: int, conjunctive: bool = True) -> int:
        """A new number for an inference of the argument numbered ``owner`` (or, not
        ``conjunctive``, for another node that belongs to it)."""
        self.owner.append(owner)
        for lists in (
            self.supporters,
            self.supports,
            self.attackers,
            self.attacks,
            self.premises,
            self.premise_of,
        ):
            lists.append([])
        self.evidence.append(False)
        self.conjunctive.append(conjunctive)
        return len(self.owner) - 1


def _append(lists: list[list[int]], at: int, item: int) -> None:
    """Add ``item`` to ``lists[at]``; an empty list may be shared, so it is replaced."""
    if lists[at]:
        lists[at].append(item)
    else:
        lists[at] = [item]


class _ById(Mapping[str, list[str]]):
    """Lists of numbers of a :class:`_Graph` read by node id, giving node ids; an
    inference is named by its argument."""

    def __init__(self, graph: _Graph, lists: list[list[int]]) -> None:
        self._graph = graph
        self._number = graph.number
        self._lists = lists

    def __getitem__(self, node_id: str) -> list[str]:
        ids, owner = self._graph.ids, self._graph.owner
        named = [ids[owner[other]] for other in self._lists[self._number[node_id]]]
        return list(dict.fromkeys(named)) if len(named) > 1 else named

    def __iter__(self) -> Iterator[str]:
        return iter(self._graph.ids)

    def __len__(self) -> int:
        return len(self._graph.ids)


def is_turn(node: Node) -> bool:
    """Whether ``node`` is a turn: tagged ``#turn`` or with data ``turn: true``."""
    return TURN_TAG in node.tags or node.data.get(TURN_TAG) is True


def _add_turns(graph: _Graph, turns: list[int]) -> dict[int, list[int]]:
    """Give ``graph`` what the turns among its nodes say for their side, and return the
    supports that count only once their supporter is in, by supporter.

    A turn of X says the opposite of X. Each turned X gets one new node, "not X", which
    the turns of X support (so it stands if one of them does): it attacks what X
    supports, and supports what X attacks. Its supports only *help*: a failed turn must
    not make a node fall for lack of support, so they are not among the node's
    supporters but in the returned lists. One node per turned X, not per turn, keeps the
    graph linear in size however many turns answer the same argument.
    """
    # The adjacency lists may be the map's own: copy each list before it changes.
    for name in ("supporters", "supports", "attackers", "attacks", "premises", "premise_of"):
        setattr(graph, name, list(getattr(graph, name)))
    copied: set[tuple[int, int]] = set()

    def add(lists: list[list[int]], kind: int, at: int, item: int) -> None:
        if (kind, at) not in copied:
            copied.add((kind, at))
            lists[at] = [*lists[at], item]
        else:
            lists[at].append(item)

    turns_of: dict[int, list[int]] = {}  # each turned node X → the turns of X
    for turn in turns:
        for target in graph.attacks[turn]:
            if target != turn:
                turns_of.setdefault(target, []).append(turn)
    # First every "not X" and the turns' support of it, then what each "not X" attacks
    # and helps: a turn can be turned too, and "not X" then attacks the "not Y" that X
    # supports, whichever comes first.
    negations: dict[int, int] = {}
    for target, its_turns in turns_of.items():
        # Named after the first turn of X in a trace: it is that turn's doing.
        negation = negations[target] = graph._add(its_turns[0], conjunctive=False)
        for turn in its_turns:
            add(graph.supporters, 2, negation, turn)
            add(graph.supports, 3, turn, negation)
    boosts: dict[int, list[int]] = {}
    for target, negation in negations.items():
        # "not X" leaves the turns of X alone: a turn neither attacks nor helps itself.
        mine = set(turns_of[target])
        for supported in graph.supports[target]:
            if supported not in mine:
                add(graph.attacks, 0, negation, supported)
                add(graph.attackers, 1, supported, negation)
        boosts[negation] = [n for n in graph.attacks[target] if n not in mine]
    return boosts


def _with_boosts(lists: list[list[int]], boosts: dict[int, list[int]]) -> list[list[int]]:
    """``lists`` of supporters with the supporters of :func:`_add_turns`'s boosts added."""
    if not boosts:
        return lists
    added: dict[int, list[int]] = {}
    for supporter, targets in boosts.items():
        for target in targets:
            added.setdefault(target, []).append(supporter)
    result = list(lists)
    for target, more in added.items():
        result[target] = [*result[target], *more]
    return result


def _with_premises(graph: _Graph) -> list[list[int]]:
    """The supporters of each node, and for an inference its premises instead."""
    return [
        premises if conjunctive else supporters
        for premises, supporters, conjunctive in zip(
            graph.premises, graph.supporters, graph.conjunctive, strict=True
        )
    ]


def _grounded(graph: _Graph) -> list[bool]:
    """Evidence, every node some chain of support connects to evidence, and every
    inference whose premises are all grounded (by number)."""
    grounded = list(graph.evidence)
    supports, premise_of, premises = graph.supports, graph.premise_of, graph.premises
    found = [0] * len(grounded)  # grounded premises of each inference
    has_steps = bool(graph.steps)
    stack = list(compress(range(len(grounded)), grounded))
    while stack:
        node = stack.pop()
        for target in supports[node]:
            if not grounded[target]:
                grounded[target] = True
                stack.append(target)
        if has_steps:
            for step in premise_of[node]:
                found[step] += 1
                if found[step] == len(premises[step]) and not grounded[step]:
                    grounded[step] = True
                    stack.append(step)
    return grounded
