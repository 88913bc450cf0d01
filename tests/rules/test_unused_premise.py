"""unused-premise (AM110): a premise no inference uses."""

from __future__ import annotations

from rulecase import example, findings, messages

RULE = "unused-premise"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_unused_premise() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 4, 1)]
    assert messages(text, RULE) == [
        "premise (2) [Choice Tires] of <Uniforms> is used by no inference: add it to the uses "
        "of the inference it supports, or remove it"
    ]


def test_without_uses_every_premise_is_used() -> None:
    text = "<A>: An argument.\n\n(1) [P]: p.\n(2) [Q]: q.\n----\n(3) [C]: c.\n"
    assert findings(text, RULE) == []


def test_a_premise_used_by_a_later_inference_is_used() -> None:
    text = (
        "<A>: An argument.\n\n(1) [P]: p.\n(2) [Q]: q.\n-- {uses: [1]} --\n(3) [C]: c.\n"
        "----\n(4) [D]: d.\n"
    )
    # (2) comes before the first inference, which does not use it; the second inference
    # starts from (3) alone.
    assert findings(text, RULE) == [(RULE, 4, 1)]
