"""Briefs that are broken, odd or hostile: each is read without a traceback, every problem
is reported at file:line:column, and the exit code is the documented one (0 clean, 1
findings at error level, 2 a file that cannot be read at all).

The structure of what was read is checked through the library (``argmap.load``); exit
codes and messages through the command line (click's CliRunner).
"""

from __future__ import annotations

import errno
import json
import os
import re
import resource
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.exporters.json import dumps
from argmap.loader import BriefError, read_brief
from argmap.model import ArgumentMap
from tests.cli_runner import assert_no_traceback, run

ROOT = Path(__file__).resolve().parents[1]

# The rules about the text itself (the parser, the front matter, the encoding, invisible
# characters); the other rules judge the argument and are left to their own tests.
READING_RULES = ("syntax-error", "front-matter", "encoding", "hidden-characters")
READER_RULES = ("syntax-error", "front-matter", "encoding")  # found while reading

# A claim resting on cited evidence: nothing for the argument rules to report as an error.
CARD = '#evidence {cite: "Doe 2019"}'
CARD_TEXT = "#evidence"  # what stays of it in the text (tags do, as in Argdown)


def ids(amap: ArgumentMap) -> set[str]:
    return {node.id for node in amap.nodes}


def relations(amap: ArgumentMap) -> set[tuple[str, str, str]]:
    return {(edge.source, edge.relation, edge.target) for edge in amap.edges}


