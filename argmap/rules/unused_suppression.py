"""unused-suppression: an ``argmap: ignore`` comment that silences nothing.

A suppression comment (``// argmap: ignore[AM201]`` on a line, ``// argmap:
ignore-file[AM201]`` for a file; see docs/configuration.md) outlives the finding it was
written for when the brief is fixed, and then hides the next one. This rule reports each
comment, or each rule named in one, that silenced no finding in this run, as ruff's
RUF100 does. A rule that did not run (not selected) silences nothing either.

Off unless selected: ``--extend-select AM006`` (or ``unused-suppression``, or
``extend-select = ["AM006"]`` in the configuration file). Its own findings are not
silenced by comments.

PASS::

    [Uniforms]: Schools should require uniforms.
      + [Survey]: Teasing fell by half. #evidence // argmap: ignore[missing-citation]
      + [Study]: Attendance rose. #evidence {cite: "Roe 2021"}

FAIL::

    [Uniforms]: Schools should require uniforms.
      + [Survey]: Teasing fell by half. #evidence {cite: "Doe 2019"} // argmap: ignore[AM203]
      + [Study]: Attendance rose. #evidence {cite: "Roe 2021"}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding

CODE = "AM006"
NAME = "unused-suppression"
SEVERITY = Severity.WARNING
SUMMARY = "A suppression comment that silences nothing (off unless selected)."
# About the comments, not the argument; and off unless selected by its code or name.
ABOUT_THE_TEXT = True
DEFAULT = False


def check(ctx: Context) -> Iterator[Finding]:
    """Judges the comments against ``ctx.reported``: what the other rules found."""
    from argmap.suppress import judge, suppressions

    comments = suppressions(ctx.map)
    if not comments:
        return
    judgement = judge(ctx.reported, comments)
    for comment, idle in judgement.unused(comments):
        if idle == [""]:
            message = f"{comment.text} silences nothing: no finding here"
        elif len(idle) == len(comment.patterns):
            message = f"{comment.text} silences nothing: no {' or '.join(idle)} finding here"
        else:
            message = f"{comment.text}: {', '.join(idle)} silence nothing here"
        yield Finding(comment.span, message)
