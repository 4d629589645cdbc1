"""Tests for stancemap.extract.sentences: the extractor's regex sentence splitter (constructed texts)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stancemap.extract.sentences import fast_sentence_spans


def pieces(text, *a):
    return [text[s:e] for s, e in fast_sentence_spans(text, *a)]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "Mr. Quill met Dr. Oduya in Eastport. A. B. Voss stayed. They left."
    assert pieces(text) == ["Mr. Quill met Dr. Oduya in Eastport.", "A. B. Voss stayed.", "They left."]


def test_a_line_break_always_ends_a_sentence_and_spaces_are_trimmed():
    text = "  Ada Quill spoke\nof the harbour  \n\n Talks resume. "
    assert pieces(text) == ["Ada Quill spoke", "of the harbour", "Talks resume."]


def test_offsets_are_absolute_in_a_window():
    text = "Skip this. Quill said nothing. Oduya agreed. Skip that."
    start = text.index("Quill")
    end = text.index(" Skip that")
    spans = fast_sentence_spans(text, start, end)
    assert [text[s:e] for s, e in spans] == ["Quill said nothing.", "Oduya agreed."]
    assert spans[0][0] == start


def test_quotes_and_lower_case_continuations():
    text = "“We will stay,” she said. “No.” the crowd answered? Maybe."
    assert pieces(text) == ["“We will stay,” she said.", "“No.” the crowd answered?", "Maybe."]
    assert fast_sentence_spans("") == [] and fast_sentence_spans("   \n ") == []



def _reference(text, start=0, end=None):
    """The splitter as first written (a character walk back to the word before a period)."""
    from stancemap.extract.sentences import ABBREV_DOTTED, SENT_BREAK

    end = len(text) if end is None else end
    spans, s = [], start

    def push(a, b):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))

    for m in SENT_BREAK.finditer(text, start, end):
        e = m.end()
        if m.group() != "\n" and text[m.start()] == "." and m.end() - m.start() == 1:
            j = k = m.start()
            while k > s and not text[k - 1].isspace() and text[k - 1] not in "([“\"‘'":
                k -= 1
            word = text[k:j].casefold()
            if word in ABBREV_DOTTED or (len(word) == 1 and word.isalpha()) or \
                    (len(word) <= 4 and "." in word and word.replace(".", "").isalpha()):
                continue
        push(s, e)
        s = e
    push(s, end)
    return spans


@given(st.text(alphabet="ab AB.(“\"‘'\n\u00a0Mr.Dr.e.g.U.S.", max_size=80), st.integers(0, 5))
@settings(max_examples=400, deadline=None)
def test_same_spans_as_the_first_splitter(text, cut):
    assert fast_sentence_spans(text) == _reference(text)
    assert fast_sentence_spans(text, cut, max(cut, len(text) - cut)) == _reference(text, cut, max(cut, len(text) - cut))


def test_same_spans_on_tricky_periods():
    for text in ["x (Mr. Quill) said. A “Dr. Who” e.g. x. U.S. troops. He left .Next", ". . .", "Mr.",
                 " \u00a0a. B", "(A. b) 'Gen. Voss'. Then", "Quill said no. Oduya ‘Sen. Voss’. Fine."]:
        assert fast_sentence_spans(text) == _reference(text)


def test_the_commons_hon_is_no_sentence_end():
    from stancemap.extract.sentences import fast_sentence_spans

    text = "I thank the hon. Member for her question. The right hon. Lady is right."
    assert [text[s:e] for s, e in fast_sentence_spans(text)] == [
        "I thank the hon. Member for her question.", "The right hon. Lady is right."]


def test_hansards_bracketed_notes_stay_one_sentence():
    """Stop 50: "[Hon. Members: “More!”]" was cut after "[Hon." and the Official Report's citations after "Vol.";
    the pieces became statements of the Prime Minister."""
    text = ("I thank him. [Hon. Members: “More!”] As I said [Official Report, 3 March 2020; Vol. 672, c. 152.] "
            "Next.")
    assert pieces(text) == ["I thank him.", "[Hon. Members: “More!”]",
                            "As I said [Official Report, 3 March 2020; Vol. 672, c. 152.]", "Next."]


#: SENT_BREAK as first written (a break could start at any position, so ``re`` tried every one).
_FIRST_SENT_BREAK = r"[.!?…]+[”\"’')\]]*(?=[ \t]+[“\"‘'(\[]?[A-Z0-9\u00C0-\u00DE\u0400-\u042F])|\n"


@given(st.text(alphabet="ab AB0.!?…”\"’')]“‘([\n\t\u00c9\u0416", max_size=60), st.integers(0, 5))
@settings(max_examples=500, deadline=None)
def test_sent_break_matches_as_first_written(text, cut):
    import re

    from stancemap.extract.sentences import SENT_BREAK

    first = re.compile(_FIRST_SENT_BREAK)
    end = max(cut, len(text) - cut)
    assert [m.span() for m in SENT_BREAK.finditer(text, cut, end)] == \
        [m.span() for m in first.finditer(text, cut, end)]
