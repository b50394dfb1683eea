"""Assignment history (riwayat jabatan): moving an employee into a position, seat by seat.

Locks, in this order everywhere: the employee row (serialises changes to one person's history), then
the position row (`positions.get_position_for_assignment`, FOR UPDATE). With the position locked, the
count of its incumbents cannot change under us, so two requests racing for the last free seat are
decided one after the other: the second sees the first's committed employee and gets `position_full`.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.auth.principal import Principal
from asn_api.core import clock
from asn_api.core.config import Settings
from asn_api.core.errors import Conflict, NotFound, field_error
from asn_api.core.pagination import PageParams, page_of
from asn_api.employees.models import EmployeeAssignment
from asn_api.employees.repository import HISTORY_SORT, AssignmentRepository, EmployeeRepository
from asn_api.employees.schemas import AssignmentCreate
from asn_api.employees.service import get_employee, retirement_date_for
from asn_api.positions import service as positions


async def list_assignments(
    session: AsyncSession, principal: Principal, employee_id: uuid.UUID, params: PageParams
) -> tuple[list[EmployeeAssignment], str | None]:
    await get_employee(session, principal, employee_id)
    rows = await AssignmentRepository(session, principal).list_page(employee_id, params)
    return page_of(rows, sort=HISTORY_SORT, params=params, key=lambda a: (a.effective_date, a.id))


async def create_assignment(
    session: AsyncSession, principal: Principal, settings: Settings, employee_id: uuid.UUID,
    body: AssignmentCreate, *, allow_over_capacity: bool,
) -> EmployeeAssignment:
    employees = EmployeeRepository(session, principal)
    employee = await get_employee(session, principal, employee_id, for_update=True)
    position = await positions.get_position_for_assignment(session, body.position_id)
    if not await employees.unit_in_scope(position.org_unit_id):
        raise NotFound("No position with this id", code="position_not_found")
    if position.status == "abolished":
        raise Conflict("The position is abolished; nobody can be assigned to it", code="position_abolished")
    if employee.status != "active":
        raise Conflict(f"The employee left service ({employee.status}); only active employees are assigned",
                       code="employee_not_active")

    if body.effective_date > clock.today():
        # B counts who holds a position *now*, and the employee record mirrors the open assignment, so a
        # decree taking effect later is recorded on (or after) its effective date.
        raise field_error("effective_date", "is in the future; record the assignment from its effective date",
                          "effective_date_in_future")
    history = AssignmentRepository(session, principal)
    current = await history.current(employee.id)
    if current is not None and body.effective_date < current.effective_date:
        raise field_error("effective_date", f"is before the start of the current assignment "
                          f"({current.effective_date.isoformat()})", "before_current_assignment")
    if not allow_over_capacity:
        incumbents = await employees.other_incumbents(position.id, employee.id)
        if incumbents >= position.required_headcount:
            raise Conflict(
                f"The position is full: {incumbents} incumbent(s) for {position.required_headcount} seat(s); "
                "pass allow_over_capacity=true to assign anyway",
                code="position_full",
                extra={"required_headcount": position.required_headcount, "incumbents": incumbents},
            )

    if current is not None:
        await history.update(current, {"end_date": body.effective_date})
    assignment = await history.add(EmployeeAssignment(
        employee_id=employee.id, position_id=position.id, org_unit_id=position.org_unit_id, kind=body.kind,
        effective_date=body.effective_date, decree_number=body.decree_number, decree_date=body.decree_date,
    ))
    await employees.update(employee, {
        "position_id": position.id,
        "org_unit_id": position.org_unit_id,
        "position_since": body.effective_date,
        "retirement_date": retirement_date_for(settings, employee.birth_date, position.kind,
                                               position.functional_level),
    })
    return assignment
