"""unknown-premise (AM109): an inference's uses names a number not above it."""

from __future__ import annotations

from rulecase import example, findings, messages

RULE = "unknown-premise"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_inference_line() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 5, 1)]
    assert messages(text, RULE) == [
        "the inference of <Uniforms> to [Focus] uses (4), but the statements above it are (1), (2)"
    ]


def test_a_number_below_the_inference_is_not_above_it() -> None:
    text = (
        "<A>: An argument.\n\n(1) [P]: p.\n-- {uses: [1, 3]} --\n(2) [C]: c.\n"
        "(3) [Q]: q.\n----\n(4) [D]: d.\n"
    )
    assert findings(text, RULE) == [(RULE, 4, 1)]


def test_a_later_inference_may_use_an_earlier_conclusion() -> None:
    text = (
        "<A>: An argument.\n\n(1) [P]: p.\n----\n(2) [C]: c.\n"
        "(3) [Q]: q.\n-- {uses: [2, 3]} --\n(4) [D]: d.\n"
    )
    assert findings(text, RULE) == []


def test_a_use_that_is_not_a_number() -> None:
    text = "<A>: An argument.\n\n(1) [P]: p.\n-- {uses: [one]} --\n(2) [C]: c.\n"
    assert messages(text, RULE) == [
        "the inference of <A> to [C] uses (one), but the statements above it are (1)"
    ]


def test_a_long_list_of_statements_above_is_cut_short() -> None:
    premises = "".join(f"({n}) [P{n}]: p.\n" for n in range(1, 13))
    text = f"<A>: An argument.\n\n{premises}-- {{uses: [1, 20]}} --\n(13) [C]: c.\n"
    above = ", ".join(f"({n})" for n in range(1, 11))
    assert messages(text, RULE) == [
        f"the inference of <A> to [C] uses (20), but the statements above it are {above}, "
        "and 2 more"
    ]


def test_each_inference_of_a_long_structure_is_checked_against_its_own_statements() -> None:
    # Every inference of a long chain: the numbers above one inference grow with it.
    lines = ["<A>: An argument.", ""]
    for n in range(1, 40):
        lines += [f"({n}) [P{n}]: p.", f"-- {{uses: [{n}, {n + 1 if n % 13 == 0 else n}]}} --"]
    lines.append("(40) [C]: c.")
    found = findings("\n".join(lines) + "\n", RULE)
    # The inferences after (13), (26) and (39) name the statement below them.
    assert found == [
        (RULE, 3 + 2 * 13 - 1, 1),
        (RULE, 3 + 2 * 26 - 1, 1),
        (RULE, 3 + 2 * 39 - 1, 1),
    ]


def test_every_inference_of_a_long_chain_uses_an_unknown_number() -> None:
    lines = ["<A>: An argument.", ""]
    for n in range(1, 2001):
        lines += [f"({n}) [P{n}]: p.", "-- {uses: [0]} --"]
    lines.append("(2001) [C]: c.")
    found = messages("\n".join(lines) + "\n", RULE)
    assert len(found) == 2000
    above = ", ".join(f"({n})" for n in range(1, 11))
    assert found[-1] == (
        f"the inference of <A> to [C] uses (0), but the statements above it are {above}, "
        "and 1990 more"
    )
    assert found[0] == "the inference of <A> to [P2] uses (0), but the statements above it are (1)"
