"""The ``argmap`` command line: options → library call → renderer → exit code.

Exit codes: 0 clean; 1 findings at error level; 2 usage or I/O error; 130 interrupted.
Heavy modules (networkx, YAML, rich) are imported inside the commands that need them,
so ``argmap --help`` and ``argmap --version`` start fast.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from argmap._version import __version__
from argmap.exporters import formats

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console

    from argmap.analysis import Analysis, Settings
    from argmap.diagnostics import Diagnostic
    from argmap.model import ArgumentMap
    from argmap.project import Project
    from argmap.source import SourceText
    from argmap.views.ci_formats import Suite

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

_BRIEF = click.Path(dir_okay=True, allow_dash=True)


def _console(stderr: bool = False, no_color: bool = False) -> Console:
    from rich.console import Console

    from argmap.views.text import terminal_width

    # --no-color (and NO_COLOR) mean plain text: no colour and no bold, dim or reverse.
    plain = no_color or bool(os.environ.get("NO_COLOR"))
    return Console(
        stderr=stderr,
        # COLUMNS=0 or nonsense counts as unset, and no layout is wider than 1,000 columns.
        width=terminal_width(),
        no_color=plain or None,
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
        markup=False,
    )


def _render_findings(
    diagnostics: list[Diagnostic],
    sources: dict[str, SourceText],
    explanations: dict[int, list[str]] | None = None,
    *,
    stderr: bool = False,
    no_color: bool = False,
) -> None:
    """Findings with their source lines, on stdout (or stderr)."""
    from argmap.views.diagnostics import render_pretty

    render_pretty(_console(stderr, no_color), diagnostics, sources, explanations)


def _say(message: str) -> None:
    """A line on stderr, with file names and titles shown as their characters are (a
    file name can hold escape sequences or line breaks)."""
    from argmap.visible import visible

    click.echo(f"argmap: {visible(message)}", err=True)


def _fail(message: str) -> NoReturn:
    _say(f"error: {message}")
    sys.exit(EXIT_USAGE)


def _finite(value: float) -> float:
    """A number of seconds: ``inf`` and ``nan`` pass a range check, and mean nothing."""
    import math

    if not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number of seconds")
    return value


def _analyse(brief: str, settings: Settings | None = None, *, rules: bool = True) -> Analysis:
    """:func:`argmap.analysis.analyse`, with a brief that cannot be read or an invalid
    setting reported as a usage error (exit 2)."""
    from argmap.loader import brief_name

    if brief == "-" and sys.stdin is None:
        _fail("standard input is closed: give a file, or pipe the brief in")
    project = _project()
    with _usage_errors(brief_name(project.stdin_filename or brief)):
        return project.analyse(brief, settings, rules=rules)


@contextlib.contextmanager
def _usage_errors(name: str) -> Iterator[None]:
    """A brief that cannot be read, or an invalid setting, as a usage error (exit 2); a
    setting not in a file of its own (the command line, the front matter) under ``name``."""
    from argmap.config import ConfigError, ConfigFileError
    from argmap.loader import BriefError

    try:
        yield
    except BriefError as error:
        _fail(str(error))
    except ConfigFileError as error:
        _fail(str(error))  # it names its file and line
    except ConfigError as error:
        _fail(f"{name}: {error}")


# The project options (--config, --isolated, --stdin-filename, --exclude) are kept in the
# command's context, where _project() finds them: every command reads its briefs alike.
_PROJECT = "argmap.project"


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    ctx.meta.setdefault(_PROJECT, {})[param.name] = value
    return value


def _project() -> Project:
    """The configuration discovery and file search of the current command."""
    from argmap.project import Discovery, Project

    context = click.get_current_context(silent=True)
    given = context.meta.get(_PROJECT, {}) if context is not None else {}
    return Project(
        Discovery(given.get("config_path"), bool(given.get("isolated"))),
        tuple(given.get("exclude") or ()),
        given.get("stdin_filename"),
    )


def _project_options(function: Any) -> Any:
    """--config, --isolated and --stdin-filename: where the settings come from."""
    for option in (
        click.option(
            "--stdin-filename",
            metavar="NAME",
            default=None,
            expose_value=False,
            callback=_remember,
            help="The name of the brief read from '-': shown in findings, and where its "
            "configuration is found.",
        ),
        click.option(
            "--isolated",
            is_flag=True,
            expose_value=False,
            callback=_remember,
            help="Read no configuration file.",
        ),
        click.option(
            "--config",
            "config_path",
            metavar="PATH",
            type=click.Path(dir_okay=False),
            default=None,
            expose_value=False,
            callback=_remember,
            help="Read settings from this file (argmap.toml, or a pyproject.toml with "
            "[tool.argmap]) instead of the nearest one.",
        ),
    ):
        function = option(function)
    return function


def _exclude_option(function: Any) -> Any:
    return click.option(
        "--exclude",
        multiple=True,
        metavar="GLOB",
        expose_value=False,
        callback=_remember,
        help="Leave out what folders and globs find that matches GLOB (as in .gitignore; "
        "repeatable), on top of the configuration's exclude.",
    )(function)


def _briefs(paths: tuple[str, ...], *, argdown_only: bool = False) -> list[str]:
    """The briefs that PATHS name: folders searched, globs expanded (argmap.files)."""
    from argmap.config import ConfigError
    from argmap.files import FilesError

    try:
        found = _project().briefs(paths, argdown_only=argdown_only)
    except (FilesError, ConfigError) as error:
        _fail(str(error))
    if not found:
        _say(f"warning: no briefs found in {', '.join(paths)}")
    return found


def _analyse_together(paths: tuple[str, ...], settings: Settings) -> Analysis:
    """The briefs PATHS name read as one map (argmap.folder_map)."""
    briefs = _briefs(paths)
    with _usage_errors(", ".join(paths)):
        return _project().analyse_together(briefs, settings)


def _settings(
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    standard: str | None = None,
    fail_on: str | None = None,
    extend_select: tuple[str, ...] = (),
) -> Settings:
    """The command line's settings: repeatable, comma-separated --select and --ignore."""
    from argmap.analysis import Settings

    return Settings(
        select=tuple(_split(select)) if select else None,
        ignore=tuple(_split(ignore)) if ignore else None,
        standard=standard,
        fail_on=fail_on,
        extend_select=tuple(_split(extend_select)) if extend_select else None,
    )


