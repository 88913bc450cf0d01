"""SVG, PNG and PDF exports: the DOT export laid out and drawn by Graphviz.

Graphviz runs as a child process, never through a shell: ``dot -K<layout> -T<format>``
with the layout and format taken from allow-lists, the DOT source on standard input, the
drawing read from standard output, and a timeout. The child's environment contains
``SERVER_NAME`` (and no ``GV_FILE_PATH``), which makes Graphviz refuse to load any file,
a second line of defence behind the DOT exporter's escaping (user text never reaches an
``image`` attribute in the first place).

Failures raise :class:`GraphvizError` with a message fit to show the user: Graphviz
missing, too slow, or rejecting its input.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from collections.abc import Sequence

from argmap.diagnostics import Diagnostic
from argmap.evaluate import Evaluation
from argmap.exporters import ExportError, dot
from argmap.model import ArgumentMap

__all__ = [
    "BINARY",
    "EXPORTS",
    "FORMATS",
    "INSTALL_HINT",
    "LARGE_GRAPH",
    "LAYOUTS",
    "NAME",
    "SUFFIX",
    "SUFFIXES",
    "GraphvizError",
    "drawn_scale",
    "export",
    "export_format",
    "fit",
    "fitted",
    "page_named",
    "render",
    "size_warning",
    "small_print",
]

# What this module exports (read by argmap.exporters.formats()): --format name → file
# suffixes, the usual first.
EXPORTS = {"svg": (".svg",), "png": (".png",), "pdf": (".pdf",)}
BINARY = True
FORMATS = tuple(EXPORTS)
SUFFIXES = {name: suffixes[0] for name, suffixes in EXPORTS.items()}
LAYOUTS = ("dot", "sfdp")
# The interface names of the default format; export_format() draws the others.
NAME = FORMATS[0]
SUFFIX = SUFFIXES[NAME]

DEFAULT_TIMEOUT = 60.0
# Above this many nodes the ranked `dot` layout gets slow (Graphviz 2.43, 2 cores: about
# 0.35 s at 1,000 nodes, 9 s at 5,000, 46 s at 10,000; sfdp about 5 s at 10,000).
LARGE_GRAPH = 2000

PROGRAM = "dot"
INSTALL_HINT = (
    "Graphviz is not installed: install it with `apt-get install graphviz` (Debian/Ubuntu), "
    "`brew install graphviz` (macOS) or from https://graphviz.org/download/"
)


class GraphvizError(ExportError):
    """Graphviz is missing, timed out, or failed; ``str()`` is the message for the user
    (an :class:`~argmap.exporters.ExportError`, so the CLI exits with status 2)."""


def _program() -> str:
    path = shutil.which(PROGRAM)
    if path is None:
        raise GraphvizError(INSTALL_HINT)
    return path


def _environment() -> dict[str, str]:
    """The child's environment: ours, with Graphviz's file loading switched off."""
    env = dict(os.environ)
    env.pop("GV_FILE_PATH", None)  # with SERVER_NAME, files load only from GV_FILE_PATH
    env["SERVER_NAME"] = "argmap"
    return env


def _first_error(stderr: bytes) -> str | None:
    """The line of Graphviz's stderr that says what went wrong (errors before warnings)."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    for line in lines:
        if line.lower().startswith("error"):
            return line
    return lines[0] if lines else None


