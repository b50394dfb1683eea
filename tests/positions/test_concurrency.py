"""Real concurrent connections that commit: the reports_to lock decides which of two crossing PATCHes wins."""

from __future__ import annotations

import asyncio

import httpx
import pytest

pytestmark = pytest.mark.concurrency


@pytest.mark.parametrize("rounds", [1, 5])
async def test_two_positions_cannot_report_to_each_other_concurrently(committed_app, token_for, rounds):
    """A → B and B → A at the same time: each alone sees no cycle; the lock lets one win, the other sees it."""
    headers = token_for("hr")
    transport = httpx.ASGITransport(app=committed_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        unit = (await http.post(committed_app.url_path_for("create_org_unit"),
                                json={"code": "RT-UNIT", "name": "Unit", "kind": "office"}, headers=headers)).json()
        for n in range(rounds):
            a, b = [(await http.post(committed_app.url_path_for("create_position"), headers=headers, json={
                "code": f"RT-{n}-{name}", "title": name, "kind": "pelaksana", "grade": 5, "org_unit_id": unit["id"],
            })).json() for name in ("A", "B")]
            responses = await asyncio.gather(*[
                http.patch(committed_app.url_path_for("update_position", position_id=child["id"]),
                           json={"reports_to_id": boss["id"]}, headers=headers)
                for child, boss in ((a, b), (b, a))
            ])
            assert sorted(r.status_code for r in responses) == [200, 422], [r.text for r in responses]
            loser = next(r for r in responses if r.status_code == 422)
            assert loser.json()["errors"][0]["code"] == "reports_to_cycle"
            a_now, b_now = [(await http.get(committed_app.url_path_for("get_position", position_id=p["id"]),
                                            headers=headers)).json() for p in (a, b)]
            assert (a_now["reports_to_id"] is None) != (b_now["reports_to_id"] is None)
