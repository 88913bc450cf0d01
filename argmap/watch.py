"""``--watch``: run a command again whenever what it reads changes.

What is watched, for each path given:

- a folder: every brief in it and below (``*.argdown``, ``*.ad``, ``*.md``);
- a brief: the brief itself, and the briefs in its folder and below, where the files it
  ``@include``-s are (argmap includes only from there);
- the configuration files (``argmap.toml``, ``.argmap.toml``, ``pyproject.toml``) in
  those folders and in every folder above them up to the repository's root (the folder
  holding ``.git``), where configuration is discovered, and the file ``--config`` names.

The changes are noticed by the operating system's file events (through ``watchfiles``,
the optional extra ``argmap[watch]``), not by polling, and gathered until the files have
been quiet for a moment (50 ms), so that an editor's save, often a write, a rename and a
change of mode, gives one run. On a terminal the screen is cleared before each run, so
the report is redrawn in place; a line on standard error gives the time of the run and
its exit code. Ctrl-C ends the command with status 130.
"""

from __future__ import annotations

import glob
import os
import sys
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    import click

__all__ = [
    "BRIEF_SUFFIXES",
    "WatchUnavailable",
    "watch_command",
    "watched_paths",
]

BRIEF_SUFFIXES = (".argdown", ".ad", ".md")

# Clear the screen and put the cursor at its top left (ANSI), before each run.
CLEAR = "\x1b[H\x1b[2J"


class WatchUnavailable(Exception):
    """``--watch`` cannot run: ``watchfiles`` is missing, or a path is standard input."""


def watched_paths(paths: Iterable[str], also: Iterable[str] = ()) -> tuple[list[str], set[str]]:
    """The folders to watch (with their subfolders) and the files that count wherever
    they are (the briefs given, the configuration files above them, and ``also``: a
    configuration file named with ``--config``), as absolute paths."""
    from argmap.project import CONFIG_NAMES

    roots: list[str] = []
    files = {os.path.abspath(path) for path in also}
    for path in paths:
        full = os.path.abspath(path)
        if os.path.isdir(full):
            folder = full
        elif not os.path.exists(full) and glob.has_magic(path):
            # A glob (`briefs/**/*.argdown`): the folder its pattern starts from, where
            # files it matches may appear.
            folder = _glob_root(full)
        else:
            files.add(full)
            folder = os.path.dirname(full)
        if folder not in roots:
            roots.append(folder)
    for folder in list(roots):
        for above in _up_to_repository(folder):
            for name in CONFIG_NAMES:
                candidate = os.path.join(above, name)
                if os.path.isfile(candidate):
                    files.add(candidate)
    # A folder inside another one is watched with it.
    nested = {r for r in roots for other in roots if r != other and _inside(r, other)}
    return [root for root in roots if root not in nested], files


def _glob_root(pattern: str) -> str:
    """The longest folder at the start of an absolute ``pattern`` without glob magic."""
    parts = pattern.split(os.sep)
    plain = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    return os.sep.join(parts[:plain]) or os.sep


def _inside(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip(os.sep) + os.sep)


def _up_to_repository(folder: str) -> list[str]:
    """``folder`` and the folders above it, up to the first that holds ``.git`` (or up to
    the filesystem's root when there is none: configuration is searched that far)."""
    found = [folder]
    current = folder
    while not os.path.exists(os.path.join(current, ".git")):
        parent = os.path.dirname(current)
        if parent == current:
            break
        found.append(parent)
        current = parent
    return found


def _relevant(files: set[str]) -> Callable[[int, str], bool]:
    """Which changed paths start a run: the files named, briefs and configuration files
    (not editors' swap files, nor the ``.argmap-*`` temporary files argmap writes)."""
    from watchfiles import Change, DefaultFilter

    from argmap.project import CONFIG_NAMES

    default = DefaultFilter()

    def relevant(change: int, path: str) -> bool:
        if path in files:
            return True
        name = os.path.basename(path)
        if name.startswith(".argmap-") or not default(Change(change), path):
            return False
        return name in CONFIG_NAMES or name.endswith(BRIEF_SUFFIXES)

    return relevant


