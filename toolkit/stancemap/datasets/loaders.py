"""One entry point: :func:`load_dataset` runs the loader the registry names."""
from __future__ import annotations

import inspect
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ..errors import StancemapError, unknown_value
from .press import load_kremlin_kyiv, load_zelensky_speeches, load_zelensky_speeches_2023
from .registry import get_dataset
from .store import dataset_path
from .ukparliament import load_uk_pm_commons
from .ungdc import load_ungdc
from .whitehouse import load_whitehouse

LOADERS = {"load_kremlin_kyiv": load_kremlin_kyiv, "load_zelensky_speeches": load_zelensky_speeches,
           "load_ungdc": load_ungdc, "load_whitehouse": load_whitehouse, "load_uk_pm_commons": load_uk_pm_commons,
           "load_zelensky_speeches_2023": load_zelensky_speeches_2023}


def load_dataset(name: str, data_dir: str | Path | None = None, *,
                 registry: str | Path | Mapping | None = None, **opts) -> pd.DataFrame:
    """Load dataset ``name`` from the data directory into the documents table.

    No network: a missing file raises a StancemapError with the fetch command.
    ``opts`` go to the dataset's loader (e.g. ``countries=``, ``actors_map=``,
    ``all_countries=``, ``years=`` for the UNGDC; ``sources=`` for
    kremlin-kyiv-press; ``sections=``, ``since=``, ``until=`` for the White
    House pages; ``keywords=`` for the UK Prime Minister's contributions;
    ``dedupe=`` for zelensky-speeches-2022-2023; ``verify=False`` skips the
    sha256 check).
    """
    ds = get_dataset(name, registry)
    loader = LOADERS.get(ds.loader)
    if loader is None:
        where = dataset_path(name, data_dir, registry)
        raise StancemapError(f"Dataset {ds.name!r} has no loader (registry says {ds.loader!r}; known: "
                             f"{', '.join(LOADERS)}). Fetch it and read its files from {where}.")
    params = inspect.signature(loader).parameters
    valid = [p for p in params if p not in ("data_dir", "registry", "name")]
    for k in opts:
        if k not in valid:
            raise unknown_value(f"Option for {ds.name!r}", k, valid)
    return loader(data_dir, registry=registry, name=ds.name, **opts)
