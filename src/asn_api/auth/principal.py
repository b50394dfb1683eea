"""Who is calling: a user with a role, or an integration client with scopes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Literal

from asn_api.core.context import Actor


@dataclass(frozen=True)
class Principal:
    kind: Literal["user", "client"]
    id: uuid.UUID
    username: str
    role: str  # admin | hr | unit_admin | employee | client
    org_unit_id: uuid.UUID | None
    employee_id: uuid.UUID | None
    permissions: frozenset[str]

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    @property
    def city_wide(self) -> bool:
        """admin, hr and clients see every unit; unit_admin and employee are scoped."""
        return self.role in ("admin", "hr", "client")

    @property
    def actor(self) -> Actor:
        return Actor(type=self.kind, id=str(self.id), username=self.username)
