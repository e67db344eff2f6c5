"""Who acts and who is acted on: the source and target noun phrases of a coded predicate, each
made an `Actor` with its entity, country and sector.

    subject / agent ──► sources        object / 'with', 'to', 'against' ... ──► targets

A phrase's country comes from the names in it (the entities stage's mentions: "Russia's chief
negotiator", "Burundian militiamen", "Sergei Lavrov"), its sector from its words (sectors.py).
Pronouns in reported speech ("Syria says it will ...") are the speaker; "his team" is the
speaker's; "both sides" are the two parties of the article's last event between two countries.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..entities import gazetteer
from ..entities.coreference import FEMALE_PRONOUNS, MALE_PRONOUNS, SpeakerResolver
from ..entities.known import NamedActor, named_actor
from ..record import Actor, Article, Mention
from .dating import Narrative
from .lexicon import DEMAND_VERBS, OWNED_NOUNS
from .sectors import INTERNATIONAL_SECTOR, international_code, sector_of

_TARGET_PREPS = frozenset("with to against on from for toward towards into at upon over between".split())
_LOCATIVE = frozenset("in at near outside inside across within throughout around".split())
_PRONOUNS = frozenset("it they he she we its their his her our them him i".split())
_FORCE_NOUNS = frozenset("troop troops force forces soldier soldiers police policeman policemen unit units "
                         "reinforcement reinforcements warship warships tank tanks peacekeeper peacekeepers".split())
_MOVERS = frozenset("send deploy dispatch withdraw pull mass station move mobilize mobilise commit "
                    "redeploy evacuate".split())  # fmt: skip
_RELATIONAL = frozenset("counterpart neighbour neighbor ally rival enemy opponent adversary partner host "
                        "foe".split())  # fmt: skip
_MULTITUDES = frozenset("thousands hundreds dozens tens millions scores groups crowds".split())
_MISSIONS = frozenset("embassy consulate legation".split())  # a country's own ground abroad
_COLLECTIVE = frozenset("sides parties teams delegations countries nations governments leaders".split())
_ACTOR_LABELS = ("PERSON", "ORG", "PLACE", "NORP")


@dataclass
class ArticleContext:
    """What actor resolution needs from the whole article: mentions by position, entity
    countries, and what earlier sentences established."""

    article: Article
    entity_country: dict[str, str | None] = field(default_factory=dict)
    entity_name: dict[str, str] = field(default_factory=dict)
    last_source: Actor | None = None
    last_pair: tuple[Actor, ...] = ()
    not_country: dict[tuple[int, int], str] = field(default_factory=dict)  # "ethnic Albanians": not ALB
    narrative: Narrative | None = None  # the days its sentences give its acts (dating.py)
    resolver: SpeakerResolver | None = None  # who "he" and "she" are, as quotes resolve them
    # caches: events._contexts by sentence start; the mentions' starts where in order (mentions_in)
    sentence_contexts: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _starts: list[int] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, article: Article) -> ArticleContext:
        ctx = cls(article)
        for e in article.entities:
            ctx.entity_country[e.key] = e.country if e.label != "ORG" else e.country
            ctx.entity_name[e.key] = e.name
        for m in article.mentions:
            if m.label == "PERSON" and m.entity and not ctx.entity_country.get(m.entity):
                # "U.N. mediator Diego Cordovez" acts for the UN, whatever nationality is nearby
                office = _office_code(m.title) if m.title else None
                known = named_actor(ctx.entity_name.get(m.entity, m.text))  # "Kofi Annan": UNO
                ctx.entity_country[m.entity] = office or (known.country if known else None) or _country_beside(article, m)
        return ctx

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        mentions = self.article.mentions
        if self._starts is None:
            starts = [m.start for m in mentions]
            # in text order (as the entities stage gives them) they are looked up by bisection
            self._starts = starts if all(a <= b for a, b in zip(starts, starts[1:])) else []
        if not self._starts and mentions:
            return [m for m in mentions if start <= m.start and m.end <= end]
        out = []
        for m in mentions[bisect_left(self._starts, start) :]:
            if m.start > end:
                break  # this and every later mention end after `end`
            if m.end <= end:
                out.append(m)
        return out


def _country_beside(article: Article, person: Mention) -> str | None:
    """A person with no country of their own takes the nearest nationality or country named
    before them in their sentence ("On the Russian side, Foreign Minister Sergei Lavrov")."""
    best = None
    for m in article.mentions:
        if m.sentence_start != person.sentence_start or m.end > person.start or m is person:
            continue
        if m.label in ("NORP", "PLACE") and m.country and _is_country(m):
            best = m.country
    return best


def _is_country(m: Mention) -> bool:
    if m.label == "NORP":
        return True
    found = gazetteer.place(m.text)
    return found is not None and found.kind == "country"


def actor_of(token, ctx: ArticleContext, speaker: Actor | None = None) -> list[Actor]:
    """The actors a noun phrase headed by `token` names: one per conjunct, each resolved."""
    heads = [token] + [c for c in token.conjuncts if c.i > token.i]
    out: list[Actor] = []
    for head in heads:
        found = _one_actor(head, ctx, speaker)
        out.extend(found)
    return _unique(out)


def _one_actor(head, ctx: ArticleContext, speaker: Actor | None) -> list[Actor]:
    doc = head.doc
    lower = head.lower_
    if lower in _PRONOUNS:
        return _pronoun(head, ctx, speaker)
    if head.pos_ == "PRON":
        return []
    possessor = next((c for c in head.children if c.dep_ == "poss"), None)
    first, last = _span(head)
    if (possessor is not None and possessor.pos_ in ("PROPN", "NOUN") and head.pos_ == "NOUN"
            and head.dep_ in ("dobj", "pobj", "appos") and sector_of(head.text) is None):
        # what is done to "Serbia's suppression of ... in Montenegro" is done to its possessor, when
        # nothing before the noun names it ("bin Laden's al-Qaeda network" is al-Qaeda's)
        after = doc[possessor.right_edge.i].idx + len(doc[possessor.right_edge.i])
        # a proposal or bid is its possessor's whatever names it ("Moldova's EU bid")
        if _owned(head) or not [m for m in ctx.mentions_in(after, head.idx + len(head)) if m.label in _ACTOR_LABELS]:
            owners = actor_of(possessor, ctx, speaker)
            if owners:
                return owners
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    text = doc[first : last + 1].text  # a Span: Doc.text would rebuild the whole text
    mentions = [m for m in ctx.mentions_in(start, end) if m.label in _ACTOR_LABELS and not stance_prefixed(m, ctx)]
    if not mentions and head.pos_ == "PROPN":
        # the parse cut a long name short ("demands from National Union | for the Total
        # Independence of Angola"): the name the head is in is the actor
        mentions = [m for m in ctx.mentions_in(start, start + 200)
                    if m.start <= head.idx < m.end and m.label in ("ORG", "PERSON")]  # fmt: skip
    collective = lower in _COLLECTIVE and (
        any(c.lower_ in ("both", "two") for c in head.children) or head.lower_ == "sides"
    )
    if not mentions and collective and ctx.last_pair:
        return [Actor(text, start, end, a.entity, a.country, a.sector) for a in ctx.last_pair]
    if not mentions and possessor is not None and possessor.lower_ in _PRONOUNS and speaker is not None:
        owners = _pronoun(possessor, ctx, speaker)
        if owners:
            owner = owners[0]
            return [Actor(text, start, end, owner.entity, owner.country, sector_of(text) or owner.sector)]
    sector = sector_of(text)
    if not mentions:
        if sector is None and head.pos_ not in ("PROPN",):
            return []
        code = international_code(text)
        seat = None if code else _seat_country(head)
        country = code or words_country(text) or seat or _placed_in(head, ctx)
        return [Actor(text, start, end, None, country, sector or INTERNATIONAL_SECTOR.get(code or "") or ("GOV" if seat else None))]
    # several countries side by side inside one phrase ("delegations from Russia and Ukraine")
    countries = [m for m in mentions if _country(m, ctx) and _is_country(m)]
    if len({_country(m, ctx) for m in countries}) > 1 and any(t.dep_ == "conj" for t in doc[first : last + 1]):
        return [Actor(m.text, m.start, m.end, m.entity, _country(m, ctx), sector or "GOV") for m in countries]
    chosen = _principal(mentions, head)
    code = international_code(chosen.text if chosen.label == "ORG" else text) if chosen.label in ("ORG",) else None
    if chosen.label == "PERSON":
        code = _office_code(text[: max(0, chosen.start - start)])
    if code is None and chosen.label != "PERSON":
        code = international_code(text) if head.pos_ in ("PROPN", "NOUN") and chosen.label == "ORG" else None
    country = code or _country(chosen, ctx) or next((_country(m, ctx) for m in mentions if _country(m, ctx)), None)
    if chosen.label == "PERSON" and code is None and _named(chosen, ctx) is None:
        country = _title_country(head, chosen, ctx) or country
    if country is None and chosen.label == "PERSON":
        code = international_code(text)  # "U.N. mediator Diego Cordovez" acts for the UN
        country = code
    country = country or words_country(text)
    if code is None:
        country = _of_country(head, ctx, country, chosen)
        people = _people_country(head, first, last, ctx)
        if people is not None:
            country, excluded = people
            if excluded:
                ctx.not_country[(start, end)] = excluded
        country = _apposed_code(head, ctx) or country
    if sector is not None and ((chosen.label == "ORG" and (code or _named(chosen, ctx) is not None))
                               or (chosen.label == "PLACE" and chosen.start <= head.idx < chosen.end)):
        # an organisation's own name is no sector word ("the European Union", "National Union
        # for the Total Independence of Angola"): only the words around it are ("EU troops")
        sector = sector_of(text[: max(0, chosen.start - start)] + " " + text[chosen.end - start :])
    if sector is None:
        if chosen.label == "PLACE" or (chosen.label == "ORG" and gazetteer.place(chosen.text)):
            sector = "GOV"  # a country or capital as actor is its government
        elif chosen.label == "PERSON" and chosen.title:
            sector = sector_of(chosen.title)
        elif code:
            sector = INTERNATIONAL_SECTOR.get(code)
        elif chosen.label == "ORG":
            named = _named(chosen, ctx)  # "Hamas" REB, "the CIA" SPY
            sector = named.sector if named is not None else None
    return [Actor(text, start, end, chosen.entity, country, sector)]


def _seat_country(head) -> str | None:
    """The country of a capital or seat of government the parse left unnamed ("urged Kyiv to
    return"), a name alone as the phrase's head: news uses it for the government."""
    if head.pos_ != "PROPN" or any(c.dep_ == "amod" for c in head.children):
        return None
    names = [c for c in head.children if c.dep_ == "compound" and c.i < head.i]
    if names:
        # a seat named in more than one word ("Downing Street said"): only a seat, never a street
        found = gazetteer.place(head.doc[min(c.i for c in names) : head.i + 1].text)
        return found.country if found is not None and found.kind == "seat" else None
    found = gazetteer.place(head.text)
    if found is None or not found.country:
        return None
    return found.country if found.kind in ("country", "seat") or (found.kind == "city" and found.capital) else None


def _title_country(head, person: Mention, ctx: ArticleContext) -> str | None:
    """The country an office holder's title names before the name ("Brazil's president Lula",
    "Chinese leader Xi Jinping"): the title's possessor or nationality, on a title word the
    sector list knows, says whose office it is where the name alone gives only a guess. A
    relation ("Russia's ally") names another party's country, not the holder's."""
    if sector_of(head.text) is None or head.lower_ in _RELATIONAL_WORDS:
        return None
    for child in head.children:
        if child.dep_ not in ("poss", "amod", "compound") or child.idx >= person.start:
            continue
        for m in ctx.mentions_in(child.idx, child.idx + len(child)):
            if m.end <= person.start and m.label in ("NORP", "PLACE") and _is_country(m) and _country(m, ctx):
                return _country(m, ctx)
    return None


def _office_code(words: str) -> str | None:
    """The international body the words before a person's name give them ("UN Secretary-General
    Kofi Annan", "the IMF's managing director Michel Camdessus"); none where they also name a
    country ("Russian U.N. ambassador ...": Russia's envoy)."""
    if not words.strip():
        return None
    code = international_code(words)
    return code if code and words_country(words) is None else None


def _placed_in(head, ctx: ArticleContext) -> str | None:
    """The country of the place a phrase with no name of its own is put in ("rebels in Somalia",
    "the militias near Goma"): a place after 'in', 'near' ... on its head. Those are its
    people, where the sentence's other countries are only a guess."""
    found = _locative_place(head, ctx, after_only=True)
    return found[1] if found else None


def _locative_place(head, ctx: ArticleContext, *, after_only: bool = False) -> tuple[Mention, str] | None:
    """The first place with a country in a phrase after 'in', 'near' ... on `head` (with
    `after_only`, only a phrase that follows it), and that country."""
    doc = head.doc
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in _LOCATIVE or (after_only and prep.i < head.i):
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            start, end = doc[pobj.left_edge.i].idx, doc[pobj.right_edge.i].idx + len(doc[pobj.right_edge.i])
            for m in ctx.mentions_in(start, end):
                if m.label == "PLACE" and not stance_prefixed(m, ctx):
                    country = _country(m, ctx)
                    if country:
                        return m, country
    return None


def stance_prefixed(m: Mention, ctx: ArticleContext) -> bool:
    """A name inside "anti-Syria", "pro-Moscow" (the phrase's stance toward it, not its country),
    or a currency's ("US $50 million")."""
    text = ctx.article.text
    return text[max(0, m.start - 5) : m.start].lower().endswith(("anti-", "pro-")) or text[m.end : m.end + 2].lstrip().startswith("$")


def _of_country(head, ctx: ArticleContext, country: str | None, chosen: Mention | None = None) -> str | None:
    """'King Hassan of Morocco', 'the president of Armenia': the country after 'of' on the
    phrase's head is whose the person is, when the head names a party (a title, a sector word, a
    name), not an act ("the occupation of northern Cyprus") nor a country's own long name ("the
    Democratic Republic of Congo")."""
    if head.pos_ != "PROPN" and sector_of(head.text) is None:
        return country
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if chosen is not None and pobj is not None and chosen.start <= pobj.idx < chosen.end:
                continue  # inside the name itself: "the Democratic Republic of Congo"
            if pobj is not None and pobj.pos_ == "PROPN":
                found = gazetteer.place(pobj.text)
                if found is not None and found.kind == "country":
                    return found.country
    return country


def _apposed_code(head, ctx: ArticleContext) -> str | None:
    """A person named with an international office in apposition ("Kenzo Oshima, the United
    Nations Emergency Relief Coordinator") acts for that organisation."""
    for child in head.children:
        if child.dep_ == "appos":
            doc = head.doc
            text = doc[child.left_edge.i : child.right_edge.i + 1].text
            code = international_code(text)
            if code:
                return code
    return None


def _people_country(head, first: int, last: int, ctx: ArticleContext) -> tuple[str | None, str | None] | None:
    """A people named by nationality is coded by the state it lives in, as the GSR codes it:
    "Bosnian Serbs" → BIH (the modifier's state), "the Albanians of southern Serbia" → SRB (the
    place named); an ethnic group with no state named ("ethnic Turks", "ethnic Albanian
    guerrillas") takes no country from its nationality: (country, nationality to exclude)."""
    doc = head.doc
    tokens = list(doc[first : last + 1])
    if head.lower_ in _MULTITUDES:  # "thousands of Albanians in Macedonia": the people is the "of"
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        head = next((c for c in of.children if c.dep_ == "pobj"), head) if of is not None else head
    own = gazetteer.demonym(head.lower_) if head.pos_ in ("NOUN", "PROPN") and head.lower_.endswith("s") else None
    ethnic = next((t for t in tokens if t.lower_ == "ethnic"), None)
    if own is not None:
        for t in tokens:
            if t.i < head.i and t.dep_ in ("amod", "compound") and t.head.i == head.i:
                other = gazetteer.country_of(t.text)
                if other and other != own:
                    return other, own
        for t in tokens:
            if t.i > head.i and t.pos_ == "PROPN":
                found = gazetteer.place(t.text)
                if found is not None and found.country and found.country != own:
                    return found.country, own
        if ethnic is not None:
            return None, own
        return None
    if ethnic is not None:
        after = [t for t in tokens if t.i > ethnic.i]
        nationality = next((gazetteer.demonym(t.lower_) for t in after if gazetteer.demonym(t.lower_)), None)
        if nationality:
            for t in after:
                found = gazetteer.place(t.text) if t.pos_ == "PROPN" else None
                if found is not None and found.country and found.country != nationality:
                    return found.country, None
            return None, nationality
    return None


def _principal(mentions: list[Mention], head) -> Mention:
    """The mention that names the phrase's referent: the one containing the head word, else a
    person or organisation, else the first."""
    for m in mentions:
        if m.start <= head.idx < m.end:
            return m
    for label in ("PERSON", "ORG", "NORP", "PLACE"):
        for m in mentions:
            if m.label == label:
                return m
    return mentions[0]


def _country(m: Mention, ctx: ArticleContext) -> str | None:
    if m.label == "ORG":
        code = international_code(m.text)
        if code:
            return code
    if m.country:
        return m.country
    if m.entity and ctx.entity_country.get(m.entity):
        return ctx.entity_country[m.entity]
    named = _named(m, ctx)
    if named is not None:
        return named.country
    return words_country(m.text) or (_place_in_name(m.text) if m.label == "ORG" else None)


def _place_in_name(name: str) -> str | None:
    """The country of a city or country an organisation's name begins with or holds ("Baghdad
    University Medical School", "the Tehran Times")."""
    for word in name.split():
        found = gazetteer.place(word.strip(".,'’s"))
        if found is not None and found.country and found.kind in ("city", "country"):
            return found.country
    return None


def _named(m: Mention, ctx: ArticleContext) -> NamedActor | None:
    """The dictionary's actor for a person or organisation mention (entities/known.py), by the entity's
    full name first ("Bouteflika" after "Abdelaziz Bouteflika")."""
    if m.label not in ("PERSON", "ORG"):
        return None
    full = ctx.entity_name.get(m.entity) if m.entity else None
    for name in dict.fromkeys(n for n in (full, m.text) if n):
        found = named_actor(name, titled=bool(m.title))
        if found is not None:
            return found
    return None


# Short names news uses for countries whose gazetteer name is longer.
_SHORT_NAMES = {"bosnia": "BIH", "herzegovina": "BIH", "bosnia-herzegovina": "BIH", "congo": "COD",
                "ivory coast": "CIV", "gaza": "PSE", "west bank": "PSE", "gaza strip": "PSE",
                "kampuchea": "KHM", "kampuchean": "KHM", "moslem": None}  # fmt: skip


def words_country(text: str) -> str | None:
    """The country a phrase's words name: the whole phrase, else its first word that is a
    country name or nationality ("Bosnian Serbs" → BIH)."""
    folded = gazetteer.fold(text)
    if folded in _SHORT_NAMES:
        return _SHORT_NAMES[folded]
    found = gazetteer.country_of(text)
    if found:
        return found
    words = text.replace("-", " ").split()
    for before, word in zip([""] + words, words):
        if before.lower() in ("anti", "pro"):
            continue  # "an anti-Syria journalist" is not Syrian
        w = gazetteer.fold(word).strip(".,'’s")
        if w in _SHORT_NAMES and _SHORT_NAMES[w]:
            return _SHORT_NAMES[w]
        found = gazetteer.country_of(word.strip(".,")) or (gazetteer.demonym(w[:-1]) if w.endswith("n") else None)
        if found:
            return found
    return None


# Regional and global constructs, which PLOVER gives no country ("the West", "Western allies",
# "the international community", "world powers").
_NO_COUNTRY = frozenset("west western international world donors".split())
_RELATIONAL_WORDS = _RELATIONAL | frozenset("counterparts neighbours neighbors allies rivals enemies opponents "
                                            "adversaries partners foes".split())  # fmt: skip


def no_country(text: str) -> bool:
    """Whether a phrase names a region or the world rather than a country ("the West",
    "Western governments", "the international community")."""
    words = [w.strip(".,'’").lower() for w in text.replace("-", " ").split()]
    return any(w in _NO_COUNTRY for w in words) and not any(gazetteer.country_of(w) for w in words)


def relational(text: str) -> bool:
    """Whether a phrase is named as another party of the doer's ("its allies", "his counterpart")."""
    words = text.split()
    return bool(words) and words[-1].strip(".,'’").lower() in _RELATIONAL_WORDS


def _pronoun(token, ctx: ArticleContext, speaker: Actor | None) -> list[Actor]:
    """Who a pronoun is: "I", "we" the speaker; "he", "she" the speaker, else the article's
    last person of that gender as the quotes stage resolves speakers (entities/coreference.py);
    "it", "they" the speaker or the last actor, when that is no single person."""
    start, end = token.idx, token.idx + len(token)
    word = token.lower_
    if word in ("i", "we", "our"):
        who = speaker
    elif word in MALE_PRONOUNS or word in FEMALE_PRONOUNS:
        who = speaker if speaker is not None and _is_person(speaker) else None
        if who is None and ctx.resolver is not None:
            key, _ = ctx.resolver.resolve(start, end, token)
            if key is not None:
                who = Actor(token.text, start, end, key, ctx.entity_country.get(key), None)
    elif word == "it" and token.dep_ in ("dobj", "pobj", "dative", "iobj"):
        # an object "it" is mostly a thing ("guerrillas who overran it"): only a speaker's own
        # ("Syria says Israel attacked it") is sure enough to be a party
        who = speaker if speaker is not None and (speaker.entity or "").startswith(("place:", "org:")) else None
    else:
        who = next((a for a in (speaker, ctx.last_source) if a is not None and not _is_person(a)), None)
    if who is None:
        return []
    return [Actor(token.text, start, end, who.entity, who.country, who.sector)]


def _is_person(actor: Actor) -> bool:
    return bool(actor.entity) and actor.entity.startswith("person:")


def _span(head) -> tuple[int, int]:
    """The token range of a noun phrase: its subtree without relative clauses, participles
    or trailing punctuation."""
    left, right = head.left_edge.i, head.right_edge.i
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl", "punct", "case") and child.i > head.i:  # "case": a possessor's 's
            right = min(right, child.left_edge.i - 1)
        if child.dep_ == "prep" and child.i > head.i and child.lower_ not in ("of", "from"):
            right = min(right, child.left_edge.i - 1)
    while right > head.i and (head.doc[right].is_punct or head.doc[right].is_space):
        right -= 1
    right = max(right, head.i)
    ent = head.doc[right].ent_iob_
    if ent in ("B", "I"):  # never cut a name short ("National Union for the Total Independence of Angola")
        while right + 1 < len(head.doc) and head.doc[right + 1].ent_iob_ == "I" and right + 1 <= head.right_edge.i:
            right += 1
    return left, right


def sources_of(head, ctx: ArticleContext, speaker: Actor | None, passive_ok: bool) -> list[Actor]:
    """The actors of the clause headed by `head`: its subject (or a passive verb's agent)."""
    for token in _up_for_subject(head):
        # a passive's agent is its doer, whatever comes first ("the plan was rejected by Turkey")
        agent_first = any(c.dep_ == "agent" for c in token.children)
        for child in token.children:
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and passive_ok and not agent_first):
                if child.tag_ in ("WP", "WDT") and token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
                    return actor_of(token.head, ctx, speaker)  # "guerrillas who overran the town"
                return actor_of(child, ctx, speaker)
            if child.dep_ == "agent":
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return actor_of(pobj, ctx, speaker)
        if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
            return actor_of(token.head, ctx, speaker)
    return []


