"""Labels of real text stored by reference, texts hydrated from the data directory.

``corpora/real-labels/labels.csv`` holds frame and stance labels for sentences of
public datasets, double-coded and adjudicated, split by document into train /
dev / test (see ``corpora/real-labels/README.md``), but never the sentences:
each row names the dataset, the file inside it, the document (``key_column`` /
``doc_key``: the value of a key column such as a press CSV row's ``link``, ``row``
with the 0-based row number as read, or ``file`` when the whole file is the
document), the text ``field`` and a character span into that text exactly
as read (pandas ``read_csv`` with ``dtype=str`` for CSVs, ``read_parquet`` for Parquet; UTF-8 bytes decoded
without newline translation for plain-text files), plus the first 16 hex digits
of the sha256 of the span, to detect drift.

:func:`load_real_eval` reads the texts from a data directory that mirrors the
upstream layout (``DATA/<dataset>/<file>``) and adds the ``text`` column::

    >>> ev = load_real_eval("../shared/datasets")      # doctest: +SKIP
    >>> ev[["actor", "frames", "stance_sanctions", "text"]].head()  # doctest: +SKIP
"""
from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import pandas as pd

from ..errors import LossyStepWarning, StancemapError
from .. import paths
from ..paths import DATA_ENV, bundled, data_dir_origin
from ..paths import data_dir as data_dir_policy
from ..schema import require_columns

STANCE_LABELS = ("favor", "against", "none")
REF_COLUMNS = ["ref_id", "dataset", "file", "key_column", "doc_key", "field",
               "char_start", "char_end", "sha256_16"]
LABEL_COLUMNS = ["actor", "date", "frames", "note"]


def labels_path() -> Path:
    """The bundled ``corpora/real-labels/labels.csv`` (the double-coded set)."""
    return paths.real_labels_file()


