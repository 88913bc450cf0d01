"""Reading AIF JSON, as OVA and AIFdb write it (and argmap's own AIF export).

``{"nodes": [{nodeID, text, type, …}], "edges": [{edgeID, fromID, toID, …}],
"locutions": [{nodeID, personID, …}], "participants": [{participantID, firstname,
surname}]}``, or the same inside ``{"AIF": {…}}`` (OVA 3). The mapping is in
docs/imports.md:

- an ``I`` node is a statement (its nodeID is its title when Argdown can write it);
- an ``RA`` node with one premise is a support; with several premises (linked), with a
  named scheme, or undercut, it is a reconstructed argument ``<RA id>`` whose
  premise–conclusion structure has the premises, an inference line with the scheme's
  name as its rule, and the conclusion;
- a ``CA`` node between statements is an attack; a ``CA`` on an ``RA`` undercuts that
  inference; a ``CA`` on a ``CA`` (an attack on a conflict) undercuts the attacker of
  that conflict, the nearest the map comes to it;
- the speaker of a locution (``L`` → ``YA`` → ``I``) is kept as the statement's
  ``speaker`` data; ``L``, ``YA``, ``TA``, ``MA``, ``PA`` and other nodes are left out
  and counted.
"""

from __future__ import annotations

import json
import re
from collections import Counter
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
    unique_title,
    what,
)

__all__ = ["NAME", "looks_like", "read"]

NAME = "aif"

# Scheme names that say nothing: the inference of a plain support.
_DEFAULT_SCHEMES = frozenset({"", "ra", "default inference"})
_ID_KEYS = re.compile(r'"(nodeID|edgeID)"\s*:\s*("(?:[^"\\]|\\.)*"|-?[0-9]+)')
_LEFT_OUT = {
    "L": "L nodes (locutions)",
    "YA": "YA nodes (illocutions)",
    "TA": "TA nodes (transitions)",
    "MA": "MA nodes (rephrases)",
    "PA": "PA nodes (preferences)",
}
_S_NODES = frozenset({"RA", "CA"})


def looks_like(data: Any) -> bool:
    """Whether parsed JSON is AIF: nodes with a ``nodeID``, or an ``AIF`` object."""
    if not isinstance(data, dict):
        return False
    if isinstance(data.get("AIF"), dict):
        return True
    nodes = data.get("nodes")
    return isinstance(nodes, list) and (
        not nodes or (isinstance(nodes[0], dict) and "nodeID" in nodes[0])
    )


class _Reader:
    def __init__(self, text: str, name: str) -> None:
        self.name = name
        # Where each nodeID and edgeID is first written, for messages and spans.
        keys: list[tuple[str, str]] = []
        offsets: list[int] = []
        known: set[tuple[str, str]] = set()
        for match in _ID_KEYS.finditer(text):
            token = match.group(2)
            value = token[1:-1] if token.startswith('"') else token
            if "\\" in value:
                value = json.loads(token)
            key = (match.group(1), value)
            if key not in known:
                known.add(key)
                keys.append(key)
                offsets.append(match.start())
        self.places = dict(zip(keys, places(text, offsets), strict=True))

    def place(self, key: str, value: str) -> Place:
        return self.places.get((key, value), Place(1))

    def fail(self, place: Place, message: str) -> NoReturn:
        fail(self.name, place, message)


