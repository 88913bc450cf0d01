"""The argument map: nodes (statements and arguments) and relations.

:class:`ArgumentMap` holds nodes by id and relations by (source, target, relation), so
one pair of nodes can carry, say, both a support and an attack (a finding, not something
to lose). :attr:`ArgumentMap.graph` gives the same map as a networkx graph.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import FRONT_MATTER, Diagnostic, Severity
from argmap.source import SourceText, Span
from argmap.syntax.parser import (
    ARGUMENT,
    PREMISE,
    STATEMENT,
    Inference,
    ModelSettings,
    Occurrence,
    ParseResult,
    Section,
)

__all__ = [
    "EVIDENCE_DATA_KEYS",
    "EVIDENCE_TAGS",
    "RELATIONS",
    "Adjacency",
    "ArgumentMap",
    "Edge",
    "Inference",
    "Node",
    "PcsMember",
    "build",
    "has_citation",
]

RELATIONS = ("support", "attack", "undercut", "contradiction", "entails", "contrary")
# Relations that carry support, and relations that attack both of their ends. "entails"
# and "contrary" are how Argdown's strict mode reads support and attack between two
# statements.
SUPPORTS = frozenset({"support", "entails"})
STRICT_RELATIONS = frozenset({"entails", "contrary"})
SYMMETRIC = frozenset({"contradiction", "contrary"})
EVIDENCE_TAGS = frozenset({"evidence", "card"})
EVIDENCE_DATA_KEYS = ("cite", "source", "url")
THESIS_TAG = "thesis"

# Keys of node and edge attributes in the networkx graph.
NODE_KEY = "node"
EDGE_KEY = "edge"


@dataclass(slots=True, frozen=True)
class PcsMember:
    """A statement of an argument's premise–conclusion structure: the statement's node id,
    its role (``premise``, ``intermediary-conclusion`` or ``main-conclusion``), the
    number written before it (and where), and for a conclusion the inference that leads
    to it."""

    statement: str
    role: str
    number: int
    inference: Inference | None = None
    span: Span | None = None  # where its "(n)" is written


@dataclass(slots=True)
class _Structure:
    """What the steps of a premise–conclusion structure look up, found once for the
    structure (``pcs``): reading every step of an argument of n steps then takes time in
    n, not n² (a structure of 10,000 steps took 15 s to check with a scan per step)."""

    pcs: tuple[PcsMember, ...]
    steps: tuple[int, ...]  # the indices of the conclusions, in order
    numbered: dict[int, list[int]]  # each number written: its members' indices, in order

    @classmethod
    def of(cls, pcs: tuple[PcsMember, ...]) -> _Structure:
        numbered: dict[int, list[int]] = {}
        for index, member in enumerate(pcs):
            numbered.setdefault(member.number, []).append(index)
        steps = tuple(index for index, member in enumerate(pcs) if member.inference is not None)
        return cls(pcs, steps, numbered)


@dataclass(slots=True)
class Node:
    """A statement (an Argdown equivalence class) or an argument.

    ``text`` is the canonical text: the definition marked ``{isCanonical: true}``, else
    the last definition; ``None`` when the title is only ever referenced. ``occurrences``
    keeps every place the title is written, definitions and references, in source order.
    ``tags`` and ``data`` gather those of every occurrence; for a title written once they
    are that occurrence's own list and mapping, not copies.
    """

    id: str
    title: str
    type: str
    kind: str = "claim"
    text: str | None = None
    plain_text: str | None = None
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    section: str | None = None
    untitled: bool = False
    occurrences: list[Occurrence] = field(default_factory=list)
    # An argument's premise–conclusion structure, in order (a tuple: most nodes have none).
    pcs: tuple[PcsMember, ...] = ()
    # Found from ``pcs`` on first use, and again if ``pcs`` is replaced (see _Structure).
    _structure: _Structure | None = field(default=None, repr=False, compare=False)

    @property
    def span(self) -> Span:
        """Where the node is first defined (or first written, if never defined)."""
        return (self._first_definition() or self.occurrences[0]).span

    @property
    def spans(self) -> list[Span]:
        return [occurrence.span for occurrence in self.occurrences]

    @property
    def is_evidence(self) -> bool:
        return self.kind == "evidence"

    @property
    def steps(self) -> tuple[int, ...]:
        """The indices in :attr:`pcs` of the conclusions: one per inference, in order."""
        return self._structure_of_pcs().steps

    def is_inner_step(self, index: int) -> bool:
        """Whether ``pcs[index]`` is the conclusion of an inference other than the last:
        a step of its own (the last inference is the argument itself)."""
        steps = self.steps
        return (
            bool(steps)
            and index != steps[-1]
            and 0 <= index < len(self.pcs)
            and self.pcs[index].inference is not None
        )

    def premises_of(self, step: int) -> list[str]:
        """The statements the inference to ``pcs[step]`` starts from: the premises written
        since the previous inference and the previous conclusion, in order, or the
        members numbered by the inference's ``uses`` data when it gives them (the last
        member with that number before the conclusion)."""
        pcs = self.pcs
        inference = pcs[step].inference
        uses = inference.data.get("uses") if inference is not None else None
        if isinstance(uses, list) and uses:
            numbered = self._structure_of_pcs().numbered
            named: list[str] = []
            for number in uses:
                if not isinstance(number, int):
                    continue
                before = bisect_left(numbered.get(number, ()), step)
                if before:
                    named.append(pcs[numbered[number][before - 1]].statement)
            return list(dict.fromkeys(named))
        premises: list[str] = []
        index = step - 1
        while index >= 0:
            member = pcs[index]
            premises.append(member.statement)
            if member.inference is not None:
                break  # the previous conclusion, and nothing before it
            index -= 1
        return list(dict.fromkeys(reversed(premises)))

    def _structure_of_pcs(self) -> _Structure:
        found = self._structure
        if found is None or found.pcs is not self.pcs:
            found = self._structure = _Structure.of(self.pcs)
        return found

    @property
    def is_defined(self) -> bool:
        # Its own loop, not _first_definition(): the rules ask this of every node.
        for occurrence in self.occurrences:  # noqa: SIM110
            if not occurrence.is_reference:
                return True
        return False

    def _first_definition(self) -> Occurrence | None:
        for occurrence in self.occurrences:
            if not occurrence.is_reference:
                return occurrence
        return None

    @property
    def citation(self) -> str | None:
        """A one-line citation from the evidence's data (``cite``, ``source``, ``url``)."""
        return self.cite()

    def cite(self, separator: str = " · ") -> str | None:
        """:attr:`citation`, its parts joined by ``separator``."""
        data = self.data
        parts: list[str] = []
        # "is not None and != ''", not "not in (None, '')": comparing a string to None
        # first is slow, and the exporters ask this of every card.
        for key in ("cite", "source"):
            value = data.get(key)
            if value is not None and value != "":
                parts.append(_cite_line(value) if isinstance(value, dict) else str(value))
        year = data.get("year")
        if parts and year is not None and year != "" and str(year) not in parts[0]:
            parts[0] = f"{parts[0]} ({year})"
        url = data.get("url")
        if url is not None and url != "":
            parts.append(str(url))
        return separator.join(parts) if parts else None

    @property
    def label(self) -> str:
        """The title as written in Argdown: ``[Title]`` or ``<Title>``."""
        return f"<{self.title}>" if self.type == ARGUMENT else f"[{self.title}]"


