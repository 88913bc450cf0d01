"""mixed-indentation: tabs and spaces mixed in the indentation of one block.

Argdown counts a tab as one column, however wide an editor shows it, so a line indented
with a tab may nest under another statement than it seems to (Argdown reads it so, and
argmap reads it as Argdown does). Indent with spaces only, or with tabs only.
Reported once a block, at the first line whose indentation mixes the two or differs in
kind from the lines before it.

PASS::

    [Uniforms]: Schools should require uniforms.
      + [Equality]: Uniforms hide income differences.
        + [Survey]: 40 schools reported less teasing.

FAIL::

    [Uniforms]: Schools should require uniforms.
      + [Equality]: Uniforms hide income differences.
    \t+ [Survey]: 40 schools reported less teasing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding

CODE = "AM005"
NAME = "mixed-indentation"
SEVERITY = Severity.WARNING
SUMMARY = "Tabs and spaces are mixed in the indentation of one block."
# About the text as written: its findings stand on a line the parser misread too.
ABOUT_THE_TEXT = True

# The indentation of a line that has text, or a blank line (which ends a block).
_LINE = re.compile(r"^([ \t]*)(\S?)", re.MULTILINE)


def check(ctx: Context) -> Iterator[Finding]:
    source = ctx.map.source
    if source is None or "\t" not in source.text:  # the usual brief: nothing to look at
        return
    text = source.text
    seen = ""  # the kinds of indentation met in this block: "s" spaces, "t" tabs
    reported = False
    for match in _LINE.finditer(text):
        indentation, first = match.groups()
        if not first:
            if match.end() == len(text) or text[match.end()] in "\r\n":
                seen, reported = "", False  # a blank line: a new block
            continue
        if not indentation or reported:
            continue
        kinds = ("s" if " " in indentation else "") + ("t" if "\t" in indentation else "")
        if len(kinds) == 2 or (seen and kinds not in seen):
            reported = True
            start = match.start()
            yield Finding(source.span(start, start + len(indentation)), _message(kinds))
        seen = seen if kinds in seen else seen + kinds


def _message(kinds: str) -> str:
    if len(kinds) == 2:
        what = "this line is indented with both tabs and spaces"
    elif kinds == "t":
        what = "this line is indented with a tab, lines above it in this block with spaces"
    else:
        what = "this line is indented with spaces, lines above it in this block with tabs"
    return (
        f"{what}; Argdown counts a tab as one space, so the line may nest differently "
        "from how it looks: indent every line of the block with spaces only"
    )
