"""Find the statements behind a number: a keyword-in-context table of matching statements.

``search(scored, "sanctions", actor="russia", frame="blame", stance={"sanctions": "against"},
between=("2022-02-24", "2022-06-30"))`` returns one row per match (the ``search`` table,
:data:`stancemap.schema.SEARCH_COLUMNS`): who said it, when, the words either side of
the match (a keyword-in-context concordance, Luhn 1960), the whole statement, its
source and its character span, so every count can be read back to the words it counts.

Terms match case-insensitively as whole words or phrases (``*`` stands for any
letters, ``sanction*``; a straight apostrophe also matches a curly one);
``regex=True`` takes them as Python regular expressions. Several terms: any of
them; where two overlap, the earlier and then the longer match is kept. Filters
(all optional, combined with *and*; several values of one filter with *or*):
``actor``, ``speaker``, ``kind``, ``frame`` (statements whose ``frames`` contain it),
``stance`` (target → value), ``between`` (inclusive ISO dates). A statements table
works too, without the frame and stance filters. Rows are ordered by date (undated
last), document and position. Nothing changes the input table.

:func:`filter_statements` applies the same filters without a search term (the
statements behind a bar of a chart); :func:`to_html` and :func:`to_text` render
the table for a browser or a terminal. A Dask table is computed first (the search
reads every text).
"""
from __future__ import annotations

import html
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .compare import frame_names, group_order, stance_targets
from .errors import LossyStepWarning, StancemapError, did_you_mean, unknown_value
from .runtime import is_dask
from .schema import SEARCH_COLUMNS, STATEMENT_KINDS, text_value, text_values

#: Characters of context either side of a match (``width=``).
DEFAULT_WIDTH = 40
#: Stance values a ``stance=`` filter may ask for.
STANCE_VALUES = ("favor", "against", "none")
#: How each argument is spelled in the user's interface, for error messages.
INTERFACES = {
    "python": {"actor": "actor=", "speaker": "speaker=", "kind": "kind=", "frame": "frame=", "stance": "stance=",
               "stance_form": "stance={'TARGET': 'VALUE'}", "between": "between=", "regex": "regex=True",
               "width": "width=", "terms": "the search term", "score": "stancemap.score(table)"},
    "cli": {"actor": "--actor", "speaker": "--speaker", "kind": "--kind", "frame": "--frame", "stance": "--stance",
            "stance_form": "--stance TARGET=VALUE", "between": "--between", "regex": "--regex",
            "width": "--width", "terms": "TERM", "score": "`stancemap score STATEMENTS.csv --out scored.csv`"},
}
_LISTED = 25  # valid values listed in an error before "… and N more"
_INT_COLUMNS = ("char_start", "char_end")


def _names(interface: str) -> dict[str, str]:
    if interface not in INTERFACES:
        raise unknown_value("interface", interface, list(INTERFACES))
    return INTERFACES[interface]


def _values(value, what: str) -> list[str]:
    """A filter value as a list of strings (a string, or any iterable of them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        out = [str(v) for v in value]
        if out:
            return out
    raise StancemapError(f"{what} must be a string or a list of strings, got {value!r}.")


def _listing(valid: Sequence[str]) -> str:
    shown = ", ".join(map(str, valid[:_LISTED])) or "(none)"
    return shown + (f" … and {len(valid) - _LISTED} more" if len(valid) > _LISTED else "")


def _not_in_table(what: str, value: str, valid: Sequence[str], fix: str) -> StancemapError:
    return StancemapError(f"{what} {value!r} is not in this table. Values there: {_listing(valid)}."
                          f"{did_you_mean(value, valid)} {fix}")


def _require(table: pd.DataFrame, column: str, flag: str, names: dict[str, str], extra: str = "") -> None:
    if column not in table.columns:
        have = [str(c) for c in table.columns]
        raise StancemapError(f"{flag} needs a {column!r} column, and this table has none. Columns are: "
                             f"{', '.join(have) or '(none)'}.{did_you_mean(column, have)} {extra}".rstrip())


def _dates(series: pd.Series) -> pd.Series:
    """ISO ``YYYY-MM-DD`` strings of a date column ("" when missing or not a date)."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.dt.strftime("%Y-%m-%d").fillna("")
    values = pd.Series(text_values(series.tolist()), index=series.index, dtype=object)
    distinct = pd.Series(values.unique(), dtype=object)  # a corpus has far fewer dates than statements
    raw = distinct.str.strip().str[:10]
    ok = pd.to_datetime(raw, errors="coerce", format="%Y-%m-%d").notna()
    return values.map(dict(zip(distinct, raw.where(ok, ""))))


