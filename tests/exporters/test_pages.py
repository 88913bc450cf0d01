"""Pictures on pages: --page lays a drawing out for a sheet, --split draws one page per
section or thesis, joined into one PDF. Sizes are read from the PDF Graphviz and pypdf
wrote (each page's MediaBox), and legibility from the scale Graphviz drew each page at."""

from __future__ import annotations

import builtins
import dataclasses
import io
import re
import sys
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.evaluate import evaluate
from argmap.exporters import ExportError, dot, graphviz, pages
from tests.cli_runner import assert_no_traceback, run

BRIEFS = Path(__file__).resolve().parents[2] / "briefs"
SEED = BRIEFS / "japan-rok-trilateral.argdown"
needs_dot = pytest.mark.needs("dot")

LETTER = (612.0, 792.0)  # 8.5 × 11 inches, in PDF points
SMALLEST_PRINTED = 6.5  # points: the smallest text we call legible on paper
NODE_TEXT_PRINTED = 7.0  # points: a node's own text


def media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's width and height in points, as a PDF reader sees them."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]


def section_titles(amap: argmap.ArgumentMap) -> dict[str, str]:
    return {section.id: section.title for section in amap.sections}


# -- splitting a map -------------------------------------------------------------------------


def test_split_by_section_keeps_each_sections_nodes_and_what_they_answer() -> None:
    amap = argmap.load(SEED)
    parts = pages.split(amap, "section")
    # "Case" holds only the thesis, which every page of its subsections shows: no page.
    assert [part.title.split(" — ")[1] for part in parts] == [
        "Why the US must repair relations between its allies",
        "How: trilateral cooperation and summit diplomacy",
        "Building on the Biden administration’s steps",
        "What renewed trilateral focus achieves",
        "Rebuttals and responses",
    ]
    titles = section_titles(amap)
    thesis = amap.find("Trilateral Repair")
    assert thesis is not None
    for part in parts:
        heading = part.title.split(" — ")[1]
        own = [node for node in part.nodes if titles.get(node.section or "") == heading]
        assert own, heading
        # Each node from elsewhere is there because a node of the page relates to it.
        for node in part.nodes:
            if node not in own:
                assert any(
                    edge.target == node.id for member in own for edge in amap.outgoing(member.id)
                ), (heading, node.title)
        assert thesis.id in {node.id for node in part.nodes}  # every page argues for it
        assert [node.id for node in part.theses] == [thesis.id]
    rebuttals = parts[-1]
    assert sorted(node.title for node in rebuttals.nodes) == [
        "Diplomatic Option",
        "Domestic Politics",
        "No Place for the US",
        "Trilateral Repair",
    ]
    # Every node of the brief is on some page.
    assert set().union(*({node.id for node in part.nodes} for part in parts)) == {
        node.id for node in amap.nodes
    }


def test_split_by_thesis() -> None:
    amap = argmap.loads(
        "[A]: First thesis. #thesis\n"
        "  + [A1]: For A.\n\n"
        "[B]: Second thesis. #thesis\n"
        "  - [B1]: Against B.\n"
        "    - [B2]: Against B1.\n\n"
        "[Loose]: Reaches no thesis.\n",
        "two.argdown",
    )
    parts = pages.split(amap, "thesis")
    assert [[node.title for node in part.nodes] for part in parts] == [
        ["A", "A1"],
        ["B", "B1", "B2"],
        ["Loose"],
    ]
    assert [part.title for part in parts] == ["[A]", "[B]", "Not connected to a thesis"]


def test_nothing_to_split_by_is_one_page() -> None:
    amap = argmap.loads("[A]: One. #thesis\n  + [B]: Two.\n")
    assert pages.split(amap, "section") == [amap]
    assert pages.split(amap, "thesis") == [amap]
    with pytest.raises(ValueError, match="unknown split"):
        pages.split(amap, "chapter")


# -- page layout -----------------------------------------------------------------------------


