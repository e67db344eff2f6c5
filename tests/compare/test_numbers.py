"""What a number in a sentence counts (compare/numbers.py), on sentences we wrote."""

from storyline.compare.numbers import read_numbers


def _measures(sentence: str) -> list[tuple[float, str]]:
    return [(r.value, r.measure) for r in read_numbers(sentence)]


def test_casualty_counts_next_to_their_verbs():
    found = _measures("The quake killed two people and injured 38, and at least 25 were missing.")
    assert (2.0, "killed") in found and (38.0, "injured") in found and (25.0, "missing") in found


def test_a_span_of_time_after_a_count_is_not_a_count():
    """'injuring 38, one week after ...': the 'one' measures time, not the injured."""
    found = _measures("A quake struck late on Monday, killing two people and injuring 38, one week after "
                      "a stronger quake in a neighbouring province killed at least 25.")
    assert (38.0, "injured") in found
    assert (1.0, "injured") not in found
    assert not any(value == 1.0 for value, _ in found)


def test_durations_are_never_counted():
    assert _measures("Three days after the flood, two weeks of rain ended; 40 homes were destroyed.") == [(40.0, "houses")]
