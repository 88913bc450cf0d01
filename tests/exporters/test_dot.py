"""The DOT exporter: golden files, the escaper, and hostile text checked by the real `dot`.

Every DOT output here is read back by the installed Graphviz (``dot -Tsvg``), which must
accept it and draw exactly the expected nodes (``n1`` … ``nN``) and edges, with no link,
no image and well-formed XML, whatever the brief's text.
"""

from __future__ import annotations

import os
import re
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import argmap
from argmap.diagnostics import Diagnostic, Severity
from argmap.evaluate import Verdict, evaluate
from argmap.exporters import dot
from argmap.model import ArgumentMap, Inference, Node, PcsMember
from argmap.selection import subset
from argmap.source import Span
from benchmarks.generate import generate

BRIEFS = Path(__file__).resolve().parents[2] / "briefs"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parser"
SEED = BRIEFS / "japan-rok-trilateral.argdown"
TOUR = BRIEFS / "language-tour.argdown"

# Graphviz draws what these tests check: skipped where it is missing, failed in CI.
needs_dot = pytest.mark.needs("dot")

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

# A double-quoted DOT string as Graphviz's lexer reads it: `\` takes the next character.
QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
# Everything the exporter writes outside quoted strings.
BARE_WORDS = {
    "digraph",
    "argmap",
    "graph",
    "node",
    "edge",
    "subgraph",
    # attribute names
    "rankdir",
    "newrank",
    "charset",
    "fontname",
    "fontsize",
    "labelloc",
    "labeljust",
    "nodesep",
    "ranksep",
    "margin",
    "penwidth",
    "label",
    "tooltip",
    "style",
    "color",
    "shape",
    "fillcolor",
    "peripheries",
    "arrowhead",
    "arrowtail",
    "dir",
    "constraint",
    # values written bare
    "BT",
    "true",
    "t",
    "b",
    "l",
    "box",
    "note",
    "hexagon",
    # the legend (its label is an HTML-like table of our own words: see LEGEND_LABEL)
    "legend",
    "plain",
    # laid out for a page (--page)
    "size",
    "ratio",
    "compress",
    "RL",
    # the inferences of premise–conclusion structures
    "circle",
    "fixedsize",
    "width",
}
# The legend's label, the one HTML-like label: argmap's own text, no user text.
LEGEND_LABEL = re.compile(r"label=<<TABLE .*?</TABLE>>")
# Node ids (an inference's: n1s2), cluster names (a section's: cluster_1, an argument's:
# cluster_n1), numbers, words, punctuation.
BARE_TOKEN = re.compile(r"n\d+(?:s\d+)?|cluster_n?\d+|\d+(?:\.\d+)?|[A-Za-z_]+|->|[{}\[\];,=]")


# -- helpers ---------------------------------------------------------------------------------


@dataclass
class Drawing:
    """What `dot -Tsvg` drew: node names (the legend apart), edge count, cluster count,
    each node's text and tooltip, and the legend's text."""

    nodes: list[str]
    edges: int
    clusters: int
    texts: dict[str, str]
    tooltips: dict[str, str]
    svg: str
    stderr: str
    legend: str | None = None


def draw(source: str) -> Drawing:
    """Run the installed `dot` on ``source``; fail unless it accepts it cleanly."""
    env = {**os.environ, "SERVER_NAME": "argmap-tests"}
    env.pop("GV_FILE_PATH", None)
    result = subprocess.run(
        ["dot", "-Tsvg"], input=source.encode("utf-8"), capture_output=True, env=env, check=False
    )
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, stderr
    assert "rror" not in stderr, stderr
    assert "syntax" not in stderr, stderr
    svg = result.stdout.decode("utf-8")  # valid UTF-8
    root = ET.fromstring(svg)  # well-formed XML (no stray control characters)
    nodes: list[str] = []
    texts: dict[str, str] = {}
    tooltips: dict[str, str] = {}
    edges = clusters = 0
    legend = None
    for group in root.iter(f"{SVG}g"):
        kind = group.get("class")
        if kind == "node":
            title = group.find(f"{SVG}title")
            assert title is not None
            name = title.text or ""
            text = " ".join(text.text or "" for text in group.iter(f"{SVG}text"))
            if name == "legend":
                legend = text
                continue
            nodes.append(name)
            texts[name] = text
            link = group.find(f"{SVG}g/{SVG}a")
            if link is not None:
                tooltips[name] = link.get(f"{XLINK}title", "")
        elif kind == "edge":
            edges += 1
        elif kind == "cluster":
            clusters += 1
    return Drawing(nodes, edges, clusters, texts, tooltips, svg, stderr, legend)


def assert_drawn(source: str, amap: ArgumentMap) -> Drawing:
    """``source`` draws exactly the map's nodes and edges, with no link and no image."""
    drawing = draw(source)
    expected = [f"n{i}" for i in range(1, len(amap.nodes) + 1)]
    assert sorted(drawing.nodes, key=lambda name: int(name[1:])) == expected
    assert drawing.edges == len(amap.edges)
    assert "<image" not in drawing.svg
    assert f"{XLINK}href" not in {
        key for el in ET.fromstring(drawing.svg).iter() for key in el.attrib
    }
    assert "file loading is disabled" not in drawing.stderr  # nothing even asked for a file
    assert_structure(source)
    return drawing


