"""What the function allowlist costs a translation: the same queries, in one process.

Each query in queries/ is translated 15 times in each of two configurations, interleaved:
the translation as shipped (the parser recording every call's name, ``call_names``, and
the ``function-allowlist`` rule) and the baseline, the same code with BigQuery's own parser
and without that rule. Prints each query's medians and the ratio of the medians over all.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from sqlglot.dialects.bigquery import BigQuery

ROOT = Path(__file__).resolve().parent.parent


class _PlainParser(BigQuery.Parser):  # type: ignore[misc, valid-type]
    def written(self) -> list:
        return []


def main(repeat: int = 15) -> None:
    import workbench.translate.call_names as call_names
    import workbench.translate.registry as registry
    from workbench.translate import translate
    from workbench.workbench import Workbench

    shipped_rules, named = registry.RULES, call_names.NamedCallsParser
    baseline_rules = tuple(r for r in shipped_rules if r.name != "function-allowlist")

    def configure(allowlist: bool) -> None:
        registry.RULES = shipped_rules if allowlist else baseline_rules
        call_names.NamedCallsParser = named if allowlist else _PlainParser

    wb = Workbench(root=ROOT)
    context = wb.context()
    samples: dict[bool, dict[str, list[float]]] = {True: {}, False: {}}
    try:
        for path in sorted((ROOT / "queries").glob("*/*.sql")):
            sql = path.read_text(encoding="utf-8")
            for allowlist in (True, False):  # warm-up
                configure(allowlist)
                translate(sql, context)
            for _ in range(repeat):
                for allowlist in (True, False):
                    configure(allowlist)
                    started = time.perf_counter()
                    translate(sql, context, str(path))
                    elapsed = (time.perf_counter() - started) * 1000
                    samples[allowlist].setdefault(path.name, []).append(elapsed)
    finally:
        configure(True)
        wb.close()
    medians = {k: {q: statistics.median(v) for q, v in s.items()} for k, s in samples.items()}
    for query, ms in medians[True].items():
        base = medians[False][query]
        print(f"{query:40} allowlist {ms:6.1f} ms  baseline {base:6.1f} ms  ratio {ms / base:.3f}")
    shipped, baseline = (statistics.median(medians[k].values()) for k in (True, False))
    print(
        f"median over queries: {shipped:.2f} ms with the allowlist, {baseline:.2f} ms without "
        f"(ratio {shipped / baseline:.3f})"
    )


if __name__ == "__main__":
    main()
