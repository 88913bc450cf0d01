"""``argmap show`` and ``argmap flow`` on premise–conclusion structures."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_runner import run
from tests.test_trace_pcs import BRIEF


def _show(tmp_path: Path, *options: str) -> list[str]:
    brief = tmp_path / "safety.argdown"
    brief.write_text(BRIEF, encoding="utf-8")
    result = run(["show", str(brief), "--standard", "dialectical", *options])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_show_puts_the_structure_under_its_argument(tmp_path: Path) -> None:
    lines = _show(tmp_path)
    # The thesis is the main conclusion; the argument supports it, and its structure
    # follows statement by statement, each inference line with its step's verdict and
    # what undercuts it.
    assert lines[:3] == [
        "THESIS ",
        "✗ [Uniforms] Schools should require uniforms.",
        "⚠ defeated-thesis: thesis [Uniforms] does not stand: out: the inference of "
        "<Safety> to [Uniforms] is undercut by [Trade-off], which stands",
    ]
    start = lines.index("└── + ✗ <Safety> Uniforms make schools safer.")
    shown = [line for line in lines[start + 1 :] if line.startswith("    ├── ")]
    shown += [line for line in lines[start + 1 :] if line.startswith("    └── ")]
    assert shown == [
        "    ├── (1) ✓ EVIDENCE [Spotting] Staff spot strangers more easily in uniform. #evidence",
        "    ├── ──── ✓ in",
        "    ├── (2) ✓ [Safer] Uniforms make schools safer.",
        "    ├── (3) ✓ EVIDENCE [Duty] Schools must do what makes them safer. #evidence",
        "    ├── ──── ✗ out",
        "    └── (4) ✗ [Uniforms] (shown above)",
    ]
    undercut = lines.index("    ├── ──── ✗ out") + 1
    assert lines[undercut] == (
        "    │   └── _ ✓ [Trade-off] Not every safety gain is worth its cost to students."
    )


def test_show_in_ascii_writes_the_inference_line_in_ascii(tmp_path: Path) -> None:
    lines = _show(tmp_path, "--ascii")
    assert "    +-- ---- (out)" in lines
    assert all(line.isascii() for line in lines if "Uniforms" not in line or "(" in line)


def test_inference_rules_are_shown(tmp_path: Path) -> None:
    brief = tmp_path / "rules.argdown"
    brief.write_text(
        '<A>: An argument.\n\n(1) [P]: A premise. #evidence {cite: "Doe 2020"}\n'
        "-- modus ponens, analogy --\n(2) [C]: A conclusion.\n",
        encoding="utf-8",
    )
    result = run(["show", str(brief)])
    assert "    ├── ──── modus ponens, analogy ✓ in" in result.stdout.splitlines()


def test_flow_places_the_argument_under_its_conclusion(tmp_path: Path) -> None:
    brief = tmp_path / "safety.argdown"
    brief.write_text(BRIEF, encoding="utf-8")
    result = run(["flow", str(brief), "--standard", "dialectical", "--ascii"])
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if line.startswith("| (")]
    assert [row.split("|")[1].strip() for row in rows] == [
        "(out) [Uniforms] Schools should require uniforms.",
        "(out) <Safety> Uniforms make schools safer.",
        "(in) [Safer] Uniforms make schools safer.",
    ]
    # The undercut of the inference answers the argument, beside it, in the next speech.
    assert rows[1].split("|")[2].strip() == (
        "(in) [Trade-off] Not every safety gain is worth its cost to students."
    )
    assert "|   * [Spotting]: Doe 2018 " in result.stdout


def test_focus_on_an_argument_keeps_its_structure(tmp_path: Path) -> None:
    lines = _show(tmp_path, "--focus", "<Safety>")
    assert lines[:2] == ["FOCUS ", "✗ <Safety> Uniforms make schools safer."]
    for shown in ("(1) ✓ EVIDENCE [Spotting]", "(3) ✓ EVIDENCE [Duty]", "_ ✓ [Trade-off]"):
        assert any(shown in line for line in lines), shown


def test_focus_on_an_intermediary_conclusion_reaches_its_argument(tmp_path: Path) -> None:
    lines = _show(tmp_path, "--focus", "Safer", "--depth", "1")
    assert lines[:3] == [
        "FOCUS ",
        "✓ [Safer] Uniforms make schools safer.",
        "└── + ✗ <Safety> Uniforms make schools safer.",
    ]


def test_stats_counts_structures_and_chains_through_them(tmp_path: Path) -> None:
    brief = tmp_path / "safety.argdown"
    brief.write_text(BRIEF, encoding="utf-8")
    result = run(["stats", str(brief), "--format", "json"])
    assert result.exit_code == 0, result.output
    numbers = json.loads(result.stdout)
    assert (numbers["arguments"], numbers["reconstructed_arguments"], numbers["inferences"]) == (
        1,
        1,
        2,
    )
    # [Spotting] to <Safety> to [Uniforms]: the structure is a chain of support.
    assert numbers["longest_support_chain"] == 3
    # An argument defined by its structure alone is not an undefined reference.
    assert numbers["undefined_references"] == 0
