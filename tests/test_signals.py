"""Ctrl-C during a long run: exit 130, a short message, nothing half-written left behind.

The run is made long by the test, not by argmap's speed: the brief comes through a pipe
that the test keeps open, so argmap is still reading it, however fast it is, when the
interrupt comes.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.generate import generate

ROOT = Path(__file__).resolve().parent.parent


def test_interrupted_export_leaves_no_file(tmp_path: Path) -> None:
    output = tmp_path / "out" / "map.json"
    output.parent.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "export", "-", "-o", str(output)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        # Children of a non-interactive shell ignore SIGINT; restore the default.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdin is not None
    # Far more than a pipe holds (64 KiB): the write returns only once argmap has read
    # most of it, so argmap is past its start-up and in the middle of reading the brief.
    brief = generate(10_000).encode("utf-8")
    assert len(brief) > 1 << 20
    process.stdin.write(brief)
    process.stdin.flush()
    # The pipe stays open: argmap waits for the rest of the brief until interrupted.
    assert process.poll() is None
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    message = stderr.decode()
    assert process.returncode == 130, message
    assert message.strip().splitlines()[-1] == "argmap: interrupted"
    assert "Traceback" not in message
    assert "KeyboardInterrupt" not in message
    assert list(output.parent.iterdir()) == []


# --- SIGTERM, SIGHUP and SIGINT at several points ---------------------------------------
#
# The library tests run a small script that uses argmap.output as the command does; the
# command tests need argmap's entry point to install argmap.output.handle_termination and
# to exit with 128 + the signal on argmap.output.Terminated.

ENDINGS = [
    pytest.param(signal.SIGTERM, id="SIGTERM"),
    pytest.param(signal.SIGHUP, id="SIGHUP"),
    pytest.param(signal.SIGINT, id="SIGINT"),
]


def _default_signals() -> None:  # pragma: no cover - runs in the child
    # Children of a non-interactive shell ignore SIGINT, and a job started under nohup
    # (or by a runner that ignores hangups) ignores SIGHUP; argmap keeps a signal that is
    # ignored ignored, so the child starts with the defaults the user's shell would give.
    for signum in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, signal.SIG_DFL)


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _script(folder: Path, body: str) -> Path:
    """A script that runs ``body`` the way the command runs: termination handled, and the
    exit status 128 + the signal."""
    script = folder / "script.py"
    script.write_text(
        "import sys\n"
        "from argmap import output\n"
        "output.handle_termination()\n"
        "try:\n"
        + textwrap.indent(textwrap.dedent(body), "    ")
        + "except output.Terminated as ended:\n"
        "    sys.exit(128 + ended.signum)\n"
        "except KeyboardInterrupt:\n"
        "    sys.exit(130)\n"
    )
    return script


def _stat_fields(pid: int) -> tuple[str, list[str]] | None:
    """The command name and the fields after it in /proc/PID/stat; None if gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :].split()


