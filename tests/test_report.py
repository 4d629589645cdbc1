"""The main job: files written, determinism, escaping, and a real browser render."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from stancemap.cli import main
from stancemap.errors import StancemapError
from stancemap.figures import find_browser
from stancemap.report import report

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "ceasefire-2025-03"


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix not in {".png", ".svg", ".parquet"}}


@pytest.fixture(scope="module")
def bundled_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return report([CORPUS], out, formats=("html",), n_boot=500, progress=False)


def test_report_writes_tables_figures_and_index(bundled_report):
    out = bundled_report.out_dir
    for name in ["index.html", "statements.csv", "scored.csv", "figures/plotly-figures.min.js",
                 "tables/frame_shares.csv", "tables/frame_shares.parquet", "tables/stance_shares.csv",
                 "tables/keyness.csv", "tables/group_counts.csv"]:
        assert (out / name).is_file(), name
    for fig in ["frame_profile", "stance_heatmap", "keyness", "blame_network", "statements"]:
        assert (out / "figures" / f"{fig}.html").is_file(), fig
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "What was analysed" in page and "Methods" in page and "Every statement" in page
    assert page.count('class="plotly-graph-div"') == len(bundled_report.figures)
    # every attributed statement is listed with its speaker
    st = pd.read_csv(out / "statements.csv")
    assert len(st) == len(bundled_report.statements) > 0
    for speaker in set(st["speaker"]):
        assert speaker in page
    # parquet and csv hold the same table
    a = pd.read_csv(out / "tables/frame_shares.csv")
    b = pd.read_parquet(out / "tables/frame_shares.parquet")
    assert list(a.columns) == list(b.columns) and len(a) == len(b)


def test_report_readings_name_n(bundled_report):
    assert "n=" in bundled_report.readings["frame_profile"]
    assert "n=" in bundled_report.readings["stance_heatmap"] or "no statement" in bundled_report.readings["stance_heatmap"]


def test_report_is_byte_identical_across_runs(bundled_report, tmp_path):
    again = report([CORPUS], tmp_path / "again", formats=("html",), n_boot=500, progress=False)
    assert _digest(bundled_report.out_dir) == _digest(again.out_dir)


def test_statement_text_is_escaped(tmp_path):
    doc = tmp_path / "docs" / "x.txt"
    doc.parent.mkdir()
    doc.write_text("Test headline\nQuill said: “<script>alert('x')</script> we want peace talks now.”\n",
                   encoding="utf-8")
    actors = tmp_path / "actors.yaml"
    actors.write_text("actors:\n  north:\n    label: Northland\n    members:\n      - name: Ada Quill\n"
                      "        aliases: [Quill]\n", encoding="utf-8")
    res = report([doc.parent], tmp_path / "out", actors=actors, formats=("html",), n_boot=100, progress=False)
    page = res.index.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in page
    assert "<script>alert" not in page
    for f in (tmp_path / "out" / "figures").glob("*.html"):
        assert "<script>alert" not in f.read_text(encoding="utf-8")


def test_an_article_saved_twice_counts_once_with_a_note(tmp_path):
    """The same text in two files (a page saved twice, a page posted under two addresses) would count
    every statement twice: the second copy is left out, and the page says so."""
    folder = tmp_path / "docs"
    folder.mkdir()
    body = ("Test headline\nQuill said: “We want peace talks now, and we want them to start this week in Geneva.” "
            "Quill added: “There will be no truce without guarantees that the other side will keep its word.” "
            "The talks were the first since the winter, officials in both capitals said on Monday.\n")
    (folder / "a.txt").write_text(body, encoding="utf-8")
    (folder / "b.txt").write_text(body.replace("\n", "\r\n"), encoding="utf-8")
    actors = tmp_path / "actors.yaml"
    actors.write_text("actors:\n  north:\n    label: Northland\n    members:\n      - name: Ada Quill\n"
                      "        aliases: [Quill]\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="1 of 2 documents repeat an earlier document's text"):
        res = report([folder], tmp_path / "out", actors=actors, formats=("html",), n_boot=100, progress=False)
    assert len(res.documents) == 1 and len(res.statements) == 2
    assert "1 of 2 documents repeat an earlier document" in res.index.read_text(encoding="utf-8")


def test_no_statements_is_a_clear_error(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("The weather was mild. Trains ran on time across the region.\n", encoding="utf-8")
    with pytest.raises(StancemapError, match="No attributed statements"):
        report([doc], tmp_path / "out", formats=("html",), progress=False)


def test_cli_report(tmp_path, capsys):
    assert main(["report", str(CORPUS), "--out", str(tmp_path / "r"), "--formats", "html", "--n-boot", "200",
                 "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "Report:" in out and (tmp_path / "r" / "index.html").is_file()
    assert main(["report", str(CORPUS), "--out", str(tmp_path / "r2"), "--formats", "html", "--event", "bad"]) == 2


@pytest.mark.skipif(find_browser() is None, reason="no Chrome/Chromium found (CI installs Debian chromium)")
def test_index_renders_in_headless_chromium(bundled_report, tmp_path):
    pytest.importorskip("playwright")
    from helpers import check_html_renders

    shot = tmp_path / "report.png"
    result = check_html_renders(bundled_report.index, screenshot=shot)
    assert result["figures"] == len(bundled_report.figures)
    assert result["rendered"] == result["figures"]
    assert result["errors"] == []
    assert shot.stat().st_size > 10_000  # kept in tmp_path: the shared report folder must stay a report
    for page in sorted((bundled_report.out_dir / "figures").glob("*.html")):   # each figure's own page too
        if "-statements" not in page.name:
            got = check_html_renders(page)
            assert (got["figures"], got["rendered"], got["errors"]) == (1, 1, []), page.name


def test_report_loads_the_small_plotly_js_its_figures_need(bundled_report):
    """1.3 MB instead of 4.8: the bundled report's page drew its figures in 0.83-0.92 s instead of
    1.70-1.79 s in headless Chromium (three loads each)."""
    from stancemap.figures import FIGURE_BUNDLE, FIGURE_BUNDLE_NAME

    figs = bundled_report.out_dir / "figures"
    assert (figs / FIGURE_BUNDLE_NAME).read_bytes() == FIGURE_BUNDLE.read_bytes()
    assert not (figs / "plotly.min.js").exists()
    assert '<script src="figures/plotly-figures.min.js"></script>' in (bundled_report.index).read_text(encoding="utf-8")
    for page in figs.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "plotly.min.js" not in text
        assert ('src="plotly-figures.min.js"' in text) == ("-statements" not in page.name), page.name


def test_large_corpora_list_a_capped_number_of_statements(tmp_path, monkeypatch):
    import stancemap.report as R

    monkeypatch.setattr(R, "MAX_LISTED", 5)
    res = report([CORPUS], tmp_path / "cap", formats=("html",), n_boot=100, progress=False)
    page = res.index.read_text(encoding="utf-8")
    assert f"The first 5 of {len(res.scored)} statements" in page
    assert len(pd.read_csv(tmp_path / "cap" / "scored.csv")) == len(res.scored)


def test_report_page_does_not_depend_on_the_checkout_location(bundled_report):
    """Bug fix: the registry path was absolute, so CI's figures differed from the committed ones."""
    page = bundled_report.index.read_text(encoding="utf-8")
    assert str(Path(__file__).resolve().parents[1]) not in page


