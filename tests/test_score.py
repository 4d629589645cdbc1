"""score(): the scored table's columns, carry-through, no mutation, empty texts, errors."""
from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stancemap.codebook import load_codebook, load_training
from stancemap.errors import StancemapError
from stancemap.modelstore import default_model
from stancemap.training import train_model
from stancemap.score import score, score_columns

FIXTURES = Path(__file__).parent / "fixtures" / "models"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cb():
    return load_codebook(FIXTURES / "codebook.yaml")


@pytest.fixture(scope="module")
def model(cb):
    return train_model(load_training(FIXTURES / "training.csv", codebook=cb), cb)


@pytest.fixture(scope="session")
def bundled_model(tmp_path_factory):
    """The default model, trained once per session into a temporary cache when the shipped one is stale."""
    mp = pytest.MonkeyPatch()
    mp.setenv("STANCEMAP_CACHE", str(tmp_path_factory.mktemp("cache")))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = default_model()
    mp.undo()
    return m


@pytest.fixture
def statements():
    return pd.DataFrame({
        "statement_id": ["s-001", "s-002", "s-003"],
        "actor": ["north", "south", "unattributed"],
        "text": ["We welcome the truce and will sign it.", "Stop the League aid now.",
                 "Shelling near the ford; the toll costs trade."],
        "char_start": [0, 10, 20],
    }, index=[7, 8, 9])


EXPECTED = ["frame_talks", "frame_fighting", "frame_money", "frames", "stance_truce", "stance_truce_p",
            "stance_aid", "stance_aid_p", "tone", "cue_talks", "cue_fighting", "cue_money"]


def test_scored_columns_and_values(model, cb, statements):
    out = score(statements, model=model, codebook=cb)
    assert list(out.columns) == ["statement_id", "actor", "text", "char_start", *EXPECTED]
    assert score_columns(model) == EXPECTED
    assert list(out.index) == [7, 8, 9]
    pd.testing.assert_frame_equal(out[statements.columns], statements)  # carried through unchanged
    for c in ["frame_talks", "frame_fighting", "frame_money", "stance_truce_p", "stance_aid_p", "tone"]:
        assert out[c].dtype == "float64"
    assert ((out.filter(like="frame_") >= 0) & (out.filter(like="frame_") <= 1)).all().all()
    for frames, row in zip(out["frames"], out.itertuples()):
        chosen = [k for k in ("talks", "fighting", "money") if getattr(row, f"frame_{k}") >= model.frames.threshold]
        assert frames == ";".join(chosen)
    assert set(out["stance_truce"]) <= {"favor", "against", "none"}
    pred = model.stance["aid"].predict_proba(statements["text"])
    assert np.allclose(out["stance_aid_p"], pred.max(axis=1))
    assert out.loc[8, "stance_aid"] == "against"
    assert out.loc[9, "cue_fighting"] == 1 and out.loc[9, "cue_money"] == 3  # shelling | toll, costs, trade
    assert out.loc[7, "tone"] > 0


def test_input_is_not_mutated(model, cb, statements):
    before = statements.copy(deep=True)
    score(statements, model=model, codebook=cb)
    pd.testing.assert_frame_equal(statements, before)


def test_any_table_with_text_and_no_lexicon(model, statements):
    out = score(statements[["text"]], model=model, lexicon=False)
    assert list(out.columns) == ["text", *EXPECTED[:9]]


def test_empty_texts_are_kept_with_a_warning(model, cb):
    df = pd.DataFrame({"text": ["We welcome the truce.", "", None]})
    with pytest.warns(UserWarning, match="2 of 3 statements have empty text"):
        out = score(df, model=model, codebook=cb)
    assert len(out) == 3
    assert out["frames"].tolist()[1:] == ["", ""] and out["stance_aid"].tolist()[1:] == ["none", "none"]
    assert out["frame_talks"].iloc[1:].isna().all() and not np.isnan(out["frame_talks"].iloc[0])


def test_existing_score_columns_are_replaced_with_a_warning(model, cb, statements):
    old = statements.assign(tone=5.0, frames="x")
    with pytest.warns(UserWarning, match=r"column\(s\) tone, frames; they are replaced"):
        out = score(old, model=model, codebook=cb)
    assert list(out.columns).count("tone") == 1 and (out["tone"] <= 1).all()


def test_errors(model, cb, statements):
    with pytest.raises(StancemapError, match=r"missing column\(s\) 'text'.*Did you mean 'txt'"):
        score(statements.rename(columns={"text": "txt"}), model=model, codebook=cb)
    with pytest.raises(StancemapError, match="trained for codebook tiny-test-codebook"):
        score(statements, model=model, codebook=load_codebook())
    with pytest.raises(StancemapError, match="model must be"):
        score(statements, model=42)


