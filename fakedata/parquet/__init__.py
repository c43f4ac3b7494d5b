"""A Parquet writer for generated datasets: pyarrow's file layout, without its per-value cost.

pyarrow's writer spends some 25 ns on every leaf value of a nested column (levels worked
out value by value, dictionary indices re-encoded, statistics): for a fleet's 28 million
leaf values that was most of ``workbench fake-data``. Generated data has a shape that
makes most of that work unnecessary, and this writer takes the shortcuts:

- repetition and definition levels are run-length encoded straight from list offsets and
  validity bitmaps: a list column without nulls costs a few runs per row, not per value;
- a dictionary-encoded Arrow column (the fleet models' strings, over dataset-wide
  dictionaries) is written as a dictionary page plus its indices, bit-packed at a whole
  number of bytes (8, 16 or 32 bits: the Parquet format lets a writer choose the width),
  so packing is a copy;
- fixed-width values are written PLAIN from their Arrow buffers, strings PLAIN;
- one data page per column chunk (a row group of generated rows is a few MB).

The Parquet schema (types, logical and converted types, repetition) is the one pyarrow
writes for the same Arrow schema, so readers infer the same Arrow types from it, and the
statistics of the columns asked for are the ones pyarrow writes. The bytes depend only on
the rows: chunking of the input does not show (runs are merged, chunks concatenated).
Tests compare every file with pyarrow's reading of it and with pyarrow's own file."""

from fakedata.parquet.writer import ChunkInfo, ParquetWriter, RowGroup, RowGroupEncoder

__all__ = ["ChunkInfo", "ParquetWriter", "RowGroup", "RowGroupEncoder"]
