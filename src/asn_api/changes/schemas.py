from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel


class ChangeOut(BaseModel):
    seq: int
    resource: str
    resource_id: str
    action: Literal["created", "updated", "deleted"]
    version: int | None
    occurred_at: datetime


class ChangePage(BaseModel):
    items: list[ChangeOut]
    next_cursor: str | None = None
