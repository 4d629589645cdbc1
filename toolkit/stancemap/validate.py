"""The validation workflow: sample statements for hand-coding, measure agreement
between coders, evaluate a model against hand labels, cross-validate.

* :func:`sample` — a stratified random sample with an empty column for every
  frame and stance target and a ``coder`` column, ready for a spreadsheet.
* :func:`agreement` — Krippendorff's alpha (Krippendorff 2004/2011), nominal,
  per label column, between two or more coders. Computed with the
  ``krippendorff`` package (Castro 2017) rather than by hand: alpha is defined
  through a coincidence matrix over *pairable* values, handles any number of
  coders and units that only some coders coded (missing data), and is easy to
  get subtly wrong (the n−1 in each unit's weight, the expected disagreement
  over pooled values); the package is vectorised and tested against
  Krippendorff's published worked examples.
* :func:`evaluate` — per-class precision, recall and F1, confusion matrices,
  macro-F1 (and micro-F1 for frames, F_avg = mean F1 of favor and against for
  stance as in SemEval-2016 Task 6) of a model on a labels table.
* :func:`cross_validate` — the same report from stratified k-fold out-of-fold
  predictions of freshly trained classifiers (seeded).

A labels table has a ``text`` column, frame labels (``frames`` ``;``-joined, or
one ``frame_<key>`` column of 1/0 per frame) and ``stance_<target>`` columns
(favor/against/none; empty = not coded). A row with no label at all is
treated as not coded and skipped, with a warning.
"""
from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import StancemapError
from .models import (DEFAULT_PARAMS, FrameClassifier, StanceClassifier, _blank, _coded, _texts, coded_mask,
                     estimator_params, frame_labels, stance_labels)
from .schema import require_columns

#: Columns carried from the statements table into a coding sample (when present).
SAMPLE_CONTEXT = ["statement_id", "doc_id", "actor", "speaker", "kind", "date", "outlet", "source_url",
                  "text", "sentence"]


# --------------------------------------------------------------------------- sampling

def _allocate(sizes: pd.Series, n: int) -> dict:
    """Proportional allocation with largest remainders; every stratum gets ≥ 1 when n allows."""
    total = int(sizes.sum())
    alloc = {k: 0 for k in sizes.index}
    if n >= len(sizes):
        alloc = {k: 1 for k in sizes.index}
        rest = n - len(sizes)
        cap = sizes - 1
    else:
        rest, cap = n, sizes.copy()
    quota = cap / max(int(cap.sum()), 1) * rest
    base = np.minimum(np.floor(quota).astype(int), cap)
    for k in sizes.index:
        alloc[k] += int(base[k])
    left = rest - int(base.sum())
    order = sorted(sizes.index, key=lambda k: (-(quota[k] - base[k]), str(k)))
    while left > 0:
        moved = False
        for k in order:
            if left and alloc[k] < sizes[k]:
                alloc[k] += 1
                left -= 1
                moved = True
        if not moved:
            break
    assert sum(alloc.values()) <= total
    return alloc


def sample(statements: pd.DataFrame, n: int = 50, by: str | None = None, seed: int = 0,
           codebook=None) -> pd.DataFrame:
    """A random sample of ``n`` statements for hand-coding, stratified by ``by`` (e.g. ``actor``).

    Strata get places in proportion to their size (largest remainders), and at
    least one each when ``n`` allows. Returns the context columns present
    (:data:`SAMPLE_CONTEXT`; a ``unit_id`` from the row index when there is no
    ``statement_id``), then empty ``frame_<key>`` and ``stance_<target>`` columns,
    ``coder`` and ``note``. Model scores are left out on purpose, so coders are not
    anchored by them. Same input and seed → same sample.
    """
    from .codebook import load_codebook

    require_columns(statements, ["text"], "statements table")
    codebook = codebook if codebook is not None else load_codebook()
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise StancemapError(f"n must be a positive whole number of statements, got {n!r}.")
    df = statements.copy()
    if by is not None:
        require_columns(df, [by], "statements table", "Choose --by from the columns listed.")
        strata = df[by].astype(object).where(df[by].notna(), "(missing)").astype(str)
    else:
        strata = pd.Series("all", index=df.index)
    if n >= len(df):
        if n > len(df):
            warnings.warn(f"Asked for {n} statements but the table has {len(df)}; the sample is all of them.",
                          stacklevel=2)
        n = len(df)
    rng = np.random.default_rng(seed)
    sizes = strata.value_counts().sort_index()
    alloc = _allocate(sizes, n)
    picked = []
    for k in sizes.index:
        pos = np.flatnonzero((strata == k).to_numpy())
        picked.extend(rng.choice(pos, size=alloc[k], replace=False).tolist())
    picked = rng.permutation(np.array(sorted(picked), dtype=int))
    chosen = df.iloc[picked]
    ctx = [c for c in SAMPLE_CONTEXT if c in chosen.columns]
    if by is not None and by not in ctx:
        ctx.insert(0, by)
    out = chosen[ctx].reset_index(drop=False if "statement_id" not in chosen.columns else True)
    if "statement_id" not in chosen.columns:
        out = out.rename(columns={out.columns[0]: "unit_id"})
        out["unit_id"] = out["unit_id"].astype(str)
    for c in [*codebook.frame_columns, *codebook.stance_columns, "coder", "note"]:
        out[c] = ""
    return out


