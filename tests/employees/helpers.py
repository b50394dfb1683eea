"""Bodies and small assertions shared by the employee tests."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from tests.factories import employee_identity

_n = itertools.count(500_000)
PII = ("nik", "phone", "address")


def create_body(**overrides: Any) -> dict[str, Any]:
    """A valid POST /employees body (PNS man by default); identity fields follow gender/type/dates given."""
    identity = employee_identity(
        next(_n), gender=overrides.get("gender", "male"),
        employment_type=overrides.get("employment_type", "pns"),
        birth_date=overrides.get("birth_date"), civil_service_start=overrides.get("civil_service_start"),
    )
    body: dict[str, Any] = {
        "nip": identity["nip"], "full_name": "Rudi Tarigan", "gender": identity["gender"],
        "birth_date": identity["birth_date"].isoformat(), "employment_type": identity["employment_type"],
        "nik": identity["nik"],
    }
    if identity["civil_service_start"] is not None:
        body["civil_service_start"] = identity["civil_service_start"].isoformat()
    body.update({k: v.isoformat() if isinstance(v, date) else v for k, v in overrides.items()})
    return body


def field_problem(response: Any, field: str, code: str | None = None) -> dict[str, Any]:
    """A 422 problem whose (first) field error names `field`."""
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["errors"][0]["loc"][-1] == field, body
    if code is not None:
        assert body["errors"][0]["code"] == code, body
    return body
