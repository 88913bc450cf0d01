"""undefined-mention (AM107): a mention of a title the brief never writes."""

from __future__ import annotations

from rulecase import diagnostics, everything, example, findings, messages

RULE = "undefined-mention"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_mention_where_it_is_written() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 3, 56)]
    assert messages(text, RULE) == [
        "@[Costs] mentions a statement that the brief never writes; did you mean [Cost]?"
    ]


def test_an_argument_mention_and_one_on_a_continued_line() -> None:
    text = "<Arg>: An argument.\n\n[A]: First @<Arg> then\n@<Gone> and @[Nowhere].\n"
    assert findings(text, RULE) == [(RULE, 4, 1), (RULE, 4, 13)]
    assert messages(text, RULE) == [
        "@<Gone> mentions an argument that the brief never writes",
        "@[Nowhere] mentions a statement that the brief never writes",
    ]


def test_a_mention_of_a_referenced_title_is_left_to_undefined_reference() -> None:
    text = "[T]: Thesis, see @[Ghost].\n  + [Ghost]\n"
    assert findings(text, RULE) == []
    assert [found[0] for found in everything(text)].count("undefined-reference") == 1


def test_the_finding_names_the_node_that_mentions() -> None:
    (found,) = diagnostics("[A]: See @[B].\n", RULE)
    assert found.node == "statement:A"
    assert found.severity.value == "warning"


def test_a_mention_that_differs_by_a_hidden_character_says_so() -> None:
    text = "[Rescue]: We send boats.\n\n[A]: See @[Rescue\u200b] and @<Plan\u2019s cost>.\n\n"
    text += "<Plan's cost>: An argument.\n"
    assert messages(text, RULE) == [
        "@[Rescue\u200b] mentions a statement that the brief never writes; did you mean"
        " [Rescue]? (it differs only by a zero-width space U+200B)",
        "@<Plan\u2019s cost> mentions an argument that the brief never writes; did you mean"
        " <Plan's cost>? (it differs only by a straight apostrophe ' U+0027 instead of a right"
        " single quotation mark \u2019 U+2019)",
    ]
