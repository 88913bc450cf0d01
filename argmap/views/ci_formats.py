"""Findings for CI dashboards and code scanning: SARIF 2.1.0, JUnit XML, and counts per
rule (``--statistics``).

Both reports are deterministic (no timestamps, findings in reading order), so that a
report diffs cleanly between two runs. Messages and file names are data here, as in the
JSON output: XML and JSON escaping keep them intact, and characters XML cannot hold at all
(most controls) are shown as ``<U+XXXX>``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import textwrap
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote

from argmap._version import __version__
from argmap.diagnostics import Diagnostic, Severity
from argmap.rules.base import Rule
from argmap.source import SourceText, Span
from argmap.views.text import MAX_WIDTH

if TYPE_CHECKING:
    from rich.console import Console

    from argmap.config import Config

__all__ = [
    "DOCS_URL",
    "Suite",
    "junit_report",
    "render_report",
    "rule_anchor",
    "rule_url",
    "rules_run",
    "sarif_report",
    "statistics_json",
    "statistics_lines",
]

DOCS_URL = "https://github.com/argmap/argmap/blob/main/docs/rules.md"
"""Where the rules reference (docs/rules.md) is published; each rule has an anchor."""

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class Suite(NamedTuple):
    """One brief as checked: its name, the rules that ran on it, and its findings."""

    name: str
    rules: Sequence[Rule]
    findings: Sequence[Diagnostic]


def rules_run(config: Config) -> list[Rule]:
    """The rules that run under ``config``: the reader's, and those selected (a rule that
    is off by default only when selected by name, code or a prefix longer than ``AM``)."""
    from argmap.rules import RULES

    return [
        rule
        for rule in RULES.values()
        if config.runs(rule.code, rule.name, opt_in=rule.check is not None and not rule.default)
    ]


def rule_anchor(rule: Rule) -> str:
    """The anchor of the rule's heading in docs/rules.md (``## AM201 `unsupported-claim```),
    as GitHub makes it: lower case, punctuation other than ``-`` dropped, spaces as ``-``."""
    heading = f"{rule.code} {rule.name}".lower()
    return re.sub(r"[^a-z0-9 _-]", "", heading).replace(" ", "-")


def rule_url(rule: Rule) -> str:
    """The rule's documentation on the web."""
    return f"{DOCS_URL}#{rule_anchor(rule)}"


def _doc_parts(rule: Rule) -> tuple[str, str]:
    """The first line of the rule's docstring without its ``name:`` prefix, and the rest."""
    title, _, body = rule.doc.strip().partition("\n")
    title = title.split(":", 1)[-1].strip()
    return title[:1].upper() + title[1:], textwrap.dedent(body).strip()


# -- SARIF ---------------------------------------------------------------------------------


def sarif_report(diagnostics: Sequence[Diagnostic], rules: Iterable[Rule]) -> str:
    """A SARIF 2.1.0 log of one run, as GitHub code scanning reads it.

    ``rules`` are described in ``tool.driver.rules`` (every rule, whether or not it found
    something, so that the dashboard can show their help). Each result names its rule,
    its level, its message and its place: the file as a URI relative to the folder the
    check ran in, and the region's lines and columns (columns count code points, hence
    ``columnKind``; SARIF's ``endColumn`` is the column *after* the region, one more than
    our inclusive end). ``partialFingerprints`` lets code scanning follow a finding while
    lines are added above it: see :func:`_fingerprints`.
    """
    described = list(rules)
    index = {rule.code: position for position, rule in enumerate(described)}
    results = []
    for diagnostic, fingerprint in zip(diagnostics, _fingerprints(diagnostics), strict=True):
        result: dict[str, object] = {
            "ruleId": diagnostic.code,
            "level": _SARIF_LEVELS[diagnostic.severity],
            "message": {"text": diagnostic.message},
            "locations": [_location(diagnostic.span)],
            "partialFingerprints": {"argmapFindingHash/v1": fingerprint},
        }
        if diagnostic.code in index:
            result["ruleIndex"] = index[diagnostic.code]
        if diagnostic.related:
            result["relatedLocations"] = [
                {"id": number, **_location(span)}
                for number, span in enumerate(diagnostic.related, start=1)
            ]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "argmap",
                        "version": __version__,
                        "informationUri": DOCS_URL,
                        "rules": [_sarif_rule(rule) for rule in described],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_rule(rule: Rule) -> dict[str, object]:
    title, body = _doc_parts(rule)
    url = rule_url(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": title},
        "help": {"text": f"{title}\n\n{body}".strip() + f"\n\nSee {url}"},
        "helpUri": url,
        "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
        "properties": {"tags": ["argmap", rule.name]},
    }


