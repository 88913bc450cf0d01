"""The worked examples of premise–conclusion structures in docs/semantics.md.

Each example there is a brief (an ```argdown block) and a table of every node's verdict
under both standards, worked out by hand from the rules stated on that page; this test
reads both from the page, so the documentation and the evaluation cannot drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import argmap
from argmap.evaluate import Standard, evaluate

PAGE = Path(__file__).resolve().parents[1] / "docs" / "semantics.md"
_EXAMPLE = re.compile(r"```argdown\n(.*?)```\n\n((?:\|[^\n]*\n)+)", re.DOTALL)
_ROW = re.compile(r"\| `([\[<])(.+?)[\]>]` \| (\w+) \| (\w+) \|")


def _examples() -> list[tuple[str, str, dict[str, tuple[str, str]]]]:
    page = PAGE.read_text(encoding="utf-8")
    section = page.split("## Premise–conclusion structures", 1)[1].split("\n## ", 1)[0]
    found = []
    for heading in re.split(r"\n### ", section)[1:]:
        name = heading.split("\n", 1)[0]
        for index, (brief, table) in enumerate(_EXAMPLE.findall(heading)):
            expected = {
                ("argument:" if bracket == "<" else "statement:") + title: (
                    under_evidence,
                    under_dialectical,
                )
                for bracket, title, under_evidence, under_dialectical in _ROW.findall(table)
            }
            found.append((f"{name} ({index + 1})", brief, expected))
    return found


EXAMPLES = _examples()


def test_the_page_has_the_six_worked_examples() -> None:
    headings = {name.rsplit(" (", 1)[0] for name, _, _ in EXAMPLES}
    assert len(headings) == 6, sorted(headings)
    assert all(expected for _, _, expected in EXAMPLES)


@pytest.mark.parametrize(
    ("brief", "expected"),
    [pytest.param(brief, expected, id=name) for name, brief, expected in EXAMPLES],
)
@pytest.mark.parametrize("standard", [Standard.EVIDENCE, Standard.DIALECTICAL])
def test_worked_example(
    brief: str, expected: dict[str, tuple[str, str]], standard: Standard
) -> None:
    amap = argmap.loads(brief)
    assert not amap.has_errors, [d.message for d in amap.diagnostics]
    verdicts = evaluate(amap, standard).verdicts
    column = 0 if standard is Standard.EVIDENCE else 1
    # Every node of the brief is in the table, with its verdict.
    assert {node_id: verdict.value for node_id, verdict in verdicts.items()} == {
        node_id: both[column] for node_id, both in expected.items()
    }


def test_step_verdicts_of_the_intermediary_example() -> None:
    brief = next(b for name, b, _ in EXAMPLES if name.startswith("5."))
    amap = argmap.loads(brief)
    for standard, second in ((Standard.EVIDENCE, "in"), (Standard.DIALECTICAL, "out")):
        steps = evaluate(amap, standard).steps
        assert {key: verdict.value for key, verdict in steps.items()} == {
            ("argument:Safety", 1): "in",
            ("argument:Safety", 3): second,
        }
