"""Let ``stancemap.score(table)`` call the verb while ``stancemap.score`` stays the module."""
from __future__ import annotations

import sys
import types


def make_callable(module_name: str, verb_name: str) -> None:
    """Make module ``module_name`` callable: calling it calls its function ``verb_name``."""
    module = sys.modules[module_name]

    class _VerbModule(types.ModuleType):
        def __call__(self, *args, **kwargs):
            return getattr(self, verb_name)(*args, **kwargs)

    module.__class__ = _VerbModule
