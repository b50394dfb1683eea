"""Bearer tokens are checked strictly (signature, algorithm, expiry); /auth/me and /auth/password."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from asn_api.auth import tokens
from asn_api.auth.models import User
from asn_api.core import clock
from asn_api.core.config import Settings
from tests.factories import PASSWORD, make_api_client, make_org_unit, make_user, problem


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _unb64(part: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _issue(settings: Settings, role: str = "admin", **overrides) -> str:
    values = {"subject": str(uuid.uuid4()), "username": "someone", "role": role, "unit": None,
              "employee": None, "scopes": []}
    return tokens.issue_access_token(settings, **{**values, **overrides}).token


async def _login(app, client, username: str, password: str = PASSWORD) -> dict:
    response = await client.post(app.url_path_for("issue_token"),
                                 data={"grant_type": "password", "username": username, "password": password})
    assert response.status_code == 200, response.text
    return response.json()


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _flip_signature(token: str) -> str:
    header, payload, signature = token.split(".")
    middle = len(signature) // 2
    swapped = "A" if signature[middle] != "A" else "B"
    return ".".join([header, payload, signature[:middle] + swapped + signature[middle + 1:]])


def _change_payload(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = _unb64(payload)
    claims["role"] = "admin"
    return ".".join([header, _b64(claims), signature])


def _alg_none(token: str) -> str:
    _, payload, _ = token.split(".")
    return ".".join([_b64({"alg": "none", "typ": "JWT"}), payload, ""])


def _other_algorithm(settings: Settings) -> str:
    return _issue(Settings(env="test", jwt_secret=settings.jwt_secret, jwt_algorithm="HS512"), role="hr")


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda s: _flip_signature(_issue(s, role="hr")), id="flipped-signature"),
        pytest.param(lambda s: _change_payload(_issue(s, role="employee")), id="changed-payload"),
        pytest.param(lambda s: _alg_none(_issue(s, role="hr")), id="alg-none"),
        pytest.param(lambda s: _issue(Settings(env="test", jwt_secret="another-secret-" + "y" * 40)),
                     id="other-secret"),
        pytest.param(_other_algorithm, id="algorithm-not-pinned"),
        pytest.param(lambda s: _issue(s).rsplit(".", 1)[0], id="truncated"),
        pytest.param(lambda s: "not.a.jwt", id="garbage"),
    ],
)
async def test_forged_tokens_are_401_invalid_token(app, client, settings, forge):
    response = await client.get(app.url_path_for("read_me"), headers=_bearer(forge(settings)))
    problem(response, 401, "invalid_token")
    assert response.headers["www-authenticate"] == "Bearer"


async def test_an_expired_token_is_401(app, client, settings):
    clock.freeze(clock.now() - timedelta(minutes=settings.access_token_minutes, seconds=1))
    expired = _issue(settings, role="hr")
    clock.freeze(None)
    response = await client.get(app.url_path_for("read_me"), headers=_bearer(expired))
    problem(response, 401, "invalid_token")
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_token_expires_on_our_clock_too(app, client, settings):
    fresh = _issue(settings, role="hr")
    assert (await client.get(app.url_path_for("read_me"), headers=_bearer(fresh))).status_code == 200
    clock.freeze(clock.now() + timedelta(minutes=settings.access_token_minutes, seconds=1))
    problem(await client.get(app.url_path_for("read_me"), headers=_bearer(fresh)), 401, "invalid_token")


async def test_a_refresh_token_is_not_an_access_token(app, client, db):
    user = await make_user(db)
    pair = await _login(app, client, user.username)
    problem(await client.get(app.url_path_for("read_me"), headers=_bearer(pair["refresh_token"])), 401,
            "invalid_token")


async def test_a_token_without_the_access_type_is_refused(app, client, settings):
    from jose import jwt

    now = int(clock.now().timestamp())
    claims = {"sub": str(uuid.uuid4()), "role": "admin", "iat": now, "exp": now + 60, "jti": "x", "scope": ""}
    token = jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")
    problem(await client.get(app.url_path_for("read_me"), headers=_bearer(token)), 401, "invalid_token")


async def test_me_for_a_user(app, client, db):
    unit = await make_org_unit(db)
    user = await make_user(db, role="unit_admin", org_unit_id=unit.id)
    pair = await _login(app, client, user.username)
    response = await client.get(app.url_path_for("read_me"), headers=_bearer(pair["access_token"]))
    assert response.status_code == 200
    me = response.json()
    assert me == {"id": str(user.id), "username": user.username, "role": "unit_admin",
                  "org_unit_id": str(unit.id), "employee_id": None, "scopes": me["scopes"]}
    assert "org_units:read" in me["scopes"] and "org_units:write" not in me["scopes"]
    assert me["scopes"] == sorted(me["scopes"])


async def test_me_for_a_client(app, client, db):
    api_client = await make_api_client(db, scopes=["changes:read", "org_units:read"])
    response = await client.post(app.url_path_for("issue_token"), data={
        "grant_type": "client_credentials", "client_id": api_client.client_id, "client_secret": PASSWORD})
    access = _bearer(response.json()["access_token"])
    me = (await client.get(app.url_path_for("read_me"), headers=access)).json()
    assert me["role"] == "client" and me["id"] == str(api_client.id)
    assert me["scopes"] == ["changes:read", "org_units:read"]


async def test_me_without_a_token_is_401(app, client):
    response = await client.get(app.url_path_for("read_me"))
    problem(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"


async def test_change_password(app, client, db):
    user = await make_user(db)
    pair = await _login(app, client, user.username)
    new_password = "a brand new passphrase"
    response = await client.post(app.url_path_for("change_password"), headers=_bearer(pair["access_token"]),
                                 json={"current_password": PASSWORD, "new_password": new_password})
    assert response.status_code == 204, response.text
    # Every refresh token of the account is revoked ...
    refresh = await client.post(app.url_path_for("issue_token"),
                                data={"grant_type": "refresh_token", "refresh_token": pair["refresh_token"]})
    assert refresh.status_code == 400 and refresh.json()["error"] == "invalid_grant"
    # ... the old password fails and the new one works.
    old = await client.post(app.url_path_for("issue_token"),
                            data={"grant_type": "password", "username": user.username, "password": PASSWORD})
    assert old.status_code == 400
    await _login(app, client, user.username, new_password)
    stored = (await db.execute(select(User.password_hash).where(User.id == user.id))).scalar_one()
    assert stored.startswith("$argon2id$") and new_password not in stored


async def test_change_password_with_a_wrong_current_password_is_422(app, client, db):
    user = await make_user(db)
    pair = await _login(app, client, user.username)
    response = await client.post(app.url_path_for("change_password"), headers=_bearer(pair["access_token"]),
                                 json={"current_password": "not my password", "new_password": "x" * 20})
    body = problem(response, 422, "validation_failed")
    assert body["errors"][0]["loc"] == ["body", "current_password"]
    assert body["errors"][0]["code"] == "invalid_credentials"
    await _login(app, client, user.username)  # unchanged


async def test_change_password_too_short_is_422(app, client, db):
    user = await make_user(db)
    pair = await _login(app, client, user.username)
    response = await client.post(app.url_path_for("change_password"), headers=_bearer(pair["access_token"]),
                                 json={"current_password": PASSWORD, "new_password": "short"})
    body = problem(response, 422, "validation_failed")
    assert body["errors"][0]["loc"] == ["body", "new_password"]
    await _login(app, client, user.username)  # unchanged


async def test_clients_have_no_password_to_change(app, client, token_for):
    response = await client.post(app.url_path_for("change_password"), headers=token_for("client", scopes=[]),
                                 json={"current_password": "whatever", "new_password": "x" * 20})
    problem(response, 403, "not_a_user")


async def test_change_password_needs_a_token(app, client):
    problem(await client.post(app.url_path_for("change_password"),
                              json={"current_password": "a", "new_password": "x" * 20}), 401, "unauthorized")
