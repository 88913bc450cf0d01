"""The rule registry: every rule argmap checks, by code, in documentation order.

Each rule lives in its own module, whose docstring is its documentation (with a passing
and a failing brief); ``CODE``, ``NAME``, ``SEVERITY`` and ``SUMMARY`` describe it and
``check(context)`` yields its findings. Codes are stable; names are part of the interface.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType

from argmap.diagnostics import (
    ENCODING,
    FRONT_MATTER,
    IMPORT_NOTE,
    SYNTAX_ERROR,
    SYNTAX_WARNING,
    Severity,
)
from argmap.rules import (
    card_without_highlight,
    circular_support,
    conflicting_definition,
    defeated_thesis,
    duplicate_card,
    evidence_lookalike,
    hidden_characters,
    incomplete_citation,
    missing_citation,
    mixed_indentation,
    mixed_relation,
    orphan,
    pcs_numbering,
    self_relation,
    single_point_of_failure,
    stale_evidence,
    unanswered_rebuttal,
    undefined_mention,
    undefined_reference,
    unknown_premise,
    unsupported_claim,
    unused_premise,
    unused_suppression,
    verdict_mismatch,
)
from argmap.rules.base import Context, Finding, Rule

__all__ = ["RULES", "RULE_MODULES", "RULE_OPTIONS", "Context", "Finding", "Rule", "rule_named"]

_MODULES: tuple[ModuleType, ...] = (
    mixed_indentation,
    unused_suppression,
    undefined_reference,
    conflicting_definition,
    self_relation,
    mixed_relation,
    orphan,
    hidden_characters,
    undefined_mention,
    pcs_numbering,
    unknown_premise,
    unused_premise,
    unsupported_claim,
    circular_support,
    missing_citation,
    evidence_lookalike,
    incomplete_citation,
    stale_evidence,
    duplicate_card,
    card_without_highlight,
    single_point_of_failure,
    unanswered_rebuttal,
    defeated_thesis,
    verdict_mismatch,
)

# Findings of the reader itself: the parser, the front matter, the file's encoding.
_READER_RULES = (
    Rule(
        SYNTAX_ERROR.code,
        SYNTAX_ERROR.name,
        Severity.ERROR,
        "The brief is not valid Argdown.",
        """syntax-error: the brief is not valid Argdown.

Reported by the parser, which recovers at the next blank line and reports every error in
one run. A brief with nothing to read (only blank lines, comments or front matter) is one
too: Argdown refuses it, and it is most often the wrong file.

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
        FRONT_MATTER.code,
        FRONT_MATTER.name,
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
        ENCODING.code,
        ENCODING.name,
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
    Rule(
        SYNTAX_WARNING.code,
        SYNTAX_WARNING.name,
        Severity.WARNING,
        "Valid Argdown that is read otherwise than it looks, such as an unclosed bracket.",
        """syntax-warning: valid Argdown that is read otherwise than it looks.

Argdown reads these without an error, but not as the writer meant; argmap reads them as
Argdown does and says what to write instead:

- a title without its closing bracket, ``[Title: text``: a statement without a title;
- data without its closing brace, ``{cite: "Doe 2019"``: text, not data;
- a heading without a space after ``#``, ``#1AC``: a tag on a statement;
- a web address, ``https://…``: ``//`` starts a comment, so the text stops at ``https:``;
- one title written with two Unicode encodings of the same letters (``é`` as one
  character or as ``e`` and a combining accent): argmap reads them as one title, Argdown
  as two.

What the other rules would report about a node on the line of an unclosed bracket or
brace, or of a heading without its space, follows from it and is not reported.

PASS::

    # 1AC

    [Presence]: The US needs presence. {url: "https://www.nsf.gov/geo/opp"}
      + [Survey]: Bases deter. #evidence {cite: "CRS 2024"}

FAIL::

    #1AC

    [Presence: The US needs presence, see https://www.nsf.gov/geo/opp
      + [Survey]: Bases deter. #evidence {cite: "CRS 2024"
""",
        None,
    ),
    Rule(
        IMPORT_NOTE.code,
        IMPORT_NOTE.name,
        Severity.INFO,
        "A map read from another format: what was read, and what was left out.",
        """import-note: a map read from another format (AIF, microtext, Kialo).

One note at the top of the file, with counts: the statements, supports, arguments with
linked premises, attacks and undercuts read; what was read another way (an attack on an
attack, read as an undercut of the attacker); and what has no counterpart in an argument
map and was left out (rephrases, preferences, the dialogue layer). When the file marks no
evidence, the note says to weigh it with ``--standard dialectical``. ``argmap import``
writes the same note as a comment at the head of the brief (see docs/imports.md).

PASS: a brief written in Argdown.

FAIL: an AIF, microtext or Kialo file read directly (``argmap check nodeset.json``).
""",
        None,
    ),
)


def _from_module(module: ModuleType) -> Rule:
    check = module.check
    # A rule about the text itself (ABOUT_THE_TEXT), not the argument: what it reports
    # does not follow from a misread line.
    about_the_text = getattr(module, "ABOUT_THE_TEXT", False)
    return Rule(
        module.CODE,
        module.NAME,
        module.SEVERITY,
        module.SUMMARY,
        module.__doc__ or "",
        check if about_the_text else _not_on_misread_nodes(check),
        getattr(module, "DEFAULT", True),
    )


def _not_on_misread_nodes(
    check: Callable[[Context], Iterator[Finding]],
) -> Callable[[Context], Iterator[Finding]]:
    """``check`` without its findings about nodes that a syntax error or a misread line
    concerns (see :attr:`Context.misread`): those follow from the error, which is what the
    writer has to fix."""

    def checked(ctx: Context) -> Iterator[Finding]:
        misread = ctx.misread
        if not misread:
            yield from check(ctx)
            return
        for finding in check(ctx):
            if finding.node not in misread:
                yield finding

    checked.__doc__ = check.__doc__
    return checked


# In the order of their codes (the reader's rules and the rule modules interleave).
RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in sorted(
        [*_READER_RULES, *(_from_module(module) for module in _MODULES)],
        key=lambda rule: rule.code,
    )
}
# The options each rule declares besides its severity (argmap.rules.options), by code.
RULE_OPTIONS: dict[str, dict[str, object]] = {
    module.CODE: dict(getattr(module, "OPTIONS", {})) for module in _MODULES
}
# The module of each rule that has one (the reader's rules have none), by code.
RULE_MODULES: dict[str, ModuleType] = {module.CODE: module for module in _MODULES}


def rule_named(name: str) -> Rule | None:
    """The rule with this code or name."""
    for rule in RULES.values():
        if name in (rule.code, rule.name):
            return rule
    return None