def _report_to_stderr(amap: ArgumentMap, no_color: bool) -> None:
    """Reading problems of a command whose stdout is its result (show, export)."""
    diagnostics = sorted(amap.diagnostics, key=lambda d: d.sort_key())
    if diagnostics:
        _render_findings(diagnostics, amap.sources, stderr=True, no_color=no_color)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
def main() -> None:
    """argmap: check, show and export debate briefs written in Argdown.

    A brief is an Argdown file: claims, the evidence behind them, rebuttals and
    responses. Use "-" to read a brief from standard input.

    Exit codes: 0 clean, 1 findings at error level, 2 usage or I/O error (also a brief
    over the size limit: 256 MiB, or ARGMAP_MAX_BYTES), 130 interrupted.
    """


def _complete_rules(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from argmap.completion import complete_rules

    return complete_rules(ctx, param, incomplete)


def _complete_titles(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from argmap.completion import complete_titles

    return complete_titles(ctx, param, incomplete)


_standard_option = click.option(
    "--standard",
    type=click.Choice(["evidence", "dialectical", "round"]),
    default=None,
    help="How verdicts are weighed. evidence (default): a claim needs evidence behind it "
    "to stand; dialectical: an unsupported claim stands until attacked; round: as "
    "dialectical, and a #turn counts for the side that made it.",
)


def _rule_options(function: Any) -> Any:
    """--select, --ignore, --standard: which rules run and how verdicts are weighed."""
    function = _standard_option(function)
    function = click.option(
        "--ignore",
        multiple=True,
        metavar="RULES",
        shell_complete=_complete_rules,
        help="Skip rules by code, code prefix or name (comma-separated; repeatable).",
    )(function)
    function = click.option(
        "--select",
        multiple=True,
        metavar="RULES",
        shell_complete=_complete_rules,
        help="Run only these rules: codes, code prefixes (AM2) or names.",
    )(function)
    return function


def _split(values: tuple[str, ...]) -> list[str]:
    """Rule patterns from repeatable, comma-separated options. An option given as empty
    (``--select ""``) stays an empty pattern, which validation refuses: it must not
    silently select nothing."""
    parts = [part for value in values for part in value.replace(",", " ").split()]
    return parts if parts or not values else [""]


@main.command()
@click.argument("briefs", nargs=-1, required=True, type=_BRIEF)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["pretty", "parsable", "json", "github", "sarif", "junit"]),
    default="pretty",
    show_default=True,
    help="pretty: with the source line; parsable: path:line:col: severity CODE message "
    "(rule); json: docs/json.md; github: GitHub Actions annotations; sarif: SARIF 2.1.0 "
    "for code scanning; junit: JUnit XML for CI dashboards (docs/ci.md).",
)
@_rule_options
@click.option(
    "--extend-select",
    multiple=True,
    metavar="RULES",
    shell_complete=_complete_rules,
    help="Run these rules too, on top of the selection (codes, prefixes or names).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="The lowest severity that makes the exit code 1 (default: error).",
)
@click.option("--explain", is_flag=True, help="Add the reasoning behind each finding.")
@click.option("--no-color", is_flag=True, help="Plain output, without colour.")
@click.option(
    "--statistics", is_flag=True, help="Count the findings of each rule instead of listing them."
)
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even with findings (2 still means a usage error)."
)
@click.option("-q", "--quiet", is_flag=True, help="Only the findings: no summary line.")
@click.option(
    "--output-file",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    help="Write the report to this file (atomically) instead of standard output.",
)
@click.option("--watch", is_flag=True, help="Check again whenever a brief changes (Ctrl-C stops).")
@click.option(
    "--project",
    "as_project",
    is_flag=True,
    help="Read each folder as one map: titles shared across its briefs (as @include does).",
)
@_exclude_option
@_project_options
def check(
    briefs: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    standard: str | None,
    extend_select: tuple[str, ...],
    fail_on: str | None,
    explain: bool,
    no_color: bool,
    statistics: bool,
    exit_zero: bool,
    quiet: bool,
    output_file: str | None,
    watch: bool,
    as_project: bool,
) -> None:
    """Check BRIEFS: syntax, references, support chains, rebuttals and verdicts.

    Each finding has file:line:column, a rule code and name (see `argmap rules`). A
    folder is searched for briefs (*.argdown, *.ad, Markdown with ```argdown blocks),
    leaving out what .gitignore and exclude do; --project reads it as one map instead.
    Settings come from the nearest argmap.toml, .argmap.toml or pyproject.toml
    [tool.argmap] (docs/configuration.md).
    """
    from argmap.diagnostics import sort_diagnostics

    if watch:
        _watch(briefs)
    diagnostics: list[Diagnostic] = []
    sources: dict[str, SourceText] = {}
    explanations: dict[Diagnostic, list[str]] = {}
    suites: list[Suite] = []
    failed = False
    settings = _settings(select, ignore, standard, fail_on, extend_select)
    paths = briefs if as_project else tuple(_briefs(briefs))
    for path in paths:
        result = _analyse(path, settings)
        failed = failed or result.failed
        diagnostics.extend(result.findings)
        sources.update(result.map.sources)
        if explain:
            explanations.update(_explanations(result))
        if output_format == "junit":
            suites.append(_suite(path, result))
    diagnostics = sort_diagnostics(diagnostics)
    if output_format == "pretty" and output_file is None and not statistics:
        by_index = {i: explanations[d] for i, d in enumerate(diagnostics) if d in explanations}
        _render_findings(diagnostics, sources, by_index, no_color=no_color)
    else:
        from argmap.views.ci_formats import render_report

        # One line per finding in parsable and github: --explain applies to pretty and json.
        report = render_report(
            output_format,
            diagnostics,
            sources=sources,
            suites=suites,
            explanations=explanations,
            statistics=statistics,
        )
        _write_report(report, output_file)
    # The machine formats keep standard error for problems, unless they go to a file.
    machine = output_format in ("json", "sarif", "junit") and output_file in (None, "-")
    if not (quiet or machine):
        from argmap.views.diagnostics import summary

        click.echo(summary(diagnostics, len(paths)), err=True)
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_OK)


