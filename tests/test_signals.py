"""Ctrl-C during a long run: exit 130, a short message, nothing half-written left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.generate import generate

ROOT = Path(__file__).resolve().parent.parent


def test_interrupted_export_leaves_no_file(tmp_path: Path) -> None:
    brief = tmp_path / "big.argdown"
    brief.write_text(generate(100_000), encoding="utf-8")
    output = tmp_path / "out" / "map.json"
    output.parent.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "export", str(brief), "-o", str(output)],
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        # Children of a non-interactive shell ignore SIGINT; restore the default.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(2.0)  # well into reading a brief this size, long before it is written
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr.decode()
    assert stderr.decode().strip().splitlines()[-1] == "argmap: interrupted"
    assert "Traceback" not in stderr.decode()
    assert list(output.parent.iterdir()) == []