def _uri(file: str) -> str:
    """A file as a URI: relative to the current folder when it is inside it (code
    scanning resolves it against the repository's root, where CI runs), with forward
    slashes and reserved characters percent-encoded; a ``file:`` URI when it is outside."""
    from pathlib import Path

    if file.startswith("<"):  # standard input, "<stdin>": a name, not a path
        return quote(file, safe="")
    full = os.path.abspath(file)
    relative = os.path.relpath(full)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return Path(full).as_uri()
    return quote(relative.replace(os.sep, "/"), safe="/")


def _location(span: Span) -> dict[str, object]:
    end_line = max(span.end_line, span.line)
    # Our end column is inclusive, SARIF's is the column after the region; a region on
    # one line covers at least one character.
    end_column = max(span.end_column, span.column if end_line == span.line else 1) + 1
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(span.file)},
            "region": {
                "startLine": span.line,
                "startColumn": span.column,
                "endLine": end_line,
                "endColumn": end_column,
            },
        }
    }


_NUMBERS = re.compile(r"\d+")


def _fingerprints(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """A fingerprint for each finding that lines added or removed elsewhere leave alone.

    It hashes the file, the rule's code and what the finding is about — the node's id,
    which is its title, or for a finding without a node its message with numbers taken
    out (messages may cite line numbers) — and the finding's rank among findings with the
    same key, so that two alike findings stay apart. Line and column are left out on
    purpose: they change whenever text is added above."""
    seen: Counter[str] = Counter()
    prints = []
    for diagnostic in diagnostics:
        about = diagnostic.node or _NUMBERS.sub("#", diagnostic.message)
        key = "\0".join((diagnostic.span.file, diagnostic.code, about))
        occurrence = seen[key]
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\0{occurrence}".encode()).hexdigest()
        prints.append(digest[:32])
    return prints


# -- JUnit ---------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)


def junit_report(suites: Sequence[Suite]) -> str:
    """JUnit XML as CI dashboards (Jenkins, GitLab, Azure, the test-report actions) read
    it: a ``<testsuite>`` per brief, a ``<testcase>`` per rule that ran on it, passing when
    the rule found nothing there and failing with one ``<failure>`` per finding
    otherwise (its message, and ``path:line:col`` with the message in the body)."""
    # Imported here: xml.sax.saxutils imports urllib.request, which takes longer to load
    # than the rest of a check on a small brief.
    from xml.sax.saxutils import escape, quoteattr

    total = sum(len(suite.rules) for suite in suites)
    failed = sum(_failing_cases(suite) for suite in suites)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="argmap" tests="{total}" failures="{failed}" errors="0">',
    ]
    for suite in suites:
        by_code: dict[str, list[Diagnostic]] = {}
        for diagnostic in suite.findings:
            by_code.setdefault(diagnostic.code, []).append(diagnostic)
        name = quoteattr(_xml_text(suite.name))
        lines.append(
            f"  <testsuite name={name} tests={_count(len(suite.rules))} "
            f'failures={_count(_failing_cases(suite))} errors="0" skipped="0">'
        )
        for rule in suite.rules:
            case = quoteattr(_xml_text(f"{rule.code} {rule.name}"))
            found = by_code.get(rule.code, [])
            if not found:
                lines.append(f"    <testcase classname={name} name={case}/>")
                continue
            lines.append(f"    <testcase classname={name} name={case}>")
            for diagnostic in found:
                span = diagnostic.span
                message = _xml_text(diagnostic.message)
                where = _xml_text(f"{span.file}:{span.line}:{span.column}")
                lines.append(
                    f"      <failure message={quoteattr(message)} "
                    f'type="{diagnostic.severity.value}">'
                    f"{escape(f'{where}: {diagnostic.severity.value} {diagnostic.code} {message}')}"
                    "</failure>"
                )
            lines.append("    </testcase>")
        lines.append("  </testsuite>")
    lines.append("</testsuites>")
    return "\n".join(lines) + "\n"


