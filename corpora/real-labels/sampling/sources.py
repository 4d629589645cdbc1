"""Where a loaded document's ``raw_text`` sits in the dataset's raw files, for the sampling rounds.

``record_locations(dataset, docs, root)`` gives, per document of a documents table loaded by
``stancemap.datasets.load_dataset``, the reference columns of ``labels.csv``: ``(file, key_column,
doc_key, field, offset)``, where ``offset`` is added to a statement's ``raw_start``/``raw_end`` to
index the published field (``-10**9`` when the body is not found). Shared by round1.py … round4.py.
"""
import re
from pathlib import Path

import pandas as pd


def record_locations(ds, docs, root):
    """(file, key_column, doc_key, field, offset) per row of ``docs`` (see the module docstring)."""
    out, bodies = [], {}
    for _, d in docs.iterrows():
        path = d["path"].split("/", 1)[1]
        if ds in ("whitehouse-2021-2026", "ungdc-2014-2024"):
            full = (Path(root) / d["path"]).read_bytes().decode("utf-8")
            out.append((path, "file", Path(path).name, "text", full.find(d["raw_text"])))
        elif ds == "kremlin-kyiv-press-2021-2022":
            if path not in bodies:
                t = pd.read_csv(Path(root) / d["path"], dtype=str, keep_default_na=False).drop_duplicates("link")
                bodies[path] = dict(zip(t["link"], t["body"]))
            body = bodies[path].get(d["source_url"], None)
            off = d["raw_text"].rfind(body) if body else -1
            out.append((path, "link", d["source_url"], "body", -off if off >= 0 else -10**9))
        elif ds == "zelensky-speeches-2022":
            out.append((path, "url", d["source_url"], "text", 0))
        elif ds == "zelensky-speeches-2022-2023":
            m = re.search(r"record (\d+)", d["provenance"])
            out.append((path, "row", str(int(m.group(1)) - 1), "speech", 0))
        elif ds == "uk-pm-commons-2019-2026":
            out.append((path, "contribution_ext_id", d["contribution_id"], "contribution_text", 0))
    return out
