"""The words that name PLOVER actions: our own lexicon, written from the PLOVER codebook's
category definitions (../shared/eval/events/plover/PLOVER_MANUAL.tex) and ordinary English.

Three kinds of entry:

- `VERBS`: a verb lemma → (type, mode). The type the verb names on its own, in the past tense
  and affirmed ("attacked", "met", "rejected").
- `PHRASES`: (verb lemma, particle or preposition) → (type, mode), for phrasal verbs whose
  meaning is not the verb's ("call for", "crack down", "step down", "pull out").
- `NOUNS`: an event noun → (type, mode): "talks", "sanctions", "airstrike". A noun names the
  event when it is the object of a light verb (`LIGHT_VERBS`: "held talks", "imposed
  sanctions") or the head the sentence is about.

`CONTROL` lists verbs and adjectives whose meaning is a stance towards the action in their
complement ("agreed to withdraw", "threatened to resume", "refused to accept", "ready to
contribute"): events.py combines the two following the codebook (intent + cooperation is AGREE,
intent + retreat is CONCEDE, intent + force is THREATEN, refusal of anything is REJECT).

`OBJECT_TYPES` lets an object noun refine a verb ("accepted demands" is CONCEDE, "signed an
agreement" SUPPORT, "sent aid" AID, "sent troops" MOBILIZE).
"""

from __future__ import annotations

import re

TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

# The codebook's quad categories.
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,  # verbal cooperation
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,  # material cooperation
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,  # verbal conflict
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,  # material conflict
}  # fmt: skip
COOPERATIVE = frozenset(t for t, q in QUAD.items() if q in (1, 2))
MATERIAL_CONFLICT = frozenset(t for t, q in QUAD.items() if q == 4)


def _table(spec: str) -> dict[str, tuple[str, str | None]]:
    """Parse 'TYPE[:mode]: word word ...' lines into word → (type, mode)."""
    out: dict[str, tuple[str, str | None]] = {}
    for line in spec.strip().splitlines():
        head, words = line.split("=", 1)
        kind, _, mode = head.strip().partition(":")
        for word in words.split():
            out.setdefault(word.replace("_", " "), (kind, mode or None))
    return out


VERBS = _table("""
AGREE = agree accept promise pledge offer propose commit undertake guarantee accede consent volunteer
CONSULT = meet talk discuss negotiate consult confer mediate convene
CONSULT:visit = visit tour travel fly arrive
CONSULT:host = host receive welcome_back
CONSULT:phone = phone telephone ring
SUPPORT = support back endorse praise commend welcome hail applaud approve ratify recognize recognise sign congratulate thank laud reaffirm normalize normalise upgrade restore establish reestablish
CONCEDE = allow permit concede yield apologize apologise regret pardon acquit ease relax lift compromise amnesty soften reform
COOPERATE = cooperate collaborate extradite coordinate partner share trade exchange
AID = aid help assist donate provide supply deliver send fund finance shelter rescue contribute lend grant forgive evacuate airlift feed
RETREAT = withdraw retreat release free resign quit disarm demobilize demobilise cede surrender relinquish repatriate abdicate vacate
REQUEST = demand urge ask appeal request press insist plead beg implore petition summon_up seek exhort
ACCUSE = accuse condemn criticize criticise denounce blame charge allege indict sue investigate probe deplore decry censure rebuke slam fault disapprove complain question chide castigate berate lambast lambaste
ACCUSE:investigate = investigate probe examine
REJECT = reject refuse decline deny rebuff veto oppose spurn dismiss snub resist disavow disown repudiate renege backtrack
THREATEN = threaten warn menace
PROTEST = protest demonstrate rally march picket riot
PROTEST:strike = strike
PROTEST:boycott = boycott
SANCTION = sanction suspend sever downgrade embargo freeze recall cancel revoke terminate curtail
SANCTION:expel = expel
SANCTION:convict = convict sentence fine
MOBILIZE = mobilize mobilise alert deploy mass reinforce station dispatch amass
COERCE = restrict prohibit suppress repress harass intimidate confine evict
COERCE:arrest = arrest detain jail imprison apprehend
COERCE:seize = seize raid confiscate search impound
COERCE:censor = censor gag
COERCE:deport = deport
COERCE:restrict = ban bar prevent outlaw
ASSAULT = attack assault invade storm clash fight battle ambush hit pound overrun capture retake recapture occupy strike wound injure maim
ASSAULT:targeted = kill assassinate murder execute massacre slay behead
ASSAULT:abduct = kidnap abduct hijack
ASSAULT:beat = beat
ASSAULT:torture = torture
ASSAULT:sexual = rape
ASSAULT:firearms = shoot gun
ASSAULT:explosives = bomb explode detonate blow
ASSAULT:heavy-weapons = shell bombard
ASSAULT:primitive = stab burn torch hack
ASSAULT:destroy = destroy demolish raze
ASSAULT:aerial = airstrike
""")

