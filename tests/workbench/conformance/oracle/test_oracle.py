"""The offline workbench against GoogleSQL's reference evaluator on generated expressions.

Every template of generator.py once (a few hundred constant expressions at the edges of
their arguments; ``python -m tests.workbench.conformance.oracle.run`` runs thousands). A
difference not listed in known_differences.toml fails: a new silent difference. A listed
one that now agrees only needs its entry removed (the list is what is left to fix).
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from tests.workbench.conformance.harness import offline_workbench
from tests.workbench.conformance.oracle import reference
from tests.workbench.conformance.oracle.differ import judge
from tests.workbench.conformance.oracle.generator import ALL_TEMPLATES, expressions

KNOWN_FILE = Path(__file__).with_name("known_differences.toml")
KNOWN: dict[str, dict[str, str]] = {
    d["expression"]: d for d in tomllib.loads(KNOWN_FILE.read_text("utf-8"))["difference"]
}
SAMPLE = expressions(len(ALL_TEMPLATES), seed=15)
BY_FAMILY: dict[str, list[str]] = defaultdict(list)
for _template, _text in SAMPLE:
    BY_FAMILY[_template.family].append(_text)


@pytest.fixture(scope="module")
def wb(tmp_path_factory: pytest.TempPathFactory):
    bench = offline_workbench(Path(tmp_path_factory.mktemp("oracle")))
    yield bench
    bench.close()


def test_reference_gives_documented_answers() -> None:
    """The oracle itself, on answers the reference text states (so the oracle can fail).

    ROUND rounds half away from zero, but 2.775 is not exactly representable as FLOAT64
    (2.77499999...), so 2.77 (issue 15 quotes BigQuery's answer); EXTRACT(MILLISECOND)
    is the millisecond within the second:
    https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
    https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#extract
    Integer division by zero is an error (operators#arithmetic_operators).
    """
    assert reference.evaluate("ROUND(2.775, 2)") == reference.Reference("FLOAT64", 2.77)
    millis = reference.evaluate("EXTRACT(MILLISECOND FROM TIME '12:34:56.999999')")
    assert millis == reference.Reference("INT64", 999)
    assert reference.evaluate("1 / 0").error == "division by zero: 1 / 0"
    point = reference.evaluate("STRUCT(NUMERIC '1.5' AS n, DATE '2024-02-29' AS d)")
    assert point.type == "STRUCT<n NUMERIC, d DATE>"
    assert str(point.value["n"].normalize()) == "1.5"
    assert point.value["d"].isoformat() == "2024-02-29"


def test_avg_of_an_infinity_may_be_infinite_or_nan() -> None:
    """aggregate_functions#avg: "If the argument is [+|-]Infinity for any row in the group,
    returns either [+|-]Infinity or NaN"; a NaN input is NaN, no latitude there."""
    from tests.workbench.conformance.oracle.differ import _avg_latitude

    inf = "(SELECT AVG(x) FROM UNNEST([CAST('inf' AS FLOAT64), -1.0]) AS x)"
    assert _avg_latitude(inf, "NaN", "Infinity")
    assert not _avg_latitude(inf, "NaN", 1.0)
    nan = "(SELECT AVG(x) FROM UNNEST([CAST('NaN' AS FLOAT64), CAST('inf' AS FLOAT64)]) AS x)"
    assert not _avg_latitude(nan, "NaN", "Infinity")
    assert not _avg_latitude(
        "(SELECT SUM(x) FROM UNNEST([CAST('inf' AS FLOAT64)]) AS x)", "NaN", "Infinity"
    )


def test_sample_covers_every_family() -> None:
    assert len(SAMPLE) == len(ALL_TEMPLATES) >= 700
    assert set(BY_FAMILY) >= {
        "operators",
        "math",
        "strings",
        "casts",
        "dates",
        "timestamps",
        "civil",
        "arrays",
        "structs",
        "conditionals",
        "aggregates",
        # round 3 (templates_more.py)
        "bytes",
        "predicates",
        "bits",
        "format",
        "zones",
        "json",
        "coercion",
        "aggregates2",
        "windows",
        # round 4 (templates_round4.py)
        "math4",
        "strings4",
        "dates4",
        "intervals",
        "formats4",
        "numeric4",
        "bytes4",
        "aggregates4",
    }


@pytest.mark.parametrize("family", sorted(BY_FAMILY))
def test_no_new_silent_difference(family: str, wb) -> None:
    new = []
    for text in BY_FAMILY[family]:
        verdict = judge(text, wb)
        if verdict.kind == "different" and text not in KNOWN:
            new.append(
                f"{text}\n  {verdict.how}\n  reference: {verdict.reference}"
                f"\n  workbench: {verdict.workbench}"
            )
    assert not new, f"{len(new)} silent difference(s):\n" + "\n".join(new)
