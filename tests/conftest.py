"""Test harness: one real PostgreSQL per test session, schema built by the migrations, rollback per test.

By default an embedded PostgreSQL in a temporary folder; with ASN_TEST_DATABASE_URL, a fresh database
created on that server (and dropped afterwards).
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from asn_api.auth import tokens
from asn_api.core import clock
from asn_api.core.config import Settings
from asn_api.core.db import make_engine, make_sessionmaker
from asn_api.core.migrations import upgrade_to_head
from asn_api.main import create_app

TEST_SECRET = "test-secret-" + "x" * 40


def _plain(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _recreate_database(server_url: str, name: str) -> str:
    """Create `name` on the server of `server_url` (dropping a leftover) and return its asyncpg URL."""
    url = make_url(server_url)
    admin = await asyncpg.connect(_plain(server_url))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return url.set(drivername="postgresql+asyncpg", database=name).render_as_string(hide_password=False)


def _server_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="asn-test-"))
    folder.chmod(0o755)  # the embedded server runs as its own OS user when we are root
    return folder


@pytest.fixture(scope="session")
async def server_url() -> AsyncIterator[str]:
    external = os.environ.get("ASN_TEST_DATABASE_URL")
    if external:
        if external.startswith("postgresql://"):
            external = external.replace("postgresql://", "postgresql+asyncpg://", 1)
        yield external
        return
    from asn_api.core.embedded import start_embedded

    folder = _server_folder()
    url, server = start_embedded(folder, cleanup_mode="delete")
    yield url
    server.cleanup()


@pytest.fixture(scope="session")
async def database_url(server_url: str) -> AsyncIterator[str]:
    name = f"asn_test_{os.getpid()}"
    yield await _recreate_database(server_url, name)
    await drop_database(server_url, name)  # an external server must not collect test databases


async def drop_database(server_url: str, name: str) -> None:
    admin = await asyncpg.connect(_plain(server_url))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url, pool_size=5)
    await upgrade_to_head(engine, database_url)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> Iterator[None]:
    """Argon2id still, at its minimum cost: production parameters cost 50–300 ms per hash or verify."""
    from asn_api.auth import passwords
    from tests.factories import TEST_HASHER

    saved = passwords._hasher, passwords._DUMMY_HASH
    passwords._hasher, passwords._DUMMY_HASH = TEST_HASHER, TEST_HASHER.hash("not-a-real-password")
    yield
    passwords._hasher, passwords._DUMMY_HASH = saved


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(env="test", jwt_secret=TEST_SECRET, log_level="WARNING", log_format="console")


@pytest.fixture
async def session_factory(engine: AsyncEngine) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions bound to one connection whose outer transaction is rolled back after the test."""
    async with engine.connect() as connection:
        outer = await connection.begin()
        yield async_sessionmaker(bind=connection, expire_on_commit=False, autoflush=False,
                                 join_transaction_mode="create_savepoint")
        if outer.is_active:
            await outer.rollback()
    clock.freeze(None)


@pytest.fixture
async def db(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session for arranging data directly; its writes are visible to the app in the same test."""
    async with session_factory() as session:
        yield session


def _build_app(settings: Settings, engine: AsyncEngine, sessionmaker: Any) -> Any:
    app = create_app(settings)
    app.state.engine = engine
    app.state.sessionmaker = sessionmaker
    app.state.owns_engine = False
    return app


@pytest.fixture
def app(settings: Settings, engine: AsyncEngine, session_factory: Any) -> Any:
    return _build_app(settings, engine, session_factory)


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("10.0.0.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


@pytest.fixture
async def committed_app(settings: Settings, engine: AsyncEngine) -> AsyncIterator[Any]:
    """An app whose requests really commit on separate connections (concurrency tests); emptied afterwards."""
    yield _build_app(settings, engine, make_sessionmaker(engine))
    async with engine.begin() as conn:
        tables = (await conn.execute(text(
            "SELECT string_agg(format('%I', tablename), ', ') FROM pg_tables "
            "WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
        ))).scalar()
        await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def token_for(settings: Settings) -> Callable[..., dict[str, str]]:
    """Real, signed access tokens: `token_for("hr")`, `token_for("unit_admin", unit=...)`, clients too."""

    def make(role: str, *, unit: uuid.UUID | None = None, employee: uuid.UUID | None = None,
             scopes: list[str] | None = None, subject: uuid.UUID | None = None) -> dict[str, str]:
        from asn_api.auth.permissions import ROLE_PERMISSIONS

        granted = scopes if scopes is not None else sorted(ROLE_PERMISSIONS.get(role, ()))
        issued = tokens.issue_access_token(
            settings, subject=str(subject or uuid.uuid4()), username=f"test-{role}", role=role,
            unit=str(unit) if unit else None, employee=str(employee) if employee else None, scopes=granted,
        )
        return {"Authorization": f"Bearer {issued.token}"}

    return make


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        self.count += 1


@pytest.fixture
def count_queries(engine: AsyncEngine) -> Any:
    """`with count_queries() as counter:` counts statements sent to PostgreSQL inside the block."""
    from contextlib import contextmanager

    @contextmanager
    def counting() -> Any:
        counter = QueryCounter()
        event.listen(engine.sync_engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(engine.sync_engine, "before_cursor_execute", counter)

    return counting
