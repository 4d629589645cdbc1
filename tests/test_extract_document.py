"""Tests for stancemap.extract.document: one document's rows along the flow (constructed texts)."""
from __future__ import annotations

import pandas as pd
import pytest

from stancemap.actors import load_actors
from stancemap.extract.document import author_names, headline_end, statement_rows
from stancemap.extract.matchers import matchers_for


@pytest.fixture
def matchers(tiny_registry_yaml):
    return matchers_for(load_actors(tiny_registry_yaml))


def rows(matchers, text, **kw):
    return [(r[2], r[3], r[5], text[r[0]:r[1]]) for r in statement_rows(matchers, text, **kw)]


def test_headline_is_skipped():
    text = "Harbour talks in Eastport\nQuill said that talks resume."
    assert headline_end(text, len(text)) == text.index("\n")
    assert headline_end("One line said so.", 17) == 0
    assert headline_end("Harbour talks end.\nMore text.", 29) == 0    # final punctuation: not a headline


def test_article_rows(matchers):
    text = "Harbour talks in Eastport\nQuill said that talks resume. Prices rose."
    assert rows(matchers, text) == [("north", "Ada Quill", "indirect", "talks resume")]
    assert statement_rows(matchers, "  \n ") == []


def test_official_text_keeps_its_own_sentences(matchers):
    text = "The Ministry welcomes the talks. Oduya said that trade comes first. They said more."
    assert rows(matchers, text, official=("north", "Northland Ministry")) == [
        ("south", "Bram Oduya", "indirect", "trade comes first"),          # attributions first,
        ("north", "Northland Ministry", "official", "The Ministry welcomes the talks."),   # then the author's
        ("north", "Northland Ministry", "official", "They said more."),
    ]
    assert author_names(matchers, ("north", "the Ministry")) == {"the Ministry", "Northland Ministry"}
    assert author_names(matchers, None) == frozenset()


def test_article_rows_come_before_turn_rows(matchers):
    text = "Quill said that talks resume.\nBram Oduya: We agree.\nAda Quill: Good."
    assert rows(matchers, text) == [("north", "Ada Quill", "indirect", "talks resume"),
                                    ("south", "Bram Oduya", "direct", "We agree."),
                                    ("north", "Ada Quill", "direct", "Good.")]


def test_headings_datelines_and_salutations_are_not_official_statements(matchers):
    text = ("Beginning of harbour talks\nEast Room\n(March 3, 2031)\nDear friends!\n"
            "The Ministry held talks on water rights.")
    assert rows(matchers, text, official=("north", "Northland Ministry")) == [
        ("north", "Northland Ministry", "official", "The Ministry held talks on water rights.")]


def test_signatures_section_labels_and_bare_numbers_are_no_ones_statement(matchers):
    """Stop 52 (six datasets: 1,809 statements): a proclamation's signature line "JOSEPH R. BIDEN JR." (176),
    headings in capitals ending in a colon, an executive order's "Sec." (75) and "Section 1.", list numbers
    "1.", "II.", the "." left between stage directions, a transcript's "END" (52) and a stage direction inside
    a line of speech ("(The National Medal of Arts is presented.)") were statements. A line in capitals is no
    statement (a line in a script without case stays one), nor a span without a letter, with only a section's
    or item's label, or an editor's parenthesis in the third person."""
    text = ("The ferries will run.\n\nTO THE CONGRESS OF NORTHLAND:\n\n1.  Harbour dues fall.\n\n"
            "Sec. 2.  Dues are paid monthly.\n\nII.\n\nADA QUILL.\n\nأوكرانيا قوية.")
    got = [r[3] for r in rows(matchers, text, official=("north", "Northland Ministry"))]
    assert got == ["The ferries will run.", "Harbour dues fall.", "Dues are paid monthly.", "أوكرانيا قوية."]
    text = ("QUILL:  We are sorry, (inaudible).  Go ahead.\n\nODUYA:  Thank you.  (The President gives Mr. Oduya the "
            "pen.)  Thanks.\n\nEND\n")
    assert [r[3] for r in rows(matchers, text)] == ["We are sorry,", "Go ahead.", "Thank you.", "Thanks."]


