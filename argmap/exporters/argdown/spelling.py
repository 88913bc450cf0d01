"""Choosing spellings: how the text of a statement, argument or heading is written so
that Argdown reads it back exactly.

A text is a list of :class:`Unit` — plain characters, tags, bold and italic markers, and
links, mentions and shortcodes — read from the brief's own tokens (:func:`units_at`) or
from a string (:func:`units_from_text`). :func:`encode` writes the units, re-lexes them
in place and, where Argdown would read something else, spells them differently until
they read back as themselves (see the package's documentation).
"""

from __future__ import annotations

import array
import bisect
import dataclasses
import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from argmap.exporters import ExportError
from argmap.exporters.argdown.flow import as_json, flow_yaml
from argmap.syntax import lexer
from argmap.syntax.parser import CONTENT_TOKENS
from argmap.syntax.shortcodes import SHORTCODES

__all__ = [
    "UNESCAPABLE",
    "ZERO_WIDTH",
    "Unit",
    "encode",
    "escape_text",
    "inference_line",
    "strip_units",
    "tags_of",
    "units_at",
    "units_from_text",
]

# Tokens of plain text (a line break inside a text reads as a space).
_LITERAL_TOKENS = frozenset(
    {lexer.FREESTYLE, lexer.UNUSED, lexer.ESCAPED, lexer.SPECIAL, lexer.NEWLINE}
)
_MARKER_TOKENS = frozenset({lexer.BOLD_START, lexer.BOLD_END, lexer.ITALIC_START, lexer.ITALIC_END})
ZERO_WIDTH = frozenset({lexer.INDENT, lexer.DEDENT, lexer.EOF})

# Unit kinds: what a piece of a text is.
_LITERAL = "literal"  # one character, written as itself or escaped
_TAG = "tag"  # a tag: must stay a tag
_MARKER = "marker"  # a bold or italic marker: must stay a marker
_SOFT = "soft"  # a link, mention or shortcode: kept if it reads back the same

