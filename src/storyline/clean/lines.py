"""What a reader can see in one line of plain text, and the good/bad call made from it.

The plain-text cleaner (`text.py`) cuts a text into lines and asks this module, line by
line, whether a line reads like article prose or like page furniture. The call follows jusText
(Pomikálek 2011): a line is *good* (long, full of the language's stopwords), *near-good*,
*short* or *bad*. Instead of jusText's neighbour smoothing, each line then adds to or takes
from a score, and the main text is the best-scoring run of lines (`main_regions`), with any
further runs that score well enough. Without HTML there is no link density, so widget phrases,
teaser markers, truncated snippets and sentence punctuation stand in for it. Stopword lists are
jusText's, per language; a language with no list is judged on length and punctuation alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .clutter import clutter_class

# ISO 639-1 code -> jusText stoplist name.
_STOPLIST_NAMES = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "hy": "Armenian", "az": "Azerbaijani",
    "eu": "Basque", "be": "Belarusian", "bn": "Bengali", "bs": "Bosnian", "br": "Breton",
    "bg": "Bulgarian", "ca": "Catalan", "hr": "Croatian", "cs": "Czech", "da": "Danish",
    "nl": "Dutch", "en": "English", "eo": "Esperanto", "et": "Estonian", "fi": "Finnish",
    "fr": "French", "gl": "Galician", "ka": "Georgian", "de": "German", "el": "Greek",
    "gu": "Gujarati", "ht": "Haitian", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
    "is": "Icelandic", "id": "Indonesian", "ga": "Irish", "it": "Italian", "jv": "Javanese",
    "kn": "Kannada", "kk": "Kazakh", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz",
    "la": "Latin", "lv": "Latvian", "lt": "Lithuanian", "lb": "Luxembourgish",
    "mk": "Macedonian", "ms": "Malay", "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi",
    "ne": "Nepali", "nb": "Norwegian_Bokmal", "no": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk",
    "oc": "Occitan", "fa": "Persian", "pl": "Polish", "pt": "Portuguese", "qu": "Quechua",
    "ro": "Romanian", "ru": "Russian", "sr": "Serbian", "sk": "Slovak", "sl": "Slovenian",
    "es": "Spanish", "su": "Sundanese", "sw": "Swahili", "sv": "Swedish", "tl": "Tagalog",
    "ta": "Tamil", "te": "Telugu", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "uz": "Uzbek", "vi": "Vietnamese", "cy": "Welsh", "fy": "West_Frisian", "yo": "Yoruba",
}

# jusText's thresholds: characters and the share of words that are stopwords.
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
SHORT_SENTENCES = True

# Combining marks (the vowel signs of Devanagari, Bengali, Tamil, Thai...) are not `\w` in Python's
# re, so a word of those scripts would fall apart at every vowel sign and match no stopword.
_MARKS = "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me"))
_LETTER = rf"[\w{re.escape(_MARKS)}]"
_WORD = re.compile(rf"\w{_LETTER}*(?:['’]{_LETTER}+)*")
_SENTENCE_END = re.compile(r"[.!?。！？؟।]['\"”’»)\]]*$")
_SENTENCE_MARK = re.compile(r"[.!?。！？؟।](?:\s|$)|[。！？]")
_TRUNCATED = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*$")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|&copy|all rights reserved|alle rechte vorbehalten|"
                        r"tous droits réservés|todos los derechos reservados", re.I)

# Interface words a reader recognises as buttons, prompts and form labels, whole-line only.
WIDGET = re.compile(
    r"^(?:"
    r"share(?: (?:this|post|on \w+|article|story))?|tweet|pin it|e-?mail|print|like|reply|"
    r"follow us(?: on \w+)?|subscribe(?: now| to our newsletter| for free)?|sign (?:up|in)|"
    r"log ?in|log ?out|register|login|search|menu|home|skip to (?:main )?content|close|"
    r"toggle navigation|back to top|scroll to top|next|previous|prev|next article|"
    r"previous article|load more|show more|read more|continue reading|click here|"
    r"advertisement|sponsored|ad|leave a (?:reply|comment)|post a comment|add comment|"
    r"\d+ comments?|no comments(?: yet)?|comments?|cancel reply|submit|send|"
    r"please enter your (?:comment|name|email)(?: here| address here)?|"
    r"save my name, email, and website in this browser.*|"
    r"you must be logged in.*|accept(?: all)?(?: cookies)?|cookie (?:settings|policy)|"
    r"privacy policy|terms of (?:use|service)|contact us|about us|sitemap|imprint|"
    r"all rights reserved|download|view all|see all|more|tags?|categories|category|"
    r"teilen|drucken|teilen auf \w+|anmelden|abmelden|suche|weiterlesen|mehr lesen|"
    r"kommentare?|zurück|impressum|datenschutz(?:erklärung)?|anzeige|werbung|"
    r"partager|imprimer|rechercher|lire la suite|publicité|commentaires?|"
    r"compartir|imprimir|buscar|leer más|publicidad|comentarios?|"
    r"condividi|stampa|cerca|leggi anche|pubblicità|commenti|"
    r"compartilhe|compartilhar|leia mais|publicidade|"
    r"schreibe einen kommentar|kommentar schreiben|antworten|(?:diese[ns]? )?(?:geschichte|artikel|beitrag|seite) teilen|"
    r"jetzt teilen|newsletter(?: abonnieren| bestellen)?|zum newsletter|mehr erfahren|"
    r"(?:zurück )?zur übersicht|nach oben|seite drucken|sie sind hier|vous êtes ici|you are here|"
    r"informate más|ver más|ver mais|voir plus|en savoir plus|más información|"
    r"laisser un commentaire|deja un comentario|deixe um comentário|lascia un commento|"
    r"spot_img|\w+_img|spot_img(?:spot_img)+"
    r")\s*[:!.…>»›]*\s*$",
    re.I,
)

# Calls to sign up, in a sentence of their own: "Get our morning briefing in your inbox."
NEWSLETTER = re.compile(
    r"\b(?:in your inbox|(?:sign up|subscribe|register) (?:for|to) (?:our|the|a)\b.{0,40}\b(?:newsletter|briefing|digest|alerts?)|"
    r"newsletter abonnieren|abonnez-vous à (?:notre|la) newsletter|suscríbete a (?:nuestro|el) boletín)",
    re.I,
)

# Lines that open a list of other stories; what follows them is teasers, not the article.
TEASER_MARKER = re.compile(
    r"^(?:related(?: (?:posts?|articles?|stories|news|content|coverage|topics))?|"
    r"more like this|more (?:from|on|in) .{1,40}|more (?:stories|news|articles)|popular|"
    r"popular (?:posts|stories|now|articles)|most (?:read|popular|viewed|shared)|trending(?: now)?|"
    r"recommended(?: for you| stories| articles)?|you (?:may|might) also (?:like|be interested in)|"
    r"see also|also read|read also|read next|up next|what to read next|latest(?: news| posts| stories)?|"
    r"recent posts|top stories|editor'?s picks|don'?t miss.*|leave a reply|"
    r"das könnte sie auch interessieren|mehr zum thema|weitere artikel|ähnliche artikel|"
    r"lesen sie auch|meistgelesen|à lire aussi|lire aussi|articles similaires|"
    r"sur le même sujet|te puede interesar|noticias relacionadas|leia também|"
    r"mais lidas|mais populares|potrebbe interessarti|articoli correlati|"
    r"neueste (?:artikel|beiträge|nachrichten)|aktuelle (?:artikel|beiträge|nachrichten)|"
    r"das könnte dich auch interessieren|auch interessant|weitere (?:nachrichten|beiträge|themen)|"
    r"(?:verwandte|ähnliche|empfohlene|beliebte) (?:artikel|beiträge|themen)|mehr (?:aus|von) .{1,40}|"
    r"vea también|ver también|más sobre .{1,40}|lo más (?:leído|visto)|"
    r"zobacz (?:również|też)|czytaj (?:także|też)|lees ook|gerelateerde artikelen|"
    r"ezek is érdekelhetnek|läs också|les også|læs også|"
    r"auch interessant|(?:weitere|mehr) themen|weitere artikel zum thema|mehr zum thema .{1,40}|"
    r"zum weiterlesen|(?:auch|mehr) lesen|lesen sie auch .{1,60}|weitere beiträge (?:aus|zu|zum|von) .{1,40}|"
    r"top[- ]themen(?: .{1,40})?|lust auf mehr|kommentierte artikel|beiträge aus dem forum|"
    r"(?:das|dieses) (?:thema )?könnte (?:dich|sie) auch interessieren|vorschau auf den nächsten artikel|"
    r"contenido relacionado|temas relacionados|veja também|leia mais|puedes ver|notas relacionadas|"
    r"pour approfondir|à lire également|explore further|further reading|more (?:reading|coverage)|"
    r"about the author|über (?:den|die) autor(?:in)?|zur person"
    r")\s*[:!.…>»›?]*\s*$",
    re.I,
)


# One-line teasers inside an article: a "see also" label followed by another story's title.
INLINE_TEASER = re.compile(
    r"^(?:vea también|lea también|lee también|read also|also read|see also|read more|"
    r"lesen sie auch|lesen sie dazu|mehr zum thema|lire aussi|à lire aussi|leia também|"
    r"zobacz (?:też|również)|czytaj (?:też|także)|lees ook|leggi anche|puedes ver|mire|ver también|"
    r"veja também|leia mais|related|more|watch|auch interessant)\s*[:>»›|–—-]\s*\S",
    re.I,
)


@dataclass(frozen=True)
class LineFeatures:
    """What a reader can see in one line."""

    text: str
    chars: int  # length, with CJK characters counted as words are elsewhere
    words: int
    stopword_density: float | None  # None where the language has no stoplist
    sentence_end: bool
    sentences: int
    truncated: bool
    upper: bool  # written in capitals
    title_case: bool  # most words capitalised
    widget: bool
    marker: bool
    copyright: bool
    clutter: str | None = None  # `clutter_class` of the line: "sign-up box", "credit", ...

    @property
    def heading_like(self) -> bool:
        return (
            1 <= self.words <= 20
            and not self.sentence_end
            and not self.truncated
            and not self.widget
            and self.chars < 160
        )


@lru_cache(maxsize=128)
def stopwords(language: str | None) -> frozenset[str]:
    """The jusText stoplist for an ISO 639-1 code, lower-cased; empty when there is none."""
    name = _STOPLIST_NAMES.get((language or "").lower()[:2])
    if not name:
        return frozenset()
    import justext

    return frozenset(w.casefold() for w in justext.get_stoplist(name))


# Pages quote and embed text in a second language (an English tweet in a German article): a
# line this long that is prose in one of these languages is judged as prose.
SECOND_LANGUAGE_WORDS = 8
_SECOND_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl")


def _second_language_density(words: list[str]) -> float:
    folded = [w.casefold() for w in words]
    return max(sum(1 for w in folded if w in stopwords(code)) / len(folded) for code in _SECOND_LANGUAGES)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def features(line: str, stops: frozenset[str]) -> LineFeatures:
    words = _WORD.findall(line)
    wide = 0 if line.isascii() else sum(1 for ch in line if _wide(ch))
    chars = len(line) + 2 * wide
    density = None
    if stops and words and wide < len(line) / 3:
        density = sum(1 for w in words if w.casefold() in stops) / len(words)
        if density < STOPWORDS_LOW and len(words) >= SECOND_LANGUAGE_WORDS:
            density = max(density, _second_language_density(words))
    upper = sum(ch.isalpha() for ch in line) >= 3 and not any(ch.islower() for ch in line)
    caps = [w for w in words if w[:1].isalpha()]
    title_case = bool(caps) and sum(1 for w in caps if w[:1].isupper()) >= 0.6 * len(caps)
    clutter = clutter_class(line)
    return LineFeatures(
        text=line,
        chars=chars,
        words=max(len(words), wide // 2),
        stopword_density=density,
        sentence_end=bool(_SENTENCE_END.search(line)),
        sentences=len(_SENTENCE_MARK.findall(line)),
        truncated=bool(_TRUNCATED.search(line)),
        upper=upper,
        title_case=title_case,
        widget=bool(WIDGET.match(line) or INLINE_TEASER.match(line) or (len(words) <= 20 and NEWSLETTER.search(line))
                    or (clutter is not None and clutter != "credit")),
        marker=bool(TEASER_MARKER.match(line)),
        copyright=bool(_COPYRIGHT.search(line)) and chars < 300,
        clutter=clutter,
    )


def classify(f: LineFeatures) -> str:
    """Context-free class of one line: "good", "neargood", "short" or "bad"."""
    if f.widget or f.marker or f.copyright or f.clutter:
        return "bad"
    if f.chars < LENGTH_LOW:
        if SHORT_SENTENCES and f.sentence_end and not f.truncated and f.words >= 5 and (
            f.stopword_density is not None and f.stopword_density >= STOPWORDS_HIGH
        ):
            return "neargood"  # a short sentence of prose, e.g. an article's closing line
        return "short"
    if f.truncated and f.chars < 400:
        return "bad"  # a teaser snippet cut off by its site
    if f.stopword_density is None:
        # No stoplist: sentences and length are all there is.
        if f.sentences >= 2 and f.chars >= LENGTH_HIGH:
            return "good"
        if f.sentence_end or f.sentences >= 1:
            return "neargood"
        return "short" if f.chars < LENGTH_HIGH else "bad"
    if f.stopword_density >= STOPWORDS_HIGH:
        return "good" if f.chars > LENGTH_HIGH else "neargood"
    if f.stopword_density >= STOPWORDS_LOW:
        return "neargood"
    return "bad"


# Weights of the main-text search: what one line adds to, or takes from, a region.
GOOD_CAP = 1000  # characters of one good line that count
NEARGOOD_WEIGHT = 0.5
SHORT_PENALTY = 0.3
BAD_PENALTY = 1.0
WIDGET_PENALTY = 2.0
SECONDARY_SHARE = 0.1  # a further region must score this share of the best one
AFTER_SHARE = 0.3  # ... and one below the best, this share (comments, an author's bio, teasers)
MIN_SECONDARY = 0.0  # ... and at least this much
MAX_REGIONS = 6


def line_score(f: LineFeatures, cls: str) -> float:
    """What a line adds to a region of main text: prose counts by its length, a short line
    costs a little, a bad one more, a widget or teaser most."""
    if f.widget or f.marker:
        return -WIDGET_PENALTY
    if f.clutter == "credit":
        return -SHORT_PENALTY  # a picture's credit sits inside an article: it must not cut it in two
    if cls == "good":
        return min(f.chars, GOOD_CAP) / 100
    if cls == "neargood":
        return f.chars / 100 * NEARGOOD_WEIGHT
    if cls == "short":
        return -SHORT_PENALTY
    return -BAD_PENALTY - f.chars / 200


def main_regions(scores: list[float]) -> list[tuple[int, int]]:
    """The spans [start, end] of main text: the best-scoring run of lines (maximum subarray,
    as in Finn et al.'s body text extraction), then further runs that score at least
    `SECONDARY_SHARE` of it (a part of the article split off by a picture or a fact box). A run
    below the best one needs `AFTER_SHARE` of it: what follows an article and scores a little
    is mostly its comments, its author's bio or a teaser's blurb, not more of the article."""
    work = list(scores)
    regions: list[tuple[int, int]] = []
    best_value, best_start = 0.0, 0
    for _ in range(MAX_REGIONS):
        value, start, end = _best_run(work)
        if end < start or value <= 0:
            break
        if regions and (value < SECONDARY_SHARE * best_value or value < MIN_SECONDARY):
            break
        if not regions:
            best_value, best_start = value, start
        if start < best_start or value >= AFTER_SHARE * best_value:
            regions.append((start, end))
        for i in range(start, end + 1):
            work[i] = float("-inf")
    return sorted(regions)


def _best_run(scores: list[float]) -> tuple[float, int, int]:
    best = (0.0, 0, -1)
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best[0]:
            best = (total, start, i)
    return best
