"""self-relation (AM103): a node that supports, attacks or undercuts itself."""

from __future__ import annotations

import pytest
from rulecase import example, findings, messages

RULE = "self-relation"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_relation() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 2, 3)]
    assert messages(text, RULE) == ["[A] supports itself"]


@pytest.mark.parametrize(
    ("marker", "verb"),
    [
        ("+", "supports"),
        ("-", "attacks"),
        ("_", "undercuts"),
        ("+>", "supports"),
        ("->", "attacks"),
    ],
)
def test_every_relation_to_itself(marker: str, verb: str) -> None:
    text = f"[T]: Thesis.\n  + [B]: Support.\n\n[B]\n  {marker} [B]\n"
    assert findings(text, RULE) == [(RULE, 5, 3)]
    assert messages(text, RULE) == [f"[B] {verb} itself"]


def test_an_argument_attacking_itself() -> None:
    text = "<Loop>: An argument.\n  - <Loop>\n"
    assert findings(text, RULE) == [(RULE, 2, 3)]
    assert messages(text, RULE) == ["<Loop> attacks itself"]


def test_a_same_titled_statement_and_argument_are_different_nodes() -> None:
    assert findings("[Same]: A statement.\n  + <Same>: An argument.\n", RULE) == []


@pytest.mark.parametrize(("marker", "verb"), [("+", "entails"), ("-", "is contrary to")])
def test_a_relation_to_itself_in_strict_mode(marker: str, verb: str) -> None:
    text = f"===\nmodel: {{mode: strict}}\n===\n\n[B]: b.\n  {marker} [B]\n"
    assert findings(text, RULE) == [(RULE, 6, 3)]
    assert messages(text, RULE) == [f"[B] {verb} itself"]
