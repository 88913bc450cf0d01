"""Verbatim files: `argmap import FILE.docx` and `argmap export --format docx`.

The documents are built here with python-docx the way Verbatim's template names its
styles (built-in headings with the aliases Pocket, Hat, Block and Tag; the character
styles "Style 13 pt Bold" alias Cite and "Style Underline" alias Underline; Emphasis;
highlighting), and in the other ways card files are made: Word's headings only with the
cite typed in bold, styles spelt ``Heading 1,Pocket``, a card split across paragraphs,
a table and an image in a card, a footnote. Every expected brief is written out by hand.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

import argmap
from argmap.cards import parse_cite
from argmap.exporters import format_for_suffix
from argmap.exporters.docx import export
from argmap.importers.docx import DocxImportError, Note, read_docx
from argmap.model import ArgumentMap

CITE = (
    'senior fellow at the Arctic Institute, "The Future of Arctic Shipping," High North '
    "News, 3-4-2024, https://www.highnorthnews.com/en/x?id=3&lang=en"
)


def _alias(style: Any, alias: str) -> None:
    element = OxmlElement("w:aliases")
    element.set(qn("w:val"), alias)
    style.element.insert(1, element)


def verbatim() -> Any:
    """An empty document with Verbatim's styles as its template defines them."""
    document = docx.Document()
    styles = document.styles
    for level, alias in enumerate(("Pocket", "Hat", "Block", "Tag"), 1):
        _alias(styles[f"Heading {level}"], alias)
    cite = styles.add_style("Style 13 pt Bold", WD_STYLE_TYPE.CHARACTER)
    cite.font.bold = True
    _alias(cite, "Cite")
    underline = styles.add_style("Style Underline", WD_STYLE_TYPE.CHARACTER)
    underline.font.underline = True
    _alias(underline, "Underline")
    return document


def add_card(document: Any, short: str, rest: str, body: list[list[tuple[str, str]]]) -> None:
    """A cite (``short`` in Cite) and card paragraphs of (text, marks) runs: marks are
    letters, u underline, e emphasis, h highlight."""
    paragraph = document.add_paragraph()
    paragraph.add_run(short, "Style 13 pt Bold")
    paragraph.add_run(rest)
    for runs in body:
        paragraph = document.add_paragraph()
        for text, marks in runs:
            style = "Emphasis" if "e" in marks else "Style Underline" if "u" in marks else None
            run = paragraph.add_run(text, style)
            if "h" in marks:
                run.font.highlight_color = WD_COLOR_INDEX.TURQUOISE


