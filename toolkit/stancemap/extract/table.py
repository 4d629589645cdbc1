"""Assembly of the statements table: the rows of every document with their ids, raw-text spans
and provenance, in ``schema.STATEMENT_COLUMNS``, sorted, repeats dropped, losses counted."""
from __future__ import annotations

import hashlib
from functools import cache, partial
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ..actors import ActorRegistry
from ..errors import LossyStepWarning, StancemapError
from ..schema import DOCUMENT_COLUMNS, PROVENANCE_COLUMNS, STATEMENT_COLUMNS, UNATTRIBUTED, require_columns, \
    text_values
from .document import document_authors, document_meeting, document_remarks, statement_rows
from .matchers import matchers_for
from .offsets import raw_spans

__all__ = ["EXTRACTOR", "INT_COLUMNS", "TOP_UNATTRIBUTED", "VERSION", "as_documents", "day", "finish",
           "out_of_office", "out_of_office_count", "statement_id", "statements_table", "unattributed_speakers",
           "unattributed_summary", "unattributed_warning"]

VERSION = "0.2"   # 0.2: one statement per transcript sentence, readouts, pronouns, honorifics, joint speakers (issue #11)
#: Value of the ``extractor`` column.
EXTRACTOR = f"stancemap.rules/{VERSION}"
INT_COLUMNS = ("char_start", "char_end", "raw_start", "raw_end")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def day(date: str) -> str | None:
    """The ISO day a document's ``date`` starts with ("2025-03-13T12:33:00Z" → "2025-03-13"), or None."""
    m = ISO_DAY.match(date.strip())
    return m.group() if m else None


def out_of_office(rows: list[tuple], registry: ActorRegistry, dated: dict, date: str) -> list[tuple]:
    """``rows`` (of :func:`~stancemap.extract.records.row`) with the actor ``unattributed`` where the speaker is a
    member with ``in_office:`` titles who held none of them on ``date`` (:meth:`ActorRegistry.group_on`): Donald
    Trump quoted by the White House in 2023 speaks for no group, in 2025 for ``us``. The speaker stays."""
    return [(r[0], r[1], UNATTRIBUTED, *r[3:])
            if r[3] in dated and r[2] != UNATTRIBUTED and registry.group_on(r[3], date) == UNATTRIBUTED else r
            for r in rows]


def statement_id(doc_id: str, start: int, end: int, speaker: str) -> str:
    return hashlib.blake2b(f"{doc_id}\x1f{start}\x1f{end}\x1f{speaker}".encode("utf-8"), digest_size=6).hexdigest()


def as_documents(documents) -> pd.DataFrame:
    if isinstance(documents, pd.DataFrame):
        require_columns(documents, ["doc_id", "text"], "documents table",
                        "Load documents with stancemap.corpus.load(), or pass a table with 'doc_id' and 'text'.")
        return documents
    if isinstance(documents, (str, Path)) or (isinstance(documents, (list, tuple)) and documents
                                              and all(isinstance(p, (str, Path)) for p in documents)):
        from .. import corpus   # lazy: corpus depends on optional parsers
        return corpus.load(documents)
    raise StancemapError(
        f"extract() needs a documents table (pandas DataFrame with 'doc_id' and 'text') or file/folder path(s), "
        f"got {type(documents).__name__}. Load files with stancemap.corpus.load(paths).")


