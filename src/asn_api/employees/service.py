"""Use cases of employees: list, read, create and update, with the NIP/NIK/rank rules and the BUP.

Assignment and rank history live in `assignments.py` and `ranks.py`; both reuse the helpers here.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.auth.principal import Principal
from asn_api.core import clock
from asn_api.core.config import Settings
from asn_api.core.errors import Forbidden, NotFound, field_error
from asn_api.core.etag import check_if_match
from asn_api.core.pagination import PageParams, page_of, resolve_sort
from asn_api.domain import nik as nik_rules
from asn_api.domain import nip as nip_rules
from asn_api.domain import ranks as rank_rules
from asn_api.domain import retirement
from asn_api.domain.errors import DomainRuleError
from asn_api.employees.models import Employee
from asn_api.employees.repository import SORTS, AssignmentRepository, EmployeeRepository
from asn_api.employees.schemas import EmployeeCreate, EmployeeOut, EmployeeUpdate
from asn_api.positions import service as positions

__all__ = ["list_employees", "get_employee", "get_employee_by_nip", "create_employee", "update_employee",
           "to_out", "shows_pii", "retirement_date_for"]

_NOT_NULL = ("nip", "full_name", "gender", "birth_date", "employment_type", "status")
_STORED = tuple(EmployeeUpdate.model_fields)  # the client-writable columns


def shows_pii(principal: Principal) -> bool:
    """May the caller see nik, phone and address of the rows it can read?

    Rows reach a caller only through `EmployeeRepository.readable`, so a unit_admin only ever holds
    employees of its subtree and an employee only itself. What is left is the permission: every user role
    holds `employees:read_pii` (admin, hr, unit_admin in scope, the employee itself); integration clients
    only when granted that scope.
    """
    return principal.can("employees:read_pii")


def to_out(employee: Employee, principal: Principal) -> EmployeeOut:
    return EmployeeOut.build(employee, show_pii=shows_pii(principal))


def retirement_ages(settings: Settings) -> retirement.RetirementAges:
    return retirement.RetirementAges(
        jpt=settings.retirement_age_jpt, ahli_utama=settings.retirement_age_ahli_utama,
        ahli_madya=settings.retirement_age_ahli_madya, default=settings.retirement_age_default,
    )


def retirement_date_for(settings: Settings, birth_date: date, position_kind: str | None,
                        functional_level: str | None) -> date:
    """BUP for the current position (the default age without one), api.md §5."""
    age = retirement.retirement_age(position_kind, functional_level, retirement_ages(settings))
    return retirement.retirement_date(birth_date, age)


async def _current_retirement_date(session: AsyncSession, settings: Settings, birth_date: date,
                                   position_id: uuid.UUID | None) -> date:
    if position_id is None:
        return retirement_date_for(settings, birth_date, None, None)
    position = await positions.get_position(session, position_id)
    return retirement_date_for(settings, birth_date, position.kind, position.functional_level)


def _validate(record: dict[str, Any]) -> None:
    """Domain rules on a whole record (create body, or a PATCH merged into the row); 422 names the field."""
    try:
        info = nip_rules.parse_nip(record["nip"], record["employment_type"])
        nip_rules.check_nip_against(
            record["nip"], record["employment_type"], birth_date=record["birth_date"],
            gender=record["gender"], civil_service_start=record.get("civil_service_start"),
        )
        if record.get("nik") is not None:
            nik_rules.check_nik_against(record["nik"], birth_date=record["birth_date"],
                                        gender=record["gender"])
        if record.get("rank") is not None:
            rank_rules.validate_rank(record["rank"], record["employment_type"])
    except DomainRuleError as exc:
        raise field_error(exc.field, exc.message, exc.code) from exc
    today = clock.today()
    if record["birth_date"] > today:
        raise field_error("birth_date", "is in the future", "birth_date_in_future")
    if info.appointment_year > today.year:  # domain.md §7.1: the year is not after the current year
        raise field_error("nip", f"NIP digits 9–12 encode appointment year {info.appointment_year}, "
                          "which is after the current year.", "nip_appointment_in_future")
    if record.get("status", "active") != "active" and record.get("status_date") is None:
        raise field_error("status_date", "is required when status is not active", "required")


async def list_employees(
    session: AsyncSession, principal: Principal, params: PageParams, *, sort: str | None, **filters: Any
) -> tuple[list[Employee], str | None]:
    sort = resolve_sort(sort, SORTS, "full_name")
    rows = await EmployeeRepository(session, principal).list_page(params=params, sort=sort, **filters)
    column = sort.removeprefix("-")
    return page_of(rows, sort=sort, params=params, key=lambda e: (getattr(e, column), e.id))


async def list_position_incumbents(
    session: AsyncSession, principal: Principal, position_id: uuid.UUID, params: PageParams
) -> tuple[list[Employee], str | None]:
    await positions.get_position(session, position_id)  # 404 for an unknown position
    return await list_employees(session, principal, params, sort=None, position_id=position_id, status="active",
                                org_unit_id=None, include_descendants=False, employment_type=None, rank=None,
                                q=None)


async def get_employee(session: AsyncSession, principal: Principal, employee_id: uuid.UUID,
                       *, for_update: bool = False) -> Employee:
    employee = await EmployeeRepository(session, principal).get(employee_id, for_update=for_update)
    if employee is None:
        raise NotFound("No employee with this id", code="employee_not_found")
    return employee


async def get_employee_by_nip(session: AsyncSession, principal: Principal, nip: str) -> Employee:
    employee = await EmployeeRepository(session, principal).get_by_nip(nip)
    if employee is None:
        raise NotFound("No employee with this NIP", code="employee_not_found")
    return employee


async def create_employee(session: AsyncSession, principal: Principal, settings: Settings,
                          body: EmployeeCreate) -> Employee:
    if not principal.city_wide:
        # A new employee has no unit until hr assigns a position, so it would at once be outside the
        # unit_admin's scope (201 with a Location it cannot read). Appointment is a BKPSDM task.
        raise Forbidden("Only city-wide callers (admin, hr, integration clients) create employees; "
                        "a unit_admin manages employees once they are assigned to its units",
                        code="city_wide_only")
    values = body.model_dump()
    _validate(values)
    values["retirement_date"] = retirement_date_for(settings, values["birth_date"], None, None)
    return await EmployeeRepository(session, principal).add(Employee(**values))


async def update_employee(
    session: AsyncSession, principal: Principal, settings: Settings, employee_id: uuid.UUID,
    body: EmployeeUpdate, if_match: str | None,
) -> Employee:
    values: dict[str, Any] = body.model_dump(exclude_unset=True)
    for name in _NOT_NULL:
        if name in values and values[name] is None:
            raise field_error(name, "may not be null", "null_not_allowed")
    employee = await get_employee(session, principal, employee_id, for_update=True)
    check_if_match(if_match, employee.version)
    merged = {name: getattr(employee, name) for name in _STORED} | values
    _validate(merged)

    if employee.status == "active" and merged["status"] != "active":
        values |= await _leave_service(session, principal, employee, merged["status_date"])
    if "birth_date" in values or "position_id" in values:
        position_id = values.get("position_id", employee.position_id)
        values["retirement_date"] = await _current_retirement_date(
            session, settings, merged["birth_date"], position_id
        )
    return await EmployeeRepository(session, principal).update(employee, values)


async def _leave_service(session: AsyncSession, principal: Principal, employee: Employee,
                         status_date: date) -> dict[str, Any]:
    """End the current assignment on `status_date`; the employee then holds no position."""
    history = AssignmentRepository(session, principal)
    current = await history.current(employee.id)
    if current is not None:
        if status_date < current.effective_date:
            raise field_error("status_date", f"is before the start of the current assignment "
                              f"({current.effective_date.isoformat()})", "before_current_assignment")
        await history.update(current, {"end_date": status_date})
    return {"position_id": None, "org_unit_id": None, "position_since": None}
