"""The Argdown lexer: source text → lines → tokens, with Argdown's own precedence.

A brief is read once, line by line (:class:`Reader`). Each line is read by the first of
an ordered table of line rules that takes it — a plain statement or argument line read
whole (the fast rule, first), front matter, a line break or blank line, an inference
line, a relation marker, a heading, a statement number ``(n)``, a list item — and its
text by the inline token rules, which are only tried for the text of a line. The token
set and the order in which tokens are tried follow Argdown's lexer, so that a brief
splits into the same pieces as in Argdown's tools: comments first, then data, escapes,
shortcodes, line structure, relation markers and list items (only at the start of a
line), bold and italic markers, links, tags, titles, and finally free text.

Each :class:`Line` knows its number, its offsets and its indentation; the plain lines
read whole one after the other make one line object, a run, that keeps their matches
instead of tokens. :meth:`Reader.blocks` gives the lines a block at a
time. The relation tree follows the indentation of the lines, with a stack of widths (a
tab counts as one column): :func:`block_tokens` gives it as ``INDENT`` and ``DEDENT``
tokens, and the parser nests a block of plain lines the same way straight from its lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from argmap.source import SourceText
from argmap.unicode_sets import NOT_IN_FAST_LINES_CLASS

__all__ = [
    "BLOCK_END",
    "NODE_LINE_PATTERN",
    "TAG_CHARACTER",
    "TAG_PATTERN",
    "LexResult",
    "Line",
    "Reader",
    "Token",
    "plain_text",
    "tokenize",
]

# Token kinds.
FRONT_MATTER = "front-matter"
DATA = "data"
ESCAPED = "escaped"
SPECIAL = "special"
EMPTYLINE = "emptyline"
NEWLINE = "newline"
INDENT = "indent"
DEDENT = "dedent"
INFERENCE_START = "inference-start"
INFERENCE_END = "inference-end"
LIST_DELIMITER = "list-delimiter"
RELATION = "relation"
HEADING = "heading"
STATEMENT_NUMBER = "statement-number"
ORDERED_ITEM = "ordered-item"
UNORDERED_ITEM = "unordered-item"
BOLD_START = "bold-start"
BOLD_END = "bold-end"
ITALIC_START = "italic-start"
ITALIC_END = "italic-end"
LINK = "link"
TAG = "tag"
STATEMENT_DEFINITION = "statement-definition"
STATEMENT_REFERENCE = "statement-reference"
STATEMENT_MENTION = "statement-mention"
ARGUMENT_DEFINITION = "argument-definition"
ARGUMENT_REFERENCE = "argument-reference"
ARGUMENT_MENTION = "argument-mention"
FREESTYLE = "freestyle"
UNUSED = "unused-control-char"
EOF = "eof"
# A whole statement or argument written on one plain line (see ``tokenize``).
NODE_LINE = "node-line"

# What JavaScript's "." matches: anything but a line terminator.
_DOT = r"[^\n\r\u2028\u2029]"

_COMMENT_BODY = r"(?:<!--[\s\S]*?-->|/\*[\s\S]*?\*/|//[^\n\r]*(?=[\r\n]))"
_COMMENT = re.compile(_COMMENT_BODY)
# After a blank line a comment swallows every line break that follows it; after a single
# line break it swallows one more, unless a blank line follows (Argdown keeps that one).
_COMMENT_AFTER_EMPTYLINE = re.compile(_COMMENT_BODY + r"(?:[ \t]*\r\n|\n|\r)*")
_COMMENT_AFTER_NEWLINE = re.compile(
    _COMMENT_BODY + r"(?:[ \t]*(?:\r\n|\n|\r)(?![ \t]*(?:\r\n|\n|\r)))?"
)
_FRONT_MATTER = re.compile(r"===+[\s\S]*?===+")
_DATA = re.compile(r"\{(?:(?!\}\s[^,}])(?:" + _DOT + r"|\n))*\}(?!\s*(?:,|\}))")
_ESCAPED = re.compile(r"\\" + _DOT + r" *")
_SPECIAL = re.compile(r"\.\S+?\.[ \t]?|:\S+?:[ \t]?")
_EMPTYLINE = re.compile(r"(?:[ \t]*(?:\r\n|\n)){2,}")
_NEWLINE = re.compile(r"[ \t]*(?:\r\n|\n|\r)")
# The line break right after a line read whole, unless it starts a blank line: what
# _NEWLINE matches there when _EMPTYLINE does not.
_BREAK_AFTER_LINE = re.compile(r"(?:\r\n|\n)(?![ \t]*\r?\n)|\r(?!\n)")
_INFERENCE_START = re.compile(r"[ \t]*--")
_RELATION = re.compile(r"([ \t]*)(\+>|->|<?\+|<?-|><|_>|<_|_(?=\s))")
_HEADING = re.compile(r"(#+) ")
_STATEMENT_NUMBER = re.compile(r"[ \t]*\((\d+)\)")
_ORDERED_ITEM = re.compile(r"([ \t]*)\d+\.(?=\s)")
_UNORDERED_ITEM = re.compile(r"([ \t]*)\*(?=\s)")
_END_TAIL = r"(?:[ \t]|(?=[\n\r)}_.,!?;:*-]|\Z))"
_RANGE_ENDS = (
    ("**", BOLD_END, re.compile(r"\*\*" + _END_TAIL)),
    ("__", BOLD_END, re.compile(r"__" + _END_TAIL)),
    ("*", ITALIC_END, re.compile(r"\*" + _END_TAIL)),
    ("_", ITALIC_END, re.compile(r"_" + _END_TAIL)),
)
_RANGE_STARTS = (
    ("**", BOLD_START, re.compile(r"\*\*(?!\s)")),
    ("__", BOLD_START, re.compile(r"__(?!\s)")),
    ("*", ITALIC_START, re.compile(r"\*(?!\s)")),
    ("_", ITALIC_START, re.compile(r"_(?!\s)")),
)
_LINK = re.compile(r"\[([^\]]+?)\]\(([^)]+?)\)[ \t]?")
# A character of a tag name: Argdown's [a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]
# ("A-z", not "A-Z": it takes [\]^_` too), written as the characters it leaves out. Python
# compiles a class by visiting every code point of its ranges: this form spares it 60,000
# of them, some milliseconds at every start.
TAG_CHARACTER = r"[^\x00-,./:-@{-\x9f\ud800-\uf8ff\ufdd0-\ufdef\ufff0-\U0010ffff]"
TAG_PATTERN = re.compile(r"#(?:\(([^)]+)\)|(" + TAG_CHARACTER + r"+))[ \t]?")
_STATEMENT_DEFINITION = re.compile(r"\[(" + _DOT + r"+?)\]:")
_STATEMENT_REFERENCE = re.compile(r"\[([^-]" + _DOT + r"*?)\]")
_STATEMENT_MENTION = re.compile(r"@\[(" + _DOT + r"+?)\][ \t]?")
_ARGUMENT_DEFINITION = re.compile(r"<(" + _DOT + r"+?)>:")
_ARGUMENT_REFERENCE = re.compile(r"<([^-]" + _DOT + r"*?)>")
_ARGUMENT_MENTION = re.compile(r"@<(" + _DOT + r"+?)>[ \t]?")
_SPACES = re.compile(r"[ \t]+")
_FREESTYLE = re.compile(r"[^\\@#*_\[\],.:</>(){}\r\n;-]+")
_UNUSED = re.compile(r"[@#*_\[\],.:</>(){};-][ \t]?")
_INFERENCE_END = re.compile(r"-{2,}")
_INFERENCE_FREESTYLE = _FREESTYLE

# A line that is one plain statement or argument: optional indentation and relation
# marker, a title, then (for a definition) text made only of characters that are free
# text or punctuation to Argdown, and optional tags and `{…}` data. Such a line splits
# into tokens whose text is the line's own characters, so the parser can read it whole.
# Anything this does not match (emphasis, links, mentions, escapes, comments, shortcodes,
# line continuations…) goes through the token rules above.
# A title's first character keeps "<" from reading as "<+", "<-", "<_" or "<!--".
# No hidden character is part of a node line: the text of whole blocks is known to hold
# none (see SourceText.find_hidden_characters). Nor is a character beyond U+FFFF (see
# NOT_IN_FAST_LINES_CLASS for why).
_NOT_FAST = NOT_IN_FAST_LINES_CLASS
_TITLE = (
    r"[^-+_!\[\]<>\r\n\u2028\u2029" + _NOT_FAST + r"][^\[\]<>\r\n\u2028\u2029" + _NOT_FAST + r"]*"
)
NODE_LINE_PATTERN = re.compile(
    r"(?:([ \t]+)(\+>|->|<?\+|<?-|><|_>|<_|_(?=\s))[ \t]*)?"
    r"(?:\[(" + _TITLE + r")\]|<(" + _TITLE + r")>)(:?)"
    r"([^\\@*_\[\]<>{}/\t\r\n\u2028\u2029" + _NOT_FAST + r"]*)"
    # The data holds no brace, so _DATA ends at its "}" unless the next character that is
    # not white space is "," or "}" (then _DATA reads on: leave it to the token rules).
    r"(\{[^{}\[\]\r\n\u2028\u2029" + _NOT_FAST + r"]*\}(?!\s*[,}]))?"
    r" ?(?=\r\n|\n|\r|\Z)"
)
# What may follow the last line of a block read whole: a blank line, or only spaces to
# the end.
BLOCK_END = re.compile(r"(?:\r\n|\n)[ \t]*(?:\r\n|\n)|(?:\r\n|\n|\r)?[ \t]*\Z")
# Text that the token rules would not copy character for character: a space after
# punctuation is dropped when another follows ("  "), `.name.` and `:name:` may be
# shortcodes, "===" may open front matter, and a tag `#(…)` may run on to a later line.
_SHORTCODE_LIKE = re.compile(r"[.:]\S+[.:]")
_REFERENCE_TAIL = re.compile(r"(?: #" + TAG_CHARACTER + r"+)* ?")
# After a definition without data, the next line must not continue its text: it is
# blank, the end of the brief, a relation (not an inference line `--`), or a line that
# starts a statement of a premise–conclusion structure, `(n)`, or its inference, `--`.
_NOT_CONTINUED = re.compile(
    r"[ \t]*(?:"
    r"(?:\r\n|\n)[ \t]*(?:\r\n|\n|\Z)"
    r"|(?:\r\n|\n|\r)[ \t]*(?!--)(?:\+>|->|<?\+|<?-|><|_>|<_|_\s)"
    r"|(?:\r\n|\n|\r)[ \t]*(?:\(\d+\)|--)"
    r"|(?:\r\n|\n|\r)?[ \t]*\Z)"
)


@dataclass(slots=True)
class Token:
    """A token: its kind, its source text and its 0-based offsets ``[start, end)``.

    ``value`` carries what the parser needs beyond the image: a title, a tag name, a
    relation marker, a heading level or a link's text.
    """

    kind: str
    image: str
    start: int
    end: int
    value: str = ""
    # For a NODE_LINE token: its line's match of NODE_LINE_PATTERN.
    match: re.Match[str] | None = None
    # For a RELATION token: the NODE_LINE token of the rest of its line, if it is one.
    line: Token | None = None
    # For a NODE_LINE token: the number of its line and the offset where that starts (a
    # number, not the Line, which holds the token: no reference cycle to collect).
    line_number: int = 0
    line_start: int = 0


# Kinds of line, named by the line rule that reads each (see Reader): a line no rule
# reads is TEXT, read by the inline token rules alone. The lines the first rule reads
# whole, one after the other, make one PLAIN line (a run); on its own, each such line is
# NODE_LINE (a plain statement or argument) or RELATION (one under a marker).
TEXT = "text"
PLAIN = "plain"
# A line's ``indent`` when it does not take part in the relation tree.
NO_NESTING = -1

_LINE_START = frozenset({"", NEWLINE, EMPTYLINE})


@dataclass(slots=True)
class Line:
    """One line of a brief, as the line rules read it.

    ``number`` is its 1-based number in the brief and ``start`` the offset of its first
    character (column 1); ``content`` is the offset where its indentation ends (comments
    before it are skipped) and ``end`` where its last token ends (its line break not
    counted). ``indent`` is the width that places the line in the relation tree: the
    indentation before a relation marker (one more for a list item, which may start at
    column 0), 0 for a line that closes every level (a statement number or an inference
    line), :data:`NO_NESTING` for any other line.

    A logical line may run over several lines of text: an inference line goes on to its
    closing ``--``, and a comment, data, a link or a tag may hold line breaks. ``tokens``
    are the line's tokens, its line break last (a ``NEWLINE``, but for a line read whole,
    whose break is no token); a blank line is one ``EMPTYLINE`` token.

    A :data:`PLAIN` line is a run of lines read whole, numbered from ``number`` on:
    ``matches`` holds the match of NODE_LINE_PATTERN of each, and it has no tokens (see
    :func:`physical_lines`). A reader takes what it needs from the matches: one object
    for a run rather than one for each of its lines (most lines are such lines) took the
    parse of a 100,000-statement brief from 2.20 to 2.04 s of CPU.
    """

    kind: str
    number: int
    start: int
    content: int
    end: int
    indent: int
    tokens: list[Token]
    matches: list[re.Match[str]] | None = None

    @property
    def whole(self) -> bool:
        """Whether the first rule read the line whole: plain statements or arguments."""
        return self.matches is not None


@dataclass(slots=True)
class LexResult:
    tokens: list[Token]
    # (start, end, message) for problems found while lexing, such as an unclosed comment.
    problems: list[tuple[int, int, str]] = field(default_factory=list)
    # (start, end, message) for text read otherwise than it looks: a web address whose
    # "//" starts a comment.
    hints: list[tuple[int, int, str]] = field(default_factory=list)


def tokenize(text: str, node_lines: bool = False) -> LexResult:
    """Split Argdown source into tokens (comments and spaces are skipped).

    With ``node_lines``, a line that holds one plain statement or argument becomes a
    single ``NODE_LINE`` token: the title as ``value`` and the line's ``match`` (its text,
    tags and data); on a relation line it hangs from the ``RELATION`` token (``line``) instead
    of following it, and the line break after it is not a token. The parser reads these
    exactly as it reads the finer tokens, in a fraction of the time.
    """
    reader = Reader(SourceText(text, keep_bom=True), node_lines)
    tokens = [token for block in reader.blocks() for token in block_tokens(block, reader.text)]
    return LexResult(tokens, reader.problems, reader.hints)


def physical_lines(line: Line) -> Iterator[Line]:
    """The lines of text of a :data:`PLAIN` run, each with one token (see
    :func:`_match_token`); any other line as it is."""
    matches = line.matches
    if matches is None:
        yield line
        return
    for index, m in enumerate(matches):
        number = line.number + index
        # Each line of a run is matched from its start, but the first may start after a
        # comment.
        start = line.start if index == 0 else m.start()
        token = _match_token(m, number, start)
        content = m.start(2)
        if content < 0:
            yield Line(NODE_LINE, number, start, m.start(), m.end(), NO_NESTING, [token], [m])
        else:
            indent = content - m.start()
            yield Line(RELATION, number, start, content, m.end(), indent, [token], [m])


def _match_token(m: re.Match[str], number: int, line_start: int) -> Token:
    """The first token of a plain line matched by NODE_LINE_PATTERN (``m``), on line
    ``number`` that starts at ``line_start``: its ``RELATION`` token, or the ``NODE_LINE``
    token itself."""
    text = m.string
    marker, statement, argument = m.group(2, 3, 4)
    start = m.start(3 if statement is not None else 4) - 1
    end = m.end(5)
    node = Token(NODE_LINE, text[start:end], start, end, statement or argument, m)
    node.line_number, node.line_start = number, line_start
    if marker is None:
        return node
    pos = m.start()
    end = m.end(2)
    return Token(RELATION, text[pos:end], pos, end, marker, line=node)


def block_tokens(lines: list[Line], text: str) -> list[Token]:
    """The tokens of a block's lines (see :meth:`Reader.blocks`), with the ``INDENT``
    and ``DEDENT`` tokens of its relation tree.

    Indentation is a stack of widths (a tab counts as one column): a line indented deeper
    than the open level opens a new one (an ``INDENT`` token before its own); a shallower
    line closes levels (a ``DEDENT`` each) until its width is not less than the open
    level's. A statement number, an inference line and the blank line that ends the
    block close every level; the levels still open at the end of the brief (``text``)
    close there.
    """
    text_end = len(text)
    indents = [0]
    block: list[Token] = []
    for line in (physical for run in lines for physical in physical_lines(run)):
        tokens = line.tokens
        indent = 0 if line.kind == EMPTYLINE else line.indent
        if indent > indents[-1]:
            indents.append(indent)
            start = tokens[0].start
            block.append(Token(INDENT, text[start : line.content], start, line.content))
        elif indent >= 0 and len(indents) > 1:
            start = tokens[0].start
            while len(indents) > 1 and indent < indents[-1]:
                indents.pop()
                block.append(Token(DEDENT, "", start, start))
        block.extend(tokens)
    while len(indents) > 1:
        indents.pop()
        block.append(Token(DEDENT, "", text_end, text_end))
    return block


class Reader:
    """Reads a brief line by line: each line by the first of an ordered table of line
    rules that takes it, then its text by the inline token rules.

    The line rules, in order: a plain statement or argument line read whole (the fast
    rule, left out without ``node_lines``), front matter, a blank line or a line break,
    an inference line's start ``--``, a relation marker, a heading, a statement number
    ``(n)`` and an ordered or unordered list item. Comments before a line are skipped
    first; a line no rule takes is read by the inline rules alone. Inline, the token set
    and the order in which tokens are tried follow Argdown's lexer (comments, data,
    escapes, shortcodes, line breaks, bold and italic markers, links, titles, tags,
    mentions and finally free text), and some state runs on from line to line: bold or
    italic text left open, and an inference line until its closing ``--``.

    :meth:`lines` gives the lines; :meth:`blocks` the lines a block at a time (see
    :func:`block_tokens` for their tokens and relation tree). Problems (an unclosed comment)
    go to ``problems`` and hints (see :func:`address_hint`) to ``hints``, as (start, end,
    message); ``clear`` gets the [start, end) offsets of the text of lines read whole,
    which holds no hidden character.
    """

    def __init__(self, source: SourceText, node_lines: bool = True) -> None:
        self.source = source
        self.text = source.text
        self.problems: list[tuple[int, int, str]] = []
        self.hints: list[tuple[int, int, str]] = []
        self.clear: list[tuple[int, int]] = []
        self.node_lines = node_lines
        self.pos = 0
        self.last_kind = ""  # kind of the last token read ("" before the first)
        self.last_end = -1  # where that token ends
        self.ranges: list[str] = []  # bold and italic markers left open
        self.inference = False  # inside an inference line, before its closing "--"
        self.line: Line | None = None  # the line being read
        # Where the line after a plain line starts, and its number.
        self.next_start = -1
        self.next_number = 0
        self.done: list[Line] = []  # lines read to their end, not yet handed out
        # The line rules, in the order they are tried at the start of a line, each with
        # the characters a line it takes can start with. Each reads the start of a line
        # (the first, whole lines) and says whether it took it.
        rules: list[tuple[Callable[[str], bool], str]] = [
            (self._plain_lines, "[< \t"),
            (self._front_matter, "="),
            (self._break, " \t\r\n"),
            (self._inference_start, "- \t"),
            (self._relation, "+-<>_ \t"),
            (self._heading, "#"),
            (self._statement_number, "( \t"),
            (self._list_item, "0123456789* \t"),
        ]
        if not node_lines:
            del rules[0]
        # The rules to try for each first character, in their order: a line is offered
        # only to the rules that can take it (a numbered statement of a premise–conclusion
        # structure is offered to one rule, not to seven).
        self.rules: dict[str, list[Callable[[str], bool]]] = {}
        for rule, first in rules:
            for char in first:
                self.rules.setdefault(char, []).append(rule)

    # -- reading --------------------------------------------------------------------------

    def _add(self, kind: str, image: str, start: int, end: int, value: str = "") -> Token:
        """Add a token to the line being read (starting one if there is none)."""
        token = Token(kind, image, start, end, value)
        self._add_token(token)
        return token

    def _add_token(self, token: Token) -> None:
        line = self.line
        if token.kind == EMPTYLINE and line is not None:
            # A blank line is a line of its own: the line before it ends here.
            line.end = self._end_of(line)
            self.done.append(line)
            line = None
        if line is None:
            start = token.start
            number, column = self.source.position(start)
            line = Line(TEXT, number, start - column + 1, start, start, NO_NESTING, [])
            self.line = line
        line.tokens.append(token)
        self.last_kind = token.kind
        self.last_end = token.end

    def _take(self, pattern: re.Pattern[str], kind: str, group: int = 0) -> re.Match[str] | None:
        """Match ``pattern`` here; if it matches, add its token and step over it."""
        m = pattern.match(self.text, self.pos)
        if m is not None:
            self._add(kind, m.group(0), self.pos, m.end(), m.group(group) if group else "")
            self.pos = m.end()
        return m

    def lines(self) -> Iterator[Line]:
        """The lines of the brief, in order (each line of a :data:`PLAIN` run on its own)."""
        for run in self._runs():
            for line in run:
                yield from physical_lines(line)

    def _runs(self) -> Iterator[list[Line]]:
        """The lines of the brief, in order, a run at a time: the lines a rule read (a run
        of plain lines, read by the first) or the line just ended. A blank line ends its
        run (it is never followed in one)."""
        text = self.text
        n = len(text)
        rules = self.rules
        while self.pos < n:
            ch = text[self.pos]
            if self.last_kind in _LINE_START and not self.inference:
                if (ch == "/" or ch == "<") and self._comment():
                    continue
                for rule in rules.get(ch, ()):
                    if rule(ch):
                        break
                else:
                    self._inline(ch)
            elif (ch == "/" or ch == "<") and self._comment():
                continue
            elif self.inference:
                self._inference_token()
            else:
                self._inline(ch)
            if self.done:
                yield self.done
                self.done = []
            line = self.line
            if line is not None and self.last_kind in _LINE_START and not self.inference:
                # The line ends with its line break (or is a blank line).
                self.line = None
                line.end = self._end_of(line)
                yield [line]
        if self.line is not None:
            line, self.line = self.line, None
            line.end = self._end_of(line)
            yield [line]

    @staticmethod
    def _end_of(line: Line) -> int:
        """Where the last token of a line ends, its line break not counted."""
        tokens = line.tokens
        if not tokens:
            return line.end  # a line read whole: set by the rule that read it
        last = tokens[-1]
        if last.kind == NEWLINE or last.kind == EMPTYLINE:
            return tokens[-2].end if len(tokens) > 1 else last.start
        if last.kind == NODE_LINE or last.line is not None:
            return line.end  # set by the rule that read it whole
        return last.end

    def blocks(self) -> Iterator[list[Line]]:
        """The lines of the brief a block at a time, so that a reader need not hold them
        all: each block but the last ends with the blank line that ends it. A blank line
        at the end ends no block: it is left out. See :func:`block_tokens` for the tokens
        of a block, with its relation tree.
        """
        n = len(self.text)
        block: list[Line] = []
        for run in self._runs():
            line = run[-1]
            if line.kind != EMPTYLINE:
                block.extend(run)
            elif line.tokens[0].end != n:  # a blank line, the last line of its run
                block.extend(run)
                yield block
                block = []
            else:
                block.extend(run[:-1])
        yield block

    def _comment(self) -> bool:
        """Skip a comment here; whether there was one. After a blank line a comment
        swallows every line break that follows it; after a single line break it
        swallows one more, unless a blank line follows (Argdown keeps that one)."""
        text, pos = self.text, self.pos
        if self.last_kind == EMPTYLINE:
            m = _COMMENT_AFTER_EMPTYLINE.match(text, pos)
        elif self.last_kind == NEWLINE:
            m = _COMMENT_AFTER_NEWLINE.match(text, pos)
        else:
            m = _COMMENT.match(text, pos)
        if m:
            if text.startswith("//", pos):
                hint = address_hint(text, pos)
                if hint is not None:
                    self.hints.append(hint)
            self.pos = m.end()
            return True
        if text.startswith("/*", pos) or text.startswith("<!--", pos):
            n = len(text)
            self.problems.append((pos, n, "unterminated comment: it runs to the end of the file"))
            self.pos = n
            return True
        return False

    # -- the line rules ---------------------------------------------------------------------

    def _plain_lines(self, ch: str) -> bool:
        """The first rule: lines that are each one plain statement or argument (see
        NODE_LINE_PATTERN), read whole, as many as follow each other (most lines are such
        lines); whether there was one. They make one :data:`PLAIN` line, a run, that keeps
        the match of each and no tokens (see :func:`physical_lines`). The line break after
        each is read here and is not a token: after a node line the parser has nothing to
        do with it (unless it starts a blank line: that is a line of its own). A run ends
        at a blank line, so it is never longer than a block.
        """
        if ch not in "[< \t" or self.ranges:
            return False
        text = self.text
        n = len(text)
        match = NODE_LINE_PATTERN.match
        pos = self.pos
        matches: list[re.Match[str]] = []
        # Where the line after the run starts; -1 when a blank line or the end follows.
        following_start = -1
        m = match(text, pos)
        while m is not None:
            colon, body, data = m.group(5, 6, 7)
            if not plain_text(colon, body, data):
                break
            after = m.end()
            # The next line, if it is one too: then the line break before it is one that
            # _BREAK_AFTER_LINE takes (that line is not blank), and it is known that a
            # definition's text does not go on to it when it is a relation.
            following = None
            if after < n:
                following = match(text, after + (2 if text.startswith("\r\n", after) else 1))
            if (
                colon
                and data is None
                and (following is None or following.start(2) < 0)
                and _NOT_CONTINUED.match(text, after) is None
            ):
                break  # a definition whose text goes on to the next line
            matches.append(m)
            if following is None:
                newline = _BREAK_AFTER_LINE.match(text, after)
                # None: a blank line or the end of the brief follows, and ends the run.
                following_start = -1 if newline is None else newline.end()
                break
            following_start = following.start()
            m = following
        if not matches:
            return False
        if pos == self.next_start:
            number, line_start = self.next_number, pos
        else:
            number, column = self.source.position(pos)
            line_start = pos - column + 1
        last = matches[-1]
        end = last.end()
        run = Line(PLAIN, number, line_start, pos, end, NO_NESTING, [], matches)
        self._clear(pos, end)  # the lines read hold no hidden character, nor the breaks
        last_kind = NODE_LINE if last.start(2) < 0 else RELATION
        self.last_end = last.end(5) if last_kind == NODE_LINE else last.end(2)
        if following_start < 0:
            self.line = run  # the blank line (or the end of the brief) that follows ends it
            self.pos = end
            self.last_kind = last_kind
            return True
        self.done.append(run)
        self.pos = self.next_start = following_start
        self.next_number = number + len(matches)
        self.last_kind = NEWLINE
        return True

    def _plain_line(self) -> bool:
        """The statement of a premise–conclusion structure after its ``(n)``, if it is a
        plain one, read whole as by :meth:`_plain_lines`."""
        text, pos = self.text, self.pos
        m = NODE_LINE_PATTERN.match(text, pos)
        if m is None or not _plain_match(text, m):
            return False
        line = self.line
        assert line is not None
        token = _match_token(m, line.number, line.start)
        line.tokens.append(token)
        line.end = after = m.end()
        self._clear(pos, after)
        self.last_kind, self.last_end = token.kind, token.end
        newline = _BREAK_AFTER_LINE.match(text, after)
        if newline is None:
            self.pos = after
        else:
            self.last_kind = NEWLINE
            self.pos = self.next_start = newline.end()
            self.next_number = line.number + 1
        return True

    def _clear(self, start: int, end: int) -> None:
        """Note text read whole, which holds no hidden character."""
        clear = self.clear
        if clear and clear[-1][1] + 2 >= start:  # only a line break between them
            clear[-1] = (clear[-1][0], end)
        else:
            clear.append((start, end))

    def _front_matter(self, ch: str) -> bool:
        return ch == "=" and self._take(_FRONT_MATTER, FRONT_MATTER) is not None

    def _break(self, ch: str) -> bool:
        """A blank line (two line breaks or more) or a line break, with the spaces before."""
        if ch not in " \t\r\n":
            return False
        text, pos = self.text, self.pos
        if self.last_kind != EMPTYLINE:
            m = _EMPTYLINE.match(text, pos)
            if m:
                self._add(EMPTYLINE, m.group(0), pos, m.end())
                self.pos = m.end()
                assert self.line is not None
                self.line.kind = EMPTYLINE
                return True
        return self._take(_NEWLINE, NEWLINE) is not None

    def _inference_start(self, ch: str) -> bool:
        if self.last_kind == EMPTYLINE or (ch != "-" and ch != " " and ch != "\t"):
            return False
        if self._take(_INFERENCE_START, INFERENCE_START) is None:
            return False
        self.inference = True
        self._nests(0)
        return True

    def _relation(self, ch: str) -> bool:
        m = self._take(_RELATION, RELATION, 2)
        if m is None:
            return False
        self._nests(len(m.group(1)), m.start(2))
        return True

    def _heading(self, ch: str) -> bool:
        if ch != "#":
            return False
        m = _HEADING.match(self.text, self.pos)
        if m is None:
            return False
        self._add(HEADING, m.group(0), self.pos, m.end(), str(len(m.group(1))))
        self.pos = m.end()
        assert self.line is not None
        self.line.kind = HEADING
        return True

    def _statement_number(self, ch: str) -> bool:
        """A statement number ``(n)``, and the statement after it if that is a plain one,
        read whole as by :meth:`_plain_line`."""
        if self._take(_STATEMENT_NUMBER, STATEMENT_NUMBER, 1) is None:
            return False
        self._nests(0)
        if self.node_lines and not self.ranges:
            text, pos = self.text, self.pos
            spaces = _SPACES.match(text, pos)
            if spaces is not None:
                pos = spaces.end()
            if text.startswith(("[", "<"), pos):
                if spaces is not None:
                    self.pos = pos
                self._plain_line()
        return True

    def _list_item(self, ch: str) -> bool:
        for pattern, kind in ((_ORDERED_ITEM, ORDERED_ITEM), (_UNORDERED_ITEM, UNORDERED_ITEM)):
            m = self._take(pattern, kind)
            if m is not None:
                # List items may start at column 0, so their width counts one more than
                # the indentation: the first level is always an indent.
                self._nests(len(m.group(1)) + 1, m.start() + len(m.group(1)))
                return True
        return False

    def _nests(self, indent: int, content: int | None = None) -> None:
        """Mark the line just started by a rule as one that places itself in the relation
        tree with ``indent`` (0: it closes every level)."""
        line = self.line
        assert line is not None
        line.kind = line.tokens[0].kind
        line.indent = indent
        line.content = line.start if content is None else content

    # -- inline ---------------------------------------------------------------------------

    def _inline(self, ch: str) -> None:
        """One token of a line's text (or spaces, skipped)."""
        text, pos = self.text, self.pos
        m = None
        kind = ""
        value = ""
        if ch == "=":
            m = _FRONT_MATTER.match(text, pos)
            kind = FRONT_MATTER
        elif ch == "{":
            m = _DATA.match(text, pos) if text.find("}", pos) > 0 else None
            kind = DATA
        elif ch == "\\":
            m = _ESCAPED.match(text, pos)
            kind = ESCAPED
        elif ch == "." or ch == ":":
            m = _SPECIAL.match(text, pos)
            kind = SPECIAL
        if m is None and ch in " \t\r\n" and self._break(ch):
            return
        if m is None and (ch == "*" or ch == "_"):
            ranges = self.ranges
            # Ends of bold and italic ranges are tried before starts, after any token
            # (Argdown's lexer would refuse an end after skipped spaces or a comment,
            # but it keeps no skipped token to look at, so it never does).
            if ranges and self.last_kind:
                for marker, end_kind, pattern in _RANGE_ENDS:
                    if ranges[-1] == marker:
                        m = pattern.match(text, pos)
                        if m:
                            ranges.pop()
                            kind, value = end_kind, marker
                            break
            if m is None:
                for marker, start_kind, pattern in _RANGE_STARTS:
                    m = pattern.match(text, pos)
                    if m:
                        ranges.append(marker)
                        kind, value = start_kind, marker
                        break
        if m is None and ch == "[":
            m = _LINK.match(text, pos)
            if m:
                kind, value = LINK, m.group(1)
            else:
                m = _STATEMENT_DEFINITION.match(text, pos)
                if m:
                    kind, value = STATEMENT_DEFINITION, m.group(1)
                else:
                    m = _STATEMENT_REFERENCE.match(text, pos)
                    if m:
                        kind, value = STATEMENT_REFERENCE, m.group(1)
        elif m is None and ch == "#":
            m = TAG_PATTERN.match(text, pos)
            if m:
                kind, value = TAG, m.group(1) or m.group(2)
        elif m is None and ch == "@":
            m = _STATEMENT_MENTION.match(text, pos)
            if m:
                kind, value = STATEMENT_MENTION, m.group(1)
            else:
                m = _ARGUMENT_MENTION.match(text, pos)
                if m:
                    kind, value = ARGUMENT_MENTION, m.group(1)
        elif m is None and ch == "<":
            m = _ARGUMENT_DEFINITION.match(text, pos)
            if m:
                kind, value = ARGUMENT_DEFINITION, m.group(1)
            else:
                m = _ARGUMENT_REFERENCE.match(text, pos)
                if m:
                    kind, value = ARGUMENT_REFERENCE, m.group(1)
        if m is None:
            if ch == " " or ch == "\t":
                m = _SPACES.match(text, pos)
                assert m is not None
                self.pos = m.end()
                return
            m = _FREESTYLE.match(text, pos)
            kind = FREESTYLE
            if m is None:
                m = _UNUSED.match(text, pos)
                kind = UNUSED
            if m is None:
                # A character no Argdown token takes (a lone backslash at a line's end):
                # keep it as text rather than lose it.
                self._add(FREESTYLE, ch, pos, pos + 1)
                self.pos = pos + 1
                return
        self._add(kind, m.group(0), pos, m.end(), value)
        self.pos = m.end()

    def _inference_token(self) -> None:
        """One token of an inference line (``-- rule, rule {data} --``), or spaces."""
        token, self.pos = _lex_inference(self.text, self.pos)
        if token is None:
            return
        if token.kind == INFERENCE_END:
            self.inference = False
        self._add_token(token)


