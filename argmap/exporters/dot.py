"""The DOT export: Graphviz source for the map (``dot -Tsvg brief.dot``).

The thesis is at the top (``rankdir=BT``: support points up). Shapes tell the kinds apart
(claim: rounded box; evidence: note; argument: hexagon), and each relation has a line
style and an arrowhead as well as a colour from the Okabe–Ito palette, so the picture
survives greyscale printing and colour blindness:

- support: solid blue (#0072B2), normal arrowhead;
- attack: dashed vermillion (#D55E00), ``tee`` arrowhead;
- undercut: dotted reddish purple (#CC79A7), ``odot`` arrowhead;
- contradiction: bold orange (#E69F00), ``tee`` at both ends (``dir=both``);
- in strict mode (front matter ``model: {mode: strict}``), entails: solid blue, hollow
  ``empty`` arrowhead; contrary: dashed vermillion, ``tee`` at both ends.

A reconstructed argument (one with a premise–conclusion structure) is drawn as its
inferences, as Argdown's map draws it: the premises of an inference meet, as lines
without arrowheads, at one inference node, from which one arrow leads to its conclusion.
The argument's hexagon is the inference to its main conclusion; each earlier inference
(to an intermediary conclusion) is a small node of its own, a circle, or a small box
naming the inference rules (``-- rule --`` ends the hexagon's label for the last
inference). An undercut of an inference points at that inference's node. A premise or
intermediary conclusion that belongs to one argument only, in the argument's section, is
drawn with it in a dashed ``subgraph cluster_nN`` (``nN`` the argument's id).

With an evaluation each node's fill shows its verdict and its label starts with a
symbol (✓ in, ✗ out, ? undecided), inferences included; with findings the label ends its
first line with ``⚠ N``. Sections become nested ``subgraph cluster_N`` blocks.

Safety: node ids are generated (``n1``, ``n2``, … in the brief's order; ``n1s2`` for the
inference of argument ``n1`` to the member at index 2 of its structure) and user text
only ever appears inside quoted ``label`` and ``tooltip`` strings, written by one escaper,
:func:`quote`. It strips control characters, escapes backslashes, double quotes and ``&``
(Graphviz decodes entities in labels), makes line breaks only where the exporter asks for
them, and caps the string far below the 16,384-byte limit of Graphviz's lexer. No text
can end a string, add an attribute, create a node, or point Graphviz at a file, and
Graphviz's own escapes (``\\N`` for the node's name, ``\\G``, ``\\L``…) read literally in
labels and tooltips alike.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from argmap.diagnostics import Diagnostic
from argmap.evaluate import VERDICT_SYMBOLS, Evaluation, Verdict
from argmap.model import ArgumentMap, Node
from argmap.sides import CON, PRO, side_flags
from argmap.syntax.parser import ARGUMENT, MAIN_CONCLUSION
from argmap.views.text import clean

__all__ = [
    "BINARY",
    "EXPORTS",
    "MAX_STRING_BYTES",
    "NAME",
    "PAGES",
    "PCS_STYLES",
    "RELATION_STYLES",
    "SIDE_FILLS",
    "SIDE_KEYS",
    "SIDE_NAMES",
    "SUFFIX",
    "TEXT_LIMIT",
    "VERDICT_BORDERS",
    "VERDICT_SYMBOLS",
    "WRAP",
    "Page",
    "export",
    "export_pieces",
    "quote",
]

# What this module exports (read by argmap.exporters.formats()): --format name → file
# suffixes, the usual first.
EXPORTS = {"dot": (".dot", ".gv")}
BINARY = False
NAME = next(iter(EXPORTS))
SUFFIX = EXPORTS[NAME][0]

WRAP = 40  # characters per label line
TEXT_LIMIT = 4000  # characters of a node's text in its label
TITLE_LIMIT = 300
CITATION_LIMIT = 400
TOOLTIP_FINDINGS = 10  # findings listed in a node's tooltip
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
    "entails": {"color": "#0072B2", "style": "solid", "arrowhead": "empty"},
    "contrary": {
        "color": "#D55E00",
        "style": "dashed",
        "dir": "both",
        "arrowhead": "tee",
        "arrowtail": "tee",
        "constraint": "false",
    },
}
_OTHER_RELATION = {"color": "#555555", "style": "solid", "arrowhead": "normal"}
# The lines of a premise–conclusion structure, in support's colour (an inference
# supports its conclusion): a premise's line ends at the inference without an arrowhead,
# so that the premises of one inference visibly meet there, and the inference's arrow
# leads to the conclusion.
PCS_STYLES: dict[str, dict[str, str]] = {
    "premise": {"color": "#0072B2", "style": "solid", "arrowhead": "none"},
    "conclusion": {"color": "#0072B2", "style": "solid", "arrowhead": "normal"},
}

# A node's fill is its side: the thesis's side pale blue, the opponent's light orange (the
# two ends of ColorBrewer's diverging schemes, told apart by every kind of colour
# blindness), of different lightness so that greyscale keeps them apart too (grey 232 and
# 184 in print); a node reached on both sides shades from one to the other, and a node no
# thesis reaches stays white. Black text keeps a contrast above 10:1 on each.
BOTH_SIDES = "both"
SIDE_FILLS: dict[str, str] = {PRO: "#DCEAF7", CON: "#F4A862", BOTH_SIDES: "#DCEAF7:#F4A862"}
NO_SIDE_FILL = "#FFFFFF"
SIDE_NAMES = {PRO: "thesis side", CON: "opponent side", BOTH_SIDES: "both sides"}
SIDE_KEYS = {frozenset({PRO}): PRO, frozenset({CON}): CON, frozenset({PRO, CON}): BOTH_SIDES}
# The same, by whether a node is on the pro side and whether on the con side.
_FLAG_SIDES = {(True, False): PRO, (False, True): CON, (True, True): BOTH_SIDES}
# A verdict is a symbol at the start of the label and the line of the node's border, so
# that it reads in greyscale and leaves the fill to the side.
VERDICT_BORDERS: dict[Verdict, str] = {
    Verdict.IN: "solid",
    Verdict.OUT: "dashed",
    Verdict.UNDECIDED: "dotted",
}
FINDINGS_MARK = "⚠"
BADGE_RULES = 3  # rule names on a node's findings badge; more are counted

# What views.text.clean leaves that a label should not carry either: line and paragraph
# separators (shown as spaces), surrogates and the non-characters XML forbids (dropped).
_SEPARATORS = re.compile("[\u2028\u2029]")
_UNENCODABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
# Graphviz reads a label's ``\\`` as one backslash. A tooltip is unescaped twice (once
# for its line breaks, once for ``\N``, ``\G``, ``\L``, ``\E``, ``\T`` and ``\H``, which it
# replaces with names and labels), so one backslash of the text takes four there.
_LABEL_ESCAPES = {"\\": "\\\\", '"': '\\"', "&": "&amp;"}
_TOOLTIP_ESCAPES = {**_LABEL_ESCAPES, "\\": "\\\\\\\\"}
_LINE_BREAK = "\\n"


def _sanitize(line: str) -> str:
    """One line of user text with nothing Graphviz or an SVG reader could trip over."""
    # Most lines are printable: nothing to remove. Skipping the three searches saves
    # 0.2 of the 3.1 s of CPU that writing a 100,000-statement map's DOT took here.
    if line.isprintable():
        return line
    line = clean(line)  # escape sequences, control characters, tabs/newlines → spaces
    line = _SEPARATORS.sub(" ", line)
    return _UNENCODABLE.sub("", line)


def _escape(text: str, escapes: dict[str, str]) -> str:
    # Most text holds none of the three: three `in` scans cost less than three replaces.
    # With one string of one line joined as itself (in _quote_sanitized), 0.09 of the
    # 2.4 s of CPU that writing a 100,000-statement map's DOT took here.
    if "\\" not in text and '"' not in text and "&" not in text:
        return text
    # Backslash first, so the backslashes the other escapes add are not doubled.
    return text.replace("\\", escapes["\\"]).replace('"', escapes['"']).replace("&", escapes["&"])


def quote(
    text: str | Sequence[str],
    limit: int = STRING_LIMIT,
    max_bytes: int = MAX_STRING_BYTES,
    *,
    tooltip: bool = False,
) -> str:
    """``text`` as a double-quoted DOT string (an escString), safe for any input.

    ``text`` is one line, or a sequence of lines to join with Graphviz's ``\\n`` line
    break; a newline inside a line is shown as a space, so user text never breaks a line
    the exporter did not mean to break. Control characters and escape sequences are
    removed, bidi controls shown as ``<U+XXXX>``; ``\\``, ``"`` and ``&`` are escaped (so
    ``\\N``, ``\\l`` and ``&amp;`` read literally, and a trailing backslash cannot eat the
    closing quote). With ``tooltip`` the string is escaped for a ``tooltip`` attribute,
    which Graphviz unescapes once more than a label. The content is cut with ``…`` at
    ``limit`` characters, and again if its escaped form would exceed ``max_bytes`` bytes
    of UTF-8.

    >>> print(quote('say "hi" C:\\\\'))
    "say \\"hi\\" C:\\\\"
    >>> print(quote(["first", "second"]))
    "first\\nsecond"
    """
    lines = [text] if isinstance(text, str) else text
    return _quote_sanitized([_sanitize(line) for line in lines], limit, max_bytes, tooltip)


def _quote_sanitized(
    lines: Sequence[str],
    limit: int = STRING_LIMIT,
    max_bytes: int = MAX_STRING_BYTES,
    tooltip: bool = False,
) -> str:
    """:func:`quote` for lines that went through :func:`_sanitize` already."""
    # A sanitized line holds no newline of its own. Most strings are one line.
    text = lines[0] if len(lines) == 1 else "\n".join(lines)
    # The line breaks do not count towards the limit: only a long text needs them counted.
    if len(text) > limit and len(text) - text.count("\n") > limit:
        kept: list[str] = []
        budget = limit - 1
        for line in lines:
            if len(line) >= budget:
                kept.append(line[:budget] + ELLIPSIS)
                break
            kept.append(line)
            budget -= len(line)
        lines = kept
        text = "\n".join(lines)
    escapes = _TOOLTIP_ESCAPES if tooltip else _LABEL_ESCAPES
    # Escape all the lines at once, then mark the breaks.
    body = _escape(text, escapes).replace("\n", _LINE_BREAK)
    # A character is at most 4 bytes of UTF-8: only a long body needs encoding to count
    # them (0.15 of the 3.1 s of a 100,000-statement map).
    if len(body) * 4 > max_bytes and len(body.encode("utf-8")) > max_bytes:
        body = _cut_to_bytes(lines, max_bytes, escapes)
    return f'"{body}"'


def _cut_to_bytes(lines: Sequence[str], max_bytes: int, escapes: dict[str, str]) -> str:
    """The escaped lines joined, cut (at whole characters) to fit ``max_bytes`` bytes."""
    budget = max_bytes - len(ELLIPSIS.encode("utf-8"))
    pieces: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        units: Iterable[str] = line if index == 0 else [_LINE_BREAK, *line]
        for unit in units:
            escaped = escapes.get(unit, unit)
            size = len(escaped.encode("utf-8"))
            if used + size > budget:
                return "".join(pieces) + ELLIPSIS
            pieces.append(escaped)
            used += size
    return "".join(pieces)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def _wrap(text: str, width: int = WRAP) -> list[str]:
    """``text``, sanitized, on lines of at most ``width`` characters: what
    ``textwrap.wrap(text, width, break_on_hyphens=False)`` makes of it.

    The usual text (printable, words between single spaces) is cut at the last space that
    leaves a line within ``width``, or kept whole if it fits. Writing a 100,000-statement
    map's DOT took 11.4 s of CPU here with textwrap for every text; cutting the usual text
    here takes 3.6 µs for a statement's text where textwrap takes 41."""
    if len(text) <= width and text.isprintable() and text[:1] != " " and text[-1:] != " ":
        return [text] if text else []  # fits on one line
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        lines = []
        start, end = 0, len(text)
        while end - start > width:
            cut = text.rfind(" ", start, start + width + 1)
            if cut <= start:
                break  # a word longer than a line: textwrap splits it
            lines.append(text[start:cut])
            start = cut + 1
        else:
            lines.append(text[start:])
            return lines
    return textwrap.wrap(_sanitize(text), width=width, break_on_hyphens=False)


