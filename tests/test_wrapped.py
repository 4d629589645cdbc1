"""Hard-wrapped text (issue 11, item 2): a file wrapped at 60 or 72 columns gives the statements
of its unwrapped copy, and every span still points at the file's own characters.

The article, the list and the transcript are constructed, with fictional people and places.
"""
from __future__ import annotations

import textwrap
import warnings

import pytest

from stancemap.clean import clean_text, clean_text_map, hard_wraps, normalize
from stancemap.corpus import load
from stancemap.extract import extract

PARAGRAPHS = [
    "Ada Quill, the president of Northland, said on Monday that the talks with Southland were over for "
    "this year and that the border would stay closed until the spring.",
    "“We will not sign this deal, not today and not next week, because the ministry’s plan is dead on "
    "arrival,” Quill told reporters in Northgate after a long cabinet meeting.",
    "Bram Oduya, the Southland premier, replied that his government was “ready to talk at any time, with "
    "anyone, about a middle-class tax cut and the ceasefire” and that the ceasefire would hold.",
    "Oduya said that the two sides had agreed on a joint commission for the river crossings, and that the "
    "first meeting would take place in the coming weeks. A date for it had not been set.",
]
TITLE = "Northland and Southland talks stall"


def article(width: int | None) -> str:
    body = PARAGRAPHS if width is None else [textwrap.fill(p, width) for p in PARAGRAPHS]
    return TITLE + "\n\n" + "\n\n".join(body) + "\n"