# --------------------------------------------------------------------------- label tables

def _has_frames(df: pd.DataFrame, codebook) -> bool:
    return "frames" in df.columns or any(c in df.columns for c in codebook.frame_columns)


# --------------------------------------------------------------------------- agreement

def _coder_tables(tables, names, unit: str | None) -> tuple[pd.DataFrame, str]:
    if isinstance(tables, pd.DataFrame):
        tables = [tables]
    tables = list(tables)
    names = list(names) if names is not None else [f"coder{i + 1}" for i in range(len(tables))]
    if len(names) != len(tables):
        raise StancemapError(f"Got {len(tables)} tables but {len(names)} coder names.")
    if unit is None:
        for cand in ("statement_id", "unit_id", "gold_id", "example_id"):
            if all(cand in t.columns for t in tables):
                unit = cand
                break
        else:
            raise StancemapError("The coders' tables share no unit id column (statement_id, unit_id, gold_id or "
                                 "example_id). Keep the id column that `stancemap sample` wrote, or pass --unit.")
    parts = []
    for t, name in zip(tables, names):
        require_columns(t, [unit], f"table of {name}")
        t = t.copy()
        if "coder" in t.columns and not t["coder"].map(_blank).all():
            t["coder"] = t["coder"].where(~t["coder"].map(_blank), name).astype(str).str.strip()
        else:
            t["coder"] = name
        parts.append(t)
    long = pd.concat(parts, ignore_index=True)
    long[unit] = long[unit].astype(str)
    dup = long.duplicated(["coder", unit], keep=False)
    if dup.any():
        c, u = long.loc[dup, ["coder", unit]].iloc[0]
        raise StancemapError(f"Coder {c!r} labelled unit {u!r} more than once. Keep one row per coder and unit.")
    return long, unit


