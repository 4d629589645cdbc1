"""Hashed text features: word and character n-grams without a stored vocabulary.

The feature hashing trick (Weinberger et al. 2009; scikit-learn's
``HashingVectorizer``): an n-gram's column is ``murmurhash3_32(gram) mod n``,
so no vocabulary has to be fitted, stored or loaded. Two blocks, each with its
own column space and its own l2 norm (as two TF-IDF vectorizers in a union):

* ``word`` — n-grams of Snowball stems with ``_NEG`` after a negation up to the
  next clause punctuation (Das & Chen 2001; the marks of
  :func:`stancemap.text.negation_marks`), tokens from a Treebank-like regex
  (clitics ``n't``/``'s`` split off) that is about ten times faster than the
  Treebank tokenizer;
* ``char`` — character n-grams inside word boundaries (each whitespace-separated
  word padded with a space, scikit-learn's ``char_wb``), lower-cased.

Each occurrence of an n-gram seen in training weighs the IDF of its column
(smooth IDF, ``ln((1 + n) / (1 + df)) + 1``, stored for those columns only) and
each block of a text is normalised by ``sqrt(Σ tf × idf²)`` — the l2 norm when no
n-gram repeats (:func:`tfidf_compact`). N-grams never seen in training are left
out, as a TF-IDF vectorizer with a fitted vocabulary leaves them out; the matrix
holds only the columns seen in training.

Speed: a block of texts is joined into one string (with a separator character
none of them holds) and tokenised in one pass; each distinct token is stemmed
and each distinct word cut into its character-n-gram columns once (words
repeat: Zipf's law); negation scopes, (document, column) weights and norms of a
whole block are computed with a few array operations, with no per-text
counting. Results do not depend on the caches or the block size.
"""
from __future__ import annotations

import re
import threading
from array import array
from functools import lru_cache

import numpy as np
from mmh3 import hash as _mmh3  # (key, seed, signed)

from .text import QUOTES, TOKEN, negation_role, stem, tokens

_QUOTE_PAIRS = tuple((chr(k), v) for k, v in QUOTES.items())
_WORD = re.compile(r"\w")
_MAX_CACHE = 400_000

#: Default column spaces: 2**20 each (collisions among the n-grams one training set holds are rare).
N_WORD = 2 ** 20
N_CHAR = 2 ** 20


def column(gram: str, n: int) -> int:
    """The column of ``gram`` in a block of ``n`` columns: ``murmurhash3_32(gram, seed=0) mod n``
    (MurmurHash3 x86 32-bit of the UTF-8 bytes, unsigned: scikit-learn's numbers, tested, from mmh3,
    so scoring does without scikit-learn's second of imports)."""
    return _mmh3(gram, 0, False) % n


def _unit_info(tok: str) -> tuple[int, int, int, bool, str]:
    """(hash of the stem, hash of stem + ``_NEG``, negation role: 1 negation word / 2 clause
    punctuation / 0, has a word character, stem) of one token."""
    unit = stem(tok)
    return _mmh3(unit, 0, False), _mmh3(unit + "_NEG", 0, False), negation_role(tok), bool(_WORD.search(tok)), unit


def unit_hashes(unit: str) -> tuple[int, int]:
    """The 32-bit hashes of a word unit (a stem) as the word block hashes it: plain, and in a
    negation's scope (``_NEG``); its column is the hash mod the block's width."""
    return _mmh3(unit, 0, False), _mmh3(unit + "_NEG", 0, False)


_UNITS: dict[str, tuple[int, int, int, bool, str]] = {}


def _unit_names(toks: list[str]) -> list[str]:
    """The word units of one text as strings: stems, with ``_NEG`` in a negation's scope up to
    the next clause punctuation (the marks of :func:`stancemap.text.negation_marks`; punctuation
    inside the scope stays, ``,_NEG``). :meth:`Hasher.word_columns` hashes the same units."""
    cache = _UNITS
    if len(cache) > _MAX_CACHE:
        cache.clear()
    out = []
    scope = False
    for tok in toks:
        info = cache.get(tok)
        if info is None:
            info = cache[tok] = _unit_info(tok)
        _, _, role, word, stem = info
        if role == 1:
            neg, scope = scope, True
        elif role == 2:
            neg = scope = False
        else:
            neg = scope
        if neg:
            out.append(stem + "_NEG")
        elif word:
            out.append(stem)
    return out


