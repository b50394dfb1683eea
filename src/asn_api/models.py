"""Imports every table so that `Base.metadata` is complete (Alembic, drift checks)."""

from asn_api.auth import models as auth_models  # noqa: F401
from asn_api.core import idempotency, journal  # noqa: F401
from asn_api.core.models import Base
from asn_api.employees import models as employee_models  # noqa: F401
from asn_api.org_units import models as org_unit_models  # noqa: F401
from asn_api.positions import models as position_models  # noqa: F401

metadata = Base.metadata
