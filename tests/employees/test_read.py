"""Reading employees: PII visibility per caller, row scope per role, by-nip, search, sort, pagination."""

from __future__ import annotations

from datetime import date

import pytest

from tests.employees.helpers import PII
from tests.factories import make_employee, make_org_unit, problem


@pytest.fixture
async def placed(db):
    """An employee in a unit under a parent unit, plus an unrelated unit."""
    parent = await make_org_unit(db)
    unit = await make_org_unit(db, parent_id=parent.id)
    other = await make_org_unit(db)
    employee = await make_employee(db, org_unit_id=unit.id, full_name="Rina Br Ginting")
    return {"parent": parent, "unit": unit, "other": other, "employee": employee}


def _callers(token_for, placed):
    e, unit, parent, other = placed["employee"], placed["unit"], placed["parent"], placed["other"]
    return {
        "admin": (token_for("admin"), True),
        "hr": (token_for("hr"), True),
        "unit_admin of the unit": (token_for("unit_admin", unit=unit.id), True),
        "unit_admin of the parent": (token_for("unit_admin", unit=parent.id), True),
        "the employee itself": (token_for("employee", employee=e.id), True),
        "client with read_pii": (token_for("client", scopes=["employees:read", "employees:read_pii"]), True),
        "client without read_pii": (token_for("client", scopes=["employees:read"]), False),
        "unit_admin of another unit": (token_for("unit_admin", unit=other.id), None),
        "another employee": (token_for("employee", employee=other.id), None),
    }


CALLERS = ["admin", "hr", "unit_admin of the unit", "unit_admin of the parent", "the employee itself",
           "client with read_pii", "client without read_pii", "unit_admin of another unit",
           "another employee"]


@pytest.mark.parametrize("caller", CALLERS)
async def test_pii_and_scope_per_caller(client, url, token_for, placed, caller):
    """True: visible with PII; False: visible, PII keys absent; None: out of scope (404 / not listed)."""
    headers, expected = _callers(token_for, placed)[caller]
    e = placed["employee"]
    single = await client.get(url("get_employee", employee_id=e.id), headers=headers)
    by_nip = await client.get(url("get_employee_by_nip", nip=e.nip), headers=headers)
    listed = await client.get(url("list_employees"), headers=headers)
    assert listed.status_code == 200
    items = [i for i in listed.json()["items"] if i["id"] == str(e.id)]
    if expected is None:
        problem(single, 404, "employee_not_found")
        problem(by_nip, 404, "employee_not_found")
        assert items == []
        return
    assert single.status_code == 200 and by_nip.status_code == 200
    assert single.headers["etag"] == f'"{e.version}"'
    for body in (single.json(), by_nip.json(), items[0]):
        assert body["id"] == str(e.id) and body["position_id"] is None  # non-PII keys present, even null
        assert "front_title" in body and body["front_title"] is None
        if expected:
            assert (body["nik"], body["phone"], body["address"]) == (e.nik, e.phone, e.address)
        else:
            assert not set(PII) & set(body), body


async def test_null_pii_is_present_as_null_for_allowed_callers(client, url, hr, db):
    e = await make_employee(db, nik=None, phone=None, address=None)
    body = (await client.get(url("get_employee", employee_id=e.id), headers=hr)).json()
    assert {k: body[k] for k in PII} == dict.fromkeys(PII)


async def test_employee_role_sees_only_itself(client, url, token_for, db):
    me = await make_employee(db)
    await make_employee(db)
    headers = token_for("employee", employee=me.id)
    listed = (await client.get(url("list_employees"), headers=headers)).json()
    assert [i["id"] for i in listed["items"]] == [str(me.id)]
    for name in ("get_employee", "list_employee_assignments", "list_employee_ranks"):
        assert (await client.get(url(name, employee_id=me.id), headers=headers)).status_code == 200
    patch = await client.patch(url("update_employee", employee_id=me.id), json={"phone": "+62 811 1"},
                               headers=headers)
    problem(patch, 403, "permission_denied")


async def test_unit_admin_scope_includes_descendants_only(client, url, token_for, db):
    root = await make_org_unit(db)
    child = await make_org_unit(db, parent_id=root.id)
    sibling = await make_org_unit(db)
    inside = await make_employee(db, org_unit_id=child.id)
    outside = await make_employee(db, org_unit_id=sibling.id)
    unassigned = await make_employee(db)
    headers = token_for("unit_admin", unit=root.id)
    listed = (await client.get(url("list_employees"), headers=headers)).json()
    assert [i["id"] for i in listed["items"]] == [str(inside.id)]
    for target in (outside, unassigned):
        for name in ("get_employee", "list_employee_assignments", "list_employee_ranks"):
            problem(await client.get(url(name, employee_id=target.id), headers=headers), 404,
                    "employee_not_found")
        patch = await client.patch(url("update_employee", employee_id=target.id), json={"full_name": "X"},
                                   headers=headers)
        problem(patch, 404, "employee_not_found")
    # Filtering by a unit outside the scope shows nothing rather than widening it.
    filtered = await client.get(url("list_employees"), params={"org_unit_id": str(sibling.id)},
                                headers=headers)
    assert filtered.json()["items"] == []


