"""/audit-events (admin): the trail of every write, newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from asn_api.audit import service
from asn_api.audit.schemas import AuditEventOut
from asn_api.auth.deps import require
from asn_api.auth.principal import Principal
from asn_api.core.db import SessionDep
from asn_api.core.errors import error_responses
from asn_api.core.pagination import Page, PageParams, page_params
from asn_api.core.transaction import TransactionalRoute

router = APIRouter(prefix="/audit-events", tags=["audit"], route_class=TransactionalRoute)


@router.get("", response_model=Page[AuditEventOut], responses=error_responses(401, 403, 422))
async def list_audit_events(
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    actor_id: Annotated[str | None, Query(max_length=64)] = None,
    resource: Annotated[str | None, Query(max_length=64, description="e.g. `org_unit`, `user`")] = None,
    resource_id: Annotated[str | None, Query(max_length=64)] = None,
    from_: Annotated[datetime | None, Query(alias="from", description="Inclusive, RFC 3339")] = None,
    to: Annotated[datetime | None, Query(description="Exclusive, RFC 3339")] = None,
    _: Principal = require("audit:read"),
) -> Page[AuditEventOut]:
    """Audit events, newest first. PII values are masked (`***` plus at most the last 2 characters)."""
    items, cursor = await service.list_audit_events(
        session, params, actor_id=actor_id, resource=resource, resource_id=resource_id,
        occurred_from=from_, occurred_to=to,
    )
    return Page(items=items, next_cursor=cursor)
