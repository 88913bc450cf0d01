"""Shared test helpers: golden files (regenerate with `pytest --update-golden`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output (review the diff!).",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str | bytes], None]:
    """``golden(name, output)``: assert ``output`` equals ``tests/golden/name``."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, output: str | bytes) -> None:
        path = GOLDEN / name
        data = output.encode("utf-8") if isinstance(output, str) else output
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        assert path.exists(), f"no golden file {path.name}: run pytest --update-golden"
        expected = path.read_bytes()
        if isinstance(output, str):
            assert output == expected.decode("utf-8"), f"{name} differs from its golden file"
        else:
            assert data == expected, f"{name} differs from its golden file"

    return check
