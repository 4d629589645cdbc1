"""Public dataset registry: describe, fetch, verify and load real statement corpora.

The registry (``corpora/datasets.yaml``) describes each dataset — upstream
repository pinned to a commit, raw URL and sha256 of every file, licence,
attribution and citation — and never holds the texts. Files live in a data
directory that mirrors the upstream layout::

    DATA/<dataset name>/<relative path>

``DATA`` is the ``data_dir`` argument, else the ``STANCEMAP_DATA`` environment
variable, else a per-user cache (``pooch.os_cache("stancemap")``; the policy is
:func:`stancemap.paths.data_dir`). Offline and in CI,
``STANCEMAP_DATA=../shared/datasets`` serves them.

Nothing here touches the network unless you call :func:`fetch` (or
``stancemap datasets fetch``) with downloads allowed; every file is checked
against its sha256 before it is read, and a changed file is refused.

Loaders turn each dataset into the documents table (``schema.DOCUMENT_COLUMNS``,
then a few dataset-specific columns), with provenance on every row; ``text`` is
``raw_text`` repaired by :func:`stancemap.clean.repair_text` (the cleaning
contract of :mod:`stancemap.clean`)::

    >>> docs = load_dataset("ungdc-2014-2024", countries=["UKR"])   # doctest: +SKIP

Modules: ``registry`` (the registry), ``store`` (data directory, hashes, fetch,
verify, list, info), ``documents`` (the documents table and helpers the loaders
share), ``press``, ``ungdc``, ``whitehouse`` and ``ukparliament`` (the loaders),
``loaders`` (:func:`load_dataset`), ``labelrefs`` (labels stored by reference — dataset, record,
character span — hydrated from the data directory). Each row's ``provenance`` ends with the
attribution line its licence requires (the registry's ``credit``);
:func:`dataset_credits` lists them for a figure's source note.
"""
from __future__ import annotations

from ..clean import clean_whitespace, restore_turn_breaks, turn_labels, unwrap_lines
from ..paths import DATA_ENV
from .documents import (dataset_credits, dedupe_by_date_title, dedupe_by_text, dedupe_by_url, normalize_url, parse_pgu_date,
                        same_title)
from .loaders import LOADERS, load_dataset
from .press import (load_kremlin_kyiv, load_ukraine_official, load_zelensky_addresses, load_zelensky_speeches,
                    load_zelensky_speeches_2023)
from .registry import RAW_URL, DataFile, Dataset, get_dataset, load_registry, raw_url
from .store import (USER_AGENT, dataset_info, dataset_path, fetch, list_datasets, resolve_data_dir, sha256_file,
                    verify_dataset)
from .ukparliament import UK_PM_EXTRA_COLUMNS, UKRAINE_KEYWORDS, load_uk_pm_commons
from .ungdc import UNGDC_EXTRA_COLUMNS, UngdcActors, load_ungdc, load_ungdc_actors, ungdc_speakers
from .whitehouse import PAGE_TYPES, WHITEHOUSE_EXTRA_COLUMNS, load_whitehouse, page_type, signed_by

__all__ = ["DATA_ENV", "LOADERS", "PAGE_TYPES", "RAW_URL", "UKRAINE_KEYWORDS", "UK_PM_EXTRA_COLUMNS",
           "UNGDC_EXTRA_COLUMNS", "USER_AGENT", "WHITEHOUSE_EXTRA_COLUMNS", "DataFile", "Dataset", "UngdcActors",
           "clean_whitespace", "dataset_credits", "dataset_info", "dataset_path", "dedupe_by_date_title", "dedupe_by_text",
           "dedupe_by_url", "fetch", "get_dataset", "list_datasets", "load_dataset", "load_kremlin_kyiv",
           "load_registry", "load_uk_pm_commons", "load_ukraine_official", "load_ungdc", "load_ungdc_actors",
           "load_whitehouse", "load_zelensky_addresses", "load_zelensky_speeches", "load_zelensky_speeches_2023",
           "normalize_url", "page_type", "parse_pgu_date", "raw_url", "resolve_data_dir", "restore_turn_breaks",
           "same_title", "sha256_file", "signed_by", "turn_labels", "ungdc_speakers", "unwrap_lines", "verify_dataset"]
