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
    inference_line,
    strip_units,
    tags_of,
    units_at,
    units_from_text,
)
from argmap.model import ArgumentMap, Edge, Node
from argmap.source import SourceText
from argmap.syntax import lexer
from argmap.syntax.parser import (
    ARGUMENT,
    STATEMENT,
    Inference,
    ModelSettings,
    Occurrence,
    Section,
)

__all__ = ["INDENT", "Writer"]

INDENT = "  "

# A tag name that can be written as `#name` (the lexer's tag pattern).
_SIMPLE_TAG = re.compile(lexer.TAG_CHARACTER + "+")
_UNTITLED = re.compile(r"Untitled (\d+)")
# Relation markers under the target (the source below it) and under the source. Argdown's
# strict mode reads support and attack between two statements as "entails" and "contrary".
_INCOMING = {
    "support": "+",
    "attack": "-",
    "undercut": "_",
    "entails": "+",
    "contrary": "-",
}
_SUPPORTS = ("support", "entails")
_OUTGOING = {
    "support": "+>",
    "attack": "->",
    "undercut": "_>",
    "contradiction": "><",
    "entails": "+>",
    "contrary": "->",
}


@dataclass
class _Block:
    """A top-level block: its head (one or more lines) and the lines under it (relations,
    indented; or the rest of a premise–conclusion structure). ``root`` is the node at its
    head; ``untitled_pcs`` marks the structure of an untitled argument, which must not
    follow an argument's block (it would reconstruct that argument)."""

    head: str
    lines: list[str] = field(default_factory=list)
    root: str | None = None
    untitled_pcs: bool = False
    # For an untitled structure: a statement written before it, whose reference can stand
    # between it and an argument's block.
    separator: str | None = None
    # Written as a list item: a structure after a list reconstructs none of its arguments.
    list_item: bool = False

    def render(self) -> str:
        head = "* " + self.head if self.list_item else _line_start(self.head)
        return "\n".join([head, *self.lines])


@dataclass(frozen=True)
class _Place:
    """Where relation lines are written: under the line of node ``parent``, or (with
    ``parent`` None) under the inference line to step ``step`` of ``argument``. Under a
    conclusion of ``argument`` (``step`` set), ``_``/``<_`` undercut its inference; under
    a ``premise``, Argdown warns that they undercut no inference."""

    parent: str | None
    argument: str | None = None
    step: int | None = None
    premise: bool = False
    # In the relation tree under an inference line or a conclusion, where Argdown reads
    # every `_`/`<_` as an undercut of that inference.
    in_inference: bool = False


@dataclass
class _State:
    """What the block being written has written so far: the nodes before ``next``, and
    the relations in ``done`` (besides those of the blocks before it)."""

    next: int
    done: set[tuple[str, str, str, int | None]] = field(default_factory=set)


@dataclass
class _Chunk:
    """A premise–conclusion structure ready to be placed: its blocks, with their sections."""

    argument: str
    state: _State
    blocks: list[tuple[str | None, _Block]]


def _line_start(head: str) -> str:
    """A block's first line as written: `<+` and `<_` at the start of a line are relation
    markers, so an argument whose title starts with `+` or `_` is made a list item."""
    return "* " + head if head.startswith(("<+", "<_")) else head


