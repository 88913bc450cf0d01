"""verdict-mismatch (AM303): the evaluation disagrees with the front matter's expect."""

from __future__ import annotations

from rulecase import diagnostics, example, findings, messages

RULE = "verdict-mismatch"

BODY = (
    "[T]: Schools should require uniforms.\n"
    '  + [Survey]: Less teasing in 40 schools. #evidence {cite: "Doe 2019"}\n'
    "  - [Cost]: Uniforms cost money.\n"
)


def brief(expect: str) -> str:
    """A brief whose body starts on line 5: [T] in, [Survey] in, [Cost] out."""
    return f"===\nexpect: {expect}\n===\n\n{BODY}"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_wrong_verdict_at_the_node() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 5, 1)]
    assert messages(text, RULE) == [
        "expected [T] to be out, but it is in: supported by [Survey] (in), and no attacker"
    ]


def test_right_expectations_are_clean() -> None:
    assert findings(brief("{in: [T, Survey], out: [Cost], undecided: []}"), RULE) == []


def test_a_wrong_verdict_on_a_nested_node() -> None:
    text = brief("{in: [Cost]}")
    (found,) = diagnostics(text, RULE)
    assert (found.span.line, found.span.column, found.node) == (7, 5, "statement:Cost")
    assert found.message == (
        "expected [Cost] to be in, but it is out: no chain of support reaches evidence "
        "(the evidence standard)"
    )


def test_an_unknown_title_is_reported_at_the_front_matter() -> None:
    text = brief("{in: [T, Uniform]}")
    assert findings(text, RULE) == [(RULE, 1, 1)]
    assert messages(text, RULE) == ["expect: no statement or argument is titled 'Uniform'"]


def test_an_unknown_verdict_and_a_malformed_expect() -> None:
    assert messages(brief("{maybe: [T]}"), RULE) == [
        "expect: unknown verdict 'maybe' (use in, out or undecided)"
    ]
    assert findings(brief("[T]"), RULE) == [(RULE, 1, 1)]
    assert messages(brief("[T]"), RULE) == [
        "expect: must map in, out and undecided to lists of titles"
    ]


def test_a_single_title_and_an_argument_in_angle_brackets() -> None:
    text = "===\nexpect: {undecided: '<Arg>'}\n===\n\n<Arg>: An argument.\n  + [T]\n\n" + BODY
    assert findings(text, RULE) == [(RULE, 5, 1)]
    assert messages(text, RULE)[0].startswith(
        "expected <Arg> to be undecided, but it is in: supported by [T]"
    )


def test_without_expect_nothing_is_checked() -> None:
    assert findings(BODY, RULE) == []
