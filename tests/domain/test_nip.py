"""NIP rules (domain.md §7.1–7.2, api.md §5)."""

import pickle
from datetime import date

import pytest

from asn_api.domain.errors import DomainRuleError
from asn_api.domain.nip import NipInfo, build_nip, check_nip_against, parse_nip

VALID = [
    # nip, employment_type, expected decoded value
    ("198609262015051001", "pns", NipInfo(date(1986, 9, 26), 2015, 5, "male", 1)),
    ("199001152019032002", "pns", NipInfo(date(1990, 1, 15), 2019, 3, "female", 2)),
    ("199512312020121999", "cpns", NipInfo(date(1995, 12, 31), 2020, 12, "male", 999)),
    ("198609261986092001", "pns", NipInfo(date(1986, 9, 26), 1986, 9, "female", 1)),  # same year as birth
    ("198002292010011001", "pns", NipInfo(date(1980, 2, 29), 2010, 1, "male", 1)),  # leap day
    # PPPK: digits 13–14 are a code, not a month, so "00" and "45" are fine here ...
    ("198502102021001001", "pppk", NipInfo(date(1985, 2, 10), 2021, None, "male", 1)),
    ("198502102021452003", "pppk", NipInfo(date(1985, 2, 10), 2021, None, "female", 3)),
    ("199707072025211005", "pppk_paruh_waktu", NipInfo(date(1997, 7, 7), 2025, None, "male", 5)),
]


@pytest.mark.parametrize(("nip", "employment_type", "expected"), VALID)
def test_parse_valid(nip, employment_type, expected):
    assert parse_nip(nip, employment_type) == expected


INVALID = [
    # nip, employment_type, expected code
    ("19860926201505100", "pns", "nip_format"),  # 17 digits
    ("1986092620150510011", "pns", "nip_format"),  # 19 digits
    ("19860926 201505 1 001", "pns", "nip_format"),
    ("19860926201505100A", "pns", "nip_format"),
    ("１９８６０９２６２０１５０５１００１", "pns", "nip_format"),  # full-width digits pass str.isdigit()
    ("", "pppk", "nip_format"),
    ("198602302015051001", "pns", "nip_birth_date_invalid"),  # 30 Feb
    ("198102292010011001", "pns", "nip_birth_date_invalid"),  # 1981 is not a leap year
    ("198613012015051001", "pppk", "nip_birth_date_invalid"),  # month 13
    ("198609002015051001", "pns", "nip_birth_date_invalid"),  # day 00
    # ... while the same digits 13–14 are not a month for PNS/CPNS
    ("198502102021001001", "pns", "nip_appointment_invalid"),
    ("198502102021452003", "cpns", "nip_appointment_invalid"),
    ("198609262015131001", "pns", "nip_appointment_invalid"),
    ("198609261985121001", "pns", "nip_appointment_invalid"),  # appointed before birth
    ("198502101984451001", "pppk", "nip_appointment_invalid"),
    ("198609262015050001", "pns", "nip_gender_invalid"),
    ("198609262015053001", "pns", "nip_gender_invalid"),
    ("198502102021459001", "pppk", "nip_gender_invalid"),
    ("198609262015051000", "pns", "nip_sequence_invalid"),
    ("198502102021452000", "pppk_paruh_waktu", "nip_sequence_invalid"),
]


@pytest.mark.parametrize(("nip", "employment_type", "code"), INVALID)
def test_parse_invalid(nip, employment_type, code):
    with pytest.raises(DomainRuleError) as excinfo:
        parse_nip(nip, employment_type)
    assert (excinfo.value.field, excinfo.value.code) == ("nip", code)
    assert str(excinfo.value) == excinfo.value.message != ""


def test_unknown_employment_type_names_that_field():
    with pytest.raises(DomainRuleError) as excinfo:
        parse_nip("198609262015051001", "honorer")
    assert (excinfo.value.field, excinfo.value.code) == ("employment_type", "employment_type_invalid")


MAN = {"birth_date": date(1986, 9, 26), "gender": "male", "civil_service_start": date(2015, 5, 1)}
AGREES = [
    ("198609262015051001", "pns", MAN),
    ("198609262015051001", "cpns", {**MAN, "civil_service_start": date(2015, 5, 31)}),  # any day of May
    ("199001152019032002", "pns", {"birth_date": date(1990, 1, 15), "gender": "female",
                                   "civil_service_start": date(2019, 3, 1)}),
    # PPPK: appointment digits are not compared, so a missing or different start is fine
    ("198502102021452003", "pppk", {"birth_date": date(1985, 2, 10), "gender": "female",
                                    "civil_service_start": None}),
    ("198502102021001001", "pppk_paruh_waktu", {"birth_date": date(1985, 2, 10), "gender": "male",
                                                "civil_service_start": date(2023, 7, 1)}),
]  # fmt: skip


