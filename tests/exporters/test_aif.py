"""The AIF exporter: AIFdb JSON with I, RA and CA nodes, checked on small briefs, the two
briefs (golden files) and any brief the reader accepts."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.exporters import aif, exporter, format_for_suffix
from argmap.exporters.aif import CONFLICT, INFERENCE, TIMESTAMP, UNDERCUT_WITHOUT_INFERENCE

ROOT = Path(__file__).resolve().parents[2]
BRIEFS = sorted((ROOT / "briefs").glob("*.argdown"))
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "parser").glob("*.argdown"))


def export(brief: str) -> dict[str, Any]:
    text = aif.export(argmap.loads(brief))
    assert text.endswith("\n")
    document: dict[str, Any] = json.loads(text)
    check_valid(document)
    return document


def check_valid(document: dict[str, Any]) -> None:
    """The AIFdb shape, string ids counted from 1, edges between existing nodes, and the
    AIF rules: no I → I edge, every S node with premises and exactly one conclusion."""
    assert set(document) == {"nodes", "edges", "locutions", "participants"}
    assert document["locutions"] == []
    assert document["participants"] == []
    nodes = document["nodes"]
    edges = document["edges"]
    assert [node["nodeID"] for node in nodes] == [str(i) for i in range(1, len(nodes) + 1)]
    assert [edge["edgeID"] for edge in edges] == [str(i) for i in range(1, len(edges) + 1)]
    types = {node["nodeID"]: node["type"] for node in nodes}
    for node in nodes:
        assert set(node) == {"nodeID", "text", "type", "timestamp"}
        assert node["type"] in {"I", "RA", "CA"}
        assert isinstance(node["text"], str)
        assert node["timestamp"] == TIMESTAMP
    for edge in edges:
        assert set(edge) == {"edgeID", "fromID", "toID", "formEdgeID"}
        assert edge["formEdgeID"] is None
        assert edge["fromID"] in types
        assert edge["toID"] in types
        assert not (types[edge["fromID"]] == "I" and types[edge["toID"]] == "I")
    incoming = Counter(edge["toID"] for edge in edges)
    outgoing = Counter(edge["fromID"] for edge in edges)
    for node_id, kind in types.items():
        if kind != "I":
            assert incoming[node_id] >= 1, node_id
            assert outgoing[node_id] == 1, node_id


def by_type(document: dict[str, Any]) -> Counter[str]:
    return Counter(node["type"] for node in document["nodes"])


def text_of(document: dict[str, Any], node_id: str) -> str:
    return str(next(n["text"] for n in document["nodes"] if n["nodeID"] == node_id))


def links(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Each S node as (premise text, S-node type, conclusion text); an undercut's CA shows
    as (attacker, "CA", "Default Inference")."""
    types = {node["nodeID"]: node["type"] for node in document["nodes"]}
    result = []
    for node in document["nodes"]:
        if node["type"] == "I":
            continue
        sources = [
            e["fromID"]
            for e in document["edges"]
            if e["toID"] == node["nodeID"] and types[e["fromID"]] == "I"
        ]
        (target,) = [e["toID"] for e in document["edges"] if e["fromID"] == node["nodeID"]]
        for source in sources:
            result.append((text_of(document, source), node["type"], text_of(document, target)))
    return result


def test_exporter_interface() -> None:
    assert exporter("aif") is aif
    assert (aif.NAME, aif.SUFFIX, aif.BINARY) == ("aif", ".aif", False)
    assert format_for_suffix(".aif") == "aif"


def test_small_brief() -> None:
    document = export(
        "[T]: Thesis.\n"
        "  + [S]: Support.\n"
        "  - [A]: Attack.\n"
        "  >< [C]: Contrary.\n\n"
        "<Arg>: An argument.\n"
        "  +> [T]\n"
        "  _ [U]: Undercut.\n"
    )
    assert by_type(document) == Counter({"I": 6, "RA": 2, "CA": 4})
    assert [n["text"] for n in document["nodes"][:6]] == [
        "Thesis.",
        "Support.",
        "Attack.",
        "Contrary.",
        "An argument.",
        "Undercut.",
    ]
    assert {n["text"] for n in document["nodes"] if n["type"] == "RA"} == {INFERENCE}
    assert {n["text"] for n in document["nodes"] if n["type"] == "CA"} == {CONFLICT}
    assert len(document["edges"]) == 12
    assert sorted(links(document)) == sorted(
        [
            ("Support.", "RA", "Thesis."),
            ("Attack.", "CA", "Thesis."),
            ("Thesis.", "CA", "Contrary."),
            ("Contrary.", "CA", "Thesis."),
            ("An argument.", "RA", "Thesis."),
            ("Undercut.", "CA", "Default Inference"),
        ]
    )
    # The undercut attacks the RA of the argument's own inference, not the other one.
    ra_of_argument = next(
        e["toID"] for e in document["edges"] if e["fromID"] == "5" and e["toID"] != "5"
    )
    undercut_ca = next(e["toID"] for e in document["edges"] if e["fromID"] == "6")
    assert {"fromID": undercut_ca, "toID": ra_of_argument} in [
        {"fromID": e["fromID"], "toID": e["toID"]} for e in document["edges"]
    ]


