"""Making user text safe to print (no control characters, no escape sequences), and
writing output."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions
    from rich.measure import Measurement
    from rich.segment import Segment
    from rich.text import Text

__all__ = ["MAX_WIDTH", "Wrapped", "clean", "shorten", "terminal_width", "write"]

MAX_WIDTH = 1000
"""The widest output, in columns, whatever ``COLUMNS`` says: a view as wide as a huge
``COLUMNS`` is mostly padding, and can be thousands of times the size of the brief."""

# ANSI/OSC escape sequences first (so their parameters go too), then other controls.
_ESCAPES = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b\[[0-?]*[ -/]*[@-~]|\x1b.?")
_BREAKS = re.compile(r"[\t\n\r\u2028\u2029]")


def clean(text: str) -> str:
    """``text`` as a view or an export shows it: escape sequences removed, tabs and line
    breaks made spaces, and every other hidden character (controls, bidirectional
    controls, zero-width and other default-ignorable characters) shown as ``<U+XXXX>``
    by :func:`argmap.visible.visible`."""
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing to do
    from argmap.visible import visible

    return visible(_BREAKS.sub(" ", _ESCAPES.sub("", text)))


def shorten(text: str, limit: int, ellipsis: str = "…") -> str:
    """``text`` cut to at most ``limit`` characters, ending in ``ellipsis`` when cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - len(ellipsis), 0)].rstrip() + ellipsis


def terminal_width() -> int:
    """The width to lay output out for: ``COLUMNS`` when it is a positive number, else
    the terminal's width, else 80; never more than :data:`MAX_WIDTH`."""
    import shutil

    # shutil reads COLUMNS and ignores a value that is not a positive number, as if unset.
    columns = shutil.get_terminal_size((80, 24)).columns
    return max(1, min(columns, MAX_WIDTH))


def write(stream: IO[Any], data: str | bytes) -> None:
    """Write ``data`` to ``stream`` and flush it. A reader that goes away (``| head``) is
    not an error of ours: the rest is dropped and the command ends quietly, exit code 0."""
    try:
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        # Point the stream at devnull, so that the interpreter's final flush is quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        raise SystemExit(0) from None


class Wrapped:
    """Rich text that renders as :class:`rich.text.Text` does, in time linear in its
    length: rich wraps a text in linear time, but then renders its lines as one piece
    and splits that piece at each line break, copying the rest each time (a paragraph
    of 10 MB took seconds per megabyte). Here each wrapped line renders by itself."""

    __slots__ = ("text",)

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.segment import Segment

        text = self.text
        tab_size = console.tab_size if text.tab_size is None else text.tab_size
        lines = text.wrap(
            console,
            options.max_width,
            justify=text.justify or options.justify or "default",
            overflow=text.overflow or options.overflow or "fold",
            tab_size=tab_size or 8,
            no_wrap=bool(options.no_wrap if text.no_wrap is None else text.no_wrap),
        )
        last = len(lines) - 1
        for index, line in enumerate(lines):
            yield from line.render(console)
            if index < last:
                yield Segment.line()
        if text.end:
            yield Segment(text.end)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return self.text.__rich_measure__(console, options)
