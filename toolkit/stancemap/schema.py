"""Column names of the tables that flow between stages, and their checks.

The documents table is what ``load`` returns; the statements table is the
contract between extraction and everything downstream (see corpora/README.md
for the data dictionary).
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .errors import StancemapError, did_you_mean

#: Provenance columns copied from each document to each of its statements.
PROVENANCE_COLUMNS = ["date", "source_title", "source_url", "outlet", "language", "license"]

#: The documents table (one row per document), in this order.
DOCUMENT_COLUMNS = [
    "doc_id",       # stable id: file stem or the id column; unique within a load
    "path",         # file it came from ("" for in-memory tables)
    "title",
    "text",         # cleaned text: statement spans refer to this
    "raw_text",     # the text as read, before cleaning
    "dateline",     # e.g. "WASHINGTON/LONDON" ("" when none)
    "date",         # ISO date "YYYY-MM-DD" or "" when unknown
    "source_title",
    "source_url",
    "outlet",
    "author",
    "language",
    "license",
    "provenance",   # free text: who supplied it, how
    "doc_kind",     # "article" (reported speech) or "official" (the actor's own text)
    "doc_actor",    # for official texts: actor group of the author ("" otherwise)
    "doc_speaker",  # for official texts: the speaker/institution ("" otherwise)
]

#: The statements table (one row per attributed statement), in this order.
STATEMENT_COLUMNS = [
    "statement_id",
    "doc_id",
    "actor",
    "speaker",
    "cue",
    "kind",         # direct | mixed | indirect | official
    "text",
    "char_start",
    "char_end",
    "sentence",
    *PROVENANCE_COLUMNS,
    "extractor",
    "confidence",
]

STATEMENT_KINDS = ("direct", "mixed", "indirect", "official")
UNATTRIBUTED = "unattributed"


def text_value(value) -> str:
    """The one missing-value rule for text: None, NaN, ``pd.NA`` and ``NaT`` → "",
    anything else → ``str(value)``."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    return value if isinstance(value, str) else str(value)


def text_values(values: Iterable) -> list[str]:
    """:func:`text_value` of every item (a column's ``tolist()``, say)."""
    return [text_value(v) for v in values]


def check_column(df, column: str, what: str = "Column", table: str = "table") -> None:
    """Raise the StancemapError for a column ``df`` lacks (names it, lists the table's
    columns, suggests the closest); ``what`` is its role ("Grouping column")."""
    if not isinstance(df, pd.DataFrame):
        raise StancemapError(f"Expected a pandas DataFrame (the {table}), got {type(df).__name__}.")
    if column not in df.columns:
        have = [str(c) for c in df.columns]
        raise StancemapError(
            f"{what} {column!r} not found. Columns are: {', '.join(have) or '(none)'}."
            f"{did_you_mean(column, have)} Pass one of the table's columns.")


def require_columns(df: pd.DataFrame, columns: Iterable[str], table: str = "table", fix: str = "") -> None:
    """Raise a StancemapError naming every missing column and the ones present."""
    if not isinstance(df, pd.DataFrame):
        raise StancemapError(f"Expected a pandas DataFrame for the {table}, got {type(df).__name__}.")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        have = [str(c) for c in df.columns]
        hints = "".join(did_you_mean(m, have) for m in missing)
        msg = (f"The {table} is missing column(s) {', '.join(map(repr, missing))}. "
               f"Columns are: {', '.join(have) or '(none)'}.{hints}")
        if fix:
            msg += f" {fix}"
        raise StancemapError(msg)


def validate_statements(df: pd.DataFrame) -> pd.DataFrame:
    """Check a statements table: required columns, kinds, spans. Returns it unchanged."""
    require_columns(df, ["doc_id", "actor", "speaker", "kind", "text"], "statements table",
                    "Create it with stancemap.extract() or `stancemap extract`.")
    bad = sorted(set(df["kind"].dropna().astype(str)) - set(STATEMENT_KINDS))
    if bad:
        raise StancemapError(f"Statement kind(s) {bad} are not valid. Valid kinds: {', '.join(STATEMENT_KINDS)}.")
    if {"char_start", "char_end"} <= set(df.columns) and len(df):
        wrong = df[df["char_start"] > df["char_end"]]
        if len(wrong):
            raise StancemapError(f"{len(wrong)} statement(s) have char_start > char_end, e.g. row {wrong.index[0]!r}.")
    return df


def empty_statements() -> pd.DataFrame:
    """An empty statements table with the right columns and dtypes."""
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in STATEMENT_COLUMNS})
    return df.astype({"char_start": "int64", "char_end": "int64", "confidence": "float64"})
