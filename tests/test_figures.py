"""stancemap.figures: deterministic offline HTML, image export via kaleido, real-browser rendering."""
from __future__ import annotations

import concurrent.futures
import os
import warnings

import pandas as pd
import plotly.graph_objects as go
import pytest

from stancemap import compare as C
from stancemap import figures as F
from stancemap import plots as P
from stancemap.errors import StancemapError

from helpers import check_html_renders, fictional_registry, has_random_ids, make_scored


def scored(n: int = 80) -> pd.DataFrame:
    """Synthetic scored table; constructed text, one statement carrying a script tag."""
    df = make_scored(n, ("north", "south"), 5, ["blame", "talks"], ["truce"],
                     words=("Quill", "Oduya", "truce", "ports", "grain"), n_words=5, speaker="Constructed speaker",
                     kind="indirect", outlets=None, source_title="Constructed source", start="2025-03-10", days=14,
                     decimals=None, stance_p=False)
    df.loc[0, "text"] = "</script><script>alert('injected')</script> Quill"
    return df


@pytest.fixture(scope="module")
def figs() -> dict[str, go.Figure]:
    reg = fictional_registry(("north", "south"))
    df = scored()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", C.SmallSampleWarning)
        return {
            "frame_profile": P.frame_profile(C.frame_shares(df, registry=reg, n_boot=100), reg),
            "stance_heatmap": P.stance_heatmap(C.stance_shares(df, registry=reg, n_boot=100), reg),
            "explorer": P.statement_explorer(df, reg),
        }


def test_html_is_byte_identical_offline_and_free_of_uuids(tmp_path, figs):
    a = F.save_figures(figs, tmp_path / "a")
    b = F.save_figures(figs, tmp_path / "b")
    for name in figs:
        ha, hb = a[name]["html"].read_bytes(), b[name]["html"].read_bytes()
        assert ha == hb
        text = ha.decode("utf-8")
        assert not has_random_ids(text)
        assert f'id="{F.div_id_for(name)}"' in text
        assert '<script charset="utf-8" src="plotly-figures.min.js"></script>' in text   # the small plotly.js
        assert len(ha) < 500_000  # no inline 4.6 MB plotly.js
        assert "<title>" in text and "https://" not in text.split("<body>")[0]
    js = tmp_path / "a" / F.FIGURE_BUNDLE_NAME
    assert js.read_bytes() == F.FIGURE_BUNDLE.read_bytes() and not (tmp_path / "a" / F.PLOTLYJS_NAME).exists()
    # a second save into the same folder leaves the shared plotly.js as it was
    mtime = js.stat().st_mtime_ns
    F.save_figure(figs["frame_profile"], tmp_path / "a" / "again.html")
    assert js.stat().st_mtime_ns == mtime
    # the statement text is JSON-escaped, never a live tag
    assert "<script>alert" not in a["explorer"]["html"].read_text(encoding="utf-8")


def test_save_figure_paths_formats_and_inline(tmp_path, figs):
    out = F.save_figure(figs["frame_profile"], tmp_path / "one" / "frames.html")
    assert list(out) == ["html"] and out["html"].name == "frames.html"
    inline = F.save_figure(figs["frame_profile"], tmp_path / "inline" / "frames", include_plotlyjs=True)
    assert inline["html"].stat().st_size > 3_000_000
    assert not (tmp_path / "inline" / F.PLOTLYJS_NAME).exists()
    assert not (tmp_path / "inline" / F.FIGURE_BUNDLE_NAME).exists()
    assert F.div_id_for("figures/Frame profile (v2).html") == "fig-frame-profile-v2"
    with pytest.raises(StancemapError, match="'gif' not found"):
        F.save_figure(figs["frame_profile"], tmp_path / "x", formats=("gif",))
    with pytest.raises(StancemapError, match="not a plotly Figure"):
        F.save_figures({"bad": {"data": []}}, tmp_path)
    div = F.figure_to_html_div(figs["frame_profile"], "fig-frames")
    assert div.startswith("<div") and 'id="fig-frames"' in div and "plotly.min.js" not in div
    with pytest.raises(StancemapError, match="valid HTML id"):
        F.figure_to_html_div(figs["frame_profile"], "1 bad id")