# Changes are gathered until none has come for STEP_MS, and for at most DEBOUNCE_MS.
STEP_MS = 50
DEBOUNCE_MS = 1600


def watch_command(
    context: click.Context, paths: Iterable[str], also: Iterable[str] = ()
) -> NoReturn:
    """Run ``context``'s command (with ``watch=False``) now and after every relevant
    change, until SIGINT (Ctrl-C), SIGTERM or SIGHUP, which raise
    :class:`~argmap.output.Terminated` (exit 128 + the signal's number: 130 for Ctrl-C)."""
    paths = list(paths)
    if "-" in paths:
        raise WatchUnavailable("--watch needs files: standard input cannot be watched")
    try:
        # The watcher itself rather than watchfiles.watch(): it starts watching when it
        # is made, before the first run, so a change made during that run is not lost.
        from watchfiles._rust_notify import RustNotify
    except ImportError:
        raise WatchUnavailable(
            "--watch needs the watchfiles package: pip install 'argmap[watch]'"
        ) from None
    also = list(also)
    for path in paths + also:
        if not os.path.exists(path) and not glob.has_magic(path):
            raise WatchUnavailable(f"{path}: no such file or folder to watch")

    import gc

    # The one-shot command runs without the cyclic garbage collector (argmap.cli); a
    # process that runs again and again needs it, or every run's cycles stay.
    gc.enable()
    assert context.command.callback is not None
    callback = context.command.callback
    params = {**context.params, "watch": False}
    roots, files = watched_paths(paths, also)
    relevant = _relevant(files)
    changed: list[str] = []
    for root in roots:
        if not os.path.isdir(root):
            raise WatchUnavailable(f"{root}: no such folder to watch")
    try:
        notify = RustNotify([*roots, *sorted(files)], False, False, 300, True, False)
    except OSError as error:  # the system's limit on watches, a folder just removed…
        raise WatchUnavailable(f"cannot watch {', '.join(roots)}: {error}") from None
    with notify:
        while True:
            _run(callback, params, changed)
            changed = []
            while not changed:
                changes = _wait(notify)
                changed = sorted({path for change, path in changes if relevant(change, path)})


def _wait(notify: Any) -> set[tuple[int, str]]:
    """The next changes ``notify`` reports. A signal that arrives meanwhile ends the
    command: the watcher swallows the exception a signal handler raises, so which signal
    it was is noted here first."""
    import signal

    from argmap.output import Terminated

    arrived: list[int] = []

    def note(signum: int, _frame: object) -> None:
        arrived.append(signum)
        raise KeyboardInterrupt

    ending = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]
    previous = {signum: signal.getsignal(signum) for signum in ending}
    for signum, handler in previous.items():
        if handler not in (signal.SIG_IGN, None):
            signal.signal(signum, note)
    try:
        result = notify.watch(DEBOUNCE_MS, STEP_MS, 0, None)
    finally:
        for signum, handler in previous.items():
            if handler is not None:  # None: a handler not set from Python, left alone
                signal.signal(signum, handler)
    if result == "signal" or arrived:
        raise Terminated(arrived[0] if arrived else signal.SIGINT)
    if isinstance(result, set):
        return result
    return set()  # "timeout" or "stop": neither is asked for


def _run(callback: Callable[..., Any], params: dict[str, Any], changed: list[str]) -> None:
    """One run of the command, on a cleared screen, and a line saying when it ran."""
    from argmap.visible import visible

    if sys.stdout.isatty():
        sys.stdout.write(CLEAR)
        sys.stdout.flush()
    try:
        callback(**params)
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    sys.stdout.flush()
    cause = f" after a change to {', '.join(visible(os.path.relpath(p)) for p in changed)}"
    clock = time.strftime("%H:%M:%S")
    print(
        f"argmap: ran at {clock}{cause if changed else ''} (exit {code}); "
        "watching for changes, Ctrl-C to stop",
        file=sys.stderr,
        flush=True,
    )
