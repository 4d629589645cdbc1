"""The double-coded real-sentence set (corpora/real-labels): references only, coders, adjudication, splits."""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

from stancemap.agreement import agreement
from stancemap.datasets.labelrefs import REF_COLUMNS, labels_path, load_labels, load_real_eval, span_hash
from stancemap.paths import bundled

FOLDER = bundled("real-labels")
TARGETS = ["full_ceasefire", "energy_truce", "military_aid", "sanctions", "territorial_concessions"]
STANCE = [f"stance_{t}" for t in TARGETS]
LABELS = ["frames", *STANCE, "own_words"]
DATASETS = {"kremlin-kyiv-press-2021-2022", "ungdc-2014-2024", "whitehouse-2021-2026", "uk-pm-commons-2019-2026",
            "zelensky-speeches-2022-2023", "zelensky-speeches-2022"}


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(FOLDER / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def labels():
    return load_labels()


def test_the_default_labels_are_the_double_coded_set(labels):
    assert labels_path() == FOLDER / "labels.csv"
    assert list(labels.columns[:len(REF_COLUMNS)]) == REF_COLUMNS
    assert "text" not in labels.columns and "sentence" not in labels.columns
    assert labels["ref_id"].is_unique
    assert set(labels["dataset"]) == DATASETS      # all six datasets
    # the four sides, and (since round 26 coded sentences again) people outside the registry
    assert set(labels["actor"]) == {"us", "europe", "russia", "ukraine", "unattributed"}
    assert len(labels) >= 2000


def test_no_text_in_any_committed_file():
    """Only references, labels and short reasons: no column holds sentences."""
    for name in ("labels.csv", "coder_a.csv", "coder_b.csv", "adjudication.csv", "agreement.csv", "superseded.csv"):
        table = _read(name)
        assert not {"text", "sentence", "prev", "next", "title"} & set(table.columns), name
    for name in ("adjudication.csv", "superseded.csv"):
        assert _read(name)["reason"].str.len().max() <= 200, name


def test_a_document_is_in_one_split_only(labels):
    doc = labels["dataset"] + "|" + labels["file"] + "|" + labels["doc_key"]
    assert set(labels["split"]) == {"train", "dev", "test"}
    assert (labels.groupby(doc)["split"].nunique() == 1).all()


def test_final_labels_are_the_coders_agreement_or_the_adjudication(labels):
    a, b = _read("coder_a.csv").set_index("ref_id"), _read("coder_b.csv").set_index("ref_id")
    adj = _read("adjudication.csv").set_index(["ref_id", "label"])["final"].to_dict()
    final = labels.set_index("ref_id")
    assert set(final.index) <= set(a.index) & set(b.index)
    for rid, row in final.iterrows():
        for col in [*STANCE, "own_words"]:
            want = a.at[rid, col] if a.at[rid, col] == b.at[rid, col] else adj[(rid, col)]
            assert row[col] == want, (rid, col)
        fa, fb = set(filter(None, a.at[rid, "frames"].split(";"))), set(filter(None, b.at[rid, "frames"].split(";")))
        got = set(filter(None, row["frames"].split(";")))
        for f in fa ^ fb:
            assert (f in got) == (adj[(rid, f"frame:{f}")] == "true"), (rid, f)
        for f in fa & fb:
            assert f in got or adj.get((rid, f"frame:{f}")) == "false", (rid, f)


def test_the_reported_alpha_is_recomputed_from_the_coders_files():
    a, b = _read("coder_a.csv"), _read("coder_b.csv")
    keep = ["ref_id", *LABELS[:-1]]
    got = agreement([a[keep].rename(columns={"ref_id": "unit_id"}), b[keep].rename(columns={"ref_id": "unit_id"})],
                    names=["A", "B"], unit="unit_id").set_index("label")
    saved = pd.read_csv(FOLDER / "agreement.csv").set_index("label")
    assert set(saved.index) == set(got.index) | {"own_words"}
    pd.testing.assert_series_equal(got["alpha"].round(4), saved.loc[got.index, "alpha"].round(4), check_names=False)


def test_every_reference_hydrates_from_the_datasets(datasets_dir, labels):
    with warnings.catch_warnings():
        warnings.simplefilter("error")       # not one reference may be dropped
        ev = load_real_eval(datasets_dir)
    assert len(ev) == len(labels)
    assert (ev["text"].map(span_hash) == ev["sha256_16"]).all()


def _merge_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("rl_merge", FOLDER / "sampling" / "merge.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_agreement_csv_is_what_the_merge_script_writes_own_words_included():
    merge = _merge_script()
    got = merge.agreement_table(_read("coder_a.csv"), _read("coder_b.csv"), STANCE)
    saved = pd.read_csv(FOLDER / "agreement.csv", keep_default_na=False)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), saved, check_dtype=False)


