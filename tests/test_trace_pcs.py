"""``argmap trace`` and ``check --explain`` explain a verdict through the inferences of
premise–conclusion structures."""

from __future__ import annotations

from pathlib import Path

from tests.cli_runner import run

BRIEF = """\
<Safety>: Uniforms make schools safer.

(1) [Spotting]: Staff spot strangers more easily in uniform. #evidence {cite: "Doe 2018"}
----
(2) [Safer]: Uniforms make schools safer.
(3) [Duty]: Schools must do what makes them safer. #evidence {cite: "Safety Code 2020"}
----
  <_ [Trade-off]: Not every safety gain is worth its cost to students.
(4) [Uniforms]: Schools should require uniforms.
"""


def _trace(tmp_path: Path, title: str, standard: str) -> list[str]:
    brief = tmp_path / "safety.argdown"
    brief.write_text(BRIEF, encoding="utf-8")
    result = run(["trace", str(brief), title, "--standard", standard])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_a_conclusion_out_through_an_undercut_inference(tmp_path: Path) -> None:
    lines = _trace(tmp_path, "Uniforms", "dialectical")
    assert lines[1] == "verdict: ✗ out (standard: dialectical)"
    assert lines[2] == (
        "because: the inference of <Safety> to [Uniforms] is undercut by [Trade-off], which stands"
    )
    start = lines.index("Inferences")
    assert lines[start + 1 : start + 5] == [
        "  <Safety> (4) [Uniforms] ✗ out",
        "    premises: [Safer] ✓, [Duty] ✓",
        "    undercut by: [Trade-off] ✓",
        "    the inference of <Safety> to [Uniforms] is undercut by [Trade-off], which stands",
    ]


def test_an_intermediary_conclusion_stands_on_its_own_inference(tmp_path: Path) -> None:
    lines = _trace(tmp_path, "Safer", "dialectical")
    assert lines[2] == "because: supported by the inference of <Safety> (in), and no attacker"
    # The chain of support goes through the inference that leads to [Safer].
    assert "  [Safer] ✓ ⇐ <Safety> ✗ ⇐ [Spotting] ✓" in lines


def test_an_argument_lists_each_of_its_inferences(tmp_path: Path) -> None:
    lines = _trace(tmp_path, "<Safety>", "evidence")
    assert lines[1] == "verdict: ✓ in (standard: evidence)"
    assert "  <Safety> (2) [Safer] ✓ in" in lines
    assert "  <Safety> (4) [Uniforms] ✓ in" in lines
    assert "  it rests on the premises of its inferences (below)" in lines


def test_a_failing_premise_is_named(tmp_path: Path) -> None:
    brief = tmp_path / "focus.argdown"
    brief.write_text(
        "<Focus>: Uniforms help students focus.\n\n"
        '(1) [Less Choice]: Nothing to choose in the morning. #evidence {cite: "Doe 2019"}\n'
        "(2) [Choice Tires]: Choosing clothes tires students out.\n"
        "----\n"
        "(3) [Focus]: Students focus better in uniform.\n",
        encoding="utf-8",
    )
    result = run(["trace", str(brief), "<Focus>", "--standard", "dialectical"])
    assert result.exit_code == 0
    assert "because: the inference of <Focus> to [Focus] stands" in result.stdout
    brief.write_text(
        brief.read_text(encoding="utf-8").replace(
            "tires students out.\n",
            "tires students out.\n  - [Routine]: Students pick a routine.\n",
        ),
        encoding="utf-8",
    )
    result = run(["trace", str(brief), "Focus", "--standard", "dialectical"])
    assert (
        "because: the inference of <Focus> to [Focus] fails: its premise [Choice Tires] is out"
        in result.stdout
    )


LINKED = """\
[Plan]: The US should host a trilateral summit. #thesis

<Summit works>: Summits work.

(1) [Channels]: Summits open channels.
  + [Cha 2019]: Channels opened after 2015. #evidence {cite: "Cha 2019"}
(2) [Trust]: Trust follows channels.
----
(3) [Plan]
"""


def _trace_linked(tmp_path: Path, standard: str) -> list[str]:
    brief = tmp_path / "linked.argdown"
    brief.write_text(LINKED, encoding="utf-8")
    result = run(["trace", str(brief), "Plan", "--standard", standard])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_evidence_under_one_linked_premise_is_no_chain_to_the_conclusion(tmp_path: Path) -> None:
    # [Channels] rests on its card, but [Trust] has no evidence: the premises hold
    # together, so no chain of support runs from the card up to [Plan].
    for standard in ("evidence", "dialectical"):
        lines = _trace_linked(tmp_path, standard)
        start = lines.index("Support")
        assert lines[start + 1 : lines.index("Inferences")] == [
            "  <Summit works> — the chain breaks here: its premise [Trust] has no evidence below",
            "",
        ]
        assert not any("[Cha 2019]" in line for line in lines)


def test_a_broken_chain_says_where_the_support_ends(tmp_path: Path) -> None:
    brief = tmp_path / "ends.argdown"
    brief.write_text("[A]: a. #thesis\n  + [B]: b.\n    + [C]: c.\n  + [D]: d.\n")
    result = run(["trace", str(brief), "A"])
    lines = result.stdout.splitlines()
    start = lines.index("Support")
    assert lines[start + 1 : start + 3] == [
        "  [B] — the chain breaks here: its support ends at [C], which has no evidence",
        "  [D] — the chain breaks here: nothing supports it, and it is not evidence",
    ]
