from __future__ import annotations

from datetime import date

import httpx
from sqlalchemy import text

from asn_api.core import clock
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
    assert body["total_minutes"] == "50400.00" or float(body["total_minutes"]) == 50400
    assert float(body["required_headcount_exact"]) == 0.672
    assert body["required_headcount"] == 1 and body["effective_minutes_per_year"] == 75000
    assert [float(t["annual_minutes"]) for t in body["tasks"]] == [28800, 21600]
    again = (await client.get(url, headers=token_for("employee"))).json()
    assert again == body
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
    assert [float(t["annual_volume"]) for t in result["tasks"]] == [250, 100, 60]
    assert float(result["required_headcount_exact"]) == 1.3
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
    assert float(item["workload_efficiency"]) == 1.1  # 165 000 ÷ (2 × 75 000)
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