def _plain_match(text: str, line: re.Match[str]) -> bool:
    """Whether a line matched by NODE_LINE_PATTERN is one that the token rules would read
    character for character (a plain statement or argument line)."""
    colon, body, data = line.group(5, 6, 7)
    return plain_text(colon, body, data) and (
        # A definition's text goes on to the next line unless that is blank, a relation
        # or the end of the brief.
        not colon or data is not None or _NOT_CONTINUED.match(text, line.end()) is not None
    )


# A web address's scheme, right before its "//": "https:" in "See https://…".
_SCHEME_BEFORE = re.compile(r"(?<![\w.+-])[A-Za-z][A-Za-z0-9+.-]*:$")
_ADDRESS_REST = re.compile(r"[^\s]*")


def address_hint(text: str, pos: int) -> tuple[int, int, str] | None:
    """A web address cut by the comment that its ``//`` (at ``pos``) starts, as Argdown
    cuts it: (start, end, what to write instead); None if no address ends at ``pos``."""
    scheme = _SCHEME_BEFORE.search(text, max(0, pos - 40), pos)
    if scheme is None:
        return None
    rest = _ADDRESS_REST.match(text, pos + 2)
    assert rest is not None
    # Punctuation that ends a sentence is not part of the address.
    path = rest.group(0).rstrip(".,;:!?)'\"")
    if not path:
        return None
    name = scheme.group(0)
    address = f"{name}//{path}"
    host = path.split("/", 1)[0]
    return (
        scheme.start(),
        pos + 2 + len(path),
        f"'//' starts a comment, so the text stops at '{name}' and the rest of the line is "
        f"dropped: write the address as a link, [{host}]({address}), or escape its "
        f"slashes, {name}\\/\\/{path}",
    )


