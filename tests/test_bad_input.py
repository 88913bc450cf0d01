"""Briefs that are broken, odd or hostile: each is read without a traceback, every problem
is reported at file:line:column, and the exit code is the documented one (0 clean, 1
findings at error level, 2 a file that cannot be read at all, or an output that cannot be
written).

The structure of what was read is checked through the library (``argmap.load``); exit
codes and messages through the command line (click's CliRunner); exports as a user runs
them (``python -m argmap export`` in a process), their output read by its real consumer
(Graphviz, Mermaid's parser, networkx, an XML, JSON or Markdown parser).
"""

from __future__ import annotations

import errno
import gc
import html
import io
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx
import pytest
from markdown_it import MarkdownIt

import argmap
from argmap.evaluate import evaluate
from argmap.exporters.json import dumps
from argmap.loader import MAX_BYTES, BriefError, read_brief
from argmap.model import ArgumentMap, Node
from argmap.rules import rule_named
from tests.cli_runner import assert_no_traceback, run

ROOT = Path(__file__).resolve().parents[1]

# The rules about the text itself (the parser, the front matter, the encoding, invisible
# characters); the other rules judge the argument and are left to their own tests.
READING_RULES = ("syntax-error", "front-matter", "encoding", "hidden-characters")
READER_RULES = ("syntax-error", "front-matter", "encoding")  # found while reading

# A claim resting on cited evidence: nothing for the argument rules to report as an error.
CARD = '#evidence {cite: "Doe 2019"}'
EMPTY = (
    "the brief is empty: it has no statement, argument or heading (Argdown refuses a brief "
    "without one)"
)
CARD_TEXT = "#evidence"  # what stays of it in the text (tags do, as in Argdown)


def ids(amap: ArgumentMap) -> set[str]:
    return {node.id for node in amap.nodes}


def relations(amap: ArgumentMap) -> set[tuple[str, str, str]]:
    return {(edge.source, edge.relation, edge.target) for edge in amap.edges}


