"""The DOT export: Graphviz source for the map (``dot -Tsvg brief.dot``).

The thesis is at the top (``rankdir=BT``: support points up). Shapes tell the kinds apart
(claim: rounded box; evidence: note; argument: hexagon), and each relation has a line
style and an arrowhead as well as a colour from the Okabe–Ito palette, so the picture
survives greyscale printing and colour blindness:

- support: solid blue (#0072B2), normal arrowhead;
- attack: dashed vermillion (#D55E00), ``tee`` arrowhead;
- undercut: dotted reddish purple (#CC79A7), ``odot`` arrowhead;
- contradiction: bold orange (#E69F00), ``tee`` at both ends (``dir=both``).

With an evaluation each node's fill shows its verdict and its label starts with a
symbol (✓ in, ✗ out, ? undecided); with findings the label ends its first line with
``⚠ N``. Sections become nested ``subgraph cluster_N`` blocks.

With a :class:`~argmap.parallel.Helper`, a map of at least :data:`SHARED` nodes is written
on two cores: the helper process writes the last half of the nodes, from plain values
(:func:`_node_facts`) sent to it, and this process the rest; the text is the same.

Safety: node ids are generated (``n1``, ``n2``, … in the brief's order) and user text
only ever appears inside quoted ``label`` and ``tooltip`` strings, written by one escaper,
:func:`quote`. It strips control characters, escapes backslashes, double quotes and ``&``
(Graphviz decodes entities in labels), makes line breaks only where the exporter asks for
them, and caps the string far below the 16,384-byte limit of Graphviz's lexer. No text
can end a string, add an attribute, create a node, or point Graphviz at a file.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from argmap.diagnostics import Diagnostic
from argmap.evaluate import VERDICT_SYMBOLS, Evaluation, Verdict
from argmap.model import ArgumentMap, Node
from argmap.syntax.parser import ARGUMENT
from argmap.views.text import clean

if TYPE_CHECKING:
    from argmap.parallel import Helper

__all__ = [
    "BINARY",
    "MAX_STRING_BYTES",
    "NAME",
    "RELATION_STYLES",
    "SUFFIX",
    "TEXT_LIMIT",
    "VERDICT_FILLS",
    "VERDICT_SYMBOLS",
    "WRAP",
    "export",
    "export_pieces",
    "quote",
]

NAME = "dot"
SUFFIX = ".dot"
BINARY = False

WRAP = 40  # characters per label line
TEXT_LIMIT = 4000  # characters of a node's text in its label
TITLE_LIMIT = 300
CITATION_LIMIT = 400
TOOLTIP_FINDINGS = 10  # findings listed in a node's tooltip
SHARED = 20_000  # nodes in a map worth sharing with a helper process
# The part of the nodes a helper writes: this process also writes the edges, but first
# it has to send the helper its nodes.
HELPER_SHARE = 0.5
STRING_LIMIT = 5000  # characters in any one quoted string
# Graphviz 2.43's lexer rejects a run of 16,384 bytes inside a quoted string ("longer than
# 16384?"); it counts bytes, so 4,096 emoji are already too many. Stay well under it.
MAX_STRING_BYTES = 12_000
ELLIPSIS = "…"

FONT = "Helvetica,Arial,sans-serif"

# Okabe–Ito colours, and a line style and arrowhead per relation for greyscale.
RELATION_STYLES: dict[str, dict[str, str]] = {
    "support": {"color": "#0072B2", "style": "solid", "arrowhead": "normal"},
    "attack": {"color": "#D55E00", "style": "dashed", "arrowhead": "tee"},
    "undercut": {"color": "#CC79A7", "style": "dotted", "arrowhead": "odot"},
    "contradiction": {
        "color": "#E69F00",
        "style": "bold",
        "dir": "both",
        "arrowhead": "tee",
        "arrowtail": "tee",
        # Symmetric: it should not push one side above the other.
        "constraint": "false",
    },
}
_OTHER_RELATION = {"color": "#555555", "style": "solid", "arrowhead": "normal"}

# Pale tints of Okabe–Ito bluish green, vermillion and yellow, so black text stays legible.
VERDICT_FILLS: dict[Verdict, str] = {
    Verdict.IN: "#CCEBDF",
    Verdict.OUT: "#F7D2BF",
    Verdict.UNDECIDED: "#FAF3B8",
}
FINDINGS_MARK = "⚠"

# What views.text.clean leaves that a label should not carry either: line and paragraph
# separators (shown as spaces), surrogates and the non-characters XML forbids (dropped).
_SEPARATORS = re.compile("[\u2028\u2029]")
_UNENCODABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "&": "&amp;"}
_LINE_BREAK = "\\n"


def _sanitize(line: str) -> str:
    """One line of user text with nothing Graphviz or an SVG reader could trip over."""
    if line.isprintable():
        return line  # no control, format or separator character: nothing to do
    line = clean(line)  # escape sequences, control characters, tabs/newlines → spaces
    line = _SEPARATORS.sub(" ", line)
    return _UNENCODABLE.sub("", line)


def _escape(text: str) -> str:
    # Most text holds none of the three: three `in` scans cost less than three replaces.
    if "\\" not in text and '"' not in text and "&" not in text:
        return text
    # Backslash first, so the backslashes the other escapes add are not doubled.
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")


def quote(
    text: str | Sequence[str],
    limit: int = STRING_LIMIT,
    max_bytes: int = MAX_STRING_BYTES,
) -> str:
    """``text`` as a double-quoted DOT string (an escString), safe for any input.

    ``text`` is one line, or a sequence of lines to join with Graphviz's ``\\n`` line
    break; a newline inside a line is shown as a space, so user text never breaks a line
    the exporter did not mean to break. Control characters and escape sequences are
    removed, bidi controls shown as ``<U+XXXX>``; ``\\``, ``"`` and ``&`` are escaped (so
    ``\\N``, ``\\l`` and ``&amp;`` read literally, and a trailing backslash cannot eat the
    closing quote). The content is cut with ``…`` at ``limit`` characters, and again if
    its escaped form would exceed ``max_bytes`` bytes of UTF-8.

    >>> print(quote('say "hi" C:\\\\'))
    "say \\"hi\\" C:\\\\"
    >>> print(quote(["first", "second"]))
    "first\\nsecond"
    """
    if isinstance(text, str):
        return _quote_sanitized(_sanitize(text), limit, max_bytes)
    return _quote_sanitized("\n".join([_sanitize(line) for line in text]), limit, max_bytes)


def _quote_sanitized(
    text: str, limit: int = STRING_LIMIT, max_bytes: int = MAX_STRING_BYTES
) -> str:
    """:func:`quote` for lines that went through :func:`_sanitize` already (sanitizing
    is idempotent, so this is the same string), joined with newlines: a sanitized line
    holds none of its own."""
    # The newlines do not count towards the limit: only a long text needs them counted.
    if len(text) > limit and len(text) - text.count("\n") > limit:
        kept: list[str] = []
        budget = limit - 1
        for line in text.split("\n"):
            if len(line) >= budget:
                kept.append(line[:budget] + ELLIPSIS)
                break
            kept.append(line)
            budget -= len(line)
        text = "\n".join(kept)
    # Escape all the lines at once, then mark the breaks.
    body = _escape(text).replace("\n", _LINE_BREAK)
    # A character is at most 4 bytes of UTF-8: only a long body needs counting.
    if len(body) * 4 > max_bytes and len(body.encode("utf-8")) > max_bytes:
        body = _cut_to_bytes(text.split("\n"), max_bytes)
    return f'"{body}"'


def _cut_to_bytes(lines: Sequence[str], max_bytes: int) -> str:
    """The escaped lines joined, cut (at whole characters) to fit ``max_bytes`` bytes."""
    budget = max_bytes - len(ELLIPSIS.encode("utf-8"))
    pieces: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        units: Iterable[str] = line if index == 0 else [_LINE_BREAK, *line]
        for unit in units:
            escaped = _ESCAPES.get(unit, unit)
            size = len(escaped.encode("utf-8"))
            if used + size > budget:
                return "".join(pieces) + ELLIPSIS
            pieces.append(escaped)
            used += size
    return "".join(pieces)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def _wrap(text: str, width: int = WRAP) -> str:
    """``text``, sanitized, on lines of at most ``width`` characters joined with newlines:
    what ``"\\n".join(textwrap.wrap(text, width, break_on_hyphens=False))`` makes of it,
    without textwrap's cost for the usual text (printable, words between single spaces)."""
    # A printable text holds nothing to sanitize and no whitespace but spaces.
    if len(text) <= width:
        if text.isprintable() and text[-1:] != " ":
            return text
    elif text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
        wrapped = "\n".join(_line_pattern(width).findall(text))
        # Each line break stands for one space of the text, so the lengths are equal
        # unless the pattern skipped a word longer than a line (textwrap splits it).
        if len(wrapped) == len(text):
            return wrapped
    return "\n".join(textwrap.wrap(_sanitize(text), width=width, break_on_hyphens=False))


