"""Rank history: entries are kept; only the latest becomes the employee's current rank."""

from __future__ import annotations

from datetime import date

from tests.employees.helpers import field_problem
from tests.factories import make_employee, make_org_unit, problem


async def _rank(client, url, headers, employee_id, rank, effective, kind="regular"):
    return await client.post(url("create_employee_rank", employee_id=employee_id), headers=headers,
                             json={"rank": rank, "effective_date": effective, "kind": kind,
                                   "decree_number": f"823/{rank}/{effective}"})


async def _current(client, url, headers, employee_id):
    body = (await client.get(url("get_employee", employee_id=employee_id), headers=headers)).json()
    return body["rank"], body["rank_effective_date"]


async def test_latest_rank_becomes_current_and_older_only_completes_history(client, url, hr, db):
    employee = await make_employee(db)
    created = await _rank(client, url, hr, employee.id, "III/a", "2016-04-01")
    assert created.status_code == 201, created.text
    assert created.headers["location"].endswith(url("list_employee_ranks", employee_id=employee.id))
    assert await _current(client, url, hr, employee.id) == ("III/a", "2016-04-01")

    assert (await _rank(client, url, hr, employee.id, "III/c", "2024-04-01")).status_code == 201
    assert await _current(client, url, hr, employee.id) == ("III/c", "2024-04-01")

    older = await _rank(client, url, hr, employee.id, "III/b", "2020-10-01", kind="selection")
    assert older.status_code == 201
    assert await _current(client, url, hr, employee.id) == ("III/c", "2024-04-01")

    history = (await client.get(url("list_employee_ranks", employee_id=employee.id), headers=hr)).json()
    assert [(r["rank"], r["effective_date"], r["kind"]) for r in history["items"]] == [
        ("III/c", "2024-04-01", "regular"), ("III/b", "2020-10-01", "selection"),
        ("III/a", "2016-04-01", "regular"),
    ]


async def test_rank_history_pages(client, url, hr, db):
    employee = await make_employee(db)
    for year in range(2010, 2015):
        assert (await _rank(client, url, hr, employee.id, "II/a", f"{year}-04-01")).status_code == 201
    first = (await client.get(url("list_employee_ranks", employee_id=employee.id), params={"limit": 3},
                              headers=hr)).json()
    second = (await client.get(url("list_employee_ranks", employee_id=employee.id),
                               params={"limit": 3, "cursor": first["next_cursor"]}, headers=hr)).json()
    dates = [r["effective_date"] for r in first["items"] + second["items"]]
    assert dates == [f"{y}-04-01" for y in range(2014, 2009, -1)] and second["next_cursor"] is None


async def test_rank_must_fit_the_employment_type(client, url, hr, db):
    pppk = await make_employee(db, employment_type="pppk")
    field_problem(await _rank(client, url, hr, pppk.id, "III/a", "2024-04-01"), "rank", "rank_invalid")
    assert (await _rank(client, url, hr, pppk.id, "IX", "2024-04-01")).status_code == 201
    pns = await make_employee(db)
    field_problem(await _rank(client, url, hr, pns.id, "IX", "2024-04-01"), "rank", "rank_invalid")
    bad_kind = await client.post(url("create_employee_rank", employee_id=pns.id), headers=hr,
                                 json={"rank": "III/a", "effective_date": "2024-04-01", "kind": "bribe"})
    field_problem(bad_kind, "kind")


async def test_ranks_are_scoped_like_the_employee(client, url, token_for, db):
    unit = await make_org_unit(db)
    other = await make_org_unit(db)
    theirs = await make_employee(db, org_unit_id=other.id, rank="III/a", rank_effective_date=date(2016, 4, 1))
    headers = token_for("unit_admin", unit=unit.id)
    problem(await _rank(client, url, headers, theirs.id, "III/b", "2024-04-01"), 404, "employee_not_found")
    employee = token_for("employee", employee=theirs.id)
    problem(await _rank(client, url, employee, theirs.id, "III/b", "2024-04-01"), 403, "permission_denied")
