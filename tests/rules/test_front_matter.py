"""front-matter (AM002): the front matter names a thesis that no node has."""

from __future__ import annotations

from rulecase import diagnostics, example, findings, messages

RULE = "front-matter"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_at_the_front_matter() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 1, 1)]
    assert messages(text, RULE) == [
        "front matter names thesis 'Uniform', but no statement or argument has that title; "
        "did you mean Uniforms?"
    ]
    (found,) = diagnostics(text, RULE)
    assert found.code == "AM002"
    assert found.node is None


def test_each_unknown_thesis_of_a_list() -> None:
    text = "===\nthesis: [Uniforms, Uniform, Costs]\n===\n\n[Uniforms]: u.\n"
    assert findings(text, RULE) == [(RULE, 1, 1), (RULE, 1, 1)]
    assert messages(text, RULE) == [
        "front matter names thesis 'Costs', but no statement or argument has that title",
        "front matter names thesis 'Uniform', but no statement or argument has that title; "
        "did you mean Uniforms?",
    ]


def test_located_where_the_front_matter_starts() -> None:
    text = "\n\n===\nthesis: Nope\n===\n\n[Uniforms]: u.\n"
    assert findings(text, RULE) == [(RULE, 3, 1)]


def test_an_argument_title_in_angle_brackets() -> None:
    assert findings("===\nthesis: '<Arg>'\n===\n\n<Arg>: u.\n", RULE) == []
    assert findings("===\nthesis: '<Arg>'\n===\n\n[Arg]: u.\n", RULE) == [(RULE, 1, 1)]


def test_the_named_thesis_is_a_thesis() -> None:
    import argmap

    amap = argmap.loads("===\nthesis: B\n===\n\n[A]: a.\n  + [B]: b.\n")
    assert [node.title for node in amap.theses] == ["B"]


def test_a_misspelt_thesis_gets_a_suggestion() -> None:
    text = "===\nthesis: Plna\n===\n\n[Plan]: The plan.\n\n[Zebra]: z.\n"
    assert messages(text, RULE) == [
        "front matter names thesis 'Plna', but no statement or argument has that title; "
        "did you mean Plan?"
    ]
