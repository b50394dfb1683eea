"""Position (jabatan) templates with ABK workloads, reused per unit kind (``domain.md`` §1.1–§1.3, §2).

Annual volume = volume × 250/50/12/1 by period; headcount = Σ minutes / 75 000. Titles, grades (kelas, [U])
and minimum ranks are plausible demo values, not an evaluasi jabatan decision."""

from __future__ import annotations

from dataclasses import dataclass, replace

from asn_api.demo.binjai_units import UNITS_BY_CODE, UnitSeed
from asn_api.domain.abk import EFFECTIVE_MINUTES_PER_YEAR
from asn_api.domain.abk import PERIOD_FACTORS as ANNUAL_FACTOR
from asn_api.domain.positions import FUNCTIONAL_LEVELS_BY_TRACK as FUNCTIONAL_LEVELS
from asn_api.domain.positions import POSITION_KINDS

__all__ = ["ANNUAL_FACTOR", "EFFECTIVE_MINUTES_PER_YEAR", "FUNCTIONAL_LEVELS", "POSITION_KINDS",
           "PositionSeed", "TaskSeed", "positions_for"]


@dataclass(frozen=True, slots=True)
class TaskSeed:
    name: str
    volume: int
    period: str  # day | week | month | year
    minutes_per_unit: int

    @property
    def annual_minutes(self) -> int:
        return self.volume * ANNUAL_FACTOR[self.period] * self.minutes_per_unit


@dataclass(frozen=True, slots=True)
class PositionSeed:
    code_suffix: str
    title: str
    kind: str
    functional_track: str | None
    functional_level: str | None
    grade: int
    min_rank: str | None
    workload: tuple[TaskSeed, ...]

    @property
    def total_minutes(self) -> int:
        return sum(t.annual_minutes for t in self.workload)

    @property
    def headcount_exact(self) -> float:
        return self.total_minutes / EFFECTIVE_MINUTES_PER_YEAR


_t = TaskSeed


def _scaled(tasks: tuple[TaskSeed, ...], factor: float) -> tuple[TaskSeed, ...]:
    return tuple(replace(t, volume=max(1, round(t.volume * factor))) for t in tasks)


# Workload templates; the comments give the annual minutes and the exact headcount (÷ 75 000).
def _lead_tasks(scope: str) -> tuple[TaskSeed, ...]:  # 78 000 → 1.04
    return (
        _t(f"Memimpin dan mengoordinasikan pelaksanaan tugas {scope}", 1, "week", 240),
        _t("Memeriksa, memaraf dan menandatangani naskah dinas", 8, "day", 15),
        _t("Membina, mengarahkan dan menilai kinerja bawahan", 4, "month", 300),
        _t(f"Menyusun rencana dan laporan kinerja {scope}", 4, "year", 2400),
        _t("Melakukan koordinasi dengan instansi terkait", 2, "week", 120),
    )


