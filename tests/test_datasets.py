"""stancemap.datasets: registry, data directory, hash checks, fetch, loaders.

Hash, tamper, missing-file and download tests run on a tiny fictional dataset
built in tmp_path (downloads come from file:// URLs, never the network); the
loader tests read the real datasets in ../shared/datasets and skip without them.
"""
from __future__ import annotations

import hashlib
import re
import time
import urllib.request
import warnings
from pathlib import Path

import pandas as pd
import pytest
import yaml

from stancemap import datasets as ds
from stancemap.datasets import store
from stancemap.errors import StancemapError
from stancemap.schema import DOCUMENT_COLUMNS, UNATTRIBUTED

FAKE = "fake-corpus"
FAKE_FILES = {"notes/a.txt": b"alpha\n", "sub dir/b.csv": b"x,y\n1,2\n", "m/c.txt": b"gamma\n"}


def make_fake(tmp_path: Path, **overrides) -> tuple[Path, Path]:
    """A fictional dataset: upstream files under tmp/upstream (served as file:// URLs),
    two listed in the registry and one in a sha256sum manifest. Returns (registry, data dir)."""
    up = tmp_path / "upstream"
    for rel, data in FAKE_FILES.items():
        (up / rel).parent.mkdir(parents=True, exist_ok=True)
        (up / rel).write_bytes(data)
    digest = {rel: hashlib.sha256(data).hexdigest() for rel, data in FAKE_FILES.items()}
    (tmp_path / "fake.sha256").write_text(f"{digest['m/c.txt']}  m/c.txt\n", encoding="utf-8")
    spec = {"description": "A fictional corpus for tests.", "repo": "example/fake", "commit": "0" * 40,
            "license": "CC0 1.0", "attribution": "Fictional test data.", "citation": "None.",
            "base_url": up.as_uri(),
            "files": [{"path": "notes/a.txt", "sha256": digest["notes/a.txt"]},
                      {"path": "sub dir/b.csv", "sha256": digest["sub dir/b.csv"]}],
            "manifest": "fake.sha256"}
    spec.update(overrides)
    reg = tmp_path / "registry.yaml"
    reg.write_text(yaml.safe_dump({"datasets": {FAKE: spec}}), encoding="utf-8")
    return reg, tmp_path / "data"


def install_fake(reg: Path, data: Path) -> Path:
    """Copy the fake upstream files into the data directory (as a finished fetch would)."""
    root = data / FAKE
    for rel, content in FAKE_FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(content)
    return root


# --------------------------------------------------------------------------- registry

SIX = ["kremlin-kyiv-press-2021-2022", "uk-pm-commons-2019-2026", "ungdc-2014-2024", "whitehouse-2021-2026",
       "zelensky-speeches-2022", "zelensky-speeches-2022-2023"]


def test_bundled_registry_describes_the_six_datasets():
    reg = ds.load_registry()
    assert sorted(reg) == SIX
    assert len(reg["whitehouse-2021-2026"].files) == 2878  # from its manifest
    ungdc = reg["ungdc-2014-2024"]
    assert len(ungdc.files) == 2134  # 2,132 speeches + the speakers table + the upstream readme
    assert sum(f.path.endswith(".txt") and "/TXT/" in f.path for f in ungdc.files) == 2132
    for d in reg.values():
        assert re.fullmatch(r"[0-9a-f]{40}", d.commit)
        assert d.license and d.attribution and d.citation and d.loader in ds.LOADERS
        for f in d.files:
            assert re.fullmatch(r"[0-9a-f]{64}", f.sha256)
            assert f.url == ds.raw_url(d.repo, d.commit, f.path)
            assert " " not in f.url
    assert "Session%2069%20-%202014/USA_69_2014.txt" in ungdc.file(
        "data/data_original/TXT/Session 69 - 2014/USA_69_2014.txt").url


