"""Mounts every feature router under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from asn_api.audit.router import router as audit_router
from asn_api.auth.router import router as auth_router
from asn_api.auth.router import token_router
from asn_api.auth.users_router import router as users_router
from asn_api.changes.router import router as changes_router
from asn_api.employees.router import position_router as position_incumbents_router
from asn_api.employees.router import router as employees_router
from asn_api.org_units.router import router as org_units_router
from asn_api.positions.router import router as positions_router
from asn_api.reports.router import router as reports_router

API_PREFIX = "/api/v1"


def build_api_router() -> APIRouter:
    api = APIRouter(prefix=API_PREFIX)
    for router in (
        token_router, auth_router, users_router, org_units_router, positions_router,
        position_incumbents_router, employees_router,
        reports_router, changes_router, audit_router,
    ):
        api.include_router(router)
    return api
