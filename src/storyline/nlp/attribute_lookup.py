"""A faster `match` for spaCy's attribute ruler, with exactly the same result.

`en_core_web_sm`'s attribute ruler maps fine tags to coarse POS and morphology and fixes some
lemmas: 179 patterns, nearly all of one token that test a token's TAG, LOWER, DEP or IS_SPACE
for equality. spaCy runs them through its general Matcher, which costs about a tenth of the
whole model's time on news text. Here every such one-token pattern becomes a dictionary lookup
on the token's attribute values; the dozen others (several tokens, NOT_IN, REGEX on LOWER)
become numpy masks over the doc's attribute arrays, and anything else (operators, other
attributes; none in the model today) still goes through a Matcher of its own. `match(doc)` returns the same sorted list of
(attribute id, match id, start, end) the ruler's own `match` gives, so the ruler's
`set_annotations` writes the same annotations (tests/nlp/test_attribute_lookup.py compares
both over real text).

The ruler then writes each match's attributes token by token (a Span and a Token object per
match, nearly one per token of the text): `AnnotationWriter` gathers what the matches set,
later ones over earlier ones as the ruler applies them, and writes it in one `Doc.from_array`.
The attributes the model's patterns set (POS, TAG, MORPH, LEMMA, DEP) live on the token only,
so writing them there is all the ruler's `set_token_attrs` does with them; a pattern setting
anything else (a lexeme's attribute, an extension) goes through the ruler's own method.
"""

from __future__ import annotations

from itertools import product

# Token attributes a one-token pattern may test by equality (or IN) to be looked up.
_LOOKED_UP = ("TAG", "LOWER", "DEP", "IS_SPACE")


