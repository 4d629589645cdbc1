"""Tests for stancemap.search: the statements behind a number, keyword in context.

Every statement here is constructed and attributed to fictional people (Ada Quill,
Bram Oduya, Cy Vento)."""
from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser

import pandas as pd
import pytest

import stancemap as sm
from stancemap import search as S
from stancemap.errors import LossyStepWarning, StancemapError
from stancemap.schema import SEARCH_COLUMNS, TABLES, table_columns
from stancemap.tables import read_table, write_table

ROWS = [
    # statement_id, doc_id, actor, speaker, kind, text, char_start, date, frames, stance_sanctions
    ("s1", "d1", "north", "Ada Quill", "direct",
     "We will keep the sanctions on Southland until the guns fall silent.", 120, "2022-03-01", "economic", "favor"),
    ("s2", "d1", "south", "Bram Oduya", "indirect",
     "the Sanctions were unjust and sanctions relief must come first", 40, "2022-03-01", "economic;blame",
     "against"),
    ("s3", "d2", "east", "Cy Vento", "official",
     "Sanctioning grain ports is a mistake, Northland's ministers know it.", 0, "2022-02-20", "blame", "none"),
    ("s4", "d3", "north", "Ada Quill", "mixed", "No talk of sanctions today.", 5, "", "", "none"),
    ("s5", "d4", "south", "Bram Oduya", "direct",
     "We talked about energy and the energy\ntruce, not sanctions.", 300, "2022-07-15", "diplomacy", "none"),
    ("s6", "d0", "east", "Cy Vento", "indirect", "sanctions hurt the farmers of Eastland", 77, "2022-03-01",
     "economic", "against"),
]


def statements_table() -> pd.DataFrame:
    df = pd.DataFrame(ROWS, columns=["statement_id", "doc_id", "actor", "speaker", "kind", "text", "char_start",
                                     "date", "frames", "stance_sanctions"])
    df["char_end"] = df["char_start"] + df["text"].str.len()
    df["source_title"] = "Constructed wire " + df["doc_id"]
    df["source_url"] = "https://example.org/" + df["doc_id"]
    return df.drop(columns=["frames", "stance_sanctions"])


def scored_table() -> pd.DataFrame:
    df = pd.DataFrame(ROWS, columns=["statement_id", "doc_id", "actor", "speaker", "kind", "text", "char_start",
                                     "date", "frames", "stance_sanctions"])
    base = statements_table()
    for f in ("diplomacy", "economic", "blame"):
        base[f"frame_{f}"] = [0.9 if f in fr.split(";") else 0.1 for fr in df["frames"]]
    base["frames"] = df["frames"]
    base["stance_sanctions"] = df["stance_sanctions"]
    base["stance_sanctions_p"] = 0.8
    base["stance_truce"] = "none"
    base["stance_truce_p"] = 0.7
    base["tone"] = 0.0
    return base


@pytest.fixture
def scored() -> pd.DataFrame:
    return scored_table()


@pytest.fixture
def statements() -> pd.DataFrame:
    return statements_table()


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossyStepWarning)
        return fn(*args, **kwargs)


# -- matching ------------------------------------------------------------------------

def test_whole_word_case_insensitive_match(scored):
    out = S.search(scored, "sanctions")
    assert out["statement_id"].tolist() == ["s6", "s2", "s2", "s1", "s5", "s4"]
    assert out["match"].tolist() == ["sanctions", "Sanctions", "sanctions", "sanctions", "sanctions", "sanctions"]
    assert "s3" not in set(out["statement_id"])  # "Sanctioning" is another word
    assert S.search(scored, "sanction").empty


def test_wildcard_phrase_and_apostrophes(scored):
    assert S.search(scored, "sanction*")["statement_id"].tolist() == ["s3", "s6", "s2", "s2", "s1", "s5", "s4"]
    phrase = S.search(scored, "energy truce")
    assert phrase["match"].tolist() == ["energy\ntruce"]
    assert "\n" not in phrase["left"].iloc[0] + phrase["right"].iloc[0]
    assert S.search(scored, "northland’s")["match"].tolist() == ["Northland's"]


def test_case_sensitive_and_regex(scored):
    assert S.search(scored, "Sanctions", case_sensitive=True)["statement_id"].tolist() == ["s2"]
    out = S.search(scored, r"sanction(s|ing)\b", regex=True)
    assert sorted(out["match"].str.lower().unique()) == ["sanctioning", "sanctions"]
    with pytest.raises(StancemapError, match=r"'sanction\(' is not a valid regular expression.*leave out "
                                             r"regex=True"):
        S.search(scored, "sanction(", regex=True)