def _identifier(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    return value if isinstance(value, str) and value else None


def _parse(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailure(
            f"{name}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}"
        ) from None
    except RecursionError:
        raise ImportFailure(f"{name}: invalid JSON: nested too deeply") from None
    except ValueError as error:  # a number with more digits than Python converts
        raise ImportFailure(f"{name}: invalid JSON: {error}") from None


def read(text: str, name: str) -> Draft:
    """The draft of an AIF JSON file; raises :class:`ImportFailure`, located, for a file
    that is not AIF or whose graph AIF does not allow."""
    draft = Draft(NAME)
    if not text.strip():
        draft.left_out["empty file"] += 1
        return draft
    data = _parse(text, name)
    reader = _Reader(text, name)
    top = Place(1)
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        data = data["AIF"]
    if not isinstance(data, dict):
        reader.fail(top, f"not AIF: the file holds {what(data)}, not an object with nodes")
    nodes = data.get("nodes")
    edges = data.get("edges", [])
    if not isinstance(nodes, list):
        reader.fail(top, f'not AIF: "nodes" must be a list, not {what(nodes)}')
    if not isinstance(edges, list):
        reader.fail(top, f'not AIF: "edges" must be a list, not {what(edges)}')

    kinds: dict[str, str] = {}  # node id → type, in the file's order
    texts: dict[str, str] = {}
    schemes: dict[str, str] = {}
    for index, entry in enumerate(nodes):
        if not isinstance(entry, dict):
            reader.fail(top, f"nodes[{index}]: must be an object, not {what(entry)}")
        node_id = _identifier(entry.get("nodeID"))
        if node_id is None:
            reader.fail(top, f"nodes[{index}].nodeID: must be a string or an integer")
        place = reader.place("nodeID", node_id)
        kind, node_text = entry.get("type"), entry.get("text", "")
        if not isinstance(kind, str):
            reader.fail(place, f"nodes[{index}].type: must be a string, not {what(kind)}")
        if node_text is None:
            node_text = ""
        if not isinstance(node_text, str):
            reader.fail(place, f"nodes[{index}].text: must be a string, not {what(node_text)}")
        if node_id in kinds:
            # Overlapping nodesets put together list some nodes twice.
            same = kinds[node_id] == kind and texts[node_id] == node_text
            draft.left_out[
                "nodes listed again" if same else "nodes listed again differently (the first kept)"
            ] += 1
            continue
        kinds[node_id], texts[node_id] = kind, node_text
        scheme = entry.get("scheme")
        if isinstance(scheme, str):
            schemes[node_id] = scheme

    incoming: dict[str, list[str]] = {node_id: [] for node_id in kinds}
    outgoing: dict[str, list[str]] = {node_id: [] for node_id in kinds}
    seen: set[tuple[str, str]] = set()
    for index, entry in enumerate(edges):
        if not isinstance(entry, dict):
            reader.fail(top, f"edges[{index}]: must be an object, not {what(entry)}")
        edge_id = _identifier(entry.get("edgeID"))
        place = top if edge_id is None else reader.place("edgeID", edge_id)
        label = f"edge {edge_id}" if edge_id is not None else f"edges[{index}]"
        ends = []
        for key in ("fromID", "toID"):
            end = _identifier(entry.get(key))
            if end is None:
                reader.fail(
                    place, f"{label}: {key} must be a node's id, not {what(entry.get(key))}"
                )
            if end not in kinds:
                reader.fail(place, f"{label}: {key} {end} is not a node of the file")
            ends.append(end)
        source, target = ends
        if (source, target) in seen:
            draft.left_out["edges listed again"] += 1
            continue
        seen.add((source, target))
        outgoing[source].append(target)
        incoming[target].append(source)

    _check_cycles(reader, kinds, outgoing)
    speakers = _speakers(data, kinds, texts, incoming, outgoing, draft)

    taken: set[str] = set()
    titles: dict[str, str] = {}
    for position, (node_id, kind) in enumerate(kinds.items(), 1):
        if kind == "I":
            title = titles[node_id] = unique_title(node_id, taken, f"I {position}")
            claim = Claim(title, texts[node_id], reader.place("nodeID", node_id))
            said_by = speakers.get(node_id)
            if said_by:
                claim.data["speaker"] = "; ".join(dict.fromkeys(said_by))
            draft.claims[title] = claim
        elif kind not in _S_NODES:
            draft.left_out[_LEFT_OUT.get(kind, f"{kind} nodes")] += 1

    arguments_of: dict[str, list[str]] = {}  # RA id → titles of its arguments
    argument_titles: set[str] = set()
    for node_id, kind in kinds.items():
        if kind != "RA":
            continue
        place = reader.place("nodeID", node_id)
        premises = [titles[n] for n in incoming[node_id] if kinds[n] == "I"]
        conclusions = [titles[n] for n in outgoing[node_id] if kinds[n] == "I"]
        others = [n for n in outgoing[node_id] if kinds[n] in _S_NODES]
        if not conclusions and not others:
            reader.fail(place, f"RA node {node_id} has no conclusion: no edge leads from it")
        if others:
            draft.left_out["inferences of an inference or conflict (RA → RA, RA → CA)"] += 1
        if not conclusions:
            continue
        if not premises:
            draft.left_out["RA nodes without a premise"] += 1
            continue
        for conclusion in conclusions:
            if conclusion in premises:
                reader.fail(place, f"RA node {node_id} concludes its own premise [{conclusion}]")
        if len(conclusions) > 1:
            draft.reshaped["RA nodes with several conclusions, read as one inference each"] += 1
        rule = _rule(schemes.get(node_id), texts[node_id])
        undercut = any(kinds[n] == "CA" for n in incoming[node_id])
        for conclusion in conclusions:
            if len(premises) == 1 and rule is None and not undercut:
                draft.relations.append(
                    Relation(premises[0], conclusion, SUPPORT, place, unit=node_id)
                )
                continue
            title = unique_title(f"RA {node_id}", argument_titles, f"RA {len(argument_titles)}")
            draft.arguments.append(Argument(title, premises, conclusion, rule, place, unit=node_id))
            arguments_of.setdefault(node_id, []).append(title)

    for node_id, kind in kinds.items():
        if kind != "CA":
            continue
        place = reader.place("nodeID", node_id)
        attackers = [titles[n] for n in incoming[node_id] if kinds[n] == "I"]
        if not attackers:
            draft.left_out["CA nodes without an attacking statement"] += 1
            continue
        if not outgoing[node_id]:
            draft.left_out["CA nodes without a target"] += 1
        for target in outgoing[node_id]:
            target_kind = kinds[target]
            for attacker in attackers:
                if target_kind == "I":
                    draft.relations.append(
                        Relation(attacker, titles[target], ATTACK, place, unit=node_id)
                    )
                elif target_kind == "RA":
                    for argument in arguments_of.get(target, ()):
                        draft.relations.append(
                            Relation(
                                attacker, argument, UNDERCUT, place, to_argument=True, unit=node_id
                            )
                        )
                elif target_kind == "CA":
                    for attacked in (titles[n] for n in incoming[target] if kinds[n] == "I"):
                        draft.relations.append(
                            Relation(attacker, attacked, UNDERCUT, place, unit=node_id)
                        )
            if target_kind == "RA" and target not in arguments_of:
                draft.left_out["undercuts of inferences left out"] += 1
            elif target_kind == "CA":
                draft.reshaped["attacks on a conflict, read as undercuts of its attacker"] += 1
            elif target_kind not in ("I", "RA"):
                draft.left_out[f"conflicts with {target_kind} nodes"] += 1
    draft.tag_theses()
    return draft


def _rule(scheme: str | None, text: str) -> str | None:
    """The inference rule of an RA: its scheme's name, unless the default one."""
    for name in (scheme, text):
        if name is not None and name.strip().lower() not in _DEFAULT_SCHEMES:
            return name.strip()
    return None


def _check_cycles(reader: _Reader, kinds: dict[str, str], outgoing: dict[str, list[str]]) -> None:
    """Refuse a cycle of RA and CA nodes (RA → RA → RA): no statement starts it, so no
    map can hold it. Iterative depth-first search, each node and edge visited once."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start, kind in kinds.items():
        if kind not in _S_NODES or start in state:
            continue
        path = [start]
        state[start] = 1
        stack = [iter([n for n in outgoing[start] if kinds[n] in _S_NODES])]
        while stack:
            following = next(stack[-1], None)
            if following is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            if state.get(following) == 1:
                cycle = [*path[path.index(following) :], following]
                reader.fail(
                    reader.place("nodeID", following),
                    "a cycle of inferences and conflicts: "
                    + " → ".join(f"{kinds[n]} {n}" for n in cycle)
                    + "; AIF's RA and CA nodes lead from statements to statements",
                )
            if following not in state:
                state[following] = 1
                path.append(following)
                stack.append(iter([n for n in outgoing[following] if kinds[n] in _S_NODES]))


def _speakers(
    data: dict[str, Any],
    kinds: dict[str, str],
    texts: dict[str, str],
    incoming: dict[str, list[str]],
    outgoing: dict[str, list[str]],
    draft: Draft,
) -> dict[str, list[str]]:
    """Who said each statement: the speaker of each locution that asserts it
    (L → YA → I), from the file's locutions and participants, else from the locution's
    text, ``SPEAKER : words``."""
    people: dict[str, str] = {}
    participants = data.get("participants")
    for person in participants if isinstance(participants, list) else ():
        if isinstance(person, dict):
            key = _identifier(person.get("participantID"))
            names = [person.get("firstname"), person.get("surname")]
            full = " ".join(n for n in names if isinstance(n, str) and n).strip()
            if key is not None and full:
                people.setdefault(key, full)
    said: dict[str, str] = {}
    listed: Counter[str] = Counter()
    locutions = data.get("locutions")
    for locution in locutions if isinstance(locutions, list) else ():
        if not isinstance(locution, dict):
            continue
        node_id = _identifier(locution.get("nodeID"))
        person = people.get(_identifier(locution.get("personID")) or "")
        if node_id is None or person is None:
            continue
        listed[node_id] += 1
        if node_id in said and said[node_id] != person:
            draft.left_out["locutions listed again with another speaker (the first kept)"] += 1
        said.setdefault(node_id, person)
    speakers: dict[str, list[str]] = {}
    for node_id, kind in kinds.items():
        if kind != "YA":
            continue
        for locution in incoming[node_id]:
            if kinds[locution] != "L":
                continue
            speaker = said.get(locution)
            if speaker is None and " : " in texts[locution]:
                speaker = texts[locution].split(" : ", 1)[0].strip()
            if not speaker:
                continue
            for statement in outgoing[node_id]:
                if kinds[statement] == "I":
                    speakers.setdefault(statement, []).append(speaker)
    return speakers
