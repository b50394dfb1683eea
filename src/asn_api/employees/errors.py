"""Database constraints of employees and their histories, translated to problems by name.

Every constraint is mapped: an unmapped IntegrityError is logged with its SQL parameters, and employee
rows carry PII (NIK, phone, address) that must never reach a log.
"""

from asn_api.core.errors import Conflict, ValidationFailed, register_constraint

register_constraint("uq_employees_nip", Conflict, "nip_taken", "Another employee already has this NIP", "nip")
register_constraint("ck_employees_nip_format", ValidationFailed, "nip_format",
                    "NIP must be exactly 18 digits", "nip")
register_constraint("ck_employees_nik_format", ValidationFailed, "nik_format",
                    "NIK must be exactly 16 digits", "nik")
register_constraint("ck_employees_gender", ValidationFailed, "gender_invalid", "gender is male or female",
                    "gender")
register_constraint("ck_employees_employment_type", ValidationFailed, "employment_type_invalid",
                    "employment_type is pns, cpns, pppk or pppk_paruh_waktu", "employment_type")
register_constraint("ck_employees_education_level", ValidationFailed, "education_level_invalid",
                    "education_level is one of sd … s3", "education_level")
register_constraint("ck_employees_status", ValidationFailed, "status_invalid",
                    "status is active, retired, resigned, dismissed or deceased", "status")
register_constraint("ck_employees_rank", ValidationFailed, "rank_invalid",
                    "rank does not fit the employment type (PNS I/a … IV/e, PPPK I … XVII)", "rank")
register_constraint("ck_employees_status_date", ValidationFailed, "required",
                    "status_date is required when status is not active", "status_date")
register_constraint("ck_employees_inactive_unassigned", Conflict, "employee_not_active",
                    "An employee who left service cannot hold a position")
register_constraint("ck_employees_position_since", Conflict, "assignment_conflict",
                    "position_id and position_since must be set together")
register_constraint("fk_employees_position_id_positions", ValidationFailed, "position_not_found",
                    "position_id names no position", "position_id")
register_constraint("fk_employees_org_unit_id_org_units", ValidationFailed, "org_unit_not_found",
                    "org_unit_id names no organisation unit", "org_unit_id")

register_constraint("uq_employee_assignments_current", Conflict, "assignment_conflict",
                    "Another assignment of this employee was recorded at the same time; reload and retry")
register_constraint("ck_employee_assignments_dates", ValidationFailed, "end_before_start",
                    "An assignment cannot end before it starts", "effective_date")
register_constraint("ck_employee_assignments_kind", ValidationFailed, "kind_invalid",
                    "kind is not an assignment kind", "kind")
register_constraint("fk_employee_assignments_position_id_positions", ValidationFailed, "position_not_found",
                    "position_id names no position", "position_id")
register_constraint("fk_employee_assignments_employee_id_employees", ValidationFailed, "employee_not_found",
                    "No employee with this id")
register_constraint("fk_employee_assignments_org_unit_id_org_units", ValidationFailed, "org_unit_not_found",
                    "The position's organisation unit does not exist")

register_constraint("ck_employee_ranks_rank", ValidationFailed, "rank_invalid",
                    "rank is neither a PNS rank nor a PPPK grade", "rank")
register_constraint("ck_employee_ranks_kind", ValidationFailed, "kind_invalid",
                    "kind is not a rank kind", "kind")
register_constraint("fk_employee_ranks_employee_id_employees", ValidationFailed, "employee_not_found",
                    "No employee with this id")

# A user account linked to an employee (users.employee_id → employees.id, added by this feature's migration).
register_constraint("fk_users_employee_id_employees", ValidationFailed, "employee_not_found",
                    "employee_id names no employee", "employee_id")
