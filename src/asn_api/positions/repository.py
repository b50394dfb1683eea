"""All SQL for positions and their workloads. B (incumbents) comes from the `position_incumbents` view,
which the employees feature publishes (its migration owns it), so this package never reads employees."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Integer, Select, column, func, or_, select, table, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import aliased

from asn_api.core import journal
from asn_api.core.pagination import PageParams, keyset
from asn_api.core.repository import Repository, contains_pattern
from asn_api.org_units.service import in_unit
from asn_api.positions.models import Position, PositionWorkload

# Serialises reports_to changes, so two concurrent PATCHes (A → B, B → A) cannot each pass the cycle check.
REPORTS_TO_LOCK_KEY = 0x41534E_0003  # "ASN" + 3; 0 migrations, 1 change feed, 2 the org-unit tree

position_incumbents = table(
    "position_incumbents", column("position_id", UUID(as_uuid=True)), column("incumbents", Integer)
)
INCUMBENTS = func.coalesce(position_incumbents.c.incumbents, 0)
SORTS: dict[str, Any] = {
    "code": Position.code, "title": Position.title, "grade": Position.grade, "updated_at": Position.updated_at,
}


def with_incumbents(stmt: Any) -> Any:
    return stmt.outerjoin(position_incumbents, position_incumbents.c.position_id == Position.id)


class PositionRepository(Repository[Position]):
    model = Position
    resource = "position"

    async def get_with_incumbents(self, position_id: uuid.UUID) -> tuple[Position, int] | None:
        stmt = with_incumbents(select(Position, INCUMBENTS).where(Position.id == position_id))
        row = (await self.session.execute(stmt)).first()
        return (row[0], int(row[1])) if row else None

    async def incumbents(self, position_id: uuid.UUID) -> int:
        stmt = select(INCUMBENTS).select_from(position_incumbents).where(
            position_incumbents.c.position_id == position_id
        )
        return int((await self.session.execute(stmt)).scalar() or 0)

    async def list_page(
        self, *, params: PageParams, sort: str, org_unit_id: uuid.UUID | None, include_descendants: bool,
        kind: str | None, grade: int | None, vacant: bool, q: str | None,
    ) -> list[tuple[Position, int]]:
        stmt = with_incumbents(select(Position, INCUMBENTS))
        if org_unit_id is not None:
            stmt = stmt.where(in_unit(Position.org_unit_id, org_unit_id, include_descendants))
        if kind is not None:
            stmt = stmt.where(Position.kind == kind)
        if grade is not None:
            stmt = stmt.where(Position.grade == grade)
        if vacant:
            stmt = stmt.where(Position.status == "active", Position.required_headcount > INCUMBENTS)
        if q:
            pattern = contains_pattern(q)
            stmt = stmt.where(or_(Position.title.ilike(pattern), Position.code.ilike(pattern)))
        stmt = keyset(stmt, sort=sort, allowed=SORTS, id_column=Position.id, params=params)
        return [(row[0], int(row[1])) for row in (await self.session.execute(stmt)).all()]

    async def in_units(self, unit_ids: Select[Any]) -> list[Any]:
        """Active positions of several units with B, for the position map (one query). Plain rows, not ORM
        objects: the map is read-only and can hold thousands of positions."""
        stmt = with_incumbents(
            select(Position.id, Position.code, Position.title, Position.kind, Position.grade,
                   Position.required_headcount, Position.org_unit_id, INCUMBENTS.label("incumbents"))
        ).where(Position.org_unit_id.in_(unit_ids), Position.status == "active").order_by(
            Position.grade.desc(), Position.code
        )
        return list((await self.session.execute(stmt)).all())

    async def lock_reports_to(self) -> None:
        """Transaction-scoped: held until COMMIT or ROLLBACK. Take it before locking any position row."""
        await self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": REPORTS_TO_LOCK_KEY})

    async def exists(self, position_id: uuid.UUID) -> bool:
        return (await self.session.execute(select(Position.id).where(Position.id == position_id))).first() is not None

    async def reports_to_chain_contains(self, start_id: uuid.UUID, candidate_id: uuid.UUID) -> bool:
        """Would `candidate_id` appear walking up `reports_to_id` from `start_id`? (cycle check)"""
        chain = select(Position.id, Position.reports_to_id).where(Position.id == start_id).cte(
            "chain", recursive=True
        )
        parent = aliased(Position)
        chain = chain.union(select(parent.id, parent.reports_to_id).where(parent.id == chain.c.reports_to_id))
        stmt = select(func.count()).select_from(chain).where(chain.c.id == candidate_id)
        return bool((await self.session.execute(stmt)).scalar_one())


class WorkloadRepository:
    def __init__(self, session: Any) -> None:
        self.session = session

    async def get(self, position_id: uuid.UUID) -> PositionWorkload | None:
        return await self.session.get(PositionWorkload, position_id)

    async def save(self, position_id: uuid.UUID, **values: Any) -> PositionWorkload:
        """Insert or replace the workload; audited (the tasks before and after), not on the change feed —
        the position's own `updated` entry announces it."""
        workload = await self.get(position_id)
        before = {"tasks": workload.tasks} if workload is not None else None
        if workload is None:
            workload = PositionWorkload(position_id=position_id, **values)
            self.session.add(workload)
        else:
            for key, value in values.items():
                setattr(workload, key, value)
        await self.session.flush()
        journal.record(self.session, resource="position_workload", resource_id=position_id,
                       action="updated" if before else "created", version=None, before=before,
                       after={"tasks": workload.tasks}, feed=False)
        return workload
