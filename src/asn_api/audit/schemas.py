from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class AuditActor(BaseModel):
    type: Literal["user", "client", "anonymous", "system"] = Field(
        description="`system` (beyond api.md's three) marks writes made outside HTTP: the CLI, start-up "
        "bootstrap of the admin, demo seeding"
    )
    id: str | None
    username: str | None


class AuditEventOut(BaseModel):
    id: uuid.UUID
    occurred_at: datetime
    actor: AuditActor
    action: str
    resource: str
    resource_id: str
    changes: dict[str, list[Any]]
    request_id: str | None
    ip: str | None
