"""Readers of three external benchmark corpora, and of their byte quirks.

None of these corpora may be redistributed, so none is in the repository; the
benchmarks in ``benchmarks/`` read them from a folder you point them at.

* **SemEval-2016 Task 6, subtask A** (Mohammad et al. 2016, *SemEval-2016 Task 6:
  Detecting Stance in Tweets*): :func:`load_semeval2016` — tab-separated
  ``ID, Target, Tweet, Stance, Opinion towards, Sentiment``, CRLF, no quoting.
* **RUW**, Russia–Ukraine war tweets with one or two (target, stance) pairs:
  :func:`load_ruw` — comma-separated ``Tweet, Target 1, Stance 1, Target 2,
  Stance 2, Test/Train/Dev``, expanded to one row per (tweet, target).
* **SemEval-2023 Task 3, subtask 2** (Piskorski et al. 2023), framing with the
  14 Policy Frames Codebook labels (Boydstun et al. 2014), multi-label:
  :func:`load_semeval2023_frames`.

The files come with byte quirks — Windows-1252 curly quotes (0x92–0x94) inside
otherwise UTF-8 text, "latin-1" CSVs, a BOM, CRLF line ends. :func:`read_text`
decodes them line by line (see :func:`decode_bytes`). Every loader returns a tidy
table with stable columns, raises :class:`StancemapError` naming the file, the
line and the fix for malformed input, and warns (with counts) when it skips
anything.

The benchmark harness that trains and scores on them is :mod:`stancemap.benchmarking`.
"""
from __future__ import annotations

import codecs
import csv
import io
import os
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import LossyStepWarning, StancemapError, did_you_mean

# --------------------------------------------------------------------------- decoding

_CP1252_HANDLER = "stancemap-cp1252"


def _cp1252_byte(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in cp1252
        return chr(b)


def _cp1252_fallback(exc: UnicodeError):
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(_cp1252_byte(b) for b in bad), exc.end


codecs.register_error(_CP1252_HANDLER, _cp1252_fallback)


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0xAC00 <= o <= 0xD7AF or 0x20000 <= o <= 0x2FFFF or 0xE000 <= o <= 0xF8FF)


def _guess_legacy(lines: Sequence[bytes]) -> str:
    """``gb18030`` when the lines that are not UTF-8 read as GB 18030 into mostly
    punctuation and Latin letters (English text saved on a Chinese-locale Windows:
    ’ = A1 AF, … = A1 AD, – = A8 43), else ``cp1252``. Windows-1252 text read as
    GB 18030 fails or turns into CJK ideographs, so the two are easy to tell apart."""
    ok = cjk = nonascii = 0
    for line in lines:
        try:
            s = line.decode("gb18030")
        except UnicodeDecodeError:
            continue
        ok += 1
        for ch in s:
            if ord(ch) > 127:
                nonascii += 1
                cjk += _is_cjk(ch)
    if lines and ok >= 0.9 * len(lines) and nonascii and cjk <= 0.25 * nonascii:
        return "gb18030"
    return "cp1252"


