"""Argdown's own CLI reads argmap's Argdown export of every brief into the same graph,
and the export of a brief with premise–conclusion structures into the same graph and
structures as the brief itself.

Needs Argdown's CLI (``npm ci --prefix tools/argdown``, which ``.ci/run`` does): skipped
where it is missing, failed in CI.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.exporters import exporter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools" / "argdown"))
import reference  # noqa: E402

BRIEFS = sorted((ROOT / "briefs").glob("*.argdown"))


@pytest.mark.needs("argdown")
@pytest.mark.parametrize("brief", BRIEFS, ids=[b.stem for b in BRIEFS])
def test_argdown_reads_the_export_as_the_same_graph(brief: Path, tmp_path: Path) -> None:
    exported = tmp_path / brief.name
    exported.write_text(exporter("argdown").export(argmap.load(brief)), encoding="utf-8")
    expected = json.loads(
        (ROOT / "tests" / "fixtures" / "briefs" / (brief.name + "-cli.json")).read_text("utf-8")
    )
    assert reference.reduce(reference.run_argdown(exported)) == expected


# -- premise–conclusion structures ---------------------------------------------------------

PCS_FIXTURES = sorted((ROOT / "tests" / "fixtures" / "agreement").glob("pcs-*.argdown"))

# Briefs whose structures the export lays out in each of its ways (see
# tests/exporters/test_argdown.py for the layouts themselves).
PCS_LAYOUTS = {
    # Written right after its argument, an undercut of the argument under the inference.
    "after-its-argument": (
        "[Cost Doubts]: Uniforms cost more than they seem.\n\n"
        "<Cost>: Uniforms save families money.\n  <_ [Cost Doubts]\n\n"
        "(1) [Cheaper]: A uniform costs less than a wardrobe.\n"
        "(3) [Savings Help]: Saving money is good.\n"
        "-- modus ponens, practical reasoning {uses: [1, 3]} --\n"
        "(4) [Uniforms]: Schools should require uniforms.\n"
    ),
    # After a node the brief has first, so after a reference to its argument.
    "after-other-nodes": (
        "<Cost>: Uniforms save families money.\n"
        "  -> [Fashion]: Fashion matters to students.\n\n"
        "(1) [Cheaper]: A uniform costs less than a wardrobe.\n"
        "  - [Two Sets]: Families still buy everyday clothes.\n"
        "(2) [Savings Help]: Saving money is good.\n"
        "----\n"
        "  <_ [Hidden Costs]: Uniforms must be replaced often.\n"
        "(3) [Uniforms]: Schools should require uniforms.\n"
    ),
    # An untitled structure kept apart from an argument's block.
    "kept-apart": "[S]: s\n\n<B>: b\n\n[S]\n\n(1) [P]: p\n----\n(2) [C]: c\n",
    # Untitled statements and arguments numbered in one sequence.
    "untitled-numbers": (
        "First.\n\n(1) Second.\n  + Third.\n----\n(2) [C]: c\n\n<Untitled 2> #tag\n  - Fifth.\n"
    ),
    # An argument in a member's list, reconstructed later.
    "argument-in-a-list": (
        "(1) [P]: p\n  + <B>: b\n----\n(2) [C]: c\n\n<B>\n\n(1) [Q]: q\n----\n(2) [D]: d\n"
    ),
    # Undercuts of an earlier inference and of the last, under the conclusion.
    "undercuts": (
        "<A>: a\n\n(1) [P]: p\n----\n  <_ [U]: u\n(2) [Q]: q\n(3) [R]: r\n----\n"
        "(4) [C]: c\n  <_ [V]: v\n    + [W]: w\n"
    ),
}


def _structures(model: dict[str, Any]) -> dict[str, Any]:
    """The graph and the structures as Argdown read them: what tools/argdown/reference.py
    compares, and the data of each inference."""
    reduced = reference.reduce(model)
    reduced["inference data"] = {
        title: [member.get("inference", {}).get("data") for member in argument["pcs"]]
        for title, argument in model.get("arguments", {}).items()
        if argument.get("pcs")
    }
    return reduced


@pytest.fixture(scope="module")
def structure_readings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Argdown's reading of each brief with structures and of its export, by name (the
    export's name ends in `.export`): one run of Argdown's CLI for all of them."""
    folder = tmp_path_factory.mktemp("structures")
    briefs = {path.stem: path.read_text("utf-8") for path in PCS_FIXTURES} | PCS_LAYOUTS
    for name, text in briefs.items():
        exported = exporter("argdown").export(argmap.loads(text))
        (folder / f"{name}.argdown").write_text(text, encoding="utf-8")
        (folder / f"{name}.export.argdown").write_text(exported, encoding="utf-8")
    out = folder / "json"
    subprocess.run(
        ["node", str(reference.CLI), "json", str(folder / "*.argdown"), str(out), "--silent"],
        capture_output=True,
        check=False,
    )
    return {path.stem: json.loads(path.read_text("utf-8")) for path in out.glob("*.json")}


@pytest.mark.needs("argdown")
@pytest.mark.parametrize("name", [path.stem for path in PCS_FIXTURES] + list(PCS_LAYOUTS))
def test_argdown_reads_the_export_of_structures_as_the_brief(
    name: str, structure_readings: dict[str, Any]
) -> None:
    brief, exported = structure_readings[name], structure_readings[f"{name}.export"]
    assert _structures(brief)["pcs"]  # the brief has structures, as Argdown reads it
    assert _structures(exported) == _structures(brief)


@pytest.mark.needs("argdown")
@pytest.mark.parametrize("fixture", PCS_FIXTURES, ids=[path.stem for path in PCS_FIXTURES])
def test_argdown_reads_the_export_of_structures_as_its_reference(
    fixture: Path, structure_readings: dict[str, Any]
) -> None:
    # The committed reference: Argdown's reading of the fixture when it was written.
    expected = json.loads(fixture.with_name(fixture.name + "-cli.json").read_text("utf-8"))
    assert reference.reduce(structure_readings[f"{fixture.stem}.export"]) == expected
