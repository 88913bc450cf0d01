"""Writing files without harming them (argmap.output): what kind of file the target is
decides how it is written, and nothing is ever left half-written.

Every test works in its own temporary folder; the "device" is a private one made there.
"""

from __future__ import annotations

import os
import signal
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap import output
from argmap.output import ChangedError, OutputError, Terminated

ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (chown, mknod)")


@pytest.fixture
def signals() -> Iterator[None]:
    """Put the handlers of SIGINT, SIGTERM and SIGHUP back as they were."""
    saved = {signum: signal.getsignal(signum) for signum in output._ENDING}
    try:
        yield
    finally:
        for signum, handler in saved.items():
            if handler is not None:
                signal.signal(signum, handler)


def _files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# --- regular files ----------------------------------------------------------------------


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        output.write_file(str(tmp_path / "map.json"), "{}\n")
    finally:
        os.umask(previous)
    assert (tmp_path / "map.json").read_text() == "{}\n"
    assert stat.S_IMODE((tmp_path / "map.json").stat().st_mode) == 0o640
    assert _files(tmp_path) == ["map.json"]


def test_a_file_is_replaced_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "map.json"
    target.write_text("old")
    target.chmod(0o604)
    output.write_file(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert _files(tmp_path) == ["map.json"]


@ROOT_ONLY
def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "brief.argdown"
    target.write_text("# Old\n")
    os.chown(target, 1234, 2345)
    _, state = output.read_state(str(target))
    output.rewrite(str(target), "# New\n", state)
    assert target.read_text() == "# New\n"
    assert (target.stat().st_uid, target.stat().st_gid) == (1234, 2345)
    output.write_file(str(target), "# Again\n")
    assert (target.stat().st_uid, target.stat().st_gid) == (1234, 2345)


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o000])
def test_a_read_only_file_is_never_replaced(tmp_path: Path, mode: int) -> None:
    # Even as root, who could write it: a file without a write bit says "leave me".
    target = tmp_path / "map.json"
    target.write_text("keep")
    target.chmod(mode)
    with pytest.raises(OutputError) as error:
        output.write_file(str(target), "new")
    assert str(error.value) == f"{target}: read-only file; not replaced"
    target.chmod(0o644)
    assert target.read_text() == "keep"
    assert _files(tmp_path) == ["map.json"]


def test_fmt_never_replaces_a_read_only_brief(tmp_path: Path) -> None:
    brief = tmp_path / "brief.argdown"
    brief.write_text("# Old\n")
    _, state = output.read_state(str(brief))
    brief.chmod(0o444)
    with pytest.raises(OutputError) as error:
        output.rewrite(str(brief), "# New\n", state)
    assert str(error.value) == f"{brief}: read-only file; not replaced"
    assert brief.read_text() == "# Old\n"


# --- links ------------------------------------------------------------------------------


def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "links").mkdir()
    target = tmp_path / "real" / "brief.argdown"
    target.write_text("# Old\n")
    target.chmod(0o640)
    link = tmp_path / "links" / "brief.argdown"
    link.symlink_to(target)
    data, state = output.read_state(str(link))
    assert data == b"# Old\n"
    output.rewrite(str(link), "# New\n", state)
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert target.read_text() == "# New\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    # No temporary file left in either folder.
    assert _files(tmp_path / "real") == ["brief.argdown"]
    assert _files(tmp_path / "links") == ["brief.argdown"]


def test_a_relative_symlink_chain_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("old")
    (tmp_path / "one").symlink_to("real.json")
    (tmp_path / "two").symlink_to("one")
    output.write_file(str(tmp_path / "two"), iter(["n", "ew"]))
    assert (tmp_path / "real.json").read_text() == "new"
    assert os.readlink(tmp_path / "two") == "one"
    assert os.readlink(tmp_path / "one") == "real.json"


def test_a_dangling_symlink_gets_its_file(tmp_path: Path) -> None:
    link = tmp_path / "map.json"
    link.symlink_to("made.json")
    output.write_file(str(link), "{}")
    assert link.is_symlink()
    assert (tmp_path / "made.json").read_text() == "{}"


