"""Tests for stancemap.extract.quotes: quotations attributed by their marks, and the unclaimed ones
(constructed texts about fictional people)."""
from __future__ import annotations

import pytest

from stancemap.actors import load_actors
from stancemap.extract.index import build_index
from stancemap.extract.matchers import matchers_for
from stancemap.extract.quotes import attribute_quotes, direct_quote, unclaimed_quotes


@pytest.fixture
def index(tiny_registry_yaml):
    m = matchers_for(load_actors(tiny_registry_yaml))
    return lambda text: build_index(m, text, 0, len(text))


def found(ix):
    q = attribute_quotes(ix)
    return [(a.rule, a.subj.text, a.cue, ix.text[a.start:a.end]) for a in q.attributions]


def test_after_before_and_inverted(index):
    text = ("“The harbour stays open,” Quill said. Oduya said: “We will see.” "
            "“Trade first,” said the Southland premier.")
    assert found(index(text)) == [
        ("after", "Quill", "said", "The harbour stays open,"),
        ("before", "Oduya", "said", "We will see."),
        ("after-inverted", "the Southland premier", "said", "Trade first,"),
    ]


def test_the_quotes_and_cues_used_are_returned(index):
    text = "“The harbour stays open,” Quill said. A “so-called” deal was signed."
    ix = index(text)
    q = attribute_quotes(ix)
    assert q.quotes == frozenset({0}) and q.cues == frozenset({text.index("said")})


def test_a_quote_ending_its_sentence_takes_no_attribution_after(index):
    text = "“The harbour stays open.” Quill said that it would."
    ix = index(text)
    assert direct_quote(ix, ix.quotes[0]) is None


def test_a_colon_on_the_previous_line_introduces_the_quote(index):
    text = "In a statement, the Ministry said:\n“Talks will resume in Eastport.”"
    assert found(index(text)) == [("before", "the Ministry", "said", "Talks will resume in Eastport.")]


def test_unclaimed_quotes_continue_and_scare_quotes_are_skipped(index):
    text = ("“The harbour stays open,” Quill said. “We will not close it while I serve.” "
            "Oduya called it a “gesture”.")
    ix = index(text)
    q = attribute_quotes(ix)
    more = unclaimed_quotes(ix, q.quotes, q.attributions)
    assert [(a.kind, a.subj, text[a.start:a.end]) for a in more] == [
        ("continuation", None, "We will not close it while I serve.")]


@pytest.mark.parametrize("text, expected", [
    ("“Talks are dead.” That was the view of Ada Quill, the Northland foreign minister.",
     [("next-sentence", "Ada Quill", "was the view of", "Talks are dead.")]),
    ("Oduya arrived. “The ferries will not run.” So said Bram Oduya on Tuesday.",
     [("next-sentence", "Bram Oduya", "said", "The ferries will not run.")]),
    ("“We will hold the bridge.” The words were Quill’s.",
     [("next-sentence", "Quill", "words were", "We will hold the bridge.")]),
    ("“We will hold the bridge.”\nThose were the words of the Southland premier.",
     [("next-sentence", "the Southland premier", "were the words of", "We will hold the bridge.")]),
])
def test_the_next_sentence_names_the_speaker(index, text, expected):
    """Issue #11 item 3: a closed list of sentences that name the speaker of the quotation before them."""
    assert found(index(text)) == expected


@pytest.mark.parametrize("text", [
    "“Never.” That was the view of Oduya, but not of Quill.",         # a clause of its own after the name
    "Quill said the talks were “dead.” That was the view of Oduya.",  # the quote is inside a sentence
    "“Talks are dead.” That was the view of many.",                   # no name
    "“Talks are dead.” That was the view of Oduya and it still is.",  # more than a name
    "“Talks are dead” That was the view of Oduya.",                   # the quote ends in no stop
    "“Talks are dead.” This was the day Quill left.",                 # not an attribution sentence
])
def test_the_next_sentence_rule_is_precise(index, text):
    assert [a for a in found(index(text)) if a[0] == "next-sentence"] == []


