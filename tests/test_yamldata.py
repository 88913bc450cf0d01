"""Data blocks read by argmap's fast path mean exactly what YAML says they mean."""

from __future__ import annotations

import itertools

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.syntax.yamldata import (
    YamlProblem,
    _load,
    _simple_front_matter,
    load_data,
    load_front_matter,
    simple_data,
)
from tests.test_cli import run_python

KEYS = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
SCALARS = st.one_of(
    st.from_regex(r'"[ -!#-\[\]-~é“”]{0,12}"', fullmatch=True),
    st.integers(min_value=0, max_value=10**18).map(str),
    st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,6}", fullmatch=True),
    st.sampled_from(["yes", "No", "true", "null", "on", "0x1F", "1e3", "01", "2019-01-01"]),
)
# Scalars, and flow lists of them as an inference's `{uses: [1, 2]}` (with the spacing
# and the odd items a writer may give them).
VALUES = st.one_of(
    SCALARS,
    st.tuples(
        st.lists(st.one_of(SCALARS, st.sampled_from(["[1]", "{a: 1}", "", "1.5"])), max_size=4),
        st.sampled_from([", ", ",", " , "]),
        st.sampled_from(["", " "]),
    ).map(lambda parts: f"[{parts[2]}{parts[1].join(parts[0])}{parts[2]}]"),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(KEYS, VALUES), max_size=5), st.sampled_from([" ", "  ", "\t"]))
def test_fast_path_agrees_with_yaml(pairs: list[tuple[str, str]], space: str) -> None:
    image = "{" + ", ".join(f"{k}:{space}{v}" for k, v in pairs) + "}"
    fast = simple_data(image)
    try:
        expected = yaml.safe_load(image)
    except yaml.YAMLError:
        assert fast is None, image
        return
    if fast is not None:
        assert fast == expected, image
        assert load_data(image) == fast


def test_card_data_takes_the_fast_path() -> None:
    image = '{cite: "Doe 2019", url: "https://example.org/doe", year: 2019}'
    assert simple_data(image) == {
        "cite": "Doe 2019",
        "url": "https://example.org/doe",
        "year": 2019,
    }


def test_an_inference_list_takes_the_fast_path() -> None:
    assert simple_data('{uses: [1, 3], note: [], by: [a, "b, c"]}') == {
        "uses": [1, 3],
        "note": [],
        "by": ["a", "b, c"],
    }


def test_special_words_and_other_yaml_go_to_yaml() -> None:
    for image in ("{a: yes}", "{a: 1.5}", '{a: "x\\"y"}', "{a: b, a: c}", "{on: 1}", "{a: [no]}"):
        assert simple_data(image) is None, image
    assert load_data("{a: yes}") == {"a": True}


def test_a_key_written_twice_is_refused_where_it_is_written_again() -> None:
    # As Argdown's YAML reader (js-yaml): "duplicated mapping key", not the last value.
    with pytest.raises(YamlProblem, match="duplicated mapping key") as raised:
        load_data("{cite: a, url: b, cite: c}")
    assert (raised.value.line, raised.value.column) == (0, 18)
    with pytest.raises(YamlProblem, match="duplicated mapping key") as raised:
        load_front_matter("title: A\nauthor:\n  name: x\n  name: y\n")
    assert (raised.value.line, raised.value.column) == (3, 2)


def test_merge_keys_may_be_overridden() -> None:
    assert load_front_matter("base: &b {a: 1, c: 2}\nmerged:\n  <<: *b\n  a: 3\n") == {
        "base": {"a": 1, "c": 2},
        "merged": {"a": 3, "c": 2},
    }


def assert_front_matter_agrees_with_yaml(body: str) -> bool:
    """The fast path reads ``body`` as YAML does, or leaves it to YAML; True if it read it."""
    fast = _simple_front_matter(body)
    try:
        expected = _load(body)
    except YamlProblem:  # duplicate keys among others
        assert fast is None, body
        return False
    if fast is not None:
        # repr tells True from 1 and keeps the order of the keys.
        assert repr(fast) == repr({} if expected is None else expected), body
        assert load_front_matter(body) == fast
    return fast is not None