def test_a_symlink_loop_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OutputError) as error:
        output.write_file(str(tmp_path / "a"), "x")
    assert str(error.value) == f"{tmp_path / 'a'}: cannot write: Too many levels of symbolic links"
    assert _files(tmp_path) == ["a", "b"]


def test_a_symlink_to_a_read_only_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "real").write_text("keep")
    (tmp_path / "real").chmod(0o444)
    (tmp_path / "link").symlink_to("real")
    with pytest.raises(OutputError) as error:
        output.write_file(str(tmp_path / "link"), "x")
    assert str(error.value) == f"{tmp_path / 'link'}: read-only file; not replaced"
    assert (tmp_path / "real").read_text() == "keep"


def test_hard_links_stay_one_file(tmp_path: Path) -> None:
    brief = tmp_path / "brief.argdown"
    brief.write_text("# A long old title\n")
    other = tmp_path / "other-name.argdown"
    os.link(brief, other)
    inode = brief.stat().st_ino
    _, state = output.read_state(str(brief))
    output.rewrite(str(brief), "# New\n", state)
    assert other.read_text() == "# New\n"  # shorter: the old tail is cut off
    assert brief.stat().st_ino == inode
    assert brief.stat().st_nlink == 2
    output.write_file(str(other), "# Longer than before, again\n")
    assert brief.read_text() == "# Longer than before, again\n"
    assert _files(tmp_path) == ["brief.argdown", "other-name.argdown"]


def test_a_hard_linked_file_is_untouched_when_the_payload_fails(tmp_path: Path) -> None:
    target = tmp_path / "map.json"
    target.write_text("keep")
    os.link(target, tmp_path / "again.json")
    with pytest.raises(RuntimeError, match="broken exporter"):
        output.write_file(str(target), _failing_pieces())
    assert target.read_text() == "keep"
    assert _files(tmp_path) == ["again.json", "map.json"]


def test_a_signal_during_the_copy_into_a_hard_linked_file_waits_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signals: None
) -> None:
    import shutil

    output.handle_termination()
    target = tmp_path / "map.json"
    target.write_text("old text, longer than the new one")
    os.link(target, tmp_path / "again.json")
    copy = shutil.copyfileobj

    def interrupted(source: object, destination: object, length: int = 0) -> None:
        signal.raise_signal(signal.SIGTERM)  # in the middle of writing over the file
        copy(source, destination, length)  # type: ignore[arg-type]

    monkeypatch.setattr(shutil, "copyfileobj", interrupted)
    with pytest.raises(Terminated) as ended:
        output.write_file(str(target), "new")
    assert ended.value.signum == signal.SIGTERM
    assert target.read_text() == "new"  # complete, then the signal acted


# --- pipes, devices, folders ------------------------------------------------------------


def test_a_fifo_is_written_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read)
    reader.start()
    output.write_file(str(fifo), iter(["x" * 100_000, "y"]))
    reader.join()
    assert received == [b"x" * 100_000 + b"y"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _files(tmp_path) == ["pipe"]


def test_a_symlink_to_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "link").symlink_to("pipe")
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    output.write_file(str(tmp_path / "link"), b"\x89PNG")
    reader.join()
    assert received == [b"\x89PNG"]
    assert (tmp_path / "link").is_symlink()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@ROOT_ONLY
def test_a_character_device_is_written_not_replaced(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null
    output.write_file(str(null), "anything")
    output.write_file(str(null), iter(["pieces"]))
    status = os.lstat(null)
    assert stat.S_ISCHR(status.st_mode)
    assert status.st_rdev == os.makedev(1, 3)
    assert _files(tmp_path) == ["null"]


def test_fmt_does_not_rewrite_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    state = output.snapshot(str(fifo), b"")
    with pytest.raises(OutputError) as error:
        output.rewrite(str(fifo), "# New\n", state)
    assert str(error.value) == f"{fifo}: not a regular file; not rewritten"


def test_a_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as error:
        output.write_file(str(tmp_path), "x")
    assert str(error.value) == f"{tmp_path}: is a folder, not a file"


@pytest.mark.parametrize("exists", [False, True])
def test_a_trailing_slash_is_an_error(tmp_path: Path, exists: bool) -> None:
    if exists:
        (tmp_path / "newdir").mkdir()
    path = f"{tmp_path / 'newdir'}/"
    with pytest.raises(OutputError) as error:
        output.write_file(path, "x")
    assert str(error.value) == f"{path}: names a folder, not a file"
    assert _files(tmp_path) == (["newdir"] if exists else [])


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "deeper" / "map.json"
    with pytest.raises(OutputError) as error:
        output.write_file(str(path), "x")
    assert str(error.value) == f"{path}: folder {tmp_path / 'missing' / 'deeper'} does not exist"
    assert _files(tmp_path) == []


def test_a_file_as_a_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "brief.argdown").write_text("# A\n")
    path = tmp_path / "brief.argdown" / "map.json"
    with pytest.raises(OutputError) as error:
        output.write_file(str(path), "x")
    assert str(error.value) == f"{path}: {tmp_path / 'brief.argdown'} is not a folder"