def _suite(path: str, result: Analysis) -> Suite:
    """A brief's test suite for ``--format junit``: the rules that ran on it."""
    from argmap.loader import brief_name
    from argmap.views.ci_formats import Suite, rules_run

    return Suite(brief_name(path), rules_run(result.config), result.findings)


def _write_report(report: str, output_file: str | None) -> None:
    if output_file in (None, "-"):
        _write_stdout(report)
        return
    from argmap.output import OutputError, write_file

    assert output_file is not None
    try:
        write_file(output_file, report)
    except OutputError as error:
        _fail(str(error))


def _watch(paths: tuple[str, ...]) -> NoReturn:
    """Run the current command again (without --watch) whenever one of its briefs, a file
    they include or a configuration file changes; Ctrl-C ends it (exit 130)."""
    from argmap.watch import WatchUnavailable, watch_command

    context = click.get_current_context()
    config = context.meta.get(_PROJECT, {}).get("config_path")
    try:
        watch_command(context, paths, [config] if config else [])
    except WatchUnavailable as error:
        _fail(str(error))


def _explanations(result: Analysis) -> dict[Diagnostic, list[str]]:
    from argmap.views.trace import explanation_lines

    amap = result.map
    return {
        diagnostic: explanation_lines(amap, result.evaluation, diagnostic.node)
        for diagnostic in result.findings
        if diagnostic.node is not None and diagnostic.node in amap
    }


def _view_options(function: Any) -> Any:
    """--focus, --depth, --section: which part of the map a view or export shows."""
    function = click.option(
        "--section", metavar="NAME", default=None, help="Only this section (title or id)."
    )(function)
    function = click.option(
        "--depth",
        type=click.IntRange(min=0),
        default=None,
        help="Only nodes at most this many relations below the thesis (or the focus).",
    )(function)
    function = click.option(
        "--focus",
        metavar="TITLE",
        default=None,
        shell_complete=_complete_titles,
        help="Only this node and what relates to it ([T] or <T> picks the namespace).",
    )(function)
    return function


def _terminal_options(function: Any) -> Any:
    function = click.option(
        "--ascii", "ascii_only", is_flag=True, help="Plain ASCII glyphs for lines and symbols."
    )(function)
    function = click.option(
        "--no-color", is_flag=True, help="Plain output, without colour (also: NO_COLOR=1)."
    )(function)
    return function


