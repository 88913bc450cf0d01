"""The terminal views — show, flow, stats — as a user sees them, at several widths."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.evaluate import evaluate
from argmap.exporters import json as json_export

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "briefs" / "japan-rok-trilateral.argdown"
TOUR = ROOT / "briefs" / "language-tour.argdown"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(args: list[str], width: int = 100, color: bool = False) -> tuple[int, str, str]:
    env = {"COLUMNS": str(width)}
    if color:
        env["FORCE_COLOR"] = "1"
    else:
        env["NO_COLOR"] = "1"
    result = CliRunner().invoke(main, args, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("width", [60, 100, 160])
def test_show_prints_the_whole_seed_case_at_any_width(width: int) -> None:
    code, out, _ = run(["show", str(SEED)], width)
    assert code == 0
    for title in ("Trilateral Repair", "No Place for the US", "Diplomatic Option"):
        assert f"[{title}]" in out
    assert all(len(line) <= width for line in out.splitlines())
    assert "✓ [Trilateral Repair]" in out  # the verdict reads without colour
    assert "- ✗ [No Place for the US]" in out  # an attack, and it falls
    assert "\x1b" not in out


def test_show_in_colour_styles_verdicts_and_relations() -> None:
    _, out, _ = run(["show", str(SEED)], 120, color=True)
    assert "\x1b[" in out
    assert "[Trilateral Repair]" in ANSI.sub("", out)


def test_show_treats_brief_text_as_plain_text() -> None:
    brief = "[T]: A claim with \\[bold\\] rich markup and an escape \x1b]0;pwned\x07. #thesis\n"
    result = CliRunner().invoke(main, ["show", "-"], input=brief, env={"NO_COLOR": "1"})
    assert "A claim with [bold] rich markup" in result.stdout
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout


def test_show_ascii_uses_plain_glyphs() -> None:
    _, out, _ = run(["show", "--ascii", str(SEED)], 100)
    assert "(in) [Trilateral Repair]" in out
    assert "+-- " in out or "`-- " in out
    assert not set("├└│✓✗⚠") & set(out)


def test_show_depth_marks_what_it_cuts() -> None:
    _, out, _ = run(["show", "--depth", "1", str(SEED)], 120)
    assert "deeper" in out
    assert "[Track Record]" not in out
    assert "Not connected" not in out


def test_show_focus_and_section() -> None:
    _, out, _ = run(["show", "--focus", "No Place for the US", str(SEED)], 120)
    assert "[No Place for the US]" in out
    assert "[Diplomatic Option]" in out
    assert "[Secure Influence]" not in out
    _, out, _ = run(["show", "--section", "Rebuttals and responses", str(SEED)], 120)
    assert "[Domestic Politics]" in out
    assert "[Secure Influence]" not in out
    code, _, err = run(["show", "--focus", "Nothing Like This", str(SEED)])
    assert code == 2
    assert "no statement or argument titled" in err


def test_show_lists_nodes_outside_the_tree() -> None:
    brief = "[T]: Thesis. #thesis\n  + [A]: Support.\n\n[Lonely]: Relates to nothing.\n"
    result = CliRunner().invoke(main, ["show", "-"], input=brief, env={"NO_COLOR": "1"})
    assert "Not connected to a thesis (1)" in result.stdout
    assert "[Lonely]" in result.stdout


@pytest.mark.parametrize("fmt", ["policy", "pf", "ld", "generic"])
def test_flow_puts_the_case_first_and_answers_beside(fmt: str) -> None:
    code, out, _ = run(["flow", "--format", fmt, str(SEED)], 160)
    assert code == 0
    header = out.splitlines()[1]
    first = {"policy": "1AC", "pf": "Case", "ld": "AC", "generic": "Case"}[fmt]
    assert first in header
    row = next(line for line in out.splitlines() if "[Trilateral Repair]" in line)
    # The rebuttal sits on the thesis's row, one column to the right.
    assert row.index("[Trilateral Repair]") < row.index("[No Place for the US]")
    assert "↳ answered" in out


def test_flow_marks_dropped_rebuttals() -> None:
    brief = (
        '[T]: Thesis. #thesis\n  + [E]: Card. #evidence {cite: "A 2020"}\n'
        '  - [R]: Rebuttal.\n    + [F]: Their card. #evidence {cite: "B 2021"}\n'
    )
    result = CliRunner().invoke(
        main, ["flow", "-"], input=brief, env={"NO_COLOR": "1", "COLUMNS": "120"}
    )
    assert "DROPPED" in result.stdout
    assert "✗ out [T]" in result.stdout


def test_flow_falls_back_to_threads_on_narrow_terminals() -> None:
    _, out, _ = run(["flow", str(SEED)], 40)
    assert "1AC: " in out
    assert "1NC: " in out
    assert "┃" not in out


def test_flow_ascii() -> None:
    _, out, _ = run(["flow", "--ascii", str(SEED)], 160)
    assert "-> answered" in out
    assert "✓" not in out


def test_stats_counts_the_seed_brief() -> None:
    code, out, _ = run(["stats", "--format", "json", str(SEED)])
    assert code == 0
    stats = json.loads(out)
    assert stats["theses"] == 1
    assert stats["evidence"] == 11
    assert stats["claims"] == 21
    assert stats["relations"] == {"support": 35, "attack": 2, "undercut": 0, "contradiction": 0}
    assert stats["grounded_claims"] == 13
    assert stats["unanswered_rebuttals"] == 0
    assert stats["verdicts"]["in"] == 24
    assert stats["findings"] == {"error": 0, "warning": 6, "info": 0}


@pytest.mark.parametrize("width", [50, 100])
def test_stats_pretty(width: int) -> None:
    code, out, _ = run(["stats", str(TOUR)], width)
    assert code == 0
    assert "grounded" in out
    assert "longest support" in out


def test_stats_longest_chain_and_unanswered() -> None:
    brief = (
        "[T]: Thesis. #thesis\n  + [A]: a.\n    + [B]: b.\n      + [C]: c. #evidence\n"
        "  - [R]: Rebuttal.\n"
    )
    result = CliRunner().invoke(main, ["stats", "--format", "json", "-"], input=brief)
    stats = json.loads(result.stdout)
    assert stats["longest_support_chain"] == 4
    assert stats["unanswered_rebuttals"] == 1


@pytest.mark.parametrize("brief", [SEED, TOUR], ids=lambda p: p.stem)
def test_json_export_golden(brief: Path, golden: object) -> None:
    amap = argmap.load(brief.relative_to(ROOT))
    output = json_export.export(amap, evaluate(amap), argmap.check(amap))
    golden(f"{brief.stem}.json", output)  # type: ignore[operator]
