"""Argdown's shortcodes: ``.name.`` or ``:name:`` in text stands for a symbol."""

from __future__ import annotations

__all__ = ["SHORTCODES"]

# name → symbol; each name works between dots and between colons alike.
_NAMES: dict[str, str] = {
    "A": "∀",
    "E": "∃",
    "O": "𝗢",
    "P": "𝗣",
    "->": "→",
    "<->": "↔",
    "~": "¬",
    "^": "∧",
    "v": "∨",
    "v_": "⊻",
    "<>": "◇",
    "[]": "◻",
    "happy": "😀",
    "smiley": "☺",
    "laugh": "😆",
    "lol": "😆",
    "rofl": "🤣",
    "joy": "😂",
    "heart": "❤",
    "?": "❓",
    "question": "❓",
    "love": "😍",
    "wink": "😉",
    "shush": "🤫",
    "meh": "😐",
    "eye-roll": "🙄",
    "sad": "😢",
    "disappointed": "😞",
    "scream": "😱",
    "+1": "👍",
    "up": "👍",
    "-1": "👎",
    "down": "👎",
    "think": "🤔",
    "star": "⭐",
    "y": "✔",
    "agree": "✔",
    "n": "❌",
    "disagree": "❌",
}

SHORTCODES: dict[str, str] = {}
for _name, _symbol in _NAMES.items():
    SHORTCODES[f".{_name}."] = _symbol
    SHORTCODES[f":{_name}:"] = _symbol
# The two spellings of "smile" differ in Argdown (the colon form adds a variation selector).
SHORTCODES[".smile."] = "☺"
SHORTCODES[":smile:"] = "☺️"