# -- the table ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What a user got from ``argmap export``: its output, its messages, and the map the
    library reads from the same brief."""

    stdout: bytes
    stderr: str
    amap: ArgumentMap
    brief: Path
    folder: Path


@dataclass(frozen=True)
class Export:
    """``argmap export BRIEF ARGS…`` run as a process in the brief's folder (``{brief}``
    and ``{folder}`` in ARGS and in ``error`` are filled in): its exit code, its one error
    line after ``argmap: error: `` (or none), and what the real consumer makes of it."""

    args: tuple[str, ...]
    exit_code: int = 0
    error: str | None = None
    accept: Callable[[Outcome], None] | None = None
    reader_leaves: bool = False  # the reader of stdout stops after one line: `| head -1`
    disk_space: int | None = None  # bytes a file may have before the disk is "full"
    needs: tuple[str, ...] = ()  # outside tools the check runs (see tests/conftest.py)


@dataclass(frozen=True)
class Case:
    """A brief's bytes; the exit code of ``argmap check``; the diagnostics it must give,
    exactly, as (rule, line, column, a piece of the message) — every one of the rules
    about the text itself and of any other rule named here; a check of what the library
    read; and, for an export case, how ``argmap export`` must go."""

    content: bytes | Callable[[Path], bytes]
    exit_code: int
    located: tuple[tuple[str, int, int, str], ...] = ()
    structure: Callable[[ArgumentMap, Path], None] | None = None
    no_findings: bool = False  # not a single diagnostic, of any rule
    show: bool = True  # `argmap show` too (see test_show_* below for deep briefs)
    export: Export | None = None

    @property
    def rules(self) -> set[str]:
        """The rules whose every finding ``located`` lists."""
        return {*READING_RULES, *(rule for rule, *_ in self.located)}


def _latin1() -> tuple[bytes, tuple[tuple[str, int, int, str], ...]]:
    text = f"[Café]: crème brûlée.\n  + [Goût]: très bon. {CARD}\n"
    data = text.encode("latin-1")
    located = []
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        for column, char in enumerate(line, start=1):
            if ord(char) > 127:
                located.append(
                    (
                        "encoding",
                        number,
                        column,
                        f"invalid UTF-8 byte 0x{ord(char):02x} at byte offset {offset}",
                    )
                )
            offset += 1
    return data, tuple(located)


LATIN1, LATIN1_LOCATED = _latin1()
assert len(LATIN1_LOCATED) == 6

ONE_MB_WORDS = "word " * 200_000
# A value aliased 5,000 times: 500 MB of data once the aliases are expanded.
ALIASED_BRIEF = (
    "[A]: a {a: &x " + "y" * 100_000 + ", b: [" + ", ".join(["*x"] * 5_000) + "]}\n"
    f"  + [B]: b {CARD}\n"
)
ONE_MB_BAD_DATA = "[A]: " + "x" * 1_000_000 + " {x: [1}\n"


def _deep(depth: int) -> bytes:
    """A chain of supports, each line indented one more space than the one before."""
    lines = ["[N0]: The root."]
    lines += [" " * i + f"+ [N{i}]: Step {i}." for i in range(1, depth)]
    lines.append(" " * depth + f"+ [N{depth}]: The card at the bottom. {CARD}")
    return ("\n".join(lines) + "\n").encode()


def _python_tag(tmp_path: Path) -> bytes:
    marker = tmp_path / "pwned"
    return (
        f'[A]: a {{x: !!python/object/apply:os.system ["touch {marker}"]}}\n\n'
        f"[B]: b {{y: !!python/name:os.system }}\n\n"
        f"[C]: c {{z: !!python/object:argmap.model.Node {{id: x}}}}\n\n"
        f"[D]: d {CARD}\n"
    ).encode()


def _structure_python_tag(amap: ArgumentMap, tmp_path: Path) -> None:
    assert not (tmp_path / "pwned").exists(), "YAML ran os.system"
    assert ids(amap) == {"statement:A", "statement:B", "statement:C", "statement:D"}
    for title in "ABC":
        assert amap.node(f"statement:{title}").data == {}
    assert amap.node("statement:D").data == {"cite": "Doe 2019"}


def _structure_bad_data(amap: ArgumentMap, _: Path) -> None:
    assert ids(amap) == {"statement:A", "statement:B", "statement:C", "statement:D"}
    assert amap.node("statement:A").data == {}
    assert amap.node("statement:B").text == f"b {CARD_TEXT}"
    assert relations(amap) == {("statement:D", "support", "statement:C")}


def _structure_crlf(amap: ArgumentMap, _: Path) -> None:
    lf = argmap.loads(f"[A]: a\n  + [B]: b {CARD}\n\n[C]: c\n  + [B]\n")
    assert [(n.id, n.text) for n in amap.nodes] == [(n.id, n.text) for n in lf.nodes]
    assert relations(amap) == relations(lf)
    assert [s.span.line for s in amap.node("statement:B").occurrences] == [2, 5]
    assert all("\r" not in (node.text or "") for node in amap.nodes)


def _structure_lone_cr(amap: ArgumentMap, _: Path) -> None:
    assert relations(amap) == {
        ("statement:B", "support", "statement:A"),
        ("statement:C", "attack", "statement:A"),
        ("statement:E", "attack", "statement:C"),
    }
    assert "statement:D" not in amap
    assert amap.node("statement:C").span.line == 3
    assert amap.node("statement:E").span.line == 4
    assert all("\r" not in (node.text or "") for node in amap.nodes)


def _structure_deep(depth: int) -> Callable[[ArgumentMap, Path], None]:
    def check(amap: ArgumentMap, _: Path) -> None:
        assert len(amap.nodes) == depth + 1
        assert len(amap.edges) == depth
        assert relations(amap) == {
            (f"statement:N{i}", "support", f"statement:N{i - 1}") for i in range(1, depth + 1)
        }
        last = amap.node(f"statement:N{depth}")
        assert (last.span.line, last.span.column) == (depth + 1, depth + 3)

    return check


def _structure_titles(amap: ArgumentMap, _: Path) -> None:
    assert ids(amap) == {
        "statement:a]b",
        'statement:say "hi" \\o/',
        "argument:x>y",
        "statement:'single' C:\\path",
    }
    assert relations(amap) == {
        ('statement:say "hi" \\o/', "support", "statement:a]b"),
        ("statement:'single' C:\\path", "support", "argument:x>y"),
    }
    exported = json.loads(dumps(amap))
    assert {node["title"] for node in exported["nodes"]} == {
        "a]b",
        'say "hi" \\o/',
        "x>y",
        "'single' C:\\path",
    }


def _structure_unterminated_front_matter(amap: ArgumentMap, _: Path) -> None:
    # Argdown reads it the same way: no front matter, an untitled statement of its lines.
    assert amap.title is None
    assert amap.node("statement:Untitled 1").text == "=== title: T"
    assert relations(amap) == {("statement:B", "support", "statement:A")}


HUGE = int("9" * 4300)  # as many digits as Python converts from text by default
HUGE_NEGATIVE = -int("1" * 100)


def _structure_huge_numbers(amap: ArgumentMap, _: Path) -> None:
    data = {"cite": "Doe 2019", "n": HUGE, "m": HUGE_NEGATIVE, "f": "inf", "e": "1e999999"}
    assert amap.node("statement:A").data == data
    [node] = json.loads(dumps(amap))["nodes"]
    assert node["data"] == data


def _structure_duplicate_keys(amap: ArgumentMap, _: Path) -> None:
    # Refused, as Argdown's YAML reader refuses them: neither value is taken.
    assert amap.title is None
    assert amap.node("statement:A").data == {}
    assert amap.node("statement:B").data == {"cite": "Doe 2019"}


def _structure_title_newline(amap: ArgumentMap, _: Path) -> None:
    # A title ends at its line: the brackets stay visible in an untitled statement's text.
    assert ids(amap) == {"statement:A", "statement:Untitled 1"}
    assert amap.node("statement:Untitled 1").text == f"[Line one line two]: b {CARD_TEXT}"
    assert relations(amap) == {("statement:Untitled 1", "support", "statement:A")}
    assert all("\n" not in node.title for node in amap.nodes)


ONE_MB_WORDS_BAD_DATA = f"[A]: {ONE_MB_WORDS}{{x: [1}}\n"


# Five times Python's recursion limit: deep enough that a reader, check or export that
# recursed per link would fail, small enough to run quickly (tests/test_scale.py and the
# benchmarks take chains of 100,000).
CHAIN = 5_000


def _chain(relation: str, last: str, front_matter: str = "") -> bytes:
    """[N0] to [N5000], each defined where it first relates to the one before it, and
    referenced again at the head of its own block."""
    texts = [f"Step {i}." for i in range(CHAIN)] + [last]
    blocks = [f"{front_matter}[N0]: The start. #thesis\n  {relation} [N1]: {texts[1]}"]
    blocks += [f"[N{i}]\n  {relation} [N{i + 1}]: {texts[i + 1]}" for i in range(1, CHAIN)]
    return ("\n\n".join(blocks) + "\n").encode()


# Every link of a support chain is a single point of failure: 5,000 true notes, which
# would test only the pretty printer.
SUPPORT_CHAIN = _chain(
    "+", f"The end. {CARD}", "===\nargmap: {ignore: [single-point-of-failure]}\n===\n\n"
)
# Every claim stands until attacked: an attack chain is about the verdicts, not evidence.
ATTACK_CHAIN = _chain(
    "-", "The end.", "===\nargmap: {standard: dialectical, ignore: [unsupported-claim]}\n===\n\n"
)


def _structure_chain(
    relation: str, first_line: int, last_text: str
) -> Callable[[ArgumentMap, Path], None]:
    def check(amap: ArgumentMap, _: Path) -> None:
        assert amap.diagnostics == []
        assert len(amap) == CHAIN + 1
        assert len(amap.edges) == CHAIN
        edges = relations(amap)
        assert ("statement:N1", relation, "statement:N0") in edges
        assert (f"statement:N{CHAIN}", relation, f"statement:N{CHAIN - 1}") in edges
        assert len({edge.source for edge in amap.edges}) == CHAIN
        # Three lines a block; the last node is defined on the second line of the last.
        last = amap.node(f"statement:N{CHAIN}")
        assert last.text == last_text
        assert (last.span.line, last.span.column) == (first_line + 3 * CHAIN - 2, 5)

    return check


def _structure_attack_chain(amap: ArgumentMap, path: Path) -> None:
    _structure_chain("attack", 5, "The end.")(amap, path)
    verdicts = evaluate(amap, "dialectical").verdicts
    # The last claim is unattacked: in; each attacker in puts the claim it attacks out.
    assert verdicts[f"statement:N{CHAIN}"].value == "in"
    assert verdicts[f"statement:N{CHAIN - 1}"].value == "out"
    assert verdicts["statement:N1"].value == "out"
    assert verdicts["statement:N0"].value == "in"


def _undecided(*titles: str) -> Callable[[ArgumentMap, Path], None]:
    def check(amap: ArgumentMap, _: Path) -> None:
        verdicts = evaluate(amap).verdicts
        assert {title: verdicts[title].value for title in titles} == dict.fromkeys(
            titles, "undecided"
        )

    return check


# Titles and texts that mean something in DOT, Mermaid, XML, HTML, Markdown or JSON.
HOSTILE = (
    "===\n"
    "title: 'Hostile \"labels\" <b>&amp;</b> \\ ]]> -->'\n"
    "===\n\n"
    '# Section "one" \\</graphml> ]]> --> %% end\n\n'
    '[Quote "q" \\\\ ]]>]: Said "stop" and \'go\', C:\\\\dir\\\\, \\<b>bold\\</b> &amp; &lt;'
    " ]]> --> %%\\{init\\}%% `tick` 🎉 end. #thesis\n"
    '  + [x"]; evil [label="pwned"]; n1 -> evil; //]: Injected \\[label="pwned"\\]'
    ' \\{ x -> y \\}; subgraph; --> end #evidence {cite: "Doe \\"2019\\"'
    ' <script>alert(1)</script>"}\n'
    '  - <A <script>alert(1)</script> & | pipe>: \\<img src=x onerror="alert(1)"> &'
    " |attack| --x n1\n"
    "    - [Reply * _ # | ---]: \\*not bold\\* \\_not italic\\_ \\# not a heading | a | b |"
    ' \\`code\\` #evidence {cite: "Roe"}\n'
).encode()
HOSTILE_TITLES = [
    'Quote "q" \\\\ ]]>',
    'x"]; evil [label="pwned"]; n1 -> evil; //',
    "A <script>alert(1)</script> & | pipe",
    "Reply * _ # | ---",
]


def _structure_hostile(amap: ArgumentMap, _: Path) -> None:
    assert [node.title for node in amap.nodes] == HOSTILE_TITLES
    assert amap.title == 'Hostile "labels" <b>&amp;</b> \\ ]]> -->'
    assert amap.node(f"statement:{HOSTILE_TITLES[0]}").text == (
        "Said \"stop\" and 'go', C:\\dir\\, <b>bold</b> &amp; &lt; ]]> --> %%{init}%% `tick`"
        " 🎉 end. #thesis"
    )
    assert amap.node(f"argument:{HOSTILE_TITLES[2]}").text == (
        '<img src=x onerror="alert(1)"> & |attack| --x n1'
    )
    assert len(amap.edges) == 3


def _hostile(export: Export) -> Case:
    """The hostile brief, read cleanly, then exported as ``export`` says."""
    return Case(HOSTILE, 0, structure=_structure_hostile, export=export)


def flat(text: str) -> str:
    """Text with every run of white space (line breaks a layout added) as one space."""
    return " ".join(text.split())


def written(node: Node) -> str:
    return f"[{node.title}]" if node.type == "statement" else f"<{node.title}>"


SVG = "{http://www.w3.org/2000/svg}"


def _svg_shows_every_label(svg: bytes, amap: ArgumentMap) -> None:
    """Graphviz drew one shape per node and one line per relation, nothing injected, each
    with its title and text as written in the brief."""
    root = ET.fromstring(svg)
    groups: dict[str, list[str]] = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") not in ("graph", "cluster", "node", "edge"):
            continue  # the links Graphviz wraps around tooltips
        title = group.find(f"{SVG}title")
        assert title is not None
        assert title.text is not None
        texts = [text.text or "" for text in group.iter(f"{SVG}text")]
        groups[f"{group.get('class')} {title.text}"] = texts
    node_ids = [f"node n{index}" for index in range(1, len(amap.nodes) + 1)]
    drawn = sorted(key for key in groups if key.startswith("node ") and key != "node legend")
    assert drawn == node_ids
    assert "node legend" in groups  # argmap's own text, checked in tests/exporters/test_dot.py
    assert len([key for key in groups if key.startswith("edge ")]) == len(amap.edges)
    for key, node in zip(node_ids, amap.nodes, strict=True):
        shown = flat(" ".join(groups[key]))
        assert written(node) in shown, (shown, written(node))
        assert flat(node.text or "") in shown, shown
    assert amap.title in groups["graph argmap"]
    assert [flat(" ".join(groups["cluster cluster_1"]))] == [amap.sections[0].title]


def _dot_accepts(outcome: Outcome) -> None:
    drawn = subprocess.run(
        ["dot", "-Tsvg"], input=outcome.stdout, capture_output=True, timeout=60, check=False
    )
    assert drawn.returncode == 0, drawn.stderr.decode()
    _svg_shows_every_label(drawn.stdout, outcome.amap)


def _svg_accepts(outcome: Outcome) -> None:
    assert outcome.stdout.lstrip().startswith(b"<?xml")
    _svg_shows_every_label(outcome.stdout, outcome.amap)


def _mermaid_accepts(outcome: Outcome) -> None:
    from tests.exporters.test_mermaid import MERMAID_MODULES, PARSE_SCRIPT

    (outcome.folder / "node_modules").symlink_to(MERMAID_MODULES)
    script = outcome.folder / "parse.mjs"
    script.write_text(PARSE_SCRIPT, "utf-8")
    diagram = outcome.folder / "map.mmd"
    diagram.write_bytes(outcome.stdout)
    parsed = subprocess.run(
        ["node", str(script), str(diagram)], capture_output=True, text=True, timeout=120
    )
    assert parsed.returncode == 0, parsed.stderr
    [graph] = json.loads(parsed.stdout)
    assert graph["edges"] == len(outcome.amap.edges)
    vertices = {vertex[0]: vertex[1] for vertex in graph["vertices"]}
    assert sorted(vertices) == [f"n{i}" for i in range(1, len(outcome.amap.nodes) + 1)]

    def shown(label: str) -> str:
        # Mermaid keeps entity codes as placeholders until it draws; decode them as it does.
        label = label.replace("ﬂ°°", "&#").replace("ﬂ°", "&").replace("¶ß", ";")
        return flat(html.unescape(label.replace("<br>", " ")))

    for index, node in enumerate(outcome.amap.nodes, start=1):
        label = shown(vertices[f"n{index}"])
        assert node.title in label, label
        assert flat(node.text or "") in label, label
    assert [shown(title) for _, title in graph["subgraphs"]] == [outcome.amap.sections[0].title]


def _graphml_accepts(outcome: Outcome) -> None:
    graph = networkx.read_graphml(io.BytesIO(outcome.stdout))
    nodes = list(graph.nodes(data=True))
    assert [(data["title"], data["text"]) for _, data in nodes] == [
        (node.title, node.text) for node in outcome.amap.nodes
    ]
    assert graph.graph["title"] == outcome.amap.title
    assert {data["section_title"] for _, data in nodes} == {outcome.amap.sections[0].title}
    assert graph.number_of_edges() == len(outcome.amap.edges)


def _json_accepts(outcome: Outcome) -> None:
    exported = json.loads(outcome.stdout)
    assert exported["title"] == outcome.amap.title
    assert [(n["title"], n["text"], n["data"]) for n in exported["nodes"]] == [
        (node.title, node.text, node.data) for node in outcome.amap.nodes
    ]
    assert [s["title"] for s in exported["sections"]] == [outcome.amap.sections[0].title]


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _markdown_accepts(outcome: Outcome) -> None:
    page = _Html()
    page.feed(MarkdownIt("commonmark").render(outcome.stdout.decode("utf-8")))
    # Only the outline's own markup: nothing from the brief became a tag.
    assert page.tags <= {"h1", "h2", "p", "ul", "li", "strong", "em", "blockquote"}, page.tags
    shown = flat(" ".join(page.text))
    assert flat(outcome.amap.title or "") in shown
    for node in outcome.amap.nodes:
        assert written(node) in shown, written(node)
        assert flat(node.text or "") in shown, node.text


def _aif_accepts(outcome: Outcome) -> None:
    exported = json.loads(outcome.stdout)
    info = [node["text"] for node in exported["nodes"] if node["type"] == "I"]
    assert info == [
        (node.text or "") + (f" [{node.data['cite']}]" if "cite" in node.data else "")
        for node in outcome.amap.nodes
    ]
    kinds = [node["type"] for node in exported["nodes"]]
    assert (kinds.count("RA"), kinds.count("CA")) == (1, 2)
    assert len(exported["edges"]) == 6


def _nothing_written(outcome: Outcome) -> None:
    assert outcome.stdout == b""
    assert sorted(path.name for path in outcome.folder.iterdir()) == ["brief.argdown"]


SMALL = f"[A]: The claim. #thesis\n  + [B]: Its support. {CARD}\n".encode()


def _written_json(outcome: Outcome) -> None:
    assert outcome.stdout == b""
    map_json = outcome.folder / "map.json"
    assert json.loads(map_json.read_text("utf-8"))["theses"] == ["statement:A"]


def _stdout_json(outcome: Outcome) -> None:
    assert json.loads(outcome.stdout)["theses"] == ["statement:A"]
    assert sorted(path.name for path in outcome.folder.iterdir()) == ["brief.argdown"]


def _brief_unchanged(outcome: Outcome) -> None:
    assert outcome.brief.read_bytes() == SMALL
    _nothing_written(outcome)


def _usage_error(piece: str) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        assert "Usage: argmap export" in outcome.stderr
        assert piece in outcome.stderr.splitlines()[-1]
        _nothing_written(outcome)

    return check


def _many_reasons(_: Path) -> bytes:
    """A brief whose export (about 2 MB) cannot fit in a pipe's buffer."""
    lines = ["[Root]: The thesis. #thesis"]
    lines += [f"  + [Reason {i}]: Reason number {i}. {CARD}" for i in range(4000)]
    return ("\n".join(lines) + "\n").encode()