# Pieces of text that mean something to YAML somewhere in a scalar, and characters that
# are not printable.
FIRST = ["word", "é", "“", "y", "nULL", "0", "1", "-", "'", "&", "!", '"']
PIECES = ["word", "é", "0", "9", " ", " #", "#", ": ", ":", "'", '"', "\\", "-", "{", "&", "~"]
UNPRINTABLE = ["\t", "\r", "\u00a0", "\u0085", "\u2028", "\ufeff", "\x07", "\ue000"]


def test_front_matter_values_are_read_as_yaml_reads_them() -> None:
    read = 0
    for first in FIRST:
        for one, two in itertools.product(["", *PIECES, *UNPRINTABLE], repeat=2):
            value = first + one + two
            for line in (f"key: {value}", f'key: "{value}"', f"key:  {value} "):
                read += assert_front_matter_agrees_with_yaml(f"\n{line}\n")
    assert read > 2000  # a good part of them on the fast path


# Front matter: mostly lines `key: value`, whose value may be text YAML reads as
# something other than the text written; among them, lines of other shapes.
TEXT = st.tuples(
    st.sampled_from(FIRST),
    st.lists(st.sampled_from(PIECES + UNPRINTABLE), max_size=3).map("".join),
).map("".join)
FRONT_VALUES = st.one_of(
    VALUES,
    TEXT,
    TEXT.map('"{}"'.format),
    st.sampled_from(
        [
            *["Null", "NULL", "~", "TRUE", "Off", "y", "N", "nan", ".nan", ".inf", "=", "<<"],
            *["12:30", "1:2:3", "1.5", ".5", "-1", "+1", "0o7", "0b1", "1_000", "2019-01-01"],
        ]
    ),
)
SIMPLE_LINE = st.tuples(
    KEYS, st.sampled_from([": ", ":  "]), FRONT_VALUES, st.sampled_from(["", " ", "  "])
).map("".join)
OTHER_LINE = st.one_of(
    st.tuples(
        st.one_of(KEYS, st.sampled_from(["On", "NO", "y", "null", "-a", "? a", "<<", "a b", "1"])),
        st.sampled_from([": ", ":", ":\t", " : ", "\t: "]),
        FRONT_VALUES,
    ).map("".join),
    st.sampled_from(["", "  ", "\t", "# note", "  more", "- a", "---", "...", "a", "key:"]),
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.one_of(*[SIMPLE_LINE] * 4, OTHER_LINE), max_size=4),
    st.sampled_from(["\n", "\r\n"]),
)
def test_front_matter_fast_path_agrees_with_yaml(lines: list[str], newline: str) -> None:
    assert_front_matter_agrees_with_yaml(newline + "".join(line + newline for line in lines))


def test_simple_front_matter_takes_the_fast_path() -> None:
    body = "\ntitle: Repairing Japan–ROK relations\nthesis: Trilateral Repair\nyear: 2024\n"
    assert _simple_front_matter(body) == {
        "title": "Repairing Japan–ROK relations",
        "thesis": "Trilateral Repair",
        "year": 2024,
    }
    assert _simple_front_matter('\r\nauthor: "Doe: Jane #1"  \r\n\r\n') == {
        "author": "Doe: Jane #1"
    }


@pytest.mark.parametrize(
    "body",
    [
        "a: yes",
        "a: 12:30",
        "a: 1.5",
        "a: 2019-01-01",
        "a: ~",
        "a: b # c",
        "a: b: c",
        "a: b:",
        "a: 'b'",
        "a:",
        "a: b\n  c",
        "argmap:\n  standard: dialectical",
        "a: b\na: c",
        "on: b",
        "a: b\u2028c: d",
        "a:\tb",
    ],
)
def test_other_front_matter_goes_to_yaml(body: str) -> None:
    assert _simple_front_matter(body) is None