def _label(
    title: str | None,
    text: str | None,
    citation: str | None,
    verdict: Verdict | None,
    findings: Sequence[Diagnostic],
    rules: str = "",
    width: int = WRAP,
) -> list[str]:
    """A node's label, sanitized: the header line(s), the body lines, then the findings
    badge. ``title`` is the node's :attr:`~argmap.model.Node.label`, None if untitled;
    ``rules`` are those of a reconstructed argument's last inference, written as in its
    structure; ``width`` is the length of a line."""
    header = [] if title is None else _wrap(_shorten(title, TITLE_LIMIT), width)
    body = _wrap(_shorten(text, TEXT_LIMIT), width) if text else []
    if citation:
        body += _wrap(f"— {_shorten(citation, CITATION_LIMIT)}", width)
    if rules:
        body += _wrap(f"-- {_shorten(rules, TITLE_LIMIT)} --", width)
    lines = header + body
    if verdict is not None:
        symbol = VERDICT_SYMBOLS[verdict]
        lines[:1] = [f"{symbol} {lines[0]}" if lines else symbol]  # on its first line
    if findings:
        lines.append(_badge(findings))
    return lines


def _badge(findings: Sequence[Diagnostic]) -> str:
    """The last line of a node with findings: ``⚠`` and the names of their rules (rule
    names are fixed kebab-case words: nothing to sanitize), so that a printed picture,
    which has no tooltips, still says what is wrong."""
    names = list(dict.fromkeys(finding.rule for finding in findings))
    shown = ", ".join(names[:BADGE_RULES])
    more = f" +{len(names) - BADGE_RULES}" if len(names) > BADGE_RULES else ""
    return f"{FINDINGS_MARK} {shown}{more}"