def test_bundled_hashes_agree_with_the_shared_readme(datasets_dir):
    # every hash the shared README names in the section of a registered dataset is in the registry
    readme = (datasets_dir / "README.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## (\S+)\n(.*?)(?=^## |\Z)", readme, flags=re.M | re.S))
    registry = ds.load_registry()
    assert set(registry) <= set(sections), "a registered dataset has no section in the shared README"
    for name, d in registry.items():
        named = set(re.findall(r"sha256\s+`([0-9a-f]{64})`", sections[name]))
        assert named <= {f.sha256 for f in d.files}, name
        if not named:  # a many-file dataset (a manifest): the README gives the number of files
            counts = {int(n.replace(",", "")) for n in re.findall(r"(\d[\d,]*) files", sections[name])}
            assert len(d.files) in counts, name


def test_unknown_dataset_lists_valid_names_and_suggests():
    with pytest.raises(StancemapError) as e:
        ds.get_dataset("ungdc")
    msg = str(e.value)
    assert "'ungdc' not found" in msg and "zelensky-speeches-2022" in msg
    assert "Did you mean 'ungdc-2014-2024'?" in msg and "stancemap datasets list" in msg
    with pytest.raises(StancemapError, match="Did you mean 'kremlin-kyiv-press-2021-2022'"):
        ds.dataset_path("kremlin-kiev-press-2021-2022")


def test_registry_problems_are_named(tmp_path):
    reg, _ = make_fake(tmp_path, files=[{"path": "notes/a.txt"}])
    with pytest.raises(StancemapError, match="missing required key 'sha256'"):
        ds.load_registry(reg)
    reg, _ = make_fake(tmp_path, files=[{"path": "notes/a.txt", "sha256": "abc"}])
    with pytest.raises(StancemapError, match=r"files\[0\]\.sha256\): value 'abc' is not valid.*64 hex digits"):
        ds.load_registry(reg)
    with pytest.raises(StancemapError, match="lacks repo"):
        ds.load_registry({"datasets": {"x": {"commit": "1", "license": "CC0", "files": []}}})
    with pytest.raises(StancemapError, match="does not exist"):
        ds.load_registry(tmp_path / "nope.yaml")


def test_data_dir_argument_then_env_then_user_cache(monkeypatch, tmp_path):
    import pooch

    monkeypatch.delenv(ds.DATA_ENV, raising=False)
    assert ds.resolve_data_dir() == Path(pooch.os_cache("stancemap"))
    monkeypatch.setenv(ds.DATA_ENV, str(tmp_path / "env"))
    assert ds.resolve_data_dir() == tmp_path / "env"
    assert ds.resolve_data_dir(tmp_path / "arg") == tmp_path / "arg"
    assert ds.dataset_path("zelensky-speeches-2022") == tmp_path / "env" / "zelensky-speeches-2022"


def test_list_and_info(tmp_path):
    reg, data = make_fake(tmp_path)
    table = ds.list_datasets(data, registry=reg)
    assert list(table.columns) == ["name", "description", "license", "files", "upstream", "local", "path"]
    assert table.loc[0, "local"] == "missing" and table.loc[0, "files"] == 3
    root = install_fake(reg, data)
    assert ds.list_datasets(data, registry=reg).loc[0, "local"] == "complete"
    (root / "m/c.txt").unlink()
    assert ds.list_datasets(data, registry=reg).loc[0, "local"] == "partial"
    info = ds.dataset_info(FAKE, registry=reg)
    assert info["n_files"] == 3 and info["license"] == "CC0 1.0"
    urls = {f["path"]: f["url"] for f in info["files"]}
    assert urls["sub dir/b.csv"].endswith("/sub%20dir/b.csv") and urls["m/c.txt"].startswith("file:")


# --------------------------------------------------------------------------- hashes and fetch

def test_fetch_verifies_present_files(tmp_path):
    reg, data = make_fake(tmp_path)
    root = install_fake(reg, data)
    assert ds.fetch(FAKE, data, download=False, registry=reg) == root
    table = ds.verify_dataset(FAKE, data, registry=reg)
    assert table["status"].tolist() == ["ok", "ok", "ok"]


