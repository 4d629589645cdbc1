"""scikit-learn's estimator conventions for the classifiers, without importing scikit-learn to score.

Importing scikit-learn costs most of a second (it imports ``scipy.stats``), and a saved model
(:mod:`~stancemap.modelfile`) scores with numpy and scipy.sparse alone. So the classifiers follow
scikit-learn's conventions (Buitinck et al. 2013: parameters are the ``__init__`` arguments,
stored as given; fitted state ends in ``_``) through these small mixins instead of inheriting
from ``sklearn.base``: ``sklearn.base.clone``, ``get_params``/``set_params`` (nested
``a__b`` too), the estimator tags and ``score`` work as on scikit-learn's own estimators
(tested), and scikit-learn is imported only where it is needed: to fit, to score with
``score``, to build tags, or to raise its ``NotFittedError``.
"""
from __future__ import annotations

import inspect
from functools import lru_cache


@lru_cache(maxsize=None)
def _param_names(cls) -> tuple[str, ...]:
    """The keyword parameters of ``cls.__init__``, sorted (scikit-learn's rule: no ``*args``)."""
    init = cls.__init__
    if init is object.__init__:
        return ()
    params = [p for p in inspect.signature(init).parameters.values() if p.name != "self"]
    if any(p.kind == p.VAR_POSITIONAL for p in params):
        raise TypeError(f"{cls.__name__}.__init__ must not take *args (scikit-learn's estimator convention).")
    return tuple(sorted(p.name for p in params if p.kind != p.VAR_KEYWORD))


def check_fitted(estimator, attribute: str) -> None:
    """Raise scikit-learn's ``NotFittedError`` (a ``ValueError`` and ``AttributeError``) when
    ``estimator`` has no ``attribute`` yet."""
    if not hasattr(estimator, attribute):
        from sklearn.exceptions import NotFittedError

        raise NotFittedError(f"{type(estimator).__name__} has no {attribute} yet: fit it on texts and labels "
                             "first, or score with a saved model (stancemap.load_model).")


class Params:
    """``get_params``, ``set_params``, a parameter ``repr`` and default tags, as ``sklearn.base.BaseEstimator``."""

    def get_params(self, deep: bool = True) -> dict:
        out = {}
        for name in _param_names(type(self)):
            value = getattr(self, name)
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                out.update((f"{name}__{k}", v) for k, v in value.get_params().items())
            out[name] = value
        return out

    def set_params(self, **params):
        valid = _param_names(type(self))
        nested: dict[str, dict] = {}
        for key, value in params.items():
            name, sep, sub = key.partition("__")
            if name not in valid:
                raise ValueError(f"Invalid parameter {name!r} for estimator {type(self).__name__}. "
                                 f"Valid parameters are: {sorted(valid)!r}.")
            if sep:
                nested.setdefault(name, {})[sub] = value
            else:
                setattr(self, name, value)
        for name, sub in nested.items():
            getattr(self, name).set_params(**sub)
        return self

    def __repr__(self) -> str:
        defaults = {n: p.default for n, p in inspect.signature(type(self).__init__).parameters.items()}
        changed = [f"{n}={getattr(self, n)!r}" for n in _param_names(type(self))
                   if not _same(getattr(self, n), defaults.get(n, inspect.Parameter.empty))]
        return f"{type(self).__name__}({', '.join(changed)})"

    def _tags(self, kind: str | None):
        from sklearn.utils import ClassifierTags, Tags, TargetTags, TransformerTags

        return Tags(estimator_type=kind, target_tags=TargetTags(required=kind == "classifier"),
                    transformer_tags=TransformerTags() if kind is None else None,
                    classifier_tags=ClassifierTags() if kind == "classifier" else None)


def _same(a, b) -> bool:
    try:
        return bool(a is b or a == b)
    except Exception:  # noqa: BLE001 - arrays and the like: count as changed
        return False


class Transformer(Params):
    """A transformer: ``fit_transform`` and the tags of ``sklearn.base.TransformerMixin``."""

    def fit_transform(self, X, y=None, **fit_params):
        return self.fit(X, y, **fit_params).transform(X)

    def __sklearn_tags__(self):
        return self._tags(None)


class Classifier(Params):
    """A classifier: ``score`` (accuracy; subset accuracy for several labels) and the tags of
    ``sklearn.base.ClassifierMixin``."""

    def score(self, X, y, sample_weight=None) -> float:
        from sklearn.metrics import accuracy_score

        return float(accuracy_score(y, self.predict(X), sample_weight=sample_weight))

    def __sklearn_tags__(self):
        return self._tags("classifier")


__all__ = ["Classifier", "Params", "Transformer", "check_fitted"]
