"""The ``argmap`` command line: exit codes, where output goes, and what it says.

Exit codes: 0 clean, 1 findings at error level, 2 usage or I/O error. Results go to
stdout, problems to stderr.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest

import argmap
from argmap.cli import main
from tests.cli_runner import assert_no_traceback, run

ROOT = Path(__file__).resolve().parents[1]

BRIEFS = ROOT / "briefs"
SEED = BRIEFS / "japan-rok-trilateral.argdown"
SEED_TITLE = "Repairing Japan\u2013ROK relations through trilateral cooperation"
TOUR = BRIEFS / "language-tour.argdown"
ALL_BRIEFS = sorted(BRIEFS.glob("*.argdown"))

# A brief with one syntax error: a relation at column 0 on line 3. Apart from that it is
# sound (its claim rests on cited evidence), so the syntax error is its only error.
BROKEN = (
    "[A]: The first claim.\n"
    '  + [B]: Its support. #evidence {cite: "Doe 2019"}\n'
    "+ [C]: A relation at column 0.\n"
)
BROKEN_AT = (3, 1)

DIAGNOSTIC_KEYS = {"code", "rule", "severity", "message", "file", "line", "column", "node"}
NODE_KEYS = {"id", "title", "type", "kind", "text", "tags", "data", "section", "span"}
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
PARSABLE = re.compile(
    r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info) "
    r"(?P<code>AM\d{3}) (?P<message>.+) \((?P<rule>[a-z0-9-]+)\)$"
)


def label(title: str) -> str:
    """A regex for a node's label in `show`: an optional verdict mark, EVIDENCE, [title]."""
    return r"(?:[✓✗?] )?(?:EVIDENCE )?\[" + re.escape(title) + r"\]"


def parsable(stdout: str) -> list[dict[str, Any]]:
    rows = []
    for line in stdout.splitlines():
        match = PARSABLE.match(line)
        assert match, f"not a parsable diagnostic line: {line!r}"
        row: dict[str, Any] = match.groupdict()
        row["line"] = int(row["line"])
        row["column"] = int(row["column"])
        rows.append(row)
    return rows


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("FORCE_COLOR", None)
    return env


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -c CODE`` in a fresh process (what a new `argmap` process imports), with
    argmap importable and ``env`` added to the environment."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**subprocess_env(), **env},
        timeout=120,
        check=False,
    )


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.argdown"
    path.write_text(BROKEN, encoding="utf-8")
    return path


# -- --version and --help ----------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = run([flag])
    assert result.exit_code == 0
    assert result.stdout == f"argmap, version {argmap.__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", argmap.__version__)


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_every_command_and_the_exit_codes(flag: str) -> None:
    result = run([flag])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage:")
    for command in ("check", "show", "export"):
        assert re.search(rf"^\s+{command}\s+\S", result.stdout, re.M), command
    assert "Exit codes: 0 clean, 1 findings at error level, 2 usage or I/O error" in (
        " ".join(result.stdout.split())
    )


