"""Benchmark argmap against a bare Python start-up and Argdown's CLI, in one run.

    python -m benchmarks                      # sizes 1,000 10,000 100,000 1,000,000
    python -m benchmarks --sizes 1000 10000   # a quicker run
    python -m benchmarks --no-argdown         # without Node.js

Every figure is a whole process (start to exit): wall time, CPU time (user + system) and
peak resident memory, the median of several runs. Each is reported as a ratio against a
baseline measured in the same run — `python -c pass` for start-up, Argdown's CLI on the
same file for the work — never as a bare time alone. Argdown's CLI is installed from npm
into a cache folder on the first run. Results go to benchmarks/RESULTS.md.

Each size is measured on two generated briefs (benchmarks/generate.py): one of relation
trees only, and one where a third of the lines of reasoning under the theses are
reconstructed arguments with premise–conclusion structures (`generate --pcs`), on which
`argmap check` is measured against `argdown json` as well.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.linear import CASES

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / ".cache"
SEED = ROOT / "briefs" / "japan-rok-trilateral.argdown"
ARGDOWN_PACKAGE = ROOT / "tools" / "argdown" / "package.json"


@dataclass
class Measure:
    wall: float
    cpu: float
    rss_mib: float
    ok: bool


def run(
    command: list[str], stdout: Path | None = None, env: dict[str, str] | None = None
) -> Measure:
    """One process: wall and CPU seconds, peak RSS in MiB (from wait4's rusage)."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL  # noqa: SIM115
    try:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    finally:
        if stdout:
            out.close()  # type: ignore[union-attr]
    code = os.waitstatus_to_exitcode(status)
    # ru_maxrss is KiB on Linux.
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code in (0, 1))


def median(
    command: list[str], repeat: int, stdout: Path | None = None, env: dict[str, str] | None = None
) -> Measure:
    """The median of ``repeat`` runs, after one unmeasured run when there are several:
    it fills the file cache and writes the .pyc files, and on a virtual machine the first
    process to touch gigabytes of memory also pays for the host backing it (touching 3 GB
    took 4.4 s the first time and 1.5 s the second on the machine in RESULTS.md)."""
    if repeat > 1:
        run(command, stdout, env)
    runs = [run(command, stdout, env) for _ in range(repeat)]
    return Measure(
        statistics.median(m.wall for m in runs),
        statistics.median(m.cpu for m in runs),
        max(m.rss_mib for m in runs),
        all(m.ok for m in runs),
    )


def argdown_cli() -> list[str] | None:
    """Argdown's CLI, installed into the cache folder (npm) on first use."""
    node = shutil.which("node")
    npm = shutil.which("npm")
    if node is None or npm is None:
        return None
    target = CACHE / "argdown"
    cli = target / "node_modules" / "@argdown" / "cli" / "dist" / "cli.js"
    if not cli.exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(ARGDOWN_PACKAGE, target / "package.json")
        print("installing @argdown/cli into", target, file=sys.stderr)
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--silent"],
            cwd=target,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return [node, str(cli)]


