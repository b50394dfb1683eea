"""/org-units (api.md §3): CRUD, unique code, parent rules (no cycles), delete guard, filters, tree."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
from sqlalchemy import func, select

from asn_api.org_units.models import OrgUnit
from tests.factories import make_org_unit, make_user, problem


@pytest.fixture
def hr(token_for):
    return token_for("hr")


async def _count(db) -> int:
    return (await db.execute(select(func.count()).select_from(OrgUnit))).scalar_one()


async def test_create_read_update_delete(app, client, db, hr):
    parent = await make_org_unit(db, kind="agency")
    body = {"code": "PKM-RAMBUNG", "name": "Puskesmas Rambung", "kind": "health_center",
            "parent_id": str(parent.id), "is_service_unit": True}
    created = await client.post(app.url_path_for("create_org_unit"), json=body, headers=hr)
    assert created.status_code == 201, created.text
    unit = created.json()
    assert {k: unit[k] for k in body} == body
    assert unit["is_active"] is True and unit["version"] == 1
    assert unit["created_at"] and unit["updated_at"]
    url = app.url_path_for("get_org_unit", unit_id=unit["id"])
    assert (await client.get(url, headers=hr)).json() == unit

    patched = await client.patch(url, json={"name": "UPT Puskesmas Rambung", "is_active": False}, headers=hr)
    assert patched.status_code == 200, patched.text
    assert patched.json()["name"] == "UPT Puskesmas Rambung" and patched.json()["is_active"] is False
    assert patched.json()["code"] == "PKM-RAMBUNG" and patched.json()["parent_id"] == str(parent.id)

    assert (await client.delete(url, headers=hr)).status_code == 204
    problem(await client.get(url, headers=hr), 404, "org_unit_not_found")


async def test_defaults_on_create(app, client, hr):
    response = await client.post(app.url_path_for("create_org_unit"),
                                 json={"code": "D-1", "name": "Defaults", "kind": "other"}, headers=hr)
    unit = response.json()
    assert unit["is_service_unit"] is False and unit["is_active"] is True and unit["parent_id"] is None


async def test_server_fields_cannot_be_written(app, client, db, hr):
    unit = await make_org_unit(db)
    url = app.url_path_for("update_org_unit", unit_id=str(unit.id))
    for field, value in (("id", str(uuid.uuid4())), ("version", 9), ("created_at", "2020-01-01T00:00:00Z")):
        body = problem(await client.patch(url, json={field: value}, headers=hr), 422, "validation_failed")
        assert body["errors"][0]["loc"] == ["body", field]


async def test_duplicate_code_is_409_and_changes_nothing(app, client, db, hr):
    existing = await make_org_unit(db, code="DUP", name="Original")
    before = await _count(db)
    response = await client.post(app.url_path_for("create_org_unit"),
                                 json={"code": "DUP", "name": "Copy", "kind": "office"}, headers=hr)
    body = problem(response, 409, "org_unit_code_taken")
    assert body["errors"][0]["loc"] == ["body", "code"]
    assert await _count(db) == before
    await db.refresh(existing)
    assert existing.name == "Original"


async def test_renaming_to_a_taken_code_is_409(app, client, db, hr):
    await make_org_unit(db, code="TAKEN")
    other = await make_org_unit(db, code="FREE")
    url = app.url_path_for("update_org_unit", unit_id=str(other.id))
    problem(await client.patch(url, json={"code": "TAKEN"}, headers=hr), 409, "org_unit_code_taken")
    assert (await client.get(url, headers=hr)).json()["code"] == "FREE"


async def test_invalid_codes_are_422(app, client, hr):
    for code in ("", "-leading-dash", "has space", "x" * 65):
        response = await client.post(app.url_path_for("create_org_unit"),
                                     json={"code": code, "name": "N", "kind": "office"}, headers=hr)
        assert problem(response, 422, "validation_failed")["errors"][0]["loc"] == ["body", "code"], code


async def test_unknown_parent_is_422(app, client, db, hr):
    body = {"code": "ORPHAN", "name": "Orphan", "kind": "office", "parent_id": str(uuid.uuid4())}
    response = await client.post(app.url_path_for("create_org_unit"), json=body, headers=hr)
    error = problem(response, 422, "validation_failed")["errors"][0]
    assert error["loc"] == ["body", "parent_id"] and error["code"] == "parent_not_found"
    unit = await make_org_unit(db)
    url = app.url_path_for("update_org_unit", unit_id=str(unit.id))
    response = await client.patch(url, json={"parent_id": str(uuid.uuid4())}, headers=hr)
    assert problem(response, 422, "validation_failed")["errors"][0]["code"] == "parent_not_found"


async def test_a_cycle_is_422_naming_parent_id(app, client, db, hr):
    a = await make_org_unit(db, code="CYC-A")
    b = await make_org_unit(db, code="CYC-B", parent_id=a.id)
    c = await make_org_unit(db, code="CYC-C", parent_id=b.id)
    url = app.url_path_for("update_org_unit", unit_id=str(a.id))
    for new_parent in (c, b):
        response = await client.patch(url, json={"parent_id": str(new_parent.id)}, headers=hr)
        error = problem(response, 422, "validation_failed")["errors"][0]
        assert error["loc"] == ["body", "parent_id"] and error["code"] == "parent_cycle"
    assert (await client.get(url, headers=hr)).json()["parent_id"] is None


async def test_self_parent_is_422(app, client, db, hr):
    unit = await make_org_unit(db)
    url = app.url_path_for("update_org_unit", unit_id=str(unit.id))
    response = await client.patch(url, json={"parent_id": str(unit.id)}, headers=hr)
    error = problem(response, 422, "validation_failed")["errors"][0]
    assert error["loc"] == ["body", "parent_id"] and error["code"] == "parent_cycle"


async def test_moving_a_unit_elsewhere_and_back_to_the_root(app, client, db, hr):
    a, b = await make_org_unit(db), await make_org_unit(db)
    child = await make_org_unit(db, parent_id=a.id)
    url = app.url_path_for("update_org_unit", unit_id=str(child.id))
    moved = await client.patch(url, json={"parent_id": str(b.id)}, headers=hr)
    assert moved.json()["parent_id"] == str(b.id)
    assert (await client.patch(url, json={"parent_id": None}, headers=hr)).json()["parent_id"] is None


async def test_required_fields_cannot_be_nulled(app, client, db, hr):
    unit = await make_org_unit(db)
    url = app.url_path_for("update_org_unit", unit_id=str(unit.id))
    for field in ("code", "name", "kind", "is_service_unit", "is_active"):
        body = problem(await client.patch(url, json={field: None}, headers=hr), 422, "validation_failed")
        assert body["errors"][0]["loc"] == ["body", field], field


async def test_delete_with_children_is_409(app, client, db, hr):
    parent = await make_org_unit(db)
    await make_org_unit(db, parent_id=parent.id)
    url = app.url_path_for("delete_org_unit", unit_id=str(parent.id))
    body = problem(await client.delete(url, headers=hr), 409, "org_unit_in_use")
    assert "child" in body["detail"]
    assert (await client.get(url, headers=hr)).status_code == 200


async def test_delete_with_user_accounts_is_409(app, client, db, hr):
    unit = await make_org_unit(db)
    await make_user(db, role="unit_admin", org_unit_id=unit.id)
    url = app.url_path_for("delete_org_unit", unit_id=str(unit.id))
    problem(await client.delete(url, headers=hr), 409, "org_unit_in_use")


async def test_unknown_ids_are_404(app, client, hr):
    unit_id = str(uuid.uuid4())
    problem(await client.get(app.url_path_for("get_org_unit", unit_id=unit_id), headers=hr), 404,
            "org_unit_not_found")
    problem(await client.patch(app.url_path_for("update_org_unit", unit_id=unit_id), json={"name": "x"},
                               headers=hr), 404, "org_unit_not_found")
    problem(await client.delete(app.url_path_for("delete_org_unit", unit_id=unit_id), headers=hr), 404,
            "org_unit_not_found")
    problem(await client.get(app.url_path_for("get_org_unit_tree", unit_id=unit_id), headers=hr), 404,
            "org_unit_not_found")


async def test_filters(app, client, db, hr):
    root = await make_org_unit(db, code="F-ROOT", name="Dinas Kesehatan", kind="office")
    pkm = await make_org_unit(db, code="F-PKM", name="Puskesmas Rambung", kind="health_center",
                              parent_id=root.id)
    sec = await make_org_unit(db, code="F-SEC", name="Sekretariat Dinkes", kind="section", parent_id=root.id)
    grandchild = await make_org_unit(db, code="F-SUB", name="Subbag 100%_umum", kind="section",
                                     parent_id=sec.id)
    url = app.url_path_for("list_org_units")

    async def codes(**params):
        response = await client.get(url, params={"limit": 500, **params}, headers=hr)
        assert response.status_code == 200, response.text
        return [u["code"] for u in response.json()["items"]]

    assert await codes(parent_id=str(root.id)) == ["F-PKM", "F-SEC"]  # direct children only
    assert await codes(parent_id=str(sec.id)) == [grandchild.code]
    assert await codes(kind="health_center", q="F-") == [pkm.code]
    assert await codes(kind="section", parent_id=str(root.id)) == ["F-SEC"]
    assert await codes(q="rambung") == ["F-PKM"]  # name, case-insensitive
    assert await codes(q="f-su") == ["F-SUB"]  # code substring
    assert await codes(q="100%_") == ["F-SUB"]  # LIKE wildcards are literal
    assert await codes(q="%") == ["F-SUB"]
    problem(await client.get(url, params={"kind": "castle"}, headers=hr), 422, "validation_failed")
    problem(await client.get(url, params={"parent_id": "nope"}, headers=hr), 422, "validation_failed")


async def test_tree_is_nested(app, client, db, hr):
    root = await make_org_unit(db, code="T-0")
    b = await make_org_unit(db, code="T-2", parent_id=root.id)
    a = await make_org_unit(db, code="T-1", parent_id=root.id)
    a1 = await make_org_unit(db, code="T-1-1", parent_id=a.id)
    await make_org_unit(db, code="T-1-1-1", parent_id=a1.id)
    await make_org_unit(db, code="OUTSIDE")
    response = await client.get(app.url_path_for("get_org_unit_tree", unit_id=str(root.id)), headers=hr)
    assert response.status_code == 200, response.text

    def shape(node):
        return (node["code"], [shape(child) for child in node["children"]])

    assert shape(response.json()) == ("T-0", [("T-1", [("T-1-1", [("T-1-1-1", [])])]), ("T-2", [])])
    assert response.json()["children"][1]["id"] == str(b.id)
    leaf = await client.get(app.url_path_for("get_org_unit_tree", unit_id=str(b.id)), headers=hr)
    assert leaf.json()["children"] == [] and leaf.json()["code"] == "T-2"


async def test_tree_costs_a_fixed_number_of_queries(app, client, db, hr, count_queries):
    root = await make_org_unit(db)
    url = app.url_path_for("get_org_unit_tree", unit_id=str(root.id))
    with count_queries() as small:
        await client.get(url, headers=hr)
    parents = [root]
    for _ in range(12):
        parents.append(await make_org_unit(db, parent_id=parents[-1].id))
    with count_queries() as deep:
        response = await client.get(url, headers=hr)
    assert response.status_code == 200
    assert small.count == deep.count


@pytest.mark.concurrency
async def test_two_concurrent_moves_cannot_form_a_cycle(committed_app, token_for):
    """A under B and B under A at the same time: the tree lock lets one win, the other sees the cycle."""
    headers = token_for("hr")
    transport = httpx.ASGITransport(app=committed_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        create = committed_app.url_path_for("create_org_unit")
        a, b = [(await http.post(create, json={"code": code, "name": code, "kind": "office"},
                                 headers=headers)).json() for code in ("MV-A", "MV-B")]
        moves = [
            http.patch(committed_app.url_path_for("update_org_unit", unit_id=child["id"]),
                       json={"parent_id": parent["id"]}, headers=headers)
            for child, parent in ((a, b), (b, a))
        ]
        responses = await asyncio.gather(*moves)
        assert sorted(r.status_code for r in responses) == [200, 422]
        loser = next(r for r in responses if r.status_code == 422)
        assert loser.json()["errors"][0]["code"] == "parent_cycle"
        a_now, b_now = [(await http.get(committed_app.url_path_for("get_org_unit", unit_id=unit["id"]),
                                        headers=headers)).json() for unit in (a, b)]
    assert (a_now["parent_id"] is None) != (b_now["parent_id"] is None)
