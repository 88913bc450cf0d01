"""``argmap fmt``: canonical layout, idempotent, and never a change of meaning — on the
briefs, the parser fixtures and generated briefs laid out every which way."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argmap  # noqa: E402
from argmap.diagnostics import SYNTAX_ERROR  # noqa: E402
from argmap.formatter import FormatError, format_brief  # noqa: E402
from argmap.model import ArgumentMap  # noqa: E402
from tests.exporters.test_argdown import briefs  # noqa: E402

BRIEFS = sorted((ROOT / "briefs").glob("*.argdown"))
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "parser").glob("*.argdown"))
VALID = BRIEFS + [path for path in FIXTURES if "error-" not in path.name]
ERRORS = [
    path
    for path in FIXTURES
    if any(d.code == SYNTAX_ERROR.code for d in argmap.load(path).diagnostics)
    # An empty brief is an error of `check` (Argdown refuses it), not of its layout.
    and path.name != "error-empty.argdown"
]

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# A relation marker written `<+`, `<-` or `<_` at the start of a line, which fmt writes
# `+`, `-` or `_`.
BACKWARD_MARKER = re.compile(r"(?m)^([ \t]*)<([+\-_])")


def squeezed(text: str) -> str:
    """The brief without its layout: no whitespace or byte order marks, and relation
    markers as fmt writes them. fmt changes layout only, so this must not change."""
    return re.sub(r"[\s\ufeff]+", "", BACKWARD_MARKER.sub(r"\1\2", text))


def reading(amap: ArgumentMap) -> object:
    """What a user reads in a map: every node with its text, tags, data and section,
    the relations (with the inference an undercut targets), the premise–conclusion
    structures (members, roles, numbers, inference rules and data), the headings and
    the front matter."""
    return (
        amap.front_matter,
        [(n.type, n.title, n.text, n.tags, n.data, n.section, n.is_defined) for n in amap.nodes],
        [(e.source, e.target, e.relation, e.step) for e in amap.edges],
        [
            (
                n.id,
                [(m.statement, m.role, m.number, m.inference and m.inference.rules) for m in n.pcs],
                [m.inference.data for m in n.pcs if m.inference],
            )
            for n in amap.nodes
            if n.pcs
        ],
        [(s.level, s.title, s.tags, s.data) for s in amap.sections],
    )


def messages(amap: ArgumentMap) -> list[str]:
    """The diagnostics' messages, with a relation marker they quote as fmt writes it."""
    return [re.sub(r"'<([+\-_])'", r"'\1'", d.message) for d in amap.diagnostics]


def read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def check_formatted(text: str) -> str:
    """Format, and check: same map, comments kept, canonical, idempotent."""
    formatted = format_brief(text)
    before, after = argmap.loads(text), argmap.loads(formatted)
    assert reading(after) == reading(before)
    assert squeezed(formatted) == squeezed(text)
    assert messages(after) == messages(before)
    assert format_brief(formatted) == formatted
    # A final line break, unless it would make a comment of a trailing `//` (which
    # Argdown reads as text at the very end of a file).
    assert formatted == "" or formatted.endswith("\n") or "//" in formatted.split("\n")[-1]
    assert not formatted.endswith("\n\n")
    assert "\r\n" not in formatted or "\r\n" in text
    return formatted


def canonical_lines(formatted: str) -> None:
    """Relation markers normalised, two-space indentation, no trailing whitespace, at
    most one blank line in a row (outside comments and data)."""
    for line in formatted.split("\n"):
        assert line == line.rstrip(" \t"), repr(line)
        stripped = line.lstrip(" ")
        if re.match(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)\s", stripped):
            assert not stripped.startswith(("<+ ", "<- ", "<_ ")), line
            assert (len(line) - len(stripped)) % 2 == 0, line
            assert "\t" not in line[: len(line) - len(stripped)]
    assert "\n\n\n" not in formatted


# -- the briefs and the fixtures -----------------------------------------------------------------


@pytest.mark.parametrize("brief", VALID, ids=lambda path: path.stem)
def test_briefs_and_fixtures(brief: Path) -> None:
    text = read(brief)
    check_formatted(text)


