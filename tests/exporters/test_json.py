"""The JSON export's layout: one field per line at the top, one line per node, edge,
finding and section, each line whole JSON; read back, it exports to the same bytes.
Premise–conclusion structures (schema version 2) as the brief writes them."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.evaluate import Evaluation, Verdict, evaluate
from argmap.exporters.json import to_json

ROOT = Path(__file__).resolve().parents[2]
BRIEFS = ROOT / "briefs"
SEED = BRIEFS / "japan-rok-trilateral.argdown"
TOUR = BRIEFS / "language-tour.argdown"
PARSER_FIXTURES = ROOT / "tests" / "fixtures" / "parser"
UNDERCUTS = PARSER_FIXTURES / "pcs-undercuts.argdown"
RULES = PARSER_FIXTURES / "pcs-inference-rules.argdown"


def run(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.stdout


@pytest.mark.parametrize("brief", [SEED, TOUR], ids=lambda p: p.stem)
def test_one_line_per_element(brief: Path) -> None:
    text = run(["export", "--format", "json", str(brief)])
    document = json.loads(text)
    lines = text.splitlines()
    assert lines[0] == "{"
    assert lines[-1] == "}"
    assert text.endswith("}\n")
    fields = [line for line in lines if line.startswith('  "')]
    assert [json.loads(line[2:].split(": ", 1)[0]) for line in fields] == list(document)
    for line in fields:
        if not line.endswith("["):  # a value written whole on its line
            assert json.loads("{" + line.rstrip(",") + "}").items() <= document.items()
    for key in ("nodes", "edges", "findings", "sections", "theses"):
        items = document[key]
        assert items, key
        start = lines.index(f'  "{key}": [')
        written = lines[start + 1 : start + 1 + len(items)]
        assert [json.loads(line.strip().rstrip(",")) for line in written] == items
        assert all(line.startswith("    ") for line in written)
        assert [line.endswith(",") for line in written] == [True] * (len(items) - 1) + [False]
        assert lines[start + 1 + len(items)].startswith("  ]")
    assert "\\u" not in text  # UTF-8 kept


def test_empty_lists_and_nested_values_stay_on_their_line() -> None:
    brief = "===\ntitle: T\nx: {a: [1, 2]}\n===\n"
    text = CliRunner().invoke(main, ["export", "--format", "json", "-"], input=brief).stdout
    lines = text.splitlines()
    assert '  "nodes": [],' in lines
    assert '  "edges": [],' in lines
    assert '  "front_matter": {"title": "T", "x": {"a": [1, 2]}},' in lines
    assert json.loads(text)["front_matter"] == {"title": "T", "x": {"a": [1, 2]}}


def test_check_json_has_one_diagnostic_per_line() -> None:
    text = run(["check", "--format", "json", str(TOUR)])
    diagnostics = json.loads(text)["diagnostics"]
    assert len(diagnostics) > 1
    lines = text.splitlines()
    assert lines[:3] == ["{", '  "argmap": 1,', '  "diagnostics": [']
    assert [json.loads(line.strip().rstrip(",")) for line in lines[3:-2]] == diagnostics
    assert lines[-2:] == ["  ]", "}"]


@pytest.mark.parametrize("brief", [SEED, TOUR, UNDERCUTS, RULES], ids=lambda p: p.stem)
def test_reading_the_export_back_exports_the_same_bytes(brief: Path, tmp_path: Path) -> None:
    exported = tmp_path / "map.json"
    CliRunner().invoke(main, ["export", str(brief), "-o", str(exported)])
    assert run(["export", str(exported)]) == exported.read_text("utf-8")


# -- premise–conclusion structures ------------------------------------------------------------


def _export(brief: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(run(["export", "--format", "json", str(brief)]))
    return document


def _span(line: int, column: int, end_line: int, end_column: int) -> dict[str, Any]:
    return {
        "file": str(RULES),
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
    }


def test_the_export_is_version_2_and_check_stays_version_1() -> None:
    assert _export(TOUR)["argmap"] == 2
    assert json.loads(run(["check", "--format", "json", str(TOUR)]))["argmap"] == 1


def test_a_structure_is_written_in_order_with_its_inferences() -> None:
    # pcs-inference-rules.argdown: (1) (2), a named inference using 1 and 2, (3), (4), an
    # inference written over three lines, (5).
    nodes = {node["id"]: node for node in _export(RULES)["nodes"]}
    assert nodes["argument:Safety"]["pcs"] == [
        # Each with where its "(n)" is written.
        {
            "statement": "statement:Spotting",
            "role": "premise",
            "number": 1,
            "span": _span(3, 1, 3, 3),
        },
        {
            "statement": "statement:Strangers",
            "role": "premise",
            "number": 2,
            "span": _span(4, 1, 4, 3),
        },
        {
            "statement": "statement:Safer",
            "role": "intermediary-conclusion",
            "number": 3,
            "span": _span(6, 1, 6, 3),
            "inference": {
                "rules": ["modus ponens", "practical reasoning"],
                "data": {"uses": [1, 2], "confidence": "high"},
                "span": _span(5, 1, 5, 72),
            },
            # The brief marks no evidence: under the evidence standard no step stands.
            "verdict": "out",
        },
        {
            "statement": "statement:Safety First",
            "role": "premise",
            "number": 4,
            "span": _span(7, 1, 7, 3),
        },
        {
            "statement": "statement:Uniforms",
            "role": "main-conclusion",
            "number": 5,
            "span": _span(11, 1, 11, 3),
            "inference": {"rules": ["Modus ponens"], "data": {}, "span": _span(8, 1, 10, 2)},
            "verdict": "out",
        },
    ]
    # Only the argument has a structure: the key is left out of every other node.
    assert [node_id for node_id, node in nodes.items() if "pcs" in node] == ["argument:Safety"]


def test_an_undercut_of_an_inference_names_its_step() -> None:
    # pcs-undercuts.argdown: [Confound] under the first inference line (its conclusion is
    # (2), index 1), [Not Everything] under the conclusion (4) (index 3), and [Funding]
    # undercutting <Grades> itself, which is its last inference.
    document = _export(UNDERCUTS)
    edges = [{key: edge[key] for key in edge if key != "spans"} for edge in document["edges"]]
    assert edges == [
        {
            "source": "statement:Confound",
            "target": "argument:Grades",
            "relation": "undercut",
            "step": 1,
        },
        {
            "source": "statement:Not Everything",
            "target": "argument:Grades",
            "relation": "undercut",
            "step": 3,
        },
        {
            "source": "statement:Funding",
            "target": "argument:Grades",
            "relation": "undercut",
            "step": 3,
        },
    ]
    # Other edges have no step.
    support = _export(PARSER_FIXTURES / "pcs-member-relations.argdown")["edges"]
    assert [list(edge) for edge in support] == [["source", "target", "relation", "spans"]] * 3


@dataclasses.dataclass
class _EvaluationWithSteps(Evaluation):
    """An evaluation with the verdict of each inference step, chosen by the test."""

    steps: dict[tuple[str, int], Verdict] = dataclasses.field(default_factory=dict)


def test_each_conclusion_carries_the_verdict_of_its_step() -> None:
    amap = argmap.load(UNDERCUTS)
    evaluation = evaluate(amap)
    fields = {
        field.name: getattr(evaluation, field.name) for field in dataclasses.fields(evaluation)
    }
    fields["steps"] = {("argument:Grades", 1): Verdict.OUT, ("argument:Grades", 3): Verdict.IN}
    document = to_json(amap, _EvaluationWithSteps(**fields))
    pcs = document["nodes"][0]["pcs"]
    assert [member.get("verdict") for member in pcs] == [None, "out", None, "in"]
    # Without a verdict for a step, or without an evaluation, a conclusion carries none.
    fields["steps"] = {("argument:Grades", 3): Verdict.UNDECIDED}
    document = to_json(amap, _EvaluationWithSteps(**fields))
    assert [member.get("verdict") for member in document["nodes"][0]["pcs"]] == [
        None,
        None,
        None,
        "undecided",
    ]
    assert all("verdict" not in member for member in to_json(amap)["nodes"][0]["pcs"])
