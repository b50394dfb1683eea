"""Builders for positions tests: positions and occupants written straight through the ORM."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from asn_api.domain.nip import build_nip
from asn_api.employees.models import Employee
from asn_api.positions.models import Position

_seq = itertools.count(1)


async def make_position(db: Any, org_unit_id: Any, **values: Any) -> Position:
    n = next(_seq)
    position = Position(**{
        "code": f"POS-{n:05d}", "title": f"Pengadministrasi {n}", "kind": "pelaksana", "grade": 5,
        "org_unit_id": org_unit_id, "required_headcount": 1, "headcount_basis": "manual", "status": "active",
        **values,
    })
    db.add(position)
    await db.flush()
    return position


async def seat(db: Any, position: Position, *, birth_date: date = date(1980, 5, 17),
               retirement_date: date = date(2038, 6, 1), status: str = "active") -> Employee:
    """An employee holding `position` (the assignment history is the employees feature's business)."""
    n = next(_seq)
    employee = Employee(
        nip=build_nip(birth_date, "male", appointment=date(2005, 3, 1), sequence=n % 999 + 1),
        full_name=f"Pegawai {n}", gender="male", birth_date=birth_date, employment_type="pns",
        civil_service_start=date(2005, 3, 1), status=status,
        status_date=None if status == "active" else date(2026, 1, 1),
        position_id=position.id if status == "active" else None,
        org_unit_id=position.org_unit_id if status == "active" else None,
        position_since=date(2020, 1, 1) if status == "active" else None,
        retirement_date=retirement_date,
    )
    db.add(employee)
    await db.flush()
    return employee
