"""Tests for stancemap.corpus: loading documents from files, folders, tables and the bundled corpus."""
from __future__ import annotations

import shutil
import tempfile
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stancemap.clean import clean
from stancemap.corpus import load, load_bundled, read_metadata
from stancemap.errors import StancemapError
from stancemap.schema import DOCUMENT_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "documents"
SEED = ROOT / "corpora" / "ceasefire-2025-03" / "ceasefire-talks-stall.txt"


def _no_warnings(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return fn(*args, **kwargs)


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _check_table(df: pd.DataFrame) -> None:
    assert list(df.columns) == DOCUMENT_COLUMNS
    assert df["doc_id"].is_unique
    assert not df.isna().any().any()
    assert all(isinstance(v, str) for col in DOCUMENT_COLUMNS for v in df[col])
    assert list(df.index) == list(range(len(df)))


# --------------------------------------------------------------------------- bundled corpus

def test_load_bundled_seed():
    docs = _no_warnings(load_bundled)
    _check_table(docs)
    assert len(docs) == 1                       # annotations/*.csv are not documents
    doc = docs.iloc[0]
    assert doc["doc_id"] == "ceasefire-talks-stall"
    assert doc["path"] == "corpora/ceasefire-2025-03/ceasefire-talks-stall.txt"
    assert doc["raw_text"] == SEED.read_text(encoding="utf-8")      # stored and read verbatim
    assert doc["title"] == SEED.read_text(encoding="utf-8").split("\n")[0]
    assert doc["title"] == doc["source_title"]
    assert doc["dateline"] == "WASHINGTON/LONDON"
    assert doc["date"] == ""
    assert "2025-03-18" in doc["provenance"] and "2025-03-19" in doc["provenance"]
    assert "supplied by the project's user" in doc["provenance"]
    assert doc["outlet"] == doc["author"] == "unknown"
    assert doc["language"] == "en"
    assert doc["license"].startswith("unknown")
    assert (doc["doc_kind"], doc["doc_actor"], doc["doc_speaker"]) == ("article", "", "")
    assert "Getty" not in doc["text"] and "Getty" in doc["raw_text"]


def test_seed_sidecar_metadata_is_available_in_full():
    meta = read_metadata(SEED)
    assert [str(d) for d in meta["event_dates"]] == ["2025-03-18", "2025-03-19"]
    assert meta["outlet"] == "unknown" and meta["date"] == ""


def test_load_bundled_unknown_name_lists_the_available_ones():
    with pytest.raises(StancemapError, match=r"'ceasefire-2025'.*ceasefire-2025-03.*Did you mean 'ceasefire-2025-03'"):
        load_bundled("ceasefire-2025")


# --------------------------------------------------------------------------- each format

@pytest.fixture(scope="module")
def fixture_docs() -> pd.DataFrame:
    return _no_warnings(load, FIXTURES)


def test_folder_loads_every_format_in_sorted_order(fixture_docs):
    _check_table(fixture_docs)
    assert fixture_docs["doc_id"].tolist() == [
        "ministry-statement", "northland-talks", "southland-briefing",
        "brief-a", "brief-b", "releases-1", "releases-2", "wire-report"]
    assert not fixture_docs["path"].str.contains("README|meta.yaml").any()
    assert fixture_docs["path"].iloc[0] == (FIXTURES / "ministry-statement.txt").as_posix()


def _row(docs: pd.DataFrame, doc_id: str) -> pd.Series:
    return docs.set_index("doc_id").loc[doc_id]


def test_markdown_front_matter(fixture_docs):
    doc = _row(fixture_docs, "northland-talks")
    assert doc["title"] == "Northland and Southland agree to resume border talks"
    assert doc["date"] == "2021-05-04"
    assert doc["source_url"] == "https://news.example.org/northland-talks"
    assert (doc["outlet"], doc["author"], doc["language"]) == ("Example Gazette", "Staff reporter", "en")
    assert doc["provenance"] == "loaded from northland-talks.md; topic: border talks"
    # raw_text is the file as opened (front matter included); text has no front matter
    assert doc["raw_text"] == Path(doc["path"]).read_text(encoding="utf-8")
    assert doc["raw_text"].startswith("---\n") and "title:" not in doc["text"]
    assert doc["dateline"] == "NORTHGATE"
    assert "NORTHGATE — Northland’s leader" in doc["text"] and "“within days,”" in doc["text"]


def test_plain_text_headline_dateline_and_boilerplate(fixture_docs):
    doc = _row(fixture_docs, "wire-report")
    assert doc["title"] == "Quill and Oduya trade accusations over stalled river deal"
    assert doc["dateline"] == "NORTHGATE"
    for artefact in ("Advertisement", "pic.twitter.com", "(@PresidentQuill)"):
        assert artefact not in doc["text"] and artefact in doc["raw_text"]
    assert "“The river belongs to both of our peoples — it is time to act.”" in doc["text"]
    assert "didn’t respond" in doc["text"]


def test_sidecar_marks_an_official_text(fixture_docs):
    doc = _row(fixture_docs, "ministry-statement")
    assert (doc["doc_kind"], doc["doc_actor"], doc["doc_speaker"]) == ("official", "north", "Northland Ministry")
    assert doc["date"] == "2021-03-04"
    assert doc["provenance"] == "constructed for stancemap's tests; event_dates: 2021-03-03"


def test_html_main_text_and_metadata(fixture_docs):
    doc = _row(fixture_docs, "southland-briefing")
    assert doc["title"] == "Southland premier briefs parliament on river talks"
    assert doc["date"] == "2021-03-05"
    assert doc["source_url"] == "https://times.example.org/southland-briefing"
    assert (doc["author"], doc["outlet"], doc["language"]) == ("Jo Example", "Example Times", "en")
    assert doc["dateline"] == "SOUTHPORT"
    assert "“a decisive week”" in doc["text"]
    for chrome in ("Home", "Privacy", "All rights reserved", "Advertisement", "<p>"):
        assert chrome not in doc["text"]
    assert "trafilatura" in doc["provenance"]


def test_csv_common_column_names_are_recognised(fixture_docs):
    doc = _row(fixture_docs, "releases-2")
    assert doc["title"] == "Ministry welcomes talks"
    assert doc["source_url"] == "https://ministry.example.org/r/2"
    assert doc["date"] == "2021-03-06"                  # "March 6, 2021"
    assert _row(fixture_docs, "releases-1")["date"] == "2021-03-01"     # ISO with time and zone
    assert doc["text"] == "The Ministry welcomed the talks and said it was “ready to meet at any level.”"
    assert doc["provenance"] == "loaded from releases.csv, row 2"


def test_jsonl_ids_and_per_row_kind(fixture_docs):
    a, b = _row(fixture_docs, "brief-a"), _row(fixture_docs, "brief-b")
    assert (a["doc_kind"], a["doc_actor"], a["doc_speaker"]) == ("official", "south", "Southland Government")
    assert (b["doc_kind"], b["doc_actor"]) == ("article", "")


def test_parquet_with_column_mapping_and_id_column(tmp_path):
    table = pd.DataFrame({"uid": ["x1", "x2"], "body": ["First “text”.", "Second -- text."],
                          "headline": ["One", "Two"], "when": pd.to_datetime(["2021-01-02", None]),
                          "lnk": ["https://a.example/1", "https://a.example/2"]})
    table.to_parquet(tmp_path / "docs.parquet")
    docs = _no_warnings(load, tmp_path / "docs.parquet", text_column="body", id_column="uid",
                        columns={"when": "date", "lnk": "source_url"})
    _check_table(docs)
    assert docs["doc_id"].tolist() == ["x1", "x2"]
    assert docs["title"].tolist() == ["One", "Two"]
    assert docs["date"].tolist() == ["2021-01-02", ""]
    assert docs["source_url"].tolist() == ["https://a.example/1", "https://a.example/2"]
    assert docs["text"].tolist() == ["First “text”.", "Second — text."]


def test_csv_columns_mapping_to_text(tmp_path):
    path = _write(tmp_path / "news.csv", "body,headline,link\nHello there.,Greeting,https://x.example\n")
    docs = load(path, columns={"body": "text", "headline": "title", "link": "source_url"})
    assert docs.loc[0, ["doc_id", "title", "source_url", "text"]].tolist() == [
        "news-1", "Greeting", "https://x.example", "Hello there."]


def test_dataframe_input_is_not_mutated():
    table = pd.DataFrame({"text": ['He said "no".', "Fine."], "kind": ["official", ""], "actor": ["north", ""]})
    before = table.copy()
    docs = load(table, kind="official", actor="south", speaker="Southland Government")
    pd.testing.assert_frame_equal(table, before)
    assert docs["doc_id"].tolist() == ["doc-1", "doc-2"]
    assert docs["path"].tolist() == ["", ""]
    assert docs["doc_actor"].tolist() == ["north", "south"]            # the row's value wins
    assert docs["doc_speaker"].tolist() == ["Southland Government"] * 2
    assert docs["text"].iloc[0] == "He said “no”."


def test_arguments_are_not_mutated(tmp_path):
    path = _write(tmp_path / "a.csv", "body\nSome text.\n")
    paths, columns = [str(path)], {"body": "text"}
    load(paths, columns=columns)
    assert paths == [str(path)] and columns == {"body": "text"}


# --------------------------------------------------------------------------- encodings

def test_utf8_bom(tmp_path):
    path = _write(tmp_path / "bom.txt", "\ufeffA headline here\nLONDON – Body “text”.\n".encode("utf-8"))
    doc = _no_warnings(load, path).iloc[0]
    assert doc["title"] == "A headline here"
    # raw_text keeps the BOM as open() reads it, so raw offsets index the file; text drops it
    assert doc["raw_text"] == path.read_text(encoding="utf-8") and doc["raw_text"].startswith("\ufeff")
    assert doc["text"].startswith("A headline")
    assert doc["dateline"] == "LONDON"


def test_utf16_with_bom(tmp_path):
    path = _write(tmp_path / "wide.txt", "Ünïcode text “here”.".encode("utf-16"))
    assert _no_warnings(load, path)["text"].iloc[0] == "Ünïcode text “here”."


def test_cp1252_fallback_warns_naming_the_file(tmp_path):
    path = _write(tmp_path / "legacy.txt", "The caf\xe9 said \x93yes\x94 \x96 twice.".encode("latin-1"))
    with pytest.warns(UserWarning, match=r"decoded as cp1252: .*legacy\.txt"):
        doc = load(path).iloc[0]
    assert doc["text"] == "The café said “yes” – twice."


def test_latin1_fallback(tmp_path):
    path = _write(tmp_path / "odd.txt", b"Byte \x81 and caf\xe9.")   # 0x81 is undefined in cp1252
    with pytest.warns(UserWarning, match=r"decoded as latin-1: .*odd\.txt"):
        doc = load(path).iloc[0]
    assert doc["text"] == "Byte and café."


def test_explicit_encoding(tmp_path):
    path = _write(tmp_path / "legacy.txt", "caf\xe9".encode("cp1252"))
    assert _no_warnings(load, path, encoding="cp1252")["text"].iloc[0] == "café"
    with pytest.raises(StancemapError, match=r"legacy\.txt is not valid utf-8"):
        load(path, encoding="utf-8")
    with pytest.raises(StancemapError, match="Unknown encoding 'klingon'"):
        load(path, encoding="klingon")


# --------------------------------------------------------------------------- errors, one file

@pytest.mark.parametrize("name, data, match", [
    ("empty.txt", b"", r"empty\.txt is empty \(0 bytes\)"),
    ("blank.md", b"  \n\n ", r"blank\.md is empty \(only whitespace\)"),
    ("nul.txt", b"abc\x00\x01\x02def", r"nul\.txt looks like a binary file"),
    ("report.txt", b"%PDF-1.7\n...", r"report\.txt looks like a binary file \(a PDF\)"),
    ("front.md", b"---\ntitle: x\n---\n\n", r"front\.md has metadata but no text"),
    ("broken.md", b"---\ntitle: [unclosed\n---\nBody.", r"Cannot read the YAML metadata in the front matter of .*broken\.md"),
    ("page.html", b"<html><body><script>var x;</script></body></html>", r"No main text found in .*page\.html"),
    ("slides.pptx", b"PK\x03\x04", r"slides\.pptx: unsupported file type '\.pptx'.*\.txt"),
    ("rows.csv", b"text\n", r"rows\.csv has a header but no rows"),
    ("rows.jsonl", b'{"text": "ok"}\n[1, 2]\n', r"rows\.jsonl: record 2 is a list"),
    ("rows.json", b'{"text": ', r"rows\.json is not valid JSON"),
    ("bad.parquet", b"PAR1 not really", r"Cannot read .*bad\.parquet as Parquet"),
])
def test_single_bad_file_raises_naming_it(tmp_path, name, data, match):
    path = _write(tmp_path / name, data)
    with pytest.raises(StancemapError, match=match):
        load(path)


def test_missing_path(tmp_path):
    _write(tmp_path / "article.txt", "Text.")
    with pytest.raises(StancemapError, match=r"not found\. Did you mean 'article\.txt'\?"):
        load(tmp_path / "articel.txt")


def test_missing_text_column_lists_the_columns(tmp_path):
    path = _write(tmp_path / "news.csv", "link,headline,body\nhttps://x,Hi,The long body text of the article.\n")
    with pytest.raises(StancemapError) as err:
        load(path)
    msg = str(err.value)
    assert "news.csv" in msg and "no text column 'text'" in msg
    assert "Columns are: link, headline, body" in msg and "text_column='body'" in msg


@pytest.mark.parametrize("kwargs, match", [
    ({"columns": {"hedline": "title"}}, r"no column\(s\) 'hedline'.*Did you mean 'headline'"),
    ({"columns": {"headline": "titel"}}, r"'titel' not found\. Valid: text, doc_id, title"),
    ({"id_column": "uid"}, r"id_column 'uid' not found\. Valid: headline, text"),
    ({"kind": "speech"}, r"kind 'speech' not found\. Valid: article, official"),
    ({"actor": "north"}, r"pass kind='official'"),
])
def test_bad_arguments(tmp_path, kwargs, match):
    path = _write(tmp_path / "t.csv", "headline,text\nH,Body.\n")
    with pytest.raises(StancemapError, match=match):
        load(path, **kwargs)


def test_bad_kind_value_in_a_row():
    with pytest.raises(StancemapError, match=r"'speech' not found\. Valid: article, official"):
        load(pd.DataFrame({"text": ["x"], "kind": ["speech"]}))


# --------------------------------------------------------------------------- folders

def test_folder_with_bad_files_loads_the_rest(tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "docs")
    _write(tmp_path / "docs" / "zz-empty.txt", b"")
    _write(tmp_path / "docs" / "sub" / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    _write(tmp_path / "docs" / "notes.docx", b"PK\x03\x04")
    _write(tmp_path / "docs" / ".hidden.txt", b"")                  # hidden: skipped silently
    with pytest.warns(UserWarning) as record:
        docs = load(tmp_path / "docs")
    msgs = [str(w.message) for w in record]
    assert len(msgs) == 1
    assert "Skipped 3 of 9 file(s)" in msgs[0]
    for name in ("zz-empty.txt", "sub/photo.txt", "notes.docx"):
        assert name in msgs[0]
    assert len(docs) == 8
    _check_table(docs)


def test_folder_where_nothing_loads(tmp_path):
    _write(tmp_path / "a.txt", b"")
    _write(tmp_path / "b.bin", b"\x00\x01")
    with pytest.raises(StancemapError, match=r"No document in .* could be loaded \(2 file\(s\) failed\)"):
        load(tmp_path)


def test_empty_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    with pytest.raises(StancemapError, match="No documents found in folder"):
        load(tmp_path)


def test_recursive_and_exclude(tmp_path):
    _write(tmp_path / "top.txt", "Top text.")
    _write(tmp_path / "deeper" / "inner.txt", "Inner text.")
    _write(tmp_path / "drafts" / "draft.txt", "Draft text.")
    assert load(tmp_path)["doc_id"].tolist() == ["inner", "draft", "top"]
    assert load(tmp_path, recursive=False)["doc_id"].tolist() == ["top"]
    assert load(tmp_path, exclude=("drafts",))["doc_id"].tolist() == ["inner", "top"]


def test_duplicate_ids_get_a_suffix_with_a_warning(tmp_path):
    _write(tmp_path / "a" / "report.txt", "One.")
    _write(tmp_path / "b" / "report.txt", "Two.")
    _write(tmp_path / "c" / "report-2.txt", "Three.")
    with pytest.warns(UserWarning, match=r"1 document id\(s\) were already taken.*'report' → 'report-3'"):
        docs = load(tmp_path)
    assert docs["doc_id"].tolist() == ["report", "report-3", "report-2"]


def test_list_of_paths_keeps_the_given_order(tmp_path):
    a = _write(tmp_path / "a.txt", "A text.")
    b = _write(tmp_path / "b.txt", "B text.")
    assert load([b, a])["doc_id"].tolist() == ["b", "a"]
    with pytest.raises(StancemapError, match="No paths given"):
        load([])


# --------------------------------------------------------------------------- official texts, dates, rows

def test_official_kind_for_files(tmp_path):
    path = _write(tmp_path / "speech.txt", "We will keep talking.")
    doc = _no_warnings(load, path, kind="official", actor="north", speaker="Ada Quill").iloc[0]
    assert (doc["doc_kind"], doc["doc_actor"], doc["doc_speaker"]) == ("official", "north", "Ada Quill")


def test_official_without_actor_warns(tmp_path):
    path = _write(tmp_path / "speech.txt", "We will keep talking.")
    with pytest.warns(UserWarning, match=r"1 official document\(s\) have no actor: speech"):
        load(path, kind="official")


def test_actor_on_an_article_row_warns_and_is_not_recorded():
    with pytest.warns(UserWarning, match=r"name an actor or speaker but are doc_kind 'article'"):
        docs = load(pd.DataFrame({"text": ["x"], "actor": ["north"]}))
    assert docs["doc_actor"].tolist() == [""]


@pytest.mark.parametrize("value, expected", [
    ("2025-03-18", "2025-03-18"), ("2025-03-18T23:10:00+02:00", "2025-03-18"),
    ("18 March 2025", "2025-03-18"), ("24 July 2022 - 22:02", "2022-07-24"),
    ("Tue, 18 Mar 2025 10:00:00 GMT", "2025-03-18"), ("", ""),
])
def test_dates_normalised(value, expected):
    docs = _no_warnings(load, pd.DataFrame({"text": ["x"], "date": [value]}))
    assert docs["date"].iloc[0] == expected


@pytest.mark.parametrize("value", ["2025", "March 2025", "next Tuesday", "2025-02-30"])
def test_imprecise_or_bad_dates_are_left_empty_with_a_warning(value):
    with pytest.warns(UserWarning, match=r"1 date\(s\) could not be read as a full calendar date"):
        docs = load(pd.DataFrame({"text": ["x"], "date": [value]}))
    assert docs["date"].iloc[0] == ""


def test_empty_text_rows_are_kept_with_a_warning():
    with pytest.warns(UserWarning, match=r"1 document\(s\) have an empty text and were kept"):
        docs = load(pd.DataFrame({"text": ["Some text.", None]}))
    assert docs["text"].tolist() == ["Some text.", ""]


def test_boilerplate_argument_and_clean_roundtrip(tmp_path):
    path = _write(tmp_path / "a.txt", "Body.\nAdvertisement\nListen now\nMore.")
    assert load(path)["text"].iloc[0] == "Body.\nListen now\nMore."
    assert load(path, boilerplate=("Listen now",))["text"].iloc[0] == "Body.\nAdvertisement\nMore."
    assert load(path, boilerplate=())["text"].iloc[0] == "Body.\nAdvertisement\nListen now\nMore."
    docs = load(path)
    with pytest.warns(UserWarning, match="Removed boilerplate from 1 of 1"):
        again = clean(docs)
    pd.testing.assert_frame_equal(again, docs)


# --------------------------------------------------------------------------- properties

_EXTENSIONS = [".txt", ".md", ".csv", ".tsv", ".jsonl", ".json", ".html"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=300),
                      st.text(max_size=300).map(lambda t: t.encode("utf-8")),
                      st.text(max_size=300).map(lambda t: ("---\n" + t).encode("utf-8")),
                      st.text(alphabet="ab,\"\n\r text{}:[]", max_size=120).map(lambda t: ("text\n" + t).encode())),
       ext=st.sampled_from(_EXTENSIONS))
