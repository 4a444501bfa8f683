"""Supervision visits (แบบบันทึกนิเทศ กำกับ ติดตามและประเมินผล) and the observation rubric, under
/dltv/ beside the DLTV pages (the phones' service worker looks after /dltv/visits/)."""

from django.urls import path

from dlict.supervision import views

app_name = "supervision"

urlpatterns = [
    path("visits/", views.visits, name="visits"),
    # Outside /dltv/visits/: the phones' service worker keeps no copy of it.
    path("open-findings.xlsx", views.findings_export, name="findings-export"),
    path("visits/sw.js", views.visit_worker, name="visit_worker"),
    path("visits/token/", views.visit_token, name="visit_token"),
    path("visits/sync/", views.visit_sync, name="visit_sync"),
    path("visits/new/<int:school_pk>/", views.visit_new, name="visit_new"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("visits/<int:pk>/record/", views.visit_record, name="visit_record"),
    path("visits/<int:pk>/pdf/", views.visit_print, name="visit_pdf"),
    path("visits/<int:pk>/cancel/", views.visit_cancel, name="visit_cancel"),
    path("visits/photos/<int:pk>/", views.visit_photo, name="visit_photo"),
    path("rubric/", views.rubric, name="rubric"),
    path("rubric/<int:pk>/", views.rubric_version, name="rubric_version"),
]
