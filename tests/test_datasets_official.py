"""The loaders of the official-text datasets added in issue 13 (datasets/whitehouse.py,
datasets/ukparliament.py, the 2022–23 Zelenskyy loader of datasets/press.py) and the
clean.py rules they use (strip_inline_html, unwrap_markdown, split_comma_joins).

Each loader runs on constructed fixtures (tests/fixtures/datasets: fictional people and
places, registered in a temporary registry with their sha256) and, when ../shared/datasets
is present, on the real files (skipped otherwise).
"""
from __future__ import annotations

import gc
import hashlib
import re
import shutil
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
import yaml

from stancemap import datasets as ds
from stancemap.clean import repair_text, split_comma_joins, strip_inline_html, unwrap_markdown
from stancemap.errors import LossyStepWarning, StancemapError
from stancemap.schema import DOCUMENT_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures" / "datasets"
HTML_TAG = r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"
BASE = {"repo": "example/fixture", "commit": "0" * 40, "license": "CC0 1.0", "attribution": "Constructed.",
        "citation": "None."}


def _files(root: Path) -> list[dict]:
    return [{"path": p.relative_to(root).as_posix(), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
            for p in sorted(root.rglob("*")) if p.is_file()]


@pytest.fixture
def fixture_data(tmp_path) -> tuple[Path, Path]:
    """(registry, data dir): the fixtures copied to tmp (the UK CSV written as Parquet),
    registered with their hashes under fixture names."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data, ignore=shutil.ignore_patterns("README.md"))
    uk = data / "fixture-ukpm" / "data"
    frame = pd.read_csv(uk / "pm_contributions.csv", dtype={"contribution_text": str})
    frame["sitting_date"] = pd.to_datetime(frame["sitting_date"])
    (uk / "corpus").mkdir()
    frame.to_parquet(uk / "corpus" / "pm_contributions.parquet", index=False)
    (uk / "pm_contributions.csv").unlink()
    who = {"actor": "north", "speaker": "Ada Quill", "outlet": "Northland Office (example.org)"}
    spec = {
        "fixture-whitehouse": dict(BASE, loader="load_whitehouse", credit="Fixture credit line.",
                                   options=dict(who, speaker="Northland Office", president_title="")),
        "fixture-ukpm": dict(BASE, loader="load_uk_pm_commons", license="Open Parliament Licence v3.0",
                             options={"actor": "south"}),
        "fixture-pgu-2022": dict(BASE, loader="load_zelensky_speeches"),
        "fixture-pgu-2023": dict(BASE, loader="load_zelensky_speeches_2023", options=who),
    }
    for name, s in spec.items():
        s["files"] = _files(data / name)
    reg = tmp_path / "registry.yaml"
    reg.write_text(yaml.safe_dump({"datasets": spec}, allow_unicode=True), encoding="utf-8")
    return reg, data


def _check(docs: pd.DataFrame) -> None:
    assert list(docs.columns[:len(DOCUMENT_COLUMNS)]) == DOCUMENT_COLUMNS
    assert docs["doc_id"].is_unique and docs["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert not docs["text"].str.contains(HTML_TAG).any() and docs["text"].str.len().gt(0).all()
    assert docs["provenance"].str.contains(" dataset (", regex=False).all()


# --------------------------------------------------------------------------- clean.py rules

def test_strip_inline_html_keeps_words_and_lone_angle_brackets():
    assert strip_inline_html("growth <em>[Interruption.]</em> &amp; jobs") == "growth [Interruption.] & jobs"
    assert strip_inline_html('a<span id="4" class="column-number"></span> b <sub>2</sub>') == "a b 2"
    assert strip_inline_html("x < 5 and y > 3") == "x < 5 and y > 3"


def test_unwrap_markdown_joins_wrapped_lines_and_drops_markup():
    md = ("First line of a\nwrapped paragraph.  \n\u00a0 \nSee [the\nlink](https://e.org/a_(b)) and \\[Quill\\], "
          "*every* **one**.\n\n-   item one\n    continues\n-   item two\n\n#### **Heading**\n\n"
          "<img\nsrc=\"x.jpg\" />\n\nMS. QUILL:\u00a0 Hello.\n\nQ\u00a0 \u00a0 Why?\n\n\\###\n")
    out = repair_text(md, markdown=True)
    assert out == ("First line of a wrapped paragraph.\n\nSee the link and [Quill], every one.\n\n"
                   "- item one continues\n- item two\n\nHeading\n\nMS. QUILL: Hello.\n\nQ Why?")
    assert unwrap_markdown("the *Law Review, *and more") == "the Law Review, and more"
    assert unwrap_markdown("a\n\n**\\###**\n\n\\# \\# \\#\n\nb") == "a\n\nb"


@pytest.mark.parametrize("raw,want", [
    (", Good evening!, Today we met. , We thank all.", "Good evening!\n\nToday we met.\n\nWe thank all."),
    ("In Eastport, Westport, and Northgate., At 9:00 a.m., the ship left.",
     "In Eastport, Westport, and Northgate.\n\nAt 9:00 a.m., the ship left."),
    ("It left the U.S., UK and Northland waters.", "It left the U.S., UK and Northland waters."),
    ("Dear friends,, Glory to the crews!", "Dear friends,\n\nGlory to the crews!"),
    ("He said: “Go!”, And we went. It was Washington, D.C., to Eastport.",
     "He said: “Go!”\n\nAnd we went. It was Washington, D.C., to Eastport."),
    ("Namely:, The first point., , The second.", "Namely:\n\nThe first point.\n\nThe second."),
])
def test_split_comma_joins(raw, want):
    assert split_comma_joins(raw) == want


def test_repair_text_defaults_are_unchanged():
    raw = ", Hello!, <em>x</em> **y** line\nwrapped"
    assert repair_text(raw) == raw   # no new rule runs unless asked for
    assert repair_text(raw, html=True) == ", Hello!, x **y** line\nwrapped"


# --------------------------------------------------------------------------- fixtures

def test_whitehouse_fixture(fixture_data):
    reg, data = fixture_data
    docs = ds.load_dataset("fixture-whitehouse", data, registry=reg)
    _check(docs)
    assert list(docs.columns[len(DOCUMENT_COLUMNS):]) == ds.WHITEHOUSE_EXTRA_COLUMNS
    assert docs["date"].tolist() == ["2024-11-05", "2024-11-06", "2025-02-03", "2025-03-01", "2025-03-10",
                                     "2025-04-01"]
    assert docs["page_type"].tolist() == ["statement", "readout", "transcript", "article", "proclamation",
                                          "fact sheet"]
    art = docs[docs["section"] == "articles"].iloc[0]
    assert (art["doc_kind"], art["doc_actor"], art["doc_speaker"]) == ("article", "", "")
    official = docs[docs["section"] != "articles"]
    assert (official["doc_kind"] == "official").all() and (official["doc_actor"] == "north").all()
    assert (official["doc_speaker"] == "Northland Office").all() and (docs["president"] == "").all()
    first = docs.iloc[0]
    assert first["title"] == "Statement by Press Secretary Ada Quill on the Northland Harbor Agreement"
    assert first["text"].endswith("keep the ceasefire along the river.") and "###" not in first["text"]
    assert "the harbor\nto grain" in first["raw_text"] and "the harbor to grain ships" in first["text"]
    briefing = docs[docs["page_type"] == "transcript"].iloc[0]["text"]
    assert "\n\nMS. QUILL: Good afternoon, everyone." in briefing and "\n\nQ Will the ferry line reopen?" in briefing
    assert "(Laughter.)" in briefing
    assert art["text"].startswith("CONSTRUCTED TEST TEXT. Support for the harbor deal keeps rolling in.")
    assert "Mayor Lina Vask of Eastport: “The ferries are [finally] back, and every family" in art["text"]
    assert "- Columnist Piet Oorlog wrote that" in art["text"] and "- Harbor pilots called it overdue." in art["text"]
    assert "](" not in art["text"] and "*" not in art["text"] and "More to come" in art["text"]
    assert docs["tags"].iloc[0] == "statements-releases" and docs["source_url"].str.startswith("https://").all()
    assert docs["provenance"].str.endswith("Fixture credit line.").all()
    assert ds.dataset_credits(docs, reg) == ["Fixture credit line."]
    assert docs["doc_id"].iloc[0] == "wh-2024-11-05-statement-by-press-secretary-ada-quill-on-northland"


def test_whitehouse_fixture_filters(fixture_data):
    reg, data = fixture_data
    docs = ds.load_dataset("fixture-whitehouse", data, registry=reg, sections=["articles", "fact-sheets"],
                           since="2025-03-05")
    assert docs["page_type"].tolist() == ["fact sheet"]
    with pytest.raises(StancemapError, match="Section 'article' not found.*Did you mean 'articles'"):
        ds.load_dataset("fixture-whitehouse", data, registry=reg, sections=["article"])
    with pytest.raises(StancemapError, match="since='March 2025' is not an ISO date"):
        ds.load_dataset("fixture-whitehouse", data, registry=reg, since="March 2025")


@pytest.mark.parametrize("title,section,kind", [
    ("Readout of President Joseph R. Biden, Jr.’s Call", "statements-releases", "readout"),
    ("FACT SHEET: New Sanctions", "statements-releases", "fact sheet"),
    ("Remarks by President Trump Before Bilateral Meeting", "remarks", "transcript"),
    ("Remarks as Prepared for Delivery by National Security Advisor", "speeches-remarks", "prepared remarks"),
    ("Press Gaggle by Press Secretary", "press-briefings", "transcript"),
    ("A Proclamation on Harbor Day", "presidential-actions", "proclamation"),
    ("Memorandum on the Delegation of Authority", "presidential-actions", "memorandum"),
    ("Continuation of the National Emergency", "presidential-actions", "presidential action"),
    ("WHAT THEY ARE SAYING: Support pours in", "statements-releases", "article"),
    ("President Biden Announces Key Nominees", "statements-releases", "statement"),
    ("United States-Japan Joint Leaders’ Statement", "briefings-statements", "statement"),
])
def test_page_type(title, section, kind):
    assert ds.page_type(section, title) == kind


@pytest.mark.parametrize("body, kind", [
    ("The President spoke.\n\n*Here’s what they are saying:*\n\nAda Quill: “Good.”\n", "article"),
    ("Intro.\n\n*See below for what bipartisan leaders across a federal, state and local\nlevel are saying about "
     "the address:*\n\n***Leaders***\n", "article"),
    ("Prices fell.\n\n*Read below for a sampling of the coverage:*\n\n***Arkansas***\n", "article"),
    ("We met. Here’s what they are saying: more talks.\n", "statement"),     # not a paragraph of its own
    ("Today the President acted.\n\nThe leaders agreed.\n", "statement"),
])
def test_page_type_reads_a_round_up_from_the_body(body, kind):
    """Stop 51: "Wide Range of Constituencies Applaud President Biden’s State of the Union Address" quotes others
    under "*Here’s what they are saying:*"; read as the White House's own page, its 125 `us` statements were
    mostly other people's words ("Biden is right, Putin’s war in the Ukraine is uniting democracies …")."""
    assert ds.page_type("statements-releases", "Wide Range of Constituencies Applaud", body) == kind
    # a transcript keeps its kind: a speaker's "here's what they're saying:" is theirs
    assert ds.page_type("speeches-remarks", "Remarks by President Biden", body) == "transcript"


def test_uk_fixture(fixture_data):
    reg, data = fixture_data
    docs = ds.load_dataset("fixture-ukpm", data, registry=reg)
    _check(docs)
    assert list(docs.columns[len(DOCUMENT_COLUMNS):]) == ds.UK_PM_EXTRA_COLUMNS
    assert docs["date"].tolist() == ["2024-01-10", "2025-03-03", "2025-03-05"]
    assert (docs["doc_kind"] == "official").all() and (docs["doc_actor"] == "south").all()
    assert docs["doc_speaker"].tolist() == ["Ada Quill", "Bram Oduya", "Bram Oduya"]
    assert docs["pmqs"].tolist() == [True, False, True] and docs["title"].iloc[1] == "Eastport Summit"
    summit = docs.iloc[1]["text"]
    assert "Eastport summit. CONSTRUCTED TEST TEXT.\n\nNorthland" in summit
    assert "river. [Interruption.] The ferries will run again & the harbor" in summit
    assert docs.iloc[2]["text"].endswith("grain ships will sail from Eastport on Monday—[Interruption]—as promised.")
    assert "CO2 monitors" in docs.iloc[0]["text"] and (docs["license"] == "Open Parliament Licence v3.0").all()
    assert docs["source_url"].iloc[1] == ("https://hansard.parliament.uk/Commons/2025-03-03/debates/"
                                          "DDDD0001-0000-0000-0000-000000000001"
                                          "#contribution-AAAA0001-0000-0000-0000-000000000001")
    with pytest.warns(LossyStepWarning, match="Kept 2 of 3 .* 1 left out"):
        kept = ds.load_dataset("fixture-ukpm", data, registry=reg, keywords=["ceasefire", "grain"])
    assert kept["doc_id"].tolist() == docs["doc_id"].iloc[1:].tolist() and kept.attrs["filtered_out"] == 1
    with pytest.raises(StancemapError, match="keywords is empty"):
        ds.load_dataset("fixture-ukpm", data, registry=reg, keywords=[])


def test_zelensky_2023_fixture_repairs_and_dedupes(fixture_data):
    reg, data = fixture_data
    everything = ds.load_dataset("fixture-pgu-2023", data, registry=reg, dedupe=False)
    _check(everything)
    assert len(everything) == 4 and everything.attrs["duplicates_removed"] == 0
    assert (everything["doc_speaker"] == "Ada Quill").all() and (everything["doc_actor"] == "north").all()
    assert (everything["source_url"] == "").all()
    third = everything.set_index("date").loc["2022-03-03", "text"]
    assert third == ("Good evening, Northlanders!\n\nThe ferries of Eastport sail at dawn.\n\nWe thank the crews in "
                     "Eastport, Westport, and Northgate.\n\nAt 9:00 a.m., the first ship left the U.S., UK and "
                     "Northland waters.\n\nDear friends,\n\nGlory to the crews!")
    # 1 March: same date and title (dash differs); 2 March: the 2022 copy has no title, same opening words
    with pytest.warns(LossyStepWarning, match="2 of 4 documents repeat a document of fixture-pgu-2022"):
        kept = ds.load_dataset("fixture-pgu-2023", data, registry=reg, dedupe="fixture-pgu-2022")
    assert kept["date"].tolist() == ["2022-03-03", "2023-06-30"] and kept.attrs["duplicates_removed"] == 2
    assert kept["doc_id"].str.fullmatch(r"pgu23-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}").all()


def test_same_title():
    assert ds.same_title('Russia" s="" missiles can="" not break us', "Russia's missiles can not break us")
    assert ds.same_title("Russia is trying to find its", "Russia is trying to find its wonder weapon - address")
    assert not ds.same_title("Speech in the Oireachtas", "Kyiv is now the capital of global democracy")
    assert not ds.same_title("", "")


def test_fixture_hashes_verified_and_tampered_copy_refused(fixture_data):
    reg, data = fixture_data
    for name in ("fixture-whitehouse", "fixture-ukpm", "fixture-pgu-2023"):
        assert ds.fetch(name, data, download=False, registry=reg) == data / name
    page = next((data / "fixture-whitehouse" / "articles").rglob("*.md"))
    page.write_text(page.read_text(encoding="utf-8").replace("overdue", "late"), encoding="utf-8")
    with pytest.raises(StancemapError, match="does not match the registry.*refuses to read it"):
        ds.load_dataset("fixture-whitehouse", data, registry=reg)
    parquet = data / "fixture-ukpm" / "data" / "corpus" / "pm_contributions.parquet"
    parquet.write_bytes(parquet.read_bytes() + b"\0")
    with pytest.raises(StancemapError, match="pm_contributions.parquet.*does not match"):
        ds.load_dataset("fixture-ukpm", data, registry=reg)


# --------------------------------------------------------------------------- the real files

def _timed(name, datasets_dir, **kw):
    """Load a dataset; its warnings (another test's objects that the garbage collector finalises meanwhile — a
    notebook kernel's "Unclosed socket <zmq.Socket …>", which failed stop 53's CI — are not the loader's)."""
    gc.collect()
    t = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.simplefilter("ignore", ResourceWarning)
        docs = ds.load_dataset(name, datasets_dir, **kw)
    return docs, [str(w.message) for w in caught], time.perf_counter() - t


def test_registry_has_the_three_new_datasets():
    reg = ds.load_registry()
    wh = reg["whitehouse-2021-2026"]
    assert len(wh.files) == 2878 and all(f.path.endswith(".md") for f in wh.files)
    assert wh.file("remarks/2025-03/2025-03-13-remarks-by-president-trump-and-nato-secretary-general-mark-rutte-"
                   "before-bilateral-meeting.md").url.startswith(
        "https://raw.githubusercontent.com/brian14708/wh-briefings/737ca03a271adc205c67766074ec8d0070f7ad95/remarks/")
    assert reg["uk-pm-commons-2019-2026"].credit == ("Contains Parliamentary information licensed under the Open "
                                                      "Parliament Licence v3.0.")
    assert reg["zelensky-speeches-2022-2023"].credit == "Office of the President of Ukraine, president.gov.ua, CC BY 4.0."
    assert reg["whitehouse-2021-2026"].credit.startswith("The White House, whitehouse.gov")
    assert all(d.credit for d in reg.values())


def test_real_whitehouse(datasets_dir):
    docs, caught, seconds = _timed("whitehouse-2021-2026", datasets_dir)
    _check(docs)
    assert len(docs) == 2878 and caught == []
    assert docs["date"].min() == "2021-01-20" and docs["date"].max() == "2026-08-17"
    assert docs["doc_kind"].value_counts().to_dict() == {"official": 2811, "article": 67}
    # stop 51: round-ups of others' words whose title does not say so ("*Here’s what they are saying:*")
    roundups = docs[docs["section"].eq("statements-releases") & docs["doc_kind"].eq("article")
                    & ~docs["title"].str.match(r"(?i)what they are saying")]
    assert roundups["title"].str[:40].tolist() == [
        "Wide Range of Constituencies Applaud Pre", "What They Are Reading in the States: Gas",
        "What They Are Reading in the States: Bid", "Leaders Applaud the President’s State of"]
    assert set(docs.loc[docs["doc_kind"] == "article", "section"]) == {"articles", "releases", "blog",
                                                                       "statements-releases"}
    official = docs[docs["doc_kind"] == "official"]
    signed = official["doc_speaker"] != "White House"     # since stop 53: a page the President signs is his
    assert (official.loc[signed, "doc_speaker"] == official.loc[signed, "president"]).all()
    assert 180 <= signed.sum() <= 220 and not (official.loc[signed, "page_type"] == "transcript").any()
    assert set(official.loc[signed, "page_type"]) >= {"proclamation", "memorandum", "letter", "notice"}
    assert docs["president"].value_counts().to_dict() == {"Joe Biden": 2736, "Donald Trump": 142}
    assert (docs.loc[docs["date"] < "2025-01-20", "president"] == "Joe Biden").all()
    assert set(docs["page_type"]) <= set(ds.PAGE_TYPES)
    assert not docs["text"].str.contains(r"\]\(https?://").any()
    assert docs["provenance"].str.endswith("The White House, whitehouse.gov (public domain).").all()
    rutte = docs[docs["doc_id"].str.startswith("wh-2025-03-13-remarks-by-president-trump-and-nato")].iloc[0]
    assert rutte["page_type"] == "transcript" and "\n\nSECRETARY GENERAL RUTTE: Absolutely.\n\n" in rutte["text"]
    # hard wraps undone: no line of a statement ends mid-sentence before a lower-case word
    assert docs["text"].str.contains(r"[a-z,]\n[a-z]").sum() < 0.02 * len(docs)
    assert seconds < 60, f"loading the White House pages took {seconds:.1f} s"


def test_real_uk_pm_commons(datasets_dir):
    docs, caught, seconds = _timed("uk-pm-commons-2019-2026", datasets_dir)
    _check(docs)
    assert len(docs) == 10673 and caught == []
    assert docs["date"].min() == "2019-07-25" and docs["date"].max() == "2026-07-15"
    assert docs["doc_speaker"].value_counts().to_dict() == {"Boris Johnson": 5459, "Keir Starmer": 2896,
                                                            "Rishi Sunak": 2195, "Liz Truss": 123}
    assert (docs["doc_kind"] == "official").all() and (docs["doc_actor"] == "europe").all()
    assert int(docs["pmqs"].sum()) == 6076 and not docs["text"].str.contains("&amp;").any()
    assert docs["text"].str.contains(r"\[Interruption\.?\]").sum() > 100
    ukraine, caught, _ = _timed("uk-pm-commons-2019-2026", datasets_dir, keywords=ds.UKRAINE_KEYWORDS)
    assert len(ukraine) == 865 and any("Kept 865 of 10673" in m for m in caught)
    assert ((ukraine["date"] >= "2022-01-01").sum()) >= 700
    london = ukraine[(ukraine["date"] == "2025-03-03") & (ukraine["doc_speaker"] == "Keir Starmer")]
    assert len(london) >= 1 and london["title"].str.contains("Ukraine").any()
    assert seconds < 30, f"loading the Hansard contributions took {seconds:.1f} s"


def test_real_zelensky_2022_2023(datasets_dir):
    docs, caught, seconds = _timed("zelensky-speeches-2022-2023", datasets_dir)
    _check(docs)
    assert len(docs) == 490 and docs.attrs["duplicates_removed"] == 267
    assert any("267 of 757 documents repeat a document of zelensky-speeches-2022" in m for m in caught)
    assert docs["date"].min() == "2022-07-25" and docs["date"].max() == "2023-06-30"
    assert not docs["text"].str.startswith(",").any() and docs["text"].str.contains("\n\n").mean() > 0.95
    everything, _, _ = _timed("zelensky-speeches-2022-2023", datasets_dir, dedupe=False)
    assert len(everything) == 757 and everything["date"].min() == "2022-02-14"
    both = ds.load_zelensky_addresses(datasets_dir)
    assert len(both) == 273 + 490 and both["doc_id"].is_unique
    assert seconds < 30


def test_real_new_datasets_verify_and_tampered_copy_is_refused(datasets_dir, tmp_path):
    for name in ("whitehouse-2021-2026", "uk-pm-commons-2019-2026", "zelensky-speeches-2022-2023"):
        assert ds.fetch(name, datasets_dir, download=False) == datasets_dir / name
    copy = tmp_path / "zelensky-speeches-2022-2023"
    shutil.copytree(datasets_dir / "zelensky-speeches-2022-2023", copy)
    target = copy / "data" / "speeches_june_2023.csv"
    target.chmod(0o644)
    target.write_bytes(target.read_bytes().replace(b"Glory", b"Glorx", 1))
    with pytest.raises(StancemapError, match="speeches_june_2023.csv.*does not match the registry"):
        ds.load_dataset("zelensky-speeches-2022-2023", tmp_path, dedupe=False)


def test_list_datasets_can_verify_hashes(fixture_data):
    reg, data = fixture_data
    table = ds.list_datasets(data, registry=reg, verify=True).set_index("name")
    assert table["verified"].tolist() == ["ok"] * 4 and "verified" not in ds.list_datasets(data, registry=reg)
    page = next((data / "fixture-whitehouse" / "fact-sheets").rglob("*.md"))
    page.write_bytes(page.read_bytes() + b"\n")
    (data / "fixture-pgu-2022" / "data" / "speeches.csv").unlink()
    table = ds.list_datasets(data, registry=reg, verify=True).set_index("name")["verified"]
    assert table["fixture-whitehouse"] == "changed: 1 file(s)" and table["fixture-pgu-2022"] == "not complete"


def test_real_six_datasets_listed_and_verified(datasets_dir):
    t = time.perf_counter()
    table = ds.list_datasets(datasets_dir, verify=True)
    assert len(table) == 6 and (table["local"] == "complete").all() and (table["verified"] == "ok").all()
    assert time.perf_counter() - t < 60


@pytest.mark.parametrize("body, name, signed", [
    # stop 53: the President's proclamations, orders, memoranda, notices and letters to Congress were the White
    # House's words (3,900 sentences); the page he signs is his
    ("I hereby proclaim May Harbour Month.\n\n\u00a0\u00a0\u00a0\u00a0 ADA M. QUILL JR.\n", "Ada Quill", True),
    ("The memorandum ends here.\n\n**ADA QUILL**", "Ada Quill", True),
    ("REMARKS BY PRESIDENT QUILL\n\nGood afternoon.", "Ada Quill", False),     # a heading, not a signature
    ("PRESIDENT QUILL\n\nGood afternoon.", "Ada Quill", False),
    ("President Quill signed it.\n\nADA QUILL", "Bram Oduya", False),
    ("Signed.", "", False),
])
def test_a_page_signed_by_the_president(body, name, signed):
    assert ds.signed_by(body, name) is signed
