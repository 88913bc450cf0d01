"""argmap reads random briefs as Argdown's own library does: a differential test.

Briefs are generated from fixed seeds (so a failure repeats) out of the constructs of the
language: headings, statements and arguments with their relation trees, lists,
premise–conclusion structures with inference rules, data and undercuts, tags, data,
bold and italic, mentions, links, escapes, comments and strict mode. Some come out
invalid (a relation after a blank line, say): then both tools must reject them. Argdown
reads them all in one Node process (tools/argdown/batch.mjs); each brief must be
accepted by both or by neither, and when accepted, read into the same statements,
arguments, texts, relations and structures (reduced as tools/argdown/reference.py does).

The generator leaves out what docs/language.md lists as Argdown's bugs, which argmap does
not copy: a relation of a node to itself, `_` or `<_` under an ordinary statement after
a structure, one undercut written both on an argument and under its last inference, an
unclosed bold or italic marker at the start of a text. Everything else it may write.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argmap  # noqa: E402
from argmap.diagnostics import SYNTAX_ERROR  # noqa: E402
from tests.agreement import reduce_map  # noqa: E402

sys.path.insert(0, str(ROOT / "tools" / "argdown"))
from reference import reduce  # type: ignore[import-not-found]  # noqa: E402

SEEDS = range(400)
BATCH = ROOT / "tools" / "argdown" / "batch.mjs"

# Statements related in trees; statements of structures (apart, so that no argument is
# related to its own conclusion, which Argdown drops); arguments.
TITLES = ["Alliance", "Trust", "Cost", "Trade ties", "Ünï", "x.y", "Q?"]
MEMBERS = ["P1", "P2", "P3", "C1", "C2"]
ARGUMENTS = ["Deterrence", "Summit", "Trade deal"]
WORDS = [
    "the", "allies", "should", "meet", "now,", "it's", "50%", "a:b", "x-y", "why?",
    "**bold**", "__bold__", "*italic*", "_italic_", "**bold _both_**", "#tag",
    "#(two words)", "#evidence", "@[Trust]", "@<Summit>", "[link](https://example.org/a)",
    "\\[escaped\\]", ".A.", ":+1:", "/* note */", "<!-- note -->", "a//b",
]  # fmt: skip
DATA = ['{cite: "Kim 2020"}', "{isCanonical: true}", "{a: 1, b: [1, 2]}", "{x: {y: z}}"]
MARKERS = ["+ ", "- ", "<+ ", "<- ", "+> ", "-> ", ">< "]


def _text(r: random.Random) -> str:
    text = " ".join(r.choice(WORDS) for _ in range(r.randint(1, 6)))
    if r.random() < 0.12:
        text += " " + r.choice(DATA)
    if r.random() < 0.06:
        text += "\n" + r.choice(["continued here", "**on** two lines"])
    return text


def _node(r: random.Random, titles: list[str], avoid: str | None) -> tuple[str, str | None]:
    """A node's head and its title (None for an untitled statement)."""
    choice = r.random()
    title = r.choice([t for t in titles if t != avoid])
    if choice < 0.35:
        return f"[{title}]: {_text(r)}", title
    if choice < 0.55:
        return f"[{title}]", title
    argument = r.choice([a for a in ARGUMENTS if a != avoid])
    if choice < 0.7:
        return f"<{argument}>: {_text(r)}", argument
    if choice < 0.8:
        return f"<{argument}>", argument
    return _text(r), None


def _tree(r: random.Random, indent: str, depth: int, parent: str | None) -> list[str]:
    lines = []
    for _ in range(r.randint(0, 3)):
        head, title = _node(r, TITLES, parent)
        marker = r.choice(MARKERS)
        if marker == ">< " and head.startswith("<"):
            marker = "- "  # a contradiction relates statements
        lines.append(indent * depth + marker + head)
        if depth < 3 and r.random() < 0.35:
            lines += _tree(r, indent, depth + 1, title)
    return lines