def test_ids_follow_the_brief() -> None:
    document = export("[B]: b\n  + [A]: a\n  - [C]: c\n")
    assert [(n["nodeID"], n["text"], n["type"]) for n in document["nodes"]] == [
        ("1", "b", "I"),
        ("2", "a", "I"),
        ("3", "c", "I"),
        ("4", INFERENCE, "RA"),
        ("5", CONFLICT, "CA"),
    ]
    assert [(e["edgeID"], e["fromID"], e["toID"]) for e in document["edges"]] == [
        ("1", "2", "4"),
        ("2", "4", "1"),
        ("3", "3", "5"),
        ("4", "5", "1"),
    ]


def test_undercut_written_before_the_support_it_attacks() -> None:
    document = export("[U]: u\n  _> <A>\n\n<A>: a\n  +> [T]: t\n")
    assert sorted(links(document)) == [("a", "RA", "t"), ("u", "CA", INFERENCE)]


def test_undercut_of_a_statement_attacks_the_supports_it_gets() -> None:
    document = export("[T]: t\n  + [R1]: r1\n  + [R2]: r2\n  _ [U]: u\n")
    assert by_type(document) == Counter({"I": 4, "RA": 2, "CA": 2})
    ras = {n["nodeID"] for n in document["nodes"] if n["type"] == "RA"}
    attacked = {
        e["toID"]
        for e in document["edges"]
        if e["toID"] in ras
        and any(e2["fromID"] == "4" and e2["toID"] == e["fromID"] for e2 in document["edges"])
    }
    assert attacked == ras


def test_undercut_of_a_node_without_inference() -> None:
    document = export("[T]: t\n  _ [U]: u\n")
    assert links(document) == [("u", "CA", "t")]
    assert document["nodes"][2]["text"] == UNDERCUT_WITHOUT_INFERENCE


def test_text_citations_and_titles() -> None:
    document = export(
        "[Card]: Doe found **less** teasing. #evidence {cite: Doe, year: 2019, url: 'https://e.x'}\n"
        "  +> [Undefined]\n\n"
        "<Empty>:\n{}\n"
    )
    assert [n["text"] for n in document["nodes"][:3]] == [
        "Doe found less teasing. #evidence [Doe (2019) · https://e.x]",
        "Undefined",
        "Empty",
    ]


def test_empty_map() -> None:
    assert export("") == {"nodes": [], "edges": [], "locutions": [], "participants": []}


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda path: path.stem)
def test_golden(brief: Path, golden: Callable[[str, str | bytes], None]) -> None:
    text = aif.export(argmap.load(brief))
    check_valid(json.loads(text))
    golden(f"{brief.stem}.aif.json", text)


def test_seed_brief_counts() -> None:
    amap = argmap.load(ROOT / "briefs" / "japan-rok-trilateral.argdown")
    document = json.loads(aif.export(amap))
    relations = Counter(edge.relation for edge in amap.edges)
    assert by_type(document) == Counter(
        {"I": len(amap.nodes), "RA": relations["support"], "CA": relations["attack"]}
    )
    cited = [n["text"] for n in document["nodes"] if "[Trilateral cooperation essay" in n["text"]]
    assert len(cited) == sum(1 for node in amap.nodes if node.citation)


@pytest.mark.parametrize("brief", FIXTURES, ids=lambda path: path.stem)
def test_fixtures_are_valid_and_deterministic(brief: Path) -> None:
    first = aif.export(argmap.load(brief))
    assert aif.export(argmap.load(brief)) == first
    check_valid(json.loads(first))


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C", "<D>", "<E>"]),
            st.sampled_from(["+", "-", "_", "+>", "->", "_>", "><"]),
            st.sampled_from(["A", "B", "C", "<D>", "<E>"]),
        ),
        max_size=12,
    )
)
def test_any_relations(relations: list[tuple[str, str, str]]) -> None:
    def label(name: str) -> str:
        return name if name.startswith("<") else f"[{name}]"

    blocks = [
        f"{label(parent)}\n  {marker} {label(child)}"
        for parent, marker, child in relations
        if not (marker == "><" and child.startswith("<"))
    ]
    amap = argmap.loads("\n\n".join(blocks))
    document = json.loads(aif.export(amap))
    check_valid(document)
    counts = Counter(edge.relation for edge in amap.edges)
    assert by_type(document)["I"] == len(amap.nodes)
    assert by_type(document)["RA"] == counts["support"]
    assert by_type(document)["CA"] >= counts["attack"] + 2 * counts["contradiction"]