# -- writing the folder (issue 14: atomic outputs, paths checked first, document options) --------------

def _entries(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_rerun_replaces_the_whole_folder_and_keeps_no_old_figures(bundled_report, tmp_path):
    """Issue 14.1: re-running with formats html left the older run's PNGs beside the new page."""
    out = tmp_path / "r"
    shutil.copytree(bundled_report.out_dir, out)
    (out / "figures" / "frame_profile.png").write_bytes(b"\x89PNG old run")
    (out / "tables" / "old_table.csv").write_text("x\n1\n", encoding="utf-8")
    (out / ".stancemap-report").unlink()  # a report written before the marker existed is still one
    res = report([CORPUS], out, formats=("html",), n_boot=500, progress=False)
    assert not (out / "figures" / "frame_profile.png").exists() and not (out / "tables" / "old_table.csv").exists()
    assert _digest(out) == _digest(bundled_report.out_dir)
    assert res.index == out / "index.html" and all(p.parent == out / "figures"
                                                   for v in res.figures.values() for p in v.values())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]  # no temporary sibling left


def test_an_interrupted_report_leaves_the_earlier_one_untouched(bundled_report, tmp_path, monkeypatch):
    """Issue 14.1: a report stopped while writing left new CSVs beside the old index.html."""
    import stancemap.report as R

    out = tmp_path / "r"
    shutil.copytree(bundled_report.out_dir, out)
    before = _digest(out)

    def stop(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(R, "render_page", stop)
    with pytest.raises(KeyboardInterrupt):
        report([CORPUS], out, formats=("html",), n_boot=100, progress=False)
    assert _digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]
    with pytest.raises(KeyboardInterrupt):
        report([CORPUS], tmp_path / "new", formats=("html",), n_boot=100, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]


