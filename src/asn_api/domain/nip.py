"""NIP (Nomor Induk Pegawai) and NI PPPK: 18-digit civil-servant numbers.

Sources (domain.md §7.1–7.2, api.md §5):
- PNS/CPNS, Perka BKN 22/2007 [C]: digits 1–8 birth date YYYYMMDD, 9–14 year-month (YYYYMM) of the
  CPNS appointment (TMT CPNS), 15 gender (1 male, 2 female), 16–18 sequence 001–999.
- PPPK [S]: digits 1–8 birth date, 9–12 appointment year, 13–14 a code of unconfirmed meaning (so it
  is NOT checked as a month), 15 gender, 16–18 sequence.
The "year not after today" rule of §7.1 needs a clock and is left to the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from asn_api.domain.errors import DomainRuleError
from asn_api.domain.ranks import employment_scheme

Gender = Literal["male", "female"]

_NIP_RE = re.compile(r"[0-9]{18}")  # not \d: that also accepts non-ASCII digits
_GENDER_DIGIT: dict[str, Gender] = {"1": "male", "2": "female"}
_DIGIT_FOR_GENDER: dict[str, str] = {gender: digit for digit, gender in _GENDER_DIGIT.items()}


@dataclass(frozen=True)
class NipInfo:
    birth_date: date
    appointment_year: int
    appointment_month: int | None  # None for PPPK: digits 13–14 are not a month there
    gender: Gender
    sequence: int


def _error(code: str, message: str) -> DomainRuleError:
    return DomainRuleError(field="nip", code=code, message=message)


def parse_nip(nip: str, employment_type: str) -> NipInfo:
    """Check the structure of ``nip`` for ``employment_type`` and decode it.

    Raises DomainRuleError(field="nip") with code nip_format, nip_birth_date_invalid,
    nip_appointment_invalid, nip_gender_invalid or nip_sequence_invalid (first problem found), or
    field="employment_type" for an unknown employment type.
    """
    scheme = employment_scheme(employment_type)
    if not isinstance(nip, str) or not _NIP_RE.fullmatch(nip):
        raise _error("nip_format", "NIP must be exactly 18 digits (0-9) with no spaces or separators.")
    try:
        birth_date = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise _error(
            "nip_birth_date_invalid", f"NIP digits 1–8 ({nip[0:8]}) are not a valid YYYYMMDD birth date."
        ) from None

    appointment_year = int(nip[8:12])
    appointment_month: int | None = None
    if scheme == "pns":
        appointment_month = int(nip[12:14])
        if not 1 <= appointment_month <= 12:
            raise _error(
                "nip_appointment_invalid",
                f"NIP digits 9–14 ({nip[8:14]}) must be the YYYYMM of CPNS appointment, "
                f"but month {nip[12:14]} is not 01–12.",
            )
    if appointment_year < birth_date.year:
        raise _error(
            "nip_appointment_invalid",
            f"NIP digits 9–12 encode appointment year {appointment_year}, "
            f"which is before the birth year {birth_date.year}.",
        )

    gender = _GENDER_DIGIT.get(nip[14])
    if gender is None:
        raise _error("nip_gender_invalid", f"NIP digit 15 must be 1 (male) or 2 (female), not {nip[14]}.")
    sequence = int(nip[15:18])
    if sequence == 0:
        raise _error("nip_sequence_invalid", "NIP digits 16–18 (sequence number) must be 001–999, not 000.")
    return NipInfo(birth_date, appointment_year, appointment_month, gender, sequence)


def check_nip_against(
    nip: str,
    employment_type: str,
    *,
    birth_date: date,
    gender: str,
    civil_service_start: date | None,
) -> None:
    """Raise DomainRuleError unless ``nip`` agrees with the employee's own data (api.md §5).

    All types: digits 1–8 = ``birth_date`` (nip_birth_date_mismatch), digit 15 = ``gender``
    (nip_gender_mismatch). PNS/CPNS only: digits 9–14 = year-month of ``civil_service_start``
    (nip_appointment_mismatch), which is then required (field civil_service_start, code required).
    PPPK appointment digits are not compared: their exact meaning is unconfirmed (domain.md §7.2).
    """
    info = parse_nip(nip, employment_type)
    if info.birth_date != birth_date:
        raise _error(
            "nip_birth_date_mismatch",
            f"NIP digits 1–8 encode birth date {info.birth_date.isoformat()} "
            f"but birth_date is {birth_date.isoformat()}.",
        )
    if info.gender != gender:
        raise _error(
            "nip_gender_mismatch",
            f"NIP digit 15 ({nip[14]}) encodes gender {info.gender} but gender is {gender}.",
        )
    if employment_scheme(employment_type) != "pns":
        return
    if civil_service_start is None:
        raise DomainRuleError(
            field="civil_service_start",
            code="required",
            message=f"civil_service_start is required for employment_type {employment_type}.",
        )
    encoded = f"{info.appointment_year:04d}-{info.appointment_month:02d}"
    if encoded != f"{civil_service_start.year:04d}-{civil_service_start.month:02d}":
        raise _error(
            "nip_appointment_mismatch",
            f"NIP digits 9–14 encode CPNS appointment month {encoded} "
            f"but civil_service_start is {civil_service_start.isoformat()}.",
        )


def build_nip(
    birth_date: date,
    gender: str,
    *,
    employment_type: str = "pns",
    appointment: date,
    sequence: int = 1,
) -> str:
    """Compose a NIP that ``parse_nip`` accepts (test factories, demo data).

    For PPPK the unconfirmed digits 13–14 are filled with the appointment month, so the same inputs
    give the same digits for every employment type.
    """
    digit = _DIGIT_FOR_GENDER.get(gender)
    if digit is None:
        raise DomainRuleError(
            field="gender", code="gender_invalid", message=f"gender must be male or female, not {gender!r}."
        )
    if not 1 <= sequence <= 999:
        raise _error("nip_sequence_invalid", f"NIP sequence must be 1–999, not {sequence}.")
    # Explicit zero padding: strftime("%Y") does not pad years below 1000 on every platform.
    born = f"{birth_date.year:04d}{birth_date.month:02d}{birth_date.day:02d}"
    nip = f"{born}{appointment.year:04d}{appointment.month:02d}{digit}{sequence:03d}"
    parse_nip(nip, employment_type)  # same rules as input validation, e.g. appointment before birth
    return nip
