"""The HTML map: one self-contained page to read and share a brief in a browser.

``argmap export BRIEF --format html -o map.html`` writes one file that works from
``file://`` and asks for nothing over the network: the map as Graphviz draws it (its SVG,
inline, so Graphviz must be installed), pan and zoom, a search box and a legend; a click
on a node (or Enter on it) opens a panel with its text, its card and citation, its
verdict, the reasoning behind the verdict (``argmap trace``) and its findings. Tabs show
the map, the tree (``argmap show``) and the flow (``argmap flow``), and a print
stylesheet prints all three, without the controls.

Safety:

- The page's Content-Security-Policy allows nothing but its own inline style and script,
  each named by its SHA-256 hash: no other script, style, image, font, frame or
  connection, even if some text of the brief were to become markup.
- Text of the brief never becomes markup: in the HTML it is escaped (``&``, ``<``, ``>``,
  both quotes); the panels' data is JSON in a ``<script type="application/json">`` block,
  with ``<``, ``>``, ``&`` and the line separators U+2028 and U+2029 written as ``\\u``
  escapes so that nothing in it can close the block, and the script puts it on the page
  as text only (``textContent``, never as HTML).
- The SVG is read and written again with an XML parser, which escapes every text and
  attribute value, whatever Graphviz left as it was; its comments and doctype are dropped.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from argmap.diagnostics import Diagnostic
from argmap.evaluate import VERDICT_SYMBOLS, Evaluation, Verdict
from argmap.model import ArgumentMap, Node

__all__ = ["BINARY", "EXPORTS", "NAME", "SUFFIX", "export", "page_data"]

# What this module exports (read by argmap.exporters.formats()): --format name → file
# suffixes, the usual first.
EXPORTS = {"html": (".html", ".htm")}
BINARY = False
NAME = next(iter(EXPORTS))
SUFFIX = EXPORTS[NAME][0]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_NODE_NAME = re.compile(r"n[0-9]+")  # a node of the map (not an inference, not the legend)
TREE_WIDTH = 110  # columns of the tree tab

_STYLE = """
:root { --pro: #DCEAF7; --con: #F4A862; --line: #999; --ink: #111; --muted: #555; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 Helvetica, Arial, sans-serif; color: var(--ink); }
header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center;
  padding: .5rem 1rem; border-bottom: 1px solid var(--line); }
