"""mixed-indentation (AM005): tabs and spaces mixed in the indentation of one block."""

from __future__ import annotations

from rulecase import example, findings, messages

import argmap

RULE = "mixed-indentation"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_line_indented_with_a_tab() -> None:
    text = example(RULE, "FAIL")
    assert "\t" in text
    assert findings(text, RULE) == [(RULE, 3, 1)]
    assert messages(text, RULE) == [
        "this line is indented with a tab, lines above it in this block with spaces; "
        "Argdown counts a tab as one space, so the line may nest differently from how it "
        "looks: indent every line of the block with spaces only"
    ]


def test_a_line_with_both_tabs_and_spaces() -> None:
    text = "[A]: a.\n \t+ [B]: b.\n"
    assert findings(text, RULE) == [(RULE, 2, 1)]
    assert messages(text, RULE)[0].startswith("this line is indented with both tabs and spaces; ")


def test_spaces_after_tabs_and_once_a_block() -> None:
    text = "[A]: a.\n\t+ [B]: b.\n  + [C]: c.\n  + [D]: d.\n\t+ [E]: e.\n"
    assert findings(text, RULE) == [(RULE, 3, 1)]
    assert messages(text, RULE)[0].startswith(
        "this line is indented with spaces, lines above it in this block with tabs; "
    )


def test_each_block_on_its_own() -> None:
    # Tabs in one block, spaces in another: each is consistent.
    text = "[A]: a.\n\t+ [B]: b.\n\n[C]: c.\n  + [D]: d.\n\n[E]: e.\n  + [F]: f.\n\t+ [G]: g.\n"
    assert findings(text, RULE) == [(RULE, 9, 1)]


def test_the_reading_is_argdowns_a_tab_is_one_column() -> None:
    # A tab, then two spaces: an editor shows [C] left of [B], but a tab is one column,
    # less than two, so [C] supports [B] (as in Argdown); the rule says why.
    text = "[A]: a.\n\t+ [B]: b.\n  + [C]: c.\n"
    amap = argmap.loads(text)
    assert amap.diagnostics == []
    assert {(e.source, e.target) for e in amap.edges} == {
        ("statement:B", "statement:A"),
        ("statement:C", "statement:B"),
    }
    assert findings(text, RULE) == [(RULE, 3, 1)]
