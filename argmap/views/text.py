"""Making user text safe to print: no control characters, no escape sequences."""

from __future__ import annotations

import re

__all__ = ["clean", "shorten"]

# ANSI/OSC escape sequences first (so their parameters go too), then other controls.
_ESCAPES = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b\[[0-?]*[ -/]*[@-~]|\x1b.?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional controls can reorder what a reader sees; show them instead.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def clean(text: str) -> str:
    """``text`` with escape sequences and control characters removed and bidi controls
    made visible as ``<U+XXXX>``; tabs and line breaks become spaces."""
    text = _ESCAPES.sub("", text)
    text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    text = _CONTROLS.sub("", text)
    return _BIDI.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", text)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "…" when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
