"""The rule registry against its tests and its documentation.

A new rule without a test module here, or without a passing and a failing brief in its
documentation, fails these tests.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from rulecase import RULES, literal_blocks

HERE = Path(__file__).resolve().parent
# Test modules of this folder that are not about one rule.
NOT_RULE_MODULES = {"test_registry", "test_every_rule"}
# A file's encoding, or a file in another format, cannot be shown as a literal brief: their
# docs say PASS: and FAIL: in words.
WITHOUT_LITERAL_BRIEFS = {"encoding", "import-note"}


def module_name(rule_name: str) -> str:
    return "test_" + rule_name.replace("-", "_")


@pytest.mark.parametrize("rule_name", [rule.name for rule in RULES.values()])
def test_every_rule_has_a_test_module(rule_name: str) -> None:
    path = HERE / f"{module_name(rule_name)}.py"
    assert path.is_file(), f"rule {rule_name} has no tests: write {path.relative_to(HERE)}"
    module = importlib.import_module(module_name(rule_name))
    assert rule_name == module.RULE
    tests = [name for name in vars(module) if name.startswith("test_")]
    assert len(tests) >= 4, f"{path.name}: the documented briefs and at least 2 more cases"


def test_every_test_module_is_about_a_rule() -> None:
    names = {module_name(rule.name) for rule in RULES.values()}
    modules = {path.stem for path in HERE.glob("test_*.py")}
    assert modules - NOT_RULE_MODULES == names


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in RULES.values()]
    names = [rule.name for rule in RULES.values()]
    assert list(RULES) == codes
    assert len(set(codes)) == len(codes) == len(set(names))
    for code, name in zip(codes, names, strict=True):
        assert re.fullmatch(r"AM\d{3}", code), code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name), name


@pytest.mark.parametrize("rule_name", [rule.name for rule in RULES.values()])
def test_every_rule_is_documented_with_a_pass_and_a_fail_brief(rule_name: str) -> None:
    rule = next(rule for rule in RULES.values() if rule.name == rule_name)
    assert rule.doc.startswith(f"{rule_name}: "), "the docs start with the rule's name"
    assert rule.summary.strip()
    if rule_name in WITHOUT_LITERAL_BRIEFS:
        assert re.search(r"^PASS: \S", rule.doc, re.MULTILINE)
        assert re.search(r"^FAIL: \S", rule.doc, re.MULTILINE)
        return
    blocks = literal_blocks(rule.doc)
    assert set(blocks) == {"PASS", "FAIL"}
    assert blocks["PASS"].strip()
    assert blocks["FAIL"].strip()
    assert blocks["PASS"] != blocks["FAIL"]


def test_the_literal_blocks_are_read_as_restructured_text() -> None:
    doc = (
        "x: y.\n\nPASS::\n\n    [A]: a.\n      + [B]: b.\n\n    [C]: c.\n\n"
        "FAIL::\n\n    [A]\n\nAfter.\n"
    )
    assert literal_blocks(doc) == {"PASS": "[A]: a.\n  + [B]: b.\n\n[C]: c.\n", "FAIL": "[A]\n"}
