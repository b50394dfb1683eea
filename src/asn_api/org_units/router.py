"""/org-units: CRUD, filters and the nested subtree. Master data: every authenticated role reads it."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response, status

from asn_api.auth.deps import require
from asn_api.auth.principal import Principal
from asn_api.core.db import SessionDep
from asn_api.core.errors import error_responses
from asn_api.core.etag import set_etag
from asn_api.core.pagination import Page, PageParams, page_params
from asn_api.core.transaction import TransactionalRoute
from asn_api.org_units import errors as _errors  # noqa: F401  (registers constraint → problem mapping)
from asn_api.org_units import service
from asn_api.org_units.schemas import OrgUnitCreate, OrgUnitKind, OrgUnitOut, OrgUnitTree, OrgUnitUpdate

router = APIRouter(prefix="/org-units", tags=["org-units"], route_class=TransactionalRoute)
IfMatch = Annotated[str | None, Header(alias="If-Match", description="ETag from a GET; stale → 412")]
Reader = require("org_units:read")
Writer = require("org_units:write")


@router.get("", response_model=Page[OrgUnitOut], responses=error_responses(401, 403, 422))
async def list_org_units(
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    parent_id: Annotated[uuid.UUID | None, Query(description="Only direct children of this unit")] = None,
    kind: Annotated[OrgUnitKind | None, Query()] = None,
    q: Annotated[str | None, Query(max_length=100, description="Substring of name or code")] = None,
    sort: Annotated[str | None, Query(description="`code` (default) or `name`; prefix `-` for descending")] = None,
    principal: Principal = Reader,
) -> Page[OrgUnitOut]:
    """Units city-wide (master data, readable by every role), keyset-paginated."""
    rows, cursor = await service.list_org_units(
        session, principal, params, sort=sort, parent_id=parent_id, kind=kind, q=q
    )
    return Page(items=[OrgUnitOut.model_validate(u) for u in rows], next_cursor=cursor)


@router.post("", status_code=201, response_model=OrgUnitOut, responses=error_responses(401, 403, 409, 422))
async def create_org_unit(
    body: OrgUnitCreate, request: Request, response: Response, session: SessionDep, principal: Principal = Writer
) -> OrgUnitOut:
    """Create a unit. `code` is unique (409); `parent_id` must name an existing unit (422)."""
    unit = await service.create_org_unit(session, principal, body)
    response.headers["Location"] = str(request.url_for("get_org_unit", unit_id=unit.id))
    set_etag(response, unit.version)
    return OrgUnitOut.model_validate(unit)


@router.get("/{unit_id}", response_model=OrgUnitOut, responses=error_responses(401, 403, 404))
async def get_org_unit(
    unit_id: uuid.UUID, response: Response, session: SessionDep, principal: Principal = Reader
) -> OrgUnitOut:
    unit = await service.get_org_unit(session, principal, unit_id)
    set_etag(response, unit.version)
    return OrgUnitOut.model_validate(unit)


@router.patch("/{unit_id}", response_model=OrgUnitOut, responses=error_responses(401, 403, 404, 409, 412, 422))
async def update_org_unit(
    unit_id: uuid.UUID, body: OrgUnitUpdate, response: Response, session: SessionDep,
    if_match: IfMatch = None, principal: Principal = Writer,
) -> OrgUnitOut:
    """Partial update. Moving a unit under its own descendant is a cycle (422)."""
    unit = await service.update_org_unit(session, principal, unit_id, body, if_match)
    set_etag(response, unit.version)
    return OrgUnitOut.model_validate(unit)


@router.delete("/{unit_id}", status_code=status.HTTP_204_NO_CONTENT,
               responses=error_responses(401, 403, 404, 409, 412))
async def delete_org_unit(
    unit_id: uuid.UUID, session: SessionDep, if_match: IfMatch = None, principal: Principal = Writer
) -> None:
    """Delete a unit that has no children, positions, feedback or user accounts (else 409)."""
    await service.delete_org_unit(session, principal, unit_id, if_match)


@router.get("/{unit_id}/tree", response_model=OrgUnitTree, responses=error_responses(401, 403, 404))
async def get_org_unit_tree(
    unit_id: uuid.UUID, session: SessionDep, principal: Principal = Reader
) -> OrgUnitTree:
    """The unit with all its descendants, nested (one recursive query)."""
    return await service.org_unit_tree(session, principal, unit_id)
