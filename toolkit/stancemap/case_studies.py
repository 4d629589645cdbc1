"""Two case studies on real, openly licensed corpora, as functions the notebooks and tests call.

* :func:`kremlin_kyiv` — "Kremlin and Kyiv, October 2021 – June 2022": the
  1,796 English news items of en.kremlin.ru and president.gov.ua
  (dataset ``kremlin-kyiv-press-2021-2022``, CC BY 4.0): frames and stance month
  by month, before and after 24 February 2022, and the words that set each
  side (and each period) apart.
* :func:`ungdc` — "The UN General Debate 2014–2024: the US, Russia, Ukraine and
  Europe" (dataset ``ungdc-2014-2024``, CC0; Baturo, Dasandi & Mikhaylov 2017):
  every sentence of every speech scored, year by year, with bootstrap intervals.

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

import pandas as pd

from .errors import StancemapError
from .runtime import check_engine
from .schema import UNATTRIBUTED

KREMLIN_KYIV = "kremlin-kyiv-press-2021-2022"
UNGDC = "ungdc-2014-2024"
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
              engine, scheduler, n_workers, n_jobs=1, extra_doc_columns=()):
    """Shared steps: extract (all documents), sample, score, and the tables every study has."""
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
    compared = scored[scored["actor"].isin(groups)].reset_index(drop=True)
    kw = dict(registry=registry, n_boot=n_boot, seed=seed)
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
    # keyness reads text only, so it uses every statement — unless this is a sampled (quick) run
    text_base = statements if len(sample) == len(statements) else sample
    said = text_base[text_base["actor"].isin(groups)].reset_index(drop=True)
    ctx = dict(registry=registry, codebook=cb, model=mdl, statements=statements, scored=scored, compared=compared,
               said=said, notes=notes, kw=kw)
    return tables, ctx


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
    after vs before within each actor, on all statements). ``engine``/``scheduler``/
    ``n_workers``/``n_jobs`` as for :func:`stancemap.score.score` (same numbers).
    """
    from . import compare, keyness as kn, plots
    from .datasets import load_dataset

    root = require_data([KREMLIN_KYIV], data_dir)
    docs, notes0 = _quiet(load_dataset, KREMLIN_KYIV, root)
    groups = list(groups)
    tables, ctx = _pipeline(docs, groups=groups, time_col="month", sample_by=("actor", "month"),
                            max_statements=max_statements, model=model, n_boot=n_boot, seed=seed, engine=engine,
                            scheduler=scheduler, n_workers=n_workers, n_jobs=n_jobs)
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
        "stance_heatmap": plots.stance_heatmap(tables["stance_shares"], registry, labels=cb, note=src,
                                               title="Where the Kremlin and Kyiv stand, Oct 2021 – Jun 2022"),
    }
    for f in TIMELINE_FRAMES:
        figs[f"timeline_{f}"] = plots.timeline(tables["frames_monthly"], registry, frame=f, events=events, labels=cb,
                                               note=src)
    for t in TIMELINE_TARGETS:
        figs[f"timeline_stance_{t}"] = plots.timeline(tables["stance_monthly"], registry, target=t, events=events,
                                                      labels=cb, note=src)
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
    are computed per actor and per year with ``n_boot`` bootstrap intervals.
    """
    from . import compare, keyness as kn, plots
    from .datasets import load_dataset

    root = require_data([UNGDC], data_dir)
    docs, notes0 = _quiet(load_dataset, UNGDC, root, actors_map=actors_map)
    groups = list(groups)
    tables, ctx = _pipeline(docs, groups=groups, time_col="year", sample_by=("actor", "year"),
                            max_statements=max_statements, model=model, n_boot=n_boot, seed=seed, engine=engine,
                            scheduler=scheduler, n_workers=n_workers, n_jobs=n_jobs,
                            extra_doc_columns=("year", "country_code"))
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
        "stance_heatmap": plots.stance_heatmap(tables["stance_shares"], registry, labels=cb, note=src,
                                               title="Where each actor stands at the UN General Debate, 2014–2024"),
    }
    for f in TIMELINE_FRAMES:
        figs[f"timeline_{f}"] = plots.timeline(
            tables["frames_yearly"], registry, frame=f, events=events, labels=cb, note=src,
            title=f"UN General Debate: how often each actor uses the {plots.pretty(f, cb).lower()} frame, "
                  "year by year")
    for t in TIMELINE_TARGETS:
        figs[f"timeline_stance_{t}"] = plots.timeline(
            tables["stance_yearly"], registry, target=t, events=events, labels=cb, note=src,
            title=f"UN General Debate: net stance on {plots.pretty(t, cb).lower()}, year by year")
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
    return out


__all__ = ["CaseStudy", "DataMissing", "INVASION", "KREMLIN_KYIV", "UNGDC", "deterministic_sample",
           "find_data_dir", "kremlin_kyiv", "main", "missing_data", "require_data", "ungdc"]


def main(argv: list[str] | None = None) -> int:
    """``python -m stancemap.case_studies [--out figures/case-studies] [--data DIR] [--only NAME]``:
    run the case studies and write their figures and tables (what ``make figures`` needs).
    Missing data is reported and skipped (exit status 0)."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="python -m stancemap.case_studies", description=main.__doc__.split("\n")[0])
    ap.add_argument("--out", default="figures/case-studies", help="folder for <name>/ (default figures/case-studies)")
    ap.add_argument("--data", default=None, help="data directory (default $STANCEMAP_DATA or ../shared/datasets)")
    ap.add_argument("--only", choices=("kremlin-kyiv", "ungdc"), help="run one study")
    ap.add_argument("--max-statements", type=int, default=None, help="score a deterministic sample (default: all)")
    ap.add_argument("--n-boot", type=int, default=2000)
    ap.add_argument("--engine", choices=("pandas", "dask"), default="pandas")
    ap.add_argument("--jobs", type=int, default=1, help="pandas engine: score in N processes (-1 = every CPU)")
    args = ap.parse_args(argv)
    runs = {"kremlin-kyiv": (kremlin_kyiv, KREMLIN_KYIV), "ungdc": (ungdc, UNGDC)}
    for name, (func, dataset) in runs.items():
        if args.only and name != args.only:
            continue
        reason = missing_data([dataset], args.data)
        if reason:
            print(f"{name}: skipped: {reason}", file=sys.stderr)
            continue
        study = func(args.data, Path(args.out) / name, max_statements=args.max_statements, n_boot=args.n_boot,
                     engine=args.engine, n_jobs=args.jobs)
        print(f"{name}: {study!r} → {Path(args.out) / name}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
