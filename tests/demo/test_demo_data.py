"""Demo seed data: organisation units, position templates and generated people."""

from collections import Counter
from datetime import date

import pytest

from asn_api.demo.binjai_positions import (
    ANNUAL_FACTOR,
    FUNCTIONAL_LEVELS,
    POSITION_KINDS,
    positions_for,
)
from asn_api.demo.binjai_units import KECAMATAN, UNIT_KINDS, UNITS, UNITS_BY_CODE
from asn_api.demo.people import EMPLOYMENT_TYPES, generate_people
from asn_api.domain.ranks import PNS_RANKS, PPPK_GRADES

# domain.md §10.1, copied independently of the module under test.
EXPECTED_KELURAHAN = {
    "Binjai Selatan": {"Tanah Merah", "Bhakti Karya", "Tanah Seribu", "Pujidadi", "Binjai Estate",
                       "Rambung Barat", "Rambung Dalam", "Rambung Timur"},
    "Binjai Kota": {"Berngam", "Satria", "Tangsi", "Kartini", "Setia", "Binjai", "Pekan Binjai"},
    "Binjai Timur": {"Mencirim", "Tunggurono", "Dataran Tinggi", "Timbang Langkat", "Tanah Tinggi",
                     "Sumber Mulyorejo", "Sumber Karya"},
    "Binjai Utara": {"Pahlawan", "Jatinegara", "Nangka", "Jati Makmur", "Kebun Lada", "Damai", "Cengkeh Turi",
                     "Jati Karya", "Jati Utomo"},
    "Binjai Barat": {"Bandar Senembah", "Limau Mungkur", "Limau Sundai", "Payaroba", "Suka Maju",
                     "Suka Ramai"},
}
NIK_KECAMATAN_CODES = {"127501", "127502", "127503", "127504", "127505"}


@pytest.fixture(scope="module")
def people():
    return generate_people(3000)


# --- units --------------------------------------------------------------------------------------------------

def test_unit_codes_unique_and_well_formed():
    codes = [u.code for u in UNITS]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert code == code.upper() and " " not in code and len(code) <= 40


def test_parents_precede_children_and_single_root():
    seen: set[str] = set()
    for unit in UNITS:
        assert unit.kind in UNIT_KINDS
        if unit.parent_code is None:
            assert unit.code == "PEMKOT" and unit.kind == "other"
        else:
            assert unit.parent_code in seen, unit.code
        seen.add(unit.code)
    assert sum(u.parent_code is None for u in UNITS) == 1


def test_kecamatan_and_kelurahan_match_domain():
    districts = [u for u in UNITS if u.kind == "district"]
    subdistricts = [u for u in UNITS if u.kind == "subdistrict"]
    assert len(districts) == 5
    assert len(subdistricts) == 37
    assert all(u.is_service_unit and u.parent_code == "PEMKOT" for u in districts)
    actual: dict[str, set[str]] = {u.name.removeprefix("Kecamatan "): set() for u in districts}
    for kel in subdistricts:
        assert kel.is_service_unit
        parent = UNITS_BY_CODE[kel.parent_code]
        assert parent.kind == "district"
        actual[parent.name.removeprefix("Kecamatan ")].add(kel.name.removeprefix("Kelurahan "))
    assert actual == EXPECTED_KELURAHAN
    # domain.md §7.3: 12.75.01 Utara, 02 Kota, 03 Barat, 04 Timur, 05 Selatan
    assert {k.name: k.region_code for k in KECAMATAN} == {
        "Binjai Utara": "127501", "Binjai Kota": "127502", "Binjai Barat": "127503",
        "Binjai Timur": "127504", "Binjai Selatan": "127505",
    }


def test_required_units_present():
    by_kind = Counter(u.kind for u in UNITS)
    assert by_kind["health_center"] == 8
    assert by_kind["hospital"] == 1
    assert by_kind["secretariat"] >= 2 and by_kind["inspectorate"] == 1
    for code in ("SETDA", "SETDPRD", "INSPEKTORAT", "BKPSDM", "BAPPERIDA", "BPKAD", "BPBD", "KESBANGPOL",
                 "SATPOLPP", "DINKES", "DPMPTSP", "RSUD-DJOELHAM", "PKM-RAMBUNG", "PKM-BINJAI-ESTATE",
                 "PKM-DATARAN-TINGGI", "KEC-BJS", "KEL-BJS-TANAH-MERAH"):
        assert code in UNITS_BY_CODE, code
    assert UNITS_BY_CODE["RSUD-DJOELHAM"].is_service_unit
    assert UNITS_BY_CODE["DPMPTSP"].is_service_unit
    assert all(u.parent_code == "DINKES" and u.is_service_unit for u in UNITS if u.kind == "health_center")
    assert len([u for u in UNITS if u.parent_code == "BKPSDM" and u.name.startswith("Bidang")]) in (2, 3)
    for office in (u for u in UNITS if u.kind == "office"):
        children = [u for u in UNITS if u.parent_code == office.code and u.kind == "division"]
        assert sum(c.name.startswith("Sekretariat") for c in children) == 1, office.code
        assert sum(c.name.startswith("Bidang") for c in children) == 2, office.code


# --- positions ----------------------------------------------------------------------------------------------

def _all_positions():
    return [(unit, pos) for unit in UNITS for pos in positions_for(unit)]


