"""Real concurrent connections that commit: the login lockout and the bootstrap admin under races."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import pytest
from sqlalchemy import func, select

from asn_api.auth.models import LoginFailure, User
from asn_api.auth.service import ensure_bootstrap_admin
from asn_api.core.db import make_sessionmaker, transaction
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.concurrency


async def test_parallel_wrong_logins_cannot_pass_the_lockout(committed_app, engine):
    sessionmaker = make_sessionmaker(engine)
    async with sessionmaker() as db, db.begin():
        victim, bystander = await make_user(db), await make_user(db)
    url = committed_app.url_path_for("issue_token")

    def attempt(http: httpx.AsyncClient, username: str, password: str = "wrong password!") -> object:
        return http.post(url, data={"grant_type": "password", "username": username, "password": password})

    transport = httpx.ASGITransport(app=committed_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        # Any spelling of the username is the same account, so the same lock.
        spellings = [victim.username if n % 2 else victim.username.upper() for n in range(12)]
        *guesses, other = await asyncio.gather(*[attempt(http, name) for name in spellings],
                                               attempt(http, bystander.username, PASSWORD))

    outcomes = Counter((r.status_code, r.json()["error"]) for r in guesses)
    assert outcomes == {(400, "invalid_grant"): 5, (429, "too_many_attempts"): 7}, outcomes
    assert other.status_code == 200, other.text  # another username is not held up by the lockout
    async with sessionmaker() as db:
        recorded = (await db.execute(select(func.count()).select_from(LoginFailure)
                                     .where(LoginFailure.username == victim.username))).scalar_one()
    assert recorded == 5


async def test_workers_starting_together_create_one_bootstrap_admin(committed_app, engine):
    sessionmaker = make_sessionmaker(engine)

    async def start_worker() -> User | None:
        async with transaction(sessionmaker) as session:
            return await ensure_bootstrap_admin(session, "root", "a-long-bootstrap-password")

    results = await asyncio.gather(*[start_worker() for _ in range(3)])  # none of them raises

    assert sum(result is not None for result in results) == 1
    async with sessionmaker() as db:
        admins = list((await db.execute(select(User.username).where(User.role == "admin"))).scalars())
    assert admins == ["root"]
