from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from asn_api.core.models import Base, Timestamps, UUIDPrimaryKey, Versioned

ORG_UNIT_KINDS = (
    "secretariat", "agency", "office", "inspectorate", "district", "subdistrict",
    "health_center", "hospital", "division", "section", "technical_unit", "other",
)


class OrgUnit(UUIDPrimaryKey, Timestamps, Versioned, Base):
    __tablename__ = "org_units"
    __table_args__ = (
        CheckConstraint("kind IN ({})".format(", ".join(f"'{k}'" for k in ORG_UNIT_KINDS)), name="kind"),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        Index("ix_org_units_parent_id", "parent_id"),
        Index("ix_org_units_name_id", "name", "id"),
    )

    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("org_units.id", ondelete="RESTRICT"))
    is_service_unit: Mapped[bool] = mapped_column(server_default=text("false"), default=False)
    is_active: Mapped[bool] = mapped_column(server_default=text("true"), default=True)