def test_authors_named_in_the_title_speak_the_own_voice(matchers):
    from stancemap.extract.document import document_authors

    authors = document_authors(matchers, "Statement from President Quill and Press Secretary Lena Voss on Ferries",
                               None, "north")
    assert [(a.actor, a.name) for a in authors] == [("north", "Ada Quill"), ("north", "Lena Voss")]
    text = "The ferries will sail on Monday. Oduya said that Southland agrees."
    assert rows(matchers, text, official=("north", "Northland Ministry"), authors=authors) == [
        ("south", "Bram Oduya", "indirect", "Southland agrees"),
        ("north", "Ada Quill", "official", "The ferries will sail on Monday."),
        ("north", "Lena Voss", "official", "The ferries will sail on Monday."),
    ]


def test_a_speech_pages_bare_title_is_the_publishers_own_holder():
    """Stop 51: "… - President's address" on Kyiv's pages is the President of Ukraine's speech, not the words of
    the registry's "the President" (Washington's title): 20,839 statements of Zelenskyy's addresses on
    president.gov.ua had been the Office's, and two speeches of Yermak's were Zelenskyy's."""
    from stancemap.actors import ActorRegistry
    from stancemap.extract.document import document_authors

    reg = ActorRegistry.from_dict({
        "actors": {"north": {"label": "Northland", "members": [{"name": "Ada Quill"}, {"name": "Tomas Brenner"}]},
                   "south": {"label": "Southland", "members": [{"name": "Bram Oduya"}]}},
        "titles": {"President of Southland": {"aliases": ["the President"],
                                              "holders": [{"name": "Bram Oduya", "from": "2019-01-01"}]},
                   "President of Northland": {"holders": [{"name": "Ada Quill", "from": "2019-01-01"}]},
                   "Head of the Office of the President of Northland": {
                       "holders": [{"name": "Tomas Brenner", "from": "2019-01-01"}]}}})
    m = matchers_for(reg)
    title = "The ports will open - President's address"
    assert [a.name for a in document_authors(m, title, "2022-05-01", "north")] == ["Ada Quill"]
    assert [a.name for a in document_authors(m, title, "2022-05-01", "south")] == ["Bram Oduya"]
    yermak = "Speech by Head of the Office of the President of Northland Tomas Brenner at the Harbour Council"
    assert [(a.actor, a.name) for a in document_authors(m, yermak, "2022-05-01", "north")] == [
        ("north", "Tomas Brenner")]
    text = "The ports will open. Oduya said that Southland agrees."
    got = rows(m, text, official=("north", "Northland Ministry"),
               authors=document_authors(m, title, "2022-05-01", "north"))
    assert ("north", "Ada Quill", "official", "The ports will open.") in got


def test_a_cue_in_the_future_is_a_plan_not_speech(matchers):
    text = "At the summit, Quill will highlight the river treaty. She will also stress the ports."
    assert rows(matchers, text, official=("north", "Northland Ministry")) == [
        ("north", "Northland Ministry", "official", s) for s in
        ("At the summit, Quill will highlight the river treaty.", "She will also stress the ports.")]


def test_a_negated_cue_reports_what_the_subject_did_not_say(matchers):
    """Found in stop 43 (a Kremlin readout): "Putin pointed out that Macron had not mentioned that X" gave X to
    Macron. What someone did not say is not their words: the content stays the earlier speaker's, and so does the
    next sentence that carries it on."""
    text = ("Quill pointed out that Oduya had not mentioned that the dam was closed. Moreover, the ferries had "
            "stopped.\n\nOduya never said the river was safe.")
    got = rows(matchers, text, official=("north", "Northland Ministry"))
    assert ("north", "Ada Quill", "indirect", "Oduya had not mentioned that the dam was closed") in got
    assert ("north", "Ada Quill", "indirect", "Moreover, the ferries had stopped.") in got
    assert not [r for r in got if r[1] == "Bram Oduya"]
    assert ("north", "Northland Ministry", "official", "Oduya never said the river was safe.") in got
    # a refusal's negation is still the subject's position: "did not rule out talks"
    got = rows(matchers, "Oduya did not rule out direct talks with Quill.", official=("north", "Northland Ministry"))
    assert ("south", "Bram Oduya", "indirect", "direct talks with Quill") in got


