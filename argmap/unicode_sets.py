"""The characters that hide in text, defined once.

``DEFAULT_IGNORABLE`` is Unicode's Default_Ignorable_Code_Point property, from
DerivedCoreProperties.txt of Unicode 14.0.0 (the version of Python 3.11's unicodedata;
regenerate with tools/gen_unicode_sets.py for another version). Python's unicodedata
does not offer this property, hence the table.
"""

from __future__ import annotations

import re

__all__ = [
    "BIDI_CONTROLS",
    "CONTROLS",
    "DEFAULT_IGNORABLE",
    "HIDDEN",
    "HIDDEN_CLASS",
    "UNICODE_VERSION",
    "is_bidi_control",
]

UNICODE_VERSION = "14.0.0"

# BEGIN GENERATED: Default_Ignorable_Code_Point, DerivedCoreProperties.txt 14.0.0
DEFAULT_IGNORABLE: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
# END GENERATED

#: Unicode's Bidi_Control characters: they reorder how text displays ("Trojan source").
BIDI_CONTROLS: tuple[tuple[int, int], ...] = (
    (0x061C, 0x061C),
    (0x200E, 0x200F),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
)

#: C0 and C1 control characters, other than tab and the line breaks \n and \r.
CONTROLS: tuple[tuple[int, int], ...] = (
    (0x00, 0x08),
    (0x0B, 0x0C),
    (0x0E, 0x1F),
    (0x7F, 0x9F),
)


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    def one(code: int) -> str:
        return (
            f"\\x{code:02x}"
            if code < 0x100
            else f"\\u{code:04x}"
            if code < 0x10000
            else f"\\U{code:08x}"
        )

    return "".join(one(a) if a == b else f"{one(a)}-{one(b)}" for a, b in ranges)


#: The hidden characters as the body of a regular-expression class (between ``[``
#: and ``]``): default-ignorable code points (bidi controls among them) and controls.
HIDDEN_CLASS = _class(CONTROLS + DEFAULT_IGNORABLE)
HIDDEN = re.compile(f"[{HIDDEN_CLASS}]")

_BIDI = re.compile(f"[{_class(BIDI_CONTROLS)}]")


def is_bidi_control(char: str) -> bool:
    """Whether ``char`` is a bidirectional control."""
    return _BIDI.match(char) is not None
