"""Who is left "unattributed" in the six public datasets; prints ONE JSON line.

For each dataset (``stancemap.datasets.load_dataset``, as a user loads it; the White House pages
from 2025-01-20 on, the ceasefire period), the extractor's statements per actor group, the
statements kept ``unattributed``, how many of them are reporters' questions, the speakers most
often among the rest (``stancemap.extract.table.unattributed_speakers``) and
``heading_speakers``: unattributed statements whose speaker is a heading in capitals that opens
with an -ing word ("BRINGING BACK COMMON SENSE"), which a transcript label never is::

    STANCEMAP_DATA=../shared/datasets python benchmarks/unattributed_speakers.py [--data DIR] [--top 10]
           [--datasets NAME,NAME]

The counts are a survey, not a gold standard: a speaker outside the registry is rightly
unattributed; the list shows whom a user may want to add, and what the extractor misreads as a
speaker. Without the data: ``{"benchmark": "unattributed_speakers", "skipped": "<reason>"}``, exit 0.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "unattributed_speakers"
#: (dataset, load_dataset keywords): every dataset, the White House pages of the ceasefire period.
DATASETS = (("whitehouse-2021-2026", {"since": "2025-01-20"}), ("kremlin-kyiv-press-2021-2022", {}),
            ("uk-pm-commons-2019-2026", {}), ("zelensky-speeches-2022", {}),
            ("zelensky-speeches-2022-2023", {}), ("ungdc-2014-2024", {}))
HEADING = re.compile(r"[A-Z][A-Z\-’']+ING(?: [A-Z’'.\-]+)+")


def default_data_dir() -> Path:
    """``$STANCEMAP_DATA``, else ``../shared/datasets`` beside the repository (no download)."""
    from stancemap.paths import data_dir

    return data_dir(cache=False) or ROOT.parent / "shared" / "datasets"


def survey(statements, top: int) -> dict:
    """Counts of one dataset's statements table (see the module docstring)."""
    from stancemap.extract.table import unattributed_speakers
    from stancemap.schema import UNATTRIBUTED

    un = statements[statements["actor"] == UNATTRIBUTED]
    speakers = un["speaker"].fillna("").astype(str)
    return {"statements": len(statements),
            "by_actor": {str(k): int(v) for k, v in statements["actor"].value_counts().sort_index().items()},
            "unattributed": len(un), "questions": int((un["kind"] == "question").sum()),
            "heading_speakers": int(speakers.str.fullmatch(HEADING.pattern).sum()),
            "top_speakers": [[name, n] for name, n in unattributed_speakers(statements, top=top)]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=None, help="data directory (default $STANCEMAP_DATA, else ../shared/datasets)")
    ap.add_argument("--top", type=int, default=10, help="speakers listed per dataset (default 10)")
    ap.add_argument("--datasets", default=None, help="comma-separated dataset names (default: all six)")
    args = ap.parse_args(argv)
    data = Path(args.data) if args.data else default_data_dir()
    chosen = [d for d in DATASETS if args.datasets is None or d[0] in args.datasets.split(",")]
    missing = [name for name, _ in chosen if not (data / name).is_dir()]
    if missing:
        print(json.dumps({"benchmark": NAME, "skipped": f"datasets not found in {data}: {', '.join(missing)}"}))
        return 0
    from stancemap.datasets import load_dataset
    from stancemap.extract import extract

    t0 = time.perf_counter()
    out = {"benchmark": NAME, "data": str(data), "datasets": {}}
    for name, kw in chosen:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            docs = load_dataset(name, data, verify=False, **kw)
            out["datasets"][name] = {"documents": len(docs), **kw, **survey(extract(docs), args.top)}
    out["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
