"""All SQL for users, API clients, refresh tokens and login failures."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, text, update

from asn_api.auth.models import ApiClient, LoginFailure, RefreshToken, User
from asn_api.core.pagination import PageParams, keyset
from asn_api.core.repository import Repository

_HIDDEN = frozenset({"created_at", "updated_at", "version", "password_hash", "secret_hash"})
# Transaction-scoped advisory lock keys. The fixed ones are "ASN" + a number above 2^31, so they can
# never equal a per-username key (hashtext gives a 32-bit integer).
BOOTSTRAP_ADMIN_LOCK_KEY = 0x41534E_A001


class UserRepository(Repository[User]):
    model = User
    resource = "user"
    audit_only = True
    hidden_fields = _HIDDEN

    async def by_username(self, username: str) -> User | None:
        stmt = select(User).where(User.username == username.lower())
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_page(self, params: PageParams) -> list[User]:
        stmt = keyset(select(User), sort="username", allowed={"username": User.username},
                      id_column=User.id, params=params)
        return list((await self.session.execute(stmt)).scalars())

    async def lock_bootstrap_admin(self) -> None:
        """Serialise bootstrap-admin creation across workers until this transaction ends."""
        await self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": BOOTSTRAP_ADMIN_LOCK_KEY})

    async def active_admin_exists(self) -> bool:
        stmt = select(User.id).where(User.role == "admin", User.is_active.is_(True)).limit(1)
        return (await self.session.execute(stmt)).first() is not None


class ApiClientRepository(Repository[ApiClient]):
    model = ApiClient
    resource = "api_client"
    audit_only = True
    hidden_fields = _HIDDEN

    async def by_client_id(self, client_id: str) -> ApiClient | None:
        stmt = select(ApiClient).where(ApiClient.client_id == client_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_page(self, params: PageParams) -> list[ApiClient]:
        stmt = keyset(select(ApiClient), sort="name", allowed={"name": ApiClient.name},
                      id_column=ApiClient.id, params=params)
        return list((await self.session.execute(stmt)).scalars())


class CredentialRepository:
    """Refresh tokens and login failures: security bookkeeping, not audited resources."""

    def __init__(self, session: Any) -> None:
        self.session = session

    async def add_refresh_token(self, **values: Any) -> None:
        self.session.add(RefreshToken(**values))
        await self.session.flush()

    async def refresh_token_for_update(self, token_hash: str) -> RefreshToken | None:
        stmt = select(RefreshToken).where(RefreshToken.token_hash == token_hash).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def revoke_family(self, family_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    async def revoke_all_for_user(self, user_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    async def lock_username(self, username: str) -> None:
        """Serialise login attempts for one username (any spelling) until this transaction ends.

        Count failures → verify → record a failure must not interleave, or parallel guesses all see
        the count before any of them is recorded and slip past the lockout.
        """
        await self.session.execute(text("SELECT pg_advisory_xact_lock(hashtext(lower(:username)))"),
                                   {"username": username.lower()})

    async def recent_failures(self, username: str, since: datetime) -> tuple[int, datetime | None]:
        stmt = select(func.count(), func.max(LoginFailure.failed_at)).where(
            LoginFailure.username == username.lower(), LoginFailure.failed_at >= since
        )
        count, latest = (await self.session.execute(stmt)).one()
        return int(count), latest

    async def add_failure(self, username: str, now: datetime) -> None:
        self.session.add(LoginFailure(username=username.lower(), failed_at=now))
        await self.session.flush()

    async def clear_failures(self, username: str) -> None:
        await self.session.execute(delete(LoginFailure).where(LoginFailure.username == username.lower()))
