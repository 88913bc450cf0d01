"""encoding (AM003): the file is not UTF-8.

Its documentation has no literal briefs (a brief's encoding cannot be shown as text):
``PASS: a brief saved as UTF-8. FAIL: a brief saved as Latin-1 or UTF-16.`` The tests
save one brief in each encoding the documentation names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rulecase import rule

import argmap
from argmap.loader import decode_bytes

RULE = "encoding"
BRIEF = "[T]: Schools should require uniforms. #thesis\n  + [Café]: Élèves agree.\n"
CODECS = {"UTF-8": "utf-8", "Latin-1": "latin-1", "UTF-16": "utf-16"}


def documented(kind: str) -> list[str]:
    """The encodings the documentation's PASS or FAIL line names."""
    match = re.search(rf"^{kind}: (.+)$", rule(RULE).doc, re.MULTILINE)
    assert match is not None, f"the encoding docs have no {kind}: line"
    return [name for name in CODECS if name in match.group(1)]


def found_in_file(tmp_path: Path, data: bytes) -> list[tuple[str, int, int, str]]:
    path = tmp_path / "brief.argdown"
    path.write_bytes(data)
    amap = argmap.load(path)
    return [
        (d.rule, d.span.line, d.span.column, d.message) for d in argmap.check(amap, select=(RULE,))
    ]


def test_the_documentation_names_the_encodings() -> None:
    assert documented("PASS") == ["UTF-8"]
    assert documented("FAIL") == ["Latin-1", "UTF-16"]


def test_documented_pass_a_utf8_brief_is_clean(tmp_path: Path) -> None:
    for name in documented("PASS"):
        assert found_in_file(tmp_path, BRIEF.encode(CODECS[name])) == []
    # A UTF-8 byte order mark is dropped, not reported.
    assert found_in_file(tmp_path, b"\xef\xbb\xbf" + BRIEF.encode()) == []


def test_documented_fail_latin1_reports_each_bad_byte(tmp_path: Path) -> None:
    assert "Latin-1" in documented("FAIL")
    assert found_in_file(tmp_path, BRIEF.encode("latin-1")) == [
        (RULE, 2, 9, "invalid UTF-8 byte 0xe9 at byte offset 54; save the brief as UTF-8"),
        (RULE, 2, 13, "invalid UTF-8 byte 0xc9 at byte offset 58; save the brief as UTF-8"),
        (RULE, 2, 15, "invalid UTF-8 byte 0xe8 at byte offset 60; save the brief as UTF-8"),
    ]


def test_documented_fail_utf16_with_a_byte_order_mark(tmp_path: Path) -> None:
    assert "UTF-16" in documented("FAIL")
    for codec_bom in (b"\xff\xfe", b"\xfe\xff"):
        codec = "utf-16-le" if codec_bom == b"\xff\xfe" else "utf-16-be"
        data = codec_bom + BRIEF.encode(codec)
        assert found_in_file(tmp_path, data) == [
            (RULE, 1, 1, "the brief is UTF-16; save it as UTF-8")
        ]


def test_the_rest_of_a_latin1_brief_is_still_checked(tmp_path: Path) -> None:
    path = tmp_path / "brief.argdown"
    path.write_bytes("[A]: Caf\xe9 claim.\n\n[B]: Lonely.\n".encode("latin-1"))
    amap = argmap.load(path)
    assert amap.node("statement:A").text == "Caf\ufffd claim."
    found = [(d.code, d.rule, d.span.line, d.span.column) for d in argmap.check(amap)]
    assert ("AM003", RULE, 1, 9) in found
    assert ("AM105", "orphan", 3, 1) in found


def test_decode_bytes_replaces_each_bad_sequence_with_one_character() -> None:
    text, found = decode_bytes(b"[A]: \xe2\x82x.\n", "x.argdown")
    assert text == "[A]: \ufffdx.\n"
    assert [(d.rule, d.span.file, d.span.line, d.span.column) for d in found] == [
        (RULE, "x.argdown", 1, 6)
    ]


def test_at_most_ten_bad_bytes_then_a_count() -> None:
    _text, found = decode_bytes(b"\xe9" * 12 + b"\n", "x.argdown")
    assert [(d.span.line, d.span.column) for d in found] == [
        *((1, column) for column in range(1, 11)),
        (1, 10),
    ]
    assert found[-1].message == "2 more invalid UTF-8 bytes not shown; is this a brief at all?"
    assert {d.code for d in found} == {"AM003"}


def test_the_encoding_rule_can_be_ignored(tmp_path: Path) -> None:
    path = tmp_path / "brief.argdown"
    path.write_bytes(b"[A]: caf\xe9.\n")
    amap = argmap.load(path)
    assert [d.code for d in argmap.check(amap)].count("AM003") == 1
    # The rest is checked as usual: a brief without evidence, said once.
    assert [d.code for d in argmap.check(amap, ignore=("AM003",))] == ["AM201"]
    assert [d.code for d in argmap.check(amap, ignore=("encoding",))] == ["AM201"]


def test_the_byte_offset_counts_a_byte_order_mark() -> None:
    _text, found = decode_bytes(b"\xef\xbb\xbf[A]: caf\xe9.\n", "x.argdown")
    assert [(d.span.line, d.span.column, d.message) for d in found] == [
        (1, 9, "invalid UTF-8 byte 0xe9 at byte offset 11; save the brief as UTF-8")
    ]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(tmp_path: Path, codec: str) -> None:
    found = found_in_file(tmp_path, BRIEF.encode(codec))
    assert [f[:3] for f in found] == [(RULE, 1, 1)]