def test_no_command_shows_usage() -> None:
    result = run([])
    # click ≥ 8.2 exits 2 for a group called without a command; older versions 0.
    assert result.exit_code in (0, 2)
    assert "Usage:" in result.output
    assert "check" in result.output


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_and_option_has_help(command: str) -> None:
    cmd = main.commands[command]
    assert cmd.help, f"{command} has no help text"
    assert cmd.help.strip(), f"{command} has no help text"
    for param in cmd.params:
        if isinstance(param, click.Option):
            assert param.help, f"{command} {param.opts} has no help text"
    result = run([command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: argmap {command} ")
    first_line = cmd.help.strip().splitlines()[0]
    assert " ".join(first_line.split()) in " ".join(result.stdout.split())


def test_help_and_version_do_not_import_heavy_modules() -> None:
    """`argmap --help` and `--version` start fast: no networkx, YAML or rich."""
    code = (
        "import json, sys\n"
        "from argmap.cli import main\n"
        "loaded = {}\n"
        "for args in (['--version'], ['--help'], ['check', '--help']):\n"
        "    try:\n"
        "        main(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    loaded[' '.join(args)] = sorted(\n"
        "        m for m in ('networkx', 'yaml', 'rich') if m in sys.modules)\n"
        "print(json.dumps(loaded))\n"
    )
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == {"--version": [], "--help": [], "check --help": []}


def test_the_quick_help_is_clicks_help() -> None:
    """`argmap --help` is answered without click; it must say what click would say, 80
    columns wide. (A command's summary is cut to fit the line, and where click cuts it
    may change between click versions: those lines need only agree up to the cut.)"""
    from argmap.entry import HELP

    code = "from argmap.cli import main\nmain(['--help'], prog_name='argmap')\n"
    done = run_python(code, COLUMNS="80")
    assert done.returncode == 0, done.stderr
    ours, clicks = HELP.splitlines(), done.stdout.splitlines()
    hint = "paste click's help (see the comment above argmap/entry.py HELP) into HELP"
    assert len(ours) == len(clicks), hint
    for mine, theirs in zip(ours, clicks, strict=True):
        if mine.endswith("...") and theirs.endswith("..."):
            shorter, longer = sorted((mine[:-3], theirs[:-3]), key=len)
            assert longer.startswith(shorter), hint
        else:
            assert mine == theirs, hint


@pytest.mark.parametrize(
    ("args", "columns", "click_loaded"),
    [
        (["--version"], "80", False),
        (["-V"], "40", False),
        (["--help"], "80", False),
        (["-h"], "120", False),
        # Narrower than 80 columns click wraps the help itself; commands need click too.
        (["--help"], "60", True),
        (["rules"], "80", True),
    ],
)
def test_version_and_help_start_without_click(
    args: list[str], columns: str, click_loaded: bool
) -> None:
    code = (
        "import os, sys\n"
        f"sys.argv = ['argmap', *{args!r}]\n"
        # The command ends the process with os._exit; here it must return to report.
        "def _exit(code):\n"
        "    raise SystemExit(code)\n"
        "os._exit = _exit\n"
        "from argmap.entry import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('click' in sys.modules, file=sys.stderr)\n"
    )
    done = run_python(code, COLUMNS=columns)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == str(click_loaded)
    if args in (["--version"], ["-V"]):
        assert done.stdout == f"argmap, version {argmap.__version__}\n"
    elif args[0] in ("--help", "-h"):
        assert done.stdout.startswith("Usage: argmap [OPTIONS] COMMAND [ARGS]...")
        assert "Commands:" in done.stdout


def test_parsable_check_imports_neither_networkx_nor_rich() -> None:
    """The format editors and CI run on every save pays for no graph library and no
    terminal renderer."""
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        "try:\n"
        f"    main(['check', {str(SEED)!r}, '--format', 'parsable'], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('networkx', 'rich') if m in sys.modules), file=sys.stderr)\n"
    )
    done = run_python(code)
    assert done.returncode in (0, 1), done.stderr
    assert "unsupported-claim" in done.stdout  # it did check the brief
    assert done.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("env", "colour"),
    [
        ({}, False),
        ({"FORCE_COLOR": ""}, False),
        ({"FORCE_COLOR": "1", "TTY_COMPATIBLE": "0"}, False),
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ({"FORCE_COLOR": "1"}, True),
        ({"TTY_COMPATIBLE": "1"}, True),
    ],
)
def test_pretty_check_prints_colour_only_where_asked(env: dict[str, str], colour: bool) -> None:
    """Findings to a pipe or a file are plain text, unless colour is forced."""
    code = (
        "from argmap.cli import main\n"
        "try:\n"
        f"    main(['check', {str(SEED)!r}], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    done = run_python(code, **{"NO_COLOR": "", "TTY_COMPATIBLE": "", "TERM": "xterm", **env})
    assert done.returncode == 0, done.stderr
    shown = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout)
    assert "   14 |     + [Ally Framework]" in shown  # the finding, with its line
    assert ("\x1b[" in done.stdout) is colour


# -- check -------------------------------------------------------------------------------------


@pytest.mark.parametrize("brief", ALL_BRIEFS, ids=[path.name for path in ALL_BRIEFS])
def test_check_seed_briefs_are_clean(brief: Path) -> None:
    result = run(["check", "--format", "json", str(brief)])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    diagnostics = json.loads(result.stdout)["diagnostics"]
    assert [d for d in diagnostics if d["severity"] == "error"] == []


