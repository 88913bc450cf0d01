"""The writer: the map laid out as Argdown blocks (see the package's documentation)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from argmap.exporters import ExportError
from argmap.exporters.argdown.flow import flow_yaml, front_matter_yaml
from argmap.exporters.argdown.spelling import (
    UNESCAPABLE,
    ZERO_WIDTH,
    Unit,
    encode,
    strip_units,
    tags_of,
    units_at,
    units_from_text,
)
from argmap.model import ArgumentMap, Node
from argmap.syntax import lexer
from argmap.syntax.parser import ARGUMENT, STATEMENT, Occurrence, Section

__all__ = ["INDENT", "Writer"]

INDENT = "  "

# A tag name that can be written as `#name` (the lexer's tag pattern).
_SIMPLE_TAG = re.compile(lexer.TAG_CHARACTER + "+")
_UNTITLED = re.compile(r"Untitled (\d+)")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_RELATION_MARKS = {"support": "+", "attack": "-", "undercut": "_"}


@dataclass
class _Block:
    """A top-level block: its head (one or more lines) and the relations under it."""

    head: str
    relations: list[str] = field(default_factory=list)

    def render(self) -> str:
        return "\n".join([_line_start(self.head), *(INDENT + line for line in self.relations)])


def _line_start(head: str) -> str:
    """A block's first line as written: `<+` and `<_` at the start of a line are relation
    markers, so an argument whose title starts with `+` or `_` is made a list item."""
    return "* " + head if head.startswith(("<+", "<_")) else head


class Writer:
    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.order = {node.id: index for index, node in enumerate(amap.nodes)}
        self._tokens: list[lexer.Token] | None = None
        self._offsets: list[int] | None = None

    # -- reading the brief's own tokens ---------------------------------------------------

    def _source_tokens(self) -> tuple[list[lexer.Token], list[int]] | None:
        source = self.amap.source
        if source is None:
            return None
        if self._tokens is None or self._offsets is None:
            tokens = lexer.tokenize(source.text).tokens
            end = len(source.text)
            tokens.append(lexer.Token(lexer.EOF, "", end, end))
            self._tokens = tokens
            self._offsets = [0] + [m.end() for m in _LINE_BREAK.finditer(source.text)]
        return self._tokens, self._offsets

    def _token_index(self, line: int, column: int) -> int | None:
        found = self._source_tokens()
        if found is None:
            return None
        tokens, offsets = found
        if not 1 <= line <= len(offsets):
            return None
        offset = offsets[line - 1] + column - 1
        low, high = 0, len(tokens)
        while low < high:
            middle = (low + high) // 2
            if tokens[middle].start < offset:
                low = middle + 1
            else:
                high = middle
        while low < len(tokens) and tokens[low].start == offset:
            if tokens[low].kind not in ZERO_WIDTH:
                return low
            low += 1
        return None

    def _units(self, text: str, line: int, column: int, skip_head: bool) -> list[Unit]:
        """The units of ``text`` as the brief wrote it at (line, column); from the text
        alone when the brief is not at hand or reads differently."""
        index = self._token_index(line, column)
        if index is not None and self._tokens is not None:
            units = strip_units(units_at(self._tokens, index + (1 if skip_head else 0)))
            if "".join(unit.text for unit in units) == text:
                return units
        return units_from_text(text)

    def _node_units(self, node: Node) -> list[Unit]:
        text = node.text or ""
        canonical = _canonical(node)
        if canonical is None:
            return units_from_text(text)
        span = canonical.span
        return self._units(text, span.line, span.column, skip_head=not canonical.untitled)

    def _section_units(self, section: Section) -> list[Unit]:
        return self._units(section.title, section.span.line, section.span.column, True)

    # -- checks ------------------------------------------------------------------------

    def _check(self) -> None:
        untitled_count = sum(
            1 for node in self.amap.nodes for occurrence in node.occurrences if occurrence.untitled
        )
        for node in self.amap.nodes:
            if not node.untitled:
                _check_title(node)
            match = _UNTITLED.fullmatch(node.title)
            if (
                node.type == STATEMENT
                and not node.untitled
                and match
                and 1 <= int(match[1]) <= untitled_count
            ):
                raise ExportError(
                    f"the statement [{node.title}] has the title Argdown gives to the "
                    f"{_ordinal(int(match[1]))} untitled statement of the brief, so the "
                    "two cannot be told apart in Argdown; rename it or give that "
                    "statement a title"
                )

    # -- writing -------------------------------------------------------------------------

    def write(self) -> str:
        self._check()
        amap = self.amap
        relations: dict[str, list[str]] = {node.id: [] for node in amap.nodes}
        contradictions: dict[str, dict[str, list[str]]] = {node.id: {} for node in amap.nodes}
        for edge in amap.edges:
            source, target = amap.node(edge.source), amap.node(edge.target)
            later_is_target = self.order[target.id] >= self.order[source.id]
            if edge.relation == "contradiction":
                line = f">< {_label(target)}"
                if later_is_target and source.id != target.id:
                    contradictions[target.id].setdefault(source.id, []).append(line)
                else:
                    relations[source.id].append(line)
            elif later_is_target:
                relations[target.id].append(f"{_RELATION_MARKS[edge.relation]} {_label(source)}")
            else:
                relations[source.id].append(f"{_RELATION_MARKS[edge.relation]}> {_label(target)}")

        section_ids = {section.id for section in amap.sections}
        blocks: dict[str | None, list[_Block]] = {None: []}
        for section in amap.sections:
            blocks[section.id] = []

        def place(section: str | None, block: _Block) -> None:
            blocks[section if section in section_ids else None].append(block)

        for node in amap.nodes:
            anchor = node.occurrences[0].section if node.occurrences else node.section
            first, rest = self._node_blocks(node, anchor)
            first.relations = relations[node.id]
            place(anchor, first)
            for home, block in rest:
                place(home, block)
            for source_id, lines in contradictions[node.id].items():
                place(anchor, _Block(_label(amap.node(source_id)), lines))

        chunks: list[str] = []
        if amap.front_matter:
            chunks.append(front_matter_yaml(amap.front_matter))
        chunks.extend(block.render() for block in blocks[None])
        for section in amap.sections:
            chunks.append(self._heading(section))
            chunks.extend(block.render() for block in blocks[section.id])
        return "\n\n".join(chunks) + "\n" if chunks else ""

    def _heading(self, section: Section) -> str:
        prefix = "#" * section.level + " "
        data = " " + flow_yaml(section.data) if section.data else ""
        text = encode(self._section_units(section), prefix, data)
        return prefix + text + data

    def _node_blocks(
        self, node: Node, anchor: str | None
    ) -> tuple[_Block, list[tuple[str | None, _Block]]]:
        """The node's first block (written where it first appears) and its other blocks
        with their sections."""
        tags = list(node.tags)
        data = dict(node.data)
        defined = node.is_defined if node.occurrences else node.text is not None
        if not defined:
            return _Block(_reference(node, tags, data)), []
        units = self._node_units(node) if node.text else []
        text_tags = tags_of(units)
        in_order = tags[: len(text_tags)] == text_tags
        if node.untitled:
            if not in_order or node.section != anchor:
                raise ExportError(
                    f"the untitled statement {node.text!r} is referred to as "
                    f"[{node.title}] in a way that Argdown text cannot reproduce "
                    "(tags in another order, or another section); give it a title"
                )
            first = _Block(self._untitled_head(node, units, data))
            extra = tags[len(text_tags) :]
            rest = [(anchor, _Block(_reference(node, extra, {})))] if extra else []
            return first, rest
        if node.section == anchor and in_order:
            first = _Block(self._definition_head(node, units, data))
            extra = tags[len(text_tags) :]
            rest = [(anchor, _Block(_reference(node, extra, {})))] if extra else []
            return first, rest
        # Introduce the node with a reference where it first appears (carrying all its
        # tags, in order), and define it in its own section.
        intro: dict[str, Any] = {}
        if data.get("isInGroup") is False:
            intro["isInGroup"] = data.pop("isInGroup")
        first = _Block(_reference(node, tags, intro))
        return first, [(node.section, _Block(self._definition_head(node, units, data)))]

    def _definition_head(self, node: Node, units: list[Unit], data: dict[str, Any]) -> str:
        label = _label(node) + ":"
        written = flow_yaml(data) if data else ""
        if not node.text:
            # An empty definition: `[T]:` then its data (or `{}`) on the next line.
            return f"{label}\n{written or '{}'}"
        suffix = " " + written if written else ""
        return f"{label} {encode(units, _line_start(label + ' '), suffix)}{suffix}"

    def _untitled_head(self, node: Node, units: list[Unit], data: dict[str, Any]) -> str:
        suffix = " " + flow_yaml(data) if data else ""
        if not node.text:
            return "\\ " + suffix  # an escaped space: a statement with no text
        return encode(units, "", suffix) + suffix


def _canonical(node: Node) -> Occurrence | None:
    """The definition whose text the node has (as ``model._merge`` chooses it)."""
    canonical: Occurrence | None = None
    for occurrence in node.occurrences:
        if occurrence.is_reference:
            continue
        if canonical is None or canonical.data.get("isCanonical") is not True:
            canonical = occurrence
    return canonical


def _label(node: Node) -> str:
    return f"<{node.title}>" if node.type == ARGUMENT else f"[{node.title}]"


def _tag(name: str) -> str:
    return f"#{name}" if _SIMPLE_TAG.fullmatch(name) else f"#({name})"


def _reference(node: Node, tags: list[str], data: dict[str, Any]) -> str:
    parts = [_label(node), *(_tag(tag) for tag in tags)]
    if data:
        parts.append(flow_yaml(data))
    return " ".join(parts)


def _check_title(node: Node) -> None:
    title = node.title
    closing = ">" if node.type == ARGUMENT else "]"
    problem = ""
    if not title:
        problem = "it is empty"
    elif closing in title:
        problem = f"it contains '{closing}'"
    elif any(ch in title for ch in UNESCAPABLE):
        problem = "it contains a line break"
    elif title.startswith("-"):
        problem = "it starts with '-', which Argdown does not read as a reference"
    elif node.type == ARGUMENT and title.startswith("!--"):
        problem = "'<!--' starts a comment"
    if problem:
        raise ExportError(
            f"the {node.type} title {_label(node)!r} cannot be written in Argdown: {problem}; "
            "rename it"
        )
    # The label must read back as one reference with this title.
    tokens = [
        tok for tok in lexer.tokenize("x " + _label(node)).tokens if tok.kind not in ZERO_WIDTH
    ]
    wanted = lexer.ARGUMENT_REFERENCE if node.type == ARGUMENT else lexer.STATEMENT_REFERENCE
    if len(tokens) != 2 or tokens[1].kind != wanted or tokens[1].value != title:
        raise ExportError(
            f"the {node.type} title {_label(node)!r} cannot be written in Argdown; rename it"
        )


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
