"""``exp``, ``log`` and ``log1p`` elementwise from the C library, so scores are the same bits on every CPU.

numpy computes float64 ``exp``, ``log``, ``log1p`` and ``expm1`` with code of its own where the CPU has
AVX-512, and with the C library's functions elsewhere. The two differ in the last bit of some values
(8 of 247 probabilities of the bundled report on an AVX-512 machine), so a model's scores, and the
figures and ``scored.csv`` written from them, would depend on the machine. The scorer and the
keyness use these instead: the C library's functions through :mod:`math`, which numpy itself calls
on a machine without AVX-512 (the same numbers there, bit for bit).
"""
from __future__ import annotations

import math

import numpy as np

#: The largest x whose exp is finite (math.exp raises OverflowError above it; numpy gives inf).
_EXP_MAX = math.log(np.finfo(np.float64).max)
#: log1p of the counts 0 … 255, looked up rather than computed (cue counts are small integers).
_LOG1P_COUNTS = np.array([math.log1p(k) for k in range(256)])


def exp(x) -> np.ndarray:
    """``np.exp(x)`` (float64) as the C library computes it: inf above the largest finite result."""
    x = np.asarray(x, dtype=np.float64)
    out = np.full(x.shape, np.inf)
    ok = ~(x > _EXP_MAX)  # NaN stays in: math.exp(nan) is nan
    out[ok] = np.fromiter(map(math.exp, x[ok].tolist()), np.float64, int(ok.sum()))
    return out


def log(x) -> np.ndarray:
    """``np.log(x)`` (float64) as the C library computes it: -inf at 0, nan below it."""
    x = np.asarray(x, dtype=np.float64)
    return np.fromiter(map(_log, x.ravel().tolist()), np.float64, x.size).reshape(x.shape)


def _log(v: float) -> float:
    """math.log, with numpy's answers where math raises."""
    if v > 0.0 or v != v:
        return math.log(v)
    return -math.inf if v == 0.0 else math.nan


def log1p(x) -> np.ndarray:
    """``np.log1p(x)`` (float64) as the C library computes it; whole counts 0 … 255 from a table."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(invalid="ignore"):  # inf or nan cast: not a count, and not looked up
        k = x.astype(np.int64)
    small = (k == x) & (k >= 0) & (k < len(_LOG1P_COUNTS))
    if small.all():
        return _LOG1P_COUNTS[k]
    out = np.empty(x.shape)
    out[small] = _LOG1P_COUNTS[k[small]]
    rest = ~small
    out[rest] = np.fromiter(map(_log1p, x[rest].tolist()), np.float64, int(rest.sum()))
    return out


def _log1p(v: float) -> float:
    """math.log1p, with numpy's answers where math raises: -inf at -1, nan below it."""
    if v > -1.0 or v != v:
        return math.log1p(v)
    return -math.inf if v == -1.0 else math.nan
