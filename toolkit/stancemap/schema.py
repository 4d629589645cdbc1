"""Column names of every table the package writes, and their checks.

The documents table is what ``load`` returns; the statements table is the
contract between extraction and everything downstream; the scored table and
the summary tables (compare, keyness, the report's ``tables/``) are declared
below. corpora/README.md is the data dictionary of exactly these columns.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .errors import StancemapError, did_you_mean, unknown_value

#: Provenance columns copied from each document to each of its statements.
PROVENANCE_COLUMNS = ["date", "source_title", "source_url", "outlet", "language", "license"]

#: The documents table (one row per document), in this order.
DOCUMENT_COLUMNS = [
    "doc_id",       # stable id: file stem or the id column; unique within a load
    "path",         # file it came from ("" for in-memory tables)
    "title",
    "text",         # cleaned text: statement spans refer to this
    "raw_text",     # the text as read, before cleaning
    "dateline",     # e.g. "WASHINGTON/LONDON" ("" when none)
    "date",         # ISO date "YYYY-MM-DD" or "" when unknown
    "source_title",
    "source_url",
    "outlet",
    "author",
    "language",
    "license",
    "provenance",   # free text: who supplied it, how
    "doc_kind",     # "article" (reported speech) or "official" (the actor's own text)
    "doc_actor",    # for official texts: actor group of the author ("" otherwise)
    "doc_speaker",  # for official texts: the speaker/institution ("" otherwise)
]

#: The statements table (one row per attributed statement), in this order.
STATEMENT_COLUMNS = [
    "statement_id",
    "doc_id",
    "actor",
    "speaker",
    "cue",
    "kind",         # direct | mixed | indirect | official | question | embedded | narration
    "text",
    "char_start",   # span in the document's text (cleaned)
    "char_end",
    "raw_start",    # the same span in the document's raw_text (-1 when it cannot be traced)
    "raw_end",
    "source_text",  # raw_text[raw_start:raw_end]: the statement exactly as in the source
    "sentence",
    *PROVENANCE_COLUMNS,
    "extractor",
    "confidence",
]

#: ``question``: a reporter's or another unnamed asker's turn in a transcript (actor ``unattributed``);
#: ``embedded``: words quoted inside another speaker's quotation (“Oduya told me ‘we will never cede
#: Eastport’”), attributed to the person quoted, as reported by the speaker of the statement whose span
#: contains it; ``narration``: a news article's own words outside every statement it reports
#: (:func:`stancemap.cues.narration`; the extractor never gives it).
STATEMENT_KINDS = ("direct", "mixed", "indirect", "official", "question", "embedded", "narration")
UNATTRIBUTED = "unattributed"


def text_value(value) -> str:
    """The one missing-value rule for text: None, NaN, ``pd.NA`` and ``NaT`` → "",
    anything else → ``str(value)``."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    return value if isinstance(value, str) else str(value)


def text_values(values: Iterable) -> list[str]:
    """:func:`text_value` of every item (a column's ``tolist()``, say); a new list."""
    values = values if isinstance(values, list) else list(values)
    if set(map(type, values)) <= {str}:  # every item a str already: nothing to convert
        return values.copy()
    return [v if type(v) is str else text_value(v) for v in values]


def check_column(df, column: str, what: str = "Column", table: str = "table") -> None:
    """Raise the StancemapError for a column ``df`` lacks (names it, lists the table's
    columns, suggests the closest); ``what`` is its role ("Grouping column")."""
    if not isinstance(df, pd.DataFrame):
        raise StancemapError(f"Expected a pandas DataFrame (the {table}), got {type(df).__name__}.")
    if column not in df.columns:
        have = [str(c) for c in df.columns]
        raise StancemapError(
            f"{what} {column!r} not found. Columns are: {', '.join(have) or '(none)'}."
            f"{did_you_mean(column, have)} Pass one of the table's columns.")


def require_columns(df: pd.DataFrame, columns: Iterable[str], table: str = "table", fix: str = "") -> None:
    """Raise a StancemapError naming every missing column and the ones present."""
    if not isinstance(df, pd.DataFrame):
        raise StancemapError(f"Expected a pandas DataFrame for the {table}, got {type(df).__name__}.")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        have = [str(c) for c in df.columns]
        hints = "".join(did_you_mean(m, have) for m in missing)
        msg = (f"The {table} is missing column(s) {', '.join(map(repr, missing))}. "
               f"Columns are: {', '.join(have) or '(none)'}.{hints}")
        if fix:
            msg += f" {fix}"
        raise StancemapError(msg)


def validate_statements(df: pd.DataFrame) -> pd.DataFrame:
    """Check a statements table: required columns, kinds, spans. Returns it unchanged."""
    require_columns(df, ["doc_id", "actor", "speaker", "kind", "text"], "statements table",
                    "Create it with stancemap.extract() or `stancemap extract`.")
    bad = sorted(set(df["kind"].dropna().astype(str)) - set(STATEMENT_KINDS))
    if bad:
        raise StancemapError(f"Statement kind(s) {bad} are not valid. Valid kinds: {', '.join(STATEMENT_KINDS)}.")
    if {"char_start", "char_end"} <= set(df.columns) and len(df):
        wrong = df[df["char_start"] > df["char_end"]]
        if len(wrong):
            raise StancemapError(f"{len(wrong)} statement(s) have char_start > char_end, e.g. row {wrong.index[0]!r}.")
    return df


def empty_statements() -> pd.DataFrame:
    """An empty statements table with the right columns and dtypes."""
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in STATEMENT_COLUMNS})
    return df.astype({"char_start": "int64", "char_end": "int64", "raw_start": "int64", "raw_end": "int64",
                      "confidence": "float64"})


# -- every table the package writes ---------------------------------------------
# corpora/README.md documents exactly these columns (tests/test_contracts.py checks
# it, and that each verb returns them). Placeholders: ``<frame>`` / ``<target>`` stand
# for each codebook frame / stance target (codebook order); ``<split>`` is the column
# named by ``split=`` and is there only when one is given.

SPLIT = "<split>"

#: Columns :func:`stancemap.score` adds after the input table's own, in this order.
SCORED_ADDED_COLUMNS = [
    "frame_<frame>",      # probability the frame is present
    "frames",             # frames with probability ≥ the model's threshold, ";"-joined
    "stance_<target>",    # favor | against | none      ┐ per target,
    "stance_<target>_p",  # probability of that label   ┘ interleaved
    "tone",               # VADER compound in [-1, 1]
    "cue_<frame>",        # number of the frame's codebook cue terms in the text (lexicon=True)
]

#: The column :func:`stancemap.compare.event_window` adds to a statements or scored table,
#: and its values.
EVENT_WINDOW_COLUMN = "window"
EVENT_WINDOW_VALUES = ("before", "after", "event day", "outside", "undated")

#: The column :func:`stancemap.cues.with_narration` adds to a statements table, and its values: ``quoted``
#: (a statement the document attributes to someone) or ``narration`` (the article's own voice).
VOICE_COLUMN = "voice"
VOICES = ("quoted", "narration")

_SHARE = ["n", "count", "share", "ci_low", "ci_high", "ci_method", "small_n"]
_DIFF = ["n_a", "n_b", "share_a", "share_b", "diff", "ci_low", "ci_high", "ci_method", "small_n"]

#: Summary tables: name → columns in order, and the function that makes each.
SUMMARY_COLUMNS: dict[str, list[str]] = {
    "group_counts": ["group", "statements", "documents", "share"],
    "frame_shares": ["group", SPLIT, "frame", *_SHARE],
    "stance_shares": ["group", SPLIT, "target", "stance", *_SHARE],
    "stance_addressing": ["group", SPLIT, "target", "measure", *_SHARE],
    "frame_differences": ["group_a", "group_b", SPLIT, "frame", *_DIFF],
    "stance_differences": ["group_a", "group_b", SPLIT, "target", "stance", *_DIFF],
    "frames_over_time": ["group", "period", "frame", *_SHARE],
    "stance_over_time": ["group", "period", "target", "stance", *_SHARE],
    "stance_addressing_over_time": ["group", "period", "target", "measure", *_SHARE],
    "blame_edges": ["source", "target", "count", "n_source", "statement_ids"],
    "keyness": ["term", "actor", "reference", "n_actor", "n_reference", "total_actor", "total_reference",
                "log_odds", "z"],
    "term_counts": ["group", "term", "count"],
    "cue_counts": ["group", SPLIT, "verb", "forms", *_SHARE],
    "cue_keyness": ["group", SPLIT, "verb", "reference", "n_group", "n_reference", "total_group",
                    "total_reference", "log_odds", "z"],
    "topic_counts": ["group", "topic", "n", "on_topic", "share"],
}
#: The summary tables' columns that hold numbers, and their flags (True/False): a CSV read back
#: with its cells as text (``tables.read_table``) has them typed again where a figure needs them.
SUMMARY_NUMBERS = ("n", "count", "share", "ci_low", "ci_high", "n_a", "n_b", "share_a", "share_b", "diff",
                   "statements", "documents", "n_source", "n_actor", "n_reference", "total_actor",
                   "total_reference", "log_odds", "z", "n_group", "total_group", "on_topic")
SUMMARY_FLAGS = ("small_n",)
SUMMARY_MADE_BY: dict[str, str] = {
    "group_counts": "compare.group_counts",
    "frame_shares": "compare.frame_shares",
    "stance_shares": "compare.stance_shares",
    "stance_addressing": "compare.stance_addressing",
    "frame_differences": 'compare.differences(what="frames")',
    "stance_differences": 'compare.differences(what="stance")',
    "frames_over_time": 'compare.over_time(what="frames")',
    "stance_over_time": 'compare.over_time(what="stance")',
    "stance_addressing_over_time": "compare.stance_addressing_over_time",
    "blame_edges": "compare.blame_edges",
    "keyness": "keyness.keyness",
    "term_counts": "keyness.term_counts",
    "cue_counts": "cues.cue_counts",
    "cue_keyness": "cues.cue_keyness",
    "topic_counts": "topics.topic_counts",
}

#: The ``search`` table (:func:`stancemap.search`, ``stancemap search``): one row per match of a
#: search term in a statement's text, keyword in context, with the statement and its source.
SEARCH_COLUMNS = [
    "statement_id", "doc_id", "actor", "speaker", "kind", "date",
    "term",          # the search term (as given) that matched
    "left", "match", "right",  # context before, the matched text, context after
    "text",          # the whole statement
    "source_title", "source_url",
    "char_start", "char_end",    # the statement's span in its document's cleaned text
    "match_start", "match_end",  # the match's span within the statement text
]

#: The files ``stancemap report`` writes to ``tables/`` (``<name>.csv`` and ``<name>.parquet``),
#: each a summary table above; ``frames_over_time`` only when the statements span two dates or more.
REPORT_TABLES = ("group_counts", "frame_shares", "stance_shares", "stance_addressing", "frame_differences",
                 "stance_differences", "keyness", "blame_edges", "frames_over_time")

#: Every declared table: name → columns (with placeholders).
TABLES: dict[str, list[str]] = {
    "documents": DOCUMENT_COLUMNS,
    "statements": STATEMENT_COLUMNS,
    "scored": SCORED_ADDED_COLUMNS,
    **SUMMARY_COLUMNS,
    "search": SEARCH_COLUMNS,
}


def expand_columns(columns: Iterable[str], *, frames: Iterable[str] = (), targets: Iterable[str] = (),
                   split: str | None = None) -> list[str]:
    """Concrete column names of a declared table: ``<frame>`` / ``<target>`` patterns
    repeated for each frame / target (consecutive patterns of one kind interleave:
    ``stance_t1, stance_t1_p, stance_t2, …``), ``<split>`` replaced by ``split`` or dropped."""
    names = {"<frame>": list(frames), "<target>": list(targets)}
    cols, out, i = list(columns), [], 0
    while i < len(cols):
        c = cols[i]
        if c == SPLIT:
            out += [split] if split else []
            i += 1
            continue
        key = next((k for k in names if k in c), None)
        if key is None:
            out.append(c)
            i += 1
            continue
        j = i
        while j < len(cols) and key in cols[j]:
            j += 1
        out += [p.replace(key, v) for v in names[key] for p in cols[i:j]]
        i = j
    return out


def table_columns(name: str, *, frames: Iterable[str] = (), targets: Iterable[str] = (),
                  split: str | None = None) -> list[str]:
    """The columns of the declared table ``name`` (see :data:`TABLES`), expanded by
    :func:`expand_columns`; for ``scored`` only the added columns."""
    if name not in TABLES:
        raise unknown_value("Table", name, list(TABLES), "Pass one of the declared tables.")
    return expand_columns(TABLES[name], frames=frames, targets=targets, split=split)
