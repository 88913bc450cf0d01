"""`argmap check` on tests/fixtures/rules/every-rule.argdown: one case of every rule.

Every rule that can appear in a brief written as text (all but encoding and import-note) has
exactly one deliberate case in the fixture, and nothing else is wrong with it. The expected findings
are written by hand below, each with the reasoning behind it.
"""

from __future__ import annotations

import json

from click.testing import CliRunner
from rulecase import ROOT, RULES

from argmap.cli import main

FIXTURE = ROOT / "tests" / "fixtures" / "rules" / "every-rule.argdown"

EXPECTED = [
    # A relation after a blank line; the parser skips that block ([Exchanges] is never
    # read, so it is no orphan). A syntax error comes first: what follows may follow
    # from it.
    ("AM001", "syntax-error", 62, 1),
    # `thesis: Missing Thesis` in the front matter names no node; reported where the
    # front matter starts.
    ("AM002", "front-matter", 1, 1),
    # [Cost] is supported by the card [Prices], so it stands and defeats [Uniforms].
    ("AM302", "defeated-thesis", 15, 1),
    # Nothing attacks [Cost], which attacks the thesis; reported at its relation.
    ("AM301", "unanswered-rebuttal", 18, 3),
    # `expect: {out: [Phones]}`, but [Scores] supports [Phones] unopposed: it is in.
    ("AM303", "verdict-mismatch", 21, 1),
    # [Scores] is tagged #evidence but has no cite, source or url.
    ("AM203", "missing-citation", 22, 5),
    # [Focus] has no evidence, so [Scores] carries every chain of [Phones] alone. [Uniforms]
    # has two independent cards, [Survey] and [Study]: no single point there.
    ("AM204", "single-point-of-failure", 22, 5),
    # [Focus] is on the thesis's side and nothing supports it. ([Prics] has no evidence
    # either, but it only supports the opponent's [Cost]; every other claim is grounded.)
    ("AM201", "unsupported-claim", 23, 5),
    # [Prics] is a typo of [Prices], referenced and never defined.
    ("AM101", "undefined-reference", 30, 5),
    # [Survey] is defined again with a different text.
    ("AM102", "conflicting-definition", 34, 1),
    # [Study] supports itself (at the relation; it is evidence, so it stays in).
    ("AM103", "self-relation", 39, 3),
    # [Trial] both supports and attacks [Lunch]; reported at the attack.
    ("AM104", "mixed-relation", 45, 3),
    # [Pride] and [Belonging] support each other ([Poll] grounds both, so neither is an
    # unsupported claim); reported once, at [Pride].
    ("AM202", "circular-support", 49, 1),
    # [Aside] relates to nothing (it is cited evidence, so no other rule reports it).
    ("AM105", "orphan", 56, 1),
    # ... and its text mentions @[Uniform], a title written nowhere ([Uniforms] is).
    ("AM107", "undefined-mention", 56, 50),
    # A zero-width space hides in the heading, between "hidden" and "-characters".
    ("AM106", "hidden-characters", 64, 10),
    # The heading's address: "//" starts a comment, so the heading stops at "https:".
    ("AM004", "syntax-warning", 66, 26),
    # [Trial] is indented with a tab, [Poll] below it with spaces (so [Poll] supports
    # [Trial]: a tab is one column, less than two spaces).
    ("AM005", "mixed-indentation", 72, 1),
    # [Fees] is tagged #Evidence, not #evidence: it is no evidence (but only supports the
    # opponent's [Cost], so unsupported-claim does not report it).
    ("AM205", "evidence-lookalike", 77, 35),
    # <Cards>'s inference uses (1) and (3): two statements are numbered (1), the later one
    # ([Card B]) is the (1) it uses, so [Card A] is used by no inference ...
    ("AM110", "unused-premise", 83, 1),
    # ... [Card B] repeats the number (1) ...
    ("AM108", "pcs-numbering", 84, 1),
    # ... and no statement above the inference line is numbered (3).
    ("AM109", "unknown-premise", 85, 1),
    # [Set Cost] is [Prices]'s card text under another tag.
    ("AM208", "duplicate-card", 92, 5),
    # [Reading Gains] is underlined with nothing highlighted.
    ("AM209", "card-without-highlight", 93, 5),
]


def check_fixture(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args, str(FIXTURE)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, json.loads(result.stdout)["diagnostics"]


def test_check_reports_exactly_one_case_of_every_rule() -> None:
    exit_code, found = check_fixture()
    assert [(d["code"], d["rule"], d["line"], d["column"]) for d in found] == EXPECTED
    assert {d["file"] for d in found} == {str(FIXTURE)}
    assert exit_code == 1


# Off unless selected, so not in EXPECTED, in reading order: [Aside] is dated 2010, more
# than the front matter's 120 months before its date: 2024-06-01; [Ministry Data]'s cite
# has no date (the front matter's citation style, short, asks for author and date);
# [Aside] is mentioned again with a comment that silences a missing citation it does not
# have.
OPT_IN = [
    ("AM207", "stale-evidence", 56, 1),
    ("AM206", "incomplete-citation", 91, 5),
    ("AM006", "unused-suppression", 97, 9),
]


def test_the_fixture_covers_every_rule_but_encoding_and_import_note() -> None:
    covered = {(code, rule) for code, rule, _line, _column in EXPECTED + OPT_IN}
    assert len(covered) == len(EXPECTED) + len(OPT_IN)
    everything = {(rule.code, rule.name) for rule in RULES.values()}
    assert everything - covered == {("AM003", "encoding"), ("AM007", "import-note")}
    assert {(rule.code, rule.name) for rule in RULES.values() if not rule.default} == {
        (code, rule) for code, rule, _line, _column in OPT_IN
    }


def test_rules_off_by_default_report_their_case_when_selected() -> None:
    codes = ",".join(code for code, _rule, _line, _column in OPT_IN)
    _exit_code, found = check_fixture("--extend-select", codes)
    found_cases = [(d["code"], d["rule"], d["line"], d["column"]) for d in found]
    # The syntax error first, then every case in reading order.
    in_order = sorted(EXPECTED[1:] + OPT_IN, key=lambda case: (case[2], case[3]))
    assert found_cases == EXPECTED[:1] + in_order


def test_severities_are_the_rules_defaults() -> None:
    _exit_code, found = check_fixture()
    defaults = {rule.code: rule.severity.value for rule in RULES.values()}
    assert {d["code"]: d["severity"] for d in found} == {
        code: defaults[code] for code, _rule, _line, _column in EXPECTED
    }


def test_ignoring_every_rule_found_leaves_nothing() -> None:
    codes = ",".join(code for code, _rule, _line, _column in EXPECTED)
    exit_code, found = check_fixture("--ignore", codes)
    assert (exit_code, found) == (0, [])