def _parse_day(value, which: str, flag: str) -> pd.Timestamp | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    day = pd.to_datetime(pd.Series([str(value).strip()]), errors="coerce", format="%Y-%m-%d").iloc[0]
    if pd.isna(day):
        raise StancemapError(f"The {which} date of {flag} is {value!r}, which is not a date. "
                             "Write dates as YYYY-MM-DD, e.g. 2022-02-24.")
    return day


def parse_stance(stance, interface: str = "python") -> dict[str, list[str]]:
    """``stance=`` as ``{target: [values]}``: a mapping (``{"sanctions": "against"}``, a value or a
    list of values per target), or ``"target=value"`` strings (what ``--stance`` takes)."""
    flag = _names(interface)["stance_form"]
    if stance is None:
        return {}
    if isinstance(stance, Mapping):
        pairs = [(str(k), v) for k, v in stance.items()]
    else:
        pairs = []
        for item in _values(stance, flag):
            target, sep, value = item.partition("=")
            if not sep or not target.strip() or not value.strip():
                raise StancemapError(f"{flag}: {item!r} is not TARGET=VALUE. Write it like sanctions=against "
                                     f"(values: {', '.join(STANCE_VALUES)}).")
            pairs.append((target.strip(), value.strip()))
    out: dict[str, list[str]] = {}
    for target, value in pairs:
        for v in _values(value, f"{flag} for {target!r}"):
            if v not in STANCE_VALUES:
                raise StancemapError(f"Stance {v!r} for target {target!r} is not valid. Valid: "
                                     f"{', '.join(STANCE_VALUES)}.{did_you_mean(v, STANCE_VALUES)} "
                                     f"Fix {flag}.")
            out.setdefault(target, [])
            if v not in out[target]:
                out[target].append(v)
    return out


def _casefold_filter(table: pd.DataFrame, column: str, wanted: list[str], what: str, flag: str,
                     order: list[str]) -> pd.Series:
    values = pd.Series(text_values(table[column].tolist()), index=table.index, dtype=object)
    present = {v.casefold(): v for v in values.unique()}
    keep = set()
    for w in wanted:
        if w.casefold() not in present:
            raise _not_in_table(what, w, order, f"Pass {flag} one of them.")
        keep.add(present[w.casefold()])
    return values.isin(keep)


def filter_statements(table: pd.DataFrame, *, actor=None, speaker=None, kind=None, frame=None, stance=None,
                      between=None, interface: str = "python") -> pd.DataFrame:
    """The rows of ``table`` (statements or scored) that pass every filter given, in their order.

    ``actor`` / ``speaker`` / ``kind``: a value or a list (any of them; actor and speaker
    ignore case); ``frame``: a frame or a list — statements whose ``frames`` contain any;
    ``stance``: ``{target: value or [values]}`` or ``"target=value"`` strings (all
    targets must hold); ``between``: ``(start, end)`` ISO dates, inclusive, either may
    be None. With ``between``, undated statements are left out with a
    :class:`~stancemap.errors.LossyStepWarning` giving their count. Unknown values
    raise a :class:`~stancemap.errors.StancemapError` listing the valid ones;
    ``interface="cli"`` names the command-line options in it.
    """
    return _filter(table, actor=actor, speaker=speaker, kind=kind, frame=frame, stance=stance, between=between,
                   interface=interface, stacklevel=4)


