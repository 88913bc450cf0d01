"""docs/editors.md and editors/vscode: the configurations a user copies start the server
that the stdio tests drive."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lsp.client import Client

ROOT = Path(__file__).resolve().parent.parent.parent
DOC = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
VSCODE = ROOT / "editors" / "vscode"


def _blocks(language: str) -> list[str]:
    return re.findall(r"```" + language + r"\n(.*?)```", DOC, re.DOTALL)


def _console_script() -> Path:
    script = Path(sys.executable).parent / "argmap"
    assert script.is_file(), "argmap's console script is installed beside python"
    return script


def _serves(command: list[str], tmp_path: Path) -> None:
    """``command`` is a language server: it answers initialize and a hover, and exits 0."""
    brief = tmp_path / "case.argdown"
    text = '[T]: Uniforms. #thesis\n  + [S]: Less teasing. #evidence {cite: "Doe 2019"}\n'
    brief.write_text(text, encoding="utf-8")
    client = Client(command, cwd=tmp_path)
    try:
        assert client.initialize(tmp_path)["serverInfo"]["name"] == "argmap"
        assert client.open(brief, text)["diagnostics"][0]["code"] == "AM204"
        hover = client.request("textDocument/hover", client.at(brief, 1, 6))
        assert "verdict **in**" in hover["contents"]["value"]
        assert client.shutdown() == 0
    finally:
        client.close()


def test_the_helix_configuration_starts_the_server(tmp_path: Path) -> None:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    [helix] = _blocks("toml")
    config = tomllib.loads(helix)
    server = config["language-server"]["argmap"]
    [language] = config["language"]
    assert language["language-servers"] == ["argmap"]
    assert language["file-types"] == ["argdown", "ad"]
    assert server["command"] == "argmap"
    _serves([str(_console_script()), *server["args"]], tmp_path)


def test_the_neovim_configurations_name_the_command() -> None:
    lua = _blocks("lua")
    assert len(lua) == 2
    for block in lua:
        assert 'cmd = { "argmap", "lsp" }' in block
        assert 'filetypes = { "argdown" }' in block
        assert 'vim.filetype.add({ extension = { argdown = "argdown", ad = "argdown" } })' in block


def test_the_vscode_extension_starts_the_configured_command(tmp_path: Path) -> None:
    manifest = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    assert (VSCODE / manifest["main"]).is_file()
    [language] = manifest["contributes"]["languages"]
    assert language["id"] == "argdown"
    assert language["extensions"] == [".argdown", ".ad"]
    assert manifest["activationEvents"] == ["onLanguage:argdown"]
    setting = manifest["contributes"]["configuration"]["properties"]["argmap.command"]
    assert setting["default"] == ["argmap", "lsp"]
    # The setting the documentation shows is that one.
    [settings] = [json.loads(block) for block in _blocks("json")]
    assert list(settings) == ["argmap.command"]
    command, *args = setting["default"]
    _serves([str(_console_script().parent / command), *args], tmp_path)


@pytest.mark.needs("node")
def test_the_vscode_extension_is_valid_javascript() -> None:
    done = subprocess.run(
        ["node", "--check", str(VSCODE / "extension.js")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
