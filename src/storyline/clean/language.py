"""Detect the language of an article's clean text (py3langid, offline, model in the package)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..record import Article


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, min_score: float = 0.5) -> tuple[str | None, float | None]:
    """(ISO 639-1 code, confidence), or (None, score) when the text is too short or unclear."""
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None, None
    code, score = _identifier().classify(sample)
    score = round(float(score), 4)
    return (code if score >= min_score else None), score


def add_language(article: Article, min_score: float = 0.5) -> Article:
    """The article with `language` set: what the input declared wins, else what the text shows."""
    if article.language:
        return article
    code, score = detect_language(article.text, min_score)
    return replace(article, language=code, language_score=score)
