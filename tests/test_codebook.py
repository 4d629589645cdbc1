from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from stancemap.codebook import (ORIGINS, Codebook, Frame, Target, compile_cues, label_counts, load_codebook,
                                load_training)
from stancemap.errors import StancemapError

#: Minimums the bundled training data must meet (issue 3): positives per frame,
#: examples per stance label per target.
MIN_FRAME = 60
MIN_STANCE = 40

TINY = """\
name: tiny
version: 0.1
frames:
  weather:
    label: Weather
    definition: Talks about the weather.
    rules: [Rain counts.]
    cues: [rain*, sunny, cold front]
  money:
    label: Money
    definition: Talks about money.
    cues: [cost*, price]
stance:
  labels: [pro, con, none]
  targets:
    picnic:
      label: The picnic
      definition: Holding the picnic on Sunday.
      favor: Wants the picnic.
      against: Wants it cancelled.
      cues: [picnic]
"""


@pytest.fixture
def tiny_path(tmp_path) -> Path:
    p = tmp_path / "tiny.yaml"
    p.write_text(TINY, encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def bundled_codebook() -> Codebook:
    return load_codebook()


def write_csv(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def tiny_rows() -> list[dict]:
    return [
        {"example_id": "t1", "text": "Rain is coming and the picnic is off.", "origin": "constructed",
         "register": "tweet", "frames": "weather", "stance_picnic": "con", "note": ""},
        {"example_id": "t2", "text": "The price is fine; let us have the picnic.", "origin": "constructed",
         "register": "statement", "frames": "money;weather", "stance_picnic": "pro", "note": "order"},
        {"example_id": "t3", "text": "Nothing to report.", "origin": "user", "register": "", "frames": "",
         "stance_picnic": "none", "note": ""},
    ]


# -- the bundled codebook ---------------------------------------------------------------

def test_bundled_codebook_has_design_frames_and_targets(bundled_codebook):
    cb = bundled_codebook
    assert cb.name == "ceasefire-codebook" and re.fullmatch(r"\d+\.\d+\.\d+", cb.version)
    assert cb.frame_keys == ["diplomacy", "security", "humanitarian", "economic", "sovereignty", "blame",
                             "alliance", "morality"]
    assert cb.target_keys == ["full_ceasefire", "energy_truce", "military_aid", "sanctions",
                              "territorial_concessions"]
    assert cb.labels == ("favor", "against", "none")
    assert cb.frame_columns[0] == "frame_diplomacy" and len(cb.frame_columns) == 8
    assert cb.stance_columns == [f"stance_{k}" for k in cb.target_keys]
    assert cb.references and cb.description


def test_bundled_codebook_entries_are_complete(bundled_codebook):
    for key, frame in bundled_codebook.frames.items():
        assert isinstance(frame, Frame)
        assert frame.definition and frame.rules, key
        assert 15 <= len(frame.cues) <= 40, (key, len(frame.cues))
        assert all(c == c.lower() for c in frame.cues), key
    for key, target in bundled_codebook.targets.items():
        assert isinstance(target, Target)
        assert target.definition and target.favor and target.against and target.rules, key
        assert 15 <= len(target.cues) <= 40, (key, len(target.cues))


def test_codebook_is_immutable(bundled_codebook):
    with pytest.raises(Exception):
        bundled_codebook.name = "other"
    with pytest.raises(TypeError):
        bundled_codebook.frames["new"] = bundled_codebook.frames["diplomacy"]


def test_cue_pattern_words_prefixes_and_phrases(bundled_codebook):
    pat = bundled_codebook.cue_pattern("diplomacy")
    found = [m.lower() for m in pat.findall("Negotiations resumed after the phone call; peace talks in Jeddah.")]
    assert found == ["negotiations", "phone call", "peace talks", "jeddah"]
    # whole words only: "talks" must not match inside "stalks"
    assert not pat.search("The heron stalks the pond.")
    aid = bundled_codebook.cue_pattern("military_aid")
    assert [m.lower() for m in aid.findall("More F-16s and military aid.")] == ["f-16s", "military aid"]
    assert aid.search("MILITARY   AID")  # case and whitespace insensitive


def test_cue_pattern_errors(bundled_codebook, tiny_path):
    with pytest.raises(StancemapError, match=r"'diplomcy' not found.*Did you mean 'diplomacy'"):
        bundled_codebook.cue_pattern("diplomcy")
    with pytest.raises(StancemapError, match="Cue kind"):
        bundled_codebook.cue_pattern("diplomacy", kind="topic")
    both = tiny_path.read_text().replace("  targets:\n    picnic:", "  targets:\n    weather:")
    tiny_path.write_text(both)
    cb = load_codebook(tiny_path)
    with pytest.raises(StancemapError, match="both a frame and a stance target"):
        cb.cue_pattern("weather")
    assert cb.cue_pattern("weather", kind="target").search("a picnic")
    assert cb.cue_pattern("weather", kind="frame").search("raining")


def test_compile_cues_prefers_longest_and_rejects_empty():
    pat = compile_cues(["peace", "peace talks", "talk*"])
    assert pat.findall("peace talks, talking") == ["peace talks", "talking"]
    with pytest.raises(StancemapError, match="No cue terms"):
        compile_cues(["  "])


# -- any codebook of the same shape -------------------------------------------------------

def test_tiny_custom_codebook(tiny_path):
    cb = load_codebook(tiny_path)
    assert cb.name == "tiny" and cb.version == "0.1"
    assert cb.frame_columns == ["frame_weather", "frame_money"]
    assert cb.stance_columns == ["stance_picnic"]
    assert cb.labels == ("pro", "con", "none")
    assert cb.frame("money").rules == ()
    assert cb.cue_pattern("weather").findall("Rainy, then a cold  front.") == ["Rainy", "cold  front"]
    assert cb.target("picnic").favor == "Wants the picnic."
    with pytest.raises(StancemapError, match="Stance target 'picnik' not found.*Did you mean 'picnic'"):
        cb.target("picnik")


def _broken(tiny_path: Path, edit) -> Path:
    data = yaml.safe_load(tiny_path.read_text())
    edit(data)
    tiny_path.write_text(yaml.safe_dump(data))
    return tiny_path


@pytest.mark.parametrize("edit, message", [
    (lambda d: d.pop("frames"), r"tiny.yaml, line 1: missing required key 'frames'"),
    (lambda d: d.update(frames={}), "has no frames"),
    (lambda d: d["frames"]["weather"].pop("definition"), r"line \d+ \(frames.weather\): missing required key 'definition'"),
    (lambda d: d["frames"]["weather"].update(cues=[]), r"\(frames.weather.cues\): is an empty list"),
    (lambda d: d["frames"]["weather"].update(cues="rain"), r"\(frames.weather.cues\): must be a list, got text \('rain'\)"),
    (lambda d: d["frames"]["weather"].update(cues=["ra*in"]), r"'\*' inside a word"),
    (lambda d: d["frames"].update({"Bad Key": d["frames"]["money"]}), r"key 'Bad Key' is not valid.*lower-case letters"),
    (lambda d: d["stance"].update(labels=["pro"]), "at least two distinct labels"),
    (lambda d: d["stance"].update(labels=["pro", "pro", "none"]), "at least two distinct labels"),
    (lambda d: d["stance"].pop("targets"), r"\(stance\): missing required key 'targets'"),
    (lambda d: d["stance"]["targets"]["picnic"].pop("against"), r"\(stance.targets.picnic\): missing required key 'against'"),
    (lambda d: d["stance"].update(targets={}), r"\(stance.targets\): has no targets"),
])
def test_bad_codebooks_give_clear_errors(tiny_path, edit, message):
    with pytest.raises(StancemapError, match=message):
        load_codebook(_broken(tiny_path, edit))


def test_bad_codebook_files(tmp_path):
    with pytest.raises(StancemapError, match="not found"):
        load_codebook(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [unclosed\n")
    with pytest.raises(StancemapError, match="not valid YAML"):
        load_codebook(bad)
    bad.write_text("- just\n- a list\n")
    with pytest.raises(StancemapError, match="must contain a mapping"):
        load_codebook(bad)
    bad.write_text("name: x\nversion: 1\nfrmes: {}\nstance: {}\n")
    with pytest.raises(StancemapError, match=r"bad.yaml, line 3 \(frmes\): unknown key 'frmes'.*Did you mean 'frames'"):
        load_codebook(bad)


# -- training data ------------------------------------------------------------------------

def test_load_training_tiny(tmp_path, tiny_path):
    cb = load_codebook(tiny_path)
    path = write_csv(tmp_path / "a.csv", tiny_rows())
    df = load_training(path, cb)
    assert list(df.columns) == ["example_id", "text", "origin", "register", "frames", "frame_weather",
                                "frame_money", "stance_picnic", "note", "source"]
    assert df["frames"].tolist() == ["weather", "weather;money", ""]  # codebook order
    assert df["frame_money"].tolist() == [0, 1, 0]
    assert set(df["source"]) == {"a.csv"}
    counts = label_counts(df, cb)
    assert list(counts.columns) == ["kind", "key", "label", "n"]
    got = {(k, lab): n for _, k, lab, n in counts.itertuples(index=False)}
    assert got == {("weather", "present"): 2, ("money", "present"): 1, ("picnic", "pro"): 1,
                   ("picnic", "con"): 1, ("picnic", "none"): 1}


def test_load_training_folder_sorted_and_optional_columns(tmp_path, tiny_path):
    cb = load_codebook(tiny_path)
    rows = tiny_rows()
    write_csv(tmp_path / "b.csv", [{k: v for k, v in rows[0].items() if k not in ("register", "note")}])
    write_csv(tmp_path / "a.csv", rows[1:])
    df = load_training(tmp_path, cb)
    assert df["example_id"].tolist() == ["t2", "t3", "t1"]
    assert df.loc[2, "register"] == "" and df.loc[2, "note"] == ""


@pytest.mark.parametrize("change, message", [
    ({"frames": "weather;wether"}, r"a\.csv, row 3 \(example_id 't2'\), column 'frames': label 'wether'.*"
                                   r"Valid: weather, money.*Did you mean 'weather'"),
    ({"stance_picnic": "favor"}, r"row 3 \(example_id 't2'\), column 'stance_picnic': label 'favor'.*"
                                 r"Valid: pro, con, none"),
    ({"origin": "seed"}, r"row 3.*origin 'seed' is not known.*constructed.*held-out"),
    ({"text": "  "}, r"row 3 \(example_id 't2'\): empty text"),
])
def test_load_training_bad_labels_name_file_row_label_and_valid(tmp_path, tiny_path, change, message):
    cb = load_codebook(tiny_path)
    rows = tiny_rows()
    rows[1].update(change)
    with pytest.raises(StancemapError, match=message):
        load_training(write_csv(tmp_path / "a.csv", rows), cb)


def test_load_training_structural_errors(tmp_path, tiny_path):
    cb = load_codebook(tiny_path)
    rows = [{k: v for k, v in r.items() if k != "stance_picnic"} for r in tiny_rows()]
    with pytest.raises(StancemapError, match=r"a\.csv is missing column\(s\) 'stance_picnic'"):
        load_training(write_csv(tmp_path / "a.csv", rows), cb)
    write_csv(tmp_path / "a.csv", tiny_rows())
    write_csv(tmp_path / "b.csv", tiny_rows()[:1])
    with pytest.raises(StancemapError, match=r"Duplicate example_id.*t1 \(a\.csv\), t1 \(b\.csv\)"):
        load_training(tmp_path, cb)
    write_csv(tmp_path / "b.csv", [{**tiny_rows()[0], "example_id": "t9"}])
    with pytest.warns(UserWarning, match="1 of 4 training examples repeat the text"):
        assert len(load_training(tmp_path, cb)) == 4  # kept, not dropped
    with pytest.raises(StancemapError, match="not found"):
        load_training(tmp_path / "missing.csv", cb)


def test_seed_gold_is_not_a_training_origin():
    assert "constructed" in ORIGINS and "seed" not in ORIGINS


def test_label_counts_from_frames_column_and_missing_columns(tiny_path):
    cb = load_codebook(tiny_path)
    df = pd.DataFrame({"frames": ["weather", "money;weather", ""], "stance_picnic": ["pro", "pro", "none"]})
    before = df.copy()
    counts = label_counts(df, cb).set_index(["key", "label"])["n"]
    assert counts[("weather", "present")] == 2 and counts[("picnic", "con")] == 0
    pd.testing.assert_frame_equal(df, before)
    with pytest.raises(StancemapError, match="stance_picnic"):
        label_counts(df.drop(columns="stance_picnic"), cb)
    with pytest.raises(StancemapError, match="neither"):
        label_counts(df.drop(columns="frames"), cb)


# -- the bundled training data ------------------------------------------------------------

@pytest.fixture(scope="module")
def training(bundled_codebook) -> pd.DataFrame:
    return load_training(codebook=bundled_codebook)


def test_bundled_training_validates_and_is_constructed(training, bundled_codebook):
    assert training["example_id"].is_unique
    assert set(training["origin"]) <= set(ORIGINS)
    constructed = training[training["origin"] == "constructed"]
    assert len(constructed) > 0
    assert set(training["register"]) - {""} <= {"press_release", "interview", "tweet", "speech", "statement",
                                                  "op_ed"}
    for col in bundled_codebook.stance_columns:
        assert set(training[col]) <= set(bundled_codebook.labels)


def test_bundled_training_meets_minimums(training, bundled_codebook):
    counts = label_counts(training, bundled_codebook)
    frames = counts[counts["kind"] == "frame"]
    short = frames[frames["n"] < MIN_FRAME]
    assert short.empty, f"frames below {MIN_FRAME} positives:\n{short}"
    stance = counts[counts["kind"] == "stance"]
    short = stance[stance["n"] < MIN_STANCE]
    assert short.empty, f"stance labels below {MIN_STANCE} examples:\n{short}"


def test_constructed_examples_name_no_real_person(training, root):
    """Constructed sentences are attributed to nobody real: no real leader's name appears in them."""
    registry = yaml.safe_load((root / "corpora" / "actors.yaml").read_text(encoding="utf-8"))
    names = set()
    for group in registry.get("actors", {}).values():
        for member in group.get("members", []):
            if member.get("kind") == "institution":
                continue
            # surnames: the last word of the canonical name ("Donald Trump" -> "trump") and
            # one-word aliases (spelling variants such as "Zelensky"); titles are not names
            names.add(member["name"].split()[-1].lower())
            names.update(a.lower() for a in member.get("aliases", []) if len(a.split()) == 1 and a[:1].isupper())
    assert names, "the actor registry lists no people"
    constructed = training.loc[training["origin"] == "constructed", "text"].str.lower()
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names))) + r")\b")
    hits = constructed[constructed.str.contains(pattern)]
    assert hits.empty, f"constructed examples mention real people: {hits.tolist()[:5]}"