def _filter(table, *, actor, speaker, kind, frame, stance, between, interface: str, stacklevel: int):
    names = _names(interface)
    if is_dask(table):
        table = table.compute()
    if not isinstance(table, pd.DataFrame):
        raise StancemapError(f"Expected a pandas DataFrame (a statements or scored table), got "
                             f"{type(table).__name__}.")
    keep = pd.Series(True, index=table.index)
    if actor is not None:
        _require(table, "actor", names["actor"], names)
        order = group_order(pd.Series(text_values(table["actor"].tolist()), dtype=object))
        keep &= _casefold_filter(table, "actor", _values(actor, names["actor"]), "Actor", names["actor"], order)
    if speaker is not None:
        _require(table, "speaker", names["speaker"], names)
        order = sorted(set(text_values(table["speaker"].tolist())) - {""})
        keep &= _casefold_filter(table, "speaker", _values(speaker, names["speaker"]), "Speaker",
                                 names["speaker"], order)
    if kind is not None:
        kinds = _values(kind, names["kind"])
        for k in kinds:
            if k not in STATEMENT_KINDS:
                raise unknown_value("Kind", k, STATEMENT_KINDS, f"Pass {names['kind']} one of them.")
        _require(table, "kind", names["kind"], names)
        keep &= pd.Series(text_values(table["kind"].tolist()), index=table.index).isin(kinds)
    if frame is not None:
        keep &= _frame_mask(table, _values(frame, names["frame"]), names)
    if stance is not None:
        keep &= _stance_mask(table, stance, interface)
    if between is not None:
        keep &= _date_mask(table, between, keep, names, stacklevel)
    return table[keep]


def _frame_mask(table: pd.DataFrame, frames: list[str], names: dict[str, str]) -> pd.Series:
    flag = names["frame"]
    _require(table, "frames", flag, names,
             f"Frames come from scoring: score the statements first ({names['score']}), or leave out {flag}.")
    values = pd.Series(text_values(table["frames"].tolist()), index=table.index, dtype=object)
    # parsed once per distinct "a; b" value: a corpus has a few hundred frame sets for many statements
    labels = {v: {f.strip() for f in v.split(";") if f.strip()} for v in values.unique()}
    valid = frame_names(table) or sorted(set().union(set(), *labels.values()))
    for f in frames:
        if f not in valid:
            raise unknown_value("Frame", f, valid,
                                f"Pass {flag} one of the table's frames (its frame_<name> columns).")
    want = set(frames)
    return values.map({v: bool(s & want) for v, s in labels.items()}).astype(bool)


def _stance_mask(table: pd.DataFrame, stance, interface: str) -> pd.Series:
    names = _names(interface)
    flag = names["stance"]
    targets = stance_targets(table)
    if not targets:
        raise StancemapError(f"{flag} needs stance_<target> columns, and this table has none (a statements "
                             f"table?). Score the statements first ({names['score']}), or leave out {flag}.")
    keep = pd.Series(True, index=table.index)
    for target, values in parse_stance(stance, interface).items():
        if target not in targets:
            raise unknown_value("Stance target", target, targets, f"Pass {names['stance_form']} with one of the "
                                "table's targets (its stance_<target> columns).")
        col = pd.Series(text_values(table[f"stance_{target}"].tolist()), index=table.index)
        keep &= col.isin(values)
    return keep


def _date_mask(table: pd.DataFrame, between, eligible: pd.Series, names: dict[str, str],
               stacklevel: int) -> pd.Series:
    flag = names["between"]
    if isinstance(between, str) or not isinstance(between, Sequence) or len(between) != 2:
        raise StancemapError(f"{flag} takes two dates, a start and an end (inclusive; either may be open: "
                             f"None), e.g. ('2022-02-24', '2022-06-30'); got {between!r}.")
    start = _parse_day(between[0], "start", flag)
    end = _parse_day(between[1], "end", flag)
    if start is not None and end is not None and start > end:
        raise StancemapError(f"{flag}: the start {start.date()} is after the end {end.date()}. Give the earlier "
                             "date first.")
    _require(table, "date", flag, names)
    days = pd.to_datetime(_dates(table["date"]).replace("", None), errors="coerce", format="%Y-%m-%d")
    undated = days.isna()
    n_undated = int((undated & eligible).sum())
    if n_undated:
        warnings.warn(f"{n_undated} of {int(eligible.sum())} statements have no usable date; left out by the "
                      f"date range ({flag}).", LossyStepWarning, stacklevel=stacklevel)
    keep = ~undated
    if start is not None:
        keep &= days >= start
    if end is not None:
        keep &= days <= end
    return keep.fillna(False).astype(bool)


# -- matching --------------------------------------------------------------------

def _word_pattern(term: str) -> str:
    parts = []
    for word in term.split():
        piece = "".join(r"\w*" if ch == "*" else "['’]" if ch in "'’" else re.escape(ch) for ch in word)
        parts.append(piece)
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


def compile_terms(terms, *, regex: bool = False, case_sensitive: bool = False,
                  interface: str = "python") -> list[tuple[str, re.Pattern]]:
    """``[(term, compiled pattern)]`` for the search terms (a string or a list of them)."""
    names = _names(interface)
    terms = _values(terms, names["terms"]) if terms is not None else []
    terms = [t for t in terms if t.strip()]
    if not terms:
        raise StancemapError(f"Give a search term ({names['terms']}), e.g. 'sanctions'. To list every statement "
                             "that passes the filters, use stancemap.search.filter_statements.")
    flags = 0 if case_sensitive else re.IGNORECASE
    out = []
    for t in dict.fromkeys(terms):
        try:
            out.append((t, re.compile(t if regex else _word_pattern(t), flags)))
        except re.error as e:
            raise StancemapError(f"Search term {t!r} is not a valid regular expression ({e}). Escape special "
                                 rf"characters (\. \( \?) or leave out {names['regex']} to match the words "
                                 "as written.") from None
    return out


def find_matches(text: str, patterns: list[tuple[str, re.Pattern]]) -> list[tuple[int, int, int]]:
    """Non-overlapping ``(start, end, term index)`` of the patterns in ``text``, in text order:
    where matches overlap, the earlier, then the longer, then the first term's is kept."""
    if len(patterns) == 1:  # one pattern: finditer's matches never overlap
        return [(m.start(), m.end(), 0) for m in patterns[0][1].finditer(text) if m.end() > m.start()]
    found = [(m.start(), m.end(), i) for i, (_, p) in enumerate(patterns) for m in p.finditer(text)
             if m.end() > m.start()]
    found.sort(key=lambda x: (x[0], -(x[1] - x[0]), x[2]))
    out, last = [], -1
    for s, e, i in found:
        if s >= last:
            out.append((s, e, i))
            last = e
    return out


_FLAT = str.maketrans("\r\n\t\f\v", "     ")
_BREAKS = re.compile(r"[\r\n\t\f\v]")


def _flat(s: str) -> str:
    """Line breaks and tabs as spaces (one character for one, so offsets still hold)."""
    return s.translate(_FLAT) if _BREAKS.search(s) else s


def empty_search() -> pd.DataFrame:
    """An empty ``search`` table with the declared columns and dtypes."""
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in SEARCH_COLUMNS})
    return df.astype({"char_start": "Int64", "char_end": "Int64", "match_start": "int64", "match_end": "int64"})


