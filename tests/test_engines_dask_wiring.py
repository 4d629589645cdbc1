"""The Dask engine wired into compare, keyness, report and the CLI: same numbers, same files.

Every check compares the Dask run with the pandas run on the same input (never
hard-coded numbers), on the bundled corpus, with Dask's "sync" scheduler (no
cluster) and once on a real LocalCluster of two worker processes.
"""
from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import warnings
from pathlib import Path

import dask
import dask.dataframe as dd
import pandas as pd
import pytest

from stancemap import compare, keyness
from stancemap.engines import dask as scale
from stancemap.actors import load_actors
from stancemap.cli import main
from stancemap.corpus import load_bundled
from stancemap.errors import StancemapError
from stancemap.extract import extract
from stancemap.models import load_model
from stancemap.report import report
from stancemap.score import score

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "ceasefire-2025-03"
N_BOOT = 300


def _digest(folder: Path) -> dict[str, str]:
    """sha256 of every file written (PNG/SVG need a browser and are not written here)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def registry():
    return load_actors()


@pytest.fixture(scope="module")
def scored():
    """The bundled corpus, scored. Its one article is undated, so for the timeline and
    event-window statistics the rows get TEST dates spread over 8 days (one left blank):
    a test fixture only, not the statements' real dates."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = score(extract(load_bundled()), load_model())
    dates = [f"2025-03-{10 + i % 8:02d}" for i in range(len(out))]
    dates[-1] = ""
    return out.assign(date=dates)


@pytest.fixture(scope="module")
def ddf(scored):
    # plain dd.from_pandas (Dask's default string conversion on): the columns arrive as
    # pyarrow strings, not the object columns scale.to_dask keeps
    return dd.from_pandas(scored, npartitions=4)


@pytest.fixture(scope="module")
def pandas_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("pandas") / "report"
    return report([CORPUS], out, formats=("html",), n_boot=N_BOOT, progress=False)


@pytest.fixture
def sync():
    with dask.config.set(scheduler="sync"):
        yield


# --------------------------------------------------------------------------- compare / keyness

def _verbs(registry):
    kw = {"registry": registry, "n_boot": N_BOOT, "seed": 3}
    return {
        "frame_shares": (compare.frame_shares, kw),
        "frame_shares_probability": (compare.frame_shares, {**kw, "measure": "probability"}),
        "frame_shares_by_speaker_split_kind": (compare.frame_shares, {**kw, "by": "speaker", "split": "kind"}),
        "stance_shares": (compare.stance_shares, kw),
        "frame_differences": (compare.differences, {**kw, "pairs": "one-vs-rest"}),
        "stance_differences": (compare.differences, {**kw, "what": "stance", "pairs": "all"}),
        "over_time": (compare.over_time, {**kw, "what": "frames", "freq": "D"}),
        "group_counts": (compare.group_counts, {"registry": registry}),
        "group_counts_outlet": (compare.group_counts, {"by": "outlet"}),
        "blame_edges": (lambda t, **k: compare.blame_edges(t, registry, **k), {}),
        "keyness": (keyness.keyness, {"registry": registry}),
        "keyness_bigrams_vs_russia": (keyness.keyness, {"reference": "russia", "bigrams": True}),
        "term_counts": (keyness.term_counts, {}),
    }


def test_every_statistic_on_a_dask_table_equals_pandas(scored, ddf, registry, sync, monkeypatch):
    computed = []
    real = compare.needed_columns
    monkeypatch.setattr(compare, "needed_columns", lambda *a, **k: computed.append(real(*a, **k)) or computed[-1])
    for name, (func, kw) in _verbs(registry).items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            want = func(scored, **kw)
            got = func(ddf, **kw)
        assert len(want), name
        pd.testing.assert_frame_equal(got, want, obj=name)
        assert got.attrs == want.attrs, name
        if "ci_low" in want.columns:
            assert want["ci_low"].notna().any(), name  # real intervals were compared
        # only the columns the statistic reads were computed; the text only where words are counted
        cols = computed.pop()
        assert ("text" in cols) == (name.startswith(("blame", "keyness", "term"))), (name, cols)
        assert "sentence" not in cols and "source_url" not in cols, (name, cols)
    assert not computed