class Writer:
    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.nodes = amap.nodes  # (a new list at each call of the property)
        self.order = {node.id: index for index, node in enumerate(self.nodes)}
        self._tokens: list[lexer.Token] | None = None

    # -- reading the brief's own tokens ---------------------------------------------------

    def _source_tokens(self) -> tuple[list[lexer.Token], SourceText] | None:
        """The tokens of the brief the map was read from, and its text."""
        source = self.amap.source
        if source is None:
            return None
        if self._tokens is None:
            tokens = lexer.tokenize(source.text).tokens
            end = len(source.text)
            tokens.append(lexer.Token(lexer.EOF, "", end, end))
            self._tokens = tokens
        return self._tokens, source

    def _token_index(self, line: int, column: int) -> int | None:
        found = self._source_tokens()
        if found is None:
            return None
        tokens, source = found
        if not 1 <= line <= source.line_count():
            return None
        offset = source.offset(line, column)
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
            1 for node in self.nodes for occurrence in node.occurrences if occurrence.untitled
        )
        for node in self.nodes:
            if not node.untitled:
                _check_title(node)
            match = _UNTITLED.fullmatch(node.title)
            if not node.untitled and match and 1 <= int(match[1]) <= untitled_count:
                raise ExportError(
                    f"the {node.type} {_label(node)} has the title Argdown gives to the "
                    f"{_ordinal(int(match[1]))} untitled statement or argument of the "
                    "brief, so the two cannot be told apart in Argdown; rename it or give "
                    "that one a title"
                )
            if node.pcs and not node.untitled and _line_start(_label(node)) != _label(node):
                raise ExportError(
                    f"the argument {_label(node)} has a premise–conclusion structure, which "
                    f"must follow a block that starts with {_label(node)}, but Argdown reads "
                    f"'{_label(node)[:2]}' at the start of a line as a relation; rename it"
                )

    # -- writing -------------------------------------------------------------------------

    def write(self) -> str:
        self._check()
        self._prepare()
        nodes = self.nodes
        while self.next < len(nodes):
            node = nodes[self.next]
            section = self._anchor(node)
            if self._place_pending(section):
                continue
            if node.pcs and node.untitled:
                chunk = self._chunk(node, section)
                if isinstance(chunk, str):
                    raise ExportError(
                        f"the premise–conclusion structure of the untitled argument "
                        f"{_label(node)} cannot be written so that Argdown reads the same "
                        f"map: {chunk}; give it an argument (a line `<Title>` and a blank "
                        "line before it)"
                    )
                self._commit(chunk)
            else:
                self._write_node(node, section)
            while self._place_pending(self.section):
                pass
        if self.pending:  # pragma: no cover - every structure fits once all is written
            raise ExportError(
                f"the premise–conclusion structure of {_label(self.pending[0])} could not "
                "be placed; this is a bug in argmap, please report it"
            )
        return self._render()

    def _prepare(self) -> None:
        amap = self.amap
        index = self.order
        self.next = 0  # the nodes before it are written
        self.section: str | None = None  # where the last node was written
        self.done: set[tuple[str, str, str, int | None]] = set()  # relations written
        self.blocks: dict[str | None, list[_Block]] = {None: []}
        for section in amap.sections:
            self.blocks[section.id] = []
        # Relations by the node under whose line they are written (the later of their
        # two ends); undercuts of an inference by argument and step, and by undercutter.
        self.later: dict[str, list[Edge]] = {}
        self.steps: dict[str, dict[int, list[Edge]]] = {}
        self.undercutting: dict[str, list[Edge]] = {}
        # The undercut of each inference by each undercutter: (argument, step, source).
        self.undercut_by: dict[tuple[str, int, str], Edge] = {}
        # The main conclusion of each reconstructed argument, which speaks its relations
        # (none under model: {transformArgumentRelations: false}: they stay as written).
        self.transform = ModelSettings.of(amap.front_matter).transform_argument_relations
        self.conclusion = {
            node.id: node.pcs[-1].statement for node in self.nodes if node.pcs and self.transform
        }
        # The statements of the structures.
        self.members = {member.statement for node in self.nodes for member in node.pcs}
        # The arguments whose relations each main conclusion speaks.
        self.speakers: dict[str, list[str]] = {}
        for argument, conclusion in self.conclusion.items():
            self.speakers.setdefault(conclusion, []).append(argument)
        for edge in amap.edges:
            if edge.source in self.conclusion:
                raise ExportError(
                    f"the relation {_label(amap.node(edge.source))} → "
                    f"{_label(amap.node(edge.target))} cannot be written in Argdown: it "
                    "reads every relation of a reconstructed argument as its main "
                    "conclusion's"
                )
            if edge.step is not None:
                self.steps.setdefault(edge.target, {}).setdefault(edge.step, []).append(edge)
                self.undercut_by[edge.target, edge.step, edge.source] = edge
                self.undercutting.setdefault(edge.source, []).append(edge)
                continue
            later = edge.target if index[edge.target] >= index[edge.source] else edge.source
            self.later.setdefault(later, []).append(edge)
        self.pending: list[Node] = []  # titled arguments whose structure is not written
        self.committed: set[str] = set()  # arguments whose structure is written
        self._needs: dict[str, tuple[int, frozenset[str], frozenset[str]]] = {}
        self._neighbours: dict[str, set[str]] | None = None
        self._incident: dict[str, list[Edge]] | None = None  # relations by node
        self._inferences: dict[tuple[str, int], str] = {}

    def _anchor(self, node: Node) -> str | None:
        """The section where the node is first written (its first occurrence's)."""
        section = node.occurrences[0].section if node.occurrences else node.section
        return section if section in self.blocks else None

    def _place(self, section: str | None, block: _Block) -> None:
        self.blocks[section if section in self.blocks else None].append(block)

    def _pending(self, edge: Edge, state: _State) -> bool:
        return edge.key not in self.done and edge.key not in state.done

    def _write_node(self, node: Node, section: str | None) -> None:
        """The node's own top-level block, with the relations it is the later end of."""
        first, rest = self._node_blocks(node, section)
        state = _State(self.next + 1)
        lines, extras = self._relation_lines(node, _Place(node.id), 1, state)
        first.lines = [self._line(named, lead) for named, lead in lines]
        first.root = node.id
        self.next = state.next
        self.done |= state.done
        self.section = section
        self._place(section, first)
        if node.pcs:
            # Its structure right after its block, if it can be written there.
            self.pending.append(node)
            chunk = self._chunk(node, section) if self._may_write(node) else None
            if isinstance(chunk, _Chunk):
                self._commit(chunk)
        for home, block in rest:
            self._place(home, block)
        for block in self._extra_blocks(extras):
            self._place(section, block)

    # -- relations -------------------------------------------------------------------------

    def _relation_lines(
        self, node: Node, place: _Place, depth: int, state: _State
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
        """The relation lines under ``node`` (at ``place``, indented ``depth`` levels) of
        the relations it is the later end of, as (node it names, indentation and marker);
        and those that cannot stand there, as (source, marker, target), to be written
        under a reference to their source."""
        amap = self.amap
        pad = INDENT * depth
        lines: list[tuple[str, str]] = []
        extras: list[tuple[str, str, str]] = []
        for edge in self.later.get(node.id, ()):
            if not self._pending(edge, state):
                continue
            state.done.add(edge.key)
            source, target, relation = edge.source, edge.target, edge.relation
            if source == node.id and (target != node.id or relation == "contradiction"):
                lines.append((target, f"{pad}{_OUTGOING[relation]} "))
            elif relation == "contradiction":
                # Argdown keeps the direction written: under its source.
                extras.append((source, "><", node.id))
            elif relation == "undercut" and (place.premise or not self._undercut_below(place)):
                # (Under a premise, Argdown warns that `_` undercuts no inference.)
                extras.append((source, "_>", node.id))
            else:
                lines.append((source, f"{pad}{_INCOMING[relation]} "))
        for edge in self.undercutting.get(node.id, ()):
            # Undercuts of the last inference of an argument whose structure is written
            # (those of others are written in the structure).
            argument = amap.node(edge.target)
            if (
                self._pending(edge, state)
                and argument.id in self.committed
                and edge.step == len(argument.pcs) - 1
            ):
                state.done.add(edge.key)
                lines.append((argument.id, f"{pad}_> "))
        return lines, extras

    def _extra_blocks(self, extras: list[tuple[str, str, str]]) -> list[_Block]:
        """Blocks for relations that could not be written where their later end is: each
        (source, marker, target) under a reference to its source, in the order of the
        nodes (not of the relations: reading the export back lists them in another
        order, and must write the same)."""
        grouped: dict[str, list[tuple[int, str]]] = {}
        for root, marker, target in extras:
            grouped.setdefault(root, []).append((self.order[target], marker))
        blocks: list[_Block] = []
        for root in sorted(grouped, key=self.order.__getitem__):
            lines = [
                f"{INDENT}{marker} {_label(self.nodes[target])}"
                for target, marker in sorted(grouped[root])
            ]
            blocks.append(_Block(_label(self.amap.node(root)), lines, root=root))
        return blocks

    # -- premise–conclusion structures ------------------------------------------------------

    def _place_pending(self, section: str | None) -> bool:
        """Write the first structure that can be written now; whether one was."""
        for argument in self.pending:
            if not self._may_write(argument):
                continue
            chunk = self._chunk(argument, section)
            if isinstance(chunk, _Chunk):
                self._commit(chunk)
                return True
        return False

    def _commit(self, chunk: _Chunk) -> None:
        self.pending = [node for node in self.pending if node.id != chunk.argument]
        self.committed.add(chunk.argument)
        # Arguments written in its relation lists have their structures to come.
        for node in self.nodes[self.next : chunk.state.next]:
            if node.pcs and not node.untitled and node.id not in self.committed:
                self.pending.append(node)
        self.next = chunk.state.next
        self.done |= chunk.state.done
        for section, block in chunk.blocks:
            self._place(section, block)
        if chunk.blocks:
            self.section = chunk.blocks[0][0]

    def _may_write(self, argument: Node) -> bool:
        """Whether the structure could be written now: everything it needs is written,
        or the next node could be written in it (a member, an undercutter of one of its
        inferences, or a node related to a member)."""
        if argument.id not in self._needs:
            self._needs[argument.id] = self._structure_needs(argument)
        last, members, undercutters = self._needs[argument.id]
        if last < self.next:
            return True
        if self.next >= len(self.nodes):
            return False
        candidate = self.nodes[self.next].id
        # An argument in a list says its main conclusion's relation: it is near when its
        # main conclusion is.
        return any(
            node in members or node in undercutters or self._related(node, members)
            for node in (candidate, self.conclusion.get(candidate))
            if node is not None
        )

    def _related(self, node: str, members: frozenset[str]) -> bool:
        """Whether a relation joins ``node`` to one of ``members``."""
        if self._neighbours is None:
            self._neighbours = {}
            for edge in self.amap.edges:
                self._neighbours.setdefault(edge.source, set()).add(edge.target)
                self._neighbours.setdefault(edge.target, set()).add(edge.source)
        # isdisjoint goes through the smaller of the two: a node related to thousands
        # costs no more than the structure's own members.
        return not members.isdisjoint(self._neighbours.get(node, ()))

    def _structure_needs(self, argument: Node) -> tuple[int, frozenset[str], frozenset[str]]:
        """Where the structure can be written at the latest (the last node it needs), its
        members and the undercutters of its inferences. (Which nodes are near it is
        asked of each node in turn: a set of them would hold, for each of a thousand
        arguments with one conclusion, all thousand.)"""
        members = frozenset(member.statement for member in argument.pcs)
        last_step = len(argument.pcs) - 1
        steps = self.steps.get(argument.id, {})
        undercutters = frozenset(edge.source for edges in steps.values() for edge in edges)
        last = max(self.order[member] for member in members)
        for step, edges in steps.items():
            for edge in edges:
                if step != last_step:
                    # Said by the undercutter, or by an argument whose conclusion it is.
                    speakers = [edge.source, *self.speakers.get(edge.source, ())]
                    last = max(last, min(self.order[speaker] for speaker in speakers))
        return last, members, undercutters

    def _chunk(self, argument: Node, section: str | None) -> _Chunk | str:
        """The argument's premise–conclusion structure written here: its members (defined
        there if they come next in the brief), relations under them, inference lines with
        the undercuts of each under it; with the nodes that come next in the brief written
        in its relation lists, where a relation allows. A string says why it cannot be
        written here."""
        amap = self.amap
        nodes = self.nodes
        state = _State(self.next)
        lines: list[str] = []
        rest: list[tuple[str | None, _Block]] = []
        extras: list[tuple[str, str, str]] = []
        if argument.untitled:
            state.next += 1  # the structure is where the argument is first written
        steps = self.steps.get(argument.id, {})

        def undercuts(step: int) -> list[tuple[str, str]]:
            found: list[tuple[str, str]] = []
            for edge in steps.get(step, ()):
                if self._pending(edge, state) and self.order[edge.source] < state.next:
                    state.done.add(edge.key)
                    found.append((edge.source, f"{INDENT}_ "))
            return found

        for step, member in enumerate(argument.pcs):
            if member.inference is not None:
                lines.append(self._inference_line(argument, step, member.inference))
                place = _Place(None, argument.id, step)
                self._children(place, undercuts(step), state, section, lines, rest, extras)
            statement = amap.node(member.statement)
            lead = f"({member.number}) "
            position = self.order[statement.id]
            if position < state.next:
                lines.append(lead + _label(statement))
            elif position == state.next and self._anchor(statement) == section:
                first, more = self._node_blocks(statement, section, lead)
                lines.append(lead + first.head)
                rest.extend(more)
                state.next += 1
            else:
                return (
                    f"its ({member.number}) {_label(statement)} is first written after "
                    f"{_label(nodes[state.next])}, which cannot be written in it"
                )
            place = _Place(statement.id, premise=True)
            references: list[tuple[str, str]] = []
            if member.inference is not None:
                place = _Place(statement.id, argument.id, step)
                references = undercuts(step)
            if position == state.next - 1:
                more_lines, more_extras = self._relation_lines(statement, place, 1, state)
                references.extend(more_lines)
                extras.extend(more_extras)
            self._children(place, references, state, section, lines, rest, extras)
        last_step = len(argument.pcs) - 1
        for step, edges in steps.items():
            for edge in edges:
                if not self._pending(edge, state):
                    continue
                written = self.order[edge.source] < state.next
                if step != last_step:
                    # Only the structure can say which inference is undercut.
                    return (
                        f"{_label(amap.node(edge.source))} undercuts the inference to its "
                        f"({argument.pcs[step].number}) but is first written after it"
                    )
                if written:
                    state.done.add(edge.key)
                    extras.append((edge.source, "_>", argument.id))
        blocks: list[tuple[str | None, _Block]] = []
        previous = self.blocks[section][-1] if self.blocks[section] else None
        if not argument.untitled and (previous is None or previous.root != argument.id):
            blocks.append((section, _Block(_label(argument), root=argument.id)))
        structure = _Block(lines[0], lines[1:], untitled_pcs=argument.untitled)
        blocks.append((section, structure))
        if argument.untitled:
            structure.separator = self._statement_before(argument)
            # What else is said of the argument (tags, data, a text, relations to it)
            # goes under a reference to it after its structure.
            first, more = self._node_blocks(argument, section)
            references, more_extras = self._relation_lines(argument, _Place(argument.id), 1, state)
            first.lines = [self._line(named, lead) for named, lead in references]
            first.root = argument.id
            extras.extend(more_extras)
            if first.lines or first.head != _label(argument):
                blocks.append((section, first))
            blocks.extend(more)
        blocks.extend(rest)
        blocks.extend((section, block) for block in self._extra_blocks(extras))
        return _Chunk(argument.id, state, blocks)

    def _children(
        self,
        place: _Place,
        references: list[tuple[str, str]],
        state: _State,
        section: str | None,
        lines: list[str],
        rest: list[tuple[str | None, _Block]],
        extras: list[tuple[str, str, str]],
    ) -> None:
        """The relation list under ``place`` (a member or an inference line of a
        structure): its ``references`` (lines naming nodes written before), and the nodes
        that come next in the brief, as long as one can be written there — in the list
        of a node it is related to, or of a node a reference names.

        Where a node could go in several lists, it goes in an undercut of the inference
        at ``place`` (which cannot be written anywhere else), else in the innermost list
        it is related to, else under a reference, else under a second line for a relation
        written before."""
        nodes = self.nodes
        # The lists being written, innermost last: where, how deep, references to write.
        stack = [(place, 1, list(references))]

        def below_inference(at: _Place) -> bool:
            return at.in_inference or at.step is not None

        def close(keep: int) -> None:
            while len(stack) > keep:
                _, _, waiting = stack.pop()
                lines.extend(self._line(named, lead) for named, lead in waiting)

        while stack and state.next < len(nodes):
            node = nodes[state.next]
            # Where it goes: (list, relation and marker) or (list, host line).
            chosen: tuple[int, tuple[Edge | None, str] | None, tuple[str, str] | None] | None
            chosen = None
            substitute: int | None = None  # the reference it is written instead of
            if place.argument is not None:
                link = self._link(node, place, state, section)
                if link is not None and link[0] is not None and link[0].step is not None:
                    chosen = (0, link, None)
            for level in range(len(stack) - 1, -1, -1):
                if chosen is not None:
                    break
                at, _, waiting = stack[level]
                link = self._link(node, at, state, section)
                if link is None:
                    # In place of a reference that it says too.
                    k = self._stand_in(node, at, waiting, section)
                    if k is not None:
                        link = (None, waiting[k][1].strip())
                        substitute = k
                if link is not None:
                    chosen = (level, link, None)
            for duplicates in (False, True):
                for level in range(len(stack) - 1, -1, -1):
                    if chosen is not None:
                        break
                    at, depth, waiting = stack[level]
                    host = self._host(node, at, depth, waiting, state, section, duplicates)
                    if host is not None:
                        chosen = (level, None, host)
            if chosen is None:
                break
            level, link, host = chosen
            close(level + 1)
            at, depth, _ = stack[level]
            if host is not None:
                # The host line, and the node under it in the same turn: every turn
                # writes a node or ends the lists, so the layout is linear.
                lines.append(self._line(*host))
                at = _Place(host[0], in_inference=below_inference(at))
                level, depth = len(stack), depth + 1
                stack.append((at, depth, []))
                link = self._link(node, at, state, section)
                if link is None:
                    break
            assert link is not None
            edge, marker = link
            lead = INDENT * depth + marker + " "
            first, more = self._node_blocks(node, section, lead)
            if "\n" in first.head:
                break  # only a one-line node fits in a list
            if substitute is not None:
                del stack[level][2][substitute]
            if edge is not None:
                state.done.add(edge.key)
            state.next += 1
            lines.append(lead + first.head)
            rest.extend(more)
            child = _Place(node.id, in_inference=below_inference(at))
            below, more_extras = self._relation_lines(node, child, depth + 1, state)
            extras.extend(more_extras)
            stack.append((child, depth + 1, below))
        if place.argument is not None and place.step is not None:
            # The undercuts of the inference still to write, by arguments whose main
            # conclusion is the undercutter and that are written (if it is not).
            for edge in self.steps.get(place.argument, {}).get(place.step, ()):
                speaker = self._speaker(edge.source, state)
                if self._pending(edge, state) and speaker is not None:
                    state.done.add(edge.key)
                    close(1)
                    stack[0][2].append((speaker, f"{INDENT}_ "))
        close(0)

    def _stand_in(
        self, node: Node, at: _Place, waiting: list[tuple[str, str]], section: str | None
    ) -> int | None:
        """The reference still to be written under ``at`` (its index in ``waiting``) that
        ``node``, a reconstructed argument, can be written in place of: a relation from
        its main conclusion (a relation from an argument is its main conclusion's)."""
        conclusion = self.conclusion.get(node.id)
        if conclusion is None or node.untitled or self._anchor(node) != section:
            return None
        for k, (named, lead) in enumerate(waiting):
            marker = lead.strip()
            if (
                named == conclusion
                and marker in _INCOMING.values()
                and not (marker == "+" and named == at.parent)
            ):
                return k
        return None

    def _host(
        self,
        node: Node,
        at: _Place,
        depth: int,
        waiting: list[tuple[str, str]],
        state: _State,
        section: str | None,
        duplicate: bool,
    ) -> tuple[str, str] | None:
        """A relation line under ``at`` under which ``node`` can be written: a reference
        still to be written (removed from ``waiting``), or with ``duplicate`` a second
        line for a relation written before (which says nothing new). It names the node
        under which ``node`` goes, or an argument written so far whose main conclusion
        that is (a relation from an argument is its main conclusion's)."""
        if not duplicate:
            for k, (named, lead) in enumerate(waiting):
                host = self._hosting(node, at, named, lead, state, section)
                if host is not None:
                    del waiting[k]
                    return host, lead
            if at.argument is not None and at.step is not None:
                # An undercut of the inference still to write, by an argument written so
                # far whose main conclusion is the undercutter.
                for edge in self.steps.get(at.argument, {}).get(at.step, ()):
                    speaker = self._speaker(edge.source, state)
                    if not self._pending(edge, state) or speaker is None:
                        continue
                    lead = INDENT * depth + "_ "
                    host = self._hosting(node, at, speaker, lead, state, section)
                    if host is not None:
                        state.done.add(edge.key)
                        return host, lead
            return None
        for named, lead in self._written_lines(at, depth, state):
            host = self._hosting(node, at, named, lead, state, section)
            if host is not None:
                return host, lead
        return None

    def _hosting(
        self, node: Node, at: _Place, named: str, lead: str, state: _State, section: str | None
    ) -> str | None:
        hosts = [named]
        marker = lead.strip()
        if marker in _INCOMING.values() and not (named == at.parent and marker == "+"):
            # (Argdown drops an argument's support of its own main conclusion.)
            hosts += [a for a in self.speakers.get(named, ()) if self.order[a] < state.next]
        # (The place the host line makes, as `_children` pushes it.)
        in_inference = at.in_inference or at.step is not None
        for host in hosts:
            if self._link(node, _Place(host, in_inference=in_inference), state, section):
                return host
        return None

    def _written_lines(self, at: _Place, depth: int, state: _State) -> list[tuple[str, str]]:
        """Lines that could stand under ``at`` for relations written before, between
        nodes written so far, in the order of the nodes they name (not of the relations:
        reading the export back lists them in another order, and must choose the same)."""
        pad = INDENT * depth
        found: list[tuple[str, str]] = []
        if at.argument is not None and at.step is not None:
            for edge in self.steps.get(at.argument, {}).get(at.step, ()):
                speaker = self._speaker(edge.source, state)
                if not self._pending(edge, state) and speaker is not None:
                    found.append((speaker, pad + "_ "))
        if at.parent is not None:
            if self._incident is None:
                self._incident = {}
                for edge in self.amap.edges:
                    if edge.step is None:
                        self._incident.setdefault(edge.source, []).append(edge)
                        if edge.target != edge.source:
                            self._incident.setdefault(edge.target, []).append(edge)
            for edge in self._incident.get(at.parent, ()):
                if self._pending(edge, state):
                    continue
                relation = edge.relation
                if edge.source == at.parent and (
                    edge.target != at.parent or relation == "contradiction"
                ):
                    other, lead = edge.target, _OUTGOING[relation]
                elif relation == "contradiction" or (
                    relation == "undercut" and not self._undercut_below(at)
                ):
                    continue
                else:
                    other, lead = edge.source, _INCOMING[relation]
                if self.order[other] < state.next:
                    found.append((other, f"{pad}{lead} "))
        return sorted(found, key=lambda line: (self.order[line[0]], line[1]))

    def _line(self, named: str, lead: str) -> str:
        """A relation line: its indentation and marker, and the node it names."""
        return lead + _label(self.amap.node(named))

    def _link(
        self, node: Node, place: _Place, state: _State, section: str | None
    ) -> tuple[Edge | None, str] | None:
        """How ``node`` can be written in the relation list under ``place``: the relation
        its line says (None for none) and its marker; None when it cannot."""
        if (node.pcs and node.untitled) or self._anchor(node) != section:
            return None
        amap = self.amap
        # A reconstructed argument's relations are its main conclusion's.
        speaker = self.conclusion.get(node.id, node.id)
        if place.argument is not None and place.step is not None:
            edge = self.undercut_by.get((place.argument, place.step, speaker))
            if edge is not None and self._pending(edge, state):
                return edge, "_"
        parent = place.parent
        if parent is None:
            return None
        for edge in self.later.get(node.id, ()):
            if not self._pending(edge, state):
                continue
            if edge.source == node.id and edge.target == parent:
                if edge.relation == "contradiction" or (
                    edge.relation == "undercut" and not self._undercut_below(place)
                ):
                    continue
                return edge, _INCOMING[edge.relation]
            if edge.source == parent and edge.target == node.id:
                return edge, _OUTGOING[edge.relation]
        said_by = self.conclusion.get(parent)
        if said_by is not None:
            # Under a reconstructed argument, `_ [U]` undercuts its last inference.
            last = len(amap.node(parent).pcs) - 1
            edge = self.undercut_by.get((parent, last, speaker))
            if edge is not None and self._pending(edge, state) and not place.in_inference:
                return edge, "_"
            # Under a reconstructed argument, `+> [T]` says its main conclusion's support.
            for relation in ("support", "attack", "undercut", "entails", "contrary"):
                if (said_by == node.id and relation in _SUPPORTS) or (
                    relation == "undercut" and node.pcs
                ):
                    continue
                found = amap.find_edge(said_by, node.id, relation)
                if found is not None and self._pending(found, state):
                    return found, _OUTGOING[relation]
        if node.pcs and self.transform:
            # An undercut of its last inference is one of the argument.
            for edge in self.steps.get(node.id, {}).get(len(node.pcs) - 1, ()):
                if edge.source == parent and self._pending(edge, state):
                    return edge, "_>"
        if speaker != node.id:
            for relation in ("support", "attack", "undercut", "entails", "contrary"):
                if relation == "undercut" and not self._undercut_below(place):
                    continue
                if speaker == parent and relation in _SUPPORTS:
                    continue  # Argdown drops an argument's support of its own conclusion
                found = amap.find_edge(speaker, parent, relation)
                if found is not None and self._pending(found, state):
                    return found, _INCOMING[relation]
            if speaker == parent:
                return None, "+"  # a support of its own main conclusion says nothing
        return None

    def _speaker(self, statement: str, state: _State) -> str | None:
        """A node written so far whose line under an inference says ``statement``'s undercut
        of it: the statement, or an argument whose main conclusion it is."""
        if self.order[statement] < state.next:
            return statement
        for argument in self.speakers.get(statement, ()):
            if self.order[argument] < state.next:
                return argument
        return None

    def _undercut_below(self, place: _Place) -> bool:
        """Whether ``_ [U]`` at ``place`` says that U undercuts the node there. Argdown
        reads it as an undercut of an inference under a conclusion or an inference line
        (at any depth), and under a member of a structure (anywhere but in the structure,
        under a premise): there it is written ``_> [S]`` under U instead."""
        if place.argument is not None or place.in_inference:
            return False
        return place.premise or place.parent not in self.members

    def _inference_line(self, argument: Node, step: int, inference: Inference) -> str:
        key = (argument.id, step)
        if key not in self._inferences:
            self._inferences[key] = inference_line(inference.rules, inference.data)
        return self._inferences[key]

    def _statement_before(self, node: Node) -> str | None:
        """The last statement written before ``node``."""
        nodes = self.nodes
        for position in range(self.order[node.id] - 1, -1, -1):
            if nodes[position].type == STATEMENT:
                return nodes[position].id
        return None

    # -- the text ----------------------------------------------------------------------------

    def _render(self) -> str:
        amap = self.amap
        chunks: list[str] = []
        if amap.front_matter:
            chunks.append(front_matter_yaml(amap.front_matter))
        chunks.extend(block.render() for block in self._separated(self.blocks[None]))
        for section in amap.sections:
            chunks.append(self._heading(section))
            chunks.extend(block.render() for block in self._separated(self.blocks[section.id]))
        return "\n\n".join(chunks) + "\n" if chunks else ""

    def _separated(self, blocks: list[_Block]) -> list[_Block]:
        """The blocks, with a reference to a statement between an argument's block and
        an untitled argument's structure right after it (which would reconstruct that
        argument)."""
        result: list[_Block] = []
        for block in blocks:
            previous = result[-1] if result else None
            if (
                block.untitled_pcs
                and previous is not None
                and previous.root is not None
                and self.amap.node(previous.root).type == ARGUMENT
            ):
                if block.separator is None:
                    # No statement is written before it to refer to in between: the
                    # argument's block becomes a list item, as Argdown allows.
                    previous.list_item = True
                else:
                    separator = self.amap.node(block.separator)
                    result.append(_Block(_label(separator), root=separator.id))
            result.append(block)
        return result

    def _heading(self, section: Section) -> str:
        prefix = "#" * section.level + " "
        data = " " + flow_yaml(section.data) if section.data else ""
        text = encode(self._section_units(section), prefix, data)
        return prefix + text + data

    def _node_blocks(
        self, node: Node, anchor: str | None, lead: str = ""
    ) -> tuple[_Block, list[tuple[str | None, _Block]]]:
        """The node's first block (written where it first appears, after ``lead`` on its
        line: a member's number, or a relation marker) and its other blocks with their
        sections."""
        tags = list(node.tags)
        data = dict(node.data)
        defined = node.is_defined if node.occurrences else node.text is not None
        if not defined:
            return _Block(_reference(node, tags, data), root=node.id), []
        units = self._node_units(node) if node.text else []
        text_tags = tags_of(units)
        in_order = tags[: len(text_tags)] == text_tags
        extra = tags[len(text_tags) :]
        rest = [(anchor, _Block(_reference(node, extra, {}), root=node.id))] if extra else []
        if node.untitled and node.type == STATEMENT:
            if not in_order or node.section != anchor:
                raise ExportError(
                    f"the untitled statement {node.text!r} is referred to as "
                    f"[{node.title}] in a way that Argdown text cannot reproduce "
                    "(tags in another order, or another section); give it a title"
                )
            return _Block(self._untitled_head(node, units, data, lead), root=node.id), rest
        if node.section == anchor and in_order:
            return _Block(self._definition_head(node, units, data, lead), root=node.id), rest
        # Introduce the node with a reference where it first appears (carrying all its
        # tags, in order), and define it in its own section.
        intro: dict[str, Any] = {}
        if data.get("isInGroup") is False:
            intro["isInGroup"] = data.pop("isInGroup")
        first = _Block(_reference(node, tags, intro), root=node.id)
        definition = _Block(self._definition_head(node, units, data), root=node.id)
        return first, [(node.section, definition)]

    def _definition_head(
        self, node: Node, units: list[Unit], data: dict[str, Any], lead: str = ""
    ) -> str:
        label = _label(node) + ":"
        written = flow_yaml(data) if data else ""
        if not node.text and lead.endswith(" ") and not lead.startswith("("):
            # An empty definition in a relation list: an escaped space (which is no text)
            # then its data, all on one line (`[T]:` alone cannot end a block).
            return f"{label} \\ {written}" if written else f"{label} \\ "
        if not node.text:
            # An empty definition: `[T]:` then its data (or `{}`) on the next line.
            return f"{label}\n{written or '{}'}"
        suffix = " " + written if written else ""
        prefix = lead + label + " " if lead else _line_start(label + " ")
        return f"{label} {encode(units, prefix, suffix)}{suffix}"

    def _untitled_head(
        self, node: Node, units: list[Unit], data: dict[str, Any], lead: str = ""
    ) -> str:
        suffix = " " + flow_yaml(data) if data else ""
        if not node.text:
            return "\\ " + suffix  # an escaped space: a statement with no text
        return encode(units, lead, suffix) + suffix


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