_PELAKSANA: dict[str, tuple[str, int, str, tuple[TaskSeed, ...]]] = {  # key: (title, grade, min rank, tasks)
    "PENGADM": ("Pengadministrasi Perkantoran", 5, "II/a", (  # 80 100 → 1.07
        _t("Mengagendakan surat masuk dan surat keluar", 30, "day", 5),
        _t("Mengarsipkan dokumen dan naskah dinas", 20, "day", 6),
        _t("Menyiapkan bahan dan perlengkapan rapat", 3, "week", 60),
        _t("Merekap daftar hadir pegawai", 1, "month", 300),
    )),
    "PENATA-LO": ("Penata Layanan Operasional", 7, "II/c", (  # 108 260 → 1.44
        _t("Memverifikasi kelengkapan berkas permohonan layanan", 25, "day", 10),
        _t("Memberikan informasi layanan kepada pemohon", 20, "day", 8),
        _t("Menyusun laporan bulanan pelayanan", 1, "month", 480),
    )),
    "OPERATOR-LO": ("Operator Layanan Operasional", 6, "II/a", (  # 78 000 → 1.04
        _t("Menginput dan memutakhirkan data pada aplikasi layanan", 40, "day", 6),
        _t("Memelihara perangkat kerja dan jaringan", 2, "week", 90),
        _t("Mendokumentasikan kegiatan", 3, "week", 60),
    )),
}
_JF_GENERIC: dict[str, tuple[TaskSeed, ...]] = {
    "ahli_madya": (  # 70 800 → 0.94
        _t("Merumuskan rekomendasi kebijakan strategis", 6, "year", 4800),
        _t("Mengendalikan mutu hasil kerja tim", 2, "week", 240),
        _t("Memberikan konsultasi teknis kepada pimpinan", 3, "week", 120),
    ),
    "ahli_muda": (  # 73 440 → 0.98
        _t("Menyusun kajian dan analisis kebijakan teknis", 24, "year", 1200),
        _t("Menyusun rancangan pedoman dan standar teknis", 6, "year", 2400),
        _t("Melakukan pembinaan, monitoring dan evaluasi pelaksanaan kegiatan", 4, "month", 630),
    ),
    "ahli_pertama": (  # 118 040 → 1.57
        _t("Mengumpulkan dan mengolah data teknis", 10, "week", 90),
        _t("Menyiapkan bahan kajian", 4, "month", 480),
        _t("Memverifikasi dokumen dan data dukung", 10, "day", 20),
    ),
    "mahir": (  # 76 140 → 1.02
        _t("Melaksanakan pekerjaan teknis lapangan", 3, "day", 60),
        _t("Memeriksa hasil kerja pejabat fungsional terampil", 2, "day", 45),
        _t("Menyusun laporan teknis", 4, "month", 180),
    ),
    "terampil": (  # 80 760 → 1.08
        _t("Menginput dan memutakhirkan data teknis", 25, "day", 8),
        _t("Menyiapkan bahan dan peralatan kerja teknis", 5, "day", 20),
        _t("Membuat laporan kegiatan", 4, "month", 120),
    ),
}
_JF_SPECIFIC: dict[str, tuple[TaskSeed, ...]] = {
    "ASDM": (  # Analis SDM Aparatur, 80 800 → 1.08
        _t("Menganalisis usulan kenaikan pangkat", 600, "year", 45),
        _t("Menyusun rekomendasi mutasi dan promosi", 10, "month", 240),
        _t("Memverifikasi data kepegawaian di SIASN", 10, "day", 10),
    ),
    "DOKTER": (  # 120 570 → 1.61
        _t("Melakukan pemeriksaan dan pengobatan pasien rawat jalan", 35, "day", 12),
        _t("Melakukan rujukan pasien", 3, "day", 15),
        _t("Memberikan penyuluhan kesehatan", 2, "month", 180),
    ),
    "PERAWAT": (  # 374 000 → 4.99
        _t("Melakukan pengkajian keperawatan", 40, "day", 15),
        _t("Melaksanakan tindakan keperawatan", 30, "day", 20),
        _t("Mendokumentasikan asuhan keperawatan", 40, "day", 5),
        _t("Melakukan kunjungan rumah (perkesmas)", 4, "week", 120),
    ),
    "BIDAN": (  # 162 600 → 2.17
        _t("Melakukan pemeriksaan kehamilan (ANC)", 15, "day", 20),
        _t("Melakukan pertolongan persalinan normal", 20, "month", 240),
        _t("Memberikan pelayanan keluarga berencana", 8, "day", 15),
    ),
}

_LEVELS: dict[str, tuple[str, str, str, int, str]] = {  # level: suffix, track, abbr, grade, min rank
    "ahli_pertama": ("Ahli Pertama", "keahlian", "AP", 8, "III/a"),
    "ahli_muda": ("Ahli Muda", "keahlian", "AM", 9, "III/c"),
    "ahli_madya": ("Ahli Madya", "keahlian", "AMD", 11, "IV/a"),
    "terampil": ("Terampil", "keterampilan", "T", 6, "II/b"),
    "mahir": ("Mahir", "keterampilan", "M", 7, "III/a"),
}


def _jf(abbr: str, base: str, level: str, factor: float = 1.0) -> PositionSeed:
    suffix, track, lvl_abbr, grade, min_rank = _LEVELS[level]
    tasks = _JF_SPECIFIC.get(abbr, _JF_GENERIC[level])
    return PositionSeed(f"JF-{abbr}-{lvl_abbr}", f"{base} {suffix}", "fungsional", track, level,
                        grade, min_rank, _scaled(tasks, factor))


def _lead(code: str, title: str, kind: str, grade: int, min_rank: str, scope: str) -> PositionSeed:
    return PositionSeed(code, title, kind, None, None, grade, min_rank, _lead_tasks(scope))


def _plk(key: str, factor: float = 1.0) -> PositionSeed:
    title, grade, min_rank, tasks = _PELAKSANA[key]
    return PositionSeed(f"PLK-{key}", title, "pelaksana", None, None, grade, min_rank, _scaled(tasks, factor))


