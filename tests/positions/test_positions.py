from __future__ import annotations

import itertools

import pytest

from asn_api.domain.positions import FUNCTIONAL_LEVELS_BY_TRACK, POSITION_KINDS
from tests.factories import make_org_unit
from tests.positions.helpers import make_position, seat

URL = "/api/v1/positions"


def _body(unit_id, **overrides):
    return {"code": "P-1", "title": "Analis SDM Aparatur Ahli Muda", "kind": "fungsional",
            "functional_track": "keahlian", "functional_level": "ahli_muda", "grade": 9,
            "org_unit_id": str(unit_id), **overrides}


async def test_create_returns_location_etag_and_computed_fields(client, db, token_for):
    unit = await make_org_unit(db)
    response = await client.post(URL, json=_body(unit.id, min_rank="III/c"), headers=token_for("hr"))
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"].endswith(f"/api/v1/positions/{body['id']}")
    assert response.headers["etag"] == '"1"'
    assert body["required_headcount"] == 1 and body["headcount_basis"] == "manual"
    assert body["incumbents"] == 0 and body["gap"] == -1
    assert body["status"] == "active" and body["abolished_on"] is None


def _expected_error(kind, track, level):
    """The rule (api.md §4): track+level required for fungsional, forbidden otherwise, level within track."""
    if kind == "fungsional":
        if track is None:
            return "functional_track"
        if level is None or level not in FUNCTIONAL_LEVELS_BY_TRACK[track]:
            return "functional_level"
        return None
    if track is not None:
        return "functional_track"
    if level is not None:
        return "functional_level"
    return None


LEVELS = [None, "ahli_pertama", "ahli_utama", "pemula", "penyelia"]
COMBINATIONS = list(itertools.product(POSITION_KINDS, [None, "keahlian", "keterampilan"], LEVELS))


@pytest.mark.parametrize(("kind", "track", "level"), COMBINATIONS)
async def test_kind_track_level_combinations(client, db, token_for, kind, track, level):
    unit = await make_org_unit(db)
    body = _body(unit.id, kind=kind, functional_track=track, functional_level=level)
    response = await client.post(URL, json=body, headers=token_for("hr"))
    expected = _expected_error(kind, track, level)
    if expected is None:
        assert response.status_code == 201, response.text
    else:
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["loc"] == ["body", expected]


@pytest.mark.parametrize(("field", "value"), [("grade", 0), ("grade", 18), ("min_rank", "V/a"),
                                              ("min_rank", "IX"), ("required_headcount", 10_001),
                                              ("kind", "eselon_2"), ("code", "has space")])
async def test_invalid_values_name_the_field_and_write_nothing(client, db, token_for, field, value):
    unit = await make_org_unit(db)
    response = await client.post(URL, json=_body(unit.id, **{field: value}), headers=token_for("hr"))
    assert response.status_code == 422
    assert field in [e["loc"][-1] for e in response.json()["errors"]]
    listed = await client.get(URL, params={"org_unit_id": str(unit.id)}, headers=token_for("hr"))
    assert listed.json()["items"] == []


async def test_unknown_unit_and_duplicate_code(client, db, token_for):
    unit = await make_org_unit(db)
    missing = await client.post(URL, json=_body("00000000-0000-0000-0000-000000000001"), headers=token_for("hr"))
    assert missing.status_code == 422 and missing.json()["errors"][0]["loc"] == ["body", "org_unit_id"]
    assert (await client.post(URL, json=_body(unit.id), headers=token_for("hr"))).status_code == 201
    duplicate = await client.post(URL, json=_body(unit.id), headers=token_for("hr"))
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "position_code_taken"


async def test_reports_to_cycle_is_refused(client, db, token_for):
    unit = await make_org_unit(db)
    head = await make_position(db, unit.id, kind="administrator", grade=11)
    staff = await make_position(db, unit.id, reports_to_id=head.id)
    response = await client.patch(f"{URL}/{head.id}", json={"reports_to_id": str(staff.id)}, headers=token_for("hr"))
    assert response.status_code == 422 and response.json()["errors"][0]["code"] == "reports_to_cycle"


