"""The argument map: nodes (statements and arguments) and relations, over networkx.

:class:`ArgumentMap` is a typed façade over a :class:`networkx.MultiDiGraph` whose nodes
are ids and whose edges are keyed by relation, so one pair of nodes can carry, say, both a
support and an attack (a finding, not something to lose).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from argmap.diagnostics import Diagnostic, Severity
from argmap.source import SourceText, Span
from argmap.syntax.parser import ARGUMENT, STATEMENT, Occurrence, ParseResult, Section

__all__ = [
    "EVIDENCE_DATA_KEYS",
    "EVIDENCE_TAGS",
    "RELATIONS",
    "ArgumentMap",
    "Edge",
    "Node",
    "build",
]

RELATIONS = ("support", "attack", "undercut", "contradiction")
EVIDENCE_TAGS = frozenset({"evidence", "card"})
EVIDENCE_DATA_KEYS = ("cite", "source", "url")
THESIS_TAG = "thesis"

# Keys of node and edge attributes in the networkx graph.
NODE_KEY = "node"
EDGE_KEY = "edge"

FRONT_MATTER_CODE = "AM002"
FRONT_MATTER_RULE = "front-matter"


@dataclass
class Node:
    """A statement (an Argdown equivalence class) or an argument.

    ``text`` is the canonical text: the definition marked ``{isCanonical: true}``, else
    the last definition; ``None`` when the title is only ever referenced. ``occurrences``
    keeps every place the title is written, definitions and references, in source order.
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

    @property
    def span(self) -> Span:
        """Where the node is first defined (or first written, if never defined)."""
        for occurrence in self.occurrences:
            if not occurrence.is_reference:
                return occurrence.span
        return self.occurrences[0].span

    @property
    def spans(self) -> list[Span]:
        return [occurrence.span for occurrence in self.occurrences]

    @property
    def is_evidence(self) -> bool:
        return self.kind == "evidence"

    @property
    def is_defined(self) -> bool:
        return any(not occurrence.is_reference for occurrence in self.occurrences)

    @property
    def citation(self) -> str | None:
        """A one-line citation from the evidence's data (``cite``, ``source``, ``url``)."""
        parts: list[str] = []
        for key in ("cite", "source"):
            value = self.data.get(key)
            if value not in (None, ""):
                parts.append(str(value))
        year = self.data.get("year")
        if parts and year not in (None, "") and str(year) not in parts[0]:
            parts[0] = f"{parts[0]} ({year})"
        url = self.data.get("url")
        if url not in (None, ""):
            parts.append(str(url))
        return " · ".join(parts) if parts else None

    @property
    def label(self) -> str:
        """The title as written in Argdown: ``[Title]`` or ``<Title>``."""
        return f"<{self.title}>" if self.type == ARGUMENT else f"[{self.title}]"


@dataclass
class Edge:
    """A relation: ``source`` supports, attacks, undercuts or contradicts ``target``."""

    source: str
    target: str
    relation: str
    spans: list[Span] = field(default_factory=list)


