"""evidence-lookalike (AM205): a claim meant as evidence, but not marked as evidence."""

from __future__ import annotations

from rulecase import example, findings, messages

RULE = "evidence-lookalike"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_tag_and_the_citation() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 2, 49), (RULE, 3, 47)]
    assert messages(text, RULE) == [
        "#Evidence is not #evidence (tags are case-sensitive), so [Survey] is not evidence: "
        "write #evidence",
        '[Study] ends with "(Roe 2021)", a citation typed into its text, which does not '
        'mark evidence: write it as data, {cite: "Roe 2021"}',
    ]


def test_misspelt_tags_within_two_edits_of_evidence_or_one_of_card() -> None:
    text = (
        "[T]: Thesis. #thesis\n"
        "  + [A]: a. #evidnce\n"
        "  + [B]: b. #evidance\n"
        "  + [C]: c. #EVIDENCE\n"
        "  + [D]: d. #crad\n"
        "  + [E]: e. #cards\n"
        "  + [F]: f. #evil\n"  # far from both: not reported
        "  + [G]: g. #car #evidence\n"  # evidence already: nothing to say
    )
    assert findings(text, RULE) == [
        (RULE, 2, 13),
        (RULE, 3, 13),
        (RULE, 4, 13),
        (RULE, 5, 13),
        (RULE, 6, 13),
    ]
    assert messages(text, RULE)[0] == (
        "#evidnce is not #evidence, so [A] is not evidence: write #evidence"
    )
    assert messages(text, RULE)[3] == "#crad is not #card, so [D] is not evidence: write #card"


def test_citations_at_the_end_of_the_text_only() -> None:
    text = (
        "[T]: Thesis. #thesis\n"
        "  + [A]: Bases deter (Smith et al., 2020).\n"
        "  + [B]: Bases deter — Smith and Jones 2019a #pro\n"
        "  + [C]: In 2020 Smith wrote (see below) that bases deter.\n"  # not at the end
        "  + [D]: The treaty of 1951 (in force).\n"  # no author and year
    )
    assert findings(text, RULE) == [(RULE, 2, 22), (RULE, 3, 24)]
    assert messages(text, RULE)[1] == (
        '[B] ends with "Smith and Jones 2019a", a citation typed into its text, which does '
        'not mark evidence: write it as data, {cite: "Smith and Jones 2019a"}'
    )


def test_a_supported_claim_that_names_a_source_is_a_claim() -> None:
    # A card rests on nothing; a claim with its own support may cite in its text.
    text = (
        "[T]: Thesis. #thesis\n"
        "  + [Claim]: Grades rose (Roe 2021).\n"
        '    + [Card]: The district data. #evidence {cite: "Roe 2021"}\n'
        "  + [Leaf]: Attendance rose (Doe 2020).\n"
    )
    assert findings(text, RULE) == [(RULE, 4, 29)]
