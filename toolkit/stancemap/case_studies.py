"""Case studies on real, openly licensed corpora, as functions the notebooks and tests call.

* :func:`kremlin_kyiv` — "Kremlin and Kyiv, October 2021 – June 2022": the
  1,796 English news items of en.kremlin.ru and president.gov.ua
  (dataset ``kremlin-kyiv-press-2021-2022``, CC BY 4.0): frames and stance month
  by month, before and after 24 February 2022, and the words that set each
  side (and each period) apart.
* :func:`ungdc` — "The UN General Debate 2014–2024: the US, Russia, Ukraine and
  Europe" (dataset ``ungdc-2014-2024``, CC0; Baturo, Dasandi & Mikhaylov 2017):
  every sentence of every speech scored, year by year, with bootstrap intervals.
* :func:`ceasefire_2025` — "The ceasefire talks, January 2025 – July 2026": the
  White House (``whitehouse-2021-2026``, public domain) and the UK Prime Minister
  in the Commons (``uk-pm-commons-2019-2026``, Open Parliament Licence v3.0) side by
  side, month by month and before/after the talks' events, with what Russia and
  Ukraine are *reported* to say in those texts kept apart.
* :func:`spring_2022` — "Spring 2022 from four capitals": Washington, London,
  Moscow and Kyiv in their own official texts, 24 October 2021 – 24 June 2022
  (the four datasets above plus ``zelensky-speeches-2022`` and
  ``zelensky-speeches-2022-2023``): frames, stance among the statements that take a
  side, before/after 24 February 2022, month by month, and keyness.

Stance is read among the statements that address each target
(:func:`stancemap.compare.stance_addressing`, and per month
:func:`stancemap.compare.stance_addressing_over_time`): a net share over all
statements drowns in ``none``. The net tables (``stance_shares``, ``stance_monthly``)
are still written.

Each function loads the documents from the data directory, extracts and scores
the statements, compares the actors and, given ``out_dir``, writes the figures
(``<name>.html``, byte-identical across runs) and tables (``tables/<name>.csv``).
Missing data raise :class:`DataMissing`, which says which dataset is missing and
how to get it. ``max_statements`` scores a deterministic sample (stratified by
actor and month or year) for quick runs; the default scores everything.
"""
from __future__ import annotations

import hashlib
import os
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import StancemapError
from .runtime import check_engine
from .schema import UNATTRIBUTED

KREMLIN_KYIV = "kremlin-kyiv-press-2021-2022"
UNGDC = "ungdc-2014-2024"
WHITEHOUSE = "whitehouse-2021-2026"
UK_PM = "uk-pm-commons-2019-2026"
#: 24 February 2022: Russia's full-scale invasion of Ukraine.
INVASION = "2022-02-24"
INVASION_LABEL = "Full-scale invasion, 24 Feb 2022"
#: Frames drawn over time, and stance targets drawn over time, in each study.
TIMELINE_FRAMES = ("security", "diplomacy", "sovereignty", "humanitarian")
TIMELINE_TARGETS = ("sanctions", "military_aid")
ROOT = Path(__file__).resolve().parents[2]


class DataMissing(StancemapError):
    """A case study's dataset is not in the data directory (the message says how to get it)."""

    def _render_traceback_(self):  # IPython/Jupyter: show the reason, not a traceback
        return [f"Data missing: {self}"]


# --------------------------------------------------------------------------- data

def find_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """The data directory: ``data_dir``, else ``$STANCEMAP_DATA``, else ``../shared/datasets``
    beside the checkout when it exists (development and CI), else the user cache
    (:func:`stancemap.paths.data_dir`)."""
    from .paths import data_dir as data_dir_policy

    return data_dir_policy(data_dir)


def missing_data(names: Iterable[str], data_dir=None) -> str | None:
    """Why the datasets ``names`` cannot be used (first problem found), or None when all
    their files are present. Presence only; the loaders check every sha256."""
    from .datasets import get_dataset
    from .paths import DATA_ENV

    root = find_data_dir(data_dir)
    for name in names:
        ds = get_dataset(name)
        missing = [f.path for f in ds.files if not (root / ds.name / f.path).is_file()]
        if missing:
            where = "is not there" if len(missing) == len(ds.files) else \
                f"lacks {len(missing)} of {len(ds.files)} files"
            return (f"dataset {name!r} {where}. Get it with `stancemap datasets fetch {name}` (needs internet), "
                    f"or set {DATA_ENV} to a folder that holds it (in the project's CI: ../shared/datasets).")
    return None


def require_data(names: Iterable[str], data_dir=None) -> Path:
    """The data directory, or :class:`DataMissing` with the reason and the fix."""
    reason = missing_data(list(names), data_dir)
    if reason:
        raise DataMissing(reason)
    return find_data_dir(data_dir)


# --------------------------------------------------------------------------- helpers

def deterministic_sample(df: pd.DataFrame, n: int | None, *, by: Sequence[str] = (), key: str = "statement_id",
                         seed: int = 0) -> pd.DataFrame:
    """At most about ``n`` rows, allocated to the ``by`` strata in proportion to their
    size (at least one row each), chosen by a hash of ``key`` and ``seed``: the same
    rows on every machine and run, kept in the table's order. ``n=None`` keeps all."""
    if n is None or len(df) <= n:
        return df
    if not isinstance(n, int) or n < 1:
        raise StancemapError(f"max_statements must be a whole number ≥ 1 or None (all), got {n!r}.")
    rank = [hashlib.blake2b(f"{seed}\x1f{v}".encode(), digest_size=8).hexdigest() for v in df[key].astype(str)]
    if by:
        strata = df[by[0]].astype(str)
        for c in by[1:]:
            strata = strata + "\x1f" + df[c].astype(str)
    else:
        strata = pd.Series("", index=df.index)
    sizes = strata.value_counts()
    quota = {k: max(1, round(n * v / len(df))) for k, v in sizes.items()}
    order = pd.DataFrame({"g": strata.to_numpy(), "rank": rank, "i": range(len(df))})
    order = order.sort_values(["g", "rank"], kind="stable")
    pos = order.groupby("g", sort=False).cumcount().to_numpy()
    keep = order["i"].to_numpy()[pos < order["g"].map(quota).to_numpy()]
    mask = pd.Series(False, index=range(len(df)))
    mask.iloc[keep] = True
    out = df.loc[mask.to_numpy()]
    out.attrs.update(df.attrs, sampled_from=len(df), sample_by=list(by), sample_seed=seed)
    return out


