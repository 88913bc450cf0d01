"""Choosing part of a map: around one node (``--focus``), down to a depth, one section."""

from __future__ import annotations

from collections import deque

from argmap.model import SYMMETRIC, ArgumentMap, Node

__all__ = ["SelectionError", "conclusions", "reaching_a_thesis", "related", "subset"]


class SelectionError(ValueError):
    """A focus title or section name that the brief does not have."""


def related(
    amap: ArgumentMap, node_id: str, concluded: dict[str, list[str]] | None = None
) -> list[str]:
    """What relates to a node: its supporters, attackers and undercutters, and what it
    contradicts or is contradicted by (the children of a node in a tree view); for a
    reconstructed argument the statements of its premise–conclusion structure, and for
    a conclusion the arguments that lead to it (``concluded``, from
    :func:`conclusions`: pass it when asking of many nodes)."""
    result = [edge.source for edge in amap.incoming(node_id)]
    result += [edge.target for edge in amap.outgoing(node_id) if edge.relation in SYMMETRIC]
    result += [member.statement for member in amap.node(node_id).pcs if member.statement in amap]
    if concluded is None:
        concluded = conclusions(amap)
    result += concluded.get(node_id, [])
    return result


def conclusions(amap: ArgumentMap) -> dict[str, list[str]]:
    """For each conclusion of a premise–conclusion structure, the arguments it is a
    conclusion of."""
    found: dict[str, list[str]] = {}
    for node in amap.nodes:
        for index in node.steps:
            found.setdefault(node.pcs[index].statement, []).append(node.id)
    return found


def subset(
    amap: ArgumentMap,
    focus: str | None = None,
    depth: int | None = None,
    section: str | None = None,
) -> ArgumentMap:
    """The part of ``amap`` a view or export should show.

    ``focus`` (a title; ``[T]``/``<T>`` to pick a namespace) keeps that node and what
    relates to it, transitively, and makes it the part's :attr:`~ArgumentMap.focus`
    (the theses stay the brief's own, those kept); ``depth`` keeps nodes at most that
    many relations below the theses (or the focus); ``section`` (a title or id, or the
    start of a title) keeps the nodes of that section and its subsections. Without
    options, the map itself. :class:`SelectionError` says what is wrong with a title
    or section name, and what the brief has that is close.
    """
    if focus is None and depth is None and section is None:
        return amap
    keep: set[str] = {node.id for node in amap.nodes}
    roots = [node.id for node in amap.theses]
    if section is not None:
        keep &= _section_nodes(amap, section)
    focus_id: str | None = None
    if focus is not None:
        node = amap.find(focus)
        if node is None:
            raise SelectionError(
                f"no statement or argument titled {focus!r}{_title_hint(amap, focus)}"
            )
        focus_id = node.id
        keep &= _below(amap, [node.id], depth)
    elif depth is not None:
        reached = _below(amap, roots, depth)
        # Nodes that no thesis reaches stay (views list them after the tree).
        unreached = {node.id for node in amap.nodes} - _below(amap, roots, None)
        keep &= reached | unreached
    return amap.restricted(keep, [root for root in roots if root in keep], focus_id)


def outside_the_trees(amap: ArgumentMap, seen: set[str]) -> list[tuple[str, list[Node]]]:
    """The nodes of ``amap`` that no tree shown reached (not in ``seen``), in two groups
    with their headings: those that reach a thesis through nodes a part of the brief
    (``--section``) left out, which are connected, just not here; and those that reach no
    thesis at all."""
    rest = [node for node in amap.nodes if node.id not in seen]
    connected = reaching_a_thesis(amap.whole) if rest and amap.whole is not None else set()
    return [
        (
            "Connected to a thesis through nodes outside this selection",
            [node for node in rest if node.id in connected],
        ),
        ("Not connected to a thesis", [node for node in rest if node.id not in connected]),
    ]


def reaching_a_thesis(amap: ArgumentMap) -> set[str]:
    """The ids of the nodes that reach a thesis of ``amap``: the theses, and what relates
    to them, transitively (what a tree of each thesis shows)."""
    return _below(amap, [node.id for node in amap.theses], None)


def _title_hint(amap: ArgumentMap, wanted: str) -> str:
    """An empty string, or a hint such as "; did you mean [X]?" for a title the map
    does not have: the same title in the other namespace, or titles close to it."""
    from argmap.model import node_id_for
    from argmap.suggest import Brackets, did_you_mean
    from argmap.syntax.parser import ARGUMENT, STATEMENT

    title = wanted
    kinds: list[tuple[str, Brackets]] = [(STATEMENT, "[]"), (ARGUMENT, "<>")]
    if len(wanted) >= 2 and wanted[0] + wanted[-1] in ("[]", "<>"):
        title = wanted[1:-1]
        kinds = [kind for kind in kinds if kind[1] == wanted[0] + wanted[-1]]
        other_type, other = (ARGUMENT, "<>") if kinds[0][0] == STATEMENT else (STATEMENT, "[]")
        if node_id_for(other_type, title) in amap:
            # The title is there, in the other namespace.
            return f"; did you mean {other[0]}{title}{other[1]}?"
    for kind, brackets in kinds:
        titles = [node.title for node in amap.nodes if node.type == kind]
        hint = did_you_mean(title, titles, brackets)
        if hint:
            return hint
    return ""


def _below(amap: ArgumentMap, roots: list[str], depth: int | None) -> set[str]:
    seen = set(roots)
    queue = deque((root, 0) for root in roots)
    concluded = conclusions(amap)
    while queue:
        node_id, level = queue.popleft()
        if depth is not None and level >= depth:
            continue
        for child in related(amap, node_id, concluded):
            if child not in seen:
                seen.add(child)
                queue.append((child, level + 1))
    return seen


def _section_nodes(amap: ArgumentMap, name: str) -> set[str]:
    sections = amap.sections
    wanted = [s.id for s in sections if name in (s.id, s.title)]
    folded = name.strip().casefold()
    if not wanted:
        wanted = [s.id for s in sections if s.title.casefold() == folded]
    if not wanted and folded:
        # The start of one title ("Contention 2" for "Contention 2: Deterrence").
        starting = [s for s in sections if s.title.casefold().startswith(folded)]
        if len({s.title for s in starting}) == 1:
            wanted = [s.id for s in starting]
        elif starting:
            raise SelectionError(
                f"section {name!r} could be any of {_listed([s.title for s in starting])}"
            )
    if not wanted:
        if not sections:
            raise SelectionError(f"no section titled {name!r}: the brief has no headings")
        raise SelectionError(
            f"no section titled {name!r}; the sections are {_listed([s.title for s in sections])}"
        )
    children: dict[str | None, list[str]] = {}
    for s in sections:
        children.setdefault(s.parent, []).append(s.id)
    chosen = set(wanted)
    stack = list(chosen)
    while stack:  # add subsections
        for child in children.get(stack.pop(), ()):
            if child not in chosen:
                chosen.add(child)
                stack.append(child)
    return {node.id for node in amap.nodes if node.section in chosen}


_LISTED = 20  # section titles named in a message, at most


def _listed(titles: list[str]) -> str:
    """Titles quoted and joined, each once, the first :data:`_LISTED` of them."""
    unique = list(dict.fromkeys(titles))
    shown = ", ".join(repr(title) for title in unique[:_LISTED])
    more = len(unique) - _LISTED
    return shown + (f" and {more} more" if more > 0 else "")