def test_gold_labels_match_statements_and_codebook(root, bundled_codebook):
    folder = root / "corpora" / "ceasefire-2025-03" / "annotations"
    statements = pd.read_csv(folder / "statements.csv", dtype=str, keep_default_na=False)
    labels = pd.read_csv(folder / "labels.csv", dtype=str, keep_default_na=False)
    assert list(labels.columns) == ["gold_id", "frames", *bundled_codebook.stance_columns, "note"]
    assert sorted(labels["gold_id"]) == sorted(statements["gold_id"])
    for frames in labels["frames"]:
        assert set(filter(None, frames.split(";"))) <= set(bundled_codebook.frames)
    for col in bundled_codebook.stance_columns:
        assert set(labels[col]) <= set(bundled_codebook.labels)
    training_texts = set(load_training(codebook=bundled_codebook)["text"].str.strip().str.lower())
    assert not training_texts & set(statements["text"].str.strip().str.lower()), "gold text leaked into training"


def test_cue_prefix_does_not_match_after_a_hyphenated_prefix():
    from stancemap.codebook import compile_cues

    r = compile_cues(["escalat*", "ceasefire"])
    assert r.findall("de-escalation, escalation, ceasefire-talks") == ["escalation", "ceasefire"]


_CUE_WORDS = ["peace", "peace talks", "talks", "talk*", "de-escalat*", "escalat*", "truce", "tru*", "t",
              "cease-fire", "ceasefire", "sanction*", "Sanctions", "no deal", "*fire"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_CUE_WORDS), min_size=1, max_size=8, unique=True),
       st.lists(st.sampled_from(["Peace", "talks", "peaceful", "de-escalation", "truces", "t", "Talking",
                                 "cease-fire", "no", "deal", "sanctions,", "ceasefire-talks", "x", "  ",
                                 "\n", "fire", "wildfire", "-"]), max_size=20).map(" ".join))
