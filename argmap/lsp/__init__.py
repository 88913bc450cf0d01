"""``argmap lsp``: a language server for editors, over standard input and output.

It needs the optional dependencies of ``argmap[lsp]`` (pygls and lsprotocol); nothing
else in argmap imports them. See docs/editors.md for attaching it to an editor.
"""

from __future__ import annotations

import importlib.util

__all__ = ["INSTALL_HINT", "available", "serve"]

INSTALL_HINT = "the language server needs pygls: install argmap[lsp] (pip install 'argmap[lsp]')"


def available() -> bool:
    """Whether the language server's dependencies are installed."""
    return all(importlib.util.find_spec(name) is not None for name in ("pygls", "lsprotocol"))


def serve() -> None:
    """Run the server until the editor says exit (or closes its end of the pipe)."""
    import gc

    # The command line turns the cyclic collector off for its one-shot commands; a server
    # reads briefs for hours, and must give their memory back.
    gc.enable()
    from argmap.lsp.server import build_server

    build_server().start_io()