def test_check_both_briefs_at_once_pretty() -> None:
    assert [path.name for path in ALL_BRIEFS] == [
        "japan-rok-trilateral.argdown",
        "language-tour.argdown",
    ]
    result = run(["check", *map(str, ALL_BRIEFS)])
    assert_no_traceback(result)
    assert result.exit_code == 0
    assert result.stderr.strip().endswith("in 2 briefs")


def test_check_parsable_locates_the_syntax_error(broken: Path) -> None:
    result = run(["check", "--format", "parsable", str(broken)])
    assert_no_traceback(result)
    assert result.exit_code == 1
    rows = parsable(result.stdout)
    errors = [row for row in rows if row["rule"] == "syntax-error"]
    assert len(errors) == 1
    error = errors[0]
    assert error["severity"] == "error"
    assert (error["file"], error["line"], error["column"]) == (str(broken), *BROKEN_AT)
    assert (error["code"], error["rule"]) == ("AM001", "syntax-error")
    assert "relation '+'" in error["message"]
    assert "AM001" not in result.stderr  # findings are the result: stdout


def test_check_json_locates_the_syntax_error(broken: Path) -> None:
    result = run(["check", "--format", "json", str(broken)])
    assert_no_traceback(result)
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["argmap"] == 1
    errors = [d for d in payload["diagnostics"] if d["rule"] == "syntax-error"]
    assert len(errors) == 1
    error = errors[0]
    assert error["severity"] == "error"
    assert set(error) >= DIAGNOSTIC_KEYS
    assert (error["file"], error["line"], error["column"]) == (str(broken), *BROKEN_AT)
    assert (error["code"], error["rule"]) == ("AM001", "syntax-error")
    assert error["node"] is None


def test_check_pretty_shows_location_source_line_and_caret(broken: Path) -> None:
    result = run(["check", "--no-color", str(broken)])
    assert_no_traceback(result)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith(f"{broken}:3:1: error"))
    assert "AM001" in lines[head]
    assert "(syntax-error)" in lines[head]
    assert lines[head + 1].endswith("3 | + [C]: A relation at column 0.")
    gutter = lines[head + 1].index("|") + 2
    assert lines[head + 2].index("^") == gutter  # the caret under column 1
    assert re.search(r"^1 error\b.* in 1 brief$", result.stderr, re.M)
    assert not ANSI.search(result.stdout + result.stderr)


def test_check_reports_every_error_of_a_brief(tmp_path: Path) -> None:
    """A syntax error abandons only its own block; the next blocks are still read."""
    path = tmp_path / "several.argdown"
    path.write_text(
        "[A]: a\n[B]: no blank line above\n\n"  # 2:1
        "[C]: c\n\n  + [D]: after a blank line\n\n"  # 6:1, where the line starts
        "[E]: e\n+ [F]: at column 0\n\n"  # 9:1
        "[G]: fine\n  - [H]: fine too\n",
        encoding="utf-8",
    )
    result = run(["check", "--format", "parsable", str(path)])
    assert result.exit_code == 1
    errors = [(r["line"], r["column"]) for r in parsable(result.stdout) if r["code"] == "AM001"]
    assert errors == [(2, 1), (6, 1), (9, 1)]
    amap = argmap.load(path)
    assert {"statement:G", "statement:H"} <= {node.id for node in amap.nodes}


def test_check_several_files_reports_all_sorted(tmp_path: Path) -> None:
    b = tmp_path / "b.argdown"
    b.write_text("[B1]: b\n[B2]: no blank line\n\n[B3]: b\n+ [B4]: column 0\n", "utf-8")
    a = tmp_path / "a.argdown"
    a.write_text("[A1]: a\n\n\n  + [A2]: after a blank line\n", "utf-8")
    clean = tmp_path / "c.argdown"
    clean.write_text("[C1]: c\n  + [C2]: d\n", "utf-8")
    # Given out of order on the command line.
    args = [str(b), str(clean), str(a)]
    result = run(["check", "--format", "parsable", *args])
    assert_no_traceback(result)
    assert result.exit_code == 1
    rows = parsable(result.stdout)
    located = [(row["file"], row["line"], row["column"]) for row in rows]
    # File by file; in each, its syntax errors first (what the student must fix first),
    # then every other finding by position.
    first = [(r["file"], r["code"] != "AM001", r["line"], r["column"]) for r in rows]
    assert first == sorted(first)
    errors = [(r["file"], r["line"], r["column"]) for r in rows if r["code"] == "AM001"]
    assert errors == [(str(a), 4, 1), (str(b), 2, 1), (str(b), 5, 1)]
    assert [r["code"] for r in rows if r["file"] == str(b)][:2] == ["AM001", "AM001"]

    as_json = run(["check", "--format", "json", *args])
    assert as_json.exit_code == 1
    diagnostics = json.loads(as_json.stdout)["diagnostics"]
    assert [(d["file"], d["line"], d["column"]) for d in diagnostics] == located


