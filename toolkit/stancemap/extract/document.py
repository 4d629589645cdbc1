"""One document, along the flow: transcript turns, then — in the text before them, after a
headline — the document index, quotations, reported speech, speakers, and (for official texts)
the author's own sentences. :func:`statement_rows` returns the rows the table is made of."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from .index import DocIndex, build_index, covered_any
from ..text import not_a_name_word, stopwords
from .lexicon import CUE_RE, CUES, HEADLINE_END, INSTITUTION_WORDS, LINE, PERSON_TITLE_WORDS
from ..actors import Member
from ..schema import UNATTRIBUTED
from .matchers import Matchers
from .quotes import attribute_quotes, embedded_quotes, unclaimed_quotes
from .records import Attribution, Speaker, member_speaker, row
from .reported import JOINED_CLAUSE, MAIN_CLAUSE, find_heads, passive_by, reported_attributions
from .speakers import named_persons, resolve_all
from .subjects import side_title
from .names import remarks_authors, title_authors
from .transcripts import SALUTATION, Label, find_labels, preamble_end, turn_rows

__all__ = ["article_attributions", "author_names", "author_speakers", "document_authors", "document_meeting",
           "document_remarks", "headline_end", "not_a_statement", "statement_rows", "turn_reports"]


def statement_rows(matchers: Matchers, text: str, official: tuple[str, str] | None = None,
                   date: str | None = None, authors: tuple[Speaker, ...] = (),
                   meeting: Callable[[], tuple] = tuple, title: str = "",
                   remarks: tuple[Speaker, ...] = ()) -> list[tuple]:
    """Statement rows (:func:`~stancemap.extract.records.row`) of one document's ``text``.

    ``official``: (actor, speaker) when the document is an official text of that publisher; ``date``:
    the document's ISO day (dated titles in transcript labels); ``authors``: the people who speak in
    an official text's own voice when its title names them ("Statement by Press Secretary …",
    :func:`document_authors`), else the publisher does; ``meeting``: the people who met by its title
    (a function without arguments that returns :func:`document_meeting`'s answer), for "the two leaders"
    when its first sentence names nobody; ``title``: the document's title, where a transcript may name
    in full a speaker its labels name by surname (:func:`~stancemap.extract.turns.resolve_named`);
    ``remarks``: the people a "Remarks by …" title names (:func:`document_remarks`), the authors of an
    official text without turn labels (a speech as prepared for delivery)."""
    if not text.strip():
        return []
    labels = find_labels(text, matchers, date, single=official is not None, title=title)
    if remarks and not labels and not authors:
        authors = remarks
    region_end = preamble_end(text, labels)
    region_start = headline_end(text, region_end)
    rows: list[tuple] = []
    if region_start < region_end:
        principal, principal_title = publisher_principal(matchers, official, date)

        def region_rows(start: int, end: int, voices: tuple[Speaker, ...]) -> list[tuple]:
            ix = build_index(matchers, text, start, end, meeting, official is not None, principal,
                             principal_title, date, official[0] if official is not None else None)
            if ix is None:
                return []
            return article_rows(ix, official, author_names(matchers, official, voices), voices,
                                ACCOUNT_OF_MEETING.search(title) is not None)

        intro = full_remarks(matchers, text, region_start, region_end, date) \
            if official is not None and not labels else None
        if intro is None:
            rows = region_rows(region_start, region_end, authors)
        else:       # "Below are the full remarks by First Lady …:": the rest of the page is her speech
            split, speaker = intro
            rows = region_rows(region_start, split, authors) + region_rows(split, region_end, (speaker,))
    if labels:
        reports, claimed = turn_reports(matchers, text, labels, date)
        rows = rows + reports + [r for r in turn_rows(text, labels) if not covered_any(claimed, r[0], r[1])]
    return [r for r in rows if has_words(text, r[0], r[1])]


#: An official text's announcement that a person's speech follows: "Below are the full remarks by First Lady …, as
#: prepared for delivery:", "Here are First Lady …’s full remarks, as prepared for delivery, at …", "The full
#: remarks by First Lady … are below, as prepared for delivery."
FULL_REMARKS = re.compile(r"(?m)^[ \t]*(?:(?:Here|Below)\s+(?:are|is)\s+[^.\n:]{0,80}?full\s+(?:remarks|speech|text)\b"
                          r"|The\s+full\s+(?:remarks|speech|text)\s+(?:by|of)\s+[^.\n:]{0,80}?\s+(?:are|is)\s+below\b)"
                          r"[^\n]*(?:\n[^\n]+)*")


def full_remarks(matchers: Matchers, text: str, start: int, end: int, date: str | None) -> tuple[int, Speaker] | None:
    """Where an official text's announcement of a person's full remarks (:data:`FULL_REMARKS`) ends, and that
    person (the first registry person it names); None without one."""
    m = FULL_REMARKS.search(text, start, end)
    if m is None:
        return None
    for mm in matchers.mention_re.finditer(text, m.start(), m.end()):
        member = matchers.resolve_on(mm.group(), date)
        if member is not None and member.kind == "person":
            return m.end(), member_speaker(member)
    return None


#: A letter.
_LETTER = re.compile(r"[^\W\d_]")
#: A section's or list item's number alone: "Sec.", "Sec. 2.", "(b)", "iv.".
_ITEM_LABEL = re.compile(r"(?i)(?:sec(?:tion)?\.?\s*\d*|\(?[a-z]\)|[ivx]{1,4})\.?")
#: An editor's sentence: a parenthesis in the third person ("(The President signs the bill.)", "(The Minister
#: also spoke about …)") and the page's end marks ("END", "To be continued.").
_EDITORS = re.compile(r"\((?:The|A|An)\s[^()]*\)\.?|END|To be continued\.")


def has_words(text: str, s: int, e: int) -> bool:
    """Whether span ``s..e`` has someone's words: not punctuation or a number alone (".", "1.", "—" left between
    stage directions), a section's or list item's label ("Sec." of an executive order, "(b)"), nor an editor's
    sentence (:data:`_EDITORS`: a stage direction inside a line of speech, a transcript's "END")."""
    return _LETTER.search(text, s, e) is not None and _ITEM_LABEL.fullmatch(text, s, e) is None \
        and _EDITORS.fullmatch(text, s, e) is None


def publisher_principal(matchers: Matchers, official: tuple[str, str] | None,
                        date: str | None) -> tuple[Member | None, str]:
    """The person who heads an official text's publisher on ``date`` and the title they hold: the
    registry's ``head:`` title ("Office of the President of Ukraine" → Volodymyr Zelenskyy, "President of
    Ukraine"), or the names of the member ``head:`` names ("President Quill"); (None, "") when the text
    is not official or the registry names no person."""
    if official is None or not official[1]:
        return None, ""
    inst = matchers.resolve(official[1])
    head = matchers.registry.head_of(official[1], date)
    if inst is None or head is None or head.kind != "person":
        return None, ""
    return head, inst.head if matchers.resolve(inst.head) is None else "; ".join(head.names)


#: A that-clause opens here: "said that |…".
THAT_BEFORE = re.compile(r"\bthat\s+\Z")


def named_person(matchers: Matchers, sp: Speaker) -> bool:
    """A speaker who is a named person: a registry person, or a name of capitalised words without a
    title ("Lena Voss", not "the Senate", "Prime Minister", "The Bible")."""
    if not sp.resolved or sp.kind != "person" or not sp.name:
        return False
    member = matchers.resolve(sp.name)
    if member is not None:
        return member.kind == "person"
    words = sp.name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and not not_a_name_word(words[0]) \
        and not PERSON_TITLE_WORDS.search(sp.name) and not INSTITUTION_WORDS.search(sp.name)


def turn_reports(matchers: Matchers, text: str, labels: list[Label],
                 date: str | None = None) -> tuple[list[tuple], list[tuple[int, int]]]:
    """Reported speech inside transcript turns: "Sullivan and his counterparts reaffirmed their
    commitment that …" in the press secretary's turn is Sullivan's (one row per speaker) — a
    clausal report (not "thank you", "confirmed 18 nominees": an object) of named people other than
    the turn's speaker. Returns the rows and the spans they claim (those sentences are no longer the
    turn speaker's)."""
    rows: list[tuple] = []
    claimed: list[tuple[int, int]] = []
    for i, label in enumerate(labels):
        if label.kind != "direct":
            continue
        end = labels[i + 1].start if i + 1 < len(labels) else len(text)
        for lo, hi in report_windows(text, label.body, end):
            ix = build_index(matchers, text, lo, hi, date=date)
            if ix is not None:
                _turn_attributions(ix, matchers, text, label, rows, claimed)
    return rows, sorted(claimed)


#: The words before a cue that make it the speaker's own ("I said", "we agreed", "as you know").
_OWN_CUE = re.compile(r"\b(?:I|[Ww]e|[Yy]ou|[Ii]t)(?:\s+(?:have|had|would|will|also|just|already|once|again|\w+ly)){0,2}\s+\Z")


_THIRD = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[A-Z][a-z’'\-]+\s+[A-Z][a-z’'\-]+|(?:Mr|Ms|Mrs|Dr)\.?\s+[A-Z]|"
                    r"(?<=[a-z,] )[A-Z][a-z’'\-]+)")


