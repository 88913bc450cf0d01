"""The Mermaid export: golden files, the escaping rules on hostile labels, determinism.

The output is also parsed by Mermaid's own parser (``mermaid`` and ``jsdom`` from npm:
``npm ci --prefix tools/mermaid``, or ``ARGMAP_MERMAID_NODE_MODULES`` pointing at another
``node_modules``); outside CI that one test is skipped when neither is there.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.checker import check, effective_config
from argmap.evaluate import Evaluation, Verdict, evaluate
from argmap.exporters import format_for_suffix, mermaid
from argmap.model import ArgumentMap, Node
from argmap.source import Span
from argmap.syntax.parser import ARGUMENT, STATEMENT, Occurrence, Section
from argmap.views.text import clean
from benchmarks.generate import generate

BRIEFS = Path(__file__).resolve().parents[2] / "briefs"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parser"
PCS_FIXTURES = sorted(FIXTURES.glob("pcs-*.argdown"))
SEEDS = ["japan-rok-trilateral", "language-tour"]

HOSTILE = [
    "say \"hi\" and 'bye' “curly”",
    "C:\\Users\\ trailing backslash \\",
    "<b>bold</b> & <script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "closing ] bracket ] and [open",
    "closing } brace {{ and }}",
    "pipe | here |attack| too",
    "semicolon; and a: colon",
    "hash # and C# and #9829; and #quot; and #35;",
    "AT&amp;T &#9731; &lt; &",
    '%%{init: {"theme":"dark"}}%%',
    "%% a comment",
    "end",
    "a --> b -.-> c --x d <--> e ~~~ f",
    "line one\nline two\r\nline three\rfour",
    "emoji 🎉 👩‍👩‍👧 and ✓ ✗",
    "RTL مرحبا עברית with \u202e override \u2066 isolate",
    "x" * 10_000,
    "direction TB then direction  LR and DIRECTION rl",
    "style:x#y; classDef:a#b;",
    "`markdown string` and **bold** and $$x^2$$",
    "ﬂ°lt¶ß placeholders ﬂ°°60¶ß",
    "\x00nul \x07bell \x1b[31mred\x1b[0m \x9b csi",
    "",
]

# Every line the exporter writes is one of these.
HEADER = re.compile(r"flowchart BT")
# A node: a statement or argument (n1), or an earlier inference of an argument (n1s2).
NODE = re.compile(
    r'\s+n\d+(?:s\d+)?(\["|\[\("|\{\{"|\(\("|\(")(?P<label>.*)("\]|"\)\]|"\}\}|"\)\)|"\))'
)
SUBGRAPH = re.compile(r'\s+subgraph s\d+\["(?P<label>.*)"\]')
END = re.compile(r"\s+end")
EDGE = re.compile(
    r"\s+n\d+(s\d+)? (-->|---|--x\|attack\||-\.-o\|undercut\||<-->\|contradiction\|"
    r"|==>\|entails\||<-\.->\|contrary\|) n\d+(s\d+)?"
)
STYLE = re.compile(
    r"\s+(classDef (in|out|undecided) [-#:,. \w]+|class n\d+(s\d+)?(,n\d+(s\d+)?)* \w+)"
)

ENTITY = re.compile(r"#(\w+);")
NAMED = {"quot": '"', "amp": "&", "lt": "<", "gt": ">"}
FORBIDDEN = set('"[]<>{}|#%`$\\:;')


def decode(label: str) -> str:
    """A label as Mermaid shows it: entity codes decoded, ``<br/>`` as a space."""

    def entity(match: re.Match[str]) -> str:
        name = match.group(1)
        return NAMED[name] if name in NAMED else chr(int(name))

    return ENTITY.sub(entity, label.replace("<br/>", " "))


def assert_safe_label(label: str) -> None:
    """No character Mermaid reads as syntax, other than entity codes and ``<br/>``."""
    assert label, "Mermaid rejects an empty label"
    rest = ENTITY.sub("", label.replace("<br/>", ""))
    assert not FORBIDDEN & set(rest), (label[:200], FORBIDDEN & set(rest))
    assert "\n" not in label
    assert "\r" not in label
    assert not re.search(r"direction\s", label, re.IGNORECASE)
    for name in ENTITY.findall(label):
        assert name in NAMED or name.isdigit(), name


def structure(amap: ArgumentMap) -> tuple[int, int]:
    """What the map's premise–conclusion structures add: a node for each inference but
    an argument's last, a line for each premise and conclusion of an inference."""
    steps = lines = 0
    for node in amap.nodes:
        steps += max(len(node.steps) - 1, 0)
        for step in node.steps:
            members = [*node.premises_of(step), node.pcs[step].statement]
            lines += sum(1 for member in members if member in amap)
    return steps, lines


