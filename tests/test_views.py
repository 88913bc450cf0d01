"""The terminal views — show, flow, stats — as a user sees them, at several widths."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.evaluate import evaluate
from argmap.exporters import json as json_export

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "briefs" / "japan-rok-trilateral.argdown"
TOUR = ROOT / "briefs" / "language-tour.argdown"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(args: list[str], width: int = 100, color: bool = False) -> tuple[int, str, str]:
    env = {"COLUMNS": str(width)}
    if color:
        env["FORCE_COLOR"] = "1"
    else:
        env["NO_COLOR"] = "1"
    result = CliRunner().invoke(main, args, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("width", [60, 100, 160])
def test_show_prints_the_whole_seed_case_at_any_width(width: int) -> None:
    code, out, _ = run(["show", str(SEED)], width)
    assert code == 0
    for title in ("Trilateral Repair", "No Place for the US", "Diplomatic Option"):
        assert f"[{title}]" in out
    assert all(len(line) <= width for line in out.splitlines())
    assert "✓ [Trilateral Repair]" in out  # the verdict reads without colour
    assert "- ✗ [No Place for the US]" in out  # an attack, and it falls
    assert "\x1b" not in out


def test_show_in_colour_styles_verdicts_and_relations() -> None:
    _, out, _ = run(["show", str(SEED)], 120, color=True)
    assert "\x1b[" in out
    assert "[Trilateral Repair]" in ANSI.sub("", out)


def test_show_treats_brief_text_as_plain_text() -> None:
    brief = "[T]: A claim with \\[bold\\] rich markup and an escape \x1b]0;pwned\x07. #thesis\n"
    result = CliRunner().invoke(main, ["show", "-"], input=brief, env={"NO_COLOR": "1"})
    assert "A claim with [bold] rich markup" in result.stdout
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout


def test_show_ascii_uses_plain_glyphs() -> None:
    _, out, _ = run(["show", "--ascii", str(SEED)], 100)
    assert "(in) [Trilateral Repair]" in out
    assert "+-- " in out or "`-- " in out
    assert not set("├└│✓✗⚠") & set(out)


def test_show_depth_marks_what_it_cuts() -> None:
    _, out, _ = run(["show", "--depth", "1", str(SEED)], 120)
    assert "deeper" in out
    assert "[Track Record]" not in out
    assert "Not connected" not in out


def test_show_focus_and_section() -> None:
    _, out, _ = run(["show", "--focus", "No Place for the US", str(SEED)], 120)
    assert "[No Place for the US]" in out
    assert "[Diplomatic Option]" in out
    assert "[Secure Influence]" not in out
    _, out, _ = run(["show", "--section", "Rebuttals and responses", str(SEED)], 120)
    assert "[Domestic Politics]" in out
    assert "[Secure Influence]" not in out
    code, _, err = run(["show", "--focus", "Nothing Like This", str(SEED)])
    assert code == 2
    assert "no statement or argument titled" in err


def test_show_lists_nodes_outside_the_tree() -> None:
    brief = "[T]: Thesis. #thesis\n  + [A]: Support.\n\n[Lonely]: Relates to nothing.\n"
    result = CliRunner().invoke(main, ["show", "-"], input=brief, env={"NO_COLOR": "1"})
    assert "Not connected to a thesis (1)" in result.stdout
    assert "[Lonely]" in result.stdout


@pytest.mark.parametrize("fmt", ["policy", "pf", "ld", "generic"])
def test_flow_puts_the_case_first_and_answers_beside(fmt: str) -> None:
    code, out, _ = run(["flow", "--format", fmt, str(SEED)], 160)
    assert code == 0
    header = out.splitlines()[1]
    first = {"policy": "1AC", "pf": "Case", "ld": "AC", "generic": "Case"}[fmt]
    assert first in header
    row = next(line for line in out.splitlines() if "[Trilateral Repair]" in line)
    # The rebuttal sits on the thesis's row, one column to the right.
    assert row.index("[Trilateral Repair]") < row.index("[No Place for the US]")
    assert "answered analytically; extended" in out


def test_flow_marks_dropped_rebuttals() -> None:
    brief = (
        '[T]: Thesis. #thesis\n  + [E]: Card. #evidence {cite: "A 2020"}\n'
        '  - [R]: Rebuttal.\n    + [F]: Their card. #evidence {cite: "B 2021"}\n'
    )
    result = CliRunner().invoke(
        main, ["flow", "-"], input=brief, env={"NO_COLOR": "1", "COLUMNS": "120"}
    )
    assert "dropped (conceded)" in result.stdout
    assert "✗ out [T]" in result.stdout


def test_flow_falls_back_to_threads_on_narrow_terminals() -> None:
    _, out, _ = run(["flow", str(SEED)], 40)
    assert "1AC (Aff): " in out
    assert "1NC (Neg): " in out
    assert "┃" not in out


def test_flow_ascii() -> None:
    _, out, _ = run(["flow", "--ascii", str(SEED)], 160)
    assert "answered analytically; extended" in out
    assert out.isascii()


def test_stats_counts_the_seed_brief() -> None:
    code, out, _ = run(["stats", "--format", "json", str(SEED)])
    assert code == 0
    stats = json.loads(out)
    assert stats["theses"] == 1
    assert stats["evidence"] == 11
    assert stats["claims"] == 21
    assert stats["relations"] == {"support": 35, "attack": 2, "undercut": 0, "contradiction": 0}
    assert stats["grounded_claims"] == 13
    assert stats["unanswered_rebuttals"] == 0
    assert stats["verdicts"]["in"] == 24
    assert stats["findings"] == {"error": 0, "warning": 6, "info": 0}


# The tour's counts, as the JSON test above counts the seed's: 18 statements (3 of them
# cards) and 2 arguments, 4 headings, 7 + 5 + 3 + 1 relations; 4 of 17 claims (24%) rest
# on evidence. Its cards have 16, 11 and 11 words, none highlighted: at 250 words a
# minute, 3.84, 2.64 and 2.64 seconds, 9.12 in all.
_TOUR_STATS = """\
theses                          1
claims                         17
evidence                        3
arguments                       2  of the nodes above
sections                        4
support relations               7
attack relations                5
undercut relations              3
contradiction relations         1
claims grounded in evidence  4/17  24%
longest support chain           5  nodes
unanswered rebuttals            1
undefined references            0
verdict in                      6
verdict out                    14
verdict undecided               0
findings: error                 0
findings: warning              13
findings: info                  2