def test_a_sentence_in_the_first_person_ends_a_report_of_someone_else(matchers):
    """Found in stop 43 (a UN General Debate speech): "Putin asserted that Ukraine was … . And now we see attacks
    on schools …" gave the speaker's own next sentence to Putin. A report is in the third person: in a person's
    own text, or after a report of another side, "we" is the author's voice again. In an institution's account
    of its own side's people, "we" can be theirs, and the report carries on."""
    text = "Lena Voss asserted that the harbour was hers. And now we see ships turned back. Ferries run daily."
    got = rows(matchers, text, official=("north", "Ada Quill"))                    # Quill's own speech
    assert ("north", "Ada Quill", "official", "And now we see ships turned back.") in got
    assert ("north", "Ada Quill", "official", "Ferries run daily.") in got
    assert [r[3] for r in got if r[1] == "Lena Voss"] == ["the harbour was hers"]
    ministry = ("north", "Northland Ministry")
    got = rows(matchers, text.replace("Lena Voss", "Oduya"), official=ministry)    # another side's report
    assert [r[3] for r in got if r[1] == "Bram Oduya"] == ["the harbour was hers"]
    got = rows(matchers, text.replace("Lena Voss", "Quill"), official=ministry)    # the ministry's own side
    assert [r[3] for r in got if r[1] == "Ada Quill"] == [
        "the harbour was hers", "And now we see ships turned back.", "Ferries run daily."]


def test_in_a_persons_own_text_nothing_carries_on_a_report(matchers):
    """Found in stop 50 (Commons answers, UN General Debate speeches, Zelenskyy's addresses): "What he said
    about Chagos was … . That was his purpose." gave Starmer's next sentences to Trump, and Macron's after "as
    Winston Churchill said, …" to Churchill. A speaker relays others in a clause and goes on in their own
    voice, registry person or not; an institution's account still carries a report on."""
    text = "Lena Voss reported that the harbour was open. That was her purpose. Ferries run daily."
    for voice in ("Ada Quill", "Mira Tallis Okafor"):              # a registry person; a name outside it
        got = rows(matchers, text, official=("north", voice))
        assert [r[3] for r in got if r[1] == "Lena Voss"] == ["the harbour was open"]
        assert [r[3] for r in got if r[1] == voice] == ["That was her purpose.", "Ferries run daily."]
    carried = ["the harbour was open", "That was her purpose.", "Ferries run daily."]
    got = rows(matchers, text, official=("north", "Northland Ministry"))
    assert [r[3] for r in got if r[1] == "Lena Voss"] == carried
    # a readout in a person's name ("Statement by NSC Spokesperson … on … Sullivan’s Call with …") is an account
    title = "Statement by Spokesperson Ada Quill on Lena Voss’s Call with Bram Oduya"
    got = rows(matchers, text, official=("north", "Ada Quill"), title=title)
    assert [r[3] for r in got if r[1] == "Lena Voss"] == carried
    got = rows(matchers, text, official=("north", "Ada Quill"), title="Speech by Ada Quill at the meeting with students")
    assert [r[3] for r in got if r[1] == "Lena Voss"] == carried[:1]


def test_an_editors_note_in_square_brackets_is_no_ones_statement(matchers):
    """Stop 50: Hansard's "[Interruption.]" was 242 statements of the Prime Ministers, "[Hon. Members: “Resign!”]"
    credited the Members' shout to the Prime Minister, and "[Hon. Members: “Hear, hear.”]" went on with the people
    quoted before it. The benches' words are no one's; a note that ends a sentence is cut from it."""
    text = ("I thank Oduya. [Interruption.] We will act. [Hon. Members: “Resign!”] "
            "As I said [Official Report, 3 March 2020; Vol. 672, c. 152.] That is right, and we can—[Hon. Members: "
            "“How will you do it?”] [Laughter.]")
    assert rows(matchers, text, official=("north", "Ada Quill")) == [
        ("north", "Ada Quill", "official", "I thank Oduya."),
        ("north", "Ada Quill", "official", "We will act."),
        ("north", "Ada Quill", "official", "As I said"),
        ("north", "Ada Quill", "official", "That is right, and we can—"),
    ]