def _part(
    result: Analysis, focus: str | None, depth: int | None, section: str | None
) -> ArgumentMap:
    from argmap.selection import SelectionError

    try:
        return result.part(focus, depth, section)
    except SelectionError as error:
        _fail(f"{result.map.file}: {error}")


@main.command()
@click.argument("brief", type=_BRIEF)
@_view_options
@_rule_options
@_terminal_options
@click.option("--watch", is_flag=True, help="Show again whenever the brief changes (Ctrl-C stops).")
@_project_options
def show(
    brief: str,
    focus: str | None,
    depth: int | None,
    section: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    standard: str | None,
    no_color: bool,
    ascii_only: bool,
    watch: bool,
) -> None:
    """Print BRIEF as a tree: each thesis, what supports and attacks it, and verdicts.

    Each node shows its relation to the node above (+ supports, - attacks, _ undercuts,
    >< contradicts), its verdict (✓ in, ✗ out, ? undecided) and its findings. Nodes
    outside the tree are listed after it.
    """
    from argmap.views.tree import render_tree

    if watch:
        _watch((brief,))
    result = _analyse(brief, _settings(select, ignore, standard))
    _report_to_stderr(result.map, no_color)
    # The tree cuts branches at --depth itself, with a "… N deeper" marker.
    part = _part(result, focus, None, section)
    console = _console(no_color=no_color)
    render_tree(
        console,
        part,
        result.evaluation,
        result.findings,
        # An output that cannot encode the marks (an ASCII locale) gets ASCII ones.
        ascii_only=ascii_only or console.options.ascii_only,
        max_depth=depth,
    )
    sys.exit(EXIT_FINDINGS if result.map.has_errors else EXIT_OK)


@main.command()
@click.argument("brief", type=_BRIEF)
@click.option(
    "--format",
    "flow_format",
    type=click.Choice(["policy", "pf", "ld", "generic"]),
    default=None,
    help="Speech columns: policy (1AC, 1NC, 2AC, Block, …), pf (Public Forum), ld "
    "(Lincoln-Douglas), generic (case, rebuttal, response, …). Default: the brief's "
    "flow-format setting, else policy.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the flow's sheets to this file instead, one per position: .md, .csv, "
    ".html (print-ready) or .xlsx (needs argmap[xlsx]).",
)
@click.option(
    "--wpm",
    type=click.IntRange(min=1),
    default=250,
    show_default=True,
    help="Words per minute, for each speech's read time.",
)
@_view_options
@_standard_option
@_terminal_options
@_project_options
def flow(
    brief: str,
    flow_format: str | None,
    output: str | None,
    wpm: int,
    focus: str | None,
    depth: int | None,
    section: str | None,
    standard: str | None,
    no_color: bool,
    ascii_only: bool,
) -> None:
    """Print BRIEF as a debate flow: one column per speech, answers side by side.

    The case goes in the first column, each rebuttal beside the claim it answers, each
    response beside the rebuttal. Marks say what became of each argument: answered
    with a card, answered analytically, extended, dropped (conceded), turned. With -o,
    one sheet per position (the case, each off-case position) in a file.
    """
    from argmap.flow import flow as lay_out
    from argmap.views.flow import render_flow
    from argmap.views.flow_sheets import FlowSheetError, write_sheets, writer_for

    if output is not None:
        try:
            writer_for(output)
        except FlowSheetError as error:
            _fail(str(error))
    result = _analyse(brief, _settings(standard=standard), rules=False)
    _report_to_stderr(result.map, no_color)
    part = _part(result, focus, depth, section)
    speeches = flow_format or result.config.flow_format
    if output is not None:
        from argmap.output import OutputError

        try:
            write_sheets(
                output,
                part,
                result.evaluation,
                speeches,
                ascii_only=ascii_only,
                words_per_minute=wpm,
                brief=brief,
            )
        except (FlowSheetError, OutputError) as error:
            _fail(str(error))
        sys.exit(EXIT_FINDINGS if result.map.has_errors else EXIT_OK)
    console = _console(no_color=no_color)
    render_flow(
        console,
        part,
        lay_out(part, result.evaluation, speeches),
        ascii_only or console.options.ascii_only,
        wpm,
    )
    sys.exit(EXIT_FINDINGS if result.map.has_errors else EXIT_OK)


