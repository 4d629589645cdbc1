"""Tests for stancemap.extract.table: assembling the statements table (constructed texts)."""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

from stancemap.actors import load_actors
from stancemap.errors import LossyStepWarning, StancemapError
from stancemap.extract.table import EXTRACTOR, as_documents, day, finish, statement_id, statements_table, \
    unattributed_summary
from stancemap.schema import STATEMENT_COLUMNS, UNATTRIBUTED


def test_day_and_statement_id():
    assert day("2025-03-13T12:33:00Z") == "2025-03-13" and day(" 2025-03-13") == "2025-03-13"
    assert day("March 2025") is None and day("") is None
    a = statement_id("d1", 0, 10, "Ada Quill")
    assert a == statement_id("d1", 0, 10, "Ada Quill") and len(a) == 12
    assert a != statement_id("d1", 0, 10, "Bram Oduya")


def test_as_documents_checks_its_input():
    with pytest.raises(StancemapError, match="'text'"):
        as_documents(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(StancemapError, match="got int"):
        as_documents(3)


def test_statements_table_columns_and_official_speaker(tiny_registry_yaml):
    reg = load_actors(tiny_registry_yaml)
    docs = pd.DataFrame({"doc_id": ["b", "a"], "text": ["Quill said that talks resume.", "Talks resume."],
                         "doc_kind": ["article", "official"], "doc_speaker": ["", "the Ministry"],
                         "date": ["2025-03-01", ""]})
    df = statements_table(docs, reg, speaker_spans=True)
    assert list(df.columns) == STATEMENT_COLUMNS + ["speaker_start", "speaker_end"]
    assert df[["doc_id", "actor", "speaker", "kind", "text"]].values.tolist() == [
        ["b", "north", "Ada Quill", "indirect", "talks resume"],
        ["a", "north", "the Ministry", "official", "Talks resume."]]
    assert (df["extractor"] == EXTRACTOR).all() and df["speaker_start"].tolist() == [0, -1]
    assert df["raw_start"].tolist() == df["char_start"].tolist()


def test_finish_sorts_drops_repeats_and_counts_losses():
    base = {c: "" for c in STATEMENT_COLUMNS}
    rows = [dict(base, statement_id="x", doc_id="b", char_start=0, char_end=1, raw_start=0, actor="north"),
            dict(base, statement_id="y", doc_id="a", char_start=5, char_end=6, raw_start=-1, actor="unattributed"),
            dict(base, statement_id="x", doc_id="b", char_start=0, char_end=1, raw_start=0, actor="north")]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = finish(pd.DataFrame(rows), stacklevel=2)
    assert df["statement_id"].tolist() == ["y", "x"]
    assert [str(w.message)[:10] for w in caught] == ["1 of 2 sta", "1 of 2 sta"]
    assert all(issubclass(w.category, LossyStepWarning) for w in caught)


def test_statements_table_dtypes_and_per_document_values(tiny_registry_yaml):
    """Built column by column: strings stay Python objects (not pandas' str dtype), spans int64,
    each row carries its own document's provenance, and a table without rows has every column."""
    reg = load_actors(tiny_registry_yaml)
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["Quill said that talks resume. Oduya agreed.", "",
                                                            "Talks resume."],
                         "doc_kind": ["article", "article", "official"], "doc_speaker": ["", "", "the Ministry"],
                         "outlet": ["North Post", "", "Ministry site"], "date": ["2025-03-01", "", "2025-03-02"]})
    df = statements_table(docs, reg)
    assert set(df["doc_id"]) == {"a", "c"}
    assert df.groupby("doc_id")["outlet"].unique().map(list).to_dict() == {"a": ["North Post"], "c": ["Ministry site"]}
    assert df.groupby("doc_id")["date"].unique().map(list).to_dict() == {"a": ["2025-03-01"], "c": ["2025-03-02"]}
    for c in ("char_start", "char_end", "raw_start", "raw_end"):
        assert df[c].dtype == "int64"
    assert df["confidence"].dtype == "float64"
    assert all(df[c].dtype == object for c in STATEMENT_COLUMNS
               if c not in ("char_start", "char_end", "raw_start", "raw_end", "confidence"))
    assert [t == docs.set_index("doc_id").at[d, "text"][s:e]
            for t, d, s, e in df[["text", "doc_id", "char_start", "char_end"]].values] == [True] * len(df)
    empty = statements_table(docs.iloc[[1]], reg, speaker_spans=True)
    assert list(empty.columns) == STATEMENT_COLUMNS + ["speaker_start", "speaker_end"] and len(empty) == 0
    assert empty["char_start"].dtype == "int64" and empty["doc_id"].dtype == object


