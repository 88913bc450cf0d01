"""``argmap import FILE.docx``: the brief written, notes on standard error, clear errors.

The documents are those of tests/test_docx.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_docx import FULL_BRIEF, full_document, save


def test_import_command_writes_the_brief_and_reports_notes(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from argmap.cli import main

    document = full_document()
    document.add_paragraph("Stray text after the last card", "Heading 5")
    source = save(document, tmp_path, "arctic.docx")
    target = tmp_path / "arctic.argdown"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == (
        FULL_BRIEF + "\n// Stray text after the last card\n"
    )
    assert result.stderr.splitlines() == [
        f"argmap: {source}: paragraph 12: a Heading 5 heading: kept as a comment",
        "argmap: note: imported 4 sections, 3 tags and 2 cards; 1 note",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a document", "not a Word .docx file (it is not a zip archive)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "an encrypted document"),
    ],
)
def test_import_command_refuses_what_is_not_a_docx(
    tmp_path: Path, content: bytes, message: str
) -> None:
    from click.testing import CliRunner

    from argmap.cli import main

    source = tmp_path / "bad.docx"
    source.write_bytes(content)
    result = CliRunner().invoke(main, ["import", str(source)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_import_export_import_gives_the_same_graph(tmp_path: Path) -> None:
    from click.testing import CliRunner

    import argmap
    from argmap.cli import main
    from tests.test_docx import graph

    source = save(full_document(), tmp_path, "arctic.docx")
    first, exported, again = (tmp_path / name for name in ("1.argdown", "2.docx", "3.argdown"))
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(source), "-o", str(first)]).exit_code == 0
    result = runner.invoke(main, ["export", str(first), "--format", "docx", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["import", str(exported), "-o", str(again)]).exit_code == 0
    assert again.read_text(encoding="utf-8") == first.read_text(encoding="utf-8") == FULL_BRIEF
    # The brief is written as argmap fmt writes it.
    assert runner.invoke(main, ["fmt", "--check", str(first)]).exit_code == 0
    assert graph(argmap.load(again)) == graph(argmap.load(first))
