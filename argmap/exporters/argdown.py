"""The Argdown export: the map written back as canonical Argdown.

Reading the export with :func:`argmap.loads` gives the same map: the same nodes (ids,
titles, types, kinds, texts with their bold and italic markers, tags, data, sections,
whether they are untitled or only referenced), the same relations, sections and front
matter, in the same order (:func:`signature` is what is compared). :func:`export` checks
this on its own output before returning it and raises :class:`ExportError` rather than
return text that reads back differently.

Layout:

- the front matter, as block YAML between ``===`` lines;
- the statements and arguments before the first heading, then each heading (with its
  tags and ``{…}`` data) followed by the nodes of its section;
- every node written once, as a top-level block in the order of the brief: its
  definition ``[Title]: text #tags {data}`` (data as a YAML flow mapping), or a reference
  ``[Title] #tags {data}`` when it is only referenced, or its text alone when it is
  untitled;
- each relation indented two spaces under whichever of its two nodes comes later, with
  ``+``/``-``/``_`` when that is the target (``+ [Source]``) and ``+>``/``->``/``_>`` when
  it is the source (``+> [Target]``); a contradiction ``A >< B`` always under ``A``
  (Argdown stores it in the direction written), in an extra ``[A]`` block after ``B``
  when ``B`` comes later. So no reference ever comes before the node's own block, which
  keeps the order of the nodes, the numbering of untitled statements and the section of
  nodes that are only referenced.

Details that keep the map the same:

- Text is written from the tokens it was read from (the brief is re-lexed): tags, bold
  and italic markers stay as they were; links, mentions and shortcodes too where they
  read back the same; escapes as the brief wrote them. Each text is then re-lexed in its
  new place and, where Argdown would read something else there, spelled differently
  until it reads back exactly: another character escaped (``\\x``) or unescaped, a
  space written as a line break, an empty comment ``/**/`` after a tag whose name would
  run on (a tag name may contain ``\\``, ``[`` or ``]``), a link written as its text
  (:func:`escape_text` does the same for any string).
- Comments are not part of the map and are not exported (``argmap fmt`` keeps them).
- Untitled statements are written untitled, in order, so Argdown numbers them
  ``Untitled 1``, ``Untitled 2``, … again; relations refer to them by those titles.
- Tags that come from references rather than the canonical text are written on a
  reference ``[Title] #tag`` after the definition (or, to keep their order, on one
  before it); a node first written in an earlier section than the one it belongs to
  (``{isInGroup: true}``, or first referenced) gets a reference there and its definition
  in its own section.
- An argument whose title starts with ``+`` or ``_`` is written as a one-item list
  (``* <+x>: …``), since ``<+`` and ``<_`` at the start of a line are relation markers.

:class:`ExportError` is raised, rather than writing something else, for:

- a map read from a brief with syntax errors (what Argdown could not read is not in
  the map, so the export would drop it silently);
- titles that Argdown cannot write — a statement title with ``]`` or an argument title
  with ``>``, a title starting with ``-`` (Argdown reads ``[-x]`` as text, not as a
  reference), a line break in a title — named in the message; a titled statement called
  ``Untitled N`` in a brief with N or more untitled statements (Argdown's numbering
  would merge them); an untitled statement referred to by its generated title in a way
  that moves it to another section or reorders its tags;
- a text that no spelling reads back unchanged: only contrived ones, such as an empty
  italic ``**`` (``*`` then ``*``) that the brief kept apart from the next word with a
  line break that adds no space to the text.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from argmap.diagnostics import Diagnostic
from argmap.evaluate import Evaluation
from argmap.exporters import ExportError
from argmap.model import ArgumentMap, Node
from argmap.syntax import lexer as t
from argmap.syntax.parser import (
    ARGUMENT,
    CONTENT_TOKENS,
    STATEMENT,
    SYNTAX_ERROR_CODE,
    Occurrence,
    Section,
)
from argmap.syntax.shortcodes import SHORTCODES
from argmap.syntax.yamldata import YamlProblem, load_data, load_front_matter

__all__ = [
    "BINARY",
    "NAME",
    "SUFFIX",
    "escape_text",
    "export",
    "flow_yaml",
    "signature",
]

NAME = "argdown"
SUFFIX = ".argdown"
BINARY = False

INDENT = "  "

# Tokens of plain text (a line break inside a text reads as a space).
_LITERAL_TOKENS = frozenset({t.FREESTYLE, t.UNUSED, t.ESCAPED, t.SPECIAL, t.NEWLINE})
_MARKER_TOKENS = frozenset({t.BOLD_START, t.BOLD_END, t.ITALIC_START, t.ITALIC_END})
_ZERO_WIDTH = frozenset({t.INDENT, t.DEDENT, t.EOF})

# Unit kinds: what a piece of a text is.
_LITERAL = "literal"  # one character, written as itself or escaped
_TAG = "tag"  # a tag: must stay a tag
_MARKER = "marker"  # a bold or italic marker: must stay a marker
_SOFT = "soft"  # a link, mention or shortcode: kept if it reads back the same

# Characters always escaped in text: they start Argdown syntax wherever they are.
_ALWAYS_ESCAPE = frozenset("\\[{<#*_")
# Characters the escape `\x` cannot take (the lexer's "." excludes line terminators).
_UNESCAPABLE = frozenset("\n\r\u2028\u2029")
# A tag name that can be written as `#name` (the lexer's tag pattern).
_SIMPLE_TAG = re.compile(t.TAG_CHARACTER + "+")
_UNTITLED = re.compile(r"Untitled (\d+)")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_RELATION_MARKS = {"support": "+", "attack": "-", "undercut": "_"}


# -- the exporter ----------------------------------------------------------------------


def export(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
) -> str:
    """The exporter interface (see :mod:`argmap.exporters`); verdicts and findings are not
    part of Argdown and are left out.

    Raises :class:`ExportError` for a map read from a brief with syntax errors (the parts
    Argdown could not read are not in the map, so the export would silently drop them)
    and for titles Argdown cannot write.
    """
    errors = [d for d in amap.diagnostics if d.code == SYNTAX_ERROR_CODE]
    if errors:
        first = errors[0].span
        raise ExportError(
            f"{amap.file} has syntax errors (the first at line {first.line}, column "
            f"{first.column}: {errors[0].message}); the Argdown export would leave out "
            "what could not be read, so fix them first (argmap check)"
        )
    text = _Writer(amap).write()
    _check_round_trip(amap, text)
    return text


def signature(amap: ArgumentMap) -> dict[str, Any]:
    """What the Argdown export keeps: two maps with equal signatures are the same map.

    Nodes in order with their id, title, type, kind, text (with markers), plain text,
    tags, data, section, untitled flag and whether they are defined; relations as a set;
    sections in order; front matter, title and theses. Data is compared as JSON, so
    ``1``, ``1.0`` and ``true`` differ.
    """
    return {
        "title": amap.title,
        "front_matter": _json(amap.front_matter),
        "theses": [node.id for node in amap.theses],
        "nodes": [
            (
                node.id,
                node.title,
                node.type,
                node.kind,
                node.text,
                node.plain_text,
                list(node.tags),
                _json(node.data),
                node.section,
                node.untitled,
                node.is_defined,
            )
            for node in amap.nodes
        ],
        "edges": sorted((edge.source, edge.target, edge.relation) for edge in amap.edges),
        "sections": [
            (s.id, s.level, s.title, s.parent, list(s.tags), _json(s.data)) for s in amap.sections
        ],
    }


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _check_round_trip(amap: ArgumentMap, text: str) -> None:
    from argmap.loader import loads

    expected = signature(amap)
    actual = signature(loads(text, amap.file))
    for key, value in expected.items():
        if actual[key] != value:
            raise ExportError(
                f"the Argdown export of {amap.file} would not read back as the same map "
                f"(its {key} differ); this is a bug in argmap, please report it"
            )


# -- the text of statements, arguments and headings -------------------------------------


@dataclass
class _Unit:
    """A piece of a text: what it adds to the text (``text``) and to the plain text
    (``plain``), and how it is written (``image``); ``token`` and ``value`` say which
    token a tag, marker or soft unit must read back as."""

    kind: str
    text: str
    image: str
    plain: str
    token: str = ""
    value: str = ""
    escaped: bool = False  # a character the brief wrote escaped


def _literals(text: str, escaped_first: bool = False) -> list[_Unit]:
    units = [_Unit(_LITERAL, ch, ch, ch) for ch in text]
    if units and escaped_first:
        units[0].escaped = True
    return units


def _trailing_space(token: t.Token) -> str:
    return " " if token.image.endswith(" ") else ""


def _units_at(tokens: list[t.Token], i: int) -> list[_Unit]:
    """The units of the text whose first token is ``tokens[i]``, read as the parser
    reads content (see ``_Parser._content``); not yet stripped."""
    units: list[_Unit] = []
    open_ranges = 0
    tail = ""
    while i < len(tokens):
        token = tokens[i]
        kind = token.kind
        piece = ""
        if kind in (t.FREESTYLE, t.UNUSED):
            piece = token.image
            units.extend(_literals(piece))
        elif kind == t.NEWLINE:
            following = tokens[i + 1].kind if i + 1 < len(tokens) else t.EOF
            piece = " " if following in CONTENT_TOKENS and not tail.endswith(" ") else ""
            units.extend(_literals(piece))
        elif kind == t.ESCAPED:
            piece = token.image[1:]
            units.extend(_literals(piece, escaped_first=True))
        elif kind == t.SPECIAL:
            symbol = SHORTCODES.get(token.image.strip())
            if symbol is None:
                piece = token.image
                units.extend(_literals(piece))
            else:
                piece = symbol + _trailing_space(token)
                units.append(_Unit(_SOFT, piece, token.image, piece, kind))
        elif kind == t.LINK:
            piece = token.value + _trailing_space(token)
            units.append(_Unit(_SOFT, piece, token.image, piece, kind))
        elif kind == t.TAG:
            piece = token.image
            units.append(_Unit(_TAG, piece, piece, piece, kind, token.value))
        elif kind in (t.STATEMENT_MENTION, t.ARGUMENT_MENTION):
            piece = token.image
            units.append(_Unit(_SOFT, piece, piece, piece, kind))
        elif kind in (t.BOLD_START, t.ITALIC_START):
            open_ranges += 1
            units.append(_Unit(_MARKER, token.value, token.image, "", kind, token.value))
        elif kind in (t.BOLD_END, t.ITALIC_END) and open_ranges:
            open_ranges -= 1
            piece = _trailing_space(token)
            units.append(_Unit(_MARKER, token.value + piece, token.image, piece, kind, token.value))
        else:
            break
        if piece:
            tail = piece
        i += 1
    return units


def _strip(units: list[_Unit]) -> list[_Unit]:
    """The units of the text with leading and trailing whitespace removed, as the parser
    strips a text. A link that loses leading spaces becomes plain characters."""
    whole = "".join(unit.text for unit in units)
    lead = len(whole) - len(whole.lstrip())
    trail = len(whole) - len(whole.rstrip())
    if lead == len(whole):
        return []
    units = _cut_front(units, lead)
    units.reverse()
    units = _cut_front(units, trail, from_end=True)
    units.reverse()
    return units


def _cut_front(units: list[_Unit], count: int, from_end: bool = False) -> list[_Unit]:
    result = list(units)
    while count > 0 and result:
        unit = result[0]
        if len(unit.text) <= count:
            count -= len(unit.text)
            result.pop(0)
            continue
        if unit.kind == _LITERAL:  # pragma: no cover - literal units have one character
            break
        rest = unit.text[:-count] if from_end else unit.text[count:]
        if from_end:
            # A tag, closing marker, link… that ends the text: the space it took after
            # it goes; whitespace inside it (a tag name ending in U+00A0, a link text
            # ending in a space) is written and dropped again when Argdown strips it.
            trailing = len(unit.image) - len(unit.image.rstrip(" \t"))
            image = unit.image[: len(unit.image) - min(count, trailing)]
            result[0] = _Unit(
                unit.kind,
                rest,
                image,
                unit.plain[: max(0, len(unit.plain) - count)],
                unit.token,
                unit.value,
            )
        else:
            result[0:1] = _literals(rest)
        count = 0
    return result


def _tags_of(units: list[_Unit]) -> list[str]:
    tags: list[str] = []
    for unit in units:
        if unit.kind == _TAG and unit.value not in tags:
            tags.append(unit.value)
    return tags


def _units_from_text(text: str) -> list[_Unit]:
    """Units for a text known only as a string: the tags and the paired bold and italic
    markers that Argdown reads in it (with the characters that start other syntax —
    comments, references, data, escapes — taken as plain), and plain characters."""
    written: list[str] = []
    origin: list[int] = []  # for each written character, its index in text (-1: added)
    for index, ch in enumerate(text):
        if _starts_syntax(text, index):
            written.append("\\")
            origin.append(-1)
        written.append(ch)
        origin.append(index)
    prefix = "[x]: "
    found: list[tuple[int, int, t.Token]] = []  # (start, end) in text, and the token
    for token in t.tokenize(prefix + "".join(written)).tokens:
        if token.kind != t.TAG and token.kind not in _MARKER_TOKENS:
            continue
        first, stop = token.start - len(prefix), token.end - len(prefix)
        if first < 0 or stop > len(origin) or -1 in origin[first:stop]:
            continue
        core = len(token.image.rstrip(" \t")) if token.kind == t.TAG else len(token.value)
        found.append((origin[first], origin[first] + core, token))
    # Only markers that open and close in the text are kept.
    paired: set[int] = set()
    stack: list[int] = []
    for position, (_, _, token) in enumerate(found):
        if token.kind in (t.BOLD_START, t.ITALIC_START):
            stack.append(position)
        elif token.kind in (t.BOLD_END, t.ITALIC_END) and stack:
            opener = stack.pop()
            if found[opener][2].value == token.value:
                paired.update((opener, position))
    units: list[_Unit] = []
    index = 0
    for position, (start, stop, token) in enumerate(found):
        if token.kind != t.TAG and position not in paired:
            continue
        units.extend(_literals(text[index:start]))
        image = text[start:stop]
        if token.kind == t.TAG:
            units.append(_Unit(_TAG, image, image, image, t.TAG, token.value))
        else:
            units.append(_Unit(_MARKER, image, image, "", token.kind, token.value))
        index = stop
    units.extend(_literals(text[index:]))
    for k in _initial_escapes(units, line_start=False):
        units[k].escaped = True
    return units


def _starts_syntax(text: str, index: int) -> bool:
    """Whether the character at ``index`` starts Argdown syntax that is neither a tag nor
    a bold or italic marker (an escape, a reference, data, a comment, front matter)."""
    ch = text[index]
    following = text[index + 1 : index + 3]
    return (
        ch in "\\[{<@"
        or (ch == "/" and following[:1] in ("/", "*"))
        or (ch == "=" and following == "==")
    )


def escape_text(text: str, prefix: str = "[x]: ", suffix: str = "") -> str:
    """``text`` written so that, after ``prefix`` and before ``suffix``, Argdown reads it
    back as exactly ``text``; ``#tags``, ``**bold**`` and ``*italic*`` that Argdown reads
    in it stay tags and markers. ``prefix=""`` writes it at the start of a line."""
    return _encode(_units_from_text(text), prefix, suffix)


def _runs_on(unit: _Unit) -> bool:
    """Whether a tag or closing marker would take an escape written right after it (a
    tag's name may contain ``\\``; a closing marker is not one before ``\\``): the
    brief must have written the next character as itself."""
    return unit.token in (t.TAG, t.BOLD_END, t.ITALIC_END) and unit.image[-1:] not in " \t"


def _initial_escapes(units: list[_Unit], line_start: bool) -> set[int]:
    escaped: set[int] = set()
    for k, unit in enumerate(units):
        if unit.kind != _LITERAL or (k > 0 and _runs_on(units[k - 1])):
            continue
        ch = unit.text
        if (
            ch in _ALWAYS_ESCAPE
            or (ch in "/=" and _opens(ch, _following(units, k)))
            or (k == 0 and line_start and ch in ",}\ufeff")
        ):
            escaped.add(k)
    return escaped


def _spanning(units: list[_Unit]) -> set[int]:
    """Plain characters that could start something running over the end of the line
    (Argdown's patterns for references, links, data, ``#(tags)`` and comments can take
    line breaks), so are always escaped: where a brief left them as they are, a later
    line kept them plain, and the export's lines differ."""
    found: set[int] = set()
    for k, unit in enumerate(units):
        if unit.kind != _LITERAL or (k > 0 and _runs_on(units[k - 1])):
            continue
        ch = unit.text
        if ch in "[<{" or (ch in "#/=" and _opens(ch, _following(units, k))):
            found.add(k)
    return found


def _following(units: list[_Unit], k: int) -> str:
    """The two plain characters after unit ``k`` (``\\0`` for anything else)."""
    return "".join(u.text if u.kind == _LITERAL else "\0" for u in units[k + 1 : k + 3])


def _opens(ch: str, following: str) -> bool:
    """Whether ``ch`` before ``following`` opens a ``#(tag)``, a comment or front matter."""
    return (
        (ch == "#" and following[:1] == "(")
        or (ch == "/" and following[:1] in ("/", "*"))
        or (ch == "=" and following == "==")
    )


@dataclass(frozen=True)
class _Spelling:
    """How the plain characters of a text are written: which are escaped (``\\x``),
    which spaces are written as line breaks (Argdown reads a line break in a text as a
    space: the way to keep a ``<`` and a later ``>`` on one line from being read as a
    reference when the ``<`` cannot be escaped, right after a tag), and before which an
    empty comment ``/**/`` separates them from a tag they would otherwise extend."""

    escaped: frozenset[int] = frozenset()
    breaks: frozenset[int] = frozenset()
    separated: frozenset[int] = frozenset()


_SEPARATOR = "/**/"
# What a text is checked before: a line that ends whatever a text might leave open
# (references, links, data, tags, comments, front matter), so that nothing in the text
# may run over its line.
_FOLLOWER = "\n](x) > ) } */ --> ===\n"


def _build(units: list[_Unit], spelling: _Spelling) -> tuple[str, list[int], list[int]]:
    """The units written out, with the offsets where each unit starts and ends (a
    separator before a unit is between the two)."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for k, unit in enumerate(units):
        if k in spelling.separated:
            pieces.append(_SEPARATOR)
            position += len(_SEPARATOR)
        starts.append(position)
        if k in spelling.breaks:
            piece = "\n"
        elif k in spelling.escaped:
            piece = "\\" + unit.image
        else:
            piece = unit.image
        pieces.append(piece)
        position += len(piece)
        ends.append(position)
    return "".join(pieces), starts, ends


def _literal_piece(token: t.Token) -> str:
    if token.kind == t.NEWLINE:
        return " "
    if token.kind == t.ESCAPED:
        return token.image[1:]
    if token.kind == t.SPECIAL:
        symbol = SHORTCODES.get(token.image.strip())
        if symbol is not None:
            return symbol + _trailing_space(token)
    return token.image


def _token_piece(token: t.Token) -> str:
    """What a token adds to a text (as the parser reads it)."""
    kind = token.kind
    if kind in _LITERAL_TOKENS:
        return _literal_piece(token)
    if kind == t.LINK:
        return token.value + _trailing_space(token)
    if kind in (t.BOLD_START, t.ITALIC_START):
        return token.value
    if kind in (t.BOLD_END, t.ITALIC_END):
        return token.value + _trailing_space(token)
    return token.image


def _first_problem(
    units: list[_Unit],
    source: str,
    starts: list[int],
    ends: list[int],
    prefix: str,
    suffix: str,
) -> int | None:
    """The first unit that does not read back as itself, or None when all do.

    Every token of the text must start where a unit starts and end where one ends; a
    plain token must cover plain characters only, and a tag, marker or soft unit must
    read back as the same token (which may take the whitespace after it, as the lexer
    does). What the tokens add to the text must be what the units add.
    """
    full = prefix + source + suffix + _FOLLOWER
    offset = len(prefix)
    end = offset + len(source)
    unit_at = {start: k for k, start in enumerate(starts)}
    # Where a token may end: after a unit (before the separator of the next, if any).
    boundary = {end: k + 1 for k, end in enumerate(ends)}
    boundary.update({start: k for k, start in enumerate(starts)})
    covered = 0  # units before this one read back
    for token in t.tokenize(full).tokens:
        if token.kind in _ZERO_WIDTH or token.end <= offset:
            continue
        if token.start >= end:
            break
        start = token.start - offset
        if start < 0:
            return 0
        k = unit_at.get(start)
        if k is None:
            return _unit_containing(starts, start)
        if k > covered:
            return covered  # skipped: whitespace the lexer dropped
        unit = units[k]
        stop = token.end - offset
        overflow = ""
        if stop > len(source):
            overflow = full[end : token.end]
            stop = len(source)
            if overflow.strip():
                return k
        last = boundary.get(stop)
        if last is None or last <= k:
            # A tag or marker that runs on into the next unit: that unit must change.
            runs_on = unit.kind != _LITERAL and stop > ends[k] and k + 1 < len(units)
            return k + 1 if runs_on else k
        tail_plain = all(units[j].kind == _LITERAL for j in range(k + 1, last))
        expected = "".join(units[j].text for j in range(k, last))
        piece = _token_piece(token)
        if token.kind == t.NEWLINE and _tail(units, k).endswith(" "):
            piece = ""  # after a space, a line break adds nothing
        # The text is stripped: whitespace after its last unit does not count.
        same_text = piece == expected or (last == len(units) and piece.rstrip() == expected)
        if unit.kind == _LITERAL:
            if token.kind not in _LITERAL_TOKENS or not tail_plain or not same_text:
                return k
        else:
            same_token = token.kind == unit.token and (
                token.value == unit.value
                if unit.kind in (_TAG, _MARKER)
                else token.image.rstrip(" \t") == unit.image.rstrip(" \t")
            )
            if not (same_token and tail_plain and same_text):
                # A token that runs on into the next character: escape that character.
                return k + 1 if last > k + 1 and units[k + 1].kind == _LITERAL else k
        covered = last
    if covered < len(units):
        return covered
    return None


def _tail(units: list[_Unit], k: int) -> str:
    """The last piece of plain text before unit ``k`` (what the parser calls the tail)."""
    return next((unit.plain for unit in reversed(units[:k]) if unit.plain), "")


def _unit_containing(starts: list[int], position: int) -> int:
    k = 0
    while k + 1 < len(starts) and starts[k + 1] <= position:
        k += 1
    return k


def _encode(units: list[_Unit], prefix: str, suffix: str) -> str:
    """Write the units so that they read back as themselves after ``prefix``: plain
    characters as themselves or escaped, tags and markers as written.

    It starts from the units' escapes (the brief's own, or for text known only as a
    string the characters that start Argdown syntax) and re-lexes the result in place;
    while something reads back differently it tries the changes that could fix the
    first difference — escaping or unescaping the character there, the one after it or
    the nearest plain one before it, writing a space after it as a line break, or
    writing a link, mention or shortcode as plain text — and keeps the one that reads
    back correctly furthest.
    """
    units = list(units)
    line_start = prefix == ""
    escaped = {k for k, unit in enumerate(units) if unit.escaped} | _spanning(units)
    if units and units[0].kind == _LITERAL and line_start and units[0].text in ",}\ufeff":
        escaped.add(0)
    initial = _Spelling(frozenset(escaped))
    spelling = initial
    visited: set[tuple[int, _Spelling]] = set()
    for _ in range(4 * len(units) + 8):
        source, starts, ends = _build(units, spelling)
        problem = _first_problem(units, source, starts, ends, prefix, suffix)
        if problem is None:
            return _minimal(units, spelling, initial, prefix, suffix)
        visited.add((len(units), spelling))
        best: tuple[float, list[_Unit], _Spelling] | None = None
        for candidate_units, candidate in _fixes(units, spelling, problem, line_start):
            if (len(candidate_units), candidate) in visited:
                continue
            built, built_starts, built_ends = _build(candidate_units, candidate)
            found = _first_problem(candidate_units, built, built_starts, built_ends, prefix, suffix)
            score = math.inf if found is None else found
            if best is None or score > best[0]:
                best = (score, candidate_units, candidate)
        if best is None:
            break
        _, units, spelling = best
    raise ExportError(
        "cannot write the text "
        f"{''.join(u.text for u in units)!r} so that Argdown reads it back unchanged"
    )


def _minimal(
    units: list[_Unit], spelling: _Spelling, initial: _Spelling, prefix: str, suffix: str
) -> str:
    """The text with each change the search made undone where it is not needed (in
    order), so that the spelling does not depend on the path the search took."""
    for attribute in ("escaped", "breaks", "separated"):
        for k in sorted(getattr(spelling, attribute) - getattr(initial, attribute)):
            fewer: frozenset[int] = getattr(spelling, attribute) - {k}
            candidate = dataclasses.replace(spelling, **{attribute: fewer})
            built, starts, ends = _build(units, candidate)
            if _first_problem(units, built, starts, ends, prefix, suffix) is None:
                spelling = candidate
    return _build(units, spelling)[0]


def _fixes(
    units: list[_Unit], spelling: _Spelling, problem: int, line_start: bool
) -> list[tuple[list[_Unit], _Spelling]]:
    """Changes that might make the text read back correctly at ``problem``."""
    fixes: list[tuple[list[_Unit], _Spelling]] = []
    escaped, breaks, separated = spelling.escaped, spelling.breaks, spelling.separated
    previous = next(
        (k for k in range(problem - 1, -1, -1) if units[k].kind == _LITERAL),
        None,
    )

    def toggle(k: int | None) -> None:
        if k is None or k >= len(units) or units[k].kind != _LITERAL or k in breaks:
            return
        if units[k].text not in _UNESCAPABLE:
            fixes.append((units, _Spelling(escaped ^ {k}, breaks, separated)))

    toggle(problem)
    toggle(problem + 1)
    for k in (problem, problem + 1):
        if 0 < k < len(units) and units[k - 1].kind == _TAG and k not in separated:
            fixes.append((units, _Spelling(escaped - {k}, breaks, separated | {k})))
    toggle(previous)
    spaces = [
        k
        for k in range(problem + 1, len(units))
        if units[k].kind == _LITERAL and units[k].text == " " and k not in breaks
    ]
    for k in spaces[:2]:
        fixes.append((units, _Spelling(escaped - {k}, breaks | {k}, separated)))
    unit = units[problem]
    if unit.kind == _SOFT:
        replaced = _literals(unit.text)
        new_units = units[:problem] + replaced + units[problem + 1 :]
        shift = len(replaced) - 1

        def moved(indices: frozenset[int]) -> set[int]:
            return {k + shift if k > problem else k for k in indices}

        new_escaped = moved(escaped)
        around = _initial_escapes(new_units, line_start)
        new_escaped |= around & set(range(problem, problem + len(replaced)))
        fixes.append(
            (
                new_units,
                _Spelling(
                    frozenset(new_escaped), frozenset(moved(breaks)), frozenset(moved(separated))
                ),
            )
        )
    return fixes


# -- data and front matter ----------------------------------------------------------------


def flow_yaml(value: Any) -> str:
    """``value`` as a one-line YAML flow collection that Argdown's lexer reads as one
    ``{…}`` data token: strings are double-quoted, with ``{``, ``}`` and control
    characters escaped (``\\x7d``), so no ``} `` inside a string can end the token."""
    return _flow(value, equals=False)


def _flow(value: Any, equals: bool) -> str:
    if isinstance(value, dict):
        items = ", ".join(f"{_key(str(k), equals)}: {_flow(v, equals)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v, equals) for v in value) + "]"
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    return _quote(str(value), equals)


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        if exponent[0] not in "+-":
            exponent = "+" + exponent
        return f"{mantissa}e{exponent}"
    return text if "." in text else text + ".0"


@functools.lru_cache(maxsize=1024)
def _plain_key(key: str) -> bool:
    """Whether ``key`` reads back as this string when written unquoted."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", key):
        return False
    try:
        return load_data("{" + key + ": 0}") == {key: 0}
    except YamlProblem:  # pragma: no cover - a plain word is valid YAML
        return False


