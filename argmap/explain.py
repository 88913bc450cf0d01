"""Why a node has its verdict: support chains down to evidence, attackers, the deciding rule."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from argmap.evaluate import Evaluation, Verdict
from argmap.model import ArgumentMap, Node

__all__ = ["Explanation", "Step", "explain", "reason", "step", "steps_to", "why_broken"]


@dataclass
class Step:
    """One inference of a premise–conclusion structure: the index of its conclusion in
    the argument's pcs, its verdict, and why."""

    argument: str
    step: int
    conclusion: str
    verdict: Verdict
    premises: list[tuple[str, Verdict]]
    undercutters: list[tuple[str, Verdict]]
    reason: str


@dataclass
class Explanation:
    """The verdict of one node and the reasoning behind it, as plain sentences."""

    node: str
    verdict: Verdict
    reason: str
    chains: list[list[str]] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    attackers: list[tuple[str, Verdict]] = field(default_factory=list)
    supporters: list[tuple[str, Verdict]] = field(default_factory=list)
    # For a reconstructed argument, each of its inferences; for a conclusion, the
    # inferences that lead to it.
    steps: list[Step] = field(default_factory=list)


def _label(amap: ArgumentMap, node_id: str) -> str:
    return amap.node(node_id).label


def _names(amap: ArgumentMap, ids: list[str], limit: int = 4) -> str:
    shown = [_label(amap, i) for i in ids[:limit]]
    if len(ids) > limit:
        shown.append(f"{len(ids) - limit} more")
    return ", ".join(shown)


def step(amap: ArgumentMap, ev: Evaluation, argument_id: str, index: int) -> Step:
    """The inference of ``argument_id`` that leads to ``pcs[index]``, explained."""
    argument = amap.node(argument_id)
    conclusion = argument.pcs[index].statement
    last = index == len(argument.pcs) - 1
    verdict = ev.steps.get((argument_id, index), Verdict.UNDECIDED)
    premises = [(p, ev.verdicts[p]) for p in argument.premises_of(index)]
    # Undercuts of this inference; for the last, attacks on the argument too.
    against = {
        edge.source: edge.relation
        for edge in amap.incoming(argument_id)
        if edge.step == index or (last and edge.step is None and edge.relation != "support")
    }
    cut = [(u, ev.verdicts[u]) for u in against]
    name = f"the inference of {argument.label} to {_label(amap, conclusion)}"
    standing = [u for u, v in cut if v is Verdict.IN]
    failing = [p for p, v in premises if v is Verdict.OUT]
    if verdict is Verdict.OUT and standing:
        which = "stands" if len(standing) == 1 else "stand"
        how = "undercut" if all(against[u] == "undercut" for u in standing) else "attacked"
        why = f"{name} is {how} by {_names(amap, standing)}, which {which}"
    elif verdict is Verdict.OUT and failing:
        which = "premise" if len(failing) == 1 else "premises"
        why = f"{name} fails: its {which} {_names(amap, failing)} {_is_out(failing)}"
    elif verdict is Verdict.OUT:
        why = f"{name} fails: its premises do not all reach evidence (the evidence standard)"
    elif verdict is Verdict.IN:
        why = f"{name} stands: every premise is in, and nothing that undercuts it stands"
    else:
        open_ = [p for p, v in premises if v is Verdict.UNDECIDED]
        open_ += [u for u, v in cut if v is Verdict.UNDECIDED]
        why = f"{name} is undecided: it depends on {_names(amap, open_)}, undecided"
    return Step(argument_id, index, conclusion, verdict, premises, cut, why)


def steps_to(amap: ArgumentMap, ev: Evaluation, node_id: str) -> list[Step]:
    """The inferences of reconstructed arguments that lead to ``node_id``; for a
    reconstructed argument, each of its own inferences."""
    node = amap.node(node_id)
    if node.pcs:
        return [step(amap, ev, node_id, index) for index in node.steps]
    found = []
    for supporter in ev.supporters[node_id]:
        argument = amap.node(supporter)
        for index in argument.steps:
            if argument.pcs[index].statement == node_id:
                found.append(step(amap, ev, supporter, index))
    return found


