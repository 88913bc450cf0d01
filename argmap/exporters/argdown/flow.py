"""The YAML writer: data ``{…}`` as one-line flow collections, and front matter."""

from __future__ import annotations

import functools
import json
import math
import re
from typing import Any

from argmap.syntax.yamldata import YamlProblem, load_data, load_front_matter

__all__ = ["as_json", "flow_yaml", "front_matter_yaml"]


def as_json(value: Any) -> str:
    """``value`` as canonical JSON: how data is compared (``1``, ``1.0`` and ``true``
    differ)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def flow_yaml(value: Any) -> str:
    """``value`` as a one-line YAML flow collection that Argdown's lexer reads as one
    ``{…}`` data token: strings are double-quoted, with ``{``, ``}`` and control
    characters escaped (``\\x7d``), so no ``} `` inside a string can end the token."""
    return _flow(value, equals=False)


def _flow(value: Any, equals: bool) -> str:
    if isinstance(value, dict):
        items = ", ".join(f"{_key(str(k), equals)}: {_flow(v, equals)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v, equals) for v in value) + "]"
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    return _quote(str(value), equals)


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        if exponent[0] not in "+-":
            exponent = "+" + exponent
        return f"{mantissa}e{exponent}"
    return text if "." in text else text + ".0"


@functools.lru_cache(maxsize=1024)
def _plain_key(key: str) -> bool:
    """Whether ``key`` reads back as this string when written unquoted."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", key):
        return False
    try:
        return load_data("{" + key + ": 0}") == {key: 0}
    except YamlProblem:  # pragma: no cover - a plain word is valid YAML
        return False


def _key(key: str, equals: bool) -> str:
    return key if _plain_key(key) else _quote(key, equals)


_QUOTE_ESCAPES = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _quote(text: str, equals: bool) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in _QUOTE_ESCAPES:
            out.append(_QUOTE_ESCAPES[ch])
        elif (
            ch in "{}"
            or (equals and ch == "=")
            or code < 0x20
            or 0x7F <= code <= 0x9F
            or ch in "\u2028\u2029\ufeff\ufffe\uffff"
            or 0xD800 <= code <= 0xDFFF
        ):
            if code < 0x100:
                out.append(f"\\x{code:02x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def front_matter_yaml(front: dict[str, Any]) -> str:
    """Front matter as block YAML when that reads back the same, else as a flow mapping."""
    import yaml  # only when there is front matter to write

    body = yaml.safe_dump(
        front, allow_unicode=True, sort_keys=False, default_flow_style=False, width=2**30
    )
    try:
        same = "===" not in body and as_json(load_front_matter(body)) == as_json(front)
    except YamlProblem:  # pragma: no cover - PyYAML reads what it writes
        same = False
    if not same:
        body = _flow(front, equals=True) + "\n"
    return "===\n" + body + "==="