def test_a_quote_named_by_the_next_sentence_is_no_continuation(index):
    text = "“The harbour stays open,” Quill said. “Talks are dead.” So said Oduya."
    ix = index(text)
    q = attribute_quotes(ix)
    assert q.quotes == frozenset({0, 1}) and text.index("said Oduya") in q.cues
    assert unclaimed_quotes(ix, q.quotes, q.attributions) == []


def embedded(index, text):
    from stancemap.extract.document import article_attributions
    from stancemap.extract.quotes import embedded_quotes

    ix = index(text)
    return [(b.speakers[0].name, b.cue, text[b.start:b.end]) for b in embedded_quotes(ix, article_attributions(ix))]


@pytest.mark.parametrize("text, expected", [
    ("Quill said: “Oduya told me ‘we will never cede Eastport’, and I believe him.”",
     [("Bram Oduya", "told", "we will never cede Eastport")]),
    ("“Oduya told us that ‘the crews won’t wait’ and I agree,” Quill said.",
     [("Bram Oduya", "told", "the crews won’t wait")]),
    ("Quill said: “‘We will never cede Eastport,’ Lena Voss said, and I believe her.”",
     [("Lena Voss", "said", "We will never cede Eastport,")]),
    ("Quill said: “Oduya said, ‘We will never cede Eastport.’ I believe him.”",
     [("Bram Oduya", "said", "We will never cede Eastport.")]),
    # not another person's words: the outer speaker themself, a pronoun, a term in marks, a possessive
    ("Quill said: “I told him ‘we will never cede Eastport’, and he agreed.”", []),
    ("Quill said: “He told me ‘we will never cede Eastport’.”", []),
    ("Quill said: “This is a ‘special operation’ in name only.”", []),
    ("Quill said: “Oduya’s ‘final offer’ is no offer.”", []),
    ("Quill said: “The harbour master told me ‘we are ready’.”", []),
    ("Quill said: “The Southland premier told me ‘we are ready’.”", [("Bram Oduya", "told", "we are ready")]),
])
def test_a_quotation_inside_a_quotation_is_the_inner_speakers(index, text, expected):
    """Issue #11 item 3: nested quotes — the inner words get their own (embedded) attribution."""
    assert embedded(index, text) == expected


LIST = ("The accord was signed on Friday.\n\nHere’s what they’re saying:\n\n"
        "Speaker Lena Voss: “The accord was the right call. Eastport is safer.”\n\n"
        "Northland Foreign Affairs Committee Chair Piet Karsk: “We stand with the President.”\n\n"
        "President Quill:\n“Trade first.”\n\n"
        "Mara Venn, Executive Director, Eastport Harbour Trust: “Open the harbour.”\n\n"
        "The Eastport Herald: “A good day for the harbour.”\n")


def test_a_label_opening_the_line_names_the_quotations_speaker(index):
    # the White House's "What they are saying" lists: Name: “…”, no cue; the label alone at the line's start
    assert found(index(LIST)) == [
        ("label", "Speaker Lena Voss", "label", "The accord was the right call. Eastport is safer."),
        ("label", "Chair Piet Karsk", "label", "We stand with the President."),
        ("label", "President Quill", "label", "Trade first."),
        ("label", "Mara Venn", "label", "Open the harbour."),
        ("label", "The Eastport Herald", "label", "A good day for the harbour."),
    ]


@pytest.mark.parametrize("text", [
    "The verdict was clear: “The accord is dead.”",               # the narrator's sentence, not a label
    "Lawmakers praised it. Lena Voss: “The accord is dead.”",     # not at the line's start
    "Watch: “The accord is dead.”",                               # one word, no registry name
    "Here’s what they’re saying: “The accord is dead.”",          # lower-case words
    "Quill said Monday. Update: “The accord is dead.”",
])
def test_only_a_name_alone_at_the_line_start_is_a_label(index, text):
    assert [r for r in found(index(text)) if r[0] == "label"] == []


