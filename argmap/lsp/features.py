"""What the language server answers, as functions of open documents.

Each function takes :class:`~argmap.lsp.document.Document` snapshots and the request's
position and returns the protocol's answer (lsprotocol types); the server only routes
requests to them. Positions are converted by :class:`~argmap.lsp.positions.Lines`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from lsprotocol import types

from argmap.diagnostics import Diagnostic, Severity
from argmap.lsp.document import DEFINITION, MENTION, TAG, Document, Mark
from argmap.lsp.positions import Lines
from argmap.model import ArgumentMap, Node
from argmap.rules.base import Rule
from argmap.source import Span

__all__ = [
    "code_actions",
    "completion",
    "definition",
    "diagnostics",
    "document_symbols",
    "folding_ranges",
    "formatting",
    "highlights",
    "hover",
    "prepare_rename",
    "references",
    "rename",
    "uri_of",
]

SOURCE = "argmap"
_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
# Lines of a node's `trace` a hover shows, and cards it names.
HOVER_TRACE_LINES = 6
HOVER_CARDS = 3


def uri_of(file: str) -> str:
    """The URI of a file named in a span (absolute, or relative to the working folder)."""
    return Path(file).absolute().as_uri()


def _lines_for(doc: Document, file: str) -> Lines | None:
    """The lines of the file ``file``: the document's own, or a file it includes."""
    if file == doc.name:
        return doc.lines
    if doc.analysis is None:
        return None
    source = doc.analysis.map.sources.get(file)
    return None if source is None else Lines(source.text, doc.lines.encoding)


def _location(doc: Document, span: Span) -> types.Location | None:
    lines = _lines_for(doc, span.file)
    if lines is None:
        return None
    uri = doc.uri if span.file == doc.name else uri_of(span.file)
    return types.Location(uri=uri, range=lines.range(span))


# -- diagnostics -------------------------------------------------------------------------


def diagnostics(doc: Document) -> list[types.Diagnostic]:
    """The findings of ``argmap check`` about the document's own file, as the editor shows
    them: code, severity, the rule's documentation, and the places they point at."""
    if doc.analysis is None:
        # The brief cannot be read at all (argmap check exits 2): say why at its start.
        start = types.Position(line=0, character=0)
        return [
            types.Diagnostic(
                range=types.Range(start=start, end=start),
                message=doc.error or "the brief cannot be read",
                severity=types.DiagnosticSeverity.Error,
                source=SOURCE,
            )
        ]
    return [
        _diagnostic(doc, finding)
        for finding in doc.analysis.findings
        if finding.span.file == doc.name
    ]


def _diagnostic(doc: Document, finding: Diagnostic) -> types.Diagnostic:
    from argmap.views.ci_formats import rule_url

    rule = _rule(finding.code)
    return types.Diagnostic(
        range=doc.lines.range(finding.span),
        message=finding.message,
        severity=_SEVERITIES[finding.severity],
        code=finding.code,
        code_description=None if rule is None else types.CodeDescription(href=rule_url(rule)),
        source=SOURCE,
        related_information=_related(doc, finding) or None,
        data={"rule": finding.rule, "node": finding.node},
    )


def _rule(code: str) -> Rule | None:
    from argmap.rules import RULES

    return RULES.get(code)


def _related(doc: Document, finding: Diagnostic) -> list[types.DiagnosticRelatedInformation]:
    """The places a finding points at: those it names (another definition, the other
    references), the other claims of a circle, and where its node is defined."""
    assert doc.analysis is not None
    amap = doc.analysis.map
    places: list[tuple[Span, str]] = [(span, _related_message(finding)) for span in finding.related]
    if finding.rule == "circular-support":
        for node in _circle(amap, finding):
            places.append((node.span, f"{node.label} is in the circle"))
    if finding.node is not None and finding.node in amap:
        node = amap.node(finding.node)
        if node.is_defined and node.span != finding.span:
            places.append((node.span, f"{node.label} is defined here"))
    result = []
    for span, message in places:
        location = _location(doc, span)
        if location is not None:
            result.append(types.DiagnosticRelatedInformation(location=location, message=message))
    return result