def _first_line_read(outcome: Outcome) -> None:
    assert outcome.stdout.strip() == b"{"
    assert "BrokenPipeError" not in outcome.stderr
    assert "Exception ignored" not in outcome.stderr


def _empty_brief(content: bytes) -> Case:
    """A brief with nothing to read: one syntax error at its start, and no node."""
    return Case(
        content,
        1,
        (("syntax-error", 1, 1, EMPTY),),
        lambda amap, _: _assert_empty(amap, diagnostics=1),
    )


CASES = {
    # Argdown refuses a brief with nothing to read (its parser expects a first block):
    # most often the wrong file, or one not saved yet.
    "empty-file": _empty_brief(b""),
    "only-comments": _empty_brief(
        b"// a line comment\n/* a block\n   comment */\n\n<!-- an html\ncomment -->\n"
    ),
    "only-blank-lines": _empty_brief(b"\n\n  \n\t\n"),
    "only-front-matter": _empty_brief(b"===\ntitle: Plan\n===\n"),
    "only-a-heading": Case(
        b"# 1AC\n",
        0,
        no_findings=True,
        structure=lambda amap, _: _assert_empty(amap),
    ),
    "relation-at-column-0": Case(
        f"[A]: a\n  + [B]: b {CARD}\n+ [C]: c\n".encode(),
        1,
        (("syntax-error", 3, 1, "relation '+' at the start of a line"),),
        lambda amap, _: _assert_relations(amap, {("statement:B", "support", "statement:A")}),
    ),
    "relation-after-blank-line": Case(
        f"[A]: a {CARD}\n\n  + [B]: b\n".encode(),
        1,
        (("syntax-error", 3, 1, "relation '+' after a blank line"),),
        lambda amap, _: _assert_relations(amap, set()),
    ),
    "missing-blank-line": Case(
        f"[A]: a {CARD}\n[B]: b\n".encode(),
        1,
        (("syntax-error", 2, 1, "missing blank line"),),
        lambda amap, _: _assert_ids(amap, {"statement:A"}),
    ),
    "missing-blank-line-after-relations": Case(
        f"[A]: a\n  + [B]: b {CARD}\n[C]: c\n".encode(),
        1,
        (("syntax-error", 3, 1, "missing blank line"),),
        lambda amap, _: _assert_ids(amap, {"statement:A", "statement:B"}),
    ),
    "invalid-yaml-data": Case(
        f"[A]: a {{x: [1, 2}}\n\n[B]: b {CARD}\n\n[C]: c\n  + [D]: d {CARD}\n".encode(),
        1,
        (("syntax-error", 1, 17, "data: invalid YAML"),),
        _structure_bad_data,
    ),
    "yaml-value-needs-quotes": Case(
        f"[A]: a {{cite: O'Rourke 2024: CRS report}}\n  + [B]: b {CARD}\n".encode(),
        1,
        (
            (
                "syntax-error",
                1,
                15,
                'data: the value of cite contains ": "; put the value in quotes: '
                '{cite: "O\'Rourke 2024: CRS report"}',
            ),
        ),
        lambda amap, _: _assert_ids(amap, {"statement:A", "statement:B"}),
    ),
    "front-matter-value-needs-quotes": Case(
        f"===\ntitle: O'Rourke: a study\n===\n\n[A]: a {CARD}\n".encode(),
        1,
        (
            (
                "syntax-error",
                2,
                8,
                'front matter: the value of title contains ": "; put the value in quotes: '
                'title: "O\'Rourke: a study"',
            ),
        ),
        lambda amap, _: _assert_title(amap, None, {"statement:A"}),
    ),
    "yaml-value-aliased-thousands-of-times": Case(
        ALIASED_BRIEF.encode(),
        1,
        (
            (
                "syntax-error",
                1,
                ALIASED_BRIEF.index("*x") + 1,
                "data: aliases (*x) expand the data to more than 4 times its written size; "
                "write each value out instead",
            ),
        ),
        lambda amap, _: _assert_ids(amap, {"statement:A", "statement:B"}),
    ),
    "data-not-a-mapping": Case(
        # Block YAML (a line break after "{") holding a list; located at that line break.
        f"[A]: a {{\n- 1\n- 2\n}}\n\n[B]: b {CARD}\n".encode(),
        1,
        (("syntax-error", 1, 9, "data must be a mapping of keys to values, not a list"),),
        lambda amap, _: _assert_ids(amap, {"statement:A", "statement:B"}),
    ),
    "invalid-front-matter": Case(
        f"===\ntitle: [x\n===\n\n[A]: a {CARD}\n".encode(),
        1,
        (("syntax-error", 2, 10, "front matter: invalid YAML"),),
        lambda amap, _: _assert_title(amap, None, {"statement:A"}),
    ),
    "front-matter-is-a-list": Case(
        f"===\n- a\n- b\n===\n\n[A]: a {CARD}\n".encode(),
        1,
        # At the start of the YAML body: the line break right after the opening ===.
        (("syntax-error", 1, 4, "front matter must be a mapping of keys to values, not a list"),),
        lambda amap, _: _assert_title(amap, None, {"statement:A"}),
    ),
    "front-matter-names-no-node": Case(
        f"===\ntitle: T\nthesis: Nowhere\n===\n\n[A]: a {CARD}\n".encode(),
        1,
        (("front-matter", 1, 1, "'Nowhere'"),),
        lambda amap, _: _assert_title(amap, "T", {"statement:A"}),
    ),
    "python-yaml-tags": Case(
        _python_tag,
        1,
        (
            ("syntax-error", 1, 12, "data: invalid YAML"),
            ("syntax-error", 3, 12, "data: invalid YAML"),
            ("syntax-error", 5, 12, "data: invalid YAML"),
        ),
        _structure_python_tag,
    ),
    "unterminated-block-comment": Case(
        f"[A]: a {CARD}\n\n/* never closed\n[B]: b\n".encode(),
        1,
        (("syntax-error", 3, 1, "unterminated comment"),),
        lambda amap, _: _assert_ids(amap, {"statement:A"}),
    ),
    "unterminated-html-comment": Case(
        f"[A]: a {CARD}\n\n<!-- never closed\n[B]: b\n".encode(),
        1,
        (("syntax-error", 3, 1, "unterminated comment"),),
        lambda amap, _: _assert_ids(amap, {"statement:A"}),
    ),
    "invalid-utf8": Case(
        f"[A]: ok\n  + [B]: caf\xe9 au lait {CARD}\n".encode("latin-1"),
        1,
        (("encoding", 2, 13, "invalid UTF-8 byte 0xe9 at byte offset 20"),),
        lambda amap, _: _assert_text(amap, "statement:B", f"caf\ufffd au lait {CARD_TEXT}"),
    ),
    "invalid-utf8-after-multibyte-characters": Case(
        # Columns count characters, the offset counts bytes: é and € are 2 and 3 bytes.
        b"[\xc3\xa9t\xc3\xa9]: \xe2\x82\xac \xff\n",
        1,
        (("encoding", 1, 10, "invalid UTF-8 byte 0xff at byte offset 13"),),
        lambda amap, _: _assert_text(amap, "statement:été", "€ \ufffd"),
    ),
    "truncated-utf8-sequence": Case(
        b"[A]: a \xe2\x82\n",
        1,
        (("encoding", 1, 8, "invalid UTF-8 byte 0xe2 at byte offset 7"),),
        lambda amap, _: _assert_ids(amap, {"statement:A"}),
    ),
    "latin-1-file": Case(
        LATIN1,
        1,
        LATIN1_LOCATED,
        lambda amap, _: _assert_relations(
            amap, {("statement:Go\ufffdt", "support", "statement:Caf\ufffd")}
        ),
    ),
    "binary-garbage": Case(
        b"\xff" * 50,
        1,
        (
            *[
                ("encoding", 1, i + 1, f"invalid UTF-8 byte 0xff at byte offset {i}")
                for i in range(10)
            ],
            ("encoding", 1, 10, "40 more invalid UTF-8 bytes not shown"),
        ),
    ),
    "utf16-le-with-bom": Case(
        f"[A]: a {CARD}\n".encode("utf-16"),
        1,
        (("encoding", 1, 1, "the brief is UTF-16; save it as UTF-8"),),
        lambda amap, _: _assert_empty(amap, diagnostics=1),
    ),
    "utf16-be-with-bom": Case(
        f"\ufeff[A]: a {CARD}\n".encode("utf-16-be"),
        1,
        (("encoding", 1, 1, "the brief is UTF-16; save it as UTF-8"),),
        lambda amap, _: _assert_empty(amap, diagnostics=1),
    ),
    "utf8-with-bom": Case(
        f"\ufeff[A]: a\n  + [B]: b {CARD}\n".encode(),
        0,
        structure=lambda amap, _: _assert_position(amap, "statement:A", 1, 1),
    ),
    "utf8-bom-then-invalid-byte": Case(
        # Columns do not count the BOM (editors do not show it); the byte offset does.
        b"\xef\xbb\xbf[A]: caf\xe9\n",
        1,
        (("encoding", 1, 9, "invalid UTF-8 byte 0xe9 at byte offset 11"),),
    ),
    "crlf-line-endings": Case(
        f"[A]: a\r\n  + [B]: b {CARD}\r\n\r\n[C]: c\r\n  + [B]\r\n".encode(),
        0,
        structure=_structure_crlf,
    ),
    "crlf-with-an-error": Case(
        f"[A]: a {CARD}\r\n\r\n[B]: b {CARD}\r\n[C]: c\r\n".encode(),
        1,
        (("syntax-error", 4, 1, "missing blank line"),),
    ),
    "lone-cr-line-endings": Case(
        # Lines end at a lone CR too; argmap (like Argdown) has no blank line made of CRs,
        # so [D] starts a new block without one.
        f"[A]: a\r  + [B]: b {CARD}\r  - [C]: c\r    - [E]: e {CARD}\r[D]: d\r".encode(),
        1,
        (("syntax-error", 5, 1, "missing blank line"),),
        _structure_lone_cr,
    ),
    "nul-bytes": Case(
        # Read as text (and kept), but reported: an invisible character.
        f"[A]: a\x00b\n  + [B]: c\x00d {CARD}\n".encode(),
        1,
        (
            ("hidden-characters", 1, 7, "U+0000"),
            ("hidden-characters", 2, 11, "U+0000"),
        ),
        lambda amap, _: _assert_text(amap, "statement:A", "a\x00b"),
    ),
    "hidden-characters-written-as-escapes-in-data": Case(
        # YAML escapes that decode to a bidi override and an escape character: not in the
        # raw text, reported where the escape is written.
        b'[A]: a #evidence {cite: "Doe\\u202e 2019", note: "\\e]0;owned\\a"}\n',
        1,
        (
            (
                "hidden-characters",
                1,
                29,
                "hidden character U+202E RIGHT-TO-LEFT OVERRIDE in data, written as the escape"
                " \\u202e: a bidirectional control that can reorder how the text displays;"
                " delete it unless it is meant",
            ),
            (
                "hidden-characters",
                1,
                50,
                "hidden character U+001B in data, written as the escape \\e: a control"
                " character; delete it unless it is meant",
            ),
            (
                "hidden-characters",
                1,
                60,
                "hidden character U+0007 in data, written as the escape \\a: a control"
                " character; delete it unless it is meant",
            ),
        ),
    ),
    "reference-that-differs-by-a-zero-width-space": Case(
        f"[Rescue]: r {CARD}\n\n[T]: t {CARD}\n  + [Rescue\u200b]\n".encode(),
        1,
        (
            (
                "undefined-reference",
                4,
                5,
                "is referenced but never defined: no statement with this title has text; did"
                " you mean [Rescue]? (it differs only by a zero-width space U+200B)",
            ),
            (
                "hidden-characters",
                4,
                12,
                "hidden character U+200B ZERO WIDTH SPACE: an invisible character; delete it"
                " unless it is meant",
            ),
        ),
    ),
    "emoji-with-joiners-are-not-hidden": Case(
        f"[A]: \U0001f469\u200d\U0001f4bb and \u2764\ufe0f {CARD}\n".encode(), 0
    ),
    "titles-with-brackets-quotes-backslashes": Case(
        (
            "[a]b]: Title with a bracket.\n"
            f'  + [say "hi" \\o/]: Quotes and a backslash. {CARD}\n\n'
            "<x>y>: An argument with a greater-than sign.\n"
            f"  + ['single' C:\\path]: Single quotes and a path. {CARD}\n"
        ).encode(),
        0,
        structure=_structure_titles,
    ),
    "one-megabyte-line": Case(
        f"[A]: {ONE_MB_WORDS}{CARD}\n".encode(),
        0,
        structure=lambda amap, _: _assert_text(amap, "statement:A", ONE_MB_WORDS + CARD_TEXT),
    ),
    "one-megabyte-line-with-an-error-at-its-end": Case(
        ONE_MB_BAD_DATA.encode(),
        1,
        (("syntax-error", 1, ONE_MB_BAD_DATA.index("}") + 1, "data: invalid YAML"),),
    ),
    "5000-deep-indentation": Case(_deep(5000), 0, structure=_structure_deep(5000), show=False),
    "unterminated-front-matter": Case(
        f"===\ntitle: T\n\n[A]: a\n  + [B]: b {CARD}\n".encode(),
        1,
        (("defeated-thesis", 1, 1, "thesis [Untitled 1] does not stand"),),
        _structure_unterminated_front_matter,
    ),
    "front-matter-is-a-scalar": Case(
        f"===\njust a sentence\n===\n\n[A]: a {CARD}\n".encode(),
        1,
        (("syntax-error", 1, 4, "front matter must be a mapping of keys to values, not a string"),),
        lambda amap, _: _assert_title(amap, None, {"statement:A"}),
    ),
    "huge-numbers-in-data": Case(
        (
            f'[A]: a #evidence {{cite: "Doe 2019", n: {HUGE}, m: {HUGE_NEGATIVE},'
            " f: 1.0e+999, e: 1e999999}\n"
        ).encode(),
        0,
        structure=_structure_huge_numbers,
    ),
    "number-too-long-for-python": Case(
        f"[A]: a {{n: {'9' * 5000}}}\n\n[B]: b {{d: 2019-02-30}}\n\n[C]: c {CARD}\n".encode(),
        1,
        (
            ("syntax-error", 1, 8, "data: invalid YAML: a number with too many digits"),
            ("syntax-error", 3, 8, "data: invalid YAML: day is out of range for month"),
        ),
        lambda amap, _: _assert_ids(amap, {"statement:A", "statement:B", "statement:C"}),
    ),
    "duplicate-keys": Case(
        b"===\ntitle: First\ntitle: Second\n===\n\n"
        b'[A]: a {cite: "Doe 2019", cite: "Roe 2020"}\n\n'
        b'[B]: b {cite: "Doe 2019"}\n',
        1,
        (
            ("syntax-error", 3, 1, "front matter: invalid YAML: duplicated mapping key"),
            ("syntax-error", 6, 27, "data: invalid YAML: duplicated mapping key"),
        ),
        structure=_structure_duplicate_keys,
    ),
    "data-nested-600-deep": Case(
        ("[A]: a {x: " + "[" * 600 + "]" * 600 + "}\n").encode(),
        1,
        (("syntax-error", 1, 8, "data: data nested more than 100 levels deep"),),
        lambda amap, _: _assert_data(amap, "statement:A", {}),
    ),
    "data-nested-998-deep": Case(
        # Just under Python's recursion limit: nothing on the way may recurse.
        ("[A]: a {x: " + "[" * 998 + "]" * 998 + "}\n").encode(),
        1,
        (("syntax-error", 1, 8, "data: data nested more than 100 levels deep"),),
        lambda amap, _: _assert_data(amap, "statement:A", {}),
    ),
    "title-broken-by-a-newline": Case(
        f"[A]: a\n  + [Line one\n    line two]: b {CARD}\n".encode(),
        0,
        structure=_structure_title_newline,
    ),
    "one-megabyte-of-words-with-an-error-at-its-end": Case(
        ONE_MB_WORDS_BAD_DATA.encode(),
        1,
        (("syntax-error", 1, ONE_MB_WORDS_BAD_DATA.index("}") + 1, "data: invalid YAML"),),
        lambda amap, _: _assert_text(amap, "statement:A", ONE_MB_WORDS.strip()),
        show=False,  # one-megabyte-line shows a line this long already
    ),
    "5000-long-support-chain": Case(
        SUPPORT_CHAIN,
        0,
        no_findings=True,
        structure=_structure_chain("support", 5, f"The end. {CARD_TEXT}"),
        show=False,
    ),
    "5000-long-attack-chain": Case(
        ATTACK_CHAIN, 0, no_findings=True, structure=_structure_attack_chain, show=False
    ),
    "support-cycle": Case(
        f"[A]: a\n  + [B]: b\n    + [A]\n\n[C]: c {CARD}\n  + [A]\n".encode(),
        1,
        (("circular-support", 1, 1, "circular support: [A] supports [B] supports [A]"),),
    ),
    "attack-cycle": Case(
        f"[A]: a #thesis {CARD}\n  - [B]: b {CARD}\n    - [C]: c {CARD}\n      - [A]\n".encode(),
        1,
        (("defeated-thesis", 1, 1, "undecided: attacked by [B], itself undecided"),),
        _undecided("statement:A", "statement:B", "statement:C"),
    ),
    "undercut-cycle": Case(
        f"[A]: a #thesis {CARD}\n  _ [B]: b {CARD}\n    _ [A]\n".encode(),
        1,
        (("defeated-thesis", 1, 1, "undecided: attacked by [B], itself undecided"),),
        _undecided("statement:A", "statement:B"),
    ),
    "contradiction-cycle": Case(
        f"[A]: a #thesis {CARD}\n  >< [B]: b {CARD}\n    >< [C]: c {CARD}\n      >< [A]\n".encode(),
        1,
        (("defeated-thesis", 1, 1, "undecided: attacked by [B], [C], itself undecided"),),
        _undecided("statement:A", "statement:B", "statement:C"),
    ),
    "thesis-attacks-itself": Case(
        f"[T]: t #thesis\n  - [T]\n  + [E]: e {CARD}\n".encode(),
        1,
        (
            ("defeated-thesis", 1, 1, "undecided: attacked by [T], itself undecided"),
            ("self-relation", 2, 3, "[T] attacks itself"),
        ),
        lambda amap, _: _assert_relations(
            amap,
            {
                ("statement:T", "attack", "statement:T"),
                ("statement:E", "support", "statement:T"),
            },
        ),
    ),
    "contradiction-with-arguments": Case(
        f"<A>: a {CARD}\n  >< <B>: b {CARD}\n\n[S]: s {CARD}\n  >< <A>\n".encode(),
        1,
        (
            ("syntax-error", 2, 6, "a contradiction (><) relates statements, not arguments"),
            ("syntax-error", 5, 6, "a contradiction (><) relates statements, not arguments"),
        ),
        lambda amap, _: _assert_relations(amap, set()),
    ),
    "undefined-references-in-relations": Case(
        f"[A]: a {CARD}\n  + [Missing]\n  - <No Arg>\n  +> [Target Gone]\n".encode(),
        1,
        (
            ("undefined-reference", 2, 5, "[Missing] is referenced but never defined"),
            ("undefined-reference", 3, 5, "<No Arg> is referenced but never defined"),
            ("undefined-reference", 4, 6, "[Target Gone] is referenced but never defined"),
        ),
    ),
    "undefined-references-alone": Case(
        b"[Alone]\n\n<Lonely>\n",
        1,
        (
            ("undefined-reference", 1, 1, "[Alone] is referenced but never defined"),
            ("undefined-reference", 3, 1, "<Lonely> is referenced but never defined"),
        ),
        lambda amap, _: _assert_ids(amap, {"statement:Alone", "argument:Lonely"}),
    ),
    "undefined-titles-in-front-matter": Case(
        f"===\nthesis: '[Ghost]'\nexpect: {{in: [Phantom]}}\n===\n\n[A]: a {CARD}\n".encode(),
        1,
        (
            ("front-matter", 1, 1, "front matter names thesis '[Ghost]'"),
            ("verdict-mismatch", 1, 1, "no statement or argument is titled 'Phantom'"),
        ),
    ),
    "undefined-titles-in-mentions": Case(
        # A mention is a link in the text, as in Argdown: it defines nothing, and one of a
        # title written nowhere is a warning where it is written.
        f"[A]: a mentions @[Nowhere] and @<Gone> {CARD}\n".encode(),
        0,
        (
            ("undefined-mention", 1, 17, "@[Nowhere] mentions a statement"),
            ("undefined-mention", 1, 32, "@<Gone> mentions an argument"),
        ),
        structure=lambda amap, _: _assert_text(
            amap, "statement:A", f"a mentions @[Nowhere] and @<Gone> {CARD_TEXT}"
        ),
    ),
    # Mistakes a new user makes, each named with what to type instead.
    "evidence-tag-typos-and-a-typed-citation": Case(
        (
            "[T]: Thesis. #thesis\n  + [A]: a. #Evidence\n  + [B]: b. #evidnce\n"
            f"  + [C]: c (Smith 2020)\n  + [D]: d. {CARD}\n"
        ).encode(),
        0,
        (
            (
                "evidence-lookalike",
                2,
                13,
                "#Evidence is not #evidence (tags are case-sensitive), so [A] is not evidence: "
                "write #evidence",
            ),
            (
                "evidence-lookalike",
                3,
                13,
                "#evidnce is not #evidence, so [B] is not evidence: write #evidence",
            ),
            (
                "evidence-lookalike",
                4,
                12,
                '[C] ends with "(Smith 2020)", a citation typed into its text, which does not '
                'mark evidence: write it as data, {cite: "Smith 2020"}',
            ),
        ),
    ),
    "unclosed-citation-data": Case(
        b'[T]: Thesis. #thesis\n  + [Card]: Study shows. #evidence {cite: "CRS 2024"\n',
        0,
        (
            (
                "syntax-warning",
                2,
                36,
                "'{' opens data that is never closed, so it is read as text: end it with '}', "
                "as in '{cite: \"CRS 2024\"}'",
            ),
        ),
        lambda amap, _: _assert_no_finding(amap, "missing-citation"),
    ),
    "missing-colon-after-a-title": Case(
        b"[Plan] The USFG should act. #thesis\n  + [Solvency]: It works.\n",
        1,
        (
            (
                "syntax-error",
                1,
                8,
                "missing ':' after [Plan]: to give it its text, write '[Plan]: The USFG "
                "should act. #thesis'",
            ),
        ),
        lambda amap, _: _assert_first_and_only(amap, "syntax-error"),
    ),
    "unclosed-title-bracket": Case(
        (
            f"[T]: Thesis. #thesis\n  + [Presence: The US needs presence.\n  + [E]: e. {CARD}\n"
        ).encode(),
        0,
        (
            (
                "syntax-warning",
                2,
                5,
                "'[' opens a title that is never closed, so this is read as a statement without "
                "a title: close the title with ']', as in '[Presence]: The US needs presence.'",
            ),
        ),
        lambda amap, _: _assert_no_finding(amap, "unsupported-claim"),
    ),
    "tabs-mixed-with-spaces": Case(
        f"[A]: a.\n\t+ [B]: b. {CARD}\n  + [C]: c. {CARD}\n".encode(),
        0,
        (
            (
                "mixed-indentation",
                3,
                1,
                "this line is indented with spaces, lines above it in this block with tabs; "
                "Argdown counts a tab as one space, so the line may nest differently from how "
                "it looks: indent every line of the block with spaces only",
            ),
        ),
        # As in Argdown: the tab is one column, the two spaces are deeper.
        lambda amap, _: _assert_relations(
            amap,
            {("statement:B", "support", "statement:A"), ("statement:C", "support", "statement:B")},
        ),
    ),
    "web-address-in-text": Case(
        f"[A]: a. #thesis\n  + [B]: See https://www.nsf.gov/geo/opp\n  + [C]: c. {CARD}\n".encode(),
        0,
        (
            (
                "syntax-warning",
                2,
                14,
                "'//' starts a comment, so the text stops at 'https:' and the rest of the line "
                "is dropped: write the address as a link, [www.nsf.gov]"
                "(https://www.nsf.gov/geo/opp), or escape its slashes, "
                "https:\\/\\/www.nsf.gov/geo/opp",
            ),
        ),
        lambda amap, _: _assert_text(amap, "statement:B", "See https:"),
    ),
    "heading-without-a-space": Case(
        f"#1AC\n\n[A]: a. #thesis\n  + [B]: b. {CARD}\n".encode(),
        0,
        (
            (
                "syntax-warning",
                1,
                1,
                "'#1AC' is read as a tag on a statement, not as a heading: a heading needs a "
                "space after '#', as in '# 1AC'",
            ),
        ),
        lambda amap, _: _assert_no_finding(amap, "orphan"),
    ),
    "a-brief-that-marks-no-evidence": Case(
        b"[T]: Thesis. #thesis\n  + [A]: a.\n  - [B]: b.\n    - [C]: c.\n",
        0,
        (
            (
                "unsupported-claim",
                1,
                1,
                "the brief marks no evidence, so under the evidence standard no claim stands: "
                'tag each card #evidence or give it {cite: "Author Year"}, or run argmap with '
                "--standard dialectical to weigh the arguments without evidence",
            ),
        ),
        lambda amap, _: _assert_no_finding(amap, "defeated-thesis"),
    ),
    "one-title-in-two-unicode-forms": Case(
        (
            f"[Caf\u00e9]: a. #thesis\n  + [R]: r. {CARD}\n\n[Cafe\u0301]\n  + [S]: s. {CARD}\n"
        ).encode(),
        0,
        (
            (
                "syntax-warning",
                4,
                1,
                "this title looks the same as the one at line 1, column 1, but its letters are "
                "encoded differently (Unicode NFC and NFD); argmap reads both as [Caf\u00e9], "
                "Argdown as two titles: retype this one so that both match",
            ),
        ),
        lambda amap, _: _assert_relations(
            amap,
            {
                ("statement:R", "support", "statement:Caf\u00e9"),
                ("statement:S", "support", "statement:Caf\u00e9"),
            },
        ),
    ),
    "undefined-title-in-focus": Case(
        SMALL,
        0,
        export=Export(
            ("--focus", "Ghost"),
            2,
            "{brief}: no statement or argument titled 'Ghost'",
            _nothing_written,
        ),
    ),
    "hostile-labels-in-dot": _hostile(
        Export(("--format", "dot"), 0, None, _dot_accepts, needs=("dot",))
    ),
    "hostile-labels-in-svg-on-stdout": _hostile(
        Export(("--format", "svg", "-o", "-"), 0, None, _svg_accepts, needs=("dot",))
    ),
    "hostile-labels-in-mermaid": _hostile(
        Export(("--format", "mermaid"), 0, None, _mermaid_accepts, needs=("mermaid",))
    ),
    "hostile-labels-in-graphml": _hostile(
        Export(("--format", "graphml"), 0, None, _graphml_accepts)
    ),
    "hostile-labels-in-json": _hostile(Export((), 0, None, _json_accepts)),
    "hostile-labels-in-markdown": _hostile(
        Export(("--format", "markdown"), 0, None, _markdown_accepts)
    ),
    "hostile-labels-in-aif": _hostile(Export(("--format", "aif"), 0, None, _aif_accepts)),
    # Argdown has no escape for "]" in a title: refused, with the title named.
    "hostile-title-in-argdown": _hostile(
        Export(
            ("-o", "{folder}/map.argdown"),
            2,
            # The title as Python writes a string: each backslash doubled.
            "the statement title '[Quote \"q\" \\\\\\\\ ]]>]' cannot be written in Argdown: "
            "it contains ']'; rename it",
            _nothing_written,
        ),
    ),
    "output-in-a-missing-folder": Case(
        SMALL,
        0,
        export=Export(
            ("-o", "{folder}/missing/deeper/map.json"),
            2,
            "{folder}/missing/deeper/map.json: folder {folder}/missing/deeper does not exist",
            _nothing_written,
        ),
    ),
    "output-under-a-file": Case(
        SMALL,
        0,
        export=Export(
            ("-o", "{brief}/map.json"),
            2,
            "{brief}/map.json: {brief} is not a folder",
            _nothing_written,
        ),
    ),
    "output-is-a-folder": Case(
        SMALL, 0, export=Export(("-o", "{folder}"), 2, None, _usage_error("is a directory"))
    ),
    "output-is-the-input": Case(
        SMALL,
        0,
        export=Export(
            ("-o", "{brief}"),
            2,
            "{brief}: refusing to overwrite the input brief",
            _brief_unchanged,
        ),
    ),
    "output-relative-to-the-working-folder": Case(
        SMALL, 0, export=Export(("-o", "map.json"), 0, None, _written_json)
    ),
    "output-dash-is-stdout": Case(SMALL, 0, export=Export(("-o", "-"), 0, None, _stdout_json)),
    "output-on-a-full-disk": Case(
        SMALL,
        0,
        export=Export(
            ("-o", "{folder}/map.json"),
            2,
            "{folder}/map.json: cannot write: File too large",
            _nothing_written,
            disk_space=512,
        ),
    ),
    "output-to-a-reader-that-leaves": Case(
        _many_reasons, 0, export=Export((), 0, None, _first_line_read, reader_leaves=True)
    ),
}


