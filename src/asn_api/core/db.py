"""Engine and session factory. The transaction itself is opened per request by `TransactionalRoute`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def make_engine(url: str, *, pool_size: int = 10) -> AsyncEngine:
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=10,
        pool_pre_ping=True,
        # Statement parameters carry personal data (NIK, phone, address): never into an error or log line.
        hide_parameters=True,
        # PostgreSQL sees the application name in pg_stat_activity; handy when a query misbehaves.
        connect_args={"server_settings": {"application_name": "asn-api", "timezone": "UTC"}},
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: objects stay readable after commit without a hidden SELECT.
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


@asynccontextmanager
async def transaction(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """One unit of work outside HTTP (CLI, seeding): commits on success, rolls back on error."""
    async with sessionmaker() as session, session.begin():
        yield session


def _request_session(request: Request) -> AsyncSession:
    session = getattr(request.state, "db", None)
    if session is None:  # a route that needs the database must use TransactionalRoute
        raise RuntimeError("no transaction is open for this route")
    return session


SessionDep = Annotated[AsyncSession, Depends(_request_session)]