# _description and _look take a few distinct values: remembering them saves 0.15 of the
# 3.1 s of CPU of a 100,000-statement map's DOT.
@functools.cache
def _description(node_type: str, kind: str, verdict: Verdict | None) -> str:
    """What a node is, for its tooltip: ``(claim, in)``, ``(argument, evidence)``…"""
    parts = ["argument"] if node_type == ARGUMENT else []
    if kind == "evidence" or not parts:
        parts.append(kind)
    if verdict is not None:
        parts.append(verdict.value)
    return f"({', '.join(parts)})"


def _tooltip(title: str | None, description: str, notes: Sequence[str]) -> list[str]:
    """The tooltip, sanitized: what the node is, then its findings, a line each."""
    lines = [_sanitize(f"{title or 'untitled'} {description}")]
    lines.extend(_sanitize(note) for note in notes[:TOOLTIP_FINDINGS])
    if len(notes) > TOOLTIP_FINDINGS:
        lines.append(f"… and {len(notes) - TOOLTIP_FINDINGS} more")
    return lines


@functools.cache
def _look(
    node_type: str, kind: str, verdict: Verdict | None, thesis: bool, side: str | None
) -> str:
    """A node's shape, border and fill (and a double border for a thesis)."""
    if node_type == ARGUMENT:
        shape, style = "hexagon", "filled"
    elif kind == "evidence":
        shape, style = "note", "filled"
    else:
        shape, style = "box", "rounded,filled"
    if verdict is not None and verdict is not Verdict.IN:
        style += f",{VERDICT_BORDERS[verdict]}"
    fill = SIDE_FILLS[side] if side is not None else NO_SIDE_FILL
    emphasis = ", peripheries=2, penwidth=1.5" if thesis else ""
    return f'shape={shape}, style="{style}", fillcolor="{fill}"{emphasis}'


