"""NIK (Nomor Induk Kependudukan), the 16-digit national ID number.

Source (domain.md §7.3, api.md §5; Dukcapil rules / Perpres 96/2018 as cited by code repos [S]):
digits 1–6 region (province, kabupaten/kota, kecamatan), 7–12 birth date DDMMYY with 40 added to DD
for women, 13–16 sequence 0001–9999. The Binjai prefix 1275 is NOT required: a NIK reflects where
the person was registered, not where they work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from asn_api.domain.errors import DomainRuleError

Gender = Literal["male", "female"]

_NIK_RE = re.compile(r"[0-9]{16}")  # not \d: that also accepts non-ASCII digits
_REGION_RE = re.compile(r"[0-9]{6}")
_FEMALE_DAY_OFFSET = 40


@dataclass(frozen=True)
class NikInfo:
    region_code: str  # 6 digits: province, kabupaten/kota, kecamatan
    birth_day: int  # real day of month, the +40 for women already removed
    birth_month: int
    birth_year_2digits: int
    gender: Gender


def _error(code: str, message: str) -> DomainRuleError:
    return DomainRuleError(field="nik", code=code, message=message)


def _is_calendar_date(day: int, month: int, yy: int) -> bool:
    # The century is not encoded; 29 Feb is real if either 19YY or 20YY is a leap year (only YY=00
    # differs: 1900 was not a leap year, 2000 was).
    for century in (1900, 2000):
        try:
            date(century + yy, month, day)
        except ValueError:
            continue
        return True
    return False


def parse_nik(nik: str) -> NikInfo:
    """Check the structure of ``nik`` and decode it.

    Raises DomainRuleError(field="nik") with code nik_format, nik_birth_date_invalid (DD must be
    01–31 for men or 41–71 for women and DDMMYY a real date) or nik_sequence_invalid (0000).
    """
    if not isinstance(nik, str) or not _NIK_RE.fullmatch(nik):
        raise _error("nik_format", "NIK must be exactly 16 digits (0-9) with no spaces or separators.")
    raw_day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    gender: Gender = "female" if raw_day > _FEMALE_DAY_OFFSET else "male"
    day = raw_day - _FEMALE_DAY_OFFSET if gender == "female" else raw_day
    if not _is_calendar_date(day, month, yy):
        raise _error(
            "nik_birth_date_invalid",
            f"NIK digits 7–12 ({nik[6:12]}) are not a valid DDMMYY birth date "
            "(DD is 01–31 for men and 41–71 for women).",
        )
    if nik[12:16] == "0000":
        raise _error("nik_sequence_invalid", "NIK digits 13–16 (sequence) must be 0001–9999, not 0000.")
    return NikInfo(nik[0:6], day, month, yy, gender)


def check_nik_against(nik: str, *, birth_date: date, gender: str) -> None:
    """Raise DomainRuleError(field="nik") unless ``nik`` encodes ``birth_date`` and ``gender``.

    Only the two-digit year can be compared: the NIK does not encode the century.
    Codes: nik_birth_date_mismatch, nik_gender_mismatch (plus the parse_nik codes).
    """
    info = parse_nik(nik)
    encoded = (info.birth_day, info.birth_month, info.birth_year_2digits)
    if encoded != (birth_date.day, birth_date.month, birth_date.year % 100):
        raise _error(
            "nik_birth_date_mismatch",
            f"NIK digits 7–12 encode birth date {info.birth_day:02d}-{info.birth_month:02d}-"
            f"{info.birth_year_2digits:02d} (DD-MM-YY) but birth_date is {birth_date.isoformat()}.",
        )
    if info.gender != gender:
        raise _error(
            "nik_gender_mismatch",
            f"NIK digits 7–8 ({nik[6:8]}) encode gender {info.gender} (40 is added to the day for women) "
            f"but gender is {gender}.",
        )


def build_nik(birth_date: date, gender: str, region_code: str = "127501", sequence: int = 1) -> str:
    """Compose a NIK that ``parse_nik`` accepts (test factories, demo data); default region Binjai Utara."""
    if gender not in ("male", "female"):
        raise DomainRuleError(
            field="gender", code="gender_invalid", message=f"gender must be male or female, not {gender!r}."
        )
    if not isinstance(region_code, str) or not _REGION_RE.fullmatch(region_code):
        raise _error("nik_format", f"NIK region code must be 6 digits, not {region_code!r}.")
    if not 1 <= sequence <= 9999:
        raise _error("nik_sequence_invalid", f"NIK sequence must be 1–9999, not {sequence}.")
    day = birth_date.day + (_FEMALE_DAY_OFFSET if gender == "female" else 0)
    return f"{region_code}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{sequence:04d}"
