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

    from argmap.config import Config
    from argmap.diagnostics import Diagnostic
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
    """Reading problems of a command whose stdout is its result (show, export)."""
    from argmap.views.diagnostics import render_pretty

    diagnostics = sorted(amap.diagnostics, key=lambda d: d.sort_key())
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


def _rule_options(function: Any) -> Any:
    """--select, --ignore, --standard: which rules run and how verdicts are weighed."""
    function = click.option(
        "--standard",
        type=click.Choice(["evidence", "dialectical"]),
        default=None,
        help="evidence (default): a claim needs evidence behind it to stand; "
        "dialectical: an unsupported claim stands until attacked.",
    )(function)
    function = click.option(
        "--ignore",
        multiple=True,
        metavar="RULES",
        help="Skip rules by code, code prefix or name (comma-separated; repeatable).",
    )(function)
    function = click.option(
        "--select",
        multiple=True,
        metavar="RULES",
        help="Run only these rules: codes, code prefixes (AM2) or names.",
    )(function)
    return function


def _config(
    amap: ArgumentMap,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    standard: str | None,
    fail_on: str | None = None,
) -> Config:
    """Defaults, then the brief's front matter `argmap:`, then the command line."""
    from argmap.checker import effective_config
    from argmap.config import ConfigError

    overrides: dict[str, Any] = {}
    if select:
        overrides["select"] = _split(select)
    if ignore:
        overrides["ignore"] = _split(ignore)
    if standard:
        overrides["standard"] = standard
    if fail_on:
        overrides["fail-on"] = fail_on
    try:
        config = effective_config(amap)
        return config.merged(overrides) if overrides else config
    except ConfigError as error:
        _fail(f"{amap.file}: {error}")


def _split(values: tuple[str, ...]) -> list[str]:
    return [part for value in values for part in value.replace(",", " ").split() if part]


@main.command()
@click.argument("briefs", nargs=-1, required=True, type=_BRIEF)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["pretty", "parsable", "json", "github"]),
    default="pretty",
    show_default=True,
    help="pretty: with the source line; parsable: path:line:col: severity CODE message "
    "(rule); json: docs/json.md; github: GitHub Actions annotations.",
)
@_rule_options
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="The lowest severity that makes the exit code 1 (default: error).",
)
@click.option("--explain", is_flag=True, help="Add the reasoning behind each finding.")
@click.option("--no-color", is_flag=True, help="Plain output, without colour.")
def check(
    briefs: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    standard: str | None,
    fail_on: str | None,
    explain: bool,
    no_color: bool,
) -> None:
    """Check BRIEFS: syntax, references, support chains, rebuttals and verdicts.

    Each finding has file:line:column, a rule code and name (see `argmap rules`).
    """
    from argmap.checker import run_rules
    from argmap.diagnostics import sort_diagnostics

    diagnostics: list[Diagnostic] = []
    sources = {}
    explanations: dict[Diagnostic, list[str]] = {}
    failed = False
    for path in briefs:
        amap = _load(path)
        config = _config(amap, select, ignore, standard, fail_on)
        found = run_rules(amap, config)
        failed = failed or config.fails(found)
        diagnostics.extend(found)
        if amap.source is not None:
            sources[amap.file] = amap.source
        if explain:
            explanations.update(_explanations(amap, config, found))
    diagnostics = sort_diagnostics(diagnostics)
    if output_format == "json":
        from argmap.exporters.json import diagnostics_to_json

        _write_stdout(diagnostics_to_json(diagnostics, explanations))
    elif output_format in ("parsable", "github"):
        from argmap.views.diagnostics import github_line, parsable_line

        line = parsable_line if output_format == "parsable" else github_line
        # One line per finding, for editors and CI: --explain applies to pretty and json.
        _write_stdout("".join(line(diagnostic) + "\n" for diagnostic in diagnostics))
    else:
        from argmap.views.diagnostics import render_pretty

        console = _console(no_color=no_color)
        by_index = {i: explanations[d] for i, d in enumerate(diagnostics) if d in explanations}
        render_pretty(console, diagnostics, sources, by_index)
    if output_format != "json":
        from argmap.views.diagnostics import summary

        click.echo(summary(diagnostics, len(briefs)), err=True)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def _explanations(
    amap: ArgumentMap, config: Config, found: list[Diagnostic]
) -> dict[Diagnostic, list[str]]:
    from argmap.evaluate import evaluate
    from argmap.views.trace import explanation_lines

    evaluation = evaluate(amap, config.standard)
    result = {}
    for diagnostic in found:
        if diagnostic.node is not None and diagnostic.node in amap:
            result[diagnostic] = explanation_lines(amap, evaluation, diagnostic.node)
    return result