@main.command()
@click.argument("briefs", nargs=-1, required=True, type=_BRIEF)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["pretty", "json"]),
    default="pretty",
    show_default=True,
    help="pretty: a table; json: one object.",
)
@_rule_options
@click.option(
    "--wpm",
    type=click.IntRange(min=1),
    default=250,
    show_default=True,
    help="Words per minute, for each card's read time.",
)
@click.option("--no-color", is_flag=True, help="Plain output, without colour.")
@_exclude_option
@_project_options
def stats(
    briefs: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    standard: str | None,
    wpm: int,
    no_color: bool,
) -> None:
    """Count what BRIEFS hold: claims, evidence, relations, grounding, open rebuttals.

    Each card's words and read time follow (the highlighted words, or all of them
    when nothing is highlighted, at --wpm words a minute). Several briefs, or a folder,
    are counted as one map (titles shared across files).
    """
    import json

    from argmap.stats import stats as compute

    settings = _settings(select, ignore, standard)
    if len(briefs) == 1 and not os.path.isdir(briefs[0]):
        result = _analyse(briefs[0], settings)
    else:
        result = _analyse_together(briefs, settings)
    amap = result.map
    _report_to_stderr(amap, no_color)
    counts = compute(amap, result.evaluation, result.findings, wpm)
    if output_format == "json":
        payload = {"argmap": 1, "file": amap.file, **counts.to_json()}
        _write_stdout(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    else:
        from argmap.views.stats import render_stats

        render_stats(_console(no_color=no_color), counts, amap.title)
    sys.exit(EXIT_FINDINGS if amap.has_errors else EXIT_OK)


@main.command()
@click.argument("brief", type=_BRIEF)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["pretty", "json"]),
    default="pretty",
    show_default=True,
    help="pretty: a table; json: one object.",
)
@click.option(
    "--standard",
    type=click.Choice(["evidence", "dialectical", "round"]),
    default="round",
    show_default=True,
    help="How verdicts are weighed (see argmap flow); round: as a judge keeps the flow.",
)
@_terminal_options
@_project_options
def weigh(brief: str, output_format: str, standard: str, no_color: bool, ascii_only: bool) -> None:
    """Show the impacts of each side of BRIEF that stand, their weighing data side by side.

    An impact has data {impact: {magnitude: …, probability: …, timeframe: …}} or the tag
    #impact. Impacts nothing answers are called uncontested. argmap shows the weighing;
    it does not decide which impact outweighs.
    """
    from argmap.weigh import weigh as weigh_impacts

    result = _analyse(brief, _settings(standard=standard), rules=False)
    amap = result.map
    _report_to_stderr(amap, no_color)
    weighing = weigh_impacts(amap, result.evaluation, result.config.flow_format)
    if output_format == "json":
        import json

        payload = {"argmap": 1, "file": amap.file, **weighing.to_json()}
        _write_stdout(json.dumps(payload, indent=2, ensure_ascii=ascii_only) + "\n")
    else:
        from argmap.views.weigh import render_weighing

        console = _console(no_color=no_color)
        render_weighing(console, amap, weighing, ascii_only or console.options.ascii_only)
    sys.exit(EXIT_FINDINGS if amap.has_errors else EXIT_OK)


@main.command()
@click.argument("brief", type=_BRIEF)
@click.argument("title", shell_complete=_complete_titles)
@_standard_option
@click.option("--no-color", is_flag=True, help="Plain output, without colour.")
@_project_options
def trace(brief: str, title: str, standard: str | None, no_color: bool) -> None:
    """Explain why TITLE in BRIEF is in, out or undecided.

    TITLE is a statement or argument title; write [Title] or <Title> to pick one.
    """
    from argmap.views.trace import render_trace

    result = _analyse(brief, _settings(standard=standard), rules=False)
    amap = result.map
    node = amap.find(title)
    if node is None:
        from argmap.suggest import did_you_mean

        wanted = title.strip("[]<>")
        other = amap.find(wanted)  # the same title in the other namespace
        if other is not None:
            shown = f"[{wanted}]" if other.type == "statement" else f"<{wanted}>"
            hint = f"; did you mean {shown}?"
        else:
            statements = [n.title for n in amap.nodes if n.type == "statement"]
            arguments = [n.title for n in amap.nodes if n.type == "argument"]
            hint = did_you_mean(wanted, statements, "[]") or did_you_mean(wanted, arguments, "<>")
        _fail(f"{amap.file}: no statement or argument titled {title!r}{hint}")
    render_trace(_console(no_color=no_color), amap, result.evaluation, node.id)


@main.command()
def lsp() -> None:
    """Run the language server for editors, on standard input and output.

    Diagnostics as you type, hover with verdicts, go to definition, rename, completion,
    formatting and quick fixes (docs/editors.md). Needs argmap[lsp].
    """
    from argmap.lsp import INSTALL_HINT, available, serve

    if not available():
        _fail(INSTALL_HINT)
    serve()


