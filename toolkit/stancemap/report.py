"""The main job: load → extract → score → compare → figures, tables and a readable report.

``report(inputs, out_dir)`` (CLI ``stancemap report INPUT... --out DIR``) writes::

    DIR/index.html               the report: what was analysed, figures with readings,
                                 methods note, every statement with its source
    DIR/statements.csv           the statements table
    DIR/scored.csv               statements + frames, stances, tone
    DIR/tables/<name>.csv|.parquet   summary tables (shares with intervals, keyness, …)
    DIR/figures/<name>.html|.png     every figure (PNG when Chrome/Chromium is found)
    DIR/figures/plotly-figures.min.js  one copy of plotly.js, so everything works offline (plotly.min.js
                                 when a figure needs more than the small bundle draws)

Everything but PNG files is byte-identical across runs on the same input, and
across engines: ``engine="dask"`` (CLI ``--engine dask [--scheduler ADDRESS]``)
extracts and scores on a Dask cluster and writes the very same files.

The folder is written as a whole: it is built in a temporary sibling folder and
swapped in at the end (:func:`stancemap.atomic.replace_folder`), so an interrupted
run leaves the earlier report untouched and a finished one keeps nothing of it (no
old PNGs beside a page written with ``formats=("html",)``). A hidden
``DIR/.stancemap-report`` marks the folder as a report; ``DIR`` must be new, empty
or an earlier report, and is checked before any work starts.
"""
from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import __version__
from .actors import load_actors
from .atomic import check_output_folder, replace_folder, write_text
from .errors import LossyStepWarning, StancemapError
from .extract.table import out_of_office_count, unattributed_summary
from .interface import option
from .pipeline import run
from .runtime import check_engine, is_dask
from .schema import UNATTRIBUTED

#: Statements shown in the page's table and the explorer figure; the rest are in scored.csv.
MAX_LISTED = 1000

#: The hidden file that marks a folder as a stancemap report (so a re-run may replace it).
MARKER = ".stancemap-report"

#: What a report folder holds (earlier versions wrote no marker; a folder of only these is a report).
REPORT_ENTRIES = frozenset({"index.html", "statements.csv", "scored.csv", "tables", "figures", MARKER})

#: Figures written by the report, in page order.
FIGURES = ("frame_profile", "stance_heatmap", "keyness", "timeline", "blame_network", "statements")


@dataclass
class ReportResult:
    """What :func:`report` wrote and the tables behind it."""

    out_dir: Path
    index: Path
    documents: pd.DataFrame
    statements: pd.DataFrame
    scored: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    figures: dict[str, dict[str, Path]] = field(default_factory=dict)
    readings: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"ReportResult({str(self.index)!r}: {len(self.documents)} documents, "
                f"{len(self.statements)} statements, {len(self.figures)} figures)")


def _progress(enabled: bool | None):
    """A tqdm progress bar over the stages; quiet in CI and when not on a terminal."""
    from tqdm.auto import tqdm

    if enabled is None:
        enabled = sys.stderr.isatty() and not os.environ.get("CI")
    return tqdm(total=6, desc="stancemap report", unit="stage", disable=not enabled, leave=False)


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _ci(row) -> str:
    return f"{_pct(row['ci_low'])}–{_pct(row['ci_high'])}"


#: Groups that are not actors: described apart from the actors, never ranked among them.
NOT_ACTORS = (UNATTRIBUTED, "(missing)")


def _outside(n: int) -> str:
    return f"statements from speakers outside the actor registry (“unattributed”, n={n})"


def _read_frames(shares: pd.DataFrame, registry, codebook) -> str:
    """One sentence per actor: its most used frame, with n and interval; the
    unattributed statements after them, apart."""
    if shares.empty:
        return "No statements to compare."

    def top_of(d: pd.DataFrame) -> tuple[str, pd.Series]:
        top = d.sort_values(["share", "frame"], ascending=[False, True], kind="stable").iloc[0]
        label = codebook.frames[top["frame"]].label if top["frame"] in codebook.frames else top["frame"]
        return label, top

    parts, apart = [], ""
    for g, d in shares.groupby("group", sort=False):
        label, top = top_of(d)
        if g in NOT_ACTORS:
            if g == UNATTRIBUTED and top["count"] > 0:
                apart = (f" Not compared as a group: the {_outside(int(top['n']))} most often use “{label}” "
                         f"({_pct(top['share'])}; 95% interval {_ci(top)}).")
            continue
        if top["count"] == 0:
            parts.append(f"{registry.labels.get(g, g)} (n={int(top['n'])}): no frame detected")
            continue
        parts.append(f"{registry.labels.get(g, g)} most often uses “{label}” "
                     f"({_pct(top['share'])} of n={int(top['n'])}; 95% interval {_ci(top)})")
    actors = shares[~shares["group"].isin(NOT_ACTORS)]
    small = actors.loc[actors["small_n"], "group"].unique()
    tail = (" With fewer than 10 statements per group the intervals are wide: read differences "
            "as leads to check, not findings." if len(small) else "")
    head = "; ".join(parts) + "." if parts else "No statement was attributed to an actor of the registry."
    return head + tail + apart


def _read_stance(addressing: pd.DataFrame, registry, codebook, min_n: int = 10) -> str:
    """Per target, which actors take a side and which way, read among the statements that
    address it (never a net share over all statements; never the unattributed)."""
    if addressing.empty:
        return "No stance results."
    outside = addressing[addressing["group"] == UNATTRIBUTED]
    d = addressing[~addressing["group"].isin(NOT_ACTORS)]
    side = d[d["measure"] == "addresses"]
    favor = d[d["measure"] == "favor"].set_index(["group", "target"])
    parts = []
    for t, rows in side.groupby("target", sort=False):
        rows = rows[rows["count"] > 0]
        if rows.empty:
            continue
        label = codebook.targets[t].label if t in codebook.targets else t
        bits = []
        for _, r in rows.iterrows():
            f = favor.loc[(r["group"], t)]
            who = registry.labels.get(r["group"], r["group"])
            way = ("all in favour" if f["share"] == 1 else "all against" if f["share"] == 0
                   else f"{_pct(f['share'])} in favour")
            bits.append(f"{who} {int(r['count'])} of n={int(r['n'])} ({way})")
        parts.append(f"on “{label}”: " + ", ".join(bits))
    n_out = int(outside[outside["measure"] == "addresses"]["n"].max()) if len(outside) else 0
    apart = f" The {_outside(n_out)} are shown in their own row and not ranked." if n_out else ""
    few = d[(d["measure"] == "favor") & (d["n"] > 0) & (d["n"] < min_n)]
    small = (f" A faded cell with a *: fewer than {min_n} statements take a side — a lead to check, not a finding."
             if len(few) else "")
    if not parts:
        return ("No actor's statement takes a side on any proposal, according to the model." + apart)
    return ("Statements that take a side on each proposal, and which way: " + "; ".join(parts) + "."
            + apart + small)


def _read_keyness(keys: pd.DataFrame, registry) -> str:
    if keys.empty:
        return "Too little text for distinctive terms."
    parts = []
    for g, d in keys.groupby("actor", sort=False):
        if g in NOT_ACTORS:
            continue
        d = d[d["z"] > 0].sort_values(["z", "term"], ascending=[False, True], kind="stable").head(3)
        if len(d):
            parts.append(f"{registry.labels.get(g, g)}: " + ", ".join(f"“{t}”" for t in d["term"]))
    apart = (" The unattributed statements (speakers outside the registry) have their own panel; "
             "their words are not an actor's." if (keys["actor"] == UNATTRIBUTED).any() else "")
    return ("Words each group uses more than the others (highest z-scores): " + "; ".join(parts) + "." + apart
            if parts else "No term stands out for any actor." + apart)


def _read_blame(edges: pd.DataFrame, registry) -> str:
    edges = edges[~edges["source"].isin(NOT_ACTORS) & ~edges["target"].isin(NOT_ACTORS)]
    if edges.empty:
        return "No blame-framed statement of an actor names another actor."
    top = edges.sort_values(["count", "source", "target"], ascending=[False, True, True], kind="stable").iloc[0]
    return (f"{len(edges)} accusation link(s); the most frequent is {registry.labels.get(top['source'], top['source'])}"
            f" → {registry.labels.get(top['target'], top['target'])} ({int(top['count'])} statement(s)). "
            "Arrow width and the number on it: statements.")


def _display_path(source: str) -> str:
    """A path as shown in the report: relative to the working directory when inside it,
    so the page does not depend on where the checkout lives."""
    p = Path(source)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return p.name if p.is_absolute() else source


def _write_table(df: pd.DataFrame, base: Path) -> None:
    from .tables import write_table

    write_table(df, base.with_suffix(".csv"), lineterminator="\n")
    flat = df.copy()
    for c in flat.columns:
        if flat[c].dtype == object:
            flat[c] = flat[c].map(lambda v: v if v is None or isinstance(v, str) else str(v))
    flat.attrs = {}
    write_table(flat, base.with_suffix(".parquet"))


def is_report_folder(path: str | os.PathLike) -> bool:
    """True when folder ``path`` holds a stancemap report (its marker, or only what a report writes)."""
    p = Path(path)
    if (p / MARKER).is_file():
        return True
    names = {e.name for e in p.iterdir()} if p.is_dir() else set()
    return bool(names) and names <= REPORT_ENTRIES


def check_out_dir(out_dir: str | os.PathLike, name: str = "out_dir") -> Path:
    """Check before any work that ``out_dir`` can be written as a report (new, empty or an earlier
    report, its parent writable); ``name`` is the argument named in the error."""
    return check_output_folder(out_dir, name, replaceable=is_report_folder, what="report")


def _write_report(out: Path, *, docs, statements, scored, listed, tables, figs, formats, texts, registry, cb, mdl,
                  notes, has_time, n_boot, seed, title, load_notes=(),
                  behind=None, images=None) -> tuple[Path, dict[str, dict[str, Path]]]:
    """Write the report into a temporary folder beside ``out`` and swap it in whole; returns
    (index.html, {figure: {format: path}}) with the paths inside ``out``. ``images``: the
    figures' images, started earlier (:func:`stancemap.figures.start_images`)."""
    from .figures import plotlyjs_for, save_figures, write_plotlyjs
    from .tables import write_table

    with replace_folder(out) as tmp:
        write_table(statements, tmp / "statements.csv", lineterminator="\n")
        write_table(scored, tmp / "scored.csv", lineterminator="\n")
        for name, t in tables.items():
            _write_table(t, tmp / "tables" / name)
        written = save_figures(figs, tmp / "figures", formats=formats, images=images)
        # the page's plotly.js: the small one where every figure draws with it (1.3 MB for 4.8; drawn sooner)
        js = plotlyjs_for(figs.values())
        write_plotlyjs(tmp / "figures", js)
        behind = {k: v for k, v in (behind or {}).items() if k in figs}
        write_behind_pages(tmp / "figures", behind, title or default_title(docs))
        index = render_page(tmp, docs=docs, statements=statements, scored=scored, listed=listed, tables=tables,
                            figs=figs, written=written, readings_=texts, registry=registry, codebook=cb, model=mdl,
                            notes=notes, has_time=has_time, n_boot=n_boot, seed=seed, title=title,
                            load_notes=load_notes, behind=behind, plotlyjs=js)
        write_text(tmp / MARKER, f"stancemap {__version__} report; this folder is replaced whole when the "
                                 "report is written again.\n")
    written = {k: {fmt: out / p.relative_to(tmp) for fmt, p in v.items()} for k, v in written.items()}
    return out / index.relative_to(tmp), written


def _model_summary(model) -> list[tuple[str, str]]:
    """(what, figure) rows for the methods note, from the model's training metadata."""
    meta = getattr(model, "metadata", {}) or {}
    rows = []
    if meta.get("n_examples"):
        origins = ", ".join(f"{k} {v}" for k, v in sorted((meta.get("origin_counts") or {}).items()))
        rows.append(("training examples", f"{meta['n_examples']}" + (f" ({origins})" if origins else "")))
    summary = (meta.get("crossval") or {}).get("summary") or []
    for r in summary:
        if r.get("task") == "frames":
            rows.append(("frames: cross-validated macro-F1 / micro-F1", f"{r['macro_f1']:.2f} / {r['micro_f1']:.2f}"))
        elif r.get("macro_f1") is not None:
            rows.append((f"stance {r['task']}: cross-validated macro-F1 / F_avg",
                         f"{r['macro_f1']:.2f} / {r['f_avg']:.2f}"))
    if summary:
        rows.append(("caveat", "cross-validated scores; the default model's scores on the real test sentences "
                               "are in models/default/MODEL_CARD.md"))
    return rows


def load_documents(inputs, scheduler=None, **load_options) -> pd.DataFrame:
    """The documents table of ``inputs``: paths (loaded with ``load_options``, the keyword
    arguments of :func:`stancemap.corpus.load`), a pandas table (copied) or a Dask table
    (computed here, since the report lists every document). A document whose text repeats an
    earlier one's (the same article saved twice) is left out with a warning
    (:func:`stancemap.datasets.dedupe_by_text`): its statements would count twice."""
    from .corpus import load
    from .datasets import dedupe_by_text

    if is_dask(inputs):
        local = {"sync": "sync", "synchronous": "sync", "threads": "threads", "processes": "processes"}
        kw = {"scheduler": local[scheduler]} if isinstance(scheduler, str) and scheduler in local else {}
        docs = inputs.compute(**kw).reset_index(drop=True)
    else:
        docs = inputs.copy() if isinstance(inputs, pd.DataFrame) else load(inputs, **load_options)
    if docs.empty:
        raise StancemapError(f"No documents found in {inputs!r}. Pass files or folders of .txt, .md, "
                             ".html, .csv, .jsonl or .parquet documents.")
    return dedupe_by_text(docs) if "text" in docs.columns else docs


def compare_tables(scored: pd.DataFrame, registry, *, n_boot: int = 2000,
                   seed: int = 0) -> tuple[dict[str, pd.DataFrame], list[str], bool]:
    """The report's summary tables, the warnings they gave (as notes), and whether the
    statements span two or more dates (then ``frames_over_time`` is included)."""
    from . import compare, keyness as kn

    kw = dict(registry=registry, n_boot=n_boot, seed=seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tables = {
            "group_counts": compare.group_counts(scored, registry=registry),
            "frame_shares": compare.frame_shares(scored, **kw),
            "stance_shares": compare.stance_shares(scored, **kw),
            "stance_addressing": compare.stance_addressing(scored, registry=registry),
            "frame_differences": compare.differences(scored, pairs="one-vs-rest", what="frames", **kw),
            "stance_differences": compare.differences(scored, pairs="one-vs-rest", what="stance", **kw),
            "keyness": kn.keyness(scored, registry=registry),
            "blame_edges": compare.blame_edges(scored, registry),
        }
        dated = scored["date"].astype(str).str.strip().replace("nan", "") if "date" in scored else pd.Series([], dtype=str)
        has_time = dated[dated != ""].nunique() >= 2
        if has_time:
            tables["frames_over_time"] = compare.over_time(scored, what="frames", registry=registry,
                                                           n_boot=n_boot, seed=seed)
    return tables, sorted({str(w.message) for w in caught}), has_time


def make_figures(tables: dict[str, pd.DataFrame], listed: pd.DataFrame, registry, codebook, *, note: str,
                 events: dict[str, str] | None = None, on_figure=None) -> tuple[dict, list[str]]:
    """The report's figures (in :data:`FIGURES` order) and notes on any left out; ``on_figure(name,
    figure)`` is called as each is made (the report starts its images there)."""
    from . import plots

    makers = {
        "frame_profile": lambda: plots.frame_profile(tables["frame_shares"], registry, labels=codebook, note=note),
        "stance_heatmap": lambda: plots.stance_addressing_heatmap(tables["stance_addressing"], registry,
                                                                  labels=codebook, note=note),
        "keyness": lambda: plots.keyness_chart(tables["keyness"], registry, note=note),
        "timeline": lambda: plots.timeline(tables["frames_over_time"], registry, frame=next(iter(codebook.frames)),
                                           events=events, labels=codebook, note=note),
        "blame_network": lambda: plots.blame_network(tables["blame_edges"], registry, note=note),
        "statements": lambda: plots.statement_explorer(listed, registry, kind="table", note=note),
    }
    if "frames_over_time" not in tables:
        del makers["timeline"]
    figs, notes = {}, []
    for name, make in makers.items():
        try:
            figs[name] = make()
        except StancemapError as e:  # e.g. too little text for keyness
            notes.append(f"Figure {name!r} left out: {e}")
            continue
        if on_figure is not None:
            on_figure(name, figs[name])
    return {k: figs[k] for k in FIGURES if k in figs}, notes


def readings(tables: dict[str, pd.DataFrame], registry, codebook) -> dict[str, str]:
    """One plain-language sentence (or a few) per figure, with what its marks mean."""
    shares = tables["frame_shares"]
    faded = " Faded bars: fewer than 10 statements." if "small_n" in shares and shares["small_n"].any() else ""
    return {
        "frame_profile": _read_frames(tables["frame_shares"], registry, codebook)
                         + " Whiskers: 95% intervals." + faded,
        "stance_heatmap": _read_stance(tables["stance_addressing"], registry, codebook),
        "keyness": _read_keyness(tables["keyness"], registry)
                   + " Dotted line: z = 1.96; the number in a bar: times the group used the word.",
        "blame_network": _read_blame(tables["blame_edges"], registry),
        "timeline": "Share of statements per period, with the event dates marked (dashed lines); "
                    "whiskers: 95% intervals; ringed points: fewer than 10 statements.",
        "statements": "Every statement with its speaker and source; scroll the table to read.",
    }


#: Under each figure, the statements shown per bar or cell; its statements page lists up to
#: :data:`MAX_BEHIND` of them (the Python call on the page gives every one).
EXAMPLES_SHOWN = 3
MAX_BEHIND = 25
#: The figures whose bars or cells :func:`statements_behind` traces back ("statements" is the list itself).
BEHIND = ("frame_profile", "stance_heatmap", "keyness", "timeline", "blame_network")
_MISSING = NOT_ACTORS[1]


def behind_page(name: str) -> str:
    """The file, inside the report's ``figures/``, that lists the statements behind figure ``name``."""
    return f"{name}-statements.html"


def _short(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def statements_behind(tables: dict[str, pd.DataFrame], scored: pd.DataFrame, registry, codebook,
                      figures=BEHIND) -> dict[str, list[dict]]:
    """For each figure, its bars or cells with the statements each counts (``id``, ``label``, ``n``,
    ``query`` — the :mod:`stancemap.search` call that lists them all —, ``statements``: the first
    :data:`MAX_BEHIND`, :func:`stancemap.search.statement_cards`, and ``examples``: the first
    :data:`EXAMPLES_SHOWN`, shortened). Bars with no statement are left out. Found with
    :func:`stancemap.search.filter_statements` (``search`` for a keyness word), so a cell's ``n``
    is the count in the figure's table."""
    import shlex

    from . import search as S
    from .compare import group_order

    labels = registry.labels
    frame_label = {k: getattr(v, "label", k) for k, v in codebook.frames.items()}
    target_label = {k: getattr(v, "label", k) for k, v in codebook.targets.items()}
    ids = pd.Series(range(len(scored)), index=scored["statement_id"].astype(str).to_numpy()) \
        if "statement_id" in scored.columns else pd.Series(dtype=int)
    rows_of = scored.reset_index(drop=True)  # the filters' rows by position in scored

    def cell(fig, label, rows, query, n=None):  # "rows": positions in scored, made into cards below
        return {"label": label, "n": int(len(rows) if n is None else n), "query": query,
                "rows": rows.index[:MAX_BEHIND].tolist()}

    def who(g):
        return labels.get(g, g)

    groups: dict[str, pd.DataFrame] = {}

    def of(g):  # a group's rows, found once: each cell filters them, not the whole table (same rows)
        if g not in groups:
            groups[g] = S.filter_statements(rows_of, actor=g)
        return groups[g]

    out: dict[str, list[dict]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # undated statements etc.: the figures' own tables have said so
        if "frame_profile" in figures and "frame_shares" in tables:
            out["frame_profile"] = [
                cell("frame_profile", f"{who(r.group)} · {frame_label.get(r.frame, r.frame)}",
                     S.filter_statements(of(r.group), frame=r.frame),
                     f"sm.search.filter_statements(scored, actor={r.group!r}, frame={r.frame!r})")
                for r in tables["frame_shares"].itertuples() if r.count > 0 and r.group != _MISSING]
        if "stance_heatmap" in figures and "stance_addressing" in tables:
            out["stance_heatmap"] = [
                cell("stance_heatmap", f"{who(r.group)} · {target_label.get(r.target, r.target)}: {r.measure}",
                     S.filter_statements(of(r.group), stance={r.target: r.measure}),
                     f"sm.search.filter_statements(scored, actor={r.group!r}, stance={{{r.target!r}: {r.measure!r}}})")
                for r in tables["stance_addressing"].itertuples()
                if r.measure in ("favor", "against") and r.count > 0 and r.group != _MISSING]
        if "keyness" in figures and "keyness" in tables:
            keys = tables["keyness"]
            cells = []
            for g in group_order(keys["actor"], registry):
                if g == _MISSING:
                    continue
                top = keys[(keys["actor"] == g) & (keys["z"] > 0)].sort_values(
                    ["z", "term"], ascending=[False, True], kind="stable").head(10)
                found = S.matching_statement_ids(of(g), [str(t) for t in top["term"]]) if len(top) else {}
                for term in top["term"]:
                    sids = found[str(term)]
                    cells.append(cell("keyness", f"{who(g)} · “{term}”", rows_of.iloc[ids.reindex(sids).dropna()
                                                                                      .astype(int).to_numpy()],
                                      f"sm.search(scored, {str(term)!r}, actor={g!r}) or: stancemap search "
                                      f"scored.csv {shlex.quote(str(term))} --actor {shlex.quote(g)}"))
            out["keyness"] = cells
        if "timeline" in figures and "frames_over_time" in tables and len(codebook.frames):
            frame = next(iter(codebook.frames))
            series = tables["frames_over_time"]
            out["timeline"] = []
            for r in series[(series["frame"] == frame) & (series["count"] > 0)].itertuples():
                if r.group in NOT_ACTORS[1:]:
                    continue
                end = (pd.Timestamp(r.period) + pd.Timedelta(days=6)).strftime("%Y-%m-%d")
                out["timeline"].append(cell(
                    "timeline", f"{who(r.group)} · {frame_label.get(frame, frame)}, week of {r.period}",
                    S.filter_statements(of(r.group), frame=frame, between=(r.period, end)),
                    f"sm.search.filter_statements(scored, actor={r.group!r}, frame={frame!r}, "
                    f"between=({r.period!r}, {end!r}))"))
        if "blame_network" in figures and "blame_edges" in tables:
            out["blame_network"] = []
            for r in tables["blame_edges"].itertuples():
                sids = [x for x in str(r.statement_ids).split(";") if x]
                rows = rows_of.iloc[ids.reindex(sids).dropna().astype(int).to_numpy()]
                out["blame_network"].append(cell(
                    "blame_network", f"{who(r.source)} → {who(r.target)}", rows,
                    f"scored[scored['statement_id'].isin({sids[:5]!r}{'…' if len(sids) > 5 else ''})]", n=r.count))
    # a card depends on its row only: the rows listed in several cells are made into cards once
    listed = sorted({i for cells in out.values() for c in cells for i in c["rows"]})
    cards = dict(zip(listed, S.statement_cards(rows_of.iloc[listed], labels)))
    for name, cells in out.items():
        for i, c in enumerate(cells):
            c["statements"] = [dict(cards[j]) for j in c.pop("rows")]
            c["examples"] = [{**s, "short": _short(s["text"])} for s in c["statements"][:EXAMPLES_SHOWN]]
            c["id"] = f"{name.replace('_', '-')}-{i + 1}"
    return out


def write_behind_pages(folder: Path, behind: dict[str, list[dict]], title: str) -> dict[str, Path]:
    """Write ``folder/<figure>-statements.html`` for each figure of ``behind``; returns their paths."""
    from .search import cells_to_html

    written = {}
    for name, cells in behind.items():
        path = folder / behind_page(name)
        fig = name.replace("_", " ")
        write_text(path, cells_to_html(
            cells, title=f"The statements behind the {fig}: {title}",
            intro=f"Each section is one bar or cell of the {fig} figure, with the statements it counts (the first "
                  f"{MAX_BEHIND}); scored.csv has every statement."))
        written[name] = path
    return written


def default_title(docs: pd.DataFrame) -> str:
    """The page title the corpus suggests: one document's title, else its outlets and dates."""
    def values(col: str) -> list[str]:
        if col not in docs.columns:
            return []
        return [v for v in (str(x).strip() for x in docs[col].fillna("")) if v and v.lower() != "nan"]

    titles = values("title") or values("source_title")
    if len(docs) == 1 and titles:
        return titles[0]
    outlets = sorted(set(values("outlet")))
    dates = sorted(d[:10] for d in values("date"))
    title = f"What was said in {len(docs)} document{'s' if len(docs) != 1 else ''}"
    if outlets:
        title += (" from " + (", ".join(outlets[:-1]) + " and " + outlets[-1] if len(outlets) > 1 else outlets[0])
                  if len(outlets) <= 3 else f" from {len(outlets)} outlets")
    if dates:
        title += f", {_date(dates[0])}" + (f" to {_date(dates[-1])}" if dates[-1] != dates[0] else "")
    return title


def _date(iso: str) -> str:
    """2025-03-18 → 18 March 2025 (as given when it is not a full date)."""
    try:
        ts = pd.Timestamp(iso)
    except (ValueError, TypeError):
        return iso
    return f"{ts.day} {ts.strftime('%B %Y')}" if len(iso) >= 10 else iso


@contextmanager
def noted(into: list[str]) -> Iterator[list[str]]:
    """Collect the messages of the warnings raised inside into ``into`` (for the page's
    notes, in order, each once) and still give them to the caller's warning filters."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield into
    for w in caught:
        if str(w.message) not in into:
            into.append(str(w.message))
    for w in caught:
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def _relative(note: str) -> str:
    """A note with the working directory's absolute path left out, so the page does not
    depend on where the checkout lives."""
    here = str(Path.cwd().resolve())
    return note.replace(here + os.sep, "").replace(here, ".")


def _by_document(listed: pd.DataFrame, docs: pd.DataFrame, registry) -> list[dict]:
    """The listed statements in groups per document (in order), each with its document's
    title, link, date and outlet once."""
    meta = {str(r.get("doc_id", "")): r for r in docs.to_dict("records")}
    out: list[dict] = []
    for r in listed.to_dict("records"):
        did = str(r.get("doc_id", ""))
        if not out or out[-1]["doc_id"] != did:
            m = meta.get(did, {})

            def pick(*keys, m=m, r=r):
                for k in keys:
                    for src in (m, r):
                        v = src.get(k)
                        if v is not None and str(v).strip() and str(v).lower() != "nan":
                            return str(v)
                return ""
            out.append({"doc_id": did, "title": pick("title", "source_title") or did,
                        "url": pick("source_url"), "date": pick("date"), "outlet": pick("outlet"),
                        "statements": []})
        shown = r.get("source_text")
        r = {**r, "shown": shown if isinstance(shown, str) and shown.strip() else r.get("text", ""),
             "label": registry.labels.get(r.get("actor"), r.get("actor"))}
        out[-1]["statements"].append(r)
    return out


def render_page(out: Path, *, docs, statements, scored, listed, tables, figs, written, readings_, registry,
                codebook, model, notes, has_time, n_boot, seed, title, load_notes=(), behind=None,
                plotlyjs: str = "plotly.min.js") -> Path:
    """Write ``out/index.html`` (Jinja2 template ``templates/report.html.j2``, autoescaped).

    ``load_notes``: what loading the documents warned about (files skipped, dates not
    read, …; :func:`noted`), stated on the page. ``behind``: :func:`statements_behind`,
    shown under each figure (collapsed) with a link to its page (:func:`write_behind_pages`).
    ``plotlyjs``: the plotly.js file in ``figures/`` the page loads (:func:`stancemap.figures.plotlyjs_for`)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    from .figures import figure_to_html_div

    counts = tables["group_counts"]
    n_unattr = int((statements["actor"] == UNATTRIBUTED).sum())
    former = frozenset(registry.dated_members)   # members quoted out of office are named apart
    env = Environment(loader=PackageLoader("stancemap", "templates"),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    page = env.get_template("report.html.j2").render(
        title=title or default_title(docs), plotlyjs=plotlyjs,
        version=__version__,
        documents=docs.to_dict("records"),
        counts=[{**r, "label": registry.labels.get(r["group"], r["group"]),
                 "color": registry.colors.get(r["group"], "#BBBBBB"), "actor": r["group"] not in NOT_ACTORS}
                for r in counts.to_dict("records")],
        n_statements=len(statements), n_unattributed=n_unattr, n_attributed=len(statements) - n_unattr,
        unattributed_who=unattributed_summary(statements, former),
        n_out_of_office=out_of_office_count(statements, former),
        load_notes=[_relative(n) for n in load_notes],
        figures=[{"name": k, "div": figure_to_html_div(f, f"fig-{k.replace('_', '-')}"),
                  "reading": readings_.get(k, ""),
                  "files": {fmt: p.relative_to(out).as_posix() for fmt, p in written.get(k, {}).items()}}
                 for k, f in figs.items()],
        has_time=has_time,
        codebook=codebook, model_rows=_model_summary(model), notes=[_relative(n) for n in notes],
        registry_source=_display_path(registry.source), n_boot=n_boot, seed=seed,
        by_document=_by_document(listed, docs, registry), n_listed=len(listed), n_scored=len(scored),
        frame_keys=list(codebook.frames), target_keys=list(codebook.targets),
        behind={k: {"cells": v, "page": f"figures/{behind_page(k)}", "n": sum(c["n"] for c in v)}
                for k, v in (behind or {}).items()},
    )
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def report(inputs, out_dir, *, actors=None, codebook=None, model=None, formats=("html", "png"),
           events: dict[str, str] | None = None, n_boot: int = 2000, seed: int = 0,
           progress: bool | None = None, title: str | None = None, engine: str | None = None,
           scheduler=None, n_workers: int = 2, n_jobs: int = 1, text_column: str = "text", kind: str = "article",
           actor: str | None = None, speaker: str | None = None, encoding: str | None = None,
           topic=None) -> ReportResult:
    """Run the whole pipeline on ``inputs`` (paths, or a documents table) and write ``out_dir``.

    ``out_dir`` must be a new or empty folder or an earlier report; it is replaced whole
    at the end (an interrupted run leaves it as it was). ``text_column``, ``kind``,
    ``actor``, ``speaker`` and ``encoding`` are passed to :func:`stancemap.corpus.load`
    when ``inputs`` are paths (``actor``/``speaker``: the author of ``kind="official"``
    texts; ``actors`` is the registry file); load a table yourself for its other options.

    ``actors``/``codebook``/``model``: registry file, codebook file, model directory
    (None = the bundled ones). ``formats``: figure formats ("png"/"svg" need Chrome
    or Chromium; without one a one-line warning is given and HTML is still
    written). ``events``: {ISO date: label} markers for the timeline. ``n_jobs``:
    processes for extraction and scoring with the pandas engine (the same files).

    ``engine="dask"`` runs extraction and scoring on Dask
    (:func:`stancemap.pipeline.run`): ``scheduler`` is a running scheduler's
    address (``tcp://HOST:8786``), "sync"/"threads"/"processes" for Dask's local
    schedulers, or None for a LocalCluster of ``n_workers`` processes. The documents
    are loaded here and sent to the workers, which need stancemap installed but no
    access to the input files. Comparisons, figures and pages are then made here, on
    the scored table: every file written is byte-identical to the pandas engine's.
    ``inputs`` may also be a Dask DataFrame of documents (then the engine defaults
    to "dask"); it is computed here, since the report lists every document.

    ``topic``: a codebook topic (``"war"``), several (``"war,ceasefire"`` or a list: on
    any), or None for every statement. The topics are those of ``codebook`` (None = the
    bundled ``corpora/codebook.yaml``); the rule is :func:`stancemap.topics.in_topic`.
    Everything written — statements.csv, scored.csv, tables, figures, the page — then
    holds only the statements on topic, and the page says how many of how many per actor.
    """
    engine = check_engine("dask" if engine is None and is_dask(inputs) else engine, scheduler, n_jobs)
    out = check_out_dir(out_dir)
    from .figures import check_formats, export_session, find_browser, start_images

    formats = check_formats(formats)
    load_options = {"text_column": text_column, "kind": kind, "actor": actor, "speaker": speaker,
                    "encoding": encoding}
    registry = load_actors(actors)
    topics = _topics(topic, codebook)  # a bad topic fails before any work
    bar = _progress(progress)
    # images: the browser starts now, in the background, while the statements are scored
    session = ExitStack()
    try:
        if set(formats) - {"html"} and find_browser() is not None:
            session.enter_context(export_session())
        bar.set_postfix_str("load")
        with noted(load_notes := []):
            docs = load_documents(inputs, scheduler, **load_options)
        bar.update()

        def stop_if_empty(statements):
            if statements.empty:
                raise StancemapError(f"No attributed statements were found in {len(docs)} document(s); "
                                     f"nothing to compare. Check the actor registry ({option('actors')}) "
                                     "matches the texts.")

        def on_stage(name):
            bar.update(2 if "+" in name else 1)
            bar.set_postfix_str({"extract": "score"}.get(name, "compare"))

        bar.set_postfix_str("extract+score (dask)" if engine == "dask" else "extract")
        result = run(docs, registry, model, codebook, engine=engine, scheduler=scheduler, n_workers=n_workers,
                     n_jobs=n_jobs, on_stage=on_stage, stop_if_empty=stop_if_empty)
        statements, scored, mdl, cb = result.statements, result.scored, result.model, result.codebook
        if topics:
            statements, scored = _on_topic(statements, scored, *topics, load_notes)

        tables, notes, has_time = compare_tables(scored, registry, n_boot=n_boot, seed=seed)
        bar.update()

        bar.set_postfix_str("plot")
        src = (f"Source: stancemap {__version__} analysis of {len(statements)} statements "
               f"from {len(docs)} document(s).")
        listed = scored.head(MAX_LISTED)
        if len(scored) > MAX_LISTED:
            notes.append(f"The statement table and explorer list the first {MAX_LISTED} of {len(scored)} statements "
                         "(by document and position); scored.csv has every one.")
        # each figure's images start rendering as soon as it is made, and the browser shuts down
        # after the last, while the rest is worked out and written
        images = start_images({}, formats)
        session.callback(images.discard)
        figs, left_out = make_figures(tables, listed, registry, cb, note=src, events=events,
                                      on_figure=lambda name, fig: images.add({name: fig}, formats))
        images.add({}, formats, last=True)
        notes += left_out
        texts = readings(tables, registry, cb)
        behind = statements_behind(tables, scored, registry, cb, [k for k in BEHIND if k in figs])
        bar.update()

        bar.set_postfix_str("write")
        index, written = _write_report(out, docs=docs, statements=statements, scored=scored, listed=listed,
                                       tables=tables, figs=figs, formats=formats, texts=texts, registry=registry,
                                       cb=cb, mdl=mdl, notes=notes, has_time=has_time, n_boot=n_boot, seed=seed,
                                       title=title, load_notes=load_notes, behind=behind, images=images)
        bar.update()
    finally:
        session.close()
        bar.close()
    return ReportResult(out, index, docs, statements, scored, tables, written, texts)


def _topics(topic, codebook):
    """(topic keys, codebook defining them) of ``report(topic=...)``, or None."""
    if topic is None or (not isinstance(topic, str) and not list(topic)):
        return None
    from .topics import resolve_topics

    return resolve_topics(topic, codebook)


def _on_topic(statements, scored, keys, cb, load_notes: list[str]):
    """The statements and scored rows on the topics, with the counts in ``load_notes``."""
    from .topics import in_topic, topic_note

    mask = in_topic(scored, keys, cb)
    if not mask.any():
        raise StancemapError(f"No statement is on {'topic' if len(keys) == 1 else 'topics'} {', '.join(keys)} "
                             f"(0 of {len(scored)}; codebook {cb.name} {cb.version}). Leave out "
                             f"{option('topic')} or choose another of: {', '.join(cb.topics)}.")
    if not mask.all():
        warnings.warn(topic_note(scored, mask, keys), LossyStepWarning, stacklevel=3)
    labels = "; ".join(f"{k}: {cb.topics[k].label}" for k in keys)
    load_notes.append(f"Topic filter ({labels}; codebook {cb.name} {cb.version}): {topic_note(scored, mask, keys)}. "
                      "A statement is on topic when it or its sentence matches a cue of the topic in the "
                      "codebook; statements.csv, scored.csv, the tables, figures and this page hold only those.")
    keep = set(scored.loc[mask.to_numpy(), "statement_id"])
    kept = scored.loc[mask.to_numpy()].reset_index(drop=True)
    return statements[statements["statement_id"].isin(keep)].reset_index(drop=True), kept


from ._callable import make_callable  # noqa: E402

make_callable(__name__, "report")
