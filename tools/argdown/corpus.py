"""Measure how closely argmap reads a corpus of Argdown files compared with Argdown's CLI.

Usage (from the repository root, after `npm ci --prefix tools/argdown`)::

    python tools/argdown/corpus.py DIR [--json OUT] [-v] [--timeout SECONDS] [--jobs N]

Every ``*.argdown`` file under DIR (recursively; keep the folders as they are, so that
``@include`` finds its files) is read twice: by Argdown's own CLI (``argdown json``) and
by argmap (``argmap.load``). Both readings are reduced to what the tools must agree on:

- ``statements``: {title: canonical plain text}
- ``arguments``: {title: canonical description text}
- ``relations``: sorted [fromType, from, relationType, toType, to, conclusionIndex];
  ``toType`` is ``inference`` and ``conclusionIndex`` the PCS index of the conclusion
  when an undercut targets an inference, else ``conclusionIndex`` is null. A
  contradiction is symmetric: its two ends are sorted.
- ``pcs``: {argument title: [[statement title, role, inference rules or null], ...]}
  for every argument with a premise-conclusion structure.

One line is printed per file (``same``, ``differs: <parts>``, ``argdown-rejected``,
``argmap-syntax-error``, ...), then a summary: how many files Argdown accepts, how many
of those argmap reads identically (split into files with and without a PCS), and where
argmap reports syntax errors on accepted files or misses errors in rejected ones.
``--json OUT`` also writes the per-file results; ``-v`` prints a compact unified diff
of the reduced readings of each differing file.

argmap's side reads an argument's structure from ``node.pcs`` and the step of an
undercut inference from ``edge.step`` (the PCS index of the conclusion, Argdown's
``conclusionIndex``).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "tools" / "argdown" / "node_modules" / "@argdown" / "cli" / "dist" / "cli.js"
PARTS = ("statements", "arguments", "relations", "pcs")
RELATION_NAMES = {"contradictory": "contradiction"}
TYPE_NAMES = {"equivalence-class": "statement"}
SYNTAX_ERROR_CODE = "AM001"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ERROR_LINE = re.compile(r"\w*(Error|Exception)\b:")

Reduced = dict[str, Any]


@dataclass
class FileResult:
    """The outcome for one file; ``status`` is one of the STATUS_* values below."""

    file: str
    status: str
    differs: list[str] = field(default_factory=list)
    uses_pcs: bool = False
    includes: bool = False
    argdown_errors: list[str] = field(default_factory=list)
    argmap_syntax_errors: list[str] = field(default_factory=list)
    argmap_error: str | None = None
    argdown: Reduced | None = None
    argmap: Reduced | None = None

    def line(self) -> str:
        if self.status == STATUS_SAME:
            text = "same"
        elif self.status == STATUS_DIFFERS:
            text = "differs: " + ", ".join(self.differs)
        elif self.status == STATUS_REJECTED:
            text = "argdown-rejected"
            if not self.argmap_syntax_errors and self.argmap_error is None:
                text += "; argmap-missed"
        else:
            reason = self.argdown_errors[0] if self.argdown_errors else "?"
            text = f"{self.status} ({reason})"
        if self.argmap_syntax_errors:
            text += f"; argmap-syntax-error ({len(self.argmap_syntax_errors)})"
        if self.argmap_error is not None:
            text += f"; argmap-failed ({self.argmap_error})"
        flags = [flag for flag, on in (("pcs", self.uses_pcs), ("@include", self.includes)) if on]
        if flags:
            text += "  [" + ", ".join(flags) + "]"
        return f"{self.file}: {text}"


STATUS_SAME = "same"
STATUS_DIFFERS = "differs"
STATUS_REJECTED = "argdown-rejected"
STATUS_TIMEOUT = "argdown-timeout"
STATUS_FAILED = "argdown-failed"


# --- Argdown's side -------------------------------------------------------------------


@dataclass
class ArgdownRun:
    model: dict[str, Any] | None
    status: str  # "ok", STATUS_REJECTED, STATUS_TIMEOUT or STATUS_FAILED
    messages: list[str]


def run_argdown(path: Path, timeout: float) -> ArgdownRun:
    """Run ``argdown json`` on one file.

    The CLI prints a stack trace (its Markdown command fails to load) before it starts;
    that is noise. It takes its input as a glob and by default ignores ``**/_*`` relative
    to the working directory, so a file named ``_x.argdown`` (an @include partial) is "not
    found" unless the working directory is outside its folder; a config file with
    ``{"ignore": []}`` turns that off. A file with syntax errors exits 1, writes no JSON
    and logs "Argdown syntax errors in FILE: N" and each error ("At L:C", then the
    message) on stderr. Invalid YAML in ``{...}`` data exits 0 but writes no JSON and
    logs a ``YAMLException``: that is a rejection too.
    """
    with tempfile.TemporaryDirectory(prefix="argdown-corpus-") as scratch:
        config = Path(scratch) / "argdown.config.json"
        config.write_text('{"ignore": []}\n', encoding="utf-8")
        out = Path(scratch) / "out"
        out.mkdir()
        command = ["node", str(CLI), "json", str(path), str(out), "--logParserErrors"]
        try:
            result = subprocess.run(
                [*command, "--config", str(config)],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return ArgdownRun(None, STATUS_TIMEOUT, [f"no answer in {timeout:g} s"])
        log = _cli_messages(result.stdout + "\n" + result.stderr)
        produced = sorted(out.glob("*.json"))
        if any("syntax errors" in message.lower() for message in log):
            return ArgdownRun(None, STATUS_REJECTED, _syntax_messages(log))
        if produced and result.returncode == 0:
            model: dict[str, Any] = json.loads(produced[0].read_text(encoding="utf-8"))
            return ArgdownRun(model, "ok", [])
        if any("No Argdown files found" in message for message in log):
            return ArgdownRun(None, STATUS_FAILED, log[:1])
        errors = [m for m in log if _ERROR_LINE.match(m)]
        if errors:
            return ArgdownRun(None, STATUS_REJECTED, errors)
        return ArgdownRun(None, STATUS_FAILED, log[:3] or [f"exit {result.returncode}"])


def _cli_messages(output: str) -> list[str]:
    """The CLI's own messages: without colours, blank lines and the spurious stack trace."""
    messages = []
    for raw in output.splitlines():
        line = _ANSI.sub("", raw).strip()
        if not line or line.startswith("at ") or "createArgdownPlugin" in line:
            continue
        if line.startswith("Successfully export"):
            continue
        messages.append(line)
    return messages