def agreement(tables, codebook=None, names=None, unit: str | None = None) -> pd.DataFrame:
    """Krippendorff's alpha (nominal) per label column between coders.

    ``tables``: one labels table per coder (or one table with a ``coder``
    column). The coder is the ``coder`` column when filled, else ``names``
    (default coder1, coder2, …). Units are matched on ``unit`` (default: the
    first of statement_id, unit_id, gold_id, example_id that all tables have).
    A unit a coder left entirely blank counts as missing for that coder.

    Returns one row per label: ``label`` (column name), ``kind`` (frame/stance),
    ``alpha``, ``n_units`` (units with ≥ 2 coders' values), ``n_coders``,
    ``n_values`` (pairable values), ``agreement`` (share of pairable units on
    which all coders agree) and ``note`` (why alpha is undefined, if it is).
    """
    import krippendorff

    from .codebook import load_codebook

    codebook = codebook if codebook is not None else load_codebook()
    long, unit = _coder_tables(tables, names, unit)
    coders = sorted(long["coder"].unique())
    if len(coders) < 2:
        raise StancemapError(f"Agreement needs at least two coders; found only {coders}. Pass two or more "
                             "CSV files, or fill the coder column.")
    coded = coded_mask(long, codebook)
    if not coded.any():
        raise StancemapError("No coder's table has any label filled in.")
    long = long[coded]
    values = {}
    if _has_frames(long, codebook):
        F = frame_labels(long, codebook, table="coders' tables")
        for c in codebook.frame_columns:
            values[c] = ("frame", F[c].astype(float), [0, 1])
    S = stance_labels(long, codebook, table="coders' tables")
    labs = list(codebook.labels)
    for c in codebook.stance_columns:
        if c in long.columns:
            values[c] = ("stance", S[c].map(lambda v: float(labs.index(v)) if v else np.nan), list(range(len(labs))))
    units = sorted(long[unit].unique())
    rows = []
    for col, (kind, vals, domain) in values.items():
        frame = pd.DataFrame({"coder": long["coder"], "unit": long[unit], "v": vals.to_numpy()})
        mat = frame.pivot(index="coder", columns="unit", values="v").reindex(index=coders, columns=units)
        data = mat.to_numpy(dtype=float)
        per_unit = (~np.isnan(data)).sum(axis=0)
        pairable = per_unit >= 2
        n_units, n_values = int(pairable.sum()), int(per_unit[pairable].sum())
        agree = np.nan
        if n_units:
            sub = data[:, pairable]
            agree = float(np.mean([len(set(u[~np.isnan(u)])) == 1 for u in sub.T]))
        note, alpha = "", np.nan
        if n_units == 0:
            note = "no unit coded by two or more coders"
        elif len(set(data[:, pairable][~np.isnan(data[:, pairable])])) < 2:
            note = "all coders gave every unit the same value: alpha is undefined (no variation)"
        else:
            alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal",
                                             value_domain=domain))
        rows.append((col, kind, alpha, n_units, len(coders), n_values, agree, note))
    return pd.DataFrame(rows, columns=["label", "kind", "alpha", "n_units", "n_coders", "n_values",
                                       "agreement", "note"])


# --------------------------------------------------------------------------- metrics

@dataclass
class Evaluation:
    """Per-class scores, confusion counts and a summary per task (``frames`` or a target).

    * ``per_class``: task, label, precision, recall, f1, support (gold), predicted
    * ``confusion``: task, gold, predicted, n — stance: every (gold, predicted)
      pair of labels; frames: per frame, gold/predicted ``yes``/``no``
    * ``summary``: task, n, macro_f1, micro_f1 (frames), f_avg and accuracy (stance)

    Macro averages run over the labels that occur in the gold labels or the
    predictions (as scikit-learn does by default), so a label that never occurs
    and is never predicted does not count as F1 = 0.
    """

    per_class: pd.DataFrame
    confusion: pd.DataFrame
    summary: pd.DataFrame

    def to_dict(self) -> dict:
        def rec(df):
            return [{k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in r.items()}
                    for r in df.to_dict("records")]
        return {"per_class": rec(self.per_class), "confusion": rec(self.confusion), "summary": rec(self.summary)}

    @classmethod
    def from_dict(cls, d: dict) -> Evaluation:
        return cls(pd.DataFrame(d["per_class"]), pd.DataFrame(d["confusion"]), pd.DataFrame(d["summary"]))

    def macro_f1(self, task: str) -> float:
        row = self.summary[self.summary["task"] == task]
        return float(row["macro_f1"].iloc[0]) if len(row) else float("nan")


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def frame_metrics(gold: pd.DataFrame, pred: pd.DataFrame, keys) -> tuple[list, list, dict]:
    """Per-frame P/R/F1 and yes/no confusion from 0/1 tables with ``frame_<key>`` columns."""
    per, conf, tp_all, fp_all, fn_all, f1s = [], [], 0, 0, 0, []
    for k in keys:
        g = gold[f"frame_{k}"].to_numpy().astype(int)
        p = pred[f"frame_{k}"].to_numpy().astype(int)
        tp, fp = int(((g == 1) & (p == 1)).sum()), int(((g == 0) & (p == 1)).sum())
        fn, tn = int(((g == 1) & (p == 0)).sum()), int(((g == 0) & (p == 0)).sum())
        pr, rc, f1 = _prf(tp, fp, fn)
        per.append(("frames", k, pr, rc, f1, int(g.sum()), int(p.sum())))
        conf += [("frames", f"{k}:yes", f"{k}:yes", tp), ("frames", f"{k}:yes", f"{k}:no", fn),
                 ("frames", f"{k}:no", f"{k}:yes", fp), ("frames", f"{k}:no", f"{k}:no", tn)]
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        if tp + fp + fn:
            f1s.append(f1)
        else:  # never in gold, never predicted: undefined, left out of macro-F1
            per[-1] = ("frames", k, np.nan, np.nan, np.nan, 0, 0)
    micro = _prf(tp_all, fp_all, fn_all)[2]
    return per, conf, {"task": "frames", "n": len(gold), "macro_f1": float(np.mean(f1s)) if f1s else np.nan,
                       "micro_f1": micro, "f_avg": np.nan, "accuracy": np.nan}


