"""Workload analysis (Analisis Beban Kerja, ABK), task-by-task approach, and efficiency (EJ).

Sources (domain.md §2.1–2.5, api.md §4):
- PermenPANRB 1/2020 and Peraturan BKN 9/2022 [C]: effective working time (WKE) 1,250 h = 75,000
  minutes a year; workload = Σ(annual volume × minutes per unit); headcount = workload / 75,000.
- Period annualisation ×250 day, ×50 week, ×12 month, ×1 year (SIMONKEB) [S].
- Rounding is [U] (half up or ceiling, per instansi); the unrounded value is always kept.
- EJ = workload / (incumbents × WKE), Permendagri 12/2008 forms C/D [C] / formula [S].
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Literal

from asn_api.domain.errors import DomainRuleError

EFFECTIVE_MINUTES_PER_YEAR = 75_000
PERIOD_FACTORS: Mapping[str, int] = MappingProxyType({"day": 250, "week": 50, "month": 12, "year": 1})
ROUNDING_MODES: tuple[str, ...] = ("half_up", "ceil")

_FOUR_PLACES = Decimal("0.0001")
_TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class WorkloadTask:
    name: str
    volume: Decimal  # units of output per ``period``
    period: str  # day | week | month | year
    minutes_per_unit: Decimal  # norma waktu


@dataclass(frozen=True)
class TaskResult:
    name: str
    volume: Decimal
    period: str
    minutes_per_unit: Decimal
    annual_volume: Decimal
    annual_minutes: Decimal


@dataclass(frozen=True)
class WorkloadResult:
    tasks: list[TaskResult]
    total_minutes: Decimal
    effective_minutes_per_year: int
    required_headcount_exact: Decimal  # 4 decimals, half up; display value
    required_headcount: int


def _decimal(value: object, field: str) -> Decimal:
    # Floats go through str() so 0.1 becomes Decimal("0.1"), not its binary expansion.
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)  # type: ignore[arg-type]
    except (ArithmeticError, TypeError, ValueError):
        number = Decimal("NaN")
    if not number.is_finite():
        raise DomainRuleError(field=field, code="not_a_number", message=f"{field} must be a finite number.")
    if number < 0:
        raise DomainRuleError(field=field, code="negative", message=f"{field} must not be negative.")
    return number


def _task_result(index: int, task: WorkloadTask) -> TaskResult:
    prefix = f"tasks.{index}"
    factor = PERIOD_FACTORS.get(task.period)
    if factor is None:
        raise DomainRuleError(
            field=f"{prefix}.period",
            code="period_invalid",
            message=f"{prefix}.period {task.period!r} is not one of {', '.join(PERIOD_FACTORS)}.",
        )
    volume = _decimal(task.volume, f"{prefix}.volume")
    minutes = _decimal(task.minutes_per_unit, f"{prefix}.minutes_per_unit")
    annual_volume = volume * factor
    return TaskResult(task.name, volume, task.period, minutes, annual_volume, annual_volume * minutes)


def _headcount(total_minutes: Decimal, rounding: str) -> int:
    if total_minutes == 0:
        return 0
    # divmod on Decimals is exact, so neither mode can be tipped over by a rounded quotient; the
    # integer comes from the unrounded value, not from the 4-decimal display value.
    whole, remainder = divmod(total_minutes, EFFECTIVE_MINUTES_PER_YEAR)
    bump = remainder > 0 if rounding == "ceil" else remainder * 2 >= EFFECTIVE_MINUTES_PER_YEAR
    # Any real workload needs somebody: 0.3 of a person still means one slot.
    return max(1, int(whole) + int(bump))


def compute_workload(
    tasks: Iterable[WorkloadTask], rounding: Literal["half_up", "ceil"] = "half_up"
) -> WorkloadResult:
    """Workload and required headcount of one position slot.

    annual_volume = volume × PERIOD_FACTORS[period]; annual_minutes = annual_volume × minutes_per_unit;
    total_minutes = Σ annual_minutes; required_headcount_exact = total / 75,000 to 4 decimals (half up);
    required_headcount = total / 75,000 rounded half up (or up, ``rounding="ceil"``), at least 1 when
    total > 0 and 0 when it is 0. Errors name the task as ``tasks.<index>.<field>``.
    """
    if rounding not in ROUNDING_MODES:
        raise DomainRuleError(
            field="rounding",
            code="rounding_invalid",
            message=f"rounding {rounding!r} is not one of {', '.join(ROUNDING_MODES)}.",
        )
    results = [_task_result(index, task) for index, task in enumerate(tasks)]
    total = sum((result.annual_minutes for result in results), Decimal(0))
    exact = (total / EFFECTIVE_MINUTES_PER_YEAR).quantize(_FOUR_PLACES, rounding=ROUND_HALF_UP)
    return WorkloadResult(
        tasks=results,
        total_minutes=total,
        effective_minutes_per_year=EFFECTIVE_MINUTES_PER_YEAR,
        required_headcount_exact=exact,
        required_headcount=_headcount(total, rounding),
    )


def workload_efficiency(total_minutes: Decimal | None, incumbents: int) -> Decimal | None:
    """Efisiensi jabatan (EJ) = total_minutes / (incumbents × 75,000), 2 decimals half up.

    None without a workload (``total_minutes`` None) or without incumbents. EJ > 1 means the holders
    are over-loaded, < 1 under-loaded (domain.md §2.5).
    """
    if incumbents < 0:
        raise DomainRuleError(field="incumbents", code="negative", message="incumbents must not be negative.")
    if total_minutes is None or incumbents == 0:
        return None
    total = _decimal(total_minutes, "total_minutes")
    ratio = total / (incumbents * EFFECTIVE_MINUTES_PER_YEAR)
    return ratio.quantize(_TWO_PLACES, rounding=ROUND_HALF_UP)
