"""docs/ci.md as a user copies it: the problem matchers applied to real parsable output
(with Python's re and, where Node is installed, with JavaScript's RegExp as VS Code and
GitHub run them), and the GitHub Actions workflow parsed with its argmap commands run."""

from __future__ import annotations

import glob
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli_runner import assert_no_traceback, run

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ci.md"

# One finding of each severity, on lines and columns counted by hand:
# 3:3 the "-" of an unanswered attack (AM301, warning); 2:5 the card every chain of
# evidence runs through (AM204, info); 6:3 the "+" of a self-support (AM103, error).
BRIEF = (
    "[T]: Thesis. #thesis\n"
    '  + [Card]: A study (2019). #evidence {cite: "Doe 2019"}\n'
    "  - [Cost]: Costly.\n"
    "\n"
    "[Cost]\n"
    "  + [Cost]\n"
)
SELECT = "AM103,AM204,AM301"


def block(marker: str) -> str:
    """The fenced code block right after ``<!-- ci:MARKER -->`` in docs/ci.md."""
    text = DOC.read_text(encoding="utf-8")
    found = re.search(rf"<!-- ci:{marker} -->\n```\w+\n(.*?)\n```", text, re.S)
    assert found, f"no block marked ci:{marker} in docs/ci.md"
    return found.group(1)


def parsable_lines(tmp_path: Path) -> tuple[Path, list[str]]:
    brief = tmp_path / "a brief (1).argdown"
    brief.write_text(BRIEF, encoding="utf-8")
    # The real command, as a task or a CI step runs it.
    argmap = [sys.executable, "-m", "argmap"]
    done = subprocess.run(
        [*argmap, "check", "--format", "parsable", "--select", SELECT, brief],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    return brief, done.stdout.splitlines()


def expected(brief: Path) -> list[dict[str, str]]:
    return [
        {
            "file": str(brief),
            "line": "2",
            "column": "5",
            "severity": "info",
            "code": "AM204",
            "message": "every chain of evidence for thesis [T] runs through the card [Card]: "
            "if it falls, the thesis loses all its support",
        },
        {
            "file": str(brief),
            "line": "3",
            "column": "3",
            "severity": "warning",
            "code": "AM301",
            "message": "[Cost] attacks [T] and nothing answers it: add a response that "
            "attacks [Cost]",
        },
        {
            "file": str(brief),
            "line": "6",
            "column": "3",
            "severity": "error",
            "code": "AM103",
            "message": "[Cost] supports itself",
        },
    ]


def fields(pattern: dict[str, Any], groups: list[str | None]) -> dict[str, str]:
    """A matcher pattern's named fields from the groups of a match (group 1 is groups[1])."""
    names = ("file", "line", "column", "severity", "code", "message")
    return {name: str(groups[pattern[name]]) for name in names if name in pattern}


def python_groups(regexp: str, line: str) -> list[str | None] | None:
    match = re.match(regexp, line)
    return None if match is None else [match.group(0), *match.groups()]


JS = """
const [patterns, lines] = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = patterns.map((p) => lines.map((l) => {
  const m = new RegExp(p).exec(l);
  return m === null ? null : Array.from(m, (g) => (g === undefined ? null : g));
}));
process.stdout.write(JSON.stringify(out));
"""


def js_groups(patterns: list[str], lines: list[str]) -> list[list[list[str | None] | None]]:
    done = subprocess.run(
        ["node", "-e", JS],
        input=json.dumps([patterns, lines]),
        capture_output=True,
        text=True,
        check=True,
    )
    result: list[list[list[str | None] | None]] = json.loads(done.stdout)
    return result


def vscode_pattern() -> dict[str, Any]:
    # tasks.json is JSON with comments in general; this one has none.
    tasks = json.loads(block("vscode-tasks"))
    (task,) = tasks["tasks"]
    matcher = task["problemMatcher"]
    assert matcher["owner"] == "argmap"
    pattern: dict[str, Any] = matcher["pattern"]
    return pattern


def github_patterns() -> dict[str, dict[str, Any]]:
    matchers = json.loads(block("github-matcher"))["problemMatcher"]
    result = {}
    for matcher in matchers:
        (pattern,) = matcher["pattern"]
        result[matcher["severity"]] = pattern
    return result


def test_the_vscode_matcher_reads_every_parsable_line(tmp_path: Path) -> None:
    brief, lines = parsable_lines(tmp_path)
    pattern = vscode_pattern()
    found = []
    for line in lines:
        groups = python_groups(pattern["regexp"], line)
        assert groups is not None, line
        found.append(fields(pattern, groups))
    assert found == expected(brief)


def test_the_github_matchers_read_errors_and_warnings(tmp_path: Path) -> None:
    brief, lines = parsable_lines(tmp_path)
    patterns = github_patterns()
    assert sorted(patterns) == ["error", "warning"]
    want = {e["severity"]: e for e in expected(brief)}
    for severity, pattern in patterns.items():
        matched = [python_groups(pattern["regexp"], line) for line in lines]
        hits = [fields(pattern, groups) for groups in matched if groups is not None]
        entry = {k: v for k, v in want[severity].items() if k != "severity"}
        assert hits == [entry]


@pytest.mark.needs("node")
def test_the_matchers_read_the_same_in_javascript(tmp_path: Path) -> None:
    _brief, lines = parsable_lines(tmp_path)
    regexps = [vscode_pattern()["regexp"]]
    regexps += [pattern["regexp"] for pattern in github_patterns().values()]
    in_js = js_groups(regexps, lines)
    in_python = [[python_groups(regexp, line) for line in lines] for regexp in regexps]
    assert in_js == in_python
    assert all(groups is not None for groups in in_js[0])


# -- the workflow --------------------------------------------------------------------------


def workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(block("workflow"))
    return loaded


def test_the_workflow_checks_on_push_and_uploads_sarif() -> None:
    flow = workflow()
    # YAML 1.1 reads the key `on` as true; GitHub reads it as "on".
    triggers = flow.get("on", flow.get(True))
    assert "push" in triggers
    (job,) = flow["jobs"].values()
    steps = job["steps"]
    upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert len(upload) == 1
    sarif_file = upload[0]["with"]["sarif_file"]
    writes = [s["run"] for s in steps if f"--output-file {sarif_file}" in s.get("run", "")]
    assert len(writes) == 1
    assert "--format sarif" in writes[0]
    assert flow["permissions"]["security-events"] == "write"


def test_the_workflow_s_argmap_commands_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "aff.argdown").write_text(BRIEF, encoding="utf-8")
    (tmp_path / "briefs" / "neg.argdown").write_text("[T]: Thesis. #thesis\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    steps = workflow()["jobs"]["argmap"]["steps"]
    commands = [step["run"] for step in steps if step.get("run", "").startswith("argmap ")]
    assert len(commands) == 2
    codes = []
    for command in commands:
        words = shlex.split(command)[1:]
        # The shell expands the globs before argmap sees them.
        args = [found for word in words for found in (sorted(glob.glob(word)) or [word])]
        result = run(args)
        assert_no_traceback(result)
        codes.append(result.exit_code)
    # The check fails the job on the error; the report for code scanning never does.
    assert codes == [1, 0]
    log = json.loads((tmp_path / "argmap.sarif").read_text(encoding="utf-8"))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    # Relative to the repository's root, where the job runs and code scanning resolves them.
    assert uris == {"briefs/aff.argdown", "briefs/neg.argdown"}
