"""Which briefs a command reads: files, folders (recursively) and globs, without the files
that ``exclude`` patterns or ``.gitignore`` files leave out, in one deterministic order.

A folder is searched for ``*.argdown`` and ``*.ad`` files and for Markdown files
(``*.md``, ``*.markdown``) that hold an ````` ```argdown ````` block. A file named
on the command line is always read, whatever its name (as ruff does: exclusions are for
what a search finds). Patterns follow ``.gitignore`` rules (:func:`pattern_regex`):
``drafts/`` a folder anywhere, ``/old.argdown`` only at the top, ``**/*.ad`` at any
depth, ``!keep.argdown`` taken back out of an exclusion.

>>> import re
>>> bool(re.fullmatch(pattern_regex("blocks/*.ad")[0], "blocks/k.ad"))
True
>>> bool(re.fullmatch(pattern_regex("*.ad")[0], "deep/down/k.ad"))
True
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = [
    "ARGDOWN_SUFFIXES",
    "DEFAULT_EXCLUDE",
    "FilesError",
    "collect",
    "has_argdown_block",
    "matches",
    "pattern_regex",
    "repository_root",
]

ARGDOWN_SUFFIXES = (".argdown", ".ad")
MARKDOWN_SUFFIXES = (".md", ".markdown")
# Folders no brief lives in, left out of every search (ruff leaves out much the same).
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "site-packages",
)
_GLOB_CHARACTERS = re.compile(r"[*?\[]")
_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})[ \t]*argdown(?:-map|-source)?(?![^\s])", re.MULTILINE)


_Patterns = list[tuple[str, "str | None"]]


class FilesError(ValueError):
    """A path or pattern that names no brief (a glob that matches nothing)."""


@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern[str]
    negated: bool
    folders_only: bool


def pattern_regex(pattern: str) -> tuple[str, bool, bool]:
    """The regular expression of a ``.gitignore`` pattern, matched against a path relative
    to the pattern's folder with ``/`` between names; whether it is negated (``!``);
    whether it matches folders only (a trailing ``/``).

    As in git: a pattern with a ``/`` before its end is anchored to its folder, one
    without matches a name at any depth; ``*`` and ``?`` stop at ``/``; ``**`` crosses
    folders; ``[…]`` is a class; ``\\`` escapes the next character.
    """
    negated = pattern.startswith("!")
    if negated:
        pattern = pattern[1:]
    folders_only = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    anchored = "/" in pattern
    pattern = pattern.lstrip("/")
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**", index):
            before = index == 0 or pattern[index - 1] == "/"
            after = index + 2 == len(pattern) or pattern[index + 2] == "/"
            if before and after:
                if index + 2 == len(pattern):
                    out.append(".*")  # a/** : everything inside a
                    index += 2
                else:
                    out.append("(?:.*/)?")  # **/ : any folders, or none
                    index += 3
                continue
            out.append("[^/]*")
            index += 2
        elif char == "*":
            out.append("[^/]*")
            index += 1
        elif char == "?":
            out.append("[^/]")
            index += 1
        elif char == "[":
            end = pattern.find(
                "]", index + 2 if pattern[index + 1 : index + 2] == "!" else index + 1
            )
            if end < 0:
                out.append(re.escape(char))
                index += 1
                continue
            body = pattern[index + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            # Inside a class, what Python would read as a nested set or a set operation
            # is a character to git.
            for special in ("\\", "[", "&", "~", "|"):
                body = body.replace(special, "\\" + special)
            body = re.sub(r"-(?=-)", r"\\-", body)  # "--" is a set difference to Python
            out.append("[" + body + "]")
            index = end + 1
        elif char == "\\" and index + 1 < len(pattern):
            out.append(re.escape(pattern[index + 1]))
            index += 2
        else:
            out.append(re.escape(char))
            index += 1
    body = "".join(out)
    return (body if anchored else "(?:.*/)?" + body), negated, folders_only


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> _Rule:
    regex, negated, folders_only = pattern_regex(pattern)
    try:
        return _Rule(re.compile(regex, re.DOTALL), negated, folders_only)
    except re.error:
        # A class git reads and Python does not ("[]]", "[z-a]"): the name as written.
        escaped = re.escape(pattern.lstrip("!").rstrip("/").lstrip("/"))
        return _Rule(re.compile("(?:.*/)?" + escaped, re.DOTALL), negated, folders_only)


def matches(pattern: str, file: str, root: str | None = None) -> bool:
    """Whether ``file`` is matched by ``pattern``, relative to ``root`` (default: the
    current folder), itself or through one of its folders (``drafts`` matches
    ``drafts/a.argdown``). A file outside ``root`` is matched by its path as given."""
    return _matches(pattern, file, root, False)


def _matches(
    pattern: str, file: str, root: str | None, is_folder: bool, last_only: bool = False
) -> bool:
    """``pattern`` against ``file`` and each folder above it up to ``root`` (only ``file``
    itself with ``last_only``: a search has checked the folders on its way down)."""
    base = os.path.abspath(root) if root else os.getcwd()
    relative = _relative(file, os.path.abspath(file), base)
    return _rule_matches(_compiled(pattern), relative.split("/"), is_folder, last_only)


def _rule_matches(rule: _Rule, parts: list[str], is_folder: bool, last_only: bool) -> bool:
    for count in range(len(parts) if last_only else 1, len(parts) + 1):
        if rule.folders_only and not (count < len(parts) or is_folder):
            continue
        if rule.regex.fullmatch("/".join(parts[:count])):
            return not rule.negated
    return False


def _relative(file: str, absolute: str, base: str) -> str:
    """``file`` (``absolute``) relative to the folder ``base`` (absolute) with ``/``
    between names; as given if it is outside ``base``."""
    prefix = base.rstrip(os.sep) + os.sep
    if absolute.startswith(prefix):
        return absolute[len(prefix) :].replace(os.sep, "/")
    return os.path.normpath(file).replace(os.sep, "/")


class _Exclusions:
    """``exclude`` patterns, grouped by the folder they are relative to."""

    def __init__(self, patterns: _Patterns) -> None:
        groups: dict[str, list[_Rule]] = {}
        for pattern, root in patterns:
            base = os.path.abspath(root) if root else os.getcwd()
            groups.setdefault(base, []).append(_compiled(pattern))
        self.groups = list(groups.items())

    def match(self, name: str, absolute: str, is_folder: bool, last_only: bool) -> bool:
        for base, rules in self.groups:
            parts = _relative(name, absolute, base).split("/")
            if any(_rule_matches(rule, parts, is_folder, last_only) for rule in rules):
                return True
        return False


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``.git`` (a repository's root)."""
    folder = Path(os.path.abspath(start))
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def has_argdown_block(path: Path) -> bool:
    """Whether a Markdown file has a fenced ```argdown block (an unreadable one has not)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return _FENCE.search(text) is not None


@dataclass
class _Ignores:
    """The ``.gitignore`` rules in force in each folder of a repository (``top``, an
    absolute path), read once per folder."""

    top: str | None
    respect: bool
    rules: dict[str, list[_Rule]] = field(default_factory=dict)

    def folder_rules(self, folder: str) -> list[_Rule]:
        found = self.rules.get(folder)
        if found is None:
            found = _read_ignore_file(Path(folder, ".gitignore"))
            if folder == self.top:
                found = _read_ignore_file(Path(folder, ".git", "info", "exclude")) + found
            self.rules[folder] = found
        return found

    def ignored(
        self, path: str, is_folder: bool, below: str | None = None, last_only: bool = False
    ) -> bool:
        """Whether git would leave ``path`` (absolute) out: of the rules of the folders
        above it, the last that matches decides (a deeper folder's rules come later); a
        folder left out keeps everything in it out, whatever a ``!`` rule says (as in
        git). Only the folders under ``below`` (a folder named on the command line) can
        leave it out; with ``last_only``, only ``path`` itself is judged (a search has
        judged the folders on its way down)."""
        if not self.respect or self.top is None:
            return False
        prefix = self.top.rstrip(os.sep) + os.sep
        if not path.startswith(prefix):
            return False
        parts = path[len(prefix) :].split(os.sep)
        first = 1
        if below is not None and below.startswith(prefix):
            first = len(below[len(prefix) :].split(os.sep)) + 1
        if last_only:
            first = max(first, len(parts))
        for count in range(first, len(parts) + 1):
            target_is_folder = count < len(parts) or is_folder
            decision = False
            for depth in range(count):
                folder = prefix + os.sep.join(parts[:depth]) if depth else self.top
                relative = "/".join(parts[depth:count])
                for rule in self.folder_rules(folder):
                    if rule.folders_only and not target_is_folder:
                        continue
                    if rule.regex.fullmatch(relative):
                        decision = not rule.negated
            if decision:
                return True
        return False


def _read_ignore_file(path: Path) -> list[_Rule]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    rules = []
    for line in text.splitlines():
        # Trailing spaces are dropped unless escaped; "#" starts a comment line.
        stripped = line.rstrip(" ") if not line.endswith("\\ ") else line
        if not stripped or stripped.startswith("#"):
            continue
        rules.append(_compiled(stripped))
    return rules


def _may_be_brief(name: str, argdown_only: bool) -> bool:
    """Whether a file's name is a brief's: Argdown, or Markdown to look into."""
    lower = name.lower()
    return lower.endswith(ARGDOWN_SUFFIXES) or (
        not argdown_only and lower.endswith(MARKDOWN_SUFFIXES)
    )


def _is_brief(name: str) -> bool:
    """Whether a file whose name may be a brief's is one (a Markdown file is read, and
    so is asked last, after what leaves it out)."""
    return name.lower().endswith(ARGDOWN_SUFFIXES) or has_argdown_block(Path(name))


def collect(
    paths: Sequence[str],
    exclude: Iterable[tuple[str, str | None]] = (),
    *,
    respect_gitignore: bool = True,
    argdown_only: bool = False,
) -> list[str]:
    """The briefs that ``paths`` name, each once, sorted by path within each folder or
    glob and in the order the paths are given.

    A folder is searched recursively (see the module's docs); a path that does not exist
    but holds ``*``, ``?`` or ``[`` is a glob (``**`` crosses folders); any other path is
    kept as it is (``-`` for standard input, a missing file for the reader to report).
    ``exclude`` patterns (each with the folder it is relative to, None for the current
    one) and, with ``respect_gitignore``,
    the ``.gitignore`` files of the repository leave out what a search finds.
    ``argdown_only`` leaves Markdown files out of searches (``fmt`` rewrites Argdown).

    Raises :class:`FilesError` for a glob that matches no brief.
    """
    import glob

    patterns = [(pattern, None) for pattern in DEFAULT_EXCLUDE] + list(exclude)
    out: list[str] = []
    seen: set[str] = set()

    def add(name: str) -> None:
        key = os.path.normcase(os.path.abspath(name)) if name != "-" else name
        if key not in seen:
            seen.add(key)
            out.append(name)

    for given in paths:
        if given == "-" or (not os.path.isdir(given) and os.path.lexists(given)):
            add(given)
        elif os.path.isdir(given):
            for found in _walk(given, patterns, respect_gitignore, argdown_only):
                add(found)
        elif _GLOB_CHARACTERS.search(given):
            matched = [os.path.normpath(name) for name in sorted(glob.glob(given, recursive=True))]
            before = len(out)
            root = repository_root(Path.cwd())
            ignores = _Ignores(str(root) if root else None, respect_gitignore)
            exclusions = _Exclusions(patterns)
            for name in matched:
                if os.path.isdir(name):
                    for found in _walk(name, patterns, respect_gitignore, argdown_only):
                        add(found)
                elif (
                    _may_be_brief(name, argdown_only)
                    and not _excluded(name, exclusions, ignores, False)
                    and _is_brief(name)
                ):
                    add(name)
            if len(out) == before:
                raise FilesError(f"{given}: no brief matches this pattern")
        else:
            add(given)  # missing: the reader says so
    return out


def _excluded(
    name: str,
    exclusions: _Exclusions,
    ignores: _Ignores,
    is_folder: bool,
    below: str | None = None,
    last_only: bool = False,
) -> bool:
    absolute = os.path.abspath(name)
    if exclusions.match(name, absolute, is_folder, last_only):
        return True
    return ignores.ignored(absolute, is_folder, below, last_only)


def _walk(top: str, patterns: _Patterns, respect: bool, argdown_only: bool) -> list[str]:
    """The briefs under folder ``top``: each folder's files by name, then its subfolders
    by name. A folder reached through a symbolic link is not entered (it could lead back
    up), and a folder left out is not searched at all, so each entry is judged by its own
    name: the folders above it were judged on the way down. (Judging every folder above
    each entry again took a search of 5,000 entries from 0.5 s to 8 s, measured here.)"""
    root = repository_root(Path(top))
    ignores = _Ignores(str(root) if root else os.path.abspath(top), respect)
    exclusions = _Exclusions(patterns)
    below = os.path.abspath(top)
    found: list[str] = []
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = os.path.normpath(os.path.join(folder, entry.name))
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_folder:
                if not _excluded(name, exclusions, ignores, True, below, last_only=True):
                    stack.append(name)
            elif (
                _may_be_brief(name, argdown_only)
                and not _excluded(name, exclusions, ignores, False, below, last_only=True)
                and _is_brief(name)
            ):
                found.append(name)
    return sorted(found, key=lambda name: _sort_key(name, top))


def _sort_key(name: str, top: str) -> tuple[tuple[int, str], ...]:
    """Files before folders at each level, each by name."""
    parts = Path(os.path.relpath(name, top)).parts
    return tuple((0 if index == len(parts) - 1 else 1, part) for index, part in enumerate(parts))
