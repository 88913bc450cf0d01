"""The AIF export: the map as AIFdb JSON, the Argument Interchange Format as exchanged by
AIFdb and loaded by OVA ("db format") and by arguebuf.

Shape: ``{"nodes": [...], "edges": [...], "locutions": [], "participants": []}``.

- Every statement and argument is an ``I`` node (information). Its ``text`` is the
  node's text without bold and italic markers (tags stay, as written), or its title when
  it has no text; a citation from the node's data (``cite``, ``source``, ``year``,
  ``url``) is appended in square brackets, ``"text [Doe (2019) · https://…]"``, since
  AIF has no field for sources.
- A support is an ``RA`` node ("Default Inference"): premise → RA → conclusion.
- An attack is a ``CA`` node ("Default Conflict"): attacker → CA → attacked.
- An undercut attacks an inference, attacker → CA → RA, one CA per RA attacked. The
  inference of the undercut node is its support of what it supports (in Argdown one
  undercuts an argument, and an argument's inference leads to its conclusion), so the
  CAs point at the RAs of the supports the node gives. A node that supports nothing but
  is supported has its inferences the other way: the CAs point at the RAs of the
  supports it gets (the undercut says its reasons do not establish it). A node with
  neither has no inference to attack: the undercut becomes a conflict with the node
  itself (attacker → CA → I), and that CA's text says so: "Default Conflict (undercut of
  a node without inference)".
- A contradiction is two ``CA`` nodes, one each way (A → CA → B, B → CA → A).
- In strict mode (front matter ``model: {mode: strict}``) entails is a support and
  contrary a contradiction: AIF has no finer kinds.
- A reconstructed argument (one with a premise–conclusion structure) is its inferences:
  each is one ``RA`` node whose premises all lead into it (linked premises: together
  they support the conclusion) and which leads to its conclusion. Its text is the
  inference's rules, joined with ``", "`` (``-- modus ponens --`` gives
  ``"modus ponens"``), or "Default Inference" without rules. An undercut of one
  inference is attacker → CA → that inference's RA. The argument keeps its I node, for
  the relations about the argument as a whole; members the map leaves out (``--focus``,
  ``--section``) are left out of the inferences too.

Every node has ``nodeID``, ``text``, ``type`` and ``timestamp``; every edge ``edgeID``,
``fromID``, ``toID`` and ``formEdgeID: null``. Ids are strings counted from ``"1"``:
the I nodes in the brief's order, then the RAs of the reconstructed arguments (argument
by argument, inference by inference), then the S nodes in the order of the relations
(nodes and edges are counted separately); the edges of the inferences come first too.
The timestamp is the fixed ``"1970-01-01 00:00:00"`` (AIFdb's format; the export has no
time of its own), so the output is deterministic. Verdicts and findings have no place in
AIF and are left out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from argmap.diagnostics import Diagnostic
from argmap.evaluate import Evaluation
from argmap.model import SUPPORTS, SYMMETRIC, ArgumentMap, Node

__all__ = [
    "BINARY",
    "CONFLICT",
    "EXPORTS",
    "INFERENCE",
    "NAME",
    "SUFFIX",
    "TIMESTAMP",
    "UNDERCUT_WITHOUT_INFERENCE",
    "export",
    "to_aif",
]

# What this module exports (read by argmap.exporters.formats()): --format name → file
# suffixes, the usual first.
EXPORTS = {"aif": (".aif",)}
BINARY = False
NAME = next(iter(EXPORTS))
SUFFIX = EXPORTS[NAME][0]

TIMESTAMP = "1970-01-01 00:00:00"
INFERENCE = "Default Inference"
CONFLICT = "Default Conflict"
UNDERCUT_WITHOUT_INFERENCE = "Default Conflict (undercut of a node without inference)"


def _i_text(node: Node) -> str:
    text = node.plain_text if node.plain_text else node.title
    citation = node.citation
    return f"{text} [{citation}]" if citation else text


def _scheme_name(argument: Node, step: int) -> str:
    """The text of an inference's RA: its rules, or the default inference."""
    inference = argument.pcs[step].inference
    rules = ", ".join(inference.rules) if inference is not None else ""
    return rules or INFERENCE


def _node(node_id: str, text: str, kind: str) -> dict[str, Any]:
    return {"nodeID": node_id, "text": text, "type": kind, "timestamp": TIMESTAMP}