def test_a_list_of_labelled_quotations_is_each_speakers_not_a_transcript(tiny_registry_yaml):
    # with a registry person among the labels the page once read as a transcript: the outlet's words went
    # to the speaker before it, and the page's closing words to the last speaker
    from stancemap.extract import extract_text

    text = LIST + "\nThe accord takes effect on Monday.\n"
    st = extract_text(text, load_actors(tiny_registry_yaml), doc_kind="official", doc_actor="north",
                      doc_speaker="Northland Ministry")
    got = [(r.actor, r.speaker, r.kind, r.text) for r in st.itertuples()]
    assert got == [
        ("north", "Northland Ministry", "official", "The accord was signed on Friday."),
        ("north", "Northland Ministry", "official", "Here’s what they’re saying:"),
        ("unattributed", "Lena Voss", "direct", "The accord was the right call. Eastport is safer."),
        ("unattributed", "Piet Karsk", "direct", "We stand with the President."),
        ("north", "Ada Quill", "direct", "Trade first."),
        ("unattributed", "Mara Venn", "direct", "Open the harbour."),
        ("unattributed", "The Eastport Herald", "direct", "A good day for the harbour."),
        ("north", "Northland Ministry", "official", "The accord takes effect on Monday."),
    ]


@pytest.mark.parametrize("label, actor, speaker", [
    ("Former Northland Ambassador to Southland Mara Venn", "unattributed", "Mara Venn"),
    ("Bread for the Harbour", "unattributed", "Bread for the Harbour"),      # not "the Harbour"
    ("Tomas K. Brill, Senior director of the Eastport Institute and a former adviser to the Ministry",
     "unattributed", "Tomas K. Brill"),                                     # a later part's institution is no one
    ("Southland foreign policy chief Bram Oduya", "south", "Bram Oduya"),   # lower-case words before a registry name
    ("The Eastport Herald (Eastport, Southland)", "unattributed", "The Eastport Herald"),
    ("Ranking Member, Harbour Committee, Piet Karsk", "unattributed", "Piet Karsk"),   # a title alone is passed over
    ("- On Southland", "unattributed", ""),                                 # a topic under an interview, no speaker
    ("Prime Minister Oduya", "south", "Bram Oduya"),
    ("Rev. Mara Venn, Director, Eastport Seminary", "unattributed", "Rev. Mara Venn"),   # a sentence split after "Rev."
])
def test_the_speaker_a_quotations_label_names(tiny_registry_yaml, label, actor, speaker):
    from stancemap.extract import extract_text

    st = extract_text(f"The accord was signed on Friday.\n\n{label}: “The harbour stays open.”\n",
                      load_actors(tiny_registry_yaml))
    assert [(r.actor, r.speaker, r.text) for r in st.itertuples()] == [(actor, speaker, "The harbour stays open.")]


def test_after_a_labelled_quotation_the_pages_own_quoting_line_is_no_ones(tiny_registry_yaml):
    # a White House bullet under Trump's labelled words ("- More than half (52%) of Ukrainians … believe Ukraine
    # “should be open to ceding some territory …”") went on as Trump's; a quotation opening its line still goes on
    from stancemap.extract import extract_text

    text = ("The accord was signed.\n\nPresident Quill: “Trade first.”\n\n“And the harbour stays open.”\n\n"
            "- Most Eastporters believe the harbour “should stay open for good, whatever it costs.”\n"
            "- The accord ends the so-called “harbour tax” on Monday.\n")     # scare quotes stay no statement
    reg = load_actors(tiny_registry_yaml)
    official = extract_text(text, reg, doc_kind="official", doc_actor="north", doc_speaker="Northland Ministry")
    assert [(r.speaker, r.kind) for r in official.itertuples()] == [
        ("Northland Ministry", "official"), ("Ada Quill", "direct"), ("Ada Quill", "direct"),
        ("Northland Ministry", "official"), ("Northland Ministry", "official")]
    article = extract_text(text, reg)
    assert [(r.actor, r.speaker) for r in article.itertuples()] == [
        ("north", "Ada Quill"), ("north", "Ada Quill"), ("unattributed", "")]


