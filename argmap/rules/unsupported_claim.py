"""unsupported-claim: a claim of the brief's own case with no chain of support to evidence.

A claim stands, under the default ``evidence`` standard, only if some chain of support
connects it to evidence (a ``#evidence`` card or a statement with ``cite``/``source``/
``url`` data). The message says whether nothing supports the claim or where its support
ends; of a brief that marks no evidence at all, it is said once, at its first claim.
Claims only on the opponent's side (reached from a thesis through an odd number of
attacks) are not reported: they are not yours to support, and their verdict shows in
``argmap trace``. Nor is a reconstructed argument: it rests on the premises of its
premise–conclusion structure, and the finding on its conclusion (or on the premise
itself) names the premise whose support ends without evidence.

PASS::

    [Uniforms]: Schools should require uniforms. #thesis
      + [Survey]: 40 schools reported less teasing. #evidence {cite: "Doe 2019"}

FAIL::

    [Uniforms]: Schools should require uniforms. #thesis
      + [Equality]: Uniforms hide income differences.
      + [Survey]: 40 schools reported less teasing. #evidence {cite: "Doe 2019"}
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress
from operator import not_

from argmap.diagnostics import Severity
from argmap.explain import chain_ends
from argmap.rules.base import Context, Finding, node_finding

CODE = "AM201"
NAME = "unsupported-claim"
SEVERITY = Severity.WARNING
SUMMARY = "A claim has no chain of support that reaches evidence."


NO_EVIDENCE = (
    "the brief marks no evidence, so under the evidence standard no claim stands: tag each "
    'card #evidence or give it {cite: "Author Year"}, or run argmap with --standard '
    "dialectical to weigh the arguments without evidence"
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.no_evidence:
        # Said once, of the whole brief, at its first claim of the brief's own side.
        pro, con = ctx.side_flags
        for node, is_pro, is_con in zip(ctx.map.nodes, pro, con, strict=True):
            if is_pro or not is_con:
                yield node_finding(node, NO_EVIDENCE)
                return
        return
    ev = ctx.evaluation
    nodes = ctx.map.nodes
    supporters = ctx.map.adjacency.supporters  # by node number, as are these:
    pro, con = ctx.side_flags
    # Only the nodes not grounded: most are, and evidence always is.
    for number in compress(range(len(nodes)), map(not_, ctx.grounded)):
        node = nodes[number]
        if node.is_evidence or node.pcs or (con[number] and not pro[number]):
            continue
        if not supporters[number]:
            message = f"nothing supports {node.label}, and it is not evidence"
        else:
            ends = chain_ends(ev, node.id, limit=50, amap=ctx.map)
            if ends:
                which = ctx.titles(ends, limit=3)
                verb = "has" if len(ends) == 1 else "have"
                message = f"the support of {node.label} ends at {which}, which {verb} no evidence"
            else:
                message = f"the support of {node.label} goes in a circle and never reaches evidence"
        yield node_finding(node, message)