def test_event_window_on_dask_stays_lazy_and_labels_as_pandas(scored, ddf, registry, sync):
    day = "2025-03-13"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = compare.event_window(scored, day, event_day="own")
        lazy = compare.event_window(ddf, day, event_day="own")
        assert scale.is_dask(lazy) and list(lazy.columns) == list(want.columns)
        pd.testing.assert_series_equal(lazy["window"].compute().reset_index(drop=True), want["window"],
                                       check_dtype=False)
        assert set(want["window"]) >= {"before", "after"}
        # composed: shares per window and keyness per window read the lazy table's columns
        pd.testing.assert_frame_equal(
            compare.frame_shares(lazy, split="window", registry=registry, n_boot=N_BOOT),
            compare.frame_shares(want, split="window", registry=registry, n_boot=N_BOOT))
        pd.testing.assert_frame_equal(keyness.keyness(lazy, by="window"), keyness.keyness(want, by="window"))
        # scale.compare_dask's event_window verb (collects first) still works
        small = scale.compare_dask(ddf, "event_window", day, event_day="own")
    assert not scale.is_dask(small) and "text" not in small.columns
    pd.testing.assert_series_equal(small["window"], want["window"], check_dtype=False)


def test_dask_errors_name_the_bad_column_and_list_all_columns(ddf, registry):
    with pytest.raises(StancemapError, match=r"Grouping column 'actr' not found\..*text.*Did you mean 'actor'"):
        compare.frame_shares(ddf, by="actr")
    with pytest.raises(StancemapError, match=r"Split column 'windw' not found"):
        compare.stance_shares(ddf, split="windw")
    with pytest.raises(StancemapError, match=r"Text column 'body' not found\..*sentence"):
        keyness.keyness(ddf, text_col="body")
    with pytest.raises(StancemapError, match=r"Date column 'day' not found"):
        compare.event_window(ddf, "2025-03-18", date_col="day")
    with pytest.raises(StancemapError, match=r"Expected a pandas DataFrame"):
        compare.event_window([1, 2], "2025-03-18")


