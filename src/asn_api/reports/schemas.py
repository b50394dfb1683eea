from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field


class StaffingCounts(BaseModel):
    required: int = Field(description="K (kebutuhan)")
    incumbents: int = Field(description="B (bezetting): active employees assigned now")
    gap: int = Field(description="B − K; negative means a shortage")
    retiring: int = Field(description="Incumbents whose retirement date (BUP) falls within the horizon")
    projected_gap: int = Field(description="incumbents − retiring − required")


class StaffingItem(StaffingCounts):
    position_id: uuid.UUID
    code: str
    title: str
    org_unit_id: uuid.UUID
    grade: int
    workload_efficiency: float | None = Field(
        description="EJ = workload minutes ÷ (incumbents × 75 000), 2 decimals; > 1 over-loaded, < 1 under-loaded;"
        " null without a workload or incumbents (non-normative, Permendagri 12/2008)"
    )


class StaffingUnit(StaffingCounts):
    org_unit_id: uuid.UUID
    code: str
    name: str


class StaffingReport(BaseModel):
    org_unit_id: uuid.UUID | None
    as_of: date
    years: int
    horizon: date = Field(description="as_of + years: retirements on or before this date count as retiring")
    items: list[StaffingItem]
    units: list[StaffingUnit] = Field(description="Totals per unit that has positions")
    totals: StaffingCounts