def _up_for_subject(head):
    """The head, then the verbs it is a complement or conjunct of (their subject is its)."""
    token = head
    yield token
    hops = 0
    while token.dep_ in ("xcomp", "conj", "ccomp", "acomp", "pcomp", "pobj", "prep", "dobj") and hops < 4:
        token = token.head
        hops += 1
        yield token


def targets_of(chain: list, ctx: ArticleContext, speaker: Actor | None, sources: list[Actor],
               complements: bool = True) -> list[Actor]:
    """The actors acted on: a passive subject, a direct object that names an actor, or the
    object of 'with', 'to', 'against', 'between' ... inside the predicate; never a place after
    'in'. With none there, the verb the predicate controls is read the same way ("agreed to end
    its dispute with Norway", "refused to cooperate with the court"): its parties are the
    stance's."""
    found = _targets_in(chain, ctx, speaker, sources)
    if found or not complements:
        return found
    inner = [c for t in chain for c in t.children if c.dep_ == "xcomp" and c.pos_ == "VERB" and c not in chain]
    return _targets_in(inner, ctx, speaker, sources, objects=False) if inner else []


def _targets_in(chain: list, ctx: ArticleContext, speaker: Actor | None, sources: list[Actor],
                objects: bool = True) -> list[Actor]:
    """targets_of on `chain`; without `objects`, only the parties after a preposition (the
    object of a verb the lexicon does not know is mostly a thing: "agreed to handle a shipment")."""
    taken = {(a.start, a.end) for a in sources}
    for token in chain if objects else ():
        for child in token.children:
            if child.dep_ == "nsubjpass" and not _has_agentless_control(token):
                if any(c.dep_ == "agent" for c in token.children):
                    if _owned(child) or _event_noun(child):
                        # "the Greek proposal was rejected by Turkey": whose proposal it is
                        found = [a for a in _owner(child, ctx, speaker, ("by", "from", "of")) if not _same(a, sources)]
                    else:
                        found = actor_of(child, ctx, speaker)
                    if found:
                        return _drop(found, taken)
    for token in chain if objects else ():
        for child in _objects(token, ("dobj", "dative", "iobj")):
            if _actor_like(child, ctx) and not _own(child) and not _forces_moved(token, child):
                found = _drop(actor_of(child, ctx, speaker), taken)
                if found:
                    return found
    for token in chain if objects else ():
        for child in _objects(token):
            if _owned(child) or _event_noun(child):
                found = _drop(_owner(child, ctx, speaker, ("by", "from", "of") if _owned(child) else ("of", "by")), taken)
                found = [a for a in found if not _same(a, sources)]  # "submitted Ukraine's proposal"
                if found:
                    return found  # "rejected calls by Kofi Annan", "rejected a Senegalese peace plan"
    for token in chain:
        for prep in _preps_under(token):
            if prep.lower_ in _LOCATIVE and prep.lower_ not in _TARGET_PREPS:
                # "demonstrated outside the U.S. embassy": an embassy stands for its country
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.lemma_.lower() in _MISSIONS and _actor_like(pobj, ctx):
                        found = _drop(actor_of(pobj, ctx, speaker), taken)
                        if found:
                            return found
            if prep.lower_ not in _TARGET_PREPS and not (prep.lower_ == "of" and prep.head.lower_ == "out"):
                continue  # "pulled out of Kisangani" is read as "from"
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and _actor_like(pobj, ctx):
                    found = _drop(actor_of(pobj, ctx, speaker), taken)
                    if prep.lower_ == "between":  # "services between Lyon and Macon": cities are where, not whom
                        found = [a for a in found if not _city(a, ctx)]
                    if found:
                        return found
                if pobj.dep_ == "pobj" and _owned(pobj):  # "conceded to demands from UNITA"
                    found = _drop(_owner(pobj, ctx, speaker, ("by", "from", "of")), taken)
                    if found:
                        return found
                if pobj.dep_ == "pobj" and prep.lower_ in ("against", "over", "at") and (_event_noun(pobj) or _possessed(pobj, ctx)):
                    # "protested against the Turkish occupation of ...": whose act it is (its "of"
                    # is the act's object), never the doer's own
                    found = [a for a in _drop(_owner(pobj, ctx, speaker, ("by",)), taken) if not _same(a, sources)]
                    if found:
                        return found
    for token in chain if not objects else ():
        for child in token.children:
            if child.dep_ == "dobj" and _possessed(child, ctx):
                # "threatened to block Sweden's membership": the thing is its possessor's
                found = [a for a in _drop(_owner(child, ctx, speaker, ()), taken) if not _same(a, sources)]
                if found:
                    return found
    for token in chain if objects else ():
        for child in token.children:
            if child.dep_ == "dobj" and _event_noun(child) and not _meeting(child):
                found = [a for a in _drop(_noun_place(child, ctx), taken) if not _same(a, sources)]
                if found:
                    return found  # "condemned the bombing in Kabul": the country it happened in
    return []


