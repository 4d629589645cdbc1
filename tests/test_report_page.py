"""The report page reads as what it is (issue 14, item 6): what was skipped, who is an
actor, each statement counted once, every mark explained, a statement table laid out
for reading, and a title that comes from the corpus. Texts and people are fictional."""
from __future__ import annotations

import hashlib
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest
from helpers import fictional_registry, make_scored

from stancemap import plots
from stancemap.actors import load_actors
from stancemap.codebook import load_codebook
import stancemap.report as R
from stancemap.report import compare_tables, readings, report
from stancemap.schema import UNATTRIBUTED

REGISTRY = ("actors:\n"
            "  north:\n    label: Northland\n    color: '#117733'\n    members:\n"
            "      - name: Ada Quill\n        aliases: [Quill]\n"
            "  south:\n    label: Southland\n    color: '#AA4499'\n    members:\n"
            "      - name: Bram Oduya\n        aliases: [Oduya]\n")
ONE = ("---\ntitle: Northland and Southland trade blame over the stalled grain truce\ndate: 2025-03-18\n"
       "outlet: The Harbour Gazette\nsource_url: https://example.org/grain-truce\n---\n"
       'Ada Quill said "we will sign the grain truce only when the ports reopen," in Porta on Monday.\n\n'
       'Bram Oduya said "the ports stay closed until the shelling stops."\n\n'
       'Jo Marlow, a harbour analyst, said "neither side wants the truce to fail."\n')
