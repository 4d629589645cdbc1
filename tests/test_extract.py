"""Tests for stancemap.extract.

Constructed articles use the fictional registry of ``tiny_registry_yaml``
(Northland: Ada Quill, the Northland Ministry; Southland: Bram Oduya): every
sentence is made up for these tests (origin: constructed) and attributed to
nobody real. The seed article is scored against its gold annotation.
"""
from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stancemap.actors import load_actors
from stancemap.errors import StancemapError
from stancemap.span_matching import match_spans, precision_recall
from stancemap.extract import EXTRACTOR, extract, extract_text
from stancemap.extract.table import unattributed_speakers, unattributed_warning
from stancemap.schema import STATEMENT_COLUMNS, UNATTRIBUTED, validate_statements

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpora" / "ceasefire-2025-03" / "annotations"


@pytest.fixture
def tiny(tiny_registry_yaml):
    return load_actors(tiny_registry_yaml)


def run(text, registry, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return extract_text(text, registry, **kw)


def rows(df):
    """(actor, speaker, kind, text) tuples, for readable assertions."""
    return [(r.actor, r.speaker, r.kind, r.text) for r in df.itertuples()]


def check_spans(df, text):
    for r in df.itertuples():
        assert 0 <= r.char_start <= r.char_end <= len(text)
        assert text[r.char_start:r.char_end] == r.text
        assert r.text in r.sentence and r.sentence in text


# --------------------------------------------------------------------------- direct quotes

def test_direct_quote_attribution_after(tiny):
    text = ("“We will not sign a deal that hurts our farmers,” Quill said on Monday. "
            "“The border stays open for trade,” said Prime Minister Oduya.")
    df = run(text, tiny)
    assert rows(df) == [
        ("north", "Ada Quill", "direct", "We will not sign a deal that hurts our farmers,"),
        ("south", "Bram Oduya", "direct", "The border stays open for trade,"),
    ]
    assert list(df["cue"]) == ["said", "said"]
    check_spans(df, text)


def test_direct_quote_attribution_before_and_colon(tiny):
    text = ("Oduya told reporters in the capital: “The border stays open.”\n"
            "Quill said, “Talks resume on Monday.”")
    df = run(text, tiny)
    assert rows(df) == [
        ("south", "Bram Oduya", "direct", "The border stays open."),
        ("north", "Ada Quill", "direct", "Talks resume on Monday."),
    ]
    check_spans(df, text)


def test_split_quote_has_one_speaker(tiny):
    text = "“We want peace,” Quill said, “but not at any price for our farmers.”"
    df = run(text, tiny)
    assert set(df["speaker"]) == {"Ada Quill"}
    assert set(df["kind"]) == {"direct"}
    assert "We want peace," in list(df["text"]) and "but not at any price for our farmers." in list(df["text"])


def test_straight_quotes_work_like_typographic_ones(tiny):
    text = '"We will not sign a deal that hurts our farmers," Quill said.'
    df = run(text, tiny)
    assert rows(df) == [("north", "Ada Quill", "direct", "We will not sign a deal that hurts our farmers,")]


def test_mixed_quote_in_reported_speech(tiny):
    text = "Oduya called for calm but described the offer as a “cynical trick” aimed at voters."
    df = run(text, tiny)
    kinds = dict(zip(df["cue"], df["kind"]))
    assert kinds["described"] == "mixed"
    assert df.loc[df["cue"] == "described", "text"].item() == "the offer as a “cynical trick” aimed at voters"
    assert set(df["actor"]) == {"south"}


def test_quote_continuing_the_previous_speaker(tiny):
    text = ("Quill said on Monday that talks would resume.\n"
            "“We have waited long enough for an answer from the south.”")
    df = run(text, tiny)
    cont = df[df["kind"] == "direct"]
    assert cont["speaker"].tolist() == ["Ada Quill"]
    assert cont["confidence"].item() < 0.8      # a guess, and says so


# --------------------------------------------------------------------------- reported speech

@pytest.mark.parametrize("sentence, cue, content", [
    ("Quill said that the tariffs would be lifted in May.", "said", "the tariffs would be lifted in May"),
    ("Quill insisted the tariffs would be lifted in May.", "insisted", "the tariffs would be lifted in May"),
    ("Quill accused Southland of stalling the talks.", "accused", "Southland of stalling the talks"),
    ("Quill demanded that the southern troops withdraw.", "demanded", "the southern troops withdraw"),
    ("Quill reassured the farmers that prices would hold.", "reassured", "prices would hold"),
    ("Quill warned that the harvest was at risk.", "warned", "the harvest was at risk"),
    ("Quill urged both sides to return to the table.", "urged", "both sides to return to the table"),
    ("Quill rejected the southern proposal as unworkable.", "rejected", "the southern proposal as unworkable"),
    ("Quill denied that any deal had been struck.", "denied", "any deal had been struck"),
    ("Quill told reporters that the border would reopen.", "told", "the border would reopen"),
    ("Quill called for an immediate halt to the shelling.", "called for", "an immediate halt to the shelling"),
    ("Quill welcomed the agreement as a good start.", "welcomed", "the agreement as a good start"),
    ("Quill stressed the need for new elections.", "stressed", "the need for new elections"),
    ("According to Quill, the harvest was the best in years.", "according to",
     "the harvest was the best in years"),
    ("The harvest was the best in years, according to Quill.", "according to",
     "The harvest was the best in years"),
])
def test_cue_verbs(tiny, sentence, cue, content):
    df = run(sentence, tiny)
    assert rows(df) == [("north", "Ada Quill", "indirect", content)]
    assert df["cue"].item() == cue
    check_spans(df, sentence)


def test_participial_and_appositive_subjects(tiny):
    text = ("The Ministry published its figures, with Quill insisting that the drought was over. "
            "Oduya, speaking from the southern port, said exports had doubled.")
    df = run(text, tiny)
    assert ("north", "Ada Quill", "indirect", "the drought was over") in rows(df)
    assert ("south", "Bram Oduya", "indirect", "exports had doubled") in rows(df)


def test_second_verb_of_the_same_subject(tiny):
    text = "Quill praised the mediators as “patient and fair” and claimed progress on the border question."
    df = run(text, tiny)
    assert rows(df) == [
        ("north", "Ada Quill", "mixed", "the mediators as “patient and fair”"),
        ("north", "Ada Quill", "indirect", "progress on the border question"),
    ]


def test_attribution_after_a_comma_or_in_the_previous_line(tiny):
    text = ("The harvest was the best in years, Quill said on Monday. The river is low, said Oduya.\n"
            "In a statement, the Ministry said:\n“The border will stay closed until further notice.”")
    df = run(text, tiny)
    assert rows(df) == [
        ("north", "Ada Quill", "indirect", "The harvest was the best in years"),
        ("south", "Bram Oduya", "indirect", "The river is low"),
        ("north", "Northland Ministry", "direct", "The border will stay closed until further notice."),
    ]


def test_relative_clause_speaker(tiny):
    text = "Quill spoke with Oduya, who said the border would reopen in spring."
    assert rows(run(text, tiny)) == [("south", "Bram Oduya", "indirect", "the border would reopen in spring")]


def test_several_speakers_in_one_clause(tiny):
    text = "Quill and Oduya accused each other of stalling the talks."
    df = run(text, tiny)
    assert sorted(df["actor"]) == ["north", "south"]
    assert df["text"].nunique() == 1 and df["text"].iloc[0] == "each other of stalling the talks"
    assert df["statement_id"].nunique() == 2


def test_content_is_cut_at_the_next_speaker_and_narrator_gloss(tiny):
    text = ("Quill demanded that the dam be opened—a step the south has long resisted, "
            "while Oduya warned that the river was already low.")
    df = run(text, tiny)
    assert ("north", "Ada Quill", "indirect", "the dam be opened") in rows(df)
    assert ("south", "Bram Oduya", "indirect", "the river was already low") in rows(df)


# --------------------------------------------------------------------------- resolution

def test_pronouns_resolve_to_the_right_recent_actor(tiny):
    text = ("Quill visited the northern farms on Monday. Later, she said the tariffs would go. "
            "Oduya stayed in the capital. He insisted that nothing had changed.")
    df = run(text, tiny)
    assert ("north", "Ada Quill", "indirect", "the tariffs would go") in rows(df)
    assert ("south", "Bram Oduya", "indirect", "nothing had changed") in rows(df)


def test_institution_pronoun_and_institutional_statement(tiny):
    text = ("Oduya spoke to farmers, but Northgate was less optimistic. Its statement outlined “serious gaps” "
            "in the plan. The Ministry statement issued after the call omitted any mention of tariffs, "
            "instead focusing on water rights.")
    df = run(text, tiny)
    by_cue = {r.cue: r for r in df.itertuples()}
    assert by_cue["outlined"].speaker == "Northland Ministry" and by_cue["outlined"].kind == "mixed"
    assert by_cue["outlined"].text == "“serious gaps” in the plan"
    assert by_cue["omitted"].speaker == "Northland Ministry"
    assert "water rights" in by_cue["omitted"].text


def test_titles_and_descriptions(tiny):
    text = ("Quill met the visiting delegation. The Northland leader said later that the meeting went well. "
            "Hours later, the Southland premier insisted that no meeting had taken place. "
            "The President stressed that the invitation stood.")
    df = run(text, tiny)
    assert ("north", "Ada Quill", "indirect", "the meeting went well") in rows(df)
    assert ("south", "Bram Oduya", "indirect", "no meeting had taken place") in rows(df)
    # "the President": the most recent member whose aliases carry the title (President Quill)
    assert ("north", "Ada Quill", "indirect", "the invitation stood") in rows(df)


# --------------------------------------------------------------------------- what is not an actor's statement

def test_speakers_outside_the_registry_are_kept_unattributed(tiny):
    text = ("Tomas Reyk, a grain trader in the port, said prices had tripled. "
            "A spokesman for Northgate said the figures were wrong.")
    with pytest.warns(UserWarning, match=r"2 of 2 statements had no attributable speaker; kept as "
                                         r"actor='unattributed'"):
        df = extract_text(text, tiny)
    assert set(df["actor"]) == {UNATTRIBUTED}
    assert df["speaker"].tolist()[0] == "Tomas Reyk"
    assert "spokesman for Northgate" in df["speaker"].tolist()[1]


def test_unnamed_opinion_is_never_an_actor(tiny):
    text = ("Many see Quill’s plan as a gamble. Analysts say the deal is fragile. "
            "Critics argue that Oduya has no mandate. Observers expect the talks to fail.")
    df = run(text, tiny)
    assert (df["actor"] == UNATTRIBUTED).all()
    assert set(df["speaker"]) <= {"Analysts", "Critics"}


def test_scare_quotes_and_narrator_summaries_are_not_statements(tiny):
    text = ("The so-called “deal” has few friends. Whether the “understanding” between Quill and Oduya "
            "holds is unclear—conditions that the south has repeatedly rejected.")
    assert run(text, tiny).empty


def test_headline_is_not_a_statement(tiny):
    text = "Quill rejects southern truce as talks stall\nThe talks stalled on Monday."
    assert run(text, tiny).empty


def test_passive_and_noun_homographs_are_not_cues(tiny):
    text = ("The farmers were told to wait. The Southland states have their own rules. "
            "Northland demands are well known.")
    assert run(text, tiny).empty


# --------------------------------------------------------------------------- transcripts and official texts

TRANSCRIPT = ("Ada Quill: Good afternoon. We are ready to talk about the river.\n"
              "Question: When will the border reopen?\n"
              "Bram Oduya: Not before the harvest. We need guarantees first.\n"
              "Lena Voss: Thank you both.")


def test_transcript_turns_get_their_own_speakers(tiny):
    df = run(TRANSCRIPT, tiny)
    assert rows(df) == [
        ("north", "Ada Quill", "direct", "Good afternoon."),
        ("north", "Ada Quill", "direct", "We are ready to talk about the river."),
        (UNATTRIBUTED, "Question", "question", "When will the border reopen?"),
        ("south", "Bram Oduya", "direct", "Not before the harvest."),
        ("south", "Bram Oduya", "direct", "We need guarantees first."),
        (UNATTRIBUTED, "Lena Voss", "direct", "Thank you both."),
    ]
    assert set(df["cue"]) == {"turn"}


def test_inline_transcript_without_line_breaks(tiny):
    text = ("The leaders met in the capital. Ada Quill: We are ready. Thank you. "
            "Bram Oduya: We are not. Question: Why not? Bram Oduya: Because of the river.")
    df = run(text, tiny, doc_kind="official", doc_actor="north", doc_speaker="Northland Ministry")
    assert rows(df) == [
        ("north", "Northland Ministry", "official", "The leaders met in the capital."),
        ("north", "Ada Quill", "direct", "We are ready."),
        ("north", "Ada Quill", "direct", "Thank you."),
        ("south", "Bram Oduya", "direct", "We are not."),
        (UNATTRIBUTED, "Question", "question", "Why not?"),
        ("south", "Bram Oduya", "direct", "Because of the river."),
    ]


PRESS_CONFERENCE = ("ADA QUILL: We are ready to talk about the river. (Laughter.)\n\n"
                    "Question (State Radio): Is Southland preparing a new offensive?\n\n"
                    "PRIME MINISTER ODUYA (via interpreter): No.\n\n"
                    "Q\u00a0\u00a0And the border?\n\n"
                    "ADA QUILL: Not before the harvest.")


def test_questions_and_visitors_in_a_hosts_transcript(tiny):
    df = run(PRESS_CONFERENCE, tiny, doc_kind="official", doc_actor="north", doc_speaker="Northland Ministry")
    assert rows(df) == [
        ("north", "Ada Quill", "direct", "We are ready to talk about the river."),
        (UNATTRIBUTED, "State Radio", "question", "Is Southland preparing a new offensive?"),
        ("south", "Bram Oduya", "direct", "No."),
        (UNATTRIBUTED, "Q", "question", "And the border?"),
        ("north", "Ada Quill", "direct", "Not before the harvest."),
    ]
    validate_statements(df)


def test_questions_are_not_an_actors_statements_downstream(tiny):
    from stancemap.compare import group_counts

    df = run(PRESS_CONFERENCE, tiny, doc_kind="official", doc_actor="north", doc_speaker="Northland Ministry")
    counts = group_counts(df, registry=tiny).set_index("group")["statements"].to_dict()
    assert counts == {"north": 2, "south": 1, UNATTRIBUTED: 2}


def test_the_unattributed_warning_names_who_they_are(tiny):
    """The warning (and the report) say which speakers outside the registry are most frequent and how many
    statements are reporters' questions, so a user sees whom to add to the registry (bug: it gave a count
    only, and "SECRETARY LUTNICK" in a White House transcript went unnoticed)."""
    text = PRESS_CONFERENCE + "\nTOMAS REYK: The harvest is late.\nTOMAS REYK: Prices are up.\nLIV ARNE: Agreed."
    with pytest.warns(UserWarning) as caught:
        df = extract_text(text, tiny, doc_kind="official", doc_actor="north", doc_speaker="Northland Ministry")
    message = next(str(w.message) for w in caught if "no attributable speaker" in str(w.message))
    assert message == ("5 of 8 statements had no attributable speaker; kept as actor='unattributed' "
                       "(2 reporters' questions; most often among the others: “TOMAS REYK” 2, “LIV ARNE” 1). "
                       "To compare a speaker, add them to the actor registry (the actors file; --actors FILE "
                       "in the CLI).")
    assert unattributed_speakers(df) == [("TOMAS REYK", 2), ("LIV ARNE", 1)]
    assert unattributed_speakers(df, top=1) == [("TOMAS REYK", 2)]
    assert unattributed_warning(df[df["actor"] != UNATTRIBUTED]) is None


def test_a_turn_is_one_statement_per_sentence(tiny):
    """One statement per sentence of a turn, as in the attribution gold set (issue #11): same speaker,
    kind and cue; the label stays outside every span; statement ids differ."""
    turn = " ".join(f"Sentence number {i} is about the river and the farms." for i in range(60))
    df = run("Ada Quill: " + turn, tiny)
    assert len(df) == 60 and df["statement_id"].is_unique
    assert set(df["speaker"]) == {"Ada Quill"} and set(df["cue"]) == {"turn"} and set(df["kind"]) == {"direct"}
    assert df["text"].iloc[0] == "Sentence number 0 is about the river and the farms."
    assert (df["sentence"] == df["text"]).all()


def test_salutations_alone_are_not_statements(tiny):
    df = run("Ada Quill: Dear friends!\nLadies and gentlemen!\nThe river is open.", tiny)
    assert rows(df) == [("north", "Ada Quill", "direct", "The river is open.")]


def test_official_text_is_the_authors_own_words_except_quotes(tiny):
    text = ("The Ministry held talks on water rights. The Ministry welcomes the resumption of talks. "
            "The sides agreed to meet again. “We are not ready to sign,” Oduya said after the meeting.")
    df = run(text, tiny, doc_kind="official", doc_actor="north", doc_speaker="Northland Ministry")
    assert rows(df) == [
        ("north", "Northland Ministry", "official", "The Ministry held talks on water rights."),
        ("north", "Northland Ministry", "official", "The Ministry welcomes the resumption of talks."),
        ("north", "Northland Ministry", "official", "The sides agreed to meet again."),
        ("south", "Bram Oduya", "direct", "We are not ready to sign,"),
    ]


# --------------------------------------------------------------------------- table contract

def test_output_contract_and_no_mutation(tiny):
    docs = pd.DataFrame({"doc_id": ["b", "a"],
                         "text": ["Quill said the river was low.", "Oduya said the port was closed."],
                         "date": ["2025-03-18", None]})
    before = docs.copy()
    df = extract(docs, tiny)
    pd.testing.assert_frame_equal(docs, before)
    assert list(df.columns) == STATEMENT_COLUMNS
    validate_statements(df)
    assert df["doc_id"].tolist() == ["a", "b"]
    assert df["date"].tolist() == ["", "2025-03-18"]          # missing provenance → ""
    assert (df["extractor"] == EXTRACTOR).all() and EXTRACTOR.startswith("stancemap.rules/")
    assert df["confidence"].between(0, 1).all()
    assert df["statement_id"].is_unique
    again = extract(docs, tiny)
    pd.testing.assert_frame_equal(df, again)                  # deterministic, stable ids


def test_empty_and_odd_documents(tiny):
    docs = pd.DataFrame({"doc_id": ["e", "n", "w"], "text": ["", None, "   \n  "]})
    df = extract(docs, tiny)
    assert df.empty and list(df.columns) == STATEMENT_COLUMNS


def test_bad_input_is_explained(tiny):
    with pytest.raises(StancemapError, match="missing column.*'text'"):
        extract(pd.DataFrame({"doc_id": ["a"], "body": ["x"]}), tiny)
    with pytest.raises(StancemapError, match="documents table"):
        extract(42, tiny)
    with pytest.raises(StancemapError, match="does not exist"):
        extract_text("Quill said so.", "no-such-registry.yaml")
    with pytest.raises(StancemapError, match="actors must be"):
        extract_text("Quill said so.", 3)


def test_paths_are_loaded_with_corpus(tmp_path, tiny):
    pytest.importorskip("stancemap.corpus")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Quill said that the river was low.\n", encoding="utf-8")
    df = extract(folder, tiny)
    assert df["doc_id"].tolist() == ["a"]
    assert rows(df) == [("north", "Ada Quill", "indirect", "the river was low")]


# --------------------------------------------------------------------------- the seed article

def _seed_documents():
    corpus = pytest.importorskip("stancemap.corpus")
    return corpus.load_bundled("ceasefire-2025-03")


def _gold_spans(docs, table):
    """Gold rows with char_start/char_end found in the cleaned document text."""
    from stancemap.clean import clean_text

    text = dict(zip(docs["doc_id"], docs["text"]))
    gold = pd.read_csv(GOLD / table)
    starts, ends = [], []
    for r in gold.itertuples():
        needle = clean_text(r.text).text
        doc = text[r.doc_id]
        hits = [i for i in range(len(doc)) if doc.startswith(needle, i)]
        assert hits, f"gold text not found in the cleaned seed: {needle!r}"
        raw = getattr(r, "raw_start", None)
        i = min(hits, key=lambda h: abs(h - raw)) if raw is not None and not pd.isna(raw) else hits[0]
        starts.append(i)
        ends.append(i + len(needle))
    return gold.assign(char_start=starts, char_end=ends)


def test_seed_precision_recall_against_gold():
    docs = _seed_documents()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pred = extract(docs)
    gold = _gold_spans(docs, "statements.csv")
    attributed = pred[pred["actor"] != UNATTRIBUTED]
    scores = precision_recall(attributed, gold, by=("doc_id", "actor"))
    print(f"\nseed gold (right actor required): precision {scores['precision']:.3f}, "
          f"recall {scores['recall']:.3f}, F1 {scores['f1']:.3f} "
          f"({scores['matched_gold']}/{scores['n_gold']} gold found, {scores['n_pred']} predicted)")
    assert scores["recall"] >= 0.9
    assert scores["precision"] >= 0.85
    # the right speaker too, for every gold statement found
    m = match_spans(attributed, gold, by=("doc_id", "actor"))
    pairs = {(gi, attributed.loc[pi, "speaker"]) for pi, gi in zip(m["pred_index"], m["gold_index"])}
    found = sum((gi, g.speaker) in pairs for gi, g in gold.iterrows())
    assert found / len(gold) >= 0.9
    check_spans(pred, docs["text"].iloc[0])


def test_seed_not_statements_are_not_attributed():
    docs = _seed_documents()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pred = extract(docs)
    bad = _gold_spans(docs, "not-statements.csv")
    attributed = pred[pred["actor"] != UNATTRIBUTED]
    m = match_spans(attributed, bad, by=("doc_id",))
    assert m.empty, attributed.loc[m["pred_index"], ["actor", "text"]].to_string()


# --------------------------------------------------------------------------- properties

FRAGMENTS = ["Quill", "Oduya", "the Ministry", "Northgate", "he", "she", "it", "they", "Its statement",
             "said", "insisted that", "accused", "according to", "told reporters", "and", ",", ".", ":",
             "“", "”", '"', "'", "‘", "’", "—", "\n", "Question:", "Ada Quill:", "the Northland leader",
             "analysts say", "the President", "with", "speaking from the port,", "the river", "was low",
             "a spokesman for", "Mr.", "U.S.", "…", "?", "!", "(", ")"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join))
