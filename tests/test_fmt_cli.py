"""`argmap fmt`: in place, --check, --diff, refusals; the files a user sees afterwards."""

from __future__ import annotations

import stat
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import main

MESSY = "[A]: a\n    <+   [B]: b   \n        - [C]: c\n\n\n\n// kept\n[D]: d\n"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["fmt", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_fmt_rewrites_in_place_and_is_idempotent(tmp_path: Path) -> None:
    brief = tmp_path / "b.argdown"
    brief.write_text(MESSY, encoding="utf-8")
    brief.chmod(0o640)
    code, _, err = invoke(str(brief))
    assert code == 0
    assert "reformatted" in err
    formatted = brief.read_text(encoding="utf-8")
    assert "  + [B]: b\n" in formatted
    assert "// kept" in formatted
    assert stat.S_IMODE(brief.stat().st_mode) == 0o640
    code, _, _ = invoke("--check", str(brief))
    assert code == 0
    assert brief.read_text(encoding="utf-8") == formatted
    assert [p.name for p in tmp_path.iterdir()] == ["b.argdown"]


def test_fmt_check_and_diff_change_nothing(tmp_path: Path) -> None:
    brief = tmp_path / "b.argdown"
    brief.write_text(MESSY, encoding="utf-8")
    code, out, err = invoke("--check", "--diff", str(brief))
    assert code == 1
    assert "would reformat" in err
    assert out.startswith(f"--- {brief} (original)")
    assert "+  + [B]: b" in out
    assert brief.read_text(encoding="utf-8") == MESSY


def test_fmt_refuses_a_brief_with_syntax_errors(tmp_path: Path) -> None:
    brief = tmp_path / "bad.argdown"
    brief.write_text("[A]: a\n+ [B]\n", encoding="utf-8")
    code, _, err = invoke(str(brief))
    assert code == 1
    assert "bad.argdown:2:1" in err
    assert brief.read_text(encoding="utf-8") == "[A]: a\n+ [B]\n"


def test_fmt_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = invoke(str(tmp_path / "missing.argdown"))
    assert code == 2
    assert "no such file" in err
