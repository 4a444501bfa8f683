from django.urls import path, re_path

from dlict.processes import views

app_name = "processes"

urlpatterns = [
    path("manual/", views.manual_view, name="manual"),
    path("manual/operations-manual.pdf", views.manual_pdf, name="manual-pdf"),
    re_path(r"^manual/(?P<code>(?:dl|info)-[0-9]{1,2})/$", views.process_detail, name="process"),
    path("projects/", views.project_list, name="projects"),
    path("projects/start/", views.year_start, name="year-start"),
    re_path(r"^projects/annual-report\.(?P<fmt>pdf|xlsx)$", views.annual_report, name="annual"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project-edit"),
    path("projects/<int:pk>/plan/", views.plan_edit, name="plan"),
    path("projects/<int:pk>/plan/submit/", views.plan_submit, name="plan-submit"),
    path("projects/<int:pk>/plan/decide/", views.plan_decide, name="plan-decide"),
    path("projects/<int:pk>/evaluation/", views.evaluation_edit, name="evaluation"),
    re_path(
        r"^projects/(?P<pk>[0-9]+)/summary-report\.(?P<fmt>pdf|xlsx)$",
        views.summary_report,
        name="summary-report",
    ),
    path("projects/<int:pk>/steps/<int:step>/", views.step_edit, name="step"),
    path(
        "projects/<int:pk>/steps/<int:step>/evidence/", views.evidence_upload, name="evidence-add"
    ),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence-delete"),
    path("approvals/", views.approvals, name="approvals"),
    path("ict/", views.ict_list, name="ict-list"),
    path("ict/add/", views.ict_add, name="ict-add"),
    re_path(r"^ict/report\.(?P<fmt>pdf|xlsx)$", views.ict_report, name="ict-report"),
    path("ict/<int:pk>/", views.ict_detail, name="ict"),
    path("ict/<int:pk>/edit/", views.ict_edit, name="ict-edit"),
    path("ict/<int:pk>/record.pdf", views.ict_record_pdf, name="ict-pdf"),
]