def _is_out(ids: list[str]) -> str:
    return "is out" if len(ids) == 1 else "are out"


def reason(amap: ArgumentMap, ev: Evaluation, node_id: str) -> str:
    """One sentence: why ``node_id`` is in, out or undecided."""
    node = amap.node(node_id)
    if node.pcs and node.steps:
        # A reconstructed argument stands or falls with its last inference.
        last = step(amap, ev, node_id, node.steps[-1])
        return f"{last.verdict.value}: {last.reason}"
    verdict = ev.verdicts[node_id]
    attackers = ev.attackers[node_id]
    supporters = ev.supporters[node_id]
    by = {v: [a for a in attackers if ev.verdicts[a] is v] for v in Verdict}
    # A conclusion's supporter through an inference stands or falls with that inference.
    leading = steps_to(amap, ev, node_id)
    through = {s.argument: s.verdict for s in leading}
    sup = {v: [s for s in supporters if through.get(s, ev.verdicts[s]) is v] for v in Verdict}
    why = ev.reasons.get(node_id)
    if verdict is Verdict.OUT:
        # Name every condition that holds, not only the one the fixpoint met first.
        causes = []
        if by[Verdict.IN]:
            standing = "stands" if len(by[Verdict.IN]) == 1 else "stand"
            causes.append(f"attacked by {_names(amap, by[Verdict.IN])}, which {standing} (in)")
        if supporters and len(sup[Verdict.OUT]) == len(supporters):
            failed = [s.reason for s in leading if s.verdict is Verdict.OUT]
            if failed and len(failed) == len(supporters):
                causes.extend(failed)
            else:
                causes.append(f"every supporter is out ({_names(amap, supporters)})")
        ungrounded = node_id not in ev.grounded and not amap.node(node_id).is_evidence
        said = any(s.verdict is Verdict.OUT for s in leading)  # an inference's reason says it
        if ev.standard.value == "evidence" and (why == "not-grounded" or ungrounded) and not said:
            causes.append("no chain of support reaches evidence (the evidence standard)")
        return "out: " + "; and ".join(causes or ["no rule for in applies"])
    if verdict is Verdict.IN:
        unanswered = "no attacker" if not attackers else "every attacker is out"
        if why == "evidence":
            return f"in: evidence, and {unanswered}"
        if why == "supported":
            carried = [
                f"the inference of {_label(amap, s)}" if s in through else _label(amap, s)
                for s in sup[Verdict.IN][:4]
            ]
            return f"in: supported by {', '.join(carried)} (in), and {unanswered}"
        return (
            f"in: nothing supports it, but nothing defeats it ({unanswered}; {ev.standard.value})"
        )
    if by[Verdict.UNDECIDED]:
        return f"undecided: attacked by {_names(amap, by[Verdict.UNDECIDED])}, itself undecided"
    if supporters and not sup[Verdict.IN]:
        return (
            f"undecided: its supporters ({_names(amap, sup[Verdict.UNDECIDED])}) are undecided, "
            "for example because they support each other in a circle"
        )
    return "undecided: neither the rules for in nor for out apply"


def support_chains(
    amap: ArgumentMap, ev: Evaluation, node_id: str, limit: int = 8
) -> tuple[list[list[str]], list[str]]:
    """For each direct supporter, the shortest chain of support down to evidence (from
    ``node_id`` downwards), and the supporters whose chains break (no evidence below)."""
    chains: list[list[str]] = []
    broken: list[str] = []
    if amap.node(node_id).pcs:
        return chains, broken  # a reconstructed argument rests on its steps (see steps_to)
    for supporter in ev.supporters[node_id][:limit]:
        chain = _chain_to_evidence(amap, ev, supporter, avoid=node_id)
        if chain is None:
            broken.append(supporter)
        else:
            chains.append([node_id, *chain])
    return chains, broken


