"""A second core for the longest steps: a helper process, forked before the work begins.

CPython runs Python code on one core at a time. A few steps of argmap are long and made of
independent pieces — the node lines of a DOT export of a large map, for instance — and
can be shared with a second process.

That process is a :class:`Helper`: a copy of this one made by ``fork`` *before* a large
brief is read. At that point the process is small, so the two share little memory. (A
fork made later, with the map in memory, costs both processes a page fault for every page
of the map that they touch: measured here, each node of a 100,000-statement DOT export
then took 40 % longer, which ate most of the gain.) The helper waits for one task — a
function and its argument, pickled through a pipe — and sends back the bytes the function
gives, through another pipe, as the parent reads them. Then it leaves with ``os._exit``,
so it never runs this process's clean-up, flushes its buffers or touches its files. If
this process dies, the helper's pipes end and it leaves too; :meth:`Helper.close` ends it
in any case.

A helper is started only where that is safe: on Linux, with a second CPU to run on, and
with no other thread in the process (a fork copies only the calling thread, not the locks
the others hold). Elsewhere :func:`start_helper` gives None. A task's function must be
defined at the top level of a module (it is pickled by name), and whoever hands out a task
must be ready to finish it alone: a helper that fails gives fewer bytes than it should, or
none, so its output must tell where it stops (the DOT export counts whole lines).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterator
from typing import IO, NoReturn, TypeVar

__all__ = ["Helper", "can_fork", "start_helper"]

T = TypeVar("T")


def can_fork() -> bool:
    """Whether a helper process may run here (see the module docstring)."""
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return False
    try:
        if len(os.sched_getaffinity(0)) < 2:
            return False
    except OSError:
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def start_helper() -> Helper | None:
    """A helper process waiting for its task; None where none can run."""
    if not can_fork():
        return None
    pipes: list[int] = []
    try:
        tasks, task_writer = os.pipe()
        pipes += (tasks, task_writer)
        result_reader, results = os.pipe()
        pipes += (result_reader, results)
        pid = os.fork()
    except OSError:
        for fd in pipes:
            os.close(fd)
        return None
    if pid == 0:
        os.close(task_writer)
        os.close(result_reader)
        _serve(tasks, results)
    os.close(tasks)
    os.close(results)
    return Helper(pid, os.fdopen(task_writer, "wb"), result_reader)


class Helper:
    """A forked process that does one task: :meth:`submit` it, read what it gives with
    :meth:`output`, :meth:`close` (or ``with``) to let the process go."""

    def __init__(self, pid: int, tasks: IO[bytes], results: int) -> None:
        self._pid: int | None = pid
        self._tasks = tasks
        self._results = results
        self._submitted = False

    def __enter__(self) -> Helper:
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()

    def submit(self, function: Callable[[T], bytes], argument: T) -> bool:
        """Hand ``function(argument)`` to the helper; False if it cannot take it (it is
        busy or done already, or gone). Read the bytes it gives with :meth:`output`."""
        if self._submitted or self._pid is None:
            return False
        self._submitted = True
        try:
            pickle.dump((function, argument), self._tasks, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # a value pickle cannot send, or a helper gone
            self.close()
            return False
        finally:
            with contextlib.suppress(OSError):
                self._tasks.close()  # the task is whole (or broken off): the helper starts
        return True

    def output(self, size: int = 1 << 20) -> Iterator[bytes]:
        """The bytes the task gave, in pieces of at most ``size`` as they come; fewer (or
        none) if the helper failed, or had no task."""
        if not self._submitted or self._pid is None:
            return
        while True:
            try:
                piece = os.read(self._results, size)
            except OSError:
                return
            if not piece:
                return
            yield piece

    def close(self) -> None:
        """End the helper if it is still running (or leaving), and let it go."""
        if self._pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = None
        with contextlib.suppress(OSError):
            self._tasks.close()
        if self._results >= 0:
            os.close(self._results)
            self._results = -1


def _serve(tasks: int, results: int) -> NoReturn:
    """In the helper: read the task, do it, write the bytes it gives, and leave at once."""
    code = 1
    try:
        # Hold no terminal or pipe of the parent's: a reader of its output sees the end
        # when the parent ends.
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        with os.fdopen(tasks, "rb") as stream:
            data = stream.read()
        if data:  # nothing comes if no task was handed out
            function, argument = pickle.loads(data)
            del data
            value = function(argument)
            if isinstance(value, bytes):
                with os.fdopen(results, "wb") as out:
                    out.write(value)
                code = 0
    finally:
        # Whatever happened (Ctrl-C reaches the helper too): nothing of the parent's runs.
        os._exit(code)
