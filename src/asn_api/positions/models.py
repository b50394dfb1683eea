from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, SmallInteger, String, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from asn_api.core.models import Base, Timestamps, UUIDPrimaryKey, Versioned
from asn_api.domain.positions import POSITION_KINDS


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Position(UUIDPrimaryKey, Timestamps, Versioned, Base):
    __tablename__ = "positions"
    __table_args__ = (
        CheckConstraint(_in("kind", POSITION_KINDS), name="kind"),
        CheckConstraint("grade BETWEEN 1 AND 17", name="grade"),
        CheckConstraint("required_headcount BETWEEN 0 AND 10000", name="required_headcount"),
        CheckConstraint("headcount_basis IN ('manual', 'workload')", name="headcount_basis"),
        CheckConstraint("status IN ('active', 'abolished')", name="status"),
        CheckConstraint("(status = 'abolished') = (abolished_on IS NOT NULL)", name="abolished_on"),
        # The domain rule (domain/positions.py) checked again where no code path can skip it.
        CheckConstraint(
            "(kind = 'fungsional') = (functional_track IS NOT NULL AND functional_level IS NOT NULL)"
            " AND (kind = 'fungsional' OR (functional_track IS NULL AND functional_level IS NULL))",
            name="functional_fields",
        ),
        Index("ix_positions_org_unit_id_code", "org_unit_id", "code"),
        Index("ix_positions_title_id", "title", "id"),
        Index("ix_positions_grade_id", "grade", "id"),
        Index("ix_positions_updated_at_id", "updated_at", "id"),
        Index("ix_positions_reports_to_id", "reports_to_id"),
    )

    code: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    functional_track: Mapped[str | None] = mapped_column(String(16))
    functional_level: Mapped[str | None] = mapped_column(String(16))
    grade: Mapped[int] = mapped_column(SmallInteger)
    org_unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id", ondelete="RESTRICT"))
    reports_to_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("positions.id", ondelete="RESTRICT"))
    min_rank: Mapped[str | None] = mapped_column(String(8))
    required_headcount: Mapped[int] = mapped_column(server_default=text("1"), default=1)
    headcount_basis: Mapped[str] = mapped_column(String(16), server_default=text("'manual'"), default="manual")
    status: Mapped[str] = mapped_column(String(16), server_default=text("'active'"), default="active")
    abolished_on: Mapped[date | None]


class PositionWorkload(Base):
    """The ABK of one position: tasks as entered plus the computed totals (domain/abk.py)."""

    __tablename__ = "position_workloads"

    position_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("positions.id", ondelete="CASCADE"), primary_key=True
    )
    tasks: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    total_minutes: Mapped[Decimal] = mapped_column(Numeric(16, 2))
    required_headcount_exact: Mapped[Decimal] = mapped_column(Numeric(12, 4))
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
