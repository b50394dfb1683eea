"""FastAPI dependencies: bearer token → Principal, and `require(permission)` for routes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import OAuth2PasswordBearer, SecurityScopes

from asn_api.auth import tokens
from asn_api.auth.permissions import ROLE_PERMISSIONS
from asn_api.auth.principal import Principal
from asn_api.core.config import Settings
from asn_api.core.context import actor_var
from asn_api.core.errors import Forbidden, Unauthorized

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def principal_from_token(settings: Settings, token: str) -> Principal:
    try:
        claims = tokens.decode_access_token(settings, token)
        role = str(claims["role"])
        if role == "client":
            permissions = frozenset(str(claims.get("scope") or "").split())
            kind = "client"
        else:
            permissions = ROLE_PERMISSIONS[role]
            kind = "user"
        return Principal(
            kind=kind,  # type: ignore[arg-type]
            id=uuid.UUID(str(claims["sub"])),
            username=str(claims.get("preferred_username") or claims["sub"]),
            role=role,
            org_unit_id=uuid.UUID(claims["unit"]) if claims.get("unit") else None,
            employee_id=uuid.UUID(claims["emp"]) if claims.get("emp") else None,
            permissions=permissions,
        )
    except (tokens.InvalidToken, KeyError, ValueError) as exc:
        raise Unauthorized("The access token is invalid or expired", code="invalid_token") from exc


async def current_principal(
    security_scopes: SecurityScopes,
    settings: SettingsDep,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> Principal:
    if not token:
        raise Unauthorized()
    principal = principal_from_token(settings, token)
    actor_var.set(principal.actor)
    for permission in security_scopes.scopes:
        if not principal.can(permission):
            raise Forbidden(f"This operation needs the permission '{permission}'", code="permission_denied")
    return principal


def require(*permissions: str) -> Principal:
    """`principal: Principal = require("org_units:write")` — shows in OpenAPI as the scope it needs."""
    return Security(current_principal, scopes=list(permissions))  # type: ignore[no-any-return]


async def identify_caller(request: Request) -> str | None:
    """Idempotency owner: the token's subject, or the client address for anonymous callers."""
    authorization = request.headers.get("authorization")
    if not authorization:
        return f"anonymous:{request.client.host if request.client else 'unknown'}"
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    try:
        principal = principal_from_token(request.app.state.settings, token)
    except Unauthorized:
        return None
    return f"{principal.kind}:{principal.id}"
