"""What a clause says happened: the PLOVER type of a predicate in the spaCy parse, with its
trigger, mode and modality (future, negated, hypothetical).

    clause heads (reporting verbs are see-through) ──► reading(head) ──► codebook rules

A `Reading` comes from the lexicon (lexicon.py) applied to the dependency structure:
a phrasal verb ("called for"), an object that sets the meaning ("signed an agreement"), a light
verb with an event noun ("held talks"), a stance verb with a complement ("agreed to withdraw",
"refused to meet", "threatened to attack"), or the verb or noun alone; a verb with an everyday
sense beside its PLOVER one codes only with an object of the kind that sense acts on ("recalled
its ambassador", not "recalled the meeting"; lexicon.SENSES). Then the codebook's rules for tense
and negation: cooperation in the future is AGREE, a future retreat is CONCEDE, force in the future
or under a condition is THREATEN, refused cooperation is REJECT; any other negated act, a clause
that is another's condition ("if he has killed") and an imperative code none.
"""

from __future__ import annotations

import itertools
import re
import threading
from bisect import bisect_left
from dataclasses import dataclass, field

from .lexicon import (
    AID_GOODS,
    ASK_MODES,
    CANCELLED,
    CONTROL,
    COOPERATIVE,
    ENVOYS,
    FORCES,
    HAZARDS,
    HONOURS,
    LIGHT_VERBS,
    MATERIAL_CONFLICT,
    MOBILIZE_MODES,
    NO_EVENT_PHRASES,
    NOUNS,
    OBJECT_TYPES,
    PEOPLE_NOUNS,
    PHRASES,
    PLACE_NOUNS,
    QUESTION_WORDS,
    REPORTING,
    RESTRICTIONS,
    RIVALS,
    SENSES,
    SPEECH_NOUNS,
    STATEMENT_NOUNS,
    STOPPING,
    TIES,
    VERBS,
    WEAPONS,
)
from .sectors import sector_of

_FUTURE_AUX = frozenset("will 'll shall wo would".split())
_MAYBE_AUX = frozenset("could might may must should".split())
_NEGATIONS = frozenset("not n't never no".split())
_COMPLEMENTS = ("xcomp", "ccomp")
_AIR = frozenset("air missile drone rocket".split())
# Verbs whose object event noun is an act they take part in, set going, keep up or make known
# ("joined the protests", "ordered an inquiry", "renewed its appeal", "intensified their
# attacks", "put forward a proposal", "showed support"), or one that happened before ("the deal
# follows a first round in Reykjavik").
_TAKING_PART = frozenset("""join attend lead organise organize chair sponsor back show signal voice unveil
    present order put table submit follow precede renew repeat reiterate intensify escalate expand widen
    broaden sustain maintain keep increase step""".split())
# Nouns that carry the act of their modifier ("mediation effort") or of their 'of' phrase ("ten
# days of war games", "a series of raids", "a wave of arrests").
_CARRIERS = frozenset("effort efforts bid initiative attempt campaign".split())
_MEASURES = frozenset("day days week weeks month months series wave round spate number hours".split())
# Nouns after which a time expression bounds, not dates, the event ("since March 2022").
WEAK_INTENT = frozenset("plan intend decide prepare aim expect hope want wish seek try attempt move set due going able poised".split())


@dataclass
class Reading:
    """One coded predicate."""

    type: str
    mode: str | None
    trigger: object  # the spaCy token naming the action
    head: object  # the clause's verb (or adjective) the actors hang on
    chain: list = field(default_factory=list)  # every token of the predicate: head, complements, trigger
    future: bool = False
    negated: bool = False
    hypothetical: bool = False
    stance: str | None = None  # how the type was reached: "intent", "reject", ...
    strength: float = 1.0  # how directly the words name the action


def clause_heads(sent, verbs: list[int] | None = None) -> list[tuple[object, int, object | None]]:
    """The sentence's clause heads to read, each with its depth (0 for the main clause) and the
    reporting verb it is reported by, if any. A reporting verb ("said", "announced") is
    see-through: what it reports is read at its own depth. `verbs`: loose_verbs(sent.doc),
    given where the caller reads many sentences of one doc."""
    out: list[tuple[object, int, object | None]] = []
    seen: set[int] = set()
    stack = [(sent.root, 0, None)]
    loose = None
    while stack:
        token, depth, reporter = stack.pop(0)
        if token.i in seen:
            continue
        seen.add(token.i)
        reported = _is_reporting(token)
        if not reported:
            out.append((token, depth, reporter))
        for child in _children(token):
            if child.dep_ in ("ccomp", "parataxis") and child.pos_ in ("VERB", "AUX", "ADJ"):
                stack.append((child, depth if reported else depth + 1, token if reported else reporter))
            elif child.dep_ == "xcomp" and reported:
                stack.append((child, depth, token))
            elif child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                stack.append((child, depth, reporter))
            elif child.dep_ in ("advcl", "relcl", "acl") and child.pos_ in ("VERB", "AUX"):
                stack.append((child, depth + 2, reporter))
            elif child.dep_ == "pcomp" and child.pos_ == "VERB":
                stack.append((child, depth + 2, reporter))
            elif child.dep_ == "prep":
                for grand in _children(child):
                    if grand.dep_ == "pcomp" and grand.pos_ == "VERB":
                        stack.append((grand, depth + 2, reporter))
        if not stack:
            if loose is None:  # the sentence's verbs, listed once, not on each emptying of the stack
                doc = sent.doc
                if verbs is None:
                    loose = [t for t in sent if t.pos_ == "VERB" and t.dep_ not in ("amod", "compound")]
                else:
                    loose = [doc[i] for i in verbs[bisect_left(verbs, sent.start) : bisect_left(verbs, sent.end)]]
            for other in loose:
                if other.i not in seen:
                    stack.append((other, 3, _reporter_above(other)))
        if reported and not any(d is not None and d.i == token.i for _, _, d in out):
            # a reporting verb whose object is itself an event noun ("signalled willingness")
            obj = _child(token, "dobj")
            if obj is not None and _noun_entry(obj) is not None:
                out.append((token, depth + 1, None))
    return out


def loose_verbs(doc) -> list[int]:
    """The indices of the doc's verbs that are not adjectival or compound modifiers, in order,
    from one array (the verbs clause_heads falls back on when no clause reaches them)."""
    from spacy.attrs import DEP, POS
    from spacy.parts_of_speech import VERB

    if not len(doc):
        return []
    pos, dep = doc.to_array([POS, DEP]).T
    skip = [doc.vocab.strings[d] for d in ("amod", "compound")]
    return ((pos == VERB) & (dep != skip[0]) & (dep != skip[1])).nonzero()[0].tolist()


def _reporter_above(token):
    """The nearest reporting verb above a token, if any."""
    while token.head.i != token.i:
        token = token.head
        if _is_reporting(token):
            return token
    return None


def _is_reporting(token) -> bool:
    if _lemma(token) not in REPORTING:
        return False
    obj = _child(token, "dobj")
    if obj is not None and (_noun_entry(obj) is not None or (_lemma(token), _lemma(obj)) in OBJECT_TYPES) and not any(c.dep_ in ("ccomp", "xcomp") for c in _children(token)):
        return False  # "announced a ceasefire", "declared martial law": the verb carries the event
    return True