# -- show --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_tree() -> str:
    result = run(["show", "--no-color", str(SEED)])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def test_show_prints_title_and_thesis(seed_tree: str) -> None:
    lines = seed_tree.splitlines()
    assert lines[0] == SEED_TITLE
    assert lines[1].strip() == "THESIS"
    assert re.match(label("Trilateral Repair") + " The US should actively repair", lines[2])


def test_show_prints_critique_and_response_with_relation_symbols(seed_tree: str) -> None:
    branch = r"^[│ ]*[└├]── "
    critique = re.search(
        branch + "- " + label("No Place for the US") + " The United States", seed_tree, re.M
    )
    response = re.search(
        branch + "- " + label("Diplomatic Option") + " The United States", seed_tree, re.M
    )
    support = re.search(branch + r"\+ " + label("Domestic Politics"), seed_tree, re.M)
    assert critique
    assert response
    assert support
    # The response hangs under the critique: deeper, and after it.
    assert response.start() > critique.start()
    indent = len(critique.group(0)) - len(critique.group(0).lstrip("│ "))
    response_indent = len(response.group(0)) - len(response.group(0).lstrip("│ "))
    assert response_indent > indent
    # Evidence for the response, shown once and then referred to.
    tail = seed_tree[response.start() :]
    assert re.search(r"\+ " + label("DTT Since 2008") + r" \(shown above\)", tail)
    assert "EVIDENCE [DTT Since 2008] (shown above)" in tail
    assert "Relations: + supports  - attacks  _ undercuts  >< contradicts" in seed_tree


def test_show_prints_evidence_citations(seed_tree: str) -> None:
    assert "EVIDENCE [Wartime Grievances]" in seed_tree
    assert "source: Trilateral cooperation essay, para. 2" in seed_tree
    assert "source: Trilateral cooperation essay, para. 4 (2008)" in seed_tree
    assert "source: Trilateral cooperation essay, para. 5 (2018)" in seed_tree


def test_show_prints_every_node_of_the_seed_brief(seed_tree: str) -> None:
    amap = argmap.load(SEED)
    for node in amap.nodes:
        assert f"[{node.title}]" in seed_tree, node.title


def test_show_no_color_plain_output() -> None:
    result = run(["show", "--no-color", str(TOUR)])
    assert result.exit_code == 0
    assert not ANSI.search(result.stdout)
    assert "\x1b" not in result.stdout + result.stderr


