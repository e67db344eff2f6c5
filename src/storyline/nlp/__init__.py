"""Language understanding: one spaCy parse per article, then the stages that read it
(`entities`, `dates`, `quotes`, `events`), which fill `sentences`, `mentions`, `entities`,
`dates`, `quotes` and `events` on the Article.

    stage.py             `load_model` (the one place that chooses the spaCy model), `analyse`
                         and `Analyser` (the parse and the stages, in worker processes if asked)
    attribute_lookup.py  a faster matcher for the model's attribute ruler, same output
    processes.py         `analysis_processes`: how many processes the `nlp_processes` setting
                         means on this machine (0: its cores, as far as memory allows)
"""

from .processes import analysis_processes
from .stage import MODEL_NAMES, Analyser, analyse, batches, load_model

__all__ = ["MODEL_NAMES", "Analyser", "analyse", "analysis_processes", "batches", "load_model"]
