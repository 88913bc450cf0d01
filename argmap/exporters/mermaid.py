"""The Mermaid export: a ``flowchart BT`` that renders on GitHub and in Markdown editors.

Node ids are generated (``n1``, ``n2``… in the brief's order; sections ``s1``…), so user
text appears only inside quoted labels, ``nX["…"]``, where :func:`escape` encodes every
character Mermaid could read as syntax with its entity codes (``#quot;``, ``#35;``…).
What the escaping guards against, each checked against Mermaid 11's own parser:

- ``#quot;``, ``#lt;``… are decoded when the diagram renders, so ``&`` and ``#`` in user
  text are encoded first (``#amp;``, ``#35;``): text like ``#9829;`` stays literal;
- ``[ ] { } | " < >`` would close the label or open HTML; ``%%{init: …}%%`` is read as a
  directive anywhere in the text, so ``%`` and braces are encoded; a backtick after the
  opening quote would switch to markdown strings, ``$$`` to KaTeX;
- Mermaid strips the last ``;`` of any line that reads ``style…:…#…;`` or
  ``classDef…:…#…;`` (before decoding entities), so ``:`` and ``;`` are encoded too;
- its lexer reads a whole line containing ``direction TB`` (or BT, LR, RL) as a
  direction statement, so the space after ``direction`` is encoded;
- ``ﬂ°`` and ``¶ß`` are Mermaid's internal placeholders for ``&`` and ``;``, so their
  first characters are encoded.

Line breaks inside labels are the exporter's own ``<br/>`` (Mermaid reads ``<br/>`` as a
line break with and without HTML labels); text is wrapped to short lines and capped in
length, since Mermaid refuses diagrams over 50,000 characters by default
(:func:`size_warning` says when an export is longer). Shapes: claims
``["…"]``, evidence ``[("…")]``, arguments ``{{"…"}}``. Relations: support ``-->``,
attack ``--x|attack|``, undercut ``-.-o|undercut|``, contradiction ``<-->|contradiction|``;
in strict mode entails ``==>|entails|`` and contrary ``<-.->|contrary|``.
With an evaluation, labels start with ✓ ✗ ? and nodes get the classes ``in``, ``out`` and
``undecided`` (Okabe–Ito colours, and a dashed or dotted border as a cue without colour).

A reconstructed argument (one with a premise–conclusion structure) is drawn as its
inferences: the premises of an inference meet at its node with open links (``---``,
no arrowhead: together they support), and an arrow ``-->`` leads from there to its
conclusion. The argument's hexagon is the inference to its main conclusion (its label
ends with ``-- rules --`` when that inference names rules); each earlier inference has a
node of its own, ``nNsK`` (``nN`` the argument, ``K`` the index of the conclusion in its
structure), right after the argument's: a small circle, or a rounded box naming its
rules, with its verdict where the evaluation gives one. An undercut of an inference
points at that inference's node.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from argmap.diagnostics import Diagnostic
from argmap.evaluate import VERDICT_SYMBOLS, Evaluation, Verdict
from argmap.model import ArgumentMap, Node
from argmap.syntax.parser import ARGUMENT
from argmap.views.text import clean, shorten

__all__ = ["MAX_TEXT_SIZE", "escape", "export", "size_warning"]

# What this module exports (read by argmap.exporters.formats()): --format name → file
# suffixes, the usual first.
EXPORTS = {"mermaid": (".mmd", ".mermaid")}
BINARY = False
NAME = next(iter(EXPORTS))
SUFFIX = EXPORTS[NAME][0]

# Label lines are wrapped to this many characters: about the 200px Mermaid 11 wraps
# labels at, so its own wrapping does not break the lines again.
WRAP = 28
MAX_TITLE = 100
MAX_TEXT = 400
MAX_CITATION = 120
# Mermaid draws no diagram longer than this (its `maxTextSize` setting, 50,000 by default;
# it counts the UTF-16 code units of the text, as JavaScript's `length` does).
MAX_TEXT_SIZE = 50_000

# Every character Mermaid could read as syntax, as a Mermaid entity code. `&` and `#`
# are among them, so an entity code in the user's text is itself encoded.
_ENTITIES = {
    "&": "#amp;",
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
    "|": "#124;",
    ";": "#59;",
    ":": "#58;",
    "%": "#37;",
    "`": "#96;",
    "$": "#36;",
    "\\": "#92;",
    "\ufb02": "#64258;",  # ﬂ, the start of Mermaid's placeholder for `&`
    "\u00b6": "#182;",  # ¶, the start of its placeholder for `;`
}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
_DIRECTION = re.compile(r"(direction)\s", re.IGNORECASE)

SHAPES = {
    "claim": ('["', '"]'),
    "evidence": ('[("', '")]'),
    "argument": ('{{"', '"}}'),
    "inference": ('(("', '"))'),
    "inference with rules": ('("', '")'),
}
# The lines of a premise–conclusion structure.
PREMISE_LINK = "---"
CONCLUSION_LINK = "-->"
ARROWS = {
    "support": "-->",
    "attack": "--x|attack|",
    "undercut": "-.-o|undercut|",
    "contradiction": "<-->|contradiction|",
    # Strict mode (front matter `model: {mode: strict}`).
    "entails": "==>|entails|",
    "contrary": "<-.->|contrary|",
}
# Okabe–Ito colours (safe for colour-blind readers), light fills with black text so that
# dark themes stay readable, and a border pattern that does not need colour at all.
CLASS_DEFS = {
    Verdict.IN: "fill:#d5f0e6,stroke:#009e73,stroke-width:2px,color:#000",
    Verdict.OUT: "fill:#f9ddcc,stroke:#d55e00,stroke-width:2px,stroke-dasharray:6 4,color:#000",
    Verdict.UNDECIDED: "fill:#eeeeee,stroke:#7f7f7f,stroke-width:2px,stroke-dasharray:2 3,"
    "color:#000",
}
_INDENT = "    "


def escape(text: str) -> str:
    """``text`` for the inside of a quoted Mermaid label: control characters removed, line
    breaks as spaces, every syntax character an entity code."""
    encoded = _SPECIAL.sub(lambda match: _ENTITIES[match.group(0)], clean(text))
    return _DIRECTION.sub(lambda match: f"{match.group(1)}#{ord(match.group(0)[-1])};", encoded)


def size_warning(text: str) -> str | None:
    """A warning if Mermaid, with its default settings, would refuse to draw ``text`` (an
    export of this module) as too long; None if it would draw it."""
    size = len(text.encode("utf-16-le")) // 2
    if size <= MAX_TEXT_SIZE:
        return None
    enough = -(-size // 10_000) * 10_000  # the next multiple of 10,000
    return (
        f"the Mermaid diagram is {size:,} characters long and Mermaid draws at most "
        f"{MAX_TEXT_SIZE:,} unless told otherwise: raise its maxTextSize setting, e.g. "
        f"mermaid.initialize({{ maxTextSize: {enough} }}), or export part of the map "
        "with --focus, --depth or --section"
    )


def _shorten(text: str, limit: int) -> str:
    return shorten(" ".join(clean(text).split()), limit)


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, WRAP, break_on_hyphens=False) or [text]


def _inference_rules(argument: Node, index: int) -> str:
    """The rules of the inference to ``argument.pcs[index]``, joined with commas."""
    inference = argument.pcs[index].inference
    return ", ".join(inference.rules) if inference is not None else ""


def _step_label(argument: Node, index: int, verdict: Verdict | None) -> tuple[str, str, str]:
    """An earlier inference's shape and escaped label: its rules, or a space (the least
    label Mermaid takes), after its verdict's symbol."""
    rules = _inference_rules(argument, index)
    lines = _wrap(_shorten(rules, MAX_TITLE)) if rules else []
    if verdict is not None:
        lines[:1] = [
            f"{VERDICT_SYMBOLS[verdict]} {lines[0]}" if lines else VERDICT_SYMBOLS[verdict]
        ]
    opening, closing = SHAPES["inference with rules" if rules else "inference"]
    return opening, "<br/>".join(escape(line) for line in lines) or " ", closing


