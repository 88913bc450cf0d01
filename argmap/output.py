"""Writing output without harming a file: exports (``-o``), ``fmt`` rewriting briefs in
place, standard output, and ending cleanly on SIGTERM and SIGHUP.

What :func:`write_file` and :func:`rewrite` promise (docs/limits.md, "Writing files"):

- A regular file is replaced atomically: the new text goes to a temporary file
  (``.argmap-*``) in the same folder, which is renamed over the old one only when it is
  complete. Its mode, owner and group are kept.
- A file the user could not write with ``>`` is never replaced: a file without any write
  permission bit (mode 0444, even for root) or one the user may not write is an
  :class:`OutputError` ("read-only file; not replaced").
- A symbolic link is written through: its target is replaced, the link stays a link.
- A file with several names (hard links), one whose owner could not be kept, or one in a
  folder where no temporary file can be made is written in place, so that it stays the
  same file: the new text is first written in full to an unnamed temporary file, then
  copied over the old one (not atomic; SIGINT, SIGTERM and SIGHUP wait until the copy
  is done).
- A pipe (FIFO) or a character device (``/dev/null``, ``/dev/stdout``, a terminal) is
  opened and written, never replaced, as ``>`` does.
- A path ending in ``/``, naming a folder, or in a folder that does not exist is an
  :class:`OutputError`; so is an export over its own input brief.
- If making the text fails midway, no file is left behind and the target is untouched.
- :func:`rewrite` refuses (:class:`ChangedError`) when the file changed after it was
  read: checked just before the rename.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from types import FrameType
from typing import IO, BinaryIO

__all__ = [
    "CHUNK",
    "ChangedError",
    "FileState",
    "OutputError",
    "Payload",
    "Terminated",
    "handle_termination",
    "read_state",
    "rewrite",
    "snapshot",
    "state_of",
    "write_file",
    "write_stdout",
]

Payload = str | bytes | Iterator[str]

# Pieces of text are gathered into chunks of about this many characters before writing.
CHUNK = 1 << 16
PREFIX = ".argmap-"


class OutputError(Exception):
    """A file that cannot or must not be written; ``str()`` is the message for the user,
    starting with the path (the CLI exits with status 2)."""


class ChangedError(OutputError):
    """The file changed after it was read (say, an editor saved it): it was not rewritten
    (the CLI exits with status 1)."""


class Terminated(BaseException):
    """SIGTERM, SIGHUP or SIGINT arrived (see :func:`handle_termination`). A
    ``BaseException``, as ``KeyboardInterrupt`` is, so that only ``finally`` blocks and
    cleanup handlers see it on its way out; the command then exits with status 128 +
    :attr:`signum` (130 for Ctrl-C)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    def __str__(self) -> str:
        return f"terminated by {signal.Signals(self.signum).name}"


# --- signals ---------------------------------------------------------------------------

_ENDING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def handle_termination() -> None:
    """Make SIGTERM, SIGHUP and SIGINT raise :class:`Terminated` in the main thread, so
    that temporary files and child processes are removed on the way out instead of being
    left behind by a sudden death.

    SIGINT too, rather than ``KeyboardInterrupt``: ``subprocess`` treats a
    ``KeyboardInterrupt`` specially and kills a child (Graphviz) without waiting for it,
    which leaves a zombie behind; any other exception has the child killed and reaped.

    A signal the process was started with ignored (``nohup``, a background job) stays
    ignored. Once one of them has arrived the three are ignored, so that the cleanup it
    starts runs to its end."""
    for signum in _ENDING:
        current = signal.getsignal(signum)
        if current == signal.SIG_IGN:
            continue
        if signum == signal.SIGINT and current is not signal.default_int_handler:
            continue  # someone else's handler: theirs to keep
        signal.signal(signum, _end)


def _end(signum: int, frame: FrameType | None) -> None:
    for other in _ENDING:
        with contextlib.suppress(ValueError, OSError):
            signal.signal(other, signal.SIG_IGN)
    raise Terminated(signum)