MEETING_REGISTRY = {"actors": {
    "north": {"members": [{"name": "Ada Quill", "pronouns": "she"}, {"name": "Tove Marr"},
                          {"name": "Northland Palace", "kind": "institution", "head": "President of Northland",
                           "aliases": ["the Palace"]}]},
    "south": {"members": [{"name": "Bram Oduya"}]},
    "east": {"members": [{"name": "Ines Kald"}]}},
    "titles": {"President of Northland": {"holders": [
        {"name": "Ada Quill", "from": "2020-01-01", "to": "2022-12-31"}, {"name": "Tove Marr", "from": "2023-01-01"}]},
               "President of Southland": {"holders": [{"name": "Bram Oduya", "from": "2020-01-01"}]}}}


def _readout(title: str, text: str, date: str = "2021-06-01") -> pd.DataFrame:
    from stancemap.actors import ActorRegistry
    docs = pd.DataFrame({"doc_id": ["r"], "text": [text], "title": [title], "date": [date], "doc_kind": ["official"],
                         "doc_actor": ["north"], "doc_speaker": ["Northland Palace"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossyStepWarning)
        st = statements_table(docs, ActorRegistry.from_dict(MEETING_REGISTRY))
    return st[["actor", "speaker", "kind", "text"]]


@pytest.mark.parametrize("date,head", [("2021-06-01", ("north", "Ada Quill")), ("2024-06-01", ("north", "Tove Marr"))])
def test_the_people_who_met_come_from_the_title_and_the_publishers_head(date, head):
    """Issue #11: "the two leaders agreed" in a readout whose first sentence names nobody: the person the page
    title names and the publisher's head that day (registry ``head:``), one row each, never "leaders"."""
    text = ("A telephone conversation took place.\n\nThe two leaders agreed to reopen the ferry line. "
            "The parties noted the progress on the bridge.")
    st = _readout("Telephone conversation with President of Eastport Lena Voss", text, date)
    joint = st[st.kind != "official"]
    assert sorted(zip(joint.actor, joint.speaker, joint.text)) == sorted([
        (*head, "to reopen the ferry line"), ("unattributed", "Lena Voss", "to reopen the ferry line"),
        (*head, "the progress on the bridge"), ("unattributed", "Lena Voss", "the progress on the bridge")])


def test_a_person_the_lead_mentions_but_the_title_leaves_out_is_not_one_who_met():
    """Bug (stop 41): "President Biden briefed leaders on his call with President Putin …. The leaders
    underscored their support for Ukraine" gave the leaders' words to Biden and Putin (a White House readout
    whose title names Biden and four European leaders). When the title names two registry persons or more and
    the lead names one of an actor group the title does not, the people who met are the title's."""
    text = ("Ada Quill briefed the leaders on her call with Bram Oduya, in which she raised the ferry line. "
            "The leaders underscored their support for the bridge.")
    st = _readout("Readout of Ada Quill\u2019s Call with President of Eastport Ines Kald", text)
    joint = st[st.text.str.contains("support for the bridge")]
    assert sorted(joint.speaker) == ["Ada Quill", "Ines Kald"]
    # a title that names someone outside the registry ("Lena Voss") may be a title-case run: the lead's
    st1 = _readout("Readout of Ada Quill\u2019s Call with President of Eastport Lena Voss", text)
    assert sorted(st1[st1.text.str.contains("support for the bridge")].speaker) == ["Ada Quill", "Bram Oduya"]
    # the lead and the title agree: the lead's people, as before
    text2 = "Ada Quill had a call with Bram Oduya. The leaders underscored their support for the bridge."
    st2 = _readout("Readout of Ada Quill\u2019s Call with Bram Oduya", text2)
    joint2 = st2[st2.text.str.contains("support for the bridge")]
    assert sorted(joint2.speaker) == ["Ada Quill", "Bram Oduya"]


def test_a_title_case_page_title_names_people_only_after_their_titles():
    """Bug (stop 42): White House page titles are in title case, and every run of two or three capitalised words
    in them was read as a person who met: "Remarks by President Biden at a Campaign Reception" gave "the two
    leaders" to Biden and "Campaign Reception" (also "Diplomatic Relations", "Nordic Leaders", "Official
    Visit"). In a title a name outside the registry now counts only after a person's title."""
    text = "A reception took place.\n\nThe two leaders agreed to reopen the ferry line."
    st = _readout("Remarks by Ada Quill at a Campaign Reception", text)
    row = st[st.text.str.contains("agreed")]
    # since stop 53 a text of remarks without turn labels is the speaker's prepared speech: Quill's own words
    assert list(zip(row.actor, row.speaker, row.kind)) == [("north", "Ada Quill", "official")]
    st1 = _readout("Joint Statement from the Leaders of Northland and Eastport: Elevating Relations", text)
    assert set(st1.speaker) == {"Northland Palace"}
    # after a title, a name outside the registry is still one of the people who met
    st2 = _readout("Readout of Ada Quill\u2019s Call with Spokesperson Lena Voss", text)
    assert sorted(st2[st2.kind != "official"].speaker) == ["Ada Quill", "Lena Voss"]
    # a title after the name, past a comma, counts too ("… Call with Ibrahim Kalin, Spokesperson …"); a run that
    # an event's word follows is part of the event ("A Proclamation on General Pulaski Memorial Day")
    from stancemap.actors import ActorRegistry
    from stancemap.extract.document import document_meeting
    from stancemap.extract.matchers import matchers_for

    m = matchers_for(ActorRegistry.from_dict(MEETING_REGISTRY))
    got = document_meeting(m, "Statement on Ada Quill\u2019s Call with Lena Voss, Spokesperson of the Eastport Palace",
                           "2021-06-01", ("north", "Northland Palace"))
    assert [sp.name for sp in got] == ["Ada Quill", "Lena Voss"]
    got = document_meeting(m, "A Proclamation on General Harbour Memorial Day, 2022", "2021-06-01",
                           ("north", "Northland Palace"))
    assert [sp.name for sp in got] == ["Ada Quill"]
    # a three-word name after a title, then the country, is read whole ("President Yoon Suk Yeol of the Republic
    # of Korea" was "Yoon Suk")
    st3 = _readout("Remarks by Ada Quill and President Lena Maria Voss of Eastport", text)
    assert sorted(st3[st3.kind != "official"].speaker) == ["Ada Quill", "Lena Maria Voss"]


def test_a_leader_named_by_title_surname_and_country_is_the_title_holder_that_day():
    """Bug (stop 42): "Readout of President Biden’s Video Call with Prime Minister Johnson of the United Kingdom,
    President Macron of France, …" left Boris Johnson out of the leaders ("Johnson" alone is no alias). A
    leader by title, surname and country is the registry's holder of that title on the document's day when
    the surname is theirs; else the title and surname, unattributed ("Prime Minister Kishida")."""
    text = "A call took place.\n\nThe leaders agreed to reopen the ferry line."
    st = _readout("Readout of Ada Quill\u2019s Call with President Oduya of Southland", text)
    joint = st[st.kind != "official"]
    assert sorted(zip(joint.actor, joint.speaker)) == [("north", "Ada Quill"), ("south", "Bram Oduya")]
    # a surname that is not the holder's, or a country the registry has no title for: the words as written
    st1 = _readout("Readout of Ada Quill\u2019s Call with President Kald of Southland and Prime Minister Tanaka "
                   "of Westland", text)
    assert sorted(zip(st1[st1.kind != "official"].actor, st1[st1.kind != "official"].speaker)) == [
        ("north", "Ada Quill"), ("unattributed", "President Kald"), ("unattributed", "Prime Minister Tanaka")]
    # in a lead sentence too
    text2 = ("Ada Quill met with Prime Minister Tanaka of Westland today. "
             "The two leaders agreed to reopen the ferry line.")
    st2 = _readout("Readout of a meeting", text2)
    assert sorted(st2[st2.text.str.contains("ferry")].speaker) == ["Ada Quill", "Prime Minister Tanaka"]


def test_a_capitalised_run_joined_by_a_hyphen_is_not_a_person():
    """Bug (stop 42): "… affirmed that the U.S.-India Comprehensive Global and Strategic Partnership …" in a
    readout's lead made "India Comprehensive Global" one of the leaders (53 statements of one fact sheet). A run
    joined by a hyphen to the word before is part of that word; a hyphen after a space is not ("Luminiţa
    -Teodora Odobescu", a Kyiv readout's spelling)."""
    text = ("Ada Quill and Bram Oduya affirmed that the N.L.-Eastport Comprehensive Global and Strategic "
            "Partnership is strong. The leaders agreed to reopen the ferry line.")
    st = _readout("Readout of a meeting", text)
    assert sorted(st[st.text.str.contains("ferry")].speaker) == ["Ada Quill", "Bram Oduya"]
    text2 = "Ada Quill had a call with Adviser Lena -Mara Voss. The two leaders agreed to reopen the ferry line."
    st2 = _readout("Readout of a call", text2)
    assert sorted(st2[st2.text.str.contains("ferry")].speaker) == ["Ada Quill", "Mara Voss"]


def test_a_capitalised_run_after_in_or_at_is_a_place():
    """Bug (stop 42): "… met with President Yoon Suk Yeol in Phnom Penh", "… at Camp David": the place was one of
    the leaders (37 White House statements)."""
    text = ("Ada Quill met with Bram Oduya at Camp Harbour in Port Lena. "
            "The two leaders agreed to reopen the ferry line.")
    st = _readout("Readout of a meeting", text)
    assert sorted(st[st.text.str.contains("ferry")].speaker) == ["Ada Quill", "Bram Oduya"]


def test_a_place_before_a_name_is_not_part_of_the_name():
    """Bug (stop 42): "… with President of the Republic of South Africa Cyril Ramaphosa. The presidents agreed …"
    gave the words to "Africa Cyril Ramaphosa"; "Deputy Head of the Office of the President of Ukraine Roman
    Mashovets … Mashovets said" to "Ukraine Roman Mashovets" (the earlier full name of a surname kept the
    place). An institution's name after "of" stays whole."""
    text = ("Ada Quill had a call with President of the Republic of South Eastport Lena Voss. "
            "The two leaders agreed to reopen the ferry line.")
    st = _readout("Readout of a call", text)
    assert sorted(st[st.text.str.contains("ferry")].speaker) == ["Ada Quill", "Lena Voss"]
    text2 = ("Deputy Head of the Office of the President of Eastport Lena Voss visited the harbour. "
             "Voss said that the ferry line must reopen.")
    st2 = _readout("A visit", text2)
    assert list(st2[st2.text.str.contains("must reopen")].speaker) == ["Lena Voss"]


def test_the_publishers_head_is_not_added_when_the_title_opens_with_its_own_person():
    text = "A meeting took place.\n\nThe interlocutors agreed to reopen the ferry line."
    st = _readout("Bram Oduya met with President of Eastport Lena Voss", text)
    joint = st[st.kind != "official"]
    assert sorted(zip(joint.speaker, joint.text)) == [("Bram Oduya", "to reopen the ferry line"),
                                                     ("Lena Voss", "to reopen the ferry line")]


def test_unnamed_people_who_met_fall_back_to_the_publishers_own_voice():
    """With fewer than two people named (first sentence, title, head), "the two leaders agreed …" stays the
    publisher's own account, as before "agreed" was a cue — never a generic "leaders" without an actor."""
    text = "A telephone conversation took place.\n\nThe two leaders agreed to reopen the ferry line."
    st = _readout("Telephone conversation on the ferry line", text)
    assert "leaders" not in set(st.speaker)
    row = st[st.text.str.contains("agreed")]
    assert list(zip(row.actor, row.speaker, row.kind)) == [("north", "Northland Palace", "official")]


def test_a_quotation_after_a_joint_statement_is_not_both_peoples():
    """A quotation with no speaker of its own after "the two leaders agreed …" is not given to both of them."""
    text = ("Ada Quill had a telephone conversation with Bram Oduya. The two leaders agreed to reopen the ferry line. "
            "The message reads:\n\n“The ferries will run again.”")
    st = _readout("Telephone conversation", text)
    q = st[st.text.str.contains("ferries will run")]
    assert len(q) >= 1 and set(q.speaker) != {"Ada Quill", "Bram Oduya"} and len(set(q.speaker)) == 1


def test_they_agreed_in_a_readout_is_the_title_person_and_the_head():
    text = "A telephone conversation took place.\n\nThey agreed to reopen the ferry line."
    st = _readout("Telephone conversation with President of Eastport Lena Voss", text)
    joint = st[st.kind != "official"]
    assert sorted(joint.speaker) == ["Ada Quill", "Lena Voss"]


def test_they_in_a_meeting_readout_are_the_people_who_met_whatever_they_report():
    """Stop 52 (attribution gold, a Kremlin call readout): "They expressed the shared opinion that …" after a
    lead naming both leaders stayed the publisher's, since only "agreed" reached the people who met. In a text
    whose title names a meeting, an unresolved "they" with any cue is the people who met; "as they say" is a
    saying; the narration after a joint report ("They also discussed …") stays the publisher's."""
    text = ("Ada Quill had a telephone conversation with President of Eastport Lena Voss.\n\n"
            "They expressed the shared opinion that the ferry line must reopen. They also discussed the harbour. "
            "The bridge, as they say, is a bridge too far.")
    st = _readout("Telephone conversation with President of Eastport Lena Voss", text)
    joint = st[st.text.str.contains("the ferry line must reopen")]
    assert sorted(joint.speaker) == ["Ada Quill", "Lena Voss"]
    assert list(st[st.text.str.contains("also discussed")].speaker) == ["Northland Palace"]
    assert list(st[st.text.str.contains("bridge")].speaker) == ["Northland Palace"]
    # without a meeting in the title, an unresolved "they" with another cue than "agree" stays the publisher's
    st = _readout("Ferry news", "Ferries stopped. They expressed the opinion that the line must reopen.")
    assert set(st.speaker) == {"Northland Palace"}


def test_the_parties_in_the_news_stay_generic():
    """Outside an official readout, "the parties" are often the warring sides: no one is read into them."""
    from stancemap.actors import ActorRegistry
    docs = pd.DataFrame({"doc_id": ["n"], "text": ["Ada Quill had a telephone conversation with Bram Oduya. "
                                                   "The parties noted the progress on the bridge."]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossyStepWarning)
        st = statements_table(docs, ActorRegistry.from_dict(MEETING_REGISTRY))
    assert list(zip(st.actor, st.speaker)) == [("unattributed", "parties")]


def test_unattributed_summary_counts_unnamed_speakers_and_orders_ties_by_name():
    table = pd.DataFrame({"actor": [UNATTRIBUTED] * 4 + ["north"], "speaker": ["B", "A", "", None, "Ada Quill"],
                          "kind": ["direct", "indirect", "indirect", "indirect", "direct"]})
    assert unattributed_summary(table) == "most often: no speaker named 2, “A” 1, “B” 1"
    assert unattributed_summary(table.drop(columns="kind")) == "most often: no speaker named 2, “A” 1, “B” 1"
    assert unattributed_summary(table.iloc[4:]) == ""


def test_a_former_office_holder_quoted_out_of_office_speaks_for_no_group():
    """Stop 49 (``in_office:``): Biden's White House quoting Donald Trump in 2023 is not the US speaking; the
    same words in 2025 are. The speaker stays Trump; a document with no date keeps the registry's group."""
    from stancemap.extract import extract_text

    text = "Donald Trump said that he would end the war in a day. Joe Biden said that Ukraine will prevail."
    with pytest.warns(LossyStepWarning, match="1 of 2 statements are by former office-holders quoted out of office "
                                              r"\(“Donald Trump” 1\); kept as actor='unattributed', as their "
                                              "'in_office:' titles") as caught:
        got = {d: extract_text(text, date=d)[["speaker", "actor"]].values.tolist()
               for d in ("2023-06-01", "2025-03-01", "")}
    assert not any("no attributable speaker" in str(w.message) for w in caught)
    assert got["2023-06-01"] == [["Donald Trump", UNATTRIBUTED], ["Joe Biden", "us"]]
    assert got["2025-03-01"] == [["Donald Trump", "us"], ["Joe Biden", UNATTRIBUTED]]
    assert got[""] == [["Donald Trump", "us"], ["Joe Biden", "us"]]
    with pytest.warns(LossyStepWarning, match="former office-holders"):
        official = extract_text("We will stand with Ukraine.", doc_kind="official", doc_actor="us",
                                doc_speaker="Barack Obama", date="2022-04-05")
    assert official[["speaker", "actor"]].values.tolist() == [["Barack Obama", UNATTRIBUTED]]


def test_the_unattributed_summary_names_people_quoted_out_of_office_apart():
    from stancemap.extract.table import out_of_office_count, unattributed_summary

    st = pd.DataFrame({"actor": [UNATTRIBUTED] * 4 + ["us"], "kind": ["direct", "direct", "question", "direct", "direct"],
                       "speaker": ["Donald Trump", "MR. WEI", "", "Donald Trump", "Joe Biden"]})
    former = frozenset({"Donald Trump", "Joe Biden"})
    assert unattributed_summary(st) == "1 reporters' question; most often among the others: “Donald Trump” 2, “MR. WEI” 1"
    assert unattributed_summary(st, former) == ("1 reporters' question; most often among the others: “MR. WEI” 1; "
                                                "quoted out of office: “Donald Trump” 2")
    assert out_of_office_count(st, former) == 2 and out_of_office_count(st, frozenset()) == 0


def test_a_person_and_his_team_are_that_person_and_their_team():
    """Stop 53 (audit; the White House's "Readout of Peace Talks in Geneva", 2025): "Secretary Rubio and his
    team reiterated …" after a report of "Ukrainian representatives" went to them — "his team" alone was the
    subject and "his" the last speaker. An office after "and" whose owner is a pronoun belongs to the person
    named before it: one row of the person, one of their team, both of their group."""
    text = ("Ada Quill met the Southland delegation.\n\nSouthland representatives stated that the draft reflects "
            "their interests.\n\nAda Quill and her team reiterated the firm commitment to the ferry line.")
    st = _readout("Readout of Ferry Talks", text)
    rows = st[st.text.str.contains("firm commitment")]
    assert sorted(zip(rows.actor, rows.speaker)) == [("north", "Ada Quill"), ("north", "Ada Quill’s team")]


def test_remarks_without_turn_labels_are_the_speakers_prepared_speech():
    """Stop 53: "Remarks as Prepared for Delivery by …" pages have no turn labels; their sentences were the
    publisher's (5,289 White House sentences, the State of the Union addresses among them). Without labels the
    title's speaker speaks them; with labels, the labels say who speaks, and the title adds no one."""
    speech = "Good morning. The ferry line will reopen in May.\n\nWe will build two new piers."
    st = _readout("Remarks as Prepared for Delivery by President of Northland at the Harbour Forum", speech)
    assert set(zip(st.actor, st.speaker)) == {("north", "Ada Quill")}
    transcript = ("Harbour Hall\n\n10:02 A.M.\n\nTOVE MARR: Welcome, everyone.\n\nADA QUILL: The ferry line "
                  "will reopen.\n\nQ Will it run daily?\n\nADA QUILL: It will.")
    st = _readout("Remarks by President of Northland at the Harbour Forum", transcript)
    assert list(zip(st.speaker, st.kind)) == [("Tove Marr", "direct"), ("Ada Quill", "direct"),
                                              ("Q", "question"), ("Ada Quill", "direct")]


def test_an_official_texts_speaker_takes_the_registrys_name():
    """Stop 53 (audit): the UN General Debate's own spellings ("Sergey Lavrov", "Joseph R. Biden", "Volodymyr
    Zelensky": 1,384 statements) split one person in two beside the registry's name. A document speaker the
    registry knows as a person of the document's group takes the registry's name; another group's stays."""
    from stancemap.actors import ActorRegistry
    reg = ActorRegistry.from_dict({"actors": {"north": {"members": [{"name": "Ada Quill",
                                                                      "aliases": ["Adah Quil"]}]}}})
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["The ferries will run.", "The ferries will run."],
                         "doc_kind": ["official", "official"], "doc_actor": ["north", "south"],
                         "doc_speaker": ["Adah Quil", "Adah Quil"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossyStepWarning)
        st = statements_table(docs, reg)
    assert list(zip(st.doc_id, st.actor, st.speaker)) == [("a", "north", "Ada Quill"), ("b", "south", "Adah Quil")]
