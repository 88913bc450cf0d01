"""Why a node has its verdict: support chains down to evidence, attackers, the deciding rule."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from argmap.evaluate import Evaluation, Verdict
from argmap.model import ArgumentMap

__all__ = ["Explanation", "explain", "reason"]


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


def _label(amap: ArgumentMap, node_id: str) -> str:
    return amap.node(node_id).label


def _names(amap: ArgumentMap, ids: list[str], limit: int = 4) -> str:
    shown = [_label(amap, i) for i in ids[:limit]]
    if len(ids) > limit:
        shown.append(f"{len(ids) - limit} more")
    return ", ".join(shown)


def reason(amap: ArgumentMap, ev: Evaluation, node_id: str) -> str:
    """One sentence: why ``node_id`` is in, out or undecided."""
    verdict = ev.verdicts[node_id]
    attackers = ev.attackers[node_id]
    supporters = ev.supporters[node_id]
    by = {v: [a for a in attackers if ev.verdicts[a] is v] for v in Verdict}
    sup = {v: [s for s in supporters if ev.verdicts[s] is v] for v in Verdict}
    why = ev.reasons.get(node_id)
    if verdict is Verdict.OUT:
        # Name every condition that holds, not only the one the fixpoint met first.
        causes = []
        if by[Verdict.IN]:
            standing = "stands" if len(by[Verdict.IN]) == 1 else "stand"
            causes.append(f"attacked by {_names(amap, by[Verdict.IN])}, which {standing} (in)")
        if supporters and len(sup[Verdict.OUT]) == len(supporters):
            causes.append(f"every supporter is out ({_names(amap, supporters)})")
        ungrounded = node_id not in ev.grounded and not amap.node(node_id).is_evidence
        if ev.standard.value == "evidence" and (why == "not-grounded" or ungrounded):
            causes.append("no chain of support reaches evidence (the evidence standard)")
        return "out: " + "; and ".join(causes or ["no rule for in applies"])
    if verdict is Verdict.IN:
        unanswered = "no attacker" if not attackers else "every attacker is out"
        if why == "evidence":
            return f"in: evidence, and {unanswered}"
        if why == "supported":
            return f"in: supported by {_names(amap, sup[Verdict.IN])} (in), and {unanswered}"
        return f"in: nothing supports it, but nothing defeats it ({unanswered}; dialectical)"
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
    for supporter in ev.supporters[node_id][:limit]:
        chain = _chain_to_evidence(amap, ev, supporter, avoid=node_id)
        if chain is None:
            broken.append(supporter)
        else:
            chains.append([node_id, *chain])
    return chains, broken


def _chain_to_evidence(
    amap: ArgumentMap, ev: Evaluation, start: str, avoid: str | None = None
) -> list[str] | None:
    """The shortest chain of support from evidence up to ``start``, not through ``avoid``
    (the node being explained: a chain back through it would be circular)."""
    if amap.node(start).is_evidence:
        return [start]
    parent: dict[str, str | None] = {start: None}
    if avoid is not None and avoid != start:
        parent[avoid] = None
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for supporter in ev.supporters[current]:
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


def chain_ends(ev: Evaluation, node_id: str, limit: int = 3) -> list[str]:
    """Where the support below a node ends without evidence: ungrounded nodes with no
    supporters, reached through support (nearest first)."""
    seen = {node_id}
    queue = deque([node_id])
    ends: list[str] = []
    while queue and len(ends) < limit:
        current = queue.popleft()
        for supporter in ev.supporters[current]:
            if supporter in seen:
                continue
            seen.add(supporter)
            if not ev.supporters[supporter] and supporter not in ev.grounded:
                ends.append(supporter)
            else:
                queue.append(supporter)
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
    )