def test_show_in_a_terminal_uses_escapes() -> None:
    """The control for the test below: on a terminal, show does style its output."""
    result = run(["show", str(TOUR)], env={"COLUMNS": "200", "FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert ANSI.search(result.stdout)


@pytest.mark.parametrize("command", ["show", "check"])
def test_no_color_in_a_terminal_emits_no_escapes(command: str, broken: Path) -> None:
    brief = str(TOUR) if command == "show" else str(broken)
    result = run([command, "--no-color", brief], env={"COLUMNS": "200", "FORCE_COLOR": "1"})
    assert_no_traceback(result)
    assert "\x1b" not in result.stdout
    assert "\x1b" not in result.stderr


def test_show_reports_problems_on_stderr_and_the_tree_on_stdout(broken: Path) -> None:
    result = run(["show", "--no-color", str(broken)])
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert f"{broken}:3:1: error AM001" in result.stderr
    assert re.search(label("A") + " The first claim.", result.stdout)
    assert re.search(r"\+ " + label("B") + " Its support.", result.stdout)
    assert "AM001" not in result.stdout


# -- export ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_json() -> dict[str, Any]:
    result = run(["export", str(SEED)])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    payload: dict[str, Any] = json.loads(result.stdout)
    return payload


def test_export_json_has_the_documented_keys(seed_json: dict[str, Any]) -> None:
    assert {"argmap", "title", "nodes", "edges", "sections"} <= set(seed_json)
    assert seed_json["argmap"] == 2
    assert seed_json["title"] == SEED_TITLE
    assert seed_json["nodes"]
    for node in seed_json["nodes"]:
        assert set(node) >= NODE_KEYS, node["id"]
        assert node["type"] in ("statement", "argument")
        assert node["kind"] in ("claim", "evidence")
        assert {"file", "line", "column"} <= set(node["span"])
    for edge in seed_json["edges"]:
        assert {"source", "target", "relation"} <= set(edge)
        assert edge["relation"] in ("support", "attack", "undercut", "contradiction")
    for section in seed_json["sections"]:
        assert {"id", "title", "level", "parent"} <= set(section)


def test_export_json_content_of_the_seed_brief(seed_json: dict[str, Any]) -> None:
    nodes = {node["id"]: node for node in seed_json["nodes"]}
    ids = [node["id"] for node in seed_json["nodes"]]
    assert len(ids) == len(set(ids))
    thesis = nodes["statement:Trilateral Repair"]
    assert thesis["tags"] == ["thesis"]
    span = thesis["span"]
    assert (span["file"], span["line"], span["column"]) == (str(SEED), 8, 1)
    assert seed_json.get("theses") == ["statement:Trilateral Repair"]
    edges = {(e["source"], e["relation"], e["target"]) for e in seed_json["edges"]}
    assert ("statement:No Place for the US", "attack", "statement:Trilateral Repair") in edges
    assert ("statement:Diplomatic Option", "attack", "statement:No Place for the US") in edges
    assert ("statement:DTT Since 2008", "support", "statement:Diplomatic Option") in edges
    evidence = nodes["statement:DTT Since 2008"]
    assert evidence["kind"] == "evidence"
    assert evidence["data"] == {"source": "Trilateral cooperation essay, para. 4", "year": 2008}
    titles = [section["title"] for section in seed_json["sections"]]
    assert titles[0] == "Case"
    assert "Rebuttals and responses" in titles
    for edge in seed_json["edges"]:
        assert edge["source"] in nodes
        assert edge["target"] in nodes


def test_export_to_a_file_writes_the_same_json(tmp_path: Path) -> None:
    target = tmp_path / "seed.json"
    result = run(["export", str(SEED), "-o", str(target)])
    assert_no_traceback(result)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text("utf-8") == run(["export", str(SEED)]).stdout
    assert not [p for p in tmp_path.iterdir() if p.name != "seed.json"]  # no temporary left


def test_export_to_a_file_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", "utf-8")
    result = run(["export", "--format", "json", str(TOUR), "--output", str(target)])
    assert result.exit_code == 0
    assert json.loads(target.read_text("utf-8"))["title"].startswith("School uniforms")


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_export_file_permissions_follow_the_umask(tmp_path: Path, umask: int) -> None:
    """A new file gets 0666 less the umask (not the 0600 of a temporary file)."""
    target = tmp_path / "out.json"
    old = os.umask(umask)
    try:
        result = run(["export", str(TOUR), "-o", str(target)])
    finally:
        os.umask(old)
    assert result.exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_export_keeps_the_permissions_of_a_replaced_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", "utf-8")
    target.chmod(0o640)
    result = run(["export", str(TOUR), "-o", str(target)])
    assert result.exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text("utf-8").startswith("{")


def _copy_brief(tmp_path: Path, name: str) -> Path:
    """The language tour as a brief: Argdown, or (named .json) argmap's JSON export of it,
    which argmap reads back as a brief."""
    brief = tmp_path / name
    if name.endswith(".json"):
        brief.write_text(run(["export", str(TOUR)]).stdout, "utf-8")
        assert run(["check", "--format", "json", str(brief)]).exit_code in (0, 1)
    else:
        brief.write_bytes(TOUR.read_bytes())
    return brief


@pytest.mark.parametrize(
    ("brief_name", "extra", "output"),
    [
        pytest.param("brief.argdown", ["--format", "json"], "{brief}", id="same-path"),
        pytest.param("brief.json", [], "{brief}", id="same-path-json-suffix"),
        pytest.param("brief.json", [], "{dir}/./brief.json", id="other-spelling"),
        pytest.param("brief.json", [], "{dir}/link.json", id="symlink"),
    ],
)
def test_export_refuses_to_overwrite_the_brief(
    tmp_path: Path, brief_name: str, extra: list[str], output: str
) -> None:
    brief = _copy_brief(tmp_path, brief_name)
    (tmp_path / "link.json").symlink_to(brief)
    before = brief.read_bytes()
    target = output.format(brief=brief, dir=tmp_path)
    result = run(["export", *extra, str(brief), "-o", target])
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert "refusing to overwrite the input brief" in result.stderr
    assert result.stdout == ""
    assert brief.read_bytes() == before
    assert (tmp_path / "link.json").is_symlink()


def test_export_into_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "out.json"
    result = run(["export", str(TOUR), "-o", str(target)])
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr.startswith("argmap: error: ")
    assert str(target.parent) in result.stderr
    assert "does not exist" in result.stderr
    assert not (tmp_path / "no").exists()


def test_export_cannot_guess_the_format_from_the_suffix(tmp_path: Path) -> None:
    result = run(["export", str(TOUR), "-o", str(tmp_path / "out.txt")])
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert "cannot tell the format from '.txt'" in result.stderr
    assert "--format" in result.stderr
    assert not (tmp_path / "out.txt").exists()


def test_export_of_a_broken_brief_still_writes_json_and_exits_1(broken: Path) -> None:
    result = run(["export", str(broken)])
    assert_no_traceback(result)
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert [node["id"] for node in payload["nodes"]][:2] == ["statement:A", "statement:B"]
    assert f"{broken}:3:1" in result.stderr


# -- standard input ----------------------------------------------------------------------------


def test_check_reads_stdin() -> None:
    result = run(["check", "--format", "parsable", "-"], input=BROKEN)
    assert_no_traceback(result)
    assert result.exit_code == 1
    rows = [row for row in parsable(result.stdout) if row["code"] == "AM001"]
    assert [(row["line"], row["column"]) for row in rows] == [BROKEN_AT]
    # Named so that a reader can tell it is not a file called "-".
    assert rows[0]["file"] in ("-", "<stdin>")


def test_check_reads_a_clean_brief_from_stdin() -> None:
    result = run(["check", "-"], input=SEED.read_bytes())
    assert result.exit_code == 0
    assert result.stderr.strip().endswith("in 1 brief")
    assert "error" not in result.stderr


def test_show_reads_stdin() -> None:
    result = run(["show", "--no-color", "-"], input=SEED.read_bytes())
    assert_no_traceback(result)
    assert result.exit_code == 0
    assert "[No Place for the US]" in result.stdout
    assert "[Diplomatic Option]" in result.stdout


def test_export_reads_stdin() -> None:
    result = run(["export", "-"], input=SEED.read_bytes())
    assert_no_traceback(result)
    assert result.exit_code == 0
    from_stdin = json.loads(result.stdout)
    from_file = json.loads(run(["export", str(SEED)]).stdout)

    def without_files(payload: dict[str, Any]) -> str:
        return re.sub(r'"file": "[^"]*"', '"file": ""', json.dumps(payload))

    assert without_files(from_stdin) == without_files(from_file)


# -- usage errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["check", "--bogus", "{brief}"], id="unknown-option"),
        pytest.param(["check", "--format", "xml", "{brief}"], id="check-unknown-format"),
        pytest.param(["export", "--format", "yaml", "{brief}"], id="export-unknown-format"),
        pytest.param(["show", "--format", "json", "{brief}"], id="show-has-no-format"),
        pytest.param(["check"], id="check-without-brief"),
        pytest.param(["show"], id="show-without-brief"),
        pytest.param(["show", "{brief}", "{brief}"], id="show-two-briefs"),
        pytest.param(["frobnicate", "{brief}"], id="unknown-command"),
        pytest.param(["--bogus"], id="unknown-global-option"),
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run([arg.format(brief=TOUR) for arg in args])
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage:" in result.stderr
    assert "Error:" in result.stderr


# -- pipes -------------------------------------------------------------------------------------


def _big_brief(tmp_path: Path) -> Path:
    """A brief whose export (about 2 MB) cannot fit in a pipe's buffer."""
    lines = ["[Root]: The thesis. #thesis"]
    lines += [f"  + [Reason {i}]: Reason number {i} for the thesis." for i in range(4000)]
    path = tmp_path / "big.argdown"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.mark.parametrize("which", ["language-tour", "big"])
@pytest.mark.parametrize("command", ["export", "show", "check-parsable"])
def test_closed_pipe_is_not_a_traceback(tmp_path: Path, which: str, command: str) -> None:
    """`argmap export BRIEF | head -1`: the reader goes away; argmap exits quietly."""
    brief = TOUR if which == "language-tour" else _big_brief(tmp_path)
    if command == "check-parsable":
        # Many findings: the same broken brief, many times.
        many = tmp_path / "many.argdown"
        many.write_text("[A]: a\n[B]: b\n\n" * 5000, "utf-8")
        args = ["check", "--format", "parsable", str(many)]
    elif command == "show":
        args = ["show", "--no-color", str(brief)]
    else:
        args = ["export", str(brief)]
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "argmap", *args],
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=ROOT,
            env=subprocess_env(),
        )
        assert process.stdout is not None
        first = process.stdout.readline()
        process.stdout.close()
        returncode = process.wait(timeout=120)
    assert first.strip()
    message = errors.read_text("utf-8", "replace")
    assert "Traceback" not in message
    assert "BrokenPipeError" not in message
    assert "Exception ignored" not in message
    expected = 1 if command == "check-parsable" else 0
    assert returncode in (expected, 0), message