def test_tampered_file_is_refused_with_both_hashes_and_the_fix(tmp_path):
    reg, data = make_fake(tmp_path)
    root = install_fake(reg, data)
    (root / "sub dir/b.csv").write_bytes(b"x,y\n1,3\n")
    expected = hashlib.sha256(FAKE_FILES["sub dir/b.csv"]).hexdigest()
    actual = hashlib.sha256(b"x,y\n1,3\n").hexdigest()
    for download in (False, True):  # a download never papers over a changed file
        with pytest.raises(StancemapError) as e:
            ds.fetch(FAKE, data, download=download, registry=reg)
        msg = str(e.value)
        assert "'sub dir/b.csv'" in msg and expected in msg and actual in msg
        assert "rm " in msg and f"stancemap datasets fetch {FAKE}" in msg
    assert ds.verify_dataset(FAKE, data, registry=reg)["status"].tolist() == ["ok", "changed", "ok"]


def test_missing_files_offline_say_how_to_get_them(tmp_path):
    reg, data = make_fake(tmp_path)
    with pytest.raises(StancemapError) as e:
        ds.fetch(FAKE, data, download=False, registry=reg)
    msg = str(e.value)
    assert "does not exist" in msg and f"stancemap datasets fetch {FAKE}" in msg and "STANCEMAP_DATA" in msg
    root = install_fake(reg, data)
    (root / "notes/a.txt").unlink()
    with pytest.raises(StancemapError, match=r"lacks 1 of 3 file\(s\), e.g. 'notes/a.txt'"):
        ds.fetch(FAKE, data, download=False, registry=reg)


def test_fetch_downloads_only_missing_files_and_verifies_them(tmp_path, monkeypatch):
    reg, data = make_fake(tmp_path)
    root = install_fake(reg, data)
    (root / "sub dir/b.csv").unlink()
    (root / "m/c.txt").unlink()
    calls = []
    real = store.download_file
    monkeypatch.setattr(store, "download_file", lambda url, dest, sha: (calls.append(url), real(url, dest, sha)))
    assert ds.fetch(FAKE, data, registry=reg, workers=2) == root
    assert sorted(u.rsplit("/", 1)[-1] for u in calls) == ["b.csv", "c.txt"]
    assert (root / "sub dir/b.csv").read_bytes() == FAKE_FILES["sub dir/b.csv"]
    assert not list(root.rglob("*.part"))
    calls.clear()
    ds.fetch(FAKE, data, registry=reg)  # everything present: no download
    assert calls == []


def test_download_with_wrong_hash_saves_nothing(tmp_path):
    reg, data = make_fake(tmp_path, files=[{"path": "notes/a.txt", "sha256": "0" * 64}], manifest=None)
    with pytest.raises(StancemapError) as e:
        ds.fetch(FAKE, data, registry=reg)
    assert "expected " + "0" * 64 in str(e.value) and "nothing was saved" in str(e.value)
    assert not (data / FAKE / "notes/a.txt").exists()
    assert not list((data / FAKE).rglob("*.part"))


def test_unreachable_url_is_a_clear_error(tmp_path):
    reg, data = make_fake(tmp_path, base_url=(tmp_path / "gone").as_uri(), manifest=None)
    with pytest.raises(StancemapError, match="Could not download .*notes/a.txt.*internet"):
        ds.fetch(FAKE, data, registry=reg, workers=1)


def test_loading_never_touches_the_network(tmp_path, monkeypatch):
    def no_network(*a, **k):
        raise AssertionError("network used")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    with pytest.raises(StancemapError, match="not available offline"):
        ds.load_dataset("zelensky-speeches-2022", tmp_path)
    with pytest.raises(StancemapError, match="stancemap datasets fetch ungdc-2014-2024"):
        ds.load_dataset("ungdc-2014-2024", tmp_path, countries=["UKR"])


# --------------------------------------------------------------------------- loader helpers (constructed data)
# (the text repair the loaders use is tested in test_clean.py)