def assert_structure(source: str) -> None:
    """Outside quoted strings the DOT holds only our own words, ids and punctuation."""
    assert source.count("label=<<") <= 1  # the legend's, and no other
    bare = QUOTED.sub(" ", LEGEND_LABEL.sub('label=""', source))
    assert '"' not in bare
    words = set(BARE_TOKEN.findall(bare))
    leftover = BARE_TOKEN.sub(" ", bare).split()
    assert leftover == [], leftover
    names = {w for w in words if re.fullmatch(r"[A-Za-z_]+", w)}
    assert names <= BARE_WORDS, names - BARE_WORDS


def quoted_strings(source: str) -> list[str]:
    return QUOTED.findall(source)


def span() -> Span:
    return Span("<test>", 1, 1, 1, 1)


def node(title: str, text: str | None = None, **extra: object) -> Node:
    """A statement node built directly (titles the Argdown syntax could not produce)."""
    result = Node(f"statement:{title}", title, "statement", text=text, plain_text=text)
    for key, value in extra.items():
        setattr(result, key, value)
    return result


def flat(text: str) -> str:
    """Text as a wrapped label shows it, joined again: whitespace runs become one space."""
    return " ".join(text.split())


# -- the seed briefs -------------------------------------------------------------------------


@pytest.mark.parametrize("brief", [SEED, TOUR], ids=lambda p: p.stem)
def test_golden(brief: Path, golden: Callable[[str, str | bytes], None]) -> None:
    amap = argmap.load(brief)
    output = dot.export(amap, evaluate(amap), argmap.check(amap))
    golden(f"{brief.stem}.dot", output)


@needs_dot
@pytest.mark.parametrize("brief", [SEED, TOUR], ids=lambda p: p.stem)
@pytest.mark.parametrize("evaluated", [True, False], ids=["evaluated", "plain"])
def test_briefs_draw_every_node_and_edge(brief: Path, evaluated: bool) -> None:
    amap = argmap.load(brief)
    output = dot.export(amap, evaluate(amap), argmap.check(amap)) if evaluated else dot.export(amap)
    drawing = assert_drawn(output, amap)
    used = {n.section for n in amap.nodes}
    sections = {s.id for s in amap.sections}
    # Every section here holds a node, directly or in a subsection.
    assert used <= sections
    assert drawing.clusters == len(amap.sections)
    assert drawing.stderr == ""


def test_deterministic() -> None:
    first = argmap.load(TOUR)
    second = argmap.load(TOUR)
    outputs = [
        dot.export(amap, evaluate(amap), argmap.check(amap)) for amap in (first, second, first)
    ]
    assert outputs[0] == outputs[1] == outputs[2]
    assert dot.export(first) == dot.export(second)


def test_ids_follow_the_brief_order() -> None:
    amap = argmap.load(TOUR)
    output = dot.export(amap)
    for index, each in enumerate(amap.nodes, 1):
        line = next(line for line in output.splitlines() if line.strip().startswith(f"n{index} ["))
        wrapped = dot._wrap(each.text or "") if each.untitled else dot._wrap(each.label)
        first = (wrapped or [""])[0]
        assert f"label={dot.quote(first)[:-1]}" in line


def test_interface() -> None:
    assert (dot.NAME, dot.SUFFIX, dot.BINARY) == ("dot", ".dot", False)
    output = dot.export(argmap.load(SEED))
    assert isinstance(output, str)
    assert output.startswith("digraph argmap {\n")
    assert output.endswith("}\n")
    assert "rankdir=BT" in output
    assert not output.startswith("\ufeff")


def test_shapes_relations_and_verdicts() -> None:
    amap = argmap.load(TOUR)
    ev = evaluate(amap)
    output = dot.export(amap, ev)
    lines = {
        line.strip().split(" ", 1)[0]: line for line in output.splitlines() if " [shape=" in line
    }
    ids = {n.id: f"n{i}" for i, n in enumerate(amap.nodes, 1)}
    uniforms = lines[ids["statement:Uniforms"]]
    assert "shape=box" in uniforms
    assert '"rounded,filled"' in uniforms
    assert "peripheries=2" in uniforms  # the thesis
    assert 'label="✓ [Uniforms]' in uniforms
    assert 'style="rounded,filled"' in uniforms  # in: a solid border
    assert f'fillcolor="{dot.SIDE_FILLS["pro"]}"' in uniforms  # the thesis's side
    survey = lines[ids["statement:Teasing Survey"]]
    assert "shape=note" in survey
    assert "— Doe 2019 ·" in survey  # the citation
    focus = lines[ids["argument:Focus"]]
    assert "shape=hexagon" in focus
    assert 'label="✗ <Focus>' in focus
    assert 'style="filled,dashed"' in focus  # out: a dashed border
    assert f'fillcolor="{dot.SIDE_FILLS["pro"]}"' in focus  # it supports the thesis
    dress_code = lines[ids["statement:Dress Code Enough"]]
    assert f'fillcolor="{dot.SIDE_FILLS["con"]}"' in dress_code  # it attacks the thesis
    edges = [line.strip() for line in output.splitlines() if "->" in line.split("[", 1)[0]]
    assert len(edges) == len(amap.edges)
    for edge, line in zip(amap.edges, edges, strict=True):
        assert line.startswith(f"{ids[edge.source]} -> {ids[edge.target]} [")
        for key, value in dot.RELATION_STYLES[edge.relation].items():
            assert f'{key}="{value}"' in line
    styles = {r: s["style"] for r, s in dot.RELATION_STYLES.items()}
    assert styles == {
        "support": "solid",
        "attack": "dashed",
        "undercut": "dotted",
        "contradiction": "bold",
        "entails": "solid",
        "contrary": "dashed",
    }
    # Every kind reads differently without colour: line style and arrowheads.
    looks = {(s["style"], s["arrowhead"], s.get("dir")) for s in dot.RELATION_STYLES.values()}
    assert len(looks) == len(dot.RELATION_STYLES)
    assert dot.RELATION_STYLES["contradiction"]["dir"] == "both"
    assert len({s["arrowhead"] for s in dot.RELATION_STYLES.values()}) >= 3


