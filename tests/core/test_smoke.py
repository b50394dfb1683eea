from __future__ import annotations


async def test_healthz(client):
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.headers["x-request-id"]


async def test_create_and_read_org_unit(client, token_for):
    headers = token_for("hr")
    created = await client.post("/api/v1/org-units", json={"code": "A", "name": "Alpha", "kind": "office"},
                                headers=headers)
    assert created.status_code == 201, created.text
    unit = created.json()
    read = await client.get(f"/api/v1/org-units/{unit['id']}", headers=headers)
    assert read.status_code == 200
    assert read.headers["etag"] == '"1"'
