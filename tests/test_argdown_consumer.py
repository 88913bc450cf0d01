"""Argdown's own CLI reads argmap's Argdown export of every brief into the same graph.

Needs Argdown's CLI (``npm ci --prefix tools/argdown``, which ``.ci/run`` does): skipped
where it is missing, failed in CI.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

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