def addressed_targets(chain: list, ctx: ArticleContext, speaker: Actor | None, sources: list[Actor],
                      conditional: bool) -> list[Actor]:
    """Whom a demand or threat is addressed to when it names them only as the subject of what
    is demanded ("demanded that the US cancel plans", "pushing for the US to support") or of
    the condition ("if the United States goes ahead")."""
    taken = {(a.start, a.end) for a in sources}
    if conditional:  # "warned it would retaliate if South Korea ...": the condition may be the complement's
        chain = list(chain) + [c for t in chain for c in t.children if c.dep_ in ("ccomp", "xcomp") and c not in chain]
    for token in chain:
        for clause in token.children:
            marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
            wanted = clause.dep_ == "advcl" and marks & {"if", "unless"} if conditional else (
                clause.dep_ in ("ccomp", "xcomp") or clause.dep_ == "pcomp" or clause.dep_ == "prep")  # fmt: skip
            if not wanted:
                continue
            verbs = [clause] + [c for c in clause.children if c.dep_ in ("pcomp", "pobj")]
            for verb in verbs:
                subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None and subject.pos_ != "PRON" and _actor_like(subject, ctx):
                    found = _drop(actor_of(subject, ctx, speaker), taken)
                    if found:
                        return found
    return []


_BORDERS = frozenset("border borders frontier frontiers boundary".split())