@pytest.mark.parametrize("name", ["brief.argdown", "hard-link", "symlink"])
def test_an_export_never_writes_over_its_brief(tmp_path: Path, name: str) -> None:
    brief = tmp_path / "brief.argdown"
    brief.write_text("# A\n")
    os.link(brief, tmp_path / "hard-link")
    (tmp_path / "symlink").symlink_to("brief.argdown")
    pieces = _counted_pieces()
    with pytest.raises(OutputError) as error:
        output.write_file(str(tmp_path / name), pieces, brief=str(brief))
    assert str(error.value) == f"{tmp_path / name}: refusing to overwrite the input brief"
    assert brief.read_text() == "# A\n"
    assert pieces.gi_frame is None  # closed, never run  # type: ignore[attr-defined]


# --- payloads ---------------------------------------------------------------------------


def _failing_pieces() -> Iterator[str]:
    for _ in range(300):
        yield "x" * 1000  # past a chunk or two: some of it is written already
    raise RuntimeError("broken exporter")


def _counted_pieces() -> Iterator[str]:
    yield "never made"


@pytest.mark.parametrize("existing", [False, True])
def test_a_payload_that_fails_midway_leaves_nothing(tmp_path: Path, existing: bool) -> None:
    target = tmp_path / "map.json"
    if existing:
        target.write_text("keep")
    with pytest.raises(RuntimeError, match="broken exporter"):
        output.write_file(str(target), _failing_pieces())
    assert _files(tmp_path) == (["map.json"] if existing else [])
    if existing:
        assert target.read_text() == "keep"


def test_pieces_are_written_in_order_and_closed(tmp_path: Path) -> None:
    closed: list[bool] = []

    def pieces() -> Iterator[str]:
        try:
            for number in range(100_000):
                yield f"{number}\n"
        finally:
            closed.append(True)

    output.write_file(str(tmp_path / "numbers.txt"), pieces())
    lines = (tmp_path / "numbers.txt").read_text().splitlines()
    assert lines == [str(number) for number in range(100_000)]
    assert closed == [True]


def test_text_is_written_as_utf8(tmp_path: Path) -> None:
    output.write_file(str(tmp_path / "map.txt"), "Japan–ROK ✓\n")
    assert (tmp_path / "map.txt").read_bytes() == "Japan–ROK ✓\n".encode()


