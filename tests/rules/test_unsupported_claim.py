"""unsupported-claim (AM201): a claim of the brief's own case with no chain to evidence."""

from __future__ import annotations

from rulecase import everything, example, findings, messages

RULE = "unsupported-claim"
# A block with a card: the brief marks evidence somewhere, so claims are judged one by one.
ELSEWHERE = '\n[Other]: Another claim.\n  + [Card]: A card. #evidence {cite: "Doe 2019"}\n'


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_thesis_and_its_supporter() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 2, 5)]
    assert messages(text, RULE) == ["nothing supports [Equality], and it is not evidence"]


def test_a_brief_that_marks_no_evidence_is_told_once() -> None:
    text = (
        "[T]: Thesis. #thesis\n"
        "  + [A]: First reason.\n"
        "    + [B]: Reason for the reason.\n"
        "  - [C]: A rebuttal.\n"
    )
    assert findings(text, RULE) == [(RULE, 1, 1)]
    assert messages(text, RULE) == [
        "the brief marks no evidence, so under the evidence standard no claim stands: tag "
        'each card #evidence or give it {cite: "Author Year"}, or run argmap with '
        "--standard dialectical to weigh the arguments without evidence"
    ]
    # Under the dialectical standard claims need no evidence: those without a
    # supporter are reported one by one, as warnings.
    assert findings(text, RULE, standard="dialectical") == [
        (RULE, 1, 1),
        (RULE, 2, 5),
        (RULE, 3, 7),
    ]


def test_nothing_supports_versus_support_ends_at() -> None:
    text = (
        "[T]: Thesis. #thesis\n"
        "  + [A]: First reason.\n"
        "    + [B]: Reason for the reason.\n"
        "  + [C]: Second reason.\n" + ELSEWHERE
    )
    assert findings(text, RULE) == [(RULE, 1, 1), (RULE, 2, 5), (RULE, 3, 7), (RULE, 4, 5)]
    assert messages(text, RULE) == [
        "the support of [T] ends at [C], [B], which have no evidence",
        "the support of [A] ends at [B], which has no evidence",
        "nothing supports [B], and it is not evidence",
        "nothing supports [C], and it is not evidence",
    ]


def test_the_support_of_a_conclusion_ends_where_a_premise_lacks_evidence() -> None:
    # Linked premises: [A] stands on its card, so what lies under it ([C], unsupported)
    # is not why [X] has no evidence; [B] is.
    text = (
        "[T]: Thesis. #thesis\n"
        "  <+ <Arg>\n\n"
        "<Arg>\n\n"
        "(1) [A]: A holds.\n"
        '  + [Card]: A study. #evidence {cite: "Doe 2019"}\n'
        "  + [C]: C holds.\n"
        "(2) [B]: B holds.\n"
        "----\n"
        "(3) [X]: X holds.\n"
    )
    assert findings(text, RULE) == [(RULE, 1, 1), (RULE, 8, 5), (RULE, 9, 5), (RULE, 11, 5)]
    assert messages(text, RULE) == [
        "the support of [T] ends at [B], which has no evidence",
        "nothing supports [C], and it is not evidence",
        "nothing supports [B], and it is not evidence",
        "the support of [X] ends at [B], which has no evidence",
    ]


def test_support_going_in_a_circle() -> None:
    text = "[T]: Thesis. #thesis\n  + [A]: a.\n    + [B]: b.\n      + [A]\n" + ELSEWHERE
    assert findings(text, RULE) == [(RULE, 1, 1), (RULE, 2, 5), (RULE, 3, 7)]
    assert messages(text, RULE)[0] == (
        "the support of [T] goes in a circle and never reaches evidence"
    )


def test_claims_only_on_the_opponents_side_are_not_reported() -> None:
    text = (
        "[T]: Thesis. #thesis\n"
        '  + [E]: Card. #evidence {cite: "Doe 2019"}\n'
        "  - [R]: Their rebuttal.\n"  # con
        "    + [R2]: Their reason for it.\n"  # con
        "    - [S]: Our response.\n"  # pro again: reported
    )
    assert findings(text, RULE) == [(RULE, 5, 7)]
    assert messages(text, RULE) == ["nothing supports [S], and it is not evidence"]


def test_a_claim_on_both_sides_is_reported() -> None:
    text = (
        "[T]: Thesis. #thesis\n"
        '  + [E]: Card. #evidence {cite: "Doe 2019"}\n'
        "  + [Both]: Supports the thesis and the rebuttal.\n"
        "  - [R]: Rebuttal.\n"
        "    + [Both]\n"
    )
    # [Both] is pro (it supports the thesis) and con (it supports the rebuttal), and
    # through [Both] the rebuttal [R] is on both sides too.
    assert findings(text, RULE) == [(RULE, 3, 5), (RULE, 4, 5)]


def test_support_from_cited_data_counts_as_evidence() -> None:
    text = '[T]: Thesis. #thesis\n  + [Report]: A report. {source: "Ministry, 2020"}\n'
    assert findings(text, RULE) == []


def test_ignore_on_a_node_silences_this_rule_on_that_node_only() -> None:
    text = (
        "[T]: Thesis. #thesis {ignore: [unsupported-claim]}\n"
        "  + [A]: Unsupported.\n"
        "  + [B]: Unsupported, and not ignored. {ignore: [orphan]}\n" + ELSEWHERE
    )
    assert findings(text, RULE) == [(RULE, 2, 5), (RULE, 3, 5)]
    # The other rules still see [T].
    assert ("defeated-thesis", 1, 1) in everything(text)


def test_ignore_on_a_node_takes_codes_prefixes_and_a_single_name() -> None:
    text = "[T]: Thesis. #thesis {ignore: AM2}\n  + [A]: Unsupported. {ignore: AM201}\n" + ELSEWHERE
    assert findings(text, RULE) == []
    assert ("defeated-thesis", 1, 1) in everything(text)
    single = "[T]: Thesis. #thesis {ignore: unsupported-claim}\n  + [A]: Unsupported.\n" + ELSEWHERE
    assert findings(single, RULE) == [(RULE, 2, 5)]
