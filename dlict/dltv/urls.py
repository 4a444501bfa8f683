from django.urls import path

from dlict.dltv import views

app_name = "dltv"

urlpatterns = [
    path("week/", views.week, name="week"),
]