def _node_line(
    indent: str,
    dot_id: str,
    node: Node,
    thesis: bool,
    verdict: Verdict | None,
    findings: Sequence[Diagnostic],
    side: str | None,
    width: int = WRAP,
) -> str:
    """A node's statement: its look, then its label and tooltip, each quoted."""
    title = None if node.untitled else node.label
    text = node.plain_text if node.plain_text is not None else node.text
    citation = node.citation if node.kind == "evidence" else None
    notes = [f"{f.severity.value} {f.code}: {f.message}" for f in findings]
    rules = _rules(node, node.steps[-1]) if node.pcs else ""
    label = _quote_sanitized(_label(title, text, citation, verdict, findings, rules, width))
    description = _description(node.type, node.kind, verdict)
    tooltip = _quote_sanitized(_tooltip(title, description, notes), tooltip=True)
    look = _look(node.type, node.kind, verdict, thesis, side)
    return f"{indent}{dot_id} [{look}, label={label}, tooltip={tooltip}];\n"


@dataclass(frozen=True, slots=True)
class _Step:
    """The inference of ``argument`` to the member at ``index`` of its structure: a node
    of its own for every inference but the last, which the argument's hexagon stands for."""

    argument: Node
    index: int


def _rules(argument: Node, index: int) -> str:
    """The rules of the inference to ``argument.pcs[index]``, joined with commas."""
    inference = argument.pcs[index].inference
    return ", ".join(inference.rules) if inference is not None else ""


