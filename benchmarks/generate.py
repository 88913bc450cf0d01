"""A deterministic generator of realistic briefs of N statements (valid Argdown).

Each brief has theses tagged ``#thesis``, support trees several levels deep, evidence
cards with citations, rebuttals answered by responses (some backed by evidence), level-1
and level-2 headings, reused evidence by reference, a few unsupported claims, and
unicode text (curly quotes, dashes, accented names). The same N and seed always give the
same bytes.

    python -m benchmarks.generate 10000 > brief.argdown
"""

from __future__ import annotations

import random
import sys

__all__ = ["generate"]

_SUBJECTS = [
    "the trilateral summit",
    "the information-sharing agreement",
    "the alliance’s deterrent",
    "regional cooperation",
    "the defence budget",
    "export controls",
    "the missile-defence network",
    "the joint exercise",
    "public opinion in Seoul",
    "Tokyo’s coalition",
]
_VERBS = [
    "strengthens",
    "weakens",
    "stabilises",
    "undermines",
    "reassures",
    "complicates",
    "depends on",
    "improves",
]
_OBJECTS = [
    "US influence in the Indo-Pacific",
    "the security environment",
    "trust between the allies",
    "the balance against China",
    "crisis communication",
    "the credibility of extended deterrence",
]
_AUTHORS = ["Müller", "Kim", "Tanaka", "García", "O’Brien", "Nguyễn", "Smith", "Park", "Sato"]


class _Brief:
    def __init__(self, n: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n = n
        self.count = 0
        self.lines: list[str] = []
        self.cards: list[str] = []

    def sentence(self) -> str:
        r = self.rng
        return (
            f"{r.choice(_SUBJECTS).capitalize()} {r.choice(_VERBS)} {r.choice(_OBJECTS)} — "
            f"“{r.choice(_OBJECTS)}” matters in {r.randint(1990, 2024)}."
        )

    def title(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix} {self.count}"

    def card(self, indent: int, marker: str) -> None:
        r = self.rng
        if self.cards and r.random() < 0.02:
            self.lines.append(f"{' ' * indent}{marker} [{r.choice(self.cards)}]")
            return
        title = self.title("Card")
        self.cards.append(title)
        author = r.choice(_AUTHORS)
        year = r.randint(1995, 2024)
        self.lines.append(
            f"{' ' * indent}{marker} [{title}]: {self.sentence()} #evidence "
            f'{{cite: "{author} {year}", url: "https://example.org/{self.count}"}}'
        )

    def claim_tree(self, indent: int, marker: str, depth: int) -> None:
        r = self.rng
        title = self.title("Claim")
        self.lines.append(f"{' ' * indent}{marker} [{title}]: {self.sentence()}")
        if self.count >= self.n:
            return
        if depth == 0 or r.random() < 0.03:
            if r.random() < 0.97:
                self.card(indent + 2, "+")
            return
        for _ in range(r.randint(1, 3)):
            if self.count >= self.n:
                return
            if r.random() < 0.55:
                self.card(indent + 2, "+")
            else:
                self.claim_tree(indent + 2, "+", depth - 1)
        if r.random() < 0.12 and self.count < self.n:
            self.rebuttal(indent + 2, depth)

    def rebuttal(self, indent: int, depth: int) -> None:
        title = self.title("Rebuttal")
        self.lines.append(f"{' ' * indent}- [{title}]: {self.sentence()}")
        if self.rng.random() < 0.5:
            self.card(indent + 2, "+")
        if self.count < self.n:
            response = self.title("Response")
            self.lines.append(f"{' ' * (indent + 2)}- [{response}]: {self.sentence()}")
            if self.rng.random() < 0.6:
                self.card(indent + 4, "+")

    def build(self) -> str:
        section = 0
        while self.count < self.n:
            section += 1
            self.lines += [f"# Contention {section}", ""]
            for sub in range(1, 3):
                self.lines += [f"## Subpoint {section}.{sub}", ""]
                for _ in range(self.rng.randint(2, 6)):
                    if self.count >= self.n:
                        break
                    thesis = self.title("Thesis")
                    self.lines.append(f"[{thesis}]: {self.sentence()} #thesis")
                    for _ in range(self.rng.randint(2, 4)):
                        if self.count >= self.n:
                            break
                        self.claim_tree(2, "+", self.rng.randint(2, 5))
                    self.lines.append("")
                if self.count >= self.n:
                    break
        header = ["===", f"title: Generated brief of {self.n} statements", "===", ""]
        return "\n".join(header + self.lines).rstrip("\n") + "\n"


def generate(n: int, seed: int = 7) -> str:
    """A brief of about ``n`` statements (exactly ``n`` titled definitions, give or take
    the last tree), the same for the same ``n`` and ``seed``."""
    return _Brief(n, seed).build()


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sys.stdout.write(generate(size))
