"""The Argdown export: the map written back as canonical Argdown.

Reading the export with :func:`argmap.loads` gives the same map: the same nodes (ids,
titles, types, kinds, texts with their bold and italic markers, tags, data, sections,
whether they are untitled or only referenced), the same relations (and the inference
each undercut of one targets), premise–conclusion structures (members, roles, numbers,
inference rules and data), sections and front matter, in the same order
(:func:`fingerprint` is what is compared, the same fingerprint ``argmap fmt`` compares).
:func:`export` checks this on its own output before returning it and raises
:class:`ExportError` rather than return text that reads back differently.

Layout:

- the front matter, as block YAML between ``===`` lines;
- the statements and arguments before the first heading, then each heading (with its
  tags and ``{…}`` data) followed by the nodes of its section;
- every node written once, as a top-level block in the order of the brief: its
  definition ``[Title]: text #tags {data}`` (data as a YAML flow mapping), or a reference
  ``[Title] #tags {data}`` when it is only referenced, or its text alone when it is
  untitled;
- each relation indented two spaces under whichever of its two nodes comes later, with
  ``+``/``-``/``_`` when that is the target (``+ [Source]``) and ``+>``/``->``/``_>`` when
  it is the source (``+> [Target]``); a contradiction ``A >< B`` always under ``A``
  (Argdown stores it in the direction written), in an extra ``[A]`` block after ``B``
  when ``B`` comes later. So no reference ever comes before the node's own block, which
  keeps the order of the nodes, the numbering of untitled statements and the section of
  nodes that are only referenced;
- each reconstructed argument's premise–conclusion structure as Argdown writes it: the
  argument's block, a blank line, the numbered members (``(1) …``, numbers as read) and
  the inference lines (``----`` or ``-- rule, rule {data} --``), each inference's
  undercuts under its line (``  _ [U]``, or under the conclusion when the undercutter
  comes after it in the brief). The structure comes as soon as the nodes before its
  first new one are written: right after the argument's own block if it can, else after
  a reference ``<A>``. A member that comes next in the brief is defined there; so is a
  node that comes next and is related to a member (or to a node in a member's list, or
  one a reference there names), in that member's relation list — so the order of the
  nodes and the numbering of untitled statements and arguments stay as they were. An
  argument in such a list (``+ <B>``) says its main conclusion's relation, as Argdown
  reads it. An untitled structure is written where its argument comes, and, if an
  argument's block would come right before it (and take it as its reconstruction), after
  a reference to the last statement written before it.

Details that keep the map the same:

- Text is written from the tokens it was read from (the brief is re-lexed): tags, bold
  and italic markers stay as they were; links, mentions and shortcodes too where they
  read back the same; escapes as the brief wrote them. Each text is then re-lexed in its
  new place and, where Argdown would read something else there, spelled differently
  until it reads back exactly: another character escaped (``\\x``) or unescaped, a
  space written as a line break, an empty comment ``/**/`` after a tag whose name would
  run on (a tag name may contain ``\\``, ``[`` or ``]``), a link written as its text
  (:func:`escape_text` does the same for any string).
- Comments are not part of the map and are not exported (``argmap fmt`` keeps them).
- Untitled statements are written untitled, in order, so Argdown numbers them
  ``Untitled 1``, ``Untitled 2``, … again; relations refer to them by those titles.
- Tags that come from references rather than the canonical text are written on a
  reference ``[Title] #tag`` after the definition (or, to keep their order, on one
  before it); a node first written in an earlier section than the one it belongs to
  (``{isInGroup: true}``, or first referenced) gets a reference there and its definition
  in its own section.
- An argument whose title starts with ``+`` or ``_`` is written as a one-item list
  (``* <+x>: …``), since ``<+`` and ``<_`` at the start of a line are relation markers.
- An inference's rules are written as they are where they read back so, else with every
  character other than letters, digits and spaces escaped.

:class:`ExportError` is raised, rather than writing something else, for:

- a map read from a brief with syntax errors (what Argdown could not read is not in
  the map, so the export would drop it silently);
- titles that Argdown cannot write — a statement title with ``]`` or an argument title
  with ``>``, a title starting with ``-`` (Argdown reads ``[-x]`` as text, not as a
  reference), a line break in a title — named in the message; a titled statement called
  ``Untitled N`` in a brief with N or more untitled statements (Argdown's numbering
  would merge them); an untitled statement referred to by its generated title in a way
  that moves it to another section or reorders its tags;
- a text that no spelling reads back unchanged: only contrived ones, such as an empty
  italic ``**`` (``*`` then ``*``) that the brief kept apart from the next word with a
  line break that adds no space to the text;
- a reconstructed argument whose title starts with ``+`` or ``_``: its structure must
  follow a block that starts with it, and the list item that could hold it ends it (in
  Argdown, a structure after a list is an untitled argument's);
- an untitled structure whose nodes cannot all be written in it in the brief's order —
  for instance a node whose text holds a line break (a link over two lines), which no
  relation list can hold — named with the member it stops at; with an argument before
  it, such a structure can be written after the nodes instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap.diagnostics import SYNTAX_ERROR, Diagnostic
from argmap.evaluate import Evaluation
from argmap.exporters import ExportError
from argmap.exporters.argdown.fingerprint import difference, fingerprint
from argmap.exporters.argdown.flow import flow_yaml
from argmap.exporters.argdown.spelling import escape_text
from argmap.exporters.argdown.writer import Writer
from argmap.model import ArgumentMap

__all__ = [
    "BINARY",
    "EXPORTS",
    "NAME",
    "SUFFIX",
    "escape_text",
    "export",
    "fingerprint",
    "flow_yaml",
    "signature",
]

# What this module exports (read by argmap.exporters.formats()): --format name → file
# suffixes, the usual first.
EXPORTS = {"argdown": (".argdown", ".ad")}
BINARY = False
NAME = next(iter(EXPORTS))
SUFFIX = EXPORTS[NAME][0]

# The name this fingerprint had before ``argmap fmt`` shared it.
signature = fingerprint


def export(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: Sequence[Diagnostic] = (),
) -> str:
    """The exporter interface (see :mod:`argmap.exporters`); verdicts and findings are not
    part of Argdown and are left out.

    Raises :class:`ExportError` for a map read from a brief with syntax errors (the parts
    Argdown could not read are not in the map, so the export would silently drop them)
    and for titles Argdown cannot write.
    """
    errors = [d for d in amap.diagnostics if d.code == SYNTAX_ERROR.code]
    if errors:
        first = errors[0].span
        raise ExportError(
            f"{amap.file} has syntax errors (the first at line {first.line}, column "
            f"{first.column}: {errors[0].message}); the Argdown export would leave out "
            "what could not be read, so fix them first (argmap check)"
        )
    text = Writer(amap).write()
    _check_round_trip(amap, text)
    return text


def _check_round_trip(amap: ArgumentMap, text: str) -> None:
    from argmap.loader import loads

    differs = difference(fingerprint(amap), fingerprint(loads(text, amap.file)))
    if differs is not None:
        raise ExportError(
            f"the Argdown export of {amap.file} would not read back as the same map "
            f"(its {differs} differ); this is a bug in argmap, please report it"
        )
