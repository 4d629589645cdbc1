"""Wall time and peak memory of ``stancemap report``; prints ONE JSON line.

Two runs, each in its own process (the time a user waits, imports included):

* ``bundled`` — ``stancemap report corpora/ceasefire-2025-03 --out TMP`` (the ``make demo`` job);
* ``press``   — ``stancemap.report.report(documents, TMP)`` on the 1,796 press releases of
  ``kremlin-kyiv-press-2021-2022`` (816 en.kremlin.ru + 980 president.gov.ua items, CC BY 4.0),
  loaded with ``stancemap.datasets.load_dataset`` from ``--data`` (default ``$STANCEMAP_DATA``,
  else ``../shared/datasets`` beside the repository). Skipped (``"skipped"`` with the reason)
  when the data is absent.

::

    python benchmarks/report_speed.py [--data DIR] [--formats html,png] [--only bundled|press]

Per run: ``wall_seconds`` (process start to exit), ``peak_memory_mb`` (the child's peak resident
set size, ``wait4``), and for ``press`` the stages measured inside: ``load_seconds``,
``report_seconds``, ``documents``, ``statements``, ``index_html_mb``. ``formats`` are the
figure formats (the CLI default ``html,png``; PNG needs Chrome/Chromium, else HTML only).
Aims (issue 4): bundled < 10 s, press < 60 s on a 2-core machine; ``meets_aim`` says whether
each run did.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATASET = "kremlin-kyiv-press-2021-2022"
AIMS = {"bundled": 10.0, "press": 60.0}
PY = Path(sys.executable)


def default_data_dir() -> Path:
    """The package's data-directory policy (argument, $STANCEMAP_DATA, ../shared/datasets beside
    the checkout), without the user-cache fallback: a benchmark needs the files, not a place to fetch to."""
    from stancemap.paths import data_dir

    return data_dir(cache=False) or ROOT.parent / "shared" / "datasets"


def timed(cmd: list[str], env: dict | None = None) -> dict:
    """Run ``cmd``; wall time, the child's own peak RSS (``wait4``) and its last JSON line, if any."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=str(ROOT), env=env, text=True)
        _, status, usage = os.wait4(p.pid, 0)  # reap it ourselves: rusage of this child only
        wall = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    res = {"wall_seconds": round(wall, 2), "peak_memory_mb": round(peak), "exit_status": p.returncode}
    lines = [ln for ln in stdout.splitlines() if ln.startswith("{")]
    if lines:
        res.update(json.loads(lines[-1]))
    if p.returncode != 0:
        res["error"] = (stderr.strip().splitlines() or ["(no message)"])[-1][:300]
    return res


def run_press(data_dir: str, out_dir: str, formats: str) -> None:
    """Child: load the press releases and run report(); print the inner timings as JSON."""
    import warnings

    t = time.perf_counter()
    from stancemap.datasets import load_dataset
    from stancemap.report import report

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = load_dataset(DATASET, data_dir)
        load_s = time.perf_counter() - t
        t = time.perf_counter()
        res = report(docs, out_dir, formats=tuple(f for f in formats.split(",") if f), progress=False,
                     events={"2022-02-24": "Full-scale invasion"}, title="Kremlin and Kyiv press releases")
        report_s = time.perf_counter() - t
    print(json.dumps({"load_seconds": round(load_s, 2), "report_seconds": round(report_s, 2),
                      "documents": len(res.documents), "statements": len(res.statements),
                      "figures": len(res.figures), "index_html_mb": round(res.index.stat().st_size / 1e6, 1)}))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=None, help="data directory (default $STANCEMAP_DATA or ../shared/datasets)")
    ap.add_argument("--formats", default="html,png", help="figure formats (default html,png, as the CLI)")
    ap.add_argument("--only", choices=("bundled", "press"), help="run one of the two")
    ap.add_argument("--_press", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._press:
        run_press(*args._press)
        return 0
    data = args.data or default_data_dir()
    stancemap_cli = PY.parent / "stancemap"
    result: dict = {"benchmark": "report_speed", "formats": args.formats, "cpus": os.cpu_count(),
                    "load_average_1min": round(os.getloadavg()[0], 2)}
    env = dict(os.environ, CI="1")  # no progress bars
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "bundled"):
            cmd = [str(stancemap_cli) if stancemap_cli.exists() else str(PY), *([] if stancemap_cli.exists()
                   else ["-m", "stancemap"]), "report", "corpora/ceasefire-2025-03", "--out", f"{tmp}/bundled",
                   "--formats", args.formats, "--quiet", "--event", "2025-03-18=Trump–Putin call"]
            r = timed(cmd, env)
            r["meets_aim"] = r["exit_status"] == 0 and r["wall_seconds"] < AIMS["bundled"]
            result["bundled"] = r
        if args.only in (None, "press"):
            csvs = [data / DATASET / "press_release_data" / f for f in ("putin.csv", "zelenskyy.csv")]
            if not all(p.is_file() for p in csvs):
                result["press"] = {"skipped": f"dataset {DATASET} not found under {data} (set --data or "
                                              f"STANCEMAP_DATA; `stancemap datasets fetch {DATASET}`)"}
            else:
                r = timed([str(PY), str(Path(__file__).resolve()), "--_press", str(data), f"{tmp}/press",
                           args.formats], env)
                r["meets_aim"] = r["exit_status"] == 0 and r["wall_seconds"] < AIMS["press"]
                result["press"] = r
    if "bundled" not in result and result.get("press", {}).get("skipped"):
        result["skipped"] = result["press"]["skipped"]
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