def border_targets(chain: list, ctx: ArticleContext, sources: list[Actor]) -> list[Actor]:
    """The country whose border forces are massed on ("massed troops near the Ukrainian border",
    "on its border with Belarus"): the party a mobilisation is aimed at, never the doer's own."""
    for token in chain:
        doc = token.doc
        for prep in _preps_under(token):
            for border in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in _BORDERS):
                words = [c for c in border.children if c.dep_ in ("amod", "compound", "poss") and c.i < border.i]
                words += [p for q in border.children if q.dep_ == "prep" and q.lower_ == "with"
                          for p in q.children if p.dep_ == "pobj"]  # fmt: skip
                for word in words:
                    start, end = doc[word.left_edge.i].idx, doc[word.right_edge.i].idx + len(doc[word.right_edge.i])
                    for m in ctx.mentions_in(start, end):
                        country = _country(m, ctx) if m.label in ("PLACE", "NORP") else None
                        if country and not any(country == s.country for s in sources):
                            return [Actor(m.text, m.start, m.end, m.entity, country, "GOV")]
    return []


def against_named(noun) -> list[Actor]:
    """The country an "anti-American protest", an "anti-Israel rally" is against: the name after
    its "anti-" modifier (a stance, never the protesters' own country)."""
    doc = noun.doc
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i]
    for i, mod in enumerate(mods):
        if mod.lower_ == "anti" or mod.lower_.startswith("anti-"):
            rest = mod.text[5:] if mod.lower_.startswith("anti-") else " ".join(
                m.text for m in mods[i + 1 :] if m.text != "-")  # fmt: skip
            country = words_country(rest) if rest else None
            if country:
                start = mod.idx
                end = doc[noun.i - 1].idx + len(doc[noun.i - 1])
                return [Actor(doc.text[start:end], start, end, None, country, "GOV")]
    return []


