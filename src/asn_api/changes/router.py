"""/changes: poll with the last `seq` you stored; you will never miss or repeat a change."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from asn_api.auth.deps import require
from asn_api.auth.principal import Principal
from asn_api.changes import service
from asn_api.changes.schemas import ChangePage
from asn_api.core.db import SessionDep
from asn_api.core.errors import error_responses, field_error
from asn_api.core.transaction import TransactionalRoute

MAX_SEQ = 2**63 - 1  # seq is a bigint
router = APIRouter(prefix="/changes", tags=["changes"], route_class=TransactionalRoute)


@router.get("", response_model=ChangePage, responses=error_responses(401, 403, 422))
async def list_changes(
    session: SessionDep,
    after: Annotated[int, Query(ge=0, le=MAX_SEQ, description="Return entries with seq greater than this")] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=32, description="`next_cursor` of the previous page")] = None,
    resource: Annotated[str | None, Query(max_length=64, description="e.g. `org_unit`, `employee`")] = None,
    _: Principal = require("changes:read"),
) -> ChangePage:
    """Entries in commit order: `seq` strictly increases in the order transactions committed.

    `next_cursor` (when the page is full) is the last `seq` as a string; `?cursor=` and `?after=`
    are interchangeable. Resources: `org_unit`, and the later domain resources.
    """
    if cursor is not None:
        if not cursor.isdigit() or int(cursor) > MAX_SEQ:
            raise field_error("cursor", "is not a cursor this feed issued", "invalid_cursor", location="query")
        after = max(after, int(cursor))
    return await service.list_changes(session, after=after, limit=limit, resource=resource)
