"""Write the expected file of each parser fixture from argmap's current reading of it.

Usage (from the repository root):

    python tests/tools/update_parser_fixtures.py              # every fixture
    python tests/tools/update_parser_fixtures.py FIXTURE...   # only these fixtures
    python tests/tools/update_parser_fixtures.py --check      # write nothing; exit 1 on changes

For each `tests/fixtures/parser/X.argdown` this loads the brief with `argmap.load` and
writes `X.expected.json`. What it writes is a *draft*: an expected file is a
specification of what Argdown's semantics require, so review every change by hand (and
against Argdown's own CLI for valid briefs, see tests/fixtures/README.md) before keeping
it. The script prints a diff of every change for that purpose.

An expected file that holds a "known_bug" entry was written by hand: it states what
Argdown does where argmap currently does something else. It is never overwritten; the
script only reports whether argmap still disagrees with it.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# The repository's own argmap package, whatever else the environment has installed.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argmap  # noqa: E402
from argmap.model import ArgumentMap, Node  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "parser"
KNOWN_BUG = "known_bug"


def expected_path(fixture: Path) -> Path:
    """``X.argdown`` → ``X.expected.json``."""
    return fixture.with_name(fixture.stem + ".expected.json")


def _node(node: Node) -> dict[str, Any]:
    """A node as fixtures state it; an argument's premise–conclusion structure only when
    it has one."""
    described: dict[str, Any] = {
        "id": node.id,
        "type": node.type,
        "kind": node.kind,
        "text": node.text,
        "tags": list(node.tags),
        "data": node.data,
        "section": node.section,
    }
    if node.pcs:
        described["pcs"] = [
            {"statement": member.statement, "role": member.role, "number": member.number}
            | (
                {}
                if member.inference is None
                else {
                    "inference": {
                        "rules": member.inference.rules,
                        "data": member.inference.data,
                    }
                }
            )
            for member in node.pcs
        ]
    return described


def describe(amap: ArgumentMap) -> dict[str, Any]:
    """The parts of a loaded map that parser fixtures specify, in a JSON-ready form.

    Nodes, edges, sections and theses keep argmap's order (order of first appearance);
    diagnostics are sorted by position, as their order of discovery is not specified.
    """
    return {
        "title": amap.title,
        "nodes": [_node(node) for node in amap.nodes],
        "edges": [
            {"source": edge.source, "target": edge.target, "relation": edge.relation}
            | ({} if edge.step is None else {"step": edge.step})
            for edge in amap.edges
        ],
        "sections": [
            {
                "id": section.id,
                "level": section.level,
                "title": section.title,
                "parent": section.parent,
                "tags": list(section.tags),
                "data": section.data,
            }
            for section in amap.sections
        ],
        "theses": [node.id for node in amap.theses],
        "diagnostics": sorted(
            (
                {"rule": d.rule, "line": d.span.line, "column": d.span.column}
                for d in amap.diagnostics
            ),
            key=lambda d: (d["line"], d["column"], d["rule"]),
        ),
    }


def render(value: dict[str, Any]) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def describe_fixture(fixture: Path) -> dict[str, Any]:
    # argmap.load reads bytes, so CRLF line endings and a BOM reach the parser as written.
    return describe(argmap.load(fixture))


def update(fixture: Path, check: bool) -> bool:
    """Write (or with ``check``, compare) one expected file; True when it is up to date."""
    target = expected_path(fixture)
    actual = describe_fixture(fixture)
    old_text = target.read_text("utf-8") if target.exists() else None
    if old_text is not None:
        old = json.loads(old_text)
        if KNOWN_BUG in old:
            spec = {key: value for key, value in old.items() if key != KNOWN_BUG}
            state = "still disagrees" if spec != actual else "NOW AGREES (remove known_bug)"
            print(f"kept     {target.relative_to(ROOT)}: hand-written, known bug; argmap {state}")
            return True
    new_text = render(actual)
    if new_text == old_text:
        print(f"same     {target.relative_to(ROOT)}")
        return True
    diff = difflib.unified_diff(
        (old_text or "").splitlines(keepends=True),
        new_text.splitlines(keepends=True),
        fromfile=f"{target.name} (on disk)",
        tofile=f"{target.name} (argmap now)",
    )
    sys.stdout.writelines(diff)
    if check:
        print(f"STALE    {target.relative_to(ROOT)}")
        return False
    target.write_text(new_text, "utf-8")
    print(f"{'wrote' if old_text is not None else 'created':8} {target.relative_to(ROOT)}")
    return True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fixtures", nargs="*", type=Path, help="fixtures to update")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a file would change"
    )
    args = parser.parse_args(argv)
    fixtures = [path.resolve() for path in args.fixtures] or sorted(FIXTURES.glob("*.argdown"))
    if not fixtures:
        print(f"no fixtures found in {FIXTURES}", file=sys.stderr)
        return 1
    ok = True
    for fixture in fixtures:
        ok = update(fixture, args.check) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
