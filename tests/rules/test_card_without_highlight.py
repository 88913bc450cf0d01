"""card-without-highlight (AM209): a card with nothing highlighted."""

from __future__ import annotations

from rulecase import everything, example, findings, messages

RULE = "card-without-highlight"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_card() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 2, 5)]
    assert messages(text, RULE) == [
        "nothing in [Humpert] is highlighted: mark what is read with ==…=="
    ]


def test_bold_alone_is_no_cut_card() -> None:
    text = '[T]: Thesis.\n  + [Card]: Ice **melts** fast. #card {cite: "Doe 20"}\n'
    assert findings(text, RULE) == []


def test_underlined_and_emphasised_but_not_highlighted() -> None:
    text = '[T]: Thesis.\n  + [Card]: ++Ice **melts++** fast. #card {cite: "Doe 20"}\n'
    assert findings(text, RULE) == [(RULE, 2, 5)]


def test_claims_are_not_cards() -> None:
    assert findings("[T]: Thesis.\n  + [A]: Ice melts.\n", RULE) == []


def test_plain_quoted_evidence_is_read_whole() -> None:
    text = '[T]: Thesis.\n  + [Card]: Ice melts fast. #card {cite: "Doe 20"}\n'
    assert findings(text, RULE) == []


def test_on_by_default() -> None:
    assert (RULE, 2, 5) in everything(example(RULE, "FAIL"))