def _quiet(func, *args, **kwargs):
    """Run ``func`` and return (result, sorted unique warning messages)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = func(*args, **kwargs)
    return out, sorted({str(w.message) for w in caught})


@dataclass
class CaseStudy:
    """What a case study computed and wrote."""

    name: str
    title: str
    documents: pd.DataFrame
    statements: pd.DataFrame
    scored: pd.DataFrame
    groups: list[str]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    figures: dict = field(default_factory=dict)
    written: dict[str, dict[str, Path]] = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return (f"CaseStudy({self.name!r}: {len(self.documents):,} documents, {len(self.statements):,} statements, "
                f"{len(self.scored):,} scored, {len(self.figures)} figures)")


def _pipeline(docs, *, groups, time_col, sample_by, max_statements, model, n_boot, seed,
              engine, scheduler, n_workers, n_jobs=1, extra_doc_columns=(), select=None, labels=None,
              datasets=(), root=None):
    """Shared steps: extract (all documents), sample, score, and the tables every study has.

    ``select(scored)`` gives the statements compared (default: those of ``groups``);
    ``labels`` is the registry seen by the tables and figures (default: the actor registry);
    ``datasets`` (read from ``root``) are the study's datasets: their labelled sentences that the model
    learned from are counted in a note, and ``stance_addressing_unseen`` leaves them out."""
    from . import compare, pipeline
    from .actors import load_actors

    engine = check_engine(engine, scheduler)
    registry = load_actors(None)
    mdl, cb = pipeline.model_and_codebook(model)
    notes: list[str] = []
    run_on = dict(engine=engine, scheduler=scheduler, n_workers=n_workers, n_jobs=n_jobs)
    statements, w = _quiet(pipeline.extract, docs, registry, **run_on)
    notes += w
    if extra_doc_columns:
        extra = docs[["doc_id", *extra_doc_columns]]
        statements = statements.merge(extra, on="doc_id", how="left", validate="many_to_one")
    statements = statements.assign(month=statements["date"].astype(str).str[:7])
    sample = deterministic_sample(statements, max_statements, by=sample_by, seed=seed)
    if len(sample) < len(statements):
        notes.append(f"Scored a deterministic sample of {len(sample):,} of {len(statements):,} statements "
                     f"(stratified by {', '.join(sample_by)}; seed {seed}).")
    scored, w = _quiet(pipeline.score, sample, mdl, **run_on)
    notes += w
    compared = (scored[scored["actor"].isin(groups)] if select is None else select(scored)).reset_index(drop=True)
    kw = dict(registry=registry if labels is None else labels, n_boot=n_boot, seed=seed)
    tables = {}
    tables["counts"], _ = _quiet(compare.group_counts, statements, registry=registry)
    by_kind = statements.groupby(["actor", "kind"]).size().rename("statements").reset_index()
    tables["counts_by_kind"] = by_kind
    by_time = statements.groupby(["actor", time_col]).size().rename("statements").reset_index()
    tables[f"counts_by_{time_col}"] = by_time
    (tables["frame_shares"], w) = _quiet(compare.frame_shares, compared, **kw)
    notes += w
    (tables["stance_shares"], w) = _quiet(compare.stance_shares, compared, **kw)
    notes += w
    learned = _learned(compared, mdl, datasets, root)
    if learned.any():
        (tables["stance_addressing_unseen"], w) = _quiet(compare.stance_addressing, compared[~learned],
                                                         registry=kw["registry"])
        notes += w
        notes.append(_learned_note(compared, learned, cb))
    # keyness reads text only, so it uses every statement — unless this is a sampled (quick) run
    text_base = statements if len(sample) == len(statements) else sample
    said = (text_base[text_base["actor"].isin(groups)] if select is None else select(text_base)).reset_index(drop=True)
    ctx = dict(registry=registry, codebook=cb, model=mdl, statements=statements, scored=scored, compared=compared,
               said=said, notes=notes, kw=kw)
    return tables, ctx


def _learned(compared: pd.DataFrame, model, datasets, root) -> np.ndarray:
    """Which compared statements are labelled sentences the model was trained on (the real parts its
    metadata names, e.g. ``train+dev`` of ``corpora/real-labels``): their labels are in-sample."""
    from .datasets.labelrefs import labelled_texts, text_key

    part = str(((getattr(model, "metadata", None) or {}).get("sources") or {}).get("real_part") or "")
    parts = [p for p in part.split("+") if p]
    if not parts or not len(datasets) or compared.empty or "source_text" not in compared.columns:
        return np.zeros(len(compared), dtype=bool)
    known = labelled_texts(datasets, parts, root)
    return compared["source_text"].fillna("").map(text_key).isin(known).to_numpy(dtype=bool)


def _learned_note(compared: pd.DataFrame, learned: np.ndarray, cb) -> str:
    """One note: how many compared statements, and how many of those taking a side, the model learned from."""
    sided = np.zeros(len(compared), dtype=bool)
    for t in cb.target_keys:
        if f"stance_{t}" in compared.columns:
            sided |= compared[f"stance_{t}"].isin(["favor", "against"]).to_numpy()
    return (f"The model was trained on {int(learned.sum()):,} of the {len(compared):,} compared statements (labelled "
            f"sentences of corpora/real-labels; its stance there is in-sample), {int((learned & sided).sum()):,} of "
            f"the {int(sided.sum()):,} that take a side on some target. Table `stance_addressing_unseen` gives the "
            "stance among the statements that address each target without them.")


def _summary(docs, statements, scored, groups) -> dict:
    dates = statements["date"].astype(str)
    dated = dates[dates.str.match(r"^\d{4}-\d{2}-\d{2}$")]
    per = statements["actor"].value_counts()
    return {
        "documents": int(len(docs)), "statements": int(len(statements)), "scored": int(len(scored)),
        "unattributed": int((statements["actor"] == UNATTRIBUTED).sum()),
        "unattributed_share": float((statements["actor"] == UNATTRIBUTED).mean()) if len(statements) else 0.0,
        "statements_by_actor": {g: int(per.get(g, 0)) for g in [*groups, *sorted(set(per.index) - set(groups))]},
        "scored_by_actor": {g: int((scored["actor"] == g).sum()) for g in groups},
        "first_date": str(dated.min()) if len(dated) else "", "last_date": str(dated.max()) if len(dated) else "",
        "undated": int(len(dates) - len(dated)),
    }


def _save(study: CaseStudy, out_dir) -> None:
    from .figures import save_figures

    if out_dir is None:
        return
    out = Path(out_dir)
    (out / "tables").mkdir(parents=True, exist_ok=True)
    study.written = save_figures(study.figures, out, formats=("html",))
    for name, t in study.tables.items():
        path = out / "tables" / f"{name}.csv"
        t.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        study.written.setdefault(f"tables/{name}", {})["csv"] = path


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _top_frame(shares: pd.DataFrame, group: str) -> pd.Series | None:
    d = shares[shares["group"] == group]
    if d.empty:
        return None
    return d.sort_values(["share", "frame"], ascending=[False, True], kind="stable").iloc[0]


def _label(registry, g: str) -> str:
    return registry.labels.get(g, g)


# --------------------------------------------------------------------------- Kremlin and Kyiv

def kremlin_kyiv(data_dir=None, out_dir=None, *, max_statements: int | None = None, n_boot: int = 2000,
                 seed: int = 0, model=None, groups: Sequence[str] = ("russia", "ukraine"),
                 event: str = INVASION, engine: str = "pandas", scheduler=None, n_workers: int = 2,
                 n_jobs: int = 1) -> CaseStudy:
    """Case study "Kremlin and Kyiv, October 2021 – June 2022".

    Documents: all 1,796 items of ``kremlin-kyiv-press-2021-2022`` (Kremlin →
    ``russia``, president.gov.ua → ``ukraine``; transcript turns by journalists or
    visiting leaders go to those speakers). Every statement is extracted; the
    scored ones (all, or a ``max_statements`` sample stratified by actor and month)
    are compared for ``groups``: frame and stance shares with ``n_boot`` bootstrap
    intervals, the same before and after ``event`` (24 February 2022) with the
    after − before difference, monthly timelines, and keyness (actor vs actor, and
    after vs before within each actor, on all statements). Stance is drawn among the
    statements that address each target (``stance_addressing``, ``…_window`` and
    ``…_monthly`` tables, Wilson intervals); the net tables are kept. ``engine``/``scheduler``/
    ``n_workers``/``n_jobs`` as for :func:`stancemap.score.score` (same numbers).
    """
    from . import compare, keyness as kn, plots
    from .datasets import load_dataset

    root = require_data([KREMLIN_KYIV], data_dir)
    docs, notes0 = _quiet(load_dataset, KREMLIN_KYIV, root)
    groups = list(groups)
    tables, ctx = _pipeline(docs, groups=groups, time_col="month", sample_by=("actor", "month"),
                            max_statements=max_statements, model=model, n_boot=n_boot, seed=seed, engine=engine,
                            scheduler=scheduler, n_workers=n_workers, n_jobs=n_jobs,
                            datasets=[KREMLIN_KYIV], root=root)
    registry, cb, kw, notes = ctx["registry"], ctx["codebook"], ctx["kw"], notes0 + ctx["notes"]
    statements, scored, compared = ctx["statements"], ctx["scored"], ctx["compared"]

    ev, w = _quiet(compare.event_window, compared, event)
    notes += w
    tables["frame_shares_window"], w = _quiet(compare.frame_shares, ev, split="window", **kw)
    notes += w
    tables["frame_window_differences"], w = _quiet(compare.differences, ev, by="window", pairs=[("after", "before")],
                                                   split="actor", what="frames", **kw)
    notes += w
    tables["stance_window_differences"], w = _quiet(compare.differences, ev, by="window",
                                                    pairs=[("after", "before")], split="actor", what="stance", **kw)
    notes += w
    tables["frames_monthly"], w = _quiet(compare.over_time, compared, what="frames", freq="M", **kw)
    notes += w
    tables["stance_monthly"], w = _quiet(compare.over_time, compared, what="stance", freq="M", **kw)
    notes += w
    # stance among the statements that address each target (the net shares above drown in "none")
    tables["stance_addressing"], w = _quiet(compare.stance_addressing, compared, registry=registry)
    notes += w
    sides = ev[ev["window"].isin(["before", "after"])]
    tables["stance_addressing_window"], w = _quiet(compare.stance_addressing, sides, split="window", registry=registry)
    notes += w
    tables["stance_addressing_monthly"], w = _quiet(compare.stance_addressing_over_time, compared, freq="M",
                                                    registry=registry)
    notes += w
    said = ctx["said"]
    tables["keyness_actors"] = kn.keyness(said, registry=registry, top=40)
    said_ev, w = _quiet(compare.event_window, said, event)
    for g in groups:
        part = said_ev[(said_ev["actor"] == g) & said_ev["window"].isin(["before", "after"])]
        if part["window"].nunique() == 2:
            tables[f"keyness_window_{g}"] = kn.keyness(part, by="window", reference="before", top=40)

    events = {event: INVASION_LABEL}
    src = (f"Source: en.kremlin.ru and president.gov.ua news items (CC BY 4.0), {len(docs):,} documents; "
           f"stancemap analysis of {len(scored):,} scored statements.")
    figs = {
        "frame_profile": plots.frame_profile(tables["frame_shares"], registry, labels=cb, note=src,
                                             title="Which frames the Kremlin and Kyiv use, Oct 2021 – Jun 2022"),
        "frame_profile_before_after": plots.frame_profile(
            tables["frame_shares_window"], registry, labels=cb, note=src,
            title="Frames before and after 24 February 2022"),
        "stance_heatmap": plots.stance_addressing_heatmap(
            tables["stance_addressing"], registry, labels=cb, note=src,
            title="Where the Kremlin and Kyiv stand, among the statements that take a side, Oct 2021 – Jun 2022"),
    }
    for f in TIMELINE_FRAMES:
        figs[f"timeline_{f}"] = plots.timeline(tables["frames_monthly"], registry, frame=f, events=events, labels=cb,
                                               note=src)
    for t in TIMELINE_TARGETS:
        figs[f"timeline_stance_{t}"] = plots.stance_addressing_timeline(
            tables["stance_addressing_monthly"], registry, target=t, events=events, labels=cb, note=src,
            title=f"The Kremlin and Kyiv on {_lower_first(plots.pretty(t, cb))}, month by month, among the statements "
                  "that take a side")
    figs["keyness_actors"] = plots.keyness_chart(tables["keyness_actors"], registry, title="Words that set the "
                                                 "Kremlin and Kyiv apart", note=src.replace("scored ", ""))
    for g in groups:
        if f"keyness_window_{g}" in tables:
            figs[f"keyness_window_{g}"] = plots.keyness_chart(
                tables[f"keyness_window_{g}"], None,
                title=f"{_label(registry, g)}: words used more after 24 February 2022 than before", note=src)

    study = CaseStudy("kremlin-kyiv", "Kremlin and Kyiv, October 2021 – June 2022", docs, statements, scored,
                      groups, tables, figs, notes=notes)
    study.summary = _summary(docs, statements, scored, groups)
    study.summary["event"] = event
    # before/after counts of every extracted statement of the compared groups (not just the scored ones)
    all_ev, _ = _quiet(compare.event_window, statements[statements["actor"].isin(groups)][["actor", "date"]], event)
    win = all_ev["window"].value_counts()
    study.summary["before"] = int(win.get("before", 0))
    study.summary["after"] = int(win.get("after", 0))
    study.summary["window_by_actor"] = {
        g: {w_: int(((all_ev["actor"] == g) & (all_ev["window"] == w_)).sum()) for w_ in ("before", "after")}
        for g in groups}
    study.findings = _kk_findings(study, registry, cb)
    _save(study, out_dir)
    return study


def _kk_findings(study: CaseStudy, registry, cb) -> list[str]:
    out = []
    s = study.summary
    out.append(f"{s['documents']:,} documents gave {s['statements']:,} statements; "
               f"{s['unattributed']:,} ({_pct(s['unattributed_share'])}) have no registry speaker "
               "(journalists, visiting leaders, officials not in the registry) and are left out of the comparison.")
    fs = study.tables["frame_shares"]
    for g in study.groups:
        top = _top_frame(fs, g)
        if top is not None:
            label = cb.frames[top["frame"]].label if top["frame"] in cb.frames else top["frame"]
            out.append(f"{_label(registry, g)} (n={int(top['n']):,} scored): most often “{label}”, "
                       f"{_pct(top['share'])} (95% interval {_pct(top['ci_low'])}–{_pct(top['ci_high'])}).")
    d = study.tables["frame_window_differences"]
    for g in study.groups:
        dg = d[d["actor"] == g]
        if dg.empty:
            continue
        big = dg.reindex(dg["diff"].abs().sort_values(ascending=False, kind="stable").index).iloc[0]
        sure = "the interval excludes 0" if big["ci_low"] > 0 or big["ci_high"] < 0 else "the interval includes 0"
        label = cb.frames[big["frame"]].label if big["frame"] in cb.frames else big["frame"]
        out.append(f"{_label(registry, g)}: the largest change after 24 February 2022 is in “{label}”, "
                   f"{_pct(big['share_b'])} before (n={int(big['n_b']):,}) → {_pct(big['share_a'])} after "
                   f"(n={int(big['n_a']):,}); {sure}.")
    if "stance_addressing" in study.tables:
        sa = study.tables["stance_addressing"]
        out += _addressing_findings(sa, study.groups, TIMELINE_TARGETS, registry.labels, cb,
                                    min_n=sa.attrs.get("min_n", 10))
        out += _stance_limits(study.groups, TIMELINE_TARGETS, registry.labels, cb)
    return out


# --------------------------------------------------------------------------- UN General Debate

def ungdc(data_dir=None, out_dir=None, *, max_statements: int | None = None, n_boot: int = 2000, seed: int = 0,
          model=None, actors_map=None, groups: Sequence[str] = ("us", "russia", "ukraine", "europe"),
          engine: str = "pandas", scheduler=None, n_workers: int = 2, n_jobs: int = 1) -> CaseStudy:
    """Case study "The UN General Debate 2014–2024: the US, Russia, Ukraine and Europe".

    Documents: the speeches of the countries in ``actors_map`` (default
    corpora/ungdc-actors.yaml: USA, RUS, UKR, and the EU, DEU, FRA, GBR, ITA, ESP,
    POL for Europe), one per country and year. Sentence-level: every sentence of
    a speech is a statement of its country's actor (``kind="official"``), quotes of
    others inside it go to their speakers. All sentences are scored (or a
    ``max_statements`` sample stratified by actor and year); frame and stance shares
    are computed per actor and per year with ``n_boot`` bootstrap intervals; stance is
    drawn among the sentences that address each target (``stance_addressing`` and
    ``stance_addressing_yearly``, Wilson intervals).
    """
    from . import compare, keyness as kn, plots
    from .datasets import load_dataset

    root = require_data([UNGDC], data_dir)
    docs, notes0 = _quiet(load_dataset, UNGDC, root, actors_map=actors_map)
    groups = list(groups)
    tables, ctx = _pipeline(docs, groups=groups, time_col="year", sample_by=("actor", "year"),
                            max_statements=max_statements, model=model, n_boot=n_boot, seed=seed, engine=engine,
                            scheduler=scheduler, n_workers=n_workers, n_jobs=n_jobs,
                            extra_doc_columns=("year", "country_code"),
                            datasets=[UNGDC], root=root)
    registry, cb, kw, notes = ctx["registry"], ctx["codebook"], ctx["kw"], notes0 + ctx["notes"]
    statements, scored, compared = ctx["statements"], ctx["scored"], ctx["compared"]
    compared = compared.assign(year=compared["year"].astype(str))
    tables["frame_shares_by_year"], w = _quiet(compare.frame_shares, compared, split="year", **kw)
    notes += w
    tables["stance_shares_by_year"], w = _quiet(compare.stance_shares, compared, split="year", **kw)
    notes += w
    tables["frames_yearly"], w = _quiet(compare.over_time, compared, what="frames", freq="M", **kw)
    notes += w
    tables["stance_yearly"], w = _quiet(compare.over_time, compared, what="stance", freq="M", **kw)
    notes += w
    # stance among the statements that address each target (the net shares above drown in "none")
    tables["stance_addressing"], w = _quiet(compare.stance_addressing, compared, registry=registry)
    notes += w
    tables["stance_addressing_yearly"], w = _quiet(compare.stance_addressing_over_time, compared, freq="M",
                                                   registry=registry)
    notes += w
    tables["keyness_actors"] = kn.keyness(ctx["said"], registry=registry, top=40)
    speeches = docs.groupby("doc_actor")["country_code"].agg(lambda s: ", ".join(sorted(set(s)))).rename("countries")
    tables["speeches"] = (docs.groupby(["doc_actor", "year"]).size().rename("speeches").reset_index()
                          .merge(speeches.reset_index(), on="doc_actor", how="left")
                          .rename(columns={"doc_actor": "actor"}))

    events = {INVASION: INVASION_LABEL}
    src = (f"Source: UN General Debate Corpus (CC0), {len(docs):,} speeches 2014–2024; "
           f"stancemap analysis of {len(scored):,} scored sentences.")
    figs = {
        "frame_profile": plots.frame_profile(tables["frame_shares"], registry, labels=cb, note=src,
                                             title="Which frames each actor uses at the UN General Debate, "
                                                   "2014–2024"),
        "stance_heatmap": plots.stance_addressing_heatmap(
            tables["stance_addressing"], registry, labels=cb, note=src,
            title="Where each actor stands at the UN General Debate, 2014–2024, among the sentences that take "
                  "a side"),
    }
    for f in TIMELINE_FRAMES:
        figs[f"timeline_{f}"] = plots.timeline(
            tables["frames_yearly"], registry, frame=f, events=events, labels=cb, note=src,
            title=f"UN General Debate: how often each actor uses the {plots.pretty(f, cb).lower()} frame, "
                  "year by year")
    for t in TIMELINE_TARGETS:
        fig = plots.stance_addressing_timeline(
            tables["stance_addressing_yearly"], registry, target=t, events=events, labels=cb, note=src,
            title=f"UN General Debate: stance on {_lower_first(plots.pretty(t, cb))}, year by year, among the "
                  "sentences that take a side")
        figs[f"timeline_stance_{t}"] = fig.update_xaxes(title_text="Year (the debate is held in September)",
                                                        row=2, col=1)
    figs["keyness_actors"] = plots.keyness_chart(tables["keyness_actors"], registry,
                                                 title="Words that set each actor's General Debate speeches apart",
                                                 note=src.replace("scored ", ""))
    study = CaseStudy("ungdc", "The UN General Debate 2014–2024: the US, Russia, Ukraine and Europe", docs,
                      statements, scored, groups, tables, figs, notes=notes)
    study.summary = _summary(docs, statements, scored, groups)
    study.summary["years"] = sorted(int(y) for y in docs["year"].unique())
    study.summary["statements_by_actor_year"] = {
        g: {int(y): int(n) for y, n in statements[statements["actor"] == g].groupby("year").size().items()}
        for g in groups}
    study.findings = _ungdc_findings(study, registry, cb)
    _save(study, out_dir)
    return study


def _ungdc_findings(study: CaseStudy, registry, cb) -> list[str]:
    s = study.summary
    out = [f"{s['documents']:,} speeches gave {s['statements']:,} statements, almost all whole sentences of the "
           f"speech (kind “official”); {s['unattributed']:,} ({_pct(s['unattributed_share'])}) are quotes of "
           "speakers not in the registry."]
    fs = study.tables["frame_shares"]
    for g in study.groups:
        top = _top_frame(fs, g)
        if top is not None:
            label = cb.frames[top["frame"]].label if top["frame"] in cb.frames else top["frame"]
            out.append(f"{_label(registry, g)} (n={int(top['n']):,} sentences): most often “{label}”, "
                       f"{_pct(top['share'])} (95% interval {_pct(top['ci_low'])}–{_pct(top['ci_high'])}).")
    by_year = study.tables["frame_shares_by_year"]
    sec = by_year[by_year["frame"] == "security"]
    for g in study.groups:
        d = sec[sec["group"] == g].sort_values("year", kind="stable")
        if len(d) >= 2:
            hi = d.sort_values(["share", "year"], ascending=[False, True], kind="stable").iloc[0]
            lo = d.sort_values(["share", "year"], ascending=[True, True], kind="stable").iloc[0]
            out.append(f"{_label(registry, g)}: security framing ranges from {_pct(lo['share'])} of sentences in "
                       f"{lo['year']} (n={int(lo['n']):,}) to {_pct(hi['share'])} in {hi['year']} "
                       f"(n={int(hi['n']):,}; 95% interval {_pct(hi['ci_low'])}–{_pct(hi['ci_high'])}).")
    if "stance_addressing" in study.tables:
        sa = study.tables["stance_addressing"]
        out += _addressing_findings(sa, study.groups, TIMELINE_TARGETS, registry.labels, cb,
                                    min_n=sa.attrs.get("min_n", 10), unit="sentences")
        out += _stance_limits(study.groups, TIMELINE_TARGETS, registry.labels, cb)
    return out


# --------------------------------------------------------------------------- the 2025 ceasefire talks

#: The period of the ceasefire study (inclusive ISO dates).
CEASEFIRE_PERIOD = ("2025-01-01", "2026-07-31")
#: White House page types kept: the White House speaking (statements, readouts, fact sheets,
#: remarks and briefing transcripts). Left out: ``article`` pages (posts, interviews, columns —
#: other people's words) and legal instruments (presidential actions, memoranda, proclamations…).
CEASEFIRE_PAGE_TYPES = ("statement", "readout", "fact sheet", "transcript", "prepared remarks")
#: The administration compared: the ceasefire talks are the Trump administration's (from 20 Jan 2025).
CEASEFIRE_PRESIDENT = "Donald Trump"
#: Events of the talks, date → label. All are marked on the timelines and compared before/after.
CEASEFIRE_EVENTS = {
    "2025-02-28": "Oval Office meeting",
    "2025-03-11": "Jeddah talks",
    "2025-03-18": "Trump–Putin call",
    "2025-08-15": "Alaska summit",
    "2025-11-23": "Geneva talks",
}
#: Other dated events of the period, listed in the events table (not drawn: too close to the ones above).
CEASEFIRE_OTHER_EVENTS = {
    "2025-02-12": "Trump–Putin call (first of the term)",
    "2025-03-02": "London summit of European leaders",
    "2025-08-18": "Zelenskyy and European leaders at the White House",
}
#: Days before and after each event compared (windows of events close together overlap).
CEASEFIRE_WINDOW_DAYS = 30
CEASEFIRE_TARGETS = ("full_ceasefire", "sanctions", "military_aid")
#: Sources of the documents, with their reader-facing names.
_SOURCES = {WHITEHOUSE: "White House", UK_PM: "UK Prime Minister"}
_OWN = {WHITEHOUSE: "us", UK_PM: "europe"}
REPORTED_ACTORS = ("russia", "ukraine")


@dataclass(frozen=True)
class GroupLabels:
    """The group order, colours and labels that :mod:`stancemap.plots` and :mod:`stancemap.compare`
    read from a registry, for groups that are not actors (a voice in a source)."""

    order: list
    colors: dict
    labels: dict


def reported_group(actor: str, dataset: str) -> str:
    """Group key of ``actor``'s statements reported in ``dataset``'s texts, e.g. ``russia@whitehouse``."""
    return f"{actor}@{dataset.split('-')[0]}"


def _ceasefire_labels(registry) -> GroupLabels:
    labels = {"us": "White House", "europe": "UK Prime Minister"}
    colors = {"us": registry.colors["us"], "europe": registry.colors["europe"]}
    for a in REPORTED_ACTORS:
        for ds, src in _SOURCES.items():
            key = reported_group(a, ds)
            labels[key] = f"{registry.labels.get(a, a)}, reported in {src} texts"
            if ds == WHITEHOUSE:  # the UK ones take spare colours, so the two sources differ
                colors[key] = registry.colors[a]
    labels[UNATTRIBUTED] = registry.labels.get(UNATTRIBUTED, "Unattributed")
    colors[UNATTRIBUTED] = registry.colors[UNATTRIBUTED]
    return GroupLabels(order=list(labels), colors=colors, labels=labels)


def _once(wh: pd.DataFrame, out: list, notes: list) -> pd.DataFrame:
    """White House pages without those that repeat an earlier page's text (a page posted twice, under two
    addresses: its statements would count twice), the count added to the left-out table ``out``."""
    from .datasets import dedupe_by_text

    wh, w = _quiet(dedupe_by_text, wh)
    notes += w
    if wh.attrs.get("duplicates_removed"):
        out.append((WHITEHOUSE, "same text as an earlier page (posted twice; the first kept)",
                    int(wh.attrs["duplicates_removed"])))
    return wh


def _article_voices(articles: pd.DataFrame) -> str:
    """What the White House ``article`` pages left out of the ceasefire study hold of the administration's own
    people: the statements the extractor credits to ``us`` there, most frequent speakers first ("" when none).
    They are interviews, round-ups and columns on the White House's site (Rubio on Meet the Press, Witkoff on Fox
    News Sunday, the UN speech's highlights): left out, but counted, so a reader knows what the comparison lacks."""
    from . import pipeline

    if articles.empty:
        return ""
    st, _ = _quiet(pipeline.extract, articles)
    own = st.loc[st["actor"] == "us", "speaker"].fillna("").astype(str)
    if own.empty:
        return ""
    counts = sorted(own.value_counts().items(), key=lambda kv: (-kv[1], kv[0]))
    top = ", ".join(f"{name or 'no speaker named'} {n}" for name, n in counts[:6])
    return (f"The {len(articles)} White House article pages left out (interviews, round-ups, columns) quote the "
            f"administration's people in {len(own):,} statements ({top}{', …' if len(counts) > 6 else ''}); they are "
            "not compared: the pages are others' words on the White House's site, not the White House speaking.")


