"""argmap reads every valid brief as Argdown's own CLI does.

The references are Argdown's `argdown json` output, reduced by tools/argdown/reference.py
to titles, canonical texts and relations: `tests/fixtures/briefs/NAME.argdown-cli.json`
for `briefs/NAME.argdown`, and `X.argdown-cli.json` next to each
`tests/fixtures/agreement/X.argdown`. Regenerate them as tests/fixtures/README.md says.

The agreement fixtures are byte-for-byte copies of the valid parser fixtures (those not
named `error-…`), except the ones Argdown's CLI rejects (NOT_AGREEMENT_FIXTURES).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
# `tests.*` and the repository's own argmap, however pytest was started.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argmap  # noqa: E402
from argmap.diagnostics import Severity  # noqa: E402
from tests.agreement import reduce_map  # noqa: E402

BRIEFS_DIR = ROOT / "briefs"
AGREEMENT_DIR = ROOT / "tests" / "fixtures" / "agreement"
PARSER_DIR = ROOT / "tests" / "fixtures" / "parser"

# Valid parser fixtures that cannot be agreement fixtures, and why.
NOT_AGREEMENT_FIXTURES = {
    # Argdown's CLI does not drop a UTF-8 byte order mark: it reads U+FEFF as the start
    # of an untitled statement and then fails on "[Uniforms]:" (1:2). argmap drops it.
    "bom.argdown": "Argdown's CLI rejects a UTF-8 BOM",
}

# Agreement fixtures where argmap still differs from Argdown: bugs to fix. Strict xfail,
# so a fix makes the test fail until the entry is removed.
KNOWN_DISAGREEMENTS: dict[str, str] = {}


def _reference_for(brief: Path) -> Path:
    if brief.parent == BRIEFS_DIR:
        return ROOT / "tests" / "fixtures" / "briefs" / (brief.name + "-cli.json")
    return brief.with_name(brief.name + "-cli.json")


def _params() -> list[Any]:
    briefs = sorted(BRIEFS_DIR.glob("*.argdown"))
    fixtures = sorted(AGREEMENT_DIR.glob("*.argdown"))
    params: list[Any] = []
    if not briefs:
        params.append(pytest.param(None, id="no-briefs-found"))
    if not fixtures:
        params.append(pytest.param(None, id="no-agreement-fixtures-found"))
    for brief in briefs:
        params.append(pytest.param(brief, id=f"briefs/{brief.stem}"))
    for fixture in fixtures:
        marks = []
        bug = KNOWN_DISAGREEMENTS.get(fixture.stem)
        if bug:
            marks.append(pytest.mark.xfail(reason=f"known disagreement: {bug}", strict=True))
        params.append(pytest.param(fixture, id=f"agreement/{fixture.stem}", marks=marks))
    return params


PARAMS = _params()
# The same briefs without the xfail marks: every one of them must read without errors.
PLAIN_PARAMS = [pytest.param(*param.values, id=param.id) for param in PARAMS]


def _reduced_reference(brief: Path) -> dict[str, Any]:
    reference = _reference_for(brief)
    if not reference.exists():
        pytest.fail(
            f"{brief.name}: no Argdown reference {reference.relative_to(ROOT)}; run "
            f"`python tools/argdown/reference.py {brief.relative_to(ROOT)}` "
            "(see tests/fixtures/README.md)"
        )
    expected: dict[str, Any] = json.loads(reference.read_text("utf-8"))
    return expected


@pytest.mark.parametrize("brief", PARAMS)
def test_agrees_with_argdown(brief: Path | None) -> None:
    assert brief is not None, f"no briefs found in {BRIEFS_DIR} or {AGREEMENT_DIR}"
    expected = _reduced_reference(brief)
    actual = reduce_map(argmap.load(brief))
    name = brief.relative_to(ROOT)
    for key in ("statements", "arguments", "relations", "pcs"):
        assert actual.get(key) == expected.get(key), (
            f"{name}: argmap's {key} differ from Argdown's ({_reference_for(brief).name})"
        )
    assert actual == expected, f"{name}: argmap's reading differs from Argdown's"


@pytest.mark.parametrize("brief", PLAIN_PARAMS)
def test_brief_has_no_errors(brief: Path | None) -> None:
    assert brief is not None, f"no briefs found in {BRIEFS_DIR} or {AGREEMENT_DIR}"
    errors = [
        f"{d.span.line}:{d.span.column} {d.rule}: {d.message}"
        for d in argmap.load(brief).diagnostics
        if d.severity is Severity.ERROR
    ]
    assert not errors, f"{brief.relative_to(ROOT)} has errors:\n" + "\n".join(errors)


def test_agreement_fixtures_are_copies_of_the_valid_parser_fixtures() -> None:
    """Every valid parser fixture is checked against Argdown, and is checked as written."""
    valid = {
        path.name
        for path in PARSER_DIR.glob("*.argdown")
        if not path.name.startswith("error-") and path.name not in NOT_AGREEMENT_FIXTURES
    }
    copies = {path.name for path in AGREEMENT_DIR.glob("*.argdown")}
    assert valid, f"no valid parser fixtures found in {PARSER_DIR}"
    assert sorted(valid - copies) == [], "valid parser fixtures missing from agreement/"
    assert sorted(copies - valid) == [], "agreement fixtures that are not parser fixtures"
    differing = sorted(
        name
        for name in valid
        if (PARSER_DIR / name).read_bytes() != (AGREEMENT_DIR / name).read_bytes()
    )
    assert differing == [], f"agreement copies differ from their parser fixtures: {differing}"


def test_known_disagreements_name_agreement_fixtures() -> None:
    stale = sorted(set(KNOWN_DISAGREEMENTS) - {p.stem for p in AGREEMENT_DIR.glob("*.argdown")})
    assert stale == [], f"KNOWN_DISAGREEMENTS names missing fixtures: {stale}"


@pytest.mark.needs("argdown")
def test_the_references_are_what_argdowns_cli_says_now(tmp_path: Path) -> None:
    """Argdown's CLI is the oracle: run it on every agreement fixture (one process for
    all of them) and compare with the committed references, so that they cannot drift
    from what Argdown says."""
    from tests.conftest import ARGDOWN_CLI
    from tools.argdown.reference import reduce

    fixtures = sorted(AGREEMENT_DIR.glob("*.argdown"))
    assert fixtures, f"no agreement fixtures in {AGREEMENT_DIR}"
    for fixture in fixtures:
        shutil.copy(fixture, tmp_path / fixture.name)
    out = tmp_path / "json"
    result = subprocess.run(
        ["node", str(ARGDOWN_CLI), "json", str(tmp_path / "*.argdown"), str(out), "--silent"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    produced = {path.stem: path for path in out.glob("*.json")}
    missing = sorted(f.stem for f in fixtures if f.stem not in produced)
    assert not missing, (
        f"Argdown's CLI wrote nothing for {missing}:\n{result.stdout}{result.stderr}"
    )
    stale = []
    for fixture in fixtures:
        live = reduce(json.loads(produced[fixture.stem].read_text("utf-8")))
        if live != _reduced_reference(fixture):
            stale.append(fixture.name)
    assert not stale, f"references that differ from Argdown's CLI now: {stale}"
