"""Reading the Argumentative Microtext corpus's XML (``arggraph.dtd``).

``<arggraph>`` holds ``<edu id>`` text segments (``<joint id>`` joins several),
``<adu id type="pro|opp">`` units and
``<edge id src trg type>`` edges: ``seg`` (an EDU is part of an ADU), ``sup`` and ``exa``
(support, by example), ``reb`` (rebut: attack an ADU), ``und`` (undercut: attack an
edge) and ``add`` (join an edge as a further, linked premise). The mapping is in
docs/imports.md:

- an ADU is a statement titled by its id, its text the text of its EDUs; its
  ``type`` is kept as ``role`` data (``proponent`` or ``opponent``);
- ``sup``/``exa`` is a support; with ``add`` premises, or undercut, it is a
  reconstructed argument ``<c2>`` (the edge's id) whose premises are linked (rule
  ``example`` for ``exa``);
- ``reb`` is an attack; ``und`` on a support undercuts its inference; ``und`` on a
  ``reb`` or ``und`` (an attack on an attack) undercuts that edge's source, the nearest
  the map comes to it;
- the central claim (the ADU with no outgoing edge) is tagged ``#thesis``.

The XML is read with defusedxml: a DTD's entities and external references are refused,
so no file can make the reader expand entities or fetch anything.
"""

from __future__ import annotations

import re
from typing import Any, NoReturn

from argmap.importers.draft import (
    ATTACK,
    SUPPORT,
    UNDERCUT,
    Argument,
    Claim,
    Draft,
    ImportFailure,
    Place,
    Relation,
    fail,
    places,
)

__all__ = ["NAME", "read"]

NAME = "microtext"

