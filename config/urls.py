from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path
from django.views.i18n import set_language

from dlict.accounts.views import LoginView
from dlict.api.api import api
from dlict.core.views import healthz

urlpatterns = [
    path("", include("dlict.core.urls")),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("account/", include("dlict.accounts.urls")),
    path("schools/", include("dlict.schools.urls")),
    path("processes/", include("dlict.processes.urls")),
    path("emis/", include("dlict.emis.urls")),
    path("dltv/", include("dlict.dltv.urls")),
    path("dltv/", include("dlict.supervision.urls")),
    path("api/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