def test_the_merge_script_refuses_unadjudicated_disagreements():
    merge = _merge_script()
    a = pd.DataFrame({"ref_id": ["x1"], "frames": ["blame"], **{c: ["none"] for c in STANCE}, "own_words": ["yes"]})
    b = a.assign(frames="", stance_sanctions="favor")
    adj = pd.DataFrame({"ref_id": ["x1"], "label": ["frame:blame"], "coder_a": ["true"], "coder_b": ["false"],
                        "final": ["false"], "reason": ["r"]})
    frames = ["diplomacy", "blame"]
    with pytest.raises(SystemExit, match="stance_sanctions"):
        merge.final_labels(a, b, adj, frames, STANCE)
    adj.loc[1] = ["x1", "stance_sanctions", "none", "favor", "favor", "r"]
    out = merge.final_labels(a, b, adj, frames, STANCE)
    assert out.loc[0, "frames"] == "" and out.loc[0, "stance_sanctions"] == "favor"
    assert out.loc[0, "adjudicated"] == "frame:blame;stance_sanctions"
    adj.loc[2] = ["x1", "own_words", "yes", "yes", "yes", "r"]
    with pytest.raises(SystemExit, match="agree on"):
        merge.final_labels(a, b, adj, frames, STANCE)


def test_the_merge_script_refuses_a_reason_long_enough_to_hold_a_sentence():
    """Found in stop 38: three round-17 reasons ran past the 200 characters the committed log allows; the merge
    now stops and names the row, before anything is written."""
    merge = _merge_script()
    a = pd.DataFrame({"ref_id": ["x1"], "frames": ["blame"], **{c: ["none"] for c in STANCE}, "own_words": ["yes"]})
    adj = pd.DataFrame({"ref_id": ["x1"], "label": ["frame:blame"], "coder_a": ["true"], "coder_b": ["false"],
                        "final": ["true"], "reason": ["r" * (merge.MAX_REASON + 1)]})
    with pytest.raises(SystemExit, match=r"x1 frame:blame: the adjudication reason has 201 characters"):
        merge.final_labels(a, a.assign(frames=""), adj, ["diplomacy", "blame"], STANCE)
    out = merge.final_labels(a, a.assign(frames=""), adj.assign(reason="r" * merge.MAX_REASON), ["diplomacy", "blame"],
                             STANCE)
    assert out.loc[0, "frames"] == "blame"


