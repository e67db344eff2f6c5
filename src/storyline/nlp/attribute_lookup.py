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
                    allowed = {name: values.tolist() for name, _, values in tests[0]}
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
        self._columns = sorted({name for signature in self._tables for name in signature})
        self._first_values = {
            signature: numpy.array(sorted({key[0] for key in table}), dtype=numpy.uint64)
            for signature, table in self._tables.items()
        }

    def __call__(self, doc):
        import numpy

        found: set[tuple[int, int, int]] = set()
        if self._tables and len(doc):
            array = doc.to_array([self._array_attrs[name] for name in self._columns])
            column = {name: array[:, i] for i, name in enumerate(self._columns)}
            for signature, table in self._tables.items():
                first = self._first_values[signature]
                # only tokens whose first tested value occurs in some pattern are looked up
                hits = numpy.nonzero(numpy.isin(column[signature[0]], first))[0].tolist()
                if not hits:
                    continue
                values = [column[name][hits].tolist() for name in signature]
                for n, key in enumerate(zip(*values)):
                    ids = table.get(key)
                    if ids:
                        i = hits[n]
                        for attr_id in ids:
                            found.add((attr_id, i, i + 1))
        if self._sequences and len(doc):
            self._match_sequences(doc, found)
        if len(self._rest):
            strings = self._ruler.vocab.strings
            for m_id, start, end in self._rest(doc, allow_missing=True, as_spans=False):
                found.add((int(strings[m_id]), start, end))
        return sorted((attr_id, self._match_ids[attr_id], start, end) for attr_id, start, end in found)


    def _match_sequences(self, doc, found: set[tuple[int, int, int]]) -> None:
        """Patterns of several tokens, or with NOT_IN/REGEX tests, as numpy masks: a match
        starts at i when token i passes the first token's tests, i+1 the second's, and so on."""
        import numpy

        array = doc.to_array([self._array_attrs[name] for name in _LOOKED_UP])
        column = {name: array[:, i] for i, name in enumerate(_LOOKED_UP)}
        strings = self._ruler.vocab.strings
        lowers: dict[int, str] | None = None
        n = len(doc)
        for attr_id, token_tests in self._sequences:
            k = len(token_tests)
            if k > n:
                continue
            starts = numpy.ones(n - k + 1, dtype=bool)
            for offset, tests in enumerate(token_tests):
                for name, mode, value in tests:
                    values = column[name][offset : offset + n - k + 1]
                    if mode == "IN":
                        passed = numpy.isin(values, value)
                    elif mode == "NOT_IN":
                        passed = ~numpy.isin(values, value)
                    else:  # REGEX, on LOWER: decided once per distinct word of the doc
                        if lowers is None:
                            lowers = {h: strings[h] for h in numpy.unique(column["LOWER"]).tolist()}
                        good = [h for h, text in lowers.items() if value.search(text)]
                        passed = numpy.isin(values, numpy.array(good, dtype=numpy.uint64))
                    starts &= passed
            for i in numpy.nonzero(starts)[0].tolist():
                found.add((attr_id, i, i + k))


def _sequence_tests(token_patterns: list[dict], strings) -> list[list[tuple[str, str, object]]] | None:
    """Per token, (attribute, IN | NOT_IN | REGEX, values) tests; None when a pattern uses
    anything else (operators, other attributes), which the Matcher then handles."""
    import re

    import numpy

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
            token.append((name, mode, numpy.array(hashes, dtype=numpy.uint64)))
        out.append(token)
    return out


def install(nlp) -> None:
    """Give the pipeline's attribute ruler (if any) the lookup `match`."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.match = AttributeLookup(ruler)