def read_clause(head) -> Reading | None:
    """The coded predicate of one clause head, with the codebook's tense and negation rules
    applied; None if the lexicon names no action here."""
    if _condition(head) or _imperative(head):
        return None
    reading = _reading(head, depth=0)
    if reading is None:
        return None
    _modality(reading)
    if _predicted(head, reading) or reading.type in ("ASSAULT", "COERCE") and _bare_participle(head):
        return None
    if reading.type in _STANCES and _describing(head):
        return None
    if reading.type == "PROTEST" and _campaign_rally(reading) or reading.type == "AGREE" and _shared_view(reading):
        return None
    _codebook_rules(reading)
    if reading.negated and (reading.stance is None or reading.type == "REQUEST"):
        return None  # "did not attack", "did not call for sanctions": nothing was done or asked
    if reading.type == "MOBILIZE" and reading.mode is None:
        reading.mode = _mobilized_mode(reading)
    return reading


def _mobilized_mode(reading: Reading) -> str | None:
    """The mode of a mobilization from what it moves: "sent troops" and "deployed forces" are
    troops, "dispatched warships" weapons, "mobilised police" police (MOBILIZE_MODES)."""
    moved = [t for t in reading.chain if t is not reading.head] or [c for c in _children(reading.head) if c.dep_ == "dobj"]
    for token in moved:
        mode = MOBILIZE_MODES.get(token.lower_) or MOBILIZE_MODES.get(_lemma(token))
        if mode is not None:
            return mode
    return None


# Verbs of opinion and expectation: what they hold will or would happen is no one's act yet.
_OPINION = frozenset("fear expect doubt suspect worry predict wonder guess assume imagine reckon".split())
_HELD = frozenset("think believe feel".split())  # reporting verbs: an opinion only when negated


def _predicted(head, reading: Reading) -> bool:
    """"I don't think the party would accept him", "activists fear the leaders will make a
    deal", "most don't expect him to back Clinton": someone's prediction of another's act (a
    clause with its own subject under a verb of opinion, in the future or a possibility), not
    a promise, threat or refusal of its subject's."""
    if head.dep_ != "ccomp" or _child(head, "nsubj") is None:
        return False
    opinion = _lemma(head.head)
    if opinion not in _OPINION and not (opinion in _HELD and _child(head.head, "neg") is not None):
        return False  # "they believe Hezbollah will attack" is reported like "said"; "I don't think" is not
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in _children(head))
    return reading.future or reading.hypothetical or to


def _bare_participle(head) -> bool:
    """"Found several victims injured", "thousands of wounded", "pretending to be shot": a
    participle that names the state of the people it describes, with nothing that says when,
    where or by whom ("those killed in the massacre" keeps its place, and its event)."""
    if head.dep_ == "xcomp" and _lemma(head.head) in ("pretend", "seem", "appear"):
        return True
    if head.tag_ != "VBN" or head.dep_ not in ("acl", "pobj", "dobj", "amod", "oprd"):
        return False
    if head.dep_ == "oprd" and _lemma(head.head) == "leave" or head.dep_ == "acl" and (
            head.head.dep_ == "pobj" or _lemma(head.head.head) == "leave"):
        return False  # "the attack left 34 people injured", "the bodies of three soldiers killed"
    return not any(c.dep_ in ("agent", "prep", "npadvmod", "advcl", "dobj", "advmod", "nsubjpass") for c in _children(head))


_CAMPAIGNING = frozenset("campaign election victory primary reelection re-election".split())
# What two people agree on when they make an agreement, not share a view ("agreed on a plan").
_TERMS = frozenset("""deal plan agreement accord terms ceasefire truce framework proposal deadline date
    timetable schedule text wording compromise settlement""".split())


def _campaign_rally(reading: Reading) -> bool:
    """"Sanders held a rally at Penn State", "a campaign rally in Ohio": a candidate's rally is
    campaigning, no protest; one held against someone or something ("a rally against Putin")
    stays one."""
    trigger, head = reading.trigger, reading.head
    if _lemma(trigger) not in ("rally", "rallies"):
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("against", "over") for t in (trigger, head) for c in _children(t)):
        return False
    if any(c.dep_ in ("compound", "amod") and c.lower_ in _CAMPAIGNING for c in _children(trigger)):
        return True
    subject = _child(head, "nsubj")
    return subject is not None and (subject.ent_type_ == "PERSON" or subject.lower_ in _PERSONAL)


def _shared_view(reading: Reading) -> bool:
    """"Many people agreed with Mr. Trump on the issue": sharing a person's view, where an
    agreement is made with a party on its terms ("agreed with Russia on a ceasefire", "agreed
    with Biden on a plan") or to do something ("agreed with him to hold talks")."""
    head = reading.head
    if _lemma(head) != "agree" or any(c.dep_ == "xcomp" for c in _children(head)):
        return False
    partners = _prep_objects(head, ("with",))
    if not partners or not all(p.ent_type_ == "PERSON" or p.lower_ in _PERSONAL for p in partners):
        return False
    terms = _prep_objects(head, ("on", "to", "upon"))
    return not any(_lemma(t) in _TERMS or _noun_entry(t) is not None for t in terms)


# Types a participle can name as a standing position of the people it describes.
_STANCES = frozenset("SUPPORT REJECT".split())


def _describing(head) -> bool:
    """"A super PAC supporting Rubio", "activists opposing the war", "rebels backed by Iran": a
    participle that says where the people it describes stand, not something done at a time
    (which is said with a finite verb: "endorsed Rubio on Tuesday")."""
    if head.dep_ != "acl" or head.tag_ not in ("VBG", "VBN"):
        return False
    return not any(c.ent_type_ in ("DATE", "TIME") for c in head.subtree)


def _imperative(head) -> bool:
    """"Promise me you'll stay", "Stop the violence", a quoted "Meet people not once, but
    twice" or a demand listed as "demands: withdraw the bill": an order or a lyric, no one's act."""
    if head.dep_ == "ccomp" and any(c.dep_ in ("dobj", "dative") for c in _children(head.head)):
        return False  # "'Release the hostages,' the council told the rebels": addressed to a party
    return head.dep_ in ("ROOT", "ccomp", "acl") and head.tag_ == "VB" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl", "mark") for c in _children(head))


_HABITUAL = frozenset("typically usually generally traditionally routinely normally".split())


def _condition(head) -> bool:
    """Whether the clause is the condition of another ("if the plan rejected ...") or what it
    waits for ("once they are delivered", "until every building has been searched", not in the
    past tense): not a fact."""
    if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in _children(head) + (
            _children(head.head) if head.dep_ == "conj" else ())):
        return True  # "Democrats typically oppose ...", "are routinely threatened": no one occasion
    if head.dep_ in ("acl", "ccomp") and _lemma(head.head) in ("condition", "conditions", "proviso"):
        return True  # "offered to appear upon the condition that Fox contribute $5 million"
    if head.dep_ in ("ccomp", "csubj", "xcomp", "conj") and any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in _children(head)):
        return True  # "unclear whether the rebels will accept", "did not say if troops had left"
    if head.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in _children(head) if c.dep_ == "mark"}
    if marks & {"if", "unless"}:
        return True
    past = head.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in _children(head))
    return bool(marks & {"once", "until", "till"}) and not past


