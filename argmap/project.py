"""A team's settings in a configuration file, found as ruff finds its own.

For each brief, argmap looks in the brief's folder and then in each folder above it, up
to the repository's root (the folder that holds ``.git``), for the first of
``.argmap.toml``, ``argmap.toml`` and a ``pyproject.toml`` with a ``[tool.argmap]``
table; the nearest one wins, and only that one is read (a ``pyproject.toml`` without the
table is passed over). ``--config PATH`` names the file instead; ``--isolated`` reads none.

Settings are taken in this order, each on top of the one before (docs/configuration.md)::

    defaults < configuration file < the brief's front matter (argmap:) < command line

A key or rule code the file does not know is an error that names the file, line and
column: ``tomllib`` keeps no places, so :func:`key_place` finds the line in the text.

>>> text = 'name = "x"\\n\\n[tool.argmap]\\nselct = ["AM2"]\\n'
>>> key_place(text, ("tool", "argmap", "selct"))
(4, 1)
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from argmap.config import SEVERITIES, Config, ConfigError, ConfigFileError, check_rules

if TYPE_CHECKING:
    from argmap.analysis import Analysis, Settings
    from argmap.model import ArgumentMap

__all__ = [
    "CONFIG_NAMES",
    "KEYS",
    "ConfigFile",
    "Discovery",
    "Origin",
    "Project",
    "describe",
    "find_config",
    "iter_rules_in_force",
    "key_place",
    "read_config",
    "settings_in_force",
]

CONFIG_NAMES = (".argmap.toml", "argmap.toml", "pyproject.toml")
KEYS = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "standard",
    "fail-on",
    "flow-format",
    "exclude",
    "respect-gitignore",
    "rules",
)
_RULE_LISTS = ("select", "extend-select", "ignore")
_STRINGS = ("standard", "fail-on", "flow-format")


@dataclass(frozen=True)
class ConfigFile:
    """A configuration file's ``argmap`` table, with the text it was read from (to place
    a key in its lines) and the keys' path in the file (``tool.argmap`` in pyproject)."""

    path: str
    table: dict[str, Any]
    text: str
    prefix: tuple[str, ...] = ()

    @property
    def folder(self) -> str:
        """The folder that the file's globs (``exclude``, ``per-file-ignores``) are
        relative to: the file's own."""
        return os.path.dirname(os.path.abspath(self.path))

    @property
    def exclude(self) -> tuple[str, ...]:
        return tuple(self.table.get("exclude", ()))

    @property
    def respect_gitignore(self) -> bool:
        return bool(self.table.get("respect-gitignore", True))

    def settings(self) -> dict[str, Any]:
        """The table as settings for :meth:`Config.merged` (``exclude`` and
        ``respect-gitignore`` are for searching folders, not for a brief)."""
        searching = ("exclude", "respect-gitignore")
        settings = {key: value for key, value in self.table.items() if key not in searching}
        if "per-file-ignores" in settings:
            settings["root"] = self.folder
        return settings

    def config(self, base: Config | None = None) -> Config:
        return (base or Config()).merged(self.settings())

    def where(self, *keys: str) -> str:
        """``file:line`` of a key (``where("rules", "orphan", "severity")``)."""
        line, _column = key_place(self.text, (*self.prefix, *keys)) or (1, 1)
        return f"{self.path}:{line}"


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The configuration file for briefs in folder ``start``: the nearest, looking up to
    the repository's root (or the file system's, outside a repository)."""
    folder = Path(os.path.abspath(start))
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_table(path)):
                return path
        if (candidate / ".git").exists():
            return None
    return None


def _has_table(path: Path) -> bool:
    """Whether a ``pyproject.toml`` has a ``[tool.argmap]`` table; a file that is not
    TOML counts as having one, so that reading it reports the error."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "argmap" not in text:
        return False
    try:
        data = _toml(text)
    except ValueError:
        return True
    tool = data.get("tool")
    return isinstance(tool, dict) and "argmap" in tool


