"""The observation rubric shipped with the product (version 1, ``data/rubric.yaml``)."""

from pathlib import Path
from typing import Any

import yaml

RUBRIC_FILE = Path(__file__).resolve().parent / "data" / "rubric.yaml"


def numbered_sections(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sections with their items numbered 1.1, 1.2, … 2.1: the numbers are the items' codes,
    fixed within a rubric version."""
    return [
        {
            "title": section["title"],
            "items": [
                {"code": f"{n}.{m}", "text": text}
                for m, text in enumerate(section["items"], start=1)
            ],
        }
        for n, section in enumerate(sections, start=1)
    ]


def rubric_load(get_model: Any, app_label: str = "supervision") -> None:
    """Write the shipped rubric, version 1 (``get_model`` is ``apps.get_model`` in a migration;
    the DLTV app's migration 0006 wrote it before the model moved here, hence ``app_label``).
    A version never changes once written: a changed rubric ships as version 2, by a migration."""
    data = yaml.safe_load(RUBRIC_FILE.read_text(encoding="utf-8"))
    get_model(app_label, "Rubric").objects.get_or_create(
        office=None,
        version=1,
        defaults={
            "name": data["name"],
            "scale": data["scale"],
            "bands": data["bands"],
            "sections": numbered_sections(data["sections"]),
        },
    )
