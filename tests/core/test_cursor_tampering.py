"""A hand-edited cursor is a 422 naming `cursor`, never a 500 from the database."""

from __future__ import annotations

import base64
import json
import uuid

import pytest

from tests.factories import problem


def _cursor(sort: str, values: list) -> str:
    raw = json.dumps({"s": sort, "v": values}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


ID = ["u", str(uuid.uuid4())]


@pytest.mark.parametrize(("url", "sort", "values"), [
    ("/api/v1/org-units", "code", [["d", "2020-01-01"], ID]),      # a date where the code is a string
    ("/api/v1/org-units", "code", [["s", "A"]]),                    # one value instead of two
    ("/api/v1/org-units", "code", [["s", "A"], ["s", "not-a-uuid"]]),
    ("/api/v1/org-units", "code", [["s", "A"], ["i", 7]]),          # the id must be a UUID
    ("/api/v1/employees", "birth_date", [["s", "yesterday"], ID]),
    ("/api/v1/employees", "birth_date", [["t", "2020-01-01T00:00:00"], ID]),  # datetime for a date
    ("/api/v1/positions", "grade", [["s", "9"], ID]),
    ("/api/v1/org-units", "code", [["x", "A"], ID]),                # unknown tag
])
async def test_tampered_cursor_is_422(client, token_for, url, sort, values):
    response = await client.get(url, params={"sort": sort, "cursor": _cursor(sort, values)},
                                headers=token_for("hr"))
    body = problem(response, 422, "validation_failed")
    assert body["errors"][0]["loc"] == ["query", "cursor"]
    assert body["errors"][0]["code"] == "invalid_cursor"


@pytest.mark.parametrize("params", [{"after": "99999999999999999999999"}, {"cursor": "99999999999999999999"},
                                    {"cursor": "12a"}, {"after": "-1"}])
async def test_change_feed_positions_beyond_a_bigint_are_422(client, token_for, params):
    response = await client.get("/api/v1/changes", params=params, headers=token_for("admin"))
    assert response.status_code == 422, response.text


async def test_change_feed_accepts_the_largest_seq(client, token_for):
    response = await client.get("/api/v1/changes", params={"after": str(2**63 - 1)}, headers=token_for("admin"))
    assert response.status_code == 200 and response.json()["items"] == []
