"""Reporting SQL. Reports read across features' tables (never write), each in one query."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Date, Integer, Select, String, column, func, select, table
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.org_units.models import OrgUnit
from asn_api.positions.models import Position, PositionWorkload

employees = table(
    "employees",
    column("position_id", UUID(as_uuid=True)),
    column("status", String),
    column("retirement_date", Date),
)


class ReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def staffing(self, unit_ids: Select[Any] | None, horizon: date) -> list[Any]:
        """Per active position: K, B, retiring by `horizon`, workload minutes, and its unit's code and name."""
        staff = (
            select(
                employees.c.position_id,
                func.count().label("incumbents"),
                func.count().filter(employees.c.retirement_date <= horizon).label("retiring"),
            )
            .where(employees.c.status == "active", employees.c.position_id.is_not(None))
            .group_by(employees.c.position_id)
            .subquery()
        )
        stmt = (
            select(
                Position.id, Position.code, Position.title, Position.org_unit_id, Position.grade,
                Position.required_headcount,
                func.coalesce(staff.c.incumbents, 0).cast(Integer).label("incumbents"),
                func.coalesce(staff.c.retiring, 0).cast(Integer).label("retiring"),
                PositionWorkload.total_minutes,
                OrgUnit.code.label("unit_code"), OrgUnit.name.label("unit_name"),
            )
            .join(OrgUnit, OrgUnit.id == Position.org_unit_id)
            .outerjoin(staff, staff.c.position_id == Position.id)
            .outerjoin(PositionWorkload, PositionWorkload.position_id == Position.id)
            .where(Position.status == "active")
            .order_by(OrgUnit.code, Position.grade.desc(), Position.code)
        )
        if unit_ids is not None:
            stmt = stmt.where(Position.org_unit_id.in_(unit_ids))
        return list((await self.session.execute(stmt)).all())


def single_unit(unit_id: uuid.UUID) -> Select[Any]:
    return select(OrgUnit.id).where(OrgUnit.id == unit_id)