def search(table: pd.DataFrame, terms, *, actor=None, speaker=None, kind=None, frame=None, stance=None,
           between=None, regex: bool = False, case_sensitive: bool = False, width: int = DEFAULT_WIDTH,
           interface: str = "python") -> pd.DataFrame:
    """Keyword in context: one row per match of ``terms`` in the ``text`` of the statements
    that pass the filters (see :func:`filter_statements`), with ``width`` characters of
    context either side, the statement, its source and span (the ``search`` table).

    ``terms``: a word or phrase, or a list of them (any of them), matched case-insensitively
    as whole words (``*`` = any letters); ``regex=True`` for regular expressions,
    ``case_sensitive=True`` to respect case. The statement's span in its document is
    ``char_start``–``char_end``; the match's is ``char_start + match_start`` onwards.
    Ordered by date (undated last), document, position. ``out.attrs["search"]`` records
    the query, the filters and how many statements were searched.
    """
    names = _names(interface)
    if not isinstance(width, int) or isinstance(width, bool) or width < 0:
        raise StancemapError(f"{names['width']} is the number of characters of context either side, a whole "
                             f"number ≥ 0 (e.g. 40); got {width!r}.")
    patterns = compile_terms(terms, regex=regex, case_sensitive=case_sensitive, interface=interface)
    if is_dask(table):
        table = table.compute()
    if not isinstance(table, pd.DataFrame):
        raise StancemapError(f"Expected a pandas DataFrame (a statements or scored table), got "
                             f"{type(table).__name__}.")
    if "text" not in table.columns:
        have = [str(c) for c in table.columns]
        raise StancemapError(f"The table has no 'text' column to search. Columns are: {', '.join(have) or '(none)'}."
                             f"{did_you_mean('text', have)} Search a statements or scored table "
                             "(stancemap extract / stancemap score).")
    kept = _filter(table, actor=actor, speaker=speaker, kind=kind, frame=frame, stance=stance, between=between,
                   interface=interface, stacklevel=4)
    out = _matches(kept, patterns, width)
    filters = {k: v for k, v in (("actor", actor), ("speaker", speaker), ("kind", kind), ("frame", frame),
                                 ("stance", parse_stance(stance, interface) or None), ("between", between))
               if v is not None}
    out.attrs["search"] = {
        "terms": [t for t, _ in patterns], "regex": bool(regex), "case_sensitive": bool(case_sensitive),
        "filters": {k: (list(v) if isinstance(v, tuple) else v) for k, v in filters.items()},
        "statements_searched": int(len(kept)), "statements_matched": int(out["statement_id"].nunique()),
        "statements_in_table": int(len(table)),
    }
    return out


def _column(df: pd.DataFrame, name: str) -> list[str]:
    return text_values(df[name].tolist()) if name in df.columns else [""] * len(df)


def _statement_order(kept: pd.DataFrame, cols: dict[str, list], dates: list[str], starts: pd.Series) -> list[int]:
    """Positions of ``kept``'s rows by date (undated last), document, start, id, then table order."""
    keys = pd.DataFrame({"undated": [d == "" for d in dates], "date": dates, "doc": cols["doc_id"],
                         "no_start": starts.isna().to_numpy(), "start": starts.fillna(0).to_numpy(),
                         "id": cols["statement_id"], "row": range(len(kept))})
    return keys.sort_values(list(keys.columns), kind="stable")["row"].tolist()


def _prepared(kept: pd.DataFrame) -> tuple[list[str], list[str], dict[str, list], dict[str, pd.Series], list[int]]:
    """``kept``'s texts, dates, text columns, span columns and :func:`_statement_order`: what
    :func:`_matches` and :func:`matching_statement_ids` read."""
    texts = _column(kept, "text")
    dates = _dates(kept["date"]).tolist() if "date" in kept.columns else [""] * len(kept)
    cols = {c: _column(kept, c) for c in ("statement_id", "doc_id", "actor", "speaker", "kind", "source_title",
                                          "source_url")}
    spans = {c: (pd.to_numeric(pd.Series(kept[c].to_numpy()), errors="coerce").astype("Int64")
                 if c in kept.columns else pd.Series(pd.NA, index=range(len(kept)), dtype="Int64"))
             for c in _INT_COLUMNS}
    return texts, dates, cols, spans, _statement_order(kept, cols, dates, spans["char_start"])


def matching_statement_ids(table: pd.DataFrame, terms, *, actor=None, interface: str = "python") -> dict[str, list[str]]:
    """For each of ``terms``, searched on its own, the ``statement_id`` of every statement of
    ``actor`` it matches, in :func:`search`'s order: the statements of
    ``search(table, term, actor=actor)``, with the filter and the ordering done once for all terms."""
    terms = _values(terms, _names(interface)["terms"])
    kept = _filter(table, actor=actor, speaker=None, kind=None, frame=None, stance=None, between=None,
                   interface=interface, stacklevel=4)
    texts, _dates_, cols, _spans, order = _prepared(kept)
    out = {}
    for term in terms:
        patterns = compile_terms(term, interface=interface)
        out[term] = list(dict.fromkeys(cols["statement_id"][i] for i in order if find_matches(texts[i], patterns)))
    return out