PHRASES = {
    ("call", "for"): ("REQUEST", None),
    ("call", "on"): ("REQUEST", None),
    ("call", "upon"): ("REQUEST", None),
    ("push", "for"): ("REQUEST", None),
    ("press", "for"): ("REQUEST", None),
    ("ask", "for"): ("REQUEST", None),
    ("appeal", "for"): ("REQUEST", None),
    ("appeal", "to"): ("REQUEST", None),
    ("lobby", "for"): ("REQUEST", None),
    ("speak", "with"): ("CONSULT", None),
    ("speak", "to"): ("CONSULT", None),
    ("talk", "with"): ("CONSULT", None),
    ("reach", "out"): ("CONSULT", None),
    ("sit", "down"): ("CONSULT", None),
    ("crack", "down"): ("COERCE", None),
    ("round", "up"): ("COERCE", "arrest"),
    ("shut", "down"): ("COERCE", "censor"),
    ("step", "down"): ("RETREAT", "resign"),
    ("stand", "down"): ("RETREAT", "resign"),
    ("pull", "out"): ("RETREAT", "withdraw"),
    ("pull", "back"): ("RETREAT", "withdraw"),
    ("back", "down"): ("CONCEDE", None),
    ("give", "up"): ("CONCEDE", None),
    ("hand", "over"): ("RETREAT", None),
    ("turn", "down"): ("REJECT", None),
    ("rule", "out"): ("REJECT", None),
    ("walk", "out"): ("PROTEST", None),
    ("open", "fire"): ("ASSAULT", "firearms"),
    ("fire", "on"): ("ASSAULT", "firearms"),
    ("fire", "at"): ("ASSAULT", "firearms"),
    ("set", "fire"): ("ASSAULT", "primitive"),
    ("lash", "out"): ("ACCUSE", "disapprove"),
    ("hit", "out"): ("ACCUSE", "disapprove"),
    ("speak", "out"): ("ACCUSE", "disapprove"),
    ("break", "off"): ("SANCTION", "discontinue"),
    ("cut", "off"): ("SANCTION", "discontinue"),
    ("build", "up"): ("MOBILIZE", None),
    ("team", "up"): ("COOPERATE", None),
    ("back", "out"): ("REJECT", None),
    ("call", "off"): ("CONCEDE", None),
    ("rally", "behind"): ("SUPPORT", None),
    ("rally", "around"): ("SUPPORT", None),
    ("rally", "round"): ("SUPPORT", None),
    ("force", "out"): ("SANCTION", "expel"),
    ("drive", "out"): ("SANCTION", "expel"),
}