@contextlib.contextmanager
def _held_signals() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP wait until the block is done (then act as they would
    have): for copying over a file in place, which must not stop halfway."""
    try:
        previous = {signum: signal.getsignal(signum) for signum in _ENDING}
        pending: list[int] = []

        def hold(signum: int, frame: FrameType | None) -> None:
            pending.append(signum)

        for signum, handler in previous.items():
            # None: a handler not set from Python, which cannot be put back.
            if handler is not None and handler != signal.SIG_IGN:
                signal.signal(signum, hold)
    except ValueError:  # not the main thread: signals are the main thread's business
        yield
        return
    try:
        yield
    finally:
        for signum, handler in previous.items():
            if handler is not None:
                signal.signal(signum, handler)
        if pending:
            signal.raise_signal(pending[0])


# --- writing ---------------------------------------------------------------------------


def write_stdout(payload: Payload) -> None:
    """Write ``payload`` to standard output; a reader that goes away (``| head``) ends the
    command quietly, with exit status 0 (see :func:`argmap.views.text.write`)."""
    from argmap.views.text import write

    if isinstance(payload, bytes):
        write(sys.stdout, "")  # flush the text written before the bytes
        write(sys.stdout.buffer, payload)
    elif isinstance(payload, str):
        write(sys.stdout, payload)
    else:
        with _chunks(payload) as chunks:
            for chunk in chunks:
                write(sys.stdout, chunk)


@contextlib.contextmanager
def _chunks(pieces: Iterator[str], size: int = CHUNK) -> Iterator[Iterator[str]]:
    """Small pieces of text gathered into chunks of about ``size`` characters. The pieces
    are closed on leaving, however it happens, so that the work of making them (and what
    they hold) ends with the writing, even when the command ends without freeing them."""
    try:
        yield _gathered(pieces, size)
    finally:
        close = getattr(pieces, "close", None)
        if close is not None:
            close()


def _gathered(pieces: Iterator[str], size: int) -> Iterator[str]:
    gathered: list[str] = []
    length = 0
    for piece in pieces:
        gathered.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(gathered)
            gathered.clear()
            length = 0
    if gathered:
        yield "".join(gathered)


def _write_payload(handle: IO[bytes], payload: Payload) -> None:
    if isinstance(payload, bytes):
        handle.write(payload)
    elif isinstance(payload, str):
        handle.write(payload.encode("utf-8"))
    else:
        with _chunks(payload) as chunks:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8"))


@dataclass(frozen=True)
class FileState:
    """A file as it was read: enough to tell, later, whether it changed since."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    digest: bytes  # SHA-256 of the bytes read


def snapshot(path: str, data: bytes) -> FileState:
    """The state of the file at ``path``, whose bytes, read a moment ago, are ``data``.

    Should the file change between the reading and this call, :func:`rewrite` still
    refuses: it compares the bytes on disk with ``data``, not only the file's size and
    time."""
    status = os.stat(path)
    return _state(status, data)


def read_state(path: str) -> tuple[bytes, FileState]:
    """The bytes of the file at ``path`` and its state, from one reading (``OSError`` as
    raised by ``open`` and ``read``)."""
    with open(path, "rb") as handle:
        status = os.fstat(handle.fileno())
        data = handle.read()
    return data, _state(status, data)


def state_of(path: str) -> FileState | None:
    """The state of the file at ``path`` as it is now, read in chunks (any size); None if
    it cannot be opened. Take it *before* reading the file for good: a change in between
    then makes :func:`rewrite` refuse rather than miss it. A pipe or a device is not read
    (that would take its data away): its state has no digest, and :func:`rewrite`
    refuses it."""
    try:
        # O_NONBLOCK: opening a pipe without a writer must not wait.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return FileState(status.st_dev, status.st_ino, status.st_size, 0, b"")
        return FileState(
            status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, _digest(handle)
        )


