"""The documentation that is generated or promised stays true."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from argmap.cli import main
from argmap.rules import RULES
from argmap.rules.docs import rules_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_rules_page_is_current() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == rules_markdown(), (
        "docs/rules.md is stale: run `argmap rules --format markdown > docs/rules.md`"
    )


def test_rules_page_documents_every_rule() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"## {rule.code} `{rule.name}`" in page


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help(name: str) -> None:
    command = main.commands[name]
    assert command.help, f"argmap {name} has no help text"
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            assert parameter.help, f"argmap {name} {parameter.opts[0]} has no help text"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_in_the_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"argmap {name}" in readme, f"README.md does not mention `argmap {name}`"


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_in_the_readme(code: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rule = RULES[code]
    assert f"| {rule.code} | `{rule.name}` | {rule.severity.value} |" in readme