def test_the_process_exits_with_its_code_and_all_its_output(tmp_path: Path) -> None:
    """The command ends its process without Python's slow teardown; what it wrote to
    standard output and standard error (more than any buffer holds) must all arrive."""
    brief = tmp_path / "many.argdown"
    # The thesis and 3,000 claims, all unsupported: a warning line each, 300 KB in all.
    # (A card apart from them: a brief without any evidence is told so once instead.)
    brief.write_text(
        "[T]: The thesis. #thesis\n"
        + "".join(f"  + [Claim {i}]: Claim number {i}.\n" for i in range(3_000))
        + '\n[Card]: A study. #evidence {cite: "Doe 2019"}\n',
        encoding="utf-8",
    )
    for output in ("parsable", "pretty", "json"):
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "check", "--format", output, str(brief)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=subprocess_env(),
            timeout=120,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert done.stdout.count("AM201") == 3_001, output
        if output == "json":
            assert len(json.loads(done.stdout)["diagnostics"]) > 3_001
        else:
            assert done.stderr.strip().endswith("in 1 brief")


class _GoneReader(io.StringIO):
    """A standard output whose reader has gone away (`| head`)."""

    def write(self, text: str) -> int:
        raise BrokenPipeError

    def fileno(self) -> int:
        return 1  # never used: the test makes os.dup2 do nothing


