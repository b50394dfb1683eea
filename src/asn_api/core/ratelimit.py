"""Fixed-window rate limits kept in process memory: per worker, which suits their purpose here —
slowing down abuse of anonymous endpoints, not exact accounting (that would need a shared store)."""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Receive, Scope, Send

from asn_api.core.errors import problem_response

_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)\s*$")


@dataclass
class RateLimiter:
    limit: int
    period_seconds: int
    _windows: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def parse(cls, spec: str) -> RateLimiter:
        """'20/hour' → 20 requests per hour per key."""
        match = _SPEC.match(spec)
        if match is None:
            raise ValueError(f"rate limit {spec!r} must look like '20/hour' (second, minute, hour or day)")
        return cls(limit=int(match.group(1)), period_seconds=_PERIODS[match.group(2)])

    def hit(self, key: str, now: float | None = None) -> int | None:
        """Count one request; None when allowed, else the seconds until the window resets."""
        now = time.time() if now is None else now
        window = int(now // self.period_seconds)
        current, count = self._windows.get(key, (window, 0))
        if current != window:
            count = 0
            if len(self._windows) > 100_000:  # forget old windows instead of growing without bound
                self._windows = {k: v for k, v in self._windows.items() if v[0] == window}
        if count >= self.limit:
            return max(1, math.ceil((window + 1) * self.period_seconds - now))
        self._windows[key] = (window, count + 1)
        return None


class GlobalRateLimitMiddleware:
    """ASN_RATE_LIMIT: an optional ceiling per client address over every /api route (off by default)."""

    def __init__(self, app: ASGIApp, limiter: RateLimiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/api/"):
            from asn_api.core.context import client_ip_var

            retry_after = self.limiter.hit(client_ip_var.get() or "unknown")
            if retry_after is not None:
                response = problem_response(429, "rate_limited", "Too many requests; slow down",
                                            headers={"Retry-After": str(retry_after)})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
