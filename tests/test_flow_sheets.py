"""``argmap flow -o FILE``: the flow's sheets in Markdown, CSV, HTML and Excel, read back
with the consumers a user would use (a Markdown table read cell by cell, the csv module,
an HTML parser, openpyxl), and the marks a debater reads on them.

The expected cells, marks and read times are written out by hand from docs/flow.md.
"""

from __future__ import annotations

import csv
import html
import io
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from argmap.views.flow_sheets import minutes, sheet_names, to_ascii
from tests.cli_runner import assert_no_traceback, run

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "briefs" / "japan-rok-trilateral.argdown"
POLICY = ("1AC", "1NC", "2AC", "Block", "1AR", "2NR", "2AR")
HEADERS = [
    "1AC (Aff)",
    "1NC (Neg)",
    "2AC (Aff)",
    "Block (Neg)",
    "1AR (Aff)",
    "2NR (Neg)",
    "2AR (Aff)",
]

BRIEF = """\
===
title: Carbon tax
===

[Plan]: The United States should adopt a carbon tax. #thesis
  + [Warming]: A carbon tax slows warming.
    + [Hansen]: Emissions fall thirty percent under the tax. #card {cite: "Hansen 19"}
    - [No Warming]: Warming has stalled.
      - [Hot Decade]: The last decade was the hottest on record. #card {cite: "NASA 24"}
  - [States CP]: The fifty states should adopt carbon taxes instead.
  - [Recession]: A carbon tax causes a recession.
    + [Zandi]: GDP falls two percent. #card {cite: "Zandi 22"}
    - [Recession Good]: A recession cuts emissions. #turn
"""

# Under the round standard, sheet by sheet: each row's cells, each cell's lines.
CASE = [
    [
        ["✗ out [Plan] The United States should adopt a carbon tax.", "answered with a card"],
        "",
        "",
    ],
    [
        [
            "✓ in [Warming] A carbon tax slows warming.",
            "▪ [Hansen] — Hansen 19",
            "answered analytically; extended",
        ],
        ["✗ out [No Warming] Warming has stalled.", "answered with a card"],
        [
            "✓ in [Hot Decade]",
            "cite: NASA 24",
            "dropped (conceded)",
        ],
    ],
]
COUNTERPLAN = [
    [
        "",
        [
            "✓ in [States CP] The fifty states should adopt carbon taxes instead.",
            "dropped (conceded)",
        ],
        "",
    ]
]
RECESSION = [
    [
        "",
        [
            "✗ out [Recession] A carbon tax causes a recession.",
            "▪ [Zandi] — Zandi 22",
            "answered analytically; turned",
        ],
        ["✓ in [Recession Good] A recession cuts emissions.", "turn; dropped (conceded)"],
    ]
]
# Words read (docs/flow.md): 1AC 8 + 5 + (1 + 7) = 21 words, 5.04 s at 250 a minute;
# 1NC 3 + 8 + (6 + 1 + 4) = 22 words, 5.28 s; 2AC (2 + 8) + 4 = 14 words, 3.36 s.
READ_TIMES = {
    "Plan": ["0:06", "0:01", "0:03"],
    "States CP": ["0:00", "0:02", "0:00"],
    "Recession": ["0:00", "0:03", "0:01"],
}
TOTALS = ["0:06", "0:06", "0:04", "0:00", "0:00", "0:00", "0:00"]


def _padded(rows: list[list[object]]) -> list[list[object]]:
    return [row + [""] * (len(POLICY) - len(row)) for row in rows]


def write_flow(tmp_path: Path, suffix: str, *args: str, brief: str = BRIEF) -> Path:
    source = tmp_path / "brief.argdown"
    source.write_text(brief, encoding="utf-8")
    target = tmp_path / f"flow{suffix}"
    result = run(["flow", str(source), "-o", str(target), *args])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    return target


# -- Markdown ---------------------------------------------------------------------------------

_ENTITIES = {"&lt;": "<", "&gt;": ">", "&amp;": "&"}


