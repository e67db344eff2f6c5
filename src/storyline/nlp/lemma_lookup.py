"""A faster `__call__` for spaCy's rule lemmatizer, with exactly the same lemmas.

`en_core_web_sm`'s lemmatizer (rule mode, overwrite off) walks every token of a doc in Python,
makes a Token for each and asks its cache, keyed by the token's text, coarse POS and
morphology, for the lemma: about 2% of the model's time on news text, almost all of it the walk.
Here the doc's ORTH, POS, MORPH and LEMMA columns are read as one array, the tokens the
attribute ruler left without a lemma are looked up by the same key in a table of lemma string
ids, and the lemmas are written back with one `Doc.from_array`. A key seen for the first time is
lemmatized by the lemmatizer itself (`rule_lemmatize`, which keeps its own cache by that key), so
the table only ever holds what spaCy would have given. tests/nlp/test_attribute_lookup.py
compares every token's annotations with and without it over real text.
"""

from __future__ import annotations


class LemmaLookup:
    """What the lemmatizer does to one doc, by array; `install(nlp)` makes it the lemmatizer's call."""

    def __init__(self, lemmatizer):
        self._lemmatizer = lemmatizer
        self._lemmas: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma id

    def __call__(self, doc):
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        missing = numpy.nonzero(array[:, 3] == 0)[0].tolist()
        if not missing:
            return doc
        lemmas, strings = self._lemmas, doc.vocab.strings
        keys = array[missing, :3].tolist()
        for i, key in zip(missing, map(tuple, keys)):
            found = lemmas.get(key)
            if found is None:
                found = strings.add(self._lemmatizer.lemmatize(doc[i])[0])
                if key[1]:  # an untagged token warns each time in spaCy: never kept
                    lemmas[key] = found
            array[i, 3] = found
        doc.from_array([LEMMA], numpy.ascontiguousarray(array[:, 3:4]))
        return doc


def install(nlp) -> None:
    """Give the pipeline's lemmatizer the array walk, where it is spaCy's rule lemmatizer that
    keeps lemmas already set (en_core_web_sm's); any other lemmatizer is left as it is."""
    from spacy.pipeline import Lemmatizer

    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule" or lemmatizer.overwrite:
        return
    if not lemmatizer._validated:
        lemmatizer._validate_tables()
    lemmatizer._storyline_lookup = LemmaLookup(lemmatizer)
    # spaCy calls a component as `proc(doc)`, which Python looks up on the class: the instance
    # becomes one of a subclass whose call is the lookup (its tables, cache and config unchanged)
    lemmatizer.__class__ = _with_lookup(type(lemmatizer))


_CLASSES: dict[type, type] = {}


def _with_lookup(base: type) -> type:
    if base.__dict__.get("_storyline_fast"):
        return base
    if base not in _CLASSES:
        def __call__(self, doc):
            return self._storyline_lookup(doc)

        _CLASSES[base] = type(base.__name__, (base,), {"__call__": __call__, "_storyline_fast": True,
                                                       "__module__": base.__module__})  # fmt: skip
    return _CLASSES[base]