def third_person_before(text: str, lo: int, cue: int) -> bool:
    """Whether someone other than the speaker may be the subject of a cue: a name, a title + name, or
    he/she/they before it in its sentence ("as President Putin noted", "Sullivan stressed")."""
    cut = max(text.rfind(". ", lo, cue), text.rfind("\n", lo, cue))
    s = cut + 1 if cut >= 0 else lo
    if _THIRD.search(text, s, cue) is not None:
        return True
    first = text[s:cue].split()[:1]
    return bool(first) and first[0][:1].isupper() and first[0].casefold() not in stopwords()


def report_windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where a turn may report someone else: each cue not of the speaker ("I said", "we agreed"),
    with the sentence before it (pronouns) and its own sentence, windows merged."""
    out: list[tuple[int, int]] = []
    for m in CUE_RE.finditer(text, start, end):
        cs = m.start()
        if _OWN_CUE.search(text, max(start, cs - 40), cs) or not third_person_before(text, max(start, cs - 60), cs):
            continue
        lo = cs
        for _ in range(2):      # back to the start of the previous sentence
            lo = max(text.rfind(". ", start, lo - 1), text.rfind("\n", start, lo - 1))
            if lo < 0:
                break
        lo = start if lo < 0 else lo + 1
        hi = text.find(". ", m.end(), end)
        nl = text.find("\n", m.end(), end)
        hi = min(x for x in (hi + 1 if hi >= 0 else end, nl if nl >= 0 else end, end))
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _turn_attributions(ix: DocIndex, matchers: Matchers, text: str, label: Label, rows: list[tuple],
                       claimed: list[tuple[int, int]]) -> None:
    """The accepted reports of one window of a turn (:func:`turn_reports`), added to ``rows``/``claimed``."""
    if True:
        for a in article_attributions(ix):
            clausal = a.kind in ("direct", "mixed") or a.rule in ("according", "post-posed") \
                or THAT_BEFORE.search(text, max(0, a.start - 6), a.start) is not None
            if a.kind == "continuation" or not clausal or CUES.get(a.cue, ("", "that", ""))[1] == "object" \
                    or not all(named_person(matchers, sp) for sp in a.speakers) \
                    or any(sp.name == label.speaker.name for sp in a.speakers):
                continue
            ss = ix.sents[ix.sent_idx(min(a.start, a.head))][0]
            se = ix.sents[ix.sent_idx(max(a.end - 1, a.cue_start, a.head))][1]
            for sp in a.speakers:
                rows.append(row(a.start, a.end, sp, a.cue, a.kind, ss, se, a.confidence))
            claimed.append((min(a.start, a.head), max(a.end, a.cue_end)))


def headline_end(text: str, limit: int) -> int:
    """Skip a headline: a short first line without final punctuation, followed by more text."""
    m = LINE.search(text)
    if not m or m.end() >= limit or "\n" not in text[m.end():limit]:
        return 0
    line = m.group()
    if len(line.split()) <= 30 and not HEADLINE_END.search(line) and ":" not in line:
        return m.end()
    return 0


#: A line that is a date or note in brackets: "(January 25, 2025)".
_BRACKETED = re.compile(r"[(\[][^()\[\]]*[)\]]")


#: An editor's note in square brackets, anywhere: Hansard's "[Interruption.]", "[Hon. Members: “More!”]",
#: "[Official Report, 3 March 2020; Vol. 672, c. 152.]".
EDITORIAL_NOTE = re.compile(r"\[[^\[\]]*\]")


#: An editor's note that ends a sentence: "… and we can—[Hon. Members: “How?”]", "….[Official Report, …]".
TRAILING_NOTE = re.compile(r"\s*\[[^\[\]]*\]\Z")


def not_a_statement(text: str, s: int, e: int) -> bool:
    """A heading, dateline, salutation or editor's note, not the author's words: a whole line without final
    punctuation ("Beginning of Russian-Serbian talks", "East Room"), a line in capitals ("PRESIDENT TRUMP", a
    signature "JOSEPH R. BIDEN JR."), a bracketed line ("(January 25, 2025)"), a salutation alone ("Dear
    friends!"), or a sentence that is a note in square brackets (:data:`EDITORIAL_NOTE`: the Commons'
    "[Interruption.]" was 242 of the Prime Ministers' statements)."""
    if SALUTATION.fullmatch(text, s, e) or EDITORIAL_NOTE.fullmatch(text, s, e):
        return True
    whole_line = (s == 0 or text[s - 1] == "\n") and (e == len(text) or text[e] == "\n")
    if not whole_line:
        return False
    if _BRACKETED.fullmatch(text, s, e):
        return True
    line = text[s:e]
    if line.upper() == line != line.lower():
        return True     # a line in capitals: a heading, or a signature ("JOSEPH R. BIDEN JR.", "THE WHITE HOUSE,")
    return HEADLINE_END.search(line) is None and len(line.split()) <= 12


def document_authors(matchers: Matchers, title: str, date: str | None, actor: str,
                     text: str = "") -> tuple[Speaker, ...]:
    """The speakers of an official text's own voice that its title names
    (:func:`~stancemap.extract.names.title_authors`; ``text``: the document's, whose opening may show an
    address): registry members as such, other named people with the publisher's ``actor`` (they write in
    its name)."""
    found = title_authors(title, lambda label: own_title(matchers, label, date, actor), text[:200])
    return author_speakers(found, actor)


def document_remarks(matchers: Matchers, title: str, date: str | None, actor: str) -> tuple[Speaker, ...]:
    """The speakers a "Remarks by …" title names (:func:`~stancemap.extract.names.remarks_authors`), as
    :func:`document_authors` gives them: a text of remarks without turn labels is their prepared speech."""
    return author_speakers(remarks_authors(title, lambda label: own_title(matchers, label, date, actor)), actor)


def author_speakers(found: list[tuple[Member | None, str]], actor: str) -> tuple[Speaker, ...]:
    """Title authors as speakers: registry members as such, other named people with the publisher's ``actor``."""
    return tuple(Speaker(m.actor, m.name, "person") if m is not None else Speaker(actor, name, "person")
                 for m, name in found)


def own_title(matchers: Matchers, label: str, date: str | None, actor: str) -> Member | None:
    """A title-page author's member: a bare title on the publisher's own pages is its side's ("President's
    address" on Kyiv's pages is the President of Ukraine's, not the holder of the registry's "the President"),
    else the label's member that day."""
    if matchers.registry.resolve(label) is None:
        own = side_title(matchers.registry, label, actor, lambda x: matchers.resolve_label(x, date))
        if own is not None:
            return own
    return matchers.resolve_label(label, date)


def document_meeting(matchers: Matchers, title: str, date: str | None,
                     official: tuple[str, str] | None) -> tuple[Speaker, ...]:
    """The people who met, by an official text's page title: the persons it names ("Telephone conversation
    with President of Eastport Lena Voss"), and first the head of the publisher on ``date`` (the
    registry's ``head:``; "Kremlin" → the President of Russia that day) unless the title opens with a
    person ("Ada Quill met with …") or names one of the publisher's group; () for other texts."""
    if official is None or not title:
        return ()
    named = named_persons(matchers, title, 0, len(title), date=date, titled=True)
    found = [Speaker(sp.actor, sp.name, sp.kind) for sp in named]
    opens = bool(found) and title.lstrip().startswith(found[0].name) or \
        any(m.start() == 0 and (x := matchers.resolve(m.group())) is not None and x.kind == "person"
            for m in matchers.mention_re.finditer(title, 0, 60))
    head = matchers.registry.head_of(official[1], date) if official[1] else None
    if head is not None and head.kind == "person" and not opens and \
            all(sp.actor != official[0] and sp.name != head.name for sp in found):
        found.insert(0, member_speaker(head))
    return tuple(found)


def author_names(matchers: Matchers, official: tuple[str, str] | None,
                 authors: tuple[Speaker, ...] = ()) -> frozenset[str]:
    """Names under which an official text's author may refer to itself ("The Ministry welcomes …"; in a
    person's speech, the institutions of their actor group: "The European Union calls on …")."""
    if official is None:
        return frozenset()
    names = {official[1], *(a.name for a in authors)}
    m = matchers.resolve(official[1]) if official[1] else None
    if m is not None:
        names.add(m.name)
        if m.kind == "person":
            # a speech or address: "The European Union calls on …" in the speech of the EU's
            # representative is the speaker's own voice, not a report of the institution
            names.update(x.name for x in matchers.registry.members if x.actor == m.actor and x.kind != "person")
    return frozenset(names)


def article_attributions(ix: DocIndex) -> list[Attribution]:
    """Every attribution of the region, resolved, in reading order: quotations by their marks,
    reported speech, "This was stated by X", then quotations nobody claimed."""
    q = attribute_quotes(ix)
    atts = list(q.attributions)
    atts += reported_attributions(ix, find_heads(ix, q.cues), q.quotes)
    atts += passive_by(ix, atts)
    atts += unclaimed_quotes(ix, q.quotes, atts)
    return resolve_all(ix, atts)


#: A title that gives an account of someone's meeting: "Statement by NSC Spokesperson … on National Security
#: Advisor …’s Call with …", "Statement from Secretary … on Call with …" (a readout in a person's name).
ACCOUNT_OF_MEETING = re.compile(r"(?i)(?:[’']s|\bon)\s+(?:[\w-]+\s+){0,2}(?:call|meeting|visit|trip|conversation)s?"
                                r"\s+(?:with|to)\b")


def article_rows(ix: DocIndex, official: tuple[str, str] | None, authors: frozenset[str],
                 voices: tuple[Speaker, ...] = (), account: bool = False) -> list[tuple]:
    """Rows of the region's attributions; in an official text, the author's own sentences too — of
    the publisher, or of each of ``voices`` (the authors its title names) — except the sentences that
    carry on a report (:func:`carried_reports`; ``account``: the title says the text recounts a meeting,
    where a report carries on even in a person's name)."""
    rows: list[tuple] = []
    claimed: list[tuple[int, int]] = []
    reports: dict[int, tuple[Speaker, ...]] = {}
    own_account: list[tuple[int, int]] = []
    cut: list[int] = []           # ends of reports cut before the narrator's main clause
    for a in article_attributions(ix):
        if official is not None and (not all(sp.resolved for sp in a.speakers)
                                     or a.kind != "direct" and all(sp.name in authors for sp in a.speakers)):
            # in an official text an unresolvable "they said …" and the author's own "The Ministry
            # welcomes …" are the author's account: they stay official sentences
            own_account.append((min(a.start, a.head), max(a.end, a.cue_end)))
            continue
        kind = "direct" if a.kind == "continuation" else a.kind
        ss = ix.sents[ix.sent_idx(min(a.start, a.head))][0]
        se = ix.sents[ix.sent_idx(max(a.end - 1, a.cue_start, a.head))][1]
        for sp in a.speakers:
            rows.append(row(a.start, a.end, sp, a.cue, kind, ss, se, a.confidence))
        if a.kind == "direct":
            for b in embedded_quotes(ix, (a,)):       # “Oduya told me ‘…’”: the inner words are Oduya's too
                rows.extend(row(b.start, b.end, sp, b.cue, b.kind, ss, se, b.confidence) for sp in b.speakers)
        claimed.append((min(a.start, a.head), max(a.end, a.cue_end)))
        if a.rule == "reported-main":
            cut.append(a.end)
        if a.kind in ("indirect", "mixed") and len(a.speakers) == 1 and named_person(ix.matchers, a.speakers[0]) \
                and CUES.get(a.cue.lower(), ("", "that", ""))[1] != "object":
            # one person's report with content can go on in the next sentences; "X thanked Y for Z" and
            # "The two leaders stressed …" (the account goes on: "They also discussed …") cannot
            reports[ix.sent_idx(a.end - 1)] = tuple(a.speakers)
    if official is not None:
        actor, name = official
        own = voices or (Speaker(actor, name, "institution"),)
        spans = sorted(claimed)
        person_voice = not account and any(speaks_as_person(ix.matchers, sp) for sp in own)
        carried = carried_reports(ix, reports, sorted(claimed + own_account), authors, actor, person_voice)
        for i, (s, e) in enumerate(ix.sents):
            if covered_any(spans, s, e):
                tail = narrator_tail(ix.text, spans, cut, s, e)
                if tail is not None and i not in carried:
                    rows.extend(row(tail, e, sp, "", "official", s, e, 0.9) for sp in own)
                continue
            if not_a_statement(ix.text, s, e):
                continue
            n = TRAILING_NOTE.search(ix.text, s, e)     # "… and we can—[Hon. Members: “How?”]": the note is not theirs
            ce = e if n is None else n.start()
            for sp in carried.get(i, own):
                rows.append(row(s, ce, sp, "", "official" if i not in carried else "indirect", s, e,
                                0.9 if i not in carried else 0.6))
    return rows


def speaks_as_person(matchers: Matchers, sp: Speaker) -> bool:
    """Whether an official text's voice ``sp`` is a person's: a registry person, an author its title names,
    or a name outside the registry that is no institution's ("José Manuel García Margallo" at the UN)."""
    m = matchers.resolve(sp.name) if sp.name else None
    if m is not None:
        return m.kind == "person"
    if sp.kind == "person":
        return True
    words = sp.name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words if w.isalpha() and len(w) > 3) \
        and INSTITUTION_WORDS.search(sp.name) is None and sp.name != sp.actor


