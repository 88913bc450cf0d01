"""Impacts side by side: for each side, the impacts that stand and their weighing data
(``argmap weigh``; docs/semantics.md, "Impacts and weighing").

An impact is a statement or argument with data ``impact: {magnitude, probability,
timeframe}`` (each a word, a phrase or a number), or tagged ``#impact`` with no data. A
bare ``impact: extinction`` is read as its magnitude. argmap shows the weighing: what
stands on each side, what it claims, and which impacts the other side never answers
(*uncontested*). It does not judge which impact outweighs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap.evaluate import Evaluation, Verdict
from argmap.flow import SIDE_LABELS
from argmap.model import ArgumentMap, Node
from argmap.sides import CON, PRO, sides

__all__ = ["FIELDS", "IMPACT_KEY", "Impact", "SideWeighing", "Weighing", "impact_data", "weigh"]

IMPACT_KEY = "impact"  # the data key, and the tag of an impact without data
FIELDS = ("magnitude", "probability", "timeframe")


@dataclass(frozen=True)
class Impact:
    """An impact, its verdict, its weighing data (``None`` where the brief gives none)
    and the arguments that answer it (attack, undercut or contradict it)."""

    node: str
    title: str
    verdict: Verdict
    data: dict[str, str | None]
    answers: tuple[str, ...]

    @property
    def uncontested(self) -> bool:
        return not self.answers


@dataclass
class SideWeighing:
    """One side's impacts: those that stand, and the others (out or undecided)."""

    side: str  # the format's label: Aff, Neg, Pro, Con
    stands: list[Impact] = field(default_factory=list)
    others: list[Impact] = field(default_factory=list)


@dataclass
class Weighing:
    """The impacts of each side: the thesis's side first."""

    standard: str
    sides: list[SideWeighing]

    def to_json(self) -> dict[str, Any]:
        def entry(impact: Impact) -> dict[str, Any]:
            return {
                "title": impact.title,
                "verdict": impact.verdict.value,
                **impact.data,
                "uncontested": impact.uncontested,
                "answers": list(impact.answers),
            }

        return {
            "standard": self.standard,
            "sides": [
                {
                    "side": side.side,
                    "stands": [entry(impact) for impact in side.stands],
                    "others": [entry(impact) for impact in side.others],
                }
                for side in self.sides
            ],
        }


def impact_data(node: Node) -> dict[str, str | None] | None:
    """The weighing data of ``node``, field by field, if it is an impact; else ``None``.

    >>> import argmap
    >>> amap = argmap.loads("[W]: Warming. {impact: {magnitude: extinction, timeframe: 50}}")
    >>> impact_data(amap.nodes[0])
    {'magnitude': 'extinction', 'probability': None, 'timeframe': '50'}
    """
    value = node.data.get(IMPACT_KEY)
    if value is None:
        if IMPACT_KEY not in node.tags:
            return None
        return dict.fromkeys(FIELDS)
    if isinstance(value, dict):
        return {name: _shown(value.get(name)) for name in FIELDS}
    return {"magnitude": _shown(value), "probability": None, "timeframe": None}


def _shown(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def weigh(amap: ArgumentMap, evaluation: Evaluation, fmt: str = "policy") -> Weighing:
    """The impacts of ``amap`` by side (labelled as format ``fmt`` labels them, see
    :data:`argmap.flow.SIDE_LABELS`), with their verdicts under ``evaluation``. An impact
    on both sides is listed under both; one connected to no thesis under neither.

    >>> import argmap
    >>> from argmap.evaluate import evaluate
    >>> amap = argmap.loads(
    ...     "[Plan]: Act. #thesis\\n"
    ...     "  + [Growth]: The economy grows. {impact: {magnitude: large}}\\n"
    ...     "  - [War]: Act and war follows. {impact: {magnitude: huge}}"
    ... )
    >>> result = weigh(amap, evaluate(amap, "round"))
    >>> [(s.side, [i.title for i in s.stands]) for s in result.sides]
    [('Aff', ['Growth']), ('Neg', ['War'])]
    """
    labels = SIDE_LABELS[fmt]
    node_sides = sides(amap)
    result = [SideWeighing(labels[0]), SideWeighing(labels[1])]
    for node in amap.nodes:
        data = impact_data(node)
        if data is None:
            continue
        verdict = evaluation.verdicts[node.id]
        answers = tuple(evaluation.attackers[node.id])
        impact = Impact(node.id, node.title, verdict, data, answers)
        for index, side in enumerate((PRO, CON)):
            if side in node_sides.get(node.id, ()):
                group = result[index]
                (group.stands if verdict is Verdict.IN else group.others).append(impact)
    return Weighing(evaluation.standard.value, result)
