"""Engines: adapters that run the pandas kernels elsewhere (:mod:`stancemap.engines.dask`).

Nothing in the core (foundation … figures) imports this package; the apps
(:mod:`stancemap.pipeline`, the public ``stancemap.score``, the report, the case
studies) and the CLI dispatch to it for ``engine="dask"``.
"""
