"""Attribution verbs per actor (stancemap.cues): counts, lemmas, Wilson intervals, keyness, outlets."""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import stancemap as sm
from stancemap import compare, cues, plots, schema
from stancemap.errors import LossyStepWarning, StancemapError

from helpers import fictional_registry

ROOT = Path(__file__).resolve().parents[1]


def statements(rows) -> pd.DataFrame:
    """A constructed statements table: (actor, speaker, cue, outlet) rows, fictional speakers."""
    df = pd.DataFrame(rows, columns=["actor", "speaker", "cue", "outlet"])
    df.insert(0, "statement_id", [f"s{i}" for i in range(len(df))])
    df.insert(1, "doc_id", [f"d{i // 3}" for i in range(len(df))])
    df["text"] = "a constructed statement"
    return df


@pytest.fixture
def table() -> pd.DataFrame:
    north = [("north", "Mara Quill", c, "Daily A") for c in ["said", "says", "saying", "said", "insisted",
                                                             "insists", "claimed", "warned"]]
    south = [("south", "Tomas Oduya", c, "Weekly B") for c in ["said", "said", "said", "admitted", "stated by",
                                                               "called for", "According to"]]
    south += [("south", "Tomas Oduya", "said", "Daily A")]
    return statements(north + south)


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def test_cue_lemma_groups_inflections_with_the_extractors_lexicon():
    assert {cues.cue_lemma(c) for c in ("said", "says", "saying", "Say", " said ")} == {"say"}
    assert cues.cue_lemma("insisted") == cues.cue_lemma("insisting") == "insist"
    assert cues.cue_lemma("called for") == "call"
    assert cues.cue_lemma("stated by") == "state"          # the passive rule's cue
    assert cues.cue_lemma("According to") == "according"
    assert cues.cue_lemma("omitted") == "omitted"          # not a cue verb: kept as it is
    assert cues.cue_lemma("") == cues.cue_lemma(None) == cues.NO_VERB
    assert cues.cue_lemma("turn") == cues.TURN
    assert cues.cue_lemma("label") == cues.LABEL     # "Sen. Ada Quill: “…”": no verb either


def test_counts_per_actor_with_forms(table):
    out = quiet(cues.cue_counts, table, registry=fictional_registry())
    assert list(out.columns) == schema.table_columns("cue_counts")
    north = out[out["group"] == "north"].set_index("verb")
    assert north.loc["say", "count"] == 4 and north.loc["say", "n"] == 8
    assert north.loc["say", "forms"] == "said;saying;says"
    assert north.loc["insist", "count"] == 2 and north.loc["admit", "count"] == 0
    south = out[out["group"] == "south"].set_index("verb")
    assert south.loc["say", "count"] == 4 and south.loc["state", "forms"] == "stated by"
    # every verb for every group, counts summing to n; highest count first
    assert set(north.index) == set(south.index)
    assert north["count"].sum() == 8 and south["count"].sum() == 8
    assert list(out["group"].drop_duplicates()) == ["north", "south"]
    assert out[out["group"] == "north"]["verb"].iloc[0] == "say"


def test_shares_have_wilson_intervals(table):
    out = quiet(cues.cue_counts, table)
    lo, hi = compare.wilson_interval(out["count"], out["n"])
    np.testing.assert_allclose(out["ci_low"], lo)
    np.testing.assert_allclose(out["ci_high"], hi)
    np.testing.assert_allclose(out["share"], out["count"] / out["n"])
    assert (out["ci_method"] == "wilson").all() and out["small_n"].all()
    zero = out[(out["group"] == "north") & (out["verb"] == "admit")].iloc[0]
    assert zero["ci_low"] == 0 and 0 < zero["ci_high"] < 0.5   # 0 of 8 is not "never"


def test_min_count_pools_rare_verbs_and_keeps_every_statement(table):
    out = quiet(cues.cue_counts, table, min_count=2)
    assert set(out["verb"]) == {"say", "insist", cues.OTHER}
    assert out.groupby("group")["count"].sum().tolist() == [8, 8]
    with pytest.raises(StancemapError, match="min_count"):
        cues.cue_counts(table, min_count=0)


