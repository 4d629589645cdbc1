"""The documents table the loaders build, and the helpers they share (ids, dates, provenance, de-duplication)."""
from __future__ import annotations

import re
import sys
import urllib.parse
import warnings
from pathlib import Path

import pandas as pd

from ..errors import LossyStepWarning
from ..schema import DOCUMENT_COLUMNS, require_columns, text_value
from .registry import Dataset
from .store import fetch_command


def warn(message: str) -> None:
    """warnings.warn pointing at the first caller outside this package (the user's line)."""
    frame, level = sys._getframe(1), 2
    while frame is not None and _in_package(frame.f_globals.get("__name__", "")):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, LossyStepWarning, stacklevel=level)


def _in_package(module: str) -> bool:
    return module == __package__ or module.startswith(__package__ + ".")


def documents_table(rows: list[dict], extra: list[str] = ()) -> pd.DataFrame:
    """The documents table of ``rows``: ``schema.DOCUMENT_COLUMNS`` (as text; missing → "")
    then ``extra``."""
    cols = [*DOCUMENT_COLUMNS, *extra]
    df = pd.DataFrame(rows, columns=cols) if rows else pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    for c in DOCUMENT_COLUMNS:
        df[c] = df[c].map(text_value).astype(str)
    return df


def unique_ids(ids: list[str]) -> list[str]:
    """``ids`` with repeats numbered: ``["a", "a"]`` → ``["a", "a-2"]``."""
    seen: dict[str, int] = {}
    out = []
    for i in ids:
        n = seen.get(i, 0)
        seen[i] = n + 1
        out.append(i if n == 0 else f"{i}-{n + 1}")
    return out


def iso_date_prefix(value: str) -> str:
    """The leading ``YYYY-MM-DD`` of a timestamp, or ""."""
    m = re.match(r"^\s*(\d{4}-\d{2}-\d{2})", str(value))
    return m.group(1) if m else ""


_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], 1)}


def parse_pgu_date(value: str) -> str:
    """``"24 July 2022 - 22:02"`` → ``"2022-07-24"`` (``""`` when it does not parse)."""
    m = re.match(r"^\s*(\d{1,2}) ([A-Za-z]+) (\d{4})\b", str(value))
    if not m or m.group(2).lower() not in _MONTHS:
        return ""
    return f"{int(m.group(3)):04d}-{_MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"


def provenance(ds: Dataset, path: str, where: str) -> str:
    """The provenance text of a row: dataset, upstream commit, file, and where in it."""
    return f"{ds.name} dataset ({ds.repo}@{ds.commit}), {path}, {where}"


def read_csv(path: Path, columns: list[str], ds: Dataset) -> pd.DataFrame:
    """A dataset's CSV as text (no NA parsing), checked for ``columns``."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    require_columns(df, columns, f"file {path.name} of dataset {ds.name}",
                    "The file does not look like the registry's version; re-fetch it with "
                    f"`{fetch_command(ds.name)}`.")
    return df


def normalize_url(url: str) -> str:
    """URL key for de-duplication: no scheme, no ``www.``, lower-case host, no query,
    fragment or trailing slash (``https://www.x.org/a/?q=1`` → ``x.org/a``)."""
    url = str(url or "").strip()
    if not url:
        return ""
    parts = urllib.parse.urlsplit(url if "://" in url else "//" + url)
    host = parts.netloc.lower()
    host = host[4:] if host.startswith("www.") else host
    return host + parts.path.rstrip("/")


def dedupe_by_url(docs: pd.DataFrame, column: str = "source_url") -> pd.DataFrame:
    """Drop documents whose URL (normalised, see :func:`normalize_url`) repeats an
    earlier row's; keeps the first, warns with the count, and records it in
    ``result.attrs["duplicates_removed"]``. Rows without a URL are all kept."""
    require_columns(docs, [column], "documents table")
    keys = docs[column].map(normalize_url)
    dup = keys.duplicated(keep="first") & keys.ne("")
    out = docs.loc[~dup].reset_index(drop=True)
    n = int(dup.sum())
    if n:
        warn(f"{n} of {len(docs)} documents repeat an earlier document's URL and were removed "
             f"(kept the first copy); {len(out)} remain.")
    out.attrs["duplicates_removed"] = n
    return out
