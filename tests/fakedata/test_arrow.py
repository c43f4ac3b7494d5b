"""fakedata.arrow helpers that the fake-data command relies on for its speed."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st


def test_pandas_probe_skipped_but_to_pandas_still_works():
    code = (
        "import sys\n"
        "from fakedata.arrow import skip_pandas_probe\n"
        "skip_pandas_probe()\n"
        "import numpy as np, pyarrow as pa, pyarrow.compute as pc\n"
        "pa.array(['a', 'b']); pa.array(np.arange(3)); pc.unique(pa.array([1, 1]))\n"
        "assert 'pandas' not in sys.modules, 'pandas imported'\n"
        "df = pa.table({'x': [1, 2]}).to_pandas()\n"
        "assert type(df).__name__ == 'DataFrame' and df['x'].tolist() == [1, 2]\n"
        "import pandas as pd\n"
        "assert pa.types.is_dictionary(pa.array(pd.Series(pd.Categorical(['a', 'b']))).type)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_system_allocator_is_restored():
    import pyarrow as pa

    from fakedata.arrow import system_allocator

    before = pa.default_memory_pool().backend_name
    with system_allocator():
        assert pa.default_memory_pool().backend_name == "system"
        kept = pa.array(list(range(1000)))
    assert pa.default_memory_pool().backend_name == before
    assert kept.to_pylist()[-1] == 999


def test_release_free_memory_keeps_live_data():
    import pyarrow as pa

    from fakedata.arrow import release_free_memory

    live = pa.array(list(range(100_000)))
    garbage = [bytearray(1 << 20) for _ in range(20)]
    del garbage
    release_free_memory()
    release_free_memory()
    assert live.to_pylist()[-1] == 99_999


def _nested(draw_lengths: list[int], words: list[str]) -> object:
    """list<struct<name: dictionary, count: int64, note: string>> with the given lengths."""
    import numpy as np
    import pyarrow as pa

    total = sum(draw_lengths)
    idx = np.arange(total, dtype=np.int32) % len(words)
    struct = pa.StructArray.from_arrays(
        [
            pa.DictionaryArray.from_arrays(pa.array(idx), pa.array(words)),
            pa.array(np.arange(total, dtype=np.int64) * 7),
            pa.array([f"n{i}" for i in range(total)]),
        ],
        names=["name", "count", "note"],
    )
    offsets = np.concatenate([[0], np.cumsum(draw_lengths)]).astype(np.int32)
    typ = pa.list_(pa.field("element", struct.type, nullable=False))
    return pa.ListArray.from_arrays(pa.array(offsets), struct, type=typ)


@settings(max_examples=60, deadline=None)
@given(
    lengths=st.lists(st.integers(0, 5), min_size=1, max_size=30),
    data=st.data(),
)
def test_take_rows_equals_arrow_take(lengths, data):
    import numpy as np
    import pyarrow as pa

    from fakedata.arrow import take_rows

    column = _nested(lengths, ["Ntp", "Ntp::Config", "Apache"])
    lo = data.draw(st.integers(0, len(lengths) - 1))
    column = column.slice(lo)  # a sliced column: offsets do not start at 0
    rows = np.asarray(
        data.draw(st.lists(st.integers(0, len(column) - 1), max_size=40)), dtype=np.int64
    )
    got = take_rows(column, rows)
    want = column.take(pa.array(rows, pa.int64()))
    assert got.type == want.type
    assert got.to_pylist() == want.to_pylist()
    # the dictionary is kept as it is (the Parquet writer needs one shared dictionary)
    assert got.values.field(0).dictionary.equals(column.values.field(0).dictionary)
