"""Suppression comments in a brief: ``// argmap: ignore[…]`` on a line or the line before,
``<!-- argmap: ignore[…] -->``, and ``argmap: ignore-file[…]`` for a whole file."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.config import ConfigFileError
from argmap.suppress import scan
from tests.cli_runner import run

# Two orphans, [A] on line 5 and [B] on line 7 (cited cards, so nothing else is said).
BRIEF = (
    "[T]: Thesis. #thesis\n"
    '  + [S]: Support. #evidence {cite: "Doe 2019"}\n'
    '  + [R]: More. #evidence {cite: "Roe 2021"}\n'
    "\n"
    '[A]: Alone. #evidence {cite: "Poe 2020"}\n'
    "\n"
    '[B]: Also alone. #evidence {cite: "Poe 2021"}\n'
)


def orphans(text: str) -> list[int]:
    """The lines of the orphans argmap reports in ``text``."""
    found = argmap.check(argmap.loads(text, "b.argdown"))
    assert {d.rule for d in found} <= {"orphan"}, found
    return [d.span.line for d in found]


def test_the_brief_has_two_orphans() -> None:
    assert orphans(BRIEF) == [5, 7]


@pytest.mark.parametrize(
    "comment",
    [
        "// argmap: ignore[AM105]",
        "// argmap: ignore[orphan]",
        "// argmap: ignore[AM1]",
        "//argmap:ignore[AM105, AM203]",
        "// argmap: ignore",
        "<!-- argmap: ignore[orphan] -->",
    ],
)
def test_a_comment_at_the_end_of_the_line(comment: str) -> None:
    text = BRIEF.replace('"Poe 2020"}\n', '"Poe 2020"} ' + comment + "\n")
    assert orphans(text) == [7]


def test_a_comment_on_the_line_before() -> None:
    text = BRIEF.replace("\n[A]:", "\n// argmap: ignore[orphan]\n[A]:")
    assert orphans(text) == [8]


def test_a_comment_two_lines_before_silences_nothing() -> None:
    text = BRIEF.replace("\n\n[A]:", "\n// argmap: ignore[orphan]\n\n[A]:")
    assert orphans(text) == [6, 8]


def test_a_comment_for_another_rule_silences_nothing() -> None:
    text = BRIEF.replace('"Poe 2020"}\n', '"Poe 2020"} // argmap: ignore[AM203]\n')
    assert orphans(text) == [5, 7]


@pytest.mark.parametrize(
    "comment", ["// argmap: ignore-file[orphan]", "<!-- argmap: ignore-file[AM105] -->"]
)
def test_a_file_comment_anywhere(comment: str) -> None:
    assert orphans(comment + "\n" + BRIEF) == []
    assert orphans(BRIEF + "\n" + comment + "\n") == []


def test_a_syntax_error_is_never_silenced() -> None:
    text = "[T]: Thesis.\n+ [S]: Support. // argmap: ignore\n"
    found = argmap.check(argmap.loads(text, "b.argdown"))
    assert "syntax-error" in {d.rule for d in found}


def test_a_comment_in_an_included_file_applies_in_that_file(tmp_path: Path) -> None:
    (tmp_path / "main.argdown").write_text(BRIEF + "\n@include(more.argdown)\n", "utf-8")
    (tmp_path / "more.argdown").write_text(
        '// argmap: ignore-file[orphan]\n[C]: Third. #evidence {cite: "Poe 2022"}\n', "utf-8"
    )
    found = argmap.check(argmap.load(tmp_path / "main.argdown"))
    assert [(Path(d.span.file).name, d.span.line) for d in found] == [
        ("main.argdown", 5),
        ("main.argdown", 7),
    ]


def test_markdown_comments_outside_the_blocks(tmp_path: Path) -> None:
    path = tmp_path / "case.md"
    path.write_text(
        "<!-- argmap: ignore-file[AM105] -->\n# Case\n\n```argdown\n" + BRIEF + "```\n", "utf-8"
    )
    assert argmap.check(argmap.load(path)) == []


def test_a_comment_naming_no_rule_is_an_error_at_its_place(tmp_path: Path) -> None:
    text = BRIEF.replace('"Poe 2020"}\n', '"Poe 2020"} // argmap: ignore[AM1O5]\n')
    with pytest.raises(ConfigFileError) as raised:
        scan(text, "b.argdown")
    assert str(raised.value) == (
        "b.argdown:5:42: // argmap: ignore[AM1O5]: unknown rule 'AM1O5'; did you mean "
        "AM105? (see `argmap rules`)"
    )
    path = tmp_path / "b.argdown"
    path.write_text(text.replace("AM1O5", ""), "utf-8")
    result = run(["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"argmap: error: {path}:5:42: // argmap: ignore[]: unknown rule '': give a rule code "
        "(AM201), a code prefix (AM2) or a name (see `argmap rules`)\n"
    )


def test_the_same_words_in_a_statement_are_no_comment() -> None:
    # "argmap: ignore" without "//" or "<!--" before it is the statement's text.
    text = BRIEF.replace("Alone.", "Alone, argmap: ignore it.")
    assert orphans(text) == [5, 7]
    assert scan(text, "b.argdown") == []
