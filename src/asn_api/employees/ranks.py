"""Rank history (riwayat pangkat): each entry is kept; the latest one is the employee's current rank."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.auth.principal import Principal
from asn_api.core.errors import field_error
from asn_api.core.pagination import PageParams, page_of
from asn_api.domain.errors import DomainRuleError
from asn_api.domain.ranks import validate_rank
from asn_api.employees.models import EmployeeRank
from asn_api.employees.repository import HISTORY_SORT, EmployeeRepository, RankRepository
from asn_api.employees.schemas import RankCreate
from asn_api.employees.service import get_employee


async def list_ranks(
    session: AsyncSession, principal: Principal, employee_id: uuid.UUID, params: PageParams
) -> tuple[list[EmployeeRank], str | None]:
    await get_employee(session, principal, employee_id)
    rows = await RankRepository(session, principal).list_page(employee_id, params)
    return page_of(rows, sort=HISTORY_SORT, params=params, key=lambda r: (r.effective_date, r.id))


async def create_rank(
    session: AsyncSession, principal: Principal, employee_id: uuid.UUID, body: RankCreate
) -> EmployeeRank:
    """Record a rank; it becomes `rank` / `rank_effective_date` when no later one is on record.

    An entry dated the same day as the current rank replaces it (a correction of that decree).
    """
    employee = await get_employee(session, principal, employee_id, for_update=True)
    try:
        validate_rank(body.rank, employee.employment_type)
    except DomainRuleError as exc:
        raise field_error(exc.field, exc.message, exc.code) from exc
    entry = await RankRepository(session, principal).add(
        EmployeeRank(employee_id=employee.id, **body.model_dump())
    )
    if employee.rank_effective_date is None or body.effective_date >= employee.rank_effective_date:
        await EmployeeRepository(session, principal).update(
            employee, {"rank": body.rank, "rank_effective_date": body.effective_date}
        )
    return entry