def _reading(head, depth: int) -> Reading | None:
    if depth > 3:
        return None
    lemma = _lemma(head)
    if lemma == "be" or head.pos_ == "AUX" and head.dep_ == "ROOT":
        if _child(head, "expl") is not None and _child(head, "neg") is not None:
            return None  # "there were not multiple calls": none happened
        for child in _children(head):
            if child.dep_ in ("acomp", "attr") and child.pos_ in ("ADJ", "NOUN", "VERB"):
                found = _reading(child, depth + 1)
                if found is not None:
                    found.head = head
                    found.chain.insert(0, head)
                    return found
        return None
    particle = _particle(head, lemma)
    if (lemma, particle) in NO_EVENT_PHRASES or _everyday(head, lemma) or _everyday_phrase(head, lemma, particle):
        return None
    obj = _object(head)
    obj_lemma = _lemma(obj) if obj is not None else None
    own = PHRASES.get((lemma, particle)) if particle else None
    if own is None and obj_lemma is not None:
        own = OBJECT_TYPES.get((lemma, obj_lemma)) or OBJECT_TYPES.get((lemma, obj.lower_))
    patient = _child(head, "nsubjpass") if own is None and obj is None else None
    if patient is not None:
        # the passive of a verb-and-object entry ("the Chinese ambassador was summoned")
        own = OBJECT_TYPES.get((lemma, _lemma(patient))) or OBJECT_TYPES.get((lemma, patient.lower_))
    if own is None and obj is not None and lemma in _LAUNCHERS and obj_lemma in WEAPONS and obj.dep_ == "dobj":
        if any(c.dep_ == "prep" and c.lower_ in _AIMED and _aimed_at_party(c) for c in _children(head)):
            own = ("ASSAULT", None)  # "fired rockets into northern Israel", "launched drones at Kyiv"
    if own is None and lemma in VERBS and (head.pos_ in ("VERB", "AUX") or head.pos_ == "ADJ" and head.tag_ != "JJ"):
        own = _sense(head, lemma, obj, VERBS[lemma])
        if lemma == "strike" and obj is not None and obj_lemma in ("deal", "agreement", "accord"):
            own = ("AGREE", None)
        elif lemma == "strike" and obj is not None and obj.dep_ == "dobj" and obj_lemma not in _NOT_STRUCK:
            own = ("ASSAULT", None)  # "missiles struck an apartment block": workers strike with no object
        elif lemma == "strike" and (particle == "back" or any(c.dep_ == "prep" and c.lower_ == "at" for c in _children(head))):
            own = ("ASSAULT", None)  # "the army struck back at Hamas"

    if lemma == "warn" and _warns_of_hazard(head, _complement(head)):
        return None  # "warned of more aftershocks", "that the storm could disrupt ...": no one's act
    stance = CONTROL.get(lemma)
    if lemma == "seek" and any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in _children(head)):
        stance, own = "intent", None  # "sought to calm donors": an attempt, not a request
    if stance == "request" and lemma in ("call", "push", "order") and particle not in ("for", "on", "upon"):
        stance = "request" if lemma == "order" and _complement(head) is not None else None
    if stance is not None:
        found = _stance_reading(head, stance, own, depth)
        if found is not None:
            return found

    if own is not None and own[0] == "CONSULT" and _by_phone(head):
        own = ("CONSULT", "phone")
    if own is not None:
        return Reading(own[0], own[1], head, head, [head] + ([obj] if obj is not None else []), strength=1.0)
    if obj is not None and lemma in LIGHT_VERBS:
        entry = _noun_entry(obj) or OBJECT_TYPES.get(("*", obj_lemma))
        if entry is not None:
            return Reading(entry[0], entry[1], obj, head, [head, obj], strength=0.9)
    if obj is not None and OBJECT_TYPES.get(("*", obj_lemma)) is not None and head.pos_ == "VERB" and lemma not in _UNDOING:
        entry = OBJECT_TYPES[("*", obj_lemma)]
        return Reading(entry[0], entry[1], obj, head, [head, obj], strength=0.6)
    if (obj is not None and obj.dep_ == "pobj" and head.pos_ == "VERB" and lemma not in VERBS and lemma not in ("comment", "speculate", "elaborate")
            and not _emergency_call(obj)):
        # a verb naming nothing with the act as its purpose or state: "returned to Geneva for
        # talks", "put under investigation", "remained on alert"
        entry = _noun_entry(obj)
        if entry is not None:
            return Reading(entry[0], entry[1], obj, head, [head, obj], strength=0.7)
    if head.pos_ in ("NOUN", "PROPN"):
        entry = _noun_entry(head) if not _emergency_call(head) else None
        if entry is not None:
            return Reading(entry[0], entry[1], head, head, [head], strength=0.7)
        return None
    # a verb that names nothing: an event noun as its subject ("fighting broke out") or the object
    # of a verb of taking part (_TAKING_PART); "posed a threat", "faced threats", "overruled that
    # request" name no act of their subject's
    for child in _children(head):
        if child.dep_ in ("nsubj", "nsubjpass") or child.dep_ == "dobj" and lemma in _TAKING_PART:
            entry = _noun_entry(child)
            if entry is not None:
                return Reading(entry[0], entry[1], child, head, [head, child], strength=0.5)
    return None


# What a contest beats, and where ("beat back a challenge", "beat him in the primary").
_CONTESTS = frozenset("challenge challenges bid attempt effort motion odds expectations record deadline".split())
_RACES = frozenset("primary primaries election elections race caucus caucuses poll polls vote runoff".split())
# People of no armed or official sector: a place they occupy or take is a protest.
_CIVIL = frozenset("CVL EDU LAB".split())
# What taking a place by force is when a crowd does it: protesters who seize a building occupy it,
# protesters who storm one riot (troops and police who do the same keep the verb's own type).
_TAKEN_BY_CROWDS = {"seize": ("PROTEST", "obstruct"), "storm": ("PROTEST", "riot")}


def _names_place(token) -> bool:
    """Whether a noun (or the noun it is a part of: "parts of the island") names a place or a
    building: a place name, or a word of PLACE_NOUNS."""
    return any(t.ent_type_ in ("GPE", "LOC", "FAC") or _lemma(t) in PLACE_NOUNS for t in _with_of_objects(token))


def _crowd_takes_place(head) -> bool:
    """Whether a crowd of no armed or official sector ("protesters", "students") takes a place."""
    subject, taken = _child(head, "nsubj"), _child(head, "dobj")
    return (subject is not None and taken is not None and sector_of(subject.lower_) in _CIVIL
            and not _armed(subject) and _names_place(taken))  # fmt: skip


