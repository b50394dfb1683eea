"""Loads the Kota Binjai demo data set once, and gives each demo login a fresh password on every run.

Development only: the CLI refuses it with ASN_ENV=production. Rows are written in bulk through the
repositories' `add_many`, so each is still recorded in the audit trail and the change feed (PII masked,
secrets left out) like any other write.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from asn_api.auth.models import User
from asn_api.auth.passwords import hash_password
from asn_api.auth.repository import UserRepository
from asn_api.core.db import transaction
from asn_api.demo.binjai_positions import positions_for
from asn_api.demo.binjai_units import ROOT_CODE, UNITS
from asn_api.demo.seed_people import seed_people
from asn_api.domain import abk
from asn_api.employees.models import Employee
from asn_api.org_units.models import OrgUnit
from asn_api.org_units.repository import OrgUnitRepository
from asn_api.positions.models import PositionWorkload
from asn_api.positions.repository import PositionRepository

DEMO_UNIT_ADMIN_UNIT = "PKM-RAMBUNG"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    password: str
    note: str


async def _seed_units(session: AsyncSession) -> dict[str, uuid.UUID]:
    ids = {unit.code: uuid.uuid4() for unit in UNITS}
    rows = [
        {"id": ids[u.code], "code": u.code, "name": u.name, "kind": u.kind,
         "parent_id": ids[u.parent_code] if u.parent_code else None,
         "is_service_unit": u.is_service_unit, "is_active": True, "version": 1}
        for u in UNITS
    ]
    await OrgUnitRepository(session).add_many(rows)
    return ids


async def _seed_positions(session: AsyncSession, unit_ids: dict[str, uuid.UUID]) -> list[dict[str, Any]]:
    positions, workloads = [], []
    for unit in UNITS:
        for seed in positions_for(unit):
            result = abk.compute_workload(
                [abk.WorkloadTask(name=t.name, volume=Decimal(t.volume), period=t.period,
                                  minutes_per_unit=Decimal(t.minutes_per_unit)) for t in seed.workload]
            )
            position_id = uuid.uuid4()
            positions.append({
                "id": position_id, "code": f"{unit.code}.{seed.code_suffix}", "title": seed.title,
                "kind": seed.kind, "functional_track": seed.functional_track,
                "functional_level": seed.functional_level, "grade": seed.grade, "org_unit_id": unit_ids[unit.code],
                "reports_to_id": None, "min_rank": seed.min_rank, "required_headcount": result.required_headcount,
                "headcount_basis": "workload", "status": "active", "abolished_on": None, "version": 1,
            })
            workloads.append({
                "position_id": position_id,
                "tasks": [{"name": t.name, "volume": str(t.volume), "period": t.period,
                           "minutes_per_unit": str(t.minutes_per_unit)} for t in seed.workload],
                "total_minutes": result.total_minutes,
                "required_headcount_exact": result.required_headcount_exact,
            })
    await PositionRepository(session).add_many(positions)
    await session.execute(insert(PositionWorkload), workloads)
    return positions


async def _upsert_login(session: AsyncSession, username: str, role: str, password: str,
                        **links: uuid.UUID | None) -> None:
    users = UserRepository(session)
    password_hash = await hash_password(password)
    user = await users.by_username(username)
    if user is None:
        await users.add(User(username=username, password_hash=password_hash, role=role, is_active=True, **links))
    else:  # journalled like any password change; the hash itself never reaches the audit log
        await users.update(user, {"password_hash": password_hash, "is_active": True})


async def _reset_logins(session: AsyncSession) -> list[DemoLogin]:
    unit_id = (await session.execute(select(OrgUnit.id).where(OrgUnit.code == DEMO_UNIT_ADMIN_UNIT))).scalar()
    logins = [
        DemoLogin("admin", "admin", secrets.token_urlsafe(12), "everything"),
        DemoLogin("hr.bkpsdm", "hr", secrets.token_urlsafe(12), "BKPSDM staff, city-wide"),
        DemoLogin("admin.pkm-rambung", "unit_admin", secrets.token_urlsafe(12), "Puskesmas Rambung only"),
        DemoLogin("pegawai.demo", "employee", secrets.token_urlsafe(12), "own record, Puskesmas Rambung"),
    ]
    await _upsert_login(session, "admin", "admin", logins[0].password)
    await _upsert_login(session, "hr.bkpsdm", "hr", logins[1].password)
    await _upsert_login(session, "admin.pkm-rambung", "unit_admin", logins[2].password, org_unit_id=unit_id)
    employee_id = (await session.execute(
        select(Employee.id).where(Employee.org_unit_id == unit_id).order_by(Employee.nip).limit(1)
    )).scalar()
    if employee_id is not None:
        await _upsert_login(session, "pegawai.demo", "employee", logins[3].password, employee_id=employee_id)
    else:
        logins.pop()
    return logins


async def seed_demo(sessionmaker: async_sessionmaker[AsyncSession]) -> list[DemoLogin]:
    async with transaction(sessionmaker) as session:
        seeded = (await session.execute(select(OrgUnit.id).where(OrgUnit.code == ROOT_CODE))).first()
        if seeded is None:
            unit_ids = await _seed_units(session)
            positions = await _seed_positions(session, unit_ids)
            await seed_people(session, positions)
            # Fresh statistics: without them the planner guesses 1 row per table and loops (seen: 280 ms
            # instead of 3 ms for the staffing report right after seeding).
            await session.execute(text("ANALYZE"))
        return await _reset_logins(session)


def print_credentials(logins: list[DemoLogin], base_url: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Demo logins (development only; new passwords on every start)")
    for column in ("username", "role", "password", "can"):
        table.add_column(column)
    for login in logins:
        table.add_row(login.username, login.role, login.password, login.note)
    console = Console()
    console.print(table)
    if base_url:
        console.print(f"API docs: {base_url}/docs   (token: POST {base_url}/api/v1/auth/token)")
