"""--watch: a real process, a real change to a file, and Ctrl-C (SIGINT) ending it with
status 130. Each step waits for the line that says the previous one is done, never for
a fixed time."""

from __future__ import annotations

import os
import queue
import select
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.watch import watched_paths
from tests.cli_runner import run

CLEAN = '[T]: Thesis. #thesis\n  + [S]: A study. #evidence {cite: "Doe 2019"}\n'
# Line 5, column 3: the "+" of a statement that supports itself.
BROKEN = CLEAN + "\n[S]\n  + [S]\n"
# Waiting for a line: long enough for a slow machine, reached only when something is wrong.
PATIENCE = 60.0


class Watcher:
    """``argmap ARGS`` running in the background, its output read line by line: standard
    output and standard error in one pipe, so that a run's report comes before the line
    saying it is done (argmap flushes the one before writing the other)."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "argmap", *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stream: Iterator[str]) -> None:
        for line in stream:
            self.lines.put(line.rstrip("\n"))

    def until(self, text: str) -> list[str]:
        """The lines up to the first containing ``text``."""
        got = []
        while True:
            try:
                line = self.lines.get(timeout=PATIENCE)
            except queue.Empty:
                pytest.fail(f"no line with {text!r}; so far: {self.seen + got}")
            got.append(line)
            if text in line:
                self.seen += got
                return got

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=PATIENCE)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def watcher_factory() -> Iterator[list[Watcher]]:
    started: list[Watcher] = []
    yield started
    for watcher in started:
        watcher.stop()


def start(started: list[Watcher], args: list[str], cwd: Path) -> Watcher:
    watcher = Watcher(args, cwd)
    started.append(watcher)
    return watcher


def findings(lines: list[str]) -> list[str]:
    """The parsable findings among a run's lines."""
    return [line for line in lines if ": error AM" in line or ": warning AM" in line]


def test_check_watch_runs_again_on_a_change_and_ends_on_ctrl_c(
    tmp_path: Path, watcher_factory: list[Watcher]
) -> None:
    brief = tmp_path / "aff.argdown"
    brief.write_text(CLEAN, encoding="utf-8")
    args = ["check", "--watch", "--format", "parsable", "--select", "AM103", "aff.argdown"]
    watcher = start(watcher_factory, args, tmp_path)
    first = watcher.until("watching for changes")
    assert findings(first) == []
    assert "no problems in 1 brief" in first
    assert "(exit 0)" in first[-1]

    brief.write_text(BROKEN, encoding="utf-8")
    second = watcher.until("watching for changes")
    assert findings(second) == ["aff.argdown:5:3: error AM103 [S] supports itself (self-relation)"]
    assert "after a change to aff.argdown (exit 1)" in second[-1]

    # A file that is not a brief (an editor's swap file) starts no run; the fix does.
    (tmp_path / ".aff.argdown.swp").write_text("x", encoding="utf-8")
    brief.write_text(CLEAN, encoding="utf-8")
    third = watcher.until("watching for changes")
    assert "after a change to aff.argdown (exit 0)" in third[-1]

    assert watcher.interrupt() == 130
    assert watcher.until("interrupted")[-1] == "argmap: interrupted"


def test_check_watch_sees_an_included_file_change(
    tmp_path: Path, watcher_factory: list[Watcher]
) -> None:
    (tmp_path / "blocks").mkdir()
    block = tmp_path / "blocks" / "cost.argdown"
    block.write_text("[Cost]: Costly.\n", encoding="utf-8")
    (tmp_path / "aff.argdown").write_text(
        "@include(blocks/cost.argdown)\n\n" + CLEAN, encoding="utf-8"
    )
    args = ["check", "--watch", "--format", "parsable", "--select", "AM103", "aff.argdown"]
    watcher = start(watcher_factory, args, tmp_path)
    watcher.until("watching for changes")
    block.write_text("[Cost]: Costly.\n  + [Cost]\n", encoding="utf-8")
    changed = watcher.until("watching for changes")
    assert findings(changed) == [
        "blocks/cost.argdown:2:3: error AM103 [Cost] supports itself (self-relation)"
    ]
    assert "after a change to blocks/cost.argdown" in changed[-1]
    assert watcher.interrupt() == 130


def test_show_watch_redraws_the_tree(tmp_path: Path, watcher_factory: list[Watcher]) -> None:
    brief = tmp_path / "aff.argdown"
    brief.write_text(CLEAN, encoding="utf-8")
    watcher = start(watcher_factory, ["show", "--watch", "--ascii", "aff.argdown"], tmp_path)
    first = watcher.until("watching for changes")
    assert "(in) [T] Thesis. #thesis" in first
    assert not any("[Rebuttal]" in line for line in first)
    brief.write_text(CLEAN + "  - [Rebuttal]: Not so.\n", encoding="utf-8")
    second = watcher.until("watching for changes")
    assert any("[Rebuttal]" in line for line in second)
    assert watcher.interrupt() == 130


