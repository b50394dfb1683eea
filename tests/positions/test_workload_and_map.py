from __future__ import annotations

from datetime import date

import httpx
import pytest
from sqlalchemy import select, text

from asn_api.core import clock
from asn_api.core.journal import Change
from tests.conftest import _build_app
from tests.factories import make_org_unit
from tests.positions.helpers import make_position, seat

WORKED_EXAMPLE = {"tasks": [  # domain.md §2.3: 480 × 60 + 120 × 180 = 50 400 min → 0.672 persons
    {"name": "Task A", "volume": 480, "period": "year", "minutes_per_unit": 60},
    {"name": "Task B", "volume": 120, "period": "year", "minutes_per_unit": 180},
]}


async def test_worked_example_sets_k_and_switches_basis(client, db, token_for):
    unit = await make_org_unit(db)
    position = await make_position(db, unit.id, required_headcount=4)
    url = f"/api/v1/positions/{position.id}/workload"
    response = await client.put(url, json=WORKED_EXAMPLE, headers={**token_for("hr"), "If-Match": '"1"'})
    assert response.status_code == 200, response.text
    body = response.json()
    # Quantities are JSON numbers (api.md §4), not strings.
    quantities = [body["total_minutes"], body["required_headcount_exact"]] + [
        t[name] for t in body["tasks"] for name in ("volume", "minutes_per_unit", "annual_volume", "annual_minutes")]
    assert all(isinstance(q, int | float) and not isinstance(q, bool) for q in quantities), body
    assert body["total_minutes"] == 50400 and body["required_headcount_exact"] == 0.672
    assert body["required_headcount"] == 1 and body["effective_minutes_per_year"] == 75000
    assert [(t["volume"], t["minutes_per_unit"], t["annual_volume"], t["annual_minutes"]) for t in body["tasks"]] == [
        (480, 60, 480, 28800), (120, 180, 120, 21600)]
    assert response.headers["etag"] == '"2"'
    got = await client.get(url, headers=token_for("employee"))
    assert got.json() == body and got.headers["etag"] == '"2"'
    shown = (await client.get(f"/api/v1/positions/{position.id}", headers=token_for("hr"))).json()
    assert (shown["required_headcount"], shown["headcount_basis"], shown["version"]) == (1, "workload", 2)
    manual = await client.patch(f"/api/v1/positions/{position.id}", json={"required_headcount": 3},
                                headers=token_for("hr"))
    assert manual.json()["headcount_basis"] == "manual"


async def test_periods_are_annualised_and_ceil_rounding_is_a_setting(settings, engine, session_factory, db,
                                                                      token_for):
    unit = await make_org_unit(db)
    position = await make_position(db, unit.id)
    body = {"tasks": [{"name": "Daily", "volume": 1, "period": "day", "minutes_per_unit": 300},  # 75 000
                      {"name": "Weekly", "volume": 2, "period": "week", "minutes_per_unit": 150},  # 15 000
                      {"name": "Monthly", "volume": 5, "period": "month", "minutes_per_unit": 125}]}  # 7 500
    app = _build_app(settings.model_copy(update={"abk_rounding": "ceil"}), engine, session_factory)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
        result = (await http.put(f"/api/v1/positions/{position.id}/workload", json=body,
                                 headers=token_for("hr"))).json()
    assert [t["annual_volume"] for t in result["tasks"]] == [250, 100, 60]
    assert [t["annual_minutes"] for t in result["tasks"]] == [75000, 15000, 7500]
    assert result["total_minutes"] == 97500 and result["required_headcount_exact"] == 1.3
    assert result["required_headcount"] == 2  # ceil; half_up would give 1


