"""Inputs that once broke (or were built to break) the reader: each must still be read
into diagnostics, checked, evaluated and exported without an exception, and every export
must hold every node and relation when its real consumer reads it.

New crashes found by ``fuzz/fuzz_parser.py`` go into ``tests/fixtures/fuzz/``.
"""

from __future__ import annotations

import html
import io
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx
import pytest
from markdown_it import MarkdownIt

import argmap
from argmap.evaluate import evaluate
from argmap.exporters import exporter
from argmap.loader import decode_bytes
from argmap.model import ArgumentMap
from argmap.source import SourceText
from argmap.syntax.parser import parse

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "fuzz").iterdir())
SVG = "{http://www.w3.org/2000/svg}"


def load(path: Path) -> ArgumentMap:
    text, _ = decode_bytes(path.read_bytes(), path.name)
    return argmap.loads(text, path.name)


def export(amap: ArgumentMap, name: str) -> str:
    return exporter(name).export(amap, evaluate(amap), argmap.check(amap))


def test_there_are_regression_inputs() -> None:
    assert FIXTURES, "tests/fixtures/fuzz/ is empty"
    # Some of them must have nodes and relations, or "every node" below proves little.
    assert any(load(path).edges for path in FIXTURES)


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_input_is_read_checked_and_exported(path: Path) -> None:
    text, problems = decode_bytes(path.read_bytes(), path.name)
    amap = argmap.loads(text, path.name)
    findings = argmap.check(amap)
    assert all(d.span.line >= 1 and d.span.column >= 1 for d in [*problems, *findings])
    titles = [node.title for node in amap.nodes]

    as_json = json.loads(export(amap, "json"))
    assert [node["id"] for node in as_json["nodes"]] == [node.id for node in amap.nodes]
    assert len(as_json["edges"]) == len(amap.edges)

    graph = networkx.read_graphml(io.StringIO(export(amap, "graphml")))
    assert [data["title"] for _, data in graph.nodes(data=True)] == titles
    assert graph.number_of_edges() == len(amap.edges)

    aif = json.loads(export(amap, "aif"))
    texts = [node["text"] for node in aif["nodes"] if node["type"] == "I"]
    assert len(texts) == len(amap.nodes)

    page = MarkdownIt("commonmark").render(export(amap, "markdown"))
    shown = " ".join(html.unescape(page).split())
    # An untitled statement is shown by its text alone (its title is argmap's own name).
    for node in amap.nodes:
        if not node.untitled:
            assert f"[{node.title}]" in shown or f"<{node.title}>" in shown, node.title


@pytest.mark.needs("dot")
@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_graphviz_draws_every_node_and_relation(path: Path) -> None:
    amap = load(path)
    drawn = subprocess.run(
        ["dot", "-Tsvg"],
        input=export(amap, "dot").encode("utf-8"),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert drawn.returncode == 0, drawn.stderr.decode()
    groups = list(ET.fromstring(drawn.stdout).iter(f"{SVG}g"))
    nodes = [g.findtext(f"{SVG}title") for g in groups if g.get("class") == "node"]
    legend = ["legend"] if amap.nodes else []  # a picture of something explains itself
    assert sorted(nodes) == sorted([*(f"n{i}" for i in range(1, len(amap.nodes) + 1)), *legend])
    assert len([g for g in groups if g.get("class") == "edge"]) == len(amap.edges)


@pytest.mark.needs("mermaid")
def test_mermaid_reads_every_node_and_relation(tmp_path: Path) -> None:
    from tests.conftest import mermaid_modules
    from tests.exporters.test_mermaid import PARSE_SCRIPT

    (tmp_path / "node_modules").symlink_to(mermaid_modules())
    script = tmp_path / "parse.mjs"
    script.write_text(PARSE_SCRIPT, "utf-8")
    maps = [load(path) for path in FIXTURES]
    files = []
    for index, amap in enumerate(maps):
        diagram = tmp_path / f"{index}.mmd"
        diagram.write_text(export(amap, "mermaid"), "utf-8")
        files.append(str(diagram))
    parsed = subprocess.run(
        ["node", str(script), *files], capture_output=True, text=True, timeout=120, check=False
    )
    assert parsed.returncode == 0, parsed.stderr
    for amap, graph, path in zip(maps, json.loads(parsed.stdout), FIXTURES, strict=True):
        ids = sorted(vertex[0] for vertex in graph["vertices"])
        assert ids == sorted(f"n{i}" for i in range(1, len(amap.nodes) + 1)), path.name
        assert graph["edges"] == len(amap.edges), path.name


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_input_reads_the_same_by_whole_lines_and_by_tokens(path: Path) -> None:
    text, _ = decode_bytes(path.read_bytes(), path.name)
    source = SourceText(text, path.name)
    fast, slow = parse(source), parse(source, node_lines=False)
    assert fast.occurrences == slow.occurrences
    assert fast.relations == slow.relations
    assert fast.diagnostics == slow.diagnostics