def statements_table(docs: pd.DataFrame, registry: ActorRegistry, *, progress: bool = False,
                     speaker_spans: bool = False) -> pd.DataFrame:
    """The statements of every document of ``docs``, in document order (not yet :func:`finish`-ed)."""
    rules = matchers_for(registry)
    cols = {c: (docs[c] if c in docs.columns else None) for c in DOCUMENT_COLUMNS}
    n = len(docs)

    def col(name: str) -> list[str]:
        c = cols.get(name)
        return [""] * n if c is None else text_values(c)

    doc_ids, texts = col("doc_id"), text_values(docs["text"])
    raws = col("raw_text")
    kinds, doc_actors, doc_speakers = col("doc_kind"), col("doc_actor"), col("doc_speaker")
    titles = col("title")
    prov = {c: col(c) for c in PROVENANCE_COLUMNS}
    it = range(n)
    if progress:
        from tqdm.auto import tqdm
        it = tqdm(it, total=n, desc="extract", unit="doc")
    columns = STATEMENT_COLUMNS + (["speaker_start", "speaker_end"] if speaker_spans else [])
    # the rows of every document, then the table column by column (no per-row appends)
    rows_all: list[tuple] = []
    counts = [0] * n
    ids: list[str] = []
    spans_text: list[str] = []
    sentences: list[str] = []
    raw_starts: list[int] = []
    raw_ends: list[int] = []
    sources: list[str] = []
    dated = registry.dated_members
    for i in it:
        text = texts[i]
        official = None
        authors: tuple = ()
        remarks: tuple = ()
        meeting = tuple
        date = day(prov["date"][i])
        title = titles[i] or prov["source_title"][i]
        if kinds[i].strip().lower() == "official":
            actor, speaker = doc_actors[i].strip(), doc_speakers[i].strip()
            member = registry.resolve(speaker) if speaker else None
            if not actor and speaker:
                actor = member.actor if member else UNATTRIBUTED
            if member is not None and member.kind == "person" and member.actor == actor:
                speaker = member.name       # the registry's name: the UN's "Sergey Lavrov" is "Sergei Lavrov"
            official = (actor or UNATTRIBUTED, speaker or actor or "")
            authors = document_authors(rules, title, date, official[0], text)
            remarks = document_remarks(rules, title, date, official[0])
            # read from the title only when a "the two leaders" needs it (few documents)
            meeting = cache(partial(document_meeting, rules, title, date, official))
        rows = statement_rows(rules, text, official, date, authors, meeting, title, remarks)
        if not rows:
            continue
        if dated and date:
            rows = out_of_office(rows, registry, dated, date)
        did = doc_ids[i]
        raw = raws[i] or text
        spans = raw_spans(text, raw, [(r[0], r[1]) for r in rows])
        counts[i] = len(rows)
        rows_all.extend(rows)
        ids.extend([statement_id(did, r[0], r[1], r[3]) for r in rows])
        spans_text.extend([text[r[0]:r[1]] for r in rows])
        sentences.extend([text[r[6]:r[7]] for r in rows])
        raw_starts.extend([rs for rs, _ in spans])
        raw_ends.extend([re_ for _, re_ in spans])
        sources.extend([raw[rs:re_] if rs >= 0 else "" for rs, re_ in spans])
    return _assemble(columns, rows_all, counts, doc_ids, prov, ids, spans_text, sentences, raw_starts, raw_ends,
                     sources)


