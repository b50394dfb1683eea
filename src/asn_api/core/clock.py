"""The one clock: business dates ("today") are taken in ASN_TIMEZONE; timestamps are UTC.

Tests pin time with `clock.freeze(...)` instead of patching datetime all over the code base.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

_frozen: datetime | None = None
_zone = ZoneInfo("Asia/Jakarta")


def configure(timezone: str) -> None:
    global _zone
    _zone = ZoneInfo(timezone)


def freeze(moment: datetime | None) -> None:
    """Pin `now()` to a moment (timezone-aware), or un-pin it with None."""
    global _frozen
    _frozen = moment


def now() -> datetime:
    return _frozen if _frozen is not None else datetime.now(UTC)


def today() -> date:
    return now().astimezone(_zone).date()