def _sense(head, lemma: str, obj, own):
    """`own`, or None where the verb is in its everyday sense: what it acts on (its direct
    object, or its passive subject) is not of the kind its PLOVER sense needs (lexicon.SENSES); and "attack"
    between two named people, or "attacked X for Y", is the verbal attack (ACCUSE)."""
    if lemma in ("attack", "hit") and _verbal_attack(head, obj):
        return ("ACCUSE", None)
    if lemma in _TAKEN_BY_CROWDS and own is not None and _crowd_takes_place(head):
        return _TAKEN_BY_CROWDS[lemma]  # "protesters seized government buildings", "stormed parliament"
    need = SENSES.get(lemma)
    if need is None:
        return own
    if need == "opponent":
        return own if _has_opponent(head) else None
    acted_on = _child(head, "dobj") or _child(head, "nsubjpass")
    if acted_on is None and head.dep_ == "relcl" and need == "party or goods":
        acted_on = head.head  # "the message he had delivered to his colleagues"
    if acted_on is not None and need == "party or goods" and _lemma(acted_on) in SPEECH_NOUNS:
        return None  # "delivered a speech", "a heartfelt defense of her husband"
    if need == "restriction":  # "lifted sanctions", not "helped lift him into contention"
        if acted_on is None:
            return None
        entry = _noun_entry(acted_on)
        return own if _lemma(acted_on) in RESTRICTIONS or entry is not None and entry[0] in ("SANCTION", "COERCE") else None
    if need == "no rival":  # "has beaten his rivals" in an election; "beat Iraq 2-1" in a match
        if _SCORE.search(head.doc[head.left_edge.i : head.right_edge.i + 1].text):
            return None
        if acted_on is not None and _lemma(acted_on) in _CONTESTS:
            return None  # "beat back a primary challenge", "beat the odds"
        if any(c.dep_ == "prep" and any(_lemma(g) in _RACES for g in _children(c)) for c in _children(head)):
            return None  # "beat him in the primary", "in the race for mayor"
        subject = _child(head, "nsubj")
        if acted_on is not None and subject is not None and acted_on.ent_type_ == "PERSON" == subject.ent_type_:
            return None  # "Gary Hart beat Walter Mondale in 1984": one named person outpolling another
        return None if acted_on is not None and (_lemma(acted_on) in RIVALS or acted_on.lower_ in RIVALS) else own
    if need in ("ties", "party or ties", "act"):
        if acted_on is None or any(c.dep_ == "prep" and c.lower_ == "for" for c in _children(head)) and need != "act":
            return None  # "recognize that ...", "were recognized for their work"
        if need == "act":  # "cancelled the visit", "a gas deal"; not flights, classes or one's own rally
            if getattr(_child(head, "nsubj"), "ent_type_", "") in ("GPE", "NORP"):
                return own  # a country cancels flights or classes as a measure
            entry = _noun_entry(acted_on)
            return own if entry is not None and entry[0] != "PROTEST" or _lemma(acted_on) in CANCELLED else None
        if _lemma(acted_on) in TIES or acted_on.lower_ in TIES:
            return own
        owner = [c for c in _children(acted_on) if c.dep_ == "poss"] + _with_of_objects(acted_on)[1:]
        return own if need == "party or ties" and (_is_party(acted_on) or any(
            o.ent_type_ in ("GPE", "NORP", "ORG") for o in owner)) else None  # "recognized Israel's right to exist"
    if acted_on is None and head.tag_ == "VBN" and head.dep_ in ("acl", "advcl"):
        acted_on = head.head  # "Zhaparov, freed from prison by protesters"
        if _child(head, "agent") is not None and head.dep_ == "advcl":
            return own  # the parse hangs it on a verb: the freed are the ones the clause describes
    if acted_on is None and lemma in ("help", "assist"):
        # "helped Hezbollah rebuild", "will help rebuild the Iraqi army": the one helped is the
        # complement's subject or object, if it names a country, an organisation or armed forces,
        # not a person ("helped persuade David Lynch"), officials ("helped officials realize")
        # or a pronoun ("help finance them")
        comp = _complement(head)
        found = [c for c in _children(comp) if c.dep_ in ("nsubj", "dobj")] if comp is not None else []
        if any(c.ent_type_ in ("NORP", "GPE", "ORG") or sector_of(c.lower_) in _ARMED
               or any(t.ent_type_ in ("NORP", "GPE") for t in c.lefts) for c in found):
            return own
    if acted_on is None and need == "party or goods":
        acted_on = next(iter(_prep_objects(head, ("to", "for", "with"))), None)
    if need == "forces":  # "dispatched 4,000 troops", not "aides were dispatched to Washington"
        acted_on = acted_on if acted_on is not None else _child(head, "nsubj")
        if acted_on is None:
            return own
        sent = [t for c in [acted_on, *acted_on.conjuncts] for t in _with_of_objects(c)]
        sent += [c for t in list(sent) for c in t.conjuncts]
        sent += [m for t in list(sent) for m in _children(t) if m.dep_ in ("amod", "compound")]  # "military personnel"
        return own if any(_armed(t) or _lemma(t) in FORCES or t.lower_ in FORCES or _lemma(t) in WEAPONS for t in sent) else None
    if acted_on is None:
        return own if need == "party when object" else None
    if need == "party or act":  # "examined allegations", not "examined signals from ships"
        return own if _noun_entry(acted_on) is not None or _is_party(acted_on) else None
    if need == "envoy":
        return own if _lemma(acted_on) in ENVOYS or acted_on.lower_ in ENVOYS else None
    if need == "place":
        subject = _child(head, "nsubj")
        if _armed(subject):
            return own  # troops occupy whatever they take
        if not _names_place(acted_on):
            return None  # "occupied parts of the island", not "occupies one of the key positions"
        if subject is not None and sector_of(subject.lower_) in _CIVIL:
            return ("PROTEST", "obstruct")  # protesters who occupy a campus block it; armies occupy towns
        return own
    if need == "goods":
        # "sent 50 tonnes of medical supplies", "sent weapons": what is sent, or what it is made of,
        # is aid; a delegation, a letter or a signal sent is none
        sent = _with_of_objects(acted_on)
        sent += [c for t in list(sent) for c in t.conjuncts]
        if any(_goods(t) for t in sent):
            return own
        # weapons are aid only sent to someone ("sent Patriot missiles to Poland"), not "into" a place
        given = any(c.dep_ in ("prep", "dative") and c.lower_ == "to" for c in _children(head))
        return own if given and any(_lemma(t) in WEAPONS or t.lower_ in WEAPONS for t in sent) else None
    if need == "party or meeting" and (_noun_entry(acted_on) or ("",))[0] == "CONSULT":
        return own
    if need == "party or goods" and any(_goods(t) for t in acted_on.subtree):
        return own  # "tons of food aid", "photographs and other intelligence", "$50 million"
    given = _prep_objects(head, ("with",))
    if given and not any(_goods(t) for g in given for t in g.subtree):
        return None  # "provide Americans with greater economic security"
    return own if _is_party(acted_on) else None


def _with_of_objects(noun) -> list:
    """A noun and what its "of" phrases name ("parts of the island", "tonnes of supplies")."""
    return [noun] + _prep_objects(noun, ("of",))


def _goods(token) -> bool:
    """Whether a word names what aid gives: goods, services or a sum of money."""
    return _lemma(token) in AID_GOODS or token.lower_ in AID_GOODS or token.ent_type_ == "MONEY"


