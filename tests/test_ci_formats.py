"""argmap check for CI: SARIF (validated against the official 2.1.0 schema), JUnit XML,
--statistics, --exit-zero, --quiet, --output-file and --extend-select."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from argmap.diagnostics import Diagnostic, Severity
from argmap.rules import RULES
from argmap.source import Span
from argmap.views.ci_formats import sarif_report
from tests.cli_runner import assert_no_traceback, run

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"

# Line 3 col 3: the "-" of an attack nothing answers (AM301, a warning); line 6 col 3: the
# "+" of a statement supporting itself (AM103, an error); line 9 col 3: another one.
BRIEF = (
    "[T]: Thesis. #thesis\n"
    '  + [Card]: A study. #evidence {cite: "Doe 2019"}\n'
    "  - [Cost]: Costly.\n"
    "\n"
    "[Cost]\n"
    "  + [Cost]\n"
    "\n"
    "[Fee]: A fee.\n"
    "  + [Fee]\n"
)
ONLY = ["--select", "AM103,AM301"]


def write(folder: Path, text: str, name: str = "brief one.argdown") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def sarif(args: list[str]) -> dict[str, Any]:
    result = run(["check", "--format", "sarif", *args])
    assert_no_traceback(result)
    log: dict[str, Any] = json.loads(result.stdout)
    return log


def validate(log: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []


# -- SARIF ---------------------------------------------------------------------------------


def test_sarif_validates_and_places_each_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    brief = write(tmp_path, BRIEF)
    # An absolute path inside the current folder becomes a relative URI.
    log = sarif([*ONLY, str(brief)])
    validate(log)
    assert log["version"] == "2.1.0"
    (sarif_run,) = log["runs"]
    results = sarif_run["results"]
    places = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in results
    ]
    # SARIF's endColumn is the column after the region: one character, the relation mark.
    one = {"startColumn": 3, "endColumn": 4}
    assert places == [
        ("AM301", "warning", "brief%20one.argdown", {"startLine": 3, "endLine": 3, **one}),
        ("AM103", "error", "brief%20one.argdown", {"startLine": 6, "endLine": 6, **one}),
        ("AM103", "error", "brief%20one.argdown", {"startLine": 9, "endLine": 9, **one}),
    ]
    assert results[1]["message"]["text"] == "[Cost] supports itself"
    rules = sarif_run["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_describes_every_rule_with_help_and_a_link_to_its_docs() -> None:
    log = sarif([str(ROOT / "briefs" / "japan-rok-trilateral.argdown")])
    validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    by_id = {rule["id"]: rule for rule in rules}
    unsupported = by_id["AM201"]
    assert unsupported["name"] == "unsupported-claim"
    assert unsupported["defaultConfiguration"] == {"level": "warning"}
    assert unsupported["shortDescription"]["text"]
    # The docstring's PASS and FAIL examples are the help.
    assert "PASS" in unsupported["help"]["text"]
    assert "FAIL" in unsupported["help"]["text"]
    # Each link goes to the rule's heading in docs/rules.md, anchored as GitHub does.
    headings = re.findall(r"^## (.+)$", (ROOT / "docs" / "rules.md").read_text(), re.M)
    anchors = {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}
    assert "am201-unsupported-claim" in anchors
    for rule in rules:
        page, _, anchor = rule["helpUri"].partition("#")
        assert page.endswith("/docs/rules.md")
        assert anchor in anchors, rule["id"]


def test_sarif_fingerprints_survive_lines_added_above(tmp_path: Path) -> None:
    brief = write(tmp_path, BRIEF)
    before = sarif([*ONLY, str(brief)])["runs"][0]["results"]
    write(tmp_path, "// the case file, second draft\n\n" + BRIEF)
    after = sarif([*ONLY, str(brief)])["runs"][0]["results"]
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after]
    assert lines == [5, 8, 11]
    prints = [r["partialFingerprints"] for r in before]
    assert prints == [r["partialFingerprints"] for r in after]
    assert len({json.dumps(p, sort_keys=True) for p in prints}) == 3


def test_sarif_fingerprints_tell_alike_findings_apart() -> None:
    def alike(line: int) -> Diagnostic:
        span = Span("a.argdown", line, 3, line, 3)
        return Diagnostic("AM103", "self-relation", Severity.ERROR, "x", span, "statement:X")

    def prints(diagnostics: list[Diagnostic]) -> list[object]:
        log = json.loads(sarif_report(diagnostics, RULES.values()))
        validate(log)
        return [r["partialFingerprints"] for r in log["runs"][0]["results"]]

    first = prints([alike(2), alike(4)])
    assert first[0] != first[1]
    assert prints([alike(12), alike(14)]) == first


def test_sarif_of_a_clean_brief_has_no_results(tmp_path: Path) -> None:
    brief = write(tmp_path, "[T]: Thesis. #thesis\n")
    log = sarif(["--select", "AM103", str(brief)])
    validate(log)
    assert log["runs"][0]["results"] == []


# -- JUnit ---------------------------------------------------------------------------------


def test_junit_has_a_test_case_per_brief_and_rule(tmp_path: Path) -> None:
    bad = write(tmp_path, BRIEF, "bad.argdown")
    good = write(tmp_path, "[T]: Thesis. #thesis\n", "good.argdown")
    result = run(["check", "--format", "junit", *ONLY, str(bad), str(good)])
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("4", "2")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(bad), str(good)]
    cases = {
        (suite.get("name"), case.get("name")): [f.get("message") for f in case.findall("failure")]
        for suite in suites
        for case in suite.findall("testcase")
    }
    assert cases == {
        (str(bad), "AM103 self-relation"): ["[Cost] supports itself", "[Fee] supports itself"],
        (str(bad), "AM301 unanswered-rebuttal"): [
            "[Cost] attacks [T] and nothing answers it: add a response that attacks [Cost]"
        ],
        (str(good), "AM103 self-relation"): [],
        (str(good), "AM301 unanswered-rebuttal"): [],
    }
    failure = suites[0].find("testcase/failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert failure.text == f"{bad}:6:3: error AM103 [Cost] supports itself"


def test_junit_keeps_markup_in_titles_as_text(tmp_path: Path) -> None:
    brief = write(tmp_path, '[T]: Thesis. #thesis\n  - [<b>&"x"]: Costly.\n', "a&b.argdown")
    result = run(["check", "--format", "junit", "--select", "AM301", str(brief)])
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("name") == str(brief)
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message", "").startswith('[<b>&"x"] attacks [T]')


# -- --statistics, --exit-zero, --quiet, --output-file, --extend-select -------------------


def test_statistics_counts_findings_per_rule(tmp_path: Path) -> None:
    brief = write(tmp_path, BRIEF)
    result = run(["check", "--statistics", *ONLY, str(brief)])
    assert result.exit_code == 1
    assert result.stdout == "2  AM103  self-relation\n1  AM301  unanswered-rebuttal\n"
    assert result.stderr == "2 errors, 1 warning in 1 brief\n"
    as_json = run(["check", "--statistics", "--format", "json", *ONLY, str(brief)])
    assert json.loads(as_json.stdout) == [
        {"code": "AM103", "rule": "self-relation", "count": 2},
        {"code": "AM301", "rule": "unanswered-rebuttal", "count": 1},
    ]


def test_exit_zero_reports_but_passes(tmp_path: Path) -> None:
    brief = write(tmp_path, BRIEF)
    result = run(["check", "--exit-zero", "--format", "parsable", *ONLY, str(brief)])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3
    # A usage error is still one.
    missing = run(["check", "--exit-zero", str(tmp_path / "missing.argdown")])
    assert missing.exit_code == 2


def test_quiet_prints_the_findings_without_the_summary(tmp_path: Path) -> None:
    brief = write(tmp_path, BRIEF)
    result = run(["check", "-q", "--format", "parsable", *ONLY, str(brief)])
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == (
        f"{brief}:3:3: warning AM301 [Cost] attacks [T] and nothing answers it: add a "
        "response that attacks [Cost] (unanswered-rebuttal)"
    )


@pytest.mark.parametrize("output_format", ["pretty", "parsable", "sarif", "junit", "json"])
def test_output_file_gets_the_report(tmp_path: Path, output_format: str) -> None:
    brief = write(tmp_path, BRIEF)
    target = tmp_path / "report.out"
    result = run(
        ["check", "--format", output_format, "--output-file", str(target), *ONLY, str(brief)]
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "2 errors, 1 warning in 1 brief\n"
    written = target.read_text(encoding="utf-8")
    to_stdout = run(["check", "--format", output_format, *ONLY, str(brief)]).stdout
    if output_format == "pretty":
        # The same lines as on a terminal without colour, with the source and a caret.
        assert written.splitlines()[:3] == [
            f"{brief}:3:3: warning AM301 [Cost] attacks [T] and nothing answers it: add a "
            "response that attacks [Cost] (unanswered-rebuttal)",
            "    3 |   - [Cost]: Costly.",
            "          ^",
        ]
    else:
        assert written == to_stdout


def test_output_file_in_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    brief = write(tmp_path, BRIEF)
    result = run(["check", "--output-file", str(tmp_path / "no" / "r.sarif"), str(brief)])
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert "r.sarif" in result.stderr


def test_extend_select_adds_to_the_brief_s_selection(tmp_path: Path) -> None:
    brief = write(tmp_path, "===\nargmap: {select: [AM103]}\n===\n\n" + BRIEF, "b.argdown")
    plain = run(["check", "--format", "parsable", str(brief)])
    assert {line.split()[2] for line in plain.stdout.splitlines()} == {"AM103"}
    extended = run(["check", "--format", "parsable", "--extend-select", "AM301", str(brief)])
    assert {line.split()[2] for line in extended.stdout.splitlines()} == {"AM103", "AM301"}
    unknown = run(["check", "--extend-select", "AM999", str(brief)])
    assert unknown.exit_code == 2
    assert "unknown rule 'AM999'" in unknown.stderr


def test_sarif_names_a_brief_outside_the_current_folder_by_a_file_uri(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = write(tmp_path, BRIEF, "aff.argdown")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    log = sarif([*ONLY, str(brief)])
    validate(log)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {f"file://{tmp_path}/aff.argdown"}


def test_sarif_points_at_the_other_definition_as_a_related_location(tmp_path: Path) -> None:
    brief = write(tmp_path, "[A]: One text. #thesis\n\n[A]: Another text.\n", "a.argdown")
    log = sarif(["--select", "AM102", str(brief)])
    validate(log)
    (result,) = log["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    # "[A]:" on line 3 is columns 1 to 4; SARIF ends at the column after it.
    assert region == {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 5}
    (related,) = result["relatedLocations"]
    assert related["id"] == 1
    assert related["physicalLocation"]["region"]["startLine"] == 1
