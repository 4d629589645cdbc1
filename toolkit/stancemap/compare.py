"""Compare groups: frame and stance shares with honest intervals, differences, event windows.

Every function takes a scored table (statements + ``frame_<name>``, ``frames``,
``stance_<target>``, ``stance_<target>_p``, ``tone``) and returns a new tidy
table; inputs are never modified. Every interval row names its method in the
``ci_method`` column:

* ``wilson`` — a single share (frame share, share in favour / against / no
  stance): the Wilson score interval (Wilson 1927, *JASA* 22:209), which stays
  inside [0, 1] and does not collapse at 0 of n or n of n (0 of 3 → 0 % to
  56 %), unlike the percentile bootstrap (Brown, Cai & DasGupta 2001,
  *Statistical Science* 16:101; Newcombe 1998, *Stat. Med.* 17:857).
* ``mover-wilson`` — net stance (share favor − share against, from the same
  statements): the Wilson limits of both shares combined by the method of
  variance estimates recovery with the multinomial correlation of the two
  shares (Newcombe 1998, *Stat. Med.* 17:873 and 17:2635; Zou & Donner 2008,
  *Stat. Med.* 27:1693).
* ``bootstrap`` — differences between groups (:func:`differences`), and every
  share when ``interval="bootstrap"``: percentile bootstrap intervals over
  statements (Efron & Tibshirani 1993, *An Introduction to the Bootstrap*,
  ch. 13): statements are resampled with replacement within each group, the
  share is recomputed for every resample, and the interval is the middle
  ``level`` of those resampled shares. Resampling is seeded per group (seed +
  group name), so a group's interval does not change when other groups are
  added or removed.

Groups come from any column (``actor``, ``speaker``, ``outlet``, ``kind``,
``window`` …); ordered by the actor registry when given, then alphabetically.
Frames and stance targets keep the order of their columns in the table (the
codebook order the scorer writes). Groups with fewer than ``min_n`` statements
are flagged ``small_n=True`` and warned about.

Every statistic also accepts a Dask DataFrame (:mod:`stancemap.engines.dask`): only
the columns it reads (:func:`needed_columns` — group, split, date,
ids, frame and stance labels; the text only for blame edges) are computed into
pandas, in the table's row order, and the pandas code runs on them, so the
numbers and bootstrap intervals are the ones pandas gives on the whole table.
Dask itself is imported only when a Dask table is passed.
"""
from __future__ import annotations

import warnings
import zlib
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .errors import LossyStepWarning, SmallSampleWarning, StancemapError, unknown_value
from .runtime import is_dask
from .schema import UNATTRIBUTED, check_column

#: Groups smaller than this get ``small_n=True`` and a warning.
DEFAULT_MIN_N = 10
#: Stance labels in display order; ``net`` = share favor − share against.
STANCE_VALUES = ("favor", "against", "none")
STANCE_ORDER = (*STANCE_VALUES, "net")
#: Values of the ``window`` column made by :func:`event_window`, in display order.
WINDOW_ORDER = ("before", "event day", "after", "outside", "undated")
#: Group label for rows whose grouping column is empty.
MISSING_GROUP = "(missing)"
#: Label of the comparison group in one-vs-rest differences.
REST = "rest"

_MAX_CELLS = 4_000_000  # resample weights held in memory at once (rows × statements)
#: Up to this many distinct rows, resamples are multinomial counts of the rows.
_DISTINCT_ROWS = 1024
#: Interval methods of the ``ci_method`` column, and how the report and plots name them.
CI_METHODS = {
    "wilson": "Wilson score interval (Wilson 1927)",
    "mover-wilson": "Wilson limits of favour and against combined by MOVER (Newcombe 1998; Zou & Donner 2008)",
    "bootstrap": "percentile bootstrap over statements (Efron & Tibshirani 1993)",
}
#: Choices of ``interval=`` in :func:`frame_shares`, :func:`stance_shares` and :func:`over_time`.
INTERVALS = ("wilson", "bootstrap")


# -- columns -----------------------------------------------------------------

def frame_names(scored: pd.DataFrame) -> list[str]:
    """Frame names from the ``frame_<name>`` columns, in column (codebook) order."""
    return [c[len("frame_"):] for c in scored.columns if isinstance(c, str) and c.startswith("frame_")]


def stance_targets(scored: pd.DataFrame) -> list[str]:
    """Stance targets from the ``stance_<target>`` columns, in column (codebook) order."""
    cols = set(scored.columns)
    return [c[len("stance_"):] for c in scored.columns
            if isinstance(c, str) and c.startswith("stance_")
            and not (c.endswith("_p") and c[:-2] in cols)]


def _check_column(df: pd.DataFrame, col: str, what: str = "Grouping column") -> None:
    check_column(df, col, what, table="scored table")


def needed_columns(columns: Iterable[str], *, by: str = "actor", split: str | None = None,
                   date_col: str = "date", text: bool = False, text_col: str = "text") -> list[str]:
    """The columns the statistics read: the grouping and split columns, ``doc_id``,
    ``statement_id``, the date, ``window``, every ``frame_*``, ``frames``,
    ``stance_*`` and ``tone`` — and the text only when ``text`` (keyness, blame).
    A few bytes a statement, against the hundreds its text and sentence take."""
    cols = list(columns)
    want = [by, split, date_col, "doc_id", "statement_id", "window", "frames", "tone"]
    if text:
        want.append(text_col)
    keep = [c for c in cols if c in want or str(c).startswith(("frame_", "stance_"))]
    missing = [c for c in (by, split) if c is not None and c not in cols]
    if missing:
        _check_column(pd.DataFrame(columns=cols), missing[0])
    return keep


def as_pandas(scored, *, by: str = "actor", split: str | None = None, date_col: str | None = None,
              text_col: str | None = None):
    """``scored`` as pandas: a Dask table → only the columns the statistic reads
    (:func:`needed_columns`; the text only when ``text_col``), computed in row
    order with the index reset; anything else is returned as it is."""
    if not is_dask(scored):
        return scored
    header = pd.DataFrame(columns=list(scored.columns))
    for col, what in ((by, "Grouping column"), (split, "Split column"), (date_col, "Date column"),
                      (text_col, "Text column")):
        if col is not None:
            _check_column(header, col, what)  # the error lists every column, not only those computed
    cols = needed_columns(scored.columns, by=by, split=split, date_col=date_col or "date",
                          text=text_col is not None, text_col=text_col or "text")
    return scored[list(dict.fromkeys(cols))].compute().reset_index(drop=True)