class AttributeLookup:
    """Stands in for `AttributeRuler.match`; build it with `install(ruler)`."""

    def __init__(self, ruler):
        import numpy
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.matcher import Matcher

        self._ruler = ruler
        strings = ruler.vocab.strings
        self._array_attrs = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
        # signature (attribute names) -> {value tuple -> [attribute ids]}
        self._tables: dict[tuple[str, ...], dict[tuple, list[int]]] = {}
        self._match_ids: dict[int, int] = {}
        self._rest = Matcher(ruler.vocab)
        # patterns of several tokens, or with NOT_IN/REGEX tests: [(attr id, [tests per token])]
        self._sequences: list[tuple[int, list[list[tuple[str, str, object]]]]] = []
        for attr_id, entry in enumerate(ruler.patterns):
            match_id = strings[str(attr_id)]
            self._match_ids[attr_id] = match_id
            rest = []
            for token_patterns in entry["patterns"]:
                tests = _sequence_tests(token_patterns, strings)
                if tests is None:
                    rest.append(token_patterns)
                elif len(tests) == 1 and all(mode == "IN" for _, mode, _ in tests[0]):
                    # one token, equality tests only: a dictionary lookup on its values
                    allowed = {name: sorted(values) for name, _, values in tests[0]}
                    signature = tuple(sorted(allowed))
                    table = self._tables.setdefault(signature, {})
                    for value in product(*(allowed[name] for name in signature)):
                        ids = table.setdefault(value, [])
                        if attr_id not in ids:
                            ids.append(attr_id)
                else:
                    self._sequences.append((attr_id, tests))
            if rest:
                self._rest.add(str(attr_id), rest)
        # per signature: each tested attribute's values in its patterns, ranked, and a dense
        # table from a token's ranks to the attribute ids its values select (-1: none)
        self._ranks: dict[tuple[str, ...], list[dict[int, int]]] = {}
        self._dense: dict[tuple[str, ...], tuple[tuple[int, ...], object]] = {}
        for signature, table in self._tables.items():
            ranks = [{v: r for r, v in enumerate(sorted({key[n] for key in table}))} for n in range(len(signature))]
            shape = tuple(len(r) for r in ranks)
            dense = numpy.full((int(numpy.prod(shape)), max(len(ids) for ids in table.values())), -1, dtype=numpy.int64)
            for key, ids in table.items():
                dense[numpy.ravel_multi_index(tuple(r[v] for r, v in zip(ranks, key)), shape), : len(ids)] = ids
            self._ranks[signature] = ranks
            self._dense[signature] = (shape, dense)

    def __call__(self, doc):
        import numpy

        if not len(doc):
            return []
        columns = _Columns(doc, self._array_attrs)
        attr_ids, starts, ends = [], [], []
        for signature, ranks in self._ranks.items():
            # each token's rank among a pattern's values, per tested attribute (-1: in none)
            at = [columns.rank(name, r) for name, r in zip(signature, ranks)]
            passed = numpy.logical_and.reduce([r >= 0 for r in at])
            hits = numpy.nonzero(passed)[0]
            if not len(hits):
                continue
            shape, dense = self._dense[signature]
            found = dense[numpy.ravel_multi_index([r[hits] for r in at], shape)]
            for j in range(found.shape[1]):
                keep = found[:, j] >= 0
                attr_ids.append(found[keep, j])
                starts.append(hits[keep])
                ends.append(hits[keep] + 1)
        more: set[tuple[int, int, int]] = set()
        if self._sequences:
            self._match_sequences(columns, more)
        if len(self._rest):
            strings = self._ruler.vocab.strings
            for m_id, start, end in self._rest(doc, allow_missing=True, as_spans=False):
                more.add((int(strings[m_id]), start, end))
        if more:
            extra = numpy.array(sorted(more), dtype=numpy.int64)
            attr_ids.append(extra[:, 0])
            starts.append(extra[:, 1])
            ends.append(extra[:, 2])
        if not attr_ids:
            return []
        # the ruler's order: by attribute id (its match id follows from it), then span; each once
        n = len(doc) + 1
        keys = numpy.unique((numpy.concatenate(attr_ids).astype(numpy.int64) * n
                             + numpy.concatenate(starts)) * n + numpy.concatenate(ends))  # fmt: skip
        match_ids = self._match_ids
        return [(k // (n * n), match_ids[k // (n * n)], k // n % n, k % n) for k in keys.tolist()]

    def _match_sequences(self, columns: _Columns, found: set[tuple[int, int, int]]) -> None:
        """Patterns of several tokens, or with NOT_IN/REGEX tests, as numpy masks: a match
        starts at i when token i passes the first token's tests, i+1 the second's, and so on."""
        import numpy

        strings = self._ruler.vocab.strings
        n = columns.length
        for attr_id, token_tests in self._sequences:
            k = len(token_tests)
            if k > n:
                continue
            starts = numpy.ones(n - k + 1, dtype=bool)
            for offset, tests in enumerate(token_tests):
                for name, mode, value in tests:
                    if mode == "REGEX":  # on LOWER: decided once per distinct word of the doc
                        passed = columns.member(name, value, lambda h, v=value: bool(v.search(strings[h])))
                    else:
                        passed = columns.member(name, value)
                        if mode == "NOT_IN":
                            passed = ~passed
                    starts &= passed[offset : offset + n - k + 1]
            for i in numpy.nonzero(starts)[0].tolist():
                found.add((attr_id, i, i + k))


class _Columns:
    """A doc's TAG, LOWER, DEP and IS_SPACE columns, each as its distinct values and every
    token's place among them: a test on a value is decided once per distinct value (a doc of
    800 tokens has about 40 tags and 400 words), then spread to the tokens by one gather."""

    def __init__(self, doc, attrs: dict[str, int]) -> None:
        import numpy

        array = doc.to_array([attrs[name] for name in _LOOKED_UP])
        self.length = len(doc)
        self._distinct: dict[str, tuple[list[int], object]] = {}
        for i, name in enumerate(_LOOKED_UP):
            values, inverse = numpy.unique(array[:, i], return_inverse=True)
            self._distinct[name] = (values.tolist(), inverse.reshape(-1))
        self._member: dict[tuple[str, object], object] = {}

    def rank(self, name: str, ranks: dict[int, int]):
        """Each token's rank of its value in `ranks`, -1 where the value is not there."""
        import numpy

        values, inverse = self._distinct[name]
        return numpy.array([ranks.get(v, -1) for v in values], dtype=numpy.int64)[inverse]

    def member(self, name: str, allowed, test=None):
        """Whether each token's value is one of `allowed` (a frozenset of values), or passes
        `test` where given; kept per (name, allowed)."""
        import numpy

        key = (name, allowed)
        found = self._member.get(key)
        if found is None:
            values, inverse = self._distinct[name]
            check = test if test is not None else allowed.__contains__
            found = self._member[key] = numpy.array([check(v) for v in values], dtype=bool)[inverse]
        return found


def _sequence_tests(token_patterns: list[dict], strings) -> list[list[tuple[str, str, object]]] | None:
    """Per token, (attribute, IN | NOT_IN | REGEX, values) tests; None when a pattern uses
    anything else (operators, other attributes), which the Matcher then handles."""
    import re

    out = []
    for tests in token_patterns:
        if not tests or any(name not in _LOOKED_UP for name in tests):
            return None
        token = []
        for name, value in tests.items():
            if isinstance(value, dict):
                if len(value) != 1:
                    return None
                (mode, options), = value.items()
                if mode == "REGEX" and name == "LOWER" and isinstance(options, str):
                    token.append((name, "REGEX", re.compile(options)))
                    continue
                if mode not in ("IN", "NOT_IN"):
                    return None
                options = list(options)
            else:
                mode, options = "IN", [value]
            if name == "IS_SPACE":
                if not all(isinstance(o, bool) for o in options):
                    return None
                hashes = [int(o) for o in options]
            elif all(isinstance(o, str) for o in options):
                hashes = [strings.add(o) for o in options]
            else:
                return None
            token.append((name, mode, frozenset(hashes)))
        out.append(token)
    return out


class AnnotationWriter:
    """Stands in for `AttributeRuler.set_annotations`; build it with `install(ruler)`."""

    def __init__(self, ruler):
        from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

        self._ruler = ruler
        # whether every pattern's attributes are ones this writes (else the ruler's own method)
        written = {DEP, LEMMA, MORPH, POS, TAG}
        self.complete = all(isinstance(a, dict) and set(a) <= written for a in ruler.attrs)

    def __call__(self, doc, matches) -> None:
        ruler = self._ruler
        if not matches:
            return
        if not self.complete:
            return type(ruler).set_annotations(ruler, doc, matches)
        rows: dict[int, dict[int, int]] = {}
        for attr_id, _match_id, start, end in matches:
            index = ruler.indices[attr_id]
            i = start + index if index >= 0 else end + index
            if not start <= i < end:  # the ruler's own method raises its error (E1001)
                return type(ruler).set_annotations(ruler, doc, matches)
            rows.setdefault(i, {}).update(ruler.attrs[attr_id])
        columns = sorted({name for row in rows.values() for name in row})
        array = doc.to_array(columns)
        if array.ndim == 1:  # spaCy gives one attribute's values as a flat array, even from a list
            array = array.reshape((-1, 1))
        where = {name: n for n, name in enumerate(columns)}
        for i, row in rows.items():
            for name, value in row.items():
                array[i, where[name]] = value
        doc.from_array(columns, array)


def install(nlp) -> None:
    """Give the pipeline's attribute ruler (if any) the lookup `match` and the one-array writer."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.match = AttributeLookup(ruler)
    ruler.set_annotations = AnnotationWriter(ruler)