# Functional positions of a Bidang/Bagian, by unit code or by the code of its OPD: (keahlian, keterampilan);
# anything else gets "Analis Kebijakan".
_JF_BY_UNIT: dict[str, tuple[tuple[str, str], tuple[str, str] | None]] = {
    "BKPSDM": (("ASDM", "Analis SDM Aparatur"), ("PSDM", "Pranata SDM Aparatur")),
    "BAPPERIDA": (("PRC", "Perencana"), None), "BPKAD": (("AKPD", "Analis Keuangan Pusat dan Daerah"), None),
    "BPBD": (("PPB", "Penata Penanggulangan Bencana"), None),
    "DISDIK": (("PTP", "Pengembang Teknologi Pembelajaran"), None),
    "DINKES": (("ADKES", "Administrator Kesehatan"), ("SANITASI", "Tenaga Sanitasi Lingkungan")),
    "DPUTR": (("TJJ", "Teknik Jalan dan Jembatan"), ("TPA", "Teknik Pengairan")),
    "DISPERKIM": (("TTBP", "Teknik Tata Bangunan dan Perumahan"), None),
    "DISHUB": (("AK", "Analis Kebijakan"), ("PKB", "Penguji Kendaraan Bermotor")),
    "DISKOMINFO": (("PRAKOM", "Pranata Komputer"), ("PRAKOM", "Pranata Komputer")),
    "DLH": (("PDL", "Pengendali Dampak Lingkungan"), None), "DISKOP": (("PKOP", "Pengawas Koperasi"), None),
    "DKPP": (("AKP", "Analis Ketahanan Pangan"), ("PP", "Penyuluh Pertanian")),
    "DISPERINDAG": (("PD", "Pengawas Perdagangan"), ("PENERA", "Penera")),
    "DISPAR": (("AKEK", "Adyatama Kepariwisataan dan Ekonomi Kreatif"), None),
    "SATPOLPP": (("POLPP", "Polisi Pamong Praja"), ("POLPP", "Polisi Pamong Praja")),
    "SETDA.BAG-HUKUM": (("PPUU", "Perancang Peraturan Perundang-undangan"), None),
    "SETDA.BAG-PBJ": (("PPBJ", "Pengelola Pengadaan Barang/Jasa"), None),
    "SETDA.BAG-UMUM": (("AK", "Analis Kebijakan"), ("ARS", "Arsiparis")),
    "SETDPRD.BAG-PERSIDANGAN": (("PPUU", "Perancang Peraturan Perundang-undangan"), None),
}


def _division(unit: UnitSeed) -> list[PositionSeed]:
    name = unit.name
    if name.startswith("Sekretariat"):
        parent = UNITS_BY_CODE.get(unit.parent_code or "")
        owner = parent.name if parent else name.removeprefix("Sekretariat ")
        return [
            _lead("SEKRETARIS", f"Sekretaris {owner}", "administrator", 12, "III/d", name),
            _lead("KASUBBAG-UMPEG", "Kepala Subbagian Umum dan Kepegawaian", "pengawas", 9, "III/b", name),
            _jf("PRC", "Perencana", "ahli_pertama"), _jf("ARS", "Arsiparis", "terampil"),
            _plk("PENGADM", 1.5),
        ]
    if name.startswith("Asisten"):
        return [_lead("ASISTEN", name, "jpt_pratama", 14, "IV/b", name), _plk("PENGADM")]
    root = unit.code.split(".")[0]
    jf_pair = _JF_BY_UNIT.get(unit.code) or _JF_BY_UNIT.get(root) or (("AK", "Analis Kebijakan"), None)
    (k_abbr, k_base), skilled = jf_pair
    head = "KABAG" if name.startswith("Bagian") else "KABID"
    positions = [
        _lead(head, f"Kepala {name}", "administrator", 11, "III/d", name),
        _jf(k_abbr, k_base, "ahli_muda"),
        _jf(k_abbr, k_base, "ahli_pertama"),
    ]
    if skilled:
        positions.append(_jf(skilled[0], skilled[1], "terampil"))
    positions.append(_plk("PENATA-LO") if head == "KABID" else _plk("PENGADM"))
    return positions


def _opd_head(unit: UnitSeed) -> list[PositionSeed]:
    title = f"Kepala {unit.name}" if unit.code != "BPBD" else f"Kepala Pelaksana {unit.name}"
    grade = 15 if unit.kind == "agency" else 14
    positions = [_lead("KEPALA", title, "jpt_pratama", grade, "IV/b", unit.name)]
    if unit.is_service_unit:
        positions += [_plk("PENATA-LO", 2.0), _plk("OPERATOR-LO", 1.5)]
    return positions


def _secretariat(unit: UnitSeed) -> list[PositionSeed]:
    if unit.code == "SETDA":
        head = _lead("SEKDA", "Sekretaris Daerah", "jpt_pratama", 17, "IV/c", "Pemerintah Kota Binjai")
    else:
        title = unit.name.replace("Sekretariat", "Sekretaris", 1)
        head = _lead("SEKRETARIS", title, "jpt_pratama", 14, "IV/b", unit.name)
    return [head, _plk("PENGADM")]