def test_sentences_that_carry_on_a_report_belong_to_the_person_reported(matchers):
    """Issue #11 (official documents): "X reported that … . <more of X's account>" — the following
    sentences of the paragraph are X's until one names someone, has its own verb of speech, or is the
    publisher's agentless account; the next paragraph is the publisher's again."""
    text = ("Quill met Lena Voss to discuss the harbour.\n\n"
            "Lena Voss reported that the harbour was open. A new pier has been built. Ferries run daily. "
            "Attention was drawn to the river. Prices rose.\n\n"
            "Trade grew in spring.")
    got = rows(matchers, text, official=("north", "Northland Ministry"))
    assert got == [
        ("unattributed", "Lena Voss", "indirect", "the harbour was open"),
        ("north", "Northland Ministry", "official", "Quill met Lena Voss to discuss the harbour."),
        ("unattributed", "Lena Voss", "indirect", "A new pier has been built."),
        ("unattributed", "Lena Voss", "indirect", "Ferries run daily."),
        ("north", "Northland Ministry", "official", "Attention was drawn to the river."),
        ("north", "Northland Ministry", "official", "Prices rose."),
        ("north", "Northland Ministry", "official", "Trade grew in spring."),
    ]


def test_a_thanks_or_a_joint_report_carries_nothing_on(matchers):
    """Stop 52 (a White House readout in the attribution gold; 94 spans of the six datasets): "Quill thanked
    Voss for X. The meeting helped." gave the publisher's next sentence to Quill. A report whose content is an
    object (thanked, welcomed, commended, expressed …) has no account to go on with, and after "The two
    leaders stressed …" the narration goes on ("They also discussed …"); a single person's clausal report
    still carries on."""
    official = ("north", "Northland Ministry")
    text = "Lena Voss thanked Quill for the ferry. The meeting helped. Ferries run daily."
    got = rows(matchers, text, official=official)
    assert [r[3] for r in got if r[1] == "Lena Voss"] == ["Quill for the ferry"]
    assert [r[3] for r in got if r[1] == "Northland Ministry"] == ["The meeting helped.", "Ferries run daily."]
    text = ("President Quill had a telephone conversation with President of Eastport Lena Voss. "
            "The two leaders stressed that trade matters. Other issues were discussed.")
    got = rows(matchers, text, official=official)
    assert [r[1] for r in got if r[3] == "Other issues were discussed."] == ["Northland Ministry"]


def test_in_his_opinion_is_the_report_of_the_person_his_means(matchers):
    """Stop 52 (audit; 8 sentences of Kyiv's releases, among them Zelenskyy's conditions for talking about
    neutrality): "In his opinion, …" after a person's report stayed the Office's own sentence. It opens a report
    of the person "his" means; with no one it can mean it stays the publisher's."""
    official = ("north", "Northland Ministry")
    text = "Lena Voss reported that the harbour was open. In her opinion, the ferries must run daily."
    assert [r[3] for r in rows(matchers, text, official=official)] == ["the harbour was open",
                                                                       "the ferries must run daily"]
    assert [r[1] for r in rows(matchers, text, official=official)] == ["Lena Voss", "Lena Voss"]
    text = "The harbour reopened. In her view, nothing changed."
    assert [r[1] for r in rows(matchers, text, official=official)] == ["Northland Ministry"] * 2


def test_the_two_leaders_are_the_people_who_met(matchers):
    """Issue #11: "the two leaders", "the heads of state" in a readout are the people its lead names,
    one row each (a person outside the registry keeps their name, unattributed)."""
    text = ("President Quill had a telephone conversation with President of Eastport Lena Voss. "
            "The heads of state noted that the ferries must run. The two leaders stressed that trade matters.")
    got = rows(matchers, text, official=("north", "Northland Ministry"))
    assert got[:4] == [
        ("north", "Ada Quill", "indirect", "the ferries must run"),
        ("unattributed", "Lena Voss", "indirect", "the ferries must run"),
        ("north", "Ada Quill", "indirect", "trade matters"),
        ("unattributed", "Lena Voss", "indirect", "trade matters"),
    ]