@functools.cache
def _line_pattern(width: int) -> re.Pattern[str]:
    """A line of words: as many characters as fit, then the space after them (or the end)."""
    return re.compile(f"(.{{1,{width}}})(?: |$)")


def _label(
    title: str | None,
    text: str | None,
    citation: str | None,
    verdict: Verdict | None,
    finding_count: int,
) -> str:
    """A node's label, sanitized: the header line(s), then the body lines, joined with
    newlines. ``title`` is the node's :attr:`~argmap.model.Node.label`, None if untitled."""
    header = None if title is None else _wrap(_shorten(title, TITLE_LIMIT))
    if verdict is not None:
        symbol = VERDICT_SYMBOLS[verdict]
        header = symbol if header is None else f"{symbol} {header}"  # on its first line
    if finding_count:
        mark = f"{FINDINGS_MARK} {finding_count}"
        if header is None:
            header = mark
        else:
            gap = "  " if title is not None else " "
            header = f"{header}{gap}{mark}"  # at the end of its last line
    body = _wrap(_shorten(text, TEXT_LIMIT)) if text else None
    if citation:
        cited = _wrap(f"— {_shorten(citation, CITATION_LIMIT)}")
        body = cited if body is None else f"{body}\n{cited}"
    if header is None or body is None:
        return header or body or ""
    return f"{header}\n{body}"


