"""The quotes stage: fills `quotes`, direct and reported speech with its content, speaker
(resolved to an entity), cue and channel, each with character offsets.

    stage.py     `find_quotes`: cue verbs, their sources and contents, quotation marks
    marks.py     quotation-mark spans in the text, before any parsing
    spans.py     the spans of an attribution in the parse (source, cue, channel)
    speakers.py  who a source refers to: a name, a pronoun or a noun resolved to an entity
    lexicon.py   the words that mark reported speech: cue verbs, channels, pronouns
"""

from .stage import find_quotes

__all__ = ["find_quotes"]