def test_topic_bullets_under_a_heading_are_the_headings_speakers(tiny_registry_yaml):
    # the White House's "Sunday shows" pages: "Secretary of State Marco Rubio on Face the Nation", then
    # "- On tariffs: “…”" bullets, which had no speaker; a heading that names no one ("Here are the top moments
    # you missed:") gives none
    from stancemap.extract import extract_text

    text = ("This morning, the Ministry took to the networks.\n\nHere’s what you missed:\n\n"
            "President Quill on Harbour Hour\n\n- On the accord: “It holds.”\n- On tariffs: “They stay.”\n\n"
            "Port Commissioner Lena Voss on Morning Tide\n\n- On the harbour: “It opens Monday.”\n\n"
            "Here are the top moments you missed:\n\n- On the accord: “It was signed.”\n")
    st = extract_text(text, load_actors(tiny_registry_yaml))
    assert [(r.actor, r.speaker, r.cue, r.text) for r in st.itertuples()] == [
        ("north", "Ada Quill", "label", "It holds."), ("north", "Ada Quill", "label", "They stay."),
        ("unattributed", "Lena Voss", "label", "It opens Monday."), ("unattributed", "", "", "It was signed.")]


def test_quotation_bullets_are_the_speakers_the_heading_names(tiny_registry_yaml):
    # the White House's "Sunday shows", UN-speech and interview pages: bullets that are only a quotation
    # ("- “…” (Watch)") under "Secretary Rubio on This Week", under "Here are highlights from President Trump’s
    # speech:", or under "Here are some of the key moments:" after "In a wide-ranging interview with Politico,
    # President Donald J. Trump reflected …" had no speaker (Rubio's and Witkoff's ceasefire words among them)
    from stancemap.extract import extract_text

    text = ("In an interview with the Eastport Herald, President Ada Quill reflected on the accord.\n\n"
            "Here are some of the key moments:\n\n- “The accord holds.” (Watch)\n- “Southland will sign.” (Watch)\n\n"
            "Here’s what you missed:\n\nPrime Minister Oduya on Harbour Hour\n\n- “We sign on Monday.”\n\n"
            "Port Commissioner Lena Voss on Morning Tide\n\n- “The harbour opens on Monday.”\n\n"
            "Here are highlights from Prime Minister Oduya’s speech:\n\n- “Trade comes first.” (Watch)\n"
            "- “Ports come second.”\n")
    st = extract_text(text, load_actors(tiny_registry_yaml))
    assert [(r.actor, r.speaker, r.cue, r.text) for r in st.itertuples()] == [
        ("north", "Ada Quill", "label", "The accord holds."), ("north", "Ada Quill", "label", "Southland will sign."),
        ("south", "Bram Oduya", "label", "We sign on Monday."),
        ("unattributed", "Lena Voss", "label", "The harbour opens on Monday."),
        ("south", "Bram Oduya", "label", "Trade comes first."), ("south", "Bram Oduya", "label", "Ports come second.")]


