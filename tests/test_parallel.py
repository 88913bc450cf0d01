"""ordered_map: the same results, in the same order, whichever process computes them."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator

import pytest

from argmap import parallel
from argmap.exporters import dot
from argmap.loader import loads
from benchmarks.generate import generate

PARENT = os.getpid()


def _square(item: int) -> int:
    return item * item


def _where(item: int) -> tuple[int, int]:
    return item, os.getpid()


def _fails_in_child(item: int) -> int:
    if os.getpid() != PARENT:
        raise RuntimeError("only in the child")
    return -item


def _dies_in_child(item: int) -> int:
    if os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return item + 1


@pytest.mark.parametrize("count", [0, 1, 2, 3, 1000, 1001])
def test_results_in_order_for_any_length(count: int) -> None:
    items = list(range(count))
    assert list(parallel.ordered_map(_square, items, minimum=1)) == [i * i for i in items]


def test_second_half_runs_in_a_child_where_it_can() -> None:
    places = list(parallel.ordered_map(_where, range(10), minimum=1))
    assert [item for item, _ in places] == list(range(10))
    assert {pid for _, pid in places[:5]} == {PARENT}
    second_half = {pid for _, pid in places[5:]}
    if parallel.can_fork():
        assert len(second_half) == 1
        assert PARENT not in second_half
    else:
        assert second_half == {PARENT}


def test_short_lists_stay_in_this_process() -> None:
    places = list(parallel.ordered_map(_where, range(10), minimum=11))
    assert {pid for _, pid in places} == {PARENT}


@pytest.mark.parametrize("function", [_fails_in_child, _dies_in_child])
def test_a_failed_child_is_replaced_by_this_process(function: object) -> None:
    assert callable(function)
    expected = [function(item) for item in range(20)]
    assert list(parallel.ordered_map(function, range(20), minimum=1)) == expected


def test_no_fork_when_another_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not parallel.can_fork()


def test_a_failed_fork_computes_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> int:
        raise OSError("no more processes")

    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    monkeypatch.setattr(os, "fork", refuse)
    places = list(parallel.ordered_map(_where, range(6), minimum=1))
    assert places == [(item, PARENT) for item in range(6)]


def _slow(item: int) -> int:
    if os.getpid() != PARENT:
        time.sleep(3600)
    return item


def _too_late(signum: int, frame: object) -> None:
    raise TimeoutError("the child was not stopped")


def test_stopping_early_ends_the_child() -> None:
    if not parallel.can_fork():
        assert list(parallel.ordered_map(_slow, range(4), minimum=1)) == list(range(4))
        return
    before = _children()
    results: Iterator[int] = parallel.ordered_map(_slow, range(4), minimum=1)
    assert next(results) == 0
    started = _children() - before
    assert len(started) == 1
    (pid,) = started
    previous = signal.signal(signal.SIGALRM, _too_late)
    signal.setitimer(signal.ITIMER_REAL, 10)
    try:
        results.close()
    except TimeoutError:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    # Killed and reaped: no process, not even a zombie, is left with that id.
    assert _children() - before == set()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def _children() -> set[int]:
    """The ids of this process's children (Linux)."""
    found = set()
    for task in os.listdir(f"/proc/{PARENT}/task"):
        with open(f"/proc/{PARENT}/task/{task}/children") as listing:
            found.update(int(pid) for pid in listing.read().split())
    return found


def test_dot_export_is_the_same_on_one_core_and_two(monkeypatch: pytest.MonkeyPatch) -> None:
    amap = loads(generate(400), "brief.argdown")
    monkeypatch.setattr(parallel, "MINIMUM", 1)
    shared = dot.export(amap)
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    alone = dot.export(amap)
    assert shared == alone
    assert shared.count(" [shape=") == len(amap.nodes)
