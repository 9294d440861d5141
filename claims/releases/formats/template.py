"""Row templates that render the same bytes in PostgreSQL and in Python.

A template describes one output row (a JSON object or a CSV cell) once. ``sql()``
turns it into a text expression PostgreSQL evaluates, so the database produces the
finished line; ``py()`` renders the same line from a row dictionary, walking the tree;
``Codegen`` compiles templates into one Python function over prepared rows, the way
releases are written (JSON by orjson from the values ``data()`` describes). The tests
check that the three agree byte for byte.

Values: empty strings count as missing (JSON ``null``, an empty CSV cell); numbers are
written as PostgreSQL writes ``float8`` (``7``, ``1.5``, ``2.5e-05``); times are UTC,
``YYYY-MM-DDTHH:MM:SSZ``; JSON is compact, keys in the order given, non-ASCII kept.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import orjson

TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def pg_number(value: float | int) -> str:
    """A number as PostgreSQL prints float8: the shortest digits that read back the same
    (as Python's repr), in exponent form from 1e15 on and below 1e-4, without ``.0``."""
    if isinstance(value, int):
        return str(value)
    text = repr(value)
    whole, point, fraction = text.partition(".")
    if not point:  # 1e+16, 5e-05, inf, nan
        if text[-1] in "fn":
            return {"inf": "Infinity", "-inf": "-Infinity"}.get(text, "NaN")
        return text
    if "e" in fraction:  # 1.5e+16, 2.5e-05: as PostgreSQL writes them
        return text
    digits = whole.lstrip("-")
    if len(digits) > 15:  # 1e15 <= |value| < 1e16: repr writes it out, PostgreSQL does not
        significant = (digits + fraction).rstrip("0")
        mantissa = significant[0] + ("." + significant[1:] if len(significant) > 1 else "")
        return whole[: len(whole) - len(digits)] + mantissa + "e+15"
    return whole if fraction == "0" else text


def json_number(value: float | int) -> str:
    """As PostgreSQL's to_json: a number, or a string for NaN and the infinities."""
    text = pg_number(value)
    return f'"{text}"' if text[-1].isalpha() else text


def utc_text(value: dt.datetime, fmt: str = TIME_FORMAT) -> str:
    if fmt == TIME_FORMAT:  # four-digit years, as PostgreSQL (strftime writes "999")
        return utc_seconds(value)
    if fmt == "%Y-%m-%d":
        return utc_date(value)
    return value.astimezone(dt.UTC).strftime(fmt)


def utc_text_sql(ref: str) -> str:
    """SQL for ``utc_text``: a timestamp's text output (DateStyle ISO) is several times
    cheaper than to_char()."""
    return f"(replace(date_trunc('second', {ref} AT TIME ZONE 'UTC')::text, ' ', 'T') || 'Z')"


class Node:
    """A template value: SQL text-or-NULL, and Python str-or-None."""

    def sql(self) -> str:
        raise NotImplementedError

    def py(self, ctx: dict) -> str | None:
        raise NotImplementedError

    def data(self, gen: Codegen) -> str:
        """A Python expression for the value whose orjson serialisation is ``py``'s
        text, None where ``py`` gives None (see ``Codegen``)."""
        raise NotImplementedError

    def children(self) -> list[Node]:
        return []

    def walk(self):
        yield self
        for child in self.children():
            yield from child.walk()


@dataclass(frozen=True)
class Col(Node):
    """A column of a row: ``alias.name`` in SQL, ``ctx[alias][name]`` in Python."""

    alias: str
    name: str
    kind: str = "str"  # str | int | num | time | date | json

    def sql(self) -> str:
        ref = f'{self.alias}."{self.name}"'
        if self.kind == "str":
            return f"to_json(NULLIF({ref}, ''))::text"
        if self.kind == "int":
            return f"{ref}::text"
        if self.kind == "num":
            return f"to_json({ref})::text"
        if self.kind == "time":
            return f"('\"' || {utc_text_sql(ref)} || '\"')"
        if self.kind == "date":
            return f"('\"' || ({ref} AT TIME ZONE 'UTC')::date::text || '\"')"
        return ref  # json: already JSON text

    def py(self, ctx: dict) -> str | None:
        value = ctx[self.alias][self.name]
        if value is None or value == "":
            return None
        if self.kind == "str":
            return json.dumps(value, ensure_ascii=False)
        if self.kind == "int":
            return str(value)
        if self.kind == "num":
            return json_number(value)
        if self.kind == "time":
            return '"' + utc_text(value) + '"'
        if self.kind == "date":
            return '"' + utc_text(value, "%Y-%m-%d") + '"'
        return value

    def data(self, gen: Codegen) -> str:
        return gen.value(self, "data")


@dataclass(frozen=True)
class Const(Node):
    """A fixed JSON value."""

    value: object

    def sql(self) -> str:
        return sql_literal(self.text)

    def py(self, ctx: dict) -> str:
        return self.text

    def data(self, gen: Codegen) -> str:
        return gen.bind(orjson.Fragment(self.text.encode("utf-8")))

    @property
    def text(self) -> str:
        return json.dumps(self.value, ensure_ascii=False, separators=(",", ":"))


NULL = Const(None)


class Literal(str):
    """A piece of fixed text inside a concatenation."""


def _non_null(node: Node) -> Literal | str:
    if isinstance(node, Const):
        return Literal(node.text)
    return f"COALESCE({node.sql()}, 'null')"


def cat(parts: Sequence[Literal | str]) -> str:
    """Concatenate SQL text pieces with ``||``.

    ``||`` on text is much cheaper than concat(), which looks up every argument's output
    function on every call. Adjacent literals are merged and the expression is a
    balanced tree, so long objects are not copied over and over.
    """
    merged: list[str] = []
    for part in parts:
        if isinstance(part, Literal) and merged and isinstance(merged[-1], Literal):
            merged[-1] = Literal(merged[-1] + part)
        else:
            merged.append(part)
    pieces = [sql_literal(p) if isinstance(p, Literal) else f"({p})" for p in merged]
    while len(pieces) > 1:
        pieces = [
            " || ".join(pieces[i : i + 4]) if len(pieces[i : i + 4]) == 1 else
            "(" + " || ".join(pieces[i : i + 4]) + ")"
            for i in range(0, len(pieces), 4)
        ]  # fmt: skip
    return pieces[0] if pieces else "''"


@dataclass(frozen=True)
class Obj(Node):
    """A JSON object. Members marked optional are left out when missing; others are null.

    ``when`` (SQL, Python) makes the whole object missing unless it holds.
    """

    members: Sequence[tuple[str, Node] | tuple[str, Node, bool]]
    when: tuple[str, Callable[[dict], bool]] | None = None

    def children(self) -> list[Node]:
        return [node for _, node, _ in self._members()]

    def _members(self):
        for member in self.members:
            key, node, optional = member if len(member) == 3 else (*member, False)
            yield json.dumps(key, ensure_ascii=False), node, optional

    def sql(self) -> str:
        parts: list[Literal | str] = []
        for i, (key, node, optional) in enumerate(self._members()):
            # The first member carries no comma, so it must never be optional.
            prefix = ("," if i else "{") + key + ":"
            if optional:
                value, label = node.sql(), sql_literal(prefix)
                parts.append(f"CASE WHEN ({value}) IS NULL THEN '' ELSE {label} || ({value}) END")
            else:
                parts += [Literal(prefix), _non_null(node)]
        text = cat([*parts, Literal("}")])
        if self.when is None:
            return text
        return f"CASE WHEN {self.when[0]} THEN {text} END"

    def py(self, ctx: dict) -> str | None:
        if self.when is not None and not self.when[1](ctx):
            return None
        parts = []
        for key, node, optional in self._members():
            value = node.py(ctx)
            if value is None and optional:
                continue
            parts.append(key + ":" + ("null" if value is None else value))
        return "{" + ",".join(parts) + "}"

    def data(self, gen: Codegen) -> str:
        items, optional = [], []
        for member in self.members:
            key, node, *rest = member
            items.append(f"{key!r}: {node.data(gen)}")
            if rest and rest[0]:
                optional.append(key)
        text = "{" + ", ".join(items) + "}"
        if optional:
            text = f"_omit({text}, {tuple(optional)!r})"
        if self.when is None:
            return text
        return f"({text} if {gen.condition(self.when[1])} else None)"


@dataclass(frozen=True)
class Arr(Node):
    """A JSON array of fixed items."""

    items: Sequence[Node]

    def children(self) -> list[Node]:
        return list(self.items)

    def sql(self) -> str:
        parts: list[Literal | str] = [Literal("[")]
        for i, item in enumerate(self.items):
            parts += [Literal(",")] if i else []
            parts.append(_non_null(item))
        return cat([*parts, Literal("]")])

    def py(self, ctx: dict) -> str:
        return "[" + ",".join(item.py(ctx) or "null" for item in self.items) + "]"

    def data(self, gen: Codegen) -> str:
        return "[" + "".join(f"{item.data(gen)}, " for item in self.items) + "]"


class SourceAggregate(Node):
    """A value aggregated over the claim's sources (see ``sources_lateral``)."""

    name: str

    def aggregate_sql(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Many(SourceAggregate):
    """A JSON array with one item per source of the claim, by source id.

    In SQL every Many of a query is aggregated once per claim, in one pass over the
    claim's sources (see ``sources_lateral``); ``where`` is an SQL condition on the
    source and the Python predicate that matches it.
    """

    name: str
    item: Node
    where: tuple[str, Callable[[dict], bool]] | None = None

    def children(self) -> list[Node]:
        return [self.item]

    def sql(self) -> str:
        return f"('[' || COALESCE(src.\"{self.name}\", '') || ']')"

    def aggregate_sql(self) -> str:
        aggregate = f"string_agg({self.item.sql()}, ',' ORDER BY so.\"id\")"
        if self.where is not None:
            aggregate += f" FILTER (WHERE {self.where[0]})"
        return f'{aggregate} AS "{self.name}"'

    def py(self, ctx: dict) -> str:
        items = []
        for row in ctx["e"]["so"]:
            item_ctx = {**ctx, "so": row}
            if self.where is None or self.where[1](item_ctx):
                items.append(self.item.py(item_ctx))
        return "[" + ",".join(items) + "]"

    def data(self, gen: Codegen) -> str:
        where = None if self.where is None else self.where[1]
        return gen.per_source(self.item.data, where)


def sources_lateral(nodes: Sequence[Node]) -> str:
    """The join that aggregates the claim's sources once for every Many in ``nodes``."""
    many = {}
    for node in nodes:
        for found in node.walk():
            if isinstance(found, SourceAggregate):
                many.setdefault(found.name, found)
    if not many:
        return ""
    aggregates = ", ".join(m.aggregate_sql() for m in many.values())
    return (
        f"LEFT JOIN LATERAL (SELECT {aggregates} FROM claims_source so "
        f'WHERE so."claim_id" = e."id") src ON true'
    )


@dataclass(frozen=True)
class Case(Node):
    """The first branch whose condition holds, else missing."""

    branches: Sequence[tuple[str, Callable[[dict], bool], Node]]

    def children(self) -> list[Node]:
        return [node for _, _, node in self.branches]

    def sql(self) -> str:
        whens = " ".join(f"WHEN {cond} THEN {node.sql()}" for cond, _, node in self.branches)
        return f"CASE {whens} END"

    def py(self, ctx: dict) -> str | None:
        for _, test, node in self.branches:
            if test(ctx):
                return node.py(ctx)
        return None

    def data(self, gen: Codegen) -> str:
        text = "None"
        for _, test, node in reversed(self.branches):
            text = f"({node.data(gen)} if {gen.condition(test)} else {text})"
        return text


def _omit(obj: dict, optional: tuple[str, ...]) -> dict:
    """``obj`` without the optional members that are missing."""
    for key in optional:
        if obj[key] is None:
            del obj[key]
    return obj


def _json_text(data) -> str | None:
    return None if data is None else orjson.dumps(data).decode("utf-8")


def utc_seconds(value: dt.datetime) -> str:
    """``utc_text`` in the default format, as PostgreSQL writes it (four-digit years)."""
    if value.tzinfo is not dt.UTC:
        value = value.astimezone(dt.UTC)
    return value.isoformat(timespec="seconds")[:19] + "Z"


def json_text_number(text: str) -> str:
    """``json_number`` of a number already written by ``pg_number``."""
    return '"' + text + '"' if text[-1] in "yN" else text


def utc_date(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).date().isoformat()


class Condition:
    """A test on the row that templates can compile: called with ``py``'s context, or
    written as a Python expression by ``code``. (Plain functions work for ``py`` and
    SQL only.)"""

    def __call__(self, ctx: dict) -> bool:
        raise NotImplementedError

    def code(self, gen: Codegen) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Present(Condition):
    """The column holds a value (not NULL, not empty)."""

    alias: str
    name: str

    def __call__(self, ctx: dict) -> bool:
        return ctx[self.alias][self.name] not in (None, "")

    def code(self, gen: Codegen) -> str:
        return f"{gen.value(Col(self.alias, self.name), 'text')} is not None"


@dataclass(frozen=True)
class Equals(Condition):
    """The text column holds ``value``."""

    alias: str
    name: str
    value: str

    def __call__(self, ctx: dict) -> bool:
        return ctx[self.alias][self.name] == self.value

    def code(self, gen: Codegen) -> str:
        return f"{gen.value(Col(self.alias, self.name), 'text')} == {self.value!r}"


@dataclass(frozen=True)
class All(Condition):
    conditions: tuple[Condition, ...]

    def __call__(self, ctx: dict) -> bool:
        return all(c(ctx) for c in self.conditions)

    def code(self, gen: Codegen) -> str:
        return "(" + " and ".join(c.code(gen) for c in self.conditions) + ")"


class Always(Condition):
    def __call__(self, ctx: dict) -> bool:
        return True

    def code(self, gen: Codegen) -> str:
        return "True"


@dataclass(frozen=True)
class Maps(Condition):
    """``col`` holds what ``mapping`` gives for ``key`` (false when it gives nothing)."""

    col: Col
    key: Col
    mapping: dict

    def __call__(self, ctx: dict) -> bool:
        wanted = self.mapping.get(ctx[self.key.alias][self.key.name])
        return wanted is not None and ctx[self.col.alias][self.col.name] == wanted

    def code(self, gen: Codegen) -> str:
        wanted = f"{gen.bind(self.mapping)}.get({gen.value(self.key, 'text')})"
        value = gen.value(self.col, "text")
        var = gen.fresh()
        return f"(({var} := {wanted}) is not None and {value} == {var})"


# How each kind of column reaches the compiled renderer: its "prepared" value, which
# PostgreSQL computes in the query (SQL) or Python from an ORM row (PREPARE_PY). Text
# and times arrive as the text the files hold, numbers as PostgreSQL writes float8.
PREPARE_SQL = {
    "str": "NULLIF({ref}, '')",
    "json": "NULLIF({ref}, '')",
    "time": utc_text_sql("{ref}"),
    "date": "(({ref}) AT TIME ZONE 'UTC')::date::text",
    "num": "({ref})::text",
    "int": "{ref}",
}
PREPARE_PY = {
    "str": lambda v: v or None,
    "json": lambda v: v or None,
    "time": lambda v: None if v is None else utc_seconds(v),
    "date": lambda v: None if v is None else utc_date(v),
    "num": lambda v: None if v is None else pg_number(v),
    "int": lambda v: None if v == "" else v,
}
# The conversions the renderer still makes, by (kind, mode).
CONVERT = {
    ("num", "data"): "_NF",
    ("json", "data"): "_F",
    ("int", "text"): "str",
}


# A claim's values that are not columns but derived from them and from the release's
# settings (see ``render.Enrichment``), with the columns they come from.
DERIVED = (
    ("rating_label", "str"), ("rating_value", "int"), ("fever_label", "str"),
    ("worst_rating", "int"), ("best_rating", "int"), ("proposed_by", "str"),
    ("approved_by", "str"), ("claim_url", "str"), ("claimant_org", "str"),
)  # fmt: skip
DERIVED_NAMES = tuple(name for name, _ in DERIVED)
DERIVED_FROM = (
    ("id", "int"), ("rating", "str"), ("proposed_by_id", "int"), ("approved_by_id", "int"),
    ("original_publisher", "str"), ("outlet", "str"),
)  # fmt: skip


class Codegen:
    """Compiles templates into one Python function that renders a claim's outputs.

    ``py`` walks a template's tree for every row; the compiled function is one pass of
    straight-line code over a prepared row: a tuple of the claim's column values as
    ``slots`` lists them (see PREPARE_SQL), and a tuple of the same for each of its
    sources. A value that needs converting is converted once per claim (or source),
    however many outputs hold it.
    """

    def __init__(self):
        self.env: dict[str, object] = {
            "_NF": lambda text: orjson.Fragment(json_text_number(text)),
            "_F": orjson.Fragment,
            "_omit": _omit,
            "_dumps": orjson.dumps,
            "_NEWLINE": orjson.OPT_APPEND_NEWLINE,
            "_json_text": _json_text,
        }
        # A claim's first slots are those its derived values come from, a source's
        # first its claim's id.
        self.slots: dict[str, list[tuple[str, str]]] = {
            "e": list(DERIVED_FROM),
            "so": [("claim_id", "int")],
        }
        self.assignments: list[str] = []  # the claim's converted values
        self.source_values: list[str] = []  # each source's converted values, in ``_sv``
        self.values: dict[tuple, str] = {}
        self.count = 0
        self.in_loop = False

    def fresh(self) -> str:
        self.count += 1
        return f"_v{self.count}"

    def bind(self, value: object) -> str:
        """A name for a Python object the code uses."""
        for name, bound in self.env.items():
            if bound is value:
                return name
        name = f"_f{len(self.env)}"
        self.env[name] = value
        return name

    def join(self, parts: Sequence[Literal | str]) -> str:
        """Concatenate Python text expressions and literals."""
        merged: list[str] = []
        for part in parts:
            if isinstance(part, Literal) and merged and isinstance(merged[-1], Literal):
                merged[-1] = Literal(merged[-1] + part)
            else:
                merged.append(part)
        pieces = [repr(str(p)) if isinstance(p, Literal) else p for p in merged]
        if len(pieces) == 1:
            return pieces[0]
        return "''.join((" + ", ".join(pieces) + "))"

    def slot(self, col: Col) -> str:
        """The prepared value of a column: ``r[i]`` of the claim, ``x[i]`` of its derived
        values, ``so[i]`` of a source."""
        if col.alias == "e" and col.name in DERIVED_NAMES:
            index = DERIVED_NAMES.index(col.name)
            if DERIVED[index][1] != col.kind:
                raise ValueError(f"{col.name} is derived as {DERIVED[index][1]}, not {col.kind}")
            return f"x[{index}]"
        if col.alias not in self.slots:
            raise ValueError(f"unknown row alias {col.alias!r}")
        slots = self.slots[col.alias]
        if (col.name, col.kind) not in slots:
            slots.append((col.name, col.kind))
        index = slots.index((col.name, col.kind))
        return f"{'r' if col.alias == 'e' else 'so'}[{index}]"

    def value(self, col: Col, mode: str) -> str:
        """A column as ``data`` (what orjson writes as ``Col.py``'s JSON) or as the text
        of a CSV cell before quoting, either None when missing."""
        ref = self.slot(col)
        convert = CONVERT.get((col.kind, mode))
        if convert is None:
            return ref
        key = (col.alias, col.name, col.kind, mode)
        if key not in self.values:
            text = f"({convert}({ref}) if {ref} is not None else None)"
            if col.alias == "e":
                name = self.fresh()
                self.assignments.append(f"{name} = {text}")
                self.values[key] = name
            else:
                self.source_values.append(text)
                self.values[key] = f"_sv[{len(self.source_values) - 1}]"
        return self.values[key]

    def per_source(self, item: Callable[[Codegen], str], where=None) -> str:
        """A list comprehension of ``item`` over the claim's sources."""
        if self.in_loop:
            raise ValueError("source aggregates do not nest")
        self.in_loop = True
        try:
            text = item(self)
            test = None if where is None else self.condition(where)
        finally:
            self.in_loop = False
        loop = f"[{text} for so, _sv in _svs"
        return loop + (f" if {test}]" if test else "]")

    def condition(self, test) -> str:
        if not isinstance(test, Condition):
            raise TypeError(f"a compiled template needs a Condition, not {test!r}")
        return test.code(self)

    def function(self, outputs: Sequence[str]) -> Callable[[tuple, list], tuple]:
        """``render(r, x, sources)`` returning each output expression's value for a
        claim (``x``: its DERIVED values)."""
        lines = ["def render(r, x, sources):"]
        lines += [f"    {line}" for line in self.assignments]
        values = "".join(f"{v}, " for v in self.source_values)
        lines.append(f"    _svs = [(so, ({values})) for so in sources]")
        lines.append("    return (" + "".join(f"{o}, " for o in outputs) + ")")
        namespace = dict(self.env)
        exec(compile("\n".join(lines), "<release templates>", "exec"), namespace)
        render = namespace["render"]
        render.source = "\n".join(lines)
        render.slots = {alias: list(slots) for alias, slots in self.slots.items()}
        return render


def prepare_py(slots: Sequence[tuple[str, str]], row: dict) -> tuple:
    """A row dictionary as the compiled renderer takes it (see PREPARE_SQL)."""
    return tuple(PREPARE_PY[kind](row[name]) for name, kind in slots)


def prepare_sql(alias: str, slots: Sequence[tuple[str, str]]) -> str:
    """The SELECT list that gives a row as the compiled renderer takes it."""
    return ", ".join(PREPARE_SQL[kind].format(ref=f'{alias}."{name}"') for name, kind in slots)
