"""Every org-unit route × every kind of caller → the expected class of answer (api.md §2 role table).

Org units are master data: every role and a client with `org_units:read` reads them; only admin, hr
and a client with `org_units:write` change them. Scopes are not implied: a write-only client cannot read.
"""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.conftest import _build_app
from tests.factories import make_org_unit

CALLERS = ("admin", "hr", "unit_admin", "employee", "anonymous",
           "client_read", "client_write", "client_other")
READERS = {"admin", "hr", "unit_admin", "employee", "client_read"}
WRITERS = {"admin", "hr", "client_write"}

# route name -> (method, needs an existing unit, body, who may call it)
ROUTES = {
    "list_org_units": ("GET", False, None, READERS),
    "create_org_unit": ("POST", False, {"code": "PERM-NEW", "name": "New", "kind": "office"}, WRITERS),
    "get_org_unit": ("GET", True, None, READERS),
    "update_org_unit": ("PATCH", True, {"name": "Renamed"}, WRITERS),
    "delete_org_unit": ("DELETE", True, None, WRITERS),
    "get_org_unit_tree": ("GET", True, None, READERS),
}


@pytest.fixture(scope="module")
def shared_app(settings, engine):
    """One app for the 48 cells (building one costs ~0.2 s); each cell still gets its own transaction."""
    return _build_app(settings, engine, None)


@pytest.fixture
async def matrix_client(shared_app, session_factory):
    shared_app.state.sessionmaker = session_factory
    transport = httpx.ASGITransport(app=shared_app, client=("10.0.0.8", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


def _headers(caller: str, token_for, unit_id: uuid.UUID) -> dict[str, str]:
    if caller == "anonymous":
        return {}
    if caller.startswith("client_"):
        scopes = {"client_read": ["org_units:read"], "client_write": ["org_units:write"],
                  "client_other": ["positions:read", "employees:read", "changes:read"]}[caller]
        return token_for("client", scopes=scopes)
    return token_for(caller, unit=unit_id if caller == "unit_admin" else None,
                     employee=uuid.uuid4() if caller == "employee" else None)


def _expected(caller: str, allowed: set[str]) -> int:
    if caller == "anonymous":
        return 401
    return 200 if caller in allowed else 403


def test_the_table_covers_every_org_unit_route(app):
    # A new org-unit route must be added to ROUTES, or this matrix silently stops being complete.
    # (The position map lives under /org-units but belongs to, and is tested with, positions.)
    documented = {op["operationId"] for path, ops in app.openapi()["paths"].items()
                  if path.startswith("/api/v1/org-units") and not path.endswith("/position-map")
                  for op in ops.values()}
    assert documented == set(ROUTES)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("route", list(ROUTES))
async def test_role_table(shared_app, matrix_client, db, token_for, route, caller):
    method, needs_unit, body, allowed = ROUTES[route]
    unit = await make_org_unit(db)
    url = shared_app.url_path_for(route, **({"unit_id": str(unit.id)} if needs_unit else {}))
    headers = _headers(caller, token_for, unit.id)
    response = await matrix_client.request(method, url, json=body, headers=headers)
    expected = _expected(caller, allowed)
    assert response.status_code // 100 * 100 == expected // 100 * 100, (caller, route, response.text)
    if expected >= 400:
        assert response.status_code == expected, (caller, route, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        if expected == 401:
            assert response.headers["www-authenticate"] == "Bearer"