# -- premise–conclusion structures -----------------------------------------------------------

PARSER_FIXTURES = ROOT / "tests" / "fixtures" / "parser"


def schemes(document: dict[str, Any]) -> list[tuple[str, str, list[str], list[str]]]:
    """Each S node as (id, text, the texts of the I nodes that lead into it, of what it
    leads to)."""
    texts = {node["nodeID"]: node["text"] for node in document["nodes"]}
    types = {node["nodeID"]: node["type"] for node in document["nodes"]}
    result = []
    for node in document["nodes"]:
        if node["type"] == "I":
            continue
        into = [
            texts[e["fromID"]]
            for e in document["edges"]
            if e["toID"] == node["nodeID"] and types[e["fromID"]] == "I"
        ]
        out = [texts[e["toID"]] for e in document["edges"] if e["fromID"] == node["nodeID"]]
        result.append((node["nodeID"], node["text"], into, out))
    return result


def test_each_inference_is_one_ra_with_all_its_premises() -> None:
    document = json.loads(aif.export(argmap.load(PARSER_FIXTURES / "pcs-undercuts.argdown")))
    check_valid(document)
    # Eight I nodes, in the brief's order; then one RA per inference, then one CA per
    # undercut, each attacking the RA of the inference it undercuts.
    assert schemes(document) == [
        (
            "9",
            INFERENCE,
            ["Schools with uniforms report higher grades."],
            ["Uniforms cause higher grades."],
        ),
        (
            "10",
            INFERENCE,
            ["Uniforms cause higher grades.", "What raises grades should be adopted."],
            ["Schools should require uniforms."],
        ),
        ("11", CONFLICT, ["Schools that adopt uniforms differ in many other ways."], [INFERENCE]),
        ("12", CONFLICT, ["Not everything that raises grades should be adopted."], [INFERENCE]),
        ("13", CONFLICT, ["Uniform schools got more money at the same time."], [INFERENCE]),
    ]
    attacked = {
        e["fromID"]: e["toID"] for e in document["edges"] if e["fromID"] in {"11", "12", "13"}
    }
    assert attacked == {"11": "9", "12": "10", "13": "10"}


def test_inference_rules_name_the_scheme() -> None:
    document = json.loads(aif.export(argmap.load(PARSER_FIXTURES / "pcs-inference-rules.argdown")))
    check_valid(document)
    assert [(text, into, out) for _, text, into, out in schemes(document)] == [
        (
            "modus ponens, practical reasoning",
            [
                "Staff spot people who do not belong more easily when everyone wears a "
                "uniform. #safety",
                "Intruders are a danger in schools.",
            ],
            ["Uniforms make schools safer."],
        ),
        (
            "Modus ponens",
            ["Uniforms make schools safer.", "What makes schools safer should be done."],
            ["Schools should require uniforms."],
        ),
    ]


def test_part_of_a_structure() -> None:
    """An inference whose premises a part of the map leaves out has no RA; its undercut
    conflicts with the argument itself."""
    whole = argmap.load(PARSER_FIXTURES / "pcs-undercuts.argdown")
    keep = {"argument:Grades", "statement:Confound", "statement:Cause", "statement:Uniforms"}
    document = to_checked(whole.restricted(keep, []))
    assert [(text, into, out) for _, text, into, out in schemes(document)] == [
        (INFERENCE, ["Uniforms cause higher grades."], ["Schools should require uniforms."]),
        (
            UNDERCUT_WITHOUT_INFERENCE,
            ["Schools that adopt uniforms differ in many other ways."],
            ["Uniform schools have better grades."],
        ),
    ]


def to_checked(amap: argmap.ArgumentMap) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(aif.export(amap))
    check_valid(document)
    return document


def test_strict_mode_relations() -> None:
    document = to_checked(argmap.load(PARSER_FIXTURES / "strict-mode.argdown"))
    found = [(text, into, out) for _, text, into, out in schemes(document)]
    # [Focus] entails [Uniforms]: an inference; [Cost] is contrary to [Uniforms]: a
    # conflict each way.
    assert (
        INFERENCE,
        ["Uniforms help students focus."],
        ["Schools should require uniforms."],
    ) in found
    assert (
        CONFLICT,
        ["Uniforms cost families money."],
        ["Schools should require uniforms."],
    ) in found
    assert (
        CONFLICT,
        ["Schools should require uniforms."],
        ["Uniforms cost families money."],
    ) in found