def decode_bytes(data: bytes, encoding: str = "auto", *, name: str = "input") -> tuple[str, dict]:
    """Decode ``data`` to text; returns ``(text, info)``.

    ``encoding="auto"`` (the default): a UTF-16 BOM → UTF-16; a UTF-8 BOM is
    dropped; a file that is valid UTF-8 is UTF-8. Otherwise each line is decoded
    on its own: UTF-8 if it is valid UTF-8, else with the file's legacy encoding —
    GB 18030 when the non-UTF-8 lines look like it (see :func:`_guess_legacy`),
    else UTF-8 with every invalid byte read as Windows-1252 (so 0x92 → ’ and
    0xE9 → é; latin-1 text decodes the same way, except that 0x80–0x9F become the
    Windows punctuation they almost always are rather than control codes).
    Any other ``encoding`` is used strictly for the whole file.

    ``info``: ``encoding`` (what was used), ``bom``, ``lines``, ``lines_not_utf8``
    (lines decoded with the legacy encoding) and ``legacy``.
    """
    info = {"encoding": encoding, "bom": False, "lines": data.count(b"\n") + (0 if data.endswith(b"\n") else 1),
            "lines_not_utf8": 0, "legacy": None}
    if encoding != "auto":
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise StancemapError(f"Unknown encoding {encoding!r} for {name}. Use 'auto' (default), "
                                 "'utf-8', 'cp1252', 'latin-1' or 'gb18030'.") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise StancemapError(f"{name} is not valid {encoding}: byte {e.object[e.start:e.end]!r} at offset "
                                 f"{e.start}. Use --encoding auto, which decodes each line with the encoding "
                                 "that fits it.") from None
        if text.startswith("\ufeff"):
            info["bom"], text = True, text[1:]
        return text, info
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        info.update(encoding="utf-16", bom=True)
        return data.decode("utf-16"), info
    if data.startswith(codecs.BOM_UTF8):
        info["bom"], data = True, data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
        info["encoding"] = "utf-8"
        return text, info
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)  # bytes.splitlines splits on \n, \r\n and \r only
    bad = []
    for line in lines:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(line)
    legacy = _guess_legacy(bad)
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        if legacy == "gb18030":
            try:
                out.append(line.decode("gb18030"))
                continue
            except UnicodeDecodeError:
                pass
        out.append(line.decode("utf-8", errors=_CP1252_HANDLER))
    info.update(encoding=f"utf-8+{legacy}", lines_not_utf8=len(bad), legacy=legacy)
    return "".join(out), info


def read_text(path: str | os.PathLike, encoding: str = "auto") -> tuple[str, dict]:
    """The text of the file at ``path`` and how it was decoded (see :func:`decode_bytes`)."""
    p = Path(path)
    if not p.is_file():
        raise StancemapError(f"File {str(p)!r} not found.")
    text, info = decode_bytes(p.read_bytes(), encoding, name=f"File {str(p)!r}")
    info["file"] = p.name
    return text, info


# --------------------------------------------------------------------------- shared checks

#: Stance labels of both stance corpora, as written in the files, and stancemap's names for them.
STANCE_CODES = {"FAVOR": "favor", "AGAINST": "against", "NONE": "none"}


def _norm_header(name: str) -> str:
    return re.sub(r"\s+", " ", str(name).replace("\ufeff", "")).strip().casefold()


def _stance_code(value: str, where: str, fix: str = "") -> str:
    v = str(value).strip().upper()
    if v in STANCE_CODES:
        return STANCE_CODES[v]
    if v == "FAVOUR":
        return "favor"
    valid = list(STANCE_CODES)
    raise StancemapError(f"Unknown stance label {str(value)!r} in {where}. Valid: {', '.join(valid)}."
                         f"{did_you_mean(v, valid)} {fix or 'Correct the label in the file.'}")


def _check_dir(data_dir, files: Iterable[str], corpus: str, where_to_get: str) -> Path:
    """``data_dir`` as a Path, or a :class:`StancemapError` naming the missing folder or files
    (and a subfolder that holds them all, if there is one)."""
    d, files = Path(data_dir), list(files)
    if not d.is_dir():
        raise StancemapError(f"Data folder {str(d)!r} does not exist or is not a folder. Pass --data DIR, the "
                             f"folder that holds the {corpus} files ({', '.join(files)}). {where_to_get}")
    missing = [f for f in files if not (d / f).exists()]
    if missing:
        have = sorted(p.name for p in d.iterdir())
        sub = [p for p in sorted(d.iterdir()) if p.is_dir() and all((p / f).exists() for f in files)]
        hint = f" They are in {str(sub[0])!r}: pass --data {sub[0]}." if sub else ""
        raise StancemapError(f"{corpus}: {', '.join(repr(str(d / f)) for f in missing)} not found. The folder must "
                             f"hold {', '.join(files)}. Found: {', '.join(have[:12]) or '(empty folder)'}"
                             f"{' …' if len(have) > 12 else ''}.{hint} {where_to_get}")
    return d


# --------------------------------------------------------------------------- SemEval-2016 Task 6