@pytest.mark.parametrize("to_file", [False, True])
def test_output_that_stops_early_closes_its_pieces(
    to_file: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer that stops early stops the work of making the pieces too."""
    from argmap import output

    closed: list[bool] = []

    def pieces() -> Iterator[str]:
        try:
            while True:
                yield "x" * 1000
        finally:
            closed.append(True)

    if to_file:
        opened = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda fd, mode: _FullDisk(opened(fd, mode)))
    else:
        monkeypatch.setattr(sys, "stdout", _GoneReader())
        monkeypatch.setattr(os, "dup2", lambda *args: None)
    try:
        if to_file:
            output.write_file(str(tmp_path / "out.txt"), pieces())
        else:
            output.write_stdout(pieces())
    except (SystemExit, output.OutputError):
        # Closed already while the exit is under way, as the command ends with os._exit
        # there, before anything is freed.
        assert closed == [True]
    else:
        pytest.fail("the writing did not stop")
    assert list(tmp_path.iterdir()) == []


class _FullDisk:
    """A file on a full disk: every write fails."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exception: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    def fileno(self) -> int:
        return int(self.handle.fileno())


# --- fmt: "-" and --diff follow black's contract -----------------------------------------

UNFORMATTED = "[A]:   Claim. #thesis\n    + [B]: Support.\n"
FORMATTED = "[A]: Claim. #thesis\n  + [B]: Support.\n"


def test_fmt_dash_formats_stdin_to_stdout_and_writes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["fmt", "-"], input=UNFORMATTED)
    assert result.exit_code == 0
    assert result.stdout == FORMATTED
    assert result.stderr == "reformatted <stdin>\n1 of 1 briefs reformatted\n"
    assert list(tmp_path.iterdir()) == []  # no file called "-"


