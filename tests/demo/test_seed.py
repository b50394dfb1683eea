from __future__ import annotations

from sqlalchemy import func, select, text

from asn_api.demo.seed import seed_demo
from asn_api.demo.seed_people import DEMO_PEOPLE
from asn_api.domain.nip import check_nip_against
from asn_api.employees.models import Employee
from asn_api.org_units.models import OrgUnit


async def test_seed_loads_the_city_once_and_logins_work(session_factory, db, client):
    logins = await seed_demo(session_factory)
    kinds = dict((await db.execute(select(OrgUnit.kind, func.count()).group_by(OrgUnit.kind))).all())
    assert (kinds["district"], kinds["subdistrict"]) == (5, 37)
    employees = (await db.execute(select(Employee))).scalars().all()
    assert len(employees) == DEMO_PEOPLE
    for employee in employees[:300]:
        check_nip_against(employee.nip, employee.employment_type, birth_date=employee.birth_date,
                          gender=employee.gender, civil_service_start=employee.civil_service_start)
    # Every held position has exactly one open assignment that matches the employee row.
    mismatched = (await db.execute(text(
        "SELECT count(*) FROM employees e LEFT JOIN employee_assignments a "
        "ON a.employee_id = e.id AND a.end_date IS NULL "
        "WHERE e.position_id IS DISTINCT FROM a.position_id"))).scalar()
    assert mismatched == 0
    over = (await db.execute(text(
        "SELECT count(*) FROM positions p JOIN position_incumbents i ON i.position_id = p.id "
        "WHERE i.incumbents > p.required_headcount"))).scalar()
    assert over == 0
    changes = (await db.execute(text("SELECT count(*) FROM changes WHERE resource = 'employee'"))).scalar()
    assert changes == DEMO_PEOPLE  # bulk seeding still goes through the journal
    leaked = (await db.execute(text(
        "SELECT count(*) FROM audit_events WHERE changes ? 'password_hash' OR changes->'nik'->>1 ~ '^[0-9]{16}$'"
    ))).scalar()
    assert leaked == 0  # no secrets, and PII masked, in the audit log

    for login in logins:
        response = await client.post("/api/v1/auth/token", data={
            "grant_type": "password", "username": login.username, "password": login.password})
        assert response.status_code == 200, (login.username, response.text)

    again = await seed_demo(session_factory)  # a second start: same data, fresh passwords
    assert (await db.execute(select(func.count()).select_from(Employee))).scalar() == DEMO_PEOPLE
    assert {a.username for a in again} == {a.username for a in logins}
    assert all(a.password != b.password for a, b in zip(again, logins, strict=True))
