"""The Markdown export: golden files, escaping (no raw HTML), the walk, determinism."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import argmap
from argmap.checker import check, effective_config
from argmap.evaluate import Evaluation, Verdict, evaluate
from argmap.exporters import format_for_suffix, markdown
from argmap.model import ArgumentMap, Node
from argmap.source import Span
from argmap.syntax.parser import STATEMENT, Occurrence
from argmap.views.text import clean

BRIEFS = Path(__file__).resolve().parents[2] / "briefs"
SEEDS = ["japan-rok-trilateral", "language-tour"]

HOSTILE = [
    "say \"hi\" and 'bye'",
    "C:\\Users\\ trailing \\",
    "<b>bold</b> & <script>alert(1)</script>",
    '<img src=x onerror="alert(1)"> <!-- comment -->',
    "*emphasis* _under_ **strong** __strong__ ~~strike~~",
    "[link](https://example.org) ![image](x.png) [ref][1] <https://example.org>",
    "`code` and ``more code``",
    "# heading",
    "1. ordered",
    "2) ordered",
    "- bullet",
    "+ bullet",
    "> quote",
    "---",
    "===",
    "| a | b |",
    "AT&amp;T &#9731; &copy; &",
    "line one\nline two\r\n\n# not a heading",
    "emoji 🎉 and RTL مرحبا עברית \u202e",
    "\\*not emphasis\\*",
    "x" * 10_000,
    "\x00nul \x07bell \x1b[31mred",
]

# The CommonMark preset passes raw HTML through: any HTML in the output would show.
RENDERER = MarkdownIt("commonmark")


def seed(name: str) -> tuple[ArgumentMap, Evaluation, list[argmap.Diagnostic]]:
    amap = argmap.load(BRIEFS / f"{name}.argdown")
    evaluation = evaluate(amap, effective_config(amap).standard)
    return amap, evaluation, check(amap)


def make_node(amap: ArgumentMap, title: str, text: str | None, kind: str = "claim") -> Node:
    node = Node(f"statement:{title}", title, STATEMENT, kind=kind, text=text, plain_text=text)
    if kind == "evidence":
        node.data = {"cite": title}
    node.occurrences.append(
        Occurrence(
            type=STATEMENT,
            title=title,
            untitled=False,
            is_reference=text is None,
            text=text,
            plain_text=text,
            span=Span("<test>", 1, 1, 1, 1),
            section=None,
        )
    )
    return amap.add_node(node)


def hostile_map() -> ArgumentMap:
    amap = ArgumentMap(title=HOSTILE[2])
    kinds = ["claim", "evidence"]
    for index, value in enumerate(HOSTILE):
        make_node(amap, f"{value}{index}", value, kinds[index % 2])
    ids = [node.id for node in amap.nodes]
    relations = ["support", "attack", "undercut", "contradiction"]
    span = Span("<test>", 1, 1, 1, 1)
    for index in range(1, len(ids)):
        amap.add_edge(ids[index], ids[index - 1], relations[index % 4], span)
    return amap


def assert_no_html(text: str) -> None:
    tokens = RENDERER.parse(text)
    stack = list(tokens)
    while stack:
        token = stack.pop()
        assert token.type not in {"html_block", "html_inline"}, token.content
        stack.extend(token.children or [])
    rendered = RENDERER.render(text)
    assert "<script" not in rendered
    assert "<img" not in rendered
    assert "<b>" not in rendered
    assert "<a " not in rendered


# -- golden files --------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_golden(name: str, golden: Callable[[str, str | bytes], None]) -> None:
    amap, evaluation, findings = seed(name)
    output = markdown.export(amap, evaluation, findings)
    assert_no_html(output)
    golden(f"{name}.md", output)


def test_interface() -> None:
    assert (markdown.NAME, markdown.SUFFIX, markdown.BINARY) == ("markdown", ".md", False)
    assert format_for_suffix(markdown.SUFFIX) == markdown.NAME


# -- escaping ------------------------------------------------------------------------------


def rendered_text(markdown_text: str) -> str:
    """The text a Markdown paragraph shows, or "" for none."""
    rendered = RENDERER.render(markdown_text).strip()
    if not rendered:
        return ""
    assert rendered.startswith("<p>"), rendered[:200]
    assert rendered.endswith("</p>"), rendered[-200:]
    inner = rendered[3:-4]
    assert "<" not in inner, inner[:200]  # no tag: no emphasis, link, code or HTML
    return html.unescape(inner)


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_escape_hostile(value: str) -> None:
    escaped = markdown.escape(value)
    assert "\n" not in escaped
    assert rendered_text(escaped) == " ".join(clean(value).split())


@given(st.text())
def test_escape_any_text(value: str) -> None:
    assert rendered_text(markdown.escape(value)) == " ".join(clean(value).split())


def test_escape_examples() -> None:
    assert markdown.escape("a <b> & c") == "a &lt;b&gt; &amp; c"
    assert markdown.escape("*x* _y_ [z] #t `c`") == r"\*x\* \_y\_ \[z\] \#t \`c\`"
    assert markdown.escape("1. one") == r"1\. one"
    assert markdown.escape("- dash") == r"\- dash"


def test_hostile_map() -> None:
    amap = hostile_map()
    evaluation = evaluate(amap)
    output = markdown.export(amap, evaluation, check(amap))
    assert_no_html(output)
    for node in amap.nodes:  # every node is written out (its title, escaped)
        assert f"**{markdown.escape(node.label)}**" in output


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_title_and_thesis(value: str) -> None:
    amap = ArgumentMap(title=value)
    make_node(amap, value or "empty", value)
    make_node(amap, "evidence", value, kind="evidence")
    amap.add_edge("statement:evidence", f"statement:{value or 'empty'}", "support", None)
    output = markdown.export(amap, evaluate(amap))
    assert_no_html(output)
    tokens = RENDERER.parse(output)
    headings = [t for t in tokens if t.type == "heading_open"]
    assert headings[0].tag == "h1"
    assert [t.tag for t in tokens if t.type == "blockquote_open"] == ["blockquote"]


# -- the walk ------------------------------------------------------------------------------


def test_outline() -> None:
    amap = argmap.loads(
        "[T]: Thesis. #thesis\n"
        "  + [A]: Reason.\n"
        '    + [E]: A study. #evidence {cite: "Doe 2019"}\n'
        "  - [B]: Objection.\n"
        "    - [R]: Response.\n"
        "      + [E]\n"
        "\n"
        "[O]: Orphan.\n"
    )
    assert not amap.diagnostics
    output = markdown.export(amap, evaluate(amap))
    assert output == (
        "# Argument map\n"
        "\n"
        "Verdicts under the evidence standard: ✓ stands · ✗ falls · ? undecided.\n"
        "\n"
        "## Thesis: T\n"
        "\n"
        r"- **\[T\]** *(✓ stands)* Thesis. \#thesis"
        "\n"
        r"  - **Supports:** **\[A\]** *(✓ stands)* Reason."
        "\n"
        r"    - **Supports:** **\[E\]** *(evidence, ✓ stands)*"
        "\n"
        r"      > A study. \#evidence — *Doe 2019*"
        "\n"
        r"  - **Attacks:** **\[B\]** *(✗ falls)* Objection."
        "\n"
        r"    - **Attacks:** **\[R\]** *(✓ stands)* Response."
        "\n"
        r"      - **Supports:** **\[E\]** *(see above)*"
        "\n"
        "\n"
        "## Not connected to a thesis (1)\n"
        "\n"
        r"- **\[O\]** *(✗ falls)* Orphan."
        "\n"
    )


def test_findings_as_notes() -> None:
    # A card elsewhere: a brief with no evidence at all gets one finding for the brief.
    amap = argmap.loads('[T]: Thesis. #thesis\n  + [S]: Support.\n\n[C]: Card. #card {cite: "X"}\n')
    output = markdown.export(amap, None, check(amap))
    assert r"  - **Supports:** **\[S\]** Support." in output
    assert r"    - ⚠ *unsupported-claim:* nothing supports \[S\]" in output
    assert "stands" not in output  # no evaluation, no verdicts


def test_general_findings_listed() -> None:
    amap = argmap.loads("===\nthesis: Missing\n===\n\n[T]: Thesis.\n")
    findings = check(amap)
    assert any(finding.node is None for finding in findings)
    output = markdown.export(amap, None, findings)
    assert "\n## Notes\n\n- ⚠ *front-matter:* front matter names thesis" in output


def test_see_above_only_after_shown() -> None:
    """A node shared by two branches is written in full where it first appears."""
    amap = argmap.loads(
        "[T]: Thesis. #thesis\n  + [A]: First.\n    + [S]: Shared.\n  + [B]: Second.\n    + [S]\n"
    )
    lines = markdown.export(amap).splitlines()
    full = next(i for i, line in enumerate(lines) if r"**\[S\]** Shared." in line)
    above = next(i for i, line in enumerate(lines) if r"**\[S\]** *(see above)*" in line)
    assert full < above


def chain(count: int) -> ArgumentMap:
    """``c0`` ⇐ ``c1`` ⇐ … each supporting the one before."""
    amap = ArgumentMap()
    for index in range(count):
        make_node(amap, f"c{index}", f"Claim {index}.")
    span = Span("<chain>", 1, 1, 1, 1)
    for index in range(1, count):
        amap.add_edge(f"statement:c{index}", f"statement:c{index - 1}", "support", span)
    return amap


def test_deep_chain_goes_on_below() -> None:
    amap = chain(30)
    output = markdown.export(amap)
    assert_no_html(output)
    depth = max(len(line) - len(line.lstrip(" ")) for line in output.splitlines())
    assert depth <= 2 * markdown.MAX_DEPTH
    for index in range(30):  # written out in full, once each
        assert output.count(rf"**\[c{index}\]** Claim {index}.") == 1
    assert output.count("*(continued below)*") == output.count("Continued from ") == 3
    # The list goes on where it stopped.
    assert rf"Continued from **\[c{markdown.MAX_DEPTH}\]**:" in output


def test_a_long_chain_does_not_recurse() -> None:
    count = 5_000  # five times Python's recursion limit (tests/test_scale.py: 100,000)
    amap = chain(count)
    output = markdown.export(amap)
    assert output.count("- **Supports:** ") == count - 1
    assert len(output) < 100 * count  # linear: no quadratic indentation
    assert re.search(rf"\*\*\\\[c{count - 1}\\\]\*\* Claim {count - 1}\.", output)


# -- determinism -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_deterministic(name: str) -> None:
    assert markdown.export(*seed(name)) == markdown.export(*seed(name))
    assert markdown.export(hostile_map()) == markdown.export(hostile_map())


def test_a_focus_is_headed_as_the_focus_not_a_thesis() -> None:
    from argmap.selection import subset

    amap = argmap.loads(
        '[T]: Thesis. #thesis\n  + [A]: Reason.\n    + [S]: Study. #evidence {cite: "X"}\n'
    )
    output = markdown.export(subset(amap, focus="A"), None, ())
    assert "\n## Focus: A\n" in output
    assert "## Thesis" not in output


def test_a_section_part_says_what_reaches_a_thesis_elsewhere() -> None:
    from argmap.selection import subset

    amap = argmap.loads(
        "# Plan\n\n[P]: The plan. #thesis\n\n# Contention\n\n[C]: A reason.\n  +> [P]\n\n"
        "[L]: Alone.\n"
    )
    output = markdown.export(subset(amap, section="Contention"), None, ())
    assert "\n## Connected to a thesis through nodes outside this selection (1)\n" in output
    assert "\n## Not connected to a thesis (1)\n" in output
    assert "## Thesis" not in output


# -- premise–conclusion structures -----------------------------------------------------------

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parser"

RECONSTRUCTED = """[Uniforms]: Schools should require uniforms. #thesis

