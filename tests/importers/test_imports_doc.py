"""docs/imports.md's worked examples stay true: each example file, written out as the
page shows it, imports to the brief the page shows and reads to the tree it shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli_runner import assert_no_traceback, run

PAGE = Path(__file__).resolve().parents[2] / "docs" / "imports.md"
EXAMPLES = ["nodeset.json", "uniforms.xml", "uniforms.txt"]


def worked_examples() -> list[list[str]]:
    """The three code blocks (file, import, show) of each "Worked example" section."""
    text = PAGE.read_text(encoding="utf-8")
    sections = text.split("### Worked example")[1:]
    fence = re.compile(r"```[a-z]*\n(.*?)```", re.DOTALL)
    return [fence.findall(section)[:3] for section in sections]


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip("\n").splitlines()]


@pytest.mark.parametrize("index", range(len(EXAMPLES)))
def test_a_worked_example_is_what_argmap_does(tmp_path: Path, index: int) -> None:
    source, written, shown = worked_examples()[index]
    path = tmp_path / EXAMPLES[index]
    path.write_text(source, encoding="utf-8")
    env = {"COLUMNS": "88", "NO_COLOR": "1"}
    result = run(["import", str(path)], env=env)
    assert_no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert _lines(result.stdout) == _lines(written)
    tree = run(["show", "--no-color", "--standard", "dialectical", str(path)], env=env)
    assert_no_traceback(tree)
    assert _lines(tree.stdout) == _lines(shown)
