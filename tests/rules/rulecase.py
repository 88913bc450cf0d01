"""Helpers for the rule tests: a brief goes in, (rule, line, column) triples come out.

Every rule module's docstring documents the rule with a passing and a failing brief, as
``PASS::`` and ``FAIL::`` literal blocks; :func:`example` reads them back, so that the
documentation and the tests cannot drift apart.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import argmap
from argmap.diagnostics import Diagnostic
from argmap.rules import RULES, Rule, rule_named

ROOT = Path(__file__).resolve().parents[2]
FILE = "t.argdown"

Found = tuple[str, int, int]


def rule(name: str) -> Rule:
    found = rule_named(name)
    assert found is not None, f"no rule named {name!r}"
    return found


def diagnostics(text: str, name: str, **settings: Any) -> list[Diagnostic]:
    """What ``argmap.check`` reports about ``text`` with only rule ``name`` selected."""
    return argmap.check(argmap.loads(text, FILE), select=(name,), **settings)


def findings(text: str, name: str, **settings: Any) -> list[Found]:
    """(rule, line, column) of every finding of rule ``name`` on ``text``, in order."""
    return [(d.rule, d.span.line, d.span.column) for d in diagnostics(text, name, **settings)]


def messages(text: str, name: str, **settings: Any) -> list[str]:
    return [d.message for d in diagnostics(text, name, **settings)]


def everything(text: str, **settings: Any) -> list[Found]:
    """(rule, line, column) of every finding of every rule."""
    amap = argmap.loads(text, FILE)
    return [(d.rule, d.span.line, d.span.column) for d in argmap.check(amap, **settings)]


_MARKER = re.compile(r"^(PASS|FAIL)::[ \t]*$")


def literal_blocks(doc: str) -> dict[str, str]:
    """The ``PASS::`` and ``FAIL::`` literal blocks of a docstring, dedented.

    A block is the run of blank or indented lines after its marker, as in reST (and as
    ``argmap rules --format markdown`` renders it).
    """
    blocks: dict[str, str] = {}
    lines = doc.splitlines()
    for index, line in enumerate(lines):
        marker = _MARKER.match(line)
        if marker is None:
            continue
        body: list[str] = []
        for following in lines[index + 1 :]:
            if following.strip() and not following.startswith((" ", "\t")):
                break
            body.append(following)
        text = textwrap.dedent("\n".join(body)).strip("\n")
        assert marker.group(1) not in blocks, f"two {marker.group(1)}:: blocks"
        blocks[marker.group(1)] = text + "\n" if text else ""
    return blocks


def example(name: str, kind: str) -> str:
    """The ``PASS`` or ``FAIL`` brief of rule ``name``'s documentation."""
    blocks = literal_blocks(rule(name).doc)
    assert blocks.get(kind), f"{name}: the docstring has no {kind}:: brief"
    return blocks[kind]


__all__ = [
    "FILE",
    "ROOT",
    "RULES",
    "diagnostics",
    "everything",
    "example",
    "findings",
    "literal_blocks",
    "messages",
    "rule",
]
