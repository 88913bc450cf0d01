"""hidden-characters (AM106): invisible or direction-changing characters in a brief."""

from __future__ import annotations

import pytest
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


# One character from each range of Unicode's Default_Ignorable_Code_Point property (as
# listed in DerivedCoreProperties.txt), and control characters.
HIDDEN_SAMPLES = [
    ("\u00ad", "U+00AD SOFT HYPHEN: an invisible character"),
    ("\u034f", "U+034F COMBINING GRAPHEME JOINER: an invisible character"),
    ("\u061c", "U+061C ARABIC LETTER MARK: a bidirectional control"),
    ("\u115f", "U+115F HANGUL CHOSEONG FILLER: an invisible character"),
    ("\u1160", "U+1160 HANGUL JUNGSEONG FILLER: an invisible character"),
    ("\u17b4", "U+17B4 KHMER VOWEL INHERENT AQ: an invisible character"),
    ("\u180b", "U+180B MONGOLIAN FREE VARIATION SELECTOR ONE: an invisible character"),
    ("\u180e", "U+180E MONGOLIAN VOWEL SEPARATOR: an invisible character"),
    ("\u180f", "U+180F MONGOLIAN FREE VARIATION SELECTOR FOUR: an invisible character"),
    ("\u200b", "U+200B ZERO WIDTH SPACE: an invisible character"),
    ("\u200f", "U+200F RIGHT-TO-LEFT MARK: a bidirectional control"),
    ("\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING: a bidirectional control"),
    ("\u2060", "U+2060 WORD JOINER: an invisible character"),
    ("\u2065", "U+2065 (an unassigned code point, ignored when displayed): an invisible"),
    ("\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE: a bidirectional control"),
    ("\u206f", "U+206F NOMINAL DIGIT SHAPES: an invisible character"),
    ("\u3164", "U+3164 HANGUL FILLER: an invisible character"),
    ("\ufe00", "U+FE00 VARIATION SELECTOR-1: an invisible character"),
    ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE: an invisible character"),
    ("\uffa0", "U+FFA0 HALFWIDTH HANGUL FILLER: an invisible character"),
    ("\ufff0", "U+FFF0 (an unassigned code point, ignored when displayed): an invisible"),
    ("\U0001bca0", "U+1BCA0 SHORTHAND FORMAT LETTER OVERLAP: an invisible character"),
    ("\U0001d173", "U+1D173 MUSICAL SYMBOL BEGIN BEAM: an invisible character"),
    ("\U000e0001", "U+E0001 LANGUAGE TAG: an invisible character"),
    ("\U000e0100", "U+E0100 VARIATION SELECTOR-17: an invisible character"),
    ("\U000e0fff", "U+E0FFF (an unassigned code point, ignored when displayed): an invisible"),
    ("\x00", "U+0000: a control character"),
    ("\x1b", "U+001B: a control character"),
    ("\x7f", "U+007F: a control character"),
    ("\x85", "U+0085: a control character"),
    ("\x9f", "U+009F: a control character"),
]


@pytest.mark.parametrize(("char", "described"), HIDDEN_SAMPLES)
def test_every_range_is_reported(char: str, described: str) -> None:
    text = f"[A]: one{char}two.\n"
    assert findings(text, RULE) == [(RULE, 1, 9)]
    assert messages(text, RULE)[0].startswith(f"hidden character {described}")


def test_characters_next_to_the_ranges_are_not_hidden() -> None:
    # A no-break space, U+180A, U+200A HAIR SPACE, U+2070, U+FE10, U+E1000 (unassigned).
    text = "[A]: a\u00a0b\u180ac\u200ad\u2070e\ufe10f\U000e1000g.\n"
    assert findings(text, RULE) == []


def test_a_zero_width_joiner_in_an_emoji_is_meant() -> None:
    # Woman technologist (with a skin tone), red heart with its emoji selector, keycap
    # one, the flag of Scotland (tag characters).
    text = (
        "[A]: \U0001f469\u200d\U0001f4bb \U0001f469\U0001f3fd\u200d\U0001f4bb \u2764\ufe0f"
        " 1\ufe0f\u20e3 \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f.\n"
    )
    assert findings(text, RULE) == []


def test_the_same_characters_outside_an_emoji_are_hidden() -> None:
    # A joiner between letters, a second emoji selector, a selector after a letter, a
    # tag character without a flag.
    text = "[A]: a\u200db \u2764\ufe0f\ufe0f x\ufe0f \U000e0067.\n"
    assert findings(text, RULE) == [(RULE, 1, 7), (RULE, 1, 12), (RULE, 1, 15), (RULE, 1, 17)]


def test_escapes_in_data_are_reported_where_they_are_written() -> None:
    text = '[A]: Uniforms help. {cite: "Doe\\u202E 2020", note: "a\\x1bb"}\n'
    assert findings(text, RULE) == [(RULE, 1, 32), (RULE, 1, 54)]
    assert messages(text, RULE) == [
        "hidden character U+202E RIGHT-TO-LEFT OVERRIDE in data, written as the escape"
        " \\u202E: a bidirectional control that can reorder how the text displays; delete it"
        " unless it is meant",
        "hidden character U+001B in data, written as the escape \\x1b: a control character;"
        " delete it unless it is meant",
    ]


def test_escapes_in_block_data_on_later_lines_and_named_escapes() -> None:
    text = '[A]: Uniforms help.\n  {\n    cite: "Doe"\n    note: "a\\eb\\N"\n  }\n'
    assert findings(text, RULE) == [(RULE, 4, 13), (RULE, 4, 16)]


def test_data_written_with_the_character_itself_is_reported_once() -> None:
    text = '[A]: Uniforms help. {cite: "Doe\u200b 2020"}\n'
    assert findings(text, RULE) == [(RULE, 1, 32)]


def test_ordinary_escapes_in_data_are_not_hidden() -> None:
    text = '[A]: Uniforms help. {cite: "Doe\\n2020 \\u00e9 \\t \\\\u202e"}\n'
    assert findings(text, RULE) == []
