"""Keyset pagination: pages cost the same however deep they are, and no COUNT(*) is run.

The cursor holds the sort value and the id of the last row of a page; the next page is
``(sort, id)`` beyond that pair, so ties on the sort value are broken by id and no row
is skipped or repeated. Rows may be dicts (``values()``) or model instances.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


class KeysetPagination(BasePagination):
    """Forward-only cursor pages over a queryset ordered by one field and the id."""

    page_size = 50
    max_page_size = 200
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    ordering_query_param = "ordering"
    # Ordering names a client may ask for, and the default; views override.
    orderings: tuple[str, ...] = ("id", "-id")
    default_ordering = "-id"

    def paginate_queryset(self, queryset: QuerySet, request, view=None):
        _, descending, position, size = self.read_page(request, queryset.model)
        page = self.page_queryset(queryset, descending=descending, position=position)
        rows = list(page[: size + 1])
        self.has_next = len(rows) > size
        self.rows = rows[:size]
        return self.rows

    def read_page(self, request, model) -> tuple[str, bool, tuple | None, int]:
        """The sort field, its direction, the position after which the page starts (or
        None for the first page) and the page size; 400 for anything malformed."""
        self.request = request
        self.ordering = self._ordering(request)
        self.field = self.ordering.lstrip("-")
        is_date = model._meta.get_field(self.field).get_internal_type() == "DateTimeField"
        position = self._decode(request.query_params.get(self.cursor_query_param), is_date)
        return self.field, self.ordering.startswith("-"), position, self._page_size(request)

    def page_queryset(self, queryset: QuerySet, *, descending: bool, position) -> QuerySet:
        """``queryset`` in page order, starting after ``position``."""
        field = self.field
        prefix = "-" if descending else ""
        queryset = queryset.order_by(f"{prefix}{field}", f"{prefix}id")
        if position is not None:
            value, last_id = position
            beyond = "lt" if descending else "gt"
            # (field, id) beyond (value, last_id), spelt so that an index on field applies.
            queryset = queryset.filter(**{f"{field}__{beyond}e": value}).filter(
                Q(**{f"{field}__{beyond}": value}) | Q(**{f"id__{beyond}": last_id})
            )
        return queryset

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_next_link(self) -> str | None:
        if not self.has_next:
            return None
        last = self.rows[-1]
        return self.link_after(_get(last, self.field), _get(last, "id"))

    def link_after(self, value, pk: int) -> str:
        """The link to the page after the row with sort value ``value`` and id ``pk``."""
        if isinstance(value, datetime):
            value = value.isoformat()
        payload = json.dumps([self.ordering, value, pk]).encode()
        token = base64.urlsafe_b64encode(payload).decode().rstrip("=")
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, token)

    def get_first_link(self) -> str:
        return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)

    def _ordering(self, request) -> str:
        asked = request.query_params.get(self.ordering_query_param)
        if asked is None:
            return self.default_ordering
        if asked not in self.orderings:
            raise ValidationError(
                {self.ordering_query_param: [f"Choose one of: {', '.join(self.orderings)}."]},
                code="invalid_ordering",
            )
        return asked

    def _page_size(self, request) -> int:
        asked = request.query_params.get(self.page_size_query_param)
        if asked is None:
            return self.page_size
        try:
            size = int(asked)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]},
                code="invalid_page_size",
            )
        return size

    def _decode(self, token: str | None, is_date: bool):
        if token is None:
            return None
        try:
            padded = token + "=" * (-len(token) % 4)
            ordering, value, pk = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            if ordering != self.ordering or not _is_id(pk):
                raise ValueError(token)
            if is_date:
                value = parse_datetime(value)
                if value is None:
                    raise ValueError(token)
            elif not (_is_id(value) or (isinstance(value, float) and math.isfinite(value))):
                raise ValueError(token)
        except (ValueError, TypeError, UnicodeError, binascii.Error):
            raise ValidationError(
                {self.cursor_query_param: ["Not a cursor this API gave out."]},
                code="invalid_cursor",
            ) from None
        return value, pk

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "in": "query",
                "required": False,
                "description": "The cursor from the `next` link of the previous page.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "in": "query",
                "required": False,
                "description": f"Rows per page, 1 to {self.max_page_size}.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
            {
                "name": self.ordering_query_param,
                "in": "query",
                "required": False,
                "description": f"Sort order; default `{self.default_ordering}`.",
                "schema": {"type": "string", "enum": list(self.orderings)},
            },
        ]


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63


def _get(row, name):
    return row[name] if isinstance(row, dict) else getattr(row, name)
