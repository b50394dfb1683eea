"""/auth: the OAuth2 token endpoint, who-am-I, and password change."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, status
from fastapi.responses import JSONResponse

from asn_api.auth import service
from asn_api.auth.deps import SettingsDep, require
from asn_api.auth.errors import OAuthError
from asn_api.auth.principal import Principal
from asn_api.auth.routing import CredentialRoute
from asn_api.auth.schemas import Me, OAuthErrorBody, PasswordChange, TokenResponse
from asn_api.core.db import SessionDep
from asn_api.core.errors import error_responses
from asn_api.core.transaction import TransactionalRoute

# Token requests are never replayed: the answer holds fresh tokens, and a refresh token is single-use.
token_router = APIRouter(prefix="/auth", tags=["auth"], route_class=CredentialRoute)
router = APIRouter(prefix="/auth", tags=["auth"], route_class=TransactionalRoute)

_OAUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": OAuthErrorBody, "description": "RFC 6749 §5.2 error (invalid_grant, invalid_request, ...)"},
    401: {"model": OAuthErrorBody, "description": "invalid_client"},
    429: {"model": OAuthErrorBody, "description": "Too many failed logins for this username (Retry-After)"},
}


def _oauth_error(exc: OAuthError) -> JSONResponse:
    headers = {"Cache-Control": "no-store"}
    if exc.retry_after is not None:
        headers["Retry-After"] = str(exc.retry_after)
    if exc.status == 401:
        headers["WWW-Authenticate"] = "Basic"
    body = {"error": exc.error, "error_description": exc.description}
    return JSONResponse(body, status_code=exc.status, headers=headers)


# Longest accepted value of each form field. Checked in the handler, not by Form(max_length=...): the
# token endpoint must answer RFC 6749 errors, never a 422 problem. The schema still shows the limits.
_FORM_LIMITS = {"grant_type": 64, "username": 150, "password": 256, "refresh_token": 256, "client_id": 64,
                "client_secret": 256, "scope": 1024}


def _form_field(name: str) -> Any:
    return Form(json_schema_extra={"maxLength": _FORM_LIMITS[name]})


def _check_lengths(fields: dict[str, str | None]) -> None:
    for name, value in fields.items():
        if value is not None and len(value) > _FORM_LIMITS[name]:
            raise OAuthError("invalid_request", f"{name} is longer than {_FORM_LIMITS[name]} characters")


@token_router.post("/token", response_model=TokenResponse, responses=_OAUTH_ERRORS)
async def issue_token(
    session: SessionDep,
    settings: SettingsDep,
    grant_type: Annotated[str | None, _form_field("grant_type")] = None,
    username: Annotated[str | None, _form_field("username")] = None,
    password: Annotated[str | None, _form_field("password")] = None,
    refresh_token: Annotated[str | None, _form_field("refresh_token")] = None,
    client_id: Annotated[str | None, _form_field("client_id")] = None,
    client_secret: Annotated[str | None, _form_field("client_secret")] = None,
    scope: Annotated[str | None, _form_field("scope")] = None,
) -> Any:
    """OAuth2 token endpoint: `password`, `refresh_token` (rotating) and `client_credentials` grants.

    Errors follow RFC 6749 §5.2 (`{"error": ...}`), not problem+json — a field over its maximum length
    too is `400 invalid_request`. Five failed logins for one username within 15 minutes lock it for
    15 minutes (`429`, `Retry-After`). `Idempotency-Key` is not honoured here: tokens are never stored.
    """
    try:
        _check_lengths({"grant_type": grant_type, "username": username, "password": password,
                        "refresh_token": refresh_token, "client_id": client_id,
                        "client_secret": client_secret, "scope": scope})
        if grant_type == "password" and username and password:
            result = await service.password_grant(session, settings, username, password)
        elif grant_type == "refresh_token" and refresh_token:
            result = await service.refresh_grant(session, settings, refresh_token)
        elif grant_type == "client_credentials" and client_id and client_secret:
            result = await service.client_credentials_grant(session, settings, client_id, client_secret, scope)
        elif grant_type in ("password", "refresh_token", "client_credentials"):
            raise OAuthError("invalid_request", f"Missing parameters for grant_type={grant_type}")
        else:
            raise OAuthError("unsupported_grant_type", "grant_type must be password, refresh_token or "
                             "client_credentials")
    except OAuthError as exc:
        # Answer without raising so the transaction commits the recorded login failure.
        return _oauth_error(exc)
    return JSONResponse(result.model_dump(exclude_none=True), headers={"Cache-Control": "no-store"})


@router.get("/me", response_model=Me, responses=error_responses(401))
async def read_me(principal: Principal = require()) -> Me:
    """The caller as the server sees it: role, unit, linked employee and effective scopes."""
    return Me(
        id=principal.id,
        username=principal.username,
        role=principal.role,
        org_unit_id=principal.org_unit_id,
        employee_id=principal.employee_id,
        scopes=sorted(principal.permissions),
    )


@router.post("/password", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401, 422))
async def change_password(body: PasswordChange, session: SessionDep, principal: Principal = require()) -> None:
    """Change the caller's own password; every refresh token of the account stops working."""
    await service.change_password(session, principal, body.current_password, body.new_password)
