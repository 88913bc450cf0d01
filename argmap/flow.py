"""The brief as a debate flow: one column per speech, each answer beside what it answers.

The case (each thesis and the claims supporting it) fills the first column; a rebuttal
goes in the next column on the row of the claim it attacks, a response to the rebuttal in
the column after, and so on. Evidence appears inside the cell of the claim it supports.
Speech formats are data: adding one is one line in :data:`FORMATS`.

:func:`flow` lays the whole brief out as one flow (``argmap flow`` in a terminal);
:func:`sheets` lays it out as a debater keeps it on paper (``argmap flow -o``): one sheet
for each thesis's case, and one sheet for each *off-case position*, an argument that
answers the thesis itself (a disadvantage, a counterplan, a critique), starting in the
second speech's column. Every cell carries the marks a debater writes on a flow
(:class:`Mark`; docs/flow.md).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from argmap.evaluate import Evaluation, Verdict, is_turn
from argmap.model import SUPPORTS, SYMMETRIC, ArgumentMap
from argmap.sides import CON, PRO, sides

__all__ = [
    "FORMATS",
    "SIDE_LABELS",
    "Cell",
    "Flow",
    "Mark",
    "Sheet",
    "flow",
    "sheets",
    "speech_words",
]

# Speeches in order, starting with the speech that presents the case. Policy's are the
# columns of Verbatim's flow template ("Block" is the 2NC and 1NR, the negative's two
# speeches in a row).
FORMATS: dict[str, tuple[str, ...]] = {
    "policy": ("1AC", "1NC", "2AC", "Block", "1AR", "2NR", "2AR"),
    "ld": ("AC", "NC", "1AR", "NR", "2AR"),
    "pf": ("Case", "Rebuttal", "Rebuttal", "Summary", "Summary", "Final focus", "Final focus"),
    "generic": (),
}
# What each format calls the side of the thesis, and the other side.
SIDE_LABELS: dict[str, tuple[str, str]] = {
    "policy": ("Aff", "Neg"),
    "ld": ("Aff", "Neg"),
    "pf": ("Pro", "Con"),
    "generic": ("Pro", "Con"),
}
_GENERIC = ("Case", "Rebuttal", "Response")


class Mark(str, enum.Enum):
    """What happened to an argument in the round, in the words debaters use. None of
    them is a relation symbol (``+``, ``-``, ``_``, ``><``, ``<``, ``>``)."""

    CARD = "answered with a card"  # some answer is a card, or has a card read for it
    ANALYTIC = "answered analytically"  # answered, and no answer has a card
    EXTENDED = "extended"  # every answer to it is answered in turn
    DROPPED = "dropped (conceded)"  # an answer or position the other side never answers
    TURNED = "turned"  # some answer is a turn (#turn): it counts for the other side
    TURN = "turn"  # this argument is a turn


@dataclass
class Cell:
    """One argument on the flow, with the evidence read for it and its marks."""

    node: str
    evidence: list[str] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    verdict: Verdict | None = None
    overflow: bool = False  # deeper than the format's last speech


@dataclass
class Flow:
    """Rows of cells under ``columns`` (speech names); ``sides`` names the side that
    speaks in each column (Aff/Neg, Pro/Con); ``standard`` the evaluation standard of the
    cells' verdicts."""

    columns: list[str]
    rows: list[list[Cell | None]]
    sides: list[str] = field(default_factory=list)
    standard: str | None = None  # of the verdicts in the cells, if any


@dataclass
class Sheet:
    """One position on its own sheet: a thesis's case (``kind`` "case") or an off-case
    position ("off-case"), and the side that made it."""

    name: str  # the position's title, as written
    position: str  # its node id
    kind: str
    side: str
    flow: Flow


def _column_names(name: str, used: int) -> list[str]:
    speeches = FORMATS[name]
    if speeches:
        return list(speeches)
    names = []
    for index in range(max(used, 1)):
        if index == 0:
            names.append(_GENERIC[0])
        else:
            round_ = (index + 1) // 2
            base = _GENERIC[1] if index % 2 else _GENERIC[2]
            names.append(base if round_ == 1 else f"{base} {round_}")
    return names