def test_several_terms_one_row_per_match_longest_wins(scored):
    out = S.search(scored, ["sanctions relief", "sanctions", "energy"])
    s2 = out[out["statement_id"] == "s2"]
    assert s2["term"].tolist() == ["sanctions", "sanctions relief"]
    assert s2["match"].tolist() == ["Sanctions", "sanctions relief"]
    assert (out["term"] == "energy").sum() == 2


def test_columns_spans_and_context(scored):
    out = S.search(scored, "sanctions", width=10)
    assert list(out.columns) == SEARCH_COLUMNS == table_columns("search") == TABLES["search"]
    for r in out.itertuples(index=False):
        assert r.text[r.match_start:r.match_end] == r.match
        assert r.left == r.text[max(0, r.match_start - 10):r.match_start]
        assert r.right == r.text[r.match_end:r.match_end + 10]
        assert r.char_end - r.char_start == len(r.text)
        assert r.source_url == f"https://example.org/{r.doc_id}"
    s1 = out[out["statement_id"] == "s1"].iloc[0]
    assert (s1["char_start"], s1["match_start"], s1["speaker"], s1["date"]) == (120, 17, "Ada Quill", "2022-03-01")
    assert out["char_start"].dtype == "Int64" and out["match_start"].dtype == "int64"


def test_order_is_date_document_position_undated_last(scored):
    shuffled = scored.sample(frac=1, random_state=3)
    out = S.search(shuffled, "sanctions")
    assert out["statement_id"].tolist() == ["s6", "s2", "s2", "s1", "s5", "s4"]  # d0 < d1; in d1 s2 (40) < s1 (120)
    assert out[out["statement_id"] == "s2"]["match_start"].is_monotonic_increasing
    assert out["date"].iloc[-1] == ""
    pd.testing.assert_frame_equal(out, S.search(scored, "sanctions"))


def test_tables_with_a_repeated_index_or_fewer_columns(scored):
    doubled = pd.concat([scored, scored])  # index 0..5 twice
    out = quiet(S.search, doubled, "sanctions", actor="north", frame="economic", between=("2022-01-01", None))
    assert out["statement_id"].tolist() == ["s1", "s1"]
    bare = scored[["actor", "text"]]
    out = S.search(bare, "sanctions", actor="south")
    assert len(out) == 3 and out["char_start"].isna().all() and set(out["source_url"]) == {""}
    with pytest.raises(StancemapError, match=r"speaker= needs a 'speaker' column"):
        S.search(bare, "sanctions", speaker="Ada Quill")


def test_input_is_not_changed_and_query_is_recorded(scored):
    before = scored.copy()
    out = quiet(S.search, scored, "sanctions", actor="south", between=("2022-01-01", None))
    pd.testing.assert_frame_equal(scored, before)
    meta = out.attrs["search"]
    assert meta["terms"] == ["sanctions"] and meta["filters"]["actor"] == "south"
    assert meta["statements_searched"] == 2 and meta["statements_matched"] == 2 and meta["statements_in_table"] == 6
    assert S.describe(out) == ("3 matches of “sanctions” in 2 statements (of 2 searched); whole words; filters: "
                               "actor = south; dates 2022-01-01 to ….")


def test_empty_result_keeps_the_columns(scored, statements):
    for table in (scored, statements):
        out = S.search(table, "armistice")
        assert out.empty and list(out.columns) == SEARCH_COLUMNS
        assert out["char_start"].dtype == "Int64" and out["match_end"].dtype == "int64"
    assert list(S.empty_search().columns) == SEARCH_COLUMNS


# -- filters -------------------------------------------------------------------------

def test_actor_speaker_and_kind_filters(scored):
    assert set(S.search(scored, "sanctions", actor="north")["statement_id"]) == {"s1", "s4"}
    assert set(S.search(scored, "sanctions", actor=["NORTH", "east"])["statement_id"]) == {"s1", "s4", "s6"}
    assert set(S.search(scored, "sanctions", speaker="bram oduya")["statement_id"]) == {"s2", "s5"}
    assert set(S.search(scored, "sanctions", kind=["direct", "mixed"])["statement_id"]) == {"s1", "s4", "s5"}


def test_frame_and_stance_filters(scored):
    assert set(S.search(scored, "sanctions", frame="economic")["statement_id"]) == {"s1", "s2", "s6"}
    assert set(S.search(scored, "sanction*", frame=["blame", "diplomacy"])["statement_id"]) == {"s2", "s3", "s5"}
    against = S.search(scored, "sanctions", stance={"sanctions": "against"})
    assert set(against["statement_id"]) == {"s2", "s6"}
    assert set(S.search(scored, "sanctions", stance=["sanctions=favor"])["statement_id"]) == {"s1"}
    both = S.search(scored, "sanctions", stance={"sanctions": ["favor", "against"], "truce": "none"})
    assert set(both["statement_id"]) == {"s1", "s2", "s6"}
    combined = S.search(scored, "sanctions", actor="south", frame="economic", stance={"sanctions": "against"})
    assert set(combined["statement_id"]) == {"s2"}