@main.command("config")
@click.argument("brief", required=False, type=_BRIEF)
@_rule_options
@click.option(
    "--extend-select", multiple=True, metavar="RULES", help="Run these rules too (as in check)."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="The lowest severity that makes the exit code 1 (as in check).",
)
@_exclude_option
@_project_options
def config_command(
    brief: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    standard: str | None,
    extend_select: tuple[str, ...],
    fail_on: str | None,
) -> None:
    """Print the settings in force for BRIEF, and where each one was set.

    Settings come from the command line, then the brief's front matter (argmap:), then
    the configuration file (the nearest argmap.toml, .argmap.toml or pyproject.toml with
    [tool.argmap]), then the defaults. Without BRIEF: for a brief in the current folder.
    """
    from argmap.loader import brief_name
    from argmap.project import describe, settings_in_force

    project = _project()
    command_line = _settings(select, ignore, standard, fail_on, extend_select).overrides()
    if project.exclude:
        command_line["exclude"] = list(project.exclude)
    name = brief_name(project.stdin_filename or brief) if brief else None
    with _usage_errors(name or "."):
        file = project.config_file(brief or ".")
        front = None
        if brief is not None:
            settings = project.load(brief).front_matter.get("argmap")
            front = settings if isinstance(settings, dict) else None
        config, origins = settings_in_force(file, front, name or "", command_line)
        _write_stdout(describe(name, file, config, origins))


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
    # The formats the exporter modules declare (read without importing them).
    type=click.Choice(list(formats())),
    default=None,
    help="Output format (default: from the output file's suffix, else json).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    help="Write here instead of standard output (atomically). Needed for svg, png, pdf.",
)
@_view_options
@_standard_option
@click.option(
    "--layout",
    type=click.Choice(["dot", "sfdp"]),
    default="dot",
    show_default=True,
    help="Graphviz layout for svg, png, pdf and html (sfdp is faster on large maps).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    callback=lambda _ctx, _param, value: _finite(value),
    default=60.0,
    show_default=True,
    help="Seconds to give Graphviz for svg, png, pdf and html.",
)
@click.option(
    "--page",
    type=click.Choice(["letter", "a4", "slide"]),
    default=None,
    help="Lay dot, svg, png and pdf out to fit this page (slide: 16:9).",
)
@click.option(
    "--split",
    type=click.Choice(["section", "thesis"]),
    default=None,
    help="pdf: one page per section or per thesis (needs argmap[pdf]).",
)
@_project_options
def export(
    brief: str,
    output_format: str | None,
    output: str | None,
    focus: str | None,
    depth: int | None,
    section: str | None,
    standard: str | None,
    layout: str,
    timeout: float,
    page: str | None,
    split: str | None,
) -> None:
    """Export BRIEF: json, dot, svg, png, pdf, html, graphml, mermaid, markdown, argdown, aif.

    Text formats go to standard output unless -o is given; svg, png and pdf need -o (or
    -o - to write the bytes to standard output). Every export is deterministic.
    """
    from argmap.exporters import format_for_suffix

    if output_format is None:
        if output in (None, "-"):
            output_format = "json"
        else:
            assert output is not None
            suffix = os.path.splitext(output)[1]
            guessed = format_for_suffix(suffix)
            if guessed is None:
                _fail(
                    f"cannot tell the format from {suffix or 'a name without suffix'!r}; "
                    f"use --format ({', '.join(formats())})"
                )
            output_format = guessed
    if formats()[output_format].binary and output is None:
        _fail(f"{output_format} is binary: give an output file with -o (or -o - for stdout)")
    if page is not None and output_format not in ("dot", "svg", "png", "pdf"):
        _fail(f"--page lays out pictures (dot, svg, png, pdf), not {output_format}")
    if split is not None and output_format != "pdf":
        _fail(f"--split draws several pages: use --format pdf, not {output_format}")
    result = _analyse(brief, _settings(standard=standard))
    _report_to_stderr(result.map, no_color=False)
    part = _part(result, focus, depth, section)
    _export(part, result, output_format, output, brief, layout, timeout, page, split)
    sys.exit(EXIT_FINDINGS if result.map.has_errors else EXIT_OK)