def _meeting(noun) -> bool:
    """An act noun of meeting or agreeing ("talks in Reykjavik"): its place is where, not whom."""
    from .triggers import _noun_entry

    entry = _noun_entry(noun)
    return entry is not None and entry[0] in ("CONSULT", "AGREE", "COOPERATE", "SUPPORT", "AID")


def _noun_place(noun, ctx: ArticleContext) -> list[Actor]:
    """The place an act noun is put in ("the coup in Haiti", "the violence in Kosovo"), as the
    country acted on (its government)."""
    found = _locative_place(noun, ctx)
    if found is None:
        return []
    m, country = found
    return [Actor(m.text, m.start, m.end, m.entity, country, "GOV")]


def _same(actor: Actor, sources: list[Actor]) -> bool:
    """Whether an actor is one of the sources' own (the same entity or country)."""
    return any((actor.entity and actor.entity == s.entity) or (actor.country and actor.country == s.country)
               for s in sources)  # fmt: skip


def _city(actor: Actor, ctx: ArticleContext) -> bool:
    """Whether an actor is a place smaller than a country."""
    if not (actor.entity or "").startswith("place:"):
        return False
    found = gazetteer.place(ctx.entity_name.get(actor.entity, actor.text))
    return found is not None and found.kind != "country"


def told_targets(reporter, ctx: ArticleContext, speaker: Actor | None, sources: list[Actor]) -> list[Actor]:
    """Whom a reported act is told to ("Syria told Lebanon that it would withdraw", "assured
    Egypt that ..."): the reporting verb's object, when the act names no party of its own."""
    taken = {(a.start, a.end) for a in sources}
    for child in reporter.children:
        if child.dep_ in ("dobj", "dative", "iobj") and child.pos_ != "PRON" and _actor_like(child, ctx):
            found = [a for a in _drop(actor_of(child, ctx, speaker), taken) if not _same(a, sources)]
            if found:
                return found
    return []


