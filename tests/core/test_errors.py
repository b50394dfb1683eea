"""Every failure is RFC 9457 problem+json (api.md §1), whoever raised it: service, FastAPI or middleware."""

from __future__ import annotations

import re
import uuid

import httpx
from fastapi import APIRouter

from asn_api.core.transaction import TransactionalRoute
from tests.factories import make_org_unit, problem

UNIT = {"code": "ERR-1", "name": "Errors", "kind": "office"}


async def test_401_without_token_names_bearer(app, client):
    response = await client.get(app.url_path_for("list_org_units"))
    body = problem(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"
    assert set(body) >= {"type", "title", "status", "detail", "code", "request_id"}


async def test_401_for_a_garbage_token(app, client):
    response = await client.get(app.url_path_for("list_org_units"), headers={"Authorization": "Bearer nope"})
    problem(response, 401, "invalid_token")
    assert response.headers["www-authenticate"] == "Bearer"


async def test_403_when_the_role_lacks_the_permission(app, client, token_for):
    url = app.url_path_for("create_org_unit")
    response = await client.post(url, json=UNIT, headers=token_for("employee"))
    body = problem(response, 403, "permission_denied")
    assert "org_units:write" in body["detail"]


async def test_404_for_an_unknown_id(app, client, token_for):
    url = app.url_path_for("get_org_unit", unit_id=str(uuid.uuid4()))
    problem(await client.get(url, headers=token_for("hr")), 404, "org_unit_not_found")


async def test_404_for_an_unknown_route(client, token_for):
    problem(await client.get("/api/v1/no-such-thing", headers=token_for("admin")), 404, "not_found")
    problem(await client.get("/nowhere"), 404, "not_found")


async def test_405_names_the_allowed_methods(app, client, token_for):
    response = await client.put(app.url_path_for("list_org_units"), json=UNIT, headers=token_for("hr"))
    problem(response, 405, "method_not_allowed")
    assert set(response.headers["allow"].replace(" ", "").split(",")) == {"GET", "POST"}


async def test_412_is_a_problem(app, client, db, token_for):
    unit = await make_org_unit(db)
    url = app.url_path_for("update_org_unit", unit_id=str(unit.id))
    response = await client.patch(url, json={"name": "X"}, headers={**token_for("hr"), "If-Match": '"99"'})
    problem(response, 412, "version_mismatch")


async def test_413_by_content_length(app, client, settings, token_for):
    body = b'{"code": "' + b"x" * settings.max_body_bytes + b'"}'
    response = await client.post(app.url_path_for("create_org_unit"), content=body,
                                 headers={**token_for("hr"), "Content-Type": "application/json"})
    problem(response, 413, "payload_too_large")


async def _chunks(total: int, size: int = 64 * 1024):
    yield b'{"code": "'
    sent = 0
    while sent < total:
        yield b"x" * size
        sent += size
    yield b'"}'


async def test_413_for_a_streamed_body_without_content_length(app, client, settings, token_for):
    request = client.build_request(
        "POST", app.url_path_for("create_org_unit"), content=_chunks(settings.max_body_bytes + 1),
        headers={**token_for("hr"), "Content-Type": "application/json"},
    )
    assert "content-length" not in request.headers and request.headers["transfer-encoding"] == "chunked"
    problem(await client.send(request), 413, "payload_too_large")


async def test_413_for_a_streamed_body_with_an_idempotency_key(app, client, settings, token_for):
    """The idempotency fingerprint reads the body before the handler; the limit must hold there too."""
    request = client.build_request(
        "POST", app.url_path_for("create_org_unit"), content=_chunks(settings.max_body_bytes + 1),
        headers={**token_for("hr"), "Content-Type": "application/json", "Idempotency-Key": "big-1"},
    )
    problem(await client.send(request), 413, "payload_too_large")


async def test_a_body_just_under_the_limit_is_accepted(app, client, settings, token_for):
    padding = " " * (settings.max_body_bytes - 200)
    body = ('{"code": "BIG-OK", "name": "Big", "kind": "office"' + padding + "}").encode()
    assert len(body) <= settings.max_body_bytes
    response = await client.post(app.url_path_for("create_org_unit"), content=body,
                                 headers={**token_for("hr"), "Content-Type": "application/json"})
    assert response.status_code == 201, response.text


async def test_422_for_malformed_json(app, client, token_for):
    response = await client.post(app.url_path_for("create_org_unit"), content=b'{"code": "A",',
                                 headers={**token_for("hr"), "Content-Type": "application/json"})
    body = problem(response, 422, "validation_failed")
    assert body["errors"][0]["loc"][0] == "body"
    assert body["errors"][0]["code"] == "json_invalid"


async def test_422_for_wrong_types_names_every_field(app, client, token_for):
    response = await client.post(
        app.url_path_for("create_org_unit"),
        json={"code": 123, "name": ["not", "a", "string"], "kind": "office", "is_service_unit": "maybe"},
        headers=token_for("hr"),
    )
    body = problem(response, 422, "validation_failed")
    by_field = {tuple(e["loc"]): e for e in body["errors"]}
    assert set(by_field) == {("body", "code"), ("body", "name"), ("body", "is_service_unit")}
    assert by_field[("body", "code")]["code"] == "string_type"
    assert by_field[("body", "is_service_unit")]["code"] == "bool_parsing"
    assert all(e["message"] for e in body["errors"])


async def test_422_for_an_unknown_field(app, client, token_for):
    response = await client.post(app.url_path_for("create_org_unit"), json={**UNIT, "version": 7},
                                 headers=token_for("hr"))
    body = problem(response, 422, "validation_failed")
    assert body["errors"] == [{"loc": ["body", "version"], "message": body["errors"][0]["message"],
                               "code": "extra_forbidden"}]


async def test_422_for_an_invalid_enum_value(app, client, token_for):
    response = await client.post(app.url_path_for("create_org_unit"), json={**UNIT, "kind": "castle"},
                                 headers=token_for("hr"))
    body = problem(response, 422, "validation_failed")
    assert [e["loc"] for e in body["errors"]] == [["body", "kind"]]
    assert body["errors"][0]["code"] == "literal_error"


async def test_422_for_a_missing_required_field(app, client, token_for):
    response = await client.post(app.url_path_for("create_org_unit"), json={"code": "A", "name": "B"},
                                 headers=token_for("hr"))
    body = problem(response, 422, "validation_failed")
    assert [(e["loc"], e["code"]) for e in body["errors"]] == [(["body", "kind"], "missing")]


async def test_422_for_a_malformed_path_id(client, token_for):
    response = await client.get("/api/v1/org-units/not-a-uuid", headers=token_for("hr"))
    body = problem(response, 422, "validation_failed")
    assert body["errors"][0]["loc"] == ["path", "unit_id"]


async def test_500_hides_internals_and_carries_the_request_id(app, client, db, token_for):
    boom = APIRouter(route_class=TransactionalRoute)

    @boom.get("/boom")
    async def explode() -> None:
        raise RuntimeError("SELECT password_hash FROM users -- secret internals")

    app.include_router(boom)
    response = await client.get("/boom", headers={"X-Request-ID": "trace-500"})
    body = problem(response, 500, "internal_error")
    assert body["request_id"] == "trace-500"
    assert "password_hash" not in response.text and "RuntimeError" not in response.text
    assert "Traceback" not in response.text


async def test_request_id_is_echoed_when_given(client):
    response = await client.get("/healthz", headers={"X-Request-ID": "abc-123.x:y"})
    assert response.headers["x-request-id"] == "abc-123.x:y"


async def test_request_id_is_generated_when_absent_or_unsafe(app, client):
    first = (await client.get("/healthz")).headers["x-request-id"]
    second = (await client.get("/healthz")).headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second
    # A header that could forge log lines is replaced, not echoed.
    forged = await client.get("/healthz", headers={"X-Request-ID": "x" * 200})
    assert forged.headers["x-request-id"] != "x" * 200
    # And problems quote the same id as the header.
    response = await client.get(app.url_path_for("list_org_units"), headers={"X-Request-ID": "rid-401"})
    assert response.json()["request_id"] == "rid-401" == response.headers["x-request-id"]


async def test_problem_shape_is_stable_over_http(app, token_for):
    """The same shape from a fresh app with no database work (errors raised before any session)."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        response = await http.delete(app.url_path_for("delete_org_unit", unit_id=str(uuid.uuid4())))
    problem(response, 401, "unauthorized")
