"""Use cases of authentication: the three OAuth2 grants, password change, bootstrap admin."""

from __future__ import annotations

import math
import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.auth import tokens
from asn_api.auth.errors import OAuthError
from asn_api.auth.models import User
from asn_api.auth.passwords import hash_password, verify_password
from asn_api.auth.permissions import ROLE_PERMISSIONS
from asn_api.auth.principal import Principal
from asn_api.auth.repository import ApiClientRepository, CredentialRepository, UserRepository
from asn_api.auth.schemas import TokenResponse
from asn_api.core import clock
from asn_api.core.config import Settings
from asn_api.core.errors import Forbidden, field_error

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


async def _issue_user_tokens(session: AsyncSession, settings: Settings, user: User,
                             family_id: uuid.UUID | None = None) -> TokenResponse:
    access = tokens.issue_access_token(
        settings,
        subject=str(user.id),
        username=user.username,
        role=user.role,
        unit=str(user.org_unit_id) if user.org_unit_id else None,
        employee=str(user.employee_id) if user.employee_id else None,
        scopes=sorted(ROLE_PERMISSIONS[user.role]),
    )
    refresh = tokens.new_opaque_secret()
    now = clock.now()
    await CredentialRepository(session).add_refresh_token(
        token_hash=tokens.fingerprint(refresh),
        user_id=user.id,
        family_id=family_id or uuid.uuid4(),
        expires_at=now + timedelta(days=settings.refresh_token_days),
        created_at=now,
    )
    return TokenResponse(access_token=access.token, expires_in=access.expires_in, refresh_token=refresh)


async def password_grant(session: AsyncSession, settings: Settings, username: str, password: str) -> TokenResponse:
    credentials = CredentialRepository(session)
    # Held until the request's transaction commits, i.e. until the failure below is visible to the next.
    await credentials.lock_username(username)
    now = clock.now()
    failures, latest = await credentials.recent_failures(username, now - LOCKOUT)
    if failures >= MAX_FAILURES and latest is not None:
        retry_after = max(1, math.ceil((latest + LOCKOUT - now).total_seconds()))
        raise OAuthError("too_many_attempts", "Too many failed logins; try again later", 429, retry_after)
    user = await UserRepository(session).by_username(username)
    valid = await verify_password(user.password_hash if user else None, password)
    if user is None or not valid or not user.is_active:
        # The failure must survive this request: the router answers without raising, so it commits.
        await credentials.add_failure(username, now)
        raise OAuthError("invalid_grant", "Invalid username or password")
    await credentials.clear_failures(username)
    return await _issue_user_tokens(session, settings, user)


async def refresh_grant(session: AsyncSession, settings: Settings, refresh_token: str) -> TokenResponse:
    credentials = CredentialRepository(session)
    stored = await credentials.refresh_token_for_update(tokens.fingerprint(refresh_token))
    now = clock.now()
    if stored is None or stored.revoked_at is not None or stored.expires_at <= now:
        raise OAuthError("invalid_grant", "The refresh token is invalid, expired or revoked")
    if stored.used_at is not None:
        # A used token presented again means it leaked: end the whole rotation family.
        await credentials.revoke_family(stored.family_id, now)
        raise OAuthError("invalid_grant", "The refresh token was already used; sign in again")
    user = await UserRepository(session).get(stored.user_id)
    if user is None or not user.is_active:
        raise OAuthError("invalid_grant", "The account is disabled")
    stored.used_at = now
    return await _issue_user_tokens(session, settings, user, family_id=stored.family_id)


async def client_credentials_grant(
    session: AsyncSession, settings: Settings, client_id: str, client_secret: str, scope: str | None
) -> TokenResponse:
    client = await ApiClientRepository(session).by_client_id(client_id)
    valid = await verify_password(client.secret_hash if client else None, client_secret)
    if client is None or not valid or not client.is_active:
        raise OAuthError("invalid_client", "Unknown client or wrong secret", 401)
    granted = set(client.scopes)
    requested = set(scope.split()) if scope else granted
    if not requested <= granted:
        missing = ", ".join(sorted(requested - granted))
        raise OAuthError("invalid_scope", f"Scopes not granted to this client: {missing}")
    access = tokens.issue_access_token(
        settings, subject=str(client.id), username=client.name, role="client", unit=None, employee=None,
        scopes=sorted(requested),
    )
    return TokenResponse(access_token=access.token, expires_in=access.expires_in, scope=" ".join(sorted(requested)))


async def change_password(session: AsyncSession, principal: Principal, current: str, new: str) -> None:
    if principal.kind != "user":
        raise Forbidden("Integration clients have no password to change", code="not_a_user")
    users = UserRepository(session)
    user = await users.get(principal.id, for_update=True)
    if user is None:
        raise field_error("current_password", "the account no longer exists", "invalid_credentials")
    if not await verify_password(user.password_hash, current):
        raise field_error("current_password", "is not the current password", "invalid_credentials")
    await users.update(user, {"password_hash": await hash_password(new)})
    await CredentialRepository(session).revoke_all_for_user(user.id, clock.now())


async def create_user_with_password(
    session: AsyncSession, *, username: str, password: str, role: str,
    org_unit_id: uuid.UUID | None = None, employee_id: uuid.UUID | None = None,
) -> User:
    if len(password) < 12:
        raise field_error("password", "must be at least 12 characters", "password_too_short")
    user = User(username=username.lower(), password_hash=await hash_password(password), role=role,
                org_unit_id=org_unit_id, employee_id=employee_id, is_active=True)
    return await UserRepository(session).add(user)


async def ensure_bootstrap_admin(session: AsyncSession, username: str, password: str) -> User | None:
    """Create the env-configured admin only while no active admin exists (api.md §2 bootstrap).

    Several workers start at once: the lock (held until the caller's transaction ends) makes them take
    turns, so the later ones see the admin the first one committed and create nothing.
    """
    users = UserRepository(session)
    await users.lock_bootstrap_admin()
    if await users.active_admin_exists():
        return None
    existing = await users.by_username(username)
    if existing is not None:
        return await users.update(existing, {"role": "admin", "is_active": True,
                                             "password_hash": await hash_password(password)})
    return await create_user_with_password(session, username=username, password=password, role="admin")
