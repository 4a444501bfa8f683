from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class DlictAdminSite(admin.AdminSite):
    """Django's admin, for national administrators only: offices use the product's own screens,
    which are scoped; the admin site is not."""

    site_header = _("DLICT Office administration")
    site_title = _("DLICT Office administration")
    index_title = _("National administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)


class DlictAdminConfig(AdminConfig):
    default_site = "dlict.core.admin_site.DlictAdminSite"