TWO = ("---\ntitle: Porta talks resume after a week of silence\ndate: 2025-03-20\n"
       "outlet: Southland Wire\n---\n"
       'Quill said "the talks in Porta are the last chance for the grain truce."\n\n'
       'Oduya said "we are ready to open two ports next week."\n')


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """A folder with two articles, a binary file and a PDF, reported."""
    root = tmp_path_factory.mktemp("mixed")
    (root / "in").mkdir()
    (root / "in" / "one.md").write_text(ONE, encoding="utf-8")
    (root / "in" / "two.md").write_text(TWO, encoding="utf-8")
    (root / "in" / "scan.txt").write_bytes(b"\x00\x01binary" * 20)
    (root / "in" / "brief.pdf").write_bytes(b"%PDF-1.4\n")
    (root / "actors.yaml").write_text(REGISTRY, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = report([root / "in"], root / "out", actors=root / "actors.yaml", formats=("html",), n_boot=100,
                     progress=False)
    return res, res.index.read_text(encoding="utf-8")


def _visible(page: str) -> str:
    """The page's text outside scripts and tags."""
    page = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


# (a) what was skipped is on the page --------------------------------------------------

def test_files_skipped_from_a_mixed_folder_are_stated_on_the_page(mixed):
    res, page = mixed
    assert len(res.documents) == 2
    text = _visible(page)
    assert "not everything given was analysed" in text
    assert "Skipped 2 of 4 file(s)" in text and "scan.txt" in text and "brief.pdf" in text
    assert page.index('id="not-analysed"') < page.index('id="frame_profile"')   # before any figure


def test_the_page_names_the_speakers_outside_the_registry(mixed):
    """The analyst quoted in ONE is outside the registry: the page names her with her count, so a reader
    knows whom "unattributed" holds and that adding her to the registry would compare her."""
    _, page = mixed
    assert ("and 1 from speakers outside it, kept as “unattributed” — shown in their own row, never compared "
            "or ranked as an actor (most often: “Jo Marlow” 1; add a speaker to the actor registry to compare "
            "them).") in _visible(page)


def test_noted_collects_the_warnings_and_still_gives_them():
    notes: list[str] = []
    with pytest.warns(UserWarning, match="careful"):
        with R.noted(notes):
            warnings.warn("careful", UserWarning)
            warnings.warn("careful", UserWarning)
    assert notes == ["careful"]


# (b) unattributed is never ranked as an actor -----------------------------------------

@pytest.fixture(scope="module")
def with_unattributed():
    reg = fictional_registry(("north", "south"))
    sc = make_scored(120, actors=("north", "south", UNATTRIBUTED), frames=["blame", "diplomacy"],
                     targets=["truce"], seed=3)
    un = sc["actor"] == UNATTRIBUTED
    sc.loc[un, "stance_truce"] = "favor"                 # the bucket leans most in favour…
    sc.loc[un, "frame_blame"] = 0.99
    sc.loc[un, "frames"] = "blame"
    sc.loc[~un, "stance_truce"] = sc.loc[~un, "stance_truce"].replace("favor", "none")
    cb = load_codebook(None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tables, _, _ = compare_tables(sc, reg, n_boot=50)
    return tables, reg, cb, int(un.sum())


def test_unattributed_is_never_ranked_among_the_actors(with_unattributed):
    tables, reg, cb, n_un = with_unattributed
    r = readings(tables, reg, cb)
    assert "Unattributed leans" not in r["stance_heatmap"] and "Unattributed most" not in r["stance_heatmap"]
    assert "Unattributed most often uses" not in r["frame_profile"]
    assert "Unattributed:" not in r["keyness"]
    # …and is mentioned apart, with its n
    assert f"outside the actor registry (“unattributed”, n={n_un})" in r["stance_heatmap"]
    assert "Not compared as a group" in r["frame_profile"]


# (c) each statement counted once -------------------------------------------------------

def test_each_statement_is_counted_once(mixed):
    res, page = mixed
    n = len(res.statements)
    n_un = int((res.statements["actor"] == UNATTRIBUTED).sum())
    assert n_un >= 1 and n - n_un >= 1
    text = _visible(page)
    assert (f"{n} statement(s): {n - n_un} attributed to a group of the actor registry and {n_un} "
            "from speakers outside it") in text
    assert f"{n} attributed statement(s)" not in text


# (d) every mark explained ---------------------------------------------------------------

def test_heatmap_star_is_explained_even_with_the_reports_own_note(with_unattributed):
    tables, reg, cb, _ = with_unattributed
    small = tables["stance_shares"].assign(n=3)
    fig = plots.stance_heatmap(small, reg, labels=cb, note="Source: the report's note.")
    assert any("*" in t for row in fig.data[1].text for t in row)      # on the faded layer
    assert not any("*" in t for row in fig.data[0].text for t in row)
    note = next(a.text for a in fig.layout.annotations if a.name == "source-note")
    assert note.startswith("Source: the report's note.") and "Faded cells, * after a value: fewer than 10 statements" in note


def test_faded_bars_are_explained_even_with_the_reports_own_note(with_unattributed):
    tables, reg, cb, _ = with_unattributed
    fig = plots.frame_profile(tables["frame_shares"].assign(small_n=True), reg, labels=cb, note="Source: x.")
    note = next(a.text for a in fig.layout.annotations if a.name == "source-note")
    assert "Faded bars: fewer than 10 statements" in note


def test_page_readings_explain_the_marks(mixed):
    res, page = mixed
    # the stance heatmap's * appears only where a few statements take a side; its reading says so then
    assert "takes a side" in res.readings["stance_heatmap"] or "take a side" in res.readings["stance_heatmap"]
    assert "Whiskers: 95% intervals" in res.readings["frame_profile"]
    assert "Dotted line: z = 1.96" in res.readings.get("keyness", "Dotted line: z = 1.96")


# (e) the statement table ----------------------------------------------------------------

def test_stance_reading_explains_the_star_when_a_cell_has_one():
    from stancemap import report as R

    reg = load_actors()
    cb = load_codebook()
    addressing = pd.DataFrame({
        "group": ["russia"] * 3, "target": ["sanctions"] * 3, "measure": ["addresses", "favor", "against"],
        "n": [6, 2, 2], "count": [2, 0, 2], "share": [2 / 6, 0.0, 1.0], "ci_low": [0.1, 0.0, 0.3],
        "ci_high": [0.7, 0.7, 1.0], "ci_method": ["wilson"] * 3, "small_n": [True] * 3})
    text = R._read_stance(addressing, reg, cb)
    assert "Russia 2 of n=6 (all against)" in text
    assert "A faded cell with a *: fewer than 10 statements take a side" in text


def test_statement_table_gives_each_title_once_with_a_link_and_wraps(mixed):
    res, page = mixed
    table = page[page.index('id="statements-table"'):]
    assert table.count('<tr class="doc">') == 2
    assert table.count("Northland and Southland trade blame over the stalled grain truce") == 1
    assert table.count("Porta talks resume after a week of silence") == 1
    assert '<a href="https://example.org/grain-truce">' in table
    assert "overflow-wrap: anywhere" in page and "table-layout: fixed" in page
    # the statement in the source's characters: straight quotes, as in the file
    assert "&#34;we will sign the grain truce only when the ports reopen,&#34; in Porta" in table


def test_statement_figure_wraps_to_its_columns_and_names_a_source_once():
    sc = make_scored(8, actors=("north",), per_doc=4, outlets=None,
                     source_title="A very long headline about the grain truce that goes on and on for many words",
                     text=" ".join(["word"] * 120))
    sc["source_url"] = "https://example.org/x"
    fig = plots.statement_explorer(sc, fictional_registry(("north",)), kind="table")
    cols = fig.data[0].cells.values
    for cell in cols[3]:
        assert all(len(line) <= plots.TABLE_WRAP["statement"] for line in cell.split("<br>"))
    sources = list(cols[4])
    assert sum("A very long headline" in s for s in sources) == 2          # two documents, once each
    assert sources.count("<i>(same as above)</i>") == 6
    assert '<a href="https://example.org/x">source</a>' in sources[0]


# (f) colour bar ---------------------------------------------------------------------------

def test_colour_bar_title_is_beside_the_labels_not_on_them(with_unattributed):
    tables, reg, cb, _ = with_unattributed
    bar = plots.stance_heatmap(tables["stance_shares"], reg, labels=cb).data[0].colorbar
    assert bar.title.side == "right"                  # not above the bar, where it met "+100%"
    assert bar.ticks == "outside" and bar.len <= 0.9
    assert all("<br>" not in t for t in bar.ticktext)


# (g) the title comes from the corpus --------------------------------------------------------

def test_default_title_comes_from_the_corpus(mixed):
    res, page = mixed
    expected = "What was said in 2 documents from Southland Wire and The Harbour Gazette, 18 March 2025 to 20 March 2025"
    assert R.default_title(res.documents) == expected
    assert f"<title>{expected}</title>" in page
    assert "How the actors talk about the ceasefire" not in page


def test_default_title_of_one_document_is_its_title():
    docs = pd.DataFrame([{"doc_id": "a", "title": "Porta talks resume", "outlet": "X", "date": "2022-04-01"}])
    assert R.default_title(docs) == "Porta talks resume"
    many = pd.DataFrame({"doc_id": list("abcd"), "title": "", "outlet": list("ABCD"), "date": "2022-04-01"})
    assert R.default_title(many) == "What was said in 4 documents from 4 outlets, 1 April 2022"


def test_title_argument_still_wins(tmp_path):
    (tmp_path / "a.md").write_text(ONE, encoding="utf-8")
    (tmp_path / "actors.yaml").write_text(REGISTRY, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = report([tmp_path / "a.md"], tmp_path / "out", actors=tmp_path / "actors.yaml", formats=("html",),
                     n_boot=50, progress=False, title="My own title")
    page = res.index.read_text(encoding="utf-8")
    assert "<h1>My own title</h1>" in page


# determinism ----------------------------------------------------------------------------------

def test_mixed_folder_page_is_byte_identical_across_runs(mixed, tmp_path):
    res, page = mixed
    src = res.out_dir.parent
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        again = report([src / "in"], tmp_path / "again", actors=src / "actors.yaml", formats=("html",), n_boot=100,
                       progress=False)
    a = hashlib.sha256(page.encode()).hexdigest()
    b = hashlib.sha256(again.index.read_bytes()).hexdigest()
    assert a == b
    assert str(Path.cwd()) not in page or str(Path.cwd()) == "/"


def test_the_page_names_people_quoted_out_of_office_apart(tmp_path):
    """Stop 49: a registry member with ``in_office:`` titles, quoted on a day they held none of them, is kept
    unattributed; the page says so instead of advising to add them to the registry they are in."""
    registry = REGISTRY.replace("      - name: Ada Quill\n        aliases: [Quill]\n",
                                "      - name: Ada Quill\n        aliases: [Quill]\n"
                                "      - name: Cato Vell\n        aliases: [Vell]\n        in_office: [Premier of Northland]\n")
    registry += ("titles:\n  Premier of Northland:\n    holders:\n"
                 "      - {name: Cato Vell, from: 2019-01-01, to: 2024-12-31}\n      - {name: Ada Quill, from: 2025-01-01}\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.md").write_text(ONE.replace("Jo Marlow, a harbour analyst,", "Cato Vell, the former premier,"),
                                            encoding="utf-8")
    (tmp_path / "actors.yaml").write_text(registry, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = report([tmp_path / "in"], tmp_path / "out", actors=tmp_path / "actors.yaml", formats=("html",),
                     n_boot=100, progress=False)
    text = _visible(res.index.read_text(encoding="utf-8"))
    assert ("and 1 from speakers outside it or quoted out of office (1: people it holds, on a day they held none of "
            "their “in_office” titles), kept as “unattributed”") in text
    assert "(quoted out of office: “Cato Vell” 1; add a speaker" in text