def _syntax_messages(log: list[str]) -> list[str]:
    """Each syntax error as "L:C message" (the CLI logs "At L:C" and the message apart)."""
    errors: list[str] = []
    position = None
    for line in log:
        if line.startswith("At ") and re.fullmatch(r"At \d+:\d+", line):
            position = line[3:]
        elif position is not None:
            errors.append(f"{position} {line}")
            position = None
    return errors or log


def _canonical_text(members: Iterable[dict[str, Any]]) -> str | None:
    """Argdown's canonical member: the one marked isCanonical, else the last definition."""
    chosen = None
    for member in members:
        if member.get("isReference"):
            continue
        if chosen is None or (chosen.get("data") or {}).get("isCanonical") is not True:
            chosen = member
    if chosen is None:
        return None
    text = chosen.get("text")
    return text.strip() if isinstance(text, str) else None


def _relation(
    from_type: str, source: str, relation: str, to_type: str, target: str, index: Any
) -> list[Any]:
    relation = RELATION_NAMES.get(relation, relation)
    from_type = TYPE_NAMES.get(from_type, from_type)
    to_type = TYPE_NAMES.get(to_type, to_type)
    if relation in ("contradiction", "contrary") and [to_type, target] < [from_type, source]:
        from_type, source, to_type, target = to_type, target, from_type, source
    return [from_type, source, relation, to_type, target, index]


def _sorted_relations(relations: Iterable[list[Any]]) -> list[list[Any]]:
    return sorted(relations, key=lambda relation: json.dumps(relation, ensure_ascii=False))


