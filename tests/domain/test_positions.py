"""Position kind / functional track / level combinations and kelas jabatan (api.md §4)."""

import itertools

import pytest

from asn_api.domain.errors import DomainRuleError
from asn_api.domain.positions import (
    FUNCTIONAL_LEVELS,
    FUNCTIONAL_LEVELS_BY_TRACK,
    FUNCTIONAL_TRACKS,
    POSITION_KINDS,
    validate_grade,
    validate_position_kind,
)

KEAHLIAN = {"ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama"}
KETERAMPILAN = {"pemula", "terampil", "mahir", "penyelia"}


def test_tables_match_the_contract():
    assert set(POSITION_KINDS) == {
        "jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas", "pelaksana", "fungsional",
    }  # fmt: skip
    assert FUNCTIONAL_TRACKS == ("keahlian", "keterampilan")
    assert set(FUNCTIONAL_LEVELS_BY_TRACK["keahlian"]) == KEAHLIAN
    assert set(FUNCTIONAL_LEVELS_BY_TRACK["keterampilan"]) == KETERAMPILAN
    assert FUNCTIONAL_LEVELS_BY_TRACK["keahlian"][0] == "ahli_pertama"  # ordered lowest first
    assert len(FUNCTIONAL_LEVELS) == 8


def expected_outcome(kind, track, level):
    """The rule, written out independently of the implementation:

    - not fungsional: any track is forbidden, then any level is forbidden, else OK;
    - fungsional: track required, then level required, then level must be in that track's set.
    Returns None for OK or (field, code).
    """
    if kind != "fungsional":
        if track is not None:
            return ("functional_track", "forbidden_for_kind")
        if level is not None:
            return ("functional_level", "forbidden_for_kind")
        return None
    if track is None:
        return ("functional_track", "required_for_fungsional")
    if level is None:
        return ("functional_level", "required_for_fungsional")
    if level not in {"keahlian": KEAHLIAN, "keterampilan": KETERAMPILAN}[track]:
        return ("functional_level", "level_not_in_track")
    return None


COMBINATIONS = list(
    itertools.product(
        POSITION_KINDS,
        ("keahlian", "keterampilan", None),
        sorted(KEAHLIAN | KETERAMPILAN) + [None],
    )
)


def test_every_combination_is_covered():
    assert len(COMBINATIONS) == 7 * 3 * 9
    accepted = [c for c in COMBINATIONS if expected_outcome(*c) is None]
    assert len(accepted) == 6 + 8  # 6 plain kinds with nothing, fungsional with its 8 matching levels


@pytest.mark.parametrize(("kind", "track", "level"), COMBINATIONS)
def test_kind_track_level(kind, track, level):
    expected = expected_outcome(kind, track, level)
    if expected is None:
        assert validate_position_kind(kind, track, level) is None
        return
    with pytest.raises(DomainRuleError) as excinfo:
        validate_position_kind(kind, track, level)
    assert (excinfo.value.field, excinfo.value.code) == expected


@pytest.mark.parametrize(
    ("kind", "track", "level", "field", "code"),
    [
        ("eselon_iii", None, None, "kind", "kind_invalid"),
        ("FUNGSIONAL", "keahlian", "ahli_muda", "kind", "kind_invalid"),
        ("fungsional", "keahlian_x", "ahli_muda", "functional_track", "track_invalid"),
        ("fungsional", "keahlian", "ahli_super", "functional_level", "level_not_in_track"),
    ],
)
def test_unknown_values(kind, track, level, field, code):
    with pytest.raises(DomainRuleError) as excinfo:
        validate_position_kind(kind, track, level)
    assert (excinfo.value.field, excinfo.value.code) == (field, code)


def test_level_message_lists_the_tracks_levels():
    with pytest.raises(DomainRuleError) as excinfo:
        validate_position_kind("fungsional", "keterampilan", "ahli_muda")
    assert "pemula, terampil, mahir, penyelia" in excinfo.value.message


@pytest.mark.parametrize("grade", [1, 2, 9, 16, 17])
def test_grade_accepted(grade):
    assert validate_grade(grade) is None


@pytest.mark.parametrize("grade", [0, -1, 18, 100, True, 9.0, "9", None])
def test_grade_rejected(grade):
    with pytest.raises(DomainRuleError) as excinfo:
        validate_grade(grade)
    assert (excinfo.value.field, excinfo.value.code) == ("grade", "grade_out_of_range")
