"""Report use cases: scope the request, run the report's query, apply the domain formulas."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.auth.principal import Principal
from asn_api.core import clock
from asn_api.domain.abk import workload_efficiency
from asn_api.org_units import service as org_units
from asn_api.reports.repository import ReportRepository, single_unit
from asn_api.reports.schemas import StaffingCounts, StaffingItem, StaffingReport, StaffingUnit


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap target year
        return day.replace(year=day.year + years, day=28)


def _number(value: Decimal | None) -> float | None:
    """The domain's Decimal as the JSON number the contract shows."""
    return None if value is None else float(value)


def _counts(required: int, incumbents: int, retiring: int) -> dict[str, int]:
    return {"required": required, "incumbents": incumbents, "gap": incumbents - required,
            "retiring": retiring, "projected_gap": incumbents - retiring - required}


async def staffing_report(
    session: AsyncSession, principal: Principal, org_unit_id: uuid.UUID | None, include_descendants: bool,
    years: int,
) -> StaffingReport:
    """Staffing per position with the retirement projection (Peraturan BKN 9/2022, domain.md §2.4)."""
    org_unit_id = await org_units.report_scope(session, principal, org_unit_id)
    as_of = clock.today()
    horizon = _add_years(as_of, years)
    if org_unit_id is None:
        unit_ids = None
    else:
        unit_ids = org_units.subtree_ids(org_unit_id) if include_descendants else single_unit(org_unit_id)
    rows = await ReportRepository(session).staffing(unit_ids, horizon)
    items: list[StaffingItem] = []
    per_unit: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0, 0])
    unit_names: dict[uuid.UUID, tuple[str, str]] = {}
    for row in rows:
        items.append(StaffingItem(
            position_id=row.id, code=row.code, title=row.title, org_unit_id=row.org_unit_id, grade=row.grade,
            workload_efficiency=_number(workload_efficiency(row.total_minutes, row.incumbents)),
            **_counts(row.required_headcount, row.incumbents, row.retiring),
        ))
        sums = per_unit[row.org_unit_id]
        sums[0] += row.required_headcount
        sums[1] += row.incumbents
        sums[2] += row.retiring
        unit_names[row.org_unit_id] = (row.unit_code, row.unit_name)
    units = [
        StaffingUnit(org_unit_id=uid, code=unit_names[uid][0], name=unit_names[uid][1], **_counts(*sums))
        for uid, sums in per_unit.items()
    ]
    totals = [sum(s[i] for s in per_unit.values()) for i in range(3)]
    return StaffingReport(org_unit_id=org_unit_id, as_of=as_of, years=years, horizon=horizon, items=items,
                          units=units, totals=StaffingCounts(**_counts(*totals)))