def _related_message(finding: Diagnostic) -> str:
    if finding.rule == "conflicting-definition":
        return "the first definition"
    if finding.rule == "undefined-reference":
        return "referenced here too"
    return "related place"


def _circle(amap: ArgumentMap, finding: Diagnostic) -> list[Node]:
    """The claims a circular-support finding names after its own node, in order: the
    message writes the circle as ``[A] supports [B] supports [A]``."""
    path = finding.message.split(": ", 1)[-1].split(" (", 1)[0]
    found: list[Node] = []
    for label in path.split(" supports ")[1:-1]:
        node = amap.find(label)
        if node is not None and node.id != finding.node:
            found.append(node)
    return found


# -- hover ---------------------------------------------------------------------------------


def _node_at(doc: Document, position: types.Position) -> tuple[Mark, Node | None] | None:
    line, column = doc.lines.column(position)
    mark = doc.mark_at(line, column)
    if mark is None or mark.how == TAG:
        return None
    amap = doc.analysis.map if doc.analysis is not None else None
    node = amap.node(mark.node) if amap is not None and mark.node in amap else None
    return mark, node


def hover(doc: Document, position: types.Position) -> types.Hover | None:
    """A title's node: its verdict, kind, the evidence's citation, and its trace."""
    found = _node_at(doc, position)
    if found is None:
        return None
    mark, node = found
    if node is None or doc.analysis is None:
        return None
    from argmap.explain import explain
    from argmap.views.trace import explanation_lines

    analysis = doc.analysis
    amap, evaluation = analysis.map, analysis.evaluation
    verdict = evaluation.verdicts.get(node.id)
    kind = "evidence" if node.is_evidence else "argument" if node.type == "argument" else "claim"
    if node.id in {thesis.id for thesis in amap.theses}:
        kind = f"thesis, {kind}"
    head = f"**{_escape(node.label)}** · {kind}"
    if verdict is not None:
        head += f" · verdict **{verdict.value}** (standard: {evaluation.standard.value})"
    parts = [head]
    if node.text:
        parts.append(_escape(node.text))
    if node.is_evidence:
        parts.append("cite: " + _escape(node.citation or "no citation"))
    else:
        # The cards its chains of support end in, and what they cite.
        ends = dict.fromkeys(chain[-1] for chain in explain(amap, evaluation, node.id).chains)
        cards = [amap.node(end) for end in ends if amap.node(end).is_evidence]
        for card in cards[:HOVER_CARDS]:
            cite = card.citation or "no citation"
            parts.append(f"evidence: {_escape(card.label)}, cite: {_escape(cite)}")
        if len(cards) > HOVER_CARDS:
            parts.append(f"and {len(cards) - HOVER_CARDS} more cards")
    trace = explanation_lines(amap, evaluation, node.id)
    if len(trace) > HOVER_TRACE_LINES:
        more = len(trace) - HOVER_TRACE_LINES
        trace = [*trace[:HOVER_TRACE_LINES], f"… {more} more (argmap trace)"]
    text = "\n".join(trace)
    # A fence longer than any run of backticks in what it holds.
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", text))])
    parts.append(f"{fence}text\n{text}\n{fence}")
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n".join(parts)),
        range=doc.lines.range(mark.span),
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|])")


