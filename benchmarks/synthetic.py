"""A deterministic synthetic news corpus, from a handful of articles up to millions.

Articles belong to stories: each story has a topic, a place, a few people (with titles and
nationalities), key numbers and a run of days; its articles share those entities and terms and
appear over that run. About fifty invented outlets each have their own boilerplate lines
(menus, share widgets, footers), which some outlets leave in their text, and some outlets
publish HTML pages instead of text. Lengths run from 300 to 1,200 words.

Articles are written one at a time, so memory stays flat however many are asked for. Article
number i depends only on the seed and i, never on how many articles were asked for.

    python benchmarks/synthetic.py --articles 10000 --out /tmp/news.jsonl
    python benchmarks/synthetic.py --articles 2000 --out /tmp/news --format files
    python benchmarks/synthetic.py --articles 1000000 --out /tmp/big.jsonl --seed 7

JSONL lines carry id, url, outlet, published, title, language and either `text` or `html`.
`--labels PATH` also writes one CSV line per article: id, story id, outlet, published.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

START = dt.date(2023, 1, 1)
ACTIVE_STORIES = 64  # stories running at once; output order interleaves them
STORIES_PER_DAY = 80  # about 400 articles a day: 10,000 articles span a month, 1,000,000 seven years
FILES_PER_FOLDER = 1000

COUNTRIES = [
    ("France", "Paris", "French"), ("Germany", "Berlin", "German"), ("Spain", "Madrid", "Spanish"),
    ("Italy", "Rome", "Italian"), ("Poland", "Warsaw", "Polish"), ("Netherlands", "Amsterdam", "Dutch"),
    ("Norway", "Oslo", "Norwegian"), ("Sweden", "Stockholm", "Swedish"), ("Turkey", "Ankara", "Turkish"),
    ("Greece", "Athens", "Greek"), ("Egypt", "Cairo", "Egyptian"), ("Kenya", "Nairobi", "Kenyan"),
    ("Nigeria", "Abuja", "Nigerian"), ("Ghana", "Accra", "Ghanaian"), ("South Africa", "Pretoria", "South African"),
    ("Ethiopia", "Addis Ababa", "Ethiopian"), ("Morocco", "Rabat", "Moroccan"), ("India", "New Delhi", "Indian"),
    ("Pakistan", "Islamabad", "Pakistani"), ("Indonesia", "Jakarta", "Indonesian"), ("Japan", "Tokyo", "Japanese"),
    ("South Korea", "Seoul", "South Korean"), ("Vietnam", "Hanoi", "Vietnamese"), ("Philippines", "Manila", "Filipino"),
    ("Australia", "Canberra", "Australian"), ("Canada", "Ottawa", "Canadian"), ("Mexico", "Mexico City", "Mexican"),
    ("Brazil", "Brasilia", "Brazilian"), ("Argentina", "Buenos Aires", "Argentine"), ("Chile", "Santiago", "Chilean"),
    ("Peru", "Lima", "Peruvian"), ("Colombia", "Bogota", "Colombian"),
]
CITIES = {
    "France": ["Lyon", "Marseille", "Lille"], "Germany": ["Hamburg", "Munich", "Leipzig"],
    "Spain": ["Seville", "Valencia", "Bilbao"], "Italy": ["Milan", "Naples", "Turin"],
    "Poland": ["Krakow", "Gdansk", "Wroclaw"], "Netherlands": ["Rotterdam", "Utrecht", "Groningen"],
    "Norway": ["Bergen", "Tromso", "Stavanger"], "Sweden": ["Gothenburg", "Malmo", "Uppsala"],
    "Turkey": ["Izmir", "Malatya", "Erzurum"], "Greece": ["Thessaloniki", "Patras", "Heraklion"],
    "Egypt": ["Alexandria", "Aswan", "Luxor"], "Kenya": ["Mombasa", "Kisumu", "Nakuru"],
    "Nigeria": ["Lagos", "Kano", "Ibadan"], "Ghana": ["Kumasi", "Tamale", "Takoradi"],
    "South Africa": ["Durban", "Cape Town", "Johannesburg"], "Ethiopia": ["Gondar", "Mekelle", "Hawassa"],
    "Morocco": ["Casablanca", "Fez", "Marrakesh"], "India": ["Mumbai", "Chennai", "Kolkata"],
    "Pakistan": ["Karachi", "Lahore", "Peshawar"], "Indonesia": ["Surabaya", "Medan", "Bandung"],
    "Japan": ["Osaka", "Sapporo", "Fukuoka"], "South Korea": ["Busan", "Incheon", "Daegu"],
    "Vietnam": ["Da Nang", "Hue", "Haiphong"], "Philippines": ["Cebu", "Davao", "Iloilo"],
    "Australia": ["Sydney", "Perth", "Brisbane"], "Canada": ["Toronto", "Vancouver", "Halifax"],
    "Mexico": ["Monterrey", "Puebla", "Oaxaca"], "Brazil": ["Recife", "Porto Alegre", "Manaus"],
    "Argentina": ["Cordoba", "Rosario", "Mendoza"], "Chile": ["Valparaiso", "Antofagasta", "Concepcion"],
    "Peru": ["Arequipa", "Cusco", "Trujillo"], "Colombia": ["Medellin", "Cali", "Cartagena"],
}
TITLES = [
    "Prime Minister", "Foreign Minister", "Finance Minister", "Interior Minister", "Health Minister",
    "Transport Minister", "Energy Minister", "Trade Minister", "Defence Minister", "Environment Minister",
    "central bank governor", "opposition leader", "mayor", "regional governor", "union leader",
    "police spokesperson", "government spokesperson", "chief executive", "chief negotiator", "senior judge",
]
FIRST = ["Ana", "Amir", "Lena", "Tomas", "Yuki", "Kofi", "Priya", "Marek", "Sofia", "Daniel", "Aisha", "Jonas",
         "Elif", "Mateo", "Nadia", "Oren", "Ines", "Kwame", "Mei", "Pavel", "Lucia", "Rahul", "Hana", "Felix",
         "Zainab", "Bruno", "Ingrid", "Tariq", "Clara", "Emeka", "Vera", "Hugo", "Leila", "Arjun", "Maren", "Diego"]
LAST_A = ["Kor", "Vel", "Dar", "Mon", "Sal", "Bren", "Tal", "Os", "Ver", "Lind", "Mar", "Cas", "Ren", "Hal",
          "Ak", "Bel", "Sor", "Ny", "Fen", "Gal"]
LAST_B = ["ova", "sen", "ez", "ani", "berg", "oglu", "ski", "ard", "ini", "ton", "ewa", "ado", "holm", "ic",
          "ura", "ley", "mann", "eto", "ander", "is"]

TOPICS = {
    "earthquake": dict(
        event="a magnitude {m} earthquake", verb="struck", nouns=["aftershocks", "rescue teams", "rubble", "epicentre", "seismologists", "collapsed buildings"],
        numbers=["killed {n} people", "injured {n2} people", "destroyed {n3} buildings"]),
    "flood": dict(
        event="severe flooding", verb="swept through", nouns=["river levels", "evacuation centres", "rainfall", "emergency crews", "sandbags", "farmland"],
        numbers=["killed {n} people", "forced {n3} families from their homes", "cut power to {n2} homes"]),
    "strike": dict(
        event="a strike by transport workers", verb="paralysed", nouns=["union", "wage talks", "picket lines", "employers", "mediator", "pay offer"],
        numbers=["involved {n3} workers", "cancelled {n2} services", "entered its {n}th day"]),
    "election": dict(
        event="a closely watched regional election", verb="was held in", nouns=["ballots", "turnout", "polling stations", "candidates", "coalition", "recount"],
        numbers=["drew {n}% turnout", "elected {n} councillors", "involved {n3} polling stations"]),
    "talks": dict(
        event="a round of trade talks", verb="opened in", nouns=["negotiators", "tariffs", "delegation", "framework deal", "quotas", "customs rules"],
        numbers=["covered {n} sectors", "lasted {n} hours", "involved {n} delegations"]),
    "rates": dict(
        event="a central bank rate decision", verb="surprised markets in", nouns=["inflation", "interest rates", "bond yields", "currency", "economists", "lending"],
        numbers=["cut rates by {d}0 basis points", "left inflation at {p}.{d}%", "moved the currency {d}.{p}%"]),
    "wildfire": dict(
        event="a fast-moving wildfire", verb="spread near", nouns=["firefighters", "water bombers", "evacuation orders", "smoke", "hectares", "wind"],
        numbers=["burned {n3} hectares", "destroyed {n2} homes", "forced {n3} people to leave"]),
    "mine": dict(
        event="a collapse at an underground mine", verb="trapped workers near", nouns=["rescue shaft", "miners", "mine operator", "ventilation", "inspectors", "families"],
        numbers=["trapped {n} miners", "reached a depth of {n3} metres", "involved {n2} rescuers"]),
    "court": dict(
        event="a landmark court ruling", verb="was handed down in", nouns=["judges", "appeal", "verdict", "lawyers", "constitution", "plaintiffs"],
        numbers=["was backed by {n} of the judges", "followed {n} years of hearings", "affects {n3} cases"]),
    "summit": dict(
        event="a regional summit on climate finance", verb="opened in", nouns=["delegates", "pledges", "adaptation fund", "communique", "development banks", "drought"],
        numbers=["drew delegations from {n} countries", "ended with pledges of ${p}.{d} billion", "lasted {n} days"]),
    "protest": dict(
        event="mass protests over fuel prices", verb="spread across", nouns=["demonstrators", "police", "fuel subsidies", "curfew", "organisers", "rallies"],
        numbers=["drew {n3} people", "led to {n2} arrests", "lasted {n} days"]),
    "rail": dict(
        event="a passenger train derailment", verb="happened near", nouns=["carriages", "investigators", "track", "rail operator", "passengers", "signals"],
        numbers=["killed {n} people", "injured {n2} passengers", "closed the line for {n} days"]),
}
FILLER = (
    "officials said the situation remained difficult . residents described a long night of uncertainty . "
    "the government promised a full review of what had happened . analysts said the coming weeks would be decisive . "
    "local media reported that schools and offices would stay closed . aid groups called for more support . "
    "the opposition criticised the response as slow . a spokesperson declined to comment further . "
    "the figures could change as more information becomes available . many people said they had seen nothing like it . "
    "international partners offered assistance . the authorities urged people to follow official guidance . "
    "critics said warnings had been ignored for years . business groups warned of wider economic damage . "
    "the issue is expected to dominate the parliamentary agenda . observers said trust in institutions had been shaken"
).split(" . ")
CHANNELS = ["said in a statement", "told a press conference", "told reporters", "wrote on Telegram",
            "said in a video posted on social media", "told the national broadcaster"]
QUOTES = [
    "We will not stop until the work is done", "Everyone deserves clear answers about what happened",
    "The next few days will show whether the plan holds", "This is not the time for politics",
    "Our first duty is the safety of our people", "We have asked for more time and we expect to get it",
    "Nobody should have to wait this long for help", "We are ready to talk to anyone who wants a solution",
    "The numbers speak for themselves", "We warned about this for years",
]


@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str
    html: bool  # publishes HTML pages rather than text
    keeps_boilerplate: bool  # its text still carries its menus and widgets
    boilerplate_top: tuple[str, ...]
    boilerplate_bottom: tuple[str, ...]


def make_outlets(seed: int, count: int = 50) -> list[Outlet]:
    rng = random.Random(f"outlets:{seed}")
    firsts = ["Harbor", "Valley", "Northern", "Eastbridge", "Lakeside", "Summit", "Riverside", "Coastal",
              "Central", "Pinecrest", "Westfield", "Highland", "Meadow", "Granite", "Silver", "Union", "Capital",
              "Southern", "Metro", "Frontier"]
    seconds = ["Ledger", "Observer", "Courier", "Daily", "Times", "Post", "Herald", "Review", "Gazette",
               "Dispatch", "Chronicle", "Tribune", "Wire", "Journal", "Bulletin"]
    outlets, seen = [], set()
    while len(outlets) < count:
        name = f"The {rng.choice(firsts)} {rng.choice(seconds)}"
        if name in seen:
            continue
        seen.add(name)
        slug = name.lower().replace("the ", "").replace(" ", "")
        menu = " | ".join(rng.sample(["Home", "World", "Business", "Sport", "Opinion", "Culture", "Climate", "Tech", "Podcasts"], 6))
        top = (name, menu, "Subscribe", rng.choice(["Search", "Sign in", "Log in | Register"]))
        bottom = (
            "Share this article: Facebook Twitter WhatsApp Email",
            rng.choice(["Sign up for our morning newsletter.", "Get the daily briefing in your inbox.", "Support independent journalism: subscribe today."]),
            "We use cookies to improve your experience. Accept",
            f"(c) 2025 {name}. All rights reserved.",
            f"Source: {slug}.example",
        )
        outlets.append(Outlet(name, slug + ".example", rng.random() < 0.3, rng.random() < 0.35, top, bottom))
    return outlets


@dataclass
class Story:
    id: str
    topic: str
    country: tuple[str, str, str]
    city: str
    people: list[tuple[str, str, str]]  # (name, title, nationality)
    numbers: dict[str, int]
    start: dt.date
    remaining: int
    terms: list[str]


def _person(rng: random.Random, nationality: str) -> tuple[str, str, str]:
    return (f"{rng.choice(FIRST)} {rng.choice(LAST_A)}{rng.choice(LAST_B)}", rng.choice(TITLES), nationality)


def make_story(seed: int, number: int) -> Story:
    rng = random.Random(f"story:{seed}:{number}")
    topic = rng.choice(list(TOPICS))
    country = rng.choice(COUNTRIES)
    start = START + dt.timedelta(days=number // STORIES_PER_DAY + rng.randint(0, 2))
    people = [_person(rng, country[2]) for _ in range(rng.randint(2, 4))]
    size = max(1, min(40, int(rng.paretovariate(1.3) * 3)))
    terms = rng.sample(TOPICS[topic]["nouns"], 4)
    return Story(f"s{number:07d}", topic, country, rng.choice(CITIES[country[0]]), people,
                 {"m": rng.randint(4, 7), "n": rng.randint(2, 60), "n2": rng.randint(20, 900), "n3": rng.randint(100, 20000),
                  "d": rng.randint(1, 9), "p": rng.randint(1, 9)},
                 start, size, terms)


def _sentence(rng: random.Random, story: Story, day: dt.date) -> str:
    topic = TOPICS[story.topic]
    kind = rng.random()
    name, title, nationality = rng.choice(story.people)
    if kind < 0.18:
        words = " ".join(rng.sample(story.terms, 2))
        return f'"{rng.choice(QUOTES)}," {nationality} {title} {name} {rng.choice(CHANNELS)}, referring to the {words}.'
    if kind < 0.36:
        number = rng.choice(topic["numbers"]).format(**story.numbers)
        return f"The {story.topic} in {story.city} {number}, according to {rng.choice(['officials', 'local authorities', 'the ministry', 'state media'])}."
    if kind < 0.5:
        return f"{title.capitalize()} {name} said the {rng.choice(story.terms)} in {story.country[0]} would be reviewed by {day.strftime('%B')} {day.day}."
    if kind < 0.62:
        a, b = rng.sample(story.terms, 2)
        return f"In {story.country[1]}, attention turned to the {a} and the {b} as {story.city} counted the cost."
    return rng.choice(FILLER).capitalize() + "."


def _article(seed: int, index: int, story: Story, outlet: Outlet) -> dict:
    rng = random.Random(f"article:{seed}:{index}")
    day = story.start + dt.timedelta(days=min(rng.randint(0, 6), rng.randint(0, 20)))
    topic = TOPICS[story.topic]
    target = rng.randint(300, 1200)
    lead = (f"{story.city.upper()} — {topic['event'].format(**story.numbers).capitalize()} {topic['verb']} "
            f"{story.city}, {story.country[0]}, on {day.strftime('%A')}. Officials said it "
            f"{rng.choice(topic['numbers']).format(**story.numbers)}.")
    paragraphs, words = [lead], len(lead.split())
    while words < target:
        para = " ".join(_sentence(rng, story, day) for _ in range(rng.randint(2, 5)))
        paragraphs.append(para)
        words += len(para.split())
    title = f"{topic['event'].format(**story.numbers).capitalize()} {topic['verb']} {story.city}"
    slug = f"{day.isoformat().replace('-', '/')}/{story.topic}-{story.city.lower().replace(' ', '-')}-{index}"
    record = {
        "id": f"syn-{seed}-{index:08d}",
        "url": f"https://www.{outlet.domain}/{slug}",
        "outlet": outlet.name,
        "published": day.isoformat(),
        "title": title,
        "language": "en",
    }
    if outlet.html:
        record["html"] = _page(outlet, title, day, paragraphs, record["url"])
    else:
        body = "\n\n".join(paragraphs)
        if outlet.keeps_boilerplate:
            body = "\n".join(outlet.boilerplate_top) + "\n\n" + title + "\n\n" + body + "\n\n" + "\n".join(outlet.boilerplate_bottom)
        record["text"] = body
    return record


def _page(outlet: Outlet, title: str, day: dt.date, paragraphs: list[str], url: str) -> str:
    t = html.escape(title)
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    nav = "".join(f"<li><a href='/{m.strip().lower()}'>{m.strip()}</a></li>" for m in outlet.boilerplate_top[1].split("|"))
    foot = "".join(f"<p>{html.escape(line)}</p>" for line in outlet.boilerplate_bottom)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{t} | {html.escape(outlet.name)}</title>"
        f"<meta property='og:title' content='{t}'><meta property='og:url' content='{url}'>"
        f"<meta property='article:published_time' content='{day.isoformat()}T08:00:00Z'></head>"
        f"<body><header><a href='/'>{html.escape(outlet.name)}</a><nav><ul>{nav}</ul></nav></header>"
        f"<main><article><h1>{t}</h1><time datetime='{day.isoformat()}'>{day.isoformat()}</time>\n{body}\n</article>"
        f"<aside><h3>Most read</h3><ol><li>Ten things to do this weekend</li><li>Markets close higher</li></ol></aside></main>"
        f"<footer>{foot}</footer></body></html>"
    )


def generate(articles: int, seed: int = 1) -> Iterator[tuple[dict, str]]:
    """Yield (record, story id) for `articles` articles, in publication-ish order."""
    outlets = make_outlets(seed)
    pick = random.Random(f"order:{seed}")
    active: list[Story] = []
    next_story = 0
    for index in range(articles):
        while len(active) < ACTIVE_STORIES:
            active.append(make_story(seed, next_story))
            next_story += 1
        slot = pick.randrange(min(len(active), 8))  # the oldest stories run out first
        story = active[slot]
        outlet = outlets[random.Random(f"outlet:{seed}:{index}").randrange(len(outlets))]
        yield _article(seed, index, story, outlet), story.id
        story.remaining -= 1
        if story.remaining <= 0:
            active.pop(slot)


def _front_matter(record: dict) -> str:
    keys = ("url", "outlet", "published", "title")
    return "---\n" + "".join(f"{k}: {json.dumps(record[k], ensure_ascii=False)}\n" for k in keys) + "---\n"


def write(articles: int, out: Path, fmt: str = "jsonl", seed: int = 1, labels: Path | None = None) -> int:
    """Write the corpus to `out` (a .jsonl file, or a folder for 'files') and return the count."""
    if labels:
        Path(labels).parent.mkdir(parents=True, exist_ok=True)
    label_fh = open(labels, "w", newline="", encoding="utf-8") if labels else None
    writer = csv.writer(label_fh) if label_fh else None
    if writer:
        writer.writerow(["id", "story", "outlet", "published"])
    count = 0
    try:
        if fmt == "jsonl":
            out.parent.mkdir(parents=True, exist_ok=True)
            with open(out, "w", encoding="utf-8") as fh:
                for record, story in generate(articles, seed):
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                    count += 1
                    if writer:
                        writer.writerow([record["id"], story, record["outlet"], record["published"]])
        elif fmt == "files":
            for record, story in generate(articles, seed):
                folder = out / f"{count // FILES_PER_FOLDER:04d}"
                if count % FILES_PER_FOLDER == 0:
                    folder.mkdir(parents=True, exist_ok=True)
                name = record["id"]
                if "html" in record:
                    (folder / f"{name}.html").write_text(record["html"], encoding="utf-8")
                elif record["text"].startswith(record["outlet"]):  # scraped look: no metadata at all
                    (folder / f"{name}.txt").write_text(record["text"] + "\n", encoding="utf-8")
                else:
                    (folder / f"{name}.txt").write_text(_front_matter(record) + record["text"] + "\n", encoding="utf-8")
                count += 1
                if writer:
                    writer.writerow([record["id"], story, record["outlet"], record["published"]])
        else:
            raise ValueError(f"unknown format {fmt!r}; known: jsonl, files")
    finally:
        if label_fh:
            label_fh.close()
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="how many articles to write")
    parser.add_argument("--out", type=Path, required=True, help="a .jsonl file, or a folder with --format files")
    parser.add_argument("--format", choices=["jsonl", "files"], default="jsonl")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--labels", type=Path, help="also write id,story,outlet,published as CSV here")
    args = parser.parse_args(argv)
    count = write(args.articles, args.out, args.format, args.seed, args.labels)
    print(f"wrote {count} articles to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
