"""Use cases of org units. Other features use `subtree_ids` / `in_unit` for unit filters and scoping."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.auth.principal import Principal
from asn_api.core.errors import Conflict, NotFound, field_error
from asn_api.core.etag import check_if_match
from asn_api.core.pagination import PageParams, page_of, resolve_sort
from asn_api.org_units.models import OrgUnit
from asn_api.org_units.repository import SORTS, OrgUnitRepository, in_unit, subtree_ids
from asn_api.org_units.schemas import OrgUnitCreate, OrgUnitTree, OrgUnitUpdate

__all__ = ["subtree_ids", "in_unit", "list_org_units", "get_org_unit", "create_org_unit", "update_org_unit",
           "delete_org_unit", "org_unit_tree", "org_unit_subtree", "ensure_org_unit_exists", "report_scope"]

# Which table still points at a unit, by the name of its foreign key (naming convention).
_IN_USE = {
    "fk_org_units_parent_id_org_units": "it still has child units",
    "fk_positions_org_unit_id_org_units": "positions still belong to it",
    "fk_feedback_org_unit_id_org_units": "public feedback is recorded for it",
    "fk_users_org_unit_id_org_units": "user accounts are attached to it",
    "fk_employees_org_unit_id_org_units": "employees are placed in it",
    "fk_employee_assignments_org_unit_id_org_units": "assignment history refers to it",
}


async def list_org_units(
    session: AsyncSession, principal: Principal, params: PageParams, *, sort: str | None,
    parent_id: uuid.UUID | None, kind: str | None, q: str | None,
) -> tuple[list[OrgUnit], str | None]:
    sort = resolve_sort(sort, SORTS, "code")
    rows = await OrgUnitRepository(session, principal).list_page(
        params=params, sort=sort, parent_id=parent_id, kind=kind, q=q
    )
    column = sort.removeprefix("-")
    return page_of(rows, sort=sort, params=params, key=lambda u: (getattr(u, column), u.id))


async def get_org_unit(session: AsyncSession, principal: Principal | None, unit_id: uuid.UUID,
                       *, for_update: bool = False) -> OrgUnit:
    unit = await OrgUnitRepository(session, principal).get(unit_id, for_update=for_update)
    if unit is None:
        raise NotFound("No organisation unit with this id", code="org_unit_not_found")
    return unit


async def _check_parent(repo: OrgUnitRepository, parent_id: uuid.UUID | None, unit_id: uuid.UUID | None) -> None:
    if parent_id is None:
        return
    if not await repo.exists(parent_id):
        raise field_error("parent_id", "names no organisation unit", "parent_not_found")
    if unit_id is not None and await repo.is_in_subtree(unit_id, parent_id):
        raise field_error("parent_id", "would make the unit its own ancestor (a cycle)", "parent_cycle")


async def create_org_unit(session: AsyncSession, principal: Principal, body: OrgUnitCreate) -> OrgUnit:
    repo = OrgUnitRepository(session, principal)
    await _check_parent(repo, body.parent_id, None)
    return await repo.add(OrgUnit(**body.model_dump()))


async def update_org_unit(
    session: AsyncSession, principal: Principal, unit_id: uuid.UUID, body: OrgUnitUpdate, if_match: str | None
) -> OrgUnit:
    repo = OrgUnitRepository(session, principal)
    values: dict[str, Any] = body.model_dump(exclude_unset=True)
    for required in ("code", "name", "kind", "is_service_unit", "is_active"):
        if required in values and values[required] is None:
            raise field_error(required, "may not be null", "null_not_allowed")
    if "parent_id" in values:
        await repo.lock_tree()
    unit = await get_org_unit(session, principal, unit_id, for_update=True)
    check_if_match(if_match, unit.version)
    if "parent_id" in values and values["parent_id"] != unit.parent_id:
        await _check_parent(repo, values["parent_id"], unit.id)
    return await repo.update(unit, values)


async def delete_org_unit(session: AsyncSession, principal: Principal, unit_id: uuid.UUID,
                          if_match: str | None) -> None:
    repo = OrgUnitRepository(session, principal)
    unit = await get_org_unit(session, principal, unit_id, for_update=True)
    check_if_match(if_match, unit.version)
    try:
        await repo.delete(unit)
    except IntegrityError as exc:
        constraint = getattr(exc.orig, "constraint_name", None) or getattr(
            getattr(exc.orig, "__cause__", None), "constraint_name", None)
        reason = _IN_USE.get(constraint or "", "other records still refer to it")
        raise Conflict(f"The unit cannot be deleted: {reason}", code="org_unit_in_use") from exc


async def org_unit_tree(session: AsyncSession, principal: Principal, unit_id: uuid.UUID) -> OrgUnitTree:
    units = await org_unit_subtree(session, principal, unit_id)
    nodes = {u.id: OrgUnitTree.model_validate(u) for u in units}
    for unit in units:
        if unit.id != unit_id and unit.parent_id in nodes:
            nodes[unit.parent_id].children.append(nodes[unit.id])
    return nodes[unit_id]


async def org_unit_subtree(session: AsyncSession, principal: Principal, unit_id: uuid.UUID) -> list[OrgUnit]:
    """The unit and its descendants, flat, parents before children (for features that nest by unit)."""
    await get_org_unit(session, principal, unit_id)
    return await OrgUnitRepository(session, principal).subtree(unit_id)


async def ensure_org_unit_exists(session: AsyncSession, unit_id: uuid.UUID, *, field: str) -> None:
    """For other features' bodies: a reference to a missing unit is a 422 naming the field."""
    if not await OrgUnitRepository(session).exists(unit_id):
        raise field_error(field, "names no organisation unit", "org_unit_not_found")


async def report_scope(session: AsyncSession, principal: Principal, unit_id: uuid.UUID | None) -> uuid.UUID | None:
    """The unit a scoped report covers: city-wide roles may ask for any unit (None = whole city);
    a unit_admin gets its own unit by default and a 404 for a unit outside its subtree."""
    if principal.city_wide:
        if unit_id is not None:
            await get_org_unit(session, principal, unit_id)
        return unit_id
    own = principal.org_unit_id
    if own is None:
        raise NotFound("No organisation unit is in your scope", code="org_unit_not_found")
    if unit_id is None:
        return own
    if unit_id != own and not await OrgUnitRepository(session).is_in_subtree(own, unit_id):
        raise NotFound("No organisation unit with this id", code="org_unit_not_found")
    return unit_id