def _cite_line(value: dict[str, Any]) -> str:
    """A cite given as a mapping (``author``, ``date``, ``source``…: docs/cards.md) on one
    line, as debaters write it: ``Humpert 24, High North News, 3-4-2024``."""
    from argmap.cards import Cite, cite_of

    cite = cite_of({"cite": value}) or Cite()
    return ", ".join(part for part in (cite.short(), cite.line()) if part)


@dataclass(slots=True)
class Edge:
    """A relation: ``source`` supports, attacks, undercuts or contradicts ``target``.

    ``step`` is set for the undercut of an inference: ``target`` is a reconstructed
    argument and ``step`` the index in its :attr:`Node.pcs` of the conclusion the
    undercut inference leads to.
    """

    source: str
    target: str
    relation: str
    spans: list[Span] = field(default_factory=list)
    step: int | None = None

    @property
    def key(self) -> tuple[str, str, str, int | None]:
        """What tells relations apart: one pair of nodes may carry several kinds."""
        return (self.source, self.target, self.relation, self.step)

    @property
    def graph_key(self) -> str:
        """The edge's key in :attr:`ArgumentMap.graph`: the relation, with the step of an
        undercut inference (``undercut@2``)."""
        return self.relation if self.step is None else f"{self.relation}@{self.step}"