def test_in_a_persons_speech_their_institutions_are_their_own_voice(matchers):
    """Issue #11: "The Ministry calls on …" in Ada Quill's speech is her own voice, not a report of the
    Ministry; in the Ministry's own release a person's words stay a report."""
    text = "The Ministry calls on both sides to talk. Oduya said that Southland agrees."
    assert rows(matchers, text, official=("north", "Ada Quill")) == [
        ("south", "Bram Oduya", "indirect", "Southland agrees"),
        ("north", "Ada Quill", "official", "The Ministry calls on both sides to talk."),
    ]


def test_a_readout_is_the_publishers_account_and_a_statement_page_the_persons(matchers):
    """Issue #11 item 3: "Readout of President Quill’s Call …" narrates the meeting in the publisher's
    voice (what Quill said comes from the reported speech); "Statement from President Quill …" stays hers."""
    from stancemap.extract.document import document_authors

    text = "President Quill spoke with Prime Minister Oduya today. Quill reaffirmed that the ferries will run."
    official = ("north", "Northland Ministry")
    readout = document_authors(matchers, "Readout of President Quill’s Call with Prime Minister Oduya", None, "north")
    assert readout == ()
    assert rows(matchers, text, official=official, authors=readout) == [
        ("north", "Ada Quill", "indirect", "the ferries will run"),
        ("north", "Northland Ministry", "official", "President Quill spoke with Prime Minister Oduya today."),
    ]
    statement = document_authors(matchers, "Statement from President Quill on the Ferries", None, "north")
    assert rows(matchers, text, official=official, authors=statement) == [
        ("north", "Ada Quill", "official", "President Quill spoke with Prime Minister Oduya today."),
        ("north", "Ada Quill", "official", "Quill reaffirmed that the ferries will run."),   # her own voice
    ]


def test_a_quote_named_by_the_next_sentence_in_a_speech_carries_nothing_on(matchers):
    """Issue #11 item 3 (found on a real address): “…” These are the words of X. — the quote is X's; the
    speech goes on in the speaker's voice ("She told them commenting on …" reports no words of X's)."""
    text = ("I will start with a quote. “If we hear some songs, this is all that creates us.” These are the words "
            "of Lena Voss. She told them commenting on her film about the harbour. A film about the city.")
    assert rows(matchers, text, official=("north", "Ada Quill")) == [
        ("unattributed", "Lena Voss", "direct", "If we hear some songs, this is all that creates us."),
        ("north", "Ada Quill", "official", "I will start with a quote."),
        ("north", "Ada Quill", "official", "She told them commenting on her film about the harbour."),
        ("north", "Ada Quill", "official", "A film about the city."),
    ]


def test_the_narrators_main_clause_after_a_report_is_the_authors(matchers):
    """Found in a real speech: "And if Moscow is claiming that A, the West should B" — A is Moscow's
    (reported), B the speaker's own words, not dropped."""
    text = ("And if Oduya is openly claiming that the harbour is at risk, the allies should guard the harbour. "
            "Oduya said that trade comes first, and that is all.")
    assert rows(matchers, text, official=("north", "Northland Ministry")) == [
        ("south", "Bram Oduya", "indirect", "the harbour is at risk"),
        ("south", "Bram Oduya", "indirect", "trade comes first, and that is all"),
        ("north", "Northland Ministry", "official", "the allies should guard the harbour."),
    ]


def test_a_parenthetical_report_keeps_its_content(matchers):
    """Found in real press releases: "In this case, he said, there are …" and "as X noted, …, the side
    would welcome …" — the words after the parenthesis are the reported person's, never the author's."""
    text = "In this case, Oduya said, there are other guarantees. As Oduya noted, along with trade, the side would welcome talks."
    got = rows(matchers, text, official=("north", "Northland Ministry"))
    assert not [r for r in got if r[0] == "north"], got