def _children(pid: int, name: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields is not None and fields[0] == name and int(fields[1][1]) == pid:
                found.append(int(entry.name))
    return found


def _wait_for(check: Callable[[], bool], process: subprocess.Popen[bytes], what: str) -> None:
    """Poll until ``check()`` holds (the process is at the point to interrupt)."""
    deadline = time.monotonic() + 120
    while not check():
        if process.poll() is not None:
            pytest.fail(f"the process ended before {what}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"no {what} within two minutes")
        time.sleep(0.01)


def _graph(nodes: int) -> str:
    """A DOT graph with crossing edges everywhere, that `dot` takes seconds to lay out."""
    edges = "".join(
        f"n{i} -> n{(i * 7919) % nodes};n{i} -> n{(i * 104729) % nodes};" for i in range(nodes)
    )
    return "digraph {" + edges + "}"


@pytest.mark.parametrize("signum", ENDINGS)
def test_a_signal_while_writing_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "out" / "map.json"
    target.parent.mkdir()
    target.write_text("the old map")
    script = _script(
        tmp_path,
        """
        def pieces():
            yield "x" * 200_000  # a chunk: written to the temporary file
            print("writing", flush=True)
            sys.stdin.readline()  # waits here until the test is done
            yield "the rest"

        output.write_file(sys.argv[1], pieces())
        """,
    )
    process = subprocess.Popen(
        [sys.executable, str(script), str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(),
        preexec_fn=_default_signals,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == b"writing\n"
    # The point of the test: the temporary file is there when the signal comes.
    names = sorted(path.name[:8] for path in target.parent.iterdir())
    assert names == [".argmap-", "map.json"]
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, stderr.decode()
    assert [path.name for path in target.parent.iterdir()] == ["map.json"]
    assert target.read_text() == "the old map"


@pytest.mark.needs("dot")
@pytest.mark.parametrize("signum", ENDINGS)
def test_a_signal_while_graphviz_draws_ends_dot_too(tmp_path: Path, signum: int) -> None:
    (tmp_path / "map.dot").write_text(_graph(1500))
    script = _script(
        tmp_path,
        """
        from argmap.exporters import graphviz

        source = open(sys.argv[1]).read()
        output.write_file(sys.argv[2], graphviz.render(source, "svg"))
        """,
    )
    target = tmp_path / "map.svg"
    process = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "map.dot"), str(target)],
        stderr=subprocess.PIPE,
        env=_environment(),
        preexec_fn=_default_signals,
    )
    _wait_for(lambda: bool(_children(process.pid, "dot")), process, "dot child")
    drawing = _children(process.pid, "dot")
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, stderr.decode()
    # Killed, and waited for: not running, not even left as a zombie.
    assert [pid for pid in drawing if _stat_fields(pid) is not None] == []
    assert not target.exists()


@pytest.mark.parametrize("signum", ENDINGS)
def test_a_signal_just_before_the_rename_leaves_the_brief(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    from argmap import output

    saved = {
        number: signal.getsignal(number)
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    }
    brief = tmp_path / "brief.argdown"
    brief.write_text("#  Old\n")
    _, state = output.read_state(str(brief))
    renamed: list[str] = []

    def interrupted(source: str, destination: str) -> None:
        renamed.append(source)
        signal.raise_signal(signum)

    monkeypatch.setattr(os, "replace", interrupted)
    try:
        output.handle_termination()
        with pytest.raises((output.Terminated, KeyboardInterrupt)):
            output.rewrite(str(brief), "# Old\n", state)
    finally:
        for number, handler in saved.items():
            if handler is not None:
                signal.signal(number, handler)
    assert len(renamed) == 1
    assert [path.name for path in tmp_path.iterdir()] == ["brief.argdown"]
    assert brief.read_text() == "#  Old\n"


@pytest.mark.parametrize("signum", ENDINGS)
def test_a_signal_while_reading_the_brief(tmp_path: Path, signum: int) -> None:
    output = tmp_path / "out" / "map.json"
    output.parent.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "export", "-", "-o", str(output)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(),
        cwd=ROOT,
        preexec_fn=_default_signals,
    )
    assert process.stdin is not None
    process.stdin.write(generate(10_000).encode("utf-8"))  # more than a pipe holds
    process.stdin.flush()
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    message = stderr.decode()
    assert process.returncode == 128 + signum, message
    assert "Traceback" not in message
    assert list(output.parent.iterdir()) == []


@pytest.mark.needs("dot")
@pytest.mark.parametrize("signum", ENDINGS)
def test_a_signal_during_an_svg_export_ends_dot_too(tmp_path: Path, signum: int) -> None:
    brief = tmp_path / "brief.argdown"
    brief.write_text(generate(5_000))  # about 9 s of `dot` layout
    output = tmp_path / "out" / "map.svg"
    output.parent.mkdir()
    output.write_text("the old drawing")
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "export", str(brief), "-o", str(output)],
        stderr=subprocess.PIPE,
        env=_environment(),
        cwd=ROOT,
        preexec_fn=_default_signals,
    )
    _wait_for(lambda: bool(_children(process.pid, "dot")), process, "dot child")
    drawing = _children(process.pid, "dot")
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    message = stderr.decode()
    assert process.returncode == 128 + signum, message
    assert "Traceback" not in message
    assert [pid for pid in drawing if _stat_fields(pid) is not None] == []
    assert [path.name for path in output.parent.iterdir()] == ["map.svg"]
    assert output.read_text() == "the old drawing"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_while_fmt_reads(tmp_path: Path, signum: int) -> None:
    # The brief is a pipe that the test keeps open: fmt is still reading when the signal
    # comes, however fast it is.
    brief = tmp_path / "brief.argdown"
    os.mkfifo(brief)
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "fmt", str(brief)],
        stderr=subprocess.PIPE,
        env=_environment(),
        cwd=ROOT,
        preexec_fn=_default_signals,
    )
    with open(brief, "wb") as writer:
        writer.write(generate(1_000).encode("utf-8"))
        writer.flush()
        process.send_signal(signum)
    # The writer is closed after the signal: a signal that lands between two reads of a
    # pipe is acted on when the next read returns (Python runs handlers between steps,
    # not inside a blocking read), so a writer that never closed would hold fmt too.
    _, stderr = process.communicate(timeout=60)
    message = stderr.decode()
    assert process.returncode == 128 + signum, message
    assert "Traceback" not in message
    assert [path.name for path in tmp_path.iterdir()] == ["brief.argdown"]
    assert stat.S_ISFIFO(os.lstat(brief).st_mode)
