"""The test suite's own rules (tests/conftest.py), checked on a small suite run by pytest.

A test that needs an outside tool is skipped with the command that installs it where the
tool is missing, and fails in CI; a run that collects no test fails; ``--update-golden``
shows the diff of every file it rewrites.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CONFTEST = Path(__file__).resolve().parent / "conftest.py"

SUITE = """
import pytest


@pytest.mark.needs("dot")
def test_draws():
    pass


@pytest.mark.needs("mermaid")
def test_parses():
    pass


def test_plain():
    pass
"""


def run_suite(root: Path, tests: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """pytest on ``tests`` (as tests/test_it.py beside a copy of conftest.py) in ``root``."""
    folder = root / "tests"
    folder.mkdir(exist_ok=True)
    shutil.copy(CONFTEST, folder / "conftest.py")
    (folder / "test_it.py").write_text(textwrap.dedent(tests), "utf-8")
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "ARGMAP_TEST_HIDE_TOOLS")}
    environ.pop("PYTEST_ADDOPTS", None)
    # Only pytest itself and the conftest under test: quicker, and nothing else interferes.
    environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", *args, "tests"],
        cwd=root,
        env={**environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def summary(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout.strip().splitlines()[-1]


def test_a_missing_tool_is_skipped_with_how_to_install_it(tmp_path: Path) -> None:
    result = run_suite(tmp_path, SUITE, ARGMAP_TEST_HIDE_TOOLS="dot,node")
    assert result.returncode == 0, result.stdout
    assert "2 skipped" in summary(result)
    assert "1 passed" in summary(result)
    out = result.stdout
    assert "Graphviz is not installed: sudo apt-get install graphviz" in out
    # Mermaid's parser runs on Node.js: without Node, that is what to install first.
    assert "Node.js is not installed: install Node.js 18 or later" in out


def test_a_missing_tool_fails_in_ci(tmp_path: Path) -> None:
    # Node hidden too: without Node, Mermaid's test names Node, the first thing to
    # install (and so on every machine, with Node or without).
    result = run_suite(tmp_path, SUITE, ARGMAP_TEST_HIDE_TOOLS="dot,node", CI="true")
    assert result.returncode == 1, result.stdout
    # Failed while setting the test up: pytest counts that as an error.
    assert "1 passed, 2 errors" in summary(result)
    assert (
        "Graphviz is not installed: sudo apt-get install graphviz (or brew install "
        "graphviz) (CI runs every test: nothing is skipped)"
    ) in result.stdout
    assert (
        "Node.js is not installed: install Node.js 18 or later "
        "(CI runs every test: nothing is skipped)"
    ) in result.stdout


def test_ci_set_to_false_is_not_ci(tmp_path: Path) -> None:
    result = run_suite(tmp_path, SUITE, ARGMAP_TEST_HIDE_TOOLS="dot,mermaid", CI="false")
    assert result.returncode == 0, result.stdout
    assert "1 passed, 2 skipped" in summary(result)


def test_an_unknown_tool_is_a_usage_error(tmp_path: Path) -> None:
    tests = "import pytest\n\n@pytest.mark.needs('dott')\ndef test_x():\n    pass\n"
    result = run_suite(tmp_path, tests)
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.stdout
    assert "tests/test_it.py::test_x: needs('dott')" in result.stderr


def test_a_run_that_collects_nothing_fails(tmp_path: Path) -> None:
    result = run_suite(tmp_path, "# no tests here\n")
    assert result.returncode == 1, result.stdout
    assert "error: no tests were collected: nothing was tested" in result.stdout
    deselected = run_suite(tmp_path, SUITE, "-k", "no_such_test")
    assert deselected.returncode == 1, deselected.stdout


GOLDEN_TEST = """
def test_output(golden):
    golden("out.txt", "one\\ntwo\\nthree\\n")
"""


def test_update_golden_shows_the_diff_of_each_rewritten_file(tmp_path: Path) -> None:
    golden = tmp_path / "tests" / "golden"
    golden.mkdir(parents=True)
    (golden / "out.txt").write_text("one\n2\nthree\n", "utf-8")
    failed = run_suite(tmp_path, GOLDEN_TEST)
    assert failed.returncode == 1
    assert "out.txt differs from its golden file" in failed.stdout

    updated = run_suite(tmp_path, GOLDEN_TEST, "--update-golden")
    assert updated.returncode == 0, updated.stdout
    assert (golden / "out.txt").read_text("utf-8") == "one\ntwo\nthree\n"
    assert (
        "--- a/tests/golden/out.txt\n"
        "+++ b/tests/golden/out.txt\n"
        "@@ -1,3 +1,3 @@\n"
        " one\n"
        "-2\n"
        "+two\n"
        " three\n"
    ) in updated.stdout
    # Nothing changes the second time, and nothing is shown.
    again = run_suite(tmp_path, GOLDEN_TEST, "--update-golden")
    assert again.returncode == 0
    assert "golden files rewritten" not in again.stdout


def test_update_golden_shows_new_files(tmp_path: Path) -> None:
    result = run_suite(tmp_path, GOLDEN_TEST, "--update-golden")
    assert result.returncode == 0, result.stdout
    assert "new golden file out.txt (14 bytes)" in result.stdout