def test_the_actor_drift_check_needs_the_datasets_and_says_where(tmp_path, monkeypatch, capsys):
    """``sampling/actor_drift.py`` (stop 42) reads the datasets to extract them again: without them, a clear error
    that names the folder and the fix (STANCEMAP_DATA), exit status 2, before anything is loaded."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("rl_actor_drift", FOLDER / "sampling" / "actor_drift.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setenv("STANCEMAP_DATA", str(tmp_path / "absent"))
    assert mod.main([]) == 2
    err = capsys.readouterr().err
    assert str(tmp_path / "absent") in err and "STANCEMAP_DATA" in err


def test_a_recoded_sentence_keeps_its_reference_and_what_it_replaced_is_kept(labels):
    """Rounds 26 and 27 (stop 43), 29 (stop 48), 31 (stop 49) and 32 (stop 50) coded again the sentences whose speaker or actor
    the extractor changed since they were drawn (``merge.py --recode``): one row each still, the coders' rows carry the new round, and
    ``superseded.csv`` holds every value replaced, the old actor among them."""
    recoded = labels[labels["note"].str.contains("recoded in round (2[679]|3[12])", regex=True)]
    assert len(recoded) == 34 + 7 + 5 + 3 + 1
    a = _read("coder_a.csv").set_index("ref_id")
    assert set(a.loc[recoded["ref_id"], "round"]) == {"26", "27", "29", "31", "32"}
    assert set(recoded["codebook_version"]) == {"1.22.0", "1.23.0", "1.24.0", "1.25.0", "1.26.0"}
    # round 29: the White House's praise-page quotations of others and a regional head (actor_drift.py, stop 47)
    r29 = recoded[recoded["note"].str.contains("recoded in round 29")]
    assert set(r29["actor"]) == {"unattributed"} and set(r29["own_words"]) == {"yes"}
    # round 31: former office-holders quoted out of office (``in_office:`` of corpora/actors.yaml), same speakers
    r31 = recoded[recoded["note"].str.contains("recoded in round 31")].set_index("ref_id")
    assert set(r31["actor"]) == {"unattributed"}
    assert r31["speaker"].to_dict() == {"s12170": "Donald Trump", "s15581": "Angela Merkel", "s17460": "Joe Biden"}
    # round 32: a sentence of Sullivan's own statement that had carried on Putin's reported words (stop 50)
    r32 = recoded[recoded["note"].str.contains("recoded in round 32")].set_index("ref_id")
    assert r32[["actor", "speaker", "own_words"]].to_dict("index") == {
        "s6874": {"actor": "us", "speaker": "Jake Sullivan", "own_words": "yes"}}
    assert "was russia (Vladimir Putin)" in r32.at["s6874", "note"]
    old = _read("superseded.csv")
    assert set(old["recoded_in"]) == {"26", "27", "29", "31", "32"} and set(old["ref_id"]) == set(recoded["ref_id"])
    was = old[(old["file"] == "labels.csv") & (old["label"] == "actor")].set_index("ref_id")["value"]
    for r in recoded.itertuples():
        assert f"was {was[r.ref_id]} (" in r.note
    adj = _read("adjudication.csv")
    assert not set(old.loc[old["file"] == "adjudication.csv", "ref_id"]) - set(labels["ref_id"])
    assert adj.merge(old[old["file"] == "adjudication.csv"], on=["ref_id", "label", "reason"]).empty


def test_the_recode_merge_refuses_new_sentences_and_a_wrong_round(tmp_path):
    merge = _merge_script()
    d = tmp_path / "round"
    d.mkdir()
    pd.DataFrame({"ref_id": ["x-new"], "actor": ["us"], "speaker": ["X"]}).to_csv(d / "refs.csv", index=False)
    coded = pd.DataFrame({"ref_id": ["x-new"], "round": ["9"], "frames": [""], **{c: ["none"] for c in STANCE},
                          "own_words": ["yes"]})
    for n in ("coder_a.csv", "coder_b.csv"):
        coded.to_csv(d / n, index=False)
    pd.DataFrame(columns=["ref_id", "label", "coder_a", "coder_b", "final", "reason"]).to_csv(
        d / "adjudication.csv", index=False)
    with pytest.raises(SystemExit, match="not in labels.csv .*merge new sentences without --recode"):
        merge.recode(d, 9, "1.0.0", ["diplomacy"], STANCE)
    first = _read("labels.csv")["ref_id"].iloc[0]
    for n in ("refs.csv", "coder_a.csv", "coder_b.csv"):
        t = pd.read_csv(d / n, dtype=str, keep_default_na=False).assign(ref_id=first)
        t.to_csv(d / n, index=False)
    with pytest.raises(SystemExit, match="round 8 .*--recode 8"):
        merge.recode(d, 8, "1.0.0", ["diplomacy"], STANCE)
    pd.DataFrame({"ref_id": [first], "actor": ["mars"], "speaker": ["X"]}).to_csv(d / "refs.csv", index=False)
    with pytest.raises(SystemExit, match="'mars' is not one of europe, russia, ukraine, us, unattributed"):
        merge.recode(d, 9, "1.0.0", ["diplomacy"], STANCE)


def test_the_actor_drift_check_compares_same_and_moved_spans(monkeypatch):
    """``actor_drift.drift`` (stop 43): a label whose span is still a statement but another actor's is drifted; one
    whose span is now cut otherwise is compared with the statements that lie mostly inside it, and listed with
    ``span`` = moved; a span still the stored actor's is neither. Constructed document and statements."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("rl_actor_drift2", FOLDER / "sampling" / "actor_drift.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    docs = pd.DataFrame({"doc_id": ["d1"]})
    monkeypatch.setattr(mod, "load_dataset", lambda ds, root: docs)
    monkeypatch.setattr(mod, "record_locations", lambda ds, d, root: [("f.txt", "file", "f.txt", "text", 5)])
    monkeypatch.setattr(mod, "extract", lambda d: pd.DataFrame({
        "doc_id": ["d1"] * 4, "raw_start": [0, 20, 40, 60], "raw_end": [20, 40, 60, 80],
        "actor": ["north", "unattributed", "north", "north"], "speaker": ["Quill", "Lena Voss", "Quill", "Quill"]}))
    # offsets: a label's char_start - 5 is the statement's raw_start
    labels = pd.DataFrame({"ref_id": ["a", "b", "c", "d"], "dataset": "x", "file": "f.txt", "doc_key": "f.txt",
                           "char_start": [5, 25, 45, 25], "char_end": [25, 45, 85, 65], "split": "train",
                           "actor": ["north", "north", "north", "south"], "speaker": ["Quill", "Quill", "Quill", "Oduya"]})
    listing: list = []
    got = mod.drift(labels, "root", listing)["x"]
    assert (got["labels"], got["actor_drifted"], got["span_moved"], got["span_moved_other_actor"]) == (4, 1, 2, 1)
    assert [(r["ref_id"], r["span"], r["actor"], r["speaker"]) for r in listing] == [
        ("b", "same", "unattributed", "Lena Voss"), ("d", "moved", "north; unattributed", "Quill; Lena Voss")]


