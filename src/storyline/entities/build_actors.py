"""Build `actors.tsv`, the named actors derived from PETRARCH2's actor dictionaries.

    .venv/bin/python -m storyline.entities.build_actors [../shared/reference/petrarch2]

PETRARCH2's three actor files name the people and organisations event data is about, each
with a CAMEO code: office holders by country with the dates of their offices
("ABDELAZIZ_BOUTEFLIKA_ [DZAGOV >990427]"), ministries and institutions ("KREMLIN_ [RUSGOV]"),
international bodies and their officials ("KOFI_ANNAN_ [IGOUNO 970101-061231]") and armed
non-state groups ("HAMAS_ [PSEREB]"). We keep each name and synonym with the country its code
gives (the three-letter country, or UNO, EUR, IGO, NGO, IMG as `events/sectors.py`
writes them) and the sector of its latest office. Country names, cities and demonyms are left
out: the gazetteer has them. A person's sector is what they were when the dictionary stopped
(2014): it tells a title-less name's side, not today's office, so `actors.py` reads only the
country; a lone surname ("SUHARTO", or a name's last word) is looked up only with a title
(`known.named_actor`).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .petrarch import FOLDER, HERE, SECTORS, notice

FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
TABLE = HERE / "actors.tsv"
NOTICE = notice("Named actors", "actor dictionaries, " + ", ".join(FILES), "entities/build_actors.py",
                "name<TAB>country<TAB>sector<TAB>kind (person or org)")  # fmt: skip
# CAMEO's own codes for countries that ISO writes otherwise, or that are gone (their successor).
LEGACY = {"TMP": "TLS", "KSV": "XKX", "ANG": "AGO", "DDR": "DEU", "USR": "RUS", "SUN": "RUS", "YUG": "SRB",
          "FRY": "SRB", "CSK": "CZE"}  # fmt: skip
_CODE = re.compile(r"\[([A-Z]{3,})(?:\s+([<>]?\d{6,8})(?:-(\d{6,8}))?)?\s*\]")
# Titles PETRARCH2 writes into a synonym ("PRESIDENT_VLADIMIR_PUTIN"): the name without them
# is already there; a synonym that starts with one is dropped.
_TITLED = re.compile(r"^(?:PRESIDENT|PRIME_MINISTER|KING|QUEEN|GENERAL|SECRETARY|MINISTER|SHEIKH|FORMER)_")


# The words of an armed group's name, not a person's: IMG blocks list a group's leaders and
# members beside it and in its synonyms, mostly with no dates ("AL_QA'IDA", then
# "OSAMA_BIN_LADEN_", both [IMGMUSALQ]), so for them each name tells a group from a person.
_GROUP = re.compile(
    r"\b(?:organi[sz]ation|brigades?|council|front|army|force|federation|group|battalion|division|"
    r"movement|network|company|mujahide+n|mujahiden|kumpulan|islamic|islamiy?ah?|islamiah|islami|"
    r"jamaah|jemaah|lashkar|laskar|harkat|harakut|sayyaf|qa'?e?da|qa'?i'?dah?|isis|isil|da'?e?i*sh|jklf|daash|"
    r"jihad|tawhid|struggle|operatives|offshoot|affiliated|aqi)\b"
)


_ARMED = ("REB", "INS", "TER", "UAF", "")


def _qualified_group(codes: list[tuple[str, str, str]]) -> bool:
    """An IMG code with a region or faith after it ("IMGMUSALQ", "IMGSEAMUSJMA")."""
    return any(code[:3] == "IMG" and code[3:6] not in _ARMED for code, _, _ in codes)


def derive(texts: dict[str, str], countries) -> dict[str, tuple[str, str, str]]:
    """name -> (country, sector, kind) from the actor files' texts (file name -> text); `countries`
    are the ISO codes a code's first three letters must be to count as a country."""
    out: dict[str, tuple[str, str, str]] = {}
    groups: dict[str, tuple[str, str, str]] = {}  # read after the rest: a country's own code wins
    for name, text in texts.items():
        for names, codes in _records(text):
            found = _resolve(codes, countries)
            if found is None:
                continue
            country, sector = found
            if _qualified_group(codes):
                for phrase in names:  # the block lists a group's members beside it, mostly undated
                    groups.setdefault(phrase, (country, sector, "org" if _GROUP.search(phrase) else "person"))
                continue
            kind = "person" if any(start or end for _, start, end in codes) else "org"  # offices have dates
            if name.startswith("Phoenix.Countries") and not sector:
                continue  # a country's own name, cities and demonyms: the gazetteer's
            for phrase in names:
                out.setdefault(phrase, (country, sector, kind))
    for phrase, actor in groups.items():
        out.setdefault(phrase, actor)
    return dict(sorted(out.items()))


