"""The quotes stage: fills `quotes`, direct and reported speech with its content, speaker
(resolved to an entity), cue and channel, each with character offsets.

    stage.py     `find_quotes`: cue verbs, their sources and contents, quotation marks
    marks.py     quotation-mark spans in the text, before any parsing
    spans.py     the spans of an attribution in the parse (source, cue, channel)
    lexicon.py   the words that mark reported speech: cue verbs, channels

Who a source refers to (a name, a pronoun or a noun resolved to an entity) is
entities/coreference.py's, shared with the events stage.
"""

from .stage import find_quotes

__all__ = ["find_quotes"]
