"""Database constraints of positions, translated to problems by name."""

from asn_api.core.errors import Conflict, ValidationFailed, register_constraint

register_constraint("uq_positions_code", Conflict, "position_code_taken",
                    "Another position already has this code", "code")
register_constraint("fk_positions_org_unit_id_org_units", ValidationFailed, "org_unit_not_found",
                    "org_unit_id names no organisation unit", "org_unit_id")
register_constraint("fk_positions_reports_to_id_positions", Conflict, "position_in_use",
                    "Other positions still report to this position")
register_constraint("ck_positions_functional_fields", ValidationFailed, "functional_fields_invalid",
                    "functional_track and functional_level are required for fungsional and forbidden otherwise",
                    "functional_track")
