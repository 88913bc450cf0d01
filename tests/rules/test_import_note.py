"""import-note (AM007): a map read from another format says once what was read and what
was left out.

Its documentation names files, not briefs (``PASS: a brief written in Argdown. FAIL: an
AIF, microtext or Kialo file read directly``): the tests read the importers' own fixture
files, whose contents their comments list by hand.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import argmap
from argmap.cli import main

RULE = "import-note"
FIXTURES = Path(__file__).resolve().parent.parent / "importers" / "fixtures"


def notes(path: Path) -> list[tuple[str, int, int, str]]:
    amap = argmap.load(path)
    return [
        (d.code, d.span.line, d.span.column, d.message) for d in argmap.check(amap, select=(RULE,))
    ]


def test_a_kialo_file_read_directly_has_one_note_at_its_head() -> None:
    # kialo_classic.txt: a thesis and four claims (a "-> See" link is no statement), three
    # Pro and two Con, nothing the map cannot hold, and no source.
    assert notes(FIXTURES / "kialo_classic.txt") == [
        (
            "AM007",
            1,
            1,
            "imported from kialo: read: statements 5, supports 3, arguments with linked "
            "premises 0, attacks 2, undercuts 0; nothing left out; the file marks no "
            "evidence, so under the evidence standard no claim stands: check it with "
            "--standard dialectical",
        )
    ]


def test_an_aif_file_counts_what_it_left_out() -> None:
    # aif_all.json (see the comment of aif_all.argdown): two L, three YA, one TA, one MA
    # and one PA node, an RA without a premise, node 2 and node 9 listed twice.
    [(code, line, column, message)] = notes(FIXTURES / "aif_all.json")
    assert (code, line, column) == ("AM007", 1, 1)
    assert message.startswith("imported from aif: read: statements 8, supports 2, ")
    for left_out in (
        "L nodes (locutions) 2",
        "YA nodes (illocutions) 3",
        "TA nodes (transitions) 1",
        "MA nodes (rephrases) 1",
        "PA nodes (preferences) 1",
        "RA nodes without a premise 1",
    ):
        assert left_out in message


def test_an_argdown_brief_has_no_note(tmp_path: Path) -> None:
    brief = tmp_path / "brief.argdown"
    brief.write_text("[T]: Schools should require uniforms. #thesis\n", encoding="utf-8")
    assert notes(brief) == []


def test_the_note_is_information_and_can_be_ignored() -> None:
    path = str(FIXTURES / "kialo_classic.txt")
    runner = CliRunner()
    shown = runner.invoke(main, ["check", "--format", "parsable", "--select", RULE, path])
    assert shown.exit_code == 0  # a note never fails a check
    assert f"{path}:1:1: info AM007 imported from kialo" in shown.output
    ignored = runner.invoke(main, ["check", "--format", "parsable", "--ignore", RULE, path])
    assert "AM007" not in ignored.output
