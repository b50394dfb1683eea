"""Retirement age (BUP) and retirement date (domain.md §6.4, api.md §5)."""

from datetime import date

import pytest

from asn_api.domain.errors import DomainRuleError
from asn_api.domain.retirement import RetirementAges, age_reached_on, retirement_age, retirement_date

DEFAULT = RetirementAges()
CUSTOM = RetirementAges(jpt=61, ahli_utama=66, ahli_madya=62, default=57)  # all distinct from defaults

AGES = [
    # kind, functional_level, age with default ages, age with CUSTOM
    (None, None, 58, 57),
    ("jpt_utama", None, 60, 61),
    ("jpt_madya", None, 60, 61),
    ("jpt_pratama", None, 60, 61),
    ("administrator", None, 58, 57),
    ("pengawas", None, 58, 57),
    ("pelaksana", None, 58, 57),
    ("fungsional", "ahli_utama", 65, 66),
    ("fungsional", "ahli_madya", 60, 62),
    ("fungsional", "ahli_muda", 58, 57),
    ("fungsional", "ahli_pertama", 58, 57),
    ("fungsional", "penyelia", 58, 57),
    ("fungsional", "pemula", 58, 57),
    ("fungsional", None, 58, 57),
    ("administrator", "ahli_utama", 58, 57),  # a level only counts on a fungsional position
]


@pytest.mark.parametrize(("kind", "level", "default_age", "custom_age"), AGES)
def test_retirement_age(kind, level, default_age, custom_age):
    assert retirement_age(kind, level, DEFAULT) == default_age
    assert retirement_age(kind, level, CUSTOM) == custom_age


def test_unknown_kind_is_an_error_not_the_default():
    with pytest.raises(DomainRuleError) as excinfo:
        retirement_age("eselon_iv", None, DEFAULT)
    assert (excinfo.value.field, excinfo.value.code) == ("kind", "kind_invalid")


@pytest.mark.parametrize("bad", [0, -58, True, "58"])
def test_ages_must_be_positive_integers(bad):
    with pytest.raises(ValueError):
        RetirementAges(default=bad)


DATES = [
    # birth date, age, retirement date
    (date(1966, 9, 26), 58, date(2024, 10, 1)),
    (date(1966, 12, 31), 58, date(2025, 1, 1)),  # year end rolls over
    (date(1966, 12, 1), 58, date(2025, 1, 1)),
    (date(1966, 10, 1), 58, date(2024, 11, 1)),  # born on the 1st: still the following month
    (date(1970, 1, 31), 58, date(2028, 2, 1)),
    (date(1970, 1, 1), 58, date(2028, 2, 1)),
    (date(1965, 11, 30), 60, date(2025, 12, 1)),
    (date(1960, 8, 31), 65, date(2025, 9, 1)),
    (date(1968, 2, 29), 58, date(2026, 3, 1)),  # 2026 not leap: reached 28 Feb, not 1 Mar
    (date(1968, 2, 29), 56, date(2024, 3, 1)),  # 2024 leap: reached 29 Feb
    (date(1968, 2, 28), 58, date(2026, 3, 1)),
    (date(1968, 3, 1), 58, date(2026, 4, 1)),
]


@pytest.mark.parametrize(("birth_date", "age", "expected"), DATES)
def test_retirement_date(birth_date, age, expected):
    assert retirement_date(birth_date, age) == expected


@pytest.mark.parametrize(
    ("birth_date", "age", "expected"),
    [
        (date(1968, 2, 29), 58, date(2026, 2, 28)),
        (date(1968, 2, 29), 56, date(2024, 2, 29)),
        (date(1966, 9, 26), 58, date(2024, 9, 26)),
        (date(1966, 12, 31), 60, date(2026, 12, 31)),
    ],
)
def test_age_reached_on(birth_date, age, expected):
    assert age_reached_on(birth_date, age) == expected


@pytest.mark.parametrize("age", [0, -1, True])
def test_retirement_date_rejects_bad_age(age):
    with pytest.raises(ValueError):
        retirement_date(date(1966, 9, 26), age)