@dataclass(frozen=True)
class Adjacency:
    """The relations of a map as lists of node numbers, for the algorithms that visit the
    whole map. Node ``i`` is ``ids[i]``, the ``i``-th of :attr:`ArgumentMap.nodes`, and
    ``number[node_id]`` is ``i``.

    ``supporters[i]`` support (or entail) node ``i`` and ``supports[i]`` are the nodes it
    supports; ``attackers[i]`` attack, undercut, contradict it or are contrary to it and
    ``attacks[i]`` are the nodes it attacks…: a contradiction or a contrary goes both
    ways. A reconstructed argument is supported by its premises and supports its
    conclusions. Each list names a node once, in order of appearance. Everything that
    reads the map shares one :class:`Adjacency` (:attr:`ArgumentMap.adjacency`), whose
    empty lists are one list: read it, do not change it.
    """

    ids: list[str]
    number: dict[str, int]
    supporters: list[list[int]]
    supports: list[list[int]]
    attackers: list[list[int]]
    attacks: list[list[int]]

    @classmethod
    def of(
        cls, node_ids: Iterable[str], edges: Iterable[Edge], reconstructed: Iterable[Node] = ()
    ) -> Adjacency:
        """The lists of ``edges`` between ``node_ids``. The arguments in ``reconstructed``
        are linked to their premise–conclusion structures: each premise supports the
        argument, and the argument supports each conclusion (the inferences seen as
        supports, for the rules that follow chains of support; the evaluation reads the
        structures themselves)."""
        ids = list(node_ids)
        number = dict(zip(ids, range(len(ids)), strict=True))
        # Most nodes attack nothing, and many have no supporter: until a node has an
        # entry in a list, it shares one empty list with every other such node.
        empty: list[int] = []
        supporters, supports = [empty] * len(ids), [empty] * len(ids)
        attackers, attacks = [empty] * len(ids), [empty] * len(ids)
        # One pair of nodes can carry an attack, an undercut and a contradiction: each pair
        # (as source * len(ids) + target) is listed once. A set, as a test on the lists
        # would take quadratic time for a node with many attackers.
        paired: set[int] = set()
        count = len(ids)
        for edge in edges:
            source, target = number[edge.source], number[edge.target]
            if edge.relation in SUPPORTS:
                # A map holds one support per pair of nodes, so these never repeat.
                if supporters[target] is empty:
                    supporters[target] = [source]
                else:
                    supporters[target].append(source)
                if supports[source] is empty:
                    supports[source] = [target]
                else:
                    supports[source].append(target)
                continue
            _add_new(attackers, attacks, source, target, paired, count, empty)
            if edge.relation in SYMMETRIC:
                _add_new(attackers, attacks, target, source, paired, count, empty)
        for argument in reconstructed:
            at = number[argument.id]
            # What supports the argument, and what it supports, already: a relation may
            # say what the structure says (each set as long as the argument's lists).
            below, above = set(supporters[at]), set(supports[at])
            for member in argument.pcs:
                statement = number[member.statement]
                if member.inference is None and statement not in below:
                    below.add(statement)
                    _link(supporters, supports, statement, at, empty)
                elif member.inference is not None and statement not in above:
                    above.add(statement)
                    _link(supporters, supports, at, statement, empty)
        return cls(ids, number, supporters, supports, attackers, attacks)

    def by_id(self, lists: list[list[int]]) -> Mapping[str, list[str]]:
        """``lists`` (one of the above) read by node id, giving node ids."""
        return _ListsById(self, lists)


