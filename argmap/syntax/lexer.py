"""The Argdown lexer: source text → tokens, with Argdown's own precedence and indentation.

The token set and the order in which tokens are tried follow Argdown's lexer, so that a
brief splits into the same pieces as in Argdown's tools: comments first, then data,
escapes, shortcodes, line structure, relation markers and list items (only at the start
of a line), bold and italic markers, links, tags, titles, and finally free text.
Indentation is tracked with a stack of widths (a tab counts as one column); relation
and list lines emit ``INDENT``/``DEDENT`` tokens as they widen or narrow it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from argmap.unicode_sets import NOT_IN_FAST_LINES_CLASS

__all__ = [
    "BLOCK_END",
    "NODE_LINE_PATTERN",
    "TAG_CHARACTER",
    "TAG_PATTERN",
    "LexResult",
    "Token",
    "plain_text",
    "token_batches",
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
# A whole block of such lines: a statement or argument and its relation tree.
NODE_BLOCK = "node-block"

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
    # For a NODE_LINE token: the rest of the line after the title (text and tags), and
    # the line's `{…}` data with its offset, if it has any.
    body: str = ""
    data: str = ""
    data_start: int = 0
    # For a RELATION token: the NODE_LINE token of the rest of its line, if it is one.
    line: Token | None = None


@dataclass(slots=True)
class LexResult:
    tokens: list[Token]
    # (start, end, message) for problems found while lexing, such as an unclosed comment.
    problems: list[tuple[int, int, str]] = field(default_factory=list)
    # (start, end, message) for text read otherwise than it looks: a web address whose
    # "//" starts a comment.
    hints: list[tuple[int, int, str]] = field(default_factory=list)


_LINE_START = frozenset({NEWLINE, EMPTYLINE})
_BLOCK_START = frozenset({"", EMPTYLINE})


def tokenize(text: str, node_lines: bool = False) -> LexResult:
    """Split Argdown source into tokens (comments and spaces are skipped).

    With ``node_lines``, a line that holds one plain statement or argument becomes a
    single ``NODE_LINE`` token: the title as ``value``, the text and tags as ``body``, and
    its data; on a relation line it hangs from the ``RELATION`` token (``line``) instead
    of following it, and the line break after it is not a token. The parser reads these
    exactly as it reads the finer tokens, in a fraction of the time.
    """
    problems: list[tuple[int, int, str]] = []
    hints: list[tuple[int, int, str]] = []
    tokens = [
        token for batch in token_batches(text, problems, node_lines, hints=hints) for token in batch
    ]
    return LexResult(tokens, problems, hints)


def token_batches(
    text: str,
    problems: list[tuple[int, int, str]],
    node_lines: bool = False,
    read_block: Callable[[int], int | None] | None = None,
    hints: list[tuple[int, int, str]] | None = None,
) -> Iterator[list[Token]]:
    """The tokens of :func:`tokenize`, a block at a time, so that a reader need not hold
    them all: each batch but the last ends with the ``EMPTYLINE`` that ends its block.
    Problems are appended to ``problems`` as they are found.

    With ``node_lines``, ``read_block`` is offered the offset of every block that starts
    with ``[`` or ``<``: it reads the block whole if it can and returns the offset where
    the block's last line ends, or None to leave the block to the tokens. A block read
    whole is one ``NODE_BLOCK`` token (the reader already has what it holds).

    ``hints``, if given, gets (start, end, message) for text that Argdown reads otherwise
    than it looks (see :func:`address_hint`).
    """
    tokens: list[Token] = []
    indents = [0]
    ranges: list[str] = []
    append = tokens.append
    n = len(text)
    pos = 0
    last_kind = ""  # kind of the last emitted token ("" before the first)
    last_skipped_end = -1  # end of the last skipped span (spaces or comment)
    inference = False
    handed = 0  # how many of the tokens kept are handed out already (the last blank line)

    def dedent_all(at: int) -> None:
        while len(indents) > 1:
            indents.pop()
            append(Token(DEDENT, "", at, at))

    def indent_to(width: int, at: int, end: int) -> None:
        if width > indents[-1]:
            indents.append(width)
            append(Token(INDENT, text[at:end], at, end))
            return
        while len(indents) > 1 and width < indents[-1]:
            indents.pop()
            append(Token(DEDENT, "", at, at))

    while pos < n:
        if last_kind == EMPTYLINE and len(tokens) > handed:
            # A blank line ends a block: hand out the block and the blank line before
            # reading on (a reader offered the next block has read this one). The blank
            # line stays, as the last token, for the rules that look back at it.
            yield tokens[handed:]
            del tokens[:-1]
            handed = 1
        ch = text[pos]
        at_line_start = not tokens or last_kind in _LINE_START

        # A plain line, or the statement of a premise–conclusion structure after its (n).
        statement_after_number = last_kind == STATEMENT_NUMBER and ch in "[<"
        if (
            node_lines
            and (at_line_start or statement_after_number)
            and not inference
            and not ranges
            and ch in "[< \t"
        ):
            read_to: int | None = None  # where the block or line read whole ends
            if read_block is not None and last_kind in _BLOCK_START and ch in "[<":
                read_to = read_block(pos)
            if read_to is not None:
                append(Token(NODE_BLOCK, "", pos, read_to))
                last_kind = NODE_BLOCK
            else:
                line = NODE_LINE_PATTERN.match(text, pos)
                if line is not None and _is_plain(text, line):
                    last_kind = _node_line(text, pos, line, append, indents[-1], indent_to)
                    read_to = line.end()
            if read_to is not None:
                pos = read_to
                # The line break, unless it starts a blank line (the rules below see to
                # that), is read here and not handed out: after a node line the parser
                # has nothing to do with it.
                newline = _NEWLINE.match(text, pos)
                if newline is not None and _EMPTYLINE.match(text, pos) is None:
                    last_kind = NEWLINE
                    pos = newline.end()
                continue

        # Comments come first in every mode.
        if ch == "/" or ch == "<":
            if last_kind == EMPTYLINE:
                m = _COMMENT_AFTER_EMPTYLINE.match(text, pos)
            elif last_kind == NEWLINE:
                m = _COMMENT_AFTER_NEWLINE.match(text, pos)
            else:
                m = _COMMENT.match(text, pos)
            if m:
                if hints is not None and text.startswith("//", pos):
                    hint = address_hint(text, pos)
                    if hint is not None:
                        hints.append(hint)
                pos = last_skipped_end = m.end()
                continue
            if text.startswith("/*", pos) or text.startswith("<!--", pos):
                problems.append((pos, n, "unterminated comment: it runs to the end of the file"))
                pos = last_skipped_end = n
                break

        if inference:
            inferred, pos = _lex_inference(text, pos)
            if inferred is None:
                last_skipped_end = pos
                continue
            if inferred.kind == INFERENCE_END:
                inference = False
            append(inferred)
            last_kind = inferred.kind
            continue

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
        if m is None and (ch in " \t\r\n"):
            if last_kind != EMPTYLINE:
                m = _EMPTYLINE.match(text, pos)
                if m:
                    if m.end() < n:
                        dedent_all(pos)
                    kind = EMPTYLINE
            if m is None:
                m = _NEWLINE.match(text, pos)
                kind = NEWLINE
        if m is None and at_line_start:
            m, kind, value = _lex_line_start(text, pos, tokens, last_kind, indent_to, dedent_all)
            if kind == INFERENCE_START:
                inference = True
        if m is None and (ch == "*" or ch == "_"):
            # Ends of bold and italic ranges are tried before starts, and only directly
            # after the text they close (not after skipped whitespace).
            if ranges and tokens and last_skipped_end <= tokens[-1].end:
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
                pos = last_skipped_end = m.end()
                continue
            m = _FREESTYLE.match(text, pos)
            kind = FREESTYLE
            if m is None:
                m = _UNUSED.match(text, pos)
                kind = UNUSED
            if m is None:
                # A character no Argdown token takes (a lone backslash at a line's end):
                # keep it as text rather than lose it.
                append(Token(FREESTYLE, ch, pos, pos + 1))
                last_kind = FREESTYLE
                pos += 1
                continue
        end = m.end()
        append(Token(kind, m.group(0), pos, end, value))
        last_kind = kind
        pos = end

    if len(tokens) > handed and tokens[-1].kind == EMPTYLINE:
        tokens.pop()  # a blank line at the end ends no block
    dedent_all(n)
    yield tokens[handed:]


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


def _node_line(
    text: str,
    pos: int,
    line: re.Match[str],
    append: Callable[[Token], None],
    level: int,
    indent_to: Callable[[int, int, int], None],
) -> str:
    """Append the tokens of a plain node line; return the kind of the last one."""
    indentation, marker, statement, argument, _, body, data = line.groups()
    title = statement if statement is not None else argument
    start = line.start(3 if statement is not None else 4) - 1
    end = line.end(5)
    token = Token(NODE_LINE, text[start:end], start, end, title, body)
    if data is not None:
        token.data = data
        token.data_start = line.start(7)
    if marker is None:
        append(token)
        return NODE_LINE
    end = line.end(2)
    if len(indentation) != level:
        indent_to(len(indentation), pos, end - len(marker))
    append(Token(RELATION, text[pos:end], pos, end, marker, line=token))
    return RELATION


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


def _is_plain(text: str, line: re.Match[str]) -> bool:
    """Whether the token rules would read this node line character for character."""
    _, _, _, _, colon, body, data = line.groups()
    if not plain_text(colon, body, data):
        return False
    # A definition's text goes on to the next line unless that is blank, a relation or
    # the end of the brief.
    return not colon or data is not None or _NOT_CONTINUED.match(text, line.end()) is not None


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


def _lex_line_start(
    text: str,
    pos: int,
    tokens: list[Token],
    last_kind: str,
    indent_to: Callable[[int, int, int], None],
    dedent_all: Callable[[int], None],
) -> tuple[re.Match[str] | None, str, str]:
    """Tokens that only exist at the start of a line: inference starts, relation markers,
    headings, statement numbers and list items."""
    if not tokens or last_kind == NEWLINE:
        m = _INFERENCE_START.match(text, pos)
        if m:
            dedent_all(pos)
            return m, INFERENCE_START, ""
    m = _RELATION.match(text, pos)
    if m:
        indent_to(len(m.group(1)), pos, m.start(2))
        return m, RELATION, m.group(2)
    m = _HEADING.match(text, pos)
    if m:
        return m, HEADING, str(len(m.group(1)))
    m = _STATEMENT_NUMBER.match(text, pos)
    if m:
        dedent_all(pos)
        return m, STATEMENT_NUMBER, m.group(1)
    for pattern, kind in ((_ORDERED_ITEM, ORDERED_ITEM), (_UNORDERED_ITEM, UNORDERED_ITEM)):
        m = pattern.match(text, pos)
        if m:
            # List items may start at column 0, so their width counts one more than the
            # indentation: the first level is always an indent.
            indent_to(len(m.group(1)) + 1, pos, pos + len(m.group(1)))
            return m, kind, ""
    return None, "", ""


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
