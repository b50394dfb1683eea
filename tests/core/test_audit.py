"""The audit trail (api.md §12): who changed what, from where, in the same transaction; PII masked."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from fastapi import APIRouter
from sqlalchemy import func, select

from asn_api.auth.permissions import CLIENT_SCOPES
from asn_api.core import journal
from asn_api.core.db import SessionDep
from asn_api.core.errors import Conflict
from asn_api.core.journal import AuditEvent, Change
from asn_api.core.transaction import TransactionalRoute
from asn_api.org_units.models import OrgUnit
from asn_api.org_units.repository import OrgUnitRepository
from tests.factories import make_user, problem


def test_diff_lists_changed_fields_only():
    before = {"name": "Old", "kind": "office", "parent_id": None}
    after = {"name": "New", "kind": "office", "parent_id": uuid.UUID(int=1)}
    assert journal.diff(before, after) == {
        "name": ["Old", "New"],
        "parent_id": [None, "00000000-0000-0000-0000-000000000001"],
    }


def test_diff_of_a_create_and_a_delete():
    created = journal.diff(None, {"code": "A", "n": Decimal("1.50")})
    assert created == {"code": [None, "A"], "n": [None, "1.50"]}
    assert journal.diff({"born": date(1990, 1, 2)}, None) == {"born": ["1990-01-02", None]}


def test_diff_masks_pii_values():
    before = {"nik": "1275014101900001", "phone": "081234567890", "name": "Siti"}
    after = {"nik": "1275014101900002", "phone": None, "name": "Siti Aminah"}
    changes = journal.diff(before, after, pii=["nik", "phone"])
    assert changes == {
        "nik": ["***01", "***02"],
        "phone": ["***90", None],
        "name": ["Siti", "Siti Aminah"],
    }
    flat = repr(changes)
    assert "1275014101900001" not in flat and "081234567890" not in flat


def test_mask_hides_short_values_entirely():
    assert journal.mask("12345678") == "***"  # too short to reveal even a suffix
    assert journal.mask("123456789") == "***89"
    assert journal.mask(None) is None


def test_unchanged_pii_is_not_mentioned():
    assert journal.diff({"nik": "1275014101900001"}, {"nik": "1275014101900001"}, pii=["nik"]) == {}


async def _audit(db, unit_id):
    stmt = select(AuditEvent).where(AuditEvent.resource_id == str(unit_id)).order_by(AuditEvent.occurred_at)
    return list((await db.execute(stmt)).scalars())


async def test_org_unit_writes_are_audited_with_actor_request_and_ip(app, client, db, token_for):
    actor_id = uuid.uuid4()
    headers = token_for("hr", subject=actor_id)
    created = await client.post(app.url_path_for("create_org_unit"),
                                json={"code": "AUD-1", "name": "Audited", "kind": "office"},
                                headers={**headers, "X-Request-ID": "req-create"})
    unit_id = created.json()["id"]
    url = app.url_path_for("update_org_unit", unit_id=unit_id)
    await client.patch(url, json={"name": "Renamed", "is_service_unit": True},
                       headers={**headers, "X-Request-ID": "req-update"})
    assert (await client.delete(url, headers={**headers, "X-Request-ID": "req-delete"})).status_code == 204

    events = await _audit(db, unit_id)
    assert [e.action for e in events] == ["created", "updated", "deleted"]
    for event, request_id in zip(events, ("req-create", "req-update", "req-delete"), strict=True):
        assert event.resource == "org_unit"
        assert (event.actor_type, event.actor_id, event.actor_username) == ("user", str(actor_id), "test-hr")
        assert event.request_id == request_id
        assert str(event.ip) == "10.0.0.7"
    create, update, delete = (e.changes for e in events)
    assert create["code"] == [None, "AUD-1"] and create["name"] == [None, "Audited"]
    assert create["kind"] == [None, "office"] and create["id"] == [None, unit_id]
    assert update == {"name": ["Audited", "Renamed"], "is_service_unit": [False, True]}
    assert delete["code"] == ["AUD-1", None] and delete["name"] == ["Renamed", None]
    # Bookkeeping columns are not "changes" a reader cares about.
    assert not {"version", "created_at", "updated_at"} & (set(create) | set(update) | set(delete))


async def test_audit_events_endpoint_lists_the_trail(app, client, db, token_for):
    admin = await make_user(db, role="admin")
    created = await client.post(app.url_path_for("create_org_unit"),
                                json={"code": "AUD-2", "name": "Listed", "kind": "office"},
                                headers={**token_for("hr"), "X-Request-ID": "req-list"})
    unit_id = created.json()["id"]
    response = await client.get(app.url_path_for("list_audit_events"),
                                params={"resource": "org_unit", "resource_id": unit_id},
                                headers=token_for("admin", subject=admin.id))
    assert response.status_code == 200, response.text
    [event] = response.json()["items"]
    assert event["action"] == "created" and event["request_id"] == "req-list" and event["ip"] == "10.0.0.7"
    assert event["actor"]["type"] == "user" and event["actor"]["username"] == "test-hr"
    assert event["changes"]["code"] == [None, "AUD-2"]


async def test_audit_events_filter_by_actor_and_page_newest_first(app, client, token_for):
    actor = uuid.uuid4()
    headers = token_for("hr", subject=actor)
    for i in range(5):
        await client.post(app.url_path_for("create_org_unit"),
                          json={"code": f"AUD-P{i}", "name": f"P{i}", "kind": "office"}, headers=headers)
    url = app.url_path_for("list_audit_events")
    seen, cursor = [], None
    while True:
        params = {"actor_id": str(actor), "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(url, params=params, headers=token_for("admin"))).json()
        seen.extend(page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert [e["changes"]["code"][1] for e in seen] == [f"AUD-P{i}" for i in reversed(range(5))]


async def test_audit_events_are_admin_only(app, client, token_for):
    url = app.url_path_for("list_audit_events")
    problem(await client.get(url), 401, "unauthorized")
    for role in ("hr", "unit_admin", "employee"):
        problem(await client.get(url, headers=token_for(role, unit=uuid.uuid4(), employee=uuid.uuid4())), 403,
                "permission_denied")
    # A client holding every scope a client can be granted is still no auditor.
    every_scope = token_for("client", scopes=sorted(CLIENT_SCOPES))
    problem(await client.get(url, headers=every_scope), 403, "permission_denied")
    assert (await client.get(url, headers=token_for("admin"))).status_code == 200


async def test_a_failed_request_leaves_no_audit_and_no_change(app, client, db, token_for):
    """journal entries buffered before a failure are dropped with the rollback."""
    router = APIRouter(route_class=TransactionalRoute)

    @router.post("/explode-after-write")
    async def explode_after_write(session: SessionDep) -> None:
        await OrgUnitRepository(session).add(OrgUnit(code="GHOST", name="Ghost", kind="office"))
        raise Conflict("changed my mind", code="changed_my_mind")

    app.include_router(router)
    audits_before = (await db.execute(select(func.count()).select_from(AuditEvent))).scalar_one()
    changes_before = (await db.execute(select(func.count()).select_from(Change))).scalar_one()
    problem(await client.post("/explode-after-write", headers=token_for("hr")), 409, "changed_my_mind")
    assert (await db.execute(select(func.count()).select_from(AuditEvent))).scalar_one() == audits_before
    assert (await db.execute(select(func.count()).select_from(Change))).scalar_one() == changes_before
    assert (await db.execute(select(OrgUnit).where(OrgUnit.code == "GHOST"))).first() is None
    # And the next request on a fresh session does not inherit the dropped entries.
    ok = await client.post(app.url_path_for("create_org_unit"),
                           json={"code": "REAL", "name": "Real", "kind": "office"}, headers=token_for("hr"))
    assert ok.status_code == 201
    assert (await db.execute(select(func.count()).select_from(Change))).scalar_one() == changes_before + 1


async def test_a_rolled_back_savepoint_drops_only_its_own_entries(db):
    """Per-row savepoints (e.g. a best-effort import) must not lose the journal of the rows kept."""
    audits = select(AuditEvent.resource_id).where(AuditEvent.resource == "org_unit")
    changes = select(Change.resource_id).where(Change.resource == "org_unit")
    audits_before = set((await db.execute(audits)).scalars())
    changes_before = set((await db.execute(changes)).scalars())
    repo = OrgUnitRepository(db)
    kept = await repo.add(OrgUnit(code="SP-KEPT", name="Kept", kind="office"))
    with pytest.raises(RuntimeError):
        async with db.begin_nested():
            await repo.add(OrgUnit(code="SP-DROPPED", name="Dropped", kind="office"))
            raise RuntimeError("this row fails")
    async with db.begin_nested():
        released = await repo.add(OrgUnit(code="SP-RELEASED", name="Released", kind="office"))
    await db.commit()
    expected = {str(kept.id), str(released.id)}
    assert set((await db.execute(audits)).scalars()) - audits_before == expected
    assert set((await db.execute(changes)).scalars()) - changes_before == expected