def check_structure(text: str, amap: ArgumentMap) -> None:
    """Every line is one the exporter writes; one line per node, inference and relation,
    and per line of a structure; labels are safe."""
    assert text.endswith("\n")
    lines = text.splitlines()
    assert HEADER.fullmatch(lines[0])
    nodes = edges = 0
    steps, structure_lines = structure(amap)
    for line in lines[1:]:
        if match := NODE.fullmatch(line):
            nodes += 1
            assert_safe_label(match.group("label"))
        elif match := SUBGRAPH.fullmatch(line):
            assert_safe_label(match.group("label"))
        elif EDGE.fullmatch(line):
            edges += 1
        else:
            assert END.fullmatch(line) or STYLE.fullmatch(line), line[:200]
    assert nodes == len(amap.nodes) + steps
    assert edges == len(amap.edges) + structure_lines
    opened = sum(1 for line in lines if SUBGRAPH.fullmatch(line))
    assert opened == sum(1 for line in lines if END.fullmatch(line))


def seed(name: str) -> tuple[ArgumentMap, Evaluation, list[argmap.Diagnostic]]:
    amap = argmap.load(BRIEFS / f"{name}.argdown")
    evaluation = evaluate(amap, effective_config(amap).standard)
    return amap, evaluation, check(amap)


def occurrence(node_type: str, title: str, text: str | None, section: str | None) -> Occurrence:
    return Occurrence(
        type=node_type,
        title=title,
        untitled=False,
        is_reference=text is None,
        text=text,
        plain_text=text,
        span=Span("<hostile>", 1, 1, 1, 1),
        section=section,
    )


def hostile_map() -> ArgumentMap:
    """Every hostile string as a title and as a text, in nested sections with hostile
    titles, related by every relation."""
    span = Span("<hostile>", 1, 1, 1, 1)
    sections = [
        Section("s1", 1, HOSTILE[0], None, span),
        Section("s2", 2, HOSTILE[10], "s1", span),
        Section("s3", 1, "end", None, span),
        Section("s4", 1, "", None, span),  # no node: left out
    ]
    amap = ArgumentMap(title=HOSTILE[2], sections=sections)
    kinds = [(STATEMENT, "claim"), (STATEMENT, "evidence"), (ARGUMENT, "claim")]
    for index, value in enumerate(HOSTILE):
        node_type, kind = kinds[index % 3]
        title = f"{value}{index}"
        section = [None, "s1", "s2", "s3"][index % 4]
        node = Node(f"{node_type}:{title}", title, node_type, kind=kind, section=section)
        node.text = node.plain_text = value or None
        node.data = {"cite": value} if kind == "evidence" else {}
        node.occurrences.append(occurrence(node_type, title, node.text, section))
        amap.add_node(node)
    ids = [node.id for node in amap.nodes]
    relations = ["support", "attack", "undercut", "contradiction"]
    for index in range(1, len(ids)):
        amap.add_edge(ids[index], ids[index - 1], relations[index % 4], span)
    amap.add_edge(ids[3], ids[0], "attack", span)  # a second relation between a pair
    amap.add_edge(ids[0], ids[3], "support", span)
    return amap


# -- golden files --------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_golden(name: str, golden: Callable[[str, str | bytes], None]) -> None:
    amap, evaluation, findings = seed(name)
    output = mermaid.export(amap, evaluation, findings)
    check_structure(output, amap)
    golden(f"{name}.mmd", output)


def test_interface() -> None:
    assert (mermaid.NAME, mermaid.SUFFIX, mermaid.BINARY) == ("mermaid", ".mmd", False)
    assert format_for_suffix(mermaid.SUFFIX) == mermaid.NAME


