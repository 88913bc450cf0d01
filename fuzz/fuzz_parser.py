"""Coverage-guided fuzzing of the brief reader, the rules and the exports (atheris).

    pip install atheris
    mkdir -p fuzz/corpus && cp briefs/*.argdown tests/fixtures/parser/*.argdown fuzz/corpus/
    python fuzz/fuzz_parser.py fuzz/corpus -max_total_time=1800 -timeout=20

Any input that makes argmap raise anything but its own diagnostics, or that the parser
reads differently by whole lines and by tokens, is a crash: libFuzzer
writes it to ``crash-…``; add it to ``tests/fixtures/fuzz/`` so that the regression test
(tests/test_fuzz_regressions.py) replays it from then on. Not run in CI (it needs time).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import argmap
    from argmap.evaluate import evaluate
    from argmap.exporters import exporter
    from argmap.loader import decode_bytes
    from argmap.source import SourceText
    from argmap.syntax.parser import parse

EXPORTS = ("json", "dot", "mermaid", "markdown", "graphml", "aif")


def one_input(data: bytes) -> None:
    text, _ = decode_bytes(data, "fuzz.argdown")
    # Whole plain lines and the fine-grained tokens must read the same.
    source = SourceText(text, "fuzz.argdown")
    fast, slow = parse(source), parse(source, node_lines=False)
    if (fast.occurrences, fast.relations, fast.sections, fast.diagnostics) != (
        slow.occurrences,
        slow.relations,
        slow.sections,
        slow.diagnostics,
    ):
        raise AssertionError("a brief reads differently line by line and token by token")
    amap = argmap.loads(text, "fuzz.argdown")
    findings = argmap.check(amap)
    evaluation = evaluate(amap)
    for name in EXPORTS:
        exporter(name).export(amap, evaluation, findings)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
