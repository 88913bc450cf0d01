"""Shared test helpers.

- ``golden(name, output)``: compare with ``tests/golden/NAME``; ``pytest --update-golden``
  rewrites the files that differ and prints each diff.
- ``@pytest.mark.needs("dot")``: the test runs an outside tool that checks an export
  (Graphviz's ``dot``, Mermaid's parser, Argdown's CLI). Where the tool is missing the test
  is skipped with the command that installs it, except in CI (``CI=true``), where it fails:
  CI never passes by skipping. ``ARGMAP_TEST_HIDE_TOOLS=dot,mermaid`` makes tools count as
  missing, to see what a machine without them gets.
- A run that collects no test at all fails.
"""

from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
GOLDEN_UPDATE = "golden-update"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output (review the diff!).",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "needs(*tools): the test runs an outside tool ("
        + ", ".join(sorted(TOOLS))
        + "); skipped with an install hint where it is missing, failed in CI",
    )


# -- golden files ------------------------------------------------------------------------------


def golden_diff(name: str, old: bytes | None, new: bytes) -> str:
    """What ``--update-golden`` changes in ``tests/golden/NAME``, as a unified diff."""
    if old is None:
        return f"new golden file {name} ({len(new)} bytes)\n"
    try:
        before = old.decode("utf-8").splitlines(keepends=True)
        after = new.decode("utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return f"golden file {name} changed ({len(old)} -> {len(new)} bytes)\n"
    lines = difflib.unified_diff(before, after, f"a/tests/golden/{name}", f"b/tests/golden/{name}")
    # A last line without a newline would run into the next line of the diff.
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str | bytes], None]:
    """``golden(name, output)``: assert ``output`` equals ``tests/golden/name``."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, output: str | bytes) -> None:
        path = GOLDEN / name
        data = output.encode("utf-8") if isinstance(output, str) else output
        if update:
            old = path.read_bytes() if path.exists() else None
            if old == data:
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            # Reported in the terminal summary (from xdist workers too, which travel with
            # the test's report), so every rewrite is seen and can be reviewed.
            request.node.user_properties.append((GOLDEN_UPDATE, golden_diff(name, old, data)))
            return
        assert path.exists(), f"no golden file {path.name}: run pytest --update-golden"
        expected = path.read_bytes()
        if isinstance(output, str):
            assert output == expected.decode("utf-8"), f"{name} differs from its golden file"
        else:
            assert data == expected, f"{name} differs from its golden file"

    return check


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "call":
        return
    for key, diff in report.user_properties:
        if key == GOLDEN_UPDATE:
            _GOLDEN_DIFFS.append(str(diff))


_GOLDEN_DIFFS: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _GOLDEN_DIFFS:
        terminalreporter.section("golden files rewritten: review the diff")
        for diff in _GOLDEN_DIFFS:
            terminalreporter.write(diff)


# -- outside tools -----------------------------------------------------------------------------

HIDE_TOOLS = "ARGMAP_TEST_HIDE_TOOLS"


def mermaid_modules() -> Path:
    """The ``node_modules`` folder holding Mermaid (``ARGMAP_MERMAID_NODE_MODULES`` moves it)."""
    return Path(
        os.environ.get("ARGMAP_MERMAID_NODE_MODULES") or ROOT / "tools" / "mermaid" / "node_modules"
    )


ARGDOWN_CLI = ROOT / "tools" / "argdown" / "node_modules" / "@argdown" / "cli" / "dist" / "cli.js"


def chromium() -> str | None:
    """The Chromium (or Chrome) program to run headless, if one is installed."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class Tool:
    """An outside program some tests run: what it is, how to install it, how to find it."""

    what: str
    install: str
    installed: Callable[[], bool]
    uses: tuple[str, ...] = ()  # other tools it runs on (hiding one hides this one too)


TOOLS = {
    "dot": Tool(
        "Graphviz",
        "sudo apt-get install graphviz (or brew install graphviz)",
        lambda: shutil.which("dot") is not None,
    ),
    "node": Tool(
        "Node.js", "install Node.js 18 or later", lambda: shutil.which("node") is not None
    ),
    "mermaid": Tool(
        "Mermaid's parser",
        "npm ci --prefix tools/mermaid",
        lambda: (mermaid_modules() / "mermaid" / "package.json").is_file(),
        uses=("node",),
    ),
    "argdown": Tool(
        "Argdown's CLI", "npm ci --prefix tools/argdown", ARGDOWN_CLI.is_file, uses=("node",)
    ),
    "chromium": Tool(
        "Chromium (headless, to print and load HTML)",
        "sudo apt-get install chromium (or install Google Chrome)",
        lambda: chromium() is not None,
    ),
    "git": Tool(
        "git",
        "sudo apt-get install git (or brew install git)",
        lambda: shutil.which("git") is not None,
    ),
}


def in_ci() -> bool:
    """Whether this is a CI run (``CI`` set, as every CI service does, and not false)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing_tool(name: str) -> str | None:
    """Why the outside tool ``name`` cannot run here (what to install), or None."""
    hidden = {part.strip() for part in os.environ.get(HIDE_TOOLS, "").split(",")}
    for needed in (*TOOLS[name].uses, name):
        tool = TOOLS[needed]
        if needed in hidden or not tool.installed():
            return f"{tool.what} is not installed: {tool.install}"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unknown = sorted(
        {
            f"{item.nodeid}: needs({name!r})"
            for item in items
            for marker in item.iter_markers("needs")
            for name in marker.args
            if name not in TOOLS
        }
    )
    if unknown:
        raise pytest.UsageError(
            "unknown outside tools (known: " + ", ".join(TOOLS) + "):\n" + "\n".join(unknown)
        )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in item.iter_markers("needs"):
        for name in marker.args:
            reason = missing_tool(name)
            if reason is None:
                continue
            if in_ci():
                pytest.fail(f"{reason} (CI runs every test: nothing is skipped)", pytrace=False)
            pytest.skip(reason)


# -- a run that tests nothing ------------------------------------------------------------------


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # pytest's own "no tests ran" status (5) is easy to mistake for a pass (CI scripts
    # and wrappers often let it through); make it a failure like any other.
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("error: no tests were collected: nothing was tested", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
