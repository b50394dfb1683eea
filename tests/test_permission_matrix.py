"""Every route × every kind of caller → the expected class of answer (design.md §4, api.md §2).

`MATRIX` names the permission each (method, path) needs. What each caller should get is derived from
`ROLE_PERMISSIONS` and the client scopes, never written out per cell: anonymous → 401; a caller
lacking the permission → 403 `permission_denied`; a caller holding it → anything but 401/403 (the ids
are random and the bodies mostly `{}`, so 404 and 422 are normal: what is tested is the authorization
layer, which FastAPI runs before it validates path, query and body). Nobody ever gets a 5xx.

A route that is added without a row here fails `test_every_route_is_in_the_matrix`.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import routing
from fastapi.routing import APIRoute

from asn_api.auth.permissions import CLIENT_SCOPES, ROLE_PERMISSIONS, ROLES
from tests.conftest import _build_app

PUBLIC = "<no token needed>"
SIGNED_IN = "<any valid token>"
ALLOWED = 0  # expected class: "not 401/403"
BODY_METHODS = {"POST", "PUT", "PATCH"}


@dataclass(frozen=True)
class Rule:
    permission: str
    body: Any = None  # JSON body for POST/PUT/PATCH; `{}` when None
    form: bool = False  # an OAuth2 form instead of JSON
    refused: frozenset[str] = frozenset()  # callers holding the permission whom the route still refuses


# A body the route accepts, so that a refusal after validation shows as 403 and not as 422.
NEW_EMPLOYEE = {"nip": "198609262015051001", "full_name": "Rudi Sembiring", "gender": "male",
                "birth_date": "1986-09-26", "employment_type": "pns", "civil_service_start": "2015-05-01"}

V1 = "/api/v1"
MATRIX: dict[tuple[str, str], Rule] = {
    # auth (api.md §2)
    ("POST", f"{V1}/auth/token"): Rule(PUBLIC, form=True),
    ("GET", f"{V1}/auth/me"): Rule(SIGNED_IN),
    ("POST", f"{V1}/auth/password"): Rule(SIGNED_IN),
    ("GET", f"{V1}/users"): Rule("users:manage"),
    ("POST", f"{V1}/users"): Rule("users:manage"),
    ("GET", f"{V1}/users/{{user_id}}"): Rule("users:manage"),
    ("PATCH", f"{V1}/users/{{user_id}}"): Rule("users:manage"),
    ("DELETE", f"{V1}/users/{{user_id}}"): Rule("users:manage"),
    ("GET", f"{V1}/api-clients"): Rule("api_clients:manage"),
    ("POST", f"{V1}/api-clients"): Rule("api_clients:manage"),
    ("GET", f"{V1}/api-clients/{{client_id}}"): Rule("api_clients:manage"),
    ("DELETE", f"{V1}/api-clients/{{client_id}}"): Rule("api_clients:manage"),
    # org units (§3)
    ("GET", f"{V1}/org-units"): Rule("org_units:read"),
    ("POST", f"{V1}/org-units"): Rule("org_units:write"),
    ("GET", f"{V1}/org-units/{{unit_id}}"): Rule("org_units:read"),
    ("PATCH", f"{V1}/org-units/{{unit_id}}"): Rule("org_units:write"),
    ("DELETE", f"{V1}/org-units/{{unit_id}}"): Rule("org_units:write"),
    ("GET", f"{V1}/org-units/{{unit_id}}/tree"): Rule("org_units:read"),
    ("GET", f"{V1}/org-units/{{unit_id}}/position-map"): Rule("positions:read"),
    # positions (§4)
    ("GET", f"{V1}/positions"): Rule("positions:read"),
    ("POST", f"{V1}/positions"): Rule("positions:write"),
    ("GET", f"{V1}/positions/{{position_id}}"): Rule("positions:read"),
    ("PATCH", f"{V1}/positions/{{position_id}}"): Rule("positions:write"),
    ("POST", f"{V1}/positions/{{position_id}}/abolish"): Rule("positions:write"),
    ("PUT", f"{V1}/positions/{{position_id}}/workload"): Rule("positions:write"),
    ("GET", f"{V1}/positions/{{position_id}}/workload"): Rule("positions:read"),
    ("GET", f"{V1}/positions/{{position_id}}/incumbents"): Rule("employees:read"),
    # employees (§5); a unit_admin may not create one (the record would have no unit: 403 city_wide_only)
    ("GET", f"{V1}/employees"): Rule("employees:read"),
    ("POST", f"{V1}/employees"): Rule("employees:write", body=NEW_EMPLOYEE, refused=frozenset({"unit_admin"})),
    ("GET", f"{V1}/employees/by-nip/{{nip}}"): Rule("employees:read"),
    ("GET", f"{V1}/employees/{{employee_id}}"): Rule("employees:read"),
    ("PATCH", f"{V1}/employees/{{employee_id}}"): Rule("employees:write"),
    ("GET", f"{V1}/employees/{{employee_id}}/assignments"): Rule("employees:read"),
    ("POST", f"{V1}/employees/{{employee_id}}/assignments"): Rule("employees:write"),
    ("GET", f"{V1}/employees/{{employee_id}}/ranks"): Rule("employees:read"),
    ("POST", f"{V1}/employees/{{employee_id}}/ranks"): Rule("employees:write"),
    # reports, change feed, audit (§4, §11, §12)
    ("GET", f"{V1}/reports/staffing"): Rule("reports:read"),
    ("GET", f"{V1}/changes"): Rule("changes:read"),
    ("GET", f"{V1}/audit-events"): Rule("audit:read"),
    # operations (§12): /metrics is not in api.md's anonymous list, it needs metrics:read
    ("GET", "/docs"): Rule(PUBLIC),
    ("GET", "/redoc"): Rule(PUBLIC),
    ("GET", "/healthz"): Rule(PUBLIC),
    ("GET", "/readyz"): Rule(PUBLIC),
    ("GET", "/metrics"): Rule("metrics:read"),
}

# Path parameters that are not UUIDs; every other one gets a fresh random UUID.
PATH_VALUES = {"nip": "198609262015051001", "year": "2024", "resource": "employees",
               "tracking_code": "ABCD-1234-EFGH"}


def _callers(rule: Rule) -> list[str]:
    names = ["anonymous", *ROLES]
    if rule.permission in CLIENT_SCOPES:
        names.append("client_with_scope")
    names.append("client_other_scopes")
    return names


def _permissions(caller: str, rule: Rule) -> frozenset[str]:
    if caller == "client_with_scope":
        return frozenset({rule.permission})
    if caller == "client_other_scopes":  # every grantable scope except the one the route needs
        return frozenset(CLIENT_SCOPES - {rule.permission})
    return ROLE_PERMISSIONS[caller]


def _expected(caller: str, rule: Rule) -> int:
    if rule.permission == PUBLIC:
        return ALLOWED
    if caller == "anonymous":
        return 401
    if caller in rule.refused:
        return 403
    if rule.permission == SIGNED_IN or rule.permission in _permissions(caller, rule):
        return ALLOWED
    return 403


def _headers(caller: str, rule: Rule, token_for: Any) -> dict[str, str]:
    if caller == "anonymous":
        return {}
    if caller.startswith("client_"):
        return token_for("client", scopes=sorted(_permissions(caller, rule)))
    return token_for(caller, unit=uuid.uuid4() if caller == "unit_admin" else None,
                     employee=uuid.uuid4() if caller == "employee" else None)


def _url(path: str) -> str:
    return re.sub(r"{(\w+)(?::\w+)?}", lambda m: PATH_VALUES.get(m[1], str(uuid.uuid4())), path)


def _app_routes(app: Any) -> set[tuple[str, str]]:
    """(method, full path) of every APIRoute, included routers flattened (FastAPI ≥ 0.16x nests them)."""
    flatten = getattr(routing, "iter_route_contexts", None)
    found = set()
    for entry in (flatten(app.routes) if flatten else app.routes):
        if isinstance(getattr(entry, "original_route", entry), APIRoute):
            found |= {(method, entry.path) for method in entry.methods}
    return found


CASES = [(method, path, caller) for (method, path), rule in MATRIX.items() for caller in _callers(rule)]


@pytest.fixture(scope="module")
def matrix_app(settings, engine):
    """One app for all the cells (building one costs ~0.2 s); each cell still gets its own transaction."""
    return _build_app(settings, engine, None)


@pytest.fixture
async def matrix_client(matrix_app, session_factory):
    matrix_app.state.sessionmaker = session_factory  # writes by permitted callers are rolled back
    transport = httpx.ASGITransport(app=matrix_app, client=("10.0.0.9", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


def test_every_route_is_in_the_matrix(matrix_app):
    routes = _app_routes(matrix_app)
    assert routes - set(MATRIX) == set(), "routes without a row in MATRIX: classify them"
    assert set(MATRIX) - routes == set(), "MATRIX rows for routes that no longer exist"
    known = set(CLIENT_SCOPES).union(*ROLE_PERMISSIONS.values()) | {PUBLIC, SIGNED_IN}
    assert {rule.permission for rule in MATRIX.values()} <= known, "a permission nobody can hold"


@pytest.mark.parametrize(("method", "path", "caller"), CASES, ids=[" ".join(case) for case in CASES])
async def test_route_answers_caller_as_the_role_table_says(matrix_client, token_for, method, path, caller):
    rule = MATRIX[(method, path)]
    request: dict[str, Any] = {"headers": _headers(caller, rule, token_for)}
    if rule.form:
        request["data"] = {}
    elif method in BODY_METHODS:
        request["json"] = {} if rule.body is None else rule.body
    response = await matrix_client.request(method, _url(path), **request)

    expected = _expected(caller, rule)
    where = (method, path, caller, response.status_code, response.text[:300])
    assert response.status_code < 500, where
    if expected == ALLOWED:
        assert response.status_code not in (401, 403), where
        return
    assert response.status_code == expected, where
    assert response.headers["content-type"].startswith("application/problem+json"), where
    if expected == 401:
        assert response.headers["www-authenticate"] == "Bearer", where
    elif caller not in rule.refused:
        assert response.json()["code"] == "permission_denied", where
