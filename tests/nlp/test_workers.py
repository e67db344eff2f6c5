"""analyse() over worker processes gives exactly what one process gives, in input order."""

from dataclasses import replace

from storyline.clean import clean_batch
from storyline.config import Settings
from storyline.nlp import analyse
from storyline.readers import read
from storyline.record import RawDocument
from storyline.sample import corpus_path


def _sample_articles(count: int):
    docs = [d for d in read([str(corpus_path())], Settings(environ={})) if isinstance(d, RawDocument)]
    articles, errors = clean_batch(docs[:count])
    assert not errors
    return articles


def test_workers_give_the_single_process_result_in_order():
    articles = _sample_articles(9)
    # one article not in English passes through untouched, in its place
    articles[4] = replace(articles[4], language="fr")
    alone = list(analyse(articles, processes=1))
    shared = list(analyse(articles, processes=2, batch_size=2))  # five chunks over two workers
    assert [a.id for a in shared] == [a.id for a in articles]
    assert shared == alone
    assert shared[4] == articles[4]
    assert any(a.entities for a in shared) and any(a.quotes for a in shared)
    # the raw bytes stayed in this process and are given back
    assert all(s.raw == a.raw and s.raw for s, a in zip(shared, articles))


def test_workers_with_nothing_to_do():
    assert list(analyse([], processes=2)) == []
