"""POST /employees: the NIP/NIK/rank rules, table-driven; every 422 names the field and writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from asn_api.core.journal import AuditEvent, Change
from tests.employees.helpers import PII, create_body, field_problem
from tests.factories import problem

Body = dict[str, Any]


def _digits(nip: str, start: int, replacement: str) -> str:
    """Replace NIP digits from 1-based position `start`."""
    return nip[: start - 1] + replacement + nip[start - 1 + len(replacement):]


def _drop(key: str) -> Callable[[Body], Body]:
    return lambda b: {k: v for k, v in b.items() if k != key}


VALID: list[tuple[str, Body]] = [
    ("pns man", create_body()),
    ("pns woman with nik", create_body(gender="female")),
    ("cpns man with rank", create_body(employment_type="cpns", rank="III/a")),
    ("pppk man without civil_service_start", create_body(employment_type="pppk", rank="IX")),
    ("pppk_paruh_waktu woman", create_body(employment_type="pppk_paruh_waktu", gender="female", rank="V")),
    ("pns full record", create_body(
        front_title="dr.", back_title="M.Kes.", birth_place="Binjai", rank="IV/a",
        rank_effective_date="2020-04-01", education_level="s2", email="rudi@binjaikota.go.id.example",
        phone="+62 812 1234 5678", address="Jl. Jend. Sudirman No. 6, Binjai")),
]

# (case, body transform, field the 422 must name, code or None for a schema error)
INVALID: list[tuple[str, Callable[[Body], Body], str, str | None]] = [
    ("nip 17 digits", lambda b: {**b, "nip": b["nip"][:17]}, "nip", "nip_format"),
    ("nip with a letter", lambda b: {**b, "nip": _digits(b["nip"], 10, "X")}, "nip", "nip_format"),
    ("nip 19 digits", lambda b: {**b, "nip": b["nip"] + "1"}, "nip", None),
    ("nip birth date is not a date", lambda b: {**b, "nip": _digits(b["nip"], 5, "13")}, "nip",
     "nip_birth_date_invalid"),
    ("nip birth date differs", lambda b: {**b, "birth_date": "1969-12-31"}, "nip", "nip_birth_date_mismatch"),
    ("nip gender digit 1 for a woman", lambda b: {**b, "gender": "female", "nik": None}, "nip",
     "nip_gender_mismatch"),
    ("nip gender digit 3", lambda b: {**b, "nip": _digits(b["nip"], 15, "3")}, "nip", "nip_gender_invalid"),
    ("nip sequence 000", lambda b: {**b, "nip": _digits(b["nip"], 16, "000")}, "nip", "nip_sequence_invalid"),
    ("pns nip month 13", lambda b: {**b, "nip": _digits(b["nip"], 13, "13")}, "nip",
     "nip_appointment_invalid"),
    ("pns nip month differs from civil_service_start", lambda b: {**b, "civil_service_start": "2015-06-01"},
     "nip", "nip_appointment_mismatch"),
    ("pns without civil_service_start", _drop("civil_service_start"), "civil_service_start", "required"),
    ("cpns without civil_service_start",
     lambda b: {**_drop("civil_service_start")(b), "employment_type": "cpns"},
     "civil_service_start", "required"),
    ("nip appointment year in the future", lambda b: {**b, "nip": _digits(b["nip"], 9, "2999"),
                                                      "civil_service_start": "2999-05-01"},
     "nip", "nip_appointment_in_future"),
    ("nik 15 digits", lambda b: {**b, "nik": b["nik"][:15]}, "nik", "nik_format"),
    ("nik birth date differs",
     lambda b: {**b, "nik": _digits(b["nik"], 7, "01" if b["nik"][6:8] != "01" else "02")},
     "nik", "nik_birth_date_mismatch"),
    ("nik of a woman for a man", lambda b: {**b, "nik": _digits(b["nik"], 7, str(int(b["nik"][6:8]) + 40))},
     "nik", "nik_gender_mismatch"),
    ("pns rank that is a pppk grade", lambda b: {**b, "rank": "IX"}, "rank", "rank_invalid"),
    ("pns rank III/f", lambda b: {**b, "rank": "III/f"}, "rank", "rank_invalid"),
    ("gender unknown", lambda b: {**b, "gender": "x"}, "gender", None),
    ("employment type honorer", lambda b: {**b, "employment_type": "honorer"}, "employment_type", None),
    ("full_name missing", _drop("full_name"), "full_name", None),
    ("full_name empty", lambda b: {**b, "full_name": ""}, "full_name", None),
    ("birth_date missing", _drop("birth_date"), "birth_date", None),
    ("nip missing", _drop("nip"), "nip", None),
    ("retired without status_date", lambda b: {**b, "status": "retired"}, "status_date", "required"),
    ("email malformed", lambda b: {**b, "email": "not-an-email"}, "email", None),
    ("education level unknown", lambda b: {**b, "education_level": "sma_plus"}, "education_level", None),
    ("unknown field", lambda b: {**b, "nickname": "Rudi"}, "nickname", "extra_forbidden"),
    ("server field id", lambda b: {**b, "id": "5b1f6d0e-8a43-4c1e-9d0a-2f4d3c1b0a99"}, "id",
     "extra_forbidden"),
    ("server field version", lambda b: {**b, "version": 3}, "version", "extra_forbidden"),
    ("server field retirement_date", lambda b: {**b, "retirement_date": "2040-01-01"}, "retirement_date",
     "extra_forbidden"),
    ("server field position_id", lambda b: {**b, "position_id": "5b1f6d0e-8a43-4c1e-9d0a-2f4d3c1b0a99"},
     "position_id", "extra_forbidden"),
    ("server field org_unit_id", lambda b: {**b, "org_unit_id": "5b1f6d0e-8a43-4c1e-9d0a-2f4d3c1b0a99"},
     "org_unit_id", "extra_forbidden"),
    ("server field position_since", lambda b: {**b, "position_since": "2020-01-01"}, "position_since",
     "extra_forbidden"),
]

PPPK_INVALID: list[tuple[str, Callable[[Body], Body], str, str | None]] = [
    ("pppk rank that is a pns rank", lambda b: {**b, "rank": "III/a"}, "rank", "rank_invalid"),
    ("pppk grade XVIII", lambda b: {**b, "rank": "XVIII"}, "rank", "rank_invalid"),
    ("pppk nip birth date differs", lambda b: {**b, "birth_date": "1969-12-31"}, "nip",
     "nip_birth_date_mismatch"),
    ("pppk woman with a man's nik", lambda b: {**b, "nip": _digits(b["nip"], 15, "2"), "gender": "female"},
     "nik", "nik_gender_mismatch"),
]


@pytest.mark.parametrize(("case", "body"), VALID, ids=[c for c, _ in VALID])
async def test_create_valid(client, url, hr, case, body):
    response = await client.post(url("create_employee"), json=body, headers=hr)
    assert response.status_code == 201, response.text
    created = response.json()
    assert response.headers["location"].endswith(url("get_employee", employee_id=created["id"]))
    assert response.headers["etag"] == '"1"'
    assert created["nip"] == body["nip"] and created["status"] == "active" and created["version"] == 1
    assert (created["position_id"], created["org_unit_id"], created["position_since"]) == (None, None, None)
    for key in PII:
        assert key in created  # hr sees PII (null when not given)


@pytest.mark.parametrize(("case", "transform", "field", "code"), INVALID, ids=[c[0] for c in INVALID])
async def test_create_invalid_names_the_field_and_writes_nothing(client, url, hr, count_rows, case, transform,
                                                                 field, code):
    before = await count_rows()
    response = await client.post(url("create_employee"), json=transform(create_body()), headers=hr)
    field_problem(response, field, code)
    assert await count_rows() == before


@pytest.mark.parametrize(("case", "transform", "field", "code"), PPPK_INVALID,
                         ids=[c[0] for c in PPPK_INVALID])
async def test_create_pppk_invalid(client, url, hr, count_rows, case, transform, field, code):
    before = await count_rows()
    body = transform(create_body(employment_type="pppk"))
    field_problem(await client.post(url("create_employee"), json=body, headers=hr), field, code)
    assert await count_rows() == before


async def test_pppk_nip_digits_13_14_are_not_a_month(client, url, hr):
    body = create_body(employment_type="pppk")
    body["nip"] = _digits(body["nip"], 13, "21")  # an NI PPPK code, not month 21
    assert (await client.post(url("create_employee"), json=body, headers=hr)).status_code == 201


async def test_woman_nik_has_40_added_to_the_day(client, url, hr):
    body = create_body(gender="female", birth_date=date(1988, 3, 9))
    assert body["nik"][6:12] == "490388"
    assert (await client.post(url("create_employee"), json=body, headers=hr)).status_code == 201


async def test_duplicate_nip_is_409_and_writes_nothing(client, url, hr, count_rows):
    body = create_body()
    assert (await client.post(url("create_employee"), json=body, headers=hr)).status_code == 201
    before = await count_rows()
    again = await client.post(url("create_employee"), json={**body, "full_name": "Someone Else"}, headers=hr)
    assert problem(again, 409, "nip_taken")["errors"][0]["loc"] == ["body", "nip"]
    assert await count_rows() == before


async def test_retirement_date_defaults_to_58(client, url, hr):
    body = create_body(birth_date=date(1970, 3, 15), civil_service_start=date(1995, 3, 1))
    created = (await client.post(url("create_employee"), json=body, headers=hr)).json()
    assert created["retirement_date"] == "2028-04-01"


@pytest.mark.parametrize("role", ["unit_admin", "employee"])
async def test_scoped_roles_cannot_create(client, url, token_for, db, count_rows, role):
    from tests.factories import make_org_unit

    unit = await make_org_unit(db)
    headers = token_for(role, unit=unit.id, employee=unit.id)
    before = await count_rows()
    response = await client.post(url("create_employee"), json=create_body(), headers=headers)
    assert response.status_code == 403
    assert await count_rows() == before


async def test_client_needs_write_scope(client, url, token_for):
    read_only = token_for("client", scopes=["employees:read"])
    problem(await client.post(url("create_employee"), json=create_body(), headers=read_only), 403,
            "permission_denied")
    writer = token_for("client", scopes=["employees:write"])
    created = await client.post(url("create_employee"), json=create_body(), headers=writer)
    assert created.status_code == 201
    assert not set(PII) & set(created.json())  # a writer without employees:read_pii does not get PII back


async def test_audit_masks_pii_and_change_feed_carries_none(client, url, hr, db):
    body = create_body(phone="+62 812 9876 5432", address="Jl. Veteran 12, Binjai")
    created = (await client.post(url("create_employee"), json=body, headers=hr)).json()
    audit = (await db.execute(select(AuditEvent).where(AuditEvent.resource_id == created["id"]))).scalar_one()
    assert audit.resource == "employee" and audit.action == "created"
    for key in PII:
        old, new = audit.changes[key]
        assert old is None and new.startswith("***") and body[key] not in new
    assert audit.changes["nip"] == [None, body["nip"]]
    change = (await db.execute(select(Change).where(Change.resource_id == created["id"]))).scalar_one()
    assert (change.resource, change.action, change.version) == ("employee", "created", 1)


async def test_user_accounts_must_link_an_existing_employee(client, url, token_for, db):
    """users.employee_id is a foreign key to employees since migration 0003."""
    from tests.factories import make_employee

    admin = token_for("admin")
    body = {"username": "pegawai.satu", "password": "a-long-passphrase", "role": "employee",
            "employee_id": "5b1f6d0e-8a43-4c1e-9d0a-2f4d3c1b0a99"}
    unknown = await client.post(url("create_user"), json=body, headers=admin)
    assert problem(unknown, 422, "employee_not_found")["errors"][0]["loc"] == ["body", "employee_id"]
    employee = await make_employee(db)
    linked = await client.post(url("create_user"), json={**body, "employee_id": str(employee.id)},
                               headers=admin)
    assert linked.status_code == 201, linked.text
