"""Frame lexicons (stancemap.frame_lexicons) and the ``lexicons`` training setting: constructed sentences."""
from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from stancemap import training
from stancemap.codebook import load_codebook, normalise_cues
from stancemap.estimators import cue_counts
from stancemap.frame_lexicons import FRAME_LEXICONS, lexicon_cues
from stancemap.modelfile import StanceMapModel

FIXTURES = Path(__file__).parent / "fixtures" / "models"


def test_every_codebook_frame_has_a_lexicon_in_cue_syntax():
    cb = load_codebook()
    cues = lexicon_cues(cb)
    assert sorted(cues) == sorted(f"lex:{k}" for k in cb.frames)
    for k in cb.frames:
        assert cues[f"lex:{k}"] == normalise_cues(FRAME_LEXICONS[k])


def test_lexicons_count_how_a_frame_is_said():
    cues = lexicon_cues(load_codebook())
    got = cue_counts(cues, ["Ada Quill said Southland has no shame and no conscience.",
                            "Northland pledged to stand together with its partners.",
                            "The harvest in Dorvale was good."])
    assert got["lex:morality"][0] == 2 and got["lex:morality"][2] == 0
    assert got["lex:alliance"][1] >= 2 and got["lex:alliance"][0] == 0


def test_training_with_lexicons_adds_them_to_the_cue_block_and_survives_save(tmp_path, monkeypatch):
    from stancemap import frame_lexicons

    cb = load_codebook(FIXTURES / "codebook.yaml")
    data = pd.read_csv(FIXTURES / "training.csv", dtype=str, keep_default_na=False)
    lex = {k: ("quill", "northland*") for k in cb.frames}
    monkeypatch.setattr(frame_lexicons, "FRAME_LEXICONS", {k: ("league", "talks", "aid*") for k in cb.frames})
    assert len(lexicon_cues(cb)) == len(cb.frames)
    frame_kw, _ = training.estimator_params({"lexicons": True}, cb)
    assert set(lexicon_cues(cb)) <= set(frame_kw["cues"]) and "lexicons" not in frame_kw
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = training.train_model(data, cb, params={"lexicons": True})
        plain = training.train_model(data, cb)
    names = model.shared_features.cue_names_
    assert [n for n in names if n.startswith("lex:")] == list(lexicon_cues(cb))
    assert not any(n.startswith("lex:") for n in plain.shared_features.cue_names_)
    assert model.metadata["data_fingerprint"] != plain.metadata["data_fingerprint"]
    texts = data["text"].tolist()
    model.save(tmp_path / "m")
    pd.testing.assert_frame_equal(StanceMapModel.load(tmp_path / "m").predict(texts), model.predict(texts))
    assert lexicon_cues(cb, lex) == {f"lex:{k}": ["northland*", "quill"] for k in cb.frames}
