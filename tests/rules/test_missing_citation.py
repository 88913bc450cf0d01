"""missing-citation (AM203): evidence with no cite, source or url."""

from __future__ import annotations

import pytest
from rulecase import example, findings, messages

RULE = "missing-citation"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_card() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 1, 1)]
    assert messages(text, RULE) == [
        "evidence [Survey] has no citation: add {cite: …}, {source: …} or {url: …}"
    ]


def test_a_card_tag_needs_a_citation_too() -> None:
    text = "[T]: Thesis.\n  + [Poll]: 70% agree. #card\n"
    assert findings(text, RULE) == [(RULE, 2, 5)]


def test_an_empty_citation_is_no_citation() -> None:
    text = '[T]: Thesis.\n  + [Poll]: 70% agree. #evidence {cite: ""}\n'
    assert findings(text, RULE) == [(RULE, 2, 5)]


@pytest.mark.parametrize(
    "data", ['{cite: "Doe 2019"}', '{source: "Ministry"}', '{url: "https://example.org"}']
)
def test_cite_source_or_url_is_a_citation(data: str) -> None:
    assert findings(f"[T]: Thesis.\n  + [Poll]: 70% agree. #evidence {data}\n", RULE) == []


def test_a_citation_given_at_another_occurrence_counts() -> None:
    text = '[T]: Thesis.\n  + [Poll]: 70% agree. #evidence\n\n[Poll]\n  {cite: "Doe 2019"}\n'
    assert findings(text, RULE) == []


def test_claims_without_the_tag_are_not_evidence() -> None:
    assert findings("[T]: Thesis.\n  + [Poll]: 70% agree.\n", RULE) == []
