"""Keyset pagination (api.md §1 lists) through /api/v1/org-units: every row once, in order, stable."""

from __future__ import annotations

import base64
import json

import pytest

from tests.factories import make_org_unit, problem

# Names deliberately collide (three units share each name) so the id tie-breaker is exercised.
NAMES = ["Dinas Kesehatan", "Bagian Umum", "Puskesmas Binjai", "Kecamatan Binjai Kota", "RSUD Djoelham",
         "Inspektorat", "Sekretariat Daerah", "Badan Keuangan"]


@pytest.fixture
async def units(db):
    created = [await make_org_unit(db, code=f"PG-{i:02d}", name=NAMES[i % len(NAMES)]) for i in range(23)]
    await db.commit()
    return created


async def _walk(client, url, headers, **query):
    """Follow next_cursor to the end; returns (items, number of pages)."""
    items, pages, cursor = [], 0, None
    while True:
        params = {**query, **({"cursor": cursor} if cursor else {})}
        response = await client.get(url, params=params, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        pages += 1
        assert len(page["items"]) <= query["limit"]
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items, pages
        assert pages < 50, "pagination does not terminate"


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("code", lambda u: (u["code"],)),
        ("-code", lambda u: (u["code"],)),
        ("name", lambda u: (u["name"], u["id"])),
        ("-name", lambda u: (u["name"], u["id"])),
    ],
)
async def test_pages_cover_every_row_once_in_order(app, client, token_for, units, sort, key):
    headers = token_for("hr")
    url = app.url_path_for("list_org_units")
    items, pages = await _walk(client, url, headers, limit=5, sort=sort, q="PG-")
    assert pages == 5  # 5 + 5 + 5 + 5 + 3
    ids = [u["id"] for u in items]
    assert len(ids) == len(set(ids)) == 23, "duplicates or gaps across pages"
    assert set(ids) == {str(u.id) for u in units}
    # Order: the sort key, ties broken by id (as text-comparable UUIDs in PostgreSQL's uuid order).
    keys = [key(u) for u in items]
    assert keys == sorted(keys, reverse=sort.startswith("-"))
    # Stable: walking again yields the identical sequence.
    again, _ = await _walk(client, url, headers, limit=5, sort=sort, q="PG-")
    assert [u["id"] for u in again] == ids


async def test_default_sort_is_code(app, client, token_for, units):
    response = await client.get(app.url_path_for("list_org_units"), params={"q": "PG-", "limit": 500},
                                headers=token_for("employee"))
    codes = [u["code"] for u in response.json()["items"]]
    assert codes == sorted(codes) and len(codes) == 23
    assert response.json()["next_cursor"] is None


async def test_a_row_inserted_behind_the_cursor_does_not_shift_pages(app, client, db, token_for, units):
    headers = token_for("hr")
    url = app.url_path_for("list_org_units")
    first = (await client.get(url, params={"q": "PG-", "limit": 5}, headers=headers)).json()
    await make_org_unit(db, code="PG-00a", name="Inserted before the cursor")  # sorts inside page 1
    await db.commit()
    second = (await client.get(url, params={"q": "PG-", "limit": 5, "cursor": first["next_cursor"]},
                               headers=headers)).json()
    assert [u["code"] for u in second["items"]] == [f"PG-{i:02d}" for i in range(5, 10)]


async def test_invalid_cursor_is_422_naming_cursor(app, client, token_for):
    response = await client.get(app.url_path_for("list_org_units"), params={"cursor": "garbage!!"},
                                headers=token_for("hr"))
    body = problem(response, 422, "validation_failed")
    assert body["errors"][0]["loc"] == ["query", "cursor"]
    assert body["errors"][0]["code"] == "invalid_cursor"


async def test_cursor_of_another_sort_is_refused(app, client, token_for, units):
    headers = token_for("hr")
    url = app.url_path_for("list_org_units")
    page = await client.get(url, params={"limit": 2, "sort": "name"}, headers=headers)
    cursor = page.json()["next_cursor"]
    assert cursor
    response = await client.get(url, params={"limit": 2, "sort": "code", "cursor": cursor}, headers=headers)
    assert problem(response, 422, "validation_failed")["errors"][0]["loc"] == ["query", "cursor"]


async def test_forged_cursor_with_a_bad_value_type_is_422(app, client, token_for):
    forged = base64.urlsafe_b64encode(json.dumps({"s": "code", "v": [["u", "not-a-uuid"]]}).encode()).decode()
    response = await client.get(app.url_path_for("list_org_units"), params={"cursor": forged},
                                headers=token_for("hr"))
    assert problem(response, 422, "validation_failed")["errors"][0]["loc"] == ["query", "cursor"]


async def test_unknown_sort_is_422_naming_sort(app, client, token_for):
    for sort in ("created_at", "-password", "--code"):
        response = await client.get(app.url_path_for("list_org_units"), params={"sort": sort},
                                    headers=token_for("hr"))
        body = problem(response, 422, "validation_failed")
        assert body["errors"][0]["loc"] == ["query", "sort"], sort
        assert body["errors"][0]["code"] == "invalid_sort"


@pytest.mark.parametrize("limit", ["0", "501", "-1", "ten"])
async def test_limit_out_of_range_is_422(app, client, token_for, limit):
    response = await client.get(app.url_path_for("list_org_units"), params={"limit": limit},
                                headers=token_for("hr"))
    body = problem(response, 422, "validation_failed")
    assert body["errors"][0]["loc"] == ["query", "limit"]


async def test_limit_bounds_are_accepted(app, client, token_for, units):
    for limit in (1, 500):
        response = await client.get(app.url_path_for("list_org_units"), params={"limit": limit, "q": "PG-"},
                                    headers=token_for("hr"))
        assert response.status_code == 200
        assert len(response.json()["items"]) == min(limit, 23)


async def test_list_costs_a_fixed_number_of_queries(app, client, token_for, units, count_queries):
    url = app.url_path_for("list_org_units")
    with count_queries() as small:
        await client.get(url, params={"limit": 2}, headers=token_for("hr"))
    with count_queries() as large:
        await client.get(url, params={"limit": 23}, headers=token_for("hr"))
    assert small.count == large.count
