"""One open document as argmap reads it: its analysis, and where each title, mention and
tag is written.

Everything comes from the library: :func:`argmap.loader.load_text` reads the editor's
text as the file it will be saved as, :func:`argmap.analysis.analyse` evaluates it and
runs the rules, and the places of titles come from the Argdown lexer's tokens. A
document is read again from scratch at each change: a 1,000-statement brief takes about
60 ms of CPU (``python -m benchmarks.lsp``).
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from argmap.lsp.positions import Lines
from argmap.model import node_id_for
from argmap.source import SourceText, Span
from argmap.syntax import lexer

if TYPE_CHECKING:
    from argmap.analysis import Analysis

__all__ = ["DEFINITION", "MENTION", "REFERENCE", "TAG", "Document", "Mark"]

DEFINITION = "definition"
REFERENCE = "reference"
MENTION = "mention"
TAG = "tag"

# Token kind → (node type, how the title is written, characters before the title).
_TITLE_TOKENS = {
    lexer.STATEMENT_DEFINITION: ("statement", DEFINITION, 1),
    lexer.STATEMENT_REFERENCE: ("statement", REFERENCE, 1),
    lexer.STATEMENT_MENTION: ("statement", MENTION, 2),
    lexer.ARGUMENT_DEFINITION: ("argument", DEFINITION, 1),
    lexer.ARGUMENT_REFERENCE: ("argument", REFERENCE, 1),
    lexer.ARGUMENT_MENTION: ("argument", MENTION, 2),
}


# Tokens that are layout, not something written.
_LAYOUT = frozenset({lexer.NEWLINE, lexer.EMPTYLINE, lexer.INDENT, lexer.DEDENT, lexer.EOF})


@dataclass(frozen=True)
class Mark:
    """A title (or a tag) written in the document: ``node`` is the node's id (for a tag,
    ``"tag:"`` and its name), ``span`` the title's own characters without brackets, and
    ``how`` one of :data:`DEFINITION`, :data:`REFERENCE`, :data:`MENTION` or ``"tag"``."""

    node: str
    span: Span
    how: str


class Document:
    """A snapshot of one document: ``text`` as the editor has it, read as the file
    ``name``; ``encoding`` is the position encoding agreed with the client."""

    def __init__(self, uri: str, name: str, text: str, version: int | None, encoding: str):
        self.uri = uri
        self.name = name
        self.text = text
        self.version = version
        self.lines = Lines(text, encoding)
        self.error: str | None = None
        self.analysis: Analysis | None = None
        self._analyse()

    def _analyse(self) -> None:
        """Read and check the text with the settings ``argmap check`` would use for the
        file: its configuration file's (the nearest ``argmap.toml``, ``.argmap.toml`` or
        ``pyproject.toml`` above it, read afresh each time, as the team may be editing
        it too), then its front matter. A brief that cannot be read at all (an invalid
        JSON export, an invalid setting) leaves ``error`` instead."""
        from argmap.analysis import analyse
        from argmap.config import ConfigError, ConfigFileError
        from argmap.loader import BriefError, load_text
        from argmap.project import Discovery

        try:
            found = Discovery().for_brief(self.name) if os.path.isabs(self.name) else None
            config = None if found is None else found.config()
            self.analysis = analyse(load_text(self.text, self.name), config=config)
        except ConfigFileError as error:
            self.error = str(error)  # it names its file and line
        except ConfigError as error:
            self.error = f"{self.name}: {error}"
        except BriefError as error:
            self.error = str(error)

    @cached_property
    def _tokens(self) -> tuple[SourceText | None, list[lexer.Token]]:
        """The lexer's tokens of the text the map was read from (a Markdown file's
        Argdown blocks, or a brief with others spliced in, whose places the source gives
        in their own files). Built on first use: diagnostics do not need them."""
        if self.analysis is None or self.analysis.map.source is None:
            return None, []
        source = self.analysis.map.source
        return source, lexer.tokenize(source.text).tokens

    @cached_property
    def marks(self) -> list[Mark]:
        """Every title and tag written in this document, in order."""
        source, tokens = self._tokens
        found: list[Mark] = []
        if source is None:
            return found
        for token in tokens:
            kind = _TITLE_TOKENS.get(token.kind)
            if kind is not None:
                node_type, how, before = kind
                start = token.start + before
                span = source.span(start, start + len(token.value))
                node = node_id_for(node_type, token.value)
            elif token.kind == lexer.TAG:
                span = source.span(token.start, token.start + len(token.image.rstrip(" \t")))
                node, how = f"tag:{token.value}", TAG
            else:
                continue
            if span.file == self.name and token.value:
                found.append(Mark(node, span, how))
        return found

    @cached_property
    def data_spans(self) -> list[Span]:
        """Where each ``{…}`` of data is written in this document."""
        source, tokens = self._tokens
        if source is None:
            return []
        spans = (source.span(t.start, t.end) for t in tokens if t.kind == lexer.DATA)
        return [span for span in spans if span.file == self.name]

    def content_end(self, line: int) -> int:
        """The 1-based column just after the last thing written on ``line`` that is not
        a comment (after the last character that is not a space, for a brief read from
        other text, such as a Markdown file)."""
        text = self.lines.line_text(line - 1)
        source, tokens = self._tokens
        if source is None or source.line_map is not None:
            return len(text.rstrip(" \t")) + 1
        start = source.offset(line, 1)
        end = start + len(text)
        index = bisect.bisect_left(self._token_starts, start)
        last = start
        while index < len(tokens) and tokens[index].start < end:
            token = tokens[index]
            if token.kind not in _LAYOUT:
                last = max(last, token.start + len(token.image.rstrip(" \t")))
            index += 1
        return min(last, end) - start + 1

    @cached_property
    def _token_starts(self) -> list[int]:
        return [token.start for token in self._tokens[1]]

    @cached_property
    def _starts(self) -> list[tuple[int, int]]:
        return [(mark.span.line, mark.span.column) for mark in self.marks]

    def mark_at(self, line: int, column: int) -> Mark | None:
        """The title or tag written at argmap's 1-based ``line`` and ``column`` (its
        brackets, ``@`` and ``:`` count as part of it)."""
        marks = self.marks
        index = bisect.bisect_right(self._starts, (line, column + 2)) - 1
        # A title starts one or two characters after its "[" or "@["; look at the two
        # marks that could hold the place.
        for mark in marks[max(index - 1, 0) : index + 1]:
            span = mark.span
            before = 2 if mark.how == MENTION else 1 if mark.how != TAG else 0
            after = 2 if mark.how == DEFINITION else 1 if mark.how != TAG else 0
            if span.line == line == span.end_line and (
                span.column - before <= column <= span.end_column + after
            ):
                return mark
        return None

    def marks_of(self, node: str) -> list[Mark]:
        return [mark for mark in self.marks if mark.node == node]
