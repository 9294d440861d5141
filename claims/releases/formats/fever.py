"""fever.jsonl: claims as FEVER-style records (id, verifiable, label, claim, evidence).

FEVER's evidence points at Wikipedia sentences: ``[annotation_id, evidence_id,
wikipedia_page, sentence_id]``. Ours points at the web sources reviewers cited:
``[verdict_id, source_id, source_url, null]``, one evidence set per source whose
stance matches the label (all sources when none does), and ``[[[verdict_id, null,
null, null]]]`` for NOT ENOUGH INFO, as in FEVER.
"""

from claims.releases.formats.template import (
    NULL,
    Always,
    Arr,
    Case,
    Col,
    Const,
    Equals,
    Many,
    Maps,
    Node,
    Obj,
)
from claims.releases.scale import NOT_ENOUGH_INFO, REFUTES, SUPPORTS

STANCE_OF_LABEL = {SUPPORTS: "supports", REFUTES: "refutes"}


class FirstNonEmpty(Node):
    """The first value that is neither missing nor an empty JSON array."""

    def __init__(self, *nodes: Node):
        self.nodes = nodes

    def children(self) -> list[Node]:
        return list(self.nodes)

    def sql(self) -> str:
        *head, last = self.nodes
        return (
            "COALESCE(" + ", ".join([*(f"NULLIF({n.sql()}, '[]')" for n in head), last.sql()]) + ")"
        )

    def py(self, ctx: dict) -> str | None:
        *head, last = self.nodes
        for node in head:
            value = node.py(ctx)
            if value not in (None, "[]"):
                return value
        return last.py(ctx)

    def data(self, gen) -> str:
        *head, last = self.nodes
        text = last.data(gen)
        for node in reversed(head):
            value = gen.fresh()
            kept = f"({value} := {node.data(gen)}) is not None and {value} != []"
            text = f"({value} if {kept} else {text})"
        return text


_EVIDENCE_SET = Arr(
    [Arr([Col("e", "verdict_id", "int"), Col("so", "id", "int"), Col("so", "url"), NULL])]
)
_NO_EVIDENCE = Arr([Arr([Arr([Col("e", "verdict_id", "int"), NULL, NULL, NULL])])])
_MATCHING = Many(
    "evidence_matching",
    _EVIDENCE_SET,
    where=(
        "so.stance = CASE e.fever_label WHEN 'SUPPORTS' THEN 'supports' "
        "WHEN 'REFUTES' THEN 'refutes' END",
        Maps(Col("so", "stance"), Col("e", "fever_label"), STANCE_OF_LABEL),
    ),
)

FEVER_JSON = Obj(
    [
        ("id", Col("e", "id", "int")),
        (
            "verifiable",
            Case(
                [
                    (
                        f"e.fever_label = '{NOT_ENOUGH_INFO}'",
                        Equals("e", "fever_label", NOT_ENOUGH_INFO),
                        Const("NOT VERIFIABLE"),
                    ),
                    ("true", Always(), Const("VERIFIABLE")),
                ]
            ),
        ),
        ("label", Col("e", "fever_label")),
        ("claim", Col("e", "text")),
        (
            "evidence",
            Case(
                [
                    (
                        f"e.fever_label = '{NOT_ENOUGH_INFO}'",
                        Equals("e", "fever_label", NOT_ENOUGH_INFO),
                        _NO_EVIDENCE,
                    ),
                    (
                        "true",
                        Always(),
                        FirstNonEmpty(_MATCHING, Many("evidence_all", _EVIDENCE_SET), _NO_EVIDENCE),
                    ),
                ]
            ),
        ),
    ]
)
