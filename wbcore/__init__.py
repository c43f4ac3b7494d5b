"""Layer 1, below everything: structured user errors, the BigQuery type table, SQL files.

Both ``fakedata`` and ``workbench`` build on it; it imports neither.
"""
