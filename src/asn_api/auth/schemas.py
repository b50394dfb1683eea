from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Role = Literal["admin", "hr", "unit_admin", "employee"]


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    refresh_token: str | None = None
    scope: str | None = None


class OAuthErrorBody(BaseModel):
    error: str
    error_description: str | None = None


class Me(BaseModel):
    id: uuid.UUID
    username: str
    role: str
    org_unit_id: uuid.UUID | None
    employee_id: uuid.UUID | None
    scopes: list[str]


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    current_password: str = Field(max_length=256)
    new_password: str = Field(min_length=12, max_length=256)


class UserCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"username": "siti.hr", "role": "hr", "password": "a-long-passphrase"}]},
    )
    username: str = Field(min_length=3, max_length=150, pattern=r"^[A-Za-z0-9._@-]+$")
    password: str = Field(min_length=12, max_length=256)
    role: Role
    org_unit_id: uuid.UUID | None = None
    employee_id: uuid.UUID | None = None
    is_active: bool = True

    @field_validator("username")
    @classmethod
    def _lowercase(cls, value: str) -> str:
        return value.lower()  # usernames are case-insensitive: stored lowercased


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Role | None = None
    org_unit_id: uuid.UUID | None = None
    employee_id: uuid.UUID | None = None
    is_active: bool | None = None
    password: str | None = Field(None, min_length=12, max_length=256)


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    username: str
    role: str
    org_unit_id: uuid.UUID | None
    employee_id: uuid.UUID | None
    is_active: bool
    version: int
    created_at: datetime


class ApiClientCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"name": "SIMPEG sync", "scopes": ["employees:read", "changes:read"]}]},
    )
    name: str = Field(min_length=1, max_length=150)
    scopes: list[str] = Field(min_length=1, max_length=20)


class ApiClientOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    name: str
    client_id: str
    scopes: list[str]
    is_active: bool
    version: int
    created_at: datetime


class ApiClientCreated(ApiClientOut):
    client_secret: str = Field(description="Shown once; store it now")
