"""A team's repository as a coach sets it up: a ``pyproject.toml`` with ``[tool.argmap]``,
a folder of briefs (a case, blocks, notes in Markdown, a drafts folder, a file git
ignores), and ``argmap check .`` run on all of it.

The expected findings are worked out by hand from the settings, below each brief.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import run

PYPROJECT = """\
[project]
name = "team-briefs"

[tool.argmap]
select = ["AM1", "AM203"]
exclude = ["drafts/"]

[tool.argmap.per-file-ignores]
"blocks/*.argdown" = ["missing-citation"]

[tool.argmap.rules.orphan]
severity = "error"
"""

FILES = {
    # AM203: [Survey] has no citation (a warning). AM105: [Aside] relates to nothing, an
    # error here (rules.orphan.severity).
    "case/1ac.argdown": (
        "[Uniforms]: Schools should require uniforms. #thesis\n"
        "  + [Survey]: Teasing fell by half. #evidence\n"
        "\n"
        "[Aside]: A thought that relates to nothing.\n"
    ),
    # [Grants] has no citation, but per-file-ignores drop missing-citation in blocks/;
    # [Prics] is never defined, and the comment silences that; [Loose] is an orphan.
    "blocks/answers.argdown": (
        "[Cost]: Uniforms cost families money.\n"
        "  - [Grants]: Districts pay for them. #evidence\n"
        "  + [Prics] // argmap: ignore[undefined-reference]\n"
        "\n"
        "[Loose]: Another loose thought.\n"
    ),
    # Markdown with an Argdown block: [Lonely] is an orphan on the file's line 7.
    "notes.md": (
        "# Notes\n\n```argdown\n[Plan]: Adopt uniforms.\n  + [Cheap]: They are cheap.\n\n"
        "[Lonely]: Nothing relates to this.\n```\n"
    ),
    # Left out: exclude = ["drafts/"] (it would be a syntax warning).
    "drafts/wip.argdown": "[Broken\n  + oops\n",
    # Left out: .gitignore names it (an orphan, were it read).
    "scratch.argdown": "[Scratch]: scratch.\n\n[Other]: other.\n",
    ".gitignore": "scratch.argdown\n",
    # Markdown without Argdown is no brief.
    "README.md": "# Our briefs\n",
}


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    for name, text in FILES.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_dot_applies_the_table_honours_the_comment_and_names_every_file(
    repository: Path,
) -> None:
    result = run(["check", ".", "--format", "parsable"])
    assert result.exit_code == 1  # orphans are errors here
    assert result.stdout.splitlines() == [
        "blocks/answers.argdown:5:1: error AM105 [Loose] relates to nothing and nothing "
        "relates to it (orphan)",
        "case/1ac.argdown:2:5: warning AM203 evidence [Survey] has no citation: add "
        "{cite: …}, {source: …} or {url: …} (missing-citation)",
        "case/1ac.argdown:4:1: error AM105 [Aside] relates to nothing and nothing relates "
        "to it (orphan)",
        "notes.md:7:1: error AM105 [Lonely] relates to nothing and nothing relates to it (orphan)",
    ]
    assert result.stderr == "3 errors, 1 warning in 3 briefs\n"


def test_the_same_from_a_subfolder_finds_the_table_above_it(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository / "case")
    result = run(["check", "1ac.argdown", "--format", "json"])
    found = json.loads(result.stdout)["diagnostics"]
    assert [(d["file"], d["line"], d["code"], d["severity"]) for d in found] == [
        ("1ac.argdown", 2, "AM203", "warning"),
        ("1ac.argdown", 4, "AM105", "error"),
    ]


def test_isolated_reads_no_table_but_keeps_gitignore_and_comments(repository: Path) -> None:
    result = run(["check", "--isolated", ".", "--format", "json", "--select", "AM1"])
    found = json.loads(result.stdout)["diagnostics"]
    # Every AM1 rule at its default severity; drafts/ is searched again (its unclosed
    # bracket is AM004, not selected), scratch.argdown still left out, [Prics] silenced.
    assert sorted({(d["file"], d["code"], d["severity"]) for d in found}) == [
        ("blocks/answers.argdown", "AM105", "warning"),
        ("case/1ac.argdown", "AM105", "warning"),
        ("notes.md", "AM105", "warning"),
    ]
    assert result.exit_code == 0


def test_a_folder_read_as_one_map_keeps_each_nodes_file(repository: Path) -> None:
    (repository / "blocks" / "more.argdown").write_text(
        '[Aside]\n  + [Backing]: Support for the aside. #evidence {cite: "Doe 2019"}\n',
        encoding="utf-8",
    )
    result = run(["check", "--project", "case", "--format", "parsable"])
    # The folder case/ alone: as before.
    assert [line.split(" ")[0] for line in result.stdout.splitlines()] == [
        "case/1ac.argdown:2:5:",
        "case/1ac.argdown:4:1:",
    ]
    result = run(["check", "--project", ".", "--format", "parsable"])
    # The whole repository as one map: [Aside] of the case is supported in blocks/more,
    # so it is no orphan any more; the rest stays where it is.
    assert result.stdout.splitlines() == [
        "blocks/answers.argdown:5:1: error AM105 [Loose] relates to nothing and nothing "
        "relates to it (orphan)",
        "case/1ac.argdown:2:5: warning AM203 evidence [Survey] has no citation: add "
        "{cite: …}, {source: …} or {url: …} (missing-citation)",
        "notes.md:7:1: error AM105 [Lonely] relates to nothing and nothing relates to it (orphan)",
    ]
    assert result.stderr == "2 errors, 1 warning in 1 brief\n"
