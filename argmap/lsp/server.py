"""The language server: pygls routes the editor's requests to :mod:`argmap.lsp.features`.

Documents are synchronised whole (each change sends the full text), so that the text
argmap reads is exactly the editor's, with no line splitting of our own to keep in step.
Diagnostics are published when a document is opened or saved, and after a change: at
once when it follows a pause, else when the typing has paused for :data:`DEBOUNCE`
seconds. A request about a document that changed since it was last read reads it first.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from argmap._version import __version__
from argmap.lsp import features
from argmap.lsp.document import Document

__all__ = ["DEBOUNCE", "ArgmapServer", "build_server"]

DEBOUNCE = 0.05
"""Seconds of quiet that end a burst of changes: a change this soon after another waits
until the changes stop. A check of a 1,000-statement brief takes about 60 ms, so the
findings of a change follow it within 150 ms (``python -m benchmarks.lsp``)."""

# Files of a folder read for references and rename when they are not open.
BRIEF_SUFFIXES = (".argdown", ".ad")


class ArgmapServer(LanguageServer):
    """The server, with the latest reading of each open document."""

    def __init__(self) -> None:
        super().__init__(
            "argmap", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.documents: dict[str, Document] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.changed: dict[str, float] = {}  # when each document last changed

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return str(getattr(encoding, "value", encoding) or "utf-16")

    def document(self, uri: str) -> Document:
        """The document as the editor has it now, read (again) if it changed."""
        text_document = self.workspace.get_text_document(uri)
        text = text_document.source
        known = self.documents.get(uri)
        if known is not None and known.text == text and known.lines.encoding == self.encoding:
            # The same text (an edit undone): the same reading, of this version.
            known.version = text_document.version
            return known
        document = Document(uri, _name(uri), text, text_document.version, self.encoding)
        self.documents[uri] = document
        return document

    def publish(self, uri: str) -> None:
        document = self.document(uri)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=document.version, diagnostics=features.diagnostics(document)
            )
        )

    def later(self, uri: str) -> None:
        """Publish the findings of a change: at once after a pause in the changes, else
        once the document has not changed for :data:`DEBOUNCE` seconds (a burst of
        keystrokes is checked once, at its end)."""
        now = time.monotonic()
        quiet = now - self.changed.get(uri, -DEBOUNCE) >= DEBOUNCE
        self.changed[uri] = now
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
            quiet = False

        async def publish_when_quiet() -> None:
            await asyncio.sleep(0 if quiet else DEBOUNCE)
            self.pending.pop(uri, None)
            try:
                self.publish(uri)
            except Exception as error:
                # Nobody awaits this task: a failure would otherwise go unseen.
                self.window_log_message(
                    types.LogMessageParams(
                        type=types.MessageType.Error,
                        message=f"argmap: could not check {_name(uri)}: {error!r}",
                    )
                )

        self.pending[uri] = asyncio.get_running_loop().create_task(publish_when_quiet())

    def folder(self, document: Document) -> list[Document]:
        """The briefs a title is shared with: every other brief open in the editor, as
        the editor has it, and the other briefs of the document's folder, as saved. A
        folder is one map (``check --project``), so a title renamed in one brief is
        renamed in all."""
        folder = Path(document.name).parent
        others: dict[str, Document] = {}
        for uri in list(self.workspace.text_documents):
            if uri != document.uri:
                others[_name(uri)] = self.document(uri)
        if document.uri.startswith("file:") and folder.is_dir():
            for path in sorted(folder.iterdir()):
                name = str(path)
                if path.suffix in BRIEF_SUFFIXES and name != document.name and name not in others:
                    try:
                        text = path.read_text(encoding="utf-8")
                    except (OSError, UnicodeDecodeError):
                        continue
                    others[name] = Document(path.as_uri(), name, text, None, self.encoding)
        return list(others.values())


def _name(uri: str) -> str:
    """The file name a document is read as: its path, for a file."""
    path = to_fs_path(uri)
    return os.path.normpath(path) if path else uri


def build_server() -> ArgmapServer:
    """A server with every feature registered."""
    server = ArgmapServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArgmapServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArgmapServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ArgmapServer, params: types.DidSaveTextDocumentParams) -> None:
        saved = params.text_document.uri
        ls.publish(saved)
        # The briefs that include the one saved read it from disk: read them again.
        name = _name(saved)
        for uri, document in list(ls.documents.items()):
            analysis = document.analysis
            if uri != saved and analysis is not None and name in analysis.map.sources:
                ls.documents.pop(uri)
                ls.publish(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArgmapServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.documents.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ArgmapServer, params: types.HoverParams) -> types.Hover | None:
        return features.hover(ls.document(params.text_document.uri), params.position)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: ArgmapServer, params: types.DefinitionParams) -> list[types.Location]:
        document = ls.document(params.text_document.uri)
        return features.definition(document, params.position, lambda: ls.folder(document))

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: ArgmapServer, params: types.ReferenceParams) -> list[types.Location]:
        document = ls.document(params.text_document.uri)
        return features.references(
            document, params.position, ls.folder(document), params.context.include_declaration
        )

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
    def highlight(
        ls: ArgmapServer, params: types.DocumentHighlightParams
    ) -> list[types.DocumentHighlight]:
        return features.highlights(ls.document(params.text_document.uri), params.position)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: ArgmapServer, params: types.PrepareRenameParams) -> types.Range | None:
        return features.prepare_rename(ls.document(params.text_document.uri), params.position)

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename(ls: ArgmapServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        document = ls.document(params.text_document.uri)
        try:
            return features.rename(document, params.position, params.new_name, ls.folder(document))
        except features.RenameError as error:
            from pygls.exceptions import JsonRpcInvalidParams

            raise JsonRpcInvalidParams(str(error)) from None

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=["[", "<", "@", "#"]),
    )
    def completion(ls: ArgmapServer, params: types.CompletionParams) -> types.CompletionList:
        return features.completion(ls.document(params.text_document.uri), params.position)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symbols(ls: ArgmapServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        return features.document_symbols(ls.document(params.text_document.uri))

    @server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
    def folding(ls: ArgmapServer, params: types.FoldingRangeParams) -> list[types.FoldingRange]:
        return features.folding_ranges(ls.document(params.text_document.uri))

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(
        ls: ArgmapServer, params: types.DocumentFormattingParams
    ) -> list[types.TextEdit] | None:
        result = features.formatting(ls.document(params.text_document.uri))
        if isinstance(result, str):
            # Nothing to apply; the editor shows why.
            ls.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Warning, message=result)
            )
            return None
        return result

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: ArgmapServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return features.code_actions(ls.document(params.text_document.uri), params.range)

    return server
