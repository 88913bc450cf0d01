"""Ctrl-C during a long run: exit 130, a short message, nothing half-written left behind.

The run is made long by the test, not by argmap's speed: the brief comes through a pipe
that the test keeps open, so argmap is still reading it, however fast it is, when the
interrupt comes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

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
