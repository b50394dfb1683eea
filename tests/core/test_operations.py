"""Operational endpoints (api.md §12): health, readiness, metrics, offline docs."""

from __future__ import annotations

import re
import uuid

import httpx
import pytest

from asn_api.core.migrations import head_revision


async def test_healthz(app, client):
    response = await client.get(app.url_path_for("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_reports_the_migration_head(app, client):
    response = await client.get(app.url_path_for("readyz"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ready"
    assert body["migration"] == head_revision() is not None


async def test_readyz_is_503_without_a_database(settings):
    from asn_api.main import create_app

    app = create_app(settings)  # lifespan not run: no engine at all
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
        response = await http.get(app.url_path_for("readyz"))
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


async def test_readyz_is_503_when_migrations_are_behind(app, client, monkeypatch):
    # The database stays at the real head; pretend the code ships a newer migration.
    monkeypatch.setattr("asn_api.main.head_revision", lambda: "9999_newer")
    response = await client.get(app.url_path_for("readyz"))
    assert response.status_code == 503
    assert response.json()["migration"] == head_revision()
    assert response.json()["migration_head"] == "9999_newer"


async def test_metrics_count_requests_by_route_template(app, client, token_for):
    unit_id = uuid.uuid4()
    await client.get(app.url_path_for("get_org_unit", unit_id=str(unit_id)), headers=token_for("hr"))
    response = await client.get(app.url_path_for("metrics"), headers=token_for("admin"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert re.search(
        r'^asn_http_requests_total\{method="GET",route="/api/v1/org-units/\{unit_id\}",status="404"\} \d',
        text, re.MULTILINE,
    ), text[:2000]
    assert str(unit_id) not in text  # the raw path never becomes a label
    assert "asn_http_request_duration_seconds_bucket" in text


async def test_metrics_label_unknown_paths_as_unmatched(app, client, token_for):
    await client.get(f"/no/such/{uuid.uuid4()}")
    text = (await client.get(app.url_path_for("metrics"), headers=token_for("admin"))).text
    assert re.search(r'asn_http_requests_total\{method="GET",route="unmatched",status="404"\}', text)
    assert "/no/such/" not in text


@pytest.mark.parametrize(("role", "scopes", "expected"), [
    (None, None, 401), ("hr", None, 403), ("client", ["changes:read"], 403), ("client", ["metrics:read"], 200),
    ("admin", None, 200),
])
async def test_metrics_need_the_metrics_permission(app, client, token_for, role, scopes, expected):
    headers = token_for(role, scopes=scopes) if role else {}
    assert (await client.get(app.url_path_for("metrics"), headers=headers)).status_code == expected


async def test_swagger_ui_uses_only_local_assets(app, client):
    response = await client.get("/docs")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assets = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert "/static/swagger-ui-bundle.js" in assets and "/static/swagger-ui.css" in assets
    assert all(a.startswith("/static/") for a in assets), assets
    assert "http://" not in response.text and "https://" not in response.text
    assert "/openapi.json" in response.text


async def test_redoc_uses_only_local_assets(client):
    response = await client.get("/redoc")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assets = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert "/static/redoc.standalone.js" in assets
    assert all(a.startswith("/static/") for a in assets), assets
    assert "http://" not in response.text and "https://" not in response.text


async def test_static_assets_are_served(client):
    for asset, kind in (("swagger-ui-bundle.js", "javascript"), ("swagger-ui.css", "css"),
                        ("redoc.standalone.js", "javascript")):
        response = await client.get(f"/static/{asset}")
        assert response.status_code == 200, asset
        assert kind in response.headers["content-type"]
        assert len(response.content) > 10_000


async def test_openapi_json_is_served_anonymously(client):
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "ASN API"
