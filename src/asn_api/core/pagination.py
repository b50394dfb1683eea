"""Keyset pagination with opaque cursors: page 1 000 costs what page 1 costs.

A cursor carries the sort it was made for and the (sort value, id) of the last row served; the next
page continues strictly after that pair, so rows never repeat or go missing between pages.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import tuple_

from asn_api.core.errors import ValidationFailed, field_error

T = TypeVar("T")
# A sortable column: a Core column expression or an ORM attribute (mypy sees those as different types).
SortColumn = Any
DEFAULT_LIMIT, MAX_LIMIT = 50, 500


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


@dataclass(frozen=True)
class PageParams:
    limit: int
    cursor: str | None


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size, 1–500")] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=512, description="Opaque cursor from `next_cursor`")] = None,
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor)


_TAGS: dict[str, Any] = {
    "u": uuid.UUID,
    "d": date.fromisoformat,
    "t": datetime.fromisoformat,
    "n": Decimal,
    "i": int,
    "s": str,
}


def _tag(value: Any) -> list[Any]:
    if isinstance(value, uuid.UUID):
        return ["u", str(value)]
    if isinstance(value, datetime):
        return ["t", value.isoformat()]
    if isinstance(value, date):
        return ["d", value.isoformat()]
    if isinstance(value, Decimal):
        return ["n", str(value)]
    if isinstance(value, bool | int):
        return ["i", int(value)]
    return ["s", str(value)]


def encode_cursor(sort: str, values: Sequence[Any]) -> str:
    raw = json.dumps({"s": sort, "v": [_tag(v) for v in values]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _invalid_cursor() -> ValidationFailed:
    return field_error("cursor", "is not a cursor this list issued for this sort", "invalid_cursor",
                       location="query")


def decode_cursor(cursor: str, sort: str, value_type: type | None = None) -> tuple[Any, uuid.UUID]:
    """(sort value, id) of the last row served. A cursor is opaque but not secret: one that was edited
    by hand must fail as a 422 here, never reach the database with the wrong types."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if raw["s"] != sort:
            raise ValueError("cursor made for another sort")
        (value_tag, value), (id_tag, last_id) = raw["v"]
        decoded = _TAGS[value_tag](value), _TAGS[id_tag](last_id)
    except (ValueError, KeyError, TypeError) as exc:
        raise _invalid_cursor() from exc
    if not isinstance(decoded[1], uuid.UUID) or (value_type is not None and type(decoded[0]) is not value_type):
        raise _invalid_cursor()
    return decoded


def resolve_sort(sort: str | None, allowed: Mapping[str, SortColumn], default: str) -> str:
    sort = sort or default
    if sort.removeprefix("-") not in allowed:
        choices = ", ".join(sorted(allowed))
        raise field_error("sort", f"unknown sort field; use one of {choices} (prefix - for descending)",
                          "invalid_sort", location="query")
    return sort


def _python_type(column: SortColumn) -> type | None:
    try:
        return column.type.python_type  # type: ignore[no-any-return]
    except (AttributeError, NotImplementedError):
        return None


def keyset(
    stmt: Any,
    *,
    sort: str,
    allowed: Mapping[str, SortColumn],
    id_column: SortColumn,
    params: PageParams,
) -> Any:
    """Order, continue after the cursor and fetch one row more than asked (to know if a next page exists)."""
    column = allowed[sort.removeprefix("-")]
    descending = sort.startswith("-")
    if params.cursor:
        last_value, last_id = decode_cursor(params.cursor, sort, _python_type(column))
        pair = tuple_(column, id_column)
        stmt = stmt.where(pair < tuple_(last_value, last_id) if descending else pair > tuple_(last_value, last_id))
    order = (column.desc(), id_column.desc()) if descending else (column.asc(), id_column.asc())
    return stmt.order_by(*order).limit(params.limit + 1)


def page_of(
    rows: Sequence[Any], *, sort: str, params: PageParams, key: Any
) -> tuple[list[Any], str | None]:
    """Cut the extra row and make the cursor from the last row served. `key(row) -> (sort value, id)`."""
    items = list(rows[: params.limit])
    if len(rows) <= params.limit or not items:
        return items, None
    return items, encode_cursor(sort, key(items[-1]))
