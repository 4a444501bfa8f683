from django.urls import path, re_path

from dlict.emis import dashboards, views

app_name = "emis"

urlpatterns = [
    path("import/students/", views.import_students, name="import-students"),
    path("import/schools/", views.import_schools, name="import-schools"),
    path("", dashboards.dashboard, name="dashboard"),
    re_path(r"^export/(?P<table>[a-z-]+)\.xlsx$", dashboards.dashboard_export, name="export"),
    path("booklet.pdf", dashboards.booklet, name="booklet"),
    path("map/", dashboards.school_map, name="map"),
    path("open-data/", dashboards.open_data, name="open-data"),
    re_path(
        r"^open-data/(?P<dataset>[a-z-]+)-(?P<year>[0-9]{4})-(?P<data_round>[1-3])\.(?P<fmt>csv|json)$",
        dashboards.open_data_file,
        name="open-data-file",
    ),
    path("map/points.json", dashboards.map_points, name="map-points"),
]
