"""Alembic, driven from code: upgrade under an advisory lock so several workers or replicas can start at once."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATION_LOCK_KEY = 0x41534E_0000


def _migrations_dir() -> Path:
    """The repository's top-level migrations/ (editable install), else ./migrations (container image)."""
    override = os.environ.get("ASN_MIGRATIONS_DIR")
    if override:
        return Path(override)
    beside_source = Path(__file__).resolve().parents[3] / "migrations"
    return beside_source if beside_source.is_dir() else Path.cwd() / "migrations"


MIGRATIONS_DIR = _migrations_dir()


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser interpolates %: a socket path or password with % would break without doubling.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("postgresql+asyncpg://unused/unused")).get_current_head()


async def current_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as conn:
        exists = (await conn.execute(text("SELECT to_regclass('alembic_version')"))).scalar()
        if exists is None:
            return None
        return (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()


async def upgrade_to_head(engine: AsyncEngine, url: str) -> None:
    """Holds a session-level advisory lock on its own connection while Alembic migrates on another."""
    async with engine.connect() as lock_conn:
        await lock_conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
        try:
            if await current_revision(engine) != head_revision():
                # env.py runs its own event loop, so Alembic must run off this one.
                await asyncio.to_thread(command.upgrade, alembic_config(url), "head")
        finally:
            await lock_conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