def _ceasefire_documents(root, since: str, until: str):
    """The documents of both sources, the table of what was filtered out, and the loaders' notes."""
    from .datasets import UKRAINE_KEYWORDS, load_dataset

    wh, notes = _quiet(load_dataset, WHITEHOUSE, root, since=since, until=until)
    uk_all, w = _quiet(load_dataset, UK_PM, root, keywords=UKRAINE_KEYWORDS)
    notes += w
    out = []
    other_admin = wh["president"] != CEASEFIRE_PRESIDENT
    out.append((WHITEHOUSE, f"not the {CEASEFIRE_PRESIDENT} administration (before 20 Jan 2025)",
                int(other_admin.sum())))
    wh = wh[~other_admin]
    said = _article_voices(wh[wh["page_type"] == "article"])
    if said:
        notes.append(said)
    for ptype, n in wh.loc[~wh["page_type"].isin(CEASEFIRE_PAGE_TYPES), "page_type"].value_counts().sort_index().items():
        why = "others' words (posts, interviews, columns)" if ptype == "article" else "legal instrument"
        out.append((WHITEHOUSE, f"page type {ptype!r}: {why}", int(n)))
    wh = wh[wh["page_type"].isin(CEASEFIRE_PAGE_TYPES)]
    wh = _once(wh, out, notes)
    out.append((UK_PM, "mentions none of the Ukraine keywords (all sittings 2019–2026)",
                int(uk_all.attrs.get("filtered_out", 0))))
    inside = uk_all["date"].between(since, until)
    out.append((UK_PM, f"outside {since} – {until}", int((~inside).sum())))
    uk = uk_all[inside]
    filtered = pd.DataFrame(out, columns=["dataset", "reason", "documents"])
    notes.append(f"Left out {int(filtered['documents'].sum()):,} documents: "
                 + "; ".join(f"{r.dataset}: {r.reason}: {r.documents:,}" for r in filtered.itertuples()) + ".")
    docs = pd.concat([wh.assign(dataset=WHITEHOUSE), uk.assign(dataset=UK_PM)], ignore_index=True)
    docs = docs.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)
    return docs, filtered, notes