# -- the table ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A brief's bytes; the exit code of ``argmap check``; the reading diagnostics it must
    give, exactly, as (rule, line, column, a piece of the message); and a check of what the
    library read."""

    content: bytes | Callable[[Path], bytes]
    exit_code: int
    located: tuple[tuple[str, int, int, str], ...] = ()
    structure: Callable[[ArgumentMap, Path], None] | None = None
    no_findings: bool = False  # not a single diagnostic, of any rule
    show: bool = True  # `argmap show` too (see test_show_* below for deep briefs)


def _latin1() -> tuple[bytes, tuple[tuple[str, int, int, str], ...]]:
    text = f"[Café]: crème brûlée.\n  + [Goût]: très bon. {CARD}\n"
    data = text.encode("latin-1")
    located = []
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        for column, char in enumerate(line, start=1):
            if ord(char) > 127:
                located.append(
                    (
                        "encoding",
                        number,
                        column,
                        f"invalid UTF-8 byte 0x{ord(char):02x} at byte offset {offset}",
                    )
                )
            offset += 1
    return data, tuple(located)


LATIN1, LATIN1_LOCATED = _latin1()
assert len(LATIN1_LOCATED) == 6

ONE_MB_WORDS = "word " * 200_000
ONE_MB_BAD_DATA = "[A]: " + "x" * 1_000_000 + " {x: [1}\n"


def _deep(depth: int) -> bytes:
    """A chain of supports, each line indented one more space than the one before."""
    lines = ["[N0]: The root."]
    lines += [" " * i + f"+ [N{i}]: Step {i}." for i in range(1, depth)]
    lines.append(" " * depth + f"+ [N{depth}]: The card at the bottom. {CARD}")
    return ("\n".join(lines) + "\n").encode()


def _python_tag(tmp_path: Path) -> bytes:
    marker = tmp_path / "pwned"
    return (
        f'[A]: a {{x: !!python/object/apply:os.system ["touch {marker}"]}}\n\n'
        f"[B]: b {{y: !!python/name:os.system }}\n\n"
        f"[C]: c {{z: !!python/object:argmap.model.Node {{id: x}}}}\n\n"
        f"[D]: d {CARD}\n"
    ).encode()


def _structure_python_tag(amap: ArgumentMap, tmp_path: Path) -> None:
    assert not (tmp_path / "pwned").exists(), "YAML ran os.system"
    assert ids(amap) == {"statement:A", "statement:B", "statement:C", "statement:D"}
    for title in "ABC":
        assert amap.node(f"statement:{title}").data == {}
    assert amap.node("statement:D").data == {"cite": "Doe 2019"}


def _structure_bad_data(amap: ArgumentMap, _: Path) -> None:
    assert ids(amap) == {"statement:A", "statement:B", "statement:C", "statement:D"}
    assert amap.node("statement:A").data == {}
    assert amap.node("statement:B").text == f"b {CARD_TEXT}"
    assert relations(amap) == {("statement:D", "support", "statement:C")}


def _structure_crlf(amap: ArgumentMap, _: Path) -> None:
    lf = argmap.loads(f"[A]: a\n  + [B]: b {CARD}\n\n[C]: c\n  + [B]\n")
    assert [(n.id, n.text) for n in amap.nodes] == [(n.id, n.text) for n in lf.nodes]
    assert relations(amap) == relations(lf)
    assert [s.span.line for s in amap.node("statement:B").occurrences] == [2, 5]
    assert all("\r" not in (node.text or "") for node in amap.nodes)


def _structure_lone_cr(amap: ArgumentMap, _: Path) -> None:
    assert relations(amap) == {
        ("statement:B", "support", "statement:A"),
        ("statement:C", "attack", "statement:A"),
        ("statement:E", "attack", "statement:C"),
    }
    assert "statement:D" not in amap
    assert amap.node("statement:C").span.line == 3
    assert amap.node("statement:E").span.line == 4
    assert all("\r" not in (node.text or "") for node in amap.nodes)


def _structure_deep(depth: int) -> Callable[[ArgumentMap, Path], None]:
    def check(amap: ArgumentMap, _: Path) -> None:
        assert len(amap.nodes) == depth + 1
        assert len(amap.edges) == depth
        assert relations(amap) == {
            (f"statement:N{i}", "support", f"statement:N{i - 1}") for i in range(1, depth + 1)
        }
        last = amap.node(f"statement:N{depth}")
        assert (last.span.line, last.span.column) == (depth + 1, depth + 3)

    return check


def _structure_titles(amap: ArgumentMap, _: Path) -> None:
    assert ids(amap) == {
        "statement:a]b",
        'statement:say "hi" \\o/',
        "argument:x>y",
        "statement:'single' C:\\path",
    }
    assert relations(amap) == {
        ('statement:say "hi" \\o/', "support", "statement:a]b"),
        ("statement:'single' C:\\path", "support", "argument:x>y"),
    }
    exported = json.loads(dumps(amap))
    assert {node["title"] for node in exported["nodes"]} == {
        "a]b",
        'say "hi" \\o/',
        "x>y",
        "'single' C:\\path",
    }


CASES = {
    "empty-file": Case(b"", 0, no_findings=True, structure=lambda amap, _: _assert_empty(amap)),
    "only-comments": Case(
        b"// a line comment\n/* a block\n   comment */\n\n<!-- an html\ncomment -->\n",
        0,
        no_findings=True,
        structure=lambda amap, _: _assert_empty(amap),
    ),
    "only-blank-lines": Case(
        b"\n\n  \n\t\n", 0, no_findings=True, structure=lambda amap, _: _assert_empty(amap)
    ),
    "relation-at-column-0": Case(
        f"[A]: a\n  + [B]: b {CARD}\n+ [C]: c\n".encode(),
        1,
        (("syntax-error", 3, 1, "relation '+' at the start of a line"),),
        lambda amap, _: _assert_relations(amap, {("statement:B", "support", "statement:A")}),
    ),
    "relation-after-blank-line": Case(
        f"[A]: a {CARD}\n\n  + [B]: b\n".encode(),
        1,
        (("syntax-error", 3, 1, "relation '+' after a blank line"),),
        lambda amap, _: _assert_relations(amap, set()),
    ),
    "missing-blank-line": Case(
        f"[A]: a {CARD}\n[B]: b\n".encode(),
        1,
        (("syntax-error", 2, 1, "missing blank line"),),
        lambda amap, _: _assert_ids(amap, {"statement:A"}),
    ),
    "missing-blank-line-after-relations": Case(
        f"[A]: a\n  + [B]: b {CARD}\n[C]: c\n".encode(),
        1,
        (("syntax-error", 3, 1, "missing blank line"),),
        lambda amap, _: _assert_ids(amap, {"statement:A", "statement:B"}),
    ),
    "invalid-yaml-data": Case(
        f"[A]: a {{x: [1, 2}}\n\n[B]: b {CARD}\n\n[C]: c\n  + [D]: d {CARD}\n".encode(),
        1,
        (("syntax-error", 1, 17, "data: invalid YAML"),),
        _structure_bad_data,
    ),
    "data-not-a-mapping": Case(
        # Block YAML (a line break after "{") holding a list; located at that line break.
        f"[A]: a {{\n- 1\n- 2\n}}\n\n[B]: b {CARD}\n".encode(),
        1,
        (("syntax-error", 1, 9, "data must be a mapping of keys to values, not a list"),),
        lambda amap, _: _assert_ids(amap, {"statement:A", "statement:B"}),
    ),
    "invalid-front-matter": Case(
        f"===\ntitle: [x\n===\n\n[A]: a {CARD}\n".encode(),
        1,
        (("syntax-error", 2, 10, "front matter: invalid YAML"),),
        lambda amap, _: _assert_title(amap, None, {"statement:A"}),
    ),
    "front-matter-is-a-list": Case(
        f"===\n- a\n- b\n===\n\n[A]: a {CARD}\n".encode(),
        1,
        # At the start of the YAML body: the line break right after the opening ===.
        (("syntax-error", 1, 4, "front matter must be a mapping of keys to values, not a list"),),
        lambda amap, _: _assert_title(amap, None, {"statement:A"}),
    ),
    "front-matter-names-no-node": Case(
        f"===\ntitle: T\nthesis: Nowhere\n===\n\n[A]: a {CARD}\n".encode(),
        1,
        (("front-matter", 1, 1, "'Nowhere'"),),
        lambda amap, _: _assert_title(amap, "T", {"statement:A"}),
    ),
    "python-yaml-tags": Case(
        _python_tag,
        1,
        (
            ("syntax-error", 1, 12, "data: invalid YAML"),
            ("syntax-error", 3, 12, "data: invalid YAML"),
            ("syntax-error", 5, 12, "data: invalid YAML"),
        ),
        _structure_python_tag,
    ),
    "unterminated-block-comment": Case(
        f"[A]: a {CARD}\n\n/* never closed\n[B]: b\n".encode(),
        1,
        (("syntax-error", 3, 1, "unterminated comment"),),
        lambda amap, _: _assert_ids(amap, {"statement:A"}),
    ),
    "unterminated-html-comment": Case(
        f"[A]: a {CARD}\n\n<!-- never closed\n[B]: b\n".encode(),
        1,
        (("syntax-error", 3, 1, "unterminated comment"),),
        lambda amap, _: _assert_ids(amap, {"statement:A"}),
    ),
    "invalid-utf8": Case(
        f"[A]: ok\n  + [B]: caf\xe9 au lait {CARD}\n".encode("latin-1"),
        1,
        (("encoding", 2, 13, "invalid UTF-8 byte 0xe9 at byte offset 20"),),
        lambda amap, _: _assert_text(amap, "statement:B", f"caf\ufffd au lait {CARD_TEXT}"),
    ),
    "invalid-utf8-after-multibyte-characters": Case(
        # Columns count characters, the offset counts bytes: é and € are 2 and 3 bytes.
        b"[\xc3\xa9t\xc3\xa9]: \xe2\x82\xac \xff\n",
        1,
        (("encoding", 1, 10, "invalid UTF-8 byte 0xff at byte offset 13"),),
        lambda amap, _: _assert_text(amap, "statement:été", "€ \ufffd"),
    ),
    "truncated-utf8-sequence": Case(
        b"[A]: a \xe2\x82\n",
        1,
        (("encoding", 1, 8, "invalid UTF-8 byte 0xe2 at byte offset 7"),),
        lambda amap, _: _assert_ids(amap, {"statement:A"}),
    ),
    "latin-1-file": Case(
        LATIN1,
        1,
        LATIN1_LOCATED,
        lambda amap, _: _assert_relations(
            amap, {("statement:Go\ufffdt", "support", "statement:Caf\ufffd")}
        ),
    ),
    "binary-garbage": Case(
        b"\xff" * 50,
        1,
        (
            *[
                ("encoding", 1, i + 1, f"invalid UTF-8 byte 0xff at byte offset {i}")
                for i in range(10)
            ],
            ("encoding", 1, 10, "40 more invalid UTF-8 bytes not shown"),
        ),
    ),
    "utf16-le-with-bom": Case(
        f"[A]: a {CARD}\n".encode("utf-16"),
        1,
        (("encoding", 1, 1, "the brief is UTF-16; save it as UTF-8"),),
        lambda amap, _: _assert_empty(amap, diagnostics=1),
    ),
    "utf16-be-with-bom": Case(
        f"\ufeff[A]: a {CARD}\n".encode("utf-16-be"),
        1,
        (("encoding", 1, 1, "the brief is UTF-16; save it as UTF-8"),),
        lambda amap, _: _assert_empty(amap, diagnostics=1),
    ),
    "utf8-with-bom": Case(
        f"\ufeff[A]: a\n  + [B]: b {CARD}\n".encode(),
        0,
        structure=lambda amap, _: _assert_position(amap, "statement:A", 1, 1),
    ),
    "utf8-bom-then-invalid-byte": Case(
        # Columns do not count the BOM (editors do not show it); the byte offset does.
        b"\xef\xbb\xbf[A]: caf\xe9\n",
        1,
        (("encoding", 1, 9, "invalid UTF-8 byte 0xe9 at byte offset 11"),),
    ),
    "crlf-line-endings": Case(
        f"[A]: a\r\n  + [B]: b {CARD}\r\n\r\n[C]: c\r\n  + [B]\r\n".encode(),
        0,
        structure=_structure_crlf,
    ),
    "crlf-with-an-error": Case(
        f"[A]: a {CARD}\r\n\r\n[B]: b {CARD}\r\n[C]: c\r\n".encode(),
        1,
        (("syntax-error", 4, 1, "missing blank line"),),
    ),
    "lone-cr-line-endings": Case(
        # Lines end at a lone CR too; argmap (like Argdown) has no blank line made of CRs,
        # so [D] starts a new block without one.
        f"[A]: a\r  + [B]: b {CARD}\r  - [C]: c\r    - [E]: e {CARD}\r[D]: d\r".encode(),
        1,
        (("syntax-error", 5, 1, "missing blank line"),),
        _structure_lone_cr,
    ),
    "nul-bytes": Case(
        # Read as text (and kept), but reported: an invisible character.
        f"[A]: a\x00b\n  + [B]: c\x00d {CARD}\n".encode(),
        1,
        (
            ("hidden-characters", 1, 7, "U+0000"),
            ("hidden-characters", 2, 11, "U+0000"),
        ),
        lambda amap, _: _assert_text(amap, "statement:A", "a\x00b"),
    ),
    "titles-with-brackets-quotes-backslashes": Case(
        (
            "[a]b]: Title with a bracket.\n"
            f'  + [say "hi" \\o/]: Quotes and a backslash. {CARD}\n\n'
            "<x>y>: An argument with a greater-than sign.\n"
            f"  + ['single' C:\\path]: Single quotes and a path. {CARD}\n"
        ).encode(),
        0,
        structure=_structure_titles,
    ),
    "one-megabyte-line": Case(
        f"[A]: {ONE_MB_WORDS}{CARD}\n".encode(),
        0,
        structure=lambda amap, _: _assert_text(amap, "statement:A", ONE_MB_WORDS + CARD_TEXT),
    ),
    "one-megabyte-line-with-an-error-at-its-end": Case(
        ONE_MB_BAD_DATA.encode(),
        1,
        (("syntax-error", 1, ONE_MB_BAD_DATA.index("}") + 1, "data: invalid YAML"),),
    ),
    "5000-deep-indentation": Case(_deep(5000), 0, structure=_structure_deep(5000), show=False),
}


def _assert_empty(amap: ArgumentMap, diagnostics: int = 0) -> None:
    assert amap.nodes == []
    assert amap.edges == []
    assert len(amap.diagnostics) == diagnostics


def _assert_ids(amap: ArgumentMap, expected: set[str]) -> None:
    assert ids(amap) == expected


def _assert_relations(amap: ArgumentMap, expected: set[tuple[str, str, str]]) -> None:
    assert relations(amap) == expected
    for source, _, target in expected:
        assert amap.node(source).is_defined
        assert amap.node(target).is_defined


def _assert_title(amap: ArgumentMap, title: str | None, expected: set[str]) -> None:
    assert amap.title == title
    assert ids(amap) == expected


def _assert_text(amap: ArgumentMap, node_id: str, text: str) -> None:
    assert amap.node(node_id).text == text


def _assert_position(amap: ArgumentMap, node_id: str, line: int, column: int) -> None:
    span = amap.node(node_id).span
    assert (span.line, span.column) == (line, column)


def _params() -> list[Any]:
    return [pytest.param(case, id=name) for name, case in CASES.items()]


PARSABLE = re.compile(
    r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info) "
    r"(?P<code>AM\d{3}) (?P<message>.+) \((?P<rule>[a-z0-9-]+)\)$"
)


def _assert_located(
    found: list[tuple[str, int, int, str]], expected: tuple[tuple[str, int, int, str], ...]
) -> None:
    """Each expected (rule, line, column, piece) matches one found diagnostic, and no
    reading diagnostic is left over."""
    left = list(found)
    for rule, line, column, piece in expected:
        for index, (f_rule, f_line, f_column, message) in enumerate(left):
            if (f_rule, f_line, f_column) == (rule, line, column) and piece in message:
                del left[index]
                break
        else:
            raise AssertionError(f"no {rule} at {line}:{column} saying {piece!r} in {found}")
    assert left == [], f"unexpected: {left}"


def _write(tmp_path: Path, case: Case) -> Path:
    path = tmp_path / "brief.argdown"
    content = case.content(tmp_path) if callable(case.content) else case.content
    path.write_bytes(content)
    return path


def _reading(diagnostics: list[Any]) -> list[Any]:
    return [d for d in diagnostics if d.rule in READING_RULES]


@pytest.mark.parametrize("case", _params())
def test_library_reads_what_it_can_and_locates_the_rest(case: Case, tmp_path: Path) -> None:
    path = _write(tmp_path, case)
    amap = argmap.load(path)
    found = [(d.rule, d.span.line, d.span.column, d.message) for d in _reading(argmap.check(amap))]
    _assert_located(found, case.located)
    for diagnostic in amap.diagnostics:
        assert diagnostic.span.file == str(path)
        assert diagnostic.span.line >= 1
        assert diagnostic.span.column >= 1
    if case.structure is not None:
        case.structure(amap, tmp_path)
    # Whatever was read can be exported.
    json.loads(dumps(amap))


@pytest.mark.parametrize("case", _params())
def test_check_exit_code_and_located_messages(case: Case, tmp_path: Path) -> None:
    path = _write(tmp_path, case)
    result = run(["check", "--format", "parsable", str(path)])
    assert_no_traceback(result)
    assert result.exit_code == case.exit_code, result.stdout
    lines = result.stdout.splitlines()
    found = []
    for line in lines:
        match = PARSABLE.match(line)
        assert match, line
        if match["rule"] in READING_RULES:
            assert match["file"] == str(path)
            assert match["severity"] == "error"
            assert re.fullmatch(r"AM\d{3}", match["code"])
            found.append((match["rule"], int(match["line"]), int(match["column"]), line))
    _assert_located(found, case.located)
    located = [(row[1], row[2]) for row in found]
    assert located == sorted(located)
    if case.no_findings:
        assert lines == []
        as_json = run(["check", "--format", "json", str(path)])
        assert json.loads(as_json.stdout)["diagnostics"] == []


@pytest.mark.parametrize("case", _params())
def test_pretty_check_show_and_export_never_trace_back(case: Case, tmp_path: Path) -> None:
    path = _write(tmp_path, case)
    pretty = run(["check", "--no-color", str(path)])
    assert_no_traceback(pretty)
    assert pretty.exit_code == case.exit_code
    for _, number, column, _ in case.located:
        assert f"{path}:{number}:{column}: error" in pretty.stdout
    if case.show:
        show = run(["show", "--no-color", str(path)])
        assert_no_traceback(show)
        assert show.exit_code in (0, 1)
        # show reports the reader's own findings on stderr (rules appear in the tree).
        for rule, number, column, _ in case.located:
            if rule in READER_RULES:
                assert f"{path}:{number}:{column}: error" in show.stderr
    exported = run(["export", str(path)])
    assert_no_traceback(exported)
    assert exported.exit_code in (0, 1)
    json.loads(exported.stdout)


# -- files that cannot be read: exit 2 -------------------------------------------------------


def _missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    return tmp_path / "missing.argdown", "no such file"


def _directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    folder = tmp_path / "folder.argdown"
    folder.mkdir()
    return folder, "is a directory, not a brief"


def _simulated(error: OSError, message: str) -> Callable[..., tuple[Path, str]]:
    """A file whose reading fails with ``error``. (A chmod-000 file would not do: the tests
    also run as root, which reads it anyway.)"""

    def make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
        path = tmp_path / "unreadable.argdown"
        path.write_text("[A]: a\n", "utf-8")
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self == path:
                raise error
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
        return path, message

    return make


UNREADABLE = {
    "missing-file": _missing,
    "a-directory": _directory,
    "permission-denied-simulated": _simulated(
        PermissionError(errno.EACCES, "Permission denied"), "permission denied"
    ),
    "io-error-simulated": _simulated(
        OSError(errno.EIO, "Input/output error"), "cannot read: Input/output error"
    ),
}


@pytest.fixture(params=list(UNREADABLE), ids=list(UNREADABLE))
def unreadable(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, str]]:
    made: tuple[Path, str] = UNREADABLE[request.param](tmp_path, monkeypatch)
    yield made
    for folder in (tmp_path / "locked",):  # let pytest clean up
        if folder.exists():
            folder.chmod(0o755)
    path = made[0]
    if path.exists() and path.is_file():
        path.chmod(0o644)


def test_library_raises_brief_error_for_unreadable(unreadable: tuple[Path, str]) -> None:
    path, message = unreadable
    with pytest.raises(BriefError) as raised:
        argmap.load(path)
    assert str(raised.value) == f"{path}: {message}"
    assert isinstance(raised.value, OSError)
    with pytest.raises(BriefError):
        read_brief(str(path))


@pytest.mark.parametrize(
    "command",
    [["check"], ["check", "--format", "json"], ["show"], ["export"]],
    ids=["check", "check-json", "show", "export"],
)
def test_cli_exits_2_for_unreadable(unreadable: tuple[Path, str], command: list[str]) -> None:
    path, message = unreadable
    result = run([*command, str(path)])
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"argmap: error: {path}: {message}\n"


def test_check_exits_2_when_one_of_several_briefs_is_missing(tmp_path: Path) -> None:
    good = tmp_path / "good.argdown"
    good.write_text(f"[A]: a {CARD}\n", "utf-8")
    missing = tmp_path / "missing.argdown"
    result = run(["check", str(good), str(missing)])
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert f"argmap: error: {missing}: no such file" in result.stderr


# -- sizes -------------------------------------------------------------------------------------


def test_100000_long_chain_of_references() -> None:
    """[N0] is supported by [N1], [N1] by [N2], …: each link in its own block."""
    n = 100_000
    blocks = ["[N0]: The start.\n  + [N1]"]
    blocks += [f"[N{i}]\n  + [N{i + 1}]" for i in range(1, n)]
    amap = argmap.loads("\n\n".join(blocks) + f"\n\n[N{n}]: The end. {CARD}\n")
    assert amap.diagnostics == []
    assert len(amap) == n + 1
    assert len(amap.edges) == n
    edges = relations(amap)
    assert ("statement:N1", "support", "statement:N0") in edges
    assert (f"statement:N{n}", "support", f"statement:N{n - 1}") in edges
    assert len({edge.source for edge in amap.edges}) == n
    last = amap.node(f"statement:N{n}")
    assert last.text == f"The end. {CARD_TEXT}"
    assert last.span.line == 3 * n + 1


def test_deep_nesting_does_not_use_the_stack() -> None:
    """With a small recursion limit, 5,000 levels still read: no recursion anywhere."""
    text = _deep(5000).decode()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)
    try:
        amap = argmap.loads(text)
    finally:
        sys.setrecursionlimit(limit)
    assert len(amap) == 5001


def test_byte_offset_counts_the_bom(tmp_path: Path) -> None:
    """The offset is into the file: the 3 bytes of a UTF-8 BOM count (columns do not)."""
    path = tmp_path / "bom.argdown"
    path.write_bytes(b"\xef\xbb\xbf[A]: caf\xe9\n")
    assert path.read_bytes().index(b"\xe9") == 11
    [diagnostic] = _reading(argmap.load(path).diagnostics)
    assert (diagnostic.span.line, diagnostic.span.column) == (1, 9)
    assert "at byte offset 11" in diagnostic.message


# -- hostile data ------------------------------------------------------------------------------


def test_terminal_escapes_in_a_brief_never_reach_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "escapes.argdown"
    path.write_bytes(
        b"[Claim]: a \x1b[31mred\x1b[0m word, a title \x1b]0;pwned\x07 and a bell \x07.\n"
        b'  + [Card \x1b[2J]: evidence \x1b[1A. #evidence {cite: "x \x1b[2J"}\n'
        b"\n[Broken]: \x1b[31m\n"
    )
    for args in (
        ["check", "--no-color"],
        ["check", "--format", "parsable"],
        ["show", "--no-color"],
    ):
        result = run([*args, str(path)])
        assert_no_traceback(result)
        for control in ("\x1b", "\x07"):
            assert control not in result.stdout, args
            assert control not in result.stderr, args


@pytest.mark.parametrize("depth", [600, 998])
def test_deeply_nested_data_is_read_or_reported(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep-data.argdown"
    path.write_text("[A]: a {x: " + "[" * depth + "]" * depth + "}\n", "utf-8")
    for command in (["check", "--format", "parsable"], ["export"]):
        result = run([*command, str(path)])
        assert_no_traceback(result)
        assert result.exit_code in (0, 1)
        if command[0] == "export":
            json.loads(result.stdout)
        else:
            # Read as data (nothing from the reader) or reported where the data is.
            for line in result.stdout.splitlines():
                if " AM0" in line:
                    assert re.match(rf"{re.escape(str(path))}:1:\d+: error AM0", line), line


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    limit = 512 << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_recursive_yaml_alias_terminates(tmp_path: Path) -> None:
    path = tmp_path / "alias.argdown"
    path.write_text(f"[A]: a {{x: &a [*a]}}\n\n[B]: b {CARD}\n", "utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "check", "--format", "parsable", str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=30,
            preexec_fn=_limit_memory,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError("argmap check did not finish in 30 s") from None
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode in (0, 1)


# -- show on deep briefs -----------------------------------------------------------------------


def _thesis_chain(tmp_path: Path, depth: int) -> Path:
    """A thesis at the top of a chain of supports ``depth`` levels deep, grounded in a card."""
    lines = ["[N0]: The thesis. #thesis"]
    lines += [" " * i + f"+ [N{i}]: Step {i}." for i in range(1, depth)]
    lines.append(" " * depth + f"+ [N{depth}]: The card. {CARD}")
    path = tmp_path / "chain.argdown"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_show_deep_chain_hides_the_deepest_levels(tmp_path: Path) -> None:
    path = _thesis_chain(tmp_path, 60)
    result = run(["show", "--no-color", str(path)])
    assert_no_traceback(result)
    assert result.exit_code == 0
    assert "[N0] The thesis." in result.stdout
    # COLUMNS=200: the tree is cut at depth (200 - 30) // 4 = 42 and says how much is hidden.
    assert "[N42] Step 42." in result.stdout
    assert re.search(r"… 18 (more nodes )?deeper", result.stdout)


def test_show_does_not_call_hidden_deep_nodes_unconnected(tmp_path: Path) -> None:
    path = _thesis_chain(tmp_path, 60)
    result = run(["show", "--no-color", str(path)])
    assert result.exit_code == 0
    assert "Not connected to a thesis" not in result.stdout


def test_show_suggests_only_options_it_has(tmp_path: Path) -> None:
    path = _thesis_chain(tmp_path, 60)
    result = run(["show", "--no-color", str(path)])
    assert result.exit_code == 0
    options = run(["show", "--help"]).stdout
    for option in re.findall(r"(--[a-z][a-z-]*)", result.stdout):
        assert option in options, f"show suggests {option}, which it does not have"


def test_show_work_grows_linearly_with_depth(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counts the expansions of a node (calls of ArgumentMap.incoming): a tree of n nodes
    needs about n, plus n more to count what is hidden."""
    from argmap.model import ArgumentMap as Map

    calls = 0
    real = Map.incoming

    def counting(self: ArgumentMap, node_id: str) -> Any:
        nonlocal calls
        calls += 1
        return real(self, node_id)

    monkeypatch.setattr(Map, "incoming", counting)
    depth = 600
    result = run(["show", "--no-color", str(_thesis_chain(tmp_path, depth))])
    assert_no_traceback(result)
    assert result.exit_code == 0
    assert calls > 0
    assert calls <= 3 * (depth + 1), f"{calls} expansions for {depth + 1} nodes"