@pytest.mark.parametrize("brief", ERRORS, ids=lambda path: path.stem)
def test_refuses_briefs_with_syntax_errors(brief: Path) -> None:
    with pytest.raises(FormatError, match="syntax errors") as raised:
        format_brief(read(brief), brief.name)
    assert brief.name in str(raised.value)


def test_unknown_thesis_is_not_a_syntax_error() -> None:
    brief = ROOT / "tests" / "fixtures" / "parser" / "error-unknown-thesis.argdown"
    check_formatted(read(brief))


def test_tour() -> None:
    text = read(ROOT / "briefs" / "language-tour.argdown")
    formatted = check_formatted(text)
    canonical_lines(formatted)
    assert "    + [Teasing Survey]" in formatted
    assert "  + <Focus>: With no outfit" in formatted
    assert "  _ [Short Day]" in formatted
    assert "  - [Ironing]" in formatted
    # Everything else is as written: comments, front matter, lists, line breaks in text.
    restored = (
        formatted.replace("    + [Teasing", "    <+ [Teasing")
        .replace("  + <Focus>", "  <+ <Focus>")
        .replace("  _ [Short Day]", "  <_ [Short Day]")
        .replace("  - [Ironing]", "  <- [Ironing]")
    )
    assert restored == text


def test_seed_brief_is_already_canonical() -> None:
    text = read(ROOT / "briefs" / "japan-rok-trilateral.argdown")
    assert format_brief(text) == text


# -- the layout ------------------------------------------------------------------------------


def test_layout() -> None:
    messy = (
        "\n\n===\ntitle: T\n===\n\n\n\n#   Heading   \n\n"
        "[A]:    text   with  spaces   #tag   \n"
        "    <+   [B]: b\n"
        "        <- [C]: c\n"
        "    <_ [D]: d\n\n\n\n"
        "* [E]: e\n"
        "    + [F]: f\n"
        "*   [G]: g\n\n"
        "[H]: a text\n"
        "that continues\n"
        "      on an indented line"
    )
    formatted = format_brief(messy)
    assert formatted == (
        "===\ntitle: T\n===\n\n# Heading\n\n"
        "[A]: text   with  spaces   #tag\n"
        "  + [B]: b\n"
        "    - [C]: c\n"
        "  _ [D]: d\n\n"
        "* [E]: e\n"
        "  + [F]: f\n"
        "* [G]: g\n\n"
        "[H]: a text\n"
        "that continues\n"
        "  on an indented line\n"
    )
    check_formatted(messy)
    canonical_lines(formatted)


def test_premise_conclusion_structures() -> None:
    # Numbers and inference lines at column 0, one space after a number, relations
    # under members and inference lines two spaces in; rules, data and numbers as they
    # were.
    messy = (
        "<A>:   a\n\n"
        "  (1)   [P]: p   \n"
        "      +   [X]: x\n"
        " (3)[Q]: q\n"
        "     -- modus ponens {uses: [1, 3]}  --\n"
        "    <_ [U]: u\n"
        "(4) [C]: c\n"
        "      <_  [V]: v\n"
        "-----\n"
        "(5)   [D]: d\n"
    )
    formatted = check_formatted(messy)
    assert formatted == (
        "<A>: a\n\n"
        "(1) [P]: p\n"
        "  + [X]: x\n"
        "(3) [Q]: q\n"
        "-- modus ponens {uses: [1, 3]} --\n"
        "  _ [U]: u\n"
        "(4) [C]: c\n"
        "  _ [V]: v\n"
        "-----\n"
        "(5) [D]: d\n"
    )
    canonical_lines(formatted)
    amap = argmap.loads(formatted)
    assert [(e.source, e.target, e.step) for e in amap.edges if e.relation == "undercut"] == [
        ("statement:U", "argument:A", 2),
        ("statement:V", "argument:A", 2),
    ]


def test_tabs_and_crlf() -> None:
    # A CRLF brief stays CRLF: only the layout changes.
    brief = "[A]: a\r\n\t+ [B]: b\r\n\t\t- [C]: c\r\n\r\n\r\n[D]: d\r\n"
    assert check_formatted(brief) == "[A]: a\r\n  + [B]: b\r\n    - [C]: c\r\n\r\n[D]: d\r\n"


