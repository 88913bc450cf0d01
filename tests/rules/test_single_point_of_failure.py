"""single-point-of-failure (AM204): a node every support chain of a thesis runs through."""

from __future__ import annotations

from rulecase import diagnostics, example, findings, messages

RULE = "single-point-of-failure"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_claim_and_the_card() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 2, 5), (RULE, 3, 7)]
    assert messages(text, RULE) == [
        "every chain of evidence for thesis [T] runs through the claim [Equality]: if it "
        "falls, the thesis loses all its support",
        "every chain of evidence for thesis [T] runs through the card [Survey]: if it "
        "falls, the thesis loses all its support",
    ]


def test_one_card_under_two_claims_dominates() -> None:
    text = (
        "[T]: Thesis. #thesis\n"
        "  + [C]: A claim.\n"
        '    + [Card]: The one study. #evidence {cite: "Doe 2019"}\n'
        "  + [D]: Another claim.\n"
        "    + [Card]\n"
    )
    assert findings(text, RULE) == [(RULE, 3, 7)]
    assert "runs through the card [Card]" in messages(text, RULE)[0]


def test_a_claim_over_two_cards_dominates() -> None:
    text = (
        "[T]: Thesis. #thesis\n"
        "  + [C]: The one claim.\n"
        '    + [E1]: One. #evidence {cite: "X"}\n'
        '    + [E2]: Two. #evidence {cite: "Y"}\n'
    )
    (found,) = diagnostics(text, RULE)
    assert (found.span.line, found.span.column, found.node) == (2, 5, "statement:C")
    assert "runs through the claim [C]" in found.message


def test_two_independent_cards_share_the_risk() -> None:
    text = (
        "[T]: Thesis. #thesis\n"
        "  + [C]: A claim.\n"
        '    + [E1]: One. #evidence {cite: "X"}\n'
        "  + [D]: Another claim.\n"
        '    + [E2]: Two. #evidence {cite: "Y"}\n'
    )
    assert findings(text, RULE) == []


def test_unsupported_supporters_do_not_spread_the_risk() -> None:
    text = '[T]: Thesis. #thesis\n  + [E1]: One. #evidence {cite: "X"}\n  + [U]: A claim.\n'
    assert findings(text, RULE) == [(RULE, 2, 5)]


def test_a_thesis_without_evidence_has_no_single_point() -> None:
    assert findings("[T]: Thesis. #thesis\n  + [U]: A claim.\n", RULE) == []