def test_compiled_cues_match_like_the_flat_alternation(cues, text_):
    """Alternatives grouped by first character find exactly what one flat, longest-first
    alternation finds."""
    import re

    from stancemap.codebook import _cue_regex, compile_cues

    ordered = sorted({c.strip().lower() for c in cues}, key=lambda c: (-len(c), c))
    flat = re.compile(rf"(?<![\w-])(?:{'|'.join(_cue_regex(c) for c in ordered)})(?!\w)", re.IGNORECASE)
    assert compile_cues(cues).findall(text_) == flat.findall(text_)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_CUE_WORDS + ["ſanction*", "café", "Kiev", "İstanbul"]), min_size=1, max_size=6,
                unique=True),
       st.lists(st.lists(st.sampled_from(["Peace", "TALKS", "peaceful", "De-Escalation", "truces", "SANCTIONS",
                                          "ſanctions", "Café", "CAFÉ", "kiev", "KİEV", "istanbul", "İstanbul",
                                          "K", " ", "\n", "-", ",", "’s"]), max_size=15).map(" ".join),
                max_size=8))
def test_count_matches_equals_findall(cues, texts):
    """The lower-case fast path for ASCII text finds what the case-insensitive pattern finds."""
    from stancemap import codebook
    from stancemap.codebook import count_matches

    pat = compile_cues(cues)
    want = [len(pat.findall(t)) for t in texts]
    assert count_matches(pat, texts).tolist() == want  # fewer than TWIN_FROM texts: the pattern itself
    saved, codebook.TWIN_FROM = codebook.TWIN_FROM, 0
    try:
        assert count_matches(pat, iter(texts)).tolist() == want  # the twin, for every ASCII text
    finally:
        codebook.TWIN_FROM = saved


