"""Shell completion (bash, zsh, fish) for what argmap's options name: rules for
``--select``, ``--ignore`` and ``--extend-select``, and the titles of the brief named
earlier on the command line for ``trace BRIEF TITLE`` and ``--focus``.

Click drives the completion: the shell runs ``argmap`` with ``_ARGMAP_COMPLETE`` set
(see docs/ci.md, "Shell completion"), click parses the words typed so far and asks the
option's ``shell_complete`` for candidates. Completing must never fail loudly: a brief
that cannot be read completes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from click.shell_completion import CompletionItem

if TYPE_CHECKING:
    import click

__all__ = ["complete_rules", "complete_titles"]

# Completing reads the brief named on the command line; a brief larger than this is not
# read for titles, so that pressing Tab never stalls.
MAX_BRIEF_BYTES = 8 << 20


def complete_rules(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Rule codes and names starting with what is typed; after a comma, the next rule of
    a comma-separated list (``--select AM1,unsu`` → ``AM1,unsupported-claim``)."""
    from argmap.rules import RULES

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    wanted = last.casefold()
    items = []
    for rule in RULES.values():
        for value in (rule.code, rule.name):
            if value.casefold().startswith(wanted):
                items.append(CompletionItem(prefix + value, help=rule.summary))
    return items


def complete_titles(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The titles of the brief given before this option or argument: statements and
    arguments as they are written (``[Title]``, ``<Title>``) when what is typed starts
    with a bracket, else bare titles."""
    brief = ctx.params.get("brief")
    if brief is None and ctx.args:
        # Completing an option's value (`show BRIEF --focus <Tab>`), click stops parsing at
        # the option still waiting for its value, and leaves the brief among the words it
        # has not given to a parameter.
        brief = ctx.args[0]
    if not isinstance(brief, str) or brief == "-":
        return []
    titles = _titles(brief)
    if incomplete.startswith("["):
        candidates = [f"[{title}]" for kind, title in titles if kind == "statement"]
    elif incomplete.startswith("<"):
        candidates = [f"<{title}>" for kind, title in titles if kind == "argument"]
    else:
        candidates = list(dict.fromkeys(title for _kind, title in titles))
    wanted = incomplete.casefold()
    return [CompletionItem(value) for value in candidates if value.casefold().startswith(wanted)]


def _titles(brief: str) -> list[tuple[str, str]]:
    """(kind, title) of every statement and argument of ``brief``, in the brief's order;
    none if it cannot be read or is too large to read while a shell waits."""
    import os

    from argmap.loader import BriefError, load

    try:
        if os.path.getsize(brief) > MAX_BRIEF_BYTES:
            return []
        amap = load(brief)
    except (BriefError, OSError, ValueError):
        return []
    return [
        (node.type, node.title) for node in amap.nodes if node.type in ("statement", "argument")
    ]
