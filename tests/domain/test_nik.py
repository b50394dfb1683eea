"""NIK rules (domain.md §7.3, api.md §5)."""

from datetime import date

import pytest

from asn_api.domain.errors import DomainRuleError
from asn_api.domain.nik import NikInfo, build_nik, check_nik_against, parse_nik

VALID = [
    ("1275012609860001", NikInfo("127501", 26, 9, 86, "male")),
    ("1275035501900002", NikInfo("127503", 15, 1, 90, "female")),  # DD 55 = 15 + 40
    ("1275057112899999", NikInfo("127505", 31, 12, 89, "female")),  # 71 is the highest female day
    ("1275024101000010", NikInfo("127502", 1, 1, 0, "female")),  # 41 is the lowest female day
    ("1275040102030001", NikInfo("127504", 1, 2, 3, "male")),
    ("3174052609860001", NikInfo("317405", 26, 9, 86, "male")),  # registered outside Binjai
    ("1275012902000001", NikInfo("127501", 29, 2, 0, "male")),  # 29 Feb 2000 existed
    ("1275016902840001", NikInfo("127501", 29, 2, 84, "female")),  # 29 Feb 1984, woman
]


@pytest.mark.parametrize(("nik", "expected"), VALID)
def test_parse_valid(nik, expected):
    assert parse_nik(nik) == expected


INVALID = [
    ("127501260986000", "nik_format"),  # 15 digits
    ("12750126098600011", "nik_format"),  # 17 digits
    ("1275 0126 0986 0001", "nik_format"),
    ("127501260986000X", "nik_format"),
    ("", "nik_format"),
    ("1275013102990001", "nik_birth_date_invalid"),  # 310299: 31 Feb
    ("1275017201900001", "nik_birth_date_invalid"),  # woman, day 72 - 40 = 32
    ("1275014001900001", "nik_birth_date_invalid"),  # day 40: neither a man's nor a woman's day
    ("1275013201900001", "nik_birth_date_invalid"),  # day 32
    ("1275010001900001", "nik_birth_date_invalid"),  # day 00
    ("1275011513900001", "nik_birth_date_invalid"),  # month 13
    ("1275011500900001", "nik_birth_date_invalid"),  # month 00
    ("1275012902010001", "nik_birth_date_invalid"),  # 29 Feb in neither 1901 nor 2001
    ("1275017002850001", "nik_birth_date_invalid"),  # woman, 30 Feb
    ("1275012609860000", "nik_sequence_invalid"),
]


@pytest.mark.parametrize(("nik", "code"), INVALID)
def test_parse_invalid(nik, code):
    with pytest.raises(DomainRuleError) as excinfo:
        parse_nik(nik)
    assert (excinfo.value.field, excinfo.value.code) == ("nik", code)


AGREES = [
    ("1275012609860001", date(1986, 9, 26), "male"),
    ("1275035501900002", date(1990, 1, 15), "female"),
    ("1275057112890001", date(1989, 12, 31), "female"),
    ("1275024101000010", date(2000, 1, 1), "female"),
    ("3174052609860001", date(1986, 9, 26), "male"),
]


@pytest.mark.parametrize(("nik", "birth_date", "gender"), AGREES)
def test_check_agrees(nik, birth_date, gender):
    assert check_nik_against(nik, birth_date=birth_date, gender=gender) is None


DISAGREES = [
    # nik, birth_date, gender, code, text expected in the message
    ("1275012609860001", date(1986, 9, 27), "male", "nik_birth_date_mismatch",
     "encode birth date 26-09-86 (DD-MM-YY) but birth_date is 1986-09-27"),
    ("1275012609860001", date(1986, 10, 26), "male", "nik_birth_date_mismatch", "1986-10-26"),
    ("1275012609860001", date(1987, 9, 26), "male", "nik_birth_date_mismatch", "1987-09-26"),
    ("1275012609860001", date(1986, 9, 26), "female", "nik_gender_mismatch",
     "encode gender male (40 is added to the day for women) but gender is female"),
    ("1275016609860001", date(1986, 9, 26), "male", "nik_gender_mismatch",
     "encode gender female (40 is added to the day for women) but gender is male"),
    # the 40 is removed before comparing: a woman's 66 means the 26th
    ("1275016609860001", date(1986, 9, 25), "female", "nik_birth_date_mismatch",
     "encode birth date 26-09-86 (DD-MM-YY) but birth_date is 1986-09-25"),
    ("1275013102990001", date(1999, 2, 28), "male", "nik_birth_date_invalid", "not a valid DDMMYY"),
]  # fmt: skip


@pytest.mark.parametrize(("nik", "birth_date", "gender", "code", "text"), DISAGREES)
def test_check_disagrees(nik, birth_date, gender, code, text):
    with pytest.raises(DomainRuleError) as excinfo:
        check_nik_against(nik, birth_date=birth_date, gender=gender)
    assert (excinfo.value.field, excinfo.value.code) == ("nik", code)
    assert text in excinfo.value.message


BUILD = [
    ((date(1986, 9, 26), "male"), {}, "1275012609860001"),
    ((date(1990, 1, 15), "female"), {"region_code": "127503", "sequence": 2}, "1275035501900002"),
    ((date(2001, 12, 31), "female"), {"region_code": "317405", "sequence": 9999}, "3174057112019999"),
    ((date(2005, 3, 4), "male"), {"sequence": 12}, "1275010403050012"),
]


@pytest.mark.parametrize(("args", "kwargs", "expected"), BUILD)
def test_build(args, kwargs, expected):
    nik = build_nik(*args, **kwargs)
    assert nik == expected
    check_nik_against(nik, birth_date=args[0], gender=args[1])


@pytest.mark.parametrize(
    ("gender", "kwargs", "field", "code"),
    [
        ("x", {}, "gender", "gender_invalid"),
        ("male", {"region_code": "12750"}, "nik", "nik_format"),
        ("male", {"region_code": "12750A"}, "nik", "nik_format"),
        ("male", {"sequence": 0}, "nik", "nik_sequence_invalid"),
        ("male", {"sequence": 10000}, "nik", "nik_sequence_invalid"),
    ],
)
def test_build_rejects(gender, kwargs, field, code):
    with pytest.raises(DomainRuleError) as excinfo:
        build_nik(date(1986, 9, 26), gender, **kwargs)
    assert (excinfo.value.field, excinfo.value.code) == (field, code)