def _objects(verb, deps: tuple[str, ...] = ("dobj",)):
    """A verb's objects (of `deps`), and the object a heavy phrase moved behind an 'as' phrase
    ("denounced as a crime Serbia's suppression of ...", parsed as an apposition to "crime")."""
    for child in verb.children:
        if child.dep_ in deps:
            yield child
        elif child.dep_ == "prep" and child.lower_ == "as":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                yield from (c for c in pobj.children if c.dep_ == "appos")


def _forces_moved(verb, obj) -> bool:
    """Troops that are sent, deployed or withdrawn ("called on NATO to send ground troops",
    "pulled out 2,000 soldiers"): the doer's own forces, never the party acted on."""
    return obj.lemma_.lower() in _FORCE_NOUNS and verb.lemma_.lower() in _MOVERS


def _own(token) -> bool:
    """A phrase with a possessive pronoun ("withdraw its troops", "their forces"): the doer's
    own people or things, not the party acted on; but "his Syrian counterpart", "its
    neighbours" name another party."""
    if token.lemma_.lower() in _RELATIONAL:
        return False
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)


def purpose_targets(chain: list, ctx: ArticleContext, speaker: Actor | None, sources: list[Actor]) -> list[Actor]:
    """Whom a protest is aimed at, from the demand it is made for: "staged demonstrations to
    demand reforms by President Suharto's government", "in demanding independence from
    Indonesian rule"."""
    for token in chain:
        for clause in token.children:
            if clause.dep_ in ("xcomp", "advcl", "prep") and clause.i > token.i:
                verb = clause if clause.dep_ != "prep" else next((c for c in clause.children if c.dep_ == "pcomp"), None)
                if verb is not None and verb.lemma_.lower() not in DEMAND_VERBS and clause.dep_ == "advcl":
                    verb = _demanding_in(verb)  # "rioted ..., joining thousands in demanding ..."
                if verb is not None and verb.lemma_.lower() in DEMAND_VERBS:
                    found = targets_of([verb], ctx, speaker, sources)
                    for obj in (c for c in verb.children if c.dep_ == "dobj" and not found):
                        found = _drop(_owner(obj, ctx, speaker, ("by", "from")), {(a.start, a.end) for a in sources})
                    if found:
                        return found
    return []


