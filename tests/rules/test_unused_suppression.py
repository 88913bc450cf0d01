"""unused-suppression (AM006): an ``argmap: ignore`` comment that silences nothing.

The rule judges the comments against what the other rules find, so these tests run every
rule and add this one, as a user turns it on (``--extend-select AM006``).
"""

from __future__ import annotations

import pytest
from rulecase import FILE, example

import argmap
from argmap.diagnostics import Diagnostic

RULE = "unused-suppression"


def check(text: str, *select: str) -> list[Diagnostic]:
    amap = argmap.loads(text, FILE)
    return argmap.check(amap, select=("AM", *(select or ("AM006",))))


def found(text: str, *select: str) -> list[tuple[str, int, int, str]]:
    return [
        (d.rule, d.span.line, d.span.column, d.message)
        for d in check(text, *select)
        if d.rule == RULE
    ]


def test_documented_pass_brief_is_clean() -> None:
    # The comment silences the card's missing citation, and nothing else is wrong.
    assert [d.rule for d in check(example(RULE, "PASS"))] == []


def test_documented_fail_brief_reports_the_comment() -> None:
    text = example(RULE, "FAIL")
    column = text.splitlines()[1].index("//") + 1
    assert found(text) == [
        (RULE, 2, column, "argmap: ignore[AM203] silences nothing: no AM203 finding here")
    ]
    # The comment is the only finding.
    assert len(check(text)) == 1


def test_off_unless_selected() -> None:
    text = example(RULE, "FAIL")
    amap = argmap.loads(text, FILE)
    assert argmap.check(amap) == []
    # The default selection, AM, does not name it closely enough; AM0 does, as its name does.
    assert found(text, "AM") == []
    assert [f[0] for f in found(text, "AM0")] == [RULE]
    assert [f[0] for f in found(text, "unused-suppression")] == [RULE]


CASE = (
    "[Uniforms]: Schools should require uniforms.\n"
    '  + [Survey]: Teasing fell. #evidence {cite: "Doe 2019"}\n'
    '  + [Study]: Attendance rose. #evidence {cite: "Roe 2021"}\n'
)


def test_a_comment_naming_two_rules_of_which_one_silences_something() -> None:
    text = CASE.replace('{cite: "Doe 2019"}', "// argmap: ignore[AM203, orphan]")
    column = text.splitlines()[1].index("//") + 1
    assert found(text) == [
        (RULE, 2, column, "argmap: ignore[AM203, orphan]: orphan silence nothing here")
    ]


def test_a_comment_without_rules_that_silences_nothing() -> None:
    text = "// argmap: ignore\n" + CASE
    assert found(text) == [(RULE, 1, 1, "argmap: ignore silences nothing: no finding here")]


def test_a_file_comment_for_a_rule_that_does_not_run() -> None:
    text = (
        "<!-- argmap: ignore-file[orphan] -->\n"
        + CASE
        + '\n[Aside]: Nothing relates to this. #evidence {cite: "Poe 2020"}\n'
    )
    # orphan runs: the comment silences the orphan, and is used.
    assert found(text) == []
    # orphan does not run: the comment silences nothing in this run.
    amap = argmap.loads(text, FILE)
    reported = argmap.check(amap, select=("AM", "AM006"), ignore=("orphan",))
    assert [(d.rule, d.span.line, d.message) for d in reported] == [
        (RULE, 1, "argmap: ignore-file[orphan] silences nothing: no orphan finding here")
    ]


@pytest.mark.parametrize("severity", ["error", "info"])
def test_its_findings_are_not_silenced_by_comments_but_take_a_configured_severity(
    severity: str,
) -> None:
    from argmap.checker import run_rules
    from argmap.config import Config

    text = CASE + '\n[Aside]: Alone. #evidence {cite: "Poe 2020"} // argmap: ignore[AM203]\n'
    amap = argmap.loads(text, FILE)
    config = Config(extend_select=("AM006",), severities=(("AM006", severity),))
    reported = run_rules(amap, config)
    assert [(d.code, d.severity.value) for d in reported] == [
        ("AM105", "warning"),
        ("AM006", severity),
    ]
