"""hidden-characters: invisible or direction-changing characters in the brief.

Bidirectional overrides and isolates can make text display in a different order than it
is read (the "Trojan source" trick), and zero-width or control characters hide in titles
so that two titles that look the same are different nodes. Each is reported at its line
and column; wherever argmap displays text, they are shown visibly (as ``<U+202E>``) or
removed. (Below, the failing brief holds a U+202E RIGHT-TO-LEFT OVERRIDE.)

PASS::

    [A]: Uniforms help.

FAIL::

    [A]: Uniforms help.\u202e reversed
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding
from argmap.source import HIDDEN

CODE = "AM106"
NAME = "hidden-characters"
SEVERITY = Severity.ERROR
SUMMARY = "Invisible or direction-changing characters hide in the text."

_MAX_REPORTS = 50


def visible(text: str) -> str:
    """``text`` with every hidden character written as ``<U+XXXX>``."""
    return HIDDEN.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", text)


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"{code} {name}" if name else f"{code} (a control character)"


def check(ctx: Context) -> Iterator[Finding]:
    source = ctx.map.source
    if source is None:
        return
    found = source.hidden_characters()
    for offset in found[:_MAX_REPORTS]:
        char = source.text[offset]
        kind = (
            "a bidirectional control that can reorder how the text displays"
            if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069"
            else "an invisible character"
        )
        yield Finding(
            source.span(offset, offset + 1),
            f"hidden character {_describe(char)}: {kind}; delete it unless it is meant",
        )
    if len(found) > _MAX_REPORTS:
        yield Finding(
            source.span(0, 1),
            f"{len(found) - _MAX_REPORTS} more hidden characters not shown",
        )