def _label(node: Node, evaluation: Evaluation | None, rules: list[str]) -> tuple[str, str, str]:
    """The shape's opening, the escaped label and the shape's closing."""
    lines: list[str] = []
    if not node.untitled:
        lines += _wrap(_shorten(node.title, MAX_TITLE))
    text = node.plain_text if node.plain_text is not None else node.text
    if text:
        lines += _wrap(_shorten(text, MAX_TEXT))
    citation = node.citation
    if node.is_evidence and citation:
        lines += _wrap("— " + _shorten(citation, MAX_CITATION))
    inference = _inference_rules(node, node.steps[-1]) if node.pcs else ""
    if inference:
        lines += _wrap(f"-- {_shorten(inference, MAX_TITLE)} --")
    if rules:
        lines.append("⚠ " + ", ".join(rules))
    if not lines:
        lines = [_shorten(node.title, MAX_TITLE)]
    if evaluation is not None:
        lines[0] = f"{VERDICT_SYMBOLS[evaluation.verdicts[node.id]]} {lines[0]}"
    shape = "evidence" if node.is_evidence else "argument" if node.type == ARGUMENT else "claim"
    opening, closing = SHAPES[shape]
    # Mermaid rejects an empty label (`n1[""]`); a space is the least it takes.
    return opening, "<br/>".join(escape(line) for line in lines) or " ", closing


