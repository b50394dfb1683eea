"""Fixtures of the employee tests: URLs from the app, an hr token, row counts."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from asn_api.employees.models import Employee


@pytest.fixture
def url(app: Any) -> Any:
    def make(name: str, **params: Any) -> str:
        return str(app.url_path_for(name, **{k: str(v) for k, v in params.items()}))

    return make


@pytest.fixture
def hr(token_for: Any) -> dict[str, str]:
    return token_for("hr")


@pytest.fixture
def count_rows(db: Any) -> Any:
    async def count(model: Any = Employee) -> int:
        return int((await db.execute(select(func.count()).select_from(model))).scalar_one())

    return count
