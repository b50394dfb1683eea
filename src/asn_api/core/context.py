"""Per-request facts that logging, auditing and the change feed read without threading them through calls."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    type: str  # user | client | anonymous | system
    id: str | None = None
    username: str | None = None


ANONYMOUS = Actor(type="anonymous")
SYSTEM = Actor(type="system", username="system")

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
client_ip_var: ContextVar[str | None] = ContextVar("client_ip", default=None)
actor_var: ContextVar[Actor] = ContextVar("actor", default=SYSTEM)
