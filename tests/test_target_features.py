"""Target-aware stance features (stancemap.target_features): constructed sentences, fictional speakers."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from stancemap.codebook import load_codebook
from stancemap.errors import StancemapError
from stancemap.target_features import BASE_FEATURES, NEAR_BUCKETS, target_feature_names, target_features


@pytest.fixture(scope="module")
def cb():
    return load_codebook()


def feats(text, target, cb):
    """The non-zero named features of one text (hashed window words left out)."""
    X = target_features([text], target, cb)
    names = target_feature_names(target, cb)
    return {names[i][4:]: float(v) for i, v in zip(X.indices, X.data) if "near_h" not in names[i]}


def test_names_are_fixed_and_match_the_matrix(cb):
    names = target_feature_names("sanctions", cb)
    assert names == target_feature_names("sanctions", cb)
    assert len(names) == len(BASE_FEATURES) + NEAR_BUCKETS and len(set(names)) == len(names)
    assert all(n.startswith("tf__") for n in names)
    X = target_features(["Sanctions must stay.", "", None, float("nan")], "sanctions", cb)
    assert sp.isspmatrix_csr(X) and X.shape == (4, len(names)) and X.dtype == np.float64
    with pytest.raises(StancemapError, match="energy_truce"):
        target_feature_names("sanctoins", cb)


def test_deterministic_and_stateless(cb):
    texts = ["The council in Varnia will tighten sanctions.", "Talks resume in Ostrel on Monday."]
    a = target_features(texts, "sanctions", cb)
    b = target_features(list(reversed(texts)), "sanctions", cb)
    assert (a[0] != b[1]).nnz == 0 and (a[1] != b[0]).nnz == 0
    assert (a != target_features(texts, "sanctions", cb)).nnz == 0


def test_mention_and_window(cb):
    f = feats("Minister Olan Brask spoke about sanctions relief at length.", "sanctions", cb)
    assert f["mention"] == 1 and "no_mention" not in f
    assert feats("The harvest festival in Dorvale opened today.", "sanctions", cb) == {"no_mention": 1.0}
    X = target_features(["They spoke about sanctions relief at length."], "sanctions", cb)
    names = target_feature_names("sanctions", cb)
    assert any("near_h" in names[i] for i in X.indices)  # words near the mention are hashed in


def test_kremlin_patterns_illegitimate_is_against(cb):
    f = feats("First, this sanctions pressure is absolutely illegitimate.", "sanctions", cb)
    assert f["eval_negative"] == 1 and f["against_direction"] >= 1 and f["net_direction"] == -1
    assert "favor_direction" not in f


def test_kremlin_patterns_nobody_likes_is_negative_evaluation(cb):
    f = feats("Nobody likes secondary sanctions or direct sanctions pressure.", "sanctions", cb)
    assert f["negated_liking"] == 1 and f["against_direction"] >= 1 and "favor_direction" not in f


def test_kremlin_patterns_threatened_with_sanctions_is_a_victim_frame(cb):
    f = feats("Our country is being threatened with preventive sanctions never seen before.", "sanctions", cb)
    assert f["victim_frame"] == 1 and "favor_direction" not in f and "favor_verb" not in f
    assert feats("Varnia suffers under the sanctions.", "sanctions", cb)["victim_frame"] == 1


def test_negation_scope_flips_verb_object_polarity(cb):
    f = feats("None of the sanctions are being lifted.", "sanctions", cb)
    assert f["negated_mention"] == 1 and f["against_verb_negated"] == 1 and f["net_direction"] == 1
    f = feats("We will not accept ceding land.", "territorial_concessions", cb)
    assert f["favor_verb_negated"] >= 1 and f["net_direction"] == -1
    f = feats("We will lift the sanctions next week.", "sanctions", cb)
    assert f["against_verb"] == 1 and "negated_mention" not in f and f["net_direction"] == -1
    # negation in another clause does not reach the verb
    f = feats("We did not hesitate, and we will lift the sanctions.", "sanctions", cb)
    assert f["against_verb"] == 1 and "against_verb_negated" not in f


@pytest.mark.parametrize("text,target,direction", [
    ("The council agreed to tighten sanctions on the regime.", "sanctions", 1),
    ("Ministers voted to extend the sanctions for six months.", "sanctions", 1),
    ("The bloc should ease sanctions now.", "sanctions", -1),
    ("Parliament decided to halt the weapons deliveries.", "military_aid", -1),
    ("We will send more air defence systems.", "military_aid", 1),
    ("Valdoria must cede the occupied districts.", "territorial_concessions", 1),
    ("Ostrel will never give up its territory.", "territorial_concessions", -1),
    ("Both sides accepted the ceasefire.", "full_ceasefire", 1),
    ("The junta rejected the truce.", "full_ceasefire", -1),
])
def test_verb_object_polarity(cb, text, target, direction):
    assert feats(text, target, cb).get("net_direction") == direction


def test_evaluative_words_near_the_mention(cb):
    assert feats("These sanctions are useless.", "sanctions", cb)["eval_negative"] == 1
    assert feats("The sanctions are effective.", "sanctions", cb)["eval_positive"] == 1
    f = feats("The sanctions are not working.", "sanctions", cb)
    assert f["eval_negative"] == 1 and f["net_direction"] == -1


@pytest.mark.parametrize("marker", ["only if", "unless", "as long as", "until", "provided that"])
def test_conditional_scope(cb, marker):
    f = feats(f"A truce is possible {marker} all arms deliveries stop.", "military_aid", cb)
    assert f["conditional"] == 1 and f["conditional_before_mention"] == 1


def test_conditional_after_the_mention_is_not_before_it(cb):
    f = feats("Weapons deliveries continue, and talks are possible only if both sides agree.", "military_aid", cb)
    assert f["conditional"] == 1 and "conditional_before_mention" not in f
    assert "conditional" not in feats("The ministry provided weapons to the brigade.", "military_aid", cb)


def test_hedges_demands_questions(cb):
    f = feats("We may cautiously welcome the truce.", "full_ceasefire", cb)
    assert f["hedge"] == 1 and f["hedge_near_mention"] == 1
    assert feats("Varnia must keep the sanctions.", "sanctions", cb)["demand_near_mention"] == 1
    f = feats("Will they really accept the ceasefire?", "full_ceasefire", cb)
    assert f["question"] == 1 and f["mention_in_question"] == 1


@pytest.mark.parametrize("text,other,own", [
    ("Moscow demands that the aid be halted.", True, False),
    ("They claim the sanctions are illegal.", True, False),
    ("Minister Olan Brask said the ceasefire holds.", True, False),
    ("We demand that the sanctions stay.", False, True),
    ("I said the truce must hold.", False, True),
])
def test_reported_speech_of_others(cb, text, other, own):
    f = feats(text, "sanctions", cb)
    assert ("reported_speech" in f) == other and ("own_voice" in f) == own


def test_unknown_codebook_type(cb):
    with pytest.raises(StancemapError, match="Codebook"):
        target_features(["x"], "sanctions", {"targets": []})


def test_lifting_the_sanctions_is_an_against_signal(cb):
    f = feats("Northland will lift the sanctions.", "sanctions", cb)
    assert f["against_verb"] == 1 and f["against_direction"] == 1 and f["net_direction"] == -1
    assert "favor_direction" not in f


def test_tokens_are_the_regex_tokens_on_every_path():
    from stancemap.target_features import _TOKEN, _tokens

    texts = ["Northland, 1,000.5 km; why? No!", "Ada Quill's so-called plan_b -- 'cede' it", "tab\there\x1cthen",
             "Southland’s truce — über ΟΔΟΣ''Β", "", "?!", "x-'y a--b"]
    for text in texts:
        want = [t.lower() for t in _TOKEN.findall(text.replace("’", "'"))]
        assert list(_tokens(text)[0]) == want and _tokens(text)[1] == frozenset(want)


def test_rows_do_not_depend_on_the_batch(cb):
    texts = ["Northland will not lift the sanctions unless Southland withdraws.", "Talks resume in Ostrel.",
             "Ada Quill says the ceasefire is a trap?", "", "Stop the fighting, end the war in Varnia.",
             "Energy infrastructure was hit by strikes on energy sites."]
    for target in cb.targets:
        whole = target_features(texts, target, cb)
        for i, text in enumerate(texts):
            alone = target_features([text], target, cb)
            mixed = target_features([texts[-1 - i], text], target, cb)
            assert (whole[i] != alone).nnz == 0 and (whole[i] != mixed[1]).nnz == 0
