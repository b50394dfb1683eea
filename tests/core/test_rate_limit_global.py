from __future__ import annotations

import httpx
import pytest

from asn_api.core.ratelimit import RateLimiter
from tests.conftest import _build_app


def test_fixed_window_counts_per_key_and_resets():
    limiter = RateLimiter.parse("2/minute")
    assert limiter.hit("a", now=60.0) is None
    assert limiter.hit("a", now=61.0) is None
    assert limiter.hit("a", now=62.0) == 58  # seconds until the next minute starts
    assert limiter.hit("b", now=62.0) is None  # another caller has its own budget
    assert limiter.hit("a", now=120.0) is None  # a new window


@pytest.mark.parametrize("spec", ["20", "20/fortnight", "x/hour", ""])
def test_bad_spec_is_refused(spec):
    with pytest.raises(ValueError):
        RateLimiter.parse(spec)


async def test_global_limit_answers_429_with_retry_after(settings, engine, session_factory, token_for):
    app = _build_app(settings.model_copy(update={"rate_limit": "3/hour"}), engine, session_factory)
    transport = httpx.ASGITransport(app=app, client=("10.9.9.9", 1234))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        statuses = [(await http.get("/api/v1/org-units", headers=token_for("hr"))).status_code for _ in range(4)]
        limited = await http.get("/api/v1/org-units", headers=token_for("hr"))
        health = await http.get("/healthz")
    assert statuses == [200, 200, 200, 429]
    assert limited.headers["content-type"].startswith("application/problem+json")
    assert int(limited.headers["retry-after"]) >= 1
    assert health.status_code == 200  # operational routes are never limited