NOUNS = _table("""
AGREE = proposal offer promise pledge commitment willingness readiness intention invitation
CONSULT = talks talk meeting meetings summit negotiation negotiations consultation consultations discussion discussions dialogue contact round session conference mediation
CONSULT:visit = visit trip tour
CONSULT:phone = call phone_call conversation
SUPPORT = support endorsement praise recognition approval backing
CONCEDE = concession apology amnesty pardon
COOPERATE = cooperation collaboration extradition exercises exercise war_games manoeuvres maneuvers drills
AID = aid assistance help relief asylum loan grant donation
RETREAT = withdrawal pullout release resignation retreat disarmament repatriation
REQUEST = demand demands request appeal plea
ACCUSE = accusation accusations criticism condemnation allegation allegations charges complaint lawsuit
ACCUSE:investigate = investigation probe inquiry
REJECT = rejection refusal veto
THREATEN = threat threats warning ultimatum
PROTEST = protest protests demonstration demonstrations rally rallies march sit-in
PROTEST:strike = strike strikes walkout
PROTEST:hunger = hunger_strike
PROTEST:boycott = boycott
PROTEST:riot = riot riots unrest
PROTEST:obstruct = blockade roadblock
SANCTION = sanctions embargo suspension
SANCTION:expel = expulsion
MOBILIZE = mobilization mobilisation deployment buildup reinforcements
MOBILIZE:alert = alert
COERCE = crackdown
COERCE:arrest = arrest arrests detention
COERCE:seize = raid raids seizure
COERCE:censor = censorship
COERCE:curfew = curfew
COERCE:martial-law = martial_law emergency state_of_emergency
COERCE:restrict = restrictions restriction curbs
COERCE:deport = deportation
ASSAULT = attack attacks assault offensive invasion fighting clash clashes battle ambush violence
ASSAULT:targeted = killing killings massacre assassination execution
ASSAULT:explosives = bombing bombings explosion blast
ASSAULT:heavy-weapons = shelling
ASSAULT:aerial = airstrike airstrikes air_strike
ASSAULT:torture = torture
ASSAULT:abduct = kidnapping abduction hijacking
""")

# Verbs that carry no action of their own: the event is their object ("held talks", "staged a
# rally", "imposed sanctions", "issued a warning").
LIGHT_VERBS = frozenset(
    """hold stage launch make issue impose take give mount begin start conduct carry lodge file
    express announce reach sign declare open resume continue enter seek extend launch wage go
    unleash step carry_out""".split()
)

# Stances towards the action in a complement. "intent" takes the complement's type through the
# codebook's future rules; the others keep their own type whatever the complement says.
CONTROL = {
    **{w: "intent" for w in """agree promise pledge offer propose commit undertake vow plan intend
       decide prepare aim expect hope want wish consent volunteer seek try attempt move swear
       ready willing prepared set poised eager keen determined due going able""".split()},
    **{w: "threaten" for w in "threaten warn".split()},
    **{w: "reject" for w in "refuse reject decline deny rebuff veto oppose resist unwilling reluctant".split()},
    **{w: "request" for w in "demand urge ask appeal request press insist plead beg call push order".split()},
}