def _key(key: str, equals: bool) -> str:
    return key if _plain_key(key) else _quote(key, equals)


_QUOTE_ESCAPES = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _quote(text: str, equals: bool) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in _QUOTE_ESCAPES:
            out.append(_QUOTE_ESCAPES[ch])
        elif (
            ch in "{}"
            or (equals and ch == "=")
            or code < 0x20
            or 0x7F <= code <= 0x9F
            or ch in "\u2028\u2029\ufeff\ufffe\uffff"
            or 0xD800 <= code <= 0xDFFF
        ):
            if code < 0x100:
                out.append(f"\\x{code:02x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _front_matter(front: dict[str, Any]) -> str:
    """Front matter as block YAML when that reads back the same, else as a flow mapping."""
    body = yaml.safe_dump(
        front, allow_unicode=True, sort_keys=False, default_flow_style=False, width=2**30
    )
    try:
        same = "===" not in body and _json(load_front_matter(body)) == _json(front)
    except YamlProblem:  # pragma: no cover - PyYAML reads what it writes
        same = False
    if not same:
        body = _flow(front, equals=True) + "\n"
    return "===\n" + body + "==="


# -- the writer ---------------------------------------------------------------------------


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


class _Writer:
    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.order = {node.id: index for index, node in enumerate(amap.nodes)}
        self._tokens: list[t.Token] | None = None
        self._offsets: list[int] | None = None

    # -- reading the brief's own tokens ---------------------------------------------------

    def _source_tokens(self) -> tuple[list[t.Token], list[int]] | None:
        source = self.amap.source
        if source is None:
            return None
        if self._tokens is None or self._offsets is None:
            tokens = t.tokenize(source.text).tokens
            end = len(source.text)
            tokens.append(t.Token(t.EOF, "", end, end))
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
            if tokens[low].kind not in _ZERO_WIDTH:
                return low
            low += 1
        return None

    def _units(self, text: str, line: int, column: int, skip_head: bool) -> list[_Unit]:
        """The units of ``text`` as the brief wrote it at (line, column); from the text
        alone when the brief is not at hand or reads differently."""
        index = self._token_index(line, column)
        if index is not None and self._tokens is not None:
            units = _strip(_units_at(self._tokens, index + (1 if skip_head else 0)))
            if "".join(unit.text for unit in units) == text:
                return units
        return _units_from_text(text)

    def _node_units(self, node: Node) -> list[_Unit]:
        text = node.text or ""
        canonical = _canonical(node)
        if canonical is None:
            return _units_from_text(text)
        span = canonical.span
        return self._units(text, span.line, span.column, skip_head=not canonical.untitled)

    def _section_units(self, section: Section) -> list[_Unit]:
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
            chunks.append(_front_matter(amap.front_matter))
        chunks.extend(block.render() for block in blocks[None])
        for section in amap.sections:
            chunks.append(self._heading(section))
            chunks.extend(block.render() for block in blocks[section.id])
        return "\n\n".join(chunks) + "\n" if chunks else ""

    def _heading(self, section: Section) -> str:
        prefix = "#" * section.level + " "
        data = " " + flow_yaml(section.data) if section.data else ""
        text = _encode(self._section_units(section), prefix, data)
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
        text_tags = _tags_of(units)
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

    def _definition_head(self, node: Node, units: list[_Unit], data: dict[str, Any]) -> str:
        label = _label(node) + ":"
        written = flow_yaml(data) if data else ""
        if not node.text:
            # An empty definition: `[T]:` then its data (or `{}`) on the next line.
            return f"{label}\n{written or '{}'}"
        suffix = " " + written if written else ""
        return f"{label} {_encode(units, _line_start(label + ' '), suffix)}{suffix}"

    def _untitled_head(self, node: Node, units: list[_Unit], data: dict[str, Any]) -> str:
        suffix = " " + flow_yaml(data) if data else ""
        if not node.text:
            return "\\ " + suffix  # an escaped space: a statement with no text
        return _encode(units, "", suffix) + suffix


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
    elif any(ch in title for ch in _UNESCAPABLE):
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
    tokens = [tok for tok in t.tokenize("x " + _label(node)).tokens if tok.kind not in _ZERO_WIDTH]
    wanted = t.ARGUMENT_REFERENCE if node.type == ARGUMENT else t.STATEMENT_REFERENCE
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
