"""The helper process: it does its task in another process, gives the bytes of a task
that fails only up to where it failed, and is always let go; a DOT export written with
one is the same text, whatever the helper does."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap import cli, parallel
from argmap.config import Config
from argmap.evaluate import evaluate
from argmap.exporters import dot
from argmap.loader import loads
from benchmarks.generate import generate
from tests.cli_runner import run

PARENT = os.getpid()


def _squares(items: list[int]) -> bytes:
    return "".join(f"{item * item}\n" for item in items).encode()


def _where(_: object) -> bytes:
    return str(os.getpid()).encode()


def _fails(_: object) -> bytes:
    raise RuntimeError("a task that fails")


def _dies(_: object) -> bytes:
    os.kill(os.getpid(), signal.SIGKILL)
    return b""


def _not_bytes(_: object) -> str:
    return "text, not bytes"


def _talks(_: object) -> bytes:
    os.write(1, b"from the helper\n")
    os.write(2, b"from the helper\n")
    return b"done"


def _sleeps(_: object) -> bytes:
    time.sleep(3600)
    return b""


def _output(helper: parallel.Helper) -> bytes:
    return b"".join(helper.output())


def _too_late(signum: int, frame: object) -> None:
    raise TimeoutError("the helper was not stopped")


@pytest.fixture
def helper(monkeypatch: pytest.MonkeyPatch) -> parallel.Helper:
    """A helper, even on one CPU (where argmap would not start one): fork works there."""
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    started = parallel.start_helper()
    assert started is not None
    return started


def test_the_task_runs_in_another_process(helper: parallel.Helper) -> None:
    with helper:
        assert helper.submit(_where, None)
        assert int(_output(helper)) != PARENT


def test_the_value_comes_back(helper: parallel.Helper) -> None:
    with helper:
        assert helper.submit(_squares, list(range(300_000)))
        # More than a pipe holds: it comes in pieces, as it is read.
        pieces = list(helper.output(size=1 << 16))
    assert len(pieces) > 1
    assert b"".join(pieces) == _squares(list(range(300_000)))


def test_one_task_per_helper(helper: parallel.Helper) -> None:
    with helper:
        assert helper.submit(_squares, [2])
        assert not helper.submit(_squares, [3])
        assert _output(helper) == b"4\n"


@pytest.mark.parametrize("task", [_fails, _dies, _not_bytes])
def test_a_failed_task_gives_nothing(helper: parallel.Helper, task: object) -> None:
    assert callable(task)
    with helper:
        assert helper.submit(task, None)
        assert _output(helper) == b""


def test_a_task_that_cannot_be_sent_is_refused(helper: parallel.Helper) -> None:
    with helper:
        assert not helper.submit(lambda _: b"", None)  # a lambda has no name to send
        assert _output(helper) == b""


def test_no_task_gives_nothing(helper: parallel.Helper) -> None:
    with helper:
        assert _output(helper) == b""


def test_the_helper_writes_nothing_of_ours(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Started here, not by the fixture: with capfd's files as standard output and error.
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    helper = parallel.start_helper()
    assert helper is not None
    with helper:
        assert helper.submit(_talks, None)
        assert _output(helper) == b"done"
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")


def test_closing_ends_a_running_helper(helper: parallel.Helper) -> None:
    pid = helper._pid
    assert pid is not None
    assert helper.submit(_sleeps, None)
    previous = signal.signal(signal.SIGALRM, _too_late)
    signal.setitimer(signal.ITIMER_REAL, 10)
    try:
        helper.close()
    except TimeoutError:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    # Killed and reaped: no process, not even a zombie, is left with that id.
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_no_helper_beside_another_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert parallel.can_fork()
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not parallel.can_fork()
    assert parallel.start_helper() is None


def test_no_helper_on_one_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert not parallel.can_fork()
    assert parallel.start_helper() is None


def test_a_failed_fork_gives_no_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> int:
        raise OSError("no more processes")

    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    monkeypatch.setattr(os, "fork", refuse)
    before = set(os.listdir("/proc/self/fd"))
    assert parallel.start_helper() is None
    assert set(os.listdir("/proc/self/fd")) == before  # its pipes are closed


def _big_map_dot(helper: parallel.Helper | None) -> str:
    amap = loads(generate(600), "brief.argdown")
    evaluation = evaluate(amap, Config().standard)
    return dot.export(amap, evaluation, [], helper)


def test_dot_export_is_the_same_with_a_helper(
    helper: parallel.Helper, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dot, "SHARED", 1)
    alone = _big_map_dot(None)
    with helper:
        shared = _big_map_dot(helper)
        assert not helper.submit(_squares, [1])  # it had its task: the export's
    assert shared == alone
    assert shared.count(" [shape=") == 600


@pytest.mark.parametrize("cut", [0, 1, 1000, 65_537, -60_000, -200, -1])
def test_dot_export_finishes_the_part_of_a_failed_helper(
    helper: parallel.Helper, monkeypatch: pytest.MonkeyPatch, cut: int
) -> None:
    """Whatever a helper leaves unwritten, mid-line or between lines, argmap writes."""
    monkeypatch.setattr(dot, "SHARED", 1)
    alone = _big_map_dot(None)
    output = helper.output

    def cut_short(size: int = 1 << 20) -> Iterator[bytes]:
        whole = b"".join(output(size))
        assert len(whole) > 80_000  # the last 300 nodes
        yield whole[:cut]

    monkeypatch.setattr(helper, "output", cut_short)
    with helper:
        assert _big_map_dot(helper) == alone


def test_cli_dot_export_of_a_large_brief(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    brief = tmp_path / "brief.argdown"
    brief.write_text(generate(600), encoding="utf-8")
    monkeypatch.setattr(dot, "SHARED", 1)
    monkeypatch.setattr(cli, "_HELPER_BYTES", 1)
    started: list[parallel.Helper | None] = []
    start = parallel.start_helper

    def start_and_keep() -> parallel.Helper | None:
        started.append(start())
        return started[-1]

    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    monkeypatch.setattr(parallel, "start_helper", start_and_keep)
    shared = run(["export", "--format", "dot", str(brief)])
    monkeypatch.setattr(cli, "_HELPER_BYTES", 1 << 40)
    alone = run(["export", "--format", "dot", str(brief)])
    assert (shared.exit_code, shared.output) == (alone.exit_code, alone.output)
    assert len(started) == 1  # for the first export only
    helper = started[0]
    assert helper is not None
    assert helper._submitted  # it wrote part of the map
    assert helper._pid is None  # and was let go at the end of the command