def test_page_attributes_fit_inside_the_margins() -> None:
    amap = argmap.load(SEED)
    source = dot.export(amap, page=dot.PAGES["letter"])
    # 8.5 in less two 0.4 in margins, Graphviz's two 4 pt pads and a little slack.
    assert 'size="7.57,10.07", ratio=compress, margin="0.4", rankdir=BT' in source
    wide = dot.export(amap, page=dataclasses.replace(dot.PAGES["slide"], rankdir="RL"))
    assert "rankdir=RL" in wide
    assert "labelloc=t];" in wide  # under RL the top of a section's frame is "t"
    # Labels wrap narrower on a page: no label line of a node is longer than 22 characters
    # plus the verdict mark (the badge lists rule names whole).
    for line in source.splitlines():
        if line.lstrip().startswith("n") and "label=" in line:
            label = re.search(r'label="((?:[^"\\]|\\.)*)"', line)
            assert label is not None
            for text in label.group(1).split("\\n"):
                assert len(text) <= 24 or text.startswith("⚠"), text


def test_unknown_page() -> None:
    with pytest.raises(ExportError, match="unknown page 'legal'; choose from letter, a4, slide"):
        graphviz.page_named("legal")


@needs_dot
def test_letter_page_of_the_seed_brief_is_no_larger_than_letter(tmp_path: Path) -> None:
    out = tmp_path / "seed.pdf"
    result = run(["export", str(SEED), "--page", "letter", "-o", str(out)])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.stderr
    # The whole brief on one sheet is small print, and argmap says so, with what helps.
    assert result.stderr == (
        "argmap: warning: the picture is drawn at 29% to fit a letter page: its text prints "
        "at 3.2 points; --split section or --split thesis draws one page each\n"
    )
    boxes = media_boxes(out.read_bytes())
    assert len(boxes) == 1
    width, height = boxes[0]
    assert width <= LETTER[0], boxes
    assert height <= LETTER[1], boxes


@needs_dot
@pytest.mark.parametrize("page", ["letter", "a4", "slide"])
def test_split_pages_fit_the_page_and_print_legibly(page: str, tmp_path: Path) -> None:
    """Every page of the seed brief split by section fits the sheet, and its smallest text
    prints at 6.5 points or more, its nodes' text at 7 or more."""
    out = tmp_path / "seed.pdf"
    result = run(["export", str(SEED), "--page", page, "--split", "section", "-o", str(out)])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.stderr
    if page != "slide":
        assert "warning" not in result.stderr  # every page prints legibly
    sheet = dot.PAGES[page]
    boxes = media_boxes(out.read_bytes())
    amap = argmap.load(SEED)
    parts = pages.split(amap, "section")
    assert len(boxes) == len(parts) == 5
    for width, height in boxes:
        assert width <= sheet.width * 72, (page, boxes)
        assert height <= sheet.height * 72, (page, boxes)
    if page == "slide":
        return  # a slide is for a screen: its pages fit, which is all it promises
    assert_legible(amap, parts, sheet)


def assert_legible(
    amap: argmap.ArgumentMap, parts: list[argmap.ArgumentMap], sheet: dot.Page
) -> None:
    """Each part, laid out for the sheet as the export lays it out, prints its smallest
    text at SMALLEST_PRINTED points or more and its nodes' text at NODE_TEXT_PRINTED."""
    evaluation, findings = evaluate(amap), argmap.check(amap)
    for part in parts:
        source = graphviz.fitted(part, evaluation, findings, sheet)
        svg = graphviz.render(source, "svg")
        scale = graphviz.drawn_scale(svg)
        sizes = [float(size) for size in re.findall(rb'font-size="([0-9.]+)"', svg)]
        assert min(sizes) * scale >= SMALLEST_PRINTED, (part.title, scale, min(sizes))
        assert 11 * scale >= NODE_TEXT_PRINTED, (part.title, scale)