def _count(number: int) -> str:
    return f'"{number}"'


def _failing_cases(suite: Suite) -> int:
    codes = {diagnostic.code for diagnostic in suite.findings}
    return sum(1 for rule in suite.rules if rule.code in codes)


# -- statistics ----------------------------------------------------------------------------


def _counted(diagnostics: Iterable[Diagnostic]) -> list[tuple[str, str, int]]:
    """(code, rule name, count) for every rule with a finding: most findings first."""
    counts = Counter((d.code, d.rule) for d in diagnostics)
    return sorted(
        ((code, rule, count) for (code, rule), count in counts.items()),
        key=lambda item: (-item[2], item[0]),
    )


def statistics_lines(diagnostics: Iterable[Diagnostic]) -> str:
    """``--statistics``: one line per rule with findings, ``count  CODE  name``, most
    findings first (as ruff prints them)."""
    counted = _counted(diagnostics)
    width = max((len(str(count)) for _, _, count in counted), default=1)
    return "".join(f"{count:>{width}}  {code}  {rule}\n" for code, rule, count in counted)


def statistics_json(diagnostics: Iterable[Diagnostic]) -> str:
    """``--statistics --format json``: ``[{"code", "rule", "count"}, …]``."""
    rows = [{"code": c, "rule": r, "count": n} for c, r, n in _counted(diagnostics)]
    return json.dumps(rows, indent=2) + "\n"


# -- one report ----------------------------------------------------------------------------


def render_report(
    output_format: str,
    diagnostics: Sequence[Diagnostic],
    *,
    sources: dict[str, SourceText] | None = None,
    suites: Sequence[Suite] = (),
    explanations: dict[Diagnostic, list[str]] | None = None,
    statistics: bool = False,
) -> str:
    """The text of ``argmap check``'s report in ``output_format`` (pretty as it is shown
    without colour), or with ``statistics`` the counts per rule instead of the findings."""
    if statistics:
        if output_format == "json":
            return statistics_json(diagnostics)
        return statistics_lines(diagnostics)
    if output_format == "sarif":
        from argmap.rules import RULES

        return sarif_report(diagnostics, RULES.values())
    if output_format == "junit":
        return junit_report(suites)
    if output_format == "json":
        from argmap.exporters.json import diagnostics_to_json

        return diagnostics_to_json(list(diagnostics), explanations)
    from argmap.views.diagnostics import github_line, parsable_line, render_plain

    if output_format == "pretty":
        import io

        buffer = io.StringIO()
        explained = explanations or {}
        by_index = {i: explained[d] for i, d in enumerate(diagnostics) if d in explained}
        render_plain(buffer, _plain_console, diagnostics, sources or {}, by_index)
        return buffer.getvalue()
    line = github_line if output_format == "github" else parsable_line
    return "".join(line(diagnostic) + "\n" for diagnostic in diagnostics)


def _plain_console() -> Console:
    import io

    from rich.console import Console

    return Console(file=io.StringIO(), width=MAX_WIDTH, no_color=True, color_system=None)
