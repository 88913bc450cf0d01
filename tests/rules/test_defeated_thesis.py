"""defeated-thesis (AM302): a thesis that is out or undecided."""

from __future__ import annotations

from rulecase import example, findings, messages

RULE = "defeated-thesis"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_an_out_thesis() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 1, 1)]
    assert messages(text, RULE) == [
        "thesis [T] does not stand: out: attacked by [Cost], which stands (in)"
    ]


def test_an_undecided_thesis() -> None:
    # [A] and [B] attack each other: both undecided, and so is the thesis [A] attacks.
    text = (
        "[T]: Thesis. #thesis\n"
        '  + [E1]: One. #evidence {cite: "X"}\n'
        '  - [A]: Attack. #evidence {cite: "Y"}\n'
        "\n"
        "[A]\n"
        '  - [B]: Counter. #evidence {cite: "Z"}\n'
        "\n"
        "[B]\n"
        "  - [A]\n"
    )
    assert findings(text, RULE) == [(RULE, 1, 1)]
    assert messages(text, RULE) == [
        "thesis [T] does not stand: undecided: attacked by [A], itself undecided"
    ]


def test_a_thesis_without_evidence_is_out_under_the_evidence_standard_only() -> None:
    # Some card elsewhere: the brief marks evidence, only not under this thesis.
    text = (
        "# Case\n\n[T]: Thesis. #thesis\n  + [U]: Unsupported.\n\n"
        '[Other]: Another thesis. #thesis\n  + [Card]: A card. #evidence {cite: "Doe 2019"}\n'
    )
    assert findings(text, RULE) == [(RULE, 3, 1)]
    assert messages(text, RULE) == [
        "thesis [T] does not stand: out: every supporter is out ([U]); and no chain of "
        "support reaches evidence (the evidence standard)"
    ]
    assert findings(text, RULE, standard="dialectical") == []


def test_a_circle_of_support_leaves_the_thesis_undecided_under_dialectical() -> None:
    text = "[T]: Thesis. #thesis\n  + [A]: a.\n    + [B]: b.\n      + [A]\n"
    assert findings(text, RULE, standard="dialectical") == [(RULE, 1, 1)]
    assert messages(text, RULE, standard="dialectical")[0].startswith(
        "thesis [T] does not stand: undecided: its supporters ([A]) are undecided"
    )


def test_every_defeated_thesis_is_reported() -> None:
    text = (
        '[T1]: First. #thesis\n  + [E]: Card. #evidence {cite: "X"}\n\n'
        "[T2]: Second. #thesis\n\n"
        "[T3]: Third. #thesis\n  + [E]\n  - [E]\n"
    )
    assert findings(text, RULE) == [(RULE, 4, 1), (RULE, 6, 1)]


def test_a_brief_without_any_evidence_reports_only_theses_that_fall_anyway() -> None:
    # Argdown's own examples mark no evidence: under the evidence standard every thesis
    # would be out. unsupported-claim says so once; this rule reports only [Lost], which
    # a standing attacker defeats even when evidence is not needed.
    text = (
        "[Kept]: A thesis. #thesis\n  + [Reason]: A reason.\n\n"
        "[Lost]: Another thesis. #thesis\n  - [Rebuttal]: An unanswered attack.\n"
    )
    assert findings(text, RULE) == [(RULE, 4, 1)]
    assert messages(text, RULE) == [
        "thesis [Lost] does not stand: out: attacked by [Rebuttal], which stands (in)"
    ]
