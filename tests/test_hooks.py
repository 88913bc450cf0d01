"""The pre-commit hooks (.pre-commit-hooks.yaml) as a team uses them: ``pre-commit
try-repo`` on a scratch repository installs argmap from this repository into pre-commit's
own environment and runs the hooks on real briefs.

pre-commit installs a hook's package from a commit, so the hooks are tried at this
repository's HEAD (what CI checks out): uncommitted changes are not part of the run. The
installation needs argmap's dependencies from the package index; it is done once for the
module, in a pre-commit home of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

CLEAN = '[T]: Thesis. #thesis\n  + [S]: A study. #evidence {cite: "Doe 2019"}\n'
# Line 5, column 3: the "+" of a statement that supports itself (AM103, an error).
BAD = '[T]: Thesis. #thesis\n  + [S]: A study. #evidence {cite: "Doe 2019"}\n\n[S]\n  + [S]\n'
# The same brief as CLEAN with its relation indented four spaces instead of two.
UNTIDY = '[T]: Thesis. #thesis\n    + [S]: A study. #evidence {cite: "Doe 2019"}\n'


def test_the_manifest_declares_both_hooks_for_briefs() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert sorted(by_id) == ["argmap-check", "argmap-fmt"]
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["files"] == r"\.(argdown|ad)$"
    assert by_id["argmap-check"]["entry"] == "argmap check"
    assert by_id["argmap-fmt"]["entry"] == "argmap fmt"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def try_repo(repository: Path, *files: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo`` of this repository's HEAD on ``files``: every hook, in the
    manifest's order (check, then fmt). try-repo installs the hooks afresh each time, in
    a store of its own, so each call costs an installation: the tests make two."""
    head = git(ROOT, "rev-parse", "HEAD")
    # pre-commit's home (its logs) in the scratch folder, not the user's.
    home = repository.parent / "pre-commit-home"
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT)]
    return subprocess.run(
        [*command, "--ref", head, "--verbose", "--files", *files],
        cwd=repository,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def scratch(tmp_path: Path, briefs: dict[str, str]) -> Path:
    repository = tmp_path / "team"
    repository.mkdir()
    git(repository, "init", "-q")
    for name, text in briefs.items():
        (repository / name).write_text(text, encoding="utf-8")
    git(repository, "add", *briefs)
    return repository


def hook_output(output: str, name: str) -> str:
    """What pre-commit printed for the hook called ``name``: from its status line to the
    next hook's."""
    start = output.index(f"{name}.")
    following = output.find("\nargmap ", start + 1)
    return output[start : following if following >= 0 else None]


@pytest.mark.needs("git")
def test_the_hooks_pass_clean_briefs(tmp_path: Path) -> None:
    repository = scratch(tmp_path, {"aff.argdown": CLEAN, "neg.ad": CLEAN, "notes.txt": BAD})
    done = try_repo(repository, "aff.argdown", "neg.ad", "notes.txt")
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("argmap check", "argmap fmt"):
        assert "Passed" in hook_output(done.stdout, name).splitlines()[0]
    assert (repository / "aff.argdown").read_text(encoding="utf-8") == CLEAN


@pytest.mark.needs("git")
def test_the_check_fails_a_bad_brief_and_fmt_fixes_the_layout(tmp_path: Path) -> None:
    repository = scratch(tmp_path, {"bad.ad": BAD, "untidy.argdown": UNTIDY})
    done = try_repo(repository, "bad.ad", "untidy.argdown")
    assert done.returncode == 1, done.stdout + done.stderr
    check = hook_output(done.stdout, "argmap check")
    assert "Failed" in check.splitlines()[0]
    assert "bad.ad:5:3: error AM103 [S] supports itself (self-relation)" in check
    fmt = hook_output(done.stdout, "argmap fmt")
    # pre-commit fails a hook that changed files, so that the change is looked at.
    assert "Failed" in fmt.splitlines()[0]
    assert "files were modified by this hook" in fmt
    assert "reformatted untidy.argdown" in fmt
    assert (repository / "untidy.argdown").read_text(encoding="utf-8") == CLEAN
    assert (repository / "bad.ad").read_text(encoding="utf-8") == BAD
