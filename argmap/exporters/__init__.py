"""Exporters: one module per format (or a few), each a pure function of the map.

Every exporter module declares what it exports in two lines at its top level, each a
Python literal on one line::

    EXPORTS = {"dot": (".dot", ".gv")}  # --format name → file suffixes, the usual first
    BINARY = False  # whether export() returns bytes

and defines::

    def export(amap: ArgumentMap, evaluation: Evaluation | None = None,
               findings: Sequence[Diagnostic] = ()) -> str | bytes

A text format may also define ``export_pieces`` (same arguments, an iterator of pieces of
the same text), which the CLI writes as they come, so that a large map's text is never
held whole. A module that exports several formats (Graphviz: svg, png, pdf) says how to
pick one.

The declarations are the only list of formats: :func:`formats` reads them from the
modules' source, without importing the modules (some import large libraries), so that the
command line can offer the formats without paying for them.

Output is deterministic: the brief's order, no timestamps. User text is escaped for the
target syntax inside the exporter, through one escaping function per format.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import re
from types import ModuleType
from typing import NamedTuple

__all__ = ["ExportError", "ExportFormat", "exporter", "format_for_suffix", "formats"]


class ExportError(Exception):
    """A map that cannot be exported as asked (a clear message, exit code 2 in the CLI)."""


class ExportFormat(NamedTuple):
    """A ``--format`` value, as its exporter module declares it."""

    name: str
    suffixes: tuple[str, ...]  # file suffixes that select it, with the dot; the usual first
    binary: bool  # its export is bytes (written to a file, or to stdout with -o -)
    module: str  # the module that exports it: argmap.exporters.<name>


# The exporter modules, in the order --help lists their formats.
_MODULES = (
    "json",
    "dot",
    "graphviz",
    "html",
    "graphml",
    "mermaid",
    "markdown",
    "argdown",
    "aif",
    "docx",
)

# A declaration: a top-level line `EXPORTS = …` or `BINARY = …`.
_DECLARATION = re.compile(r"^(EXPORTS|BINARY) = (.+)$", re.MULTILINE)


@functools.cache
def formats() -> dict[str, ExportFormat]:
    """Every export format by name, in the order --help lists them. No exporter module
    is imported (unless one's source cannot be read, as in a frozen application)."""
    table: dict[str, ExportFormat] = {}
    for short in _MODULES:
        module = f"{__name__}.{short}"
        exports, binary = _declarations(module)
        for name, suffixes in exports.items():
            table[name] = ExportFormat(name, tuple(suffixes), binary, module)
    return table


def _declarations(module: str) -> tuple[dict[str, tuple[str, ...]], bool]:
    """A module's ``EXPORTS`` and ``BINARY``, read from its source if there is one."""
    import ast

    spec = importlib.util.find_spec(module)
    source = None
    if spec is not None and spec.loader is not None and hasattr(spec.loader, "get_source"):
        source = spec.loader.get_source(module)
    found = dict(_DECLARATION.findall(source or ""))
    try:
        return ast.literal_eval(found["EXPORTS"]), ast.literal_eval(found["BINARY"])
    except (KeyError, ValueError, SyntaxError):
        loaded = importlib.import_module(module)
        return loaded.EXPORTS, loaded.BINARY


def exporter(name: str) -> ModuleType:
    """The module that exports format ``name`` (an :class:`ExportError` if none does)."""
    declared = formats().get(name)
    if declared is None:
        raise ExportError(f"unknown format {name!r}; choose from {', '.join(formats())}")
    return importlib.import_module(declared.module)


def format_for_suffix(suffix: str) -> str | None:
    """The format a file suffix (``.dot``, ``.GV``) stands for, if any."""
    return _by_suffix().get(suffix.lower())


@functools.cache
def _by_suffix() -> dict[str, str]:
    return {suffix: f.name for f in formats().values() for suffix in f.suffixes}
