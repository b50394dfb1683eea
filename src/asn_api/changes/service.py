from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.changes.repository import ChangeRepository
from asn_api.changes.schemas import ChangeOut, ChangePage


async def list_changes(session: AsyncSession, *, after: int, limit: int, resource: str | None) -> ChangePage:
    rows = await ChangeRepository(session).after(after, limit, resource)
    items = [
        ChangeOut(seq=c.seq, resource=c.resource, resource_id=c.resource_id, action=c.action,  # type: ignore[arg-type]
                  version=c.version, occurred_at=c.occurred_at)
        for c in rows
    ]
    # The cursor is simply the last seq: readers may store it and resume with ?after= as well.
    next_cursor = str(items[-1].seq) if len(items) == limit else None
    return ChangePage(items=items, next_cursor=next_cursor)