_ARMED = frozenset("MIL REB PRM UAF COP SPY".split())
_PERSONAL = frozenset("him her them us me he she they we i".split())


def _armed(token) -> bool:
    """Whether a noun names armed forces, police or fighters ("troops", "rebels", "police")."""
    return token is not None and (sector_of(token.lower_) in _ARMED or sector_of(_lemma(token)) in _ARMED)


def _has_opponent(head) -> bool:
    """Whether a fight is one: an armed doer fights whoever it fights ("rebels fought to take
    the town"), and so does anyone fighting with or against someone; not "fought to push
    through reforms", "fought the charges", "fought for a pay rise" (a cause, no one fought)."""
    subject = _child(head, "nsubj")
    if _armed(subject) or subject is not None and any(t.ent_type_ == "NORP" for t in subject.subtree):
        return True
    for prep in _children(head):
        if prep.dep_ == "prep" and prep.lower_ in ("against", "with"):
            return True
    if _child(head, "xcomp") is not None:
        return False
    obj = _child(head, "dobj")
    if obj is not None:
        return _is_party(obj)
    if subject is not None and (subject.ent_type_ == "PERSON" or subject.lower_ in _PERSONAL):
        return False  # "he will fight on to the convention": a campaign, no one fought
    return not any(c.dep_ == "prep" and c.lower_ == "for" for c in _children(head))


def _is_party(token) -> bool:
    """Whether a token names someone who can be acted on: a person, group, organisation or
    country (by the parse's entity, a pronoun, a people noun or a sector word)."""
    if token.ent_type_ in ("PERSON", "NORP", "ORG", "GPE"):
        return True
    low = token.lower_
    if low in _PERSONAL or _lemma(token) in PEOPLE_NOUNS or low in PEOPLE_NOUNS:
        return True
    # the noun with its modifiers: "police investigators", "Iranian officials"
    modifiers = [t for t in token.lefts if t.dep_ in ("compound", "amod")]
    return any(sector_of(t.lower_) is not None or t.ent_type_ in ("NORP", "GPE", "ORG") for t in modifiers + [token])


def _verbal_attack(head, obj) -> bool:
    """"Trump attacked Clinton", "attacked the plan for ...": words, not force."""
    for prep in (c for c in _children(head) if c.dep_ == "prep" and c.lower_ in ("for", "as")):
        if not any(_lemma(g) in _MEASURES or g.ent_type_ in ("DATE", "TIME") or _lemma(g) in ("time", "hour", "second")
                   for g in _children(prep)):
            return True  # "attacked the plan for ...", "attacked her as ..."; not "hit targets for a second day"
    subject = _child(head, "nsubj")
    if obj is not None and _lemma(obj) in _WORDS_AND_DECISIONS:
        return True  # "attacking the decision", "attacked his remarks": words against words
    return obj is not None and obj.ent_type_ == "PERSON" and subject is not None and subject.ent_type_ == "PERSON"


# What only words can attack: a decision, a policy, what someone said.
_WORDS_AND_DECISIONS = frozenset("""decision decisions ruling rulings policy policies plan plans proposal proposals
    remark remarks comment comments statement statements idea ideas law bill legislation
    agenda stance speech claim claims""".split())
_REFLEXIVES = frozenset("itself themselves himself herself ourselves myself yourself".split())
_CHANCES = frozenset("moment opportunity initiative chance momentum spotlight day imagination attention".split())


def _everyday(head, lemma: str) -> bool:
    """A verb of the lexicon used for no act: a question asked ("asked whether", "asked him a
    question"), "decline" with nothing declined (a figure that fell), a chance seized, a quality
    demonstrated, and "agreed that" with no act to come."""
    if lemma == "ask":
        obj = _child(head, "dobj")
        if obj is not None and _lemma(obj) in ("question", "questions"):
            return True
        for child in _children(head):
            if child.dep_ == "ccomp" and any(g.dep_ in ("mark", "advmod", "nsubj", "dobj") and g.i < child.i
                                             and g.lower_ in QUESTION_WORDS for g in _children(child)):
                return True
        return False
    if lemma == "decline" and _child(head, "dobj") is None and _complement(head) is None:
        return True
    if lemma == "commit":  # "committed violent acts", "committed atrocities": something done, no pledge
        obj = _child(head, "dobj")
        if obj is None or obj.lower_ in _REFLEXIVES:
            return False  # "committed to talks", "committed itself to a ceasefire"
        pledged = obj.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY") or any(c.dep_ == "nummod" for c in _children(obj))
        return not (pledged or _lemma(obj) in FORCES or _goods(obj))  # "committed $2 million", "500 troops"
    if lemma == "concede" and any(c.dep_ == "ccomp" for c in _children(head)):
        return True  # "advisers conceded that it had been a difficult night": an admission
    if lemma in ("promise", "pledge", "vow") and not any(
            c.dep_ in ("dobj", "xcomp", "ccomp", "dative", "prep") for c in _children(head)):
        return True  # "“I want to keep doing my best,” he promises": nothing promised to anyone
    if lemma == "demonstrate":  # "demonstrated its resolve", "demonstrated that ...": shown, no protest
        return any(c.dep_ in ("dobj", "ccomp") for c in _children(head))
    if lemma == "seize":  # "seized the moment", "seized the initiative": a chance taken, nothing seized
        obj = _child(head, "dobj")
        return obj is not None and _lemma(obj) in _CHANCES
    if lemma == "agree":  # "voters agreed that she is healthy": an opinion shared, not an agreement
        that = next((c for c in _children(head) if c.dep_ == "ccomp"), None)
        if that is not None and _lemma(that) == "be":
            return True  # "agree that the change will be gradual": an opinion of how things are
        return that is not None and not any(
            c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.lower_ in _FUTURE_AUX | {"to"}) for c in _children(that))
    if lemma in ("decline", "refuse"):  # "declined to comment", "refused to answer questions"
        comp = _child(head, "xcomp")
        obj = _child(head, "dobj")
        return (comp is not None and _lemma(comp) in _NO_COMMENT) or (obj is not None and _lemma(obj) in _NO_COMMENT)
    if lemma == "insist":  # "insisted that his plan has worked": a claim; "insisted on", "that Kyiv withdraw" ask
        if any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in _children(head)):
            return False
        that = next((c for c in _children(head) if c.dep_ == "ccomp"), None)
        if that is None:
            return True
        aux = [c for c in _children(that) if c.dep_ in ("aux", "auxpass")]
        subjunctive = that.tag_ == "VB" or that.tag_ == "VBP" and _lemma(that) != "be"  # "that the talks continue"
        return not (subjunctive and not aux or any(c.lower_ in ("should", "must") for c in aux))
    if lemma == "plead":  # "pleaded guilty": a plea in court, not an appeal
        return any(c.lower_ in ("guilty", "innocent") for c in _children(head))
    if lemma == "search":  # "searched for survivors", "through the rubble": looking, not a raid
        searcher = _child(head, "nsubj")
        if _armed(searcher) and _lemma(searcher) not in _CRAFT and not any(
                c.dep_ == "prep" and c.lower_ == "through" for c in _children(head)):
            return False  # "troops searched for militants in Nablus"
        return _child(head, "dobj") is None and _child(head, "nsubjpass") is None
    if lemma == "deny" and (_lemma(head.head) == "confirm" and head.dep_ == "conj"
                            or any(c.dep_ == "conj" and _lemma(c) == "confirm" for c in _children(head))):
        return True  # "would not confirm or deny that a mishap occurred": no comment
    if lemma == "support":  # "able to support their families": to provide for, not to back
        obj = _child(head, "dobj")
        return obj is not None and obj.lower_ in ("family", "families", "children") and any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in _children(obj))
    if lemma == "accept":  # "accepted her award": an honour, no proposal accepted
        obj = _child(head, "dobj")
        return obj is not None and _lemma(obj) in HONOURS
    if lemma in ("free", "release") and _child(head, "xcomp") is not None:
        freed = _child(head, "dobj")  # "a move to free delegates to vote their conscience": let, not set free
        return freed is None or not (freed.ent_type_ == "PERSON" or _lemma(freed) in PEOPLE_NOUNS)
    if lemma in _SELF_HARM:  # "the gunman shot himself": no one else was attacked
        obj = _child(head, "dobj")
        return obj is not None and obj.lower_ in ("himself", "herself", "themselves", "myself")
    return False