# -- size -----------------------------------------------------------------------------------

_TOO_LONG = (
    "the Mermaid diagram is {size} characters long and Mermaid draws at most 50,000 unless "
    "told otherwise: raise its maxTextSize setting, e.g. mermaid.initialize({{ maxTextSize: "
    "{enough} }}), or export part of the map with --focus, --depth or --section"
)


def test_size_warning_at_mermaids_limit() -> None:
    assert mermaid.size_warning("x" * 50_000) is None
    assert mermaid.size_warning("x" * 50_001) == _TOO_LONG.format(size="50,001", enough=60000)
    assert mermaid.size_warning("x" * 60_001) == _TOO_LONG.format(size="60,001", enough=70000)
    # Mermaid counts UTF-16 code units: an emoji is two, an accented letter one.
    assert mermaid.size_warning("é" * 50_000) is None
    assert mermaid.size_warning("🎉" * 25_001) == _TOO_LONG.format(size="50,002", enough=60000)


def test_size_warning_of_exports() -> None:
    small = mermaid.export(argmap.loads("[A]: One.\n  + [B]: Two.\n"))
    assert mermaid.size_warning(small) is None
    amap = argmap.loads(generate(600), "brief.argdown")
    large = mermaid.export(amap)
    assert len(large) > 50_000
    warning = mermaid.size_warning(large)
    assert warning is not None
    assert "maxTextSize" in warning
    assert f"{len(large.encode('utf-16-le')) // 2:,} characters" in warning


# -- escaping ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_escape_hostile(value: str) -> None:
    escaped = mermaid.escape(value)
    if escaped:
        assert_safe_label(escaped)
    assert decode(escaped) == clean(value)


@given(st.text())
def test_escape_any_text(value: str) -> None:
    escaped = mermaid.escape(value)
    if escaped:
        assert_safe_label(escaped)
    assert decode(escaped) == clean(value)


def test_entities_encoded_first() -> None:
    # `&` and `#` are encoded before anything else, so user text is never decoded.
    assert mermaid.escape("#quot;") == "#35;quot#59;"
    assert mermaid.escape("&amp;") == "#amp;amp#59;"
    assert mermaid.escape('a"b') == "a#quot;b"


def test_hostile_map() -> None:
    amap = hostile_map()
    output = mermaid.export(amap)
    check_structure(output, amap)
    assert "%%" not in output
    assert "<script" not in output
    assert "<b>" not in output
    assert "click" not in output
    # Labels are capped: the 10,000-character text is cut short with an ellipsis.
    assert max(len(line) for line in output.splitlines()) < 2_000
    assert "x" * 500 not in output.replace("<br/>", "")
    # The section with no node is left out; the others nest.
    assert output.count("subgraph ") == 3
    assert output.count(" end\n") >= 3


def test_hostile_map_with_evaluation() -> None:
    amap = hostile_map()
    evaluation = evaluate(amap)
    output = mermaid.export(amap, evaluation, check(amap))
    check_structure(output, amap)
    classes = [line for line in output.splitlines() if line.strip().startswith("class ")]
    marked = [name for line in classes for name in line.split()[1].split(",")]
    assert sorted(marked) == sorted(f"n{index}" for index in range(1, len(amap.nodes) + 1))


HOSTILE_BRIEF = r"""# end

[T]: Quotes "x" and pipes | and semicolons; and 100%% sure %%init%% here. #thesis
  + [S]: direction TB and `code` and $$x$$ and &amp; and AT&T --> n1 -.-> |x| ~~~ end
    - [end]: emoji 🎉 and RTL مرحبا עברית and \[escaped brackets\] and a backslash \\ here.
  - <Arg>: classDef in fill:#f00; style n1 fill:#f00; click n1 "javascript:alert(1)"
  >< [C]: Greater than > and ampersand & and hash # sign and x<y.
"""


def test_hostile_brief() -> None:
    amap = argmap.loads(HOSTILE_BRIEF)
    assert not amap.diagnostics
    assert len(amap.nodes) == 5
    output = mermaid.export(amap, evaluate(amap), check(amap))
    check_structure(output, amap)
    # The text that reads like Mermaid statements stays inside its label.
    assert not any(line.lstrip().startswith(("click", "style")) for line in output.splitlines())
    assert sum(line.lstrip().startswith("classDef ") for line in output.splitlines()) == 3
    assert 'subgraph s1["end"]' in output


