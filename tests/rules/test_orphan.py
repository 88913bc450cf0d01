"""orphan (AM105): a node with no relation at all."""

from __future__ import annotations

from rulecase import everything, example, findings, messages

RULE = "orphan"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_lonely_node() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 4, 1)]
    assert messages(text, RULE) == ["[C] relates to nothing and nothing relates to it"]


def test_a_brief_of_one_statement_has_no_orphan() -> None:
    assert findings("[A]: The only claim.\n", RULE) == []


def test_every_orphan_is_reported_evidence_too() -> None:
    text = (
        '[T]: Thesis. #thesis\n  + [E]: Card. #evidence {cite: "X"}\n\n'
        "[Lonely]: Nothing.\n\n"
        '<Alone>: An argument. #evidence {cite: "Y"}\n'
    )
    assert findings(text, RULE) == [(RULE, 4, 1), (RULE, 6, 1)]
    assert messages(text, RULE)[1] == "<Alone> relates to nothing and nothing relates to it"


def test_a_contradiction_or_a_self_relation_is_a_relation() -> None:
    assert findings("[A]: Claim.\n  >< [B]: Other.\n", RULE) == []
    assert findings("[A]: Claim.\n  + [A]\n\n[B]: Other.\n", RULE) == [(RULE, 4, 1)]


def test_ignore_on_the_node_silences_orphan_on_that_node_only() -> None:
    text = (
        '[A]: Uniforms help.\n  + [B]: They reduce teasing. #evidence {cite: "Doe 2019"}\n\n'
        "[C]: Relates to nothing. {ignore: [orphan]}\n\n"
        "[D]: Relates to nothing either.\n"
    )
    assert findings(text, RULE) == [(RULE, 6, 1)]
    # Only orphan is silenced on [C]: unsupported-claim still reports it.
    assert (("unsupported-claim", 4, 1)) in everything(text)
