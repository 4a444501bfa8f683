from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """Services' messages are matched in English here; the view tests check the pages' Thai."""
    with translation.override("en"):
        yield