def test_model_directory_carries_its_codebook(tmp_path, model, statements):
    d = model.save(tmp_path / "m")
    out = score(statements, model=str(d))  # the codebook comes from the model directory
    assert list(out.columns)[-3:] == ["cue_talks", "cue_fighting", "cue_money"]


def test_default_model_scores_the_bundled_statements(bundled_model):
    st = pd.read_csv(ROOT / "corpora" / "ceasefire-2025-03" / "annotations" / "statements.csv",
                     dtype=str, keep_default_na=False)
    out = score(st, model=bundled_model)
    cb = load_codebook()
    assert len(out) == len(st)
    assert out.columns[: len(st.columns)].tolist() == st.columns.tolist()
    assert all(f"frame_{k}" in out.columns for k in cb.frames)
    assert all(f"stance_{t}_p" in out.columns for t in cb.targets)
    row = out[out["text"].str.contains("cede occupied territories")].iloc[0]
    assert row["stance_territorial_concessions"] in {"favor", "against", "none"}
    assert out["frames"].str.len().gt(0).mean() > 0.5  # most real statements get at least one frame



def test_a_few_texts_are_scored_with_the_rows_of_the_columns_they_use(model):
    """Before the model's stacked coefficients are built, a block of texts takes only their columns'
    rows of them: the same scores and cue counts, bit for bit."""
    import copy

    texts = ["We welcome the truce and will sign it.", "Stop the League aid now.", "", "aid aid AID",
             "Shelling near the ford; the toll costs trade."]
    fresh = copy.copy(model)
    for cache in ("_stack_cache", "_layout_cache"):
        fresh.__dict__.pop(cache, None)
    assert fresh.shared_features is not None
    small, small_counts = fresh.predict_with_cues(texts)
    assert "_stack_cache" not in fresh.__dict__
    fresh._stacked()
    full, full_counts = fresh.predict_with_cues(texts)
    pd.testing.assert_frame_equal(small, full, check_exact=True)
    assert small_counts.keys() == full_counts.keys()
    assert all(np.array_equal(small_counts[k], full_counts[k]) for k in small_counts)


def test_chunks_and_processes_do_not_change_a_number(model, cb):
    texts = ["We welcome the truce and will sign it.", "", "Stop the League aid now.",
             "Shelling near the ford; the toll costs trade.", "No talks, no truce, no aid!"] * 3
    st = pd.DataFrame({"statement_id": [f"s-{i:03d}" for i in range(len(texts))], "text": texts},
                      index=range(100, 100 + len(texts)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = score(st, model=model, codebook=cb)
        chunked = score(st, model=model, codebook=cb, chunk_size=4)
        parallel = score(st, model=model, codebook=cb, chunk_size=4, n_jobs=2)
    pd.testing.assert_frame_equal(whole, chunked)
    pd.testing.assert_frame_equal(whole, parallel)
    assert whole.index.tolist() == st.index.tolist()


def test_cue_counts_from_the_model_equal_the_codebook_counts(model, cb, statements):
    """score() reads cue_<frame> off the model's cue features when the cue terms are the
    same; the counts must equal the dictionary method's."""
    from stancemap.lexicon import cue_counts

    texts = statements["text"].tolist() + ["talks talks and more talks about the truce", ""]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = score(pd.DataFrame({"text": texts}), model=model, codebook=cb)
    expected = cue_counts(texts, cb)
    pd.testing.assert_frame_equal(out[expected.columns.tolist()], expected)


@pytest.mark.parametrize("kwargs, message", [
    ({"n_jobs": 0}, "n_jobs must be a positive number"),
    ({"n_jobs": "two"}, "n_jobs must be"),
    ({"chunk_size": 0}, "chunk_size must be a positive number.*default is 5000"),
])
def test_bad_jobs_and_chunk_size(model, cb, statements, kwargs, message):
    with pytest.raises(StancemapError, match=message):
        score(statements, model=model, codebook=cb, **kwargs)


def test_cue_counts_follow_a_codebook_with_other_cue_terms(tmp_path, model, statements):
    """A codebook whose cue terms differ from the model's: its own terms are counted."""
    import yaml

    from stancemap.lexicon import cue_counts

    data = yaml.safe_load((FIXTURES / "codebook.yaml").read_text(encoding="utf-8"))
    first = next(iter(data["frames"]))
    data["frames"][first]["cues"] = ["ford", "shell*"]
    path = tmp_path / "codebook.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    other = load_codebook(path)
    out = score(statements, model=model, codebook=other)
    expected = cue_counts(statements["text"], other)
    pd.testing.assert_frame_equal(out[expected.columns.tolist()], expected)
    assert out[f"cue_{first}"].tolist() == [0, 0, 2]
