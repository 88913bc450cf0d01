"""YAML for front matter and ``{…}`` data: safe loading only, JSON-safe results."""

from __future__ import annotations

import contextlib
import datetime
import functools
import math
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    import yaml

__all__ = ["YamlProblem", "load_data", "load_front_matter", "simple_data"]

_MERGE_TAG = "tag:yaml.org,2002:merge"


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    """The safe loader, refusing a key written twice in one mapping as Argdown's YAML
    reader (js-yaml) does: "duplicated mapping key", where PyYAML keeps the last.

    Made when first needed: most briefs are read without YAML, which is slow to import.
    """
    import yaml

    # libyaml's loader is about eight times faster than the pure-Python one.
    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[valid-type,misc]
        def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
            if isinstance(node, yaml.MappingNode):
                seen: set[Any] = set()
                for key_node, _ in node.value:
                    if key_node.tag == _MERGE_TAG:
                        continue
                    key = self.construct_object(key_node, deep=True)
                    try:
                        duplicate = key in seen
                    except TypeError:  # an unhashable key: the loader reports it below
                        continue
                    if duplicate:
                        raise yaml.constructor.ConstructorError(
                            None, None, "duplicated mapping key", key_node.start_mark
                        )
                    seen.add(key)
            result: dict[Any, Any] = super().construct_mapping(node, deep=deep)
            return result

    return Loader


class YamlProblem(ValueError):
    """YAML that cannot be read; ``line``/``column`` are 0-based within the YAML text."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def _load(text: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line, column = (mark.line, mark.column) if mark else (0, 0)
        # A value YAML cannot read unquoted fails while scanning or parsing (a tag that
        # names no type fails later, and YAML's own message says it best).
        hint = None
        if not isinstance(error, yaml.constructor.ConstructorError):
            hint = _quoting_hint(text, line, column)
        if hint is not None:
            raise hint from None
        problem = error.problem or "invalid YAML"
        raise YamlProblem(f"invalid YAML: {problem}", line, column) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"invalid YAML: {error}") from None
    except RecursionError:
        raise YamlProblem("invalid YAML: nested too deeply") from None
    except ValueError as error:
        # Raised while building a value: an impossible date, or an integer longer than
        # Python converts to int (sys.get_int_max_str_digits, 4,300 digits by default).
        if "integer string conversion" in str(error):
            raise YamlProblem("invalid YAML: a number with too many digits") from None
        raise YamlProblem(f"invalid YAML: {error}") from None


# -- values that need quotes ----------------------------------------------------------
#
# A student writes `{cite: O'Rourke 2024: CRS report}` and YAML answers "did not find
# expected ',' or '}'". When YAML fails inside a plain value that YAML cannot read
# unquoted, the message says so, where the value starts, and shows it quoted.

# Characters YAML reserves at the start of a plain value.
_RESERVED_START = "@`%!*&|>"
# A key of a flow mapping: after "{" or ",", a plain word or a quoted string, then ": ".
_FLOW_KEY = re.compile(
    r"""(?<=[{,])[ \t\r\n]*([A-Za-z_][\w .-]*?|"[^"\n]*"|'[^'\n]*')[ \t]*:[ \t]+"""
)
# A line `key: value` of block YAML (front matter, or data after "{" and a line break).
_BLOCK_PAIR = re.compile(
    r"""([ \t]*(?:-[ \t]+)?)([A-Za-z_][\w .-]*?|"[^"\n]*"|'[^'\n]*')[ \t]*:[ \t]+(\S.*?)[ \t]*"""
)
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_DOUBLE_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SINGLE_QUOTED = re.compile(r"'(?:[^']|'')*'", re.DOTALL)


def _quoting_hint(text: str, line: int, column: int) -> YamlProblem | None:
    """A message for a value that needs quotes, where YAML failed at ``line``/``column``;
    None when the failure is something else."""
    lines = text.split("\n")
    if text.startswith("{"):
        return _flow_hint(text, lines, line, column)
    for number in (line, line - 1):  # an unclosed quote fails at the next line
        if 0 <= number < len(lines):
            match = _BLOCK_PAIR.fullmatch(lines[number].removesuffix("\r"))
            if match is not None:
                key, value = match.group(2), match.group(3)
                if not value.startswith(("'", '"')) and " #" in value:
                    value = value[: value.index(" #")].rstrip()  # a comment, to YAML
                fix = _needs_quotes(value, flow=False)
                if fix is not None:
                    reason, fixed = fix
                    return YamlProblem(
                        f"the value of {key} {reason}: {key}: {fixed}", number, match.start(3)
                    )
    return None