def _markdown_cells(line: str) -> list[str]:
    """A GitHub table row's cells, unescaped: ``\\|`` is a pipe inside a cell."""
    assert line.startswith("| "), line
    assert line.endswith(" |"), line
    cells = re.split(r"(?<!\\) \| ", line[2:-2])
    return [
        re.sub(r"&(?:lt|gt|amp);", lambda m: _ENTITIES[m.group(0)], re.sub(r"\\(.)", r"\1", c))
        for c in cells
    ]


def _markdown_tables(text: str) -> dict[str, list[list[str]]]:
    """Each ``## heading``'s table, by heading: a list of rows of cells."""
    tables: dict[str, list[list[str]]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("## "):
            heading = _markdown_cells("| " + line[3:] + " |")[0]
            tables[heading] = []
        elif line.startswith("|"):
            tables[heading].append(_markdown_cells(line))
    return tables


def _lines(cells: list[str], separator: str) -> list[object]:
    return [cell.split(separator) if cell else "" for cell in cells]


def test_markdown_tables_read_back_cell_by_cell(tmp_path: Path) -> None:
    text = write_flow(tmp_path, ".md", "--standard", "round").read_text(encoding="utf-8")
    assert text.startswith(
        "# Flow: Carbon tax\n\n"
        "Verdicts under the round standard: ✓ in (stands), ✗ out (falls), ? undecided.\n"
    )
    tables = _markdown_tables(text)
    assert list(tables) == [
        "Case: [Plan] (Aff)",
        "Off-case: [States CP] (Neg)",
        "Off-case: [Recession] (Neg)",
        "Read time of each speech",
    ]
    for heading, expected, times in (
        ("Case: [Plan] (Aff)", CASE, READ_TIMES["Plan"]),
        ("Off-case: [States CP] (Neg)", COUNTERPLAN, READ_TIMES["States CP"]),
        ("Off-case: [Recession] (Neg)", RECESSION, READ_TIMES["Recession"]),
    ):
        header, rule, *rows, foot = tables[heading]
        assert header == HEADERS
        assert rule == ["---"] * 7
        assert [_lines(row, "<br>") for row in rows] == _padded(expected)  # type: ignore[arg-type]
        assert foot == [f"*read time {t}*" for t in times + ["0:00"] * (7 - len(times))]
    assert tables["Read time of each speech"] == [HEADERS, ["---"] * 7, TOTALS]


# -- CSV --------------------------------------------------------------------------------------


def test_csv_reads_back_with_the_csv_module(tmp_path: Path) -> None:
    data = write_flow(tmp_path, ".csv", "--standard", "round").read_bytes()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[0] == ["position", "side", "row", *HEADERS]
    by_position: dict[str, list[list[str]]] = {}
    for row in rows[1:]:
        by_position.setdefault(row[0], []).append(row)
    assert list(by_position) == ["[Plan]", "[States CP]", "[Recession]", "all positions"]
    for position, expected in (
        ("Plan", CASE),
        ("States CP", COUNTERPLAN),
        ("Recession", RECESSION),
    ):
        *body, foot = by_position[f"[{position}]"]
        side = "Aff" if position == "Plan" else "Neg"
        assert [row[:3] for row in body] == [
            [f"[{position}]", side, str(n)] for n in range(1, len(expected) + 1)
        ]
        assert [_lines(row[3:], "\n") for row in body] == _padded(expected)  # type: ignore[arg-type]
        times = READ_TIMES[position]
        assert foot == [f"[{position}]", side, "read time", *times, *["0:00"] * (7 - len(times))]
    assert by_position["all positions"] == [["all positions", "", "read time", *TOTALS]]


# -- HTML -------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """What a browser would build from the page: elements, their attributes, texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.sheets: list[list[list[str]]] = []  # per sheet, rows of cell texts
        self.headings: list[str] = []
        self.style = ""
        self._in: list[str] = []
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        classes = (dict(attrs).get("class") or "").split()
        if tag == "section" and "sheet" in classes:
            self.sheets.append([])
        if tag == "tr" and self.sheets:
            self.sheets[-1].append([])
        if tag in ("td", "th", "h2", "style"):
            self._text = ""
        if tag == "span":
            self._text += "\n"
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.sheets:
            self.sheets[-1][-1].append(self._text)
        elif tag == "h2":
            self.headings.append(self._text)
        elif tag == "style":
            self.style = self._text
        self._in.pop()

    def handle_data(self, data: str) -> None:
        self._text += data


def _page(path: Path) -> _Page:
    data = path.read_bytes()
    assert data.isascii()  # written with character references: any reader can decode it
    page = _Page()
    page.feed(data.decode("ascii"))
    page.close()
    return page


def test_html_has_one_printed_page_per_sheet(tmp_path: Path) -> None:
    page = _page(write_flow(tmp_path, ".html", "--standard", "round"))
    assert page.headings == [
        "Case: [Plan] (Aff)",
        "Off-case: [States CP] (Neg)",
        "Off-case: [Recession] (Neg)",
    ]
    assert len(page.sheets) == 3
    # Landscape pages, a page break after each sheet but the last, header rows repeated.
    style = " ".join(page.style.split())
    assert "@page { size: landscape;" in style
    assert "section.sheet { break-after: page; page-break-after: always; }" in style
    assert "section.sheet:last-of-type { break-after: auto; page-break-after: auto; }" in style
    assert "thead { display: table-header-group; }" in style
    for sheet, expected, position in zip(
        page.sheets, (CASE, COUNTERPLAN, RECESSION), ("Plan", "States CP", "Recession"), strict=True
    ):
        header, *rows, foot = sheet
        assert header == HEADERS
        assert [_lines(row, "\n") for row in rows] == _padded(expected)  # type: ignore[arg-type]
        times = READ_TIMES[position]
        assert foot == [f"read time {t}" for t in times + ["0:00"] * (7 - len(times))]


def test_html_is_self_contained(tmp_path: Path) -> None:
    path = write_flow(tmp_path, ".html")
    page = _page(path)
    legend = "Verdicts under the evidence standard: ✓ in (stands), ✗ out (falls), ? undecided."
    assert f'<p class="legend">{legend}</p>' in html.unescape(path.read_text("ascii"))
    names = [tag for tag, _ in page.tags]
    assert "script" not in names
    assert "link" not in names
    for _, attrs in page.tags:
        assert not {"src", "href"} & set(attrs)
    csp = [a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'"]


# -- Excel ------------------------------------------------------------------------------------


def test_xlsx_has_a_sheet_per_position_with_the_speech_columns(tmp_path: Path) -> None:
    path = write_flow(tmp_path, ".xlsx", "--standard", "round")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Plan", "States CP", "Recession"]
    for name, expected in (("Plan", CASE), ("States CP", COUNTERPLAN), ("Recession", RECESSION)):
        sheet = book[name]
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert rows[0] == list(POLICY)
        side = ["Aff", "Neg"]
        assert rows[1] == [side[i % 2] for i in range(7)]
        body, foot = rows[2:-1], rows[-1]
        assert [[v.split("\n") if v else "" for v in row] for row in body] == _padded(expected)  # type: ignore[arg-type]
        times = READ_TIMES[name]
        assert foot == [f"read time {t}" for t in times + ["0:00"] * (7 - len(times))]
        assert sheet.page_setup.orientation == "landscape"


def test_xlsx_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    first = write_flow(tmp_path, ".xlsx").read_bytes()
    second = write_flow(tmp_path, ".xlsx").read_bytes()
    assert first == second


# -- hostile titles ---------------------------------------------------------------------------

HOSTILE = (
    '[<script>alert(1)</script>]: Text & "quotes" | pipe &lt;b&gt; bold. #thesis\n'
    '  - [=HYPERLINK("http://evil")]: Formula?\n'
    "  - [Sheet: a/b\\c*? with a name longer than thirty-one characters]: Long.\n"
    "  - [history]: Reserved.\n"
    "  - [HISTORY]: Reserved too.\n"
    "  - ['Quoted']: Apostrophes.\n"
    "  - [Bell \x07 and escape \x1b[31m]: Controls.\n"
)


def test_hostile_titles_stay_text_in_html(tmp_path: Path) -> None:
    path = write_flow(tmp_path, ".html", brief=HOSTILE)
    page = _page(path)
    assert [tag for tag, _ in page.tags].count("script") == 0
    assert "b" not in [tag for tag, _ in page.tags]
    assert page.headings[0] == "Case: [<script>alert(1)</script>] (Aff)"
    first = page.sheets[0][1][0]
    assert first.startswith('✗ out [<script>alert(1)</script>] Text & "quotes" | pipe &lt;b&gt;')
    assert "Off-case: [Bell <U+0007> and escape ] (Neg)" in page.headings


def test_hostile_titles_in_markdown_do_not_break_the_table(tmp_path: Path) -> None:
    tables = _markdown_tables(write_flow(tmp_path, ".md", brief=HOSTILE).read_text("utf-8"))
    header, _rule, row, _foot = tables["Case: [<script>alert(1)</script>] (Aff)"]
    assert len(row) == len(header) == 7
    assert row[0].split("<br>")[0] == (
        '✗ out [<script>alert(1)</script>] Text & "quotes" | pipe &lt;b&gt; bold.'
    )


def test_hostile_titles_in_csv_and_xlsx_are_never_formulas(tmp_path: Path) -> None:
    data = write_flow(tmp_path, ".csv", brief=HOSTILE).read_text("utf-8")
    for row in csv.reader(io.StringIO(data, newline="")):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    book = openpyxl.load_workbook(write_flow(tmp_path, ".xlsx", brief=HOSTILE))
    assert book.sheetnames == [
        "<script>alert(1)< script>",
        '=HYPERLINK("http   evil")',
        "Sheet  a b c   with a name long",
        "history (2)",
        "HISTORY (3)",
        "Quoted",
        "Bell <U+0007> and escape",
    ]
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
    cell = book['=HYPERLINK("http   evil")']["B3"].value
    assert cell.startswith('✗ out [=HYPERLINK("http://evil")] Formula?')


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        (["a" * 40], ["a" * 31]),
        (["a" * 40, "a" * 35], ["a" * 31, "a" * 27 + " (2)"]),
        (["Plan", "plan", "PLAN"], ["Plan", "plan (2)", "PLAN (3)"]),
        (["[]:*?/\\"], ["Sheet"]),
        (["'", "''x''"], ["Sheet", "x"]),
        (["History"], ["History (2)"]),
        # Excel counts UTF-16 code units: an emoji is two.
        (["😀" * 20], ["😀" * 15]),
    ],
)
def test_sheet_names_follow_excels_rules(titles: list[str], expected: list[str]) -> None:
    names = sheet_names(titles)
    assert names == expected
    for name in names:
        assert len(name.encode("utf-16-le")) // 2 <= 31
        assert not set("[]:*?/\\") & set(name)


