"""Rule options: what a rule declares it can be told, and what the brief tells it.

A rule module that takes options declares them with their defaults, ``OPTIONS = {"months":
24}``, and documents them in its docstring. They are set where a rule's severity is,
under ``rules:`` in the settings (front matter ``argmap:``)::

    ===
    argmap:
      rules:
        stale-evidence: {months: 12}
    ===

An option keeps the type of its default (an integer stays an integer, a word one of the
words the rule lists in ``CHOICES``); anything else is a
:class:`~argmap.config.ConfigError` that names the rule and the option.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Any

from argmap.config import ConfigError
from argmap.model import ArgumentMap

__all__ = ["option_names", "rule_options"]


def option_names(module: ModuleType) -> frozenset[str]:
    """The options a rule module declares."""
    return frozenset(getattr(module, "OPTIONS", {}))


def rule_options(amap: ArgumentMap, module: ModuleType) -> dict[str, Any]:
    """The options of the rule ``module`` for ``amap``: its defaults, with what the brief's
    front matter ``argmap: {rules: {NAME: {…}}}`` sets on top (by the rule's name or code),
    checked against the defaults' types."""
    defaults: dict[str, Any] = dict(getattr(module, "OPTIONS", {}))
    settings = amap.front_matter.get("argmap")
    table = settings.get("rules") if isinstance(settings, Mapping) else None
    if not isinstance(table, Mapping):
        return defaults
    name, code = module.NAME, module.CODE
    choices: Mapping[str, tuple[str, ...]] = getattr(module, "CHOICES", {})
    for key in (code, name):
        given = table.get(key)
        if not isinstance(given, Mapping):
            continue
        for option, value in given.items():
            if option == "severity":
                continue  # the severity is the configuration's, not the rule's
            if option not in defaults:
                known = ", ".join(["severity", *defaults])
                raise ConfigError(f"rules.{name}: unknown option {option!r} ({name} has: {known})")
            defaults[option] = _checked(name, option, value, defaults[option], choices)
    return defaults


def _checked(
    rule: str, option: str, value: Any, default: Any, choices: Mapping[str, tuple[str, ...]]
) -> Any:
    where = f"rules.{rule}.{option}"
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false, not {value!r}")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ConfigError(f"{where} must be a positive whole number, not {value!r}")
        return value
    allowed = choices.get(option)
    if allowed is not None and value not in allowed:
        raise ConfigError(f"{where} must be one of {', '.join(allowed)}, not {value!r}")
    return str(value)