def test_keyness_sign_follows_who_uses_the_verb(table):
    key = cues.cue_keyness(table, min_count=1)
    assert list(key.columns) == schema.table_columns("cue_keyness")
    north = key[key["group"] == "north"].set_index("verb")
    assert north.loc["insist", "z"] > 0 and north.loc["insist", "n_group"] == 2
    assert north.loc["admit", "z"] < 0
    south = key[key["group"] == "south"].set_index("verb")
    assert south.loc["insist", "z"] < 0 and (key["reference"] == "rest").all()
    # the computation is keyness.log_odds_dirichlet's: north vs rest by hand
    pairs = key[key["group"] == "north"].sort_values("verb")
    corpus = (pairs["n_group"] + pairs["n_reference"]).to_numpy(float)
    from stancemap.keyness import log_odds_dirichlet
    delta, z = log_odds_dirichlet(pairs["n_group"], pairs["n_reference"], corpus)
    np.testing.assert_allclose(pairs["z"], z)
    # a named reference
    vs = cues.cue_keyness(table, reference="south", min_count=1)
    assert set(vs["group"]) == {"north"} and set(vs["reference"]) == {"south"}
    with pytest.raises(StancemapError, match="'west'.*rest.*north.*south"):
        cues.cue_keyness(table, reference="west")


def test_split_by_outlet(table):
    out = quiet(cues.cue_counts, table, split="outlet")
    assert list(out.columns) == schema.table_columns("cue_counts", split="outlet")
    south = out[out["group"] == "south"]
    assert south.groupby("outlet")["n"].max().to_dict() == {"Daily A": 1, "Weekly B": 7}
    daily = south[(south["outlet"] == "Daily A") & (south["count"] > 0)]
    assert daily[["verb", "count", "share"]].values.tolist() == [["say", 1, 1.0]]
    key = cues.cue_keyness(table, split="outlet", min_count=1)
    assert list(key.columns) == schema.table_columns("cue_keyness", split="outlet")
    assert set(key["outlet"]) == {"Daily A", "Weekly B"}
    with pytest.raises(StancemapError, match="same column"):
        cues.cue_counts(table, by="outlet", split="outlet")


def test_labelled_quotations_have_no_verb(table):
    extra = statements([("north", "Mara Quill", "label", "Daily A"), ("north", "Mara Quill", "label", "Daily A")])
    both = pd.concat([table, extra], ignore_index=True)
    with pytest.warns(LossyStepWarning, match=r"2 of 18 statements have no attribution verb \(0 official .* 0 "
                                              r"transcript turns, 2 quotations after their speaker's label\)"):
        out = cues.cue_counts(both)
    assert "label" not in set(out["verb"])
    kept = quiet(cues.cue_counts, both, verbs_only=False)
    assert kept.set_index(["group", "verb"]).loc[("north", cues.LABEL), "count"] == 2


def test_statements_without_a_verb_are_counted_not_hidden(table):
    extra = statements([("north", "Mara Quill", "", "Daily A"), ("north", "Mara Quill", "turn", "Daily A"),
                        ("north", "Mara Quill", None, "Daily A")])
    both = pd.concat([table, extra], ignore_index=True)
    with pytest.warns(LossyStepWarning, match=r"3 of 19 statements have no attribution verb \(2 official .* 1 "
                                              r"transcript turns\).*verbs_only=False"):
        out = cues.cue_counts(both)
    assert out[out["group"] == "north"]["n"].max() == 8
    kept = quiet(cues.cue_counts, both, verbs_only=False)
    north = kept[kept["group"] == "north"].set_index("verb")
    assert north.loc[cues.NO_VERB, "count"] == 2 and north.loc[cues.TURN, "count"] == 1
    assert north["n"].max() == 11


def test_a_missing_cue_column_names_the_fix(table):
    with pytest.raises(StancemapError, match=r"missing column\(s\) 'cue'.*stancemap.extract"):
        cues.cue_counts(table.drop(columns="cue"))
    with pytest.raises(StancemapError, match=r"missing column\(s\) 'cue'"):
        cues.cue_keyness(table.drop(columns="cue"))
    with pytest.raises(StancemapError, match="Grouping column 'actr' not found.*Did you mean 'actor'"):
        cues.cue_counts(table, by="actr")


def test_empty_input_keeps_columns(table):
    empty = table.iloc[0:0]
    assert list(cues.cue_counts(empty).columns) == schema.table_columns("cue_counts")
    assert list(cues.cue_counts(empty, split="outlet").columns) == schema.table_columns("cue_counts",
                                                                                       split="outlet")
    assert list(cues.cue_keyness(empty).columns) == schema.table_columns("cue_keyness")
    only_official = statements([("north", "Mara Quill", "", "Daily A")])
    assert quiet(cues.cue_counts, only_official).empty


