"""PATCH /employees/{id}: If-Match, re-validation of the merged record, read-only fields, audit masking."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from asn_api.core.journal import AuditEvent, Change
from tests.employees.helpers import field_problem
from tests.factories import employee_identity, make_employee, problem


async def test_patch_with_if_match(client, url, hr, db):
    employee = await make_employee(db)
    target = url("update_employee", employee_id=employee.id)
    ok = await client.patch(target, json={"full_name": "Nama Baru", "education_level": "s1"},
                            headers={**hr, "If-Match": '"1"'})
    assert ok.status_code == 200, ok.text
    assert ok.headers["etag"] == '"2"' and ok.json()["version"] == 2 and ok.json()["full_name"] == "Nama Baru"
    stale = await client.patch(target, json={"full_name": "Lagi"}, headers={**hr, "If-Match": '"1"'})
    problem(stale, 412, "version_mismatch")
    read = await client.get(url("get_employee", employee_id=employee.id), headers=hr)
    assert read.json()["full_name"] == "Nama Baru"


async def test_cpns_becomes_pns_with_the_same_nip(client, url, hr, db):
    employee = await make_employee(db, employment_type="cpns", rank="III/a")
    response = await client.patch(url("update_employee", employee_id=employee.id),
                                  json={"employment_type": "pns"}, headers=hr)
    assert response.status_code == 200 and response.json()["employment_type"] == "pns"


@pytest.mark.parametrize(("patch", "field", "code"), [
    ({"birth_date": "1960-01-01"}, "nip", "nip_birth_date_mismatch"),  # NIP no longer matches
    ({"gender": "female"}, "nip", "nip_gender_mismatch"),
    ({"civil_service_start": None}, "civil_service_start", "required"),
    ({"employment_type": "pppk"}, "rank", "rank_invalid"),  # III/a is not a PPPK grade
    ({"rank": "XVII"}, "rank", "rank_invalid"),
    ({"nik": "1275010101700001"}, "nik", None),
    ({"full_name": None}, "full_name", "null_not_allowed"),
    ({"status": None}, "status", "null_not_allowed"),
    ({"status": "dismissed"}, "status_date", "required"),
    ({"position_id": "5b1f6d0e-8a43-4c1e-9d0a-2f4d3c1b0a99"}, "position_id", "extra_forbidden"),
    ({"retirement_date": "2040-01-01"}, "retirement_date", "extra_forbidden"),
    ({"version": 7}, "version", "extra_forbidden"),
])
async def test_patch_validates_the_merged_record(client, url, hr, db, patch, field, code):
    employee = await make_employee(db, rank="III/a", birth_date=date(1979, 8, 17))
    response = await client.patch(url("update_employee", employee_id=employee.id), json=patch, headers=hr)
    field_problem(response, field, code)
    await db.refresh(employee)
    assert employee.version == 1


async def test_patch_to_a_taken_nip_is_409(client, url, hr, db):
    first = await make_employee(db)
    second = await make_employee(db)
    response = await client.patch(url("update_employee", employee_id=second.id), headers=hr, json={
        "nip": first.nip, "birth_date": first.birth_date.isoformat(), "nik": first.nik})
    problem(response, 409, "nip_taken")


async def test_patch_identity_consistently_and_recompute_retirement(client, url, hr, db):
    employee = await make_employee(db, birth_date=date(1980, 1, 1))
    identity = employee_identity(4242, gender="female", birth_date=date(1981, 5, 20))
    response = await client.patch(url("update_employee", employee_id=employee.id), headers=hr, json={
        "nip": identity["nip"], "nik": identity["nik"], "gender": "female", "birth_date": "1981-05-20"})
    assert response.status_code == 200, response.text
    assert response.json()["retirement_date"] == "2039-06-01"


async def test_audit_masks_pii_on_update(client, url, hr, db):
    employee = await make_employee(db, phone="+62 812 1111 2222")
    response = await client.patch(url("update_employee", employee_id=employee.id), headers=hr,
                                  json={"phone": "+62 813 3333 4444", "address": "Gg. X 9"})
    assert response.status_code == 200
    audit = (await db.execute(
        select(AuditEvent).where(AuditEvent.resource_id == str(employee.id))
    )).scalar_one()
    assert audit.action == "updated"
    assert audit.changes["phone"] == ["***22", "***44"]
    assert audit.changes["address"][1] == "***"  # short values are fully masked
    assert "3333" not in str(audit.changes)
    change = (await db.execute(select(Change).where(Change.resource_id == str(employee.id)))).scalar_one()
    assert (change.resource, change.action, change.version) == ("employee", "updated", 2)


async def test_patch_without_changes_keeps_the_version(client, url, hr, db):
    employee = await make_employee(db, full_name="Tetap")
    response = await client.patch(url("update_employee", employee_id=employee.id),
                                  json={"full_name": "Tetap"}, headers=hr)
    assert response.status_code == 200 and response.json()["version"] == 1
