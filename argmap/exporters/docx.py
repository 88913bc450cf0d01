"""The Verbatim export: a Word document styled as debaters' card files are.

Sections become ``Pocket``, ``Hat`` and ``Block`` headings (levels 1, 2, 3 and deeper):
Word's ``Heading 1`` to ``Heading 3`` with those names as aliases, as Verbatim's template
has them, so that Word shows ``Heading 1,Pocket`` and the navigation pane the outline;
each claim becomes a ``Tag`` (``Heading 4``) followed by the cards that support it; a
card is its cite, the short cite (author and year) in the ``Cite`` character style, and
its text, with ``++underlined++`` runs in the ``Underline`` style, ``**emphasised**``
runs in ``Emphasis`` and ``==highlighted==`` runs highlighted. Evidence that supports no
claim is a card of its own, its title the tag. :mod:`argmap.importers.docx` reads the
document back as the same map.

What a card file has no place for is left out: attacks and undercuts, support between
claims, premise–conclusion structures and data other than ``cite``. The document is the
same bytes for the same map (no timestamps; the archive's entries dated 1980-01-01).
Needs python-docx: ``pip install 'argmap[docx]'``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from argmap.cards import card_text, cite_of, runs
from argmap.exporters import ExportError

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic
    from argmap.evaluate import Evaluation
    from argmap.model import ArgumentMap, Node

EXPORTS = {"docx": (".docx",)}
BINARY = True

# Verbatim's paragraph styles: Word's own headings, under Verbatim's names as aliases (so
# Word shows "Heading 1,Pocket", and what looks for either finds it).
_HEADINGS = (("Pocket", "Heading 1"), ("Hat", "Heading 2"), ("Block", "Heading 3"))
_TAG = ("Tag", "Heading 4")
# The short cite a cite string starts with: its author(s) and year.
_SHORT = re.compile(r"^[^,(\[]*?(?:'?\d{2}(?:\d{2})?|ND|n\.d\.)\b", re.I)
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)
# Characters XML 1.0 cannot hold (control characters but tab, line feed and carriage
# return; lone surrogates; U+FFFE and U+FFFF): python-docx refuses them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def export(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
) -> bytes:
    """The map as a Verbatim-styled ``.docx`` document."""
    try:
        import docx
    except ImportError:
        raise ExportError("the docx export needs python-docx: pip install 'argmap[docx]'") from None
    document = docx.Document()
    _styles(document)
    properties = document.core_properties
    properties.title = _xml(amap.title or "")
    properties.author = properties.last_modified_by = "argmap"
    properties.comments = "written by argmap"
    properties.revision = 1
    written: set[str] = set()
    for section, nodes in _by_section(amap):
        if section is not None:
            level = min(section.level, len(_HEADINGS)) - 1
            document.add_paragraph(_xml(section.title), _HEADINGS[level][1])
        for node in nodes:
            if node.id in written:
                continue
            written.add(node.id)
            if node.is_evidence:
                _tag(document, node.title)
                _card(document, node)
                continue
            _tag(document, _plain(card_text(node)) or node.title)
            for source in amap.incoming(node.id):
                if source.relation != "support" or source.source in written:
                    continue
                card = amap.node(source.source)
                if card.is_evidence:
                    written.add(card.id)
                    _card(document, card)
    return _deterministic(document)


def _by_section(amap: ArgumentMap) -> list[tuple[Any, list[Node]]]:
    """Each section (``None`` first: what comes before any heading) with its nodes, in the
    brief's order."""
    nodes: dict[str | None, list[Node]] = {None: []}
    for section in amap.sections:
        nodes.setdefault(section.id, [])
    for node in amap.nodes:
        if node.type != "statement" or not node.is_defined:
            continue
        nodes.setdefault(node.section if node.section in nodes else None, []).append(node)
    result: list[tuple[Any, list[Node]]] = [(None, nodes[None])]
    seen: set[str] = set()
    for section in amap.sections:
        if section.id not in seen:
            seen.add(section.id)
            result.append((section, nodes[section.id]))
    return result


def _plain(text: str) -> str:
    return "".join(run.text for run in runs(text))


def _xml(text: str) -> str:
    """``text`` with what XML cannot hold written as U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _tag(document: Any, text: str) -> None:
    document.add_paragraph(_xml(text), _TAG[1])


def _card(document: Any, node: Node) -> None:
    from docx.enum.text import WD_COLOR_INDEX

    value = node.data.get("cite")
    if isinstance(value, str) and value.strip():
        cite = " ".join(value.split())
    else:
        parsed = cite_of(node.data)
        cite = f"{parsed.short()}, {parsed.line()}".rstrip(", ") if parsed else node.title
    paragraph = document.add_paragraph()
    short = _SHORT.match(cite)
    end = short.end() if short else len(cite)
    paragraph.add_run(_xml(cite[:end]), "Cite")
    if cite[end:]:
        paragraph.add_run(_xml(cite[end:]))
    body = document.add_paragraph()
    for run in runs(card_text(node)):
        style = "Emphasis" if run.emphasis else "Underline" if run.underline else None
        added = body.add_run(_xml(run.text), style)
        if run.highlight:
            added.font.highlight_color = WD_COLOR_INDEX.BRIGHT_GREEN


def _styles(document: Any) -> None:
    """Verbatim's styles: Word's Heading 1 to 4 with the aliases Pocket, Hat, Block and
    Tag, as Verbatim's template has them, and the character styles Cite (bold),
    Underline and Emphasis (bold and underlined)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    styles = document.styles
    for alias, heading in (*_HEADINGS, _TAG):
        element = styles[heading].element
        aliases = OxmlElement("w:aliases")
        aliases.set(qn("w:val"), alias)
        # In the schema's order: right after the style's name.
        element.find(qn("w:name")).addnext(aliases)
    cite = styles.add_style("Cite", WD_STYLE_TYPE.CHARACTER)
    cite.font.bold = True
    cite.font.size = Pt(13)
    underline = styles.add_style("Underline", WD_STYLE_TYPE.CHARACTER)
    underline.font.underline = True
    emphasis = styles["Emphasis"]
    emphasis.font.italic = False
    emphasis.font.bold = True
    emphasis.font.underline = True


def _deterministic(document: Any) -> bytes:
    """The document's bytes, with every archive entry dated 1980-01-01 (python-docx dates
    them when it writes), so that one map always gives the same file."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, _FIXED_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