cards, read at 250 words a minute:
card            words  read  time
Teasing Survey     16   all  0:04
Exchanges          11   all  0:03
Mixed Results      11   all  0:03
all cards                    0:09
"""


def test_stats_pretty() -> None:
    code, out, _ = run(["stats", str(TOUR)], 100)
    assert code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    assert lines[0] == "   School uniforms (a tour of the brief language)"
    assert "\n".join(lines[1:]) + "\n" == _TOUR_STATS


def test_stats_pretty_when_narrow_wraps_a_long_name() -> None:
    code, out, _ = run(["stats", str(TOUR)], 50)
    assert code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    assert all(len(line) <= 50 for line in out.splitlines())
    at = lines.index("claims grounded in        4/17  24%")
    assert lines[at - 1 : at + 3] == [
        "contradiction relations      1",
        "claims grounded in        4/17  24%",
        "evidence",
        "longest support chain        5  nodes",
    ]


def test_stats_longest_chain_and_unanswered() -> None:
    brief = (
        "[T]: Thesis. #thesis\n  + [A]: a.\n    + [B]: b.\n      + [C]: c. #evidence\n"
        "  - [R]: Rebuttal.\n"
    )
    result = CliRunner().invoke(main, ["stats", "--format", "json", "-"], input=brief)
    stats = json.loads(result.stdout)
    assert stats["longest_support_chain"] == 4
    assert stats["unanswered_rebuttals"] == 1


@pytest.mark.parametrize("brief", [SEED, TOUR], ids=lambda p: p.stem)
def test_json_export_golden(brief: Path, golden: object) -> None:
    amap = argmap.load(brief.relative_to(ROOT))
    output = json_export.export(amap, evaluate(amap), argmap.check(amap))
    golden(f"{brief.stem}.json", output)  # type: ignore[operator]


# -- show and check without colour: the coloured output's text, written directly -------------


# The same brief at several widths and glyph sets; a change here is a change users see.
@pytest.mark.parametrize(
    ("brief", "options"),
    [(SEED, []), (TOUR, []), (TOUR, ["--ascii", "--depth", "2"])],
    ids=["seed", "tour", "tour-ascii-depth-2"],
)
def test_show_golden(brief: Path, options: list[str], golden: object) -> None:
    code, out, _ = run(["show", *options, str(brief.relative_to(ROOT))], width=100)
    assert code == 0
    suffix = "-".join(option.lstrip("-") for option in options)
    golden(f"{brief.stem}{'.' + suffix if suffix else ''}.show.txt", out)  # type: ignore[operator]


# Text that exercises every way a line can wrap: long words, runs of spaces, wide and
# combining characters, non-breaking and zero-width spaces, escapes, tabs, emoji.
_TEXT = st.lists(
    st.sampled_from(
        [
            *["word", "a", "bb", "claim.", " ", " ", " ", "  ", "—", "“", "é", "Ω", "✓", "⚠"],
            *["字", "😀", "e\u0301", "\u00a0", "\u200b", "\t", "\x1b[31m", "\u202e", "x" * 45],
        ]
    ),
    min_size=1,
    max_size=40,
).map("".join)


@st.composite
def _briefs(draw: st.DrawFn) -> str:
    """A brief of a few statements nested as support and attack, with random text."""
    lines = ["[Root]: " + draw(_TEXT) + " #thesis"]
    depth = 0
    for index in range(draw(st.integers(0, 12))):
        depth = draw(st.integers(1, depth + 1)) if depth < 8 else depth
        relation = draw(st.sampled_from(["+", "-"]))
        card = ' #evidence {cite: "Doe 2019"}' if draw(st.booleans()) else ""
        title = f"T{index}" if draw(st.integers(0, 4)) else "Root"
        lines.append(f"{'  ' * depth}{relation} [{title}]: {draw(_TEXT)}{card}")
    return "\n".join(lines) + "\n"


def _render(amap: argmap.ArgumentMap, width: int, colour: bool, ascii_only: bool) -> str:
    from rich.console import Console

    from argmap.views.tree import render_tree

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=colour,
        color_system="standard" if colour else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    render_tree(console, amap, evaluate(amap), argmap.check(amap), ascii_only=ascii_only)
    return buffer.getvalue()


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(brief=_briefs(), width=st.integers(24, 140), ascii_only=st.booleans())
def test_show_without_colour_is_the_coloured_tree_without_its_colour(
    brief: str, width: int, ascii_only: bool
) -> None:
    amap = argmap.loads(brief)
    plain = _render(amap, width, colour=False, ascii_only=ascii_only)
    coloured = _render(amap, width, colour=True, ascii_only=ascii_only)
    assert "\x1b" in coloured
    assert plain == ANSI.sub("", coloured)


def test_check_without_colour_is_the_coloured_output_without_its_colour(tmp_path: Path) -> None:
    text = (
        "[T]: Thesis with \x1b[31mred\x1b[0m, a\ttab and \u202ebidi. #thesis\n"
        "  + [A]: " + "long " * 60 + "\n"
        "  - [B]: 字字 wide 😀 text.\n"
        "    + [C]\n"
    )
    # File names may hold what user text may not: a tab, a carriage return, a bell.
    paths = [tmp_path / name for name in ("plain.argdown", "a\ttab.argdown", "cr\r\x07.argdown")]
    for path in paths:
        path.write_text(text, "utf-8")
    args = ["check", "--explain", *map(str, paths)]
    plain = CliRunner().invoke(main, args, env={"NO_COLOR": "1", "COLUMNS": "80"})
    coloured = CliRunner().invoke(main, args, env={"FORCE_COLOR": "1", "COLUMNS": "80"})
    assert plain.exit_code == coloured.exit_code == 1
    assert "\x1b" in coloured.stdout
    assert "\x1b" not in plain.stdout
    assert plain.stdout == ANSI.sub("", coloured.stdout)
    assert plain.stdout.count("^") >= 3 * 3


def test_text_wrapped_without_rich_is_text_rich_gives_one_cell_per_character() -> None:
    """The plain tree wraps lines of these characters itself, counting one cell each."""
    import unicodedata

    from rich.cells import cell_len

    from argmap.views.tree import _NARROW

    narrow = [chr(code) for code in range(0x3000) if _NARROW.fullmatch(chr(code))]
    assert len(narrow) > 1000
    for character in narrow:
        assert cell_len(character) == 1, hex(ord(character))
        category = unicodedata.category(character)
        assert character == " " or category[0] in "LNPS", (hex(ord(character)), category)


# -- parts of a brief: --focus and --section --------------------------------------------------

SECTIONED = """\
# Plan