def _objects(values) -> np.ndarray:
    """A 1-d object array of ``values`` (strings stay Python strings: no str-dtype inference)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _assemble(columns: list[str], rows: list[tuple], counts: list[int], doc_ids: list[str],
              prov: dict[str, list[str]], ids: list[str], spans_text: list[str], sentences: list[str],
              raw_starts: list[int], raw_ends: list[int], sources: list[str]) -> pd.DataFrame:
    """The statements table from the rows of :func:`~stancemap.extract.records.row` (``counts[i]`` of them
    from document ``i``, in document order) and the per-row values computed beside them."""
    fields = list(zip(*rows)) if rows else [()] * 11
    (start, end, actor, speaker, cue, kind, _, _, conf, sp_s, sp_e) = fields
    n = len(rows)

    def per_doc(values: list[str]) -> np.ndarray:
        return np.repeat(_objects(values), counts) if n else _objects([])

    def ints(values) -> np.ndarray:
        return np.array(values, dtype=np.int64)

    data = {
        "statement_id": _objects(ids), "doc_id": per_doc(doc_ids), "actor": _objects(actor),
        "speaker": _objects(speaker), "cue": _objects(cue), "kind": _objects(kind), "text": _objects(spans_text),
        "char_start": ints(start), "char_end": ints(end), "raw_start": ints(raw_starts),
        "raw_end": ints(raw_ends), "source_text": _objects(sources), "sentence": _objects(sentences),
        **{c: per_doc(prov[c]) for c in PROVENANCE_COLUMNS},
        "extractor": _objects([EXTRACTOR] * n), "confidence": np.array(conf, dtype=np.float64),
        "speaker_start": ints(sp_s), "speaker_end": ints(sp_e),
    }
    return pd.DataFrame({c: pd.Series(data[c], dtype=data[c].dtype, copy=False) for c in columns}, columns=columns)


def finish(df: pd.DataFrame, stacklevel: int, out_of_office: frozenset = frozenset()) -> pd.DataFrame:
    """Sort by document and span, drop repeated statements, warn about the unattributed (``out_of_office``:
    the registry's members with ``in_office:`` titles, :func:`unattributed_warning`)."""
    df = df.sort_values(["doc_id", "char_start", "char_end", "actor", "speaker"], kind="stable")
    df = df.drop_duplicates(["statement_id"]).reset_index(drop=True)
    lost = int((df["raw_start"] < 0).sum()) if "raw_start" in df.columns else 0
    if lost:
        warnings.warn(f"{lost} of {len(df)} statements could not be traced back to their document's raw_text; "
                      "their raw_start/raw_end are -1 and source_text is empty (char_start/char_end in text "
                      "still hold).", LossyStepWarning, stacklevel=stacklevel)
    message = unattributed_warning(df, out_of_office)
    if message:
        warnings.warn(message, LossyStepWarning, stacklevel=stacklevel)
    return df


#: How many speakers outside the actor registry the unattributed warning and the report name.
TOP_UNATTRIBUTED = 5


def _unattributed(statements: pd.DataFrame) -> tuple[pd.Series, int]:
    """Speakers of the unattributed statements that are not reporters' questions, and the number of questions."""
    if "actor" not in statements.columns:
        return pd.Series([], dtype=object), 0
    un = statements[statements["actor"] == UNATTRIBUTED]
    question = (un["kind"] == "question") if "kind" in un.columns else pd.Series(False, index=un.index)
    speakers = un.loc[~question, "speaker"] if "speaker" in un.columns else pd.Series("", index=un.index[~question])
    return speakers.fillna("").astype(str).str.strip(), int(question.sum())


def _ranked(speakers: pd.Series, top: int | None) -> list[tuple[str, int]]:
    """``(speaker, count)`` most frequent first, ties by name, ``top`` of them (None: all)."""
    ranked = sorted(speakers.value_counts().items(), key=lambda kv: (-kv[1], kv[0]))
    return [(str(k), int(v)) for k, v in ranked[:top]]


def unattributed_speakers(statements: pd.DataFrame, top: int | None = TOP_UNATTRIBUTED) -> list[tuple[str, int]]:
    """``(speaker, statements)`` of the statements kept as ``unattributed`` that are not reporters'
    questions (``kind`` ``question``), most frequent first (ties by name), ``top`` of them (None: all);
    ``""`` counts those whose speaker has no name ("analysts say")."""
    return _ranked(_unattributed(statements)[0], top)


def unattributed_summary(statements: pd.DataFrame, out_of_office: frozenset = frozenset()) -> str:
    """Who the ``unattributed`` statements are from, in words: ``183 reporters' questions; most often
    among the others: “MR. WEI” 26, “AUDIENCE” 19, no speaker named 3`` ("" when there are none); the
    speakers in ``out_of_office`` (members with ``in_office:`` titles) named apart: ``…; quoted out of
    office: “Donald Trump” 80``."""
    others, former, questions = _split(statements, out_of_office)
    text = _summary(others, questions)
    if len(former):
        text = "; ".join(filter(None, [text, f"quoted out of office: {_listing(former)}"]))
    return text


def out_of_office_count(statements: pd.DataFrame, out_of_office: frozenset) -> int:
    """How many ``unattributed`` statements (not questions) are by the speakers in ``out_of_office``."""
    return len(_split(statements, out_of_office)[1])


def _split(statements: pd.DataFrame, out_of_office: frozenset) -> tuple[pd.Series, pd.Series, int]:
    """The speakers of :func:`_unattributed` not in ``out_of_office``, those in it, and the questions."""
    speakers, questions = _unattributed(statements)
    former = speakers.isin(out_of_office) if out_of_office else pd.Series(False, index=speakers.index)
    return speakers[~former], speakers[former], questions


def _listing(speakers: pd.Series) -> str:
    """``“MR. WEI” 26, no speaker named 3``: the most frequent of ``speakers`` with their counts."""
    return ", ".join(f"“{name}” {n}" if name else f"no speaker named {n}"
                     for name, n in _ranked(speakers, TOP_UNATTRIBUTED))


def _summary(speakers: pd.Series, questions: int) -> str:
    names = _listing(speakers)
    parts = [f"{questions} reporters' question{'s' if questions != 1 else ''}"] if questions else []
    if names:
        parts.append(f"most often{' among the others' if questions else ''}: {names}")
    return "; ".join(parts)


def unattributed_warning(statements: pd.DataFrame, out_of_office: frozenset = frozenset()) -> str | None:
    """The warning for the statements kept as ``unattributed`` (None when there are none): how many,
    the speakers most often among them, and how to compare one of them. Speakers named in
    ``out_of_office`` (the registry's members with ``in_office:`` titles, unattributed only when quoted
    out of office) are counted apart: adding them to the registry would change nothing."""
    others, former, questions = _split(statements, out_of_office)
    n_un, n_out = len(others) + questions, len(former)
    if not n_un and not n_out:
        return None
    parts = []
    if n_un:
        summary = _summary(others, questions)
        named = f" ({summary})" if summary else ""
        parts.append(f"{n_un} of {len(statements)} statements had no attributable speaker; kept as "
                     f"actor='{UNATTRIBUTED}'{named}. To compare a speaker, add them to the actor registry "
                     "(the actors file; --actors FILE in the CLI).")
    if n_out:
        parts.append(f"{n_out} of {len(statements)} statements are by former office-holders quoted out of "
                     f"office ({_listing(former)}); kept as actor='{UNATTRIBUTED}', as their 'in_office:' titles in the "
                     "actors file say.")
    return " ".join(parts)
