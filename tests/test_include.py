"""``@include(path)``: included briefs are spliced in as Argdown's CLI splices them, and
every finding names the file and line it is about."""

from __future__ import annotations

import json
from pathlib import Path

import argmap
from argmap.diagnostics import Severity
from tests.agreement import reduce_map
from tests.cli_runner import run

CASE = Path(__file__).resolve().parent / "fixtures" / "include" / "case.argdown"


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_fixture_reads_as_argdowns_cli_reads_it() -> None:
    reference = json.loads(CASE.with_name(CASE.name + "-cli.json").read_text("utf-8"))
    assert reduce_map(argmap.load(CASE)) == reference


def test_places_are_in_the_file_that_holds_them() -> None:
    amap = argmap.load(CASE)
    folder = CASE.parent
    spans = {node.title: (Path(node.span.file), node.span.line) for node in amap.nodes}
    assert spans["Uniforms"] == (folder / "case.argdown", 3)
    assert spans["Study"] == (folder / "blocks" / "focus.argdown", 2)
    assert spans["Survey"] == (folder / "blocks" / "cost.argdown", 3)
    assert spans["Shared"] == (folder / "blocks" / "shared.argdown", 1)
    # After the included text, the brief's own lines again.
    assert spans["Policy"] == (folder / "case.argdown", 11)
    assert not [d for d in amap.diagnostics if d.severity is Severity.ERROR]


def test_check_shows_the_included_line(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "main.argdown": "[T]: A thesis. #thesis\n  + [C]\n\n@include(part.argdown)\n",
            "part.argdown": "[C]: A claim.\n  + [E]: A card. #evidence\n",
        },
    )
    result = run(["check", str(tmp_path / "main.argdown")])
    part = tmp_path / "part.argdown"
    assert f"{part}:2:5: warning AM203 evidence [E] has no citation" in result.stdout
    assert "    2 |   + [E]: A card. #evidence" in result.stdout


def test_a_file_is_included_once(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "main.argdown": "@include(a.argdown)\n\n@include(a.argdown)\n\n[B]: b.\n",
            "a.argdown": "[A]: a.\n",
        },
    )
    amap = argmap.load(tmp_path / "main.argdown")
    assert [node.title for node in amap.nodes] == ["A", "B"]
    assert [(d.severity, d.span.line, d.message) for d in amap.diagnostics] == [
        (
            Severity.WARNING,
            3,
            f"@include({tmp_path / 'a.argdown'}): already included, so not included again "
            "(each file is included once)",
        )
    ]
    assert amap.node("statement:B").span.line == 5


def test_a_cycle_is_reported_and_not_followed(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "main.argdown": "[M]: m.\n\n@include(a.argdown)\n",
            "a.argdown": "[A]: a.\n\n@include(main.argdown)\n",
        },
    )
    amap = argmap.load(tmp_path / "main.argdown")
    # Argdown's CLI would include the first file a second time (docs/language.md).
    assert [node.title for node in amap.nodes] == ["M", "A"]
    (warning,) = amap.diagnostics
    assert warning.severity is Severity.WARNING
    assert (Path(warning.span.file).name, warning.span.line) == ("a.argdown", 3)
    assert "a cycle" in warning.message


def test_a_missing_file_and_a_file_outside_the_folder_are_errors(tmp_path: Path) -> None:
    brief = tmp_path / "case" / "main.argdown"
    _write(
        tmp_path,
        {
            "secret.argdown": "[S]: Not for inclusion.\n",
            "case/main.argdown": "@include(missing.argdown)\n\n@include(../secret.argdown)\n",
        },
    )
    amap = argmap.load(brief)
    assert amap.nodes == []
    assert [(d.severity, d.span.line, d.span.column) for d in amap.diagnostics] == [
        (Severity.ERROR, 1, 1),
        (Severity.ERROR, 3, 1),
    ]
    assert amap.diagnostics[0].message.endswith("no such file")
    assert "outside the brief's folder" in amap.diagnostics[1].message


def test_an_include_in_a_comment_or_mid_line_is_text(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "main.argdown": "[M]: See @include(a.argdown) here.\n\n// @include(a.argdown)\n",
            "a.argdown": "[A]: a.\n",
        },
    )
    amap = argmap.load(tmp_path / "main.argdown")
    assert [node.title for node in amap.nodes] == ["M"]
    assert amap.node("statement:M").text == "See @include(a.argdown) here."


def test_a_brief_without_includes_is_read_as_before() -> None:
    amap = argmap.loads("[A]: a.\n\n@include(a.argdown)\n")
    # Only briefs read from a file include others: a string has no folder.
    assert [node.title for node in amap.nodes] == ["A", "Untitled 1"]