@functools.cache
def _description(node_type: str, kind: str, verdict: Verdict | None) -> str:
    """What a node is, for its tooltip: ``(claim, in)``, ``(argument, evidence)``…"""
    parts = ["argument"] if node_type == ARGUMENT else []
    if kind == "evidence" or not parts:
        parts.append(kind)
    if verdict is not None:
        parts.append(verdict.value)
    return f"({', '.join(parts)})"


def _tooltip(title: str | None, description: str, notes: Sequence[str]) -> str:
    """The tooltip, sanitized: what the node is, then its findings, a line each."""
    about = _sanitize(f"{title or 'untitled'} {description}")
    if not notes:  # most nodes: one line, nothing to join
        return about
    lines = [about]
    lines.extend(_sanitize(note) for note in notes[:TOOLTIP_FINDINGS])
    if len(notes) > TOOLTIP_FINDINGS:
        lines.append(f"… and {len(notes) - TOOLTIP_FINDINGS} more")
    return "\n".join(lines)


# What a node's line is made of, in plain values that a helper process can be sent:
# indent, DOT id, look, title (None if untitled), text, citation (evidence only), verdict,
# description (for the tooltip) and notes (the node's findings, a line each).
_NodeFacts = tuple[
    str, str, str, str | None, str | None, str | None, Verdict | None, str, tuple[str, ...]
]


def _node_facts(
    indent: str,
    dot_id: str,
    node: Node,
    thesis: bool,
    verdict: Verdict | None,
    findings: Sequence[Diagnostic],
) -> _NodeFacts:
    node_type, kind = node.type, node.kind
    return (
        indent,
        dot_id,
        _look(node_type, kind, verdict, thesis),
        None if node.untitled else node.label,
        node.plain_text if node.plain_text is not None else node.text,
        node.citation if kind == "evidence" else None,
        verdict,
        _description(node_type, kind, verdict),
        tuple(f"{f.severity.value} {f.code}: {f.message}" for f in findings) if findings else (),
    )