def write_brief(path: Path, size: int, pcs: bool = False) -> None:
    """Generate a brief into ``path`` in a process of its own: a brief of a million
    statements takes a gigabyte to build, and a process started from one that large can
    report that memory as its own peak (Linux counts the pages it starts with)."""
    command = [sys.executable, "-m", "benchmarks.generate", str(size), *(["--pcs"] if pcs else [])]
    with path.open("wb") as out:
        subprocess.run(command, stdout=out, check=True, cwd=ROOT)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{memory}; "
        f"Python {platform.python_version()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--no-argdown", action="store_true", help="Skip Argdown's CLI.")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--no-linear", action="store_true", help="Skip the former quadratic cases.")
    parser.add_argument("--no-lsp", action="store_true", help="Skip the language server's row.")
    options = parser.parse_args(argv)
    lsp = 1_000 in options.sizes and not options.no_lsp
    if lsp and importlib.util.find_spec("pygls") is None:
        # Said now, not after the half hour of measuring that comes before that row.
        parser.error(
            "the language server's row needs argmap[lsp]: pip install '.[lsp]' (or --no-lsp)"
        )

    python = sys.executable
    argmap = [python, "-m", "argmap"]
    argmap_bin = shutil.which("argmap", path=str(Path(python).parent)) or None
    if argmap_bin:
        argmap = [argmap_bin]
    argdown = None if options.no_argdown else argdown_cli()
    CACHE.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str, Measure, Measure | None, str]] = []
    targets: list[tuple[str, bool, str]] = []

    def record(what: str, size: str, mine: Measure, base: Measure | None, base_name: str) -> None:
        rows.append((what, size, mine, base, base_name))
        print(
            f"{what:<30} {size:>9}  cpu {mine.cpu:7.3f}s  rss {mine.rss_mib:7.0f} MiB"
            + (f"  vs {base_name} cpu {base.cpu:.3f}s" if base else ""),
            file=sys.stderr,
        )

    bare = median([python, "-c", "pass"], 10)
    version = median([*argmap, "--version"], 10)
    helped = median([*argmap, "--help"], 10)
    record("argmap --version", "-", version, bare, "python -c pass")
    record("argmap --help", "-", helped, bare, "python -c pass")
    targets.append(
        (
            "start-up within 3× `python -c pass`",
            max(version.wall, helped.wall) <= 3 * bare.wall,
            f"{max(version.wall, helped.wall) / bare.wall:.1f}×",
        )
    )

    seed_check = median([*argmap, "check", str(SEED)], 5)
    if argdown:
        seed_argdown = median([*argdown, str(SEED)], 3)
        record("argmap check (seed brief)", "seed", seed_check, seed_argdown, "argdown (check)")
        targets.append(
            (
                "seed brief: check ≥ 5× less CPU than argdown",
                seed_argdown.cpu >= 5 * seed_check.cpu,
                f"{seed_argdown.cpu / seed_check.cpu:.1f}×",
            )
        )
    else:
        record("argmap check (seed brief)", "seed", seed_check, None, "")

    by_size: dict[int, dict[str, Measure]] = {}
    for size in options.sizes:
        brief = CACHE / f"brief-{size}.argdown"
        if not brief.exists():
            write_brief(brief, size)
        # Targets are read at 100,000 and 1,000,000: argmap's figures are the median of
        # three runs at every size. Argdown's CLI runs out of memory at 1,000,000 after
        # minutes: one run says so.
        repeat = 3
        base_repeat = 3 if size <= 100_000 else 1
        label = f"{size:,}"
        mine = {
            "check": median([*argmap, "check", str(brief), "--format", "parsable"], repeat),
            "show": median([*argmap, "show", str(brief), "--no-color"], repeat, CACHE / "show.txt"),
            "json": median([*argmap, "export", str(brief), "--format", "json"], repeat),
            "dot": median([*argmap, "export", str(brief), "--format", "dot"], repeat),
        }
        by_size[size] = mine
        base_json = base_dot = None
        if argdown:
            base_json = median([*argdown, "json", str(brief), "--stdout", "--silent"], base_repeat)
            base_dot = median(
                [*argdown, "map", str(brief), "--stdout", "--silent", "-f", "dot"], base_repeat
            )
        record("argmap check", label, mine["check"], base_json, "argdown json")
        record("argmap show (to a file)", label, mine["show"], base_json, "argdown json")
        record("argmap export json", label, mine["json"], base_json, "argdown json")
        record("argmap export dot", label, mine["dot"], base_dot, "argdown map -f dot")
        if size == 100_000 and base_json and base_dot:
            targets.append(
                (
                    "100k: check ≥ 6× less CPU than `argdown json`",
                    base_json.cpu >= 6 * mine["check"].cpu,
                    f"{base_json.cpu / mine['check'].cpu:.1f}×",
                )
            )
            targets.append(
                (
                    "100k: check peak memory ≤ ¼ of `argdown json`",
                    mine["check"].rss_mib * 4 <= base_json.rss_mib,
                    f"{mine['check'].rss_mib / base_json.rss_mib:.2f}",
                )
            )
            # CPU, not wall time: the DOT export runs in one process, so a second core
            # can neither help it nor hide its work.
            targets.append(
                (
                    "100k: export dot ≥ 5× less CPU than `argdown map -f dot`",
                    base_dot.cpu >= 5 * mine["dot"].cpu,
                    f"{base_dot.cpu / mine['dot'].cpu:.1f}×",
                )
            )
    if 100_000 in by_size and 1_000_000 in by_size:
        big, small = by_size[1_000_000], by_size[100_000]
        growth = max(big[k].cpu / small[k].cpu for k in big)
        targets.append(("1M/100k CPU ratio ≤ 12 (linear)", growth <= 12, f"{growth:.1f}"))
        peak = max(m.rss_mib for m in big.values())
        targets.append(("1M: peak memory < 4 GiB", peak < 4096, f"{peak:,.0f} MiB"))
        targets.append(("1M: every command completes", all(m.ok for m in big.values()), ""))

    pcs_check: dict[int, Measure] = {}
    for size in options.sizes:
        brief = CACHE / f"brief-pcs-{size}.argdown"
        if not brief.exists():
            write_brief(brief, size, pcs=True)
        label = f"{size:,}"
        pcs_check[size] = median([*argmap, "check", str(brief), "--format", "parsable"], 3)
        # Argdown's CLI runs out of memory at 1,000,000 on the brief without PCS already
        # (the row above says so): it is not run again here, to spare minutes.
        base_json = None
        if argdown and size <= 100_000:
            base_json = median([*argdown, "json", str(brief), "--stdout", "--silent"], 3)
        record("argmap check (a third as PCS)", label, pcs_check[size], base_json, "argdown json")
        if size == 100_000 and base_json:
            targets.append(
                (
                    "100k PCS: check ≥ 6× less CPU than `argdown json`",
                    base_json.cpu >= 6 * pcs_check[size].cpu,
                    f"{base_json.cpu / pcs_check[size].cpu:.1f}×",
                )
            )
            targets.append(
                (
                    "100k PCS: check peak memory ≤ ¼ of `argdown json`",
                    pcs_check[size].rss_mib * 4 <= base_json.rss_mib,
                    f"{pcs_check[size].rss_mib / base_json.rss_mib:.2f}",
                )
            )
    if 100_000 in pcs_check and 1_000_000 in pcs_check:
        big_check = pcs_check[1_000_000]
        growth = big_check.cpu / pcs_check[100_000].cpu
        targets.append(
            (
                "1M/100k PCS check CPU ratio ≤ 12 (linear)",
                growth <= 12 and big_check.ok,
                f"{growth:.1f}",
            )
        )

    if lsp:
        from benchmarks.lsp import lsp_case

        lsp_case(CACHE / "brief-1000.argdown", by_size[1_000]["check"], record, targets)

    if not options.no_linear:
        linear_cases(argmap, record, targets)

    write_results(options.output, rows, targets, bare)
    print(f"wrote {options.output}", file=sys.stderr)
    return 0