def ceasefire_2025(data_dir=None, out_dir=None, *, max_statements: int | None = None, n_boot: int = 2000,
                   seed: int = 0, model=None, since: str = CEASEFIRE_PERIOD[0], until: str = CEASEFIRE_PERIOD[1],
                   events=None, window_days: int = CEASEFIRE_WINDOW_DAYS, engine: str = "pandas",
                   scheduler=None, n_workers: int = 2, n_jobs: int = 1) -> CaseStudy:
    """Case study "The ceasefire talks, January 2025 – July 2026".

    Documents: the White House pages of ``whitehouse-2021-2026`` from ``since`` to
    ``until`` of the Trump administration, of the page types in
    :data:`CEASEFIRE_PAGE_TYPES` (the White House speaking), and the UK Prime
    Minister's Commons contributions of ``uk-pm-commons-2019-2026`` that mention
    Ukraine, Russia, Putin, Zelenskyy, Kyiv, the Kremlin, a ceasefire or NATO
    (``UKRAINE_KEYWORDS``) in the same period. What was left out is in
    ``tables["filtered_out"]``.

    Compared (``us`` = White House, ``europe`` = UK Prime Minister): each source's
    *own* statements (actor = the document's actor). Statements of Russia and
    Ukraine inside those texts — quotes and reported speech — are the groups
    ``russia@whitehouse`` … (:func:`reported_group`), shown apart and labelled
    "reported in … texts"; they are what the White House or the Prime Minister
    says Russia or Ukraine said. Frame shares and stance among the statements that
    address a target have Wilson intervals; before/after each of ``events``
    (default :data:`CEASEFIRE_EVENTS`, ``window_days`` either side) the after −
    before differences have ``n_boot`` bootstrap intervals.
    """
    from . import compare, keyness as kn, plots
    from .actors import load_actors
    from .datasets import dataset_credits

    root = require_data([WHITEHOUSE, UK_PM], data_dir)
    for label, value in (("since", since), ("until", until)):
        if not isinstance(value, str) or len(value) != 10:
            raise StancemapError(f"{label}={value!r} is not an ISO date; write it as 'YYYY-MM-DD', e.g. '2025-03-18'.")
    events = dict(CEASEFIRE_EVENTS if events is None else events)
    docs, filtered, notes0 = _ceasefire_documents(root, since, until)
    view = _ceasefire_labels(load_actors(None))
    groups = ["us", "europe"]

    def own_voice(df):
        return df[df["actor"].isin(groups) & (df["actor"] == df["doc_actor"])]

    tables, ctx = _pipeline(docs, groups=groups, time_col="month", sample_by=("actor", "month"),
                            max_statements=max_statements, model=model, n_boot=n_boot, seed=seed, engine=engine,
                            scheduler=scheduler, n_workers=n_workers, n_jobs=n_jobs,
                            extra_doc_columns=("doc_actor", "dataset", "page_type", "pmqs"), select=own_voice,
                            labels=view,
                            datasets=[WHITEHOUSE, UK_PM], root=root)
    cb, kw, notes = ctx["codebook"], ctx["kw"], notes0 + ctx["notes"]
    statements, scored, compared = ctx["statements"], ctx["scored"], ctx["compared"]
    tables["filtered_out"] = filtered
    wilson = dict(registry=view)

    # who speaks in whose texts
    voice = _voice(statements)
    statements = statements.assign(voice=voice)
    tables["voices"] = (statements.groupby(["dataset", "voice", "actor", "kind"]).size().rename("statements")
                        .reset_index())
    tables["documents_by_month"] = (docs.assign(month=docs["date"].str[:7]).groupby(["dataset", "month"]).size()
                                    .rename("documents").reset_index())
    tables["statements_by_month"] = (statements[statements["voice"] == "own"].groupby(["actor", "month"]).size()
                                     .rename("statements").reset_index())

    # the two voices side by side
    tables["stance_addressing"], w = _quiet(compare.stance_addressing, compared, **wilson)
    notes += w
    tables["frames_monthly"], w = _quiet(compare.over_time, compared, what="frames", freq="M", **kw)
    notes += w
    monthly = compared.assign(period=compared["month"] + "-01")
    addr_m, w = _quiet(compare.stance_addressing, monthly, split="period", **wilson)
    notes += w
    addr_m = addr_m.rename(columns={"measure": "stance"})
    addr_m.attrs.update(freq="M")
    tables["stance_addressing_monthly"] = addr_m

    # before/after each event
    fw, sw, fd = [], [], []
    for date, label in events.items():
        ev, w = _quiet(compare.event_window, compared, date, window_days, window_days)
        notes += [f"{label} ({date}): {m}" for m in w if "outside" not in m]
        ev = ev[ev["window"].isin(["before", "after"])]
        both = [g for g in groups if ev.loc[ev["actor"] == g, "window"].nunique() == 2]
        ev = ev[ev["actor"].isin(both)].reset_index(drop=True)
        if ev.empty:
            notes.append(f"{label} ({date}): no actor has statements on both sides of the event; not compared.")
            continue
        tag = dict(event_date=date, event=label)
        t, w = _quiet(compare.frame_shares, ev, split="window", **wilson)
        fw.append(t.assign(**tag))
        notes += w
        t, w = _quiet(compare.stance_addressing, ev, split="window", **wilson)
        sw.append(t.assign(**tag))
        notes += w
        t, w = _quiet(compare.differences, ev, by="window", pairs=[("after", "before")], split="actor",
                      what="frames", **kw)
        fd.append(t.assign(**tag))
        notes += w
    tables["frame_shares_events"] = _stack(fw)
    tables["stance_addressing_events"] = _stack(sw)
    tables["frame_event_differences"] = _stack(fd)
    tables["events"] = pd.DataFrame(
        [(d, lab, d in events) for d, lab in sorted({**CEASEFIRE_OTHER_EVENTS, **events}.items())],
        columns=["date", "event", "compared"])

    # what Russia and Ukraine are reported to say
    reported = scored[scored["actor"].isin(REPORTED_ACTORS)]
    reported = reported.assign(voice=[reported_group(a, d) for a, d in zip(reported["actor"], reported["dataset"])])
    reported = reported.reset_index(drop=True)
    cols = ["statement_id", "doc_id", "date", "dataset", "voice", "actor", "speaker", "kind", "cue", "source_url"]
    tables["reported_statements"] = reported[cols]  # no text: the texts stay in the data directory
    if len(reported):
        tables["reported_frame_shares"], w = _quiet(compare.frame_shares, reported, by="voice", **wilson)
        notes += w
        tables["reported_stance_addressing"], w = _quiet(compare.stance_addressing, reported, by="voice", **wilson)
        notes += w
    tables["keyness_actors"] = kn.keyness(ctx["said"], registry=view, top=40)

    credits = dataset_credits(docs)
    n_doc = docs["dataset"].value_counts()
    src = (f"Sources: {n_doc.get(WHITEHOUSE, 0):,} White House pages and {n_doc.get(UK_PM, 0):,} contributions of the "
           f"UK Prime Minister in the House of Commons, {since} – {until}. {' '.join(credits)} "
           f"stancemap analysis of {len(compared):,} statements in each source's own words")
    sampled = " (a deterministic sample)" if len(scored) < len(statements) else ""
    src += f"{sampled}."
    figs = {
        "frame_profile": plots.frame_profile(tables["frame_shares"], view, labels=cb, note=src,
                                             title="Which frames the White House and the UK Prime Minister use, "
                                                   "Jan 2025 – Jul 2026"),
        "stance_addressing": plots.stance_addressing_heatmap(
            tables["stance_addressing"], view, labels=cb, note=src,
            title="Where the White House and the UK Prime Minister stand, among statements that take a side"),
    }
    drawn = {d: f"{lab}, {_day(d)}" for d, lab in events.items()}
    for f in TIMELINE_FRAMES:
        figs[f"timeline_{f}"] = _stagger(plots.timeline(
            tables["frames_monthly"], view, frame=f, events=drawn, labels=cb, note=src,
            title=f"How often the White House and the UK Prime Minister use the {plots.pretty(f, cb).lower()} "
                  "frame, month by month"), drawn)
    for t in CEASEFIRE_TARGETS:
        if t not in set(addr_m["target"]):
            continue
        fig = plots.timeline(addr_m, view, target=t, stance="favor", events=drawn, labels=cb, note=src,
                             title=f"In favour of {plots.pretty(t, cb).lower()}, among the statements that take "
                                   "a side, month by month")
        fig.update_yaxes(title_text=f"In favour, of those taking a side on {plots.pretty(t, cb).lower()}")
        figs[f"timeline_stance_{t}"] = _stagger(fig, drawn)
    fsw = tables["frame_shares_events"]
    for date, label in events.items():
        part = fsw[fsw["event_date"] == date] if len(fsw) else fsw
        if len(part):
            part = part.drop(columns=["event_date", "event"]).reset_index(drop=True).__finalize__(fsw)
            part.attrs.update(split="window")
            figs[f"before_after_{date}"] = plots.frame_profile(
                part, view, labels=cb, note=src,
                title=f"Frames {window_days} days before and after the {label} ({_day(date)})")
    if "reported_frame_shares" in tables:
        figs["reported_frame_profile"] = plots.frame_profile(
            tables["reported_frame_shares"], view, labels=cb,
            note=src.split(" stancemap analysis")[0] + f" stancemap analysis of {len(reported):,} statements of "
            "Russia and Ukraine as quoted or reported in these texts: what the White House or the Prime Minister "
            "says they said, not their own words.",
            title="What Russia and Ukraine are reported to say in White House and UK Prime Minister texts")
    figs["keyness_actors"] = plots.keyness_chart(tables["keyness_actors"], view, note=src,
                                                 title="Words that set the White House and the UK Prime Minister "
                                                       "apart")

    study = CaseStudy("ceasefire-2025", "The ceasefire talks, January 2025 – July 2026", docs, statements, scored,
                      groups, tables, figs, notes=list(dict.fromkeys(notes)))
    s = _summary(docs, statements, scored, groups)
    s["documents_by_dataset"] = {d: int(n_doc.get(d, 0)) for d in (WHITEHOUSE, UK_PM)}
    s["filtered_out"] = {f"{r.dataset}: {r.reason}": int(r.documents) for r in filtered.itertuples()}
    s["own_by_actor"] = {g: int(((statements["voice"] == "own") & (statements["actor"] == g)).sum()) for g in groups}
    s["reported_by_group"] = {reported_group(a, d): int(((statements["actor"] == a) & (statements["dataset"] == d))
                                                         .sum()) for a in REPORTED_ACTORS for d in _SOURCES}
    s["reported"] = int(statements["actor"].isin(REPORTED_ACTORS).sum())
    s["reported_share"] = s["reported"] / len(statements) if len(statements) else 0.0
    s["not_own_share_by_dataset"] = {d: float((statements.loc[statements["dataset"] == d, "voice"] != "own").mean())
                                     for d in _SOURCES if (statements["dataset"] == d).any()}
    s["pmqs"] = int(docs["pmqs"].eq(True).sum())
    s["page_types"] = {k: int(v) for k, v in docs["page_type"].dropna().value_counts().sort_index().items()}
    s["credits"] = credits
    s["events"] = events
    s["window_days"] = window_days
    s["test_in_period"] = _test_in_period(ctx["model"], cb, root, {WHITEHOUSE: "us", UK_PM: "europe"}, since, until)
    study.summary = s
    study.findings = _ceasefire_findings(study, view, cb)
    _save(study, out_dir)
    return study


def _voice(statements: pd.DataFrame) -> pd.Series:
    """``own`` (the document's actor speaking), ``reported`` (Russia or Ukraine quoted or reported),
    ``unattributed``, or ``other`` (another registry actor quoted)."""
    own = statements["actor"] == statements["doc_actor"]
    return pd.Series(
        [("own" if o else "reported" if a in REPORTED_ACTORS else UNATTRIBUTED if a == UNATTRIBUTED else "other")
         for o, a in zip(own, statements["actor"])], index=statements.index, dtype=object)


def _stack(parts: list[pd.DataFrame]) -> pd.DataFrame:
    if not parts:
        return pd.DataFrame()
    out = pd.concat(parts, ignore_index=True)
    lead = ["event_date", "event"]
    out = out[lead + [c for c in out.columns if c not in lead]]
    out.attrs.update({k: v for k, v in parts[0].attrs.items() if k != "split"}, split="window")
    return out


def _day(date: str) -> str:
    return pd.Timestamp(date).strftime("%-d %b %Y")


def _stagger(fig, events: dict):
    """Event labels at three heights, so labels of events days apart do not overlap."""
    texts = list(events.values())
    for ann in fig.layout.annotations:
        if ann.text in texts:
            ann.yshift = -22 * (texts.index(ann.text) % 3)
    return fig


def _ceasefire_findings(study: CaseStudy, view, cb) -> list[str]:
    s = study.summary
    lab = view.labels
    filt = "; ".join(f"{k}: {v:,}" for k, v in s["filtered_out"].items())
    out = [f"{s['documents_by_dataset'][WHITEHOUSE]:,} White House pages and "
           f"{s['documents_by_dataset'][UK_PM]:,} Commons contributions of the UK Prime Minister gave "
           f"{s['statements']:,} statements: {s['own_by_actor']['us']:,} in the White House's own words, "
           f"{s['own_by_actor']['europe']:,} in the Prime Minister's; {s['unattributed']:,} "
           f"({_pct(s['unattributed_share'])}) have no registry speaker and are left out. Left out before "
           f"extraction: {filt}."]
    per = study.tables["statements_by_month"]
    for g in study.groups:
        pg = per[per["actor"] == g]
        if len(pg):
            busy = pg.sort_values(["statements", "month"], ascending=[False, True], kind="stable").head(2)
            out.append(f"{lab[g]}: {_pct(busy['statements'].sum() / pg['statements'].sum())} of its own statements "
                       f"fall in {' and '.join(busy['month'].sort_values())} (long transcripts and debates weigh "
                       f"more than short statements); {len(pg)} of the period's months have any.")
    fs = study.tables["frame_shares"]
    for g in study.groups:
        top = _top_frame(fs, g)
        if top is not None:
            out.append(f"{lab[g]} (n={int(top['n']):,}): most often “{_frame_label(cb, top['frame'])}”, "
                       f"{_pct(top['share'])} (95% Wilson interval {_pct(top['ci_low'])}–{_pct(top['ci_high'])}).")
    sa = study.tables["stance_addressing"]
    for t in CEASEFIRE_TARGETS:
        parts = []
        for g in study.groups:
            a = sa[(sa["group"] == g) & (sa["target"] == t)]
            side, fav = a[a["measure"] == "addresses"], a[a["measure"] == "favor"]
            if len(side) and len(fav) and int(fav["n"].iloc[0]) > 0:
                side, fav = side.iloc[0], fav.iloc[0]
                parts.append(f"{lab[g]}: {int(fav['n']):,} of {int(side['n']):,} statements "
                             f"({_pct1(side['share'])}) take a side, {_pct(fav['share'])} of them in favour "
                             f"(95% Wilson interval {_pct(fav['ci_low'])}–{_pct(fav['ci_high'])})")
        if parts:
            out.append(f"Stance — {cb.targets[t].label if t in cb.targets else t}: " + "; ".join(parts)
                       + ".")
    d = study.tables["frame_event_differences"]
    for date, label in s["events"].items():
        for g in study.groups:
            dg = d[(d["event_date"] == date) & (d["actor"] == g)] if len(d) else d
            if dg.empty:
                continue
            big = dg.reindex(dg["diff"].abs().sort_values(ascending=False, kind="stable").index).iloc[0]
            sure = "the interval excludes 0" if big["ci_low"] > 0 or big["ci_high"] < 0 else "the interval includes 0"
            out.append(f"{label} ({_day(date)}), {lab[g]}: largest change in “{_frame_label(cb, big['frame'])}”, "
                       f"{_pct(big['share_b'])} in the {s['window_days']} days before (n={int(big['n_b']):,}) → "
                       f"{_pct(big['share_a'])} after (n={int(big['n_a']):,}); {sure} (bootstrap).")
    rep = ", ".join(f"{lab[k]}: {v:,}" for k, v in s["reported_by_group"].items())
    out.append(f"Reported, not their own words: {s['reported']:,} statements of Russia and Ukraine are quoted or "
               f"reported in these texts ({rep}), {_pct1(s['reported_share'])} of all statements — too few for "
               "shares with useful intervals; they are listed, labelled as reported, and kept out of the comparison.")
    tested = []
    for d, v in (s.get("test_in_period") or {}).items():
        st = v["stance"]
        f_avg = "—" if np.isnan(st[0]) else f"{st[0]:.2f} (95% bootstrap interval {st[1]:.2f}–{st[2]:.2f})"
        tested.append(f"{lab[v['group']]}: {v['n']:,} sentences of {v['documents']:,} documents, {v['sided']:,} "
                      f"labels with a side, stance F_avg {f_avg}, frames micro-F1 {v['frames'][0]:.2f}")
    if tested:
        out.append("How well the classifiers read these very sources in this period: on the real test sentences of "
                   "corpora/real-labels dated in it (never trained on), " + "; ".join(tested) + ". Compare the "
                   "card's figures over the whole test part (models/default/MODEL_CARD.md): where this F_avg is low, "
                   "read the statements behind a stance share (`stancemap search`) before quoting it.")
    out.append("Limits: the frame and stance classifiers learned from constructed examples and "
               f"{_real_training_note()}; their scores on the real test part, per actor group, are in "
               "models/default/MODEL_CARD.md. Compare the two sources with "
               "the same instrument and read the intervals, not the shares as exact proportions. Event windows of "
               "events days apart overlap, and each finding above names only the largest change. Briefing "
               "transcripts give reporters' questions (`Q`) as questions, unattributed: they count in neither "
               "voice.")
    out.append("Credits: " + " ".join(s["credits"]))
    return out


def _test_in_period(model, cb, root, sources: dict[str, str], since: str, until: str) -> dict:
    """Per source dataset (→ the group whose own statements it holds): the model's figures on the real-labels test
    sentences of that group dated ``since``–``until`` (:func:`stancemap.modelcard.real_test_scores`: stance F_avg
    and frames micro-F1 with document-bootstrap intervals), with their number of sentences, documents and
    labels with a side; {} when the labels cannot be read from ``root``."""
    from .datasets.labelrefs import load_real_eval
    from .modelcard import real_test_scores

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            te = load_real_eval(root)
    except (StancemapError, OSError):
        return {}
    day = te["date"].astype(str).str[:10]
    out = {}
    for d, g in sources.items():
        part = te[(te["split"] == "test") & (te["dataset"] == d) & (te["actor"] == g) & day.between(since, until)]
        if part.empty:
            continue
        try:
            r = real_test_scores(model, cb, part.reset_index(drop=True))
        except (AttributeError, KeyError, TypeError, ValueError):
            return {}              # a model that does not predict the codebook's columns: no figures
        sided = int(sum((part[f"stance_{t}"] != "none").sum() for t in model.targets))
        out[d] = {"group": g, "n": int(r["n"]), "documents": int(r["documents"]), "sided": sided,
                  "stance": [float(x) for x in r["stance"]], "frames": [float(x) for x in r["frames"]]}
    return out


def _pct1(x: float) -> str:
    """A percentage with one decimal below 10% (0.2%, not 0%)."""
    return f"{100 * x:.1f}%" if x < 0.1 else _pct(x)


def _frame_label(cb, frame: str) -> str:
    return cb.frames[frame].label if frame in cb.frames else frame


# --------------------------------------------------------------------------- shared: stance among addressing

def _addressing_findings(sa: pd.DataFrame, groups, targets, lab, cb, *, min_n: int = 10,
                         unit: str = "statements") -> list[str]:
    """One sentence per target: per group, how many statements take a side and the share in
    favour among them with its Wilson interval (groups where none takes a side are named)."""
    out = []
    for t in targets:
        parts, none = [], []
        for g in groups:
            a = sa[(sa["group"] == g) & (sa["target"] == t)]
            side, fav = a[a["measure"] == "addresses"], a[a["measure"] == "favor"]
            if side.empty:
                continue
            side = side.iloc[0]
            if fav.empty or int(fav["n"].iloc[0]) == 0:
                none.append(lab.get(g, g))
                continue
            fav = fav.iloc[0]
            few = f" (fewer than {min_n}: read with caution)" if int(fav["n"]) < min_n else ""
            parts.append(f"{lab.get(g, g)}: {int(fav['n']):,} of {int(side['n']):,} {unit} "
                         f"({_pct1(side['share'])}) take a side{few}, {_pct(fav['share'])} of them in favour "
                         f"(95% Wilson interval {_pct(fav['ci_low'])}–{_pct(fav['ci_high'])})")
        if none:
            parts.append(f"no {unit[:-1]} takes a side: {', '.join(none)}")
        if parts:
            out.append(f"Stance — {cb.targets[t].label if t in cb.targets else t}: " + "; ".join(parts) + ".")
    return out


def _real_training_note(root: Path = ROOT) -> str:
    """Which real sentences the default model learned from (``model.json`` metadata), as text:
    "2,699 real sentences (corpora/real-labels, train and dev parts)"."""
    import json

    from .training import part_phrase

    try:
        meta = json.loads((root / "models" / "default" / "model.json").read_text(encoding="utf-8"))["metadata"]
        n = f"{int(meta['origin_counts']['real']):,}"
        part = str((meta.get("sources") or {}).get("real_part") or "train")
    except (OSError, KeyError, TypeError, ValueError):
        n, part = "the", "train"
    return f"{n} real sentences (corpora/real-labels, {part_phrase(part)})"


def _real_text_scores(root: Path = ROOT) -> dict[str, float]:
    """Macro-F1 per task of the default model's real-text evaluation (``models/default/MODEL_CARD.md``,
    section "Real-text evaluation"), or {} when the card is not there."""
    out = {}
    for c in _card_rows(_card_section(root), "task"):   # the first table headed "task": per task
        try:
            out[c[0]] = float(c[2])
        except (IndexError, ValueError):
            continue
    return out


def _card_section(root: Path = ROOT) -> str:
    """The "Real-text evaluation" section of ``models/default/MODEL_CARD.md`` ("" when absent)."""
    card = root / "models" / "default" / "MODEL_CARD.md"
    text = card.read_text(encoding="utf-8") if card.is_file() else ""
    return text.split("## Real-text evaluation", 1)[1].split("\n## ", 1)[0] if "## Real-text evaluation" in text else ""


def _card_rows(section: str, header: str) -> list[list[str]]:
    """The cells of the rows of the card's table whose first header cell is ``header``."""
    rows, inside = [], False
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.strip().startswith("|"):
            if inside:
                break
            continue
        if cells[0] == header:
            inside = True
        elif inside and not set(cells[0]) <= set("-: "):
            rows.append(cells)
    return rows


def _stance_test_scores(root: Path = ROOT) -> tuple[dict[str, tuple[float, int]], dict[str, float]]:
    """The default model's stance F_avg on the real test part per actor group (with its number of coded
    stances) and per target, read from the model card; ({}, {}) when it is not there."""
    section = _card_section(root)
    actors, targets = {}, {}
    for c in _card_rows(section, "actor"):
        try:
            actors[c[0]] = (float(c[4].split()[0]), int(c[3].replace(",", "")))
        except (IndexError, ValueError):
            continue
    for c in _card_rows(section, "target"):
        try:
            targets[c[0]] = float(c[1].split()[0])
        except (IndexError, ValueError):
            continue
    return actors, targets


def _stance_limits(groups, targets, lab, cb, root: Path = ROOT) -> list[str]:
    """A sentence on how far the stance shares can be trusted: the model card's test-part stance F_avg for
    each compared group and target ([] when the card does not give them)."""
    actors, per_target = _stance_test_scores(root)
    by_group = [f"{lab.get(g, g)} {actors[g][0]:.2f} ({actors[g][1]:,} coded stances)" for g in groups if g in actors]
    by_target = [f"{cb.targets[t].label if t in cb.targets else t} {per_target[t]:.2f}"
                 for t in targets if t in per_target]
    if not by_group and not by_target:
        return []
    parts = []
    if by_group:
        parts.append("by the side a sentence is attributed to, " + _and(by_group))
    if by_target:
        parts.append("per target, " + _and(by_target))
    return ["Limits of the stance shares: on the real test part (models/default/MODEL_CARD.md) the stance "
            f"classifier's F_avg (1 = every favour and against right) is, {'; '.join(parts)}. A share among the "
            "statements that take a side is only as good as that: read the statements behind a cell "
            "(`stancemap search`) before quoting it."]


def _and(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --------------------------------------------------------------------------- Spring 2022 from four capitals

#: Dates of the spring 2022 study (inclusive): the span of the Kremlin and president.gov.ua feeds of
#: ``kremlin-kyiv-press-2021-2022``, applied to all four capitals so each is read over the same days.
SPRING_PERIOD = ("2021-10-24", "2022-06-24")
#: The four capitals, as registry actor groups, in display order.
SPRING_GROUPS = ("us", "europe", "russia", "ukraine")
SPRING_LABELS = {"us": "Washington (White House)", "europe": "London (UK Prime Minister)",
                 "russia": "Moscow (Kremlin)", "ukraine": "Kyiv (President of Ukraine)"}
#: Stance targets read in the spring 2022 study (the ceasefire proposals of 2025 are not yet on the table).
SPRING_TARGETS = ("sanctions", "military_aid", "territorial_concessions")
ZELENSKY_2022 = "zelensky-speeches-2022"
ZELENSKY_2023 = "zelensky-speeches-2022-2023"
SPRING_DATASETS = (WHITEHOUSE, UK_PM, KREMLIN_KYIV, ZELENSKY_2022, ZELENSKY_2023)
#: White House page types where the White House speaks (as in the ceasefire study).
SPEAKING_PAGE_TYPES = CEASEFIRE_PAGE_TYPES


def _spring_labels(registry) -> GroupLabels:
    labels = dict(SPRING_LABELS)
    colors = {g: registry.colors[g] for g in SPRING_GROUPS}
    labels[UNATTRIBUTED] = registry.labels.get(UNATTRIBUTED, "Unattributed")
    colors[UNATTRIBUTED] = registry.colors[UNATTRIBUTED]
    return GroupLabels(order=list(labels), colors=colors, labels=labels)


def _spring_documents(root, since: str, until: str):
    """The four capitals' documents, the table of what was left out (and why), and the loaders' notes."""
    from .datasets import (UKRAINE_KEYWORDS, dedupe_by_date_title, dedupe_by_url, load_dataset, load_kremlin_kyiv,
                           load_zelensky_speeches)

    out, notes = [], []

    def keep(df, mask, dataset, reason):
        n = int((~mask).sum())
        if n:
            out.append((dataset, reason, n))
        return df[mask.to_numpy()]

    def period(df, dataset):
        return keep(df, df["date"].astype(str).between(since, until), dataset, f"outside {since} – {until}")

    # Washington: the White House's own words
    wh, w = _quiet(load_dataset, WHITEHOUSE, root, since=since, until=until)
    notes += w
    for ptype, n in wh.loc[~wh["page_type"].isin(SPEAKING_PAGE_TYPES), "page_type"].value_counts().sort_index().items():
        why = "others' words (posts, interviews, columns)" if ptype == "article" else "legal instrument or letter"
        out.append((WHITEHOUSE, f"page type {ptype!r}: {why}", int(n)))
    wh = wh[wh["page_type"].isin(SPEAKING_PAGE_TYPES)]
    wh = _once(wh, out, notes)
    # London: the Prime Minister in the Commons, on the war
    uk, w = _quiet(load_dataset, UK_PM, root, keywords=UKRAINE_KEYWORDS)
    notes += w
    out.append((UK_PM, "mentions none of the Ukraine keywords (all sittings 2019–2026)",
                int(uk.attrs.get("filtered_out", 0))))
    uk = period(uk, UK_PM)
    # Moscow: the Kremlin's news items
    kremlin, w = _quiet(load_kremlin_kyiv, root, sources=("kremlin",))
    notes += w
    kremlin = period(kremlin, KREMLIN_KYIV)
    # Kyiv: president.gov.ua news items and Zelenskyy's addresses, each item once
    speeches, w = _quiet(load_zelensky_speeches, root)
    notes += w
    press, w = _quiet(load_kremlin_kyiv, root, sources=("kyiv",))
    notes += w
    kyiv = pd.concat([speeches.assign(dataset=ZELENSKY_2022), press.assign(dataset=KREMLIN_KYIV)], ignore_index=True)
    kyiv, w = _quiet(dedupe_by_url, kyiv)
    notes += w
    if kyiv.attrs.get("duplicates_removed"):
        out.append((KREMLIN_KYIV, f"president.gov.ua item also in {ZELENSKY_2022} (same URL; the address is kept)",
                    int(kyiv.attrs["duplicates_removed"])))
    later, w = _quiet(load_dataset, ZELENSKY_2023, root, dedupe=False)
    notes += w
    later, w = _quiet(dedupe_by_date_title, later, kyiv, f"{ZELENSKY_2022} or {KREMLIN_KYIV}")
    notes += w
    if later.attrs.get("duplicates_removed"):
        out.append((ZELENSKY_2023, f"address already in {ZELENSKY_2022} or {KREMLIN_KYIV} (same date and title)",
                    int(later.attrs["duplicates_removed"])))
    kyiv = pd.concat([kyiv, later.assign(dataset=ZELENSKY_2023)], ignore_index=True)
    kyiv = period(kyiv, "president.gov.ua (" + ", ".join((KREMLIN_KYIV, ZELENSKY_2022, ZELENSKY_2023)) + ")")

    filtered = pd.DataFrame(out, columns=["dataset", "reason", "documents"])
    notes.append(f"Left out {int(filtered['documents'].sum()):,} documents: "
                 + "; ".join(f"{r.dataset}: {r.reason}: {r.documents:,}" for r in filtered.itertuples()) + ".")
    docs = pd.concat([wh.assign(dataset=WHITEHOUSE), uk.assign(dataset=UK_PM), kremlin.assign(dataset=KREMLIN_KYIV),
                      kyiv], ignore_index=True)
    docs = docs.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)
    return docs, filtered, notes


def _spring_voice(statements: pd.DataFrame) -> pd.Series:
    """``own`` (the document's capital speaking), ``question`` (a reporter's question),
    ``unattributed`` (a speaker not in the registry) or ``other`` (another registry actor,
    quoted or speaking in a transcript: e.g. a visiting leader at a press conference)."""
    own = (statements["actor"] == statements["doc_actor"]).to_numpy()
    out = np.where(own, "own", np.where(statements["kind"].to_numpy() == "question", "question",
                                        np.where(statements["actor"].to_numpy() == UNATTRIBUTED, UNATTRIBUTED,
                                                 "other")))
    return pd.Series(out, index=statements.index, dtype=object)


def spring_2022(data_dir=None, out_dir=None, *, max_statements: int | None = None, n_boot: int = 2000,
                seed: int = 0, model=None, since: str = SPRING_PERIOD[0], until: str = SPRING_PERIOD[1],
                event: str = INVASION, targets: Sequence[str] = SPRING_TARGETS, topic_filter=None,
                engine: str = "pandas", scheduler=None, n_workers: int = 2, n_jobs: int = 1) -> CaseStudy:
    """Case study "Spring 2022 from four capitals": Washington, London, Moscow and Kyiv in their
    own official texts, 24 October 2021 – 24 June 2022.

    Documents (what was left out, and why, is in ``tables["filtered_out"]``):
    Washington — the White House pages of ``whitehouse-2021-2026`` of the types where
    the White House speaks (:data:`SPEAKING_PAGE_TYPES`; not ``articles/`` pages,
    which mostly quote others, nor legal instruments); London — the UK Prime
    Minister's Commons contributions of ``uk-pm-commons-2019-2026`` that mention the
    war (``UKRAINE_KEYWORDS``); Moscow — the Kremlin items of
    ``kremlin-kyiv-press-2021-2022``; Kyiv — its president.gov.ua items and
    Zelenskyy's addresses (``zelensky-speeches-2022``, and ``zelensky-speeches-2022-2023``
    for any address neither holds), each item once. All from ``since`` to ``until``.

    Compared: each capital's *own* statements (actor = the document's actor): the
    page's own sentences and the turns of its people. Reporters' questions, speakers
    outside the registry and other actors' turns or quotes (a visiting leader at the
    Kremlin, Zelenskyy quoted by the White House) are counted in ``tables["voices"]``
    and left out. Frame shares and stance among the statements that address each of
    ``targets`` have Wilson intervals, over the whole period, before and after
    ``event`` (24 February 2022; the after − before frame differences have ``n_boot``
    bootstrap intervals) and month by month; keyness sets each capital against the
    other three and, within each, after against before.

    ``topic_filter``: a place for a topic filter (e.g. the codebook's war topic, when it
    lands): a callable taking the scored own statements and returning a boolean Series
    (True = keep); the statements it drops are counted in the notes and summary.
    """
    from . import compare, keyness as kn, plots
    from .actors import load_actors
    from .datasets import dataset_credits

    root = require_data(SPRING_DATASETS, data_dir)
    for label, value in (("since", since), ("until", until)):
        if not isinstance(value, str) or len(value) != 10:
            raise StancemapError(f"{label}={value!r} is not an ISO date; write it as 'YYYY-MM-DD', e.g. '2022-02-24'.")
    if topic_filter is not None and not callable(topic_filter):
        raise StancemapError(f"topic_filter={topic_filter!r} is not a function; pass a callable that takes the "
                             "scored statements and returns True for those to keep, or None (keep all).")
    docs, filtered, notes0 = _spring_documents(root, since, until)
    view = _spring_labels(load_actors(None))
    groups = list(SPRING_GROUPS)
    dropped_by_topic = {"n": 0}

    def own_voice(df):
        own = df[df["actor"].isin(groups) & (df["actor"] == df["doc_actor"])]
        if topic_filter is not None and "frames" in own.columns:  # scored rows only; keyness reads text alone
            mask = pd.Series(topic_filter(own), index=own.index).astype(bool)
            dropped_by_topic["n"] = int((~mask).sum())
            own = own[mask]
        return own

    tables, ctx = _pipeline(docs, groups=groups, time_col="month", sample_by=("actor", "month"),
                            max_statements=max_statements, model=model, n_boot=n_boot, seed=seed, engine=engine,
                            scheduler=scheduler, n_workers=n_workers, n_jobs=n_jobs,
                            extra_doc_columns=("doc_actor", "dataset", "page_type", "pmqs"), select=own_voice,
                            labels=view,
                            datasets=SPRING_DATASETS, root=root)
    cb, kw, notes = ctx["codebook"], ctx["kw"], notes0 + ctx["notes"]
    statements, scored, compared = ctx["statements"], ctx["scored"], ctx["compared"]
    if dropped_by_topic["n"]:
        notes.append(f"topic_filter left out {dropped_by_topic['n']:,} of the capitals' own scored statements.")
    targets = [t for t in targets if f"stance_{t}" in scored.columns]
    wilson = dict(registry=view)
    tables["filtered_out"] = filtered

    # who speaks in whose texts
    statements = statements.assign(voice=_spring_voice(statements))
    tables["voices"] = (statements.groupby(["dataset", "doc_actor", "voice", "actor", "kind"]).size()
                        .rename("statements").reset_index())
    tables["documents_by_month"] = (docs.assign(month=docs["date"].str[:7]).groupby(["doc_actor", "dataset", "month"])
                                    .size().rename("documents").reset_index())
    tables["statements_by_month"] = (statements[statements["voice"] == "own"].groupby(["actor", "month"]).size()
                                     .rename("statements").reset_index())

    # the four capitals side by side
    tables["stance_addressing"], w = _quiet(compare.stance_addressing, compared, targets=targets, **wilson)
    notes += w
    tables["frames_monthly"], w = _quiet(compare.over_time, compared, what="frames", freq="M", **kw)
    notes += w
    tables["stance_addressing_monthly"], w = _quiet(compare.stance_addressing_over_time, compared, freq="M",
                                                    targets=targets, **wilson)
    notes += w

    # before and after 24 February 2022
    ev, w = _quiet(compare.event_window, compared, event)
    notes += w
    ev = ev[ev["window"].isin(["before", "after"])].reset_index(drop=True)
    tables["frame_shares_window"], w = _quiet(compare.frame_shares, ev, split="window", **wilson)
    notes += w
    tables["stance_addressing_window"], w = _quiet(compare.stance_addressing, ev, split="window", targets=targets,
                                                   **wilson)
    notes += w
    both = [g for g in groups if ev.loc[ev["actor"] == g, "window"].nunique() == 2]
    tables["frame_window_differences"], w = _quiet(compare.differences, ev[ev["actor"].isin(both)], by="window",
                                                   pairs=[("after", "before")], split="actor", what="frames", **kw)
    notes += w

    # words that set each capital apart, and each capital's after from its before
    said = ctx["said"]
    tables["keyness_actors"] = kn.keyness(said, registry=view, top=40)
    said_ev, _ = _quiet(compare.event_window, said, event)
    for g in groups:
        part = said_ev[(said_ev["actor"] == g) & said_ev["window"].isin(["before", "after"])]
        if part["window"].nunique() == 2:
            tables[f"keyness_window_{g}"] = kn.keyness(part, by="window", reference="before", top=40)

    credits = _distinct_credits(dataset_credits(docs))
    n_cap = docs["doc_actor"].value_counts()
    src = (f"Sources: {n_cap.get('us', 0):,} White House pages, {n_cap.get('europe', 0):,} Commons contributions of "
           f"the UK Prime Minister, {n_cap.get('russia', 0):,} Kremlin items and {n_cap.get('ukraine', 0):,} "
           f"president.gov.ua items and addresses, {_day(since)} – {_day(until)}. {' '.join(credits)} "
           f"stancemap analysis of {len(compared):,} statements in each capital's own words")
    src += " (a deterministic sample)." if len(scored) < len(statements) else "."
    drawn = {event: f"{INVASION_LABEL}" if event == INVASION else _day(event)}
    figs = {
        "frame_profile": plots.frame_profile(tables["frame_shares"], view, labels=cb, note=src,
                                             title="Which frames the four capitals use, Oct 2021 – Jun 2022"),
        "frame_profile_before_after": plots.frame_profile(tables["frame_shares_window"], view, labels=cb, note=src,
                                                          title="Frames before and after 24 February 2022"),
        "stance_addressing": plots.stance_addressing_heatmap(
            tables["stance_addressing"], view, labels=cb, note=src,
            title="Where the four capitals stand, among the statements that take a side"),
    }
    saw = tables["stance_addressing_window"]
    for win in ("before", "after"):
        part = saw[saw["window"] == win].drop(columns=["window"]).reset_index(drop=True).__finalize__(saw)
        part.attrs.update(split=None)
        if len(part):
            figs[f"stance_addressing_{win}"] = plots.stance_addressing_heatmap(
                part, view, labels=cb, note=src,
                title=f"Where the four capitals stand {win} 24 February 2022, among the statements that take a side")
    for f in TIMELINE_FRAMES:
        figs[f"timeline_{f}"] = plots.timeline(
            tables["frames_monthly"], view, frame=f, events=drawn, labels=cb, note=src,
            title=f"How often each capital uses the {plots.pretty(f, cb).lower()} frame, month by month")
    for t in targets:
        figs[f"timeline_stance_{t}"] = plots.stance_addressing_timeline(
            tables["stance_addressing_monthly"], view, target=t, events=drawn, labels=cb, note=src,
            title=f"Stance on {_lower_first(plots.pretty(t, cb))}, month by month, among the statements that "
                  "take a side")
    figs["keyness_actors"] = plots.keyness_chart(tables["keyness_actors"], view, note=src,
                                                 title="Words that set each capital apart from the other three")
    for g in groups:
        if f"keyness_window_{g}" in tables:
            figs[f"keyness_window_{g}"] = plots.keyness_chart(
                tables[f"keyness_window_{g}"], None, note=src,
                title=f"{SPRING_LABELS[g]}: words used more after 24 February 2022 than before")

    study = CaseStudy("spring-2022", "Spring 2022 from four capitals", docs, statements, scored, groups, tables, figs,
                      notes=list(dict.fromkeys(notes)))
    s = _summary(docs, statements, scored, groups)
    s["period"] = (since, until)
    s["event"] = event
    s["targets"] = list(targets)
    s["documents_by_capital"] = {g: int(n_cap.get(g, 0)) for g in groups}
    s["documents_by_dataset"] = {k: int(v) for k, v in docs["dataset"].value_counts().sort_index().items()}
    s["filtered_out"] = {f"{r.dataset}: {r.reason}": int(r.documents) for r in filtered.itertuples()}
    vc = statements["voice"].value_counts()
    s["voices"] = {v: int(vc.get(v, 0)) for v in ("own", "question", UNATTRIBUTED, "other")}
    s["own_by_actor"] = {g: int(((statements["voice"] == "own") & (statements["actor"] == g)).sum()) for g in groups}
    s["compared_by_actor"] = {g: int((compared["actor"] == g).sum()) for g in groups}
    s["question_share"] = float((statements["voice"] == "question").mean()) if len(statements) else 0.0
    s["not_own_share_by_capital"] = {
        g: float((statements.loc[statements["doc_actor"] == g, "voice"] != "own").mean())
        for g in groups if (statements["doc_actor"] == g).any()}
    all_ev, _ = _quiet(compare.event_window, statements[statements["voice"] == "own"][["actor", "date"]], event)
    s["window_by_actor"] = {g: {w_: int(((all_ev["actor"] == g) & (all_ev["window"] == w_)).sum())
                                for w_ in ("before", "after")} for g in groups}
    # who speaks for each capital, before and after: Kyiv's addresses are mostly from 24 February on
    own_ev = all_ev.assign(speaker=statements.loc[all_ev.index, "speaker"],
                           dataset=statements.loc[all_ev.index, "dataset"])
    for key, col, top in (("speakers_by_window", "speaker", 3), ("datasets_by_window", "dataset", None)):
        s[key] = {g: {w_: {k: int(v) for k, v in own_ev.loc[(own_ev["actor"] == g) & (own_ev["window"] == w_), col]
                           .value_counts().head(top).items()} for w_ in ("before", "after")} for g in groups}
    s["topic_filtered_out"] = dropped_by_topic["n"]
    s["page_types"] = {k: int(v) for k, v in docs["page_type"].dropna().value_counts().sort_index().items()}
    s["pmqs"] = int(docs["pmqs"].eq(True).sum())
    s["credits"] = credits
    s["real_text_macro_f1"] = _real_text_scores()
    study.summary = s
    study.findings = _spring_findings(study, view, cb)
    _save(study, out_dir)
    return study


