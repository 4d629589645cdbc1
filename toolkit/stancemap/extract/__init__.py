"""Statement extraction and attribution: who said what, in which words.

Rule-based quotation and reported-speech attribution in the tradition of
O'Keefe et al. (2012, "A sequence labelling approach to quote attribution")
and Pareti (2016, PARC 3.0: source–cue–content triples), with the speaker
resolved against an actor registry. Everything is transparent rules over
compiled regular expressions (sentences are split with the abbreviation list
of :mod:`stancemap.text`, about ten times faster than nltk's Punkt on long
press releases), so it is fast (several hundred documents/s) and works with
any registry of the ``corpora/actors.yaml`` shape.

A statement has a *source* (the speaker, resolved to a registry member, or
kept with ``actor = "unattributed"``), a *cue* (the verb or phrase that
introduces it) and a *content* span (what was said, without speaker or cue).
The rules, in the order they run on each document:

1. **Transcript turns** — labels such as ``Vladimir Putin: …``,
   ``President of France Emmanuel Macron(retranslated): …``, ``MS. LEAVITT: …``,
   ``THE PRESIDENT: …`` (its holder on the document's ``date``) or ``Q …``
   split a transcript into turns (the grammar: :mod:`stancemap.extract.turns`); each
   sentence of a turn, without stage directions such as ``(Laughter.)`` or a line that is one
   parenthesis ("(The National Medal of Arts is presented.)"), is a
   ``direct`` statement of the label's speaker. A reporter's turn (``Q``, ``Question (State Radio)``) is a
   ``question``: actor ``unattributed``, speaker the label or the outlet. A page whose every label
   opens a quotation in ordinary case ("Speaker Mike Johnson: “…”") is a list of quotations, not a
   transcript (rule 2).
2. **Direct quotes** with the attribution after (“…,” X said / “…,” said X),
   before (X said: “…” / X said, “…”, also across a line break), or around a
   split quote (“…,” X said, “…” → two rows, one speaker), or in the next
   sentence, a closed list: “…” That was the view of X. / So said X. / The
   words were X's; or after the speaker's label alone at the start of its line, with no cue
   (``Sen. Ada Quill: “…”``, ``Ada Quill, Executive Director, Eastport Trust: “…”``; ``cue = "label"``:
   the White House's "What they are saying" lists), or in a topic bullet under a heading that names
   the speaker (``Ada Quill on Harbour Hour`` ⏎ ``- On tariffs: “…”``, the "Sunday shows" pages), or in
   a list of bullets that are only quotations (``- “…” (Watch)``) under such a heading, under one that
   names whose words they are (``Here are highlights from President Quill’s speech:``), or under a
   heading of highlights that names no one after a lead whose subject is the speaker (``In an
   interview, President Quill reflected …`` ⏎ ``Here are some of the key moments:``). A
   quotation inside a quotation (“Oduya told me ‘…’”) is
   also the inner speaker's, as reported: ``kind = "embedded"``.
3. **Reported speech** with a cue verb (said that, insisted, accused X of,
   demanded that, reassured X that, hailed X as, according to X, …),
   including participial clauses ("with X insisting that …"), subjects with
   an apposition or relative clause ("X, speaking from Y, said …", "talks
   with X, who said …"), coordinated speakers ("A and B accused …", one row
   each), elided subjects ("… and claimed …"), post-posed attributions
   ("…, X said." / "…, said X."), "This was stated by X" (the previous
   sentence is X's) and institutional sources ("The White House statement
   …", "Its statement …", "a Kremlin readout said"). Content containing a
   quoted fragment is ``mixed``; the content ends at the next clause with its
   own speaker, a semicolon, ", while", or a dash that opens the narrator's
   gloss ("…ceased—conditions that Kyiv has rejected").
4. **Quotes without attribution** continue the previous speaker (lower
   confidence) — after a labelled quotation only if they open their line, else
   no one's; a quotation reopened in the next paragraph (“… ¶ “…”) is the
   speaker's of the one left open above it; short quotes in the narrator's
   sentence are scare quotes; the benches' shouts in an editor's note
   ("[Hon. Members: “Hear, hear.”]") and a question put to someone ("When
   asked, “…”, she said", "He was then asked, “…”") are no one's.
5. **Official documents** (``doc_kind == "official"``): the remaining
   sentences — and those where the author speaks of itself ("The Ministry
   welcomes …"; in a person's speech, their group's institutions: "The European
   Union calls on …") — are the author's own words (``kind = "official"``):
   the publisher's, or the people the page title names ("Statement by Press
   Secretary …", "Statement of President …"; a speech or address, "Speech by President of Ukraine …", "… -
   President's address", whose bare title is the publisher's own side's; an article, essay or open
   letter by a person; "Remarks by …" without turn labels, a prepared speech; a headline ending with a
   person over a text that opens by addressing its listeners; a readout,
   "Readout of Vice President …'s Meeting", stays the publisher's account of the meeting). After
   "Below are the full remarks by …:" the rest of the page is that person's. An official text's
   speaker the registry knows as a person takes the registry's name.
   In an institution's account (and a readout in a person's name: "Statement by NSC
   Spokesperson … on …’s Call with …"), sentences that carry on a person's report in its
   paragraph ("X reported that … . A new pier has been built.") are X's — not after a thanks or
   another object ("X thanked Y for …") nor after several people's report; in a person's own text (a
   speech, an answer in Parliament) the speaker goes on in their own voice. "In his opinion, …" is
   a report of the person "his" means. Headings, datelines, salutations, signatures and lines in
   capitals, list labels ("Sec.", "1.") and editors' notes in square brackets ("[Interruption.]")
   are no statement, nor, anywhere, a span without a letter, a transcript's "END" or an editor's
   third-person parenthesis ("(The President signs the bill.)").
   Agentless passives ("It was noted that …") stay the publisher's account.
   "The two leaders" / "the parties" / "they agreed" (in a text whose title names a
   meeting, "they" with any cue) are the people the first
   sentence names, else those the page title names plus the publisher's head
   that day (the registry's ``head:``), one row each; with fewer than two, the
   sentence stays the publisher's account.
6. **Inside transcript turns**, a clausal report of a named person ("Sullivan
   stressed that …") is that person's; a question's asker named by the host
   ("Our next question will go to …", "We'll start with …", a last line "Justin.") keeps the
   name, still a ``question``, unless a speaker's turn follows the naming (a briefer). A fact
   sheet has no turns.

Pronouns (he/she → person; it/its → institution; they → several speakers;
"she" never means a person the registry's ``pronouns:``, an honorific — "Mr.
Hale" — or an earlier unambiguous "he" says is "he") and titles ("the President", "the Head of State of X") resolve to the
subject of the previous sentence or the most recent speaker of the right
kind. Unnamed sources (analysts, critics, "a spokesman for X") and named
people missing from the registry are kept with ``actor = "unattributed"``
and their words in ``speaker``.

The modules, along the flow: :mod:`~stancemap.extract.lexicon` (cue verbs, word lists),
:mod:`~stancemap.extract.sentences` (the splitter), :mod:`~stancemap.extract.matchers` (per
registry), :mod:`~stancemap.extract.index` (the frozen document index),
:mod:`~stancemap.extract.transcripts`, :mod:`~stancemap.extract.quotes`,
:mod:`~stancemap.extract.subjects`, :mod:`~stancemap.extract.reported`,
:mod:`~stancemap.extract.speakers` (names, titles, coreference), :mod:`~stancemap.extract.document`
(one document's rows), :mod:`~stancemap.extract.offsets` (spans in ``raw_text``) and
:mod:`~stancemap.extract.table` (the statements table).
"""
from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from ..actors import ActorRegistry, load_actors
from ..errors import LossyStepWarning, StancemapError
from ..runtime import check_jobs
from .lexicon import CUES  # noqa: F401  (public here as before: stancemap.cues reads it)
from .sentences import fast_sentence_spans  # noqa: F401
from .table import EXTRACTOR, VERSION, as_documents, finish, statements_table

