"""Round trips through AIF: AIF → argmap → AIF keeps the statements, the groups of
linked premises and the conflicts; Argdown → AIF → Argdown keeps the graph. Both sides
are compared by the texts of the statements, which every step keeps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from argmap.exporters.aif import to_aif
from argmap.importers import load_import
from argmap.loader import loads
from argmap.model import ArgumentMap

FIXTURES = Path(__file__).parent / "fixtures"

Inference = tuple[frozenset[str], str]


def aif_structure(aif: dict[str, Any]) -> dict[str, Any]:
    """An AIF graph by text: each RA as (its premises, its conclusion) with its scheme
    (none for the default), each CA as (attacker, what it attacks: a statement's text or
    an RA's inference). Only statements that take part in an RA or a CA count: argmap's
    export adds an I node of its own for each reconstructed argument."""
    kinds = {n["nodeID"]: n["type"] for n in aif["nodes"]}
    texts = {n["nodeID"]: n["text"] for n in aif["nodes"]}
    into: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for edge in aif["edges"]:
        out.setdefault(edge["fromID"], []).append(edge["toID"])
        into.setdefault(edge["toID"], []).append(edge["fromID"])

    def inferences_of(ra: str) -> list[Inference]:
        premises = frozenset(texts[n] for n in into.get(ra, []) if kinds[n] == "I")
        return [(premises, texts[n]) for n in out.get(ra, []) if kinds[n] == "I"]

    inferences = set()
    conflicts: set[tuple[str, Any]] = set()
    for node, kind in kinds.items():
        if kind == "RA":
            scheme = texts[node] if texts[node] not in ("Default Inference", "RA") else None
            inferences.update((*i, scheme) for i in inferences_of(node))
        elif kind == "CA":
            for attacker in (texts[n] for n in into.get(node, []) if kinds[n] == "I"):
                for target in out.get(node, []):
                    if kinds[target] == "I":
                        conflicts.add((attacker, texts[target]))
                    elif kinds[target] == "RA":
                        conflicts.update((attacker, i) for i in inferences_of(target))
                    else:  # an attack on a conflict: the conflict's attackers
                        attacked = frozenset(texts[n] for n in into[target] if kinds[n] == "I")
                        conflicts.add((attacker, ("conflict", attacked)))
    statements = {p for premises, _, _ in inferences for p in premises}
    statements |= {conclusion for _, conclusion, _ in inferences}
    statements |= {attacker for attacker, _ in conflicts}
    statements |= {t for _, t in conflicts if isinstance(t, str)}
    statements.discard("")
    return {"statements": statements, "inferences": inferences, "conflicts": conflicts}


CLEAN_AIF = {
    "nodes": [
        {"nodeID": "10", "text": "Cities should ban cars downtown.", "type": "I"},
        {"nodeID": "11", "text": "Cars make the air unhealthy.", "type": "I"},
        {"nodeID": "12", "text": "Default Inference", "type": "RA"},
        {"nodeID": "13", "text": "Buses can replace most trips.", "type": "I"},
        {"nodeID": "14", "text": "Deliveries need roads.", "type": "I"},
        {"nodeID": "15", "text": "Argument From Consequences", "type": "RA"},
        {"nodeID": "16", "text": "Shops will lose customers.", "type": "I"},
        {"nodeID": "17", "text": "Default Conflict", "type": "CA"},
        {"nodeID": "18", "text": "Electric cars do not pollute the air.", "type": "I"},
        {"nodeID": "19", "text": "Default Conflict", "type": "CA"},
        {"nodeID": "20", "text": "Pedestrian streets draw more shoppers.", "type": "I"},
        {"nodeID": "21", "text": "Default Conflict", "type": "CA"},
        {"nodeID": "22", "text": "Unrelated statement.", "type": "I"},
    ],
    "edges": [
        {"edgeID": "1", "fromID": "11", "toID": "12"},
        {"edgeID": "2", "fromID": "12", "toID": "10"},
        {"edgeID": "3", "fromID": "13", "toID": "15"},
        {"edgeID": "4", "fromID": "14", "toID": "15"},
        {"edgeID": "5", "fromID": "15", "toID": "10"},
        {"edgeID": "6", "fromID": "16", "toID": "17"},
        {"edgeID": "7", "fromID": "17", "toID": "10"},
        {"edgeID": "8", "fromID": "18", "toID": "19"},
        {"edgeID": "9", "fromID": "19", "toID": "12"},
        {"edgeID": "10", "fromID": "20", "toID": "21"},
        {"edgeID": "11", "fromID": "21", "toID": "16"},
    ],
}


def test_aif_to_argmap_to_aif_keeps_statements_linked_premises_and_conflicts() -> None:
    imported = load_import(json.dumps(CLEAN_AIF), "cars.json")
    assert aif_structure(to_aif(imported)) == aif_structure(CLEAN_AIF)


def test_the_fixture_keeps_its_structure_but_the_attack_on_a_conflict() -> None:
    """aif_all.json through argmap and back: everything the map holds comes back; the
    attack on a conflict (CA 12 on CA 8) comes back as the undercut it was read as."""
    source = json.loads((FIXTURES / "aif_all.json").read_text(encoding="utf-8"))
    back = aif_structure(to_aif(load_import(json.dumps(source), "aif_all.json")))
    expected = aif_structure(source)
    # The source as the import reads it: the first of node 9's two texts, and RA 22's
    # two conclusions as two inferences; RA 21 (no premise) is left out.
    first, second = "The survey only asked teachers.", "The survey asked only a few teachers."
    assert back["statements"] == (expected["statements"] - {second}) | {first}
    assert back["inferences"] == {
        (frozenset({"Uniforms reduce teasing."}), "Schools should require uniforms.", None),
        (
            frozenset(
                {
                    "Uniforms cost families little.",
                    "Cheap rules that reduce teasing are worth adopting.",
                }
            ),
            "Schools should require uniforms.",
            "Argument From Consequences",
        ),
        (frozenset({"Uniforms cut bullying."}), "Schools should require uniforms.", None),
        (frozenset({"Uniforms cut bullying."}), "Uniforms reduce teasing.", None),
    }
    assert back["conflicts"] == {
        ("Teasing moves to shoes and bags.", "Uniforms reduce teasing."),
        (
            "The survey only asked teachers.",
            (frozenset({"Uniforms reduce teasing."}), "Schools should require uniforms."),
        ),
        # CA 12 → CA 8 in the source: an undercut of [7], which supports nothing.
        ("Shoes are covered by the dress code too.", "Teasing moves to shoes and bags."),
    }


def argdown_graph(amap: ArgumentMap) -> dict[str, set[Any]]:
    """A map by text: inferences (plain supports and each step of a structure, with their
    rules), attacks, and undercuts by the inference they undercut (an undercut of a
    statement undercuts each support it gives)."""

    def text(node_id: str) -> str:
        node = amap.node(node_id)
        return node.plain_text or node.title

    inferences: set[tuple[frozenset[str], str, tuple[str, ...]]] = set()
    supports_given: dict[str, list[Inference]] = {}
    for edge in amap.edges:
        if edge.relation == "support":
            inferences.add((frozenset({text(edge.source)}), text(edge.target), ()))
            supports_given.setdefault(edge.source, []).append(
                (frozenset({text(edge.source)}), text(edge.target))
            )
    step_of: dict[tuple[str, int], Inference] = {}
    for node in amap.nodes:
        for step in node.steps:
            inference = node.pcs[step].inference
            premises = frozenset(text(p) for p in node.premises_of(step))
            conclusion = text(node.pcs[step].statement)
            rules = tuple(inference.rules) if inference is not None else ()
            inferences.add((premises, conclusion, rules))
            step_of[node.id, step] = (premises, conclusion)
    attacks = {(text(e.source), text(e.target)) for e in amap.edges if e.relation == "attack"}
    undercuts: set[tuple[str, Inference]] = set()
    for edge in amap.edges:
        if edge.relation != "undercut":
            continue
        if edge.step is not None:
            undercuts.add((text(edge.source), step_of[edge.target, edge.step]))
        else:
            undercuts.update((text(edge.source), i) for i in supports_given[edge.target])
    return {"inferences": inferences, "attacks": attacks, "undercuts": undercuts}


BRIEF = """\
[Ban]: Cities should ban cars downtown. #thesis
  + [Air]: Cars make the air unhealthy.
    _ [Electric]: Electric cars do not pollute the air.
  - [Shops]: Shops will lose customers.
    - [Shoppers]: Pedestrian streets draw more shoppers.

<Transit>: Buses and bikes can do what cars did.

(1) [Buses]: Buses can replace most trips.
(2) [Bikes]: Bikes can carry the rest.
-- practical reasoning --
(3) [Replace]: Cars can be replaced.
  <_ [Deliveries]: Deliveries need roads.
(4) [Worth]: What can be replaced and harms should go.
----
(5) [Ban]
"""


def test_argdown_to_aif_to_argdown_keeps_the_graph() -> None:
    original = loads(BRIEF, "cars.argdown")
    assert not original.diagnostics
    back = load_import(json.dumps(to_aif(original)), "cars.json")
    assert argdown_graph(back) == argdown_graph(original)