def _assert_empty(amap: ArgumentMap, diagnostics: int = 0) -> None:
    assert amap.nodes == []
    assert amap.edges == []
    assert len(amap.diagnostics) == diagnostics


def _assert_ids(amap: ArgumentMap, expected: set[str]) -> None:
    assert ids(amap) == expected


def _assert_relations(amap: ArgumentMap, expected: set[tuple[str, str, str]]) -> None:
    assert relations(amap) == expected
    for source, _, target in expected:
        assert amap.node(source).is_defined
        assert amap.node(target).is_defined


def _assert_title(amap: ArgumentMap, title: str | None, expected: set[str]) -> None:
    assert amap.title == title
    assert ids(amap) == expected


def _assert_text(amap: ArgumentMap, node_id: str, text: str) -> None:
    assert amap.node(node_id).text == text


def _assert_data(amap: ArgumentMap, node_id: str, data: dict[str, Any]) -> None:
    assert amap.node(node_id).data == data


def _assert_no_finding(amap: ArgumentMap, rule: str) -> None:
    assert [d for d in argmap.check(amap) if d.rule == rule] == []


def _assert_first_and_only(amap: ArgumentMap, rule: str) -> None:
    """The finding of ``rule`` comes first, and nothing else is reported."""
    assert [d.rule for d in argmap.check(amap)] == [rule]