def _inspectorate(unit: UnitSeed) -> list[PositionSeed]:
    return [
        _lead("INSPEKTUR", "Inspektur", "jpt_pratama", 15, "IV/b", unit.name),
        _jf("AUD", "Auditor", "ahli_madya"), _jf("AUD", "Auditor", "ahli_muda", 2.0),
        _jf("AUD", "Auditor", "ahli_pertama", 1.5),
        _jf("PPUPD", "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "ahli_muda"),
    ]


def _district(unit: UnitSeed) -> list[PositionSeed]:
    camat = f"Camat {unit.name.removeprefix('Kecamatan ')}"
    return [
        _lead("CAMAT", camat, "administrator", 12, "III/d", unit.name),
        _lead("SEKCAM", "Sekretaris Kecamatan", "administrator", 11, "III/c", unit.name),
        _lead("KASI-PEM", "Kepala Seksi Pemerintahan", "pengawas", 9, "III/b", "Seksi Pemerintahan"),
        _plk("PENATA-LO", 1.5), _plk("PENGADM"),
    ]


def _subdistrict(unit: UnitSeed) -> list[PositionSeed]:
    lurah = f"Lurah {unit.name.removeprefix('Kelurahan ')}"
    return [_lead("LURAH", lurah, "pengawas", 9, "III/b", unit.name), _plk("PENATA-LO"), _plk("PENGADM")]


def _health_center(unit: UnitSeed) -> list[PositionSeed]:  # puskesmas: 1 + 2 + 1 + 5 + 2 + 1 persons
    return [
        _lead("KAPUS", f"Kepala {unit.name}", "administrator", 11, "III/c", unit.name),
        _jf("DOKTER", "Dokter", "ahli_pertama"), _jf("PERAWAT", "Perawat", "ahli_pertama", 0.25),
        _jf("PERAWAT", "Perawat", "terampil"), _jf("BIDAN", "Bidan", "terampil"), _plk("PENGADM"),
    ]


def _hospital(unit: UnitSeed) -> list[PositionSeed]:
    return [
        _lead("DIREKTUR", f"Direktur {unit.name}", "jpt_pratama", 14, "IV/b", unit.name),
        _jf("DOKTER", "Dokter", "ahli_muda", 2.0), _jf("DOKTER", "Dokter", "ahli_pertama", 3.0),
        _jf("PERAWAT", "Perawat", "ahli_pertama"), _jf("PERAWAT", "Perawat", "mahir"),
        _jf("PERAWAT", "Perawat", "terampil", 4.0), _jf("BIDAN", "Bidan", "terampil", 3.0),
        _jf("APT", "Apoteker", "ahli_pertama"), _plk("PENGADM", 2.0), _plk("OPERATOR-LO", 2.0),
    ]


def _school(unit: UnitSeed) -> list[PositionSeed]:
    """Teachers (Guru, JF keahlian) — the largest group of a city's civil servants."""
    size = 1.5 if unit.name.startswith("SMP") else 1.0
    return [
        _jf("GURU", "Guru", "ahli_muda", 4.0 * size), _jf("GURU", "Guru", "ahli_pertama", 5.0 * size),
        _plk("PENGADM"),
    ]


def _technical_unit(unit: UnitSeed) -> list[PositionSeed]:
    if unit.parent_code == "DISDIK":
        return _school(unit)
    jf = "Pranata Laboratorium Kesehatan" if unit.parent_code == "DINKES" else "Penguji Kendaraan Bermotor"
    return [
        _lead("KEPALA", f"Kepala {unit.name}", "pengawas", 9, "III/b", unit.name),
        _jf("TEKNIS", jf, "terampil", 2.0), _plk("PENATA-LO"), _plk("OPERATOR-LO"),
    ]


_BY_KIND = {
    "secretariat": _secretariat, "agency": _opd_head, "office": _opd_head, "inspectorate": _inspectorate,
    "district": _district, "subdistrict": _subdistrict, "health_center": _health_center,
    "hospital": _hospital, "division": _division, "technical_unit": _technical_unit,
    "section": lambda u: [
        _lead("KEPALA", f"Kepala {u.name}", "pengawas", 9, "III/b", u.name), _plk("PENGADM")],
}


def positions_for(unit: UnitSeed) -> list[PositionSeed]:
    """The demo position slots of ``unit`` (empty for the ``other`` root). Code suffixes are unique per unit;
    the full position code is meant to be ``f"{unit.code}.{seed.code_suffix}"``."""
    builder = _BY_KIND.get(unit.kind)
    return builder(unit) if builder else []
