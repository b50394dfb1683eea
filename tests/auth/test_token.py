"""POST /auth/token (api.md §2): password, refresh_token (rotating) and client_credentials grants."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest

from asn_api.core import clock
from tests.factories import PASSWORD, make_api_client, make_user


def claims_of(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


async def token(app, client, **form):
    return await client.post(app.url_path_for("issue_token"), data=form)


async def login(app, client, username: str, password: str = PASSWORD):
    return await token(app, client, grant_type="password", username=username, password=password)


async def refresh(app, client, refresh_token: str):
    return await token(app, client, grant_type="refresh_token", refresh_token=refresh_token)


def oauth_error(response, status: int, error: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")  # RFC 6749, not problem+json
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["error"] == error
    return body


async def test_password_grant_issues_an_access_and_refresh_token(app, client, db, settings):
    user = await make_user(db, role="hr")
    response = await login(app, client, user.username)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == settings.access_token_minutes * 60
    assert body["refresh_token"] and body["refresh_token"] != body["access_token"]
    claims = claims_of(body["access_token"])
    assert claims["sub"] == str(user.id) and claims["role"] == "hr"
    assert {"unit", "emp", "scope", "iat", "exp", "jti"} <= set(claims)
    assert claims["exp"] - claims["iat"] == settings.access_token_minutes * 60
    assert "org_units:write" in claims["scope"].split()
    bearer = {"Authorization": f"Bearer {body['access_token']}"}
    me = await client.get(app.url_path_for("read_me"), headers=bearer)
    assert me.status_code == 200 and me.json()["id"] == str(user.id)


async def test_usernames_are_case_insensitive(app, client, db):
    user = await make_user(db, role="hr")
    response = await login(app, client, user.username.upper())
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("username_known", [True, False])
async def test_wrong_credentials_are_invalid_grant(app, client, db, username_known):
    user = await make_user(db)
    username = user.username if username_known else "nobody-at-all"
    response = await login(app, client, username, "wrong password!")
    body = oauth_error(response, 400, "invalid_grant")
    assert "password" in body["error_description"].lower()


async def test_an_inactive_user_cannot_log_in(app, client, db):
    user = await make_user(db, is_active=False)
    oauth_error(await login(app, client, user.username),
                400, "invalid_grant")


async def test_unsupported_and_incomplete_grants(app, client):
    oauth_error(await token(app, client, grant_type="authorization_code", code="x"), 400,
                "unsupported_grant_type")
    oauth_error(await token(app, client), 400, "unsupported_grant_type")
    oauth_error(await token(app, client, grant_type="password", username="someone"), 400, "invalid_request")
    oauth_error(await token(app, client, grant_type="refresh_token"), 400, "invalid_request")


@pytest.mark.parametrize(
    ("field", "form"),
    [
        ("grant_type", {"grant_type": "g" * 65}),
        ("username", {"grant_type": "password", "username": "u" * 200, "password": PASSWORD}),
        ("password", {"grant_type": "password", "username": "someone", "password": "p" * 257}),
        ("refresh_token", {"grant_type": "refresh_token", "refresh_token": "r" * 257}),
        ("client_id", {"grant_type": "client_credentials", "client_id": "c" * 65, "client_secret": PASSWORD}),
        ("client_secret", {"grant_type": "client_credentials", "client_id": "asn_x", "client_secret": "s" * 257}),
        ("scope", {"grant_type": "client_credentials", "client_id": "asn_x", "client_secret": PASSWORD,
                   "scope": "org_units:read " * 100}),
    ],
)
async def test_an_over_long_field_is_an_oauth_invalid_request(app, client, field, form):
    """The token endpoint answers RFC 6749 errors only: never a 422 problem, even for a length limit."""
    body = oauth_error(await token(app, client, **form), 400, "invalid_request")
    assert field in body["error_description"]


async def test_a_username_at_the_length_limit_is_an_ordinary_wrong_login(app, client):
    oauth_error(await login(app, client, "u" * 150, "wrong password!"), 400, "invalid_grant")


async def test_refresh_rotates_and_the_old_token_stops_working(app, client, db):
    user = await make_user(db)
    first = (await login(app, client, user.username)).json()
    second = await refresh(app, client, first["refresh_token"])
    assert second.status_code == 200, second.text
    pair = second.json()
    assert pair["refresh_token"] != first["refresh_token"]
    assert claims_of(pair["access_token"])["sub"] == str(user.id)
    oauth_error(await refresh(app, client, first["refresh_token"]),
                400, "invalid_grant")


async def test_reusing_a_used_refresh_token_revokes_the_family(app, client, db):
    user = await make_user(db)
    first = (await login(app, client, user.username)).json()
    second = (await refresh(app, client, first["refresh_token"])).json()
    # An attacker replays the stolen first token: refused, and the legitimate newest one dies with it.
    oauth_error(await refresh(app, client, first["refresh_token"]),
                400, "invalid_grant")
    oauth_error(await refresh(app, client, second["refresh_token"]),
                400, "invalid_grant")
    # Other sessions of the same user (another family) are untouched.
    other = (await login(app, client, user.username)).json()
    assert (await token(app, client, grant_type="refresh_token",
                        refresh_token=other["refresh_token"])).status_code == 200


async def test_unknown_and_expired_refresh_tokens(app, client, db, settings):
    user = await make_user(db)
    oauth_error(await refresh(app, client, "made-up"), 400, "invalid_grant")
    issued = (await login(app, client, user.username)).json()
    clock.freeze(clock.now() + timedelta(days=settings.refresh_token_days, seconds=1))
    oauth_error(await refresh(app, client, issued["refresh_token"]),
                400, "invalid_grant")


async def test_a_disabled_user_cannot_refresh(app, client, db):
    user = await make_user(db)
    issued = (await login(app, client, user.username)).json()
    user.is_active = False
    await db.flush()
    oauth_error(await refresh(app, client, issued["refresh_token"]),
                400, "invalid_grant")


async def test_lockout_after_five_failures_and_release_after_the_window(app, client, db):
    user = await make_user(db)
    start = clock.now()
    clock.freeze(start)
    for _ in range(5):
        oauth_error(await login(app, client, user.username, "nope"),
                    400, "invalid_grant")
    locked = await login(app, client, user.username)
    oauth_error(locked, 429, "too_many_attempts")
    assert int(locked.headers["retry-after"]) == 15 * 60
    # Different spelling of the same username is the same account.
    oauth_error(await token(app, client, grant_type="password", username=user.username.upper(),
                            password=PASSWORD), 429, "too_many_attempts")
    clock.freeze(start + timedelta(minutes=10))
    locked = await login(app, client, user.username)
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) == 5 * 60
    clock.freeze(start + timedelta(minutes=15, seconds=1))
    response = await login(app, client, user.username)
    assert response.status_code == 200, response.text


async def test_failures_spread_beyond_the_window_do_not_lock(app, client, db):
    user = await make_user(db)
    start = clock.now()
    for minute in (0, 4, 8, 12, 16):  # five failures, but never five within 15 minutes
        clock.freeze(start + timedelta(minutes=minute))
        await login(app, client, user.username, "nope")
    response = await login(app, client, user.username)
    assert response.status_code == 200, response.text


async def test_a_success_clears_earlier_failures(app, client, db):
    user = await make_user(db)
    for _ in range(4):
        await login(app, client, user.username, "nope")
    assert (await token(app, client, grant_type="password", username=user.username,
                        password=PASSWORD)).status_code == 200
    for _ in range(4):
        await login(app, client, user.username, "nope")
    assert (await token(app, client, grant_type="password", username=user.username,
                        password=PASSWORD)).status_code == 200


async def test_lockout_is_per_username(app, client, db):
    victim, bystander = await make_user(db), await make_user(db)
    for _ in range(5):
        await login(app, client, victim.username, "nope")
    assert (await token(app, client, grant_type="password", username=bystander.username,
                        password=PASSWORD)).status_code == 200


async def test_client_credentials_grant(app, client, db):
    api_client = await make_api_client(db, scopes=["org_units:read", "changes:read"])
    response = await token(app, client, grant_type="client_credentials", client_id=api_client.client_id,
                           client_secret=PASSWORD)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "refresh_token" not in body
    assert body["scope"] == "changes:read org_units:read"
    claims = claims_of(body["access_token"])
    assert claims["role"] == "client" and claims["sub"] == str(api_client.id)
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    assert (await client.get(app.url_path_for("list_org_units"), headers=headers)).status_code == 200
    assert (await client.get(app.url_path_for("list_changes"), headers=headers)).status_code == 200
    assert (await client.post(app.url_path_for("create_org_unit"), headers=headers,
                              json={"code": "CC", "name": "CC", "kind": "office"})).status_code == 403


async def test_client_credentials_can_narrow_the_scopes(app, client, db):
    api_client = await make_api_client(db, scopes=["org_units:read", "changes:read"])
    body = (await token(app, client, grant_type="client_credentials", client_id=api_client.client_id,
                        client_secret=PASSWORD, scope="org_units:read")).json()
    assert body["scope"] == "org_units:read"
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    assert (await client.get(app.url_path_for("list_org_units"), headers=headers)).status_code == 200
    assert (await client.get(app.url_path_for("list_changes"), headers=headers)).status_code == 403


async def test_client_credentials_refuses_ungranted_scopes(app, client, db):
    api_client = await make_api_client(db, scopes=["org_units:read"])
    response = await token(app, client, grant_type="client_credentials", client_id=api_client.client_id,
                           client_secret=PASSWORD, scope="org_units:read org_units:write")
    body = oauth_error(response, 400, "invalid_scope")
    assert "org_units:write" in body["error_description"]


async def test_client_credentials_bad_secret_or_client_is_invalid_client(app, client, db):
    api_client = await make_api_client(db, scopes=["org_units:read"])
    for client_id, secret in ((api_client.client_id, "wrong secret"), ("asn_unknown", PASSWORD)):
        response = await token(app, client, grant_type="client_credentials", client_id=client_id,
                               client_secret=secret)
        oauth_error(response, 401, "invalid_client")
        assert response.headers["www-authenticate"]
    api_client.is_active = False
    await db.flush()
    oauth_error(await token(app, client, grant_type="client_credentials", client_id=api_client.client_id,
                            client_secret=PASSWORD), 401, "invalid_client")