def _digest(handle: BinaryIO) -> bytes:
    import hashlib

    digest = hashlib.sha256()
    while chunk := handle.read(1 << 20):
        digest.update(chunk)
    return digest.digest()


def _state(status: os.stat_result, data: bytes) -> FileState:
    import hashlib

    return FileState(
        status.st_dev,
        status.st_ino,
        status.st_size,
        status.st_mtime_ns,
        hashlib.sha256(data).digest(),
    )


def write_file(path: str, payload: Payload, *, brief: str | None = None) -> None:
    """Write ``payload`` to the file ``path`` without harming it (see the module's
    promises); never over ``brief``, the input brief of an export.

    Raises :class:`OutputError` with a message for the user. An exception from making the
    payload (an iterator of pieces) passes through, with nothing written."""
    _write(path, payload, brief, None)


def rewrite(path: str, payload: str | bytes, state: FileState | None) -> None:
    """Replace the brief at ``path`` with ``payload`` (``fmt``), as :func:`write_file`
    does, unless it changed since it was read as ``state`` (from :func:`read_state`,
    :func:`snapshot` or :func:`state_of`; None: it could not be looked at, as good as
    changed): then :class:`ChangedError` and the file is left as it is. Only a regular
    file (or a link to one) is rewritten."""
    if state is None:
        raise ChangedError(f"{path}: changed since it was read; not rewritten")
    _write(path, payload, None, state)


def _fail(path: str, error: OSError) -> OutputError:
    return OutputError(f"{path}: cannot write: {error.strerror or error}")


def _write(path: str, payload: Payload, brief: str | None, state: FileState | None) -> None:
    try:
        if path.endswith(os.sep) or (os.altsep is not None and path.endswith(os.altsep)):
            raise OutputError(f"{path}: names a folder, not a file")
        if brief not in (None, "-") and _same_file(brief, path):
            raise OutputError(f"{path}: refusing to overwrite the input brief")
        try:
            status: os.stat_result | None = os.stat(path)  # through links, as `>` goes
        except FileNotFoundError:
            status = None
        except NotADirectoryError:
            status = None  # the folder check below says which part is not a folder
        if status is None:
            target = _link_target(path)
            _check_folder(path, target)
            _replace(path, target, payload, None, state)
        elif stat.S_ISREG(status.st_mode):
            if not _writable(path, status):
                raise OutputError(f"{path}: read-only file; not replaced")
            target = _link_target(path)
            if not _same(target, status):
                # A link that does not name its file (/dev/stdout onto a file, say).
                _overwrite(path, path, payload, state)
            elif status.st_nlink > 1:
                _overwrite(path, target, payload, state)
            else:
                _replace(path, target, payload, status, state)
        elif stat.S_ISDIR(status.st_mode):
            raise OutputError(f"{path}: is a folder, not a file")
        elif state is not None:
            raise OutputError(f"{path}: not a regular file; not rewritten")
        elif stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode):
            _write_special(path, payload)
        else:
            raise OutputError(f"{path}: not a file, a pipe or a character device; not written")
    except OSError as error:
        raise _fail(path, error) from None
    finally:
        if not isinstance(payload, (str, bytes)):
            close = getattr(payload, "close", None)
            if close is not None:
                close()  # refused before writing: the pieces are not made at all


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):
        return False


def _same(target: str, status: os.stat_result) -> bool:
    try:
        there = os.stat(target)
    except (OSError, ValueError):
        return False
    return (there.st_dev, there.st_ino) == (status.st_dev, status.st_ino)


def _link_target(path: str) -> str:
    """The file a symbolic link at ``path`` leads to; else ``path`` made absolute."""
    if not os.path.islink(path):
        return os.path.abspath(path)
    target = os.path.realpath(path)
    if os.path.islink(target):
        # realpath stops at a loop and returns a link: `>` fails there too.
        raise OutputError(f"{path}: cannot write: Too many levels of symbolic links")
    return target


