"""mixed-relation (AM104): one node both supports and attacks the same target."""

from __future__ import annotations

from rulecase import diagnostics, example, findings, messages

RULE = "mixed-relation"


def test_documented_pass_brief_is_clean() -> None:
    assert findings(example(RULE, "PASS"), RULE) == []


def test_documented_fail_brief_reports_the_attack() -> None:
    text = example(RULE, "FAIL")
    assert findings(text, RULE) == [(RULE, 3, 3)]
    assert messages(text, RULE) == ["[B] both supports and attacks [A]"]


def test_support_and_undercut() -> None:
    text = "[A]: Uniforms help.\n  _ [B]: They reduce teasing.\n  + [B]\n"
    (found,) = diagnostics(text, RULE)
    # At the undercut, with the support as the related place.
    assert (found.rule, found.span.line, found.span.column) == (RULE, 2, 3)
    assert found.message == "[B] both supports and undercuts [A]"
    assert found.node == "statement:B"
    assert [(span.line, span.column) for span in found.related] == [(3, 3)]


def test_written_in_two_blocks_in_both_directions() -> None:
    text = "[A]: Uniforms help.\n  + [B]: They reduce teasing.\n\n[B]\n  -> [A]\n"
    assert findings(text, RULE) == [(RULE, 5, 3)]


def test_support_and_attack_from_different_nodes_is_fine() -> None:
    text = "[A]: Uniforms help.\n  + [B]: They reduce teasing.\n  - [C]: They cost money.\n"
    assert findings(text, RULE) == []


def test_support_one_node_attack_another_is_fine() -> None:
    text = "[A]: Uniforms help.\n  + [B]: They reduce teasing.\n\n[C]: Other.\n  - [B]\n"
    assert findings(text, RULE) == []
