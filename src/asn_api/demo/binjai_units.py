"""Organisation structure of Pemerintah Kota Binjai as editable seed data.

Source: ``domain.md`` §10 (Kota Binjai facts).

Confidence (tags as in ``domain.md`` §0):

* The 5 kecamatan and the 37 kelurahan, with their counts, are [C]; the kelurahan spellings are [S].
* The Kemendagri kecamatan codes 12.75.01–05 (used as NIK prefixes) are [S] (``domain.md`` §7.3).
* The list of OPD (Sekretariat, Badan, Dinas, Satpol PP, RSUD) is [S], collected from news; the official
  complete list (Perda on Perangkat Daerah) is [U].
* The Bagian and Bidang under each OPD, and the UPTD, are illustrative [U]: they follow the usual shape of a
  city government, not a verified Perwali.
* The puskesmas list is [U] (see ``PUSKESMAS`` below).

Everything here is master data that an administrator is expected to edit; nothing in it is normative.
The tuple ``UNITS`` is ordered so that every parent appears before its children.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNIT_KINDS: tuple[str, ...] = (
    "secretariat", "agency", "office", "inspectorate", "district", "subdistrict",
    "health_center", "hospital", "division", "section", "technical_unit", "other",
)


@dataclass(frozen=True, slots=True)
class UnitSeed:
    code: str
    name: str
    kind: str
    parent_code: str | None
    is_service_unit: bool = False


@dataclass(frozen=True, slots=True)
class Kecamatan:
    abbr: str  # used in unit codes: KEC-<abbr>, KEL-<abbr>-<slug>
    name: str
    region_code: str  # Kemendagri code, 6 digits, also the NIK prefix [S]
    area_km2: float
    kelurahan: tuple[str, ...]


ROOT_CODE = "PEMKOT"

# domain.md §10.1 (counts and areas [C]; spellings [S]) and §7.3 (region codes [S]).
KECAMATAN: tuple[Kecamatan, ...] = (
    Kecamatan("BJU", "Binjai Utara", "127501", 23.59, (
        "Pahlawan", "Jatinegara", "Nangka", "Jati Makmur", "Kebun Lada", "Damai", "Cengkeh Turi",
        "Jati Karya", "Jati Utomo",
    )),
    Kecamatan("BJK", "Binjai Kota", "127502", 4.12, (
        "Berngam", "Satria", "Tangsi", "Kartini", "Setia", "Binjai", "Pekan Binjai",
    )),
    # "Bandar Senembah" is also written "Bandar Sinembah" [S].
    Kecamatan("BJB", "Binjai Barat", "127503", 10.86, (
        "Bandar Senembah", "Limau Mungkur", "Limau Sundai", "Payaroba", "Suka Maju", "Suka Ramai",
    )),
    Kecamatan("BJT", "Binjai Timur", "127504", 21.70, (
        "Mencirim", "Tunggurono", "Dataran Tinggi", "Timbang Langkat", "Tanah Tinggi", "Sumber Mulyorejo",
        "Sumber Karya",
    )),
    Kecamatan("BJS", "Binjai Selatan", "127505", 29.96, (
        "Tanah Merah", "Bhakti Karya", "Tanah Seribu", "Pujidadi", "Binjai Estate", "Rambung Barat",
        "Rambung Dalam", "Rambung Timur",
    )),
)

# Puskesmas [U]: domain.md §10.3 names only Binjai Estate, Rambung and Dataran Tinggi and says "roughly 8"
# with low confidence. The other five are invented, named after kelurahan, to make 8 in all. The real list
# is unconfirmed: this is editable master data. (code suffix, name)
PUSKESMAS: tuple[tuple[str, str], ...] = (
    ("BINJAI-ESTATE", "Puskesmas Binjai Estate"),
    ("RAMBUNG", "Puskesmas Rambung"),
    ("DATARAN-TINGGI", "Puskesmas Dataran Tinggi"),
    ("TANAH-TINGGI", "Puskesmas Tanah Tinggi"),
    ("KEBUN-LADA", "Puskesmas Kebun Lada"),
    ("JATI-MAKMUR", "Puskesmas Jati Makmur"),
    ("LIMAU-SUNDAI", "Puskesmas Limau Sundai"),
    ("SATRIA", "Puskesmas Satria"),
)

# Badan (agency) [S]: (code, name, service unit?, ((bidang code suffix, bidang name), ...)). Bidang are [U].
_AGENCIES: tuple[tuple[str, str, bool, tuple[tuple[str, str], ...]], ...] = (
    ("BAPPERIDA", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", False, (
        ("BID-PPD", "Bidang Perencanaan dan Pendanaan Pembangunan Daerah"),
        ("BID-RISINOV", "Bidang Riset dan Inovasi Daerah"),
    )),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", False, (
        ("BID-ANGGARAN", "Bidang Anggaran"),
        ("BID-ASET", "Bidang Pengelolaan Aset Daerah"),
    )),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", False, (
        ("BID-PKA", "Bidang Pengadaan, Kepangkatan dan Administrasi Kepegawaian"),
        ("BID-MP", "Bidang Mutasi dan Promosi"),
        ("BID-PSDM", "Bidang Pengembangan Sumber Daya Manusia"),
    )),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", False, (
        ("BID-PK", "Bidang Pencegahan dan Kesiapsiagaan"),
        ("BID-KL", "Bidang Kedaruratan dan Logistik"),
    )),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", False, (
        ("BID-IDEOLOGI", "Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa"),
        ("BID-POLDAGRI", "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan"),
    )),
)

# Dinas (office) [S], plus Satpol PP; every one gets a Sekretariat and two Bidang [U].
_OFFICES: tuple[tuple[str, str, bool, tuple[tuple[str, str], ...]], ...] = (
    ("DISDIK", "Dinas Pendidikan", False, (
        ("BID-PSD", "Bidang Pembinaan Sekolah Dasar"),
        ("BID-PSMP", "Bidang Pembinaan Sekolah Menengah Pertama"),
    )),
    ("DINKES", "Dinas Kesehatan", False, (
        ("BID-YANKES", "Bidang Pelayanan dan Sumber Daya Kesehatan"),
        ("BID-P2P", "Bidang Pencegahan dan Pengendalian Penyakit"),
    )),
    ("DPUTR", "Dinas Pekerjaan Umum dan Tata Ruang", False, (
        ("BID-BM", "Bidang Bina Marga"),
        ("BID-TR", "Bidang Penataan Ruang"),
    )),
    ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", False, (
        ("BID-PERUMAHAN", "Bidang Perumahan"),
        ("BID-KP", "Bidang Kawasan Permukiman"),
    )),
    ("DISHUB", "Dinas Perhubungan", False, (
        ("BID-LLAJ", "Bidang Lalu Lintas dan Angkutan Jalan"),
        ("BID-SARPRAS", "Bidang Sarana dan Prasarana Perhubungan"),
    )),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", False, (
        ("BID-APTIKA", "Bidang Aplikasi Informatika"),
        ("BID-IKP", "Bidang Informasi dan Komunikasi Publik"),
    )),
    ("DLH", "Dinas Lingkungan Hidup", False, (
        ("BID-PPKL", "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan"),
        ("BID-PSLB3", "Bidang Pengelolaan Sampah dan Limbah B3"),
    )),
    ("DKPP", "Dinas Ketahanan Pangan dan Pertanian", False, (
        ("BID-KP", "Bidang Ketahanan Pangan"),
        ("BID-TPH", "Bidang Tanaman Pangan dan Hortikultura"),
    )),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", True, (
        ("BID-PM", "Bidang Penanaman Modal"),
        ("BID-PERIZINAN", "Bidang Pelayanan Perizinan dan Nonperizinan"),
    )),
    ("DP3AM", "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Pemberdayaan Masyarakat", False, (
        ("BID-PPPA", "Bidang Pemberdayaan Perempuan dan Perlindungan Anak"),
        ("BID-PM", "Bidang Pemberdayaan Masyarakat"),
    )),
    # Full name of the cooperatives office is [U].
    ("DISKOP", "Dinas Koperasi dan Usaha Mikro", False, (
        ("BID-KOP", "Bidang Koperasi"),
        ("BID-UM", "Bidang Usaha Mikro"),
    )),
    ("DISPERINDAG", "Dinas Perindustrian, Perdagangan dan Pasar", False, (
        ("BID-PERDAG", "Bidang Perdagangan"),
        ("BID-PASAR", "Bidang Pengelolaan Pasar"),
    )),
    ("DISPAR", "Dinas Pariwisata", False, (
        ("BID-DESTINASI", "Bidang Destinasi Pariwisata"),
        ("BID-PEMASARAN", "Bidang Pemasaran Pariwisata"),
    )),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", False, (
        ("BID-GAKDA", "Bidang Penegakan Peraturan Daerah"),
        ("BID-TRANTIB", "Bidang Ketertiban Umum dan Ketenteraman Masyarakat"),
    )),
)

# Sekretariat Daerah: (asisten code suffix, asisten name, ((bagian code suffix, bagian name), ...)) [S]/[U].
_SETDA_ASSISTANTS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("ASS-PEMKESRA", "Asisten Pemerintahan dan Kesejahteraan Rakyat", (
        ("BAG-PEM", "Bagian Tata Pemerintahan"),
        ("BAG-HUKUM", "Bagian Hukum"),
        ("BAG-KESRA", "Bagian Kesejahteraan Rakyat"),
    )),
    ("ASS-EKBANG", "Asisten Perekonomian dan Pembangunan", (
        ("BAG-PEREKONOMIAN", "Bagian Perekonomian dan Sumber Daya Alam"),
        ("BAG-PBJ", "Bagian Pengadaan Barang dan Jasa"),
    )),
    ("ASS-ADMUM", "Asisten Administrasi Umum", (
        ("BAG-ORGANISASI", "Bagian Organisasi"),
        ("BAG-UMUM", "Bagian Umum"),
        ("BAG-PROKOPIM", "Bagian Protokol dan Komunikasi Pimpinan"),
    )),
)

# UPTD (technical_unit) [U]: (parent code, code suffix, name, service unit?).
_TECHNICAL_UNITS: tuple[tuple[str, str, str, bool], ...] = (
    ("DISHUB", "UPTD-PKB", "UPTD Pengujian Kendaraan Bermotor", True),
    ("DINKES", "UPTD-LABKESDA", "UPTD Laboratorium Kesehatan Daerah", True),
)

# Public schools under Dinas Pendidikan [U]: invented numbering, there only so the demo city has the bulk of
# its civil servants (teachers) somewhere. Kind technical_unit (satuan pendidikan), serving the public.
SCHOOLS: tuple[tuple[str, str], ...] = tuple(
    (f"SDN-{n:02d}", f"SD Negeri {n} Binjai") for n in range(1, 51)
) + tuple((f"SMPN-{n:02d}", f"SMP Negeri {n} Binjai") for n in range(1, 16))


def slug(text: str) -> str:
    """Uppercase code fragment: ``"Tanah Merah"`` → ``"TANAH-MERAH"``."""
    return re.sub(r"[^A-Z0-9]+", "-", text.upper()).strip("-")


def kecamatan_code(kec: Kecamatan) -> str:
    return f"KEC-{kec.abbr}"


def kelurahan_code(kec: Kecamatan, kelurahan: str) -> str:
    return f"KEL-{kec.abbr}-{slug(kelurahan)}"


def _opd(code: str, name: str, kind: str, service: bool,
         bidang: tuple[tuple[str, str], ...]) -> list[UnitSeed]:
    units = [
        UnitSeed(code, name, kind, ROOT_CODE, service),
        UnitSeed(f"{code}.SEKRETARIAT", f"Sekretariat {name}", "division", code),
    ]
    units += [UnitSeed(f"{code}.{suffix}", bid_name, "division", code) for suffix, bid_name in bidang]
    return units


def _build() -> tuple[UnitSeed, ...]:
    units: list[UnitSeed] = [UnitSeed(ROOT_CODE, "Pemerintah Kota Binjai", "other", None)]

    units.append(UnitSeed("SETDA", "Sekretariat Daerah", "secretariat", ROOT_CODE))
    for asst_suffix, asst_name, bagian in _SETDA_ASSISTANTS:
        asst_code = f"SETDA.{asst_suffix}"
        units.append(UnitSeed(asst_code, asst_name, "division", "SETDA"))
        units += [UnitSeed(f"SETDA.{s}", n, "division", asst_code) for s, n in bagian]

    units += [
        UnitSeed("SETDPRD", "Sekretariat Dewan Perwakilan Rakyat Daerah", "secretariat", ROOT_CODE),
        UnitSeed("SETDPRD.BAG-UMUM", "Bagian Umum dan Keuangan", "division", "SETDPRD"),
        UnitSeed("SETDPRD.BAG-PERSIDANGAN", "Bagian Persidangan dan Perundang-undangan", "division",
                 "SETDPRD"),
        UnitSeed("INSPEKTORAT", "Inspektorat", "inspectorate", ROOT_CODE),
        UnitSeed("INSPEKTORAT.SEKRETARIAT", "Sekretariat Inspektorat", "division", "INSPEKTORAT"),
    ]

    for code, name, service, bidang in _AGENCIES:
        units += _opd(code, name, "agency", service, bidang)
    for code, name, service, bidang in _OFFICES:
        units += _opd(code, name, "office", service, bidang)
    for parent, suffix, name, service in _TECHNICAL_UNITS:
        units.append(UnitSeed(f"{parent}.{suffix}", name, "technical_unit", parent, service))

    units += [UnitSeed(f"DISDIK.{s}", n, "technical_unit", "DISDIK", True) for s, n in SCHOOLS]

    # Puskesmas under Dinas Kesehatan [U]; RSUD is city-owned [S] (kept directly under the city here).
    units += [UnitSeed(f"PKM-{s}", n, "health_center", "DINKES", True) for s, n in PUSKESMAS]
    units.append(UnitSeed("RSUD-DJOELHAM", "RSUD dr. R.M. Djoelham", "hospital", ROOT_CODE, True))

    for kec in KECAMATAN:
        units.append(UnitSeed(kecamatan_code(kec), f"Kecamatan {kec.name}", "district", ROOT_CODE, True))
    for kec in KECAMATAN:
        units += [
            UnitSeed(kelurahan_code(kec, kel), f"Kelurahan {kel}", "subdistrict", kecamatan_code(kec), True)
            for kel in kec.kelurahan
        ]
    return tuple(units)


UNITS: tuple[UnitSeed, ...] = _build()
UNITS_BY_CODE: dict[str, UnitSeed] = {u.code: u for u in UNITS}


def children_of(code: str) -> list[UnitSeed]:
    return [u for u in UNITS if u.parent_code == code]