@pytest.fixture
def statements(tmp_path, tiny_registry_yaml):
    (tmp_path / "docs").mkdir()
    for name, width in (("flat", None), ("w60", 60), ("w72", 72)):
        (tmp_path / "docs" / f"{name}.txt").write_text(article(width), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = load(tmp_path / "docs")
        st = extract(docs, tiny_registry_yaml)
    return docs.set_index("doc_id"), st


@pytest.mark.parametrize("width", [60, 72])
def test_wrapped_article_is_cleaned_to_its_unwrapped_copy(width):
    raw = article(width)
    assert raw.count("\n") > article(None).count("\n") + 4          # really wrapped
    assert clean_text(raw).text == clean_text(article(None)).text


def test_wrapped_article_gives_the_same_statements(statements):
    docs, st = statements
    cols = ["text", "speaker", "actor", "char_start", "char_end"]
    flat = st[st["doc_id"] == "flat"][cols].reset_index(drop=True)
    assert len(flat) >= 3
    for name in ("w60", "w72"):
        wrapped = st[st["doc_id"] == name][cols].reset_index(drop=True)
        assert wrapped.equals(flat), name
        assert docs.loc[name, "text"] == docs.loc["flat", "text"]


def test_wrapped_spans_point_at_the_raw_characters(statements):
    docs, st = statements
    crossing = 0
    for r in st.itertuples():
        raw = docs.loc[r.doc_id, "raw_text"]
        assert raw[r.raw_start:r.raw_end] == r.source_text
        assert r.source_text.replace("\n", " ").replace("‘", "’") == r.text.replace("‘", "’") or \
            r.source_text.replace("-\n", "-").replace("\n", " ") == r.text
        crossing += r.doc_id != "flat" and "\n" in r.source_text
    assert crossing >= 4                        # statements spanning a wrap keep the raw newline


@pytest.mark.parametrize("width", [60, 72])
def test_clean_text_map_maps_across_wraps(width):
    raw = article(width)
    m = clean_text_map(raw)
    assert m.text == clean_text(raw).text
    i = m.text.index("the talks with Southland")
    j = m.text.index("spring.") + len("spring.")
    s, e = m.raw_span(i, j)
    assert raw[s:e].replace("\n", " ") == m.text[i:j]
    assert "\n" in raw[s:e]
    for pos in range(len(m.text)):              # one character maps to one character
        s, e = m.raw_span(pos, pos + 1)
        assert raw[s:e] == m.text[pos] or (m.text[pos] == " " and raw[s:e] == "\n")


LIST = ("The ministry named its delegation for the talks with Southland on Monday:\n"
        "- Ada Quill, president of Northland and the head of the delegation\n"
        "- Tomas Veld, minister of roads, bridges and the river crossings of the north\n"
        "- Ines Marrow, deputy minister for the border regions and the coastal towns\n"
        "- Piet Harlan, the chief negotiator of the ministry since the spring of last year\n"
        "1. First meeting: the border crossings and the customs posts at Northgate\n"
        "2. Second meeting: the river commission, its budget and its staff for next year\n")
TRANSCRIPT = ("MS. QUILL: Good afternoon, everybody. We have a few announcements about the talks\n"
              "Q Is Northland preparing to close the border crossings again this winter?\n"
              "MS. QUILL: No. The crossings stay open, as the president said on Monday morning\n"
              "Question (State Radio): Will the commission meet in Northgate or in the south?\n"
              "PRIME MINISTER ODUYA: In Northgate, and we look forward to the first meeting there\n"
              "Q. And what about the customs posts at the river, which were closed in the spring\n"
              "MS. QUILL: They will be part of the talks, of course, like everything else here\n")
POEM = ("The river runs where the border was\n"
        "and the ferry waits for no one\n"
        "we counted the lamps on the northern shore\n"
        "and the wind came down from the hills\n"
        "nobody asked who had built the bridge\n")
PARAGRAPH_PER_LINE = "\n".join(PARAGRAPHS)


@pytest.mark.parametrize("text", [LIST, TRANSCRIPT, POEM, PARAGRAPH_PER_LINE], ids=["list", "transcript", "poem",
                                                                                    "paragraph-per-line"])
def test_lists_transcripts_poems_and_long_lines_are_not_joined(text):
    assert hard_wraps(normalize(text)) == []
    assert clean_text(text).text.count("\n") == normalize(text).count("\n")


def test_wrapped_transcript_turns_are_rebuilt_but_not_joined():
    turns = [("MS. QUILL:", "Good afternoon, everybody. We have a few announcements about the talks with "
                            "Southland and the river commission before we take your questions today."),
             ("Q", "Is Northland preparing to close the border crossings again this winter, as the ministry "
                   "said last week in its report on the northern provinces?"),
             ("MS. QUILL:", "No. The crossings stay open, as the president said on Monday morning, and the "
                            "ministry will publish the new timetable for the ferries before the end of the month."),
             ("Question (State Radio):", "Will the commission meet in Northgate or in the south, and who "
                                         "will chair its first meeting in the coming weeks?")]
    raw = "\n\n".join(textwrap.fill(f"{label} {words}", 72) for label, words in turns)
    text = clean_text(raw).text
    assert text == "\n\n".join(f"{label} {words}" for label, words in turns)


def test_hard_wraps_keeps_headings_and_labels_on_their_own_lines():
    lines = [textwrap.fill(PARAGRAPHS[0], 60), "## Reactions in Southland", textwrap.fill(PARAGRAPHS[2], 60),
             "ODUYA: " + textwrap.fill(PARAGRAPHS[3], 60)]
    text = clean_text("\n".join(lines)).text
    # the Markdown heading loses its marks and becomes a paragraph of its own
    assert text.split("\n") == [PARAGRAPHS[0], "", "Reactions in Southland", "", PARAGRAPHS[2],
                                 "ODUYA: " + PARAGRAPHS[3]]


def test_unwrapping_is_idempotent():
    for width in (60, 72):
        once = clean_text(article(width)).text
        assert clean_text(once).text == once
        assert hard_wraps(once) == []


def test_a_word_hyphenated_at_a_wrap_is_joined_and_a_line_may_start_with_a():
    raw = ("Ada Quill said on Monday that the talks with Southland were over for\n"
           "this year and that the border would stay closed until the spring. The\n"
           "ministry said that its plan for the river crossings was a well-\n"
           "known compromise between the two sides and the commission of the\n"
           "north. A date for the first meeting of the commission had not been\n"
           "set, the ministry added in a statement on Monday evening in Northgate.\n")
    m = clean_text_map(raw)
    assert m.text == clean_text(raw).text == " ".join(raw.split("\n")).strip().replace("well- known", "well-known")
    i = m.text.index("well-known")
    s, e = m.raw_span(i, i + len("well-known"))
    assert raw[s:e] == "well-\nknown"


def test_a_title_case_headline_on_the_first_line_stays_apart():
    body = textwrap.fill(PARAGRAPHS[0] + " " + PARAGRAPHS[3], 60)
    text = clean_text("Northland And Southland Talks Stall Again After The Vote\n" + body).text
    assert text == "Northland And Southland Talks Stall Again After The Vote\n" + PARAGRAPHS[0] + " " + PARAGRAPHS[3]
    # a first line that is the start of a wrapped paragraph is joined, whatever the next line starts with
    raw = ("Ada Quill said on Monday that the talks with the south were over\n"
           "Northland’s border would stay closed until the spring, she said\n"
           "and Bram Oduya replied that the ceasefire would hold all the same\n"
           "in the river towns and in the capital, as the ministry had said.\n")
    assert clean_text(raw).text == " ".join(raw.split())
