"""/positions (master data: every role reads) and the position map /org-units/{id}/position-map."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response

from asn_api.auth.deps import SettingsDep, require
from asn_api.auth.principal import Principal
from asn_api.core.db import SessionDep
from asn_api.core.errors import error_responses
from asn_api.core.etag import set_etag
from asn_api.core.pagination import Page, PageParams, page_params
from asn_api.core.transaction import TransactionalRoute
from asn_api.positions import errors as _errors  # noqa: F401  (registers constraint → problem mapping)
from asn_api.positions import service
from asn_api.positions.schemas import (
    AbolishRequest,
    PositionCreate,
    PositionKind,
    PositionMapNode,
    PositionOut,
    PositionUpdate,
    WorkloadIn,
    WorkloadOut,
)

router = APIRouter(tags=["positions"], route_class=TransactionalRoute)
IfMatch = Annotated[str | None, Header(alias="If-Match", description="ETag from a GET; stale → 412")]
Reader = require("positions:read")
Writer = require("positions:write")


@router.get("/positions", response_model=Page[PositionOut], responses=error_responses(401, 403, 422))
async def list_positions(
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    org_unit_id: Annotated[uuid.UUID | None, Query()] = None,
    include_descendants: Annotated[bool, Query(description="With org_unit_id: the whole subtree")] = False,
    kind: Annotated[PositionKind | None, Query()] = None,
    grade: Annotated[int | None, Query(ge=1, le=17)] = None,
    vacant: Annotated[bool, Query(description="true: active positions with incumbents < required")] = False,
    q: Annotated[str | None, Query(max_length=100, description="Substring of title or code")] = None,
    sort: Annotated[str | None, Query(description="`code` (default), `title`, `grade`, `updated_at`; `-` desc")] = None,
    _: Principal = Reader,
) -> Page[PositionOut]:
    """Positions with B (`incumbents`, active employees assigned now) and `gap` = B − K."""
    items, cursor = await service.list_positions(
        session, params, sort=sort, org_unit_id=org_unit_id, include_descendants=include_descendants,
        kind=kind, grade=grade, vacant=vacant, q=q,
    )
    return Page(items=items, next_cursor=cursor)


@router.post("/positions", status_code=201, response_model=PositionOut,
             responses=error_responses(401, 403, 409, 422))
async def create_position(
    body: PositionCreate, request: Request, response: Response, session: SessionDep, _: Principal = Writer
) -> PositionOut:
    """Create a position. `functional_track`/`functional_level` are required for `fungsional` and
    forbidden otherwise, and the level must belong to the track; `min_rank` is a PNS rank."""
    position = await service.create_position(session, body)
    response.headers["Location"] = str(request.url_for("get_position", position_id=position.id))
    set_etag(response, position.version)
    return position


@router.get("/positions/{position_id}", response_model=PositionOut, responses=error_responses(401, 403, 404))
async def get_position(
    position_id: uuid.UUID, response: Response, session: SessionDep, _: Principal = Reader
) -> PositionOut:
    position = await service.get_position(session, position_id)
    set_etag(response, position.version)
    return position


@router.patch("/positions/{position_id}", response_model=PositionOut,
              responses=error_responses(401, 403, 404, 409, 412, 422))
async def update_position(
    position_id: uuid.UUID, body: PositionUpdate, response: Response, session: SessionDep,
    if_match: IfMatch = None, _: Principal = Writer,
) -> PositionOut:
    """Partial update. Setting `required_headcount` by hand switches `headcount_basis` to `manual`;
    changing `kind` away from `fungsional` clears the track and level. While the position has incumbents,
    its `org_unit_id`, `kind` and `functional_level` cannot change (`409 position_has_incumbents`): the
    holders' unit and retirement date (BUP) follow them, so reassign the holders first. A `reports_to_id`
    that would make positions report to each other is `422 reports_to_cycle`."""
    position = await service.update_position(session, position_id, body, if_match)
    set_etag(response, position.version)
    return position


@router.post("/positions/{position_id}/abolish", response_model=PositionOut,
             responses=error_responses(401, 403, 404, 409, 412, 422))
async def abolish_position(
    position_id: uuid.UUID, body: AbolishRequest, response: Response, session: SessionDep,
    if_match: IfMatch = None, _: Principal = Writer,
) -> PositionOut:
    """Abolish a position as of `effective_date`; `409 position_has_incumbents` while anyone holds it."""
    position = await service.abolish_position(session, position_id, body.effective_date, if_match)
    set_etag(response, position.version)
    return position


@router.put("/positions/{position_id}/workload", response_model=WorkloadOut,
            responses=error_responses(401, 403, 404, 412, 422))
async def put_position_workload(
    position_id: uuid.UUID, body: WorkloadIn, response: Response, session: SessionDep, settings: SettingsDep,
    if_match: IfMatch = None, _: Principal = Writer,
) -> WorkloadOut:
    """Workload analysis (ABK, task by task; Peraturan BKN 9/2022): annual volume = volume × 250 (day),
    50 (week), 12 (month) or 1 (year); K = Σ annual minutes ÷ 75 000, rounded per `ASN_ABK_ROUNDING`
    (half_up by default, at least 1 when there is any work). Sets `required_headcount` and switches the
    basis to `workload`. `If-Match` takes the position's ETag; every PUT makes a new version of the
    position (the response's `ETag`), even when K stays the same. A workload whose K would exceed 10 000
    (or whose total reaches 10^14 minutes) is refused with `422` on `tasks`."""
    workload, version = await service.put_workload(session, position_id, body, settings.abk_rounding, if_match)
    set_etag(response, version)
    return workload


@router.get("/positions/{position_id}/workload", response_model=WorkloadOut,
            responses=error_responses(401, 403, 404))
async def get_position_workload(
    position_id: uuid.UUID, response: Response, session: SessionDep, settings: SettingsDep,
    _: Principal = Reader,
) -> WorkloadOut:
    """The position's workload analysis, as the last PUT computed it. `ETag` is the position's version:
    send it as `If-Match` on the next PUT."""
    workload, version = await service.get_workload(session, position_id, settings.abk_rounding)
    set_etag(response, version)
    return workload


@router.get("/org-units/{unit_id}/position-map", response_model=PositionMapNode, tags=["org-units"],
            responses=error_responses(401, 403, 404))
async def get_position_map(unit_id: uuid.UUID, session: SessionDep, principal: Principal = Reader) -> PositionMapNode:
    """The peta jabatan: the unit and its subtree, nested, each with its active positions and B, K and
    gap (B − K) per position. Two queries whatever the size of the tree."""
    return await service.position_map(session, principal, unit_id)
