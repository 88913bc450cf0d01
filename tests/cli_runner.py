"""Running ``argmap`` in-process for the CLI tests."""

from __future__ import annotations

from typing import Any

from click.testing import CliRunner, Result

from argmap.cli import main


def run(args: list[str], **kwargs: Any) -> Result:
    """``argmap ARGS`` in-process; stdout and stderr kept apart (click ≥ 8.2)."""
    kwargs.setdefault("env", {"COLUMNS": "200"})
    kwargs.setdefault("prog_name", "argmap")
    return CliRunner().invoke(main, args, **kwargs)


def assert_no_traceback(result: Result) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"argmap raised {result.exception!r}") from result.exception
    assert "Traceback" not in result.output
