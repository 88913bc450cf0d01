"""Suppression comments: a brief's own word that a finding is known and accepted.

Three spellings, each in Argdown's comment syntax (docs/configuration.md):

- ``// argmap: ignore[AM201]`` at the end of a line silences those rules' findings on
  that line; on a line of its own, on the next line;
- ``<!-- argmap: ignore[AM201] -->``, the same as a block comment (and in Markdown);
- ``// argmap: ignore-file[AM201]`` (or ``<!-- … -->``) anywhere in a file silences them
  in the whole file.

Rules are written as for ``--ignore``: codes, code prefixes or names, separated by
commas or spaces; ``ignore`` without brackets silences every rule. A syntax error is
never silenced: what follows it may be read otherwise than it was written.

>>> [s.patterns for s in scan("[A]: Uniforms. // argmap: ignore[AM201, orphan]", "b.ad")]
[('AM201', 'orphan')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.config import ConfigError, ConfigFileError, check_rules, selected
from argmap.diagnostics import SYNTAX_ERROR, Diagnostic
from argmap.source import Span

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["Judgement", "Suppression", "judge", "scan", "suppressions"]

# "argmap: ignore…", found by its words first (a pattern that starts with a literal is
# searched for quickly; one that starts with "//" or "<!--" is tried at every position).
_DIRECTIVE = re.compile(
    r"argmap:[ \t]*(?P<kind>ignore-file|ignore)(?![\w-])(?:\[(?P<rules>[^\]\r\n]*)\])?"
)
# What must come before it on its line: the start of a comment.
_OPENER = re.compile(r"(?://|<!--)[ \t]*\Z")


@dataclass(frozen=True)
class Suppression:
    """One suppression comment: where it is, the lines it covers (none: the whole file)
    and the rules it names (none: every rule)."""

    span: Span
    lines: tuple[int, ...]
    patterns: tuple[str, ...]

    @property
    def whole_file(self) -> bool:
        return not self.lines

    @property
    def text(self) -> str:
        kind = "ignore-file" if self.whole_file else "ignore"
        return f"argmap: {kind}" + (f"[{', '.join(self.patterns)}]" if self.patterns else "")

    def covers(self, diagnostic: Diagnostic) -> str | None:
        """The pattern of this comment that silences ``diagnostic`` ("" for a comment that
        silences every rule), or None."""
        if diagnostic.span.file != self.span.file:
            return None
        if self.lines and diagnostic.span.line not in self.lines:
            return None
        if not self.patterns:
            return ""
        for pattern in self.patterns:
            if selected(diagnostic.code, diagnostic.rule, (pattern,), ()):
                return pattern
        return None


def scan(text: str, file: str) -> list[Suppression]:
    """The suppression comments of a file's ``text``. Raises
    :class:`~argmap.config.ConfigFileError` for one that names no rule (``ignore[AM2O1]``,
    ``ignore[]``), located in the file."""
    if "argmap:" not in text:  # most briefs: no comment to look for
        return []
    found: list[Suppression] = []
    checked: set[tuple[str, ...]] = set()  # rule lists known to name rules
    line, line_start, counted = 1, 0, 0
    for directive in _DIRECTIVE.finditer(text):
        # Lines counted as the comments come, so that the whole scan is one pass; with
        # str.count rather than a regular expression for line breaks, and the comments
        # found by their words, 10,000 comments in a 100,000-statement brief took 0.7 s
        # instead of 3.5 s (measured here).
        here = directive.start()
        breaks = text.count("\n", counted, here) + text.count("\r", counted, here)
        breaks -= text.count("\r\n", counted, here)
        if breaks:
            line += breaks
            line_start = max(text.rfind("\n", counted, here), text.rfind("\r", counted, here)) + 1
        counted = here
        opener = _OPENER.search(text, line_start, directive.start())
        if opener is None:
            continue  # the words in a statement's text, not in a comment
        start = opener.start()
        written = text[start : directive.end()]
        column = start - line_start + 1
        span = Span(file, line, column, line, column + len(written) - 1)
        rules = directive.group("rules")
        patterns = () if rules is None else tuple(rules.replace(",", " ").split())
        if rules is not None and patterns not in checked:
            try:
                check_rules(patterns or ("",))
            except ConfigError as error:
                raise ConfigFileError(f"{file}:{line}:{column}: {written}: {error}") from None
            checked.add(patterns)
        if directive.group("kind") == "ignore-file":
            lines: tuple[int, ...] = ()
        elif text[line_start:start].strip():
            lines = (line,)  # after the node: its own line
        else:
            lines = (line, line + 1)  # a line of its own: the next line
        found.append(Suppression(span, lines, patterns))
    return found


def suppressions(amap: ArgumentMap) -> list[Suppression]:
    """The suppression comments of every file a map was read from (a brief, the files it
    includes, the briefs of a folder), in file order."""
    found: list[Suppression] = []
    for name in sorted(amap.sources):
        found.extend(scan(amap.sources[name].text, name))
    return found


@dataclass
class Judgement:
    """The findings no comment silences, and what each comment silenced: the patterns of
    it that silenced something (``""`` for a comment without rules)."""

    kept: list[Diagnostic]
    used: dict[Suppression, set[str]]

    def unused(self, comments: Iterable[Suppression]) -> list[tuple[Suppression, list[str]]]:
        """Each comment that silences less than it says: the patterns that silenced
        nothing (all of them, or ``[""]`` for a comment without rules)."""
        result = []
        for comment in comments:
            used = self.used.get(comment, set())
            idle = [p for p in comment.patterns if p not in used] if comment.patterns else []
            if not comment.patterns and not used:
                idle = [""]
            if idle:
                result.append((comment, idle))
        return result


def judge(diagnostics: Iterable[Diagnostic], comments: list[Suppression]) -> Judgement:
    """Silence the findings that ``comments`` cover."""
    by_place: dict[tuple[str, int], list[Suppression]] = {}
    whole: dict[str, list[Suppression]] = {}
    for comment in comments:
        if comment.whole_file:
            whole.setdefault(comment.span.file, []).append(comment)
        for line in comment.lines:
            by_place.setdefault((comment.span.file, line), []).append(comment)
    kept: list[Diagnostic] = []
    used: dict[Suppression, set[str]] = {}
    for diagnostic in diagnostics:
        span = diagnostic.span
        silenced = False
        if diagnostic.code != SYNTAX_ERROR.code:
            candidates = by_place.get((span.file, span.line), []) + whole.get(span.file, [])
            for comment in candidates:
                pattern = comment.covers(diagnostic)
                if pattern is not None:
                    used.setdefault(comment, set()).add(pattern)
                    silenced = True
        if not silenced:
            kept.append(diagnostic)
    return Judgement(kept, used)