async def test_bad_workload_names_the_task_field(client, db, token_for):
    unit = await make_org_unit(db)
    position = await make_position(db, unit.id)
    url = f"/api/v1/positions/{position.id}/workload"
    bad = {"tasks": [{"name": "X", "volume": 1, "period": "fortnight", "minutes_per_unit": 5}]}
    response = await client.put(url, json=bad, headers=token_for("hr"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "tasks", 0, "period"]
    missing = await client.get(url, headers=token_for("hr"))
    assert missing.status_code == 404 and missing.json()["code"] == "workload_not_found"
    forbidden = await client.put(url, json=WORKED_EXAMPLE, headers=token_for("unit_admin", unit=unit.id))
    assert forbidden.status_code == 403


async def test_position_map_nests_units_with_b_k_gap_in_fixed_queries(client, db, token_for, count_queries):
    root = await make_org_unit(db, name="Dinas Kesehatan")
    child = await make_org_unit(db, parent_id=root.id, kind="health_center")
    grandchild = await make_org_unit(db, parent_id=child.id, kind="section")
    head = await make_position(db, root.id, kind="jpt_pratama", grade=14, required_headcount=1)
    nurse = await make_position(db, child.id, required_headcount=3)
    await seat(db, head)
    await seat(db, nurse)
    abolished = await make_position(db, grandchild.id)
    abolished.status, abolished.abolished_on = "abolished", date(2025, 1, 1)
    await db.flush()
    url = f"/api/v1/org-units/{root.id}/position-map"
    with count_queries() as counter:
        response = await client.get(url, headers=token_for("unit_admin", unit=child.id))
    assert response.status_code == 200, response.text
    tree = response.json()
    assert tree["unit"]["id"] == str(root.id)
    assert tree["positions"] == [{"id": str(head.id), "code": head.code, "title": head.title, "kind": "jpt_pratama",
                                  "grade": 14, "required_headcount": 1, "incumbents": 1, "gap": 0}]
    [child_node] = tree["children"]
    assert (child_node["positions"][0]["incumbents"], child_node["positions"][0]["gap"]) == (1, -2)
    assert child_node["children"][0]["positions"] == []  # abolished positions are not on the map
    small = counter.count
    for _ in range(10):
        await make_position(db, grandchild.id)
    with count_queries() as counter:
        await client.get(url, headers=token_for("hr"))
    assert counter.count == small
    missing = await client.get("/api/v1/org-units/00000000-0000-0000-0000-000000000000/position-map",
                               headers=token_for("hr"))
    assert missing.status_code == 404


async def test_staffing_report_projects_retirements(client, db, token_for):
    clock.freeze(clock.now().replace(year=2026, month=11, day=29))
    root = await make_org_unit(db)
    child = await make_org_unit(db, parent_id=root.id)
    position = await make_position(db, child.id, required_headcount=3)
    await seat(db, position, retirement_date=date(2027, 2, 1))   # within 5 years
    await seat(db, position, retirement_date=date(2035, 1, 1))   # beyond
    await db.execute(text(
        "INSERT INTO position_workloads (position_id, tasks, total_minutes, required_headcount_exact) "
        "VALUES (:p, '[]', 165000, 2.2)"), {"p": position.id})
    response = await client.get("/api/v1/reports/staffing", params={"org_unit_id": str(root.id), "years": 5},
                                headers=token_for("hr"))
    assert response.status_code == 200, response.text
    report = response.json()
    [item] = report["items"]
    assert (item["required"], item["incumbents"], item["gap"], item["retiring"], item["projected_gap"]) == (
        3, 2, -1, 1, -2)
    assert isinstance(item["workload_efficiency"], float)  # a JSON number, not a string
    assert item["workload_efficiency"] == 1.1  # 165 000 ÷ (2 × 75 000)
    assert report["horizon"] == "2031-11-29"
    assert report["totals"] == {"required": 3, "incumbents": 2, "gap": -1, "retiring": 1, "projected_gap": -2}
    assert [u["org_unit_id"] for u in report["units"]] == [str(child.id)]
    short = (await client.get("/api/v1/reports/staffing", params={"org_unit_id": str(root.id), "years": 0},
                              headers=token_for("hr"))).json()
    assert short["items"][0]["retiring"] == 0


async def test_staffing_report_scope(client, db, token_for):
    mine = await make_org_unit(db)
    other = await make_org_unit(db)
    await make_position(db, mine.id)
    await make_position(db, other.id)
    own = await client.get("/api/v1/reports/staffing", headers=token_for("unit_admin", unit=mine.id))
    assert own.status_code == 200
    assert {i["org_unit_id"] for i in own.json()["items"]} == {str(mine.id)}
    foreign = await client.get("/api/v1/reports/staffing", params={"org_unit_id": str(other.id)},
                               headers=token_for("unit_admin", unit=mine.id))
    assert foreign.status_code == 404
    assert (await client.get("/api/v1/reports/staffing", headers=token_for("employee"))).status_code == 403


async def test_decimal_inputs_keep_their_value_as_numbers(client, db, token_for):
    position = await make_position(db, (await make_org_unit(db)).id)
    body = {"tasks": [{"name": "Half units", "volume": 0.5, "period": "month", "minutes_per_unit": 12.25}]}
    response = await client.put(f"/api/v1/positions/{position.id}/workload", json=body, headers=token_for("hr"))
    assert response.status_code == 200, response.text
    [task] = response.json()["tasks"]
    assert (task["volume"], task["minutes_per_unit"], task["annual_volume"], task["annual_minutes"]) == (
        0.5, 12.25, 6, 73.5)
    assert response.json()["total_minutes"] == 73.5 and response.json()["required_headcount_exact"] == 0.001


def _one_task(volume, minutes, period="day"):
    return {"tasks": [{"name": "Bulk", "volume": volume, "period": period, "minutes_per_unit": minutes}]}


@pytest.mark.parametrize(("body", "loc", "code"), [
    # 10 000 a day × 1 000 min = 2.5·10^9 min → K = 33 333 > 10 000
    (_one_task(10_000, 1_000), ["body", "tasks"], "required_headcount_too_large"),
    # inside the input bounds, 500 tasks × 2.5·10^12 min reach the Numeric(16, 2) column's 10^14
    ({"tasks": _one_task(10_000_000, 1_000)["tasks"] * 500}, ["body", "tasks"], "workload_too_large"),
    # beyond the input bounds: refused by the schema, naming the field
    (_one_task(1_000_000_000, 1_000_000), ["body", "tasks", 0, "volume"], None),
    (_one_task(1, 10_000_000), ["body", "tasks", 0, "minutes_per_unit"], None),
])
async def test_a_workload_beyond_what_a_position_holds_is_422_and_writes_nothing(client, db, token_for, body, loc,
                                                                                  code):
    position = await make_position(db, (await make_org_unit(db)).id)
    url = f"/api/v1/positions/{position.id}/workload"
    response = await client.put(url, json=body, headers=token_for("hr"))
    assert response.status_code == 422, response.text
    errors = response.json()["errors"]
    assert loc == errors[0]["loc"], errors
    if code is not None:
        assert response.json()["code"] == "validation_failed" and [e["code"] for e in errors] == [code]
    assert (await client.get(url, headers=token_for("hr"))).status_code == 404
    shown = (await client.get(f"/api/v1/positions/{position.id}", headers=token_for("hr"))).json()
    assert (shown["version"], shown["required_headcount"], shown["headcount_basis"]) == (1, 1, "manual")


async def test_k_of_exactly_10_000_is_accepted(client, db, token_for):
    position = await make_position(db, (await make_org_unit(db)).id)
    response = await client.put(f"/api/v1/positions/{position.id}/workload", json=_one_task(3_000, 1_000),
                                headers=token_for("hr"))  # 7.5·10^8 min ÷ 75 000 = 10 000
    assert response.status_code == 200, response.text
    assert response.json()["required_headcount"] == 10_000


async def test_every_workload_put_is_a_new_version_of_the_position(client, db, token_for):
    position = await make_position(db, (await make_org_unit(db)).id)
    url = f"/api/v1/positions/{position.id}/workload"
    hr = token_for("hr")
    first = await client.put(url, json=WORKED_EXAMPLE, headers={**hr, "If-Match": '"1"'})
    assert first.status_code == 200 and first.headers["etag"] == '"2"'
    same_k = {"tasks": [{"name": "Task C", "volume": 100, "period": "year", "minutes_per_unit": 500}]}  # K still 1
    second = await client.put(url, json=same_k, headers={**hr, "If-Match": '"2"'})
    assert second.status_code == 200 and second.headers["etag"] == '"3"'
    lost_update = await client.put(url, json=WORKED_EXAMPLE, headers={**hr, "If-Match": '"2"'})
    assert lost_update.status_code == 412 and lost_update.json()["code"] == "version_mismatch"
    current = await client.get(url, headers=hr)
    assert current.headers["etag"] == '"3"' and [t["name"] for t in current.json()["tasks"]] == ["Task C"]
    shown = await client.get(f"/api/v1/positions/{position.id}", headers=hr)
    assert shown.json()["version"] == 3 and shown.headers["etag"] == '"3"'
    feed = (await db.execute(select(Change.action, Change.version).where(
        Change.resource == "position", Change.resource_id == str(position.id)).order_by(Change.seq))).all()
    assert [tuple(row) for row in feed] == [("updated", 2), ("updated", 3)]
