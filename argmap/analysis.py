"""One analysis of a brief, shared by every command and the Python API.

Reading, settings, evaluation and rules always happen in the same order::

    read the brief → settings (defaults, front matter, then the caller's) → evaluate
    → run the selected rules

and :func:`analyse` does all of it. A command is then its options, one call to
:func:`analyse`, and one renderer.

>>> import argmap
>>> brief = "[T]: Uniforms. #thesis\\n  + [S]: Less teasing. #evidence"
>>> result = argmap.analyse(argmap.loads(brief))
>>> [d.rule for d in result.findings]
['missing-citation', 'single-point-of-failure']
>>> result.evaluation.verdicts["statement:T"].value
'in'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from argmap.config import Config

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic
    from argmap.evaluate import Evaluation
    from argmap.model import ArgumentMap

__all__ = ["Analysis", "Settings", "analyse"]


@dataclass(frozen=True)
class Settings:
    """What the caller asks for, on top of the brief's own front matter ``argmap:``.

    ``None`` leaves a setting to the brief (then to the defaults). Rules named in
    ``select`` run whatever the brief ignores: the caller's choice is the last word.
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    standard: str | None = None
    fail_on: str | None = None
    extend_select: tuple[str, ...] | None = None

    def overrides(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        if self.select is not None:
            result["select"] = list(self.select)
            result["ignore"] = []
        if self.ignore is not None:
            result["ignore"] = list(self.ignore)
        if self.standard is not None:
            result["standard"] = self.standard
        if self.fail_on is not None:
            result["fail-on"] = self.fail_on
        if self.extend_select is not None:
            result["extend-select"] = list(self.extend_select)
        return result


@dataclass
class Analysis:
    """A brief as read (``map``), the settings in force, its evaluation and findings."""

    map: ArgumentMap
    config: Config
    evaluation: Evaluation
    findings: list[Diagnostic] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Whether a finding reaches the failing severity (``fail-on``)."""
        return self.config.fails(self.findings)

    def part(
        self, focus: str | None = None, depth: int | None = None, section: str | None = None
    ) -> ArgumentMap:
        """The part of the map a view or export shows (see :func:`argmap.selection.subset`);
        raises :class:`~argmap.selection.SelectionError` for a title or section the brief
        does not have."""
        from argmap.selection import subset

        return subset(self.map, focus=focus, depth=depth, section=section)


def analyse(
    brief: str | os.PathLike[str] | ArgumentMap,
    settings: Settings | None = None,
    *,
    rules: bool = True,
    config: Config | None = None,
    name: str | None = None,
) -> Analysis:
    """Read ``brief`` (a path, ``"-"`` for standard input, or a map already read),
    settle its settings, evaluate it and, with ``rules``, run the selected rules.

    ``config`` holds the settings under the brief's front matter (a configuration file's,
    see :mod:`argmap.project`); ``name`` names standard input in findings.

    Raises :class:`~argmap.loader.BriefError` for a brief that cannot be read and
    :class:`~argmap.config.ConfigError` for an invalid setting (an unknown rule code, in
    the caller's settings, the front matter or a node's ``{ignore: …}``).
    """
    from argmap.checker import effective_config, run_rules
    from argmap.evaluate import evaluate
    from argmap.model import ArgumentMap

    if isinstance(brief, ArgumentMap):
        amap = brief
    else:
        from argmap.loader import load

        amap = load(brief, name=name)
    config = effective_config(amap, config)
    overrides = (settings or Settings()).overrides()
    if overrides:
        config = config.merged(overrides)
    evaluation = evaluate(amap, config.standard)
    findings = run_rules(amap, config, evaluation) if rules else []
    return Analysis(amap, config, evaluation, findings)
