"""Which rules run and what fails a check: --select/--ignore/--fail-on/--standard, the
front matter's ``argmap:`` settings, and the commands that report (check, rules, trace)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import argmap
from argmap.cli import main
from argmap.config import Config, ConfigError, selected
from argmap.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
EVERY_RULE = ROOT / "tests" / "fixtures" / "rules" / "every-rule.argdown"
SEED = ROOT / "briefs" / "japan-rok-trilateral.argdown"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# What every-rule.argdown reports (tests/rules/test_every_rule.py explains each case).
ALL_CODES = {
    "AM001", "AM002", "AM004", "AM005",
    "AM101", "AM102", "AM103", "AM104", "AM105", "AM106", "AM107", "AM108", "AM109", "AM110",
    "AM201", "AM202", "AM203", "AM204", "AM205", "AM208", "AM209", "AM301", "AM302", "AM303",
}  # fmt: skip
# The support-chain and evidence rules the fixture reports by default (AM206 and AM207 are
# off unless selected).
AM2 = {"AM201", "AM202", "AM203", "AM204", "AM205", "AM208", "AM209"}
# A prefix longer than AM selects the rules that are off unless selected too.
SELECTED_AM2 = AM2 | {"AM206", "AM207"}

# Briefs whose findings are all of one severity.
ONLY_INFO = (  # single-point-of-failure
    '[T]: Uniforms. #thesis\n  + [Survey]: Less teasing. #evidence {cite: "Doe 2019"}\n'
)
ONLY_WARNING = "[Survey]: 40 schools reported less teasing. #evidence\n"  # missing-citation
WITH_ERROR = "[A]: Uniforms help.\n  + [A]\n"  # self-relation (and a warning)
CLEAN = (
    '[T]: Uniforms. #thesis\n  + [S1]: One. #evidence {cite: "X"}\n'
    '  + [S2]: Two. #evidence {cite: "Y"}\n'
)


def run(args: list[str]) -> Result:
    """``argmap ARGS`` in-process; stdout and stderr are kept apart (click ≥ 8.2)."""
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, args, prog_name="argmap")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"argmap raised {result.exception!r}") from result.exception
    return result


def plain(text: str) -> str:
    """Output without colour escapes, each run of whitespace one space."""
    return " ".join(ANSI.sub("", text).split())


def write(tmp_path: Path, text: str, name: str = "brief.argdown") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def check_json(*args: str) -> tuple[int, list[dict[str, Any]]]:
    result = run(["check", "--format", "json", *args])
    return result.exit_code, json.loads(result.stdout)["diagnostics"]


def codes(**settings: Any) -> set[str]:
    """The codes argmap.check reports on every-rule.argdown with these settings."""
    return {d.code for d in argmap.check(argmap.load(EVERY_RULE), **settings)}


# -- select and ignore --------------------------------------------------------------------


def test_the_fixture_reports_every_code_by_default() -> None:
    assert codes() == ALL_CODES


@pytest.mark.parametrize(
    ("select", "expected"),
    [
        (("AM105",), {"AM105"}),  # a code
        (("orphan",), {"AM105"}),  # a name
        (("AM2",), SELECTED_AM2),  # a prefix
        (("am2",), SELECTED_AM2),  # prefixes ignore case
        (
            ("AM1", "defeated-thesis"),
            {"AM101", "AM102", "AM103", "AM104", "AM105", "AM106", "AM107", "AM108", "AM109"}
            | {"AM110", "AM302"},
        ),
        # The reader's, the layout's, and unused-suppression (a prefix longer than AM
        # selects it).
        (("AM00",), {"AM001", "AM002", "AM004", "AM005", "AM006"}),
        (("AM",), ALL_CODES),
    ],
)
def test_select(select: tuple[str, ...], expected: set[str]) -> None:
    assert codes(select=select) == expected


@pytest.mark.parametrize(
    ("ignore", "removed"),
    [
        (("AM105",), {"AM105"}),
        (("orphan",), {"AM105"}),
        (("AM2",), AM2),
        (("syntax-error", "AM30"), {"AM001", "AM301", "AM302", "AM303"}),
    ],
)
def test_ignore(ignore: tuple[str, ...], removed: set[str]) -> None:
    assert codes(ignore=ignore) == ALL_CODES - removed


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        # Every AM2 rule is an AM20x rule, so the longer ignore leaves none of them.
        (("AM2",), ("AM20",), set()),
        # ... and the longer select wins over the shorter ignore.
        (("AM20",), ("AM2",), SELECTED_AM2),
        (("AM", "AM203"), ("AM2",), ALL_CODES - (AM2 - {"AM203"})),
        (("AM2",), ("AM201",), SELECTED_AM2 - {"AM201"}),
        (("AM3", "AM303"), ("AM30",), {"AM303"}),
        # A name counts as the full code.
        (("unsupported-claim",), ("AM2",), {"AM201"}),
        (("AM2",), ("unsupported-claim",), SELECTED_AM2 - {"AM201"}),
    ],
)
def test_the_longest_matching_prefix_wins(
    select: tuple[str, ...], ignore: tuple[str, ...], expected: set[str]
) -> None:
    assert codes(select=select, ignore=ignore) == expected


def test_longest_prefix_for_codes_no_rule_has_yet() -> None:
    # select AM2, ignore AM20: an AM21x rule would run, the AM20x rules do not.
    assert selected("AM210", "future-rule", ["AM2"], ["AM20"])
    assert not selected("AM201", "unsupported-claim", ["AM2"], ["AM20"])
    assert not selected("AM105", "orphan", ["AM2"], ["AM20"])


def test_select_and_ignore_on_the_command_line() -> None:
    # Comma-separated or repeated, codes, prefixes and names alike.
    for args in (
        ["--select", "AM2,orphan", "--ignore", "AM203"],
        ["--select", "AM2", "--select", "orphan", "--ignore", "missing-citation"],
    ):
        _exit_code, found = check_json(*args, str(EVERY_RULE))
        assert {d["code"] for d in found} == {"AM105"} | SELECTED_AM2 - {"AM203"}


# -- --fail-on ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fail_on", "exit_code"),
    [
        (ONLY_INFO, None, 0),
        (ONLY_INFO, "error", 0),
        (ONLY_INFO, "warning", 0),
        (ONLY_INFO, "info", 1),
        (ONLY_INFO, "never", 0),
        (ONLY_WARNING, None, 0),
        (ONLY_WARNING, "error", 0),
        (ONLY_WARNING, "warning", 1),
        (ONLY_WARNING, "info", 1),
        (ONLY_WARNING, "never", 0),
        (WITH_ERROR, None, 1),
        (WITH_ERROR, "error", 1),
        (WITH_ERROR, "warning", 1),
        (WITH_ERROR, "info", 1),
        (WITH_ERROR, "never", 0),
        (CLEAN, "info", 0),
    ],
)
def test_fail_on(tmp_path: Path, text: str, fail_on: str | None, exit_code: int) -> None:
    args = ["check", write(tmp_path, text)]
    if fail_on is not None:
        args += ["--fail-on", fail_on]
    result = run(args)
    assert result.exit_code == exit_code, result.stderr


def test_the_fail_on_briefs_have_the_severities_they_claim() -> None:
    def severities(text: str) -> set[str]:
        return {d.severity.value for d in argmap.check(argmap.loads(text))}

    assert severities(ONLY_INFO) == {"info"}
    assert severities(ONLY_WARNING) == {"warning"}
    assert severities(WITH_ERROR) == {"error", "warning"}
    assert severities(CLEAN) == set()


# -- front matter -------------------------------------------------------------------------

SETTINGS = "===\nargmap: {ignore: [orphan], standard: dialectical, fail-on: warning}\n===\n\n"
# The orphan is a card: a brief with no evidence at all is told so once instead.
BODY = '[T]: Thesis. #thesis\n  + [U]: Unsupported.\n\n[O]: An orphan. #evidence {cite: "Doe"}\n'


def found(path: str, *args: str) -> tuple[int, list[tuple[str, int]]]:
    exit_code, diagnostics = check_json(*args, path)
    return exit_code, [(d["code"], d["line"]) for d in diagnostics]


def test_without_front_matter_settings(tmp_path: Path) -> None:
    # The defaults: orphan runs, [T] is out under the evidence standard.
    assert found(write(tmp_path, BODY)) == (
        1,
        [("AM201", 1), ("AM302", 1), ("AM201", 2), ("AM105", 4)],
    )


def test_front_matter_settings_take_effect(tmp_path: Path) -> None:
    path = write(tmp_path, SETTINGS + BODY)
    # No orphan (ignored), no defeated thesis (dialectical: [U] and [T] stand), and the
    # warnings fail the check (fail-on: warning).
    assert found(path) == (1, [("AM201", 5), ("AM201", 6)])
    amap = argmap.load(path)
    assert {d.code for d in argmap.check(amap)} == {"AM201"}


def test_the_command_line_overrides_the_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, SETTINGS + BODY)
    exit_code, diagnostics = found(path, "--fail-on", "error")
    assert exit_code == 0
    assert {code for code, _line in diagnostics} == {"AM201"}
    # --standard evidence: [T] falls; fail-on is still the front matter's warning.
    assert found(path, "--standard", "evidence", "--select", "AM3") == (1, [("AM302", 5)])
    # --ignore replaces the front matter's ignore list: orphan is back.
    assert found(path, "--ignore", "AM201") == (1, [("AM105", 8)])
    # Keyword arguments override the front matter in the library too.
    amap = argmap.load(path)
    assert {d.code for d in argmap.check(amap, standard="evidence", ignore=())} == {
        "AM105",
        "AM201",
        "AM302",
    }


def test_front_matter_select_as_a_string(tmp_path: Path) -> None:
    path = write(tmp_path, "===\nargmap: {select: 'AM105, defeated-thesis'}\n===\n\n" + BODY)
    assert found(path) == (1, [("AM302", 5), ("AM105", 8)])


@pytest.mark.parametrize(
    ("args", "front", "message"),
    [
        (["--select", "nosuch"], "", "unknown rule 'nosuch' (see `argmap rules`)"),
        (["--ignore", "orphan,nosuch"], "", "unknown rule 'nosuch' (see `argmap rules`)"),
        (
            [],
            "argmap: {select: [orphans]}",
            "front matter argmap: unknown rule 'orphans'; did you mean orphan? "
            "(see `argmap rules`)",
        ),
        (
            [],
            "argmap: {standard: strict}",
            "front matter argmap: standard must be 'evidence', 'dialectical' or 'round', "
            "not 'strict'",
        ),
        (
            [],
            "argmap: {fail-on: sometimes}",
            "front matter argmap: fail-on must be one of error, warning, info, never, "
            "not 'sometimes'",
        ),
        # A mistyped code used to select nothing at all: "no problems", exit 0.
        (["--select", "AM999"], "", "unknown rule 'AM999' (see `argmap rules`)"),
        (
            ["--select", "AM2O1"],
            "",
            "unknown rule 'AM2O1'; did you mean AM201? (see `argmap rules`)",
        ),
        (["--select", "AM9"], "", "unknown rule 'AM9' (see `argmap rules`)"),
        (
            ["--select", "AM21"],
            "",
            "unknown rule 'AM21'; did you mean AM201? (see `argmap rules`)",
        ),
        (
            ["--select", ""],
            "",
            "unknown rule '': give a rule code (AM201), a code prefix (AM2) or a name "
            "(see `argmap rules`)",
        ),
        (
            ["--ignore", "AM2O1"],
            "",
            "unknown rule 'AM2O1'; did you mean AM201? (see `argmap rules`)",
        ),
        (
            [],
            "argmap: {ignore: [AM999]}",
            "front matter argmap: unknown rule 'AM999' (see `argmap rules`)",
        ),
    ],
)
def test_bad_settings_exit_2_with_a_message(
    tmp_path: Path, args: list[str], front: str, message: str
) -> None:
    text = (f"===\n{front}\n===\n\n" if front else "") + BODY
    path = write(tmp_path, text)
    result = run(["check", *args, path])
    assert result.exit_code == 2
    assert result.stderr == f"argmap: error: {path}: {message}\n"
    assert result.stdout == ""


def test_an_unknown_code_in_a_nodes_ignore_exits_2(tmp_path: Path) -> None:
    path = write(
        tmp_path, "[A]: Claim. #thesis\n  + [B]: Support.\n\n[C]: Lone. {ignore: [AM2O1]}\n"
    )
    result = run(["check", path])
    assert result.exit_code == 2
    assert result.stderr == (
        f"argmap: error: {path}: 4:1: [C] {{ignore: …}}: unknown rule 'AM2O1'; "
        "did you mean AM201? (see `argmap rules`)\n"
    )


def test_known_codes_prefixes_and_names_are_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, BODY)
    for pattern in ("AM", "am2", "AM20", "AM201", "orphan", "AM1,AM3"):
        assert run(["check", "--select", pattern, path]).exit_code in (0, 1), pattern


def test_a_bad_standard_on_the_command_line_exits_2(tmp_path: Path) -> None:
    result = run(["check", "--standard", "strict", write(tmp_path, BODY)])
    assert result.exit_code == 2
    assert "Invalid value for '--standard'" in result.stderr


def test_bad_settings_in_the_library_raise_config_error() -> None:
    amap = argmap.loads(BODY)
    with pytest.raises(ConfigError, match="unknown rule 'nosuch'"):
        argmap.check(amap, select=("nosuch",))
    with pytest.raises(ConfigError, match="standard must be"):
        argmap.check(amap, standard="strict")
    with pytest.raises(ConfigError, match="fail-on must be"):
        Config(fail_on="sometimes").validated()


# -- argmap rules -------------------------------------------------------------------------


def test_rules_lists_every_code_and_name() -> None:
    result = run(["rules"])
    assert result.exit_code == 0
    rows = [line.split() for line in ANSI.sub("", result.stdout).splitlines()]
    listed = [(row[0], row[1], row[2]) for row in rows if row and row[0].startswith("AM")]
    assert listed == [(r.code, r.name, r.severity.value) for r in RULES.values()]
    assert len(listed) == 29


# -- check --format github, --explain -----------------------------------------------------

GITHUB_BRIEF = (
    "[T]: Thesis. #thesis\n"
    '  + [Card]: A study. #evidence {cite: "Doe 2019"}\n'
    "  - [Cost]: Costly.\n"
    "\n"
    "[Cost]\n"
    "  + [Cost]\n"
)


def test_check_format_github(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, GITHUB_BRIEF, "a,b.argdown")
    result = run(["check", "--format", "github", "a,b.argdown"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::notice file=a%2Cb.argdown,line=2,col=5,endLine=2,endColumn=11,title=AM204 "
        "single-point-of-failure::every chain of evidence for thesis [T] runs through the "
        "card [Card]: if it falls, the thesis loses all its support",
        "::warning file=a%2Cb.argdown,line=3,col=3,endLine=3,endColumn=3,title=AM301 "
        "unanswered-rebuttal::[Cost] attacks [T] and nothing answers it: add a response "
        "that attacks [Cost]",
        "::error file=a%2Cb.argdown,line=6,col=3,endLine=6,endColumn=3,title=AM103 "
        "self-relation::[Cost] supports itself",
    ]
    assert result.stderr == "1 error, 1 warning, 1 note in 1 brief\n"


def test_check_format_github_locates_every_finding() -> None:
    result = run(["check", "--format", "github", str(EVERY_RULE)])
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),")
    located = []
    for line in result.stdout.splitlines():
        match = pattern.match(line)
        assert match, line
        located.append((match.group(1), int(match.group(3)), int(match.group(4))))
    assert ("error", 62, 1) in located  # the syntax error
    assert ("notice", 22, 5) in located  # single-point-of-failure is info
    assert len(located) == len(ALL_CODES)


def test_check_explain_json_adds_an_explanation(tmp_path: Path) -> None:
    path = write(tmp_path, "[T]: Thesis. #thesis\n  - [Cost]: Costly.\n")
    _exit_code, plain_json = check_json(path)
    assert all("explanation" not in d for d in plain_json)
    exit_code, explained = check_json("--explain", path)
    assert exit_code == 1
    assert [(d["rule"], d["explanation"]) for d in explained] == [
        (
            "unsupported-claim",
            [
                "why: [T] is out: no chain of support reaches evidence (the evidence standard)",
                "attacked by [Cost] (out)",
            ],
        ),
        (
            "defeated-thesis",
            [
                "why: [T] is out: no chain of support reaches evidence (the evidence standard)",
                "attacked by [Cost] (out)",
            ],
        ),
        (
            "unanswered-rebuttal",
            ["why: [Cost] is out: no chain of support reaches evidence (the evidence standard)"],
        ),
    ]


def test_check_explain_json_without_a_node_has_no_explanation() -> None:
    _exit_code, explained = check_json("--explain", str(EVERY_RULE))
    by_code = {d["code"]: d for d in explained}
    # Front matter and syntax errors concern no node.
    assert "explanation" not in by_code["AM002"]
    assert "explanation" not in by_code["AM001"]
    assert by_code["AM302"]["explanation"][0] == (
        "why: [Uniforms] is out: attacked by [Cost], which stands (in)"
    )
    assert all(isinstance(line, str) for d in explained for line in d.get("explanation", []))


# -- argmap trace -------------------------------------------------------------------------


def test_trace_a_thesis_that_stands() -> None:
    result = run(["trace", str(SEED), "Trilateral Repair"])
    assert result.exit_code == 0
    out = plain(result.stdout)
    assert out.startswith("[Trilateral Repair] The US should actively repair")
    assert "verdict: ✓ in (standard: evidence)" in out
    assert (
        "because: supported by [Secure Influence], [Increase Trilateral Cooperation], "
        "[Continue Engaging] (in), and every attacker is out" in out
    )
    assert "[No Place for the US] ✗ out" in out


def test_trace_a_rebuttal_that_falls() -> None:
    result = run(["trace", str(SEED), "[No Place for the US]"])
    assert result.exit_code == 0
    out = plain(result.stdout)
    assert "verdict: ✗ out (standard: evidence)" in out
    assert "because: attacked by [Diplomatic Option], which stands (in)" in out
    assert "[Diplomatic Option] ✓ in" in out


@pytest.mark.parametrize(
    ("title", "shown"),
    [("Trilateral Repar", "'Trilateral Repar'"), ("<Trilateral Repair>", "'<Trilateral Repair>'")],
)
def test_trace_an_unknown_title_suggests_the_closest(title: str, shown: str) -> None:
    result = run(["trace", str(SEED), title])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"argmap: error: {SEED}: no statement or argument titled {shown}; "
        "did you mean [Trilateral Repair]?\n"
    )
