"""Properties of the reader that must hold for any input (hypothesis)."""

from __future__ import annotations

import json
import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.exporters.json import dumps
from argmap.model import ArgumentMap

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces of Argdown syntax, so generated text reaches the parser's corners rather than
# being one long piece of free text.
PIECES = [
    "+",
    "-",
    "<+",
    "<-",
    "+>",
    "->",
    "_",
    "<_",
    "_>",
    "><",
    ">",
    "<",
    "[",
    "]",
    "{",
    "}",
    "#",
    "*",
    "**",
    "_",
    "__",
    "\\",
    "/",
    "//",
    "/*",
    "*/",
    "<!--",
    "-->",
    "(",
    ")",
    "(1)",
    "--",
    "----",
    "===",
    ":",
    ",",
    ".",
    "@",
    "1.",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "  ",
    "\t",
    "a",
    "Title",
    "text ",
    "[A]",
    "[A]:",
    "<B>",
    "<B>:",
    "#thesis",
    "#evidence",
    "{x: 1}",
    "{x: [1}",
    "{\n",
    "!!python/object:os.system",
    "é",
    "\ufeff",
    "\x00",
]

argdownish = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
any_text = st.text(max_size=300)
texts = st.one_of(any_text, argdownish)

_BREAK = re.compile(r"\r\n|\n|\r")


def _lines(text: str) -> list[str]:
    """The brief's lines as argmap counts them: broken at CRLF, LF or a lone CR."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return _BREAK.split(text)


def _assert_located(amap: ArgumentMap, text: str) -> None:
    lines = _lines(text)
    for diagnostic in amap.diagnostics:
        span = diagnostic.span
        assert 1 <= span.line <= len(lines), (diagnostic, len(lines))
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1, (
            diagnostic,
            lines[span.line - 1],
        )
        assert span.end_line >= span.line
        assert re.fullmatch(r"AM\d{3}", diagnostic.code)
        assert diagnostic.message


@SETTINGS
@given(texts)
def test_parser_never_raises_and_locates_every_diagnostic(text: str) -> None:
    amap = argmap.loads(text)
    assert isinstance(amap, ArgumentMap)
    _assert_located(amap, text)
    # Every edge joins nodes of the map.
    for edge in amap.edges:
        assert edge.source in amap
        assert edge.target in amap


@SETTINGS
@given(texts)
def test_json_export_of_any_map_is_valid_json(text: str) -> None:
    amap = argmap.loads(text)
    exported = json.loads(dumps(amap))
    assert exported["argmap"] == 2
    assert [node["id"] for node in exported["nodes"]] == [node.id for node in amap.nodes]
    assert len(exported["edges"]) == len(amap.edges)
    # The export must also be strict JSON (no NaN or Infinity literals).
    json.loads(dumps(amap), parse_constant=_reject_constant)


def _reject_constant(name: str) -> None:
    raise AssertionError(f"non-standard JSON constant {name}")


# -- reordering blocks ----------------------------------------------------------------------

titles = st.lists(
    st.from_regex(r"[A-Z][a-z]{1,6}( [a-z]{1,6})?", fullmatch=True),
    min_size=2,
    max_size=8,
    unique=True,
)
MARKER_LIST = ["+", "-", "<+", "<-", "+>", "->", "_", "<_", "_>", "><"]


@st.composite
def briefs(draw: st.DrawFn) -> tuple[list[str], int]:
    """Blocks of a valid brief: each defines one statement, some with relations to
    others by reference; and a seed to shuffle them with."""
    names = draw(titles)
    blocks = []
    for index, name in enumerate(names):
        lines = [f"[{name}]: The claim called {name.lower()}."]
        others = [other for other in names if other != name]
        relations = draw(
            st.lists(
                st.tuples(st.sampled_from(MARKER_LIST), st.sampled_from(others)),
                max_size=3,
            )
        )
        for marker, other in relations:
            lines.append(f"  {marker} [{other}]")
            if draw(st.booleans()):
                # A nested relation under the reference.
                lines.append(f"    + [{names[(index + 1) % len(names)]}]")
        blocks.append("\n".join(lines))
    return blocks, draw(st.integers(0, 2**32 - 1))


def _graph(amap: ArgumentMap) -> tuple[set[tuple[str, str | None]], set[tuple[str, ...]]]:
    nodes = {(node.id, node.text) for node in amap.nodes}
    edges: set[tuple[str, ...]] = set()
    for edge in amap.edges:
        if edge.relation == "contradiction":
            # Symmetric: stored once, in the direction of whichever block came first.
            edges.add(("contradiction", *sorted((edge.source, edge.target))))
        else:
            edges.add((edge.source, edge.relation, edge.target))
    return nodes, edges


@SETTINGS
@given(briefs())
def test_block_order_does_not_change_nodes_and_edges(brief: tuple[list[str], int]) -> None:
    blocks, seed = brief
    original = argmap.loads("\n\n".join(blocks) + "\n")
    assert original.diagnostics == []
    assert len(original.nodes) == len(blocks)
    shuffled_blocks = list(blocks)
    random.Random(seed).shuffle(shuffled_blocks)
    shuffled = argmap.loads("\n\n".join(shuffled_blocks) + "\n")
    assert shuffled.diagnostics == []
    assert _graph(shuffled) == _graph(original)
