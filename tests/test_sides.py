"""Sides (argmap.sides) over generated briefs, against paths enumerated here."""

from __future__ import annotations

from hypothesis import given

from argmap.sides import CON, PRO, sides
from tests.test_evaluate_properties import SETTINGS, Graph, blocks, graphs, load, node_id


def expected_sides(graph: Graph, theses: list[int]) -> dict[str, frozenset[str]]:
    """Each (node, side) that some walk from a thesis reaches: a relation can be walked
    either way; support keeps the side, any other relation flips it."""
    reached = {(thesis, PRO) for thesis in theses}
    changed = True
    while changed:
        changed = False
        for source, target, relation, _ in graph.edges:
            for here, there in ((source, target), (target, source)):
                for side in (PRO, CON):
                    if (here, side) not in reached:
                        continue
                    flipped = side if relation == "support" else {PRO: CON, CON: PRO}[side]
                    if (there, flipped) not in reached:
                        reached.add((there, flipped))
                        changed = True
    return {
        node_id(i): frozenset(side for side in (PRO, CON) if (i, side) in reached)
        for i in range(graph.size)
        if (i, PRO) in reached or (i, CON) in reached
    }


@SETTINGS
@given(graphs())
def test_sides_are_what_walks_from_the_theses_reach(graph: Graph) -> None:
    amap = load(blocks(graph))
    theses = [int(node.title[1:]) for node in amap.theses]
    found = sides(amap)
    assert found == expected_sides(graph, theses)
    assert list(found) == [node.id for node in amap.nodes if node.id in found]


def test_support_keeps_the_side_attack_flips_it_and_the_unconnected_have_none() -> None:
    amap = load(["[T]: t. #thesis\n  + [A]: a.\n    - [B]: b.\n  _ [C]: c.", "[D]: d."])
    assert sides(amap) == {
        "statement:T": frozenset({PRO}),
        "statement:A": frozenset({PRO}),
        "statement:B": frozenset({CON}),
        "statement:C": frozenset({CON}),
    }
    amap = load(["[T]: t. #thesis\n  + [A]: a.\n  - [A]"])
    assert sides(amap) == dict.fromkeys(["statement:T", "statement:A"], frozenset({PRO, CON}))
