"""Small typed builders for test data, written straight through the ORM (the API is what is tested)."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.auth.models import ApiClient, User
from asn_api.org_units.models import OrgUnit

PASSWORD = "correct horse battery staple"
# Hashing costs ~50 ms; hash once with the same Argon2id parameters the service uses.
PASSWORD_HASH = PasswordHasher().hash(PASSWORD)
_counter = itertools.count(1)


async def make_org_unit(db: AsyncSession, **values: Any) -> OrgUnit:
    n = next(_counter)
    unit = OrgUnit(**{"code": f"UNIT-{n:05d}", "name": f"Unit {n}", "kind": "office", **values})
    db.add(unit)
    await db.flush()
    return unit


async def make_user(db: AsyncSession, role: str = "hr", **values: Any) -> User:
    n = next(_counter)
    user = User(**{"username": f"user{n}", "password_hash": PASSWORD_HASH, "role": role, **values})
    db.add(user)
    await db.flush()
    return user


async def make_api_client(db: AsyncSession, scopes: list[str], secret: str = PASSWORD) -> ApiClient:
    client = ApiClient(name=f"client {next(_counter)}", client_id=f"asn_{uuid.uuid4().hex[:24]}",
                       secret_hash=PasswordHasher().hash(secret), scopes=scopes)
    db.add(client)
    await db.flush()
    return client
