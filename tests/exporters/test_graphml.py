"""The GraphML export: golden files, reading back with networkx, XML-safe text, determinism."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.checker import check, effective_config
from argmap.evaluate import Evaluation, Verdict, evaluate
from argmap.exporters import format_for_suffix, graphml
from argmap.model import ArgumentMap, Node
from argmap.source import Span
from argmap.syntax.parser import ARGUMENT, STATEMENT, Occurrence, Section

BRIEFS = Path(__file__).resolve().parents[2] / "briefs"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parser"
SEEDS = ["japan-rok-trilateral", "language-tour"]

HOSTILE = [
    "quotes \" ' and <b>tags</b> & <script>alert(1)</script> ]]> <![CDATA[x]]>",
    "AT&amp;T &#9731; &lt; &",
    "controls \x00 \x01 \x07 \x08 \x0b \x0c \x1b[31m \x1f \x7f \x85 \x9b end",
    "line one\nline two\r\nline three\rfour\ttab",
    "non-characters \ufffe \uffff and a private use \ue000",
    "emoji 🎉 👩‍👩‍👧, RTL مرحبا עברית \u202e override",
    "x" * 10_000,
    "",
]

NODE_ATTRIBUTES = {
    "id",
    "title",
    "type",
    "kind",
    "text",
    "tags",
    "section",
    "section_title",
    "citation",
    "line",
    "status",
    "findings",
}


def seed(name: str) -> tuple[ArgumentMap, Evaluation, list[argmap.Diagnostic]]:
    amap = argmap.load(BRIEFS / f"{name}.argdown")
    evaluation = evaluate(amap, effective_config(amap).standard)
    return amap, evaluation, check(amap)


def read(text: str) -> Any:
    graph = nx.parse_graphml(text, force_multigraph=True)
    for key in ("node_default", "edge_default"):  # added by the reader
        graph.graph.pop(key, None)
    return graph


def check_read_back(text: str, amap: ArgumentMap) -> Any:
    """The file reads back into the same nodes and relations, with scalar attributes."""
    graph = read(text)
    assert graph.is_directed()
    assert graph.number_of_nodes() == len(amap.nodes)
    assert graph.number_of_edges() == len(amap.edges)
    by_id = {data["id"]: key for key, data in graph.nodes(data=True)}
    assert list(by_id) == [graphml.xml_text(node.id) for node in amap.nodes]
    for key, node in zip(graph.nodes, amap.nodes, strict=True):
        assert key == by_id[graphml.xml_text(node.id)]
    keys = {node.id: key for key, node in zip(graph.nodes, amap.nodes, strict=True)}
    relations = {
        key: (u, v, data["relation"]) for u, v, key, data in graph.edges(keys=True, data=True)
    }
    assert relations == {
        f"e{index}": (keys[edge.source], keys[edge.target], edge.relation)
        for index, edge in enumerate(amap.edges, start=1)
    }
    for _, data in graph.nodes(data=True):
        assert set(data) == NODE_ATTRIBUTES
        assert all(isinstance(value, (str, int)) for value in data.values()), data
    return graph


def make_node(node_id: str, title: str, node_type: str, text: str | None) -> Node:
    node = Node(node_id, title, node_type, text=text, plain_text=text)
    node.occurrences.append(
        Occurrence(
            type=node_type,
            title=title,
            untitled=False,
            is_reference=text is None,
            text=text,
            plain_text=text,
            span=Span("<hostile>", 3, 1, 3, 1),
            section=None,
        )
    )
    return node


def hostile_map() -> ArgumentMap:
    span = Span("<hostile>", 1, 1, 1, 1)
    amap = ArgumentMap(title=HOSTILE[2], sections=[Section("s1", 1, HOSTILE[0], None, span)])
    for index, value in enumerate(HOSTILE):
        node_type = ARGUMENT if index % 2 else STATEMENT
        node = make_node(f"{node_type}:{value}{index}", f"{value}{index}", node_type, value or None)
        node.tags = [value, "evidence"] if index % 3 == 0 else [value]
        node.data = {"cite": value, "year": index, "url": value} if index % 3 == 0 else {}
        node.kind = "evidence" if index % 3 == 0 else "claim"
        node.section = "s1" if index % 2 else None
        amap.add_node(node)
    ids = [node.id for node in amap.nodes]
    relations = ["support", "attack", "undercut", "contradiction"]
    for index in range(1, len(ids)):
        amap.add_edge(ids[index], ids[index - 1], relations[index % 4], span)
    amap.add_edge(ids[2], ids[1], "support", span)  # a second relation between a pair
    return amap


# -- golden files --------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_golden(name: str, golden: Callable[[str, str | bytes], None]) -> None:
    amap, evaluation, findings = seed(name)
    output = graphml.export(amap, evaluation, findings)
    graph = check_read_back(output, amap)
    assert graph.graph == {"title": amap.title, "standard": evaluation.standard.value}
    statuses = {data["id"]: data["status"] for _, data in graph.nodes(data=True)}
    assert statuses == {node_id: verdict.value for node_id, verdict in evaluation.verdicts.items()}
    golden(f"{name}.graphml", output)


def test_read_graphml_from_a_file(tmp_path: Path) -> None:
    amap, evaluation, findings = seed("japan-rok-trilateral")
    path = tmp_path / f"map{graphml.SUFFIX}"
    path.write_text(graphml.export(amap, evaluation, findings), encoding="utf-8")
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == len(amap.nodes)
    assert graph.number_of_edges() == len(amap.edges)
    assert sorted(data["relation"] for *_, data in graph.edges(data=True)) == sorted(
        edge.relation for edge in amap.edges
    )


def test_interface() -> None:
    assert (graphml.NAME, graphml.SUFFIX, graphml.BINARY) == ("graphml", ".graphml", False)
    assert format_for_suffix(graphml.SUFFIX) == graphml.NAME


def test_attributes() -> None:
    amap = argmap.loads(
        "# Case\n\n"
        "[T]: Thesis. #thesis\n"
        '  + [E]: A study. #evidence #(key card) {cite: "Doe 2019", url: "https://x.org"}\n'
        "  - <A>: An argument.\n"
    )
    graph = check_read_back(graphml.export(amap, None, check(amap)), amap)
    nodes = dict(graph.nodes(data=True))
    assert nodes["n2"] == {
        "id": "statement:E",
        "title": "E",
        "type": "statement",
        "kind": "evidence",
        "text": "A study. #evidence #(key card)",
        "tags": "evidence, key card",
        "section": "s1",
        "section_title": "Case",
        "citation": "Doe 2019 · https://x.org",
        "line": 4,
        "status": "",  # no evaluation
        "findings": "single-point-of-failure: every chain of evidence for thesis [T] runs "
        "through the card [E]: if it falls, the thesis loses all its support",
    }
    assert nodes["n3"]["type"] == "argument"
    assert nodes["n3"]["findings"].startswith("unanswered-rebuttal: <A> attacks [T]")
    assert nodes["n1"]["findings"] == ""
    assert graph.graph == {"title": ""}


def test_parallel_relations() -> None:
    amap = argmap.loads("[A]: A.\n  + [B]: B.\n  - [B]\n")
    assert len(amap.edges) == 2
    graph = check_read_back(graphml.export(amap), amap)
    assert sorted(data["relation"] for *_, data in graph.edges(data=True)) == ["attack", "support"]


# -- XML safety ----------------------------------------------------------------------------


def test_hostile_map() -> None:
    amap = hostile_map()
    output = graphml.export(amap, evaluate(amap), check(amap))
    ET.fromstring(output.encode("utf-8"))  # well-formed XML 1.0
    graph = check_read_back(output, amap)
    texts = [data["text"] for _, data in graph.nodes(data=True)]
    assert texts == [graphml.xml_text(node.text) for node in amap.nodes]
    assert texts[6] == "x" * 10_000  # nothing cut
    assert graph.graph["title"] == graphml.xml_text(HOSTILE[2])
    assert graph.graph["title"].split() == ["controls", "[31m", "end"]


@given(st.text())
def test_any_text_reads_back(value: str) -> None:
    amap = ArgumentMap(title=value)
    amap.add_node(make_node("statement:t", value, STATEMENT, value))
    graph = check_read_back(graphml.export(amap), amap)
    assert graph.nodes["n1"]["text"] == graphml.xml_text(value)
    assert graph.nodes["n1"]["title"] == graphml.xml_text(value)
    assert graph.graph["title"] == graphml.xml_text(value)


def test_xml_text() -> None:
    assert graphml.xml_text(None) == ""
    assert graphml.xml_text("a\x00b\x07c\x1bd\ufffee") == "abcde"
    assert graphml.xml_text("a\r\nb\rc\nd\te") == "a\nb\nc\nd\te"
    assert graphml.xml_text(3) == "3"
    assert graphml.xml_text("a\ud800b") == "ab"  # a lone surrogate


# -- determinism -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_deterministic(name: str) -> None:
    first = graphml.export(*seed(name))
    assert first == graphml.export(*seed(name))
    assert first.startswith("<?xml version='1.0' encoding='utf-8'?>\n<graphml ")
    assert graphml.export(hostile_map()) == graphml.export(hostile_map())


# -- premise–conclusion structures -----------------------------------------------------------


def edges_of(graph: Any) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {key: (u, v, data) for u, v, key, data in graph.edges(keys=True, data=True)}


def test_structure_edges() -> None:
    # n1 <Grades>, n2 [Higher Grades], n3 [Confound], n4 [Cause], n5 [Grades Matter],
    # n6 [Uniforms], n7 [Not Everything], n8 [Funding]: (1) gives (2), undercut by
    # [Confound]; (2) and (3) give (4), undercut by [Not Everything] and [Funding].
    amap = argmap.load(FIXTURES / "pcs-undercuts.argdown")
    graph = read(graphml.export(amap))
    assert graph.number_of_nodes() == len(amap.nodes)
    undercut, premise, conclusion = "undercut", "premise", "conclusion"
    assert edges_of(graph) == {
        # the relations, first, as before; an undercut of one inference with its step
        "e1": ("n3", "n1", {"relation": undercut, "step": 1}),
        "e2": ("n7", "n1", {"relation": undercut, "step": 3}),
        "e3": ("n8", "n1", {"relation": undercut, "step": 3}),
        # the inference to (2), at index 1 of the structure
        "e4": ("n2", "n1", {"relation": premise, "step": 1, "role": "premise", "number": 1}),
        "e5": (
            "n1",
            "n4",
            {
                "relation": conclusion,
                "step": 1,
                "role": "intermediary-conclusion",
                "number": 2,
                "rules": "",
            },
        ),
        # the inference to (4), from (2) and (3) together
        "e6": (
            "n4",
            "n1",
            {"relation": premise, "step": 3, "role": "intermediary-conclusion", "number": 2},
        ),
        "e7": ("n5", "n1", {"relation": premise, "step": 3, "role": "premise", "number": 3}),
        "e8": (
            "n1",
            "n6",
            {
                "relation": conclusion,
                "step": 3,
                "role": "main-conclusion",
                "number": 4,
                "rules": "",
            },
        ),
    }


def test_structure_rules_and_verdicts() -> None:
    amap = argmap.load(FIXTURES / "pcs-inference-rules.argdown")
    evaluation = evaluate(amap)
    # The verdicts of the inferences, as the evaluation gives them (set here by hand).
    evaluation.steps = {("argument:Safety", 2): Verdict.IN, ("argument:Safety", 4): Verdict.OUT}
    graph = read(graphml.export(amap, evaluation))
    conclusions = sorted(
        (data["step"], data["rules"], data["status"])
        for _, _, data in graph.edges(data=True)
        if data["relation"] == "conclusion"
    )
    assert conclusions == [
        (2, "modus ponens, practical reasoning", "in"),
        (4, "Modus ponens", "out"),
    ]
    # The first inference uses (1) and (2), as its data says.
    premises = sorted(
        (data["step"], data["number"])
        for _, _, data in graph.edges(data=True)
        if data["relation"] == "premise"
    )
    assert premises == [(2, 1), (2, 2), (4, 3), (4, 4)]


def test_part_of_a_structure() -> None:
    """Members a part of the map leaves out have no edge, and the ids run on."""
    whole = argmap.load(FIXTURES / "pcs-undercuts.argdown")
    keep = {"argument:Grades", "statement:Confound", "statement:Cause", "statement:Uniforms"}
    graph = read(graphml.export(whole.restricted(keep, [])))
    # n1 <Grades>, n2 [Confound], n3 [Cause], n4 [Uniforms]
    assert {key: (u, v, data["relation"]) for key, (u, v, data) in edges_of(graph).items()} == {
        "e1": ("n2", "n1", "undercut"),
        "e2": ("n1", "n3", "conclusion"),
        "e3": ("n3", "n1", "premise"),
        "e4": ("n1", "n4", "conclusion"),
    }


@pytest.mark.parametrize(
    "brief",
    [*sorted(FIXTURES.glob("pcs-*.argdown")), FIXTURES / "strict-mode.argdown"],
    ids=lambda p: p.stem,
)
def test_pcs_briefs_read_back(brief: Path, tmp_path: Path) -> None:
    amap = argmap.load(brief)
    path = tmp_path / "map.graphml"
    path.write_text(graphml.export(amap, evaluate(amap), check(amap)), encoding="utf-8")
    graph = nx.read_graphml(path, force_multigraph=True)
    assert [data["id"] for _, data in graph.nodes(data=True)] == [n.id for n in amap.nodes]
    relations = [data for *_, data in graph.edges(data=True)]
    lines = sum(len(node.premises_of(step)) + 1 for node in amap.nodes for step in node.steps)
    assert len(relations) == len(amap.edges) + lines
    assert sorted(data["relation"] for data in relations) == sorted(
        [edge.relation for edge in amap.edges]
        + ["premise"] * (lines - sum(len(node.steps) for node in amap.nodes))
        + ["conclusion"] * sum(len(node.steps) for node in amap.nodes)
    )
    # Each inference's verdict, as the evaluation gives it, on its conclusion's edge.
    verdicts = evaluate(amap).steps
    ids = {key: data["id"] for key, data in graph.nodes(data=True)}
    for source, _, data in graph.edges(data=True):
        if data["relation"] == "conclusion" and (ids[source], data["step"]) in verdicts:
            assert data["status"] == verdicts[ids[source], data["step"]].value
