"""Configuration files: where they are found, what they may say, which setting wins, and
the error (with file, line and column) for what they may not say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.config import ConfigFileError
from argmap.project import find_config, key_place, read_config
from tests.cli_runner import run

# [Aside] is an orphan (AM105, a warning; it is a cited card, so nothing else is said of
# it) and [Survey] has no citation (AM203, a warning).
BRIEF = (
    "[Uniforms]: Schools should require uniforms. #thesis\n"
    "  + [Survey]: Teasing fell by half. #evidence\n"
    '  + [Study]: Attendance rose. #evidence {cite: "Roe 2021"}\n'
    "\n"
    '[Aside]: A card that relates to nothing. #evidence {cite: "Poe 2020"}\n'
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def found(*args: str) -> tuple[int, list[tuple[str, int, str, str]]]:
    result = run(["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    diagnostics = json.loads(result.stdout)["diagnostics"]
    return result.exit_code, [(d["file"], d["line"], d["code"], d["severity"]) for d in diagnostics]


# -- discovery ------------------------------------------------------------------------------


def test_the_nearest_file_wins_and_only_it_is_read(repo: Path) -> None:
    write(repo / "argmap.toml", 'ignore = ["orphan"]\n')
    write(repo / "case" / ".argmap.toml", 'ignore = ["missing-citation"]\n')
    write(repo / "case" / "a.argdown", BRIEF)
    write(repo / "b.argdown", BRIEF)
    # case/.argmap.toml is nearer to case/a.argdown: the orphan is back, the card silenced.
    assert found("case/a.argdown", "b.argdown")[1] == [
        ("b.argdown", 2, "AM203", "warning"),
        ("case/a.argdown", 5, "AM105", "warning"),
    ]


def test_pyproject_without_the_table_is_passed_over(repo: Path) -> None:
    write(repo / "pyproject.toml", '[tool.argmap]\nignore = ["orphan"]\n')
    write(repo / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    write(repo / "sub" / "a.argdown", BRIEF)
    assert find_config(repo / "sub") == repo / "pyproject.toml"
    assert found("sub/a.argdown")[1] == [("sub/a.argdown", 2, "AM203", "warning")]


def test_in_one_folder_dot_argmap_toml_comes_first(repo: Path) -> None:
    write(repo / "pyproject.toml", "[tool.argmap]\n")
    write(repo / "argmap.toml", "")
    assert find_config(repo) == repo / "argmap.toml"
    write(repo / ".argmap.toml", "")
    assert find_config(repo) == repo / ".argmap.toml"


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path / "argmap.toml", 'ignore = ["orphan"]\n')
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    write(tmp_path / "repo" / "briefs" / "a.argdown", BRIEF)
    assert find_config(tmp_path / "repo" / "briefs") is None
    assert find_config(tmp_path) == tmp_path / "argmap.toml"


def test_config_names_the_file_and_isolated_reads_none(repo: Path) -> None:
    write(repo / "argmap.toml", 'ignore = ["orphan"]\n')
    write(repo / "team.toml", 'ignore = ["AM203"]\n')
    write(repo / "a.argdown", BRIEF)
    assert found("a.argdown")[1] == [("a.argdown", 2, "AM203", "warning")]
    assert found("--config", "team.toml", "a.argdown")[1] == [("a.argdown", 5, "AM105", "warning")]
    assert [code for _f, _l, code, _s in found("--isolated", "a.argdown")[1]] == [
        "AM203",
        "AM105",
    ]


def test_stdin_filename_names_findings_and_finds_the_configuration(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo / "case" / "argmap.toml", 'ignore = ["orphan"]\n')
    result = run(
        ["check", "--format", "parsable", "--stdin-filename", "case/1ac.argdown", "-"],
        input=BRIEF,
    )
    assert result.stdout.splitlines() == [
        "case/1ac.argdown:2:5: warning AM203 evidence [Survey] has no citation: add "
        "{cite: …}, {source: …} or {url: …} (missing-citation)"
    ]


def test_stdin_filename_of_a_markdown_file_reads_its_blocks(repo: Path) -> None:
    text = "# Case\n\n```argdown\n" + BRIEF + "```\n"
    result = run(
        ["check", "--format", "parsable", "--isolated", "--stdin-filename", "n.md", "-"],
        input=text,
    )
    assert [line.split(" ")[0] for line in result.stdout.splitlines()] == [
        "n.md:5:5:",
        "n.md:8:1:",
    ]


# -- what a file may say ----------------------------------------------------------------------


def test_every_key(repo: Path) -> None:
    write(
        repo / "argmap.toml",
        'select = ["AM1"]\n'
        'extend-select = ["AM203", "AM006"]\n'
        'ignore = ["AM103"]\n'
        'standard = "dialectical"\n'
        'fail-on = "warning"\n'
        'flow-format = "ld"\n'
        'exclude = ["old/"]\n'
        '[per-file-ignores]\n"drafts/*.argdown" = ["orphan"]\n'
        '[rules.missing-citation]\nseverity = "info"\n',
    )
    config = read_config(repo / "argmap.toml").config()
    assert config.select == ("AM1",)
    assert config.extend_select == ("AM203", "AM006")
    assert config.ignore == ("AM103",)
    assert (config.standard, config.fail_on, config.flow_format) == ("dialectical", "warning", "ld")
    assert config.per_file_ignores == (("drafts/*.argdown", ("orphan",)),)
    assert config.severities == (("missing-citation", "info"),)
    write(repo / "a.argdown", BRIEF)
    write(repo / "drafts" / "b.argdown", BRIEF)
    exit_code, diagnostics = found("a.argdown", "drafts/b.argdown")
    # fail-on = warning: the orphan fails the check; the card is only a note.
    assert exit_code == 1
    assert diagnostics == [
        ("a.argdown", 2, "AM203", "info"),
        ("a.argdown", 5, "AM105", "warning"),
        ("drafts/b.argdown", 2, "AM203", "info"),
    ]


def test_flow_format_sets_the_flows_columns(repo: Path) -> None:
    write(repo / "argmap.toml", 'flow-format = "ld"\n')
    write(repo / "a.argdown", BRIEF)
    ld = run(["flow", "--no-color", "a.argdown"])
    policy = run(["flow", "--no-color", "--format", "policy", "a.argdown"])
    assert "1AC" in policy.stdout
    assert "1AC" not in ld.stdout
    assert "AC" in ld.stdout


# -- precedence: command line > front matter > configuration file > defaults ------------------


FRONT = "===\nargmap:\n  standard: dialectical\n  ignore: [missing-citation]\n===\n\n"


def test_precedence(repo: Path) -> None:
    write(repo / "argmap.toml", 'standard = "evidence"\nignore = ["orphan"]\nfail-on = "warning"\n')
    write(repo / "plain.argdown", BRIEF)
    write(repo / "front.argdown", FRONT + BRIEF)
    # The file: no orphan; fail-on warning makes the card's warning fail the check.
    assert found("plain.argdown") == (1, [("plain.argdown", 2, "AM203", "warning")])
    # The front matter over the file: its ignore replaces the file's (the orphan is back).
    assert found("front.argdown") == (1, [("front.argdown", 11, "AM105", "warning")])
    # The command line over both.
    assert found("--ignore", "AM105,AM203", "front.argdown") == (0, [])
    assert found("--fail-on", "error", "plain.argdown")[0] == 0
    # Defaults, with no file at all.
    assert found("--isolated", "plain.argdown")[0] == 0


def test_argmap_config_says_where_each_setting_comes_from(repo: Path) -> None:
    write(
        repo / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.argmap]\nfail-on = "warning"\nignore = ["orphan"]\n'
        'exclude = ["old/"]\n\n[tool.argmap.rules.AM203]\nseverity = "info"\n',
    )
    write(repo / "front.argdown", FRONT + BRIEF)
    result = run(["config", "front.argdown", "--fail-on", "error"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    settings = {line.split(" = ")[0]: line for line in lines if " = " in line}
    assert settings["select"].endswith("# default")
    assert settings["standard"].startswith('standard = "dialectical"')
    assert settings["standard"].endswith("# front matter of front.argdown")
    assert settings["ignore"].startswith('ignore = ["missing-citation"]')
    assert settings["ignore"].endswith("# front matter of front.argdown")
    assert settings["fail-on"].startswith('fail-on = "error"')
    assert settings["fail-on"].endswith("# command line")
    assert settings["exclude"].endswith(f"# {repo / 'pyproject.toml'}:7")
    assert settings["rules.AM203.severity"].startswith('rules.AM203.severity = "info"')
    assert settings["rules.AM203.severity"].endswith(f"# {repo / 'pyproject.toml'}:10")
    assert lines[1] == f"# configuration file: {repo / 'pyproject.toml'}"
    # The front matter's ignore replaces the file's: the orphan runs, the card's rule not.
    assert "#   AM105 orphan (warning)" in lines
    assert not any("AM203" in line for line in lines if line.startswith("#   "))
    assert "#   AM006 unused-suppression (warning)" not in lines  # off unless selected


# -- errors, with file, line and column ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[project]\nname = "x"\n\n[tool.argmap]\nselect = ["AM1"]\nselct = ["AM2"]\n',
            "pyproject.toml:6:1: unknown key 'selct' in [tool.argmap]; did you mean 'select'?",
        ),
        (
            '[tool.argmap]\nignore = [\n  "AM105",\n  "AM2O1",\n]\n',
            "pyproject.toml:4:3: unknown rule 'AM2O1'; did you mean AM201? (see `argmap rules`)",
        ),
        (
            "[tool.argmap]\n\n[tool.argmap.rules.unsuported-claim]\nseverity = 'info'\n",
            "pyproject.toml:3:1: unknown rule 'unsuported-claim'; did you mean "
            "unsupported-claim? (see `argmap rules`)",
        ),
        (
            "[tool.argmap.rules.orphan]\nseverity = 'fatal'\n",
            "pyproject.toml:2:1: rules.orphan.severity must be one of error, warning, info, "
            "not 'fatal'",
        ),
        (
            "[tool.argmap.rules.orphan]\nlevel = 'info'\n",
            "pyproject.toml:2:1: rules.orphan: unknown option 'level' (orphan has: severity)",
        ),
        (
            '[tool.argmap]\nstandard = "strict"\n',
            "pyproject.toml:2:1: standard must be 'evidence', 'dialectical' or 'round', not "
            "'strict'",
        ),
        (
            "[tool.argmap]\nselect = 'AM1'\n",
            'pyproject.toml:2:1: select takes a list of rules, such as ["AM2"]',
        ),
        (
            '[tool.argmap]\nper-file-ignores = { "a/*.ad" = ["AM1O1"] }\n',
            "pyproject.toml:2:34: unknown rule 'AM1O1'; did you mean AM101 or AM110? "
            "(see `argmap rules`)",
        ),
        (
            "[tool.argmap\nselect = []\n",
            "pyproject.toml:1:13: invalid TOML: Expected ']' at the end of a table declaration",
        ),
    ],
)
def test_a_bad_file_is_an_error_at_its_place(repo: Path, text: str, message: str) -> None:
    write(repo / "pyproject.toml", text)
    write(repo / "a.argdown", BRIEF)
    result = run(["check", "a.argdown"])
    assert result.exit_code == 2
    assert result.stderr == f"argmap: error: {repo / message}\n"


# A card dated 20 months before the brief: stale after 12 months, not after 24 (the default).
DATED = (
    "===\ndate: 2025-09-15\n===\n\n"
    "[Shipping]: Arctic shipping will grow.\n"
    '  + [Humpert]: Traffic grew by half. #card {cite: "Humpert 24, High North News, 1-1-2024"}\n'
)


def test_a_rules_own_options_from_the_file_under_the_front_matter(repo: Path) -> None:
    write(repo / "argmap.toml", "[rules.stale-evidence]\nmonths = 12\n")
    write(repo / "a.argdown", DATED)
    assert found("--select", "stale-evidence", "a.argdown")[1] == [
        ("a.argdown", 6, "AM207", "info")
    ]
    # The front matter's months win over the file's.
    front = DATED.replace(
        "date: 2025-09-15\n", "date: 2025-09-15\nargmap: {rules: {stale-evidence: {months: 30}}}\n"
    )
    write(repo / "b.argdown", front)
    assert found("--select", "stale-evidence", "b.argdown")[1] == []
    assert found("--select", "stale-evidence", "--isolated", "a.argdown")[1] == []
    shown = run(["config", "b.argdown"]).stdout.splitlines()
    assert [line for line in shown if line.startswith("rules.")] == [
        "rules.stale-evidence.months = 30  # front matter of b.argdown",
    ]


def test_a_rules_own_option_of_the_wrong_kind_is_an_error_at_its_line(repo: Path) -> None:
    write(repo / "argmap.toml", '# settings\n[rules.stale-evidence]\nmonths = "soon"\n')
    write(repo / "a.argdown", DATED)
    result = run(["check", "a.argdown"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"argmap: error: {repo / 'argmap.toml'}:3:1: rules.stale-evidence.months must be a "
        "positive whole number, not 'soon'\n"
    )


def test_an_unknown_key_in_argmap_toml(repo: Path) -> None:
    write(repo / "argmap.toml", '# team settings\n\nfail_on = "warning"\n')
    with pytest.raises(ConfigFileError) as raised:
        read_config(repo / "argmap.toml")
    assert str(raised.value) == (
        f"{repo / 'argmap.toml'}:3:1: unknown key 'fail_on'; did you mean 'fail-on'?"
    )


def test_a_missing_config_file(repo: Path) -> None:
    write(repo / "a.argdown", BRIEF)
    result = run(["check", "--config", "nope.toml", "a.argdown"])
    assert result.exit_code == 2
    assert result.stderr == "argmap: error: nope.toml: no such configuration file\n"


@pytest.mark.parametrize(
    ("text", "keys", "place"),
    [
        ("[a]\nb = 1\n", ("a", "b"), (2, 1)),
        ("a.b = 1\n", ("a", "b"), (1, 1)),
        ("[a]\n  [a.b]\n  c = 1\n", ("a", "b", "c"), (3, 3)),
        ('a = { "b" = 1, c = 2 }\n', ("a", "c"), (1, 16)),
        ('[a]\nx = """\nb = 1\n"""\nb = 2\n', ("a", "b"), (5, 1)),
        ("[a]\nb = 1\n", ("a", "z"), (1, 1)),
        ("b = 1\n", ("z",), None),
    ],
)
def test_key_place(text: str, keys: tuple[str, ...], place: tuple[int, int] | None) -> None:
    assert key_place(text, keys) == place


# -- the documented examples ------------------------------------------------------------------


def blocks(path: Path, language: str) -> list[str]:
    import re

    text = path.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


DOCS = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("page", ["README.md", "docs/configuration.md"])
def test_the_documented_configuration_files_are_valid(repo: Path, page: str) -> None:
    examples = blocks(DOCS / page, "toml")
    assert examples
    for example in examples:
        name = "pyproject.toml" if "[tool.argmap" in example else "argmap.toml"
        read_config(write(repo / name, example))


def test_the_documented_suppression_example_silences_what_it_says(repo: Path) -> None:
    (example,) = [b for b in blocks(DOCS / "docs" / "configuration.md", "argdown") if "ignore" in b]
    write(repo / "b.argdown", example)
    _exit_code, diagnostics = found("--extend-select", "AM006", "b.argdown")
    codes = {code for _file, _line, code, _severity in diagnostics}
    # Every comment is used: no unused-suppression, and none of the named rules is left.
    assert not codes & {"AM006", "AM105", "AM201", "AM203"}


def test_an_unknown_key_in_the_front_matter_is_an_error_too(repo: Path) -> None:
    write(repo / "a.argdown", "===\nargmap: {selct: [AM1]}\n===\n\n" + BRIEF)
    result = run(["check", "a.argdown"])
    assert result.exit_code == 2
    assert result.stderr == (
        "argmap: error: a.argdown: front matter argmap: unknown key 'selct'; did you mean "
        "'select'? (keys: select, extend-select, ignore, standard, fail-on, flow-format, "
        "rules)\n"
    )


def test_respect_gitignore_false_searches_what_git_ignores(repo: Path) -> None:
    write(repo / ".gitignore", "old/\n")
    write(repo / "old" / "a.argdown", BRIEF)
    assert (
        run(["check", "."]).stderr
        == "argmap: warning: no briefs found in .\nno problems in 0 briefs\n"
    )
    write(repo / "argmap.toml", "respect-gitignore = false\n")
    assert [f for f, _l, _c, _s in found(".")[1]] == ["old/a.argdown", "old/a.argdown"]
    (line,) = [x for x in run(["config"]).stdout.splitlines() if x.startswith("respect")]
    assert line.startswith("respect-gitignore = false ")
    assert line.endswith(f"  # {repo / 'argmap.toml'}:1")
    write(repo / "argmap.toml", 'respect-gitignore = "no"\n')
    result = run(["check", "."])
    assert result.stderr == (
        f"argmap: error: {repo / 'argmap.toml'}:1:1: respect-gitignore takes true or false\n"
    )
