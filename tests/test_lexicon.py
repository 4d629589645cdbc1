"""Cue-term frame scores from the codebook, and VADER tone."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from stancemap.codebook import load_codebook
from stancemap.errors import StancemapError
from stancemap.lexicon import cue_counts, cue_matches, lexicon_frames, tone

FIXTURES = Path(__file__).parent / "fixtures" / "models"


@pytest.fixture(scope="module")
def cb():
    return load_codebook(FIXTURES / "codebook.yaml")


def test_cue_counts_per_frame(cb):
    texts = pd.Series(["Talks and negotiations on the tolls", "Shelling and raids", "Nothing here"],
                      index=[10, 11, 12])
    c = cue_counts(texts, cb)
    assert list(c.columns) == ["cue_talks", "cue_fighting", "cue_money"]
    assert list(c.index) == [10, 11, 12]
    # talks, negotiations (negotiat*) | shelling, raids (raid*) | tolls (toll*)
    assert c.loc[10].tolist() == [2, 0, 1]
    assert c.loc[11].tolist() == [0, 2, 0]
    assert c.loc[12].tolist() == [0, 0, 0]
    assert (c.dtypes == "int64").all()


def test_lexicon_frames_threshold(cb):
    texts = ["Talks and negotiations", "one meeting"]
    assert lexicon_frames(texts, cb)["frame_talks"].tolist() == [1, 1]
    assert lexicon_frames(texts, cb, min_count=2)["frame_talks"].tolist() == [1, 0]


def test_cue_matches_show_where(cb):
    m = cue_matches("New talks about the toll bridge", cb)
    assert m.values.tolist() == [["talks", "talks", 4, 9], ["money", "toll", 20, 24]]


def test_cue_counts_work_on_the_bundled_codebook():
    bundled = load_codebook()
    c = cue_counts(["Russia violated the energy truce with a drone strike on a hospital"], bundled)
    assert c.loc[0, "cue_blame"] >= 1 and c.loc[0, "cue_security"] >= 1 and c.loc[0, "cue_humanitarian"] >= 1


def test_tone_is_vader_compound():
    assert tone("The discussion was very good and productive") == pytest.approx(0.4927)
    assert tone("This is a horrible, cruel war") < -0.5
    s = tone(pd.Series(["good", "", None], index=["a", "b", "c"]))
    assert list(s.index) == ["a", "b", "c"] and s["a"] > 0 and s["b"] == 0.0 and s["c"] == 0.0
    assert tone(["not good"]).iloc[0] < 0  # VADER's negation rule


def test_single_string_where_a_list_is_expected(cb):
    with pytest.raises(StancemapError, match="not a single string"):
        cue_counts("talks", cb)


def test_tone_is_the_reference_vader_implementation():
    """Tone comes from the authors' vaderSentiment package (not nltk's port, which scores
    some sentences differently): the same compound for every text."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    texts = ["We will not accept a ceasefire that is not real!!", "The least we can do is talk.",
             "Kind of a good start, but no deal yet :(", "NOBODY wants this war", ""]
    ref = SentimentIntensityAnalyzer()
    assert tone(texts).tolist() == [ref.polarity_scores(t)["compound"] if t else 0.0 for t in texts]
