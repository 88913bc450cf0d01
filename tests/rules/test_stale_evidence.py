"""stale-evidence (AM207): a card dated more than N months before the brief."""

from __future__ import annotations

import datetime

from rulecase import everything, example, findings, messages

RULE = "stale-evidence"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_card() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 6, 5)]
    # Dated 2008: counted from 31 December 2008 to 15 January 2025.
    assert messages(text, RULE) == [
        "[Ragner] (Ragner 08) is dated 2008, 192 months before the brief's date, "
        "2025-01-15: more than 24"
    ]


def _brief(cite: str, date: str = "2025-01-15", months: int | None = None) -> str:
    options = f"\nargmap:\n  rules:\n    {RULE}: {{months: {months}}}" if months else ""
    return (
        f"===\ndate: {date}{options}\n===\n\n"
        f'[T]: Thesis.\n  + [Card]: Text. #card {{cite: "{cite}"}}\n'
    )


def test_the_months_are_an_option() -> None:
    cite = "Humpert 24, High North News, 3-4-2024"  # 10 months before 2025-01-15
    assert findings(_brief(cite), RULE) == []
    assert messages(_brief(cite, months=6), RULE) == [
        "[Card] (Humpert 24) is dated 2024-03-04, 10 months before the brief's date, "
        "2025-01-15: more than 6"
    ]


def test_exactly_n_months_is_not_stale() -> None:
    assert findings(_brief("Doe 23, Times, 1-15-2023"), RULE) == []
    assert findings(_brief("Doe 23, Times, 1-14-2023"), RULE) == []
    assert len(findings(_brief("Doe 22, Times, 12-14-2022"), RULE)) == 1


def test_without_a_brief_date_cards_are_measured_against_today() -> None:
    year = datetime.date.today().year
    old = f'[T]: Thesis.\n  + [Card]: Text. #card {{cite: "Doe {year - 5}, Times"}}\n'
    new = f'[T]: Thesis.\n  + [Card]: Text. #card {{cite: "Doe {year}, Times"}}\n'
    assert findings(old, RULE) == [(RULE, 2, 5)]
    assert findings(new, RULE) == []


def test_undated_cards_are_not_stale() -> None:
    assert findings(_brief("Doe ND, Times"), RULE) == []


def test_off_unless_selected() -> None:
    assert [f for f in everything(example(RULE, "FAIL")) if f[0] == RULE] == []
