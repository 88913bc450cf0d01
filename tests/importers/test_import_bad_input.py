"""Files that cannot be imported: a clear message with the place of the problem, exit 2,
nothing written, no traceback; and XML that tries to expand entities or fetch files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import assert_no_traceback, run


def _nodeset(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str]]) -> str:
    """An AIF file, one node or edge a line (so that messages can name the line)."""
    lines = ['{"nodes": [']
    lines += [
        json.dumps({"nodeID": i, "text": text, "type": kind}) + ("," if k < len(nodes) - 1 else "")
        for k, (i, text, kind) in enumerate(nodes)
    ]
    lines.append('], "edges": [')
    lines += [
        json.dumps({"edgeID": str(k + 1), "fromID": a, "toID": b})
        + ("," if k < len(edges) - 1 else "")
        for k, (a, b) in enumerate(edges)
    ]
    lines.append("]}")
    return "\n".join(lines) + "\n"


CLAIM = ("1", "Schools should require uniforms.", "I")
REASON = ("2", "Uniforms reduce teasing.", "I")

BAD = {
    "malformed.json": (
        '{"nodes": [{"nodeID": "1",\n "text": }]}',
        "malformed.json:2:10: invalid JSON",
    ),
    "missing.json": (
        _nodeset([CLAIM, REASON, ("3", "Default Inference", "RA")], [("2", "3"), ("3", "9")]),
        "missing.json:7:2: edge 2: toID 9 is not a node of the file",
    ),
    "cycle.json": (
        _nodeset(
            [CLAIM, ("3", "Default Inference", "RA"), ("4", "Default Inference", "RA")],
            [("1", "3"), ("3", "4"), ("4", "3")],
        ),
        "cycle.json:3:2: a cycle of inferences and conflicts: RA 3 → RA 4 → RA 3",
    ),
    "open.json": (
        _nodeset([CLAIM, REASON, ("3", "Default Inference", "RA")], [("2", "3")]),
        "open.json:4:2: RA node 3 has no conclusion",
    ),
    "itself.json": (
        _nodeset([CLAIM, ("3", "Default Inference", "RA")], [("1", "3"), ("3", "1")]),
        "itself.json:3:2: RA node 3 concludes its own premise [1]",
    ),
    "deep.json": ('{"nodes": ' + "[" * 100_000, "deep.json: invalid JSON: nested too deeply"),
    "notaif.json": ('{"nodes": {"1": "x"}}', 'notaif.json:1:1: not AIF: "nodes" must be a list'),
    "broken.xml": (
        '<arggraph id="x">\n  <edu id="e1">Text</edu>\n  <adu id="a1" type="pro">\n</arggraph>\n',
        "broken.xml:4:3: invalid XML: mismatched tag",
    ),
    "dangling.xml": (
        '<arggraph id="x">\n  <edu id="e1">Text</edu>\n  <adu id="a1" type="pro"/>\n'
        '  <edge id="c1" src="e1" trg="a1" type="seg"/>\n'
        '  <edge id="c2" src="a1" trg="c9" type="und"/>\n</arggraph>\n',
        "dangling.xml:5:3: edge c2 (und) ends at c9, which is not an argument's edge",
    ),
    "laughs.xml": (
        '<?xml version="1.0"?>\n<!DOCTYPE arggraph [\n <!ENTITY a "ha">\n'
        ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n'
        ' <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
        '<arggraph id="x"><edu id="e1">&c;</edu></arggraph>\n',
        "laughs.xml:3:2: XML refused: the file declares the entity 'a'; argmap expands no "
        "entities and fetches nothing a file refers to",
    ),
    "external.xml": (
        '<?xml version="1.0"?>\n<!DOCTYPE arggraph [\n'
        ' <!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n'
        '<arggraph id="x"><edu id="e1">&secret;</edu></arggraph>\n',
        "external.xml:3:2: XML refused: the file declares the entity 'secret'",
    ),
    "link.txt": (
        "Discussion Title: Uniforms?\n\n1. Schools should require uniforms.\n"
        "1.1. Pro: -> See 1.4.\n",
        "link.txt:4:1: claim 1.1 links to 1.4, which the file does not have",
    ),
    "orphan.txt": (
        "Discussion Title: Uniforms?\n\n1. Schools should require uniforms.\n"
        "1.2.1. Con: They cost money.\n",
        "orphan.txt:4:1: claim 1.2.1 has no claim above it (1.2)",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
@pytest.mark.parametrize("command", ["import", "check", "show"])
def test_a_bad_file_is_a_located_message(tmp_path: Path, name: str, command: str) -> None:
    text, message = BAD[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    source_format = {"json": "aif", "xml": "microtext", "txt": "kialo"}[name.rsplit(".", 1)[1]]
    args = ["import", "--from", source_format] if command == "import" else [command]
    result = run([*args, str(path)])
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"argmap: error: {tmp_path / message}" in result.stderr, result.stderr


@pytest.mark.parametrize("name", ["missing.json", "laughs.xml"])
def test_nothing_is_written_for_a_bad_file(tmp_path: Path, name: str) -> None:
    text, _ = BAD[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "brief.argdown"
    out.write_text("[Kept]: as it was.\n", encoding="utf-8")
    result = run(["import", str(path), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "[Kept]: as it was.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "brief.argdown"])


def test_a_nodeset_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    """A 50 MB nodeset reads (docs/imports.md gives the time); over ARGMAP_MAX_BYTES a file
    is refused before it is read, whatever its format."""
    nodes = [(str(k), f"Statement {k} about uniforms.", "I") for k in range(1, 2001)]
    path = tmp_path / "large.json"
    path.write_text(_nodeset(nodes, []), encoding="utf-8")
    out = tmp_path / "large.argdown"
    result = run(["import", str(path), "-o", str(out)], env={"ARGMAP_MAX_BYTES": "10000"})
    assert result.exit_code == 2
    assert "the brief is too large" in result.stderr
    assert "ARGMAP_MAX_BYTES" in result.stderr
    assert not out.exists()
    whole = run(["import", str(path), "-o", str(out)])
    assert whole.exit_code == 0, whole.stderr
    assert "read: statements 2000," in whole.stderr


def test_an_encoding_declared_in_xml_is_the_utf8_argmap_read(tmp_path: Path) -> None:
    path = tmp_path / "latin.xml"
    path.write_text(
        "<?xml version='1.0' encoding='ISO-8859-1'?>\n<arggraph id=\"x\">\n"
        '  <edu id="e1">Caf\u00e9s should stay open.</edu>\n  <adu id="a1" type="pro"/>\n'
        '  <edge id="c1" src="e1" trg="a1" type="seg"/>\n</arggraph>\n',
        encoding="utf-8",
    )
    result = run(["import", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "[a1]: Caf\u00e9s should stay open." in result.stdout


def test_a_file_that_is_not_utf8_is_refused_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"Discussion Title: Caf\xe9s?\n\n1. Open late.\n")
    result = run(["import", str(path)])
    assert result.exit_code == 2
    assert f"argmap: error: {path}:1:22: invalid UTF-8 byte 0xe9" in result.stderr