# What a refusal to speak refuses ("declined to comment"): no act is refused.
_NO_COMMENT = frozenset("""comment speculate elaborate answer respond say discuss disclose reveal specify
    confirm detail address divulge identify name""".split())
_SCORE = re.compile(r"\b\d{1,3} ?[-–] ?\d{1,3}\b")
_CRAFT = frozenset("helicopter aircraft drone plane jet airliner boat ship vessel flight".split())
_SELF_HARM = frozenset("kill shoot stab hang wound injure".split())
# Whom a statement is made to: reporters or an audience are no party consulted.
_AUDIENCE = frozenset("""press reporter reporters journalist journalists media audience audiences crowd crowds
    supporters voters viewers listeners readers cameras camera students""".split())
_VISITS = frozenset("arrive travel fly".split())
# Verbs that stop, block or undo what they act on: "stop any trade deal" makes no agreement.
_UNDOING = STOPPING | frozenset("block kill scrap torpedo derail sink undo".split())
# What a call for can be that no one is asked for: "calls for service", a forecast's "snow".
_NOT_ASKED = HAZARDS | frozenset("""service services accumulation accumulations showers shower sunshine
    temperatures thunderstorms flurries sleet highs lows""".split())


def _emergency_call(token) -> bool:
    """"Responded to a call of shots fired", "a 911 call": a call for the police, no one consulted."""
    if _lemma(token) not in ("call", "calls"):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "of" and not any(_is_party(g) for g in _children(c))
               or c.dep_ in ("compound", "nummod") and c.lower_ in ("911", "999", "emergency", "distress")
               for c in _children(token))  # fmt: skip
_OUTINGS = frozenset("gathering gatherings trail stump airwaves road dinner breakfast lunch luncheon reception fundraiser".split())


def _an_outlet(token) -> bool:
    """Whether a name is a news outlet's ("spoke to CNBC", "talked with Reuters"): an interview,
    no party consulted."""
    from ..entities.known import outlet_country

    if token.ent_type_ != "ORG":
        return False
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return ent is not None and outlet_country(ent.text) is not None


def _everyday_phrase(head, lemma: str, particle: str | None) -> bool:
    """Phrasal and other uses that name no act: speaking to reporters, an outlet or an audience, or
    talking alone ("talked candidly at a town hall"), where consultation needs a party
    spoken with; "pulled people out of cars" (a rescue, where a retreat pulls out troops);
    arriving, travelling or flying to no country or city ("police arrived"), or flying
    someone somewhere (transport)."""
    if lemma in ("speak", "talk") and particle not in ("out",):
        partners = _prep_objects(head, ("with", "to"))
        if partners:
            return all(_lemma(p) in _AUDIENCE or p.lower_ in _AUDIENCE or sector_of(p.lower_) == "JRN"
                       or _an_outlet(p) for p in partners)  # fmt: skip
        if _by_phone(head):
            return False
        subject = _child(head, "nsubj")
        return subject is None or not (subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in _children(subject)))
    if lemma == "call" and particle == "for" and any(_lemma(g) in _NOT_ASKED for g in _prep_objects(head, ("for",))):
        return True  # "325 calls for service", "the forecast called for snow accumulations"
    if lemma == "speak" and particle == "out" and not any(
            c.dep_ == "prep" and c.lower_ in ("against", "at") for c in _children(head)):
        return True  # "for speaking out about issues of race": a statement; "spoke out against" accuses
    if lemma == "shut" and particle == "down" and _child(head, "dobj") is None and _child(head, "nsubjpass") is None:
        return True  # "part of the highway shut down": closed, no one silenced
    if lemma == "call" and particle == "off":  # "called off school"; "called off the strike" stays
        obj = _child(head, "dobj")
        return obj is not None and _noun_entry(obj) is None and _lemma(obj) not in CANCELLED
    subject = _child(head, "nsubj")
    if lemma == "hit" and _lemma(_child(head, "dobj")) in _OUTINGS and (subject is None or
            subject.ent_type_ == "PERSON" or subject.lower_ in _PERSONAL):
        return True  # "before hitting a cooperative's gathering": a campaign stop
    if lemma == "pull" and particle in ("out", "back"):
        obj = _child(head, "dobj") or _child(head, "nsubjpass")  # "four boys were pulled out of the cave"
        return obj is not None and not (_armed(obj) or _lemma(obj) in ENVOYS or obj.lower_ in ENVOYS)
    if lemma in _VISITS:
        if _child(head, "dobj") is not None:
            return True  # "fly hundreds of children to Miami"
        if _lemma(_child(head, "nsubj")) in _CRAFT or _lemma(_child(head, "nsubj")) + "s" in _CRAFT:
            return True  # "aid aircraft flew into Port-au-Prince": a flight, no one visiting
        places = _prep_objects(head, ("in", "at", "to", "for", "into", "on"))
        if any(p.ent_type_ in ("GPE", "LOC") or _noun_entry(p) is not None for p in places):
            return False
        if any(c.dep_ == "advmod" and c.lower_ in ("here", "there") for c in _children(head)):
            return False  # a dateline's "arrived here Tuesday"
        if places:
            return True  # "arrived at the hospital", "traveled to the main hospital"
        subject = _child(head, "nsubj")  # "Dennis Ross arrived on Tuesday"; not "police arrived"
        return subject is None or subject.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP")
    return False


