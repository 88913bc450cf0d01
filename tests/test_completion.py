"""Shell completion: rule codes and names for --select, --ignore and --extend-select, and
the titles of the brief named earlier for trace and --focus; through click's completion
API and through the installed entry point, as bash, zsh and fish call it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete

from argmap.cli import main

BRIEF = (
    "[Renewed Engagement]: The US should renew engagement. #thesis\n"
    "  + <Alliance Logic>: Allies want it.\n"
    '    + [Survey]: Most allies say so. #evidence {cite: "Doe 2019"}\n'
    "  - [Reputation Cost]: It costs credibility.\n"
)


def complete(args: list[str], incomplete: str) -> list[str]:
    completer = ShellComplete(main, {}, "argmap", "_ARGMAP_COMPLETE")
    return [item.value for item in completer.get_completions(args, incomplete)]


@pytest.fixture
def brief(tmp_path: Path) -> str:
    path = tmp_path / "aff.argdown"
    path.write_text(BRIEF, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_rule_options_complete_codes(option: str) -> None:
    found = complete(["check", "x.argdown", option], "AM20")
    assert {"AM201", "AM202", "AM203", "AM204", "AM205"} <= set(found)
    assert all(code.startswith("AM20") for code in found)


def test_rule_options_complete_names_and_the_next_item_of_a_list() -> None:
    assert complete(["check", "--ignore"], "unsu") == ["unsupported-claim"]
    assert complete(["show", "b.argdown", "--select"], "AM1,orph") == ["AM1,orphan"]
    # A code typed in lower case completes as codes are written.
    found = complete(["check", "--select"], "am30")
    assert {"AM301", "AM302", "AM303"} <= set(found)
    assert all(code.startswith("AM30") for code in found)


def test_trace_completes_the_brief_s_titles(brief: str) -> None:
    assert complete(["trace", brief], "Re") == ["Renewed Engagement", "Reputation Cost"]
    assert complete(["trace", brief], "al") == ["Alliance Logic"]
    assert complete(["trace", brief], "[") == [
        "[Renewed Engagement]",
        "[Survey]",
        "[Reputation Cost]",
    ]
    assert complete(["trace", brief], "<") == ["<Alliance Logic>"]


def test_focus_completes_titles_in_every_view(brief: str) -> None:
    for command in ("show", "flow", "export"):
        assert complete([command, brief, "--focus"], "[Su") == ["[Survey]"]


def test_titles_of_a_brief_that_cannot_be_read_complete_nothing(tmp_path: Path) -> None:
    assert complete(["trace", str(tmp_path / "missing.argdown")], "Re") == []
    assert complete(["trace", str(tmp_path)], "Re") == []
    assert complete(["trace", "-"], "Re") == []


def run_completion(shell: str, words: str, cword: str) -> str:
    env = {**os.environ, "_ARGMAP_COMPLETE": f"{shell}_complete"}
    env.update(COMP_WORDS=words, COMP_CWORD=cword)
    done = subprocess.run(
        [sys.executable, "-m", "argmap"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def test_bash_zsh_and_fish_get_completions_from_the_entry_point(brief: str) -> None:
    # bash: COMP_CWORD is the index of the word being completed; one "type,value" a line.
    bash = run_completion("bash", f"argmap trace {brief} Rep", "3")
    assert bash.splitlines() == ["plain,Reputation Cost"]
    # zsh: type, value and help on three lines each.
    zsh = run_completion("zsh", "argmap check --ignore unsu", "3")
    lines = zsh.splitlines()
    assert lines[:2] == ["plain", "unsupported-claim"]
    assert lines[2]  # the rule's summary as help
    # fish: COMP_CWORD is the incomplete word itself; "type,value<TAB>help".
    fish = run_completion("fish", f"argmap show {brief} --focus [Su", "[Su")
    assert fish.splitlines() == ["plain,[Survey]"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script_to_source(shell: str) -> None:
    env = {**os.environ, "_ARGMAP_COMPLETE": f"{shell}_source"}
    done = subprocess.run(
        [sys.executable, "-m", "argmap"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "_ARGMAP_COMPLETE" in done.stdout
    assert "_argmap_completion" in done.stdout
