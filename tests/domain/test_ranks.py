"""Rank and grade rules (domain.md §6.1–6.2, api.md §5)."""

import pytest

from asn_api.domain.errors import DomainRuleError
from asn_api.domain.ranks import (
    PNS_RANKS,
    PPPK_GRADES,
    employment_scheme,
    is_valid_rank,
    rank_at_least,
    rank_order,
    validate_rank,
)


def test_rank_tables_are_complete_and_ordered():
    assert PNS_RANKS[:5] == ("I/a", "I/b", "I/c", "I/d", "II/a")
    assert PNS_RANKS[-5:] == ("IV/a", "IV/b", "IV/c", "IV/d", "IV/e")
    assert len(PNS_RANKS) == len(set(PNS_RANKS)) == 17
    assert PPPK_GRADES[0] == "I"
    assert PPPK_GRADES[8] == "IX"
    assert PPPK_GRADES[-1] == "XVII"
    assert len(PPPK_GRADES) == len(set(PPPK_GRADES)) == 17


@pytest.mark.parametrize(
    ("rank", "order"),
    [("I/a", 1), ("I/d", 4), ("II/a", 5), ("III/a", 9), ("III/d", 12), ("IV/a", 13), ("IV/e", 17),
     ("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("XVII", 17)],
)  # fmt: skip
def test_rank_order(rank, order):
    assert rank_order(rank) == order


@pytest.mark.parametrize("rank", ["III/e", "IV/f", "V/a", "iii/a", "III/A", " III/a", "XVIII", "0", ""])
def test_rank_order_rejects(rank):
    with pytest.raises(DomainRuleError) as excinfo:
        rank_order(rank)
    assert (excinfo.value.field, excinfo.value.code) == ("rank", "rank_invalid")


@pytest.mark.parametrize(
    ("rank", "employment_type", "valid"),
    [
        ("III/a", "pns", True),
        ("III/a", "cpns", True),
        ("IV/e", "pns", True),
        ("III/a", "pppk", False),
        ("III/a", "pppk_paruh_waktu", False),
        ("IX", "pppk", True),
        ("XVII", "pppk_paruh_waktu", True),
        ("IX", "pns", False),
        ("I", "cpns", False),
        ("XVIII", "pppk", False),
        ("III/e", "pns", False),
        ("III/a", "honorer", False),
    ],
)
def test_is_valid_rank(rank, employment_type, valid):
    assert is_valid_rank(rank, employment_type) is valid


@pytest.mark.parametrize(
    ("rank", "employment_type", "field", "code"),
    [
        ("IX", "pns", "rank", "rank_invalid"),
        ("III/a", "pppk", "rank", "rank_invalid"),
        ("III/e", "cpns", "rank", "rank_invalid"),
        ("III/a", "honorer", "employment_type", "employment_type_invalid"),
    ],
)
def test_validate_rank_rejects(rank, employment_type, field, code):
    with pytest.raises(DomainRuleError) as excinfo:
        validate_rank(rank, employment_type)
    assert (excinfo.value.field, excinfo.value.code) == (field, code)


@pytest.mark.parametrize(("rank", "employment_type"), [("III/a", "pns"), ("I/a", "cpns"), ("IX", "pppk")])
def test_validate_rank_accepts(rank, employment_type):
    assert validate_rank(rank, employment_type) is None


@pytest.mark.parametrize(
    ("rank", "minimum", "expected"),
    [
        ("IV/a", "IV/a", True),
        ("IV/b", "IV/a", True),
        ("IV/e", "I/a", True),
        ("III/d", "IV/a", False),
        ("I/a", "I/b", False),
        ("II/a", "I/d", True),  # roman numeral beats the letter
        ("III/a", "II/d", True),
        ("II/d", "III/a", False),
    ],
)
def test_rank_at_least(rank, minimum, expected):
    assert rank_at_least(rank, minimum) is expected


@pytest.mark.parametrize(
    ("rank", "minimum", "field"),
    [("IX", "III/a", "rank"), ("III/a", "IX", "min_rank"), ("I/e", "I/a", "rank")],
)
def test_rank_at_least_rejects_non_pns(rank, minimum, field):
    with pytest.raises(DomainRuleError) as excinfo:
        rank_at_least(rank, minimum)
    assert (excinfo.value.field, excinfo.value.code) == (field, "rank_invalid")


@pytest.mark.parametrize(
    ("employment_type", "scheme"),
    [("pns", "pns"), ("cpns", "pns"), ("pppk", "pppk"), ("pppk_paruh_waktu", "pppk")],
)
def test_employment_scheme(employment_type, scheme):
    assert employment_scheme(employment_type) == scheme
