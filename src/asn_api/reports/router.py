"""/reports: aggregates for BKPSDM planning; unit_admin sees only its subtree."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from asn_api.auth.deps import require
from asn_api.auth.principal import Principal
from asn_api.core.db import SessionDep
from asn_api.core.errors import error_responses
from asn_api.core.transaction import TransactionalRoute
from asn_api.reports import service
from asn_api.reports.schemas import StaffingReport

router = APIRouter(prefix="/reports", tags=["reports"], route_class=TransactionalRoute)


@router.get("/staffing", response_model=StaffingReport, responses=error_responses(401, 403, 404, 422))
async def get_staffing_report(
    session: SessionDep,
    org_unit_id: Annotated[
        uuid.UUID | None, Query(description="Default: the whole city (unit_admin: its unit)")
    ] = None,
    include_descendants: Annotated[bool, Query()] = True,
    years: Annotated[int, Query(ge=0, le=40, description="Retirement horizon in years")] = 5,
    principal: Principal = require("reports:read"),
) -> StaffingReport:
    """Per active position: K (`required`), B (`incumbents`), `gap` = B − K, `retiring` (incumbents whose
    BUP date falls on or before today + `years`), `projected_gap` = B − retiring − K and the non-normative
    workload efficiency EJ; plus totals per unit and overall. Not paginated: one document per request."""
    return await service.staffing_report(session, principal, org_unit_id, include_descendants, years)