@pytest.mark.parametrize("text", [
    # the list holds the page's own lines too ("- Trade rose 5 % in May.")
    "Here are highlights from President Quill’s speech:\n\n- “The accord holds.”\n- Trade rose in May.\n",
    # a heading of highlights that names no one, the person not the lead's subject
    "The accord was praised by President Quill.\n\nHere are the key moments:\n\n- “The accord holds.”\n",
    # a heading that names no one and is no list of highlights, or names two people
    "President Quill reflected on the accord.\n\nHere is a list of wins:\n\n- “The accord holds.”\n",
    "President Quill spoke.\n\nHere are highlights from President Quill and Prime Minister Oduya:\n\n- “It holds.”\n",
    # the possessive of a heading that is not a person's words ("President Quill’s accord")
    "Here are the wins of President Quill’s accord:\n\n- “The accord holds.”\n",
])
def test_quotation_bullets_under_a_heading_that_names_no_speaker_are_no_ones(tiny_registry_yaml, text):
    from stancemap.extract import extract_text

    st = extract_text(text, load_actors(tiny_registry_yaml))
    assert [(r.actor, r.speaker) for r in st[st.text.str.contains("holds")].itertuples()] == [("unattributed", "")]


def test_a_question_put_to_someone_is_not_their_words(index):
    """Stop 50 (a Commons answer, White House remarks): in "When asked, “Was it right?”, she said, “…”" and "He was
    then asked, “…”" the quotation is the question put to them, and was theirs; "Quill asked, “…”" stays hers."""
    def rows(text):
        ix = index(text)
        q = attribute_quotes(ix)
        return [(a.rule, a.subj.text if a.subj else None, ix.text[a.start:a.end]) for a in q.attributions]

    assert rows("When asked, “Was the plan right?”, Quill said, “Entirely right.”") == [
        ("unclaimed", None, "Was the plan right?"), ("before", "Quill", "Entirely right.")]
    assert rows("Quill was then asked, “Can you give an example?” Oduya said: “The harbour.”")[0] == (
        "unclaimed", None, "Can you give an example?")
    assert rows("Quill once asked, “Where are the ferries?”") == [("before", "Quill", "Where are the ferries?")]


def test_a_one_word_label_names_its_organisation_not_a_heading(index):
    """Stop 50 (the White House's praise pages): "NAACP: “…”" and "Shatterproof: “…”" stayed the publisher's own words,
    because a label of one word named no one; a heading word ("CLAIM:", "Note:") or a sentence that ends in a colon
    ("Further, he finds:") still names no one."""
    def speakers(text):
        ix = index(text)
        return [(a.rule, a.subj.text if a.subj else None) for a in attribute_quotes(ix).attributions]

    assert speakers("Here is what they say:\n\nHarbourWatch: “The ferries run again.”") == [("label", "HarbourWatch")]
    assert speakers("Here is what they say:\n\nCLAIM: “The ferries never ran.”") == []
    assert speakers("Here is what they say:\n\nNote: “The list is updated.”") == []
    assert speakers("The report is clear.\n\nFurther, it finds: “The ferries never ran.”") != [("label", "Further")]


def test_a_sent_message_quoted_is_its_senders(tiny_registry_yaml):
    """Stop 51 (the Kremlin's greetings pages): "X sent a message of greetings to … . The message reads, in part:
    “…”" gave the message to the Kremlin, the publisher (710 sentences of 2021–22); the quotation is its
    sender's.
    Without a sentence that says who sent it, the message names no one."""
    import warnings

    from stancemap.extract import extract_text

    reg = load_actors(tiny_registry_yaml)
    page = dict(date="2022-05-01", doc_kind="official", doc_actor="north", doc_speaker="Northland Ministry")
    quote = "The message reads, in part:“The school has trained fine musicians. You can be proud of it.”"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sent = extract_text("Ada Quill sent a message of greetings to the Harbour School on its anniversary.\n\n"
                            + quote, reg, **page)
        unsent = extract_text("The Harbour School marks its anniversary.\n\n" + quote, reg, **page)
    said = sent[sent["text"].str.startswith("The school has trained")]
    assert said[["actor", "speaker", "kind", "cue"]].values.tolist() == [["north", "Ada Quill", "direct", "reads"]]
    assert len(sent) == 2          # the message once, not again as reported content
    assert "Ada Quill" not in set(unsent["speaker"])
