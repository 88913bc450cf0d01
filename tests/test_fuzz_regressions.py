"""Inputs that once broke (or were built to break) the reader: each must still be read
into diagnostics, checked, evaluated and exported without an exception.

New crashes found by ``fuzz/fuzz_parser.py`` go into ``tests/fixtures/fuzz/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.evaluate import evaluate
from argmap.exporters import exporter
from argmap.loader import decode_bytes
from argmap.source import SourceText
from argmap.syntax.parser import parse

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "fuzz").iterdir())
EXPORTS = ("json", "dot", "mermaid", "markdown", "graphml", "aif")


def test_there_are_regression_inputs() -> None:
    assert FIXTURES, "tests/fixtures/fuzz/ is empty"


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_input_is_read_checked_and_exported(path: Path) -> None:
    text, problems = decode_bytes(path.read_bytes(), path.name)
    amap = argmap.loads(text, path.name)
    findings = argmap.check(amap)
    evaluation = evaluate(amap)
    for name in EXPORTS:
        assert exporter(name).export(amap, evaluation, findings)
    assert all(d.span.line >= 1 and d.span.column >= 1 for d in [*problems, *findings])


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_input_reads_the_same_by_whole_lines_and_by_tokens(path: Path) -> None:
    text, _ = decode_bytes(path.read_bytes(), path.name)
    source = SourceText(text, path.name)
    fast, slow = parse(source), parse(source, node_lines=False)
    assert fast.occurrences == slow.occurrences
    assert fast.relations == slow.relations
    assert fast.diagnostics == slow.diagnostics