def _choose(requested: Iterable[str] | None, available: list[str], what: str, fix: str) -> list[str]:
    if requested is None:
        if not available:
            raise StancemapError(f"The table has no {what} columns. {fix}")
        return list(available)
    requested = [requested] if isinstance(requested, str) else list(requested)
    for r in requested:
        if r not in available:
            raise unknown_value(what.capitalize(), r, available, fix)
    return requested


def _frames_fix() -> str:
    return "Score the statements first (stancemap.score or `stancemap score`), which adds frame_<name> columns."


def _stance_fix() -> str:
    return "Score the statements first (stancemap.score or `stancemap score`), which adds stance_<target> columns."


# -- ordering ----------------------------------------------------------------

def group_order(values: Iterable, registry=None) -> list[str]:
    """Stable display order: registry groups (file order), event windows, others
    alphabetically, then ``unattributed`` and ``(missing)`` last."""
    vals = [str(v) for v in pd.unique(pd.Series(list(values) if not isinstance(values, pd.Series) else values,
                                                 dtype=object))]
    known = list(registry.order) if registry is not None else []
    first = [k for k in known if k in vals and k != UNATTRIBUTED]
    windows = [w for w in WINDOW_ORDER if w in vals and w not in first]
    tail = [t for t in (UNATTRIBUTED, MISSING_GROUP) if t in vals]
    rest = sorted(v for v in vals if v not in first and v not in windows and v not in tail)
    return [*first, *windows, *rest, *tail]


def group_labels(df: pd.DataFrame, col: str) -> pd.Series:
    """The group of every row of ``df[col]`` as text; empty or missing → ``(missing)``, with a warning."""
    s = df[col]
    missing = s.isna() | (s.astype(str).str.strip() == "")
    out = s.astype(str).where(~missing, MISSING_GROUP)
    if missing.any():
        warnings.warn(f"{int(missing.sum())} of {len(df)} statements have no {col!r}; "
                      f"kept as group {MISSING_GROUP!r}.", LossyStepWarning, stacklevel=4)
    return out


# -- bootstrap core ----------------------------------------------------------

def _rng(seed: int, key: str) -> np.random.Generator:
    return np.random.default_rng([int(seed), zlib.crc32(key.encode("utf-8"))])


