"""The words that mark reported speech in English news: cue verbs, channels and pronouns.

Speech verbs report an utterance and may carry a direct quotation ("“…,” she said"). Thought and
evidence verbs ("believes that …", "the poll shows that …") report a stance only through a
clause, so they count as cues only with one. Lemmas, as spaCy gives them.
"""

from __future__ import annotations

SPEECH_VERBS = frozenset(
    """
    say tell add write announce confirm claim argue explain note report state declare insist
    warn suggest predict promise vow pledge admit acknowledge deny reply respond answer ask urge
    tweet post share recall remark comment observe mention reveal disclose allege assert
    contend maintain stress emphasize emphasise reiterate repeat conclude concede boast complain
    joke quip testify inform assure caution speculate estimate indicate signal hint accuse
    charge counter retort shout exclaim proclaim whisper publish blog continue agree propose
    recommend advise demand threaten predict project forecast brag lament muse scoff concur
    describe question wonder point read chant yell bark interject elaborate surmise scold
    sing cry snap gush marvel grumble mutter rant sneer lecture retort quote
    """.split()
)

# "shot back", "fired back": a verb with the particle "back" answers ("retort").
RETORT_VERBS = frozenset({"shoot", "fire", "hit", "snap", "push", "strike"})

# Reported only through a clause: "believes that …", "a poll found that …".
CLAUSE_VERBS = frozenset(
    """
    think believe expect hope fear know feel worry doubt guess suspect learn hear find show
    reckon imagine assume figure understand realize realise recognize recognise decide
    determine acknowledge read see insist
    """.split()
)

# A stance on a thing rather than a clause: "X criticized the plan", "Y endorsed Clinton".
# Attributions in the wide sense PolNeAR annotates; the content is the verb's object.
STANCE_VERBS = frozenset(
    """
    call endorse decline describe accuse criticize criticise express refuse oppose cite praise
    mention promise urge vow propose defend blame attack blast reject discuss refer claim reveal
    question dismiss acknowledge deny denounce compare list mock slam tout echo thank apologize
    apologise voice predict decry condemn reiterate repeat promote rail quote conclude lament
    invoke plead chant remind boast press reference portray complain disclose stress shout
    credit bemoan outline hail remark liken envision lash retweet yell rebuke recount deride
    dispute caution estimate rebuff seek talk respond offer agree pledge hope prefer challenge
    threaten advocate highlight applaud request congratulate disavow characterize tweet post
    email write report ask announce note point warn suggest explain declare argue confirm
    recall reply tell say order issue release comment publish remember deem
    """.split()
)

# Verbs whose clausal complement is no report ("make sure that", "it means that").
NOT_CUES = frozenset(
    """
    be have do make get go come let cause watch appear need mean allow help win feel hear
    seem look become take give keep put bring turn
    """.split()
)

# Subjects that name no source by themselves ("it means …", "this shows …", "you know …").
EMPTY_SUBJECTS = frozenset({"it", "this", "that", "there", "you", "i", "what", "which"})

# "X said Q, adding that …": the participle's source is its head's subject.
PARTICIPLE_DEPS = frozenset({"advcl", "xcomp", "conj"})

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CONTENT_DEPS = frozenset({"ccomp"})

# "according to X", "in the words of X": multi-word cues with the source as their object.
ACCORDING = ("according", "to")

# Channels: how the words reached the public, keyed by a lower-cased word the text uses.
CHANNELS = {
    "telegram": "Telegram",
    "facebook": "Facebook",
    "twitter": "X/Twitter",
    "tweet": "X/Twitter",
    "tweeted": "X/Twitter",
    "x": "X/Twitter",
    "instagram": "Instagram",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "statement": "statement",
    "interview": "interview",
    "conference": "press conference",
    "briefing": "briefing",
    "television": "television",
    "tv": "television",
    "broadcast": "television",
    "radio": "radio",
    "podcast": "podcast",
    "speech": "speech",
    "letter": "letter",
    "email": "email",
    "blog": "blog",
    "op-ed": "op-ed",
    "post": "social media",
    "video": "video",
}

# A channel word only counts inside a phrase hanging off the cue, e.g. "on Telegram",
# "in a statement", "at a press conference", "to reporters at a briefing".
CHANNEL_PREPOSITIONS = frozenset({"on", "in", "at", "during", "via", "through", "to", "from"})