def _luminance(colour: str) -> float:
    """WCAG's relative luminance of an sRGB colour ``#RRGGBB``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_sides_read_in_greyscale() -> None:
    """The two sides differ in lightness, not only in hue, and black text stays legible on
    both (WCAG's contrast ratio, 7:1 being its strictest level)."""
    pro, con = (_luminance(dot.SIDE_FILLS[side]) for side in ("pro", "con"))
    assert pro - con > 0.3  # about 48 grey levels apart in print
    for luminance in (pro, con):
        assert (luminance + 0.05) / 0.05 >= 7
    # Both sides: a shade from one to the other.
    assert dot.SIDE_FILLS["both"] == f"{dot.SIDE_FILLS['pro']}:{dot.SIDE_FILLS['con']}"


@needs_dot
def test_legend_lists_what_the_picture_holds() -> None:
    amap = argmap.load(TOUR)
    drawing = assert_drawn(dot.export(amap, evaluate(amap), argmap.check(amap)), amap)
    assert drawing.legend is not None
    for words in (
        "Legend",
        "supports",
        "attacks",
        "undercuts an inference",
        "contradicts (both ways)",
        "thesis side",
        "opponent side",
        "reaches no thesis",
        "in",
        "out",
        "findings: the rules' names",
        "rounded box",
        "note",
        "hexagon",
        "double border",
    ):
        assert words in drawing.legend, words
    # A plain picture of a map that only supports: no verdicts, attacks or findings.
    small = argmap.loads("[A]: One. #thesis\n  + [B]: Two.\n")
    legend = draw(dot.export(small)).legend
    assert legend is not None
    assert "supports" in legend
    assert "thesis side" in legend
    for absent in ("attacks", "opponent side", "out", "findings", "note", "hexagon"):
        assert absent not in legend, absent
    # An empty map draws nothing, not even a legend.
    assert "legend" not in dot.export(ArgumentMap())


def test_undecided_symbol_and_plain_export() -> None:
    amap = argmap.loads("[A]: One. #evidence\n  - [B]: Two. #evidence\n\n[B]\n  - [A]")
    ev = evaluate(amap)
    assert set(ev.verdicts.values()) == {Verdict.UNDECIDED}
    output = dot.export(amap, ev)
    assert 'label="? [A]' in output
    assert 'style="filled,dotted"' in output  # undecided: a dotted border
    plain = dot.export(amap)
    assert "✓" not in plain
    assert "✗" not in plain
    assert 'label="[A]' in plain


def test_findings_marker_and_tooltip() -> None:
    amap = argmap.load(TOUR)
    findings = argmap.check(amap)
    storage = amap.find("Storage")
    assert storage is not None
    count = sum(1 for d in findings if d.node == storage.id)
    assert count == 2
    output = dot.export(amap, None, findings)
    line = next(line for line in output.splitlines() if "[Storage]" in line)
    # The badge: the last line of the label names the rules.
    assert 'school.\\n⚠ orphan, unsupported-claim", tooltip=' in line
    assert "AM105: [Storage] relates to nothing" in line  # in the tooltip
    # Findings about no node, or about a node the map does not have, are ignored.
    stray = Diagnostic("AM999", "x", Severity.WARNING, "x", span(), node="statement:Nope")
    general = Diagnostic("AM998", "y", Severity.WARNING, "y", span())
    assert dot.export(amap, None, [stray, general]) == dot.export(amap)


def test_disconnected_and_untitled_nodes_are_kept() -> None:
    amap = argmap.load(TOUR)
    output = dot.export(amap, evaluate(amap), argmap.check(amap))
    assert f"n{len(amap.nodes)} [" in output
    untitled = next(n for n in amap.nodes if n.untitled)
    line = next(line for line in output.splitlines() if "Parents raise" in line)
    label = re.search(r"label=(" + QUOTED.pattern + ")", line)
    assert label is not None
    assert untitled.title not in label.group(1)
    assert 'label="✗ Parents raise' in line
    assert '⚠ orphan, unsupported-claim", tooltip=' in line
    assert 'tooltip="untitled (claim, out)\\n' in line


def test_sections_nest_as_clusters() -> None:
    amap = argmap.load(TOUR)
    output = dot.export(amap)
    lines = output.splitlines()
    case = lines.index("  subgraph cluster_1 {")
    objections = lines.index("    subgraph cluster_2 {")
    notes = lines.index("  subgraph cluster_4 {")
    assert case < objections < notes
    assert 'label="Case"' in lines[case + 1]


@needs_dot
def test_empty_and_cyclic_sections() -> None:
    from argmap.syntax.parser import Section

    sections = [
        Section("s1", 1, "Empty", None, span()),
        Section("s2", 2, "Loop A", "s3", span()),
        Section("s3", 2, "Loop B", "s2", span()),
        Section("s4", 1, "Has one", None, span()),
    ]
    amap = ArgumentMap(sections=sections)
    amap.add_node(node("A", "in the loop", section="s2"))
    amap.add_node(node("B", "in a plain section", section="s4"))
    amap.add_node(node("C", "in a section that does not exist", section="s9"))
    amap.add_edge("statement:A", "statement:B", "support", None)
    output = dot.export(amap)
    assert "Empty" not in output
    assert "Loop B" not in output  # the loop is broken above A's section, which is kept
    assert output.count("subgraph cluster_") == 2
    drawing = assert_drawn(output, amap)
    assert drawing.clusters == 2


# -- the escaper -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", '"plain"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("C:\\Users\\", '"C:\\\\Users\\\\"'),
        ("\\", '"\\\\"'),
        ("\\N \\G \\l \\n", '"\\\\N \\\\G \\\\l \\\\n"'),
        ("a\nb\r\nc", '"a b  c"'),  # newlines in user text are not line breaks
        ("AT&amp;T &#9731;", '"AT&amp;amp;T &amp;#9731;"'),
        # Controls are shown, as everywhere argmap displays text.
        ("bell\x07 nul\x00 del\x7f c1\x9b", '"bell<U+0007> nul<U+0000> del<U+007F> c1<U+009B>"'),
        ("esc\x1b[31mred\x1b[0m \x1b]0;title\x07!", '"escred !"'),
        ("\u202eevil", '"<U+202E>evil"'),
        ("line\u2028sep", '"line sep"'),
        ("lone\ud800 \ufffe", '"lone "'),
        ("", '""'),
    ],
)
def test_quote(text: str, expected: str) -> None:
    assert dot.quote(text) == expected