def render(
    dot_source: str,
    fmt: str,
    layout: str = "dot",
    timeout: float = DEFAULT_TIMEOUT,
) -> bytes:
    """Lay out and draw ``dot_source`` with Graphviz; the drawing's bytes.

    ``fmt`` is one of :data:`FORMATS`, ``layout`` one of :data:`LAYOUTS` (anything else is
    a ``ValueError``). Raises :class:`GraphvizError` if Graphviz is not installed, takes
    longer than ``timeout`` seconds, or exits with an error.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown Graphviz format {fmt!r} (expected one of {FORMATS})")
    if layout not in LAYOUTS:
        raise ValueError(f"unknown Graphviz layout {layout!r} (expected one of {LAYOUTS})")
    argv = [_program(), f"-K{layout}", f"-T{fmt}"]
    # subprocess.run kills the child on whatever ends the wait (the timeout, an
    # exception, Ctrl-C, SIGTERM or SIGHUP once argmap.output.handle_termination has
    # made them exceptions) and waits for it, so that no `dot` outlives the command;
    # tests/test_signals.py holds it to that.
    try:
        result = subprocess.run(
            argv,
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            env=_environment(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        hint = "try `--layout sfdp`, or `--focus` to draw part of the map"
        if layout == "sfdp":
            hint = "try `--focus` to draw part of the map"
        raise GraphvizError(
            f"Graphviz ({layout} layout) did not finish within {timeout:g} seconds: {hint}"
        ) from None
    except OSError as error:
        raise GraphvizError(f"cannot run Graphviz ({argv[0]}): {error.strerror or error}") from None
    if result.returncode != 0:
        detail = _first_error(result.stderr) or f"exit status {result.returncode}"
        raise GraphvizError(f"Graphviz failed: {detail}")
    return result.stdout


def size_warning(node_count: int, layout: str) -> str | None:
    """A warning for a map the ``dot`` layout will be slow to draw, else ``None``."""
    if layout == "dot" and node_count > LARGE_GRAPH:
        return (
            f"the map has {node_count:,} nodes; the dot layout may take minutes at this size "
            "(about 9 s at 5,000 nodes, 46 s at 10,000): try `--layout sfdp` or `--focus`"
        )
    return None


def export_format(
    amap: ArgumentMap,
    fmt: str,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
    layout: str = "dot",
    timeout: float = DEFAULT_TIMEOUT,
    *,
    page: str | None = None,
    split: str | None = None,
    warnings: list[str] | None = None,
) -> bytes:
    """The map drawn as ``fmt`` (``svg``, ``png`` or ``pdf``) from its DOT export.

    ``page`` (a name in :data:`argmap.exporters.dot.PAGES`: letter, a4, slide) lays the
    drawing out to fit that page; ``split`` (``section`` or ``thesis``, PDF only) draws
    one page per section or per thesis and joins them into one PDF (which needs the
    ``argmap[pdf]`` extra). A page whose text prints too small to read adds a warning to
    ``warnings``, if given.
    """
    sheet = page_named(page)
    parts = [amap]
    if split is not None:
        from argmap.exporters import pages

        if fmt != "pdf":
            raise ExportError(f"--split draws several pages: use --format pdf, not {fmt}")
        parts = pages.split(amap, split)
    drawn = []
    for number, part in enumerate(parts, 1):
        source, scale = fit(part, evaluation, findings, sheet, layout, timeout)
        if sheet is not None and scale is not None and warnings is not None:
            where = f"page {number} of {len(parts)}" if len(parts) > 1 else "the picture"
            warning = small_print(scale, sheet, where, _SPLIT_HINTS[split])
            if warning:
                warnings.append(warning)
        drawn.append(render(source, fmt, layout, timeout))
    if split is None:
        return drawn[0]
    from argmap.exporters import pages

    return pages.join_pdfs(drawn)


# Node text is 11 points: drawn at less than this many points on paper, it is hard to read.
SMALL_PRINT = 6.0
# What a warning about small print suggests, by --split.
_SPLIT_HINTS = {
    None: "--split section or --split thesis draws one page each",
    "thesis": "--split section draws one page per section",
    "section": "",
}


def small_print(scale: float, page: dot.Page, where: str, hint: str = "") -> str | None:
    """A warning when Graphviz shrank a drawing so much to fit ``page`` that its node text
    prints under :data:`SMALL_PRINT` points, else None; ``hint`` says what may help."""
    printed = 11 * scale
    if printed >= SMALL_PRINT:
        return None
    return (
        f"{where} is drawn at {scale:.0%} to fit a {page.name} page: its text prints at "
        f"{printed:.1f} points" + (f"; {hint}" if hint else "")
    )


def fitted(
    amap: ArgumentMap,
    evaluation: Evaluation | None,
    findings: Sequence[Diagnostic],
    page: dot.Page | None,
    layout: str = "dot",
    timeout: float = DEFAULT_TIMEOUT,
) -> str:
    """:func:`fit`'s DOT source."""
    return fit(amap, evaluation, findings, page, layout, timeout)[0]


def fit(
    amap: ArgumentMap,
    evaluation: Evaluation | None,
    findings: Sequence[Diagnostic],
    page: dot.Page | None,
    layout: str = "dot",
    timeout: float = DEFAULT_TIMEOUT,
) -> tuple[str, float | None]:
    """The DOT source of the map, laid out for ``page`` if one is given: with its levels
    one above the other or side by side (``rankdir`` BT or RL), whichever Graphviz draws
    at the larger scale on the page, so that the text prints as large as it can. A broad
    map fits better with its levels side by side, a deep one with them one above the
    other, and only a layout tells which is which: this draws the map twice more (as SVG,
    to read the scale), which the ``dot`` layout alone needs. With the source comes the
    scale Graphviz draws it at (None when it was not measured: no page, or ``sfdp``)."""
    if page is None:
        return dot.export(amap, evaluation, findings), None
    if layout != "dot":  # sfdp has no ranks
        return dot.export(amap, evaluation, findings, page=page), None
    best: tuple[str, float] | None = None
    for rankdir in ("BT", "RL"):
        source = dot.export(
            amap, evaluation, findings, page=dataclasses.replace(page, rankdir=rankdir)
        )
        scale = drawn_scale(render(source, "svg", layout, timeout))
        if best is None or scale > best[1]:
            best = (source, scale)
    assert best is not None
    return best


_SCALE = re.compile(rb'<g id="graph0" class="graph" transform="scale\(([0-9.]+) ')


def drawn_scale(svg: bytes) -> float:
    """How much Graphviz scaled a drawing to fit its ``size``: 1 when it did not."""
    found = _SCALE.search(svg)
    return float(found.group(1)) if found else 1.0


def page_named(name: str | None) -> dot.Page | None:
    """The page called ``name`` (None for none), or an :class:`ExportError` naming them."""
    if name is None:
        return None
    page = dot.PAGES.get(name)
    if page is None:
        raise ExportError(f"unknown page {name!r}; choose from {', '.join(dot.PAGES)}")
    return page


def export(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
) -> bytes:
    """The exporter interface (see :mod:`argmap.exporters`): SVG with the ``dot`` layout."""
    return export_format(amap, NAME, evaluation, findings)