def test_date_range_is_inclusive_and_warns_about_undated(scored):
    with pytest.warns(LossyStepWarning, match=r"1 of 6 statements have no usable date; left out"):
        out = S.search(scored, "sanction*", between=("2022-02-20", "2022-03-01"))
    assert set(out["statement_id"]) == {"s1", "s2", "s3", "s6"}
    with pytest.warns(LossyStepWarning, match="1 of 2 statements"):
        S.search(scored, "sanctions", actor="north", between=(None, "2022-12-31"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        S.search(scored, "sanctions")  # no date filter: undated statements stay, no warning
    assert set(quiet(S.search, scored, "sanctions", between=("2022-07-15", None))["statement_id"]) == {"s5"}


def test_frame_and_date_filters_read_each_distinct_value_once_and_alike(scored):
    # the masks parse each distinct frames / date value once and map it back: repeated, blank, missing,
    # spaced and timed values must give what a row-by-row reading gives
    big = pd.concat([scored] * 4, ignore_index=True)
    big["frames"] = ["economic", " economic ; blame", None, "", "blame;diplomacy", "economic"] * 4
    big["date"] = ["2022-03-01", "2022-03-01T09:30", None, "", "not a date", " 2022-02-20 "] * 4
    rows = quiet(S.filter_statements, big, frame=["economic", "diplomacy"], between=("2022-02-01", "2022-03-01"))
    assert rows.index.tolist() == [i for i in range(24) if i % 6 in (0, 1, 5)]
    assert rows["statement_id"].tolist() == ["s1", "s2", "s6"] * 4
    assert S.filter_statements(big, frame="blame").index.tolist() == [i for i in range(24) if i % 6 in (1, 4)]


def test_filter_statements_without_a_term(scored):
    rows = S.filter_statements(scored, actor="south", frame="economic")
    assert rows["statement_id"].tolist() == ["s2"] and list(rows.columns) == list(scored.columns)


def test_a_table_read_from_csv_works(scored, tmp_path):
    write_table(scored, tmp_path / "scored.csv")
    table = read_table(tmp_path / "scored.csv")
    out = quiet(S.search, table, "sanctions", frame="economic", stance="sanctions=against",
                between=("2022-01-01", "2022-12-31"))
    assert out["statement_id"].tolist() == ["s6", "s2", "s2"]
    assert out["char_start"].tolist() == [77, 40, 40]


def test_statements_table_searches_without_frame_or_stance(statements):
    assert len(S.search(statements, "sanctions", actor="north")) == 2
    with pytest.raises(StancemapError, match=r"frame= needs a 'frames' column.*stancemap\.score\(table\).*"
                                             r"leave out frame="):
        S.search(statements, "sanctions", frame="economic")
    with pytest.raises(StancemapError, match=r"stance= needs stance_<target> columns.*a statements table"):
        S.search(statements, "sanctions", stance={"sanctions": "against"})


# -- errors --------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, message", [
    ({"actor": "nort"}, r"Actor 'nort' is not in this table\. Values there: east, north, south\. "
                        r"Did you mean 'north'\? Pass actor= one of them\."),
    ({"speaker": "Ada Quil"}, r"Speaker 'Ada Quil' is not in this table.*Ada Quill, Bram Oduya, Cy Vento.*"
                              r"Did you mean 'Ada Quill'"),
    ({"kind": "quote"}, r"Kind 'quote' not found\. Valid: direct, mixed, indirect, official"),
    ({"frame": "econ"}, r"Frame 'econ' not found\. Valid: diplomacy, economic, blame\..*frame_<name> columns"),
    ({"stance": {"sanction": "against"}}, r"Stance target 'sanction' not found\. Valid: sanctions, truce\. "
                                          r"Did you mean 'sanctions'"),
    ({"stance": {"sanctions": "agianst"}}, r"Stance 'agianst' for target 'sanctions' is not valid\. Valid: "
                                           r"favor, against, none\. Did you mean 'against'"),
    ({"stance": "sanctions"}, r"'sanctions' is not TARGET=VALUE\. Write it like sanctions=against"),
    ({"between": ("2022-03-01", "2022-02-30")}, r"The end date of between= is '2022-02-30', which is not a date\. "
                                                r"Write dates as YYYY-MM-DD"),
    ({"between": ("2022-03-01", "2022-02-01")}, r"the start 2022-03-01 is after the end 2022-02-01"),
    ({"between": "2022-03-01"}, r"between= takes two dates"),
    ({"width": -1}, r"width= is the number of characters of context"),
])
def test_bad_values_name_what_is_valid_and_the_fix(scored, kwargs, message):
    with pytest.raises(StancemapError, match=message):
        S.search(scored, "sanctions", **kwargs)