def _inference_id(dot_id: str, argument: Node, index: int) -> str:
    """The DOT id of the inference to ``argument.pcs[index]`` (``dot_id`` the argument's):
    the argument itself for its last inference (or a step it does not have)."""
    return f"{dot_id}s{index}" if argument.is_inner_step(index) else dot_id


def _step_line(indent: str, dot_id: str, step: _Step, verdict: Verdict | None) -> str:
    """An earlier inference's statement: a small circle, or a small box naming its rules,
    marked by its verdict (symbol and border); its tooltip says which inference it is."""
    argument, index = step.argument, step.index
    rules = _rules(argument, index)
    border = f",{VERDICT_BORDERS[verdict]}" if verdict not in (None, Verdict.IN) else ""
    symbol = VERDICT_SYMBOLS[verdict] if verdict is not None else ""
    name = "an untitled argument" if argument.untitled else argument.label
    about = f"inference to ({argument.pcs[index].number}) of {name}"
    if verdict is not None:
        about += f" ({verdict.value})"
    tooltip = quote([about, f"-- {rules} --"] if rules else [about], tooltip=True)
    if rules:
        lines = _wrap(_shorten(rules, TITLE_LIMIT), 24) or [""]
        if symbol:
            lines[0] = f"{symbol} {lines[0]}"
        look = (
            f'shape=box, style="rounded,filled{border}", fillcolor="{NO_SIDE_FILL}", fontsize=9, '
            'margin="0.06,0.03"'
        )
        label = _quote_sanitized(lines)
    else:
        look = (
            f'shape=circle, style="filled{border}", fillcolor="{NO_SIDE_FILL}", fixedsize=true, '
            "width=0.25, fontsize=9"
        )
        label = f'"{symbol}"'
    return f"{indent}{dot_id} [{look}, label={label}, tooltip={tooltip}];\n"


def _structure_edges(argument: Node, dot_ids: dict[str, str]) -> Iterator[str]:
    """The lines of a reconstructed argument's structure: each inference's premises to
    its node, and its node to its conclusion (members the map leaves out, left out)."""
    dot_id = dot_ids[argument.id]
    steps = argument.steps
    for index in steps:
        inference = dot_id if index == steps[-1] else f"{dot_id}s{index}"
        for premise in argument.premises_of(index):
            if premise in dot_ids:
                yield f"  {dot_ids[premise]} -> {inference} {_PCS_ATTRIBUTES['premise']};\n"
        conclusion = argument.pcs[index].statement
        if conclusion in dot_ids:
            yield f"  {inference} -> {dot_ids[conclusion]} {_PCS_ATTRIBUTES['conclusion']};\n"


def _attributes(style: dict[str, str]) -> str:
    """``[k="v", …]``: a line's colour, style and arrowheads."""
    return "[" + ", ".join(f'{key}="{value}"' for key, value in style.items()) + "]"


def _edge_attributes(relation: str) -> str:
    """``[k="v", …]``: the relation's colour, line style and arrowheads."""
    return _attributes(RELATION_STYLES.get(relation, _OTHER_RELATION))


_EDGE_ATTRIBUTES = {relation: _edge_attributes(relation) for relation in RELATION_STYLES}
_PCS_ATTRIBUTES = {line: _attributes(style) for line, style in PCS_STYLES.items()}


