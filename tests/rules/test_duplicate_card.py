"""duplicate-card (AM208): the same card text under two tags."""

from __future__ import annotations

from rulecase import diagnostics, example, findings, messages

RULE = "duplicate-card"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_second_card() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 5, 5)]
    assert messages(text, RULE) == [
        "[Routes] has the same card text as [Humpert]: one card under two tags"
    ]
    (found,) = diagnostics(text, RULE)
    assert [(span.line, span.column) for span in found.related] == [(2, 5)]


def test_spacing_case_and_tags_aside() -> None:
    text = (
        "[T]: Thesis.\n"
        '  + [A]: Ice  melts FAST. #card {cite: "Doe 20"}\n'
        '  + [B]: ice melts fast. #evidence #impact {cite: "Roe 21"}\n'
        '  + [C]: Ice melts slowly. #card {cite: "Poe 22"}\n'
    )
    assert findings(text, RULE) == [(RULE, 3, 5)]


def test_claims_with_the_same_text_are_not_cards() -> None:
    assert findings("[T]: Thesis.\n  + [A]: Same.\n  + [B]: Same.\n", RULE) == []