async def test_unknown_employee_is_404(client, url, hr):
    unknown = "5b1f6d0e-8a43-4c1e-9d0a-2f4d3c1b0a99"
    problem(await client.get(url("get_employee", employee_id=unknown), headers=hr), 404, "employee_not_found")
    problem(await client.get(url("get_employee_by_nip", nip="198609262015051001"), headers=hr), 404,
            "employee_not_found")
    assert (await client.get(url("get_employee_by_nip", nip="12345"), headers=hr)).status_code == 422


async def test_reading_needs_a_token(client, url):
    assert (await client.get(url("list_employees"))).status_code == 401


async def test_search_by_name_and_nip_prefix(client, url, hr, db):
    andi = await make_employee(db, full_name="Andi Siregar", birth_date=date(1981, 2, 3))
    await make_employee(db, full_name="Budi Ginting", birth_date=date(1982, 4, 5))
    siti = await make_employee(db, full_name="Siti Sembiring", birth_date=date(1983, 6, 7), gender="female")

    async def names(q: str) -> list[str]:
        response = await client.get(url("list_employees"), params={"q": q}, headers=hr)
        assert response.status_code == 200, response.text
        return [i["full_name"] for i in response.json()["items"]]

    assert await names("sire") == ["Andi Siregar"]
    assert await names("SEMBI") == ["Siti Sembiring"]
    assert await names("in") == ["Budi Ginting", "Siti Sembiring"]
    assert await names(andi.nip[:8]) == ["Andi Siregar"]
    assert await names(siti.nip) == ["Siti Sembiring"]
    assert await names("1983") == ["Siti Sembiring"]  # digits: a NIP prefix, not a substring
    assert await names("%") == []  # LIKE wildcards are matched literally


async def test_filters(client, url, hr, db):
    unit = await make_org_unit(db)
    child = await make_org_unit(db, parent_id=unit.id)
    a = await make_employee(db, org_unit_id=unit.id, rank="III/a")
    b = await make_employee(db, org_unit_id=child.id, employment_type="pppk", rank="IX")
    c = await make_employee(db, status="retired", status_date=date(2025, 1, 1))

    async def ids(**params) -> set[str]:
        response = await client.get(url("list_employees"), params=params, headers=hr)
        assert response.status_code == 200, response.text
        return {i["id"] for i in response.json()["items"]}

    assert await ids(org_unit_id=str(unit.id)) == {str(a.id)}
    assert await ids(org_unit_id=str(unit.id), include_descendants="true") == {str(a.id), str(b.id)}
    assert str(b.id) in await ids(employment_type="pppk")
    assert str(a.id) not in await ids(employment_type="pppk")
    assert await ids(rank="IX", org_unit_id=str(child.id)) == {str(b.id)}
    assert await ids(status="retired") == {str(c.id)}
    assert (await client.get(url("list_employees"), params={"status": "gone"}, headers=hr)).status_code == 422


async def test_pagination_and_sorts(client, url, hr, db):
    people = [await make_employee(db, full_name=f"Pegawai Urut {i:02d}", birth_date=date(1975, 1, 1 + i))
              for i in range(7)]

    async def walk(sort: str) -> list[str]:
        seen, cursor = [], None
        while True:
            params = {"limit": 3, "sort": sort, **({"cursor": cursor} if cursor else {})}
            page = (await client.get(url("list_employees"), params=params, headers=hr)).json()
            assert len(page["items"]) <= 3
            seen += [i["full_name"] for i in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                return seen

    names = [p.full_name for p in people]
    assert await walk("full_name") == names
    assert await walk("-birth_date") == names[::-1]
    assert await walk("nip") == [p.full_name for p in sorted(people, key=lambda p: p.nip)]
    assert await walk("-updated_at") != []
    last = (await client.get(url("list_employees"), params={"limit": 7}, headers=hr)).json()
    assert last["next_cursor"] is None  # the key is present even when null

    bad_sort = await client.get(url("list_employees"), params={"sort": "nik"}, headers=hr)
    problem(bad_sort, 422, "validation_failed")
    first = (await client.get(url("list_employees"), params={"limit": 3}, headers=hr)).json()
    other_sort = await client.get(url("list_employees"),
                                  params={"cursor": first["next_cursor"], "sort": "nip"}, headers=hr)
    assert other_sort.status_code == 422


async def test_list_costs_the_same_number_of_queries_for_5_and_50_rows(client, url, token_for, db,
                                                                        count_queries):
    unit = await make_org_unit(db)
    for _ in range(55):
        await make_employee(db, org_unit_id=unit.id)
    for headers in (token_for("hr"), token_for("unit_admin", unit=unit.id)):
        counts = {}
        for limit in (5, 50):
            with count_queries() as counter:
                response = await client.get(url("list_employees"), params={"limit": limit}, headers=headers)
            assert len(response.json()["items"]) == limit
            counts[limit] = counter.count
        assert 1 <= counts[5] == counts[50]
