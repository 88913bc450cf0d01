"""Importing AIF, microtext XML and Kialo exports: each fixture (written here) against the
map written by hand next to it (``fixtures/NAME.argdown``), and what the import says it
read and left out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from argmap.formatter import format_brief
from argmap.importers import brief, detect, load_import, read_draft
from argmap.loader import load, loads
from argmap.model import ArgumentMap
from tests.cli_runner import assert_no_traceback, run

FIXTURES = Path(__file__).parent / "fixtures"


def graph(amap: ArgumentMap) -> dict[str, Any]:
    """What a map says, by title: statements (text, tags, data), reconstructed arguments
    (premises, rules, conclusion) and relations (an undercut of an inference names the
    argument)."""
    nodes = {}
    arguments = {}
    for node in amap.nodes:
        if node.pcs:
            rules = [tuple(m.inference.rules) for m in node.pcs if m.inference is not None]
            members = [(amap.node(m.statement).title, m.role) for m in node.pcs]
            arguments[node.title] = (members, rules)
        else:
            nodes[node.title] = (node.text, sorted(node.tags), node.data)
    edges = sorted(
        (amap.node(e.source).title, e.relation, amap.node(e.target).title, e.step)
        for e in amap.edges
    )
    return {"title": amap.title, "nodes": nodes, "arguments": arguments, "edges": edges}


def expected(name: str) -> dict[str, Any]:
    amap = loads((FIXTURES / f"{name}.argdown").read_text(encoding="utf-8"), name)
    assert not amap.diagnostics, amap.diagnostics
    return graph(amap)


def fixture(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


CASES = [
    ("aif_all.json", "aif"),
    ("microtext_all.xml", "microtext"),
    ("kialo_classic.txt", "kialo"),
    ("kialo_new.txt", "kialo"),
]


@pytest.mark.parametrize(("name", "source_format"), CASES)
def test_the_import_is_the_map_written_by_hand(name: str, source_format: str) -> None:
    text = fixture(name)
    assert detect(text) == source_format
    amap = load_import(text, name)
    assert [d.code for d in amap.diagnostics] == ["AM007"]  # the import note alone
    assert graph(amap) == expected(name.rsplit(".", 1)[0])


@pytest.mark.parametrize(("name", "source_format"), CASES)
def test_every_command_reads_the_file_by_its_suffix(name: str, source_format: str) -> None:
    amap = load(FIXTURES / name)
    assert graph(amap) == expected(name.rsplit(".", 1)[0])
    assert amap.front_matter["imported"]["from"] == source_format


def test_aif_counts_and_what_is_left_out() -> None:
    draft = read_draft(fixture("aif_all.json"), "aif_all.json")
    # I nodes; RA 3 and RA 22 (one premise); RA 6 (two); CA 8; CA 10 and CA 12.
    assert draft.counts() == {
        "statements": 8,
        "supports": 2,
        "linked": 1,
        "attacks": 1,
        "undercuts": 2,
    }
    assert dict(draft.left_out) == {
        "L nodes (locutions)": 2,
        "YA nodes (illocutions)": 3,
        "TA nodes (transitions)": 1,
        "MA nodes (rephrases)": 1,
        "PA nodes (preferences)": 1,
        "RA nodes without a premise": 1,
        "nodes listed again": 1,
        "nodes listed again differently (the first kept)": 1,
        "edges listed again": 1,
        "locutions listed again with another speaker (the first kept)": 1,
    }
    assert dict(draft.reshaped) == {
        "RA nodes with several conclusions, read as one inference each": 1,
        "attacks on a conflict, read as undercuts of its attacker": 1,
    }


def test_microtext_counts_are_the_corpus_counts() -> None:
    draft = read_draft(fixture("microtext_all.xml"), "microtext_all.xml")
    # 11 ADUs; sup + exa = 2 (c14 with an added premise, c19); reb + und = 5.
    assert draft.counts() == {
        "statements": 11,
        "supports": 1,
        "linked": 1,
        "attacks": 2,
        "undercuts": 3,
    }
    assert dict(draft.reshaped) == {
        "undercuts of an attack, read as undercuts of its attacker": 2,
        "linked rebuttals, read as one attack per premise": 1,
    }
    assert not draft.left_out


def test_kialo_counts_and_what_is_left_out() -> None:
    draft = read_draft(fixture("kialo_new.txt"), "kialo_new.txt")
    # Claims 1, 1.1, 1.1.1, 1.3 and sources 1, 2; Pro 1.1, 1.3 and three citations; two Cons.
    assert draft.counts() == {
        "statements": 6,
        "supports": 5,
        "linked": 0,
        "attacks": 2,
        "undercuts": 0,
    }
    assert dict(draft.left_out) == {
        "footnotes without a source in the Sources list": 1,
        "sources no claim cites": 1,
    }


def test_an_aif_inside_an_ova3_object_reads_the_same() -> None:
    text = fixture("aif_all.json")
    wrapped = '{"AIF": ' + text + ', "text": "", "OVA": {}}'
    assert detect(wrapped) == "aif"
    assert graph(load_import(wrapped, "ova3.json")) == expected("aif_all")


def test_an_empty_aif_file_is_an_empty_map() -> None:
    assert len(load_import("", "empty.json", "aif")) == 0
    amap = load_import('{"nodes": [], "edges": []}', "none.json")
    assert len(amap) == 0
    assert [d.code for d in amap.diagnostics] == ["AM007"]  # the import note alone


@pytest.mark.parametrize(("name", "source_format"), CASES)
def test_the_written_brief_is_canonical_and_reads_as_the_import(
    name: str, source_format: str
) -> None:
    written, draft = brief(fixture(name), name)
    assert draft.source_format == source_format
    assert written.startswith(f"// Imported from {name} ({source_format}) by argmap import.\n")
    assert format_brief(written, "brief.argdown") == written
    assert graph(loads(written, "brief.argdown")) == expected(name.rsplit(".", 1)[0])


def test_findings_point_into_the_imported_file(tmp_path: Path) -> None:
    result = run(["check", "--format", "parsable", str(FIXTURES / "kialo_classic.txt")])
    assert_no_traceback(result)
    rows = [line.split(": ", 1)[0] for line in result.stdout.splitlines() if ": " in line]
    # "nothing supports [1.2]": the claim on line 8 of the file.
    assert any(line.endswith("kialo_classic.txt:8:1") for line in rows), result.stdout


def test_import_writes_the_brief_and_says_what_it_left_out(tmp_path: Path) -> None:
    out = tmp_path / "uniforms.argdown"
    result = run(["import", str(FIXTURES / "aif_all.json"), "-o", str(out)])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "left out: " in result.stderr
    assert "L nodes (locutions) 2" in result.stderr
    assert "--standard dialectical" in result.stderr
    checked = run(["fmt", "--check", str(out)])
    assert checked.exit_code == 0, checked.stderr
    assert graph(load(out)) == expected("aif_all")


def test_import_names_the_format_or_says_it_cannot_tell(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("1. Uniforms help.\n1.1. Pro: They reduce teasing.\n", encoding="utf-8")
    result = run(["import", str(notes)])
    assert result.exit_code == 2
    assert "cannot tell the format" in result.stderr
    assert "--from" in result.stderr
    named = run(["import", "--from", "kialo", str(notes)])
    assert named.exit_code == 0, named.stderr
    assert "[1.1]: They reduce teasing.\n\n[1.1]\n  +> [1]\n" in named.stdout


def test_show_reads_a_nodeset(tmp_path: Path) -> None:
    result = run(["show", "--standard", "dialectical", str(FIXTURES / "aif_all.json")])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert "Schools should require uniforms." in result.stdout
    assert "<RA 6>" in result.stdout


def test_aif_ids_argdown_cannot_write_get_titles_of_their_own() -> None:
    text = json.dumps(
        {
            "timestamp": "2024-05-01",
            "nodes": [
                {"nodeID": 1, "text": "Ban cars\ndowntown.", "type": "I"},
                {"nodeID": "a]b", "text": "Air is #bad [really].", "type": "I"},
                {"nodeID": "-3", "text": "Default Inference", "type": "RA"},
            ],
            "edges": [{"edgeID": 1, "fromID": "a]b", "toID": "-3"}, {"fromID": "-3", "toID": 1}],
        }
    )
    assert detect(text) == "aif"
    amap = load_import(text, "odd.json")
    assert [d.code for d in amap.diagnostics] == ["AM007"]  # the import note alone
    assert [(n.title, n.text, n.tags) for n in amap.nodes] == [
        ("1", "Ban cars downtown.", ["thesis"]),
        # The tag in the text stays a tag, as Argdown reads it.
        ("I 2", "Air is #bad [really].", ["bad"]),
    ]
    assert [(e.source, e.relation, e.target) for e in amap.edges] == [
        ("statement:I 2", "support", "statement:1")
    ]


def test_kialo_claims_indented_without_numbers_and_several_theses() -> None:
    text = (
        "Discussion Name:\n"
        "Uniforms?\n\n"
        "Thesis: Schools should require uniforms.\n"
        "  Pro: Uniforms reduce teasing.\n"
        "    Con: Teasing moves to shoes.\n"
        "  Con: Uniforms cost money.\n"
        "Thesis: Schools should not require uniforms.\n"
        "  Pro: -> See 1.2.\n"
    )
    amap = load_import(text, "two.txt")
    assert [d.code for d in amap.diagnostics] == ["AM007"]  # the import note alone
    assert amap.title == "Uniforms?"
    assert [(n.title, n.text) for n in amap.theses] == [
        ("1", "Schools should require uniforms."),
        ("2", "Schools should not require uniforms."),
    ]
    edges = sorted((e.source, e.relation, e.target) for e in amap.edges)
    assert edges == [
        ("statement:1.1", "support", "statement:1"),
        ("statement:1.1.1", "attack", "statement:1.1"),
        ("statement:1.2", "attack", "statement:1"),
        ("statement:1.2", "support", "statement:2"),
    ]


def test_fmt_never_rewrites_a_file_argmap_imports(tmp_path: Path) -> None:
    path = tmp_path / "loose.txt"
    original = "Discussion Title: Uniforms?\n\n1. Schools   should require uniforms.  \n"
    path.write_text(original, encoding="utf-8")
    result = run(["fmt", str(path)])
    assert result.exit_code == 1
    assert "a Kialo export, not a brief (argmap import writes one); left unchanged" in (
        result.stderr
    )
    assert path.read_text(encoding="utf-8") == original


def test_argmap_json_is_not_aif_whatever_its_first_key() -> None:
    exported = run(["export", "--format", "json", str(FIXTURES / "kialo_classic.txt")]).stdout
    data = json.loads(exported)
    reordered = json.dumps({"nodes": data["nodes"], **data})
    assert detect(exported) is None
    assert detect(reordered) is None
    # however many kilobytes of nodes come before argmap's own key
    data["nodes"][0]["text"] = "x" * 100_000
    assert detect(json.dumps({"nodes": data["nodes"], **data})) is None
    assert detect(fixture("aif_all.json")) == "aif"


def test_a_numbered_list_inside_a_kialo_claim_stays_in_the_claim() -> None:
    text = (
        "Discussion Title: Uniforms?\n\n"
        "1. Schools should require uniforms.\n"
        "1.1. Pro: Three reasons:\n"
        "1. less teasing,\n"
        "3. less choosing,\n"
        "2021. fewer fights.\n"
        "2. Schools should let pupils choose.\n"
    )
    amap = load_import(text, "list.txt")
    assert [(n.title, n.text) for n in amap.nodes] == [
        ("1", "Schools should require uniforms."),
        ("1.1", "Three reasons: 1. less teasing, 3. less choosing, 2021. fewer fights."),
        ("2", "Schools should let pupils choose."),
    ]


@pytest.mark.parametrize(
    ("text", "source_format"),
    [
        ('{"nodes": [], "edges": []}', "aif"),
        ("Discussion Title: Uniforms?\n\n1. Uniforms   help,\tsay   teachers.\n", "kialo"),
    ],
)
def test_an_empty_map_and_runs_of_spaces_are_written_canonically(
    text: str, source_format: str
) -> None:
    written, _ = brief(text, "file", source_format)
    assert format_brief(written, "brief.argdown") == written


def test_a_kialo_source_may_have_a_colon_after_its_number() -> None:
    text = (
        "Discussion Title: Uniforms?\n\n1. Uniforms help.[1]\n\n"
        "Sources:\n[1]: https://example.org/a \u201cA third less teasing.\u201d\n"
    )
    amap = load_import(text, "colon.txt")
    source = amap.node("statement:Source 1")
    assert (source.text, source.data, source.kind) == (
        "A third less teasing.",
        {"url": "https://example.org/a"},
        "evidence",
    )
