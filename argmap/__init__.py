"""argmap: read debate briefs written in Argdown, check them, show them, export them.

>>> import argmap
>>> brief = "[Thesis]: Schools should ban phones. #thesis\n  + [Focus]: Phones distract."
>>> amap = argmap.loads(brief)
>>> [node.title for node in amap.theses]
['Thesis']
>>> argmap.check(amap)
[]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap._version import __version__

if TYPE_CHECKING:
    from argmap.analysis import Analysis, Settings, analyse
    from argmap.checker import check
    from argmap.diagnostics import Diagnostic, Severity
    from argmap.loader import BriefError, load, loads
    from argmap.model import ArgumentMap, Edge, Node
    from argmap.source import Span

__all__ = [
    "Analysis",
    "ArgumentMap",
    "BriefError",
    "Diagnostic",
    "Edge",
    "Node",
    "Settings",
    "Severity",
    "Span",
    "__version__",
    "analyse",
    "check",
    "load",
    "loads",
]

# The package imports lazily so that `argmap --version` never pays for networkx or YAML.
_LAZY = {
    "analyse": "argmap.analysis",
    "Analysis": "argmap.analysis",
    "Settings": "argmap.analysis",
    "check": "argmap.checker",
    "Diagnostic": "argmap.diagnostics",
    "Severity": "argmap.diagnostics",
    "BriefError": "argmap.loader",
    "load": "argmap.loader",
    "loads": "argmap.loader",
    "ArgumentMap": "argmap.model",
    "Edge": "argmap.model",
    "Node": "argmap.model",
    "Span": "argmap.source",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