def test_crlf_brief_keeps_crlf_everywhere() -> None:
    brief = (
        "===\r\ntitle: T\r\n===\r\n\r\n\r\n// a comment\r\n/* over\r\ntwo lines */\r\n"
        "[A]:   a   \r\n    <+ [B]: b {x: 1}\r\n\r\n[C]: c"
    )
    assert check_formatted(brief) == (
        "===\r\ntitle: T\r\n===\r\n\r\n// a comment\r\n/* over\r\ntwo lines */\r\n"
        "[A]: a\r\n  + [B]: b {x: 1}\r\n\r\n[C]: c\r\n"
    )


def test_lf_brief_stays_lf() -> None:
    assert format_brief("[A]: a\n    <+ [B]: b\n") == "[A]: a\n  + [B]: b\n"


def test_keeps_comments_everywhere() -> None:
    brief = (
        "// first\n<!-- html\n   comment -->\n\n"
        "[A]: text /* inline */ more // trailing   \n"
        "// between a statement and its relations\n"
        "    + [B]: b <!-- x -->\n"
        "  /* between\n     relations */\n"
        "    - [C]: c\n\n\n\n"
        "/* alone */\n\n\n"
        "[D]: d // last\n"
    )
    formatted = check_formatted(brief)
    assert formatted == (
        "// first\n<!-- html\n   comment -->\n\n"
        "[A]: text /* inline */ more // trailing\n"
        "// between a statement and its relations\n"
        "  + [B]: b <!-- x -->\n"
        "  /* between\n     relations */\n"
        "  - [C]: c\n\n"
        "/* alone */\n\n"
        "[D]: d // last\n"
    )


@pytest.mark.parametrize(
    ("brief", "expected"),
    [
        # A lone `_` is a relation marker only before whitespace: `<_/**/` must get a
        # space when it becomes `_`.
        ("[A]: a\n  <_/**/ [B]: b\n", "[A]: a\n  _ /**/ [B]: b\n"),
        (">\n\t<_/**/<", ">\n  _ /**/<\n"),
        ("[A]: a\n  <+// c\n", "[A]: a\n  + // c\n"),
        ("[A]: a\n  +<!-- c --> [B]: b\n", "[A]: a\n  + <!-- c --> [B]: b\n"),
        ("[A]: a\n    -   /* c */   [B]: b\n", "[A]: a\n  - /* c */   [B]: b\n"),
    ],
)
def test_comment_right_after_a_relation_marker(brief: str, expected: str) -> None:
    assert check_formatted(brief) == expected


def test_json_map_is_not_formatted() -> None:
    with pytest.raises(FormatError) as raised:
        format_brief('{"nodes": []}\n', "map.json")
    assert str(raised.value) == (
        "map.json: argmap fmt formats Argdown briefs; this is an argmap JSON map, so it is "
        "left as it is"
    )


def test_one_line_with_30000_tags_or_mentions() -> None:
    # One line of 30,000 tokens: a layout that measures the line it is building at
    # every token takes minutes here. (The same tag each time: the parser lists a
    # line's distinct tags.)
    tags = "[A]:   a" + " #t" * 30_000 + "   \n"
    assert format_brief(tags) == "[A]: a" + " #t" * 30_000 + "\n"
    mentions = "[B]: b\n\n[A]: a" + " @[B]" * 30_000 + "  \n"
    assert format_brief(mentions) == "[B]: b\n\n[A]: a" + " @[B]" * 30_000 + "\n"


def test_no_final_line_break_where_it_would_make_a_comment() -> None:
    # Argdown reads `//` as a comment only before a line break: at the very end of a file
    # it is text, and a final line break would turn it into a comment.
    assert argmap.loads("[D]: d // last").nodes[0].text == "d // last"
    assert format_brief("[D]:   d // last") == "[D]: d // last"


def test_keeps_front_matter_as_written() -> None:
    brief = "===\n# a YAML comment\ntitle:   Spaced   \nthesis: [A]\n===\n\n[A]: a\n"
    assert format_brief(brief) == brief


def test_keeps_escapes_data_blocks_and_trailing_spaces_that_matter() -> None:
    brief = (
        "[A]: \\[x\\] \\#y a\\ \\ b {\n  note: |\n    kept  \n    as is\n}\n"
        "  + [B]: two spaces   \n    continue here\n"
    )
    formatted = check_formatted(brief)
    assert "{\n  note: |\n    kept  \n    as is\n}" in formatted
    # `two spaces   ` + line break reads as "two spaces   continue": the spaces stay.
    assert argmap.loads(formatted).node("statement:B").text == "two spaces   continue here"