def test_a_configuration_file_above_the_brief_is_watched(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\n", encoding="utf-8")
    (tmp_path / "above").mkdir()
    (tmp_path / "above" / "argmap.toml").write_text("", encoding="utf-8")
    team = tmp_path / "team"
    (team / "briefs").mkdir(parents=True)
    brief = team / "briefs" / "aff.argdown"
    brief.write_text(CLEAN, encoding="utf-8")
    (team / "argmap.toml").write_text("", encoding="utf-8")
    roots, files = watched_paths([str(brief), str(team)])
    assert roots == [str(team)]  # the brief's folder is inside the other one
    assert files == {str(brief), str(team / "argmap.toml"), str(tmp_path / "pyproject.toml")}


def test_watching_standard_input_is_a_usage_error() -> None:
    result = run(["check", "--watch", "-"], input="[T]: t.\n")
    assert result.exit_code == 2
    assert "standard input cannot be watched" in result.stderr


def test_without_watchfiles_watch_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = tmp_path / "aff.argdown"
    brief.write_text(CLEAN, encoding="utf-8")
    # None in sys.modules makes the import fail, as on a machine without the package.
    monkeypatch.setitem(sys.modules, "watchfiles._rust_notify", None)
    result = run(["show", "--watch", str(brief)])
    assert result.exit_code == 2
    assert result.stderr == (
        "argmap: error: --watch needs the watchfiles package: pip install 'argmap[watch]'\n"
    )


def test_watching_a_missing_brief_is_a_usage_error(tmp_path: Path) -> None:
    result = run(["check", "--watch", str(tmp_path / "missing.argdown")])
    assert result.exit_code == 2
    assert "missing.argdown: no such file or folder to watch" in result.stderr


def test_a_glob_is_watched_from_the_folder_it_starts_in(tmp_path: Path) -> None:
    (tmp_path / "briefs").mkdir()
    roots, files = watched_paths([str(tmp_path / "briefs" / "**" / "*.argdown")])
    assert roots == [str(tmp_path / "briefs")]
    assert files == set()
    result = run(["check", "--watch", str(tmp_path / "nowhere" / "*.argdown")])
    assert result.exit_code == 2
    assert "nowhere: no such folder to watch" in result.stderr


def test_check_watch_on_a_folder_checks_a_brief_added_to_it(
    tmp_path: Path, watcher_factory: list[Watcher]
) -> None:
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "aff.argdown").write_text(CLEAN, encoding="utf-8")
    args = ["check", "--watch", "--format", "parsable", "--select", "AM103", "briefs"]
    watcher = start(watcher_factory, args, tmp_path)
    assert "no problems in 1 brief" in watcher.until("watching for changes")
    (tmp_path / "briefs" / "neg.argdown").write_text(BROKEN, encoding="utf-8")
    added = watcher.until("watching for changes")
    assert findings(added) == [
        "briefs/neg.argdown:5:3: error AM103 [S] supports itself (self-relation)"
    ]
    assert "1 error in 2 briefs" in added
    assert watcher.interrupt() == 130


def test_check_watch_runs_again_when_the_configuration_changes(
    tmp_path: Path, watcher_factory: list[Watcher]
) -> None:
    team = tmp_path / "team"
    (team / ".git").mkdir(parents=True)
    (team / "briefs").mkdir()
    (team / "briefs" / "aff.argdown").write_text(BROKEN, encoding="utf-8")
    settings = team / "pyproject.toml"
    settings.write_text('[tool.argmap]\nselect = ["AM103"]\n', encoding="utf-8")
    elsewhere = tmp_path / "coach.toml"
    elsewhere.write_text('select = ["AM103"]\n', encoding="utf-8")
    finding = "briefs/aff.argdown:5:3: error AM103 [S] supports itself (self-relation)"

    args = ["check", "--watch", "--format", "parsable", "briefs/aff.argdown"]
    watcher = start(watcher_factory, args, team)
    assert findings(watcher.until("watching for changes")) == [finding]
    # The team's table, two folders above the brief, now ignores the rule.
    settings.write_text('[tool.argmap]\nselect = ["AM103"]\nignore = ["AM103"]\n', "utf-8")
    changed = watcher.until("watching for changes")
    assert findings(changed) == []
    assert "after a change to pyproject.toml (exit 0)" in changed[-1]
    assert watcher.interrupt() == 130

    named = start(watcher_factory, [*args, "--config", str(elsewhere)], team)
    assert findings(named.until("watching for changes")) == [finding]
    elsewhere.write_text('select = ["AM103"]\nignore = ["self-relation"]\n', encoding="utf-8")
    assert findings(named.until("watching for changes")) == []
    assert named.interrupt() == 130


def test_on_a_terminal_each_run_redraws_the_screen(tmp_path: Path) -> None:
    import pty

    brief = tmp_path / "aff.argdown"
    brief.write_text(CLEAN, encoding="utf-8")
    main_end, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "check", "--watch", "--select", "AM103", "aff.argdown"],
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
        stdout=terminal,
        stderr=terminal,
    )
    os.close(terminal)
    screen = b""

    def read_until(count: int) -> None:
        nonlocal screen
        while screen.count(b"watching for changes") < count:
            ready, _, _ = select.select([main_end], [], [], PATIENCE)
            assert ready, screen
            screen += os.read(main_end, 65536)

    try:
        read_until(1)
        brief.write_text(BROKEN, encoding="utf-8")
        read_until(2)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=PATIENCE) == 130
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main_end)
    # Cursor home and clear screen before each run: the second report replaces the first.
    first, second = screen.split(b"\x1b[H\x1b[2J")[1:3]
    assert b"no problems in 1 brief" in first
    assert b"AM103 [S] supports itself" not in first
    assert b"aff.argdown:5:3: error AM103 [S] supports itself" in second