def _demanding_in(verb):
    """The demand a participle's 'in' phrase names ("joining thousands in demanding a vote"), or None."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for pcomp in prep.children:
                if pcomp.dep_ == "pcomp" and pcomp.lemma_.lower() in DEMAND_VERBS:
                    return pcomp
    return None


def _possessed(token, ctx: ArticleContext) -> bool:
    """A noun with a possessor that can be a party ("the government's deal", "Sweden's bid")."""
    return token.pos_ == "NOUN" and any(_party_possessor(c, ctx) for c in token.children)


def _party_possessor(token, ctx: ArticleContext) -> bool:
    """Whether a token is a possessor that can be a party: a name or sector word, not "its"."""
    return token.dep_ == "poss" and token.pos_ != "PRON" and bool(_actor_like(token, ctx) or sector_of(token.text))


def _owned(token) -> bool:
    """A proposal, call, plan or demand: a noun whose party is whoever made it."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in OWNED_NOUNS


def _owner(noun, ctx: ArticleContext, speaker: Actor | None, preps: tuple[str, ...]) -> list[Actor]:
    """Whose act or proposal a noun is: its possessor ("Serbia's suppression of ..."), its
    phrase after one of `preps` ("calls by Kofi Annan", "the withdrawal of Serbian forces"),
    or a name or nationality on it ("a United Nations appeal", "a Senegalese peace plan")."""
    for child in noun.children:
        if _party_possessor(child, ctx):
            return actor_of(child, ctx, speaker)  # not "its proposal": the doer's own
    # 'by' names the doer wherever it is ("the killing of Indian soldiers by Chinese troops")
    ranked = sorted((p for p in noun.children if p.dep_ == "prep" and p.lower_ in preps), key=lambda p: p.lower_ != "by")
    for prep in ranked:
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and _actor_like(pobj, ctx):
                return actor_of(pobj, ctx, speaker)
    if "by" in preps:  # "the peace plan proposed by the Contact Group", "a deal brokered by Qatar"
        for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            for agent in (c for c in acl.children if c.dep_ == "agent"):
                for pobj in agent.children:
                    if pobj.dep_ == "pobj" and _actor_like(pobj, ctx):
                        return actor_of(pobj, ctx, speaker)
    doc = noun.doc
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and child.i < noun.i:
            first = child.left_edge.i
            start, end = doc[first].idx, child.idx + len(child)
            mentions = [m for m in ctx.mentions_in(start, end) if m.label in _ACTOR_LABELS]
            if mentions:
                m = mentions[0]
                code = international_code(m.text) if m.label == "ORG" else None
                country = code or _country(m, ctx)
                if country is None:
                    return []  # "Western demands": whose they are has no country to give
                return [Actor(m.text, m.start, m.end, m.entity, country, INTERNATIONAL_SECTOR.get(code or "") or "GOV")]
    return []


