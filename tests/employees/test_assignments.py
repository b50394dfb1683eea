"""Assignment history: initial and later assignments, capacity, abolished positions, scope, BUP."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from asn_api.core.journal import Change
from asn_api.employees.models import EmployeeAssignment
from tests.employees.helpers import field_problem
from tests.factories import make_employee, make_org_unit, make_position_row, place_employee, problem


@pytest.fixture
async def unit(db):
    return await make_org_unit(db)


async def _assign(client, url, headers, employee_id, position_id, effective, kind="initial", **params):
    body = {"position_id": str(position_id), "effective_date": effective, "kind": kind,
            "decree_number": "800/1/BKPSDM", "decree_date": effective}
    return await client.post(url("create_employee_assignment", employee_id=employee_id), json=body,
                             params=params, headers=headers)


async def _incumbents(db, position_id) -> int:
    row = (await db.execute(text("SELECT incumbents FROM position_incumbents WHERE position_id = :p"),
                            {"p": position_id})).scalar()
    return int(row or 0)


async def test_initial_then_promotion_closes_the_first(client, url, hr, db, unit):
    staff = await make_position_row(db, unit.id)
    child = await make_org_unit(db, parent_id=unit.id)
    head = await make_position_row(db, child.id, kind="pengawas", grade=8)
    employee = await make_employee(db)

    first = await _assign(client, url, hr, employee.id, staff.id, "2020-01-02")
    assert first.status_code == 201, first.text
    assert first.headers["location"].endswith(url("list_employee_assignments", employee_id=employee.id))
    assert first.json()["end_date"] is None and first.json()["org_unit_id"] == str(unit.id)
    read = (await client.get(url("get_employee", employee_id=employee.id), headers=hr)).json()
    assert (read["position_id"], read["org_unit_id"], read["position_since"]) == (
        str(staff.id), str(unit.id), "2020-01-02")
    assert read["version"] == 2

    second = await _assign(client, url, hr, employee.id, head.id, "2024-07-01", kind="promotion")
    assert second.status_code == 201, second.text
    history = (await client.get(url("list_employee_assignments", employee_id=employee.id), headers=hr)).json()
    assert [(a["position_id"], a["effective_date"], a["end_date"], a["kind"]) for a in history["items"]] == [
        (str(head.id), "2024-07-01", None, "promotion"),
        (str(staff.id), "2020-01-02", "2024-07-01", "initial"),
    ]
    assert history["next_cursor"] is None
    read = (await client.get(url("get_employee", employee_id=employee.id), headers=hr)).json()
    assert (read["position_id"], read["org_unit_id"], read["position_since"]) == (
        str(head.id), str(child.id), "2024-07-01")
    assert await _incumbents(db, staff.id) == 0 and await _incumbents(db, head.id) == 1

    resources = (await db.execute(select(Change.resource, Change.action).where(
        Change.resource_id.in_([str(employee.id), second.json()["id"], first.json()["id"]])))).all()
    assert sorted(resources) == sorted([
        ("employee", "updated"), ("employee", "updated"), ("employee_assignment", "created"),
        ("employee_assignment", "created"), ("employee_assignment", "updated"),
    ])


async def test_effective_date_before_current_is_422_and_changes_nothing(client, url, hr, db, unit):
    a = await make_position_row(db, unit.id)
    b = await make_position_row(db, unit.id)
    employee = await make_employee(db)
    assert (await _assign(client, url, hr, employee.id, a.id, "2022-03-01")).status_code == 201
    response = await _assign(client, url, hr, employee.id, b.id, "2022-02-28", kind="rotation")
    field_problem(response, "effective_date", "before_current_assignment")
    rows = await db.execute(select(EmployeeAssignment).where(EmployeeAssignment.employee_id == employee.id))
    assert len(rows.all()) == 1
    # The same day is allowed (a same-day correction); the first assignment then lasts zero days.
    same_day = await _assign(client, url, hr, employee.id, b.id, "2022-03-01", kind="rotation")
    assert same_day.status_code == 201


async def test_abolished_position_is_409(client, url, hr, db, unit):
    gone = await make_position_row(db, unit.id, status="abolished", abolished_on=date(2024, 1, 1))
    employee = await make_employee(db)
    problem(await _assign(client, url, hr, employee.id, gone.id, "2024-02-01"), 409, "position_abolished")


async def test_unknown_position_is_404(client, url, hr, db):
    employee = await make_employee(db)
    problem(await _assign(client, url, hr, employee.id, "5b1f6d0e-8a43-4c1e-9d0a-2f4d3c1b0a99", "2024-02-01"),
            404, "position_not_found")


async def test_full_position_is_409_unless_over_capacity_is_allowed(client, url, hr, db, unit):
    seat = await make_position_row(db, unit.id, required_headcount=2)
    for _ in range(2):
        await place_employee(db, await make_employee(db), seat)
    newcomer = await make_employee(db)
    body = problem(await _assign(client, url, hr, newcomer.id, seat.id, "2025-01-02"), 409, "position_full")
    assert (body["required_headcount"], body["incumbents"]) == (2, 2)
    allowed = await _assign(client, url, hr, newcomer.id, seat.id, "2025-01-02", allow_over_capacity="true")
    assert allowed.status_code == 201, allowed.text
    assert await _incumbents(db, seat.id) == 3


async def test_capacity_ignores_the_employee_itself_and_inactive_holders(client, url, hr, db, unit):
    seat = await make_position_row(db, unit.id)
    holder = await make_employee(db)
    await place_employee(db, holder, seat, since=date(2021, 1, 4))
    await make_employee(db, status="retired", status_date=date(2020, 1, 1))
    # Re-assigning the only holder to the same one-seat position (a new decree) is not "over capacity".
    again = await _assign(client, url, hr, holder.id, seat.id, "2023-01-02", kind="equalization")
    assert again.status_code == 201, again.text
    zero = await make_position_row(db, unit.id, required_headcount=0)
    problem(await _assign(client, url, hr, (await make_employee(db)).id, zero.id, "2023-01-02"), 409,
            "position_full")


async def test_employee_who_left_service_cannot_be_assigned(client, url, hr, db, unit):
    seat = await make_position_row(db, unit.id)
    retired = await make_employee(db, status="retired", status_date=date(2024, 12, 1))
    problem(await _assign(client, url, hr, retired.id, seat.id, "2025-01-02"), 409, "employee_not_active")


@pytest.mark.parametrize(("kind", "level", "age", "expected"), [
    ("jpt_pratama", None, 60, "2030-04-01"),
    ("jpt_madya", None, 60, "2030-04-01"),
    ("administrator", None, 58, "2028-04-01"),
    ("pelaksana", None, 58, "2028-04-01"),
    ("fungsional", "ahli_utama", 65, "2035-04-01"),
    ("fungsional", "ahli_madya", 60, "2030-04-01"),
    ("fungsional", "ahli_muda", 58, "2028-04-01"),
])
async def test_retirement_date_follows_the_position(client, url, hr, db, unit, kind, level, age, expected):
    track = {"ahli_utama": "keahlian", "ahli_madya": "keahlian", "ahli_muda": "keahlian"}.get(level or "")
    position = await make_position_row(db, unit.id, kind=kind, functional_track=track, functional_level=level,
                                       grade=12)
    employee = await make_employee(db, birth_date=date(1970, 3, 15))
    assert (await _assign(client, url, hr, employee.id, position.id, "2024-01-02")).status_code == 201
    read = (await client.get(url("get_employee", employee_id=employee.id), headers=hr)).json()
    assert read["retirement_date"] == expected

    # Correcting the birth date recomputes it for the same position (NIP must follow, so change both).
    from tests.factories import employee_identity

    identity = employee_identity(987, birth_date=date(1971, 12, 31))
    patch = await client.patch(url("update_employee", employee_id=employee.id), headers=hr, json={
        "nip": identity["nip"], "birth_date": "1971-12-31", "nik": identity["nik"],
        "civil_service_start": identity["civil_service_start"].isoformat()})
    assert patch.status_code == 200, patch.text
    assert patch.json()["retirement_date"] == f"{1971 + age + 1}-01-01"


async def test_retirement_ages_come_from_settings(client, url, hr, db, unit, app):
    app.state.settings = app.state.settings.model_copy(update={"retirement_age_jpt": 62})
    position = await make_position_row(db, unit.id, kind="jpt_pratama", grade=14)
    employee = await make_employee(db, birth_date=date(1970, 3, 15))
    assert (await _assign(client, url, hr, employee.id, position.id, "2024-01-02")).status_code == 201
    read = (await client.get(url("get_employee", employee_id=employee.id), headers=hr)).json()
    assert read["retirement_date"] == "2032-04-01"


async def test_unit_admin_assigns_only_inside_its_subtree(client, url, token_for, db):
    root = await make_org_unit(db)
    child = await make_org_unit(db, parent_id=root.id)
    elsewhere = await make_org_unit(db)
    inside = await make_position_row(db, child.id)
    outside = await make_position_row(db, elsewhere.id)
    mine = await make_employee(db, org_unit_id=root.id)
    theirs = await make_employee(db, org_unit_id=elsewhere.id)
    headers = token_for("unit_admin", unit=root.id)

    problem(await _assign(client, url, headers, mine.id, outside.id, "2025-01-02"), 404,
            "position_not_found")
    problem(await _assign(client, url, headers, theirs.id, inside.id, "2025-01-02"), 404,
            "employee_not_found")
    problem(await client.get(url("list_employee_assignments", employee_id=theirs.id), headers=headers), 404,
            "employee_not_found")
    assert (await _assign(client, url, headers, mine.id, inside.id, "2025-01-02")).status_code == 201


async def test_leaving_service_ends_the_assignment_and_frees_the_seat(client, url, hr, db, unit):
    seat = await make_position_row(db, unit.id, kind="jpt_pratama", grade=14)
    employee = await make_employee(db, birth_date=date(1970, 3, 15))
    assert (await _assign(client, url, hr, employee.id, seat.id, "2021-01-04")).status_code == 201
    assert await _incumbents(db, seat.id) == 1

    too_early = await client.patch(url("update_employee", employee_id=employee.id), headers=hr,
                                   json={"status": "resigned", "status_date": "2020-12-31"})
    field_problem(too_early, "status_date", "before_current_assignment")
    missing_date = await client.patch(url("update_employee", employee_id=employee.id), headers=hr,
                                      json={"status": "resigned"})
    field_problem(missing_date, "status_date", "required")

    left = await client.patch(url("update_employee", employee_id=employee.id), headers=hr,
                              json={"status": "resigned", "status_date": "2025-06-30"})
    assert left.status_code == 200, left.text
    body = left.json()
    assert (body["status"], body["status_date"]) == ("resigned", "2025-06-30")
    assert (body["position_id"], body["org_unit_id"], body["position_since"]) == (None, None, None)
    assert body["retirement_date"] == "2028-04-01"  # no position any more: the default age
    history = (await client.get(url("list_employee_assignments", employee_id=employee.id), headers=hr)).json()
    assert history["items"][0]["end_date"] == "2025-06-30"
    assert await _incumbents(db, seat.id) == 0
    # Moving between "left" statuses later needs no open assignment.
    deceased = await client.patch(url("update_employee", employee_id=employee.id), headers=hr,
                                  json={"status": "deceased", "status_date": "2026-01-10"})
    assert deceased.status_code == 200, deceased.text


async def test_future_effective_date_is_refused(client, db, token_for):
    from datetime import timedelta

    from asn_api.core import clock
    from tests.factories import make_employee, make_org_unit, make_position_row

    unit = await make_org_unit(db)
    position = await make_position_row(db, unit.id, required_headcount=2)
    employee = await make_employee(db)
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    response = await client.post(f"/api/v1/employees/{employee.id}/assignments",
                                 json={"position_id": str(position.id), "effective_date": tomorrow,
                                       "kind": "initial"}, headers=token_for("hr"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "effective_date"]
    shown = (await client.get(f"/api/v1/positions/{position.id}", headers=token_for("hr"))).json()
    assert shown["incumbents"] == 0
