"""Hidden characters are shown visibly wherever findings are displayed: in messages, in
echoed source lines and in file names (escape sequences never reach the terminal, and a
parsable finding is always one line)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from argmap.diagnostics import Diagnostic, Severity
from argmap.source import SourceText, Span
from argmap.views.diagnostics import github_line, parsable_line, render_plain, render_pretty
from argmap.visible import show_hidden, visible
from tests.cli_runner import assert_no_traceback, run


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text", "plain text"),
        ("Japan–ROK “ties”, 한국, عربي, café", "Japan–ROK “ties”, 한국, عربي, café"),
        ("Rescue\u200b", "Rescue<U+200B>"),
        ("a\u202eb\u2066c", "a<U+202E>b<U+2066>c"),
        ("soft\u00adhyphen", "soft<U+00AD>hyphen"),
        ("tab\there", "tab→here"),
        ("two\nlines\r\n", "two<U+000A>lines<U+000D><U+000A>"),
        ("\x1b]0;owned\x07\x1b[2J", "<U+001B>]0;owned<U+0007><U+001B>[2J"),
        ("line\u2028separator", "line<U+2028>separator"),
        ("tag\U000e0041", "tag<U+E0041>"),
        # A joiner inside an emoji is part of the picture; elsewhere it hides.
        ("\U0001f469\u200d\U0001f4bb", "\U0001f469\u200d\U0001f4bb"),
        ("a\u200db", "a<U+200D>b"),
    ],
)
def test_visible(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_show_hidden_keeps_the_lines_of_a_text() -> None:
    assert show_hidden("a\tb\u200b\nc\x07") == "a\tb<U+200B>\nc<U+0007>"


FILE = "evil\x1b]0;title\x07\x1b[2J\nname.argdown"
FILE_SHOWN = "evil<U+001B>]0;title<U+0007><U+001B>[2J<U+000A>name.argdown"


def diagnostic(message: str, line: int, column: int, end_column: int | None = None) -> Diagnostic:
    span = Span(FILE, line, column, line, column if end_column is None else end_column)
    return Diagnostic("AM101", "undefined-reference", Severity.ERROR, message, span)


MESSAGE = "[Rescue\u200b] is referenced but never defined; did you mean [Rescue]?"
MESSAGE_SHOWN = "[Rescue<U+200B>] is referenced but never defined; did you mean [Rescue]?"


def test_parsable_line_is_one_line_with_everything_shown() -> None:
    line = parsable_line(diagnostic(MESSAGE + "\nsecond line", 2, 5))
    assert line == (
        f"{FILE_SHOWN}:2:5: error AM101 {MESSAGE_SHOWN}<U+000A>second line (undefined-reference)"
    )


def test_github_line_shows_hidden_characters() -> None:
    line = github_line(diagnostic(MESSAGE, 2, 5))
    assert line == (
        f"::error file={FILE_SHOWN},line=2,col=5,endLine=2,endColumn=5,"
        f"title=AM101 undefined-reference::{MESSAGE_SHOWN}"
    )


SOURCE = "[Rescue]: r.\n\t+ [Rescue\u200b]\u202e x\n"


def test_plain_output_echoes_the_line_visibly_with_the_caret_under_the_column() -> None:
    out = io.StringIO()
    sources = {FILE: SourceText(SOURCE, FILE)}
    # The reference [Rescue\u200b] spans columns 4..12 of line 2 (the tab is column 1).
    render_plain(out, Console, [diagnostic(MESSAGE, 2, 4, 12)], sources)
    assert out.getvalue() == (
        f"{FILE_SHOWN}:2:4: error AM101 {MESSAGE_SHOWN} (undefined-reference)\n"
        "    2 | →+ [Rescue<U+200B>]<U+202E> x\n"
        # Under the 16 characters "[Rescue<U+200B>]".
        "           ^" + "~" * 15 + "\n"
    )


def test_caret_stands_under_a_column_after_hidden_characters() -> None:
    out = io.StringIO()
    sources = {FILE: SourceText(SOURCE, FILE)}
    # The U+202E at column 13 of line 2, then the x at column 15.
    render_plain(out, Console, [diagnostic("hidden", 2, 13), diagnostic("x", 2, 15)], sources)
    assert out.getvalue().splitlines()[1:3] == [
        "    2 | →+ [Rescue<U+200B>]<U+202E> x",
        "                           ^~~~~~~~",  # under the 8 characters "<U+202E>"
    ]
    assert out.getvalue().splitlines()[-1] == "                                    ^"


def test_pretty_output_in_colour_shows_the_same_text() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=200)
    sources = {FILE: SourceText(SOURCE, FILE)}
    render_pretty(console, [diagnostic(MESSAGE, 2, 4, 12)], sources)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    for raw in ("\x1b]0;", "\x1b[2J", "\x07", "\u200b", "\u202e", "\t"):
        assert raw not in out
    assert FILE_SHOWN in out
    assert MESSAGE_SHOWN in out
    assert "→+ [Rescue<U+200B>]<U+202E> x" in out


BRIEF = "[Rescue]: We send boats.\n\n[Plan]: A plan.\n  + [Rescue\u200b]\n"


def write_brief(tmp_path: Path) -> Path:
    path = tmp_path / "brief.argdown"
    path.write_text(BRIEF, encoding="utf-8")
    return path


def test_check_parsable_shows_the_hidden_character_of_a_suggestion(tmp_path: Path) -> None:
    path = write_brief(tmp_path)
    result = run(["check", "--format", "parsable", "--select", "undefined-reference", str(path)])
    assert_no_traceback(result)
    assert result.stdout == (
        f"{path}:4:5: error AM101 [Rescue<U+200B>] is referenced but never defined: no"
        " statement with this title has text; did you mean [Rescue]? (it differs only by a"
        " zero-width space U+200B) (undefined-reference)\n"
    )


def test_check_json_keeps_the_text_as_data(tmp_path: Path) -> None:
    path = write_brief(tmp_path)
    result = run(["check", "--format", "json", "--select", "undefined-reference", str(path)])
    assert_no_traceback(result)
    (found,) = json.loads(result.stdout)["diagnostics"]
    assert found["message"].startswith("[Rescue\u200b] is referenced but never defined")


def test_check_shows_a_hostile_file_name_visibly(tmp_path: Path) -> None:
    folder = tmp_path / "x\x1b]0;owned\x07\x1b[2J\nname"
    folder.mkdir()
    path = folder / "brief.argdown"
    path.write_text("[A]: a\u202e b.\n", encoding="utf-8")
    shown = f"{tmp_path}/x<U+001B>]0;owned<U+0007><U+001B>[2J<U+000A>name/brief.argdown"
    parsable = run(["check", "--format", "parsable", "--select", "hidden-characters", str(path)])
    assert_no_traceback(parsable)
    assert parsable.stdout == (
        f"{shown}:1:7: error AM106 hidden character U+202E RIGHT-TO-LEFT OVERRIDE: a"
        " bidirectional control that can reorder how the text displays; delete it unless it"
        " is meant (hidden-characters)\n"
    )
    pretty = run(["check", "--no-color", "--select", "hidden-characters", str(path)])
    assert_no_traceback(pretty)
    assert pretty.stdout.splitlines()[:3] == [
        parsable.stdout.rstrip("\n"),
        "    1 | [A]: a<U+202E> b.",
        "              ^" + "~" * 7,  # under the 8 characters "<U+202E>"
    ]
