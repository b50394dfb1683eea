from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.audit.repository import AuditRepository
from asn_api.audit.schemas import AuditActor, AuditEventOut
from asn_api.core.pagination import PageParams, page_of


async def list_audit_events(
    session: AsyncSession, params: PageParams, *, actor_id: str | None, resource: str | None,
    resource_id: str | None, occurred_from: datetime | None, occurred_to: datetime | None,
) -> tuple[list[AuditEventOut], str | None]:
    rows = await AuditRepository(session).list_page(
        params, actor_id=actor_id, resource=resource, resource_id=resource_id,
        occurred_from=occurred_from, occurred_to=occurred_to,
    )
    rows, cursor = page_of(rows, sort="-occurred_at", params=params, key=lambda e: (e.occurred_at, e.id))
    items = [
        AuditEventOut(
            id=e.id, occurred_at=e.occurred_at,
            actor=AuditActor(type=e.actor_type, id=e.actor_id, username=e.actor_username),  # type: ignore[arg-type]
            action=e.action, resource=e.resource, resource_id=e.resource_id, changes=e.changes,
            request_id=e.request_id, ip=str(e.ip) if e.ip is not None else None,
        )
        for e in rows
    ]
    return items, cursor
