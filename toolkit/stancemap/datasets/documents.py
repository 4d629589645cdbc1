"""The documents table the loaders build, and the helpers they share (ids, dates, provenance, de-duplication)."""
from __future__ import annotations

import difflib
import re
import sys
import urllib.parse
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import LossyStepWarning, StancemapError
from ..schema import DOCUMENT_COLUMNS, require_columns, text_value
from .registry import Dataset, load_registry
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
    """The provenance text of a row: dataset, upstream commit, file, where in it, then the
    attribution line its licence requires (the registry's ``credit``), so every report
    that lists its documents shows it."""
    text = f"{ds.name} dataset ({ds.repo}@{ds.commit}), {path}, {where}"
    return f"{text}. {ds.credit}" if ds.credit else text


_PROVENANCE_DATASET = re.compile(r"^(\S+) dataset \(")


def dataset_credits(documents: pd.DataFrame, registry=None) -> list[str]:
    """The attribution lines (registry ``credit``) of the datasets a documents table comes from,
    in registry order, without repeats — for a figure's source note or a report's footer.

    The datasets are read from the ``provenance`` column the loaders write
    (``"<name> dataset (…)"``); rows from elsewhere add nothing.
    """
    require_columns(documents, ["provenance"], "documents table",
                    "Pass the documents table (stancemap.datasets.load_dataset) the statements came from.")
    names = {m.group(1) for m in documents["provenance"].astype(str).map(_PROVENANCE_DATASET.match) if m}
    reg = load_registry(registry)
    return list(dict.fromkeys(d.credit for n, d in reg.items() if n in names and d.credit))


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
    return _drop_repeats(docs, dup, "repeat an earlier document's URL and were removed (kept the first copy)")


def dedupe_by_text(docs: pd.DataFrame, column: str = "text", min_chars: int = 200, max_days: int = 2) -> pd.DataFrame:
    """Drop documents that repeat an earlier row's text (whitespace normalised) on the same ``date``
    (when the table has dates), or on a date at most ``max_days`` days from a copy kept: one page
    published twice, under two addresses or a day later, which would count every statement in it twice
    (whitehouse-2021-2026: 26 pages repeat another page of the same day; 4 press briefings and gaggles
    were posted again one or two days later). Texts shorter than ``min_chars`` are all kept: a Commons
    "No." or the weekly "This morning I had meetings with ministerial colleagues …" is said again, not
    republished; so are the same words weeks apart (13 drawdown memoranda re-issued word for word).
    Keeps the first in table order, warns with the count (LossyStepWarning) and records it in
    ``result.attrs["duplicates_removed"]``. ``max_days=0``: the same date only."""
    require_columns(docs, [column], "documents table")
    if not isinstance(max_days, int) or isinstance(max_days, bool) or max_days < 0:
        raise StancemapError(f"max_days must be a whole number of days ≥ 0 (0: the same date only), got {max_days!r}.")
    keys = docs[column].fillna("").astype(str).map(lambda t: " ".join(t.split()))
    dates = docs["date"].fillna("").astype(str) if "date" in docs.columns else pd.Series("", index=docs.index)
    long = keys.str.len().ge(min_chars)
    dup = pd.DataFrame({"d": dates, "k": keys}).duplicated(keep="first") & long
    near = np.zeros(len(docs), dtype=bool)
    if max_days and "date" in docs.columns:
        days = pd.to_datetime(dates, errors="coerce", format="ISO8601")
        text = keys.tolist()
        kept: dict[str, list[int]] = {}  # per text, the days of the copies kept
        for i in np.flatnonzero((long & ~dup & keys.duplicated(keep=False)).to_numpy()):
            if pd.isna(days.iat[i]):
                continue
            day, seen = days.iat[i].toordinal(), kept.setdefault(text[i], [])
            if any(abs(day - d) <= max_days for d in seen):
                near[i] = True
            else:
                seen.append(day)
    why = "repeat an earlier document's text of the same date"
    if near.any():
        why += f", or of a date at most {max_days} day(s) apart ({int(near.sum())} of them),"
    return _drop_repeats(docs, dup | near, why + " and were removed (kept the first copy)")


def title_words(title: str) -> list[str]:
    """Lower-case words of a title, with the scrape artefact ``=""`` and punctuation gone
    (``'Russia" s="" missiles'`` → ``['russia', 's', 'missiles']``)."""
    return re.findall(r"[a-z0-9]+", str(title).replace('=""', " ").lower())


def same_title(a: str, b: str, ratio: float = 0.85) -> bool:
    """Two titles of one item: the same words, one a prefix of the other (4+ words), or
    ``difflib`` similarity ≥ ``ratio`` (the scrapes drop words and shorten titles)."""
    wa, wb = title_words(a), title_words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    short, long_ = sorted((wa, wb), key=len)
    if len(short) >= 4 and long_[:len(short)] == short:
        return True
    return difflib.SequenceMatcher(None, " ".join(wa), " ".join(wb), autojunk=False).ratio() >= ratio


def _opening(text: str, n: int = 30) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", str(text).lower())[:n])


def _same_opening(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    n = min(len(a), len(b))
    return n >= 10 and a[:n] == b[:n]


def dedupe_by_date_title(docs: pd.DataFrame, reference: pd.DataFrame, what: str = "reference") -> pd.DataFrame:
    """Drop the documents of ``docs`` that ``reference`` already holds: same ``date`` and the same
    title (:func:`same_title`), or — when a title is missing or rewritten — the same date and the
    same first 30 words of ``text`` (at least 10). Warns with the count (LossyStepWarning) and records it in
    ``result.attrs["duplicates_removed"]``; undated documents are all kept."""
    require_columns(docs, ["date", "title", "text"], "documents table")
    require_columns(reference, ["date", "title", "text"], f"documents table ({what})")
    by_date: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for date, title, text in zip(reference["date"], reference["title"], reference["text"]):
        if str(date):
            by_date.setdefault(str(date), []).append((str(title), _opening(text)))
    dup = []
    for date, title, text in zip(docs["date"], docs["title"], docs["text"]):
        cands = by_date.get(str(date), []) if str(date) else []
        opening = _opening(text)
        dup.append(any(same_title(title, t) or _same_opening(opening, o) for t, o in cands))
    mask = pd.Series(dup, index=docs.index, dtype=bool)
    return _drop_repeats(docs, mask, f"repeat a document of {what} (same date and title, or same date and "
                                     "opening words) and were removed")


def _drop_repeats(docs: pd.DataFrame, repeat: pd.Series, why: str) -> pd.DataFrame:
    """``docs`` without the rows marked ``repeat``, warning with the count (``attrs['duplicates_removed']``)."""
    out = docs.loc[~repeat.to_numpy()].reset_index(drop=True)
    n = int(repeat.sum())
    if n:
        warn(f"{n} of {len(docs)} documents {why}; {len(out)} remain.")
    out.attrs["duplicates_removed"] = n
    return out