def test_unknown_codebook_keys_are_errors_with_line_and_fix(tiny_path):
    text = tiny_path.read_text().replace("    cues:", "    cue:", 1)
    tiny_path.write_text(text)
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.strip().startswith("cue:"))
    with pytest.raises(StancemapError, match=rf"tiny.yaml, line {line} \(frames\.\w+\.cue\): unknown key 'cue'\. "
                                             r"Valid keys here: label, definition, rules, cues\. Did you mean 'cues'\?"
                                             r" Fix: rename 'cue' to 'cues'\."):
        load_codebook(tiny_path)


def test_bundled_and_fixture_codebooks_validate(root):
    from stancemap import configcheck
    for rel in ("corpora/codebook.yaml", "models/default/codebook.yaml", "tests/fixtures/models/codebook.yaml"):
        assert configcheck.check_any(root / rel) == ("codebook", []), rel
        load_codebook(root / rel)


def test_load_codebook_parses_a_file_once_per_content(tmp_path):
    """The same file with the same bytes gives the same (immutable) Codebook; changed bytes are read again."""
    text = Path(load_codebook().source).read_text(encoding="utf-8")
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    first = load_codebook(path)
    assert load_codebook(path) is first
    path.write_text(text.replace("name: ceasefire-codebook", "name: northland-codebook", 1), encoding="utf-8")
    changed = load_codebook(path)
    assert changed.name == "northland-codebook" and first.name == "ceasefire-codebook"
    assert changed.frames.keys() == first.frames.keys()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_CUE_WORDS + ["peace deal", "talk* now", "ſanction*"]), min_size=1, max_size=8,
                unique=True),
       st.lists(st.sampled_from(["Peace", "talks", "peaceful", "de-escalation", "truces", "t", "Talking", "deal",
                                 "cease-fire", "no", "sanctions,", "ceasefire-talks", "x", "  ", "\n", "fire",
                                 "*fire", "wildfire", "-", "now", "ſanctions", "talk’s"]), max_size=20).map(" ".join))
def test_cue_trie_matches_where_the_cues_match(cues, text_):
    """The trie of the cues matches at exactly the positions where compile_cues matches."""
    import re

    from stancemap.codebook import cue_trie

    pat = compile_cues(cues)
    trie = re.compile(rf"(?<![\w-])(?:{cue_trie(cues)})", re.IGNORECASE)
    assert [bool(trie.match(text_, p)) for p in range(len(text_) + 1)] == [
        bool(pat.match(text_, p)) for p in range(len(text_) + 1)]


def test_cue_trie_shares_prefixes_and_rejects_no_cues():
    from stancemap.codebook import cue_trie

    assert cue_trie(["peace", "peace talks", "pea*"]) == r"pea(?:[\w'’-]*(?!\w)|ce(?:\s+talks(?!\w)|(?!\w)))"
    with pytest.raises(StancemapError, match="No cue terms"):
        cue_trie([" "])
