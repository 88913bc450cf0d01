"""unanswered-rebuttal (AM301): an attack on the brief's own side that nothing answers."""

from __future__ import annotations

from rulecase import diagnostics, example, findings, messages

RULE = "unanswered-rebuttal"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_dropped_rebuttal() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 2, 3)]
    assert messages(text, RULE) == [
        "[Cost] attacks [T] and nothing answers it: add a response that attacks [Cost]"
    ]


def test_only_attacks_on_our_side_need_an_answer() -> None:
    text = (
        "[T]: Thesis. #thesis\n"
        "  + [P]: Our claim.\n"
        "    - [R]: Their attack on our claim.\n"  # pro target: reported
        "  - [R1]: Their rebuttal.\n"  # answered by [S]
        "    - [S]: Our response.\n"  # attacks a con node: never reported
        "      - [RR]: Their answer to our response.\n"  # pro target: reported
    )
    assert findings(text, RULE) == [(RULE, 3, 5), (RULE, 6, 7)]
    assert messages(text, RULE) == [
        "[R] attacks [P] and nothing answers it: add a response that attacks [R]",
        "[RR] attacks [S] and nothing answers it: add a response that attacks [RR]",
    ]


def test_an_unanswered_undercut() -> None:
    text = "[T]: Thesis. #thesis\n  _ [U]: Undercut.\n"
    (found,) = diagnostics(text, RULE)
    assert (found.span.line, found.span.column, found.node) == (2, 3, "statement:U")
    assert found.message.startswith("[U] undercuts [T] and nothing answers it")


def test_an_undercut_answers_a_rebuttal() -> None:
    text = "[T]: Thesis. #thesis\n  - [R]: Rebuttal.\n    _ [U]: Our undercut of it.\n"
    assert findings(text, RULE) == []


def test_an_attack_on_an_unrelated_claim_is_not_a_rebuttal() -> None:
    text = (
        '[T]: Thesis. #thesis\n  + [E]: Card. #evidence {cite: "X"}\n\n'
        "[Other]: Not connected to the thesis.\n  - [Attack]: Attacks it.\n"
    )
    assert findings(text, RULE) == []
