"""Word clusters (stancemap.word_clusters) and the cluster block of the shared features."""
import random
import warnings

import numpy as np
import pandas as pd
import pytest

from stancemap.errors import StancemapError
from stancemap.estimators import HashedFeatures, cue_block_counts
from stancemap.sparse_features import Hasher, unit_entries, unit_hashes, word_unit_grams
from stancemap.text import stem
from stancemap.word_clusters import WordClusters, cluster_bag, learn_clusters, table_from_stems

ANIMALS = ["cat", "dog", "horse", "goat", "sheep", "cow"]
VEHICLES = ["car", "truck", "bus", "tram", "van", "lorry"]


def _corpus(n=300, seed=0):
    """Constructed sentences (no real speaker): animals and vehicles in two kinds of context."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        a, v = rng.choice(ANIMALS), rng.choice(VEHICLES)
        out.append(f"the hungry {a} ate grass and the {a} slept in the barn")
        out.append(f"we drove the {v} on the road and parked the {v} in the garage")
    return out


@pytest.fixture(scope="module")
def clusters():
    return learn_clusters(_corpus(), k=2, dims=2, min_count=1, window=2)


def _cluster(cl, word):
    return int(cl.of_columns(np.array([unit_hashes(stem(word))[0] % cl.n_word]))[0])


def test_words_of_the_same_contexts_share_a_cluster(clusters):
    a = {_cluster(clusters, w) for w in ANIMALS}
    v = {_cluster(clusters, w) for w in VEHICLES}
    assert len(a) == 1 and len(v) == 1 and a != v


def test_a_negated_stem_has_its_stems_cluster_and_unknown_stems_none(clusters):
    plain, neg = unit_hashes(stem("cat"))
    got = clusters.of_columns(np.array([plain % clusters.n_word, neg % clusters.n_word,
                                        unit_hashes("zebra")[0] % clusters.n_word]))
    assert got[0] == got[1] >= 0 and got[2] == -1


def test_learning_is_deterministic(clusters):
    again = learn_clusters(_corpus(), k=2, dims=2, min_count=1, window=2)
    assert np.array_equal(again.columns, clusters.columns) and np.array_equal(again.ids, clusters.ids)


def test_too_little_text_is_a_clear_error():
    with pytest.raises(StancemapError, match="more than 256 distinct words.*Learn them from more text"):
        learn_clusters(["a short text about a cat"] * 10)


def test_a_shared_column_goes_to_the_more_frequent_stem():
    t = table_from_stems({"alpha": 0, "beta": 1}, 2, [5, 9], n_word=1)  # one column: both collide
    assert t.columns.tolist() == [0] and t.ids.tolist() == [1]


def test_table_checks_its_arrays():
    with pytest.raises(StancemapError, match="sorted, distinct"):
        WordClusters(np.array([3, 1], dtype=np.int32), np.array([0, 0], dtype=np.int16), 2)
    with pytest.raises(StancemapError, match=r"in \[0, 2\)"):
        WordClusters(np.array([1, 3], dtype=np.int32), np.array([0, 2], dtype=np.int16), 2)


def test_unit_entries_are_each_texts_unigrams():
    texts = ["We will not lift the sanctions.", "", "Talks, then a truce"]
    cols, ptr, n_units = Hasher().word_columns_units(texts)
    at, rows = unit_entries(ptr, n_units)
    for i, t in enumerate(texts):
        want = [h % (2 ** 20) for _, h in word_unit_grams(t, (1, 1))]
        assert cols[at[rows == i]].tolist() == want


def test_bag_counts_by_cluster_and_is_l2_normed(clusters):
    h = Hasher()
    texts = ["cat dog car", "nothing known here", "cow"]
    cols, ptr, n_units = h.word_columns_units(texts)
    at, rows = unit_entries(ptr, n_units)
    bag = cluster_bag(clusters, cols[at], rows, len(texts))
    ca, cv = _cluster(clusters, "cat"), _cluster(clusters, "car")
    assert bag[0, ca] == pytest.approx(2 / np.sqrt(5)) and bag[0, cv] == pytest.approx(1 / np.sqrt(5))
    assert not bag[1].any() and bag[2, ca] == pytest.approx(1.0)


def test_cluster_block_sits_before_the_cues_and_leaves_the_rest_alone(clusters):
    texts = _corpus(20)[:10] + ["Sanctions on the cat."]
    cues = {"frame:x": ["barn"], "target:y": ["garage"]}
    plain = HashedFeatures(cues=cues).fit(texts)
    X0 = plain.transform(texts).toarray()
    f = HashedFeatures(cues=cues).fit(texts).with_clusters(clusters, 3.0)
    X1 = f.transform(texts).toarray()
    n = len(f.word_columns_) + len(f.char_columns_)
    assert f.n_features_out_ == plain.n_features_out_ + 2 == X1.shape[1]
    assert np.array_equal(X1[:, :n], X0[:, :n]) and np.array_equal(X1[:, n + 2:], X0[:, n:])
    assert np.allclose(np.linalg.norm(X1[:, n:n + 2], axis=1), 3.0)
    assert {k: v.tolist() for k, v in cue_block_counts(f, f.transform(texts)).items()} == \
        {k: v.tolist() for k, v in cue_block_counts(plain, plain.transform(texts)).items()}
    names = f.names_in("a cat")
    assert names[n + _cluster(clusters, "cat")] == "cluster__#%d cat" % _cluster(clusters, "cat")
    assert list(f.get_feature_names_out()[n:n + 2]) == ["cluster__#0", "cluster__#1"]
    assert f.with_clusters(None, 3.0).n_features_out_ == plain.n_features_out_


def test_with_clusters_checks_weight_and_width(clusters):
    f = HashedFeatures().fit(["a text"])
    with pytest.raises(StancemapError, match="number ≥ 0"):
        f.with_clusters(clusters, -1)
    with pytest.raises(StancemapError, match="learn them with n_word=1048576"):
        f.with_clusters(table_from_stems({"a": 0}, 1, n_word=8), 1.0)


def _labels(cb):
    """Constructed training rows (attributed to nobody real) for the codebook."""
    from stancemap.codebook import load_training

    return load_training(codebook=cb)


def test_train_model_with_clusters_saves_loads_and_keeps_stance_off_them(tmp_path, clusters):
    from stancemap.codebook import load_codebook
    from stancemap.modelfile import StanceMapModel
    from stancemap.training import train_model

    cb = load_codebook()
    data = _labels(cb)
    with pytest.raises(StancemapError, match="cluster_weight=3.*clusters=stancemap.word_clusters.learn_clusters"):
        train_model(data, cb, params={"cluster_weight": 3.0})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = train_model(data, cb, params={"cluster_weight": 3.0, "cluster_stance": False}, clusters=clusters)
    f = m.shared_features
    n = len(f.word_columns_) + len(f.char_columns_)
    for clf in m.stance.values():
        assert not np.any(clf.classifier_.coef[:, n:n + 2])
    assert any(np.any(e.coef[:, n:n + 2]) for e in m.frames.estimators_ if e is not None)
    texts = data["text"].tolist()[:50] + ["the cat ate the sanctions"]
    before = m.predict(texts)
    m.save(tmp_path / "m")
    back = StanceMapModel.load(tmp_path / "m")
    assert back.shared_features.clusters_.k == 2 and back.shared_features.cluster_weight_ == 3.0
    pd.testing.assert_frame_equal(back.predict(texts), before)
    assert m.metadata["sources"]["word_clusters"]["k"] == 2  # a table given by value is hashed into the fingerprint
    from stancemap.explanations import explain

    ex = explain("the hungry cat ate grass", m, target="frames", kind="cluster", top=50)
    assert len(ex) and set(ex["kind"]) == {"cluster"} and ex["feature"].str.match(r"#\d+ ").all()
    for label in set(ex["label"]):  # every frame's full explanation adds up to its decision
        full = m.frames.explain("the hungry cat ate grass", label)
        assert full["contribution"].sum() + full.attrs["intercept"] == pytest.approx(full.attrs["decision"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        other = train_model(data, cb, params={"cluster_weight": 3.0, "cluster_stance": False},
                            clusters=learn_clusters(_corpus(seed=1), k=2, dims=2, min_count=1, window=2))
    if not np.array_equal(other.shared_features.clusters_.ids, clusters.ids):
        assert other.metadata["data_fingerprint"] != m.metadata["data_fingerprint"]


def test_cluster_weight_is_checked():
    from stancemap.codebook import load_codebook
    from stancemap.training import estimator_params

    with pytest.raises(StancemapError, match="cluster_weight must be a number ≥ 0"):
        estimator_params({"cluster_weight": -2}, load_codebook())


def test_the_shipped_model_has_the_cluster_block_in_its_frames_only():
    from stancemap.modelstore import default_model
    from stancemap.training import BUNDLED_PARAMS, bundled_sources, cluster_source

    m = default_model()
    f = m.shared_features
    assert f.clusters_ is not None and f.cluster_weight_ == BUNDLED_PARAMS["cluster_weight"] == 2.0
    n = len(f.word_columns_) + len(f.char_columns_)
    k = f.n_clusters_
    assert k == 256 and all(not np.any(c.classifier_.coef[:, n:n + k]) for c in m.stance.values())
    assert all(np.any(e.coef[:, n:n + k]) for e in m.frames.estimators_ if e is not None)
    assert m.metadata["sources"]["word_clusters"] == cluster_source() == bundled_sources()["word_clusters"]


def test_the_shipped_model_uses_the_pinned_cluster_table():
    """`make model` reads corpora/word-clusters/clusters.npz instead of learning the table again, whose
    SVD differs in its last digits between BLAS kernels and thread counts (learned with one OpenBLAS
    thread instead of two, 757 of the model's 37,777 columns took another cluster); the fingerprint has
    the table's sha256."""
    import hashlib

    from stancemap.modelstore import default_model
    from stancemap.paths import word_clusters_file
    from stancemap.training import bundled_clusters, cluster_source

    pinned, f = bundled_clusters(), default_model().shared_features
    assert np.array_equal(pinned.columns, f.clusters_.columns) and np.array_equal(pinned.ids, f.clusters_.ids)
    assert pinned.k == 256 and len(pinned.columns) == 37_777
    assert cluster_source()["table_sha256"] == hashlib.sha256(word_clusters_file().read_bytes()).hexdigest()


def test_a_cluster_table_is_saved_and_read_back_byte_stable(clusters, tmp_path):
    from stancemap.training import load_cluster_table, save_cluster_table

    p = save_cluster_table(clusters, tmp_path / "t.npz", {"learned": "in a test"})
    first = p.read_bytes()
    again = load_cluster_table(p)
    assert np.array_equal(again.columns, clusters.columns) and np.array_equal(again.ids, clusters.ids)
    assert (again.k, again.n_word) == (clusters.k, clusters.n_word)
    assert save_cluster_table(again, tmp_path / "t.npz", {"learned": "in a test"}).read_bytes() == first
    assert '"learned": "in a test"' in (tmp_path / "t.json").read_text()


def test_a_missing_or_wrong_cluster_table_says_what_to_do(tmp_path, monkeypatch):
    from stancemap import paths
    from stancemap.training import cluster_source, load_cluster_table

    monkeypatch.setattr(paths, "word_clusters_file", lambda: tmp_path / "gone.npz")
    with pytest.raises(StancemapError, match="No word-cluster table at .*gone.npz.*stancemap model clusters"):
        cluster_source()  # what default_model()'s fingerprint check reads: no bare FileNotFoundError
    monkeypatch.undo()

    with pytest.raises(StancemapError, match="No word-cluster table at .*git checkout.*stancemap model clusters"):
        load_cluster_table(tmp_path / "none.npz")
    (tmp_path / "text.npz").write_text("not a table")
    with pytest.raises(StancemapError, match="text.npz is not a word-cluster table"):
        load_cluster_table(tmp_path / "text.npz")
    np.savez(tmp_path / "other.npz", x=np.arange(3))
    with pytest.raises(StancemapError, match="not a word-cluster table: it lacks cluster_columns, cluster_ids, k, n_word"):
        load_cluster_table(tmp_path / "other.npz")


def test_cli_explains_by_cluster(capsys):
    from stancemap.cli import main

    assert main(["explain", "An embargo on oil and gas.", "--target", "frames", "--kind", "cluster"]) == 0
    out = capsys.readouterr().out
    assert "cluster" in out and "embargo" in out


def test_cluster_texts_find_the_data_directory_as_the_real_labels_do(monkeypatch, tmp_path):
    """`stancemap model clusters` without STANCEMAP_DATA looked only in the user cache (the dataset
    registry's policy) and failed beside ../shared/datasets; it now follows stancemap.paths.data_dir."""
    import stancemap.datasets as ds
    from stancemap import paths
    from stancemap.training import CLUSTER_SOURCES, cluster_texts

    seen = []

    def fake(name, data_dir=None, **options):
        seen.append((name, data_dir))
        return pd.DataFrame({"text": [f"a text of {name}", None]})

    monkeypatch.setattr(ds, "load_dataset", fake)
    monkeypatch.delenv(paths.DATA_ENV, raising=False)
    texts = cluster_texts()
    assert [n for n, _ in seen] == [n for n, _ in CLUSTER_SOURCES] and len(texts) == 2 * len(CLUSTER_SOURCES)
    assert {d for _, d in seen} == {paths.data_dir(None)}
    seen.clear()
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path))
    cluster_texts()
    assert {d for _, d in seen} == {tmp_path}
