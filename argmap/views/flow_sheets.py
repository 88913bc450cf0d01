"""``argmap flow -o FILE``: the flow's sheets as Markdown, CSV, print-ready HTML or an
Excel workbook, the format chosen by the file's suffix (docs/flow.md).

Each cell holds the argument (verdict, title and text), the cards read for it (tag and
cite) and its marks (:class:`argmap.flow.Mark`); each sheet ends with the read time of
each speech on it, and Markdown, CSV and HTML also give each speech's read time over all
sheets. Every output is deterministic: the same brief gives the same bytes.

Text from the brief is plain text everywhere: Markdown-escaped in ``.md``, HTML-escaped in
``.html``, and in ``.csv`` and ``.xlsx`` every cell starts with a verdict, a title in
brackets or a word, never with ``=``, ``+``, ``-`` or ``@``, so that a spreadsheet cannot
read it as a formula. With ``ascii_only`` every byte is ASCII: the marks are words and the
brief's text is transliterated (:func:`to_ascii`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from argmap.evaluate import ASCII_VERDICT_SYMBOLS, Evaluation, Verdict
from argmap.flow import Cell, Flow, Sheet, speech_words
from argmap.model import ArgumentMap
from argmap.views.text import clean, shorten

__all__ = [
    "SUFFIXES",
    "FlowSheetError",
    "cell_lines",
    "html_table",
    "minutes",
    "render_sheets",
    "sheet_names",
    "to_ascii",
    "write_sheets",
    "writer_for",
]

# The verdict before each argument: a symbol and a word, never a relation symbol.
VERDICTS = {Verdict.IN: "✓ in", Verdict.OUT: "✗ out", Verdict.UNDECIDED: "? undecided"}
KIND_TITLES = {"case": "Case", "off-case": "Off-case"}


class FlowSheetError(Exception):
    """A flow that cannot be written in the format asked for; ``str()`` is the message."""


@dataclass(frozen=True)
class Line:
    """One line of a cell: ``kind`` is ``argument``, ``card``, ``marks`` or ``overflow``."""

    kind: str
    text: str


# --- text ----------------------------------------------------------------------------------

# Typographic characters with a customary ASCII spelling (NFKD leaves them alone).
_ASCII_SPELLING = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "--",
        "\u2015": "--",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": ",",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2026": "...",
        "\u2022": "*",
        "\u00b7": "*",
        "\u00a0": " ",
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00d7": "x",
        "\u00df": "ss",
        "\u00e6": "ae",
        "\u00c6": "AE",
        "\u0153": "oe",
        "\u0152": "OE",
        "\u00f8": "o",
        "\u00d8": "O",
    }
)
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def to_ascii(text: str) -> str:
    """``text`` in ASCII: typographic dashes and quotes spelt as ASCII, accents dropped
    (``é`` → ``e``), and any other character written as ``<U+XXXX>``.

    >>> to_ascii("Japan–ROK “relations” café 日")
    'Japan-ROK "relations" cafe <U+65E5>'
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_SPELLING))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_ASCII.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", stripped)