def test_quote_joins_lines_with_graphviz_breaks() -> None:
    assert dot.quote(["one", 'two "2"', "C:\\"]) == '"one\\ntwo \\"2\\"\\nC:\\\\"'
    assert dot.quote(["a\nb"]) == '"a b"'
    assert dot.quote([]) == '""'


def test_quote_caps_length() -> None:
    long = "x" * 10_000
    quoted = dot.quote(long)
    assert len(quoted) == dot.STRING_LIMIT + 2
    assert quoted.endswith('…"')
    # Bytes, not characters, are what Graphviz's lexer counts: 4,096 emoji are too many.
    emoji = dot.quote("🎉" * 5000)
    assert len(emoji.encode("utf-8")) <= dot.MAX_STRING_BYTES + 2
    assert emoji.endswith('…"')
    # Escapes count too, and the cut never splits one.
    slashes = dot.quote("\\" * 5000 + '"' * 5000, limit=20_000)
    assert len(slashes.encode("utf-8")) <= dot.MAX_STRING_BYTES + 2
    assert QUOTED.fullmatch(slashes)
    lines = dot.quote(["é" * 3000] * 3)
    assert len(lines.encode("utf-8")) <= dot.MAX_STRING_BYTES + 2
    assert QUOTED.fullmatch(lines)


def test_slow_cut_agrees_with_fast_escape() -> None:
    lines = ['a "b" \\', "C:\\dir & co", "🎉 end"]
    assert dot._cut_to_bytes(lines, 10_000, dot._LABEL_ESCAPES) == dot.quote(lines)[1:-1]
    tooltip = dot.quote(lines, tooltip=True)[1:-1]
    assert dot._cut_to_bytes(lines, 10_000, dot._TOOLTIP_ESCAPES) == tooltip


@given(st.lists(st.text(), max_size=4), st.integers(min_value=1, max_value=300))
def test_quote_is_one_closed_string(lines: list[str], limit: int) -> None:
    quoted = dot.quote(lines, limit=limit, max_bytes=200)
    assert QUOTED.fullmatch(quoted)
    assert len(quoted.encode("utf-8")) <= 202
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]", quoted)
    assert dot.quote(lines, limit=limit, max_bytes=200) == quoted


# Text that reaches every corner of the line wrapping: long words, runs of spaces, edges,
# whitespace that is not a space, and what sanitizing removes or escaping doubles.
_WRAPPABLE = st.lists(
    st.sampled_from(
        [
            *["word", "a", "bb", " ", " ", " ", "  ", "x" * 45, "y" * 80, "é", "字", "—"],
            *["\u00a0", "\u3000", "\u200b", "\t", "\n", "\u2028", "\x1b[31m", "\u202e"],
            *['"', "\\", "&", "\ud800"],
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(text=_WRAPPABLE, title=_WRAPPABLE)
@example(text="a" * 39 + "  " + "b" * 5, title="")  # two spaces where the line breaks
@example(text="a" * 20 + " " + "b" * 45 + " c", title="")  # a long word after a short one
def test_labels_wrap_like_textwrap(text: str, title: str) -> None:
    """A label's lines are its title and its text, sanitized, wrapped by textwrap."""
    amap = ArgumentMap()
    amap.add_node(node(title or "T", text))
    output = dot.export(amap)

    def wrapped(part: str) -> list[str]:
        return textwrap.wrap(dot._sanitize(part), 40, break_on_hyphens=False) or [""]

    header = wrapped(f"[{title or 'T'}]")
    body = textwrap.wrap(dot._sanitize(text), 40, break_on_hyphens=False)
    assert f"label={dot.quote([*header, *body])}," in output


@needs_dot
@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.one_of(
                st.sampled_from(list('\\"&;#<>{}[]-n lNG\n\r\t\x00\x07\x1b\u202e')),
                st.characters(),
            ),
            max_size=60,
        ),
        min_size=1,
        max_size=3,
    )
)
def test_graphviz_shows_quoted_text_literally(lines: list[str]) -> None:
    source = f"digraph {{ n1 [label={dot.quote(lines)}]; }}\n"
    drawing = draw(source)
    assert drawing.nodes == ["n1"]
    shown = [flat(dot._sanitize(line)) for line in lines]
    assert flat(drawing.texts["n1"]) == flat(" ".join(shown))


