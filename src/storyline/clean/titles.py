"""A page's headline without its site's name, and the site's name as the outlet.

Pages title themselves "Council votes to rebuild the bridge - CNN" or "... | The Guardian".
`split_site_suffix` cuts such a suffix when it names the outlet already known (the page's
site name, the URL's host) or, where none is known, when it reads like a name: a few
capitalised words after a " | ", " - ", " – " or " — " separator, behind a longer headline. The
name cut off becomes the outlet where none was known. A suffix that is part of the headline
("Talks resume - for now") stays, since it is neither the outlet nor a name.
"""

from __future__ import annotations

import re

_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")
_MAX_NAME_WORDS = 5
_NAME_WORD = re.compile(r"^(?:[A-Z0-9][\w.&'’!-]*|of|the|and|de|la|le|der|die|das|del|y|&|on|am|im)$")


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _names_outlet(suffix: str, outlet: str | None, host: str | None) -> bool:
    """Whether `suffix` is the known outlet or the host's name ("CNN" for edition.cnn.com)."""
    key = _squash(suffix)
    if not key:
        return False
    if outlet and (_squash(outlet) == key or _squash(outlet).startswith(key) or key.startswith(_squash(outlet))):
        return True
    if host:
        labels = [_squash(label) for label in host.casefold().split(".")]
        if key in labels or any(len(label) >= 4 and key.replace("the", "", 1) == label.replace("the", "", 1)
                                for label in labels):  # fmt: skip
            return True
    return False


def _reads_like_name(suffix: str) -> bool:
    words = suffix.split()
    return 1 <= len(words) <= _MAX_NAME_WORDS and all(_NAME_WORD.match(w) for w in words) and suffix[:1].isupper()


def split_site_suffix(title: str | None, outlet: str | None = None, host: str | None = None) -> tuple[str | None, str | None]:
    """(headline, outlet): `title` without a trailing site name, and the outlet (`outlet` when
    known, else the name cut off, else None)."""
    if not title:
        return title, outlet
    parts = _SEPARATOR.split(title)
    if len(parts) < 2:
        return title, outlet
    suffix = parts[-1].strip()
    head = title[: len(title) - len(parts[-1])]
    head = re.sub(r"\s+(?:\||-|–|—|::|·|•)\s*$", "", head).strip()
    words = len(head.split())
    if words >= 2 and _names_outlet(suffix, outlet, host):
        return head, outlet or suffix
    if words >= 3 and not outlet and _reads_like_name(suffix):
        return head, suffix
    return title, outlet
