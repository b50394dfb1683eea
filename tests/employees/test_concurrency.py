"""Real concurrent connections that commit: the position lock decides who gets the last free seat."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import pytest
from sqlalchemy import func, select, text

from asn_api.core.db import make_sessionmaker
from asn_api.employees.models import EmployeeAssignment
from tests.factories import make_employee, make_org_unit, make_position_row

pytestmark = pytest.mark.concurrency


@pytest.mark.parametrize("contenders", [2, 10])
async def test_only_one_of_many_gets_the_last_seat(committed_app, engine, token_for, contenders):
    sessionmaker = make_sessionmaker(engine)
    async with sessionmaker() as db, db.begin():
        unit = await make_org_unit(db)
        seat = await make_position_row(db, unit.id, required_headcount=1)
        people = [await make_employee(db) for _ in range(contenders)]
    hr = token_for("hr")

    transport = httpx.ASGITransport(app=committed_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        responses = await asyncio.gather(*[
            client.post(committed_app.url_path_for("create_employee_assignment", employee_id=str(p.id)),
                        headers=hr, json={"position_id": str(seat.id), "effective_date": "2025-01-02",
                                          "kind": "initial"})
            for p in people
        ])

    outcomes = Counter((r.status_code, r.json().get("code")) for r in responses)
    assert outcomes == {(201, None): 1, (409, "position_full"): contenders - 1}, outcomes
    async with sessionmaker() as db:
        incumbents = (await db.execute(
            text("SELECT incumbents FROM position_incumbents WHERE position_id = :p"), {"p": seat.id}
        )).scalar()
        open_assignments = (await db.execute(select(func.count()).select_from(EmployeeAssignment).where(
            EmployeeAssignment.position_id == seat.id, EmployeeAssignment.end_date.is_(None)))).scalar()
    assert incumbents == 1 and open_assignments == 1