def test_missing_browser_gives_one_line_warning_and_keeps_html(tmp_path, figs, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chrome"))
    assert F.find_browser() is None
    with pytest.warns(F.ImageExportWarning) as rec:
        out = F.save_figure(figs["stance_heatmap"], tmp_path / "heat", formats=("html", "png"))
    assert list(out) == ["html"] and out["html"].is_file()
    assert not (tmp_path / "heat.png").exists()
    msg = str(rec[0].message)
    assert "\n" not in msg and "BROWSER_PATH" in msg and "apt-get install chromium" in msg


browser = F.find_browser()
needs_browser = pytest.mark.skipif(browser is None, reason="no Chrome/Chromium found (install chromium or set BROWSER_PATH)")


@needs_browser
def test_png_and_svg_export_in_one_browser_session(tmp_path, figs):
    subset = {k: figs[k] for k in ("frame_profile", "stance_heatmap")}
    with F.export_session() as ok:
        assert ok
        out = F.save_figures(subset, tmp_path, formats=("html", "png", "svg"), scale=1)
        single = F.save_figure(figs["stance_heatmap"], tmp_path / "single.png", scale=1)
    for name in subset:
        assert out[name]["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"<svg" in out[name]["svg"].read_bytes()[:500]
    assert single["png"].stat().st_size > 1000


@needs_browser
def test_pages_render_in_headless_chromium(tmp_path, figs):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    F.write_plotlyjs(tmp_path)
    # a report-like page: several figure divs sharing one plotly.min.js
    divs = "\n".join(F.figure_to_html_div(fig, F.div_id_for(name)) for name, fig in figs.items())
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
                    '<script src="plotly.min.js"></script></head><body>' + divs + "</body></html>", encoding="utf-8")
    shot = tmp_path / "page.png"
    result = check_html_renders(page, screenshot=shot)
    # every figure drew, no console error, and the statement containing <script> did not run (no dialog)
    assert result == {"figures": 3, "rendered": 3, "errors": []}
    assert shot.stat().st_size > 10_000


def test_check_html_renders_reports_missing_file(tmp_path):
    if browser is None:
        with pytest.raises(StancemapError, match="Cannot check rendering"):
            check_html_renders(tmp_path / "nothing.html")
    else:
        with pytest.raises(StancemapError, match="does not exist"):
            check_html_renders(tmp_path / "nothing.html")


class CrashingBrowser:
    def __init__(self, path):
        self.closed = False

    def submit(self, specs, close_after=False):
        failed = concurrent.futures.Future()
        failed.set_exception(RuntimeError("renderer crashed\nlong traceback text"))
        return failed

    def close(self):
        self.closed = True


def test_image_export_failure_is_one_line(tmp_path, figs, monkeypatch):
    monkeypatch.setattr(F, "ImageBrowser", CrashingBrowser)
    monkeypatch.setattr(F, "find_browser", lambda: "/usr/bin/true")
    with pytest.warns(F.ImageExportWarning, match=r"PNG/SVG export failed \(RuntimeError: renderer crashed\)"):
        out = F.save_figure(figs["frame_profile"], tmp_path / "f", formats=("html", "svg"))
    assert list(out) == ["html"]
    assert sorted(os.listdir(tmp_path)) == sorted(["f.html", F.FIGURE_BUNDLE_NAME])


@needs_browser
def test_a_failed_render_in_a_session_gives_the_next_images_a_fresh_browser(tmp_path, figs, monkeypatch):
    real_submit = F.ImageBrowser.submit
    calls = []

    def fail_once(self, specs, close_after=False):
        calls.append(self)
        if len(calls) == 1:
            raise RuntimeError("tab crashed")
        return real_submit(self, specs, close_after=close_after)

    monkeypatch.setattr(F.ImageBrowser, "submit", fail_once)
    with F.export_session() as ok:
        assert ok
        with pytest.warns(F.ImageExportWarning, match="tab crashed"):
            first = F.save_figure(figs["frame_profile"], tmp_path / "a", formats=("png",), scale=1)
        second = F.save_figure(figs["frame_profile"], tmp_path / "b", formats=("png",), scale=1)
    assert first == {} and not (tmp_path / "a.png").exists()
    assert second["png"].read_bytes()[:4] == b"\x89PNG"
    assert calls[0] is not calls[1]             # the browser of the failed render was not used again


@needs_browser
def test_images_started_early_are_collected_into_place(tmp_path, figs):
    with F.export_session():
        pending = F.start_images(figs, ("html", "png"), scale=1, last=True)
        assert F._SESSION["browser"] is None    # it shuts down after these images
        out = F.save_figures(figs, tmp_path / "out", formats=("html", "png"), images=pending)
        later = F.save_figure(figs["frame_profile"], tmp_path / "later", formats=("png",), scale=1)
    for name in figs:
        assert list(out[name]) == ["html", "png"]
        assert out[name]["png"].read_bytes()[:4] == b"\x89PNG"
    assert later["png"].is_file()               # a new browser for images after the last batch
    assert not any(p.name.startswith(".stancemap-tmp-") for p in (tmp_path / "out").iterdir())


def test_discarded_images_leave_nothing(tmp_path, figs, monkeypatch):
    monkeypatch.setattr(F, "ImageBrowser", CrashingBrowser)
    monkeypatch.setattr(F, "find_browser", lambda: "/usr/bin/true")
    pending = F.start_images(figs, ("png",))
    folder = pending._tmp
    assert folder.is_dir()
    pending.discard()
    assert not folder.exists()


@needs_browser
def test_pdf_then_png_in_one_session(tmp_path, figs):
    with F.export_session():
        pdf = F.save_figure(figs["stance_heatmap"], tmp_path / "h", formats=("pdf",), scale=1)
        png = F.save_figure(figs["stance_heatmap"], tmp_path / "h", formats=("png",), scale=1)
        again = F.save_figure(figs["stance_heatmap"], tmp_path / "h2", formats=("png",), scale=1)
    assert pdf["pdf"].read_bytes()[:5] == b"%PDF-"
    assert png["png"].read_bytes() == again["png"].read_bytes()


@needs_browser
def test_images_added_one_figure_at_a_time_are_all_collected(tmp_path, figs):
    with F.export_session():
        pending = F.start_images({}, ("html", "png"), scale=1)
        assert pending._browser is None             # nothing to render yet: no browser taken
        names = list(figs)
        for name in names[:-1]:
            pending.add({name: figs[name]}, ("html", "png"))
        pending.add({names[-1]: figs[names[-1]]}, ("html", "png"), last=True)
        assert F._SESSION["browser"] is None        # it shuts down after these images
        out = F.save_figures(figs, tmp_path, formats=("html", "png"), images=pending)
    for name in names:
        assert list(out[name]) == ["html", "png"]
        assert out[name]["png"].read_bytes()[:4] == b"\x89PNG"


def test_no_browser_warns_once_for_images_added_later(tmp_path, figs, monkeypatch):
    monkeypatch.setattr(F, "find_browser", lambda: None)
    with pytest.warns(F.ImageExportWarning) as caught:
        pending = F.start_images({}, ("png",))
        for name, fig in figs.items():
            pending.add({name: fig}, ("png",))
        assert pending.collect(tmp_path) == {}
    assert len(caught) == 1 and not list(tmp_path.iterdir())


def test_plotlyjs_is_read_once(monkeypatch):
    """plotly.js is read once per process (write_plotlyjs checks it for every figure page)."""
    import plotly.offline

    F.plotlyjs_bytes.cache_clear()
    calls = []
    monkeypatch.setattr(plotly.offline, "get_plotlyjs", lambda: calls.append(1) or "js")
    assert F.plotlyjs_bytes() == F.plotlyjs_bytes() == b"js" and len(calls) == 1
    F.plotlyjs_bytes.cache_clear()


def test_a_folder_of_figures_gets_the_plotly_js_they_need(monkeypatch, tmp_path):
    import plotly.graph_objects as go

    from stancemap import figures as F

    bar, pie = go.Figure(go.Bar(x=[1], y=[2])), go.Figure(go.Pie(values=[1, 2]))
    assert F.plotlyjs_for([bar]) == F.FIGURE_BUNDLE_NAME == "plotly-figures.min.js"
    assert F.plotlyjs_for([bar, pie]) == F.PLOTLYJS_NAME
    assert F.write_plotlyjs(tmp_path, F.FIGURE_BUNDLE_NAME).read_bytes() == F.FIGURE_BUNDLE.read_bytes()
    with pytest.raises(StancemapError, match="plotly.js bundle"):
        F.write_plotlyjs(tmp_path, "plotly.js")
    # in one folder each page loads the plotly.js it needs
    F.save_figures({"bar": bar, "pie": pie}, tmp_path / "both")
    assert 'src="plotly-figures.min.js"' in (tmp_path / "both" / "bar.html").read_text(encoding="utf-8")
    assert 'src="plotly.min.js"' in (tmp_path / "both" / "pie.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "both").glob("*.js")) == ["plotly-figures.min.js", "plotly.min.js"]
    monkeypatch.setattr(F, "figure_bundle_matches", lambda: False)     # a plotly of another release
    assert F.plotlyjs_for([bar]) == F.PLOTLYJS_NAME
