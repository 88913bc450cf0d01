"""Which rules run and what fails a check: from the command line and front matter."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from argmap.diagnostics import Diagnostic, Severity

__all__ = ["FAIL_ON", "Config", "ConfigError", "check_rules", "selected"]

FAIL_ON = ("error", "warning", "info", "never")


class ConfigError(ValueError):
    """An invalid setting, on the command line or in front matter."""


@dataclass(frozen=True)
class Config:
    """``select``/``ignore`` hold codes, code prefixes (``AM2``) or rule names."""

    select: tuple[str, ...] = ("AM",)
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    standard: str = "evidence"

    def merged(self, settings: Mapping[str, Any]) -> Config:
        """This config with ``settings`` (front matter ``argmap:``) on top."""
        select = _names(settings.get("select"), self.select)
        ignore = _names(settings.get("ignore"), self.ignore)
        fail_on = str(settings.get("fail-on", settings.get("fail_on", self.fail_on)))
        standard = str(settings.get("standard", self.standard))
        return Config(select, ignore, fail_on, standard).validated()

    def validated(self) -> Config:
        if self.fail_on not in FAIL_ON:
            raise ConfigError(f"fail-on must be one of {', '.join(FAIL_ON)}, not {self.fail_on!r}")
        if self.standard not in ("evidence", "dialectical", "round"):
            raise ConfigError(
                f"standard must be 'evidence', 'dialectical' or 'round', not {self.standard!r}"
            )
        check_rules((*self.select, *self.ignore))
        return self

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


def selected(code: str, name: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """Whether a rule runs: the longest matching prefix decides, as in flake8."""
    chosen = _match(select, code, name)
    return chosen >= 0 and chosen > _match(ignore, code, name)
