"""Tests for stancemap.external and the three external benchmarks.

The real corpora are not redistributable; the fixtures in
tests/fixtures/external are constructed (see make_fixtures.py there) and carry
the byte quirks of the real files. The scripts are run end to end with the
project's Python.
"""
from __future__ import annotations

import codecs
import importlib.util
import json
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stancemap.errors import StancemapError
from stancemap.external import (FRAMES_2023, RUW_COLUMNS, SEMEVAL2016_COLUMNS, SEMEVAL2023_COLUMNS, decide,
                                decode_bytes, frame_indicators, json_option, load_ruw, load_semeval2016,
                                load_semeval2023_frames, read_ruw, read_semeval2016, read_semeval2023_labels,
                                select_stance_config, semeval_f_avg, stance_benchmark, stance_config,
                                stance_folds, stance_probabilities, stance_scores, target_marker)

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures" / "external"
PYTHON = ROOT / ".venv" / "bin" / "python"
PY = str(PYTHON if PYTHON.exists() else sys.executable)
SMALL_GRID = '{"mode": ["per_target", "joint"], "C": [0.3], "none_weight": [1.0, 0.8]}'


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def quiet(fn, *a, **k):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*a, **k)


# -- the end-to-end runs start first and run side by side -----------------------

RUNS = {
    "semeval": ["stance_semeval2016.py", "--data", str(FIX / "semeval2016"), "--folds", "2", "--grid", SMALL_GRID],
    "ruw": ["stance_ruw.py", "--data", str(FIX / "ruw"), "--config", '{"mode": "joint", "C": 0.3}'],
    "frames": ["frames_semeval2023.py", "--data", str(FIX / "semeval2023"), "--folds", "2", "--inner-folds", "2",
               "--grid", '{"C": [0.5], "threshold": [0.3, 0.5]}'],
}


