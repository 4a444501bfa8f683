"""The reference data migrations load (Thailand's divisions, the operations manual, the DLTV
problem categories and observation rubric), loaded again after a transactional test emptied the
database: the tests that follow in the same process expect it."""

from __future__ import annotations


def reload_reference_data() -> None:
    from django.apps import apps

    from dlict.dltv.defaults import problems_load
    from dlict.dltv.models import ProblemCategory
    from dlict.processes.manual_data import manual_load
    from dlict.processes.models import Process
    from dlict.schools.divisions import load_divisions
    from dlict.schools.models import District, Province, SubDistrict
    from dlict.supervision.defaults import rubric_load
    from dlict.supervision.models import Rubric

    if not SubDistrict.objects.exists():
        load_divisions(Province, District, SubDistrict)
    if not Process.objects.exists():
        manual_load(apps.get_model)
    if not ProblemCategory.objects.exists():
        problems_load(apps.get_model)
    if not Rubric.objects.exists():
        rubric_load(apps.get_model)