def test_normalize_url_and_dedupe():
    assert ds.normalize_url("https://www.Example.org/a/b/?q=1#x") == "example.org/a/b"
    assert ds.normalize_url("http://example.org/a/b") == "example.org/a/b"
    docs = pd.DataFrame({"doc_id": ["x1", "x2", "x3", "x4", "x5"],
                         "source_url": ["https://e.org/n/1", "http://www.e.org/n/1/", "https://e.org/n/2", "", ""]})
    with pytest.warns(UserWarning, match="1 of 5 documents repeat"):
        out = ds.dedupe_by_url(docs)
    assert out["doc_id"].tolist() == ["x1", "x3", "x4", "x5"] and out.attrs["duplicates_removed"] == 1
    assert len(docs) == 5  # input untouched


def test_dedupe_by_text_drops_a_page_posted_twice_and_keeps_what_is_said_again():
    """whitehouse-2021-2026 posts some pages twice on one day: counted once, with a warning. The same
    words weeks later, or a short utterance ("No."), are said again and kept."""
    page = "THE PRESIDENT: We want a ceasefire, and we want it now. " * 5
    docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d", "e", "f", "g"],
                         "date": ["2025-03-13", "2025-03-13", "2025-04-14", "2025-03-13", "2025-03-13", "", ""],
                         "text": [page, page.replace(" ", "  ").replace(". ", ".\n\n"), page, "No.", "No.",
                                  page + "More.", page + "More."]})
    with pytest.warns(UserWarning, match="2 of 7 documents repeat an earlier document's text of the same date"):
        out = ds.dedupe_by_text(docs)
    assert out["doc_id"].tolist() == ["a", "c", "d", "e", "f"] and out.attrs["duplicates_removed"] == 2
    assert len(docs) == 7  # input untouched
    assert ds.dedupe_by_text(docs.drop(columns="date")).attrs["duplicates_removed"] == 3  # no dates: text alone


def test_dedupe_by_text_drops_a_briefing_posted_again_a_day_later_and_keeps_a_memorandum_reissued_weeks_apart():
    """Found in whitehouse-2021-2026: four briefings and gaggles were posted on two dates a day or two
    apart (2022-07-19/20, 2023-10-30/31, 2024-02-17/19, 2024-11-17/18); drawdown memoranda are re-issued
    in the same words weeks apart, and each issue is its own act."""
    briefing = "Q: Is there a ceasefire? A: We are working on it every day. " * 5
    memo = "By the authority vested in me I hereby delegate the functions under section 506. " * 3
    docs = pd.DataFrame({"doc_id": ["b1", "m1", "b2", "m2", "m3", "b3"],
                         "date": ["2022-07-19", "2022-04-13", "2022-07-20", "2022-04-21", "2022-04-14", "2022-07-23"],
                         "text": [briefing, memo, briefing, memo, memo, briefing]})
    with pytest.warns(UserWarning, match=r"2 of 6 documents .* at most 2 day\(s\) apart \(2 of them\)"):
        out = ds.dedupe_by_text(docs)
    # b2 is b1 a day later, m3 is m1 a day later; m2 (8 days) and b3 (4 days after b1) are kept
    assert out["doc_id"].tolist() == ["b1", "m1", "m2", "b3"] and out.attrs["duplicates_removed"] == 2
    same_day_only = ds.dedupe_by_text(docs, max_days=0)
    assert same_day_only.attrs["duplicates_removed"] == 0 and len(same_day_only) == 6
    with pytest.raises(StancemapError, match=r"max_days must be a whole number of days ≥ 0.*got -1"):
        ds.dedupe_by_text(docs, max_days=-1)


def test_parse_pgu_date():
    assert ds.parse_pgu_date("24 July 2022 - 22:02") == "2022-07-24"
    assert ds.parse_pgu_date("3 March 2022 - 09:15") == "2022-03-03"
    assert ds.parse_pgu_date("yesterday") == ""


