"""The HTML map: one self-contained page, checked in a real headless Chromium.

The browser tests load the file from ``file://`` and watch through the DevTools protocol
(tests/browser.py) what a user's browser would do: no console error, no exception, no
Content-Security-Policy violation and no request but the page itself; one clickable node
element per node of the JSON export; a real click on a node opens its panel. Each run
leaves a screenshot in the test's temporary folder. Hostile briefs stay inert: no image,
no script of theirs, their text shown as written.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.diagnostics import Diagnostic, Severity
from argmap.evaluate import evaluate
from argmap.exporters import html
from argmap.model import ArgumentMap, Node
from argmap.source import Span
from argmap.syntax.parser import Section
from tests.browser import Browser
from tests.cli_runner import assert_no_traceback, run

BRIEFS = Path(__file__).resolve().parents[2] / "briefs"
SEED = BRIEFS / "japan-rok-trilateral.argdown"
TOUR = BRIEFS / "language-tour.argdown"
# Premise–conclusion structures: their inferences are nodes of the drawing, not of the map.
PCS = BRIEFS.parent / "tests" / "fixtures" / "parser" / "pcs-undercuts.argdown"

needs_dot = pytest.mark.needs("dot")
needs_browser = pytest.mark.needs("dot", "chromium")

PNG = b"\x89PNG\r\n\x1a\n"

# Text built to break out of every place the page puts text: an element, an attribute, a
# <script> block, a <style> block, JSON, a JavaScript string (U+2028 ends a line in old
# JavaScript), an SVG. Each would set window.pwned or load something if it ever ran.
HOSTILE = [
    "Ends </script><script>window.pwned = 1</script>",
    'An <img src="https://example.invalid/x.png" onerror="window.pwned = 2">',
    'Quote "><svg onload="window.pwned = 3">',
    "Quote ' onclick='window.pwned = 4' x='",
    "Style </style><style>body { background: url(https://example.invalid/bg) }</style>",
    "line\u2028separator\u2029paragraph",
    'JSON \\u003c/script\\u003e "}]}; window.pwned = 5; //',
    "Comment <!-- comment --> <![CDATA[ x ]]> &amp; &lt;b&gt;",
]


def hostile_map() -> ArgumentMap:
    """A map whose title, section, node titles, texts and cite are the hostile texts (built
    directly: the Argdown syntax reads ``<…>`` as an argument's name)."""
    section = Section("s1", 1, "Section <b>bold</b> </script>", None, Span("<test>", 1, 1, 1, 1))
    amap = ArgumentMap(title='<script>window.pwned = 6</script> & "quoted"', sections=[section])
    ids = []
    for index, text in enumerate(HOSTILE):
        node_id = f"statement:{index}"
        amap.add_node(Node(node_id, text, "statement", text=text, plain_text=text, section="s1"))
        ids.append(node_id)
        if index:
            amap.add_edge(node_id, ids[0], "attack", None)
    cite = "</script><img src=x onerror=window.pwned=7>"
    card = Node("statement:card", "Card", "statement", kind="evidence", text="A card.")
    card.data["cite"] = cite
    amap.add_node(card)
    amap.add_edge(card.id, ids[1], "support", None)
    return amap.restricted(set(ids) | {card.id}, [ids[0]])


# A finding about the thesis whose message is hostile too.
HOSTILE_FINDING = Diagnostic(
    "AM999",
    "some-rule",
    Severity.WARNING,
    "<img src=x onerror=window.pwned=8> </script>",
    Span("<test>", 1, 1, 1, 1),
    node="statement:0",
)


def write_hostile(out: Path) -> tuple[ArgumentMap, str]:
    amap = hostile_map()
    page = html.export(amap, evaluate(amap), [HOSTILE_FINDING])
    out.write_text(page, "utf-8")
    return amap, page


def export_html(brief: Path, out: Path) -> str:
    result = run(["export", str(brief), "--format", "html", "-o", str(out)])
    assert_no_traceback(result)
    assert result.exit_code in (0, 1), result.stderr
    return out.read_text("utf-8")


def json_nodes(brief: Path) -> list[dict[str, Any]]:
    result = run(["export", str(brief), "--format", "json"])
    nodes: list[dict[str, Any]] = json.loads(result.stdout)["nodes"]
    return nodes


def inline(page: str, tag: str) -> list[str]:
    """The contents of each ``<tag>`` element of the page (without attributes)."""
    return re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.DOTALL)


def sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