def _inference_id(node_id: str, argument: Node, index: int) -> str:
    """The Mermaid id of the inference to ``argument.pcs[index]`` (``node_id`` the
    argument's): the argument itself for its last inference (or a step it does not have)."""
    return f"{node_id}s{index}" if argument.is_inner_step(index) else node_id


def _structure_lines(argument: Node, ids: dict[str, str]) -> list[str]:
    """The links of a reconstructed argument's structure: each inference's premises to
    its node, and its node to its conclusion (members the map leaves out, left out)."""
    lines: list[str] = []
    node_id = ids[argument.id]
    steps = argument.steps
    for index in steps:
        inference = node_id if index == steps[-1] else f"{node_id}s{index}"
        for premise in argument.premises_of(index):
            if premise in ids:
                lines.append(f"{_INDENT}{ids[premise]} {PREMISE_LINK} {inference}")
        conclusion = argument.pcs[index].statement
        if conclusion in ids:
            lines.append(f"{_INDENT}{inference} {CONCLUSION_LINK} {ids[conclusion]}")
    return lines


def export(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
) -> str:
    """The exporter interface (see :mod:`argmap.exporters`)."""
    nodes = amap.nodes
    ids = {node.id: f"n{index}" for index, node in enumerate(nodes, start=1)}
    rules: dict[str, list[str]] = {}
    for finding in findings:
        if finding.node in ids and finding.rule not in rules.setdefault(finding.node, []):
            rules[finding.node].append(finding.rule)

    parents = amap.section_parents()
    section_ids = {sid: f"s{index}" for index, sid in enumerate(parents, start=1)}
    titles: dict[str, str] = {}
    for section in amap.sections:
        titles.setdefault(section.id, section.title)
    members: dict[str | None, list[Node]] = {}
    for node in nodes:
        members.setdefault(node.section if node.section in parents else None, []).append(node)
    children: dict[str | None, list[str]] = {}
    for sid, parent in parents.items():
        children.setdefault(parent, []).append(sid)
    # A section with no node anywhere below it is left out.
    used: set[str | None] = set()
    for key in members:
        while key not in used:
            used.add(key)
            key = parents[key] if key is not None else None

    lines = ["flowchart BT"]
    # The verdicts of inferences, by (argument id, index in its structure), and the node
    # ids of the earlier inferences by verdict.
    step_verdicts = evaluation.steps if evaluation is not None else {}
    steps_by_verdict: dict[Verdict, list[str]] = {}

    def node_lines(nodes: list[Node], depth: int) -> None:
        indent = _INDENT * depth
        for node in nodes:
            opening, label, closing = _label(node, evaluation, rules.get(node.id, []))
            lines.append(f"{indent}{ids[node.id]}{opening}{label}{closing}")
            for index in node.steps[:-1]:
                verdict = step_verdicts.get((node.id, index))
                step_id = f"{ids[node.id]}s{index}"
                if verdict is not None:
                    steps_by_verdict.setdefault(verdict, []).append(step_id)
                opening, label, closing = _step_label(node, index, verdict)
                lines.append(f"{indent}{step_id}{opening}{label}{closing}")

    node_lines(members.get(None, []), 1)
    stack: list[tuple[str, int, bool]] = [
        (sid, 1, True) for sid in reversed(children.get(None, [])) if sid in used
    ]
    while stack:
        sid, depth, opening = stack.pop()
        if not opening:
            lines.append(f"{_INDENT * depth}end")
            continue
        title = escape(_shorten(titles[sid], MAX_TITLE)) or " "
        lines.append(f'{_INDENT * depth}subgraph {section_ids[sid]}["{title}"]')
        node_lines(members.get(sid, []), depth + 1)
        stack.append((sid, depth, False))
        stack.extend(
            (sub, depth + 1, True) for sub in reversed(children.get(sid, [])) if sub in used
        )

    for argument in nodes:
        if argument.pcs:
            lines.extend(_structure_lines(argument, ids))
    for edge in amap.edges:
        target = ids[edge.target]
        if edge.step is not None:  # an undercut of one inference
            target = _inference_id(target, amap.node(edge.target), edge.step)
        lines.append(f"{_INDENT}{ids[edge.source]} {ARROWS[edge.relation]} {target}")

    if evaluation is not None:
        for verdict, style in CLASS_DEFS.items():
            lines.append(f"{_INDENT}classDef {verdict.value} {style}")
        for verdict in CLASS_DEFS:
            marked = [ids[node.id] for node in nodes if evaluation.verdicts[node.id] is verdict]
            marked += steps_by_verdict.get(verdict, [])
            if marked:
                lines.append(f"{_INDENT}class {','.join(marked)} {verdict.value}")
    return "\n".join(lines) + "\n"
