"""Plotly figures of the comparison tables, ready to publish.

Every figure: one fixed group → colour map (the registry's colours; groups it
does not know get a colour-blind-safe fallback, Paul Tol's "muted"), groups in
registry order and frames/targets in codebook order, a plain-language title and
axis labels, ``n`` visible, and a source note under the plot. The template is
fixed ("plotly_white") and nothing is random, so the same table gives the same
figure JSON.

Inputs are the tidy tables of :mod:`stancemap.compare` and
:mod:`stancemap.keyness` (or the scored table for the statement explorer).
"""
from __future__ import annotations

import html
import math
import textwrap
import warnings
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .actors import TOL_MUTED, UNATTRIBUTED_COLOR
from .compare import MISSING_GROUP, REST, group_order
from .errors import LossyStepWarning, StancemapError, unknown_value
from .schema import SUMMARY_FLAGS, SUMMARY_NUMBERS, UNATTRIBUTED, check_column, text_value

TEMPLATE = "plotly_white"
FONT = dict(family="Arial, Helvetica, sans-serif", size=13, color="#222222")
NOTE_COLOR = "#555555"
#: Diverging scale for net stance (Tol's colour-blind-safe BuRd ends): red = against, blue = favour.
STANCE_SCALE = [[0.0, "#B2182B"], [0.25, "#EF8A62"], [0.5, "#F7F7F7"], [0.75, "#67A9CF"], [1.0, "#2166AC"]]
_GREYS = {UNATTRIBUTED: UNATTRIBUTED_COLOR, MISSING_GROUP: "#DDDDDD", REST: "#999999"}
#: Characters per line in the statement table's columns: what fits their width in a
#: 1,100-pixel figure at 13-pixel Arial, so no text runs past a column edge.
TABLE_WRAP = {"actor": 14, "speaker": 16, "statement": 58, "source": 24}
#: Height of the heatmap's colour bar as a share of the plot (its end labels stay inside the plot).
COLORBAR_LEN = 0.9


# -- shared helpers ----------------------------------------------------------

def color_map(groups: Iterable[str], registry=None) -> dict[str, str]:
    """Fixed group → colour: the registry's colours, then unused Tol "muted" colours in order."""
    groups = [str(g) for g in groups]
    known = dict(registry.colors) if registry is not None else {}
    out = {g: known[g] for g in groups if g in known}
    out.update({g: c for g, c in _GREYS.items() if g in groups and g not in out})
    spare = [c for c in TOL_MUTED if c not in set(known.values())] or list(TOL_MUTED)
    i = 0
    for g in groups:
        if g not in out:
            out[g] = spare[i % len(spare)]
            i += 1
    return out


def group_label(group: str, registry=None) -> str:
    """Reader-facing name of a group: the registry label, else the value itself."""
    if registry is not None and group in registry.labels:
        return registry.labels[group]
    return {REST: "Everyone else", MISSING_GROUP: "(not recorded)"}.get(group, str(group))


def codebook_labels(labels) -> dict[str, str]:
    """Key → reader-facing label from a mapping, or from a codebook's frames and targets (their ``label``)."""
    if labels is None:
        return {}
    if isinstance(labels, Mapping):
        return {str(k): str(v) for k, v in labels.items()}
    out: dict[str, str] = {}
    for part in ("frames", "targets"):
        for key, item in (getattr(labels, part, None) or {}).items():
            out[str(key)] = str(getattr(item, "label", None) or key)
    return out


def pretty(name: str, labels=None) -> str:
    """``full_ceasefire`` → ``Full ceasefire``, or its label from ``labels`` (a mapping or a Codebook)."""
    labels = codebook_labels(labels)
    if name in labels:
        return labels[name]
    s = str(name).replace("_", " ").strip()
    return s[:1].upper() + s[1:]


def source_note(table: pd.DataFrame | None = None, *, n_statements: int | None = None,
                n_documents: int | None = None, extra: str = "") -> str:
    """"Source: stancemap analysis of N statements from M documents." from a table's attrs or counts."""
    attrs = getattr(table, "attrs", {}) or {}
    if n_statements is None:
        n_statements = attrs.get("n_statements")
        if n_statements is None and table is not None:
            if "statement_id" in table.columns or "text" in table.columns:
                n_statements = len(table)
            elif {"group", "n"} <= set(table.columns):
                n_statements = int(table.groupby("group")["n"].max().sum())
    if n_documents is None:
        n_documents = attrs.get("n_documents")
        if n_documents is None and table is not None and "doc_id" in table.columns:
            n_documents = int(table["doc_id"].nunique())
    parts = "Source: stancemap analysis"
    if n_statements is not None:
        parts += f" of {int(n_statements):,} statement{'s' if n_statements != 1 else ''}"
        if n_documents is not None:
            parts += f" from {int(n_documents):,} document{'s' if n_documents != 1 else ''}"
    parts += "."
    return f"{parts} {extra}".strip()


#: Characters per line of a figure's source note (longer notes wrap instead of running off the figure).
NOTE_WIDTH = 150


#: (registered template, its validated copy): :func:`_set_template` validates it once per process.
_TEMPLATE_COPY: list = [None, None]


def _set_template(fig: go.Figure) -> None:
    """Give ``fig`` the :data:`TEMPLATE`, as ``update_layout(template=TEMPLATE)`` does (the same
    JSON), without plotly copying and re-validating the whole template for every figure: its
    validated copy is made once and assigned unvalidated, as plotly assigns its default template."""
    import copy

    import plotly.io as pio

    registered = pio.templates[TEMPLATE]
    if _TEMPLATE_COPY[0] is not registered:
        _TEMPLATE_COPY[:] = [registered, copy.deepcopy(registered)]  # what plotly's validator returns
    layout = fig.layout
    if not isinstance(getattr(layout, "_validate", None), bool):  # not the plotly this was written for
        fig.update_layout(template=TEMPLATE)
        return
    validate = layout._validate  # noqa: SLF001 - plotly's own switch (BaseFigure._initialize_layout_template)
    layout._validate = False  # noqa: SLF001
    try:
        layout.template = _TEMPLATE_COPY[1]
    finally:
        layout._validate = validate  # noqa: SLF001


def _finish(fig: go.Figure, title: str, subtitle: str, note: str, height: int, bottom: int = 90,
            top: int = 95) -> go.Figure:
    lines = textwrap.wrap(note, NOTE_WIDTH) or [""]
    more = 14 * (len(lines) - 1)  # room for the note's extra lines, below where its first line sits
    shift = bottom - 30
    height, bottom = height + more, bottom + more
    _set_template(fig)
    fig.update_layout(
        font=FONT, height=height,
        title=dict(text=html.escape(title, quote=False), x=0.01, xanchor="left",
                   subtitle=dict(text=html.escape(subtitle, quote=False), font=dict(size=13, color=NOTE_COLOR))),
        margin=dict(l=20, r=30, t=top, b=bottom),
        hoverlabel=dict(align="left"),
        legend=dict(traceorder="normal"),
    )
    fig.add_annotation(text="<br>".join(html.escape(line, quote=False) for line in lines), xref="paper",
                       yref="paper", x=0, y=0, xanchor="left", yanchor="top", yshift=-shift, showarrow=False,
                       align="left", font=dict(size=11, color=NOTE_COLOR), name="source-note")
    return fig


def _with_marks(note: str | None, table, extra: str) -> str:
    """The figure's note: the caller's (else the source note) and what the figure's marks mean."""
    extra = extra.strip()
    if note:
        return f"{note} {extra}".strip()
    return source_note(table, extra=extra)


def _esc(s) -> str:
    return html.escape(text_value(s), quote=False)


def _wrap(s: str, width: int = 70, max_chars: int | None = None) -> str:
    s = " ".join(text_value(s).split())
    if max_chars and len(s) > max_chars:
        s = s[:max_chars].rsplit(" ", 1)[0] + " …"
    return "<br>".join(_esc(line) for line in textwrap.wrap(s, width)) or ""


def _link(url) -> str:
    """A line with a link to ``url`` (http and https only), or ""."""
    url = text_value(url).strip()
    if not url.lower().startswith(("http://", "https://")):
        return ""
    return f'<br><a href="{html.escape(url, quote=True)}">source</a>'


def _label(group: str, registry=None) -> str:
    return _esc(group_label(group, registry))


def _rgba(color: str, alpha: float) -> str:
    c = color.lstrip("#")
    if len(c) != 6:
        return color
    r, g, b = (int(c[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _pct(x: float) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.0%}"


def _ref_label(ref: str, registry=None) -> str:
    return "everyone else" if ref == REST else _label(ref, registry)


def _groups_of(df: pd.DataFrame, col: str, registry) -> list[str]:
    return group_order(df[col].astype(str), registry)


def _first_grid(df: pd.DataFrame, col: str, rows: Sequence, columns: Sequence) -> np.ndarray:
    """``df.pivot_table(index="group", columns="target", values=col, aggfunc="first", dropna=False)``
    reindexed to ``rows`` × ``columns``, as floats: each cell the first non-missing ``col`` of its
    (group, target) rows, NaN where there is none (without pivot_table's few milliseconds a call)."""
    out = np.full((len(rows), len(columns)), np.nan)
    i = pd.Index(list(rows), dtype=object).get_indexer(df["group"].to_numpy(dtype=object))
    j = pd.Index(list(columns), dtype=object).get_indexer(df["target"].to_numpy(dtype=object))
    values = df[col].to_numpy(dtype=float)
    ok = np.flatnonzero((i >= 0) & (j >= 0) & ~np.isnan(values))
    _, first = np.unique(i[ok] * len(columns) + j[ok], return_index=True)  # first occurrence of each cell
    out[i[ok[first]], j[ok[first]]] = values[ok[first]]
    return out


def _level(df: pd.DataFrame) -> str:
    lv = df.attrs.get("level", 0.95)
    return f"{lv:.0%}"


#: How the ``ci_method`` values of :mod:`stancemap.compare` are named on a chart.
_CI_NAMES = {"wilson": "Wilson score", "mover-wilson": "Wilson–MOVER", "bootstrap": "bootstrap"}


def _intervals(df: pd.DataFrame, plural: bool = True) -> str:
    """ "95% Wilson score intervals": the level and method(s) of a table's intervals."""
    if "ci_method" in df.columns and len(df):
        methods = list(dict.fromkeys(df["ci_method"].dropna().astype(str)))
    else:
        interval = df.attrs.get("interval", "bootstrap")
        methods = [interval]
    names = " / ".join(_CI_NAMES.get(m, m) for m in methods)
    return f"{_level(df)} {names} interval{'s' if plural else ''}"


def _small_note(df: pd.DataFrame, marks: str = "Faded bars") -> str:
    if "small_n" in df.columns and df["small_n"].any():
        return f" {marks}: fewer than {df.attrs.get('min_n', 10)} statements, read with caution."
    return ""


#: The white veil over heatmap cells with fewer than ``min_n`` statements (as bars with few are faded).
VEIL = "rgba(255,255,255,0.6)"


def _veil_small(fig: go.Figure, small: np.ndarray, text: list[list[str]], x, y) -> go.Figure:
    """Fade the heatmap cells where ``small``: a white, translucent heatmap over them that carries
    their text (dark on the lighter colour), while the hover stays with the heatmap beneath."""
    if not small.any():
        return fig
    base = fig.data[0]
    base.text = [[("" if small[i, j] else t) for j, t in enumerate(row)] for i, row in enumerate(text)]
    fig.add_trace(go.Heatmap(
        z=np.where(small, 1.0, np.nan), x=x, y=y, text=[[(t if small[i, j] else "") for j, t in enumerate(row)]
                                                         for i, row in enumerate(text)],
        texttemplate="%{text}", textfont=base.textfont, colorscale=[[0, VEIL], [1, VEIL]], showscale=False,
        xgap=base.xgap, ygap=base.ygap, hoverinfo="skip", hoverongaps=False, name="fewer statements"))
    return fig


#: How a summary table's CSV writes a missing number, and its flags, as text.
_MISSING = ("", "nan", "NaN", "None", "<NA>")
_FLAGS = {"true": True, "false": False, "1": True, "0": False, "1.0": True, "0.0": False, "": False, "nan": False}


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its number and flag columns (``schema.SUMMARY_NUMBERS``, ``SUMMARY_FLAGS``)
    typed, so a summary table read back from CSV with its cells as text (``tables.read_table``)
    draws as the one written; typed columns are left alone (a typed table is returned as is). A
    cell that is no number, or no True/False, is an error naming it."""
    fix = {}
    for c in table.columns:
        col = table[c]
        if c in SUMMARY_NUMBERS and not (pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col)):
            text = col.astype(str).str.strip()
            missing = text.isin(_MISSING)
            num = pd.to_numeric(text.mask(missing), errors="coerce")
            bad, kind = text[num.isna() & ~missing], "a number"
        elif c in SUMMARY_FLAGS and not pd.api.types.is_bool_dtype(col):
            text = col.astype(str).str.strip().str.lower()
            bad, kind = text[~text.isin(list(_FLAGS))], "True or False"
            num = text.map(lambda v: _FLAGS.get(v, False)).astype(bool)
        else:
            continue
        if len(bad):
            raise StancemapError(f"Column {c!r} holds {bad.iloc[0]!r}, not {kind}. Pass the table as stancemap "
                                 "made it: read a CSV of it with pandas.read_csv, or read its .parquet copy.")
        fix[c] = num
    if not fix:
        return table
    out = table.assign(**fix)
    out.attrs = dict(table.attrs)
    return out


# -- frame profile -----------------------------------------------------------

def frame_profile(shares: pd.DataFrame, registry=None, *, labels=None,
                  title: str | None = None, note: str | None = None) -> go.Figure:
    """Grouped bars: share of each group's statements using each frame, with interval bars.

    ``shares`` is a :func:`stancemap.compare.frame_shares` table; when it was
    made with ``split=`` (e.g. before/after windows) there is one panel per value.
    """
    for c in ("group", "frame", "n", "share", "ci_low", "ci_high"):
        check_column(shares, c, "Column")
    shares = _typed(shares)
    split = shares.attrs.get("split")
    if split not in shares.columns:
        split = None
    groups = _groups_of(shares, "group", registry)
    colors = color_map(groups, registry)
    frames = list(dict.fromkeys(shares["frame"]))
    panels = group_order(shares[split].astype(str), registry) if split else [None]
    fig = make_subplots(rows=1, cols=len(panels), shared_yaxes=True, horizontal_spacing=0.04,
                        subplot_titles=[f"{pretty(split)}: {p}" for p in panels] if split else None)
    ylabels = [pretty(f, labels) for f in frames]
    legend = {}
    for g in groups:
        gd = shares[shares["group"] == g]
        ns = [int(gd[gd[split].astype(str) == p]["n"].max()) if (gd[split].astype(str) == p).any() else 0
              for p in panels] if split else [int(gd["n"].max())]
        few = bool(gd["small_n"].any()) if "small_n" in gd.columns else False
        legend[g] = f"{_label(g, registry)} (n={' / '.join(f'{n:,}' for n in ns)}{', few statements' if few else ''})"
    shown: set[str] = set()
    for ci, panel in enumerate(panels, start=1):
        sub = shares if panel is None else shares[shares[split].astype(str) == panel]
        for g in groups:
            d = sub[sub["group"] == g].set_index("frame").reindex(frames)
            if d["n"].isna().all():
                continue
            small = bool(d["small_n"].fillna(False).astype(bool).any()) if "small_n" in d.columns else False
            name = legend[g]
            custom = np.column_stack([d["ci_low"], d["ci_high"], d["count"].fillna(0), d["n"].fillna(0),
                                      [_pct(v) for v in d["ci_low"]], [_pct(v) for v in d["ci_high"]]])
            fig.add_trace(go.Bar(
                x=d["share"].to_numpy(), y=ylabels, orientation="h", name=name,
                legendgroup=g, legendrank=100 + groups.index(g), showlegend=ci == 1 or g not in shown,
                marker=dict(color=colors[g], opacity=0.45 if small else 1.0, line=dict(color=colors[g], width=1)),
                error_x=dict(type="data", symmetric=False, array=(d["ci_high"] - d["share"]).clip(lower=0).to_numpy(),
                             arrayminus=(d["share"] - d["ci_low"]).clip(lower=0).to_numpy(),
                             color="#333333", thickness=1.2, width=3),
                customdata=custom,
                hovertemplate=(f"<b>{_label(g, registry)}</b><br>%{{y}}: %{{x:.0%}} "
                               f"({_level(shares)} interval %{{customdata[4]}}–%{{customdata[5]}})<br>"
                               "%{customdata[2]:.0f} of %{customdata[3]:.0f} statements<extra></extra>"),
            ), row=1, col=ci)
            shown.add(g)
    hi = float(np.nanmax(shares["ci_high"].to_numpy(dtype=float))) if len(shares) else 1.0
    fig.update_xaxes(tickformat=".0%", range=[0, min(1.0, max(0.1, hi * 1.08))], rangemode="tozero",
                     title_text="Share of the group's statements that use the frame")
    fig.update_yaxes(categoryorder="array", categoryarray=ylabels, autorange="reversed")
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05, legend=dict(title_text="Who is speaking"))
    height = max(420, 120 + len(frames) * (18 + 12 * len(groups)))
    what = shares.attrs.get("measure", "share of statements labelled with the frame")
    per_panel = f"; n per panel: {' / '.join(panels)}" if split else ""
    return _finish(
        fig, title or "Which frames each actor uses",
        f"{what.capitalize()}; bars show {_intervals(shares)}{per_panel}",
        _with_marks(note, shares, _small_note(shares)), height, top=120 if split else 95)


# -- stance heatmap ------------------------------------------------------------

def _one_split(table: pd.DataFrame) -> None:
    """A heatmap draws one split value: refuse a table split into several."""
    split = table.attrs.get("split")
    if split in table.columns and table[split].nunique() > 1:
        raise StancemapError(f"The stance table is split by {split!r} ({', '.join(map(str, table[split].unique()))}); "
                             f"draw one heatmap per value, e.g. stance[stance[{split!r}] == 'after'].")


def _target_labels(targets, labels) -> tuple[list[str], int]:
    """Heatmap column labels (target names wrapped at 16 characters) and their most lines."""
    xlabels = ["<br>".join(_esc(x) for x in textwrap.wrap(pretty(t, labels), 16)) for t in targets]
    return xlabels, max((x.count("<br>") + 1 for x in xlabels), default=1)


def stance_heatmap(stance: pd.DataFrame, registry=None, *, labels=None,
                   title: str | None = None, note: str | None = None) -> go.Figure:
    """Actor × target heatmap of net stance (share favor − share against), n in every cell.

    ``stance`` is a :func:`stancemap.compare.stance_shares` table.
    """
    for c in ("group", "target", "stance", "n", "share", "ci_low", "ci_high"):
        check_column(stance, c, "Column")
    stance = _typed(stance)
    _one_split(stance)
    groups = _groups_of(stance, "group", registry)
    targets = list(dict.fromkeys(stance["target"]))
    piv = {s: stance[stance["stance"] == s].pivot_table(index="group", columns="target", values="share",
                                                        aggfunc="first").reindex(index=groups, columns=targets)
           for s in ("favor", "against", "none", "net")}
    net = stance[stance["stance"] == "net"]

    def grid(col: str) -> pd.DataFrame:
        return net.pivot_table(index="group", columns="target", values=col, aggfunc="first").reindex(
            index=groups, columns=targets)

    lo, hi, nn = grid("ci_low"), grid("ci_high"), grid("n")
    small = (nn < stance.attrs.get("min_n", 10)).to_numpy()
    z = piv["net"].to_numpy(dtype=float)
    text = [[("" if np.isnan(z[i, j]) else f"{z[i, j]:+.0%}" + ("*" if small[i, j] else ""))
             + ("" if np.isnan(nn.iat[i, j]) else f"<br>n={int(nn.iat[i, j]):,}")
             for j in range(len(targets))] for i in range(len(groups))]
    custom = np.dstack([piv["favor"].to_numpy(), piv["against"].to_numpy(), piv["none"].to_numpy(),
                        lo.to_numpy(), hi.to_numpy(), nn.fillna(0).to_numpy()]).astype(float)
    n_group = stance.groupby("group")["n"].max()
    ylabels = [f"{_label(g, registry)} (n={int(n_group.get(g, 0)):,})" for g in groups]
    xlabels, lines = _target_labels(targets, labels)
    fig = go.Figure(go.Heatmap(
        z=z, x=xlabels, y=ylabels, text=text, texttemplate="%{text}", textfont=dict(size=12),
        colorscale=STANCE_SCALE, zmin=-1, zmax=1, zmid=0, xgap=2, ygap=2, customdata=custom,
        # labels outside the bar, the title beside them (not above, where it met the top label)
        colorbar=dict(title=dict(text="Net stance<br>(favour − against)", side="right"), tickformat=".0%",
                      tickvals=[-1, -0.5, 0, 0.5, 1], ticks="outside", ticklen=4,
                      ticktext=["−100% all against", "−50%", "0 balanced", "+50%", "+100% all in favour"],
                      len=COLORBAR_LEN, lenmode="fraction", y=0.5, yanchor="middle", thickness=16, xpad=12),
        hovertemplate=("<b>%{y}</b> on <b>%{x}</b><br>Net stance %{z:+.0%} "
                       f"({_intervals(net, plural=False)} %{{customdata[3]:+.0%}} to %{{customdata[4]:+.0%}})<br>"
                       "In favour %{customdata[0]:.0%} · against %{customdata[1]:.0%} · "
                       "no stance %{customdata[2]:.0%}<br>n = %{customdata[5]:.0f} statements<extra></extra>"),
    ))
    _veil_small(fig, small, text, xlabels, ylabels)
    fig.update_yaxes(autorange="reversed", title_text=None)
    fig.update_xaxes(side="bottom", tickangle=0, title_text="Proposal (stance target)")
    bottom = 75 + 16 * lines
    height = max(360, 95 + bottom + 62 * len(groups))
    extra = (" Faded cells, * after a value: fewer than %d statements, read with caution."
             % stance.attrs.get("min_n", 10) if small.any() else "")
    return _finish(
        fig, title or "Where each actor stands on each proposal",
        "Net stance = share of statements in favour minus share against; blue in favour, red against; "
        "n = statements",
        _with_marks(note, stance, extra), height, bottom=bottom)


def stance_addressing_heatmap(addressing: pd.DataFrame, registry=None, *, labels=None, title: str | None = None,
                              note: str | None = None) -> go.Figure:
    """Actor × target heatmap of stance among the statements that address each target.

    ``addressing`` is a :func:`stancemap.compare.stance_addressing` table. Colour: the
    share in favour among the statements that take a side (red all against, blue all
    in favour); text: that share and how many of the actor's statements take a side.
    Cells where no statement takes a side stay blank; ``*`` marks fewer than
    ``min_n`` statements taking a side.
    """
    for c in ("group", "target", "measure", "n", "count", "share", "ci_low", "ci_high"):
        check_column(addressing, c, "Column")
    addressing = _typed(addressing)
    _one_split(addressing)
    groups = _groups_of(addressing, "group", registry)
    targets = list(dict.fromkeys(addressing["target"]))
    min_n = addressing.attrs.get("min_n", 10)

    def grid(measure: str, col: str) -> np.ndarray:
        return _first_grid(addressing[addressing["measure"] == measure], col, groups, targets)

    favor, fav_lo, fav_hi = grid("favor", "share"), grid("favor", "ci_low"), grid("favor", "ci_high")
    sided, labelled = grid("addresses", "count"), grid("addresses", "n")
    addr, addr_lo, addr_hi = grid("addresses", "share"), grid("addresses", "ci_low"), grid("addresses", "ci_high")
    z = np.where(sided > 0, favor, np.nan)
    small = (sided > 0) & (sided < min_n)
    text = [["" if np.isnan(labelled[i, j]) else
             (f"{favor[i, j]:.0%} for" + ("*" if small[i, j] else "") + "<br>" if sided[i, j] > 0 else "")
             + f"{int(sided[i, j]):,} of {int(labelled[i, j]):,} take a side"
             for j in range(len(targets))] for i in range(len(groups))]
    custom = np.dstack([fav_lo, fav_hi, addr, addr_lo, addr_hi, np.nan_to_num(sided), np.nan_to_num(labelled)])
    ylabels = [f"{_label(g, registry)}" for g in groups]
    xlabels, lines = _target_labels(targets, labels)
    fig = go.Figure(go.Heatmap(
        z=z, x=xlabels, y=ylabels, text=text, texttemplate="%{text}", textfont=dict(size=12),
        colorscale=STANCE_SCALE, zmin=0, zmax=1, zmid=0.5, xgap=2, ygap=2, customdata=custom, hoverongaps=False,
        # two lines: in one, the title stood taller than a heatmap of two actors
        colorbar=dict(title=dict(text="In favour, of those<br>taking a side", side="right"), tickformat=".0%",
                      tickvals=[0, 0.25, 0.5, 0.75, 1], ticks="outside", ticklen=4,
                      ticktext=["0% all against", "25%", "50% split", "75%", "100% all in favour"],
                      len=COLORBAR_LEN, lenmode="fraction", y=0.5, yanchor="middle", thickness=16, xpad=12),
        hovertemplate=("<b>%{y}</b> on <b>%{x}</b><br>In favour: %{z:.0%} of the %{customdata[5]:.0f} statements "
                       "taking a side (95% Wilson interval %{customdata[0]:.0%} to %{customdata[1]:.0%})<br>"
                       "Taking a side: %{customdata[5]:.0f} of %{customdata[6]:.0f} statements = %{customdata[2]:.1%} "
                       "(%{customdata[3]:.1%} to %{customdata[4]:.1%})<extra></extra>"),
    ))
    _veil_small(fig, small, text, xlabels, ylabels)
    fig.update_layout(plot_bgcolor="#FFFFFF")
    fig.update_yaxes(autorange="reversed", title_text=None)
    fig.update_xaxes(side="bottom", tickangle=0, title_text="Proposal (stance target)")
    bottom = 75 + 16 * lines
    height = max(360, 95 + bottom + 62 * len(groups))
    extra = ("Blank cells: no statement of the actor takes a side on that proposal."
             + (f" Faded cells, * after a value: fewer than {min_n} statements take a side, read with caution."
                if small.any() else ""))
    return _finish(
        fig, title or "Where each actor stands, among statements that take a side",
        "Colour and % = share in favour among the actor's statements for or against the proposal; "
        "below it, how many of its statements take a side", _with_marks(note, addressing, extra), height,
        bottom=bottom)


# -- keyness -----------------------------------------------------------------

def keyness_chart(keys: pd.DataFrame, registry=None, *, top: int = 10, title: str | None = None,
                  note: str | None = None, cols: int | None = None) -> go.Figure:
    """One panel per group: its ``top`` most distinctive terms by z-score, counts in the hover."""
    for c in ("term", "actor", "reference", "n_actor", "n_reference", "log_odds", "z"):
        check_column(keys, c, "Column")
    keys = _typed(keys)
    groups = _groups_of(keys, "actor", registry)
    colors = color_map(groups, registry)
    if not groups:
        raise StancemapError("The keyness table is empty: no terms to chart. Lower min_count or add statements.")
    ncols = cols or (1 if len(groups) == 1 else 2)
    nrows = math.ceil(len(groups) / ncols)
    ref = str(keys["reference"].iloc[0]) if len(keys) else REST
    titles = []
    for g in groups:
        d = keys[keys["actor"] == g]
        tot = int(d["total_actor"].iloc[0]) if "total_actor" in d.columns and len(d) else int(d["n_actor"].sum())
        titles.append(f"{_label(g, registry)} vs {_ref_label(ref, registry)} ({tot:,} words)")
    fig = make_subplots(rows=nrows, cols=ncols, subplot_titles=titles, horizontal_spacing=0.18,
                        vertical_spacing=min(0.14, 0.6 / max(nrows, 1)))
    for i, g in enumerate(groups):
        r, c = divmod(i, ncols)
        d = keys[(keys["actor"] == g) & (keys["z"] > 0)].sort_values(["z", "term"], ascending=[False, True],
                                                                    kind="stable").head(top)
        other = _ref_label(str(d["reference"].iloc[0]), registry) if len(d) else ""
        custom = np.column_stack([d["n_actor"], d["n_reference"], d["log_odds"]]) if len(d) else None
        fig.add_trace(go.Bar(
            x=d["z"].to_numpy(), y=[_esc(t) for t in d["term"]], orientation="h", name=_label(g, registry),
            marker_color=colors[g], showlegend=False, customdata=custom,
            text=[f"{int(v)}×" for v in d["n_actor"]], textposition="inside", insidetextanchor="end",
            hovertemplate=(f"<b>%{{y}}</b><br>z = %{{x:.2f}}, log-odds = %{{customdata[2]:.2f}}<br>"
                           f"used %{{customdata[0]:.0f}}× by {_label(g, registry)}, "
                           f"%{{customdata[1]:.0f}}× by {other}<extra></extra>"),
        ), row=r + 1, col=c + 1)
        fig.update_yaxes(autorange="reversed", row=r + 1, col=c + 1)
        fig.add_vline(x=1.96, line=dict(color="#999999", dash="dot", width=1), row=r + 1, col=c + 1)
        last_in_column = i + ncols >= len(groups)
        fig.update_xaxes(title_text="How distinctive (z-score)" if last_in_column else None, rangemode="tozero",
                         row=r + 1, col=c + 1)
    height = max(380, nrows * (90 + 22 * top) + 150)
    return _finish(
        fig, title or "Words that set each actor apart",
        "Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008); "
        "dotted line: z = 1.96; bar labels: times used",
        note or source_note(keys), height, top=125)


# -- attribution verbs ---------------------------------------------------------

def cue_chart(counts: pd.DataFrame, registry=None, *, top: int = 6, title: str | None = None,
              note: str | None = None, cols: int | None = None) -> go.Figure:
    """One panel per group (per group and split value when the table has a split): the ``top``
    verbs that introduce its statements, share with interval bars, "count of n" on each bar.

    ``counts`` is a :func:`stancemap.cues.cue_counts` table."""
    for c in ("group", "verb", "n", "count", "share", "ci_low", "ci_high"):
        check_column(counts, c, "Column")
    counts = _typed(counts)
    split = counts.attrs.get("split")
    if split not in counts.columns:
        split = None
    groups = _groups_of(counts, "group", registry)
    if not groups:
        raise StancemapError("The cue counts table is empty: no statements introduced by a verb to chart. "
                             "Pass verbs_only=False to count official texts and transcript turns too.")
    colors = color_map(groups, registry)
    splits = group_order(counts[split].astype(str), registry) if split else [None]
    def panel(g, sv):
        return counts[(counts["group"] == g) & ((counts[split].astype(str) == sv) if split else True)]

    panels = [(g, sv) for g in groups for sv in splits if len(panel(g, sv))]
    ncols = cols or (1 if len(panels) == 1 else 2)
    nrows = math.ceil(len(panels) / ncols)
    titles = []
    for g, sv in panels:
        d = panel(g, sv)
        where = f", {_esc(sv)}" if split else ""
        titles.append(f"{_label(g, registry)}{where} (n = {int(d['n'].max()):,})")
    fig = make_subplots(rows=nrows, cols=ncols, subplot_titles=titles, horizontal_spacing=0.18,
                        vertical_spacing=min(0.14, 0.6 / max(nrows, 1)))
    for i, (g, sv) in enumerate(panels):
        r, c = divmod(i, ncols)
        d = panel(g, sv)
        d = d[d["count"] > 0].sort_values(["count", "verb"], ascending=[False, True], kind="stable").head(top)
        small = bool(d["small_n"].any()) if "small_n" in d.columns and len(d) else False
        custom = np.column_stack([d["count"], d["n"], [_pct(v) for v in d["ci_low"]],
                                  [_pct(v) for v in d["ci_high"]],
                                  d["forms"] if "forms" in d.columns else [""] * len(d)]) if len(d) else None
        fig.add_trace(go.Bar(
            x=d["share"].to_numpy(), y=[_esc(v) for v in d["verb"]], orientation="h", name=_label(g, registry),
            marker=dict(color=colors[g], opacity=0.45 if small else 1.0), showlegend=False, customdata=custom,
            error_x=dict(type="data", symmetric=False, array=(d["ci_high"] - d["share"]).clip(lower=0).to_numpy(),
                         arrayminus=(d["share"] - d["ci_low"]).clip(lower=0).to_numpy(),
                         color="#333333", thickness=1.2, width=3),
            text=[f"{int(k)} of {int(n)}" for k, n in zip(d["count"], d["n"])], textposition="inside",
            insidetextanchor="end",
            hovertemplate=(f"<b>{_label(g, registry)}</b>: %{{y}} (%{{customdata[4]}})<br>%{{x:.0%}} of its "
                           f"statements ({_level(counts)} interval %{{customdata[2]}}–%{{customdata[3]}})<br>"
                           "%{customdata[0]} of %{customdata[1]} statements<extra></extra>"),
        ), row=r + 1, col=c + 1)
        fig.update_yaxes(autorange="reversed", row=r + 1, col=c + 1)
        last_in_column = i + ncols >= len(panels)
        fig.update_xaxes(tickformat=".0%", rangemode="tozero", row=r + 1, col=c + 1,
                         title_text="Share of the group's statements" if last_in_column else None)
    height = max(380, nrows * (90 + 24 * top) + 150)
    return _finish(
        fig, title or "How each actor is quoted: the verbs that introduce their statements",
        f"Attribution verbs grouped by lemma (said / says → say); bars show {_intervals(counts)}; "
        "n = statements introduced by a verb",
        _with_marks(note, counts, _small_note(counts)), height, top=125)


# -- timeline ----------------------------------------------------------------

def _events(events) -> list[tuple[str, str]]:
    if events is None:
        return []
    if isinstance(events, Mapping):
        items = list(events.items())
    elif isinstance(events, (str, pd.Timestamp)):
        items = [(events, "")]
    else:
        items = [(e, "") if not isinstance(e, (tuple, list)) else (e[0], e[1] if len(e) > 1 else "") for e in events]
    out = []
    for d, label in items:
        ts = pd.to_datetime(pd.Series([str(d)]), errors="coerce", format="ISO8601").iloc[0]
        if pd.isna(ts):
            raise StancemapError(f"Event date {d!r} is not a date; write it as YYYY-MM-DD, e.g. '2025-03-18'.")
        out.append((ts.strftime("%Y-%m-%d"), str(label)))
    return sorted(out)


def timeline(series: pd.DataFrame, registry=None, *, frame: str | None = None, target: str | None = None,
             stance: str = "net", events=None, labels=None,
             title: str | None = None, note: str | None = None) -> go.Figure:
    """Share of one frame (or net stance on one target) per period and group, with event markers.

    ``series`` is a :func:`stancemap.compare.over_time` table. ``events``: a
    mapping date → label, a list of (date, label) or of dates; each is drawn as a
    labelled vertical line.
    """
    check_column(series, "period", "Column")
    check_column(series, "group", "Column")
    series = _typed(series)
    if "frame" in series.columns:
        choices = list(dict.fromkeys(series["frame"]))
        if frame is None:
            if len(choices) != 1:
                raise StancemapError(f"Pick one frame to plot: frame= one of {', '.join(choices)}.")
            frame = choices[0]
        if frame not in choices:
            raise unknown_value("Frame", frame, choices)
        d = series[series["frame"] == frame]
        ytitle = f"Share of statements using the “{pretty(frame, labels).lower()}” frame"
        ttl = title or f"How often each actor uses the {pretty(frame, labels).lower()} frame over time"
        fmt, yrange = ".0%", [0, 1]
    elif "target" in series.columns:
        choices = list(dict.fromkeys(series["target"]))
        if target is None:
            if len(choices) != 1:
                raise StancemapError(f"Pick one stance target to plot: target= one of {', '.join(choices)}.")
            target = choices[0]
        if target not in choices:
            raise unknown_value("Stance target", target, choices)
        d = series[(series["target"] == target) & (series["stance"] == stance)]
        what = {"net": "Net stance (favour − against)", "favor": "Share in favour", "against": "Share against",
                "none": "Share with no stance"}.get(stance, stance)
        ytitle = f"{what} on {pretty(target, labels).lower()}"
        ttl = title or f"How each actor's stance on {pretty(target, labels).lower()} changes over time"
        fmt, yrange = ".0%", [-1, 1] if stance == "net" else [0, 1]
    else:
        raise StancemapError("The table has neither a 'frame' nor a 'target' column; make it with "
                             "stancemap.compare.over_time(scored, what='frames' or 'stance').")
    groups = _groups_of(d, "group", registry)
    colors = color_map(groups, registry)
    fig = go.Figure()
    for g in groups:
        s = d[d["group"] == g].sort_values("period", kind="stable")
        fig.add_trace(go.Scatter(
            x=s["period"].tolist(), y=s["share"].to_numpy(), mode="lines+markers",
            name=f"{_label(g, registry)} (n={int(s['n'].sum()):,})", legendgroup=g,
            line=dict(color=colors[g], width=2),
            marker=dict(color=colors[g], size=10, line=dict(color=colors[g], width=2)),
            error_y=dict(type="data", symmetric=False, array=(s["ci_high"] - s["share"]).clip(lower=0).to_numpy(),
                         arrayminus=(s["share"] - s["ci_low"]).clip(lower=0).to_numpy(),
                         color=colors[g], thickness=1, width=3),
            customdata=np.column_stack([s["n"], s["ci_low"], s["ci_high"]]),
            hovertemplate=(f"<b>{_label(g, registry)}</b>, period from %{{x|%d %b %Y}}<br>"
                           f"%{{y:{'+' if stance == 'net' and 'target' in d.columns else ''}.0%}} "
                           f"({_level(series)} interval %{{customdata[1]:.0%}} to %{{customdata[2]:.0%}})<br>"
                           "n = %{customdata[0]:.0f} statements<extra></extra>"),
        ))
    few = d[d["small_n"].astype(bool)] if "small_n" in d.columns else d.iloc[0:0]
    if len(few):
        ringed = f"Ringed: fewer than {series.attrs.get('min_n', 10)} statements"
        fig.add_trace(go.Scatter(
            x=few["period"].tolist(), y=few["share"].to_numpy(), mode="markers", hoverinfo="skip",
            name=ringed, showlegend=False, marker=dict(color="white", size=4, line=dict(width=0)),
        ))
        # the legend's own ring: the white centres above, alone in the legend, showed nothing
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=ringed, hoverinfo="skip",
                                 marker=dict(symbol="circle-open", size=10, color="#555555", line=dict(width=2))))
    for date, label in _events(events):
        fig.add_shape(type="line", xref="x", yref="paper", x0=date, x1=date, y0=0, y1=1,
                      line=dict(color="#444444", dash="dash", width=1.5))
        fig.add_annotation(x=date, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                           text=_esc(label or date), font=dict(size=12, color="#444444"),
                           bgcolor="rgba(255,255,255,0.8)")
    freq = {"D": "Day", "W": "Week starting", "M": "Month"}.get(series.attrs.get("freq", ""), "Period starting")
    fig.update_xaxes(type="date", title_text=freq)
    # two lines when long: one line of a long frame's name ran past the plot's height into the title
    fig.update_yaxes(tickformat=fmt, range=[yrange[0] - 0.05, yrange[1] + 0.05], title_text=_wrap(ytitle, 36),
                     zeroline=True, zerolinecolor="#BBBBBB")
    fig.update_layout(legend=dict(title_text="Who is speaking"))
    und = series.attrs.get("n_undated")
    extra = (f"{und:,} undated statements not shown." if und else "") + _small_note(d, "Ringed points")
    return _finish(fig, ttl, f"Points: share per period; whiskers: {_intervals(d)}",
                   _with_marks(note, series, extra), 480)


def stance_addressing_timeline(series: pd.DataFrame, registry=None, *, target: str | None = None, events=None,
                               labels=None, min_n: int | None = None, title: str | None = None,
                               note: str | None = None) -> go.Figure:
    """Stance among the statements that address one target, period by period: two panels.

    ``series`` is a :func:`stancemap.compare.stance_addressing_over_time` table. Top:
    the share of each group's statements that take a side on ``target``; bottom: the
    share in favour among those, both with their intervals. Periods where fewer than
    ``min_n`` (default: the table's) statements take a side are drawn faded and not
    joined by the line; periods where none does have no point. ``events`` as for
    :func:`timeline`.
    """
    for c in ("group", "period", "target", "measure", "n", "count", "share", "ci_low", "ci_high"):
        check_column(series, c, "Column")
    series = _typed(series)
    choices = list(dict.fromkeys(series["target"]))
    if target is None:
        if len(choices) != 1:
            raise StancemapError(f"Pick one stance target to plot: target= one of {', '.join(choices)}.")
        target = choices[0]
    if target not in choices:
        raise unknown_value("Stance target", target, choices)
    min_n = int(series.attrs.get("min_n", 10) if min_n is None else min_n)
    d = series[series["target"] == target]
    name = _lower_first(pretty(target, labels))
    groups = _groups_of(d, "group", registry)
    colors = color_map(groups, registry)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1, row_heights=[0.4, 0.6],
                        subplot_titles=[f"Share of statements that take a side on {_esc(name)}",
                                        f"In favour, among those that take a side (faded: fewer than {min_n})"])
    faded_any = False
    for g in groups:
        gd = d[d["group"] == g]
        periods = sorted(gd["period"].astype(str).unique())
        addr = gd[gd["measure"] == "addresses"].set_index("period").reindex(periods)
        fav = gd[gd["measure"] == "favor"].set_index("period").reindex(periods)
        sided = addr["count"].fillna(0).to_numpy(dtype=float)
        n_sided = int(sided.sum())
        label = f"{_label(g, registry)} ({n_sided:,} of {int(addr['n'].fillna(0).sum()):,} take a side)"
        for row, t in ((1, addr), (2, fav)):
            share = t["share"].to_numpy(dtype=float)
            solid = (sided >= min_n) if row == 2 else (t["n"].fillna(0).to_numpy() >= min_n)
            few = ~solid & ~np.isnan(share)
            faded_any |= bool(few.any()) and row == 2
            custom = np.column_stack([t["count"].fillna(0), t["n"].fillna(0), t["ci_low"], t["ci_high"]])
            what = ("take a side" if row == 1 else "in favour")
            of = ("statements with a stance label" if row == 1 else "taking a side")
            hover = (f"<b>{_label(g, registry)}</b>, %{{x|%b %Y}}<br>%{{y:.0%}} {what} "
                     f"({_level(series)} Wilson interval %{{customdata[2]:.0%}} to %{{customdata[3]:.0%}})<br>"
                     f"%{{customdata[0]:.0f}} of %{{customdata[1]:.0f}} {of}<extra></extra>")
            for part, mask in (("solid", solid), ("few", few)):
                if not mask.any():
                    continue
                y = np.where(mask, share, np.nan)
                alpha = 1.0 if part == "solid" else 0.3
                fig.add_trace(go.Scatter(
                    x=periods, y=y, mode="lines+markers" if part == "solid" else "markers",
                    name=label, legendgroup=g, showlegend=row == 1 and part == "solid" or (
                        row == 1 and part == "few" and not solid.any()),
                    line=dict(color=colors[g], width=2),
                    marker=dict(color=_rgba(colors[g], alpha), size=9 if part == "solid" else 7,
                                line=dict(color=colors[g], width=1)),
                    error_y=dict(type="data", symmetric=False,
                                 array=np.clip(np.where(mask, t["ci_high"] - share, np.nan), 0, None),
                                 arrayminus=np.clip(np.where(mask, share - t["ci_low"], np.nan), 0, None),
                                 color=_rgba(colors[g], alpha), thickness=1, width=3),
                    customdata=custom, hovertemplate=hover,
                ), row=row, col=1)
    for date, label in _events(events):
        fig.add_shape(type="line", xref="x", yref="paper", x0=date, x1=date, y0=0, y1=1,
                      line=dict(color="#444444", dash="dash", width=1.5))
        fig.add_annotation(x=date, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False, yshift=24,
                           text=_esc(label or date), font=dict(size=12, color="#444444"),
                           bgcolor="rgba(255,255,255,0.8)")
    freq = {"D": "Day", "W": "Week starting", "M": "Month"}.get(series.attrs.get("freq", ""), "Period starting")
    fig.update_xaxes(type="date")
    fig.update_xaxes(title_text=freq, row=2, col=1)
    top = float(np.nanmax(d.loc[d["measure"] == "addresses", "ci_high"].to_numpy(dtype=float), initial=0.0))
    fig.update_yaxes(tickformat=".0%", range=[0, min(1.0, max(0.05, top * 1.1))], title_text="Take a side",
                     row=1, col=1)
    fig.update_yaxes(tickformat=".0%", range=[-0.05, 1.05], title_text="In favour", row=2, col=1)
    fig.add_hline(y=0.5, line=dict(color="#BBBBBB", dash="dot", width=1), row=2, col=1)
    fig.update_layout(legend=dict(title_text="Who is speaking"))
    und = series.attrs.get("n_undated")
    extra = ((f"{und:,} undated statements not shown. " if und else "")
             + "No point: no statement took a side that period."
             + (f" Faded points: fewer than {min_n} statements took a side, read with caution." if faded_any else ""))
    return _finish(fig, title or f"Stance on {name}, among the statements that take a side, over time",
                   f"Points: share per period; whiskers: {_intervals(d)}",
                   _with_marks(note, series, extra), 640, top=135)


def _lower_first(s: str) -> str:
    """``"Sanctions on Russia"`` → ``"sanctions on Russia"`` (proper nouns inside keep their capitals)."""
    return s[:1].lower() + s[1:] if s[1:2].islower() else s


# -- blame network -----------------------------------------------------------

def blame_network(edges: pd.DataFrame, registry=None, *, title: str | None = None,
                  note: str | None = None) -> go.Figure:
    """Who accuses whom: arrows from the speaker's group to each group named in its blame statements.

    ``edges`` is a :func:`stancemap.compare.blame_edges` table. Nodes sit on a
    circle in registry order (deterministic layout); arrow width and label show
    the number of statements.
    """
    for c in ("source", "target", "count"):
        check_column(edges, c, "Column")
    edges = _typed(edges)
    by_source = dict(edges.attrs.get("n_blame_by_source", {}))
    for s, n in zip(edges["source"], edges.get("n_source", edges["count"])):
        by_source.setdefault(s, int(n))
    nodes = group_order([*by_source, *edges["source"], *edges["target"]], registry)
    colors = color_map(nodes, registry)
    k = len(nodes)
    pos = {g: (math.cos(math.pi / 2 - 2 * math.pi * i / k), math.sin(math.pi / 2 - 2 * math.pi * i / k))
           if k > 1 else (0.0, 0.0) for i, g in enumerate(nodes)}
    fig = go.Figure()
    cmax = float(edges["count"].max()) if len(edges) else 1.0
    mid_x, mid_y, mid_text, mid_hover = [], [], [], []
    for s, t, c in zip(edges["source"], edges["target"], edges["count"]):
        (x0, y0), (x1, y1) = pos[s], pos[t]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy) or 1.0
        ox, oy = 0.05 * dy / length, -0.05 * dx / length  # keep A→B and B→A apart
        width = 1.5 + 6.5 * c / cmax
        fig.add_annotation(x=x1 + ox, y=y1 + oy, ax=x0 + ox, ay=y0 + oy, xref="x", yref="y", axref="x", ayref="y",
                           showarrow=True, arrowhead=2, arrowsize=max(0.6, 1.3 - width / 10), arrowwidth=width,
                           arrowcolor=colors[s],
                           standoff=26, startstandoff=26, opacity=0.85, text="")
        mid_x.append(x0 + dx * 0.42 + ox * 2.0)
        mid_y.append(y0 + dy * 0.42 + oy * 2.0)
        mid_text.append(str(int(c)))
        mid_hover.append(f"<b>{_label(s, registry)} → {_label(t, registry)}</b><br>"
                         f"{int(c)} blame statement{'s' if c != 1 else ''} naming {_label(t, registry)}")
    for mx, my, t in zip(mid_x, mid_y, mid_text):
        fig.add_annotation(x=mx, y=my, xref="x", yref="y", text=t, showarrow=False, bgcolor="rgba(255,255,255,0.85)",
                           font=dict(size=12, color="#222222"), borderpad=1)
    if len(edges):
        fig.add_trace(go.Scatter(x=mid_x, y=mid_y, mode="markers", marker=dict(size=16, opacity=0),
                                 hovertext=mid_hover, hoverinfo="text", showlegend=False, name="accusations"))
    sizes = [by_source.get(g, 0) for g in nodes]
    smax = max(sizes) if sizes and max(sizes) > 0 else 1
    for g in nodes:
        x, y = pos[g]
        n = by_source.get(g, 0)
        fig.add_trace(go.Scatter(
            x=[x], y=[y], mode="markers+text", name=f"{_label(g, registry)} ({n:,} blame statements)",
            marker=dict(size=34 + 22 * n / smax, color=colors[g], line=dict(color="#333333", width=1)),
            text=[f"<b>{_label(g, registry)}</b><br>n={n:,}"],
            textposition="top center" if y >= 0 else "bottom center",
            hovertemplate=f"<b>{_label(g, registry)}</b><br>{n:,} blame-framed statements<extra></extra>",
        ))
    if not len(edges):
        fig.add_annotation(text="No blame-framed statement names another actor.", x=0, y=0, xref="x", yref="y",
                           showarrow=False, font=dict(size=14, color=NOTE_COLOR))
    fig.update_xaxes(visible=False, range=[-1.6, 1.6])
    fig.update_yaxes(visible=False, range=[-1.5, 1.5], scaleanchor="x", scaleratio=1)
    fig.update_layout(legend=dict(title_text="Who accuses (blame statements)"))
    n_blame = edges.attrs.get("n_blame", sum(by_source.values()))
    skipped = edges.attrs.get("n_unattributed_blame", 0)
    extra = f"{skipped:,} blame-framed statements without an attributed speaker are not drawn." if skipped else ""
    return _finish(fig, title or "Who blames whom",
                   f"Arrows: speaker's group → group named in a blame-framed statement; width and label = statements "
                   f"({n_blame:,} blame-framed statements in all)",
                   _with_marks(note, edges, extra), 560)


# -- statement explorer --------------------------------------------------------

def statement_explorer(scored: pd.DataFrame, registry=None, *, by: str = "actor", x: str = "date",
                       y: str = "tone", kind: str = "scatter", max_chars: int = 400,
                       title: str | None = None, note: str | None = None) -> go.Figure:
    """Every statement as a point (``kind="scatter"``: date × tone, hover shows the text,
    speaker and source) or as rows of a table (``kind="table"``). Text is HTML-escaped."""
    check_column(scored, by, "Grouping column", "scored table")
    check_column(scored, "text", "Column")
    if kind not in ("scatter", "table"):
        raise unknown_value("kind", kind, ["scatter", "table"])
    df = scored.copy()
    groups = group_order(df[by].fillna(MISSING_GROUP).astype(str), registry)
    colors = color_map(groups, registry)
    get = lambda c: df[c] if c in df.columns else pd.Series([""] * len(df), index=df.index)  # noqa: E731
    source = [(_esc(t) or _esc(o) or _esc(u)) for t, o, u in zip(get("source_title"), get("outlet"), get("source_url"))]
    if kind == "table":
        # lines wrapped to the column widths (a table cell does not wrap by itself), and each
        # document's title given once, at its first statement
        docs = get("doc_id").astype(str).tolist() if "doc_id" in df.columns else source
        shown = [_wrap(text_value(t) or text_value(o) or text_value(u), TABLE_WRAP["source"]) + _link(u)
                 if i == 0 or docs[i] != docs[i - 1] else "<i>(same as above)</i>"
                 for i, (t, o, u) in enumerate(zip(get("source_title"), get("outlet"), get("source_url")))]
        fig = go.Figure(go.Table(
            columnwidth=[90, 110, 70, 380, 160],
            header=dict(values=["<b>Actor</b>", "<b>Speaker</b>", "<b>Date</b>", "<b>Statement</b>", "<b>Source</b>"],
                        fill_color="#EEEEEE", align="left"),
            cells=dict(values=[[_wrap(group_label(str(g), registry), TABLE_WRAP["actor"])
                                for g in df[by].fillna(MISSING_GROUP)],
                               [_wrap(s, TABLE_WRAP["speaker"]) for s in get("speaker")],
                               [_esc(d) for d in get("date")],
                               [_wrap(t, TABLE_WRAP["statement"], max_chars) for t in df["text"]], shown],
                       align="left", fill_color=[[_rgba(colors.get(str(g), "#FFFFFF"), 0.25)
                                                  for g in df[by].fillna(MISSING_GROUP)]] + [["white"] * len(df)] * 4),
        ))
        return _finish(fig, title or "Every statement, with its source", "One row per statement",
                       note or source_note(scored), max(420, min(1400, 120 + 60 * len(df))))
    check_column(df, y, "Column")
    xs = None
    xtitle = "Date of the statement"
    if x == "date" and "date" in df.columns:
        xs = pd.to_datetime(df["date"].astype("string").str.strip().str[:10], errors="coerce", format="%Y-%m-%d")
        if xs.nunique() < 3:  # one or two dates: a timeline would stack every point on one line
            xs = None
    elif x != "date":
        check_column(df, x, "Column")
        xs = df[x]
        xtitle = pretty(x)
    hidden = 0
    if xs is None:
        xs = pd.Series(np.arange(1, len(df) + 1), index=df.index)
        xtitle = "Statement number (order in the corpus)"
    elif xs.isna().any() and x == "date":
        hidden = int(xs.isna().sum())
        warnings.warn(f"{hidden} of {len(df)} statements have no date and are not shown in the explorer.",
                      LossyStepWarning, stacklevel=2)
    fig = go.Figure()
    for g in groups:
        m = (df[by].fillna(MISSING_GROUP).astype(str) == g).to_numpy() & xs.notna().to_numpy()
        if not m.any():
            continue
        sub = df[m]
        xv = xs[m]
        custom = np.column_stack([
            [_wrap(t, 70, max_chars) for t in sub["text"]],
            [_esc(s) for s in (sub["speaker"] if "speaker" in sub else [""] * len(sub))],
            [s for s, keep in zip(source, m) if keep],
            [_esc(s) for s in (sub["date"] if "date" in sub else [""] * len(sub))],
            [_esc(s) for s in (sub["frames"] if "frames" in sub else [""] * len(sub))],
        ])
        fig.add_trace(go.Scatter(
            x=xv.dt.strftime("%Y-%m-%d").tolist() if hasattr(xv, "dt") else xv.tolist(),
            y=pd.to_numeric(sub[y], errors="coerce").to_numpy(), mode="markers",
            name=f"{_label(g, registry)} (n={int(m.sum()):,})",
            marker=dict(color=colors[g], size=9, opacity=0.8, line=dict(color="#333333", width=0.5)),
            customdata=custom,
            hovertemplate=("<b>%{customdata[1]}</b> (" + _label(g, registry) + "), %{customdata[3]}<br>"
                           "“%{customdata[0]}”<br><i>%{customdata[2]}</i><br>frames: %{customdata[4]}"
                           "<extra></extra>"),
        ))
    fig.update_xaxes(title_text=xtitle)
    ytitle = ("Tone (−1 negative … +1 positive)" if y == "tone" else pretty(y))
    fig.update_yaxes(title_text=ytitle, range=[-1.08, 1.08] if y == "tone" else None, zeroline=True,
                     zerolinecolor="#BBBBBB")
    fig.update_layout(legend=dict(title_text="Who is speaking"), hovermode="closest")
    extra = f"{hidden:,} undated statements not shown." if hidden else ""
    sub = "One point per statement" + ("; tone = VADER compound score of its wording (Hutto & Gilbert 2014)"
                                       if y == "tone" else "")
    return _finish(fig, title or "Every statement: hover to read it and see its source",
                   sub, _with_marks(note, scored, extra), 520)


def figure_names() -> Sequence[str]:
    """The figure functions of this module, for batch building."""
    return ("frame_profile", "stance_heatmap", "keyness_chart", "timeline", "blame_network", "statement_explorer")
