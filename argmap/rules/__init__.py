"""The rule registry: every rule argmap checks, by code, in documentation order.

Each rule lives in its own module, whose docstring is its documentation (with a passing
and a failing brief); ``CODE``, ``NAME``, ``SEVERITY`` and ``SUMMARY`` describe it and
``check(context)`` yields its findings. Codes are stable; names are part of the interface.
"""

from __future__ import annotations

from types import ModuleType

from argmap.diagnostics import Severity
from argmap.rules import (
    circular_support,
    conflicting_definition,
    defeated_thesis,
    hidden_characters,
    missing_citation,
    mixed_relation,
    orphan,
    self_relation,
    single_point_of_failure,
    unanswered_rebuttal,
    undefined_mention,
    undefined_reference,
    unsupported_claim,
    verdict_mismatch,
)
from argmap.rules.base import Context, Finding, Rule

__all__ = ["RULES", "Context", "Finding", "Rule", "rule_named"]

_MODULES: tuple[ModuleType, ...] = (
    undefined_reference,
    conflicting_definition,
    self_relation,
    mixed_relation,
    orphan,
    hidden_characters,
    undefined_mention,
    unsupported_claim,
    circular_support,
    missing_citation,
    single_point_of_failure,
    unanswered_rebuttal,
    defeated_thesis,
    verdict_mismatch,
)

# Findings of the reader itself: the parser, the front matter, the file's encoding.
_READER_RULES = (
    Rule(
        "AM001",
        "syntax-error",
        Severity.ERROR,
        "The brief is not valid Argdown, or uses a construct argmap does not read yet.",
        """syntax-error: the brief is not valid Argdown.

Reported by the parser, which recovers at the next blank line and reports every error in
one run. Premise-conclusion structures are reported here as not supported yet.

PASS::

    [A]: Uniforms help.
      + [B]: They reduce teasing.

FAIL::

    [A]: Uniforms help.
    + [B]: They reduce teasing.
""",
        None,
    ),
    Rule(
        "AM002",
        "front-matter",
        Severity.ERROR,
        "The front matter names a thesis that no statement or argument has.",
        """front-matter: the front matter names a thesis no node has.

PASS::

    ===
    thesis: Uniforms
    ===

    [Uniforms]: Schools should require uniforms.

FAIL::

    ===
    thesis: Uniform
    ===

    [Uniforms]: Schools should require uniforms.
""",
        None,
    ),
    Rule(
        "AM003",
        "encoding",
        Severity.ERROR,
        "The file is not UTF-8.",
        """encoding: the file is not UTF-8.

Each invalid byte is reported with its line, column and byte offset, and read as U+FFFD so
that the rest of the brief is still checked. Save the brief as UTF-8.

PASS: a brief saved as UTF-8.

FAIL: a brief saved as Latin-1 or UTF-16.
""",
        None,
    ),
)


def _from_module(module: ModuleType) -> Rule:
    return Rule(
        module.CODE,
        module.NAME,
        module.SEVERITY,
        module.SUMMARY,
        module.__doc__ or "",
        module.check,
    )


RULES: dict[str, Rule] = {rule.code: rule for rule in _READER_RULES}
RULES.update((module.CODE, _from_module(module)) for module in _MODULES)


def rule_named(name: str) -> Rule | None:
    """The rule with this code or name."""
    for rule in RULES.values():
        if name in (rule.code, rule.name):
            return rule
    return None
