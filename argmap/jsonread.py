"""Reading argmap's own JSON export back into a map: export → read → export is the identity.

It reads schema version 2 (with premise–conclusion structures) and version 1 (without).

The JSON may have been edited by hand or written by another program, so every field is
checked before it is used: its type, its range, and that its strings are text. The first
problem found is reported with the field's path, ``b.json: nodes[3].spans[0].line: must
be an integer from 1 to 2147483647, not a string``; nothing else ever comes out.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, NoReturn

from argmap import diagnostics
from argmap.diagnostics import Diagnostic, Severity
from argmap.model import RELATIONS, ArgumentMap, Node, PcsMember
from argmap.source import Span
from argmap.syntax.parser import (
    INTERMEDIARY_CONCLUSION,
    MAIN_CONCLUSION,
    PREMISE,
    Inference,
    Occurrence,
    Section,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_LEVEL",
    "MAX_POSITION",
    "READER_RULES",
    "VERSIONS",
    "JsonBriefError",
    "from_json",
    "loads_json",
]

# Findings of the reader (not recomputable from the graph), carried over from the JSON.
READER_RULES = frozenset(rule.name for rule in diagnostics.READER_RULES)

MAX_POSITION = 2**31 - 1
"""The largest line or column a span may have (a brief is far smaller)."""
MAX_LEVEL = 1000
"""The deepest heading level a section may have."""
MAX_DEPTH = 100
"""How deep ``data`` and ``front_matter`` may nest, as in YAML data (docs/limits.md)."""

VERSIONS = (1, 2)
"""The schema versions read: 2 is 1 with premise–conclusion structures."""

_TYPES = ("statement", "argument")
_KINDS = ("claim", "evidence")
_SEVERITIES = tuple(severity.value for severity in Severity)
_STATUSES = ("in", "out", "undecided")
_STANDARDS = ("evidence", "dialectical", "round")
_ROLES = (PREMISE, INTERMEDIARY_CONCLUSION, MAIN_CONCLUSION)
# The map's relations, and the names strict mode gives to those of a strict brief, so that
# a file written by a map that has them reads wherever their names are known.
_RELATIONS = tuple(dict.fromkeys((*RELATIONS, "entails", "contrary", "contradiction")))
_SURROGATE = re.compile("[\ud800-\udfff]")
# A JSON string escape of a surrogate code point; only with one can a parsed string hold
# a lone surrogate (a pair is joined into one character by the JSON reader).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONG_NUMBER = re.compile(r"-?[0-9]{4000,}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

Path = tuple[str | int, ...]


class JsonBriefError(ValueError):
    """JSON that is not an argmap export."""


def loads_json(text: str, name: str = "<string>") -> ArgumentMap:
    """Read an argmap JSON export (``argmap export --format json``).

    Raises :class:`JsonBriefError`, with the place of the first problem, for anything
    that is not such an export.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonBriefError(
            f"{name}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}"
        ) from None
    except RecursionError:
        raise JsonBriefError(f"{name}: invalid JSON: nested too deeply") from None
    except ValueError:
        # An integer longer than Python converts (sys.get_int_max_str_digits, 4,300 digits
        # by default); the JSON reader does not say where it is.
        raise JsonBriefError(
            f"{_where_long_number(text, name)}: invalid JSON: a number with too many digits"
        ) from None
    return _Reader(name, _SURROGATE_ESCAPE.search(text) is not None or _has_surrogate(text)).read(
        data
    )


def from_json(data: Any, name: str = "<string>") -> ArgumentMap:
    """A map from the parsed JSON of an export; raises :class:`JsonBriefError`."""
    return _Reader(name, True).read(data)


