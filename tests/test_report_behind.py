"""Every figure of the report links to its statements (#13 item 4): a collapsed table under it and a page
per figure, each bar or cell with the statements it counts, their speaker, date, source and span."""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

from stancemap import compare
from stancemap import report as R
from stancemap.codebook import load_codebook
from stancemap.report import report

from helpers import WORDS, fictional_registry, make_scored

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "ceasefire-2025-03"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    out = tmp_path_factory.mktemp("behind")
    return report([CORPUS], out / "r", formats=("html",), n_boot=200, progress=False)


def test_every_figure_but_the_list_has_its_statements_page_and_table(bundled):
    page = bundled.index.read_text(encoding="utf-8")
    figs = [f for f in bundled.figures if f != "statements"]
    assert figs == ["frame_profile", "stance_heatmap", "keyness", "blame_network"]
    for name in figs:
        target = bundled.out_dir / "figures" / R.behind_page(name)
        assert target.is_file(), name
        assert f'<details class="behind" id="{name}-statements">' in page
        assert f'href="figures/{R.behind_page(name)}"' in page          # the figure's own link
        anchors = set(re.findall(r'<section id="([^"]+)"', target.read_text(encoding="utf-8")))
        linked = set(re.findall(rf'href="figures/{R.behind_page(name)}#([^"]+)"', page))
        assert linked and linked == anchors, name                         # every cell links to its section


def _sections(path: Path) -> dict[str, tuple[int, int]]:
    """{section heading: (n in the heading, statements listed)}."""
    text = path.read_text(encoding="utf-8")
    out = {}
    for m in re.finditer(r"<section id=\"[^\"]+\"><h2>(.*?) — (\d+) statements?</h2>(.*?)</section>", text, re.S):
        out[m.group(1)] = (int(m.group(2)), m.group(3).count("<li>"))
    return out


def test_each_bar_lists_the_statements_its_share_counts(bundled):
    cb = load_codebook()
    sections = _sections(bundled.out_dir / "figures" / R.behind_page("frame_profile"))
    shares = bundled.tables["frame_shares"]
    want = {f"{R.load_actors().labels[r.group]} · {cb.frames[r.frame].label}": r.count
            for r in shares.itertuples() if r.count > 0}
    assert {k: n for k, (n, _) in sections.items()} == want
    assert all(n == listed for n, listed in sections.values())           # fewer than MAX_BEHIND each
    stance = _sections(bundled.out_dir / "figures" / R.behind_page("stance_heatmap"))
    add = bundled.tables["stance_addressing"]
    assert sum(n for n, _ in stance.values()) == int(add.loc[add["measure"].isin(["favor", "against"]), "count"].sum())


def test_the_statements_carry_speaker_source_and_span(bundled):
    text = (bundled.out_dir / "figures" / R.behind_page("blame_network")).read_text(encoding="utf-8")
    edge = bundled.tables["blame_edges"].iloc[0]
    row = bundled.scored.set_index("statement_id").loc[edge["statement_ids"].split(";")[0]]
    assert f"statement {row.name}, document {row['doc_id']}; characters {row['char_start']}–{row['char_end']}" in text
    assert row["speaker"] in text and "<em>accused</em>" in text
    page = bundled.index.read_text(encoding="utf-8")
    assert "characters 1666–1840" in page                                # the example under the figure
    assert "Content-Security-Policy" in text and "<script" not in text


def test_keyness_words_link_to_a_search(bundled):
    sections = _sections(bundled.out_dir / "figures" / R.behind_page("keyness"))
    assert sections and all(n >= 1 for n, _ in sections.values())        # every charted word is found
    text = (bundled.out_dir / "figures" / R.behind_page("keyness")).read_text(encoding="utf-8")
    assert "stancemap search scored.csv" in text and "--actor" in text


def test_statements_behind_a_timeline_with_dates():
    """A constructed scored table with dates: each point of the timeline lists the statements of its week."""
    reg = fictional_registry()
    scored = make_scored(120, seed=3)
    scored["date"] = pd.to_datetime("2031-01-05") + pd.to_timedelta(scored.index % 20, unit="D")
    scored["date"] = scored["date"].dt.strftime("%Y-%m-%d")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        series = compare.over_time(scored, what="frames", registry=reg, n_boot=10)
    cb = load_codebook()
    first = next(iter(cb.frames))
    if first not in set(series["frame"]):
        pytest.skip("the constructed table has none of the bundled codebook's frames")
    behind = R.statements_behind({"frames_over_time": series}, scored, reg, cb, ["timeline"])
    want = series[(series["frame"] == first) & (series["count"] > 0)]
    assert [c["n"] for c in behind["timeline"]] == want["count"].tolist()



def test_statements_behind_makes_each_card_as_statement_cards_does():
    """The cards are made once for all cells: each cell still lists statement_cards of its own rows (the
    first MAX_BEHIND of them, in the filter's order), whatever the scored table's index."""
    from stancemap.search import filter_statements, statement_cards

    reg = fictional_registry()
    scored = make_scored(200, seed=5, words=WORDS)
    scored.index = [7] * 100 + list(range(100))  # not the positions, and not unique
    tables, _, has_time = R.compare_tables(scored, reg, n_boot=10)
    assert has_time
    cb = load_codebook()
    behind = R.statements_behind(tables, scored, reg, cb, list(R.BEHIND))
    assert {k for k, v in behind.items() if v} >= {"frame_profile", "stance_heatmap", "keyness", "timeline"}
    by_id = scored.reset_index(drop=True).set_index("statement_id", drop=False)
    for name, cells in behind.items():
        for i, c in enumerate(cells):
            want = statement_cards(by_id.loc[[s["id"] for s in c["statements"]]], reg.labels)
            assert c["statements"] == want and len(want) == min(c["n"], R.MAX_BEHIND), (name, c["label"])
            assert c["examples"] == [{**s, "short": R._short(s["text"])} for s in want[:R.EXAMPLES_SHOWN]]
            assert list(c) == ["label", "n", "query", "statements", "examples", "id"]
            assert c["id"] == f"{name.replace('_', '-')}-{i + 1}"
    for r, c in zip([r for r in tables["frame_shares"].itertuples() if r.count > 0], behind["frame_profile"]):
        rows = filter_statements(scored, actor=r.group, frame=r.frame)
        assert [s["id"] for s in c["statements"]] == rows["statement_id"].head(R.MAX_BEHIND).tolist()


def test_the_page_is_deterministic_and_escaped(tmp_path):
    from stancemap.search import cells_to_html, statement_cards

    rows = pd.DataFrame({"statement_id": ["s1"], "doc_id": ["d1"], "actor": ["north"], "speaker": ["Ada Quill"],
                         "cue": ["said"], "kind": ["direct"], "text": ["<script>alert(1)</script> no talks"],
                         "source_url": ["javascript:alert(1)"], "source_title": ["<b>Harbour</b>"],
                         "date": ["2031-01-05"], "char_start": [10], "char_end": [44]})
    cards = statement_cards(rows, {"north": "Northland"})
    assert cards[0]["url"] == "" and cards[0]["actor"] == "Northland" and cards[0]["span"] == "10–44"
    cells = [{"id": "c-1", "label": "Northland · <Blame>", "n": 3, "query": "sm.search.filter_statements(...)",
              "statements": cards}]
    page = cells_to_html(cells, title="T")
    assert page == cells_to_html(cells, title="T")
    assert "<script>alert" not in page and "&lt;script&gt;" in page and 'href="javascript' not in page
    assert "&lt;Blame&gt;" in page and "… and 2 more: sm.search.filter_statements(...)" in page