def test_the_input_is_not_changed(table):
    before = table.copy()
    quiet(cues.cue_counts, table, split="outlet")
    cues.cue_keyness(table)
    pd.testing.assert_frame_equal(table, before)


def test_cue_chart_is_deterministic_and_shows_n(table):
    counts = quiet(cues.cue_counts, table)
    a = plots.cue_chart(counts, fictional_registry(), top=3)
    b = plots.cue_chart(quiet(cues.cue_counts, table), fictional_registry(), top=3)
    assert a.to_json() == b.to_json()
    assert len(a.data) == 2 and list(a.data[0].y) == ["say", "insist", "claim"]
    assert list(a.data[0].text) == ["4 of 8", "2 of 8", "1 of 8"]
    titles = [ann.text for ann in a.layout.annotations]
    assert any("(n = 8)" in t for t in titles)
    split = plots.cue_chart(quiet(cues.cue_counts, table, split="outlet"))
    assert len(split.data) == 3   # north in Daily A, south in Daily A and in Weekly B
    with pytest.raises(StancemapError, match="empty"):
        plots.cue_chart(cues.cue_counts(table.iloc[0:0]))


def test_sm_cues_is_lazy_and_public():
    assert sm.cues is cues and "cues" in dir(sm)


def test_readme_example_runs(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [code] = [b for b in re.findall(r"```python\n(.*?)```", readme, flags=re.S) if "sm.cues.cue_counts" in b]
    monkeypatch.chdir(tmp_path)
    ns: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile(code, "README.md", "exec"), ns)  # noqa: S102 - our own documentation
    assert (tmp_path / "out" / "verbs.html").is_file()
    assert ns["verbs"]["count"].sum() == len(ns["statements"]) - (ns["statements"]["cue"].isin(["", "turn"])).sum()


def test_a_dask_table_gives_the_pandas_answer(table):
    dd = pytest.importorskip("dask.dataframe")
    lazy = dd.from_pandas(table, npartitions=2)
    pd.testing.assert_frame_equal(quiet(cues.cue_counts, lazy, split="outlet"),
                                  quiet(cues.cue_counts, table, split="outlet"))
    pd.testing.assert_frame_equal(cues.cue_keyness(lazy, min_count=1), cues.cue_keyness(table, min_count=1))


# -- narration: the article's own voice ---------------------------------------------

ARTICLE = ("Harbour talks stall as winter nears\n"
           "The talks in Port Vell ended without a deal on Tuesday after nine hours of argument. "
           "Quill said the northern side would not sign a truce before spring. "
           "Oduya, speaking from the coast, said that the ports must reopen first. "
           "Fishermen in the bay have waited three months for any news.")


@pytest.fixture
def article():
    docs = pd.DataFrame({"doc_id": ["a1", "o1"], "text": [ARTICLE, "We will reopen the ports of the bay this week."],
                         "doc_kind": ["article", "official"], "doc_actor": ["", "south"],
                         "doc_speaker": ["", "Bram Oduya"], "outlet": ["The Bay Courier", ""],
                         "date": ["2031-01-07", "2031-01-08"]})
    return docs, quiet(sm.extract, docs, fictional_registry())


def test_narration_is_the_article_outside_its_statements(article):
    docs, st = article
    assert set(st.loc[st["doc_id"] == "a1", "speaker"]) == {"Ada Quill", "Bram Oduya"}
    told = cues.narration(docs, st)
    assert told["text"].tolist() == [
        "Harbour talks stall as winter nears",
        "The talks in Port Vell ended without a deal on Tuesday after nine hours of argument.",
        "Fishermen in the bay have waited three months for any news."]
    assert list(told.columns) == [*schema.STATEMENT_COLUMNS, schema.VOICE_COLUMN]
    assert set(told["doc_id"]) == {"a1"}                     # the official text is all its author's voice
    assert (told["actor"] == "narration").all() and (told["kind"] == "narration").all()
    assert (told["speaker"] == "The Bay Courier").all() and (told["cue"] == "").all()
    for r in told.itertuples():                              # exact spans, in text and raw text
        assert ARTICLE[r.char_start:r.char_end] == r.text == r.source_text
        assert (r.raw_start, r.raw_end) == (r.char_start, r.char_end)
    assert told.attrs["narration"] == {"documents": 1, "official_documents": 1, "pieces": 5, "kept": 3,
                                       "attribution": 1, "short": 1}
    assert told["statement_id"].is_unique and not set(told["statement_id"]) & set(st["statement_id"])
    schema.validate_statements(told)


