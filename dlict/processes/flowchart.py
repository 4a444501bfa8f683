"""A process's flowchart, drawn from its steps (the manual's own drawings were lost).

The chart runs from start to end through the steps; after a step that proposes to the director
comes the director's decision: approved goes on, returned goes back to the step before the
proposal (where the plan is written) and comes round again. The page draws it in HTML and the
manual's PDF with Typst, both from this one description.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dlict.core.thai import thai_digits

DECISION_TEXT = "ผอ.สพป./สพม. พิจารณา"
YES_LABEL = "เห็นชอบ"
NO_LABEL = "ไม่เห็นชอบ / ส่งกลับแก้ไข"


@dataclass
class Node:
    id: str
    kind: str  # start, step, decision, end
    text: str
    number: str = ""
    # Nodes inside a return loop: the loop's id, so the page can draw its bracket beside them.
    loop: str = ""


@dataclass
class Loop:
    id: str
    decision: str
    back_to: str
    yes_label: str = YES_LABEL
    no_label: str = NO_LABEL


@dataclass
class Flowchart:
    nodes: list[Node] = field(default_factory=list)
    loops: list[Loop] = field(default_factory=list)

    def blocks(self) -> list[dict[str, Any]]:
        """The nodes in order, the ones inside a return loop grouped with their loop (the page
        draws the way back beside the group)."""
        loops = {loop.id: loop for loop in self.loops}
        blocks: list[dict[str, Any]] = []
        for node in self.nodes:
            if node.loop and blocks and blocks[-1].get("loop") is loops[node.loop]:
                blocks[-1]["nodes"].append(node)
            elif node.loop:
                blocks.append({"loop": loops[node.loop], "nodes": [node]})
            else:
                blocks.append({"loop": None, "nodes": [node]})
        return blocks

    def as_data(self) -> dict[str, Any]:
        return {
            "nodes": [
                {"id": n.id, "kind": n.kind, "text": n.text, "number": n.number} for n in self.nodes
            ],
            "loops": [
                {
                    "decision": loop.decision,
                    "back_to": loop.back_to,
                    "yes_label": loop.yes_label,
                    "no_label": loop.no_label,
                }
                for loop in self.loops
            ],
        }


def flowchart_for(steps: list[Any]) -> Flowchart:
    """``steps`` are the process's steps in order (objects with ``n``, ``text``, ``kind``)."""
    chart = Flowchart(nodes=[Node("start", "start", "เริ่มต้น")])
    for step in steps:
        node = Node(f"s{step.n}", "step", step.text, thai_digits(step.n))
        chart.nodes.append(node)
        if step.kind == "propose_to_director":
            decision = Node(f"d{step.n}", "decision", DECISION_TEXT)
            chart.nodes.append(decision)
            # Back to the step before the proposal, or to the proposal itself when it comes first.
            index = len(chart.nodes) - 3
            target = chart.nodes[index] if chart.nodes[index].kind == "step" else node
            loop = Loop(f"loop{step.n}", decision.id, target.id)
            chart.loops.append(loop)
            inside = False
            for member in chart.nodes:
                inside = inside or member.id == target.id
                if inside:
                    member.loop = loop.id
    chart.nodes.append(Node("end", "end", "สิ้นสุด"))
    return chart
