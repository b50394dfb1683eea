"""`create_app(settings)`: the ASGI application, its middleware and its lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, PlainTextResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from prometheus_client import generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from sqlalchemy import text

from asn_api import __version__
from asn_api.api import API_PREFIX, build_api_router
from asn_api.auth.deps import identify_caller, require
from asn_api.auth.principal import Principal
from asn_api.core import clock
from asn_api.core.config import Settings, get_settings
from asn_api.core.db import make_engine, make_sessionmaker, transaction
from asn_api.core.embedded import start_embedded, stop_embedded
from asn_api.core.errors import error_responses, install_error_handlers
from asn_api.core.logging import configure_logging
from asn_api.core.metrics import POOL, REGISTRY
from asn_api.core.middleware import BodySizeLimitMiddleware, RequestContextMiddleware
from asn_api.core.migrations import current_revision, head_revision, upgrade_to_head
from asn_api.core.ratelimit import GlobalRateLimitMiddleware, RateLimiter

logger = logging.getLogger("asn_api")
STATIC_DIR = Path(fastapi_offline.__file__).parent / "static"

DESCRIPTION = """\
ASN API — penataan jabatan and development of the civil servants (ASN) of Kota Binjai, for BKPSDM.

Conventions (every endpoint): JSON with snake_case fields; UUID ids; dates `YYYY-MM-DD`, timestamps
RFC 3339 UTC, business dates in `ASN_TIMEZONE` (Asia/Jakarta). Errors are RFC 9457
`application/problem+json` with a stable `code` and field `errors` (the token endpoint alone uses
RFC 6749 errors). A 422 has `code: validation_failed` and names each offending field in `errors[]`
with its own reason `code` (e.g. `loc: ["body", "nip"]`, `code: nip_birth_date_mismatch`); nothing is
written when a request fails. Lists take `limit` (1–500) and an opaque keyset `cursor`. Single resources carry
`version` and an `ETag`; send `If-Match` on PATCH/PUT/DELETE (stale → 412). Every POST honours
`Idempotency-Key` — except the two that hand out credentials (`/auth/token`, `POST /api-clients`), whose
answers must never be stored — for 24 h per caller (same body → replay with `Idempotent-Replayed: true`; another
body → 422 `idempotency_key_reused`); only successful answers are stored, so a failed request may be
retried with the same key. Rows outside the caller's scope answer 404.

Choices where the contract is silent: organisation units are master data and readable by every
authenticated role city-wide (unit_admin scoping applies to employees, assessments, enrollments,
feedback and reports); access tokens are stateless for their 15-minute life, while a disabled user
can no longer refresh; a refresh token presented twice revokes its whole rotation family; `/metrics`
needs `metrics:read` (admins, or a client granted that extra scope); unit_admin cannot create employees
(a new employee has no unit yet) — hr or admin create, the unit_admin manages them once assigned;
competency requirements and promotion candidates of positions come with the competencies feature.
"""


def _operation_id(route: APIRoute) -> str:
    return route.name  # unique verb_noun function names; a test enforces uniqueness


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_format)
    clock.configure(settings.timezone)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        server = None
        if getattr(app.state, "sessionmaker", None) is None:  # tests inject their own
            url = settings.database_url.get_secret_value() if settings.database_url else None
            if url is None:
                url, server = start_embedded(settings.data_dir)
            engine = make_engine(url)
            app.state.engine, app.state.sessionmaker, app.state.database_url = engine, make_sessionmaker(engine), url
            POOL.engine = engine
            if settings.auto_migrate:
                await upgrade_to_head(engine, url)
            await _bootstrap_admin(app, settings)
        try:
            yield
        finally:
            if getattr(app.state, "owns_engine", True) and getattr(app.state, "engine", None) is not None:
                await app.state.engine.dispose()
            stop_embedded(server)

    app = FastAPI(
        title="ASN API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        generate_unique_id_function=_operation_id,
        separate_input_output_schemas=False,
    )
    app.state.settings = settings
    app.state.sessionmaker = None
    app.state.identify_caller = identify_caller
    install_error_handlers(app)
    app.include_router(build_api_router())
    _add_operational_routes(app)

    # Order matters: the last added is the outermost. Request context must wrap everything.
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=False,
            allow_methods=["*"], allow_headers=["*"],
            expose_headers=["ETag", "Location", "X-Request-ID", "Idempotent-Replayed", "Retry-After"],
        )
    if settings.rate_limit:
        app.add_middleware(GlobalRateLimitMiddleware, limiter=RateLimiter.parse(settings.rate_limit))
    app.add_middleware(
        BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes,
        max_import_bytes=settings.max_import_bytes, import_prefix=f"{API_PREFIX}/imports/",
    )
    app.add_middleware(RequestContextMiddleware, trusted_proxies=settings.trusted_proxies)
    return app


async def _bootstrap_admin(app: FastAPI, settings: Settings) -> None:
    if not (settings.admin_username and settings.admin_password):
        return
    from asn_api.auth.service import ensure_bootstrap_admin

    # Workers starting together take turns on an advisory lock inside: one creates, the others see it.
    async with transaction(app.state.sessionmaker) as session:
        created = await ensure_bootstrap_admin(
            session, settings.admin_username, settings.admin_password.get_secret_value()
        )
    if created is not None:
        logger.info("bootstrap admin created", extra={"username": settings.admin_username})


def _add_operational_routes(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="ASN API — Swagger UI",
            swagger_js_url="/static/swagger-ui-bundle.js", swagger_css_url="/static/swagger-ui.css",
            swagger_favicon_url="/static/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc_ui() -> HTMLResponse:
        return get_redoc_html(
            openapi_url="/openapi.json", title="ASN API — ReDoc",
            redoc_js_url="/static/redoc.standalone.js", redoc_favicon_url="/static/favicon.png",
            with_google_fonts=False,
        )

    @app.get("/healthz", tags=["operations"], response_model=dict[str, str])
    async def healthz() -> dict[str, str]:
        """200 while the process runs."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["operations"], response_model=dict[str, Any],
             responses={503: {"description": "Database unreachable or migrations behind"}})
    async def readyz() -> Any:
        """200 when the database answers and its schema is at the newest migration, else 503."""
        engine = getattr(app.state, "engine", None)
        head = head_revision()
        try:
            if engine is None:
                raise RuntimeError("no database engine")
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            current = await current_revision(engine)
        except Exception:  # any failure to reach the database means "not ready"
            logger.warning("readiness check failed", exc_info=True)
            return _not_ready({"database": "unreachable", "migration_head": head})
        if current != head:
            return _not_ready({"database": "ok", "migration": current, "migration_head": head})
        return {"status": "ready", "database": "ok", "migration": current}

    @app.get("/metrics", tags=["operations"], response_class=PlainTextResponse,
             responses=error_responses(401, 403))
    async def metrics(_: Principal = require("metrics:read")) -> PlainTextResponse:
        """Prometheus text format: requests by route template, latency histograms, DB pool use.

        Not anonymous (api.md lists the anonymous routes, and this is not one): admins, or an integration
        client granted `metrics:read` — Prometheus' `oauth2` scrape option uses the client_credentials grant.
        """
        return PlainTextResponse(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


def _not_ready(details: dict[str, Any]) -> Any:
    from fastapi.responses import JSONResponse

    return JSONResponse({"status": "unavailable", **details}, status_code=503)
