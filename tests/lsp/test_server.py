"""``argmap lsp`` driven as an editor drives it: the real server process, JSON-RPC over
its standard input and output (tests/lsp/client.py).

Expected positions are written out by hand in UTF-16 code units, the protocol's default:
the emoji 😀 before a title is one character to argmap and two units to the editor.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import run
from tests.lsp.client import ROOT, Client, ServerError

BRIEF = """# Case

[Uniforms]: Schools should require uniforms. #thesis
  + [Survey]: 40 schools reported less teasing. #evidence {cite: "Doe 2019"}
  + <Cost>: 😀 Uniforms cost less than @[Survey] says.
    - [Price]: Uniforms are expensive.
  + [Survy]

## Answers

[Price]
  - [Thrift]: Second-hand uniforms are cheap. #Evidence
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("briefs")


@pytest.fixture(scope="module")
def client(folder: Path) -> Iterator[Client]:
    client = Client()
    try:
        client.initialize(folder)
        yield client
    finally:
        client.close()


def _brief(folder: Path, name: str, text: str = BRIEF) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _range(line: int, start: int, end: int) -> dict[str, Any]:
    """A range on one line (0-based line, UTF-16 columns, end exclusive)."""
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _apply(text: str, edits: list[dict[str, Any]]) -> str:
    """``text`` with LSP text edits applied (positions in UTF-16 units), as an editor
    applies them: all at once, against the text before any of them."""
    lines = text.split("\n")

    def offset(position: dict[str, int]) -> int:
        before = sum(len(line) + 1 for line in lines[: position["line"]])
        line = lines[position["line"]] if position["line"] < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= position["character"]:
                return before + index
            units += _utf16(char)
        return before + len(line)

    placed = sorted(
        ((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits),
        reverse=True,
    )
    for start, end, new in placed:
        text = text[:start] + new + text[end:]
    return text


# -- the conversation ----------------------------------------------------------------------


def test_initialize_announces_the_features(folder: Path) -> None:
    client = Client()
    try:
        result = client.initialize(folder)
        capabilities = result["capabilities"]
        assert capabilities["positionEncoding"] == "utf-16"
        assert capabilities["textDocumentSync"]["change"] == 1  # whole documents
        for provider in (
            "hoverProvider",
            "definitionProvider",
            "referencesProvider",
            "documentHighlightProvider",
            "renameProvider",
            "documentSymbolProvider",
            "foldingRangeProvider",
            "documentFormattingProvider",
        ):
            assert capabilities[provider]
        assert set(capabilities["completionProvider"]["triggerCharacters"]) == {"[", "<", "@", "#"}
        assert capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix"]
        assert result["serverInfo"]["name"] == "argmap"
        assert client.shutdown() == 0
    finally:
        client.close()


def test_lsp_without_pygls_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pygls", None)
    result = run(["lsp"])
    assert result.exit_code == 2
    assert "install argmap[lsp]" in result.stderr


def test_core_does_not_import_pygls() -> None:
    import subprocess

    code = (
        "import sys, argmap, argmap.cli, argmap.analysis;"
        "argmap.analyse(argmap.loads('[T]: A. #thesis'));"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# -- diagnostics ---------------------------------------------------------------------------


def _check_json(path: Path) -> list[dict[str, Any]]:
    result = run(["check", "--format", "json", str(path)])
    diagnostics: list[dict[str, Any]] = json.loads(result.stdout)["diagnostics"]
    return diagnostics


def _as_check_reports(path: Path, published: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Published diagnostics in argmap check's terms: 1-based lines, code point columns,
    inclusive ends, severity names."""
    lines = path.read_text(encoding="utf-8").split("\n")
    names = {1: "error", 2: "warning", 3: "info"}

    def column(line: int, units: int) -> int:
        text, count = lines[line], 0
        for index, char in enumerate(text):
            if count >= units:
                return index + 1
            count += _utf16(char)
        return len(text) + 1

    found = []
    for d in published["diagnostics"]:
        start, end = d["range"]["start"], d["range"]["end"]
        found.append(
            (
                d["code"],
                names[d["severity"]],
                start["line"] + 1,
                column(start["line"], start["character"]),
                end["line"] + 1,
                column(end["line"], end["character"]) - 1,
                d["message"],
            )
        )
    return found


def _reports(diagnostics: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (
            d["code"],
            d["severity"],
            d["line"],
            d["column"],
            d["end_line"],
            d["end_column"],
            d["message"],
        )
        for d in diagnostics
    ]


def test_published_diagnostics_are_argmap_checks_findings(client: Client, folder: Path) -> None:
    path = _brief(folder, "same.argdown")
    published = client.open(path, BRIEF)
    expected = _check_json(path)
    assert {d["code"] for d in expected} == {"AM101", "AM201", "AM204", "AM205"}
    assert _as_check_reports(path, published) == _reports(expected)
    assert published["version"] == 1


def test_a_diagnostic_links_its_rule_and_related_places(client: Client, folder: Path) -> None:
    path = _brief(folder, "links.argdown")
    published = client.open(path, BRIEF)
    by_code = {d["code"]: d for d in published["diagnostics"]}
    undefined = by_code["AM101"]
    assert undefined["source"] == "argmap"
    assert undefined["severity"] == 1
    assert undefined["codeDescription"]["href"].endswith("docs/rules.md#am101-undefined-reference")
    assert undefined["range"] == _range(6, 4, 11)  # "[Survy]" on the 7th line
    assert "did you mean [Survey]?" in undefined["message"]
    # The finding about the tag #Evidence points at where [Thrift] is defined.
    tag = by_code["AM205"]
    assert tag["range"] == _range(11, 46, 55)
    assert tag["relatedInformation"] == [
        {
            "location": {"uri": path.as_uri(), "range": _range(11, 4, 13)},
            "message": "[Thrift] is defined here",
        }
    ]


def test_the_other_end_of_a_circle_is_related(client: Client, folder: Path) -> None:
    text = "[A]: One. #thesis\n  + [B]: Two.\n    + [A]\n"
    path = _brief(folder, "circle.argdown", text)
    published = client.open(path, text)
    circle = next(d for d in published["diagnostics"] if d["code"] == "AM202")
    assert {
        "location": {"uri": path.as_uri(), "range": _range(1, 4, 8)},
        "message": "[B] is in the circle",
    } in circle["relatedInformation"]


def test_the_teams_configuration_and_suppressions_apply(client: Client, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.argmap]\nignore = ["single-point-of-failure"]\n', encoding="utf-8"
    )
    (tmp_path / "case").mkdir()
    text = BRIEF.replace("  + [Survy]", "  + [Survy] // argmap: ignore[AM201]")
    path = _brief(tmp_path / "case", "configured.argdown", text)
    published = client.open(path, text)
    codes = [(d["code"], d["range"]["start"]["line"]) for d in published["diagnostics"]]
    assert ("AM204", 3) not in codes  # ignored by the configuration file
    assert ("AM201", 6) not in codes  # suppressed on its line
    assert ("AM101", 6) in codes
    assert _as_check_reports(path, published) == _reports(_check_json(path))


def test_a_change_is_checked_again(client: Client, folder: Path) -> None:
    path = _brief(folder, "change.argdown")
    first = client.open(path, BRIEF)
    assert "AM101" in {d["code"] for d in first["diagnostics"]}
    fixed = BRIEF.replace("[Survy]", "[Survey]")
    # Several changes in a row, as while typing: the last one is what is published.
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": path.as_uri(), "version": 2}, "contentChanges": [{"text": ""}]},
    )
    after = client.change(path, fixed, version=3)
    assert after["version"] == 3
    assert "AM101" not in {d["code"] for d in after["diagnostics"]}
    path.write_text(fixed, encoding="utf-8")
    assert _as_check_reports(path, after) == _reports(_check_json(path))


def test_a_new_empty_file_is_not_an_empty_brief(client: Client, folder: Path) -> None:
    # A file just created has nothing in it yet: no error greets it. Once it holds only
    # something Argdown cannot read a brief from (a comment), it is the empty brief
    # `argmap check` reports.
    path = _brief(folder, "new.argdown")
    assert client.open(path, "")["diagnostics"] == []
    commented = client.change(path, "<!-- to do -->\n", version=2)
    assert [(d["code"], d["message"]) for d in commented["diagnostics"]] == [
        (
            "AM001",
            "the brief is empty: it has no statement, argument or heading (Argdown refuses "
            "a brief without one)",
        )
    ]


def test_save_publishes_and_close_clears(client: Client, folder: Path) -> None:
    path = _brief(folder, "save.argdown")
    client.open(path, BRIEF)
    after = len(client.notifications)
    client.notify("textDocument/didSave", {"textDocument": {"uri": path.as_uri()}})
    saved = client.wait_for("textDocument/publishDiagnostics", path.as_uri(), after)
    assert "AM101" in {d["code"] for d in saved["diagnostics"]}
    after = len(client.notifications)
    client.notify("textDocument/didClose", {"textDocument": {"uri": path.as_uri()}})
    closed = client.wait_for("textDocument/publishDiagnostics", path.as_uri(), after)
    assert closed["diagnostics"] == []


def test_an_unreadable_setting_is_one_diagnostic(client: Client, folder: Path) -> None:
    text = "===\nargmap: {ignore: [no-such-rule]}\n===\n\n[A]: One. #thesis\n"
    path = _brief(folder, "setting.argdown", text)
    published = client.open(path, text)
    [only] = published["diagnostics"]
    assert only["severity"] == 1
    assert "no-such-rule" in only["message"]


# -- hover, definition, references, highlights -----------------------------------------------


def test_hover_on_evidence_shows_verdict_citation_and_trace(client: Client, folder: Path) -> None:
    path = _brief(folder, "hover.argdown")
    client.open(path, BRIEF)
    # "[Survey]" on line 3 (0-based): the title starts at column 5.
    hover = client.request("textDocument/hover", client.at(path, 3, 7))
    value = hover["contents"]["value"]
    assert hover["contents"]["kind"] == "markdown"
    assert value.startswith("**\\[Survey\\]** · evidence · verdict **in** (standard: evidence)")
    assert "cite: Doe 2019" in value
    assert "why: [Survey] is in" in value
    assert hover["range"] == _range(3, 5, 11)


def test_hover_on_a_mention_after_an_emoji(client: Client, folder: Path) -> None:
    path = _brief(folder, "emoji.argdown")
    client.open(path, BRIEF)
    line = BRIEF.split("\n")[4]
    # The title of "@[Survey]": 40 characters in, 41 UTF-16 units (the emoji takes two).
    assert line[40:46] == "Survey"
    assert _utf16(line[:40]) == 41
    hover = client.request("textDocument/hover", client.at(path, 4, 43))
    assert hover["range"] == _range(4, 41, 47)
    assert "**\\[Survey\\]**" in hover["contents"]["value"]
    # One unit to the left is the "[" of the mention, still the mention; the emoji is not.
    assert client.request("textDocument/hover", client.at(path, 4, 12)) is None


def test_hover_on_a_thesis_shows_its_trace(client: Client, folder: Path) -> None:
    path = _brief(folder, "thesis.argdown")
    client.open(path, BRIEF)
    hover = client.request("textDocument/hover", client.at(path, 2, 3))
    value = hover["contents"]["value"]
    assert value.startswith("**\\[Uniforms\\]** · thesis, claim · verdict **in**")
    # The card its support rests on, and what the card cites.
    assert "\n\nevidence: \\[Survey\\], cite: Doe 2019\n\n" in value
    assert "```text\nwhy: [Uniforms] is" in value


def test_definition_of_a_mention_and_a_reference(client: Client, folder: Path) -> None:
    path = _brief(folder, "definition.argdown")
    client.open(path, BRIEF)
    uri = path.as_uri()
    found = client.request("textDocument/definition", client.at(path, 4, 44))
    assert found == [{"uri": uri, "range": _range(3, 5, 11)}]
    # "[Price]" under "## Answers" goes to its definition under "# Case".
    found = client.request("textDocument/definition", client.at(path, 10, 2))
    assert found == [{"uri": uri, "range": _range(5, 7, 12)}]


def test_references_and_highlights(tmp_path: Path) -> None:
    path = _brief(tmp_path, "references.argdown")
    # A brief open in the editor from another folder shares the title.
    (tmp_path / "neg").mkdir()
    answers = _brief(tmp_path / "neg", "answers.argdown", "[Price]\n  + [Costly]: Blazers cost.\n")
    client = Client()
    try:
        client.initialize(tmp_path)
        client.open(path, BRIEF)
        client.open(answers, answers.read_text(encoding="utf-8"))
        _references_and_highlights(client, path, answers)
    finally:
        client.close()


def _references_and_highlights(client: Client, path: Path, answers: Path) -> None:
    uri = path.as_uri()
    params = {**client.at(path, 5, 8), "context": {"includeDeclaration": True}}
    found = client.request("textDocument/references", params)
    assert found == [
        {"uri": uri, "range": _range(5, 7, 12)},
        {"uri": uri, "range": _range(10, 1, 6)},
        {"uri": answers.as_uri(), "range": _range(0, 1, 6)},
    ]
    params["context"]["includeDeclaration"] = False
    assert client.request("textDocument/references", params) == [
        {"uri": uri, "range": _range(10, 1, 6)},
        {"uri": answers.as_uri(), "range": _range(0, 1, 6)},
    ]
    highlights = client.request("textDocument/documentHighlight", client.at(path, 3, 6))
    assert highlights == [
        {"range": _range(3, 5, 11), "kind": 3},  # the definition: written
        {"range": _range(4, 41, 47), "kind": 2},  # the mention: read
    ]


def test_definition_in_another_brief_of_the_folder(tmp_path: Path) -> None:
    case = _brief(tmp_path, "case.argdown")
    blocks_text = "[Survey]\n  - [Biased]: The survey asked only parents.\n"
    blocks = _brief(tmp_path, "blocks.argdown", blocks_text)
    client = Client()
    try:
        client.initialize(tmp_path)
        client.open(blocks, blocks_text)  # the case is not open: it is read from disk
        found = client.request("textDocument/definition", client.at(blocks, 0, 3))
        assert found == [{"uri": case.as_uri(), "range": _range(3, 5, 11)}]
        # [Biased] is defined here.
        found = client.request("textDocument/definition", client.at(blocks, 1, 6))
        assert found == [{"uri": blocks.as_uri(), "range": _range(1, 5, 11)}]
    finally:
        client.close()


# -- rename ----------------------------------------------------------------------------------


def test_rename_everywhere_in_the_folder(tmp_path: Path) -> None:
    case = _brief(tmp_path, "case.argdown")
    blocks_text = "[Survey]\n  - [Biased]: The survey asked only parents.\n"
    blocks = _brief(tmp_path, "blocks.argdown", blocks_text)
    # Another folder's brief is another map: it keeps its title, unless it is open.
    (tmp_path / "other").mkdir()
    other = _brief(tmp_path / "other", "other.argdown", blocks_text)
    (tmp_path / "open").mkdir()
    opened = _brief(tmp_path / "open", "opened.argdown", blocks_text)
    client = Client()
    try:
        client.initialize(tmp_path)
        client.open(case, BRIEF)
        client.open(opened, blocks_text)
        prepared = client.request("textDocument/prepareRename", client.at(case, 3, 6))
        assert prepared == _range(3, 5, 11)
        edit = client.request(
            "textDocument/rename", {**client.at(case, 4, 42), "newName": "Teasing Survey 🙂"}
        )
        changes = edit["changes"]
        assert set(changes) == {case.as_uri(), blocks.as_uri(), opened.as_uri()}
        renamed = _apply(BRIEF, changes[case.as_uri()])
        assert renamed == BRIEF.replace("[Survey]", "[Teasing Survey 🙂]")
        assert "@[Teasing Survey 🙂] says." in renamed
        assert _apply(blocks_text, changes[blocks.as_uri()]) == blocks_text.replace(
            "[Survey]", "[Teasing Survey 🙂]"
        )
        assert other.read_text(encoding="utf-8") == blocks_text
        # A title the map has already would merge two nodes: refused.
        with pytest.raises(ServerError, match=r"\[Price\] is already written"):
            client.request("textDocument/rename", {**client.at(case, 3, 6), "newName": "Price"})
        with pytest.raises(ServerError, match=r"\[A\]B\] would not be read as a title"):
            client.request("textDocument/rename", {**client.at(case, 3, 6), "newName": "A]B"})
        # A reference whose title starts with "-" is read as text, not as a title.
        with pytest.raises(ServerError, match=r"\[-Survey\] would not be read as a title"):
            client.request("textDocument/rename", {**client.at(case, 3, 6), "newName": "-Survey"})
    finally:
        client.close()


# -- completion ------------------------------------------------------------------------------


def _labels(result: dict[str, Any]) -> list[str]:
    return [item["label"] for item in result["items"]]


def test_completion_of_titles_and_tags(client: Client, folder: Path) -> None:
    path = _brief(folder, "complete.argdown")
    text = BRIEF + "\n[Thrift]\n  + [Su\n  - <\n  + [New]: See @[\n  + [Tag]: A card. #ev\n"
    client.open(path, text)
    lines = text.split("\n")
    statement = client.request("textDocument/completion", client.at(path, 14, 7))
    # The brief's statements that hold "Su" (not the half-typed "[Su" itself), in order.
    assert _labels(statement) == ["Survey", "Survy"]
    assert statement["isIncomplete"] is False
    survey = statement["items"][0]
    # The typed "Su" is replaced, and the bracket closed.
    assert survey["textEdit"] == {"range": _range(14, 5, 7), "newText": "Survey]"}
    assert survey["detail"] == "evidence"
    assert _labels(client.request("textDocument/completion", client.at(path, 15, 5))) == ["Cost"]
    mention = client.request("textDocument/completion", client.at(path, 16, len(lines[16])))
    assert _labels(mention)[:6] == ["Uniforms", "Survey", "Price", "Survy", "Thrift", "New"]
    tags = client.request("textDocument/completion", client.at(path, 17, len(lines[17])))
    assert _labels(tags) == ["evidence", "Evidence"]
    assert tags["items"][0]["textEdit"] == {"range": _range(17, 20, 22), "newText": "evidence"}


def test_completion_of_many_titles_is_cut_short(client: Client, folder: Path) -> None:
    text = "".join(f"[Claim {n}]: Text {n}.\n\n" for n in range(300)) + "[T]: x\n  + [Cl"
    path = _brief(folder, "many.argdown", text)
    client.open(path, text)
    lines = text.split("\n")
    result = client.request("textDocument/completion", client.at(path, len(lines) - 1, 9))
    assert result["isIncomplete"] is True
    assert _labels(result) == [f"Claim {n}" for n in range(200)]
    # More typed, fewer titles: all of them.
    text += "aim 29"
    client.change(path, text, 2)
    result = client.request("textDocument/completion", client.at(path, len(lines) - 1, 15))
    assert result["isIncomplete"] is False
    # "Claim 29" itself is written already.
    assert _labels(result) == [f"Claim {n}" for n in range(290, 300)]


# -- symbols and folding ---------------------------------------------------------------------


def test_document_symbols(client: Client, folder: Path) -> None:
    path = _brief(folder, "symbols.argdown")
    client.open(path, BRIEF)
    symbols = client.request(
        "textDocument/documentSymbol", {"textDocument": {"uri": path.as_uri()}}
    )

    def outline(items: list[dict[str, Any]]) -> list[Any]:
        return [
            (item["name"], item.get("detail", ""), outline(item.get("children") or []))
            for item in items
        ]

    assert outline(symbols) == [
        (
            "Case",
            "",
            [
                # Under the evidence standard a claim stands on evidence: [Survey]
                # holds the thesis up; nothing holds up the others.
                ("[Uniforms]", "thesis · in", []),
                ("[Survey]", "evidence · in", []),
                ("<Cost>", "argument · out", []),
                ("[Price]", "claim · out", []),
                ("Answers", "", [("[Thrift]", "claim · out", [])]),
            ],
        )
    ]
    case = symbols[0]
    # To the end of the brief, after its last line break.
    assert case["range"] == _range(0, 0, 0) | {"end": {"line": 12, "character": 0}}


def test_folding_ranges(client: Client, folder: Path) -> None:
    text = "===\ntitle: Uniforms\n===\n\n" + BRIEF
    path = _brief(folder, "folding.argdown", text)
    client.open(path, text)
    ranges = client.request("textDocument/foldingRange", {"textDocument": {"uri": path.as_uri()}})
    found = sorted((r["startLine"], r["endLine"], r.get("kind", "")) for r in ranges)
    assert found == [
        (0, 2, ""),  # the front matter's lines, one block
        (0, 2, "imports"),  # the front matter
        (4, 15, "region"),  # "# Case" to the end
        (6, 10, ""),  # the block under it
        (12, 15, "region"),  # "## Answers"
        (14, 15, ""),
    ]


# -- formatting ------------------------------------------------------------------------------


def test_formatting_is_argmap_fmt(client: Client, folder: Path) -> None:
    messy = (
        "[T]:   Uniforms.  #thesis   \n   +   [S]:  Less teasing. #evidence\n\n\n\n[X]: 😀 Other.\n"
    )
    path = _brief(folder, "messy.argdown", messy)
    client.open(path, messy)
    edits = client.request(
        "textDocument/formatting",
        {"textDocument": {"uri": path.as_uri()}, "options": {"tabSize": 2, "insertSpaces": True}},
    )
    formatted = _apply(messy, edits)
    assert formatted.split("\n")[1] == "  + [S]: Less teasing. #evidence"
    assert "\n\n\n" not in formatted
    fmt = run(["fmt", "-"], input=messy)
    assert formatted == fmt.stdout
    # Formatted already: nothing to change.
    client.change(path, formatted, 2)
    again = client.request(
        "textDocument/formatting",
        {"textDocument": {"uri": path.as_uri()}, "options": {"tabSize": 2, "insertSpaces": True}},
    )
    assert again == []


def test_formatting_leaves_a_brief_with_syntax_errors(client: Client, folder: Path) -> None:
    broken = "[T]: Uniforms. #thesis {source: Doe: 2019}\n"
    path = _brief(folder, "broken.argdown", broken)
    client.open(path, broken)
    after = len(client.notifications)
    edits = client.request(
        "textDocument/formatting",
        {"textDocument": {"uri": path.as_uri()}, "options": {"tabSize": 2, "insertSpaces": True}},
    )
    assert edits is None
    message = client.wait_for("window/showMessage", after=after)
    assert "syntax errors, so it is left as it is" in message["message"]


# -- code actions ----------------------------------------------------------------------------


def _actions(client: Client, path: Path, line: int, start: int, end: int) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": path.as_uri()},
            "range": _range(line, start, end),
            "context": {"diagnostics": []},
        },
    )
    return result


def _fixed(path: Path, text: str, action: dict[str, Any]) -> str:
    return _apply(text, action["edit"]["changes"][path.as_uri()])


def test_quick_fix_did_you_mean(client: Client, folder: Path) -> None:
    path = _brief(folder, "typo.argdown")
    client.open(path, BRIEF)
    [action] = _actions(client, path, 6, 6, 6)
    assert action["title"] == "Replace with [Survey]"
    assert action["kind"] == "quickfix"
    assert action["diagnostics"][0]["code"] == "AM101"
    assert _fixed(path, BRIEF, action) == BRIEF.replace("[Survy]", "[Survey]")


def test_quick_fix_misspelt_mention(client: Client, folder: Path) -> None:
    text = BRIEF.replace("@[Survey]", "@[Survye]")
    path = _brief(folder, "mention.argdown", text)
    client.open(path, text)
    # Both titles close to the misspelt one, in the message's order; the first preferred.
    first, second = _actions(client, path, 4, 40, 40)
    assert (first["title"], first.get("isPreferred")) == ("Replace with @[Survy]", True)
    assert (second["title"], second.get("isPreferred")) == ("Replace with @[Survey]", None)
    assert _fixed(path, text, second) == BRIEF


def test_quick_fix_evidence_tag(client: Client, folder: Path) -> None:
    path = _brief(folder, "tag.argdown")
    client.open(path, BRIEF)
    actions = _actions(client, path, 11, 48, 48)
    assert [a["title"] for a in actions] == ["Write #evidence"]
    assert _fixed(path, BRIEF, actions[0]) == BRIEF.replace("#Evidence", "#evidence")


def test_quick_fix_citation_in_the_text(client: Client, folder: Path) -> None:
    text = "[T]: Uniforms. #thesis\n  + [Study]: Grades rose (Roe 2021). // a note\n"
    path = _brief(folder, "citation.argdown", text)
    client.open(path, text)
    titles = {a["title"]: a for a in _actions(client, path, 1, 25, 25)}
    action = titles['Write the citation as data, {cite: "Roe 2021"}']
    # The data goes before the comment, which would swallow it.
    assert _fixed(path, text, action).split("\n")[1] == (
        '  + [Study]: Grades rose. {cite: "Roe 2021"} // a note'
    )


def test_quick_fix_mark_as_evidence(client: Client, folder: Path) -> None:
    text = (
        "[T]: Uniforms. #thesis\n"
        "  + [S]: Less teasing. // from the survey\n"
        '  + [R]: Fewer fights. #evidence {cite: "Doe 2019"}\n'
    )
    path = _brief(folder, "leaf.argdown", text)
    client.open(path, text)
    titles = {a["title"]: a for a in _actions(client, path, 1, 5, 5)}
    action = titles["Mark [S] as evidence (#evidence)"]
    assert _fixed(path, text, action).split("\n")[1] == (
        "  + [S]: Less teasing. #evidence // from the survey"
    )
    # The thesis rests on [S]: it is not a leaf, and is not offered #evidence.
    thesis = [a["title"] for a in _actions(client, path, 0, 1, 1)]
    assert "Mark [T] as evidence (#evidence)" not in thesis


def test_quick_fix_cite_stub(client: Client, folder: Path) -> None:
    text = (
        "[T]: Uniforms. #thesis\n"
        "  + [S]: Less teasing. #evidence\n"
        "  + [R]: Fewer fights. #evidence {year: 2020}\n"
    )
    path = _brief(folder, "stub.argdown", text)
    client.open(path, text)
    [action] = [a for a in _actions(client, path, 1, 5, 5) if "cite" in a["title"]]
    assert action["title"] == 'Add {cite: ""} to [S]'
    assert (
        _fixed(path, text, action).split("\n")[1] == '  + [S]: Less teasing. #evidence {cite: ""}'
    )
    [action] = [a for a in _actions(client, path, 2, 5, 5) if "cite" in a["title"]]
    assert action["title"] == 'Add cite: "" to the data of [R]'
    assert _fixed(path, text, action).split("\n")[2] == (
        '  + [R]: Fewer fights. #evidence {cite: "", year: 2020}'
    )


def test_quick_fix_quotes_a_yaml_value(client: Client, folder: Path) -> None:
    text = "[T]: Uniforms. #thesis\n  + [S]: Less teasing. #evidence {source: Doe: 2019}\n"
    path = _brief(folder, "yaml.argdown", text)
    published = client.open(path, text)
    [error] = [d for d in published["diagnostics"] if d["code"] == "AM001"]
    line = error["range"]["start"]["line"]
    character = error["range"]["start"]["character"]
    [action] = _actions(client, path, line, character, character)
    assert action["title"] == "Quote the value of source"
    fixed = _fixed(path, text, action)
    assert fixed.split("\n")[1] == '  + [S]: Less teasing. #evidence {source: "Doe: 2019"}'
    after = client.change(path, fixed, 2)
    assert "AM001" not in {d["code"] for d in after["diagnostics"]}


def test_quick_fix_quotes_a_front_matter_value(client: Client, folder: Path) -> None:
    text = "===\ntitle: Uniforms: a case\n===\n\n[T]: Uniforms. #thesis\n"
    path = _brief(folder, "front.argdown", text)
    published = client.open(path, text)
    [error] = [d for d in published["diagnostics"] if d["code"] == "AM002" or d["code"] == "AM001"]
    start = error["range"]["start"]
    [action] = _actions(client, path, start["line"], start["character"], start["character"])
    fixed = _fixed(path, text, action)
    assert fixed.split("\n")[1] == 'title: "Uniforms: a case"'


# -- encodings, included briefs, Markdown ------------------------------------------------------


def test_a_client_that_counts_utf8_gets_utf8(tmp_path: Path) -> None:
    path = _brief(tmp_path, "bytes.argdown")
    client = Client()
    try:
        result = client.initialize(
            tmp_path, {"general": {"positionEncodings": ["utf-8", "utf-16"]}}
        )
        assert result["capabilities"]["positionEncoding"] == "utf-8"
        client.open(path, BRIEF)
        # "@[Survey]" after the emoji: the title is 43 bytes into its line (the emoji
        # takes four).
        line = BRIEF.split("\n")[4]
        assert len(line[:40].encode("utf-8")) == 43
        hover = client.request("textDocument/hover", client.at(path, 4, 45))
        assert hover["range"] == _range(4, 43, 49)
    finally:
        client.close()


def test_definition_in_an_included_brief(client: Client, tmp_path: Path) -> None:
    blocks = _brief(tmp_path, "blocks.argdown", '[Card]: A card. #evidence {cite: "Doe"}\n')
    text = "@include(blocks.argdown)\n\n[T]: Uniforms. #thesis\n  + [Card]\n"
    case = _brief(tmp_path, "case.argdown", text)
    published = client.open(case, text)
    # Findings about the included brief are its own (argmap check names them so).
    assert all(d["range"]["start"]["line"] >= 2 for d in published["diagnostics"])
    found = client.request("textDocument/definition", client.at(case, 3, 6))
    assert found == [{"uri": blocks.as_uri(), "range": _range(0, 0, 7)}]
    assert (
        "cite: Doe"
        in client.request("textDocument/hover", client.at(case, 3, 6))["contents"]["value"]
    )


def test_a_markdown_file_with_an_argdown_block(client: Client, tmp_path: Path) -> None:
    text = (
        "# Notes\n\nOur case:\n\n```argdown\n[T]: Uniforms. #thesis\n  + [Survy]\n"
        '  + [Survey]: Less teasing. #evidence {cite: "Doe"}\n```\n'
    )
    path = _brief(tmp_path, "notes.md", text)
    published = client.open(path, text)
    undefined = next(d for d in published["diagnostics"] if d["code"] == "AM101")
    assert undefined["range"] == _range(6, 4, 11)  # in the Markdown file's lines
    assert _as_check_reports(path, published) == _reports(_check_json(path))
    found = client.request("textDocument/definition", client.at(path, 7, 7))
    assert found == [{"uri": path.as_uri(), "range": _range(7, 5, 11)}]
    [action] = _actions(client, path, 6, 6, 6)
    assert _fixed(path, text, action).split("\n")[6] == "  + [Survey]"


def test_saving_an_included_brief_checks_the_brief_that_includes_it(
    client: Client, tmp_path: Path
) -> None:
    blocks_text = '[Crad]: A card. #evidence {cite: "Doe 2019"}\n'
    blocks = _brief(tmp_path, "blocks.argdown", blocks_text)
    text = "@include(blocks.argdown)\n\n[T]: Uniforms. #thesis\n  + [Card]\n"
    case = _brief(tmp_path, "case.argdown", text)
    before = client.open(case, text)
    # The included brief misspells the title the case refers to.
    assert ("AM101", 3) in {(d["code"], d["range"]["start"]["line"]) for d in before["diagnostics"]}
    client.open(blocks, blocks_text)
    cited = '[Card]: A card. #evidence {cite: "Doe 2019"}\n'
    blocks.write_text(cited, encoding="utf-8")
    client.change(blocks, cited, 2)
    after = len(client.notifications)
    client.notify("textDocument/didSave", {"textDocument": {"uri": blocks.as_uri()}})
    again = client.wait_for("textDocument/publishDiagnostics", case.as_uri(), after)
    assert "AM101" not in {d["code"] for d in again["diagnostics"]}
    expected = [d for d in _check_json(case) if d["file"] == str(case)]
    assert _as_check_reports(case, again) == _reports(expected)


def test_arguments_and_their_mentions(client: Client, folder: Path) -> None:
    text = (
        "[T]: Uniforms. #thesis\n"
        "  <+ <Cost>: Cheaper than @<Cost> says, and @<Co\n"
        "\n"
        "<Cost>\n"
        '  + [S]: Prices fell. #evidence {cite: "Doe"}\n'
    )
    (folder / "arguments").mkdir()
    path = _brief(folder / "arguments", "arguments.argdown", text)
    client.open(path, text)
    highlights = client.request("textDocument/documentHighlight", client.at(path, 3, 2))
    assert [h["range"] for h in highlights] == [
        _range(1, 6, 10),  # <Cost>: defined
        _range(1, 28, 32),  # @<Cost> mentioned
        _range(3, 1, 5),  # <Cost> referred to
    ]
    found = client.request("textDocument/definition", client.at(path, 1, 30))
    assert found == [{"uri": path.as_uri(), "range": _range(1, 6, 10)}]
    hover = client.request("textDocument/hover", client.at(path, 3, 1))
    assert hover["contents"]["value"].startswith("**\\<Cost\\>** · argument · verdict **in**")
    completed = client.request("textDocument/completion", client.at(path, 1, 50))
    assert [(i["label"], i["textEdit"]["newText"]) for i in completed["items"]] == [
        ("Cost", "Cost>")
    ]


@pytest.mark.parametrize("brief", sorted((ROOT / "briefs").glob("*.argdown")), ids=lambda p: p.name)
def test_the_real_briefs_findings_are_argmap_checks(client: Client, brief: Path) -> None:
    text = brief.read_text(encoding="utf-8")
    published = client.open(brief, text)
    assert _as_check_reports(brief, published) == _reports(_check_json(brief))
    after = len(client.notifications)
    client.notify("textDocument/didClose", {"textDocument": {"uri": brief.as_uri()}})
    client.wait_for("textDocument/publishDiagnostics", brief.as_uri(), after)
