"""Checking a brief: the reader's findings and every selected rule, sorted."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from argmap.config import Config, ConfigError, check_rules, selected
from argmap.diagnostics import Diagnostic, Severity, sort_diagnostics
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.evaluate import Evaluation

__all__ = ["check", "effective_config", "run_rules"]


def check(
    amap: ArgumentMap,
    *,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] | None = None,
    standard: str | None = None,
    config: Config | None = None,
) -> list[Diagnostic]:
    """Every finding about a brief, in reading order (file, line, column).

    Settings come from ``config`` (default: every rule, the evidence standard), then the
    brief's front matter ``argmap:`` block, then the keyword arguments.

    >>> import argmap
    >>> amap = argmap.loads("[T]: Uniforms. #thesis\\n  + [Survey]: Less teasing. #evidence")
    >>> [d.rule for d in check(amap)]
    ['missing-citation']
    """
    settings = effective_config(amap, config)
    overrides: dict[str, Any] = {}
    if select is not None:
        overrides["select"] = list(select)
    if ignore is not None:
        overrides["ignore"] = list(ignore)
    if standard is not None:
        overrides["standard"] = standard
    if overrides:
        settings = settings.merged(overrides)
    return run_rules(amap, settings)


def effective_config(amap: ArgumentMap, config: Config | None = None) -> Config:
    """``config`` with the brief's front matter ``argmap:`` settings on top."""
    base = config or Config()
    front = amap.front_matter.get("argmap")
    try:
        if isinstance(front, dict):
            _check_keys(front)
        result = base.merged(front) if isinstance(front, dict) else base.validated()
    except ConfigError as error:
        raise ConfigError(f"front matter argmap: {error}") from None
    _check_node_ignores(amap)
    return result


# The settings a brief's front matter may give (exclude and per-file-ignores are about
# other files: a configuration file's). fail_on is an older spelling of fail-on.
FRONT_MATTER_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "standard",
    "fail-on",
    "fail_on",
    "flow-format",
    "rules",
)


def _check_keys(settings: dict[Any, Any]) -> None:
    """A key the front matter's ``argmap:`` does not know is an error, as in a
    configuration file: a misspelt ``selct`` must not be silently ignored."""
    import difflib

    for key in settings:
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(str(key), FRONT_MATTER_KEYS, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            known = ", ".join(k for k in FRONT_MATTER_KEYS if k != "fail_on")
            raise ConfigError(f"unknown key {key!r}{hint} (keys: {known})")


def _check_node_ignores(amap: ArgumentMap) -> None:
    """A node's ``{ignore: [...]}`` must name rules too: a typo there would silently keep
    a finding the writer meant to silence (or, worse, hide that nothing is silenced)."""
    for node in amap.nodes:
        ignore = node.data.get("ignore") if node.data else None
        if ignore is None:
            continue
        span = node.span
        where = f"{span.line}:{span.column}: [{node.title}] {{ignore: …}}"
        names = _ignored(ignore)
        if names is None:
            raise ConfigError(f"{where}: takes a list of rule codes or names")
        try:
            check_rules(names)
        except ConfigError as error:
            raise ConfigError(f"{where}: {error}") from None


def _ignored(ignore: object) -> list[str] | None:
    """The rule patterns of a node's ``{ignore: …}`` value: one, or a list; None if it is
    neither."""
    names = [ignore] if isinstance(ignore, str) else ignore
    return [str(name) for name in names] if isinstance(names, list) else None


def run_rules(
    amap: ArgumentMap, config: Config, evaluation: Evaluation | None = None
) -> list[Diagnostic]:
    """The reader's findings and those of every rule ``config`` selects, sorted, at the
    severities ``config`` gives them, without those that ``per-file-ignores`` or the
    brief's suppression comments (:mod:`argmap.suppress`) silence.

    ``evaluation``, if given, must be ``evaluate(amap, config.standard)``: the rules use
    it instead of evaluating the map again.
    """
    from argmap.evaluate import Standard
    from argmap.rules import RULES, Context
    from argmap.suppress import judge, suppressions

    context = Context(amap, Standard(config.standard), evaluation)
    context.config = config
    found: list[Diagnostic] = []
    for diagnostic in amap.diagnostics:
        if config.runs(diagnostic.code, diagnostic.rule):
            found.append(_configured(diagnostic, config, diagnostic.severity))
    # Rules that judge the others' findings (default off: unused-suppression) run last.
    later = []
    for rule in RULES.values():
        if rule.check is None or not config.runs(rule.code, rule.name, opt_in=not rule.default):
            continue
        if not rule.default:
            later.append(rule)
            continue
        for finding in rule.check(context):
            diagnostic = rule.diagnostic(finding)
            if not _suppressed(amap, diagnostic):
                found.append(_configured(diagnostic, config, rule.severity))
    found = [d for d in found if not config.ignored_in(d.code, d.rule, d.span.file)]
    comments = suppressions(amap)
    if comments:
        context.reported = found
        found = judge(found, comments).kept
    for rule in later:
        assert rule.check is not None
        found.extend(
            _configured(rule.diagnostic(f), config, rule.severity) for f in rule.check(context)
        )
    return sort_diagnostics(found)


def _configured(diagnostic: Diagnostic, config: Config, default: Severity) -> Diagnostic:
    """``diagnostic`` at the severity ``config`` gives its rule."""
    severity = config.severity(diagnostic.code, diagnostic.rule, default)
    return diagnostic if severity is diagnostic.severity else replace(diagnostic, severity=severity)


def _suppressed(amap: ArgumentMap, diagnostic: Diagnostic) -> bool:
    """A node's data ``{ignore: [rule, …]}`` silences those rules on that node."""
    if diagnostic.node is None or diagnostic.node not in amap:
        return False
    ignore = amap.node(diagnostic.node).data.get("ignore")
    names = None if ignore is None else _ignored(ignore)
    return names is not None and selected(diagnostic.code, diagnostic.rule, names, [])