# An object that changes what its verb means: (verb lemma or "*", object noun) → (type, mode).
OBJECT_TYPES = {
    ("accept", "demand"): ("CONCEDE", None),
    ("accept", "demands"): ("CONCEDE", None),
    ("accept", "proposal"): ("AGREE", None),
    ("accept", "offer"): ("AGREE", None),
    ("accept", "invitation"): ("AGREE", None),
    ("accept", "plan"): ("AGREE", None),
    ("accept", "refugee"): ("AID", None),
    ("accept", "refugees"): ("AID", None),
    ("grant", "amnesty"): ("CONCEDE", None),
    ("grant", "pardon"): ("CONCEDE", None),
    ("grant", "access"): ("CONCEDE", None),
    ("*", "agreement"): ("AGREE", None),
    ("*", "accord"): ("AGREE", None),
    ("*", "deal"): ("AGREE", None),
    ("*", "pact"): ("AGREE", None),
    ("*", "treaty"): ("AGREE", None),
    ("*", "ceasefire"): ("CONCEDE", None),
    ("*", "cease-fire"): ("CONCEDE", None),
    ("*", "truce"): ("CONCEDE", None),
    ("sign", "agreement"): ("SUPPORT", None),
    ("sign", "accord"): ("SUPPORT", None),
    ("sign", "deal"): ("SUPPORT", None),
    ("sign", "pact"): ("SUPPORT", None),
    ("sign", "treaty"): ("SUPPORT", None),
    ("sign", "memorandum"): ("SUPPORT", None),
    ("send", "aid"): ("AID", None),
    ("send", "forces"): ("MOBILIZE", "troops"),
    ("strengthen", "forces"): ("MOBILIZE", "troops"),
    ("increase", "forces"): ("MOBILIZE", "troops"),
    ("open", "border"): ("AID", None),
    ("open", "borders"): ("AID", None),
    ("close", "border"): ("SANCTION", "discontinue"),
    ("close", "borders"): ("SANCTION", "discontinue"),
    ("close", "embassy"): ("SANCTION", "discontinue"),
    ("cut", "ties"): ("SANCTION", "discontinue"),
    ("cut", "aid"): ("SANCTION", "discontinue"),
    ("break", "ties"): ("SANCTION", "discontinue"),
    ("break", "relations"): ("SANCTION", "discontinue"),
    ("establish", "ties"): ("SUPPORT", None),
    ("establish", "relations"): ("SUPPORT", None),
    ("restore", "ties"): ("SUPPORT", None),
    ("restore", "relations"): ("SUPPORT", None),
    ("submit", "proposal"): ("AGREE", None),
    ("submit", "plan"): ("AGREE", None),
    ("grant", "asylum"): ("AID", None),
    ("violate", "ban"): ("REJECT", None),
    ("violate", "ceasefire"): ("ASSAULT", None),
    ("lift", "ban"): ("CONCEDE", None),
    ("lift", "curfew"): ("CONCEDE", None),
    ("lift", "sanctions"): ("CONCEDE", None),
    ("lift", "siege"): ("RETREAT", None),
    ("impose", "curfew"): ("COERCE", "curfew"),
    ("impose", "martial_law"): ("COERCE", "martial-law"),
    ("declare", "emergency"): ("COERCE", "martial-law"),
    ("suspend", "publication"): ("COERCE", "censor"),
    ("suspend", "protest"): ("CONCEDE", None),
    ("suspend", "strike"): ("CONCEDE", None),
    ("postpone", "demonstration"): ("CONCEDE", None),
    ("postpone", "protest"): ("CONCEDE", None),
    ("postpone", "strike"): ("CONCEDE", None),
    ("cancel", "strike"): ("CONCEDE", None),
    ("cancel", "meeting"): ("REJECT", "meet"),
    ("cancel", "talks"): ("REJECT", "meet"),
    ("cancel", "visit"): ("REJECT", "meet"),
    ("block", "road"): ("PROTEST", "obstruct"),
    ("block", "roads"): ("PROTEST", "obstruct"),
    ("withdraw", "aid"): ("SANCTION", "withdraw"),
    ("withdraw", "ambassador"): ("SANCTION", "withdraw"),
    ("withdraw", "observers"): ("SANCTION", "withdraw"),
    ("expel", "diplomats"): ("SANCTION", "expel"),
    ("expel", "ambassador"): ("SANCTION", "expel"),
    ("summon", "ambassador"): ("ACCUSE", "disapprove"),
    ("summon", "ambassadors"): ("ACCUSE", "disapprove"),
    ("summon", "envoy"): ("ACCUSE", "disapprove"),
    ("summon", "envoys"): ("ACCUSE", "disapprove"),
    ("summon", "diplomat"): ("ACCUSE", "disapprove"),
    ("summon", "diplomats"): ("ACCUSE", "disapprove"),
    ("summon", "charge"): ("ACCUSE", "disapprove"),
    ("summon", "d'affaires"): ("ACCUSE", "disapprove"),
    ("exchange", "fire"): ("ASSAULT", "firearms"),
    ("exchange", "gunfire"): ("ASSAULT", "firearms"),
    ("exchange", "shots"): ("ASSAULT", "firearms"),
    ("exchange", "shot"): ("ASSAULT", "firearms"),
    ("share", "intelligence"): ("COOPERATE", None),
    ("call", "reservists"): ("MOBILIZE", None),
    ("call", "reservist"): ("MOBILIZE", None),
    ("call", "reserves"): ("MOBILIZE", None),
    ("send", "troops"): ("MOBILIZE", None),
    ("send", "soldiers"): ("MOBILIZE", None),
    ("send", "warships"): ("MOBILIZE", None),
    ("send", "reinforcements"): ("MOBILIZE", None),
    ("allow", "access"): ("RETREAT", "access"),
    ("improve", "access"): ("RETREAT", "access"),
    ("deface", "sites"): ("COERCE", "cyber"),
    ("lodge", "protest"): ("ACCUSE", "disapprove"),
    ("file", "protest"): ("ACCUSE", "disapprove"),
    ("lodge", "complaint"): ("ACCUSE", "disapprove"),
    ("impose", "tariffs"): ("SANCTION", None),
    ("impose", "tariff"): ("SANCTION", None),
    ("impose", "duties"): ("SANCTION", None),
    ("ban", "imports"): ("SANCTION", None),
    ("halt", "imports"): ("SANCTION", None),
    ("suspend", "imports"): ("SANCTION", None),
    ("restrict", "exports"): ("SANCTION", None),
    ("restrict", "imports"): ("SANCTION", None),
    ("ban", "exports"): ("SANCTION", None),
    ("halt", "exports"): ("SANCTION", None),
    ("suspend", "exports"): ("SANCTION", None),
    ("shorten", "curfew"): ("CONCEDE", None),
    ("ease", "curfew"): ("CONCEDE", None),
    ("relax", "curfew"): ("CONCEDE", None),
}
# The codebook's PROTEST 'obstruct': blocking a way (what is blocked, by object noun).
for _way in "road roads highway highways bridge bridges railway railways traffic transport access entrance port ports crossing".split():
    OBJECT_TYPES.setdefault(("block", _way), ("PROTEST", "obstruct"))
