"""Loaders of the president.gov.ua and en.kremlin.ru datasets: kremlin-kyiv-press-2021-2022,
zelensky-speeches-2022, zelensky-speeches-2022-2023, and deduplicated unions of them."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from ..clean import repair_text
from ..errors import unknown_value
from .documents import (dedupe_by_date_title, dedupe_by_url, documents_table, iso_date_prefix, parse_pgu_date,
                        provenance, read_csv, unique_ids, warn)
from .registry import get_dataset
from .store import require_files

_PRESS = {
    "kremlin": dict(file="press_release_data/putin.csv", prefix="kremlin", id_re=r"/news/(\d+)/?$",
                    actor="russia", speaker="Kremlin", outlet="Kremlin press service (en.kremlin.ru)"),
    "kyiv": dict(file="press_release_data/zelenskyy.csv", prefix="pgu", id_re=r"-(\d+)/?$",
                 actor="ukraine", speaker="Office of the President of Ukraine",
                 outlet="Office of the President of Ukraine (president.gov.ua)"),
}


def _link_ids(links: pd.Series, prefix: str, id_re: str) -> list[str]:
    ids = []
    for link in links:
        m = re.search(id_re, str(link))
        ids.append(f"{prefix}-{m.group(1)}" if m else
                   f"{prefix}-{hashlib.sha1(str(link).encode()).hexdigest()[:10]}")
    return ids


def load_kremlin_kyiv(data_dir: str | Path | None = None, *, sources: Iterable[str] = ("kremlin", "kyiv"),
                      verify: bool = True, registry: str | Path | Mapping | None = None,
                      name: str = "kremlin-kyiv-press-2021-2022") -> pd.DataFrame:
    """Documents of kremlin-kyiv-press-2021-2022: Kremlin items → ``russia``
    (speaker "Kremlin"), president.gov.ua items → ``ukraine`` (speaker "Office of
    the President of Ukraine"); all ``doc_kind="official"``.

    ``text`` is the summary (Kremlin items have one) then the body, with each
    transcript turn on its own line (see :func:`stancemap.clean.restore_turn_breaks`), so turns
    by journalists or visiting leaders can be told from the Kremlin's own text.
    ``doc_id`` comes from the link: ``kremlin-68700``, ``pgu-76045``.
    ``date`` is the date part of the feed's timestamp as written: the ``Z``
    timestamps are the sites' local times (they equal the Kyiv times printed in
    zelensky-speeches-2022), so no time-zone shift is applied. The Kremlin's
    ``location`` becomes ``dateline``. ``sources`` picks the halves
    (``"kremlin"``, ``"kyiv"``).
    """
    sources = [sources] if isinstance(sources, str) else list(sources)
    for s in sources:
        if s not in _PRESS:
            raise unknown_value("Source", s, list(_PRESS), "Pass sources=('kremlin',), ('kyiv',) or both.")
    ds = get_dataset(name, registry)
    root = require_files(ds, data_dir, [ds.file(_PRESS[s]["file"]) for s in sources], verify)
    rows: list[dict] = []
    bad_dates = 0
    for s in sources:
        cfg = _PRESS[s]
        cols = ["link", "headline", "date", "body"] + (["location", "summary"] if s == "kremlin" else [])
        df = read_csv(root / cfg["file"], cols, ds)
        ids = _link_ids(df["link"], cfg["prefix"], cfg["id_re"])
        summaries = df["summary"] if "summary" in df else pd.Series([""] * len(df))
        locations = df["location"] if "location" in df else pd.Series([""] * len(df))
        for i, (doc_id, link, head, date, body, summ, loc) in enumerate(
                zip(ids, df["link"], df["headline"], df["date"], df["body"], summaries, locations), 1):
            raw = "\n\n".join(p for p in (summ.strip(), body) if p.strip())
            iso = iso_date_prefix(date)
            bad_dates += not iso
            rows.append({
                "doc_id": doc_id, "path": f"{ds.name}/{cfg['file']}", "title": head.strip(),
                "text": repair_text(raw, turns=True), "raw_text": raw,
                "dateline": "" if loc.strip() in ("", "NA") else loc.strip(), "date": iso,
                "source_title": head.strip(), "source_url": link.strip(), "outlet": cfg["outlet"], "author": "",
                "language": "en", "license": ds.license,
                "provenance": provenance(ds, cfg["file"], f"record {i}"),
                "doc_kind": "official", "doc_actor": cfg["actor"], "doc_speaker": cfg["speaker"]})
    if bad_dates:
        warn(f"{bad_dates} of {len(rows)} {ds.name} items had no ISO date; kept with date=''.")
    out = documents_table(rows)
    out["doc_id"] = unique_ids(out["doc_id"].tolist())
    return out.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)


def load_zelensky_speeches(data_dir: str | Path | None = None, *, verify: bool = True,
                           registry: str | Path | Mapping | None = None,
                           name: str = "zelensky-speeches-2022") -> pd.DataFrame:
    """Documents of zelensky-speeches-2022: Zelenskyy's addresses → ``ukraine``,
    speaker "Volodymyr Zelenskyy", ``doc_kind="official"``; the date
    ``"24 July 2022 - 22:02"`` (Kyiv time) becomes ``"2022-07-24"``; ``doc_id``
    ``pgu-<number>`` from the URL, as in the Kyiv half of kremlin-kyiv-press."""
    ds = get_dataset(name, registry)
    f = ds.files[0]
    root = require_files(ds, data_dir, [f], verify)
    df = read_csv(root / f.path, ["url", "date", "title", "text"], ds)
    ids = _link_ids(df["url"], "pgu", _PRESS["kyiv"]["id_re"])
    rows, bad_dates = [], 0
    for i, (doc_id, url, date, title, text) in enumerate(zip(ids, df["url"], df["date"], df["title"], df["text"]), 1):
        iso = parse_pgu_date(date)
        bad_dates += not iso
        rows.append({
            "doc_id": doc_id, "path": f"{ds.name}/{f.path}", "title": title.strip(),
            "text": repair_text(text), "raw_text": text, "dateline": "", "date": iso,
            "source_title": title.strip(), "source_url": url.strip(),
            "outlet": "Office of the President of Ukraine (president.gov.ua)", "author": "",
            "language": "en", "license": ds.license, "provenance": provenance(ds, f.path, f"record {i}"),
            "doc_kind": "official", "doc_actor": "ukraine", "doc_speaker": "Volodymyr Zelenskyy"})
    if bad_dates:
        warn(f"{bad_dates} of {len(rows)} speeches had a date not like '24 July 2022 - 22:02'; "
             "kept with date=''.")
    out = documents_table(rows)
    out["doc_id"] = unique_ids(out["doc_id"].tolist())
    return out.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)


def load_ukraine_official(data_dir: str | Path | None = None, *, verify: bool = True,
                          registry: str | Path | Mapping | None = None) -> pd.DataFrame:
    """All president.gov.ua documents: zelensky-speeches-2022 plus the Kyiv half of
    kremlin-kyiv-press-2021-2022, deduplicated by URL. Where both hold an item the
    speeches copy is kept (its speaker is Zelenskyy himself, not the Office).
    The number removed is warned and kept in ``attrs["duplicates_removed"]``."""
    speeches = load_zelensky_speeches(data_dir, verify=verify, registry=registry)
    press = load_kremlin_kyiv(data_dir, sources=("kyiv",), verify=verify, registry=registry)
    both = pd.concat([speeches, press], ignore_index=True)
    out = dedupe_by_url(both)
    n = out.attrs["duplicates_removed"]
    out = out.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)
    out.attrs["duplicates_removed"] = n
    return out


_PGU_OUTLET = "Office of the President of Ukraine (president.gov.ua)"


def load_zelensky_speeches_2023(data_dir: str | Path | None = None, *, dedupe: bool | str = True,
                                verify: bool = True,
                                registry: str | Path | Mapping | None = None,
                                name: str = "zelensky-speeches-2022-2023") -> pd.DataFrame:
    """Documents of zelensky-speeches-2022-2023: Zelenskyy's addresses, Feb 2022 – Jun 2023 →
    ``ukraine``, speaker "Volodymyr Zelenskyy", ``doc_kind="official"``.

    The upstream scrape replaced paragraph breaks with ", "; ``text`` has them
    back (:func:`stancemap.clean.split_comma_joins`), ``raw_text`` is as
    published. There are no URLs (``source_url`` is empty; ``provenance`` names
    the file and row). ``doc_id`` is ``pgu23-<date>-<8 hex of the title>``.
    With ``dedupe`` (default) the addresses zelensky-speeches-2022 also holds are
    removed (same date and title, see :func:`dedupe_by_date_title`; that dataset
    keeps them, with their URLs): it must be present too. The number removed is
    warned and kept in ``attrs["duplicates_removed"]``; ``dedupe=False`` keeps all
    (a dataset name instead of True deduplicates against that dataset). Speaker,
    actor and outlet can be set in the registry's ``options``.
    """
    ds = get_dataset(name, registry)
    root = require_files(ds, data_dir, list(ds.files), verify)
    actor = str(ds.options.get("actor", "ukraine"))
    speaker = str(ds.options.get("speaker", "Volodymyr Zelenskyy"))
    outlet = str(ds.options.get("outlet", _PGU_OUTLET))
    rows, bad_dates = [], 0
    for f in ds.files:
        df = read_csv(root / f.path, ["timestamp", "title", "speech"], ds)
        for i, (stamp, title, speech) in enumerate(zip(df["timestamp"], df["title"], df["speech"]), 1):
            iso = parse_pgu_date(stamp)
            bad_dates += not iso
            title = " ".join(title.split())
            digest = hashlib.sha1(f"{stamp.strip()}|{title}".encode()).hexdigest()[:8]
            rows.append({
                "doc_id": f"pgu23-{iso or 'undated'}-{digest}", "path": f"{ds.name}/{f.path}", "title": title,
                "text": repair_text(speech, comma_joins=True), "raw_text": speech, "dateline": "", "date": iso,
                "source_title": title, "source_url": "", "outlet": outlet, "author": "", "language": "en",
                "license": ds.license, "provenance": provenance(ds, f.path, f"record {i}"),
                "doc_kind": "official", "doc_actor": actor, "doc_speaker": speaker})
    if bad_dates:
        warn(f"{bad_dates} of {len(rows)} addresses had a date not like '31 October 2022 - 22:36'; "
             "kept with date=''.")
    out = documents_table(rows)
    out["doc_id"] = unique_ids(out["doc_id"].tolist())
    out = out.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)
    if not dedupe:
        out.attrs["duplicates_removed"] = 0
        return out
    against = dedupe if isinstance(dedupe, str) else "zelensky-speeches-2022"
    earlier = load_zelensky_speeches(data_dir, verify=verify, registry=registry, name=against)
    return dedupe_by_date_title(out, earlier, f"{against} (load with dedupe=False to keep them)")


def load_zelensky_addresses(data_dir: str | Path | None = None, *, verify: bool = True,
                            registry: str | Path | Mapping | None = None) -> pd.DataFrame:
    """Zelenskyy's addresses July 2021 – June 2023: zelensky-speeches-2022 plus the addresses of
    zelensky-speeches-2022-2023 it does not hold (by date and title; warned with the count,
    kept in ``attrs["duplicates_removed"]``). Sorted by date."""
    earlier = load_zelensky_speeches(data_dir, verify=verify, registry=registry)
    later = load_zelensky_speeches_2023(data_dir, dedupe=False, verify=verify, registry=registry)
    later = dedupe_by_date_title(later, earlier, "zelensky-speeches-2022")
    n = later.attrs["duplicates_removed"]
    out = pd.concat([earlier, later], ignore_index=True).sort_values(["date", "doc_id"], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs["duplicates_removed"] = n
    return out
