"""hidden-characters: invisible or direction-changing characters in the brief.

Bidirectional overrides and isolates can make text display in a different order than it
is read (the "Trojan source" trick), and zero-width or control characters hide in titles
so that two titles that look the same are different nodes. Hidden are Unicode's
default-ignorable code points (bidi controls, zero-width characters, soft hyphens,
variation selectors, tags, ...) and control characters other than tab and line breaks;
a zero-width joiner or variation selector that is part of an emoji is not reported. Data
values are checked after decoding too: an escape such as ``"\\u202e"`` in
``{cite: "..."}`` is reported where it is written. Each is reported at its line and
column; wherever argmap displays text, they are shown visibly (as ``<U+202E>``, a tab as
``→``). (Below, the failing brief holds a U+202E RIGHT-TO-LEFT OVERRIDE.)

PASS::

    [A]: Uniforms help.

FAIL::

    [A]: Uniforms help.\u202e reversed
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding
from argmap.source import HIDDEN, SourceText
from argmap.unicode_sets import in_emoji, is_bidi_control
from argmap.visible import show_hidden as visible

__all__ = ["CODE", "NAME", "SEVERITY", "SUMMARY", "check", "visible"]

CODE = "AM106"
NAME = "hidden-characters"
SEVERITY = Severity.ERROR
SUMMARY = "Invisible or direction-changing characters hide in the text."
# About the text as written: its findings stand on a line the parser misread too.
ABOUT_THE_TEXT = True

_MAX_REPORTS = 50

# The YAML escapes that write one character by name, by the character.
_NAMED_ESCAPES = {"\x00": "0", "\x07": "a", "\x08": "b", "\x0b": "v", "\x0c": "f", "\x1b": "e"}
_NAMED_ESCAPES["\x85"] = "N"
# Where a data block ends, at the latest: the next blank line.
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


def _describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    if name:
        return f"{code} {name}"
    if unicodedata.category(char) == "Cc":
        return code  # control characters have no name; the kind says what it is
    return f"{code} (an unassigned code point, ignored when displayed)"


def _kind(char: str) -> str:
    if is_bidi_control(char):
        return "a bidirectional control that can reorder how the text displays"
    if unicodedata.category(char) == "Cc":
        return "a control character"
    return "an invisible character"


def check(ctx: Context) -> Iterator[Finding]:
    source = ctx.map.source
    if source is None:
        return
    text = source.text
    found = [(offset, "") for offset in source.hidden_characters() if not in_emoji(text, offset)]
    # Characters that YAML escapes in data write: none unless the brief has a backslash.
    if "\\" in text:
        found.extend(_in_data(ctx, source))
        found.sort()
    for offset, escape in found[:_MAX_REPORTS]:
        if escape:
            char = _decode(escape)
            yield Finding(
                source.span(offset, offset + len(escape)),
                f"hidden character {_describe(char)} in data, written as the escape {escape}: "
                f"{_kind(char)}; delete it unless it is meant",
            )
        else:
            char = text[offset]
            yield Finding(
                source.span(offset, offset + 1),
                f"hidden character {_describe(char)}: {_kind(char)}; delete it unless it is meant",
            )
    if len(found) > _MAX_REPORTS:
        yield Finding(
            source.span(0, 1),
            f"{len(found) - _MAX_REPORTS} more hidden characters not shown",
        )


def _strings(data: dict[str, Any]) -> Iterator[str]:
    """Every key and string value in ``data``, nested ones too (without recursion)."""
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append(item)
                stack.append(key)
        elif isinstance(value, list):
            stack.extend(reversed(value))


def _escapes(char: str) -> re.Pattern[str]:
    """The ways YAML writes ``char`` as an escape in a double-quoted string."""
    code = ord(char)
    forms = [f"x{code:02x}" if code < 0x100 else "", f"u{code:04x}" if code < 0x10000 else ""]
    forms.append(f"U{code:08x}")
    # Hex digits in either case; a named escape as YAML spells it (\N is not \n).
    pattern = "|".join(f"(?-i:{f[0]}){f[1:]}" for f in forms if f)
    named = _NAMED_ESCAPES.get(char)
    if named:
        pattern += f"|(?-i:{re.escape(named)})"
    return re.compile(rf"\\(?:{pattern})", re.IGNORECASE)


def _decode(escape: str) -> str:
    body = escape[1:]
    if body[0] in "xuU":
        return chr(int(body[1:], 16))
    return {v: k for k, v in _NAMED_ESCAPES.items()}[body]


def _in_data(ctx: Context, source: SourceText) -> list[tuple[int, str]]:
    """(offset, escape) of each hidden character that an escape in data writes: the escape
    is looked for after the start of the statement or argument whose data holds it, up
    to the next blank line. A hidden character written as itself is not an escape: the
    search of the text finds it."""
    text = source.text
    found: list[tuple[int, str]] = []
    for node in ctx.map.nodes:
        for occurrence in node.occurrences:
            if not occurrence.data:
                continue
            chars = [
                m.group(0)
                for value in _strings(occurrence.data)
                for m in HIDDEN.finditer(value)
                if not in_emoji(value, m.start())
            ]
            if not chars:
                continue
            start = source.offset(occurrence.span.line, occurrence.span.column)
            blank = _BLANK_LINE.search(text, start)
            end = blank.start() if blank else len(text)
            cursor: dict[str, int] = {}
            for char in chars:
                at = _escapes(char).search(text, cursor.get(char, start), end)
                if at is not None:
                    found.append((at.start(), at.group(0)))
                    cursor[char] = at.end()
    return found