#: Columns of the SemEval-2016 Task 6 annotation files, in order.
SEMEVAL2016_HEADER = ("ID", "Target", "Tweet", "Stance", "Opinion towards", "Sentiment")
#: The subtask A files, by split.
SEMEVAL2016_FILES = {"train": "trainingdata-all-annotations.txt", "test": "testdata-taskA-all-annotations.txt"}
#: Columns of :func:`read_semeval2016`.
SEMEVAL2016_COLUMNS = ["id", "target", "text", "stance", "opinion_towards", "sentiment", "split", "file", "line"]
_SEMEVAL2016_SOURCE = ("SemEval-2016 Task 6 is not redistributable here: get stance-data-all-annotations.zip "
                       "from the task organisers (Mohammad et al. 2016) and unzip it.")


def read_semeval2016(path: str | os.PathLike, split: str = "", encoding: str = "auto") -> pd.DataFrame:
    """One SemEval-2016 Task 6 annotation file as a table.

    Columns :data:`SEMEVAL2016_COLUMNS`; ``stance`` is favor/against/none, ``text``
    the tweet as given (its ``#SemST`` tag included). The file is read as the
    organisers' script reads it: one tweet per line, fields split on tabs, no
    quote characters (a tweet may start with ``"``). A tweet that contains a tab
    is re-joined. ``Opinion towards`` and ``Sentiment`` may be absent. The
    decoding is in ``.attrs["decoding"]``.
    """
    p = Path(path)
    text, info = read_text(p, encoding)
    lone_cr = len(re.findall(r"\r(?!\n)", text))
    text = text.replace("\r\n", "\n").replace("\r", " ")
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise StancemapError(f"{str(p)!r} is empty. Expected the SemEval-2016 Task 6 file with the header "
                             f"{chr(9).join(SEMEVAL2016_HEADER)!r}.")
    header = [_norm_header(h) for h in lines[0].split("\t")]
    want = [_norm_header(h) for h in SEMEVAL2016_HEADER]
    if header[:4] != want[:4] or any(h not in want for h in header):
        hint = (" It looks comma-separated; the SemEval-2016 files are tab-separated."
                if "\t" not in lines[0] and "," in lines[0] else "")
        raise StancemapError(f"{str(p)!r} has the header {lines[0].strip()!r}; expected the tab-separated "
                             f"columns {', '.join(SEMEVAL2016_HEADER)} (the last two optional).{hint} Is this a "
                             "SemEval-2016 Task 6 *-all-annotations.txt file?")
    n = len(header)
    rows, blank = [], 0
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            blank += 1
            continue
        f = line.split("\t")
        if len(f) < 4:
            raise StancemapError(f"{str(p)!r} line {lineno} has {len(f)} tab-separated field(s); expected {n} "
                                 f"({', '.join(SEMEVAL2016_HEADER[:n])}). Check that the line was not broken "
                                 "in two, or that tabs were not replaced by spaces.")
        if len(f) > n:  # a tab inside the tweet: the first two and last n-3 fields are fixed
            f = [f[0], f[1], "\t".join(f[2:len(f) - (n - 3)]), *f[len(f) - (n - 3):]]
        f = f + [""] * (n - len(f))
        rec = dict(zip(header, f))
        stance = _stance_code(rec["stance"], f"{str(p)!r} line {lineno}",
                              "The file must carry gold labels: use the *-all-annotations.txt files."
                              if rec["stance"].strip().upper() == "UNKNOWN" else "")
        target = rec["target"].strip()
        if not target:
            raise StancemapError(f"{str(p)!r} line {lineno} has an empty Target. Every tweet needs one of the "
                                 "task's targets.")
        rows.append((rec["id"].strip(), target, rec["tweet"], stance, rec.get("opinion towards", "").strip(),
                     rec.get("sentiment", "").strip(), split, p.name, lineno))
    if blank:
        warnings.warn(f"{p.name}: skipped {blank} blank line(s).", LossyStepWarning, stacklevel=2)
    df = pd.DataFrame(rows, columns=SEMEVAL2016_COLUMNS)
    dup = int(df.duplicated(["id", "target"]).sum())
    if dup:
        warnings.warn(f"{p.name}: {dup} (ID, Target) pair(s) occur more than once; all are kept.", LossyStepWarning, stacklevel=2)
    df.attrs["decoding"] = {**info, "lone_cr_as_space": lone_cr}
    return df


