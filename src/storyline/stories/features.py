"""What the clusterer compares: words, weighted by how rare they are so far, and dates.

Text becomes terms (lower-cased words without the stopwords of the article's language, light
plural folding); a `Vocabulary` counts in how many articles each term has appeared,
incrementally, so IDF weights are always those of the stream seen so far and never need a pass
over the whole corpus. A vector is a plain dict term -> weight; stories keep summed term
frequencies and are weighted with the IDF of the moment they are compared.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from itertools import islice
from operator import itemgetter
from pathlib import Path

_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")

# English function words and the reporting vocabulary every news article shares.
STOPWORDS = frozenset(
    """a about above after again against ago all almost also although am among an and another any
    are aren't around as at be became because been before being below between both but by can
    cannot could couldn't did didn't do does doesn't doing don't down during each either else
    ever every few for from further had hadn't has hasn't have haven't having he he'd he'll he's
    her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in into
    is isn't it it's its itself just least less let's like many may me might more most much must
    mustn't my myself near neither no nor not now of off often on once one only or other others
    otherwise ought our ours ourselves out over own per perhaps quite rather same several shall
    shan't she she'd she'll she's should shouldn't since so some still such than that that's the
    their theirs them themselves then there there's these they they'd they'll they're they've
    this those though through thus to too toward towards under until up upon us very via was
    wasn't we we'd we'll we're we've were weren't what what's when when's where where's whether
    which while who who's whom whose why why's will with within without won't would wouldn't yet
    you you'd you'll you're you've your yours yourself yourselves
    said says say saying told tell according added asked also just new news report reported
    reports reporting reuters ap afp mr mrs ms dr monday tuesday wednesday thursday friday
    saturday sunday today yesterday tomorrow week weeks year years day days time times
    """.split()
)

_NUMERIC = re.compile(r"^[\d.,']+$")


# letters NFKD does not decompose into a base letter and a mark
_UNDECOMPOSED = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE"})


def fold(text: str) -> str:
    """Text compared without case or accents: NFKD, combining marks dropped, case-folded."""
    if text.isascii():  # nothing to decompose: the common case, and much faster
        return text.casefold()
    # only the runs of non-ASCII characters need decomposing (NFKD leaves ASCII as it is, and
    # combining marks are never ASCII): mostly-English text with a few accents stays fast
    return _NON_ASCII.sub(_fold_run, text).casefold()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match) -> str:
    decomposed = unicodedata.normalize("NFKD", match.group().translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _stem(word: str) -> str:
    """Light plural and possessive folding: 'miners' -> 'miner', 'cities' -> 'city'. English
    rules, applied in every language: the final 's' they cut is the plural of Spanish, French,
    Portuguese or Catalan ('casas' -> 'casa') and a genitive in German ('Bundestags'), and a cut
    that is wrong elsewhere is made alike in every article, so it rarely joins two words."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str, language: str | None = None) -> list[str]:
    """The content words of `text`, in order: folded, stopwords of `language` (`stopwords`) and
    bare punctuation dropped. Numbers of two characters or more are kept ('4.75', '2025'):
    figures identify events. Outside English an elided article or preposition is cut from its
    word when the language's list has it ("l'Assemblée" -> 'assemblee', as in French and
    Italian), so the word matches its bare form."""
    stop = stopwords(language)
    listed = stop is not STOPWORDS
    out = []
    for word in _WORD.findall(fold(text)):
        word = word.replace("’", "'")
        if listed and "'" in word:
            head, _, rest = word.partition("'")
            if head + "'" in stop:
                word = rest
        if word in stop:
            continue
        if _NUMERIC.match(word):
            if len(word) >= 2:
                out.append(word)
            continue
        if len(word) < 2:
            continue
        out.append(_stem(word))
    return out


@functools.lru_cache(maxsize=None)
def stopwords(language: str | None = None) -> frozenset[str]:
    """The words `terms` drops in `language` (an ISO 639-1 code, as `Article.language`).

    English or an unknown language gets `STOPWORDS`, the one list the clusterer was tuned with.
    Another language gets the list spaCy ships for it (`spacy.lang.<code>.stop_words`) joined
    with `STOPWORDS`: read with the English list alone, Spanish texts on unrelated events join on
    "de, la, en, el, que". `STOPWORDS` stays in because English turns up in every language's news (agency
    credits, quoted names of things) and its words are function words, or weigh next to nothing,
    in the languages they collide with ("die", "war", "also" in German). A language spaCy has no
    list for keeps `STOPWORDS` alone; `CommonTerms` guards it. Words are folded as `terms` folds
    them; each language is read once."""
    code = _code(language)
    listed = _spacy_stop_words(_SPACY_CODES.get(code, code)) if code and code != "en" else None
    if not listed:
        return STOPWORDS
    return STOPWORDS | frozenset(fold(w).replace("’", "'") for w in listed)


