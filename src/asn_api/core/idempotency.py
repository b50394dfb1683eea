"""Idempotency-Key storage: a retried POST replays the first answer instead of writing twice.

The key row is inserted in the request's own transaction before the handler runs. A concurrent retry
with the same key blocks on that row until the first request commits (then replays its stored answer)
or rolls back (then runs itself). The answer is stored in the same transaction as the write it reports,
so a stored answer always describes a committed change.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Index, LargeBinary, String, delete, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from starlette.requests import Request
from starlette.responses import Response

from asn_api.core import clock
from asn_api.core.errors import ValidationFailed
from asn_api.core.models import Base

KEY_HEADER = "Idempotency-Key"
REPLAY_HEADER = "Idempotent-Replayed"
RETENTION = timedelta(hours=24)
_REPLAYED_HEADERS = ("location", "etag", "content-type")


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_keys"
    __table_args__ = (Index("ix_idempotency_keys_created_at", "created_at"),)

    owner: Mapped[str] = mapped_column(String(128), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None]
    response_body: Mapped[bytes | None] = mapped_column(LargeBinary)
    response_headers: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_at: Mapped[datetime]


async def request_fingerprint(request: Request) -> str:
    body = await request.body()  # Starlette caches it; the handler reads the same bytes again
    digest = hashlib.sha256()
    for part in (request.method, request.url.path, request.url.query):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(body)
    return digest.hexdigest()


async def claim(session: AsyncSession, owner: str, key: str, fingerprint: str) -> Response | None:
    """Reserve the key for this request, or return the stored answer to replay."""
    if not key or len(key) > 255:
        raise ValidationFailed("Idempotency-Key must be 1–255 characters", code="invalid_idempotency_key")
    now = clock.now()
    # Expired answers go, everyone's: a stored answer can hold personal data, so it is kept no longer
    # than the 24 hours the contract promises (cheap: an index range scan that is usually empty).
    await session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.created_at < now - RETENTION))
    inserted = await session.execute(
        pg_insert(IdempotencyRecord)
        .values(owner=owner, key=key, request_hash=fingerprint, created_at=now)
        .on_conflict_do_nothing()
        .returning(IdempotencyRecord.key)
    )
    if inserted.first() is not None:
        return None
    stored = (
        await session.execute(
            select(IdempotencyRecord).where(IdempotencyRecord.owner == owner, IdempotencyRecord.key == key)
        )
    ).scalar_one()
    if stored.request_hash != fingerprint:
        raise ValidationFailed(
            "This Idempotency-Key was already used with a different request body or URL",
            code="idempotency_key_reused",
        )
    headers = dict(stored.response_headers or {})
    headers[REPLAY_HEADER] = "true"
    return Response(content=stored.response_body, status_code=stored.status_code or 200, headers=headers)


async def remember(session: AsyncSession, owner: str, key: str, response: Response) -> None:
    headers = {name: response.headers[name] for name in _REPLAYED_HEADERS if name in response.headers}
    await session.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.owner == owner, IdempotencyRecord.key == key)
        .values(status_code=response.status_code, response_body=bytes(response.body), response_headers=headers)
    )
