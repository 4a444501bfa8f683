"""The DLTV words other modules use too: the grades DLTV broadcasts to and the ways a school
watches. Supervision visits record a classroom in these terms (documented for other modules: they
import this module and ``dlict.dltv.services``, never the models)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# DLTV broadcasts from kindergarten to lower secondary.
DLTV_GRADES = [
    ("k1", pgettext_lazy("grade", "K1")), ("k2", pgettext_lazy("grade", "K2")),
    ("k3", pgettext_lazy("grade", "K3")), ("p1", pgettext_lazy("grade", "P1")),
    ("p2", pgettext_lazy("grade", "P2")), ("p3", pgettext_lazy("grade", "P3")),
    ("p4", pgettext_lazy("grade", "P4")), ("p5", pgettext_lazy("grade", "P5")),
    ("p6", pgettext_lazy("grade", "P6")), ("m1", pgettext_lazy("grade", "M1")),
    ("m2", pgettext_lazy("grade", "M2")), ("m3", pgettext_lazy("grade", "M3")),
]  # fmt: skip
GRADE_LABELS = dict(DLTV_GRADES)


class ViewingChannel(models.TextChoices):
    """How a school watches DLTV (the foundation's context form, section 5.1)."""

    SATELLITE = "satellite", _("Live through the satellite receiver (IRD)")
    INTERNET_LIVE = "internet_live", _("Live on www.dltv.ac.th")
    REPLAY = "replay", _("Replays on the website")
    DOWNLOADS = "downloads", _("Downloaded media or documents")
