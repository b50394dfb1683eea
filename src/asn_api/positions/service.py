"""Use cases of positions: CRUD with the kind/track/level rules, abolition, workload (ABK), position map."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.auth.principal import Principal
from asn_api.core import journal
from asn_api.core.errors import Conflict, NotFound, field_error
from asn_api.core.etag import check_if_match
from asn_api.core.pagination import PageParams, page_of, resolve_sort
from asn_api.domain import abk
from asn_api.domain.errors import DomainRuleError
from asn_api.domain.positions import validate_grade, validate_position_kind
from asn_api.domain.ranks import validate_rank
from asn_api.org_units import service as org_units
from asn_api.positions.models import Position
from asn_api.positions.repository import SORTS, PositionRepository, WorkloadRepository
from asn_api.positions.schemas import (
    PositionCreate,
    PositionMapNode,
    PositionMapPosition,
    PositionMapUnit,
    PositionOut,
    PositionUpdate,
    WorkloadIn,
    WorkloadOut,
    WorkloadTaskOut,
)

_NOT_NULL = ("code", "title", "kind", "grade", "org_unit_id", "required_headcount")
# Fields the holders' own records depend on: employees.org_unit_id names the unit, and the retirement
# date (BUP) follows the kind and functional level. They cannot change under incumbents.
_HOLDER_FIELDS = ("org_unit_id", "kind", "functional_level")
MAX_REQUIRED_HEADCOUNT = 10_000  # api.md §4, and the column's check constraint
MAX_TOTAL_MINUTES = Decimal(10) ** 14  # position_workloads.total_minutes is Numeric(16, 2)


def to_out(position: Position, incumbents: int) -> PositionOut:
    return PositionOut.model_validate(
        {**{c: getattr(position, c) for c in PositionOut.model_fields if hasattr(position, c)},
         "incumbents": incumbents, "gap": incumbents - position.required_headcount}
    )


def _domain_check(values: dict[str, Any]) -> None:
    try:
        validate_position_kind(values["kind"], values.get("functional_track"), values.get("functional_level"))
        validate_grade(values["grade"])
        if values.get("min_rank") is not None:
            validate_rank(values["min_rank"], "pns")
    except DomainRuleError as exc:
        field = "min_rank" if exc.field == "rank" else exc.field
        raise field_error(field, exc.message, exc.code) from exc


async def _check_references(repo: PositionRepository, session: AsyncSession, values: dict[str, Any],
                            position_id: uuid.UUID | None) -> None:
    if "org_unit_id" in values:
        await org_units.ensure_org_unit_exists(session, values["org_unit_id"], field="org_unit_id")
    target = values.get("reports_to_id")
    if target is None:
        return
    if not await repo.exists(target):
        raise field_error("reports_to_id", "names no position", "reports_to_not_found")
    if position_id is not None and (target == position_id or await repo.reports_to_chain_contains(target, position_id)):
        raise field_error("reports_to_id", "would make the position report to itself (a cycle)", "reports_to_cycle")


async def list_positions(
    session: AsyncSession, params: PageParams, *, sort: str | None, **filters: Any
) -> tuple[list[PositionOut], str | None]:
    sort = resolve_sort(sort, SORTS, "code")
    rows = await PositionRepository(session).list_page(params=params, sort=sort, **filters)
    column = sort.removeprefix("-")
    rows, cursor = page_of(rows, sort=sort, params=params, key=lambda r: (getattr(r[0], column), r[0].id))
    return [to_out(p, n) for p, n in rows], cursor


async def get_position(session: AsyncSession, position_id: uuid.UUID) -> PositionOut:
    found = await PositionRepository(session).get_with_incumbents(position_id)
    if found is None:
        raise NotFound("No position with this id", code="position_not_found")
    return to_out(*found)


async def get_position_for_assignment(session: AsyncSession, position_id: uuid.UUID) -> Position:
    """The position, locked FOR UPDATE: assignments into it (and its abolition) are serialised, so two
    requests cannot both take the last free seat."""
    position = await PositionRepository(session).get(position_id, for_update=True)
    if position is None:
        raise NotFound("No position with this id", code="position_not_found")
    return position


async def create_position(session: AsyncSession, body: PositionCreate) -> PositionOut:
    values = body.model_dump()
    _domain_check(values)
    repo = PositionRepository(session)
    await _check_references(repo, session, values, None)
    position = await repo.add(Position(**values, headcount_basis="manual", status="active"))
    return to_out(position, 0)


async def update_position(
    session: AsyncSession, position_id: uuid.UUID, body: PositionUpdate, if_match: str | None
) -> PositionOut:
    repo = PositionRepository(session)
    values = body.model_dump(exclude_unset=True)
    for name in _NOT_NULL:
        if name in values and values[name] is None:
            raise field_error(name, "may not be null", "null_not_allowed")
    if values.get("reports_to_id") is not None:
        # Taken before the row lock (as org units do): the cycle check below then sees the chains committed
        # by the PATCH that held the lock before us. The other order deadlocks two crossing PATCHes on the
        # foreign key's KEY SHARE lock of each other's row. (A new position cannot close a cycle: no lock.)
        await repo.lock_reports_to()
    position = await get_position_for_assignment(session, position_id)
    check_if_match(if_match, position.version)
    current = {c: getattr(position, c) for c in ("kind", "functional_track", "functional_level", "grade",
                                                 "min_rank")}
    if values.get("kind", "fungsional") != "fungsional":
        # Leaving the functional kind drops its track and level rather than failing on the old values.
        values.setdefault("functional_track", None)
        values.setdefault("functional_level", None)
    merged = current | values
    _domain_check(merged)
    await _check_references(repo, session, values, position.id)
    held_changes = [f for f in _HOLDER_FIELDS if f in values and values[f] != getattr(position, f)]
    if held_changes and await repo.incumbents(position.id):
        # The holders' unit and retirement date were derived from these fields: reassign them first.
        raise Conflict(f"{', '.join(held_changes)} of a position with incumbents cannot change; "
                       "reassign them first", code="position_has_incumbents")
    if "required_headcount" in values:
        values["headcount_basis"] = "manual"
    position = await repo.update(position, values)
    return to_out(position, await repo.incumbents(position.id))


async def abolish_position(
    session: AsyncSession, position_id: uuid.UUID, effective_date: date, if_match: str | None
) -> PositionOut:
    repo = PositionRepository(session)
    position = await get_position_for_assignment(session, position_id)
    check_if_match(if_match, position.version)
    if position.status == "abolished":
        raise Conflict("The position is already abolished", code="position_abolished")
    incumbents = await repo.incumbents(position.id)
    if incumbents:
        raise Conflict(f"The position still has {incumbents} incumbent(s); reassign them first",
                       code="position_has_incumbents")
    position = await repo.update(position, {"status": "abolished", "abolished_on": effective_date})
    return to_out(position, 0)


def _workload_out(position_id: uuid.UUID, result: abk.WorkloadResult) -> WorkloadOut:
    """The domain's Decimals as the JSON numbers of the contract."""
    return WorkloadOut(
        position_id=position_id,
        tasks=[WorkloadTaskOut(name=t.name, volume=float(t.volume), period=t.period,  # type: ignore[arg-type]
                               minutes_per_unit=float(t.minutes_per_unit), annual_volume=float(t.annual_volume),
                               annual_minutes=float(t.annual_minutes)) for t in result.tasks],
        total_minutes=float(result.total_minutes),
        effective_minutes_per_year=result.effective_minutes_per_year,
        required_headcount_exact=float(result.required_headcount_exact),
        required_headcount=result.required_headcount,
    )


