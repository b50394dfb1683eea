"""Migration 0003 on its own database: upgrade, downgrade to 0002, upgrade again, and no model drift."""

from __future__ import annotations

import asyncio
import os

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from asn_api.core.db import make_engine
from asn_api.core.migrations import alembic_config
from asn_api.models import metadata
from tests.conftest import _recreate_database, drop_database

OURS = {"employees", "employee_assignments", "employee_ranks", "users"}


def _touches_ours(diff) -> bool:
    for item in diff if isinstance(diff, list) else [diff]:
        for part in item:
            table = getattr(part, "table", None)
            name = getattr(table, "name", None) or getattr(part, "name", None)
            if name in OURS or (isinstance(part, str) and part in OURS):
                return True
    return False


async def test_upgrade_downgrade_upgrade_without_drift(server_url):
    name = f"asn_mig_emp_{os.getpid()}"
    url = await _recreate_database(server_url, name)
    config = alembic_config(url)
    engine = make_engine(url, pool_size=1)
    try:
        await asyncio.to_thread(command.upgrade, config, "head")
        await asyncio.to_thread(command.downgrade, config, "0002")
        async with engine.connect() as conn:
            gone = (await conn.execute(text(
                "SELECT to_regclass('employees'), to_regclass('position_incumbents'), "
                "to_regclass('employee_ranks')"
            ))).one()
            fk = (await conn.execute(text(
                "SELECT count(*) FROM pg_constraint WHERE conname = 'fk_users_employee_id_employees'"
            ))).scalar()
        assert gone == (None, None, None) and fk == 0
        await asyncio.to_thread(command.upgrade, config, "head")

        def drift(sync_conn):
            context = MigrationContext.configure(sync_conn, opts={"compare_type": True,
                                                                  "compare_server_default": True})
            return compare_metadata(context, metadata)

        async with engine.connect() as conn:
            diffs = await conn.run_sync(drift)
            view = (await conn.execute(text("SELECT count(*) FROM position_incumbents"))).scalar()
        assert [d for d in diffs if _touches_ours(d)] == []
        assert view == 0
    finally:
        await engine.dispose()
        await drop_database(server_url, name)