_M1, _M2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)


def pair_hash(a, b):
    """A hash of two 32-bit unit hashes (a word n-gram from its first n−1 units and the last):
    64-bit multiply–xor mixing, top 32 bits. Vectorised; the same numbers for scalars."""
    a = np.asarray(a, dtype=np.uint64)
    b = np.asarray(b, dtype=np.uint64)
    with np.errstate(over="ignore"):
        x = (a * _M1) ^ (b + np.uint64(0x632BE59BD9B4E019))
        x = (x ^ (x >> np.uint64(29))) * _M2
        x = x ^ (x >> np.uint64(32))
    return (x & np.uint64(0xFFFFFFFF)).astype(np.int64)


def word_unit_grams(text: str, ngrams: tuple[int, int] = (1, 2)) -> list[tuple[str, int]]:
    """``(n-gram, 32-bit hash)`` of every word n-gram of one text, in order (with repeats):
    unigrams hash with murmurhash3_32, longer n-grams combine their units' hashes
    (:func:`pair_hash`)."""
    names = _unit_names(tokens(text))
    hashes = [_mmh3(u, 0, False) for u in names]
    lo, hi = ngrams
    out = list(zip(names, hashes)) if lo == 1 else []
    cur_n, cur_h = names, hashes
    for n in range(2, hi + 1):
        m = len(names) - n + 1
        if m <= 0:
            break
        cur_h = [int(v) for v in pair_hash(cur_h[:m], hashes[n - 1:n - 1 + m])]
        cur_n = [cur_n[i] + " " + names[i + n - 1] for i in range(m)]
        if n >= lo:
            out.extend(zip(cur_n, cur_h))
    return out


def word_grams(text: str, ngrams: tuple[int, int] = (1, 2)) -> list[str]:
    """The word n-grams of one text, in order (with repeats).

    >>> word_grams("We will not accept it.", (1, 1))
    ['we', 'will', 'not', 'accept_NEG', 'it_NEG']
    """
    return [g for g, _ in word_unit_grams(text, ngrams)]


def char_grams(word: str, ngrams: tuple[int, int] = (2, 5)) -> list[str]:
    """Character n-grams of one lower-cased word padded with a space each side (a word
    shorter than n gives itself once), as scikit-learn's ``char_wb`` analyzer cuts them."""
    w = " " + word + " "
    size = len(w)
    out = []
    for n in range(ngrams[0], ngrams[1] + 1):
        if size < n:
            out.append(w)
            break
        out += [w[i:i + n] for i in range(size - n + 1)]
        if size == n:
            break
    return out


#: Characters that may join a block of texts into one string (the first one no text of the
#: block holds): not word characters, not whitespace, not cased, unchanged by ``lower()`` and
#: by the quote map, so each text tokenises, splits and lower-cases as it does alone.
_SEPARATORS = "".join(map(chr, [*range(0, 9), *range(14, 28)]))


def _separator(texts: list[str]) -> str | None:
    whole = "".join(texts)
    return next((c for c in _SEPARATORS if c not in whole), None)


class _Table:
    """Per distinct token an integer id and its numbers (one array each), grown on demand;
    id 0 is the block separator (set for one call)."""

    def __init__(self):
        self.ids: dict[str, int] = {}
        self.columns: list[array] = []

    def clear(self, widths: tuple[str, ...]) -> None:
        self.ids = {}
        self.columns = [array(w, [0]) for w in widths]


