"""OAuth2 token-endpoint errors (RFC 6749 §5.2) and the auth constraints mapped to problems."""

from __future__ import annotations

from asn_api.core.errors import Conflict, ValidationFailed, register_constraint


class OAuthError(Exception):
    def __init__(self, error: str, description: str, status: int = 400, retry_after: int | None = None):
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status
        self.retry_after = retry_after


register_constraint("uq_users_username", Conflict, "username_taken", "This username is already taken", "username")
register_constraint("fk_users_org_unit_id_org_units", ValidationFailed, "org_unit_not_found",
                    "org_unit_id does not name an existing unit", "org_unit_id")
register_constraint("ck_users_unit_admin_has_unit", ValidationFailed, "org_unit_required",
                    "a unit_admin needs an org_unit_id", "org_unit_id")
register_constraint("ck_users_employee_has_employee", ValidationFailed, "employee_required",
                    "an employee login needs an employee_id", "employee_id")