def test_space_after_an_escape() -> None:
    # An escape takes the spaces after it into the text (`\\x  ` reads as "x  "), so a
    # tab the lexer skips after it must not become a space.
    brief = "[A]: \\x\t\tb and \\y  c\n"
    assert argmap.loads(brief).nodes[0].text == "xb and y  c"
    assert check_formatted(brief) == "[A]: \\x\tb and \\y  c\n"


def test_keeps_crlf_where_it_matters() -> None:
    # With \r\n, a `{` at the end of a line is plain text; with \n it would start data
    # running to the `}` on the next line.
    brief = "* [A]: {\r\n* [B]: b {x: 1}\r\n"
    assert argmap.loads(brief).nodes[0].text == "{"
    formatted = check_formatted(brief)
    assert formatted == brief


def test_byte_order_marks() -> None:
    assert format_brief("\ufeff[A]: a\n") == "[A]: a\n"
    assert format_brief("\ufeff\ufeffa\n") == "\ufeff\ufeffa\n"


def test_empty_brief() -> None:
    assert format_brief("") == ""
    assert format_brief("\n\n  \n") == ""
    assert format_brief("// only a comment\n") == "// only a comment\n"
    assert format_brief("// only a comment  \n\n\n") == "// only a comment\n"


def test_lone_carriage_returns_are_refused_clearly() -> None:
    with pytest.raises(FormatError, match="lone carriage returns"):
        format_brief("\r\r")


def test_name_in_messages() -> None:
    with pytest.raises(FormatError, match=r"brief\.argdown:1:1:"):
        format_brief("+ [A]: a\n", "brief.argdown")


# -- generated briefs ----------------------------------------------------------------------------


@st.composite
def messy_briefs(draw: st.DrawFn) -> str:
    """A generated brief with its layout disturbed: another indentation, comments between
    blocks, at the ends of lines and between relations, trailing spaces, extra blank lines,
    CRLF line breaks."""
    indent = draw(st.sampled_from(["  ", "    ", "\t", " ", "   "]))
    brief: str = draw(briefs(indent=indent, structures=draw(st.booleans())))
    blocks = brief.rstrip("\n").split("\n\n")
    out: list[str] = []
    for block in blocks:
        lines = block.split("\n")
        for index, line in enumerate(lines):
            if block.startswith("==="):
                break  # front matter: YAML, not Argdown
            choice = draw(st.integers(0, 9))
            if choice == 0:
                lines[index] = line + "   "
            elif choice == 1 and not line.endswith("\\"):
                lines[index] = line + " // note"
            elif choice == 2 and index + 1 < len(lines) and lines[index + 1].startswith(indent):
                lines[index] = line + "\n" + indent + "/* between */"
        out.append("\n".join(lines))
        if draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from(["// comment", "/* block\n comment */", "<!-- c -->"])))
    separator = draw(st.sampled_from(["\n\n", "\n\n\n", "\n \n"]))
    text = separator.join(out) + draw(st.sampled_from(["\n", "", "\n\n"]))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


@SETTINGS
@given(briefs())
def test_generated_briefs(brief: str) -> None:
    amap = argmap.loads(brief)
    assume(not any(d.code == SYNTAX_ERROR.code for d in amap.diagnostics))
    canonical_lines(check_formatted(brief))


@SETTINGS
@given(messy_briefs())
def test_messy_briefs(brief: str) -> None:
    amap = argmap.loads(brief)
    assume(not any(d.code == SYNTAX_ERROR.code for d in amap.diagnostics))
    check_formatted(brief)


@SETTINGS
@given(st.text(max_size=200))
def test_any_text_is_formatted_or_refused(text: str) -> None:
    try:
        formatted = format_brief(text)
    except FormatError as error:
        message = str(error)
    else:
        message = ""
        assert format_brief(formatted) == formatted
        assert reading(argmap.loads(formatted)) == reading(argmap.loads(text))
        assert squeezed(formatted) == squeezed(text)
    assert (
        not message
        or "syntax errors" in message
        or ("lone carriage returns" in message and "\r" in text)
    ), message
