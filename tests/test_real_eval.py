"""The real-text evaluation set: references resolve against the shared datasets."""
from __future__ import annotations

import shutil
import warnings

import pandas as pd
import pytest

from stancemap.errors import StancemapError
from stancemap.real_eval import (REF_COLUMNS, labels_path, load_labels, load_real_eval,
                                 resolve_data_dir, span_hash)

UNGDC_FILE = "data/data_original/TXT/Session 77 - 2022/UKR_77_2022.txt"


def test_labels_are_references_only():
    refs = load_labels()
    assert list(refs.columns[:len(REF_COLUMNS)]) == REF_COLUMNS
    assert "text" not in refs.columns
    assert refs["ref_id"].is_unique
    assert {"kremlin-kyiv-press-2021-2022", "ungdc-2014-2024", "whitehouse-2021-2026"} <= set(refs["dataset"])
    assert set(refs["key_column"]) == {"link", "file", "url", "row", "contribution_ext_id"}


@pytest.fixture(scope="module")
def hydrated(datasets_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no reference may be dropped
        return load_real_eval(datasets_dir)


def test_every_reference_resolves_with_matching_hash(hydrated):
    refs = load_labels()
    ev = hydrated
    assert len(ev) == len(refs)
    assert list(ev.columns) == list(refs.columns) + ["text"]
    assert (ev["text"].map(span_hash) == ev["sha256_16"]).all()
    assert (ev["text"].str.len() == ev["char_end"] - ev["char_start"]).all()
    assert (ev["text"] == ev["text"].str.strip()).all()


def test_hydration_reads_the_span_from_the_source(hydrated, datasets_dir):
    ev = hydrated
    row = ev[ev["file"] == UNGDC_FILE].iloc[0]
    raw = (datasets_dir / "ungdc-2014-2024" / UNGDC_FILE).read_bytes().decode("utf-8")
    assert raw[row["char_start"]:row["char_end"]] == row["text"]
    press = ev[ev["key_column"] == "link"].iloc[0]
    table = pd.read_csv(datasets_dir / press["dataset"] / press["file"], dtype=str, keep_default_na=False)
    body = table.loc[table["link"] == press["doc_key"], press["field"]].iloc[0]
    assert body[press["char_start"]:press["char_end"]] == press["text"]


def test_env_var_is_used(datasets_dir, monkeypatch):
    monkeypatch.setenv("STANCEMAP_DATA", str(datasets_dir))
    assert resolve_data_dir() == datasets_dir


def test_missing_data_dir_gives_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("STANCEMAP_DATA", raising=False)
    with pytest.raises(StancemapError) as err:
        load_real_eval(tmp_path / "nowhere")
    msg = str(err.value)
    assert "nowhere" in msg and "does not exist" in msg
    assert "kremlin-kyiv-press-2021-2022" in msg and "STANCEMAP_DATA" in msg
    assert "stancemap datasets fetch" in msg


def test_missing_dataset_folder_names_the_dataset(tmp_path):
    with pytest.raises(StancemapError, match=r"Dataset 'kremlin-kyiv-press-2021-2022' not found.*datasets fetch"):
        load_real_eval(tmp_path)


def _small_copy(datasets_dir, tmp_path):
    """A data dir holding only the UNGDC file of ``refs`` (keeps the test fast)."""
    dest = tmp_path / "ungdc-2014-2024" / UNGDC_FILE
    dest.parent.mkdir(parents=True)
    shutil.copyfile(datasets_dir / "ungdc-2014-2024" / UNGDC_FILE, dest)
    return dest


def test_drifted_text_is_dropped_with_a_count(datasets_dir, tmp_path):
    refs = load_labels()
    sub = refs[refs["file"] == UNGDC_FILE].copy()
    assert len(sub) >= 3
    sub.loc[sub.index[:2], "sha256_16"] = "0" * 16
    labels = tmp_path / "labels.csv"
    sub.to_csv(labels, index=False)
    _small_copy(datasets_dir, tmp_path)
    with pytest.warns(UserWarning, match=rf"^2 of {len(sub)} real-text label reference\(s\) no longer match"):
        ev = load_real_eval(tmp_path, labels=labels)
    assert len(ev) == len(sub) - 2


def test_unknown_document_is_dropped_with_a_count(datasets_dir, tmp_path):
    refs = load_labels()
    sub = refs[refs["file"] == UNGDC_FILE].head(3).copy()
    sub.loc[sub.index[0], "doc_key"] = "XXX_77_2022.txt"
    labels = tmp_path / "labels.csv"
    sub.to_csv(labels, index=False)
    _small_copy(datasets_dir, tmp_path)
    with pytest.warns(UserWarning, match=r"^1 of 3 real-text label reference\(s\) point to documents not found"):
        ev = load_real_eval(tmp_path, labels=labels)
    assert len(ev) == 2


def test_bad_labels_file_is_refused(tmp_path):
    bad = pd.read_csv(labels_path(), dtype=str, keep_default_na=False).head(2)
    bad.loc[0, "stance_sanctions"] = "pro"
    path = tmp_path / "labels.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(StancemapError, match=r"'stance_sanctions' has label\(s\) \['pro'\]; valid labels: favor"):
        load_labels(path)


def test_row_keys_and_parquet_files_resolve(tmp_path):
    """References may name a Parquet file's key column, or a table row by its 0-based number."""
    ds = tmp_path / "toyset" / "data"
    ds.mkdir(parents=True)
    pd.DataFrame({"cid": ["a1", "b2"], "body": ["Alpha said one thing.", "Beta said another thing."]}).to_parquet(
        ds / "contribs.parquet")
    pd.DataFrame({"title": ["x", "y"], "speech": ["First speech here.", "Second speech, longer."]}).to_csv(
        ds / "speeches.csv", index=False)
    rows = [("p1", "data/contribs.parquet", "cid", "b2", "body", 5, 9), ("c1", "data/speeches.csv", "row", "1", "speech", 0, 6)]
    texts = {"p1": "said", "c1": "Second"}
    labels = pd.DataFrame([dict(ref_id=r, dataset="toyset", file=f, key_column=k, doc_key=d, field=fl, char_start=a,
                                char_end=b, sha256_16=span_hash(texts[r]), actor="us", date="2022", frames="", note="",
                                stance_sanctions="none") for r, f, k, d, fl, a, b in rows])
    labels.to_csv(tmp_path / "labels.csv", index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ev = load_real_eval(tmp_path, labels=tmp_path / "labels.csv")
    assert ev.set_index("ref_id")["text"].to_dict() == texts