def stance_metrics(task: str, gold, pred, labels) -> tuple[list, list, dict]:
    """Per-label P/R/F1 and the full confusion matrix for one stance target.

    A label that is neither in the gold labels nor predicted gets NaN scores and
    is left out of macro-F1 and F_avg (the mean F1 of favor and against).
    """
    g, p = np.asarray(gold, dtype=object), np.asarray(pred, dtype=object)
    per, conf, f1s, fmap = [], [], [], {}
    for lab in labels:
        tp = int(((g == lab) & (p == lab)).sum())
        fp = int(((g != lab) & (p == lab)).sum())
        fn = int(((g == lab) & (p != lab)).sum())
        if tp + fp + fn:
            pr, rc, f1 = _prf(tp, fp, fn)
            fmap[lab] = f1
            f1s.append(f1)
        else:
            pr = rc = f1 = np.nan
        per.append((task, lab, pr, rc, f1, int((g == lab).sum()), int((p == lab).sum())))
    for a in labels:
        for b in labels:
            conf.append((task, a, b, int(((g == a) & (p == b)).sum())))
    pol = [fmap[x] for x in ("favor", "against") if x in fmap]
    return per, conf, {"task": task, "n": len(g), "macro_f1": float(np.mean(f1s)) if f1s else np.nan,
                       "micro_f1": np.nan, "f_avg": float(np.mean(pol)) if pol else np.nan,
                       "accuracy": float((g == p).mean()) if len(g) else np.nan}


def _evaluation(parts) -> Evaluation:
    per, conf, summ = [], [], []
    for pc, cf, sm in parts:
        per += pc
        conf += cf
        summ.append(sm)
    return Evaluation(
        pd.DataFrame(per, columns=["task", "label", "precision", "recall", "f1", "support", "predicted"]),
        pd.DataFrame(conf, columns=["task", "gold", "predicted", "n"]),
        pd.DataFrame(summ, columns=["task", "n", "macro_f1", "micro_f1", "f_avg", "accuracy"]))


def compare_labels(gold: pd.DataFrame, predicted: pd.DataFrame, codebook, *, frames: bool = True,
                   stance: bool = True) -> Evaluation:
    """Score predicted labels against gold labels (both labels tables, same index)."""
    parts = []
    if frames:
        gF = frame_labels(gold, codebook, table="gold labels")
        pF = frame_labels(predicted, codebook, table="predicted labels")
        parts.append(frame_metrics(gF, pF, codebook.frames))
    gS = stance_labels(gold, codebook, table="gold labels")
    pS = stance_labels(predicted, codebook, table="predicted labels")
    for t in (codebook.targets if stance else []):
        col = f"stance_{t}"
        m = (gS[col] != "").to_numpy()
        if m.any():
            parts.append(stance_metrics(t, gS[col][m], pS[col][m], list(codebook.labels)))
    if not parts:
        raise StancemapError("Nothing to evaluate: the gold labels have no frame or stance labels.")
    return _evaluation(parts)


def evaluate(labels: pd.DataFrame, model=None, codebook=None) -> Evaluation:
    """Evaluate ``model`` (default: the default model) on a labels table with ``text``.

    Rows with no label are skipped (warning); stance cells left empty are not
    scored for that target; frames are scored when the table has frame labels.
    """
    from .score import _resolve_model, resolve_codebook

    model = _resolve_model(model)
    codebook = resolve_codebook(codebook, model)
    require_columns(labels, ["text"], "labels table",
                    "Add the statement text (e.g. merge the labels with the statements table on statement_id).")
    df = _coded(labels, codebook, "labels table")
    if df.empty:
        raise StancemapError("The labels table has no labelled rows to evaluate.")
    pred = model.predict(_texts(df["text"]))
    pred.index = df.index
    pred = pred.assign(**{f"frame_{k}": (pred[f"frame_{k}"] >= model.frames.threshold).astype(int)
                          for k in model.frame_keys})
    return compare_labels(df, pred, codebook, frames=_has_frames(df, codebook))