def test_position_kind_track_level_rule_and_grade():
    for unit, pos in _all_positions():
        where = (unit.code, pos.code_suffix)
        assert pos.kind in POSITION_KINDS
        assert 1 <= pos.grade <= 17
        if pos.kind == "fungsional":
            assert pos.functional_track in FUNCTIONAL_LEVELS, where
            assert pos.functional_level in FUNCTIONAL_LEVELS[pos.functional_track], where
        else:
            assert pos.functional_track is None and pos.functional_level is None, where
        assert pos.min_rank is None or pos.min_rank in PNS_RANKS


def test_position_codes_unique_per_unit_and_every_unit_but_root_staffed():
    for unit in UNITS:
        suffixes = [p.code_suffix for p in positions_for(unit)]
        assert len(suffixes) == len(set(suffixes)), unit.code
        assert bool(suffixes) == (unit.kind != "other"), unit.code


def test_workloads_are_plausible():
    for unit, pos in _all_positions():
        assert 2 <= len(pos.workload) <= 5, (unit.code, pos.code_suffix)
        for task in pos.workload:
            assert task.period in ANNUAL_FACTOR and task.volume > 0 and task.minutes_per_unit > 0
        need = pos.headcount_exact
        if pos.kind not in ("fungsional", "pelaksana"):
            assert 0.8 <= need < 1.5, (unit.code, pos.code_suffix, need)
        elif pos.kind == "pelaksana":
            assert 0.5 <= need < 4.5, (unit.code, pos.code_suffix, need)
        else:
            assert 0.5 <= need < 25, (unit.code, pos.code_suffix, need)
    nurses = [p for p in positions_for(UNITS_BY_CODE["PKM-RAMBUNG"]) if p.title == "Perawat Terampil"]
    assert len(nurses) == 1 and 2.5 <= nurses[0].headcount_exact < 8.5


def test_key_positions():
    sekda = next(p for p in positions_for(UNITS_BY_CODE["SETDA"]) if p.code_suffix == "SEKDA")
    assert (sekda.kind, sekda.grade, sekda.min_rank) == ("jpt_pratama", 17, "IV/c")
    head = next(p for p in positions_for(UNITS_BY_CODE["BKPSDM"]) if p.code_suffix == "KEPALA")
    assert head.kind == "jpt_pratama" and 14 <= head.grade <= 15 and head.min_rank == "IV/b"
    lurah = positions_for(UNITS_BY_CODE["KEL-BJS-TANAH-MERAH"])[0]
    assert lurah.kind == "pengawas" and lurah.title == "Lurah Tanah Merah"
    assert positions_for(UNITS_BY_CODE["KEC-BJS"])[0].kind == "administrator"
    assert positions_for(UNITS_BY_CODE["PKM-RAMBUNG"])[0].kind == "administrator"
    titles = {p.title for p in positions_for(UNITS_BY_CODE["BKPSDM.BID-MP"])}
    assert "Analis SDM Aparatur Ahli Muda" in titles


# --- people -------------------------------------------------------------------------------------------------

def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def test_people_deterministic(people):
    assert generate_people(3000) == people
    assert generate_people(50) == people[:50]
    assert generate_people(50, seed=7) != people[:50]


def test_nip_and_nik_unique(people):
    assert len({p.nip for p in people}) == len(people)
    assert len({p.nik for p in people}) == len(people)
    assert len({p.email for p in people}) == len(people)


def test_nip_encodes_birth_start_and_gender(people):
    for p in people:
        assert len(p.nip) == 18 and p.nip.isdigit(), p
        assert p.nip[:8] == p.birth_date.strftime("%Y%m%d")
        if p.employment_type in ("pns", "cpns"):
            assert p.nip[8:14] == p.civil_service_start.strftime("%Y%m")
            assert p.civil_service_start.day == 1
            assert 19 <= _age(p.birth_date, p.civil_service_start) <= 40, p
        else:
            assert p.nip[8:12] == str(p.civil_service_start.year)
            assert 2019 <= p.civil_service_start.year <= 2025
        assert p.nip[14] == ("1" if p.gender == "male" else "2")
        assert 1 <= int(p.nip[15:]) <= 999


def test_nik_encodes_birth_date_and_gender(people):
    for p in people:
        assert len(p.nik) == 16 and p.nik.isdigit(), p
        assert p.nik[:6] in NIK_KECAMATAN_CODES
        day = int(p.nik[6:8])
        if p.gender == "female":
            day -= 40
        assert day == p.birth_date.day
        assert p.nik[8:12] == p.birth_date.strftime("%m%y")
        assert 1 <= int(p.nik[12:]) <= 9999


def test_people_fields_plausible(people):
    counts = Counter(p.employment_type for p in people)
    assert set(counts) <= set(EMPLOYMENT_TYPES)
    assert 0.64 <= counts["pns"] / len(people) <= 0.76
    assert 0.15 <= counts["pppk"] / len(people) <= 0.25
    for p in people:
        assert p.gender in ("male", "female")
        assert p.rank in (PNS_RANKS if p.employment_type in ("pns", "cpns") else PPPK_GRADES)
        assert p.phone.startswith("08") and len(p.phone) == 12 and p.phone.isdigit()
        assert p.email.endswith("@binjaikota.go.id.example")
        assert p.address.startswith("Jl. ") and p.address.endswith(", Binjai")
        assert 18 <= _age(p.birth_date, date(2026, 1, 1)) <= 58
