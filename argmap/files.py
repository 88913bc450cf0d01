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


def _matches(pattern: str, file: str, root: str | None, is_folder: bool) -> bool:
    relative = _relative(Path(file), Path(root) if root else Path.cwd())
    rule = _compiled(pattern)
    parts = relative.split("/")
    for count in range(1, len(parts) + 1):
        is_folder = count < len(parts) or is_folder
        if rule.folders_only and not is_folder:
            continue
        if rule.regex.fullmatch("/".join(parts[:count])):
            return not rule.negated
    return False


def _relative(path: Path, root: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return path.as_posix()


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
    """The ``.gitignore`` rules in force in each folder, read once per folder."""

    top: Path | None
    respect: bool
    rules: dict[Path, list[_Rule]] = field(default_factory=dict)

    def folder_rules(self, folder: Path) -> list[_Rule]:
        found = self.rules.get(folder)
        if found is None:
            found = _read_ignore_file(folder / ".gitignore")
            if folder == self.top:
                found = _read_ignore_file(folder / ".git" / "info" / "exclude") + found
            self.rules[folder] = found
        return found

    def ignored(self, path: Path, is_folder: bool, below: Path | None = None) -> bool:
        """Whether git would leave ``path`` out: of the rules of the folders above it,
        the last that matches decides (a deeper folder's rules come later); a folder left
        out keeps everything in it out, whatever a ``!`` rule says (as in git). Only the
        folders under ``below`` (a folder named on the command line) can leave it out."""
        if not self.respect or self.top is None:
            return False
        try:
            parts = path.relative_to(self.top).parts
        except ValueError:
            return False
        first = 1
        if below is not None and below != self.top and below.is_relative_to(self.top):
            first = len(below.relative_to(self.top).parts) + 1
        for count in range(first, len(parts) + 1):
            target_is_folder = count < len(parts) or is_folder
            decision = False
            for depth in range(count):
                folder = self.top.joinpath(*parts[:depth])
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


def _is_brief(path: Path, argdown_only: bool) -> bool:
    name = path.name.lower()
    if name.endswith(ARGDOWN_SUFFIXES):
        return True
    return not argdown_only and name.endswith(MARKDOWN_SUFFIXES) and has_argdown_block(path)


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
            ignores = _Ignores(repository_root(Path.cwd()), respect_gitignore)
            for name in matched:
                if os.path.isdir(name):
                    for found in _walk(name, patterns, respect_gitignore, argdown_only):
                        add(found)
                elif _is_brief(Path(name), argdown_only) and not _excluded(
                    name, patterns, ignores, False
                ):
                    add(name)
            if len(out) == before:
                raise FilesError(f"{given}: no brief matches this pattern")
        else:
            add(given)  # missing: the reader says so
    return out


def _excluded(
    name: str, patterns: _Patterns, ignores: _Ignores, is_folder: bool, below: str | None = None
) -> bool:
    if any(_matches(pattern, name, root, is_folder) for pattern, root in patterns):
        return True
    top = Path(os.path.abspath(below)) if below is not None else None
    return ignores.ignored(Path(os.path.abspath(name)), is_folder, top)


def _walk(top: str, patterns: _Patterns, respect: bool, argdown_only: bool) -> list[str]:
    """The briefs under folder ``top``: each folder's files by name, then its subfolders
    by name. A folder reached through a symbolic link is not entered (it could lead back
    up), and a folder left out is not searched at all."""
    ignores = _Ignores(repository_root(Path(top)) or Path(os.path.abspath(top)), respect)
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
                if not _excluded(name, patterns, ignores, True, top):
                    stack.append(name)
            elif _is_brief(Path(name), argdown_only) and not _excluded(
                name, patterns, ignores, False, top
            ):
                found.append(name)
    return sorted(found, key=lambda name: _sort_key(name, top))


def _sort_key(name: str, top: str) -> tuple[tuple[int, str], ...]:
    """Files before folders at each level, each by name."""
    parts = Path(os.path.relpath(name, top)).parts
    return tuple((0 if index == len(parts) - 1 else 1, part) for index, part in enumerate(parts))
