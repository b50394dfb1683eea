"""Side-by-side timing: the API and its raw baseline alternate round by round, so drift hits both."""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

# One round of work; returns how many items it handled (rows read, rows written, 1 for a latency probe).
Work = Callable[[], Awaitable[int]]


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)
    items: list[int] = field(default_factory=list)

    def add(self, seconds: float, items: int) -> None:
        self.seconds.append(seconds)
        self.items.append(items)

    @property
    def rate(self) -> float:
        """Items per second of the median round (robust against one slow round)."""
        rates = sorted(n / s for n, s in zip(self.items, self.seconds, strict=True) if s > 0)
        return statistics.median(rates)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000


async def _timed(work: Work) -> tuple[float, int]:
    started = time.perf_counter()
    items = await work()
    return time.perf_counter() - started, items


async def side_by_side(
    api: Work, raw: Work, *, rounds: int, budget_seconds: float, min_rounds: int = 3, warmup: bool = True
) -> tuple[Samples, Samples]:
    """Alternate api/raw rounds (order flipped every round) until `rounds` or the time budget runs out."""
    if warmup:
        await api()
        await raw()
    api_samples, raw_samples = Samples(), Samples()
    deadline = time.monotonic() + budget_seconds
    for n in range(rounds):
        pair = ((api, api_samples), (raw, raw_samples))
        for work, samples in pair if n % 2 == 0 else reversed(pair):
            samples.add(*await _timed(work))
        if n + 1 >= min_rounds and time.monotonic() > deadline:
            break
    return api_samples, raw_samples