def _escape(text: str) -> str:
    """Text shown as itself in Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


# -- definition, references, highlights, rename -------------------------------------------


def definition(
    doc: Document,
    position: types.Position,
    others: Callable[[], Iterable[Document]] = tuple,
) -> list[types.Location]:
    """Where the title at ``position`` is defined: in this document or one it includes,
    else in ``others()`` (the briefs it shares a map with); a title defined nowhere goes
    to where it is first written."""
    found = _node_at(doc, position)
    if found is None:
        return []
    mark, node = found
    own = [m for m in doc.marks_of(mark.node) if m.how == DEFINITION]
    if own:
        return [types.Location(uri=doc.uri, range=doc.lines.range(m.span)) for m in own]
    if node is not None and node.is_defined:
        spans = [o.span for o in node.occurrences if not o.is_reference]
        return [location for span in spans if (location := _location(doc, span)) is not None]
    elsewhere = [
        types.Location(uri=other.uri, range=other.lines.range(m.span))
        for other in others()
        for m in other.marks_of(mark.node)
        if m.how == DEFINITION
    ]
    if elsewhere or node is None:
        return elsewhere
    return [location for location in [_location(doc, node.span)] if location is not None]


def references(
    doc: Document, position: types.Position, others: Iterable[Document], declaration: bool
) -> list[types.Location]:
    """Every place the title at ``position`` is written, in this document and in
    ``others`` (the briefs of its folder)."""
    found = _node_at(doc, position)
    if found is None:
        return []
    node = found[0].node
    return [
        types.Location(uri=each.uri, range=each.lines.range(mark.span))
        for each in [doc, *others]
        for mark in each.marks_of(node)
        if declaration or mark.how != DEFINITION
    ]


def highlights(doc: Document, position: types.Position) -> list[types.DocumentHighlight]:
    """The places in this document where the title at ``position`` is written."""
    found = _node_at(doc, position)
    if found is None:
        return []
    return [
        types.DocumentHighlight(
            range=doc.lines.range(mark.span),
            kind=types.DocumentHighlightKind.Write
            if mark.how == DEFINITION
            else types.DocumentHighlightKind.Read,
        )
        for mark in doc.marks_of(found[0].node)
    ]


def prepare_rename(doc: Document, position: types.Position) -> types.Range | None:
    found = _node_at(doc, position)
    return None if found is None else doc.lines.range(found[0].span)


class RenameError(ValueError):
    """A new title that cannot be written, or that another node already has."""


def rename(
    doc: Document, position: types.Position, new_title: str, others: Iterable[Document]
) -> types.WorkspaceEdit | None:
    """Write ``new_title`` wherever the title at ``position`` is written: definitions,
    references and mentions, in this document and in ``others``."""
    found = _node_at(doc, position)
    if found is None:
        return None
    mark = found[0]
    node_type, _, old_title = mark.node.partition(":")
    opening, closing = ("[", "]") if node_type == "statement" else ("<", ">")
    shown = f"{opening}{new_title}{closing}"
    if not _writable(node_type, new_title):
        raise RenameError(
            f"{shown} would not be read as a title: a title is not empty, holds "
            f"no {closing!r} or line break, and does not start with '-'"
        )
    if new_title == old_title:
        return None
    everyone = [doc, *others]
    new_id = f"{node_type}:{new_title}"
    for each in everyone:
        known = each.analysis is not None and new_id in each.analysis.map
        if known or any(m.node == new_id for m in each.marks):
            raise RenameError(f"{shown} is already written in {Path(each.name).name}")
    changes: dict[str, list[types.TextEdit]] = {}
    for each in everyone:
        edits = [
            types.TextEdit(range=each.lines.range(m.span), new_text=new_title)
            for m in each.marks_of(mark.node)
        ]
        if edits:
            changes[each.uri] = edits
    return types.WorkspaceEdit(changes=changes)


def _writable(node_type: str, title: str) -> bool:
    """Whether ``title`` reads back as itself in a definition, a reference and a mention:
    the lexer, not a pattern of our own, says what a title may hold."""
    from argmap.syntax import lexer

    if not title.strip():
        return False
    opening, closing = ("[", "]") if node_type == "statement" else ("<", ">")
    kinds = (
        ("definition", f"{opening}{title}{closing}: x"),
        ("reference", f"  + {opening}{title}{closing}"),
        ("mention", f"x @{opening}{title}{closing}"),
    )
    for how, text in kinds:
        wanted = f"{node_type}-{how}"
        tokens = [t for t in lexer.tokenize(text).tokens if t.kind == wanted]
        if len(tokens) != 1 or tokens[0].value != title:
            return False
    return True


# -- completion ----------------------------------------------------------------------------

# What is typed before the cursor: an opened title ("[", "<", "@[", "@<") or a tag ("#").
_OPEN_TITLE = re.compile(r"(@?)([\[<])([^\[\]<>]*)\Z")
_OPEN_TAG = re.compile(r"(?:^|(?<=\s))#([^\s#{}\[\]<>]*)\Z")
# Tags every brief may use, whether or not this one does yet.
_KNOWN_TAGS = ("thesis", "evidence", "card")
# Completions sent at most: a brief of 100,000 titles would be megabytes of them.
MAX_COMPLETIONS = 200


def completion(doc: Document, position: types.Position) -> types.CompletionList:
    """Titles after ``[``, ``<``, ``@[`` and ``@<``; tags after ``#``. Those that hold
    what is typed so far, in the brief's order; at most :data:`MAX_COMPLETIONS`, and then
    the list is marked incomplete, for the editor to ask again as more is typed."""
    items: list[types.CompletionItem] = []
    amap = doc.analysis.map if doc.analysis is not None else None
    if amap is None:
        return types.CompletionList(is_incomplete=False, items=items)
    line, column = doc.lines.column(position)
    here = doc.lines.position(line, column)  # within the line, as the edits must be
    before = doc.lines.line_text(line - 1)[: column - 1]
    after = doc.lines.line_text(line - 1)[column - 1 :]
    opened = _OPEN_TITLE.search(before)
    tagged = None if opened is not None else _OPEN_TAG.search(before)
    typed = opened.group(3) if opened is not None else tagged.group(1) if tagged else ""
    wanted = typed.casefold()
    start = doc.lines.position(line, column - len(typed))
    where = types.Range(start=start, end=here)
    complete = True
    if opened is not None:
        node_type = "statement" if opened.group(2) == "[" else "argument"
        closing = "]" if node_type == "statement" else ">"
        close = "" if after.startswith(closing) else closing
        for node in amap.nodes:
            # An untitled statement's title is made up by the reader: nothing refers to it.
            if node.type != node_type or node.untitled or node.title == typed:
                continue
            if wanted not in node.title.casefold():
                continue
            if len(items) == MAX_COMPLETIONS:
                complete = False
                break
            items.append(
                types.CompletionItem(
                    label=node.title,
                    kind=types.CompletionItemKind.Reference
                    if node.type == "argument"
                    else types.CompletionItemKind.Text,
                    detail=_kind(node),
                    documentation=node.text,
                    text_edit=types.TextEdit(range=where, new_text=node.title + close),
                    filter_text=node.title,
                )
            )
    elif tagged is not None:
        tags = dict.fromkeys(_KNOWN_TAGS)
        for node in amap.nodes:
            tags.update(dict.fromkeys(node.tags))
        for section in amap.sections:
            tags.update(dict.fromkeys(section.tags))
        for tag in tags:
            if tag == typed or wanted not in tag.casefold():
                continue
            if len(items) == MAX_COMPLETIONS:
                complete = False
                break
            written = tag if re.fullmatch(r"[\w-]+", tag) else f"({tag})"
            items.append(
                types.CompletionItem(
                    label=tag,
                    kind=types.CompletionItemKind.Keyword,
                    text_edit=types.TextEdit(range=where, new_text=written),
                )
            )
    return types.CompletionList(is_incomplete=not complete, items=items)


def _kind(node: Node) -> str:
    if node.type == "argument":
        return "argument"
    return "evidence" if node.is_evidence else "claim"


# -- symbols and folding -------------------------------------------------------------------


def document_symbols(doc: Document) -> list[types.DocumentSymbol]:
    """Sections (nested as their headings are), and in each the theses, arguments and
    statements defined there, at their first definition in this document."""
    if doc.analysis is None:
        return []
    amap = doc.analysis.map
    theses = {node.id for node in amap.theses}
    lines = doc.lines
    sections = [s for s in amap.sections if s.span.file == doc.name]
    ends = _section_ends(doc, [(s.span.line, s.level) for s in sections])
    top: list[types.DocumentSymbol] = []
    # Each section's symbol and the list of what it holds, filled in as found.
    held: dict[str, list[types.DocumentSymbol]] = {}
    for section, end in zip(sections, ends, strict=True):
        inside: list[types.DocumentSymbol] = []
        symbol = types.DocumentSymbol(
            name=section.title or "(untitled section)",
            kind=types.SymbolKind.Namespace,
            range=lines.line_range(section.span.line, end),
            selection_range=lines.range(section.span),
            children=inside,
        )
        held.get(section.parent or "", top).append(symbol)
        held[section.id] = inside
    for node in amap.nodes:
        definition = next(
            (o for o in node.occurrences if not o.is_reference and o.span.file == doc.name), None
        )
        if definition is None:
            continue
        if node.id in theses:
            kind, detail = types.SymbolKind.Class, "thesis"
        elif node.type == "argument":
            kind, detail = types.SymbolKind.Function, "argument"
        elif node.is_evidence:
            kind, detail = types.SymbolKind.Constant, "evidence"
        else:
            kind, detail = types.SymbolKind.Field, "claim"
        verdict = doc.analysis.evaluation.verdicts.get(node.id)
        if verdict is not None:
            detail += f" · {verdict.value}"
        span = definition.span
        symbol = types.DocumentSymbol(
            name=node.label,
            detail=detail,
            kind=kind,
            range=lines.line_range(span.line, span.end_line),
            selection_range=lines.range(span),
        )
        held.get(definition.section or "", top).append(symbol)
    # In the order of the document: a section's subsections were listed before its nodes.
    for symbols in (top, *held.values()):
        symbols.sort(key=lambda symbol: (symbol.range.start.line, symbol.range.start.character))
    return top


def _section_ends(doc: Document, headings: list[tuple[int, int]]) -> list[int]:
    """The last line of each section, given its heading's (line, level): the line before
    the next heading at its level or above, else the document's last line."""
    last = doc.lines.end().line + 1
    ends = []
    for index, (_, level) in enumerate(headings):
        end = last
        for line, other in headings[index + 1 :]:
            if other <= level:
                end = line - 1
                break
        ends.append(end)
    return ends


def folding_ranges(doc: Document) -> list[types.FoldingRange]:
    """Sections, the front matter, and each block of lines between blank lines."""
    lines = doc.lines
    count = lines.end().line + 1
    result: list[types.FoldingRange] = []
    if doc.analysis is not None:
        amap = doc.analysis.map
        span = amap.front_matter_span
        if span is not None and span.file == doc.name and span.end_line > span.line:
            result.append(_fold(span.line, span.end_line, types.FoldingRangeKind.Imports))
        sections = [s for s in amap.sections if s.span.file == doc.name]
        ends = _section_ends(doc, [(s.span.line, s.level) for s in sections])
        for section, end in zip(sections, ends, strict=True):
            while end > section.span.line and not lines.line_text(end - 1).strip():
                end -= 1  # a section's fold stops at its last line of text
            if end > section.span.line:
                result.append(_fold(section.span.line, end, types.FoldingRangeKind.Region))
    start: int | None = None
    for number in range(1, count + 2):
        blank = number > count or not lines.line_text(number - 1).strip()
        if not blank and start is None:
            start = number
        elif blank and start is not None:
            if number - 1 > start:
                result.append(_fold(start, number - 1, None))
            start = None
    return result


def _fold(first: int, last: int, kind: types.FoldingRangeKind | None) -> types.FoldingRange:
    return types.FoldingRange(start_line=first - 1, end_line=last - 1, kind=kind)


# -- formatting ----------------------------------------------------------------------------


def formatting(doc: Document) -> list[types.TextEdit] | str:
    """The ``argmap fmt`` layout as one edit of the whole document, or why there is none
    (``fmt`` keeps a layout only when the brief means the same graph after it)."""
    from argmap.formatter import FormatError, format_brief

    try:
        formatted = format_brief(doc.text, doc.name)
    except FormatError as error:
        return str(error)
    if doc.text.startswith("\ufeff"):
        formatted = "\ufeff" + formatted
    if formatted == doc.text:
        return []
    whole = types.Range(start=types.Position(line=0, character=0), end=doc.lines.end())
    return [types.TextEdit(range=whole, new_text=formatted)]


# -- code actions --------------------------------------------------------------------------


def code_actions(doc: Document, wanted: types.Range) -> list[types.CodeAction]:
    """Quick fixes argmap can make safely for the findings in ``wanted``: the title a
    misspelt one was meant to be, ``#evidence`` for a claim marked wrongly or an
    unsupported leaf, a ``{cite: …}`` stub for evidence without one, quotes for a YAML
    value that needs them."""
    if doc.analysis is None:
        return []
    actions: list[types.CodeAction] = []
    for finding in doc.analysis.findings:
        if finding.span.file != doc.name:
            continue
        where = doc.lines.range(finding.span)
        if not _overlaps(where, wanted):
            continue
        shown = _diagnostic(doc, finding)
        for title, edits in _fixes(doc, finding):
            actions.append(
                types.CodeAction(
                    title=title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[shown],
                    edit=types.WorkspaceEdit(changes={doc.uri: edits}),
                    is_preferred=not actions or None,
                )
            )
    return actions


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _fixes(doc: Document, finding: Diagnostic) -> Iterator[tuple[str, list[types.TextEdit]]]:
    if "did you mean " in finding.message and finding.rule in (
        "undefined-reference",
        "undefined-mention",
    ):
        yield from _did_you_mean(doc, finding)
    elif finding.rule == "evidence-lookalike":
        yield from _evidence_lookalike(doc, finding)
    elif finding.rule == "unsupported-claim":
        yield from _mark_evidence(doc, finding)
    elif finding.rule == "missing-citation":
        yield from _cite_stub(doc, finding)
    elif finding.rule == "syntax-error" and _QUOTING.search(finding.message):
        yield from _quote_value(doc, finding)


def _did_you_mean(doc: Document, finding: Diagnostic) -> Iterator[tuple[str, list[types.TextEdit]]]:
    """Replace the misspelt title with each title the message suggests (the finding's
    own suggestions: the same search, the same order)."""
    from argmap.visible import visible

    assert doc.analysis is not None
    mark = doc.mark_at(finding.span.line, finding.span.column + 2)
    if mark is None or mark.how == TAG:
        return
    node_type = mark.node.partition(":")[0]
    brackets = "[]" if node_type == "statement" else "<>"
    suggested = finding.message.split("did you mean ", 1)[1]
    suggested = suggested.split("?", 1)[0]
    shown = {
        f"{brackets[0]}{visible(node.title)}{brackets[1]}": node.title
        for node in doc.analysis.map.nodes
        if node.type == node_type
    }
    for written in suggested.split(" or "):
        title = shown.get(written)
        if title is None:
            continue
        label = f"{brackets[0]}{title}{brackets[1]}"
        prefix = "@" if mark.how == MENTION else ""
        yield (
            f"Replace with {prefix}{label}",
            [types.TextEdit(range=doc.lines.range(mark.span), new_text=title)],
        )


def _evidence_lookalike(
    doc: Document, finding: Diagnostic
) -> Iterator[tuple[str, list[types.TextEdit]]]:
    """``#Evidence`` → ``#evidence``; ``… (Roe 2021).`` → ``… . {cite: "Roe 2021"}``."""
    tag = re.match(r"#(\S+) is not #(evidence|card)\b", finding.message)
    if tag is not None:
        written = _written(doc, finding.span)
        if written == f"#{tag.group(1)}":
            yield (
                f"Write #{tag.group(2)}",
                [types.TextEdit(range=doc.lines.range(finding.span), new_text=f"#{tag.group(2)}")],
            )
        return
    cite = re.search(r"write it as data, (\{cite: \"[^\"]*\"\})$", finding.message)
    node = _finding_node(doc, finding)
    if cite is None or node is None or finding.span.line != finding.span.end_line:
        return
    definition = _definition_line(doc, node)
    if definition is None or definition != finding.span.line or _data_on(doc, definition):
        return
    text = doc.lines.line_text(definition - 1)
    start, end = finding.span.column - 1, finding.span.end_column
    # The citation and the space before it go; the data goes at the end of the line.
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    end_of_line = doc.content_end(definition)
    yield (
        f"Write the citation as data, {cite.group(1)}",
        [
            types.TextEdit(
                range=types.Range(
                    start=doc.lines.position(definition, start + 1),
                    end=doc.lines.position(definition, end + 1),
                ),
                new_text="",
            ),
            types.TextEdit(range=_at(doc, definition, end_of_line), new_text=" " + cite.group(1)),
        ],
    )


def _mark_evidence(
    doc: Document, finding: Diagnostic
) -> Iterator[tuple[str, list[types.TextEdit]]]:
    """``#evidence`` at the end of an unsupported statement's text, when nothing supports
    it: a leaf of the map is where a card goes."""
    node = _finding_node(doc, finding)
    if node is None or node.type != "statement" or doc.analysis is None:
        return
    adjacency = doc.analysis.map.adjacency
    if adjacency.supporters[adjacency.number[node.id]]:
        return
    line = _definition_line(doc, node)
    if line is None:
        return
    yield (f"Mark {node.label} as evidence (#evidence)", [_append(doc, line, "#evidence")])


def _cite_stub(doc: Document, finding: Diagnostic) -> Iterator[tuple[str, list[types.TextEdit]]]:
    """A ``{cite: ""}`` to fill in, in the definition's data or as new data."""
    node = _finding_node(doc, finding)
    if node is None:
        return
    line = _definition_line(doc, node)
    if line is None:
        return
    data = _data_on(doc, line)
    if data is None:
        yield (f'Add {{cite: ""}} to {node.label}', [_append(doc, line, '{cite: ""}', data=False)])
        return
    if data.line != data.end_line:
        return
    yield (
        f'Add cite: "" to the data of {node.label}',
        [types.TextEdit(range=_at(doc, line, data.column + 1), new_text='cite: "", ')],
    )


# The message of a value YAML cannot read unquoted (argmap.syntax.yamldata), which shows
# the value quoted.
_QUOTING = re.compile(
    r"the value of (?P<key>.+?) .*?(?:; put the value in quotes|; close the quote): "
    r"(?P<shown>.*)\Z",
    re.DOTALL,
)


def _quote_value(doc: Document, finding: Diagnostic) -> Iterator[tuple[str, list[types.TextEdit]]]:
    """The quoted value the message shows, in place of the value as written."""
    match = _QUOTING.search(finding.message)
    if match is None:
        return
    key, shown = match.group("key"), match.group("shown")
    line, column = finding.span.line, finding.span.column
    text = doc.lines.line_text(line - 1)
    data = _data_on(doc, line)
    if shown.startswith("{") and data is not None and data.line == data.end_line == line:
        # A one-line mapping: the message shows all of it, quoted.
        old = types.Range(
            start=doc.lines.position(line, data.column),
            end=doc.lines.position(line, data.end_column + 1),
        )
        yield (f"Quote the value of {key}", [types.TextEdit(range=old, new_text=shown)])
        return
    prefix = f"{key}: "
    if not shown.startswith(prefix):
        return
    fixed = shown[len(prefix) :]
    if "close the quote" in finding.message:
        value = fixed[:-1]
    elif fixed.startswith('"'):
        value = fixed[1:-1]
    else:
        value = fixed[1:-1].replace("''", "'")
    if not text.startswith(value, column - 1):
        return
    old = types.Range(
        start=doc.lines.position(line, column), end=doc.lines.position(line, column + len(value))
    )
    yield (f"Quote the value of {key}", [types.TextEdit(range=old, new_text=fixed)])


def _finding_node(doc: Document, finding: Diagnostic) -> Node | None:
    if doc.analysis is None or finding.node is None or finding.node not in doc.analysis.map:
        return None
    return doc.analysis.map.node(finding.node)


def _definition_line(doc: Document, node: Node) -> int | None:
    """The line of the node's first definition in this document, if it is written on one
    line."""
    for occurrence in node.occurrences:
        span = occurrence.span
        if not occurrence.is_reference and span.file == doc.name:
            return span.line if span.line == span.end_line else None
    return None


def _data_on(doc: Document, line: int) -> Span | None:
    """The ``{…}`` data that starts on ``line``, if any."""
    for span in doc.data_spans:
        if span.line == line:
            return span
    return None


def _written(doc: Document, span: Span) -> str:
    text = doc.lines.line_text(span.line - 1)
    return text[span.column - 1 : span.end_column] if span.line == span.end_line else ""


def _at(doc: Document, line: int, column: int) -> types.Range:
    place = doc.lines.position(line, column)
    return types.Range(start=place, end=place)


def _append(doc: Document, line: int, what: str, data: bool = True) -> types.TextEdit:
    """An edit writing `` what`` after the text of a node's line: before its data (with
    ``data``), else after everything written on the line."""
    content_end = doc.content_end(line)
    found = _data_on(doc, line) if data else None
    if found is not None:
        return types.TextEdit(range=_at(doc, line, found.column), new_text=f"{what} ")
    return types.TextEdit(range=_at(doc, line, content_end), new_text=f" {what}")
