"""A minimal Language Server Protocol client for the tests: it starts ``argmap lsp`` as an
editor would, and speaks JSON-RPC to it over the process's standard input and output,
framed with ``Content-Length`` headers (written here, not taken from pygls, so that the
tests check the server against the protocol rather than against its own library)."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
# Long enough for a slow machine; a test waits only as long as the answer takes.
TIMEOUT = 30.0


class ServerError(AssertionError):
    """An error answer to a request."""


class Client:
    """A running ``python -m argmap lsp`` process and the messages it has sent."""

    def __init__(self, command: list[str] | None = None, cwd: Path | None = None) -> None:
        self.process = subprocess.Popen(
            command or [sys.executable, "-m", "argmap", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd or ROOT,
        )
        self._next_id = 0
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        # Notifications and requests from the server, in the order they came.
        self.notifications: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # -- framing ---------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self._messages.put(None)  # the server closed its output
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None, "a message without Content-Length"
            self._messages.put(json.loads(stream.read(length).decode("utf-8")))

    def _next(self, deadline: float) -> dict[str, Any]:
        try:
            message = self._messages.get(timeout=max(deadline - time.monotonic(), 0.01))
        except queue.Empty:
            raise AssertionError("the server did not answer in time") from None
        if message is None:
            raise AssertionError("the server exited: " + self.stderr())
        if "method" in message:
            self.notifications.append(message)
            if "id" in message:  # a request of the server's (registration, a message)
                self._send({"id": message["id"], "result": None})
        return message

    # -- requests and notifications ----------------------------------------------------------

    def request(self, method: str, params: Any) -> Any:
        """Send a request and return its result (an error answer raises ServerError)."""
        self._next_id += 1
        ident = self._next_id
        self._send({"id": ident, "method": method, "params": params})
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._next(deadline)
            if message.get("id") == ident and "method" not in message:
                if "error" in message:
                    raise ServerError(message["error"]["message"])
                return message.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def wait_for(
        self, method: str, uri: str | None = None, after: int = 0, version: int | None = None
    ) -> dict[str, Any]:
        """The first notification ``method`` (about ``uri``, of document ``version``)
        among those from index ``after`` on, waiting for it if it has not come yet; its
        ``params``."""
        deadline = time.monotonic() + TIMEOUT
        index = after
        while True:
            while index < len(self.notifications):
                message = self.notifications[index]
                index += 1
                params = message.get("params") or {}
                if (
                    message["method"] == method
                    and (uri is None or params.get("uri") == uri)
                    and (version is None or params.get("version") == version)
                ):
                    return dict(params)
            self._next(deadline)

    # -- the usual conversation --------------------------------------------------------------

    def initialize(self, root: Path, capabilities: dict[str, Any] | None = None) -> Any:
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": capabilities or {},
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str, version: int = 1) -> dict[str, Any]:
        """Open a document and return the diagnostics published for it."""
        uri = path.as_uri()
        after = len(self.notifications)
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "argdown",
                    "version": version,
                    "text": text,
                }
            },
        )
        return self.wait_for("textDocument/publishDiagnostics", uri, after)

    def change(self, path: Path, text: str, version: int) -> dict[str, Any]:
        """Replace a document's text and return the diagnostics published for this
        version of it (those of earlier versions may never come: the server waits for a
        pause in the changes)."""
        uri = path.as_uri()
        after = len(self.notifications)
        self.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}],
            },
        )
        return self.wait_for("textDocument/publishDiagnostics", uri, after, version)

    def at(self, path: Path, line: int, character: int) -> dict[str, Any]:
        """The params of a request about one place of a document."""
        return {
            "textDocument": {"uri": path.as_uri()},
            "position": {"line": line, "character": character},
        }

    def shutdown(self) -> int:
        """shutdown, exit, and the process's exit code."""
        assert self.request("shutdown", None) is None
        self.notify("exit", None)
        return self.process.wait(timeout=TIMEOUT)

    def stderr(self) -> str:
        if self.process.poll() is None:
            return ""
        assert self.process.stderr is not None
        return self.process.stderr.read().decode("utf-8", "replace")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