@needs_dot
def test_graphviz_escapes_read_literally_in_tooltips() -> None:
    """Graphviz replaces \\N, \\G, \\L, \\E, \\T and \\H in a tooltip with names and labels;
    a title that holds them shows them as written."""
    title = "C:\\New \\G \\L \\E \\T \\H \\N"
    amap = ArgumentMap(title="Graph \\G \\N")
    amap.add_node(node(title, "ends in a backslash \\"))
    finding = Diagnostic(
        "AM001", "r", Severity.ERROR, "see \\N and \\L\\", span(), node=amap.nodes[0].id
    )
    drawing = assert_drawn(dot.export(amap, None, [finding]), amap)
    assert drawing.tooltips["n1"] == (
        "[C:\\New \\G \\L \\E \\T \\H \\N] (claim)\nerror AM001: see \\N and \\L\\"
    )
    # (Graphviz draws the label's two spaces as a no-break space and a space.)
    assert (
        drawing.texts["n1"].replace("\xa0", " ")
        == "[C:\\New \\G \\L \\E \\T \\H \\N] ends in a backslash \\ ⚠ r"
    )
    root = ET.fromstring(drawing.svg)
    graph_label = [t.text for t in root.iter(f"{SVG}text") if (t.text or "").startswith("Graph")]
    assert graph_label == ["Graph \\G \\N"]


@needs_dot
@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.one_of(
                st.sampled_from(list('\\"&;#<>NGLETHnlr \n\t\x00\u202e')), st.characters()
            ),
            max_size=40,
        ),
        min_size=1,
        max_size=3,
    )
)
def test_graphviz_shows_tooltips_literally(lines: list[str]) -> None:
    source = f"digraph {{ n1 [label=x, tooltip={dot.quote(lines, tooltip=True)}]; }}\n"
    drawing = draw(source)
    shown = "\n".join(dot._sanitize(line) for line in lines)
    # Graphviz writes a run of spaces as no-break spaces and a space, and an SVG reader
    # keeps the tooltip's characters but not all of its spaces at the ends.
    tooltip = drawing.tooltips.get("n1", "")
    assert tooltip.replace("\xa0", " ").strip() == shown.replace("\xa0", " ").strip()


def test_pieces_make_the_whole_export() -> None:
    """The CLI writes export_pieces as they come: together they are the export, whole lines."""
    amap = argmap.loads(generate(600), "brief.argdown")
    evaluation = evaluate(amap)
    findings = argmap.check(amap)
    pieces = list(dot.export_pieces(amap, evaluation, findings))
    whole = dot.export(amap, evaluation, findings)
    assert "".join(pieces) == whole
    assert all(piece.endswith("\n") for piece in pieces)
    assert whole.count(" [shape=") == 600 + 1  # the nodes and the legend
    assert whole.count(" -> ") == len(amap.edges)


def test_a_focused_node_is_not_drawn_as_a_thesis() -> None:
    """--focus on a claim that is not a thesis: it gets no double border (only theses do)."""
    amap = argmap.loads(
        "[Thesis]: The main claim. #thesis\n"
        "  + [Reason]: A reason for it.\n"
        "    + [Ground]: What the reason rests on.\n"
    )
    assert [n.title for n in amap.theses] == ["Thesis"]
    part = subset(amap, focus="Reason")
    output = dot.export(part, evaluate(part))
    lines = [line for line in output.splitlines() if " [shape=" in line and "legend" not in line]
    assert len(lines) == 2
    reason = next(line for line in lines if "[Reason]" in line)
    ground = next(line for line in lines if "[Ground]" in line)
    assert "peripheries=2" not in reason
    assert "peripheries=2" not in ground
    # The thesis keeps its double border, focused or not.
    whole = dot.export(amap)
    thesis = next(line for line in whole.splitlines() if 'label="[Thesis]' in line)
    assert "peripheries=2" in thesis
    focused = dot.export(subset(amap, focus="Thesis"))
    thesis = next(line for line in focused.splitlines() if 'label="[Thesis]' in line)
    assert "peripheries=2" in thesis


# -- hostile briefs --------------------------------------------------------------------------

HOSTILE_BRIEF = r"""# Section "one" \\ } ]; x -> y

[Quotes "and" \\backslash\\]: She said "stop" \\N and \\G and \\l, C:\\dir\\, literal \\n, ends \\
  + [node]: digraph \{ x -> y \} edge \[color=red\] subgraph cluster\_x \{ \} strict
  - [graph]: x", image="/etc/passwd", label="y
  + [subgraph -> edge]: x"\]; evil \[label="pwned"\]; n1 -> evil; b \[label="y
  + [Markup]: \<b>bold\</b> &amp; &#9731; &lt;script&gt; x", URL="javascript:alert(1)
  - [Scripts]: 🎉 👩‍👩‍👧 مرحبا עברית “curly” — 日本語

## Edge ->

[Lonely }]: a node with no relations: ] } -> # at line start?
"""


