"""Rule options: what a rule declares it can be told, and what the brief tells it.

A rule module that takes options declares them with their defaults, ``OPTIONS = {"months":
24}``, and documents them in its docstring. They are set where a rule's severity is,
under ``rules:`` in the settings (front matter ``argmap:``)::

    ===
    argmap:
      rules:
        stale-evidence: {months: 12}
    ===

A configuration file sets them the same way (``[tool.argmap.rules.stale-evidence]
months = 12``, docs/configuration.md); the command line, the front matter and the file
are taken in that order of precedence, as every setting is.

An option keeps the type of its default (an integer stays an integer, a word one of the
words the rule lists in ``CHOICES``); anything else is a
:class:`~argmap.config.ConfigError` that names the rule and the option.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

from argmap.config import ConfigError
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.rules.base import Context

__all__ = ["check_option", "option_names", "rule_options"]


def option_names(module: ModuleType) -> frozenset[str]:
    """The options a rule module declares."""
    return frozenset(getattr(module, "OPTIONS", {}))


def rule_options(source: ArgumentMap | Context, module: ModuleType) -> dict[str, Any]:
    """The options of the rule ``module``: its defaults, with what the settings set on top
    (by the rule's name or code), checked against the defaults' types. ``source`` is the
    rules' :class:`~argmap.rules.base.Context`, whose config holds the settings in force
    (configuration file, front matter, command line), or a map, whose front matter
    ``argmap: {rules: {NAME: {…}}}`` is then all there is."""
    defaults: dict[str, Any] = dict(getattr(module, "OPTIONS", {}))
    for table in _tables(source):
        for key in (module.CODE, module.NAME):
            given = table.get(key)
            if not isinstance(given, Mapping):
                continue
            for option, value in given.items():
                if option == "severity":
                    continue  # the severity is the configuration's, not the rule's
                defaults[option] = check_option(module, option, value)
    return defaults


def _tables(source: ArgumentMap | Context) -> list[Mapping[str, Any]]:
    """The ``rules`` tables that apply, the one that wins last."""
    config = None if isinstance(source, ArgumentMap) else source.config
    if config is not None:
        return [{rule: dict(options)} for rule, options in config.options]
    amap = source if isinstance(source, ArgumentMap) else source.map
    settings = amap.front_matter.get("argmap")
    table = settings.get("rules") if isinstance(settings, Mapping) else None
    return [table] if isinstance(table, Mapping) else []


def check_option(module: ModuleType, option: str, value: Any) -> Any:
    """``value`` of the rule ``module``'s ``option``, checked against its default's type;
    a :class:`~argmap.config.ConfigError` for an option the rule does not declare."""
    name = module.NAME
    defaults: Mapping[str, Any] = getattr(module, "OPTIONS", {})
    if option not in defaults:
        known = ", ".join(["severity", *defaults])
        raise ConfigError(f"rules.{name}: unknown option {option!r} ({name} has: {known})")
    choices: Mapping[str, tuple[str, ...]] = getattr(module, "CHOICES", {})
    return _checked(name, option, value, defaults[option], choices)


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