# SANCTION: reducing or stopping aid, supplies or cooperation ("halted economic aid", "reduced food
# supplies"); SANCTION 'withdraw': pulling out one's non-military resources (observers, aid workers).
STOPPING = frozenset("halt stop suspend cut reduce freeze end withhold slash".split())
for _verb in STOPPING:
    for _what in "aid supplies supply assistance funding funds loans loan deliveries shipments cooperation".split():
        OBJECT_TYPES.setdefault((_verb, _what), ("SANCTION", "discontinue"))
for _what in "inspectors monitors workers staff personnel peacekeepers diplomats envoy mission".split():
    OBJECT_TYPES.setdefault(("withdraw", _what), ("SANCTION", "withdraw"))
# Natural hazards and accidents: a clause whose subject is one of these names no actor's action
# ("an earthquake killed 21 people"); PLOVER codes actions by actors.
HAZARDS = frozenset("""earthquake earthquakes quake quakes tremor tremors aftershock aftershocks tsunami flood
    floods flooding flash_flood storm storms hurricane typhoon cyclone tornado landslide landslides
    mudslide avalanche eruption volcano wildfire wildfires bushfire fire fires blaze drought heatwave
    snowstorm blizzard lightning rain rains downpour monsoon disaster epidemic pandemic outbreak virus
    disease cholera famine crash accident collision derailment wave waves outage outages blackout
    blackouts rainfall snow snowfall heat""".split())

# Verbs of accidents: with a subject that is no weapon ("a train derailed", "fireworks exploded")
# they name no one's act; with one ("a car bomb exploded") they are an attack.
ACCIDENT_VERBS = frozenset("derail crash collide capsize sink collapse overturn explode burn".split())
WEAPONS = frozenset("""bomb bombs grenade grenades mine mines device devices ied ieds shell shells rocket rockets
    missile missiles mortar mortars explosive explosives bomber bombers drone drones""".split())

# Nouns whose party is whoever made them: rejecting "calls by X" or "X's plan" acts on X.
OWNED_NOUNS = frozenset("""call appeal proposal plan demand offer request initiative resolution ultimatum
    suggestion overture invitation bid peace_plan""".split())

# Verbs of the demand a protest is made for ("marched to demand ...", "rioted, demanding ...").
DEMAND_VERBS = frozenset("demand press call urge seek protest insist push".split())

# REQUEST and REJECT modes, from what is requested or rejected.
ASK_MODES = {
    **{w: "meet" for w in "talks meeting meetings negotiations dialogue summit visit meet negotiate talk".split()},
    **{w: "yield" for w in "ceasefire cease-fire truce release sanctions curfew boycott withdrawal cessation".split()},
    **{w: "assist" for w in "aid assistance help support loan refugees relations cooperation trade".split()},
    **{w: "change" for w in "reform reforms resignation election elections change changes independence referendum".split()},
}