async def test_patch_checks_if_match_and_merges_kind_rules(client, db, token_for):
    unit = await make_org_unit(db)
    position = await make_position(db, unit.id, kind="fungsional", functional_track="keahlian",
                                   functional_level="ahli_pertama", grade=8)
    url = f"{URL}/{position.id}"
    stale = await client.patch(url, json={"grade": 9}, headers={**token_for("hr"), "If-Match": '"7"'})
    assert stale.status_code == 412 and stale.json()["code"] == "version_mismatch"
    bad_level = await client.patch(url, json={"functional_level": "mahir"}, headers=token_for("hr"))
    assert bad_level.status_code == 422 and bad_level.json()["errors"][0]["loc"] == ["body", "functional_level"]
    to_pelaksana = await client.patch(url, json={"kind": "pelaksana"}, headers={**token_for("hr"), "If-Match": '"1"'})
    assert to_pelaksana.status_code == 200, to_pelaksana.text
    assert to_pelaksana.json()["functional_track"] is None and to_pelaksana.json()["version"] == 2


async def test_incumbents_gap_and_vacant_filter(client, db, token_for):
    parent = await make_org_unit(db)
    child = await make_org_unit(db, parent_id=parent.id)
    full = await make_position(db, child.id, required_headcount=2)
    short = await make_position(db, parent.id, required_headcount=3)
    await seat(db, full)
    await seat(db, full)
    await seat(db, short)
    await seat(db, short, status="retired")  # left service: not B
    shown = (await client.get(f"{URL}/{short.id}", headers=token_for("employee"))).json()
    assert (shown["incumbents"], shown["gap"]) == (1, -2)
    params = {"org_unit_id": str(parent.id), "include_descendants": "true", "vacant": "true"}
    vacant = (await client.get(URL, params=params, headers=token_for("hr"))).json()["items"]
    assert [p["id"] for p in vacant] == [str(short.id)]
    only_parent = (await client.get(URL, params={"org_unit_id": str(parent.id)}, headers=token_for("hr"))).json()
    assert [p["id"] for p in only_parent["items"]] == [str(short.id)]


async def test_abolish_requires_no_incumbents(client, db, token_for):
    unit = await make_org_unit(db)
    held = await make_position(db, unit.id)
    await seat(db, held)
    refused = await client.post(f"{URL}/{held.id}/abolish", json={"effective_date": "2026-12-31"},
                                headers=token_for("hr"))
    assert refused.status_code == 409 and refused.json()["code"] == "position_has_incumbents"
    empty = await make_position(db, unit.id)
    done = await client.post(f"{URL}/{empty.id}/abolish", json={"effective_date": "2026-12-31"},
                             headers=token_for("hr"))
    assert done.status_code == 200 and done.json()["status"] == "abolished"
    assert done.json()["abolished_on"] == "2026-12-31"
    again = await client.post(f"{URL}/{empty.id}/abolish", json={"effective_date": "2027-01-01"},
                              headers=token_for("hr"))
    assert again.status_code == 409


async def test_list_filters_sort_and_pagination(client, db, token_for):
    unit = await make_org_unit(db)
    for grade in (5, 9, 7, 9, 12):
        await make_position(db, unit.id, grade=grade, title=f"Jabatan grade {grade}")
    params = {"org_unit_id": str(unit.id), "sort": "-grade", "limit": 2}
    seen, cursor = [], None
    while True:
        page = (await client.get(URL, params={**params, **({"cursor": cursor} if cursor else {})},
                                 headers=token_for("hr"))).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert [p["grade"] for p in seen] == [12, 9, 9, 7, 5]
    assert len({p["id"] for p in seen}) == 5
    nines = (await client.get(URL, params={"org_unit_id": str(unit.id), "grade": 9}, headers=token_for("hr"))).json()
    assert len(nines["items"]) == 2
    searched = (await client.get(URL, params={"q": "grade 12"}, headers=token_for("hr"))).json()
    assert [p["grade"] for p in searched["items"]] == [12]
    unknown = await client.get(URL, params={"sort": "salary"}, headers=token_for("hr"))
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["loc"] == ["query", "sort"]


async def test_list_issues_a_fixed_number_of_queries(client, db, token_for, count_queries):
    unit = await make_org_unit(db)
    for _ in range(12):
        await seat(db, await make_position(db, unit.id))
    counts = []
    for limit in (2, 12):
        with count_queries() as counter:
            response = await client.get(URL, params={"org_unit_id": str(unit.id), "limit": limit},
                                        headers=token_for("hr"))
        assert response.status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


