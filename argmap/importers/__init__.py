"""Reading maps from where they already live: AIF JSON (OVA, AIFdb), the Argumentative
Microtext corpus's XML, and Kialo's discussion export.

Each importer reads its format into a :class:`~argmap.importers.draft.Draft`, which is
written as an Argdown brief; the map is that brief read back, with every place in it
pointing into the imported file. So ``argmap import`` writes exactly the map that
``argmap show FILE`` shows. The mapping of each format is in docs/imports.md.

>>> amap = load_import('{"nodes": [{"nodeID": "1", "text": "Tax sugar.", "type": "I"}, '
...     '{"nodeID": "2", "text": "It cuts obesity.", "type": "I"}, '
...     '{"nodeID": "3", "text": "Default Inference", "type": "RA"}], '
...     '"edges": [{"edgeID": "1", "fromID": "2", "toID": "3"}, '
...     '{"edgeID": "2", "fromID": "3", "toID": "1"}]}', "tax.json")
>>> [(edge.source, edge.relation, edge.target) for edge in amap.edges]
[('statement:2', 'support', 'statement:1')]
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic
    from argmap.importers.draft import Draft, Origins
    from argmap.model import ArgumentMap
    from argmap.source import SourceText

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "ImportFailure",
    "Imported",
    "brief",
    "detect",
    "import_text",
    "load_import",
    "note",
    "read_draft",
]

FORMATS = ("aif", "microtext", "kialo")
"""The formats argmap imports, as ``argmap import --from`` names them."""

SUFFIXES = (".json", ".aif", ".xml", ".txt")
"""The suffixes of files the commands look into for an imported format (a ``.json``
file that is not AIF is argmap's own JSON; other files are briefs)."""

_HEAD = 4096  # how much of a file's start detection looks at
_ARGMAP_JSON = re.compile(r'\{\s*"argmap"\s*:')
_AIF_JSON = re.compile(r'\{\s*"(?:AIF|nodes|edges|locutions|participants)"\s*:')
_ARGMAP_KEY = re.compile(r'"argmap"\s*:\s*[0-9]')
_AIF_KEY = re.compile(r'"(?:nodeID|AIF)"\s*:')
_KIALO = re.compile(r"(?:Discussion Title|Discussion Name):")


class ImportFailure(ValueError):
    """A file that cannot be imported: the message names the file and the place."""


@dataclass
class Imported:
    """A file read as a brief: the Argdown text, where its lines come from, and the
    draft (what was read and left out)."""

    argdown: str
    origins: Origins
    draft: Draft


def detect(text: str) -> str | None:
    """The format of a file's text: ``aif``, ``microtext``, ``kialo``, or None (an
    Argdown brief, argmap's own JSON, or something else). Told from its start, but for a
    JSON object, whose keys are looked for in the whole text."""
    head = text[:_HEAD].lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        # A JSON object's keys come in any order, and argmap's own key may follow
        # megabytes of nodes: so its keys are looked for in the whole text. Inside a
        # JSON string a quote is escaped, so these patterns only ever match keys.
        if _ARGMAP_JSON.match(head):
            return None
        aif_key = _AIF_KEY.search(text) is not None
        if not aif_key and _ARGMAP_KEY.search(text):
            return None
        return "aif" if aif_key or _AIF_JSON.match(head) else None
    if head.startswith("<") and re.search(r"<arggraph[\s>]", head):
        return "microtext"
    if _KIALO.match(head):
        return "kialo"
    return None


def read_draft(text: str, name: str, source_format: str | None = None) -> Draft:
    """The draft of ``text`` (the file ``name``) in ``source_format``, detected when not
    given. Raises :class:`ImportFailure` with the place of the problem."""
    chosen = source_format or detect(text)
    if chosen == "aif":
        from argmap.importers import aif

        return aif.read(text, name)
    if chosen == "microtext":
        from argmap.importers import microtext

        return microtext.read(text, name)
    if chosen == "kialo":
        from argmap.importers import kialo

        return kialo.read(text, name)
    if chosen is None:
        raise ImportFailure(
            f'{name}: cannot tell the format: not AIF JSON (an object with "nodes"), '
            'microtext XML (<arggraph>) or a Kialo export ("Discussion Title:"); '
            f"name it with --from ({', '.join(FORMATS)})"
        )
    raise ImportFailure(f"{name}: unknown format {chosen!r}; choose {', '.join(FORMATS)}")


def import_text(text: str, name: str, source_format: str | None = None) -> Imported:
    """``text`` (the file ``name``) as an Argdown brief; see :func:`read_draft`."""
    # Imported here, as the importers are: reading a brief only needs detect().
    from argmap.importers.draft import write_argdown

    draft = read_draft(text, name, source_format)
    argdown, origins = write_argdown(draft, name)
    return Imported(argdown, origins, draft)


def load_import(text: str, name: str, source_format: str | None = None) -> ArgumentMap:
    """The map of an imported file: its brief read back, with findings placed in the
    file ``name`` (whose lines the views show). Raises :class:`ImportFailure`."""
    from argmap.loader import _load_expanded
    from argmap.source import SourceText
    from argmap.syntax.include import Expansion

    imported = import_text(text, name, source_format)
    expansion = Expansion(imported.argdown, imported.origins, {name: SourceText(text, name)}, [])
    amap = _load_expanded(expansion, name, [], imported=True)
    amap.front_matter.setdefault("imported", _record(imported.draft, name))
    amap.diagnostics.insert(0, _note_finding(imported.draft, SourceText(text, name)))
    return amap


def _note_finding(draft: Draft, source: SourceText) -> Diagnostic:
    """The import's one note (see :func:`note`) as a finding at the head of the file."""
    from argmap.diagnostics import IMPORT_NOTE, Diagnostic, Severity

    return Diagnostic(
        IMPORT_NOTE.code,
        IMPORT_NOTE.name,
        Severity.INFO,
        f"imported from {draft.source_format}: {note(draft)}",
        source.span(0, 1),
    )


def _record(draft: Draft, name: str) -> dict[str, object]:
    """What a map read from an imported file keeps of the import (front matter
    ``imported``: the format, the file and the summary)."""
    return {"from": draft.source_format, "file": name, "summary": note(draft)}


def note(draft: Draft) -> str:
    """The one note of an import: what was read, what was left out, and that the file
    marks no evidence when it marks none (check it with --standard dialectical)."""
    text = draft.summary()
    if not any(claim.data.get("url") for claim in draft.claims.values()):
        text += (
            "; the file marks no evidence, so under the evidence standard no claim "
            "stands: check it with --standard dialectical"
        )
    return text


def brief(text: str, name: str, source_format: str | None = None) -> tuple[str, Draft]:
    """The Argdown brief of an imported file (``argmap import``): a comment header naming
    the file and the note, then the brief.

    The brief is written in the canonical layout of ``argmap fmt`` (the tests run the
    formatter on every fixture's brief and find nothing to change), not through the
    formatter: its checks take half a minute on a nodeset of 10,000 statements.
    """
    imported = import_text(text, name, source_format)
    shown = re.sub(r"[\x00-\x1f\x7f]", "?", os.path.basename(name))
    header = (
        f"// Imported from {shown} ({imported.draft.source_format}) by argmap import.\n"
        + "".join(f"// {line}\n" for line in _wrap(note(imported.draft)))
    )
    # An empty map is its header alone: fmt leaves no blank line at the end.
    body = imported.argdown.strip("\n")
    return (header + "\n" + body + "\n" if body else header), imported.draft


def _wrap(text: str, width: int = 86) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken at spaces."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines
