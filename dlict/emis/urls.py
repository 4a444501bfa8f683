from django.urls import path

from dlict.emis import views

app_name = "emis"

urlpatterns = [
    path("import/students/", views.import_students, name="import-students"),
]
