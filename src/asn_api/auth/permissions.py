"""Roles → permissions, in one table. Integration clients hold their scopes as permissions directly.

Row scope (a unit_admin's subtree, an employee's own record) is applied by repositories, not here.
"""

from __future__ import annotations

ROLES = ("admin", "hr", "unit_admin", "employee")

# Scopes an integration client may be granted (api.md §2); each is also a permission name.
CLIENT_SCOPES = frozenset(
    {
        "org_units:read", "org_units:write", "positions:read", "positions:write",
        "employees:read", "employees:write", "employees:read_pii",
        "competencies:read", "competencies:write", "trainings:read", "trainings:write",
        "feedback:read", "imports:write", "changes:read",
        "metrics:read",  # not in api.md's list: lets a Prometheus scraper read /metrics and nothing else
    }
)

_MASTER_DATA_READ = {"org_units:read", "positions:read", "competencies:read", "trainings:read"}
_ADMIN_ONLY = {"users:manage", "api_clients:manage", "audit:read", "webhooks:manage", "metrics:read"}
_DOMAIN = (CLIENT_SCOPES - {"metrics:read"}) | {
    "assessments:write", "enrollments:write", "feedback:write", "reports:read", "holidays:write",
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(_DOMAIN | _ADMIN_ONLY),
    "hr": frozenset(_DOMAIN),
    "unit_admin": frozenset(
        _MASTER_DATA_READ
        | {"employees:read", "employees:write", "employees:read_pii", "assessments:write",
           "enrollments:write", "feedback:read", "feedback:write", "reports:read"}
    ),
    "employee": frozenset(_MASTER_DATA_READ | {"employees:read", "employees:read_pii", "enrollments:write"}),
}
