"""fakedata.arrow helpers that the fake-data command relies on for its speed."""

from __future__ import annotations

import subprocess
import sys


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
