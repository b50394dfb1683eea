"""Position kinds (jenis jabatan), functional tracks and levels, and position class (kelas jabatan).

Sources (domain.md §1.1–1.3, api.md §4): UU 5/2014 Pasal 13–19 and UU 20/2023 Pasal 13–18 [C] for the
kinds; SIASN / PermenPANRB 1/2023 [C] for the functional levels (jenjang) per track; Peraturan BKN
9/2022 [C] for kelas jabatan 1 (lowest) to 17 (highest).
"""

from __future__ import annotations

from types import MappingProxyType

from asn_api.domain.errors import DomainRuleError

POSITION_KINDS: tuple[str, ...] = (
    "jpt_utama",
    "jpt_madya",
    "jpt_pratama",
    "administrator",
    "pengawas",
    "pelaksana",
    "fungsional",
)
JPT_KINDS: frozenset[str] = frozenset({"jpt_utama", "jpt_madya", "jpt_pratama"})
FUNCTIONAL_KIND = "fungsional"

FUNCTIONAL_TRACKS: tuple[str, ...] = ("keahlian", "keterampilan")
# Levels are ordered lowest → highest within each track.
FUNCTIONAL_LEVELS_BY_TRACK: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "keahlian": ("ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama"),
        "keterampilan": ("pemula", "terampil", "mahir", "penyelia"),
    }
)
FUNCTIONAL_LEVELS: tuple[str, ...] = tuple(
    level for track in FUNCTIONAL_TRACKS for level in FUNCTIONAL_LEVELS_BY_TRACK[track]
)

MIN_GRADE = 1
MAX_GRADE = 17


def _required_for_fungsional(field: str) -> DomainRuleError:
    return DomainRuleError(
        field=field, code="required_for_fungsional", message=f"{field} is required for kind fungsional."
    )


def validate_position_kind(kind: str, functional_track: str | None, functional_level: str | None) -> None:
    """Check the kind/track/level combination of a position (api.md §4).

    Track and level are required for ``fungsional`` (code required_for_fungsional) and forbidden for
    every other kind (forbidden_for_kind); the level must belong to the track (level_not_in_track).
    The track is checked before the level, so the error names the first field to fix.
    """
    if kind not in POSITION_KINDS:
        raise DomainRuleError(
            field="kind",
            code="kind_invalid",
            message=f"kind {kind!r} is not one of {', '.join(POSITION_KINDS)}.",
        )
    if kind != FUNCTIONAL_KIND:
        for field, value in (("functional_track", functional_track), ("functional_level", functional_level)):
            if value is not None:
                raise DomainRuleError(
                    field=field,
                    code="forbidden_for_kind",
                    message=f"{field} must be empty for kind {kind}; only fungsional positions have one.",
                )
        return

    # Explicit checks rather than a loop so type checkers see both values narrowed to str.
    if functional_track is None:
        raise _required_for_fungsional("functional_track")
    if functional_level is None:
        raise _required_for_fungsional("functional_level")
    levels = FUNCTIONAL_LEVELS_BY_TRACK.get(functional_track)
    if levels is None:
        raise DomainRuleError(
            field="functional_track",
            code="track_invalid",
            message=f"functional_track {functional_track!r} is not one of {', '.join(FUNCTIONAL_TRACKS)}.",
        )
    if functional_level not in levels:
        raise DomainRuleError(
            field="functional_level",
            code="level_not_in_track",
            message=f"functional_level {functional_level!r} is not a level of track {functional_track} "
            f"({', '.join(levels)}).",
        )


def validate_grade(grade: int) -> None:
    """Raise grade_out_of_range unless ``grade`` (kelas jabatan) is an integer 1–17."""
    # bool is an int subclass; True must not pass as grade 1.
    if isinstance(grade, bool) or not isinstance(grade, int) or not MIN_GRADE <= grade <= MAX_GRADE:
        raise DomainRuleError(
            field="grade",
            code="grade_out_of_range",
            message=f"grade (kelas jabatan) must be an integer {MIN_GRADE}–{MAX_GRADE}, not {grade!r}.",
        )
