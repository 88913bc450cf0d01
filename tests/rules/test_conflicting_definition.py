"""conflicting-definition (AM102): one title defined with different texts."""

from __future__ import annotations

from rulecase import diagnostics, example, findings, messages

RULE = "conflicting-definition"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_second_definition() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 3, 1)]
    assert messages(text, RULE) == [
        "[Cost] is defined again with a different text (first at line 1, column 1); this one wins"
    ]


def test_the_first_definition_wins_when_it_is_canonical() -> None:
    text = "[Cost]: Uniforms cost money. {isCanonical: true}\n\n[Cost]: Uniforms are cheap.\n"
    assert findings(text, RULE) == [(RULE, 3, 1)]
    assert messages(text, RULE) == [
        "[Cost] is defined again with a different text (first at line 1, column 1); "
        "the one at line 1 wins"
    ]


def test_a_later_canonical_definition_wins_over_the_first() -> None:
    text = "[Cost]: Uniforms cost money.\n\n[Cost]: Uniforms are cheap. {isCanonical: true}\n"
    assert messages(text, RULE) == [
        "[Cost] is defined again with a different text (first at line 1, column 1); this one wins"
    ]


def test_three_definitions_name_the_one_that_wins() -> None:
    text = "[Cost]: One.\n\n[Cost]: Two.\n\n[Cost]: Three.\n"
    assert findings(text, RULE) == [(RULE, 3, 1), (RULE, 5, 1)]
    assert [m.rsplit("; ", 1)[1] for m in messages(text, RULE)] == [
        "another definition wins",
        "this one wins",
    ]


def test_nested_definitions_point_at_both_places() -> None:
    text = "[T]: Claim.\n  + [Cost]: One.\n  + [Cost]: Two.\n"
    (found,) = diagnostics(text, RULE)
    assert (found.span.line, found.span.column) == (3, 5)
    assert found.message.startswith(
        "[Cost] is defined again with a different text (first at line 2, column 5)"
    )
    assert [(span.line, span.column) for span in found.related] == [(2, 5)]


def test_the_same_text_with_other_spacing_is_not_a_conflict() -> None:
    text = "[Cost]: Uniforms   cost money.\n\n[Cost]: Uniforms cost money.\n"
    assert findings(text, RULE) == []
