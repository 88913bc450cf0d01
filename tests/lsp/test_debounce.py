"""When the server checks a changed document: a change after a pause at once, a burst of
changes once, after it. Driven on an event loop of the test's own, so that what counts
is the order of events, not how long they take."""

from __future__ import annotations

import asyncio

from argmap.lsp.server import ArgmapServer

URI = "file:///briefs/case.argdown"


def _server(published: list[str]) -> ArgmapServer:
    server = ArgmapServer()
    server.publish = published.append  # type: ignore[method-assign]
    return server


def test_a_change_after_a_pause_is_checked_at_once() -> None:
    published: list[str] = []

    async def scenario() -> None:
        server = _server(published)
        server.later(URI)
        # The next turns of the loop, well before DEBOUNCE could have passed.
        for _ in range(3):
            await asyncio.sleep(0)
        assert published == [URI]

    asyncio.run(scenario())


def test_a_burst_is_checked_once_at_its_end() -> None:
    published: list[str] = []

    async def scenario() -> None:
        server = _server(published)
        for _ in range(5):  # five keystrokes before the loop turns once
            server.later(URI)
        for _ in range(3):
            await asyncio.sleep(0)
        assert published == []  # the burst is not over
        await asyncio.wait_for(server.pending[URI], timeout=30)
        assert published == [URI]

    asyncio.run(scenario())


def test_documents_are_debounced_apart() -> None:
    published: list[str] = []
    other = "file:///briefs/blocks.argdown"

    async def scenario() -> None:
        server = _server(published)
        server.later(URI)
        server.later(other)
        for _ in range(3):
            await asyncio.sleep(0)
        assert sorted(published) == sorted([URI, other])

    asyncio.run(scenario())
