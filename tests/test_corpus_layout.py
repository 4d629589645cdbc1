"""Real text layout through corpus.load (issue 11, item 2): one document as plain text, hard-wrapped,
Markdown, inline HTML, ", "-joined and run together gives the same statements, and every statement's
raw span is the exact characters of the file it came from.

The constructed document has fictional people and places; the real files (White House pages, Zelenskyy's
2022–23 addresses) are read from ../shared when present and never committed.
"""
from __future__ import annotations

import re
import textwrap
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest

from stancemap.corpus import load
from stancemap.errors import LossyStepWarning
from stancemap.extract import extract

TITLE = "Northland and Southland talks stall"
PARAGRAPHS = [
    "Ada Quill, the president of Northland, said on Monday that the talks with Southland were over for this "
    "year and that the border would stay closed until the spring.",
    "“We will not sign this deal, not today and not next week, because the ministry’s plan is dead on "
    "arrival,” Quill told reporters in Northgate after a long cabinet meeting.",
    "Bram Oduya, the Southland premier, replied that his government was “ready to talk at any time, with "
    "anyone, about the river crossings and the ceasefire” and that the ceasefire would hold.",
    "Oduya said that the two sides had agreed on a joint commission for the river crossings, and that the "
    "first meeting would take place in the coming weeks. A date for it had not been set.",
    "“The commission will meet in Eastport as soon as the ice has gone, and we expect the ministers of both "
    "countries to attend,” Oduya said in a statement released by his office on Tuesday.",
    "Quill said the talks could resume if Southland withdrew its new tariffs on grain and timber, which "
    "Northland’s farmers have opposed since the autumn.",
]
# The Markdown copy: a link on a name, emphasis inside and outside a quotation, a heading, front matter.
MARKDOWN = [
    "[Ada Quill](https://example.org/people/ada-quill), the president of Northland, said on Monday that the "
    "talks with Southland were over for this year and that the border would stay **closed** until the spring.",
    "“We will *not* sign this deal, not today and not next week, because the ministry’s plan is dead on "
    "arrival,” Quill told reporters in [Northgate](https://example.org/places/northgate \"the capital\") "
    "after a long cabinet meeting.",
    "Bram Oduya, the Southland premier, replied that his government was “ready to talk at any time, with "
    "anyone, about the river crossings and the ceasefire” and that the ceasefire would _hold_.",
    PARAGRAPHS[3],
    "“The commission will meet in **Eastport** as soon as the ice has gone, and we expect the ministers of "
    "both countries to attend,” Oduya said in a statement released by his office on Tuesday.",
    PARAGRAPHS[5],
]
HTML = [
    "<p>Ada Quill, the president of Northland, said on Monday that the talks with Southland were over for "
    "this year and that the border would stay <strong>closed</strong> until the spring.</p>",
    "<p>&ldquo;We will <em>not</em> sign this deal, not today and not next week, because the ministry&rsquo;s "
    "plan is dead on arrival,&rdquo; Quill told reporters in Northgate after a long cabinet meeting.</p>",
    f"<p>{PARAGRAPHS[2]}</p>", f"<p>{PARAGRAPHS[3]}</p>", f"<p>{PARAGRAPHS[4]}</p>",
    "<p>Quill said the talks could resume if Southland withdrew its new tariffs on grain and timber, which "
    "Northland&#8217;s farmers have opposed since the autumn.</p>",
]


def _variants() -> dict[str, str]:
    body = "\n\n".join(PARAGRAPHS)
    return {
        "plain.txt": TITLE + "\n\n" + body + "\n",
        "wrapped.txt": TITLE + "\n\n" + "\n\n".join(textwrap.fill(p, 64) for p in PARAGRAPHS) + "\n",
        "markdown.md": ("---\ntitle: " + TITLE + "\ndate: 2021-05-04\n---\n# " + TITLE + "\n\n"
                        + "\n\n".join(MARKDOWN) + "\n"),
        "markdown-wrapped.md": "# " + TITLE + "\n\n" + "\n\n".join(textwrap.fill(p, 72) for p in MARKDOWN) + "\n",
        "html.txt": f"<h1>{TITLE}</h1>\n" + "\n".join(HTML) + "\n",
        "joined.txt": ", " + ", ".join(PARAGRAPHS) + ", ",          # a scrape: paragraph breaks became ", "
        "runtogether.txt": "".join(PARAGRAPHS),                      # a scrape that lost them
    }


@pytest.fixture(scope="module")
def layouts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layouts")
    for name, text in _variants().items():
        (folder / name).write_text(text, encoding="utf-8")
    registry = folder / "actors.yaml"
    registry.write_text(
        "actors:\n"
        "  north:\n    label: Northland\n    color: '#117733'\n    members:\n"
        "      - name: Ada Quill\n        aliases: [Quill, President Quill]\n"
        "  south:\n    label: Southland\n    color: '#AA4499'\n    members:\n"
        "      - name: Bram Oduya\n        aliases: [Oduya, the Southland premier]\n", encoding="utf-8")
    docs_folder = folder
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = load(docs_folder, exclude=("*.yaml",))
        st = extract(docs, registry)
    return folder, docs.set_index("doc_id"), st, [str(w.message) for w in caught]


def _body(text: str) -> str:
    """The text without the title paragraph (the scrapes have none)."""
    return text.split("\n\n", 1)[1] if text.startswith(TITLE + "\n\n") else text


def test_every_layout_is_cleaned_to_the_same_text(layouts):
    _, docs, _, _ = layouts
    expected = "\n\n".join(PARAGRAPHS).replace("’", "’")
    for doc_id, row in docs.iterrows():
        assert _body(row["text"]) == expected, doc_id
    assert docs.loc["markdown", "title"] == TITLE
    assert docs.loc["markdown-wrapped", "title"] == TITLE