@pytest.mark.parametrize(("nip", "employment_type", "data"), AGREES)
def test_check_agrees(nip, employment_type, data):
    assert check_nip_against(nip, employment_type, **data) is None


DISAGREES = [
    # nip, employment_type, data, field, code, text expected in the message
    ("198609262015051001", "pns", {**MAN, "birth_date": date(1986, 9, 27)}, "nip",
     "nip_birth_date_mismatch", "encode birth date 1986-09-26 but birth_date is 1986-09-27"),
    ("198609262015051001", "pns", {**MAN, "gender": "female"}, "nip",
     "nip_gender_mismatch", "encodes gender male but gender is female"),
    ("199001152019032002", "pns", {"birth_date": date(1990, 1, 15), "gender": "male",
                                   "civil_service_start": date(2019, 3, 1)}, "nip",
     "nip_gender_mismatch", "encodes gender female but gender is male"),
    ("198609262015051001", "pns", {**MAN, "civil_service_start": date(2015, 6, 1)}, "nip",
     "nip_appointment_mismatch", "2015-05 but civil_service_start is 2015-06-01"),
    ("198609262015051001", "cpns", {**MAN, "civil_service_start": date(2016, 5, 1)}, "nip",
     "nip_appointment_mismatch", "2015-05 but civil_service_start is 2016-05-01"),
    ("198609262015051001", "pns", {**MAN, "civil_service_start": None}, "civil_service_start",
     "required", "civil_service_start is required"),
    ("198502102021452003", "pppk", {"birth_date": date(1985, 2, 11), "gender": "female",
                                    "civil_service_start": None}, "nip",
     "nip_birth_date_mismatch", "1985-02-10 but birth_date is 1985-02-11"),
    ("198502102021452003", "pppk_paruh_waktu", {"birth_date": date(1985, 2, 10), "gender": "male",
                                                "civil_service_start": None}, "nip",
     "nip_gender_mismatch", "encodes gender female but gender is male"),
    # a structural error wins over any comparison
    ("198609262015051000", "pns", MAN, "nip", "nip_sequence_invalid", "not 000"),
]  # fmt: skip


@pytest.mark.parametrize(("nip", "employment_type", "data", "field", "code", "text"), DISAGREES)
def test_check_disagrees(nip, employment_type, data, field, code, text):
    with pytest.raises(DomainRuleError) as excinfo:
        check_nip_against(nip, employment_type, **data)
    assert (excinfo.value.field, excinfo.value.code) == (field, code)
    assert text in excinfo.value.message


BUILD = [
    # birth_date, gender, employment_type, appointment, sequence, expected
    (date(1986, 9, 26), "male", "pns", date(2015, 5, 1), 1, "198609262015051001"),
    (date(1990, 1, 15), "female", "cpns", date(2019, 3, 20), 42, "199001152019032042"),
    (date(1985, 2, 10), "female", "pppk", date(2021, 11, 1), 999, "198502102021112999"),
]


@pytest.mark.parametrize(
    ("birth_date", "gender", "employment_type", "appointment", "sequence", "expected"), BUILD
)
def test_build(birth_date, gender, employment_type, appointment, sequence, expected):
    nip = build_nip(
        birth_date, gender, employment_type=employment_type, appointment=appointment, sequence=sequence
    )
    assert nip == expected
    check_nip_against(
        nip, employment_type, birth_date=birth_date, gender=gender, civil_service_start=appointment
    )


@pytest.mark.parametrize(
    ("gender", "appointment", "sequence", "field", "code"),
    [
        ("x", date(2015, 5, 1), 1, "gender", "gender_invalid"),
        ("male", date(2015, 5, 1), 0, "nip", "nip_sequence_invalid"),
        ("male", date(2015, 5, 1), 1000, "nip", "nip_sequence_invalid"),
        ("male", date(1985, 5, 1), 1, "nip", "nip_appointment_invalid"),
    ],
)
def test_build_rejects(gender, appointment, sequence, field, code):
    with pytest.raises(DomainRuleError) as excinfo:
        build_nip(date(1986, 9, 26), gender, appointment=appointment, sequence=sequence)
    assert (excinfo.value.field, excinfo.value.code) == (field, code)


def test_error_is_a_plain_picklable_value_error():
    error = DomainRuleError(field="nip", code="nip_format", message="NIP must be exactly 18 digits.")
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, ValueError)
    assert (copy.field, copy.code, str(copy)) == ("nip", "nip_format", "NIP must be exactly 18 digits.")
