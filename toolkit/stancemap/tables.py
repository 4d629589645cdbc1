"""Read and write the package's tables as CSV or Parquet, chosen by the file extension.

CSV is read as text exactly as written (``dtype=str``, empty cells stay "", a
UTF-8 byte-order mark is dropped; another ``encoding`` when asked) and written as
UTF-8 without the index; Parquet keeps the column types it was written with.
Tables are written whole (:func:`stancemap.atomic.replace_file`): an interrupted
write leaves the earlier file or none, never a truncated one. Every command that reads or writes a
table goes through these two functions, so a file one command writes (say
``stancemap extract --out statements.parquet``) is one the next can read.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .atomic import replace_file
from .errors import StancemapError
from .interface import option

#: Table formats by file extension; any other extension is read and written as CSV.
TABLE_FORMATS = (".csv", ".parquet")


def is_parquet(path: str | os.PathLike) -> bool:
    """True when ``path`` names a Parquet file (extension ``.parquet``, any case)."""
    return Path(path).suffix.lower() == ".parquet"


def _encoding_hint(p: Path) -> str:
    """What to do about a CSV that is not UTF-8: the legacy encoding it decodes as, phrased for the interface."""
    data = p.read_bytes()
    for enc, label in (("cp1252", "Windows Western (cp1252)"), ("latin-1", "Latin-1")):
        try:
            data.decode(enc)
        except UnicodeDecodeError:
            continue
        return (f"It reads as {label} text: pass {option('encoding', enc)}, or save it as UTF-8 CSV "
                "(or as Parquet, .parquet).")
    return "Save it as UTF-8 CSV with a header row, or as Parquet (.parquet)."


def read_table(path: str | os.PathLike, what: str = "table", *, encoding: str | None = None) -> pd.DataFrame:
    """Read a table: ``.parquet`` as Parquet, anything else as a CSV of text cells (ids, dates
    and empty cells kept exactly as written) in UTF-8 — or ``encoding``, e.g. ``"cp1252"``
    for a file saved by Excel on Windows. ``what`` names the table in errors."""
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
    enc = encoding or "utf-8-sig"
    label = encoding or "UTF-8"
    try:
        return pd.read_csv(p, dtype=str, keep_default_na=False, encoding=enc)
    except LookupError:
        raise StancemapError(f"Unknown encoding {encoding!r}. Use e.g. {option('encoding', 'utf-8')} or "
                             f"{option('encoding', 'cp1252')}.") from None
    except UnicodeDecodeError as exc:
        fix = (_encoding_hint(p) if encoding is None else
               f"Pass the encoding it was saved in (e.g. {option('encoding', 'cp1252')}), or leave it out for UTF-8.")
        raise StancemapError(f"Cannot read the {what} {str(p)!r} as a {label} CSV file: byte "
                             f"0x{exc.object[exc.start]:02x} at position {exc.start} is not {label}. {fix}") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise StancemapError(f"Cannot read the {what} {str(p)!r} as a {label} CSV file: {exc}. "
                             "Save it as UTF-8 CSV with a header row, or as Parquet (.parquet).") from None


def write_table(df: pd.DataFrame, path: str | os.PathLike, *, lineterminator: str | None = None) -> Path:
    """Write a table without its index, creating the folder: ``.parquet`` as Parquet,
    anything else as a UTF-8 CSV (``lineterminator`` as pandas takes it). Written whole
    (a temporary file renamed into place). Returns the path."""
    p = Path(path)
    with replace_file(p) as tmp:
        if is_parquet(p):
            try:
                df.to_parquet(tmp, index=False)
            except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for mixed columns
                raise StancemapError(
                    f"Cannot write {str(p)!r} as Parquet ({type(exc).__name__}: {exc}). "
                    "Write it as CSV instead (a .csv extension).") from None
        else:
            df.to_csv(tmp, index=False, encoding="utf-8", lineterminator=lineterminator)
    return p


__all__ = ["TABLE_FORMATS", "is_parquet", "read_table", "write_table"]