# -- shapes, relations, verdicts, sections ---------------------------------------------------


def test_shapes_relations_and_classes() -> None:
    amap = argmap.loads(
        "[T]: Thesis. #thesis\n"
        '  + [E]: A study. #evidence {cite: "Doe 2019"}\n'
        "  - <A>: An argument.\n"
        "    _ [U]: An undercut.\n"
        "  >< [C]: A contradiction.\n"
    )
    evaluation = evaluate(amap)
    lines = mermaid.export(amap, evaluation).splitlines()
    assert lines[0] == "flowchart BT"
    assert '    n1["✓ T<br/>Thesis. #35;thesis"]' in lines
    assert '    n2[("✓ E<br/>A study. #35;evidence<br/>— Doe 2019")]' in lines
    assert any(line.startswith("    n3{{") for line in lines)
    assert "    n2 --> n1" in lines
    assert "    n3 --x|attack| n1" in lines
    assert "    n4 -.-o|undercut| n3" in lines
    assert "    n1 <-->|contradiction| n5" in lines
    defs = [line for line in lines if "classDef" in line]
    assert [line.split()[1] for line in defs] == ["in", "out", "undecided"]
    # A cue besides colour: the border of `out` and `undecided` nodes is dashed.
    assert "stroke-dasharray" in defs[1]
    assert "stroke-dasharray" in defs[2]


def test_without_evaluation_no_verdicts() -> None:
    amap = argmap.loads("[T]: Thesis. #thesis\n  + [S]: Support.\n")
    output = mermaid.export(amap)
    assert "classDef" not in output
    assert "✓" not in output
    assert "✗" not in output


def test_findings_in_labels() -> None:
    amap = argmap.loads("[T]: Thesis. #thesis\n  + [S]: Support.\n")
    output = mermaid.export(amap, None, check(amap))
    assert "⚠ unsupported-claim" in output


def test_sections_nest() -> None:
    amap = argmap.loads("# A\n\n[T]: Thesis.\n\n## B\n\n[S]: Support.\n  +> [T]\n\n# C\n")
    lines = mermaid.export(amap).splitlines()
    assert lines[1:7] == [
        '    subgraph s1["A"]',
        '        n1["T<br/>Thesis."]',
        '        subgraph s2["B"]',
        '            n2["S<br/>Support."]',
        "        end",
        "    end",
    ]
    assert "C" not in "".join(lines)  # an empty section is left out


def test_section_cycle_keeps_every_node() -> None:
    span = Span("<cycle>", 1, 1, 1, 1)
    sections = [Section("a", 1, "A", "b", span), Section("b", 1, "B", "a", span)]
    amap = ArgumentMap(sections=sections)
    for index, section in enumerate(["a", "b", "a", None]):
        node = Node(f"statement:{index}", str(index), STATEMENT, section=section)
        node.occurrences.append(occurrence(STATEMENT, str(index), "text", section))
        amap.add_node(node)
    output = mermaid.export(amap)
    check_structure(output, amap)
    assert output.count("subgraph ") == 2


# -- determinism -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_deterministic(name: str) -> None:
    first = mermaid.export(*seed(name))
    second = mermaid.export(*seed(name))
    assert first == second
    assert mermaid.export(hostile_map()) == mermaid.export(hostile_map())


def test_long_chain_is_linear() -> None:
    span = Span("<chain>", 1, 1, 1, 1)
    amap = ArgumentMap()
    count = 20_000
    for index in range(count):
        node = Node(f"statement:c{index}", f"c{index}", STATEMENT)
        node.occurrences.append(occurrence(STATEMENT, f"c{index}", "x", None))
        amap.add_node(node)
    for index in range(1, count):
        amap.add_edge(f"statement:c{index}", f"statement:c{index - 1}", "support", span)
    output = mermaid.export(amap, evaluate(amap))
    check_structure(output, amap)


# -- Mermaid's own parser (optional) ---------------------------------------------------------