def _matches(kept: pd.DataFrame, patterns, width: int) -> pd.DataFrame:
    """The ``search`` table of ``kept``: statements in :func:`_statement_order`, matches in text order."""
    if not len(kept):
        return empty_search()
    texts, dates, cols, spans, order = _prepared(kept)
    rows, terms, left, match, right, m_start, m_end = [], [], [], [], [], [], []
    for i in order:
        text = texts[i]
        found = find_matches(text, patterns)
        if not found:
            continue
        flat = _flat(text)
        for s, e, t in found:
            rows.append(i)
            terms.append(patterns[t][0])
            left.append(flat[max(0, s - width):s])
            match.append(text[s:e])
            right.append(flat[e:e + width])
            m_start.append(s)
            m_end.append(e)
    if not rows:
        return empty_search()
    take = {c: [v[i] for i in rows] for c, v in cols.items()}
    data = {**take, "date": [dates[i] for i in rows], "term": terms, "left": left, "match": match, "right": right,
            "text": [texts[i] for i in rows],
            "char_start": spans["char_start"].take(rows).reset_index(drop=True),
            "char_end": spans["char_end"].take(rows).reset_index(drop=True),
            "match_start": pd.Series(m_start, dtype="int64"), "match_end": pd.Series(m_end, dtype="int64")}
    return pd.DataFrame({c: data[c] for c in SEARCH_COLUMNS})


# -- rendering -------------------------------------------------------------------

def describe(results: pd.DataFrame) -> str:
    """One line: how many matches in how many statements, of how many searched, and the query."""
    meta = results.attrs.get("search", {})
    n_st = results["statement_id"].nunique() if len(results) else 0
    terms = " or ".join(f"“{t}”" for t in meta.get("terms", sorted(set(results.get("term", [])))))
    searched = meta.get("statements_searched")
    of = f" (of {searched} searched)" if searched is not None else ""
    filters = "; ".join(_filter_text(k, v) for k, v in meta.get("filters", {}).items())
    how = ("regular expression" if meta.get("regex") else "whole words") + (
        ", case-sensitive" if meta.get("case_sensitive") else "")
    line = f"{len(results)} match{'es' if len(results) != 1 else ''} of {terms or 'the terms'} in {n_st} " \
           f"statement{'s' if n_st != 1 else ''}{of}"
    if meta:
        line += f"; {how}"
    return line + (f"; filters: {filters}" if filters else "") + "."


def _filter_text(key: str, value) -> str:
    if key == "between":
        start, end = (value[0] or "…", value[1] or "…") if len(value) == 2 else (value, "")
        return f"dates {start} to {end}"
    if key == "stance":
        return "stance " + ", ".join(f"{t} = {' or '.join(v)}" for t, v in value.items())
    vals = [value] if isinstance(value, str) else list(value)
    return f"{key} = {' or '.join(map(str, vals))}"


def to_text(results: pd.DataFrame, *, width: int | None = None) -> str:
    """A readable concordance for a terminal: date, actor, speaker, the match in
    [brackets] between its context (aligned), and the statement id."""
    if not len(results):
        return describe(results)
    w = width if width is not None else max([len(x) for x in results["left"]] + [1])
    speaker_w = min(24, max(len("speaker"), *(len(s) for s in results["speaker"])))
    actor_w = max(len("actor"), *(len(a) for a in results["actor"]))
    lines = [describe(results), ""]
    for r in results.itertuples(index=False):
        left = r.left if len(r.left) <= w else "…" + r.left[-(w - 1):]
        spk = r.speaker if len(r.speaker) <= speaker_w else r.speaker[:speaker_w - 1] + "…"
        lines.append(f"{(r.date or 'undated'):<10}  {r.actor:<{actor_w}}  {spk:<{speaker_w}}  "
                     f"{left:>{w}}[{r.match}]{r.right}  {r.statement_id}".rstrip())
    return "\n".join(lines)


