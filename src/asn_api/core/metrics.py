"""Prometheus metrics: requests by route template, latency histograms, database pool use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REGISTRY = CollectorRegistry(auto_describe=True)
REQUESTS = Counter(
    "asn_http_requests_total", "HTTP requests", ["route", "method", "status"], registry=REGISTRY
)
LATENCY = Histogram(
    "asn_http_request_duration_seconds",
    "HTTP request latency",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)


class PoolCollector(Collector):
    """Reads pool use at scrape time, so there is nothing to keep in sync."""

    def __init__(self) -> None:
        self.engine: Any = None

    def collect(self) -> Iterator[GaugeMetricFamily]:
        if self.engine is None:
            return
        pool = self.engine.sync_engine.pool
        in_use = GaugeMetricFamily("asn_db_pool_connections_in_use", "Connections checked out")
        in_use.add_metric([], float(pool.checkedout()))
        size = GaugeMetricFamily("asn_db_pool_size", "Configured pool size")
        size.add_metric([], float(pool.size()))
        yield in_use
        yield size


POOL = PoolCollector()
REGISTRY.register(POOL)
