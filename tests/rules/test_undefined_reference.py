"""undefined-reference (AM101): a title referenced but never defined with text."""

from __future__ import annotations

import pytest
from rulecase import diagnostics, example, findings, messages

from argmap.rules import undefined_reference

RULE = "undefined-reference"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_typo_with_a_suggestion() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 4, 5)]
    assert messages(text, RULE) == [
        "[DTT since 2009] is referenced but never defined: no statement with this title "
        "has text; did you mean [DTT since 2008]?"
    ]


def test_no_suggestion_when_no_title_is_close() -> None:
    text = "[Track record]: The allies cooperate.\n  + [Zebra crossings]\n"
    assert findings(text, RULE) == [(RULE, 2, 5)]
    (message,) = messages(text, RULE)
    assert message == (
        "[Zebra crossings] is referenced but never defined: no statement with this title has text"
    )
    assert "did you mean" not in message


def test_argument_references_suggest_arguments_in_angle_brackets() -> None:
    text = "<Arg One>: An argument.\n\n[T]: Claim.\n  + <Arg Onee>\n"
    assert findings(text, RULE) == [(RULE, 4, 5)]
    assert messages(text, RULE) == [
        "<Arg Onee> is referenced but never defined: no argument with this title has text; "
        "did you mean <Arg One>?"
    ]


def test_reported_once_at_the_first_reference_with_the_others_related() -> None:
    text = (
        "[T]: Thesis.\n"
        "  + [Ghost]\n"  # line 2
        "\n"
        "[U]: Another claim.\n"
        "  - [Ghost]\n"  # line 5
    )
    (found,) = diagnostics(text, RULE)
    assert (found.rule, found.span.line, found.span.column) == (RULE, 2, 5)
    assert found.node == "statement:Ghost"
    assert [(span.line, span.column) for span in found.related] == [(5, 5)]


def test_a_reference_before_its_definition_is_not_undefined() -> None:
    text = "[T]: Thesis.\n  + [Later]\n\n[Later]: Defined further down.\n"
    assert findings(text, RULE) == []


def test_suggestions_stop_when_the_comparison_budget_is_spent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each typo is compared with the three titles that start with its letter: a budget of
    # five comparisons pays for the first typo's suggestion, not the second's.
    monkeypatch.setattr(undefined_reference, "SUGGESTION_BUDGET", 5)
    text = (
        "[Alpha one]: a.\n\n[Alpha two]: b.\n\n[Alpha three]: c.\n\n"
        "[T]: Thesis.\n  + [Alpha onee]\n  + [Alpha twoo]\n"
    )
    assert messages(text, RULE) == [
        "[Alpha onee] is referenced but never defined: no statement with this title has "
        "text; did you mean [Alpha one] or [Alpha three] or [Alpha two]?",
        "[Alpha twoo] is referenced but never defined: no statement with this title has text",
    ]


def test_suggestions_come_from_titles_with_the_same_first_letter() -> None:
    text = "[Cost]: It costs.\n\n[T]: Thesis.\n  + [Kost]\n"
    assert messages(text, RULE) == [
        "[Kost] is referenced but never defined: no statement with this title has text"
    ]


def test_a_title_that_differs_by_a_hidden_character_is_named() -> None:
    text = "[Rescue]: We send boats.\n\n[T]: Thesis.\n  + [Rescue\u200b]\n"
    assert messages(text, RULE) == [
        "[Rescue\u200b] is referenced but never defined: no statement with this title has"
        " text; did you mean [Rescue]? (it differs only by a zero-width space U+200B)"
    ]


def test_a_title_that_differs_in_case_or_look_alike_characters_is_named() -> None:
    text = (
        "[Amy\u2019s plan]: a.\n\n[No\u00a0deal]: b.\n\n<Plan B>: c.\n\n"
        "[T]: Thesis.\n  + [Amy's plan]\n  + [no deal]\n  + <Plan\u2060 B>\n"
    )
    assert messages(text, RULE) == [
        "[Amy's plan] is referenced but never defined: no statement with this title has"
        " text; did you mean [Amy\u2019s plan]? (it differs only by a right single quotation"
        " mark \u2019 U+2019 instead of a straight apostrophe ' U+0027)",
        "[no deal] is referenced but never defined: no statement with this title has text;"
        " did you mean [No\u00a0deal]? (it differs in case and by a no-break space U+00A0"
        " instead of a space U+0020)",
        # (Titles are read in one normalisation form: NFC and NFD spellings are one node.)
        "<Plan\u2060 B> is referenced but never defined: no argument with this title has"
        " text; did you mean <Plan B>? (it differs only by a word joiner U+2060)",
    ]


def test_a_suggested_title_with_a_hidden_character_shows_it() -> None:
    text = "[Res\u00adcue]: We send boats.\n\n[T]: Thesis.\n  + [Rescue]\n"
    assert messages(text, RULE) == [
        "[Rescue] is referenced but never defined: no statement with this title has text;"
        " did you mean [Res<U+00AD>cue]? (it differs only by a soft hyphen U+00AD)"
    ]
