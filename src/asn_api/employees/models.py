"""Employees, their assignment history (riwayat jabatan) and rank history (riwayat pangkat).

`employees.position_id / org_unit_id / position_since` mirror the open assignment (end_date IS NULL) so
lists filter and count by them without a join; `retirement_date` is stored for the same reason. The view
`position_incumbents` (B per position) is created by migration 0003 and is deliberately not a model.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from asn_api.core.models import Base, Timestamps, UUIDPrimaryKey, Versioned
from asn_api.domain.ranks import EMPLOYMENT_TYPES, PNS_RANKS, PPPK_GRADES

GENDERS = ("male", "female")
EDUCATION_LEVELS = ("sd", "smp", "sma", "d1", "d2", "d3", "d4", "s1", "s2", "s3")
EMPLOYEE_STATUSES = ("active", "retired", "resigned", "dismissed", "deceased")
ASSIGNMENT_KINDS = ("initial", "promotion", "rotation", "transfer", "equalization", "demotion", "acting")
RANK_KINDS = ("regular", "selection", "education_adjustment", "other")
_PNS_TYPES, _PPPK_TYPES = ("pns", "cpns"), ("pppk", "pppk_paruh_waktu")  # domain.ranks, in a stable order


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


_RANK_FITS_TYPE = (
    f"rank IS NULL OR ({_in('employment_type', _PNS_TYPES)} AND {_in('rank', PNS_RANKS)})"
    f" OR ({_in('employment_type', _PPPK_TYPES)} AND {_in('rank', PPPK_GRADES)})"
)


class Employee(UUIDPrimaryKey, Timestamps, Versioned, Base):
    __tablename__ = "employees"
    __table_args__ = (
        CheckConstraint("nip ~ '^[0-9]{18}$'", name="nip_format"),
        CheckConstraint("nik IS NULL OR nik ~ '^[0-9]{16}$'", name="nik_format"),
        CheckConstraint(_in("gender", GENDERS), name="gender"),
        CheckConstraint(_in("employment_type", EMPLOYMENT_TYPES), name="employment_type"),
        CheckConstraint(_in("education_level", EDUCATION_LEVELS), name="education_level"),
        CheckConstraint(_in("status", EMPLOYEE_STATUSES), name="status"),
        CheckConstraint(_RANK_FITS_TYPE, name="rank"),
        CheckConstraint("status = 'active' OR status_date IS NOT NULL", name="status_date"),
        # Someone who left service holds no position; a position is always held since a date.
        CheckConstraint("status = 'active' OR position_id IS NULL", name="inactive_unassigned"),
        CheckConstraint("(position_id IS NULL) = (position_since IS NULL)", name="position_since"),
        Index("ix_employees_full_name_id", "full_name", "id"),
        Index("ix_employees_nip_prefix", "nip", postgresql_ops={"nip": "text_pattern_ops"}),
        Index("ix_employees_birth_date_id", "birth_date", "id"),
        Index("ix_employees_updated_at_id", "updated_at", "id"),
        Index("ix_employees_org_unit_id", "org_unit_id"),
        # Also serves the position_incumbents view: only active employees hold a position.
        Index("ix_employees_active_position_id", "position_id", postgresql_where=text("status = 'active'")),
        Index("ix_employees_employment_type", "employment_type"),
        Index("ix_employees_rank", "rank"),
    )

    nip: Mapped[str] = mapped_column(String(18), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    front_title: Mapped[str | None] = mapped_column(String(50))
    back_title: Mapped[str | None] = mapped_column(String(50))
    gender: Mapped[str] = mapped_column(String(8))
    birth_date: Mapped[date]
    birth_place: Mapped[str | None] = mapped_column(String(100))
    employment_type: Mapped[str] = mapped_column(String(16))
    rank: Mapped[str | None] = mapped_column(String(8))
    rank_effective_date: Mapped[date | None]
    civil_service_start: Mapped[date | None]
    education_level: Mapped[str | None] = mapped_column(String(4))
    email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(16), server_default=text("'active'"), default="active")
    status_date: Mapped[date | None]
    position_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("positions.id", ondelete="RESTRICT"))
    org_unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("org_units.id", ondelete="RESTRICT"))
    position_since: Mapped[date | None]
    retirement_date: Mapped[date]
    # PII: masked in the audit log, absent from responses for callers without employees:read_pii.
    nik: Mapped[str | None] = mapped_column(String(16))
    phone: Mapped[str | None] = mapped_column(String(32))
    address: Mapped[str | None] = mapped_column(String(500))


class EmployeeAssignment(UUIDPrimaryKey, Base):
    """One period in a position; `end_date IS NULL` marks the current one (at most one per employee)."""

    __tablename__ = "employee_assignments"
    __table_args__ = (
        CheckConstraint(_in("kind", ASSIGNMENT_KINDS), name="kind"),
        CheckConstraint("end_date IS NULL OR end_date >= effective_date", name="dates"),
        Index("uq_employee_assignments_current", "employee_id", unique=True,
              postgresql_where=text("end_date IS NULL")),
        Index("ix_employee_assignments_employee_id_effective_date", "employee_id", "effective_date"),
        Index("ix_employee_assignments_position_id", "position_id"),
        Index("ix_employee_assignments_org_unit_id", "org_unit_id"),
    )

    employee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employees.id", ondelete="CASCADE"))
    position_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("positions.id", ondelete="RESTRICT"))
    org_unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(16))
    effective_date: Mapped[date]
    end_date: Mapped[date | None]
    decree_number: Mapped[str | None] = mapped_column(String(100))
    decree_date: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class EmployeeRank(UUIDPrimaryKey, Base):
    """One rank (pangkat/golongan or PPPK grade) held from `effective_date`."""

    __tablename__ = "employee_ranks"
    __table_args__ = (
        CheckConstraint(_in("kind", RANK_KINDS), name="kind"),
        CheckConstraint(_in("rank", PNS_RANKS + PPPK_GRADES), name="rank"),
        Index("ix_employee_ranks_employee_id_effective_date", "employee_id", "effective_date"),
    )

    employee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employees.id", ondelete="CASCADE"))
    rank: Mapped[str] = mapped_column(String(8))
    effective_date: Mapped[date]
    kind: Mapped[str] = mapped_column(String(24))
    decree_number: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