def test_pandas_input_does_not_import_dask():
    code = (
        "import sys, warnings\n"
        "import pandas as pd\n"
        "from stancemap import compare, keyness, report\n"
        "t = pd.DataFrame({'actor': ['a', 'b'] * 6, 'doc_id': ['d1', 'd2'] * 6, 'date': ['2025-03-01'] * 12,\n"
        "                  'text': ['Talks on a ceasefire resume.'] * 12, 'frame_peace': [0.9, 0.1] * 6,\n"
        "                  'frames': ['peace', ''] * 6, 'stance_truce': ['favor', 'none'] * 6,\n"
        "                  'stance_truce_p': [0.8, 0.6] * 6})\n"
        "with warnings.catch_warnings():\n"
        "    warnings.simplefilter('ignore')\n"
        "    compare.frame_shares(t, n_boot=50); compare.stance_shares(t, n_boot=50); compare.group_counts(t)\n"
        "    compare.event_window(t, '2025-03-01'); compare.over_time(t, n_boot=50); keyness.keyness(t)\n"
        "print('dask' in sys.modules, 'distributed' in sys.modules)\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["False", "False"]


# --------------------------------------------------------------------------- report

def test_report_on_dask_sync_is_byte_identical(pandas_report, tmp_path):
    res = report([CORPUS], tmp_path / "report", formats=("html",), n_boot=N_BOOT, progress=False,
                 engine="dask", scheduler="sync")
    want = _digest(pandas_report.out_dir)
    assert {"index.html", "scored.csv", "statements.csv", "tables/frame_shares.csv",
            "tables/frame_shares.parquet", "figures/frame_profile.html"} <= set(want)
    assert _digest(res.out_dir) == want
    pd.testing.assert_frame_equal(res.scored, pandas_report.scored)


def test_report_takes_a_dask_documents_table(pandas_report, tmp_path):
    docs = dd.from_pandas(load_bundled(), npartitions=1)
    res = report(docs, tmp_path / "report", formats=("html",), n_boot=N_BOOT, progress=False, scheduler="sync")
    want = report(load_bundled(), tmp_path / "pandas", formats=("html",), n_boot=N_BOOT, progress=False)
    assert _digest(res.out_dir) == _digest(want.out_dir)
    pd.testing.assert_frame_equal(res.statements, pandas_report.statements)


def test_report_on_a_two_process_local_cluster_is_byte_identical(pandas_report, tmp_path):
    res = report([CORPUS], tmp_path / "report", formats=("html",), n_boot=N_BOOT, progress=False,
                 engine="dask", n_workers=2)
    assert _digest(res.out_dir) == _digest(pandas_report.out_dir)


def test_report_engine_errors(tmp_path):
    with pytest.raises(StancemapError, match="Engine 'spark' not found"):
        report([CORPUS], tmp_path / "a", formats=("html",), engine="spark")
    with pytest.raises(StancemapError, match="only applies to the Dask engine. Add --engine dask"):
        report([CORPUS], tmp_path / "b", formats=("html",), scheduler="tcp://127.0.0.1:8786")
    doc = tmp_path / "weather.txt"
    doc.write_text("The weather was mild. Trains ran on time across the region.\n", encoding="utf-8")
    with pytest.raises(StancemapError, match="No attributed statements"):
        report([doc], tmp_path / "c", formats=("html",), progress=False, engine="dask", scheduler="sync")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_unreachable_scheduler_is_a_clear_error(tmp_path, capsys):
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        with pytest.raises(StancemapError, match=rf"Could not connect to the Dask scheduler at '{address}' "
                                                 r"within 1 s.*`dask scheduler` is running there"):
            report([CORPUS], tmp_path / "r", formats=("html",), progress=False, engine="dask", scheduler=address)
        st = tmp_path / "statements.csv"
        pd.DataFrame({"text": ["We want a ceasefire now."]}).to_csv(st, index=False)
        assert main(["score", str(st), "--out", str(tmp_path / "s.csv"), "--engine", "dask",
                     "--scheduler", address]) == 2
    err = capsys.readouterr().err
    assert f"error: Could not connect to the Dask scheduler at '{address}'" in err
    assert "leave --scheduler out" in err
    assert not (tmp_path / "r").exists() and not (tmp_path / "s.csv").exists()


# --------------------------------------------------------------------------- CLI

@pytest.fixture(scope="module")
def statements_csv(tmp_path_factory):
    p = tmp_path_factory.mktemp("cli") / "statements.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        extract(load_bundled()).to_csv(p, index=False)
    return p


def test_cli_score_on_dask_writes_the_same_csv(statements_csv, tmp_path):
    a, b = tmp_path / "pandas.csv", tmp_path / "dask.csv"
    assert main(["score", str(statements_csv), "--out", str(a)]) == 0
    assert main(["score", str(statements_csv), "--out", str(b), "--engine", "dask", "--scheduler", "sync"]) == 0
    assert a.read_bytes() == b.read_bytes() and len(pd.read_csv(a)) > 10


def test_cli_report_on_dask_writes_the_same_files(tmp_path):
    common = [str(CORPUS), "--formats", "html", "--n-boot", "100", "--quiet"]
    assert main(["report", *common, "--out", str(tmp_path / "p")]) == 0
    assert main(["report", *common, "--out", str(tmp_path / "d"), "--engine", "dask", "--scheduler", "threads"]) == 0
    assert _digest(tmp_path / "p") == _digest(tmp_path / "d")


@pytest.mark.parametrize("command", ["score", "report"])
def test_cli_scheduler_without_dask_engine_and_unknown_engine(command, statements_csv, tmp_path, capsys):
    first = [command, str(statements_csv if command == "score" else CORPUS), "--out", str(tmp_path / "o")]
    assert main([*first, "--scheduler", "tcp://10.0.0.5:8786"]) == 2
    err = capsys.readouterr().err
    assert "error: A scheduler ('tcp://10.0.0.5:8786') was given with engine 'pandas'" in err
    assert "Add --engine dask" in err
    assert not (tmp_path / "o").exists()
    with pytest.raises(SystemExit) as e:
        main([*first, "--engine", "spark"])
    assert e.value.code == 2
    assert "invalid choice: 'spark'" in capsys.readouterr().err


def test_jobs_option_scores_with_the_same_numbers(tmp_path, capsys):
    """`stancemap score --jobs 2` (pandas engine) writes the same bytes; --jobs with
    --engine dask is refused with the fix."""
    from pathlib import Path

    from stancemap.cli import main

    st = Path(__file__).resolve().parents[1] / "corpora" / "ceasefire-2025-03" / "annotations" / "statements.csv"
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert main(["score", str(st), "--out", str(one)]) == 0
    assert main(["score", str(st), "--out", str(two), "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()
    capsys.readouterr()
    assert main(["score", str(st), "--out", str(tmp_path / "x.csv"), "--engine", "dask", "--jobs", "2"]) == 2
    assert "--jobs 2 applies to the pandas engine" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()