PARSE_SCRIPT = """
import { JSDOM } from 'jsdom';
import fs from 'fs';
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });
const out = [];
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db;
  out.push({
    vertices: [...db.getVertices().values()].map((v) => [v.id, v.text, v.type]),
    edges: db.getEdges().length,
    subgraphs: db.getSubGraphs().map((s) => [s.id, s.title]),
  });
}
console.log(JSON.stringify(out));
"""


MERMAID_MODULES = Path(
    os.environ.get("ARGMAP_MERMAID_NODE_MODULES")
    or Path(__file__).resolve().parents[2] / "tools" / "mermaid" / "node_modules"
)


# Skipped where Mermaid's parser is missing, failed in CI.
@pytest.mark.needs("mermaid")
def test_mermaid_parses_output(tmp_path: Path) -> None:
    modules = MERMAID_MODULES
    (tmp_path / "node_modules").symlink_to(modules)
    script = tmp_path / "parse.mjs"
    script.write_text(PARSE_SCRIPT)
    maps = [hostile_map(), argmap.loads(HOSTILE_BRIEF), *(seed(name)[0] for name in SEEDS)]
    files, labels = [], []
    for index, amap in enumerate(maps):
        path = tmp_path / f"{index}.mmd"
        output = mermaid.export(amap, evaluate(amap), check(amap))
        path.write_text(output, encoding="utf-8")
        files.append(str(path))
        found = (NODE.fullmatch(line) for line in output.splitlines())
        labels.append({m.group(0).split("[")[0].split("{")[0].strip(): m for m in found if m})
    result = subprocess.run(
        ["node", str(script), *files], capture_output=True, text=True, timeout=120, check=True
    )
    parsed_maps = json.loads(result.stdout)
    for amap, parsed, file, written in zip(maps, parsed_maps, files, labels, strict=True):
        ids = [f"n{index}" for index in range(1, len(amap.nodes) + 1)]
        assert sorted(vertex[0] for vertex in parsed["vertices"]) == sorted(ids), file
        assert parsed["edges"] == len(amap.edges), file
        for node_id, text, shape in parsed["vertices"]:
            # Every node kept its shape (a line swallowed whole would leave a bare id)...
            assert shape is not None, (file, node_id)
            # ...and Mermaid reads the label as written: its placeholders for entity
            # codes decode to the same text.
            shown = text.replace("ﬂ°°", "&#").replace("ﬂ°", "&").replace("¶ß", ";")
            shown = html.unescape(shown.replace("<br>", " "))
            assert shown == decode(written[node_id].group("label")), (file, node_id)


# -- premise–conclusion structures -----------------------------------------------------------


def test_premises_meet_at_their_inference_and_undercuts_hit_it() -> None:
    # n1 <Grades>, n2 [Higher Grades], n3 [Confound], n4 [Cause], n5 [Grades Matter],
    # n6 [Uniforms], n7 [Not Everything], n8 [Funding]: (1) gives (2), undercut by
    # [Confound]; (2) and (3) give (4), undercut by [Not Everything] and [Funding].
    amap = argmap.load(FIXTURES / "pcs-undercuts.argdown")
    output = mermaid.export(amap)
    check_structure(output, amap)
    lines = output.splitlines()
    assert lines[1] == '    n1{{"Grades<br/>Uniform schools have better<br/>grades."}}'
    assert lines[2] == '    n1s1((" "))'  # the first inference, right after its argument
    assert lines[-8:] == [
        "    n2 --- n1s1",
        "    n1s1 --> n4",
        "    n4 --- n1",
        "    n5 --- n1",
        "    n1 --> n6",
        "    n3 -.-o|undercut| n1s1",
        "    n7 -.-o|undercut| n1",
        "    n8 -.-o|undercut| n1",
    ]


def test_inference_rules_are_shown() -> None:
    amap = argmap.load(FIXTURES / "pcs-inference-rules.argdown")
    lines = mermaid.export(amap).splitlines()
    assert lines[1] == (
        '    n1{{"Safety<br/>Uniforms make strangers easy<br/>to spot.<br/>-- Modus ponens --"}}'
    )
    assert lines[2] == '    n1s2("modus ponens, practical<br/>reasoning")'
    # The first inference uses (1) and (2), as its data says.
    assert "    n2 --- n1s2" in lines
    assert "    n3 --- n1s2" in lines
    assert "    n1s2 --> n4" in lines