def save(document: Any, tmp_path: Path, name: str = "file.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def full_document() -> Any:
    document = verbatim()
    document.core_properties.title = "Arctic Aff"
    document.add_paragraph("1AC", "Heading 1")
    document.add_paragraph("Advantage 1: Shipping", "Heading 2")
    document.add_paragraph("Shipping grows", "Heading 3")
    document.add_paragraph("Arctic shipping will grow fast", "Heading 4")
    add_card(
        document,
        "Humpert 24",
        ", " + CITE,
        [
            [
                ("Traffic on the route ", ""),
                ("grew by half", "uh"),
                (" last year, ", "u"),
                ("records show", "eh"),
                (".", ""),
            ]
        ],
    )
    document.add_paragraph("Melting is irreversible", "Heading 4")
    document.add_paragraph("Advantage 2: Security", "Heading 2")
    document.add_paragraph("Russia militarises the Arctic", "Heading 4")
    add_card(
        document,
        "Smith and Jones 19",
        ', professors at Yale, "Arctic Security," Yale Law Journal, 5/2/2019',
        [[("Russia ", "u"), ("reopened", "uh"), (" fifty bases.", "u")]],
    )
    return document


FULL_BRIEF = """\
===
title: "Arctic Aff"
===

# 1AC

## Advantage 1: Shipping

### Shipping grows

[Arctic shipping will grow fast]: Arctic shipping will grow fast
  + [Humpert 24]: Traffic on the route ++==grew by half== last year,++ **==records show==**. \
#card {cite: "Humpert 24, senior fellow at the Arctic Institute, \\"The Future of Arctic \
Shipping,\\" High North News, 3-4-2024, https://www.highnorthnews.com/en/x?id=3&lang=en"}

[Melting is irreversible]: Melting is irreversible

## Advantage 2: Security

[Russia militarises the Arctic]: Russia militarises the Arctic
  + [Smith and Jones 19]: ++Russia ==reopened== fifty bases.++ #card {cite: "Smith and \
Jones 19, professors at Yale, \\"Arctic Security,\\" Yale Law Journal, 5/2/2019"}
"""


def graph(amap: ArgumentMap) -> tuple[list[tuple[Any, ...]], list[tuple[str, str, str]]]:
    """What makes two maps the same graph: nodes with their kind, text, data and section
    heading, and the relations."""
    sections = {section.id: (section.level, section.title) for section in amap.sections}
    nodes = [(n.title, n.kind, n.text, n.data, sections.get(n.section or "")) for n in amap.nodes]
    edges = [(e.source, e.target, e.relation) for e in amap.edges]
    return nodes, edges


def test_a_verbatim_file_imports_with_sections_claims_cards_cites_and_highlights(
    tmp_path: Path,
) -> None:
    result = read_docx(save(full_document(), tmp_path))
    assert result.text == FULL_BRIEF
    assert result.notes == []
    assert result.summary() == "imported 4 sections, 3 tags and 2 cards; nothing left out"
    amap = result.map
    assert amap.diagnostics == []
    card = amap.node("statement:Humpert 24")
    assert card.is_evidence
    assert [(e.source, e.target, e.relation) for e in amap.edges] == [
        ("statement:Humpert 24", "statement:Arctic shipping will grow fast", "support"),
        ("statement:Smith and Jones 19", "statement:Russia militarises the Arctic", "support"),
    ]
    cite = parse_cite(card.data["cite"])
    assert (cite.author, cite.date, cite.source) == ("Humpert", "2024-03-04", "High North News")
    analytic = amap.node("statement:Melting is irreversible")
    assert (analytic.kind, amap.incoming(analytic.id)) == ("claim", [])


def test_the_round_trip_gives_the_same_graph(tmp_path: Path) -> None:
    first = read_docx(save(full_document(), tmp_path)).map
    exported = tmp_path / "exported.docx"
    exported.write_bytes(export(first))
    again = read_docx(exported)
    assert graph(again.map) == graph(first)
    assert again.text == FULL_BRIEF


def _style_names(style: Any) -> str:
    """A style's name and aliases as Word shows them: ``Heading 1,Pocket``."""
    aliases = style.element.find(qn("w:aliases"))
    return style.name + ("," + aliases.get(qn("w:val")) if aliases is not None else "")


def test_the_export_uses_verbatims_style_names(tmp_path: Path) -> None:
    path = tmp_path / "out.docx"
    path.write_bytes(export(read_docx(save(full_document(), tmp_path)).map))
    document = docx.Document(str(path))
    assert [(_style_names(p.style), p.text) for p in document.paragraphs][:6] == [
        ("Heading 1,Pocket", "1AC"),
        ("Heading 2,Hat", "Advantage 1: Shipping"),
        ("Heading 3,Block", "Shipping grows"),
        ("Heading 4,Tag", "Arctic shipping will grow fast"),
        ("Normal", "Humpert 24, " + CITE),
        ("Normal", "Traffic on the route grew by half last year, records show."),
    ]
    cite, body = document.paragraphs[4], document.paragraphs[5]
    assert [(r.style.name, r.text) for r in cite.runs] == [
        ("Cite", "Humpert 24"),
        ("Default Paragraph Font", ", " + CITE),
    ]
    assert [(r.style.name, r.text, r.font.highlight_color is not None) for r in body.runs] == [
        ("Default Paragraph Font", "Traffic on the route ", False),
        ("Underline", "grew by half", True),
        ("Underline", " last year,", False),
        ("Default Paragraph Font", " ", False),
        ("Emphasis", "records show", True),
        ("Default Paragraph Font", ".", False),
    ]


def test_the_export_is_the_same_bytes_every_time() -> None:
    brief = (
        "# Shipping\n\n[Grows]: Shipping grows.\n"
        "  + [Humpert]: ++Traffic ==grew==++. #card {cite: {author: Humpert, date: 2024-03-04, "
        'source: "High North News", url: "https://x.org"}}\n'
    )
    amap = argmap.loads(brief)
    assert export(amap) == export(amap)
    assert format_for_suffix(".docx") == "docx"


def test_a_cite_mapping_is_written_as_a_cite_line(tmp_path: Path) -> None:
    brief = (
        "[Grows]: Shipping grows.\n  + [Humpert]: Traffic grew. {cite: {author: Humpert, "
        'date: 2024-03-04, source: "High North News", url: "https://x.org"}}\n'
    )
    path = tmp_path / "out.docx"
    path.write_bytes(export(argmap.loads(brief)))
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert texts == [
        "Shipping grows.",
        "Humpert 24, High North News, 3-4-2024, https://x.org",
        "Traffic grew.",
    ]


def test_a_card_with_no_claim_is_its_own_tag(tmp_path: Path) -> None:
    brief = '[Melting]: Ice ==melts==. #card {cite: "Doe 20, Nature, 2020"}\n'
    path = tmp_path / "out.docx"
    path.write_bytes(export(argmap.loads(brief)))
    document = docx.Document(str(path))
    assert [(_style_names(p.style), p.text) for p in document.paragraphs] == [
        ("Heading 4,Tag", "Melting"),
        ("Normal", "Doe 20, Nature, 2020"),
        ("Normal", "Ice melts."),
    ]


def test_heading_1_pocket_spellings_are_recognised(tmp_path: Path) -> None:
    document = docx.Document()
    styles = document.styles
    for name, base in (("Heading 1,Pocket", "Heading 1"), ("Heading 4,Tag", "Heading 4")):
        styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = styles[base]
    styles.add_style("Style Bold,Cite", WD_STYLE_TYPE.CHARACTER)
    # A style based on Tag (as teams add "Tag 2") is a tag too.
    styles.add_style("Analytic", WD_STYLE_TYPE.PARAGRAPH).base_style = styles["Heading 4,Tag"]
    document.add_paragraph("Neg", "Heading 1,Pocket")
    document.add_paragraph("Warming is slow", "Heading 4,Tag")
    paragraph = document.add_paragraph()
    paragraph.add_run("Doe 20", "Style Bold,Cite")
    paragraph.add_run(", Nature, 2020")
    document.add_paragraph("Ice melts slowly.")
    document.add_paragraph("No link to shipping", "Analytic")
    result = read_docx(save(document, tmp_path))
    assert result.text == (
        '===\ntitle: "file"\n===\n\n# Neg\n\n[Warming is slow]: Warming is slow\n'
        '  + [Doe 20]: Ice melts slowly. #card {cite: "Doe 20, Nature, 2020"}\n\n'
        "[No link to shipping]: No link to shipping\n"
    )
    assert result.notes == []


def test_word_headings_only_with_the_cite_in_bold(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Neg", 1)
    document.add_heading("Warming is slow", 4)
    paragraph = document.add_paragraph()
    paragraph.add_run("Doe 20").bold = True
    paragraph.add_run(", climatologist, Nature, 2020")
    body = document.add_paragraph()
    body.add_run("Ice ")
    body.add_run("melts slowly").underline = True
    result = read_docx(save(document, tmp_path))
    assert result.text == (
        '===\ntitle: "file"\n===\n\n# Neg\n\n[Warming is slow]: Warming is slow\n'
        "  + [Doe 20]: Ice ++melts slowly++ #card "
        '{cite: "Doe 20, climatologist, Nature, 2020"}\n'
    )
    assert result.notes == [Note(3, "a bold cite without the Cite style: read as the cite")]


def test_a_card_split_across_paragraphs_is_one_card(tmp_path: Path) -> None:
    document = verbatim()
    document.add_paragraph("Warming is slow", "Heading 4")
    add_card(
        document,
        "Doe 20",
        ", Nature, 2020",
        [[("First part ", ""), ("read", "uh")], [("second part.", "u")], [("Third.", "")]],
    )
    amap = read_docx(save(document, tmp_path)).map
    card = amap.node("statement:Doe 20")
    assert card.text == "First part ++==read==++ ++second part.++ Third. #card"


def _png() -> bytes:
    """A 1×1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def _add_footnotes(document: Any, notes: dict[str, str]) -> None:
    """A footnotes part, as Word writes one (python-docx makes none)."""
    from xml.sax.saxutils import escape

    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:footnote>'
        for number, text in notes.items()
    )
    xml = f'<w:footnotes xmlns:w="{namespace}">{body}</w:footnotes>'.encode()
    part = Part(
        PackURI("/word/footnotes.xml"),
        CONTENT_TYPE.WML_FOOTNOTES,
        xml,
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def test_tables_images_and_footnotes_are_reported_by_paragraph(tmp_path: Path) -> None:
    document = verbatim()
    document.add_paragraph("Stray text before any tag")  # 1
    document.add_paragraph("Shipping grows", "Heading 4")  # 2
    add_card(document, "Doe 20", ", Nature, 2020", [[("Ships sail.", "h")]])  # 3, 4
    table = document.add_table(rows=2, cols=2)  # paragraphs 5–8
    for row, values in zip(table.rows, (("Year", "Ships"), ("2020", "40")), strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    image = tmp_path / "dot.png"
    image.write_bytes(_png())
    document.add_picture(str(image))  # 9
    paragraph = document.add_paragraph("More ships.")  # 10
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    paragraph.add_run()._r.append(reference)
    _add_footnotes(document, {"1": "Quoted in the 2019 report of the Arctic Council."})
    document.add_paragraph("Heading five", "Heading 5")  # 11
    result = read_docx(save(document, tmp_path))
    assert [str(note) for note in result.notes] == [
        "paragraph 1: text outside any card: kept as a comment",
        "paragraph 5: a table in a card: its text is read into the card",
        "paragraph 9: an image: left out",
        "paragraph 10: a footnote left out: 'Quoted in the 2019 report of the Arctic Council.'",
        "paragraph 11: a Heading 5 heading: kept as a comment",
    ]
    assert result.text.splitlines()[4] == "// Stray text before any tag"
    assert result.map.node("statement:Doe 20").text == (
        "==Ships sail.== Year | Ships / 2020 | 40 More ships. #card"
    )
    assert result.text.splitlines()[-1] == "// Heading five"


def test_an_analytic_followed_by_text_keeps_the_text_as_a_comment(tmp_path: Path) -> None:
    document = verbatim()
    document.add_paragraph("No link", "Heading 4")
    document.add_paragraph("They never show the link.")
    result = read_docx(save(document, tmp_path))
    assert result.text.endswith("[No link]: No link\n// They never show the link.\n")
    assert [str(n) for n in result.notes] == [
        "paragraph 2: text after a tag with no cite (not a card): kept as a comment"
    ]


def test_text_is_escaped_so_argdown_reads_it_back(tmp_path: Path) -> None:
    document = verbatim()
    document.add_paragraph("Costs [really] rise #fast", "Heading 4")
    add_card(document, "Doe 20", ", Nature, 2020", [[("Prices {up} <50%> // see ", "")]])
    amap = read_docx(save(document, tmp_path)).map
    assert amap.diagnostics == []
    claim, card = amap.nodes
    assert (claim.title, claim.text, claim.tags) == (
        "Costs really rise fast",
        "Costs [really] rise #fast",
        [],
    )
    assert card.text == "Prices {up} <50%> // see #card"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"plain text, not a document", "not a Word .docx file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "an encrypted document"),
        (b"PK\x03\x04 broken", "a damaged or incomplete .docx file"),
    ],
)
def test_files_that_are_not_docx_are_clear_errors(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(DocxImportError, match=message):
        read_docx(path)


def test_a_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(DocxImportError, match="damaged or incomplete"):
        read_docx(path)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocxImportError, match="No such file"):
        read_docx(tmp_path / "gone.docx")


@pytest.mark.needs("argdown")
def test_argdown_reads_the_imported_brief_as_written(tmp_path: Path) -> None:
    from tools.argdown.reference import run_argdown

    brief = tmp_path / "arctic.argdown"
    brief.write_text(read_docx(save(full_document(), tmp_path)).text, encoding="utf-8")
    model = run_argdown(brief)
    card = model["statements"]["Humpert 24"]
    # Argdown reads ++ and == as plain text and ** as bold (dropped from its text).
    assert card["members"][0]["text"] == (
        "Traffic on the route ++==grew by half== last year,++ ==records show==. #card "
    )
    assert card["data"]["cite"].startswith("Humpert 24, senior fellow")
    assert card["data"]["cite"].endswith("https://www.highnorthnews.com/en/x?id=3&lang=en")
    assert [(r["from"], r["relationType"], r["to"]) for r in card["relations"]] == [
        ("Humpert 24", "support", "Arctic shipping will grow fast")
    ]
    assert sorted(model["statements"]) == [
        "Arctic shipping will grow fast",
        "Humpert 24",
        "Melting is irreversible",
        "Russia militarises the Arctic",
        "Smith and Jones 19",
    ]


def test_export_command_writes_a_docx(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from argmap.cli import main

    brief = tmp_path / "aff.argdown"
    brief.write_text(FULL_BRIEF, encoding="utf-8")
    target = tmp_path / "aff.docx"
    result = CliRunner().invoke(main, ["export", str(brief), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert graph(read_docx(target).map) == graph(argmap.loads(FULL_BRIEF))


def test_without_python_docx_the_message_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from argmap.exporters import ExportError

    path = save(full_document(), tmp_path)
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(DocxImportError, match=r"pip install 'argmap\[docx\]'"):
        read_docx(path)
    with pytest.raises(ExportError, match=r"pip install 'argmap\[docx\]'"):
        export(argmap.loads(FULL_BRIEF))


def test_every_command_reads_a_docx_with_places_in_its_paragraphs(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from argmap.cli import main

    path = save(full_document(), tmp_path)
    amap = argmap.load(path)
    # Paragraph 4 is the tag, 5 the cite that starts the card, 7 the analytic.
    spans = {node.title: (node.span.file, node.span.line) for node in amap.nodes}
    assert spans["Arctic shipping will grow fast"] == (str(path), 4)
    assert spans["Humpert 24"] == (str(path), 5)
    assert spans["Melting is irreversible"] == (str(path), 7)
    result = CliRunner().invoke(main, ["check", "--format", "parsable", str(path)])
    assert f"{path}:7:1: warning AM105 [Melting is irreversible] relates to nothing" in (
        result.stdout
    )
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a document")
    result = CliRunner().invoke(main, ["show", str(bad)])
    assert result.exit_code == 2
    assert "not a Word .docx file" in result.stderr


def test_highlights_and_underlines_of_none_are_not_marks(tmp_path: Path) -> None:
    # Word writes w:highlight w:val="none" (python-docx's enumeration refuses it) and
    # w:u w:val="none" when a mark is taken off.
    document = verbatim()
    document.add_paragraph("Warming is slow", "Heading 4")
    add_card(document, "Doe 20", ", Nature, 2020", [[("Ice ", ""), ("melts", "")]])
    for tag in ("w:highlight", "w:u"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "none")
        document.paragraphs[-1].runs[1]._r.get_or_add_rPr().append(element)
    amap = read_docx(save(document, tmp_path)).map
    assert amap.node("statement:Doe 20").text == "Ice melts #card"


def test_two_cards_under_one_tag_round_trip(tmp_path: Path) -> None:
    document = verbatim()
    document.add_paragraph("Warming is slow", "Heading 4")
    add_card(document, "Doe 20", ", Nature, 2020", [[("Ice melts ", ""), ("slowly", "uh")]])
    add_card(document, "Roe 21", ", Science, 2021", [[("Seas rise ", "u"), ("slowly", "uh")]])
    first = read_docx(save(document, tmp_path)).map
    assert [(e.source, e.target) for e in first.edges] == [
        ("statement:Doe 20", "statement:Warming is slow"),
        ("statement:Roe 21", "statement:Warming is slow"),
    ]
    exported = tmp_path / "again.docx"
    exported.write_bytes(export(first))
    assert graph(read_docx(exported).map) == graph(first)


def test_hostile_text_and_control_characters_are_written_safely(tmp_path: Path) -> None:
    from tests.test_bad_input import HOSTILE

    hostile = argmap.loads(HOSTILE.decode())
    path = tmp_path / "hostile.docx"
    path.write_bytes(export(hostile))
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert texts[0] == 'Section "one" </graphml> ]]> --> %% end'
    assert texts[2] == 'Doe "2019" <script>alert(1)</script>'  # the cite, as text
    assert texts[-1] == "*not bold* _not italic_ # not a heading | a | b | `code`"
    again = read_docx(path).map
    assert again.diagnostics == []
    # Asterisks and underscores in a document are text, not Argdown's emphasis.
    assert again.node("statement:Roe").text == (
        "*not bold* _not italic_ # not a heading | a | b | `code` #card"
    )
    # Control characters XML cannot hold are written as U+FFFD.
    brief = '[A]: a \x1b[31m red \x0c page.\n  + [B]: b \x01 x. #card {cite: "Doe 20"}\n'
    path.write_bytes(export(argmap.loads(brief)))
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert texts == ["a \ufffd[31m red \ufffd page.", "Doe 20", "b \ufffd x."]


def test_long_alias_lists_and_a_cite_paragraph_style(tmp_path: Path) -> None:
    # Files passed between teams collect aliases; the first name that is a kind decides.
    document = docx.Document()
    styles = document.styles
    tag = styles.add_style(
        "Heading 4,Tag,Big card,body,small text,Normal Tag,heading 2,Ch,no read",
        WD_STYLE_TYPE.PARAGRAPH,
    )
    tag.base_style = styles["Heading 4"]
    styles.add_style("Cite", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Shipping grows", tag.name)
    document.add_paragraph("Doe 20, Nature, 2020", "Cite")
    document.add_paragraph("Ships sail north.")
    text = read_docx(save(document, tmp_path)).text
    assert text.endswith(
        "[Shipping grows]: Shipping grows\n"
        '  + [Doe 20]: Ships sail north. #card {cite: "Doe 20, Nature, 2020"}\n'
    )


def test_a_document_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = save(full_document(), tmp_path)
    monkeypatch.setenv("ARGMAP_MAX_BYTES", "1000")
    with pytest.raises(DocxImportError, match=r"unpacks to [\d,]+ bytes, over the limit of 1,000"):
        read_docx(path)