def test_errors_speak_the_command_line_when_asked(scored, statements):
    with pytest.raises(StancemapError, match=r"Pass --frame one of"):
        S.search(scored, "sanctions", frame="econ", interface="cli")
    with pytest.raises(StancemapError, match=r"`stancemap score STATEMENTS\.csv --out scored\.csv`.*leave out "
                                             r"--stance"):
        S.search(statements, "sanctions", stance="sanctions=favor", interface="cli")


def test_no_term_and_no_text_column(scored):
    with pytest.raises(StancemapError, match="Give a search term.*filter_statements"):
        S.search(scored, ["", "  "])
    with pytest.raises(StancemapError, match=r"no 'text' column.*Did you mean 'txt'\?.*stancemap score"):
        S.search(scored.rename(columns={"text": "txt"}), "sanctions")


@pytest.mark.parametrize("actor", [None, "east", "south", ["east", "north"]])
def test_matching_statement_ids_are_searchs_statements_in_its_order(scored, actor):
    """The report's keyness cells list the statements a word matches with one filter and one ordering for
    all the words: the same statements, in the same order, as ``search`` gives word by word."""
    terms = ["sanctions", "energy", "truce", "farm*", "no-such-word"]
    got = quiet(S.matching_statement_ids, scored.sample(frac=1, random_state=1), terms, actor=actor)
    assert list(got) == terms
    for term in terms:
        want = list(dict.fromkeys(quiet(S.search, scored, term, actor=actor)["statement_id"]))
        assert got[term] == want
    assert got["sanctions"] and got["no-such-word"] == []


def test_matching_statement_ids_name_bad_input(scored):
    with pytest.raises(StancemapError, match="Actor 'nowhere'"):
        S.matching_statement_ids(scored, ["sanctions"], actor="nowhere")
    with pytest.raises(StancemapError, match="Give a search term"):
        S.matching_statement_ids(scored, ["  "])


def test_sm_search_is_the_verb_even_after_importing_the_module(scored):
    import stancemap.search  # noqa: F401  (importing the submodule must not break the verb)

    assert "search" in sm.__all__
    pd.testing.assert_frame_equal(sm.search(scored, "sanctions"), S.search(scored, "sanctions"))
    assert callable(sm.search.to_html)


# -- rendering -----------------------------------------------------------------------

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> sanctions </td></table><b>bold</b>'


def hostile_table() -> pd.DataFrame:
    df = scored_table().head(3).copy()
    df.loc[0, "text"] = HOSTILE
    df.loc[0, "speaker"] = "<i>Ada</i> Quill"
    df.loc[0, "source_title"] = '"><script>alert(2)</script>'
    df.loc[1, "source_url"] = "javascript:alert(3)"
    return df


def test_html_escapes_everything_and_links_only_http(tmp_path):
    out = S.search(hostile_table(), "sanctions")
    page = S.to_html(out)
    parser = _Tags()
    parser.feed(page)
    assert set(parser.tags) <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "table", "thead",
                                "tbody", "tr", "th", "td", "span", "mark", "a", "ol", "li", "blockquote", "br"}
    assert not [a for a, _ in parser.attrs if a.startswith("on")]
    hrefs = [v for a, v in parser.attrs if a == "href"]
    assert "https://example.org/d1" in hrefs and not [h for h in hrefs if "javascript" in h.lower()]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page and "&lt;i&gt;Ada&lt;/i&gt; Quill" in page
    assert "javascript:alert(3)" in page  # shown as text, not as a link
    assert "default-src 'none'" in page
    assert page.count("<mark>sanctions</mark>") == 4  # s1 and s2's second match: concordance and statement
    assert S.to_html(out) == page  # deterministic


def test_html_highlights_every_match_of_a_statement(scored):
    page = S.to_html(S.search(scored, "sanctions", actor="south"))
    s2 = re.search(r'<li id="st-\d+"><blockquote>the (.*?)</blockquote>', page).group(1)
    assert s2 == "<mark>Sanctions</mark> were unjust and <mark>sanctions</mark> relief must come first"
    empty = S.to_html(S.search(scored, "armistice"))
    assert "No matches." in empty and "0 matches of “armistice”" in empty


def test_text_rendering(scored):
    text = S.to_text(S.search(scored, "sanctions", actor="north"))
    lines = text.splitlines()
    assert lines[0].startswith("2 matches of “sanctions” in 2 statements (of 2 searched)")
    assert "[sanctions]" in lines[2] and lines[2].startswith("2022-03-01  north  Ada Quill")
    assert lines[-1].startswith("undated") and lines[-1].endswith("s4")
    assert S.to_text(S.search(scored, "armistice")).startswith("0 matches")
