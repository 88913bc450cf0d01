"""A folder read as one map: ``show DIR``, ``export DIR``, ``check --project DIR``.

The 1AC's thesis and the blocks file's answers meet in one graph; each node, relation and
finding keeps the file and line it is written on.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.files import collect
from argmap.folder_map import load_folder
from tests.cli_runner import run

CASE = (
    "===\n"
    "title: Uniforms\n"
    "===\n"
    "\n"
    "[Uniforms]: Schools should require uniforms. #thesis\n"
    "  + [Teasing]: Uniforms reduce teasing.\n"
)
BLOCKS = (
    "# Blocks\n"
    "\n"
    "[Teasing]\n"
    '  + [Survey]: Teasing fell by half. #evidence {cite: "Doe 2019"}\n'
    "  - [Cost]: Uniforms cost families money.\n"
)
NOTES = (
    "Our answers to the cost turn.\n"
    "\n"
    "```argdown\n"
    "[Cost]\n"
    '  - [Grants]: Districts pay for them. #evidence {cite: "Roe 2021"}\n'
    "```\n"
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    briefs = tmp_path / "briefs"
    (briefs / "neg").mkdir(parents=True)
    (briefs / "1ac.argdown").write_text(CASE, encoding="utf-8")
    (briefs / "neg" / "blocks.argdown").write_text(BLOCKS, encoding="utf-8")
    (briefs / "neg" / "notes.md").write_text(NOTES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return briefs


def test_titles_are_shared_and_places_kept(folder: Path) -> None:
    amap = load_folder("briefs", collect(["briefs"]))
    places = {node.title: (node.span.file, node.span.line, node.span.column) for node in amap.nodes}
    assert places == {
        "Uniforms": ("briefs/1ac.argdown", 5, 1),
        "Teasing": ("briefs/1ac.argdown", 6, 5),
        "Survey": ("briefs/neg/blocks.argdown", 4, 5),
        "Cost": ("briefs/neg/blocks.argdown", 5, 5),
        "Grants": ("briefs/neg/notes.md", 5, 5),
    }
    relations = {
        (amap.node(e.source).title, e.relation, amap.node(e.target).title): (
            e.spans[0].file,
            e.spans[0].line,
        )
        for e in amap.edges
    }
    assert relations == {
        ("Teasing", "support", "Uniforms"): ("briefs/1ac.argdown", 6),
        ("Survey", "support", "Teasing"): ("briefs/neg/blocks.argdown", 4),
        ("Cost", "attack", "Teasing"): ("briefs/neg/blocks.argdown", 5),
        ("Grants", "attack", "Cost"): ("briefs/neg/notes.md", 5),
    }
    assert amap.front_matter == {"title": "Uniforms"}
    assert set(amap.sources) == {
        "briefs/1ac.argdown",
        "briefs/neg/blocks.argdown",
        "briefs/neg/notes.md",
    }


def test_check_project_is_clean_where_each_file_alone_is_not(folder: Path) -> None:
    alone = run(["check", "--format", "parsable", "--select", "AM101", "briefs"])
    # Read one by one, [Teasing] and [Cost] have no text where they are answered.
    assert alone.stdout.splitlines() == [
        "briefs/neg/blocks.argdown:3:1: error AM101 [Teasing] is referenced but never "
        "defined: no statement with this title has text (undefined-reference)",
        "briefs/neg/notes.md:4:1: error AM101 [Cost] is referenced but never defined: no "
        "statement with this title has text (undefined-reference)",
    ]
    assert alone.stderr == "2 errors in 3 briefs\n"
    together = run(["check", "--format", "parsable", "--select", "AM1", "--project", "briefs"])
    assert together.stdout == ""
    assert together.stderr == "no problems in 1 brief\n"


def test_findings_of_a_folder_map_name_their_own_file(folder: Path) -> None:
    (folder / "neg" / "blocks.argdown").write_text(
        BLOCKS + '\n[Aside]: Alone. #evidence {cite: "Poe 2020"}\n', encoding="utf-8"
    )
    result = run(["check", "--format", "json", "--select", "AM1", "--project", "briefs"])
    found = json.loads(result.stdout)["diagnostics"]
    assert [(d["file"], d["line"], d["column"], d["code"]) for d in found] == [
        ("briefs/neg/blocks.argdown", 7, 1, "AM105"),
    ]


def test_show_a_folder(folder: Path) -> None:
    result = run(["show", "--no-color", "--ascii", "briefs"])
    assert result.exit_code == 0, result.output
    nodes = [
        line.rstrip()
        for line in result.stdout.splitlines()
        if ("(in)" in line or "(out)" in line) and "Verdicts" not in line
    ]
    # One tree: the case's thesis, the blocks' card and turn, the notes' answer to it.
    assert nodes == [
        "(in) [Uniforms] Schools should require uniforms. #thesis",
        "`-- + (in) [Teasing] Uniforms reduce teasing.",
        "    +-- + (in) EVIDENCE [Survey] Teasing fell by half. #evidence",
        "    `-- - (out) [Cost] Uniforms cost families money.",
        "        `-- - (in) EVIDENCE [Grants] Districts pay for them. #evidence",
    ]


def test_export_a_folder_as_json(folder: Path) -> None:
    result = run(["export", "--format", "json", "briefs"])
    assert result.exit_code == 0, result.output
    exported = json.loads(result.stdout)
    assert exported["title"] == "Uniforms"
    assert [(n["title"], n["span"]["file"], n["span"]["line"]) for n in exported["nodes"]] == [
        ("Uniforms", "briefs/1ac.argdown", 5),
        ("Teasing", "briefs/1ac.argdown", 6),
        ("Survey", "briefs/neg/blocks.argdown", 4),
        ("Cost", "briefs/neg/blocks.argdown", 5),
        ("Grants", "briefs/neg/notes.md", 5),
    ]


def test_one_front_matter_per_map(folder: Path) -> None:
    (folder / "neg" / "blocks.argdown").write_text(
        "===\ntitle: Blocks\n===\n\n" + BLOCKS, encoding="utf-8"
    )
    amap = load_folder("briefs", collect(["briefs"]))
    # The first brief with front matter keeps it; the other's is left out, with a warning,
    # and its statements stay on their lines.
    assert amap.front_matter == {"title": "Uniforms"}
    assert [(d.span.file, d.span.line, d.code, d.message) for d in amap.diagnostics] == [
        (
            "briefs/neg/blocks.argdown",
            1,
            "AM004",
            "this front matter is not read: a folder read as one map has one front matter, "
            "that of briefs/1ac.argdown",
        )
    ]
    assert amap.node("statement:Survey").span.line == 8


def test_the_front_matter_brief_is_read_first(folder: Path) -> None:
    (folder / "1ac.argdown").write_text(CASE.split("===\n\n")[1], encoding="utf-8")
    (folder / "neg" / "blocks.argdown").write_text(
        "===\ntitle: Blocks\n===\n\n" + BLOCKS, encoding="utf-8"
    )
    amap = load_folder("briefs", collect(["briefs"]))
    assert amap.front_matter == {"title": "Blocks"}
    assert amap.diagnostics == []
    assert amap.node("statement:Uniforms").span.line == 1


def test_a_brief_included_by_another_is_read_once(folder: Path) -> None:
    (folder / "neg" / "main.argdown").write_text("@include(more.argdown)\n", encoding="utf-8")
    (folder / "neg" / "more.argdown").write_text(
        '[Cost]\n  + [Price]: A set costs $200. #evidence {cite: "Poe 2022"}\n',
        encoding="utf-8",
    )
    amap = load_folder("briefs", collect(["briefs"]))
    prices = [e for e in amap.edges if amap.node(e.source).title == "Price"]
    # One relation written once, one statement written once: not two of each.
    assert [[(span.file, span.line) for span in e.spans] for e in prices] == [
        [("briefs/neg/more.argdown", 2)]
    ]
    price = amap.node("statement:Price")
    assert [(o.span.file, o.span.line) for o in price.occurrences] == [
        ("briefs/neg/more.argdown", 2)
    ]


def test_a_syntax_error_in_one_brief_hides_nothing_in_another(folder: Path) -> None:
    # A syntax error in the block of lines 5-6 of one brief; an orphan on line 5 of another.
    (folder / "a.argdown").write_text(
        "[Thesis]: T.\n\n[X]: x.\n\n[A]: a.\n+ [B]: not indented.\n", encoding="utf-8"
    )
    (folder / "b.argdown").write_text(
        '[Thesis]\n  + [S]: s. #evidence {cite: "Doe 2019"}\n'
        '  + [R]: r. #evidence {cite: "Roe 2020"}\n\n'
        '[Aside]: alone. #evidence {cite: "Poe 2021"}\n',
        encoding="utf-8",
    )
    result = run(["check", "--format", "json", "--select", "AM0,AM105", "--project", "briefs"])
    found = json.loads(result.stdout)["diagnostics"]
    assert [(d["file"], d["line"], d["code"]) for d in found] == [
        ("briefs/a.argdown", 6, "AM001"),
        ("briefs/a.argdown", 3, "AM105"),
        ("briefs/b.argdown", 5, "AM105"),
    ]