<Grades>: Uniform schools have better grades.

(1) [Higher Grades]: Schools with uniforms report higher grades.
  - [Selection]: Schools that report grades choose what to report.
----
  <_ [Confound]: Schools that adopt uniforms differ in many other ways.
(2) [Cause]: Uniforms cause higher grades.
(3) [Grades Matter]: What raises grades should be adopted.
-- modus ponens --
(4) [Uniforms]
  <_ [Not Everything]: Not everything that raises grades should be adopted.
"""


def test_a_structure_is_listed_under_its_argument() -> None:
    amap = argmap.loads(RECONSTRUCTED)
    assert not amap.diagnostics
    output = markdown.export(amap)
    assert_no_html(output)
    assert output == (
        "# Argument map\n"
        "\n"
        "## Thesis: Uniforms\n"
        "\n"
        r"- **\[Uniforms\]** Schools should require uniforms. \#thesis"
        "\n"
        r"  - **Supports:** **&lt;Grades&gt;** Uniform schools have better grades."
        "\n"
        r"    - (1) **\[Higher Grades\]** Schools with uniforms report higher grades."
        "\n"
        r"      - **Attacks:** **\[Selection\]** Schools that report grades choose what to report."
        "\n"
        r"    - *Inference from (1)*"
        "\n"
        r"      - **Undercuts:** **\[Confound\]** Schools that adopt uniforms differ in many"
        " other ways."
        "\n"
        r"    - (2) **\[Cause\]** Uniforms cause higher grades."
        "\n"
        r"    - (3) **\[Grades Matter\]** What raises grades should be adopted."
        "\n"
        r"    - *Inference from (2), (3):* modus ponens"
        "\n"
        r"      - **Undercuts:** **\[Not Everything\]** Not everything that raises grades"
        " should be adopted."
        "\n"
        r"    - (4) **\[Uniforms\]** *(see above)*"
        "\n"
    )


def test_inference_verdicts() -> None:
    amap = argmap.loads(RECONSTRUCTED)
    evaluation = evaluate(amap)
    # The verdicts of the inferences, as the evaluation gives them (set here by hand).
    evaluation.steps = {("argument:Grades", 1): Verdict.IN, ("argument:Grades", 3): Verdict.OUT}
    output = markdown.export(amap, evaluation)
    assert "    - *Inference from (1)* *(✓ stands)*\n" in output
    assert "    - *Inference from (2), (3):* modus ponens *(✗ falls)*\n" in output


def test_a_deep_inference_goes_on_below() -> None:
    # c0 ⇐ c1 ⇐ … ⇐ c6 ⇐ <A>, whose first inference is at the deepest level: its undercut
    # goes on below, after the list.
    chain = "".join(f"[c{i}]: Claim {i}.\n  <+ [c{i + 1}]\n\n" for i in range(6))
    amap = argmap.loads(
        "[c0]: Claim 0. #thesis\n\n"
        + chain
        + "[c6]: Claim 6.\n\n<A>: An argument.\n\n(1) [P]: A premise.\n----\n"
        "  <_ [U]: An undercut.\n(2) [c6]\n"
    )
    assert not amap.diagnostics
    output = markdown.export(amap)
    assert_no_html(output)
    indent = "  " * markdown.MAX_DEPTH
    assert f"\n{indent}- *Inference from (1)* *(continued below)*\n" in output
    assert output.endswith(
        "\nContinued from the inference to (2) of **&lt;A&gt;**:\n"
        "\n"
        r"- **Undercuts:** **\[U\]** An undercut."
        "\n"
    )


@pytest.mark.parametrize(
    "brief",
    [*sorted(FIXTURES.glob("pcs-*.argdown")), FIXTURES / "strict-mode.argdown"],
    ids=lambda p: p.stem,
)
def test_pcs_briefs(brief: Path) -> None:
    amap = argmap.load(brief)
    output = markdown.export(amap, evaluate(amap), check(amap))
    assert_no_html(output)
    # Every node is written out in full once, and each member of a structure is listed
    # under its argument with its number.
    for node in amap.nodes:
        shown = f"**{markdown.escape(node.label)}**"
        if not node.untitled:
            assert output.count(f"{shown} *(see above)*") < output.count(shown), node.id
        for member in node.pcs:
            label = markdown.escape(amap.node(member.statement).label)
            if not amap.node(member.statement).untitled:
                assert f"- ({member.number}) **{label}**" in output
    inferences = sum(len(node.steps) for node in amap.nodes)
    assert output.count("*Inference") == inferences
    # An untitled argument says what it is; a structure defines its argument.
    untitled = [node for node in amap.nodes if node.untitled and node.pcs]
    assert output.count("*(untitled argument, ") == len(untitled)
    assert "referenced, never defined" not in output
