"""The JSON export's layout: one field per line at the top, one line per node, edge,
finding and section, each line whole JSON; read back, it exports to the same bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main

BRIEFS = Path(__file__).resolve().parents[2] / "briefs"
SEED = BRIEFS / "japan-rok-trilateral.argdown"
TOUR = BRIEFS / "language-tour.argdown"


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


@pytest.mark.parametrize("brief", [SEED, TOUR], ids=lambda p: p.stem)
def test_reading_the_export_back_exports_the_same_bytes(brief: Path, tmp_path: Path) -> None:
    exported = tmp_path / "map.json"
    CliRunner().invoke(main, ["export", str(brief), "-o", str(exported)])
    assert run(["export", str(exported)]) == exported.read_text("utf-8")