def _node_line(facts: _NodeFacts) -> str:
    """A node's statement: its look, then its label and tooltip, each quoted."""
    indent, dot_id, look, title, text, citation, verdict, description, notes = facts
    label = _quote_sanitized(_label(title, text, citation, verdict, len(notes)))
    tooltip = _quote_sanitized(_tooltip(title, description, notes))
    return f"{indent}{dot_id} [{look}, label={label}, tooltip={tooltip}];\n"


def _edge_line(source: str, target: str, relation: str) -> str:
    return f"  {source} -> {target} {_edge_attributes(relation)};\n"


def _text(line: str | _NodeFacts) -> str:
    """A line of the layout, fixed or a node's, as text."""
    return line if isinstance(line, str) else _node_line(line)


def _write_part(lines: list[str | _NodeFacts]) -> bytes:
    """The text of a part of the nodes' lines, in UTF-8: a helper process's task. Bytes
    cost least to send back, and to hold until they are written."""
    return "".join([_text(line) for line in lines]).encode("utf-8")


def _attributes(pairs: Iterable[tuple[str, str]]) -> str:
    """``[k=v, …]``; every value is either a fixed token of ours or a :func:`quote` result."""
    return "[" + ", ".join(f"{key}={value}" for key, value in pairs) + "]"


@functools.cache
def _look(node_type: str, kind: str, verdict: Verdict | None, thesis: bool) -> str:
    """A node's shape, style and fill (and a double border for a thesis)."""
    if node_type == ARGUMENT:
        shape, style = "hexagon", "filled"
    elif kind == "evidence":
        shape, style = "note", "filled"
    else:
        shape, style = "box", "rounded,filled"
    if verdict is not None:
        fill = VERDICT_FILLS[verdict]
    else:
        fill = "#F2F2F2" if kind == "evidence" else "#FFFFFF"
    emphasis = ", peripheries=2, penwidth=1.5" if thesis else ""
    return f'shape={shape}, style="{style}", fillcolor="{fill}"{emphasis}'


@functools.cache
def _edge_attributes(relation: str) -> str:
    style = RELATION_STYLES.get(relation, _OTHER_RELATION)
    return _attributes((key, f'"{value}"') for key, value in style.items())


def export(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
    helper: Helper | None = None,
) -> str:
    """The map as DOT source (see the module docstring); deterministic, in brief order.
    With a :class:`~argmap.parallel.Helper` (and a map of at least :data:`SHARED` nodes),
    a second process writes part of it: the text is the same."""
    return "".join(_lines(amap, evaluation, findings, helper))


def export_pieces(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
    helper: Helper | None = None,
) -> Iterator[str]:
    """:func:`export` a piece at a time, so that the whole text is never held."""
    return _lines(amap, evaluation, findings, helper)