def span_hash(text: str) -> str:
    """First 16 hex digits of the sha256 of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def resolve_data_dir(data_dir: str | Path | None = None, datasets: list[str] | None = None) -> Path:
    """``data_dir``, else ``$STANCEMAP_DATA``, else ``../shared/datasets`` beside the repo
    (:func:`stancemap.paths.data_dir` without the user cache).

    Raises a StancemapError naming the datasets needed and how to get them when
    none of these is an existing folder.
    """
    needed = ", ".join(datasets or []) or "the public datasets"
    fix = (f"It must hold {needed} as <dataset>/<file> (the upstream layout). Pass data_dir=..., "
           f"or set {DATA_ENV}=/path/to/datasets (for example {DATA_ENV}=../shared/datasets), "
           "or download them with `stancemap datasets fetch <dataset>`.")
    root = data_dir_policy(data_dir, cache=False)
    if root is None:
        raise StancemapError(
            f"No data directory for the real-text evaluation set: {DATA_ENV} is not set and "
            f"../shared/datasets was not found beside the repository. {fix}")
    origin = {"argument": "data_dir argument",
              "environment": f"{DATA_ENV} environment variable"}.get(data_dir_origin(data_dir))
    if origin is not None and not root.is_dir():
        raise StancemapError(f"The data directory {str(root)!r} (from the {origin}) does not exist. {fix}")
    return root


def load_labels(path: str | Path | None = None) -> pd.DataFrame:
    """The reference table (no texts), checked: columns, spans and stance labels."""
    path = Path(path) if path is not None else labels_path()
    if not path.is_file():
        raise StancemapError(f"Real-text labels {str(path)!r} not found. It ships in the checkout at "
                             "corpora/real-labels/labels.csv; restore it or pass its path.")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    stance_cols = [c for c in df.columns if c.startswith("stance_")]
    require_columns(df, REF_COLUMNS + LABEL_COLUMNS, f"real-text labels ({path})",
                    "See corpora/real-labels/README.md for the format.")
    if not stance_cols:
        raise StancemapError(f"Real-text labels {str(path)!r} have no stance_<target> columns.")
    for col in ("char_start", "char_end"):
        if not df[col].str.fullmatch(r"\d+").all():
            bad = df.loc[~df[col].str.fullmatch(r"\d+"), "ref_id"].tolist()
            raise StancemapError(f"Column {col!r} must hold non-negative integers; bad rows: {bad[:5]}.")
        df[col] = df[col].astype(int)
    wrong = df[df["char_start"] >= df["char_end"]]
    if len(wrong):
        raise StancemapError(f"{len(wrong)} reference(s) have char_start >= char_end, e.g. {wrong['ref_id'].iloc[0]!r}.")
    for col in stance_cols:
        bad = sorted(set(df[col]) - set(STANCE_LABELS))
        if bad:
            raise StancemapError(f"Column {col!r} has label(s) {bad}; valid labels: {', '.join(STANCE_LABELS)}.")
    if df["ref_id"].duplicated().any():
        raise StancemapError(f"Duplicate ref_id(s): {df.loc[df['ref_id'].duplicated(), 'ref_id'].tolist()[:5]}.")
    return df


def _read_documents(path: Path, key_column: str, field: str, keys: set[str]) -> dict[str, str]:
    """Texts of the documents ``keys`` in ``path``: CSV rows by ``key_column``, or the whole file."""
    if key_column == "file":  # the whole file is the document; doc_key is its file name
        return {path.name: path.read_bytes().decode("utf-8")} if path.name in keys else {}
    table = read_records(path)
    fix = "The file differs from the one the labels were made on; fetch the pinned version."
    if key_column == "row":  # doc_key is the 0-based row number of the table as read
        require_columns(table, [field], f"file {str(path)!r}", fix)
        rows = {int(k) for k in keys if k.isdigit() and int(k) < len(table)}
        return {str(i): table[field].iat[i] for i in sorted(rows)}
    require_columns(table, [key_column, field], f"file {str(path)!r}", fix)
    sub = table[table[key_column].isin(keys)].drop_duplicates(key_column)
    return dict(zip(sub[key_column], sub[field]))


def read_records(path: Path) -> pd.DataFrame:
    """A CSV (every column as ``str``, empty cells as ``""``) or Parquet file of records, as read for spans."""
    if path.suffix == ".parquet":
        table = pd.read_parquet(path)
        return table.astype({c: str for c in table.columns if table[c].dtype != object})
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def load_real_eval(data_dir: str | Path | None = None, labels: str | Path | None = None) -> pd.DataFrame:
    """The evaluation set with a ``text`` column hydrated from the data directory.

    Rows whose document is gone or whose span no longer hashes to ``sha256_16``
    are dropped with a warning that gives the count. A missing data directory,
    dataset folder or file raises a StancemapError that says how to get it.
    """
    return hydrate(load_labels(labels), data_dir, what="real-text label reference")


def hydrate(refs: pd.DataFrame, data_dir: str | Path | None = None, what: str = "reference") -> pd.DataFrame:
    """A copy of ``refs`` (columns :data:`REF_COLUMNS`, integer spans) with the spans' ``text``.

    The texts are read from the data directory (:func:`resolve_data_dir`). Rows whose
    document is gone or whose span no longer hashes to ``sha256_16`` are dropped with
    a warning that counts them (``what`` names the rows in it); a missing dataset
    folder or file raises a StancemapError that says how to get it.
    """
    require_columns(refs, REF_COLUMNS, f"{what}s", "See corpora/real-labels/README.md for the reference format.")
    datasets = sorted(refs["dataset"].unique())
    root = resolve_data_dir(data_dir, datasets)
    texts: dict[int, str] = {}
    missing_doc: list[str] = []
    for (dataset, file, key_column, field), group in refs.groupby(
            ["dataset", "file", "key_column", "field"], sort=True):
        path = root / dataset / file
        if not (root / dataset).is_dir():
            raise StancemapError(
                f"Dataset {dataset!r} not found in the data directory {str(root)!r} (expected folder "
                f"{str(root / dataset)!r}). Get it with `stancemap datasets fetch {dataset}`, or point "
                f"{DATA_ENV} at a folder that holds it.")
        if not path.is_file():
            raise StancemapError(
                f"File {file!r} of dataset {dataset!r} not found at {str(path)!r}. Get it with "
                f"`stancemap datasets fetch {dataset}`, or point {DATA_ENV} at a complete copy.")
        docs = _read_documents(path, key_column, field, set(group["doc_key"]))
        for idx, row in group.iterrows():
            doc = docs.get(row["doc_key"])
            if doc is None:
                missing_doc.append(row["ref_id"])
                continue
            texts[idx] = doc[int(row["char_start"]):int(row["char_end"])]
    out = refs.copy()
    out["text"] = pd.Series(texts, dtype="object").reindex(out.index)
    present = out["text"].notna()
    matches = present & (out["text"].fillna("").map(span_hash) == out["sha256_16"])
    mismatched = int((present & ~matches).sum())
    if missing_doc:
        warnings.warn(f"{len(missing_doc)} of {len(out)} {what}(s) point to documents not found "
                      f"in {str(root)!r} (e.g. {missing_doc[0]!r}); dropped. The data files may differ from "
                      "the pinned versions.", LossyStepWarning, stacklevel=3)
    if mismatched:
        warnings.warn(f"{mismatched} of {len(out)} {what}(s) no longer match their sha256 "
                      f"(e.g. {out.loc[present & ~matches, 'ref_id'].iloc[0]!r}); dropped. The data files "
                      "may differ from the pinned versions.", LossyStepWarning, stacklevel=3)
    return out[matches].reset_index(drop=True)


def text_key(text) -> str:
    """How :func:`labelled_texts` compares a text with a labelled sentence: whitespace collapsed."""
    return " ".join(str(text).split())


def labelled_texts(datasets, parts, data_dir: str | Path | None = None) -> frozenset[str]:
    """The texts (:func:`text_key`: whitespace collapsed) of ``labels.csv``'s sentences from ``datasets`` in the split ``parts``
    (``["train", "dev"]``: what the default model learns from), hydrated from the data directory, so a caller
    can tell which of its statements a model was trained on. Empty when no label matches."""
    refs = load_labels()
    refs = refs[refs["dataset"].isin(list(datasets)) & refs["split"].isin(list(parts))]
    if refs.empty:
        return frozenset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossyStepWarning)  # a changed file only means fewer known sentences
        got = hydrate(refs, data_dir, what="real-text label reference")
    return frozenset(map(text_key, got["text"]))


#: Columns of a span gold set stored by reference (``corpora/attribution-gold``).
SPAN_DOC_COLUMNS = ["doc_ref", "format", "dataset", "doc_id", "raw_sha256_16", "window_start", "window_end", "part"]
SPAN_GOLD_COLUMNS = ["gold_id", "doc_ref", "char_start", "char_end", "sha256_16", "speaker", "kind", "cue"]


def span_gold_folder() -> Path:
    """The bundled ``corpora/attribution-gold`` (who said what in real documents, by reference)."""
    return bundled("attribution-gold")


def load_span_gold(data_dir: str | Path | None = None, folder: str | Path | None = None,
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(documents, statements)`` of a span gold set, hydrated from the data directory.

    ``documents.csv`` names each document by dataset and ``doc_id`` (as
    :func:`stancemap.datasets.load_dataset` gives it), with the sha256 of its
    ``raw_text`` and the annotated window; ``statements.csv`` gives each gold
    statement's character span in that ``raw_text``, its hash, speaker, kind and cue
    — never the text. Returns the loader's rows of the documents (with ``doc_ref``,
    ``format``, ``window_start``, ``window_end``) and the statements with ``doc_id``
    and ``text``. A document whose text changed, or a span whose hash no longer
    matches, is dropped with a warning that counts it.
    """
    from .loaders import load_dataset

    folder = Path(folder) if folder is not None else span_gold_folder()
    docs = pd.read_csv(folder / "documents.csv", dtype=str, keep_default_na=False)
    gold = pd.read_csv(folder / "statements.csv", dtype=str, keep_default_na=False)
    require_columns(docs, SPAN_DOC_COLUMNS, f"span gold documents ({folder})")
    require_columns(gold, SPAN_GOLD_COLUMNS, f"span gold statements ({folder})")
    for col in ("window_start", "window_end"):
        docs[col] = docs[col].astype(int)
    for col in ("char_start", "char_end"):
        gold[col] = gold[col].astype(int)
    datasets = sorted(docs["dataset"].unique())
    root = resolve_data_dir(data_dir, datasets)
    parts = []
    for dataset, group in docs.groupby("dataset", sort=True):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            loaded = load_dataset(dataset, root)
        sub = loaded[loaded["doc_id"].isin(set(group["doc_id"]))]
        parts.append(sub.merge(group, on="doc_id", how="inner"))
    found = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=SPAN_DOC_COLUMNS)
    same = found["raw_text"].map(span_hash) == found["raw_sha256_16"]
    lost = sorted(set(docs["doc_ref"]) - set(found.loc[same, "doc_ref"]))
    if lost:
        warnings.warn(f"{len(lost)} of {len(docs)} gold document(s) are missing or changed in {str(root)!r} "
                      f"(e.g. {lost[0]!r}); they and their statements are dropped.", LossyStepWarning, stacklevel=2)
    found = found[same].sort_values("doc_ref").reset_index(drop=True)
    raw = dict(zip(found["doc_ref"], found["raw_text"]))
    gold = gold[gold["doc_ref"].isin(raw)].copy()
    gold["doc_id"] = gold["doc_ref"].map(dict(zip(found["doc_ref"], found["doc_id"])))
    gold["text"] = [raw[d][a:b] for d, a, b in zip(gold["doc_ref"], gold["char_start"], gold["char_end"])]
    ok = gold["text"].map(span_hash) == gold["sha256_16"]
    if not ok.all():
        warnings.warn(f"{int((~ok).sum())} of {len(gold)} gold statement span(s) no longer match their sha256 "
                      f"(e.g. {gold.loc[~ok, 'gold_id'].iloc[0]!r}); dropped.", LossyStepWarning, stacklevel=2)
    return found, gold[ok].reset_index(drop=True)