def narrator_tail(text: str, spans: list[tuple[int, int]], cut: list[int], s: int, e: int) -> int | None:
    """Where the narrator's own main clause starts after a report in sentence ``[s, e)`` that the
    report's rules cut there (``cut``: their ends; "If Moscow claims that A, | the West should B";
    "X announced new details, and | our task is …"), or None."""
    i = bisect.bisect_left(spans, (e, -1))
    inside = [(a, b) for a, b in spans[max(0, i - 8):i] if b > s and a < e]
    if not inside:
        return None
    end = max(b for _, b in inside)
    if end >= e or end not in cut or not (MAIN_CLAUSE.match(text, end) or JOINED_CLAUSE.match(text, end)):
        return None
    m = TAIL_LEAD.match(text, end)
    return m.end() if len(text[m.end():e].split()) >= 3 else None


#: The comma and conjunction before a narrator's main clause.
TAIL_LEAD = re.compile(r",\s+(?:(?:and|but|then)\s+)?")


def carried_reports(ix: DocIndex, reports: dict[int, tuple[Speaker, ...]], claimed: list[tuple[int, int]],
                    authors: frozenset[str], side: str = "",
                    person_voice: bool = False) -> dict[int, tuple[Speaker, ...]]:
    """Sentences of an institution's account that carry on a person's reported speech: "Kalimatov reported
    that payments were on schedule. A retirement home has been built …" — the sentences after a report, in
    its paragraph, without an attribution of their own (``claimed``, the author's own "they said"
    included) and naming no person or title (then the publisher narrates again: "The two leaders
    also discussed …", "Attention was drawn to …"). A sentence in the first person ends the report too when
    the report is another side's than the text's (``side``): "we" is then the author's. In an
    institution's account of its own side's people "we" can be theirs ("Podolyak noted that … . We just have
    to understand …"). In a person's own text (``person_voice``: a speech, an answer in Parliament) nothing
    carries on: a speaker relays others in a clause and goes on in their own voice ("As Winston Churchill
    said, if you do not take change by the hand, … . This requires …"; "What he said about Chagos was … .
    That was his purpose."). ``reports``: sentence index → the speakers of a report that ends in it."""
    out: dict[int, tuple[Speaker, ...]] = {}
    if person_voice:
        return out
    text = ix.text
    carry: tuple[Speaker, ...] | None = None
    for i, (s, e) in enumerate(ix.sents):
        if i in reports:
            carry = reports[i]
            continue
        if carry is None:
            continue
        prev_end = ix.sents[i - 1][1]
        if "\n" in text[prev_end:s] or covered_any(claimed, s, e) or names_someone(ix, s, e, authors) \
                or FIRST_PERSON.search(text, s, e) and any(sp.actor not in (side, UNATTRIBUTED) for sp in carry):
            carry = None
            continue
        out[i] = carry
    return out


