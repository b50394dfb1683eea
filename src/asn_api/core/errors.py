"""Every failure leaves the service as RFC 9457 problem+json, rendered in one place.

Services raise `AppError` subclasses; the database's own constraint violations are translated by
constraint name (see `register_constraint`), so races are decided by PostgreSQL, not by Python checks.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from asn_api.core.context import request_id_var

logger = logging.getLogger("asn_api.errors")
PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://asn-api.binjaikota.go.id/problems/"


class FieldError(BaseModel):
    loc: list[str | int] = Field(description="Path to the offending field, e.g. ['body', 'nip']")
    message: str
    code: str


class Problem(BaseModel):
    """RFC 9457 problem details with a stable `code` and optional field errors."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: list[FieldError] | None = None
    request_id: str | None = None


class AppError(Exception):
    status: int = 500
    code: str = "internal_error"
    title: str | None = None

    def __init__(
        self,
        detail: str,
        *,
        code: str | None = None,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code
        self.errors = errors
        self.headers = headers or {}
        self.extra = extra or {}


class NotFound(AppError):
    status, code = 404, "not_found"


class Conflict(AppError):
    status, code = 409, "conflict"


class Forbidden(AppError):
    status, code = 403, "forbidden"


class Unauthorized(AppError):
    status, code = 401, "unauthorized"

    def __init__(self, detail: str = "Authentication required", **kwargs: Any) -> None:
        kwargs.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kwargs)


class ValidationFailed(AppError):
    status, code = 422, "validation_failed"


class VersionMismatch(AppError):
    status, code = 412, "version_mismatch"


class PreconditionRequired(AppError):
    status, code = 428, "precondition_required"


class PayloadTooLarge(AppError):
    status, code = 413, "payload_too_large"


class TooManyRequests(AppError):
    status, code = 429, "rate_limited"


def field_error(field: str, message: str, code: str, *, location: str = "body") -> ValidationFailed:
    """A 422 naming one field — the most common validation failure."""
    return ValidationFailed(
        f"{field}: {message}", errors=[FieldError(loc=[location, field], message=message, code=code)]
    )


# constraint name -> factory of the AppError it means
_CONSTRAINTS: dict[str, tuple[type[AppError], str, str, str | None]] = {}


def register_constraint(
    name: str, error: type[AppError], code: str, detail: str, field: str | None = None
) -> None:
    _CONSTRAINTS[name] = (error, code, detail, field)


def error_for_integrity(exc: IntegrityError) -> AppError | None:
    constraint = getattr(getattr(exc.orig, "__cause__", None), "constraint_name", None)
    if constraint is None:
        constraint = getattr(exc.orig, "constraint_name", None)
    if constraint in _CONSTRAINTS:
        error, code, detail, field = _CONSTRAINTS[constraint]
        errors = [FieldError(loc=["body", field], message=detail, code=code)] if field else None
        return error(detail, code=code, errors=errors)
    return None


def problem_response(
    status: int,
    code: str,
    detail: str,
    *,
    title: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    body = Problem(
        type=PROBLEM_TYPE_BASE + code,
        title=title or HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        code=code,
        errors=errors,
        request_id=request_id_var.get(),
    ).model_dump(exclude_none=True)
    if extra:
        body.update(extra)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


def render_app_error(exc: AppError) -> JSONResponse:
    return problem_response(
        exc.status, exc.code, exc.detail, title=exc.title, errors=exc.errors, headers=exc.headers,
        extra=exc.extra,
    )


def _validation_errors(exc: RequestValidationError) -> list[FieldError]:
    errors = []
    for err in exc.errors():
        loc = [part for part in err.get("loc", ()) if isinstance(part, str | int)]
        errors.append(FieldError(loc=loc, message=str(err.get("msg", "invalid")), code=str(err.get("type"))))
    return errors


def _allowed_methods(request: Request) -> str:
    """Starlette's 405 names only the methods of the first route whose path matched; RFC 9110 wants all."""
    allowed = []
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        scope = {"type": "http", "method": method, "path": request.scope["path"],
                 "root_path": request.scope.get("root_path", ""), "headers": [], "query_string": b""}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return ", ".join(allowed)


def install_error_handlers(app: FastAPI) -> None:
    async def on_app_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, AppError)
        return render_app_error(exc)

    async def on_validation(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = _validation_errors(exc)
        fields = ", ".join(".".join(str(p) for p in e.loc[1:]) or str(e.loc[0]) for e in errors[:5])
        return problem_response(422, "validation_failed", f"Invalid request: {fields}", errors=errors)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}.get(
            exc.status_code, "http_error")
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            headers["Allow"] = _allowed_methods(request)
        return problem_response(exc.status_code, code, str(exc.detail), headers=headers or None)

    async def on_integrity(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, IntegrityError)
        mapped = error_for_integrity(exc)
        if mapped is not None:
            return render_app_error(mapped)
        logger.error("unmapped integrity error", exc_info=exc)
        return problem_response(409, "conflict", "The change conflicts with existing data")

    async def on_database_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DBAPIError)
        sqlstate = str(getattr(exc.orig, "sqlstate", None) or "")
        if sqlstate.startswith("22"):
            # SQLSTATE class 22, data exception: a value PostgreSQL cannot store (a NUL character, a
            # number beyond its column) is the client's input, not our failure. The driver's message may
            # quote the value, so it is not passed on.
            logger.warning("value refused by the database", extra={"sqlstate": sqlstate})
            return problem_response(422, "invalid_value", "A value in the request cannot be stored "
                                    "(for example a NUL character, or a number too large for its field)")
        logger.error("database error", extra={"sqlstate": sqlstate}, exc_info=exc)
        return internal_error_response()

    async def on_stale(_: Request, exc: Exception) -> JSONResponse:
        return problem_response(
            412, "version_mismatch", "The resource was changed by someone else; reload and retry"
        )

    app.add_exception_handler(AppError, on_app_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(IntegrityError, on_integrity)
    app.add_exception_handler(StaleDataError, on_stale)
    app.add_exception_handler(DBAPIError, on_database_error)
    app.openapi = _problem_openapi(app)  # type: ignore[method-assign]


_PROBLEM_CONTENT = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}


def _problem_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """Document error bodies as they are sent: problem+json only.

    FastAPI documents request validation failures as its own `HTTPValidationError` (application/json)
    on every route with parameters, and `error_responses`' `model` adds an application/json twin to
    each problem. Neither is what clients receive; rewrite the generated document once.
    """
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = generate()
        for operations in document.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
                    if PROBLEM_MEDIA_TYPE in content or ref.endswith("/HTTPValidationError"):
                        response["content"] = {k: dict(v) for k, v in _PROBLEM_CONTENT.items()}
                        if status.isdigit():
                            response["description"] = HTTPStatus(int(status)).phrase
        schemas = document.get("components", {}).get("schemas", {})
        schemas.pop("HTTPValidationError", None)
        if "#/components/schemas/ValidationError" not in json.dumps(document):
            schemas.pop("ValidationError", None)  # FastAPI's, referenced only by HTTPValidationError
        return document

    return openapi


def internal_error_response() -> JSONResponse:
    """The body of an unknown failure: no internals, only the request id to quote."""
    return problem_response(500, "internal_error", "An unexpected error occurred; quote the request id")


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for the problem statuses a route can answer."""
    return {
        status: {
            "model": Problem,
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }
