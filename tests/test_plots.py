"""stancemap.plots: figures follow the registry (order, colours, labels), show n, and are deterministic."""
from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from stancemap import compare as C
from stancemap import plots as P
from stancemap.actors import TOL_MUTED
from stancemap.errors import StancemapError
from stancemap.keyness import keyness

from helpers import WORDS
from helpers import fictional_registry as registry
from helpers import make_scored as _make_scored

def make_scored(n: int = 300, actors=("east", "north", "south", "west"), seed: int = 3) -> pd.DataFrame:
    """Synthetic scored table with constructed text naming fictional actors."""
    return _make_scored(n, actors, seed, words=WORDS, speaker="Spokesperson {}", kind="indirect", per_doc=5,
                        outlets="Example Wire", source_title="Constructed wire story", days=21)


@pytest.fixture(scope="module")
def scored():
    return make_scored()


def _note(fig: go.Figure) -> str:
    notes = [a.text for a in fig.layout.annotations if a.name == "source-note"]
    assert len(notes) == 1
    return notes[0]


def _common(fig: go.Figure, n_statements: int | None = None):
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text and len(fig.layout.title.text) > 10
    assert fig.layout.template.layout.to_plotly_json() == go.layout.Template(
        __import__("plotly.io", fromlist=["templates"]).templates["plotly_white"]).layout.to_plotly_json()
    note = _note(fig)
    assert note.startswith("Source: stancemap analysis")
    if n_statements is not None:
        assert f"{n_statements:,} statements" in note
    for ax in [k for k in fig.layout.to_plotly_json() if k.startswith(("xaxis", "yaxis"))]:
        axis = fig.layout[ax]
        if axis.visible is not False and axis.title.text is not None:
            assert axis.title.text.strip()


def test_color_map_registry_first_then_colour_blind_fallback():
    reg = registry()
    cmap = P.color_map(["north", "zeta", "south", "alpha", "unattributed"], reg)
    assert cmap["north"] == "#117733" and cmap["south"] == "#AA4499"
    assert cmap["unattributed"] == "#BBBBBB"
    assert cmap["zeta"] in TOL_MUTED and cmap["alpha"] in TOL_MUTED
    assert len({cmap["zeta"], cmap["alpha"], cmap["north"], cmap["south"], "#DDCC77"}) == 5
    assert P.color_map(["zeta"], None)["zeta"] == TOL_MUTED[0]


def test_frame_profile_order_colours_and_n(scored):
    reg = registry()
    shares = C.frame_shares(scored, registry=reg, n_boot=200)
    fig = P.frame_profile(shares, reg)
    _common(fig, len(scored))
    names = [t.name for t in fig.data]
    assert [n.split(" (")[0] for n in names] == ["Northland", "Southland", "Eastland", "west"]
    sizes = scored["actor"].value_counts()
    assert names[0] == f"Northland (n={sizes['north']})"
    assert [t.marker.color for t in fig.data[:3]] == ["#117733", "#AA4499", "#DDCC77"]
    assert list(fig.data[0].y) == ["Diplomacy", "Security", "Blame"]
    north = shares[shares.group == "north"]
    np.testing.assert_allclose(fig.data[0].x, north["share"])
    np.testing.assert_allclose(fig.data[0].error_x.array, north["ci_high"] - north["share"])
    assert fig.layout.xaxis.tickformat == ".0%"


def test_frame_profile_panels_for_windows_and_faded_small_groups(scored):
    reg = registry()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = C.event_window(scored, "2025-03-18")
        small = pd.concat([w, make_scored(3, actors=("tiny",), seed=8).assign(window="after")], ignore_index=True)
        shares = C.frame_shares(small, split="window", registry=reg, n_boot=100)
    fig = P.frame_profile(shares, reg)
    assert [a.text for a in fig.layout.annotations if a.name != "source-note"] == ["Window: before", "Window: after"]
    legend = sorted((t for t in fig.data if t.showlegend), key=lambda t: t.legendrank)
    assert [t.name.split(" (")[0] for t in legend] == ["Northland", "Southland", "Eastland", "tiny", "west"]
    tiny = [t for t in fig.data if t.name.startswith("tiny")]
    assert tiny and all(t.marker.opacity < 1 for t in tiny) and "few statements" in tiny[0].name
    assert "n per panel: before / after" in fig.layout.title.subtitle.text


def test_stance_heatmap_net_and_n_in_labels(scored):
    reg = registry()
    st = C.stance_shares(scored, registry=reg, n_boot=200)
    fig = P.stance_heatmap(st, reg)
    _common(fig, len(scored))
    hm = fig.data[0]
    assert isinstance(hm, go.Heatmap) and hm.zmid == 0 and (hm.zmin, hm.zmax) == (-1, 1)
    sizes = scored["actor"].value_counts()
    assert list(hm.y) == [f"Northland (n={sizes['north']})", f"Southland (n={sizes['south']})",
                          f"Eastland (n={sizes['east']})", f"west (n={sizes['west']})"]
    assert list(hm.x) == ["Truce", "Aid"]
    net = st[(st.stance == "net")].set_index(["group", "target"])["share"]
    assert hm.z[0][1] == pytest.approx(net[("north", "aid")])
    assert f"n={sizes['north']}" in hm.text[0][0]


def test_keyness_chart_panels_in_registry_order(scored):
    reg = registry()
    keys = keyness(scored, registry=reg)
    fig = P.keyness_chart(keys, reg, top=5)
    _common(fig, len(scored))
    assert [t.name for t in fig.data] == ["Northland", "Southland", "Eastland", "west"]
    assert [t.marker.color for t in fig.data[:3]] == ["#117733", "#AA4499", "#DDCC77"]
    for t in fig.data:
        assert len(t.x) <= 5 and all(z > 0 for z in t.x)
        assert "used %{customdata[0]:.0f}×" in t.hovertemplate
    titles = [a.text for a in fig.layout.annotations if a.name != "source-note"]
    assert titles[0].startswith("Northland vs everyone else (") and "words)" in titles[0]


def test_timeline_with_event_markers(scored):
    reg = registry()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", C.SmallSampleWarning)
        series = C.over_time(scored, what="stance", registry=reg, n_boot=100)
        frames = C.over_time(scored, what="frames", registry=reg, n_boot=100)
    fig = P.timeline(series, reg, target="truce", events={"2025-03-18": "Phone call"})
    _common(fig, len(scored))
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert [t.name.split(" (")[0] for t in lines] == ["Northland", "Southland", "Eastland", "west"]
    assert lines[0].line.color == "#117733"
    assert [s.x0 for s in fig.layout.shapes] == ["2025-03-18"]
    assert "Phone call" in [a.text for a in fig.layout.annotations]
    assert "truce" in fig.layout.yaxis.title.text.lower()
    with pytest.raises(StancemapError, match="Pick one frame"):
        P.timeline(frames, reg)
    P.timeline(frames, reg, frame="blame", events=["2025-03-11"])
    with pytest.raises(StancemapError, match="YYYY-MM-DD"):
        P.timeline(frames, reg, frame="blame", events=["soon"])


def test_timeline_axis_title_of_a_long_frame_name_takes_two_lines(scored):
    """"Share of statements using the “diplomacy and negotiation” frame" in one line ran past the
    plot's height into the figure's title (a report on Kyiv's 2021-22 releases)."""
    reg = registry()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", C.SmallSampleWarning)
        frames = C.over_time(scored, what="frames", registry=reg, n_boot=100)
    labels = {"blame": "Diplomacy and negotiation"}
    title = P.timeline(frames, reg, frame="blame", labels=labels).layout.yaxis.title.text
    assert title == "Share of statements using the<br>“diplomacy and negotiation” frame"
    assert all(len(line) <= 36 for line in title.split("<br>"))


def test_blame_network_is_deterministic_and_coloured():
    reg = registry()
    df = pd.DataFrame({
        "statement_id": list("123456"), "doc_id": list("aabbcc"),
        "actor": ["north", "north", "south", "east", "east", "south"],
        "text": ["Oduya broke the truce.", "Southland lied.", "Quill is to blame.", "Quill and Oduya failed.",
                 "Talks went well.", "Vento shelled ports."],
        "frames": ["blame", "blame", "blame", "blame", "diplomacy", "blame"],
        "frame_blame": [0.9, 0.8, 0.9, 0.7, 0.1, 0.9], "frame_diplomacy": [0.1, 0.1, 0.1, 0.1, 0.9, 0.1],
    })
    edges = C.blame_edges(df, reg)
    fig = P.blame_network(edges, reg)
    _common(fig, 6)
    nodes = [t for t in fig.data if t.mode == "markers+text"]
    assert [t.name.split(" (")[0] for t in nodes] == ["Northland", "Southland", "Eastland"]
    assert [t.marker.color for t in nodes] == ["#117733", "#AA4499", "#DDCC77"]
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == len(edges) == 5
    assert fig.to_json() == P.blame_network(C.blame_edges(df, reg), reg).to_json()
    empty = P.blame_network(C.blame_edges(df.assign(text="nobody named"), reg), reg)
    assert "No blame-framed statement" in " ".join(a.text for a in empty.layout.annotations)


def test_statement_explorer_escapes_text_and_shows_source(scored):
    reg = registry()
    df = scored.copy()
    df.loc[0, "text"] = "<script>alert('x')</script> & more"
    df.loc[1, "date"] = ""
    with pytest.warns(UserWarning, match="1 of 300 statements have no date"):
        fig = P.statement_explorer(df, reg)
    _common(fig)
    assert "1 undated statements not shown" in _note(fig)
    texts = [c[0] for t in fig.data for c in t.customdata]
    assert any("&lt;script&gt;" in t for t in texts) and not any("<script>" in t for t in texts)
    first = fig.data[0]
    assert first.name.startswith("Northland") and first.marker.color == "#117733"
    assert "Constructed wire story" in first.customdata[0][2]
    table = P.statement_explorer(df.head(10), reg, kind="table")
    assert isinstance(table.data[0], go.Table)
    assert any("&lt;script&gt;" in v for v in table.data[0].cells.values[3])


def test_figures_are_deterministic(scored):
    reg = registry()
    build = lambda: P.frame_profile(C.frame_shares(scored, registry=reg, n_boot=100), reg).to_json()  # noqa: E731
    assert build() == build()
    keys = keyness(scored, registry=reg)
    assert P.keyness_chart(keys, reg).to_json() == P.keyness_chart(keys, reg).to_json()


def test_source_note_and_bad_input():
    assert P.source_note(n_statements=1, n_documents=2) == "Source: stancemap analysis of 1 statement from 2 documents."
    with pytest.raises(StancemapError, match="Column 'frame' not found"):
        P.frame_profile(pd.DataFrame({"group": ["a"]}))


def test_stance_addressing_timeline_fades_thin_periods_and_leaves_empty_ones_out():
    reg = registry()
    t = pd.DataFrame({
        "statement_id": [f"s{i}" for i in range(40)], "doc_id": [f"d{i // 4}" for i in range(40)],
        "actor": ["north"] * 30 + ["south"] * 10,
        "date": ["2025-03-05"] * 15 + ["2025-04-05"] * 15 + ["2025-03-05"] * 5 + ["2025-04-05"] * 5,
        # north: March 12 take a side (9 favour), April 2; south: March none, April 3
        "stance_truce": (["favor"] * 9 + ["against"] * 3 + ["none"] * 3 + ["favor", "against"] + ["none"] * 13
                         + ["none"] * 5 + ["against"] * 3 + ["none"] * 2),
    })
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", C.SmallSampleWarning)
        series = C.stance_addressing_over_time(t, registry=reg)
    fig = P.stance_addressing_timeline(series, reg, events={"2025-03-18": "Phone call"})
    _common(fig, 40)
    solid = [tr for tr in fig.data if tr.mode == "lines+markers"]
    faded = [tr for tr in fig.data if tr.mode == "markers"]
    north_favor = [tr for tr in solid if tr.yaxis == "y2" and tr.legendgroup == "north"][0]
    assert list(north_favor.x) == ["2025-03-01", "2025-04-01"]
    assert north_favor.y[0] == pytest.approx(0.75) and np.isnan(north_favor.y[1])  # April: 2 take a side → faded
    assert [tr.legendgroup for tr in faded if tr.yaxis == "y2"] == ["north", "south"]
    south_faded = [tr for tr in faded if tr.yaxis == "y2" and tr.legendgroup == "south"][0]
    assert np.isnan(south_faded.y[0]) and south_faded.y[1] == 0.0  # March: none takes a side → no point
    assert [tr.name for tr in fig.data if tr.showlegend] == ["Northland (14 of 30 take a side)",
                                                            "Southland (3 of 10 take a side)"]
    assert "Faded points: fewer than 10" in _note(fig) and "Phone call" in [a.text for a in fig.layout.annotations]
    assert fig.layout.yaxis2.title.text == "In favour" and fig.layout.yaxis.tickformat == ".0%"
    assert fig.to_json() == P.stance_addressing_timeline(series, reg, events={"2025-03-18": "Phone call"}).to_json()
    with pytest.raises(StancemapError, match="Pick one stance target"):
        P.stance_addressing_timeline(pd.concat([series, series.assign(target="aid")]).__finalize__(series), reg)
    with pytest.raises(StancemapError, match="Stance target"):
        P.stance_addressing_timeline(series, reg, target="nope")