#: The first person: the author's voice, not the third person of a reported speech.
FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|us|[Oo]ur|[Mm]y|me)\b")


def names_someone(ix: DocIndex, s: int, e: int, authors: frozenset[str]) -> bool:
    """Whether sentence ``s..e`` has a speaker of its own: it names a person (a registry person, the
    author, a title such as "the President", a name) or has a speech verb."""
    if any(m.kind == "person" or m.name in authors for _, _, m in ix.mentions_between(s, e)):
        return True
    text = ix.text
    c = bisect.bisect_left(ix.cue_starts, s)
    if c < len(ix.cue_starts) and ix.cue_starts[c] < e:
        return True     # a speech verb of its own ("They said more."), resolved or not
    if PERSON_TITLE_WORDS.search(text, s, e) or PERSON_PLURALS.search(text, s, e) or PASSIVE_REPORT.search(text, s, e):
        return True
    sw = stopwords()
    for m in NAME_PAIR.finditer(text, s, e):
        a, b = m.group(1), m.group(2)
        if a.casefold() not in sw and b.casefold() not in sw and not INSTITUTION_WORDS.search(m.group()):
            return True
    return False


#: Two capitalised words in a row: a person's name when neither is a function word or an
#: institution's word ("Mahmoud-Ali Kalimatov", not "The Ministry" or "Russian Federation").
NAME_PAIR = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
#: The publisher's agentless account of what was said: "Attention was drawn to …", "It was noted …".
PASSIVE_REPORT = re.compile(r"(?i)\b(?:was|were|been)\s+(?:\w+ly\s+)?(?:noted|emphasi[sz]ed|stressed|drawn|"
                            r"expressed|discussed|agreed|exchanged|paid|underlined|underscored|pointed\s+out|"
                            r"raised|voiced|reaffirmed|confirmed|welcomed|highlighted|mentioned|said|stated)\b")


#: People named by their part in a readout: "the leaders", "the two sides", "the heads of state".
PERSON_PLURALS = re.compile(r"(?i)\b(?:leaders|presidents|sides|parties|heads\s+of\s+state|counterparts|"
                            r"participants|delegations|interlocutors)\b")
