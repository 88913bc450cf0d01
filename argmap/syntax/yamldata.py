"""YAML for front matter and ``{…}`` data: safe loading only, JSON-safe results."""

from __future__ import annotations

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
        problem = error.problem or "invalid YAML"
        raise YamlProblem(
            f"invalid YAML: {problem}", mark.line if mark else 0, mark.column if mark else 0
        ) from None
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


MAX_DEPTH = 100  # deeper data is refused: no brief needs it, and JSON writers recurse


def json_safe(value: Any) -> Any:
    """YAML values as JSON can hold them: string keys, ISO dates, finite numbers.

    Iterative, so deep data cannot exhaust the stack; data nested more than
    :data:`MAX_DEPTH` levels, or using aliases to lists or mappings, is refused.
    """
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
        if isinstance(item, dict):
            new: dict[str, Any] = {}
            container[key] = new
            for k, v in item.items():
                name = _scalar_key(k)
                new[name] = None
                stack.append((v, new, name, depth + 1))
        elif isinstance(item, (list, tuple, set)):
            items = list(item)
            new_list: list[Any] = [None] * len(items)
            container[key] = new_list
            for index, v in enumerate(items):
                stack.append((v, new_list, index, depth + 1))
        else:
            container[key] = _scalar(item)
    return root[0]


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


# The common shape of a card's data, `{cite: "Doe 2019", url: "https://…", year: 2019}`:
# keys that are plain words, values that are double-quoted strings without escapes,
# decimal integers or plain words that YAML reads as strings. Such a block is read here
# directly (PyYAML would give exactly the same result, ten times slower); anything else
# goes to YAML.
# A pair's groups: the key, then a double-quoted value's text (no quotes to cut off) or
# any other value.
_PAIR_GROUPS = (
    r'([A-Za-z_][A-Za-z0-9_]*) *: +(?:"([^"\\\n]*)"|(0|[1-9][0-9]{0,17}|[A-Za-z][A-Za-z0-9_]*))'
)
_PAIR = re.compile(_PAIR_GROUPS)
_SIMPLE_DATA = re.compile(r"\{ *(?:" + _PAIR_GROUPS + r"(?: *, *" + _PAIR_GROUPS + r")*)? *\}")
# Up to three pairs, the usual card, in one match.
_FEW_PAIRS = re.compile(
    r"\{ *" + _PAIR_GROUPS + r"(?: *, *" + _PAIR_GROUPS + r")?(?: *, *" + _PAIR_GROUPS + r")? *\}"
)
# Plain words YAML 1.1 (PyYAML) reads as something other than a string, in any case
# (keys and plain values here are ASCII, so lower() is exact).
_YAML_WORDS = frozenset({"y", "yes", "n", "no", "true", "false", "on", "off", "null", "nan", "inf"})


def simple_data(image: str) -> dict[str, Any] | None:
    """``{…}`` data of the common shape read without YAML, as :func:`load_data` reads it;
    None for anything else."""
    few = _FEW_PAIRS.fullmatch(image)
    pairs: Iterable[tuple[str | None, ...]]  # a key, a quoted value, any other value
    if few is not None:
        key1, quoted1, other1, key2, quoted2, other2, key3, quoted3, other3 = few.groups()
        pairs = ((key1, quoted1, other1), (key2, quoted2, other2), (key3, quoted3, other3))
    elif _SIMPLE_DATA.fullmatch(image):
        pairs = [pair.groups() for pair in _PAIR.finditer(image)]
    else:
        return None
    result: dict[str, Any] = {}
    for key, quoted, other in pairs:
        if key is None:
            break  # fewer than three pairs
        if key in result or key.lower() in _YAML_WORDS:
            return None  # duplicate keys and special words: let YAML decide
        if quoted is not None:
            result[key] = quoted
            continue
        assert other is not None  # a value is quoted or not
        if other[0].isdigit():
            result[key] = int(other)
        elif other.lower() in _YAML_WORDS:
            return None
        else:
            result[key] = other
    return result


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
    result: dict[str, Any] = json_safe(value)
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
    result: dict[str, Any] = json_safe(value)
    return result


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    return f"a {type(value).__name__}"