def _spring_findings(study: CaseStudy, view, cb) -> list[str]:
    s = study.summary
    lab = view.labels
    per = ", ".join(f"{lab[g]} {s['documents_by_capital'][g]:,}" for g in study.groups)
    own = ", ".join(f"{lab[g]} {s['own_by_actor'][g]:,}" for g in study.groups)
    v = s["voices"]
    n = max(s["statements"], 1)
    filt = "; ".join(f"{k}: {c:,}" for k, c in s["filtered_out"].items())
    out = [f"Documents, {_day(s['period'][0])} – {_day(s['period'][1])}: {per}. They gave {s['statements']:,} "
           f"statements; each capital's own words: {own}.",
           f"Left out of the comparison: {v['question']:,} reporters' questions ({_pct1(v['question'] / n)}), "
           f"{v[UNATTRIBUTED]:,} statements of speakers outside the actor registry ({_pct1(v[UNATTRIBUTED] / n)}: "
           f"journalists' and officials' turns, people quoted), and {v['other']:,} statements of another registry "
           f"actor in a capital's texts ({_pct1(v['other'] / n)}: a visiting leader's turns, a quote). Left out "
           f"before extraction: {filt}."]
    if len(study.scored) < len(study.statements):
        out.append(f"Scored: a deterministic sample of {len(study.scored):,} statements (stratified by actor and "
                   "month); the shares below rest on it.")
    fs = study.tables["frame_shares"]
    for g in study.groups:
        top = _top_frame(fs, g)
        if top is not None:
            out.append(f"{lab[g]} (n={int(top['n']):,}): most often “{_frame_label(cb, top['frame'])}”, "
                       f"{_pct(top['share'])} (95% Wilson interval {_pct(top['ci_low'])}–{_pct(top['ci_high'])}).")
    out += _addressing_findings(study.tables["stance_addressing"], study.groups, s["targets"], lab, cb,
                                min_n=study.tables["stance_addressing"].attrs.get("min_n", 10))
    d = study.tables["frame_window_differences"]
    for g in study.groups:
        dg = d[d["actor"] == g] if len(d) else d
        if dg.empty:
            out.append(f"{lab[g]}: no statements on one side of 24 February 2022; not compared before/after.")
            continue
        big = dg.reindex(dg["diff"].abs().sort_values(ascending=False, kind="stable").index).iloc[0]
        sure = "the interval excludes 0" if big["ci_low"] > 0 or big["ci_high"] < 0 else "the interval includes 0"
        out.append(f"{lab[g]}: the largest change after 24 February 2022 is in “{_frame_label(cb, big['frame'])}”, "
                   f"{_pct(big['share_b'])} before (n={int(big['n_b']):,}) → {_pct(big['share_a'])} after "
                   f"(n={int(big['n_a']):,}), change {100 * big['diff']:+.0f} points (95% bootstrap interval "
                   f"{100 * big['ci_low']:+.0f} to {100 * big['ci_high']:+.0f}); {sure}.")
    for g in study.groups:
        b, a = s["window_by_actor"][g]["before"], s["window_by_actor"][g]["after"]
        for key, what in (("datasets_by_window", "come from {}"), ("speakers_by_window", "are {}'s")):
            sw = s[key][g]
            if not all(sw.values()):
                continue
            tops = {w_: max(sw[w_].items(), key=lambda kv: (kv[1], kv[0])) for w_ in sw}
            if tops["before"][0] != tops["after"][0]:
                out.append(f"{lab[g]}: its texts change with the war — before 24 February the most of its own "
                           f"statements {what.format(tops['before'][0])} ({tops['before'][1]:,} of {b:,}), after "
                           f"it the most {what.format(tops['after'][0])} ({tops['after'][1]:,} of {a:,}); part of "
                           "any before/after change is this change of source or voice.")
    keys = study.tables["keyness_actors"]
    for g in study.groups:
        kg = keys[keys["actor"] == g].head(6)
        if len(kg):
            out.append(f"Words that set {lab[g]} apart from the other three: {', '.join(kg['term'])}.")
    f1 = s.get("real_text_macro_f1") or {}
    scores = ", ".join(f"{'frames' if k == 'frames' else _target_name(cb, k)} {v:.2f}" for k, v in f1.items()
                       if k == "frames" or k in s["targets"])
    out.append("Limits: the frame and stance classifiers learned from constructed examples written for the 2025 "
               f"ceasefire codebook and {_real_training_note()}; "
               "on the real test part "
               "their macro-F1 is "
               + (scores if scores else "reported") + " (models/default/MODEL_CARD.md, real-text evaluation), and "
               "they miss most statements that take a side (recall of favour/against is low), so few statements "
               "take a side here and the stance intervals are wide; the statements it reads as taking a side are "
               "not all about the proposal (read them with `stancemap search` before quoting a share). Compare the "
               "capitals with the same instrument and read the intervals and n, not the shares as exact "
               "proportions. The sources differ in kind: "
               "long White House briefing transcripts, short Commons answers, the Kremlin's third-person news "
               "items, Zelenskyy's nightly addresses; shares are per statement, so the kind of text shapes them.")
    out.append("Credits: " + " ".join(s["credits"]))
    return out


def _lower_first(s: str) -> str:
    """``"Sanctions on Russia"`` → ``"sanctions on Russia"``."""
    return s[:1].lower() + s[1:] if s[1:2].islower() else s


def _distinct_credits(credits: list[str]) -> list[str]:
    """Credit lines without repeating a part (``;``-separated) an earlier line already gave."""
    seen, out = set(), []
    for line in credits:
        parts = [p.strip().rstrip(".") for p in line.split(";") if p.strip()]
        new = [p for p in parts if p not in seen]
        seen.update(parts)
        if new:
            out.append("; ".join(new) + ".")
    return out


def _target_name(cb, target: str) -> str:
    return cb.targets[target].label if target in cb.targets else target


__all__ = ["CEASEFIRE_EVENTS", "CEASEFIRE_PAGE_TYPES", "CEASEFIRE_PERIOD", "CaseStudy", "DataMissing", "GroupLabels",
           "INVASION", "KREMLIN_KYIV", "SPEAKING_PAGE_TYPES", "SPRING_DATASETS", "SPRING_GROUPS", "SPRING_PERIOD",
           "SPRING_TARGETS", "UK_PM", "UNGDC", "WHITEHOUSE", "ZELENSKY_2022", "ZELENSKY_2023", "ceasefire_2025",
           "deterministic_sample", "find_data_dir", "kremlin_kyiv", "main", "missing_data", "reported_group",
           "require_data", "spring_2022", "ungdc"]


def main(argv: list[str] | None = None) -> int:
    """``python -m stancemap.case_studies [--out figures/case-studies] [--data DIR] [--only NAME]``:
    run the case studies and write their figures and tables (what ``make figures`` needs).
    Missing data is reported and skipped (exit status 0)."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="python -m stancemap.case_studies", description=main.__doc__.split("\n")[0])
    ap.add_argument("--out", default="figures/case-studies", help="folder for <name>/ (default figures/case-studies)")
    ap.add_argument("--data", default=None, help="data directory (default $STANCEMAP_DATA or ../shared/datasets)")
    ap.add_argument("--only", choices=("kremlin-kyiv", "ungdc", "ceasefire-2025", "spring-2022"),
                    help="run one study")
    ap.add_argument("--max-statements", type=int, default=None, help="score a deterministic sample (default: all)")
    ap.add_argument("--n-boot", type=int, default=2000)
    ap.add_argument("--engine", choices=("pandas", "dask"), default="pandas")
    ap.add_argument("--jobs", type=int, default=1, help="pandas engine: score in N processes (-1 = every CPU)")
    args = ap.parse_args(argv)
    runs = {"kremlin-kyiv": (kremlin_kyiv, [KREMLIN_KYIV]), "ungdc": (ungdc, [UNGDC]),
            "ceasefire-2025": (ceasefire_2025, [WHITEHOUSE, UK_PM]),
            "spring-2022": (spring_2022, list(SPRING_DATASETS))}
    for name, (func, datasets) in runs.items():
        if args.only and name != args.only:
            continue
        reason = missing_data(datasets, args.data)
        if reason:
            print(f"{name}: skipped: {reason}", file=sys.stderr)
            continue
        study = func(args.data, Path(args.out) / name, max_statements=args.max_statements, n_boot=args.n_boot,
                     engine=args.engine, n_jobs=args.jobs)
        print(f"{name}: {study!r} → {Path(args.out) / name}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
