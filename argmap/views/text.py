"""Making user text safe to print (no control characters, no escape sequences), and
writing output."""

from __future__ import annotations

import os
import re
from typing import IO, Any

__all__ = ["clean", "shorten", "write"]

# ANSI/OSC escape sequences first (so their parameters go too), then other controls.
_ESCAPES = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b\[[0-?]*[ -/]*[@-~]|\x1b.?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional controls can reorder what a reader sees; show them instead.
_BIDI_CHARACTERS = r"\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_BIDI = re.compile(f"[{_BIDI_CHARACTERS}]")
# Every character any step below acts on (escape, tab and line break included).
_UNCLEAN = re.compile(rf"[\x00-\x1f\x7f-\x9f{_BIDI_CHARACTERS}]")


def clean(text: str) -> str:
    """``text`` with escape sequences and control characters removed and bidi controls
    made visible as ``<U+XXXX>``; tabs and line breaks become spaces."""
    if text.isprintable() or _UNCLEAN.search(text) is None:
        return text  # the common case: nothing to do
    text = _ESCAPES.sub("", text)
    text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    text = _CONTROLS.sub("", text)
    return _BIDI.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", text)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "…" when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def write(stream: IO[Any], data: str | bytes) -> None:
    """Write ``data`` to ``stream`` and flush it. A reader that goes away (``| head``) is
    not an error of ours: the rest is dropped and the command ends quietly, exit code 0."""
    try:
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        # Point the stream at devnull, so that the interpreter's final flush is quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        raise SystemExit(0) from None
