"""The ``argmap`` command's entry point.

``argmap --version`` and ``argmap --help`` are answered here, without loading the
command-line machinery (click and the commands), so that they start about as fast as
Python itself; everything else goes to :func:`argmap.cli.entry_point`.
"""

from __future__ import annotations

import os
import sys

__all__ = ["HELP", "main"]

# `argmap --help` as click prints it 80 columns wide (and wider: click stops at 80).
# Printed from here because the start-up target (3× `python -c pass`) needs it: measured
# here, median of 10, `python -c pass` took 18 ms, this text 39 ms (2.1×), and click's
# own `--help`, which imports click and the commands, 97 ms (5.3×).
# tests/test_cli.py checks that this is still click's text; after changing the commands,
# paste here what click prints: COLUMNS=80 python -c "from argmap.cli import main;
# main(['--help'], prog_name='argmap')".
HELP = """\
Usage: argmap [OPTIONS] COMMAND [ARGS]...

  argmap: check, show and export debate briefs written in Argdown.

  A brief is an Argdown file: claims, the evidence behind them, rebuttals and
  responses. Use "-" to read a brief from standard input.

  Exit codes: 0 clean, 1 findings at error level, 2 usage or I/O error (also a
  brief over the size limit: 256 MiB, or ARGMAP_MAX_BYTES), 130 interrupted.

Options:
  -V, --version  Show the version and exit.
  -h, --help     Show this message and exit.

Commands:
  check   Check BRIEFS: syntax, references, support chains, rebuttals and...
  config  Print the settings in force for BRIEF, and where each one was set.
  export  Export BRIEF: json, dot, svg, png, pdf, html, graphml, mermaid,...
  flow    Print BRIEF as a debate flow: one column per speech, answers...
  fmt     Rewrite BRIEFS in canonical layout, in place (like black).
  import  Import FILE (AIF JSON, microtext XML or a Kialo export) as an...
  lsp     Run the language server for editors, on standard input and output.
  rules   List every rule: code, name, default severity and what it finds.
  show    Print BRIEF as a tree: each thesis, what supports and attacks...
  stats   Count what BRIEFS hold: claims, evidence, relations, grounding,...
  trace   Explain why TITLE in BRIEF is in, out or undecided.
  weigh   Show the impacts of each side of BRIEF that stand, their...
"""


def main() -> None:
    """The console script ``argmap`` and ``python -m argmap``."""
    arguments = sys.argv[1:]
    if arguments in (["--version"], ["-V"]):
        from argmap._version import __version__

        sys.stdout.write(f"argmap, version {__version__}\n")
        return
    if arguments in (["--help"], ["-h"]) and _columns() >= 80:
        sys.stdout.write(HELP)
        return
    from argmap.cli import entry_point

    entry_point()


def _columns() -> int:
    """The terminal's width as click reads it (shutil.get_terminal_size, which costs more
    to import than this whole command takes to answer)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
        except (ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80