def lexicon_baseline(labels: pd.DataFrame, codebook, min_count: int = 1) -> Evaluation:
    """Frame scores of the cue-term baseline (:func:`stancemap.lexicon.lexicon_frames`):
    a frame is predicted when ``min_count`` of its codebook cues occur."""
    from .lexicon import lexicon_frames

    require_columns(labels, ["text"], "labels table")
    pred = lexicon_frames(pd.Series(_texts(labels["text"]), index=labels.index), codebook, min_count)
    return compare_labels(labels, pred, codebook, stance=False)


# --------------------------------------------------------------------------- cross-validation

def _frame_strata(F: np.ndarray, folds: int) -> np.ndarray:
    """Stratify multi-label rows by their rarest frame (a cheap stand-in for iterative
    stratification, Sechidis et al. 2011); rare keys are pooled."""
    freq = F.sum(axis=0)
    keys = []
    for row in F:
        on = np.flatnonzero(row)
        keys.append(str(on[np.argmin(freq[on])]) if len(on) else "none")
    counts = Counter(keys)
    return np.array([k if counts[k] >= folds else "rare" for k in keys])


def check_cv(counts: dict, folds: int, what: str) -> None:
    """Raise unless every label that occurs has at least ``folds`` examples."""
    short = {k: v for k, v in counts.items() if 0 < v < folds}
    if short:
        lab, n = sorted(short.items(), key=lambda kv: (kv[1], kv[0]))[0]
        raise StancemapError(
            f"Too few examples to cross-validate {what}: label {lab!r} has {n}; {folds}-fold cross-validation "
            f"needs at least {folds} examples of every label that occurs "
            f"({', '.join(f'{k}={v}' for k, v in sorted(short.items()))} are short). Label more examples, "
            f"or use fewer folds (at least 2, and at most {min(short.values()) if min(short.values()) >= 2 else 2}).")


def check_cross_validation(labels: pd.DataFrame, codebook, folds: int):
    """Raise a :class:`StancemapError` unless ``labels`` can be cross-validated with
    ``folds`` folds; returns the coded rows and their frame and stance labels."""
    if not isinstance(folds, (int, np.integer)) or isinstance(folds, bool) or folds < 2:
        raise StancemapError(f"folds must be a whole number ≥ 2, got {folds!r}.")
    require_columns(labels, ["text"], "labels table")
    df = _coded(labels, codebook, "labels table").reset_index(drop=True)
    F = frame_labels(df, codebook)
    S = stance_labels(df, codebook)
    check_cv({k: int(F[f"frame_{k}"].sum()) for k in codebook.frames}, folds, "the frames")
    for t in codebook.targets:
        y = S[f"stance_{t}"][S[f"stance_{t}"] != ""]
        if not len(y):
            continue
        check_cv(dict(Counter(y)), folds, f"stance toward {t!r}")
        if y.nunique() < 2:
            raise StancemapError(f"Target {t!r} has only the label {y.iloc[0]!r}; cannot cross-validate. "
                                 "Code examples of at least one other label.")
    return df, F, S