_ELEMENT_ID = re.compile(r"<(edu|adu|edge)\b[^>]*?\bid\s*=\s*[\"']([^\"']*)[\"']")
_DECLARATION = re.compile(r"""<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
_SUPPORTS = {"sup": None, "exa": "example"}
_ROLES = {"pro": "proponent", "opp": "opponent"}
_TYPES = frozenset({"seg", "sup", "exa", "add", "reb", "und"})


class _Reader:
    def __init__(self, text: str, name: str) -> None:
        self.name = name
        matches = list(_ELEMENT_ID.finditer(text))
        found = places(text, [match.start() for match in matches])
        self.places: dict[str, Place] = {}
        for match, place in zip(matches, found, strict=True):
            self.places.setdefault(match.group(2), place)

    def place(self, element_id: str) -> Place:
        return self.places.get(element_id, Place(1))

    def fail(self, place: Place, message: str) -> NoReturn:
        fail(self.name, place, message)


def _parse(text: str, name: str) -> Any:
    """The XML's root element, read safely; a located message for anything else."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    # The text is decoded already (argmap reads UTF-8): the declaration says so.
    declaration = _DECLARATION.match(text)
    if declaration:
        text = text[: declaration.start(1)] + "UTF-8" + text[declaration.end(1) :]
    try:
        return fromstring(text.encode("utf-8"), forbid_dtd=False)
    except ParseError as error:
        line, column = error.position
        message = str(error).split(":")[0]
        raise ImportFailure(f"{name}:{line}:{column + 1}: invalid XML: {message}") from None
    except DefusedXmlException as error:
        # Entity declarations (an expansion bomb, an external file) and the like.
        offset = max(text.find("<!ENTITY"), 0)
        place = places(text, [offset])[0]
        declared = getattr(error, "name", None)
        what = f"declares the entity {declared!r}" if declared else f"holds {type(error).__name__}"
        raise ImportFailure(
            f"{name}:{place.line}:{place.column}: XML refused: the file {what}; argmap "
            "expands no entities and fetches nothing a file refers to"
        ) from None


def read(text: str, name: str) -> Draft:
    """The draft of a microtext XML file; raises :class:`ImportFailure`, located."""
    root = _parse(text, name)
    reader = _Reader(text, name)
    if root.tag != "arggraph":
        reader.fail(Place(1), f"not a microtext: the root element is <{root.tag}>, not <arggraph>")
    draft = Draft(NAME, title=root.get("id"))
    texts: dict[str, str] = {}
    joints: dict[str, list[str]] = {}  # a joint of EDUs → their texts
    roles: dict[str, str] = {}
    edges: dict[str, tuple[str, str, str]] = {}  # id → (src, trg, type), in order
    for element in root:
        element_id = element.get("id")
        if element.tag not in ("edu", "joint", "adu", "edge"):
            draft.left_out[f"<{element.tag}> elements"] += 1
            continue
        if not element_id:
            reader.fail(Place(1), f"an <{element.tag}> without an id")
        if (
            element_id in texts
            or element_id in joints
            or element_id in roles
            or element_id in edges
        ):
            reader.fail(reader.place(element_id), f"the id {element_id} is given twice")
        if element.tag == "edu":
            texts[element_id] = "".join(element.itertext()).strip()
        elif element.tag == "joint":
            joints[element_id] = []
        elif element.tag == "adu":
            roles[element_id] = element.get("type", "")
        else:
            ends = (element.get("src"), element.get("trg"), element.get("type"))
            if None in ends:
                reader.fail(reader.place(element_id), f"edge {element_id} needs src, trg and type")
            source, target, kind = (str(end) for end in ends)
            if kind not in _TYPES:
                reader.fail(
                    reader.place(element_id),
                    f"edge {element_id} has type {kind!r}; microtext edges are "
                    + ", ".join(sorted(_TYPES)),
                )
            edges[element_id] = (source, target, kind)

    segments: dict[str, list[str]] = {adu: [] for adu in roles}
    for edge_id, (source, target, kind) in edges.items():
        place = reader.place(edge_id)
        if kind == "seg":
            # EDU → ADU, EDU → joint, joint → ADU: a joint's EDUs come first.
            if not (source in texts and target in joints) and not (
                (source in texts or source in joints) and target in roles
            ):
                reader.fail(
                    place,
                    f"segment edge {edge_id} must lead from an EDU to a joint or an ADU, "
                    f"or from a joint to an ADU, not from {source} to {target}",
                )
            if target in joints:
                joints[target].append(texts[source])
            continue
        if source not in roles:
            reader.fail(place, f"edge {edge_id} starts at {source}, which is not an ADU")
        if kind in ("sup", "exa", "reb"):
            if target not in roles:
                reader.fail(place, f"edge {edge_id} ends at {target}, which is not an ADU")
        elif target not in edges or edges[target][2] == "seg":
            reader.fail(
                place, f"edge {edge_id} ({kind}) ends at {target}, which is not an argument's edge"
            )
    for source, target, kind in edges.values():
        if kind == "seg" and target in roles:
            segments[target].append(texts.get(source) or " ".join(joints[source]))

    for adu, role in roles.items():
        claim = Claim(adu, " ".join(segments[adu]), reader.place(adu))
        if role in _ROLES:
            claim.data["role"] = _ROLES[role]
        draft.claims[adu] = claim

    # The premises an "add" joins to each edge, and the edges each "und" attacks.
    added: dict[str, list[str]] = {}
    undercut: set[str] = set()
    for source, target, kind in edges.values():
        if kind == "add":
            added.setdefault(target, []).append(source)
        elif kind == "und":
            undercut.add(_attached(target, edges))

    inference: dict[str, str] = {}  # support edge id → its argument's title
    for edge_id, (source, target, kind) in edges.items():
        place = reader.place(edge_id)
        extra = added.get(edge_id, [])
        if kind in _SUPPORTS:
            if not extra and edge_id not in undercut:
                draft.relations.append(Relation(source, target, SUPPORT, place, unit=edge_id))
            else:
                premises = list(dict.fromkeys([source, *extra]))
                draft.arguments.append(
                    Argument(edge_id, premises, target, _SUPPORTS[kind], place, unit=edge_id)
                )
                inference[edge_id] = edge_id
        elif kind == "reb":
            # A linked rebuttal has no structure of its own in the map: each of its
            # premises attacks.
            for attacker in dict.fromkeys([source, *extra]):
                draft.relations.append(Relation(attacker, target, ATTACK, place, unit=edge_id))
            if extra:
                draft.reshaped["linked rebuttals, read as one attack per premise"] += 1
    for edge_id, (source, target, kind) in edges.items():
        if kind != "und":
            continue
        place = reader.place(edge_id)
        attacked = _attached(target, edges)
        undercutters = list(dict.fromkeys([source, *added.get(edge_id, [])]))
        for undercutter in undercutters:
            if attacked in inference:
                draft.relations.append(
                    Relation(
                        undercutter,
                        inference[attacked],
                        UNDERCUT,
                        place,
                        to_argument=True,
                        unit=edge_id,
                    )
                )
            else:
                draft.relations.append(
                    Relation(undercutter, edges[attacked][0], UNDERCUT, place, unit=edge_id)
                )
        if attacked not in inference:
            draft.reshaped["undercuts of an attack, read as undercuts of its attacker"] += 1
    draft.tag_theses()
    return draft


def _attached(edge_id: str, edges: dict[str, tuple[str, str, str]]) -> str:
    """The edge an ``add`` or ``und`` chain ends at: an ``add`` joins the edge it targets,
    so an undercut of an ``add`` undercuts that edge. Iterative; a cycle of ``add``
    edges ends where it closes."""
    seen = {edge_id}
    while edges[edge_id][2] == "add" and edges[edge_id][1] in edges:
        edge_id = edges[edge_id][1]
        if edge_id in seen:
            break
        seen.add(edge_id)
    return edge_id