def _compute(tasks: list[dict[str, Any]], rounding: str) -> abk.WorkloadResult:
    try:
        return abk.compute_workload(
            [abk.WorkloadTask(name=t["name"], volume=t["volume"], period=t["period"],
                              minutes_per_unit=t["minutes_per_unit"]) for t in tasks],
            rounding=rounding,  # type: ignore[arg-type]
        )
    except DomainRuleError as exc:
        raise field_error(exc.field, exc.message, exc.code) from exc


def _check_storable(result: abk.WorkloadResult) -> None:
    """The computed totals within what a position can hold, refused as a 422 on `tasks` before any write."""
    if result.total_minutes >= MAX_TOTAL_MINUTES:
        raise field_error("tasks", f"the total workload must be below {MAX_TOTAL_MINUTES:,} minutes a year",
                          "workload_too_large")
    if result.required_headcount > MAX_REQUIRED_HEADCOUNT:
        raise field_error("tasks", f"the workload needs {result.required_headcount:,} persons; a position holds "
                          f"at most {MAX_REQUIRED_HEADCOUNT:,}", "required_headcount_too_large")


async def put_workload(
    session: AsyncSession, position_id: uuid.UUID, body: WorkloadIn, rounding: str, if_match: str | None
) -> tuple[WorkloadOut, int]:
    """Replace the task list, recompute K and switch the basis to `workload` (api.md §4). Always a new
    version of the position, whose ETag covers its workload. Returns the workload and that version."""
    position = await get_position_for_assignment(session, position_id)
    check_if_match(if_match, position.version)
    tasks = [t.model_dump() for t in body.tasks]
    result = _compute(tasks, rounding)
    _check_storable(result)
    await WorkloadRepository(session).save(position_id, tasks=journal.jsonable(tasks),
                                           total_minutes=result.total_minutes,
                                           required_headcount_exact=result.required_headcount_exact)
    # The position's version stands for its workload too: it moves on even when K stays the same.
    position = await PositionRepository(session).update(
        position, {"required_headcount": result.required_headcount, "headcount_basis": "workload"}, always=True
    )
    return _workload_out(position_id, result), position.version


async def get_workload(session: AsyncSession, position_id: uuid.UUID, rounding: str) -> tuple[WorkloadOut, int]:
    """The workload and the version of its position (the ETag an If-Match on PUT must name)."""
    position = await get_position(session, position_id)
    workload = await WorkloadRepository(session).get(position_id)
    if workload is None:
        raise NotFound("This position has no workload analysis yet", code="workload_not_found")
    return _workload_out(position_id, _compute(workload.tasks, rounding)), position.version


async def position_map(session: AsyncSession, principal: Principal, unit_id: uuid.UUID) -> PositionMapNode:
    """The peta jabatan of a unit and its subtree: two queries, whatever the size of the tree."""
    units = await org_units.org_unit_subtree(session, principal, unit_id)
    rows = await PositionRepository(session).in_units(org_units.subtree_ids(unit_id))
    nodes = {
        u.id: PositionMapNode(unit=PositionMapUnit(id=u.id, code=u.code, name=u.name, kind=u.kind), positions=[])
        for u in units
    }
    for row in rows:
        nodes[row.org_unit_id].positions.append(PositionMapPosition(
            id=row.id, code=row.code, title=row.title, kind=row.kind, grade=row.grade,
            required_headcount=row.required_headcount, incumbents=row.incumbents,
            gap=row.incumbents - row.required_headcount,
        ))
    for unit in units:
        if unit.id != unit_id and unit.parent_id in nodes:
            nodes[unit.parent_id].children.append(nodes[unit.id])
    return nodes[unit_id]
