"""Inputs that once took time quadratic in their size, measured at two sizes.

Each case is a brief shaped to stress one path (many tags on one line, many attackers of
one claim, one very long line, many inferences in one argument or arguments for one
conclusion) and the command that used to take quadratic time on it. Run at ``n`` and at
``4 n``: linear work takes about 4 times as long, quadratic work 16 times. The growth is
reported against the smaller size, measured in the same run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["CASES", "Case"]

CARD = '#evidence {cite: "Doe 2019"}'


@dataclass(frozen=True)
class Case:
    name: str  # what is measured, for the results table
    brief: Callable[[int], str]  # the brief at size n
    command: tuple[str, ...]  # argmap's arguments; BRIEF stands for the brief's path
    sizes: tuple[int, int]  # n and 4 n
    unit: str  # what n counts
    color: bool = False  # force colour (rich's renderer rather than plain text)


def distinct_tags(n: int) -> str:
    """One statement with ``n`` different tags on its line."""
    tags = " ".join(f"#t{i}" for i in range(n))
    return f"[T]: The thesis. #thesis\n  + [C]: A card. {CARD} {tags}\n"


def attackers(n: int) -> str:
    """One claim attacked by ``n`` claims, each answered by the same card."""
    lines = ["[T]: The thesis. #thesis", f"  + [C]: A card. {CARD}"]
    lines += [f"  - [A{i}]: Attack {i}." for i in range(n)]
    return "\n".join(lines) + "\n"


def long_line(n: int) -> str:
    """One statement whose text is one line of ``n`` characters."""
    words = ("word " * (n // 5 + 1))[:n].strip()
    return f"[T]: {words} #thesis\n  + [C]: A card. {CARD}\n"


def inferences(n: int) -> str:
    """One argument reconstructed in ``n`` inferences, each naming its premises by
    ``uses`` and undercut by a statement of its own."""
    lines = ["<A>: The argument. #thesis", ""]
    for i in range(n):
        lines.append(f"({i + 1}) [P{i}]: Premise {i}.")
        lines.append(f"-- rule {{uses: [{i + 1}]}} --")
        lines.append(f"  <_ [U{i}]: Undercut {i}.")
    lines.append(f"({n + 1}) [C]: The conclusion.")
    return "\n".join(lines) + "\n"


def one_conclusion(n: int) -> str:
    """``n`` reconstructed arguments for one conclusion, the first one's inference
    undercut ``n`` times."""
    undercuts = "".join(f"  <_ [U{i}]: Undercut {i}.\n" for i in range(n))
    first = f"<A0>: Argument 0. #thesis\n\n(1) [P0]: Premise 0.\n----\n{undercuts}(2) [C]: c.\n"
    rest = "".join(
        f"\n<A{i}>: Argument {i}.\n\n(1) [P{i}]: Premise {i}.\n----\n(2) [C]\n" for i in range(1, n)
    )
    return first + rest


def repeated_tag(n: int) -> str:
    """One line of ``n`` tags (the same tag), for the formatter's layout."""
    return "[T]:   The thesis. #thesis" + " #t" * n + "   \n"


CASES = (
    Case("check, distinct tags on one line", distinct_tags, ("check", "BRIEF"),
         (50_000, 200_000), "tags"),
    Case("check, attackers of one claim", attackers, ("check", "BRIEF"),
         (50_000, 200_000), "attackers"),
    Case("trace, one long line", long_line, ("trace", "BRIEF", "T"),
         (1_000_000, 4_000_000), "characters"),
    Case("show in colour, one long line", long_line, ("show", "BRIEF"),
         (1_000_000, 4_000_000), "characters", color=True),
    Case("export argdown, one long line", long_line, ("export", "BRIEF", "--format", "argdown"),
         (1_000_000, 4_000_000), "characters"),
    Case("check, inferences of one argument", inferences, ("check", "BRIEF"),
         (2_500, 10_000), "inferences"),
    Case("export markdown, inferences of one argument", inferences,
         ("export", "BRIEF", "--format", "markdown"), (2_500, 10_000), "inferences"),
    Case("export argdown, arguments for one conclusion", one_conclusion,
         ("export", "BRIEF", "--format", "argdown"), (2_500, 10_000), "arguments"),
    Case("fmt --check, tags on one line", repeated_tag, ("fmt", "--check", "BRIEF"),
         (25_000, 100_000), "tags"),
)  # fmt: skip
