from django.urls import path, re_path

from dlict.core import views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("jobs/", views.job_list_view, name="jobs"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/errors.csv", views.job_errors_csv, name="job-errors"),
    re_path(
        r"^jobs/(?P<pk>[0-9]+)/(?P<action>confirm|retry|cancel)/$",
        views.job_action,
        name="job-action",
    ),
    path("audit/", views.audit_view, name="audit"),
    path("about/", views.about, name="about"),
]