# -- ASCII, formats, errors -------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".md", ".csv", ".html", ".xlsx"])
def test_ascii_output_is_ascii_on_the_seed_brief(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"flow{suffix}"
    result = run(["flow", str(SEED), "--ascii", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(target)
        texts = [str(c.value) for s in book for row in s.iter_rows() for c in row if c.value]
        texts += book.sheetnames
        data = "\n".join(texts).encode("utf-8")
    else:
        data = target.read_bytes()
    assert [byte for byte in data if byte >= 128] == []
    assert b"Japan-ROK" in data


def test_terminal_flow_ascii_is_ascii_on_the_seed_brief() -> None:
    result = run(["flow", str(SEED), "--ascii"], env={"COLUMNS": "160", "NO_COLOR": "1"})
    assert result.exit_code == 0
    assert [c for c in result.stdout if ord(c) >= 128] == []
    assert "read time" in result.stdout


def test_to_ascii() -> None:
    assert to_ascii("“America is back” — Japan–ROK… naïve") == (
        '"America is back" -- Japan-ROK... naive'
    )
    assert to_ascii("日本") == "<U+65E5><U+672C>"


def test_minutes_round_up() -> None:
    assert [minutes(s) for s in (0, 0.2, 59.5, 60, 61.2, 600)] == [
        "0:00",
        "0:01",
        "1:00",
        "1:00",
        "1:02",
        "10:00",
    ]


def test_public_forum_says_pro_and_con(tmp_path: Path) -> None:
    brief = "===\nargmap: {flow-format: pf}\n===\n\n" + BRIEF.split("===\n\n", 1)[1]
    tables = _markdown_tables(write_flow(tmp_path, ".md", brief=brief).read_text("utf-8"))
    assert list(tables)[:2] == ["Case: [Plan] (Pro)", "Off-case: [States CP] (Con)"]
    assert tables["Case: [Plan] (Pro)"][0] == [
        "Case (Pro)",
        "Rebuttal (Con)",
        "Rebuttal (Pro)",
        "Summary (Con)",
        "Summary (Pro)",
        "Final focus (Con)",
        "Final focus (Pro)",
    ]
    # The command line's --format wins over the brief's.
    tables = _markdown_tables(
        write_flow(tmp_path, ".md", "--format", "ld", brief=brief).read_text("utf-8")
    )
    assert tables["Case: [Plan] (Aff)"][0] == [
        "AC (Aff)",
        "NC (Neg)",
        "1AR (Aff)",
        "NR (Neg)",
        "2AR (Aff)",
    ]


def test_words_per_minute(tmp_path: Path) -> None:
    # 21 words in the 1AC: 5.04 s at 250 a minute, 12.6 s at 100.
    tables = _markdown_tables(write_flow(tmp_path, ".md", "--wpm", "100").read_text("utf-8"))
    assert tables["Read time of each speech"][2][0] == "0:13"


@pytest.mark.parametrize("name", ["flow.txt", "flow", "-"])
def test_an_unknown_suffix_is_a_usage_error(tmp_path: Path, name: str) -> None:
    source = tmp_path / "brief.argdown"
    source.write_text(BRIEF, encoding="utf-8")
    target = name if name == "-" else str(tmp_path / name)
    result = run(["flow", str(source), "-o", target])
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert "name the file .md, .csv, .html or .xlsx" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.argdown"]


def test_never_over_the_brief(tmp_path: Path) -> None:
    source = tmp_path / "brief.md"
    source.write_text("```argdown\n" + BRIEF.split("===\n\n", 1)[1] + "```\n", encoding="utf-8")
    before = source.read_bytes()
    result = run(["flow", str(source), "-o", str(source)])
    assert result.exit_code == 2
    assert "refusing to overwrite the input brief" in result.stderr
    assert source.read_bytes() == before


def test_an_existing_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    source = tmp_path / "brief.argdown"
    source.write_text(BRIEF, encoding="utf-8")
    target = tmp_path / "flow.csv"
    target.write_text("keep", encoding="utf-8")
    target.chmod(0o444)
    result = run(["flow", str(source), "-o", str(target)])
    assert result.exit_code == 2
    assert "read-only" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep"


# -- printed by a real browser ----------------------------------------------------------------


def _print_pdf(html: Path, tmp_path: Path) -> bytes:
    """``html`` printed to PDF by headless Chromium, as File > Print would (default paper)."""
    from tests.conftest import chromium

    program = chromium()
    assert program is not None
    pdf = tmp_path / (html.stem + ".pdf")
    subprocess.run(
        [
            program,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf.read_bytes()


@pytest.mark.needs("chromium")
@pytest.mark.parametrize(("brief", "sheets"), [(BRIEF, 3), (SEED.read_text("utf-8"), 2)])
def test_html_prints_one_sheet_per_landscape_page(tmp_path: Path, brief: str, sheets: int) -> None:
    pdf = _print_pdf(write_flow(tmp_path, ".html", brief=brief), tmp_path)
    pages = re.findall(rb"/Type\s*/Page\b", pdf)
    assert len(pages) == sheets
    boxes = [
        [float(n) for n in box.split()] for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)
    ]
    assert boxes
    assert all(x1 - x0 > y1 - y0 for x0, y0, x1, y1 in boxes)  # landscape


def test_xlsx_without_openpyxl_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    # None in sys.modules: "import openpyxl" fails as if it were not installed.
    for name in [m for m in sys.modules if m == "openpyxl" or m.startswith("openpyxl.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    source = tmp_path / "brief.argdown"
    source.write_text(BRIEF, encoding="utf-8")
    result = run(["flow", str(source), "-o", str(tmp_path / "flow.xlsx")])
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert "install argmap[xlsx]" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.argdown"]