def _check_folder(path: str, target: str) -> None:
    directory = os.path.dirname(target)
    if os.path.isdir(directory):
        return
    if os.path.exists(directory):
        raise OutputError(f"{path}: {directory} is not a folder")
    raise OutputError(f"{path}: folder {directory} does not exist")


def _writable(path: str, status: os.stat_result) -> bool:
    """Whether ``>`` would write the file: not without a write bit, even for root."""
    if status.st_mode & 0o222 == 0:
        return False
    return os.access(path, os.W_OK)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _unchanged(target: str, state: FileState) -> bool:
    try:
        with open(target, "rb") as handle:
            status = os.fstat(handle.fileno())
            if (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns) != (
                state.device,
                state.inode,
                state.size,
                state.mtime_ns,
            ):
                return False
            return _digest(handle) == state.digest
    except OSError:
        return False


def _check_unchanged(path: str, target: str, state: FileState | None) -> None:
    if state is not None and not _unchanged(target, state):
        raise ChangedError(f"{path}: changed since it was read; not rewritten")


def _replace(
    path: str,
    target: str,
    payload: Payload,
    status: os.stat_result | None,
    state: FileState | None,
) -> None:
    """Write a temporary file next to ``target`` and rename it over ``target``; written
    in place instead where the owner could not be kept or no temporary file can be made."""
    import tempfile

    directory = os.path.dirname(target)
    try:
        fd, temporary = tempfile.mkstemp(prefix=PREFIX, dir=directory)
    except PermissionError:
        if status is None:
            raise
        # A writable file in a folder we may not write: `>` writes it, so do we.
        _overwrite(path, target, payload, state)
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            if status is None:
                os.fchmod(handle.fileno(), 0o666 & ~_umask())
            else:
                if (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
                    try:
                        os.fchown(handle.fileno(), status.st_uid, status.st_gid)
                    except PermissionError:
                        # Someone else's file, writable by us: replacing it would make it
                        # ours. Write into it instead, as `>` would.
                        handle.close()
                        _remove(temporary)
                        _overwrite(path, target, payload, state)
                        return
                # After the chown, which clears the set-user-ID and set-group-ID bits.
                os.fchmod(handle.fileno(), stat.S_IMODE(status.st_mode))
            _write_payload(handle, payload)
        _check_unchanged(path, target, state)
        os.replace(temporary, target)
    except BaseException:
        _remove(temporary)
        raise


def _overwrite(path: str, target: str, payload: Payload, state: FileState | None) -> None:
    """Write the payload into the existing file ``target``, keeping the file itself (its
    other names, owner, mode): first all of it to an unnamed temporary file, so that a
    payload that fails leaves the file untouched, then over the file."""
    import shutil

    with _spool(os.path.dirname(target)) as spool:
        _write_payload(spool, payload)
        spool.flush()
        size = spool.tell()
        spool.seek(0)
        # No O_CREAT: if the file is gone by now, that is an error, not a new file.
        fd = os.open(target, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
        with os.fdopen(fd, "wb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OutputError(f"{path}: not a regular file any more; not written")
            _check_unchanged(path, target, state)
            with _held_signals():
                shutil.copyfileobj(spool, handle, CHUNK * 16)
                handle.flush()
                os.ftruncate(fd, size)


def _spool(directory: str) -> BinaryIO:
    """An unnamed temporary file (nothing to remove, however the process ends), in
    ``directory`` if possible: on the same disk as the file it is for."""
    import tempfile

    try:
        return tempfile.TemporaryFile(dir=directory)
    except OSError:
        return tempfile.TemporaryFile()


def _write_special(path: str, payload: Payload) -> None:
    """Write to a pipe or a character device, as ``>`` does: open it and write."""
    # No O_CREAT and no O_TRUNC: should a regular file have taken its place since it was
    # looked at, it must not be emptied (it is refused below).
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    with os.fdopen(fd, "wb") as handle:
        if stat.S_ISREG(os.fstat(fd).st_mode) or stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OutputError(f"{path}: changed while being written to; not written")
        _write_payload(handle, payload)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
