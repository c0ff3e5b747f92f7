"""`tacitus batch`: the pipeline over many articles on a Dask cluster, written as Parquet.

`shards.py` cuts the inputs into named shards, `run.py` runs them on Dask distributed (a
worker plugin loads the pipeline once per worker), `parquet_out.py` writes and reads the
output (its layout and columns are documented there), `load.py` stores an output.
Dask and pyarrow are imported only by the commands that use them.
"""
