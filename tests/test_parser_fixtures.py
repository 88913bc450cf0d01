"""Each brief in tests/fixtures/parser/ reads into exactly the map its expected file states.

`X.argdown` is a small brief for one construct of the language (or one kind of error);
`X.expected.json` is the reviewed specification of its reading: nodes, edges, sections,
theses, the title and the diagnostics (rule, line, column). Regenerate drafts with
`python tests/tools/update_parser_fixtures.py` and review every change by hand (see
tests/fixtures/README.md).

An expected file with a "known_bug" entry states what Argdown does where argmap
currently differs; it runs as a strict xfail, so it fails as soon as argmap is fixed
(then delete the entry) and cannot silently pass meanwhile.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
# `tests.*` and the repository's own argmap, however pytest was started.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argmap  # noqa: E402
from tests.tools.update_parser_fixtures import (  # noqa: E402
    KNOWN_BUG,
    describe,
    expected_path,
)

FIXTURES = ROOT / "tests" / "fixtures" / "parser"
BRIEFS = sorted(FIXTURES.glob("*.argdown"))
KEYS = ("title", "nodes", "edges", "sections", "theses", "diagnostics")


def _load_expected(fixture: Path) -> dict[str, Any]:
    target = expected_path(fixture)
    if not target.exists():
        pytest.fail(
            f"{fixture.name}: no {target.name}; write it with "
            f"`python tests/tools/update_parser_fixtures.py {fixture.relative_to(ROOT)}` "
            "and review it by hand"
        )
    expected: dict[str, Any] = json.loads(target.read_text("utf-8"))
    return expected


def _params() -> list[Any]:
    if not BRIEFS:
        # An empty parameter set would only be skipped; make it fail instead.
        return [pytest.param(None, id="no-fixtures-found")]
    params = []
    for brief in BRIEFS:
        marks = []
        target = expected_path(brief)
        if target.exists():
            bug = json.loads(target.read_text("utf-8")).get(KNOWN_BUG)
            if bug:
                marks.append(pytest.mark.xfail(reason=f"known bug: {bug}", strict=True))
        params.append(pytest.param(brief, id=brief.stem, marks=marks))
    return params


def _diff(name: str, key: str, expected: Any, actual: Any) -> str:
    def lines(value: Any) -> list[str]:
        return json.dumps(value, indent=2, ensure_ascii=False).splitlines(keepends=True)

    diff = "".join(
        difflib.unified_diff(
            lines(expected),
            lines(actual),
            fromfile=f"{name}.expected.json [{key}]",
            tofile=f"argmap's reading of {name}.argdown [{key}]",
        )
    )
    return f"{name}.argdown: {key!r} differs from {name}.expected.json\n{diff}"


@pytest.mark.parametrize("brief", _params())
def test_fixture_reads_as_expected(brief: Path | None) -> None:
    assert brief is not None, f"no parser fixtures (*.argdown) found in {FIXTURES}"
    name = brief.stem
    expected = _load_expected(brief)
    expected.pop(KNOWN_BUG, None)
    assert sorted(expected) == sorted(KEYS), (
        f"{name}.expected.json: keys {sorted(expected)}, expected {sorted(KEYS)}"
    )
    actual = describe(argmap.load(brief))
    for key in KEYS:
        assert actual[key] == expected[key], _diff(name, key, expected[key], actual[key])


def test_every_expected_file_has_its_fixture() -> None:
    briefs = {brief.stem for brief in BRIEFS}
    orphans = sorted(
        path.name
        for path in FIXTURES.glob("*.expected.json")
        if path.name.removesuffix(".expected.json") not in briefs
    )
    assert not orphans, f"expected files without a fixture brief: {orphans}"


def test_error_fixtures_report_errors_and_the_others_none() -> None:
    """The `error-` prefix is a promise: such fixtures expect errors, the others none."""
    assert BRIEFS, f"no parser fixtures (*.argdown) found in {FIXTURES}"
    wrong = []
    for brief in BRIEFS:
        diagnostics = _load_expected(brief)["diagnostics"]
        if brief.name.startswith("error-") != bool(diagnostics):
            wrong.append(brief.name)
    assert not wrong, f"error- prefix and expected diagnostics disagree for: {wrong}"
