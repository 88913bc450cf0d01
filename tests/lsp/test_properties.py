"""Whatever the text, every answer of the language server is well formed: no exception,
and every range it gives lies in the document, its start before its end."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types

from argmap.lsp import features
from argmap.lsp.document import Document

# Pieces of briefs, whole and broken, with characters that take two UTF-16 units.
PIECES = [
    "[A]: One. #thesis",
    '[B]: Two 😀. #evidence {cite: "Doe"}',
    "  + [A]",
    "  - <C>: Three @[A] and @<C>.",
    "    + [😀 D]",
    "[Ab]",
    "# Head",
    "## Sub #tag",
    "===\ntitle: x\n===",
    "{source: Doe: 2019}",
    "// argmap: ignore[AM201]",
    "(1) [P]: Premise.\n----\n(2) [Q]: Conclusion.",
    "<C>\n\n(1) [P]\n-- modus ponens --\n(2) [Q]",
    "[",
    "<",
    "@[",
    "#",
    "é",
    "\t",
    " ",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
]


def _in(document: Document, position: types.Position) -> None:
    last = document.lines.end()
    assert 0 <= position.line <= last.line
    text = document.lines.line_text(position.line)
    assert 0 <= position.character <= len(text.encode("utf-16-le")) // 2


def _check_range(document: Document, where: types.Range) -> None:
    _in(document, where.start)
    _in(document, where.end)
    assert (where.start.line, where.start.character) <= (where.end.line, where.end.character)


def _ranges(value: Any) -> list[types.Range]:
    """Every range in an answer, however deep."""
    found: list[types.Range] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, types.Range):
            found.append(item)
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif hasattr(item, "__attrs_attrs__"):
            stack.extend(getattr(item, a.name) for a in item.__attrs_attrs__)
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=0, max_value=40),
)
def test_every_answer_lies_in_the_document(text: str, line: int, character: int) -> None:
    document = Document("file:///briefs/b.argdown", "/briefs/b.argdown", text, 1, "utf-16")
    position = types.Position(line=line, character=character)
    whole = types.Range(start=types.Position(line=0, character=0), end=document.lines.end())
    answers: list[Any] = [
        features.diagnostics(document),
        features.hover(document, position),
        features.definition(document, position),
        features.references(document, position, [], True),
        features.highlights(document, position),
        features.prepare_rename(document, position),
        features.completion(document, position),
        features.document_symbols(document),
        features.folding_ranges(document),
        features.code_actions(document, whole),
    ]
    formatted = features.formatting(document)
    if not isinstance(formatted, str):
        answers.append(formatted)
    for where in _ranges(answers):
        _check_range(document, where)
    for fold in features.folding_ranges(document):
        assert 0 <= fold.start_line < fold.end_line <= document.lines.end().line
