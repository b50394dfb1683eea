"""Demo employees: invented people placed into the demo positions, with assignment and rank history."""

from __future__ import annotations

import random
import uuid
from datetime import date
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from asn_api.demo.people import PersonSeed, generate_people
from asn_api.domain.retirement import RetirementAges, retirement_age, retirement_date
from asn_api.employees.models import EmployeeAssignment, EmployeeRank
from asn_api.employees.repository import EmployeeRepository

DEMO_PEOPLE = 2000
FILL_RATE = 0.9  # most slots are held; the rest make vacancies and shortages worth looking at
_MANAGERIAL = ("jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas")


def _rank_date(person: PersonSeed) -> date:
    """The last regular promotion date (1 April / 1 October) at least a year after starting."""
    start = person.civil_service_start
    year = max(start.year + 1, 2020)
    return date(year, 4, 1) if date(year, 4, 1) >= start else date(year, 10, 1)


def _suits(person: PersonSeed, position: dict[str, Any]) -> bool:
    if position["kind"] in _MANAGERIAL or position["kind"] == "fungsional":
        return person.employment_type in ("pns", "cpns") or position["kind"] == "fungsional"
    return True


def place_people(positions: list[dict[str, Any]], count: int = DEMO_PEOPLE) -> list[tuple[PersonSeed, Any]]:
    """Pair people with position slots (or None for no position), deterministically."""
    rng = random.Random(7)  # noqa: S311 - demo data, not security
    people = generate_people(count)
    waiting = list(people)
    placed: list[tuple[PersonSeed, Any]] = []
    for position in sorted(positions, key=lambda p: (-p["grade"], p["code"])):
        for _ in range(position["required_headcount"]):
            if rng.random() > FILL_RATE:
                continue
            match = next((p for p in waiting if _suits(p, position)), None)
            if match is None:
                break
            waiting.remove(match)
            placed.append((match, position))
    return placed + [(person, None) for person in waiting]


def employee_rows(placed: list[tuple[PersonSeed, Any]]) -> tuple[list[dict[str, Any]], ...]:
    ages = RetirementAges()
    employees: list[dict[str, Any]] = []
    assignments: list[dict[str, Any]] = []
    ranks: list[dict[str, Any]] = []
    for person, position in placed:
        employee_id = uuid.uuid4()
        since = max(person.civil_service_start, date(2021, 1, 4))
        age = retirement_age(position["kind"] if position else None,
                             position["functional_level"] if position else None, ages)
        employees.append({
            "id": employee_id, "nip": person.nip, "full_name": person.full_name,
            "front_title": person.front_title, "back_title": person.back_title, "gender": person.gender,
            "birth_date": person.birth_date, "birth_place": person.birth_place,
            "employment_type": person.employment_type, "rank": person.rank,
            "rank_effective_date": _rank_date(person), "civil_service_start": person.civil_service_start,
            "education_level": person.education_level, "email": person.email, "status": "active",
            "status_date": None, "position_id": position["id"] if position else None,
            "org_unit_id": position["org_unit_id"] if position else None,
            "position_since": since if position else None,
            "retirement_date": retirement_date(person.birth_date, age),
            "nik": person.nik, "phone": person.phone, "address": person.address, "version": 1,
        })
        if position:
            assignments.append({
                "id": uuid.uuid4(), "employee_id": employee_id, "position_id": position["id"],
                "org_unit_id": position["org_unit_id"], "kind": "initial", "effective_date": since,
                "end_date": None, "decree_number": f"800/{len(assignments) + 1:04d}/BKPSDM/{since.year}",
                "decree_date": since,
            })
        ranks.append({"id": uuid.uuid4(), "employee_id": employee_id, "rank": person.rank,
                      "effective_date": _rank_date(person), "kind": "regular", "decree_number": None})
    return employees, assignments, ranks


async def seed_people(session: AsyncSession, positions: list[dict[str, Any]]) -> None:
    employees, assignments, ranks = employee_rows(place_people(positions))
    await EmployeeRepository(session).add_many(employees)
    await session.execute(insert(EmployeeAssignment), assignments)
    await session.execute(insert(EmployeeRank), ranks)