# -- the page, read as text ------------------------------------------------------------------


@needs_dot
def test_page_is_self_contained_and_its_policy_names_its_own_code(tmp_path: Path) -> None:
    page = export_html(SEED, tmp_path / "map.html")
    assert page.startswith("<!DOCTYPE html>\n")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert policy is not None
    rules = dict(rule.strip().split(" ", 1) for rule in policy.group(1).split(";"))
    assert rules["default-src"] == "'none'"
    assert rules["img-src"] == rules["connect-src"] == rules["font-src"] == "'none'"
    # The one inline script and the one style are allowed by their hashes, nothing else.
    (script,) = inline(page, "script")
    (style,) = inline(page, "style")
    assert rules["script-src"] == f"'sha256-{sha256(script)}'"
    assert rules["style-src"] == f"'sha256-{sha256(style)}'"
    # Nothing refers to anything outside the file.
    assert not re.search(r"\b(?:src|href)=", page)
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
    )
    assert "@import" not in page
    assert "url(" not in style


@needs_dot
def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    amap, page = write_hostile(tmp_path / "map.html")
    # Two <script> elements, both ours: the data block and the code.
    assert page.count("<script") == 2
    assert page.count("</script") == 2
    assert page.count("<style") == 1
    assert page.count("</style") == 1
    assert "<img" not in page  # as text it is &lt;img
    assert "<svg onload" not in page
    assert "<b>" not in page
    assert "\u2028" not in page.split('id="argmap-data">', 1)[1]
    # The data block reads back as the brief's text, unchanged.
    block = page.split('<script type="application/json" id="argmap-data">', 1)[1]
    data = json.loads(block.split("</script>", 1)[0])
    texts = [entry["text"] for entry in data["nodes"].values()]
    assert len(data["nodes"]) == len(amap.nodes)
    assert data["nodes"] == html.page_data(amap, evaluate(amap), [HOSTILE_FINDING])
    assert any("window.pwned = 1</script>" in text for text in texts)
    assert any("line separator paragraph" in text for text in texts)  # shown as spaces


def test_json_block_cannot_end_its_script() -> None:
    value = {"a": "</script><!-- \u2028 \u2029 & > <"}
    text = html._json_for_html(value)
    assert json.loads(text) == value
    assert not set("<>&\u2028\u2029") & set(text)


def test_missing_graphviz_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = shutil.which
    monkeypatch.setattr(
        shutil, "which", lambda name, *a, **k: None if name == "dot" else real(name)
    )
    out = tmp_path / "map.html"
    result = run(["export", str(SEED), "--format", "html", "-o", str(out)])
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert "Graphviz is not installed: install it with `apt-get install graphviz`" in result.stderr
    assert not out.exists()


def test_suffix_selects_html() -> None:
    from argmap.exporters import format_for_suffix, formats

    assert format_for_suffix(".html") == format_for_suffix(".htm") == "html"
    assert formats()["html"].binary is False


# -- in a real browser -----------------------------------------------------------------------


def node_centre(browser: Browser, name: str) -> tuple[float, float]:
    """A point of the page where a click lands on node ``name`` (its centre, unless some
    other node's text lies over it there): found by asking the page what is at each point
    of a grid over the node's box."""
    point = browser.evaluate(
        "(function () {"
        f" var node = document.querySelector('g.node[data-node=\"{name}\"]');"
        " var r = node.getBoundingClientRect();"
        " for (var i = 0; i <= 8; i++) { for (var j = 0; j <= 8; j++) {"
        "  var x = r.left + r.width * (0.5 + (i % 2 ? 1 : -1) * Math.ceil(i / 2) / 10);"
        "  var y = r.top + r.height * (0.5 + (j % 2 ? 1 : -1) * Math.ceil(j / 2) / 10);"
        "  var hit = document.elementFromPoint(x, y);"
        "  if (hit && hit.closest('g.node[data-node]') === node) { return [x, y]; }"
        " } }"
        " return null; })()"
    )
    assert point is not None, f"no point of {name} to click"
    return float(point[0]), float(point[1])


def zoom_of(transform: str) -> float:
    """The scale of the map's CSS transform (``translate(…) scale(S)``)."""
    found = re.search(r"scale\(([0-9.e-]+)\)", transform)
    assert found is not None, transform
    return float(found.group(1))


def close_panel(browser: Browser) -> None:
    browser.evaluate(
        "(function () { var b = document.querySelector('#panel .close'); if (b) { b.click(); } })()"
    )
    assert browser.evaluate("document.getElementById('panel').hidden") is True


