"""Regenerate the Argdown reference files that argmap's agreement tests compare against.

Usage (from the repository root, after `npm ci --prefix tools/argdown`):

    python tools/argdown/reference.py             # every fixture and brief
    python tools/argdown/reference.py FILE...     # only these briefs

For each brief `X.argdown` this runs Argdown's own CLI (`argdown json`) and writes
`X.argdown-cli.json` next to it (for briefs in `briefs/`, into
`tests/fixtures/briefs/`): the statements with their canonical text, the arguments with
their canonical description, the relations (an undercut of an inference with its step) and
the premise–conclusion structures, reduced to what both tools must agree on.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "tools" / "argdown" / "node_modules" / "@argdown" / "cli" / "dist" / "cli.js"
RELATION_NAMES = {"contradictory": "contradiction"}


def canonical_text(members: list[dict[str, Any]]) -> str | None:
    """Argdown's canonical member: the one marked isCanonical, else the last definition."""
    chosen = None
    for member in members:
        if member.get("isReference"):
            continue
        if chosen is None or (chosen.get("data") or {}).get("isCanonical") is not True:
            chosen = member
    if chosen is None:
        return None
    text = chosen.get("text")
    return text.strip() if isinstance(text, str) else None


SYMMETRIC = ("contradiction", "contrary")


def _undirected(relation: list[Any]) -> list[Any]:
    """A symmetric relation with its two ends in sorted order: it has no direction, and
    Argdown keeps whichever its reading met first."""
    from_type, source, kind, to_type, target = relation
    if kind in SYMMETRIC and (to_type, target) < (from_type, source):
        return [to_type, target, kind, from_type, source]
    return relation


def reduce(model: dict[str, Any]) -> dict[str, Any]:
    statements = {
        title: {"text": canonical_text(ec.get("members", []))}
        for title, ec in model.get("statements", {}).items()
    }
    arguments = {
        title: {"text": canonical_text(arg.get("members", []))}
        for title, arg in model.get("arguments", {}).items()
    }
    relations = sorted(
        _undirected(
            [
                r["fromType"].replace("equivalence-class", "statement"),
                r["from"],
                RELATION_NAMES.get(r["relationType"], r["relationType"]),
                # The undercut of an inference is a relation to its argument, at a step.
                r["toType"]
                .replace("equivalence-class", "statement")
                .replace("inference", "argument"),
                r["to"],
            ]
        )
        + ([r["conclusionIndex"]] if r["toType"] == "inference" else [])
        for r in model.get("relations", [])
    )
    pcs = {
        title: [
            [
                member["title"],
                member["role"],
                member["inference"].get("inferenceRules", []) if "inference" in member else None,
            ]
            for member in argument["pcs"]
        ]
        for title, argument in model.get("arguments", {}).items()
        if argument.get("pcs")
    }
    reduced = {"statements": statements, "arguments": arguments, "relations": relations}
    if pcs:  # only briefs with premise–conclusion structures have the key
        reduced["pcs"] = pcs
    return reduced


def run_argdown(brief: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run(
            ["node", str(CLI), "json", str(brief), out, "--silent"],
            capture_output=True,
            text=True,
            check=False,
        )
        produced = list(Path(out).glob("*.json"))
        if not produced:
            raise SystemExit(f"argdown rejected {brief}:\n{result.stdout}{result.stderr}")
        data: dict[str, Any] = json.loads(produced[0].read_text(encoding="utf-8"))
        return data


def target_for(brief: Path) -> Path:
    if brief.parent.name == "briefs" and brief.parent.parent == ROOT:
        return ROOT / "tests" / "fixtures" / "briefs" / (brief.name + "-cli.json")
    return brief.with_name(brief.name + "-cli.json")


def default_briefs() -> list[Path]:
    found = sorted((ROOT / "briefs").glob("*.argdown"))
    agreement = ROOT / "tests" / "fixtures" / "agreement"
    found += sorted(agreement.glob("*.argdown"))
    return found


def main(argv: list[str]) -> int:
    briefs = [Path(arg).resolve() for arg in argv] or default_briefs()
    for brief in briefs:
        reduced = reduce(run_argdown(brief))
        target = target_for(brief)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(reduced, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