def test_never_crashes_and_spans_are_valid_on_rule_fragments(tiny, text):
    for kind in ("article", "official"):
        df = run(text, tiny, doc_kind=kind, doc_actor="north", doc_speaker="Northland Ministry")
        assert list(df.columns) == STATEMENT_COLUMNS
        check_spans(df, text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_never_crashes_and_spans_are_valid_on_arbitrary_text(tiny, text):
    df = run(text, tiny)
    check_spans(df, text)


# --------------------------------------------------------------------------- real press releases

def test_real_press_releases_invariants(datasets_dir):
    folder = datasets_dir / "kremlin-kyiv-press-2021-2022" / "press_release_data"
    raw = pd.read_csv(folder / "putin.csv", dtype=str, keep_default_na=False).head(80)
    docs = pd.DataFrame({"doc_id": [f"k{i:03d}" for i in range(len(raw))], "text": raw["body"],
                         "doc_kind": "official", "doc_actor": "russia", "doc_speaker": "Kremlin"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = extract(docs)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    for r in df.itertuples():
        assert texts[r.doc_id][r.char_start:r.char_end] == r.text
    official = df[df["kind"] == "official"]
    assert (official["actor"] == "russia").all() and (official["speaker"] == "Kremlin").all()
    turns = df[df["cue"] == "turn"]
    # a visiting leader's or a journalist's turn in a Kremlin transcript is not the Kremlin's
    assert (turns.loc[turns["speaker"] == "Vladimir Putin", "actor"] == "russia").all()
    assert (turns.loc[turns["speaker"] != "Vladimir Putin", "actor"] != "russia").any()


def test_real_kyiv_pages_never_give_their_words_to_the_kremlin(datasets_dir):
    """Three president.gov.ua pages whose words went to Putin or the Russian government (stop 22's case
    study: "The Latvian leader noted …", "… ," said the President after "President Vladimir Putin", "It
    explains why …" after "sanctions on Russia")."""
    from stancemap.datasets import load_dataset
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = load_dataset("kremlin-kyiv-press-2021-2022", datasets_dir, sources=("kyiv",), verify=False)
        docs = docs[docs["doc_id"].isin(["pgu-74313", "pgu-75421", "pgu-75701"])]
        df = extract(docs)
    assert docs["doc_id"].nunique() == 3 and len(df) > 40
    assert (df["actor"] != "russia").all()
    said = df.set_index("text")["speaker"]
    assert said["today all NATO member states must help Ukraine with effective weapons"] == "The Latvian leader"
    quote = df[df["text"].str.startswith("If we want to defend the principles of democracy")]
    assert quote["speaker"].tolist() == ["Volodymyr Zelenskyy"]


def test_speaker_spans_point_at_the_naming_words(tiny):
    text = ("Quill and Oduya accused each other of stalling. “We did not,” he said. "
            "Quill praised the mediators and claimed progress.")
    df = extract(pd.DataFrame({"doc_id": ["d"], "text": [text]}), tiny, speaker_spans=True)
    assert list(df.columns) == STATEMENT_COLUMNS + ["speaker_start", "speaker_end"]
    named = [text[s:e] for s, e in zip(df["speaker_start"], df["speaker_end"])]
    assert named == ["Quill", "Oduya", "he", "Quill", "Quill"]     # the elided subject points at "Quill"
    assert df["text"].tolist()[-1] == "progress"
    with pytest.warns(UserWarning, match="2 of 6 statements had no attributable speaker"):
        turns = extract(pd.DataFrame({"doc_id": ["t"], "text": [TRANSCRIPT]}), tiny, speaker_spans=True)
    assert [TRANSCRIPT[s:e] for s, e in zip(turns["speaker_start"], turns["speaker_end"])] == \
        ["Ada Quill", "Ada Quill", "Question", "Bram Oduya", "Bram Oduya", "Lena Voss"]


def test_processes_give_the_same_table_and_one_warning(monkeypatch, seed_path):
    """extract(..., n_jobs=2) shares blocks of documents between processes: the same table,
    the unattributed warning given once for the whole corpus."""
    import stancemap.extract as ex
    from stancemap.corpus import load

    doc = load([seed_path])
    docs = pd.concat([doc.assign(doc_id=f"d{i:02d}") for i in range(7)], ignore_index=True)
    docs.loc[3, "text"] = "“We are ready,” said a spokesman nobody registered. Nothing else."
    monkeypatch.setattr(ex, "DOCS_PER_JOB", 2)
    with warnings.catch_warnings(record=True) as one:
        warnings.simplefilter("always")
        a = extract(docs)
    with warnings.catch_warnings(record=True) as two:
        warnings.simplefilter("always")
        b = extract(docs, n_jobs=2)
    pd.testing.assert_frame_equal(a, b)
    assert [str(w.message) for w in one] == [str(w.message) for w in two]
    assert sum("no attributable speaker" in str(w.message) for w in two) == 1
    assert two[0].filename == __file__  # the warning points at the caller
    with pytest.raises(StancemapError, match="n_jobs must be a positive number"):
        extract(docs, n_jobs=0)


# --------------------------------------------------------------------------- the package's public names

def test_public_names_of_the_single_module_stay_importable():
    """Issue #11.4: extract.py became a package; every name callers used still imports from it."""
    import stancemap
    import stancemap.extract as ex
    from stancemap import turns as old_turns
    from stancemap.extract import (CUES, DOCS_PER_JOB, EXTRACTOR, VERSION,  # noqa: F401
                                   extract_text, fast_sentence_spans)
    from stancemap.extract import turns as new_turns

    assert CUES["said"][0] == "say" and EXTRACTOR.endswith(VERSION)
    assert callable(ex) and callable(stancemap.extract) and stancemap.extract_text is extract_text
    assert old_turns.find_turns is new_turns.find_turns and old_turns.Turn is new_turns.Turn
    assert sorted(ex.__all__) == ["EXTRACTOR", "VERSION", "extract", "extract_text"]


def test_no_class_holds_the_rules():
    """The rules are functions of a frozen index, not methods sharing state (issue #11.4)."""
    import ast
    import dataclasses

    from stancemap.extract.index import DocIndex

    assert dataclasses.fields(DocIndex) and DocIndex.__dataclass_params__.frozen
    package = ROOT / "toolkit" / "stancemap" / "extract"
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                assert node.end_lineno - node.lineno < 120, f"{path.name}: class {node.name} is large"


# --------------------------------------------------------------------------- reported speech at news recall (#11.3)

NEWS_PATTERNS = [
    # (constructed text with fictional people and places, expected (actor, speaker, kind, text) rows)
    ("According to Lena Voss, the harbour will reopen in May.",
     [(UNATTRIBUTED, "Lena Voss", "indirect", "the harbour will reopen in May")]),
    ("Quill told reporters that the ferries would run again.",
     [("north", "Ada Quill", "indirect", "the ferries would run again")]),
    ("Quill, who returned from Eastport on Monday, said the talks had stalled.",
     [("north", "Ada Quill", "indirect", "the talks had stalled")]),
    ("“The ferries will run again,” said Oduya.",
     [("south", "Bram Oduya", "direct", "The ferries will run again,")]),
    # a quotation over two paragraphs: the first paragraph has no closing mark
    ("“The ferries will run again.\n\n“We have crews and fuel for the whole winter,” the Southland premier said.",
     [("south", "Bram Oduya", "direct", "The ferries will run again."),
      ("south", "Bram Oduya", "direct", "We have crews and fuel for the whole winter,")]),
    # a nested quotation stays inside the outer speaker's words, and is the inner speaker's as reported
    ("Quill said: “Oduya told me ‘the crews are ready’ and I believe him.”",
     [("north", "Ada Quill", "direct", "Oduya told me ‘the crews are ready’ and I believe him."),
      ("south", "Bram Oduya", "embedded", "the crews are ready")]),
    # apposition and title resolve to the named person
    ("Lena Voss, the Eastport harbour master, said the port was full.",
     [(UNATTRIBUTED, "Lena Voss", "indirect", "the port was full")]),
    ("The Southland premier said the ferries were ready.",
     [("south", "Bram Oduya", "indirect", "the ferries were ready")]),
    # the speaker in the previous sentence; a pronoun to the nearest compatible named speaker
    ("Oduya arrived late. He said that the crews were ready.",
     [("south", "Bram Oduya", "indirect", "the crews were ready")]),
    ("Lena Voss met Oduya in Eastport. She said the port was full.",
     [(UNATTRIBUTED, "Lena Voss", "indirect", "the port was full")]),
    # a surname alone after the full name; a lone unknown capitalised word is no speaker
    ("Lena Voss arrived on Monday. “We are ready,” Voss told reporters.",
     [(UNATTRIBUTED, "Lena Voss", "direct", "We are ready,")]),
    # the speaker named in the next sentence, not the previous speaker (a closed list of sentences)
    ("“The ferries will run,” Oduya said. “Talks are dead.” That was the view of Ada Quill, the Northland leader.",
     [("south", "Bram Oduya", "direct", "The ferries will run,"),
      ("north", "Ada Quill", "direct", "Talks are dead.")]),
    ("“The ferries will run,” Quill said. “Talks are dead.” So said Bram Oduya on Tuesday.",
     [("north", "Ada Quill", "direct", "The ferries will run,"),
      ("south", "Bram Oduya", "direct", "Talks are dead.")]),
    ("“The ferries will run,” Quill said. “Talks are dead.” The words were Oduya’s.",
     [("north", "Ada Quill", "direct", "The ferries will run,"),
      ("south", "Bram Oduya", "direct", "Talks are dead.")]),
    # an honorific is part of the name run; a surname after it is the full name given before, or the
    # registry person of that surname (#11: these stayed the previous speaker's)
    ("Tom Hale flew to Eastport. “The ferries will run,” Quill said. “We will not sign,” Mr. Hale said.",
     [("north", "Ada Quill", "direct", "The ferries will run,"),
      (UNATTRIBUTED, "Tom Hale", "direct", "We will not sign,")]),
    ("“The ferries will run,” Oduya said. “Talks are dead,” Ms. Quill said on Tuesday.",
     [("south", "Bram Oduya", "direct", "The ferries will run,"),
      ("north", "Ada Quill", "direct", "Talks are dead,")]),
    ("“The ferries will run,” Quill said. “Talks are dead,” said Mrs. Oduya.",
     [("north", "Ada Quill", "direct", "The ferries will run,"),
      ("south", "Bram Oduya", "direct", "Talks are dead,")]),
    ("Lena Vance arrived on Monday. Dr. Vance told reporters that the port was full.",
     [(UNATTRIBUTED, "Lena Vance", "indirect", "the port was full")]),
    ("“The ferries will run,” Quill said. “Talks are dead,” said Lt. Gen. Piet Karsk.",
     [("north", "Ada Quill", "direct", "The ferries will run,"),
      (UNATTRIBUTED, "Piet Karsk", "direct", "Talks are dead,")]),
    ("“The ferries will run,” Quill said. “Talks are dead,” Sen. Mara Holt said.",
     [("north", "Ada Quill", "direct", "The ferries will run,"),
      (UNATTRIBUTED, "Mara Holt", "direct", "Talks are dead,")]),
    ("Governor Ida Lune spoke first. “The ferries will run,” Gov. Lune said.",
     [(UNATTRIBUTED, "Ida Lune", "direct", "The ferries will run,")]),
    # "agreed" is the words of several people together, never of one actor's action
    ("Quill had a telephone conversation with Oduya. The two leaders agreed to maintain contact.",
     [("north", "Ada Quill", "indirect", "to maintain contact"),
      ("south", "Bram Oduya", "indirect", "to maintain contact")]),
    ("Quill had a telephone conversation with Oduya. They agreed on a partial ceasefire.",
     [("north", "Ada Quill", "indirect", "a partial ceasefire"),
      ("south", "Bram Oduya", "indirect", "a partial ceasefire")]),
    ("Quill and Oduya agreed that the ferries would run.",
     [("north", "Ada Quill", "indirect", "the ferries would run"),
      ("south", "Bram Oduya", "indirect", "the ferries would run")]),
    ("Oduya agreed to withdraw the crews.", []),
    # a capitalised title alone names the person it named before
    ("Harbour Master of Eastport Lena Voss met Quill. According to the Harbour Master of Eastport, the port is full.",
     [(UNATTRIBUTED, "Lena Voss", "indirect", "the port is full")]),
]


@pytest.mark.parametrize("text, expected", NEWS_PATTERNS)
def test_reported_speech_patterns_of_news(tiny, text, expected):
    assert rows(run(text, tiny)) == expected