def _stance_reading(head, stance: str, own, depth: int) -> Reading | None:
    comp = _complement(head)
    inner = _reading(comp, depth + 1) if comp is not None else None
    if inner is not None:
        _modality(inner)
    chain = [head] + (inner.chain if inner is not None else [])
    what = _asked_for(head, comp)
    if stance == "threaten":
        mode = _threat_mode(inner)
        return Reading("THREATEN", mode, head, head, chain, stance=stance)
    if stance == "reject":
        if _lemma(head) in ("deny",) and inner is None and what is None:
            return Reading("REJECT", None, head, head, chain, stance=stance, strength=0.7)
        return Reading("REJECT", ASK_MODES.get(what), head, head, chain, stance=stance)
    if stance == "request":
        if _lemma(head) == "order" and inner is not None and inner.type in MATERIAL_CONFLICT:
            return Reading("COERCE", inner.mode, head, head, chain, stance=stance)
        return Reading("REQUEST", ASK_MODES.get(what), head, head, chain, stance=stance)
    # intent: the complement decides
    if _lemma(head) in _OPINION and comp is not None and comp.dep_ == "ccomp" and _child(comp, "nsubj") is not None:
        return None  # "don't expect him to back Clinton": a prediction of another's act
    if inner is None:
        if own is not None and _lemma(head) not in WEAK_INTENT:
            return Reading(own[0], own[1], head, head, chain, strength=0.9)
        return None
    kind = inner.type
    if inner.negated and kind in COOPERATIVE:
        return Reading("REJECT", ASK_MODES.get(what), head, head, chain, stance="reject")
    if kind in COOPERATIVE:
        return Reading("AGREE", None, inner.trigger, head, chain, stance="intent",
                       future=True, strength=inner.strength)  # fmt: skip
    if kind in MATERIAL_CONFLICT:
        return Reading("THREATEN", _threat_mode(inner), inner.trigger, head, chain, stance="intent", future=True)
    return Reading(kind, inner.mode, inner.trigger, head, chain, stance="intent", future=True, strength=inner.strength)


def _warns_of_hazard(head, comp) -> bool:
    """Whether a warning is of a hazard: what it is 'of', or the warned clause's subject, is a
    natural hazard ("the storm", "aftershocks"), where a threat warns of the doer's own act."""
    nouns = _prep_objects(head, ("of", "about"))
    if comp is not None:
        nouns += [c for c in _children(comp) if c.dep_ in ("nsubj", "nsubjpass")]
        nouns += [t for t in comp.subtree if t.dep_ == "pobj" and t.head.lower_ == "from"]  # "under threat from heat"
    return any(_lemma(n) in HAZARDS or n.lower_ in HAZARDS for n in nouns)


def _threat_mode(inner: Reading | None) -> str | None:
    if inner is None:
        return None
    if inner.type == "ASSAULT":
        return "violence"
    if inner.type == "COERCE":
        return "arrest" if inner.mode == "arrest" else "restrict"
    if inner.type in ("SANCTION", "REJECT") or inner.mode == "boycott":
        return "expel" if inner.mode == "expel" else "relations"
    if inner.type == "PROTEST":
        return "restrict"
    return None


def _modality(reading: Reading) -> None:
    head = reading.head
    governor = head.head
    if head.dep_ == "xcomp" and reading.stance is None and (_lemma(governor) in CONTROL or governor.lower_ in CONTROL or _lemma(governor) == "mention") and any(
            c.dep_ == "neg" for c in _children(governor)):
        reading.negated = True  # "was not going to step down", "did not mention requesting a donation"
    tokens = [head] + [t for t in reading.chain if t is not head]
    for token in tokens:
        for child in _children(token):
            low = child.lower_
            if child.dep_ in ("aux", "auxpass") and low in _FUTURE_AUX:
                reading.future = True
            if child.dep_ in ("aux", "auxpass") and low in _MAYBE_AUX:
                reading.hypothetical = True
            if child.dep_ == "neg" or (child.dep_ == "det" and low == "no" and token is reading.trigger):
                if token is head or token is reading.trigger:
                    reading.negated = True
            if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in _children(child)):
                reading.hypothetical = True
        if token is head:
            break
    if _lemma(head) in ("set", "due", "scheduled", "going") and _complement(head) is not None:
        reading.future = True
    # "said it would ...": the reported clause's own tense
    if head.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in _children(head)):
        pass


def _codebook_rules(reading: Reading) -> None:
    """Tense and negation, as the codebook resolves them into a single category."""
    kind = reading.type
    if reading.negated and kind in COOPERATIVE:
        reading.type, reading.mode = "REJECT", None
        reading.negated = False
        return
    if reading.stance is not None:
        return
    if reading.future:
        if kind in ("CONSULT", "SUPPORT", "COOPERATE", "AID"):
            reading.type, reading.mode = "AGREE", None
        elif kind == "RETREAT":
            reading.type = "CONCEDE"
        elif kind in MATERIAL_CONFLICT:
            reading.type, reading.mode = "THREATEN", _threat_mode(Reading(kind, reading.mode, None, None))
    elif reading.hypothetical and kind in MATERIAL_CONFLICT:
        reading.type, reading.mode = "THREATEN", _threat_mode(Reading(kind, reading.mode, None, None))


# -- parse helpers ----------------------------------------------------------------------------


def _lemma(token) -> str:
    return token.lemma_.lower() if token is not None else ""


def _prep_objects(token, words: tuple[str, ...]) -> list:
    """The objects of a token's prepositions among `words`, in order ("agreed with Biden on a
    plan": with → Biden; on → plan)."""
    return [g for c in _children(token) if c.dep_ == "prep" and c.lower_ in words for g in _children(c) if g.dep_ == "pobj"]


def _child(token, dep: str):
    for c in _children(token):
        if c.dep_ == dep:
            return c
    return None


# The doc being read and its tokens' children by index: the helpers here ask for the same
# token's children many times, and token.children makes new Token objects on every call.
# One slot per thread, so two threads coding events at once never read each other's doc.
_KIDS = threading.local()


def _children(token) -> tuple:
    """token.children, listed once per token of the doc last read (forget_children() drops it)."""
    doc = token.doc
    state = _KIDS.__dict__
    if state.get("doc") is not doc:
        state["doc"], state["kids"] = doc, {}
    kids = state["kids"].get(token.i)
    if kids is None:
        kids = state["kids"][token.i] = tuple(token.children)
    return kids


def forget_children() -> None:
    """Let go of the doc _children holds in this thread (once a doc is read)."""
    _KIDS.__dict__.clear()


# Weapons fired or launched at a place or party ("fired rockets into Israel") are an attack; a
# missile launched at nothing named is a test or a show of force. A transitive "strike" is an
# attack unless its object is one of these ("struck a deal", "struck a balance").
_LAUNCHERS = frozenset("fire launch lob hurl".split())
_AIMED = frozenset("at into on toward towards against across".split())
_NOT_STRUCK = frozenset("deal agreement accord bargain compromise balance chord note tone pose blow figure "
                        "match gold oil fear".split())  # fmt: skip


def _aimed_at_party(prep) -> bool:
    """Whether a preposition's object names a place or party ("into northern Israel", "at
    Ukrainian cities"), not the sea or the sky a test is fired into."""
    for pobj in (c for c in _children(prep) if c.dep_ == "pobj"):
        words = [pobj] + [c for c in _children(pobj) if c.dep_ in ("amod", "compound")]
        if any(w.pos_ == "PROPN" or w.ent_type_ in ("GPE", "NORP", "ORG") for w in words):
            return True
    return False


