"""Reading Verbatim files: a debate ``.docx`` as an Argdown brief.

Verbatim, the Word template most policy and LD teams keep their evidence in, marks a
file's parts with paragraph styles and its cards' read parts with character styles:

- ``Pocket``, ``Hat`` and ``Block`` (Word's ``Heading 1`` to ``Heading 3``, often shown
  as ``Heading 1,Pocket``) become sections, ``#``, ``##`` and ``###``;
- each ``Tag`` (``Heading 4``) becomes a claim whose text is the tag;
- a paragraph with a run in the ``Cite`` character style after a tag is the card's cite,
  and the paragraphs after it, up to the next heading, the card: an evidence statement
  supporting the tag, ``#card`` with ``{cite: "…"}`` (see :mod:`argmap.cards`);
- in the card, runs in the ``Underline`` style (or underlined), in the ``Emphasis``
  style, and highlighted, are written ``++…++``, ``**…**`` and ``==…==``;
- a tag with no card after it (an analytic) stays a claim alone.

A style is recognised by its name, each of its comma-separated aliases, and the styles
it is based on. What the file has that a brief cannot hold (a table, an image, a
footnote, text before any tag) is reported as a :class:`Note` with its paragraph number
(counted as Word counts them, tables' paragraphs included), never dropped silently: a
table's text joins its card, other text is kept in the brief as a ``//`` comment.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.cards import Run, marked_text, parse_cite

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["DocxImport", "DocxImportError", "Note", "read_docx", "style_kind"]

SUFFIXES = (".docx",)

# Paragraph styles by what they are in a Verbatim file: heading levels 1–4.
_PARAGRAPH_KINDS = {
    "pocket": 1,
    "heading 1": 1,
    "hat": 2,
    "heading 2": 2,
    "block": 3,
    "heading 3": 3,
    "tag": 4,
    "heading 4": 4,
}
TAG_LEVEL = 4
# The headings of Word's own template past level 4, and titles: not part of a card file.
_UNKNOWN_HEADING = re.compile(r"heading [5-9]|title|subtitle")
# Characters a title cannot hold as written (brackets end it; the rest start syntax).
_NOT_IN_TITLE = re.compile(r"[\[\]<>{}#@\\*_=+`|]+")


class DocxImportError(ValueError):
    """A file that cannot be read as a Word document (exit code 2 in the CLI)."""


@dataclass(frozen=True)
class Note:
    """Something in the document the brief does not hold as it is, at ``paragraph``
    (1-based, in document order, a table's paragraphs included)."""

    paragraph: int
    message: str

    def __str__(self) -> str:
        return f"paragraph {self.paragraph}: {self.message}"


@dataclass
class _Card:
    paragraph: int
    cite: str
    parts: list[list[Run]] = field(default_factory=list)  # one list per paragraph


@dataclass
class _Tag:
    paragraph: int
    text: str
    cards: list[_Card] = field(default_factory=list)
    # Paragraphs after a tag with no Cite-styled paragraph: (number, text, runs, bold start).
    extra: list[tuple[int, str, list[Run], bool]] = field(default_factory=list)
    comments: list[tuple[int, str]] = field(default_factory=list)  # after an analytic


@dataclass
class _Heading:
    paragraph: int
    level: int
    text: str


@dataclass
class _Comment:
    paragraph: int
    text: str


_Block = _Heading | _Tag | _Comment


@dataclass
class DocxImport:
    """A Verbatim file read: the brief (:attr:`text`), and :attr:`notes` about what it
    does not hold as the file has it. ``paragraphs`` are the file's paragraphs' texts, in
    the order they are numbered, and ``places`` the paragraph each line of the brief comes
    from."""

    text: str
    notes: list[Note]
    name: str  # the file's
    cards: int = 0
    claims: int = 0
    sections: int = 0
    paragraphs: list[str] = field(default_factory=list)
    places: list[int] = field(default_factory=list)

    @property
    def map(self) -> ArgumentMap:
        """The brief read as a map whose places are in the file: a finding's line is the
        number of the paragraph it is about (and the views show that paragraph)."""
        from argmap.loader import _load_expanded
        from argmap.source import SourceText
        from argmap.syntax.include import Expansion, LineMap

        lines = LineMap()
        for number, paragraph in enumerate(self.places, 1):
            lines.add(number, self.name, paragraph)
        paragraphs = SourceText("\n".join(self.paragraphs) + "\n", self.name)
        expansion = Expansion(self.text, lines, {self.name: paragraphs}, [])
        return _load_expanded(expansion, self.name, [], imported=True)

    def summary(self) -> str:
        count = len(self.notes)
        left = f"; {count} note{'' if count == 1 else 's'}" if count else "; nothing left out"
        return f"imported {self.sections} sections, {self.claims} tags and {self.cards} cards{left}"


def read_docx(path: str | Path) -> DocxImport:
    """Read the Verbatim (or any Word) file at ``path`` as an Argdown brief.

    Raises :class:`DocxImportError` for a file that is not a Word document, is encrypted
    or damaged, and when python-docx is not installed.
    """
    document = _open(Path(path))
    try:
        blocks, notes, paragraphs = _blocks(document)
    except (ValueError, KeyError) as error:  # a value python-docx cannot read
        raise DocxImportError(f"{path}: a damaged or unusual .docx file ({error})") from None
    title = document.core_properties.title or Path(path).stem
    text, counts, places = _write(blocks, title)
    return DocxImport(text, notes, str(path), *counts, paragraphs, places)


def _open(path: Path) -> Any:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:
        raise DocxImportError(
            "reading .docx files needs python-docx: pip install 'argmap[docx]'"
        ) from None
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise DocxImportError(f"{path}: {error.strerror or error}") from None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        # An OLE compound file: Word saves encrypted documents so, and old .doc files.
        raise DocxImportError(
            f"{path}: an encrypted document or an old Word (.doc) file, not a .docx: "
            "remove the password, or save it as .docx"
        )
    if not head.startswith(b"PK"):
        raise DocxImportError(f"{path}: not a Word .docx file (it is not a zip archive)")
    _check_size(path)
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocxImportError(f"{path}: a damaged or incomplete .docx file ({error})") from None
    except Exception as error:  # lxml's XMLSyntaxError, zlib errors: damaged parts
        if type(error).__module__.startswith(("lxml", "zlib", "zipfile")):
            raise DocxImportError(f"{path}: a damaged .docx file ({error})") from None
        raise


def _check_size(path: Path) -> None:
    """Refuse a document whose parts unpack to more than the size limit on briefs
    (``ARGMAP_MAX_BYTES``, docs/limits.md): a few kilobytes of zip can unpack to
    gigabytes of XML."""
    from argmap.loader import BriefError, max_bytes

    try:
        limit = max_bytes()
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except BriefError as error:
        raise DocxImportError(str(error)) from None
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DocxImportError(f"{path}: a damaged or incomplete .docx file ({error})") from None
    if unpacked > limit:
        raise DocxImportError(
            f"{path}: unpacks to {unpacked:,} bytes, over the limit of {limit:,} (ARGMAP_MAX_BYTES)"
        )


def style_kind(style: Any) -> tuple[int | None, bool]:
    """The heading level (1–4) a paragraph style stands for, by its names and those of
    the styles it is based on; and whether it is a heading this reader does not know."""
    seen = 0
    while style is not None and seen < 16:  # a loop of based-on styles stops too
        for name in _names(style):
            if name in _PARAGRAPH_KINDS:
                return _PARAGRAPH_KINDS[name], False
            if _UNKNOWN_HEADING.fullmatch(name):
                return None, True
        style = style.base_style
        seen += 1
    return None, False


def _names(style: Any) -> list[str]:
    """A style's name and aliases, lower case: ``Heading 1,Pocket`` is both."""
    from docx.oxml.ns import qn

    names = [part.strip().lower() for part in (style.name or "").split(",")]
    aliases = style.element.find(qn("w:aliases"))
    if aliases is not None:
        names += [part.strip().lower() for part in aliases.get(qn("w:val"), "").split(",")]
    return [name for name in names if name]


def _char_names(run: Any) -> list[str]:
    style = run.style
    names: list[str] = []
    seen = 0
    while style is not None and seen < 16:
        names += _names(style)
        style = style.base_style
        seen += 1
    return names


def _run_marks(run: Any, names: list[str]) -> tuple[bool, bool, bool]:
    """Whether a run is underlined, emphasised, highlighted: by its character style's
    names, or as the run or its style is formatted (read from the XML: Word writes
    values, such as a highlight of ``none``, that python-docx's enumerations refuse)."""
    emphasis = any("emphasis" in name for name in names)
    underline = any("underline" in name for name in names)
    underline = underline or _set(run._r.rPr, "w:u")
    if not underline and run.style is not None:
        underline = _set(run.style.element.rPr, "w:u")
    highlight = _set(run._r.rPr, "w:highlight")
    return underline and not emphasis, emphasis, highlight


def _set(properties: Any, tag: str) -> bool:
    """Whether run properties (``w:rPr``, or ``None``) set ``tag`` to something other than
    none: an underline of any kind, a highlight of any colour."""
    from docx.oxml.ns import qn

    if properties is None:
        return False
    element = properties.find(qn(tag))
    return element is not None and element.get(qn("w:val")) not in ("none", "0", "false")


def _paragraph_runs(paragraph: Any) -> Iterator[Any]:
    """The runs of a paragraph, those in hyperlinks included, in order."""
    from docx.text.hyperlink import Hyperlink
    from docx.text.run import Run as DocxRun

    for item in paragraph.iter_inner_content():
        if isinstance(item, DocxRun):
            yield item
        elif isinstance(item, Hyperlink):
            yield from item.runs


def _body_items(document: Any) -> Iterator[tuple[str, Any]]:
    """The body's paragraphs and tables in order (inside content controls too)."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    stack = list(reversed(list(body.iterchildren())))
    while stack:
        element = stack.pop()
        if element.tag == qn("w:p"):
            yield "p", Paragraph(element, document._body)
        elif element.tag == qn("w:tbl"):
            yield "tbl", Table(element, document._body)
        elif element.tag == qn("w:sdt"):
            content = element.find(qn("w:sdtContent"))
            if content is not None:
                stack.extend(reversed(list(content.iterchildren())))


def _blocks(document: Any) -> tuple[list[_Block], list[Note], list[str]]:
    """The document's headings, tags (with their cards) and comments; the notes; and
    the text of each paragraph, in the order they are numbered."""
    from docx.oxml.ns import qn

    blocks: list[_Block] = []
    notes: list[Note] = []
    texts: list[str] = []  # each paragraph's text, as Word counts them
    notes_text = _notes_text(document)
    number = 0  # paragraphs so far
    tag: _Tag | None = None
    card: _Card | None = None
    for kind, item in _body_items(document):
        if kind == "tbl":
            first = number + 1
            cells: list[str] = []
            for row in item.rows:
                row_text = [" ".join(cell.text.split()) for cell in row.cells]
                cells.append(" | ".join(text for text in row_text if text))
                for cell in row.cells:
                    texts += [" ".join(p.text.split()) for p in cell.paragraphs]
            number = len(texts)
            text = " / ".join(row for row in cells if row)
            if card is not None and text:
                card.parts.append([Run(text)])
                notes.append(Note(first, "a table in a card: its text is read into the card"))
            elif text:
                blocks.append(_Comment(first, text))
                notes.append(Note(first, "a table outside any card: kept as a comment"))
            continue
        number += 1
        paragraph = item
        texts.append(" ".join(paragraph.text.split()))
        element = paragraph._p
        for _ in element.iter(qn("w:drawing"), qn("w:pict")):
            notes.append(Note(number, "an image: left out"))
            break
        for reference in element.iter(qn("w:footnoteReference"), qn("w:endnoteReference")):
            kind = "footnote" if reference.tag == qn("w:footnoteReference") else "endnote"
            said = notes_text.get((kind, reference.get(qn("w:id"), "")))
            shown = f": {_shortened(said)!r}" if said else ""
            notes.append(Note(number, f"a {kind} left out{shown}"))
        text = " ".join(paragraph.text.split())
        level, unknown_heading = style_kind(paragraph.style)
        if level is not None:
            if not text:
                continue
            card = None
            if level == TAG_LEVEL:
                tag = _Tag(number, text)
                blocks.append(tag)
            else:
                tag = None
                blocks.append(_Heading(number, level, text))
            continue
        if not text:
            continue
        if unknown_heading:
            notes.append(Note(number, f"a {paragraph.style.name} heading: kept as a comment"))
            blocks.append(_Comment(number, text))
            tag = card = None
            continue
        parts: list[Run] = []
        is_cite = any("cite" in name for name in _names(paragraph.style))
        for run in _paragraph_runs(paragraph):
            names = _char_names(run)
            if any("cite" in name for name in names):
                is_cite = True
            if run.text:
                parts.append(Run(run.text, *_run_marks(run, names)))
        if is_cite and (card is None or card.parts):
            card = _Card(number, text)
            if tag is None:
                notes.append(Note(number, "a card with no tag before it: titled by its cite"))
                tag = _Tag(number, "")
                blocks.append(tag)
            tag.cards.append(card)
        elif card is not None:
            card.parts.append(parts)
        elif tag is not None:
            tag.extra.append((number, text, parts, _bold_start(paragraph)))
        else:
            blocks.append(_Comment(number, text))
            notes.append(Note(number, "text outside any card: kept as a comment"))
    for block in blocks:
        if isinstance(block, _Tag):
            _unstyled_card(block, notes)
            for found in block.cards:
                if not found.parts:
                    notes.append(Note(found.paragraph, "a cite with no card text after it"))
    return blocks, notes, texts


def _notes_text(document: Any) -> dict[tuple[str, str], str]:
    """The text of each footnote and endnote, by kind and id, read from their parts
    (python-docx does not read them), so that a note about one can say what it said."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    found: dict[tuple[str, str], str] = {}
    for relation in document.part.rels.values():
        kind = relation.reltype.rsplit("/", 1)[-1]
        if kind not in ("footnotes", "endnotes") or relation.is_external:
            continue
        root = parse_xml(relation.target_part.blob)
        for note in root.iter(qn(f"w:{kind[:-1]}")):
            text = "".join(node.text or "" for node in note.iter(qn("w:t")))
            found[(kind[:-1], note.get(qn("w:id"), ""))] = " ".join(text.split())
    return found


def _shortened(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _bold_start(paragraph: Any) -> bool:
    """Whether a paragraph starts with a bold run (a cite typed without the Cite style)."""
    for run in _paragraph_runs(paragraph):
        if run.text.strip():
            return bool(run.bold) or bool(run.style is not None and run.style.font.bold)
    return False


def _unstyled_card(tag: _Tag, notes: list[Note]) -> None:
    """Read the paragraphs after a tag with no Cite-styled paragraph: a card when the
    first starts with a bold author and year (a cite typed in bold, as files made
    without Verbatim's styles have it) and more text follows; otherwise the tag is an
    analytic and the paragraphs are kept as comments."""
    if not tag.extra:
        return
    number, text, _parts, bold = tag.extra[0]
    lead = parse_cite(text)
    if tag.cards == [] and len(tag.extra) > 1 and bold and lead.author and lead.date:
        card = _Card(number, text, [parts for _n, _t, parts, _b in tag.extra[1:]])
        tag.cards.append(card)
        notes.append(Note(number, "a bold cite without the Cite style: read as the cite"))
    else:
        for number, text, _parts, _bold in tag.extra:
            tag.comments.append((number, text))
            notes.append(
                Note(number, "text after a tag with no cite (not a card): kept as a comment")
            )
    tag.extra = []


def clean_title(text: str) -> str:
    """A title Argdown reads back as written: no brackets or syntax characters, one
    line, at most 80 characters (cut at a word)."""
    title = " ".join(_NOT_IN_TITLE.sub(" ", text).replace("//", "/").split())
    title = title.strip(" .,;:")
    if len(title) > 80:
        cut = title[:80].rsplit(" ", 1)[0]
        title = (cut or title[:80]).rstrip(" .,;:") + "…"
    return title or "Untitled"


def unique(title: str, taken: set[str]) -> str:
    """``title``, numbered if a node has it already; it joins ``taken``."""
    from argmap.importers.draft import unique_title

    return unique_title(title, taken, title)


def _escaped(text: str, prefix: str, suffix: str = "", markers: bool = False) -> str:
    """``text`` written after ``prefix`` so that Argdown reads it back as it is: a ``#``
    in a Word document is no tag, nor ``*`` or ``_`` emphasis, except (with ``markers``)
    the ``**`` that mark emphasised runs."""
    from argmap.exporters.argdown.spelling import Unit, encode, units_from_text

    units: list[Unit] = []
    for unit in units_from_text(text):
        if unit.kind == "literal" or (markers and unit.kind == "marker" and unit.text == "**"):
            units.append(unit)
        else:
            units += [Unit("literal", ch, ch, ch) for ch in unit.text]
    return encode(units, prefix, suffix)


def _write(blocks: list[_Block], title: str) -> tuple[str, tuple[int, int, int], list[int]]:
    """The blocks as an Argdown brief, the numbers of cards, claims and sections, and the
    paragraph each line of the brief comes from."""
    lines = ["===", f"title: {json.dumps(' '.join(title.split()), ensure_ascii=False)}", "==="]
    places = [1, 1, 1]
    taken: set[str] = set()
    cards = claims = sections = 0
    for block in blocks:
        lines.append("")
        places.append(block.paragraph)
        if isinstance(block, _Heading):
            sections += 1
            prefix = "#" * block.level + " "
            lines.append(prefix + _escaped(block.text, prefix))
            places.append(block.paragraph)
            continue
        if isinstance(block, _Comment):
            lines.append(f"// {block.text}")
            places.append(block.paragraph)
            continue
        child = ""
        if block.text:
            claims += 1
            head = f"[{unique(clean_title(block.text), taken)}]: "
            lines.append(head + _escaped(block.text, head))
            places.append(block.paragraph)
            child = "  + "
        for number, comment in block.comments:
            lines.append(f"// {comment}")
            places.append(number)
        for card in block.cards:
            cards += 1
            cite = parse_cite(card.cite)
            head = f"{child}[{unique(clean_title(cite.short()), taken)}]: "
            data = json.dumps(card.cite.replace("{", "(").replace("}", ")"), ensure_ascii=False)
            tail = f" #card {{cite: {data}}}"
            body = " ".join(marked_text(part).strip() for part in card.parts if part)
            lines.append(head + _escaped(body or card.cite, head, tail, markers=True) + tail)
            places.append(card.paragraph)
    return "\n".join(lines) + "\n", (cards, claims, sections), places