class ArgumentMap:
    """A brief read into a graph. Build one with :func:`argmap.load` or :func:`argmap.loads`."""

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
        self.graph: Any = nx.MultiDiGraph()
        self.title = title
        self.front_matter: dict[str, Any] = front_matter or {}
        self.sections: list[Section] = sections or []
        self.diagnostics: list[Diagnostic] = diagnostics or []
        self.file = file
        self.source = source
        self.front_matter_span: Span | None = None
        self._theses: list[str] = []
        self._edges: list[Edge] = []

    # -- building ------------------------------------------------------------------

    def add_node(self, node: Node) -> Node:
        self.graph.add_node(node.id, **{NODE_KEY: node})
        return node

    def add_edge(self, source: str, target: str, relation: str, span: Span | None) -> Edge:
        if relation == "contradiction" and self.graph.has_edge(target, source, key=relation):
            # Symmetric: B >< A is the contradiction A >< B already has.
            source, target = target, source
        if self.graph.has_edge(source, target, key=relation):
            edge: Edge = self.graph.edges[source, target, relation][EDGE_KEY]
        else:
            edge = Edge(source, target, relation)
            self.graph.add_edge(source, target, key=relation, **{EDGE_KEY: edge})
            self._edges.append(edge)
        if span is not None:
            edge.spans.append(span)
        return edge

    # -- reading -------------------------------------------------------------------

    @property
    def nodes(self) -> list[Node]:
        """Every node, in order of first appearance in the brief."""
        return [data[NODE_KEY] for _, data in self.graph.nodes(data=True)]

    @property
    def edges(self) -> list[Edge]:
        """Every relation, in order of first appearance in the brief."""
        return list(self._edges)

    def __len__(self) -> int:
        return int(self.graph.number_of_nodes())

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes)

    def __contains__(self, node_id: object) -> bool:
        return bool(self.graph.has_node(node_id))

    def node(self, node_id: str) -> Node:
        """The node with this id (``KeyError`` if there is none)."""
        node: Node = self.graph.nodes[node_id][NODE_KEY]
        return node

    def find(self, title: str, type: str | None = None) -> Node | None:
        """The node with this title; ``[T]``/``<T>`` pick the namespace, else statements first."""
        if len(title) >= 2 and title[0] == "[" and title[-1] == "]":
            title, type = title[1:-1], STATEMENT
        elif len(title) >= 2 and title[0] == "<" and title[-1] == ">":
            title, type = title[1:-1], ARGUMENT
        for candidate in (STATEMENT, ARGUMENT) if type is None else (type,):
            node_id = node_id_for(candidate, title)
            if node_id in self:
                return self.node(node_id)
        return None

    def incoming(self, node_id: str) -> list[Edge]:
        """Relations whose target is this node."""
        return [data[EDGE_KEY] for _, _, data in self.graph.in_edges(node_id, data=True)]

    def outgoing(self, node_id: str) -> list[Edge]:
        """Relations whose source is this node."""
        return [data[EDGE_KEY] for _, _, data in self.graph.out_edges(node_id, data=True)]

    @property
    def theses(self) -> list[Node]:
        """The brief's theses: tagged ``#thesis`` or named by front matter ``thesis:``;
        without either, the roots (nodes that support or attack nothing)."""
        return [self.node(node_id) for node_id in self._theses]

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
    ids: list[str] = []
    graph_nodes = amap.graph.nodes
    for occurrence in parsed.occurrences:
        node_id = node_id_for(occurrence.type, occurrence.title)
        ids.append(node_id)
        entry = graph_nodes.get(node_id)
        if entry is None:
            node = amap.add_node(
                Node(node_id, occurrence.title, occurrence.type, untitled=occurrence.untitled)
            )
        else:
            node = entry[NODE_KEY]
        node.occurrences.append(occurrence)
    for node in amap.nodes:
        _merge(node)
    for relation in parsed.relations:
        amap.add_edge(ids[relation.source], ids[relation.target], relation.relation, relation.span)
    amap._theses = _find_theses(amap, parsed)
    return amap


def _merge(node: Node) -> None:
    canonical: Occurrence | None = None
    section: str | None = None
    in_group = False  # a definition marked {isInGroup: true} decides the section
    for occurrence in node.occurrences:
        for tag in occurrence.tags:
            if tag not in node.tags:
                node.tags.append(tag)
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
    node.section = section if section is not None else node.occurrences[0].section
    if canonical is not None:
        # An empty statement definition (`[A]:` alone) has no text, as in Argdown.
        empty = node.type == STATEMENT and not canonical.text
        node.text = None if empty else canonical.text
        node.plain_text = None if empty else canonical.plain_text
    if EVIDENCE_TAGS.intersection(node.tags) or any(
        node.data.get(key) not in (None, "") for key in EVIDENCE_DATA_KEYS
    ):
        node.kind = "evidence"


def _is_canonical(occurrence: Occurrence) -> bool:
    return occurrence.data.get("isCanonical") is True


def _deep_merge(target: dict[str, Any], source: dict[str, Any]) -> None:
    """Merge ``source`` into ``target`` as Argdown does: nested mappings merge key by key,
    lists index by index, and otherwise the later value wins."""
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


def _copy(value: Any) -> Any:
    """A copy of nested data, so that merging into a node never changes an occurrence.

    Iterative: data may nest as deep as YAML allows."""
    if not isinstance(value, (dict, list)):
        return value
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(value, root, 0)]
    while stack:
        item, container, key = stack.pop()
        if isinstance(item, dict):
            new: dict[str, Any] = dict(item)
            container[key] = new
            stack.extend((v, new, k) for k, v in item.items() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            new_list = list(item)
            container[key] = new_list
            stack.extend(
                (v, new_list, i) for i, v in enumerate(item) if isinstance(v, (dict, list))
            )
        else:
            container[key] = item
    return root[0]


def _find_theses(amap: ArgumentMap, parsed: ParseResult) -> list[str]:
    theses = [node.id for node in amap.nodes if THESIS_TAG in node.tags]
    named = amap.front_matter.get("thesis")
    if named is not None:
        names = named if isinstance(named, list) else [named]
        span = parsed.front_matter_span or Span(amap.file, 1, 1, 1, 1)
        for name in names:
            node = amap.find(str(name)) if isinstance(name, (str, int, float)) else None
            if node is None:
                amap.diagnostics.append(
                    Diagnostic(
                        FRONT_MATTER_CODE,
                        FRONT_MATTER_RULE,
                        Severity.ERROR,
                        f"front matter names thesis {str(name)!r}, but no statement or "
                        "argument has that title",
                        span,
                    )
                )
            elif node.id not in theses:
                theses.append(node.id)
    if theses:
        return theses
    graph = amap.graph
    return [
        node_id
        for node_id in graph.nodes
        if not any(key != "contradiction" for _, _, key in graph.out_edges(node_id, keys=True))
    ]
