"""Argument types the CLI and the ``%%bigquery`` magic share (argparse-style: a bad value is
an ``ArgumentTypeError`` naming it, which each parser reports in its own way)."""

from __future__ import annotations

import argparse


def count(text: str) -> int:
    """A whole number, 0 or more (sites, days, seeds, rows)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
    return value