def _lines(
    amap: ArgumentMap,
    evaluation: Evaluation | None,
    findings: Sequence[Diagnostic],
    helper: Helper | None,
) -> Iterator[str]:
    """The pieces of the DOT source, each one or more lines with their line breaks."""
    nodes = amap.nodes
    dot_ids = {node.id: f"n{index}" for index, node in enumerate(nodes, 1)}
    theses = {node.id for node in amap.theses}
    by_node: dict[str, list[Diagnostic]] = {}
    for finding in findings:
        if finding.node is not None and finding.node in dot_ids:
            by_node.setdefault(finding.node, []).append(finding)
    verdicts = evaluation.verdicts if evaluation is not None else {}

    def facts(item: str | tuple[str, Node]) -> str | _NodeFacts:
        if isinstance(item, str):
            return item
        indent, node = item
        node_id = node.id
        return _node_facts(
            indent,
            dot_ids[node_id],
            node,
            node_id in theses,
            verdicts.get(node_id),
            by_node.get(node_id, ()),
        )

    yield "digraph argmap {\n"
    yield (
        f'  graph [rankdir=BT, newrank=true, charset="UTF-8", fontname="{FONT}", '
        "fontsize=16, labelloc=t, nodesep=0.3, ranksep=0.45];\n"
    )
    yield f'  node [fontname="{FONT}", fontsize=11, margin="0.15,0.08"];\n'
    yield f'  edge [fontname="{FONT}", penwidth=1.4];\n'
    if amap.title:
        yield f"  label={_quote_sanitized(_wrap(_shorten(amap.title, TITLE_LIMIT), 80))};\n"

    layout = _layout(amap)
    split = len(layout)
    shared = False
    if helper is not None and len(nodes) >= SHARED:
        split = _helper_split(layout, round(len(nodes) * HELPER_SHARE))
        part = [facts(item) for item in layout[split:]]
        shared = helper.submit(_write_part, part)
        del part  # sent: not to be held while this process writes its own part
    for item in layout[:split] if shared else layout:
        yield _text(facts(item))
    written = 0  # lines of the helper's part, each one item of it
    if shared and helper is not None:
        for text in _whole_lines(helper.output()):
            written += text.count("\n")
            yield text
        # Whatever the helper did not write is written here.
        for item in layout[split + written :]:
            yield _text(facts(item))
    for edge in amap.edges:
        yield _edge_line(dot_ids[edge.source], dot_ids[edge.target], edge.relation)
    yield "}\n"


def _whole_lines(pieces: Iterable[bytes]) -> Iterator[str]:
    """UTF-8 ``pieces`` decoded, as text of whole lines: whatever follows the last line
    break (the part of a line that a failed helper left unfinished) is dropped."""
    left = b""
    for piece in pieces:
        data = left + piece if left else piece
        end = data.rfind(b"\n") + 1
        left = data[end:]
        if end:
            yield data[:end].decode("utf-8")


def _helper_split(layout: list[str | tuple[str, Node]], shared: int) -> int:
    """Where the helper's part of the layout starts: it writes the last ``shared`` nodes
    (and the cluster lines among them)."""
    split = len(layout)
    while shared > 0 and split > 0:
        split -= 1
        if not isinstance(layout[split], str):
            shared -= 1
    return split


def _layout(amap: ArgumentMap) -> list[str | tuple[str, Node]]:
    """The lines of the nodes' part of the DOT source, one item each: sections as nested
    clusters, only those that hold a node, directly or below. A node's line is
    ``(indent, node)``."""
    sections = {section.id: section for section in amap.sections}
    cluster_names = {sid: f"cluster_{index}" for index, sid in enumerate(sections, 1)}
    parents = amap.section_parents()
    members: dict[str | None, list[Node]] = {}
    occupied: set[str] = set()
    for node in amap.nodes:
        home = node.section if node.section in sections else None
        members.setdefault(home, []).append(node)
        current = home
        while current is not None and current not in occupied:
            occupied.add(current)
            current = parents[current]
    children: dict[str | None, list[str]] = {}
    for sid in sections:
        if sid in occupied:
            children.setdefault(parents[sid], []).append(sid)

    layout: list[str | tuple[str, Node]] = [("  ", node) for node in members.get(None, [])]
    # An explicit stack, not recursion: (section, depth, opening?).
    stack: list[tuple[str, int, bool]] = [
        (sid, 1, True) for sid in reversed(children.get(None, []))
    ]
    while stack:
        sid, depth, opening = stack.pop()
        pad = "  " * depth
        if not opening:
            layout.append(f"{pad}}}\n")
            continue
        inner = "  " * (depth + 1)
        title = _quote_sanitized(_wrap(_shorten(sections[sid].title, TITLE_LIMIT), 60))
        layout.append(f"{pad}subgraph {cluster_names[sid]} {{\n")
        layout.append(
            f'{inner}graph [label={title}, style="rounded", color="#999999", '
            # labelloc=b is the top of the cluster under rankdir=BT.
            "fontsize=13, labeljust=l, labelloc=b];\n"
        )
        layout.extend((inner, node) for node in members.get(sid, []))
        stack.append((sid, depth, False))
        stack.extend((child, depth + 1, True) for child in reversed(children.get(sid, [])))
    return layout