# -- pages -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """A sheet to lay a picture out for (``--page``): its name, its size in inches, and
    the direction of the levels of the map on it (``BT``, the thesis on top, unless
    ``RL``, the thesis on the left: see :func:`argmap.exporters.graphviz.fitted`)."""

    name: str
    width: float
    height: float
    rankdir: str = "BT"

    def attributes(self) -> str:
        """The graph attributes that fit a drawing on this page: scaled down to fit within
        the margins (``size``; Graphviz never scales up), packed tighter first
        (``ratio=compress``)."""
        # Graphviz adds its 4-point pad to both sides of the drawing, besides the margin.
        slack = 2 * PAGE_MARGIN + 2 * 4 / 72 + 0.02
        width, height = self.width - slack, self.height - slack
        return (
            f'size="{width:.2f},{height:.2f}", ratio=compress, margin="{PAGE_MARGIN}", '
            f"rankdir={self.rankdir}"
        )


PAGES: dict[str, Page] = {
    page.name: page
    for page in (
        Page("letter", 8.5, 11.0),
        Page("a4", 8.27, 11.69),
        Page("slide", 13.333, 7.5),  # a 16:9 presentation slide
    )
}
PAGE_MARGIN = 0.4  # inches of paper around a drawing laid out for a page
# Characters per label line on a page: narrower nodes leave more levels room across it.
PAGE_WRAP = 22


# -- the legend ------------------------------------------------------------------------------

# What a legend row says about each relation: its name and the arrowhead, drawn as a glyph.
_RELATION_LEGEND = {
    "support": ("supports", "▶"),
    "attack": ("attacks", "┤"),
    "undercut": ("undercuts an inference", "⊙"),
    "contradiction": ("contradicts (both ways)", "┤"),
    "entails": ("entails", "▷"),
    "contrary": ("contrary (both ways)", "┤"),
}
# A table cell drawn as a line: its bottom border, in a relation's colour and style.
_CELL = (
    'BORDER="{border}" SIDES="B" STYLE="{style}" COLOR="{color}" '
    'WIDTH="34" HEIGHT="10" FIXEDSIZE="TRUE"'
)


@dataclass(slots=True)
class _Seen:
    """What a picture holds, for its legend to explain (and nothing else)."""

    relations: set[str]
    shapes: set[str]
    sides: set[str | None]
    verdicts: set[Verdict]
    findings: bool = False
    structures: bool = False
    theses: bool = False


def _row(swatch: str, text: str, swatch_attributes: str = "") -> str:
    attributes = f" {swatch_attributes}" if swatch_attributes else ""
    return f'<TR><TD{attributes}>{swatch}</TD><TD ALIGN="LEFT">{text}</TD></TR>'


def _relation_rows(seen: _Seen) -> list[str]:
    rows = []
    for relation, (text, head) in _RELATION_LEGEND.items():
        if relation not in seen.relations:
            continue
        style = RELATION_STYLES[relation]
        line = _CELL.format(
            border=3 if style["style"] == "bold" else 2,
            style=style["style"] if style["style"] in ("dashed", "dotted") else "solid",
            color=style["color"],
        )
        glyph = f'<FONT COLOR="{style["color"]}">{head}</FONT>'
        rows.append(f'<TR><TD {line}></TD><TD>{glyph}</TD><TD ALIGN="LEFT">{text}</TD></TR>')
    if seen.structures:
        line = _CELL.format(border=2, style="solid", color=PCS_STYLES["premise"]["color"])
        text = "premises meet at an inference"
        rows.append(f'<TR><TD {line}></TD><TD>○</TD><TD ALIGN="LEFT">{text}</TD></TR>')
    return rows


def _key_rows(seen: _Seen) -> list[str]:
    """Sides, verdicts and findings: what a node's fill, border and last line mean."""
    rows = []
    for side in (PRO, CON, BOTH_SIDES):
        if side in seen.sides:
            fill = f'BORDER="1" BGCOLOR="{SIDE_FILLS[side]}" STYLE="rounded"'
            rows.append(_row(" ", SIDE_NAMES[side], fill))
    if None in seen.sides and len(seen.sides) > 1:
        rows.append(_row(" ", "reaches no thesis", f'BORDER="1" BGCOLOR="{NO_SIDE_FILL}"'))
    for verdict in (Verdict.IN, Verdict.OUT, Verdict.UNDECIDED):
        if verdict in seen.verdicts:
            border = f'BORDER="1" STYLE="{VERDICT_BORDERS[verdict]}"'
            rows.append(_row(VERDICT_SYMBOLS[verdict], verdict.value, border))
    if seen.findings:
        rows.append(_row(FINDINGS_MARK, "findings: the rules' names"))
    return rows


def _shape_rows(seen: _Seen) -> list[str]:
    shapes = [
        ("claim", "rounded box", "claim"),
        ("evidence", "note", "evidence"),
        ("argument", "hexagon", "argument"),
    ]
    rows = [_row(f"<I>{shape}</I>", text) for kind, shape, text in shapes if kind in seen.shapes]
    if seen.theses:
        rows.append(_row("<I>double border</I>", "thesis"))
    return rows


