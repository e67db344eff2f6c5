"""Named actors: the country (and sector) of a person or organisation the text names without
saying whose it is ("President Abdelaziz Bouteflika", "Hamas", "the Kremlin"), from the table
derived from PETRARCH2's actor dictionaries (actors.tsv, build_actors.py).

Armed groups and movements that PETRARCH2's dictionaries (2014) predate or leave without a
country come from `GROUPS` (written by us), after its own names.

Heads of state and of government in office since PETRARCH2's dictionaries that they lack
come from `LEADERS` (written by us), read as rows of the table. A surname that the table also
writes first, as Korean names are ("Kim" of "Kim Byong Il"), is no one country's.

News outlets and agencies, which PETRARCH2 does not list, come from `OUTLETS` (written by us): the
country an outlet is based in, as its sentences show the story's place instead ("Reuters
reported from Beijing").

A full name or an organisation's name is looked up as written. A lone surname ("President
Suharto") is looked up only with a title, and only when every office holder of that surname in
the table is of one country: "Mr Brown" in a story from anywhere is nobody's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..entities.gazetteer import fold
from .petrarch import rows

__all__ = ["BODIES", "INTERGOVERNMENTAL", "INTERNATIONAL", "LEADERS", "NamedActor", "group_name", "group_words", "named_actor", "outlet_country"]


# The codes a named actor of no one country has: international bodies (the UN, the EU, other
# intergovernmental bodies, NGOs), and those with armed groups across borders.
INTERGOVERNMENTAL = frozenset({"UNO", "EUR", "IGO"})
BODIES = INTERGOVERNMENTAL | {"NGO"}
INTERNATIONAL = BODIES | {"IMG"}


@dataclass(frozen=True)
class NamedActor:
    country: str  # ISO 3166 alpha-3, or UNO, EUR, IGO, NGO, IMG
    sector: str | None
    kind: str  # person or org


def named_actor(name: str, *, titled: bool = False) -> NamedActor | None:
    """The table's actor for a name, or None (see the module's rules for surnames)."""
    names, surnames = _tables()
    key = _key(name)
    found = names.get(key)
    if found is None and "-" in key:  # "Moon Jae-in", "Al-Shabaab": the table writes spaces
        key = key.replace("-", " ")
        found = names.get(key)
    if " " not in key and (found is None or found.kind == "person"):
        return (found or surnames.get(key)) if titled else None  # a lone name of a person
    return found


def group_name(name: str) -> bool:
    """Whether a name is one of `GROUPS`: written by us as names of nothing else, so even one
    word of them ("Houthis") is the group, whatever the model said."""
    return _key(name) in _group_keys()


@lru_cache(maxsize=1)
def _group_keys() -> frozenset[str]:
    return frozenset(_key(n) for _, _, aliases in GROUPS for n in aliases.split(";"))


def group_words() -> frozenset[str]:
    """The one-word names of `GROUPS`, lower-case ("houthis", "m23")."""
    return frozenset(k for k in _group_keys() if " " not in k)


def _key(name: str) -> str:
    return " ".join(fold(name).replace("’", "'").strip(".,'").split())


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, NamedActor], dict[str, NamedActor]]:
    names: dict[str, NamedActor] = {}
    by_surname: dict[str, set[str]] = {}
    first: dict[str, NamedActor] = {}
    leaders = [(_key(name), country, "GOV", "person") for country, aliases in LEADERS for name in aliases.split(";")]
    given: dict[str, set[str]] = {}  # a name's first word: "kim" of "kim byong il" is a Korean's surname
    for name, country, sector, kind in [*rows(Path(__file__).with_name("actors.tsv")), *leaders]:
        actor = NamedActor(country, sector or None, kind)
        names.setdefault(_key(name), actor)
        if kind == "person":
            surname = name.split()[-1]
            by_surname.setdefault(surname, set()).add(country)
            given.setdefault(name.split()[0], set()).add(country)
            first.setdefault(surname, actor)
    for country, sector, aliases in GROUPS:
        for name in aliases.split(";"):
            names.setdefault(_key(name), NamedActor(country, sector, "org"))
    surnames = {s: first[s] for s, countries in by_surname.items()
                if len(countries | given.get(s, set())) == 1 and len(s) > 2}  # fmt: skip
    return names, surnames


# Armed groups, militias and movements in the news since PETRARCH2's dictionaries (2014), or
# that they give only a region: (country, sector, names). Acronyms that are also words or
# other bodies' (ADF, IRA, RSF, HTS, SDF) are left out.
GROUPS = (
    ("YEM", "REB", "houthis;houthi;houthi rebels;houthi movement;houthi militia"),
    ("RUS", "MIL", "wagner group;wagner pmc;wagner mercenaries"),
    ("COD", "REB", "m23;m23 rebels;march 23 movement;allied democratic forces"),
    ("SYR", "REB", "hayat tahrir al-sham;hayat tahrir al sham;nusra front;al-nusra front;jabhat al-nusra"),
    ("SYR", "REB", "syrian democratic forces;people's protection units;ypg"),
    ("SDN", "REB", "rapid support forces;janjaweed"),
    ("ETH", "REB", "tigray people's liberation front;tplf;tigrayan forces"),
    ("IRQ", "PRM", "kataib hezbollah;popular mobilization forces;popular mobilisation forces"),
    ("UKR", "MIL", "azov regiment;azov battalion;azov brigade"),
    ("USA", "REB", "proud boys;oath keepers"),
    ("EGY", "OPP", "muslim brotherhood"),
    ("PSE", "PTY", "fatah"),
    ("CAF", "REB", "seleka;anti-balaka"),
    ("UGA", "REB", "lord's resistance army"),
    ("GBR", "REB", "irish republican army;provisional ira;real ira;new ira;continuity ira"),
    ("ESH", "REB", "polisario;polisario front"),
    ("MLI", "REB", "jnim;jama'at nusrat al-islam wal-muslimin"),
    ("NGA", "REB", "iswap;islamic state west africa province"),
    ("PAK", "REB", "tehrik-i-taliban pakistan;pakistani taliban;baloch liberation army"),
    ("MMR", "REB", "arakan army"),
    ("COL", "REB", "farc dissidents;clan del golfo;gulf clan"),
)

# Heads of state or government in office since 2014 whom PETRARCH2's table lacks: (country,
# full names as news writes them). Read as rows of the table (see the module's rules).
LEADERS = (
    ("USA", "donald trump;donald j. trump"),
    ("PRK", "kim jong-un;kim jong un;kim jong-eun"),
    ("KOR", "park geun-hye;yoon suk-yeol;yoon suk yeol;lee jae-myung;lee jae myung"),
    ("CHN", "li qiang"),
    ("GBR", "boris johnson;liz truss;rishi sunak;keir starmer"),
    ("FRA", "emmanuel macron"),
    ("DEU", "friedrich merz"),
    ("ITA", "giuseppe conte;matteo renzi"),
    ("ESP", "pedro sanchez;pedro sánchez"),
    ("CAN", "justin trudeau"),
    ("AUS", "scott morrison"),
    ("NZL", "jacinda ardern"),
    ("PAK", "shehbaz sharif"),
    ("BRA", "jair bolsonaro"),
    ("MEX", "claudia sheinbaum"),
    ("ARG", "mauricio macri;javier milei"),
    ("UKR", "volodymyr zelensky;volodymyr zelenskyy;volodymyr zelenskiy"),
    ("RUS", "mikhail mishustin"),
    ("BLR", "alexander lukashenko;alexander lukashenka"),
    ("ISR", "naftali bennett;yair lapid;isaac herzog"),
    ("SAU", "mohammed bin salman"),
    ("ARE", "mohammed bin zayed;mohamed bin zayed"),
    ("QAT", "tamim bin hamad al thani"),
    ("IRN", "ebrahim raisi;masoud pezeshkian;ali khamenei"),
    ("PHL", "rodrigo duterte"),
    ("THA", "prayut chan-o-cha;prayuth chan-ocha;srettha thavisin;paetongtarn shinawatra"),
    ("MMR", "min aung hlaing"),
    ("ETH", "abiy ahmed"),
    ("KEN", "william ruto"),
    ("NGA", "bola tinubu"),
    ("ZAF", "cyril ramaphosa"),
    ("IDN", "joko widodo;prabowo subianto"),
    ("MYS", "anwar ibrahim"),
    ("TWN", "lai ching-te"),
    ("KAZ", "kassym-jomart tokayev"),
    ("ARM", "nikol pashinyan"),
    ("KGZ", "sadyr japarov"),
    ("TUN", "kais saied"),
    ("POL", "andrzej duda;mateusz morawiecki"),
)

# News agencies and outlets news cites most, by the country they are based in (written by us;
# names that are also common words or people, such as ABC, Bloomberg or Dawn, are left out).
OUTLETS = {
    **dict.fromkeys("""reuters;bbc;bbc news;sky news;guardian;financial times;economist;telegraph;
        daily telegraph;independent;daily mail;itv news;channel 4 news""".split(";"), "GBR"),
    **dict.fromkeys("""associated press;ap;cnn;msnbc;fox news;nbc;nbc news;cbs;cbs news;abc news;npr;pbs;
        new york times;wall street journal;washington post;usa today;los angeles times;politico;axios;
        huffington post;huffpost;buzzfeed news;business insider;breitbart;breitbart news;the hill;vox;
        propublica;newsweek;time magazine;bloomberg news;voice of america;cnbc;the atlantic;new york post;
        chicago tribune;boston globe;npr news""".split(";"), "USA"),
    **dict.fromkeys("afp;agence france-presse;agence france presse;le monde;le figaro;france 24;euronews;"
                    "liberation".split(";"), "FRA"),
    **dict.fromkeys("dpa;deutsche welle;der spiegel;spiegel;die zeit;frankfurter allgemeine".split(";"), "DEU"),
    **dict.fromkeys("xinhua;xinhua news agency;global times;china daily;cctv;people's daily".split(";"), "CHN"),
    **dict.fromkeys("tass;ria novosti;interfax;sputnik;rt;ria".split(";"), "RUS"),
    **dict.fromkeys("kyodo;kyodo news;nhk;asahi shimbun;yomiuri shimbun;nikkei".split(";"), "JPN"),
    **dict.fromkeys("yonhap;yonhap news agency;korea herald;korea joongang daily".split(";"), "KOR"),
    **dict.fromkeys("al jazeera".split(";"), "QAT"), **dict.fromkeys("al arabiya".split(";"), "ARE"),
    **dict.fromkeys("kcna;korean central news agency".split(";"), "PRK"),
    **dict.fromkeys("irna;tasnim;fars;press tv".split(";"), "IRN"),
    **dict.fromkeys("anadolu;anadolu agency;hurriyet;daily sabah".split(";"), "TUR"),
    **dict.fromkeys("ansa;corriere della sera;la repubblica".split(";"), "ITA"),
    **dict.fromkeys("efe;el pais;el país;el mundo".split(";"), "ESP"),
    **dict.fromkeys("haaretz;jerusalem post;times of israel;ynet".split(";"), "ISR"),
    **dict.fromkeys("times of india;the hindu;hindustan times;ndtv;press trust of india".split(";"), "IND"),
    **dict.fromkeys("south china morning post".split(";"), "HKG"),
    **dict.fromkeys("straits times".split(";"), "SGP"),
    **dict.fromkeys("sydney morning herald;abc australia;the australian".split(";"), "AUS"),
    **dict.fromkeys("cbc;cbc news;globe and mail;toronto star".split(";"), "CAN"),
    **dict.fromkeys("kyiv independent;ukrinform;unian;ukrainska pravda".split(";"), "UKR"),
    **dict.fromkeys("folha de s.paulo;o globo".split(";"), "BRA"),
    **dict.fromkeys("clarin;clarín".split(";"), "ARG"),
}


def outlet_country(name: str) -> str | None:
    """The country a news outlet or agency is based in ("Reuters": GBR, "The Hill": USA), or None."""
    return _outlets().get(_outlet_key(name))


def _outlet_key(name: str) -> str:
    key = _key(name)
    return key[4:] if key.startswith("the ") else key


@lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    """OUTLETS by the key a name is looked up with, so "The Hill" and a name that starts a line
    of the table are found as written."""
    return {_outlet_key(name): country for name, country in OUTLETS.items()}