_CSS = """body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:70rem;
padding:0 1rem;color:#222;line-height:1.45}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.3rem .4rem;vertical-align:top;text-align:left}
td.left{text-align:right;white-space:nowrap;overflow:hidden;max-width:22rem;direction:rtl}
td.left span{direction:ltr;unicode-bidi:embed}td.right{white-space:nowrap;overflow:hidden;max-width:22rem}
mark{background:#ffe08a;padding:0 .1em}td.match{white-space:nowrap}blockquote{margin:.3rem 0;
padding-left:.8rem;border-left:3px solid #ccc}.meta,.note{color:#555;font-size:.9rem}li{margin-bottom:1rem}"""


def _link(url: str, label: str) -> str:
    """An ``<a>`` for http(s) URLs only (never ``javascript:``), else the escaped text."""
    label_html = html.escape(label or url)
    if re.match(r"https?://", url.strip(), flags=re.I):
        return f'<a href="{html.escape(url.strip(), quote=True)}" rel="noopener noreferrer">{label_html}</a>'
    return label_html + (f" ({html.escape(url)})" if url and label else "")


def _highlight(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in sorted(set(spans)):
        if s < pos:
            continue
        out += [html.escape(text[pos:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        pos = e
    return "".join(out) + html.escape(text[pos:])


def to_html(results: pd.DataFrame, *, title: str | None = None) -> str:
    """A self-contained HTML page of the search table: the concordance with each match
    highlighted, then every matching statement in full with its source link and span.
    Every value is escaped (statement text is untrusted), only http(s) links are made,
    and the page allows no script (Content-Security-Policy). Deterministic."""
    meta = results.attrs.get("search", {})
    terms = meta.get("terms") or list(dict.fromkeys(text_values(results["term"].tolist())))
    title = title or "Statements matching " + " or ".join(f"“{t}”" for t in terms)
    anchors = {sid: f"st-{i + 1}" for i, sid in enumerate(dict.fromkeys(
        (r.statement_id, r.doc_id, r.text) for r in results.itertuples(index=False)))}
    rows, spans = [], {}
    for r in results.itertuples(index=False):
        key = (r.statement_id, r.doc_id, r.text)
        spans.setdefault(key, []).append((int(r.match_start), int(r.match_end)))
        rows.append(
            f'<tr><td>{html.escape(r.date or "undated")}</td><td>{html.escape(r.actor)}</td>'
            f'<td>{html.escape(r.speaker)}</td><td class="left"><span>{html.escape(r.left)}</span></td>'
            f'<td class="match"><mark>{html.escape(r.match)}</mark></td><td class="right">{html.escape(r.right)}</td>'
            f'<td><a href="#{anchors[key]}">statement</a></td></tr>')
    items = []
    first = {}
    for r in results.itertuples(index=False):
        first.setdefault((r.statement_id, r.doc_id, r.text), r)
    for key, r in first.items():
        span = "" if pd.isna(r.char_start) else f"; characters {int(r.char_start)}–{int(r.char_end)}"
        source = _link(r.source_url, r.source_title) if (r.source_url or r.source_title) else "no source given"
        items.append(
            f'<li id="{anchors[key]}"><blockquote>{_highlight(r.text, spans[key])}</blockquote>'
            f'<p class="meta">{html.escape(r.speaker or "(no speaker)")} ({html.escape(r.actor)}, '
            f'{html.escape(r.kind or "?")}), {html.escape(r.date or "undated")} — {source}<br>'
            f'statement {html.escape(r.statement_id)}, document {html.escape(r.doc_id)}{html.escape(span)}</p></li>')
    body = "\n".join(rows) or '<tr><td colspan="7">No matches.</td></tr>'
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n<p>{html.escape(describe(results))}</p>\n"
        "<p class=\"note\">Frames and stances are a model's reading of a statement, not the speaker's intent; "
        "attribution is automatic. Read each statement in its source before you quote it.</p>\n"
        "<table>\n<thead><tr><th>date</th><th>actor</th><th>speaker</th><th></th><th>match</th><th></th>"
        "<th></th></tr></thead>\n<tbody>\n" + body + "\n</tbody>\n</table>\n"
        "<h2>The statements</h2>\n<ol>\n" + "\n".join(items) + "\n</ol>\n</body>\n</html>\n")


def statement_cards(rows: pd.DataFrame, labels: Mapping[str, str] | None = None) -> list[dict]:
    """One dict per row of a statements or scored table, for a page: ``id``, ``doc_id``, ``actor``
    (its label from ``labels``), ``speaker``, ``cue``, ``kind``, ``date``, ``text`` (``source_text`` when
    there: the source's own characters), ``url`` (http(s) only, else ""), ``title``, ``span``
    ("466–538", "" when unknown) and ``frames``."""
    labels = labels or {}
    n = len(rows)
    col = {c: _column(rows, c) for c in ("statement_id", "doc_id", "actor", "speaker", "cue", "kind", "text", "source_text",
                                         "source_title", "source_url", "frames")}
    dates = _dates(rows["date"]).tolist() if "date" in rows.columns else [""] * n
    spans = {c: (pd.to_numeric(pd.Series(rows[c].to_numpy()), errors="coerce") if c in rows.columns
                 else pd.Series([float("nan")] * n)).tolist() for c in _INT_COLUMNS}
    out = []
    for i in range(n):
        s, e = spans["char_start"][i], spans["char_end"][i]
        url = col["source_url"][i].strip()
        out.append({"id": col["statement_id"][i], "doc_id": col["doc_id"][i],
                    "actor": labels.get(col["actor"][i], col["actor"][i]), "speaker": col["speaker"][i],
                    "cue": col["cue"][i],
                    "kind": col["kind"][i], "date": dates[i], "text": col["source_text"][i].strip() or col["text"][i],
                    "url": url if re.match(r"https?://", url, flags=re.I) else "", "title": col["source_title"][i],
                    "span": "" if pd.isna(s) or pd.isna(e) else f"{int(s)}–{int(e)}", "frames": col["frames"][i]})
    return out


def cells_to_html(cells: Sequence[Mapping], *, title: str, intro: str = "") -> str:
    """A self-contained page of the statements behind each bar or cell of a figure: per cell (``id``,
    ``label``, ``n``, ``query``, ``statements`` — :func:`statement_cards`), a heading with its
    anchor, how to get every one of them, and each statement with its speaker, date, source link
    and character span. Escaped, no script (Content-Security-Policy), deterministic."""
    parts = []
    for c in cells:
        shown = list(c.get("statements", []))
        more = int(c["n"]) - len(shown)
        items = []
        for st in shown:
            source = _link(st["url"], st["title"]) if (st["url"] or st["title"]) else "no source given"
            span = f"; characters {st['span']}" if st["span"] else ""
            cue = f" <em>{html.escape(st['cue'])}</em>" if st.get("cue") and st["cue"] != "turn" else ""
            items.append(f'<li><blockquote>{html.escape(st["text"])}</blockquote><p class="meta">'
                         f'{html.escape(st["speaker"] or "(no speaker)")}{cue} ({html.escape(st["actor"])}, '
                         f'{html.escape(st["kind"] or "?")}), {html.escape(st["date"] or "undated")} — {source}<br>'
                         f'statement {html.escape(st["id"])}, document {html.escape(st["doc_id"])}'
                         f'{html.escape(span)}</p></li>')
        tail = (f'<p class="note">… and {more} more: {html.escape(c.get("query", ""))}</p>' if more > 0 else
                f'<p class="note">The same in Python: <code>{html.escape(c.get("query", ""))}</code></p>'
                if c.get("query") else "")
        parts.append(f'<section id="{html.escape(c["id"], quote=True)}"><h2>{html.escape(c["label"])} — '
                     f'{int(c["n"])} statement{"s" if int(c["n"]) != 1 else ""}</h2>\n<ol>\n' + "\n".join(items)
                     + "\n</ol>\n" + tail + "</section>")
    body = "\n".join(parts) or "<p>No statements behind this figure.</p>"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n" + (f"<p>{html.escape(intro)}</p>\n" if intro else "")
        + "<p class=\"note\">Frames and stances are a model's reading of a statement, not the speaker's intent; "
        "attribution is automatic. Read each statement in its source before you quote it.</p>\n"
        + body + "\n</body>\n</html>\n")


from ._callable import make_callable  # noqa: E402

make_callable(__name__, "search")
