"""All SQL for employees and their assignment and rank histories, with the row scope of each role."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, false, func, literal, select

from asn_api.core.pagination import PageParams, keyset
from asn_api.core.repository import Repository, contains_pattern, escape_like
from asn_api.employees.models import Employee, EmployeeAssignment, EmployeeRank
from asn_api.employees.schemas import PII_FIELDS
from asn_api.org_units.service import in_unit, subtree_ids

SORTS: dict[str, Any] = {
    "full_name": Employee.full_name, "nip": Employee.nip, "birth_date": Employee.birth_date,
    "updated_at": Employee.updated_at,
}
HISTORY_SORT = "-effective_date"  # newest first
_ASSIGNMENT_SORTS: dict[str, Any] = {"effective_date": EmployeeAssignment.effective_date}
_RANK_SORTS: dict[str, Any] = {"effective_date": EmployeeRank.effective_date}


class EmployeeRepository(Repository[Employee]):
    model = Employee
    resource = "employee"
    pii_fields = frozenset(PII_FIELDS)

    def readable(self, stmt: Select[Any]) -> Select[Any]:
        """admin, hr, clients: all; unit_admin: employees placed in its unit subtree; employee: itself."""
        principal = self.principal
        if principal is None or principal.city_wide:
            return stmt
        if principal.role == "unit_admin" and principal.org_unit_id is not None:
            return stmt.where(Employee.org_unit_id.in_(subtree_ids(principal.org_unit_id)))
        if principal.role == "employee" and principal.employee_id is not None:
            return stmt.where(Employee.id == principal.employee_id)
        return stmt.where(false())

    async def get(self, id_: uuid.UUID, *, for_update: bool = False) -> Employee | None:
        stmt = self.readable(select(Employee).where(Employee.id == id_))
        if for_update:
            stmt = stmt.with_for_update(of=Employee)  # the scope subquery is not locked
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get_by_nip(self, nip: str) -> Employee | None:
        stmt = self.readable(select(Employee).where(Employee.nip == nip))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_page(
        self, *, params: PageParams, sort: str, org_unit_id: uuid.UUID | None, include_descendants: bool,
        position_id: uuid.UUID | None, employment_type: str | None, rank: str | None, status: str | None,
        q: str | None,
    ) -> list[Employee]:
        stmt = self.readable(select(Employee))
        if org_unit_id is not None:
            stmt = stmt.where(in_unit(Employee.org_unit_id, org_unit_id, include_descendants))
        if position_id is not None:
            stmt = stmt.where(Employee.position_id == position_id)
        if employment_type is not None:
            stmt = stmt.where(Employee.employment_type == employment_type)
        if rank is not None:
            stmt = stmt.where(Employee.rank == rank)
        if status is not None:
            stmt = stmt.where(Employee.status == status)
        if q:
            if q.isascii() and q.isdigit():  # a NIP prefix: served by the text_pattern_ops index
                stmt = stmt.where(Employee.nip.like(escape_like(q) + "%"))
            else:
                stmt = stmt.where(Employee.full_name.ilike(contains_pattern(q)))
        stmt = keyset(stmt, sort=sort, allowed=SORTS, id_column=Employee.id, params=params)
        return list((await self.session.execute(stmt)).scalars())

    async def other_incumbents(self, position_id: uuid.UUID, employee_id: uuid.UUID) -> int:
        """Active employees holding the position now, not counting `employee_id`."""
        stmt = select(func.count()).where(
            Employee.position_id == position_id, Employee.status == "active", Employee.id != employee_id
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def unit_in_scope(self, unit_id: uuid.UUID) -> bool:
        """May the principal place employees in this unit? City-wide callers: any; unit_admin: its subtree."""
        principal = self.principal
        if principal is None or principal.city_wide:
            return True
        if principal.role != "unit_admin" or principal.org_unit_id is None:
            return False
        stmt = select(literal(unit_id).in_(subtree_ids(principal.org_unit_id)))
        return bool((await self.session.execute(stmt)).scalar_one())


class AssignmentRepository(Repository[EmployeeAssignment]):
    """Rows are reached through an employee the caller can read; callers check that first."""

    model = EmployeeAssignment
    resource = "employee_assignment"

    async def current(self, employee_id: uuid.UUID) -> EmployeeAssignment | None:
        stmt = select(EmployeeAssignment).where(
            EmployeeAssignment.employee_id == employee_id, EmployeeAssignment.end_date.is_(None)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_page(self, employee_id: uuid.UUID, params: PageParams) -> list[EmployeeAssignment]:
        stmt = select(EmployeeAssignment).where(EmployeeAssignment.employee_id == employee_id)
        stmt = keyset(stmt, sort=HISTORY_SORT, allowed=_ASSIGNMENT_SORTS,
                      id_column=EmployeeAssignment.id, params=params)
        return list((await self.session.execute(stmt)).scalars())


class RankRepository(Repository[EmployeeRank]):
    model = EmployeeRank
    resource = "employee_rank"

    async def list_page(self, employee_id: uuid.UUID, params: PageParams) -> list[EmployeeRank]:
        stmt = select(EmployeeRank).where(EmployeeRank.employee_id == employee_id)
        stmt = keyset(stmt, sort=HISTORY_SORT, allowed=_RANK_SORTS,
                      id_column=EmployeeRank.id, params=params)
        return list((await self.session.execute(stmt)).scalars())
