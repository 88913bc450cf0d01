"""unknown-premise (AM109): an inference's uses names a number not above it."""

from __future__ import annotations

from rulecase import example, findings, messages

RULE = "unknown-premise"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_inference_line() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 5, 1)]
    assert messages(text, RULE) == [
        "the inference of <Uniforms> to [Focus] uses (4), but the statements above it are (1), (2)"
    ]


def test_a_number_below_the_inference_is_not_above_it() -> None:
    text = (
        "<A>: An argument.\n\n(1) [P]: p.\n-- {uses: [1, 3]} --\n(2) [C]: c.\n"
        "(3) [Q]: q.\n----\n(4) [D]: d.\n"
    )
    assert findings(text, RULE) == [(RULE, 4, 1)]


def test_a_later_inference_may_use_an_earlier_conclusion() -> None:
    text = (
        "<A>: An argument.\n\n(1) [P]: p.\n----\n(2) [C]: c.\n"
        "(3) [Q]: q.\n-- {uses: [2, 3]} --\n(4) [D]: d.\n"
    )
    assert findings(text, RULE) == []


def test_a_use_that_is_not_a_number() -> None:
    text = "<A>: An argument.\n\n(1) [P]: p.\n-- {uses: [one]} --\n(2) [C]: c.\n"
    assert messages(text, RULE) == [
        "the inference of <A> to [C] uses (one), but the statements above it are (1)"
    ]
