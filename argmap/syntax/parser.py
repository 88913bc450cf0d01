"""The Argdown parser: tokens → headings, statement and argument occurrences, relations.

The grammar is Argdown's, restricted to the subset argmap supports::

    document   := [front-matter EMPTY] block (EMPTY block)*
    block      := heading | node | list | pcs
    heading    := "#"+ " " content [data]
    node       := (statement-def content | statement-ref tag* | argument-def content
                   | argument-ref tag* | content) [data] [relations]
    relations  := INDENT (marker node)+ DEDENT
    list       := INDENT (item node)+ DEDENT
    pcs        := member (member* inference member)+
    member     := "(" number ")" statement-node [data] [relations]
    inference  := "--" [rule ("," rule)*] [data] "--" [INDENT ("<_" | "_") node+ DEDENT]

A premise–conclusion structure (pcs) reconstructs the argument of the block before it
(an argument definition or reference), or else an untitled argument of its own.

A syntax error abandons only the block it is in: what was read before the error is kept,
the parser skips to the next blank line and goes on, so one run reports every error.
The relation tree is walked with an explicit stack, so nesting depth is unbounded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import SYNTAX_ERROR, SYNTAX_WARNING, Diagnostic, Severity
from argmap.source import SourceText, Span
from argmap.syntax import lexer
from argmap.syntax.shortcodes import SHORTCODES
from argmap.syntax.yamldata import YamlProblem, load_data, load_front_matter, simple_data

__all__ = [
    "CONCLUSION_ROLES",
    "Inference",
    "Member",
    "Occurrence",
    "ParseResult",
    "Reconstruction",
    "RelationOccurrence",
    "Section",
    "parse",
]


STATEMENT = "statement"
ARGUMENT = "argument"

# The roles of the members of a premise–conclusion structure, as Argdown names them.
PREMISE = "premise"
INTERMEDIARY_CONCLUSION = "intermediary-conclusion"
MAIN_CONCLUSION = "main-conclusion"
CONCLUSION_ROLES = frozenset({INTERMEDIARY_CONCLUSION, MAIN_CONCLUSION})
# The markers of an undercut whose source is the line it starts: under a conclusion or an
# inference line, they undercut the inference.
UNDERCUT_MARKERS = frozenset({"<_", "_"})

# marker → (relation, True when the child is the source)
MARKERS: dict[str, tuple[str, bool]] = {
    "+": ("support", True),
    "<+": ("support", True),
    "-": ("attack", True),
    "<-": ("attack", True),
    "_": ("undercut", True),
    "<_": ("undercut", True),
    "+>": ("support", False),
    "->": ("attack", False),
    "_>": ("undercut", False),
    "><": ("contradiction", False),
}

CONTENT_TOKENS = frozenset(
    {
        lexer.FREESTYLE,
        lexer.UNUSED,
        lexer.ESCAPED,
        lexer.SPECIAL,
        lexer.LINK,
        lexer.BOLD_START,
        lexer.ITALIC_START,
        lexer.TAG,
        lexer.ARGUMENT_MENTION,
        lexer.STATEMENT_MENTION,
        lexer.NEWLINE,
    }
)
_BLOCK_ENDS = (lexer.EMPTYLINE, lexer.EOF)
_NODE_START = CONTENT_TOKENS | {
    lexer.NODE_LINE,
    lexer.STATEMENT_DEFINITION,
    lexer.STATEMENT_REFERENCE,
    lexer.ARGUMENT_DEFINITION,
    lexer.ARGUMENT_REFERENCE,
}


@dataclass(slots=True)
class Section:
    """A heading and the part of the brief under it."""

    id: str
    level: int
    title: str
    parent: str | None
    span: Span
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ModelSettings:
    """Argdown's model settings (front matter ``model: {…}``) that change what a brief
    means; anything but a mapping leaves the defaults."""

    strict: bool = False  # mode: strict
    remove_tags: bool = False  # removeTagsFromText: keep tags out of the text they tag
    # transformArgumentRelations: a reconstructed argument's relations are its main
    # conclusion's, and an undercut of it undercuts its last inference.
    transform_argument_relations: bool = True

    @staticmethod
    def of(front_matter: dict[str, Any]) -> ModelSettings:
        settings = front_matter.get("model")
        if not isinstance(settings, dict):
            return ModelSettings()
        return ModelSettings(
            settings.get("mode") == "strict",
            _truthy(settings.get("removeTagsFromText", False)),
            _truthy(settings.get("transformArgumentRelations", True)),
        )


def _truthy(value: Any) -> bool:
    """Whether Argdown (JavaScript) takes a setting's value for true: anything but false,
    null, 0 and the empty string (so "no" and [] are true)."""
    if value is None or value is False:
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value != 0 and value == value  # NaN is false too
    return bool(value != "")


@dataclass(slots=True)
class Occurrence:
    """One place where a statement or argument is written: a definition or a reference.

    ``text`` keeps bold and italic markers; ``plain_text`` is the text as Argdown's own
    model holds it (markers dropped). Both are ``None`` for references.
    """

    type: str
    title: str
    untitled: bool
    is_reference: bool
    text: str | None
    plain_text: str | None
    span: Span
    section: str | None
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    # Tuples: most occurrences have none, and an empty tuple costs nothing.
    mentions: tuple[tuple[str, str], ...] = ()
    links: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class RelationOccurrence:
    """A relation as written: indices into :attr:`ParseResult.occurrences`.

    ``step`` is set for the undercut of an inference: the target is the reconstructed
    argument, and ``step`` the index (in its :attr:`Reconstruction.members`) of the
    conclusion the inference leads to.
    """

    source: int
    target: int
    relation: str
    span: Span
    step: int | None = None


@dataclass(slots=True)
class Inference:
    """An inference line (``----`` or ``-- rule, rule {data} --``)."""

    rules: list[str]
    data: dict[str, Any]
    span: Span


@dataclass(slots=True)
class Member:
    """A numbered statement of a premise–conclusion structure: ``occurrence`` indexes
    :attr:`ParseResult.occurrences`; ``number`` is the number written in ``(…)``; a
    conclusion has the ``inference`` that leads to it."""

    occurrence: int
    number: int
    role: str
    inference: Inference | None = None
    span: Span | None = None  # of its "(n)"


@dataclass(slots=True)
class Reconstruction:
    """A premise–conclusion structure and the argument it reconstructs (``argument``, an
    index into :attr:`ParseResult.occurrences`)."""

    argument: int
    members: list[Member]
    span: Span


@dataclass
class ParseResult:
    source: SourceText
    front_matter: dict[str, Any]
    front_matter_span: Span | None
    sections: list[Section]
    occurrences: list[Occurrence]
    relations: list[RelationOccurrence]
    diagnostics: list[Diagnostic]
    reconstructions: list[Reconstruction] = field(default_factory=list)


class _Error(Exception):
    def __init__(self, token: lexer.Token, message: str) -> None:
        super().__init__(message)
        self.token = token
        self.message = message


def parse(source: SourceText, node_lines: bool = True) -> ParseResult:
    """Parse one brief. Never raises for bad input: problems become diagnostics.

    ``node_lines=False`` reads every line through the fine-grained tokens; the result is
    the same (tests compare the two), only slower.
    """
    return _Parser(source, node_lines).run()


class _Parser:
    def __init__(self, source: SourceText, node_lines: bool) -> None:
        self.source = source
        self.name = source.name
        # Tokens are read a block at a time (see _load_block), so a brief of any size
        # never holds more than one block's tokens.
        self.diagnostics: list[Diagnostic] = []
        self.front_matter: dict[str, Any] = {}
        self.front_matter_span: Span | None = None
        self.sections: list[Section] = []
        self.section_stack: list[Section] = []
        self.occurrences: list[Occurrence] = []
        self.relations: list[RelationOccurrence] = []
        # Occurrences and relations read from tokens, and their offsets (in the brief's
        # order): their spans are found in one pass at the end (see SourceText.spans).
        self.pending_occurrences: list[Occurrence] = []
        self.occurrence_offsets: list[tuple[int, int]] = []
        self.pending_relations: list[RelationOccurrence] = []
        self.relation_offsets: list[tuple[int, int]] = []
        self.untitled = 0
        self.remove_tags = False  # front matter model: {removeTagsFromText: true}
        self.reconstructions: list[Reconstruction] = []
        # The argument written at the top of the current block and of the block before it
        # (occurrence indices): a premise–conclusion structure reconstructs the latter.
        self.block_argument: int | None = None
        self.previous_argument: int | None = None
        # Arguments with a premise–conclusion structure, by title, and where it starts.
        self.reconstructed: dict[str, int] = {}
        # Titles with other than ASCII characters, by their NFC form: the first way each
        # was written, and where (see _same_title).
        self.titles_nfc: dict[str, tuple[str, int]] = {}
        self.reader = lexer.Reader(source, node_lines)
        self.batches = self.reader.blocks()
        self.tokens: list[lexer.Token] = []
        self.i = 0
        # The first block through its tokens: run() looks at them for front matter.
        self._load_block(whole=False)

    # -- helpers -------------------------------------------------------------------

    def _report(self, span: Span, message: str, severity: Severity = Severity.ERROR) -> None:
        self.diagnostics.append(
            Diagnostic(SYNTAX_ERROR.code, SYNTAX_ERROR.name, severity, message, span)
        )

    def _warn(self, start: int, end: int, message: str, misread: bool = False) -> None:
        """A syntax warning: Argdown reads the text at [start, end) otherwise than it looks.
        ``misread`` when the nodes there are not what the writer meant (see Diagnostic)."""
        self.diagnostics.append(
            Diagnostic(
                SYNTAX_WARNING.code,
                SYNTAX_WARNING.name,
                Severity.WARNING,
                message,
                self.source.span(start, max(end, start + 1)),
                misread=misread,
            )
        )

    def _line_rest(self, start: int) -> str:
        """The text from ``start`` to the end of its line, without trailing spaces."""
        text = self.source.text
        end = _LINE_END.search(text, start)
        return text[start : end.start() if end else len(text)].rstrip()

    def _same_title(self, title: str, start: int) -> str:
        """The title of a node written ``title`` at ``start``: titles that differ only by
        Unicode normalisation (é as one character or as e and a combining accent) are one
        title, the way it was first written; a second way is warned about."""
        key = unicodedata.normalize("NFC", title)
        first = self.titles_nfc.setdefault(key, (title, start))
        if first[0] == title:
            return title
        line, column = self.source.position(first[1])
        self._warn(
            start,
            start + len(title) + 2,
            f"this title looks the same as the one at line {line}, column {column}, but its "
            "letters are encoded differently (Unicode NFC and NFD); argmap reads both as "
            f"{_written(first[0], self.source.text[start])}, Argdown as two titles: retype this "
            "one so that both match",
        )
        return first[0]

    def _span(self, token: lexer.Token) -> Span:
        return self.source.span(token.start, token.end)

    def _peek(self, ahead: int = 0) -> lexer.Token:
        if ahead:
            return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]
        return self.tokens[self.i]  # the last token is EOF, which _next never passes

    def _next(self) -> lexer.Token:
        token = self.tokens[self.i]
        if token.kind != lexer.EOF:
            self.i += 1
        return token

    def _load_block(self, whole: bool = True) -> None:
        """Load the next block's tokens, up to the EMPTYLINE that ends it (or EOF): the
        parser never looks past that token.

        A block of plain lines (most blocks) is read here, straight from its lines (see
        _plain_block), unless ``whole`` is false: only the token that ends it is left to
        read.
        """
        lines = next(self.batches, [])
        tokens: list[lexer.Token]
        if whole and lines and lines[0].kind == lexer.PLAIN and self._plain_block(lines):
            last = lines[-1]
            tokens = last.tokens if last.kind == lexer.EMPTYLINE else []
        else:
            tokens = lexer.block_tokens(lines, self.source.text)
        if not tokens or tokens[-1].kind != lexer.EMPTYLINE:
            end = len(self.source.text)
            tokens.append(lexer.Token(lexer.EOF, "", end, end))
        self.tokens = tokens
        self.i = 0

    def _next_block(self) -> None:
        """Step over the EMPTYLINE that ends a block."""
        self.i += 1
        self._load_block()

    def _skip_block(self) -> None:
        while self._peek().kind not in (lexer.EMPTYLINE, lexer.EOF):
            self.i += 1

    # -- document ------------------------------------------------------------------

    def run(self) -> ParseResult:
        if self._peek().kind == lexer.NEWLINE:
            self._next()
        if self._peek().kind == lexer.EMPTYLINE:
            self._next_block()
        if self._peek().kind == lexer.FRONT_MATTER:
            self._front_matter(self._next())
            if self._peek().kind == lexer.NEWLINE:
                self._next()
            if self._peek().kind not in (lexer.EMPTYLINE, lexer.EOF):
                token = self._peek()
                self._report(self._span(token), "front matter must be followed by a blank line")
                self._skip_block()
        while True:
            # A block read whole leaves only its EMPTYLINE (see _load_block).
            while self._peek().kind == lexer.EMPTYLINE:
                self._next_block()
            if self._peek().kind == lexer.EOF:
                break
            try:
                self._block()
                token = self._peek()
                if token.kind not in (lexer.EMPTYLINE, lexer.EOF):
                    raise _Error(token, _unexpected_after_block(token))
            except _Error as error:
                self._report(self._span(error.token), error.message)
                self._skip_block()
        # The lexer's problems (an unclosed comment…) come first, as they come first
        # in the text they concern.
        self.diagnostics[:0] = [
            Diagnostic(
                SYNTAX_ERROR.code,
                SYNTAX_ERROR.name,
                Severity.ERROR,
                message,
                self.source.span(start, stop),
            )
            for start, stop, message in self.reader.problems
        ]
        for start, stop, message in self.reader.hints:
            self._warn(start, stop, message)
        spans = self.source.spans
        self.source.find_hidden_characters(self.reader.clear)
        occurrences, relations = self.pending_occurrences, self.pending_relations
        for occurrence, span in zip(occurrences, spans(self.occurrence_offsets), strict=True):
            occurrence.span = span
        for relation, span in zip(relations, spans(self.relation_offsets), strict=True):
            relation.span = span
        return ParseResult(
            self.source,
            self.front_matter,
            self.front_matter_span,
            self.sections,
            self.occurrences,
            self.relations,
            self.diagnostics,
            self.reconstructions,
        )

    def _front_matter(self, token: lexer.Token) -> None:
        self.front_matter_span = self._span(token)
        image = token.image
        body_start = len(image) - len(image.lstrip("="))
        body_end = len(image.rstrip("="))
        body = image[body_start:body_end]
        try:
            self.front_matter = load_front_matter(body)
        except YamlProblem as problem:
            offset = token.start + body_start + _offset_in(body, problem.line, problem.column)
            self._report(self.source.span(offset, offset + 1), f"front matter: {problem}")
            return
        if "model" in self.front_matter and not isinstance(self.front_matter["model"], dict):
            self._warn(
                token.start,
                token.end,
                "'model' in the front matter must be a mapping of settings, as in 'model: "
                "{mode: strict}': this value is ignored (Argdown would also turn off its "
                "default settings, so relations of reconstructed arguments stay on them)",
                misread=True,
            )
        self.remove_tags = ModelSettings.of(self.front_matter).remove_tags

    def _block(self) -> None:
        token = self._peek()
        kind = token.kind
        self.previous_argument, self.block_argument = self.block_argument, None
        if kind == lexer.HEADING:
            self._heading()
        elif kind == lexer.STATEMENT_NUMBER:
            self._pcs()
        elif kind in _NODE_START:
            self._node_tree()
        elif kind == lexer.INDENT:
            following = self._peek(1)
            if following.kind in (lexer.ORDERED_ITEM, lexer.UNORDERED_ITEM):
                self._list()
            elif following.kind == lexer.RELATION:
                raise _Error(
                    following,
                    f"relation '{following.value}' after a blank line: a relation must "
                    "directly follow the statement or argument it relates to (remove the "
                    "blank line above it)",
                )
            else:
                raise _Error(following, _unexpected(following))
        elif kind == lexer.RELATION:
            raise _Error(token, _relation_at_column_0(token))
        elif kind == lexer.INFERENCE_START:
            raise _Error(
                token,
                "an inference line needs the premises above it: a premise–conclusion "
                "structure starts with a numbered premise, as in '(1) …'",
            )
        elif kind == lexer.FRONT_MATTER:
            raise _Error(token, "front matter (===) is only allowed at the top of a brief")
        else:
            raise _Error(token, _unexpected(token))

    def _heading(self) -> None:
        start = self._next()
        level = int(start.value)
        if self._peek().kind not in CONTENT_TOKENS:
            raise _Error(self._peek(), "a heading needs a title after '#'")
        text, _plain, tags, _mentions, _links = self._content()
        data: dict[str, Any] = {}
        if self._peek().kind == lexer.NEWLINE and self._peek(1).kind == lexer.DATA:
            self._next()
        if self._peek().kind == lexer.DATA:
            data = self._data(self._next())
            if self._peek().kind == lexer.NEWLINE:
                self._next()
        while self.section_stack and self.section_stack[-1].level >= level:
            self.section_stack.pop()
        parent = self.section_stack[-1].id if self.section_stack else None
        end = self.tokens[self.i - 1].end
        section = Section(
            f"s{len(self.sections) + 1}",
            level,
            text,
            parent,
            self.source.span(start.start, end),
            tags,
            data,
        )
        self.sections.append(section)
        self.section_stack.append(section)

    def _list(self) -> None:
        self._next()  # INDENT
        item_kind = self._peek().kind
        while True:
            token = self._peek()
            if token.kind == item_kind:
                self._next()
                if self._peek().kind not in _NODE_START:
                    raise _Error(self._peek(), "a list item needs a statement or argument")
                self._node_tree()
            elif token.kind == lexer.DEDENT:
                self._next()
                # A premise–conclusion structure after a list reconstructs no argument of
                # the list (Argdown looks at the block before it: the list).
                self.block_argument = None
                return
            elif token.kind in (lexer.ORDERED_ITEM, lexer.UNORDERED_ITEM):
                raise _Error(token, "ordered and unordered items cannot be mixed in one list")
            else:
                raise _Error(token, _unexpected(token))

    # -- statements, arguments and their relations --------------------------------------

    def _node_tree(self) -> None:
        root = self._node_head(contradiction=False)
        if self.occurrences[root].type == ARGUMENT:
            self.block_argument = root
        if self._peek().kind == lexer.INDENT:
            self._relations(root)

    def _relations(
        self,
        root: int,
        inference: tuple[int, int] | None = None,
        only_undercuts: bool = False,
        premise: bool = False,
    ) -> None:
        """The relation tree under ``root`` (the current token is its INDENT).

        With ``inference`` (an argument and a step), an undercut (``<_``, ``_``) directly
        under ``root`` undercuts the inference that leads to the step-th member of the
        argument's premise–conclusion structure; with ``only_undercuts`` (under an
        inference line) no other relation may stand there. With ``premise`` (``root`` is
        a premise) an undercut directly under it has no inference to target: a warning.
        """
        self._open_relations()
        stack = [root]
        tokens = self.tokens  # the block's tokens stay in this list while it is read
        relations = self.relations
        pending = self.pending_relations
        offsets = self.relation_offsets
        while stack:
            token = tokens[self.i]
            if token.kind == lexer.RELATION:
                self.i += 1
                marker = token.value
                relation, child_is_source = MARKERS[marker]
                at_root = len(stack) == 1
                if only_undercuts and at_root and marker not in UNDERCUT_MARKERS:
                    raise _Error(token, _NOT_AN_UNDERCUT.format(marker=marker))
                node = token.line
                if node is not None:
                    child = self._node_line(node, relation == "contradiction")
                else:
                    child = self._node_head(relation == "contradiction")
                parent = stack[-1]
                source, target = (child, parent) if child_is_source else (parent, child)
                found = RelationOccurrence(source, target, relation, _PENDING)
                if node is not None and node.line_number:
                    # A line read whole: its span is known from its line.
                    found.span = self.source.line_span(
                        node.line_number, node.line_start, token.end - len(marker), token.end
                    )
                else:
                    pending.append(found)
                    offsets.append((token.end - len(marker), token.end))
                if inference is not None and at_root and marker in UNDERCUT_MARKERS:
                    found.target, found.step = inference
                elif premise and at_root and marker in UNDERCUT_MARKERS:
                    title = _written(self.occurrences[root].title, "[")
                    self._warn(
                        token.end - len(marker),
                        token.end,
                        f"'{marker}' under a premise has no inference to undercut, so it is "
                        f"read as an attack on {title} itself: to undercut the inference that "
                        "starts from it, write it under the inference line below",
                    )
                relations.append(found)
                if tokens[self.i].kind == lexer.INDENT:
                    self._open_relations()
                    stack.append(child)
            elif token.kind == lexer.DEDENT:
                self.i += 1
                stack.pop()
            else:
                raise _Error(token, _unexpected_in_relations(token))

    # -- premise–conclusion structures ------------------------------------------------

    def _pcs(self) -> None:
        """A premise–conclusion structure: numbered statements and inference lines."""
        first = self._peek()
        argument = self.previous_argument
        if argument is None:
            # An argument of its own, numbered before the statements in it (as Argdown
            # numbers untitled statements and arguments in one sequence).
            self.untitled += 1
            occurrence = Occurrence(
                ARGUMENT,
                f"Untitled {self.untitled}",
                True,
                True,
                None,
                None,
                _PENDING,
                self.section_stack[-1].id if self.section_stack else None,
            )
            argument = self._pending(occurrence, first.start, first.end)
        title = self.occurrences[argument].title
        earlier = self.reconstructed.get(title)
        members: list[Member] = []
        numbers: list[lexer.Token] = []  # the "(n)" of each member
        inference: Inference | None = None
        while True:
            token = self._peek()
            if token.kind == lexer.STATEMENT_NUMBER:
                numbers.append(self._next())
                role = PREMISE if inference is None else INTERMEDIARY_CONCLUSION
                member = Member(self._member(token), int(token.value), role, inference)
                member.span = self.source.span(token.end - len(token.image.lstrip()), token.end)
                members.append(member)
                if self._peek().kind == lexer.INDENT:
                    # Under a conclusion, an undercut targets the inference above it.
                    step = (argument, len(members) - 1) if inference is not None else None
                    self._relations(member.occurrence, step, premise=step is None)
                inference = None
            elif token.kind == lexer.INFERENCE_START:
                if inference is not None:
                    raise _Error(
                        token, "two inference lines in a row: a conclusion must follow each"
                    )
                inference = self._inference(argument, len(members))
            else:
                break
        if inference is not None:
            token = self._peek()
            raise _Error(
                token if token.kind != lexer.EOF else self.tokens[self.i - 1],
                "an inference line must be followed by its conclusion, a numbered statement",
            )
        if members[-1].role == PREMISE:
            conclusions = [index for index, member in enumerate(members) if member.inference]
            if not conclusions:
                raise _Error(
                    first,
                    "a premise–conclusion structure needs an inference line ('----') "
                    "between its premises and its conclusion",
                )
            dangling = numbers[conclusions[-1] + 1]
            raise _Error(
                dangling,
                f"{dangling.image.strip()} comes after the main conclusion: a premise–"
                "conclusion structure ends with an inference line ('----') and its "
                "conclusion, so add them below it or move it above the last inference line",
            )
        members[-1].role = MAIN_CONCLUSION
        if earlier is not None:
            line, column = self.source.position(earlier)
            raise _Error(
                first,
                f"<{title}> already has a premise–conclusion structure (at line {line}, "
                f"column {column}): an argument has one",
            )
        self.reconstructed[title] = first.start
        end = self.tokens[self.i - 1].end
        self.reconstructions.append(
            Reconstruction(argument, members, self.source.span(first.start, end))
        )

    def _member(self, number: lexer.Token) -> int:
        """The statement after a statement number ``(n)``; its occurrence index."""
        token = self._peek()
        argument = token.kind == lexer.NODE_LINE and token.image[0] == "<"
        if argument or token.kind in (lexer.ARGUMENT_DEFINITION, lexer.ARGUMENT_REFERENCE):
            raise _Error(
                token,
                f"{number.image.strip()} must be a statement, not the argument "
                f"{token.image.strip().rstrip(':')}: a premise or conclusion is a statement",
            )
        if token.kind not in _NODE_START:
            raise _Error(token, f"{number.image.strip()} needs a statement after it")
        return self._node_head(contradiction=False)

    def _inference(self, argument: int, step: int) -> Inference:
        """An inference line; ``step`` is the index its conclusion will have."""
        start = self._next()
        rules: list[str] = []
        rule: list[str] = []
        data: dict[str, Any] = {}
        after = ""  # what the last token was: "", "rule", "," or "data"
        # A line break was read after the rules: as in Argdown, the rules are one line
        # (between `--` and `--` a line break may stand before them, after them and after
        # the data), so only the data or the closing `--` may follow it.
        rules_ended = False
        while True:
            token = self._next()
            kind = token.kind
            if kind == lexer.INFERENCE_END:
                if after == ",":
                    raise _Error(token, "a ',' in an inference line must be followed by a rule")
                break
            if rules_ended and kind in (lexer.LIST_DELIMITER, *_RULE_TOKENS):
                if not self._inference_ends():
                    raise _Error(start, _UNENDED_INFERENCE)
                raise _Error(
                    token,
                    "an inference line's rules are written on one line, separated by ',' "
                    "(as in '-- modus ponens, rule two --')",
                )
            if kind == lexer.NEWLINE and after == "rule":
                rules_ended = True
            if after == "data" and kind != lexer.NEWLINE:
                raise _Error(token, "an inference line's {data} comes last, after its rules")
            if after == "," and kind in (lexer.NEWLINE, lexer.DATA, lexer.LIST_DELIMITER):
                raise _Error(token, "a ',' in an inference line must be followed by a rule")
            if kind == lexer.LIST_DELIMITER:
                if after != "rule":
                    raise _Error(token, "an inference line's ',' must follow a rule")
                rules.append("".join(rule).strip())
                rule = []
                after = ","
            elif kind == lexer.DATA:
                data = self._data(token)
                after = "data"
            elif kind == lexer.ESCAPED:
                rule.append(token.image[1:])
                after = "rule"
            elif kind == lexer.SPECIAL:
                symbol = SHORTCODES.get(token.image.strip())
                rule.append(token.image if symbol is None else symbol + _trailing_space(token))
                after = "rule"
            elif kind == lexer.FREESTYLE:
                rule.append(token.image)
                after = "rule"
            elif kind != lexer.NEWLINE:
                raise _Error(start if kind == lexer.EOF else token, _UNENDED_INFERENCE)
        if rule or rules:
            rules.append("".join(rule).strip())
        end = self.tokens[self.i - 1].end
        if self._peek().kind != lexer.NEWLINE:
            raise _Error(self._peek(), "an inference line must be followed by its conclusion")
        self._next()
        inference = Inference(rules, data, self.source.span(start.start, end))
        if self._peek().kind == lexer.INDENT:
            self._relations(argument, (argument, step), only_undercuts=True)
        return inference

    def _inference_ends(self) -> bool:
        """Whether the inference line being read has its closing ``--`` in the block."""
        for token in self.tokens[self.i :]:
            if token.kind == lexer.INFERENCE_END:
                return True
            if token.kind in (lexer.EMPTYLINE, lexer.EOF):
                return False
        return False

    def _open_relations(self) -> None:
        indent = self._next()
        following = self._peek()
        if following.kind != lexer.RELATION:
            raise _Error(
                following if following.kind != lexer.EOF else indent,
                "an indented line under a statement must start with a relation marker "
                "(+, -, _, <+, <-, <_, +>, ->, _>, ><)",
            )

    def _node_head(self, contradiction: bool) -> int:
        token = self.tokens[self.i]
        kind = token.kind
        if kind == lexer.NODE_LINE:
            self.i += 1
            return self._node_line(token, contradiction)
        section = self.section_stack[-1].id if self.section_stack else None
        text: str | None = None
        plain: str | None = None
        tags: list[str] = []
        mentions: list[tuple[str, str]] = []
        links: list[tuple[str, str]] = []
        untitled = False
        is_reference = False
        if kind in (lexer.STATEMENT_DEFINITION, lexer.ARGUMENT_DEFINITION):
            self._next()
            node_type = STATEMENT if kind == lexer.STATEMENT_DEFINITION else ARGUMENT
            title = token.value
            if not title.isascii():
                title = self._same_title(title, token.start)
            if self._peek().kind not in CONTENT_TOKENS:
                raise _Error(self._peek(), f"'{token.image}' needs text after the colon")
            text, plain, tags, mentions, links = self._content()
        elif kind in (lexer.STATEMENT_REFERENCE, lexer.ARGUMENT_REFERENCE):
            self._next()
            node_type = STATEMENT if kind == lexer.STATEMENT_REFERENCE else ARGUMENT
            title = token.value
            if not title.isascii():
                title = self._same_title(title, token.start)
            is_reference = True
            seen = set(tags)  # a set: a reference may carry thousands of tags
            while self._peek().kind == lexer.TAG:
                tag = self._next().value
                if tag not in seen:
                    seen.add(tag)
                    tags.append(tag)
            following = self._peek()
            if following.kind in CONTENT_TOKENS and following.kind != lexer.NEWLINE:
                # Text after a title on its line: the colon that makes it a definition
                # is missing. (Argdown reads the same error; only the message differs.)
                written = token.image.strip()
                raise _Error(
                    following,
                    f"missing ':' after {written}: to give it its text, write "
                    f"'{written}: {_shorten(self._line_rest(following.start))}'",
                )
            if self._peek().kind == lexer.NEWLINE:
                self._next()
        elif kind in CONTENT_TOKENS:
            node_type = STATEMENT
            self.untitled += 1
            title = f"Untitled {self.untitled}"
            untitled = True
            self._untitled_hint(token)
            text, plain, tags, mentions, links = self._content()
        else:
            raise _Error(token, _unexpected(token))
        if contradiction and node_type == ARGUMENT:
            raise _Error(token, _CONTRADICTED_ARGUMENT)
        data: dict[str, Any] = {}
        if self._peek().kind == lexer.DATA:
            data = self._data(self._next())
            if self._peek().kind == lexer.NEWLINE:
                self._next()
        occurrence = Occurrence(
            node_type,
            title,
            untitled,
            is_reference,
            text,
            plain,
            _PENDING,
            section,
            tags,
            data,
            tuple(mentions),
            tuple(links),
        )
        return self._pending(occurrence, token.start, token.end)

    def _untitled_hint(self, token: lexer.Token) -> None:
        """Warn when an untitled statement starts as a title or a heading would, but is not
        one: ``[Title: text`` (no "]"), ``#1AC`` (no space after "#")."""
        image = token.image
        if token.kind == lexer.UNUSED and image.startswith("["):
            rest = self._line_rest(token.start + 1)
            title, colon, after = rest.partition(":")
            example = f"[{title.strip()}]: {_shorten(after.strip())}" if colon else f"[{rest}]"
            self._warn(
                token.start,
                token.start + 1 + len(rest),
                "'[' opens a title that is never closed, so this is read as a statement "
                f"without a title: close the title with ']', as in '{example}'",
                misread=True,
            )
            return
        text = self.source.text
        at_line_start = token.start == 0 or text[token.start - 1] in "\r\n"
        if at_line_start and image.startswith("#"):
            rest = self._line_rest(token.start)
            hashes = len(rest) - len(rest.lstrip("#"))
            self._warn(
                token.start,
                token.start + len(rest),
                f"'{_shorten(rest)}' is read as a tag on a statement, not as a heading: a "
                f"heading needs a space after '{rest[:hashes]}', as in "
                f"'{rest[:hashes]} {_shorten(rest[hashes:])}'",
                misread=True,
            )

    def _pending(self, occurrence: Occurrence, start: int, end: int) -> int:
        """Add an occurrence whose span is found at the end; return its index."""
        self.occurrences.append(occurrence)
        self.pending_occurrences.append(occurrence)
        self.occurrence_offsets.append((start, end))
        return len(self.occurrences) - 1

    def _plain_block(self, lines: list[lexer.Line]) -> bool:
        """Read a block straight from its lines if each is a plain line read whole (see
        lexer.NODE_LINE_PATTERN), the first a statement or argument and the others
        relations under it, nested as the tokens would nest them (see lexer.block_tokens);
        whether it was. Otherwise nothing is kept: the tokens read the block, and report
        what is wrong with it.
        """
        occurrences, relations = self.occurrences, self.relations
        first, first_relation = len(occurrences), len(relations)
        first_diagnostic = len(self.diagnostics)
        name, line_map = self.name, self.source.line_map
        section = self.section_stack[-1].id if self.section_stack else None
        plain_line = self._plain_line
        indents = [0]  # the width of each open level
        owners: list[int] = []  # for each open level, the line whose relations it holds
        child = -1  # the occurrence of the line before
        runs = [line for line in lines if line.kind != lexer.EMPTYLINE]  # the blank line ends it
        if any(run.matches is None for run in runs):
            return False  # a line that is not plain: the tokens read the block
        # The lines of a run follow each other; each is matched from its start, but the
        # first may start after a comment.
        plain = (
            (run.number + index, m.start() if index else run.start, m)
            for run in runs
            for index, m in enumerate(run.matches or ())
        )
        for number, line_start, m in plain:
            marker = m.group(2)
            if marker is None:
                if child >= 0:
                    break  # a second statement or argument: a missing blank line
            elif child < 0:
                break  # a relation with nothing above it: the tokens report it
            else:
                width = m.start(2) - m.start()
                if width > indents[-1]:
                    indents.append(width)
                    owners.append(child)
                else:
                    while len(indents) > 1 and width < indents[-1]:
                        indents.pop()
                        owners.pop()
                    if len(indents) == 1:
                        break  # no open level takes it
                relation, child_is_source = MARKERS[marker]
                if relation == "contradiction" and m.group(4) is not None:
                    break  # a contradicted argument
            child = plain_line(m, number, line_start, section)
            if marker is not None:
                parent = owners[-1]
                span = _span(
                    Span, (name, number, m.start(2) - line_start + 1, number, m.end(2) - line_start)
                )
                relations.append(
                    RelationOccurrence(
                        child if child_is_source else parent,
                        parent if child_is_source else child,
                        relation,
                        span if line_map is None else line_map.span(span),
                    )
                )
        else:
            self.previous_argument = self.block_argument
            root = occurrences[first]
            self.block_argument = first if root.type == ARGUMENT else None
            return True
        del occurrences[first:], relations[first_relation:], self.diagnostics[first_diagnostic:]
        return False

    def _plain_line(
        self,
        m: re.Match[str],
        number: int,
        line_start: int,
        section: str | None,
        data: dict[str, Any] | None = None,
    ) -> int:
        """Add the statement or argument of a plain line read whole (``m``, its match of
        lexer.NODE_LINE_PATTERN), line ``number`` that starts at offset ``line_start``, in
        ``section``; ``data`` is that of the next line, if the line has none; return its
        index."""
        _, _, statement, argument, colon, body, data_found = m.groups()
        if data_found is not None:
            simple = simple_data(data_found)
            data = simple if simple is not None else self._data_at(data_found, m.start(7))
        if statement is not None:
            node_type, title, start = STATEMENT, statement, m.start(3) - 1
        else:
            node_type, title, start = ARGUMENT, argument, m.start(4) - 1
        if not title.isascii():
            title = self._same_title(title, start)
        if not colon:
            text = None
        elif self.remove_tags and "#" in body:
            text = lexer.TAG_PATTERN.sub("", body).strip()
        else:
            text = body.strip()
        # A span from its fields, without NamedTuple's Python-level __new__ (see
        # SourceText.line_span).
        span = _span(
            Span, (self.name, number, start - line_start + 1, number, m.end(5) - line_start)
        )
        line_map = self.source.line_map
        self.occurrences.append(
            Occurrence(
                node_type,
                title,
                False,
                text is None,
                text,
                text,
                span if line_map is None else line_map.span(span),
                section,
                _tags(body) if "#" in body else [],
                {} if data is None else data,
            )
        )
        return len(self.occurrences) - 1

    def _node_line(self, token: lexer.Token, contradiction: bool) -> int:
        """A plain line read whole by the lexer's first line rule, read as its finer
        tokens would be; ``token`` is the NODE_LINE token, already stepped over."""
        m = token.match
        assert m is not None
        if contradiction and m.group(4) is not None:
            raise _Error(token, _CONTRADICTED_ARGUMENT)
        # The line's own break is not a token: the parser would step over it here.
        tokens = self.tokens
        data = None
        if m.group(7) is None and tokens[self.i].kind == lexer.DATA:
            # Data on the next line, as after a reference.
            data = self._data(tokens[self.i])
            self.i += 1
            if tokens[self.i].kind == lexer.NEWLINE:
                self.i += 1
        section = self.section_stack[-1].id if self.section_stack else None
        return self._plain_line(m, token.line_number, token.line_start, section, data)

    def _content(
        self,
    ) -> tuple[str, str, list[str], list[tuple[str, str]], list[tuple[str, str]]]:
        """Statement text up to data, relations or the end of the block.

        Returns the text with bold/italic markers, the text without them (Argdown's),
        tags, mentions and links, in order of appearance.
        """
        text: list[str] = []
        plain: list[str] = []
        tags: dict[str, None] = {}  # an ordered set of the tags, each once
        mentions: list[tuple[str, str]] = []
        links: list[tuple[str, str]] = []
        open_ranges: list[lexer.Token] = []
        tokens = self.tokens
        tail = ""  # the last non-empty piece of plain text
        while True:
            token = tokens[self.i]
            kind = token.kind
            if kind in (lexer.FREESTYLE, lexer.UNUSED):
                piece = token.image
                if piece[0] == "{" and _DATA_LIKE.match(self.source.text, token.start):
                    rest = self._line_rest(token.start)
                    self._warn(
                        token.start,
                        token.start + len(rest),
                        "'{' opens data that is never closed, so it is read as text: end "
                        f"it with '}}', as in '{_shorten(rest, 60)}}}'",
                        misread=True,
                    )
            elif kind == lexer.NEWLINE:
                # A line break inside text is one space; at the end of the text, nothing.
                piece = ""
                if tokens[self.i + 1].kind in CONTENT_TOKENS and not tail.endswith(" "):
                    piece = " "
            elif kind == lexer.ESCAPED:
                piece = token.image[1:]
            elif kind == lexer.SPECIAL:
                code = token.image.strip()
                symbol = SHORTCODES.get(code)
                piece = token.image if symbol is None else symbol + _trailing_space(token)
            elif kind == lexer.LINK:
                piece = token.value + _trailing_space(token)
                url = token.image[len(token.value) + 3 :].rstrip(" \t")[:-1]
                links.append((token.value, url))
            elif kind == lexer.TAG:
                piece = "" if self.remove_tags else token.image
                tags[token.value] = None
            elif kind in (lexer.STATEMENT_MENTION, lexer.ARGUMENT_MENTION):
                piece = token.image
                mentions.append(
                    (STATEMENT if kind == lexer.STATEMENT_MENTION else ARGUMENT, token.value)
                )
            elif kind in (lexer.BOLD_START, lexer.ITALIC_START):
                open_ranges.append(token)
                text.append(token.value)
                self.i += 1
                continue
            elif kind in (lexer.BOLD_END, lexer.ITALIC_END) and open_ranges:
                open_ranges.pop()
                text.append(token.value)
                piece = _trailing_space(token)
            else:
                if open_ranges:
                    opener = open_ranges[-1]
                    style = "bold" if opener.kind == lexer.BOLD_START else "italic"
                    raise _Error(
                        opener,
                        f"{style} text opened with '{opener.value}' is never closed; close it "
                        f"with '{opener.value}' or escape the character as '\\{opener.value[0]}'",
                    )
                break
            if piece:
                text.append(piece)
                plain.append(piece)
                tail = piece
            self.i += 1
        return "".join(text).strip(), "".join(plain).strip(), list(tags), mentions, links

    def _data(self, token: lexer.Token) -> dict[str, Any]:
        return self._data_at(token.image, token.start)

    def _data_at(self, image: str, start: int) -> dict[str, Any]:
        """The data block ``image`` found at offset ``start``; a problem is reported."""
        try:
            return load_data(image)
        except YamlProblem as problem:
            base = 1 if image[1:2] in ("\n", "\r") else 0
            offset = start + base + _offset_in(image[base:], problem.line, problem.column)
            offset = min(max(offset, start), start + len(image) - 1)
            self._report(self.source.span(offset, offset + 1), f"data: {problem}")
            return {}


# The span of an occurrence or relation until parse() sets it.
_PENDING = Span("", 0, 0, 0, 0)
_span = tuple.__new__
_UNENDED_INFERENCE = "an inference line that starts with '--' must end with '--'"
# The tokens an inference rule is read from.
_RULE_TOKENS = (lexer.ESCAPED, lexer.SPECIAL, lexer.FREESTYLE)
_CONTRADICTED_ARGUMENT = "a contradiction (><) relates statements, not arguments"
_NOT_AN_UNDERCUT = (
    "only an undercut ('<_' or '_') may stand under an inference line, not '{marker}': "
    "write other relations under the premise or conclusion they concern"
)


_LINE_END = re.compile(r"[\r\n]")
# "{" and a key with its colon: data, if it were closed.
_DATA_LIKE = re.compile(r"\{\s*[A-Za-z_][\w-]*\s*:")


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _written(title: str, bracket: str) -> str:
    return f"<{title}>" if bracket == "<" else f"[{title}]"


def _tags(body: str) -> list[str]:
    """The tags of a plain line's text, each once, in order."""
    found = lexer.TAG_PATTERN.findall(body)
    if len(found) < 2:  # most lines: no tag or one
        return [in_parentheses or name for in_parentheses, name in found]
    # A dict as an ordered set: a line may hold thousands of distinct tags.
    return list(dict.fromkeys(in_parentheses or name for in_parentheses, name in found))


def _trailing_space(token: lexer.Token) -> str:
    return " " if token.image.endswith(" ") else ""


def _offset_in(text: str, line: int, column: int) -> int:
    """Offset of a 0-based (line, column) within ``text``."""
    offset = 0
    for _ in range(line):
        nl = text.find("\n", offset)
        if nl < 0:
            break
        offset = nl + 1
    return min(offset + column, max(len(text) - 1, 0))


def _describe(token: lexer.Token) -> str:
    if token.kind == lexer.EOF:
        return "the end of the brief"
    if token.kind == lexer.INDENT:
        return "indentation"
    if token.kind == lexer.DEDENT:
        return "a line at a smaller indentation"
    image = token.image.strip()
    if len(image) > 40:
        image = image[:37] + "…"
    return f"'{image}'"


def _relation_at_column_0(token: lexer.Token) -> str:
    if token.image[:1] in (" ", "\t"):
        return (
            f"the indentation of relation '{token.value}' matches no open level: indent it "
            "like its siblings, or deeper than the line it relates to"
        )
    return (
        f"relation '{token.value}' at the start of a line: indent it under the statement "
        "or argument it relates to"
    )


def _unexpected(token: lexer.Token) -> str:
    if token.kind == lexer.DATA:
        return "data {…} must follow a statement, an argument or a heading"
    if token.kind in (lexer.BOLD_END, lexer.ITALIC_END):
        return f"'{token.value}' closes bold or italic text that was never opened"
    return f"unexpected {_describe(token)}"


def _unexpected_after_block(token: lexer.Token) -> str:
    if token.kind in _NODE_START or token.kind in (lexer.HEADING, lexer.FRONT_MATTER):
        return f"missing blank line: {_describe(token)} starts a new block"
    if token.kind == lexer.RELATION:
        return _relation_at_column_0(token)
    if token.kind == lexer.DATA:
        return "data {…} must directly follow the text it belongs to"
    if token.kind in (lexer.ORDERED_ITEM, lexer.UNORDERED_ITEM):
        return "missing blank line: a list starts a new block"
    if token.kind == lexer.INDENT:
        return "unexpected indentation: only relations (under a statement or argument) are indented"
    return f"unexpected {_describe(token)} after the end of the block"


def _unexpected_in_relations(token: lexer.Token) -> str:
    if token.kind in _NODE_START or token.kind == lexer.HEADING:
        return (
            f"missing blank line: {_describe(token)} starts a new block, but the relation "
            "list above has not ended"
        )
    if token.kind == lexer.INDENT:
        return "unexpected indentation"
    return _unexpected_after_block(token)