def _legend(seen: _Seen, wide: bool, fontsize: int = 9) -> str:
    """The legend: one node whose label is a table of what the picture's lines, fills,
    borders and shapes mean, in groups side by side (``wide``) or one above the other.
    It says only what the picture holds. All of its text is written here: no user text."""
    groups = [rows for rows in (_relation_rows(seen), _key_rows(seen), _shape_rows(seen)) if rows]
    tables = [
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">{"".join(rows)}</TABLE>'
        for rows in groups
    ]
    if wide:
        body = "<TR>" + "".join(f'<TD VALIGN="TOP">{table}</TD>' for table in tables) + "</TR>"
    else:
        body = "".join(f"<TR><TD>{table}</TD></TR>" for table in tables)
    span = len(tables) if wide else 1
    title = f'<TR><TD ALIGN="LEFT" COLSPAN="{span}"><B>Legend</B></TD></TR>'
    return (
        f'  legend [shape=plain, fontname="{FONT}", fontsize={fontsize}, tooltip="Legend", label=<'
        '<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" COLOR="#999999" '
        f'STYLE="rounded">{title}{body}</TABLE>>];\n'
    )


def export(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
    *,
    page: Page | None = None,
) -> str:
    """The map as DOT source (see the module docstring); deterministic, in brief order.
    With ``page`` (one of :data:`PAGES`), laid out to fit that page."""
    return "".join(export_pieces(amap, evaluation, findings, page=page))


def export_pieces(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
    *,
    page: Page | None = None,
) -> Iterator[str]:
    """:func:`export` a line at a time, so that the whole text is never held."""
    dot_ids = {node.id: f"n{index}" for index, node in enumerate(amap.nodes, 1)}
    # Only the map's theses get the double border: a --focus node is not one of them.
    theses = {node.id for node in amap.theses}
    by_node: dict[str, list[Diagnostic]] = {}
    for finding in findings:
        if finding.node is not None and finding.node in dot_ids:
            by_node.setdefault(finding.node, []).append(finding)
    verdicts = evaluation.verdicts if evaluation is not None else {}
    # The verdicts of inferences, by (argument id, index in its structure).
    step_verdicts = evaluation.steps if evaluation is not None else {}

    # Sides come from the whole brief: a part of it (--focus, a page) keeps each node's.
    whole = amap.whole or amap
    pro, con = side_flags(whole)
    # None for a node no thesis reaches. Built by map() and zip() rather than a loop of
    # ours: 30 ms instead of 50 for a 100,000-statement map.
    flags = map(_FLAG_SIDES.get, zip(pro, con, strict=True))
    node_sides = dict(zip(whole.adjacency.ids, flags, strict=True))
    nodes = amap.nodes
    # What the legend explains, gathered by comprehensions rather than in the loops below:
    # 0.1 s less of the 3 s of CPU that a 100,000-statement map's DOT takes.
    seen = _Seen(
        relations={edge.relation for edge in amap.edges},
        shapes={"argument" if node.type == ARGUMENT else node.kind for node in nodes},
        sides=set(node_sides.values()) if whole is amap else {node_sides[n.id] for n in nodes},
        verdicts=set(verdicts.values()),
        findings=bool(by_node),
        structures=any(node.pcs for node in nodes),
        theses=bool(theses),
    )
    width = PAGE_WRAP if page is not None else WRAP
    across = page is None or page.rankdir == "BT"  # levels one above the other
    # Under rankdir=BT the top of a cluster is its "bottom"; under RL it is "t".
    top = "b" if across else "t"

    yield "digraph argmap {\n"
    layout = f"{page.attributes()}, " if page is not None else "rankdir=BT, "
    yield (
        f'  graph [{layout}newrank=true, charset="UTF-8", fontname="{FONT}", '
        "fontsize=16, labelloc=t, nodesep=0.3, ranksep=0.45];\n"
    )
    yield f'  node [fontname="{FONT}", fontsize=11, margin="0.15,0.08"];\n'
    yield f'  edge [fontname="{FONT}", penwidth=1.4];\n'
    if amap.title:
        title = _wrap(_shorten(amap.title, TITLE_LIMIT), 80 if page is None else 50)
        yield f"  label={_quote_sanitized(title)};\n"  # a page's title fits across the page
    for item in _layout(amap, dot_ids, top):
        if isinstance(item, str):
            yield item
            continue
        indent, node = item
        if isinstance(node, _Step):
            step_id = f"{dot_ids[node.argument.id]}s{node.index}"
            verdict = step_verdicts.get((node.argument.id, node.index))
            yield _step_line(indent, step_id, node, verdict)
            continue
        yield _node_line(
            indent,
            dot_ids[node.id],
            node,
            node.id in theses,
            verdicts.get(node.id),
            by_node.get(node.id, ()),
            node_sides[node.id],
            width,
        )
    for argument in amap.nodes:
        if argument.pcs:
            yield from _structure_edges(argument, dot_ids)
    for edge in amap.edges:
        source, target = dot_ids[edge.source], dot_ids[edge.target]
        if edge.step is not None:  # an undercut of one inference
            target = _inference_id(target, amap.node(edge.target), edge.step)
        attributes = _EDGE_ATTRIBUTES.get(edge.relation) or _edge_attributes(edge.relation)
        yield f"  {source} -> {target} {attributes};\n"
    if amap.nodes:
        # On a portrait page the width runs out first: groups one above the other.
        wide = page is None or page.width > page.height
        yield _legend(seen, wide=wide, fontsize=9 if page is None else 10)
    yield "}\n"