@pytest.fixture
def hostile_brief() -> ArgumentMap:
    amap = argmap.loads(HOSTILE_BRIEF)
    assert amap.diagnostics == []
    # What the parser made of it: the escapes resolved into the hostile text we want.
    texts = {n.title: n.text for n in amap.nodes}
    assert texts['Quotes "and" \\\\backslash\\\\'] == (
        'She said "stop" \\N and \\G and \\l, C:\\dir\\, literal \\n, ends \\'
    )
    assert texts["graph"] == 'x", image="/etc/passwd", label="y'
    assert texts["node"] == "digraph { x -> y } edge [color=red] subgraph cluster_x { } strict"
    markup = '<b>bold</b> &amp; &#9731; &lt;script&gt; x", URL="javascript:alert(1)'
    assert texts["Markup"] == markup
    return amap


@needs_dot
def test_hostile_brief(hostile_brief: ArgumentMap) -> None:
    amap = hostile_brief
    output = dot.export(amap, evaluate(amap), argmap.check(amap))
    drawing = assert_drawn(output, amap)
    assert drawing.clusters == 2
    assert "javascript" not in {v for el in ET.fromstring(drawing.svg).iter() for v in el.attrib}
    # `image=` and `URL=` occur only inside quoted strings, and only in labels or tooltips.
    assert "image" not in QUOTED.sub("", output)
    assert "URL" not in QUOTED.sub("", output)
    for line in output.splitlines():
        if "image=" in line:
            for match in QUOTED.finditer(line):
                before = line[: match.start()]
                assert before.endswith(("label=", "tooltip=")) or "image=" not in match.group()
    # Graphviz shows the text as written: no \N expansion, no line break, entities kept.
    for each in amap.nodes:
        shown = flat(drawing.texts[f"n{amap.nodes.index(each) + 1}"])
        assert flat(each.text or "") in shown
    assert "\\N and \\G and \\l" in drawing.texts["n1"]


HOSTILE_TITLES = [
    'x", color="red", fontsize="80',
    'x"]; evil [label="pwned"]; n1 -> evil; b [label="y',
    'x", URL="javascript:alert(1)", target="_blank',
    'x", image="/etc/passwd", label="y',
    "C:\\Users\\",
    "\\",
    "see \\N and \\G",
    "left\\lright\\r",
    "line1\nline2",
    'first\n# 34 "x"\nthird',
    "<b>bold</b> & <script>alert(1)</script>",
    "<<TABLE><TR><TD HREF='javascript:x'>y</TD></TR></TABLE>>",
    "AT&amp;T &#9731; &lt;",
    "“quoted” — 🎉 مرحبا עברית",
    "a /* not */ b // c",
    "} digraph { x",
    "node",
    "Edge",
    "STRICT",
    "subgraph",
    "graph",
    "foo:bar",
    "1abc",
    "a\x00b",
    "bell\x07 vt\x0b esc\x1b[31m",
    "\u202eevil\u2066",
    "",
    " ",
    "-> ]",
]


@needs_dot
def test_hostile_titles_and_texts() -> None:
    amap = ArgumentMap(title='Title "with" \\ quotes\\')
    for index, title in enumerate(HOSTILE_TITLES):
        amap.add_node(node(f"{index}:{title}", title))
    amap.add_node(node("Long", "word " * 2000))  # a 10,000-character text
    amap.add_node(node("Emoji", "🎉" * 5000))  # 20,000 bytes: too long for dot unless cut
    amap.add_node(
        node(
            "Evidence\\",
            "card",
            kind="evidence",
            data={"cite": 'Doe "2019" \\', "url": 'https://x.org/"a"\\'},
        )
    )
    amap.add_node(Node("argument:<x>\\", '<x>"\\', "argument", text="arg\\"))
    ids = [n.id for n in amap.nodes]
    for source, target in zip(ids[1:], ids[:-1], strict=True):
        amap.add_edge(source, target, "support", None)
    amap.add_edge(ids[0], ids[1], "attack", None)
    amap.add_edge(ids[2], ids[3], "undercut", None)
    amap.add_edge(ids[4], ids[5], "contradiction", None)
    findings = [
        Diagnostic("AM001", "r", Severity.ERROR, f'bad "{t}"\\', span(), node=ids[i])
        for i, t in enumerate(HOSTILE_TITLES)
    ]
    ev = evaluate(amap)
    output = dot.export(amap, ev, findings)
    drawing = assert_drawn(output, amap)
    assert drawing.edges == len(ids) - 1 + 3
    # Every quoted string stays far below the lexer's limit.
    assert max(len(q.encode("utf-8")) for q in quoted_strings(output)) <= dot.MAX_STRING_BYTES + 2
    long_line = next(line for line in output.splitlines() if "[Long]" in line)
    assert "…" in long_line
    assert "…" in drawing.texts[f"n{ids.index('statement:Emoji') + 1}"]
    # Titles come out literally (newlines and controls aside; wrapping may split a word).
    for index, title in enumerate(HOSTILE_TITLES):
        shown = "".join(drawing.texts[f"n{index + 1}"].split())
        assert "".join(dot._sanitize(f"{index}:{title}").split()) in shown
    assert "\\N and \\G" in drawing.svg
    assert "evil" not in drawing.nodes


def test_user_text_only_in_labels_and_tooltips() -> None:
    amap = ArgumentMap(title="graph")
    for title in HOSTILE_TITLES:
        amap.add_node(node(f"t:{title}", title))
    output = dot.export(amap)
    assert_structure(output)
    for line in output.splitlines():
        for match in QUOTED.finditer(line):
            content = match.group()
            attribute = line[: match.start()].rsplit(" ", 1)[-1].lstrip("[")
            if "t:" in content:
                assert attribute in {"label=", "tooltip="}, line


# -- premise–conclusion structures -----------------------------------------------------------