_SPACY_CODES = {"no": "nb"}  # what language detection calls Norwegian, spaCy calls Bokmål


def _code(language: str | None) -> str | None:
    """The language part of a code: 'es-ES' -> 'es'; None when absent."""
    return (language or "").strip().lower().replace("_", "-").split("-")[0] or None


def _spacy_stop_words(code: str) -> frozenset[str] | None:
    """spaCy's stop-word list for `code`, or None where it has none. Its `stop_words.py` files
    are plain word lists that need no model; they are run from where spaCy is installed rather
    than imported, since importing `spacy.lang.<code>` imports all of spaCy (seconds), which
    this package never does."""
    if not code.isascii() or not code.isalpha():
        return None
    spec = importlib.util.find_spec("spacy")  # a top-level package is found without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / code / "stop_words.py"
    if not path.is_file():
        return None
    module_spec = importlib.util.spec_from_file_location(f"_storyline_stop_words_{code}", path)
    if module_spec is None or module_spec.loader is None:
        return None
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    words = getattr(module, "STOP_WORDS", None)
    return frozenset(words) if words else None


_OPENING = "\"'“‘`(["  # stripped from a word's start before looking at its case
_SENTENCE_END = frozenset(".!?:;\"“”'`‘’()[]—–-|")


def names(text: str) -> set[str]:
    """The terms of `text` written capitalised where a sentence does not force it: the proper
    names (people, places, organisations, vessels) that tell one event from another of the same
    kind. A word after a full stop, colon, quotation mark or line break is not counted; nor is
    a text written all in capitals or in title case (a headline); nor a word the text also
    writes in lower case (the Judge who is "the judge" two lines down), nor a month."""
    found: set[str] = set()
    for line in text.splitlines():
        words = line.split()
        if not words:
            continue
        if len(words) >= 4:
            caps = sum(map(str.isupper, map(itemgetter(0), words)))
            if caps / len(words) > 0.6:  # a headline in title case, or shouting
                continue
        for previous, raw in zip(words, islice(words, 1, None)):  # a line's first word never counts
            if not (raw[0].isupper() or raw[0] in _OPENING):  # most words: not a name
                continue
            first = raw.lstrip(_OPENING)
            if first and first[0].isupper() and previous[-1] not in _SENTENCE_END:
                found.update(_name_terms(first))
    if found:
        found -= _MONTHS
        found -= {t for w in {w for w in _WORD.findall(text) if w[:1].islower()} for t in _name_terms(w)}
    return found


_MONTHS = frozenset(
    "january february march april june july august september october november december".split()
)  # "may" is a stopword


@functools.lru_cache(maxsize=1 << 16)
def _name_terms(word: str) -> tuple[str, ...]:
    """The non-numeric terms of one capitalised word (names recur: cached)."""
    return tuple(w for w in terms(word) if not _NUMERIC.match(w))


def central_names(found: Iterable[str], tf: Mapping[str, float], idf: Callable[[str], float], top: int,
                  min_count: int) -> tuple[str, ...]:  # fmt: skip
    """The names an article is about: of the names `found` in it, those it repeats at least
    `min_count` times (`tf` is sublinear, 1 + log(count)), the `top` heaviest by tf-idf (ties
    by the name)."""
    floor = 1.0 + math.log(min_count) - 1e-9
    repeated = [n for n in found if tf.get(n, 0.0) >= floor]
    repeated.sort(key=lambda n: (-tf[n] * idf(n), n))
    return tuple(repeated[:top])


_YEAR = re.compile(r"(?<![\d.,])(?:19[5-9]\d|20[0-4]\d)(?![\d.,]\d)")


def years(text: str) -> frozenset[str]:
    """The years 1950-2049 written as four digits in `text` ("in 2008", "2013's"): two events
    of one kind years apart (a festival's 2012 and 2019 editions) share every word but these."""
    return frozenset(_YEAR.findall(text))


def term_frequencies(words: Iterable[str]) -> dict[str, float]:
    """Sublinear term frequency: 1 + log(count)."""
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return {w: 1.0 + math.log(n) for w, n in counts.items()}


