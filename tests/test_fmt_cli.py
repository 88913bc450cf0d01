"""`argmap fmt`: in place, --check, --diff, refusals; the files a user sees afterwards."""

from __future__ import annotations

import stat
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import main

MESSY = "[A]: a\n    <+   [B]: b   \n        - [C]: c\n\n\n\n// kept\n[D]: d\n"


def invoke(*args: str) -> tuple[int, str, str]:
    return invoke_cli("fmt", *args)


def invoke_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
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


def test_fmt_says_it_formats_argdown_only(tmp_path: Path) -> None:
    argmap_json = tmp_path / "map.json"
    brief = tmp_path / "b.argdown"
    brief.write_text("[A]: a\n  + [B]: b #evidence\n", encoding="utf-8")
    code, _, _ = invoke_cli("export", str(brief), "--format", "json", "-o", str(argmap_json))
    assert code == 0
    written = argmap_json.read_bytes()
    code, _, err = invoke(str(argmap_json))
    assert code == 1
    assert f"{argmap_json}: argmap fmt formats Argdown briefs; this is an argmap JSON map" in err
    assert "syntax errors" not in err
    assert argmap_json.read_bytes() == written


def test_fmt_keeps_crlf_line_endings(tmp_path: Path) -> None:
    brief = tmp_path / "b.argdown"
    brief.write_bytes(b"[A]: a\r\n    <+   [B]: b   \r\n\r\n\r\n// kept\r\n[D]: d\r\n")
    code, _, err = invoke(str(brief))
    assert code == 0
    assert "reformatted" in err
    assert brief.read_bytes() == b"[A]: a\r\n  + [B]: b\r\n\r\n// kept\r\n[D]: d\r\n"


PCS_MESSY = (
    "<A>:   a\n\n  (1)   [P]: p\n      + [X]: x\n (2)[Q]: q\n   -- modus ponens {uses: [1, 2]} --\n"
    "    <_ [U]: u\n(3) [C]: c\n"
)
PCS_FORMATTED = (
    "<A>: a\n\n(1) [P]: p\n  + [X]: x\n(2) [Q]: q\n-- modus ponens {uses: [1, 2]} --\n"
    "  _ [U]: u\n(3) [C]: c\n"
)


def test_fmt_premise_conclusion_structure(tmp_path: Path) -> None:
    brief = tmp_path / "pcs.argdown"
    brief.write_text(PCS_MESSY, encoding="utf-8")
    code, _, err = invoke(str(brief))
    assert code == 0
    assert "reformatted" in err
    assert brief.read_text(encoding="utf-8") == PCS_FORMATTED


def test_fmt_check_passes_a_formatted_premise_conclusion_structure(tmp_path: Path) -> None:
    brief = tmp_path / "pcs.argdown"
    brief.write_text(PCS_FORMATTED, encoding="utf-8")
    code, out, err = invoke("--check", "--diff", str(brief))
    assert code == 0
    assert out == ""
    assert "0 of 1 briefs would be reformatted" in err
    assert brief.read_text(encoding="utf-8") == PCS_FORMATTED