def test_the_actor_drift_list_is_written_with_references_only(tmp_path, monkeypatch, capsys):
    """``actor_drift.py --list F`` (stop 43, the README's command for a re-coding round's start): one row per drifted
    label, references and actors only, no text; the JSON line still printed."""
    import importlib.util
    import json

    spec = importlib.util.spec_from_file_location("rl_actor_drift3", FOLDER / "sampling" / "actor_drift.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)

    def fake_drift(labels, root, listing=None):
        listing.append({"ref_id": "s1", "dataset": "x", "part": "train", "span": "same", "stored_actor": "russia",
                        "stored_speaker": "Kremlin", "actor": "unattributed", "speaker": "Lena Voss"})
        return {"x": {"labels": len(labels), "span_moved": 0, "actor_drifted": 1, "span_moved_other_actor": 0}}

    monkeypatch.setattr(mod, "drift", fake_drift)
    monkeypatch.setenv("STANCEMAP_DATA", str(tmp_path))
    out = tmp_path / "drift.csv"
    assert mod.main(["--list", str(out)]) == 0
    got = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(got.columns) == ["ref_id", "dataset", "part", "span", "stored_actor", "stored_speaker", "actor",
                                 "speaker"]
    assert got.loc[0, "speaker"] == "Lena Voss" and len(got) == 1
    assert json.loads(capsys.readouterr().out)["actor_drifted"] == 1
    assert not list(tmp_path.glob(".*.tmp"))
