"""incomplete-citation (AM206): a card's cite leaves out what the citation style needs."""

from __future__ import annotations

import pytest
from rulecase import everything, example, findings, messages

from argmap.config import ConfigError

RULE = "incomplete-citation"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_card() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 2, 5)]
    assert messages(text, RULE) == [
        "the cite of [Humpert] has no source (citation style debate: author, date, source)"
    ]


def _brief(cite: str, style: str | None = None) -> str:
    front = f"===\nargmap:\n  rules:\n    {RULE}: {{style: {style}}}\n===\n\n" if style else ""
    return f"{front}[T]: Thesis.\n  + [Card]: Text. #card {{cite: {cite}}}\n"


@pytest.mark.parametrize(
    ("cite", "missing"),
    [
        ('"High North News, 2024"', "author"),  # a publication alone is read as the author
        ('"Humpert, High North News"', "date"),
        ('"Humpert 24"', "source"),
        ('"Humpert"', "date or source"),
    ],
)
def test_debate_style_needs_author_date_and_source(cite: str, missing: str) -> None:
    found = messages(_brief(cite), RULE)
    if missing == "author":
        # "High North News, 2024": the lead is the author, the year its date: no source.
        assert found == [
            "the cite of [Card] has no source (citation style debate: author, date, source)"
        ]
    else:
        assert found == [
            f"the cite of [Card] has no {missing} (citation style debate: author, date, source)"
        ]


def test_a_web_address_is_a_source() -> None:
    assert findings(_brief('"Humpert 24, https://x.org/a"'), RULE) == []


def test_no_date_said_is_a_date_given() -> None:
    assert findings(_brief('"Humpert ND, High North News"'), RULE) == []


def test_a_cite_mapping_without_author() -> None:
    assert messages(_brief('{source: "CRS", date: 2024}'), RULE) == [
        "the cite of [Card] has no author (citation style debate: author, date, source)"
    ]


def test_short_style_needs_author_and_date_only() -> None:
    assert findings(_brief('"Humpert 24"', "short"), RULE) == []


def test_full_style_needs_every_field_and_the_accessed_date() -> None:
    cite = '"Humpert 24, fellow, \\"Title,\\" High North News, 3-4-2024, https://x.org"'
    assert messages(_brief(cite, "full"), RULE) == [
        "the cite of [Card] has no accessed date (citation style full: author, quals, date, "
        "title, source, url)"
    ]
    assert messages(_brief('"Humpert 24, High North News"', "full"), RULE) == [
        "the cite of [Card] has no quals, title or url (citation style full: author, quals, "
        "date, title, source, url)"
    ]


def test_no_citation_at_all_is_left_to_missing_citation() -> None:
    assert findings("[T]: Thesis.\n  + [Card]: Text. #card\n", RULE) == []


def test_an_unknown_style_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match=r"rules.incomplete-citation.style must be one of"):
        findings(_brief('"Humpert 24"', "mla"), RULE)


def test_an_unknown_option_is_a_configuration_error() -> None:
    text = f"===\nargmap:\n  rules:\n    {RULE}: {{months: 3}}\n===\n\n[T]: Thesis.\n"
    with pytest.raises(ConfigError, match="unknown option 'months'"):
        findings(text, RULE)


def test_off_unless_selected() -> None:
    assert [f for f in everything(example(RULE, "FAIL")) if f[0] == RULE] == []
