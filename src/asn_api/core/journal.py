"""The one mechanism every write goes through: an audit event and a change-feed entry per changed row.

Both are buffered on the session and written just before COMMIT, in the same transaction as the change.
Change-feed entries take `seq` while holding a transaction-scoped advisory lock that is released only
by COMMIT or ROLLBACK. So `seq` order is commit order: once a reader sees `seq = n`, every entry with a
smaller `seq` is already committed, and polling `after=` never skips a change committed late. The lock
is taken at the very end of the transaction, so writers are serialised only for their final insert.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import BigInteger, Identity, Index, String, event, insert, text
from sqlalchemy.dialects.postgresql import INET, JSONB
from sqlalchemy.orm import Mapped, Session, mapped_column

from asn_api.core import clock
from asn_api.core.context import actor_var, client_ip_var, request_id_var
from asn_api.core.models import Base

CHANGE_FEED_LOCK_KEY = 0x41534E_0001  # arbitrary, stable; "ASN" + 1
_PENDING = "asn_journal_pending"


class AuditEvent(Base):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_resource", "resource", "resource_id", "occurred_at"),
        Index("ix_audit_events_actor", "actor_id", "occurred_at"),
        Index("ix_audit_events_occurred_at_id", "occurred_at", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    occurred_at: Mapped[datetime]
    actor_type: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str | None] = mapped_column(String(64))
    actor_username: Mapped[str | None] = mapped_column(String(150))
    action: Mapped[str] = mapped_column(String(32))
    resource: Mapped[str] = mapped_column(String(64))
    resource_id: Mapped[str] = mapped_column(String(64))
    changes: Mapped[dict[str, Any]] = mapped_column(JSONB)
    request_id: Mapped[str | None] = mapped_column(String(128))
    ip: Mapped[str | None] = mapped_column(INET)


class Change(Base):
    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_resource_seq", "resource", "seq"),)

    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    resource: Mapped[str] = mapped_column(String(64))
    resource_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))
    version: Mapped[int | None]
    occurred_at: Mapped[datetime]


@dataclass
class _Pending:
    audits: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    # savepoint -> (audits, changes) buffered when it began: its rollback drops only what came after
    marks: dict[Any, tuple[int, int]] = field(default_factory=dict)


def jsonable(value: Any) -> Any:
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def mask(value: Any) -> Any:
    """Audit readers may see *that* PII changed, never what it is; the last 2 characters help a clerk."""
    if value is None:
        return None
    text_value = str(value)
    return "***" + (text_value[-2:] if len(text_value) > 8 else "")


def diff(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None, pii: Iterable[str] = ()
) -> dict[str, list[Any]]:
    pii = set(pii)
    before, after = before or {}, after or {}
    result: dict[str, list[Any]] = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if key in pii:
            old, new = mask(old), mask(new)
        result[key] = [jsonable(old), jsonable(new)]
    return result


def record(
    session: Session | Any,
    *,
    resource: str,
    resource_id: Any,
    action: str,
    version: int | None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    pii: Iterable[str] = (),
    feed: bool = True,
) -> None:
    """Buffer one audited write; `feed=False` audits without a change-feed entry (users, clients)."""
    sync_session: Session = getattr(session, "sync_session", session)
    pending: _Pending = sync_session.info.setdefault(_PENDING, _Pending())
    moment = clock.now()
    actor = actor_var.get()
    pending.audits.append(
        {
            "id": uuid.uuid4(),
            "occurred_at": moment,
            "actor_type": actor.type,
            "actor_id": actor.id,
            "actor_username": actor.username,
            "action": action,
            "resource": resource,
            "resource_id": str(resource_id),
            "changes": diff(before, after, pii),
            "request_id": request_id_var.get(),
            "ip": client_ip_var.get(),
        }
    )
    if feed:
        pending.changes.append(
            {
                "resource": resource,
                "resource_id": str(resource_id),
                "action": action,
                "version": version,
                "occurred_at": moment,
            }
        )


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    pending: _Pending | None = session.info.pop(_PENDING, None)
    if pending is None:
        return
    if pending.audits:
        session.execute(insert(AuditEvent), pending.audits)
    if pending.changes:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHANGE_FEED_LOCK_KEY})
        session.execute(insert(Change), pending.changes)


@event.listens_for(Session, "after_transaction_create")
def _mark_savepoint(session: Session, transaction: Any) -> None:
    if transaction.nested:
        pending: _Pending = session.info.setdefault(_PENDING, _Pending())
        pending.marks[transaction] = (len(pending.audits), len(pending.changes))


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session: Session, previous_transaction: Any) -> None:
    if not previous_transaction.nested:
        session.info.pop(_PENDING, None)
        return
    # A rolled-back savepoint (e.g. one failed row of a best-effort import) undoes only its own
    # writes; the entries of the writes before it must survive to the commit.
    pending: _Pending | None = session.info.get(_PENDING)
    if pending is not None:
        audits, changes = pending.marks.pop(previous_transaction, (0, 0))
        del pending.audits[audits:]
        del pending.changes[changes:]