def reduce_argdown(model: dict[str, Any]) -> Reduced:
    statements = {
        title: _canonical_text(ec.get("members", []))
        for title, ec in model.get("statements", {}).items()
    }
    arguments = {
        title: _canonical_text(arg.get("members", []))
        for title, arg in model.get("arguments", {}).items()
    }
    relations = _sorted_relations(
        _relation(
            r["fromType"],
            r["from"],
            r["relationType"],
            r["toType"],
            r["to"],
            r.get("conclusionIndex"),
        )
        for r in model.get("relations", [])
    )
    pcs: dict[str, list[list[Any]]] = {}
    for title, argument in model.get("arguments", {}).items():
        members = argument.get("pcs") or []
        if members:
            pcs[title] = [
                [
                    member.get("title"),
                    member.get("role"),
                    _rules(member.get("inference"), "inferenceRules"),
                ]
                for member in members
            ]
    return {"statements": statements, "arguments": arguments, "relations": relations, "pcs": pcs}


def _rules(inference: Any, name: str) -> list[str] | None:
    if inference is None:
        return None
    rules = inference.get(name) if isinstance(inference, dict) else getattr(inference, name, None)
    return [str(rule) for rule in rules or []]


# --- argmap's side --------------------------------------------------------------------


@dataclass
class ArgmapRun:
    reduced: Reduced | None
    syntax_errors: list[str]
    error: str | None


def run_argmap(path: Path) -> ArgmapRun:
    import argmap  # the repository root is on sys.path (see main)

    try:
        amap = argmap.load(path)
    except Exception as error:  # a crash is a result to report
        return ArgmapRun(None, [], f"{type(error).__name__}: {error}")
    errors = [
        f"{d.span.line}:{d.span.column} {d.message}"
        for d in amap.diagnostics
        if d.code == SYNTAX_ERROR_CODE
    ]
    try:
        reduced = reduce_argmap(amap)
    except Exception as error:
        return ArgmapRun(None, errors, f"reduce: {type(error).__name__}: {error}")
    return ArgmapRun(reduced, errors, None)


def reduce_argmap(amap: Any) -> Reduced:
    """argmap's reading, reduced like :func:`reduce_argdown`."""
    statements = {n.title: n.plain_text for n in amap.nodes if n.type == "statement"}
    arguments = {n.title: n.plain_text for n in amap.nodes if n.type == "argument"}
    relations = []
    for edge in amap.edges:
        source, target = amap.node(edge.source), amap.node(edge.target)
        index = _conclusion_index(getattr(edge, "step", None))
        to_type = "inference" if index is not None else target.type
        relations.append(
            _relation(source.type, source.title, edge.relation, to_type, target.title, index)
        )
    pcs: dict[str, list[list[Any]]] = {}
    for node in amap.nodes:
        members = getattr(node, "pcs", None) if node.type == "argument" else None
        if members:
            pcs[node.title] = [
                [
                    _title_of(amap, member.statement),
                    member.role,
                    _rules(getattr(member, "inference", None), "rules"),
                ]
                for member in members
            ]
    return {
        "statements": statements,
        "arguments": arguments,
        "relations": _sorted_relations(relations),
        "pcs": pcs,
    }


def _conclusion_index(step: Any) -> int | None:
    if step is None or isinstance(step, int):
        return step
    for name in ("conclusion_index", "index"):
        value = getattr(step, name, None)
        if isinstance(value, int):
            return value
    return None


def _title_of(amap: Any, node_id: str) -> str:
    if node_id in amap:
        return str(amap.node(node_id).title)
    return node_id.split(":", 1)[-1]


# --- comparing ------------------------------------------------------------------------


def compare(path: Path, root: Path, timeout: float) -> FileResult:
    name = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8", errors="replace")
    includes = re.search(r"^\s*@include\(", text, re.MULTILINE) is not None
    argdown = run_argdown(path, timeout)
    mine = run_argmap(path)
    result = FileResult(
        name,
        STATUS_SAME,
        includes=includes,
        argmap_syntax_errors=mine.syntax_errors,
        argmap_error=mine.error,
        argmap=mine.reduced,
    )
    if argdown.model is None:
        result.status = argdown.status
        result.argdown_errors = argdown.messages
        return result
    result.argdown = reduce_argdown(argdown.model)
    result.uses_pcs = bool(result.argdown["pcs"])
    if mine.reduced is None:
        result.status = STATUS_DIFFERS
        result.differs = list(PARTS)
        return result
    result.differs = [part for part in PARTS if result.argdown[part] != mine.reduced[part]]
    result.status = STATUS_DIFFERS if result.differs else STATUS_SAME
    return result


