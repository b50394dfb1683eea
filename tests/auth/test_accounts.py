"""/users and /api-clients (api.md §2): admin only; passwords ≥ 12 characters; a client secret shown once."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from asn_api.auth.models import ApiClient, User
from asn_api.auth.permissions import CLIENT_SCOPES
from asn_api.core.idempotency import IdempotencyRecord
from asn_api.core.journal import AuditEvent, Change
from tests.factories import PASSWORD, make_org_unit, make_user, problem

NEW_USER = {"username": "Siti.HR", "role": "hr", "password": "a-long-passphrase"}


@pytest.fixture
async def admin(db, token_for):
    """A real admin row (self-lockout rules compare the token's subject with it) and its token."""
    user = await make_user(db, role="admin")
    return user, token_for("admin", subject=user.id)


async def _login(app, client, username: str, password: str):
    return await client.post(app.url_path_for("issue_token"),
                             data={"grant_type": "password", "username": username, "password": password})


async def test_admin_creates_a_user_who_can_log_in(app, client, db, admin):
    _, headers = admin
    response = await client.post(app.url_path_for("create_user"), json=NEW_USER, headers=headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["username"] == "siti.hr" and body["role"] == "hr" and body["is_active"] is True
    assert set(body) == {"id", "username", "role", "org_unit_id", "employee_id", "is_active", "version",
                         "created_at"}
    assert response.headers["location"].endswith(app.url_path_for("get_user", user_id=body["id"]))
    assert response.headers["etag"] == '"1"'
    stmt = select(User.password_hash).where(User.id == uuid.UUID(body["id"]))
    stored = (await db.execute(stmt)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert (await _login(app, client, "siti.hr", NEW_USER["password"])).status_code == 200


async def test_short_password_is_422(app, client, admin):
    response = await client.post(app.url_path_for("create_user"),
                                 json={**NEW_USER, "password": "elevenchars"}, headers=admin[1])
    body = problem(response, 422, "validation_failed")
    assert body["errors"][0]["loc"] == ["body", "password"]


async def test_duplicate_username_is_409_case_insensitively(app, client, db, admin):
    existing = await make_user(db)
    response = await client.post(app.url_path_for("create_user"),
                                 json={**NEW_USER, "username": existing.username.upper()}, headers=admin[1])
    problem(response, 409, "username_taken")


async def test_unit_admin_needs_a_unit_that_exists(app, client, db, admin):
    url = app.url_path_for("create_user")
    body = {**NEW_USER, "role": "unit_admin"}
    response = await client.post(url, json=body, headers=admin[1])
    assert problem(response, 422, "org_unit_required")["errors"][0]["loc"] == ["body", "org_unit_id"]
    response = await client.post(url, json={**body, "org_unit_id": str(uuid.uuid4())}, headers=admin[1])
    problem(response, 422, "org_unit_not_found")
    unit = await make_org_unit(db)
    response = await client.post(url, json={**body, "org_unit_id": str(unit.id)}, headers=admin[1])
    assert response.status_code == 201 and response.json()["org_unit_id"] == str(unit.id)


async def test_list_get_patch_delete_users(app, client, db, admin):
    me, headers = admin
    others = [await make_user(db) for _ in range(3)]
    listed = await client.get(app.url_path_for("list_users"), params={"limit": 500}, headers=headers)
    assert listed.status_code == 200
    names = [u["username"] for u in listed.json()["items"]]
    assert names == sorted(names) and {u.username for u in [me, *others]} <= set(names)
    assert all("password" not in key for item in listed.json()["items"] for key in item)

    target = others[0]
    url = app.url_path_for("get_user", user_id=str(target.id))
    got = await client.get(url, headers=headers)
    assert got.status_code == 200 and got.headers["etag"] == '"1"'
    patched = await client.patch(url, json={"role": "admin"}, headers={**headers, "If-Match": '"1"'})
    assert patched.status_code == 200 and patched.json()["role"] == "admin" and patched.json()["version"] == 2
    problem(await client.patch(url, json={"role": "hr"}, headers={**headers, "If-Match": '"1"'}), 412,
            "version_mismatch")
    assert (await client.delete(url, headers=headers)).status_code == 204
    problem(await client.get(url, headers=headers), 404, "user_not_found")


async def test_disabling_a_user_stops_login_and_refresh(app, client, db, admin):
    target = await make_user(db)
    pair = (await _login(app, client, target.username, PASSWORD)).json()
    url = app.url_path_for("update_user", user_id=str(target.id))
    assert (await client.patch(url, json={"is_active": False}, headers=admin[1])).status_code == 200
    assert (await _login(app, client, target.username, PASSWORD)).status_code == 400
    refresh = await client.post(app.url_path_for("issue_token"),
                                data={"grant_type": "refresh_token", "refresh_token": pair["refresh_token"]})
    assert refresh.status_code == 400


async def test_admin_resets_a_password(app, client, db, admin):
    target = await make_user(db)
    pair = (await _login(app, client, target.username, PASSWORD)).json()
    url = app.url_path_for("update_user", user_id=str(target.id))
    problem(await client.patch(url, json={"password": "too short"}, headers=admin[1]), 422,
            "validation_failed")
    reset = await client.patch(url, json={"password": "reset by the admin"}, headers=admin[1])
    assert reset.status_code == 200
    assert (await _login(app, client, target.username, "reset by the admin")).status_code == 200
    refresh = await client.post(app.url_path_for("issue_token"),
                                data={"grant_type": "refresh_token", "refresh_token": pair["refresh_token"]})
    assert refresh.status_code == 400


async def test_admins_cannot_lock_themselves_out(app, client, admin):
    me, headers = admin
    url = app.url_path_for("update_user", user_id=str(me.id))
    for change in ({"role": "hr"}, {"is_active": False}):
        body = problem(await client.patch(url, json=change, headers=headers), 422, "validation_failed")
        assert body["errors"][0]["code"] == "self_lockout"
    problem(await client.delete(url, headers=headers), 409, "self_lockout")


async def test_user_routes_unknown_id_and_unknown_fields(app, client, admin):
    url = app.url_path_for("get_user", user_id=str(uuid.uuid4()))
    problem(await client.get(url, headers=admin[1]), 404, "user_not_found")
    problem(await client.patch(url, json={"role": "hr"}, headers=admin[1]), 404, "user_not_found")
    problem(await client.delete(url, headers=admin[1]), 404, "user_not_found")
    response = await client.post(app.url_path_for("create_user"), json={**NEW_USER, "password_hash": "x"},
                                 headers=admin[1])
    problem(response, 422, "validation_failed")


async def test_api_client_secret_is_shown_once_and_works(app, client, db, admin):
    headers = admin[1]
    response = await client.post(app.url_path_for("create_api_client"),
                                 json={"name": "SIMPEG sync", "scopes": ["org_units:read", "changes:read"]},
                                 headers=headers)
    assert response.status_code == 201, response.text
    created = response.json()
    secret = created["client_secret"]
    assert len(secret) >= 32 and created["scopes"] == ["changes:read", "org_units:read"]
    stmt = select(ApiClient).where(ApiClient.id == uuid.UUID(created["id"]))
    stored = (await db.execute(stmt)).scalar_one()
    assert stored.secret_hash.startswith("$argon2id$") and secret not in stored.secret_hash

    listed = await client.get(app.url_path_for("list_api_clients"), headers=headers)
    item = next(c for c in listed.json()["items"] if c["id"] == created["id"])
    assert "client_secret" not in item and secret not in listed.text

    grant = await client.post(app.url_path_for("issue_token"), data={
        "grant_type": "client_credentials", "client_id": created["client_id"], "client_secret": secret})
    assert grant.status_code == 200, grant.text
    access = {"Authorization": f"Bearer {grant.json()['access_token']}"}
    assert (await client.get(app.url_path_for("list_org_units"), headers=access)).status_code == 200

    url = app.url_path_for("delete_api_client", client_id=created["id"])
    assert (await client.delete(url, headers=headers)).status_code == 204
    again = await client.post(app.url_path_for("issue_token"), data={
        "grant_type": "client_credentials", "client_id": created["client_id"], "client_secret": secret})
    assert again.status_code == 401 and again.json()["error"] == "invalid_client"
    problem(await client.delete(url, headers=headers), 404, "api_client_not_found")


async def test_api_client_create_ignores_idempotency_key_so_the_secret_is_never_stored(app, client, db, admin):
    headers = {**admin[1], "Idempotency-Key": "create-client-1"}
    body = {"name": "SIMPEG sync", "scopes": ["org_units:read"]}
    url = app.url_path_for("create_api_client")
    first, second = [await client.post(url, json=body, headers=headers) for _ in range(2)]
    assert first.status_code == second.status_code == 201, (first.text, second.text)
    assert "idempotent-replayed" not in second.headers
    # A retry makes a second client (documented): the first answer, with its secret, was never kept.
    assert first.json()["id"] != second.json()["id"]
    assert first.json()["client_id"] != second.json()["client_id"]
    assert first.json()["client_secret"] != second.json()["client_secret"]
    records = list((await db.execute(select(IdempotencyRecord))).scalars())
    assert [r for r in records if r.key == "create-client-1"] == []
    for record in records:
        for secret in (first.json()["client_secret"], second.json()["client_secret"]):
            assert secret.encode() not in (record.response_body or b"")


async def test_an_api_client_is_a_resource_with_version_etag_and_if_match(app, client, admin):
    headers = admin[1]
    created = await client.post(app.url_path_for("create_api_client"),
                                json={"name": "Dashboard", "scopes": ["changes:read"]}, headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["version"] == 1 and created.headers["etag"] == '"1"'
    url = app.url_path_for("get_api_client", client_id=body["id"])
    assert created.headers["location"].endswith(url)

    got = await client.get(created.headers["location"], headers=headers)
    assert got.status_code == 200, got.text
    assert got.headers["etag"] == '"1"'
    assert got.json() == {k: v for k, v in body.items() if k != "client_secret"}
    assert set(got.json()) == {"id", "name", "client_id", "scopes", "is_active", "version", "created_at"}

    problem(await client.delete(url, headers={**headers, "If-Match": '"2"'}), 412, "version_mismatch")
    assert (await client.get(url, headers=headers)).status_code == 200  # a stale delete changed nothing
    assert (await client.delete(url, headers={**headers, "If-Match": '"1"'})).status_code == 204
    problem(await client.get(url, headers=headers), 404, "api_client_not_found")
    problem(await client.delete(url, headers=headers), 404, "api_client_not_found")


async def test_api_client_with_an_unknown_scope_is_422(app, client, admin):
    for scopes in (["org_units:read", "audit:read"], ["users:manage"], []):
        response = await client.post(app.url_path_for("create_api_client"),
                                     json={"name": "Bad", "scopes": scopes}, headers=admin[1])
        body = problem(response, 422, "validation_failed")
        assert body["errors"][0]["loc"] == ["body", "scopes"]
        assert body["errors"][0]["code"] == ("too_short" if not scopes else "unknown_scope")


@pytest.mark.parametrize(
    ("route", "method", "params", "body"),
    [
        ("list_users", "GET", {}, None),
        ("create_user", "POST", {}, NEW_USER),
        ("get_user", "GET", {"user_id": str(uuid.UUID(int=1))}, None),
        ("update_user", "PATCH", {"user_id": str(uuid.UUID(int=1))}, {"role": "hr"}),
        ("delete_user", "DELETE", {"user_id": str(uuid.UUID(int=1))}, None),
        ("list_api_clients", "GET", {}, None),
        ("create_api_client", "POST", {}, {"name": "x", "scopes": ["org_units:read"]}),
        ("get_api_client", "GET", {"client_id": str(uuid.UUID(int=1))}, None),
        ("delete_api_client", "DELETE", {"client_id": str(uuid.UUID(int=1))}, None),
    ],
)
async def test_account_routes_are_admin_only(app, client, token_for, route, method, params, body):
    url = app.url_path_for(route, **params)
    problem(await client.request(method, url, json=body), 401, "unauthorized")
    roles = (("hr", {}), ("unit_admin", {"unit": uuid.uuid4()}), ("employee", {"employee": uuid.uuid4()}))
    for role, extra in roles:
        response = await client.request(method, url, json=body, headers=token_for(role, **extra))
        problem(response, 403, "permission_denied")
    every_client_scope = token_for("client", scopes=sorted(CLIENT_SCOPES))
    response = await client.request(method, url, json=body, headers=every_client_scope)
    problem(response, 403, "permission_denied")


async def test_account_changes_are_audited_without_secrets_and_stay_off_the_feed(app, client, db, admin):
    me, headers = admin
    created = (await client.post(app.url_path_for("create_user"), json=NEW_USER, headers=headers)).json()
    url = app.url_path_for("update_user", user_id=created["id"])
    await client.patch(url, json={"password": "another long passphrase", "role": "unit_admin",
                                  "org_unit_id": str((await make_org_unit(db)).id)}, headers=headers)
    events = list((await db.execute(select(AuditEvent).where(AuditEvent.resource_id == created["id"])
                                    .order_by(AuditEvent.occurred_at))).scalars())
    assert [(e.resource, e.action, e.actor_id) for e in events] == [("user", "created", str(me.id)),
                                                                     ("user", "updated", str(me.id))]
    assert events[1].changes["role"] == ["hr", "unit_admin"]
    for event in events:
        assert "password_hash" not in event.changes and "password" not in event.changes
        assert "argon2" not in str(event.changes) and "passphrase" not in str(event.changes)
    feed = (await db.execute(select(Change).where(Change.resource_id == created["id"]))).first()
    assert feed is None  # accounts are not domain data: audited, not published