def test_fmt_dash_prints_a_formatted_brief_unchanged(tmp_path: Path) -> None:
    result = run(["fmt", "-"], input=FORMATTED)
    assert (result.exit_code, result.stdout) == (0, FORMATTED)
    assert result.stderr == "0 of 1 briefs reformatted\n"


def test_fmt_diff_prints_the_diff_and_changes_nothing(tmp_path: Path) -> None:
    brief = tmp_path / "case.argdown"
    brief.write_text(UNFORMATTED)
    result = run(["fmt", "--diff", str(brief)])
    assert result.exit_code == 0
    assert brief.read_text() == UNFORMATTED
    assert result.stdout == (
        f"--- {brief} (original)\n"
        f"+++ {brief} (formatted)\n"
        "@@ -1,2 +1,2 @@\n"
        "-[A]:   Claim. #thesis\n"
        "-    + [B]: Support.\n"
        "+[A]: Claim. #thesis\n"
        "+  + [B]: Support.\n"
    )
    assert result.stderr == f"would reformat {brief}\n1 of 1 briefs would be reformatted\n"


def test_fmt_check_diff_prints_the_diff_and_exits_1(tmp_path: Path) -> None:
    brief = tmp_path / "case.argdown"
    brief.write_text(UNFORMATTED)
    result = run(["fmt", "--check", "--diff", str(brief)])
    assert result.exit_code == 1
    assert brief.read_text() == UNFORMATTED
    assert result.stdout.startswith(f"--- {brief} (original)\n")
    assert "+  + [B]: Support.\n" in result.stdout


def test_fmt_diff_of_line_endings_only_says_so(tmp_path: Path) -> None:
    brief = tmp_path / "case.argdown"
    # Mixed endings, which the formatter makes one kind.
    brief.write_bytes(FORMATTED.replace("\n", "\r\n", 1).encode())
    result = run(["fmt", "--diff", str(brief)])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{brief}: only line endings would change (CRLF and LF to ")
    assert result.stdout.endswith(")\n")
    assert result.stdout.count("\n") == 1


# --- Environments: closed streams, narrow encodings, nonsense numbers ---------------------


def _argmap(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, **kwargs)


def _closed(fd: int) -> Any:
    return lambda: os.close(fd)


def test_a_closed_stdout_is_a_usage_error_told_on_stderr() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(SEED)],
        stdout=None,
        stderr=subprocess.PIPE,
        preexec_fn=_closed(1),
    )
    assert done.returncode == 2
    assert done.stderr == b"argmap: error: standard output is closed\n"


def test_closed_stdout_and_stderr_exit_2_silently() -> None:
    def close_both() -> None:
        os.close(1)
        os.close(2)

    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(SEED)], preexec_fn=close_both
    )
    assert done.returncode == 2


def test_reading_a_closed_stdin_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "-"],
        capture_output=True,
        preexec_fn=_closed(0),
    )
    assert done.returncode == 2
    assert done.stderr == (
        b"argmap: error: standard input is closed: give a file, or pipe the brief in\n"
    )
    assert done.stdout == b""


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        ("show", "(in) [Trilateral Repair]"),  # ASCII verdict marks, not "?"
        ("check", "AM201"),
        ("flow", "(in) [Trilateral Repair]"),
        ("stats", "claims"),
    ],
)
def test_an_ascii_only_output_encoding_works(command: str, shown: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "100"}
    done = _argmap([command, str(SEED)], env=env)
    assert b"Traceback" not in done.stderr
    assert done.returncode == 0  # the seed brief has warnings only
    assert shown in done.stdout.decode("ascii")  # nothing but ASCII


@pytest.mark.parametrize("value", ["inf", "nan", "-inf"])
def test_timeout_must_be_a_finite_number_of_seconds(value: str, tmp_path: Path) -> None:
    result = run(
        ["export", str(SEED), "--format", "svg", "-o", str(tmp_path / "m.svg"), "--timeout", value]
    )
    assert result.exit_code == 2
    assert "Invalid value for '--timeout'" in result.stderr
    assert list(tmp_path.iterdir()) == []
