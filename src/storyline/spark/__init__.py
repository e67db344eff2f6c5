"""The same pipeline on Apache Spark, for corpora beyond one machine (`storyline spark run`,
or `spark-submit` of `job.py`). pyspark is optional: `pip install 'storyline[spark]'`.

    job.py      the entry point: inputs in, Parquet tables by publication day out
    tasks.py    what runs on the executors: read, clean, understand (the project's stages)
    stories.py  the ordered pass on the driver: people across batches, story clustering
    windows.py  story clustering by time window on the executors (`--stories windowed`)
    tables.py   the rows of the store's Parquet layout (store/layout.py), article by article

`storyline load DIR` (store/parquet.py) brings the output into a DuckDB store. This package
reads the store's layout; the store never imports it.
"""
