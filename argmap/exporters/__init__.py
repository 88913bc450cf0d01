"""Exporters: one module per format, each a pure function of the map.

Every exporter module defines ``NAME`` (the ``--format`` value), ``SUFFIX`` (the file
suffix that selects it, with the dot), ``BINARY`` (whether it returns bytes) and::

    def export(amap: ArgumentMap, evaluation: Evaluation | None = None,
               findings: Sequence[Diagnostic] = ()) -> str | bytes

A text format may also define ``export_pieces`` (same arguments, an iterator of pieces of
the same text), which the CLI writes as they come, so that a large map's text is never
held whole.

Output is deterministic: the brief's order, no timestamps. User text is escaped for the
target syntax inside the exporter, through one escaping function per format.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["FORMATS", "ExportError", "exporter", "format_for_suffix"]


class ExportError(Exception):
    """A map that cannot be exported as asked (a clear message, exit code 2 in the CLI)."""


# format name → module name; svg/png/pdf are rendered from DOT by Graphviz.
FORMATS: dict[str, str] = {
    "json": "argmap.exporters.json",
    "dot": "argmap.exporters.dot",
    "svg": "argmap.exporters.graphviz",
    "png": "argmap.exporters.graphviz",
    "pdf": "argmap.exporters.graphviz",
    "graphml": "argmap.exporters.graphml",
    "mermaid": "argmap.exporters.mermaid",
    "markdown": "argmap.exporters.markdown",
    "argdown": "argmap.exporters.argdown",
    "aif": "argmap.exporters.aif",
}

_SUFFIXES = {
    ".json": "json",
    ".dot": "dot",
    ".gv": "dot",
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".graphml": "graphml",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".md": "markdown",
    ".markdown": "markdown",
    ".argdown": "argdown",
    ".ad": "argdown",
    ".aif": "aif",
}


def exporter(name: str) -> ModuleType:
    """The module that exports format ``name``."""
    return importlib.import_module(FORMATS[name])


def format_for_suffix(suffix: str) -> str | None:
    """The format a file suffix (``.dot``) stands for, if any."""
    return _SUFFIXES.get(suffix.lower())