def test_every_layout_gives_the_same_statements(layouts):
    _, docs, st, _ = layouts
    cols = ["text", "speaker", "actor", "cue", "kind"]
    plain = st[st["doc_id"] == "plain"][cols].reset_index(drop=True)
    assert len(plain) >= 4
    assert set(plain["speaker"]) == {"Ada Quill", "Bram Oduya"}
    for doc_id in docs.index:
        got = st[st["doc_id"] == doc_id][cols].reset_index(drop=True)
        pd.testing.assert_frame_equal(got, plain, obj=doc_id)


def test_raw_spans_are_the_characters_of_each_file(layouts):
    folder, docs, st, _ = layouts
    crossing_markup = 0
    for r in st.itertuples():
        raw = docs.loc[r.doc_id, "raw_text"]
        assert r.raw_start >= 0
        assert raw[r.raw_start:r.raw_end] == r.source_text
        # the file as the user opens it: raw offsets count from its first character (front matter too)
        path = Path(docs.loc[r.doc_id, "path"])
        assert path.read_text(encoding="utf-8")[r.raw_start:r.raw_end] == r.source_text
        assert docs.loc[r.doc_id, "text"][r.char_start:r.char_end] == r.text
        # the raw span holds the statement's words, with its markup and the file's line breaks
        words = re.sub(r"<[^>]+>|\*\*|(?<!\w)[*_]|[*_](?!\w)|\]\([^)]*\)|\[", "", r.source_text)
        words = words.replace("&ldquo;", "“").replace("&rdquo;", "”").replace("&rsquo;", "’")
        words = words.replace("&#8217;", "’")
        assert " ".join(words.split()) == " ".join(r.text.split()), (r.doc_id, r.source_text, r.text)
        crossing_markup += r.source_text != r.text and r.doc_id.startswith(("markdown", "html"))
    assert crossing_markup >= 6


def test_the_repairs_are_warned_with_counts(layouts):
    _, _, _, messages = layouts
    note = next(m for m in messages if m.startswith("Repaired the layout"))
    assert "of 7 document(s)" in note
    assert "\", \": 7 in 1 (joined)" in note                 # 5 joins, the leading and the trailing ", "
    assert "(\"war.Next\"): 5 in 1 (runtogether)" in note
    assert "inline HTML" in note and "(html)" in note
    assert "Markdown" not in note                              # markup in a .md file is its format


def test_markdown_in_a_text_file_is_warned(tmp_path):
    (tmp_path / "notes.txt").write_text("Quill said the border stays **closed**.\n", encoding="utf-8")
    with pytest.warns(LossyStepWarning, match=r"Markdown markup removed .*: 2 in 1 \(notes\)"):
        docs = load(tmp_path / "notes.txt")
    assert docs["text"][0] == "Quill said the border stays closed."


def test_a_plain_file_is_not_repaired(tmp_path):
    (tmp_path / "plain.txt").write_text(_variants()["plain.txt"], encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load(tmp_path / "plain.txt")


# -- real files, loaded as a user would -----------------------------------------------------

_LINK = re.compile(r"\]\(|\[[^\]\n]*\]\(")
_TAG = re.compile(r"</?(?:p|br|em|strong|span|a|s|u|sup|td|tr|div|img|figure)\b[^>]*>|<!--")


def _real_files(datasets_dir: Path, tmp_path: Path) -> Path:
    """20 White House .md pages (every 1/20 of the sorted list) and 20 of Zelenskyy's 2022–23
    addresses (every 1/20 of the rows), written as files the way a user would save them."""
    wh = sorted((datasets_dir / "whitehouse-2021-2026").rglob("*.md"))
    if not wh:
        pytest.skip("whitehouse-2021-2026 is not in ../shared/datasets")
    (tmp_path / "wh").mkdir()
    for p in wh[::len(wh) // 20][:20]:
        (tmp_path / "wh" / p.name).write_bytes(p.read_bytes())
    csv = datasets_dir / "zelensky-speeches-2022-2023" / "data" / "speeches_feb_22_to_may_23.csv"
    if not csv.is_file():
        pytest.skip("zelensky-speeches-2022-2023 is not in ../shared/datasets")
    speeches = pd.read_csv(csv)["speech"]
    (tmp_path / "zel").mkdir()
    for i, s in enumerate(speeches.iloc[::len(speeches) // 20][:20]):
        (tmp_path / "zel" / f"address-{i:02d}.txt").write_text(s, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("folder, kind, actor", [("wh", "official", "us"), ("zel", "official", "ukraine")])
def test_real_files_round_trip_without_markup(datasets_dir, tmp_path, root, folder, kind, actor):
    base = _real_files(datasets_dir, tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        docs = load(base / folder, kind=kind, actor=actor)
        seconds = time.perf_counter() - start
        st = extract(docs, root / "corpora" / "actors.yaml")
    assert len(docs) == 20 and len(st) > 20 * 10
    raws = docs.set_index("doc_id")["raw_text"]
    for r in st.itertuples():
        assert r.raw_start >= 0 and raws[r.doc_id][r.raw_start:r.raw_end] == r.source_text
    assert not st["text"].str.contains(_LINK).any()
    assert not st["text"].str.contains(_TAG).any()
    assert not st["text"].str.contains(r"\*\*").any()
    if folder == "zel":                                          # the ", " joins are paragraphs again
        assert docs["text"].str.count("\n\n").sum() > 20 * 10
        assert not st["text"].str.contains(r"[a-z]{2}[.!?] ?, [A-Z]").any()   # ("10 p.m., I" stays)
    assert seconds < 20                                         # (about 0.1 s: a loose bound for slow machines)
