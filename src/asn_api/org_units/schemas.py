from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

OrgUnitKind = Literal[
    "secretariat", "agency", "office", "inspectorate", "district", "subdistrict",
    "health_center", "hospital", "division", "section", "technical_unit", "other",
]
# An Annotated type, not a shared `Field(...)` default: the latter made `code` required on PATCH too.
Code = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                            description="Unique, stable unit code, e.g. `PKM-RAMBUNG`")]


class OrgUnitCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"code": "PKM-RAMBUNG", "name": "Puskesmas Rambung",
                                         "kind": "health_center", "is_service_unit": True}]},
    )
    code: Code
    name: str = Field(min_length=1, max_length=200)
    kind: OrgUnitKind
    parent_id: uuid.UUID | None = None
    is_service_unit: bool = False
    is_active: bool = True


class OrgUnitUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: Code | None = None
    name: str | None = Field(None, min_length=1, max_length=200)
    kind: OrgUnitKind | None = None
    parent_id: uuid.UUID | None = None
    is_service_unit: bool | None = None
    is_active: bool | None = None


class OrgUnitOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    code: str
    name: str
    kind: OrgUnitKind
    parent_id: uuid.UUID | None
    is_service_unit: bool
    is_active: bool
    version: int
    created_at: datetime
    updated_at: datetime


class OrgUnitTree(OrgUnitOut):
    children: list[OrgUnitTree] = Field(default_factory=list)
