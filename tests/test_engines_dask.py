"""stancemap.scale: the Dask engine gives the pandas numbers.

Equality is checked on the bundled corpus and on a small CONSTRUCTED corpus
(fictional speakers of a fictional two-group registry, attributed to nobody
real), with Dask's local schedulers ("sync", "threads") and, once, on a
LocalCluster of two worker processes.
"""
from __future__ import annotations

import warnings

import dask.dataframe as dd
import pandas as pd
import pytest

from stancemap import compare, keyness
from stancemap.engines import dask as scale
from stancemap.actors import load_actors
from stancemap.corpus import load_bundled
from stancemap.errors import StancemapError
from stancemap.extract import extract
from stancemap.models import load_model
from stancemap.schema import DOCUMENT_COLUMNS, STATEMENT_COLUMNS
from stancemap.score import score

REGISTRY = """\
actors:
  north:
    label: Northland
    color: '#117733'
    members:
      - name: Ada Quill
        aliases: [Quill, President Quill, the Northland leader]
      - name: Northland Ministry
        kind: institution
        aliases: [the Ministry, Northgate]
  south:
    label: Southland
    color: '#AA4499'
    members:
      - name: Bram Oduya
        aliases: [Oduya, Prime Minister Oduya, the Southland premier]
"""

# Constructed sentences for a fictional dispute; every document says so in its provenance.
SENTENCES = [
    "We are ready for talks on a full ceasefire along the river border.",
    "The strikes on the power stations must stop tonight.",
    "Sanctions on the southern ports will stay until the prisoners come home.",
    "Civilians in the valley towns need water, medicine and safe corridors.",
    "Our partners stand with us and will keep sending air defence.",
    "No inch of the northern hills will ever be given away.",
    "They broke the truce again and blamed us for their own shelling.",
    "A fair peace means justice for the families who lost everything.",
]


def constructed_documents(n: int = 14) -> pd.DataFrame:
    rows = []
    for i in range(n):
        official = i % 3 == 0
        a, b = SENTENCES[i % 8], SENTENCES[(i * 3 + 1) % 8]
        c = SENTENCES[(i * 5 + 2) % 8]
        if official:
            text = f"{a} {b}\n\n{c} The Ministry will report on progress next week."
            actor, speaker = ("north", "Northland Ministry") if i % 2 == 0 else ("south", "Bram Oduya")
        else:
            text = (f"Talks stall over the river border\n\n\"{a}\" Quill said on Monday.\n\n"
                    f"Oduya insisted that {b[0].lower() + b[1:]}\n\n"
                    f"\"{c}\" the Southland premier told reporters. Analysts said the gap remained wide.")
            actor = speaker = ""
        rows.append({"doc_id": f"constructed-{i:02d}", "path": "", "title": f"Constructed item {i}",
                     "text": text, "raw_text": text, "dateline": "", "date": f"2025-03-{1 + 2 * i:02d}",
                     "source_title": f"Constructed item {i}", "source_url": f"https://example.org/{i}",
                     "outlet": "Constructed Wire", "author": "", "language": "en", "license": "CC0-1.0",
                     "provenance": "CONSTRUCTED for tests/test_engines_dask.py (fictional actors)",
                     "doc_kind": "official" if official else "article", "doc_actor": actor, "doc_speaker": speaker})
    docs = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
    return docs.sample(frac=1, random_state=3).reset_index(drop=True)  # not in doc_id order


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    p = tmp_path_factory.mktemp("scale") / "actors.yaml"
    p.write_text(REGISTRY, encoding="utf-8")
    return load_actors(p)


@pytest.fixture(scope="module")
def model():
    return load_model()


@pytest.fixture(scope="module")
def synthetic(registry, model):
    docs = constructed_documents()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        statements = extract(docs, registry)
        scored = score(statements, model)
    assert len(statements) >= 40 and statements["actor"].nunique() >= 3 and statements["date"].nunique() >= 10
    return docs, statements, scored


@pytest.fixture(scope="module")
def bundled(model):
    docs = load_bundled()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        statements = extract(docs)
        scored = score(statements, model)
    return docs, statements, scored


# --------------------------------------------------------------------------- extract + score

@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_extract_score_equals_pandas_on_the_constructed_corpus(synthetic, registry, model, scheduler):
    docs, statements, scored = synthetic
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        st, sc = scale.extract_score(docs, registry, model, scheduler=scheduler, npartitions=4)
    pd.testing.assert_frame_equal(st, statements)
    pd.testing.assert_frame_equal(sc, scored)
    n_un = int((statements["actor"] == "unattributed").sum())
    assert n_un and any(f"{n_un} of {len(statements)} statements had no attributable speaker" in str(w.message)
                        for w in caught), "the pandas warning is given once, with the whole corpus's count"