def test_write_stdout(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    output.write_stdout("text, ")
    output.write_stdout(b"bytes, ")
    output.write_stdout(iter(["pie", "ces\n"]))
    assert capfdbinary.readouterr().out == b"text, bytes, pieces\n"


# --- rewriting in place (fmt) -----------------------------------------------------------


def test_rewrite_replaces_an_unchanged_brief(tmp_path: Path) -> None:
    brief = tmp_path / "brief.argdown"
    brief.write_text("#  Old\n")
    data, state = output.read_state(str(brief))
    assert data == b"#  Old\n"
    output.rewrite(str(brief), "# Old\n", state)
    assert brief.read_text() == "# Old\n"
    assert _files(tmp_path) == ["brief.argdown"]


def test_rewrite_refuses_a_brief_saved_meanwhile(tmp_path: Path) -> None:
    brief = tmp_path / "brief.argdown"
    brief.write_text("# Old\n")
    _, state = output.read_state(str(brief))
    # An editor saves while fmt works: same size, and the same time to the nanosecond
    # (a coarse clock), so that only the bytes tell.
    times = brief.stat()
    with open(brief, "r+b") as editor:
        editor.write(b"# Mew\n")
    os.utime(brief, ns=(times.st_atime_ns, times.st_mtime_ns))
    with pytest.raises(ChangedError) as error:
        output.rewrite(str(brief), "# Formatted\n", state)
    assert str(error.value) == f"{brief}: changed since it was read; not rewritten"
    assert brief.read_text() == "# Mew\n"
    assert _files(tmp_path) == ["brief.argdown"]


def test_rewrite_refuses_a_brief_replaced_meanwhile(tmp_path: Path) -> None:
    # Editors save by renaming a new file into place: a new inode.
    brief = tmp_path / "brief.argdown"
    brief.write_text("# Old\n")
    state = output.snapshot(str(brief), brief.read_bytes())
    (tmp_path / "saved").write_text("# Edited\n")
    os.replace(tmp_path / "saved", brief)
    with pytest.raises(ChangedError):
        output.rewrite(str(brief), "# Formatted\n", state)
    assert brief.read_text() == "# Edited\n"


def test_rewrite_does_not_bring_back_a_deleted_brief(tmp_path: Path) -> None:
    brief = tmp_path / "brief.argdown"
    brief.write_text("# Old\n")
    _, state = output.read_state(str(brief))
    brief.unlink()
    with pytest.raises(ChangedError):
        output.rewrite(str(brief), "# Formatted\n", state)
    assert _files(tmp_path) == []


def test_rewrite_refuses_a_changed_hard_linked_brief(tmp_path: Path) -> None:
    brief = tmp_path / "brief.argdown"
    brief.write_text("# Old\n")
    os.link(brief, tmp_path / "other")
    _, state = output.read_state(str(brief))
    (tmp_path / "other").write_text("# Edited elsewhere\n")
    with pytest.raises(ChangedError):
        output.rewrite(str(brief), "# Formatted\n", state)
    assert brief.read_text() == "# Edited elsewhere\n"


def test_a_state_taken_before_reading_sees_a_change_after(tmp_path: Path) -> None:
    brief = tmp_path / "brief.argdown"
    brief.write_text("# Old\n")
    state = output.state_of(str(brief))
    assert brief.read_text() == "# Old\n"  # the reading for good
    output.rewrite(str(brief), "# Formatted\n", state)
    assert brief.read_text() == "# Formatted\n"
    state = output.state_of(str(brief))
    brief.write_text("# Edited\n")
    with pytest.raises(ChangedError):
        output.rewrite(str(brief), "# Again\n", state)
    assert brief.read_text() == "# Edited\n"


def test_the_state_of_a_missing_file_is_none(tmp_path: Path) -> None:
    assert output.state_of(str(tmp_path / "missing")) is None
    (tmp_path / "appeared").write_text("# New\n")
    with pytest.raises(ChangedError):
        output.rewrite(str(tmp_path / "appeared"), "# Formatted\n", None)
    assert (tmp_path / "appeared").read_text() == "# New\n"


def test_the_state_of_a_fifo_takes_nothing_from_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    state = output.state_of(str(fifo))  # no writer: must not wait
    with pytest.raises(OutputError) as error:
        output.rewrite(str(fifo), "# New\n", state)
    assert str(error.value) == f"{fifo}: not a regular file; not rewritten"


def test_a_snapshot_taken_late_still_sees_the_change(tmp_path: Path) -> None:
    # The bytes were read, then the file changed, then the snapshot was taken.
    brief = tmp_path / "brief.argdown"
    brief.write_text("# Old\n")
    data = brief.read_bytes()
    brief.write_text("# Edited\n")
    state = output.snapshot(str(brief), data)
    with pytest.raises(ChangedError):
        output.rewrite(str(brief), "# Formatted\n", state)
    assert brief.read_text() == "# Edited\n"


# --- signals ----------------------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_termination_raises_with_the_signal(signals: None, signum: int) -> None:
    output.handle_termination()
    with pytest.raises(Terminated) as ended:
        signal.raise_signal(signum)
    assert ended.value.signum == signum
    # A second signal while cleaning up is ignored: the cleanup runs to its end.
    signal.raise_signal(signal.SIGTERM)
    signal.raise_signal(signal.SIGINT)


def test_sigint_ends_the_same_way(signals: None) -> None:
    output.handle_termination()
    with pytest.raises(Terminated) as ended:
        signal.raise_signal(signal.SIGINT)
    assert ended.value.signum == signal.SIGINT
    assert 128 + ended.value.signum == 130


def test_someone_elses_sigint_handler_is_kept(signals: None) -> None:
    def theirs(signum: int, frame: object) -> None:
        pass

    signal.signal(signal.SIGINT, theirs)
    output.handle_termination()
    assert signal.getsignal(signal.SIGINT) is theirs


def test_an_ignored_hangup_stays_ignored(signals: None) -> None:
    # `nohup argmap …`: the hangup must not end the command.
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    output.handle_termination()
    signal.raise_signal(signal.SIGHUP)
    assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN


def test_a_terminated_write_leaves_nothing(tmp_path: Path, signals: None) -> None:
    output.handle_termination()
    target = tmp_path / "map.json"
    target.write_text("keep")

    def pieces() -> Iterator[str]:
        yield "x" * 200_000
        signal.raise_signal(signal.SIGTERM)
        yield "never"

    with pytest.raises(Terminated):
        output.write_file(str(target), pieces())
    assert target.read_text() == "keep"
    assert _files(tmp_path) == ["map.json"]


# --- as an unprivileged user --------------------------------------------------------------

NOBODY = 65534
SEED = Path(__file__).resolve().parents[1] / "briefs" / "japan-rok-trilateral.argdown"


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder anyone may write in (as /tmp is), for a user without privileges."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="argmap-shared-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def _export_as_nobody(target: Path) -> tuple[int, str]:
    """``argmap export SEED -o target`` as the user nobody. Python itself may live where
    nobody cannot read (a root-only home), so the child runs the export once as root
    into a scratch file, which loads every module it needs, then drops to nobody and runs
    it again, in the same process."""
    import subprocess
    import sys

    code = f"""
import os, sys
from argmap.cli import main

def export(target):
    try:
        main.main(["export", {str(SEED)!r}, "--format", "json", "-o", target],
                  prog_name="argmap", standalone_mode=False)
    except SystemExit as done:
        return done.code or 0
    return 0

scratch = {str(target.parent / "scratch.json")!r}
export(scratch)
os.unlink(scratch)
os.setgid({NOBODY})
os.setuid({NOBODY})
sys.exit(export({str(target)!r}))
"""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        check=False,
    )
    return done.returncode, done.stderr