def bootstrap_shares(num: np.ndarray, den: np.ndarray | None = None, *, n_boot: int = 2000,
                     rng: np.random.Generator | int = 0) -> np.ndarray:
    """Bootstrap resamples of ``sum(num)/sum(den)`` for every column.

    ``num`` and ``den`` are (statements × measures) arrays; ``den`` defaults to
    ones (a plain share). Returns an (n_boot × measures) array. Statements are
    resampled with replacement (Efron & Tibshirani 1993). Statements with the
    same row of values are interchangeable, so when there are few distinct rows
    (labels, 0/1 indicators) a resample is drawn as multinomial counts of those
    rows — the same resampling distribution at a cost that does not grow with the
    number of statements; otherwise the counts come from one ``bincount`` per
    block of resamples. Either way the shares come from one matrix product.
    """
    num = np.asarray(num, dtype=float)
    if num.ndim == 1:
        num = num[:, None]
    den = None if den is None else np.asarray(den, dtype=float).reshape(num.shape)
    if den is not None and (den == 1).all():
        den = None  # a plain share: the denominator is n in every resample
    n, k = num.shape
    rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    out = np.full((n_boot, k), np.nan)
    if n == 0:
        return out
    both = num if den is None else np.hstack([num, den])
    if n > _DISTINCT_ROWS:
        rows_, inverse = np.unique(both, axis=0, return_inverse=True)
        if len(rows_) <= _DISTINCT_ROWS:
            p = np.bincount(inverse.ravel(), minlength=len(rows_)) / n
            sums = rng.multinomial(n, p, size=n_boot).astype(float) @ rows_
            with np.errstate(invalid="ignore", divide="ignore"):
                out[:] = sums[:, :k] / (n if den is None else sums[:, k:])
            return out
    # float32 is exact for the resample counts (integers < 2**24) and halves the work
    mat = both.astype(np.float32)
    rows = max(1, min(n_boot, _MAX_CELLS // n))
    for start in range(0, n_boot, rows):
        b = min(rows, n_boot - start)
        idx = rng.integers(0, n, size=(b, n))
        idx += (np.arange(b) * n)[:, None]
        w = np.bincount(idx.ravel(), minlength=b * n).reshape(b, n).astype(np.float32)
        sums = (w @ mat).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[start:start + b] = sums[:, :k] / (n if den is None else sums[:, k:])
    return out


def percentile_interval(boot: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval (Efron & Tibshirani 1993, §13.3) of each column of ``boot``."""
    if not 0 < level < 1:
        raise StancemapError(f"level must be between 0 and 1 (e.g. 0.95), got {level!r}.")
    a = (1 - level) / 2
    boot = np.asarray(boot, dtype=float)
    if boot.size == 0:
        return np.full(boot.shape[1:], np.nan), np.full(boot.shape[1:], np.nan)
    if np.isnan(boot).any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            lo, hi = np.nanquantile(boot, [a, 1 - a], axis=0)
    else:
        lo, hi = np.quantile(boot, [a, 1 - a], axis=0)
    return lo, hi


# -- closed-form intervals ----------------------------------------------------

def _z(level: float) -> float:
    from statistics import NormalDist
    return NormalDist().inv_cdf(0.5 + level / 2)


def wilson_interval(count, n, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for ``count`` successes out of ``n`` (Wilson 1927).

    Recommended for a single proportion by Brown, Cai & DasGupta (2001) and
    Newcombe (1998, *Stat. Med.* 17:857): it stays in [0, 1], is never of zero
    width, and keeps close to nominal coverage for small ``n`` — 0 of 3 gives
    0 % to 56.1 %, 81 of 263 gives 25.5 % to 36.6 % (Newcombe 1998's first example).
    ``count`` may be fractional (a sum of probabilities in [0, 1]: their mean has a
    variance of at most p(1 − p)/n, Bhatia & Davis 2000, so the interval is
    conservative there). Vectorised; ``n = 0`` gives NaN.
    """
    if not isinstance(level, (int, float)) or not 0 < level < 1:
        raise StancemapError(f"level must be between 0 and 1 (e.g. 0.95), got {level!r}.")
    x = np.asarray(count, dtype=float)
    n = np.asarray(n, dtype=float)
    z = _z(level)
    z2 = z * z
    with np.errstate(invalid="ignore", divide="ignore"):
        x = np.clip(x, 0, n)
        centre = (x + z2 / 2) / (n + z2)
        half = z / (n + z2) * np.sqrt(x * (n - x) / n + z2 / 4)
        lo = np.where(n > 0, np.clip(centre - half, 0, 1), np.nan)
        hi = np.where(n > 0, np.clip(centre + half, 0, 1), np.nan)
    # the limits are exact at the ends (0 of n → 0, n of n → 1); remove rounding residue
    lo = np.where((n > 0) & (x <= 0), 0.0, lo)
    hi = np.where((n > 0) & (x >= n), 1.0, hi)
    return lo, hi


def mover_difference(p1, lo1, hi1, p2, lo2, hi2, r=0.0) -> tuple[np.ndarray, np.ndarray]:
    """Interval for ``p1 − p2`` from intervals of ``p1`` and ``p2`` (method of variance
    estimates recovery, Zou & Donner 2008; with Wilson limits and ``r = 0`` this is
    Newcombe's 1998 method 10 for independent proportions: 56/70 − 48/80 →
    0.0524 to 0.3339). ``r`` is the correlation of the two estimates."""
    p1, lo1, hi1, p2, lo2, hi2, r = (np.asarray(v, dtype=float) for v in (p1, lo1, hi1, p2, lo2, hi2, r))
    d = p1 - p2
    a, b = p1 - lo1, hi2 - p2
    c, e = hi1 - p1, p2 - lo2
    with np.errstate(invalid="ignore"):
        lo = d - np.sqrt(np.maximum(a * a - 2 * r * a * b + b * b, 0))
        hi = d + np.sqrt(np.maximum(c * c - 2 * r * c * e + e * e, 0))
    return np.clip(lo, -1, 1), np.clip(hi, -1, 1)


def net_interval(favor, against, n, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Interval for net stance, ``favor/n − against/n`` (counts from the same ``n`` statements).

    Wilson limits of both shares, combined by MOVER (Zou & Donner 2008) with the
    correlation of two shares of one multinomial sample,
    −√(p₁p₂ / ((1 − p₁)(1 − p₂))) (0 when either share is 0 or 1): the paired-data
    analogue of Newcombe's (1998, *Stat. Med.* 17:2635) method 10. Never of zero
    width: 0 in favour and 0 against of 3 gives −56 % to +56 %.
    """
    f, a, n = (np.asarray(v, dtype=float) for v in (favor, against, n))
    with np.errstate(invalid="ignore", divide="ignore"):
        p1, p2 = f / n, a / n
        lo1, hi1 = wilson_interval(f, n, level)
        lo2, hi2 = wilson_interval(a, n, level)
        inner = (p1 > 0) & (p2 > 0) & (p1 < 1) & (p2 < 1)
        r = np.where(inner, -np.sqrt(np.where(inner, p1 * p2 / ((1 - p1) * (1 - p2)), 0)), 0.0)
    return mover_difference(p1, lo1, hi1, p2, lo2, hi2, r)


# -- measures: what is counted for each statement ---------------------------

def _frame_measures(scored: pd.DataFrame, frames, measure: str, threshold: float):
    """(names, num, den, meta) for frame shares."""
    available = frame_names(scored)
    if not available and "frames" in scored.columns and frames is None:
        labels = scored["frames"].fillna("").astype(str).str.split(";")
        available = sorted({x.strip() for xs in labels for x in xs if x.strip()})
    names = _choose(frames, available, "frame", _frames_fix())
    if measure not in ("labels", "probability"):
        raise unknown_value("measure", measure, ["labels", "probability"],
                            "Use 'labels' (share of statements carrying the frame) or 'probability' "
                            "(mean frame probability).")
    n = len(scored)
    num = np.zeros((n, len(names)))
    den = np.ones((n, len(names)))
    if measure == "probability":
        for j, f in enumerate(names):
            _check_column(scored, f"frame_{f}", "Frame probability column")
            p = pd.to_numeric(scored[f"frame_{f}"], errors="coerce").to_numpy(dtype=float)
            bad = np.isnan(p)
            if bad.any():
                warnings.warn(f"{int(bad.sum())} of {n} statements have no frame_{f} probability; "
                              "left out of that frame's share.", LossyStepWarning, stacklevel=4)
            num[:, j] = np.where(bad, 0.0, p)
            den[:, j] = (~bad).astype(float)
        how = "mean frame probability"
    elif "frames" in scored.columns:
        sets = [{x.strip() for x in str(v).split(";") if x.strip()} if isinstance(v, str) else set()
                for v in scored["frames"].tolist()]
        for j, f in enumerate(names):
            num[:, j] = [f in s for s in sets]
        unknown = sorted({x for s in sets for x in s} - set(available))
        if unknown:
            warnings.warn(f"The 'frames' column has label(s) with no frame_<name> column: {', '.join(unknown)}; "
                          "they are not counted.", stacklevel=4)
        how = "share of statements labelled with the frame"
    else:
        for j, f in enumerate(names):
            p = pd.to_numeric(scored[f"frame_{f}"], errors="coerce").to_numpy(dtype=float)
            num[:, j] = np.nan_to_num(p, nan=0.0) >= threshold
        how = f"share of statements with frame probability >= {threshold}"
    meta = [{"frame": f} for f in names]
    return num, den, meta, how


def _stance_measures(scored: pd.DataFrame, targets):
    """(num, den, meta, derived) for stance shares; derived = net (favor − against) per target."""
    names = _choose(targets, stance_targets(scored), "stance target", _stance_fix())
    n = len(scored)
    cols_num, cols_den, meta, derived = [], [], [], []
    for t in names:
        s = scored[f"stance_{t}"]
        vals = s.astype("string").str.strip().str.lower()
        missing = s.isna().to_numpy() | (vals.fillna("") == "").to_numpy()
        bad = sorted(set(vals[~missing].dropna()) - set(STANCE_VALUES))
        if bad:
            raise StancemapError(f"Column 'stance_{t}' has value(s) {bad}; valid stances are "
                                 f"{', '.join(STANCE_VALUES)}. Re-score the statements or fix the labels.")
        if missing.any():
            warnings.warn(f"{int(missing.sum())} of {n} statements have no stance on {t!r}; "
                          "left out of that target's shares.", LossyStepWarning, stacklevel=4)
        valid = (~missing).astype(float)
        v = vals.fillna("").to_numpy()
        base = len(meta)
        for st in STANCE_VALUES:
            cols_num.append((v == st).astype(float) * valid)
            cols_den.append(valid)
            meta.append({"target": t, "stance": st})
        derived.append(({"target": t, "stance": "net"}, base, base + 1))
    num = np.column_stack(cols_num) if cols_num else np.zeros((n, 0))
    den = np.column_stack(cols_den) if cols_den else np.zeros((n, 0))
    return num, den, meta, derived


def _group_boots(keys: pd.Series, num, den, derived, order, *, n_boot, seed, salt="", boot=True):
    """For each group: n per measure, counts, shares and bootstrap matrix (derived measures
    appended); with ``boot=False`` the matrix is None (closed-form intervals need none)."""
    out = {}
    codes = keys.to_numpy()
    for g in order:
        mask = codes == g
        gn, gd = num[mask], den[mask]
        boot_ = bootstrap_shares(gn, gd, n_boot=n_boot, rng=_rng(seed, salt + g)) if boot else None
        nvalid = gd.sum(axis=0)
        count = gn.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = count / nvalid
        if derived:
            if boot_ is not None:
                boot_ = np.column_stack([boot_] + [boot_[:, i] - boot_[:, j] for _, i, j in derived])
            nvalid = np.concatenate([nvalid, [nvalid[i] for _, i, _ in derived]])
            count = np.concatenate([count, [count[i] - count[j] for _, i, j in derived]])
            share = np.concatenate([share, [share[i] - share[j] for _, i, j in derived]])
        out[g] = (int(mask.sum()), nvalid, count, share, boot_)
    return out


def _warn_small(sizes: dict[str, int], min_n: int, what: str = "group") -> None:
    small = {g: n for g, n in sizes.items() if n < min_n}
    if small:
        listed = ", ".join(f"{g}: {n}" for g, n in small.items())
        warnings.warn(
            f"{len(small)} {what}(s) have fewer than {min_n} statements ({listed}); their shares are "
            f"flagged small_n=True and their intervals are wide. Read them as anecdotes, or pool groups.",
            SmallSampleWarning, stacklevel=4)


def _split_keys(df: pd.DataFrame, by: str, split: str | None):
    _check_column(df, by)
    g = group_labels(df, by)
    if split is None:
        return g, None
    _check_column(df, split, "Split column")
    if split == by:
        raise StancemapError(f"split={split!r} is the same column as by={by!r}; choose another column to split by.")
    return g, group_labels(df, split)


def _provenance_attrs(df: pd.DataFrame) -> dict:
    attrs = {"n_statements": int(len(df))}
    if "doc_id" in df.columns:
        attrs["n_documents"] = int(df["doc_id"].nunique())
    return attrs


def _check_interval(interval) -> None:
    if interval not in INTERVALS:
        raise unknown_value("interval", interval, INTERVALS,
                            "Use 'wilson' (Wilson score intervals, honest at 0 and 1 and for few statements) "
                            "or 'bootstrap' (percentile bootstrap over statements).")


def _closed_form(nvalid, count, share, derived, n_base: int, level: float):
    """(lo, hi, methods) of one group: Wilson for the shares, MOVER-Wilson for derived nets."""
    lo, hi = wilson_interval(count[:n_base], nvalid[:n_base], level)
    methods = ["wilson"] * n_base
    if derived:
        idx_f = [i for _, i, _ in derived]
        idx_a = [j for _, _, j in derived]
        dlo, dhi = net_interval(count[idx_f], count[idx_a], nvalid[idx_f], level)
        lo, hi = np.concatenate([lo, dlo]), np.concatenate([hi, dhi])
        methods += ["mover-wilson"] * len(derived)
    return lo, hi, methods


def _check_boot(n_boot, level) -> None:
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise StancemapError(f"n_boot must be a whole number of resamples ≥ 1 (e.g. 2000), got {n_boot!r}.")
    if not isinstance(level, (int, float)) or not 0 < level < 1:
        raise StancemapError(f"level must be between 0 and 1 (e.g. 0.95), got {level!r}.")


def _shares(scored, by, split, num, den, meta, derived, *, registry, level, n_boot, seed, min_n, attrs,
            interval="wilson"):
    _check_boot(n_boot, level)
    _check_interval(interval)
    boot = interval == "bootstrap"
    groups, splits = _split_keys(scored, by, split)
    all_meta = [*meta, *[m for m, _, _ in derived]]
    rows = []
    sizes = {}
    split_values = group_order(splits, registry) if splits is not None else [None]
    gorder = group_order(groups, registry)
    for sv in split_values:
        sel = np.ones(len(scored), bool) if sv is None else (splits == sv).to_numpy()
        if not sel.any():
            continue
        keys = groups[sel]
        present = [g for g in gorder if (keys == g).any()]
        salt = "" if sv is None else f"{split}={sv}|"
        boots = _group_boots(keys, num[sel], den[sel], derived, present, n_boot=n_boot, seed=seed, salt=salt,
                             boot=boot)
        for g in present:
            size, nvalid, count, share, resamples = boots[g]
            sizes[g if sv is None else f"{g} ({split}={sv})"] = size
            if boot:
                lo, hi = percentile_interval(resamples, level)
                methods = ["bootstrap"] * len(all_meta)
            else:
                lo, hi, methods = _closed_form(nvalid, count, share, derived, len(meta), level)
            for k, m in enumerate(all_meta):
                row = {"group": g}
                if split is not None:
                    row[split] = sv
                row.update(m)
                row.update(n=int(nvalid[k]), count=count[k], share=share[k],
                           ci_low=lo[k], ci_high=hi[k], ci_method=methods[k], small_n=bool(nvalid[k] < min_n))
                rows.append(row)
    _warn_small(sizes, min_n)
    keycols = ["group", *([split] if split else []), *all_meta[0].keys()] if all_meta else ["group"]
    cols = [*keycols, "n", "count", "share", "ci_low", "ci_high", "ci_method", "small_n"]
    out = pd.DataFrame(rows, columns=cols)
    used = ["bootstrap"] if boot else ["wilson", *(["mover-wilson"] if derived else [])]
    out.attrs.update(_provenance_attrs(scored), by=by, split=split, level=level, min_n=min_n, interval=interval,
                     ci_methods={m: CI_METHODS[m] for m in used}, **attrs)
    if boot:
        out.attrs.update(n_boot=n_boot, seed=seed)
    return out


# -- public verbs ------------------------------------------------------------

def frame_shares(scored: pd.DataFrame, by: str = "actor", frames: Sequence[str] | None = None, *,
                 level: float = 0.95, n_boot: int = 2000, seed: int = 0, threshold: float = 0.5,
                 measure: str = "labels", split: str | None = None, min_n: int = DEFAULT_MIN_N,
                 registry=None, interval: str = "wilson") -> pd.DataFrame:
    """Share of each group's statements that carry each frame, with a Wilson score interval.

    Returns columns ``group, [split], frame, n, count, share, ci_low, ci_high, ci_method, small_n``.
    ``interval="wilson"`` (default) gives Wilson score intervals (Wilson 1927; honest at
    0 of n and n of n, see the module docstring); ``interval="bootstrap"`` gives
    percentile bootstrap intervals from ``n_boot`` resamples seeded by ``seed``
    (which nothing else uses).
    ``measure="labels"`` counts statements whose ``frames`` labels include the frame
    (or, with no ``frames`` column, whose ``frame_<name>`` ≥ ``threshold``);
    ``measure="probability"`` averages the ``frame_<name>`` probabilities (``count``
    is then the expected number of statements). ``split`` names a second column
    (e.g. ``window``) to compute shares separately for each of its values.
    ``scored`` may be a Dask DataFrame: its group, split, frame and id columns are
    computed and the result is the pandas one (module docstring).
    """
    scored = as_pandas(scored, by=by, split=split)
    num, den, meta, how = _frame_measures(scored, frames, measure, threshold)
    out = _shares(scored, by, split, num, den, meta, [], registry=registry, level=level, n_boot=n_boot,
                  seed=seed, min_n=min_n, attrs={"measure": how}, interval=interval)
    if measure == "labels":
        out["count"] = out["count"].round().astype("int64")
    return out


def stance_shares(scored: pd.DataFrame, by: str = "actor", targets: Sequence[str] | None = None, *,
                  level: float = 0.95, n_boot: int = 2000, seed: int = 0, split: str | None = None,
                  min_n: int = DEFAULT_MIN_N, registry=None, interval: str = "wilson") -> pd.DataFrame:
    """Share of each group's statements for, against and neutral on each target, plus net stance.

    Returns ``group, [split], target, stance, n, count, share, ci_low, ci_high, ci_method,
    small_n`` with ``stance`` in favor, against, none, net. ``net`` is share favor −
    share against (from −1, all against, to +1, all in favour). Intervals: Wilson
    score for the shares, MOVER-Wilson for ``net`` (:func:`net_interval`, which
    accounts for the two shares moving together); ``interval="bootstrap"`` gives
    percentile bootstrap intervals from ``n_boot`` resamples instead.
    Statements with no stance label for a target are left out of its ``n`` (warned).
    ``scored`` may be a Dask DataFrame (only the columns read are computed; same numbers).
    """
    scored = as_pandas(scored, by=by, split=split)
    num, den, meta, derived = _stance_measures(scored, targets)
    out = _shares(scored, by, split, num, den, meta, derived, registry=registry, level=level,
                  n_boot=n_boot, seed=seed, min_n=min_n, attrs={"measure": "share of statements"},
                  interval=interval)
    out["count"] = out["count"].round().astype("int64")
    order = {s: i for i, s in enumerate(STANCE_ORDER)}
    if len(out):
        gpos = {g: i for i, g in enumerate(dict.fromkeys(out["group"]))}
        tpos = {t: i for i, t in enumerate(dict.fromkeys(out["target"]))}
        sort = [out["group"].map(gpos)]
        if split:
            spos = {s: i for i, s in enumerate(dict.fromkeys(out[split]))}
            sort.append(out[split].map(spos))
        sort += [out["target"].map(tpos), out["stance"].map(order)]
        key = pd.DataFrame({f"k{i}": s.to_numpy() for i, s in enumerate(sort)})
        out = out.iloc[np.lexsort(key.to_numpy().T[::-1])].reset_index(drop=True).__finalize__(out)
    return out


#: The rows of a :func:`stance_addressing` table for each group and target.
ADDRESSING_MEASURES = ("addresses", "favor", "against")


def _addressing_measures(scored: pd.DataFrame, targets):
    """(num, den, meta) for :func:`stance_addressing`: per target, the statements that take a
    side among those labelled, then favor and against among those that take a side."""
    num3, den3, meta3, _ = _stance_measures(scored, targets)
    cols_num, cols_den, meta = [], [], []
    for k in range(0, len(meta3), len(STANCE_VALUES)):
        t = meta3[k]["target"]
        favor, against, valid = num3[:, k], num3[:, k + 1], den3[:, k]
        sided = favor + against
        for measure, x, n in (("addresses", sided, valid), ("favor", favor, sided), ("against", against, sided)):
            cols_num.append(x)
            cols_den.append(n)
            meta.append({"target": t, "measure": measure})
    n = len(scored)
    num = np.column_stack(cols_num) if cols_num else np.zeros((n, 0))
    den = np.column_stack(cols_den) if cols_den else np.zeros((n, 0))
    return num, den, meta


def stance_addressing(scored: pd.DataFrame, by: str = "actor", targets: Sequence[str] | None = None, *,
                      level: float = 0.95, split: str | None = None, min_n: int = DEFAULT_MIN_N,
                      registry=None) -> pd.DataFrame:
    """Stance read among the statements that address a target (the way to print stance).

    For each group and target, three rows (``measure``): ``addresses`` — the share of
    the group's statements that take a side on the target (favor or against; ``n`` =
    statements with a stance label); then ``favor`` and ``against`` — their shares
    among the statements that take a side (``n`` = those statements). A net share over
    all statements drowns in ``none``; this keeps "how often" and "which way" apart.
    Columns ``group, [split], target, measure, n, count, share, ci_low, ci_high,
    ci_method, small_n``; Wilson score intervals (Wilson 1927); ``small_n`` flags
    ``n < min_n``. With no statement taking a side, favor/against have ``n = 0`` and
    NaN shares. ``scored`` may be a Dask DataFrame.
    """
    scored = as_pandas(scored, by=by, split=split)
    num, den, meta = _addressing_measures(scored, targets)
    out = _shares(scored, by, split, num, den, meta, [], registry=registry, level=level, n_boot=2000, seed=0,
                  min_n=min_n, attrs={"measure": "stance among statements that address the target"},
                  interval="wilson")
    out["count"] = out["count"].round().astype("int64")
    return out


def net_stance(stance: pd.DataFrame) -> pd.DataFrame:
    """Only the ``net`` rows of a :func:`stance_shares` table (what the heatmap shows)."""
    _check_column(stance, "stance", "Column")
    return stance[stance["stance"] == "net"].reset_index(drop=True).__finalize__(stance)


def differences(scored: pd.DataFrame, by: str = "actor", pairs="all", *, what: str = "frames",
                frames: Sequence[str] | None = None, targets: Sequence[str] | None = None,
                level: float = 0.95, n_boot: int = 2000, seed: int = 0, threshold: float = 0.5,
                measure: str = "labels", split: str | None = None, min_n: int = DEFAULT_MIN_N,
                registry=None) -> pd.DataFrame:
    """Difference in share between groups (a − b) with a bootstrap interval.

    ``pairs``: ``"all"`` (every ordered pair a before b in display order),
    ``"one-vs-rest"`` (each group against all other statements, b = ``"rest"``)
    or a list of ``(a, b)`` tuples. Each side is resampled independently
    (two-sample bootstrap, Efron & Tibshirani 1993, §8.3). ``what`` is
    ``"frames"`` (columns ``frame``) or ``"stance"`` (columns ``target, stance``,
    stance including ``net``). An interval that excludes 0 means the difference
    is unlikely to be resampling noise alone. Returns ``group_a, group_b, [split],
    <measure columns>, n_a, n_b, share_a, share_b, diff, ci_low, ci_high, ci_method, small_n``.
    ``scored`` may be a Dask DataFrame (only the columns read are computed; same numbers).
    """
    scored = as_pandas(scored, by=by, split=split)
    if what == "frames":
        num, den, meta, _ = _frame_measures(scored, frames, measure, threshold)
        derived = []
    elif what == "stance":
        num, den, meta, derived = _stance_measures(scored, targets)
    else:
        raise unknown_value("what", what, ["frames", "stance"], "Compare frame shares or stance shares.")
    _check_boot(n_boot, level)
    all_meta = [*meta, *[m for m, _, _ in derived]]
    groups, splits = _split_keys(scored, by, split)
    gorder = group_order(groups, registry)
    split_values = group_order(splits, registry) if splits is not None else [None]
    rows, sizes = [], {}
    for sv in split_values:
        sel = np.ones(len(scored), bool) if sv is None else (splits == sv).to_numpy()
        keys = groups[sel]
        present = [g for g in gorder if (keys == g).any()]
        salt = "" if sv is None else f"{split}={sv}|"
        if isinstance(pairs, str):
            if pairs == "all":
                pair_list = [(a, b) for i, a in enumerate(present) for b in present[i + 1:]]
            elif pairs in ("one-vs-rest", "rest"):
                pair_list = [(a, REST) for a in present]
            else:
                raise unknown_value("pairs", pairs, ["all", "one-vs-rest"],
                                    "Or pass a list of (group_a, group_b) tuples.")
        else:
            pair_list = [tuple(p) for p in pairs]
            for p in pair_list:
                if len(p) != 2:
                    raise StancemapError(f"Each pair must be (group_a, group_b); got {p!r}.")
                for g in p:
                    if str(g) not in gorder and str(g) != REST:
                        raise unknown_value("Group", g, gorder, f"Groups are the values of column {by!r}.")
            pair_list = [(str(a), str(b)) for a, b in pair_list]
        boots = _group_boots(keys, num[sel], den[sel], derived, present, n_boot=n_boot, seed=seed, salt=salt)
        kv = keys.to_numpy()
        for a, b in pair_list:
            if a not in boots or (b != REST and b not in boots):
                continue  # the pair does not occur within this split value
            A = boots[a]
            if b == REST:
                mask = kv != a
                if not mask.any():
                    continue
                B = _group_boots(pd.Series(np.where(mask, REST, a)), num[sel], den[sel], derived, [REST],
                                 n_boot=n_boot, seed=seed, salt=f"{salt}rest-of:{a}|")[REST]
            else:
                B = boots[b]
            sizes[a if sv is None else f"{a} ({split}={sv})"] = A[0]
            if b != REST:
                sizes[b if sv is None else f"{b} ({split}={sv})"] = B[0]
            diff_boot = A[4] - B[4]
            lo, hi = percentile_interval(diff_boot, level)
            for k, m in enumerate(all_meta):
                row = {"group_a": a, "group_b": b}
                if split is not None:
                    row[split] = sv
                row.update(m)
                row.update(n_a=int(A[1][k]), n_b=int(B[1][k]), share_a=A[3][k], share_b=B[3][k],
                           diff=A[3][k] - B[3][k], ci_low=lo[k], ci_high=hi[k], ci_method="bootstrap",
                           small_n=bool(min(A[1][k], B[1][k]) < min_n))
                rows.append(row)
    _warn_small(sizes, min_n)
    keycols = ["group_a", "group_b", *([split] if split else []), *(all_meta[0].keys() if all_meta else [])]
    out = pd.DataFrame(rows, columns=[*keycols, "n_a", "n_b", "share_a", "share_b", "diff",
                                      "ci_low", "ci_high", "ci_method", "small_n"])
    out.attrs.update(_provenance_attrs(scored), by=by, split=split, level=level, n_boot=n_boot, seed=seed,
                     min_n=min_n, what=what, interval="bootstrap", ci_methods={"bootstrap": CI_METHODS["bootstrap"]})
    return out


def event_window(scored: pd.DataFrame, date: str, before_days: int | None = None,
                 after_days: int | None = None, *, date_col: str = "date", event_day: str = "after",
                 column: str = "window") -> pd.DataFrame:
    """Copy of ``scored`` with a ``window`` column: ``before`` / ``after`` the event date.

    ``before_days`` / ``after_days`` limit the windows (e.g. 7 → the week before
    and the week from the event day on); statements beyond them get
    ``outside``. Statements without a usable date get ``undated`` and a
    warning with their count. ``event_day`` says where statements dated on the
    event day go: ``"after"`` (default), ``"before"`` or ``"own"`` (→ ``event day``).
    Compare windows with ``frame_shares(..., split="window")`` or
    ``differences(..., by="window", pairs=[("after", "before")], split="actor")``.

    On a Dask DataFrame the ``window`` column is added lazily, partition by partition
    (each label depends on its own row's date only, so the labels are the pandas
    ones) and a lazy Dask table comes back with every column kept; the counts of
    undated and outside statements are not warned about then (that would compute
    the table): they appear as the ``undated`` / ``outside`` groups when compared.
    """
    lazy = is_dask(scored)
    _check_column(pd.DataFrame(columns=list(scored.columns)) if lazy else scored, date_col, "Date column")
    if event_day not in ("after", "before", "own"):
        raise unknown_value("event_day", event_day, ["after", "before", "own"])
    event = pd.to_datetime(pd.Series([date]), errors="coerce", format="ISO8601").iloc[0]
    if pd.isna(event):
        raise StancemapError(f"Event date {date!r} is not a date; write it as YYYY-MM-DD, e.g. '2025-03-18'.")
    event = event.normalize()
    for name, v in (("before_days", before_days), ("after_days", after_days)):
        if v is not None and (not isinstance(v, (int, np.integer)) or v < 1):
            raise StancemapError(f"{name} must be a whole number of days ≥ 1 or None, got {v!r}.")
    if lazy:
        args = (date_col, column, event, before_days, after_days, event_day)
        return scored.map_partitions(_with_window, *args, meta=_with_window(scored._meta, *args))
    window = _window_labels(scored[date_col], event, before_days, after_days, event_day)
    out = scored.copy()
    out[column] = window
    undated = int((window == "undated").sum())
    outside = int((window == "outside").sum())
    if undated:
        warnings.warn(f"{undated} of {len(out)} statements have no usable {date_col!r}; "
                      f"kept with {column}='undated'.", LossyStepWarning, stacklevel=2)
    if outside:
        warnings.warn(f"{outside} of {len(out)} statements fall outside the window around {event.date()}; "
                      f"kept with {column}='outside'.", LossyStepWarning, stacklevel=2)
    out.attrs.update(scored.attrs, event_date=str(event.date()))
    return out


def _window_labels(raw: pd.Series, event: pd.Timestamp, before_days, after_days, event_day: str) -> pd.Series:
    """The :func:`event_window` label of each date in ``raw`` (same index)."""
    dates = pd.to_datetime(raw.astype("string").str.strip().str[:10], errors="coerce", format="%Y-%m-%d")
    days = (dates - event).dt.days
    before_mask = days < 0 if event_day != "before" else days <= 0
    after_mask = days > 0 if event_day != "after" else days >= 0
    window = pd.Series("undated", index=raw.index, dtype=object)
    window[before_mask] = "before"
    window[after_mask] = "after"
    if event_day == "own":
        window[days == 0] = "event day"
    if before_days is not None:
        window[(window == "before") & (days < -before_days)] = "outside"
    if after_days is not None:
        window[(window == "after") & (days >= after_days)] = "outside"
    return window


def _with_window(part: pd.DataFrame, date_col: str, column: str, event, before_days, after_days,
                 event_day: str) -> pd.DataFrame:
    """One partition of a Dask table with its ``window`` column (see :func:`event_window`)."""
    out = part.copy()
    out[column] = _window_labels(part[date_col], event, before_days, after_days, event_day)
    return out


def _with_period(scored: pd.DataFrame, date_col: str, freq: str) -> tuple[pd.DataFrame, int]:
    """The dated rows of ``scored`` with a ``period`` column (ISO date of the period's first day),
    and how many undated rows were left out (warned)."""
    _check_column(scored, date_col, "Date column")
    freqs = {"D": "D", "W": "W-SUN", "M": "M"}
    if freq not in freqs:
        raise unknown_value("freq", freq, list(freqs), "Use D (day), W (week, Monday–Sunday) or M (month).")
    dates = pd.to_datetime(scored[date_col].astype("string").str.strip().str[:10], errors="coerce",
                           format="%Y-%m-%d")
    undated = int(dates.isna().sum())
    if undated:
        warnings.warn(f"{undated} of {len(scored)} statements have no usable {date_col!r}; "
                      "left out of the timeline.", LossyStepWarning, stacklevel=3)
    keep = dates.notna().to_numpy()
    df = scored.loc[keep].copy()
    df["period"] = dates[keep].dt.to_period(freqs[freq]).dt.start_time.dt.strftime("%Y-%m-%d").to_numpy()
    return df, undated


def over_time(scored: pd.DataFrame, by: str = "actor", *, what: str = "frames", freq: str = "W",
              date_col: str = "date", **kwargs) -> pd.DataFrame:
    """Frame or stance shares per group and period (``freq``: D, W or M), for timelines.

    Adds a ``period`` column (ISO date of the period's first day, sorted);
    undated statements are warned about and left out. Other keyword arguments go
    to :func:`frame_shares` / :func:`stance_shares`. ``scored`` may be a Dask
    DataFrame (only the group, date, frame and stance columns are computed; same numbers).
    """
    scored = as_pandas(scored, by=by, date_col=date_col)
    df, undated = _with_period(scored, date_col, freq)
    if what == "frames":
        out = frame_shares(df, by, split="period", **kwargs)
    elif what == "stance":
        out = stance_shares(df, by, split="period", **kwargs)
    else:
        raise unknown_value("what", what, ["frames", "stance"])
    out = out.sort_values(["period"], kind="stable").reset_index(drop=True).__finalize__(out)
    out.attrs.update(_provenance_attrs(scored), freq=freq, n_undated=undated)
    return out


def stance_addressing_over_time(scored: pd.DataFrame, by: str = "actor", freq: str = "M", *,
                                date_col: str = "date", targets: Sequence[str] | None = None,
                                level: float = 0.95, min_n: int = DEFAULT_MIN_N, registry=None) -> pd.DataFrame:
    """:func:`stance_addressing` per group and period (``freq``: D, W or M), for stance timelines.

    Per group, period and target: ``addresses`` (share of the statements with a stance
    label that take a side), ``favor`` and ``against`` (shares among those that take a
    side), each with a Wilson interval (Wilson 1927) and its ``n``; ``small_n`` flags
    ``n < min_n`` (for ``favor``/``against``: fewer than ``min_n`` statements take a
    side — a plot fades or hides those periods). A net share over all statements
    (:func:`over_time` with ``what="stance"``) drowns in ``none``; this keeps "how
    often" and "which way" apart. Columns ``group, period, target, measure, n, count,
    share, ci_low, ci_high, ci_method, small_n``, sorted by period; undated statements
    are warned about and left out. ``scored`` may be a Dask DataFrame.
    """
    scored = as_pandas(scored, by=by, date_col=date_col)
    df, undated = _with_period(scored, date_col, freq)
    out = stance_addressing(df, by, targets, level=level, split="period", min_n=min_n, registry=registry)
    out = out.sort_values(["period"], kind="stable").reset_index(drop=True).__finalize__(out)
    out.attrs.update(_provenance_attrs(scored), freq=freq, n_undated=undated, min_n=min_n)
    return out


def group_counts(scored: pd.DataFrame, by: str = "actor", *, registry=None) -> pd.DataFrame:
    """Statements and documents per group: ``group, statements, documents, share``.

    ``scored`` may be a Dask DataFrame (only ``by`` and ``doc_id`` are computed)."""
    scored = as_pandas(scored, by=by)
    g = _split_keys(scored, by, None)[0]
    order = group_order(g, registry)
    docs = scored["doc_id"] if "doc_id" in scored.columns else pd.Series(np.arange(len(scored)), index=scored.index)
    rows = [{"group": k, "statements": int((g == k).sum()), "documents": int(docs[(g == k).to_numpy()].nunique())}
            for k in order]
    out = pd.DataFrame(rows, columns=["group", "statements", "documents"])
    out["share"] = out["statements"] / max(len(scored), 1)
    out.attrs.update(_provenance_attrs(scored), by=by)
    return out


def blame_edges(scored: pd.DataFrame, registry, *, frame: str = "blame", threshold: float = 0.5,
                by: str = "actor", text_col: str = "text", self_blame: bool = False,
                include_unattributed: bool = False) -> pd.DataFrame:
    """Who accuses whom: one row per (source, target) pair of actor groups.

    A statement counts when it carries ``frame`` (its ``frames`` labels, or
    ``frame_<frame>`` ≥ ``threshold`` if there is no ``frames`` column); its
    source is the speaker's group (``by``), its targets are the groups of the
    actors it names (``registry.find_mentions`` on ``text``), each counted once
    per statement. Mentions of the speaker's own group are dropped unless
    ``self_blame``. Statements with no attributed speaker (``unattributed``) are
    counted in ``attrs["n_unattributed_blame"]`` but only drawn with
    ``include_unattributed``. Returns ``source, target, count, n_source, statement_ids``
    where ``n_source`` is the source's number of blame statements. ``scored`` may be
    a Dask DataFrame (the group, id, frame and text columns are computed; same edges).
    """
    scored = as_pandas(scored, by=by, text_col=text_col)
    _check_column(scored, by)
    _check_column(scored, text_col, "Text column")
    num, _, meta, _ = _frame_measures(scored, None, "labels", threshold)
    names = [m["frame"] for m in meta]
    if frame not in names:
        raise unknown_value("Frame", frame, names, "Pass frame= one of the codebook's frames.")
    flagged = num[:, names.index(frame)] > 0
    src = group_labels(scored, by).to_numpy()
    ids = scored["statement_id"].astype(str).to_numpy() if "statement_id" in scored.columns \
        else np.array([str(i) for i in scored.index])
    texts = scored[text_col].fillna("").astype(str).to_numpy()
    edges: dict[tuple[str, str], list[str]] = {}
    n_source: dict[str, int] = {}
    skipped = 0
    for i in np.flatnonzero(flagged):
        s = src[i]
        if s in (UNATTRIBUTED, MISSING_GROUP) and not include_unattributed:
            skipped += 1
            continue
        n_source[s] = n_source.get(s, 0) + 1
        targets = dict.fromkeys(m.actor for _, _, m in registry.find_mentions(texts[i]))
        for t in targets:
            if t == s and not self_blame:
                continue
            edges.setdefault((s, t), []).append(ids[i])
    order = group_order([*n_source, *(t for _, t in edges)], registry)
    pos = {g: i for i, g in enumerate(order)}
    rows = [{"source": s, "target": t, "count": len(v), "n_source": n_source[s], "statement_ids": ";".join(v)}
            for (s, t), v in sorted(edges.items(), key=lambda kv: (pos[kv[0][0]], pos[kv[0][1]]))]
    out = pd.DataFrame(rows, columns=["source", "target", "count", "n_source", "statement_ids"])
    out.attrs.update(_provenance_attrs(scored), frame=frame, n_blame=int(flagged.sum()),
                     n_unattributed_blame=skipped,
                     n_blame_by_source={g: n_source[g] for g in order if g in n_source})
    return out