def _flow_hint(text: str, lines: list[str], line: int, column: int) -> YamlProblem | None:
    """:func:`_quoting_hint` for a flow mapping ``{…}``: the pair where YAML failed."""
    failed = sum(len(one) + 1 for one in lines[:line]) + column
    blank = _BLANK_LINE.search(text)
    if blank is not None and blank.start() < failed:
        # `{cite: "CRS 2024"` without its "}" runs on to a "}" further down the brief.
        before = text[: blank.start()].rstrip(" \t\r")
        example = "" if "\n" in before else f", as in '{before}}}'"
        last_line = before.rsplit("\n", 1)[-1]
        return YamlProblem(
            f"the data is not closed before the blank line; end it with '}}'{example}",
            before.count("\n"),
            len(last_line),
        )
    close = text.rfind("}")
    pairs = list(_FLOW_KEY.finditer(text))
    # A " #" makes the rest of its line a comment, so YAML fails further on.
    comment = text.find(" #")
    for place in (comment, failed) if 0 <= comment < failed else (failed,):
        hint = _pair_hint(text, pairs, min(place, close), close)
        if hint is not None:
            return hint
    return None


def _pair_hint(text: str, pairs: list[re.Match[str]], place: int, close: int) -> YamlProblem | None:
    """The message for the pair of a flow mapping at offset ``place``, if its value
    needs quotes."""
    for index, match in enumerate(pairs):
        start = match.end()
        end = pairs[index + 1].start() - 1 if index + 1 < len(pairs) else close
        if end < start or not start <= place <= end + 1:
            continue
        value = text[start:end].rstrip(" \t\r\n")
        if any(char in value for char in "{}[]\n"):
            return None  # nested collections, or more than a line: not a plain value
        fix = _needs_quotes(value, flow=True)
        if fix is None:
            return None
        reason, fixed = fix
        key = match.group(1)
        shown = f"{key}: {fixed}"
        if "\n" not in text and "\r" not in text:
            shown = text[:start] + fixed + text[start + len(value) :]
        value_line = text.count("\n", 0, start)
        value_column = start - (text.rfind("\n", 0, start) + 1)
        return YamlProblem(f"the value of {key} {reason}: {shown}", value_line, value_column)
    return None


def _needs_quotes(value: str, *, flow: bool) -> tuple[str, str] | None:
    """Why the plain ``value`` cannot be read as written, and the fix; None if it can."""
    if not value:
        return None
    first = value[0]
    if first in "'\"":
        pattern = _SINGLE_QUOTED if first == "'" else _DOUBLE_QUOTED
        if pattern.fullmatch(value):
            return None  # a quoted string: the problem is elsewhere
        if first not in value[1:]:
            return "has no closing quote; close the quote", value + first
        inner = value[1:-1] if len(value) > 1 and value.endswith(first) else value
        return "goes on after its closing quote; put the whole value in quotes", _quoted(inner)
    if first in _RESERVED_START:
        reason = f'starts with "{first}", which YAML reserves'
    elif first == "#":
        reason = 'starts with "#", which YAML reads as a comment'
    elif ": " in value or value.endswith(":"):
        reason = 'contains ": "' if ": " in value else 'ends with ":"'
    elif flow and " #" in value:
        reason = 'contains " #", which YAML reads as a comment'
    else:
        return None
    return f"{reason}; put the value in quotes", _quoted(value)


