"""A second core for long lists of independent pieces: half of the list in a child process.

CPython runs Python code on one core at a time. A few steps of argmap are long, pure and
made of independent pieces — the node statements of a DOT export of a large map, for
instance. :func:`ordered_map` has a forked child process compute the second half of such
a list while this process computes the first, then reads the child's results (pickled,
through a pipe) and goes on with them, in order.

The child is a copy of this process made by ``fork``: nothing is sent to it. It leaves
with ``os._exit`` as soon as its results are written, so it never runs this process's
clean-up, flushes its buffers or touches its files; if this process stops early, the
child is killed, and if this process dies, the child's next write fails and it leaves.

It is used only where that is safe and pays: on Linux, with a second CPU to run on, with
no other thread in the process (a fork copies only the calling thread, not the locks the
others hold), and for lists of at least :data:`MINIMUM` items (a fork costs a few
milliseconds, and each process then copies the memory pages it writes to). Anywhere else,
and if the child fails in any way, the items are computed here, in order. The result is
the same either way: the function must not depend on which process runs it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable, Generator, Sequence
from typing import IO, Generic, NoReturn, TypeVar

__all__ = ["MINIMUM", "can_fork", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")

MINIMUM = 20_000  # items in a list worth sharing with a child process


def can_fork() -> bool:
    """Whether a child process may compute part of a list here (see the module docstring)."""
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return False
    try:
        if len(os.sched_getaffinity(0)) < 2:
            return False
    except OSError:
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def ordered_map(
    function: Callable[[T], R], items: Sequence[T], minimum: int | None = None
) -> Generator[R, None, None]:
    """``function(item)`` for each of ``items``, in order, as :func:`map` gives them; the
    second half computed by a child process on another core where :func:`can_fork` and
    there are at least ``minimum`` items (:data:`MINIMUM` by default). Results must be
    picklable. The first half is computed as it is asked for."""
    if len(items) < (MINIMUM if minimum is None else minimum) or not can_fork():
        yield from map(function, items)
        return
    split = len(items) // 2
    child = _Child.start(function, items[split:])
    if child is None:
        yield from map(function, items)
        return
    try:
        for item in items[:split]:
            yield function(item)
        rest = child.results(len(items) - split)
    finally:
        child.stop()
    yield from map(function, items[split:]) if rest is None else rest


class _Child(Generic[R]):
    """A forked process computing part of a list, and the pipe its results come back by."""

    def __init__(self, pid: int, stream: IO[bytes]) -> None:
        self._pid: int | None = pid
        self._stream = stream

    @classmethod
    def start(cls, function: Callable[[T], R], items: Sequence[T]) -> _Child[R] | None:
        """Fork a child that computes ``function`` over ``items``; None if it cannot."""
        try:
            reader, writer = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            return None
        if pid == 0:
            os.close(reader)
            _compute(function, items, writer)
        os.close(writer)
        return cls(pid, os.fdopen(reader, "rb"))

    def results(self, count: int) -> list[R] | None:
        """The child's ``count`` results, once it has finished; None if it failed."""
        try:
            data = self._stream.read()
        except OSError:
            data = b""
        assert self._pid is not None
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        try:
            results = pickle.loads(data)
        except Exception:  # a child that died half-way through its writing
            return None
        if not isinstance(results, list) or len(results) != count:
            return None
        return results

    def stop(self) -> None:
        """End the child if it is still running, and let it go."""
        if self._pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = None
        self._stream.close()


def _compute(function: Callable[[T], R], items: Sequence[T], writer: int) -> NoReturn:
    """In the child: compute, write the results to ``writer``, and leave at once."""
    code = 1
    try:
        results = [function(item) for item in items]
        with os.fdopen(writer, "wb") as stream:
            pickle.dump(results, stream, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        # Whatever happened (Ctrl-C reaches the child too): nothing of the parent's runs.
        os._exit(code)