@needs_browser
@pytest.mark.parametrize("brief", [SEED, TOUR, PCS], ids=lambda path: path.stem)
def test_map_in_a_real_browser(brief: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    export_html(brief, out)
    url = out.as_uri()
    with Browser(tmp_path / "profile") as browser:
        browser.open(url)
        # One node element per node of the JSON export.
        count = browser.evaluate("document.querySelectorAll('g.node[data-node]').length")
        assert count == len(json_nodes(brief))
        assert browser.evaluate("document.getElementById('panel').hidden") is True
        # A real click on the thesis opens its panel.
        x, y = node_centre(browser, "n1")
        browser.click(x, y)
        assert browser.evaluate("document.getElementById('panel').hidden") is False
        heading = browser.evaluate("document.querySelector('#panel h2').textContent")
        first = argmap.load(brief).nodes[0]
        assert heading == first.label
        panel = browser.evaluate("document.getElementById('panel').innerText")
        assert "WHY" in panel.upper()
        assert "✓ in" in panel or "✗ out" in panel or "? undecided" in panel
        browser.screenshot(tmp_path / "map-panel.png")
        close_panel(browser)
        # A drag pans the map and opens nothing; the wheel zooms.
        transform = "document.getElementById('canvas').style.transform"
        before = browser.evaluate(transform)
        browser.drag(x, y, 120, 60)
        after = browser.evaluate(transform)
        assert after != before
        assert browser.evaluate("document.getElementById('panel').hidden") is True
        browser.wheel(640, 400, -300)
        zoomed = browser.evaluate(transform)
        assert zoom_of(zoomed) > zoom_of(after)
        # The search box marks the nodes whose text holds the words.
        browser.evaluate(
            "(function () { var s = document.getElementById('search');"
            f" s.value = {json.dumps(first.title)};"
            " s.focus(); s.dispatchEvent(new Event('input')); })()"
        )
        assert browser.evaluate("document.querySelectorAll('g.node.match').length") >= 1
        # Enter in the search box opens the first node found.
        browser.send(
            "Input.dispatchKeyEvent",
            {"type": "keyDown", "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13},
            session=True,
        )
        assert browser.evaluate("document.getElementById('panel').hidden") is False
        assert browser.evaluate("document.querySelector('#panel h2').textContent") == first.label
        close_panel(browser)
        # The tree and the flow are tabs.
        browser.evaluate("document.querySelector('nav button[data-tab=\"tree\"]').click()")
        assert browser.evaluate("document.getElementById('map-tab').hidden") is True
        tree = browser.evaluate("document.querySelector('#tree-tab pre').textContent")
        assert "THESIS" in tree
        assert first.label in tree
        browser.evaluate("document.querySelector('nav button[data-tab=\"flow\"]').click()")
        assert browser.evaluate("document.querySelectorAll('#flow-tab table.flow').length") >= 1
        browser.screenshot(tmp_path / "flow.png")
        assert browser.problems() == []
        assert browser.requests() == [url]
    assert (tmp_path / "map-panel.png").read_bytes().startswith(PNG)


@needs_browser
def test_hostile_brief_stays_inert_in_a_real_browser(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    write_hostile(out)
    url = out.as_uri()
    with Browser(tmp_path / "profile") as browser:
        browser.open(url)
        assert browser.evaluate("typeof window.pwned") == "undefined"
        assert browser.evaluate("document.images.length") == 0
        assert browser.evaluate("document.scripts.length") == 2
        assert browser.evaluate("document.querySelectorAll('style').length") == 1
        assert browser.evaluate("document.title").startswith("<script>window.pwned = 6</script>")
        for index in range(1, len(HOSTILE) + 1):
            close_panel(browser)  # the panel covers the right of the map
            x, y = node_centre(browser, f"n{index}")
            browser.click(x, y)
            shown = browser.evaluate("document.getElementById('panel').textContent")
            expected = HOSTILE[index - 1].replace("\u2028", " ").replace("\u2029", " ")
            assert expected in shown, (index, shown)
            if index == 1:
                assert "<img src=x onerror=window.pwned=8> </script>" in shown  # its finding
        close_panel(browser)
        browser.click(*node_centre(browser, f"n{len(HOSTILE) + 1}"))  # the card
        cite = browser.evaluate("document.getElementById('panel').textContent")
        assert "</script><img src=x onerror=window.pwned=7>" in cite
        assert browser.evaluate("typeof window.pwned") == "undefined"
        browser.screenshot(tmp_path / "hostile.png")
        assert browser.problems() == []
        assert browser.requests() == [url]


@needs_browser
def test_an_empty_brief_loads_cleanly(tmp_path: Path) -> None:
    brief = tmp_path / "empty.argdown"
    brief.write_text("", "utf-8")
    out = tmp_path / "map.html"
    export_html(brief, out)
    with Browser(tmp_path / "profile") as browser:
        browser.open(out.as_uri())
        assert browser.evaluate("document.querySelectorAll('g.node').length") == 0
        assert browser.problems() == []
        assert browser.requests() == [out.as_uri()]


CARD_BRIEF = (
    "[Thesis]: The plan solves. #thesis\n"
    "  + [Card]: Experts agree that ==the plan **solves** warming== within a decade,"
    " ++according to++ the study. #evidence"
    ' {cite: "Humpert 24, senior fellow at the Arctic Institute, \\"Title,\\" High North'
    ' News, 3-4-2024, https://example.org/x?a=1&b=2"}\n'
)


@needs_browser
def test_a_cards_panel_shows_its_marks_and_cite(tmp_path: Path) -> None:
    brief = tmp_path / "card.argdown"
    brief.write_text(CARD_BRIEF, "utf-8")
    out = tmp_path / "map.html"
    export_html(brief, out)
    with Browser(tmp_path / "profile") as browser:
        browser.open(out.as_uri())
        browser.click(*node_centre(browser, "n2"))
        marked = browser.evaluate(
            "Array.from(document.querySelectorAll('#panel mark')).map(m => m.textContent)"
        )
        assert "".join(marked) == "the plan solves warming"
        underlined = browser.evaluate("document.querySelector('#panel .underline').textContent")
        assert underlined == "according to"
        cite = browser.evaluate(
            "Array.from(document.querySelectorAll('#panel ul li')).map(li => li.textContent)"
        )
        assert cite[:6] == [
            "author: Humpert",
            "quals: senior fellow at the Arctic Institute",
            "date: 2024-03-04",
            "title: Title",
            "source: High North News",
            "url: https://example.org/x?a=1&b=2",
        ]
        panel = browser.evaluate("document.getElementById('panel').textContent")
        assert "4 highlighted words read aloud" in panel
        assert "==" not in panel  # the markers are gone, their marks shown
        browser.screenshot(tmp_path / "card.png")
        assert browser.problems() == []
        assert browser.requests() == [out.as_uri()]


@needs_browser
def test_print_shows_the_map_tree_and_flow_without_controls(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    export_html(TOUR, out)
    with Browser(tmp_path / "profile") as browser:
        browser.open(out.as_uri())
        browser.send("Emulation.setEmulatedMedia", {"media": "print"}, session=True)
        display = "(function (s) { return getComputedStyle(document.querySelector(s)).display; })"
        for hidden in ("header nav", "#search", ".zoom", "#legend", "#panel"):
            assert browser.evaluate(f"{display}('{hidden}')") == "none", hidden
        for shown in ("#map-tab", "#tree-tab", "#flow-tab"):
            assert browser.evaluate(f"{display}('{shown}')") == "block", shown
        # The map is drawn as it is, not as panned or zoomed on screen.
        transform = "getComputedStyle(document.getElementById('canvas')).transform"
        assert browser.evaluate(transform) == "none"
        pdf = browser.send("Page.printToPDF", {"printBackground": True}, session=True)["data"]
        assert base64.b64decode(pdf).startswith(b"%PDF")
        assert browser.problems() == []


@needs_dot
def test_layout_and_timeout_reach_graphviz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.exporters import graphviz

    calls: list[tuple[str, str, float]] = []
    real = graphviz.render

    def recording(source: str, fmt: str, layout: str = "dot", timeout: float = 60.0) -> bytes:
        calls.append((fmt, layout, timeout))
        return real(source, fmt, layout, timeout)

    monkeypatch.setattr(graphviz, "render", recording)
    out = tmp_path / "map.html"
    result = run(["export", str(TOUR), "-o", str(out), "--layout", "sfdp", "--timeout", "12.5"])
    assert result.exit_code in (0, 1), result.stderr
    assert calls == [("svg", "sfdp", 12.5)]
    drawn = re.findall(r'<g [^>]*data-node="n[0-9]+"', out.read_text("utf-8"))
    assert len(drawn) == len(json_nodes(TOUR))
