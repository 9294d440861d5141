"""CSV cells and lines rendered alike by PostgreSQL and Python (see ``template``).

Text cells are always quoted, numbers and times never: a rule PostgreSQL applies with
one replace() per cell, where "quote only when needed" would need a pattern match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claims.releases.formats.template import (
    Codegen,
    Col,
    Literal,
    Node,
    SourceAggregate,
    cat,
    pg_number,
    utc_text,
    utc_text_sql,
)


@dataclass(frozen=True)
class Column:
    """One CSV column: its Table Schema field and the value it holds."""

    name: str
    type: str  # Table Schema type: string | integer | number | datetime | array
    node: Node
    description: str = ""
    constraints: dict | None = None

    @property
    def quoted(self) -> bool:
        return self.type in ("string", "array")

    def _value_sql(self) -> str:
        node = self.node
        if not isinstance(node, Col):
            return node.sql()
        ref = f'{node.alias}."{node.name}"'
        if node.kind == "str":
            return f"NULLIF({ref}, '')"
        if node.kind == "time":
            return utc_text_sql(ref)
        return f"{ref}::text"

    def sql(self) -> str:
        """The cell as SQL text; empty when the value is missing."""
        value = self._value_sql()
        if self.quoted:
            quoted = f"""'"' || replace({value}, '"', '""') || '"'"""
            return f"CASE WHEN ({value}) IS NULL THEN '' ELSE {quoted} END"
        return f"COALESCE({value}, '')"

    def _value_py(self, ctx: dict) -> str | None:
        node = self.node
        if not isinstance(node, Col):
            return node.py(ctx)
        value = ctx[node.alias][node.name]
        if value is None or value == "":
            return None
        if node.kind == "str":
            return value
        if node.kind == "time":
            return utc_text(value)
        return pg_number(value) if node.kind == "num" else str(value)

    def py(self, ctx: dict) -> str:
        value = self._value_py(ctx)
        if value is None:
            return ""
        return '"' + value.replace('"', '""') + '"' if self.quoted else value

    def code(self, gen: Codegen) -> str:
        """A Python expression for ``py`` (see ``template.Codegen``)."""
        node = self.node
        if isinstance(node, Col):
            value = gen.value(node, "text")
        else:
            value = f"_json_text({node.data(gen)})"
        var = gen.fresh()
        cell = f"""'"' + {var}.replace('"', '""') + '"'""" if self.quoted else var
        return f"({cell} if ({var} := {value}) is not None else '')"


def csv_header(columns: Sequence[Column]) -> str:
    return ",".join(c.name for c in columns) + "\n"


def csv_line_sql(columns: Sequence[Column]) -> str:
    parts: list[Literal | str] = []
    for i, column in enumerate(columns):
        parts += [Literal(",")] if i else []
        parts.append(column.sql())
    return cat([*parts, Literal("\n")])


def csv_line(columns: Sequence[Column], ctx: dict) -> str:
    return ",".join(c.py(ctx) for c in columns) + "\n"


def csv_line_code(columns: Sequence[Column], gen: Codegen) -> str:
    parts: list[Literal | str] = []
    for i, column in enumerate(columns):
        parts += [Literal(",")] if i else []
        parts.append(column.code(gen))
    return gen.join([*parts, Literal("\n")])


@dataclass(frozen=True)
class Lines(SourceAggregate):
    """The CSV lines of a claim's sources, concatenated; missing when it has none."""

    name: str
    columns: Sequence[Column]

    def children(self) -> list[Node]:
        return [c.node for c in self.columns]

    def sql(self) -> str:
        return f'src."{self.name}"'

    def aggregate_sql(self) -> str:
        return f'string_agg({csv_line_sql(self.columns)}, \'\' ORDER BY so."id") AS "{self.name}"'

    def py(self, ctx: dict) -> str | None:
        lines = [csv_line(self.columns, {**ctx, "so": row}) for row in ctx["e"]["so"]]
        return "".join(lines) or None

    def code(self, gen: Codegen) -> str:
        lines = gen.per_source(lambda g: csv_line_code(self.columns, g))
        return f"(''.join({lines}) or None)"
