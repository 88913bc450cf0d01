"""The table of export formats: read from the exporter modules' own declarations, without
importing them."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from argmap import exporters
from argmap.exporters import ExportError, exporter, format_for_suffix, formats


def test_every_format_in_order() -> None:
    table = formats()
    assert list(table) == [
        "json",
        "dot",
        "svg",
        "png",
        "pdf",
        "html",
        "graphml",
        "mermaid",
        "markdown",
        "argdown",
        "aif",
        "docx",
    ]
    assert {name: f.suffixes for name, f in table.items()} == {
        "json": (".json",),
        "dot": (".dot", ".gv"),
        "svg": (".svg",),
        "png": (".png",),
        "pdf": (".pdf",),
        "html": (".html", ".htm"),
        "graphml": (".graphml",),
        "mermaid": (".mmd", ".mermaid"),
        "markdown": (".md", ".markdown"),
        "argdown": (".argdown", ".ad"),
        "aif": (".aif",),
        "docx": (".docx",),
    }
    assert {name for name, f in table.items() if f.binary} == {"svg", "png", "pdf", "docx"}
    assert table["png"].module == "argmap.exporters.graphviz"
    assert table["dot"].module == "argmap.exporters.dot"


@pytest.mark.parametrize("name", list(formats()))
def test_the_table_is_what_each_module_declares(name: str) -> None:
    declared = formats()[name]
    module = exporter(name)
    assert module.__name__ == declared.module
    assert module.EXPORTS[name] == declared.suffixes
    assert module.BINARY is declared.binary
    assert callable(module.export)


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [
        (".dot", "dot"),
        (".GV", "dot"),
        (".svg", "svg"),
        (".PDF", "pdf"),
        (".mermaid", "mermaid"),
        (".md", "markdown"),
        (".ad", "argdown"),
        (".txt", None),
        ("", None),
        ("dot", None),
    ],
)
def test_format_for_suffix(suffix: str, expected: str | None) -> None:
    assert format_for_suffix(suffix) == expected


def test_an_unknown_format() -> None:
    with pytest.raises(ExportError) as caught:
        exporter("pptx")
    assert str(caught.value) == (
        "unknown format 'pptx'; choose from "
        "json, dot, svg, png, pdf, html, graphml, mermaid, markdown, argdown, aif, docx"
    )


def test_the_table_imports_no_exporter() -> None:
    code = (
        "import sys\n"
        "from argmap.exporters import format_for_suffix, formats\n"
        "assert len(formats()) == 12 and format_for_suffix('.gv') == 'dot'\n"
        "print(sorted(m for m in sys.modules if m.startswith('argmap.exporters.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "[]\n", "")


def test_without_source_the_module_is_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert exporters._declarations("argmap.exporters.dot") == ({"dot": (".dot", ".gv")}, False)
    assert exporters._declarations("argmap.exporters.graphviz")[1] is True