def diff(result: FileResult) -> list[str]:
    """A compact unified diff (one context line) of the differing parts."""
    lines: list[str] = []
    for part in result.differs:
        theirs = _lines(part, (result.argdown or {}).get(part))
        ours = _lines(part, (result.argmap or {}).get(part))
        lines.extend(
            difflib.unified_diff(
                theirs, ours, f"argdown {part}", f"argmap {part}", n=1, lineterm=""
            )
        )
    return lines


def _lines(part: str, value: Any) -> list[str]:
    def dump(item: Any) -> str:
        return json.dumps(item, ensure_ascii=False)

    if value is None:
        return []
    if part == "relations":
        return [dump(relation) for relation in value]
    if part == "pcs":
        return [
            f"<{title}> {number}: {dump(member)}"
            for title in sorted(value)
            for number, member in enumerate(value[title], 1)
        ]
    return [f"{dump(title)}: {dump(value[title])}" for title in sorted(value)]


def summary(results: list[FileResult]) -> list[str]:
    accepted = [r for r in results if r.status in (STATUS_SAME, STATUS_DIFFERS)]
    rejected = [r for r in results if r.status == STATUS_REJECTED]
    failed = [r for r in results if r.status in (STATUS_TIMEOUT, STATUS_FAILED)]
    plain = [r for r in accepted if not r.uses_pcs]
    with_pcs = [r for r in accepted if r.uses_pcs]

    def same(group: list[FileResult]) -> int:
        return sum(r.status == STATUS_SAME for r in group)

    lines = [
        f"files: {len(results)}; Argdown accepts {len(accepted)}, rejects {len(rejected)}"
        + (f", fails on {len(failed)}" if failed else ""),
        f"argmap reads identically: {same(accepted)}/{len(accepted)} accepted files "
        f"(without PCS {same(plain)}/{len(plain)}, with PCS {same(with_pcs)}/{len(with_pcs)})",
    ]
    parts = {part: sum(part in r.differs for r in accepted) for part in PARTS}
    lines.append(
        "differing parts: " + ", ".join(f"{part} {count}" for part, count in parts.items() if count)
        if any(parts.values())
        else "differing parts: none"
    )
    flagged = [r for r in accepted if r.argmap_syntax_errors]
    flagged_plain = [r for r in flagged if not r.uses_pcs]
    lines.append(
        f"argmap syntax errors on accepted files: {len(flagged)} "
        f"({len(flagged_plain)} without PCS"
        + (": " + ", ".join(r.file for r in flagged_plain) if flagged_plain else "")
        + ")"
    )
    missed = [r for r in rejected if not r.argmap_syntax_errors]
    lines.append(
        f"rejected files argmap reads without a syntax error: {len(missed)}/{len(rejected)}"
        + (": " + ", ".join(r.file for r in missed) if missed else "")
    )
    crashed = [r for r in results if r.argmap_error is not None]
    if crashed:
        lines.append("argmap failed on: " + ", ".join(r.file for r in crashed))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path, help="a directory of .argdown files")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write per-file results")
    parser.add_argument("-v", "--verbose", action="store_true", help="print differences")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per CLI run")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="CLI runs at a time")
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # argmap from this checkout, if not installed
    root: Path = args.directory.resolve()
    if not CLI.is_file():
        print(f"Argdown's CLI is missing ({CLI}); run `npm ci --prefix tools/argdown`")
        return 2
    files = sorted(root.rglob("*.argdown"))
    if not files:
        print(f"no .argdown files under {root}")
        return 2
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda path: compare(path, root, args.timeout), files))
    for result in results:
        print(result.line())
        if args.verbose:
            for line in diff(result):
                print("    " + line)
    print()
    for line in summary(results):
        print(line)
    if args.json is not None:
        payload = {"root": str(root), "results": [asdict(result) for result in results]}
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