def _has_surrogate(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def _where_long_number(text: str, name: str) -> str:
    match = _LONG_NUMBER.search(text)
    if match is None:
        return name
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return f"{name}:{line}:{column}"


def _path(path: Path) -> str:
    """``nodes[3].spans[0].line``; a key that is not a plain name as a JSON string."""
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif _NAME.fullmatch(part):
            parts.append(f".{part}" if parts else part)
        else:
            parts.append(f"[{json.dumps(part)}]")  # ASCII: a lone surrogate as \ud800
    return "".join(parts) or "the document"


def _what(value: Any) -> str:
    """A JSON value as a message names it: its type, or a short number."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        text = str(value)
        return text if len(text) <= 20 else f"a number of {len(text.lstrip('-'))} digits"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "a number too large to hold"
        text = repr(value)
        return text if len(text) <= 24 else "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__  # only from_json with a value that is not JSON


def _choices(choices: tuple[str, ...]) -> str:
    quoted = [json.dumps(choice) for choice in choices]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


class _Reader:
    """Checks each field as it reads it; :meth:`fail` raises at the first problem."""

    def __init__(self, name: str, surrogates: bool) -> None:
        self.name = name
        # Without a surrogate escape in the text no string can hold one: not looked for.
        self.surrogates = surrogates

    def fail(self, path: Path, problem: str) -> NoReturn:
        raise JsonBriefError(f"{self.name}: {_path(path)}: {problem}")

    # -- fields --------------------------------------------------------------------

    def get(self, entry: dict[str, Any], key: str, path: Path) -> Any:
        try:
            return entry[key]
        except KeyError:
            self.fail(path, f'missing field "{key}"')

    def object(self, value: Any, path: Path) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, f"must be an object, not {_what(value)}")
        return value

    def array(self, value: Any, path: Path) -> list[Any]:
        if not isinstance(value, list):
            self.fail(path, f"must be a list, not {_what(value)}")
        return value

    def string(self, value: Any, path: Path) -> str:
        if not isinstance(value, str):
            self.fail(path, f"must be a string, not {_what(value)}")
        if self.surrogates:
            self.text(value, path)
        return value

    def text(self, value: str, path: Path) -> None:
        """A lone surrogate (``"\\ud800"`` in JSON) is no character: it cannot be
        printed or written as UTF-8."""
        match = _SURROGATE.search(value)
        if match is not None:
            code = f"\\u{ord(match.group()):04x}"
            self.fail(path, f"has a lone surrogate {code}, which is not a character")

    def optional_string(self, value: Any, path: Path) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(path, f"must be a string or null, not {_what(value)}")
        return self.string(value, path)

    def boolean(self, value: Any, path: Path) -> bool:
        if value is not True and value is not False:
            self.fail(path, f"must be true or false, not {_what(value)}")
        return bool(value)

    def integer(self, value: Any, path: Path, high: int) -> int:
        if type(value) is not int or not 1 <= value <= high:
            self.fail(path, f"must be an integer from 1 to {high}, not {_what(value)}")
        return value

    def count(self, value: Any, path: Path) -> int:
        """A whole number from 0 up (a statement's number in ``(n)``)."""
        if type(value) is not int or value < 0:
            self.fail(path, f"must be an integer from 0 up, not {_what(value)}")
        return value

    def choice(self, value: Any, path: Path, choices: tuple[str, ...]) -> str:
        if not isinstance(value, str) or value not in choices:
            shown = json.dumps(value) if isinstance(value, str) else _what(value)
            self.fail(path, f"must be {_choices(choices)}, not {shown}")
        return value

    def strings(self, value: Any, path: Path) -> list[str]:
        items = self.array(value, path)
        for index, item in enumerate(items):
            self.string(item, (*path, index))
        return items

    def data(self, value: Any, path: Path) -> dict[str, Any]:
        """``data`` or ``front_matter``: an object of JSON values as YAML data gives them:
        finite numbers, text, at most :data:`MAX_DEPTH` levels deep. Iterative."""
        root = self.object(value, path)
        stack: list[tuple[Any, Path]] = [(root, path)]
        while stack:
            item, where = stack.pop()
            if isinstance(item, dict):
                if len(where) - len(path) >= MAX_DEPTH:
                    self.fail(where, f"data nested more than {MAX_DEPTH} levels deep")
                for key, child in item.items():
                    if self.surrogates:
                        self.text(key, (*where, key))
                    stack.append((child, (*where, key)))
            elif isinstance(item, list):
                if len(where) - len(path) >= MAX_DEPTH:
                    self.fail(where, f"data nested more than {MAX_DEPTH} levels deep")
                stack.extend((child, (*where, index)) for index, child in enumerate(item))
            elif isinstance(item, str):
                if self.surrogates:
                    self.text(item, where)
            elif isinstance(item, float):
                if not math.isfinite(item):
                    self.fail(where, f"must be a finite number, not {_what(item)}")
            elif item is not None and not isinstance(item, int):  # bool is an int
                self.fail(where, f"must be a JSON value, not {_what(item)}")
        return root

    def span(self, value: Any, path: Path) -> Span:
        entry = self.object(value, path)
        file = self.string(self.get(entry, "file", path), (*path, "file"))
        line = self.integer(self.get(entry, "line", path), (*path, "line"), MAX_POSITION)
        column = self.integer(self.get(entry, "column", path), (*path, "column"), MAX_POSITION)
        end_line = line
        if "end_line" in entry:
            end_line = self.integer(entry["end_line"], (*path, "end_line"), MAX_POSITION)
            if end_line < line:
                self.fail((*path, "end_line"), f"must not be before line {line}")
        end_column = column
        if "end_column" in entry:
            end_column = self.integer(entry["end_column"], (*path, "end_column"), MAX_POSITION)
        return Span(file, line, column, end_line, end_column)

    # -- the document --------------------------------------------------------------

    def read(self, data: Any) -> ArgumentMap:
        if not isinstance(data, dict) or "argmap" not in data:
            raise JsonBriefError(f'{self.name}: not an argmap export (no "argmap": {VERSIONS[-1]})')
        version = data["argmap"]
        if type(version) is not int or version not in VERSIONS:
            self.fail(
                ("argmap",),
                f"must be 1 or 2 (the schema versions this argmap reads), not {_what(version)}",
            )
        title = self.optional_string(data.get("title"), ("title",))
        if "standard" in data:
            self.choice(data["standard"], ("standard",), _STANDARDS)
        front = self.data(data.get("front_matter", {}), ("front_matter",))
        sections = [
            self.section(entry, ("sections", index))
            for index, entry in enumerate(self.array(data.get("sections", []), ("sections",)))
        ]
        amap = ArgumentMap(title=title, front_matter=front, sections=sections, file=self.name)
        first: dict[str, int] = {}
        for index, entry in enumerate(self.array(self.get(data, "nodes", ()), ("nodes",))):
            node = self.node(entry, ("nodes", index))
            if node.id in first:
                self.fail(("nodes", index, "id"), f"the same id as nodes[{first[node.id]}]")
            first[node.id] = index
            amap.add_node(node)
        for index, node in enumerate(amap.nodes):
            # Once every node is read: a structure names statements written after it.
            for place, member in enumerate(node.pcs):
                self.pcs_statement(amap, member.statement, ("nodes", index, "pcs", place))
        for index, entry in enumerate(self.array(self.get(data, "edges", ()), ("edges",))):
            self.edge(amap, entry, ("edges", index))
        theses = self.strings(data.get("theses", []), ("theses",))
        amap._theses = [thesis for thesis in theses if thesis in amap]
        findings = self.array(data.get("findings", []), ("findings",))
        for index, entry in enumerate(findings):
            finding = self.diagnostic(entry, ("findings", index))
            if finding.rule in READER_RULES:
                amap.diagnostics.append(finding)
        return amap

    def section(self, value: Any, path: Path) -> Section:
        entry = self.object(value, path)
        return Section(
            self.string(self.get(entry, "id", path), (*path, "id")),
            self.integer(self.get(entry, "level", path), (*path, "level"), MAX_LEVEL),
            self.string(self.get(entry, "title", path), (*path, "title")),
            self.optional_string(entry.get("parent"), (*path, "parent")),
            self.span(self.get(entry, "span", path), (*path, "span")),
            self.strings(entry.get("tags", []), (*path, "tags")),
            self.data(entry.get("data", {}), (*path, "data")),
        )

    def node(self, value: Any, path: Path) -> Node:
        entry = self.object(value, path)
        node_id = self.string(self.get(entry, "id", path), (*path, "id"))
        title = self.string(self.get(entry, "title", path), (*path, "title"))
        node_type = self.choice(self.get(entry, "type", path), (*path, "type"), _TYPES)
        if node_id != f"{node_type}:{title}":
            expected = json.dumps(f"{node_type}:{title}")
            self.fail((*path, "id"), f"must be its type and title, {expected}")
        text = self.optional_string(entry.get("text"), (*path, "text"))
        node = Node(
            node_id,
            title,
            node_type,
            kind=self.choice(entry.get("kind", "claim"), (*path, "kind"), _KINDS),
            text=text,
            tags=self.strings(entry.get("tags", []), (*path, "tags")),
            data=self.data(entry.get("data", {}), (*path, "data")),
            section=self.optional_string(entry.get("section"), (*path, "section")),
            untitled=self.boolean(entry.get("untitled", False), (*path, "untitled")),
        )
        if "status" in entry:  # recomputed; checked all the same
            self.choice(entry["status"], (*path, "status"), _STATUSES)
        if "grounded" in entry:
            self.boolean(entry["grounded"], (*path, "grounded"))
        span = None
        if "span" in entry:
            span = self.span(entry["span"], (*path, "span"))
        spans = self.array(entry.get("spans", []), (*path, "spans"))
        if not spans:
            if span is None:
                self.fail(path, 'missing field "spans" (or "span")')
            node.occurrences.append(self.occurrence(node, span, False, text))
        for index, item in enumerate(spans):
            where = (*path, "spans", index)
            occurrence = self.object(item, where)
            reference = self.boolean(occurrence.get("reference", False), (*where, "reference"))
            own = None
            if not reference:
                own = self.optional_string(occurrence.get("text", text), (*where, "text"))
            node.occurrences.append(
                self.occurrence(node, self.span(occurrence, where), reference, own)
            )
        if "pcs" in entry:
            node.pcs = self.pcs(node, entry["pcs"], (*path, "pcs"))
        return node

    def pcs(self, node: Node, value: Any, path: Path) -> tuple[PcsMember, ...]:
        """An argument's premise–conclusion structure, as the parser builds one: premises
        and conclusions in order, the first a premise, the last (and only the last) the
        main conclusion, an inference on each conclusion and on nothing else. Whether
        each ``statement`` names a statement is checked once every node is read."""
        items = self.array(value, path)
        if items and node.type != "argument":
            self.fail(path, "only an argument has a premise–conclusion structure")
        members = []
        last = len(items) - 1
        for index, item in enumerate(items):
            where = (*path, index)
            entry = self.object(item, where)
            statement = self.string(self.get(entry, "statement", where), (*where, "statement"))
            role = self.choice(self.get(entry, "role", where), (*where, "role"), _ROLES)
            if index == last and role != MAIN_CONCLUSION:
                self.fail(
                    (*where, "role"),
                    f'must be "{MAIN_CONCLUSION}" (the last member), not {json.dumps(role)}',
                )
            if index < last and role == MAIN_CONCLUSION:
                self.fail(
                    (*where, "role"),
                    f"must be {_choices(_ROLES[:2])} (only the last member is the main "
                    'conclusion), not "main-conclusion"',
                )
            if index == 0 and role != PREMISE:
                self.fail(
                    (*where, "role"),
                    f'must be "{PREMISE}" (a structure starts with a premise), '
                    f"not {json.dumps(role)}",
                )
            number = self.count(self.get(entry, "number", where), (*where, "number"))
            inference = None
            if role == PREMISE:
                if "inference" in entry:
                    self.fail((*where, "inference"), "only a conclusion has an inference")
            else:
                inference = self.inference(
                    node, self.get(entry, "inference", where), (*where, "inference")
                )
            if "verdict" in entry:  # recomputed; checked all the same
                self.choice(entry["verdict"], (*where, "verdict"), _STATUSES)
            # Where its "(n)" is written; a file written by hand may leave it out.
            span = self.span(entry["span"], (*where, "span")) if "span" in entry else None
            members.append(PcsMember(statement, role, number, inference, span))
        return tuple(members)

    def inference(self, node: Node, value: Any, path: Path) -> Inference:
        entry = self.object(value, path)
        rules = self.strings(entry.get("rules", []), (*path, "rules"))
        data = self.data(entry.get("data", {}), (*path, "data"))
        # Without its own span (a file written by hand), the argument's place stands in.
        span = self.span(entry["span"], (*path, "span")) if "span" in entry else node.span
        return Inference(rules, data, span)

    def pcs_statement(self, amap: ArgumentMap, statement: str, path: Path) -> None:
        if statement not in amap:
            self.fail((*path, "statement"), f"names no node: {json.dumps(statement)}")
        if amap.node(statement).type != "statement":
            self.fail(
                (*path, "statement"),
                f"must name a statement, not the argument {json.dumps(statement)}",
            )

    @staticmethod
    def occurrence(node: Node, span: Span, reference: bool, text: str | None) -> Occurrence:
        return Occurrence(
            node.type, node.title, node.untitled, reference, text, None, span, node.section
        )

    def edge(self, amap: ArgumentMap, value: Any, path: Path) -> None:
        entry = self.object(value, path)
        ends = []
        for key in ("source", "target"):
            node_id = self.string(self.get(entry, key, path), (*path, key))
            if node_id not in amap:
                self.fail((*path, key), f"names no node: {json.dumps(node_id)}")
            ends.append(node_id)
        relation = self.choice(self.get(entry, "relation", path), (*path, "relation"), _RELATIONS)
        step = self.step(amap.node(ends[1]), relation, entry.get("step"), (*path, "step"))
        items = self.array(entry.get("spans", []), (*path, "spans"))
        spans = [self.span(item, (*path, "spans", index)) for index, item in enumerate(items)]
        edge = amap.add_edge(ends[0], ends[1], relation, spans[0] if spans else None, step)
        edge.spans.extend(spans[1:])

    def step(self, target: Node, relation: str, value: Any, path: Path) -> int | None:
        """The step of an undercut of an inference: the index in the target's structure of
        the conclusion the inference leads to. An undercut of a reconstructed argument
        without one undercuts its last inference, as in Argdown."""
        steps = target.steps
        if value is None:
            return steps[-1] if relation == "undercut" and steps else None
        if relation != "undercut":
            self.fail(path, f"only an undercut has a step, not {json.dumps(relation)}")
        if not steps:
            self.fail(
                path,
                f"the target {json.dumps(target.id)} has no premise–conclusion structure, "
                "so no inference to undercut",
            )
        # A conclusion's index (steps holds them), looked up in the structure itself.
        pcs = target.pcs
        if type(value) is not int or not 0 <= value < len(pcs) or pcs[value].inference is None:
            indices = [str(index) for index in steps]
            shown = indices[0] if len(indices) == 1 else _choices(tuple(indices)).replace('"', "")
            self.fail(
                path,
                f"must be {shown} (the index in the pcs of {json.dumps(target.id)} of a "
                f"conclusion), not {_what(value)}",
            )
        return value

    def diagnostic(self, value: Any, path: Path) -> Diagnostic:
        entry = self.object(value, path)
        span = self.span(entry, path)
        node = self.optional_string(entry.get("node"), (*path, "node"))
        return Diagnostic(
            self.string(self.get(entry, "code", path), (*path, "code")),
            self.string(self.get(entry, "rule", path), (*path, "rule")),
            Severity(
                self.choice(self.get(entry, "severity", path), (*path, "severity"), _SEVERITIES)
            ),
            self.string(self.get(entry, "message", path), (*path, "message")),
            span,
            node,
        )