def _assert_position(amap: ArgumentMap, node_id: str, line: int, column: int) -> None:
    span = amap.node(node_id).span
    assert (span.line, span.column) == (line, column)


def _params(exports: bool = False) -> list[Any]:
    """The cases (only those with an export, with the outside tools it needs, if
    ``exports``)."""
    if not exports:
        return [pytest.param(case, id=name) for name, case in CASES.items()]
    return [
        pytest.param(case, id=name, marks=[pytest.mark.needs(*case.export.needs)])
        for name, case in CASES.items()
        if case.export is not None
    ]


def _severity(rule: str) -> str:
    found = rule_named(rule)
    assert found is not None, rule
    return found.severity.value


PARSABLE = re.compile(
    r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info) "
    r"(?P<code>AM\d{3}) (?P<message>.+) \((?P<rule>[a-z0-9-]+)\)$"
)


def _assert_located(
    found: list[tuple[str, int, int, str]], expected: tuple[tuple[str, int, int, str], ...]
) -> None:
    """Each expected (rule, line, column, piece) matches one found diagnostic, and no
    reading diagnostic is left over."""
    left = list(found)
    for rule, line, column, piece in expected:
        for index, (f_rule, f_line, f_column, message) in enumerate(left):
            if (f_rule, f_line, f_column) == (rule, line, column) and piece in message:
                del left[index]
                break
        else:
            raise AssertionError(f"no {rule} at {line}:{column} saying {piece!r} in {found}")
    assert left == [], f"unexpected: {left}"


