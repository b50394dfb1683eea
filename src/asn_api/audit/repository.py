from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.core.journal import AuditEvent
from asn_api.core.pagination import PageParams, keyset

SORTS = {"occurred_at": AuditEvent.occurred_at}


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list_page(
        self, params: PageParams, *, actor_id: str | None, resource: str | None, resource_id: str | None,
        occurred_from: datetime | None, occurred_to: datetime | None,
    ) -> list[AuditEvent]:
        stmt = select(AuditEvent)
        if actor_id:
            stmt = stmt.where(AuditEvent.actor_id == actor_id)
        if resource:
            stmt = stmt.where(AuditEvent.resource == resource)
        if resource_id:
            stmt = stmt.where(AuditEvent.resource_id == resource_id)
        if occurred_from:
            stmt = stmt.where(AuditEvent.occurred_at >= occurred_from)
        if occurred_to:
            stmt = stmt.where(AuditEvent.occurred_at < occurred_to)
        stmt = keyset(stmt, sort="-occurred_at", allowed=SORTS, id_column=AuditEvent.id, params=params)
        return list((await self.session.execute(stmt)).scalars())
