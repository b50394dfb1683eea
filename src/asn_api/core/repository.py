"""The generic repository: SQL lives in repositories, and every write here passes through the journal."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import Select, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.inspection import inspect
from sqlalchemy.orm.attributes import flag_modified

from asn_api.core import journal
from asn_api.core.models import Base

M = TypeVar("M", bound=Base)


def contains_pattern(text: str) -> str:
    """An ILIKE pattern matching `text` anywhere, with the user's own % and _ taken literally."""
    return "%" + escape_like(text) + "%"


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _id(obj: Base) -> Any:
    return obj.id  # type: ignore[attr-defined]  # every journalled table has a UUID primary key `id`


def snapshot(obj: Base) -> dict[str, Any]:
    """Column values of a row as the audit log should see them."""
    return {attr.key: getattr(obj, attr.key) for attr in inspect(type(obj)).column_attrs}


class Repository(Generic[M]):
    model: ClassVar[type[Any]]
    resource: ClassVar[str]
    pii_fields: ClassVar[frozenset[str]] = frozenset()
    audit_only: ClassVar[bool] = False  # True: audited but not published on the change feed
    hidden_fields: ClassVar[frozenset[str]] = frozenset({"created_at", "updated_at", "version"})

    def __init__(self, session: AsyncSession, principal: Any = None) -> None:
        self.session = session
        self.principal = principal

    def readable(self, stmt: Select[Any]) -> Select[Any]:
        """Row scope for the principal; override in repositories whose rows are not city-wide."""
        return stmt

    async def get(self, id_: uuid.UUID, *, for_update: bool = False) -> M | None:
        stmt = self.readable(select(self.model).where(self.model.id == id_))
        if for_update:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    def _audited(self, values: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in values.items() if k not in self.hidden_fields}

    def _record(self, resource_id: Any, version: int | None, action: str, before: dict[str, Any] | None,
                after: dict[str, Any] | None) -> None:
        journal.record(
            self.session,
            resource=self.resource,
            resource_id=resource_id,
            action=action,
            version=version,
            before=self._audited(before) if before is not None else None,
            after=self._audited(after) if after is not None else None,
            pii=self.pii_fields,
            feed=not self.audit_only,
        )

    async def add(self, obj: M) -> M:
        self.session.add(obj)
        await self.session.flush()
        self._record(_id(obj), getattr(obj, "version", None), "created", None, snapshot(obj))
        return obj

    async def add_many(self, rows: list[dict[str, Any]]) -> None:
        """Insert rows (with their ids) in one statement, each journalled as add() would (bulk loads)."""
        if not rows:
            return
        await self.session.execute(insert(self.model), rows)
        for row in rows:
            self._record(row["id"], row.get("version"), "created", None, row)

    async def update(self, obj: M, values: dict[str, Any], *, always: bool = False) -> M:
        """Apply the values that differ. `always=True` writes even when none does — the version moves on
        and the feed gets an entry — for a change to data the row's version stands for (a workload)."""
        before = snapshot(obj)
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        if not changed and not always:
            return obj
        for key, value in changed.items():
            setattr(obj, key, value)
        if not changed:
            flag_modified(obj, "updated_at")  # an UPDATE with nothing else to set still bumps `version`
        await self.session.flush()
        self._record(_id(obj), getattr(obj, "version", None), "updated", before, snapshot(obj))
        return obj

    async def delete(self, obj: M) -> None:
        before = snapshot(obj)
        await self.session.delete(obj)
        await self.session.flush()
        self._record(_id(obj), getattr(obj, "version", None), "deleted", before, None)
