"""hidden-characters (AM106): invisible or direction-changing characters in a brief."""

from __future__ import annotations

from rulecase import example, findings, messages

from argmap.rules.docs import rules_markdown
from argmap.views.text import clean

RULE = "hidden-characters"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_override() -> None:
    text = example(RULE, "FAIL")
    assert "\u202e" in text
    assert findings(text, RULE) == [(RULE, 1, 20)]
    assert messages(text, RULE)[0].startswith("hidden character U+202E RIGHT-TO-LEFT OVERRIDE")


def test_trojan_source_isolates_and_zero_width_characters_each_reported() -> None:
    text = "[A]: a \u2066b\u2069 c\n  + [B\u200b]: d\x07e\n"
    assert findings(text, RULE) == [(RULE, 1, 8), (RULE, 1, 10), (RULE, 2, 7), (RULE, 2, 12)]


def test_tabs_line_breaks_and_ordinary_unicode_are_not_hidden() -> None:
    text = "[Tête]: Japan–ROK “ties”, 한국 and 日本.\r\n\t+ [B]: عربي text\n"
    assert findings(text, RULE) == []


def test_hidden_characters_are_shown_visibly_in_terminal_text() -> None:
    assert clean("a\u202eb") == "a<U+202E>b"
    assert clean("a\x1b[31mred\x1b[0m") == "ared"


def test_the_rules_page_shows_the_example_visibly() -> None:
    page = rules_markdown()
    assert "<U+202E>" in page
    assert "\u202e" not in page


def test_found_among_blocks_read_whole() -> None:
    """Plain blocks are read whole, and only the text around them is searched: a hidden
    character anywhere, in a plain-looking line or between blocks, is still found."""
    plain = "[A]: a\n  + [B]: b #x {cite: Doe}\n\n"
    text = plain + "# Head\u200bing\n\n" + plain + "[C]: c\u202e\n  + [D]: d\n\n" + plain
    assert findings(text, RULE) == [(RULE, 4, 7), (RULE, 9, 7)]


def test_more_than_fifty_are_summed_up() -> None:
    text = "".join(f"[T{i}]: x\u200by\n\n" for i in range(60))
    found = messages(text, RULE)
    assert len(found) == 51
    assert found.count("10 more hidden characters not shown") == 1
