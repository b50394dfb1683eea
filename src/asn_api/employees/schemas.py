from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from asn_api.employees.models import Employee, EmployeeAssignment, EmployeeRank

Gender = Literal["male", "female"]
EmploymentType = Literal["pns", "cpns", "pppk", "pppk_paruh_waktu"]
EducationLevel = Literal["sd", "smp", "sma", "d1", "d2", "d3", "d4", "s1", "s2", "s3"]
EmployeeStatus = Literal["active", "retired", "resigned", "dismissed", "deceased"]
AssignmentKind = Literal["initial", "promotion", "rotation", "transfer", "equalization", "demotion", "acting"]
RankKind = Literal["regular", "selection", "education_adjustment", "other"]

PII_FIELDS = ("nik", "phone", "address")

Nip = Field(max_length=18, description="18 digits; encodes birth date, CPNS start (PNS/CPNS) and gender",
            examples=["198609262015051001"])
FullName = Field(min_length=1, max_length=200)
Title = Field(None, max_length=50)
Rank = Field(None, max_length=8, description="PNS/CPNS: `I/a` … `IV/e`; PPPK: `I` … `XVII`")
Nik = Field(None, max_length=16,
            description="16 digits (PII); digits 7–12 are DDMMYY of birth, DD + 40 for women")
Phone = Field(None, max_length=32, pattern=r"^\+?[0-9][0-9 ()-]{4,30}$", description="PII")
Address = Field(None, max_length=500, description="PII")
Email = Field(None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DecreeNumber = Field(None, max_length=100, description="Nomor SK")


class EmployeeCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "nip": "198609262015051001", "full_name": "Rudi Sembiring", "back_title": "S.Kom.", "gender": "male",
        "birth_date": "1986-09-26", "birth_place": "Binjai", "employment_type": "pns", "rank": "III/b",
        "rank_effective_date": "2019-04-01", "civil_service_start": "2015-05-01", "education_level": "s1",
        "email": "rudi.sembiring@binjaikota.go.id.example", "nik": "1275012609860001",
    }]})
    nip: str = Nip
    full_name: str = FullName
    front_title: str | None = Title
    back_title: str | None = Title
    gender: Gender
    birth_date: date
    birth_place: str | None = Field(None, max_length=100)
    employment_type: EmploymentType
    rank: str | None = Rank
    rank_effective_date: date | None = None
    civil_service_start: date | None = Field(None, description="TMT CPNS; required for `pns` and `cpns`")
    education_level: EducationLevel | None = None
    email: str | None = Email
    status: EmployeeStatus = Field("active", description="Anything but `active` needs `status_date`")
    status_date: date | None = None
    nik: str | None = Nik
    phone: str | None = Phone
    address: str | None = Address


class EmployeeUpdate(BaseModel):
    """Every field optional; the merged record is validated like a new one."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"rank": "III/c", "rank_effective_date": "2023-04-01"},
                                        {"status": "retired", "status_date": "2026-10-01"}]},
    )
    nip: str | None = Field(None, max_length=18)
    full_name: str | None = Field(None, min_length=1, max_length=200)
    front_title: str | None = Title
    back_title: str | None = Title
    gender: Gender | None = None
    birth_date: date | None = None
    birth_place: str | None = Field(None, max_length=100)
    employment_type: EmploymentType | None = None
    rank: str | None = Rank
    rank_effective_date: date | None = None
    civil_service_start: date | None = None
    education_level: EducationLevel | None = None
    email: str | None = Email
    status: EmployeeStatus | None = Field(
        None, description="Leaving service (not `active`) ends the current assignment on `status_date`"
    )
    status_date: date | None = None
    nik: str | None = Nik
    phone: str | None = Phone
    address: str | None = Address


class EmployeeOut(BaseModel):
    """`nik`, `phone` and `address` are PII: absent (not null) for callers who may not see them."""

    id: uuid.UUID
    nip: str
    full_name: str
    front_title: str | None
    back_title: str | None
    gender: Gender
    birth_date: date
    birth_place: str | None
    employment_type: EmploymentType
    rank: str | None
    rank_effective_date: date | None
    civil_service_start: date | None
    education_level: EducationLevel | None
    email: str | None
    status: EmployeeStatus
    status_date: date | None
    position_id: uuid.UUID | None
    org_unit_id: uuid.UUID | None
    position_since: date | None
    retirement_date: date = Field(description="BUP: 1st day of the month after the retirement age is reached")
    nik: str | None = Field(None, description="PII; present only for callers allowed to see it")
    phone: str | None = Field(None, description="PII; present only for callers allowed to see it")
    address: str | None = Field(None, description="PII; present only for callers allowed to see it")
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def build(cls, employee: Employee, *, show_pii: bool) -> EmployeeOut:
        """Every public field set explicitly (None included) and the PII keys only when allowed, so that
        `response_model_exclude_unset=True` drops exactly the PII keys."""
        values: dict[str, Any] = {
            name: getattr(employee, name) for name in cls.model_fields if name not in PII_FIELDS
        }
        if show_pii:
            values.update({name: getattr(employee, name) for name in PII_FIELDS})
        return cls(**values)


class AssignmentCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{
            "position_id": "2f8b8f3e-1c1a-4b55-8d57-0c3f3b0f6a11", "effective_date": "2026-01-02",
            "kind": "promotion", "decree_number": "800/123/BKPSDM/2025", "decree_date": "2025-12-20",
        }]},
    )
    position_id: uuid.UUID
    effective_date: date
    kind: AssignmentKind
    decree_number: str | None = DecreeNumber
    decree_date: date | None = None


class AssignmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    employee_id: uuid.UUID
    position_id: uuid.UUID
    org_unit_id: uuid.UUID = Field(description="The position's unit when the assignment was made")
    kind: AssignmentKind
    effective_date: date
    end_date: date | None = Field(description="null for the current assignment")
    decree_number: str | None
    decree_date: date | None
    created_at: datetime

    @classmethod
    def build(cls, assignment: EmployeeAssignment) -> AssignmentOut:
        return cls.model_validate(assignment)


class RankCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"rank": "III/c", "effective_date": "2026-04-01", "kind": "regular",
                                         "decree_number": "823.3/045/BKPSDM/2026"}]},
    )
    rank: str = Field(min_length=1, max_length=8, description="Must fit the employee's employment type")
    effective_date: date
    kind: RankKind
    decree_number: str | None = DecreeNumber


class RankOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    employee_id: uuid.UUID
    rank: str
    effective_date: date
    kind: RankKind
    decree_number: str | None
    created_at: datetime

    @classmethod
    def build(cls, rank: EmployeeRank) -> RankOut:
        return cls.model_validate(rank)
