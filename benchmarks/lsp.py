"""The language server's re-check: from a change in the editor to the findings shown.

    python -m benchmarks.lsp                 # a 1,000-statement brief, 30 changes
    python -m benchmarks.lsp --size 10000    # a larger one

The server (``argmap lsp``) runs as an editor runs it, spoken to over stdio with the
tests' JSON-RPC client (tests/lsp/client.py). The brief is opened, then changed again and
again (a word of one statement's text changes, and a title is misspelt and put right, so
findings come and go); each time the wall time from sending ``didChange`` to receiving the
``publishDiagnostics`` of that version is measured. That includes the server's debounce
(:data:`argmap.lsp.server.DEBOUNCE`), as an editor sees it. The server's CPU time per
change (from /proc) is set against a whole ``argmap check`` process on the same file.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.__main__ import Measure

__all__ = ["LspMeasure", "lsp_case", "measure"]

TARGET = 0.150
"""Seconds from a change to its diagnostics, for a 1,000-statement brief."""


@dataclass
class LspMeasure:
    latencies: list[float]  # seconds from didChange to publishDiagnostics, one per change
    cpu_per_change: float  # the server's CPU seconds per change
    rss_mib: float  # the server's peak resident memory
    findings: int  # diagnostics published for the brief as generated

    @property
    def median(self) -> float:
        return statistics.median(self.latencies)

    @property
    def worst(self) -> float:
        return max(self.latencies)


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux: /proc/PID/stat)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _variants(text: str) -> list[str]:
    """Texts a writer passes through: a statement's text changed, and a title misspelt
    (an undefined reference appears) and then put right."""
    first = text.index("]: ") + 3
    edited = text[:first] + "Edited: " + text[first:]
    reference = text.index("\n  + [", first)
    misspelt = text[: reference + 6] + "X" + text[reference + 6 :]
    return [edited, misspelt, text]


def measure(brief: Path, changes: int = 30) -> LspMeasure:
    """Open ``brief`` in a fresh server and time ``changes`` changes of it."""
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from tests.lsp.client import Client

    text = brief.read_text(encoding="utf-8")
    variants = _variants(text)
    client = Client(cwd=root)
    try:
        client.initialize(brief.parent)
        opened = client.open(brief, text)
        pid = client.process.pid
        cpu_before = _cpu_seconds(pid)
        latencies = []
        for version in range(2, changes + 2):
            variant = variants[version % len(variants)]
            start = time.perf_counter()
            client.change(brief, variant, version)  # returns with this version's findings
            latencies.append(time.perf_counter() - start)
        cpu = (_cpu_seconds(pid) - cpu_before) / changes
        rss = _peak_mib(pid)
        client.shutdown()
    finally:
        client.close()
    return LspMeasure(latencies, cpu, rss, len(opened["diagnostics"]))


def lsp_case(
    brief: Path,
    check: Measure,
    record: Callable[[str, str, Measure, Measure | None, str], None],
    targets: list[tuple[str, bool, str]],
) -> None:
    """The row and the target of ``python -m benchmarks``: the re-check of the
    1,000-statement ``brief``, against ``check``, argmap check's process on it."""
    result = measure(brief)
    mine = Measure(result.median, result.cpu_per_change, result.rss_mib, True)
    record("argmap lsp: change → diagnostics", "1,000", mine, check, "argmap check (process)")
    targets.append(
        (
            "1,000: a change's diagnostics published within 150 ms (argmap lsp)",
            result.median <= TARGET,
            f"{result.median * 1000:.0f} ms median, {result.worst * 1000:.0f} ms worst",
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lsp", description=__doc__)
    parser.add_argument("--size", type=int, default=1_000)
    parser.add_argument("--changes", type=int, default=30)
    options = parser.parse_args(argv)

    from benchmarks.__main__ import CACHE, median, write_brief

    CACHE.mkdir(parents=True, exist_ok=True)
    brief = CACHE / f"brief-{options.size}.argdown"
    if not brief.exists():
        write_brief(brief, options.size)
    result = measure(brief, options.changes)
    check = median([sys.executable, "-m", "argmap", "check", str(brief)], 5)
    print(
        f"argmap lsp, {options.size:,} statements ({result.findings} findings), "
        f"{options.changes} changes:\n"
        f"  didChange → publishDiagnostics: median {result.median * 1000:.0f} ms, "
        f"worst {result.worst * 1000:.0f} ms (target {TARGET * 1000:.0f} ms at 1,000)\n"
        f"  server CPU per change {result.cpu_per_change * 1000:.0f} ms, "
        f"peak {result.rss_mib:.0f} MiB\n"
        f"  argmap check on the same file (whole process): {check.wall * 1000:.0f} ms wall, "
        f"{check.cpu * 1000:.0f} ms CPU: the change's diagnostics come "
        f"{check.wall / result.median:.1f}× sooner, for "
        f"{check.cpu / max(result.cpu_per_change, 1e-9):.1f}× less CPU"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
