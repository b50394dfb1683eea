"""Idempotency-Key on POST (api.md §1): replay the first answer, refuse a reused key, keys per caller."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import httpx
from sqlalchemy import func, select

from asn_api.core import clock
from asn_api.core.idempotency import IdempotencyRecord
from asn_api.org_units.models import OrgUnit
from tests.factories import problem

BODY = {"code": "IDEM-1", "name": "Idempotent", "kind": "office"}


async def _units(db, code: str) -> int:
    stmt = select(func.count()).select_from(OrgUnit).where(OrgUnit.code == code)
    return (await db.execute(stmt)).scalar_one()


async def test_replay_returns_first_status_body_and_location(app, client, db, token_for):
    headers = {**token_for("hr", subject=uuid.uuid4()), "Idempotency-Key": "k-1"}
    url = app.url_path_for("create_org_unit")
    first = await client.post(url, json=BODY, headers=headers)
    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in first.headers
    second = await client.post(url, json=BODY, headers=headers)
    assert second.status_code == 201
    assert second.headers["idempotent-replayed"] == "true"
    assert second.json() == first.json()
    assert second.headers["location"] == first.headers["location"]
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["content-type"] == first.headers["content-type"]
    assert await _units(db, BODY["code"]) == 1


async def test_same_key_with_another_body_is_422(app, client, db, token_for):
    headers = {**token_for("hr"), "Idempotency-Key": "k-2"}
    url = app.url_path_for("create_org_unit")
    assert (await client.post(url, json=BODY, headers=headers)).status_code == 201
    response = await client.post(url, json={**BODY, "name": "Different"}, headers=headers)
    problem(response, 422, "idempotency_key_reused")
    assert await _units(db, BODY["code"]) == 1


async def test_keys_are_per_caller(app, client, db, token_for):
    url = app.url_path_for("create_org_unit")
    alice = {**token_for("hr", subject=uuid.uuid4()), "Idempotency-Key": "shared"}
    bob = {**token_for("hr", subject=uuid.uuid4()), "Idempotency-Key": "shared"}
    assert (await client.post(url, json=BODY, headers=alice)).status_code == 201
    # Bob's request with the same key is his own: it runs (and here conflicts on the code), not a replay.
    response = await client.post(url, json=BODY, headers=bob)
    assert "idempotent-replayed" not in response.headers
    problem(response, 409, "org_unit_code_taken")
    other = await client.post(url, json={**BODY, "code": "IDEM-2"}, headers=bob)
    assert other.status_code == 201 and "idempotent-replayed" not in other.headers
    assert await _units(db, "IDEM-2") == 1


async def test_a_failed_request_is_not_stored(app, client, db, token_for):
    url = app.url_path_for("create_org_unit")
    hr = token_for("hr")
    assert (await client.post(url, json=BODY, headers=hr)).status_code == 201
    headers = {**hr, "Idempotency-Key": "k-fail"}
    problem(await client.post(url, json=BODY, headers=headers), 409, "org_unit_code_taken")
    stored = (await db.execute(select(func.count()).select_from(IdempotencyRecord)
                               .where(IdempotencyRecord.key == "k-fail"))).scalar_one()
    assert stored == 0
    # So the same key may be retried once the conflict is gone, and then it really runs.
    retry = await client.post(url, json={**BODY, "code": "IDEM-OK"}, headers=headers)
    assert retry.status_code == 201 and "idempotent-replayed" not in retry.headers


async def test_a_validation_failure_is_not_stored(app, client, token_for):
    url = app.url_path_for("create_org_unit")
    headers = {**token_for("hr"), "Idempotency-Key": "k-invalid"}
    problem(await client.post(url, json={"code": "X"}, headers=headers), 422, "validation_failed")
    response = await client.post(url, json={"code": "X"}, headers=headers)
    assert "idempotent-replayed" not in response.headers


async def test_without_a_key_posts_are_not_deduplicated(app, client, token_for):
    url = app.url_path_for("create_org_unit")
    assert (await client.post(url, json=BODY, headers=token_for("hr"))).status_code == 201
    problem(await client.post(url, json=BODY, headers=token_for("hr")), 409, "org_unit_code_taken")


async def test_an_overlong_key_is_422(app, client, token_for):
    headers = {**token_for("hr"), "Idempotency-Key": "k" * 256}
    problem(await client.post(app.url_path_for("create_org_unit"), json=BODY, headers=headers), 422,
            "invalid_idempotency_key")


async def test_keys_expire_after_24_hours(app, client, db, token_for):
    url = app.url_path_for("create_org_unit")
    subject = uuid.uuid4()
    start = clock.now()
    clock.freeze(start)
    assert (await client.post(url, json=BODY, headers={**token_for("hr", subject=subject),
                                                       "Idempotency-Key": "k-old"})).status_code == 201
    clock.freeze(start + timedelta(hours=25))
    headers = {**token_for("hr", subject=subject), "Idempotency-Key": "k-old"}
    response = await client.post(url, json={**BODY, "code": "IDEM-LATER"}, headers=headers)
    assert response.status_code == 201 and "idempotent-replayed" not in response.headers


async def test_expired_answers_of_every_caller_are_purged(app, client, db, token_for):
    from sqlalchemy import text

    url = app.url_path_for("create_org_unit")
    start = clock.now()
    clock.freeze(start)
    await client.post(url, json=BODY, headers={**token_for("hr"), "Idempotency-Key": "someone-else"})
    clock.freeze(start + timedelta(hours=25))
    await client.post(url, json={**BODY, "code": "IDEM-OTHER"},
                      headers={**token_for("hr"), "Idempotency-Key": "mine"})
    keys = (await db.execute(text("SELECT key FROM idempotency_keys"))).scalars().all()
    assert keys == ["mine"]  # the other caller's 25-hour-old answer is gone



async def test_concurrent_retries_with_one_key_write_once(committed_app, token_for):
    """Two requests racing with the same key: one runs, the other waits on the key row and replays."""
    headers = {**token_for("hr", subject=uuid.uuid4()), "Idempotency-Key": "race"}
    transport = httpx.ASGITransport(app=committed_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        url = committed_app.url_path_for("create_org_unit")
        responses = await asyncio.gather(*(http.post(url, json=BODY, headers=headers) for _ in range(4)))
    assert [r.status_code for r in responses] == [201] * 4
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in responses) == 3
    assert len({r.json()["id"] for r in responses}) == 1
    async with committed_app.state.sessionmaker() as session:
        assert await _units(session, BODY["code"]) == 1
