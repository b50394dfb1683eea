"""Database constraints of org units, translated to problems by name."""

from asn_api.core.errors import Conflict, ValidationFailed, register_constraint

register_constraint("uq_org_units_code", Conflict, "org_unit_code_taken",
                    "Another unit already has this code", "code")
register_constraint("fk_org_units_parent_id_org_units", Conflict, "org_unit_in_use",
                    "The unit still has child units, or parent_id names no unit")
register_constraint("ck_org_units_not_own_parent", ValidationFailed, "parent_cycle",
                    "A unit cannot be its own parent", "parent_id")
