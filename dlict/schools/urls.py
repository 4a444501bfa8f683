from django.urls import path, re_path

from dlict.schools import views

app_name = "schools"

urlpatterns = [
    path("", views.school_list_view, name="list"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.school_export, name="export"),
    path("add/", views.school_add, name="add"),
    path("import/", views.school_import, name="import"),
    path("options/districts/", views.district_options, name="district-options"),
    path("options/sub-districts/", views.sub_district_options, name="sub-district-options"),
    path("<int:pk>/", views.school_detail, name="detail"),
    path("<int:pk>/edit/", views.school_edit, name="edit"),
]