def test_template_set_once_gives_the_json_of_update_layout(scored, monkeypatch):
    """_finish validates the template once per process: the figure JSON is update_layout(template=...)'s."""
    reg = registry()
    shares, keys = C.frame_shares(scored, registry=reg, n_boot=50), keyness(scored, registry=reg)
    build = lambda: (P.frame_profile(shares, reg).to_json(), P.keyness_chart(keys, reg).to_json())  # noqa: E731
    fast = build()
    assert build() == fast  # again, with the copy made by the first
    monkeypatch.setattr(P, "_set_template", lambda fig: fig.update_layout(template=P.TEMPLATE))
    assert build() == fast
    assert '"plot_bgcolor":"white"' in fast[0]


@pytest.mark.parametrize("seed", range(6))
def test_first_grid_is_pivot_table_first(seed):
    """The heatmap's grids: pivot_table(aggfunc="first", dropna=False) reindexed, without pivot_table."""
    rng = np.random.default_rng(seed)
    n = 0 if seed == 0 else int(rng.integers(1, 40))
    df = pd.DataFrame({"group": pd.array(rng.choice(["north", "south", "east", "x"], n), dtype="string"),
                       "target": rng.choice(["t1", "t2", "t3"], n),
                       "share": np.where(rng.random(n) < 0.3, np.nan, rng.random(n)),
                       "count": rng.integers(0, 9, n)})
    rows, columns = ["south", "north", "west"], ["t3", "t1", "t2", "t4"]
    for col in ("share", "count"):
        want = df.pivot_table(index="group", columns="target", values=col, aggfunc="first",
                              dropna=False).reindex(index=rows, columns=columns).to_numpy(dtype=float)
        np.testing.assert_array_equal(P._first_grid(df, col, rows, columns), want)


def test_timeline_legend_shows_the_ring_it_names(scored):
    """The white centres that ring thin periods were the legend's symbol too: white on white."""
    reg = registry()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", C.SmallSampleWarning)
        frames = C.over_time(scored, what="frames", registry=reg, n_boot=100)
    fig = P.timeline(frames, reg, frame="blame")
    ringed = [t for t in fig.data if t.name and t.name.startswith("Ringed")]
    centres, legend = ringed
    assert centres.showlegend is False and centres.marker.color == "white" and len(centres.x) > 0
    assert legend.showlegend is not False and legend.marker.symbol == "circle-open"
    assert legend.marker.color != "white" and list(legend.x) == [None]


def test_a_summary_table_read_back_as_text_draws_as_the_typed_one():
    """`read_table` keeps a CSV's cells as text: the heatmap failed on '' with a bare ValueError, and
    "False" read as a flag would have faded every cell."""
    from stancemap.actors import load_actors
    from stancemap.codebook import load_codebook
    from stancemap.tables import read_table

    tables = Path(__file__).resolve().parents[1] / "figures/ceasefire-2025-03/tables"
    reg, cb = load_actors(), load_codebook()
    for name, draw in (("stance_addressing", lambda t: P.stance_addressing_heatmap(t, reg, labels=cb)),
                       ("frame_shares", lambda t: P.frame_profile(t, reg, labels=cb)),
                       ("keyness", lambda t: P.keyness_chart(t, reg))):
        as_text = read_table(tables / f"{name}.csv")
        assert not pd.api.types.is_numeric_dtype(as_text["n"] if "n" in as_text else as_text["z"])   # text cells
        assert draw(as_text).to_json() == draw(pd.read_csv(tables / f"{name}.csv")).to_json(), name


def test_a_summary_table_cell_that_is_no_number_is_named():
    t = pd.DataFrame({"group": ["north"], "target": ["truce"], "measure": ["favor"], "n": ["3"], "count": ["2"],
                      "share": ["two thirds"], "ci_low": [""], "ci_high": [""], "small_n": ["True"]})
    with pytest.raises(StancemapError, match="Column 'share' holds 'two thirds', not a number"):
        P.stance_addressing_heatmap(t)
    with pytest.raises(StancemapError, match="Column 'small_n' holds 'maybe', not True or False"):
        P.stance_addressing_heatmap(t.assign(share="0.5", small_n="maybe"))
