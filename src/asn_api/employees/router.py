"""/employees: the employee record, assignment history (riwayat jabatan) and rank history (riwayat pangkat).

Row scope: admin, hr and integration clients see every employee; a unit_admin sees employees placed in
its unit subtree; an employee sees only itself. Anything else is 404, never 403.

PII (`nik`, `phone`, `address`) is present for admin, hr, the unit_admin of the employee's unit, the
employee itself and clients holding `employees:read_pii`; for everyone else the keys are absent.

Change feed and audit: the employee record is resource `employee`; history rows are their own resources,
`employee_assignment` and `employee_rank` (action `created`, or `updated` when an assignment is ended).
An assignment, a rank that becomes current, or leaving service also changes the employee record, so it
adds an `employee` `updated` entry as well.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response

from asn_api.auth.deps import SettingsDep, require
from asn_api.auth.principal import Principal
from asn_api.core.db import SessionDep
from asn_api.core.errors import error_responses
from asn_api.core.etag import set_etag
from asn_api.core.pagination import Page, PageParams, page_params
from asn_api.core.transaction import TransactionalRoute
from asn_api.employees import assignments, ranks, service
from asn_api.employees import errors as _errors  # noqa: F401  (registers constraint → problem mapping)
from asn_api.employees.schemas import (
    AssignmentCreate,
    AssignmentOut,
    EmployeeCreate,
    EmployeeOut,
    EmployeeStatus,
    EmployeeUpdate,
    EmploymentType,
    RankCreate,
    RankOut,
)

router = APIRouter(prefix="/employees", tags=["employees"], route_class=TransactionalRoute)
IfMatch = Annotated[str | None, Header(alias="If-Match", description="ETag from a GET; stale → 412")]
EmployeeId = Annotated[uuid.UUID, Path(description="Employee id")]
Reader = require("employees:read")
Writer = require("employees:write")


@router.get("", response_model=Page[EmployeeOut], response_model_exclude_unset=True,
            responses=error_responses(401, 403, 422))
async def list_employees(
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    org_unit_id: Annotated[uuid.UUID | None, Query(description="Employees placed in this unit")] = None,
    include_descendants: Annotated[bool, Query(description="With `org_unit_id`: its whole subtree")] = False,
    position_id: Annotated[uuid.UUID | None, Query(description="Current holders of this position")] = None,
    employment_type: Annotated[EmploymentType | None, Query()] = None,
    rank: Annotated[str | None, Query(max_length=8, description="e.g. `III/a` or `IX`")] = None,
    status: Annotated[EmployeeStatus | None, Query(description="Default: every status")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=100, description=(
        "Digits only: NIP prefix; otherwise a case-insensitive substring of the name"))] = None,
    sort: Annotated[str | None, Query(description=(
        "`full_name` (default), `nip`, `birth_date` or `updated_at`; prefix `-` for descending"))] = None,
    principal: Principal = Reader,
) -> Page[EmployeeOut]:
    """Employees in the caller's scope, keyset-paginated (one query whatever the page size)."""
    rows, cursor = await service.list_employees(
        session, principal, params, sort=sort, org_unit_id=org_unit_id,
        include_descendants=include_descendants, position_id=position_id, employment_type=employment_type,
        rank=rank, status=status,
        q=q.strip() if q else None,
    )
    return Page(items=[service.to_out(e, principal) for e in rows], next_cursor=cursor)


@router.post("", status_code=201, response_model=EmployeeOut, response_model_exclude_unset=True,
             responses=error_responses(401, 403, 409, 422))
async def create_employee(
    body: EmployeeCreate, request: Request, response: Response, session: SessionDep, settings: SettingsDep,
    principal: Principal = Writer,
) -> EmployeeOut:
    """Register an employee (admin, hr, or a client with `employees:write`).

    Required: `nip`, `full_name`, `gender`, `birth_date`, `employment_type`, and `civil_service_start`
    for `pns`/`cpns`. The NIP must encode the birth date, gender and (PNS/CPNS) the year-month of
    `civil_service_start`; a given NIK must encode the birth date (+40 on the day for women); `rank` must
    fit the employment type. Each mismatch is a 422 naming the field; a taken NIP is 409 `nip_taken`.

    The new employee holds no position: place them with `POST /employees/{id}/assignments`.
    `retirement_date` starts at the default retirement age. A unit_admin cannot create employees
    (403 `city_wide_only`): the record would have no unit yet and so be outside its own scope.
    """
    employee = await service.create_employee(session, principal, settings, body)
    response.headers["Location"] = str(request.url_for("get_employee", employee_id=employee.id))
    set_etag(response, employee.version)
    return service.to_out(employee, principal)


@router.get("/by-nip/{nip}", response_model=EmployeeOut, response_model_exclude_unset=True,
            responses=error_responses(401, 403, 404, 422))
async def get_employee_by_nip(
    nip: Annotated[str, Path(pattern=r"^[0-9]{18}$", description="18-digit NIP")],
    response: Response, session: SessionDep, principal: Principal = Reader,
) -> EmployeeOut:
    """Look an employee up by NIP (404 when unknown or outside the caller's scope)."""
    employee = await service.get_employee_by_nip(session, principal, nip)
    set_etag(response, employee.version)
    return service.to_out(employee, principal)


@router.get("/{employee_id}", response_model=EmployeeOut, response_model_exclude_unset=True,
            responses=error_responses(401, 403, 404))
async def get_employee(
    employee_id: EmployeeId, response: Response, session: SessionDep, principal: Principal = Reader
) -> EmployeeOut:
    employee = await service.get_employee(session, principal, employee_id)
    set_etag(response, employee.version)
    return service.to_out(employee, principal)


