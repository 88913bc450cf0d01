"""What an importer makes of a file, before it is a map: a :class:`Draft`.

An importer reads its format into a draft — statements, reconstructed arguments and
relations, each with the place in the file it comes from — and :func:`write_argdown`
writes the draft as an Argdown brief. The brief is what ``argmap import`` writes and
what the other commands read, so that an imported map and its written brief are the
same map. Each line of the brief remembers the place it comes from (:class:`Origins`),
so that findings point into the imported file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NoReturn

from argmap.importers import ImportFailure
from argmap.source import Span
from argmap.syntax.include import LineMap

__all__ = [
    "Argument",
    "Claim",
    "Draft",
    "ImportFailure",
    "Origins",
    "Place",
    "Relation",
    "fail",
    "places",
    "write_argdown",
]

SUPPORT = "support"
ATTACK = "attack"
UNDERCUT = "undercut"
THESIS = "thesis"
_MARKERS = {SUPPORT: "+>", ATTACK: "->", UNDERCUT: "_>"}

# A title argmap writes as it is: Argdown reads it back unchanged in [...] and <...>.
_PLAIN_TITLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._:()'/-]*")
_WHITESPACE = re.compile(r"\s+")
_RULE_SPECIAL = re.compile(r"[^A-Za-z0-9 ]")
# A text Argdown reads back as written after "[title]: ": letters, digits, spaces and
# punctuation that marks nothing. Most corpus texts are such; escape_text, which lexes
# each text, is for the others (a tenth of the time of writing a large nodeset).
_PLAIN_TEXT = re.compile(r"(?:[^\W_]|[ .,;:!?'\"%&$()@-])*")


def fail(name: str, place: Place, message: str) -> NoReturn:
    """Raise :class:`ImportFailure`: ``name:line:column: message``."""
    raise ImportFailure(f"{name}:{place.line}:{place.column}: {message}")


@dataclass(frozen=True, slots=True)
class Place:
    """A 1-based line and column of the imported file."""

    line: int
    column: int = 1


@dataclass(slots=True)
class Claim:
    """A statement: its title, its text, tags and data, and where the file gives it."""

    title: str
    text: str
    place: Place
    tags: list[str] = field(default_factory=list)
    data: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Argument:
    """A reconstructed argument: premises (linked: together they support the conclusion),
    its conclusion, and the inference rule (a scheme's name), if the file names one."""

    title: str
    premises: list[str]
    conclusion: str
    rule: str | None
    place: Place
    unit: str = ""  # what the file calls it (an RA, an edge): counted once


@dataclass(slots=True)
class Relation:
    """``source`` (a statement's title) supports, attacks or undercuts ``target``, a
    statement's title or, with ``to_argument``, an argument's (the undercut of its
    inference)."""

    source: str
    target: str
    kind: str
    place: Place
    to_argument: bool = False
    unit: str = ""  # what the file calls it (a CA, an edge): counted once


@dataclass
class Draft:
    """A file read into statements, arguments and relations, with what it left out."""

    source_format: str
    title: str | None = None
    claims: dict[str, Claim] = field(default_factory=dict)
    arguments: list[Argument] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # What the map has no place for, by description: "L nodes (locutions)": 12.
    left_out: Counter[str] = field(default_factory=Counter)
    # What the map holds in another shape than the file, by description.
    reshaped: Counter[str] = field(default_factory=Counter)

    def counts(self) -> dict[str, int]:
        """Statements, supports (an inference from one premise), arguments with linked
        premises (several), attacks and undercuts, as the file counts them: each RA, CA
        or edge of the file once, whatever number of relations the map makes of it."""
        units: dict[str, set[object]] = {
            "supports": set(),
            "linked": set(),
            "attacks": set(),
            "undercuts": set(),
        }
        for argument in self.arguments:
            kind = "supports" if len(argument.premises) == 1 else "linked"
            units[kind].add(argument.unit or id(argument))
        for relation in self.relations:
            kind = {SUPPORT: "supports", ATTACK: "attacks", UNDERCUT: "undercuts"}[relation.kind]
            units[kind].add(relation.unit or id(relation))
        return {"statements": len(self.claims)} | {kind: len(s) for kind, s in units.items()}

    def tag_theses(self) -> None:
        """Tag ``#thesis`` the central claims: the statements that something supports or
        attacks and that support, attack and undercut nothing themselves."""
        sources = {relation.source for relation in self.relations}
        targets = {r.target for r in self.relations if not r.to_argument}
        for argument in self.arguments:
            sources.update(argument.premises)
            targets.add(argument.conclusion)
        for title, claim in self.claims.items():
            if title in targets and title not in sources and THESIS not in claim.tags:
                claim.tags.append(THESIS)

    def summary(self) -> str:
        """One line: what was read, and what was left out with counts."""
        counts = self.counts()
        read = (
            f"read: statements {counts['statements']}, supports {counts['supports']}, "
            f"arguments with linked premises {counts['linked']}, attacks {counts['attacks']}, "
            f"undercuts {counts['undercuts']}"
        )
        parts = [read]
        for heading, counter in (("read otherwise", self.reshaped), ("left out", self.left_out)):
            if counter:
                items = ", ".join(f"{what} {count}" for what, count in sorted(counter.items()))
                parts.append(f"{heading}: {items}")
        if not self.left_out:
            parts.append("nothing left out")
        return "; ".join(parts)


@dataclass
class Origins(LineMap):
    """Where each line of a brief written from a draft comes from in the imported file:
    ``places[i]`` is the place of line ``i + 1``. Every span on a line is the place of
    what that line writes."""

    name: str = ""
    places: list[Place] = field(default_factory=list)

    def _origin(self, line: int) -> Place:
        places = self.places
        return places[min(max(line, 1), len(places)) - 1] if places else Place(1)

    def place(self, line: int) -> tuple[str, int, int]:
        return self.name, self._origin(line).line, 0

    def span(self, span: Span) -> Span:
        place = self._origin(span.line)
        return Span(self.name, place.line, place.column, place.line, place.column)


def unique_title(wanted: str, taken: set[str], fallback: str) -> str:
    """``wanted`` if Argdown writes it as it is and no node has it yet, else ``fallback``
    (numbered when that is taken too). The title joins ``taken``."""
    title = wanted if _PLAIN_TITLE.fullmatch(wanted) and not wanted.endswith(" ") else fallback
    candidate, number = title, 1
    while candidate in taken:
        number += 1
        candidate = f"{title} ({number})"
    taken.add(candidate)
    return candidate


def one_line(text: str) -> str:
    """A text on one line: each run of whitespace (line breaks too) becomes one space, as
    ``argmap fmt`` writes runs of spaces that Argdown reads as one."""
    return _WHITESPACE.sub(" ", text).strip()


def _data(data: dict[str, str]) -> str:
    """``{key: "value"}``: a YAML flow mapping Argdown reads back as written. Braces and
    line breaks cannot stand in a value there (a brace ends the mapping): they become
    parentheses and spaces."""
    items = []
    for key, value in data.items():
        clean = one_line(value).replace("{", "(").replace("}", ")")
        items.append(f"{key}: {json.dumps(clean, ensure_ascii=False)}")
    return "{" + ", ".join(items) + "}"


def _rule(name: str) -> str:
    """An inference rule as Argdown reads it back: every character but letters, digits
    and spaces escaped."""
    return _RULE_SPECIAL.sub(lambda match: "\\" + match.group(), one_line(name))


def write_argdown(draft: Draft, name: str) -> tuple[str, Origins]:
    """The draft as an Argdown brief, and where each of its lines comes from.

    Layout: front matter with the title, each statement's definition (and a reference
    with its tags, which Argdown would otherwise read into the text), each argument
    with its premise–conclusion structure, then the relations of each statement,
    grouped under a reference to it. Blocks are separated by blank lines.
    """
    from argmap.exporters.argdown import escape_text

    lines: list[str] = []
    places: list[Place] = []

    def add(line: str, place: Place) -> None:
        lines.append(line)
        places.append(place)

    top = Place(1)
    if draft.title:
        add("===", top)
        add(f"title: {json.dumps(one_line(draft.title), ensure_ascii=False)}", top)
        add("===", top)
        add("", top)
    for claim in draft.claims.values():
        head = f"[{claim.title}]: "
        tail = " " + _data(claim.data) if claim.data else ""
        text = one_line(claim.text)
        body = text if _PLAIN_TEXT.fullmatch(text) else escape_text(text, head, tail)
        add((head + body + tail).rstrip(), claim.place)
        add("", claim.place)
        if claim.tags:
            # On a reference of their own, so that the text stays the file's.
            add(f"[{claim.title}]" + "".join(f" #{tag}" for tag in claim.tags), claim.place)
            add("", claim.place)
    for argument in draft.arguments:
        add(f"<{argument.title}>", argument.place)
        add("", argument.place)
        for number, premise in enumerate(argument.premises, 1):
            add(f"({number}) [{premise}]", draft.claims[premise].place)
        add(f"-- {_rule(argument.rule)} --" if argument.rule else "----", argument.place)
        conclusion = draft.claims[argument.conclusion]
        add(f"({len(argument.premises) + 1}) [{argument.conclusion}]", conclusion.place)
        add("", argument.place)
    by_source: dict[str, list[Relation]] = {}
    for relation in draft.relations:
        by_source.setdefault(relation.source, []).append(relation)
    for source, relations in by_source.items():
        add(f"[{source}]", draft.claims[source].place)
        for relation in relations:
            target = f"<{relation.target}>" if relation.to_argument else f"[{relation.target}]"
            add(f"  {_MARKERS[relation.kind]} {target}", relation.place)
        add("", relations[-1].place)
    while lines and not lines[-1]:
        lines.pop()
        places.pop()
    return "\n".join(lines) + "\n", Origins(name=name, places=places)


def places(text: str, offsets: list[int]) -> list[Place]:
    """The 1-based places of ``offsets`` (in increasing order) in ``text``: one pass,
    counting line breaks from one offset to the next."""
    found: list[Place] = []
    line, line_start, previous = 1, 0, 0
    for offset in offsets:
        breaks = text.count("\n", previous, offset)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", previous, offset) + 1
        found.append(Place(line, offset - line_start + 1))
        previous = offset
    return found


def what(value: Any) -> str:
    """A JSON value as a message names it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"
