"""did_you_mean: hints for a title that was not found, naming differences that cannot be
seen."""

from __future__ import annotations

import pytest

from argmap.suggest import Suggester, did_you_mean


@pytest.mark.parametrize(
    ("wanted", "candidates", "expected"),
    [
        # A zero-width space in the wanted title.
        (
            "Rescue\u200b",
            ["Rescue", "Other"],
            "; did you mean [Rescue]? (it differs only by a zero-width space U+200B)",
        ),
        # ... or in the candidate, which is then shown visibly.
        (
            "Rescue",
            ["Rescue\u200b"],
            "; did you mean [Rescue<U+200B>]? (it differs only by a zero-width space U+200B)",
        ),
        (
            "Rescue plan",
            ["Rescue\u00a0plan"],
            "; did you mean [Rescue\u00a0plan]? (it differs only by a no-break space U+00A0"
            " instead of a space U+0020)",
        ),
        (
            "Rescue",
            ["Res\u00adcue"],
            "; did you mean [Res<U+00AD>cue]? (it differs only by a soft hyphen U+00AD)",
        ),
        (
            "Amy's plan",
            ["Amy\u2019s plan"],
            "; did you mean [Amy\u2019s plan]? (it differs only by a right single quotation"
            " mark \u2019 U+2019 instead of a straight apostrophe ' U+0027)",
        ),
        (
            'Say "no"',
            ["Say \u201cno\u201d"],
            "; did you mean [Say \u201cno\u201d]? (it differs only by a left double quotation"
            ' mark \u201c U+201C instead of a straight quote " U+0022 and a right double'
            ' quotation mark \u201d U+201D instead of a straight quote " U+0022)',
        ),
        (
            "Caf\u00e9",
            ["Cafe\u0301"],
            "; did you mean [Cafe\u0301]? (it differs only by Unicode normalisation, NFC vs NFD)",
        ),
        ("rescue", ["Rescue"], "; did you mean [Rescue]? (it differs only in case)"),
        (
            "rescue\u00ad",
            ["Rescue"],
            "; did you mean [Rescue]? (it differs in case and by a soft hyphen U+00AD)",
        ),
        ("Rescu", ["Rescue", "Resuce", "Zebra"], "; did you mean [Rescue] or [Resuce]?"),
        ("Zebra crossing", ["Rescue"], ""),
        ("Rescue", [], ""),
        # The title itself is no suggestion.
        ("Rescue", ["Rescue"], ""),
    ],
)
def test_hint(wanted: str, candidates: list[str], expected: str) -> None:
    assert did_you_mean(wanted, candidates) == expected


def test_brackets_are_the_callers_choice() -> None:
    assert did_you_mean("Plan\u2060", ["Plan"], "<>") == (
        "; did you mean <Plan>? (it differs only by a word joiner U+2060)"
    )
    assert did_you_mean("Plan\u2060", ["Plan"], "") == (
        "; did you mean Plan? (it differs only by a word joiner U+2060)"
    )


def test_escape_sequences_in_a_candidate_are_shown_not_sent() -> None:
    hint = did_you_mean("Rescue", ["Rescue\x1b[2J"])
    assert "\x1b" not in hint
    assert hint.startswith("; did you mean [Rescue<U+001B>[2J]?")


def test_close_matches_stop_at_the_budget() -> None:
    suggester = Suggester(["Rescue", "Resist"], budget=3)
    assert suggester.hint("Rescu") == "; did you mean [Rescue]?"
    # Two titles were compared; the next search would pass the budget.
    assert suggester.hint("Resis") == ""
    # Differences that cannot be seen are found by lookup, whatever the budget.
    assert suggester.hint("Resist\u200b") == (
        "; did you mean [Resist]? (it differs only by a zero-width space U+200B)"
    )