_Item = str | tuple[str, Node | _Step]


def _layout(amap: ArgumentMap, dot_ids: dict[str, str], top: str = "b") -> list[_Item]:
    """The lines of the nodes' part of the DOT source, one item each: sections as nested
    clusters, only those that hold a node, directly or below. A node's line is
    ``(indent, node)``, an earlier inference's ``(indent, step)``; a reconstructed
    argument's are in a cluster of its own with the members drawn with it
    (:func:`_grouped`)."""
    sections = {section.id: section for section in amap.sections}
    cluster_names = {sid: f"cluster_{index}" for index, sid in enumerate(sections, 1)}
    parents = amap.section_parents()
    grouped = _grouped(amap, sections)
    inside = {member.id for members in grouped.values() for member in members}
    members: dict[str | None, list[Node]] = {}
    occupied: set[str] = set()
    for node in amap.nodes:
        if node.id in inside:
            continue  # drawn with its argument
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

    layout: list[_Item] = []

    def place(indent: str, nodes: list[Node]) -> None:
        for node in nodes:
            if not node.pcs:
                layout.append((indent, node))
                continue
            drawn_with = grouped.get(node.id, [])
            inner = f"{indent}  " if drawn_with else indent
            if drawn_with:
                layout.append(f"{indent}subgraph cluster_{dot_ids[node.id]} {{\n")
                # label="": a cluster inherits the label of the graph or section around it.
                layout.append(
                    f'{inner}graph [label="", style="dashed,rounded", color="#BBBBBB"];\n'
                )
            layout.append((inner, node))
            layout.extend((inner, _Step(node, index)) for index in node.steps[:-1])
            layout.extend((inner, member) for member in drawn_with)
            if drawn_with:
                layout.append(f"{indent}}}\n")

    place("  ", members.get(None, []))
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
            f"fontsize=13, labeljust=l, labelloc={top}];\n"
        )
        place(inner, members.get(sid, []))
        stack.append((sid, depth, False))
        stack.extend((child, depth + 1, True) for child in reversed(children.get(sid, [])))
    return layout


def _grouped(amap: ArgumentMap, sections: Collection[str]) -> dict[str, list[Node]]:
    """The statements drawn with their argument, by the argument's id, in the order of its
    structure: its premises and intermediary conclusions that belong to no other
    structure of the map, in the argument's section. A main conclusion stays outside, where
    what else relates to it is; a statement several arguments share belongs to none."""
    arguments = [node for node in amap.nodes if node.pcs]
    if not arguments:
        return {}
    owners: dict[str, set[str]] = {}
    for argument in arguments:
        for member in argument.pcs:
            owners.setdefault(member.statement, set()).add(argument.id)
    grouped: dict[str, list[Node]] = {}
    placed: set[str] = set()
    for argument in arguments:
        home = argument.section if argument.section in sections else None
        for member in argument.pcs:
            if member.role == MAIN_CONCLUSION or member.statement not in amap:
                continue
            statement = amap.node(member.statement)
            if (
                statement.id in placed
                or len(owners[statement.id]) > 1
                or (statement.section if statement.section in sections else None) != home
            ):
                continue
            placed.add(statement.id)
            grouped.setdefault(argument.id, []).append(statement)
    return grouped
