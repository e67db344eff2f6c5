"""The dates stage: fills `dates`, every temporal expression of the text normalised TIMEX3-style
against the publication date (partial values when there is none).

    stage.py         `find_dates`, `find_time_expressions`: the rules run over a text, longest
                     span first, values in reading order
    rules.py         the rules for absolute and calendar expressions ("June 2", "last year")
    relative.py      the rules read against the moment of writing (weekdays, "yesterday",
                     durations, sets, holidays)
    words.py         the words rules are built from, and their small template language
    timex.py         TIMEX3 values: the calendar arithmetic and the reading context
    regex_starts.py  where a pattern's matches can begin, so long rules are tried only there
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .stage import find_dates, find_time_expressions

__all__ = ["find_dates", "find_time_expressions"]


def __getattr__(name: str):
    # Exported lazily: compare/ reads `words` alone, and the rules compile only once a stage
    # function is asked for.
    if name in __all__:
        from . import stage

        return getattr(stage, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