@needs_dot
@pytest.mark.parametrize("brief", sorted(BRIEFS.glob("*.argdown")), ids=lambda path: path.stem)
def test_every_brief_split_by_section_prints_legibly_on_letter(brief: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.pdf"
    result = run(["export", str(brief), "--page", "letter", "--split", "section", "-o", str(out)])
    assert_no_traceback(result)
    assert result.exit_code in (0, 1), result.stderr
    assert "warning: page" not in result.stderr
    amap = argmap.load(brief)
    parts = pages.split(amap, "section")
    boxes = media_boxes(out.read_bytes())
    assert len(boxes) == len(parts)
    for width, height in boxes:
        assert width <= LETTER[0]
        assert height <= LETTER[1]
    assert_legible(amap, parts, dot.PAGES["letter"])


@needs_dot
def test_split_by_thesis_pdf(tmp_path: Path) -> None:
    brief = tmp_path / "two.argdown"
    brief.write_text("[A]: First. #thesis\n  + [A1]: For A.\n\n[B]: Second. #thesis\n", "utf-8")
    out = tmp_path / "two.pdf"
    result = run(["export", str(brief), "--split", "thesis", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert len(media_boxes(out.read_bytes())) == 2


@needs_dot
def test_split_page_fits_by_the_larger_scale() -> None:
    """A deep chain draws larger with its levels one above the other on a portrait page,
    a broad fan with them side by side; fitted() picks whichever Graphviz draws larger."""
    chain = "[T]: Thesis. #thesis\n" + "".join(
        f"{'  ' * (level + 1)}+ [C{level}]: Level {level}.\n" for level in range(12)
    )
    fan = "[T]: Thesis. #thesis\n" + "".join(f"  + [F{n}]: Reason {n}.\n" for n in range(12))
    letter = dot.PAGES["letter"]
    chosen_directions = []
    for text in (chain, fan):
        amap = argmap.loads(text)
        chosen = graphviz.fitted(amap, None, (), letter)
        scales = {
            rankdir: graphviz.drawn_scale(
                graphviz.render(
                    dot.export(amap, page=dataclasses.replace(letter, rankdir=rankdir)), "svg"
                )
            )
            for rankdir in ("BT", "RL")
        }
        best = max(scales, key=lambda key: (scales[key], key == "BT"))  # BT wins a tie
        assert f"rankdir={best}" in chosen, scales
        chosen_directions.append(best)
    assert chosen_directions == ["BT", "RL"]  # the chain one above the other, the fan across


def test_split_needs_pdf_and_page_needs_a_picture(tmp_path: Path) -> None:
    for args, message in (
        (["--format", "svg", "--split", "section", "-o", "x.svg"], "use --format pdf, not svg"),
        (["--format", "json", "--page", "a4"], "--page lays out pictures"),
    ):
        result = run(["export", str(SEED), *args])
        assert_no_traceback(result)
        assert result.exit_code == 2
        assert message in result.stderr


@needs_dot
def test_dot_source_for_a_page(tmp_path: Path) -> None:
    result = run(["export", str(SEED), "--format", "dot", "--page", "a4"])
    assert result.exit_code == 0, result.stderr
    assert 'size="7.34,10.76"' in result.stdout
    assert graphviz.render(result.stdout, "svg").startswith(b"<?xml")


def test_join_needs_pypdf(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pypdf(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pypdf" or name.startswith("pypdf."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "pypdf", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pypdf)
    with pytest.raises(ExportError, match=r"install argmap\[pdf\]"):
        pages.join_pdfs([b"%PDF-1", b"%PDF-2"])
    assert pages.join_pdfs([b"%PDF-1"]) == b"%PDF-1"  # one page needs no joining


def test_small_print_warning() -> None:
    letter = dot.PAGES["letter"]
    assert graphviz.small_print(0.6, letter, "the picture", "try this") is None  # 6.6 points
    assert graphviz.small_print(0.5, letter, "page 2 of 3") == (
        "page 2 of 3 is drawn at 50% to fit a letter page: its text prints at 5.5 points"
    )


@needs_dot
def test_one_thesis_split_by_thesis_suggests_sections(tmp_path: Path) -> None:
    out = tmp_path / "seed.pdf"
    result = run(["export", str(SEED), "--page", "letter", "--split", "thesis", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(
        "its text prints at 3.2 points; --split section draws one page per section\n"
    )
    assert len(media_boxes(out.read_bytes())) == 1  # one thesis, one page
