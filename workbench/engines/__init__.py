"""Engines: where a BigQuery-dialect statement runs. One interface (``base.Engine``):
``run`` (the result as Arrow), ``dry_run`` (validity and cost, nothing executed) and
``tables`` (what a statement reads). ``LocalEngine`` (``local.py``) runs it offline on the
fake dataset in DuckDB; ``BigQueryEngine`` (``bigquery.py``) on BigQuery itself.

Nothing heavy is imported here: the CLI's start-up path goes through this package.
"""
