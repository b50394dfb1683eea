"""Workload analysis (ABK) and efficiency (domain.md §2.1–2.5, api.md §4)."""

from decimal import Decimal as D

import pytest

from asn_api.domain.abk import (
    EFFECTIVE_MINUTES_PER_YEAR,
    PERIOD_FACTORS,
    WorkloadTask,
    compute_workload,
    workload_efficiency,
)
from asn_api.domain.errors import DomainRuleError


def test_constants():
    assert EFFECTIVE_MINUTES_PER_YEAR == 75_000
    assert dict(PERIOD_FACTORS) == {"day": 250, "week": 50, "month": 12, "year": 1}


def test_worked_example_from_domain_brief():
    result = compute_workload(
        [WorkloadTask("Task A", D(480), "year", D(60)), WorkloadTask("Task B", D(120), "year", D(180))]
    )
    assert [(t.name, t.annual_volume, t.annual_minutes) for t in result.tasks] == [
        ("Task A", D(480), D(28_800)),
        ("Task B", D(120), D(21_600)),
    ]
    assert result.total_minutes == D(50_400)
    assert result.effective_minutes_per_year == 75_000
    assert str(result.required_headcount_exact) == "0.6720"
    assert result.required_headcount == 1


@pytest.mark.parametrize(
    ("volume", "period", "minutes", "annual_volume", "annual_minutes"),
    [
        (D(10), "day", D(30), D(2_500), D(75_000)),
        (D(5), "week", D(120), D(250), D(30_000)),
        (D(20), "month", D(90), D(240), D(21_600)),
        (D(480), "year", D(60), D(480), D(28_800)),
        (D("2.5"), "week", D("12.5"), D(125), D("1562.5")),
    ],
)
def test_annualisation(volume, period, minutes, annual_volume, annual_minutes):
    (task,) = compute_workload([WorkloadTask("t", volume, period, minutes)]).tasks
    assert (task.volume, task.period, task.minutes_per_unit) == (volume, period, minutes)
    assert (task.annual_volume, task.annual_minutes) == (annual_volume, annual_minutes)


def one_task(total_minutes):
    return [WorkloadTask("t", D(total_minutes), "year", D(1))]


HEADCOUNT = [
    # total minutes/year, exact (4 dp), half_up, ceil
    (50_400, "0.6720", 1, 1),
    (750_000, "10.0000", 10, 10),  # e.g. 100/day × 30 min
    (112_500, "1.5000", 2, 2),  # an exact half rounds up
    (97_500, "1.3000", 1, 2),  # where the two modes differ
    (30_000, "0.4000", 1, 1),  # rounds to 0 but a real workload needs one person
    (1, "0.0000", 1, 1),
    (75_000, "1.0000", 1, 1),
    (75_001, "1.0000", 1, 2),
    (187_490, "2.4999", 2, 3),
    # 1.49996: the display value rounds to 1.5000, the headcount uses the unrounded quotient
    (112_497, "1.5000", 1, 2),
    (0, "0.0000", 0, 0),
]


@pytest.mark.parametrize(("total", "exact", "half_up", "ceil"), HEADCOUNT)
def test_headcount_rounding(total, exact, half_up, ceil):
    default = compute_workload(one_task(total))
    assert default.total_minutes == D(total)
    assert str(default.required_headcount_exact) == exact
    assert default.required_headcount == half_up
    assert compute_workload(one_task(total), rounding="half_up").required_headcount == half_up
    assert compute_workload(one_task(total), rounding="ceil").required_headcount == ceil


def test_daily_example_ten_people():
    result = compute_workload([WorkloadTask("Layanan", D(100), "day", D(30))])
    assert result.total_minutes == D(750_000)
    assert (str(result.required_headcount_exact), result.required_headcount) == ("10.0000", 10)


@pytest.mark.parametrize("rounding", ["half_up", "ceil"])
def test_no_tasks(rounding):
    result = compute_workload([], rounding=rounding)
    assert result.tasks == []
    assert result.total_minutes == D(0)
    assert str(result.required_headcount_exact) == "0.0000"
    assert result.required_headcount == 0


def test_decimal_inputs_keep_precision():
    result = compute_workload(
        [WorkloadTask("t", D("0.1"), "year", D("0.2")), WorkloadTask("u", 3, "year", 0.1)]
    )
    assert result.total_minutes == D("0.32")  # float 0.1 read as "0.1", not its binary expansion


@pytest.mark.parametrize(
    ("task", "field", "code"),
    [
        (WorkloadTask("t", D(1), "hour", D(1)), "tasks.1.period", "period_invalid"),
        (WorkloadTask("t", D(-1), "day", D(1)), "tasks.1.volume", "negative"),
        (WorkloadTask("t", D(1), "day", D("-0.5")), "tasks.1.minutes_per_unit", "negative"),
        (WorkloadTask("t", D("NaN"), "day", D(1)), "tasks.1.volume", "not_a_number"),
        (WorkloadTask("t", D(1), "day", D("Infinity")), "tasks.1.minutes_per_unit", "not_a_number"),
        (WorkloadTask("t", "abc", "day", D(1)), "tasks.1.volume", "not_a_number"),
    ],
)
def test_bad_task_is_named_by_index(task, field, code):
    good = WorkloadTask("ok", D(1), "year", D(1))
    with pytest.raises(DomainRuleError) as excinfo:
        compute_workload([good, task])
    assert (excinfo.value.field, excinfo.value.code) == (field, code)


def test_unknown_rounding_mode():
    with pytest.raises(DomainRuleError) as excinfo:
        compute_workload([], rounding="floor")
    assert (excinfo.value.field, excinfo.value.code) == ("rounding", "rounding_invalid")


EFFICIENCY = [
    # total minutes, incumbents, EJ
    (D(50_400), 1, "0.67"),
    (D(75_000), 1, "1.00"),
    (D(112_500), 1, "1.50"),
    (D(150_000), 2, "1.00"),
    (D(50_400), 3, "0.22"),
    (D(49_875), 1, "0.67"),  # 0.665: half up, not half even
    (D(0), 2, "0.00"),
]


@pytest.mark.parametrize(("total", "incumbents", "expected"), EFFICIENCY)
def test_workload_efficiency(total, incumbents, expected):
    assert str(workload_efficiency(total, incumbents)) == expected


@pytest.mark.parametrize(("total", "incumbents"), [(D(50_400), 0), (None, 3), (None, 0)])
def test_workload_efficiency_undefined(total, incumbents):
    assert workload_efficiency(total, incumbents) is None


def test_workload_efficiency_rejects_negative_incumbents():
    with pytest.raises(DomainRuleError) as excinfo:
        workload_efficiency(D(1), -1)
    assert (excinfo.value.field, excinfo.value.code) == ("incumbents", "negative")