def to_aif(amap: ArgumentMap) -> dict[str, Any]:
    """The map as an AIFdb JSON object (see the module's documentation)."""
    nodes = [_node(str(index), _i_text(node), "I") for index, node in enumerate(amap.nodes, 1)]
    ids = {node.id: str(index) for index, node in enumerate(amap.nodes, 1)}

    def scheme(kind: str, text: str) -> str:
        node_id = str(len(nodes) + 1)
        nodes.append(_node(node_id, text, kind))
        return node_id

    # The RAs of the reconstructed arguments' inferences, by (argument id, index of the
    # conclusion in its structure), so that undercuts of an inference can point at them.
    # An inference whose conclusion or every premise the map leaves out has none: AIF
    # wants premises and one conclusion for each RA.
    inferences: dict[tuple[str, int], str] = {}
    lines: list[tuple[list[str], str, str]] = []  # (premises' I, RA, conclusion's I)
    for argument in (node for node in amap.nodes if node.pcs):
        for step in argument.steps:
            premises = [ids[p] for p in argument.premises_of(step) if p in ids]
            conclusion = ids.get(argument.pcs[step].statement)
            if premises and conclusion is not None:
                ra = inferences[argument.id, step] = scheme("RA", _scheme_name(argument, step))
                lines.append((premises, ra, conclusion))

    # Then the S nodes, in the order of the relations, so that an undercut can point at
    # the RA of a support written after it.
    supports = [edge for edge in amap.edges if edge.relation in SUPPORTS]
    schemes: list[list[str]] = []
    made_by: dict[str, list[str]] = {}  # node id → the RAs of the supports it gives
    made_for: dict[str, list[str]] = {}  # node id → the RAs of the supports it gets
    for edge in amap.edges:
        if edge.relation in SUPPORTS:
            ra = scheme("RA", INFERENCE)
            schemes.append([ra])
            made_by.setdefault(edge.source, []).append(ra)
            made_for.setdefault(edge.target, []).append(ra)
        elif edge.relation in SYMMETRIC:
            schemes.append([scheme("CA", CONFLICT), scheme("CA", CONFLICT)])
        elif edge.step is not None:  # an undercut of one inference
            text = (
                CONFLICT if (edge.target, edge.step) in inferences else UNDERCUT_WITHOUT_INFERENCE
            )
            schemes.append([scheme("CA", text)])
        elif edge.relation == "undercut":
            count = sum(1 for e in supports if e.source == edge.target) or sum(
                1 for e in supports if e.target == edge.target
            )
            text = CONFLICT if count else UNDERCUT_WITHOUT_INFERENCE
            schemes.append([scheme("CA", text) for _ in range(max(count, 1))])
        else:
            schemes.append([scheme("CA", CONFLICT)])

    edges: list[dict[str, Any]] = []

    def link(source: str, target: str) -> None:
        edges.append(
            {"edgeID": str(len(edges) + 1), "fromID": source, "toID": target, "formEdgeID": None}
        )

    for premises, ra, conclusion in lines:
        for premise in premises:
            link(premise, ra)
        link(ra, conclusion)
    for edge, s_nodes in zip(amap.edges, schemes, strict=True):
        source, target = ids[edge.source], ids[edge.target]
        if edge.step is not None:  # an undercut of one inference, if the map has it
            targets = [(source, inferences.get((edge.target, edge.step), target))]
        elif edge.relation in SYMMETRIC:
            targets = [(source, target), (target, source)]
        elif edge.relation == "undercut" and (
            made_by.get(edge.target) or made_for.get(edge.target)
        ):
            attacked = made_by.get(edge.target) or made_for[edge.target]
            targets = [(source, ra) for ra in attacked]
        else:
            targets = [(source, target)]
        for s_node, (start, end) in zip(s_nodes, targets, strict=True):
            link(start, s_node)
            link(s_node, end)
    return {"nodes": nodes, "edges": edges, "locutions": [], "participants": []}


def export(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
) -> str:
    """The exporter interface (see :mod:`argmap.exporters`): AIF JSON, two-space
    indents, UTF-8 kept, a final newline."""
    return json.dumps(to_aif(amap), indent=2, ensure_ascii=False) + "\n"
