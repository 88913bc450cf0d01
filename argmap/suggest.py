"""Suggestions for a title that was not found: "did you mean ...?".

A title that is almost right is usually a typo, a change of case, or a character that
looks like another one: a no-break space for a space, a typographic apostrophe for a
straight one, an invisible character, or the same letters in another Unicode
normalisation form. The hint names such a difference, since the reader cannot see it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Literal

from argmap.visible import visible

__all__ = ["Suggester", "did_you_mean"]

Brackets = Literal["[]", "<>", ""]

# Characters written for others that look alike: their look-alike, or "" when invisible.
_SPACES = (
    "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
)
_APOSTROPHES = "\u2018\u2019\u201b\u02bc\u2032\u00b4\u0060"
_QUOTES = "\u201c\u201d\u201f\u201e\u2033"

# Friendlier names than Unicode's for the characters a hint names most often.
_NAMES = {
    " ": "space",
    "'": "straight apostrophe '",
    '"': 'straight quote "',
    "\u00a0": "no-break space",
    "\u00ad": "soft hyphen",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space",
    "\u2018": "left single quotation mark \u2018",
    "\u2019": "right single quotation mark \u2019",
    "\u201c": "left double quotation mark \u201c",
    "\u201d": "right double quotation mark \u201d",
}

# How many pairs of titles one Suggester compares for close matches, at most: difflib
# compares one pair at a time, and many typos among many titles must not take quadratic
# time. Differences of case or hidden characters are found by lookup, at no such cost.
DEFAULT_BUDGET = 200_000


def _translation() -> dict[int, str]:
    from argmap.unicode_sets import CONTROLS, DEFAULT_IGNORABLE

    table = {
        code: "" for low, high in CONTROLS + DEFAULT_IGNORABLE for code in range(low, high + 1)
    }
    table.update({ord(c): " " for c in _SPACES})
    table.update({ord(c): "'" for c in _APOSTROPHES})
    table.update({ord(c): '"' for c in _QUOTES})
    for keep in "\t\n\r":
        table.pop(ord(keep), None)
    return table


_TRANSLATION: dict[int, str] | None = None


def skeleton(text: str) -> str:
    """``text`` as it looks: normalised (NFC), invisible characters removed, look-alike
    spaces, apostrophes and quotes made plain."""
    global _TRANSLATION
    if _TRANSLATION is None:
        _TRANSLATION = _translation()
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text).translate(_TRANSLATION)


def _name(char: str) -> str:
    name = _NAMES.get(char) or unicodedata.name(char, "control character").lower()
    article = "an" if name[0] in "aeiou" else "a"
    return f"{article} {name} U+{ord(char):04X}"


def _difference(wanted: str, candidate: str) -> str:
    """What tells ``candidate`` from ``wanted``, when their skeletons are the same."""
    import difflib

    parts: list[str] = []
    a, b = unicodedata.normalize("NFC", wanted), unicodedata.normalize("NFC", candidate)
    if a != wanted or b != candidate:
        parts.append("Unicode normalisation, NFC vs NFD")
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old, new = a[i1:i2], b[j1:j2]
        if op == "replace" and len(old) == len(new):
            for x, y in zip(old, new, strict=True):
                if x != y:
                    parts.append(f"{_name(y)} instead of {_name(x)}")
        else:
            parts.extend(_name(c) for c in old + new)
    unique = list(dict.fromkeys(parts))
    if not unique:
        return ""
    listed = unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]
    return f"it differs only by {listed}"


def _wrap(title: str, brackets: Brackets) -> str:
    shown = visible(title)
    return f"{brackets[0]}{shown}{brackets[1]}" if brackets else shown


class Suggester:
    """Suggestions among a fixed set of titles, for many wanted titles.

    Titles that differ from the wanted one only by case or by characters that look alike
    are found by lookup; close matches (typos) among the titles with the same first
    letter are searched with difflib, up to ``budget`` comparisons in all.
    """

    def __init__(self, candidates: Iterable[str], budget: int = DEFAULT_BUDGET) -> None:
        self._same: dict[str, list[str]] = {}
        self._folded: dict[str, list[str]] = {}
        self._initials: dict[str, list[str]] = {}
        self._pools: dict[str, list[str]] = {}
        self.budget = budget
        for title in dict.fromkeys(candidates):
            key = skeleton(title)
            self._same.setdefault(key, []).append(title)
            self._folded.setdefault(key.casefold(), []).append(title)
            self._pools.setdefault(key.strip()[:1].casefold(), []).append(title)

    def hint(self, wanted: str, brackets: Brackets = "[]") -> str:
        """``""``, or a hint such as ``"; did you mean [Rescue]?"`` naming up to three
        titles, with what tells them apart when it cannot be seen."""
        key = skeleton(wanted)
        same = [t for t in self._same.get(key, ()) if t != wanted]
        if same:
            title = same[0]
            why = _difference(wanted, title)
            return f"; did you mean {_wrap(title, brackets)}?" + (f" ({why})" if why else "")
        folded = [t for t in self._folded.get(key.casefold(), ()) if t != wanted]
        if folded:
            title = folded[0]
            why = "it differs only in case"
            if title.casefold() != wanted.casefold():
                # Case and characters that look alike differ: name the characters too.
                also = _difference(wanted.casefold(), title.casefold())
                why = also.replace("it differs only by", "it differs in case and by", 1)
            return f"; did you mean {_wrap(title, brackets)}? ({why})"
        return self._close(wanted, key, brackets)

    def _close(self, wanted: str, key: str, brackets: Brackets) -> str:
        import difflib

        pool = self._pools.get(key.strip()[:1].casefold(), [])
        if not pool or len(pool) > self.budget:
            return ""
        self.budget -= len(pool)
        folded: dict[str, str] = {}
        for title in pool:
            folded.setdefault(skeleton(title).casefold(), title)
        close = difflib.get_close_matches(key.casefold(), list(folded), n=3, cutoff=0.6)
        close = [folded[c] for c in close if folded[c] != wanted]
        if not close:
            return ""
        return "; did you mean " + " or ".join(_wrap(t, brackets) for t in close) + "?"


def did_you_mean(wanted: str, candidates: Iterable[str], brackets: Brackets = "[]") -> str:
    """``""`` or a hint such as ``"; did you mean [Rescue]?"`` for a title ``wanted``
    that is not among ``candidates``. ``brackets`` wraps the titles shown: ``"[]"`` for
    statements, ``"<>"`` for arguments, ``""`` for none. Hidden characters in them are
    shown visibly, and a difference that cannot be seen is named, as in
    ``"; did you mean [Rescue]? (it differs only by a zero-width space U+200B)"``."""
    return Suggester(candidates).hint(wanted, brackets)
