from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.core.journal import Change


class ChangeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def after(self, seq: int, limit: int, resource: str | None) -> list[Change]:
        stmt = select(Change).where(Change.seq > seq)
        if resource:
            stmt = stmt.where(Change.resource == resource)
        stmt = stmt.order_by(Change.seq).limit(limit)
        return list((await self.session.execute(stmt)).scalars())
