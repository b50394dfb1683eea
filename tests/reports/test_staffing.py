"""The staffing report on data written through the API: retirement dates and workloads as the real code
paths compute them, not as a test writes them."""

from __future__ import annotations

from datetime import date

from asn_api.core import clock
from tests.employees.helpers import create_body
from tests.factories import make_org_unit

WORKLOAD = {"tasks": [  # domain.md §2.3: 50 400 min a year → K = 1
    {"name": "Task A", "volume": 480, "period": "year", "minutes_per_unit": 60},
    {"name": "Task B", "volume": 120, "period": "year", "minutes_per_unit": 180},
]}


async def _hire_into(client, hr, position_id, birth_date):
    created = await client.post("/api/v1/employees", json=create_body(birth_date=birth_date), headers=hr)
    assert created.status_code == 201, created.text
    assigned = await client.post(f"/api/v1/employees/{created.json()['id']}/assignments", headers=hr, json={
        "position_id": position_id, "effective_date": "2020-01-02", "kind": "initial"})
    assert assigned.status_code == 201, assigned.text
    return (await client.get(f"/api/v1/employees/{created.json()['id']}", headers=hr)).json()


async def test_retiring_and_efficiency_follow_the_computed_retirement_dates(client, db, token_for):
    clock.freeze(clock.now().replace(year=2026, month=11, day=29))
    hr = token_for("hr")
    unit = await make_org_unit(db)
    positions = {}
    for code, extra in (("STAFF", {"kind": "pelaksana", "grade": 6}),
                        ("EXPERT", {"kind": "fungsional", "functional_track": "keahlian",
                                    "functional_level": "ahli_utama", "grade": 14})):
        created = await client.post("/api/v1/positions", headers=hr, json={
            "code": f"RPT-{code}", "title": code, "org_unit_id": str(unit.id), "required_headcount": 2, **extra})
        assert created.status_code == 201, created.text
        positions[code] = created.json()["id"]
    put = await client.put(f"/api/v1/positions/{positions['STAFF']}/workload", json=WORKLOAD, headers=hr)
    assert put.status_code == 200, put.text

    born = date(1970, 3, 10)  # 58 on 2028-03-10 (within 5 years), 65 on 2035-03-10 (beyond)
    staff = await _hire_into(client, hr, positions["STAFF"], born)
    expert = await _hire_into(client, hr, positions["EXPERT"], born)
    assert (staff["retirement_date"], expert["retirement_date"]) == ("2028-04-01", "2035-04-01")

    response = await client.get("/api/v1/reports/staffing", params={"org_unit_id": str(unit.id), "years": 5},
                                headers=hr)
    assert response.status_code == 200, response.text
    items = {i["position_id"]: i for i in response.json()["items"]}
    staffing = items[positions["STAFF"]]
    assert (staffing["required"], staffing["incumbents"], staffing["retiring"], staffing["projected_gap"]) == (
        1, 1, 1, -1)  # K = 1 from the workload
    assert isinstance(staffing["workload_efficiency"], float) and staffing["workload_efficiency"] == 0.67
    expert_item = items[positions["EXPERT"]]
    assert (expert_item["required"], expert_item["incumbents"], expert_item["retiring"]) == (2, 1, 0)
    assert expert_item["workload_efficiency"] is None  # no workload analysis
    assert response.json()["totals"] == {"required": 3, "incumbents": 2, "gap": -1, "retiring": 1,
                                         "projected_gap": -2}
    ten_years = (await client.get("/api/v1/reports/staffing", params={"org_unit_id": str(unit.id), "years": 10},
                                  headers=hr)).json()
    assert ten_years["totals"]["retiring"] == 2
