"""Read and write the package's tables as CSV or Parquet, chosen by the file extension.

CSV is read as text exactly as written (``dtype=str``, empty cells stay "", a
UTF-8 byte-order mark is dropped) and written as UTF-8 without the index; Parquet
keeps the column types it was written with. Every command that reads or writes a
table goes through these two functions, so a file one command writes (say
``stancemap extract --out statements.parquet``) is one the next can read.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .errors import StancemapError

#: Table formats by file extension; any other extension is read and written as CSV.
TABLE_FORMATS = (".csv", ".parquet")


def is_parquet(path: str | os.PathLike) -> bool:
    """True when ``path`` names a Parquet file (extension ``.parquet``, any case)."""
    return Path(path).suffix.lower() == ".parquet"


def read_table(path: str | os.PathLike, what: str = "table") -> pd.DataFrame:
    """Read a table: ``.parquet`` as Parquet, anything else as a UTF-8 CSV of text cells
    (ids, dates and empty cells kept exactly as written). ``what`` names the table in errors."""
    p = Path(path)
    if not p.is_file():
        raise StancemapError(f"The {what} file {str(p)!r} does not exist. Check the path.")
    if is_parquet(p):
        try:
            return pd.read_parquet(p)
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a bad file
            raise StancemapError(
                f"Cannot read the {what} {str(p)!r} as a Parquet file ({type(exc).__name__}: {exc}). "
                "Check the file is Parquet, or give a CSV file a .csv extension.") from None
    try:
        return pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise StancemapError(f"Cannot read the {what} {str(p)!r} as a UTF-8 CSV file: {exc}. "
                             "Save it as UTF-8 CSV with a header row, or as Parquet (.parquet).") from None


def write_table(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write a table without its index, creating the folder: ``.parquet`` as Parquet,
    anything else as a UTF-8 CSV. Returns the path."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    if is_parquet(p):
        try:
            df.to_parquet(p, index=False)
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for mixed columns
            raise StancemapError(
                f"Cannot write {str(p)!r} as Parquet ({type(exc).__name__}: {exc}). "
                "Write it as CSV instead (a .csv extension).") from None
    else:
        df.to_csv(p, index=False, encoding="utf-8")
    return p


__all__ = ["TABLE_FORMATS", "is_parquet", "read_table", "write_table"]