__all__ = ["EXTRACTOR", "VERSION", "extract", "extract_text"]


def extract(documents, actors=None, *, progress: bool = False, speaker_spans: bool = False,
            n_jobs: int = 1, _stacklevel: int = 2) -> pd.DataFrame:
    """Extract attributed statements from documents.

    ``documents``: a documents table (``schema.DOCUMENT_COLUMNS``; at least
    ``doc_id`` and ``text``, missing provenance columns count as "") or file /
    folder path(s), loaded with :func:`stancemap.corpus.load`. ``actors``: a
    registry path, an :class:`~stancemap.actors.ActorRegistry`, or ``None``
    for the bundled ``corpora/actors.yaml``.

    Returns a new statements table (``schema.STATEMENT_COLUMNS``) sorted by
    ``doc_id`` and ``char_start``; spans refer to each document's ``text``.
    ``raw_start``/``raw_end`` give the same span in the document's ``raw_text``
    and ``source_text`` its characters exactly as there (straight quotes, hard
    wraps and all: :func:`stancemap.clean.clean_text_map`); a table without
    ``raw_text`` counts ``text`` as raw. Statements whose speaker is not in the
    registry are kept with ``actor = "unattributed"`` and counted in a warning.

    ``speaker_spans=True`` adds ``speaker_start``/``speaker_end``: where the
    speaker is named in the text (subject, pronoun or transcript label; -1 for
    official sentences and quotes continuing an earlier speaker), for
    evaluation against source-span annotations such as PolNeAR.

    ``n_jobs``: processes (joblib; -1 = every CPU) that share the documents, in
    blocks of :data:`DOCS_PER_JOB`; the table is the same.
    """
    docs = as_documents(documents)
    if actors is not None and not isinstance(actors, (str, Path, ActorRegistry)):
        raise StancemapError(f"actors must be a registry YAML path, an ActorRegistry or None (the bundled "
                             f"corpora/actors.yaml), got {type(actors).__name__}.")
    registry = load_actors(actors)
    jobs = check_jobs(n_jobs)
    if jobs > 1 and len(docs) > DOCS_PER_JOB:
        from joblib import Parallel, delayed

        blocks = [docs.iloc[i:i + DOCS_PER_JOB] for i in range(0, len(docs), DOCS_PER_JOB)]
        parts = Parallel(n_jobs=min(jobs, len(blocks)))(
            delayed(_extract_block)(b, registry, speaker_spans) for b in blocks)
        return finish(pd.concat(parts, ignore_index=True), _stacklevel + 1, frozenset(registry.dated_members))
    return finish(statements_table(docs, registry, progress=progress, speaker_spans=speaker_spans), _stacklevel + 1,
                  frozenset(registry.dated_members))


#: Documents per block when ``extract(..., n_jobs>1)`` shares the work between processes.
DOCS_PER_JOB = 200


def _extract_block(docs: pd.DataFrame, registry, speaker_spans: bool) -> pd.DataFrame:
    """One block of documents, in a worker process (its warning is given once, by the caller)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossyStepWarning)
        return extract(docs, registry, speaker_spans=speaker_spans)


def extract_text(text: str, actors=None, doc_id: str = "doc", *, doc_kind: str = "article",
                 doc_actor: str = "", doc_speaker: str = "", date: str = "") -> pd.DataFrame:
    """Statements of one text (spans refer to ``text`` exactly as given; clean it first if needed).
    ``date`` (``YYYY-MM-DD``) resolves dated titles in transcript labels (``THE PRESIDENT:``)."""
    if not isinstance(text, str):
        raise StancemapError(f"extract_text expects a string, got {type(text).__name__}.")
    docs = pd.DataFrame([{"doc_id": doc_id, "text": text, "doc_kind": doc_kind, "doc_actor": doc_actor,
                          "doc_speaker": doc_speaker, "date": date}])
    return extract(docs, actors, _stacklevel=3)


from .._callable import make_callable  # noqa: E402

make_callable(__name__, "extract")
