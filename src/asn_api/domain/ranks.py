"""PNS ranks (pangkat/golongan ruang) and PPPK grades, and which employment type uses which.

Sources (domain.md §6): PNS ranks I/a … IV/e per PP 99/2000 jo. PP 12/2002 [C]; PPPK grades I … XVII
per PermenPANRB 72/2020 / Perpres 98/2020 [S]. CPNS carry PNS ranks; part-time PPPK carry PPPK grades.
"""

from __future__ import annotations

from typing import Literal

from asn_api.domain.errors import DomainRuleError

EMPLOYMENT_TYPES: tuple[str, ...] = ("pns", "cpns", "pppk", "pppk_paruh_waktu")
PNS_EMPLOYMENT_TYPES: frozenset[str] = frozenset({"pns", "cpns"})
PPPK_EMPLOYMENT_TYPES: frozenset[str] = frozenset({"pppk", "pppk_paruh_waktu"})

# Ordered lowest → highest; the position in the tuple is the ordering used everywhere.
PNS_RANKS: tuple[str, ...] = (
    "I/a", "I/b", "I/c", "I/d",
    "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d",
    "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
)  # fmt: skip
PPPK_GRADES: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)  # fmt: skip

_PNS_ORDER = {rank: i for i, rank in enumerate(PNS_RANKS, start=1)}
_PPPK_ORDER = {grade: i for i, grade in enumerate(PPPK_GRADES, start=1)}


def employment_scheme(employment_type: str) -> Literal["pns", "pppk"]:
    """Map an employment type to its rank/NIP scheme; unknown types raise ``employment_type_invalid``."""
    if employment_type in PNS_EMPLOYMENT_TYPES:
        return "pns"
    if employment_type in PPPK_EMPLOYMENT_TYPES:
        return "pppk"
    raise DomainRuleError(
        field="employment_type",
        code="employment_type_invalid",
        message=f"employment_type {employment_type!r} is not one of {', '.join(EMPLOYMENT_TYPES)}.",
    )


def rank_order(rank: str) -> int:
    """1-based position of a PNS rank (I/a = 1 … IV/e = 17) or a PPPK grade (I = 1 … XVII = 17).

    The two schemes share no spellings, so one function serves both; comparing a PNS rank with a
    PPPK grade is meaningless and callers must not do it.
    """
    order = _PNS_ORDER.get(rank) or _PPPK_ORDER.get(rank)
    if order is None:
        raise DomainRuleError(
            field="rank", code="rank_invalid", message=f"{rank!r} is neither a PNS rank nor a PPPK grade."
        )
    return order


def is_valid_rank(rank: str, employment_type: str) -> bool:
    """True when ``rank`` belongs to the scheme of ``employment_type``; False for unknown types too."""
    if employment_type in PNS_EMPLOYMENT_TYPES:
        return rank in _PNS_ORDER
    if employment_type in PPPK_EMPLOYMENT_TYPES:
        return rank in _PPPK_ORDER
    return False


def validate_rank(rank: str, employment_type: str) -> None:
    """Raise ``rank_invalid`` unless ``rank`` fits the employment type (api.md §5 ``rank``)."""
    scheme = employment_scheme(employment_type)
    if is_valid_rank(rank, employment_type):
        return
    allowed = "a PNS rank I/a … IV/e" if scheme == "pns" else "a PPPK grade I … XVII"
    raise DomainRuleError(
        field="rank",
        code="rank_invalid",
        message=f"rank {rank!r} is not valid for employment_type {employment_type}; expected {allowed}.",
    )


def rank_at_least(rank: str, minimum: str) -> bool:
    """True when PNS rank ``rank`` is ``minimum`` or higher (e.g. a position's ``min_rank``).

    Only PNS ranks are comparable here; a PPPK grade or unknown value raises ``rank_invalid``.
    """
    for field, value in (("rank", rank), ("min_rank", minimum)):
        if value not in _PNS_ORDER:
            raise DomainRuleError(
                field=field, code="rank_invalid", message=f"{field} {value!r} is not a PNS rank I/a … IV/e."
            )
    return _PNS_ORDER[rank] >= _PNS_ORDER[minimum]