def minutes(seconds: float) -> str:
    """``seconds`` as minutes and seconds, rounded up (a speech of 61.2 s is 1:02)."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


def _text(text: str, ascii_only: bool) -> str:
    shown = clean(text)
    return to_ascii(shown) if ascii_only else shown


def cell_lines(
    amap: ArgumentMap, cell: Cell, ascii_only: bool = False, limit: int | None = None
) -> list[Line]:
    """What a cell says, line by line: the verdict, title and text (cut to ``limit``
    characters, if given; of a card, its tag and cite), each card read for it with its
    cite, the marks, and whether it belongs to a later speech than the format has."""
    from argmap.cards import card_text

    node = amap.node(cell.node)
    ellipsis = "..." if ascii_only else "…"
    first = ""
    if cell.verdict is not None:
        first = (ASCII_VERDICT_SYMBOLS if ascii_only else VERDICTS)[cell.verdict] + " "
    first += _text(node.label, ascii_only)
    # A card is flowed as debaters flow it, by its tag and cite; a claim with its text.
    plain = "" if node.is_evidence else card_text(node)  # without its #tags
    if plain:
        text = _text(plain, ascii_only)
        first += " " + (shorten(text, limit, ellipsis) if limit else text)
    lines = [Line("argument", first)]
    if node.is_evidence:
        own = node.cite("; " if ascii_only else " · ")
        if own:
            lines.append(Line("card", "cite: " + _text(own, ascii_only)))
    for card_id in cell.evidence:
        card = amap.node(card_id)
        line = ("* " if ascii_only else "▪ ") + _text(card.label, ascii_only)
        citation = card.cite("; " if ascii_only else " · ")
        if citation:
            cite = _text(citation, ascii_only)
            line += (": " if ascii_only else " — ") + (
                shorten(cite, 50, ellipsis) if limit else cite
            )
        lines.append(Line("card", line))
    if cell.marks:
        lines.append(Line("marks", "; ".join(mark.value for mark in cell.marks)))
    if cell.overflow:
        lines.append(Line("overflow", "(later speech)"))
    return lines


def _headers(result: Flow) -> list[str]:
    return [f"{name} ({side})" for name, side in zip(result.columns, result.sides, strict=True)]


def _heading(amap: ArgumentMap, sheet: Sheet, ascii_only: bool) -> str:
    label = _text(amap.node(sheet.position).label, ascii_only)
    return f"{KIND_TITLES[sheet.kind]}: {label} ({sheet.side})"


def _read_times(
    amap: ArgumentMap, sheets: list[Sheet], words_per_minute: int
) -> tuple[list[list[float]], list[float]]:
    """The seconds each speech takes to read on each sheet, and over every sheet."""
    from argmap.cards import read_time

    per_sheet = [
        [read_time(words, words_per_minute) for words in speech_words(amap, sheet.flow)]
        for sheet in sheets
    ]
    totals = [sum(column) for column in zip(*per_sheet, strict=True)] if sheets else []
    return per_sheet, totals


def _legend(sheets: list[Sheet], ascii_only: bool) -> str | None:
    """What the verdicts mean, and under which standard."""
    standard = sheets[0].flow.standard if sheets else None
    if standard is None:
        return None
    words = ASCII_VERDICT_SYMBOLS if ascii_only else VERDICTS
    return (
        f"Verdicts under the {standard} standard: {words[Verdict.IN]} (stands), "
        f"{words[Verdict.OUT]} (falls), {words[Verdict.UNDECIDED]}."
    )


def _title(amap: ArgumentMap, ascii_only: bool) -> str:
    return "Flow: " + _text(amap.title or amap.file, ascii_only)


# --- Markdown ------------------------------------------------------------------------------


def _markdown(amap: ArgumentMap, sheets: list[Sheet], ascii_only: bool, wpm: int) -> str:
    from argmap.exporters.markdown import escape

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    per_sheet, totals = _read_times(amap, sheets, wpm)
    out = [f"# {escape(_title(amap, ascii_only))}"]
    legend = _legend(sheets, ascii_only)
    if legend:
        out += ["", escape(legend)]
    for sheet, seconds in zip(sheets, per_sheet, strict=True):
        result = sheet.flow
        out += ["", f"## {escape(_heading(amap, sheet, ascii_only))}", ""]
        out.append(row([escape(header) for header in _headers(result)]))
        out.append(row(["---"] * len(result.columns)))
        for cells in result.rows:
            out.append(
                row(
                    [
                        "<br>".join(escape(line.text) for line in cell_lines(amap, c, ascii_only))
                        if c
                        else ""
                        for c in cells
                    ]
                )
            )
        out.append(row([f"*read time {minutes(s)}*" for s in seconds]))
    if sheets:
        columns = sheets[0].flow
        out += ["", "## Read time of each speech", ""]
        out.append(row([escape(header) for header in _headers(columns)]))
        out.append(row(["---"] * len(columns.columns)))
        out.append(row([minutes(s) for s in totals]))
    return "\n".join(out) + "\n"


# --- CSV -----------------------------------------------------------------------------------


def _csv(amap: ArgumentMap, sheets: list[Sheet], ascii_only: bool, wpm: int) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = sheets[0].flow if sheets else Flow([], [], [])
    writer.writerow(["position", "side", "row", *_headers(columns)])
    per_sheet, totals = _read_times(amap, sheets, wpm)
    for sheet, seconds in zip(sheets, per_sheet, strict=True):
        result = sheet.flow
        position = _text(amap.node(sheet.position).label, ascii_only)
        for number, cells in enumerate(result.rows, 1):
            writer.writerow(
                [
                    position,
                    sheet.side,
                    str(number),
                    *[
                        "\n".join(line.text for line in cell_lines(amap, c, ascii_only))
                        if c
                        else ""
                        for c in cells
                    ],
                ]
            )
        writer.writerow([position, sheet.side, "read time", *[minutes(s) for s in seconds]])
    if sheets:
        writer.writerow(["all positions", "", "read time", *[minutes(s) for s in totals]])
    return buffer.getvalue()


# --- HTML ----------------------------------------------------------------------------------

_STYLE = """\
@page { size: landscape; margin: 0.8cm; }
body { font: 8pt/1.25 system-ui, -apple-system, "Segoe UI", sans-serif; color: #000;
  margin: 0; }
