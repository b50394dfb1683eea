from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

PositionKind = Literal["jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas", "pelaksana",
                       "fungsional"]
FunctionalTrack = Literal["keahlian", "keterampilan"]
FunctionalLevel = Literal["ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama",
                          "pemula", "terampil", "mahir", "penyelia"]
Period = Literal["day", "week", "month", "year"]
# Annotated types, so create bodies (required) and PATCH bodies (optional) share one set of limits.
Code = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
Title = Annotated[str, Field(min_length=1, max_length=200)]
Grade = Annotated[int, Field(ge=1, le=17, description="Kelas jabatan, 1 (lowest) to 17")]
Headcount = Annotated[int, Field(ge=0, le=10_000,
                                 description="K (kebutuhan); setting it by hand makes the basis `manual`")]
MinRank = Annotated[str, Field(max_length=8, description="A PNS rank such as `III/a`")]


class PositionCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{
            "code": "BKPSDM.ANALIS-SDM-AM", "title": "Analis SDM Aparatur Ahli Muda", "kind": "fungsional",
            "functional_track": "keahlian", "functional_level": "ahli_muda", "grade": 9,
            "org_unit_id": "5b1f6d0e-8a43-4c1e-9d0a-2f4d3c1b0a99", "min_rank": "III/c",
        }]},
    )
    code: Code
    title: Title
    kind: PositionKind
    functional_track: FunctionalTrack | None = None
    functional_level: FunctionalLevel | None = None
    grade: Grade
    org_unit_id: uuid.UUID
    reports_to_id: uuid.UUID | None = None
    min_rank: MinRank | None = None
    required_headcount: Headcount = 1

class PositionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: Code | None = None
    title: Title | None = None
    kind: PositionKind | None = None
    functional_track: FunctionalTrack | None = None
    functional_level: FunctionalLevel | None = None
    grade: Grade | None = None
    org_unit_id: uuid.UUID | None = None
    reports_to_id: uuid.UUID | None = None
    min_rank: MinRank | None = None
    required_headcount: Headcount | None = None

class PositionOut(BaseModel):
    id: uuid.UUID
    code: str
    title: str
    kind: PositionKind
    functional_track: FunctionalTrack | None
    functional_level: FunctionalLevel | None
    grade: int
    org_unit_id: uuid.UUID
    reports_to_id: uuid.UUID | None
    min_rank: str | None
    required_headcount: int
    headcount_basis: Literal["manual", "workload"]
    incumbents: int = Field(description="B (bezetting): active employees assigned now")
    gap: int = Field(description="B − K; negative means a shortage")
    status: Literal["active", "abolished"]
    abolished_on: date | None
    version: int
    created_at: datetime
    updated_at: datetime


class AbolishRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    effective_date: date


# Input bounds: generous for any real task, small enough that a body can never reach the limits of the
# stored totals by itself being absurd. The computed K and total are checked again in the service.
MAX_TASK_VOLUME = 10_000_000  # units of output per period
MAX_MINUTES_PER_UNIT = 525_600  # a calendar year of minutes for one unit of output


class WorkloadTaskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=300)
    volume: Decimal = Field(ge=0, le=MAX_TASK_VOLUME, max_digits=12, decimal_places=2,
                            description="Units of output per period (a JSON number, at most 2 decimals)")
    period: Period
    minutes_per_unit: Decimal = Field(ge=0, le=MAX_MINUTES_PER_UNIT, max_digits=10, decimal_places=2,
                                      description="Norma waktu: minutes per unit (a JSON number, at most 2 decimals)")


class WorkloadIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"tasks": [
            {"name": "Menyusun rencana kebutuhan pegawai", "volume": 480, "period": "year", "minutes_per_unit": 60},
            {"name": "Memverifikasi usul kenaikan pangkat", "volume": 120, "period": "year",
             "minutes_per_unit": 180},
        ]}]},
    )
    tasks: list[WorkloadTaskIn] = Field(max_length=500)


# Quantities leave as JSON numbers (api.md §4); the domain computes them as Decimal.
class WorkloadTaskOut(BaseModel):
    name: str
    volume: float
    period: Period
    minutes_per_unit: float
    annual_volume: float = Field(description="volume × 250 (day), 50 (week), 12 (month) or 1 (year)")
    annual_minutes: float = Field(description="annual_volume × minutes_per_unit")


class WorkloadOut(BaseModel):
    position_id: uuid.UUID
    tasks: list[WorkloadTaskOut]
    total_minutes: float = Field(description="Σ annual_minutes")
    effective_minutes_per_year: int = 75_000
    required_headcount_exact: float = Field(description="total_minutes ÷ 75 000, 4 decimals")
    required_headcount: int = Field(description="Rounded per ASN_ABK_ROUNDING (half_up or ceil), ≥ 1 when total > 0")


class PositionMapPosition(BaseModel):
    id: uuid.UUID
    code: str
    title: str
    kind: PositionKind
    grade: int
    required_headcount: int
    incumbents: int
    gap: int


class PositionMapUnit(BaseModel):
    id: uuid.UUID
    code: str
    name: str
    kind: str


class PositionMapNode(BaseModel):
    unit: PositionMapUnit
    positions: list[PositionMapPosition]
    children: list[PositionMapNode] = Field(default_factory=list)
