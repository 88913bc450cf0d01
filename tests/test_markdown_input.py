"""A Markdown file's ```argdown blocks read as one brief, places in the Markdown file."""

from __future__ import annotations

from pathlib import Path

import argmap
from argmap.diagnostics import Severity
from tests.cli_runner import run

NOTES = Path(__file__).resolve().parent / "fixtures" / "include" / "notes.md"


def test_the_argdown_blocks_are_one_brief() -> None:
    amap = argmap.load(NOTES)
    # [Focus] is referred to in the first block and defined in the second; the Python
    # block is not Argdown, and neither is the prose.
    assert [node.title for node in amap.nodes] == ["Uniforms", "Focus", "Study"]
    assert [(e.source, e.target) for e in amap.edges] == [
        ("statement:Focus", "statement:Uniforms"),
        ("statement:Study", "statement:Focus"),
    ]
    assert [node.id for node in amap.theses] == ["statement:Uniforms"]


def test_places_are_lines_and_columns_of_the_markdown_file() -> None:
    amap = argmap.load(NOTES)
    spans = {node.title: (node.span.line, node.span.column) for node in amap.nodes}
    # The second block is indented two spaces (inside a list item).
    assert spans == {"Uniforms": (6, 1), "Focus": (19, 3), "Study": (20, 7)}
    assert amap.node("statement:Focus").span.file == str(NOTES)


def test_check_shows_the_markdown_line() -> None:
    result = run(["check", str(NOTES)])
    assert f"{NOTES}:20:7: warning AM203 evidence [Study] has no citation" in result.stdout
    assert "   20 |     + [Study]: Attention rose. #evidence" in result.stdout


def test_a_markdown_file_without_argdown_says_so(tmp_path: Path) -> None:
    notes = tmp_path / "plain.md"
    notes.write_text("# Notes\n\n```python\nx = 1\n```\n", encoding="utf-8")
    amap = argmap.load(notes)
    assert amap.nodes == []
    assert [(d.severity, d.span.line, d.message) for d in amap.diagnostics] == [
        (
            Severity.WARNING,
            1,
            "this Markdown file has no Argdown in it: argmap reads the fenced blocks that "
            "start with ```argdown (or ```argdown-map)",
        )
    ]


def test_blocks_never_run_into_each_other(tmp_path: Path) -> None:
    notes = tmp_path / "two.md"
    # Without the blank line between blocks, the second would be the first's relation.
    notes.write_text("~~~argdown\n[A]: a.\n~~~\n````argdown\n  + [B]: b.\n````\n", encoding="utf-8")
    amap = argmap.load(notes)
    assert amap.edges == []
    assert [(d.span.line, d.span.column) for d in amap.diagnostics if d.rule == "syntax-error"] == [
        (5, 1)
    ]
