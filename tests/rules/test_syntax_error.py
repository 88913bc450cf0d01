"""syntax-error (AM001): the brief is not valid Argdown (reported by the parser)."""

from __future__ import annotations

import pytest
from rulecase import everything, example, findings, messages

RULE = "syntax-error"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_unindented_relation() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 2, 1)]
    assert messages(text, RULE) == [
        "relation '+' at the start of a line: indent it under the statement or argument it "
        "relates to"
    ]


def test_the_parser_recovers_and_reports_every_error_in_one_run() -> None:
    text = (
        "[A]: Uniforms help.\n"
        "+ [B]: Not indented.\n"  # line 2
        "\n"
        "[C]: A claim.\n"
        "\n"
        "  + [D]: A relation after a blank line.\n"  # line 6
        "\n"
        "(1) A premise.\n"  # line 8
        "(2) A conclusion, but no inference line above it.\n"
        "\n"
        "[E]: Still read.\n"
        "  + [C]\n"
    )
    assert findings(text, RULE) == [(RULE, 2, 1), (RULE, 6, 1), (RULE, 8, 1)]
    assert messages(text, RULE)[1:] == [
        "relation '+' after a blank line: a relation must directly follow the statement or "
        "argument it relates to (remove the blank line above it)",
        "a premise–conclusion structure needs an inference line ('----') between its premises "
        "and its conclusion",
    ]
    # What follows the last error is still read and checked.
    assert ("orphan", 4, 1) not in everything(text)


def test_invalid_front_matter_yaml_is_located_in_the_yaml() -> None:
    text = "===\ntitle: [unclosed\n===\n\n[A]: a.\n"
    assert findings(text, RULE) == [(RULE, 2, 17)]
    assert messages(text, RULE)[0].startswith("front matter: invalid YAML")


def test_a_definition_without_text() -> None:
    assert findings("[A]:\n\n[B]: b.\n", RULE) == [(RULE, 1, 5)]
    assert messages("[A]:\n\n[B]: b.\n", RULE) == ["'[A]:' needs text after the colon"]


_ONE_LINE = (
    "an inference line's rules are written on one line, separated by ',' (as in "
    "'-- modus ponens, rule two --')"
)


@pytest.mark.parametrize(
    ("inference", "found", "message"),
    [
        ("-- r1, {x: 1} --", (2, 8), "a ',' in an inference line must be followed by a rule"),
        ("-- {x: 1} r1 --", (2, 11), "an inference line's {data} comes last, after its rules"),
        (
            "--\nrule one,\nrule two\n--",
            (3, 10),
            "a ',' in an inference line must be followed by a rule",
        ),
        ("-- , r1 --", (2, 4), "an inference line's ',' must follow a rule"),
        ("--\nrule one\nrule two\n--", (4, 1), _ONE_LINE),
        ("-- rule one\n, rule two --", (3, 1), _ONE_LINE),
        ("--\nrule one\n{x: 1}\nrule two --", (5, 1), _ONE_LINE),
        ("---", (2, 1), "an inference line that starts with '--' must end with '--'"),
    ],
)
def test_an_inference_line_argdown_rejects(
    inference: str, found: tuple[int, int], message: str
) -> None:
    # Argdown's CLI rejects each of these too.
    text = f"(1) A premise.\n{inference}\n(2) A conclusion.\n"
    assert findings(text, RULE) == [(RULE, *found)]
    assert messages(text, RULE) == [message]


@pytest.mark.parametrize(
    "inference",
    [
        "-- r1, r2 {x: 1} --",
        "-- r1, r2\n{x: 1}\n--",
        "--\nr1, r2\n{x: 1}\n--",
        "--\nr1\n--",
        "------",
        "-- .->. --",
    ],
)
def test_an_inference_line_argdown_accepts(inference: str) -> None:
    assert findings(f"(1) A premise.\n{inference}\n(2) A conclusion.\n", RULE) == []
