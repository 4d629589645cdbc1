"""Tests for stancemap.rule_features: the decision-rule phrases (constructed sentences, nobody real)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancemap.codebook import load_codebook
from stancemap.rule_features import (RULE_NAMES, RULE_WEIGHT, rule_feature_names, rule_features, target_rule_feature_names,
                                     target_rule_features)
from stancemap.target_features import target_feature_names, target_features


@pytest.fixture(scope="module")
def cb():
    return load_codebook()


def _rules(text):
    row = rule_features([text]).toarray()[0]
    return {RULE_NAMES[j] for j in np.flatnonzero(row)}


@pytest.mark.parametrize("text, rules", [
    ("A ceasefire in Gaza is needed now.", {"other_conflict"}),
    ("Ukraine and Sudan both need a ceasefire.", {"other_conflict", "other_conflict_home"}),
    ("The talks on Nagorno-Karabakh resumed.", {"other_conflict"}),
    ("We must stop this war.", {"end_war_call"}),
    ("The killing has to end.", {"end_war_call"}),
    ("We will continue to provide what they need.", {"support_pledge"}),
    ("Our support is unwavering.", {"support_pledge"}),
    ("We stand with the people of Northland as they defend their homes.", {"support_pledge"}),
    ("Their banks were cut off from SWIFT.", {"excluded_from"}),
    ("Two lenders will be disconnected from the SWIFT system.", {"excluded_from"}),
    ("These unilateral sanctions are a disgrace.", {"unilateral_sanctions"}),
    ("Illegitimate economic sanctions hurt ordinary people.", {"unilateral_sanctions"}),
    ("It would be only a temporary truce.", {"temporary_truce"}),
    ("A frozen conflict is not peace.", {"temporary_truce"}),
    ("We condemn the illegal annexation of the peninsula.", {"illegal_annexation"}),
    ("We will never recognise it.", {"illegal_annexation"}),
    ("People in the temporarily occupied territories wait.", {"standard_occupied"}),
    ("We have already provided air defence.", {"past_record"}),
    ("We desperately need weapons that can make our skies safe.", {"weapons_request"}),
    ("We call for more air defense systems.", {"weapons_request"}),
    ("They keep pumping the regime full of modern weapons.", {"pumping_weapons"}),
    ("A neighbour armed to the teeth is unacceptable.", {"pumping_weapons"}),
    ("These anti-Russian sanctions hurt everyone.", {"sanctions_attacked"}),
    ("The sanctions fever keeps growing.", {"sanctions_attacked"}),
    ("We must increase the sanctions pressure on the aggressor.", set()),  # Kyiv's words, favor
    ("Their sanctions have backfired on them.", {"sanctions_attacked"}),
    ("We discussed the impact of the sanctions on farmers.", {"sanctions_impact"}),
    ("Measures to mitigate the negative effects of sanctions were agreed.", {"sanctions_impact"}),
    ("Sanctions were imposed yesterday.", set()),
    ("The harvest was good.", set()),
])
def test_rule_phrases(text, rules):
    assert _rules(text) == rules


def test_stateless_deterministic_and_named(cb):
    texts = ["We must stop this war.", "", None, "Their banks were cut off from SWIFT."]
    a, b = rule_features(texts), rule_features(list(reversed(texts)))
    assert a.shape == (4, len(RULE_NAMES)) == (4, len(rule_feature_names()))
    assert (a.toarray() == b.toarray()[::-1]).all()
    assert a[1].nnz == 0 and a[2].nnz == 0
    assert all(n.startswith("rf__") for n in rule_feature_names())


def test_the_target_rules_block_is_the_target_block_then_the_rules(cb):
    texts = ["Northland will lift the sanctions.", "These unilateral sanctions are a disgrace."]
    m = target_rule_features(texts, "sanctions", cb).toarray()
    names = target_rule_feature_names("sanctions", cb)
    width = len(target_feature_names("sanctions", cb))
    assert m.shape == (2, len(names)) and names[:width] == target_feature_names("sanctions", cb)
    assert (m[:, :width] == target_features(texts, "sanctions", cb).toarray()).all()
    assert m[1, names.index("rf__unilateral_sanctions")] == RULE_WEIGHT and m[0, width:].sum() == 0


def test_a_model_trains_and_scores_with_the_rules_block(cb, tmp_path):
    from stancemap.estimators import ExtraBlock, StanceClassifier

    texts = ["Northland will lift the sanctions.", "Southland will tighten the sanctions.",
             "These unilateral sanctions are a disgrace.", "Their banks were cut off from SWIFT.",
             "The harvest in Dorvale was good.", "Ada Quill opened the bridge."] * 3
    y = ["against", "favor", "against", "favor", "none", "none"] * 3
    clf = StanceClassifier(random_state=0, extra=ExtraBlock("target_rules", "sanctions", cb, 0.3)).fit(texts, y)
    assert clf.predict(["Southland will tighten the sanctions."])[0] == "favor"
    assert clf.transform(texts[:2]).shape[1] == clf.features_.n_features_out_ + len(
        target_rule_feature_names("sanctions", cb))


def _every_rule(text):
    """The rules by the regular expressions alone, without the trigger-word prefilter."""
    import re

    import stancemap.rule_features as rf

    low = text.lower()
    found = {m.lastgroup for m in rf._ALL.finditer(low)}
    found.update(k for k, pat in rf.SEPARATE.items() if re.search(pat, low))
    if "other_conflict" in found and rf._HOME_RE.search(low):
        found.add("other_conflict_home")
    return {rf.RULE_NAMES.index(k) for k in found}


@pytest.mark.parametrize("text", ["Recognition was important for Kosovo’s progress.",
                                  "The Israeli-Palestinian conflict needs a settlement.",
                                  "We will stand by them as they defend themselves.",
                                  "Nagorno-Karabakh talks resumed.", "It was a sham referendum.",
                                  "We will continue to provide more weapons.", "Requests for F-16s were urgent."])
def test_the_prefilter_never_hides_a_rule(text):
    assert set(np.flatnonzero(rule_features([text]).toarray()[0])) == _every_rule(text) != set()


def test_the_prefilter_never_hides_a_rule_on_the_real_sentences(datasets_dir):
    """Found while speeding the block up: joined tokens ("Kosovo's", "Israeli-Palestinian") were missed."""
    import warnings

    from stancemap.real_eval import load_real_eval

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        texts = load_real_eval(datasets_dir)["text"].tolist()
    got = rule_features(texts).tolil().rows
    assert [set(r) for r in got] == [_every_rule(t) for t in texts]


_PIECES = ["anti-Russian", "sanctions", "pressure", "backfired", "impact", "of", "mitigating", "double-edged", "stop", "the", "war", "continue", "continuing", "to", "provide", "unwavering", "as", "long", "it", "takes",
           "let", "up", "stand", "standing", "with", "them", "they", "defend", "cut", "off", "from", "swift",
           "unilateral", "so-called", "sanctions", "only", "a", "temporary", "truce", "regrouping", "frozen",
           "minsk-3", "illegal", "annexation", "never", "recognise", "temporarily", "occupied", "we", "have",
           "provided", "need", "more", "weapons", "air", "defence", "requests", "urgently", "f-16s", "pumping",
           "armed", "teeth", "Gaza", "Israeli-Palestinian", "Kosovo's", "Ukraine", "killing", "has", "end", ",", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14))
def test_the_word_masks_never_hide_a_rule(words):
    """The prefilter (each word's bits of the rules' required words) finds every rule the regular
    expressions alone find, on any sequence of the rules' words."""
    text = " ".join(words)
    assert set(np.flatnonzero(rule_features([text]).toarray()[0])) == _every_rule(text)


def _mask_by_definition(word):
    """Each requirement tested in turn (the definition :func:`_word_mask` looks up faster)."""
    from stancemap.rule_features import _JOINED, _NEED_BIT, _Prefix

    parts = (word, *_JOINED.split(word)) if "-" in word or "'" in word else (word,)
    return sum(bit for need, bit in _NEED_BIT.items()
               if (any(w.startswith(need) for w in parts) if isinstance(need, _Prefix) else not need.isdisjoint(parts)))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([p.lower() for p in _PIECES] + ["continuation", "standby", "urging", "stuffed", "pumps",
                                                       "anti-russia-sanctions", "mitigation", "regrouped", "rearming"])
       | st.text(alphabet="abcdefghilmnoprstu-'", max_size=12))
def test_word_masks_are_the_requirements_each_word_meets(word):
    from stancemap.rule_features import _word_mask

    assert _word_mask(word) == _mask_by_definition(word)