def cross_validate(labels: pd.DataFrame, codebook, *, folds: int = 5, random_state: int = 0,
                   params: dict | None = None, with_predictions: bool = False):
    """Stratified ``folds``-fold cross-validation of the frame and stance classifiers.

    Each fold trains fresh classifiers (same code and parameters as
    :func:`~stancemap.models.train_model`) and predicts the held-out rows;
    the out-of-fold predictions are scored with :func:`compare_labels`.
    Stance folds are stratified by label (per target, over the rows coded for
    it); frame folds by each row's rarest frame. Raises when a label has fewer
    examples than folds. Returns an :class:`Evaluation` (and the out-of-fold
    predictions with ``with_predictions=True``).
    """
    from sklearn.model_selection import StratifiedKFold

    fp, sp = estimator_params(params, codebook)
    df, F, S = check_cross_validation(labels, codebook, folds)
    texts = np.array(_texts(df["text"]), dtype=object)
    pred = pd.DataFrame({**{c: 0 for c in F.columns}, **{c: "" for c in S.columns}}, index=df.index)
    Fm = F.to_numpy()
    strata = _frame_strata(Fm, folds)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        skf = StratifiedKFold(folds, shuffle=True, random_state=random_state)
        for tr, te in skf.split(texts, strata):
            clf = FrameClassifier(labels=list(codebook.frames), random_state=random_state, **fp)
            clf.fit(list(texts[tr]), Fm[tr])
            pred.iloc[te, :Fm.shape[1]] = clf.predict(list(texts[te]))
        for t in codebook.targets:
            col = f"stance_{t}"
            mask = (S[col] != "").to_numpy()
            y = S[col].to_numpy()[mask]
            if not len(y):
                continue
            idx = np.flatnonzero(mask)
            out = np.empty(len(idx), dtype=object)
            for tr, te in StratifiedKFold(folds, shuffle=True, random_state=random_state).split(idx, y):
                clf = StanceClassifier(random_state=random_state, **sp).fit(list(texts[idx[tr]]), y[tr])
                out[te] = clf.predict(list(texts[idx[te]]))
            pred.loc[idx, col] = out
    ev = compare_labels(df, pred, codebook)
    return (ev, pred) if with_predictions else ev


# --------------------------------------------------------------------------- bundled test sets

def seed_gold(codebook=None) -> pd.DataFrame | None:
    """The seed article's gold labels joined to their statement text, or None if absent.

    Reads ``corpora/ceasefire-2025-03/annotations/labels.csv`` (``gold_id`` + label
    columns) and ``statements.csv`` (``gold_id``, ``text``, …).
    """
    from .paths import bundled

    folder = bundled("ceasefire-2025-03", "annotations")
    lab, st = folder / "labels.csv", folder / "statements.csv"
    if not (lab.is_file() and st.is_file()):
        return None
    labels = pd.read_csv(lab, dtype=str, keep_default_na=False)
    stm = pd.read_csv(st, dtype=str, keep_default_na=False)
    require_columns(labels, ["gold_id"], f"gold labels {lab.name}")
    keep = [c for c in ("gold_id", "actor", "speaker", "text") if c in stm.columns]
    extra = [c for c in keep if c in labels.columns and c != "gold_id"]
    out = labels.drop(columns=extra).merge(stm[keep], on="gold_id", how="left", validate="one_to_one")
    if out["text"].isna().any():
        missing = out.loc[out["text"].isna(), "gold_id"].tolist()
        raise StancemapError(f"Gold label(s) {missing[:5]} have no statement in {st}. Fix the gold_id.")
    return out


def real_eval(codebook=None) -> pd.DataFrame | None:
    """The real-text evaluation set (``stancemap.real_eval``) when its data is present, else None."""
    try:
        from .real_eval import load_real_eval
    except ImportError:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            df = load_real_eval()
    except (StancemapError, FileNotFoundError, OSError):
        return None
    if df is None or not len(df) or "text" not in df.columns:
        return None
    return df


# --------------------------------------------------------------------------- model card