class _Layout:
    """The relations a flow follows, read once from the map, and the cells laid out."""

    def __init__(self, amap: ArgumentMap, evaluation: Evaluation | None) -> None:
        self.amap = amap
        self.evaluation = evaluation
        self.attackers: dict[str, list[str]] = {}
        self.supporters: dict[str, list[str]] = {}
        for edge in amap.edges:
            if edge.source == edge.target:
                continue
            if edge.relation in SUPPORTS:
                self.supporters.setdefault(edge.target, []).append(edge.source)
            else:
                self.attackers.setdefault(edge.target, []).append(edge.source)
                if edge.relation in SYMMETRIC:
                    self.attackers.setdefault(edge.source, []).append(edge.target)
        # A reconstructed argument is placed under its main conclusion, with its premises
        # and intermediary conclusions (and the cards among them) under it; undercuts of
        # its inferences answer it.
        for node in amap.nodes:
            for member in node.pcs:
                if member.statement not in amap:
                    continue
                if member is node.pcs[-1]:
                    self.supporters.setdefault(member.statement, []).append(node.id)
                else:
                    self.supporters.setdefault(node.id, []).append(member.statement)
        self.placed: set[str] = set()
        self._has_card: dict[str, bool] = {}

    def has_card(self, node_id: str) -> bool:
        """Whether ``node_id`` is a card, or a card is read for it (remembered: an answer
        to many arguments is asked about once each)."""
        known = self._has_card.get(node_id)
        if known is None:
            amap = self.amap
            known = self._has_card[node_id] = amap.node(node_id).is_evidence or any(
                amap.node(supporter).is_evidence for supporter in self.supporters.get(node_id, [])
            )
        return known

    def marks(self, node_id: str, column: int) -> list[Mark]:
        answers = [a for a in dict.fromkeys(self.attackers.get(node_id, [])) if a != node_id]
        marks: list[Mark] = []
        if is_turn(self.amap.node(node_id)):
            marks.append(Mark.TURN)
        if not answers:
            # The case is read whole, answered or not; an answer or a position that the
            # other side leaves alone is conceded.
            if column > 0:
                marks.append(Mark.DROPPED)
            return marks
        marks.append(Mark.CARD if any(self.has_card(a) for a in answers) else Mark.ANALYTIC)
        if any(is_turn(self.amap.node(a)) for a in answers):
            marks.append(Mark.TURNED)
        if all(self.attackers.get(a) for a in answers):
            marks.append(Mark.EXTENDED)
        return marks

    def entries(
        self, start: str, column: int, leave: frozenset[str] = frozenset()
    ) -> list[tuple[int, Cell, bool]]:
        """The cells from ``start`` in ``column``, depth first: (column, cell, beside the
        previous entry). ``leave`` are answers of ``start`` laid out elsewhere."""
        entries: list[tuple[int, Cell, bool]] = []
        stack: list[tuple[str, int, bool]] = [(start, column, False)]
        while stack:
            node_id, column, beside = stack.pop()
            if node_id in self.placed:
                continue
            self.placed.add(node_id)
            cell = Cell(node_id, marks=self.marks(node_id, column))
            if self.evaluation is not None:
                cell.verdict = self.evaluation.verdicts[node_id]
            follow: list[tuple[str, int, bool]] = []
            for supporter in self.supporters.get(node_id, []):
                if self.amap.node(supporter).is_evidence and supporter not in self.placed:
                    cell.evidence.append(supporter)
                    self.placed.add(supporter)
                elif supporter not in self.placed:
                    follow.append((supporter, column, False))
            answers = [
                a
                for a in self.attackers.get(node_id, [])
                if a not in self.placed and not (node_id == start and a in leave)
            ]
            entries.append((column, cell, beside))
            # Answers come first (beside this cell), then this claim's supporting claims.
            children = [(a, column + 1, index == 0) for index, a in enumerate(answers)] + follow
            stack.extend(reversed(children))
        return entries


def _rows(entries: list[tuple[int, Cell, bool]], width: int) -> list[list[Cell | None]]:
    """The entries in rows ``width`` columns wide; cells deeper than the last column go
    in the last one, marked ``overflow``."""
    last = width - 1
    rows: list[list[Cell | None]] = []
    for column, cell, beside in entries:
        if column > last:
            cell.overflow = True
            column = last
        if beside and rows and rows[-1][column] is None:
            rows[-1][column] = cell
        else:
            row: list[Cell | None] = [None] * width
            row[column] = cell
            rows.append(row)
    return rows


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown flow format {fmt!r}; choose from {', '.join(FORMATS)}")