# Characters always escaped in text: they start Argdown syntax wherever they are.
_ALWAYS_ESCAPE = frozenset("\\[{<#*_")
# Characters the escape `\x` cannot take (the lexer's "." excludes line terminators).
UNESCAPABLE = frozenset("\n\r\u2028\u2029")


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of a text: what it adds to the text (``text``) and to the plain text
    (``plain``), and how it is written (``image``); ``token`` and ``value`` say which
    token a tag, marker or soft unit must read back as.

    Units are never changed, so one unit stands for every occurrence of a plain
    character: a text costs a pointer per character, not an object."""

    kind: str
    text: str
    image: str
    plain: str
    token: str = ""
    value: str = ""
    escaped: bool = False  # a character the brief wrote escaped


@functools.lru_cache(maxsize=4096)
def _literal(ch: str, escaped: bool = False) -> Unit:
    return Unit(_LITERAL, ch, ch, ch, escaped=escaped)


def _literals(text: str, escaped_first: bool = False) -> list[Unit]:
    units = [_literal(ch) for ch in text]
    if units and escaped_first:
        units[0] = _literal(text[0], escaped=True)
    return units


def _trailing_space(token: lexer.Token) -> str:
    return " " if token.image.endswith(" ") else ""


def units_at(tokens: list[lexer.Token], i: int) -> list[Unit]:
    """The units of the text whose first token is ``tokens[i]``, read as the parser
    reads content (see ``_Parser._content``); not yet stripped."""
    units: list[Unit] = []
    open_ranges = 0
    tail = ""
    while i < len(tokens):
        token = tokens[i]
        kind = token.kind
        piece = ""
        if kind in (lexer.FREESTYLE, lexer.UNUSED):
            piece = token.image
            units.extend(_literals(piece))
        elif kind == lexer.NEWLINE:
            following = tokens[i + 1].kind if i + 1 < len(tokens) else lexer.EOF
            piece = " " if following in CONTENT_TOKENS and not tail.endswith(" ") else ""
            units.extend(_literals(piece))
        elif kind == lexer.ESCAPED:
            piece = token.image[1:]
            units.extend(_literals(piece, escaped_first=True))
        elif kind == lexer.SPECIAL:
            symbol = SHORTCODES.get(token.image.strip())
            if symbol is None:
                piece = token.image
                units.extend(_literals(piece))
            else:
                piece = symbol + _trailing_space(token)
                units.append(Unit(_SOFT, piece, token.image, piece, kind))
        elif kind == lexer.LINK:
            piece = token.value + _trailing_space(token)
            units.append(Unit(_SOFT, piece, token.image, piece, kind))
        elif kind == lexer.TAG:
            piece = token.image
            units.append(Unit(_TAG, piece, piece, piece, kind, token.value))
        elif kind in (lexer.STATEMENT_MENTION, lexer.ARGUMENT_MENTION):
            piece = token.image
            units.append(Unit(_SOFT, piece, piece, piece, kind))
        elif kind in (lexer.BOLD_START, lexer.ITALIC_START):
            open_ranges += 1
            units.append(Unit(_MARKER, token.value, token.image, "", kind, token.value))
        elif kind in (lexer.BOLD_END, lexer.ITALIC_END) and open_ranges:
            open_ranges -= 1
            piece = _trailing_space(token)
            units.append(Unit(_MARKER, token.value + piece, token.image, piece, kind, token.value))
        else:
            break
        if piece:
            tail = piece
        i += 1
    return units


def strip_units(units: list[Unit]) -> list[Unit]:
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


def _cut_front(units: list[Unit], count: int, from_end: bool = False) -> list[Unit]:
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
            result[0] = Unit(
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


def tags_of(units: list[Unit]) -> list[str]:
    # A dict as an ordered set: a line may hold thousands of distinct tags.
    return list(dict.fromkeys(unit.value for unit in units if unit.kind == _TAG))


def units_from_text(text: str) -> list[Unit]:
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
    found: list[tuple[int, int, lexer.Token]] = []  # (start, end) in text, and the token
    for token in lexer.tokenize(prefix + "".join(written)).tokens:
        if token.kind != lexer.TAG and token.kind not in _MARKER_TOKENS:
            continue
        first, stop = token.start - len(prefix), token.end - len(prefix)
        if first < 0 or stop > len(origin) or -1 in origin[first:stop]:
            continue
        core = len(token.image.rstrip(" \t")) if token.kind == lexer.TAG else len(token.value)
        found.append((origin[first], origin[first] + core, token))
    # Only markers that open and close in the text are kept.
    paired: set[int] = set()
    stack: list[int] = []
    for position, (_, _, token) in enumerate(found):
        if token.kind in (lexer.BOLD_START, lexer.ITALIC_START):
            stack.append(position)
        elif token.kind in (lexer.BOLD_END, lexer.ITALIC_END) and stack:
            opener = stack.pop()
            if found[opener][2].value == token.value:
                paired.update((opener, position))
    units: list[Unit] = []
    index = 0
    for position, (start, stop, token) in enumerate(found):
        if token.kind != lexer.TAG and position not in paired:
            continue
        units.extend(_literals(text[index:start]))
        image = text[start:stop]
        if token.kind == lexer.TAG:
            units.append(Unit(_TAG, image, image, image, lexer.TAG, token.value))
        else:
            units.append(Unit(_MARKER, image, image, "", token.kind, token.value))
        index = stop
    units.extend(_literals(text[index:]))
    for k in _initial_escapes(units, line_start=False):
        units[k] = dataclasses.replace(units[k], escaped=True)
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
    return encode(units_from_text(text), prefix, suffix)


def _runs_on(unit: Unit) -> bool:
    """Whether a tag or closing marker would take an escape written right after it (a
    tag's name may contain ``\\``; a closing marker is not one before ``\\``): the
    brief must have written the next character as itself."""
    return (
        unit.token in (lexer.TAG, lexer.BOLD_END, lexer.ITALIC_END) and unit.image[-1:] not in " \t"
    )


def _initial_escapes(units: list[Unit], line_start: bool) -> set[int]:
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


def _spanning(units: list[Unit]) -> set[int]:
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


def _following(units: list[Unit], k: int) -> str:
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


def _build(
    units: list[Unit], spelling: _Spelling
) -> tuple[str, array.array[int], array.array[int]]:
    """The units written out, with the offsets where each unit starts and ends (a
    separator before a unit is between the two)."""
    pieces: list[str] = []
    # Offsets as machine integers: a long text costs 16 bytes a character here.
    starts = array.array("q")
    ends = array.array("q")
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


def _literal_piece(token: lexer.Token) -> str:
    if token.kind == lexer.NEWLINE:
        return " "
    if token.kind == lexer.ESCAPED:
        return token.image[1:]
    if token.kind == lexer.SPECIAL:
        symbol = SHORTCODES.get(token.image.strip())
        if symbol is not None:
            return symbol + _trailing_space(token)
    return token.image


def _token_piece(token: lexer.Token) -> str:
    """What a token adds to a text (as the parser reads it)."""
    kind = token.kind
    if kind in _LITERAL_TOKENS:
        return _literal_piece(token)
    if kind == lexer.LINK:
        return token.value + _trailing_space(token)
    if kind in (lexer.BOLD_START, lexer.ITALIC_START):
        return token.value
    if kind in (lexer.BOLD_END, lexer.ITALIC_END):
        return token.value + _trailing_space(token)
    return token.image


def _first_problem(
    units: list[Unit],
    source: str,
    starts: Sequence[int],
    ends: Sequence[int],
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
    covered = 0  # units before this one read back
    for token in lexer.tokenize(full).tokens:
        if token.kind in ZERO_WIDTH or token.end <= offset:
            continue
        if token.start >= end:
            break
        start = token.start - offset
        if start < 0:
            return 0
        k = _index_of(starts, start)
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
        # Where a token may end: before a unit (and its separator), or after one.
        last = _index_of(starts, stop)
        if last is None:
            after = _index_of(ends, stop)
            last = None if after is None else after + 1
        if last is None or last <= k:
            # A tag or marker that runs on into the next unit: that unit must change.
            runs_on = unit.kind != _LITERAL and stop > ends[k] and k + 1 < len(units)
            return k + 1 if runs_on else k
        tail_plain = all(units[j].kind == _LITERAL for j in range(k + 1, last))
        expected = "".join(units[j].text for j in range(k, last))
        piece = _token_piece(token)
        if token.kind == lexer.NEWLINE and _tail(units, k).endswith(" "):
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


def _tail(units: list[Unit], k: int) -> str:
    """The last piece of plain text before unit ``k`` (what the parser calls the tail)."""
    return next((unit.plain for unit in reversed(units[:k]) if unit.plain), "")


def _index_of(offsets: Sequence[int], position: int) -> int | None:
    """The index of ``position`` in the increasing ``offsets``, if it is there."""
    k = bisect.bisect_left(offsets, position)
    return k if k < len(offsets) and offsets[k] == position else None


def _unit_containing(starts: Sequence[int], position: int) -> int:
    return max(0, bisect.bisect_right(starts, position) - 1)


def encode(units: list[Unit], prefix: str, suffix: str) -> str:
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
        best: tuple[float, list[Unit], _Spelling] | None = None
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
    units: list[Unit], spelling: _Spelling, initial: _Spelling, prefix: str, suffix: str
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
    units: list[Unit], spelling: _Spelling, problem: int, line_start: bool
) -> list[tuple[list[Unit], _Spelling]]:
    """Changes that might make the text read back correctly at ``problem``."""
    fixes: list[tuple[list[Unit], _Spelling]] = []
    escaped, breaks, separated = spelling.escaped, spelling.breaks, spelling.separated
    previous = next(
        (k for k in range(problem - 1, -1, -1) if units[k].kind == _LITERAL),
        None,
    )

    def toggle(k: int | None) -> None:
        if k is None or k >= len(units) or units[k].kind != _LITERAL or k in breaks:
            return
        if units[k].text not in UNESCAPABLE:
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


# -- inference lines ------------------------------------------------------------------------


def _reads_as(line: str, rules: Sequence[str], data: str) -> bool:
    """Whether Argdown reads ``line``, between two members, as these rules and data,
    whatever follows."""
    from argmap.source import SourceText
    from argmap.syntax.parser import parse

    # The conclusion's text closes whatever the line might leave open (data, a comment)
    # that a later line of the brief could close.
    parsed = parse(SourceText(f"(1) a\n{line}\n(2) b }} \\*/ -->\n", "<inference>"))
    members = parsed.reconstructions[0].members if parsed.reconstructions else []
    inference = members[-1].inference if len(members) == 2 else None
    return (
        inference is not None and inference.rules == list(rules) and as_json(inference.data) == data
    )


def _rule(rule: str, escape: bool) -> str:
    """A rule's name as written in an inference line: as it is, or with every character
    that is neither a letter, a digit nor a space escaped (an escape takes the spaces
    after it along, where the lexer would skip them; an empty name is an escaped space)."""
    if not escape:
        return rule
    if not rule:
        return "\\ "
    return "".join(ch if ch.isalnum() or ch == " " else "\\" + ch for ch in rule)


def inference_line(rules: Sequence[str], data: dict[str, Any]) -> str:
    """The inference line (``----`` or ``-- rule, rule {data} --``) that Argdown reads as
    these rules and data: the names as they are where that reads back the same, else
    escaped; :class:`ExportError` when neither does (a name with a line break)."""
    written = " " + flow_yaml(data) if data else ""
    candidates = [] if rules or data else ["----"]
    for escape in (False, True):
        names = ", ".join(_rule(rule, escape) for rule in rules)
        candidates.append(f"-- {names}{written} --" if names else f"--{written} --")
    expected = as_json(data)
    for line in candidates:
        if _reads_as(line, rules, expected):
            return line
    raise ExportError(
        f"cannot write the inference rules {list(rules)!r} so that Argdown reads them "
        "back unchanged"
    )
