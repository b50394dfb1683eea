"""`make bench`: API throughput and latency as ratios to raw asyncpg SQL on the same data, in one run.

  (a) GET /api/v1/org-units, every page (limit 500)  rows/s  ÷ the same keyset SELECT via asyncpg
  (b) POST /api/v1/org-units with Idempotency-Key     rows/s  ÷ single-row INSERTs via asyncpg (autocommit)
  (c) GET /api/v1/org-units/{root}/position-map      latency ÷ one recursive-CTE query via asyncpg

The API runs in process through httpx's ASGITransport with a real signed JWT, so every layer is paid for
(middleware, auth, transaction, audit + change feed, idempotency, serialisation) except the socket.
Everything talks to a private embedded PostgreSQL over its unix socket; the run stops by itself.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import time
import uuid
from typing import Any

import asyncpg
import httpx

from asn_api.auth import tokens
from asn_api.auth.permissions import ROLE_PERMISSIONS
from asn_api.core.config import Settings
from asn_api.main import create_app
from benchmarks.database import BenchDatabase, bench_database
from benchmarks.timing import Samples, side_by_side

TOTAL_BUDGET_SECONDS = 110  # the whole run, set-up included; the brief is "under two minutes"
PAGE_LIMIT = 500
CREATE_BATCH = 40  # writes per round in (b)

RAW_COLUMNS = "id, code, name, kind, parent_id, is_service_unit, is_active, version, created_at, updated_at"
RAW_FIRST_PAGE = f"SELECT {RAW_COLUMNS} FROM org_units ORDER BY code, id LIMIT $1"
RAW_NEXT_PAGE = f"SELECT {RAW_COLUMNS} FROM org_units WHERE (code, id) > ($1, $2) ORDER BY code, id LIMIT $3"
RAW_INSERT = """
INSERT INTO org_units (id, code, name, kind, parent_id, is_service_unit, is_active, version)
VALUES ($1, $2, $3, 'section', $4, false, true, 1)
"""
RAW_POSITION_MAP = """
WITH RECURSIVE tree AS (
    SELECT id, 0 AS depth FROM org_units WHERE id = $1
    UNION ALL
    SELECT child.id, tree.depth + 1 FROM org_units child JOIN tree ON child.parent_id = tree.id
)
SELECT u.id AS unit_id, u.code AS unit_code, u.name, u.kind AS unit_kind, u.parent_id, tree.depth,
       p.id AS position_id, p.code, p.title, p.kind, p.grade, p.required_headcount,
       coalesce(b.incumbents, 0) AS incumbents, coalesce(b.incumbents, 0) - p.required_headcount AS gap
