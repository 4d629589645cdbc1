"""The model and validation commands: score, explain, sample, agreement, train, evaluate, model."""
from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from stancemap.cli import main
from stancemap.modelstore import default_model

FIXTURES = Path(__file__).parent / "fixtures" / "models"
ROOT = Path(__file__).resolve().parents[1]
CODEBOOK = str(FIXTURES / "codebook.yaml")


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    """A tiny model trained through the CLI on the fictional fixture."""
    d = tmp_path_factory.mktemp("cli") / "model"
    assert main(["train", str(FIXTURES / "training.csv"), "--codebook", CODEBOOK, "--out", str(d),
                 "--folds", "3"]) == 0
    return d


@pytest.fixture(scope="session")
def bundled_model(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("STANCEMAP_CACHE", str(tmp_path_factory.mktemp("cache")))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = default_model()
    mp.undo()
    return m


@pytest.fixture
def statements_csv(tmp_path):
    p = tmp_path / "statements.csv"
    pd.DataFrame({"statement_id": ["a-01", "a-02", "a-03"], "actor": ["north", "south", "north"],
                  "text": ["We welcome the truce and will sign it.", "Stop the League aid now.",
                           "The toll costs hurt trade."], "date": ["2025-03-18", "", "2025-03-19"]}
                 ).to_csv(p, index=False)
    return p


def test_train_writes_model_and_card(model_dir):
    names = {p.name for p in model_dir.iterdir()}
    assert {"model.json", "MODEL_CARD.md", "codebook.yaml", "model.npz"} <= names
    assert not any(n.endswith((".pkl", ".pickle", ".joblib")) for n in names)
    card = (model_dir / "MODEL_CARD.md").read_text()
    assert "tiny-test-codebook" in card and "Cross-validated scores" in card and "3-fold" in card
    assert "| truce | 7 | 6 | 23 |" in card  # training counts per label
    assert "## Limits" in card and "English only" in card
    meta = json.loads((model_dir / "model.json").read_text())
    assert meta["metadata"]["crossval"]["summary"][0]["task"] == "frames"


def test_score_cli_carries_columns(tmp_path, model_dir, statements_csv, capsys):
    out = tmp_path / "scored.csv"
    assert main(["score", str(statements_csv), "--out", str(out), "--model", str(model_dir)]) == 0
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert df.columns[:4].tolist() == ["statement_id", "actor", "text", "date"]
    assert df["statement_id"].tolist() == ["a-01", "a-02", "a-03"] and df["date"].tolist()[1] == ""
    assert {"frame_talks", "frames", "stance_aid", "stance_aid_p", "tone", "cue_money"} <= set(df.columns)
    assert "Scored 3 statement(s)" in capsys.readouterr().err


def test_explain_cli(model_dir, capsys, tmp_path):
    assert main(["explain", "Stop the League aid now.", "--target", "aid", "--model", str(model_dir),
                 "--top", "3", "--out", str(tmp_path / "ex.csv")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("stance aid: ") and "contribution" in out
    assert len(pd.read_csv(tmp_path / "ex.csv")) == 3


def test_sample_then_agreement_cli(tmp_path, statements_csv, capsys):
    s = tmp_path / "sample.csv"
    assert main(["sample", str(statements_csv), "--n", "2", "--by", "actor", "--seed", "0",
                 "--codebook", CODEBOOK, "--out", str(s)]) == 0
    df = pd.read_csv(s, dtype=str, keep_default_na=False)
    assert len(df) == 2 and set(df["actor"]) == {"north", "south"}
    assert {"frame_talks", "stance_truce", "stance_aid", "coder"} <= set(df.columns)
    a, b = df.copy(), df.copy()
    a["frame_talks"], b["frame_talks"] = ["1", "0"], ["1", "1"]
    a["stance_truce"], b["stance_truce"] = ["favor", "none"], ["favor", "none"]
    a.to_csv(tmp_path / "ann.csv", index=False)
    b.to_csv(tmp_path / "bo.csv", index=False)
    capsys.readouterr()
    assert main(["agreement", str(tmp_path / "ann.csv"), str(tmp_path / "bo.csv"), "--codebook", CODEBOOK,
                 "--out", str(tmp_path / "alpha.csv")]) == 0
    out = capsys.readouterr().out
    assert "stance_truce" in out and "alpha" in out
    alpha = pd.read_csv(tmp_path / "alpha.csv").set_index("label")
    assert alpha.loc["stance_truce", "alpha"] == pytest.approx(1.0)
    assert alpha.loc["frame_talks", "n_units"] == 2


def test_evaluate_cli(tmp_path, model_dir, capsys):
    out = tmp_path / "ev.json"
    assert main(["evaluate", str(FIXTURES / "training.csv"), "--model", str(model_dir), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "macro_f1" in text and "Confusion matrices" in text and "truce" in text
    ev = json.loads(out.read_text())
    assert {r["task"] for r in ev["summary"]} == {"frames", "truce", "aid"}


def test_model_card_and_info_cli(tmp_path, model_dir, capsys):
    d = tmp_path / "copy"
    shutil.copytree(model_dir, d)
    (d / "MODEL_CARD.md").unlink()
    assert main(["model", "card", "--model", str(d)]) == 0
    assert (d / "MODEL_CARD.md").read_text() == (model_dir / "MODEL_CARD.md").read_text()  # deterministic
    assert main(["model", "info", "--model", str(d)]) == 0
    assert json.loads(capsys.readouterr().out)["codebook"]["name"] == "tiny-test-codebook"


def test_errors_are_clear(tmp_path, model_dir, capsys):
    bad = pd.read_csv(FIXTURES / "training.csv", dtype=str, keep_default_na=False)
    bad.loc[2, "stance_truce"] = "pro"
    bad.to_csv(tmp_path / "bad.csv", index=False)
    assert main(["train", str(tmp_path / "bad.csv"), "--codebook", CODEBOOK, "--out", str(tmp_path / "m")]) == 2
    err = capsys.readouterr().err
    assert "error:" in err and "'pro'" in err and "favor, against, none" in err
    assert main(["train", str(FIXTURES / "training.csv"), "--codebook", CODEBOOK, "--folds", "10",
                 "--out", str(tmp_path / "m2")]) == 2
    assert "needs at least 10 examples of every label" in capsys.readouterr().err
    assert main(["score", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "x.csv"),
                 "--model", str(model_dir)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["explain", "text", "--target", "truse", "--model", str(model_dir)]) == 2
    assert "Did you mean 'truce'?" in capsys.readouterr().err
    assert main(["evaluate", str(FIXTURES / "training.csv"), "--model", str(tmp_path / "none")]) == 2
    assert "model.json is missing" in capsys.readouterr().err


def test_score_cli_on_the_bundled_corpus(tmp_path, bundled_model, capsys):
    out = tmp_path / "scored.csv"
    src = ROOT / "corpora" / "ceasefire-2025-03" / "annotations" / "statements.csv"
    assert main(["score", str(src), "--out", str(out)]) == 0
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(df) == len(pd.read_csv(src)) and "stance_full_ceasefire" in df.columns


def test_train_from_a_coded_sample_plus_fixture(tmp_path, capsys):
    """Coders' sample files (frame_ columns, some rows uncoded) train together with a frames-column file."""
    coded = pd.DataFrame({"unit_id": ["1", "2", "3"],
                          "text": ["Sign the truce today.", "The League aid must go on.", "Not coded."],
                          "frame_talks": ["1", "", ""], "frame_fighting": ["", "1", ""], "frame_money": ["", "", ""],
                          "stance_truce": ["favor", "none", ""], "stance_aid": ["none", "favor", ""],
                          "coder": ["ann", "ann", ""]})
    coded.to_csv(tmp_path / "coded.csv", index=False)
    out = tmp_path / "m"
    assert main(["train", str(tmp_path / "coded.csv"), str(FIXTURES / "training.csv"), "--codebook", CODEBOOK,
                 "--folds", "3", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "1 of 3 rows of the labels file" in err and "Trained on 38 examples" in err
    meta = json.loads((out / "model.json").read_text())["metadata"]
    assert meta["n_examples"] == 38 and meta["stance_counts"]["truce"]["favor"] == 8


def test_model_clusters_writes_a_table_and_says_what_changed(tmp_path, monkeypatch, capsys):
    """`stancemap model clusters`: learning is replaced by a small table (the real one takes a minute
    and the six datasets); the command writes it with its .json and counts the changed clusters."""
    import numpy as np

    import stancemap.training as training
    from stancemap.word_clusters import WordClusters

    tables = iter([WordClusters(np.array([3, 9, 40]), np.array([0, 1, 1]), 2),
                   WordClusters(np.array([3, 9, 40]), np.array([0, 1, 0]), 2)])
    monkeypatch.setattr(training, "learn_bundled_clusters", lambda data_dir=None: next(tables))
    out = tmp_path / "wc" / "clusters.npz"
    assert main(["model", "clusters", "--out", str(out)]) == 0
    assert "Learned 3 stem columns in 2 clusters" in capsys.readouterr().err
    about = json.loads(out.with_suffix(".json").read_text())
    assert about["stems"] == 3 and "scikit-learn" in about["learned"] and about["settings"]["k"] == 256
    assert main(["model", "clusters", "--out", str(out)]) == 0
    assert "1 columns changed cluster (run `stancemap model build`" in capsys.readouterr().err
    assert training.load_cluster_table(out).ids.tolist() == [0, 1, 0]
    other = tmp_path / "other.npz"
    other.write_bytes(b"not a table")
    tables = iter([WordClusters(np.array([3]), np.array([1]), 2)])
    assert main(["model", "clusters", "--out", str(other)]) == 0  # replaced, nothing to compare
    assert training.load_cluster_table(other).ids.tolist() == [1]


def test_model_clusters_wants_an_npz(tmp_path, capsys):
    assert main(["model", "clusters", "--out", str(tmp_path / "t.csv")]) == 2
    err = capsys.readouterr().err
    assert "--out" in err and "a word-cluster table is a .npz file" in err and f"--out {tmp_path / 't.npz'}" in err


def test_model_build_runs_again_with_pinned_numerics(tmp_path, monkeypatch):
    """Stop 44: the stop-43 model was not rebuilt byte for byte on another machine, and two threads gave other
    bytes than one. `stancemap model build` in a process without the pins runs the build again in one with them."""
    import subprocess
    import sys

    from stancemap import build

    calls = []
    monkeypatch.setattr(build, "numerics_pinned", lambda: False)
    monkeypatch.setattr(subprocess, "run", lambda argv, env: calls.append((argv, env)) or
                        subprocess.CompletedProcess(argv, 3))
    assert main(["model", "build", "--out", str(tmp_path / "m"), "--folds", "0", "--seed", "2"]) == 3
    (argv, env), = calls
    assert argv == [sys.executable, "-m", "stancemap", "model", "build", "--folds", "0", "--seed", "2",
                    "--out", str(tmp_path / "m")]
    assert all(env[k] == v for k, v in build.pinned_numerics().items())
    assert env["OPENBLAS_NUM_THREADS"] == "1" and not (tmp_path / "m").exists()
    pinned = build.pinned_numerics()
    monkeypatch.setattr(build, "numerics_pinned", lambda: True)           # the child: it builds (here: refuses a file)
    (tmp_path / "file").write_text("x")
    assert main(["model", "build", "--out", str(tmp_path / "file")]) != 0
    assert len(calls) == 1 and pinned