def test_real_speeches_go_on_in_the_speakers_own_voice(datasets_dir):
    """Stop 50, on the real texts where it was found: Starmer's answer of 21 January 2026 ("What he said about
    Chagos was … . That was his purpose.") gave his next sentences to Trump; Macron's UN speech of 2020, after
    "as Winston Churchill said, …", gave Churchill four of his sentences; and in Starmer's answer of 26 November
    2025 "Did she say, “…”?" — the Leader of the Opposition — was Liz Truss's, whom "the Liz Truss Budget" named."""
    import warnings

    from stancemap.datasets import load_dataset
    from stancemap.extract import extract

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        uk = load_dataset("uk-pm-commons-2019-2026", datasets_dir, verify=False)
        uk = uk[uk["date"].between("2025-11-26", "2026-01-21")]
        un = load_dataset("ungdc-2014-2024", datasets_dir, verify=False)
        st = extract(pd.concat([uk, un[un["doc_id"] == "ungdc-FRA_75_2020"]], ignore_index=True))

    def said(fragment):
        return st.loc[st["text"].str.contains(fragment, regex=False), "speaker"].tolist()

    assert said("That was his purpose.") == ["Keir Starmer"]
    assert said("The future of Greenland is a binary issue") == ["Keir Starmer"]
    assert said("Multilateralism is not just an act of faith") == ["Emmanuel Macron"]
    assert "Winston Churchill" in said("if you do not take change by the hand")
    assert said("I think Liz Truss is 100% right.") == ["Keir Starmer"]
    assert said("I do not agree—this must be wrong") == ["Keir Starmer"]
    # stop 51: Liz Truss quoted in 2025 (out of office: `in_office:`) speaks for no group
    truss = st[st["speaker"] == "Liz Truss"]
    assert len(truss) >= 2 and (truss["actor"] == "unattributed").all(), truss[["actor", "text"]]


def test_real_speech_pages_are_their_speakers(datasets_dir):
    """Stop 51, on the real pages: president.gov.ua's "Speech by President of Ukraine Volodymyr Zelenskyy in the
    Federal Parliament of Belgium" spoke in the Office's voice, and "Speech by Head of the Office of the President
    Andriy Yermak at Chatham House", in the Zelenskyy speeches dataset, in Zelenskyy's."""
    import warnings

    from stancemap.datasets import load_dataset
    from stancemap.extract import extract

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kyiv = load_dataset("kremlin-kyiv-press-2021-2022", datasets_dir, sources=("kyiv",), verify=False)
        speeches = load_dataset("zelensky-speeches-2022", datasets_dir, verify=False)
        docs = pd.concat([
            kyiv[kyiv["title"] == "Speech by President of Ukraine Volodymyr Zelenskyy in the Federal Parliament "
                                  "of Belgium"],
            speeches[speeches["title"] == "Speech by Head of the Office of the President Andriy Yermak at Chatham "
                                          "House"]], ignore_index=True)
        assert len(docs) == 2
        st = extract(docs)
    own = st[st["kind"] == "official"].groupby("doc_id")["speaker"].agg(set)
    assert sorted(map(sorted, own)) == [["Andriy Yermak"], ["Volodymyr Zelenskyy"]]


def test_the_full_remarks_announced_in_an_official_text_are_the_speakers(matchers):
    """Stop 53 (audit): "Below are the full remarks by First Lady Melania Trump, as prepared for delivery:" and the
    speech after it were the White House's own sentences (4 pages, 200 sentences). After the announcement the
    rest of the page is the person's speech; before it, the publisher's account; without a registry person
    named, nothing changes."""
    official = ("north", "Northland Ministry")
    text = ("The President opened the harbour forum today.\n\n"
            "Below are the full remarks by President Quill, as prepared for delivery:\n\n"
            "Good afternoon. The ferries will run daily.")
    got = rows(matchers, text, official=official)
    assert [(r[1], r[3]) for r in got] == [
        ("Northland Ministry", "The President opened the harbour forum today."),
        ("Northland Ministry", "Below are the full remarks by President Quill, as prepared for delivery:"),
        ("Ada Quill", "Good afternoon."), ("Ada Quill", "The ferries will run daily.")]
    text = "The forum opened.\n\nHere are the full remarks, as prepared:\n\nThe ferries will run daily."
    assert {r[1] for r in rows(matchers, text, official=official)} == {"Northland Ministry"}
