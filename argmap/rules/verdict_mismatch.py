"""verdict-mismatch: the evaluation disagrees with the verdicts the brief expects.

Coaches write the verdicts they expect in the front matter, and argmap checks them like a
test::

    ===
    expect:
      in: [Uniforms]
      out: [Cost]
    ===

PASS::

    ===
    expect: {in: [T]}
    ===

    [T]: Schools should require uniforms.
      + [Survey]: Less teasing in 40 schools. #evidence {cite: "Doe 2019"}

FAIL::

    ===
    expect: {out: [T]}
    ===

    [T]: Schools should require uniforms.
      + [Survey]: Less teasing in 40 schools. #evidence {cite: "Doe 2019"}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.evaluate import Verdict
from argmap.explain import reason
from argmap.rules.base import Context, Finding
from argmap.source import Span

CODE = "AM303"
NAME = "verdict-mismatch"
SEVERITY = Severity.ERROR
SUMMARY = "A verdict differs from the one the front matter expects."


def check(ctx: Context) -> Iterator[Finding]:
    expect = ctx.map.front_matter.get("expect")
    if expect is None:
        return
    where = ctx.map.front_matter_span or Span(ctx.map.file, 1, 1, 1, 1)
    if not isinstance(expect, dict):
        yield Finding(where, "expect: must map in, out and undecided to lists of titles")
        return
    ev = ctx.evaluation
    for key, titles in expect.items():
        try:
            wanted = Verdict(str(key))
        except ValueError:
            yield Finding(where, f"expect: unknown verdict {key!r} (use in, out or undecided)")
            continue
        for title in titles if isinstance(titles, list) else [titles]:
            node = ctx.map.find(str(title))
            if node is None:
                yield Finding(where, f"expect: no statement or argument is titled {str(title)!r}")
                continue
            actual = ev.verdicts[node.id]
            if actual is not wanted:
                yield Finding(
                    node.span,
                    f"expected {node.label} to be {wanted.value}, but it is "
                    f"{reason(ctx.map, ev, node.id)}",
                    node.id,
                )