# Verbs with an everyday sense beside their PLOVER one, told apart by what they act on
# (`triggers._sense`). The PLOVER sense needs an object of the kind named; with another object (or
# none, where "needs" says so) the verb names no action: "recalled the meeting" is remembering, not
# recalling an envoy; "released an ad" is no prisoner release; "occupies a key position" no
# occupation; "hosted a cookout" and "met the target" no consultation; "asked a question" no demand.
#   party: a person, group, organisation or country; place: a place; envoy: a diplomat or troops;
#   goods: what aid gives (AID_GOODS); opponent: a party fought (object, "against", "with") or an
#   armed doer ("rebels fought in the north"), not "fought to push through reforms"
SENSES = {
    "recall": "envoy",
    "release": "party", "free": "party",
    "occupy": "place",
    "host": "party or meeting", "receive": "party",
    "meet": "party when object",
    "help": "party", "assist": "party", "shelter": "party",
    "provide": "party or goods", "supply": "party or goods", "deliver": "party or goods",
    "send": "goods",
    "fight": "opponent", "battle": "opponent",
    "cancel": "act",
    "recognize": "party or ties", "recognise": "party or ties",
    "establish": "ties", "reestablish": "ties", "restore": "ties", "reaffirm": "ties",
    "beat": "no rival",
    "lift": "restriction",
    "grant": "goods",
    "examine": "party or act",
    "dispatch": "forces", "deploy": "forces", "station": "forces",
}
# What a mobilization sends ("dispatched troops", "deployed warships"): not aides, firefighters or
# emergency workers sent to help.
FORCES = frozenset("""troops forces soldiers units unit battalion battalions brigade brigades division
    divisions regiment warships warship ships ship vessels vessel jets aircraft planes fighters bombers
    tanks missiles artillery reservists peacekeepers police policemen officers guards marines sailors
    navy army military commandos paratroopers militia militiamen gunboats submarines carrier
    observers monitors mission systems batteries""".split())
# The PLOVER mode of what a mobilization moves: soldiers (troops), their arms (weapons), police
# or militia. A word of FORCES not listed here ("peacekeepers", "observers", "fighters", which
# may be jets or militants) gives no mode.
MOBILIZE_MODES = {
    **dict.fromkeys("""troops troop forces force soldiers soldier units battalion battalions brigade brigades
        division divisions regiment reservists reserves reinforcements marines sailors commandos
        paratroopers army""".split(), "troops"),
    **dict.fromkeys("""warships warship gunboats submarines carrier jets bombers aircraft planes tanks
        missiles artillery batteries""".split(), "weapons"),
    **dict.fromkeys("police policemen".split(), "police"),
    **dict.fromkeys("militia militias militiamen".split(), "militia"),
}  # fmt: skip
# What a lifting eases ("lifted sanctions", "the curfew"): not a candidate lifted into contention.
RESTRICTIONS = frozenset("""sanction sanctions ban bans embargo embargoes restriction restrictions curfew
    blockade siege moratorium suspension limit limits cap caps quota quotas tariff tariffs veto freeze
    emergency law order controls barriers boycott travel closure closures quarantine lockdown checkpoint
    checkpoints roadblock roadblocks cordon""".split())
# What is accepted as an honour, not a proposal ("accepted her award").
HONOURS = frozenset("award awards prize prizes honor honour honors honours medal trophy degree title".split())
# What a relation is made of ("established diplomatic relations", "reaffirmed its support"): a
# command centre established, power restored or "the power of the base" reaffirmed is none.
TIES = frozenset("""relations relation ties tie contact contacts relationship relationships embassy embassies
    support commitment backing solidarity alliance partnership friendship cooperation independence
    sovereignty""".split())
# What a cancellation can act on beside an event noun ("cancelled the visit", "a gas deal"): not
# flights, classes or a rally of one's own.
CANCELLED = frozenset("""visit visits trip trips deal deals contract contracts agreement agreements exercise
    exercises drills talks meeting meetings summit order orders purchase visa visas licence license
    licences licenses permit permits concession concessions debt loan loans election elections vote
    referendum""".split())
# Whom an election beats ("beat his rivals"): no assault.
RIVALS = frozenset("rival rivals opponent opponents challenger challengers incumbent field candidate candidates".split())
# What is delivered or provided as words, not aid ("delivered a speech", "a defense of her husband").
SPEECH_NOUNS = frozenset("""speech speeches remarks address message messages defense defence lecture sermon
    statement verdict rebuke blow promise warning eulogy keynote talk performance""".split())
# What aid gives ("provided food and shelter", "delivered weapons"): a speech delivered, clarity
# provided or a cost estimate supplied is no aid.
AID_GOODS = frozenset("""aid assistance help support relief supplies supply food water medicine medicines
    medical shelter shelters tents money funds funding loan loans credit grants weapons arms ammunition
    equipment vaccines vaccine doses fuel grain wheat electricity power troops asylum refuge care
    protection training intelligence goods""".split())
