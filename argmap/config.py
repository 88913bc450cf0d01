"""Which rules run and what fails a check: from the command line, front matter and
configuration files (read by :mod:`argmap.project`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from argmap.diagnostics import Diagnostic, Severity

__all__ = [
    "FAIL_ON",
    "FLOW_FORMATS",
    "SEVERITIES",
    "Config",
    "ConfigError",
    "ConfigFileError",
    "check_rules",
    "selected",
]

FAIL_ON = ("error", "warning", "info", "never")
FLOW_FORMATS = ("policy", "pf", "ld", "generic")
SEVERITIES = ("error", "warning", "info")


class ConfigError(ValueError):
    """An invalid setting, on the command line or in front matter."""


class ConfigFileError(ConfigError):
    """An invalid setting whose message starts with its place: ``file:line:column:`` (in
    a configuration file, or a brief's suppression comment)."""


@dataclass(frozen=True)
class Config:
    """``select``/``ignore`` hold codes, code prefixes (``AM2``) or rule names.

    ``extend_select`` adds to ``select``; ``severities`` are ``(rule, severity)`` pairs that
    change a rule's severity; ``per_file_ignores`` are ``(glob, rules)`` pairs, the globs
    relative to ``root`` (the folder of the configuration file that set them).
    """

    select: tuple[str, ...] = ("AM",)
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    standard: str = "evidence"
    extend_select: tuple[str, ...] = ()
    severities: tuple[tuple[str, str], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    flow_format: str = "policy"
    root: str | None = None
    # Each layer's options of a rule besides its severity, (rule, ((option, value), …)), in
    # the order of the layers: read by argmap.rules.options, which checks them.
    options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()

    def merged(self, settings: Mapping[str, Any]) -> Config:
        """This config with ``settings`` (front matter ``argmap:``, a configuration file's
        table, the command line) on top. A ``select`` starts the selection again: it drops
        the ``extend-select`` of the settings below it, as in ruff."""
        select = _names(settings.get("select"), self.select)
        extend = () if "select" in settings else self.extend_select
        extend += _names(settings.get("extend-select"), ())
        ignore = _names(settings.get("ignore"), self.ignore)
        fail_on = str(settings.get("fail-on", settings.get("fail_on", self.fail_on)))
        standard = str(settings.get("standard", self.standard))
        flow_format = str(settings.get("flow-format", self.flow_format))
        severities = self.severities + _severities(settings.get("rules"))
        options = self.options + _options(settings.get("rules"))
        per_file = self.per_file_ignores
        root = self.root
        if "per-file-ignores" in settings:
            per_file = _per_file(settings["per-file-ignores"])
            root = settings.get("root", root)
        return replace(
            self,
            select=select,
            ignore=ignore,
            fail_on=fail_on,
            standard=standard,
            extend_select=extend,
            severities=severities,
            per_file_ignores=per_file,
            flow_format=flow_format,
            root=root,
            options=options,
        ).validated()

    def validated(self) -> Config:
        if self.fail_on not in FAIL_ON:
            raise ConfigError(f"fail-on must be one of {', '.join(FAIL_ON)}, not {self.fail_on!r}")
        if self.standard not in ("evidence", "dialectical", "round"):
            raise ConfigError(
                f"standard must be 'evidence', 'dialectical' or 'round', not {self.standard!r}"
            )
        if self.flow_format not in FLOW_FORMATS:
            raise ConfigError(
                f"flow-format must be one of {', '.join(FLOW_FORMATS)}, not {self.flow_format!r}"
            )
        check_rules((*self.select, *self.ignore, *self.extend_select))
        check_rules(pattern for pattern, _severity in self.severities)
        for _glob, patterns in self.per_file_ignores:
            check_rules(patterns)
        return self

    def runs(self, code: str, name: str, *, opt_in: bool = False) -> bool:
        """Whether the rule ``code`` (``name``) runs under this config (see :func:`selected`)."""
        return selected(code, name, (*self.select, *self.extend_select), self.ignore, opt_in)

    def severity(self, code: str, name: str, default: Severity) -> Severity:
        """The severity of a rule's findings: the most specific ``severities`` entry that
        names it (a code or name beats a prefix; a later entry beats an earlier one)."""
        best, chosen = -1, default
        for pattern, severity in self.severities:
            length = _match((pattern,), code, name)
            if length >= 0 and length >= best:
                best, chosen = length, Severity(severity)
        return chosen

    def ignored_in(self, code: str, name: str, file: str) -> bool:
        """Whether ``per_file_ignores`` silence the rule ``code`` in ``file``."""
        if not self.per_file_ignores:
            return False
        from argmap.files import matches

        for glob, patterns in self.per_file_ignores:
            if _match(patterns, code, name) >= 0 and matches(glob, file, self.root):
                return True
        return False

    def fails(self, diagnostics: Iterable[Diagnostic]) -> bool:
        if self.fail_on == "never":
            return False
        threshold = Severity(self.fail_on).rank
        return any(d.severity.rank >= threshold for d in diagnostics)


def check_rules(patterns: Iterable[str]) -> None:
    """Raise :class:`ConfigError` for a pattern that names no rule: not a rule's name, and
    not a rule's code or the start of one (``AM2``). A mistyped code must not silently
    select nothing, so ``AM999``, ``AM2O1`` (a letter O) and an empty string are errors,
    each with the closest codes or names as a suggestion."""
    from argmap.rules import RULES

    names = {rule.name for rule in RULES.values()}
    codes = [rule.code for rule in RULES.values()]
    for pattern in patterns:
        if pattern in names:
            continue
        if pattern and any(code.startswith(pattern.upper()) for code in codes):
            continue
        raise ConfigError(f"unknown rule {pattern!r}{_closest(pattern, codes, names)}")


def _closest(pattern: str, codes: list[str], names: set[str]) -> str:
    import difflib

    if not pattern.strip():
        return ": give a rule code (AM201), a code prefix (AM2) or a name (see `argmap rules`)"
    upper = pattern.upper()
    # A code with letters for digits (AM2O1: a letter O) is read with the digits meant.
    digits = upper.translate(str.maketrans("OIL", "011"))
    close = [code for code in codes if code == digits]
    close += difflib.get_close_matches(upper, codes, n=3, cutoff=0.8)
    close += difflib.get_close_matches(pattern.lower(), sorted(names), n=3, cutoff=0.6)
    unique = list(dict.fromkeys(close))[:3]
    hint = f"; did you mean {' or '.join(unique)}?" if unique else ""
    return f"{hint} (see `argmap rules`)"


def _names(value: Any, default: tuple[str, ...]) -> tuple[str, ...]:
    if value is None:
        return default
    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part]
    if not isinstance(value, list):
        raise ConfigError("select and ignore take a list of rule codes or names")
    return tuple(str(item) for item in value)


def _match(patterns: Iterable[str], code: str, name: str) -> int:
    """Length of the longest pattern that matches (a name counts as a full code)."""
    best = -1
    for pattern in patterns:
        if pattern == name:
            best = max(best, len(code))
        elif code.startswith(pattern.upper()):
            best = max(best, len(pattern))
    return best


def selected(
    code: str, name: str, select: Iterable[str], ignore: Iterable[str], opt_in: bool = False
) -> bool:
    """Whether a rule runs: the longest matching prefix decides, as in flake8.

    A rule that is off unless selected (``opt_in``) needs a pattern that names it more
    closely than ``AM``, the default selection: its code, a longer prefix or its name."""
    chosen = _match(select, code, name)
    if opt_in and chosen <= len("AM"):
        return False
    return chosen >= 0 and chosen > _match(ignore, code, name)


def _severities(value: Any) -> tuple[tuple[str, str], ...]:
    """``(rule, severity)`` pairs from a ``rules`` table: ``{rule: {severity: level}}``."""
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise ConfigError("rules takes a table of rules, each with its options")
    pairs = []
    for rule, options in value.items():
        if not isinstance(options, Mapping):
            raise ConfigError(f"rules.{rule} takes a table of options, such as severity")
        declared = _declared_options(str(rule))
        unknown = sorted(set(options) - {"severity", *declared})
        if unknown:
            has = ", ".join(["severity", *declared])
            raise ConfigError(f"rules.{rule}: unknown option {unknown[0]!r} ({rule} has: {has})")
        if "severity" in options:
            severity = str(options["severity"])
            if severity not in SEVERITIES:
                raise ConfigError(
                    f"rules.{rule}.severity must be one of {', '.join(SEVERITIES)}, "
                    f"not {severity!r}"
                )
            pairs.append((str(rule), severity))
    return tuple(pairs)


def _options(value: Any) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    """Each rule's options besides its severity, from a ``rules`` table (checked by
    :func:`_severities` before)."""
    if not isinstance(value, Mapping):
        return ()
    found = []
    for rule, options in value.items():
        own = tuple((str(k), v) for k, v in options.items() if k != "severity")
        if own:
            found.append((str(rule), own))
    return tuple(found)


def _declared_options(rule: str) -> list[str]:
    """The options besides severity that a rule declares (its module's ``OPTIONS``, read
    and checked by :mod:`argmap.rules.options`)."""
    from argmap.rules import RULE_OPTIONS, rule_named

    found = rule_named(rule)
    return list(RULE_OPTIONS.get(found.code, {})) if found is not None else []


def _per_file(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(glob, rules)`` pairs from a ``per-file-ignores`` table."""
    if not isinstance(value, Mapping):
        raise ConfigError("per-file-ignores takes a table of globs, each with a list of rules")
    return tuple((str(glob), _names(rules, ())) for glob, rules in value.items())
