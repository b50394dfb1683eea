"""Use cases of account administration (admin only): users and integration clients."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.auth.models import ApiClient, User
from asn_api.auth.passwords import hash_password
from asn_api.auth.permissions import CLIENT_SCOPES
from asn_api.auth.principal import Principal
from asn_api.auth.repository import ApiClientRepository, CredentialRepository, UserRepository
from asn_api.auth.schemas import ApiClientCreate, UserCreate, UserUpdate
from asn_api.auth.service import create_user_with_password
from asn_api.auth.tokens import new_opaque_secret
from asn_api.core import clock
from asn_api.core.errors import Conflict, NotFound, field_error
from asn_api.core.etag import check_if_match
from asn_api.core.pagination import PageParams, page_of


async def list_users(session: AsyncSession, params: PageParams) -> tuple[list[User], str | None]:
    rows = await UserRepository(session).list_page(params)
    return page_of(rows, sort="username", params=params, key=lambda u: (u.username, u.id))


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User:
    user = await UserRepository(session).get(user_id)
    if user is None:
        raise NotFound("No user with this id", code="user_not_found")
    return user


async def create_user(session: AsyncSession, body: UserCreate) -> User:
    if await UserRepository(session).by_username(body.username) is not None:
        raise Conflict("This username is already taken", code="username_taken")
    user = await create_user_with_password(
        session, username=body.username, password=body.password, role=body.role,
        org_unit_id=body.org_unit_id, employee_id=body.employee_id,
    )
    if not body.is_active:
        user = await UserRepository(session).update(user, {"is_active": False})
    return user


async def update_user(
    session: AsyncSession, user_id: uuid.UUID, body: UserUpdate, if_match: str | None, actor: Principal
) -> User:
    users = UserRepository(session)
    user = await users.get(user_id, for_update=True)
    if user is None:
        raise NotFound("No user with this id", code="user_not_found")
    check_if_match(if_match, user.version)
    values: dict[str, Any] = body.model_dump(exclude_unset=True, exclude={"password"})
    if user.id == actor.id and (values.get("is_active") is False or values.get("role", "admin") != "admin"):
        raise field_error("role", "admins cannot demote or disable themselves", "self_lockout")
    if body.password is not None:
        values["password_hash"] = await hash_password(body.password)
        await CredentialRepository(session).revoke_all_for_user(user.id, clock.now())
    if values.get("is_active") is False:
        await CredentialRepository(session).revoke_all_for_user(user.id, clock.now())
    return await users.update(user, values)


async def delete_user(session: AsyncSession, user_id: uuid.UUID, if_match: str | None, actor: Principal) -> None:
    users = UserRepository(session)
    user = await users.get(user_id, for_update=True)
    if user is None:
        raise NotFound("No user with this id", code="user_not_found")
    check_if_match(if_match, user.version)
    if user.id == actor.id:
        raise Conflict("Admins cannot delete their own account", code="self_lockout")
    await users.delete(user)


async def list_clients(session: AsyncSession, params: PageParams) -> tuple[list[ApiClient], str | None]:
    rows = await ApiClientRepository(session).list_page(params)
    return page_of(rows, sort="name", params=params, key=lambda c: (c.name, c.id))


async def get_client(session: AsyncSession, client_id: uuid.UUID) -> ApiClient:
    client = await ApiClientRepository(session).get(client_id)
    if client is None:
        raise NotFound("No API client with this id", code="api_client_not_found")
    return client


async def create_client(session: AsyncSession, body: ApiClientCreate) -> tuple[ApiClient, str]:
    unknown = sorted(set(body.scopes) - CLIENT_SCOPES)
    if unknown:
        raise field_error("scopes", f"unknown scopes: {', '.join(unknown)}", "unknown_scope")
    secret = new_opaque_secret()
    client = ApiClient(
        name=body.name,
        client_id="asn_" + secrets.token_hex(12),
        secret_hash=await hash_password(secret),
        scopes=sorted(set(body.scopes)),
        is_active=True,
    )
    return await ApiClientRepository(session).add(client), secret


async def delete_client(session: AsyncSession, client_id: uuid.UUID, if_match: str | None) -> None:
    clients = ApiClientRepository(session)
    client = await clients.get(client_id, for_update=True)
    if client is None:
        raise NotFound("No API client with this id", code="api_client_not_found")
    check_if_match(if_match, client.version)
    await clients.delete(client)