def _particle(token, lemma: str = "") -> str | None:
    prt = _child(token, "prt")
    if prt is not None:
        return prt.lower_
    for child in _children(token):  # the preposition that makes a phrasal verb, if any
        if child.dep_ == "prep" and child.i > token.i and (lemma, child.lower_) in PHRASES:
            return child.lower_
    for child in _children(token):
        if child.dep_ == "prep" and child.i > token.i and not _dated(child):
            return child.lower_
        if child.dep_ == "dobj" and _lemma(token) in ("open", "set") and child.lower_ == "fire":
            return "fire"
    return None


def _dated(prep) -> bool:
    """A preposition whose object is a date or time ("on Tuesday", "in March"): it says when,
    and is no particle of the verb ("seized the town on Tuesday" is not "seized on a claim")."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in _children(prep))


def _object(token):
    """The direct object (or the object of 'for'/'to' after a verb with none); through a
    measure noun to the act it measures ("launched ten days of war games")."""
    obj = _child(token, "dobj")
    if obj is not None:
        if _lemma(obj) in _MEASURES and _noun_entry(obj) is None:
            for prep in _children(obj):
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    pobj = _child(prep, "pobj")
                    if pobj is not None and _noun_entry(pobj) is not None:
                        return pobj
        return obj
    if token.pos_ in ("VERB", "ADJ"):
        for child in _children(token):
            if child.dep_ == "prep" and child.lower_ in ("for", "to", "on", "against", "upon", "under"):
                pobj = _child(child, "pobj")
                if pobj is not None and _noun_entry(pobj) is not None:
                    return pobj
    return None


def _by_phone(token) -> bool:
    """'spoke by phone', 'talked by video link': a consultation at a distance."""
    for child in _children(token):
        if child.dep_ == "prep" and child.lower_ in ("by", "over", "via"):
            if any(g.lower_ in ("phone", "telephone", "video", "videoconference", "videolink") for g in child.subtree):
                return True
    return False


def _complement(token):
    for child in _children(token):
        if child.dep_ in _COMPLEMENTS and child.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            return child
    obj = _child(token, "dobj")
    if obj is not None and obj.pos_ == "VERB":  # "proposed holding talks"
        return obj
    for child in _children(token):
        if child.dep_ == "prep" and child.lower_ in ("for", "to", "on", "upon", "against"):
            for grand in _children(child):
                if grand.dep_ in ("pobj", "pcomp") and (grand.pos_ == "VERB" or _noun_entry(grand) is not None):
                    return grand
    return None


def _asked_for(head, comp) -> str | None:
    """The word that says what is asked for or refused (REQUEST/REJECT modes)."""
    for token in itertools.chain((comp,) if comp is not None else (), head.subtree):
        if _lemma(token) in ASK_MODES:
            return _lemma(token)
        if token.lower_ in ASK_MODES:
            return token.lower_
    return None


def _noun_entry(token):
    if token is None or token.pos_ not in ("NOUN", "PROPN", "VERB"):
        return None
    if token.pos_ == "VERB" and token.tag_ != "VBG":
        return None
    word = token.lower_
    lemma = _lemma(token)
    compound = " ".join(c.lower_ for c in _children(token) if c.dep_ == "compound")
    modifier = " ".join(c.lower_ for c in _children(token) if c.dep_ in ("compound", "amod") and c.i < token.i)
    for joined in (compound + " " + word, modifier + " " + word):
        if joined.strip() in STATEMENT_NOUNS:
            return None
        if joined.strip() != word and joined.strip() in NOUNS:
            return NOUNS[joined.strip()]
    if lemma in _CARRIERS:  # "a mediation effort", "a peace bid": the modifier names the act
        for child in _children(token):
            if child.dep_ in ("compound", "amod") and child.i < token.i and child.pos_ == "NOUN":
                inner = NOUNS.get(child.lower_)
                if inner is not None:
                    return inner
    if compound:
        if lemma in ("strike", "strikes") and any(w in _AIR for w in compound.split()):
            return ("ASSAULT", "aerial")
    if lemma == "strike" and any(c.lower_ in ("hunger",) for c in _children(token)):
        return ("PROTEST", "hunger")
    if token.pos_ == "PROPN":
        return None
    entry = NOUNS.get(word) or NOUNS.get(lemma)
    if entry is not None and lemma in ("explosion", "blast") and accidental(token):
        return None  # "an accidental blast", "the explosion at the Chernobyl nuclear power plant"
    mods = [c for c in _children(token) if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i]
    if entry is not None and lemma == "release" and mods and not any(_is_party(c) for c in mods):
        return None  # "a radiation release": something let out, no one freed ("prisoner release" stays)
    return entry


# What an explosion that is an accident is of, or where it happens.
_ACCIDENTAL = frozenset("""accidental gas industrial chemical methane boiler fuel fertilizer fertiliser
    pipeline reactor nuclear""".split())
_TRIALS = frozenset("test tests exercise exercises drill drills trial trials experiment launch".split())
_WORKS = frozenset("plant plants factory factories mine mines refinery pipeline reactor warehouse".split())


def during_a_trial(token) -> bool:
    """Whether a word is said to happen during a test, an exercise or a launch ("an explosion
    during a rocket engine test", "were killed ... during a drill"): what happens then is an
    accident, not an attack."""
    return any(_lemma(g) in _TRIALS for g in _prep_objects(token, ("during",)))


def accidental(token) -> bool:
    """An explosion named for an accident's cause, site or occasion ("a gas explosion", "the
    blast at the chemical plant", "an explosion during a rocket engine test"), not for a weapon
    or an attacker."""
    if any(c.dep_ in ("amod", "compound") and _lemma(c) in _ACCIDENTAL for c in _children(token)):
        return True
    if during_a_trial(token):
        return True
    return any(_lemma(g) in _WORKS for g in _prep_objects(token, ("at", "in")))


def attached(token, reading: Reading, own: frozenset = frozenset(), clause_only: bool = False) -> bool:
    """Whether a token hangs on the event's own predicate, not on a reporting verb. With `own`
    (the token indices of a time expression), the path must stay adverbial: a date inside
    another noun phrase ("the disaster of two years ago") or another clause ("buildings that
    were inspected two years ago") does not date the event. With `clause_only`, only another
    clause breaks the path, not a noun phrase ("at a car in Gaza") nor a coordinated predicate
    of the same doer ("established ties with and opened an embassy in Tehran")."""
    chain = {t.i for t in reading.chain} | {reading.trigger.i, reading.head.i}
    breaks = ("relcl", "acl", "advcl", "ccomp", "xcomp", "appos", "pcomp") + (() if clause_only else ("conj",))
    hops = 0
    while hops < 12:
        if token.i in chain:
            return True
        if token.head.i == token.i:
            return False
        if (own or clause_only) and token.i not in own and token.dep_ in breaks:
            if not (token.dep_ in ("acl", "relcl") and (token.head.i in chain or names_act(token.head))):
                return False  # another clause; but "talks held on May 16" describe an act
        token = token.head
        if own and not clause_only and token.i not in own and token.i not in chain and token.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            if not names_act(token):
                return False  # "the disaster of two years ago" dates the disaster, not the event
        hops += 1
    return False


def names_act(token) -> bool:
    return token.pos_ == "NOUN" and _noun_entry(token) is not None