def why_broken(amap: ArgumentMap, ev: Evaluation, supporter: str, above: str) -> str:
    """Why no chain of support runs from evidence up through ``supporter`` (which
    supports ``above``): the premises of its inference that have no evidence below them,
    or the nodes where its support ends."""
    premises = _premises_to(amap.node(supporter), above) or []
    missing = [premise for premise in premises if premise not in ev.grounded]
    if missing:
        which = "premise" if len(missing) == 1 else "premises"
        verb = "has" if len(missing) == 1 else "have"
        return f"its {which} {_names(amap, missing)} {verb} no evidence below"
    if not ev.supporters[supporter]:
        return "nothing supports it, and it is not evidence"
    ends = chain_ends(ev, supporter, amap=amap)
    if not ends:
        return "no evidence below it"
    which = "has" if len(ends) == 1 else "have"
    return f"its support ends at {_names(amap, ends)}, which {which} no evidence"


def _chain_to_evidence(
    amap: ArgumentMap, ev: Evaluation, start: str, avoid: str | None = None
) -> list[str] | None:
    """The shortest chain of support from evidence up to ``start``, not through ``avoid``
    (the node being explained, which ``start`` supports: a chain back through it would be
    circular)."""
    if amap.node(start).is_evidence:
        return [start]
    parent: dict[str, str | None] = {start: None}
    if avoid is not None and avoid != start:
        parent[avoid] = None
    queue = deque([start])
    while queue:
        current = queue.popleft()
        above = parent[current] if current != start else avoid
        premises = _premises_to(amap.node(current), above)
        if premises is not None and not ev.grounded.issuperset(premises):
            # The premises of one inference hold together: evidence under one of them
            # does not carry the conclusion while another has none.
            continue
        for supporter in _rests_on(amap, ev, current, above):
            if supporter in parent:
                continue
            parent[supporter] = current
            if amap.node(supporter).is_evidence:
                chain = [supporter]
                step: str | None = current
                while step is not None:
                    chain.append(step)
                    step = parent[step]
                chain.reverse()
                return chain
            queue.append(supporter)
    return None


def _rests_on(amap: ArgumentMap, ev: Evaluation, node_id: str, above: str | None) -> list[str]:
    """What ``node_id`` rests on, reached from ``above``: a reconstructed argument reached
    from one of its conclusions rests on the premises of the inference to it."""
    premises = _premises_to(amap.node(node_id), above)
    return ev.supporters[node_id] if premises is None else premises


def _premises_to(node: Node, conclusion: str | None) -> list[str] | None:
    """The premises of the inference of reconstructed argument ``node`` to ``conclusion``;
    None if ``node`` has no inference to it."""
    if node.pcs and conclusion:
        for index in node.steps:
            if node.pcs[index].statement == conclusion:
                return node.premises_of(index)
    return None


def chain_ends(
    ev: Evaluation, node_id: str, limit: int = 3, amap: ArgumentMap | None = None
) -> list[str]:
    """Where the support below a node ends without evidence: ungrounded nodes with no
    supporters, reached through ungrounded support (nearest first). With ``amap``, a
    reconstructed argument reached from a conclusion is followed to the premises of the
    inference that leads to it (see :func:`_rests_on`).

    A grounded supporter is not followed: what lies below it is not why the node has no
    evidence. (A premise grounded by its card, beside one that is not, says nothing about
    why their conclusion is not grounded.)"""
    seen = {node_id}
    queue: deque[tuple[str, str]] = deque([(node_id, "")])
    ends: list[str] = []
    grounded = ev.grounded
    while queue and len(ends) < limit:
        current, above = queue.popleft()
        below = ev.supporters[current] if amap is None else _rests_on(amap, ev, current, above)
        for supporter in below:
            if supporter in seen or supporter in grounded:
                continue
            seen.add(supporter)
            if ev.supporters[supporter]:
                queue.append((supporter, current))
            else:
                ends.append(supporter)
    return ends[:limit]


def explain(amap: ArgumentMap, ev: Evaluation, node_id: str) -> Explanation:
    """The full explanation of one node's verdict (see :func:`reason` for one line)."""
    chains, broken = support_chains(amap, ev, node_id)
    return Explanation(
        node=node_id,
        verdict=ev.verdicts[node_id],
        reason=reason(amap, ev, node_id),
        chains=chains,
        broken=broken,
        attackers=[(a, ev.verdicts[a]) for a in ev.attackers[node_id]],
        supporters=[(s, ev.verdicts[s]) for s in ev.supporters[node_id]],
        steps=steps_to(amap, ev, node_id),
    )