def test_any_file_either_loads_or_raises_a_clear_error(data, ext):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc{ext}"
        path.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                docs = load(path)
            except StancemapError as exc:
                assert str(path) in str(exc) or path.name in str(exc)
                return
        _check_table(docs)
        for text in docs["text"]:
            assert "\r" not in text and '"' not in text and "\ufeff" not in text


def test_a_leading_rule_is_not_front_matter(tmp_path):
    path = _write(tmp_path / "rule.txt", "---\nJust a separator line above.\n---\nBody text.")
    doc = _no_warnings(load, path).iloc[0]
    assert doc["raw_text"].startswith("---\nJust a separator")


def test_hard_wrapped_markdown_file_is_loaded_as_paragraphs(tmp_path):
    """Issue 11, item 2: a file wrapped at 72 columns gives one line per paragraph in ``text``,
    its title from the first line, and ``raw_text`` as read; a list stays a list."""
    import textwrap

    para = ("Ada Quill, the president of Northland, said on Monday that the talks with Southland were over "
            "for this year and that the border would stay closed until the spring, whatever the ministry said.")
    items = "- Tomas Veld, minister of roads\n- Ines Marrow, deputy minister\n- Piet Harlan, chief negotiator"
    raw = ("Northland closes the border until the spring\n\n" + textwrap.fill(para, 72) + "\n\n"
           + textwrap.fill(para, 72) + "\n\nThe delegation:\n\n" + items + "\n")
    (tmp_path / "wrapped.md").write_text(raw, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = load(tmp_path / "wrapped.md").iloc[0]
    assert doc["raw_text"].count("\n") > doc["text"].count("\n")
    assert doc["title"] == "Northland closes the border until the spring"
    assert doc["text"] == ("Northland closes the border until the spring\n\n" + para + "\n\n" + para
                           + "\n\nThe delegation:\n\n" + items)


# --------------------------------------------------------------------------- raw offsets index the file

_FRONT_MATTER_DOC = ("---\ntitle: Northland talks resume\ndate: 2024-03-02\noutlet: Example Gazette\n---\n\n"
                     "NORTHGATE -- Ada Quill said \"the border talks will resume next week.\"\n\n"
                     "Bram Oduya said: \"Southland is ready to listen, and we will come.\"\n")


@pytest.mark.parametrize("name, prefix, newline", [
    ("talks.md", "", "\n"), ("talks.txt", "", "\n"), ("bom.md", "\ufeff", "\n"), ("crlf.md", "", "\r\n")])
def test_raw_offsets_count_from_the_files_first_character(tmp_path, tiny_registry_yaml, name, prefix, newline):
    """Regression: statements of a file with YAML front matter had raw_start/raw_end counted from
    after the front matter, so the file's text at those offsets was not the statement."""
    from stancemap.extract import extract

    path = _write(tmp_path / "docs" / name, prefix + _FRONT_MATTER_DOC.replace("\n", newline))
    docs = _no_warnings(load, tmp_path / "docs")
    assert docs.loc[0, "title"] == "Northland talks resume" and docs.loc[0, "date"] == "2024-03-02"
    assert "title:" not in docs.loc[0, "text"] and not docs.loc[0, "text"].startswith(("\ufeff", "---"))
    st = extract(docs, tiny_registry_yaml)
    assert set(st["speaker"]) == {"Ada Quill", "Bram Oduya"}
    with open(path, encoding="utf-8", newline="") as f:    # the file as opened, line endings as stored
        file_text = f.read()
    for r in st.itertuples():
        assert r.raw_start > file_text.index("NORTHGATE")
        assert file_text[r.raw_start:r.raw_end] == r.source_text
        assert " ".join(r.source_text.replace('"', "").split()) == " ".join(
            r.text.replace("“", "").replace("”", "").split())
    if newline == "\n":                                     # what open(path).read() gives
        assert all(open(path, encoding="utf-8").read()[r.raw_start:r.raw_end] == r.source_text
                   for r in st.itertuples())


# -- a public dataset's file given as one's own ---------------------------------------------------

@pytest.fixture
def dataset_file(tmp_path, monkeypatch):
    """A registry whose one dataset ('feed') holds data/feed/press/items.csv, with its size and sha256."""
    import hashlib

    from stancemap.datasets import store

    body = b"link,headline,date,body\nu1,Talks,2022-03-01,\"The minister said the talks would go on.\"\n"
    f = tmp_path / "data" / "feed" / "press" / "items.csv"
    f.parent.mkdir(parents=True)
    f.write_bytes(body)
    reg = {"datasets": {"feed": {"repo": "example/feed", "commit": "0" * 40, "license": "CC0 1.0",
                                 "files": [{"path": "press/items.csv", "size": len(body),
                                            "sha256": hashlib.sha256(body).hexdigest()}]}}}
    real = store.load_registry
    monkeypatch.setattr(store, "load_registry", lambda registry=None: real(reg))
    return f


def test_a_dataset_file_read_as_ones_own_warns_with_its_loader(dataset_file, tmp_path):
    """Kyiv's releases (zelenskyy.csv) read as articles gave 4,366 Ukrainian statements; the dataset's
    loader 30,814 (4,834 and 31,311 since stop 46 registered more officials)."""
    from stancemap.errors import StancemapWarning

    data = (tmp_path / "data").resolve().as_posix()
    with pytest.warns(StancemapWarning, match="are a public dataset's") as seen:
        docs = load(dataset_file, text_column="body")
    assert len(docs) == 1                                  # still loaded: a warning, not an error
    msg = str(seen[-1].message)
    assert "items.csv (feed: press/items.csv)" in msg
    assert f"stancemap.datasets.load_dataset('feed', data_dir={data!r})" in msg
    from stancemap.interface import using

    with using("cli"), pytest.warns(StancemapWarning) as seen:
        load(dataset_file, text_column="body")
    assert f"`stancemap datasets load feed --data-dir {data} -o feed.csv`" in str(seen[-1].message)
    with pytest.raises(StancemapError, match=r"Is it 'body'\?.*Or rather: 1 file\(s\) are a public dataset's"):
        load(dataset_file)


def test_a_copy_of_a_dataset_file_elsewhere_gets_the_loader_without_a_data_dir(dataset_file, tmp_path):
    copy = tmp_path / "mine.csv"
    copy.write_bytes(dataset_file.read_bytes())
    with pytest.warns(UserWarning, match="public dataset") as seen:
        load(copy, text_column="body")
    assert "load_dataset('feed') and pass that table instead" in str(seen[-1].message)


def test_ones_own_files_get_no_dataset_warning(dataset_file, tmp_path):
    own = tmp_path / "own.csv"
    own.write_bytes(dataset_file.read_bytes().replace(b"talks", b"TALKS"))   # same size, other bytes
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load(own, text_column="body")
