"""The ``argmap`` command line: options → library call → renderer → exit code.

Exit codes: 0 clean; 1 findings at error level; 2 usage or I/O error.
Heavy modules (networkx, YAML, rich) are imported inside the commands that need them,
so ``argmap --help`` and ``argmap --version`` start fast.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from argmap._version import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from argmap.model import ArgumentMap

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

_BRIEF = click.Path(dir_okay=True, allow_dash=True)


def _console(stderr: bool = False, no_color: bool = False) -> Console:
    from rich.console import Console

    return Console(
        stderr=stderr,
        no_color=no_color or None,
        highlight=False,
        emoji=False,
        markup=False,
    )


def _fail(message: str) -> NoReturn:
    click.echo(f"argmap: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _load(path: str) -> ArgumentMap:
    from argmap.loader import BriefError, load

    try:
        return load(path)
    except BriefError as error:
        _fail(str(error))


def _report_to_stderr(amap: ArgumentMap, no_color: bool) -> None:
    """Findings of a command whose stdout is its result (show, export)."""
    from argmap.checker import check
    from argmap.views.diagnostics import render_pretty

    diagnostics = check(amap)
    if diagnostics:
        sources = {amap.file: amap.source} if amap.source else {}
        render_pretty(_console(stderr=True, no_color=no_color), diagnostics, sources)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
def main() -> None:
    """argmap: check, show and export debate briefs written in Argdown.

    A brief is an Argdown file: claims, the evidence behind them, rebuttals and
    responses. Use "-" to read a brief from standard input.

    Exit codes: 0 clean, 1 findings at error level, 2 usage or I/O error.
    """


@main.command()
@click.argument("briefs", nargs=-1, required=True, type=_BRIEF)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["pretty", "parsable", "json"]),
    default="pretty",
    show_default=True,
    help="pretty: with the source line; parsable: path:line:col: severity CODE message (rule).",
)
@click.option("--no-color", is_flag=True, help="Plain output, without colour.")
def check(briefs: tuple[str, ...], output_format: str, no_color: bool) -> None:
    """Report syntax and language problems in BRIEFS, each with file:line:column."""
    from argmap.checker import check as run_check
    from argmap.checker import exit_status
    from argmap.diagnostics import sort_diagnostics

    diagnostics = []
    sources = {}
    for path in briefs:
        amap = _load(path)
        diagnostics.extend(run_check(amap))
        if amap.source is not None:
            sources[amap.file] = amap.source
    diagnostics = sort_diagnostics(diagnostics)
    if output_format == "json":
        from argmap.exporters.json import diagnostics_to_json

        _write_stdout(diagnostics_to_json(diagnostics))
    elif output_format == "parsable":
        from argmap.views.diagnostics import parsable_line

        _write_stdout("".join(parsable_line(d) + "\n" for d in diagnostics))
    else:
        from argmap.views.diagnostics import render_pretty, summary

        console = _console(no_color=no_color)
        render_pretty(console, diagnostics, sources)
        _console(stderr=True, no_color=no_color).print(summary(diagnostics, len(briefs)))
    sys.exit(exit_status(diagnostics))


@main.command()
@click.argument("brief", type=_BRIEF)
@click.option("--no-color", is_flag=True, help="Plain output, without colour.")
def show(brief: str, no_color: bool) -> None:
    """Print BRIEF as a tree: each thesis, then what supports and attacks it."""
    from argmap.checker import exit_status
    from argmap.views.tree import render_tree

    amap = _load(brief)
    _report_to_stderr(amap, no_color)
    render_tree(_console(no_color=no_color), amap)
    sys.exit(exit_status(amap.diagnostics))


@main.command()
@click.argument("brief", type=_BRIEF)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json"]),
    default=None,
    help="Output format (default: from the output file's suffix, else json).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    help="Write here instead of standard output (written atomically).",
)
def export(brief: str, output_format: str | None, output: str | None) -> None:
    """Export BRIEF as JSON (documented in docs/json.md)."""
    from argmap.checker import exit_status
    from argmap.exporters import json as json_export

    if output_format is None and output not in (None, "-"):
        assert output is not None
        suffix = os.path.splitext(output)[1].lower()
        if suffix not in ("", json_export.SUFFIX):
            _fail(f"cannot tell the format from {suffix!r}; use --format json")
    amap = _load(brief)
    _report_to_stderr(amap, no_color=False)
    payload = json_export.dumps(amap)
    if output in (None, "-"):
        _write_stdout(payload)
    else:
        assert output is not None
        _write_file(output, payload, brief)
    sys.exit(exit_status(amap.diagnostics))


def _write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours. Point stdout at devnull
        # so the interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_OK)


def _write_file(output: str, text: str, brief: str) -> None:
    """Write atomically (a temporary file, then rename); never over the brief itself."""
    import contextlib
    import tempfile

    same = False

    target = os.path.abspath(output)
    if brief != "-" and os.path.exists(brief) and os.path.exists(target):
        with contextlib.suppress(OSError):
            same = os.path.samefile(brief, target)
        if same:
            _fail(f"{output}: refusing to overwrite the input brief")
    directory = os.path.dirname(target)
    if not os.path.isdir(directory):
        _fail(f"{output}: folder {directory} does not exist")
    try:
        fd, temporary = tempfile.mkstemp(prefix=".argmap-", dir=directory)
    except OSError as error:
        _fail(f"{output}: cannot write: {error.strerror or error}")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except OSError as error:
        _cleanup(temporary)
        _fail(f"{output}: cannot write: {error.strerror or error}")
    except BaseException:
        _cleanup(temporary)
        raise


def _cleanup(path: str) -> None:
    import contextlib

    with contextlib.suppress(OSError):
        os.unlink(path)


def run(argv: list[str] | None = None) -> Any:
    """Entry point for tests and embedding: like the console script, no sys.exit."""
    return main.main(args=argv, prog_name="argmap", standalone_mode=False)