@router.patch("/{employee_id}", response_model=EmployeeOut, response_model_exclude_unset=True,
              responses=error_responses(401, 403, 404, 409, 412, 422))
async def update_employee(
    employee_id: EmployeeId, body: EmployeeUpdate, response: Response, session: SessionDep,
    settings: SettingsDep, if_match: IfMatch = None, principal: Principal = Writer,
) -> EmployeeOut:
    """Partial update; the merged record is validated like a new one (NIP, NIK, rank).

    There is no DELETE: leaving service is `{"status": "retired" | "resigned" | "dismissed" | "deceased",
    "status_date": ...}`. It ends the current assignment on `status_date` (422 if that is before the
    assignment started) and clears `position_id`, `org_unit_id` and `position_since`, so the employee
    no longer counts as an incumbent — and drops out of a unit_admin's scope.
    `position_id`, `org_unit_id`, `position_since` and `retirement_date` are not writable: they follow
    the assignment history and `birth_date`.
    """
    employee = await service.update_employee(session, principal, settings, employee_id, body, if_match)
    set_etag(response, employee.version)
    return service.to_out(employee, principal)


@router.get("/{employee_id}/assignments", response_model=Page[AssignmentOut],
            responses=error_responses(401, 403, 404, 422))
async def list_employee_assignments(
    employee_id: EmployeeId, session: SessionDep, params: Annotated[PageParams, Depends(page_params)],
    principal: Principal = Reader,
) -> Page[AssignmentOut]:
    """The employee's positions over time, newest first; the current one has `end_date: null`."""
    rows, cursor = await assignments.list_assignments(session, principal, employee_id, params)
    return Page(items=[AssignmentOut.build(a) for a in rows], next_cursor=cursor)


@router.post("/{employee_id}/assignments", status_code=201, response_model=AssignmentOut,
             responses=error_responses(401, 403, 404, 409, 422))
async def create_employee_assignment(
    employee_id: EmployeeId, body: AssignmentCreate, request: Request, response: Response,
    session: SessionDep, settings: SettingsDep,
    allow_over_capacity: Annotated[bool, Query(description=(
        "Assign even when the position's incumbents already reach its required headcount"))] = False,
    principal: Principal = Writer,
) -> AssignmentOut:
    """Place the employee in a position from `effective_date`: the current assignment ends on that date
    and the new one becomes current; `position_id`, `org_unit_id`, `position_since` and
    `retirement_date` (BUP of the new position) follow.

    - 404 `position_not_found`: no such position, or (unit_admin) one outside the caller's units.
    - 409 `position_abolished`; 409 `employee_not_active` for someone who left service.
    - 409 `position_full` when active incumbents (not counting this employee) already reach
      `required_headcount`, unless `allow_over_capacity=true`. Concurrent requests for the last seat
      are serialised on the position: exactly one wins.
    - 422 naming `effective_date` when it is before the start of the current assignment.

    Assignments have no URL of their own; `Location` is the employee's assignment history.
    """
    assignment = await assignments.create_assignment(
        session, principal, settings, employee_id, body, allow_over_capacity=allow_over_capacity
    )
    response.headers["Location"] = str(request.url_for("list_employee_assignments", employee_id=employee_id))
    return AssignmentOut.build(assignment)


@router.get("/{employee_id}/ranks", response_model=Page[RankOut],
            responses=error_responses(401, 403, 404, 422))
async def list_employee_ranks(
    employee_id: EmployeeId, session: SessionDep, params: Annotated[PageParams, Depends(page_params)],
    principal: Principal = Reader,
) -> Page[RankOut]:
    """The employee's ranks over time, newest first."""
    rows, cursor = await ranks.list_ranks(session, principal, employee_id, params)
    return Page(items=[RankOut.build(r) for r in rows], next_cursor=cursor)


@router.post("/{employee_id}/ranks", status_code=201, response_model=RankOut,
             responses=error_responses(401, 403, 404, 422))
async def create_employee_rank(
    employee_id: EmployeeId, body: RankCreate, request: Request, response: Response, session: SessionDep,
    principal: Principal = Writer,
) -> RankOut:
    """Record a rank (PNS/CPNS `I/a` … `IV/e`, PPPK `I` … `XVII`, else 422 naming `rank`).

    When its `effective_date` is on or after the current `rank_effective_date` (or none is on record)
    it becomes the employee's `rank`; an older entry only completes the history.
    Ranks have no URL of their own; `Location` is the employee's rank history.
    """
    entry = await ranks.create_rank(session, principal, employee_id, body)
    response.headers["Location"] = str(request.url_for("list_employee_ranks", employee_id=employee_id))
    return RankOut.build(entry)


# Mounted without the /employees prefix: the holders of a position are employees, so they live here.
position_router = APIRouter(tags=["positions"], route_class=TransactionalRoute)


@position_router.get("/positions/{position_id}/incumbents", response_model=Page[EmployeeOut],
                     response_model_exclude_unset=True, responses=error_responses(401, 403, 404, 422))
async def list_position_incumbents(
    position_id: uuid.UUID, session: SessionDep, params: Annotated[PageParams, Depends(page_params)],
    principal: Principal = Reader,
) -> Page[EmployeeOut]:
    """B of the position: its active holders, by name — limited to the employees in the caller's scope
    (a unit_admin sees holders inside its subtree, an employee only itself), with the same PII rules."""
    rows, cursor = await service.list_position_incumbents(session, principal, position_id, params)
    return Page(items=[service.to_out(e, principal) for e in rows], next_cursor=cursor)