def test_inference_verdicts() -> None:
    amap = argmap.load(FIXTURES / "pcs-undercuts.argdown")
    evaluation = evaluate(amap)
    # The verdicts of the inferences, as the evaluation gives them (set here by hand).
    evaluation.steps = {("argument:Grades", 1): Verdict.IN, ("argument:Grades", 3): Verdict.OUT}
    lines = mermaid.export(amap, evaluation).splitlines()
    assert lines[2] == '    n1s1(("✓"))'
    classes = {line.split()[2]: line.split()[1].split(",") for line in lines if " class " in line}
    assert "n1s1" in classes["in"]
    assert "n1s1" not in classes.get("out", []) + classes.get("undecided", [])


def test_strict_mode_relations() -> None:
    amap = argmap.load(FIXTURES / "strict-mode.argdown")
    output = mermaid.export(amap, evaluate(amap), check(amap))
    check_structure(output, amap)
    # n1 [Uniforms], n2 [Focus], n3 [Cost], n4 [No Uniforms], n5 <Argument>
    assert "    n2 ==>|entails| n1\n" in output
    assert "    n3 <-.->|contrary| n1\n" in output


PCS_PARSE_SCRIPT = """
import { JSDOM } from 'jsdom';
import fs from 'fs';
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });
const out = [];
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db;
  out.push({
    vertices: [...db.getVertices().values()].map((v) => [v.id, v.type]),
    edges: db.getEdges().map((e) => [e.start, e.end, e.type, e.stroke]),
  });
}
console.log(JSON.stringify(out));
"""


@pytest.mark.needs("mermaid")
def test_mermaid_parses_structures(tmp_path: Path) -> None:
    (tmp_path / "node_modules").symlink_to(MERMAID_MODULES)
    script = tmp_path / "parse.mjs"
    script.write_text(PCS_PARSE_SCRIPT)
    briefs = [*PCS_FIXTURES, FIXTURES / "strict-mode.argdown"]
    maps = [argmap.load(brief) for brief in briefs]
    files = []
    for brief, amap in zip(briefs, maps, strict=True):
        path = tmp_path / f"{brief.stem}.mmd"
        path.write_text(mermaid.export(amap, evaluate(amap), check(amap)), encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        ["node", str(script), *files], capture_output=True, text=True, timeout=120, check=True
    )
    parsed = dict(zip([brief.stem for brief in briefs], json.loads(result.stdout), strict=True))
    for brief, amap in zip(briefs, maps, strict=True):
        vertices = dict(parsed[brief.stem]["vertices"])
        steps = {f"n{i}s{k}" for i, n in enumerate(amap.nodes, 1) for k in n.steps[:-1]}
        assert set(vertices) == {f"n{i}" for i in range(1, len(amap.nodes) + 1)} | steps
        assert all(vertices[step] in {"circle", "round"} for step in steps)
        assert len(parsed[brief.stem]["edges"]) == len(amap.edges) + structure(amap)[1]
    # What Mermaid read of the structure of pcs-undercuts: open lines from the premises,
    # arrows to the conclusions, undercuts to the inferences.
    edges = [tuple(edge) for edge in parsed["pcs-undercuts"]["edges"]]
    assert edges == [
        ("n2", "n1s1", "arrow_open", "normal"),
        ("n1s1", "n4", "arrow_point", "normal"),
        ("n4", "n1", "arrow_open", "normal"),
        ("n5", "n1", "arrow_open", "normal"),
        ("n1", "n6", "arrow_point", "normal"),
        ("n3", "n1s1", "arrow_circle", "dotted"),
        ("n7", "n1", "arrow_circle", "dotted"),
        ("n8", "n1", "arrow_circle", "dotted"),
    ]
    assert parsed["pcs-inference-rules"]["vertices"][1] == ["n1s2", "round"]
    strict = {
        (start, end): (kind, stroke) for start, end, kind, stroke in parsed["strict-mode"]["edges"]
    }
    assert strict[("n2", "n1")] == ("arrow_point", "thick")
    assert strict[("n3", "n1")] == ("double_arrow_point", "dotted")
