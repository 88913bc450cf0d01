"""Which briefs a folder, a glob or a list of paths names: the search, its order, and what
``.gitignore`` and ``exclude`` leave out (git's own rules, checked case by case)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.files import FilesError, collect, matches, pattern_regex
from tests.cli_runner import run

CLEAN = (
    "[T]: Uniforms.\n"
    '  + [S]: Less teasing. #evidence {cite: "Doe 2019"}\n'
    '  + [R]: More. #evidence {cite: "Roe 2021"}\n'
)


def tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_folder_gives_its_briefs_files_first_then_subfolders_by_name(repo: Path) -> None:
    tree(
        repo,
        {
            "b.argdown": CLEAN,
            "a.ad": CLEAN,
            "z/y.argdown": CLEAN,
            "c/d.argdown": CLEAN,
            "c/a/e.argdown": CLEAN,
            "notes.md": "```argdown\n[A]: a.\n```\n",
            "readme.md": "# No Argdown here\n\n```python\nprint()\n```\n",
            "data.json": "{}",
            "text.txt": "[A]: a.",
        },
    )
    assert collect(["."]) == [
        "a.ad",
        "b.argdown",
        "notes.md",
        "c/d.argdown",
        "c/a/e.argdown",
        "z/y.argdown",
    ]
    assert collect(["."], argdown_only=True) == [
        "a.ad",
        "b.argdown",
        "c/d.argdown",
        "c/a/e.argdown",
        "z/y.argdown",
    ]


def test_paths_keep_their_order_and_each_brief_is_read_once(repo: Path) -> None:
    tree(repo, {"a.argdown": CLEAN, "sub/b.argdown": CLEAN, "odd.txt": CLEAN})
    # A file named on the command line is read whatever its name.
    assert collect(["sub", "odd.txt", "a.argdown", "./sub/b.argdown", "-", "missing.ad"]) == [
        "sub/b.argdown",
        "odd.txt",
        "a.argdown",
        "-",
        "missing.ad",
    ]


def test_globs(repo: Path) -> None:
    tree(repo, {"a.argdown": CLEAN, "sub/b.argdown": CLEAN, "sub/deep/c.ad": CLEAN, "x.txt": ""})
    assert collect(["**/*.argdown"]) == ["a.argdown", "sub/b.argdown"]
    assert collect(["sub/*"]) == ["sub/b.argdown", "sub/deep/c.ad"]
    with pytest.raises(FilesError, match=r"^nothing/\*\.ad: no brief matches this pattern$"):
        collect(["nothing/*.ad"])


def test_gitignore_as_git_reads_it(repo: Path) -> None:
    tree(
        repo,
        {
            ".gitignore": "# built\n*.out.argdown\nold/\n/top.argdown\n!keep.out.argdown\n",
            "a.argdown": CLEAN,
            "top.argdown": CLEAN,  # anchored: only at the top
            "sub/top.argdown": CLEAN,
            "x.out.argdown": CLEAN,
            "keep.out.argdown": CLEAN,  # taken back
            "old/a.argdown": CLEAN,  # a folder left out
            "sub/old/b.argdown": CLEAN,  # old/ matches at any depth
            "sub/.gitignore": "local.argdown\n",
            "sub/local.argdown": CLEAN,
            "local.argdown": CLEAN,  # sub/.gitignore does not reach up here
            ".git/info/exclude": "private.argdown\n",
            "private.argdown": CLEAN,
        },
    )
    assert collect(["."]) == [
        "a.argdown",
        "keep.out.argdown",
        "local.argdown",
        "sub/top.argdown",
    ]
    assert collect(["."], respect_gitignore=False) == [
        "a.argdown",
        "keep.out.argdown",
        "local.argdown",
        "private.argdown",
        "top.argdown",
        "x.out.argdown",
        "old/a.argdown",
        "sub/local.argdown",
        "sub/top.argdown",
        "sub/old/b.argdown",
    ]


GITIGNORED_TREE = {
    ".gitignore": "*.tmp.argdown\n/build\nnotes/**/draft*\n!notes/keep/draft-final.argdown\n"
    "cache/\n[Oo]ld.ad\n\\#hash.argdown\n",
    "a.argdown": CLEAN,
    "x.tmp.argdown": CLEAN,
    "build/b.argdown": CLEAN,
    "src/build/c.argdown": CLEAN,
    "notes/draft1.argdown": CLEAN,
    "notes/keep/draft-final.argdown": CLEAN,
    "notes/keep/draft-2.argdown": CLEAN,
    "notes/final.argdown": CLEAN,
    "deep/cache/d.argdown": CLEAN,
    "deep/cache.argdown": CLEAN,
    "Old.ad": CLEAN,
    "old.ad": CLEAN,
    "sub/old.ad": CLEAN,
    "#hash.argdown": CLEAN,
    "deep/.gitignore": "*.ad\n!keep.ad\n",
    "deep/x.ad": CLEAN,
    "deep/keep.ad": CLEAN,
    "deep/more/y.ad": CLEAN,
}


@pytest.mark.needs("git")
def test_the_search_leaves_out_what_git_leaves_out(tmp_path: Path) -> None:
    import subprocess

    tree(tmp_path, GITIGNORED_TREE)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    listed = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    briefs = sorted(name for name in listed if name.endswith((".argdown", ".ad")))
    found = sorted(Path(name).relative_to(tmp_path).as_posix() for name in collect([str(tmp_path)]))
    assert found == briefs
    assert "notes/keep/draft-final.argdown" in found  # the negation holds
    assert "deep/keep.ad" in found


def test_a_negation_cannot_bring_a_file_back_out_of_an_ignored_folder(repo: Path) -> None:
    tree(repo, {".gitignore": "drafts/\n!drafts/keep.argdown\n", "drafts/keep.argdown": CLEAN})
    assert collect(["."]) == []
    # Named on the command line, the folder is searched: what is under it counts.
    assert collect(["drafts"]) == ["drafts/keep.argdown"]


def test_exclude_patterns_are_relative_to_their_folder(repo: Path) -> None:
    tree(repo, {"a/x.argdown": CLEAN, "a/drafts/y.argdown": CLEAN, "b/drafts/z.argdown": CLEAN})
    assert collect(["."], [("drafts", None)]) == ["a/x.argdown"]
    assert collect(["."], [("/drafts", str(repo / "a"))]) == ["a/x.argdown", "b/drafts/z.argdown"]
    assert collect(["."], [("a/**/*.argdown", None)]) == ["b/drafts/z.argdown"]
    # A file named on the command line is read even if a pattern matches it.
    assert collect(["a/drafts/y.argdown"], [("drafts", None)]) == ["a/drafts/y.argdown"]
    # So is a folder: what is below it is judged as usual.
    assert collect(["a/drafts"], [("drafts", None)]) == ["a/drafts/y.argdown"]
    assert collect(["a/drafts"], [("y.argdown", None)]) == []


def test_folders_no_brief_lives_in_are_left_out(repo: Path) -> None:
    tree(repo, {"node_modules/p/x.argdown": CLEAN, ".venv/y.argdown": CLEAN, "a.ad": CLEAN})
    assert collect(["."]) == ["a.ad"]


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.ad", "a.ad", True),
        ("*.ad", "deep/down/a.ad", True),
        ("*.ad", "a.argdown", False),
        ("/a.ad", "a.ad", True),
        ("/a.ad", "sub/a.ad", False),
        ("sub/*.ad", "sub/a.ad", True),
        ("sub/*.ad", "x/sub/a.ad", False),  # a slash anchors the pattern
        ("sub/*.ad", "sub/deep/a.ad", False),  # * stops at a slash
        ("**/a.ad", "x/y/a.ad", True),
        ("**/a.ad", "a.ad", True),
        ("sub/**", "sub/x/y.ad", True),
        ("a/**/b.ad", "a/b.ad", True),
        ("a/**/b.ad", "a/x/y/b.ad", True),
        ("?.ad", "a.ad", True),
        ("?.ad", "ab.ad", False),
        ("[ab].ad", "b.ad", True),
        ("[!ab].ad", "b.ad", False),
        ("[!ab].ad", "c.ad", True),
        (r"\#x.ad", "#x.ad", True),
        ("drafts", "drafts/a.ad", True),  # a folder's name matches what is in it
        ("drafts/", "drafts", False),  # a trailing slash: folders only
        ("drafts/", "drafts/a.ad", True),
        ("[z-a].ad", "[z-a].ad", True),  # no class Python can read: the name as written
        ("[", "[", True),
    ],
)
def test_patterns(pattern: str, path: str, expected: bool, tmp_path: Path) -> None:
    assert matches(pattern, str(tmp_path / path), str(tmp_path)) is expected


def test_pattern_regex_marks_negation_and_folders() -> None:
    regex, negated, folders = pattern_regex("!build/")
    assert (negated, folders) == (True, True)
    assert re.fullmatch(regex, "x/build")


# -- the commands --------------------------------------------------------------------------------


def test_check_a_folder_gives_one_summary_for_every_brief(repo: Path) -> None:
    tree(
        repo,
        {
            "a.argdown": CLEAN,
            "b/c.argdown": CLEAN + '\n[Aside]: Alone. #evidence {cite: "Poe 2020"}\n',
        },
    )
    result = run(["check", "--format", "parsable", "."])
    assert result.stdout == (
        "b/c.argdown:5:1: warning AM105 [Aside] relates to nothing and nothing relates to it "
        "(orphan)\n"
    )
    assert result.stderr == "1 warning in 2 briefs\n"
    assert result.exit_code == 0


def test_check_with_exclude_and_an_empty_folder(repo: Path) -> None:
    tree(repo, {"a/x.argdown": CLEAN, "b/y.argdown": CLEAN})
    result = run(["check", ".", "--exclude", "b/", "--exclude", "nothing"])
    assert result.stderr == "no problems in 1 brief\n"
    (repo / "empty").mkdir()
    result = run(["check", "empty"])
    assert result.exit_code == 0
    assert result.stderr == "argmap: warning: no briefs found in empty\nno problems in 0 briefs\n"


def test_a_glob_that_matches_nothing_is_a_usage_error(repo: Path) -> None:
    result = run(["check", "*.argdown"])
    assert result.exit_code == 2
    assert result.stderr == "argmap: error: *.argdown: no brief matches this pattern\n"


def test_fmt_a_folder_rewrites_its_argdown_files_only(repo: Path) -> None:
    messy = "[T]: Uniforms.\n    + [S]: Less teasing.\n"
    markdown = "```argdown\n" + messy + "```\n"
    tree(repo, {"a.argdown": messy, "sub/b.ad": messy, "notes.md": markdown})
    result = run(["fmt", "--check", "."])
    assert result.exit_code == 1
    assert result.stderr == (
        "would reformat a.argdown\nwould reformat sub/b.ad\n2 of 2 briefs would be reformatted\n"
    )
    assert (repo / "notes.md").read_text(encoding="utf-8") == markdown


def test_fmt_stdin_filename_names_the_brief(repo: Path) -> None:
    result = run(
        ["fmt", "--check", "--stdin-filename", "case/1ac.argdown", "-"], input="[T]\n    + [S]\n"
    )
    assert result.stderr.splitlines()[0] == "would reformat case/1ac.argdown"


def test_stats_of_a_folder_counts_one_map(repo: Path) -> None:
    tree(
        repo,
        {
            "a.argdown": "[T]: Uniforms. #thesis\n  + [S]: Less teasing.\n",
            "b/c.argdown": '[S]\n  + [Card]: A survey. #evidence {cite: "Doe 2019"}\n',
        },
    )
    import json

    result = run(["stats", "--format", "json", "."])
    counts = json.loads(result.stdout)
    # [S] is written in both files and counted once; the card in b/ grounds the thesis in
    # a.argdown through it.
    assert counts["file"] == "."
    assert (counts["statements"], counts["theses"], counts["evidence"]) == (3, 1, 1)
    assert counts["relations"]["support"] == 2
    assert counts["grounded_claims"] == 2
    assert counts["longest_support_chain"] == 3


def test_any_pattern_is_read_without_an_error() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("ab/*?[]!\\-^.#"))

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet, max_size=12), st.text(alphabet, max_size=12))
    def read(pattern: str, path: str) -> None:
        assert matches(pattern, path, "/") in (True, False)

    read()
