"""Drawing maps with Graphviz: formats, layouts, and every way running `dot` can fail."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.evaluate import evaluate
from argmap.exporters import ExportError, dot, graphviz
from argmap.exporters.graphviz import GraphvizError
from argmap.model import ArgumentMap, Node

SEED = Path(__file__).resolve().parents[2] / "briefs" / "japan-rok-trilateral.argdown"

# Graphviz draws what these tests check: skipped where it is missing, failed in CI.
needs_dot = pytest.mark.needs("dot")

MAGIC = {"svg": (b"<?xml", b"<svg"), "png": (b"\x89PNG\r\n\x1a\n",), "pdf": (b"%PDF",)}


def seed() -> ArgumentMap:
    return argmap.load(SEED)


def chain(count: int) -> ArgumentMap:
    """A map of ``count`` claims, each supporting the one before."""
    amap = ArgumentMap()
    for index in range(count):
        amap.add_node(Node(f"statement:C{index}", f"C{index}", "statement", text="A claim."))
        if index:
            amap.add_edge(f"statement:C{index}", f"statement:C{index // 2}", "support", None)
    return amap


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


# -- drawing ---------------------------------------------------------------------------------


@needs_dot
@pytest.mark.parametrize("fmt", graphviz.FORMATS)
def test_seed_brief_in_every_format(fmt: str) -> None:
    amap = seed()
    output = graphviz.export_format(amap, fmt, evaluate(amap), argmap.check(amap))
    assert isinstance(output, bytes)
    assert output.startswith(MAGIC[fmt])


@needs_dot
def test_svg_is_the_default_and_draws_every_node() -> None:
    amap = seed()
    output = graphviz.export(amap, evaluate(amap), argmap.check(amap))
    assert output.startswith(MAGIC["svg"])
    svg = output.decode("utf-8")
    assert svg.count('class="node"') == len(amap.nodes) + 1  # and the legend
    assert svg.count('class="edge"') == len(amap.edges)
    assert "✓ [Trilateral Repair]" in svg
    assert (graphviz.NAME, graphviz.SUFFIX, graphviz.BINARY) == ("svg", ".svg", True)
    assert {graphviz.SUFFIXES[f] for f in graphviz.FORMATS} == {".svg", ".png", ".pdf"}


@needs_dot
@pytest.mark.parametrize("layout", graphviz.LAYOUTS)
def test_layouts(layout: str) -> None:
    amap = seed()
    output = graphviz.render(dot.export(amap), "svg", layout=layout)
    assert output.decode("utf-8").count('class="node"') == len(amap.nodes) + 1


@needs_dot
def test_render_is_deterministic() -> None:
    source = dot.export(seed())
    assert graphviz.render(source, "svg") == graphviz.render(source, "svg")


@pytest.mark.parametrize(
    ("fmt", "layout"),
    [("xdot", "dot"), ("svg -o /tmp/x", "dot"), ("", "dot"), ("svg", "neato"), ("svg", "")],
)
def test_only_allowed_formats_and_layouts(fmt: str, layout: str) -> None:
    with pytest.raises(ValueError, match="unknown Graphviz"):
        graphviz.render("digraph { a }", fmt, layout=layout)


# -- the child process -----------------------------------------------------------------------


class Recorder:
    """Stands in for subprocess.run: records the call, answers like a successful `dot`."""

    def __init__(self) -> None:
        self.args: Any = None
        self.kwargs: dict[str, Any] = {}

    def __call__(self, args: Any, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        self.args, self.kwargs = args, kwargs
        return subprocess.CompletedProcess(args, 0, b"<svg/>", b"")


def test_runs_dot_safely(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = Recorder()
    monkeypatch.setattr(shutil, "which", lambda name: f"/opt/gv/bin/{name}")
    monkeypatch.setattr(subprocess, "run", recorder)
    monkeypatch.setenv("GV_FILE_PATH", "/")
    monkeypatch.delenv("SERVER_NAME", raising=False)
    assert graphviz.render("digraph { a }", "pdf", layout="sfdp", timeout=7.5) == b"<svg/>"
    assert recorder.args == ["/opt/gv/bin/dot", "-Ksfdp", "-Tpdf"]  # a list: no shell
    assert recorder.kwargs["input"] == b"digraph { a }"  # the source on stdin, no file
    assert recorder.kwargs["timeout"] == 7.5
    assert recorder.kwargs.get("shell", False) is False
    env = recorder.kwargs["env"]
    assert env["SERVER_NAME"]
    assert "GV_FILE_PATH" not in env  # else Graphviz would load files from there


@needs_dot
def test_graphviz_loads_no_file(tmp_path: Path) -> None:
    picture = tmp_path / "secret.png"
    picture.write_bytes(tiny_png())
    source = f'digraph {{ a [image="{picture}", label=""] }}'
    # Without the hardening, dot reads the file and links it from the SVG.
    plain = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True)
    assert b"<image" in plain.stdout
    # Through render(), SERVER_NAME makes Graphviz refuse.
    assert b"<image" not in graphviz.render(source, "svg")


@needs_dot
def test_user_text_never_reaches_an_image_attribute() -> None:
    amap = argmap.loads('[Trap]: x", image="/etc/passwd", label="y\n  + [Other]: z\n')
    source = dot.export(amap)
    bare = dot_outside_strings(source)
    assert "image" not in bare
    assert "/etc/passwd" in source  # it is there, but only as label text
    svg = graphviz.render(source, "svg").decode("utf-8")
    assert "<image" not in svg
    assert 'image="/etc/passwd"' in svg.replace("&quot;", '"')  # shown as text


def dot_outside_strings(source: str) -> str:
    import re

    return re.sub(r'"(?:[^"\\]|\\.)*"', "", source, flags=re.DOTALL)


# -- failures --------------------------------------------------------------------------------


def test_missing_graphviz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(GraphvizError) as caught:
        graphviz.export_format(seed(), "svg")
    assert str(caught.value) == (
        "Graphviz is not installed: install it with `apt-get install graphviz` "
        "(Debian/Ubuntu), `brew install graphviz` (macOS) or from "
        "https://graphviz.org/download/"
    )
    assert isinstance(caught.value, ExportError)  # the CLI turns it into exit 2


def test_missing_graphviz_on_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizError, match="Graphviz is not installed"):
        graphviz.render("digraph { a }", "png")


def _dot_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """Graphviz found on PATH, whether or not this machine has it."""
    monkeypatch.setattr(graphviz.shutil, "which", lambda name: f"/usr/bin/{name}")


def test_timeout_message(monkeypatch: pytest.MonkeyPatch) -> None:
    _dot_found(monkeypatch)  # subprocess.run is faked: no Graphviz runs

    def slow(args: Any, **kwargs: Any) -> None:
        raise subprocess.TimeoutExpired(args, kwargs["timeout"])

    monkeypatch.setattr(subprocess, "run", slow)
    with pytest.raises(GraphvizError) as caught:
        graphviz.render("digraph { a }", "svg", timeout=2)
    message = str(caught.value)
    assert "did not finish within 2 seconds" in message
    assert "--layout sfdp" in message
    assert "--focus" in message
    with pytest.raises(GraphvizError) as caught:
        graphviz.render("digraph { a }", "svg", layout="sfdp", timeout=2)
    assert "--layout sfdp" not in str(caught.value)
    assert "--focus" in str(caught.value)


@needs_dot
def test_real_timeout() -> None:
    source = dot.export(chain(3000))  # about 3 s with the dot layout
    with pytest.raises(GraphvizError, match=r"within 0\.05 seconds.*--layout sfdp"):
        graphviz.render(source, "svg", timeout=0.05)


@needs_dot
def test_graphviz_error_shows_its_first_error_line() -> None:
    with pytest.raises(GraphvizError) as caught:
        graphviz.render("digraph { a -> }", "svg")
    assert str(caught.value) == "Graphviz failed: Error: <stdin>: syntax error in line 1 near '}'"


def test_error_line_comes_before_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    _dot_found(monkeypatch)  # subprocess.run is faked: no Graphviz runs

    def failing(args: Any, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        stderr = b"Warning: something minor\nError: the real problem\nmore\n"
        return subprocess.CompletedProcess(args, 1, b"", stderr)

    monkeypatch.setattr(subprocess, "run", failing)
    with pytest.raises(GraphvizError, match=r"^Graphviz failed: Error: the real problem$"):
        graphviz.render("digraph { a }", "svg")

    def silent(args: Any, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        return subprocess.CompletedProcess(args, -9, b"", b"")

    monkeypatch.setattr(subprocess, "run", silent)
    with pytest.raises(GraphvizError, match=r"^Graphviz failed: exit status -9$"):
        graphviz.render("digraph { a }", "svg")


def test_unrunnable_graphviz(monkeypatch: pytest.MonkeyPatch) -> None:
    _dot_found(monkeypatch)  # subprocess.run is faked: no Graphviz runs

    def broken(args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(subprocess, "run", broken)
    with pytest.raises(GraphvizError, match=r"cannot run Graphviz .*Permission denied"):
        graphviz.render("digraph { a }", "svg")


# -- size ------------------------------------------------------------------------------------


def test_size_warning() -> None:
    assert graphviz.LARGE_GRAPH == 2000
    assert graphviz.size_warning(2000, "dot") is None
    warning = graphviz.size_warning(2001, "dot")
    assert warning is not None
    assert "2,001 nodes" in warning
    assert "--layout sfdp" in warning
    assert "--focus" in warning
    assert graphviz.size_warning(10_000, "sfdp") is None
    assert graphviz.size_warning(0, "dot") is None
