"""Pure ASGI middleware: request id, access log and metrics, body size limit, unknown errors → 500."""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

from starlette.exceptions import HTTPException
from starlette.routing import NoMatchFound
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from asn_api.core.context import client_ip_var, request_id_var
from asn_api.core.errors import internal_error_response, problem_response
from asn_api.core.metrics import LATENCY, REQUESTS

logger = logging.getLogger("asn_api.access")
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


class RequestContextMiddleware:
    """Outermost: every response — even an unhandled failure — carries X-Request-ID and is logged."""

    def __init__(self, app: ASGIApp, trusted_proxies: list[str] | None = None) -> None:
        self.app = app
        self.trusted_proxies = set(trusted_proxies or [])
        self._templates: dict[int, str] = {}  # id(route) -> full path template

    def _route_template(self, scope: Scope) -> str:
        """The matched route's full template, e.g. /api/v1/org-units/{unit_id} — never the raw path.

        FastAPI no longer flattens included routers, so `route.path` lacks the outer prefixes
        (/api/v1); the app rebuilds the full template from the route's unique name instead.
        """
        route = scope.get("route")
        if route is None:
            return "unmatched"
        template = self._templates.get(id(route))
        if template is None:
            params = {name: "{" + name + "}" for name in getattr(route, "param_convertors", None) or {}}
            try:
                template = str(scope["app"].url_path_for(route.name, **params))
            except (NoMatchFound, AttributeError, KeyError):
                template = getattr(route, "path", None) or "unmatched"
            self._templates[id(route)] = template
        return template

    def _client_ip(self, scope: Scope) -> str | None:
        peer = scope.get("client")
        ip = peer[0] if peer else None
        forwarded = _header(scope, b"x-forwarded-for")
        if forwarded and ip in self.trusted_proxies:
            ip = forwarded.split(",")[0].strip()
        return ip

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id")
        request_id = incoming if incoming and _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        rid_token = request_id_var.set(request_id)
        ip_token = client_ip_var.set(self._client_ip(scope))
        status = {"code": 500, "started": False}
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"], status["started"] = message["status"], True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            logger.exception("unhandled error")
            if not status["started"]:
                await internal_error_response()(scope, receive, send_with_id)
        finally:
            template = self._route_template(scope)
            elapsed = time.perf_counter() - started
            REQUESTS.labels(template, scope["method"], str(status["code"])).inc()
            LATENCY.labels(template, scope["method"]).observe(elapsed)
            logger.info(
                "request",
                extra={"method": scope["method"], "route": template, "status": status["code"],
                       "duration_ms": round(elapsed * 1000, 2)},
            )
            request_id_var.reset(rid_token)
            client_ip_var.reset(ip_token)


class BodySizeLimitMiddleware:
    """413 for bodies over the limit — by Content-Length up front, and by counting streamed bytes."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_import_bytes: int, import_prefix: str) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_import_bytes = max_import_bytes
        self.import_prefix = import_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        limit = self.max_import_bytes if path.startswith(self.import_prefix) else self.max_bytes
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._too_large(limit)(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # An HTTPException, not an AppError: FastAPI turns any other exception raised while
                    # it reads the body into "400 error parsing the body", and re-raises only these.
                    raise HTTPException(413, f"The request body exceeds the limit of {limit} bytes")
            return message

        await self.app(scope, counting_receive, send)

    @staticmethod
    def _too_large(limit: int) -> Any:
        return problem_response(413, "payload_too_large", f"The request body exceeds the limit of {limit} bytes")