[Plan]: We should adopt the plan. #thesis

# Contention 1: Economy

[Growth]: The plan grows the economy.
  +> [Plan]
  + [Study]: A study shows growth. #evidence {cite: "Doe 2019", url: "https://x.org"}

# Contention 2: Deterrence

[Deter]: The plan deters aggression.
  +> [Plan]
  - [Presence]: Presence is enough already.

[Lonely]: Nothing relates to this.
"""


def run_brief(brief: str, args: list[str], width: int = 100) -> tuple[int, str, str]:
    env = {"COLUMNS": str(width), "NO_COLOR": "1"}
    result = CliRunner().invoke(main, [*args, "-"], input=brief, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_show_focus_starts_at_the_focus_and_does_not_call_it_a_thesis() -> None:
    _, out, _ = run_brief(SECTIONED, ["show", "--focus", "Deter"])
    assert out.splitlines()[:4] == [
        "FOCUS ",
        "✗ [Deter] The plan deters aggression.",
        "⚠ unsupported-claim: nothing supports [Deter], and it is not evidence",
        "└── - ✗ [Presence] Presence is enough already.",
    ]
    assert "THESIS" not in out
    # Focused on the thesis itself, it is the thesis.
    _, out, _ = run_brief(SECTIONED, ["show", "--focus", "Plan"])
    assert out.splitlines()[:2] == ["THESIS ", "✓ [Plan] We should adopt the plan. #thesis"]
    assert "FOCUS" not in out


def test_flow_focus_starts_at_the_focus() -> None:
    _, out, _ = run_brief(SECTIONED, ["flow", "--ascii", "--focus", "Deter"], 120)
    assert "| (out) [Deter] The plan deters aggression." in out
    assert "| (out) [Presence] Presence is enough already." in out
    # Nothing answers [Presence]: the other side concedes it.
    assert "dropped (conceded)" in out
    assert "[Plan]" not in out


def test_show_section_says_which_nodes_reach_a_thesis_outside_it() -> None:
    _, out, _ = run_brief(SECTIONED, ["show", "--section", "Contention 2: Deterrence"])
    lines = out.splitlines()
    # [Deter] supports the thesis, which is in another section: connected, not shown.
    assert lines[0] == "Connected to a thesis through nodes outside this selection (2):"
    assert lines[1] == "✗ [Deter] The plan deters aggression."
    assert "Not connected to a thesis (1):" in lines
    assert lines[lines.index("Not connected to a thesis (1):") + 1] == (
        "✗ [Lonely] Nothing relates to this."
    )
    assert "THESIS" not in out


def test_show_whole_brief_lists_only_unconnected_nodes_as_not_connected() -> None:
    _, out, _ = run_brief(SECTIONED, ["show"])
    assert "Not connected to a thesis (1):" in out.splitlines()
    assert "outside this selection" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--focus", "presence"],
            "no statement or argument titled 'presence'; did you mean [Presence]? "
            "(it differs only in case)",
        ),
        (
            ["--focus", "Presense"],
            "no statement or argument titled 'Presense'; did you mean [Presence]?",
        ),
        (
            ["--focus", "<Presence>"],
            "no statement or argument titled '<Presence>'; did you mean [Presence]?",
        ),
        (
            ["--section", "Contention 3"],
            "no section titled 'Contention 3'; the sections are 'Plan', "
            "'Contention 1: Economy', 'Contention 2: Deterrence'",
        ),
        (
            ["--section", "contention"],
            "section 'contention' could be any of 'Contention 1: Economy', "
            "'Contention 2: Deterrence'",
        ),
    ],
)
def test_a_wrong_name_gets_help(args: list[str], message: str) -> None:
    code, out, err = run_brief(SECTIONED, ["show", *args])
    assert code != 0
    assert out == ""
    assert err == f"argmap: error: <stdin>: {message}\n"


@pytest.mark.parametrize("name", ["Contention 2", "contention 2: deterrence", "CONTENTION 2"])
def test_section_by_the_start_of_its_title_or_in_any_case(name: str) -> None:
    code, out, err = run_brief(SECTIONED, ["show", "--section", name])
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == "✗ [Deter] The plan deters aggression."
    assert "[Growth]" not in out


# -- ASCII: every character, and verdicts that are not relation symbols ------------------------


@pytest.mark.parametrize("command", ["flow", "show"])
@pytest.mark.parametrize("width", [40, 160])
def test_ascii_output_is_ascii(command: str, width: int) -> None:
    assert SECTIONED.isascii()
    _, out, _ = run_brief(SECTIONED, [command, "--ascii"], width)
    assert [c for c in out if ord(c) >= 128] == []
    # Verdicts are words: + - _ >< are the relations.
    assert "(in) [Plan]" in out
    assert "(out) [Deter]" in out
    for symbol in ("+ [", "- [", "_ [", "> ["):
        assert symbol not in out


def test_flow_ascii_on_the_seed_brief_draws_no_box_characters() -> None:
    _, out, _ = run(["flow", "--ascii", str(SEED)], 160)
    box_drawing = [c for c in out if "\u2500" <= c <= "\u257f"]
    assert box_drawing == []
    assert out.startswith("+---")
    assert "(in) [Trilateral Repair]" in out


# -- size: a huge COLUMNS does not make huge output --------------------------------------------


@pytest.mark.parametrize("command", ["flow", "show"])
def test_output_is_at_most_a_thousand_columns_wide(command: str) -> None:
    _, out, _ = run([command, str(SEED)], 1_000_000)
    widths = [len(line) for line in out.splitlines()]
    assert max(widths) <= 1000
    assert len(out) < 200_000


@pytest.mark.parametrize(
    ("columns", "expected"),
    [("120", 120), ("1000000", 1000), ("0", 80), ("-3", 80), ("wide", 80), ("", 80)],
)
def test_terminal_width(columns: str, expected: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.views.text import terminal_width

    monkeypatch.setenv("COLUMNS", columns)
    # Output is not a terminal under pytest: without a usable COLUMNS, 80.
    assert terminal_width() == expected


def test_stats_json_gives_each_cards_words_and_read_time() -> None:
    brief = (
        "[T]: Thesis. #thesis\n"
        '  + [Humpert]: ++Traffic ==grew by half==++ on the route last year. #card {cite: "H 24"}\n'
        '  + [Doe]: Ice melts. #card {cite: "Doe 20"}\n'
    )
    result = CliRunner().invoke(
        main, ["stats", "--format", "json", "--wpm", "120", "-"], input=brief
    )
    stats = json.loads(result.stdout)
    assert stats["words_per_minute"] == 120
    # 3 highlighted words of 9 at 120 a minute: 1.5 s; 2 words, none highlighted: 1 s.
    assert stats["cards"] == [
        {"title": "Humpert", "words": 9, "read_words": 3, "highlighted": True, "read_seconds": 1.5},
        {"title": "Doe", "words": 2, "read_words": 2, "highlighted": False, "read_seconds": 1.0},
    ]