def linear_cases(
    argmap: list[str],
    record: Callable[[str, str, Measure, Measure | None, str], None],
    targets: list[tuple[str, bool, str]],
) -> None:
    """The inputs that once took quadratic time (benchmarks/linear.py), each at n and 4 n:
    the larger is measured against the smaller, and linear growth is at most 6 times
    (about 4 when linear, 16 when quadratic)."""
    for case in CASES:
        measured = []
        for size in case.sizes:
            brief = CACHE / f"linear-{case.brief.__name__}-{size}.argdown"
            if not brief.exists():
                brief.write_text(case.brief(size), encoding="utf-8")
            command = [*argmap, *(str(brief) if part == "BRIEF" else part for part in case.command)]
            env = {**os.environ, "FORCE_COLOR": "1"} if case.color else None
            measured.append(median(command, 3, CACHE / "linear.txt", env))
        small, large = measured
        label = f"{case.name} ({case.unit})"
        record(label, f"{case.sizes[0]:,}", small, None, "")
        record(label, f"{case.sizes[1]:,}", large, small, f"the same at {case.sizes[0]:,}")
        growth = large.cpu / small.cpu
        targets.append(
            (
                f"{case.name}: 4× the input takes ≤ 6× the CPU",
                growth <= 6 and large.ok,
                f"{growth:.1f}×",
            )
        )


def write_results(
    path: Path,
    rows: list[tuple[str, str, Measure, Measure | None, str]],
    targets: list[tuple[str, bool, str]],
    bare: Measure,
) -> None:
    today = datetime.date.today().isoformat()
    lines = [
        "# Benchmark results",
        "",
        f"Measured {today} on {machine()}.",
        "Reproduce with `python -m benchmarks` (see the README). Whole processes; medians;",
        f"`python -c pass` took {bare.wall * 1000:.0f} ms wall here.",
        "",
        "| command | N | wall s | CPU s | peak MiB | baseline "
        "| CPU ratio (baseline ÷ argmap) | memory ratio (argmap ÷ baseline) |",
        "|---|---:|---:|---:|---:|---|---:|---:|",
    ]
    for what, size, mine, base, base_name in rows:
        if base and not base.ok:
            ratio = memory = "–"
            baseline = f"{base_name} (failed after {base.cpu:.2f} s CPU, {base.rss_mib:.0f} MiB)"
        elif base:
            ratio = f"{base.cpu / mine.cpu:.1f}×" if mine.cpu else "–"
            memory = f"{mine.rss_mib / base.rss_mib:.2f}"
            baseline = f"{base_name} ({base.cpu:.2f} s CPU, {base.rss_mib:.0f} MiB)"
        else:
            ratio = memory = "–"
            baseline = "–"
        if not mine.ok:
            what = f"{what} (**failed**)"
        lines.append(
            f"| {what} | {size} | {mine.wall:.3f} | {mine.cpu:.3f} | {mine.rss_mib:.0f} | "
            f"{baseline} | {ratio} | {memory} |"
        )
    lines += ["", "## Targets", "", "| target | met | measured |", "|---|---|---|"]
    for name, met, measured in targets:
        lines.append(f"| {name} | {'yes' if met else '**no**'} | {measured} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