def _toml(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10: the same module, from PyPI
        import tomli as tomllib
    data: dict[str, Any] = tomllib.loads(text)
    return data


def read_config(path: str | os.PathLike[str]) -> ConfigFile:
    """Read and check a configuration file. Raises :class:`ConfigError` with the file,
    line and column of what is wrong: TOML it cannot read, a key or rule it does not know,
    a value of the wrong kind."""
    name = os.fspath(path)
    try:
        text = Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigFileError(f"{name}: no such configuration file") from None
    except UnicodeDecodeError:
        raise ConfigFileError(f"{name}: the configuration file is not UTF-8") from None
    except OSError as error:
        raise ConfigFileError(f"{name}: cannot read: {error.strerror or error}") from None
    try:
        data = _toml(text)
    except ValueError as error:
        message = str(error)
        place = re.search(r"\(at line (\d+), column (\d+)\)$", message)
        where = f"{name}:{place.group(1)}:{place.group(2)}" if place else name
        reason = message[: place.start()].strip() if place else message
        raise ConfigFileError(f"{where}: invalid TOML: {reason}") from None
    prefix: tuple[str, ...] = ()
    table: Any = data
    if Path(name).name == "pyproject.toml":
        prefix = ("tool", "argmap")
        tool = data.get("tool")
        table = tool.get("argmap") if isinstance(tool, dict) else None
        if table is None:
            raise ConfigFileError(f"{name}: has no [tool.argmap] table")
        if not isinstance(table, dict):
            raise ConfigFileError(f"{_at(text, name, prefix)}: tool.argmap must be a table")
    found = ConfigFile(name, table, text, prefix)
    _Checker(found).check()
    return found


def _at(text: str, name: str, keys: tuple[str, ...], value: str | None = None) -> str:
    line, column = key_place(text, keys, value) or (1, 1)
    return f"{name}:{line}:{column}"


class _Checker:
    """Checks a configuration file's table, each problem raised at its place."""

    def __init__(self, found: ConfigFile) -> None:
        self.found = found

    def fail(self, keys: tuple[str, ...], message: str, value: str | None = None) -> NoReturn:
        found = self.found
        where = _at(found.text, found.path, (*found.prefix, *keys), value)
        raise ConfigFileError(f"{where}: {message}")

    def rules(self, keys: tuple[str, ...], value: Any) -> None:
        """A list of rule patterns, each of them a rule's code, prefix or name."""
        if not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
            self.fail(keys, f'{".".join(keys)} takes a list of rules, such as ["AM2"]')
        for item in value:
            self.rule(keys, item, value=item)

    def rule(self, keys: tuple[str, ...], pattern: str, value: str | None = None) -> None:
        try:
            check_rules([pattern])
        except ConfigError as error:
            self.fail(keys, str(error), value)

    def check(self) -> None:
        import difflib

        table = self.found.table
        shown = ".".join(self.found.prefix)
        for key, value in table.items():
            if key not in KEYS:
                close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else f" (keys: {', '.join(KEYS)})"
                place = f" in [{shown}]" if shown else ""
                self.fail((key,), f"unknown key {key!r}{place}{hint}")
            if key in _RULE_LISTS:
                self.rules((key,), value)
            elif key == "exclude" and not (
                isinstance(value, list) and all(isinstance(item, str) for item in value)
            ):
                self.fail((key,), 'exclude takes a list of globs, such as ["drafts/"]')
            elif key in _STRINGS and not isinstance(value, str):
                self.fail((key,), f"{key} takes a string")
            elif key == "respect-gitignore" and not isinstance(value, bool):
                self.fail((key,), "respect-gitignore takes true or false")
            elif key == "per-file-ignores":
                if not isinstance(value, dict):
                    self.fail((key,), "per-file-ignores takes a table: a glob = a list of rules")
                for glob, rules in value.items():
                    self.rules((key, glob), rules)
            elif key == "rules":
                self.rule_options(value)
        try:
            self.found.config()
        except ConfigError as error:
            # A value of the right kind that is not allowed (standard = "strict").
            known = next((k for k in _STRINGS if k in table and str(error).startswith(k)), None)
            self.fail((known,) if known else (), str(error))

    def option(self, rule: str, option: str, value: Any) -> None:
        """A rule's own option (argmap.rules.options), checked as the rule checks it."""
        from argmap.rules import RULE_MODULES, rule_named
        from argmap.rules.options import check_option

        found = rule_named(rule)
        module = RULE_MODULES.get(found.code) if found is not None else None
        if module is None:  # a prefix, or a rule of the reader: a severity only
            self.fail(
                ("rules", rule, option),
                f"rules.{rule}: unknown option {option!r} (options: severity)",
            )
        try:
            check_option(module, option, value)
        except ConfigError as error:
            self.fail(("rules", rule, option), str(error))

    def rule_options(self, value: Any) -> None:
        if not isinstance(value, dict):
            self.fail(("rules",), "rules takes a table with a table for each rule")
        for rule, options in value.items():
            self.rule(("rules", rule), rule)
            if not isinstance(options, dict):
                self.fail(("rules", rule), f"rules.{rule} takes a table of options: severity")
            for option, setting in options.items():
                if option != "severity":
                    self.option(rule, option, setting)
                elif setting not in SEVERITIES:
                    self.fail(
                        ("rules", rule, option),
                        f"rules.{rule}.severity must be one of {', '.join(SEVERITIES)}, "
                        f"not {setting!r}",
                    )


_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r"\"(?:[^\"\\]|\\.)*\"|'[^']*'"
_KEY = rf"(?:{_BARE}|{_QUOTED})(?:\s*\.\s*(?:{_BARE}|{_QUOTED}))*"
_HEADER = re.compile(rf"^(\s*)\[\[?\s*({_KEY})\s*\]\]?\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(rf"^(\s*)({_KEY})\s*=")
_PART = re.compile(rf"{_BARE}|{_QUOTED}")


def _key_parts(dotted: str) -> tuple[str, ...]:
    return tuple(part[1:-1] if part[:1] in "\"'" else part for part in _PART.findall(dotted))


def key_place(text: str, keys: tuple[str, ...], value: str | None = None) -> tuple[int, int] | None:
    """The 1-based line and column where the TOML ``text`` sets ``keys`` (a header
    ``[a.b]``, an assignment ``b = …`` under ``[a]``, a dotted ``a.b = …``, or a key in an
    inline table ``a = {b = …}``); with ``value``, where that string is written in it. The
    nearest enclosing key's place if ``keys`` is not written as such; None if none is."""
    table: tuple[str, ...] = ()
    best: tuple[int, int] | None = None
    best_length = 0
    lines = text.splitlines()
    in_string = False
    for number, line in enumerate(lines, 1):
        # Lines inside a multi-line string are text, not keys.
        if line.count('"""') % 2 or line.count("'''") % 2:
            in_string = not in_string
            if not in_string:
                continue
        elif in_string:
            continue
        header = _HEADER.match(line)
        if header:
            table = _key_parts(header.group(2))
            full, column = table, len(header.group(1)) + 1
        else:
            assignment = _ASSIGNMENT.match(line)
            if assignment is None:
                continue
            full, column = table + _key_parts(assignment.group(2)), len(assignment.group(1)) + 1
        common = 0
        while common < min(len(full), len(keys)) and full[common] == keys[common]:
            common += 1
        if common == len(keys):
            return _value_place(lines, number, column, value)
        if common == len(full) and common > best_length:
            best, best_length = (number, column), common
            if not header:
                # An inline table: the rest of the keys are written in it, further on.
                inner = _inline_key(lines, number, keys[common:])
                if inner is not None:
                    return _value_place(lines, *inner, value)
    return best


def _inline_key(lines: list[str], number: int, keys: tuple[str, ...]) -> tuple[int, int] | None:
    """Where the last of ``keys`` is written as a key, from line ``number`` on (an inline
    table may run over several lines, in a TOML array of tables)."""
    name = keys[-1]
    pattern = re.compile(r"(?<![\w-])(?:" + re.escape(name) + r"|\"" + re.escape(name) + r"\")\s*=")
    for index in range(number - 1, min(len(lines), number + 50)):
        start = lines[index].find("=") + 1 if index == number - 1 else 0
        found = pattern.search(lines[index], start)
        if found:
            return index + 1, found.start() + 1
    return None


def _value_place(lines: list[str], number: int, column: int, value: str | None) -> tuple[int, int]:
    if value is None:
        return number, column
    for quote in ('"', "'"):
        written = f"{quote}{value}{quote}"
        for index in range(number - 1, min(len(lines), number + 200)):
            found = lines[index].find(written)
            if found >= 0:
                return index + 1, found + 1
    return number, column


@dataclass
class Discovery:
    """Finds and reads the configuration file of each brief, each file once.

    ``path`` names one file for every brief (``--config``); ``isolated`` reads none.
    """

    path: str | None = None
    isolated: bool = False
    _folders: dict[str, Path | None] = field(default_factory=dict)
    _files: dict[Path, ConfigFile] = field(default_factory=dict)

    def for_brief(self, brief: str) -> ConfigFile | None:
        """The configuration file for ``brief`` (a file, a folder, or ``-``: the current
        folder's)."""
        if self.isolated:
            return None
        if self.path is not None:
            return self._read(Path(self.path))
        folder: str
        if brief == "-":
            folder = os.getcwd()
        elif os.path.isdir(brief):
            folder = os.path.abspath(brief)
        else:
            folder = os.path.dirname(os.path.abspath(brief))
        if folder not in self._folders:
            self._folders[folder] = find_config(folder)
        found = self._folders[folder]
        return None if found is None else self._read(found)

    def _read(self, path: Path) -> ConfigFile:
        if path not in self._files:
            self._files[path] = read_config(path)
        return self._files[path]


@dataclass(frozen=True)
class Origin:
    """One setting in force, its value as TOML, and where it was set."""

    key: str
    value: str
    source: str


def settings_in_force(
    file: ConfigFile | None,
    front: Mapping[str, Any] | None,
    front_name: str,
    command_line: Mapping[str, Any],
) -> tuple[Config, list[Origin]]:
    """The settings for a brief, layer by layer (defaults, ``file``, the brief's front
    matter ``front``, ``command_line``), and where each one in force was set."""
    layers: list[tuple[Mapping[str, Any], Any]] = []
    if file is not None:
        layers.append((file.settings(), file.where))
    if front:
        layers.append((front, lambda *_keys: f"front matter of {front_name}"))
    if command_line:
        layers.append((command_line, lambda *_keys: "command line"))
    config = Config()
    sources: dict[str, str] = {}
    for settings, where in layers:
        config = config.merged(settings)
        for key, value in settings.items():
            if key == "rules" and isinstance(value, Mapping):
                for rule, options in value.items():
                    for option in options if isinstance(options, Mapping) else ():
                        sources[f"rules.{rule}.{option}"] = where("rules", rule, option)
            elif key in KEYS:
                sources[key] = where(key)
        if "select" in settings and "extend-select" not in settings:
            sources.pop("extend-select", None)  # a select starts the selection again
    exclude = list(file.exclude) if file is not None else []
    exclude += list(command_line.get("exclude", ()))
    values: dict[str, Any] = {
        "select": list(config.select),
        "extend-select": list(config.extend_select),
        "ignore": list(config.ignore),
        "standard": config.standard,
        "fail-on": config.fail_on,
        "flow-format": config.flow_format,
        "exclude": exclude,
        "respect-gitignore": file.respect_gitignore if file is not None else True,
        "per-file-ignores": {glob: list(rules) for glob, rules in config.per_file_ignores},
    }
    origins = [Origin(k, _toml_value(v), sources.get(k, "default")) for k, v in values.items()]
    if (file is not None and file.exclude) or "exclude" in command_line:
        at = next(i for i, origin in enumerate(origins) if origin.key == "exclude")
        origins[at] = Origin("exclude", origins[at].value, _exclude_source(file, command_line))
    if file is not None and "respect-gitignore" in file.table:
        at = next(i for i, origin in enumerate(origins) if origin.key == "respect-gitignore")
        origins[at] = Origin(
            "respect-gitignore", origins[at].value, file.where("respect-gitignore")
        )
    # Each rule's settings, the last layer's value of each.
    rules: dict[str, Any] = {f"rules.{rule}.severity": level for rule, level in config.severities}
    for rule, options in config.options:
        rules.update((f"rules.{rule}.{option}", value) for option, value in options)
    for key, value in rules.items():
        origins.append(Origin(key, _toml_value(value), sources.get(key, "default")))
    return config, origins


def _exclude_source(file: ConfigFile | None, command_line: Mapping[str, Any]) -> str:
    """Where the patterns of ``exclude`` come from: they add up, file and command line."""
    places = [file.where("exclude")] if file is not None and file.exclude else []
    if "exclude" in command_line:
        places.append("command line")
    return " and ".join(places)


def _toml_value(value: Any) -> str:
    """A value written as TOML: strings quoted, lists and tables inline."""
    import json

    if isinstance(value, dict):
        inner = ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{" + inner + "}" if inner else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def iter_rules_in_force(config: Config) -> Iterator[tuple[str, str, str]]:
    """``(code, name, severity)`` of every rule that runs under ``config``."""
    from argmap.rules import RULES

    for rule in RULES.values():
        if config.runs(rule.code, rule.name, opt_in=not rule.default):
            yield rule.code, rule.name, config.severity(rule.code, rule.name, rule.severity).value


@dataclass
class Project:
    """The briefs a command reads and the settings of each: where configuration files are
    looked for (``discovery``), the command line's ``exclude`` patterns, and the name of
    standard input (``stdin_filename``: in findings, and where its settings are found)."""

    discovery: Discovery = field(default_factory=Discovery)
    exclude: tuple[str, ...] = ()
    stdin_filename: str | None = None

    def config_file(self, brief: str) -> ConfigFile | None:
        """The configuration file in force for ``brief`` (raises :class:`ConfigFileError`)."""
        if brief == "-" and self.stdin_filename is not None:
            brief = self.stdin_filename
        return self.discovery.for_brief(brief)

    def config(self, brief: str) -> Config | None:
        """The settings ``brief``'s configuration file gives, if it has one."""
        found = self.config_file(brief)
        return None if found is None else found.config()

    def briefs(self, paths: Sequence[str], *, argdown_only: bool = False) -> list[str]:
        """The briefs that ``paths`` name (see :func:`argmap.files.collect`), searched with
        the ``exclude`` patterns of each path's configuration file and of the command
        line. Raises :class:`~argmap.files.FilesError` for a glob that matches nothing."""
        from argmap.files import collect

        found: list[str] = []
        for path in paths:
            patterns: list[tuple[str, str | None]] = [(p, None) for p in self.exclude]
            file = None if path == "-" else self.config_file(path if os.path.isdir(path) else ".")
            if file is not None:
                patterns += [(pattern, file.folder) for pattern in file.exclude]
            respect = file.respect_gitignore if file is not None else True
            found += collect([path], patterns, respect_gitignore=respect, argdown_only=argdown_only)
        return list(dict.fromkeys(found))

    def load(self, brief: str) -> ArgumentMap:
        """``brief`` read: a folder as one map (:mod:`argmap.folder_map`), a file, or
        standard input under ``stdin_filename``. Raises
        :class:`~argmap.loader.BriefError` for a brief that cannot be read, and for a
        folder that holds none."""
        if os.path.isdir(brief):
            from argmap.folder_map import load_folder
            from argmap.loader import BriefError

            briefs = self.briefs([brief])
            if not briefs:
                raise BriefError(
                    f"{brief}: a folder without briefs (*.argdown, *.ad, or Markdown with "
                    "```argdown blocks, outside .gitignore and exclude)"
                )
            return load_folder(brief, briefs)
        from argmap.loader import load

        return load(brief, name=self.stdin_filename)

    def analyse(
        self, brief: str, settings: Settings | None = None, *, rules: bool = True
    ) -> Analysis:
        """:func:`argmap.analysis.analyse` of ``brief`` (a file, a folder read as one map,
        ``-``), on top of its configuration file's settings."""
        from argmap.analysis import analyse

        config = self.config(brief)
        return analyse(self.load(brief), settings, rules=rules, config=config)

    def analyse_together(self, briefs: Sequence[str], settings: Settings | None = None) -> Analysis:
        """The ``briefs`` read as one map (:mod:`argmap.folder_map`), named after the
        folder that holds them all, with that folder's configuration."""
        from argmap.analysis import analyse
        from argmap.folder_map import load_folder

        folders = [os.path.dirname(os.path.abspath(brief)) for brief in briefs]
        common = os.path.commonpath(folders) if folders else os.getcwd()
        name = os.path.relpath(common)
        return analyse(load_folder(name, briefs), settings, config=self.config(name))


def describe(
    brief: str | None, file: ConfigFile | None, config: Config, origins: list[Origin]
) -> str:
    """What ``argmap config`` prints: each setting as TOML, with where it was set, and
    the rules that run at their severities."""
    lines = [f"# settings for {brief}" if brief else "# settings for briefs in this folder"]
    lines.append(f"# configuration file: {file.path if file else 'none'}")
    width = max(len(f"{o.key} = {o.value}") for o in origins)
    for origin in origins:
        setting = f"{origin.key} = {origin.value}"
        lines.append(f"{setting:<{width}}  # {origin.source}")
    running = [
        f"{code} {name} ({severity})" for code, name, severity in iter_rules_in_force(config)
    ]
    lines.append(f"# rules that run ({len(running)}):")
    lines += [f"#   {rule}" for rule in running]
    return "\n".join(lines) + "\n"
