"""The change feed (api.md §11): one entry per committed write, `seq` in commit order, nothing skipped."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
from sqlalchemy import event, func, select
from sqlalchemy.util import await_only

from asn_api.core.journal import Change
from asn_api.org_units.models import OrgUnit
from asn_api.org_units.repository import OrgUnitRepository
from tests.factories import problem

READER_SCOPES = ["changes:read"]


async def _last_seq(db) -> int:
    return (await db.execute(select(func.coalesce(func.max(Change.seq), 0)))).scalar_one()


async def test_org_unit_writes_add_entries(app, client, db, token_for):
    after = await _last_seq(db)
    hr = token_for("hr")
    created = await client.post(app.url_path_for("create_org_unit"),
                                json={"code": "CF-1", "name": "Feed", "kind": "office"}, headers=hr)
    unit_id = created.json()["id"]
    url = app.url_path_for("update_org_unit", unit_id=unit_id)
    await client.patch(url, json={"name": "Feed 2"}, headers=hr)
    await client.patch(url, json={"name": "Feed 2"}, headers=hr)  # no change: no entry
    await client.delete(url, headers=hr)

    response = await client.get(app.url_path_for("list_changes"), params={"after": after},
                                headers=token_for("client", scopes=READER_SCOPES))
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [(i["resource"], i["resource_id"], i["action"], i["version"]) for i in items] == [
        ("org_unit", unit_id, "created", 1),
        ("org_unit", unit_id, "updated", 2),
        ("org_unit", unit_id, "deleted", 2),
    ]
    seqs = [i["seq"] for i in items]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3 and seqs[0] > after
    assert response.json()["next_cursor"] is None


async def test_a_rolled_back_request_adds_no_entry(app, client, db, token_for):
    hr = token_for("hr")
    await client.post(app.url_path_for("create_org_unit"),
                      json={"code": "CF-D", "name": "D", "kind": "office"}, headers=hr)
    after = await _last_seq(db)
    problem(await client.post(app.url_path_for("create_org_unit"),
                              json={"code": "CF-D", "name": "Dup", "kind": "office"}, headers=hr),
            409, "org_unit_code_taken")
    page = (await client.get(app.url_path_for("list_changes"), params={"after": after}, headers=hr)).json()
    assert page["items"] == []


async def test_paging_with_after_and_cursor(app, client, db, token_for):
    after = await _last_seq(db)
    hr = token_for("hr")
    for i in range(7):
        await client.post(app.url_path_for("create_org_unit"),
                          json={"code": f"CF-P{i}", "name": f"P{i}", "kind": "office"}, headers=hr)
    url = app.url_path_for("list_changes")
    reader = token_for("client", scopes=READER_SCOPES)

    first = (await client.get(url, params={"after": after, "limit": 3}, headers=reader)).json()
    assert len(first["items"]) == 3 and first["next_cursor"] == str(first["items"][-1]["seq"])
    # ?after= with the stored seq and ?cursor= with next_cursor are interchangeable.
    by_after = (await client.get(url, params={"after": first["items"][-1]["seq"], "limit": 3},
                                 headers=reader)).json()
    by_cursor = (await client.get(url, params={"cursor": first["next_cursor"], "limit": 3},
                                  headers=reader)).json()
    assert by_after == by_cursor and len(by_after["items"]) == 3
    last = (await client.get(url, params={"cursor": by_after["next_cursor"], "limit": 3},
                             headers=reader)).json()
    assert len(last["items"]) == 1 and last["next_cursor"] is None

    codes = [i["resource_id"] for i in first["items"] + by_after["items"] + last["items"]]
    units = dict((await db.execute(select(OrgUnit.id, OrgUnit.code).where(OrgUnit.code.like("CF-P%")))).all())
    assert [units[uuid.UUID(c)] for c in codes] == [f"CF-P{i}" for i in range(7)]


async def test_resource_filter(app, client, db, token_for):
    after = await _last_seq(db)
    await client.post(app.url_path_for("create_org_unit"),
                      json={"code": "CF-R", "name": "R", "kind": "office"}, headers=token_for("hr"))
    url = app.url_path_for("list_changes")
    reader = token_for("client", scopes=READER_SCOPES)
    assert len((await client.get(url, params={"after": after, "resource": "org_unit"}, headers=reader))
               .json()["items"]) == 1
    assert (await client.get(url, params={"after": after, "resource": "employee"}, headers=reader)
            ).json()["items"] == []


async def test_bad_cursor_and_bounds_are_422(app, client, token_for):
    url = app.url_path_for("list_changes")
    reader = token_for("client", scopes=READER_SCOPES)
    body = problem(await client.get(url, params={"cursor": "abc"}, headers=reader), 422, "validation_failed")
    assert body["errors"][0]["loc"] == ["query", "cursor"]
    for params in ({"after": -1}, {"limit": 0}, {"limit": 501}):
        problem(await client.get(url, params=params, headers=reader), 422, "validation_failed")


async def test_feed_needs_changes_read(app, client, token_for):
    url = app.url_path_for("list_changes")
    problem(await client.get(url), 401, "unauthorized")
    employee = token_for("employee", employee=uuid.uuid4())
    problem(await client.get(url, headers=employee), 403, "permission_denied")
    problem(await client.get(url, headers=token_for("client", scopes=["org_units:read"])), 403,
            "permission_denied")


@pytest.mark.concurrency
async def test_concurrent_writers_and_a_polling_reader(committed_app, token_for):
    """8 writers × 10 creates while a reader polls with its last seq: every entry seen exactly once."""
    writers, per_writer = 8, 10
    transport = httpx.ASGITransport(app=committed_app)
    created: list[str] = []
    seen: list[dict] = []
    done = asyncio.Event()

    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        create_url = committed_app.url_path_for("create_org_unit")
        feed_url = committed_app.url_path_for("list_changes")
        reader_headers = token_for("client", scopes=READER_SCOPES)

        async def writer(w: int) -> None:
            headers = token_for("hr")
            for i in range(per_writer):
                response = await http.post(create_url, headers=headers,
                                           json={"code": f"W{w}-{i}", "name": f"W{w} {i}", "kind": "office"})
                assert response.status_code == 201, response.text
                created.append(response.json()["id"])

        async def reader() -> None:
            last = 0
            while True:
                finished = done.is_set()  # read the flag before polling, so the final poll is complete
                params = {"after": last, "limit": 7}
                page = (await http.get(feed_url, params=params, headers=reader_headers)).json()
                seen.extend(page["items"])
                if page["items"]:
                    last = page["items"][-1]["seq"]
                elif finished:
                    return
                else:
                    await asyncio.sleep(0)

        async def write_all() -> None:
            try:
                await asyncio.gather(*(writer(w) for w in range(writers)))
            finally:
                done.set()

        await asyncio.wait_for(asyncio.gather(write_all(), reader()), timeout=60)

    seqs = [item["seq"] for item in seen]
    assert all(a < b for a, b in zip(seqs, seqs[1:], strict=False)), "seq must strictly increase"
    assert len(created) == writers * per_writer
    assert sorted(item["resource_id"] for item in seen) == sorted(created)  # each exactly once
    async with committed_app.state.sessionmaker() as session:
        stored = list((await session.execute(select(Change.seq).order_by(Change.seq))).scalars())
        units = (await session.execute(select(func.count()).select_from(OrgUnit))).scalar_one()
    assert stored == seqs and units == writers * per_writer


@pytest.mark.concurrency
async def test_an_earlier_seq_that_commits_late_is_never_skipped(committed_app):
    """T1 takes its seq and stalls inside COMMIT; T2 cannot take a later seq and commit past it.

    If T2 could commit seq n+1 while T1's seq n is still invisible, a reader storing `last = n+1`
    would never see n. The feed lock, held from taking the seq until COMMIT, makes T2 wait.
    """
    sessionmaker = committed_app.state.sessionmaker
    gate, stalled = asyncio.Event(), asyncio.Event()
    first_seq: list[int] = []

    async def feed_after(after: int) -> list[Change]:
        async with sessionmaker() as reader:
            return list((await reader.execute(select(Change).where(Change.seq > after).order_by(Change.seq)))
                        .scalars())

    async def first_transaction() -> None:
        async with sessionmaker() as session:
            def stall(sync_session) -> None:
                # Runs after the journal's own before_commit hook: the change row and its seq exist.
                first_seq.append(sync_session.execute(select(func.max(Change.seq))).scalar_one())
                stalled.set()
                await_only(gate.wait())

            event.listen(session.sync_session, "before_commit", stall)
            async with session.begin():
                await OrgUnitRepository(session).add(OrgUnit(code="T1", name="First", kind="office"))

    async def second_transaction() -> None:
        async with sessionmaker() as session, session.begin():
            await OrgUnitRepository(session).add(OrgUnit(code="T2", name="Second", kind="office"))

    t1 = asyncio.create_task(first_transaction())
    t2: asyncio.Task | None = None
    try:
        await asyncio.wait_for(stalled.wait(), timeout=10)
        t2 = asyncio.create_task(second_transaction())
        await asyncio.sleep(0.3)
        second_committed_early = t2.done()
        visible_meanwhile = await feed_after(0)
    finally:
        gate.set()  # never leave T1 stalled: the fixture's TRUNCATE would wait for it forever
        await asyncio.wait_for(asyncio.gather(t1, *([t2] if t2 else []), return_exceptions=True), timeout=10)
    assert first_seq and first_seq[0] is not None
    assert not second_committed_early, "T2 committed while T1 still held an earlier, uncommitted seq"
    assert visible_meanwhile == []  # a reader polling then sees neither, so it stores nothing

    entries = await feed_after(0)
    assert len(entries) == 2 and entries[0].seq == first_seq[0] < entries[1].seq
    async with sessionmaker() as session:
        codes = dict((await session.execute(select(OrgUnit.id, OrgUnit.code))).all())
    assert [codes[uuid.UUID(e.resource_id)] for e in entries] == ["T1", "T2"]
