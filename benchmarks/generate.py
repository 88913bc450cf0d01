"""A deterministic generator of realistic briefs of N statements (valid Argdown).

Each brief has theses tagged ``#thesis``, support trees several levels deep, evidence
cards with citations, rebuttals answered by responses (some backed by evidence), level-1
and level-2 headings, reused evidence by reference, a few unsupported claims, and
unicode text (curly quotes, dashes, accented names). The same N and seed always give the
same bytes.

With ``--pcs`` every third line of reasoning under a thesis is written instead as a
reconstructed argument: ``<+ <Argument K>`` under the thesis, and after the thesis block
the argument with its premise–conclusion structure — two to four premises (some backed by
a card), one or two inferences (``----``, ``-- modus ponens --`` or ``-- practical reasoning
{uses: [...]} --``), an intermediary conclusion between two inferences, and now and then an
undercut of an inference answered by a response.

    python -m benchmarks.generate 10000 > brief.argdown
    python -m benchmarks.generate 10000 --pcs > brief-pcs.argdown
"""

from __future__ import annotations

import argparse
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
    def __init__(self, n: int, seed: int, pcs: bool = False) -> None:
        self.rng = random.Random(seed)
        self.n = n
        self.pcs = pcs
        self.count = 0
        self.lines: list[str] = []
        self.cards: list[str] = []
        # Lines of reasoning under theses so far: with pcs, every third is an argument.
        # A counter rather than a random draw, so that without pcs the draws, and so the
        # brief, stay exactly what they were.
        self.reasonings = 0

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

    def argument(self) -> list[str]:
        """``<+ <Argument K>`` under the thesis; returns the argument's block (its
        description, then its premise–conclusion structure) to be written after the
        thesis block, since a structure cannot sit inside a relation tree."""
        r = self.rng
        title = self.title("Argument")
        self.lines.append(f"  <+ <{title}>")
        outer, self.lines = self.lines, [f"<{title}>: {self.sentence()}", ""]
        premises = r.randint(2, 4)
        if r.random() < 0.35:
            first = r.randint(1, premises - 1)
            groups = [first, premises - first]
        else:
            groups = [premises]
        number = 0
        uses: list[int] = []
        for group in groups:
            for _ in range(group):
                number += 1
                uses.append(number)
                self.lines.append(f"({number}) [{self.title('Claim')}]: {self.sentence()}")
                if r.random() < 0.3:
                    self.card(2, "+")
            self.inference(uses)
            number += 1
            # The first conclusion of two is an intermediary one, and a premise of the next.
            self.lines.append(f"({number}) [{self.title('Claim')}]: {self.sentence()}")
            uses = [number]
        block, self.lines = self.lines, outer
        return [*block, ""]

    def inference(self, uses: list[int]) -> None:
        """An inference line from the premises numbered ``uses``, now and then undercut."""
        r = self.rng
        roll = r.random()
        if roll < 0.5:
            self.lines.append("----")
        elif roll < 0.8:
            self.lines.append("-- modus ponens --")
        else:
            numbers = ", ".join(str(number) for number in uses)
            self.lines.append(f"-- practical reasoning {{uses: [{numbers}]}} --")
        if r.random() < 0.1:
            self.lines.append(f"  <_ [{self.title('Rebuttal')}]: {self.sentence()}")
            self.lines.append(f"    - [{self.title('Response')}]: {self.sentence()}")
            if r.random() < 0.5:
                self.card(6, "+")

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
                    arguments: list[str] = []
                    for _ in range(self.rng.randint(2, 4)):
                        if self.count >= self.n:
                            break
                        depth = self.rng.randint(2, 5)
                        self.reasonings += 1
                        if self.pcs and self.reasonings % 3 == 0:
                            arguments += self.argument()
                        else:
                            self.claim_tree(2, "+", depth)
                    self.lines.append("")
                    self.lines += arguments
                if self.count >= self.n:
                    break
        header = ["===", f"title: Generated brief of {self.n} statements", "===", ""]
        return "\n".join(header + self.lines).rstrip("\n") + "\n"


def generate(n: int, seed: int = 7, pcs: bool = False) -> str:
    """A brief of about ``n`` statements (exactly ``n`` titled definitions, give or take
    the last tree or argument), the same for the same ``n``, ``seed`` and ``pcs``. With
    ``pcs``, a third of the lines of reasoning under the theses are reconstructed
    arguments; without it, the brief is the one this function has always written."""
    return _Brief(n, seed, pcs).build()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate")
    parser.add_argument("n", type=int, nargs="?", default=1000, help="Statements (about).")
    parser.add_argument(
        "--pcs", action="store_true", help="Reconstruct a third of the arguments (PCS)."
    )
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    sys.stdout.write(generate(options.n, options.seed, options.pcs))