def load_semeval2016(data_dir: str | os.PathLike, encoding: str = "auto") -> pd.DataFrame:
    """Both subtask A files of ``data_dir`` in one table, ``split`` = train / test.

    Raises :class:`StancemapError` when the folder or a file is missing or
    malformed. ``.attrs["decoding"]`` maps file name → decoding info.
    """
    d = _check_dir(data_dir, SEMEVAL2016_FILES.values(), "SemEval-2016 Task 6", _SEMEVAL2016_SOURCE)
    parts, dec = [], {}
    for split, name in SEMEVAL2016_FILES.items():
        t = read_semeval2016(d / name, split, encoding)
        dec[name] = t.attrs["decoding"]
        parts.append(t)
    df = pd.concat(parts, ignore_index=True)
    df.attrs["decoding"] = dec
    return df


# --------------------------------------------------------------------------- RUW

#: Columns of the RUW CSV files, in order.
RUW_HEADER = ("Tweet", "Target 1", "Stance 1", "Target 2", "Stance 2", "Test/Train/Dev")
#: The RUW files, by split.
RUW_FILES = {"train": "raw_train_Russia_Ukraine.csv", "val": "raw_val_Russia_Ukraine.csv",
             "test": "raw_test_Russia_Ukraine.csv"}
#: The targets of RUW (other spellings are mapped to these, case-insensitively).
RUW_TARGETS = ("Russia", "Ukraine")
#: Columns of :func:`read_ruw`.
RUW_COLUMNS = ["tweet_id", "target", "text", "stance", "pair", "split", "split_label", "file", "row"]
_RUW_SOURCE = "RUW is not redistributable here: get the raw_*_Russia_Ukraine.csv files from its authors."