@pytest.fixture(scope="module", autouse=True)
def _started(request, tmp_path_factory):
    """Start the end-to-end runs when the module starts, so they overlap the in-process tests;
    skipped when no selected test needs them. Unfinished runs are stopped at the end."""
    if not any("runs" in getattr(item, "fixturenames", ()) for item in request.session.items
               if item.module is request.module):
        yield None
        return
    guess = tmp_path_factory.mktemp("guess") / "guess.txt"
    procs = {}
    for name, argv in RUNS.items():
        extra = ["--predictions", str(guess)] if name == "semeval" else []
        procs[name] = subprocess.Popen([PY, str(ROOT / "benchmarks" / argv[0]), *argv[1:], *extra],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    yield procs, guess
    for p in procs.values():
        if p.poll() is None:
            p.kill()
            p.communicate()


@pytest.fixture(scope="module")
def runs(_started):
    procs, guess = _started
    out = {}
    for name, p in procs.items():
        stdout, stderr = p.communicate(timeout=300)
        out[name] = (p.returncode, stdout, stderr)
    out["guess"] = guess
    return out


def result(runs, name) -> dict:
    code, stdout, stderr = runs[name]
    assert code == 0, stderr
    lines = stdout.strip().splitlines()
    assert len(lines) == 1, stdout
    return json.loads(lines[0])


# -- decoding -------------------------------------------------------------------

def test_utf8_with_bom_is_utf8_and_the_bom_is_dropped():
    text, info = decode_bytes(codecs.BOM_UTF8 + "a “b” é\n".encode())
    assert text == "a “b” é\n" and info["encoding"] == "utf-8" and info["bom"]


def test_cp1252_bytes_inside_utf8_text_decode_per_byte():
    raw = "Café ".encode() + b"can\x92t \x93wait\x94 \x96 now\x85\r\n" + "ok ’\r\n".encode()
    text, info = decode_bytes(raw)
    assert text == "Café can’t “wait” – now…\r\nok ’\r\n"
    assert info["legacy"] == "cp1252" and info["lines_not_utf8"] == 1


def test_latin1_text_decodes_and_undefined_cp1252_bytes_fall_back_to_latin1():
    text, _ = decode_bytes(b"caf\xe9 r\xe9silience \x81\n")
    assert text == "café résilience \x81\n"


def test_gb18030_punctuation_is_detected():
    raw = "Russia’s army… – “quoted”\nplain ascii\n".encode("gb18030")
    text, info = decode_bytes(raw)
    assert text == "Russia’s army… – “quoted”\nplain ascii\n" and info["legacy"] == "gb18030"
    # the same bytes read as latin-1 would be mojibake
    assert raw.decode("latin-1").startswith("Russia¡¯s")


def test_utf16_and_explicit_encodings():
    assert decode_bytes("x’\n".encode("utf-16"))[0] == "x’\n"
    assert decode_bytes(b"caf\xe9", "latin-1")[0] == "café"
    with pytest.raises(StancemapError, match=r"not valid utf-8.*offset 3.*--encoding auto"):
        decode_bytes(b"caf\xe9", "utf-8", name="File 'x.txt'")
    with pytest.raises(StancemapError, match="Unknown encoding 'klingon'"):
        decode_bytes(b"x", "klingon")


# -- SemEval-2016 -----------------------------------------------------------------

@pytest.fixture(scope="module")
def semeval():
    return quiet(load_semeval2016, FIX / "semeval2016")


def test_semeval2016_fixture_loads_with_quirks_decoded(semeval):
    assert list(semeval.columns) == SEMEVAL2016_COLUMNS
    assert semeval["split"].value_counts().to_dict() == {"train": 18, "test": 12}
    assert set(semeval["stance"]) == {"favor", "against", "none"}
    assert set(semeval["target"]) == {"Atheism", "Climate Change is a Real Concern"}
    txt = dict(zip(semeval["id"], semeval["text"]))
    assert txt["102"] == "Morality doesn’t need a holy book, it needs empathy. #SemST"
    assert txt["105"] == "“Pray without ceasing” – my rule for today #blessed #SemST"
    assert txt["108"] == "Café opening next week on Harbour Street, can’t wait #SemST"   # UTF-8 é + cp1252 ’
    assert txt["106"].startswith('"Faith moves')                                            # a lone quote, kept
    assert txt["10002"] == "Religion isn’t needed to be a kind person… #humanism #SemST"
    assert not semeval["text"].str.contains("\r").any()
    assert semeval["id"].iloc[18] == "10001"                                                # BOM not in the ID
    assert semeval.loc[semeval["id"] == "101", "sentiment"].item() == "pos"
    assert semeval.loc[semeval["id"] == "101", "opinion_towards"].item().startswith("1.")
    assert semeval.attrs["decoding"]["testdata-taskA-all-annotations.txt"]["bom"]


def _write(path: Path, text: str, encoding="utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


HEAD16 = "ID\tTarget\tTweet\tStance\tOpinion towards\tSentiment\r\n"


def test_semeval2016_bad_header_names_the_file_and_the_expected_columns(tmp_path):
    p = _write(tmp_path / "train.txt", "ID,Target,Tweet,Stance\r\n1,Atheism,x,FAVOR\r\n")
    with pytest.raises(StancemapError, match=r"train\.txt.*ID, Target, Tweet, Stance.*comma-separated"):
        read_semeval2016(p)


def test_semeval2016_unknown_stance_lists_the_valid_ones(tmp_path):
    p = _write(tmp_path / "t.txt", HEAD16 + "1\tAtheism\tx\tPOSITIVE\t1.\tpos\r\n")
    with pytest.raises(StancemapError,
                       match=r"'POSITIVE' in '.*t\.txt' line 2\. Valid: FAVOR, AGAINST, NONE\. Correct"):
        read_semeval2016(p)
    q = _write(tmp_path / "u.txt", HEAD16 + "1\tAtheism\tx\tUNKNOWN\t1.\tpos\r\n")
    with pytest.raises(StancemapError, match="all-annotations"):
        read_semeval2016(q)


def test_semeval2016_short_lines_fail_and_tabs_in_tweets_are_rejoined(tmp_path):
    p = _write(tmp_path / "t.txt", HEAD16 + "1\tAtheism\r\n")
    with pytest.raises(StancemapError, match=r"line 2 has 2 tab-separated field"):
        read_semeval2016(p)
    q = _write(tmp_path / "q.txt", HEAD16 + "7\tAtheism\tone\ttwo\tNONE\t3.\tother\r\n"
                                            "8\tAtheism\tno trailing columns\tAGAINST\r\n")
    df = read_semeval2016(q)
    assert df["text"].tolist() == ["one\ttwo", "no trailing columns"]
    assert df["stance"].tolist() == ["none", "against"] and df["sentiment"].tolist() == ["other", ""]


# -- RUW ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ruw():
    return quiet(load_ruw, FIX / "ruw")


def test_ruw_fixture_expands_to_one_row_per_tweet_and_target(ruw):
    assert list(ruw.columns) == RUW_COLUMNS
    assert ruw.attrs["tweets"] == {"train": 14, "val": 4, "test": 6}
    # 14 + 4 + 6 tweets; 2 + 1 + 1 of them have only one target
    assert ruw["split"].value_counts().to_dict() == {"train": 25, "test": 11, "val": 7}
    assert set(ruw["target"]) == {"Russia", "Ukraine"}
    assert ruw.groupby("tweet_id").size().max() == 2
    two = ruw[ruw["tweet_id"] == "train-00001"]
    assert two[["target", "stance", "pair"]].values.tolist() == [["Russia", "against", 1], ["Ukraine", "favor", 2]]
    assert ruw[ruw["tweet_id"] == "train-00002"]["target"].tolist() == ["Ukraine"]
    assert set(ruw["split_label"]) == {"Train", "Dev", "Test"}


def test_ruw_fixture_quirks_decoded(ruw):
    txt = dict(zip(ruw["tweet_id"], ruw["text"]))
    assert txt["train-00001"] == "Russia must withdraw its troops and respect Ukraine’s borders."     # cp1252 0x92
    assert txt["train-00006"] == "Café owners in Kyiv reopened today, what résilience!"               # latin-1
    assert txt["train-00005"] == "Breaking:\nnew talks between Russia and Ukraine scheduled for next week"
    assert txt["train-00009"].startswith('He said "peace now", and I agree')                         # "" and ,
    assert txt["val-00001"] == "Standing with Ukraine \U0001F499\U0001F49B today and every day"        # UTF-8
    assert txt["test-00002"] == "Ukraine’s leaders – not Russia – are to blame for the war"          # GB 18030
    assert txt["test-00001"].endswith("now…")
    dec = ruw.attrs["decoding"]
    assert dec["raw_test_Russia_Ukraine.csv"]["legacy"] == "gb18030"
    assert dec["raw_train_Russia_Ukraine.csv"]["legacy"] == "cp1252"
    assert dec["raw_val_Russia_Ukraine.csv"]["bom"]


HEADR = "Tweet,Target 1,Stance 1,Target 2,Stance 2,Test/Train/Dev\n"


def test_ruw_malformed_input(tmp_path):
    p = _write(tmp_path / "a.csv", "Tweet,Target,Stance\nx,Russia,FAVOR\n")
    with pytest.raises(StancemapError, match=r"a\.csv.*Target 1, Stance 1, Target 2, Stance 2 missing"):
        read_ruw(p)
    q = _write(tmp_path / "b.csv", HEADR + "x,Russia,FAVOUR,Ukraine,PRO,Train\n")
    with pytest.raises(StancemapError,
                       match=r"'PRO' in '.*b\.csv' data row 1 \(column 'Stance 2'\)\. Valid: FAVOR, AGAINST, NONE"):
        read_ruw(q)


def test_ruw_unquoted_commas_and_half_pairs_warn(tmp_path):
    p = _write(tmp_path / "c.csv", HEADR + "one, two, three,russia,against,,,Train\n"
                                          "only a target,Ukraine,,Russia,NONE,Train\n", "latin-1")
    with pytest.warns(UserWarning) as rec:
        df = read_ruw(p, "train")
    msgs = " ".join(str(w.message) for w in rec)
    assert "joined back" in msgs and "skipped 1 (target, stance) pair" in msgs
    assert df["text"].tolist() == ["one, two, three", "only a target"]
    assert df["target"].tolist() == ["Russia", "Russia"] and df["stance"].tolist() == ["against", "none"]
    assert df["tweet_id"].tolist() == ["train-00001", "train-00002"]


# -- SemEval-2023 --------------------------------------------------------------------

@pytest.fixture(scope="module")
def frames():
    return quiet(load_semeval2023_frames, FIX / "semeval2023")


def test_semeval2023_fixture_loads_articles_and_multilabels(frames):
    assert list(frames.columns) == SEMEVAL2023_COLUMNS
    assert len(frames) == 12 and frames["article_id"].iloc[0] == "7100001"
    row = frames.set_index("article_id")
    assert row.loc["7100001", "title"] == "Velmar raises fuel duty to close budget gap"      # BOM dropped
    assert row.loc["7100007", "title"] == "Neighbours condemn Velmar’s election law"        # cp1252 0x92
    assert row.loc["7100004", "body"].startswith("Hospitals across Velmar")                 # no blank line
    assert "\r" not in "".join(frames["text"])
    assert row.loc["7100006", "frames"] == "Security_and_defense;Health_and_safety;Quality_of_life"  # variant name
    assert row.loc["7100003", "n_frames"] == 3
    assert row.loc["7100009", "text"] == row.loc["7100009", "title"] + "\n\n" + row.loc["7100009", "body"]
    Y = frame_indicators(frames["frames"])
    assert Y.shape == (12, 14) and Y.sum() == frames["n_frames"].sum() == 29
    assert Y[:, FRAMES_2023.index("Political")].sum() == 5


def test_semeval2023_labels_errors_and_warnings(tmp_path):
    arts = tmp_path / "train-articles-subtask-2"
    arts.mkdir()
    (arts / "article1.txt").write_text("Title\n\nBody.\n", encoding="utf-8")
    (arts / "article3.txt").write_text("Unlabelled\n\nBody.\n", encoding="utf-8")
    lab = _write(tmp_path / "train-labels-subtask-2.txt", "1\tEconomic,Politics\n")
    with pytest.raises(StancemapError, match=r"'Politics'.*line 1.*Valid: Economic.*Did you mean 'Political'"):
        read_semeval2023_labels(lab)
    _write(lab, "1\tEconomic, political\n2\tMorality\n")
    with pytest.warns(UserWarning) as rec:
        df = load_semeval2023_frames(tmp_path)
    msgs = " ".join(str(w.message) for w in rec)
    assert "1 labelled article(s) have no file" in msgs and "article3.txt" in msgs
    assert df["frames"].tolist() == ["Economic;Political"]
    en = tmp_path / "parent"
    (en / "en").mkdir(parents=True)
    (en / "en" / "train-labels-subtask-2.txt").write_text("1\tEconomic\n")
    with pytest.raises(StancemapError, match=r"pass --data .*en"):
        load_semeval2023_frames(en)


# -- metrics ----------------------------------------------------------------------------

def test_f_avg_by_hand():
    gold = ["favor", "favor", "favor", "against", "against", "none", "none", "none"]
    pred = ["favor", "favor", "against", "against", "none", "favor", "none", "none"]
    s = semeval_f_avg(gold, pred)
    # favor: 2 right of 3 predicted, of 3 gold -> P = R = F = 2/3; against: 1 of 2, of 2 -> 1/2
    assert s["f_favor"] == pytest.approx(2 / 3) and s["f_against"] == pytest.approx(1 / 2)
    assert s["f_avg"] == pytest.approx(7 / 12)
    assert s["p_against"] == pytest.approx(0.5) and s["r_favor"] == pytest.approx(2 / 3)
    # nothing predicted favor: F1_favor = 0 (empty denominator), not undefined
    assert semeval_f_avg(["favor", "against"], ["none", "against"])["f_avg"] == pytest.approx(0.5)


def test_f_avg_is_micro_across_targets_not_the_mean_of_targets():
    # target A: 4 tweets, all favor, all right (F_avg 0.5: against has F1 0)
    # target B: 2 tweets, against/favor, predicted favor/favor
    gold = ["favor"] * 4 + ["against", "favor"]
    pred = ["favor"] * 4 + ["favor", "favor"]
    micro = semeval_f_avg(gold, pred)["f_avg"]
    # favor: tp 5, predicted 6, gold 5 -> P 5/6, R 1 -> F 10/11; against: 0
    assert micro == pytest.approx((10 / 11) / 2)
    mean_of_targets = (semeval_f_avg(gold[:4], pred[:4])["f_avg"] + semeval_f_avg(gold[4:], pred[4:])["f_avg"]) / 2
    assert micro != pytest.approx(mean_of_targets)
    sc = stance_scores(gold, pred)
    assert sc["f_avg"] == round(micro, 4) and sc["per_label"]["favor"]["precision"] == round(5 / 6, 4)
    with pytest.raises(StancemapError, match="pair up"):
        semeval_f_avg(["favor"], [])


def test_decide_none_weight_moves_borderline_cases_to_a_stance():
    p = np.array([[0.30, 0.25, 0.45], [0.10, 0.05, 0.85]])
    assert decide(p, 1.0).tolist() == ["none", "none"]
    assert decide(p, 0.6).tolist() == ["favor", "none"]


def test_stance_config_and_json_option_validate():
    assert stance_config({"word_ngrams": [1, 3]})["word_ngrams"] == (1, 3)
    with pytest.raises(StancemapError, match="Unknown stance configuration key 'Cee'"):
        stance_config({"Cee": 1})
    with pytest.raises(StancemapError, match="Unknown mode"):
        stance_config({"mode": "pooled"})
    with pytest.raises(StancemapError, match="not valid JSON"):
        json_option("{C: 1}", "config")
    assert json_option(None, "grid") is None
    assert target_marker("Climate Change is a Real Concern") == "zztargetclimatechangeisarealconcern"


# -- models on the fixture ---------------------------------------------------------------

def test_stance_probabilities_per_target_and_joint(semeval):
    train, test = semeval[semeval["split"] == "train"], semeval[semeval["split"] == "test"]
    per, joint = stance_probabilities(train, test, [{"mode": "per_target"}, {"mode": "joint"}])
    for p in (per, joint):
        assert p.shape == (12, 3) and np.allclose(p.sum(axis=1), 1.0)
    assert not np.allclose(per, joint)
    other = test.assign(target="Feminist Movement")
    with pytest.raises(StancemapError, match="'Feminist Movement' have no training tweet"):
        stance_probabilities(train, other, [{"mode": "per_target"}])


def test_benchmark_probabilities_are_the_shipped_classifiers(semeval, frames):
    """The benchmarks call the shipped pipeline: same numbers as StanceClassifier.fit /
    FrameClassifier.fit followed by predict_proba."""
    from stancemap.models import FrameClassifier, StanceClassifier

    train, test = semeval[semeval["split"] == "train"], semeval[semeval["split"] == "test"].reset_index(drop=True)
    got = stance_probabilities(train, test, [{"mode": "per_target", "C": 0.3, "word_ngrams": [1, 3]}])[0]
    want = np.zeros_like(got)
    for t in sorted(set(test["target"])):
        m = (test["target"] == t).to_numpy()
        tr = train[train["target"] == t]
        clf = quiet(StanceClassifier(C=0.3, word_ngrams=(1, 3), cues=None).fit, tr["text"], tr["stance"])
        for j, lab in enumerate(clf.classes_):
            want[m, ["favor", "against", "none"].index(lab)] = clf.predict_proba(test["text"][m])[:, j]
    assert np.allclose(got, want, atol=1e-12)

    bench = _load("frames_semeval2023")
    texts, Y = frames["text"].tolist(), frame_indicators(frames["frames"])
    tr, te = np.arange(8), np.arange(8, 12)
    cfg = bench.config_with({"C": 0.5, "min_df": 1})
    got = quiet(bench.fit_predict, texts, Y, tr, te, [cfg], list(FRAMES_2023), 0)[0][0]
    clf = quiet(FrameClassifier(labels=list(FRAMES_2023), C=0.5, min_df=1, char_ngrams=(3, 5), cues=None).fit,
                texts[:8], Y[:8])
    assert np.allclose(got, clf.predict_proba(texts[8:]), atol=1e-12)


def test_selection_uses_training_folds_only_and_is_deterministic(semeval):
    train = semeval[semeval["split"] == "train"]
    grid = {"mode": ["per_target", "joint"], "C": [0.3], "none_weight": [1.0, 0.8]}
    best, table = select_stance_config(train, grid, folds=2)
    best2, table2 = select_stance_config(train, grid, folds=2)
    assert best == best2 and table.equals(table2)
    assert len(table) == 4 and table["cv_f_avg"].is_monotonic_decreasing
    assert best["mode"] == table["mode"].iloc[0] and best["none_weight"] == table["none_weight"].iloc[0]
    folds = stance_folds(train, 3)
    assert sorted(np.concatenate([te for _, te in folds]).tolist()) == list(range(len(train)))
    with pytest.raises(StancemapError, match="Too few training tweets"):
        stance_folds(train, 7)


def test_stance_benchmark_with_a_fixed_configuration(ruw):
    train, test = ruw[ruw["split"] != "test"], ruw[ruw["split"] == "test"]
    r = stance_benchmark(train, test, config={"C": 0.3})
    assert r["selection"]["folds"] is None and r["configuration"]["C"] == 0.3
    assert set(r["per_target"]) == {"Russia", "Ukraine"} and len(r["predictions"]) == len(test)
    assert r["metrics"]["f_avg"] == round(semeval_f_avg(test["stance"], r["predictions"])["f_avg"], 4)


# -- scripts end to end ---------------------------------------------------------------

def test_semeval2016_script(runs):
    out = result(runs, "semeval")
    assert out["benchmark"] == "stance_semeval2016"
    assert out["n"] == {"train": 18, "test": 12, "targets": 2}
    for k in ("f_avg", "f_favor", "f_against", "macro_f1"):
        assert 0.0 <= out["metrics"][k] <= 1.0
    assert set(out["per_target"]) == {"Atheism", "Climate Change is a Real Concern"}
    assert out["selection"]["candidates"] == 4 and out["configuration"]["mode"] in ("per_target", "joint")
    assert out["reference"]["organisers_svm_word_char_ngrams"] == 0.6898
    assert "seconds" in out and "decoding" in out
    lines = runs["guess"].read_text(encoding="utf-8").splitlines()
    assert lines[0] == "ID\tTarget\tTweet\tStance" and len(lines) == 13
    assert {ln.split("\t")[3] for ln in lines[1:]} <= {"FAVOR", "AGAINST", "NONE"}


def test_ruw_script(runs):
    out = result(runs, "ruw")
    assert out["benchmark"] == "stance_ruw"
    assert out["n"]["train"] == 32 and out["n"]["test"] == 11 and out["n"]["test_tweets"] == 6
    assert set(out["per_target"]) == {"Russia", "Ukraine"}
    for t in out["per_target"].values():
        assert {"macro_f1", "f_avg", "n"} <= set(t)
    assert out["decoding"]["raw_test_Russia_Ukraine.csv"]["legacy"] == "gb18030"


def test_frames_script_with_nested_selection(runs):
    out = result(runs, "frames")
    assert out["benchmark"] == "frames_semeval2023" and out["n"]["articles"] == 12
    assert 0.0 <= out["metrics"]["micro_f1"] <= 1.0 and 0.0 <= out["metrics"]["macro_f1"] <= 1.0
    assert set(out["per_frame"]) == set(FRAMES_2023) and len(out["per_fold"]) == 2
    assert all(f["threshold"] in (0.3, 0.5) and f["inner_micro_f1"] is not None for f in out["per_fold"])
    assert sum(f["n_test"] for f in out["per_fold"]) == 12
    assert out["configuration"]["threshold"].startswith("chosen in each fold")
    assert "micro_f1" in out["baseline_ovr_linear_svm"]
    p = 29 / (12 * 14)  # positive (article, frame) cells of the fixture
    assert out["floor_every_frame_micro_f1"] == round(2 * p / (1 + p), 4)


def test_frames_script_with_a_fixed_configuration(capsys):
    mod = _load("frames_semeval2023")
    code = mod.main(["--data", str(FIX / "semeval2023"), "--folds", "2",
                     "--config", '{"C": 0.5, "threshold": 0.4, "min_df": 1}'])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    out = json.loads(captured.out)
    assert out["configuration"]["threshold"] == 0.4 and out["configuration"]["selected_in_each_fold"] is None
    assert all(f["inner_micro_f1"] is None and f["threshold"] == 0.4 for f in out["per_fold"])
    # the micro-F1 is the one of the out-of-fold decisions, recomputed from per-frame counts
    tp = sum(v["recall"] * v["support"] for v in out["per_frame"].values() if v["support"])
    pred = sum(v["predicted"] for v in out["per_frame"].values())
    gold = sum(v["support"] for v in out["per_frame"].values())
    assert out["metrics"]["micro_f1"] == pytest.approx(2 * tp / (pred + gold), abs=1e-3)


@pytest.mark.parametrize("name,files", [("stance_semeval2016", "trainingdata-all-annotations.txt"),
                                        ("stance_ruw", "raw_train_Russia_Ukraine.csv"),
                                        ("frames_semeval2023", "train-labels-subtask-2.txt")])
def test_scripts_fail_clearly_on_a_missing_folder_or_file(name, files, tmp_path, capsys):
    mod = _load(name)
    assert mod.main(["--data", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nope" in err and "does not exist" in err and "--data" in err
    assert mod.main(["--data", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert files in err and "not found" in err


def test_missing_files_point_to_a_subfolder_that_has_them(tmp_path):
    sub = tmp_path / "data-all-annotations"
    sub.mkdir()
    for name in ("trainingdata-all-annotations.txt", "testdata-taskA-all-annotations.txt"):
        (sub / name).write_bytes((FIX / "semeval2016" / name).read_bytes())
    with pytest.raises(StancemapError, match=r"not found.*Found: data-all-annotations\..*pass --data .*annotations"):
        load_semeval2016(tmp_path)
    assert len(quiet(load_semeval2016, sub)) == 30


def test_scripts_reject_bad_json_options(capsys):
    mod = _load("stance_semeval2016")
    assert mod.main(["--data", str(FIX / "semeval2016"), "--config", "{C: 1}"]) == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_committed_fixtures_match_their_generator():
    spec = importlib.util.spec_from_file_location("make_fixtures", FIX / "make_fixtures.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for rel, data in mod.files().items():
        assert (FIX / rel).read_bytes() == data, rel
    assert pd.Series(list(mod.files())).str.startswith(("semeval2016/", "ruw/", "semeval2023/")).all()