@main.command()
@click.argument("brief", type=_BRIEF)
@_rule_options
@click.option("--no-color", is_flag=True, help="Plain output, without colour.")
def show(
    brief: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    standard: str | None,
    no_color: bool,
) -> None:
    """Print BRIEF as a tree: each thesis, what supports and attacks it, and verdicts.

    Each node shows its verdict (✓ in, ✗ out, ? undecided) and its findings.
    """
    from argmap.checker import run_rules
    from argmap.evaluate import evaluate
    from argmap.views.tree import render_tree

    amap = _load(brief)
    config = _config(amap, select, ignore, standard)
    _report_to_stderr(amap, no_color)
    findings = run_rules(amap, config)
    render_tree(_console(no_color=no_color), amap, evaluate(amap, config.standard), findings)
    sys.exit(EXIT_FINDINGS if amap.has_errors else EXIT_OK)


@main.command()
@click.argument("brief", type=_BRIEF)
@click.argument("title")
@click.option(
    "--standard",
    type=click.Choice(["evidence", "dialectical"]),
    default=None,
    help="The evaluation standard (default: evidence, or the front matter's).",
)
@click.option("--no-color", is_flag=True, help="Plain output, without colour.")
def trace(brief: str, title: str, standard: str | None, no_color: bool) -> None:
    """Explain why TITLE in BRIEF is in, out or undecided.

    TITLE is a statement or argument title; write [Title] or <Title> to pick one.
    """
    from argmap.evaluate import evaluate
    from argmap.views.trace import render_trace

    amap = _load(brief)
    config = _config(amap, (), (), standard)
    node = amap.find(title)
    if node is None:
        import difflib

        titles = [n.title for n in amap.nodes]
        close = difflib.get_close_matches(title.strip("[]<>"), titles, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        _fail(f"{amap.file}: no statement or argument titled {title!r}{hint}")
    render_trace(_console(no_color=no_color), amap, evaluate(amap, config.standard), node.id)


@main.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "markdown"]),
    default="table",
    show_default=True,
    help="markdown: docs/rules.md.",
)
def rules_command(output_format: str) -> None:
    """List every rule: code, name, default severity and what it finds."""
    from argmap.rules import RULES

    if output_format == "markdown":
        from argmap.rules.docs import rules_markdown

        _write_stdout(rules_markdown())
        return
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("code", "name", "severity", "finds"):
        table.add_column(column)
    for rule in RULES.values():
        table.add_row(rule.code, rule.name, rule.severity.value, rule.summary)
    _console().print(table)


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
@click.option(
    "--standard",
    type=click.Choice(["evidence", "dialectical"]),
    default=None,
    help="The standard for the verdicts in the export (default: evidence).",
)
def export(brief: str, output_format: str | None, output: str | None, standard: str | None) -> None:
    """Export BRIEF as JSON (documented in docs/json.md), with each node's verdict."""
    from argmap.evaluate import evaluate
    from argmap.exporters import json as json_export

    if output_format is None and output not in (None, "-"):
        assert output is not None
        suffix = os.path.splitext(output)[1].lower()
        if suffix not in ("", json_export.SUFFIX):
            _fail(f"cannot tell the format from {suffix!r}; use --format json")
    amap = _load(brief)
    config = _config(amap, (), (), standard)
    _report_to_stderr(amap, no_color=False)
    payload = json_export.dumps(amap, evaluate(amap, config.standard))
    if output in (None, "-"):
        _write_stdout(payload)
    else:
        assert output is not None
        _write_file(output, payload, brief)
    sys.exit(EXIT_FINDINGS if amap.has_errors else EXIT_OK)


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
