"""All SQL for org units: filtered keyset lists and subtree walks with recursive CTEs."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, func, literal, or_, select, text
from sqlalchemy.orm import aliased

from asn_api.core.pagination import PageParams, keyset
from asn_api.core.repository import Repository, contains_pattern
from asn_api.org_units.models import OrgUnit

SORTS: dict[str, Any] = {"code": OrgUnit.code, "name": OrgUnit.name}
TREE_LOCK_KEY = 0x41534E_0002  # serialises parent changes so two moves cannot form a cycle together


def subtree_ids(root_id: uuid.UUID) -> Select[Any]:
    """SELECT of the ids of `root_id` and all its descendants — embed it in other queries' filters."""
    tree = select(OrgUnit.id).where(OrgUnit.id == root_id).cte("subtree", recursive=True)
    child = aliased(OrgUnit)
    tree = tree.union_all(select(child.id).where(child.parent_id == tree.c.id))
    return select(tree.c.id)


def in_unit(column: Any, unit_id: uuid.UUID, include_descendants: bool) -> Any:
    """Filter: `column` (an org_unit_id) is the unit, or with `include_descendants` anywhere in its subtree."""
    return column.in_(subtree_ids(unit_id)) if include_descendants else column == unit_id


class OrgUnitRepository(Repository[OrgUnit]):
    model = OrgUnit
    resource = "org_unit"

    async def list_page(
        self, *, params: PageParams, sort: str, parent_id: uuid.UUID | None, kind: str | None, q: str | None
    ) -> list[OrgUnit]:
        stmt = self.readable(select(OrgUnit))
        if parent_id is not None:
            stmt = stmt.where(OrgUnit.parent_id == parent_id)
        if kind is not None:
            stmt = stmt.where(OrgUnit.kind == kind)
        if q:
            pattern = contains_pattern(q)
            stmt = stmt.where(or_(OrgUnit.name.ilike(pattern), OrgUnit.code.ilike(pattern)))
        stmt = keyset(stmt, sort=sort, allowed=SORTS, id_column=OrgUnit.id, params=params)
        return list((await self.session.execute(stmt)).scalars())

    async def subtree(self, root_id: uuid.UUID) -> list[OrgUnit]:
        """The unit and every descendant, parents before children (one query)."""
        tree = (
            select(OrgUnit.id, literal(0).label("depth")).where(OrgUnit.id == root_id).cte("tree", recursive=True)
        )
        child = aliased(OrgUnit)
        tree = tree.union_all(select(child.id, tree.c.depth + 1).where(child.parent_id == tree.c.id))
        stmt = select(OrgUnit).join(tree, tree.c.id == OrgUnit.id).order_by(tree.c.depth, OrgUnit.code)
        return list((await self.session.execute(stmt)).scalars())

    async def is_in_subtree(self, root_id: uuid.UUID, candidate_id: uuid.UUID) -> bool:
        stmt = select(func.count()).where(OrgUnit.id == candidate_id, OrgUnit.id.in_(subtree_ids(root_id)))
        return bool((await self.session.execute(stmt)).scalar_one())

    async def exists(self, unit_id: uuid.UUID) -> bool:
        return (await self.session.execute(select(OrgUnit.id).where(OrgUnit.id == unit_id))).first() is not None

    async def lock_tree(self) -> None:
        await self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": TREE_LOCK_KEY})