class Hasher:
    """Column indices of the word and char n-grams of texts, with per-token caches.

    For the word block a block of texts is joined into one string (:data:`_SEPARATORS`) and
    tokenised once; each distinct token is looked up once and negation scopes are array work."""

    def __init__(self, word_ngrams=(1, 2), char_ngrams=(2, 5), n_word: int = N_WORD, n_char: int = N_CHAR):
        self.word_ngrams = tuple(word_ngrams)
        self.char_ngrams = tuple(char_ngrams)
        self.n_word, self.n_char = int(n_word), int(n_char)
        self._tokens = _Table()  # token -> (plain hash, _NEG hash, negation role, has a word character)
        self._tokens.clear(("q", "q", "b", "b"))
        self._words: dict[str, bytes] = {}  # word -> its char columns (int32 bytes)
        # the token table is shared by every thread that scores with this model (the Dask engine's
        # threads): its separator entry and growing arrays must not change under another thread
        self._lock = threading.Lock()

    @staticmethod
    def _split(sep: str | None, table: _Table, pieces: list[str], add) -> tuple[np.ndarray, np.ndarray]:
        """Ids of ``pieces`` (a block's tokens or words, texts separated by ``sep``; unknown
        ones added with ``add``) and, per piece, its text's number; separators dropped."""
        ids = table.ids
        old = ids.get(sep) if sep is not None else None
        if sep is not None:
            ids[sep] = 0
        try:
            n = len(table.columns[0])
            for piece in set(pieces).difference(ids):
                ids[piece] = n
                n += 1
                add(piece)
            got = np.fromiter(map(ids.__getitem__, pieces), dtype=np.int64, count=len(pieces))
        finally:
            if sep is not None:
                if old is None:
                    del ids[sep]
                else:
                    ids[sep] = old
        if sep is None:
            return got, np.zeros(len(got), dtype=np.int64)
        is_sep = got == 0
        row = np.cumsum(is_sep)
        keep = ~is_sep
        return got[keep], row[keep]

    def _add_token(self, tok: str) -> None:
        plain, neg, role, word, _ = _unit_info(tok)
        for col, v in zip(self._tokens.columns, (plain, neg, role, word)):
            col.append(v)

    def word_columns(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Flat word-block columns of every text (unigrams, then bigrams, … per text) and the row pointer."""
        return self.word_columns_units(texts)[:2]

    def word_columns_units(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`word_columns`, and the number of unigram units of each text (its first entries;
        0 when the n-grams start above 1)."""
        texts = list(texts)
        sep = _separator(texts)
        if sep is None and len(texts) > 1:  # every separator occurs in the texts: one text at a time
            parts = [self.word_columns_units([t]) for t in texts]
            return (*_stack([p[:2] for p in parts]), np.concatenate([p[2] for p in parts]))
        low = (sep or "").join(texts).lower()
        for a, b in _QUOTE_PAIRS:  # as .translate(QUOTES), which is slow on long non-ASCII strings
            low = low.replace(a, b)
        low = low.replace("n't", " n't")
        pieces = TOKEN.findall(low)
        with self._lock:
            table = self._tokens
            if len(table.ids) > _MAX_CACHE:
                table.clear(("q", "q", "b", "b"))
            ids, row = self._split(sep, table, pieces, self._add_token)
            # copies, taken per token: no view of the table's arrays outlives the lock (they grow)
            plain, negh, role, word = (np.frombuffer(c, dtype=np.int64 if c.typecode == "q" else np.int8)[ids]
                                       for c in table.columns)
        word = word.astype(bool)
        # negation scope (as _unit_names): a token is in scope when the last negation word or clause
        # punctuation before it in its text is a negation word; clause punctuation is never marked
        pos = np.arange(len(ids))
        last = np.maximum.accumulate(np.where(role != 0, pos, -1)) if len(ids) else pos
        before = np.empty_like(pos)
        before[:1] = -1
        before[1:] = last[:-1]
        starts = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=len(texts)), out=starts[1:])
        inside = before >= starts[row]
        neg = inside & (role[np.where(inside, before, 0)] == 1) & (role != 2)
        emit = neg | word
        units = np.where(neg, negh, plain)[emit]
        row = row[emit]
        indptr = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=len(texts)), out=indptr[1:])
        lo, hi = self.word_ngrams
        cols, rows = ([units], [row]) if lo == 1 else ([], [])
        cur = units
        for n in range(2, hi + 1):
            ok = np.flatnonzero(indptr[row + 1] - np.arange(len(units)) >= n)  # an n-gram starts here
            if not len(ok):
                break
            prev = cur[ok]
            cur_full = np.zeros(len(units), dtype=np.int64)
            cur_full[ok] = pair_hash(prev, units[ok + n - 1])
            cur = cur_full
            if n >= lo:
                cols.append(cur_full[ok])
                rows.append(row[ok])
        n_units = np.diff(indptr) if lo == 1 else np.zeros(len(texts), dtype=np.int64)
        if not cols:
            return np.zeros(0, dtype=np.int32), np.zeros(len(texts) + 1, dtype=np.int64), n_units
        r = np.concatenate(rows)
        c = np.concatenate(cols) % self.n_word
        order = np.argsort(r, kind="stable")
        counts = np.bincount(r, minlength=len(texts))
        ptr = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(counts, out=ptr[1:])
        return c[order].astype(np.int32), ptr, n_units

    def char_columns(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Flat char-block columns of every text and the row pointer: its words' columns one
        after another (:meth:`char_words`)."""
        occ, text_ptr, cols, word_ptr = self.char_words(texts)
        sizes = np.diff(word_ptr)[occ]
        first = np.zeros(len(occ), dtype=np.int64)
        np.cumsum(sizes[:-1], out=first[1:])
        at = np.repeat(word_ptr[occ] - first, sizes) + np.arange(int(sizes.sum()), dtype=np.int64)
        rows = np.repeat(np.arange(len(text_ptr) - 1, dtype=np.int64), np.diff(text_ptr))
        indptr = np.zeros(len(text_ptr), dtype=np.int64)
        np.cumsum(np.bincount(rows, weights=sizes, minlength=len(text_ptr) - 1).astype(np.int64), out=indptr[1:])
        return cols[at], indptr

    def char_words(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The char block by distinct word: each text's words as numbers of the block's distinct
        words (in order, repeats kept) with their row pointer, and each distinct word's char
        columns (flat, as :meth:`char_columns` gives them) with theirs. The texts' columns are
        the concatenation of their words' columns, so a sum over a text's columns is a sum of its
        words' sums (:meth:`stancemap.estimators.HashedFeatures.decision_with_counts`)."""
        texts = list(texts)
        sep = _separator(texts)
        if sep is None:  # every separator occurs in the texts: a space-free word per text boundary
            pieces, lengths = [], []
            for text in texts:
                words = text.lower().split()
                pieces.extend(words)
                lengths.append(len(words))
        else:  # one lower-casing and split for the block (each text splits as it does alone)
            pieces = f" {sep} ".join(texts).lower().split()
        number = dict.fromkeys(pieces)
        if sep is not None:
            number.pop(sep, None)
        distinct = list(number)
        number.update(zip(distinct, range(len(distinct))))
        if sep is not None:
            number[sep] = -1
        occ = np.fromiter(map(number.__getitem__, pieces), dtype=np.int64, count=len(pieces))
        text_ptr = np.zeros(len(texts) + 1, dtype=np.int64)
        if sep is None:
            np.cumsum(lengths, out=text_ptr[1:])
        else:
            is_sep = occ < 0
            np.cumsum(np.bincount(np.cumsum(is_sep)[~is_sep], minlength=len(texts)), out=text_ptr[1:])
            occ = occ[~is_sep]
        cache = self._words
        if len(cache) > _MAX_CACHE:
            cache.clear()
        get = cache.get
        parts = [get(w) for w in distinct]
        if None in parts:  # words not seen before: their n-grams hashed in one pass
            new = [w for p, w in zip(parts, distinct) if p is None]
            made = iter(self._char_words_new(new))
            parts = [p if p is not None else next(made) for p in parts]
        word_ptr = np.zeros(len(distinct) + 1, dtype=np.int64)
        np.cumsum([len(p) // 4 for p in parts], out=word_ptr[1:])
        cols = np.frombuffer(bytearray(b"".join(parts)), dtype=np.int32)
        return occ, text_ptr, cols, word_ptr

    def _char_words_new(self, words: list[str]) -> list[bytes]:
        """:meth:`_char_word` of several words (cached): the ASCII ones' n-grams hashed together
        (:func:`ascii_char_columns`), the others one by one."""
        lo = self.char_ngrams[0]
        fast = [w for w in words if w.isascii() and len(w) + 2 >= lo]
        got = dict(zip(fast, ascii_char_columns(fast, self.char_ngrams, self.n_char))) if fast else {}
        out = []
        for w in words:
            b = got.get(w)
            if b is None:
                b = self._char_word(w)
            else:
                self._words[w] = b
            out.append(b)
        return out

    def _char_word(self, word: str) -> bytes:
        """The char-block columns of one word, as int32 bytes (cached)."""
        hash_, n = _mmh3, self.n_char
        got = self._words[word] = array("i", [hash_(g, 0, False) % n for g in char_grams(word, self.char_ngrams)]
                                        ).tobytes()
        return got


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    return (x << np.uint32(r)) | (x >> np.uint32(32 - r))


def murmur3_keys(buf: np.ndarray, starts: np.ndarray, n: int) -> np.ndarray:
    """MurmurHash3 x86 32-bit (seed 0, unsigned: ``mmh3.hash(key, 0, False)``) of the ``n``-byte
    keys ``buf[s:s + n]`` for each ``s`` in ``starts``, in uint32 arithmetic over all keys at once
    (Appleby's MurmurHash3: 4-byte blocks, the tail, the length, the finalisation mix)."""
    c1, c2 = np.uint32(0xCC9E2D51), np.uint32(0x1B873593)
    starts = np.asarray(starts, dtype=np.int64)
    byte = [buf[starts + j].astype(np.uint32) for j in range(n)]
    h = np.zeros(len(starts), dtype=np.uint32)
    for at in range(0, n - n % 4, 4):
        k = byte[at] | (byte[at + 1] << np.uint32(8)) | (byte[at + 2] << np.uint32(16)) | (byte[at + 3] << np.uint32(24))
        h ^= _rotl(k * c1, 15) * c2
        h = _rotl(h, 13) * np.uint32(5) + np.uint32(0xE6546B64)
    rest = n % 4
    if rest:
        at = n - rest
        k = np.zeros(len(starts), dtype=np.uint32)
        for j in range(rest - 1, -1, -1):
            k ^= byte[at + j] << np.uint32(8 * j)
        h ^= _rotl(k * c1, 15) * c2
    h ^= np.uint32(n)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def ascii_char_columns(words: list[str], ngrams: tuple[int, int], n_char: int) -> list[bytes]:
    """Each ASCII word's char columns (:func:`char_grams`' n-grams, in its order, hashed as
    :func:`column` hashes them) as int32 bytes, for all words at once: the padded words in one
    byte buffer, each n-gram length's keys hashed by :func:`murmur3_keys`. Every padded word must
    be at least ``ngrams[0]`` long (then its n-grams are all its substrings of each length up to
    its own)."""
    lo, hi = ngrams
    padded = " " + "  ".join(words) + " "
    buf = np.frombuffer(padded.encode("ascii"), dtype=np.uint8)
    size = np.fromiter(map(len, words), dtype=np.int64, count=len(words)) + 2
    if len(words) and size.min() < lo:
        raise ValueError("a padded word shorter than the smallest n-gram")
    begin = np.zeros(len(words), dtype=np.int64)
    np.cumsum(size[:-1], out=begin[1:])
    # per word and length n: size - n + 1 n-grams (none above its own length), lengths in order
    per = np.stack([np.maximum(size - n + 1, 0) for n in range(lo, hi + 1)], axis=1)
    total = per.sum(axis=1)
    out_ptr = np.zeros(len(words) + 1, dtype=np.int64)
    np.cumsum(total, out=out_ptr[1:])
    before = np.cumsum(per, axis=1) - per  # n-grams of the shorter lengths, per word
    cols = np.empty(int(out_ptr[-1]), dtype=np.int32)
    for j, n in enumerate(range(lo, hi + 1)):
        count = per[:, j]
        which = np.repeat(np.arange(len(words), dtype=np.int64), count)
        first = np.zeros(len(words), dtype=np.int64)
        np.cumsum(count[:-1], out=first[1:])
        offset = np.arange(len(which), dtype=np.int64) - first[which]
        h = murmur3_keys(buf, begin[which] + offset, n)
        cols[out_ptr[which] + before[which, j] + offset] = (h % np.uint32(n_char)).astype(np.int32)
    data = cols.tobytes()
    return [data[4 * a:4 * b] for a, b in zip(out_ptr[:-1].tolist(), out_ptr[1:].tolist())]


def _stack(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Columns and row pointers of consecutive blocks as one."""
    cols = np.concatenate([c for c, _ in parts]) if parts else np.zeros(0, dtype=np.int32)
    sizes = [np.diff(p) for _, p in parts]
    indptr = np.zeros(sum(len(s) for s in sizes) + 1, dtype=np.int64)
    if sizes:
        np.cumsum(np.concatenate(sizes), out=indptr[1:])
    return cols, indptr


_SHIFT = 32  # key = row << 32 | column of the joined word + char space (fits while n_word + n_char ≤ 2**32)


def _pairs(word: tuple[np.ndarray, np.ndarray], char: tuple[np.ndarray, np.ndarray], n_word: int):
    """Distinct (row, joined column) pairs of both blocks, sorted, and their counts: one sort
    of 64-bit keys for a whole block of texts (char columns come after the ``n_word`` word ones)."""
    (wc, wp), (cc, cp) = word, char
    n = len(wp) - 1
    wr = np.repeat(np.arange(n, dtype=np.int64), np.diff(wp))
    cr = np.repeat(np.arange(n, dtype=np.int64), np.diff(cp))
    keys = np.concatenate([(wr << _SHIFT) | wc.astype(np.int64), (cr << _SHIFT) | (cc.astype(np.int64) + n_word)])
    keys.sort()
    if not len(keys):
        return keys, keys, keys
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    counts = np.diff(np.append(starts, len(keys)))
    keys = keys[starts]
    return keys >> _SHIFT, keys & ((1 << _SHIFT) - 1), counts


def column_frequency(word, char, n_word: int, n_char: int) -> tuple[np.ndarray, np.ndarray]:
    """Documents per column of each block (word, char)."""
    _, cols, _ = _pairs(word, char, n_word)
    df = np.bincount(cols, minlength=n_word + n_char)
    return df[:n_word], df[n_word:]


def smooth_idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """scikit-learn's smooth IDF: ``ln((1 + n) / (1 + df)) + 1``."""
    return np.log((1.0 + n_docs) / (1.0 + np.asarray(df, dtype=np.float64))) + 1.0


def compact_lookup(kept_word: np.ndarray, kept_char: np.ndarray, n_word: int, n_char: int) -> np.ndarray:
    """``lookup[joined column]`` = the column's position among the kept word columns, then the
    kept char columns (both sorted), or −1 when it was not kept."""
    lookup = np.full(n_word + n_char, -1, dtype=np.int32)
    lookup[np.asarray(kept_word, dtype=np.int64)] = np.arange(len(kept_word), dtype=np.int32)
    lookup[n_word + np.asarray(kept_char, dtype=np.int64)] = np.arange(len(kept_word), len(kept_word) + len(kept_char),
                                                                       dtype=np.int32)
    return lookup


def kept_entries(cols: np.ndarray, ptr: np.ndarray, look: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The compact positions (``look``, :func:`compact_lookup`'s block) of the entries ``cols``
    whose column was kept in training, and the row pointer of what is left of ``ptr``'s rows."""
    pos = look[cols]
    hit = pos >= 0
    ends = np.zeros(len(cols) + 1, dtype=np.int64)
    np.cumsum(hit, out=ends[1:])
    return pos[hit], ends[ptr]


def tfidf_compact(word, char, n_word: int, lookup: np.ndarray, idf: np.ndarray | None, n_docs: int,
                  n_kept: int, extra=None, canonical: bool = True, sparse_extra=None):
    """The matrix a linear model sees, restricted to the columns kept in training (``lookup``,
    :func:`compact_lookup`): each occurrence of a kept n-gram weighs its column's IDF
    (``idf``; 1 without), so a column holds ``tf × idf``, and each block of a row is
    divided by ``sqrt(Σ tf × idf²)`` over its kept columns — the l2 norm when no n-gram
    repeats, the rule in a sentence (repeats count linearly, so no per-text counting is
    needed). N-grams never seen in training are left out, as a vectorizer with a fitted
    vocabulary leaves them out. Then ``sparse_extra`` — ``(rows, columns, values, width)``, entries
    sorted by row (e.g. word clusters) — and the dense columns ``extra`` (e.g. cue counts). With
    ``canonical=False`` a row may list a column more than once (the matrix products are
    the same; used when scoring). ``n_docs`` is unused (kept for the signature)."""
    from scipy import sparse

    (wc, wp), (cc, cp) = word, char
    n = len(wp) - 1
    blocks = []  # per block: kept positions, their values and kept entries per row
    for cols, ptr, look in ((wc, wp, lookup[:n_word]), (cc, cp, lookup[n_word:])):
        pos, kept_ptr = kept_entries(cols, ptr, look)
        per_row = np.diff(kept_ptr)
        rows = np.repeat(np.arange(n, dtype=np.int64), per_row)
        if idf is not None:
            data = idf[pos]
            norm = np.sqrt(np.bincount(rows, weights=data * data, minlength=n))
        else:
            data = np.ones(len(pos))
            norm = np.sqrt(np.bincount(rows, minlength=n).astype(np.float64))
        norm[norm == 0] = 1.0
        data /= norm[rows]
        blocks.append((pos, data, per_row))
    k = n_kept
    if sparse_extra is not None:
        sr, sc, sv, width = sparse_extra
        blocks.append((k + np.asarray(sc, dtype=np.int64), np.asarray(sv, dtype=np.float64),
                       np.bincount(np.asarray(sr, dtype=np.int64), minlength=n)))
        k += int(width)
    if extra is not None and extra.shape[1]:
        er, ec = np.nonzero(extra)  # row by row
        blocks.append((k + ec, extra[er, ec], np.bincount(er, minlength=n)))
    k += extra.shape[1] if extra is not None else 0
    # a row's word entries, then its char entries, then its extra ones: each block's entries go
    # to their row's slice, after the earlier blocks' entries of that row
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(sum(b[2] for b in blocks), out=indptr[1:])
    all_pos = np.empty(indptr[-1], dtype=np.int32)
    all_data = np.empty(indptr[-1], dtype=np.float64)
    before = indptr[:-1].copy()
    for pos, data, per_row in blocks:
        first = np.zeros(n, dtype=np.int64)
        np.cumsum(per_row[:-1], out=first[1:])
        dest = np.arange(len(pos), dtype=np.int64) + np.repeat(before - first, per_row)
        all_pos[dest], all_data[dest] = pos, data
        before += per_row
    out = sparse.csr_matrix((all_data, all_pos, indptr), shape=(n, k))
    if canonical:
        out.sum_duplicates()
    return out


def unit_entries(word_ptr: np.ndarray, n_units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the unigram entries among a block's flat word columns (each text's first
    ``n_units``, :meth:`Hasher.word_columns_units`) and their rows."""
    ptr = np.asarray(word_ptr, dtype=np.int64)
    n_units = np.asarray(n_units, dtype=np.int64)
    rows = np.repeat(np.arange(len(n_units), dtype=np.int64), n_units)
    first = np.zeros(len(n_units), dtype=np.int64)
    if len(n_units) > 1:
        np.cumsum(n_units[:-1], out=first[1:])
    return ptr[rows] + np.arange(len(rows), dtype=np.int64) - first[rows], rows


__all__ = ["N_CHAR", "N_WORD", "TOKEN", "Hasher", "ascii_char_columns", "char_grams", "column", "column_frequency",
           "compact_lookup", "kept_entries", "murmur3_keys", "pair_hash", "smooth_idf", "tfidf_compact", "tokens",
           "unit_entries", "unit_hashes", "word_grams", "word_unit_grams"]
