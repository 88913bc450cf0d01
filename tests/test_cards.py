"""Cards: cite strings parsed field by field, marked text, word counts and read times.

The cite table holds the shapes real cites take in policy and LD files; each expected row
is written by hand from reading the cite.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import argmap
from argmap.cards import (
    Cite,
    Run,
    card_of,
    cards,
    cite_of,
    marked_text,
    months_between,
    parse_cite,
    parse_date,
    read_time,
    read_words,
    runs,
)

TODAY = datetime.date(2026, 12, 6)

# cite → (author, quals, date, title, source, url, accessed)
CITES = [
    (
        'Humpert 24, senior fellow at the Arctic Institute, "The Future of Arctic Shipping," '
        "High North News, 3-4-2024, https://www.highnorthnews.com/en/x?id=3&lang=en",
        (
            "Humpert",
            "senior fellow at the Arctic Institute",
            "2024-03-04",
            "The Future of Arctic Shipping",
            "High North News",
            "https://www.highnorthnews.com/en/x?id=3&lang=en",
            None,
        ),
    ),
    # two authors, slashes, no URL
    (
        'Smith and Jones 19, professors of law at Yale, "Courts and Climate," Yale Law '
        "Journal, 5/2/2019",
        (
            "Smith and Jones",
            "professors of law at Yale",
            "2019-05-02",
            "Courts and Climate",
            "Yale Law Journal",
            None,
            None,
        ),
    ),
    # et al., the full name in parentheses, a written-out date
    (
        'Smith et al. 20 (Jane Smith, professor of economics at MIT) "Trade Wars" NBER '
        "Working Paper, March 4, 2020",
        (
            "Jane Smith",
            "professor of economics at MIT",
            "2020-03-04",
            "Trade Wars",
            "NBER Working Paper",
            None,
            None,
        ),
    ),
    # "ND" in the lead and "No Date" in the body
    (
        'Brown ND, "Why Deterrence Fails," Foreign Affairs, No Date, https://foreignaffairs.com/a',
        (
            "Brown",
            None,
            None,
            "Why Deterrence Fails",
            "Foreign Affairs",
            "https://foreignaffairs.com/a",
            None,
        ),
    ),
    # "n.d." after a comma
    (
        'Brown, n.d., analyst at RAND, "Deterrence", RAND Corporation, https://rand.org/x',
        (
            "Brown",
            "analyst at RAND",
            None,
            "Deterrence",
            "RAND Corporation",
            "https://rand.org/x",
            None,
        ),
    ),
    # day-month-year (the first number cannot be a month), a two-digit year of the 1900s
    (
        'Doe 98, Director of the Institute, "Old Card," New York Times, 14/7/1998',
        (
            "Doe",
            "Director of the Institute",
            "1998-07-14",
            "Old Card",
            "New York Times",
            None,
            None,
        ),
    ),
    # day-month-year written out, and an accessed date
    (
        'Doe 21, reporter, "Card", The Guardian, 4 March 2021, accessed 6 January 2022',
        ("Doe", "reporter", "2021-03-04", "Card", "The Guardian", None, "2022-01-06"),
    ),
    # brackets and semicolons, an apostrophe year, ISO date, accessed with a 2-digit year
    (
        'Kim \'22 [Lisa Kim, fellow at CSIS; "Alliances"; CSIS; 2022-11-05; '
        "https://csis.org/x?a=1&b=2; accessed 11/6/22]",
        (
            "Lisa Kim",
            "fellow at CSIS",
            "2022-11-05",
            "Alliances",
            "CSIS",
            "https://csis.org/x?a=1&b=2",
            "2022-11-06",
        ),
    ),
    # an institution as author, a year alone
    (
        'CRS 2024, Congressional Research Service, "Arctic Policy," 2024',
        ("CRS", "Congressional Research Service", "2024", "Arctic Policy", None, None, None),
    ),
    # a publication and a year, no quals: a capitalised word is not taken for a name
    ("Doe 20, Nature, 2020", ("Doe", None, "2020", None, "Nature", None, None)),
    # only the short cite
    ("Humpert 24", ("Humpert", None, "2024", None, None, None, None)),
    # no quals, a comma before the year, a double issue
    (
        'Mearsheimer, 2014, "Why the Ukraine Crisis Is the West\'s Fault", Foreign Affairs, '
        "September/October 2014",
        (
            "Mearsheimer",
            None,
            "2014-10",
            "Why the Ukraine Crisis Is the West's Fault",
            "Foreign Affairs",
            None,
            None,
        ),
    ),
    # no title: the last part before the date is the source
    (
        "Lee 23, professor at Georgetown, Journal of Strategic Studies, Dec. 1st, 2023, "
        "www.tandfonline.com/doi/10.1080/x",
        (
            "Lee",
            "professor at Georgetown",
            "2023-12-01",
            None,
            "Journal of Strategic Studies",
            "www.tandfonline.com/doi/10.1080/x",
            None,
        ),
    ),
    # curly quotes, Spring issue, DOA
    (
        "Park 17, PhD candidate, “Nuclear Latency,” International Security, Spring 2017, "
        "DOA: 7/30/2018",
        (
            "Park",
            "PhD candidate",
            "2017",
            "Nuclear Latency",
            "International Security",
            None,
            "2018-07-30",
        ),
    ),
]

FIELDS = ("author", "quals", "date", "title", "source", "url", "accessed")


@pytest.mark.parametrize(("text", "expected"), CITES, ids=[c[0][:24] for c in CITES])
def test_cite_strings_are_parsed_field_by_field(
    text: str, expected: tuple[str | None, ...]
) -> None:
    cite = parse_cite(text, TODAY)
    assert tuple(getattr(cite, name) for name in FIELDS) == expected


def test_authors_and_et_al() -> None:
    assert parse_cite("Smith and Jones 19", TODAY).authors == ("Smith", "Jones")
    assert parse_cite("Smith & Jones 19", TODAY).authors == ("Smith", "Jones")
    cite = parse_cite("Smith et al. 20, economists", TODAY)
    assert (cite.authors, cite.et_al) == (("Smith",), True)


@pytest.mark.parametrize("text", ["Brown ND", "Brown No Date, analyst", "Brown n.d."])
def test_no_date_is_said_not_missing(text: str) -> None:
    cite = parse_cite(text, TODAY)
    assert (cite.date, cite.undated) == (None, True)
    assert cite.short() == "Brown ND"


def test_a_cite_with_no_date_at_all_is_not_undated() -> None:
    cite = parse_cite('Brown, analyst, "Deterrence", RAND', TODAY)
    assert (cite.author, cite.date, cite.undated) == ("Brown", None, False)


def test_two_digit_years_take_the_century_that_is_not_in_the_future() -> None:
    assert parse_cite("Doe 27", TODAY).date == "2027"  # one year ahead: a forthcoming paper
    assert parse_cite("Doe 28", TODAY).date == "1928"
    assert parse_cite("Doe 05", TODAY).date == "2005"


def test_an_impossible_date_is_no_date() -> None:
    assert parse_cite("Doe 21, reporter, 2/30/2021", TODAY).date == "2021"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3-4-2024", "2024-03-04"),
        ("13.4.2024", "2024-04-13"),
        ("March 2024", "2024-03"),
        (datetime.date(2024, 3, 4), "2024-03-04"),
        (2024, "2024"),
        ("'19", "2019"),
        ("soon", None),
    ],
)
def test_dates_in_any_shape(value: object, expected: str | None) -> None:
    assert parse_date(value, TODAY) == expected


def test_a_cite_mapping_is_read_as_given() -> None:
    data = {
        "cite": {
            "author": "Humpert",
            "quals": "senior fellow",
            "date": datetime.date(2024, 3, 4),
            "title": "Shipping",
            "source": "High North News",
            "url": "https://x.org",
            "accessed": "5/1/2024",
        }
    }
    cite = cite_of(data, TODAY)
    assert cite == Cite(
        "Humpert",
        "senior fellow",
        "2024-03-04",
        "Shipping",
        "High North News",
        "https://x.org",
        "2024-05-01",
        authors=("Humpert",),
    )
    assert cite is not None
    assert cite.to_data()["date"] == "2024-03-04"


def test_source_url_and_year_data_fill_in_what_the_cite_leaves_out() -> None:
    cite = cite_of({"cite": "Doe", "source": "Ministry", "url": "https://m.gov", "year": 2019})
    assert cite is not None
    assert (cite.author, cite.source, cite.url, cite.date) == (
        "Doe",
        "Ministry",
        "https://m.gov",
        "2019",
    )
    assert cite_of({"tags": ["card"]}) is None


def test_the_cite_line_writes_every_field_back() -> None:
    text = CITES[0][0]
    cite = parse_cite(text, TODAY)
    assert cite.short() == "Humpert 24"
    again = parse_cite(f"{cite.short()}, {cite.line()}", TODAY)
    assert again == cite


def test_months_between() -> None:
    assert months_between(datetime.date(2024, 3, 4), datetime.date(2025, 3, 4)) == 12
    assert months_between(datetime.date(2024, 3, 4), datetime.date(2025, 3, 3)) == 11


# -- marked text


def test_underline_highlight_and_emphasis_runs() -> None:
    text = "Shipping ++grew ==by half== in **2023++**, it said."
    assert runs(text) == [
        Run("Shipping "),
        Run("grew ", underline=True),
        Run("by half", underline=True, highlight=True),
        Run(" in ", underline=True),
        Run("2023", underline=True, emphasis=True),
        Run(", it said."),
    ]
    assert marked_text(runs(text)) == text


def test_marked_text_is_argdown_that_reads_back_as_written() -> None:
    # Bold ends only before a space or punctuation: "**" opens first and closes last.
    parts = [
        Run("a "),
        Run("b ", underline=True),
        Run("c", underline=True, emphasis=True, highlight=True),
        Run(" d", underline=True),
        Run("e", emphasis=True),
        Run(". f"),
    ]
    text = marked_text(parts)
    assert text == "a ++b **==c==** d++**e**. f"
    amap = argmap.loads(f"[Card]: {text}")
    assert amap.diagnostics == []
    assert amap.nodes[0].text == text
    assert runs(text) == parts


def test_emphasis_that_cannot_end_in_argdown_is_written_underlined() -> None:
    # "**" before a letter would not end the bold: Argdown would read an error.
    parts = [Run("re"), Run("cord", emphasis=True), Run("s and "), Run("x", emphasis=True)]
    text = marked_text(parts)
    assert text == "re++cord++s and **x**"
    assert argmap.loads(f"[Card]: {text}").diagnostics == []


def test_markers_may_open_inside_a_word() -> None:
    assert runs("gr==ew== fast") == [Run("gr"), Run("ew", highlight=True), Run(" fast")]


def test_markers_that_open_or_close_nothing_are_text() -> None:
    assert runs("C++ and a == b") == [Run("C++ and a == b")]
    assert runs("x ==unclosed") == [Run("x ==unclosed")]


def test_marked_text_moves_spaces_outside_the_markers() -> None:
    parts = [Run("a"), Run(" b ", highlight=True), Run("c")]
    assert marked_text(parts) == "a ==b== c"


def test_read_words_counts_highlighted_words_or_all() -> None:
    assert read_words("Shipping ++grew ==by half==++ in ==2023==, it said.") == (3, 8, True)
    assert read_words("Shipping ++grew by half++ in 2023 — it said.") == (8, 8, False)


def test_read_time_at_words_per_minute() -> None:
    assert read_time(250) == 60.0
    assert read_time(100, 300) == 20.0
    with pytest.raises(ValueError, match="positive"):
        read_time(10, 0)


def test_cards_of_a_brief() -> None:
    brief = (
        "[Shipping]: Arctic shipping will grow.\n"
        "  + [Humpert]: Traffic ++==grew by half==++ last year on the route. #card\n"
        '    {cite: "Humpert 24, fellow, \\"Title,\\" High North News, 3-4-2024"}\n'
    )
    found = cards(argmap.loads(brief), words_per_minute=120)
    assert len(found) == 1
    card = found[0]
    assert (card.tag, card.text, card.words, card.total_words, card.seconds) == (
        "Humpert",
        "Traffic ++==grew by half==++ last year on the route.",
        3,
        9,
        1.5,
    )
    assert card.cite is not None
    assert card.cite.source == "High North News"
    assert card_of(argmap.loads(brief).node("statement:Shipping")).cite is None


def test_a_cite_mapping_is_shown_as_a_cite_line() -> None:
    brief = (
        "[Grows]: Shipping grows.\n  + [Humpert]: Traffic grew. #card "
        '{cite: {author: Humpert, date: 2024-03-04, source: "High North News"}}\n'
    )
    node = argmap.loads(brief).node("statement:Humpert")
    assert node.citation == "Humpert 24, High North News, 3-4-2024"


def _doc_blocks() -> list[str]:
    import re

    page = (Path(__file__).resolve().parent.parent / "docs" / "cards.md").read_text("utf-8")
    return re.findall(r"```argdown\n(.*?)```", page, re.DOTALL)


def test_the_cards_page_examples_are_briefs_argmap_reads_cleanly() -> None:
    blocks = _doc_blocks()
    assert len(blocks) == 3
    for block in blocks:
        amap = argmap.loads(block)
        assert amap.diagnostics == []
        assert any(node.is_evidence for node in amap.nodes)
    first = cards(argmap.loads(blocks[0]))[0]
    assert first.cite is not None
    assert (first.cite.author, first.cite.date, first.cite.source) == (
        "Humpert",
        "2024-03-04",
        "High North News",
    )


@pytest.mark.needs("argdown")
def test_argdown_reads_the_cards_page_examples_as_plain_text(tmp_path: Path) -> None:
    from tools.argdown.reference import run_argdown

    brief = tmp_path / "cards.argdown"
    brief.write_text(_doc_blocks()[0], encoding="utf-8")
    model = run_argdown(brief)
    text = model["statements"]["Arctic shipping grows"]["members"][0]["text"]
    # ++ and == are Argdown's plain text; ** is bold, its markers dropped from the text.
    assert text.startswith("Traffic on the ++Northern Sea Route ==grew by half in 2023==++, ")
    assert "operators plan more sailings" in text
    assert "**" not in text


@pytest.mark.parametrize(
    "text", ["Doe 0000, Times", "Doe, 0000-01-01, Times", "Doe 21, 31/12/0000"]
)
def test_a_year_0_is_no_date(text: str) -> None:
    cite = parse_cite(text, TODAY)
    assert cite.day is None or cite.day.year >= 1
    assert "0000" not in (cite.date or "")