def _quoted(value: str) -> str:
    """``value`` as a YAML string in quotes: double quotes, unless it has one (or a
    backslash, which escapes in double quotes)."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


MAX_DEPTH = 100  # deeper data is refused: no brief needs it, and JSON writers recurse


EXPANSION = 4
"""How much larger than it is written YAML data may grow when its aliases are expanded."""


def json_safe(value: Any, written: str | None = None) -> Any:
    """YAML values as JSON can hold them: string keys, ISO dates, finite numbers.

    Iterative, so deep data cannot exhaust the stack; data nested more than
    :data:`MAX_DEPTH` levels, or using aliases to lists or mappings, is refused. With
    the YAML text it was read from (``written``), data whose aliases to values expand it
    to more than :data:`EXPANSION` times the size of that text is refused too.
    """
    # Sizes are counted as JSON writes the data, roughly: a string by its length, any
    # other value as one. Data without aliases is never larger than its text.
    budget = EXPANSION * len(written) if written is not None else -1
    size = 0
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any, int]] = [(value, root, 0, 0)]
    seen: set[int] = set()
    while stack:
        item, container, key, depth = stack.pop()
        if isinstance(item, (dict, list, tuple, set)):
            if depth >= MAX_DEPTH:
                raise YamlProblem(f"data nested more than {MAX_DEPTH} levels deep")
            # A mapping or list met twice came from a YAML alias; a recursive one would
            # never end, and a repeated one can multiply the data (a "billion laughs").
            if id(item) in seen:
                raise YamlProblem(
                    "invalid YAML: aliases (*name) to lists or mappings are not supported"
                )
            seen.add(id(item))
            size += 1
        if isinstance(item, dict):
            new: dict[str, Any] = {}
            container[key] = new
            for k, v in item.items():
                name = _scalar_key(k)
                new[name] = None
                size += len(name)
                stack.append((v, new, name, depth + 1))
        elif isinstance(item, (list, tuple, set)):
            items = list(item)
            new_list: list[Any] = [None] * len(items)
            container[key] = new_list
            for index, v in enumerate(items):
                stack.append((v, new_list, index, depth + 1))
        else:
            # An alias to a value gives the same object again: what it costs is counted
            # at each use, as a writer writes it out each time.
            scalar = container[key] = _scalar(item)
            if isinstance(scalar, str):
                size += len(scalar)
            elif isinstance(scalar, int) and not isinstance(scalar, bool):
                size += scalar.bit_length() // 4 + 1  # at most its number of digits
            else:
                size += 1
        if 0 <= budget < size:
            raise _alias_problem(
                f"aliases ({{alias}}) expand the data to more than {EXPANSION} "
                "times its written size; write each value out instead",
                written,
            )
    return root[0]


def _alias_problem(message: str, written: str | None) -> YamlProblem:
    """``message`` about aliases, located at the first alias of ``written`` and naming it
    in place of ``{alias}``."""
    import yaml

    if written is not None:
        # Only when data is refused, so the time to scan it again does not matter.
        with contextlib.suppress(yaml.YAMLError):
            for token in yaml.scan(written, Loader=_loader()):
                if isinstance(token, yaml.AliasToken):
                    mark = token.start_mark
                    return YamlProblem(
                        message.format(alias=f"*{token.value}"), mark.line, mark.column
                    )
    return YamlProblem(message.format(alias="*name"))


def _scalar_key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(_scalar(key))


def _scalar(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# The common shape of a card's data, `{cite: "Doe 2019", url: "https://…", year: 2019}`,
# and of an inference's, `{uses: [1, 2]}`: keys that are plain words, values that are
# double-quoted strings without escapes, decimal integers, plain words that YAML reads as
# strings, or a list of those. Such a block is read here directly (PyYAML would give
# exactly the same result, ten times slower; two hundred times for a list); anything else
# goes to YAML.
_SCALAR = r'"[^"\\\n]*"|0|[1-9][0-9]{0,17}|[A-Za-z][A-Za-z0-9_]*'
# A pair's groups: the key, then a double-quoted value's text (no quotes to cut off), any
# other scalar, or the inside of a list.
_PAIR_GROUPS = (
    r'([A-Za-z_][A-Za-z0-9_]*) *: +(?:"([^"\\\n]*)"|(0|[1-9][0-9]{0,17}|[A-Za-z][A-Za-z0-9_]*)'
    r"|\[ *((?:" + _SCALAR + r")(?: *, *(?:" + _SCALAR + r"))*)? *\])"
)
_PAIR = re.compile(_PAIR_GROUPS)
_SIMPLE_DATA = re.compile(r"\{ *(?:" + _PAIR_GROUPS + r"(?: *, *" + _PAIR_GROUPS + r")*)? *\}")
# Up to three pairs, the usual card, in one match.
_FEW_PAIRS = re.compile(
    r"\{ *" + _PAIR_GROUPS + r"(?: *, *" + _PAIR_GROUPS + r")?(?: *, *" + _PAIR_GROUPS + r")? *\}"
)
# An item of a list: a double-quoted string's text, or any other scalar.
_ITEM = re.compile(r'"([^"\\\n]*)"|(0|[1-9][0-9]{0,17}|[A-Za-z][A-Za-z0-9_]*)')
# Plain words YAML 1.1 (PyYAML) reads as something other than a string, in any case
# (keys and plain values here are ASCII, so lower() is exact).
_YAML_WORDS = frozenset({"y", "yes", "n", "no", "true", "false", "on", "off", "null", "nan", "inf"})
_NOT_READ = object()  # a value left to YAML


def simple_data(image: str) -> dict[str, Any] | None:
    """``{…}`` data of the common shape read without YAML, as :func:`load_data` reads it;
    None for anything else."""
    few = _FEW_PAIRS.fullmatch(image)
    pairs: Iterable[tuple[str | None, ...]]  # a key, a quoted value, another, a list
    if few is not None:
        groups = few.groups()
        pairs = (groups[0:4], groups[4:8], groups[8:12])
    elif _SIMPLE_DATA.fullmatch(image):
        pairs = [pair.groups() for pair in _PAIR.finditer(image)]
    else:
        return None
    result: dict[str, Any] = {}
    for key, quoted, other, items in pairs:
        if key is None:
            break  # fewer than three pairs
        if key in result or key.lower() in _YAML_WORDS:
            return None  # duplicate keys and special words: let YAML decide
        if quoted is not None:
            value: Any = quoted
        elif other is not None:
            value = _plain_scalar(other)
        elif items is None:
            value = []  # `[]`
        else:
            value = [
                item[1] if item[1] is not None else _plain_scalar(item[2])
                for item in _ITEM.finditer(items)
            ]
            if _NOT_READ in value:
                return None
        if value is _NOT_READ:
            return None
        result[key] = value
    return result


def _plain_scalar(other: str) -> Any:
    """A plain scalar as YAML reads it: an integer, a string, or _NOT_READ for a word YAML
    reads otherwise."""
    if other[0].isdigit():
        return int(other)
    return _NOT_READ if other.lower() in _YAML_WORDS else other


# The common shape of front matter, `title: Repairing Japan–ROK relations`: lines of a
# plain word key and a value that is a decimal integer, a double-quoted string without
# escapes, or plain text YAML reads as a string (from a letter or a character beyond
# ASCII, with no ": " or " #" in it: those start a mapping or a comment). Read here
# directly, as for card data; anything else goes to YAML. (Characters beyond ASCII are
# "not ASCII": as a range up to U+10FFFF the pattern takes milliseconds to compile.)
_FRONT_MATTER_LINE = re.compile(
    r"([A-Za-z_][A-Za-z0-9_-]*): +"
    r'(?:(0|[1-9][0-9]{0,17})|"([^"\\]*)"|((?:[A-Za-z]|[^\x00-\x7f]).*?)) *'
)


def _simple_front_matter(body: str) -> dict[str, Any] | None:
    result: dict[str, Any] = {}
    for line in body.split("\n"):
        line = line.removesuffix("\r")
        if not line.strip(" "):
            continue
        # Not printable: tabs, line breaks YAML knows beyond \n, characters it refuses.
        match = _FRONT_MATTER_LINE.fullmatch(line) if line.isprintable() else None
        if match is None:
            return None
        key, number, quoted, text = match.groups()
        if key in result or key.lower() in _YAML_WORDS:
            return None  # duplicate keys and special words: let YAML decide
        if number is not None:
            result[key] = int(number)
        elif quoted is not None:
            result[key] = quoted
        elif ": " in text or " #" in text or text.endswith(":") or text.lower() in _YAML_WORDS:
            return None
        else:
            result[key] = text
    return result


def load_data(image: str) -> dict[str, Any]:
    """Parse a ``{…}`` data block the way Argdown does.

    A block whose ``{`` is directly followed by a line break is block YAML (the braces are
    dropped); otherwise the whole block is YAML flow syntax.
    """
    simple = simple_data(image)
    if simple is not None:
        return simple
    block = image[1:2] in ("\n", "\r")
    value = _load(image[1:-1] if block else image)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise YamlProblem(f"data must be a mapping of keys to values, not {_kind(value)}")
    result: dict[str, Any] = json_safe(value, image[1:-1] if block else image)
    return result


def load_front_matter(body: str) -> dict[str, Any]:
    """Parse the YAML between the ``===`` lines of front matter."""
    simple = _simple_front_matter(body)
    if simple is not None:
        return simple
    value = _load(body)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise YamlProblem(f"front matter must be a mapping of keys to values, not {_kind(value)}")
    result: dict[str, Any] = json_safe(value, body)
    return result


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    return f"a {type(value).__name__}"