# tests/fixtures/parser/pcs-undercuts.argdown, node by node:
# n1 <Grades>, n2 [Higher Grades], n3 [Confound], n4 [Cause], n5 [Grades Matter],
# n6 [Uniforms], n7 [Not Everything], n8 [Funding]. <Grades> infers (2) [Cause] from
# (1), undercut by [Confound]; then (4) [Uniforms] from (2) and (3), undercut by
# [Not Everything] (under the conclusion) and [Funding] (of the argument: its last
# inference).
EDGE_LINE = re.compile(r"  (\S+) -> (\S+) \[.*arrowhead=\"(\w+)\"")


def edge_lines(output: str) -> list[tuple[str, str, str]]:
    """Each edge as (source, target, arrowhead), in order."""
    return [m.groups() for line in output.splitlines() if (m := EDGE_LINE.match(line))]


def node_line(output: str, dot_id: str) -> str:
    return next(line for line in output.splitlines() if line.strip().startswith(f"{dot_id} ["))


def cluster(output: str, name: str) -> list[str]:
    """The ids of the nodes in cluster ``name`` (not nested in another)."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"subgraph {name} {{")
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = next(i for i in range(start + 1, len(lines)) if lines[i] == " " * indent + "}")
    return [
        line.split()[0]
        for line in lines[start + 1 : end]
        if " [shape=" in line and len(line) - len(line.lstrip()) == indent + 2
    ]


def test_premises_meet_at_their_inference_and_undercuts_hit_it() -> None:
    amap = argmap.load(FIXTURES / "pcs-undercuts.argdown")
    output = dot.export(amap)
    assert edge_lines(output) == [
        # (1) -- to the first inference, which leads to (2)
        ("n2", "n1s1", "none"),
        ("n1s1", "n4", "normal"),
        # (2) and (3) meet at the last inference, the argument, which leads to (4)
        ("n4", "n1", "none"),
        ("n5", "n1", "none"),
        ("n1", "n6", "normal"),
        # the undercuts: of the first inference, then twice of the last
        ("n3", "n1s1", "odot"),
        ("n7", "n1", "odot"),
        ("n8", "n1", "odot"),
    ]
    first = node_line(output, "n1s1")
    assert "shape=circle" in first
    assert 'label=""' in first  # no rules, no evaluation
    assert 'tooltip="inference to (2) of <Grades>"' in first
    assert "shape=hexagon" in node_line(output, "n1")
    # The argument with its premises and intermediary conclusion; its main conclusion
    # stays outside, with what else relates to it.
    assert cluster(output, "cluster_n1") == ["n1", "n1s1", "n2", "n4", "n5"]


def test_inference_rules_are_shown() -> None:
    amap = argmap.load(FIXTURES / "pcs-inference-rules.argdown")
    output = dot.export(amap)
    # n1 <Safety>, n2 [Spotting], n3 [Strangers], n4 [Safer], n5 [Safety First],
    # n6 [Uniforms]; the first inference uses (1) and (2), the second (3) and (4).
    assert edge_lines(output) == [
        ("n2", "n1s2", "none"),
        ("n3", "n1s2", "none"),
        ("n1s2", "n4", "normal"),
        ("n4", "n1", "none"),
        ("n5", "n1", "none"),
        ("n1", "n6", "normal"),
    ]
    first = node_line(output, "n1s2")
    assert "shape=box" in first
    assert 'label="modus ponens, practical\\nreasoning"' in first
    assert 'tooltip="inference to (3) of <Safety>\\n-- modus ponens, practical reasoning --"' in (
        first
    )
    assert 'label="<Safety>\\nUniforms make strangers easy to spot.\\n-- Modus ponens --"' in (
        node_line(output, "n1")
    )


def test_inference_verdicts() -> None:
    amap = argmap.load(FIXTURES / "pcs-undercuts.argdown")
    evaluation = evaluate(amap)
    # The verdicts of the inferences, as the evaluation gives them (set here by hand).
    evaluation.steps = {("argument:Grades", 1): Verdict.IN, ("argument:Grades", 3): Verdict.OUT}
    output = dot.export(amap, evaluation)
    first = node_line(output, "n1s1")
    assert 'label="✓"' in first
    assert 'style="filled"' in first  # in: a solid border
    assert 'tooltip="inference to (2) of <Grades> (in)"' in first
    # The last inference is the argument, with the argument's own verdict.
    verdict = evaluation.verdicts["argument:Grades"]
    assert f'label="{dot.VERDICT_SYMBOLS[verdict]} <Grades>' in node_line(output, "n1")


def test_shared_statements_stay_outside_an_argument() -> None:
    amap = argmap.loads(
        "<A>: First.\n\n"
        "(1) [Shared]: Both use it.\n"
        "(2) [Own]: Only A uses it.\n"
        "----\n"
        "(3) [C]: A conclusion.\n\n"
        "<B>: Second.\n\n"
        "(1) [Shared]\n"
        "----\n"
        "(2) [D]: Another conclusion.\n\n"
        "# Elsewhere\n\n"
        "<E>: Third.\n\n"
        "(1) [Here]: In the section of E.\n"
        "----\n"
        "(2) [D]\n"
    )
    assert not amap.diagnostics
    ids = {node.title: f"n{i}" for i, node in enumerate(amap.nodes, 1)}
    output = dot.export(amap)
    assert cluster(output, f"cluster_{ids['A']}") == [ids["A"], ids["Own"]]
    # B groups nothing (its premise is shared): no cluster of its own.
    assert f"cluster_{ids['B']}" not in output
    assert cluster(output, f"cluster_{ids['E']}") == [ids["E"], ids["Here"]]
    # ...inside E's section.
    lines = output.splitlines()
    section = lines.index("  subgraph cluster_1 {")
    assert lines.index(f"    subgraph cluster_{ids['E']} {{") > section


# Graphviz draws each PCS fixture: (nodes, edges, clusters), counted by hand from the
# brief: its nodes and the earlier inferences, its relations and the lines of its
# structures, one cluster per argument with a member of its own.
PCS_FIXTURES = sorted(FIXTURES.glob("pcs-*.argdown"))
PCS_DRAWINGS = {
    "pcs-after-argument": (["n1", "n2", "n3", "n4", "n5", "n6"], 1 + 3, 1),
    "pcs-argument-relations": ([f"n{i}" for i in range(1, 9)], 5 + 2, 1),
    "pcs-inference-rules": (["n1", "n1s2", "n2", "n3", "n4", "n5", "n6"], 6, 1),
    "pcs-member-relations": ([f"n{i}" for i in range(1, 8)], 3 + 3, 1),
    "pcs-undercuts": (["n1", "n1s1", *(f"n{i}" for i in range(2, 9))], 3 + 5, 1),
    "pcs-untitled": ([f"n{i}" for i in range(1, 6)], 3, 1),
}


@needs_dot
@pytest.mark.parametrize("brief", PCS_FIXTURES, ids=lambda p: p.stem)
@pytest.mark.parametrize("evaluated", [True, False], ids=["evaluated", "plain"])
def test_pcs_briefs_draw(brief: Path, evaluated: bool) -> None:
    amap = argmap.load(brief)
    output = dot.export(amap, evaluate(amap), argmap.check(amap)) if evaluated else dot.export(amap)
    drawing = draw(output)
    assert drawing.stderr == ""
    assert_structure(output)
    # Every node, and a node for each inference but an argument's last.
    steps = [f"n{i}s{k}" for i, n in enumerate(amap.nodes, 1) for k in n.steps[:-1]]
    assert sorted(drawing.nodes) == sorted([f"n{i}" for i in range(1, len(amap.nodes) + 1)] + steps)
    if brief.stem in PCS_DRAWINGS:
        nodes, edges, clusters = PCS_DRAWINGS[brief.stem]
        assert sorted(drawing.nodes) == sorted(nodes)
        assert drawing.edges == edges
        assert drawing.clusters == clusters


@needs_dot
def test_part_of_a_structure() -> None:
    """A part of the map (--focus, --section) draws what it keeps of a structure."""
    whole = argmap.load(FIXTURES / "pcs-undercuts.argdown")
    keep = {"argument:Grades", "statement:Confound", "statement:Cause", "statement:Uniforms"}
    amap = whole.restricted(keep, [])
    output = dot.export(amap)
    # n1 <Grades>, n2 [Confound], n3 [Cause], n4 [Uniforms]
    assert edge_lines(output) == [
        ("n1s1", "n3", "normal"),
        ("n3", "n1", "none"),
        ("n1", "n4", "normal"),
        ("n2", "n1s1", "odot"),
    ]
    drawing = draw(output)
    assert sorted(drawing.nodes) == ["n1", "n1s1", "n2", "n3", "n4"]
    assert cluster(output, "cluster_n1") == ["n1", "n1s1", "n3"]


@needs_dot
def test_hostile_inference_rules() -> None:
    span = Span("<test>", 1, 1, 1, 1)
    amap = ArgumentMap()
    rules = [title for title in HOSTILE_TITLES if title.strip()]
    # The rules in groups short enough to be shown whole, one group per inference.
    groups: list[list[str]] = [[]]
    for rule in rules:
        if len(", ".join([*groups[-1], rule])) > 200:
            groups.append([])
        groups[-1].append(rule)
    assert len(groups) >= 3
    argument = Node("argument:A", "A", "argument", text="An argument.")
    statements = [node(f"S{index}", "s") for index in range(len(groups) + 1)]
    members = [PcsMember(statements[0].id, "premise", 1)]
    for index, group in enumerate(groups, 1):
        role = "main-conclusion" if index == len(groups) else "intermediary-conclusion"
        members.append(PcsMember(statements[index].id, role, index + 1, Inference(group, {}, span)))
    argument.pcs = tuple(members)
    for each in (argument, *statements):
        amap.add_node(each)
    output = dot.export(amap)
    assert_structure(output)
    drawing = draw(output)
    inferences = [f"n1s{index}" for index in range(1, len(groups))]
    expected = ["n1", *inferences, *(f"n{i}" for i in range(2, len(statements) + 2))]
    assert sorted(drawing.nodes) == sorted(expected)
    assert drawing.edges == 2 * len(groups)
    assert "evil" not in drawing.nodes
    # The rules are shown as written (controls aside), in the boxes and in the hexagon.
    shown = "".join("".join(drawing.texts[name].split()) for name in ["n1", *inferences])
    for rule in rules:
        assert "".join(dot._sanitize(rule).split()) in shown


def test_inference_verdicts_of_the_evaluation() -> None:
    amap = argmap.load(FIXTURES / "pcs-undercuts.argdown")
    evaluation = evaluate(amap, "dialectical")
    first = evaluation.steps[("argument:Grades", 1)]
    line = node_line(dot.export(amap, evaluation), "n1s1")
    assert f'label="{dot.VERDICT_SYMBOLS[first]}"' in line
    border = "" if first is Verdict.IN else f",{dot.VERDICT_BORDERS[first]}"
    assert f'style="filled{border}"' in line
