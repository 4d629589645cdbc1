"""Throughput of statement extraction on 1,796 real press releases; print one JSON line.

Data: ``kremlin-kyiv-press-2021-2022/press_release_data/{putin,zelenskyy}.csv``
(en.kremlin.ru and president.gov.ua news items, CC BY 4.0) under ``--data``
(default ``$STANCEMAP_DATA``, else ``../shared/datasets`` beside the repository).
Kremlin items are official texts of ``russia`` (speaker: Kremlin), Office of the
President items official texts of ``ukraine``. Absent data → a JSON line with
``"skipped"`` and exit status 0::

    python benchmarks/extract_throughput.py [--data DIR] [--limit N]

Timed separately: cleaning (``stancemap.clean.clean``) and extraction
(``stancemap.extract.extract``) of the documents table, after a warm-up;
reading the CSVs is not timed. Memory: the process's peak resident set size (``getrusage``),
and its growth during extraction.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import warnings
from pathlib import Path

# pandas and stancemap are imported where they are needed, so that the "skipped" answer is instant.

ROOT = Path(__file__).resolve().parents[1]
DATASET = "kremlin-kyiv-press-2021-2022"
#: file → (doc_id prefix, outlet, doc_actor, doc_speaker, licence attribution)
SOURCES = {
    "putin.csv": ("kremlin", "en.kremlin.ru", "russia", "Kremlin",
                  "CC BY 4.0 (Kremlin press service, en.kremlin.ru)"),
    "zelenskyy.csv": ("president-gov-ua", "president.gov.ua", "ukraine", "Office of the President of Ukraine",
                      "CC BY 4.0 (Office of the President of Ukraine, president.gov.ua)"),
}


def default_data_dir() -> Path:
    """The package's data-directory policy (argument, $STANCEMAP_DATA, ../shared/datasets beside
    the checkout), without the user-cache fallback: a benchmark needs the files, not a place to fetch to."""
    from stancemap.paths import data_dir

    return data_dir(cache=False) or ROOT.parent / "shared" / "datasets"


def load_press_releases(data_dir: Path, limit: int | None = None) -> pd.DataFrame:
    """The press releases as a documents table (official texts), Kremlin items first."""
    import pandas as pd

    from stancemap.schema import DOCUMENT_COLUMNS

    folder = Path(data_dir) / DATASET / "press_release_data"
    frames = []
    for fname, (prefix, outlet, actor, speaker, licence) in SOURCES.items():
        raw = pd.read_csv(folder / fname, dtype=str, keep_default_na=False)
        body = raw["body"]
        docs = pd.DataFrame({c: "" for c in DOCUMENT_COLUMNS}, index=raw.index)
        docs["doc_id"] = [f"{prefix}-{i:04d}" for i in range(len(raw))]
        docs["path"] = str(folder / fname)
        docs["title"] = raw["headline"]
        docs["text"] = body
        docs["raw_text"] = body
        docs["date"] = raw["date"].str[:10]
        docs["source_title"] = raw["headline"]
        docs["source_url"] = raw["link"]
        docs["outlet"] = outlet
        docs["language"] = "en"
        docs["license"] = licence
        docs["provenance"] = f"{DATASET} ({fname}), upstream PeiYiZhuo/zelenskyy-putin"
        docs["doc_kind"] = "official"
        docs["doc_actor"] = actor
        docs["doc_speaker"] = speaker
        frames.append(docs[DOCUMENT_COLUMNS])
    out = pd.concat(frames, ignore_index=True)
    return out.head(limit) if limit is not None else out


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux, bytes on macOS
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def skipped(data_dir: Path, benchmark: str) -> bool:
    """Print the "skipped" JSON line of ``benchmark`` and say True when the press releases are absent."""
    folder = Path(data_dir) / DATASET / "press_release_data"
    missing = [f for f in SOURCES if not (folder / f).is_file()]
    if missing:
        print(json.dumps({"benchmark": benchmark, "skipped":
                          f"press releases not found: {', '.join(str(folder / f) for f in missing)} "
                          "(set --data or STANCEMAP_DATA to the folder holding " + DATASET + "/)"}))
    return bool(missing)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=None, help="datasets folder (default: $STANCEMAP_DATA or ../shared/datasets)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--actors", default=None, help="actor registry YAML (default: bundled)")
    args = ap.parse_args(argv)
    data_dir = Path(args.data) if args.data else default_data_dir()
    if skipped(data_dir, "extract_throughput"):
        return 0
    from stancemap import __version__
    from stancemap.actors import load_actors
    from stancemap.clean import clean
    from stancemap.extract import extract

    raw_documents = load_press_releases(data_dir, args.limit)
    registry = load_actors(args.actors)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        extract(clean(raw_documents.head(3)), actors=registry)  # warm-up: imports, patterns, tokenizer
        t_clean = time.perf_counter()
        documents = clean(raw_documents)
        clean_seconds = time.perf_counter() - t_clean
        rss0 = _rss_mb()
        t0, c0 = time.perf_counter(), time.process_time()
        statements = extract(documents, actors=registry)
        seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
        rss1 = _rss_mb()
    n_docs, n_stmts = len(documents), len(statements)
    by_actor = statements["actor"].value_counts().sort_index()
    by_kind = statements["kind"].value_counts().sort_index()
    by_source = statements.merge(documents[["doc_id", "doc_actor"]], on="doc_id", how="left")
    other = by_source[by_source["actor"] != by_source["doc_actor"]]
    out = {
        "benchmark": "extract_throughput",
        "dataset": DATASET,
        "documents": n_docs,
        "characters": int(documents["text"].str.len().sum()),
        "statements": n_stmts,
        "seconds": round(seconds, 3),
        "documents_per_s": round(n_docs / seconds, 1) if seconds else None,
        "statements_per_s": round(n_stmts / seconds, 1) if seconds else None,
        "cpu_seconds": round(cpu_seconds, 3),
        "documents_per_cpu_s": round(n_docs / cpu_seconds, 1) if cpu_seconds else None,
        "clean_seconds": round(clean_seconds, 3),
        "pipeline_documents_per_s": round(n_docs / (seconds + clean_seconds), 1) if seconds else None,
        "target_documents_per_s": 500,
        "peak_memory_mb": round(_peak_rss_mb(), 1),
        "memory_growth_mb": round(rss1 - rss0, 1),
        "memory_note": "peak resident set size of the whole process (getrusage ru_maxrss); growth = RSS after "
                       "minus before extraction",
        "statements_by_actor": {str(k): int(v) for k, v in by_actor.items()},
        "statements_by_kind": {str(k): int(v) for k, v in by_kind.items()},
        "statements_not_by_document_actor": int(len(other)),
        "documents_without_statements": int(n_docs - statements["doc_id"].nunique()),
        "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "stancemap_version": __version__,
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
