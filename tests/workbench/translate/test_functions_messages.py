"""The messages BigQuery's runtime functions raise (translate/functions.py) are constant texts,
all listed in ``MESSAGES``: the engine shows a listed one as the failing call's reason and
hides any other text a function's exception carries (it could hold a value)."""

from __future__ import annotations

import ast

import duckdb
import pytest

from tests.conftest import ROOT
from workbench.engines.errors import check_message
from workbench.translate.functions import MESSAGES

SOURCE = ROOT / "workbench" / "translate" / "functions.py"


def _raised() -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(SOURCE.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            args = node.exc.args
            assert args and isinstance(args[0], ast.Constant), ast.unparse(node)  # no f-string
            found.add(args[0].value)
    return found


def test_every_raised_message_is_a_listed_constant() -> None:
    assert _raised() == set(MESSAGES)


def udf_error(message: str) -> duckdb.Error:
    text = f"Invalid Input Error: Python exception occurred while executing the UDF: X: {message}"
    return duckdb.InvalidInputException(text)


@pytest.mark.parametrize("message", sorted(MESSAGES))
def test_a_listed_message_is_shown(message: str) -> None:
    assert check_message(udf_error(message), set()) == message


def test_any_other_function_text_is_hidden() -> None:
    assert check_message(udf_error("invalid literal for int() with base 10: '10.1.2.3'"), set()) is None