def test_extract_score_equals_pandas_on_the_bundled_corpus(bundled, model):
    docs, statements, scored = bundled
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        st, sc = scale.extract_score(docs, None, model, scheduler="sync")
        # the one bundled document gives one partition; scoring alone splits its statements four ways
        sc4 = scale.score(statements, model, scheduler="threads", npartitions=4)
    pd.testing.assert_frame_equal(st, statements)
    pd.testing.assert_frame_equal(sc, scored)
    pd.testing.assert_frame_equal(sc4, scored)


def test_score_dask_is_lazy_with_the_pandas_columns(synthetic, model):
    _, statements, scored = synthetic
    ddf = scale.to_dask(statements, npartitions=3)
    lazy = scale.score_dask(ddf, model)
    assert isinstance(lazy, dd.DataFrame) and lazy.npartitions == 3
    assert list(lazy.columns) == list(scored.columns)
    assert lazy.dtypes.astype(str).tolist() == scored.dtypes.astype(str).tolist()
    got = lazy.compute(scheduler="sync").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, scored)
    # a Dask table into scale.score stays lazy; a pandas one comes back as pandas with its index
    assert scale.is_dask(scale.score(ddf, model))
    shifted = statements.set_axis(statements.index + 100)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = scale.score(shifted, model, scheduler="sync", npartitions=2)
    assert list(back.index) == list(shifted.index)
    pd.testing.assert_frame_equal(back.reset_index(drop=True), scored)


def test_extract_dask_on_a_dask_documents_table_sorts_by_doc_id(synthetic, registry):
    docs, statements, _ = synthetic
    ddocs = scale.to_dask(docs, npartitions=3)
    st = scale.extract_dask(ddocs, registry).compute(scheduler="sync")
    pd.testing.assert_frame_equal(scale._in_extract_order(st), statements)
    assert list(st.columns) == STATEMENT_COLUMNS


# --------------------------------------------------------------------------- compare

COMPARISONS = [
    ("frame_shares", {}),
    ("frame_shares", {"measure": "probability"}),
    ("stance_shares", {}),
    ("differences", {"pairs": "one-vs-rest"}),
    ("differences", {"what": "stance", "pairs": "all"}),
    ("over_time", {"what": "frames", "freq": "W"}),
    ("group_counts", {}),
    ("keyness", {}),
]


@pytest.mark.parametrize("verb,kwargs", COMPARISONS, ids=[f"{v}-{i}" for i, (v, _) in enumerate(COMPARISONS)])
def test_compare_dask_equals_pandas(synthetic, registry, verb, kwargs):
    _, _, scored = synthetic
    ddf = scale.to_dask(scored, npartitions=4)
    func = keyness.keyness if verb == "keyness" else getattr(compare, verb)
    extra = {} if verb == "group_counts" else {"registry": registry}
    if verb not in ("group_counts", "keyness"):
        extra.update(n_boot=400, seed=7)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = func(scored, **kwargs, **extra)
        got = scale.compare_dask(ddf, verb, scheduler="sync", **kwargs, **extra)
    pd.testing.assert_frame_equal(got, want)
    assert {k: v for k, v in got.attrs.items()} == {k: v for k, v in want.attrs.items()}
    if "ci_low" in want.columns:
        assert want["ci_low"].notna().any()  # the intervals compared are real numbers


def test_event_window_then_split_shares_equal_pandas(synthetic, registry):
    _, _, scored = synthetic
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = compare.frame_shares(compare.event_window(scored, "2025-03-14"), split="window", registry=registry,
                                    n_boot=300)
        small = scale.compare_dask(scale.to_dask(scored, npartitions=3), "event_window", "2025-03-14",
                                   scheduler="sync")
        got = compare.frame_shares(small, split="window", registry=registry, n_boot=300)
    assert set(small["window"]) == {"before", "after"}
    assert "sentence" not in small.columns and "text" not in small.columns  # only the small columns travel
    pd.testing.assert_frame_equal(got, want)


