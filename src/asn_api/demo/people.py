"""Deterministic generator of invented civil servants for the Kota Binjai demo data set.

Every person is invented: names are random combinations of common given names and family (marga) names of
North Sumatra (Batak Karo, Toba, Mandailing/Angkola, Malay, Javanese, Chinese-Indonesian). Names of known
officials and public figures are blocked. NIP follows ``domain.md`` §7.1/§7.2, NIK follows §7.3, ranks follow
§6.1/§6.2 (education ceilings are plausible demo values [U]). Emails use the reserved ``.example`` TLD.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from asn_api.demo.binjai_units import KECAMATAN
from asn_api.domain.nik import build_nik
from asn_api.domain.nip import build_nip
from asn_api.domain.ranks import PNS_RANKS

REFERENCE_DATE = date(2026, 1, 1)  # "today" of the demo data set
EMAIL_DOMAIN = "binjaikota.go.id.example"

EDUCATION_LEVELS = ("sd", "smp", "sma", "d1", "d2", "d3", "d4", "s1", "s2", "s3")
_EDU_WEIGHTS = (1, 2, 24, 2, 2, 15, 5, 38, 10, 1)
_EDU_MIN_AGE = {"sd": 19, "smp": 19, "sma": 19, "d1": 20, "d2": 21, "d3": 22, "d4": 23, "s1": 23,
                "s2": 26, "s3": 30}
# PNS entry rank and regular ceiling by education (ceilings [U]); PPPK entry grade (domain.md §6.2 [S]).
_PNS_ENTRY = {"sd": "I/a", "smp": "I/c", "sma": "II/a", "d1": "II/a", "d2": "II/b", "d3": "II/c",
              "d4": "III/a", "s1": "III/a", "s2": "III/b", "s3": "III/c"}
_PNS_CEILING = {"sd": "II/b", "smp": "II/d", "sma": "III/b", "d1": "III/b", "d2": "III/b", "d3": "III/c",
                "d4": "III/d", "s1": "IV/a", "s2": "IV/b", "s3": "IV/d"}
_PPPK_ENTRY = {"sd": ("I", "II", "III"), "smp": ("IV",), "sma": ("V",), "d1": ("V",), "d2": ("VI",),
               "d3": ("VII",), "d4": ("IX",), "s1": ("IX", "IX", "IX", "X"), "s2": ("X", "XI"),
               "s3": ("XI", "XII")}
EMPLOYMENT_TYPES = ("pns", "cpns", "pppk", "pppk_paruh_waktu")
_EMPLOYMENT_WEIGHTS = (70, 5, 20, 5)


@dataclass(frozen=True, slots=True)
class PersonSeed:
    full_name: str
    front_title: str | None
    back_title: str | None
    gender: str  # male | female
    birth_date: date
    birth_place: str
    employment_type: str  # pns | cpns | pppk | pppk_paruh_waktu
    civil_service_start: date
    education_level: str
    rank: str
    nip: str
    nik: str
    phone: str
    address: str
    email: str


def _l(text: str) -> tuple[str, ...]:
    """Comma-separated list → tuple (keeps the name tables compact)."""
    return tuple(w.strip() for w in text.split(",") if w.strip())


@dataclass(frozen=True, slots=True)
class _NameGroup:
    weight: int
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]  # marga/surname; empty → a second given name from _SECOND
    places: tuple[str, ...]  # typical birth places


_CHRISTIAN_M = ("Andreas, Benny, Daniel, Efendi, Ferdinand, Hendrik, Jansen, Kristian, Leo, Martin, "
                "Natanael, Petrus, Robert, Sabar, Teguh, Yosua, Ronald, Darwin, Frans, ")
_CHRISTIAN_F = ("Agustina, Betty, Debora, Elisabet, Feronika, Grace, Helena, Irene, Juliana, Kristina, "
                "Lidia, Maria, Nova, Rosalina, Sartika, Veronika, Yohana, Melva, ")
_GROUPS: dict[str, _NameGroup] = {
    "karo": _NameGroup(
        20, _l(_CHRISTIAN_M + "Sentosa, Jaya, Rahmat, Sahrun, Mulianta"),
        _l(_CHRISTIAN_F + "Rosmawati, Ngalemisa, Sri Ulina, Tioria"),
        _l("Ginting, Sembiring, Tarigan, Perangin-angin, Karo-karo, Sitepu, Barus, Bangun, Sinulingga, "
           "Surbakti, Kaban, Meliala, Brahmana, Pelawi, Sebayang, Depari, Keliat"),
        _l("Kabanjahe, Berastagi, Binjai, Medan, Deli Serdang")),
    "toba": _NameGroup(
        15, _l(_CHRISTIAN_M + "Parulian, Martua, Jonner, Binsar, Togar, Marihot, Poltak, Sahat, Tumpal, "
               "Bonar, Manahan, Lamhot, Tigor, Hisar"),
        _l(_CHRISTIAN_F + "Tiurma, Rosmaida, Lamria, Dame, Romauli, Sondang, Hotnida, Erlina, Rumondang, "
           "Masniari, Lusiana, Herlina, Marlina, Taruli, Friska"),
        _l("Simanjuntak, Sitompul, Hutapea, Simatupang, Pardede, Situmorang, Sinaga, Manurung, Panjaitan, "
           "Pasaribu, Silalahi, Hutagalung, Napitupulu, Siahaan, Damanik, Saragih, Sihombing, Simbolon"),
        _l("Tarutung, Balige, Pematangsiantar, Medan, Binjai, Sibolga")),
    "mandailing": _NameGroup(
        20, _l("Ahmad, Muhammad, Rizki, Fauzi, Syahrial, Irwan, Zulfikar, Ikhsan, Rahmat, Hamdani, Ridwan, "
               "Syafrizal, Arif, Khairul, Taufik, Maulana, Fadli, Iqbal, Hafiz, Aswin"),
        _l("Nurhalimah, Siti, Fitriani, Nurhayati, Rahmawati, Khairunnisa, Aisyah, Nurul, Maya, Rizka, "
           "Annisa, Yusnita, Zahara, Sakinah, Lailan, Hafsah, Mardiah, Nurlela"),
        _l("Nasution, Lubis, Harahap, Siregar, Daulay, Rangkuti, Pulungan, Hasibuan, Ritonga, Batubara, "
           "Matondang, Dalimunthe, Hutasuhut, Pohan"),
        _l("Padang Sidempuan, Panyabungan, Medan, Binjai, Kisaran, Rantau Prapat")),
    "melayu": _NameGroup(
        15, _l("Syahrul, Zulkarnain, Azhar, Rusli, Khairil, Syamsul, Fadhil, Faisal, Hendri, Ismail, Razali, "
               "Saiful, Yusri, Zainal, Darmawan, Mahyudin"),
        _l("Nurul, Rahmadani, Syafitri, Wardah, Rosnah, Suryani, Zuraidah, Nurainun, Hasnah, Juliani, "
           "Rosmini, Salbiah"),
        (), _l("Binjai, Stabat, Tanjung Pura, Medan, Langkat, Tebing Tinggi")),
    "jawa": _NameGroup(
        25, _l("Agus, Budi, Eko, Dwi, Tri, Bambang, Hadi, Wahyu, Slamet, Heru, Yudi, Sigit, Rudi, Adi, Bayu, "
               "Dimas, Fajar, Arief, Iwan"),
        _l("Sri, Endang, Rini, Dwi, Tri, Puji, Sumarni, Ratna, Wulan, Yuni, Ani, Dian, Eka, Indah, Tutik"),
        (), _l("Binjai, Medan, Deli Serdang, Langkat, Tebing Tinggi, Pematangsiantar")),
    "tionghoa": _NameGroup(
        5, _l("Hendra, Kevin, Felix, Vincent, Steven, Wilson, Jimmy, Rudy, Andi"),
        _l("Lily, Susanti, Melinda, Yenny, Linda, Cindy, Stella, Vivian, Sherly, Meiliana"),
        _l("Wijaya, Halim, Gunawan, Tanuwijaya, Kusuma, Setiadi, Lim, Tan, Sutanto, Lie, Hadinata"),
        _l("Binjai, Medan")),
}
_GROUP_NAMES = tuple(_GROUPS)
_GROUP_WEIGHTS = tuple(g.weight for g in _GROUPS.values())
_SECOND = {  # second names for groups without a family name (Malay, Javanese)
    ("melayu", "male"): _l("Amri, Effendi, Rahman, Hakim, Syahputra, Saputra, Azmi, Fahmi"),
    ("melayu", "female"): _l("Aini, Syahfitri, Hayati, Wahyuni, Rahmah, Ramadhani, Fadhilah, Putri"),
    ("jawa", "male"): _l("Santoso, Prasetyo, Setiawan, Wibowo, Susanto, Hidayat, Purnomo, Saputro, Nugroho, "
                         "Kurniawan, Sutrisno, Wijayanto, Pratama, Suryadi"),
    ("jawa", "female"): _l("Lestari, Wahyuni, Rahayu, Handayani, Utami, Kurniawati, Susilowati, Rahmawati, "
                           "Purwanti, Astuti, Pratiwi, Anggraini, Wulandari, Safitri"),
}
# Safety net: never emit a name containing the name of a known official or public figure.
_BLOCKED = _l(
    "amir hamzah, juliadi, idaham, ali umri, timbas, yunanda, hasanul, bobby nasution, akhyar nasution, "
    "darmin nasution, luhut, sri mulyani, joko widodo, akbar tanjung, adam malik, edy rahmayadi, rahudman, "
    "ruhut, hotman, hendra gunawan, steven halim, martin manurung, sondang hutagalung, efendi simbolon, "
    "binsar panjaitan, arief hidayat, wahyu setiawan, sri wahyuni, endang rahayu, taufik hidayat, "
    "hendra setiawan, budi gunawan, rudy hartono, susi susanti, adi hidayat, abdul somad, ustadz, "
    "anies baswedan, prabowo, gibran, ridwan kamil, ganjar pranowo, mahfud, erick thohir, sandiaga"
)
_STREETS = _l(
    "Jenderal Sudirman, Gatot Subroto, Samanhudi, Ahmad Yani, Diponegoro, Imam Bonjol, Sultan Hasanuddin, "
    "Perintis Kemerdekaan, Veteran, Pattimura, Cut Nyak Dien, Teuku Umar, W.R. Supratman, Pemuda, Melati, "
    "Mawar, Kenanga, Flamboyan, Cempaka, Sei Bingai, Sei Wampu, Danau Toba, Bukit Barisan, Padang"
)
_PHONE_PREFIXES = _l("0811, 0812, 0813, 0821, 0822, 0852, 0853, 0857, 0878, 0896")
_BACK_S1 = _l("S.E., S.H., S.Sos., S.Pd., S.Kom., S.T., S.Kep., S.K.M., S.I.P., S.Ak., S.P.")
_BACK_S2 = _l("M.Si., M.M., M.H., M.Pd., M.Kes., M.A.P., M.T.")
_BACK_D3 = _l("A.Md., A.Md.Kep., A.Md.Kes., A.Md.Ak., A.Md.Kom.")
_BACK_D4 = _l("S.Tr.Kes., S.ST., S.Tr.A.P., S.Tr.Keb.")


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def _from_month_index(i: int) -> date:
    return date(i // 12, i % 12 + 1, 1)


def _nip(birth: date, start: date, employment_type: str, gender: str, used: set[str]) -> str:
    """NIP or NI PPPK from the domain builder, the sequence bumped until unique."""
    for seq in range(1, 1000):
        nip = build_nip(birth, gender, employment_type=employment_type, appointment=start, sequence=seq)
        if nip not in used:
            used.add(nip)
            return nip
    raise ValueError(f"NIP sequence exhausted for {birth} {start}")


def _nik(region_code: str, birth: date, gender: str, used: set[str]) -> str:
    """NIK from the domain builder, the sequence bumped until unique."""
    for seq in range(1, 10000):
        nik = build_nik(birth, gender, region_code=region_code, sequence=seq)
        if nik not in used:
            used.add(nik)
            return nik
    raise ValueError(f"NIK sequence exhausted for {region_code} {birth}")


def _name(rng: random.Random, gender: str) -> tuple[str, str, str, tuple[str, ...]]:
    """(full name, first name, last name, birth places of the group)."""
    while True:
        group = rng.choices(_GROUP_NAMES, _GROUP_WEIGHTS)[0]
        g = _GROUPS[group]
        males, females, families, places = g.male, g.female, g.family, g.places
        given = rng.choice(males if gender == "male" else females)
        first = given.split()[0]
        if families:
            last = rng.choice(families)
            if group == "mandailing" and rng.random() < 0.3:
                given = f"{given} {rng.choice(males if gender == 'male' else females)}"
            batak_woman = gender == "female" and group in ("karo", "toba") and rng.random() < 0.6
            full = f"{given} br. {last}" if batak_woman else f"{given} {last}"
        else:
            last = rng.choice(_SECOND[(group, gender)])
            full = f"{given} {last}"
        words = full.split()
        if len(set(words)) == len(words) and not any(b in full.lower() for b in _BLOCKED):
            return full, first, last, places


def _titles(rng: random.Random, edu: str, birth: date, gender: str) -> tuple[str | None, str | None]:
    if edu == "s3":
        return "Dr.", f"{rng.choice(_BACK_S1)}, {rng.choice(_BACK_S2)}"
    if edu == "s2":
        if rng.random() < 0.1:
            return "dr.", "M.Kes."
        return None, f"{rng.choice(_BACK_S1)}, {rng.choice(_BACK_S2)}"
    if edu == "s1":
        roll = rng.random()
        if roll < 0.07:
            return "dr.", None
        if birth.year <= 1972 and roll < 0.3:
            return ("Drs." if gender == "male" else "Dra."), None
        if birth.year <= 1972 and roll < 0.35:
            return "Ir.", None
        return None, rng.choice(_BACK_S1)
    if edu == "d4":
        return None, rng.choice(_BACK_D4)
    if edu == "d3":
        return None, rng.choice(_BACK_D3 + (("A.Md.Keb.",) if gender == "female" else ()))
    return None, None


def _pns_rank(rng: random.Random, edu: str, start: date) -> str:
    service_years = max(0, age_on(start, REFERENCE_DATE))
    promotions = max(0, service_years - 1 - rng.randint(0, 2)) // 4
    entry = PNS_RANKS.index(_PNS_ENTRY[edu])
    # About 1 in 8 gets one step above the regular ceiling (selection promotion for a post or a JF level).
    ceiling = PNS_RANKS.index(_PNS_CEILING[edu]) + (rng.random() < 0.125)
    return PNS_RANKS[min(entry + promotions, ceiling)]


def _pppk_rank(rng: random.Random, edu: str) -> str:
    return rng.choice(_PPPK_ENTRY[edu])


def _random_birth(rng: random.Random, min_age: int, max_age: int) -> date:
    """A birth date such that the age on REFERENCE_DATE is between min_age and max_age."""
    latest = _add_years(REFERENCE_DATE, -min_age)
    earliest = _add_years(REFERENCE_DATE, -max_age - 1) + timedelta(days=1)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))


def _dates(rng: random.Random, kind: str, edu: str) -> tuple[date, date]:
    """(birth date, civil-service start) respecting the age rules of the brief."""
    lo = _EDU_MIN_AGE[edu]
    while True:
        if kind == "pns":
            birth = _random_birth(rng, lo + 2, 57)
            first = _month_index(_add_years(birth, lo)) + 1  # 1st of a month after the lo-th birthday
            turns_41 = _add_years(birth, 41)  # the 1st of turns_41's month is still at age 40 unless day == 1
            last = min(_month_index(turns_41) - (turns_41.day == 1), _month_index(date(2024, 12, 1)))
            if first > last:
                continue
            start = _from_month_index(min(last, int(rng.triangular(first, last + 1, first))))
        elif kind == "cpns":
            birth = _random_birth(rng, lo + 1, 35)
            start = date(2025, rng.choice((1, 4, 6, 7)), 1)
        else:
            year = 2025 if kind == "pppk_paruh_waktu" else rng.randint(2019, 2025)
            birth = _random_birth(rng, max(lo, 20) + (REFERENCE_DATE.year - year), 57)
            start = date(year, rng.randint(1, 12), rng.randint(1, 28))
            if start >= REFERENCE_DATE:
                continue
        limit = 40 if kind in ("pns", "cpns") else 57
        if max(lo, 19) <= age_on(birth, start) <= limit:
            return birth, start


def _ascii(word: str) -> str:
    return re.sub(r"[^a-z]", "", word.lower())


def generate_people(count: int, seed: int = 2026) -> list[PersonSeed]:
    """``count`` invented civil servants, identical for the same ``seed``.

    A longer list extends a shorter one with the same seed. NIPs, NIKs and emails are unique within the list.
    """
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    used_nip: set[str] = set()
    used_nik: set[str] = set()
    emails: dict[str, int] = {}
    people: list[PersonSeed] = []
    for _ in range(count):
        gender = "female" if rng.random() < 0.52 else "male"
        kind = rng.choices(EMPLOYMENT_TYPES, _EMPLOYMENT_WEIGHTS)[0]
        edu = rng.choices(EDUCATION_LEVELS, _EDU_WEIGHTS)[0]
        full_name, first, last, places = _name(rng, gender)
        birth, start = _dates(rng, kind, edu)
        front, back = _titles(rng, edu, birth, gender)
        rank = _pns_rank(rng, edu, start) if kind == "pns" else (
            _PNS_ENTRY[edu] if kind == "cpns" else _pppk_rank(rng, edu))
        kec = rng.choice(KECAMATAN)
        address = f"Jl. {rng.choice(_STREETS)} No. {rng.randint(1, 250)}, {rng.choice(kec.kelurahan)}, Binjai"
        birth_place = rng.choice(places) if rng.random() < 0.6 else rng.choice(("Binjai", "Medan", "Langkat"))
        phone = rng.choice(_PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        local = f"{_ascii(first)}.{_ascii(last)}"
        n = emails[local] = emails.get(local, 0) + 1
        email = f"{local}{n if n > 1 else ''}@{EMAIL_DOMAIN}"
        people.append(PersonSeed(
            full_name=full_name, front_title=front, back_title=back, gender=gender, birth_date=birth,
            birth_place=birth_place, employment_type=kind, civil_service_start=start, education_level=edu,
            rank=rank, nip=_nip(birth, start, kind, gender, used_nip),
            nik=_nik(kec.region_code, birth, gender, used_nik), phone=phone, address=address, email=email,
        ))
    return people
