"""Who an actor is, by sector: PLOVER's sector codes (GOV, MIL, REB, ...) from the words of a
title or a noun phrase, and the international non-state codes (UNO, EUR, IGO, NGO, IMG) from an
organisation's name. Written from the codebook's "Country Names and Sector Codes" chapter.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..entities.gazetteer import fold
from ..entities.petrarch import rows

# Word → sector, first match in a phrase wins from its head (last word) backwards.
_SECTOR_WORDS = """
GOV: president presidency premier prime minister ministers ministry government governments cabinet
     administration official officials authorities authority spokesman spokeswoman spokesperson
     secretary chancellor king queen emperor sultan emir monarch leader leaders regime state
     governor mayor ambassador envoy diplomat diplomats embassy consulate foreign delegation
     delegations negotiator negotiators kremlin white_house downing_street junta council
MIL: army armies military troops troop soldiers soldier forces force navy naval air_force
     airforce general generals commander commanders officer officers marines paratroopers
     helicopters tanks jets warplanes defence defense
COP: police policemen policeman gendarmes gendarmerie security
JUD: court courts judge judges tribunal prosecutor prosecutors judiciary
LEG: parliament parliamentary lawmakers lawmaker legislators legislature senate senator senators
     congress congressman assembly deputies mps mp
PTY: party parties
OPP: opposition dissidents dissident
REB: rebels rebel insurgents insurgent guerrillas guerrilla militants militant separatists
     fighters mujahideen
PRM: militia militias militiamen paramilitary paramilitaries
UAF: gunmen gunman assailants attackers
SPY: intelligence spy spies agents
CVL: protesters protestors demonstrators activists activist civilians civilian residents
     villagers people citizens crowd crowds supporters youths
EDU: students student university school teachers
JRN: journalist journalists newspaper newspapers media reporters television radio agency
LAB: workers union unions labor labour employees miners
BUS: company companies firm firms business businesses bank banks businessman businessmen corporation
MED: doctors doctor hospital hospitals physicians nurses
REF: refugees refugee displaced migrants asylum-seekers
REL: church bishop archbishop cleric clerics imam priest priests pope clergy mosque
AGR: farmers farmer peasants peasant
CRM: criminals criminal gang gangs smugglers traffickers
ELI: former ex-president
"""
SECTOR_OF: dict[str, str] = {}
for _line in re.split(r"\n(?=[A-Z]{3}:)", _SECTOR_WORDS.strip()):
    _code, _words = _line.split(":", 1)
    for _w in _words.split():
        SECTOR_OF.setdefault(_w.replace("_", " "), _code)
# then the words derived from PETRARCH2's agents dictionary (build_agents.py): ours keep theirs
for _w, _code in rows(Path(__file__).with_name("agents.tsv")):
    SECTOR_OF.setdefault(_w, _code)

# International non-state actors (PLOVER's country field): name fragments → code.
_INTERNATIONAL = {
    "UNO": ("united nations", "u.n.", "un", "unhcr", "unicef", "security council", "unesco",
            "world food programme", "world health organization", "iaea", "unrwa", "general assembly",
            "world body", "unmik"),
    "EUR": ("european union", "eu", "european commission", "european parliament", "european community",
            "ec", "common market", "european economic community", "eec"),
    "IGO": ("nato", "african union", "arab league", "opec", "asean", "osce", "world bank",
            "imf", "international monetary fund", "icc", "international criminal court",
            "interpol", "g7", "g8", "g20", "ecowas", "commonwealth", "council of europe",
            "organization of american states", "gulf cooperation council", "red cross",
            "war crimes court", "war crimes tribunal", "international court of justice",
            "wto", "world trade organization", "international labour organization",
            "international labor organization", "international labour office", "international labor office",
            "ilo", "organisation of american states", "organization for security and cooperation in europe",
            "organization of african unity", "oau", "ecomog", "contact group", "mercosur", "paris club",
            "warsaw pact", "kfor", "sfor", "ifor", "gcc", "ebrd", "non-aligned movement", "g-7", "g-8",
            "group of seven", "multinational force", "international force", "regional peacekeeping force",
            "international peacekeepers", "international peacekeeping force"),
    "NGO": ("amnesty international", "human rights watch", "physicians for human rights",
            "doctors without borders", "medecins sans frontieres", "msf", "oxfam",
            "greenpeace", "reporters without borders", "save the children"),
    "IMG": ("al-qaeda", "al qaeda", "al-qaida", "islamic state", "isis", "isil", "daesh",
            "boko haram", "al-shabab", "al-shabaab"),
}  # fmt: skip
_INTERNATIONAL_PATTERN = {
    code: re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")
    for code, names in _INTERNATIONAL.items()
}
# Which sector the non-state codes imply.
INTERNATIONAL_SECTOR = {"UNO": "GOV", "EUR": "GOV", "IGO": "GOV", "NGO": "SOC", "IMG": "REB"}


def sector_of(words: str) -> str | None:
    """The sector code a title or noun phrase shows ("Defense Minister" → GOV, "Burundian
    militiamen" → PRM, "former President" → ELI), or None."""
    tokens = [fold(t) for t in re.findall(r"[\w'’.-]+", words)]
    if any(t in ("former", "ex-president", "ousted", "exiled") for t in tokens):
        return "ELI"
    text = " ".join(tokens)
    for phrase in ("white house", "downing street", "air force", "security forces", "security council"):
        if phrase in text:
            return "MIL" if phrase == "security forces" else ("GOV" if phrase != "air force" else "MIL")
    for token in reversed(tokens):
        code = SECTOR_OF.get(token.rstrip("."))
        if code is not None and code != "ELI":
            return code
    return None


def international_code(name: str) -> str | None:
    """PLOVER's non-state code for an organisation's name ("U.N. Security Council" → UNO,
    "NATO" → IGO, "al-Qaeda" → IMG), or None."""
    text = fold(name)
    for code in ("IMG", "NGO", "EUR", "UNO", "IGO"):
        if _INTERNATIONAL_PATTERN[code].search(text):
            return code
    return None
