"""A private, throw-away PostgreSQL for the benchmarks: embedded server in a temp dir, migrated, seeded.

Nothing here touches a configured database: ASN_DATABASE_URL is ignored on purpose, so `make bench`
can never write synthetic rows into a real one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from asn_api.core.db import make_engine, make_sessionmaker
from asn_api.core.embedded import start_embedded
from asn_api.core.migrations import upgrade_to_head
from asn_api.demo.binjai_units import ROOT_CODE
from asn_api.demo.seed import seed_demo

BENCH_DATABASE = "asn_bench"
SYNTHETIC_ROOT_CODE = "BENCH"
FANOUT = (10, 10, 10, 2)  # children per unit on each level: 1 + 10 + 100 + 1 000 + 2 000 units
POSITIONS_PER_UNIT = 2


@dataclass
class BenchDatabase:
    url: str  # SQLAlchemy asyncpg URL
    dsn: str  # plain asyncpg DSN of the same database
    engine: Any
    sessionmaker: Any
    demo_root_id: uuid.UUID
    synthetic_root_id: uuid.UUID
    units: int
    positions: int


def _plain(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _recreate(server_url: str, name: str) -> str:
    admin = await asyncpg.connect(_plain(server_url))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def _synthetic_tree() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Org units as a balanced tree under one root, and a few positions per unit, as COPY records."""
    root = uuid.uuid4()
    units: list[tuple[Any, ...]] = [
        (root, SYNTHETIC_ROOT_CODE, "Benchmark root", "other", None, False, True, 1),
    ]
    level = [(root, SYNTHETIC_ROOT_CODE)]
    for fanout in FANOUT:
        next_level = []
        for parent_id, parent_code in level:
            for n in range(1, fanout + 1):
                unit = (uuid.uuid4(), f"{parent_code}.{n:02d}")
                units.append((unit[0], unit[1], f"Unit {unit[1]}", "section", parent_id, n == 1, True, 1))
                next_level.append(unit)
        level = next_level
    positions = [
        (uuid.uuid4(), f"{code}.P{p}", f"Analis {code} {p}", "pelaksana", None, None, 5 + p, unit_id, None,
         None, p, "manual", "active", None, 1)
        for unit_id, code, *_ in units
        for p in range(1, POSITIONS_PER_UNIT + 1)
    ]
    return units, positions


async def _load_synthetic(dsn: str) -> tuple[uuid.UUID, int, int]:
    units, positions = _synthetic_tree()
    conn = await asyncpg.connect(dsn)
    try:
        await conn.copy_records_to_table(
            "org_units", records=units,
            columns=["id", "code", "name", "kind", "parent_id", "is_service_unit", "is_active", "version"],
        )
        await conn.copy_records_to_table(
            "positions", records=positions,
            columns=["id", "code", "title", "kind", "functional_track", "functional_level", "grade",
                     "org_unit_id", "reports_to_id", "min_rank", "required_headcount", "headcount_basis",
                     "status", "abolished_on", "version"],
        )
        await conn.execute("ANALYZE")
        total_units = await conn.fetchval("SELECT count(*) FROM org_units")
        total_positions = await conn.fetchval("SELECT count(*) FROM positions")
    finally:
        await conn.close()
    return units[0][0], total_units, total_positions


@asynccontextmanager
async def bench_database() -> AsyncIterator[BenchDatabase]:
    folder = Path(tempfile.mkdtemp(prefix="asn-bench-"))
    os.chmod(folder, 0o755)  # as root the embedded server runs as its own OS user
    server = None
    engine = None
    try:
        server_url, server = start_embedded(folder, cleanup_mode="delete")
        url = await _recreate(server_url, BENCH_DATABASE)
        engine = make_engine(url, pool_size=5)
        await upgrade_to_head(engine, url)
        sessionmaker = make_sessionmaker(engine)
        await seed_demo(sessionmaker)
        dsn = _plain(url)
        synthetic_root, units, positions = await _load_synthetic(dsn)
        conn = await asyncpg.connect(dsn)
        try:
            demo_root = await conn.fetchval("SELECT id FROM org_units WHERE code = $1", ROOT_CODE)
        finally:
            await conn.close()
        yield BenchDatabase(url, dsn, engine, sessionmaker, demo_root, synthetic_root, units, positions)
    finally:
        if engine is not None:
            await engine.dispose()
        if server is not None:
            server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)