@ROOT_ONLY
def test_a_user_never_replaces_a_file_they_could_not_write(shared_folder: Path) -> None:
    # Root's file in a folder everyone may write in: renaming over it would work, and
    # would replace a file the user could not have written with `>`.
    target = shared_folder / "roots.json"
    target.write_text("root's\n")
    target.chmod(0o644)
    code, message = _export_as_nobody(target)
    assert code == 2, message
    assert message.endswith("not replaced\n"), message
    assert target.read_text() == "root's\n"
    assert target.stat().st_uid == 0
    assert _files(shared_folder) == ["roots.json"]


@ROOT_ONLY
def test_a_user_never_replaces_their_own_read_only_file(shared_folder: Path) -> None:
    target = shared_folder / "mine.json"
    target.write_text("kept\n")
    os.chown(target, NOBODY, NOBODY)
    target.chmod(0o444)
    code, message = _export_as_nobody(target)
    assert code == 2, message
    assert message.endswith("read-only file; not replaced\n"), message
    assert target.read_text() == "kept\n"


@ROOT_ONLY
def test_a_user_rewrites_their_own_file_and_keeps_it_theirs(shared_folder: Path) -> None:
    target = shared_folder / "mine.json"
    target.write_text("old\n")
    os.chown(target, NOBODY, NOBODY)
    target.chmod(0o640)
    code, message = _export_as_nobody(target)
    assert code == 0, message
    assert target.read_text().startswith("{")
    status = target.stat()
    assert (status.st_uid, status.st_gid, stat.S_IMODE(status.st_mode)) == (NOBODY, NOBODY, 0o640)
    assert _files(shared_folder) == ["mine.json"]
