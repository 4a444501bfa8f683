"""Reference data for the tests that empty the database: see ``dlict.core.reference``."""

from dlict.core.reference import reload_reference_data

__all__ = ["reload_reference_data"]
