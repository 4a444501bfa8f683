from django.urls import path, re_path

from dlict.dltv import views

app_name = "dltv"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    re_path(
        r"^export/(?P<table>by-month|by-group|by-school|by-office|not-reporting|equipment)\.xlsx$",
        views.dashboard_export,
        name="export",
    ),
    path("week/", views.week, name="week"),
    path("schools/<int:pk>/equipment/", views.equipment, name="equipment"),
]
