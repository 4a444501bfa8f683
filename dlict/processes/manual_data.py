"""The operations manual's text, read from the data files shipped in ``data/``.

``manual.yaml`` is the transcription of the manual (11 processes, 67 steps, 10 forms; see
``data/README.md``); ``front-matter.yaml`` holds its preface and Part 1. A migration loads the
processes into the database; the front matter is read from the file when the manual is printed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def manual() -> dict[str, Any]:
    with (DATA_DIR / "manual.yaml").open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


@cache
def front_matter() -> dict[str, Any]:
    with (DATA_DIR / "front-matter.yaml").open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def manual_load(get_model: Any) -> None:
    """Write the manual's sections, processes, definitions, steps and forms, replacing what the
    database holds for them (by code and key) so that loading twice changes nothing.

    ``get_model(app_label, name)`` is ``apps.get_model`` in a migration, so this runs against the
    historical models.
    """
    data = manual()
    Section = get_model("processes", "Section")
    Process = get_model("processes", "Process")
    Definition = get_model("processes", "Definition")
    Step = get_model("processes", "Step")
    Form = get_model("processes", "Form")
    ProcessForm = get_model("processes", "ProcessForm")

    forms = {}
    for order, item in enumerate(data["forms"], start=1):
        forms[item["key"]], _new = Form.objects.update_or_create(
            key=item["key"],
            defaults={"order": order, "title_th": item["title_th"], "title_en": item["title_en"]},
        )
    sections = {}
    subjobs = {}
    for item in data["sections"]:
        sections[item["code"]], _new = Section.objects.update_or_create(
            code=item["code"], defaults={"number": item["number"], "title": item["title_th"]}
        )
        for subjob in item["subjobs"]:
            subjobs[subjob["process"]] = subjob
    order_in_section: dict[str, int] = {}
    for item in data["processes"]:
        order_in_section[item["section"]] = order_in_section.get(item["section"], 0) + 1
        process, _new = Process.objects.update_or_create(
            code=item["code"],
            defaults={
                "section": sections[item["section"]],
                "order": order_in_section[item["section"]],
                "manual_number": item["manual_number"],
                "subjob_code": item["subjob"],
                "subjob_title": subjobs[item["code"]]["title_th"],
                "title": item["title_th"],
                "short_name": item.get("short_name") or "",
                "job_name": item.get("job_name_th") or "",
                "objectives": item["objectives"],
                "scope": item["scope_th"],
                "references": item["references"],
            },
        )
        Definition.objects.filter(process=process).delete()
        Definition.objects.bulk_create(
            Definition(
                process=process,
                order=order,
                term=definition["term_th"],
                term_en=definition.get("term_en") or "",
                abbreviation=definition.get("abbreviation") or "",
                text=definition["text_th"],
                citation=definition.get("citation") or "",
            )
            for order, definition in enumerate(item["definitions"], start=1)
        )
        for step in item["steps"]:
            Step.objects.update_or_create(
                process=process,
                n=step["n"],
                defaults={"text": step["text_th"], "kind": step["kind"]},
            )
        ProcessForm.objects.filter(process=process).delete()
        ProcessForm.objects.bulk_create(
            ProcessForm(process=process, form=forms[link["key"]], n=link["n"])
            for link in item["forms"]
        )


def manual_reload() -> None:
    """The manual again after a test emptied the database (a migration loads it first)."""
    from django.apps import apps

    if not apps.get_model("processes", "Process").objects.exists():
        manual_load(apps.get_model)
