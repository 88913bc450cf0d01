"""Showing hidden characters visibly.

Wherever argmap displays text a user wrote (titles, messages, echoed source lines, file
names), characters that cannot be seen or that change how text displays are written
visibly instead:

* a tab becomes ``→`` (one character, so a caret under an echoed line stays aligned);
* every other hidden character becomes ``<U+XXXX>``: control characters (line breaks
  and escape included, so a file name cannot move the cursor, retitle the terminal or
  split a line of output), bidirectional controls and Unicode's default-ignorable code
  points (zero-width spaces, soft hyphens, variation selectors, tags, ...).

A zero-width joiner (U+200D) between two pictographs, as in the emoji 👩‍💻, is part of
the picture and shown as it is; anywhere else it is hidden.
"""

from __future__ import annotations

import re

from argmap.unicode_sets import HIDDEN, HIDDEN_CLASS, in_emoji

__all__ = ["TAB", "show_hidden", "visible"]

#: How a tab is shown.
TAB = "→"

# Line and paragraph separators too: a terminal may break the line there.
_SHOWN = re.compile(f"[{HIDDEN_CLASS}\t\n\r\u2028\u2029]")


def _show(match: re.Match[str]) -> str:
    char = match.group(0)
    if char == "\t":
        return TAB
    if in_emoji(match.string, match.start()):
        return char
    return f"<U+{ord(char):04X}>"


def visible(text: str) -> str:
    """``text`` with every hidden character shown visibly (see the module docs)."""
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing hides
    return _SHOWN.sub(_show, text)


def show_hidden(text: str) -> str:
    """``text`` with its hidden characters shown as ``<U+XXXX>``, but tabs and line breaks
    kept: for text of many lines, such as documentation."""
    if text.isascii() and text.isprintable():
        return text
    return HIDDEN.sub(_show, text)
