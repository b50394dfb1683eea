"""Optimistic concurrency (api.md §1): ETag on GET, If-Match on PATCH/DELETE, integer `version`."""

from __future__ import annotations

from sqlalchemy import select

from asn_api.org_units.models import OrgUnit
from tests.factories import make_org_unit, problem


async def test_get_returns_the_version_as_etag(app, client, db, token_for):
    unit = await make_org_unit(db)
    url = app.url_path_for("get_org_unit", unit_id=str(unit.id))
    response = await client.get(url, headers=token_for("hr"))
    assert response.headers["etag"] == '"1"'
    assert response.json()["version"] == 1


async def test_patch_with_current_etag_succeeds_and_bumps_version(app, client, db, token_for):
    unit = await make_org_unit(db)
    url = app.url_path_for("update_org_unit", unit_id=str(unit.id))
    headers = token_for("hr")
    etag = (await client.get(url, headers=headers)).headers["etag"]
    first = await client.patch(url, json={"name": "Renamed"}, headers={**headers, "If-Match": etag})
    assert first.status_code == 200, first.text
    assert first.json()["version"] == 2 and first.headers["etag"] == '"2"'
    second = await client.patch(url, json={"name": "Again"},
                                headers={**headers, "If-Match": first.headers["etag"]})
    assert second.json()["version"] == 3 and second.json()["name"] == "Again"
    assert (await client.get(url, headers=headers)).headers["etag"] == '"3"'


async def test_patch_with_stale_etag_is_412_and_changes_nothing(app, client, db, token_for):
    unit = await make_org_unit(db, name="Original")
    url = app.url_path_for("update_org_unit", unit_id=str(unit.id))
    headers = token_for("hr")
    stale = (await client.get(url, headers=headers)).headers["etag"]
    ok = await client.patch(url, json={"name": "First"}, headers={**headers, "If-Match": stale})
    assert ok.status_code == 200
    response = await client.patch(url, json={"name": "Second"}, headers={**headers, "If-Match": stale})
    problem(response, 412, "version_mismatch")
    current = (await client.get(url, headers=headers)).json()
    assert current["name"] == "First" and current["version"] == 2


async def test_weak_and_listed_etags_and_star_match(app, client, db, token_for):
    unit = await make_org_unit(db)
    url = app.url_path_for("update_org_unit", unit_id=str(unit.id))
    headers = token_for("hr")
    for name, if_match in (("a", 'W/"1"'), ("b", '"7", "2"'), ("c", "*")):
        response = await client.patch(url, json={"name": name}, headers={**headers, "If-Match": if_match})
        assert response.status_code == 200, if_match
    problem(await client.patch(url, json={"name": "d"}, headers={**headers, "If-Match": "3"}), 412,
            "version_mismatch")  # unquoted is not the ETag "3"


async def test_patch_without_if_match_is_last_writer_wins(app, client, db, token_for):
    unit = await make_org_unit(db)
    url = app.url_path_for("update_org_unit", unit_id=str(unit.id))
    response = await client.patch(url, json={"name": "No precondition"}, headers=token_for("hr"))
    assert response.status_code == 200 and response.json()["version"] == 2


async def test_delete_with_stale_etag_is_412_and_keeps_the_row(app, client, db, token_for):
    unit = await make_org_unit(db)
    headers = token_for("hr")
    url = app.url_path_for("delete_org_unit", unit_id=str(unit.id))
    await client.patch(url, json={"name": "bump"}, headers=headers)
    problem(await client.delete(url, headers={**headers, "If-Match": '"1"'}), 412, "version_mismatch")
    assert (await db.execute(select(OrgUnit.id).where(OrgUnit.id == unit.id))).first() is not None


async def test_delete_with_current_etag_succeeds(app, client, db, token_for):
    unit = await make_org_unit(db)
    headers = token_for("hr")
    url = app.url_path_for("delete_org_unit", unit_id=str(unit.id))
    etag = (await client.get(url, headers=headers)).headers["etag"]
    response = await client.delete(url, headers={**headers, "If-Match": etag})
    assert response.status_code == 204 and response.content == b""
    problem(await client.get(url, headers=headers), 404, "org_unit_not_found")


async def test_a_patch_that_changes_nothing_keeps_the_version(app, client, db, token_for):
    unit = await make_org_unit(db, name="Same")
    url = app.url_path_for("update_org_unit", unit_id=str(unit.id))
    response = await client.patch(url, json={"name": "Same"}, headers=token_for("hr"))
    assert response.status_code == 200 and response.json()["version"] == 1


async def test_create_returns_etag_and_location(app, client, token_for):
    body = {"code": "ET-1", "name": "E", "kind": "office"}
    response = await client.post(app.url_path_for("create_org_unit"), json=body, headers=token_for("hr"))
    assert response.status_code == 201
    assert response.headers["etag"] == '"1"'
    unit_id = response.json()["id"]
    assert response.headers["location"].endswith(app.url_path_for("get_org_unit", unit_id=unit_id))