def _is_verbatim(text: str) -> bool:
    # Looking for one character is several times faster than looking for two or three:
    # "===" and "#(" are first looked for by a character of theirs that text seldom holds.
    return (
        "  " not in text
        and ("=" not in text or "===" not in text)
        and ("(" not in text or "#(" not in text)
        # A shortcode-like piece has two of "." and ":"; most sentences have one ".".
        and ((":" not in text and text.count(".") < 2) or _SHORTCODE_LIKE.search(text) is None)
    )


def plain_text(colon: str, body: str, data: str | None) -> bool:
    """Whether the token rules would read a node line's text and data (the last three
    groups of NODE_LINE_PATTERN) character for character, as far as the line itself tells."""
    if colon:
        if not body or body.isspace() or not _is_verbatim(body):
            return False
    elif not _REFERENCE_TAIL.fullmatch(body):
        return False
    # A shortcode may run from the text into the data when no space separates them.
    return (
        data is None
        or not body
        or body[-1] == " "
        or _is_verbatim(body[body.rfind(" ") + 1 :] + data)
    )


def _lex_inference(text: str, pos: int) -> tuple[Token | None, int]:
    """One token of an inference line (``-- rule, rule {data} --``); None when skipped."""
    ch = text[pos]
    for pattern, kind in (
        (_NEWLINE, NEWLINE),
        (_ESCAPED, ESCAPED),
        (_SPECIAL, SPECIAL),
        (_INFERENCE_END, INFERENCE_END),
        (_DATA, DATA),
    ):
        m = pattern.match(text, pos)
        if m:
            return Token(kind, m.group(0), pos, m.end()), m.end()
    if ch == ",":
        return Token(LIST_DELIMITER, ch, pos, pos + 1), pos + 1
    if ch == " " or ch == "\t":
        m = _SPACES.match(text, pos)
        assert m is not None
        return None, m.end()
    m = _INFERENCE_FREESTYLE.match(text, pos) or _UNUSED.match(text, pos)
    if m:
        return Token(FREESTYLE, m.group(0), pos, m.end()), m.end()
    return Token(FREESTYLE, ch, pos, pos + 1), pos + 1