def test_compare_all_computes_once_and_equals_pandas(synthetic, registry, monkeypatch):
    _, _, scored = synthetic
    ddf = scale.to_dask(scored, npartitions=3)
    computed = []
    real = scale.collect
    monkeypatch.setattr(scale, "collect", lambda *a, **k: computed.append(a[1]) or real(*a, **k))
    jobs = {"frames": ("frame_shares", {"registry": registry, "n_boot": 200}),
            "stance_shares": {"registry": registry, "n_boot": 200},
            "by_speaker": ("group_counts", {"by": "speaker"}),
            "keyness": {"registry": registry}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = scale.compare_all(ddf, jobs, scheduler="sync")
        pd.testing.assert_frame_equal(got["frames"], compare.frame_shares(scored, registry=registry, n_boot=200))
        pd.testing.assert_frame_equal(got["stance_shares"],
                                      compare.stance_shares(scored, registry=registry, n_boot=200))
        pd.testing.assert_frame_equal(got["by_speaker"], compare.group_counts(scored, by="speaker"))
        pd.testing.assert_frame_equal(got["keyness"], keyness.keyness(scored, registry=registry))
    assert len(computed) == 1 and {"actor", "speaker", "text"} <= set(computed[0])


def test_compare_columns_keeps_only_what_the_statistics_read(synthetic):
    _, _, scored = synthetic
    cols = scale.compare_columns(scored.columns, by="speaker", split="outlet")
    assert {"speaker", "outlet", "doc_id", "date", "frames", "frame_security", "stance_sanctions",
            "stance_sanctions_p"} <= set(cols)
    assert not {"text", "sentence", "source_url", "cue"} & set(cols)
    assert "text" in scale.compare_columns(scored.columns, text=True)
    with pytest.raises(StancemapError, match="'actr' not found.*Did you mean 'actor'"):
        scale.compare_columns(scored.columns, by="actr")
    with pytest.raises(StancemapError, match="Comparison 'frame_share' not found.*Did you mean 'frame_shares'"):
        scale.compare_dask(scored, "frame_share")


# --------------------------------------------------------------------------- engine, client, errors

def test_detection_and_engine_checks(synthetic):
    _, statements, _ = synthetic
    assert not scale.is_dask(statements) and scale.maybe_dask(scale.to_dask(statements))
    assert scale.check_engine(None) == "pandas" and scale.check_engine("Dask", "tcp://h:8786") == "dask"
    with pytest.raises(StancemapError, match="Engine 'spark' not found. Valid: pandas, dask"):
        scale.check_engine("spark")
    with pytest.raises(StancemapError, match="only applies to the Dask engine"):
        scale.check_engine("pandas", "tcp://h:8786")
    with pytest.raises(StancemapError, match="Expected a Dask DataFrame for the statements"):
        scale.score_dask(statements)
    with pytest.raises(StancemapError, match="npartitions must be a whole number"):
        scale.to_dask(statements, 0)
    with pytest.raises(StancemapError, match="no 'text' column"):
        scale.score_dask(scale.to_dask(statements.drop(columns="text")))


def test_unreachable_scheduler_is_a_clear_error():
    with pytest.raises(StancemapError, match=r"Could not connect to the Dask scheduler at 'tcp://127\.0\.0\.1:9'.*"
                                             r"dask scheduler"):
        scale.client("127.0.0.1:9", timeout=2)
    with pytest.raises(StancemapError, match="local Dask scheduler, not a cluster address"):
        scale.client("threads")


def test_local_cluster_of_two_processes_gives_the_pandas_numbers(synthetic, registry, model):
    """One real dask.distributed run: two worker processes, model sent once to each."""
    docs, statements, scored = synthetic
    with scale.client(n_workers=2) as c:
        assert len(c.scheduler_info()["workers"]) == 2
        shared = scale._share(model)
        assert len(c.who_has([shared])[shared.key]) == 2  # one copy on each worker, not one per partition
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            st, sc = scale.extract_score(docs, registry, model, npartitions=4)
            shares = scale.compare_dask(scale.to_dask(sc, npartitions=3), "stance_shares", registry=registry,
                                        n_boot=300)
            want = compare.stance_shares(scored, registry=registry, n_boot=300)
    pd.testing.assert_frame_equal(st, statements)
    pd.testing.assert_frame_equal(sc, scored)
    pd.testing.assert_frame_equal(shares, want)


# --------------------------------------------------------------------------- benchmark scripts

@pytest.mark.parametrize("script,args", [("scale_ungdc.py", []), ("report_speed.py", ["--only", "press"])])
def test_benchmarks_print_one_skipped_line_without_data(script, args, tmp_path):
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    p = subprocess.run([sys.executable, str(root / "benchmarks" / script), "--data", str(tmp_path), *args],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.strip().splitlines()
    assert len(lines) == 1
    out = json.loads(lines[0])
    assert out["benchmark"] == script.removesuffix(".py") and "not found" in out["skipped"]