@pytest.mark.parametrize("case", ["file", "foreign", "parent_is_file"])
def test_an_output_folder_that_cannot_be_written_fails_before_any_work(tmp_path, monkeypatch, case):
    """Issue 14.2: an unwritable --out failed with a traceback after all the work was done."""
    import stancemap.report as R

    def no_work(*args, **kwargs):
        raise AssertionError("documents were loaded before the output folder was checked")

    monkeypatch.setattr(R, "load_documents", no_work)
    target = tmp_path / "out"
    if case == "file":
        target.write_text("not a folder", encoding="utf-8")
        want = "is a file, and a folder is needed"
    elif case == "foreign":
        target.mkdir()
        (target / "notes.md").write_text("mine", encoding="utf-8")
        want = r"holds files that are not an earlier report \(notes.md\)"
    else:
        (tmp_path / "blocker").write_text("x", encoding="utf-8")
        target = tmp_path / "blocker" / "out"
        want = "is a file, so the folder"
    with pytest.raises(StancemapError, match=rf"Cannot write out_dir '.*': .*{want}"):
        report([CORPUS], target, formats=("html",), progress=False)
    if case == "foreign":
        assert (target / "notes.md").read_text(encoding="utf-8") == "mine"
    with pytest.raises(StancemapError, match="Figure format 'gif' not found"):
        report([CORPUS], tmp_path / "fresh", formats=("gif",), progress=False)


def test_report_takes_the_document_options(tmp_path):
    """Issue 14.5: report had no text column, kind, actor, speaker or encoding option."""
    src = tmp_path / "press.csv"
    pd.DataFrame({"body": ["We will never accept a ceasefire that rewards the aggressor, the ministry said."],
                  "title": ["Statement"]}).to_csv(src, index=False, encoding="cp1252")
    actors = tmp_path / "actors.yaml"
    actors.write_text("actors:\n  north:\n    label: Northland\n    members:\n      - name: Northland Ministry\n"
                      "        aliases: [the ministry]\n", encoding="utf-8")
    with pytest.raises(StancemapError, match="Pass text_column='body'"):
        report([src], tmp_path / "r", actors=actors, formats=("html",), progress=False)
    res = report([src], tmp_path / "r", actors=actors, text_column="body", kind="official", actor="north",
                 speaker="Northland Ministry", encoding="cp1252", formats=("html",), n_boot=50, progress=False)
    assert set(res.statements["actor"]) == {"north"}
    assert set(res.documents["doc_actor"]) == {"north"}


def test_image_export_browser_starts_before_scoring_and_stops_on_error(tmp_path, monkeypatch):
    """PNG: the browser boots in the background while the statements are scored (saves its ~3 s
    start-up), and it is closed when the report fails."""
    import contextlib

    import stancemap.figures as figures
    import stancemap.report as rep

    events = []

    @contextlib.contextmanager
    def fake_session(browser=None):
        events.append("start")
        try:
            yield True
        finally:
            events.append("stop")

    def failing_run(*args, **kwargs):
        events.append("score")
        raise StancemapError("stop here")

    monkeypatch.setattr(figures, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(figures, "export_session", fake_session)
    monkeypatch.setattr(rep, "run", failing_run)
    with pytest.raises(StancemapError, match="stop here"):
        report([CORPUS], tmp_path / "png", formats=("html", "png"), progress=False)
    assert events == ["start", "score", "stop"]
    events.clear()
    with pytest.raises(StancemapError, match="stop here"):
        report([CORPUS], tmp_path / "html", formats=("html",), progress=False)
    assert events == ["score"]          # no browser for HTML only


def test_each_figure_is_handed_on_as_it_is_made(bundled_report):
    import stancemap.report as R
    from stancemap.actors import load_actors
    from stancemap.codebook import load_codebook

    seen = []
    figs, notes = R.make_figures(bundled_report.tables, bundled_report.scored.head(50), load_actors(),
                                 load_codebook(), note="Source: a test.",
                                 on_figure=lambda name, fig: seen.append((name, fig)))
    assert sorted(name for name, _ in seen) == sorted(figs)
    assert all(fig is figs[name] for name, fig in seen)   # the same objects the report writes