def _records(text: str):
    """(names, codes) per record: its primary phrase and '+' synonyms, and every [code dates]."""
    names: list[str] = []
    codes: list[tuple[str, str, str]] = []
    for raw in text.splitlines():
        line = re.split(r"\s[#;]|^#", raw, maxsplit=1)[0].rstrip()
        if not line.strip():
            continue
        if line[0] in " \t" or line.lstrip().startswith("["):
            codes.extend(_codes(line))
            continue
        if line.startswith("+"):
            phrase = _phrase(line[1:])
            if phrase:
                names.append(phrase)
            codes.extend(_codes(line))
            continue
        if names:
            yield names, codes
        names, codes = [], []
        phrase = _phrase(line)
        if phrase:
            names.append(phrase)
        codes.extend(_codes(line))
    if names:
        yield names, codes


def _phrase(line: str) -> str | None:
    head = line.split("[", 1)[0].strip()
    if "(" in head:
        head = _without_acronym(head)
    if head.startswith("THE_"):  # "THE_ISLAMIC_STATE" as news writes it; not "THE_FOUNDATION"
        head = head[4:] if "_" in head[4:].strip("_") else ""
    if not head or any(c in head for c in "&{}()!$%") or _TITLED.match(head):
        return None
    return " ".join(w for w in head.replace("_", " ").lower().split())


def _without_acronym(head: str) -> str:
    """"IRISH_REPUBLICAN_ARMY_(IRA)_" without its acronym: a gloss of up to six letters that
    starts as the name does. Any other gloss ("NATIONAL_FRONT_(GREECE)_", "RED_FLAG_(VENEZUELA)_")
    says the name alone is ambiguous: "" then, and so for a name of one word."""
    match = re.fullmatch(r"([A-Z][A-Z'_-]*?)_?\(([A-Z.-]{2,8})\)_?", head)
    if match is None:
        return ""
    name, gloss = match.group(1).strip("_"), match.group(2).replace(".", "").replace("-", "")
    if len(gloss) > 6 or gloss[0] != name[0] or "_" not in name:
        return ""
    return name


def _codes(line: str) -> list[tuple[str, str, str]]:
    return [(m.group(1), m.group(2) or "", m.group(3) or "") for m in _CODE.finditer(line)]


def _resolve(codes: list[tuple[str, str, str]], countries: set[str]) -> tuple[str, str] | None:
    """The country and sector of a record's latest code: the one dated last, else the default."""
    if not codes:
        return None

    def when(code: tuple[str, str, str]) -> str:
        start, end = code[1].lstrip("<>"), code[2]
        latest = end or start
        if code[1].startswith(">") or not latest:
            latest = "99999999" if code[1].startswith(">") else "00000000"
        return latest if len(latest) == 8 else ("19" if latest[:2] > "30" else "20") + latest

    code = max(codes, key=when)[0]
    head, rest = code[:3], code[3:]
    head = LEGACY.get(head, head)
    if head == "IGO":
        return ("UNO" if rest.startswith("UNO") else "EUR" if rest.startswith(("EUR", "EEC")) else "IGO"), "GOV"
    if head == "NGO":
        return "NGO", "SOC"
    if head == "INT" or head == "IMG":
        if rest[:3] in _ARMED or head == "IMG":  # IMG: whatever region or faith code follows
            return "IMG", "REB"
        return None
    if head not in countries:
        return None
    return head, SECTORS.get(rest[:3], "")


class _Countries:
    """The ISO codes the gazetteer names, as a set for `derive`."""

    def __init__(self, name_of):
        self._name_of = name_of

    def __contains__(self, code: str) -> bool:
        return self._name_of(code) is not None


def main(argv: list[str]) -> int:
    from . import gazetteer

    folder = Path(argv[0]) if argv else FOLDER
    texts = {name: (folder / name).read_text(encoding="utf-8", errors="replace") for name in FILES}
    table = derive(texts, _Countries(gazetteer.country_name))
    TABLE.write_text(NOTICE + "".join(f"{n}\t{c}\t{s}\t{k}\n" for n, (c, s, k) in table.items()), encoding="utf-8")
    print(f"{len(table)} names -> {TABLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