def _structure(r: random.Random, indent: str) -> list[str]:
    lines: list[str] = []
    number = 1
    for _ in range(r.randint(1, 3)):
        for _ in range(r.randint(1, 2)):
            title = r.choice(MEMBERS)
            lines.append(f"({number}) " + r.choice([f"[{title}]: {_text(r)}", _text(r)]))
            number += 1
            if r.random() < 0.15:
                lines.append(indent + r.choice(["+ ", "- "]) + f"[{r.choice(TITLES)}]: {_text(r)}")
        lines.append(
            r.choice(["----", "--------", "-- modus ponens --", "-- r1, r2 {uses: [1]} --"])
        )
        if r.random() < 0.2:
            undercutter = r.choice(TITLES[3:])
            lines.append(indent + r.choice(["_ ", "<_ "]) + f"[{undercutter}]: {_text(r)}")
        lines.append(f"({number}) [{r.choice(MEMBERS)}]: {_text(r)}")
        number += 1
    return lines


def brief(seed: int) -> str:
    r = random.Random(seed)
    indent = r.choice(["  ", "    ", "\t"])
    blocks = []
    if r.random() < 0.15:
        blocks.append("===\n" + r.choice(["title: T", "model:\n  mode: strict"]) + "\n===")
    for _ in range(r.randint(1, 6)):
        choice = r.random()
        if choice < 0.1:
            blocks.append("#" * r.randint(1, 3) + " " + _text(r).split("\n")[0])
        elif choice < 0.15:
            blocks.append(r.choice(["// a comment", "/* a block\ncomment */"]))
        elif choice < 0.22:
            item = r.choice(["* ", "1. "])
            blocks.append("\n".join(item + _node(r, TITLES, None)[0] for _ in range(2)))
        elif choice < 0.45:
            head = ""
            if r.random() < 0.6:
                argument = r.choice(ARGUMENTS)
                # (Not a title that undercuts an inference: Argdown keeps an undercut
                # written both ways twice, argmap once; see docs/language.md.)
                undercutter = r.choice(TITLES[:3])
                under = [indent + r.choice(["<_ ", "_ "]) + f"[{undercutter}]: {_text(r)}"]
                head = f"<{argument}>: {_text(r)}\n" + "\n".join(under[: r.randint(0, 1)])
                head = head.rstrip("\n") + "\n\n"
            blocks.append(head + "\n".join(_structure(r, indent)))
        else:
            first, title = _node(r, TITLES, None)
            blocks.append("\n".join([first, *_tree(r, indent, 1, title)]))
    return "\n\n".join(blocks) + "\n"


def _argmap_reading(path: Path) -> tuple[bool, dict[str, Any]]:
    amap = argmap.load(path)
    accepted = not any(d.code == SYNTAX_ERROR.code for d in amap.diagnostics)
    return accepted, reduce_map(amap)


@pytest.mark.needs("argdown")
def test_random_briefs_read_as_argdown_reads_them(tmp_path: Path) -> None:
    paths = []
    for seed in SEEDS:
        path = tmp_path / f"{seed}.argdown"
        path.write_text(brief(seed), encoding="utf-8")
        paths.append(path)
    result = subprocess.run(
        ["node", str(BATCH)],
        input="\n".join(str(path) for path in paths),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    readings = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(readings) == len(paths), result.stderr
    differences = []
    agreed = {True: 0, False: 0}
    for path, theirs in zip(paths, readings, strict=True):
        accepted, ours = _argmap_reading(path)
        if accepted != theirs["accepted"]:
            said = "; ".join(theirs["errors"])[:200]
            differences.append(f"{path.name}: Argdown accepted={theirs['accepted']} ({said})")
        elif accepted and ours != reduce(theirs["json"]):
            expected = reduce(theirs["json"])
            parts = [
                key for key in expected.keys() | ours.keys() if ours.get(key) != expected.get(key)
            ]
            differences.append(
                f"{path.name}: argmap's {', '.join(sorted(parts))} differ from Argdown's "
                f"(the brief is brief({path.stem}) in this module)"
            )
        else:
            agreed[accepted] += 1
    assert not differences, "\n".join(differences[:5])
    # The generator writes valid briefs and invalid ones, both in numbers.
    assert agreed[True] >= len(SEEDS) // 2, agreed
    assert agreed[False] >= len(SEEDS) // 20, agreed