def test_ungdc_actor_maps():
    default = ds.load_ungdc_actors()
    assert default.codes["USA"] == "us" and default.codes["RUS"] == "russia" and default.codes["UKR"] == "ukraine"
    assert {c for c, g in default.codes.items() if g == "europe"} == {"EU", "DEU", "FRA", "GBR", "ITA", "ESP", "POL"}
    assert default.unmapped == "skip"
    assert ds.load_ungdc_actors({"north": ["nor"], "south": ["SWE"]}).codes == {"NOR": "north", "SWE": "south"}
    assert ds.load_ungdc_actors({"NOR": "north"}).codes == {"NOR": "north"}
    with pytest.raises(StancemapError, match="mapped to both"):
        ds.load_ungdc_actors({"actors": {"a": ["NOR"], "b": ["NOR"]}})
    with pytest.raises(StancemapError, match="'unmapped' policy 'drop' not found"):
        ds.load_ungdc_actors({"actors": {"a": ["NOR"]}, "unmapped": "drop"})


# --------------------------------------------------------------------------- loaders on the shared data

@pytest.fixture(scope="module")
def press(datasets_dir):
    return ds.load_dataset("kremlin-kyiv-press-2021-2022", datasets_dir)


@pytest.fixture(scope="module")
def ungdc_all(datasets_dir):
    t = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = ds.load_dataset("ungdc-2014-2024", datasets_dir, all_countries=True)
    return docs, [str(w.message) for w in caught], time.perf_counter() - t


