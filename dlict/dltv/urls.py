from django.urls import path

from dlict.dltv import views

app_name = "dltv"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("week/", views.week, name="week"),
    path("schools/<int:pk>/equipment/", views.equipment, name="equipment"),
]
