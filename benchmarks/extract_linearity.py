"""Does extraction stay linear in document size? One press release, then the same text 2×, 4×, 8×;
print one JSON line.

Data: the press releases of ``extract_throughput.py`` (``kremlin-kyiv-press-2021-2022``, CC BY 4.0) under
``--data`` (default ``$STANCEMAP_DATA``, else ``../shared/datasets`` beside the repository); absent data →
a JSON line with ``"skipped"`` and exit status 0::

    python benchmarks/extract_linearity.py [--data DIR] [--doc DOC_ID] [--copies 1,2,4,8] [--repeat 3]

The document (default: the longest, a Kremlin transcript) is repeated with a blank line between the copies
(``raw_text``), cleaned (not timed), and extracted ``--repeat`` times; the best CPU time
(``time.process_time``) and wall time of each size are reported, with ``cpu_ratio`` (time of k copies
over time of one) and ``cpu_per_copy_ratio`` (that over k: 1.0 is linear, 2.0 at 8× would be quadratic
growth taking over).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_throughput import DATASET, default_data_dir, load_press_releases, skipped  # noqa: E402


def repeated(doc, k: int):
    """A one-row documents table: ``doc``'s raw text ``k`` times, blank lines between, cleaned."""
    from stancemap.clean import clean

    rep = doc.copy()
    rep["raw_text"] = "\n\n".join([doc["raw_text"].iloc[0]] * k)
    rep["text"] = rep["raw_text"]
    rep["doc_id"] = f"{doc['doc_id'].iloc[0]}-x{k}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return clean(rep)


def measure(doc, copies=(1, 2, 4, 8), repeat: int = 3, actors=None) -> dict:
    """Best-of-``repeat`` CPU and wall seconds of ``extract`` on ``doc`` (one-row documents table) repeated
    each number of ``copies`` times, and their ratios to one copy."""
    from stancemap.actors import load_actors
    from stancemap.extract import extract

    registry = load_actors(actors)
    out: dict[str, list] = {"copies": list(copies), "characters": [], "statements": [], "cpu_seconds": [],
                            "seconds": []}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        extract(repeated(doc, 1), actors=registry)       # warm-up: imports, patterns
        for k in copies:
            docs = repeated(doc, k)
            best_cpu = best_wall = float("inf")
            for _ in range(repeat):
                t0, c0 = time.perf_counter(), time.process_time()
                statements = extract(docs, actors=registry)
                best_cpu = min(best_cpu, time.process_time() - c0)
                best_wall = min(best_wall, time.perf_counter() - t0)
            out["characters"].append(int(docs["text"].str.len().iloc[0]))
            out["statements"].append(len(statements))
            out["cpu_seconds"].append(round(best_cpu, 4))
            out["seconds"].append(round(best_wall, 4))
    base = out["cpu_seconds"][0] or float("nan")
    out["cpu_ratio"] = [round(t / base, 2) for t in out["cpu_seconds"]]
    out["cpu_per_copy_ratio"] = [round(t / (k * base), 2) for t, k in zip(out["cpu_seconds"], copies)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=None, help="datasets folder (default: $STANCEMAP_DATA or ../shared/datasets)")
    ap.add_argument("--doc", default=None, help="doc_id of the press release (default: the longest)")
    ap.add_argument("--copies", default="1,2,4,8", help="comma-separated numbers of copies (default 1,2,4,8)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per size; the best counts (default 3)")
    ap.add_argument("--actors", default=None, help="actor registry YAML (default: bundled)")
    args = ap.parse_args(argv)
    data_dir = Path(args.data) if args.data else default_data_dir()
    if skipped(data_dir, "extract_linearity"):
        return 0
    copies = tuple(int(c) for c in args.copies.split(","))
    if not copies or min(copies) < 1 or copies[0] != 1:
        ap.error(f"--copies must start with 1 and hold positive numbers, got {args.copies!r} (e.g. 1,2,4,8)")
    documents = load_press_releases(data_dir)
    if args.doc is None:
        doc = documents.iloc[[int(documents["raw_text"].str.len().to_numpy().argmax())]]
    else:
        doc = documents[documents["doc_id"] == args.doc]
        if doc.empty:
            ap.error(f"--doc {args.doc!r} is not a doc_id of the press releases (e.g. kremlin-0001)")
    from stancemap import __version__

    out = {"benchmark": "extract_linearity", "dataset": DATASET, "doc_id": str(doc["doc_id"].iloc[0]),
           **measure(doc.reset_index(drop=True), copies, args.repeat, args.actors),
           "stancemap_version": __version__}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
