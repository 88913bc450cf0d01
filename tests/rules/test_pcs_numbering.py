"""pcs-numbering (AM108): the numbers of a premise–conclusion structure out of sequence."""

from __future__ import annotations

from rulecase import example, findings, messages

RULE = "pcs-numbering"

HEAD = "<A>: An argument.\n\n"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_repeated_number() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 4, 1)]
    assert messages(text, RULE) == [
        "statement 2 of the premise–conclusion structure of <Uniforms> repeats (1): number "
        "it (2), so that the numbers name the statements in order"
    ]


def test_a_gap_is_reported_once_at_the_first_slip() -> None:
    text = HEAD + "(1) [P]: p.\n(3) [Q]: q.\n----\n(4) [C]: c.\n"
    assert findings(text, RULE) == [(RULE, 4, 1)]
    assert messages(text, RULE)[0].startswith(
        "statement 2 of the premise–conclusion structure of <A> is numbered (3)"
    )


def test_a_structure_that_does_not_start_at_one() -> None:
    text = HEAD + "  (0) [P]: p.\n----\n(1) [C]: c.\n"
    # The number's own position, after the indentation.
    assert findings(text, RULE) == [(RULE, 3, 3)]


def test_each_structure_is_checked_on_its_own() -> None:
    text = (
        HEAD
        + "(1) [P]: p.\n----\n(2) [C]: c.\n\n"
        + "<B>: Another.\n\n(1) [Q]: q.\n----\n(1) [D]: d.\n"
    )
    assert findings(text, RULE) == [(RULE, 11, 1)]