def _column_sides(fmt: str, first: str, count: int) -> list[str]:
    """The side speaking in each of ``count`` columns, the first on side ``first``."""
    labels = SIDE_LABELS[fmt]
    start = 0 if first == PRO else 1
    return [labels[(start + index) % 2] for index in range(count)]


def _side_of(node_sides: dict[str, frozenset[str]], node_id: str) -> str:
    # A node on both sides (or on none, outside every thesis's reach) counts as the
    # thesis's side, which the flow starts from.
    return CON if node_sides.get(node_id) == frozenset({CON}) else PRO


def flow(amap: ArgumentMap, evaluation: Evaluation | None = None, fmt: str = "policy") -> Flow:
    """Lay out ``amap`` as a flow in speech format ``fmt`` (see :data:`FORMATS`), from
    its focus (if any) and theses."""
    _check_format(fmt)
    layout = _Layout(amap, evaluation)
    entries = [entry for root in amap.roots for entry in layout.entries(root.id, 0)]
    used = max((column for column, _, _ in entries), default=0) + 1
    columns = _column_names(fmt, used)
    # Sides come from the brief's theses, also in a part of it (which side a rebuttal of
    # the focus is on does not change when the rest is left out).
    first = _side_of(sides(amap.whole or amap), amap.roots[0].id) if amap.roots else PRO
    return Flow(
        columns,
        _rows(entries, len(columns)),
        _column_sides(fmt, first, len(columns)),
        evaluation.standard.value if evaluation is not None else None,
    )


def sheets(
    amap: ArgumentMap, evaluation: Evaluation | None = None, fmt: str = "policy"
) -> list[Sheet]:
    """Lay out ``amap`` on sheets as a debater keeps a flow: for each root (the focus, if
    any, and the theses) a sheet with its case, then one sheet for each argument that
    answers the root itself (an off-case position), starting in the second column.
    Every sheet has the same columns: the format's speeches.

    >>> import argmap
    >>> amap = argmap.loads("[Plan]: Do it. #thesis\\n  - [CP]: Do it another way.")
    >>> [(s.name, s.kind, s.side, s.flow.columns[:2]) for s in sheets(amap)]
    [('Plan', 'case', 'Aff', ['1AC', '1NC']), ('CP', 'off-case', 'Neg', ['1AC', '1NC'])]
    """
    _check_format(fmt)
    layout = _Layout(amap, evaluation)
    node_sides = sides(amap.whole or amap)
    labels = SIDE_LABELS[fmt]
    laid: list[tuple[str, str, str, list[tuple[int, Cell, bool]]]] = []
    for root in amap.roots:
        if root.id in layout.placed:
            continue
        positions = [
            a
            for a in dict.fromkeys(layout.attackers.get(root.id, []))
            if a != root.id and a not in layout.placed
        ]
        case = layout.entries(root.id, 0, frozenset(positions))
        laid.append((root.id, "case", _side_of(node_sides, root.id), case))
        for position in positions:
            if position in layout.placed:
                continue  # laid out already, on the case sheet or on another position's
            laid.append(
                (position, "off-case", _side_of(node_sides, position), layout.entries(position, 1))
            )
    used = max((column for *_, entries in laid for column, _, _ in entries), default=0) + 1
    columns = _column_names(fmt, used)
    first = laid[0][2] if laid else PRO
    column_sides = _column_sides(fmt, first, len(columns))
    standard = evaluation.standard.value if evaluation is not None else None
    return [
        Sheet(
            amap.node(node_id).title,
            node_id,
            kind,
            labels[0 if side == PRO else 1],
            Flow(columns, _rows(entries, len(columns)), column_sides, standard),
        )
        for node_id, kind, side, entries in laid
    ]


def speech_words(amap: ArgumentMap, result: Flow) -> list[int]:
    """The words read in each column's speech: each argument's text (its title when it
    has none) and, for each card, its tag and the words read of the card (the
    highlighted ones, or all: :func:`argmap.cards.read_words`)."""
    from argmap.cards import card_text, read_words, word_count

    words = [0] * len(result.columns)
    for row in result.rows:
        for index, cell in enumerate(row):
            if cell is None:
                continue
            node = amap.node(cell.node)
            if node.is_evidence:
                words[index] += word_count(node.title) + read_words(card_text(node))[0]
            else:
                words[index] += word_count(card_text(node) or node.title)
            for card_id in cell.evidence:
                card = amap.node(card_id)
                words[index] += word_count(card.title) + read_words(card_text(card))[0]
    return words