def _has_agentless_control(token) -> bool:
    return False


def _preps_under(token):
    """Prepositions on the token and on the nouns it governs (objects, their modifiers)."""
    stack = [token]
    depth = {token.i: 0}
    while stack:
        t = stack.pop()
        for child in t.children:
            if child.dep_ == "prep" or (child.dep_ == "dative" and child.pos_ == "ADP"):
                yield child  # "sell jets to India": the parse calls that 'to' a dative
            if child.dep_ in ("dobj", "pobj", "pcomp", "prep", "compound", "amod", "nmod", "npadvmod", "attr") and depth[t.i] < 4:
                if child.dep_ == "prep" and child.lower_ in _LOCATIVE:
                    continue
                depth[child.i] = depth[t.i] + 1
                stack.append(child)


def _actor_like(token, ctx: ArticleContext) -> bool:
    """A phrase that can be a party: it names a person, organisation, country or nationality,
    or its words give a sector ("the rebels"), or it is a pronoun."""
    if token.pos_ == "PRON":
        return token.lower_ in _PRONOUNS
    if _event_noun(token):
        return False  # "submitted the proposal to ...": the object is the act, not a party
    first, last = _span(token)
    doc = token.doc
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    mentions = [m for m in ctx.mentions_in(start, end) if m.label in _ACTOR_LABELS]
    if token.pos_ == "NOUN" and mentions and all(m.label == "PLACE" and not _country(m, ctx) for m in mentions):
        mentions = []  # "the Black Sea grain deal": a sea or region with no country names no party
    if mentions:
        return True
    return sector_of(doc[first : last + 1].text) is not None or _seat_country(token) is not None


def _event_noun(token) -> bool:
    from .triggers import _noun_entry

    return token.pos_ == "NOUN" and _noun_entry(token) is not None


def _drop(actors: list[Actor], taken: set) -> list[Actor]:
    return [a for a in actors if (a.start, a.end) not in taken]


def _unique(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        key = (a.start, a.end, a.entity)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
