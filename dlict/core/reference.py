"""Reference data: what the apps' migrations load and every installation has (Thailand's
administrative divisions, the operations manual, the DLTV problem categories and rubric).

A test that empties the database (a browser test, a test of concurrent saves) leaves the tests after
it without that data; ``reload_reference_data()`` loads it again. Each app registers, in its
``AppConfig.ready``, a loader that loads its part when it is missing::

    reference.register(divisions_reload)

Loaders run in the order of ``INSTALLED_APPS``, so an app's data can lean on the apps below it.
"""

from __future__ import annotations

from collections.abc import Callable

ReferenceLoader = Callable[[], None]
_LOADERS: list[ReferenceLoader] = []


def register(loader: ReferenceLoader) -> None:
    if loader not in _LOADERS:
        _LOADERS.append(loader)


def reload_reference_data() -> None:
    """Load every app's reference data that is missing, in the order the apps registered it
    (their ``ready`` runs in the order of ``INSTALLED_APPS``)."""
    for loader in _LOADERS:
        loader()