class _ListsById(Mapping[str, list[str]]):
    def __init__(self, adjacency: Adjacency, lists: list[list[int]]) -> None:
        self._ids = adjacency.ids
        self._number = adjacency.number
        self._lists = lists

    def __getitem__(self, node_id: str) -> list[str]:
        return [self._ids[other] for other in self._lists[self._number[node_id]]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def _link(
    supporters: list[list[int]],
    supports: list[list[int]],
    source: int,
    target: int,
    empty: list[int],
) -> None:
    """List ``source`` as supporting ``target``; ``empty`` is the shared empty list."""
    if supporters[target] is empty:
        supporters[target] = [source]
    else:
        supporters[target].append(source)
    if supports[source] is empty:
        supports[source] = [target]
    else:
        supports[source].append(target)


def _add_new(
    attackers: list[list[int]],
    attacks: list[list[int]],
    source: int,
    target: int,
    paired: set[int],
    count: int,
    empty: list[int],
) -> None:
    """List ``source`` as attacking ``target`` unless ``paired`` says it is listed;
    ``empty`` is the shared empty list."""
    pair = source * count + target
    if pair in paired:
        return
    paired.add(pair)
    if attackers[target] is empty:
        attackers[target] = [source]
    else:
        attackers[target].append(source)
    if attacks[source] is empty:
        attacks[source] = [target]
    else:
        attacks[source].append(target)


class ArgumentMap:
    """A brief read into a graph. Build one with :func:`argmap.load` or :func:`argmap.loads`.

    The map keeps its nodes and relations in dictionaries; the networkx graph
    (:attr:`graph`), :attr:`adjacency` and the index that :meth:`incoming` and
    :meth:`outgoing` read are built from them on first use.
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        front_matter: dict[str, Any] | None = None,
        sections: list[Section] | None = None,
        diagnostics: list[Diagnostic] | None = None,
        file: str = "<string>",
        source: SourceText | None = None,
    ) -> None:
        self.title = title
        self.front_matter: dict[str, Any] = front_matter or {}
        self.sections: list[Section] = sections or []
        self.diagnostics: list[Diagnostic] = diagnostics or []
        self.file = file
        self.source = source
        # The text of every file the map was read from, by name: the brief's, and those
        # it includes (@include), to show the lines that findings point at.
        self.sources: dict[str, SourceText] = {file: source} if source is not None else {}
        self.front_matter_span: Span | None = None
        self._theses: list[str] = []
        self._focus: str | None = None
        self.whole: ArgumentMap | None = None
        """The map this one is part of (see :meth:`restricted`); ``None`` for a whole brief."""
        self._nodes: dict[str, Node] = {}  # by id, in order of first appearance
        # By (source, target, relation, step): see Edge.key.
        self._edges: dict[tuple[str, str, str, int | None], Edge] = {}
        # Built on first use, from the two above:
        self._graph: Any = None
        self._adjacency: Adjacency | None = None
        self._edge_lists: tuple[dict[str, list[Edge]], dict[str, list[Edge]]] | None = None

    # -- building ------------------------------------------------------------------

    def add_node(self, node: Node) -> Node:
        """Add ``node`` (or replace the node with its id, keeping its place)."""
        self._nodes[node.id] = node
        self._adjacency = self._edge_lists = None
        if self._graph is not None:
            self._graph.add_node(node.id, **{NODE_KEY: node})
        return node

    def add_edge(
        self, source: str, target: str, relation: str, span: Span | None, step: int | None = None
    ) -> Edge:
        """Add a relation between two nodes of the map (or one more span of it, if the map
        has it already) and return it; ``step`` as in :class:`Edge`."""
        if relation in SYMMETRIC and (target, source, relation, None) in self._edges:
            # Symmetric: B >< A is the contradiction A >< B already has.
            source, target = target, source
        key = (source, target, relation, step)
        edge = self._edges.get(key)
        if edge is None:
            spans = [] if span is None else [span]
            edge = self._edges[key] = Edge(source, target, relation, spans, step)
            self._adjacency = self._edge_lists = None
            if self._graph is not None:
                self._graph.add_edge(source, target, key=edge.graph_key, **{EDGE_KEY: edge})
        elif span is not None:
            edge.spans.append(span)
        return edge

    def restricted(
        self, keep: set[str], theses: list[str], focus: str | None = None
    ) -> ArgumentMap:
        """A map with only the nodes in ``keep`` and the relations among them, sharing
        their :class:`Node` and :class:`Edge` objects, with ``theses`` as its theses and
        ``focus`` (a node id in ``keep``) as the node its views start from.
        :attr:`whole` is this map (or the map this one is part of)."""
        part = ArgumentMap(
            title=self.title,
            front_matter=self.front_matter,
            sections=self.sections,
            diagnostics=self.diagnostics,
            file=self.file,
            source=self.source,
        )
        part.front_matter_span = self.front_matter_span
        part.sources = self.sources
        part._nodes = {node_id: node for node_id, node in self._nodes.items() if node_id in keep}
        part._edges = {
            key: edge
            for key, edge in self._edges.items()
            if edge.source in keep and edge.target in keep
        }
        part._theses = theses
        part._focus = focus if focus in keep else None
        part.whole = self.whole or self
        return part

    # -- reading -------------------------------------------------------------------

    @property
    def nodes(self) -> list[Node]:
        """Every node, in order of first appearance in the brief."""
        return list(self._nodes.values())

    @property
    def edges(self) -> list[Edge]:
        """Every relation, in order of first appearance in the brief."""
        return list(self._edges.values())

    def __len__(self) -> int:
        return len(self._nodes)

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def node(self, node_id: str) -> Node:
        """The node with this id (``KeyError`` if there is none)."""
        return self._nodes[node_id]

    def find(self, title: str, type: str | None = None) -> Node | None:
        """The node with this title; ``[T]``/``<T>`` pick the namespace, else statements first."""
        if len(title) >= 2 and title[0] == "[" and title[-1] == "]":
            title, type = title[1:-1], STATEMENT
        elif len(title) >= 2 and title[0] == "<" and title[-1] == ">":
            title, type = title[1:-1], ARGUMENT
        for candidate in (STATEMENT, ARGUMENT) if type is None else (type,):
            node = self._nodes.get(node_id_for(candidate, title))
            if node is not None:
                return node
        return None

    def find_edge(
        self, source: str, target: str, relation: str, step: int | None = None
    ) -> Edge | None:
        """The relation ``source`` → ``target`` of this kind, if the map has it."""
        return self._edges.get((source, target, relation, step))

    def incoming(self, node_id: str) -> list[Edge]:
        """Relations whose target is this node (those from one source together)."""
        return list(self._edges_by_node()[0].get(node_id, ()))

    def outgoing(self, node_id: str) -> list[Edge]:
        """Relations whose source is this node (those to one target together)."""
        return list(self._edges_by_node()[1].get(node_id, ()))

    def _edges_by_node(self) -> tuple[dict[str, list[Edge]], dict[str, list[Edge]]]:
        """Each node's incoming and outgoing relations, grouped by the node at the other
        end in order of first appearance, as networkx lists them."""
        if self._edge_lists is None:
            incoming: dict[str, dict[str, list[Edge]]] = {}
            outgoing: dict[str, dict[str, list[Edge]]] = {}
            for edge in self._edges.values():
                incoming.setdefault(edge.target, {}).setdefault(edge.source, []).append(edge)
                outgoing.setdefault(edge.source, {}).setdefault(edge.target, []).append(edge)
            self._edge_lists = (
                {node_id: _flatten(groups) for node_id, groups in incoming.items()},
                {node_id: _flatten(groups) for node_id, groups in outgoing.items()},
            )
        return self._edge_lists

    @property
    def adjacency(self) -> Adjacency:
        """Who supports and attacks whom, by node number (see :class:`Adjacency`)."""
        if self._adjacency is None:
            reconstructed = [node for node in self._nodes.values() if node.pcs]
            self._adjacency = Adjacency.of(self._nodes, self._edges.values(), reconstructed)
        return self._adjacency

    @property
    def graph(self) -> Any:
        """The map as a :class:`networkx.MultiDiGraph`: nodes are ids with the attribute
        ``node`` (the :class:`Node`), edges are keyed by relation with the attribute
        ``edge`` (the :class:`Edge`). Built on first use and kept up to date by
        :meth:`add_node` and :meth:`add_edge`; changing it does not change the map."""
        if self._graph is None:
            import networkx as nx

            graph = nx.MultiDiGraph()
            graph.add_nodes_from((node.id, {NODE_KEY: node}) for node in self._nodes.values())
            graph.add_edges_from(
                (edge.source, edge.target, edge.graph_key, {EDGE_KEY: edge})
                for edge in self._edges.values()
            )
            self._graph = graph
        return self._graph

    @property
    def theses(self) -> list[Node]:
        """The brief's theses: tagged ``#thesis`` or named by front matter ``thesis:``;
        without either, the roots (nodes that support or attack nothing)."""
        return [self._nodes[node_id] for node_id in self._theses]

    @property
    def focus(self) -> Node | None:
        """The node a part chosen around one node (``--focus``) is about: views start
        there. It is not a thesis unless the brief makes it one."""
        return None if self._focus is None else self._nodes[self._focus]

    @property
    def roots(self) -> list[Node]:
        """Where a view of the map starts: the focus, if there is one, then the theses."""
        focus = self.focus
        if focus is None:
            return self.theses
        return [focus, *[node for node in self.theses if node is not focus]]

    def section_parents(self) -> dict[str, str | None]:
        """Each section's parent (``None`` at the top), in the brief's order. A parent
        that does not exist, or one that would close a cycle (only a hand-built map can
        have one), counts as none, so that every section has a place."""
        parents: dict[str, str | None] = {}
        for section in self.sections:
            parents.setdefault(section.id, section.parent)
        for sid, parent in parents.items():
            if parent not in parents:
                parents[sid] = None
        done: set[str] = set()
        for sid in parents:
            path: list[str] = []
            current: str | None = sid
            while current is not None and current not in done and current not in path:
                path.append(current)
                current = parents[current]
            if current is not None and current in path:
                parents[current] = None  # break the cycle where it closes
            done.update(path)
        return parents

    def section(self, section_id: str | None) -> Section | None:
        for section in self.sections:
            if section.id == section_id:
                return section
        return None

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def node_id_for(node_type: str, title: str) -> str:
    """A node's id: its namespace and title, stable however the brief is reordered."""
    return f"{node_type}:{title}"


def build(parsed: ParseResult) -> ArgumentMap:
    """Group a parse's occurrences into nodes (same title = same node) and relations."""
    front = parsed.front_matter
    title = front.get("title")
    amap = ArgumentMap(
        title=str(title) if title is not None else None,
        front_matter=front,
        sections=parsed.sections,
        diagnostics=list(parsed.diagnostics),
        file=parsed.source.name,
        source=parsed.source,
    )
    amap.front_matter_span = parsed.front_matter_span
    nodes = amap._nodes
    ids: list[str] = []  # the node id of each occurrence (the node's own string)
    merged: list[Node] = []  # the nodes written more than once
    for occurrence in parsed.occurrences:
        node_id = node_id_for(occurrence.type, occurrence.title)
        node = nodes.get(node_id)
        if node is None:
            node = nodes[node_id] = _node(node_id, occurrence)
        else:
            if len(node.occurrences) == 1:
                merged.append(node)
            node.occurrences.append(occurrence)
        ids.append(node.id)
    if merged:
        order = _member_order(parsed)
        places: dict[str, list[int]] = {node.id: [] for node in merged}
        for index, node_id in enumerate(ids):
            if node_id in places:
                places[node_id].append(index)
        occurrences = parsed.occurrences
        for node in merged:
            _merge(node, [occurrences[i] for i in sorted(places[node.id], key=order)])
    settings = ModelSettings.of(front)
    if not parsed.reconstructions and not settings.strict:
        for relation in parsed.relations:
            amap.add_edge(
                ids[relation.source], ids[relation.target], relation.relation, relation.span
            )
    else:
        _interpret(amap, parsed, ids, settings)
    amap._theses = _find_theses(amap, parsed)
    return amap


def _interpret(
    amap: ArgumentMap, parsed: ParseResult, ids: list[str], settings: ModelSettings
) -> None:
    """Add the relations of a brief with premise–conclusion structures or in strict mode,
    as Argdown interprets them (in this order):

    - each reconstructed argument gets its premise–conclusion structure; its outgoing
      relations are its main conclusion's (a support of the main conclusion itself goes
      without saying), and an undercut of the argument undercuts its last inference
      (unless ``model: {transformArgumentRelations: false}``: then they stay as written);
    - in strict mode (front matter ``model: {mode: strict}``) a support between two
      statements is ``entails`` and an attack ``contrary``, which is symmetric;
    - an attack of a statement on a reconstructed argument is dropped when the statement
      already attacks, contradicts or is contrary to one of the argument's premises (that
      relation says it; the spans join it).
    """
    nodes = amap._nodes
    transform = settings.transform_argument_relations
    for reconstruction in parsed.reconstructions:
        argument = nodes[ids[reconstruction.argument]]
        argument.pcs = tuple(
            PcsMember(
                ids[member.occurrence], member.role, member.number, member.inference, member.span
            )
            for member in reconstruction.members
        )
    relations: list[tuple[str, str, str, Span, int | None]] = []
    for relation in parsed.relations:
        source, target = ids[relation.source], ids[relation.target]
        kind, step = relation.relation, relation.step
        pcs = nodes[source].pcs
        if pcs and transform:
            source = pcs[-1].statement
            if source == target and kind == "support":
                continue
        pcs = nodes[target].pcs
        if kind == "undercut" and pcs:
            if step is None and not transform:
                pass  # it undercuts the argument as a whole, as written
            elif step is None or step >= len(pcs) or pcs[step].inference is None:
                step = len(pcs) - 1
        else:
            step = None
        both_statements = nodes[source].type == STATEMENT and nodes[target].type == STATEMENT
        if settings.strict and both_statements and kind in ("support", "attack"):
            kind = "entails" if kind == "support" else "contrary"
        relations.append((source, target, kind, relation.span, step))
    # Who attacks whom among statements: (source, target, kind), symmetric ones both ways.
    attacks = {(s, t, k) for s, t, k, _, _ in relations if k == "attack" or k in SYMMETRIC}
    attacks |= {(t, s, k) for s, t, k in attacks if k in SYMMETRIC}
    said_otherwise: list[tuple[tuple[str, str, str, None], Span]] = []
    for source, target, kind, span, step in relations:
        pcs = nodes[target].pcs
        if kind == "attack" and pcs and nodes[source].type == STATEMENT:
            said = _attack_on_a_premise(source, pcs, attacks)
            if said is not None:
                said_otherwise.append((said, span))
                continue
        amap.add_edge(source, target, kind, span, step)
    for (source, target, kind, _), span in said_otherwise:
        edge = (
            amap._edges.get((source, target, kind, None))
            or amap._edges[(target, source, kind, None)]
        )
        edge.spans.append(span)


def _attack_on_a_premise(
    statement: str, pcs: tuple[PcsMember, ...], attacks: set[tuple[str, str, str]]
) -> tuple[str, str, str, None] | None:
    """The relation by which ``statement`` attacks, contradicts or is contrary to a
    premise of ``pcs``, if it has one."""
    for member in pcs:
        if member.role != PREMISE:
            continue
        for kind in ("attack", "contradiction", "contrary"):
            if (statement, member.statement, kind) in attacks:
                return (statement, member.statement, kind, None)
    return None


def _node(node_id: str, occurrence: Occurrence) -> Node:
    """The node of a title written once, at ``occurrence``: what :func:`_merge` makes of
    one occurrence, without its loops (almost every node of a brief is written once).
    Its tags and data are the occurrence's own: copies would double the memory a large
    brief takes for them, and nothing changes either after reading."""
    tags = occurrence.tags
    data = occurrence.data
    text = plain_text = None
    if not occurrence.is_reference and (occurrence.type != STATEMENT or occurrence.text):
        text, plain_text = occurrence.text, occurrence.plain_text
    return Node(
        node_id,
        occurrence.title,
        occurrence.type,
        "evidence" if _is_evidence(occurrence.type, tags, data) else "claim",
        text,
        plain_text,
        tags,
        data,
        occurrence.section,
        occurrence.untitled,
        [occurrence],
    )


def _member_order(parsed: ParseResult) -> Callable[[int], tuple[int, int]]:
    """The order in which Argdown's model takes the occurrences of a node, as a sort key
    of their indices (in :attr:`ParseResult.occurrences`, in source order).

    Argdown adds a statement or argument to its node when it has read everything written
    under it: the relations below a line come before the line itself. So in

        [A]: first
          + [B]: b
            + [A]: second

    the nested ``second`` comes first and ``first``, the last definition, is the text.
    Apart from that (occurrences in different blocks, or side by side in one tree) the
    order is the source order. Occurrence ``i`` whose relation tree ends before
    occurrence ``end`` comes in the order of ``(end, -i)``.
    """
    ends: dict[int, int] = {}  # occurrence → the first occurrence after its relation tree
    end_of = ends.get
    # A relation is written under the occurrence read first (its parent) and found as its
    # child is read, so children come in source order; the undercut of an inference
    # (``step``) hangs under an inference line, not under its argument.
    for relation in reversed(parsed.relations):
        parent, child = relation.source, relation.target
        if child < parent:
            parent, child = child, parent
        end = end_of(child, child + 1)
        if end > end_of(parent, parent + 1) and relation.step is None:
            ends[parent] = end

    def key(index: int) -> tuple[int, int]:
        return end_of(index, index + 1), -index

    return key


def _merge(node: Node, in_order: list[Occurrence]) -> None:
    """Merge every occurrence of ``node`` into its fields, taken ``in_order`` (Argdown's,
    see :func:`_member_order`)."""
    canonical: Occurrence | None = None
    section: str | None = None
    in_group = False  # a definition marked {isInGroup: true} decides the section
    node.tags, node.data = [], {}
    tags: dict[str, None] = {}  # an ordered set: a test on a list is quadratic in tags
    for occurrence in in_order:
        tags.update(dict.fromkeys(occurrence.tags))
        if occurrence.data:
            _deep_merge(node.data, occurrence.data)
        if occurrence.is_reference:
            continue
        if section is None and occurrence.data.get("isInGroup") is not False:
            section = occurrence.section
        if occurrence.data.get("isInGroup") is True and not in_group:
            section, in_group = occurrence.section, True
        if canonical is None or not _is_canonical(canonical):
            canonical = occurrence
    node.tags = list(tags)
    node.section = section if section is not None else node.occurrences[0].section
    node.text = node.plain_text = None
    if canonical is not None:
        # An empty statement definition (`[A]:` alone) has no text, as in Argdown.
        empty = node.type == STATEMENT and not canonical.text
        node.text = None if empty else canonical.text
        node.plain_text = None if empty else canonical.plain_text
    node.kind = "evidence" if _is_evidence(node.type, node.tags, node.data) else "claim"


def _is_evidence(node_type: str, tags: list[str], data: dict[str, Any]) -> bool:
    """Whether a node is evidence: a statement tagged or cited as such. An argument is
    never evidence, whatever its data names: evidence is what an argument rests on."""
    return node_type == STATEMENT and (not EVIDENCE_TAGS.isdisjoint(tags) or has_citation(data))


def has_citation(data: dict[str, Any]) -> bool:
    """Whether a node's data names a source: a ``cite``, ``source`` or ``url`` value."""
    if not data:
        return False
    # A loop, not any() over a generator: several times faster, and it runs for every node.
    for key in EVIDENCE_DATA_KEYS:  # noqa: SIM110
        if data.get(key) not in (None, ""):
            return True
    return False


def _is_canonical(occurrence: Occurrence) -> bool:
    return occurrence.data.get("isCanonical") is True


def _deep_merge(target: dict[str, Any], source: dict[str, Any]) -> None:
    """Merge ``source`` into ``target`` as Argdown does: nested mappings merge key by key,
    lists index by index, and otherwise the later value wins."""
    if not target:  # the first data merged into a node
        target.update(_copy_data(source))
        return
    stack: list[tuple[Any, Any]] = [(target, source)]
    while stack:
        into, from_ = stack.pop()
        keys = from_.keys() if isinstance(from_, dict) else range(len(from_))
        for key in keys:
            value = from_[key]
            if isinstance(into, list) and key >= len(into):
                into.append(_copy(value))
                continue
            existing = into.get(key) if isinstance(into, dict) else into[key]
            if (isinstance(existing, dict) and isinstance(value, dict)) or (
                isinstance(existing, list) and isinstance(value, list)
            ):
                stack.append((existing, value))
            else:
                into[key] = _copy(value)


def _copy_data(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of a node's data: :func:`_copy`, whose loops most data (flat) does not need."""
    copy = dict(data)
    for value in copy.values():
        if isinstance(value, (dict, list)):
            nested: dict[str, Any] = _copy(copy)
            return nested
    return copy


def _copy(value: Any) -> Any:
    """A copy of nested data, so that merging into a node never changes an occurrence.

    Iterative: data may nest as deep as YAML allows."""
    if not isinstance(value, (dict, list)):
        return value
    root = dict(value) if isinstance(value, dict) else list(value)
    stack: list[Any] = [root]  # copies whose inner mappings and lists are not copied yet
    while stack:
        copy = stack.pop()
        for key, inner in copy.items() if isinstance(copy, dict) else enumerate(copy):
            if isinstance(inner, (dict, list)):
                copy[key] = inner = dict(inner) if isinstance(inner, dict) else list(inner)
                stack.append(inner)
    return root


def _flatten(groups: dict[str, list[Edge]]) -> list[Edge]:
    return [edge for edges in groups.values() for edge in edges]


def _find_theses(amap: ArgumentMap, parsed: ParseResult) -> list[str]:
    # An ordered set: front matter may name many theses.
    theses = dict.fromkeys(node.id for node in amap.nodes if THESIS_TAG in node.tags)
    named = amap.front_matter.get("thesis")
    if named is not None:
        names = named if isinstance(named, list) else [named]
        span = parsed.front_matter_span or Span(amap.file, 1, 1, 1, 1)
        suggester = None
        for name in names:
            node = amap.find(str(name)) if isinstance(name, (str, int, float)) else None
            if node is None:
                if suggester is None:
                    from argmap.suggest import Suggester

                    suggester = Suggester(n.title for n in amap.nodes)
                hint = suggester.hint(str(name), "")
                amap.diagnostics.append(
                    Diagnostic(
                        FRONT_MATTER.code,
                        FRONT_MATTER.name,
                        Severity.ERROR,
                        f"front matter names thesis {str(name)!r}, but no statement or "
                        f"argument has that title{hint}",
                        span,
                    )
                )
            else:
                theses[node.id] = None
    if theses:
        return list(theses)
    # The roots: nodes that support, attack or undercut nothing. The premises of a
    # reconstructed argument support it, and it supports its conclusions.
    sources = {edge.source for edge in amap.edges if edge.relation not in SYMMETRIC}
    for node in amap.nodes:
        if node.pcs:
            sources.add(node.id)
            sources.update(m.statement for m in node.pcs[:-1])
    return [node.id for node in amap.nodes if node.id not in sources]