def read_ruw(path: str | os.PathLike, split: str = "", encoding: str = "auto") -> pd.DataFrame:
    """One RUW CSV file, expanded to one row per (tweet, target).

    Columns :data:`RUW_COLUMNS`: ``tweet_id`` is ``<split or file stem>-<row>``
    (``row`` = 1-based data row of the file), ``pair`` 1 or 2 (which target
    column), ``stance`` favor/against/none, ``split_label`` the file's
    ``Test/Train/Dev`` cell. Fields are standard CSV (quoted fields may hold
    commas, ``""`` and line breaks). An empty second pair is skipped; a half-filled
    pair (target without stance or the reverse) is skipped with a warning; a row
    with more fields than the header (an unquoted comma in the tweet) is
    re-joined, with a warning. Decoding: :func:`decode_bytes` (the files are
    documented as latin-1; stored copies hold GB 18030 punctuation, which ``auto``
    detects).
    """
    p = Path(path)
    text, info = read_text(p, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    records = list(csv.reader(io.StringIO(text, newline="")))
    while records and not any(c.strip() for c in records[-1]):
        records.pop()
    if not records:
        raise StancemapError(f"{str(p)!r} is empty. Expected a CSV with the header {','.join(RUW_HEADER)}.")
    header = [_norm_header(h) for h in records[0]]
    want = [_norm_header(h) for h in RUW_HEADER]
    missing = [RUW_HEADER[i] for i, h in enumerate(want) if h not in header and i < 5]
    if missing:
        hint = " It looks tab-separated; RUW files are comma-separated." if "\t" in ",".join(records[0]) else ""
        raise StancemapError(f"{str(p)!r} has the header {','.join(records[0])!r}: column(s) "
                             f"{', '.join(missing)} missing. Expected {','.join(RUW_HEADER)}.{hint} Is this an "
                             "RUW raw_*_Russia_Ukraine.csv file?")
    col = {h: header.index(h) for h in want if h in header}
    n = len(header)
    rows, rejoined, padded, half, blank = [], 0, 0, 0, 0
    canon = {t.casefold(): t for t in RUW_TARGETS}
    stem = split or p.stem
    for rowno, rec in enumerate(records[1:], start=1):
        if not any(c.strip() for c in rec):
            blank += 1
            continue
        if len(rec) > n and col[want[0]] == 0:  # unquoted commas inside the tweet
            extra = len(rec) - n
            rec = [",".join(rec[:extra + 1]), *rec[extra + 1:]]
            rejoined += 1
        elif len(rec) < n:
            rec = rec + [""] * (n - len(rec))
            padded += 1
        tweet = rec[col[want[0]]]
        label = rec[col[want[5]]].strip() if want[5] in col else ""
        for k in (1, 2):
            target = rec[col[want[2 * k - 1]]].strip()
            stance = rec[col[want[2 * k]]].strip()
            if not target and not stance:
                if k == 1:
                    half += 1
                continue
            if not target or not stance:
                half += 1
                continue
            target = canon.get(target.casefold(), target)
            code = _stance_code(stance, f"{str(p)!r} data row {rowno} (column 'Stance {k}')")
            rows.append((f"{stem}-{rowno:05d}", target, tweet, code, k, split, label, p.name, rowno))
    df = pd.DataFrame(rows, columns=RUW_COLUMNS)
    if rejoined:
        warnings.warn(f"{p.name}: {rejoined} row(s) had more fields than the header (unquoted commas in the "
                      "tweet); their leading fields were joined back into the tweet.", LossyStepWarning, stacklevel=2)
    if padded:
        warnings.warn(f"{p.name}: {padded} row(s) had fewer fields than the header; the missing trailing cells "
                      "were read as empty.", LossyStepWarning, stacklevel=2)
    if half:
        warnings.warn(f"{p.name}: skipped {half} (target, stance) pair(s) with an empty target or stance "
                      "(an empty first pair, or a target without a stance or vice versa).", LossyStepWarning, stacklevel=2)
    if blank:
        warnings.warn(f"{p.name}: skipped {blank} blank row(s).", LossyStepWarning, stacklevel=2)
    dup = int(df.duplicated(["tweet_id", "target"]).sum())
    if dup:
        warnings.warn(f"{p.name}: {dup} tweet(s) name the same target twice; both pairs are kept.", LossyStepWarning, stacklevel=2)
    other = sorted(set(df["target"]) - set(RUW_TARGETS))
    if other:
        warnings.warn(f"{p.name}: target(s) {', '.join(map(repr, other))} are not RUW's "
                      f"{' and '.join(RUW_TARGETS)}; they are kept as given.", LossyStepWarning, stacklevel=2)
    df.attrs["decoding"] = info
    df.attrs["tweets"] = len(records) - 1 - blank
    return df


def load_ruw(data_dir: str | os.PathLike, encoding: str = "auto") -> pd.DataFrame:
    """The three RUW files of ``data_dir`` in one expanded table, ``split`` = train / val / test.

    ``.attrs``: ``decoding`` (file → decoding info), ``tweets`` (split → tweets read).
    """
    d = _check_dir(data_dir, RUW_FILES.values(), "RUW", _RUW_SOURCE)
    parts, dec, tweets = [], {}, {}
    for split, name in RUW_FILES.items():
        t = read_ruw(d / name, split, encoding)
        dec[name], tweets[split] = t.attrs["decoding"], t.attrs["tweets"]
        parts.append(t)
    df = pd.concat(parts, ignore_index=True)
    df.attrs.update(decoding=dec, tweets=tweets)
    return df


# --------------------------------------------------------------------------- SemEval-2023 Task 3

#: The 14 frames of SemEval-2023 Task 3 subtask 2 (Policy Frames Codebook, Boydstun et al. 2014).
FRAMES_2023 = ("Economic", "Capacity_and_resources", "Morality", "Fairness_and_equality",
               "Legality_Constitutionality_and_jurisprudence", "Policy_prescription_and_evaluation",
               "Crime_and_punishment", "Security_and_defense", "Health_and_safety", "Quality_of_life",
               "Cultural_identity", "Public_opinion", "Political", "External_regulation_and_reputation")
#: Default file and folder names of the English training data.
SEMEVAL2023_ARTICLES = "train-articles-subtask-2"
SEMEVAL2023_LABELS = "train-labels-subtask-2.txt"
#: Columns of :func:`load_semeval2023_frames`.
SEMEVAL2023_COLUMNS = ["article_id", "title", "body", "text", "frames", "n_frames", "file"]
_SEMEVAL2023_SOURCE = ("SemEval-2023 Task 3 data are not redistributable here: request them from the task "
                       "organisers (Piskorski et al. 2023) and pass the language folder, e.g. data/en.")


def _frame_key(s: str) -> str:
    return re.sub(r"[\s_\-,/]+", "_", s.strip()).strip("_").casefold()


_FRAME_CANON = {_frame_key(f): f for f in FRAMES_2023}


def _canon_frame(label: str, where: str) -> str:
    key = _frame_key(label)
    if key in _FRAME_CANON:
        return _FRAME_CANON[key]
    raise StancemapError(f"Unknown frame {label.strip()!r} in {where}. Valid: {', '.join(FRAMES_2023)}."
                         f"{did_you_mean(label.strip(), FRAMES_2023)} Fix the label (SemEval-2023 Task 3 "
                         "subtask 2 uses these 14 names).")


def read_semeval2023_labels(path: str | os.PathLike, encoding: str = "auto") -> pd.DataFrame:
    """The subtask-2 labels file: ``<ID>\\t<Frame>,<Frame>,…`` per line → columns
    ``article_id, frames`` (``;``-joined, in :data:`FRAMES_2023` order), ``line``.

    Frame names are matched case-insensitively, with spaces or hyphens for
    underscores. An ``article`` prefix on the ID is dropped. A line with an ID and
    no frame is kept with no frame (warning).
    """
    p = Path(path)
    text, _ = read_text(p, encoding)
    rows, empty = [], 0
    for lineno, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        parts = line.strip().split("\t", 1) if "\t" in line else line.strip().split(None, 1)
        art = re.sub(r"^article", "", parts[0].strip(), flags=re.I)
        if not art or not re.fullmatch(r"[\w.-]+", art):
            raise StancemapError(f"{str(p)!r} line {lineno}: {line.strip()[:60]!r} does not start with an article "
                                 "ID. Each line must be <ID><TAB><Frame>,<Frame>,… (SemEval-2023 Task 3 "
                                 "subtask 2).")
        if lineno == 1 and not art.isdigit() and _frame_key(parts[-1]) in ("frames", "labels", "label"):
            continue  # a header line
        labels = [s for s in re.split(r"[,;]", parts[1]) if s.strip()] if len(parts) > 1 else []
        if not labels:
            empty += 1
        found = {_canon_frame(s, f"{str(p)!r} line {lineno}") for s in labels}
        rows.append((art, ";".join(f for f in FRAMES_2023 if f in found), lineno))
    df = pd.DataFrame(rows, columns=["article_id", "frames", "line"])
    if empty:
        warnings.warn(f"{p.name}: {empty} article(s) have no frame label; they are kept with none.", LossyStepWarning, stacklevel=2)
    dup = df["article_id"][df["article_id"].duplicated()].tolist()
    if dup:
        raise StancemapError(f"{str(p)!r}: article ID {dup[0]!r} is listed more than once. Keep one line per "
                             "article.")
    return df


def read_article(path: str | os.PathLike, encoding: str = "auto") -> tuple[str, str]:
    """``(title, body)`` of a SemEval-2023 article file: the first non-empty line is
    the title, the rest (leading blank lines dropped) the body."""
    text, _ = read_text(path, encoding)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return "", ""
    return lines[0].strip(), "\n".join(lines[1:]).strip()


def load_semeval2023_frames(data_dir: str | os.PathLike, *, articles: str = SEMEVAL2023_ARTICLES,
                            labels: str = SEMEVAL2023_LABELS, encoding: str = "auto") -> pd.DataFrame:
    """Articles and frame labels of SemEval-2023 Task 3 subtask 2, one row per labelled article.

    ``data_dir/articles/article<ID>.txt`` (title, then body) and
    ``data_dir/labels``. Columns :data:`SEMEVAL2023_COLUMNS`: ``text`` = title,
    blank line, body; ``frames`` ``;``-joined. Sorted by ``article_id`` (numerically
    when the IDs are numbers). Labelled articles without a file, and files without
    labels, are left out with a warning.
    """
    d = Path(data_dir)
    if d.is_dir() and not (d / labels).exists() and (d / "en" / labels).exists():
        raise StancemapError(f"{str(d / labels)!r} not found, but {str(d / 'en' / labels)!r} exists: pass "
                             f"--data {d / 'en'} (the language folder).")
    d = _check_dir(d, [articles, labels], "SemEval-2023 Task 3 subtask 2", _SEMEVAL2023_SOURCE)
    if not (d / articles).is_dir():
        raise StancemapError(f"{str(d / articles)!r} is not a folder. It must hold the article<ID>.txt files.")
    lab = read_semeval2023_labels(d / labels, encoding)
    files = {}
    for f in (d / articles).iterdir():
        m = re.fullmatch(r"article(.+)\.txt", f.name)
        if m and f.is_file():
            files[m.group(1)] = f
    rows, missing = [], []
    for art, frames in zip(lab["article_id"], lab["frames"]):
        f = files.get(art)
        if f is None:
            missing.append(art)
            continue
        title, body = read_article(f, encoding)
        text = f"{title}\n\n{body}" if body else title
        rows.append((art, title, body, text, frames, len(frames.split(";")) if frames else 0, f.name))
    if missing:
        warnings.warn(f"{len(missing)} labelled article(s) have no file in {articles}/ (e.g. article"
                      f"{missing[0]}.txt); left out.", LossyStepWarning, stacklevel=2)
    unlabelled = sorted(set(files) - set(lab["article_id"]))
    if unlabelled:
        warnings.warn(f"{len(unlabelled)} article file(s) in {articles}/ have no line in {labels} (e.g. "
                      f"article{unlabelled[0]}.txt); left out.", LossyStepWarning, stacklevel=2)
    if not rows:
        raise StancemapError(f"No labelled article found: none of the {len(lab)} IDs in {labels} has an "
                             f"article<ID>.txt file in {str(d / articles)!r}.")
    df = pd.DataFrame(rows, columns=SEMEVAL2023_COLUMNS)
    key = pd.to_numeric(df["article_id"], errors="coerce")
    order = np.lexsort((df["article_id"].to_numpy(), key.fillna(np.inf).to_numpy()))
    return df.iloc[order].reset_index(drop=True)


def frame_indicators(frames: pd.Series | Sequence[str], labels: Sequence[str] = FRAMES_2023) -> np.ndarray:
    """A 0/1 matrix (rows × ``labels``) from ``;``-joined frame lists."""
    labels = list(labels)
    out = np.zeros((len(frames), len(labels)), dtype=int)
    for i, v in enumerate(list(frames)):
        for f in (s.strip() for s in str(v or "").split(";")):
            if f:
                if f not in labels:
                    raise StancemapError(f"Unknown frame {f!r}. Valid: {', '.join(labels)}.{did_you_mean(f, labels)}")
                out[i, labels.index(f)] = 1
    return out


__all__ = ["FRAMES_2023", "RUW_COLUMNS", "RUW_FILES", "RUW_HEADER", "RUW_TARGETS", "SEMEVAL2016_COLUMNS",
           "SEMEVAL2016_FILES", "SEMEVAL2016_HEADER", "SEMEVAL2023_ARTICLES", "SEMEVAL2023_COLUMNS",
           "SEMEVAL2023_LABELS", "STANCE_CODES", "decode_bytes", "frame_indicators", "load_ruw",
           "load_semeval2016", "load_semeval2023_frames", "read_article", "read_ruw", "read_semeval2016",
           "read_semeval2023_labels", "read_text"]
