"""Retirement age (Batas Usia Pensiun, BUP) and retirement date.

Sources (domain.md §6.4, api.md §5): UU 5/2014 Pasal 90 [C] (kept by UU 20/2023 [S]): 58 for
administrative posts (administrator, pengawas, pelaksana), 60 for JPT; functional positions follow
their JF regulation, 65 for Ahli Utama and 60 for Ahli Madya [S]. All ages are configurable.
The effective date convention (first day of the following month) is api.md §5; domain.md marks the
exact month rule [U], which is why it lives in one function.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from asn_api.domain.errors import DomainRuleError
from asn_api.domain.positions import FUNCTIONAL_KIND, JPT_KINDS, POSITION_KINDS


@dataclass(frozen=True)
class RetirementAges:
    jpt: int = 60
    ahli_utama: int = 65
    ahli_madya: int = 60
    default: int = 58

    def __post_init__(self) -> None:
        for name in ("jpt", "ahli_utama", "ahli_madya", "default"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"retirement age {name} must be a positive integer, not {value!r}")


def retirement_age(position_kind: str | None, functional_level: str | None, ages: RetirementAges) -> int:
    """BUP for the current position: JPT → ``ages.jpt``; fungsional Ahli Utama → ``ages.ahli_utama``;
    fungsional Ahli Madya → ``ages.ahli_madya``; every other kind, level, or no position → ``ages.default``.

    An unknown ``position_kind`` raises kind_invalid rather than silently getting the default.
    """
    if position_kind is None:
        return ages.default
    if position_kind not in POSITION_KINDS:
        raise DomainRuleError(
            field="kind", code="kind_invalid", message=f"position kind {position_kind!r} is not known."
        )
    if position_kind in JPT_KINDS:
        return ages.jpt
    if position_kind == FUNCTIONAL_KIND and functional_level == "ahli_utama":
        return ages.ahli_utama
    if position_kind == FUNCTIONAL_KIND and functional_level == "ahli_madya":
        return ages.ahli_madya
    return ages.default


def age_reached_on(birth_date: date, age: int) -> date:
    """The day the person turns ``age``: the birthday in year birth_year + age.

    Someone born on 29 February reaches the age on 28 February when that year is not a leap year
    (it is the last day they have not yet passed a birthday, and it keeps them in February).
    """
    if isinstance(age, bool) or not isinstance(age, int) or age < 1:
        raise ValueError(f"age must be a positive integer, not {age!r}")
    year = birth_date.year + age
    try:
        return birth_date.replace(year=year)
    except ValueError:  # only 29 Feb can fail
        return date(year, 2, 28)


def retirement_date(birth_date: date, age: int) -> date:
    """First day of the month after the month in which the person reaches ``age`` (api.md §5).

    Born 1966-09-26, age 58 → reaches 2024-09-26 → 2024-10-01. Born 1966-12-31 → 2025-01-01.
    Born 1968-02-29, age 58 → reaches 2026-02-28 (2026 is not a leap year) → 2026-03-01.
    """
    reached = age_reached_on(birth_date, age)
    if reached.month == 12:
        return date(reached.year + 1, 1, 1)
    return date(reached.year, reached.month + 1, 1)