def _check_documents(docs: pd.DataFrame, license: str) -> None:
    assert list(docs.columns[:len(DOCUMENT_COLUMNS)]) == DOCUMENT_COLUMNS
    assert docs["doc_id"].is_unique
    assert (docs["doc_kind"] == "official").all() and (docs["language"] == "en").all()
    assert (docs["license"] == license).all()
    assert docs["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert docs["source_url"].str.startswith("http").all() and docs["outlet"].ne("").all()
    assert docs["provenance"].str.contains("dataset (", regex=False).all() and docs["text"].str.len().gt(0).all()


def test_shared_datasets_verify(datasets_dir):
    for name in ds.load_registry():
        assert ds.fetch(name, datasets_dir, download=False) == datasets_dir / name


def test_kremlin_kyiv_loader(press):
    _check_documents(press, "CC BY 4.0")
    assert press["doc_actor"].value_counts().to_dict() == {"ukraine": 980, "russia": 816}
    kremlin = press[press["doc_actor"] == "russia"]
    assert (kremlin["doc_speaker"] == "Kremlin").all()
    assert (kremlin["outlet"] == "Kremlin press service (en.kremlin.ru)").all()
    assert kremlin["doc_id"].str.fullmatch(r"kremlin-\d+").all()
    assert kremlin["date"].min() == "2021-10-24" and kremlin["date"].max() == "2022-06-24"
    kyiv = press[press["doc_actor"] == "ukraine"]
    assert (kyiv["doc_speaker"] == "Office of the President of Ukraine").all()
    assert kyiv["doc_id"].str.fullmatch(r"pgu-\d+").all()
    assert kremlin["provenance"].str.contains("134450b5183c05bcbaac31d87e0e0ed65d54986e").all()
    # flattened transcripts get one line per turn; the site's name tooltips are gone
    turns = kremlin["text"].map(ds.turn_labels)
    assert turns.map(len).gt(0).sum() >= 250
    labels = [lab for t in turns for lab, _, _ in t]
    assert labels.count("Vladimir Putin") > 800 and "Question" in labels
    assert not any(re.search(r"\b(\w+) \1\b", lab) for lab in labels)
    assert not kremlin["text"].str.contains("Shoigu Shoigu").any()


def test_zelensky_speeches_loader(datasets_dir):
    docs = ds.load_dataset("zelensky-speeches-2022", datasets_dir)
    _check_documents(docs, "CC BY 4.0")
    assert len(docs) == 273
    assert (docs["doc_actor"] == "ukraine").all() and (docs["doc_speaker"] == "Volodymyr Zelenskyy").all()
    assert docs["date"].min() == "2021-07-28" and docs["date"].max() == "2022-07-24"


def test_ukraine_official_deduplicates_by_url(datasets_dir):
    with pytest.warns(UserWarning, match="227 of 1253 documents repeat"):
        docs = ds.load_ukraine_official(datasets_dir)
    assert len(docs) == 1026 and docs.attrs["duplicates_removed"] == 227
    assert docs["source_url"].map(ds.normalize_url).is_unique and docs["doc_id"].is_unique
    # where both datasets hold an address, the speeches copy (speaker Zelenskyy) is kept
    assert (docs["doc_speaker"] == "Volodymyr Zelenskyy").sum() == 273


def test_ungdc_default_actors_and_speakers(datasets_dir):
    with pytest.warns(UserWarning, match=r"1 of 110 UNGDC speeches have no row .*\(EU 2014\)"):
        docs = ds.load_dataset("ungdc-2014-2024", datasets_dir)
    _check_documents(docs, "CC0 1.0")
    assert docs["doc_actor"].value_counts().to_dict() == {"europe": 77, "us": 11, "russia": 11, "ukraine": 11}
    row = docs.set_index("doc_id").loc["ungdc-UKR_77_2022"]
    assert row["title"] == "UN General Debate 2022: Ukraine" and row["date"] == "2022-09-20"
    assert row["doc_speaker"] == "Volodymyr Zelenskyy" and row["speaker_post"] == "President"
    assert row["session"] == 77 and row["year"] == 2022 and row["country_code"] == "UKR"
    usa = docs[docs["country_code"] == "USA"].set_index("year")["doc_speaker"]
    assert usa[2017] == "Donald Trump" and usa[2014] == "Barack Obama"  # "Mr." removed
    # stop 51: the speakers table writes "Giorgia Meloni," for Italy 2023 (64 statements under a name the registry lacked)
    assert docs.set_index("doc_id").loc["ungdc-ITA_78_2023", "doc_speaker"] == "Giorgia Meloni"
    assert not docs["doc_speaker"].str.contains(r"[,;]\s*$").any()
    assert docs["source_url"].str.startswith("https://raw.githubusercontent.com/SarahFranzen/").all()
    assert docs.attrs["unmatched_speakers"] == 1


def test_ungdc_all_countries(ungdc_all):
    docs, caught, seconds = ungdc_all
    assert len(docs) == 2132
    assert docs["doc_actor"].value_counts()[UNATTRIBUTED] == 2022
    assert any("2022 of 2132 UNGDC speeches are from countries not in the actor map" in m for m in caught)
    assert any("1 of 2132 UNGDC speeches have no row" in m for m in caught)
    assert docs.groupby("year").size().to_dict() == {2014: 194, 2015: 193, 2016: 194, 2017: 196, 2018: 196,
                                                     2019: 195, 2020: 193, 2021: 194, 2022: 193, 2023: 192,
                                                     2024: 192}
    # the xlsx's mistyped codes (POR, ZFA, PKR) are corrected
    by_id = docs.set_index("doc_id")["doc_speaker"]
    assert by_id["ungdc-PRT_71_2016"] == "Marcelo Rebelo de Sousa" and by_id["ungdc-ZAF_71_2016"] == "Jacob Zuma"
    assert seconds < 60, f"loading the UNGDC took {seconds:.1f} s"


def test_ungdc_text_has_pdf_wrapping_undone(ungdc_all):
    docs = ungdc_all[0].set_index("doc_id")
    text = docs.loc["ungdc-USA_69_2014", "text"]
    assert not re.search(r"\n[a-z]", text) and "\n\n" in text
    assert docs.loc["ungdc-USA_69_2014", "raw_text"].count("\n") > 3 * text.count("\n")
    assert not docs["text"].str.contains(r"[^\n]\n[a-z]").any()


def test_ungdc_filters_and_custom_map(datasets_dir):
    with pytest.warns(UserWarning, match="2 of 4 UNGDC speeches are from countries not in the actor map"):
        docs = ds.load_dataset("ungdc-2014-2024", datasets_dir, countries=["ukr", "CHN"], years=[2022, 2023])
    assert sorted(docs["doc_id"]) == ["ungdc-CHN_77_2022", "ungdc-CHN_78_2023", "ungdc-UKR_77_2022",
                                      "ungdc-UKR_78_2023"]
    assert docs.set_index("country_code")["doc_actor"].to_dict() == {"CHN": UNATTRIBUTED, "UKR": "ukraine"}
    custom = ds.load_dataset("ungdc-2014-2024", datasets_dir, actors_map={"baltic": ["EST", "LVA", "LTU"]},
                             years=[2024])
    assert sorted(custom["country_code"]) == ["EST", "LTU", "LVA"] and (custom["doc_actor"] == "baltic").all()
    with pytest.raises(StancemapError, match="Country code 'UKR1' not found.*Did you mean 'UKR'"):
        ds.load_dataset("ungdc-2014-2024", datasets_dir, countries=["UKR1"])
    with pytest.raises(StancemapError, match="Year '2013' not found"):
        ds.load_dataset("ungdc-2014-2024", datasets_dir, years=[2013])


def test_load_dataset_rejects_unknown_options(datasets_dir):
    with pytest.raises(StancemapError, match="Option for 'ungdc-2014-2024' 'country' not found.*'countries'"):
        ds.load_dataset("ungdc-2014-2024", datasets_dir, country=["UKR"])


def test_package_keeps_the_public_names_of_the_old_module():
    for name in ["DATA_ENV", "LOADERS", "RAW_URL", "UNGDC_EXTRA_COLUMNS", "USER_AGENT", "DataFile", "Dataset",
                 "UngdcActors", "clean_whitespace", "dataset_info", "dataset_path", "dedupe_by_url", "fetch",
                 "get_dataset", "list_datasets", "load_dataset", "load_kremlin_kyiv", "load_registry",
                 "load_ukraine_official", "load_ungdc", "load_ungdc_actors", "load_zelensky_speeches",
                 "normalize_url", "parse_pgu_date", "raw_url", "resolve_data_dir", "restore_turn_breaks",
                 "sha256_file", "turn_labels", "ungdc_speakers", "unwrap_lines", "verify_dataset"]:
        assert hasattr(ds, name), name
    assert sorted(ds.__all__) == sorted(n for n in vars(ds) if n in ds.__all__)


def test_loader_warnings_point_at_the_caller(tmp_path):
    docs = pd.DataFrame({"doc_id": ["a", "b"], "source_url": ["https://e.org/1", "https://e.org/1"]})
    with pytest.warns(UserWarning) as record:
        ds.dedupe_by_url(docs)
    assert record[0].filename == __file__


# --------------------------------------------------------------------------- a dataset's file given as one's own

def _sized_fake(tmp_path: Path) -> tuple[Path, Path]:
    """The fake registry with sizes given for its listed files, and its data directory filled."""
    digest = {rel: hashlib.sha256(b).hexdigest() for rel, b in FAKE_FILES.items()}
    reg, data = make_fake(tmp_path, files=[
        {"path": "notes/a.txt", "sha256": digest["notes/a.txt"], "size": len(FAKE_FILES["notes/a.txt"])},
        {"path": "sub dir/b.csv", "sha256": digest["sub dir/b.csv"], "size": len(FAKE_FILES["sub dir/b.csv"])}])
    install_fake(reg, data)
    return reg, data


def test_registered_files_are_found_by_size_then_sha256(tmp_path):
    reg, data = _sized_fake(tmp_path)
    same_size = tmp_path / "other.txt"
    same_size.write_bytes(b"omega\n")                    # the size of notes/a.txt, not its bytes
    copy = tmp_path / "copy.csv"
    copy.write_bytes(FAKE_FILES["sub dir/b.csv"])        # a copy outside the data directory counts too
    paths = [data / FAKE / "notes/a.txt", same_size, copy, tmp_path / "missing.txt", data / FAKE / "m/c.txt"]
    found = store.registered_files(paths, registry=reg)
    assert found == [(str(data / FAKE / "notes/a.txt"), FAKE, "notes/a.txt"), (str(copy), FAKE, "sub dir/b.csv")]
    # m/c.txt is in the manifest, which gives no size: not looked at (no file is hashed for it)
