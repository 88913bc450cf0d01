"""syntax-warning (AM004): valid Argdown read otherwise than it looks (by the parser)."""

from __future__ import annotations

import unicodedata

from rulecase import everything, example, findings, messages

import argmap

RULE = "syntax-warning"


def test_documented_pass_brief_is_clean() -> None:
    assert everything(example(RULE, "PASS")) == []


def test_documented_fail_brief_reports_heading_bracket_address_and_brace() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 1, 1), (RULE, 3, 1), (RULE, 3, 39), (RULE, 4, 38)]
    assert messages(text, RULE) == [
        "'#1AC' is read as a tag on a statement, not as a heading: a heading needs a space "
        "after '#', as in '# 1AC'",
        "'[' opens a title that is never closed, so this is read as a statement without a "
        "title: close the title with ']', as in '[Presence]: The US needs presence, see "
        "https://www.…'",
        "'//' starts a comment, so the text stops at 'https:' and the rest of the line is "
        "dropped: write the address as a link, [www.nsf.gov](https://www.nsf.gov/geo/opp), "
        "or escape its slashes, https:\\/\\/www.nsf.gov/geo/opp",
        "'{' opens data that is never closed, so it is read as text: end it with '}', as in "
        "'{cite: \"CRS 2024\"}'",
    ]
    # Nothing else is said about the misread lines: no orphan [Untitled 1], no
    # "missing citation" for [Survey], whose citation is there, only unclosed.
    assert everything(text) == [
        (RULE, 1, 1),
        (RULE, 3, 1),
        (RULE, 3, 39),
        (RULE, 4, 38),
    ]


def test_the_escaped_address_and_the_link_keep_the_whole_address() -> None:
    text = "[A]: See https:\\/\\/www.nsf.gov/geo/opp now.\n\n[B]: See [NSF](https://www.nsf.gov).\n"
    amap = argmap.loads(text)
    assert amap.node("statement:A").text == "See https://www.nsf.gov/geo/opp now."
    assert findings(text, RULE) == []


def test_a_comment_that_is_no_address_is_not_reported() -> None:
    assert findings("[A]: Text. // a note\n\n[B]: Ratio 3:// odd.\n", RULE) == []


def test_two_encodings_of_one_title_are_one_node_with_a_warning() -> None:
    composed = "Café"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    text = f"[{composed}]: A claim.\n  + [Reason]: Why.\n\n[{decomposed}]\n  - [Objection]: No.\n"
    amap = argmap.loads(text)
    assert [node.title for node in amap.nodes] == ["Café", "Reason", "Objection"]
    assert amap.node("statement:Café").title == composed
    assert findings(text, RULE) == [(RULE, 4, 1)]
    assert messages(text, RULE) == [
        "this title looks the same as the one at line 1, column 1, but its letters are "
        "encoded differently (Unicode NFC and NFD); argmap reads both as [Café], Argdown "
        "as two titles: retype this one so that both match"
    ]


def test_a_title_written_one_way_only_is_kept_as_written() -> None:
    decomposed = unicodedata.normalize("NFD", "Café")
    amap = argmap.loads(f"[{decomposed}]: A claim.\n  + [{decomposed}2]: More.\n")
    assert amap.nodes[0].title == decomposed
    assert findings(f"[{decomposed}]: A claim.\n", RULE) == []


def test_missing_colon_is_the_first_finding_and_nothing_follows_from_it() -> None:
    text = (
        '[Card]: A card. #evidence {cite: "Doe 2019"}\n\n'
        "[Plan] The USFG should act. #thesis\n"
        "  + [Solvency]: It works.\n"
    )
    amap = argmap.loads(text)
    found = [(d.rule, d.span.line, d.span.column, d.message) for d in argmap.check(amap)]
    assert found[0] == (
        "syntax-error",
        3,
        8,
        "missing ':' after [Plan]: to give it its text, write '[Plan]: The USFG should "
        "act. #thesis'",
    )
    # [Plan] is only referenced (its block stops at the error): no "never defined", no
    # "does not stand", no "unsupported" about it.
    assert [row for row in found[1:] if "[Plan]" in row[3]] == []


def test_an_undercut_under_a_premise_has_no_inference_to_target() -> None:
    text = "<A>: a.\n\n(1) [P]: p.\n  <_ [U]: u.\n----\n(2) [C]: c.\n  <_ [V]: v.\n"
    # Under the conclusion, '<_' undercuts the inference above it: no warning there.
    assert findings(text, RULE) == [(RULE, 4, 3)]
    assert messages(text, RULE) == [
        "'<_' under a premise has no inference to undercut, so it is read as an attack on "
        "[P] itself: to undercut the inference that starts from it, write it under the "
        "inference line below"
    ]
    amap = argmap.loads(text)
    assert [(e.source, e.target, e.step) for e in amap.edges] == [
        ("statement:U", "statement:P", None),
        ("statement:V", "argument:A", 1),
    ]


def test_model_settings_that_are_not_a_mapping_are_ignored_with_a_warning() -> None:
    body = "<R>: r.\n\n(1) [P]: p.\n----\n(2) [C]: c.\n\n[Q]: q.\n  - <R>\n"
    for value in ("", " 3", " []", " strict"):
        text = f"===\nmodel:{value}\n===\n\n{body}"
        assert findings(text, RULE) == [(RULE, 1, 1)], value
        assert messages(text, RULE) == [
            "'model' in the front matter must be a mapping of settings, as in 'model: "
            "{mode: strict}': this value is ignored (Argdown would also turn off its "
            "default settings, so relations of reconstructed arguments stay on them)"
        ]
        # The defaults hold: the attack of <R> is its main conclusion's.
        amap = argmap.loads(text)
        assert [(e.source, e.relation, e.target) for e in amap.edges] == [
            ("statement:C", "attack", "statement:Q")
        ]
    assert findings(f"===\nmodel: {{mode: strict}}\n===\n\n{body}", RULE) == []