def _md(df: pd.DataFrame, digits: int = 2) -> str:
    """A pipe table (no extra dependency)."""
    def cell(v):
        if isinstance(v, float):
            return "—" if np.isnan(v) else f"{v:.{digits}f}"
        return str(v).replace("|", "\\|")
    head = "| " + " | ".join(map(str, df.columns)) + " |"
    rule = "|" + "|".join("---:" if pd.api.types.is_numeric_dtype(df[c]) else "---" for c in df.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def _scores_section(ev: Evaluation) -> str:
    summ = ev.summary.rename(columns={"macro_f1": "macro-F1", "micro_f1": "micro-F1", "f_avg": "F_avg"})
    return "\n\n".join([_md(summ), _md(ev.per_class)])


def _bundled_name() -> str | None:
    try:
        from .codebook import load_codebook

        return load_codebook().name
    except StancemapError:
        return None


def model_card(model, directory=None) -> "Path":
    """Write ``MODEL_CARD.md`` next to a model and return its path.

    The card lists the training data (counts per label and origin), the
    cross-validated per-class precision/recall/F1 recorded at training time, the
    seed-article gold scores and the real-text scores (recomputed now, when the
    data are present), the cue-term baseline for comparison, and the limits.
    Deterministic: it holds no dates or timings.
    """
    from pathlib import Path

    from .score import resolve_codebook

    d = Path(directory) if directory is not None else None
    meta = model.metadata
    cb = resolve_codebook(None, model)
    p = meta.get("params", {})
    why_thr = (" (the default, chosen by 5-fold cross-validation on the bundled training data)"
               if model.frames.threshold == DEFAULT_PARAMS["threshold"] else "")
    out = [f"# Model card: stancemap frames and stance ({model.codebook_name} {model.codebook_version})", "",
           "Generated by `stancemap model card` (the default model: `make model`, i.e. `stancemap model build`, "
           "rebuilds it and this card from the files in the repository, offline and deterministically). "
           "Do not edit by hand.", "",
           "## What it predicts", "",
           f"* **Frames** (multi-label, one-vs-rest): {', '.join(model.frame_keys)}. Output: a probability per "
           f"frame; a frame is assigned when its probability ≥ {model.frames.threshold}{why_thr}.",
           f"* **Stance** toward each target ({', '.join(model.targets)}): one of "
           f"{', '.join(cb.labels)}, with its probability.",
           "* Scoring also adds `tone` (VADER compound, Hutto & Gilbert 2014) and `cue_<frame>` counts of the "
           "codebook's cue terms (plain counts, also used as model features).", "",
           "## Method", "",
           "TF-IDF over word n-grams of Snowball stems with negation marking (words after *not*/*never* … get "
           f"`_NEG`; n = {tuple(p.get('word_ngrams', ()))}) joined with character n-grams inside word boundaries "
           f"(n = {tuple(p.get('char_ngrams', ()))}), sublinear tf"
           f"{', plus log(1 + count) of each frame and target cue list of the codebook' if p.get('cues') else ''}; a "
           f"{'linear SVM' if p.get('estimator') == 'svm' else 'logistic regression'} (C = {p.get('C')}, "
           "class weights balanced) per frame and per target, with Platt-sigmoid probabilities fitted on "
           f"{p.get('calibration_cv')}-fold out-of-fold scores (logistic regression when a class has a single "
           f"example). random_state = {meta.get('random_state')}. Explanations (`stancemap explain`) list "
           "coefficient × feature value per n-gram.", ""]
    # training data
    out += ["## Training data", "", f"{meta.get('n_examples', '?')} examples."]
    oc = meta.get("origin_counts") or {}
    if oc:
        out += ["", _md(pd.DataFrame({"origin": list(oc), "n": list(oc.values())}))]
    fc = {k: meta.get("frame_counts", {}).get(k, 0) for k in model.frame_keys}
    out += ["", "Frames (examples carrying each; an example may carry several, "
            f"{meta.get('frames_none', '?')} carry none):", "",
            _md(pd.DataFrame({"frame": list(fc), "n": list(fc.values())}))]
    sc = meta.get("stance_counts", {})
    if sc:
        st = pd.DataFrame([{"target": t, **{lab: sc[t].get(lab, 0) for lab in cb.labels}}
                           for t in model.targets if t in sc])
        out += ["", "Stance labels per target:", "", _md(st)]
    # cross-validation
    cv = meta.get("crossval")
    out += ["", "## Cross-validated scores", ""]
    if cv:
        ev = Evaluation.from_dict(cv)
        out += [f"Stratified {meta.get('crossval_folds', 5)}-fold cross-validation on the training data "
                f"(seed {meta.get('random_state')}): out-of-fold predictions of classifiers retrained in each "
                "fold. Frames: macro- and micro-F1 over frames; stance: macro-F1 over labels and F_avg, the "
                "mean F1 of favor and against (SemEval-2016 Task 6).", "", _scores_section(ev)]
    else:
        out += ["Not computed for this model (train with `--folds 5`)."]
    # held-out sets
    same = model.codebook_name == _bundled_name()
    gold = seed_gold() if same else None
    out += ["", "## Seed-article gold (held out)", ""]
    if gold is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ev = evaluate(gold, model, cb)
        out += [f"{len(gold)} hand-labelled statements of the bundled seed article, never used for training. "
                "Very small: read per-class numbers as anecdotes.", "", _scores_section(ev)]
    else:
        out += ["Not available (the seed gold labels are for the bundled codebook, or "
                "corpora/ceasefire-2025-03/annotations/labels.csv is missing)."]
    real = real_eval() if same else None
    out += ["", "## Real-text evaluation", ""]
    if real is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ev = evaluate(real, model, cb)
        out += [f"{len(real)} labelled sentences from public datasets (stored by reference, hydrated from the "
                "data directory).", "", _scores_section(ev)]
    else:
        out += ["Not available when this card was written: the real-text set is hydrated from the public "
                "datasets (`../shared/datasets` or STANCEMAP_DATA); rerun `stancemap model card` where they are."]
    # baseline
    out += ["", "## Cue-term baseline", ""]
    base_rows = []
    try:
        from .codebook import load_training

        train = load_training(codebook=cb) if same else None
    except StancemapError:
        train = None
    for name, df in (("training data", train), ("seed gold", gold), ("real-text set", real)):
        if df is not None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ev = lexicon_baseline(_coded(df, cb, "labels"), cb)
            base_rows.append((name, len(df), ev.macro_f1("frames"),
                              float(ev.summary.loc[ev.summary.task == "frames", "micro_f1"].iloc[0])))
    if base_rows:
        out += ["Frames predicted by cue terms alone (a frame when one of its codebook cues occurs), for "
                "comparison with the classifier:", "",
                _md(pd.DataFrame(base_rows, columns=["set", "n", "macro-F1", "micro-F1"]))]
    else:
        out += ["Not computed (no labelled data for this codebook in the repository)."]
    # limits
    n_con = int(oc.get("constructed", 0))
    out += ["", "## Limits", "",
            f"* **Constructed training data.** {n_con} of {meta.get('n_examples', '?')} training examples were "
            "written for the codebook. Cross-validated scores measure how well the model learns the codebook "
            "*as written by its authors*; they overstate accuracy on real statements, whose wording, length "
            "and topics differ. Trust the seed-gold and real-text scores more, and validate on your own sample "
            "(`stancemap sample` → hand-code → `stancemap evaluate`).",
            "* **English only.** Tokenisation, stemming, negation marking and VADER are English.",
            "* **Small n.** Tens of examples per stance label: rare phrasings, sarcasm and long conditional "
            "sentences are often missed; per-class scores have wide confidence intervals.",
            "* **Statement text only.** The model sees the attributed statement, not the article: references "
            "('the deal', 'it') and the speaker's identity are not used.",
            "* **Bag of n-grams.** Word order beyond two words, who-does-what-to-whom and conditions that "
            "reverse a stance are captured only through n-grams and negation marks.",
            "* **Probabilities are approximate.** Platt scaling on a few folds of small classes; use them to "
            "rank and threshold, not as exact frequencies.",
            "* **Domain.** Built for the 2025 Russia–Ukraine ceasefire debate; other conflicts need a new "
            "codebook and labels (`stancemap train`)."]
    # files
    vers = meta.get("versions", {})
    out += ["", "## Reproduce", "",
            f"Built with stancemap {vers.get('stancemap', '?')}, scikit-learn {vers.get('scikit-learn', '?')}, "
            f"numpy {vers.get('numpy', '?')}. Training-data fingerprint `{meta.get('data_fingerprint', '?')}`: "
            "`default_model()` uses the shipped files only while the bundled training data and scikit-learn "
            "match; otherwise it retrains and caches.", ""]
    if d is not None:
        files = sorted(f for f in d.iterdir() if f.is_file() and f.suffix in (".skops", ".json", ".yaml"))
        total = sum(f.stat().st_size for f in files)
        out += [f"Files ({total / 1e6:.1f} MB; skops, never pickle; saved byte-reproducibly): "
                + ", ".join(f"`{f.name}`" for f in files) + ".", ""]
    text = "\n".join(out).rstrip() + "\n"
    if d is None:
        return text
    path = d / "MODEL_CARD.md"
    path.write_text(text, encoding="utf-8")
    return path


__all__ = ["Evaluation", "agreement", "check_cross_validation", "coded_mask", "compare_labels", "cross_validate",
           "evaluate", "lexicon_baseline", "model_card", "real_eval", "sample", "seed_gold"]