# Objects that are the envoys a country recalls ("recalled its ambassador").
ENVOYS = frozenset("ambassador ambassadors envoy envoys diplomat diplomats representative representatives "
                   "troops forces consul charge".split())
# Places an occupation can hold when the parse gives them no entity ("occupied the square").
PLACE_NOUNS = frozenset("""territory territories land lands city cities town towns village villages area areas
    region regions province island islands building buildings square base bases airport port capital
    headquarters parliament ministry office offices embassy compound camp street streets border campus
    university school hospital hotel plant factory mine premises site""".split())
# People a release frees when the parse gives them no entity ("released the hostages").
PEOPLE_NOUNS = frozenset("""prisoner prisoners hostage hostages detainee detainees captive captives inmate inmates
    people person man men woman women child children activist activists journalist journalists soldier
    soldiers sailor sailors crew fishermen worker workers citizen citizens national nationals
    suspect suspects members member leader leaders father mother brother sister son daughter wife
    husband family relatives friend friends side sides party parties delegation delegations country
    countries nation nations government governments team teams group groups faction factions""".split())
# Phrasal uses that name no act: "seized on a claim", "talked about reform" (a topic, no party).
NO_EVENT_PHRASES = frozenset({("seize", "on"), ("seize", "upon"), ("talk", "about"), ("talk", "of"),
                              ("speak", "about"), ("speak", "of"), ("ask", "about"),
                              ("strike", "down")})  # a court strikes down a law, a host a claim
# "asked a question", "asked whether/how ...": a question put, not a demand.
QUESTION_WORDS = frozenset("question questions whether if how what why when where who which".split())

# Verbs that report speech: the event is what they report, and their subject is the speaker.
REPORTING = frozenset(
    """say tell announce report state add claim confirm note write quote declare assert
    reiterate stress explain indicate disclose reveal signal suggest acknowledge admit believe
    think feel argue contend maintain emphasize emphasise share post tweet affirm""".split()
)

# PLOVER contexts (the codebook's general contexts) from words of the sentence.
CONTEXT_WORDS = {
    "military": "military army troops soldiers navy warships missiles weapons arms defence defense forces tanks artillery",
    "diplomatic": "diplomatic diplomat diplomats embassy ambassador envoy talks negotiations summit ties relations peace treaty mediator",
    "economic": "economic economy trade tariff tariffs exports imports investment loan loans debt finance financial market free-trade",
    "legal": "court courts legal law trial tribunal judge indicted indictment lawsuit extradition prosecutor",
    "election": "election elections electoral vote voters ballot ballots campaign referendum candidates",
    "terrorism": "terrorist terrorists terrorism al-qaeda bomber militants hijackers",
    "migration": "refugees refugee migrants displaced asylum",
    "human_rights": "rights abuses torture",
    "cbrn": "nuclear chemical biological radiological uranium",
    "cyber": "cyber hackers hacking hacked",
    "health": "health epidemic disease hospital outbreak",
    "territory": "territory border borders occupation annexation",
    "peacekeeping": "peacekeepers peacekeeping peace-keeping",
    "natural_resource": "oil gas water mining minerals",
    "religion_ethnicity": "ethnic religious muslim christian moslem",
}


# Text an outlet adds around a report, never an event: credit lines, editing notes, prompts to
# the reader ("The Associated Press contributed to this report", "Sign up for our newsletter").
# Public statements: CAMEO's 01 codes, which PLOVER leaves out (CAMEO2PLOVER starts at 03), so
# "told a press conference" is the channel of a quote, not a meeting.
STATEMENT_NOUNS = frozenset(
    "press conference|news conference|press briefing|news briefing|media briefing|press release|press statement".split("|")
)

SERVICE_TEXT = re.compile(
    r"\bcontributed (?:reporting )?to (?:this|the) (?:report|story|article)\b|\b(?:additional )?reporting by\b"
    r"|\bediting by\b|\bwriting by\b|\bsign up (?:for|to)\b|\bsubscribe to\b|\bclick here\b"
    r"|\bfollow us on\b|\bnewsletter\b"
    r"|\b(?:this|the) (?:story|article|report) (?:was|is|has been) (?:provided|supplied|distributed|syndicated) by\b",
    re.I,
)
