"""The exceptions Storyline raises, all under one base class.

    StorylineError
    ├── ReaderError       an input could not be read (names the input, and the line or record)
    ├── StageError        a pipeline stage could not process an article
    ├── StoreError        the store failed (wraps duckdb.Error)
    │   ├── NotFound          what was asked for by name is not in the store
    │   │   ├── ArticleNotFound
    │   │   ├── StoryNotFound
    │   │   └── StorylineNotFound
    │   └── AmbiguousReference  a name that fits several articles
    ├── ConfigError       a setting has an unknown name or a bad value
    ├── EvaluationError   an evaluation set could not be read
    └── Notice            not a failure: something the user is told once (a feed entry
                          stored from its summary), yielded beside documents, never raised

Messages name the input and say what was expected, e.g.
"cannot read 'in/x.warc': no WARC/1.0 header".
"""

from __future__ import annotations


def where(origin: str, locator: str | None) -> str:
    """An input and the place inside it, as messages name them: "feed.xml, entry 3"."""
    return f"{origin}" + (f", {locator}" if locator else "")


class StorylineError(Exception):
    """Base class: catch this to handle every error Storyline raises on purpose."""


class ReaderError(StorylineError):
    """An input (file, URL, line, record) could not be read."""

    def __init__(self, origin: str, problem: str, locator: str | None = None):
        self.origin = origin
        self.problem = problem
        self.locator = locator
        super().__init__(f"cannot read '{where(origin, locator)}': {problem}")


class StageError(StorylineError):
    """A pipeline stage failed on one article."""


class StoreError(StorylineError):
    """The store could not complete an operation."""


class NotFound(StoreError):
    """An article, story or entity asked for by name is not in the store."""


class AmbiguousReference(StoreError):
    """A reference (a file name, a URL) names several articles: an id is needed."""


class ArticleNotFound(NotFound):
    def __init__(self, ref: str):
        self.ref = ref
        super().__init__(f"no article '{ref}' in the store (give an article id or the input file's name)")


class StoryNotFound(NotFound):
    def __init__(self, story_id: str):
        self.story_id = story_id
        super().__init__(f"no story '{story_id}' in the store (see 'storyline stories')")


class StorylineNotFound(NotFound):
    def __init__(self, storyline_id: str):
        self.storyline_id = storyline_id
        super().__init__(f"no storyline '{storyline_id}' in the store (see 'storyline storylines')")


class ConfigError(StorylineError):
    """A setting has an unknown name or a value of the wrong kind."""


class EvaluationError(StorylineError):
    """An evaluation set (../shared/eval/...) is missing a file or has an unexpected form."""


class Notice(StorylineError):
    """Something the user should be told once that is not a failure: a reader yields it beside
    its documents (a feed entry stored from its summary because its page could not be had),
    the pipeline keeps it apart from the errors, and it never changes an exit code. Like a
    ReaderError it names the input, and the entry or record inside it."""

    def __init__(self, origin: str, message: str, locator: str | None = None):
        self.origin = origin
        self.message = message
        self.locator = locator
        super().__init__(f"'{where(origin, locator)}': {message}")