@pytest.mark.parametrize(("role", "scopes", "read", "write"), [
    ("admin", None, 200, 201), ("hr", None, 200, 201), ("unit_admin", None, 200, 403),
    ("employee", None, 200, 403), ("client", ["positions:read"], 200, 403),
    ("client", ["positions:write", "positions:read"], 200, 201), ("client", ["employees:read"], 403, 403),
])
async def test_permissions(client, db, token_for, role, scopes, read, write):
    unit = await make_org_unit(db)
    headers = token_for(role, unit=unit.id, scopes=scopes)
    assert (await client.get(URL, headers=headers)).status_code == read
    assert (await client.post(URL, json=_body(unit.id), headers=headers)).status_code == write
    assert (await client.get(URL)).status_code == 401


async def test_incumbents_endpoint_lists_active_holders_in_scope(client, db, token_for):
    unit = await make_org_unit(db)
    other = await make_org_unit(db)
    position = await make_position(db, unit.id, required_headcount=3)
    first = await seat(db, position)
    second = await seat(db, position)
    await seat(db, position, status="retired")
    url = f"/api/v1/positions/{position.id}/incumbents"
    listed = (await client.get(url, headers=token_for("hr"))).json()["items"]
    assert {e["id"] for e in listed} == {str(first.id), str(second.id)}
    assert all("nik" in e for e in listed)  # hr may see PII
    foreign = (await client.get(url, headers=token_for("unit_admin", unit=other.id))).json()
    assert foreign["items"] == []  # holders outside the caller's scope are not shown
    as_client = (await client.get(url, headers=token_for("client", scopes=["employees:read"]))).json()
    assert as_client["items"] and all("nik" not in e for e in as_client["items"])
    missing = await client.get("/api/v1/positions/00000000-0000-0000-0000-000000000000/incumbents",
                               headers=token_for("hr"))
    assert missing.status_code == 404


async def test_a_held_position_cannot_move_to_another_unit(client, db, token_for):
    unit = await make_org_unit(db)
    other = await make_org_unit(db)
    held = await make_position(db, unit.id)
    await seat(db, held)
    refused = await client.patch(f"{URL}/{held.id}", json={"org_unit_id": str(other.id)}, headers=token_for("hr"))
    assert refused.status_code == 409 and refused.json()["code"] == "position_has_incumbents"
    empty = await make_position(db, unit.id)
    moved = await client.patch(f"{URL}/{empty.id}", json={"org_unit_id": str(other.id)}, headers=token_for("hr"))
    assert moved.status_code == 200 and moved.json()["org_unit_id"] == str(other.id)


async def test_a_unit_with_positions_or_employees_cannot_be_deleted(client, db, token_for):
    unit = await make_org_unit(db)
    await make_position(db, unit.id)
    response = await client.delete(f"/api/v1/org-units/{unit.id}", headers=token_for("hr"))
    assert response.status_code == 409 and response.json()["code"] == "org_unit_in_use"
    assert "positions" in response.json()["detail"]
    assert (await client.get(f"/api/v1/org-units/{unit.id}", headers=token_for("hr"))).status_code == 200


@pytest.mark.parametrize("change", [
    {"kind": "pelaksana"},  # 60 (ahli madya) → 58: every holder's retirement date would be stale
    {"functional_level": "ahli_utama"},  # 60 → 65
    {"kind": "administrator", "grade": 11},
])
async def test_a_held_position_keeps_its_kind_and_level(client, db, token_for, change):
    unit = await make_org_unit(db)
    held = await make_position(db, unit.id, kind="fungsional", functional_track="keahlian",
                               functional_level="ahli_madya", grade=11)
    await seat(db, held)
    refused = await client.patch(f"{URL}/{held.id}", json=change, headers=token_for("hr"))
    assert refused.status_code == 409 and refused.json()["code"] == "position_has_incumbents"
    shown = (await client.get(f"{URL}/{held.id}", headers=token_for("hr"))).json()
    assert (shown["kind"], shown["functional_level"], shown["grade"], shown["version"]) == (
        "fungsional", "ahli_madya", 11, 1)
    # The same values again, or fields the holders' records do not depend on, are fine.
    same = {"kind": "fungsional", "functional_track": "keahlian", "functional_level": "ahli_madya", "grade": 12}
    allowed = await client.patch(f"{URL}/{held.id}", json=same, headers=token_for("hr"))
    assert allowed.status_code == 200, allowed.text
    empty = await make_position(db, unit.id, kind="fungsional", functional_track="keahlian",
                                functional_level="ahli_madya", grade=11)
    changed = await client.patch(f"{URL}/{empty.id}", json=change, headers=token_for("hr"))
    assert changed.status_code == 200, changed.text