header h1 { font-size: 1.1rem; margin: 0; flex: 1 1 20rem; }
nav button, .zoom button { font: inherit; padding: .2rem .7rem; border: 1px solid var(--line);
  background: #fff; border-radius: 4px; cursor: pointer; }
nav button[aria-selected="true"] { background: var(--ink); color: #fff; }
#search { font: inherit; padding: .2rem .5rem; width: 16rem; }
main { position: relative; }
#map-view { position: relative; height: calc(100vh - 3.5rem); overflow: hidden;
  cursor: grab; background: #fff; }
#map-view.dragging { cursor: grabbing; }
#canvas { transform-origin: 0 0; position: absolute; left: 0; top: 0; }
#canvas svg { display: block; }
g.node[data-node] { cursor: pointer; }
g.node[data-node]:focus { outline: none; }
g.node.selected polygon, g.node.selected path { stroke-width: 4; }
g.node.match polygon, g.node.match path { stroke: #000; stroke-width: 5; }
.searching g.node[data-node]:not(.match) { opacity: .25; }
.zoom { position: absolute; right: 1rem; top: 1rem; display: flex; gap: .3rem; }
#legend { position: absolute; left: 1rem; bottom: 1rem; background: #fff;
  border: 1px solid var(--line); border-radius: 6px; padding: .4rem .7rem; font-size: 12px; }
#legend h2 { font-size: 12px; margin: 0 0 .2rem; }
#legend ul { list-style: none; margin: 0; padding: 0; }
.swatch { display: inline-block; width: 1.6em; height: 1em; margin-right: .4em;
  vertical-align: middle; border: 1px solid #333; border-radius: 3px; }
.swatch.pro { background: var(--pro); }
.swatch.con { background: var(--con); }
.swatch.both { background: linear-gradient(90deg, var(--pro), var(--con)); }
.swatch.out { border-style: dashed; }
.swatch.undecided { border-style: dotted; }
#panel { position: absolute; right: 0; top: 0; width: min(28rem, 100%); height: 100%;
  overflow: auto; background: #fff; border-left: 1px solid var(--line); padding: 1rem;
  box-shadow: -4px 0 12px rgba(0, 0, 0, .12); }
#panel h2 { font-size: 1.1rem; margin: 0 2rem .5rem 0; }
#panel h3 { font-size: .9rem; margin: 1rem 0 .2rem; text-transform: uppercase;
  letter-spacing: .04em; color: var(--muted); }
#panel ul { margin: 0; padding-left: 1.2rem; }
#panel .close { position: absolute; right: 1rem; top: 1rem; }
#panel p { margin: .2rem 0; white-space: pre-wrap; }
#panel .underline { text-decoration: underline; }
#panel .emphasis { font-weight: bold; text-decoration: underline; }
#panel mark { background: #FFF176; }
#panel .read-time { color: var(--muted); }
.tab { padding: 1rem; }
pre.tree { font: 13px/1.35 Menlo, Consolas, monospace; white-space: pre; overflow: auto; }
table.flow { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
table.flow th, table.flow td { border: 1px solid var(--line); padding: .3rem .4rem;
  vertical-align: top; text-align: left; font-size: 12px; }
table.flow th.aff, table.flow th.pro { background: var(--pro); }
table.flow th.neg, table.flow th.con { background: var(--con); }
table.flow .card, table.flow .marks, table.flow .overflow { display: block; color: var(--muted); }
[hidden] { display: none !important; }
@media print {
  header nav, #search, .zoom, #panel, #legend { display: none !important; }
  body { font-size: 10pt; }
  #map-view { height: auto; overflow: visible; }
  #canvas { position: static; transform: none !important; }
  #canvas svg { width: 100%; height: auto; }
  .tab, #map-tab { display: block !important; break-before: page; }
  #map-tab { break-before: auto; }
  pre.tree { white-space: pre-wrap; font-size: 8pt; }
  table.flow { break-inside: auto; }
  table.flow tr { break-inside: avoid; }
}
"""

_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var view = document.getElementById("map-view");
  var canvas = document.getElementById("canvas");
  var svg = canvas.querySelector("svg");
  var panel = document.getElementById("panel");
  var scale = 1, x = 0, y = 0;

  function apply() {
    canvas.style.transform = "translate(" + x + "px," + y + "px) scale(" + scale + ")";
  }
  function fit() {
    var box = svg.getBoundingClientRect();
    var width = box.width / scale, height = box.height / scale;
    scale = Math.min(view.clientWidth / width, view.clientHeight / height, 1);
    x = (view.clientWidth - width * scale) / 2;
    y = Math.max(0, (view.clientHeight - height * scale) / 2);
    apply();
  }
  function zoomAt(factor, px, py) {
    var next = Math.min(8, Math.max(0.05, scale * factor));
    x = px - (px - x) * next / scale;
    y = py - (py - y) * next / scale;
    scale = next;
    apply();
  }
  view.addEventListener("wheel", function (event) {
    event.preventDefault();
    var box = view.getBoundingClientRect();
    zoomAt(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX - box.left, event.clientY - box.top);
  }, { passive: false });
  // A drag pans the map; a click that ends a drag opens nothing.
  var drag = null, dragged = false;
  view.addEventListener("pointerdown", function (event) {
    if (event.button !== 0 || panel.contains(event.target)) { return; }
    drag = { x: event.clientX, y: event.clientY, startX: x, startY: y };
    dragged = false;
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    if (!(event.buttons & 1)) { drag = null; return; }
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { dragged = true; view.classList.add("dragging"); }
    if (!dragged) { return; }
    x = drag.startX + dx;
    y = drag.startY + dy;
    apply();
  });
  window.addEventListener("pointerup", function () {
    drag = null;
    view.classList.remove("dragging");
  });
  function middle() { return [view.clientWidth / 2, view.clientHeight / 2]; }
  document.getElementById("zoom-in").addEventListener("click", function () {
    var m = middle(); zoomAt(1.25, m[0], m[1]);
  });
  document.getElementById("zoom-out").addEventListener("click", function () {
    var m = middle(); zoomAt(1 / 1.25, m[0], m[1]);
  });
  document.getElementById("zoom-fit").addEventListener("click", fit);

  function add(parent, tag, text, className) {
    var element = document.createElement(tag);
    if (text !== undefined) { element.textContent = text; }
    if (className) { element.className = className; }
    parent.appendChild(element);
    return element;
  }
  function section(title, lines) {
    if (!lines || !lines.length) { return; }
    add(panel, "h3", title);
    var list = add(panel, "ul");
    lines.forEach(function (line) { add(list, "li", line); });
  }
  var selected = null;
  function show(name) {
    var node = data.nodes[name];
    if (!node) { return; }
    if (selected) { selected.classList.remove("selected"); }
    selected = svg.querySelector('g.node[data-node="' + name + '"]');
    if (selected) { selected.classList.add("selected"); }
    panel.textContent = "";
    var close = add(panel, "button", "\\u00d7", "close");
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", hide);
    add(panel, "h2", node.title);
    add(panel, "p", node.what);
    if (node.verdict) { add(panel, "p", node.verdict, "verdict"); }
    if (node.text && !node.card) { add(panel, "h3", "Text"); add(panel, "p", node.text); }
    if (node.citation || node.card) { add(panel, "h3", "Card"); }
    if (node.citation) { add(panel, "p", node.citation); }
    if (node.card) {
      var body = add(panel, "p", undefined, "card-text");
      node.card.runs.forEach(function (run) {
        var piece = add(body, run[1].indexOf("h") !== -1 ? "mark" : "span", run[0]);
        if (run[1].indexOf("u") !== -1) { piece.classList.add("underline"); }
        if (run[1].indexOf("e") !== -1) { piece.classList.add("emphasis"); }
      });
      var cite = add(panel, "ul");
      node.card.cite.forEach(function (line) { add(cite, "li", line); });
      add(panel, "p", node.card.read, "read-time");
    }
    section("Why", node.trace);
    section("Findings", node.findings);
    panel.hidden = false;
  }
  function hide() {
    panel.hidden = true;
    if (selected) { selected.classList.remove("selected"); selected = null; }
  }
  svg.querySelectorAll("g.node[data-node]").forEach(function (group) {
    group.addEventListener("click", function (event) {
      if (dragged) { dragged = false; return; }
      event.stopPropagation();
      show(group.getAttribute("data-node"));
    });
    group.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        show(group.getAttribute("data-node"));
      }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); }
  });

  var search = document.getElementById("search");
  search.addEventListener("input", function () {
    var query = search.value.trim().toLowerCase();
    var first = null;
    // In the drawing's order: the brief's, section by section.
    svg.querySelectorAll("g.node[data-node]").forEach(function (group) {
      var name = group.getAttribute("data-node");
      var hit = query !== "" && data.nodes[name].search.indexOf(query) !== -1;
      group.classList.toggle("match", hit);
      if (hit && !first) { first = name; }
    });
    view.classList.toggle("searching", query !== "");
    search.setAttribute("data-first", first || "");
  });
  search.addEventListener("keydown", function (event) {
    var first = search.getAttribute("data-first");
    if (event.key === "Enter" && first) { showTab("map"); show(first); }
  });

  var tabs = document.querySelectorAll("nav button");
  function showTab(name) {
    tabs.forEach(function (tab) {
      var on = tab.getAttribute("data-tab") === name;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      document.getElementById(tab.getAttribute("aria-controls")).hidden = !on;
    });
  }
  tabs.forEach(function (tab) {
    tab.addEventListener("click", function () { showTab(tab.getAttribute("data-tab")); });
  });
  fit();
})();
"""


def _json_for_html(value: object) -> str:
    """JSON that cannot end the ``<script>`` block it is in, nor be read as markup."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for character, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(character, escape)
    return text


def _hash(source: str) -> str:
    """A CSP source naming ``source`` by its SHA-256 hash."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _what(node: Node, side: str | None) -> str:
    kind = "argument" if node.type == "argument" else node.kind
    return f"{kind}, {side}" if side else kind


def page_data(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
) -> dict[str, dict[str, object]]:
    """What the panel of each node shows, by its name in the drawing (``n1``, ``n2``…):
    title, what it is and its side, verdict, text, citation, the reasoning behind the
    verdict (as ``argmap trace`` gives it) and findings; ``search`` is what the search box
    looks in."""
    from argmap.exporters.dot import SIDE_KEYS, SIDE_NAMES
    from argmap.sides import sides
    from argmap.views.text import clean
    from argmap.views.trace import explanation_lines

    node_sides = sides(amap.whole or amap)
    by_node: dict[str, list[str]] = {}
    for finding in findings:
        if finding.node is not None:
            by_node.setdefault(finding.node, []).append(
                f"{finding.severity.value} {finding.code} {finding.rule}: {finding.message}"
            )
    nodes: dict[str, dict[str, object]] = {}
    for index, node in enumerate(amap.nodes, 1):
        found = node_sides.get(node.id)
        side = SIDE_NAMES[SIDE_KEYS[found]] if found else None
        text = node.plain_text if node.plain_text is not None else node.text
        verdict: Verdict | None = None
        trace: list[str] = []
        if evaluation is not None and node.id in evaluation.verdicts:
            verdict = evaluation.verdicts[node.id]
            trace = [clean(line) for line in explanation_lines(amap, evaluation, node.id)]
        title = clean(node.label)
        entry: dict[str, object] = {
            "title": title,
            "what": _what(node, side),
            "verdict": f"{VERDICT_SYMBOLS[verdict]} {verdict.value}" if verdict else "",
            "text": clean(text or ""),
            "citation": clean(node.citation or "") if node.is_evidence else "",
            "trace": trace,
            "findings": [clean(line) for line in by_node.get(node.id, [])],
        }
        if node.is_evidence and node.text:
            entry["card"] = _card(node)
        entry["search"] = f"{title} {entry['text']} {entry['citation']}".lower()
        nodes[f"n{index}"] = entry
    return nodes


def _card(node: Node) -> dict[str, object]:
    """An evidence statement as a card: its text in runs with their marks (u: underlined,
    e: emphasis, h: highlighted, as the card convention writes them), its cite field by
    field, and the words read aloud and how long that takes."""
    from argmap.cards import CITE_FIELDS, card_of
    from argmap.views.text import clean

    card = card_of(node)
    runs = [
        [
            clean(run.text),
            ("u" if run.underline else "")
            + ("e" if run.emphasis else "")
            + ("h" if run.highlight else ""),
        ]
        for run in card.runs
    ]
    fields = []
    if card.cite is not None:
        for name in CITE_FIELDS:
            value = getattr(card.cite, name)
            if value:
                fields.append(f"{name}: {clean(str(value))}")
    read = "highlighted words" if card.highlighted else "words"
    return {
        "runs": runs,
        "cite": fields,
        "read": f"{card.words} {read} read aloud, {card.seconds:.0f} s",
    }


def _inline_svg(svg: bytes) -> str:
    """Graphviz's SVG, read and written again (every text and attribute escaped, no
    comments, no doctype), with each node of the map marked for the script: its name in
    ``data-node``, and focusable with the keyboard."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg)
    for group in root.iter(f"{{{SVG_NS}}}g"):
        if group.get("class") != "node":
            continue
        title = group.find(f"{{{SVG_NS}}}title")
        name = title.text if title is not None else None
        if name and _NODE_NAME.fullmatch(name):
            group.set("data-node", name)
            group.set("tabindex", "0")
            group.set("role", "button")
    root.set("role", "img")
    root.set("aria-label", "The argument map")
    return ET.tostring(root, encoding="unicode")


def _tree_text(
    amap: ArgumentMap, evaluation: Evaluation | None, findings: Sequence[Diagnostic]
) -> str:
    """The tree as ``argmap show`` prints it without colour."""
    from rich.console import Console

    from argmap.views.tree import render_tree

    out = io.StringIO()
    console = Console(file=out, width=TREE_WIDTH, color_system=None, highlight=False)
    render_tree(console, amap, evaluation, list(findings))
    return out.getvalue()


def _flow_tables(amap: ArgumentMap, evaluation: Evaluation | None) -> list[str]:
    """The flow's sheets as HTML tables: one per position, a column per speech."""
    from argmap.flow import sheets
    from argmap.views.flow_sheets import html_table

    out: list[str] = []
    for sheet in sheets(amap, evaluation):
        out.append(f"<h2>{_escape(sheet.name)} ({_escape(sheet.side)})</h2>")
        out.append(html_table(amap, sheet, css_class="flow"))
    return out


def _legend() -> str:
    """The map's key, as the picture's own legend says it (colours from the DOT export)."""
    return (
        '<aside id="legend" aria-label="Legend"><h2>Legend</h2><ul>'
        '<li><span class="swatch pro"></span>thesis side</li>'
        '<li><span class="swatch con"></span>opponent side</li>'
        '<li><span class="swatch both"></span>both sides</li>'
        '<li><span class="swatch"></span>✓ in · '
        '<span class="swatch out"></span>✗ out · '
        '<span class="swatch undecided"></span>? undecided</li>'
        "<li>⚠ findings, by rule name</li>"
        "<li>the full key is drawn on the map</li>"
        "</ul></aside>"
    )


def export(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
    *,
    layout: str = "dot",
    timeout: float | None = None,
) -> str:
    """The map as one self-contained HTML page (see the module docstring). Needs Graphviz
    (a :class:`~argmap.exporters.graphviz.GraphvizError` says how to install it), which
    draws the map with ``layout`` (``dot`` or ``sfdp``) within ``timeout`` seconds."""
    from argmap.exporters import dot, graphviz

    source = dot.export(amap, evaluation, findings)
    svg = graphviz.render(source, "svg", layout, timeout or graphviz.DEFAULT_TIMEOUT)
    title = amap.title or "Argument map"
    data = {"nodes": page_data(amap, evaluation, findings)}
    policy = (
        "default-src 'none'; "
        f"script-src {_hash(_SCRIPT)}; style-src {_hash(_STYLE)}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_escape(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_escape(title)}</h1>",
        '<nav aria-label="Views">',
        '<button type="button" data-tab="map" aria-controls="map-tab" '
        'aria-selected="true">Map</button>',
        '<button type="button" data-tab="tree" aria-controls="tree-tab" '
        'aria-selected="false">Tree</button>',
        '<button type="button" data-tab="flow" aria-controls="flow-tab" '
        'aria-selected="false">Flow</button>',
        "</nav>",
        '<input id="search" type="search" placeholder="Search the map" '
        'aria-label="Search the map" autocomplete="off">',
        "</header>",
        "<main>",
        '<section id="map-tab">',
        '<div id="map-view">',
        f'<div id="canvas">{_inline_svg(svg)}</div>',
        '<div class="zoom"><button type="button" id="zoom-in" aria-label="Zoom in">+</button>'
        '<button type="button" id="zoom-out" aria-label="Zoom out">−</button>'
        '<button type="button" id="zoom-fit">Fit</button></div>',
        _legend(),
        '<aside id="panel" aria-live="polite" hidden></aside>',
        "</div>",
        "</section>",
        '<section id="tree-tab" class="tab" hidden>',
        f'<pre class="tree">{_escape(_tree_text(amap, evaluation, findings))}</pre>',
        "</section>",
        '<section id="flow-tab" class="tab" hidden>',
        *_flow_tables(amap, evaluation),
        "</section>",
        "</main>",
        f'<script type="application/json" id="argmap-data">{_json_for_html(data)}</script>',
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)