def test_attribution_clauses_are_not_narration():
    """Clauses that only introduce a statement (the speaker and the verb) belong to it."""
    assert cues._introduces_next("Oduya, speaking from the coast, said", "said")
    assert cues._introduces_next("while Quill reassured the north that", "reassured")
    assert not cues._introduces_next("Fishermen in the bay have waited three months.", "said")
    piece = "he wrote on the harbour board, and the town has waited since."
    assert piece[cues._end_of_cue(piece, "wrote"):] == " on the harbour board, and the town has waited since."
    assert cues._end_of_cue("the town has waited since then and nobody wrote.", "wrote") is None


def test_narration_spans_trace_back_to_the_raw_text():
    raw = 'Port talks end.\nThe  harbour "stays shut", Quill said, and nobody in the town expects a change soon.'
    docs = sm.load(pd.DataFrame({"doc_id": ["r"], "text": [raw]}))
    st = quiet(sm.extract, docs, fictional_registry())
    told = cues.narration(docs, st, min_words=3)
    assert told["text"].str.contains("nobody in the town").any()
    for r in told.itertuples():
        assert r.raw_start >= 0 and raw[r.raw_start:r.raw_end] == r.source_text
        assert docs["text"][0][r.char_start:r.char_end] == r.text


def test_with_narration_orders_both_voices_and_counts_them(article):
    docs, st = article
    both = cues.with_narration(st, docs)
    assert len(both) == len(st) + 3 and both["voice"].value_counts().to_dict() == {"quoted": len(st), "narration": 3}
    a1 = both[both["doc_id"] == "a1"]
    assert a1["char_start"].astype(int).is_monotonic_increasing
    assert len(st.columns) + 1 == len(both.columns) and list(st.columns) == list(st.copy().columns)  # input unchanged
    with pytest.warns(LossyStepWarning, match=r"3 narration rows \(the article's own voice\)"):
        cues.cue_counts(both, registry=fictional_registry(), min_n=1)


def test_with_narration_refuses_a_scored_table_and_bad_min_words(article):
    docs, st = article
    with pytest.raises(StancemapError, match="already scored.*score both"):
        cues.with_narration(st.assign(frames="", frame_blame=0.1), docs)
    with pytest.raises(StancemapError, match="narration rows already"):
        cues.with_narration(cues.with_narration(st, docs), docs)
    with pytest.raises(StancemapError, match=r"min_words must be a whole number ≥ 1, got 0; e\.g\. min_words=4"):
        cues.narration(docs, st, min_words=0)
    with pytest.raises(StancemapError, match="missing column.*'char_start'"):
        cues.narration(docs, st.drop(columns="char_start"))


def test_frames_compared_by_voice_on_the_bundled_article():
    docs = sm.load_bundled("ceasefire-2025-03")
    st = quiet(sm.extract, docs)
    both = cues.with_narration(st, docs)
    assert both["voice"].value_counts().to_dict() == {"quoted": 19, "narration": 13}
    told = both[both["voice"] == "narration"]["text"].tolist()
    assert "However, many see Putin’s stance as a delaying tactic." in told   # unattributed opinion: the outlet's
    assert not any(t.endswith(" said") or "reassured" in t for t in told)   # attribution clauses are not
    shares = quiet(compare.frame_shares, sm.score(both), by="voice")
    assert set(shares["group"]) == {"quoted", "narration"}
    assert shares.groupby("group")["n"].max().to_dict() == {"narration": 13, "quoted": 19}


def test_readme_narration_example_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [code] = [b for b in re.findall(r"```python\n(.*?)```", readme, flags=re.S) if "with_narration" in b]
    ns: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile(code, "README.md", "exec"), ns)  # noqa: S102 - our own documentation
    assert ns["both"]["voice"].value_counts().to_dict() == {"quoted": 19, "narration": 13}   # as the comment says
    assert set(ns["voices"]["group"]) == {"quoted", "narration"}
    assert set(ns["gaps"]["group_a"]) | set(ns["gaps"]["group_b"]) == {"quoted", "narration"}