class Vocabulary:
    """Document frequencies counted as articles arrive: IDF is that of the stream so far."""

    # Norms of stored vectors are cached against an IDF snapshot that is renewed each time the
    # stream grows by a twentieth: cheap, and the same for a clusterer rebuilt from history as
    # for the live one (a cache filled "whenever asked" would depend on who asked when).
    SNAPSHOT_GROWTH = 1.05

    def __init__(self) -> None:
        self.documents = 0
        self.df: dict[str, int] = {}
        self.epoch = 0  # renewed snapshots so far
        self._snapshot_n = 0
        self._snapshot_df: dict[str, int] = {}

    def add(self, keys: Iterable[str]) -> None:
        self.documents += 1
        df = self.df
        for k in set(keys):
            df[k] = df.get(k, 0) + 1
        if self.documents > self._snapshot_n * self.SNAPSHOT_GROWTH:
            self._snapshot_n, self._snapshot_df = self.documents, dict(df)
            self.epoch += 1

    def snapshot_idf(self, key: str) -> float:
        """IDF as of the last snapshot: what cached norms are computed with."""
        return math.log((1 + self._snapshot_n) / (1 + self._snapshot_df.get(key, 0))) + 1.0

    def snapshot_norm(self, vector: Mapping[str, float]) -> float:
        """The L2 norm of `vector` weighted by the snapshot's IDF (what cached norms hold)."""
        idf = self.snapshot_idf
        return math.sqrt(sum((v * idf(k)) ** 2 for k, v in vector.items()))

    def cached_norm(self, cache: dict[str, tuple[int, float]], key: str, vector: Mapping[str, float]) -> float:
        """`snapshot_norm(vector)`, kept in `cache` under `key` until the snapshot is renewed;
        the owner of the vector clears `cache` when the vector changes."""
        cached = cache.get(key)
        if cached is not None and cached[0] == self.epoch:
            return cached[1]
        value = self.snapshot_norm(vector)
        cache[key] = (self.epoch, value)
        return value

    def idf(self, key: str) -> float:
        """Smoothed IDF: ln((1 + N) / (1 + df)) + 1, at least 1 for a term seen everywhere."""
        return math.log((1 + self.documents) / (1 + self.df.get(key, 0))) + 1.0

    def weigh(self, tf: Mapping[str, float]) -> dict[str, float]:
        """A TF-IDF vector, L2-normalised."""
        vec = {k: v * self.idf(k) for k, v in tf.items()}
        return normalised(vec)


class CommonTerms:
    """Per-language document frequencies, for the languages no stop-word list covers: a term
    found in at least `share` of such a language's earlier articles, once `min_articles` of them
    have been seen, is taken for one of its function words and dropped from its next articles.

    IDF alone does not discount these words where the language is a minority of the stream
    (counted over every article, Swahili "na" looks as rare as the Swahili articles are), and
    unrelated articles then join on them. English, an unknown language and every language with
    a list (`stopwords`) are left alone: the lists do the job there. A language's commonest
    function words are in nearly all of its articles, a story's own words in far fewer; how the
    defaults were chosen is in docs/decisions.md. The first `min_articles` articles of a
    language can still join on its function words."""

    def __init__(self, share: float = 0.7, min_articles: int = 10) -> None:
        self.share = share
        self.min_articles = min_articles
        self.documents: dict[str, int] = {}
        self.df: dict[str, dict[str, int]] = {}

    def add(self, language: str | None, words: Iterable[str]) -> None:
        """Count one article of `language` with its terms (nothing for a listed language)."""
        code = _code(language)
        if code is None or code == "en" or stopwords(code) is not STOPWORDS:
            return
        self.documents[code] = self.documents.get(code, 0) + 1
        df = self.df.setdefault(code, {})
        for w in set(words):
            df[w] = df.get(w, 0) + 1

    def without_common(self, language: str | None, words: list[str]) -> list[str]:
        """`words` less the terms common in `language` so far (all of them, until
        `min_articles` of it are seen or where `language` has a list)."""
        code = _code(language)
        n = self.documents.get(code, 0) if code else 0
        if n < self.min_articles:
            return words
        df, floor = self.df[code], self.share * n
        return [w for w in words if df.get(w, 0) < floor]


def normalised(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b)


def shared_terms(a: Mapping[str, float], b: Mapping[str, float], n: int = 10) -> list[tuple[str, float]]:
    """The terms that contribute most to dot(a, b), with their contribution."""
    common = [(k, a[k] * b[k]) for k in a.keys() & b.keys()]
    common.sort(key=lambda kv: (-kv[1], kv[0]))
    return common[:n]


def day(value: str | None) -> dt.date | None:
    """An ISO date or datetime as a date; None when absent or unreadable."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def gap_days(when: dt.date | None, first: dt.date | None, last: dt.date | None) -> float | None:
    """Days between `when` and the span [first, last]; 0 inside it, None when unknown."""
    if when is None or first is None or last is None:
        return None
    if when < first:
        return float((first - when).days)
    if when > last:
        return float((when - last).days)
    return 0.0