def _read_in_a_fresh_process(brief: str) -> str:
    """The brief's front matter, and whether YAML was imported to read it."""
    done = run_python(
        "import sys\n"
        "import argmap\n"
        f"amap = argmap.loads({brief!r})\n"
        "print(amap.front_matter, 'yaml' in sys.modules)\n"
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_brief_with_simple_front_matter_is_read_without_yaml() -> None:
    card = '[A]: x #evidence {cite: "Doe 2019"}\n'
    simple = "===\ntitle: Simple brief\nyear: 2024\n===\n" + card
    assert _read_in_a_fresh_process(simple) == "{'title': 'Simple brief', 'year': 2024} False\n"
    nested = "===\nargmap:\n  standard: dialectical\n===\n" + card
    assert _read_in_a_fresh_process(nested).endswith(" True\n")  # YAML where it is needed


# -- values that need quotes -------------------------------------------------------------


@pytest.mark.parametrize(
    ("image", "message", "column"),
    [
        (
            "{cite: O'Rourke 2024: CRS report}",
            """the value of cite contains ": "; put the value in quotes: """
            """{cite: "O'Rourke 2024: CRS report"}""",
            7,
        ),
        (
            "{cite: O'Rourke 2024: CRS report, year: 2024}",
            """the value of cite contains ": "; put the value in quotes: """
            """{cite: "O'Rourke 2024: CRS report", year: 2024}""",
            7,
        ),
        (
            '{year: 2024, note: "Part 2" of the report}',
            "the value of note goes on after its closing quote; put the whole value in "
            """quotes: {year: 2024, note: '"Part 2" of the report'}""",
            19,
        ),
        (
            "{cite: 'O'Rourke'}",
            "the value of cite goes on after its closing quote; put the whole value in "
            """quotes: {cite: "O'Rourke"}""",
            7,
        ),
        (
            '{cite: "Doe 2019}',
            """the value of cite has no closing quote; close the quote: {cite: "Doe 2019"}""",
            7,
        ),
        (
            "{handle: @doe}",
            'the value of handle starts with "@", which YAML reserves; put the value in '
            'quotes: {handle: "@doe"}',
            9,
        ),
        (
            "{note: *important* finding}",
            'the value of note starts with "*", which YAML reserves; put the value in '
            'quotes: {note: "*important* finding"}',
            7,
        ),
        (
            "{note: #1 source}",
            'the value of note starts with "#", which YAML reads as a comment; put the '
            'value in quotes: {note: "#1 source"}',
            7,
        ),
        (
            "{note: rank #1, year: 2024}",
            'the value of note contains " #", which YAML reads as a comment; put the '
            'value in quotes: {note: "rank #1", year: 2024}',
            7,
        ),
    ],
)
def test_a_value_that_needs_quotes_is_shown_quoted(image: str, message: str, column: int) -> None:
    with pytest.raises(YamlProblem) as raised:
        load_data(image)
    assert str(raised.value) == message
    assert (raised.value.line, raised.value.column) == (0, column)
    # The value shown is one YAML reads.
    shown = message.rsplit(": ", 1)[1] if message.count("{") == 1 else ""
    fixed = message[message.index("{") :]
    assert shown in fixed
    assert isinstance(yaml.safe_load(fixed), dict)


@pytest.mark.parametrize(
    ("body", "message", "line", "column"),
    [
        (
            "title: O'Rourke 2024: CRS report\n",
            """the value of title contains ": "; put the value in quotes: """
            """title: "O'Rourke 2024: CRS report\"""",
            0,
            7,
        ),
        (
            'year: 2024\nauthor: "Doe" and Lee\n',
            "the value of author goes on after its closing quote; put the whole value in "
            """quotes: author: '"Doe" and Lee'""",
            1,
            8,
        ),
        (
            "title: Uniforms:\n",
            'the value of title ends with ":"; put the value in quotes: title: "Uniforms:"',
            0,
            7,
        ),
        (
            "authors:\n  - name: Doe: Jane\n",
            'the value of name contains ": "; put the value in quotes: name: "Doe: Jane"',
            1,
            10,
        ),
        (
            'title: "Uniforms\n',
            'the value of title has no closing quote; close the quote: title: "Uniforms"',
            0,
            7,
        ),
    ],
)
def test_front_matter_that_needs_quotes_is_shown_quoted(
    body: str, message: str, line: int, column: int
) -> None:
    with pytest.raises(YamlProblem) as raised:
        load_front_matter(body)
    assert str(raised.value) == message
    assert (raised.value.line, raised.value.column) == (line, column)


def test_other_yaml_problems_keep_yaml_s_message() -> None:
    for image, message in (
        ("{a: [1, 2}", "invalid YAML: did not find expected ',' or ']'"),
        ("{a: b, a: c}", "invalid YAML: duplicated mapping key"),
        ("{a: !!python/name:os.system }", "invalid YAML: could not determine a constructor"),
    ):
        with pytest.raises(YamlProblem) as raised:
            load_data(image)
        assert str(raised.value).startswith(message), image


def test_data_not_closed_before_a_blank_line() -> None:
    # `{cite: "CRS 2024"` without "}" runs on to the "}" of a later block.
    with pytest.raises(YamlProblem) as raised:
        load_data('{cite: "CRS 2024"\n\n[C]: c {x: 1}')
    assert str(raised.value) == (
        "the data is not closed before the blank line; end it with '}', "
        """as in '{cite: "CRS 2024"}'"""
    )
    assert (raised.value.line, raised.value.column) == (0, 17)


def test_the_quoting_message_is_located_at_the_value_in_the_brief() -> None:
    from argmap.loader import loads

    amap = loads("[A]: a {cite: O'Rourke 2024: CRS report}\n", "b.argdown")
    [diagnostic] = amap.diagnostics
    assert diagnostic.message == (
        """data: the value of cite contains ": "; put the value in quotes: """
        """{cite: "O'Rourke 2024: CRS report"}"""
    )
    assert (diagnostic.span.line, diagnostic.span.column) == (1, 15)


# -- aliases ----------------------------------------------------------------------------------

ALIASES = "aliases (*x) expand the data to more than 4 times its written size; write each value out instead"  # noqa: E501


def test_a_value_aliased_a_few_times_is_read() -> None:
    assert load_data('{cite: &d "Doe 2019", source: *d, note: [*d, *d]}') == {
        "cite": "Doe 2019",
        "source": "Doe 2019",
        "note": ["Doe 2019", "Doe 2019"],
    }


def test_a_value_aliased_too_often_is_refused_at_the_first_alias() -> None:
    image = "{a: &x " + "y" * 50 + ", b: [" + ", ".join(["*x"] * 10) + "]}"
    with pytest.raises(YamlProblem) as raised:
        load_data(image)
    assert str(raised.value) == ALIASES
    assert (raised.value.line, raised.value.column) == (0, image.index("*x"))
    body = "text: &x " + "y" * 50 + "\nmore:\n" + "".join(["  - *x\n"] * 10)
    with pytest.raises(YamlProblem) as raised:
        load_front_matter(body)
    assert str(raised.value) == ALIASES
    assert (raised.value.line, raised.value.column) == (2, 4)


def test_a_value_aliased_thousands_of_times_is_a_finding_not_a_crash() -> None:
    """A 100,000-character value aliased 20,000 times would be 2 GB of data."""
    from argmap.exporters.json import dumps
    from argmap.loader import loads

    aliases = ", ".join(["*x"] * 20_000)
    big = "y" * 100_000
    brief = (
        f"===\ntitle: T\nlong: &x {big}\nmany: [{aliases}]\n===\n\n"
        f"[A]: a {{a: &x {big}, b: [{aliases}]}}\n"
    )
    amap = loads(brief, "b.argdown")
    assert [(d.span.line, d.span.column, d.message) for d in amap.diagnostics] == [
        (4, 8, f"front matter: {ALIASES}"),
        (7, brief.splitlines()[6].index("*x") + 1, f"data: {ALIASES}"),
    ]
    assert len(dumps(amap)) < len(brief)