def _export(
    part: ArgumentMap,
    result: Analysis,
    output_format: str,
    output: str | None,
    brief: str,
    layout: str,
    timeout: float,
    page: str | None = None,
    split: str | None = None,
) -> None:
    from argmap.exporters import ExportError, exporter
    from argmap.output import OutputError, write_file

    evaluation, findings = result.evaluation, result.findings
    payload: str | bytes | Iterator[str]
    try:
        module = exporter(output_format)
        if output_format in ("svg", "png", "pdf"):
            # Drawn by Graphviz, which can take long on a large map: say so first.
            warning = module.size_warning(len(part), layout)
            if warning:
                _say(f"warning: {warning}")
            small: list[str] = []
            payload = module.export_format(
                part,
                output_format,
                evaluation,
                findings,
                layout=layout,
                timeout=timeout,
                page=page,
                split=split,
                warnings=small,
            )
            for warning in small:
                _say(f"warning: {warning}")
        elif output_format == "dot" and page is not None:
            from argmap.exporters.graphviz import page_named

            payload = module.export_pieces(part, evaluation, findings, page=page_named(page))
        elif output_format == "html":
            # The map in it is drawn by Graphviz too.
            from argmap.exporters.graphviz import size_warning

            warning = size_warning(len(part), layout)
            if warning:
                _say(f"warning: {warning}")
            payload = module.export(part, evaluation, findings, layout=layout, timeout=timeout)
        elif output_format == "mermaid":
            payload = module.export(part, evaluation, findings)
            warning = module.size_warning(payload)
            if warning:
                _say(f"warning: {warning}")
        else:
            # A format that can be written a piece at a time never holds the whole text.
            pieces = getattr(module, "export_pieces", None)
            if pieces is not None:
                payload = pieces(part, evaluation, findings)
            else:
                payload = module.export(part, evaluation, findings)
        if output in (None, "-"):
            _write_stdout(payload)
        else:
            assert output is not None
            write_file(output, payload, brief=brief)
    except (ExportError, OutputError, ValueError) as error:
        _fail(str(error))


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--from",
    "source_format",
    # argmap.importers.FORMATS, written out so that the command line starts without it.
    type=click.Choice(["aif", "microtext", "kialo"]),
    default=None,
    help="The file's format (default: told from its content).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    help="Write the brief here (atomically) instead of standard output.",
)
def import_command(file: str, source_format: str | None, output: str | None) -> None:
    """Import FILE (AIF JSON, microtext XML or a Kialo export) as an Argdown brief.

    The brief is canonical Argdown (argmap fmt --check passes on it), headed by a comment
    naming FILE and what the import read and left out, which is also said on standard
    error. See docs/imports.md for the mapping of each format. A Verbatim card file
    (FILE.docx) is read as docs/cards.md says, its notes given with their paragraphs.
    """
    from argmap.importers import ImportFailure, brief, note
    from argmap.loader import BriefError, brief_name, read_brief
    from argmap.output import OutputError, write_file

    if file.lower().endswith(".docx"):
        _import_docx(file, output)
        return
    try:
        text, problems = read_brief(file)
    except BriefError as error:
        _fail(str(error))
    shown = brief_name(file)
    if problems:
        _fail(f"{shown}:{problems[0].span.line}:{problems[0].span.column}: {problems[0].message}")
    try:
        written, draft = brief(text, shown, source_format)
    except ImportFailure as error:
        _fail(str(error))
    _say(f"note: {note(draft)}")
    try:
        if output in (None, "-"):
            _write_stdout(written)
        else:
            assert output is not None
            write_file(output, written, brief=file)
    except OutputError as error:
        _fail(str(error))


def _import_docx(file: str, output: str | None) -> None:
    """``argmap import FILE.docx``: a Verbatim file as a brief, each note about what the
    brief does not hold as the file has it on standard error with its paragraph."""
    from argmap.importers.docx import DocxImportError, read_docx
    from argmap.loader import brief_name
    from argmap.output import OutputError, write_file

    try:
        result = read_docx(file)
    except DocxImportError as error:
        _fail(str(error))
    shown = brief_name(file)
    for found in result.notes:
        _say(f"{shown}: {found}")
    _say(f"note: {result.summary()}")
    try:
        if output in (None, "-"):
            _write_stdout(result.text)
        else:
            assert output is not None
            write_file(output, result.text, brief=file)
    except OutputError as error:
        _fail(str(error))


@main.command()
@click.argument("briefs", nargs=-1, required=True, type=_BRIEF)
@click.option(
    "--check", "check_only", is_flag=True, help="Change nothing; exit 1 if a brief would change."
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Change nothing; print a unified diff of what would change (with --check: exit 1 "
    "if a brief would change).",
)
@_exclude_option
@_project_options
def fmt(briefs: tuple[str, ...], check_only: bool, show_diff: bool) -> None:
    """Rewrite BRIEFS in canonical layout, in place (like black).

    Idempotent; comments, front matter and line endings are kept; the rewritten brief
    is re-read and must mean exactly the same graph before the file is replaced. A brief
    with syntax errors is left alone. "-" formats standard input to standard output.
    --check and --diff change no file. A folder is searched for *.argdown and *.ad files
    (leaving out what .gitignore and exclude do).
    """
    from argmap.formatter import FormatError, format_brief
    from argmap.loader import BriefError, brief_name, read_brief
    from argmap.output import ChangedError, OutputError, rewrite, state_of
    from argmap.visible import visible

    changed = 0
    problems = 0
    briefs = tuple(_briefs(briefs, argdown_only=True))
    stdin_name = _project().stdin_filename
    for path in briefs:
        name = stdin_name if path == "-" and stdin_name else brief_name(path)
        shown = visible(name)
        # The file as it is before reading: fmt rewrites it only if it is still so.
        state = None if path == "-" else state_of(path)
        try:
            text, encoding_problems = read_brief(path)
        except BriefError as error:
            _fail(str(error))
        if encoding_problems:
            _say(f"{shown}: not UTF-8; left unchanged")
            problems += 1
            continue
        imported = _imported_format(name, text)
        if imported is not None:
            # An AIF, microtext or Kialo file reads as Argdown too: never rewrite it.
            _say(f"{shown}: {imported}, not a brief (argmap import writes one); left unchanged")
            problems += 1
            continue
        try:
            formatted = format_brief(text, name)
        except FormatError as error:
            _say(str(error))
            problems += 1
            continue
        if path == "-" and not (check_only or show_diff):
            _write_stdout(formatted)  # as black: the brief, formatted or not, to stdout
        if formatted == text:
            continue
        changed += 1
        if show_diff:
            _write_stdout(_diff(text, formatted, shown))
        if check_only or show_diff:
            click.echo(f"would reformat {shown}", err=True)
        else:
            if path != "-":
                try:
                    rewrite(path, formatted, state)
                except ChangedError as error:
                    # Someone saved the brief meanwhile: their edit wins, and nothing is lost.
                    _say(str(error))
                    problems += 1
                    continue
                except OutputError as error:
                    _fail(str(error))
            click.echo(f"reformatted {shown}", err=True)
    verb = "would be reformatted" if check_only or show_diff else "reformatted"
    click.echo(f"{changed} of {len(briefs)} briefs {verb}", err=True)
    if problems:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_FINDINGS if check_only and changed else EXIT_OK)


