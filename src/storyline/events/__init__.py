"""The events stage: fills `events`, PLOVER-coded actions sentence by sentence, each with its
type, mode, actors (entity, country, sector), date, place and evidence.

    stage.py     `find_events`, `EventCoder`: sentences to events, with the article pass
    triggers.py  what a clause says happened: its PLOVER type, trigger, mode and modality
    actors.py    who acts and who is acted on: source and target actors
    lexicon.py   the words that name PLOVER actions (`TYPES`, the sixteen types)
    sectors.py   PLOVER sector codes from titles and organisation names
"""

from .stage import EventCoder, find_events

__all__ = ["EventCoder", "find_events"]