header, section.sheet { padding: 0 0.5em; }
h1 { font-size: 13pt; margin: 0.3em 0; }
h2 { font-size: 11pt; margin: 0.3em 0; }
section.sheet { break-after: page; page-break-after: always; }
section.sheet:last-of-type { break-after: auto; page-break-after: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #777; padding: 2pt 3pt; vertical-align: top;
  overflow-wrap: anywhere; text-align: left; }
th { min-width: 5em; white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th.aff, th.pro { background: #dbe9f6; }
th.neg, th.con { background: #f6e3cf; }
tfoot td, p.read-time { font-style: italic; }
.card { display: block; margin-left: 0.8em; }
.marks { display: block; font-weight: bold; }
.overflow { display: block; font-style: italic; }
@media screen { section.sheet { margin-bottom: 2em; } }
@media print { body { font-size: 7pt; line-height: 1.15; } th, td { padding: 1pt 2pt; } }
"""


def html_table(
    amap: ArgumentMap,
    sheet: Sheet,
    ascii_only: bool = False,
    seconds: list[float] | None = None,
    css_class: str | None = None,
) -> str:
    """One sheet as an HTML ``<table>`` (of class ``css_class``), every text escaped: a
    header cell per speech (class ``aff``, ``neg``, ``pro`` or ``con``), a row per row of
    the flow (a card's or marks' line in a ``<span>`` of class ``card`` or ``marks``), and
    with ``seconds`` a footer row of read times."""
    from html import escape

    def text(value: str) -> str:
        return escape(value, quote=True)

    result = sheet.flow
    table = "<table>" if css_class is None else f'<table class="{text(css_class)}">'
    out = [table, "<thead><tr>"]
    for header, side in zip(_headers(result), result.sides, strict=True):
        out.append(f'<th scope="col" class="{side.lower()}">{text(header)}</th>')
    out += ["</tr></thead>", "<tbody>"]
    for cells in result.rows:
        out.append("<tr>")
        for cell in cells:
            if cell is None:
                out.append("<td></td>")
                continue
            inner = "".join(
                text(line.text)
                if line.kind == "argument"
                else f'<span class="{line.kind}">{text(line.text)}</span>'
                for line in cell_lines(amap, cell, ascii_only)
            )
            out.append(f"<td>{inner}</td>")
        out.append("</tr>")
    out.append("</tbody>")
    if seconds is not None:
        footer = "".join(f"<td>read time {minutes(s)}</td>" for s in seconds)
        out.append(f"<tfoot><tr>{footer}</tr></tfoot>")
    out.append("</table>")
    return "\n".join(out)


def _html(amap: ArgumentMap, sheets: list[Sheet], ascii_only: bool, wpm: int) -> bytes:
    from html import escape

    def text(value: str) -> str:
        return escape(value, quote=True)

    title = _title(amap, ascii_only)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        # Self-contained: nothing is loaded from anywhere, and no script runs.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{text(title)}</title>",
        f"<style>\n{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{text(title)}</h1>",
    ]
    legend = _legend(sheets, ascii_only)
    if legend:
        out.append(f'<p class="legend">{text(legend)}</p>')
    per_sheet, totals = _read_times(amap, sheets, wpm)
    if sheets:
        parts = [
            f"{text(header)} {minutes(s)}"
            for header, s in zip(_headers(sheets[0].flow), totals, strict=True)
        ]
        out.append(f'<p class="read-time">Read time of each speech: {"; ".join(parts)}</p>')
    out.append("</header>")
    for sheet, seconds in zip(sheets, per_sheet, strict=True):
        out.append(f'<section class="sheet {sheet.kind}">')
        out.append(f"<h2>{text(_heading(amap, sheet, ascii_only))}</h2>")
        out.append(html_table(amap, sheet, ascii_only, seconds))
        out.append("</section>")
    out += ["</body>", "</html>", ""]
    # Characters outside ASCII as character references: the bytes are ASCII whatever
    # reads them, and the page shows the brief's text as written.
    return "\n".join(out).encode("ascii", "xmlcharrefreplace")


# --- Excel ---------------------------------------------------------------------------------

# Excel refuses these in a sheet's name, and a name longer than 31 characters (UTF-16
# code units); "History" is its own.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
_SHEET_LENGTH = 31


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, length: int) -> str:
    while _utf16_length(text) > length:
        text = text[:-1]
    return text


def sheet_names(titles: list[str]) -> list[str]:
    """A name Excel accepts for each sheet, unique (ignoring case, as Excel does): the
    characters ``[ ] : * ? / \\`` and control characters made spaces, at most 31
    characters, no apostrophe at either end, not empty and not ``History``.

    >>> sheet_names(["Plan: [A]", "Plan: [A]", "'Quoted'", "", "history"])
    ['Plan   A', 'Plan   A (2)', 'Quoted', 'Sheet', 'history (2)']
    """
    names: list[str] = []
    used: set[str] = set()
    for title in titles:
        base = _SHEET_FORBIDDEN.sub(" ", title).strip().strip("'").strip()
        base = _cut(base, _SHEET_LENGTH).strip().strip("'").strip() or "Sheet"
        name, number = base, 1
        while name.casefold() in used or name.casefold() == "history":
            number += 1
            suffix = f" ({number})"
            name = _cut(base, _SHEET_LENGTH - len(suffix)).rstrip().rstrip("'") + suffix
        used.add(name.casefold())
        names.append(name)
    return names


def _xlsx(amap: ArgumentMap, sheets: list[Sheet], ascii_only: bool, wpm: int) -> bytes:
    try:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.writer.excel import ExcelWriter
    except ImportError:
        raise FlowSheetError(
            "writing .xlsx needs openpyxl: install argmap[xlsx] (pip install 'argmap[xlsx]')"
        ) from None
    import datetime
    import io
    import zipfile

    def value(text: str) -> str:
        # clean() has made control characters visible; this is a last guard for openpyxl.
        return str(ILLEGAL_CHARACTERS_RE.sub("", text))

    book = Workbook()
    # The same brief gives the same bytes: no time of writing in the file.
    fixed = datetime.datetime(2000, 1, 1)
    book.properties.created = book.properties.modified = fixed
    book.properties.creator = "argmap"
    book.properties.title = value(_title(amap, ascii_only))
    for blank in list(book.worksheets):  # the sheet every new workbook starts with
        book.remove(blank)
    wrap = Alignment(wrap_text=True, vertical="top")
    # One object of each style, shared by every cell that has it.
    bold = Font(bold=True)
    thesis_side, other_side = (
        PatternFill("solid", fgColor="DBE9F6"),
        PatternFill("solid", fgColor="F6E3CF"),
    )
    fills = {"aff": thesis_side, "pro": thesis_side, "neg": other_side, "con": other_side}
    names = sheet_names([_text(sheet.name, ascii_only) for sheet in sheets])
    per_sheet, _ = _read_times(amap, sheets, wpm)
    for sheet, name, seconds in zip(sheets, names, per_sheet, strict=True):
        result = sheet.flow
        page = book.create_sheet(name)
        page.page_setup.orientation = "landscape"
        page.page_setup.fitToWidth = 1
        page.page_setup.fitToHeight = 0
        page.sheet_properties.pageSetUpPr.fitToPage = True
        page.print_title_rows = "1:2"
        page.freeze_panes = "A3"
        page.append(list(result.columns))
        page.append(list(result.sides))
        for index, side in enumerate(result.sides, 1):
            for row in (1, 2):
                cell = page.cell(row=row, column=index)
                cell.font = bold
                cell.fill = fills[side.lower()]
            page.column_dimensions[cell.column_letter].width = 34
        for cells in result.rows:
            page.append(
                [
                    value("\n".join(line.text for line in cell_lines(amap, c, ascii_only)))
                    if c
                    else None
                    for c in cells
                ]
            )
        page.append([f"read time {minutes(s)}" for s in seconds])
        for row in page.iter_rows(min_row=3):
            for cell in row:
                if cell.value is not None:
                    cell.alignment = wrap
                    cell.data_type = "s"  # text, never a formula, whatever it starts with
    if not sheets:
        book.create_sheet("Flow")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return _fixed_times(buffer.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The zip archive ``data`` with one fixed time on every entry (zipfile stamps the
    time of writing)."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info))
    return buffer.getvalue()


_Writer = Callable[[ArgumentMap, list[Sheet], bool, int], "str | bytes"]
SUFFIXES: dict[str, _Writer] = {
    ".md": _markdown,
    ".markdown": _markdown,
    ".csv": _csv,
    ".html": _html,
    ".htm": _html,
    ".xlsx": _xlsx,
}


def render_sheets(
    amap: ArgumentMap,
    sheets: list[Sheet],
    suffix: str,
    *,
    ascii_only: bool = False,
    words_per_minute: int = 250,
) -> str | bytes:
    """The ``sheets`` of ``amap`` in the format of file suffix ``suffix`` (``.md``,
    ``.csv``, ``.html``, ``.xlsx``); :class:`FlowSheetError` for another suffix, or for
    ``.xlsx`` without openpyxl."""
    writer = SUFFIXES.get(suffix.lower())
    if writer is None:
        raise FlowSheetError(f"no flow format for {suffix!r}: use .md, .csv, .html or .xlsx")
    return writer(amap, sheets, ascii_only, words_per_minute)


def writer_for(path: str) -> str:
    """The suffix of ``path`` if a flow can be written in its format (lower case), else
    :class:`FlowSheetError`."""
    import os

    suffix = os.path.splitext(path)[1].lower()
    if path == "-" or suffix not in SUFFIXES:
        raise FlowSheetError(
            f"{path}: cannot tell a flow format from "
            f"{suffix or 'a name without suffix'!r}: name the file .md, .csv, .html or .xlsx"
        )
    return suffix


def write_sheets(
    path: str,
    amap: ArgumentMap,
    evaluation: Evaluation | None,
    fmt: str,
    *,
    ascii_only: bool = False,
    words_per_minute: int = 250,
    brief: str | None = None,
) -> None:
    """Write the flow of ``amap`` on sheets (:func:`argmap.flow.sheets`) to ``path`` in the
    format of its suffix, through :func:`argmap.output.write_file` (never over ``brief``).
    Raises :class:`FlowSheetError` or :class:`~argmap.output.OutputError`."""
    from argmap.flow import sheets
    from argmap.output import write_file

    suffix = writer_for(path)
    payload = render_sheets(
        amap,
        sheets(amap, evaluation, fmt),
        suffix,
        ascii_only=ascii_only,
        words_per_minute=words_per_minute,
    )
    write_file(path, payload, brief=brief)
