"""/users and /api-clients: account administration, admin only."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response, status

from asn_api.auth import accounts
from asn_api.auth.deps import require
from asn_api.auth.principal import Principal
from asn_api.auth.routing import CredentialRoute
from asn_api.auth.schemas import (
    ApiClientCreate,
    ApiClientCreated,
    ApiClientOut,
    UserCreate,
    UserOut,
    UserUpdate,
)
from asn_api.core.db import SessionDep
from asn_api.core.errors import error_responses
from asn_api.core.etag import set_etag
from asn_api.core.pagination import Page, PageParams, page_params
from asn_api.core.transaction import TransactionalRoute

router = APIRouter(tags=["users"], route_class=TransactionalRoute)
# Routes whose answer holds a secret: never stored for Idempotency-Key replay. Included into `router` below.
credential_router = APIRouter(tags=["users"], route_class=CredentialRoute)
IfMatch = Annotated[str | None, Header(alias="If-Match")]
Admin = require("users:manage")
ClientAdmin = require("api_clients:manage")


@router.get("/users", response_model=Page[UserOut], responses=error_responses(401, 403, 422))
async def list_users(
    session: SessionDep, params: Annotated[PageParams, Depends(page_params)], _: Principal = Admin
) -> Page[UserOut]:
    """Logins, sorted by username."""
    rows, cursor = await accounts.list_users(session, params)
    return Page(items=[UserOut.model_validate(u) for u in rows], next_cursor=cursor)


@router.post("/users", status_code=201, response_model=UserOut, responses=error_responses(401, 403, 409, 422))
async def create_user(
    body: UserCreate, request: Request, response: Response, session: SessionDep, _: Principal = Admin
) -> UserOut:
    """Create a login; the password (≥ 12 characters) is stored as an Argon2id hash."""
    user = await accounts.create_user(session, body)
    response.headers["Location"] = str(request.url_for("get_user", user_id=user.id))
    set_etag(response, user.version)
    return UserOut.model_validate(user)


@router.get("/users/{user_id}", response_model=UserOut, responses=error_responses(401, 403, 404))
async def get_user(user_id: uuid.UUID, response: Response, session: SessionDep, _: Principal = Admin) -> UserOut:
    user = await accounts.get_user(session, user_id)
    set_etag(response, user.version)
    return UserOut.model_validate(user)


@router.patch("/users/{user_id}", response_model=UserOut, responses=error_responses(401, 403, 404, 409, 412, 422))
async def update_user(
    user_id: uuid.UUID, body: UserUpdate, response: Response, session: SessionDep,
    if_match: IfMatch = None, principal: Principal = Admin,
) -> UserOut:
    """Change role, unit, linked employee, active flag or password (which revokes refresh tokens)."""
    user = await accounts.update_user(session, user_id, body, if_match, principal)
    set_etag(response, user.version)
    return UserOut.model_validate(user)


@router.delete("/users/{user_id}", status_code=status.HTTP_204_NO_CONTENT,
               responses=error_responses(401, 403, 404, 409, 412))
async def delete_user(
    user_id: uuid.UUID, session: SessionDep, if_match: IfMatch = None, principal: Principal = Admin
) -> None:
    await accounts.delete_user(session, user_id, if_match, principal)


@router.get("/api-clients", response_model=Page[ApiClientOut], responses=error_responses(401, 403, 422))
async def list_api_clients(
    session: SessionDep, params: Annotated[PageParams, Depends(page_params)], _: Principal = ClientAdmin
) -> Page[ApiClientOut]:
    rows, cursor = await accounts.list_clients(session, params)
    return Page(items=[ApiClientOut.model_validate(c) for c in rows], next_cursor=cursor)


@credential_router.post("/api-clients", status_code=201, response_model=ApiClientCreated,
                       responses=error_responses(401, 403, 422))
async def create_api_client(
    body: ApiClientCreate, request: Request, response: Response, session: SessionDep,
    _: Principal = ClientAdmin,
) -> ApiClientCreated:
    """Register an integration client; `client_secret` is returned once and stored only as a hash.

    Unlike other POSTs this one does not honour `Idempotency-Key`: replaying the answer would mean
    keeping the secret in plain text. A retried create therefore makes a second client; list the
    clients by name and delete the one you did not keep.
    """
    client, secret = await accounts.create_client(session, body)
    response.headers["Location"] = str(request.url_for("get_api_client", client_id=client.id))
    set_etag(response, client.version)
    return ApiClientCreated.model_validate({**ApiClientOut.model_validate(client).model_dump(),
                                            "client_secret": secret})


@router.get("/api-clients/{client_id}", response_model=ApiClientOut, responses=error_responses(401, 403, 404))
async def get_api_client(
    client_id: uuid.UUID, response: Response, session: SessionDep, _: Principal = ClientAdmin
) -> ApiClientOut:
    """One integration client (never its secret)."""
    client = await accounts.get_client(session, client_id)
    set_etag(response, client.version)
    return ApiClientOut.model_validate(client)


@router.delete("/api-clients/{client_id}", status_code=status.HTTP_204_NO_CONTENT,
               responses=error_responses(401, 403, 404, 412))
async def delete_api_client(
    client_id: uuid.UUID, session: SessionDep, if_match: IfMatch = None, _: Principal = ClientAdmin
) -> None:
    """Remove a client: it can get no new token; access tokens already issued live until they expire."""
    await accounts.delete_client(session, client_id, if_match)


router.include_router(credential_router)
