"""Reading Kialo's discussion export (plain text).

Two layouts are read. The classic one::

    Discussion Title: Should schools require uniforms?

    1. Schools should require uniforms.
    1.1. Pro: Uniforms reduce teasing.
    1.1.1. Con: Teasing moves to shoes and bags.
    1.2. Con: -> See 1.1.1.

and the newer one, ``Discussion Name:`` with the title on the next line, each claim
indented two spaces per level (numbered or not), ``[n]`` footnote markers in claims and
a closing ``Sources:`` list of ``[n] URL`` followed by a quoted excerpt, with CRLF line
breaks. The mapping is in docs/imports.md:

- each claim is a statement titled by its number (``1.1.2``); the thesis (``1.``) is
  tagged ``#thesis``; a claim that runs over several lines is one text;
- ``Pro`` is a support of the claim above, ``Con`` an attack;
- ``-> See 1.x.y`` places the claim 1.x.y there too: it supports or attacks that parent
  as well (no statement of its own);
- a source ``[n]`` is an evidence statement ``Source n`` with its ``url`` data and the
  quoted excerpt as its text (the address when there is none), supporting each claim
  whose footnote cites it;
- Markdown escapes (``\\(``) are resolved; Markdown links stay in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.importers.draft import (
    ATTACK,
    SUPPORT,
    THESIS,
    Claim,
    Draft,
    Place,
    Relation,
    fail,
)

__all__ = ["NAME", "read"]

NAME = "kialo"

_HEADER = re.compile(r"\s*Discussion (Title|Name):\s*(.*)")
_NUMBERED = re.compile(r"(\s*)(\d+(?:\.\d+)*)\.?(?:\s+|$)(?:(Pro|Con):\s*)?(.*)")
_UNNUMBERED = re.compile(r"(\s*)(Pro|Con|Thesis):\s*(.*)")
_LINK = re.compile(r"->\s*See\s+(\d+(?:\.\d+)*)\.?")
_FOOTNOTE = re.compile(r"\s*(?<!\\)\[(\d+)\](?!\()")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>\"'|~])")
_SOURCE = re.compile(r"\s*\[(\d+)\]:?\s*(\S*)\s*(.*)")
_QUOTES = "\"'“”‘’"


@dataclass
class _Claim:
    number: str
    stance: str | None  # "Pro", "Con", or None for a thesis
    line: int
    column: int
    parent: str | None
    lines: list[str] = field(default_factory=list)


@dataclass
class _Source:
    number: str
    url: str
    line: int
    lines: list[str] = field(default_factory=list)


def read(text: str, name: str) -> Draft:
    """The draft of a Kialo export; raises :class:`ImportFailure`, located."""
    draft = Draft(NAME)
    lines = text.lstrip("\ufeff").splitlines()
    claims: dict[str, _Claim] = {}
    sources: dict[str, _Source] = {}
    # The claims of the unnumbered layout by depth, for their parents and numbers.
    open_claims: list[str] = []
    children: dict[str | None, int] = {}
    current: _Claim | _Source | None = None
    in_sources = False
    theses = 0  # top-level claims so far
    index = 0
    if lines and (header := _HEADER.fullmatch(lines[0])):
        draft.title = header.group(2).strip() or None
        index = 1
        if draft.title is None:
            while index < len(lines) and not lines[index].strip():
                index += 1
            if index < len(lines):
                draft.title = lines[index].strip()
                index += 1
    for number, line in enumerate(lines[index:], index + 1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped == "Sources:":
            in_sources, current = True, None
            continue
        if in_sources:
            source = _SOURCE.fullmatch(line)
            if source:
                current = sources[source.group(1)] = _Source(
                    source.group(1), source.group(2), number, [source.group(3)]
                )
            elif current is not None:
                current.lines.append(stripped)
            continue
        numbered = _NUMBERED.fullmatch(line)
        unnumbered = None if numbered else _UNNUMBERED.fullmatch(line)
        if numbered:
            indent, key, stance, body = numbered.groups()
            parent = key.rpartition(".")[0] or None
            if (
                stance is None
                and current is not None
                and (parent is not None or key != str(theses + 1))
            ):
                # "2019. It rained." or a numbered list inside a claim: a line of it. Only
                # the next thesis in turn ("2." after "1.") starts a claim without a stance.
                current.lines.append(stripped)
                continue
        elif unnumbered:
            indent, stance, body = unnumbered.groups()
            stance = None if stance == "Thesis" else stance
            depth = len(indent.expandtabs(2)) // 2
            del open_claims[depth:]
            parent = open_claims[-1] if open_claims else None
            children[parent] = children.get(parent, 0) + 1
            key = f"{parent}.{children[parent]}" if parent else str(children[parent])
            open_claims.append(key)
        else:
            if current is None:
                fail(name, Place(number), "expected a claim: '1. Thesis' or '1.1. Pro: …'")
            current.lines.append(stripped)
            continue
        if key in claims:
            fail(name, Place(number, len(indent) + 1), f"claim {key} is given twice")
        current = claims[key] = _Claim(key, stance, number, len(indent) + 1, parent, [body])
        theses += parent is None
    _build(draft, name, claims, sources)
    return draft


def _build(draft: Draft, name: str, claims: dict[str, _Claim], sources: dict[str, _Source]) -> None:
    links: dict[str, str] = {}  # a link's number → the number of the claim it shows
    texts: dict[str, str] = {}
    cited: dict[str, list[str]] = {}  # claim number → the sources it cites
    for key, claim in claims.items():
        raw = " ".join(part for part in claim.lines if part)
        link = _LINK.fullmatch(raw.strip())
        if link:
            links[key] = link.group(1)
            continue
        cited[key] = _FOOTNOTE.findall(raw)
        texts[key] = _ESCAPE.sub(r"\1", _FOOTNOTE.sub("", raw)).strip()
    for key, target in links.items():
        seen = {key}
        while target in links and target not in seen:  # a link to a link
            seen.add(target)
            target = links[target]
        if target not in texts:
            claim = claims[key]
            fail(
                name,
                Place(claim.line, claim.column),
                f"claim {key} links to {target}, which the file does not have",
            )
        links[key] = target
    for key, text in texts.items():
        claim = claims[key]
        draft.claims[key] = Claim(key, text, Place(claim.line, claim.column))
        if claim.stance is None:
            draft.claims[key].tags.append(THESIS)
    for key, claim in claims.items():
        if claim.stance is None:
            continue
        place = Place(claim.line, claim.column)
        if claim.parent is None or claim.parent not in claims:
            fail(name, place, f"claim {key} has no claim above it ({claim.parent or 'none'})")
        parent = links.get(claim.parent, claim.parent)
        kind = SUPPORT if claim.stance == "Pro" else ATTACK
        draft.relations.append(Relation(links.get(key, key), parent, kind, place, unit=key))
    used: set[str] = set()
    for key, numbers in cited.items():
        for number in numbers:
            if number not in sources:
                draft.left_out["footnotes without a source in the Sources list"] += 1
                continue
            title = f"Source {number}"
            if title not in draft.claims:
                source = sources[number]
                excerpt = " ".join(part for part in source.lines if part).strip().strip(_QUOTES)
                evidence = Claim(title, excerpt or source.url, Place(source.line))
                if source.url:
                    evidence.data["url"] = source.url
                draft.claims[title] = evidence
            used.add(number)
            claim = claims[key]
            draft.relations.append(
                Relation(
                    title, key, SUPPORT, Place(claim.line, claim.column), unit=f"[{number}] {key}"
                )
            )
    unused = len(set(sources) - used)
    if unused:
        draft.left_out["sources no claim cites"] += unused