def _imported_format(name: str, text: str) -> str | None:
    """What a file in a format argmap imports is ("a Kialo export"), or None."""
    from argmap.importers import SUFFIXES, detect

    found = detect(text) if name.lower().endswith(SUFFIXES) else None
    names = {"aif": "an AIF file", "microtext": "a microtext graph", "kialo": "a Kialo export"}
    return None if found is None else names[found]


def _diff(text: str, formatted: str, shown: str) -> str:
    """A unified diff from ``text`` to ``formatted``; when they differ only in line
    endings, which a diff would show as identical-looking lines, one line saying so."""
    import difflib

    if text.splitlines() == formatted.splitlines():
        return (
            f"{shown}: only line endings would change ({_endings(text)} to {_endings(formatted)})\n"
        )
    diff = difflib.unified_diff(
        text.splitlines(keepends=True),
        formatted.splitlines(keepends=True),
        f"{shown} (original)",
        f"{shown} (formatted)",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in diff
    )


def _endings(text: str) -> str:
    kinds = [
        name
        for name, count in (
            ("CRLF", text.count("\r\n")),
            ("LF", text.count("\n") - text.count("\r\n")),
            ("CR", text.count("\r") - text.count("\r\n")),
        )
        if count
    ]
    return " and ".join(kinds) or "none"


def _write_stdout(payload: str | bytes | Iterator[str]) -> None:
    from argmap.output import write_stdout

    write_stdout(payload)


def entry_point() -> None:
    """The ``argmap`` console script and ``python -m argmap``."""
    # A brief is read into many small objects and none of them form reference cycles
    # worth collecting before the process exits: in a one-shot process the cyclic
    # collector only costs time (a third of it on large briefs).
    import gc

    gc.disable()
    if not _usable_streams():
        _exit_now(EXIT_USAGE)
    from argmap.output import Terminated, handle_termination

    # SIGTERM, SIGHUP and SIGINT end the command through its cleanup: no temporary file
    # and no Graphviz process is left behind.
    handle_termination()
    try:
        result = main.main(prog_name="argmap", standalone_mode=False)
        code = result if isinstance(result, int) else EXIT_OK
    except click.ClickException as error:
        error.show()
        code = error.exit_code
    except Terminated as ended:
        # The conventional 128 + the signal's number (130 for Ctrl-C).
        interrupted = ended.signum == signal.SIGINT
        click.echo("argmap: interrupted" if interrupted else f"argmap: {ended}", err=True)
        code = 128 + ended.signum
    except click.Abort:
        # Ctrl-C while click itself was reading input.
        click.echo("argmap: interrupted", err=True)
        code = 128 + signal.SIGINT
    except SystemExit as done:
        # Exit from here: the traceback still holds the command's frame, and with it
        # the brief, which _exit_now need not free.
        if done.code is None or isinstance(done.code, int):
            _exit_now(done.code or EXIT_OK)
        click.echo(done.code, err=True)
        _exit_now(1)
    _exit_now(code)


def _usable_streams() -> bool:
    """Whether output can be written; if so, the streams are made to replace what their
    encoding cannot hold (an ASCII locale, ``PYTHONIOENCODING=ascii``) rather than fail.

    A standard output closed before argmap started (``>&-``) is a usage error, told on
    standard error if that is open: results would otherwise vanish with exit code 0.
    """
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                if stream.encoding.lower().replace("-", "") != "utf8":
                    stream.reconfigure(errors="replace")
    if sys.stdout is None:
        if sys.stderr is not None:
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write("argmap: error: standard output is closed\n")
        return False
    return True


def _exit_now(code: int) -> NoReturn:
    """End the process with ``code`` once its output is flushed, without freeing the
    brief's objects one by one as Python's own exit does (a tenth of a second for 100,000
    statements): the operating system takes the memory back at once. Files the commands
    write are closed before they return."""
    for stream in (sys.stdout, sys.stderr):
        # A reader that went away (`| head`) or a closed stream: nothing more can be
        # shown, and the exit code stands.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code)


def run(argv: list[str] | None = None) -> Any:
    """Entry point for tests and embedding: like the console script, no sys.exit."""
    return main.main(args=argv, prog_name="argmap", standalone_mode=False)
