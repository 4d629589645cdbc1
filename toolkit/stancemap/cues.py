"""Attribution verbs: which verbs introduce each actor's statements, with shares and keyness.

A statement's ``cue`` ("said", "insisted", "warned", "claimed", "admitted", "called
for", "stated by" …) is grouped by its lemma in the extractor's cue lexicon
(:data:`stancemap.extract.CUES`: said / says / saying → ``say``; "called for" →
``call``; a passive "stated by" → ``state``). A cue the lexicon does not know is
kept lower-cased as it is ("omitted"). Statements with no verb — official texts
(empty cue), transcript turns (cue ``turn``) and quotations after their speaker's
label (cue ``label``) — are left out of the shares with a
:class:`~stancemap.errors.LossyStepWarning`; ``verbs_only=False`` keeps them as
the verbs ``(no verb)``, ``(turn)`` and ``(label)``.

:func:`cue_counts`: per group (and per ``split`` value, e.g. ``split="outlet"``
when the articles come from several outlets) the count and share of its statements
each verb introduces, with Wilson score intervals (Wilson 1927; see
:func:`stancemap.compare.wilson_interval`). :func:`cue_keyness`: the verbs that set
one group apart from the others, weighted log-odds with an informative Dirichlet
prior (Monroe, Colaresi & Quinn 2008; :func:`stancemap.keyness.log_odds_dirichlet`).

:func:`narration` / :func:`with_narration`: a news article's own voice beside the
voices it quotes — its words outside every statement and every attribution
clause, as rows (``kind`` and ``actor`` ``narration``) with a ``voice`` column, so
frames can be scored on both and compared (``compare.frame_shares(scored, by="voice")``).
"""
from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

from .compare import DEFAULT_MIN_N, REST, group_labels, group_order, wilson_interval
from .errors import LossyStepWarning, SmallSampleWarning, StancemapError, unknown_value
from .extract import CUES
from .interface import current, option
from .keyness import log_odds_dirichlet
from .runtime import is_dask
from .schema import SUMMARY_COLUMNS, check_column, require_columns, text_value

#: The verb of a statement with an empty cue (an official text in its own voice).
NO_VERB = "(no verb)"
#: The verb of a transcript turn (cue ``turn``: the speaker's label introduces it).
TURN = "(turn)"
#: The verb of a quotation after its speaker's label (cue ``label``: "Sen. Ada Quill: “…”").
LABEL = "(label)"
#: The verb that pools the verbs used fewer than ``min_count`` times.
OTHER = "(other)"
CUE_COUNT_COLUMNS = SUMMARY_COLUMNS["cue_counts"]
CUE_KEYNESS_COLUMNS = SUMMARY_COLUMNS["cue_keyness"]
_SPACE = re.compile(r"\s+")
_CUE_FIX = ("The statements table needs its 'cue' column (the verb that introduces each statement): "
            "pass the table stancemap.extract(...) or `stancemap extract` wrote, or a scored table made from it.")


def cue_lemma(cue) -> str:
    """The lemma of one cue: ``"Said"`` → ``"say"``, ``"called for"`` → ``"call"``, ``"stated by"`` →
    ``"state"``, ``"According to"`` → ``"according"``; ``""`` → ``(no verb)``, ``"turn"`` → ``(turn)``,
    ``"label"`` → ``(label)``;
    a cue outside the extractor's lexicon → itself, lower-cased."""
    c = _SPACE.sub(" ", text_value(cue).strip().lower())
    if not c:
        return NO_VERB
    if c == "turn":
        return TURN
    if c == "label":
        return LABEL
    for form in (c, c.removesuffix(" by")):
        if form in CUES:
            return CUES[form][0]
    return c


def _prepare(statements, by: str, split: str | None, verbs_only: bool):
    """(table, groups, splits, verbs, forms) of the statements that count."""
    if is_dask(statements):
        cols = [c for c in dict.fromkeys([by, split, "cue", "kind", "doc_id"]) if c is not None and c in statements.columns]
        statements = statements[cols].compute().reset_index(drop=True)
    require_columns(statements, ["cue"], "statements table", _CUE_FIX)
    check_column(statements, by, "Grouping column", "statements table")
    if split is not None:
        check_column(statements, split, "Split column", "statements table")
        if split == by:
            raise StancemapError(f"split={split!r} is the same column as by={by!r}; "
                                 "choose another column to split by (e.g. split='outlet').")
    forms = statements["cue"].map(lambda c: _SPACE.sub(" ", text_value(c).strip().lower()))
    verbs = forms.map(cue_lemma)
    if verbs_only:
        keep = ~verbs.isin([NO_VERB, TURN, LABEL])
        dropped = int((~keep).sum())
        if dropped:
            n_turn = int((verbs == TURN).sum())
            n_label = int((verbs == LABEL).sum())
            told = (statements["kind"].map(text_value) == NARRATION).to_numpy() if "kind" in statements else \
                np.zeros(len(statements), bool)
            n_told = int(told.sum())
            told_note = f", {n_told} narration rows (the article's own voice)" if n_told else ""
            told_note += f", {n_label} quotations after their speaker's label" if n_label else ""
            warnings.warn(f"{dropped} of {len(statements)} statements have no attribution verb "
                          f"({dropped - n_turn - n_told - n_label} official texts with an empty cue, "
                          f"{n_turn} transcript turns"
                          f"{told_note}); "
                          f"left out of the verb shares. Pass {_keep_all()} to keep them as "
                          f"{NO_VERB!r}, {TURN!r} and {LABEL!r}.", LossyStepWarning, stacklevel=3)
        statements, forms, verbs = statements[keep.to_numpy()], forms[keep], verbs[keep]
    groups = group_labels(statements, by) if len(statements) else pd.Series([], dtype=object)
    splits = None
    if split is not None:
        splits = group_labels(statements, split) if len(statements) else pd.Series([], dtype=object)
    return statements, groups.to_numpy(), None if splits is None else splits.to_numpy(), verbs.to_numpy(), \
        forms.to_numpy()


def _keep_all() -> str:
    """How the user keeps the statements no verb introduces, in their interface."""
    return "--all-statements" if current() == "cli" else "verbs_only=False"


def _check_min_count(min_count) -> None:
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise StancemapError(f"{option('min_count')} must be a whole number ≥ 1, got {min_count!r}; "
                             f"e.g. {option('min_count', 2)}.")


def _attrs(table: pd.DataFrame, statements: pd.DataFrame, **kw) -> None:
    table.attrs.update(n_statements=int(len(statements)), **kw)
    if "doc_id" in statements.columns:
        table.attrs["n_documents"] = int(statements["doc_id"].nunique())


def cue_counts(statements: pd.DataFrame, by: str = "actor", split: str | None = None, *, min_count: int = 1,
               verbs_only: bool = True, level: float = 0.95, min_n: int = DEFAULT_MIN_N,
               registry=None) -> pd.DataFrame:
    """Which attribution verbs introduce each group's statements: counts and shares with Wilson intervals.

    ``by``: the grouping column (``actor``, ``speaker`` …); ``split``: a second column
    whose values get separate shares (``"outlet"`` when the articles come from several
    outlets). Verbs used fewer than ``min_count`` times in the whole table are pooled as
    ``(other)``. Every verb appears for every group (0 of n included). ``n`` counts the
    group's statements introduced by a verb; ``small_n`` flags ``n < min_n``.

    Returns ``group, [split], verb, forms, n, count, share, ci_low, ci_high, ci_method,
    small_n``, by group (registry order), split value, then count (highest first) and verb.
    """
    _check_min_count(min_count)
    statements, groups, splits, verbs, forms = _prepare(statements, by, split, verbs_only)
    totals = pd.Series(verbs, dtype=object).value_counts()
    rare = set(totals[totals < min_count].index)
    verbs = np.array([OTHER if v in rare else v for v in verbs], dtype=object)
    vocab = sorted(set(verbs))
    cols = [c if c != "<split>" else split for c in CUE_COUNT_COLUMNS if c != "<split>" or split]
    rows, small = [], {}
    for sv in (group_order(splits, registry) if splits is not None else [None]):
        in_split = np.ones(len(verbs), bool) if sv is None else splits == sv
        for g in group_order(groups[in_split], registry):
            sel = in_split & (groups == g)
            n = int(sel.sum())
            counts = pd.Series(verbs[sel], dtype=object).value_counts()
            seen = pd.DataFrame({"verb": verbs[sel], "form": forms[sel]})
            block = []
            for v in vocab:
                fs = sorted(set(seen.loc[seen["verb"] == v, "form"]) - {""})
                block.append({"group": g, **({split: sv} if split else {}), "verb": v, "forms": ";".join(fs),
                              "n": n, "count": int(counts.get(v, 0))})
            rows += sorted(block, key=lambda r: (-r["count"], r["verb"]))
            if n < min_n:
                small[g if sv is None else f"{g} ({split}={sv})"] = n
    out = pd.DataFrame(rows, columns=cols[:cols.index("count") + 1])
    n = out["n"].to_numpy(dtype=float)
    lo, hi = wilson_interval(out["count"].to_numpy(dtype=float), n, level)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share"] = np.where(n > 0, out["count"].to_numpy(dtype=float) / np.where(n > 0, n, 1), np.nan)
    out["ci_low"], out["ci_high"], out["ci_method"] = lo, hi, "wilson"
    out["small_n"] = (out["n"] < min_n).astype(bool)
    out = out[cols].reset_index(drop=True).astype({"n": "int64", "count": "int64", "share": "float64",
                                                    "ci_low": "float64", "ci_high": "float64", "small_n": bool})
    if small:
        listed = ", ".join(f"{g}: {k}" for g, k in small.items())
        warnings.warn(f"{len(small)} group(s) have fewer than {min_n} statements introduced by a verb ({listed}); "
                      "their shares are flagged small_n=True and their intervals are wide.",
                      SmallSampleWarning, stacklevel=2)
    _attrs(out, statements, by=by, split=split, level=level, min_n=min_n, min_count=min_count,
           verbs_only=verbs_only, interval="wilson")
    return out


def cue_keyness(statements: pd.DataFrame, by: str = "actor", split: str | None = None, *,
                reference: str | None = None, min_count: int = 2, verbs_only: bool = True,
                registry=None) -> pd.DataFrame:
    """The attribution verbs that set each group apart: weighted log-odds with an informative
    Dirichlet prior (Monroe, Colaresi & Quinn 2008), the verbs as the vocabulary.

    Each group is compared with all other statements (``reference=None``, one-vs-rest) or
    with the group ``reference``; with ``split`` within each split value. The prior is
    each verb's count in the (split's) table; verbs used fewer than ``min_count`` times
    there are left out. z > 1.96: the group's statements are notably more often
    introduced by that verb.

    Returns ``group, [split], verb, reference, n_group, n_reference, total_group,
    total_reference, log_odds, z``, by group then z (highest first) then verb.
    """
    _check_min_count(min_count)
    statements, groups, splits, verbs, _ = _prepare(statements, by, split, verbs_only)
    cols = [c if c != "<split>" else split for c in CUE_KEYNESS_COLUMNS if c != "<split>" or split]
    all_groups = group_order(groups, registry)
    if reference not in (None, REST) and reference not in all_groups:
        raise unknown_value("Reference group", reference, [REST, *all_groups],
                            f"Pass reference=None for one-vs-rest, or one of the values of column {by!r}.")
    frames = []
    for sv in (group_order(splits, registry) if splits is not None else [None]):
        sel = np.ones(len(verbs), bool) if sv is None else splits == sv
        wide = pd.crosstab(pd.Series(verbs[sel], name="verb"), pd.Series(groups[sel], name="group"))
        wide = wide[wide.sum(axis=1) >= min_count].sort_index()
        if not len(wide):
            continue
        corpus = wide.sum(axis=1).to_numpy(dtype=float)
        for g in group_order(groups[sel], registry):
            if g == reference or g not in wide.columns:
                continue
            y_i = wide[g].to_numpy(dtype=float)
            if reference in (None, REST):
                y_j, ref = corpus - y_i, REST
            else:
                if reference not in wide.columns:
                    continue
                y_j, ref = wide[reference].to_numpy(dtype=float), reference
            delta, z = log_odds_dirichlet(y_i, y_j, corpus)
            df = pd.DataFrame({"group": g, **({split: sv} if split else {}), "verb": wide.index.to_numpy(),
                               "reference": ref, "n_group": y_i.astype("int64"), "n_reference": y_j.astype("int64"),
                               "total_group": int(y_i.sum()), "total_reference": int(y_j.sum()),
                               "log_odds": delta, "z": z})
            frames.append(df.sort_values(["z", "verb"], ascending=[False, True], kind="stable"))
    out = pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)
    _attrs(out, statements, by=by, split=split, reference=reference or REST, min_count=min_count,
           verbs_only=verbs_only, prior="corpus")
    return out


# -- the article's own voice --------------------------------------------------------

#: ``actor`` and ``kind`` of a narration row (the article's own words).
NARRATION = "narration"
#: ``extractor`` of a narration row.
NARRATOR = "stancemap.narration/0.1"
#: ``confidence`` of a narration row: a statement the extractor missed reads as narration.
NARRATION_CONFIDENCE = 0.8
_PIECE_EDGE = " \t\n,;:—–-()[]“”\"‘’'…"
#: What may lie between a statement and the clause that introduces it: marks, and "that".
_GAP = re.compile(r"[\s,;:—–\-“”\"‘’'(\[]*(?:that\b)?[\s“”\"‘’'(\[]*\Z")
_WORDS = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")


def _subtract(start: int, end: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``start``–``end`` outside every span of ``covered`` (sorted)."""
    out, pos = [], start
    for s, e in covered:
        if e <= pos or s >= end:
            continue
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < end:
        out.append((pos, end))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _PIECE_EDGE:
        s += 1
    while e > s and text[e - 1] in _PIECE_EDGE and not (text[e - 1] in ")”’\"'" and _opened(text, s, e)):
        e -= 1
    return s, e


def _opened(text: str, s: int, e: int) -> bool:
    """Whether the closing mark at ``e - 1`` closes something opened inside the piece."""
    pairs = {")": "(", "”": "“", "’": "‘", '"': '"', "'": "'"}
    return pairs[text[e - 1]] in text[s:e - 1]


def _introduces_next(piece: str, cue: str | None) -> bool:
    """Whether ``piece`` is the clause that introduces the statement right after it: that
    statement's cue is among its last words ("Zelensky, speaking from Finland, said";
    "Starmer reassured Zelensky that")."""
    words = [w.lower() for w in _WORDS.findall(piece)]
    c = (cue or "").lower().split()
    tail = words[-(len(c) + 4):]
    return bool(c and words) and any(tail[i:i + len(c)] == c for i in range(len(tail)))


def _end_of_cue(piece: str, cue: str | None) -> int | None:
    """Where the attribution of the statement right before ``piece`` ends in it: just after that
    statement's cue when it is among the piece's first five words (“…,” he wrote on Truth
    Social; “…,” Quill said, and …), else None."""
    c = (cue or "").split()
    if not c:
        return None
    m = re.search(r"(?<![\w’'])" + r"\s+".join(map(re.escape, c)) + r"(?![\w’'])", piece, flags=re.I)
    if m is None or len(_WORDS.findall(piece[:m.start()])) > 4:
        return None
    return m.end()


def _raw_mapper(text: str, raw: str):
    """A function from a span of ``text`` to the same span of ``raw`` ((-1, -1) when it cannot be traced)."""
    if not raw or raw == text:
        return lambda s, e: (s, e)
    from .clean import clean_text_map

    m = clean_text_map(raw)
    if m.text == text:
        return m.raw_span
    return lambda s, e: (-1, -1)


def narration(documents: pd.DataFrame, statements: pd.DataFrame, *, min_words: int = 4) -> pd.DataFrame:
    """The words of each news article outside every statement it reports: its own voice.

    For every article (``doc_kind`` not ``official``: an official text is all its
    author's own voice, and is left out), each sentence
    (:func:`stancemap.text.sentence_spans`) less the spans of the article's statements
    in ``statements``; each remaining piece of at least ``min_words`` words is one row.
    A piece that only introduces a statement (it ends with the statement's cue —
    "Zelensky, speaking from Finland, said" — or names it among its first words after
    it — "he wrote on Truth Social.") is the statement's attribution, not the outlet's
    framing, and is left out. Rows have the statements table's columns: ``actor`` and
    ``kind`` ``narration``, ``speaker`` the outlet (``(outlet not given)`` when empty),
    ``cue`` empty, exact spans in ``text`` and ``raw_text``, the document's provenance,
    ``confidence`` 0.8 (a statement the extractor missed reads as narration), and
    ``voice = "narration"``. ``out.attrs["narration"]`` counts the pieces kept and left out.
    Score the rows like statements; :func:`with_narration` puts them beside the quoted ones.
    """
    import hashlib

    from .schema import DOCUMENT_COLUMNS, PROVENANCE_COLUMNS, STATEMENT_COLUMNS, VOICE_COLUMN, text_values
    from .text import sentence_spans

    if is_dask(documents):
        documents = documents.compute()
    if is_dask(statements):
        statements = statements.compute()
    require_columns(documents, ["doc_id", "text"], "documents table",
                    "Pass the documents table stancemap.load(...) returned (the statements' spans refer to its text).")
    require_columns(statements, ["doc_id", "char_start", "char_end", "cue"], "statements table", _CUE_FIX)
    if isinstance(min_words, bool) or not isinstance(min_words, (int, np.integer)) or min_words < 1:
        raise StancemapError(f"{option('min_words')} must be a whole number ≥ 1, got {min_words!r}; "
                             f"e.g. {option('min_words', 4)}.")
    spans: dict[str, list[tuple[int, int, str]]] = {}
    starts = pd.to_numeric(statements["char_start"], errors="coerce")
    ends = pd.to_numeric(statements["char_end"], errors="coerce")
    for did, s, e, cue in zip(text_values(statements["doc_id"]), starts, ends, text_values(statements["cue"])):
        if pd.notna(s) and pd.notna(e) and e > s:
            spans.setdefault(did, []).append((int(s), int(e), cue))

    def col(name: str) -> list[str]:
        return text_values(documents[name]) if name in documents.columns else [""] * len(documents)

    cols = {c: col(c) for c in DOCUMENT_COLUMNS}
    out: dict[str, list] = {c: [] for c in [*STATEMENT_COLUMNS, VOICE_COLUMN]}
    counts = {"documents": 0, "official_documents": 0, "pieces": 0, "kept": 0, "attribution": 0, "short": 0}
    for i, did in enumerate(cols["doc_id"]):
        if cols["doc_kind"][i].strip().lower() == "official":
            counts["official_documents"] += 1
            continue
        counts["documents"] += 1
        text, raw = cols["text"][i], cols["raw_text"][i]
        stmts = sorted(set(spans.get(did, [])))
        covered = sorted({(s, e) for s, e, _ in stmts})
        to_raw = _raw_mapper(text, raw)
        outlet = cols["outlet"][i].strip() or "(outlet not given)"
        for ss, se in sentence_spans(text):
            for ps, pe in _subtract(ss, se, covered):
                ps, pe = _trim(text, ps, pe)
                piece = text[ps:pe]
                n_words = len(_WORDS.findall(piece))
                if not n_words:           # the full stop after a statement
                    continue
                counts["pieces"] += 1
                before = next((c for _, e, c in reversed(stmts) if e <= ps and _GAP.match(text, e, ps)), None)
                cut = _end_of_cue(piece, before)
                if cut is not None:       # the attribution of the statement before; the rest may be narration
                    counts["attribution"] += 1
                    ps, pe = _trim(text, ps + cut, pe)
                    piece = text[ps:pe]
                    n_words = len(_WORDS.findall(piece))
                    if not n_words:
                        continue
                if n_words < min_words:
                    counts["short"] += 1
                    continue
                after = next((c for s, _, c in stmts if s >= pe and _GAP.match(text, pe, s)), None)
                if _introduces_next(piece, after):
                    counts["attribution"] += 1
                    continue
                counts["kept"] += 1
                rs, re_ = to_raw(ps, pe)
                row = {
                    "statement_id": hashlib.blake2b(f"{did}\x1f{ps}\x1f{pe}\x1f{NARRATION}".encode("utf-8"),
                                                    digest_size=6).hexdigest(),
                    "doc_id": did, "actor": NARRATION, "speaker": outlet, "cue": "", "kind": NARRATION,
                    "text": piece, "char_start": ps, "char_end": pe, "raw_start": rs, "raw_end": re_,
                    "source_text": raw[rs:re_] if rs >= 0 and raw else (piece if not raw else ""),
                    "sentence": text[ss:se], **{c: cols[c][i] for c in PROVENANCE_COLUMNS},
                    "extractor": NARRATOR, "confidence": NARRATION_CONFIDENCE, VOICE_COLUMN: NARRATION,
                }
                for k, v in row.items():
                    out[k].append(v)
    df = pd.DataFrame(out).astype({"char_start": "int64", "char_end": "int64", "raw_start": "int64",
                                   "raw_end": "int64", "confidence": "float64"})
    df.attrs["narration"] = counts
    return df


def with_narration(statements: pd.DataFrame, documents: pd.DataFrame, *, min_words: int = 4) -> pd.DataFrame:
    """``statements`` with a ``voice`` column (``quoted``) and, after them, the narration of the
    news articles among ``documents`` (:func:`narration`, ``voice = "narration"``), ordered by
    document and position: score it, then compare the two voices, e.g.
    ``compare.frame_shares(scored, by="voice")`` — which frames the outlet uses in its own
    voice and which come from the people it quotes."""
    from .schema import VOICE_COLUMN, text_values

    if is_dask(statements):
        statements = statements.compute()
    scored = [c for c in statements.columns if c == "frames" or str(c).startswith(("frame_", "stance_"))]
    if scored:
        raise StancemapError(f"The statements table is already scored (it has {scored[0]!r}); the narration rows "
                             "would have no scores. Add the narration to the statements table first, then score "
                             "both: stancemap.score(stancemap.cues.with_narration(statements, documents)).")
    if VOICE_COLUMN in statements.columns and (statements[VOICE_COLUMN] == NARRATION).any():
        raise StancemapError("The statements table has narration rows already (voice = 'narration'); pass the "
                             "table stancemap.extract(...) returned.")
    told = narration(documents, statements, min_words=min_words)
    quoted = statements.assign(**{VOICE_COLUMN: "quoted"})
    both = pd.concat([quoted, told], ignore_index=True)
    order = pd.DataFrame({"doc": text_values(both["doc_id"]),
                          "start": pd.to_numeric(both["char_start"], errors="coerce").fillna(-1).to_numpy(),
                          "voice": (both[VOICE_COLUMN] != "quoted").to_numpy(), "row": range(len(both))})
    keep = order.sort_values(["doc", "start", "voice", "row"], kind="stable")["row"].to_numpy()
    out = both.iloc[keep].reset_index(drop=True)
    out.attrs["narration"] = told.attrs["narration"]
    return out
