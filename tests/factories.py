"""Small typed builders for test data, written straight through the ORM (the API is what is tested)."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.auth.models import ApiClient, User
from asn_api.org_units.models import OrgUnit

PASSWORD = "correct horse battery staple"
# Argon2id at its production cost takes 50–300 ms a hash, and the suite hashes hundreds of times; the
# conftest makes the service use this same algorithm at its minimum cost for the test session.
TEST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD_HASH = TEST_HASHER.hash(PASSWORD)
_counter = itertools.count(1)


async def make_org_unit(db: AsyncSession, **values: Any) -> OrgUnit:
    n = next(_counter)
    unit = OrgUnit(**{"code": f"UNIT-{n:05d}", "name": f"Unit {n}", "kind": "office", **values})
    db.add(unit)
    await db.flush()
    return unit


async def make_user(db: AsyncSession, role: str = "hr", **values: Any) -> User:
    n = next(_counter)
    user = User(**{"username": f"user{n}", "password_hash": PASSWORD_HASH, "role": role, **values})
    db.add(user)
    await db.flush()
    return user


async def make_api_client(db: AsyncSession, scopes: list[str], secret: str = PASSWORD) -> ApiClient:
    client = ApiClient(name=f"client {next(_counter)}", client_id=f"asn_{uuid.uuid4().hex[:24]}",
                       secret_hash=TEST_HASHER.hash(secret), scopes=scopes)
    db.add(client)
    await db.flush()
    return client


def problem(response: Any, status: int, code: str) -> dict[str, Any]:
    """Assert `response` is an RFC 9457 problem with this status and code; return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["code"] == code, body
    assert body["type"].endswith("/" + code)
    assert body["title"] and body["detail"]
    assert body["request_id"] == response.headers["x-request-id"]
    return body


# --- employees (imports are local so that appending here never touches the header others edit) ---

async def make_position_row(db: AsyncSession, org_unit_id: uuid.UUID, **values: Any) -> Any:
    """A position inserted straight into `positions` (kind pelaksana, one seat, active unless told)."""
    from asn_api.positions.models import Position

    n = next(_counter)
    position = Position(**{"code": f"EMP-POS-{n:05d}", "title": f"Jabatan {n}", "kind": "pelaksana",
                           "grade": 5, "org_unit_id": org_unit_id, "required_headcount": 1,
                           "status": "active", **values})
    db.add(position)
    await db.flush()
    return position


def employee_identity(n: int, *, gender: str = "male", employment_type: str = "pns",
                      birth_date: Any = None, civil_service_start: Any = None) -> dict[str, Any]:
    """Consistent nip/nik/birth_date/civil_service_start for the n-th test employee (unique NIP per n)."""
    from datetime import date, timedelta

    from asn_api.domain.nik import build_nik
    from asn_api.domain.nip import build_nip

    birth_date = birth_date or date(1970, 1, 1) + timedelta(days=n * 7 % 9000)
    start = civil_service_start or date(2015, 5, 1)
    return {
        "nip": build_nip(birth_date, gender, employment_type=employment_type, appointment=start,
                         sequence=n % 999 + 1),
        "nik": build_nik(birth_date, gender, sequence=n % 9999 + 1),
        "gender": gender, "birth_date": birth_date, "employment_type": employment_type,
        "civil_service_start": start if employment_type in ("pns", "cpns") else None,
    }


async def make_employee(db: AsyncSession, *, gender: str = "male", employment_type: str = "pns",
                        birth_date: Any = None, civil_service_start: Any = None, **values: Any) -> Any:
    """An active employee with a valid NIP and NIK and no position (retirement_date at the default 58)."""
    from asn_api.domain.retirement import retirement_date
    from asn_api.employees.models import Employee

    n = next(_counter)
    identity = employee_identity(n, gender=gender, employment_type=employment_type, birth_date=birth_date,
                                 civil_service_start=civil_service_start)
    employee = Employee(**{
        **identity, "full_name": f"Pegawai {n:05d}", "phone": "+62 812 0000 0000",
        "address": "Jl. Sudirman 1",
        "retirement_date": retirement_date(identity["birth_date"], 58), **values,
    })
    db.add(employee)
    await db.flush()
    return employee


async def place_employee(db: AsyncSession, employee: Any, position: Any, since: Any = None,
                         kind: str = "initial") -> Any:
    """Give `employee` a current assignment in `position` (and mirror it on the employee row)."""
    from datetime import date

    from asn_api.employees.models import EmployeeAssignment

    since = since or date(2020, 1, 1)
    assignment = EmployeeAssignment(employee_id=employee.id, position_id=position.id,
                                    org_unit_id=position.org_unit_id, kind=kind, effective_date=since)
    db.add(assignment)
    employee.position_id, employee.org_unit_id = position.id, position.org_unit_id
    employee.position_since = since
    await db.flush()
    return assignment