@pytest.fixture
def like_the_command_line() -> Iterator[None]:
    """``argmap`` runs without the cyclic garbage collector (``cli.entry_point``); so do
    the in-process runs here, which halves the time the largest briefs take."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write(tmp_path: Path, case: Case) -> Path:
    path = tmp_path / "brief.argdown"
    content = case.content(tmp_path) if callable(case.content) else case.content
    path.write_bytes(content)
    return path


def _reading(
    diagnostics: list[Any], rules: tuple[str, ...] | set[str] = READING_RULES
) -> list[Any]:
    return [d for d in diagnostics if d.rule in rules]


@pytest.mark.usefixtures("like_the_command_line")
@pytest.mark.parametrize("case", _params())
def test_library_reads_what_it_can_and_locates_the_rest(case: Case, tmp_path: Path) -> None:
    path = _write(tmp_path, case)
    amap = argmap.load(path)
    found = [
        (d.rule, d.span.line, d.span.column, d.message)
        for d in _reading(argmap.check(amap), case.rules)
    ]
    _assert_located(found, case.located)
    for diagnostic in amap.diagnostics:
        assert diagnostic.span.file == str(path)
        assert diagnostic.span.line >= 1
        assert diagnostic.span.column >= 1
    if case.structure is not None:
        case.structure(amap, tmp_path)
    # Whatever was read can be exported.
    json.loads(dumps(amap))


@pytest.mark.usefixtures("like_the_command_line")
@pytest.mark.parametrize("case", _params())
def test_check_exit_code_and_located_messages(case: Case, tmp_path: Path) -> None:
    path = _write(tmp_path, case)
    result = run(["check", "--format", "parsable", str(path)])
    assert_no_traceback(result)
    assert result.exit_code == case.exit_code, result.stdout
    lines = result.stdout.splitlines()
    found = []
    for line in lines:
        match = PARSABLE.match(line)
        assert match, line
        if match["rule"] in case.rules:
            assert match["file"] == str(path)
            assert match["severity"] == _severity(match["rule"])
            if match["rule"] in READING_RULES:
                assert match["severity"] == "error"
            assert re.fullmatch(r"AM\d{3}", match["code"])
            found.append((match["rule"], int(match["line"]), int(match["column"]), line))
    _assert_located(found, case.located)
    located = [(row[1], row[2]) for row in found]
    assert located == sorted(located)
    if case.no_findings:
        assert lines == []
        as_json = run(["check", "--format", "json", str(path)])
        assert json.loads(as_json.stdout)["diagnostics"] == []


@pytest.mark.usefixtures("like_the_command_line")
@pytest.mark.parametrize("case", _params())
def test_pretty_check_show_and_export_never_trace_back(case: Case, tmp_path: Path) -> None:
    path = _write(tmp_path, case)
    pretty = run(["check", "--no-color", str(path)])
    assert_no_traceback(pretty)
    assert pretty.exit_code == case.exit_code
    for rule, number, column, _ in case.located:
        assert f"{path}:{number}:{column}: {_severity(rule)}" in pretty.stdout
    # show and export judge nothing: they exit 1 only when the brief could not be read
    # whole (a reader's error, which `located` lists every one of), else 0.
    read_code = 1 if any(rule in READER_RULES for rule, *_ in case.located) else 0
    if case.show:
        show = run(["show", "--no-color", str(path)])
        assert_no_traceback(show)
        assert show.exit_code == read_code, show.stderr
        # show reports the reader's own findings on stderr (rules appear in the tree).
        for rule, number, column, _ in case.located:
            if rule in READER_RULES:
                assert f"{path}:{number}:{column}: error" in show.stderr
    exported = run(["export", str(path)])
    assert_no_traceback(exported)
    assert exported.exit_code == read_code, exported.stderr
    json.loads(exported.stdout)


# -- exports as a user runs them -----------------------------------------------------------


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["COLUMNS"] = "200"
    return env


def _export(args: list[str], folder: Path, spec: Export) -> tuple[bytes, str, int]:
    """``argmap ARGS`` in ``folder``: stdout, stderr and the exit code."""

    def in_the_child() -> None:  # pragma: no cover - runs in the child
        if spec.disk_space is not None:
            # Writing past the limit fails with EFBIG (instead of a signal): a full disk
            # that even root cannot write to.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (spec.disk_space, spec.disk_space))

    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "argmap", *args],
            stdout=subprocess.PIPE,
            stderr=errors,
            cwd=folder,
            env=_environment(),
            preexec_fn=in_the_child,
        )
        assert process.stdout is not None
        if spec.reader_leaves:
            stdout = process.stdout.readline()
            process.stdout.close()
        else:
            stdout = process.stdout.read()
        code = process.wait(timeout=120)
        errors.seek(0)
        return stdout, errors.read().decode("utf-8", "replace"), code


@pytest.mark.parametrize("case", _params(exports=True))
def test_export_as_a_user_runs_it(case: Case, tmp_path: Path) -> None:
    spec = case.export
    assert spec is not None
    path = _write(tmp_path, case)
    fill = {"brief": path, "folder": tmp_path}
    args = [arg.format(**fill) for arg in spec.args]
    stdout, stderr, code = _export(["export", str(path), *args], tmp_path, spec)
    assert "Traceback" not in stderr, stderr
    assert code == spec.exit_code, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("argmap: error: ")]
    if spec.error is None:
        assert errors == [], stderr
    else:
        assert errors == [f"argmap: error: {spec.error.format(**fill)}"]
        assert stdout == b""
    # Nothing half-written is left behind, wherever the output was to go.
    assert [p.name for p in tmp_path.rglob(".argmap-*")] == []
    if spec.accept is not None:
        spec.accept(Outcome(stdout, stderr, argmap.load(path), path, tmp_path))


# -- files that cannot be read: exit 2 -------------------------------------------------------


def _missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    return tmp_path / "missing.argdown", "no such file"


def _directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    folder = tmp_path / "folder.argdown"
    folder.mkdir()
    return folder, "is a directory, not a brief"


def _simulated(error: OSError, message: str) -> Callable[..., tuple[Path, str]]:
    """A file whose reading fails with ``error``. (A chmod-000 file would not do: the tests
    also run as root, which reads it anyway.)"""

    def make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
        path = tmp_path / "unreadable.argdown"
        path.write_text("[A]: a\n", "utf-8")
        real = Path.open

        def open_path(self: Path, *args: Any, **kwargs: Any) -> Any:
            if self == path:
                raise error
            return real(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", open_path)
        return path, message

    return make


UNREADABLE = {
    "missing-file": _missing,
    "a-directory": _directory,
    "permission-denied-simulated": _simulated(
        PermissionError(errno.EACCES, "Permission denied"), "permission denied"
    ),
    "io-error-simulated": _simulated(
        OSError(errno.EIO, "Input/output error"), "cannot read: Input/output error"
    ),
}


@pytest.fixture(params=list(UNREADABLE), ids=list(UNREADABLE))
def unreadable(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, str]]:
    made: tuple[Path, str] = UNREADABLE[request.param](tmp_path, monkeypatch)
    yield made
    for folder in (tmp_path / "locked",):  # let pytest clean up
        if folder.exists():
            folder.chmod(0o755)
    path = made[0]
    if path.exists() and path.is_file():
        path.chmod(0o644)


def test_library_raises_brief_error_for_unreadable(unreadable: tuple[Path, str]) -> None:
    path, message = unreadable
    with pytest.raises(BriefError) as raised:
        argmap.load(path)
    assert str(raised.value) == f"{path}: {message}"
    assert isinstance(raised.value, OSError)
    with pytest.raises(BriefError):
        read_brief(str(path))


# A folder is read by the commands (searched for briefs, or read as one map), so the
# command line's unreadable paths are the files.
UNREADABLE_FILES = [name for name in UNREADABLE if name != "a-directory"]


@pytest.fixture(params=UNREADABLE_FILES, ids=UNREADABLE_FILES)
def unreadable_file(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, str]:
    made: tuple[Path, str] = UNREADABLE[request.param](tmp_path, monkeypatch)
    return made


@pytest.mark.parametrize(
    "command",
    [["check"], ["check", "--format", "json"], ["show"], ["export"]],
    ids=["check", "check-json", "show", "export"],
)
def test_cli_exits_2_for_unreadable(unreadable_file: tuple[Path, str], command: list[str]) -> None:
    path, message = unreadable_file
    result = run([*command, str(path)])
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"argmap: error: {path}: {message}\n"


@pytest.mark.parametrize("command", [["show"], ["export"], ["check", "--project"]])
def test_a_folder_without_briefs_read_as_one_map_exits_2(
    tmp_path: Path, command: list[str]
) -> None:
    folder = tmp_path / "folder.argdown"
    folder.mkdir()
    (folder / "notes.txt").write_text("[A]: a\n", "utf-8")
    result = run([*command, str(folder)])
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr == (
        f"argmap: error: {folder}: a folder without briefs (*.argdown, *.ad, or Markdown "
        "with ```argdown blocks, outside .gitignore and exclude)\n"
    )


def test_check_a_folder_without_briefs_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "folder.argdown"
    folder.mkdir()
    result = run(["check", str(folder)])
    assert result.exit_code == 0
    warning = f"argmap: warning: no briefs found in {folder}\n"
    assert result.stderr == warning + "no problems in 0 briefs\n"


def test_check_exits_2_when_one_of_several_briefs_is_missing(tmp_path: Path) -> None:
    good = tmp_path / "good.argdown"
    good.write_text(f"[A]: a {CARD}\n", "utf-8")
    missing = tmp_path / "missing.argdown"
    result = run(["check", str(good), str(missing)])
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert f"argmap: error: {missing}: no such file" in result.stderr


# -- sizes -------------------------------------------------------------------------------------


# -- argmap's JSON read back: a wrong field is exit 2, named by its path ---------------------

_JSON_NODE = (
    '{"id": "statement:A", "title": "A", "type": "statement", '
    '"spans": [{"file": "b.argdown", "line": LINE, "column": 1}]}'
)
BAD_JSON = {
    "json-line-not-an-integer": (
        '{"argmap": 1, "nodes": [' + _JSON_NODE.replace("LINE", '"3"') + '], "edges": []}',
        "nodes[0].spans[0].line: must be an integer from 1 to 2147483647, not a string",
    ),
    "json-line-1e400": (
        '{"argmap": 1, "nodes": [' + _JSON_NODE.replace("LINE", "1e400") + '], "edges": []}',
        "nodes[0].spans[0].line: must be an integer from 1 to 2147483647, "
        "not a number too large to hold",
    ),
    "json-line-of-5000-digits": (
        '{"argmap": 1, "nodes": [' + _JSON_NODE.replace("LINE", "9" * 5000) + '], "edges": []}',
        None,  # located by line and column: see the test
    ),
    "json-unknown-severity": (
        '{"argmap": 1, "nodes": [], "edges": [], "findings": [{"code": "AM001", '
        '"rule": "syntax-error", "severity": "fatal", "message": "m", "file": "b", '
        '"line": 1, "column": 1, "node": null}]}',
        'findings[0].severity: must be "info", "warning" or "error", not "fatal"',
    ),
    "json-finding-not-an-object": (
        '{"argmap": 1, "nodes": [], "edges": [], "findings": ["AM001"]}',
        "findings[0]: must be an object, not a string",
    ),
    "json-lone-surrogate": (
        '{"argmap": 1, "nodes": ['
        + _JSON_NODE.replace("LINE", "1")
        .replace('"title": "A"', '"title": "A\\ud800"')
        .replace('"statement:A"', '"statement:A\\ud800"')
        + '], "edges": []}',
        "nodes[0].id: has a lone surrogate \\ud800, which is not a character",
    ),
}


@pytest.mark.parametrize(("text", "message"), list(BAD_JSON.values()), ids=list(BAD_JSON))
def test_a_broken_json_export_is_exit_2_with_the_path_of_the_problem(
    text: str, message: str | None, tmp_path: Path
) -> None:
    path = tmp_path / "brief.json"
    path.write_text(text, "utf-8")
    if message is None:
        column = text.index("9" * 5000) + 1
        message = f"{path}:1:{column}: invalid JSON: a number with too many digits"
    else:
        message = f"{path}: {message}"
    with pytest.raises(BriefError) as raised:
        argmap.load(path)
    assert str(raised.value) == message
    for command in (["check"], ["show"], ["export"], ["check", "--format", "json"]):
        result = run([*command, str(path)])
        assert_no_traceback(result)
        assert result.exit_code == 2, command
        assert result.stderr == f"argmap: error: {message}\n", command
        assert result.stdout == "", command


def test_deep_nesting_does_not_use_the_stack() -> None:
    """With a small recursion limit, 5,000 levels still read: no recursion anywhere."""
    text = _deep(5000).decode()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)
    try:
        amap = argmap.loads(text)
    finally:
        sys.setrecursionlimit(limit)
    assert len(amap) == 5001


def test_byte_offset_counts_the_bom(tmp_path: Path) -> None:
    """The offset is into the file: the 3 bytes of a UTF-8 BOM count (columns do not)."""
    path = tmp_path / "bom.argdown"
    path.write_bytes(b"\xef\xbb\xbf[A]: caf\xe9\n")
    assert path.read_bytes().index(b"\xe9") == 11
    [diagnostic] = _reading(argmap.load(path).diagnostics)
    assert (diagnostic.span.line, diagnostic.span.column) == (1, 9)
    assert "at byte offset 11" in diagnostic.message


# -- the size limit ----------------------------------------------------------------------------

GIB = 1 << 30
TOO_LARGE = (
    "the brief is too large: argmap reads briefs of up to 256 MiB (268,435,456 bytes), and "
    "this one is 1 GiB (1,073,741,824 bytes); set ARGMAP_MAX_BYTES (in bytes) to raise the limit"
)


def _sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room on disk."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def test_library_refuses_a_brief_over_the_limit(tmp_path: Path) -> None:
    path = _sparse(tmp_path / "huge.argdown", GIB)
    assert MAX_BYTES < GIB
    with pytest.raises(BriefError) as raised:
        argmap.load(path)
    assert str(raised.value) == f"{path}: {TOO_LARGE}"
    with pytest.raises(BriefError):
        read_brief(str(path))


def _limit_memory_to(limit: int) -> Callable[[], None]:
    def limit_memory() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return limit_memory


@pytest.mark.parametrize(
    "command",
    [["check"], ["show"], ["export", "-o", "map.json"], ["fmt"], ["check", "-"]],
    ids=["check", "show", "export", "fmt", "check-stdin"],
)
def test_a_brief_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, command: list[str]
) -> None:
    """1 GiB, with 512 MiB of memory to read it: refused by its size, with a message that
    says the size and the limit (reading it would end in a MemoryError instead)."""
    path = _sparse(tmp_path / "huge.argdown", GIB)
    stdin = command[-1] == "-"
    with path.open("rb") as brief:
        done = subprocess.run(
            [sys.executable, "-m", "argmap", *command, *([] if stdin else [str(path)])],
            stdin=brief if stdin else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=_environment(),
            timeout=120,
            preexec_fn=_limit_memory_to(512 << 20),
            check=False,
        )
    assert done.returncode == 2, done.stderr
    name = "<stdin>" if stdin else str(path)
    assert done.stderr == f"argmap: error: {name}: {TOO_LARGE}\n"
    assert done.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["huge.argdown"]


def test_standard_input_is_read_only_up_to_the_limit() -> None:
    """A pipe has no size: argmap stops one byte past the limit."""
    brief = f"[A]: a {CARD}\n".encode()
    env = {**_environment(), "ARGMAP_MAX_BYTES": str(len(brief) + 100)}
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "check", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    # Far more than the limit, and more than a pipe holds: argmap must stop reading and
    # answer without waiting for the end.
    _, stderr = process.communicate(brief * 100_000, timeout=120)
    assert process.returncode == 2
    assert stderr.decode() == (
        f"argmap: error: <stdin>: the brief is too large: argmap reads briefs of up to "
        f"{len(brief) + 100} bytes, and this one is more than that; set ARGMAP_MAX_BYTES "
        "(in bytes) to raise the limit\n"
    )


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_a_brief_of_exactly_the_limit_is_read(tmp_path: Path, source: str) -> None:
    brief = f"[A]: a {CARD}\n".encode()
    path = tmp_path / "brief.argdown"
    path.write_bytes(brief)
    target, given = (str(path), None) if source == "file" else ("-", brief)
    for limit, code in ((len(brief), 0), (len(brief) - 1, 2)):
        env = {"COLUMNS": "200", "ARGMAP_MAX_BYTES": str(limit)}
        result = run(["check", "--format", "parsable", target], input=given, env=env)
        assert_no_traceback(result)
        assert result.exit_code == code, result.stderr
        assert ("the brief is too large" in result.stderr) == (code == 2)
        assert (f"up to {limit:,} bytes" in result.stderr) == (code == 2)


@pytest.mark.parametrize("value", ["lots", "-1", "1.5"])
def test_an_invalid_limit_is_a_usage_error(value: str) -> None:
    result = run(
        ["check", str(ROOT / "briefs" / "language-tour.argdown")], env={"ARGMAP_MAX_BYTES": value}
    )
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr == (
        f"argmap: error: ARGMAP_MAX_BYTES must be a number of bytes, not {value!r}\n"
    )


def test_the_limit_is_documented_where_users_look() -> None:
    help_text = " ".join(run(["--help"]).stdout.split())
    assert f"a brief over the size limit: {MAX_BYTES >> 20} MiB, or ARGMAP_MAX_BYTES" in help_text
    assert "130 interrupted" in help_text
    page = (ROOT / "docs" / "limits.md").read_text("utf-8")
    # The message in the documentation is the one argmap prints.
    assert f"argmap: error: season.argdown: {TOO_LARGE}\n" in page
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "256 MiB size limit that `ARGMAP_MAX_BYTES` changes" in " ".join(readme.split())


@pytest.mark.parametrize("where", ["decode_bytes", "parse", "build"])
def test_running_out_of_memory_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A MemoryError while a brief is read (simulated: a real one depends on the machine)
    is an I/O error, exit 2, not a traceback."""
    path = tmp_path / "brief.argdown"
    path.write_bytes(SMALL)

    def out_of_memory(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr(f"argmap.loader.{where}", out_of_memory)
    with pytest.raises(BriefError) as raised:
        argmap.load(path)
    assert str(raised.value) == f"{path}: not enough memory to read this brief"
    for command in (["check"], ["export"], ["show"]):
        result = run([*command, str(path)])
        assert_no_traceback(result)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == f"argmap: error: {path}: not enough memory to read this brief\n"


# -- hostile data ------------------------------------------------------------------------------


def test_terminal_escapes_in_a_brief_never_reach_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "escapes.argdown"
    path.write_bytes(
        b"[Claim]: a \x1b[31mred\x1b[0m word, a title \x1b]0;pwned\x07 and a bell \x07.\n"
        b'  + [Card \x1b[2J]: evidence \x1b[1A. #evidence {cite: "x \x1b[2J"}\n'
        b"\n[Broken]: \x1b[31m\n"
    )
    for args in (
        ["check", "--no-color"],
        ["check", "--format", "parsable"],
        ["show", "--no-color"],
    ):
        result = run([*args, str(path)])
        assert_no_traceback(result)
        for control in ("\x1b", "\x07"):
            assert control not in result.stdout, args
            assert control not in result.stderr, args


def test_recursive_yaml_alias_terminates(tmp_path: Path) -> None:
    path = tmp_path / "alias.argdown"
    path.write_text(f"[A]: a {{x: &a [*a]}}\n\n[B]: b {CARD}\n", "utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "check", "--format", "parsable", str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=_environment(),
            timeout=30,
            preexec_fn=_limit_memory_to(512 << 20),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError("argmap check did not finish in 30 s") from None
    assert "Traceback" not in done.stderr, done.stderr
    # Refused where the data block starts, like every alias to a list or mapping (one
    # that refers to itself included); the rest of the brief is still read and checked.
    assert done.stdout.splitlines() == [
        f"{path}:1:8: error AM001 data: invalid YAML: aliases (*name) to lists or mappings "
        "are not supported (syntax-error)",
        f"{path}:3:1: warning AM105 [B] relates to nothing and nothing relates to it (orphan)",
    ]
    assert done.stderr == "1 error, 1 warning in 1 brief\n"
    assert done.returncode == 1


# -- show on deep briefs -----------------------------------------------------------------------


def _thesis_chain(tmp_path: Path, depth: int) -> Path:
    """A thesis at the top of a chain of supports ``depth`` levels deep, grounded in a card."""
    lines = ["[N0]: The thesis. #thesis"]
    lines += [" " * i + f"+ [N{i}]: Step {i}." for i in range(1, depth)]
    lines.append(" " * depth + f"+ [N{depth}]: The card. {CARD}")
    path = tmp_path / "chain.argdown"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_show_deep_chain_hides_the_deepest_levels(tmp_path: Path) -> None:
    path = _thesis_chain(tmp_path, 60)
    result = run(["show", "--no-color", str(path)])
    assert_no_traceback(result)
    assert result.exit_code == 0
    assert "[N0] The thesis." in result.stdout
    # COLUMNS=200: the tree is cut at depth (200 - 30) // 4 = 42 and says how much is hidden.
    assert "[N42] Step 42." in result.stdout
    assert re.search(r"… 18 (more nodes )?deeper", result.stdout)


def test_show_does_not_call_hidden_deep_nodes_unconnected(tmp_path: Path) -> None:
    path = _thesis_chain(tmp_path, 60)
    result = run(["show", "--no-color", str(path)])
    assert result.exit_code == 0
    assert "Not connected to a thesis" not in result.stdout


def test_show_suggests_only_options_it_has(tmp_path: Path) -> None:
    path = _thesis_chain(tmp_path, 60)
    result = run(["show", "--no-color", str(path)])
    assert result.exit_code == 0
    options = run(["show", "--help"]).stdout
    for option in re.findall(r"(--[a-z][a-z-]*)", result.stdout):
        assert option in options, f"show suggests {option}, which it does not have"


def test_show_work_grows_linearly_with_depth(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counts the expansions of a node (calls of ArgumentMap.incoming): a tree of n nodes
    needs about n, plus n more to count what is hidden."""
    from argmap.model import ArgumentMap as Map

    calls = 0
    real = Map.incoming

    def counting(self: ArgumentMap, node_id: str) -> Any:
        nonlocal calls
        calls += 1
        return real(self, node_id)

    monkeypatch.setattr(Map, "incoming", counting)
    depth = 600
    result = run(["show", "--no-color", str(_thesis_chain(tmp_path, depth))])
    assert_no_traceback(result)
    assert result.exit_code == 0
    assert calls > 0
    assert calls <= 3 * (depth + 1), f"{calls} expansions for {depth + 1} nodes"