FROM tree
JOIN org_units u ON u.id = tree.id
LEFT JOIN positions p ON p.org_unit_id = u.id AND p.status = 'active'
LEFT JOIN position_incumbents b ON b.position_id = p.id
ORDER BY tree.depth, u.code, p.grade DESC, p.code
"""


def _client(db: BenchDatabase) -> httpx.AsyncClient:
    settings = Settings(env="test", jwt_secret="bench-" + uuid.uuid4().hex * 2, log_level="WARNING")
    app = create_app(settings)
    app.state.engine, app.state.sessionmaker = db.engine, db.sessionmaker  # what the lifespan would set
    issued = tokens.issue_access_token(
        settings, subject=str(uuid.uuid4()), username="bench-hr", role="hr", unit=None, employee=None,
        scopes=sorted(ROLE_PERMISSIONS["hr"]),
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench",
                             headers={"Authorization": f"Bearer {issued.token}"}, timeout=60)


async def bench_list(
    http: httpx.AsyncClient, conn: asyncpg.Connection, budget: float
) -> tuple[Samples, Samples]:
    async def api() -> int:
        rows, cursor = 0, None
        while True:
            params: dict[str, Any] = {"limit": PAGE_LIMIT, **({"cursor": cursor} if cursor else {})}
            response = await http.get("/api/v1/org-units", params=params)
            response.raise_for_status()
            page = response.json()
            rows += len(page["items"])
            cursor = page["next_cursor"]
            if cursor is None:
                return rows

    async def raw() -> int:
        rows, last = 0, None
        while True:
            page = await (conn.fetch(RAW_NEXT_PAGE, *last, PAGE_LIMIT + 1) if last
                          else conn.fetch(RAW_FIRST_PAGE, PAGE_LIMIT + 1))
            served = page[:PAGE_LIMIT]
            rows += len(served)
            if len(page) <= PAGE_LIMIT:
                return rows
            last = (served[-1]["code"], served[-1]["id"])

    return await side_by_side(api, raw, rounds=15, budget_seconds=budget)


async def bench_create(
    http: httpx.AsyncClient, conn: asyncpg.Connection, parent_id: uuid.UUID, budget: float
) -> tuple[Samples, Samples]:
    counter = itertools.count(1)

    async def api() -> int:
        for _ in range(CREATE_BATCH):
            n = next(counter)
            body = {"code": f"BP-{n:06d}", "name": f"Created over HTTP {n}", "kind": "section",
                    "parent_id": str(parent_id)}
            response = await http.post("/api/v1/org-units", json=body,
                                       headers={"Idempotency-Key": uuid.uuid4().hex})
            if response.status_code != 201:
                raise RuntimeError(f"create failed: {response.status_code} {response.text[:200]}")
        return CREATE_BATCH

    async def raw() -> int:
        for _ in range(CREATE_BATCH):
            n = next(counter)
            await conn.execute(RAW_INSERT, uuid.uuid4(), f"BR-{n:06d}", f"Inserted raw {n}", parent_id)
        return CREATE_BATCH

    return await side_by_side(api, raw, rounds=10, budget_seconds=budget)


def _positions_in(node: dict[str, Any]) -> int:
    return len(node["positions"]) + sum(_positions_in(child) for child in node["children"])


async def bench_position_map(
    http: httpx.AsyncClient, conn: asyncpg.Connection, root_id: uuid.UUID, budget: float
) -> tuple[Samples, Samples, int]:
    url = f"/api/v1/org-units/{root_id}/position-map"

    async def api() -> int:
        response = await http.get(url)
        response.raise_for_status()
        return 1

    async def raw() -> int:
        await conn.fetch(RAW_POSITION_MAP, root_id)
        return 1

    # Both sides must describe the same map, or the ratio means nothing.
    served = _positions_in((await http.get(url)).json())
    expected = sum(1 for row in await conn.fetch(RAW_POSITION_MAP, root_id) if row["position_id"])
    if served != expected:
        raise RuntimeError(f"position map has {served} positions, raw query {expected}")
    api_samples, raw_samples = await side_by_side(api, raw, rounds=15, budget_seconds=budget)
    return api_samples, raw_samples, served


def _print_table(rows: list[tuple[str, str, str, str]]) -> None:
    header = ("benchmark", "API", "raw asyncpg", "API ÷ raw")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    print(line)
    for n, row in enumerate([header, *rows]):
        cells = zip(row, widths, strict=True)
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(cells)))
        if n == 0:
            print(line)
    print(line)


async def main() -> None:
    started = time.perf_counter()
    async with bench_database() as db:
        setup = time.perf_counter() - started
        print(f"data: {db.units} org units, {db.positions} positions (demo Kota Binjai + synthetic tree); "
              f"set-up {setup:.1f} s", flush=True)
        conn = await asyncpg.connect(db.dsn)
        try:
            async with _client(db) as http:
                rows: list[tuple[str, str, str, str]] = []
                api, raw = await bench_list(http, conn, budget=12)
                rows.append((f"(a) list org units, all pages of {PAGE_LIMIT} (rows/s)",
                             f"{api.rate:,.0f}", f"{raw.rate:,.0f}", f"{api.rate / raw.rate:.3f}"))
                api, raw = await bench_create(http, conn, db.synthetic_root_id, budget=15)
                rows.append(("(b) create org unit, 1 per transaction (rows/s)",
                             f"{api.rate:,.0f}", f"{raw.rate:,.0f}", f"{api.rate / raw.rate:.3f}"))
                for label, root in (("Kota Binjai", db.demo_root_id), ("synthetic", db.synthetic_root_id)):
                    api, raw, positions = await bench_position_map(http, conn, root, budget=10)
                    rows.append((f"(c) position map, {label} root, {positions} positions (median ms)",
                                 f"{api.median_ms:,.1f}", f"{raw.median_ms:,.1f}",
                                 f"{api.median_ms / raw.median_ms:.2f}"))
        finally:
            await conn.close()
    _print_table(rows)
    print("(a), (b): higher is better, 1.0 = as fast as raw SQL.  (c): API latency ÷ raw query latency, "
          f"lower is better.  Total {time.perf_counter() - started:.1f} s.")


def run() -> int:
    try:
        asyncio.run(asyncio.wait_for(main(), TOTAL_BUDGET_SECONDS))
    except TimeoutError:
        print(f"benchmark exceeded {TOTAL_BUDGET_SECONDS} s and was stopped", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(run())
