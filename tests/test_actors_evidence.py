"""corpora/actors-evidence.csv: the datasets' evidence for the dates of corpora/actors.yaml's titles."""
from __future__ import annotations

import datetime as dt
import re
import warnings

import pandas as pd
import pytest

from stancemap.actors import load_actors
from stancemap.datasets.labelrefs import REF_COLUMNS, hydrate

#: Words of each title that the evidence span must hold (the title as the documents write it).
TITLE_WORDS = {
    "President of the United States": r"President",
    "Vice President of the United States": r"Vice[\s-]+President",
    "US Secretary of State": r"Secretary",
    "US National Security Advisor": r"National\s+Security\s+Advis[eo]r",
    "White House Press Secretary": r"Press\s+Secretary",
    "First Lady of the United States": r"First\s+Lady",
    "US Secretary of Defense": r"Secretary",
    "President of Russia": r"President",
    "President of Ukraine": r"President",
    "Head of the Office of the President of Ukraine": r"Head\s+of\s+the\s+(?:Office|Presiden)|chief\s+of\s+staff",
    "Minister of Foreign Affairs of Ukraine": r"Foreign\s+Minister|Minister\s+(?:of|for)\s+Foreign\s+Affairs",
    "Minister of Defence of Ukraine": r"Defen[cs]e\s+Minister|Minister\s+of\s+Defen[cs]e",
    "Prime Minister of the United Kingdom": r"Prime\s+Minister",
    "UK Foreign Secretary": r"Foreign\s+Secretary",
    "Chancellor of Germany": r"Chancellor",
    "President of France": r"President",
    "Prime Minister of Italy": r"Prime\s+Minister",
    "NATO Secretary General": r"Secretary[\s-]+General",
    "President of the European Commission": r"President",
    "President of the European Council": r"President",
    "EU High Representative for Foreign Affairs": r"High\s+Representative|foreign\s+policy\s+chief",
}
VERDICTS = {"confirmed", "unconfirmed", "open"}
CONFIRM_DAYS = 14


@pytest.fixture(scope="module")
def evidence(root) -> pd.DataFrame:
    return pd.read_csv(root / "corpora" / "actors-evidence.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def registry(root):
    return load_actors(root / "corpora" / "actors.yaml")


def _day(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def test_every_dated_holder_has_first_and_last_evidence_rows(evidence, registry):
    terms = {(r.title, r.name, r.start, r.end) for r in registry.roles}
    rows = evidence[evidence["evidence_kind"].isin(["first", "last"])]
    got = {(t, h, s, e) for t, h, s, e in zip(rows["title"], rows["holder"], rows["registry_start"],
                                              rows["registry_end"])}
    assert got == terms            # the evidence was built on the registry's current dates, all of them
    assert (rows.groupby(["title", "holder", "registry_start"])["evidence_kind"].agg(sorted)
            .map(tuple) == ("first", "last")).all()
    assert set(evidence["verdict"]) <= VERDICTS, "a contradicted date must be fixed in actors.yaml"
    assert not evidence["ref_id"].duplicated().any()
    unconfirmed = evidence[evidence["verdict"] == "unconfirmed"]
    assert (unconfirmed["reason"].str.len() > 10).all()


def test_evidence_dates_are_consistent_with_the_registry(evidence):
    rows = evidence[evidence["evidence_kind"].isin(["first", "last"]) & (evidence["date"] != "")]
    for r in rows.itertuples():
        d = _day(r.date)
        assert _day(r.registry_start) <= d, r.ref_id
        assert not r.registry_end or d <= _day(r.registry_end), r.ref_id
        gap = (d - _day(r.registry_start)).days if r.evidence_kind == "first" else (
            (_day(r.registry_end) - d).days if r.registry_end else None)
        if r.verdict == "confirmed":
            assert gap is not None and gap <= CONFIRM_DAYS, r.ref_id
        if r.evidence_kind == "last" and not r.registry_end:
            assert r.verdict == "open", r.ref_id
        assert r.doc_date >= r.date, r.ref_id         # an event reported later, never earlier
        if r.dataset == "whitehouse-2021-2026":
            assert r.doc_date == r.doc_key[:10], r.ref_id  # the page's date, as its file name gives it
    empty = evidence[evidence["date"] == ""]
    assert (empty["verdict"] == "unconfirmed").all() and (empty["dataset"] == "").all()
    tenure = evidence[evidence["evidence_kind"].str.startswith("tenure")]
    for r in tenure.itertuples():
        expect = r.registry_start if r.evidence_kind == "tenure_start" else (
            (_day(r.registry_end) + dt.timedelta(days=1)).isoformat())   # the successor's first day
        assert r.date == expect and r.verdict == "confirmed", r.ref_id


def test_evidence_spans_hydrate_and_name_the_holder_with_the_title(evidence, datasets_dir):
    refs = evidence[evidence["dataset"] != ""].copy()
    for c in ("char_start", "char_end"):
        refs[c] = refs[c].astype(int)
    with warnings.catch_warnings():
        warnings.simplefilter("error")                    # a dropped row (gone or changed) fails here
        got = hydrate(refs[REF_COLUMNS + ["title", "holder", "evidence_kind", "date"]], datasets_dir,
                      what="actor evidence reference")
    assert len(got) == len(refs) > 60
    for r in got.itertuples():
        span = " ".join(r.text.replace("\\_", " ").replace("\\", " ").split())
        if r.evidence_kind.startswith("tenure"):
            assert r.doc_key == r.holder and span == r.date, r.ref_id
            continue
        assert re.search(TITLE_WORDS[r.title], span, re.I), (r.ref_id, span)
        surname = r.holder.split()[-1][:5]
        assert surname.lower() in span.lower(), (r.ref_id, span)
        assert not re.match(r"(?i)(former|ex-|then-)", span), (r.ref_id, span)
